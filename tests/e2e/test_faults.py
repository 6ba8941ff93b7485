"""
Faults on the connection and on the disk.

The server ends the session (pg_terminate_backend) or restarts (pg_ctl) while a
statement runs: a long result, COPY in both directions, \\copy in both directions, a
FETCH_COUNT cursor, \\watch, a transaction, a describe command.  psql and pgconsole run
the same script against the same fault, at the same time, and must print the same
thing and exit alike; in a terminal both reset (or fail to) the same way.  These tests
use a cluster of their own, so that restarting it disturbs no other test.

A full disk (a small tmpfs) and a read-only folder: the history file, a \\copy target,
an \\o file, the platform's cache and the trust store give one clear line and leave the
files that were there as they were.  Mounting needs root; without it those tests skip.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import pexpect

import harness
from platform_fixture import PlatformCase

sys.path.insert(0, os.path.join(harness.ROOT, "tests", "lib"))
import pgcluster  # noqa: E402

SLOW = "select g, case when g = 3000 then pg_sleep(60) end from generate_series(1, 5000) g"

# name: (input before the fault, input after it, what pg_stat_activity shows while it runs)
SCRIPTS = {
    "long_result": (SLOW + ";\nselect 'after';\n", None, "generate_series"),
    "copy_to_stdout": ("copy (" + SLOW + ") to stdout;\nselect 'after';\n", None, "generate_series"),
    "copy_from_stdin": ("copy faults_t from stdin;\n1\n2\n", "3\n\\.\nselect 'after';\n", "copy faults_t"),
    "slash_copy_to_file": ("\\copy (" + SLOW + ") to 'out.txt'\nselect 'after';\n", None, "generate_series"),
    "slash_copy_from_pstdin": ("\\copy faults_t from pstdin\n1\n2\n", "3\n\\.\nselect 'after';\n",
                               "faults_t FROM STDIN"),
    "fetch_count_cursor": ("\\set FETCH_COUNT 100\n" + SLOW + ";\nselect 'after';\n", None, "FETCH"),
    "watch": ("select 1 as x, pg_sleep(60)\n\\watch 0.1\nselect 'after';\n", None, "select 1 as x"),
    "transaction": ("begin;\ninsert into faults_t values (42);\nselect pg_sleep(60);\ncommit;\nselect 'after';\n",
                    None, "select pg_sleep"),
    "describe": ("\\dt+ faults_locked\nselect 'after';\n", None, "pg_table_size"),
}

PREVIOUS_EXPORT = "the previous export, complete\n"

_cluster = None


def read(path):
    with open(path) as f:
        return f.read()


def cluster():
    """A PostgreSQL 15 of these tests alone (restarted by them), started on first use."""
    global _cluster
    if _cluster is None:
        _cluster = pgcluster.Cluster(prefix="pgconsole-faults-", tls=False,
                                     settings={"max_prepared_transactions": 2}).start()
        import atexit
        atexit.register(_cluster.cleanup)
        _cluster.psql("create table faults_t (a int); create table faults_locked (a int)")
    return _cluster


def wait_all_running(expected, drain_first=None):
    """Waits until every (application name, query fragment) of expected runs on the server."""
    missing = []

    def check():
        if drain_first:
            drain_first()
        rows = cluster().psql("select application_name || chr(1) || translate(query, chr(10), ' ') "
                              "from pg_stat_activity "
                              "where state = 'active'").split("\n")
        running = [row.split("\x01", 1) for row in rows if "\x01" in row]
        missing[:] = [(app, m) for app, m in expected if not any(app == a and m in q for a, q in running)]
        return not missing
    try:
        harness.wait_until(check, what="every client to run its statement")
    except AssertionError as e:
        raise AssertionError("%s; not running: %r" % (e, missing)) from None


class LockHolder:
    """A prepared transaction that holds faults_locked in ACCESS EXCLUSIVE mode, so that \\dt+ waits on it.
    Not a session: a shutdown ends every backend one after the other, and the lock a session
    lets go could reach the waiting \\dt+ before the shutdown ends it too (psql then prints the
    table).  A prepared transaction outlives shutdowns and restarts until it is rolled back."""

    GID = "faults_locker"

    def __init__(self):
        c = cluster()
        if c.psql("select count(*) from pg_prepared_xacts where gid = '%s'" % self.GID).strip() != "0":
            c.psql("rollback prepared '%s'" % self.GID)
        c.psql("begin; lock table faults_locked in access exclusive mode; prepare transaction '%s'" % self.GID)

    def release(self):
        """Once the server runs again."""
        cluster().psql("rollback prepared '%s'" % self.GID)


def fault(mode, apps):
    c = cluster()
    if mode == "terminate":
        c.psql("select pg_terminate_backend(pid) from pg_stat_activity where application_name in (%s)"
               % ", ".join("'%s'" % a for a in apps))
    elif mode == "restart":
        c.restart()
    else:
        c.stop()


def app_name(case, reference):
    return "faults-%s-%s" % (case, "psql" if reference else "pgconsole")


class ScriptFaultTest(unittest.TestCase):
    """Scripts on stdin: the fault ends them with psql's message and exit code 2.  Every case
    runs at once (one fault for all), psql and pgconsole side by side."""

    maxDiff = None

    def start(self, case, reference, cwd):
        exe = harness.PSQL if reference else harness._as_psql_name(harness.server().dir)
        proc = subprocess.Popen([exe, "-X"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=cluster().env(PGAPPNAME=app_name(case, reference)), cwd=cwd, text=True,
                                start_new_session=True)
        proc.stdin.write(SCRIPTS[case][0])
        proc.stdin.flush()
        return proc

    @staticmethod
    def finish(case, proc):
        rest = SCRIPTS[case][1]
        if rest is not None:
            try:
                proc.stdin.write(rest)
                proc.stdin.flush()
            except BrokenPipeError:
                pass
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            err += "[TIMEOUT]"
        return proc.returncode, out, err

    def run_cases(self, mode):
        runs = {}
        locker = LockHolder()
        try:
            for case in SCRIPTS:
                dirs = [harness.scratch("faults-") for _ in range(2)]
                for d in dirs:
                    harness.write_file(d, "out.txt", PREVIOUS_EXPORT)
                runs[case] = (dirs, [self.start(case, ref, d) for ref, d in zip((True, False), dirs)])
            expected = [(app_name(case, ref), SCRIPTS[case][2]) for case in SCRIPTS for ref in (True, False)]
            wait_all_running(expected)
            fault(mode, [app_name(case, ref) for case in SCRIPTS for ref in (True, False)])
        finally:
            locker.release()
        results = {case: [self.finish(case, p) for p in procs] for case, (_, procs) in runs.items()}
        for case, ((ref_rc, ref_out, ref_err), (rc, out, err)) in results.items():
            with self.subTest(case=case):
                label = "%s, %s:\npsql rc=%r\n%s\npgconsole rc=%r\n%s" % (case, mode, ref_rc, ref_err, rc, err)
                self.assertEqual(rc, ref_rc, label)
                self.assertEqual(rc, 2, label)
                self.assertEqual(err, ref_err, label)
                self.assertEqual(out, ref_out, label)
                self.assertNotIn("after", out)
                # whatever psql leaves there, pgconsole's \copy leaves no half export, no temporary file
                pgc_dir = runs[case][0][1]
                self.assertEqual(os.listdir(pgc_dir), ["out.txt"], label)
                self.assertEqual(read(os.path.join(pgc_dir, "out.txt")), PREVIOUS_EXPORT, label)
        self.assertEqual(cluster().psql("select count(*) from faults_t where a = 42").strip(), "0")

    def test_terminate(self):
        self.run_cases("terminate")

    def test_restart(self):
        self.run_cases("restart")


def ansi_free(text):
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", text)


FAULT_LINES = re.compile(r"^(FATAL|server closed|The connection to the server was lost|You are currently not "
                         r"connected|connection pointer|WARNING).*$", re.M)

# what a script runs after the statement the fault hits: in a terminal the test types its own
FOLLOW_UP = ("select 'after';", "commit;")

# in a terminal pstdin is the terminal: the same as copy_from_stdin
INTERACTIVE = [case for case in SCRIPTS if case != "slash_copy_from_pstdin"]


drain = harness.drain_output


PROMPTS = [r"postgres=\*?[#>] ", r"!\?> "]


class InteractiveFaultTest(unittest.TestCase):
    """In a terminal the session resets as psql's does: the same lines, then a working prompt
    (terminate) or psql's disconnected state (the server is down).  Every case at once."""

    maxDiff = None

    def spawn(self, case, reference, home):
        env = cluster().env(PGAPPNAME=app_name(case, reference), HOME=home, TERM="xterm", PAGER="cat",
                            COLUMNS="200", LINES="40", PSQL_HISTORY=os.path.join(home, "history"))
        child = pexpect.spawn(harness.PSQL if reference else harness.binary(), ["-X", "-P", "pager=off"], env=env,
                              encoding="utf-8", timeout=30, dimensions=(40, 200), cwd=home)
        self.addCleanup(child.close, True)
        return child

    def run_cases(self, mode):
        sessions = {}   # (case, reference) -> (child, home, transcript)
        for case in INTERACTIVE:
            for ref in (True, False):
                home = tempfile.mkdtemp(prefix="pgconsole-faults-home-")
                self.addCleanup(shutil.rmtree, home, True)
                sessions[case, ref] = (self.spawn(case, ref, home), home, [])
        for child, _, _ in sessions.values():
            child.expect(PROMPTS[0])

        def drain_all():
            # a terminal holds little: read what they all print while they run
            for child, _, transcript in sessions.values():
                drain(child, transcript)

        locker = LockHolder()
        try:
            for (case, ref), (child, _, _) in sessions.items():
                for line in SCRIPTS[case][0].splitlines():
                    if line not in FOLLOW_UP:
                        child.sendline(line)
            wait_all_running([(app_name(case, ref), SCRIPTS[case][2]) for case, ref in sessions], drain_all)
            fault(mode, [app_name(case, ref) for case, ref in sessions])
        finally:
            if mode != "stop":
                locker.release()
        try:
            for (case, ref), (child, _, transcript) in sessions.items():
                for line in (SCRIPTS[case][1] or "").splitlines():
                    if line not in FOLLOW_UP:
                        child.sendline(line)
                child.expect(r"Attempting reset: (Succeeded|Failed)\.", timeout=60)
                transcript.append(child.before + child.after)
                child.expect(PROMPTS, timeout=60)
                transcript.append(child.before)
                child.sendline("select 'next' || 'one' as n;")
                child.expect(PROMPTS, timeout=60)
                transcript.append(child.before)
        finally:
            if mode == "stop":
                cluster().start()
                locker.release()
        for case in INTERACTIVE:
            with self.subTest(case=case):
                ref, got = (ansi_free("".join(sessions[case, r][2])) for r in (True, False))
                label = "%s, %s:\n--- psql:\n%s\n--- pgconsole:\n%s" % (case, mode, ref, got)
                self.assertEqual([m.group(0) for m in FAULT_LINES.finditer(got)],
                                 [m.group(0) for m in FAULT_LINES.finditer(ref)], label)
                if mode == "terminate":
                    self.assertIn("Attempting reset: Succeeded.", got, label)
                    self.assertIn("nextone", got, label)
                else:
                    self.assertIn("Attempting reset: Failed.", got, label)
                    self.assertIn("You are currently not connected to a database.", got, label)
                if case == "slash_copy_to_file":
                    self.assertEqual(os.listdir(sessions[case, False][1]), [], label)

    def test_terminate(self):
        self.run_cases("terminate")

    def test_stop(self):
        self.run_cases("stop")


