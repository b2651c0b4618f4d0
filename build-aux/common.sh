# Shared by the build-aux scripts: the headless wrapper and the build set-up.
# shellcheck shell=bash

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# meson setup, or a reconfigure of an existing build folder.
khabar_setup () {
  local builddir=$1; shift
  if [ -f "$builddir/build.ninja" ]; then
    meson setup --reconfigure "$builddir" "$@" >/dev/null
  else
    meson setup "$builddir" "$@" >/dev/null
  fi
}

# Runs a command against a private session bus and a virtual X display, with
# GTK's settings made deterministic (no blinking cursor, no animations).
khabar_headless () {
  local home
  home=$(mktemp -d)
  mkdir -p "$home/config/gtk-4.0" "$home/cache" "$home/data" "$home/runtime"
  chmod 700 "$home/runtime"
  printf '[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n' \
    > "$home/config/gtk-4.0/settings.ini"
  local status=0
  XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/runtime" \
  GSK_RENDERER=${GSK_RENDERER:-cairo} no_proxy=127.0.0.1,localhost \
    dbus-run-session -- xvfb-run -a -s "-screen 0 ${KHABAR_SCREEN:-1280x800x24}" "$@" || status=$?
  rm -rf "$home"
  return $status
}

# Builds and installs Khabar into a private prefix under _build/run, so it
# runs with its schema, icons, desktop file and translations in place.
khabar_prefix=$top/_build/run/prefix
khabar_install_private () {
  "$top/build-aux/install-deps.sh"
  khabar_setup "$top/_build/run" --prefix="$khabar_prefix" -Dbuildtype=debugoptimized
  meson compile -C "$top/_build/run" >/dev/null
  meson install -C "$top/_build/run" --quiet >/dev/null
}
