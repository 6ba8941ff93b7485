"""
End-to-end test harness: a real, throwaway PostgreSQL 15 server (initdb in a temp
dir, a free loopback port, TLS with a throwaway CA), and helpers to run pgconsole
and psql on the same input and compare what they print.

One server is started per test run and stopped at exit.  When the tests run as
root, the server runs as the unprivileged 'postgres' user, as PostgreSQL requires.
"""

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

PG_BIN = "/usr/lib/postgresql/15/bin"
PSQL = os.path.join(PG_BIN, "psql")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

sys.path.insert(0, os.path.join(ROOT, "tests", "standin"))
from cluster import DATABASE_HOSTS  # noqa: E402  (the stand-in's databases, each on an address of its own)


def binary():
    """The pgconsole binary under test (set by run.py)."""
    return os.environ.get("PGCONSOLE_BIN", os.path.join(ROOT, "pgconsole"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_server_user(args, **kw):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + list(args)
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)


def make_ca(directory, hostnames=("localhost",), ips=("127.0.0.1",), name="server"):
    """A throwaway CA and a server certificate signed by it; returns (ca_cert, cert, key)."""
    ca_key = os.path.join(directory, "ca.key")
    ca_crt = os.path.join(directory, "ca.crt")
    if not os.path.exists(ca_crt):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=pgconsole test CA", "-keyout", ca_key, "-out", ca_crt],
                       check=True, capture_output=True)
    key = os.path.join(directory, name + ".key")
    csr = os.path.join(directory, name + ".csr")
    crt = os.path.join(directory, name + ".crt")
    ext = os.path.join(directory, name + ".ext")
    san = ",".join(["DNS:" + h for h in hostnames] + ["IP:" + i for i in ips])
    with open(ext, "w") as f:
        f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\n" % san)
    subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + hostnames[0],
                    "-keyout", key, "-out", csr], check=True, capture_output=True)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key,
                    "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", crt],
                   check=True, capture_output=True)
    os.chmod(key, 0o600)
    return ca_crt, crt, key


class PgServer:
    """A PostgreSQL 15 instance for the tests."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pgconsole-e2e-")
        os.chmod(self.dir, 0o755)
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.socket_dir = self.dir
        self.hosts = DATABASE_HOSTS
        self.ca, self.cert, self.key = make_ca(self.dir, ips=("127.0.0.1",) + self.hosts)
        self.superuser = "postgres"
        self.password = "s3cret-pass"
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            for path in (self.dir, self.key, self.cert, self.ca):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        self._initdb()
        self.start()
        self.sql("ALTER ROLE postgres PASSWORD '%s'" % self.password)
        self.sql("CREATE ROLE tester LOGIN PASSWORD 'tester-pass'")
        self.sql("CREATE DATABASE tester OWNER tester")

    def _initdb(self):
        pwfile = os.path.join(self.dir, "pw")
        _run_as_server_user([os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U", "postgres",
                             "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"])
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write("port = %d\nlisten_addresses = '%s'\nunix_socket_directories = '%s'\n"
                    "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\nssl_ca_file = '%s'\n"
                    "fsync = off\nmax_connections = 60\nshared_preload_libraries = 'pg_stat_statements'\n"
                    % (self.port, ",".join(("127.0.0.1",) + self.hosts), self.socket_dir, self.cert, self.key,
                       self.ca))
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all all trust\n"
                    "hostssl all all 127.0.0.0/8 scram-sha-256\n"
                    "host all all 127.0.0.0/8 scram-sha-256\n")
        if os.path.exists(pwfile):
            os.unlink(pwfile)

    def start(self):
        _run_as_server_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-w", "-l",
                             os.path.join(self.dir, "server.log"), "start"])

    def stop(self, mode="fast"):
        try:
            _run_as_server_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"])
        except subprocess.CalledProcessError:
            pass

    def restart(self):
        self.stop()
        self.start()

    def reload(self):
        _run_as_server_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "reload"])

    def env(self, **extra):
        """Environment for a client on the Unix socket as the superuser, with no user startup files."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG") and k not in
               ("PSQLRC", "DATABASE_URL", "PAGER", "PSQL_PAGER")}
        env.update({"PGHOST": self.socket_dir, "PGPORT": str(self.port), "PGUSER": "postgres",
                    "PGDATABASE": "postgres", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
                    "HOME": self.home(),
                    # the shipped startup defaults of this checkout, wherever the binary under test lives
                    "PGCONSOLE_PSQLRC_DIR": os.path.join(ROOT, "psqlrc.d")})
        env.update({k: v for k, v in extra.items() if v is not None})
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
        return env

    def home(self):
        home = os.path.join(self.dir, "home")
        os.makedirs(home, exist_ok=True)
        return home

    def url(self, user="postgres", password=None, db="postgres", sslmode="require"):
        password = self.password if password is None and user == "postgres" else password
        auth = user + (":" + password if password else "")
        return "postgresql://%s@127.0.0.1:%d/%s?sslmode=%s" % (auth, self.port, db, sslmode)

    def sql(self, statement, db="postgres"):
        out = subprocess.run([PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", statement],
                             env=self.env(), check=True, capture_output=True, text=True)
        return out.stdout

    def cleanup(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


_server = None


def server():
    """The shared server, started on first use."""
    global _server
    if _server is None:
        _server = PgServer()
        atexit.register(_server.cleanup)
    return _server


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
                          cwd=cwd, errors="surrogateescape", text=True)
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
    proc = subprocess.Popen([exe] + list(args), env=env or srv.env(), cwd=cwd, start_new_session=True,
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
