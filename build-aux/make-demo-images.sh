#!/usr/bin/env bash
# Regenerates the demo feed's JPEG illustrations from their SVG sources.
#
#   data/demo/images/src/<name>.svg  ->  data/demo/images/<name>.jpg
#
# Needs ImageMagick's `convert` with an SVG reader (librsvg's rsvg-convert
# delegate, package librsvg2-bin on Debian/Ubuntu).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

src_dir=data/demo/images/src
out_dir=data/demo/images
quality=${QUALITY:-80}

command -v convert >/dev/null 2>&1 || {
    echo "make-demo-images: ImageMagick 'convert' not found" >&2
    exit 1
}

shopt -s nullglob
svgs=("$src_dir"/*.svg)
if [ ${#svgs[@]} -eq 0 ]; then
    echo "make-demo-images: no SVG sources in $src_dir" >&2
    exit 1
fi

for svg in "${svgs[@]}"; do
    name=$(basename "$svg" .svg)
    out="$out_dir/$name.jpg"
    convert "$svg" -background white -flatten -strip \
        -sampling-factor 4:2:0 -interlace JPEG -quality "$quality" "$out"
    echo "  $out ($(wc -c <"$out") bytes)"
done
