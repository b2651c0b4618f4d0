#!/usr/bin/env bash
# Measures Khabar, and Khabar side by side with the feed readers people use
# instead, on generated feeds served by nginx on loopback.  Installs what
# it needs (as root, from Debian's packages), builds Khabar optimised into
# a private prefix, generates the inputs, runs every figure and prints the
# table, which is also written to _build/bench/results.md.
#
#   build-aux/bench.sh            every figure: 100 to 50 000 items, 5 runs
#   build-aux/bench.sh --quick    100 and 1 000 items, 3 runs (minutes)
#   build-aux/bench.sh --sizes 100,1000 --runs 3 --peers rssguard
#                      --groups start,sizes,live --renderers default,cairo
#                      --peer-sizes 1000 --no-peers --no-core
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"

sizes=100,1000,10000,50000
peer_sizes=1000,10000
runs=5
peers=rssguard,liferea,gnome-feeds
groups=start,sizes,live
renderers=default,cairo
core=yes
command_line="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes=100,1000; peer_sizes=100,1000; runs=3 ;;
    --sizes) sizes=$2; shift ;;
    --peer-sizes) peer_sizes=$2; shift ;;
    --runs) runs=$2; shift ;;
    --peers) peers=$2; shift ;;
    --no-peers) peers=none ;;
    --groups) groups=$2; shift ;;
    --renderers) renderers=$2; shift ;;
    --no-core) core=no ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

build-aux/install-deps.sh
build-aux/install-bench-deps.sh

out=$top/_build/bench
builddir=$out/build
prefix=$out/prefix
feeds=$out/feeds
mkdir -p "$out"

echo "bench: building Khabar (debugoptimized) into $prefix" >&2
khabar_setup "$builddir" --prefix="$prefix" -Dbuildtype=debugoptimized --werror
meson compile -C "$builddir" >/dev/null
meson install -C "$builddir" --quiet >/dev/null

# Every size the figures need, and the refresh's grown feeds.
all_sizes=$(printf '%s\n' ${sizes//,/ } ${peer_sizes//,/ } 10000 | sort -nu | paste -sd,)
if ! grep -qs "sizes=$all_sizes " "$feeds/inputs.txt"; then
  echo "bench: generating feeds of $all_sizes items" >&2
  python3 bench/generate-feeds.py "$feeds" --sizes "$all_sizes"
fi

core_file=$out/core.txt
: > "$core_file"
if [ "$core" = yes ]; then
  echo "bench: core throughput" >&2
  files=()
  for size in ${sizes//,/ }; do
    files+=("$feeds/feed-$size.json" "$feeds/feed-$size.rss.xml" "$feeds/feed-$size.atom.xml")
  done
  "$builddir/bench/bench-parse" "${files[@]}" | tee -a "$core_file"
  "$builddir/bench/bench-merge" "$feeds" ${sizes//,/ } | tee -a "$core_file"
fi

python3 bench/harness.py --prefix "$prefix" --build "$builddir" --feeds "$feeds" --out "$out" \
  --sizes "$sizes" --peer-sizes "$peer_sizes" --runs "$runs" --peers "$peers" \
  --groups "$groups" --renderers "$renderers" --core "$core_file" --command-line "$command_line"
echo "bench: results in $out/results.md and $out/runs.json" >&2
