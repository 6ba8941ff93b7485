#!/usr/bin/env python3
"""Runs the end-to-end tests: every tests/e2e/test_*.py against one throwaway server."""

import argparse
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
LSAN_SUPPRESSIONS = os.path.join(HERE, "..", "lsan.supp")


def sanitizer_environment():
    """
    Leak detection on, and every sanitizer report written to a file of its own in a
    folder returned here: a report from a process whose output no test compares (a pty
    session, a platform run) still fails the suite.
    """
    reports = tempfile.mkdtemp(prefix="pgconsole-sanitizer-reports.")
    os.environ["PGCONSOLE_SANITIZED"] = "1"
    os.environ.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0:exitcode=99:log_path=%s/asan"
                          % reports)
    os.environ.setdefault("LSAN_OPTIONS", "suppressions=%s:print_suppressions=0"
                          % os.path.abspath(LSAN_SUPPRESSIONS))
    os.environ.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:exitcode=98:log_path=%s/ubsan"
                          % reports)
    return reports


def report_sanitizer_findings(reports):
    """Prints the reports the sanitizers wrote; true when there were none."""
    names = sorted(os.listdir(reports))
    for name in names:
        with open(os.path.join(reports, name), errors="replace") as f:
            sys.stderr.write("==== sanitizer report %s ====\n%s\n" % (name, f.read()))
    if names:
        sys.stderr.write("FAILED: %d sanitizer report(s) (leaks, memory errors or undefined behaviour)\n"
                         % len(names))
    shutil.rmtree(reports, ignore_errors=True)
    return not names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "..", "pgconsole"))
    parser.add_argument("--sanitized", action="store_true", help="the binary is built with ASan/UBSan")
    parser.add_argument("-k", dest="pattern", action="append", help="only tests matching this substring")
    parser.add_argument("-v", dest="verbose", action="store_true")
    args = parser.parse_args()
    os.environ["PGCONSOLE_BIN"] = os.path.abspath(args.binary)
    reports = sanitizer_environment() if args.sanitized else None
    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if args.pattern:
        loader.testNamePatterns = ["*%s*" % p for p in args.pattern]
    suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=2 if args.verbose else 1).run(suite)
    clean = report_sanitizer_findings(reports) if reports else True
    sys.exit(0 if result.wasSuccessful() and clean else 1)


if __name__ == "__main__":
    main()
