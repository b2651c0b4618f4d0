#!/usr/bin/env bash
# A second launch of khabar hands over to the first and exits; the first
# keeps running with its one window.  Needs a session bus and a display.
set -euo pipefail

khabar=${1:?usage: test-uniqueness.sh KHABAR_BINARY}
app_id=io.github.khabar.Khabar

has_owner () {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$app_id" | grep -q true
}

if has_owner; then
  echo "1..0 # SKIP another Khabar owns the bus name"
  exit 0
fi

"$khabar" &
first=$!
trap 'kill $first 2>/dev/null || true' EXIT

for _ in $(seq 100); do
  has_owner && break
  sleep 0.1
done
has_owner || { echo "the first instance never took its bus name"; exit 1; }

# The second instance must return at once, without a window of its own.
timeout 10 "$khabar" --endpoint "resource:///io/github/khabar/Khabar/demo/feed.json"
kill -0 $first || { echo "the first instance died"; exit 1; }
has_owner || { echo "the bus name was lost"; exit 1; }
echo "second launch handed over to the running instance"
