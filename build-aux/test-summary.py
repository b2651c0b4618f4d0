#!/usr/bin/env python3
"""Counts the results in meson's test log: each TAP test case, and each
test that is not TAP as one.  Prints "N passed, N failed[, N skipped]"."""

import json
import re
import sys

passed = failed = skipped = 0

with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        test = json.loads(line)
        cases = re.findall(r"^(ok|not ok)\b.*?(# SKIP.*)?$", test.get("stdout") or "", re.M)
        if cases:
            for verdict, skip in cases:
                if skip:
                    skipped += 1
                elif verdict == "ok":
                    passed += 1
                else:
                    failed += 1
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

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
