#!/usr/bin/env bash
# Installs, from Debian's packages, what the benchmark suite needs beyond
# what building and testing Khabar needs: the web server, X11 tools, and
# the feed readers Khabar is compared with.  Does nothing when all is there.
set -euo pipefail

packages=(
  nginx python3 libx11-dev x11-utils xdotool iproute2 util-linux
  rssguard liferea gnome-feeds
)

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
  echo "khabar: missing packages for the benchmarks: ${missing[*]}" >&2
  echo "khabar: run this script as root to install them" >&2
  exit 1
fi

echo "khabar: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# The packaged nginx would start a system-wide server on port 80; the
# suite starts its own, so the package's is kept from starting.
policy=/usr/sbin/policy-rc.d
added_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  added_policy=yes
fi
trap '[ "$added_policy" = yes ] && rm -f "$policy"' EXIT
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ "$added_policy" = yes ]; then
  rm -f "$policy"
fi
