#!/bin/bash
# Installs every Debian package Overflight needs to build, run and test.
# Safe to run repeatedly; only missing packages are installed.
set -euo pipefail

PACKAGES=(
  # build
  meson ninja-build pkg-config gcc clang gettext libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libshumate-dev libjson-glib-dev
  libsoup-3.0-dev libepoxy-dev
  # track file readers: GPX and KML, KMZ
  libxml2-dev libarchive-dev
  # --export-video: GStreamer (VP8/VP9, WebM, MP4 muxing) and giflib
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgif-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # tests: virtual display, sanitizers, validators, image tools
  xvfb xauth x11-utils xdotool imagemagick librsvg2-bin poppler-utils
  libclang-rt-14-dev python3-jsonschema desktop-file-utils appstream
  dbus at-spi2-core
  # the accessibility test reads the window over AT-SPI
  libatspi2.0-dev
  # the import benchmark compares with GPSBabel
  gpsbabel
  # video tests: gst-discoverer-1.0 reads clips back
  gstreamer1.0-plugins-base-apps
  # real pointer clicks in the UI tests
  xdotool
  # a CJK font, so screenshots of the Chinese dataset texts and UI are legible
  fonts-wqy-microhei
  # real locales (de_DE.UTF-8, zh_CN.UTF-8, …) so translated screenshots get
  # localised month and day names too
  locales-all
  # flatpak suite: a Debian-made runtime, flatpak-builder, the sandbox
  flatpak flatpak-builder ostree fuse3 bubblewrap mmdebstrap appstream-util elfutils
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
