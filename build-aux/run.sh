#!/usr/bin/env bash
# Installs what is missing, builds Khabar into a private prefix and starts
# it, on the built-in demo feed unless told otherwise:
#   build-aux/run.sh                          the demo feed
#   build-aux/run.sh --endpoint URL           any feed (http, https, file)
#   build-aux/run.sh --live [SERVER OPTIONS]  a live coverage served on
#                                             127.0.0.1 by khabar-demo-server,
#                                             gaining items as you watch
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"
khabar_install_private
prefix=$khabar_prefix

export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas"

khabar_args=("$@")
if [ "${1:-}" = "--live" ]; then
  shift
  server_out=$(mktemp)
  "$top/_build/run/src/tools/khabar-demo-server" --port 0 "$@" >"$server_out" &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$server_out"' EXIT
  for _ in $(seq 50); do
    [ -s "$server_out" ] && break
    sleep 0.1
  done
  url=$(head -n 1 "$server_out")
  [ -n "$url" ] || { echo "khabar: the demo server did not start" >&2; exit 1; }
  echo "khabar: live demo coverage at $url" >&2
  khabar_args=(--endpoint "$url")
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "khabar: no display; starting it on a virtual one (Xvfb) for 10 seconds" >&2
  khabar_headless timeout 10 "$prefix/bin/khabar" "${khabar_args[@]}" || true
  exit 0
fi

"$prefix/bin/khabar" "${khabar_args[@]}"
