#!/bin/bash
# sandbox-test.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Overflight's Flatpak manifest from the current tree against a local
# runtime made from Debian packages, bundles it, installs the bundle into a
# private installation, checks its permissions and runs it in the sandbox:
# --version, --check on the bundled dataset, the window under Xvfb (title and
# a screenshot kept in OUT_DIR), a headless --export and a short
# --export-video WebM. Reports TAP.
#
# Usage: sandbox-test.sh SOURCE_ROOT OUT_DIR VERSION
# Environment: OVERFLIGHT_FLATPAK_CACHE (default ~/.cache/overflight-flatpak)
#   keeps the runtime between runs; CI=true turns every skip into a failure.
set -uo pipefail

src=$(realpath "$1")
out=$(realpath -m "$2")
version=$3
app=io.github.overflight.Overflight
suite=${OVF_RUNTIME_SUITE:-trixie}
cache=${OVERFLIGHT_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/overflight-flatpak}
logs=$out/logs
n=0
failed=0

skip_all () {
  if [ "${CI:-}" = true ]; then
    echo "1..1"; echo "not ok 1 - the Flatpak sandbox test cannot run: $1"; exit 1
  fi
  echo "1..0 # SKIP $1"; exit 77
}
# Each result line also gives the seconds the step took.
last=$SECONDS
took () { took="($((SECONDS - last)) s)"; last=$SECONDS; }
ok () { n=$((n + 1)); took; echo "ok $n - $1 $took"; }
not_ok () {
  n=$((n + 1)); failed=$((failed + 1)); took; echo "not ok $n - $1 $took"; shift
  for f in "$@"; do tail -n 30 "$f" | sed 's/^/# /'; done
}
bail () { not_ok "$@"; echo "1..$n"; exit 1; }

[ "$(id -u)" = 0 ] || skip_all "mmdebstrap --mode=root needs root to build the runtime"
for tool in flatpak flatpak-builder mmdebstrap ostree xvfb-run xwininfo import identify compare git; do
  command -v $tool >/dev/null || skip_all "$tool is not installed (scripts/install-deps.sh installs it)"
done

rm -rf "$out"
mkdir -p "$logs" "$out/home" "$out/xdg-run"
chmod 700 "$out/xdg-run"
# Flatpak, the app's ~/.var and GLib all stay inside OUT_DIR; no session bus,
# so nothing on the host (portals, at-spi) is started for the sandbox.
export HOME=$out/home XDG_RUNTIME_DIR=$out/xdg-run
unset DBUS_SESSION_BUS_ADDRESS XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME

# 1. The runtime and SDK, from the cache or from Debian's mirror.
if ! repo=$(bash "$src/flatpak/build-local-runtime.sh" "$cache" 2>"$logs/runtime.log" | tail -n 1) ||
   [ ! -d "$repo" ]; then
  if ! /usr/bin/python3 -c 'import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=20)' "http://deb.debian.org/debian/dists/$suite/InRelease" \
       >/dev/null 2>&1; then
    skip_all "Debian's mirror (deb.debian.org) cannot be reached to build the runtime"
  fi
  bail "local Debian $suite runtime and SDK" "$logs/runtime.log"
fi
ok "local Debian $suite runtime and SDK in $repo"
# The SDK stays installed next to the cached runtime; builds reuse it.
export FLATPAK_USER_DIR=${repo%/repo}/installation

# 2. The real manifest, retargeted at that runtime, built from a clean copy
#    of the tree as it is now (tracked and new files, not ignored ones).
stage=$out/source
mkdir -p "$stage"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$src" && git ls-files -z --cached --others --exclude-standard |
     tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$stage"
else
  tar -C "$src" --exclude='./_build*' --exclude='./.flatpak-builder' -cf - . | tar -xf - -C "$stage"
fi
/usr/bin/python3 "$src/flatpak/derive-local-manifest.py" "$src/flatpak/$app.json" "$stage" "$suite" \
  "$out/$app.json"
fuse=(); [ -c /dev/fuse ] || fuse=(--disable-rofiles-fuse)
if flatpak --user remote-add --if-not-exists --no-gpg-verify local "file://$repo" >"$logs/build.log" 2>&1 &&
   flock "$cache/lock" flatpak --user install -y --noninteractive --or-update local \
     "io.github.overflight.LocalSdk//$suite" \
     "io.github.overflight.LocalPlatform//$suite" >>"$logs/build.log" 2>&1 &&
   flatpak-builder "${fuse[@]}" --user --force-clean --disable-updates \
     --state-dir="$out/state" --repo="$out/repo" "$out/build" "$out/$app.json" >>"$logs/build.log" 2>&1; then
  ok "flatpak-builder builds $app from the manifest"
else
  bail "flatpak-builder builds $app from the manifest" "$logs/build.log"
fi

# 3. The single-file bundle users can install.
bundle=$out/overflight.flatpak
if flatpak build-bundle "$out/repo" "$bundle" $app master >"$logs/bundle.log" 2>&1; then
  ok "bundle $bundle ($(du -h "$bundle" | cut -f1))"
else
  bail "flatpak build-bundle" "$logs/bundle.log"
fi

# 4. A fresh installation with only the Platform, as a user would have.
export FLATPAK_USER_DIR=$out/installation
if flatpak --user remote-add --no-gpg-verify local "file://$repo" >"$logs/install.log" 2>&1 &&
   flatpak --user install -y --noninteractive local "io.github.overflight.LocalPlatform//$suite" \
     >>"$logs/install.log" 2>&1 &&
   flatpak --user install -y --noninteractive --bundle "$bundle" >>"$logs/install.log" 2>&1; then
  ok "the bundle installs next to the Platform alone"
