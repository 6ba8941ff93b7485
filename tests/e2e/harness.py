"""
End-to-end test harness: a real, throwaway PostgreSQL 15 server (tests/lib/pgcluster.py:
initdb in a temp dir, a free loopback port, TLS from a throwaway CA), and helpers to run
pgconsole and psql on the same input and compare what they print.

One server is started per test run and stopped at exit.  Every client the helpers start
runs in a scratch working directory (workdir()), never in the checkout.
"""

import atexit
import os
import select
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import pgcluster  # noqa: E402

PG_BIN = pgcluster.PG_BIN
PSQL = os.path.join(PG_BIN, "psql")

DATABASE_HOSTS = pgcluster.DATABASE_HOSTS
PRIVATE_DATABASE_HOSTS = pgcluster.PRIVATE_DATABASE_HOSTS


def binary():
    """The pgconsole binary under test (set by run.py)."""
    return os.environ.get("PGCONSOLE_BIN", os.path.join(ROOT, "pgconsole"))


class PgServer(pgcluster.Cluster):
    """The PostgreSQL 15 instance of the tests: a superuser with a password, a 'tester' role
    and database, and a HOME of its own for the clients."""

    def __init__(self, settings=None, hba_first=()):
        # the certificate also names the private addresses, which only the SSH gateway's network leads here from
        super().__init__(prefix="pgconsole-e2e-", listen=("127.0.0.1",) + DATABASE_HOSTS, settings=settings,
                         hba_first=hba_first, ips=("127.0.0.1",) + DATABASE_HOSTS + PRIVATE_DATABASE_HOSTS)
        self.password = "s3cret-pass"
        self.start()
        self.sql("ALTER ROLE postgres PASSWORD '%s'" % self.password)
        self.sql("CREATE ROLE tester LOGIN PASSWORD 'tester-pass'")
        self.sql("CREATE DATABASE tester OWNER tester")

    def env(self, **extra):
        """Environment for a client on the Unix socket as the superuser, with no user startup files;
        extra sets variables (None removes one)."""
        defaults = {"HOME": self.home(),
                    # the shipped startup defaults of this checkout, wherever the binary under test lives
                    "PGCONSOLE_PSQLRC_DIR": os.path.join(ROOT, "psqlrc.d")}
        defaults.update(extra)
        return super().env(**defaults)

    def home(self):
        home = os.path.join(self.dir, "home")
        os.makedirs(home, exist_ok=True)
        return home

    def url(self, user="postgres", password=None, db="postgres", sslmode="require"):
        password = self.password if password is None and user == "postgres" else password
        auth = user + (":" + password if password else "")
        return "postgresql://%s@127.0.0.1:%d/%s?sslmode=%s" % (auth, self.port, db, sslmode)

    def sql(self, statement, db="postgres"):
        return self.psql(statement, db=db)

    def wait_for_query(self, query, timeout=30):
        """Waits until pg_stat_activity shows a session running a statement that starts with query;
        returns that session's application_name."""
        sql = ("select '>' || application_name from pg_stat_activity where state = 'active' "
               "and starts_with(query, '%s') limit 1" % query.replace("'", "''"))
        return wait_until(lambda: self.sql(sql).strip(), timeout, "the server to run %r" % query)[1:]


def wait_until(predicate, timeout=30, what="a condition", interval=0.05):
    """Polls predicate until it returns something true, and returns that; fails the test with
    what when timeout seconds pass first.  For waits on observable state, instead of sleeps."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))
        time.sleep(interval)


_server = None


def advisory_lock_holder(test, key):
    """A psql session of the test server that holds advisory lock key until release() is called
    (a query that asks for it then waits); ended with the test."""
    holder = subprocess.Popen([PSQL, "-X", "-q", "-At"], env=server().env(), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    test.addCleanup(holder.kill)
    holder.stdin.write("select pg_advisory_lock(%d);\n\\echo locked\n" % key)
    holder.stdin.flush()
    wait_until(lambda: holder.stdout.readline().strip() == "locked", 30, "the lock")

    def release():
        holder.stdin.write("select pg_advisory_unlock(%d);\n\\q\n" % key)
        holder.stdin.flush()
    holder.release = release
    return holder


def read_lines_while_running(proc, count, timeout=30):
    """What proc writes to its stdout pipe until count lines came, its output ended or timeout
    seconds passed, without waiting for it to end."""
    seen = b""
    deadline = time.monotonic() + timeout
    while seen.count(b"\n") < count and time.monotonic() < deadline:
        if select.select([proc.stdout], [], [], 0.5)[0]:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
    return seen


def server():
    """The shared server, started on first use."""
    global _server
    if _server is None:
        _server = PgServer()
        atexit.register(_server.cleanup)
    return _server


def workdir():
    """The working directory of the clients the tests start: a scratch directory of the run, so
    that nothing a test does (\\o, \\copy, \\w, \\s with relative names) writes into the checkout."""
    d = os.path.join(server().dir, "cwd")
    if not os.path.isdir(d):
        os.makedirs(d)
        os.chmod(d, 0o777)
    return d


class Result:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return "rc=%r\n--- stdout ---\n%s--- stderr ---\n%s" % (self.rc, self.out, self.err)


def _as_psql_name(directory):
    """pgconsole under the name psql, so that message prefixes match psql's."""
    link = os.path.join(directory, "psql")
    if not os.path.exists(link):
        os.symlink(binary(), link)
    return link


