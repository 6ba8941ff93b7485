"""
The path to the database: --app through the region's SSH gateway (a real sshd from
tests/lib/sshgateway.py, in a network namespace where private databases are the only
way in) or directly, --via, SCALINGO_SSH_HOST, the failures people hit and their
one-line messages, the reset after the SSH leg died, keepalives, and the ssh child's
life (one per pgconsole, ended with it, no secret on its command line).

ssh is configured only through PGCONSOLE_SSH_COMMAND ("ssh -F SCRATCH/ssh_config",
with its own known_hosts and key): OpenSSH reads ~/.ssh from the passwd entry, which
tests never touch.  Non-interactive runs have no controlling terminal (a new
session), as in CI, so that pgconsole asks ssh for BatchMode.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import unittest

import pexpect

import harness
import platform_fixture
import sshgateway
from platform_fixture import PlatformCase

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True

UNAVAILABLE = sshgateway.available()
PROMPT = r"private_app_7=[#>] "


def descendants(pid):
    """Every process under pid (from /proc), children first."""
    found, todo = [], [pid]
    while todo:
        for child in sshgateway._children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().decode(errors="replace").split("\0")
    except OSError:
        return []


def ended(pid):
    """Gone, or a zombie nobody reaped yet: either way it runs no more."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def ssh_children(pid):
    return [p for p in descendants(pid) if os.path.basename(cmdline(p)[0] or "") == "ssh"]


@unittest.skipIf(UNAVAILABLE, "no SSH gateway here: %s" % UNAVAILABLE)
class GatewayCase(PlatformCase):
    @classmethod
    def setUpClass(cls):
        cls.gw = platform_fixture.gateway()
        if not cls.gw.isolated:
            print("\n[test_gateway] no network namespace here: private databases are on the plain loopback, "
                  "reachable directly too; the tests of a direct connection to them are skipped")

    def setUp(self):
        super().setUp()
        self.ssh_dir = tempfile.mkdtemp(prefix="ssh-", dir=self.home)
        self.config = self.gw.client_config(self.ssh_dir)

    def env(self, token=True, **extra):
        extra.setdefault("PGCONSOLE_SSH_COMMAND", self.gw.ssh_command(self.config))
        return super().env(token=token, **extra)

    def run_detached(self, *args, env=None, timeout=90):
        """pgconsole without a controlling terminal (a session of its own), as in CI."""
        proc = subprocess.run([harness.binary()] + list(args), env=env or self.env(), capture_output=True,
                              text=True, timeout=timeout, start_new_session=True, cwd=self.home,
                              stdin=subprocess.DEVNULL)
        return harness.Result(proc)

    def log_mark(self):
        return len(self.gw.log())

    def log_since(self, mark):
        return self.gw.log()[mark:]

    def target_line(self, host):
        return "target %s port %d" % (host, harness.server().port)

    def spawn(self, app="private-app", args=("-X",), env=None):
        child = pexpect.spawn(harness.binary(), ["--app", app] + list(args), env=env or self.env(TERM="xterm"),
                              encoding="utf-8", timeout=30, dimensions=(40, 200), cwd=self.home)
        self.addCleanup(child.close, True)
        return child


