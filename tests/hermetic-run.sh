#!/bin/sh
# Runs one test (the command given) with a HOME and XDG folders of its own,
# made empty before and removed after, so that no test sees what an earlier
# run, another test, another program or the user left behind. meson runs
# every test and benchmark through this (add_test_setup in tests/meson.build).
set -eu

root=$(mktemp -d "${TMPDIR:-/tmp}/overflight-test.XXXXXX")
cleanup () { rm -rf "$root"; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The Flatpak sandbox test keeps a runtime built from Debian packages between
# runs: a build cache like apt's, checked when used, not state a test reads.
: "${OVERFLIGHT_FLATPAK_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/overflight-flatpak}"
export OVERFLIGHT_FLATPAK_CACHE

mkdir -p "$root/home" "$root/data" "$root/config" "$root/cache" "$root/state"
export HOME="$root/home"
export XDG_DATA_HOME="$root/data"
export XDG_CONFIG_HOME="$root/config"
export XDG_CACHE_HOME="$root/cache"
export XDG_STATE_HOME="$root/state"

status=0
"$@" || status=$?
exit "$status"