def run(args, input=None, env=None, as_psql=False, timeout=60, cwd=None, reference=False, merge=False):
    """Runs pgconsole (or psql with reference=True) and returns a Result."""
    srv = server()
    if reference:
        exe = PSQL
    elif as_psql:
        exe = _as_psql_name(srv.dir)
    else:
        exe = binary()
    proc = subprocess.run([exe] + list(args), input=input, env=env or srv.env(), timeout=timeout,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merge else subprocess.PIPE,
                          cwd=cwd or workdir(), errors="surrogateescape", text=True)
    return Result(proc)


def both(args, input=None, env=None, merge=False, cwd=None):
    """Runs psql and pgconsole (named psql) on the same arguments and input."""
    ref = run(args, input=input, env=env, reference=True, merge=merge, cwd=cwd)
    got = run(args, input=input, env=env, as_psql=True, merge=merge, cwd=cwd)
    return ref, got


# ---------------------------------------------------------------------------
# Helpers for comparison tests (added for the test files; the functions above
# keep their behaviour).

import difflib
import re
import unittest


def scratch(prefix="case-"):
    """A fresh directory for files a test writes (removed with the server's directory)."""
    d = tempfile.mkdtemp(prefix=prefix, dir=server().dir)
    os.chmod(d, 0o777)
    return d


def write_file(directory, name, text, mode=None):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)
    return path


def sub_all(text, substitutions):
    """Applies (pattern, replacement) regex pairs to text (None passes through)."""
    if text is None:
        return None
    for pattern, repl in substitutions or ():
        text = re.sub(pattern, repl, text, flags=re.M)
    return text


def unified(ref, got, ref_name="psql", got_name="pgconsole"):
    lines = difflib.unified_diff(ref.splitlines(True), got.splitlines(True), ref_name, got_name, n=2)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\\ (no newline)\n")
    return "".join(out)


def describe_case(args, input):
    text = "args: %r\n" % (list(args),)
    if input is not None:
        shown = input if len(input) < 3000 else input[:3000] + "...(truncated)"
        text += "input:\n" + "".join("  | " + l + "\n" for l in shown.split("\n"))
    return text


def _start(args, input, env, reference, merge, cwd, binary_input):
    srv = server()
    exe = PSQL if reference else _as_psql_name(srv.dir)
    kw = {} if binary_input else dict(errors="surrogateescape", text=True)
    proc = subprocess.Popen([exe] + list(args), env=env or srv.env(), cwd=cwd or workdir(), start_new_session=True,
                            stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merge else subprocess.PIPE, **kw)
    return proc


def _finish(proc, input, timeout):
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err = (err or "") + "\n[TIMEOUT after %ss]" % timeout
    return Result(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))


def run_ex(args, input=None, env=None, reference=False, merge=False, cwd=None, timeout=60, binary_input=False):
    """Like run(), always pgconsole named psql (or psql with reference=True), but detached from
    any controlling terminal (a new session), so that prompts go to stdin/stderr as in CI;
    stdin is /dev/null when no input is given."""
    return _finish(_start(args, input, env, reference, merge, cwd, binary_input), input, timeout)


def both_ex(args, input=None, env=None, merge=False, cwd=None, timeout=60, parallel=True):
    """Like both(), detached from any controlling terminal.  With parallel=True, psql and
    pgconsole run at the same time: only for cases that touch no shared database state."""
    if not parallel:
        return (run_ex(args, input, env, True, merge, cwd, timeout),
                run_ex(args, input, env, False, merge, cwd, timeout))
    p_ref = _start(args, input, env, True, merge, cwd, False)
    p_got = _start(args, input, env, False, merge, cwd, False)
    return _finish(p_ref, input, timeout), _finish(p_got, input, timeout)


