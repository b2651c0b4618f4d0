#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz, each for SECONDS (60 unless
# given), all of them unless some are named:
#
#   build-aux/fuzz.sh [SECONDS] [feed|html|date|store …]
#
# Builds them with clang, ASan and UBSan in _build/fuzz (installing clang
# and libFuzzer with apt-get when missing), starts each from its seed
# corpus, its regression inputs and what earlier runs found (kept in
# _build/fuzz/corpus/TARGET), and prints one TAP line per target with its
# runs, coverage and findings.  A finding is saved under
# _build/fuzz/artifacts/TARGET/; add it to tests/fuzz/regressions/TARGET/
# once it is fixed.  Exits 1 when any target found something.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$top"

seconds=60
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  seconds=$1; shift
fi
all_targets=(feed html date store)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " =~ " $t " ]]; then
    echo "usage: build-aux/fuzz.sh [SECONDS] [${all_targets[*]}]" >&2
    exit 2
  fi
done

build-aux/install-deps.sh --fuzzing

builddir=_build/fuzz
CC=clang khabar_setup "$builddir" --werror -Dbuildtype=debugoptimized \
  -Dfuzzing=true -Db_sanitize=address,undefined
meson compile -C "$builddir" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)}

status=0
n=0
echo "1..${#targets[@]}"
for t in "${targets[@]}"; do
  n=$((n + 1))
  work=$builddir/corpus/$t
  artifacts=$builddir/artifacts/$t
  log=$builddir/logs/$t.log
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  regressions=()
  [ -d "tests/fuzz/regressions/$t" ] && regressions=("tests/fuzz/regressions/$t")
  before=$(find "$artifacts" -type f | wc -l)

  result=0
  "$builddir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="tests/fuzz/$t.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$work" "tests/fuzz/corpus/$t" "${regressions[@]}" > "$log" 2>&1 || result=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found=$(( $(find "$artifacts" -type f | wc -l) - before ))
  summary="fuzz-$t: ${seconds} s, ${runs:-0} runs (${speed:-0}/s), coverage ${cov:-?}, $found new findings"
  if [ $result -eq 0 ] && [ $found -eq 0 ]; then
    echo "ok $n $summary"
  else
    echo "not ok $n $summary (exit $result, see $log)"
    grep -E 'ERROR|SUMMARY|CRITICAL|WARNING|Test unit written' "$log" | head -8 | sed 's/^/# /'
    status=1
  fi
done
exit $status
