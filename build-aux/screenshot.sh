#!/usr/bin/env bash
# Builds Khabar and takes screenshots of its window on the demo feed under
# Xvfb: English and Arabic at 100 % for data/screenshots/ (named in the
# metainfo), and both at 200 % into _build/screenshots/ to look at.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"
khabar_install_private
prefix=$khabar_prefix

width=1200
height=760
mkdir -p data/screenshots _build/screenshots

shoot () {
  local language=$1 scale=$2 output=$3
  local config
  config=$(mktemp -d)
  mkdir -p "$config/glib-2.0/settings" "$config/gtk-4.0"
  printf '[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n' \
    > "$config/gtk-4.0/settings.ini"
  printf '[io/github/khabar/Khabar]\nfont-scale=%s\nwindow-width=%s\nwindow-height=%s\n' \
    "$scale" "$width" "$height" > "$config/glib-2.0/settings/keyfile"
  KHABAR_SCREEN="${width}x${height}x24" khabar_headless bash -c '
    XDG_CONFIG_HOME="$1" GSETTINGS_BACKEND=keyfile LANGUAGE="$2" \
    XDG_DATA_DIRS="$3/share:/usr/share" GSETTINGS_SCHEMA_DIR="$3/share/glib-2.0/schemas" \
      "$3/bin/khabar" &
    sleep 4
    import -window root "$4"
    kill %1' _ "$config" "$language" "$prefix" "$top/$output"
  rm -rf "$config"
  echo "$output"
}

shoot en 100 data/screenshots/khabar-en.png
shoot ar 100 data/screenshots/khabar-ar.png
shoot en 200 _build/screenshots/khabar-en-200.png
shoot ar 200 _build/screenshots/khabar-ar-200.png
