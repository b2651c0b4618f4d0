#!/usr/bin/env python3
"""Counts the results in meson's test logs: each TAP test case, and each
test that is not TAP as one; and each line of the TAP files given with
--tap.  Prints "N passed, N failed[, N skipped]".

    test-summary.py TESTLOG.json… [--tap FILE]…"""

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


def count_log(path):
    global passed, failed, skipped
    with open(path, encoding="utf-8") as log:
        for line in log:
            test = json.loads(line)
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
i = 0
while i < len(args):
    if args[i] == "--tap":
        count_tap(args[i + 1])
        i += 2
    else:
        count_log(args[i])
        i += 1

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
