#!/bin/bash
# build-local-runtime.sh
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes a stand-in for org.gnome.Platform/org.gnome.Sdk from Debian packages,
# because Flathub cannot be reached here. One mmdebstrap run builds the
# Platform tree, copies it, then adds the compilers and -dev packages on top
# for the SDK, which saves unpacking the Platform twice (apt runs dpkg
# chrooted, as mmdebstrap itself does, so the host is never touched). Both
# are committed to a local OSTree repository as
# io.github.overflight.LocalPlatform and LocalSdk, branch = the Debian suite.
#
# Usage: build-local-runtime.sh CACHE_DIR
#   Prints the repository path on its last line. A repository built by this
#   very script (same packages, same steps) is reused: a warm run takes a
#   second.
# Environment: OVF_RUNTIME_SUITE (default trixie: GTK 4.18, libadwaita 1.7,
#   libshumate 1.4, the nearest Debian has to the GNOME 50 runtime).
set -euo pipefail

cache=${1:?usage: build-local-runtime.sh CACHE_DIR}
suite=${OVF_RUNTIME_SUITE:-trixie}
arch=$(flatpak --default-arch)
platform_id=io.github.overflight.LocalPlatform
sdk_id=io.github.overflight.LocalSdk

# What org.gnome.Platform gives an app, plus libshumate (Flathub builds that
# as a module; Debian's is used here) and Mesa so GTK can render with GL.
platform_pkgs=(
  libgtk-4-1 libadwaita-1-0 libjson-glib-1.0-0 libshumate-1.0-1
  # the track file readers (trixie's names; the GNOME runtime has both)
  libxml2 libarchive13t64
  adwaita-icon-theme hicolor-icon-theme fonts-cantarell fonts-dejavu-core fontconfig
  libegl1 libgl1 libgles2 libgl1-mesa-dri libegl-mesa0 libglx-mesa0
  shared-mime-info librsvg2-common gsettings-desktop-schemas glib-networking ca-certificates
  # --export-video: GStreamer with VP8/VP9 and WebM (as the GNOME runtime
  # has them), and giflib for animated GIFs
  libgstreamer1.0-0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good libgif7
)
sdk_pkgs=(
  gcc libc6-dev make meson ninja-build pkg-config gettext
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libshumate-dev libxml2-dev libarchive-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgif-dev
  desktop-file-utils appstream appstream-util libxml2-utils elfutils
)

key=$( { cat "$0"; echo "$suite $arch"; } | sha256sum | cut -c1-12)
repo=$cache/runtime-$suite-$key/repo
debs=$cache/debs-$suite
mkdir -p "$cache" "$debs"

has_runtime () {
  ostree --repo="$repo" rev-parse "runtime/$platform_id/$arch/$suite" >/dev/null 2>&1 &&
  ostree --repo="$repo" rev-parse "runtime/$sdk_id/$arch/$suite" >/dev/null 2>&1
}

# Another build of the same tree may be making the runtime right now.
exec 9>"$cache/lock"
flock 9

if has_runtime; then
  echo "$repo"
  exit 0
fi

# Stale runtimes from older package lists would only take disk space.
find "$cache" -maxdepth 1 -name "runtime-*" ! -name "runtime-$suite-$key" -exec rm -rf {} +

work=$cache/runtime-$suite-$key
rm -rf "$work"
mkdir -p "$work"
if ! mmdebstrap --mode=root --variant=essential --skip=essential/unlink -q \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --include="$(IFS=,; echo "${platform_pkgs[*]}")" \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
    --setup-hook="sync-in $debs /var/cache/apt/archives/" \
    --customize-hook="mkdir -p $work/platform && cp -a \"\$1/usr\" $work/platform/usr && cp -a \"\$1/etc\" $work/platform/usr/etc" \
    --customize-hook="APT_CONFIG=\$MMDEBSTRAP_APT_CONFIG apt-get -q -y --no-install-recommends \
        -o Dir::Bin::dpkg=env -o DPkg::Options::=--unset=TMPDIR -o DPkg::Options::=dpkg \
        -o DPkg::Chroot-Directory=\"\$1\" install ${sdk_pkgs[*]}" \
    --customize-hook="sync-out /var/cache/apt/archives $debs" \
    --customize-hook="mkdir -p $work/sdk && cp -a \"\$1/usr\" $work/sdk/usr && cp -a \"\$1/etc\" $work/sdk/usr/etc" \
    "$suite" /dev/null \
    "deb http://deb.debian.org/debian $suite main" \
    "deb http://deb.debian.org/debian $suite-updates main" \
    "deb http://deb.debian.org/debian-security $suite-security main" >&2; then
  rm -rf "$work"
  echo "build-local-runtime.sh: mmdebstrap of Debian $suite failed" >&2
  exit 1
fi

# Uncompressed objects export faster, and installations on the same disk
# hardlink them instead of unpacking a copy.
ostree init --repo="$repo" --mode=bare-user-only

# Flatpak shows files/etc as /etc and makes these itself.
for kind in platform sdk; do
  id=$platform_id; [ $kind = sdk ] && id=$sdk_id
  rm -f "$work/$kind/usr/etc"/{passwd,passwd-,group,group-,shadow,shadow-,gshadow,gshadow-} \
        "$work/$kind/usr/etc"/{machine-id,hostname,resolv.conf,hosts,localtime,timezone}
  printf '[Runtime]\nname=%s\nruntime=%s/%s/%s\nsdk=%s/%s/%s\n' \
    "$id" "$platform_id" "$arch" "$suite" "$sdk_id" "$arch" "$suite" > "$work/$kind/metadata"
  flatpak build-export --disable-fsync --runtime --files=usr "$repo" "$work/$kind" "$suite" >&2
  rm -rf "${work:?}/$kind"
done

has_runtime
echo "$repo"
