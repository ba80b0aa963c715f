#!/usr/bin/env bash
# Checks the unit files with `systemd-analyze verify`. The units point at /opt/easytask(-agent), which only
# exists on a deployed machine, so each unit is verified from a temporary copy whose binaries are stubs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
for exe in easytask easytask-agent; do
  printf '#!/bin/sh\nexit 0\n' >"$work/bin/$exe"
  chmod 755 "$work/bin/$exe"
done
status=0
for unit in "$here"/*.service; do
  copy="$work/$(basename "$unit")"
  sed -e "s#/opt/easytask-agent/#$work/bin/#g" -e "s#/opt/easytask/#$work/bin/#g" "$unit" >"$copy"
  if output="$(systemd-analyze verify "$copy" 2>&1)" && [[ -z $output ]]; then
    echo "$(basename "$unit"): OK"
  else
    echo "$(basename "$unit"): ${output:-failed}"
    status=1
  fi
done
exit "$status"
