"""pgconsole tunnel: local clients (psql, pg_dump, pgbench, psycopg2, raw sockets) through the tunnel to a
real PostgreSQL 15 over verified TLS, on both event-loop backends; refusals, cancel, restarts, exec mode,
ports, and no secret on any command line.

The tunnel tests use a server of their own (the harness's PgServer with room for 200+ connections and a
trust-authenticated role for raw protocol clients), so that restarting it disturbs no other test."""

import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import threading
import time
import unittest

import psycopg2

import harness
import secrets_scan

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True

PG_BIN = harness.PG_BIN
MANY_CLIENTS = 200


class TunnelServer(harness.PgServer):
    """The harness's TLS server with more connections and a role that needs no password."""

    def __init__(self):
        super().__init__(settings={"max_connections": MANY_CLIENTS + 60},
                         hba_first=("hostssl all trustee 127.0.0.1/32 trust",))


_server = None


def server():
    global _server
    if _server is None:
        _server = TunnelServer()
        _server.sql("CREATE ROLE trustee LOGIN")
        _server.secret = "tun-" + secrets.token_hex(12)
        # an exec-mode command gets it in PGPASSWORD and DATABASE_URL by design
        secrets_scan.register(_server.secret, "tunnel database password", environ=False)
        _server.sql("CREATE ROLE tunneler LOGIN SUPERUSER PASSWORD '%s'" % _server.secret)
        _server.sql("CREATE DATABASE tunneldb OWNER tunneler")
    return _server


def tearDownModule():
    global _server
    if _server is not None:
        _server.cleanup()
        _server = None


