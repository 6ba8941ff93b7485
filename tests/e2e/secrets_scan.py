"""
The secrets scan of the end-to-end suite: while the test files that carry SECRETS_SCAN = True run
(the platform, dashboard, tunnel and gateway scenarios), everything pgconsole produces is kept, and
when they end it is searched for every secret of the run.  One hit fails the run (run.py).

The secrets: what the platform stand-in hands out (tests/standin/state.py record_secret: the API
tokens it accepts, user JWTs, addon tokens, the passwords of the databases and of the users it
creates or resets, pre-signed backup URLs with their token and signature), and what a test adds
with register() (the tunnel's database password).  Each is searched as it is, base64-encoded
(also as the password of an empty user, as in Basic auth) and percent-encoded.

What is searched:
  - the stdout and stderr of every pgconsole process a test starts (subprocess, pexpect's terminal);
  - every file left or removed under the run's temporary directory (TMPDIR for the tests and for
    pgconsole: homes, caches, history files, -L logs, \\o and \\copy files, editor files, core dumps),
    except the servers' data directories and the stand-in's own directory;
  - /proc/PID/cmdline and /proc/PID/environ of pgconsole and every process below it (pagers,
    editors, \\!, backticks, \\copy ... program, ssh, tunnel exec commands), sampled while they run;
  - what the probe commands record: `secrets-probe` (a cat that first writes its own and its
    parent's command line and environment), and wrappers of ssh, less and more placed first on
    PATH, which record the same and run the real command.  Short-lived children escape sampling;
    a probe cannot miss them.

Allowed on purpose: pgconsole's private cache files ($XDG_CACHE_HOME/pgconsole/*, 0600 in a
0700 directory) hold the JWT, addon tokens and the database URL, but never the API token nor a
pre-signed URL; the Scalingo CLI's credentials file (~/.config/scalingo/auth), which tests write
as pgconsole's input, holds the API token.  A tunnel's exec-mode command gets its database password in PGPASSWORD and
DATABASE_URL by design: secrets registered with environ=False are not searched in environments,
nor database passwords in the environment of what runs below `pgconsole tunnel ... -- COMMAND`.
`pgconsole tunnel --show-password` prints the password it was given or resolved, as asked.
A secret a test itself puts on a command line may be seen on command lines below it.
pgconsole's own /proc/PID/environ is the one it was started with (the test's): it is searched
once pgconsole has started a child, as by then the API token must have been wiped from it.
"""

import base64
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

MARKER = "SECRETS_SCAN"
CACHE_KINDS = ("jwt", "addon-token", "db-password")
PROBED_COMMANDS = ("ssh", "less", "more")
SHOW_PASSWORD = "--show-password"       # the tunnel prints the password it was given when asked to

_scan = None


def active():
    return _scan


def register(value, kind="test-secret", environ=True):
    """A secret of a test's own (the stand-in records its own); environ=False when children get it by design."""
    if _scan and value:
        with open(_scan.secrets_log, "a") as f:
            f.write(json.dumps({"kind": kind, "value": value, "environ": environ}) + "\n")


def probe_command():
    """The recording cat for PAGER, EDITOR, \\!, backticks and \\copy ... program (plain cat when not scanning)."""
    return os.path.join(_scan.bin, "secrets-probe") if _scan else "cat"


def probe_records():
    """[(self cmdline, self environ, parent cmdline)] of the probes that ran so far."""
    out = []
    for name in sorted(os.listdir(_scan.records)) if _scan else ():
        if name.endswith(".self.cmdline"):
            base = os.path.join(_scan.records, name[:-len(".self.cmdline")])
            out.append(tuple(_read(base + suffix) for suffix in (".self.cmdline", ".self.environ",
                                                                  ".parent.cmdline")))
    return out


def _read(path, limit=None):
    try:
        with open(path, "rb") as f:
            return f.read(limit) if limit else f.read()
    except OSError:
        return b""


def _joined(args):
    args = [args] if isinstance(args, (str, bytes)) else list(args)
    return b" ".join(os.fsencode(a) if isinstance(a, (str, bytes, os.PathLike)) else str(a).encode() for a in args)


def _as_bytes(data):
    if data is None:
        return b""
    return data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")


