#!/usr/bin/env bash
# Installs, from Debian's packages, whatever Khabar needs to build, run and
# test that is not there yet. Safe to run again: it does nothing when all is
# present.  With --fuzzing, also clang, libFuzzer and the LLVM symbolizer
# that build-aux/fuzz.sh needs.
set -euo pipefail

packages=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libsoup-3.0-dev libjson-glib-dev libxml2-dev
  libsqlite3-dev
  desktop-file-utils appstream libgtk-4-bin
  xvfb xauth dbus at-spi2-core glib-networking librsvg2-common
  fonts-noto-core fonts-noto-ui-core fonts-hosny-amiri
  imagemagick time tzdata
)
if [ "${1:-}" = --fuzzing ]; then
  packages+=(clang libclang-rt-14-dev llvm-14)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "khabar: missing packages: ${missing[*]}" >&2
  echo "khabar: run this script as root to install them" >&2
  exit 1
fi

echo "khabar: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
