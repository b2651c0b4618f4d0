#!/usr/bin/env python3
"""Runs khabar-inspect over every file of a corpus of real-world feeds and
says, per folder, how many were parsed, rejected with a clear error,
crashed or hung (10 s each).  Crashed and hung must be 0.  Files go 40 to
a khabar-inspect; a batch that crashes or runs long is run again file by
file, so that each file is judged alone.

    tests/corpus-check.py --inspect PATH [--corpus DIR] [--timeout S]
                          [--jobs N] [--batch N] [--tap FILE] [--details FILE]

Where a file states what a reference parser should make of it (an
"Expect:" line in the comment that opens a feedparser test, or the
"__tests" list of a feedparser JSON case), the clauses Khabar can answer
are compared: bozo (the document is ill-formed), the feed's title and
language, the first entry's title, link and language, and the JSON Feed
version.  Those are reported as matches and mismatches, not failures.
A "Header: Content-type: ..." line in that comment is passed on as
--content-type, as the server would have sent it.

Without the corpus (it lies beside the repository only where it was put),
the check says "corpus not found" and passes, skipped."""

import argparse
import ast
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

SANITIZER_ENV = {
    # Any report stops the program with SIGABRT, never with the exit
    # status 1 that means "rejected".
    "ASAN_OPTIONS": "abort_on_error=1:halt_on_error=1:detect_leaks=1:exitcode=86",
    "UBSAN_OPTIONS": "abort_on_error=1:halt_on_error=1:print_stacktrace=1",
    "G_DEBUG": "fatal-warnings",
    "LANG": "C.UTF-8",
    "LANGUAGE": "en",
    "TZ": "UTC",
}

HEADER_RE = re.compile(r"^\s*Header:\s*Content-type:\s*(.+?)\s*$", re.I | re.M)
EXPECT_RE = re.compile(r"^\s*Expect:\s*(.+?)\s*$", re.M)
SUBJECT_RE = re.compile(
    r"^(feed|entries\[0\])(?:\[['\"](\w+)['\"]\]|\.(\w+))\s*==\s*(.+)$")
VERSIONS = {"json1": "JSON Feed 1.0", "json11": "JSON Feed 1.1"}


def literal(text):
    """A Python literal, or a sum of literals; None when it is neither."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return None

    def value(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = value(node.left), value(node.right)
            if isinstance(left, str) and isinstance(right, str):
                return left + right
        raise ValueError
    try:
        return value(tree)
    except ValueError:
        return None


def split_clauses(expression):
    """Top-level " and " clauses, leaving quoted text alone."""
    clauses, depth, quote, start, i = [], 0, None, 0, 0
    while i < len(expression):
        c = expression[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and expression.startswith(" and ", i):
            clauses.append(expression[start:i])
            start = i + 5
            i += 4
        i += 1
    clauses.append(expression[start:])
    return [c.strip() for c in clauses if c.strip()]


def expectations(path, head):
    """The reference's expected results, as a list of clause strings."""
    if path.endswith(".json"):
        try:
            with open(path, encoding="utf-8") as f:
                tests = json.load(f).get("__tests")
        except (ValueError, UnicodeDecodeError, AttributeError):
            return []
        return [t for t in tests or [] if isinstance(t, str)]
    match = EXPECT_RE.search(head)
    return split_clauses(match.group(1)) if match else []


