#!/bin/bash
# Installs what is missing, builds Overflight and launches it on the bundled
# dataset, straight from the build tree.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
exec ./_build/src/overflight "${@:-data/datasets/balloon-2023.json}"
