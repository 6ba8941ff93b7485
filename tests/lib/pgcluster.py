"""
Throwaway PostgreSQL 15 clusters and certificate authorities, shared by the end-to-end
harness (tests/e2e/harness.py), the platform stand-in (tests/standin), `make demo`,
the benchmarks (bench/run, bench/platform) and the script that regenerates the print
goldens (tests/unit/print-goldens/regenerate).  Standard library and the openssl
command-line tool only.

    ca = CA(directory, name="db-ca", subject="...")     # made once in directory, reused after
    crt, key = ca.issue("server", hostnames=["localhost", "db.example"], ips=["127.0.0.1", "127.0.0.2"])

    c = Cluster()                   # initdb in a fresh directory, TLS from a CA of its own
    c.start()                       # on a free loopback port (another one if that is taken meanwhile)
    c.psql("select 1")              # as the superuser on the Unix socket
    c.cleanup()                     # stopped (killed if it will not stop) and removed

When this runs as root, the server runs as the unprivileged 'postgres' user, as
PostgreSQL requires.  Server commands run in a session of their own, so that a Ctrl-C
meant for a console or a benchmark never reaches the server.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")

# what every cluster gets unless the caller overrides it (a value of None removes a setting)
DEFAULT_SETTINGS = {
    "fsync": "off",
    "max_connections": 60,
    "shared_preload_libraries": "pg_stat_statements",
}

# variables that would point a client elsewhere or change what it prints
CLIENT_ENV_DROPPED = ("PSQLRC", "DATABASE_URL", "PAGER", "PSQL_PAGER", "PSQL_HISTORY", "COLUMNS")

SOCKET_PATH_MAX = 100   # sun_path is 108 bytes; the socket's name adds ".s.PGSQL.NNNNN"


# loopback addresses a server can listen on besides 127.0.0.1, its certificate covering them: the
# stand-in puts each database on one of its own, as the platform gives each addon a host
DATABASE_HOSTS = tuple("127.0.0.%d" % i for i in range(2, 10))

# addresses of databases without Internet Accessibility: reachable only through the region's SSH gateway
# (tests/lib/sshgateway.py relays them, inside its network namespace, to a server's first address); a
# server whose certificate should cover them lists them in its ips
PRIVATE_DATABASE_HOSTS = tuple("127.0.0.%d" % i for i in range(20, 24))


class ClusterError(Exception):
    """A server command failed; the message carries its output."""


def free_port(host="127.0.0.1"):
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def scratch_dir(prefix):
    """A fresh directory, readable by the server user, short enough to hold a Unix socket."""
    base = tempfile.gettempdir()
    if len(base) > SOCKET_PATH_MAX - 40:
        base = "/tmp"
    path = tempfile.mkdtemp(prefix=prefix, dir=base)
    os.chmod(path, 0o755)
    return path


def server_user():
    """(uid, gid) the server runs as when this runs as root, else None."""
    if os.geteuid() != 0:
        return None
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        raise ClusterError("running as root but there is no 'postgres' user to run the server as")
    return pw.pw_uid, pw.pw_gid


def as_server_user(args):
    """args, run as the 'postgres' user when this runs as root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + list(args)
    return list(args)


def _run_server_command(args, what):
    # from /: the caller's directory may be one the server user cannot enter
    proc = subprocess.run(as_server_user(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, start_new_session=True, cwd="/")
    if proc.returncode != 0:
        raise ClusterError("%s failed (exit %d):\n%s" % (what, proc.returncode, proc.stdout.decode(errors="replace")))
    return proc


def _openssl(*args):
    proc = subprocess.run(["openssl"] + list(args), stdin=subprocess.DEVNULL, capture_output=True)
    if proc.returncode != 0:
        raise ClusterError("openssl %s failed:\n%s" % (args[0], proc.stderr.decode(errors="replace")))


def _chown(paths):
    owner = server_user()
    if owner:
        for path in paths:
            os.chown(path, *owner)


class CA:
    """A self-signed certificate authority in directory (made once, reused when its files exist)."""

    def __init__(self, directory, name="ca", subject="pgconsole test CA", days=7):
        os.makedirs(directory, exist_ok=True)
        self.directory = directory
        self.days = days
        self.cert = os.path.join(directory, name + ".crt")
        self.key = os.path.join(directory, name + ".key")
        if not os.path.exists(self.cert):
            _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", str(days), "-subj", "/CN=" + subject,
                     "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                     "-keyout", self.key, "-out", self.cert)
            os.chmod(self.key, 0o600)

    def issue(self, name, hostnames=("localhost",), ips=("127.0.0.1",), directory=None):
        """A server certificate for every host name and IP address given (its subjectAltName; the
        common name is the first host name), signed by this CA; returns (cert path, key path)."""
        hostnames, ips = list(hostnames), list(ips)
        if not hostnames and not ips:
            raise ValueError("a certificate needs at least one host name or address")
        directory = directory or self.directory
        key = os.path.join(directory, name + ".key")
        csr = os.path.join(directory, name + ".csr")
        crt = os.path.join(directory, name + ".crt")
        ext = os.path.join(directory, name + ".ext")
        san = ",".join(["DNS:" + h for h in hostnames] + ["IP:" + i for i in ips])
        with open(ext, "w") as f:
            f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n" % san)
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (hostnames or ips)[0],
                 "-keyout", key, "-out", csr)
        _openssl("x509", "-req", "-in", csr, "-CA", self.cert, "-CAkey", self.key, "-CAcreateserial",
                 "-days", str(self.days), "-extfile", ext, "-out", crt)
        os.chmod(key, 0o600)
        os.unlink(csr)
        os.unlink(ext)
        return crt, key


def _conf_value(value):
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (int, float)):
        return str(value)
    return "'%s'" % str(value).replace("'", "''")