def judge(clause, report):
    """True or False when the clause can be checked on Khabar's report,
    None when it says something Khabar does not model."""
    parsed = report.get("feed", False)
    if clause in ("bozo", "not bozo"):
        problems = report.get("problems", [])
        bozo = not parsed or any(p.startswith("Line ") or "encoding" in p for p in problems)
        return bozo == (clause == "bozo")
    match = re.match(r"^version\s*==\s*(.+)$", clause)
    if match:
        expected = literal(match.group(1))
        if expected not in VERSIONS:
            return None
        return report.get("format") == VERSIONS[expected]
    match = SUBJECT_RE.match(clause)
    if not match:
        return None
    subject, key = match.group(1), match.group(2) or match.group(3)
    expected = literal(match.group(4))
    # Khabar keeps titles as plain text: an expected value in HTML is the
    # reference's sanitised markup, which Khabar has no field for.
    if not isinstance(expected, str) or re.search(r"<[a-zA-Z/!]", expected):
        return None
    fields = {"feed": {"title": "title", "language": "language"},
              "entries[0]": {"title": "title", "link": "url", "language": "language"}}[subject]
    if key not in fields:
        return None
    if not parsed:
        return False
    if subject == "feed":
        ours = report.get(fields[key])
    else:
        items = report.get("items") or []
        if not items:
            return False
        ours = items[0].get(fields[key])
    return (ours or "") == expected


