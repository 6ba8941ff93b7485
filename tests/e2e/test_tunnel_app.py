"""
pgconsole tunnel --app: an app's database, resolved through the platform stand-in at every dial, reached
directly (Internet Accessibility on) or through the region's SSH gateway (tests/lib/sshgateway.py: a real
sshd, in a network namespace where private databases are the only way in).  psql, pg_dump and pgbench
through both paths; the gateway's refusals; cancel; 200 clients on one SSH connection; the database and
the gateway restarting under a running tunnel; a dead SSH leg started again with capped backoff; an
ErrorResponse when the database cannot be reached and a fresh resolution at the next dial; a client gone
mid-COPY; exec mode; no secret on any command line.

The relay itself (both event-loop backends, ports, TLS refusals, half-close...) is tested with a URL in
test_tunnel.py: whichever provider names the target, the tunnel does the same with it.
"""

import os
import re
import signal
import socket
import subprocess
import threading
import unittest

import psycopg2

import harness
import sshgateway
from test_gateway import GatewayCase, cmdline, descendants, ended, ssh_children
from test_tunnel import Tunnel

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True

PG_BIN = harness.PG_BIN
MANY_CLIENTS = 200


class TunnelAppCase(GatewayCase):
    def tunnel(self, app, *args, env=None):
        t = Tunnel(["--app", app, "--port", "0"] + list(args), env=env or self.env())
        self.addCleanup(lambda: t.proc.poll() is None and t.stop(signal.SIGKILL))
        return t

    def password(self, app):
        return self.pg_addon(app)["url"].split(":")[2].split("@")[0]

    def client_env(self, app, **extra):
        env = harness.server().env(PGPASSWORD=self.password(app), **extra)
        for k in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGSSLMODE"):
            env.pop(k, None)
        return env

    def psql(self, app, url, *args, timeout=60):
        return subprocess.run([harness.PSQL, "-X", "-At", "-d", url] + list(args), env=self.client_env(app),
                              capture_output=True, text=True, timeout=timeout)

    def connect(self, app, url, **kw):
        conn = psycopg2.connect(url, password=self.password(app), **kw)
        self.addCleanup(conn.close)
        return conn

    def host(self, app):
        return self.pg_addon(app)["host"]

    def ssh_started(self, mark):
        return self.log_since(mark).count("Accepted publickey for git")