class CompareCase(unittest.TestCase):
    """A TestCase with psql comparisons: runs psql and pgconsole (as psql) and
    asserts that exit code, stdout and stderr (or the merged stream) match."""

    maxDiff = None
    default_args = ["-X"]

    parallel = True

    def compare(self, args=(), input=None, env=None, merge=False, cwd=None, subs=None,
                check_rc=True, check_err=True, label=None, args_only=False, parallel=None):
        full = list(args) if args_only else list(self.default_args) + list(args)
        if parallel is None:
            parallel = self.parallel
        ref, got = both_ex(full, input=input, env=env, merge=merge, cwd=cwd, parallel=parallel)
        self.assertSameResult(ref, got, full, input, subs=subs, check_rc=check_rc, check_err=check_err and not merge,
                              label=label)
        return ref, got

    def assertSameResult(self, ref, got, args=(), input=None, subs=None, check_rc=True, check_err=True, label=None):
        problems = []
        if check_rc and ref.rc != got.rc:
            problems.append("exit code: psql %r, pgconsole %r" % (ref.rc, got.rc))
        ro, go = sub_all(ref.out, subs), sub_all(got.out, subs)
        if ro != go:
            problems.append("stdout differs:\n" + unified(ro, go))
        if check_err:
            re_, ge = sub_all(ref.err, subs), sub_all(got.err, subs)
            if re_ != ge:
                problems.append("stderr differs:\n" + unified(re_, ge))
        if problems:
            head = (label + "\n") if label else ""
            self.fail(head + describe_case(args, input) + "\n".join(problems))


_fixture_databases = set()


def fixture_database(name, objects):
    """A database made from objects (SQL) once per run, shared by the tests that read it."""
    if name not in _fixture_databases:
        srv = server()
        # one statement per call: CREATE DATABASE cannot run in -c's implicit transaction
        srv.sql("DROP DATABASE IF EXISTS " + name)
        srv.sql("CREATE DATABASE " + name)
        srv.sql(objects, db=name)
        _fixture_databases.add(name)
    return name


class FixtureDatabaseCase(CompareCase):
    """Compares scripts run in a fixture database; subclasses name it (DB) and its SQL (OBJECTS)."""
    DB = None
    OBJECTS = None

    @classmethod
    def database(cls):
        return fixture_database(cls.DB, cls.OBJECTS)

    def run_script(self, script, args=()):
        return self.compare(["-d", self.database()] + list(args), input=script, merge=True)


# a full disk, for the tests of what pgconsole does when a write fails with ENOSPC
def small_tmpfs(test, size="64k"):
    """A tmpfs of its own, mounted for this test and removed after it; skips where that is impossible."""
    if os.geteuid() != 0:
        test.skipTest("mounting a small tmpfs needs root")
    d = tempfile.mkdtemp(prefix="pgconsole-tmpfs-")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0777" % size, "tmpfs", d],
                       capture_output=True, text=True)
    if r.returncode != 0:
        os.rmdir(d)
        test.skipTest("cannot mount a tmpfs here: %s" % r.stderr.strip())

    def remove():
        subprocess.run(["umount", "-l", d], capture_output=True)
        os.rmdir(d)
    test.addCleanup(remove)
    return d


def fill_filesystem(directory):
    """Writes into directory until its filesystem is full."""
    fd = os.open(os.path.join(directory, "filler"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass
    try:
        while os.write(fd, b"\0") > 0:
            pass
    except OSError:
        pass
    os.close(fd)


def drain_output(child, sink, timeout=0):
    """Appends to sink what a pexpect child printed until it has been silent for timeout seconds."""
    import pexpect
    try:
        while True:
            sink.append(child.read_nonblocking(65536, timeout=timeout))
    except (pexpect.TIMEOUT, pexpect.EOF):
        pass


def history_session(test, home, history=None):
    """An interactive session (a pty, HOME=home, PSQL_HISTORY=history when given) that adds one
    history entry and quits; what it printed after \\q (line ends as \\n) and its exit status."""
    import pexpect
    env = server().env(HOME=home, TERM="xterm", PAGER="cat")
    if history:
        env["PSQL_HISTORY"] = history
    child = pexpect.spawn(binary(), ["-X"], env=env, encoding="utf-8", timeout=30, cwd=home)
    test.addCleanup(child.close, True)
    child.expect(r"postgres=# ")
    child.sendline("select 'new entry';")
    child.expect(r"postgres=# ")
    child.sendline("\\q")
    child.expect(pexpect.EOF)
    child.close()
    return child.before.replace("\r\n", "\n"), child.exitstatus