def wait_until(predicate, timeout=30, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def target_url(srv, host="localhost", password=True, **params):
    params.setdefault("sslrootcert", srv.ca)
    query = "&".join("%s=%s" % kv for kv in params.items())
    auth = "tunneler:%s" % srv.secret if password else "tunneler"
    return "postgresql://%s@%s:%d/tunneldb?%s" % (auth, host, srv.port, query)


class Tunnel:
    """A running `pgconsole tunnel`, its output gathered line by line."""

    def __init__(self, args, poller=None, env=None, stdin=None):
        env = dict(env or server().env())
        if poller:
            env["PGCONSOLE_TUNNEL_POLLER"] = poller
        self.proc = subprocess.Popen([harness.binary(), "tunnel"] + list(args), env=env, text=True,
                                     stdin=stdin or subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, start_new_session=True)
        self.out, self.err = [], []
        self.changed = threading.Condition()
        self.readers = [threading.Thread(target=self._read, args=(s, into), daemon=True)
                        for s, into in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for r in self.readers:
            r.start()

    def _read(self, stream, into):
        for line in stream:
            with self.changed:
                into.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            into.append(None)   # end of stream
            self.changed.notify_all()

    def _wait(self, lines, pattern, timeout):
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        with self.changed:
            while True:
                for line in lines:
                    if line is not None and rx.search(line):
                        return line
                if None in lines:
                    raise AssertionError("the tunnel ended before printing /%s/:\n%s" % (pattern, self.text()))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("no /%s/ from the tunnel:\n%s" % (pattern, self.text()))
                self.changed.wait(left)

    def url(self, timeout=30):
        return self._wait(self.out, r"^postgresql://", timeout)

    def port(self):
        return int(re.search(r":(\d+)(/|\?)", self.url()).group(1))

    def log(self, pattern, timeout=30):
        return self._wait(self.err, pattern, timeout)

    def count(self, pattern):
        with self.changed:
            return sum(1 for line in self.err if line is not None and re.search(pattern, line))

    def text(self):
        with self.changed:
            return "stdout:\n%s\nstderr:\n%s" % ("\n".join(l for l in self.out if l is not None),
                                                 "\n".join(l for l in self.err if l is not None))

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
            raise AssertionError("the tunnel did not stop on signal %d:\n%s" % (sig, self.text()))
        for r in self.readers:
            r.join(10)
        return rc


def client_env(srv, password=None, **extra):
    env = srv.env(**extra)
    for k in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE"):
        env.pop(k, None)
    if password:
        env["PGPASSWORD"] = password
    return env


def psql(srv, url, *args, password=None, timeout=60, env=None):
    return subprocess.run([harness.PSQL, "-X", "-At", "-d", url] + list(args), env=env or client_env(srv, password),
                          capture_output=True, text=True, timeout=timeout)


class TunnelCase(unittest.TestCase):
    POLLER = None

    @classmethod
    def setUpClass(cls):
        cls.srv = server()

    def tunnel(self, *args, **kw):
        t = Tunnel(args, poller=kw.pop("poller", self.POLLER), **kw)
        self.addCleanup(lambda: t.proc.poll() is None and t.stop(signal.SIGKILL))
        return t

    def started(self, *extra, url=None):
        """A tunnel on a free port to the test server; its local URL."""
        t = self.tunnel("--port", "0", *extra, url or target_url(self.srv))
        return t, t.url()

    def backend_gone(self, pid):
        return self.srv.sql("SELECT count(*) FROM pg_stat_activity WHERE pid = %d" % pid).strip() == "0"


# ---------------------------------------------------------------------------------------------
# relaying, on each event-loop backend


class RelayTests:
    def test_psql_through_the_tunnel_over_tls(self):
        t, url = self.started()
        self.assertRegex(url, r"^postgresql://tunneler@127\.0\.0\.1:\d+/tunneldb\?sslmode=disable$")
        r = psql(self.srv, url, "-c", "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                 password=self.srv.secret)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "tunneler|t\n")    # the server saw TLS; the client did not need it
        t.log(r"connected to the database: localhost:%d \(TLSv1\.[23], certificate verified\)" % self.srv.port)
        # a client that asks for TLS on the local side is told no, and carries on without
        r = psql(self.srv, url.replace("sslmode=disable", "sslmode=prefer"), "-c", "SELECT 1",
                 password=self.srv.secret)
        self.assertEqual((r.returncode, r.stdout), (0, "1\n"), r.stderr)
        r = psql(self.srv, url.replace("sslmode=disable", "sslmode=require"), "-c", "SELECT 1",
                 password=self.srv.secret)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("server does not support SSL", r.stderr)
        self.assertEqual(t.stop(), 0)

    def test_pg_dump_and_pgbench(self):
        self.srv.sql("DROP DATABASE IF EXISTS tunneldump")
        self.srv.sql("CREATE DATABASE tunneldump OWNER tunneler")
        self.srv.sql("CREATE TABLE items (id int PRIMARY KEY, label text);"
                     "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 5000) g;"
                     "CREATE VIEW first_items AS SELECT * FROM items WHERE id < 10", db="tunneldump")
        t, url = self.started()
        url = url.replace("/tunneldb?", "/tunneldump?")
        env = client_env(self.srv, self.srv.secret)
        through = subprocess.run([os.path.join(PG_BIN, "pg_dump"), "-d", url], env=env, capture_output=True,
                                 text=True, timeout=120)
        self.assertEqual(through.returncode, 0, through.stderr)
        direct = subprocess.run([os.path.join(PG_BIN, "pg_dump"), "-d", "tunneldump"], env=self.srv.env(),
                                capture_output=True, text=True, timeout=120)
        # pg_dump 15.14+ fences its output with a random \restrict key
        fence = re.compile(r"^\\(un)?restrict .*$", re.M)
        self.assertEqual(fence.sub("", through.stdout), fence.sub("", direct.stdout))
        self.assertIn("COPY public.items (id, label) FROM stdin;", through.stdout)
        pgbench = os.path.join(PG_BIN, "pgbench")
        r = subprocess.run([pgbench, "-i", "-s", "1", "-q", url], env=env, capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run([pgbench, "-n", "-S", "-c", "4", "-j", "2", "-t", "100", url], env=env,
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("number of transactions actually processed: 400/400", r.stdout)
        self.assertEqual(t.stop(), 0)

    def test_cancel_with_psql_ctrl_c(self):
        t, url = self.started("-v")
        env = client_env(self.srv, self.srv.secret, PGAPPNAME="tunnel-cancel-psql")
        p = subprocess.Popen([harness.PSQL, "-X", "-d", url, "-c", "SELECT pg_sleep(600)"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: p.poll() is None and p.kill())
        wait_until(lambda: self.srv.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                        "'tunnel-cancel-psql' AND query LIKE '%pg_sleep%'").strip() == "1",
                   what="the query to run")
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
        self.assertIn("canceling statement due to user request", err)
        self.assertEqual(p.returncode, 1)
        t.log(r"#\d+ cancel request for #\d+ \(backend pid \d+\)")
        t.log(r"#\d+ cancel request delivered")

    def test_cancel_from_libpq_in_python(self):
        t, url = self.started()
        conn = psycopg2.connect(url, password=self.srv.secret)
        self.addCleanup(conn.close)
        cur = conn.cursor()
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
        canceller = threading.Thread(target=lambda: (
            wait_until(lambda: self.srv.sql("SELECT wait_event FROM pg_stat_activity WHERE pid = %d" % pid).strip()
                       == "PgSleep", what="the sleep"), conn.cancel()))
        canceller.start()
        with self.assertRaises(psycopg2.errors.QueryCanceled) as caught:
            cur.execute("SET statement_timeout = '60s'; SELECT pg_sleep(600)")   # bounded if cancel fails
        self.assertIn("due to user request", str(caught.exception))
        canceller.join()
        conn.rollback()
        cur.execute("SELECT 42")   # the connection is still good
        self.assertEqual(cur.fetchone()[0], 42)

    def test_many_concurrent_clients(self):
        t, url = self.started()
        conns, errors = [], []
        lock = threading.Lock()

        def open_some(n):
            for _ in range(n):
                try:
                    c = psycopg2.connect(url, password=self.srv.secret, application_name="tunnel-many")
                    with lock:
                        conns.append(c)
                except Exception as e:  # noqa: BLE001 - reported below
                    with lock:
                        errors.append(str(e))

        threads = [threading.Thread(target=open_some, args=(MANY_CLIENTS // 20,)) for _ in range(20)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        try:
            self.assertEqual(errors, [])
            self.assertEqual(len(conns), MANY_CLIENTS)
            # all open at once: every one is its own backend, and each still answers
            active = self.srv.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tunnel-many'")
            self.assertEqual(int(active), MANY_CLIENTS)
            pids = set()
            for i, c in enumerate(conns):
                cur = c.cursor()
                cur.execute("SELECT pg_backend_pid(), %s::int, repeat('x', 50000)", (i,))
                pid, n, payload = cur.fetchone()
                self.assertEqual((n, len(payload)), (i, 50000))
                pids.add(pid)
            self.assertEqual(len(pids), MANY_CLIENTS)
        finally:
            for c in conns:
                c.close()
        wait_until(lambda: self.srv.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                        "'tunnel-many'").strip() == "0", what="the backends to end")
        self.assertEqual(t.proc.poll(), None)

    def test_client_gone_in_the_middle_of_copy(self):
        t, url = self.started("-v")
        env = client_env(self.srv, self.srv.secret, PGAPPNAME="tunnel-copy-victim")
        p = subprocess.Popen([harness.PSQL, "-X", "-d", url, "-c",
                              "COPY (SELECT g, repeat('y', 200) FROM generate_series(1, 50000000) g) TO STDOUT"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: p.poll() is None and p.kill())
        got = 0
        while got < 4 << 20:
            chunk = p.stdout.read(65536)
            self.assertTrue(chunk, "psql stopped before the COPY got going")
            got += len(chunk)
        pid = int(self.srv.sql("SELECT pid FROM pg_stat_activity WHERE application_name = 'tunnel-copy-victim'"))
        p.kill()
        p.wait()
        p.stdout.close()
        wait_until(lambda: self.backend_gone(pid), what="the server's backend to end")
        t.log(r"#1 close after")
        r = psql(self.srv, url, "-c", "SELECT 'still serving'", password=self.srv.secret)
        self.assertEqual(r.stdout, "still serving\n", r.stderr)

    def test_bulk_upload(self):
        """COPY FROM STDIN of 60 MB: the client outpaces the server, the queue towards it fills and
        drains again and again."""
        t, url = self.started()
        self.srv.sql("DROP TABLE IF EXISTS upload", db="tunneldb")
        self.srv.sql("CREATE UNLOGGED TABLE upload (id int, payload text)", db="tunneldb")
        line = "x" * 1000
        rows = 60000
        data = "".join("%d\t%s\n" % (i, line) for i in range(rows))
        r = subprocess.run([harness.PSQL, "-X", "-d", url, "-c", "COPY upload FROM STDIN"], input=data,
                           env=client_env(self.srv, self.srv.secret), capture_output=True, text=True, timeout=300)
        self.assertEqual((r.returncode, r.stdout), (0, "COPY %d\n" % rows), r.stderr)
        self.assertEqual(self.srv.sql("SELECT count(*), sum(length(payload)) FROM upload", db="tunneldb"),
                         "%d|%d\n" % (rows, rows * 1000))

    def test_half_close_passes_on_and_the_answer_still_arrives(self):
        """A raw client sends a query and shuts its sending side at once: the query still runs, its whole
        answer comes back, then the end of the stream."""
        t, url = self.started()
        s = socket.create_connection(("127.0.0.1", t.port()))
        self.addCleanup(s.close)
        s.sendall(startup_packet("trustee", "postgres"))
        read_until_ready(s)
        s.sendall(query_message("SELECT repeat('z', 300000)"))
        s.shutdown(socket.SHUT_WR)
        data = read_all(s)
        self.assertIn(b"z" * 300000, data)
        self.assertTrue(data.endswith(b"Z\x00\x00\x00\x05I"), data[-20:])

    def test_database_restart_while_the_tunnel_runs(self):
        t, url = self.started()
        conn = psycopg2.connect(url, password=self.srv.secret)
        self.addCleanup(conn.close)
        conn.cursor().execute("SELECT 1")
        self.srv.stop()
        try:
            r = psql(self.srv, url, "-c", "SELECT 1", password=self.srv.secret)
            self.assertEqual(r.returncode, 2)
            self.assertIn("pgconsole tunnel: could not reach the database localhost:%d: Connection refused"
                          % self.srv.port, r.stderr)
            t.log(r"cannot reach the database localhost:%d: Connection refused" % self.srv.port)
            # a second failure for the same reason is no new state: no second line
            psql(self.srv, url, "-c", "SELECT 1", password=self.srv.secret)
            self.assertEqual(t.count("cannot reach the database"), 1)
        finally:
            self.srv.start()
        with self.assertRaises(psycopg2.OperationalError):
            conn.cursor().execute("SELECT 1")   # that one ended with the server
        r = psql(self.srv, url, "-c", "SELECT 'back'", password=self.srv.secret)
        self.assertEqual(r.stdout, "back\n", r.stderr)
        t.log(r"the database is reachable again")
        self.assertEqual(t.stop(signal.SIGINT), 0)


class RelayEpollTest(RelayTests, TunnelCase):
    POLLER = "epoll"


class RelayPollTest(RelayTests, TunnelCase):
    POLLER = "poll"


# ---------------------------------------------------------------------------------------------
# raw protocol helpers


def startup_packet(user, database):
    body = struct.pack("!I", 196608) + b"user\0" + user.encode() + b"\0database\0" + database.encode() + b"\0\0"
    return struct.pack("!I", len(body) + 4) + body


def query_message(sql):
    body = sql.encode() + b"\0"
    return b"Q" + struct.pack("!I", len(body) + 4) + body


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise AssertionError("the connection ended after %r" % data)
        data += chunk
    return data


def read_message(s):
    head = read_exactly(s, 5)
    return head[:1], read_exactly(s, struct.unpack("!I", head[1:])[0] - 4)


def read_until_ready(s):
    while True:
        kind, body = read_message(s)
        if kind == b"E":
            raise AssertionError("error from the server: %r" % body)
        if kind == b"Z":
            return


def read_all(s):
    s.settimeout(60)
    data = b""
    while True:
        chunk = s.recv(1 << 16)
        if not chunk:
            return data
        data += chunk


def error_fields(body):
    return {f[:1]: f[1:].decode() for f in body.split(b"\0") if f}


# ---------------------------------------------------------------------------------------------
# refusals, ports, exec mode, secrets


class TunnelBehaviourTest(TunnelCase):
    def refused(self, t, url, *expected):
        r = psql(self.srv, url, "-c", "SELECT 1", password=self.srv.secret)
        self.assertEqual(r.returncode, 2, r)
        for e in expected:
            self.assertIn(e, r.stderr)
        t.log("cannot reach the database")
        self.assertEqual(t.count("cannot reach the database"), 1)
        return r

    def test_wrong_ca_is_refused(self):
        other = harness.pgcluster.CA(harness.scratch("other-ca-")).cert
        t, url = self.started("--ca-file", other)
        r = self.refused(t, url, "FATAL:  pgconsole tunnel: could not reach the database localhost:%d: the server's "
                                 "certificate is not signed by a CA of %s" % (self.srv.port, other))
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        # the tunnel keeps serving, and says nothing new for the same failure
        self.refused(t, url, "not signed by a CA")
        self.assertEqual(t.proc.poll(), None)

    def test_system_store_does_not_trust_a_private_ca(self):
        t, url = self.started(url=target_url(self.srv, sslrootcert="system"))
        self.refused(t, url, "not signed by a CA of the system's store")

    def test_wrong_host_name_is_refused(self):
        conninfo = "host=db.wrong.example hostaddr=127.0.0.1 port=%d user=tunneler dbname=tunneldb sslrootcert=%s" % (
            self.srv.port, self.srv.ca)
        t, url = self.started(url=conninfo)
        self.refused(t, url, "the server's certificate is not valid for \"db.wrong.example\"")

    def test_server_without_tls_is_refused(self):
        plain = socket.socket()
        plain.bind(("127.0.0.1", 0))
        plain.listen(8)
        self.addCleanup(plain.close)
        requests = []

        def serve():
            while True:
                try:
                    c, _ = plain.accept()
                except OSError:
                    return
                with c:
                    requests.append(c.recv(8))
                    c.sendall(b"N")
                    c.recv(100)   # whatever comes next (nothing: the tunnel closes)

        threading.Thread(target=serve, daemon=True).start()
        t, url = self.started(url="postgresql://tunneler@127.0.0.1:%d/tunneldb" % plain.getsockname()[1])
        self.refused(t, url, "the server does not accept TLS connections, and the tunnel never connects without TLS")
        self.assertEqual(requests[0], struct.pack("!II", 8, 80877103))

    def test_unresolvable_host_is_refused_and_the_next_dial_starts_afresh(self):
        t, url = self.started(url="postgresql://tunneler@no-such-host.invalid:5432/tunneldb")
        r = psql(self.srv, url, "-c", "SELECT 1")
        self.assertIn("could not resolve host \"no-such-host.invalid\"", r.stderr)
        r2 = psql(self.srv, url, "-c", "SELECT 1")
        self.assertIn("could not resolve host", r2.stderr)
        self.assertEqual(t.count("cannot reach the database"), 1)

    def test_not_a_postgresql_client(self):
        t, url = self.started("-v")
        s = socket.create_connection(("127.0.0.1", t.port()))
        self.addCleanup(s.close)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        kind, body = read_message(s)
        self.assertEqual(kind, b"E")
        self.assertEqual(error_fields(body)[b"C"], "08P01")
        t.log(r"#1 from 127\.0\.0\.1:\d+ sent not a PostgreSQL startup packet")

    def test_verbose_logs_each_connection(self):
        t, url = self.started("-v")
        r = psql(self.srv, url, "-c", "SELECT repeat('q', 10000)", password=self.srv.secret)
        self.assertEqual(r.returncode, 0, r.stderr)
        t.log(r"#1 open from 127\.0\.0\.1:\d+: user tunneler, database tunneldb$")
        line = t.log(r"#1 close after \d+\.\d+ s: \d+ bytes to the server, \d+ bytes to the client$")
        down = int(re.search(r"(\d+) bytes to the client", line).group(1))
        self.assertGreater(down, 10000)

    def test_show_password(self):
        t, url = self.started("--show-password")
        self.assertEqual(url, "postgresql://tunneler:%s@127.0.0.1:%d/tunneldb?sslmode=disable" % (
            self.srv.secret, t.port()))
        r = psql(self.srv, url, "-c", "SELECT 'with the URL alone'")
        self.assertEqual(r.stdout, "with the URL alone\n", r.stderr)

    def test_default_port_and_the_next_ones(self):
        # hold 10000 (unless something else already does): the tunnel must move on and say so
        holder = socket.socket()
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            holder.bind(("127.0.0.1", 10000))
            holder.listen(1)
        except OSError:
            pass
        self.addCleanup(holder.close)
        t = self.tunnel(target_url(self.srv))
        port = t.port()
        self.assertTrue(10001 <= port <= 10009, port)
        t.log(r"port 10000 is in use; listening on port %d instead" % port)
        r = psql(self.srv, t.url(), "-c", "SELECT 1", password=self.srv.secret)
        self.assertEqual(r.stdout, "1\n", r.stderr)

    def test_explicit_port_that_is_busy_is_an_error(self):
        holder = socket.socket()
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        self.addCleanup(holder.close)
        busy = holder.getsockname()[1]
        t = self.tunnel("--port", str(busy), target_url(self.srv))
        self.assertEqual(t.proc.wait(30), 1)
        t.stop()
        self.assertEqual(t.out, [None])
        self.assertEqual([l for l in t.err if l], [
            "pgconsole tunnel: error: cannot listen on 127.0.0.1:%d: the port is already in use "
            "(choose another with --port)" % busy])

    def test_bind_elsewhere_than_loopback_warns(self):
        t = self.tunnel("--port", "0", "--bind", "0.0.0.0", target_url(self.srv))
        t.url()
        t.log(r"warning: listening on 0\.0\.0\.0, not on loopback")
        quiet, _ = self.started()
        self.assertEqual(quiet.count("warning"), 0)

    def test_bad_arguments(self):
        env = client_env(self.srv)
        env.pop("DATABASE_URL", None)
        cases = [([], "no database: give a URL or connection string (or set DATABASE_URL)"),
                 (["--port", "x", "host=h"], "invalid port"),
                 (["--bogus", "host=h"], "unknown option --bogus"),
                 (["host=h", "host=i"], "too many arguments"),
                 (["host=h", "--"], "no command after \"--\""),
                 (["host=a,b"], "the tunnel forwards to one host"),
                 (["postgresql://u:hunter2@h:70000/d"], "the database URL has an invalid port")]
        for args, message in cases:
            r = subprocess.run([harness.binary(), "tunnel"] + args, env=env, capture_output=True, text=True,
                               timeout=30)
            self.assertEqual(r.returncode, 1, (args, r))
            self.assertIn(message, r.stderr)
            self.assertNotIn("hunter2", r.stderr)
            self.assertEqual(r.stdout, "")

    def test_database_url_from_the_environment(self):
        env = client_env(self.srv, DATABASE_URL=target_url(self.srv))
        t = self.tunnel("--port", "0", env=env)
        r = psql(self.srv, t.url(), "-c", "SELECT current_database()", password=self.srv.secret)
        self.assertEqual(r.stdout, "tunneldb\n", r.stderr)

    def test_exec_mode_runs_the_command_and_returns_its_exit_code(self):
        url = target_url(self.srv)
        r = subprocess.run([harness.binary(), "tunnel", url, "--", harness.PSQL, "-X", "-At", "-c",
                            "SELECT current_user, current_database(), inet_server_port()"],
                           env=client_env(self.srv), capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "tunneler|tunneldb|%d\n" % self.srv.port)
        self.assertEqual(r.stderr, "")
        script = ('test "$PGHOST" = 127.0.0.1 && test "$PGUSER" = tunneler && test "$PGDATABASE" = tunneldb && '
                  'test "$PGPASSWORD" = "%s" && test "$PGSSLMODE" = disable && '
                  'test "$DATABASE_URL" = "postgresql://tunneler:%s@127.0.0.1:$PGPORT/tunneldb?sslmode=disable" '
                  '&& exit 7' % (self.srv.secret, self.srv.secret))
        r = subprocess.run([harness.binary(), "tunnel", url, "--", "sh", "-c", script], env=client_env(self.srv),
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 7, r.stderr)
        r = subprocess.run([harness.binary(), "tunnel", url, "--", harness.PSQL, "-X", "-c", "SELECT 1/0"],
                           env=client_env(self.srv), capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1)
        self.assertIn("division by zero", r.stderr)
        r = subprocess.run([harness.binary(), "tunnel", url, "--", "no-such-command-here"],
                           env=client_env(self.srv), capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 127)
        self.assertIn("could not run \"no-such-command-here\"", r.stderr)
        r = subprocess.run([harness.binary(), "tunnel", url, "--", "sh", "-c", "kill -TERM $$"],
                           env=client_env(self.srv), capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 128 + signal.SIGTERM)

    def test_exec_mode_pg_dump(self):
        r = subprocess.run([harness.binary(), "tunnel", target_url(self.srv), "--",
                            os.path.join(PG_BIN, "pg_dump"), "--schema-only"],
                           env=client_env(self.srv), capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("PostgreSQL database dump complete", r.stdout)

    def test_no_secret_on_any_command_line(self):
        marker = "tunnel-cmdline-" + secrets.token_hex(4)
        ready = os.path.join(harness.scratch("tunnel-exec-"), "ready")
        script = "echo $PGPORT > %s; exec sleep 300" % ready
        t = self.tunnel(target_url(self.srv, application_name=marker), "--", "sh", "-c", script)
        port = wait_until(lambda: os.path.exists(ready) and open(ready).read().strip(), what="the command")
        r = psql(self.srv, "postgresql://tunneler@127.0.0.1:%s/tunneldb" % port, "-c", "SELECT 1",
                 password=self.srv.secret)
        self.assertEqual(r.stdout, "1\n", r.stderr)
        holders = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    cmdline = f.read()
            except OSError:
                continue
            if self.srv.secret.encode() in cmdline:
                holders.append((pid, cmdline))
        self.assertEqual(holders, [])
        with open("/proc/%d/cmdline" % t.proc.pid, "rb") as f:
            shown = f.read().split(b"\0")
        self.assertIn(("postgresql://tunneler:%s@localhost:%d/tunneldb?application_name=%s&sslrootcert=%s"
                       % ("*" * len(self.srv.secret), self.srv.port, marker, self.srv.ca)).encode(), shown)
        # the tunnel ends with the command
        self.assertEqual(t.stop(signal.SIGTERM), 128 + signal.SIGTERM)

    def test_signals_close_everything(self):
        t, url = self.started()
        conn = psycopg2.connect(url, password=self.srv.secret, application_name="tunnel-open-at-stop")
        self.addCleanup(conn.close)
        cur = conn.cursor()
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
        self.assertEqual(t.stop(signal.SIGINT), 0)
        t.log(r"stopping \(Interrupt\)")
        wait_until(lambda: self.backend_gone(pid), what="the backend to end")
        with self.assertRaises(psycopg2.OperationalError):
            cur.execute("SELECT 1")


if __name__ == "__main__":
    unittest.main()
