#!/usr/bin/env python3
"""
A Scalingo region's SSH gateway for the tests: a real OpenSSH server (Debian's
openssh-server, `/usr/sbin/sshd -D -e -f CONFIG`, never a system service) with a
throwaway host key, user `git`, public keys only, port forwarding only (no pty, no
shell, no X11 or agent forwarding; PermitOpen limited to the databases), and the
region's private network that it forwards into.

    gw = Gateway(databases)            # {"127.0.0.20:5433": ("127.0.0.1", 5433), ...}: where each
    gw.start()                         #   database address of the region leads
    gw.address                         # "127.0.0.1:PORT": what the regions' "ssh" field gives
    cfg = gw.client_config(directory)  # an ssh_config with its own known_hosts and key, never ~/.ssh
    env["PGCONSOLE_SSH_COMMAND"] = gw.ssh_command(cfg)
    gw.log()                           # sshd's log (LogLevel DEBUG1: every forward's target shows)
    gw.drop_connections()              # the gateway drops every SSH connection (as after a laptop sleep)
    gw.restart()                       # a new sshd behind the same address, same keys
    gw.cleanup()

The region's network.  When this runs as root and network namespaces work, sshd runs
in a namespace of its own (`unshare --net`, held by a sleeping process and gone with
it): there each database address listens, relayed to the real server outside, and
nothing else; outside, a database address that is private (PRIVATE_DATABASE_HOSTS
of pgcluster) has nothing listening, so that a client that tries it directly is
refused, as on the platform.  The gateway's own address, outside, is relayed to sshd
inside.  One helper process (this file run as `relay`) holds those relays: it opens
each listening socket in the namespace where it must live (setns(2) on a thread).
Without network namespaces everything stays on the loopback of the machine: private
addresses are then reachable directly too (`isolated` is False; tests say so).

sshd needs a `git` account: when it runs as root and none exists, a system account
is created (`useradd --system`, no home, shell /usr/sbin/nologin, password field `*`
so that sshd does not take it for locked), and /run/sshd (its privilege separation
directory) when missing.  Without root, sshd cannot switch users: `available()` says
why and the gateway tests skip.  Nothing here reads or writes ~/.ssh.
"""

import ctypes
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SSHD = "/usr/sbin/sshd"
USER = "git"
CLONE_NEWNET = 0x40000000

HERE = os.path.dirname(os.path.abspath(__file__))


def available():
    """None when a gateway can run here, else why not (for a skip message)."""
    if not os.path.exists(SSHD):
        return "no %s (Debian's openssh-server: scripts/install-deps installs it)" % SSHD
    if not shutil.which("ssh") or not shutil.which("ssh-keygen"):
        return "no OpenSSH client (ssh, ssh-keygen)"
    if os.geteuid() != 0:
        return "sshd must run as root to serve the user %s" % USER
    return None


def ensure_account():
    """The git account sshd serves (created as a system account when missing; root only)."""
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                        "/usr/sbin/nologin", "--password", "*", USER], check=True, capture_output=True)
    if not os.path.isdir("/run/sshd"):
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)


def free_port(host="127.0.0.1"):
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def keygen(path, comment):
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], check=True,
                   stdin=subprocess.DEVNULL, capture_output=True)
    return path


def fingerprint(pub):
    """'SHA256:...' of a public key file."""
    out = subprocess.run(["ssh-keygen", "-l", "-f", pub], check=True, capture_output=True, text=True).stdout
    return out.split()[1]


def namespaces_work():
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        return False
    r = subprocess.run(["unshare", "--net", "--", "ip", "link", "set", "lo", "up"], capture_output=True)
    return r.returncode == 0


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for %s" % what)
        time.sleep(0.02)


def _children(pid):
    """The direct children of a process (from /proc)."""
    found = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                found += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return found


