#!/bin/sh
# Re-runs the basemap converter and compares its output with the committed
# data/basemap/world.ovfmap byte for byte. Needs node and the converter's
# npm packages (cd tools/basemap && npm ci); skips with 77 without them.
set -eu
root="$1"
tools="$root/tools/basemap"
if ! command -v node >/dev/null 2>&1 || [ ! -d "$tools/node_modules/world-atlas" ]; then
  echo "SKIP: tools/basemap/node_modules missing (run npm ci there to enable this test)"
  exit 77
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node "$tools/build-basemap.mjs" "$out/world.ovfmap"
if cmp "$out/world.ovfmap" "$root/data/basemap/world.ovfmap"; then
  echo "basemap reproduced byte for byte"
else
  echo "data/basemap/world.ovfmap differs from the converter's output"
  exit 1
fi
