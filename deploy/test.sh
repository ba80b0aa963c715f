#!/usr/bin/env bash
# Runs every test of EasyTask: the README's "run every test" command.
#
#   bash deploy/test.sh [extra dotnet test arguments, e.g. --configuration Release]
#
# Meant for a fresh Debian machine, run as root: it first installs what the tests need and is
# missing (the .NET 10 SDK comes preinstalled), then runs `dotnet test` on the solution. The
# integration tests start their own PostgreSQL and RabbitMQ servers on their own ports, so this
# script installs the servers but never starts them. Results: one TRX file per test project in
# TestResults/ under the repository root, cleared first. The exit code is dotnet test's.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results_dir="$repo_root/TestResults"

export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- apt helpers -------------------------------------------------------------------------------

apt_updated=false
apt_update_once() {
  if [[ $apt_updated == false ]]; then
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=600 update -qq </dev/null
    apt_updated=true
  fi
}

# Debian starts a server's system service as soon as its package is installed. The tests start
# their own throwaway servers, so a policy-rc.d answering 101 ("action forbidden") stands in while
# apt runs; whatever policy-rc.d the machine had before is put back afterwards.
policy_rc=/usr/sbin/policy-rc.d
policy_rc_backup=""
policy_rc_installed=false
forbid_service_starts() {
  if [[ -e $policy_rc ]]; then
    policy_rc_backup="$(mktemp)"
    cp -p "$policy_rc" "$policy_rc_backup"
  fi
  printf '#!/bin/sh\n# Written by EasyTask deploy/test.sh while it installs packages; removed afterwards.\nexit 101\n' >"$policy_rc"
  chmod 755 "$policy_rc"
  policy_rc_installed=true
}
restore_service_starts() {
  if [[ $policy_rc_installed == true ]]; then
    if [[ -n $policy_rc_backup ]]; then mv -f "$policy_rc_backup" "$policy_rc"; else rm -f "$policy_rc"; fi
    policy_rc_installed=false
    policy_rc_backup=""
  fi
}
trap restore_service_starts EXIT

apt_install_without_starting_services() {
  apt_update_once
  log "apt-get install -y $*"
  forbid_service_starts
  local status=0
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" </dev/null || status=$?
  restore_service_starts
  return "$status"
}

# --- what the tests need -----------------------------------------------------------------------

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET 10 SDK (dotnet) is not on PATH; it is expected preinstalled (Debian's packages do not carry it)"
    exit 1
  fi
}

# Examples and tests use IANA zones and legacy aliases such as US/Eastern (a separate
# tzdata-legacy package on newer Debian releases).
ensure_tzdata() {
  if [[ ! -e /usr/share/zoneinfo/America/New_York ]]; then
    apt_install_without_starting_services tzdata
  fi
  if [[ ! -e /usr/share/zoneinfo/US/Eastern ]]; then
    apt_update_once
    if apt-cache show tzdata-legacy >/dev/null 2>&1; then
      apt_install_without_starting_services tzdata-legacy
    fi
  fi
}

# The PostgreSQL contract tests run initdb/postgres from /usr/lib/postgresql/<version>/bin.
ensure_postgresql() {
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    apt_install_without_starting_services postgresql
  fi
}

# ======== ensure_rabbitmq ========
# The broker integration tests start their own rabbitmq-server; only the package is needed.
# apt is not touched at all when the server is already installed, so this never waits on apt.
ensure_rabbitmq() {
  if command -v rabbitmq-server >/dev/null 2>&1 || [[ -x /usr/sbin/rabbitmq-server ]] || [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]]; then
    return 0
  fi
  apt_install_without_starting_services rabbitmq-server
}
# ======== end ensure_rabbitmq ========

# ======== ensure_chromium ========
# The web console's browser tests drive Debian's Chromium through Playwright (never a downloaded browser;
# Playwright's own node driver ships inside its NuGet package and needs no network).
ensure_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    apt_install_without_starting_services chromium
  fi
}

check_playwright_driver() {
  dotnet restore Scheduler.Tests --disable-build-servers </dev/null >/dev/null || return 0
  local driver
  driver="$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.playwright" -path '*/.playwright/node/linux-x64/node' -print -quit 2>/dev/null || true)"
  if [[ -n $driver ]] && "$driver" "$(dirname "$(dirname "$(dirname "$driver")")")/package/cli.js" --version >/dev/null 2>&1; then
    log "Playwright driver starts offline ($driver); browser: /usr/bin/chromium"
  else
    log "Playwright's node driver was not found or does not start; the browser tests will fail"
  fi
}
# ======== end ensure_chromium ========

ensure_dotnet
ensure_chromium
ensure_tzdata
ensure_postgresql
ensure_rabbitmq

# --- run every test ----------------------------------------------------------------------------

rm -rf "$results_dir"
mkdir -p "$results_dir"
cd "$repo_root"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
check_playwright_driver

# --disable-build-servers: no MSBuild node or compiler server outlives the run (CI waits for none).
log "dotnet test EasyTask.sln (TRX files in $results_dir)"
status=0
dotnet test EasyTask.sln --disable-build-servers --logger trx --results-directory "$results_dir" "$@" </dev/null || status=$?
log "dotnet test exited with $status"
exit "$status"