class PathTest(GatewayCase):
    def test_private_database_goes_through_the_gateway(self):
        mark = self.log_mark()
        r = self.run_detached("--app", "private-app", "-X", "-c", "\\conninfo", "-c", "select 'through'")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Connected through the SSH gateway %s (Internet Accessibility is off), forwarded from "
                      "127.0.0.1:" % self.gw.address, r.out)
        self.assertIn('on host "%s" (address "127.0.0.1")' % self.app("private-app")["addons"][0]["host"], r.out)
        self.assertIn("through", r.out.splitlines()[-3])
        self.assertIn(self.target_line(self.app("private-app")["addons"][0]["host"]), self.log_since(mark))
        self.assertEqual(r.err, "")

    def test_public_database_goes_direct(self):
        mark = self.log_mark()
        r = self.run_detached("--app", "public-app", "-X", "-c", "\\conninfo")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Connected directly (Internet Accessibility is on).", r.out)
        self.assertIn('on host "%s" at port "%d"' % (self.app("public-app")["addons"][0]["host"],
                                                     harness.server().port), r.out)
        self.assertNotIn("Accepted publickey", self.log_since(mark))

    def test_via_ssh_takes_the_gateway_to_a_public_database(self):
        mark = self.log_mark()
        r = self.run_detached("--app", "public-app", "--via", "ssh", "-X", "-c", "\\conninfo")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Connected through the SSH gateway %s (--via ssh)" % self.gw.address, r.out)
        self.assertIn(self.target_line(self.app("public-app")["addons"][0]["host"]), self.log_since(mark))

    def test_via_direct_to_a_public_database(self):
        mark = self.log_mark()
        r = self.run_detached("--app", "public-app", "--via", "direct", "-X", "-c", "\\conninfo")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Connected directly (--via direct).", r.out)
        self.assertNotIn("Accepted publickey", self.log_since(mark))

    def test_via_direct_to_a_private_database_says_what_to_do(self):
        if not self.gw.isolated:
            self.skipTest("no network namespace: the private address is reachable directly here")
        r = self.run_detached("--app", "private-app", "--via", "direct", "-X", "-c", "select 1")
        self.assertOneError(r, 'could not connect to the database of app "private-app" directly',
                            "Connection refused", "Internet Accessibility is off", "--via ssh",
                            "turn Internet Accessibility on")

    def test_script_file_goes_through_the_gateway(self):
        script = os.path.join(self.home, "script.sql")
        with open(script, "w") as f:
            f.write("select 'from a file' as source;\n\\conninfo\n")
        r = self.run_detached("--app", "private-app", "-X", "-At", "-f", script)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.out.splitlines()[0], "from a file")
        self.assertIn("Connected through the SSH gateway", r.out)

    def test_scalingo_ssh_host_replaces_the_regions_gateway(self):
        # the same gateway under another name: the known host must be under that name too
        with open(os.path.join(self.ssh_dir, "known_hosts"), "a") as f:
            f.write(self.gw.known_hosts_line().replace("[127.0.0.1]", "[localhost]"))
        r = self.run_detached("--app", "private-app", "-X", "-c", "\\conninfo",
                              env=self.env(SCALINGO_SSH_HOST="localhost:%d" % self.gw.port))
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Connected through the SSH gateway localhost:%d" % self.gw.port, r.out)

    def test_one_ssh_connection_carries_every_connection_of_the_process(self):
        mark = self.log_mark()
        r = self.run_detached("--app", "private-app", "-X", "-At", "-c", "select 1", "-c", "\\c -reuse-previous=on",
                              "-c", "\\c private_app_7", "-c", "select 2")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual([line for line in r.out.splitlines() if not line.startswith("You are now")], ["1", "2"])
        log = self.log_since(mark)
        self.assertEqual(log.count("Accepted publickey for git"), 1, log)
        self.assertEqual(log.count(self.target_line(self.app("private-app")["addons"][0]["host"])), 3, log)

    def test_banner_names_the_path(self):
        child = self.spawn()
        child.expect(r"Connected through the SSH gateway %s \(Internet Accessibility is off\)\.\r\n"
                     % re.escape(self.gw.address))
        child.expect(PROMPT)
        child.sendline("\\q")
        child.expect(pexpect.EOF)

    def test_invalid_via(self):
        r = self.run_detached("--app", "private-app", "--via", "tunnel", "-c", "select 1")
        self.assertOneError(r, 'invalid --via "tunnel" (use direct or ssh)', rc=1)
        r = self.run_detached("--via", "ssh", "-c", "select 1")
        self.assertOneError(r, "--via can only be used with --app", rc=1)


class FailureTest(GatewayCase):
    def test_unknown_host_key_is_refused_with_its_fingerprint(self):
        self.config = self.gw.client_config(self.ssh_dir, known=False)
        r = self.run_detached("--app", "private-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the SSH gateway %s is not in your known hosts" % self.gw.address,
                            "ED25519 key " + self.gw.fingerprint, 'accept it once with "ssh -p %d git@127.0.0.1"'
                            % self.gw.port)
        with open(os.path.join(self.ssh_dir, "known_hosts")) as f:
            self.assertEqual(f.read(), "", "the host key must not be added behind the user's back")

    def test_unknown_host_key_at_a_terminal_is_ssh_s_question(self):
        self.config = self.gw.client_config(self.ssh_dir, known=False)
        child = self.spawn()
        child.expect(r"Are you sure you want to continue connecting \(yes/no(/\[fingerprint\])?\)\? ")
        self.assertIn(self.gw.fingerprint, child.before)
        child.sendline("no")
        child.expect(r"pgconsole: error: the SSH gateway \S+ is not in your known hosts \(it shows ED25519 key "
                     + re.escape(self.gw.fingerprint))
        child.expect(pexpect.EOF)
        child.close()
        self.assertEqual(child.exitstatus, 2)

    def test_changed_host_key_is_refused_with_the_new_fingerprint(self):
        self.config = self.gw.client_config(self.ssh_dir, known_key=self.gw.other_host_key)
        r = self.run_detached("--app", "private-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the host key of the SSH gateway %s has changed" % self.gw.address,
                            "ED25519 key " + self.gw.fingerprint, "known_hosts:1",
                            "ssh-keygen -R '[127.0.0.1]:%d'" % self.gw.port)

    def test_key_the_gateway_does_not_accept(self):
        self.config = self.gw.client_config(self.ssh_dir, key=self.gw.stranger_key)
        r = self.run_detached("--app", "private-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the SSH gateway %s accepted none of your SSH keys" % self.gw.address,
                            '"scalingo keys-add')

    def test_ssh_not_installed(self):
        missing = os.path.join(self.home, "no-such-ssh")
        r = self.run_detached("--app", "private-app", "-X", "-c", "select 1",
                              env=self.env(PGCONSOLE_SSH_COMMAND=missing + " -F " + self.config))
        self.assertOneError(r, 'could not run "%s", the command PGCONSOLE_SSH_COMMAND names (No such file or '
                               'directory)' % missing)
        r = self.run_detached("--app", "private-app", "-X", "-c", "select 1",
                              env=self.env(PGCONSOLE_SSH_COMMAND=None, PATH=self.home))
        self.assertOneError(r, 'could not run the SSH client "ssh"', "install OpenSSH's client")

    def test_gateway_unreachable(self):
        closed = sshgateway.free_port()
        r = self.run_detached("--app", "private-app", "-X", "-c", "select 1",
                              env=self.env(SCALINGO_SSH_HOST="127.0.0.1:%d" % closed))
        self.assertOneError(r, "could not reach the SSH gateway 127.0.0.1:%d (Connection refused)" % closed,
                            "check your network connection")

    def test_gateway_that_refuses_to_forward_to_the_database(self):
        # lost-app's address is not among the gateway's PermitOpen: sshd refuses the channel
        r = self.run_detached("--app", "lost-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the SSH gateway %s could not open a connection to the database at 127.0.0.30:%d "
                               "(administratively prohibited" % (self.gw.address, harness.server().port))