def check(inspect, corpus, path, timeout):
    relative = os.path.relpath(path, corpus)
    try:
        with open(path, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError as error:
        return relative, "unreadable", str(error), [], 0
    args = [inspect, "--json"]
    header = HEADER_RE.search(head)
    if header:
        args += ["--content-type", header.group(1)]
    args.append(path)
    env = dict(os.environ, **SANITIZER_ENV)
    started = time.monotonic()
    try:
        run = subprocess.run(args, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return relative, "hung", f"no answer after {timeout} s", [], 0
    elapsed = time.monotonic() - started
    stderr = run.stderr.decode("utf-8", "replace")
    report = None
    try:
        report = json.loads(run.stdout.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        pass
    if run.returncode == 0 and report and report.get("feed"):
        outcome, detail = "parsed", report.get("format", "")
    elif run.returncode == 1 and report and report.get("error", {}).get("message"):
        outcome, detail = "rejected", report["error"]["message"]
    else:
        lines = [l for l in stderr.splitlines() if l.strip()]
        return relative, "crashed", f"exit {run.returncode}: " + " | ".join(lines[-4:]), [], elapsed
    verdicts = []
    for clause in expectations(path, head):
        verdicts.append((clause, judge(clause, report), report))
    return relative, outcome, detail, verdicts, elapsed


def read_head(path):
    try:
        with open(path, "rb") as f:
            return f.read(4096).decode("utf-8", "replace")
    except OSError:
        return None


def check_batch(inspect, corpus, paths, content_type, timeout):
    """Many files in one khabar-inspect, which saves starting a sanitized
    program for each; when the batch does not end well, each file again
    alone, so the one that crashed or hung is named."""
    args = [inspect, "--json"]
    if content_type:
        args += ["--content-type", content_type]
    env = dict(os.environ, **SANITIZER_ENV)
    started = time.monotonic()
    try:
        run = subprocess.run(args + paths, capture_output=True, env=env,
                             timeout=timeout + 2 * len(paths))
        reports = json.loads(run.stdout.decode("utf-8"))
        if len(paths) == 1:
            reports = [reports]
        ok = run.returncode in (0, 1) and isinstance(reports, list) and len(reports) == len(paths)
    except (subprocess.TimeoutExpired, ValueError, UnicodeDecodeError):
        ok = False
    if not ok:
        return [check(inspect, corpus, path, timeout) for path in paths]

    elapsed = (time.monotonic() - started) / len(paths)
    results = []
    for path, report in zip(paths, reports):
        relative = os.path.relpath(path, corpus)
        head = read_head(path) or ""
        if report.get("feed"):
            outcome, detail = "parsed", report.get("format", "")
        elif report.get("error", {}).get("message"):
            outcome, detail = "rejected", report["error"]["message"]
        else:
            results.append(check(inspect, corpus, path, timeout))
            continue
        verdicts = [(clause, judge(clause, report), report) for clause in expectations(path, head)]
        results.append((relative, outcome, detail, verdicts, elapsed))
    return results


def summarise_value(clause, report):
    match = SUBJECT_RE.match(clause)
    if not match or not report:
        return ""
    subject, key = match.group(1), match.group(2) or match.group(3)
    if subject == "feed":
        return repr(report.get(key))
    items = report.get("items") or []
    return repr((items[0].get("url" if key == "link" else key)) if items else None)


def main():
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inspect", required=True)
    parser.add_argument("--corpus", default=os.path.join(top, "..", "shared", "corpus"))
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=40,
                        help="files per khabar-inspect; 1 runs each alone")
    parser.add_argument("--tap", help="also write one TAP line per folder to this file")
    parser.add_argument("--details", help="write every file's result to this file")
    args = parser.parse_args()

    corpus = os.path.normpath(args.corpus)
    if not os.path.isdir(corpus):
        print(f"corpus not found: {corpus}")
        if args.tap:
            with open(args.tap, "w") as tap:
                tap.write("1..1\nok 1 corpus # SKIP corpus not found\n")
        return 0

    paths = sorted(os.path.join(root, name)
                   for root, _, names in os.walk(corpus) for name in names)
    # Files with the same simulated header go together, in batches.
    groups = {}
    for path in paths:
        head = read_head(path)
        header = HEADER_RE.search(head) if head is not None else None
        groups.setdefault(header.group(1) if header else None, []).append(path)
    batches = [(content_type, group[i:i + args.batch])
               for content_type, group in groups.items()
               for i in range(0, len(group), args.batch)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = [result for batch in pool.map(
            lambda b: check_batch(args.inspect, corpus, b[1], b[0], args.timeout), batches)
            for result in batch]
    results.sort(key=lambda r: r[0])

    folders = {}
    for relative, outcome, detail, verdicts, _ in results:
        folder = relative.split(os.sep)[0] if os.sep in relative else "."
        counts = folders.setdefault(folder, dict.fromkeys(
            ["files", "parsed", "rejected", "crashed", "hung", "unreadable", "checked", "matched",
             "mismatched"], 0))
        counts["files"] += 1
        counts[outcome] += 1
        known = [v for _, v, _ in verdicts if v is not None]
        if known:
            counts["checked"] += 1
            counts["matched" if all(known) else "mismatched"] += 1

    columns = ["files", "parsed", "rejected", "crashed", "hung", "checked", "matched", "mismatched"]
    print(f"| {'folder':30} | " + " | ".join(f"{c:>8}" for c in columns) + " |")
    print(f"|{'-' * 32}|" + "|".join("-" * 10 for _ in columns) + "|")
    total = dict.fromkeys(columns, 0)
    for folder in sorted(folders):
        print(f"| {folder:30} | " + " | ".join(f"{folders[folder][c]:>8}" for c in columns) + " |")
        for c in columns:
            total[c] += folders[folder][c]
    print(f"| {'all':30} | " + " | ".join(f"{total[c]:>8}" for c in columns) + " |")

    slowest = max(results, key=lambda r: r[4])
    print(f"slowest: {slowest[0]} ({slowest[4]:.2f} s)")
    for relative, outcome, detail, _, _ in results:
        if outcome in ("crashed", "hung", "unreadable"):
            print(f"{outcome.upper()}: {relative}: {detail}")

    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            for relative, outcome, detail, verdicts, elapsed in results:
                out.write(f"{outcome}\t{relative}\t{elapsed:.2f}s\t{detail}\n")
                for clause, verdict, report in verdicts:
                    if verdict is False:
                        out.write(f"\tmismatch: {clause}; Khabar: {summarise_value(clause, report)}\n")

    if args.tap:
        with open(args.tap, "w") as tap:
            tap.write(f"1..{len(folders)}\n")
            for n, folder in enumerate(sorted(folders), 1):
                c = folders[folder]
                verdict = "ok" if c["crashed"] == 0 and c["hung"] == 0 else "not ok"
                tap.write(f"{verdict} {n} corpus/{folder}: {c['parsed']} parsed, "
                          f"{c['rejected']} rejected, {c['crashed']} crashed, {c['hung']} hung\n")

    return 1 if total["crashed"] or total["hung"] else 0


if __name__ == "__main__":
    sys.exit(main())