class Gateway:
    """The SSH gateway and its region's network (see the module's docstring).

    databases    {"HOST:PORT": (target host, target port)}: each database address of the
                 region and the real server it leads to; also sshd's PermitOpen list
    isolate      use a network namespace when possible (else plain loopback)"""

    def __init__(self, databases, directory=None, isolate=True):
        self.dir = directory or tempfile.mkdtemp(prefix="pgconsole-gateway-")
        os.chmod(self.dir, 0o755)    # sshd reads authorized_keys as the git user
        self.databases = dict(databases)
        self.isolated = isolate and namespaces_work()
        self.holder = self.relay = self.sshd = None
        self.inner_port = None
        self.port = None
        self.log_path = os.path.join(self.dir, "sshd.log")
        self.host_key = keygen(os.path.join(self.dir, "host_ed25519_key"), "gateway")
        self.other_host_key = keygen(os.path.join(self.dir, "other_host_ed25519_key"), "impostor")
        self.client_key = keygen(os.path.join(self.dir, "id_ed25519"), "client")
        self.stranger_key = keygen(os.path.join(self.dir, "stranger_ed25519"), "stranger")
        self.authorized_keys = os.path.join(self.dir, "authorized_keys")
        shutil.copy(self.client_key + ".pub", self.authorized_keys)
        os.chmod(self.authorized_keys, 0o644)

    # ---- what clients need ----

    @property
    def host(self):
        return "127.0.0.1"

    @property
    def address(self):
        return "%s:%d" % (self.host, self.port)

    @property
    def fingerprint(self):
        return fingerprint(self.host_key + ".pub")

    def known_hosts_line(self, key=None):
        with open((key or self.host_key) + ".pub") as f:
            kind, blob = f.read().split()[:2]
        return "[%s]:%d %s %s\n" % (self.host, self.port, kind, blob)

    def client_config(self, directory, known=True, key=None, known_key=None):
        """An ssh_config in directory with a known_hosts of its own (holding the gateway's key when
        known, another key when known_key is given) and one identity (the authorized one unless
        key says otherwise); returns its path."""
        known_hosts = os.path.join(directory, "known_hosts")
        with open(known_hosts, "w") as f:
            if known:
                f.write(self.known_hosts_line(known_key))
        identity = os.path.join(directory, "identity")
        shutil.copy(key or self.client_key, identity)
        os.chmod(identity, 0o600)
        path = os.path.join(directory, "ssh_config")
        with open(path, "w") as f:
            f.write("Host *\n"
                    "    UserKnownHostsFile %s\n"
                    "    GlobalKnownHostsFile /dev/null\n"
                    "    IdentityFile %s\n"
                    "    IdentitiesOnly yes\n"
                    "    IdentityAgent none\n"
                    "    PasswordAuthentication no\n"
                    "    KbdInteractiveAuthentication no\n"
                    "    CheckHostIP no\n"
                    "    UpdateHostKeys no\n" % (known_hosts, identity))
        return path

    @staticmethod
    def ssh_command(config):
        return "ssh -F %s" % config

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    # ---- running ----

    def _ns_path(self):
        return "/proc/%d/ns/net" % self.holder.pid if self.holder else None

    def _write_sshd_config(self):
        permit = " ".join(sorted(self.databases))
        path = os.path.join(self.dir, "sshd_config")
        with open(path, "w") as f:
            f.write("\n".join([
                "Port %d" % self.inner_port,
                "ListenAddress 127.0.0.1",
                "HostKey %s" % self.host_key,
                "PidFile none",
                "AuthorizedKeysFile %s" % self.authorized_keys,
                "StrictModes no",           # the scratch directory sits in a world-writable /tmp
                "UsePAM no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "HostbasedAuthentication no",
                "AuthenticationMethods publickey",
                "PermitRootLogin no",
                "AllowUsers %s" % USER,
                "PermitTTY no",
                "X11Forwarding no",
                "AllowAgentForwarding no",
                "AllowStreamLocalForwarding no",
                "AllowTcpForwarding local",
                "GatewayPorts no",
                "PermitTunnel no",
                "PermitUserRC no",
                "PermitOpen %s" % permit,
                "ForceCommand /usr/sbin/nologin",
                "PrintMotd no",
                "UseDNS no",
                "MaxStartups 200",
                "MaxSessions 0",
                "LogLevel DEBUG1",
                ""]))
        return path

    def start(self, timeout=30):
        ensure_account()
        if self.isolated:
            self.holder = subprocess.Popen(["unshare", "--net", "--", "sh", "-c",
                                            "ip link set lo up && echo up && exec sleep infinity"],
                                           stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True)
            if self.holder.stdout.readline().strip() != b"up":
                raise RuntimeError("the gateway's network namespace did not come up")
        # inside the namespace any port is free; outside one must be looked for
        self.inner_port = 2222 if self.isolated else free_port()
        self._start_relay(timeout)
        self._start_sshd(timeout)
        return self

    def _start_relay(self, timeout):
        spec = os.path.join(self.dir, "relay.json")
        ready = os.path.join(self.dir, "relay-ready.json")
        with open(spec, "w") as f:
            json.dump({"netns": self._ns_path(), "sshd": ["127.0.0.1", self.inner_port],
                       "databases": {k: list(v) for k, v in self.databases.items()}, "ready": ready}, f)
        log = open(os.path.join(self.dir, "relay.log"), "w")
        self.relay = subprocess.Popen([sys.executable, os.path.abspath(__file__), "relay", spec], stdout=log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()

        def up():
            if self.relay.poll() is not None:
                with open(os.path.join(self.dir, "relay.log")) as f:
                    raise RuntimeError("the gateway's relay did not start:\n" + f.read())
            return os.path.exists(ready)
        _wait(up, timeout, "the gateway's relay")
        with open(ready) as f:
            self.port = json.load(f)["front_port"]

    def _start_sshd(self, timeout):
        config = self._write_sshd_config()
        prefix = ["nsenter", "--net=" + self._ns_path(), "--"] if self.isolated else []
        start = len(self.log())
        log = open(self.log_path, "a")
        self.sshd = subprocess.Popen(prefix + [SSHD, "-D", "-e", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()

        def listening():
            if self.sshd.poll() is not None:
                raise RuntimeError("sshd did not start:\n" + self.log()[start:])
            return "Server listening on" in self.log()[start:]
        _wait(listening, timeout, "sshd to listen")

    def drop_connections(self):
        """Ends every SSH connection the gateway holds (its per-connection processes), as a gateway that
        forgot its clients does; the gateway itself keeps listening."""
        dropped, todo = [], _children(self.sshd.pid)
        while todo:     # the privileged monitor of each connection and, under it, the process that serves it
            pid = todo.pop()
            dropped.append(pid)
            todo += _children(pid)
        for pid in dropped:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return dropped

    def stop_sshd(self):
        if self.sshd and self.sshd.poll() is None:
            self.drop_connections()
            self.sshd.terminate()
            try:
                self.sshd.wait(10)
            except subprocess.TimeoutExpired:
                self.sshd.kill()
                self.sshd.wait()

    def restart(self, timeout=30):
        self.stop_sshd()
        self._start_sshd(timeout)

    def cleanup(self):
        self.stop_sshd()
        for proc in (self.relay, self.holder):
            if proc and proc.poll() is None:
                proc.kill()
                proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------------------
# The relay process: python3 sshgateway.py relay SPEC.json

def _in_namespace(ns_path, fn):
    """fn() run on a thread that first joins the network namespace ns_path (None: this one): the
    sockets it creates live there, whichever thread uses them afterwards."""
    result = {}

    def run():
        try:
            if ns_path:
                libc = ctypes.CDLL(None, use_errno=True)
                fd = os.open(ns_path, os.O_RDONLY)
                try:
                    if libc.setns(fd, CLONE_NEWNET) != 0:
                        raise OSError(ctypes.get_errno(), "setns(%s)" % ns_path)
                finally:
                    os.close(fd)
            result["value"] = fn()
        except BaseException as e:  # noqa: B902 - handed to the caller's thread
            result["error"] = e
    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def _pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for s, how in ((dst, socket.SHUT_WR), (src, socket.SHUT_RD)):
        try:
            s.shutdown(how)
        except OSError:
            pass


def _splice(client, connect):
    try:
        upstream = connect()
    except OSError:
        client.close()
        return
    a = threading.Thread(target=_pump, args=(client, upstream), daemon=True)
    b = threading.Thread(target=_pump, args=(upstream, client), daemon=True)
    a.start()
    b.start()
    a.join()
    b.join()
    client.close()
    upstream.close()


def _serve(listener, connect):
    while True:
        client, _ = listener.accept()
        threading.Thread(target=_splice, args=(client, connect), daemon=True).start()


def _connect(address):
    s = socket.create_connection(address, timeout=10)
    s.settimeout(None)
    return s


def _listen(host, port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(256)
    return s


def relay_main(spec_path):
    with open(spec_path) as f:
        spec = json.load(f)
    ns = spec["netns"]
    sshd_addr = tuple(spec["sshd"])
    # the gateway's address, outside, leads to sshd inside
    front = _listen("127.0.0.1", 0)
    threading.Thread(target=_serve, args=(front, lambda: _in_namespace(ns, lambda: _connect(sshd_addr))),
                     daemon=True).start()
    # inside, each database address leads to the real server outside
    for address, target in spec["databases"].items():
        host, port = address.rsplit(":", 1)
        dest = (target[0], int(target[1]))
        if not ns and (host, int(port)) == dest:
            continue    # one namespace for all: the server itself listens there
        listener = _in_namespace(ns, lambda: _listen(host, int(port)))
        threading.Thread(target=_serve, args=(listener, lambda dest=dest: _connect(dest)), daemon=True).start()
    tmp = spec["ready"] + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"front_port": front.getsockname()[1]}, f)
    os.rename(tmp, spec["ready"])
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "relay":
        relay_main(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
