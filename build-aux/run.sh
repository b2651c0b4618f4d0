#!/usr/bin/env bash
# Installs what is missing, builds Khabar into a private prefix and starts
# it, on the built-in demo feed unless told otherwise:
#   build-aux/run.sh                          the demo feed
#   build-aux/run.sh --endpoint URL           any JSON Feed (http, https, file)
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"
khabar_install_private
prefix=$khabar_prefix

export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "khabar: no display; starting it on a virtual one (Xvfb) for 10 seconds" >&2
  khabar_headless timeout 10 "$prefix/bin/khabar" "$@" || true
  exit 0
fi

exec "$prefix/bin/khabar" "$@"