else
  bail "the bundle installs next to the Platform alone" "$logs/install.log"
fi
rm -rf "$out/build" "$out/state"

# 5. The installed sandbox has no holes beyond the display, IPC, GPU and network:
#    no files, no buses, no other devices.
flatpak --user info --show-permissions $app >"$logs/permissions.log" 2>&1
if grep -qx '\[Context\]' "$logs/permissions.log" &&
   ! grep -vxE '\[Context\]|shared=(network;)?ipc;|sockets=x11;wayland;fallback-x11;|devices=dri;|' \
     "$logs/permissions.log" >/dev/null; then
  ok "the installed app's permissions: $(grep -v Context "$logs/permissions.log" | tr '\n' ' ')"
else
  not_ok "the installed app's permissions are the minimal set" "$logs/permissions.log"
fi

# The command-line modes must not need a display.
run () { env -u DISPLAY -u WAYLAND_DISPLAY flatpak run --env=GTK_A11Y=none --env=NO_AT_BRIDGE=1 "$@"; }

# 6. --version inside the sandbox.
if run $app --version >"$logs/version.log" 2>&1 && grep -qx "overflight $version" "$logs/version.log"; then
  ok "flatpak run $app --version prints overflight $version"
else
  not_ok "flatpak run $app --version prints overflight $version" "$logs/version.log"
fi

# 7. --check on the dataset installed in the sandbox.
dataset=/app/share/overflight/datasets/balloon-2023.json
if run $app --check $dataset >"$logs/check.log" 2>&1 && grep -q ": ok" "$logs/check.log"; then
  ok "flatpak run $app --check $dataset: $(head -n 1 "$logs/check.log")"
else
  not_ok "flatpak run $app --check $dataset" "$logs/check.log"
fi

# 8. The window under Xvfb, titled after the bundled dataset it opened, and a
#    screenshot; a map with its path has far more colours than an empty window.
title=$(/usr/bin/python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["title"]
print(t["en"] if isinstance(t, dict) else t)' "$src/data/datasets/balloon-2023.json")
window="\"$title\": (\"overflight\""
shot=$out/overflight-flatpak.png
min_colours=2000
xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" bash -c '
  flatpak run --env=GTK_A11Y=none --env=NO_AT_BRIDGE=1 '$app' >"$1/window.log" 2>&1 & pid=$!
  for i in $(seq 1 120); do
    xwininfo -root -tree 2>/dev/null | grep -qF "$3" && break
    sleep 0.5
  done
  # Tiles arrive one by one; the picture is done once something is drawn
  # and it stops changing.
  import -window root "$2"
  for i in $(seq 1 20); do
    sleep 1.5
    import -window root "$2.next.png"
    changed=$(compare -metric AE -fuzz 2% "$2" "$2.next.png" null: 2>&1)
    mv "$2.next.png" "$2"
    [ "$(convert "$2" -format %k info:)" -gt '$min_colours' ] &&
      [ "${changed%% *}" -lt 1000 ] 2>/dev/null && break
  done
  xwininfo -root -tree >"$1/xwininfo.log" 2>&1
  flatpak kill '$app' 2>/dev/null || kill $pid
  wait $pid' _ "$logs" "$shot" "$window" >/dev/null 2>&1
colours=$( [ -f "$shot" ] && convert "$shot" -format %k info: 2>/dev/null || echo 0)
if grep -qF "$window" "$logs/xwininfo.log" 2>/dev/null && [ "$colours" -gt $min_colours ]; then
  ok "the window \"$title\" appears in the sandbox ($shot, $colours colours)"
else
  not_ok "the Overflight window appears in the sandbox ($colours colours in $shot)" \
    "$logs/window.log" "$logs/xwininfo.log"
fi

# 9. A headless export inside the sandbox, written where the test grants access.
mkdir -p "$out/export"
if run --filesystem="$out/export" $app --export "$out/export/overflight.png" \
     $dataset >"$logs/export.log" 2>&1 &&
   [ "$(identify -format %m "$out/export/overflight.png" 2>/dev/null)" = PNG ]; then
  ok "flatpak run $app --export writes a PNG without a display"
else
  not_ok "flatpak run $app --export writes a PNG without a display" "$logs/export.log"
fi

# 10. A short WebM rendered inside the sandbox by the runtime's GStreamer.
if run --filesystem="$out/export" $app --export-video "$out/export/overflight.webm" \
     --duration 2 --fps 12 --size 320x180 $dataset >"$logs/video.log" 2>&1 &&
   gst-discoverer-1.0 "$out/export/overflight.webm" >"$logs/video-discoverer.log" 2>&1 &&
   grep -q "container #0: WebM" "$logs/video-discoverer.log" &&
   grep -Eq "video #1: VP[89]" "$logs/video-discoverer.log"; then
  ok "flatpak run $app --export-video writes a WebM without a display"
else
  not_ok "flatpak run $app --export-video writes a WebM without a display" \
    "$logs/video.log" "$logs/video-discoverer.log"
fi

# The private installations are large; the bundle, logs and screenshot stay.
rm -rf "$out/installation" "$out/repo" "$out/source" "$out/home" "$out/xdg-run"
echo "1..$n"
[ $failed = 0 ]
