#!/usr/bin/env bash
# Refreshes the console's third-party browser libraries (Scheduler/Web/wwwroot/vendor).
#
#   bash deploy/web-vendor.sh
#
# Runs `npm ci` in Scheduler/Web against its committed package-lock.json and copies each library's
# ES-module dist file and licence into wwwroot/vendor. The copies are committed: building and running
# EasyTask needs no Node, no npm and no internet; only whoever bumps a version in Scheduler/Web/package.json
# runs this (with node 20+ and the npm registry reachable) and commits the result.
set -euo pipefail

web="$(cd "$(dirname "${BASH_SOURCE[0]}")/../Scheduler/Web" && pwd)"
vendor="$web/wwwroot/vendor"
cd "$web"
npm ci --ignore-scripts --no-audit --no-fund
rm -rf "$vendor"
mkdir -p "$vendor"
cp node_modules/cytoscape/dist/cytoscape.esm.min.mjs "$vendor/cytoscape.esm.min.js"
cp node_modules/cytoscape/LICENSE "$vendor/cytoscape.LICENSE.txt"
cp node_modules/cytoscape-dagre/dist/cytoscape-dagre.min.mjs "$vendor/cytoscape-dagre.min.js"
cp node_modules/cytoscape-dagre/LICENSE "$vendor/cytoscape-dagre.LICENSE.txt"
cp node_modules/ansi_up/ansi_up.js "$vendor/ansi_up.js"
cp node_modules/ansi_up/LICENSE "$vendor/ansi_up.LICENSE.txt"
rm -rf node_modules
echo "vendor files refreshed in $vendor:"
ls -la "$vendor"
