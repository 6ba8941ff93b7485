#!/usr/bin/env python3
"""Runs the end-to-end tests: every tests/e2e/test_*.py against one throwaway server."""

import argparse
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "..", "pgconsole"))
    parser.add_argument("--sanitized", action="store_true", help="the binary is built with ASan/UBSan")
    parser.add_argument("-k", dest="pattern", action="append", help="only tests matching this substring")
    parser.add_argument("-v", dest="verbose", action="store_true")
    args = parser.parse_args()
    os.environ["PGCONSOLE_BIN"] = os.path.abspath(args.binary)
    if args.sanitized:
        os.environ["PGCONSOLE_SANITIZED"] = "1"
        os.environ.setdefault("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0:exitcode=99")
        os.environ.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1:exitcode=98")
    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if args.pattern:
        loader.testNamePatterns = ["*%s*" % p for p in args.pattern]
    suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=2 if args.verbose else 1).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
