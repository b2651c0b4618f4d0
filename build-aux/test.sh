#!/usr/bin/env bash
# Installs what is missing, then builds Khabar with warnings as errors and
# runs every test (the UI ones in a real window under Xvfb), four ways:
#
#   1. the normal build (_build/test);
#   2. the same suite built with AddressSanitizer, LeakSanitizer and
#      UndefinedBehaviorSanitizer (_build/asan);
#   3. each libFuzzer target for a short while (build-aux/fuzz.sh, clang,
#      KHABAR_FUZZ_SECONDS each, 30 by default);
#   4. khabar-inspect of the sanitized build over the corpus of real feeds
#      in ../shared/corpus, when it is there (tests/corpus-check.py).
#
# --fast runs the first only.  Other arguments go to both "meson test"
# runs.  The last line is "N passed, N failed", counting all four.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"

fast=false
if [ "${1:-}" = --fast ]; then
  fast=true; shift
fi

if $fast; then
  build-aux/install-deps.sh
else
  build-aux/install-deps.sh --fuzzing
fi

status=0
logs=()
taps=()
started=$SECONDS
stage () { printf '\n=== %s (%d s)\n' "$1" $((SECONDS - started)); }

stage "normal build"
builddir=_build/test
khabar_setup "$builddir" --werror -Dbuildtype=debug
meson compile -C "$builddir"
khabar_headless meson test -C "$builddir" --print-errorlogs "$@" || status=$?
logs+=("$builddir/meson-logs/testlog.json")

if ! $fast; then
  stage "sanitized build: ASan, LSan, UBSan"
  asandir=_build/asan
  khabar_setup "$asandir" --werror -Dbuildtype=debug -Db_sanitize=address,undefined
  meson compile -C "$asandir"
  asan_status=0
  khabar_headless meson test -C "$asandir" --print-errorlogs "$@" || asan_status=$?
  logs+=("$asandir/meson-logs/testlog.json")
  # LeakSanitizer's own tracer crashes now and then on a loaded machine
  # ("Tracer caught signal 11", "LeakSanitizer has encountered a fatal
  # error"), a fault of the tool and not of the program.  When that is all
  # that failed, those programs run once more, and that run is counted.
  if [ "$asan_status" != 0 ] &&
     crashed=$(python3 build-aux/test-summary.py --tracer-crashes "$asandir/meson-logs/testlog.json") &&
     [ -n "$crashed" ]; then
    stage "LeakSanitizer's tracer crashed; running again: $(echo $crashed)"
    asan_status=0
    # shellcheck disable=SC2086
    khabar_headless meson test -C "$asandir" --print-errorlogs --logbase rerun $crashed || asan_status=$?
    logs+=(--rerun "$asandir/meson-logs/rerun.json")
  fi
  [ "$asan_status" = 0 ] || status=$asan_status

  stage "fuzzing, ${KHABAR_FUZZ_SECONDS:-30} s per target"
  build-aux/fuzz.sh "${KHABAR_FUZZ_SECONDS:-30}" | tee _build/fuzz-smoke.tap || status=$?
  taps+=(--tap _build/fuzz-smoke.tap)

  stage "real-world corpus under the sanitizers"
  python3 tests/corpus-check.py --inspect "$asandir/src/tools/khabar-inspect" \
    --tap _build/corpus.tap --details _build/corpus-details.txt || status=$?
  taps+=(--tap _build/corpus.tap)
fi

stage "done"
python3 build-aux/test-summary.py "${logs[@]}" "${taps[@]}"
exit $status
