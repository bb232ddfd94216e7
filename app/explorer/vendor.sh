#!/usr/bin/env bash
# Refresh the vendored JavaScript of the explorer from pinned npm packages: the distributed
# files and each package's licence, copied into static/vendor/. Needs node and npm; running
# the app does not (the files are committed). Bump a version here, run, review the diff.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/static/vendor"
packages=(cytoscape@3.35.0 d3-array@3.2.5 d3-geo@3.1.2 topojson-client@3.1.0 world-atlas@2.0.2)
# package:file pairs, file relative to node_modules/<package>/
files=(
  cytoscape:dist/cytoscape.min.js
  d3-array:dist/d3-array.min.js
  d3-geo:dist/d3-geo.min.js
  topojson-client:dist/topojson-client.min.js
  world-atlas:countries-110m.json
)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact "${packages[@]}" >/dev/null
rm -rf "$out" && mkdir -p "$out"
for pair in "${files[@]}"; do
  package="${pair%%:*}"
  cp "node_modules/$package/${pair#*:}" "$out/"
  cp "node_modules/$package/LICENSE" "$out/$package.LICENSE"
done
printf '%s\n' "${packages[@]}" >"$out/VERSIONS"
echo "vendored into $out:" && ls "$out"
