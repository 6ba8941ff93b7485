"""
Every kind of child an --app session starts (pager, editor, \\!, backticks, \\copy ... program),
each one a recording probe of the secrets scan (secrets_scan.py), in a terminal session that also
writes a -L log and a history file: the material the scan searches for the session's secrets.
"""

import os

import pexpect

import harness
import secrets_scan
from platform_fixture import PlatformCase, sanitized

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True

CHILDREN = ("pager", "editor", "shell", "backtick", "copy")


class ChildrenOfAnAppSessionTest(PlatformCase):
    def setUp(self):
        super().setUp()
        if not secrets_scan.active():
            self.skipTest("the secrets scan is off (PGCONSOLE_SECRETS_SCAN=0)")

    def probe(self, what):
        return "%s --probe=%s" % (secrets_scan.probe_command(), what)

    def test_every_child_is_probed(self):
        before = len(secrets_scan.probe_records())
        log, history = os.path.join(self.home, "query.log"), os.path.join(self.home, "history")
        env = self.env(TERM="xterm", PAGER=self.probe("pager"), PSQL_EDITOR=self.probe("editor"),
                       PSQL_HISTORY=history)
        child = pexpect.spawn(harness.binary(), ["--app", "my-app", "-L", log], env=env, encoding="utf-8",
                              timeout=30, dimensions=(40, 200), cwd=self.home)
        self.addCleanup(child.close, True)
        prompt = r"my_app_4553=> "
        child.expect(prompt)
        for line in ("\\pset pager always", "select 'through the pager' as answer;",
                     "\\! %s < /dev/null" % self.probe("shell"),
                     "\\set FROM_BACKTICK `%s < /dev/null`" % self.probe("backtick"),
                     "\\copy (select current_user) to program '%s > /dev/null'" % self.probe("copy"),
                     "\\conninfo", "\\set", "\\e"):
            child.sendline(line)
            child.expect(prompt)
        child.sendline("\\echo done: :FROM_BACKTICK:")
        child.expect("done: :")
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        records = secrets_scan.probe_records()[before:]
        seen = set()
        for own_cmdline, own_environ, parent_cmdline in records:
            what = own_cmdline.split(b"--probe=")[-1].split(b"\0")[0].decode()
            seen.add(what)
            # the probe's parent is pgconsole or the shell pgconsole started
            parent = os.fsdecode(parent_cmdline.split(b"\0")[0])
            self.assertTrue(parent == "sh" or os.path.realpath(parent) == os.path.realpath(harness.binary()),
                            parent_cmdline)
            self.assertNotIn(self.st.token.encode(), own_environ)
        self.assertEqual(sorted(seen), sorted(CHILDREN), records)
        with open(log) as f:
            self.assertIn("through the pager", f.read())
        with open(history) as f:
            self.assertIn("conninfo", f.read())


class TokenOutOfEveryEnvironmentTest(PlatformCase):
    """A session without --app takes the API token out of its environment too: its children (and
    the LeakSanitizer tracer of a sanitized build) never see it, nor does /proc/PID/environ."""

    def test_a_session_without_app_passes_no_token_on(self):
        env = self.env()
        env.update({k: v for k, v in harness.server().env().items() if k.startswith("PG")})
        self.assertIn("SCALINGO_API_TOKEN", env)
        r = self.pgc("-X", "-At", "-c", "\\! cat /proc/$PPID/environ | tr '\\0' '\\n'; echo; env; echo end",
                     env=env)
        self.assertIn("end", r.out, r)
        self.assertNotIn(self.st.token, r.out, r)
        self.assertNotIn("SCALINGO_API_TOKEN", r.out, r)


class CoreDumpsTest(PlatformCase):
    """A crash of a process that holds secrets leaves no core file (with one, the scan would find them)."""

    def setUp(self):
        super().setUp()
        if sanitized():
            self.skipTest("ASan handles SIGSEGV itself and writes no core")

    @staticmethod
    def crash(args, env, cwd, ready):
        """Starts args with core dumps allowed, waits for a first line on stdout matching ready (in a
        thread: a silent process fails the test instead of hanging it), then crashes it."""
        import resource
        import signal
        import subprocess
        import threading

        proc = subprocess.Popen(args, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True,
                                preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE, (-1, -1)))
        lines = []
        reader = threading.Thread(target=lambda: lines.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        try:
            if not lines or ready not in lines[0]:
                raise AssertionError("%r never printed %r: %r" % (args[:2], ready, lines))
        finally:
            proc.send_signal(signal.SIGSEGV)
            proc.wait(30)
            proc.stdout.close()
            proc.stderr.close()
        return proc.returncode

    def cores(self, directory):
        return [n for n in os.listdir(directory) if n.startswith("core")]

    def test_an_app_session_leaves_no_core(self):
        cwd = harness.scratch("core-app-")
        rc = self.crash([harness.binary(), "--app", "my-app", "-X", "-c", "\\echo connected", "-c",
                         "select pg_sleep(60)"], self.env(), cwd, "connected")
        self.assertEqual(rc, -11)
        self.assertEqual(self.cores(cwd), [])

    def test_a_tunnel_leaves_no_core(self):
        import secrets
        srv = harness.server()
        password = "core-" + secrets.token_hex(12)
        secrets_scan.register(password, "tunnel database password")
        srv.sql("DROP ROLE IF EXISTS core_tester")
        srv.sql("CREATE ROLE core_tester LOGIN PASSWORD '%s'" % password)
        url = "postgresql://core_tester:%s@localhost:%d/postgres?sslrootcert=%s" % (password, srv.port, srv.ca)
        cwd = harness.scratch("core-tunnel-")
        rc = self.crash([harness.binary(), "tunnel", "--port", "0", url], srv.env(), cwd, "postgresql://")
        self.assertEqual(rc, -11)
        self.assertEqual(self.cores(cwd), [])
