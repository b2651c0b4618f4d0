#!/usr/bin/env bash
# Installs what is missing, builds Khabar with warnings as errors and runs
# every test (the UI ones in a real window under Xvfb).  The last line is
# "N passed, N failed".
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"

build-aux/install-deps.sh

builddir=_build/test
khabar_setup "$builddir" --werror -Dbuildtype=debug
meson compile -C "$builddir"

status=0
khabar_headless meson test -C "$builddir" --print-errorlogs "$@" || status=$?

python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json"
exit $status
