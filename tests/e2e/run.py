#!/usr/bin/env python3
"""Runs the end-to-end tests: every tests/e2e/test_*.py against a throwaway server.

With -j N the test files run in N processes at once, each file in a process of its own with its
own server: most of a test's time is spent waiting on servers, terminals and timers, not on the
CPU, so the suite ends sooner even on two cores.  Each file's report is printed whole when it ends."""

import argparse
import atexit
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
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


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "..", "pgconsole"))
    parser.add_argument("--sanitized", action="store_true", help="the binary is built with ASan/UBSan")
    parser.add_argument("-k", dest="pattern", action="append", help="only tests matching this substring")
    parser.add_argument("-v", dest="verbose", action="store_true")
    parser.add_argument("-j", dest="jobs", type=int, default=int(os.environ.get("PGCONSOLE_E2E_JOBS", "1")),
                        help="test files run in this many processes at once")
    parser.add_argument("--module", action="append", help="only this test file (test_x or test_x.py)")
    return parser.parse_args()


def run_in_process(args):
    os.environ["PGCONSOLE_BIN"] = os.path.abspath(args.binary)
    reports = sanitizer_environment() if args.sanitized else None
    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if args.pattern:
        loader.testNamePatterns = ["*%s*" % p for p in args.pattern]
    if args.module:
        names = [os.path.splitext(os.path.basename(m))[0] for m in args.module]
        suite = loader.loadTestsFromNames(names)
    else:
        suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    scan = start_secrets_scan(args, suite)
    runner = unittest.TextTestRunner(verbosity=2 if args.verbose else 1,
                                     resultclass=ScanningResult if scan else unittest.TextTestResult)
    result = runner.run(suite)
    clean = finish_secrets_scan(scan)
    clean = (report_sanitizer_findings(reports) if reports else True) and clean
    return 0 if result.wasSuccessful() and clean else 1


def _tests(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _tests(test)
        else:
            yield test


def start_secrets_scan(args, suite):
    """The secrets scan (tests/e2e/secrets_scan.py), when a test file of the run joins it."""
    import secrets_scan
    if os.environ.get("PGCONSOLE_SECRETS_SCAN") == "0" or not any(secrets_scan.marked(t) for t in _tests(suite)):
        return None
    scan = secrets_scan.start(args.binary)
    # registered before the servers' cleanups, so that it runs after them
    atexit.register(scan.cleanup)
    return scan


def finish_secrets_scan(scan):
    """True when the scan found no secret (or did not run)."""
    if scan is None:
        return True
    secrets, hits = scan.finish()
    print(scan.summary(secrets, hits), file=sys.stderr)
    for kind, where, excerpt in hits:
        print("SECRET LEAK: %s in %s: %r" % (kind, where, excerpt), file=sys.stderr)
    return not hits


class ScanningResult(unittest.TextTestResult):
    """Samples processes while a test of a scanned file runs."""

    def startTest(self, test):
        import secrets_scan
        secrets_scan.active().tests_started(secrets_scan.marked(test))
        super().startTest(test)

    def stopTest(self, test):
        import secrets_scan
        super().stopTest(test)
        secrets_scan.active().tests_started(False)


def child_command(args, module):
    command = [sys.executable, os.path.abspath(__file__), "--binary", args.binary, "--module", module, "-j", "1"]
    if args.sanitized:
        command.append("--sanitized")
    if args.verbose:
        command.append("-v")
    for p in args.pattern or ():
        command += ["-k", p]
    return command


def run_in_parallel(args):
    # the biggest files first, so that the last ones to start are short
    modules = sorted(glob.glob(os.path.join(HERE, "test_*.py")), key=os.path.getsize, reverse=True)
    pending = [os.path.basename(m) for m in modules]
    running, failed, total = {}, [], 0
    started = time.monotonic()
    while pending or running:
        while pending and len(running) < args.jobs:
            module = pending.pop(0)
            log = tempfile.TemporaryFile()
            running[module] = (subprocess.Popen(child_command(args, module), stdout=log,
                                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL), log,
                               time.monotonic())
        module, proc = _wait_any(running)
        _, log, module_started = running.pop(module)
        seconds = time.monotonic() - module_started
        log.seek(0)
        output = log.read().decode(errors="replace")
        log.close()
        ran = re.search(r"^Ran (\d+) tests?", output, re.M)
        total += int(ran.group(1)) if ran else 0
        if proc.returncode != 0:
            failed.append(module)
            sys.stdout.write("==== %s FAILED\n%s\n" % (module, output))
        elif args.verbose:
            sys.stdout.write("==== %s\n%s\n" % (module, output))
        else:
            sys.stdout.write("%s: %s tests, ok (%.0f s)\n" % (module, ran.group(1) if ran else "no", seconds))
        sys.stdout.flush()
    print("Ran %d tests in %d files in %.0fs with %d processes: %s" % (
        total, len(modules), time.monotonic() - started, args.jobs,
        "FAILED (%s)" % ", ".join(failed) if failed else "OK"))
    return 1 if failed else 0


def _wait_any(running):
    """The first child to end."""
    while True:
        for module, (proc, _, _) in running.items():
            if proc.poll() is not None:
                return module, proc
        time.sleep(0.2)


def main():
    args = parse_args()
    if args.jobs > 1 and not args.module:
        sys.exit(run_in_parallel(args))
    sys.exit(run_in_process(args))


if __name__ == "__main__":
    main()
