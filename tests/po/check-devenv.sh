#!/bin/bash
# A build-tree run (`meson devenv`, what scripts/run.sh does) finds the
# build's translations and settings schema, as an installed copy would:
# in German the program's help and its messages are German.
# Arguments: MESON BUILD_DIR
set -euo pipefail
meson=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '' >"$work/empty.json"

run_de () {
  LANGUAGE=de LC_ALL=de_DE.UTF-8 "$meson" devenv -C "$build" --workdir "$work" overflight "$@"
}

echo "1..3"
help=$(run_de --help)
if grep -q '^Aufruf:' <<<"$help" && grep -q 'DATENSATZ' <<<"$help"; then
  echo "ok 1 help in German"
else
  echo "not ok 1 help in German"; printf '# %s\n' "$help" | head -5
fi

# A relative path is read from the caller's folder, with a German message.
check=$(run_de --check empty.json 2>&1 || true)
if [ "$check" = "empty.json:1:1: die Datei ist leer" ]; then
  echo "ok 2 messages in German, paths from the caller's folder"
else
  echo "not ok 2 messages in German, paths from the caller's folder"; echo "# $check"
fi

schemas=$("$meson" devenv -C "$build" --dump | sed -n 's/^GSETTINGS_SCHEMA_DIR="\(.*\)"$/\1/p')
if [ -n "$schemas" ] && [ -f "${schemas%%:*}/gschemas.compiled" ]; then
  echo "ok 3 settings schema from the build"
else
  echo "not ok 3 settings schema from the build"; echo "# GSETTINGS_SCHEMA_DIR=$schemas"
fi
