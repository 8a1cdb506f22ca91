#!/bin/bash
# Installs what is missing, builds Overflight twice (a normal build and a
# clang ASan + UBSan build that also carries the fuzz target), runs every
# test under a virtual display started here, and ends with one line:
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

bash scripts/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

# The converter's pinned npm packages let map/basemap-reproducible rebuild
# the committed basemap byte for byte; without them that test is skipped.
if command -v npm >/dev/null && [ ! -d tools/basemap/node_modules ]; then
  (cd tools/basemap && timeout 600 npm ci --no-audit --no-fund --loglevel=error) ||
    { echo "npm ci failed: the basemap reproducibility test will be skipped"; rm -rf tools/basemap/node_modules; }
fi

failed_steps=0
logs=()

run_suite () {   # build-dir, then extra `meson test` arguments
  local dir="$1"; shift
  xvfb-run -a -s "-screen 0 1600x1000x24" \
    dbus-run-session -- meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"
  logs+=("$dir/meson-logs/testlog.json")
  cp "$dir/meson-logs/testlog.json" "$dir/meson-logs/testlog-$(date +%s%N).json"
}

build () {   # build-dir, then meson setup arguments
  local dir="$1"; shift
  if { [ -d "$dir" ] || meson setup "$dir" "$@"; } && meson compile -C "$dir"; then
    return 0
  fi
  echo "BUILD FAILED: $dir"
  failed_steps=$((failed_steps + 1))
  return 1
}

rm -f _build*/meson-logs/testlog-*.json

if build _build; then
  run_suite _build --no-suite flatpak
  if [ "${OVERFLIGHT_SKIP_FLATPAK:-0}" != 1 ]; then
    run_suite _build --suite flatpak
  fi
fi

# Leak checking covers the model and data layers; GTK and fontconfig keep
# process-lifetime caches that LeakSanitizer would report as leaks.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if CC=clang build _build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=true -Dflatpak_tests=false; then
  ASAN_OPTIONS="detect_leaks=1" run_suite _build-asan --suite model --suite fuzz
  ASAN_OPTIONS="detect_leaks=0" run_suite _build-asan --no-suite model --no-suite fuzz --no-suite flatpak
fi

# Every result of every run counts: a test that passes in one build and fails
# in another is a failure.
python3 - "$failed_steps" _build*/meson-logs/testlog-*.json <<'PY'
import json, sys
passed, failed = 0, int(sys.argv[1])
for path in sys.argv[2:]:
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)["result"]
            if r in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif r != "SKIP":
                failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
