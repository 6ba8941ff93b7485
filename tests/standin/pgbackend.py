"""
The real PostgreSQL server behind the stand-in's addons: databases and roles with
the platform's grants, users, running queries, pg_stat_statements, metrics from the
server and from /proc, pg_dump archives, and TLS enforcement through pg_hba.conf.
"""

import os
import re
import subprocess
import threading
import time

import psycopg2
from psycopg2 import sql

HBA_MARK = "# pgconsole-standin force-ssl "

RW_GRANTS = [
    "GRANT CREATE ON SCHEMA public TO {u}",
    "GRANT ALL PRIVILEGES ON DATABASE {db} TO {u}",
    "GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO {u}",
    "GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {owner} IN SCHEMA public GRANT ALL ON TABLES TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {owner} IN SCHEMA public GRANT ALL ON SEQUENCES TO {u}",
]
RO_GRANTS = [
    "GRANT USAGE ON SCHEMA public TO {u}",
    "GRANT CONNECT ON DATABASE {db} TO {u}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {u}",
    "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {owner} IN SCHEMA public GRANT SELECT ON TABLES TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {owner} IN SCHEMA public GRANT SELECT ON SEQUENCES TO {u}",
]


class BackendError(Exception):
    pass


class Backend:
    def __init__(self, conf):
        self.socket_dir = conf["socket_dir"]
        self.port = conf["port"]
        self.superuser = conf.get("superuser", "postgres")
        self.pg_bin = conf.get("pg_bin", "/usr/lib/postgresql/15/bin")
        self.hba_lock = threading.Lock()
        self.proc = ProcStats(self)

    def connect(self, db="postgres"):
        conn = psycopg2.connect(host=self.socket_dir, port=self.port, user=self.superuser, dbname=db)
        conn.autocommit = True
        return conn

    def run(self, statement, params=(), db="postgres", fetch=True):
        conn = self.connect(db)
        try:
            with conn.cursor() as cur:
                cur.execute(statement, params)
                return cur.fetchall() if fetch and cur.description else None
        finally:
            conn.close()

    def setting(self, name):
        return self.run("SELECT current_setting(%s)", (name,))[0][0]

    # ---- addons ----

    def ensure_addon(self, addon):
        """The addon's role (the database owner, its protected user) and database, as the platform makes them."""
        exists = self.run("SELECT 1 FROM pg_roles WHERE rolname = %s", (addon.db,))
        verb = "ALTER" if exists else "CREATE"
        self.run(sql.SQL(verb + " ROLE {} LOGIN PASSWORD %s").format(sql.Identifier(addon.db)), (addon.password,),
                 fetch=False)
        if not self.run("SELECT 1 FROM pg_database WHERE datname = %s", (addon.db,)):
            self.run(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(addon.db),
                                                                   sql.Identifier(addon.db)), fetch=False)
            self.run(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(sql.Identifier(addon.db)),
                     fetch=False)
        addon.users[addon.db] = {"read_only": False, "protected": True}
        if not addon.version:
            v = self.setting("server_version").split()[0]
            addon.version = v + (".0" if v.count(".") == 1 else "") + "-1"

    def create_user(self, addon, name, password, read_only):
        ident = sql.Identifier(name)
        self.run(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s").format(ident), (password,), fetch=False)
        for g in (RO_GRANTS if read_only else RW_GRANTS):
            self.run(sql.SQL(g).format(u=ident, db=sql.Identifier(addon.db), owner=sql.Identifier(addon.db)),
                     db=addon.db, fetch=False)

    def set_password(self, name, password):
        self.run(sql.SQL("ALTER ROLE {} PASSWORD %s").format(sql.Identifier(name)), (password,), fetch=False)

    def drop_user(self, addon, name):
        ident, owner = sql.Identifier(name), sql.Identifier(addon.db)
        self.run(sql.SQL("REASSIGN OWNED BY {} TO {}").format(ident, owner), db=addon.db, fetch=False)
        self.run(sql.SQL("DROP OWNED BY {}").format(ident), db=addon.db, fetch=False)
        self.run(sql.SQL("DROP ROLE {}").format(ident), fetch=False)

    def role_exists(self, name):
        return bool(self.run("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)))

    def password_encryption(self, name):
        rows = self.run("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,))
        pw = rows[0][0] if rows else None
        return "scram-sha-256" if pw and pw.startswith("SCRAM-SHA-256$") else ("md5" if pw else "")

    # ---- running queries and statistics ----

    def queries(self, addon):
        rows = self.run("SELECT pid, usename, state, query, query_start, "
                        "(extract(epoch FROM now() - query_start) * 1e9)::bigint "
                        "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
                        "AND backend_type = 'client backend' ORDER BY query_start NULLS LAST", (addon.db,))
        return [{"pid": r[0], "username": r[1], "state": r[2] or "", "query": r[3] or "",
                 "query_start": r[4].isoformat(timespec="milliseconds") if r[4] else None,
                 "query_duration": r[5] or 0} for r in rows]

    def signal_query(self, addon, pid, terminate):
        if not self.run("SELECT 1 FROM pg_stat_activity WHERE pid = %s AND datname = %s", (pid, addon.db)):
            raise BackendError("no query with pid %s on this database" % pid)
        fn = "pg_terminate_backend" if terminate else "pg_cancel_backend"
        self.run("SELECT %s(%%s)" % fn, (pid,))

    def stat_statements(self, addon, what):
        if what == "enable":
            self.run("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", db=addon.db, fetch=False)
            return None
        if not self.run("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'", db=addon.db):
            raise BackendError("pg_stat_statements is not enabled on this database")
        oid = self.run("SELECT oid FROM pg_database WHERE datname = %s", (addon.db,))[0][0]
        if what == "reset":
            self.run("SELECT pg_stat_statements_reset(0, %s, 0)", (oid,), db=addon.db)
            return None
        rows = self.run("SELECT userid, query, calls, rows, total_exec_time, min_exec_time, max_exec_time, "
                        "mean_exec_time, stddev_exec_time FROM pg_stat_statements WHERE dbid = %s "
                        "ORDER BY total_exec_time DESC LIMIT 100", (oid,), db=addon.db)
        keys = ("user_id", "query", "calls", "rows", "total_time", "min_time", "max_time", "mean_time", "std_dev")
        return [dict(zip(keys, r)) for r in rows]

    # ---- metrics ----

    def database_stats(self, addon):
        size = self.run("SELECT pg_database_size(%s)", (addon.db,))[0][0]
        conns = self.run("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (addon.db,))[0][0]
        return {"data_size": size, "current_connections": conns,
                "max_connections": int(self.setting("max_connections"))}

    # ---- backups ----

    def dump(self, addon, path):
        """A custom-format pg_dump of the addon's database into path."""
        proc = subprocess.run([os.path.join(self.pg_bin, "pg_dump"), "-h", self.socket_dir, "-p", str(self.port),
                               "-U", self.superuser, "-Fc", "-f", path, addon.db],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise BackendError(proc.stderr.strip() or "pg_dump failed")

    # ---- TLS enforcement ----

    def set_force_ssl(self, addon, on):
        """Only TLS connections to the addon's database: a hostnossl reject line ahead of the others."""
        with self.hba_lock:
            path = self.setting("hba_file")
            with open(path) as f:
                lines = f.read().splitlines()
            mark = HBA_MARK + addon.db
            out, skip = [], False
            for line in lines:
                if skip:
                    skip = False
                    continue
                if line == mark:
                    skip = True
                    continue
                out.append(line)
            if on:
                out = [mark, "hostnossl %s all all reject" % addon.db] + out
            with open(path, "w") as f:
                f.write("\n".join(out) + "\n")
            self.run("SELECT pg_reload_conf()")


class ProcStats:
    """CPU, memory, swap and I/O of the server's processes, read from /proc."""

    def __init__(self, backend):
        self.backend = backend
        self.last = None            # (time, cpu ticks, io bytes)
        self.peak_memory = 0
        self.peak_swap = 0
        self.lock = threading.Lock()
        self.disk_cache = (0, 0)

    def _pids(self):
        try:
            data_dir = self.backend.setting("data_directory")
            with open(os.path.join(data_dir, "postmaster.pid")) as f:
                master = int(f.readline())
        except (OSError, ValueError, psycopg2.Error):
            return [], None
        pids = [master]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    if int(fields[1]) == master:
                        pids.append(int(entry))
                except (OSError, IndexError, ValueError):
                    continue
        return pids, data_dir

    @staticmethod
    def _read(path):
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""

    def _proc_totals(self, pids):
        ticks = mem = swap = io = 0
        for pid in pids:
            stat = self._read("/proc/%d/stat" % pid)
            if stat:
                fields = stat.rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
            rollup = self._read("/proc/%d/smaps_rollup" % pid) or self._read("/proc/%d/status" % pid)
            m = re.search(r"^(?:Pss|VmRSS):\s+(\d+) kB", rollup, re.M)
            mem += int(m.group(1)) * 1024 if m else 0
            m = re.search(r"^(?:Swap|VmSwap):\s+(\d+) kB", rollup, re.M)
            swap += int(m.group(1)) * 1024 if m else 0
            m = re.findall(r"^(?:read_bytes|write_bytes):\s+(\d+)", self._read("/proc/%d/io" % pid), re.M)
            io += sum(int(x) for x in m)
        return ticks, mem, swap, io

    def _disk(self, data_dir):
        when, size = self.disk_cache
        if data_dir and time.time() - when > 5:
            size = 0
            for root, _, files in os.walk(data_dir):
                for name in files:
                    try:
                        size += os.lstat(os.path.join(root, name)).st_blocks * 512
                    except OSError:
                        pass
            self.disk_cache = (time.time(), size)
        return size

    def sample(self):
        """{cpu (percent), memory, swap, disk (bytes), diskio (bytes/s), peaks}."""
        pids, data_dir = self._pids()
        ticks, mem, swap, io = self._proc_totals(pids)
        now = time.time()
        with self.lock:
            hz = os.sysconf("SC_CLK_TCK")
            if self.last and now > self.last[0]:
                span = now - self.last[0]
                cpu = 100.0 * (ticks - self.last[1]) / hz / span / (os.cpu_count() or 1)
                diskio = max(0, io - self.last[2]) / span
            else:
                cpu, diskio = 0.0, 0.0
            self.last = (now, ticks, io)
            self.peak_memory = max(self.peak_memory, mem)
            self.peak_swap = max(self.peak_swap, swap)
            return {"cpu": round(max(0.0, min(cpu, 100.0)), 2), "memory": mem, "swap": swap,
                    "disk": self._disk(data_dir), "diskio": round(diskio, 1),
                    "memory_max": self.peak_memory, "swap_max": self.peak_swap}
