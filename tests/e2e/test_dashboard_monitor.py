"""
The dashboard's monitoring commands: \\dbinfo, \\feature, \\stats (and its reports),
\\queries, and the json output format, on a plain connection (what SQL allows, and what
needs --app said) and with --app against the platform stand-in (its database API,
backed by the real server).
"""

import decimal
import json
import os
import re
import subprocess
import threading

import pexpect

import harness
from platform_fixture import PlatformCase
from test_json_format import documents, loads

APP, DB, ADDON = "monitor-app", "monitor_app_21", "ad-monitor-pg"
PLAIN_DB = "dash_plain"


def psql(args, sql, check=True, env=None):
    """The reference psql, to hold locks, sleep and look at the server as a test needs."""
    return subprocess.run([harness.PSQL, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1"] + list(args) + ["-c", sql],
                          capture_output=True, text=True, check=check, cwd=harness.workdir(),
                          env=env or harness.server().env())


def superuser(sql, db="postgres"):
    return psql(["-d", db], sql).stdout.strip()


class Background:
    """A statement running in a psql of its own until it ends or is stopped."""

    def __init__(self, args, sql, env=None):
        self.result = None
        self.thread = threading.Thread(target=self.run, args=(args, sql, env), daemon=True)
        self.thread.start()

    def run(self, args, sql, env):
        self.result = psql(args, sql, check=False, env=env)

    def join(self, timeout=30):
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the background statement did not end"
        return self.result


def active_pid(db, query):
    """The pid of the session of db running query (waiting on pg_stat_activity, not sleeping)."""
    sql = ("select pid from pg_stat_activity where datname = '%s' and state = 'active' and query = '%s'"
           % (db, query.replace("'", "''")))
    return int(harness.wait_until(lambda: superuser(sql), 30, "the server to run %r" % query))


def gone(db, pid):
    sql = "select count(*) from pg_stat_activity where datname = '%s' and pid = %d and state = 'active'" % (db, pid)
    return harness.wait_until(lambda: superuser(sql) == "0", 30, "pid %d to stop running" % pid)


class PlainConnectionTest(harness.CompareCase):
    """The dashboard commands on a plain connection: what SQL allows, and what needs --app, said."""

    @classmethod
    def setUpClass(cls):
        srv = harness.server()
        srv.sql("DROP DATABASE IF EXISTS %s" % PLAIN_DB)
        srv.sql("CREATE DATABASE %s" % PLAIN_DB)
        superuser("create table items (id serial primary key, name text, note text);"
                  "create index items_name on items (name); create index items_name_again on items (name);"
                  "insert into items (name, note) select 'n' || g, repeat('x', 50) from generate_series(1, 5000) g;"
                  "analyze items", db=PLAIN_DB)

    def pgc(self, *args, env=None):
        return harness.run(["-X", "-d", PLAIN_DB] + list(args), env=env)

    def test_dbinfo_says_what_needs_app(self):
        r = self.pgc("-c", "\\dbinfo")
        self.assertEqual((r.rc, r.err), (0, ""), r)
        version = superuser("show server_version")
        self.assertIn("Engine                | PostgreSQL " + version, r.out)
        self.assertIn(" Database              | " + PLAIN_DB, r.out)
        self.assertIn("Plan, status, instances, features, backups, maintenance, PITR and upgrades: open the "
                      "console with --app APP.", r.out)
        rows = loads(self.pgc("--json", "-c", "\\dbinfo").out)
        self.assertEqual({row["Property"]: row["Value"] for row in rows}["Role"], "primary")

    def test_stats_figures_are_the_servers(self):
        r = self.pgc("--json", "-c", "\\stats", "-c",
                     "select pg_database_size(current_database()) as size, (select count(*) from pg_stat_activity "
                     "where datname = current_database()) as connections")
        self.assertEqual(r.rc, 0, r)
        stats, server = [doc[0] for doc in documents(r.out)]
        self.assertEqual(stats["Data size"], server["size"])
        self.assertEqual(stats["Connections"], server["connections"])
        self.assertEqual(stats["Max connections"], int(superuser("show max_connections")))
        r = self.pgc("-c", "\\stats")
        self.assertIn("Container stats (CPU, memory, swap), the on-disk size and the charts come from the "
                      "Scalingo API: open the console with --app APP.", r.out)

    def test_feature_needs_app(self):
        r = self.pgc("-c", "\\feature force-tls on")
        self.assertEqual((r.rc, r.out), (1, ""), r)
        self.assertEqual(r.err, "\\feature needs the Scalingo API (Force TLS and Internet Accessibility are "
                                "platform settings): open the console with --app APP\n")
        r = self.pgc("-c", "\\feature sideways on")
        self.assertEqual(r.err, '\\feature: unknown feature "sideways": force-tls or internet\n')

    def test_reports(self):
        out = self.pgc("--json", "-c", "\\stats indexes duplicate").out
        self.assertEqual(loads(out), [{"Table": "public.items", "Indexes": "items_name, items_name_again",
                                       "Total size": int(superuser("select pg_relation_size('items_name') + "
                                                                   "pg_relation_size('items_name_again')",
                                                                   db=PLAIN_DB))}])
        unused = loads(self.pgc("--json", "-c", "\\stats indexes unused").out)
        self.assertEqual(sorted(u["Index"] for u in unused), ["items_name", "items_name_again"])
        tables = loads(self.pgc("--json", "-c", "\\stats tables").out)
        self.assertEqual(tables[0]["Table"], "public.items")
        self.assertEqual(tables[0]["Rows (estimate)"], 5000)
        self.assertEqual(tables[0]["Total size"],
                         int(superuser("select pg_total_relation_size('items')", db=PLAIN_DB)))
        r = self.pgc("-c", "\\stats indexes")
        for title in ("Index use by table", "Unused indexes", "Duplicate indexes"):
            self.assertIn(title, r.out)
        for report, title in (("cache", "Cache hit ratios"), ("bloat", "Estimated bloat"), ("vacuum", "Vacuum"),
                              ("locks", "Locks"), ("blocking", "Blocking queries")):
            r = self.pgc("-c", "\\stats " + report)
            self.assertEqual((r.rc, r.err), (0, ""), r)
            self.assertIn(title, r.out)
            docs = documents(self.pgc("--json", "-c", "\\stats " + report).out)
            self.assertTrue(docs and all(isinstance(d, list) for d in docs), docs)
        vacuum = loads(self.pgc("--json", "-c", "\\stats vacuum").out)
        self.assertEqual(vacuum[0]["Rows"], 5000)
        # read for reading, plain numbers for programs
        self.assertRegex(self.pgc("-c", "\\stats tables").out, r"\| \d+ kB +\|")
        r = self.pgc("-c", "\\stats sideways", "-c", "\\stats indexes sideways")
        self.assertEqual(r.err, '\\stats: unknown report "sideways": cache, indexes, tables, bloat, vacuum, locks, '
                                'blocking, outliers or diagnose\n'
                                '\\stats indexes: unknown part "sideways": usage, unused, duplicate\n')

    def test_locks_and_blocking(self):
        holder = Background(["-d", PLAIN_DB], "begin; lock table items; select pg_sleep(60)")
        holder_pid = active_pid(PLAIN_DB, "begin; lock table items; select pg_sleep(60)")
        waiter = Background(["-d", PLAIN_DB], "select count(*) from items")
        try:
            def blocked():
                rows = loads(self.pgc("--json", "-c", "\\stats blocking").out)
                return rows if rows else None
            rows = harness.wait_until(blocked, 30, "\\stats blocking to show the waiting query")
            self.assertEqual(rows[0]["Blocking PID"], holder_pid)
            self.assertEqual(rows[0]["Blocked query"], "select count(*) from items")
            self.assertIsInstance(rows[0]["Waiting"], decimal.Decimal)
            locks = loads(self.pgc("--json", "-c", "\\stats locks").out)
            self.assertIn({"PID": holder_pid, "Object": "items", "Mode": "AccessExclusiveLock", "Granted": True},
                          [{k: lock[k] for k in ("PID", "Object", "Mode", "Granted")} for lock in locks])
            self.assertTrue(any(not lock["Granted"] for lock in locks))
        finally:
            superuser("select pg_terminate_backend(%d)" % holder_pid)
            holder.join()
            waiter.join()

    def test_queries_cancel_and_terminate(self):
        sleeper = Background(["-d", PLAIN_DB], "select pg_sleep(60)")
        pid = active_pid(PLAIN_DB, "select pg_sleep(60)")
        rows = loads(self.pgc("--json", "-c", "\\queries").out)
        mine = [q for q in rows if q["PID"] == pid]
        self.assertEqual(len(mine), 1, rows)
        self.assertEqual((mine[0]["State"], mine[0]["Query"], mine[0]["User"]), ("active", "select pg_sleep(60)",
                                                                                  "postgres"))
        self.assertIsInstance(mine[0]["Duration"], decimal.Decimal)
        self.assertRegex(mine[0]["Started"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        r = self.pgc("-c", "\\queries cancel %d" % pid)
        self.assertEqual((r.rc, r.out, r.err), (0, "The query of PID %d is being cancelled.\n" % pid, ""), r)
        gone(PLAIN_DB, pid)
        self.assertIn("canceling statement due to user request", sleeper.join().stderr)
        # idle connections only with "all"
        idle = Background(["-d", PLAIN_DB], "select pg_sleep(60)")
        pid = active_pid(PLAIN_DB, "select pg_sleep(60)")
        r = self.pgc("-c", "\\queries terminate %d" % pid)
        self.assertEqual((r.rc, r.err), (0, ""), r)
        self.assertIn("terminating connection", idle.join().stderr)
        r = self.pgc("-c", "\\queries cancel 12x", "-c", "\\queries terminate", "-c", "\\queries cancel 999999")
        self.assertEqual(r.err, '\\queries cancel: "12x" is not a process ID (the PID column of \\queries)\n'
                                "\\queries terminate: which query? Give its PID (the PID column of \\queries)\n"
                                "WARNING:  PID 999999 is not a PostgreSQL backend process\n"
                                "\\queries cancel: no connection with PID 999999 could be signalled\n")

    def test_queries_hides_idle_unless_all(self):
        holder = Background(["-d", PLAIN_DB], "select pg_sleep(60)")
        pid = active_pid(PLAIN_DB, "select pg_sleep(60)")
        try:
            own, listing = documents(self.pgc("--json", "-c", "select pg_backend_pid() as pid", "-c",
                                              "\\queries all").out)
            own_pid = own[0]["pid"]
            pids = [q["PID"] for q in listing]
            self.assertIn(pid, pids)
            self.assertNotIn(own_pid, pids)
        finally:
            superuser("select pg_cancel_backend(%d)" % pid)
            holder.join()
        r = self.pgc("-c", "select pg_backend_pid()", "-c", "\\queries terminate :pid")
        self.assertEqual(r.rc, 1)

    def test_outliers_offer_and_enable(self):
        superuser("drop extension if exists pg_stat_statements", db=PLAIN_DB)
        r = self.pgc("-c", "\\stats outliers")
        self.assertEqual((r.rc, r.out), (1, ""), r)
        self.assertEqual(r.err, '\\stats outliers: pg_stat_statements is not enabled on this database: '
                                '"\\stats outliers enable" enables it (from then on it records every statement\'s '
                                'time)\n')
        # a user who may not create it hears how else it is done
        tester = harness.server().env(PGUSER="tester", PGPASSWORD="tester-pass")
        r = harness.run(["-X", "-d", "tester", "-c", "\\stats outliers enable"], env=tester)
        self.assertEqual(r.rc, 1, r)
        self.assertIn("permission denied to create extension", r.err)
        self.assertIn("with --app APP the platform enables it", r.err)
        r = self.pgc("-c", "\\stats outliers enable", "-c", "select 42 as answer", "-c", "\\stats outliers")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("pg_stat_statements is enabled: statements are recorded from now on.", r.out)
        self.assertIn("Statements taking the most time", r.out)
        rows = loads(self.pgc("--json", "-c", "\\stats outliers").out)
        self.assertIn("select $1 as answer", [row["Query"] for row in rows])
        self.assertEqual(sorted(rows[0]), ["Calls", "Mean (ms)", "Query", "Rows", "Share (%)", "Total (ms)"])

    def test_diagnose(self):
        home = harness.scratch("diagnose-home-")
        env = harness.server().env(HOME=home, XDG_CACHE_HOME=os.path.join(home, "cache"))
        rows = loads(self.pgc("--json", "-c", "\\stats diagnose", env=env).out)
        checks = {row["Check"]: row for row in rows}
        self.assertEqual(checks["Duplicate indexes"]["Status"], "yellow")
        self.assertEqual(checks["Unused indexes"]["Status"], "yellow")
        self.assertEqual(checks["Indexes in memory"], {"Status": "n/a", "Check": "Indexes in memory",
                                                       "Detail": "needs --app (the plan's memory)"})
        self.assertEqual(checks["Cache hit ratio trend"]["Status"], "n/a")
        order = ["red", "yellow", "green", "n/a"]
        self.assertEqual([row["Status"] for row in rows], sorted((row["Status"] for row in rows), key=order.index))
        # the sample kept for the trend: a previous one with far fewer reads from disk makes it fall
        samples = [os.path.join(d, f) for d, _, files in os.walk(os.path.join(home, "cache")) for f in files
                   if f.startswith("stats-")]
        self.assertEqual(len(samples), 1)
        self.assertEqual(os.stat(samples[0]).st_mode & 0o077, 0)
        with open(samples[0]) as f:
            sample = json.load(f)
        sample["hits"] -= 2000
        sample["reads"] -= 1000
        sample["time"] -= 600
        with open(samples[0], "w") as f:
            json.dump(sample, f)
        rows = loads(self.pgc("--json", "-c", "\\stats diagnose", env=env).out)
        trend = [row for row in rows if row["Check"] == "Cache hit ratio trend"][0]
        self.assertEqual(trend["Status"], "red", rows)
        self.assertIn("falling", trend["Detail"])
        self.assertEqual(rows[0]["Check"], "Cache hit ratio trend")

    def test_help_of_each_command(self):
        for name, first in (("dbinfo", "  \\dbinfo "), ("feature", "  \\feature [force-tls|internet [on|off]]"),
                            ("stats", "  \\stats "), ("queries", "  \\queries [all] ")):
            r = self.pgc("-c", "\\? " + name)
            self.assertEqual((r.rc, r.err), (0, ""), r)
            self.assertTrue(r.out.startswith(first), r.out)
            self.assertNotIn("General\n", r.out)
        listing = self.pgc("-c", "\\?").out
        self.assertIn("\nDatabase dashboard\n", listing)
        self.assertIn(self.pgc("-c", "\\? stats").out, listing)
        # psql's own commands keep psql's answer to a topic: the whole list
        self.assertEqual(self.pgc("-c", "\\? dt").out, listing)


class AppDashboardTest(PlatformCase):
    """With --app: the database API of the stand-in, backed by the real server."""

    # the app starts without Internet Accessibility (its tests switch it): reached directly all the same
    def pgc_app(self, *args, env=None):
        return self.pgc("--app", APP, "--via", "direct", "-X", *args, env=env)

    def api_counts(self, method, suffix):
        key = "db %s /api/databases/%s%s" % (method, ADDON, suffix)
        return sum(v for k, v in self.st.counts().items() if k.endswith(key))

    def test_dbinfo(self):
        r = self.pgc_app("-c", "\\dbinfo")
        self.assertEqual((r.rc, r.err), (0, ""), r)
        self.assertIn('Database of app "monitor-app" (addon ad-monitor-pg)', r.out)
        rows, instances = documents(self.pgc_app("--json", "-c", "\\dbinfo").out)
        info = {row["Property"]: row["Value"] for row in rows}
        version = superuser("show server_version").split()[0]
        self.assertTrue(info["Engine"].startswith("PostgreSQL " + version), info)
        self.assertEqual(info["Plan"], "postgresql-business-1024 (1.0 GB memory, 20 GB disk)")
        self.assertEqual(info["Status"], "running")
        self.assertEqual((info["Force TLS"], info["Internet Accessibility"]), ("off", "off"))
        self.assertEqual(info["Backups"], "daily at 01:00 UTC")
        self.assertEqual(info["Maintenance window"], "Tuesdays from 03:00 UTC, for 8 h")
        self.assertRegex(info["PITR window"], r"^from \d{4}-\d\d-\d\d \d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d UTC$")
        self.assertEqual(info["Next upgrade"], "none: the latest version runs")
        self.assertEqual([(i["Type"], i["Role"], i["Status"]) for i in instances],
                         [("db-node", "leader", "running"), ("db-node", "follower", "running"),
                          ("gateway", "", "running"), ("gateway", "", "running")])

    def test_stats_figures_are_the_servers(self):
        r = self.pgc_app("--json", "-c", "\\stats", "-c",
                         "select (select count(*) from pg_stat_activity where datname = current_database()) as c")
        self.assertEqual((r.rc, r.err), (0, ""), r)
        container, database, server = documents(r.out)
        self.assertEqual([row["Resource"] for row in container], ["CPU", "Memory", "Swap"])
        memory = container[1]
        self.assertEqual(memory["Limit"], 1024 * 1024 * 1024)
        self.assertEqual(memory["Free"], memory["Limit"] - memory["Current"])
        self.assertGreaterEqual(memory["Highest"], memory["Current"])
        db = database[0]
        self.assertEqual(db["Data size"], int(superuser("select pg_database_size('%s')" % DB)))
        self.assertEqual(db["Connections"], server[0]["c"])
        self.assertEqual(db["Max connections"], int(superuser("show max_connections")))
        self.assertGreater(db["On-disk size"], 0)
        # for reading: units, and nothing but the tables in a script (no chart, no progress)
        r = self.pgc_app("-c", "\\stats")
        self.assertEqual((r.rc, r.err), (0, ""), r)
        self.assertRegex(r.out, r"Memory   \| +[\d.]+ [kMG]B \|")
        self.assertNotIn("\x1b", r.out)
        self.assertNotIn("Last 3 hours", r.out)
        self.assertGreaterEqual(self.api_counts("GET", "/metrics"), 1)

    def test_stats_on_a_terminal_draws_charts_and_progress(self):
        env = self.env(TERM="xterm", PAGER="cat", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        child = pexpect.spawn(harness.binary(), ["--app", APP, "--via", "direct", "-X", "-c", "\\stats"], env=env, encoding="utf-8",
                              timeout=30, dimensions=(40, 120), cwd=self.home)
        self.addCleanup(child.close, True)
        child.expect(pexpect.EOF)
        out = child.before
        self.assertIn("waiting for the Scalingo API (metrics)...", out)
        self.assertIn("Last 3 hours:", out)
        chart = re.search(r"CPU +([\u2581-\u2588]+)  now [\d.]+ %, peak [\d.]+ %", out)
        self.assertTrue(chart, out)
        self.assertRegex(out, r"Memory +[\u2581-\u2588]+  now [\d.]+ %, peak [\d.]+ % of the plan")

    def test_api_failure_is_one_line(self):
        self.st.fault(r"/metrics$", status=503, count=10)
        r = self.pgc_app("-c", "\\stats")
        self.assertEqual((r.rc, r.out), (1, ""), r)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertTrue(lines[0].startswith("\\stats: the Scalingo database API failed (503 to GET "), r)
        self.assertNoSecrets(r.out, r.err)

    def test_feature_toggles_follow_the_pending_state(self):
        self.st.admin("POST", "/config", {"feature_delay": 1.0})
        self.addCleanup(self.st.admin, "POST", "/config", {"feature_delay": 0})
        try:
            r = self.pgc_app("-c", "\\feature internet on")
            self.assertEqual((r.rc, r.out), (1, ""), r)
            self.assertEqual(r.err, "\\feature: Internet Accessibility needs Force TLS: run \\feature force-tls on "
                                    "first\n")
            looks = self.api_counts("GET", "")
            r = self.pgc_app("-c", "\\feature force-tls on")
            self.assertEqual((r.rc, r.out, r.err), (0, "Force TLS is on.\n", ""), r)
            # the pending state was followed to its end: looks at the database until it was done
            self.assertGreaterEqual(self.api_counts("GET", "") - looks, 3)
            owner = self.pg_addon(APP)["url"]
            plain = psql(["-d", owner.replace("sslmode=prefer", "sslmode=disable")], "select 1", check=False)
            self.assertIn("no encryption", plain.stderr)
            r = self.pgc_app("-c", "\\feature internet on", "-c", "\\feature force-tls off", "-c", "\\feature")
            self.assertEqual(r.rc, 0, r)
            self.assertEqual(r.err, "\\feature: Force TLS must stay on while Internet Accessibility is on: run "
                                    "\\feature internet off first\n")
            self.assertTrue(r.out.startswith("Internet Accessibility is on.\n"), r)
            self.assertIn(" Force TLS              | on\n Internet Accessibility | on\n", r.out)
            looks = self.api_counts("GET", "")
            r = self.pgc_app("-c", "\\feature internet off")
            self.assertEqual((r.rc, r.out, r.err), (0, "Internet Accessibility is off.\n", ""), r)
            self.assertGreaterEqual(self.api_counts("GET", "") - looks, 3)
            r = self.pgc_app("-c", "\\feature force-tls off", "-c", "\\feature force-tls off")
            self.assertEqual((r.rc, r.err), (0, ""), r)
            self.assertEqual(r.out, "Force TLS is off.\nForce TLS is already off.\n")
            self.assertEqual(psql(["-d", owner.replace("sslmode=prefer", "sslmode=disable")], "select 1").stdout,
                             "1\n")
        finally:
            self.pgc_app("-c", "\\feature internet off", "-c", "\\feature force-tls off")

    def test_ctrl_c_stops_following_not_the_change(self):
        self.st.admin("POST", "/config", {"feature_delay": 4.0})
        self.addCleanup(self.st.admin, "POST", "/config", {"feature_delay": 0})
        self.addCleanup(lambda: self.pgc_app("-c", "\\feature force-tls off"))
        env = self.env(TERM="xterm", PAGER="cat")
        child = pexpect.spawn(harness.binary(), ["--app", APP, "--via", "direct", "-X"], env=env, encoding="utf-8", timeout=30,
                              dimensions=(40, 200), cwd=self.home)
        self.addCleanup(child.close, True)
        child.expect("monitor_app_21=> ")
        child.sendline("\\feature force-tls on")
        child.expect(r"waiting for the platform: PENDING_TO_ACTIVATE \(Ctrl-C stops waiting, not the change\)")
        child.sendintr()
        child.expect(r"\\feature: stopped following feature force-ssl \(PENDING_TO_ACTIVATE\) at Ctrl-C: it goes on "
                     r"on the platform\r\n")
        child.expect("monitor_app_21=> ")
        # the console goes on, and so does the platform
        child.sendline("\\echo still here")
        child.expect("still here\r\n")

        def activated():
            r = self.pgc_app("--json", "-c", "\\feature")
            return {row["Feature"]: row["State"] for row in loads(r.out)}["Force TLS"] == "on"
        harness.wait_until(activated, 30, "Force TLS to be switched on by the platform", interval=0.3)
        child.sendline("\\q")
        child.expect(pexpect.EOF)

    def test_queries_cancel_and_terminate_through_the_api(self):
        url = self.pg_addon(APP)["url"]
        sleeper = Background(["-d", url], "select pg_sleep(60)")
        pid = active_pid(DB, "select pg_sleep(60)")
        before = self.api_counts("POST", "/action")
        rows = loads(self.pgc_app("--json", "-c", "\\queries").out)
        mine = [q for q in rows if q["PID"] == pid]
        self.assertEqual([(q["User"], q["State"], q["Query"]) for q in mine], [(DB, "active", "select pg_sleep(60)")])
        r = self.pgc_app("-c", "\\queries cancel %d" % pid)
        self.assertEqual((r.rc, r.out, r.err), (0, "The query of PID %d is being cancelled.\n" % pid, ""), r)
        gone(DB, pid)
        self.assertIn("canceling statement due to user request", sleeper.join().stderr)
        self.assertEqual(self.api_counts("POST", "/action") - before, 2)
        sleeper = Background(["-d", url], "select pg_sleep(60)")
        pid = active_pid(DB, "select pg_sleep(60)")
        r = self.pgc_app("-c", "\\queries terminate %d" % pid)
        self.assertEqual((r.rc, r.err), (0, ""), r)
        self.assertIn("terminating connection", sleeper.join().stderr)
        r = self.pgc_app("-c", "\\queries cancel 999999")
        self.assertEqual((r.rc, r.out), (1, ""), r)
        self.assertEqual(r.err, "\\queries: the Scalingo database API could not run pg-cancel-query: no query with "
                                "pid 999999 on this database\n")

    def test_outliers_enabled_through_the_api(self):
        superuser("drop extension if exists pg_stat_statements", db=DB)
        r = self.pgc_app("-c", "\\stats outliers")
        self.assertEqual(r.rc, 1, r)
        self.assertIn('"\\stats outliers enable" enables it', r.err)
        before = self.api_counts("POST", "/action")
        r = self.pgc_app("-c", "\\stats outliers enable")
        self.assertEqual((r.rc, r.err), (0, ""), r)
        self.assertEqual(self.api_counts("POST", "/action") - before, 1)
        self.assertEqual(superuser("select count(*) from pg_extension where extname = 'pg_stat_statements'", db=DB),
                         "1")
        # on a terminal the console offers it
        superuser("drop extension pg_stat_statements", db=DB)
        child = pexpect.spawn(harness.binary(), ["--app", APP, "--via", "direct", "-X"], env=self.env(TERM="xterm", PAGER="cat"),
                              encoding="utf-8", timeout=30, dimensions=(40, 200), cwd=self.home)
        self.addCleanup(child.close, True)
        child.expect("monitor_app_21=> ")
        child.sendline("\\stats outliers")
        child.expect(r"pg_stat_statements is not enabled on this database. Enable it now\? \[y/N\] ")
        child.sendline("y")
        child.expect("pg_stat_statements is enabled: statements are recorded from now on.")
        child.expect("Statements taking the most time")
        child.expect("monitor_app_21=> ")
        child.sendline("\\q")
        child.expect(pexpect.EOF)

    def test_diagnose_with_the_platform(self):
        rows = loads(self.pgc_app("--json", "-c", "\\stats diagnose").out)
        checks = {row["Check"]: row for row in rows}
        self.assertEqual(checks["Indexes in memory"]["Status"], "green", rows)
        self.assertRegex(checks["Indexes in memory"]["Detail"], r"of indexes for 1.0 GB of memory$")
        self.assertEqual(checks["Memory"]["Status"], "green", rows)
        self.assertEqual(checks["Disk"]["Status"], "green", rows)

    def test_plain_url_of_the_app_explains_what_needs_app(self):
        url = self.pg_addon(APP)["url"]
        r = self.pgc("-X", "-d", url, "-c", "\\dbinfo", "-c", "\\feature")
        self.assertEqual(r.rc, 1, r)
        self.assertIn("Plan, status, instances, features, backups, maintenance, PITR and upgrades: open the console "
                      "with --app APP.", r.out)
        self.assertIn("\\feature needs the Scalingo API", r.err)
