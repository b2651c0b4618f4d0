#!/bin/bash
# Renders the PNG icons the application loads from its resources, from the
# SVG sources in data/icons.  GTK then never loads the SVG renderer
# (librsvg, about 6.5 MB of memory) for the window icon, the empty state or
# the spinner.  Run it after changing an icon, and commit the result.
#
# Needs rsvg-convert (librsvg2-bin) and gtk4-encode-symbolic-svg
# (libgtk-4-bin).
set -euo pipefail
cd "$(dirname "$0")/.."

icons=data/icons
out=$icons/resource
rm -rf "$out"

# The window icon: every size GTK hands the window manager.
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$out/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" "$icons/hicolor/scalable/apps/io.github.khabar.Khabar.svg" \
    -o "$out/${size}x${size}/apps/io.github.khabar.Khabar.png"
done

# Symbolic icons, recoloured by GTK like the theme's own .symbolic.png.
# They have names of their own: an installed SVG of the same name would be
# chosen over them.  No dots in them: GTK 4.8 misreads the name of a
# .symbolic.png with dots in it, and does not find the icon.
encode () {
  local source=$1 name=$2 size=$3
  local dir=$out/${size}x${size}/apps
  mkdir -p "$dir"
  gtk4-encode-symbolic-svg -o "$dir" "$source" "${size}x${size}"
  if [ "$(basename "$source" .svg)" != "$name" ]; then
    mv "$dir/$(basename "$source" .svg).symbolic.png" "$dir/$name.symbolic.png"
  fi
}
for size in 96 192; do
  encode "$icons/hicolor/symbolic/apps/io.github.khabar.Khabar-symbolic.svg" khabar-mark-symbolic "$size"
done
for size in 16 32; do
  encode "$icons/sources/khabar-working-symbolic.svg" khabar-working-symbolic "$size"
done
