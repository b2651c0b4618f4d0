#!/usr/bin/env python3
"""Counts the results in meson's test logs: each TAP test case, and each
test that is not TAP as one; and each line of the TAP files given with
--tap.  Prints "N passed, N failed[, N skipped]".  A log given with
--rerun holds programs run again: their results replace those of the
same programs in the log just before it.

    test-summary.py TESTLOG.json… [--rerun TESTLOG.json] [--tap FILE]…
    test-summary.py --tracer-crashes TESTLOG.json

With --tracer-crashes, prints the names of the programs that failed only
because LeakSanitizer's own tracer crashed, one a line, and exits with 1
when any program failed otherwise."""

import json
import re
import sys

passed = failed = skipped = 0
CASE = re.compile(r"^(ok|not ok)\b.*?(# SKIP.*)?$", re.M)


def count_cases(cases):
    global passed, failed, skipped
    for verdict, skip in cases:
        if skip:
            skipped += 1
        elif verdict == "ok":
            passed += 1
        else:
            failed += 1


TRACER_CRASH = "LeakSanitizer has encountered a fatal error"


def read_log(path):
    with open(path, encoding="utf-8") as log:
        return [json.loads(line) for line in log if line.strip()]


def tracer_crashes(path):
    """Programs whose only failure is LeakSanitizer's tracer crashing: a
    fault of the tool, which happens now and then on a loaded machine."""
    only_crashes = True
    for test in read_log(path):
        if test["result"] in ("OK", "SKIP", "EXPECTEDFAIL"):
            continue
        cases = CASE.findall(test.get("stdout") or "")
        if TRACER_CRASH in (test.get("stderr") or "") + (test.get("stdout") or "") and \
                all(v == "ok" for v, _ in cases):
            # "khabar:core / test-store" is selected as "test-store".
            print(test["name"].split(" / ")[-1])
        else:
            only_crashes = False
    return only_crashes


def count_log(tests):
    global passed, failed, skipped
    for test in tests:
        cases = CASE.findall(test.get("stdout") or "")
        if cases:
            count_cases(cases)
            # A program that crashed after its last case still fails.
            if test["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and \
                    all(v == "ok" for v, _ in cases):
                failed += 1
        elif test["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif test["result"] == "SKIP":
            skipped += 1
        else:
            failed += 1


def count_tap(path):
    global failed
    try:
        with open(path, encoding="utf-8") as tap:
            cases = CASE.findall(tap.read())
    except OSError:
        cases = []
    if not cases:
        # The stage that should have written it did not get that far.
        failed += 1
    count_cases(cases)


args = sys.argv[1:]
if args[:1] == ["--tracer-crashes"]:
    sys.exit(0 if tracer_crashes(args[1]) else 1)

logs = []
i = 0
while i < len(args):
    if args[i] == "--tap":
        count_tap(args[i + 1])
        i += 2
    elif args[i] == "--rerun":
        rerun = read_log(args[i + 1])
        names = {test["name"] for test in rerun}
        logs[-1] = [t for t in logs[-1] if t["name"] not in names] + rerun
        i += 2
    else:
        logs.append(read_log(args[i]))
        i += 1
for log in logs:
    count_log(log)

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
