#!/usr/bin/env bash
# The web console's speed figures (see BENCHMARKS.md, "Web console"), measured in Chromium through Playwright
# against a real standalone scheduler, and on PostgreSQL for the run list's API:
#   task-runs: 100,000 runs; the API call the Task Runs page makes (no filter, name search, status, since, last
#              page) on SQLite and PostgreSQL, and the page's navigation-to-first-rows time
#   graph:     500 tasks with dependencies laid out by the Tasks & Groups page's graph
#   log:       a finished run with 100 MB of stdout: first/last/middle page and search through the API, and in
#              the page: open the Output tab, first page, search, last page
# Needs /usr/bin/chromium (bash deploy/test.sh installs it; EASYTASK_CHROMIUM overrides) and PostgreSQL's
# binaries (the tests' throwaway server; EASYTASK_BENCH_POSTGRES=0 skips PostgreSQL, whose seeding takes minutes). Figures are printed and written to TestResults/bench-console.txt.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mkdir -p TestResults
rm -f TestResults/bench-console.txt
dotnet build -v quiet Scheduler.Tests >TestResults/bench-console-build.log 2>&1 || { grep -E ' error ' TestResults/bench-console-build.log | sort -u; exit 1; }
EASYTASK_BENCH_CONSOLE=1 dotnet test Scheduler.Tests --no-build --filter "FullyQualifiedName~EasyTask.Scheduler.Tests.Web.ConsoleBenchmarks" \
  --logger "console;verbosity=normal" >TestResults/bench-console.log 2>&1 || { tail -50 TestResults/bench-console.log; exit 1; }
cat TestResults/bench-console.txt