class WatchEndTest(harness.CompareCase):
    def test_watch_that_fails_ends_its_output_with_a_newline(self):
        self.compare(input="select 1/0\n\\watch 0.1\nselect 2;\n")


# ---------------------------------------------------------------------------
# A full disk and a read-only folder


small_tmpfs = harness.small_tmpfs
fill = harness.fill_filesystem


def remount_read_only(test, directory):
    r = subprocess.run(["mount", "-o", "remount,ro", directory], capture_output=True, text=True)
    if r.returncode != 0:
        test.skipTest("cannot remount a tmpfs read-only here: %s" % r.stderr.strip())


def leftovers(directory, expected):
    return sorted(set(os.listdir(directory)) - set(expected) - {"filler"})


# a history file that fills its 4 kB page exactly, so that one more byte needs a new one
OLD_HISTORY = "_HiStOrY_V2_\nselect\\040'%s';\n"
OLD_HISTORY = OLD_HISTORY % ("o" * (4096 - len(OLD_HISTORY % "")))


class FullDiskTest(unittest.TestCase):
    def home_dir(self):
        home = tempfile.mkdtemp(prefix="pgconsole-faults-home-")
        self.addCleanup(shutil.rmtree, home, True)
        return home

    maxDiff = None

    def test_history_on_a_full_disk_keeps_the_old_file_and_says_so(self):
        d = small_tmpfs(self)
        hist = harness.write_file(d, "history", OLD_HISTORY)
        fill(d)
        tail = ansi_free(harness.history_session(self, self.home_dir(), hist)[0])
        self.assertIn('could not save history to file "%s": No space left on device' % hist, tail)
        self.assertEqual(read(hist), OLD_HISTORY)
        self.assertEqual(leftovers(d, ["history"]), [])

    def test_history_in_a_read_only_folder(self):
        d = small_tmpfs(self)
        hist = harness.write_file(d, "history", OLD_HISTORY)
        remount_read_only(self, d)
        tail = ansi_free(harness.history_session(self, self.home_dir(), hist)[0])
        self.assertIn('could not save history to file "%s": Read-only file system' % hist, tail)
        self.assertEqual(read(hist), OLD_HISTORY)

    def test_copy_to_a_file_on_a_full_disk_keeps_the_old_file(self):
        d = small_tmpfs(self)
        target = harness.write_file(d, "export.csv", PREVIOUS_EXPORT)
        fill(d)
        script = ("\\copy (select g, repeat('x', 100) from generate_series(1, 1000) g) to '%s'\n"
                  "\\echo next\n" % target)
        r = harness.run_ex(["-X"], input=script)
        self.assertIn("could not write COPY data: No space left on device", r.err, r)
        self.assertEqual(len(r.err.splitlines()), 1, r)
        self.assertIn("next", r.out, r)
        self.assertEqual(read(target), PREVIOUS_EXPORT)
        self.assertEqual(leftovers(d, ["export.csv"]), [])

    def test_copy_to_a_file_keeps_its_mode_and_its_symbolic_link(self):
        d = harness.scratch("faults-")
        real = harness.write_file(d, "real.csv", PREVIOUS_EXPORT, mode=0o640)
        os.symlink("real.csv", os.path.join(d, "link.csv"))
        r = harness.run_ex(["-X", "-c", "\\copy (select 1) to '%s'" % os.path.join(d, "link.csv")])
        self.assertEqual((r.rc, r.out, r.err), (0, "COPY 1\n", ""), r)
        self.assertTrue(os.path.islink(os.path.join(d, "link.csv")))
        self.assertEqual(read(real), "1\n")
        self.assertEqual(os.stat(real).st_mode & 0o7777, 0o640)
        self.assertEqual(sorted(os.listdir(d)), ["link.csv", "real.csv"])

    def test_output_file_on_a_full_disk_as_psql(self):
        d = small_tmpfs(self)
        fill(d)
        script = ("\\o %s/out.txt\nselect g, repeat('x', 100) from generate_series(1, 1000) g;\n\\o\n"
                  "select 'next' as n;\n" % d)
        ref = harness.run_ex(["-X"], input=script, reference=True)
        got = harness.run_ex(["-X"], input=script)
        self.assertEqual((got.rc, got.out, got.err), (ref.rc, ref.out, ref.err))
        self.assertIn("No space left on device", got.err)