class LegLifeTest(GatewayCase):
    def start_console(self):
        child = self.spawn()
        child.expect(PROMPT)
        child.sendline("select 'ready' as state;")
        child.expect(r"ready\r\n")
        child.expect(PROMPT)
        legs = harness.wait_until(lambda: ssh_children(child.pid), 10, "the ssh child")
        self.assertEqual(len(legs), 1, legs)
        return child, legs[0]

    def assert_reset_comes_back(self, child, old_leg):
        child.sendline("select 'after' as state;")
        child.expect("The connection to the server was lost. Attempting reset: Succeeded.")
        child.expect(PROMPT)
        child.sendline("select 'again' || 'back' as state;")
        child.expect("againback")
        child.expect(PROMPT)
        legs = ssh_children(child.pid)
        self.assertEqual(len(legs), 1, legs)
        self.assertNotEqual(legs[0], old_leg)

    def test_reset_after_the_ssh_leg_died(self):
        child, leg = self.start_console()
        os.kill(leg, signal.SIGKILL)
        harness.wait_until(lambda: ended(leg), 10, "the ssh child to end")
        self.assert_reset_comes_back(child, leg)

    def test_reset_after_the_gateway_dropped_the_connection(self):
        child, leg = self.start_console()
        self.assertTrue(self.gw.drop_connections())
        harness.wait_until(lambda: ended(leg), 10, "ssh to notice and end")
        self.assert_reset_comes_back(child, leg)

    def test_reset_moves_to_another_local_port_when_the_old_one_is_taken(self):
        child, leg = self.start_console()
        child.sendline("\\conninfo")
        child.expect(r'at port "(\d+)"')
        old_port = int(child.match.group(1))
        child.expect(PROMPT)
        os.kill(leg, signal.SIGKILL)
        harness.wait_until(lambda: ended(leg), 10, "the ssh child to end")
        squatter = socket.socket()
        self.addCleanup(squatter.close)
        # past the old forward's connections in TIME_WAIT; ssh too binds so, but not over a listening socket
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", old_port))
        squatter.listen(1)
        self.assert_reset_comes_back(child, leg)
        child.sendline("\\conninfo")
        child.expect(r'at port "(\d+)"')
        self.assertNotEqual(int(child.match.group(1)), old_port)
        child.expect(r"forwarded from 127\.0\.0\.1:%s\." % child.match.group(1))

    def test_ssh_child_ends_with_pgconsole(self):
        child, leg = self.start_console()
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        harness.wait_until(lambda: ended(leg), 10, "the ssh child to end after \\q")

    def test_ssh_child_ends_when_pgconsole_is_killed(self):
        # without a controlling terminal: no hangup reaches ssh when pgconsole dies, only what pgconsole set up
        proc = subprocess.Popen([harness.binary(), "--app", "private-app", "-X", "-At"], env=self.env(),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, cwd=self.home)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        proc.stdin.write("select 'ready';\n")
        proc.stdin.flush()
        self.assertEqual(proc.stdout.readline(), "ready\n")
        legs = ssh_children(proc.pid)
        self.assertEqual(len(legs), 1, legs)
        os.kill(proc.pid, signal.SIGKILL)
        harness.wait_until(lambda: ended(legs[0]), 10, "the ssh child to end after pgconsole's SIGKILL")

    def test_ctrl_c_is_not_for_the_ssh_child(self):
        child, leg = self.start_console()
        child.sendline("select pg_sleep(30);")
        harness.server().wait_for_query("select pg_sleep")
        child.sendintr()
        child.expect("canceling statement due to user request")
        child.expect(PROMPT)
        self.assertFalse(ended(leg))
        child.sendline("select 'still' || 'here';")
        child.expect("stillhere")
        self.assertEqual(ssh_children(child.pid), [leg])

    def test_no_secret_on_any_command_line(self):
        child, leg = self.start_console()
        procs = [child.pid] + descendants(child.pid)
        lines = [" ".join(cmdline(p)) for p in procs]
        ssh_line = " ".join(cmdline(leg))
        self.assertNoSecrets(*lines)
        self.assertIn("ServerAliveInterval=15", ssh_line)
        self.assertIn("ExitOnForwardFailure=yes", ssh_line)
        self.assertNotIn("StrictHostKeyChecking", ssh_line)
        self.assertIn("-l git -- 127.0.0.1", ssh_line)

    def test_keepalives_on_the_database_connection(self):
        for app, prompt in (("private-app", PROMPT), ("public-app", r"public_app_8=[#>] ")):
            child = self.spawn(app)
            child.expect(prompt)
            child.sendline("\\echo :PORT")
            child.expect(r"\r\n(\d+)\r\n")
            port = int(child.match.group(1))
            child.expect(prompt)
            timers = harness.wait_until(lambda: tcp_timers(child.pid, port), 10, "pgconsole's connection")
            # 2: the keepalive timer runs on the idle connection
            self.assertEqual(timers, [2], app)
            child.sendline("\\q")
            child.expect(pexpect.EOF)


