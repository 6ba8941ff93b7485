"""
Every kind of child an --app session starts (pager, editor, \\!, backticks, \\copy ... program),
each one a recording probe of the secrets scan (secrets_scan.py), in a terminal session that also
writes a -L log and a history file: the material the scan searches for the session's secrets.
"""

import os

import pexpect

import harness
import secrets_scan
from platform_fixture import PlatformCase

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
                     "\\conninfo", "\\e"):
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