class PlatformFilesOnAFullDiskTest(PlatformCase):
    def test_cache_on_a_full_disk_warns_once_and_the_session_goes_on(self):
        d = small_tmpfs(self)
        env = self.env(XDG_CACHE_HOME=d)
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 'connected'", env=env)
        self.assertEqual((r.rc, r.out, r.err), (0, "connected\n", ""), r)
        # the CA stays cached; the token and the database's details must be written again
        kept = {}
        for name in os.listdir(os.path.join(d, "pgconsole")):
            path = os.path.join(d, "pgconsole", name)
            if name.startswith("ca-"):
                kept[path] = read(path)
            else:
                os.unlink(path)
        fill(d)
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 'connected'", env=env)
        self.assertEqual((r.rc, r.out), (0, "connected\n"), r)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertRegex(lines[0], r'^pgconsole: warning: could not write cache file ".*": No space left on device$')
        self.assertNoSecrets(r.out, r.err)
        self.assertEqual({p: read(p) for p in kept}, kept)
        self.assertEqual(leftovers(os.path.join(d, "pgconsole"), [os.path.basename(p) for p in kept]), [])

    def test_platform_ca_on_a_full_disk_is_one_clear_error(self):
        d = small_tmpfs(self)
        fill(d)
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 'connected'", env=self.env(XDG_CACHE_HOME=d))
        self.assertEqual((r.rc, r.out), (2, ""), r)
        self.assertRegex(r.err.splitlines()[-1], r"^pgconsole: error: could not write the platform's CA certificate "
                                                 r"to .*: No space left on device$")
        self.assertNoSecrets(r.out, r.err)
        self.assertEqual(leftovers(os.path.join(d, "pgconsole"), []), [])

    def test_trust_store_in_a_read_only_config_folder(self):
        d = small_tmpfs(self)
        os.makedirs(os.path.join(d, "pgconsole"), mode=0o700)
        store = harness.write_file(os.path.join(d, "pgconsole"), "trusted-psqlrc", "")
        os.chmod(store, 0o600)
        checkout = tempfile.mkdtemp(prefix="pgconsole-checkout-")
        self.addCleanup(shutil.rmtree, checkout, True)
        os.makedirs(os.path.join(checkout, ".git"))
        harness.write_file(checkout, ".psqlrc", "\\set FROM_CHECKOUT yes\n")
        remount_read_only(self, d)
        r = harness.run(["--app", "my-app", "--trust-psqlrc", "-c", "\\echo :FROM_CHECKOUT"],
                        env=self.env(XDG_CONFIG_HOME=d), cwd=checkout)
        # the trust could not be recorded, so the file is not trusted: that line, then the usual one
        lines = r.err.splitlines()
        self.assertEqual(lines[0], 'could not record trust in "%s/pgconsole/trusted-psqlrc": Read-only file system'
                         % d, r)
        self.assertEqual(len(lines), 2, r)
        self.assertIn("skipping", lines[1], r)
        self.assertEqual(read(store), "")


if __name__ == "__main__":
    unittest.main()