class Scan:
    def __init__(self, binary):
        self.binary = os.path.realpath(binary)
        # short: the servers' Unix sockets live below it
        self.root = tempfile.mkdtemp(prefix="pgc-scan-", dir="/tmp")
        os.chmod(self.root, 0o755)         # the servers run as postgres
        self.records = os.path.join(self.root, "probe-records")
        self.bin = os.path.join(self.root, "probe-bin")
        os.makedirs(self.records)
        os.makedirs(self.bin)
        self.secrets_log = os.path.join(self.root, "secrets.jsonl")
        open(self.secrets_log, "w").close()
        self.lock = threading.Lock()
        self.outputs = []           # (where, bytes)
        self.files = {}             # path -> bytes, of files removed during the run
        self.procs = {}             # (pid, start, cmdline, environ) -> (description, is pgconsole, had children)
        self.exe = {}               # (pid, start) -> exe
        self.given = []             # the command lines tests started (a secret a test puts there is its own)
        self.sampling = threading.Event()
        self.stop = threading.Event()
        self.samples = 0

    # ---- setting up ----

    def install(self):
        self._write_probes()
        os.environ["PATH"] = self.bin + os.pathsep + os.environ.get("PATH", "")
        os.environ["TMPDIR"] = self.root
        os.environ["STANDIN_SECRETS_LOG"] = self.secrets_log
        tempfile.tempdir = self.root
        self._patch_subprocess()
        self._patch_pexpect()
        self._patch_rmtree()
        threading.Thread(target=self._sampler, daemon=True).start()

    def _write_probes(self):
        record = ("n=%s/$$-$(/bin/date +%%s%%N)\n"
                  "/bin/cat /proc/$$/cmdline > $n.self.cmdline\n"
                  "/bin/cat /proc/$$/environ > $n.self.environ\n"
                  "/bin/cat /proc/$PPID/cmdline > $n.parent.cmdline 2>/dev/null\n"
                  "/bin/cat /proc/$PPID/environ > $n.parent.environ 2>/dev/null\n" % self.records)
        # secrets-probe --probe=WHAT ARGS...: WHAT names the child in the records, ARGS go to cat
        scripts = {"secrets-probe": "case \"$1\" in --probe=*) shift;; esac\nexec /bin/cat \"$@\"\n"}
        rest = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != self.bin)
        for name in PROBED_COMMANDS:
            real = shutil.which(name, path=rest)
            if real:
                scripts[name] = "exec %s \"$@\"\n" % real
        for name, tail in scripts.items():
            path = os.path.join(self.bin, name)
            with open(path, "w") as f:
                f.write("#!/bin/sh\n# the e2e secrets scan's probe (tests/e2e/secrets_scan.py)\n" + record + tail)
            os.chmod(path, 0o755)

    def _ours(self, args):
        """True when a command runs pgconsole (directly, as psql, or as an argument of a wrapper)."""
        if isinstance(args, (str, bytes)):
            args = [args]
        for a in args or ():
            a = os.fsdecode(a) if isinstance(a, bytes) else str(a)
            if a == self.binary or (os.sep in a and os.path.realpath(a) == self.binary):
                return True
        return False

    def _patch_subprocess(self):
        scan = self
        init, communicate = subprocess.Popen.__init__, subprocess.Popen.communicate

        def patched_init(popen, args, *a, **kw):
            scan.given.append(_joined(args))
            init(popen, args, *a, **kw)
            popen._secrets_scan = scan._ours(args)
            if popen._secrets_scan:
                label = "output of %r" % (args if isinstance(args, str) else list(args)[:4],)
                if SHOW_PASSWORD.encode() in scan.given[-1]:
                    label = SHOW_PASSWORD + " " + label
                for name in ("stdout", "stderr"):
                    stream = getattr(popen, name)
                    if stream is not None:
                        setattr(popen, name, _Tee(stream, scan, "%s (%s)" % (label, name)))

        def patched_communicate(popen, *a, **kw):
            out, err = communicate(popen, *a, **kw)
            if getattr(popen, "_secrets_scan", False):
                shown = SHOW_PASSWORD + " " if SHOW_PASSWORD.encode() in _joined(popen.args) else ""
                scan.keep(shown + "output of %r" % (popen.args,), out)
                scan.keep(shown + "stderr of %r" % (popen.args,), err)
            return out, err

        subprocess.Popen.__init__ = patched_init
        subprocess.Popen.communicate = patched_communicate

    def _patch_pexpect(self):
        try:
            from pexpect.spawnbase import SpawnBase
        except ImportError:
            return
        from pexpect.pty_spawn import spawn
        scan = self
        log, spawn_child = SpawnBase._log, spawn._spawn

        def patched_spawn(child, command, args=(), *a, **kw):
            scan.given.append(_joined([command] + list(args)))
            return spawn_child(child, command, args, *a, **kw)

        spawn._spawn = patched_spawn

        def patched_log(child, s, direction):
            if direction == "read":
                scan.keep("terminal of %s %r" % (getattr(child, "command", "?"), getattr(child, "args", [])[:4]), s)
            return log(child, s, direction)

        SpawnBase._log = patched_log

    def _patch_rmtree(self):
        scan = self
        rmtree = shutil.rmtree

        def patched_rmtree(path, *a, **kw):
            if isinstance(path, (str, bytes, os.PathLike)):
                scan.keep_files(os.fsdecode(path))
            return rmtree(path, *a, **kw)

        shutil.rmtree = patched_rmtree

    # ---- collecting ----

    def keep(self, where, data):
        data = _as_bytes(data)
        if data and self.sampling.is_set():
            with self.lock:
                self.outputs.append((where, data))

    def _skipped_dir(self, path, names):
        return (path == self.records or path == self.bin or "PG_VERSION" in names
                or ("config.json" in names and "standin.log" in names))   # a server's or the stand-in's

    @staticmethod
    def _server_log(path, name):
        """A PostgreSQL server's log (what the stand-in and tests do to roles is theirs)."""
        return name == "server.log" and any(os.path.exists(os.path.join(path, d, "PG_VERSION"))
                                            for d in os.listdir(path))

    def keep_files(self, top):
        top = os.path.abspath(top)
        if not (top + os.sep).startswith(self.root + os.sep):
            return
        for path, dirs, names in os.walk(top):
            if self._skipped_dir(path, names):
                dirs[:] = []
                continue
            for name in names:
                full = os.path.join(path, name)
                if self._server_log(path, name):
                    continue
                if os.path.isfile(full) and not os.path.islink(full) and full != self.secrets_log:
                    data = _read(full, 8 << 20)
                    if data:
                        with self.lock:
                            self.files[full] = (data, _private_cache_file(full))

    def tests_started(self, sampling):
        if sampling:
            self.sampling.set()
        else:
            self.sampling.clear()

    def _sampler(self):
        while not self.stop.is_set():
            if not self.sampling.wait(0.5):
                continue
            try:
                self.sample()
            except Exception:   # a process that ended mid-read: the next round sees the others
                pass
            time.sleep(0.03)

    def sample(self):
        """cmdline and environ of pgconsole processes below this one, and of everything below them."""
        parent, start = {}, {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                fields = _read("/proc/%s/stat" % name).rsplit(b")", 1)
                if len(fields) == 2:
                    rest = fields[1].split()
                    parent[int(name)] = int(rest[1])
                    start[int(name)] = rest[19]
        children = {}
        for pid, ppid in parent.items():
            children.setdefault(ppid, []).append(pid)
        self.samples += 1
        self._visit(os.getpid(), children, start, None, False)

    def _visit(self, pid, children, start, top, exec_mode):
        for child in children.get(pid, ()):
            key = (child, start.get(child))
            exe = self.exe.get(key)
            if exe is None:
                try:
                    exe = self.exe[key] = os.path.realpath("/proc/%d/exe" % child)
                except OSError:
                    continue
            is_ours = exe == self.binary
            below = top if top is not None else (child if is_ours else None)
            if below is not None:
                cmdline, environ = _read("/proc/%d/cmdline" % child), _read("/proc/%d/environ" % child)
                if top is None:
                    args = cmdline.split(b"\0")
                    exec_mode = b"tunnel" in args[1:2] and b"--" in args
                record = (child, key[1], cmdline, environ)
                if cmdline and record not in self.procs:
                    self.procs[record] = (exe, is_ours, bool(children.get(child)), exec_mode and not is_ours)
            self._visit(child, children, start, below, exec_mode)

    # ---- searching ----

    def secrets(self):
        found = {}
        for line in _read(self.secrets_log).splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            value = entry.get("value")
            if isinstance(value, str) and len(value) >= 8:
                old = found.get(value)
                environ = entry.get("environ", True) and (old is None or old[1])
                found[value] = (entry.get("kind", "?"), environ)
        return found

    def finish(self):
        """The hits: [(secret kind, where, excerpt with the secret masked)]."""
        self.stop.set()
        self.keep_files(self.root)
        self.sampling.set()
        for name in os.listdir(self.records):
            self.keep("probe record %s" % name, _read(os.path.join(self.records, name)))
        secrets = self.secrets()
        everywhere = _matcher(secrets)
        outside_environ = _matcher({v: k for v, k in secrets.items() if k[1]})
        outside_cache = _matcher({v: k for v, k in secrets.items() if k[0] not in CACHE_KINDS})
        exec_environ = _matcher({v: k for v, k in secrets.items() if k[1] and k[0] != "db-password"})
        given = b"\n".join(self.given)
        own_cmdline = _matcher({v: k for v, k in secrets.items() if v.encode() not in given})
        shown = _matcher({v: k for v, k in secrets.items() if v.encode() not in given and k[0] != "db-password"})
        hits = []
        for where, data in self.outputs:
            matcher = everywhere if not where.startswith("probe record") or not where.endswith(".environ") \
                else outside_environ
            if where.startswith(SHOW_PASSWORD):
                matcher = shown
            hits += _search(matcher, data, where)
        cli_auth = _matcher({v: k for v, k in secrets.items() if k[0] != "api-token"})
        for path, (data, private_cache) in sorted(self.files.items()):
            matcher = outside_cache if private_cache else cli_auth if path.endswith("/.config/scalingo/auth") \
                else everywhere
            hits += _search(matcher, data, "file " + path)
        for (pid, _, cmdline, environ), (exe, is_ours, had_children, exec_child) in self.procs.items():
            name = cmdline.split(b"\0")[0].decode(errors="replace")
            hits += _search(own_cmdline, cmdline, "/proc/%d/cmdline (%s)" % (pid, name))
            if had_children or not is_ours:
                hits += _search(exec_environ if exec_child else outside_environ, environ,
                                "/proc/%d/environ (%s)" % (pid, name))
        return secrets, hits

    def summary(self, secrets, hits):
        kinds = {}
        for kind, _ in secrets.values():
            kinds[kind] = kinds.get(kind, 0) + 1
        return ("secrets scan: %d secrets (%s) searched in %d outputs, %d files, %d process snapshots "
                "(%d samples), %d probe records: %d hits" % (
                    len(secrets), ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())),
                    len(self.outputs), len(self.files), len(self.procs), self.samples,
                    len([n for n in os.listdir(self.records) if n.endswith(".self.cmdline")]), len(hits)))

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def _private_cache_file(path):
    """A file of pgconsole's cache directory, 0600 in a 0700 directory (where tokens may be kept)."""
    directory = os.path.dirname(path)
    if os.path.basename(directory) != "pgconsole" or ".tmp" in os.path.basename(path):
        return False
    try:
        return (stat.S_IMODE(os.stat(path).st_mode) & 0o077) == 0 and \
            (stat.S_IMODE(os.stat(directory).st_mode) & 0o077) == 0
    except OSError:
        return False