class PrivateFolderTest(GatewayCase):
    """The control socket's folder is held to the private rules (util/safefile.h): a
    $XDG_RUNTIME_DIR/pgconsole that is a link or that others may write is passed over for
    /tmp/pgconsole-UID, left as it was, and nothing goes in it."""

    def check_passed_over(self, runtime, elsewhere, mode):
        proc = subprocess.Popen([harness.binary(), "--app", "private-app", "-X", "-At"],
                                env=self.env(XDG_RUNTIME_DIR=runtime), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True, cwd=self.home)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        proc.stdin.write("select 'ready';\n")
        proc.stdin.flush()
        self.assertEqual(proc.stdout.readline(), "ready\n")
        legs = ssh_children(proc.pid)
        self.assertEqual(len(legs), 1, legs)
        paths = [a[len("ControlPath="):] for a in cmdline(legs[0]) if a.startswith("ControlPath=")]
        self.assertEqual([os.path.dirname(p) for p in paths], ["/tmp/pgconsole-%d" % os.geteuid()], paths)
        self.assertEqual(os.listdir(elsewhere), [])
        self.assertEqual(os.stat(elsewhere).st_mode & 0o7777, mode)
        out, err = proc.communicate("select 'done';\n", timeout=60)
        self.assertEqual((proc.returncode, out, err), (0, "done\n", ""))

    def runtime_dir(self):
        # short, as sun_path is: under the run's longer TMPDIR pgconsole would not try it at all
        d = tempfile.mkdtemp(prefix="pgc-run-", dir="/tmp")
        self.addCleanup(shutil.rmtree, d, True)
        return d

    def test_runtime_folder_that_is_a_link(self):
        runtime = self.runtime_dir()
        elsewhere = tempfile.mkdtemp(prefix="elsewhere-", dir=self.home)
        os.chmod(elsewhere, 0o755)
        os.symlink(elsewhere, os.path.join(runtime, "pgconsole"))
        self.check_passed_over(runtime, elsewhere, 0o755)
        self.assertTrue(os.path.islink(os.path.join(runtime, "pgconsole")))

    def test_runtime_folder_that_others_may_write(self):
        runtime = self.runtime_dir()
        folder = os.path.join(runtime, "pgconsole")
        os.mkdir(folder)
        os.chmod(folder, 0o770)
        self.check_passed_over(runtime, folder, 0o770)


def tcp_timers(pid, remote_port):
    """The timer kinds (/proc/net/tcp's "tr") of pid's established TCP connections to remote_port."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    timers = []
    with open("/proc/%d/net/tcp" % pid) as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            port = int(fields[2].split(":")[1], 16)
            if fields[9] in inodes and fields[3] == "01" and port == remote_port:
                timers.append(int(fields[5].split(":")[0], 16))
    return timers
