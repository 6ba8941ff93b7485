"""make demo's launcher: a console on demo-app in a terminal, and nothing left behind afterwards."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import pexpect

import harness

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True

LAUNCH = os.path.join(harness.ROOT, "tests", "standin", "launch.py")
DEMO = os.path.join(harness.ROOT, "scripts", "demo")
PROMPT = r"demo_app_\d+=> "


def _processes():
    """pid -> (parent pid, command line) of every live process (zombies left out)."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
            with open("/proc/%s/cmdline" % name, "rb") as f:
                args = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, ppid = stat[stat.rindex(")") + 2:].split()[:2]
        if state != "Z":
            found[int(name)] = (int(ppid), args)
    return found


def _demo_processes(top, tmp):
    """The processes below `top` and those working in `tmp` (the servers run in sessions of their own)."""
    procs = _processes()
    below, grew = {top}, True
    while grew:
        more = {pid for pid, (ppid, _) in procs.items() if ppid in below} - below
        below |= more
        grew = bool(more)
    return {pid: args for pid, (_, args) in procs.items() if (pid in below and pid in procs) or tmp in args}


def _demo_env(tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "SCALINGO_", "MAKE", "MFLAGS"))}
    env.update({"TMPDIR": tmp, "TERM": "xterm", "PAGER": "cat", "HOME": tmp})
    return env


class PlatformDemoTest(unittest.TestCase):
    def scratch(self):
        tmp = tempfile.mkdtemp(prefix="pgconsole-demo-test-")
        os.chmod(tmp, 0o755)     # the server runs as 'postgres' under root: it must reach its directory
        self.addCleanup(shutil.rmtree, tmp, True)
        return tmp

    def test_demo_console_survives_ctrl_c_and_cleans_up(self):
        tmp = self.scratch()
        child = pexpect.spawn(sys.executable, [LAUNCH, "demo", "--", harness.binary(), "--app", "demo-app", "-X"],
                              env=_demo_env(tmp), encoding="utf-8", timeout=90, dimensions=(40, 200),
                              cwd=harness.workdir())
        self.addCleanup(self.kill_leftovers, child, tmp)
        child.expect(PROMPT)
        child.sendline("select count(*) from customers;")
        child.expect(r"\b50\b")
        child.expect(r"=> ")
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

    # --- however the demo ends, its servers stop and its folders go -------------------------------------

    def start_make_demo(self):
        """`make demo` (a make running scripts/demo, with the binary under test) in a terminal of its own,
        up to the console's prompt; returns the terminal, the demo's folder and its processes then."""
        tmp = self.scratch()
        work = tempfile.mkdtemp(prefix="pgconsole-demo-make-")
        self.addCleanup(shutil.rmtree, work, True)
        makefile = os.path.join(work, "Makefile")
        with open(makefile, "w") as f:
            f.write("demo:\n\t%s -X\n" % DEMO)
        env = _demo_env(tmp)
        env["PGCONSOLE_DEMO_BINARY"] = harness.binary()
        child = pexpect.spawn("make", ["-s", "-f", makefile, "demo"], cwd=work, env=env, encoding="utf-8",
                              timeout=90, dimensions=(40, 200))
        self.addCleanup(self.kill_leftovers, child, tmp)
        child.expect(PROMPT)
        running = _demo_processes(child.pid, tmp)
        self.assertTrue(any("standin.py" in a for a in running.values()), running)
        self.assertTrue(any("postgres" in a and tmp in a for a in running.values()), running)
        return child, tmp, running

    def kill_leftovers(self, child, tmp):
        for pid in _demo_processes(child.pid, tmp):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if not child.closed:
            child.close(True)

    def assert_nothing_left(self, tmp, running):
        """Waits (a minute at most) until no process of the demo runs and its folder is empty."""
        deadline = time.monotonic() + 60
        while True:
            left = {pid: args for pid, (_, args) in _processes().items()
                    if tmp in args or running.get(pid) == args}
            files = os.listdir(tmp)
            if (not left and not files) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(left, {}, "the demo left processes behind")
        self.assertEqual(files, [], "the demo left files behind")

    def test_closing_the_terminal_stops_and_removes_everything(self):
        child, tmp, running = self.start_make_demo()
        # a closed terminal window: the kernel hangs the terminal up and sends SIGHUP to its processes
        child.ptyproc.fileobj.close()
        child.ptyproc.closed = child.closed = True
        self.assert_nothing_left(tmp, running)
        child.ptyproc.wait()

    def test_kill_of_make_stops_and_removes_everything(self):
        child, tmp, running = self.start_make_demo()
        os.kill(child.pid, signal.SIGTERM)
        child.expect(pexpect.EOF, timeout=60)
        self.assert_nothing_left(tmp, running)

    def test_kill_of_the_launcher_stops_and_removes_everything(self):
        child, tmp, running = self.start_make_demo()
        launcher = [pid for pid, args in running.items() if "launch.py demo" in args]
        self.assertEqual(len(launcher), 1, running)
        os.kill(launcher[0], signal.SIGTERM)
        child.expect(pexpect.EOF, timeout=60)
        self.assert_nothing_left(tmp, running)

    def test_kill_during_the_start_stops_and_removes_everything(self):
        tmp = self.scratch()
        work = tempfile.mkdtemp(prefix="pgconsole-demo-make-")
        self.addCleanup(shutil.rmtree, work, True)
        env = _demo_env(tmp)
        env["PGCONSOLE_DEMO_BINARY"] = harness.binary()
        child = pexpect.spawn(DEMO, ["-X"], cwd=work, env=env, encoding="utf-8", timeout=90, dimensions=(40, 200))
        self.addCleanup(self.kill_leftovers, child, tmp)
        deadline = time.monotonic() + 60
        # the demo has begun making its server; not any file: Python's tempfile makes and removes a
        # probe file in TMPDIR first, and a test that saw it would find the folder empty again
        def begun():
            return any(name.startswith("pgconsole-demo-") for name in os.listdir(tmp))
        while not begun() and time.monotonic() < deadline:
            time.sleep(0.02)
        if not begun():
            said = []
            harness.drain_output(child, said, timeout=1)
            self.fail("the demo did not start:\n%s" % "".join(said))
        running = _demo_processes(child.pid, tmp)
        os.kill(child.pid, signal.SIGTERM)
        child.expect(pexpect.EOF, timeout=60)
        self.assert_nothing_left(tmp, running)

    def test_failed_start_removes_everything(self):
        tmp = self.scratch()
        env = _demo_env(tmp)
        env["PG_BIN"] = os.path.join(tmp, "no-such-postgresql")
        env["PGCONSOLE_DEMO_BINARY"] = harness.binary()
        result = subprocess.run([DEMO, "-X"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                timeout=60)
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertEqual(os.listdir(tmp), [], "the demo left files behind")


if __name__ == "__main__":
    unittest.main()
