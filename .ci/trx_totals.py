#!/usr/bin/env python3
"""Totals the TRX files of a test run and decides whether CI passes.

Usage: trx_totals.py [--test-exit-code N] [--require-passed TEXT]... RESULTS_DIR

Prints any reason for failing first, then as its last line exactly
"Tests: N passed, N failed, N skipped". Exits 1 when the test command failed (N != 0), when
any test failed, when no test ran, or when no passed test's fully qualified name contains one
of the --require-passed texts (case-insensitive); otherwise 0.
"""
import argparse
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
FAILED = {"Failed", "Error", "Timeout", "Aborted"}
PASSED = {"Passed", "PassedButRunAborted", "Warning"}


def read_trx(path):
    """Yields (fully qualified name, outcome) for every top-level test result in one TRX file."""
    root = ET.parse(path).getroot()
    names = {}
    for test in root.iter(NS + "UnitTest"):
        method = test.find(NS + "TestMethod")
        class_name = method.get("className", "") if method is not None else ""
        names[test.get("id")] = f"{class_name}.{test.get('name', '')}" if class_name else test.get("name", "")
    results = root.find(NS + "Results")
    for result in (results if results is not None else []):
        if result.tag != NS + "UnitTestResult":
            continue
        name = names.get(result.get("testId"), result.get("testName", ""))
        yield name, result.get("outcome", "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test-exit-code", type=int, default=0)
    parser.add_argument("--require-passed", action="append", default=[])
    parser.add_argument("results_dir")
    args = parser.parse_args()

    passed = failed = skipped = 0
    passed_names = []
    failed_names = []
    problems = []
    files = sorted(glob.glob(os.path.join(args.results_dir, "**", "*.trx"), recursive=True))
    for path in files:
        try:
            for name, outcome in read_trx(path):
                if outcome in PASSED:
                    passed += 1
                    passed_names.append(name)
                elif outcome in FAILED:
                    failed += 1
                    failed_names.append(name)
                else:
                    skipped += 1
        except ET.ParseError as error:
            problems.append(f"unreadable TRX file {path}: {error}")

    if args.test_exit_code != 0:
        problems.append(f"the test command exited with {args.test_exit_code}")
    if not files:
        problems.append(f"no TRX file was written under {args.results_dir}")
    if failed:
        shown = "".join(f"\n  - {name}" for name in failed_names[:20])
        more = f"\n  ... and {len(failed_names) - 20} more" if len(failed_names) > 20 else ""
        problems.append(f"{failed} test(s) failed:{shown}{more}")
    if passed + failed == 0:
        problems.append("no test ran")
    for text in args.require_passed:
        if not any(text.lower() in name.lower() for name in passed_names):
            problems.append(f"no passed test has \"{text}\" in its fully qualified name (are the {text} tests present and running?)")

    for problem in problems:
        print(f"CI FAILED: {problem}")
    print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
