"""make demo's launcher: a console on demo-app in a terminal, and nothing left behind afterwards."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import pexpect

import harness

LAUNCH = os.path.join(harness.ROOT, "tests", "standin", "launch.py")


class PlatformDemoTest(unittest.TestCase):
    def test_demo_console_survives_ctrl_c_and_cleans_up(self):
        tmp = tempfile.mkdtemp(prefix="pgconsole-demo-test-")
        os.chmod(tmp, 0o755)     # the server runs as 'postgres' under root: it must reach its directory
        self.addCleanup(shutil.rmtree, tmp, True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "SCALINGO_"))}
        env.update({"TMPDIR": tmp, "TERM": "xterm", "PAGER": "cat", "HOME": tmp})
        child = pexpect.spawn(sys.executable, [LAUNCH, "demo", "--", harness.binary(), "--app", "demo-app", "-X"],
                              env=env, encoding="utf-8", timeout=90, dimensions=(40, 200), cwd=harness.workdir())
        self.addCleanup(child.close, True)
        child.expect(r"demo_app_\d+=> ")
        child.sendline("select count(*) from customers;")
        child.expect(r"\b50\b")
        child.expect(r"=> ")
        # the echo of a half-typed line shows the line editor is reading: Ctrl-C now drops that line
        child.send("select 'typed'")
        child.expect("typed'")
        child.sendintr()
        child.expect(r"=> ")
        child.sendline("\\echo app=:APP")
        child.expect("app=demo-app")
        child.expect(r"=> ")
        child.sendline("\\q")
        child.expect(pexpect.EOF, timeout=60)
        child.close()
        self.assertEqual(child.exitstatus, 0, child.before)
        self.assertEqual(os.listdir(tmp), [], "the demo left files behind")
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        self.assertNotIn(tmp, ps, "the demo left processes behind")
