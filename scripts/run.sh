#!/bin/bash
# Installs what is missing, builds Overflight and launches it on the bundled
# dataset (or the files given), straight from the build tree: `meson devenv`
# gives it the build's translations and settings schema, so it speaks the
# user's language as an installed copy would.
set -euo pipefail
here="$PWD"
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

exec meson devenv -C _build --workdir "$here" overflight "$@"