class Cluster:
    """A PostgreSQL 15 cluster in a directory of its own (initdb'd at construction, not started).

    directory     where it lives (default: a fresh scratch directory named prefix*); removed by cleanup()
    tls           ssl = on, with a server certificate from ca (default: a CA made in <dir>/tls)
    ca_subject    the common name of that CA when the cluster makes it
    hostnames, ips  the server certificate's names (ips defaults to the listen addresses)
    listen        the loopback addresses it listens on; each gets hostssl and host lines in pg_hba.conf
                  (pass ("127.0.0.1",) + DATABASE_HOSTS to give databases addresses of their own)
    settings      postgresql.conf settings over DEFAULT_SETTINGS (None removes one)
    initdb_args   initdb's arguments besides -D, -U and -A
    hba_first     pg_hba.conf rules that come before the default ones

    Attributes: dir, data, port, socket_dir, superuser, ca (the CA's certificate path or None),
    cert, key, log (the server log), hosts (the listen addresses after the first)."""

    def __init__(self, directory=None, prefix="pgconsole-pg-", tls=True, ca=None, ca_subject="pgconsole test CA",
                 hostnames=("localhost",), ips=None, listen=("127.0.0.1",), settings=None,
                 initdb_args=("-E", "UTF8", "--locale=C.UTF-8"), superuser="postgres", hba_first=()):
        self.dir = directory or scratch_dir(prefix)
        os.makedirs(self.dir, exist_ok=True)
        os.chmod(self.dir, 0o755)
        self.data = os.path.join(self.dir, "data")
        self.socket_dir = self.dir
        self.log = os.path.join(self.dir, "server.log")
        self.superuser = superuser
        self.listen = list(listen)
        self.hosts = tuple(self.listen[1:])
        self.port = free_port(self.listen[0])
        self.settings = dict(DEFAULT_SETTINGS)
        self.settings.update(settings or {})
        self.ca = self.cert = self.key = None
        self.started = False        # once: the port is fixed from then on
        owned = [self.dir]
        if tls:
            tls_dir = os.path.join(self.dir, "tls")
            ca = ca or CA(tls_dir, "db-ca", ca_subject)
            self.ca = ca.cert
            self.cert, self.key = ca.issue("server", hostnames, self.listen if ips is None else ips, tls_dir)
            owned += [tls_dir, self.cert, self.key]
        _chown(owned)
        _run_server_command([os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U", self.superuser, "-A", "trust"]
                            + list(initdb_args), "initdb")
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write("\ninclude 'pgcluster.conf'\n")
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all all trust\n")
            for rule in hba_first:
                f.write(rule + "\n")
            for address in self.listen:
                f.write("hostssl all all %s/32 scram-sha-256\n" % address)
                f.write("host all all %s/32 scram-sha-256\n" % address)
        self._write_settings()

    def _write_settings(self):
        values = dict(self.settings)
        values.update({"port": self.port, "listen_addresses": ",".join(self.listen),
                       "unix_socket_directories": self.socket_dir})
        if self.cert:
            values.update({"ssl": "on", "ssl_cert_file": self.cert, "ssl_key_file": self.key})
        path = os.path.join(self.data, "pgcluster.conf")
        with open(path, "w") as f:
            f.write("# written by tests/lib/pgcluster.py\n")
            for name, value in values.items():
                if value is not None:
                    f.write("%s = %s\n" % (name, _conf_value(value)))
        _chown([path])

    def start(self, timeout=60, attempts=3):
        """Starts the server and waits until it accepts connections.  The free port found at
        construction may be taken by the time the server first binds it: then another one is
        tried.  A restart keeps the port its clients know."""
        for attempt in range(attempts if not self.started else 1):
            try:
                _run_server_command([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-w", "-t", str(timeout),
                                     "-l", self.log, "start"], "pg_ctl start")
                self.started = True
                return self
            except ClusterError:
                self.stop("immediate")
                if self.started or attempt + 1 == attempts:
                    raise
                self.port = free_port(self.listen[0])
                self._write_settings()
        return self

    def _postmaster_pid(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                return int(f.readline().strip())
        except (OSError, ValueError):
            return None

    def stop(self, mode="fast"):
        """Stops the server (if it runs); kills the postmaster if it has not gone 10 s later."""
        pid = self._postmaster_pid()
        if pid is None:
            return
        subprocess.run(as_server_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", mode, "-w",
                                       "-t", "30", "stop"]),
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       start_new_session=True, cwd="/")
        deadline = time.time() + 10
        while _alive(pid) and time.time() < deadline:
            time.sleep(0.1)
        if _alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def restart(self):
        self.stop()
        self.start()

    def reload(self):
        _run_server_command([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "reload"], "pg_ctl reload")

    def cleanup(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def env(self, base=None, database="postgres", **extra):
        """A client's environment: on the Unix socket as the superuser, C.UTF-8, nothing inherited
        that would change where it connects or what it prints.  extra sets variables (None removes)."""
        base = os.environ if base is None else base
        env = {k: v for k, v in base.items() if not k.startswith("PG") and k not in CLIENT_ENV_DROPPED}
        env.update({"PGHOST": self.socket_dir, "PGPORT": str(self.port), "PGUSER": self.superuser,
                    "PGDATABASE": database, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env

    def psql(self, sql, db="postgres"):
        """Runs sql with psql -X -q -A -t -c (several statements are one transaction) as the
        superuser; returns what it printed.  Raises ClusterError when psql fails."""
        proc = subprocess.run([os.path.join(PG_BIN, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                               "-d", db, "-c", sql], env=self.env(), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise ClusterError("psql failed (exit %d) on %r:\n%s" % (proc.returncode, sql[:200], proc.stderr))
        return proc.stdout


def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
