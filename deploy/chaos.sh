#!/usr/bin/env bash
# The chaos run (issue #8): proves that a cluster of two schedulers loses and doubles no run while it is shaken.
#
#   bash deploy/chaos.sh [full|short]      (default full: 5 minutes; short is the form CI runs inside deploy/test.sh)
#
# What it does: starts PostgreSQL (the preinstalled /usr/lib/postgresql/<version>/bin) and a RabbitMQ node of the
# installed rabbitmq-server, both throwaway servers on free 127.0.0.1 ports; two `easytask serve` processes on one
# database and two `easytask-agent` processes, all real processes of this checkout's build; 200 tasks (6-field cron,
# every 10 s; some with retries, some failing their first attempt, some depending on another). During the 5 minutes:
# `kill -9` of the leader 10 times (each restarted), RabbitMQ stopped and started 3 times, `kill -9` of an agent
# 3 times (restarted). Every task appends "run id attempt" to a marker file.
# Then it prints: occurrences due and runs; lost (due without a run), doubled (two runs for one occurrence), stuck
# (not final after the drain), doubled executions (a run attempt in the marker file twice), runs retried against
# their policy; failover gaps (last run created before a leader kill to the first after it) min/median/max; and
# scheduled-to-start lateness during takeovers. Exit code 0 when lost, doubled, stuck, doubled executions and
# policy breaches are all 0 and every failover gap is under 10 s.
#
# The servers and processes are started and checked by the same harness as the CI form (Scheduler.Tests/Chaos,
# reusing the test run's PostgreSQL and RabbitMQ fixtures), so the two forms judge a run in one way; this script picks
# the five-minute plan (EASYTASK_CHAOS=full), keeps the run's folder (process logs, marker file) and prints the figures.
# Environment: EASYTASK_CHAOS_TASKS overrides the number of tasks.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
form="${1:-full}"
case "$form" in full|short) ;; *) echo "usage: bash deploy/chaos.sh [full|short]" >&2; exit 2 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
report="$(mktemp /tmp/easytask-chaos-report-XXXXXX.txt)"
output="$(mktemp /tmp/easytask-chaos-output-XXXXXX.txt)"

echo "[chaos.sh] building (scheduler, agent, harness)" >&2
dotnet build Scheduler.Tests --disable-build-servers -v quiet -nologo >/dev/null

echo "[chaos.sh] $form chaos run starting $(date -u +%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
status=0
EASYTASK_CHAOS="$form" EASYTASK_CHAOS_KEEP=1 EASYTASK_CHAOS_REPORT="$report" \
  dotnet test Scheduler.Tests --no-build --disable-build-servers --filter "Category=Chaos" \
  --logger "console;verbosity=detailed" </dev/null >"$output" 2>&1 || status=$?

echo "[chaos.sh] finished $(date -u +%H:%M:%SZ); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [[ -s $report ]]; then
  cat "$report"
else
  echo "[chaos.sh] the run printed no figures; its output:" >&2
  cat "$output" >&2
fi
grep -E "logs and marker file in|^\s*phases:" "$output" | sed 's/^ *//' | sort -u || true
if [[ $status -ne 0 ]]; then
  grep -E "Expected|But was|Failed " "$output" | sed 's/^ *//' | head -20 || true
  echo "[chaos.sh] FAILED (exit $status); full output in $output" >&2
fi
rm -f "$report"
exit "$status"