class PathsTest(TunnelAppCase):
    def check_tools(self, app, url):
        """psql, pg_dump and pgbench (initialised, then a short run) through the tunnel."""
        db = self.pg_addon(app)["db"]
        r = self.psql(app, url, "-c", "SELECT current_user, current_database(), inet_server_addr()")
        self.assertEqual(r.stdout, "%s|%s|%s\n" % (db, db, self.host(app) if app != "private-app"
                                                   else "127.0.0.1"), r.stderr)
        r = subprocess.run([os.path.join(PG_BIN, "pgbench"), "-i", "-s", "1", "-q", "-d", url],
                           env=self.client_env(app), capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = subprocess.run([os.path.join(PG_BIN, "pgbench"), "-c", "4", "-t", "20", "-S", "-n", "-d", url],
                           env=self.client_env(app), capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("number of transactions actually processed: 80/80", r.stdout)
        r = subprocess.run([os.path.join(PG_BIN, "pg_dump"), "-t", "pgbench_branches", "-d", url],
                           env=self.client_env(app), capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("CREATE TABLE public.pgbench_branches", r.stdout)
        self.assertIn("PostgreSQL database dump complete", r.stdout)

    def test_private_database_through_the_gateway(self):
        mark = self.log_mark()
        t = self.tunnel("private-app")
        url = t.url()
        db = self.pg_addon("private-app")["db"]
        self.assertRegex(url, r"^postgresql://%s@127\.0\.0\.1:\d+/%s\?sslmode=disable$" % (db, db))
        t.log(r"forwarding 127\.0\.0\.1:\d+ to %s:%d \(app private-app, through the SSH gateway %s\) over TLS "
              r"\(server certificate verified with " % (re.escape(self.host("private-app")), harness.server().port,
                                                        re.escape(self.gw.address)))
        self.check_tools("private-app", url)
        log = self.log_since(mark)
        self.assertIn(self.target_line(self.host("private-app")), log)
        # one SSH connection carries every connection of the tunnel
        self.assertEqual(log.count("Accepted publickey for git"), 1, log)
        self.assertEqual(len(ssh_children(t.proc.pid)), 1)
        self.assertEqual(t.stop(signal.SIGINT), 0)
        self.assertNoSecrets(t.text())

    def test_public_database_directly(self):
        mark = self.log_mark()
        t = self.tunnel("public-app")
        t.log(r"forwarding 127\.0\.0\.1:\d+ to %s:%d \(app public-app, direct\) over TLS"
              % (re.escape(self.host("public-app")), harness.server().port))
        self.check_tools("public-app", t.url())
        self.assertNotIn("Accepted publickey", self.log_since(mark))
        self.assertEqual(ssh_children(t.proc.pid), [])
        self.assertEqual(t.stop(signal.SIGINT), 0)

    def test_via_forces_the_path(self):
        mark = self.log_mark()
        t = self.tunnel("public-app", "--via", "ssh")
        t.log(r"through the SSH gateway %s\)" % re.escape(self.gw.address))
        r = self.psql("public-app", t.url(), "-c", "SELECT 'forced'")
        self.assertEqual(r.stdout, "forced\n", r.stderr)
        self.assertIn(self.target_line(self.host("public-app")), self.log_since(mark))
        if self.gw.isolated:
            t = self.tunnel("private-app", "--via", "direct")
            r = self.psql("private-app", t.url(), "-c", "SELECT 1")
            self.assertEqual(r.returncode, 2)
            self.assertIn("could not reach the database %s:%d" % (self.host("private-app"), harness.server().port),
                          r.stderr)

    def test_tls_is_verified_inside_the_ssh_connection(self):
        # a CA that did not sign the server's certificate: refused although the SSH leg carries the bytes
        other_ca = harness.server().ca.replace("ca.crt", "other-ca.crt")
        if not os.path.exists(other_ca):
            other_ca = os.path.join(self.home, "other-ca.crt")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-nodes", "-keyout", os.path.join(self.home, "other-ca.key"), "-out", other_ca,
                            "-days", "1", "-subj", "/CN=not the platform"], check=True, capture_output=True)
        t = self.tunnel("private-app", "--ca-file", other_ca)
        r = self.psql("private-app", t.url(), "-c", "SELECT 1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("could not reach the database %s:%d (app private-app, through the SSH gateway %s): the "
                      "server's certificate is not signed by a CA of %s" % (self.host("private-app"),
                                                                          harness.server().port, self.gw.address,
                                                                          other_ca), r.stderr)

    def test_bad_arguments(self):
        for args, message in ((["--app", "private-app", "postgresql://u@h/db"],
                               "give --app or a URL or connection string, not both"),
                              (["--app", "private-app", "--via", "tunnel"], "invalid --via: use direct or ssh"),
                              (["--via", "ssh", "postgresql://u@h/db"], "--via can only be used with --app")):
            r = subprocess.run([harness.binary(), "tunnel"] + args, env=self.env(), capture_output=True, text=True,
                               timeout=30)
            self.assertEqual(r.returncode, 1, r)
            self.assertIn(message, r.stderr)

    def test_unknown_app(self):
        r = subprocess.run([harness.binary(), "tunnel", "--app", "no-such-app"], env=self.env(),
                           capture_output=True, text=True, timeout=30, start_new_session=True)
        self.assertEqual(r.returncode, 1, r)
        self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
        self.assertIn("no-such-app", r.stderr)


class GatewayRefusalTest(TunnelAppCase):
    def assertRefused(self, *fragments):
        r = subprocess.run([harness.binary(), "tunnel", "--app", "private-app", "--port", "0"], env=self.env(),
                           capture_output=True, text=True, timeout=90, start_new_session=True,
                           stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1, r)
        self.assertEqual(r.stdout, "")
        self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
        for f in fragments:
            self.assertIn(f, r.stderr)
        self.assertNoSecrets(r.stderr)

    def test_unknown_host_key(self):
        self.config = self.gw.client_config(self.ssh_dir, known=False)
        self.assertRefused("the SSH gateway %s is not in your known hosts" % self.gw.address,
                           "ED25519 key " + self.gw.fingerprint)
        with open(os.path.join(self.ssh_dir, "known_hosts")) as f:
            self.assertEqual(f.read(), "")

    def test_no_key_at_all(self):
        with open(self.config) as f:
            text = f.read()
        with open(self.config, "w") as f:
            f.write(re.sub(r"IdentityFile \S+", "IdentityFile %s" % os.path.join(self.ssh_dir, "no-such-key"), text))
        self.assertRefused("the SSH gateway %s accepted none of your SSH keys" % self.gw.address,
                           '"scalingo keys-add')

    def test_key_the_gateway_does_not_accept(self):
        self.config = self.gw.client_config(self.ssh_dir, key=self.gw.stranger_key)
        self.assertRefused("the SSH gateway %s accepted none of your SSH keys" % self.gw.address,
                           '"scalingo keys-add')


class RelayThroughGatewayTest(TunnelAppCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # room for the many clients test on the shared server (whose other tests see 60), until the class ends
        srv = harness.server()
        srv.sql("ALTER SYSTEM SET max_connections = %d" % (MANY_CLIENTS + 40))
        srv.restart()

    @classmethod
    def tearDownClass(cls):
        srv = harness.server()
        srv.sql("ALTER SYSTEM RESET max_connections")
        srv.restart()
        super().tearDownClass()

    def test_cancel_of_pg_sleep(self):
        t = self.tunnel("private-app")
        conn = self.connect("private-app", t.url(), application_name="tunnel-app-cancel")
        cur = conn.cursor()
        cur.execute("SET statement_timeout = '60s'")
        canceller = threading.Thread(target=lambda: (harness.server().wait_for_query("SELECT pg_sleep(30)"),
                                                     conn.cancel()))
        canceller.start()
        with self.assertRaises(psycopg2.errors.QueryCanceled) as cm:
            cur.execute("SELECT pg_sleep(30)")
        canceller.join()
        self.assertIn("canceling statement due to user request", str(cm.exception))
        conn.rollback()
        cur.execute("SELECT 'after'")
        self.assertEqual(cur.fetchone()[0], "after")

    def test_many_concurrent_clients(self):
        mark = self.log_mark()
        t = self.tunnel("private-app")
        url = t.url()
        conns = []
        try:
            for _ in range(MANY_CLIENTS):
                conns.append(psycopg2.connect(url, password=self.password("private-app")))
            results = [None] * len(conns)

            def query(i):
                cur = conns[i].cursor()
                cur.execute("SELECT %s::int * 2, repeat('x', 10000)", (i,))
                results[i] = cur.fetchone()[0]
            threads = [threading.Thread(target=query, args=(i,)) for i in range(len(conns))]
            for th in threads:
                th.start()
            for th in threads:
                th.join(120)
            self.assertEqual(results, [i * 2 for i in range(MANY_CLIENTS)])
        finally:
            for c in conns:
                c.close()
        self.assertEqual(self.ssh_started(mark), 1)

    def test_client_gone_in_the_middle_of_copy(self):
        t = self.tunnel("private-app")
        url = t.url()
        r = self.psql("private-app", url, "-c", "DROP TABLE IF EXISTS tunnel_copy; "
                      "CREATE TABLE tunnel_copy (n int, pad text)")
        self.assertEqual(r.returncode, 0, r.stderr)
        copier = subprocess.Popen([harness.PSQL, "-X", "-d", url + "&application_name=tunnel-app-copy", "-c",
                                   "COPY tunnel_copy FROM STDIN"], env=self.client_env("private-app"),
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(copier.wait)
        self.addCleanup(copier.kill)
        for i in range(5000):
            copier.stdin.write(b"%d\t%s\n" % (i, b"y" * 200))
        copier.stdin.flush()
        srv = harness.server()
        harness.wait_until(lambda: srv.sql("SELECT pid FROM pg_stat_activity WHERE application_name = "
                                           "'tunnel-app-copy' AND query LIKE 'COPY%'").strip(), 30, "the COPY")
        copier.kill()       # the client dies with its COPY unfinished: its socket closes under the relay
        harness.wait_until(lambda: srv.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                           "'tunnel-app-copy'").strip() == "0", 30, "the backend to end")
        r = self.psql("private-app", url, "-c", "SELECT count(*) FROM tunnel_copy")
        self.assertEqual(r.stdout, "0\n", r.stderr)
        self.assertIsNone(t.proc.poll())


class RestartTest(TunnelAppCase):
    def test_database_restart_while_the_tunnel_runs(self):
        t = self.tunnel("private-app")
        url = t.url()
        conn = self.connect("private-app", url)
        conn.cursor().execute("SELECT 1")
        srv = harness.server()
        srv.stop()
        try:
            r = self.psql("private-app", url, "-c", "SELECT 1")
            self.assertEqual(r.returncode, 2)
            self.assertIn("pgconsole tunnel: ", r.stderr)
        finally:
            srv.start()
        with self.assertRaises(psycopg2.OperationalError):
            conn.cursor().execute("SELECT 1")
        r = self.psql("private-app", url, "-c", "SELECT 'back'")
        self.assertEqual(r.stdout, "back\n", r.stderr)
        self.assertEqual(t.stop(signal.SIGINT), 0)

    def test_gateway_restart_while_the_tunnel_runs(self):
        t = self.tunnel("private-app")
        url = t.url()
        r = self.psql("private-app", url, "-c", "SELECT 'before'")
        self.assertEqual(r.stdout, "before\n", r.stderr)
        [leg] = ssh_children(t.proc.pid)
        self.gw.restart()
        harness.wait_until(lambda: ended(leg), 30, "ssh to notice the gateway's restart")
        r = self.psql("private-app", url, "-c", "SELECT 'after'")
        self.assertEqual(r.stdout, "after\n", r.stderr)
        legs = ssh_children(t.proc.pid)
        self.assertEqual(len(legs), 1, legs)
        self.assertNotEqual(legs[0], leg)
        self.assertEqual(t.count(r"SSH connection to the gateway .* ready"), 2, t.text())

    def test_dead_leg_is_started_again_with_capped_backoff(self):
        t = self.tunnel("private-app")
        url = t.url()
        [leg] = ssh_children(t.proc.pid)
        self.gw.stop_sshd()
        self.addCleanup(lambda: self.gw.sshd.poll() is None or self.gw._start_sshd(30))
        harness.wait_until(lambda: ended(leg), 30, "ssh to notice the gateway is gone")
        # each client gets the reason as an ErrorResponse; failed starts wait 1, 2, 4... seconds, at most 30,
        # and a client that comes sooner gets the last reason at once, without a new attempt
        r = self.psql("private-app", url, "-c", "SELECT 1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("could not reach the SSH gateway %s (" % self.gw.address, r.stderr)
        t.log(r"could not reach the SSH gateway .*; next attempt in 1 s at the earliest")
        r = self.psql("private-app", url, "-c", "SELECT 1")
        self.assertIn("could not reach the SSH gateway", r.stderr)
        harness.wait_until(lambda: self._refused_again(url), 30, "a second attempt after the backoff")
        t.log(r"next attempt in 2 s at the earliest")
        self.assertEqual(t.count(r"next attempt in \d+ s at the earliest"), 2, t.text())
        self.gw._start_sshd(30)
        back = harness.wait_until(lambda: self.psql("private-app", url, "-c", "SELECT 'back'").stdout == "back\n",
                                  30, "the tunnel to come back through a fresh SSH connection")
        self.assertTrue(back)
        self.assertEqual(len(ssh_children(t.proc.pid)), 1)
        t.log(r"SSH connection to the gateway .* ready")

    def _refused_again(self, url):
        r = self.psql("private-app", url, "-c", "SELECT 1")
        return "next attempt" not in r.stderr and "could not reach the SSH gateway" in r.stderr


class ResolutionTest(TunnelAppCase):
    def move(self, host):
        self.st.admin("POST", "/move", {"addon": "ad-moving-pg", "host": host})

    def check_moves(self, *args):
        home = self.host("moving-app")
        self.addCleanup(self.move, home)
        self.move("127.0.0.31")     # nothing answers there, and the gateway does not lead there
        t = self.tunnel("moving-app", *args)
        url = t.url()
        r = self.psql("moving-app", url, "-c", "SELECT 1")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"pgconsole tunnel: .*127\.0\.0\.31")
        before = self.counts()
        self.move(home)     # the failover: the next dial asks the platform again and follows it
        r = self.psql("moving-app", url, "-c", "SELECT 'moved', inet_server_port()")
        self.assertEqual(r.stdout, "moved|%d\n" % harness.server().port, r.stderr)
        asked = self.delta(before, self.counts())
        self.assertTrue(any("/addons/ad-moving-pg" in k or "variables" in k for k in asked), asked)
        t.log(r"the database of app \"moving-app\" is now at %s:%d" % (re.escape(home), harness.server().port))
        self.assertEqual(t.proc.poll(), None)

    def test_direct_dial_follows_a_failover(self):
        self.check_moves("--via", "direct")

    def test_gateway_dial_follows_a_failover(self):
        self.check_moves("--via", "ssh")


class ExecTest(TunnelAppCase):
    def test_exec_mode_and_its_exit_code(self):
        db = self.pg_addon("private-app")["db"]
        r = subprocess.run([harness.binary(), "tunnel", "--app", "private-app", "--", harness.PSQL, "-X", "-At",
                            "-c", "SELECT current_user, current_database()"], env=self.env(), capture_output=True,
                           text=True, timeout=90, start_new_session=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "%s|%s\n" % (db, db))
        self.assertEqual(r.stderr, "")
        r = subprocess.run([harness.binary(), "tunnel", "--app", "public-app", "--",
                            os.path.join(PG_BIN, "pg_dump"), "--schema-only"], env=self.env(), capture_output=True,
                           text=True, timeout=120, start_new_session=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("PostgreSQL database dump complete", r.stdout)
        r = subprocess.run([harness.binary(), "tunnel", "--app", "private-app", "--", "sh", "-c",
                            'test -n "$PGPASSWORD" && test -z "$SCALINGO_API_TOKEN" && exit 7'],
                           env=self.env(), capture_output=True, text=True, timeout=90, start_new_session=True)
        self.assertEqual(r.returncode, 7, r.stderr)

    def test_no_secret_on_any_command_line(self):
        ready = os.path.join(self.home, "ready")
        t = Tunnel(["--app", "private-app", "--", "sh", "-c", "echo $PGPORT > %s; exec sleep 300" % ready],
                   env=self.env())
        self.addCleanup(lambda: t.proc.poll() is None and t.stop(signal.SIGKILL))
        port = harness.wait_until(lambda: os.path.exists(ready) and open(ready).read().strip(), 60, "the command")
        r = self.psql("private-app", "postgresql://%s@127.0.0.1:%s/%s" % (
            self.pg_addon("private-app")["db"], port, self.pg_addon("private-app")["db"]), "-c", "SELECT 1")
        self.assertEqual(r.stdout, "1\n", r.stderr)
        procs = [t.proc.pid] + descendants(t.proc.pid)
        self.assertEqual(len([p for p in procs if os.path.basename(cmdline(p)[0] or "") == "ssh"]), 1)
        self.assertNoSecrets(*[" ".join(cmdline(p)) for p in procs])
        with open("/proc/%d/environ" % t.proc.pid, "rb") as f:
            self.assertNotIn(self.st.token.encode(), f.read())
        self.assertEqual(t.stop(signal.SIGTERM), 128 + signal.SIGTERM)


if __name__ == "__main__":
    unittest.main()
