"""
A throwaway PostgreSQL 15 cluster with TLS for `make demo` and the benchmarks
(the end-to-end tests use tests/e2e/harness.py's server instead): initdb in a
temporary directory, a free loopback port, a certificate from the database CA.
When run as root, the server runs as the 'postgres' user, as PostgreSQL requires.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile

import certs

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")

# loopback addresses a server listens on besides 127.0.0.1, its certificate covering them: the
# stand-in puts each database on one of its own, as the platform gives each addon a host
DATABASE_HOSTS = tuple("127.0.0.%d" % i for i in range(2, 10))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(args):
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + list(args)
    # a session of its own: Ctrl-C at the console must not reach the server
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          start_new_session=True)


class Cluster:
    def __init__(self, directory=None):
        self.dir = directory or tempfile.mkdtemp(prefix="pgconsole-pg-")
        os.chmod(self.dir, 0o755)
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.socket_dir = self.dir
        self.superuser = "postgres"
        tls = os.path.join(self.dir, "tls")
        os.makedirs(tls, exist_ok=True)
        ca = certs.make_ca(tls, "db-ca", "pgconsole stand-in database CA")
        self.ca = ca[0]
        self.hosts = DATABASE_HOSTS
        self.cert, self.key = certs.issue(tls, ca, "server", ips=("127.0.0.1",) + DATABASE_HOSTS)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            for path in (self.dir, tls, self.cert, self.key, self.ca):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        self._initdb()

    def _initdb(self):
        _as_server_user([os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U", self.superuser, "-A", "trust",
                         "-E", "UTF8", "--locale=C.UTF-8"])
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write("port = %d\nlisten_addresses = '%s'\nunix_socket_directories = '%s'\n"
                    "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n"
                    "fsync = off\nmax_connections = 60\nshared_preload_libraries = 'pg_stat_statements'\n"
                    % (self.port, ",".join(("127.0.0.1",) + self.hosts), self.socket_dir, self.cert, self.key))
        with open(os.path.join(self.data, "pg_hba.conf"), "w") as f:
            f.write("local all all trust\n"
                    "hostssl all all 127.0.0.0/8 scram-sha-256\n"
                    "host all all 127.0.0.0/8 scram-sha-256\n")

    def start(self):
        _as_server_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-w", "-l",
                         os.path.join(self.dir, "server.log"), "start"])

    def stop(self, mode="fast"):
        try:
            _as_server_user([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"])
        except subprocess.CalledProcessError:
            pass

    def cleanup(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