def _forms(value):
    raw = value.encode()
    forms = {raw, base64.b64encode(raw), base64.b64encode(b":" + raw)[4:], base64.urlsafe_b64encode(raw),
             urllib.parse.quote(value, safe="").encode(), urllib.parse.quote_plus(value).encode()}
    return [f.rstrip(b"=") for f in forms if len(f) >= 8]


def _matcher(secrets):
    """A regex over every form of every secret, and the kind of each form."""
    kinds = {}
    for value, (kind, _) in secrets.items():
        for form in _forms(value):
            kinds[form] = kind
    if not kinds:
        return None, kinds
    ordered = sorted(kinds, key=len, reverse=True)
    return re.compile(b"|".join(re.escape(f) for f in ordered)), kinds


def _printable(data):
    return re.sub(r"[^\x20-\x7e]", ".", data.decode(errors="replace"))


def _search(matcher, data, where):
    rx, kinds = matcher
    if rx is None or not data:
        return []
    hits = []
    for m in rx.finditer(data):
        kind = kinds[m.group(0)]
        before = _printable(data[max(0, m.start() - 60):m.start()])
        after = _printable(data[m.end():m.end() + 40])
        hits.append((kind, where, "%s<%s>%s" % (before, kind, after)))
        if len(hits) >= 5:
            break
    return hits


class _Tee:
    """A pipe from pgconsole that keeps what the test reads from it."""

    def __init__(self, stream, scan, where):
        self._stream, self._scan, self._where = stream, scan, where

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def _kept(self, data):
        self._scan.keep(self._where, data)
        return data

    def read(self, *a):
        return self._kept(self._stream.read(*a))

    def read1(self, *a):
        return self._kept(self._stream.read1(*a))

    def readline(self, *a):
        return self._kept(self._stream.readline(*a))

    def readlines(self, *a):
        lines = self._stream.readlines(*a)
        for line in lines:
            self._kept(line)
        return lines

    def __iter__(self):
        return self

    def __next__(self):
        line = self._stream.readline()
        if not line:
            raise StopIteration
        return self._kept(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._stream.close()

    def __hash__(self):
        return hash(self._stream)

    def __eq__(self, other):
        return self is other


def start(binary):
    global _scan
    _scan = Scan(binary)
    _scan.install()
    return _scan


def marked(test):
    """True for a test of a module that joins the scan."""
    module = sys.modules.get(type(test).__module__)
    return bool(getattr(module, MARKER, False))
