"""
The dashboard's administration commands against the stand-in and the real server:
\\users (through the API and on a plain URL, with the platform's exact grants),
\\backups (create, a download that restores with pg_restore, the .part file, no
overwrite, size checks, a full disk, progress, Ctrl-C), \\pitr (the window, every refusal before any
POST, confirmation, Ctrl-C while following), \\plan and \\upgrade; results through the
printer's settings; no secret in outputs, the -L log or the history.
"""

import csv
import gzip
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tarfile
import tempfile
import time
import urllib.parse

import pexpect

import harness
from platform_fixture import PlatformCase

PROMPT = r"=> "


def psql_env():
    return {k: v for k, v in harness.server().env().items() if not k.startswith("PG")}


def psql(url, sql, check=True):
    """The reference client, for what a user would do with the credentials pgconsole gave."""
    return subprocess.run([harness.PSQL, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                          capture_output=True, text=True, env=psql_env(), check=check, cwd=harness.workdir())


def with_user(url, user, password):
    """The URL of an addon with another user's credentials."""
    return re.sub(r"//[^@]+@", "//%s:%s@" % (user, password), url)


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


class AdminCase(PlatformCase):
    APP = "admin-app"

    @classmethod
    def setUpClass(cls):
        # one cache for the tests of a class: the app's details are resolved once, not at every run
        cls.shared_cache = tempfile.mkdtemp(prefix="pgconsole-admin-cache-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared_cache, True)

    def setUp(self):
        super().setUp()
        self.cache = self.shared_cache
        # cleanups run pgconsole with this HOME: it goes after them
        self.addCleanup(shutil.rmtree, self.home, True)

    def tearDown(self):
        self.st.admin("DELETE", "/faults")

    def run_app(self, *commands, app=None, args=(), env=None, cwd=None, input=None):
        argv = ["--app", app or self.APP, "-X"] + list(args)
        for c in commands:
            argv += ["-c", c]
        return harness.run(argv, env=env or self.env(), cwd=cwd, input=input)

    def owner_url(self, app=None):
        return self.pg_addon(app or self.APP)["url"]

    def posts(self, path_end, before):
        """How many requests of this method and path end reached the database API since before."""
        return sum(v for k, v in self.delta(before, self.counts()).items() if k.endswith(path_end))

    def spawn(self, app=None, args=(), env_extra=None):
        env = self.env(TERM="xterm", PAGER="cat", COLUMNS="200", **(env_extra or {}))
        child = pexpect.spawn(harness.binary(), ["--app", app or self.APP, "-X"] + list(args), env=env,
                              encoding="utf-8", timeout=30, dimensions=(40, 200), cwd=harness.workdir())
        self.addCleanup(child.close, True)
        child.expect(PROMPT)
        return child

    def made_password(self, out):
        """The password of the table that shows one once (--csv -q output)."""
        rows = csv_rows(out)
        self.assertEqual(rows[0], ["User", "Password"], out)
        self.assertEqual(len(rows), 2, out)
        return rows[1][1]

    def assertOneLine(self, r, *fragments, rc=1):
        self.assertEqual(r.rc, rc, r)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)
        for f in fragments:
            self.assertIn(f, lines[0], r)
        self.assertNoSecrets(r.out, r.err)


# ---------------------------------------------------------------------------------------------------------------
# \users

class UsersThroughApiTest(AdminCase):
    def test_list_shows_the_protected_owner(self):
        r = self.run_app("\\users", args=["--csv"])
        self.assertEqual(r.rc, 0, r)
        rows = {row[0]: row for row in csv_rows(r.out)[1:]}
        self.assertEqual(csv_rows(r.out)[0], ["Name", "Read-only", "Protected", "Password encryption"])
        self.assertEqual(rows["admin_app_12"][1:3], ["f", "t"])

    def test_read_only_user_selects_but_never_inserts(self):
        owner = self.owner_url()
        psql(owner, "CREATE TABLE IF NOT EXISTS ro_before (x int); INSERT INTO ro_before VALUES (1)")
        r = self.run_app("\\users create api_reader --read-only", args=["--csv", "-q"])
        self.assertEqual(r.rc, 0, r)
        password = self.made_password(r.out)
        self.addCleanup(self.run_app, "\\users delete api_reader --confirm admin-app")
        # a table the owner creates after the user: the default privileges reach it too
        psql(owner, "CREATE TABLE ro_after (x int); INSERT INTO ro_after VALUES (2)")
        self.addCleanup(psql, owner, "DROP TABLE IF EXISTS ro_after")
        reader = with_user(owner, "api_reader", password)
        self.assertEqual(psql(reader, "SELECT x FROM ro_before").stdout, "1\n")
        self.assertEqual(psql(reader, "SELECT x FROM ro_after").stdout, "2\n")
        for table in ("ro_before", "ro_after"):
            refused = psql(reader, "INSERT INTO %s VALUES (3)" % table, check=False)
            self.assertIn("permission denied for table " + table, refused.stderr)
        # the platform made the password and knows the user as read-only
        r = self.run_app("\\users", args=["--csv"])
        self.assertIn(["api_reader", "t", "f", "scram-sha-256"], csv_rows(r.out))

    def test_read_write_user_writes_in_tables_made_after_it(self):
        r = self.run_app("\\users create api_writer", args=["--csv", "-q"])
        self.assertEqual(r.rc, 0, r)
        password = self.made_password(r.out)
        self.addCleanup(self.run_app, "\\users delete api_writer --confirm admin-app")
        owner = self.owner_url()
        psql(owner, "CREATE TABLE rw_after (x serial, y int)")
        self.addCleanup(psql, owner, "DROP TABLE IF EXISTS rw_after")
        writer = with_user(owner, "api_writer", password)
        self.assertEqual(psql(writer, "INSERT INTO rw_after (y) VALUES (5) RETURNING x, y").stdout.split("\n")[0],
                         "1|5")

    def test_reset_and_delete_need_confirmation(self):
        r = self.run_app("\\users create api_victim", args=["--csv", "-q"])
        first = self.made_password(r.out)
        self.addCleanup(self.run_app, "\\users delete api_victim --confirm admin-app")
        before = self.counts()
        for cmd in ("\\users reset api_victim", "\\users delete api_victim"):
            r = self.run_app(cmd)
            self.assertOneLine(r, "needs a confirmation", "--confirm admin-app")
        r = self.run_app("\\users delete api_victim --confirm other-app")
        self.assertOneLine(r, "--confirm other-app is not the app's name (admin-app): nothing was done")
        self.assertEqual(self.posts("/users/api_victim/reset_password", before), 0)
        self.assertEqual(self.posts("/users/api_victim", before), 0)
        # confirmed: a new password, shown once; the old one no longer works
        r = self.run_app("\\users reset api_victim --confirm admin-app", args=["--csv", "-q"])
        self.assertEqual(r.rc, 0, r)
        second = self.made_password(r.out)
        self.assertNotEqual(first, second)
        owner = self.owner_url()
        self.assertEqual(psql(with_user(owner, "api_victim", second), "SELECT 1").stdout, "1\n")
        self.assertNotEqual(psql(with_user(owner, "api_victim", first), "SELECT 1", check=False).returncode, 0)
        r = self.run_app("\\users delete api_victim --confirm admin-app")
        self.assertEqual((r.rc, r.out), (0, "User api_victim deleted.\n"), r)
        self.assertNotIn(["api_victim"], [row[:1] for row in csv_rows(self.run_app("\\users", args=["--csv"]).out)])

    def test_the_protected_user_and_platform_refusals_are_one_line(self):
        r = self.run_app("\\users delete admin_app_12 --confirm admin-app")
        self.assertOneLine(r, "\\users delete: ", "403", "protected")
        r = self.run_app("\\users create ab")
        self.assertOneLine(r, "\\users create: ", "422", "name")

    def test_api_failure_is_one_line(self):
        self.st.fault(r"/users$", status=500, count=5)
        r = self.run_app("\\users")
        self.assertOneLine(r, "\\users: the Scalingo database API failed (500 to GET https://", "/users")
        self.assertEqual(r.out, "")

    def test_options_out_of_place_are_refused(self):
        for cmd, words in (("\\users --bogus", "unknown option \"--bogus\""),
                           ("\\users list --read-only", "--read-only goes with \\users create"),
                           ("\\users create x --confirm admin-app", "--confirm goes with"),
                           ("\\users frobnicate", "unknown sub-command \"frobnicate\""),
                           ("\\users delete", "which user?")):
            self.assertOneLine(self.run_app(cmd), words)


class UsersAtTheTerminalTest(AdminCase):
    def test_typed_password_reaches_nothing_but_the_platform(self):
        history = os.path.join(self.home, "history")
        log = os.path.join(self.home, "session.log")
        typed = "Typed-Secret-Password-0123456789"
        child = self.spawn(args=["-L", log], env_extra={"PSQL_HISTORY": history})
        transcript = io.StringIO()
        child.logfile_read = transcript
        child.sendline("\\users create typed_user")
        child.expect(r"New password for typed_user \(empty: make one\): ")
        child.sendline(typed)
        child.expect("Enter it again: ")
        child.sendline(typed)
        child.expect(r"User typed_user created \(read-write\)\.")
        child.expect(PROMPT)
        self.addCleanup(self.run_app, "\\users delete typed_user --confirm admin-app")
        # two different answers: nothing is sent
        before = self.counts()
        child.sendline("\\users create other_typed")
        child.expect("make one\\): ")
        child.sendline(typed)
        child.expect("again: ")
        child.sendline(typed + "x")
        child.expect(r"the passwords didn't match: nothing was done")
        child.expect(PROMPT)
        self.assertEqual(self.posts("POST /api/databases/ad-admin-pg/users", before), 0)
        # a password too short for the platform is refused before the call
        child.sendline("\\users password typed_user")
        child.expect("New password for typed_user: ")
        child.sendline("short")
        child.expect("again: ")
        child.sendline("short")
        child.expect(r"the platform takes passwords of 24 to 64 characters \(this one has 5\)")
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        # never echoed, never shown back
        self.assertNotIn(typed, transcript.getvalue())
        self.assertIn("New password for typed_user", transcript.getvalue())
        self.assertEqual(psql(with_user(self.owner_url(), "typed_user", typed), "SELECT 1").stdout, "1\n")
        for path in (history, log):
            with open(path) as f:
                text = f.read()
            self.assertNotIn(typed, text)
        self.assertIn("users\\040create\\040typed_user", open(history).read())

    def test_made_password_shown_once_never_in_the_log(self):
        log = os.path.join(self.home, "session.log")
        child = self.spawn(args=["-L", log])
        child.sendline("\\users create made_user --read-only")
        child.expect("make one\\): ")
        child.sendline("")
        child.expect(r"made_user \| (\S+)")
        made = child.match.group(1)
        child.expect("Shown once")
        child.expect(PROMPT)
        self.addCleanup(self.run_app, "\\users delete made_user --confirm admin-app")
        child.sendline("select 'logged' as marker;")
        child.expect(PROMPT)
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        self.assertEqual(psql(with_user(self.owner_url(), "made_user", made), "SELECT 1").stdout, "1\n")
        with open(log) as f:
            text = f.read()
        self.assertIn("logged", text)
        self.assertNotIn(made, text)

    def test_typed_confirmation(self):
        r = self.run_app("\\users create confirm_me", args=["--csv", "-q"])
        self.assertEqual(r.rc, 0, r)
        self.addCleanup(self.run_app, "\\users delete confirm_me --confirm admin-app")
        child = self.spawn()
        child.sendline("\\users delete confirm_me")
        child.expect("The user confirm_me will be deleted.")
        child.expect(r"Type the app's name \(admin-app\) to confirm: ")
        before = self.counts()
        child.sendline("admin-ap")
        child.expect("not confirmed: nothing was done")
        child.expect(PROMPT)
        self.assertEqual(self.posts("DELETE /api/databases/ad-admin-pg/users/confirm_me", before), 0)
        child.sendline("\\users delete confirm_me")
        child.expect("to confirm: ")
        child.sendline("admin-app")
        child.expect("User confirm_me deleted.")
        child.expect(PROMPT)
        self.assertEqual(self.posts("DELETE /api/databases/ad-admin-pg/users/confirm_me", before), 1)


class UsersOnPlainUrlTest(AdminCase):
    """Without the platform: roles made with SQL, by a database owner that may create roles."""

    OWNER_PASSWORD = "plain-owner-pass-0123456789"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        srv = harness.server()
        srv.sql("DROP DATABASE IF EXISTS dash_plain")
        srv.sql("DROP ROLE IF EXISTS dash_owner")
        srv.sql("CREATE ROLE dash_owner LOGIN CREATEROLE PASSWORD '%s'" % cls.OWNER_PASSWORD)
        srv.sql("CREATE DATABASE dash_plain OWNER dash_owner")
        srv.sql("REVOKE CONNECT ON DATABASE dash_plain FROM PUBLIC")

    def url(self, user="dash_owner", password=None, db="dash_plain"):
        return "postgresql://%s:%s@127.0.0.1:%d/%s?sslmode=require" % (user, password or self.OWNER_PASSWORD,
                                                                       harness.server().port, db)

    def run_plain(self, *commands, url=None, args=()):
        argv = ["-X", "-d", url or self.url()] + list(args)
        for c in commands:
            argv += ["-c", c]
        return harness.run(argv, env=psql_env())

    def drop_role(self, name):
        srv = harness.server()
        if srv.sql("SELECT 1 FROM pg_roles WHERE rolname = '%s'" % name.replace("'", "''")).strip():
            ident = '"%s"' % name.replace('"', '""')
            srv.sql("DROP OWNED BY %s" % ident, db="dash_plain")
            srv.sql("DROP ROLE %s" % ident)

    def test_read_only_user_selects_but_never_inserts(self):
        owner = self.url()
        psql(owner, "CREATE TABLE IF NOT EXISTS before_ro (x int); TRUNCATE before_ro; INSERT INTO before_ro VALUES (1)")
        r = self.run_plain("\\users create plain_reader --read-only", args=["--csv", "-q"])
        self.assertEqual(r.rc, 0, r)
        self.addCleanup(self.drop_role, "plain_reader")
        password = self.made_password(r.out)
        psql(owner, "CREATE TABLE after_ro (x int); INSERT INTO after_ro VALUES (2)")
        self.addCleanup(psql, owner, "DROP TABLE after_ro")
        reader = self.url("plain_reader", password)
        self.assertEqual(psql(reader, "SELECT x FROM before_ro").stdout, "1\n")
        self.assertEqual(psql(reader, "SELECT x FROM after_ro").stdout, "2\n")
        for table in ("before_ro", "after_ro"):
            self.assertIn("permission denied",
                          psql(reader, "INSERT INTO %s VALUES (3)" % table, check=False).stderr)
        r = self.run_plain("\\users", args=["--csv"])
        self.assertEqual(csv_rows(r.out)[0], ["Name", "Read-only", "Protected"])
        self.assertIn(["plain_reader", "t", "f"], csv_rows(r.out))
        self.assertIn(["dash_owner", "f", "t"], csv_rows(r.out))

    def test_grants_are_exactly_the_platforms(self):
        """Roles made through the API (the stand-in grants as the platform does) and on a plain URL (here,
        in the same database, as the superuser) end with the same privileges everywhere."""
        addon_db = self.pg_addon(self.APP)["db"]
        superuser = harness.server().url(db=addon_db)
        owner = self.owner_url()
        psql(owner, "CREATE TABLE IF NOT EXISTS grants_t (x serial)")
        for read_only in (True, False):
            flag = " --read-only" if read_only else ""
            api_name, sql_name = ("g_api_ro", "g_sql_ro") if read_only else ("g_api_rw", "g_sql_rw")
            r = self.run_app("\\users create %s%s" % (api_name, flag), args=["--csv", "-q"])
            self.assertEqual(r.rc, 0, r)
            self.addCleanup(self.run_app, "\\users delete %s --confirm admin-app" % api_name)
            r = self.run_plain("\\users create %s%s" % (sql_name, flag), url=superuser, args=["--csv", "-q"])
            self.assertEqual(r.rc, 0, r)
            self.addCleanup(self.run_plain, "\\users delete %s --confirm %s" % (sql_name, addon_db), url=superuser)
            self.assertEqual(self.privileges(owner, api_name), self.privileges(owner, sql_name))
            self.assertIn("default:r:" + ("r" if read_only else "arwdDxt"), self.privileges(owner, sql_name))

    @staticmethod
    def privileges(url, role):
        """Every privilege role holds in the database, as text, with the role's name left out."""
        sql = """
            SELECT string_agg(line, ' ' ORDER BY line) FROM (
              SELECT 'database:' || string_agg(a.privilege_type, ',' ORDER BY a.privilege_type) AS line
                FROM pg_database d, aclexplode(d.datacl) a
               WHERE d.datname = current_database() AND a.grantee = '{r}'::regrole
              UNION ALL
              SELECT 'schema:' || string_agg(a.privilege_type, ',' ORDER BY a.privilege_type)
                FROM pg_namespace n, aclexplode(n.nspacl) a
               WHERE n.nspname = 'public' AND a.grantee = '{r}'::regrole
              UNION ALL
              SELECT c.relname || ':' || string_agg(a.privilege_type, ',' ORDER BY a.privilege_type)
                FROM pg_class c, aclexplode(c.relacl) a
               WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = '{r}'::regrole GROUP BY c.relname
              UNION ALL
              SELECT 'default:' || d.defaclobjtype::text || ':' || regexp_replace(acl::text, '^.*=([a-zA-Z]*)/.*$', '\\1')
                FROM pg_default_acl d, unnest(d.defaclacl) acl
               WHERE acl::text LIKE '{r}=%') lines""".format(r=role)
        return psql(url, sql).stdout.strip()

    def test_odd_names_are_quoted_and_the_server_sees_no_password(self):
        srv = harness.server()
        srv.sql("ALTER ROLE dash_owner SET log_statement = 'all'")
        self.addCleanup(srv.sql, "ALTER ROLE dash_owner RESET log_statement")
        start = os.path.getsize(srv.log)
        name = 'Odd "Name"; DROP'
        r = self.run_plain('\\users create "Odd ""Name""; DROP"', args=["--csv", "-q", "-E"])
        self.assertEqual(r.rc, 0, r)
        self.addCleanup(self.drop_role, name)
        password = self.made_password(r.out)
        # -E shows no statement: what carries the password's verifier stays hidden
        self.assertNotIn("SCRAM-SHA-256", r.out + r.err)
        # the server's log has the statement, with the verifier in place of the password
        def logged():
            with open(srv.log, errors="replace") as f:
                f.seek(start)
                text = f.read()
            return text if "CREATE ROLE" in text else None
        text = harness.wait_until(logged, 10, "the statement in the server's log")
        self.assertIn("CREATE ROLE \"Odd \"\"Name\"\"; DROP\" LOGIN PASSWORD 'SCRAM-SHA-256$", text)
        self.assertNotIn(password, text)
        self.assertEqual(harness.server().sql("SELECT rolname FROM pg_roles WHERE rolname = 'Odd \"Name\"; DROP'"
                                              ).strip(), name)
        self.assertEqual(psql(self.url(urllib.parse.quote(name, safe=""), password), "SELECT current_user").stdout,
                         name + "\n")
        # unquoted names fold to lower case, as in SQL
        r = self.run_plain("\\users create MixedCase", args=["--csv", "-q"])
        self.addCleanup(self.drop_role, "mixedcase")
        self.assertEqual(csv_rows(r.out)[1][0], "mixedcase")

    def test_reset_delete_and_the_owner(self):
        r = self.run_plain("\\users create plain_victim", args=["--csv", "-q"])
        self.addCleanup(self.drop_role, "plain_victim")
        first = self.made_password(r.out)
        psql(self.url("plain_victim", first), "CREATE TABLE IF NOT EXISTS victim_owned (x int)")
        self.assertOneLine(self.run_plain("\\users reset plain_victim"), "needs a confirmation",
                           "--confirm dash_plain")
        r = self.run_plain("\\users reset plain_victim --confirm dash_plain", args=["--csv", "-q"])
        second = self.made_password(r.out)
        self.assertNotEqual(psql(self.url("plain_victim", first), "SELECT 1", check=False).returncode, 0)
        self.assertEqual(psql(self.url("plain_victim", second), "SELECT 1").stdout, "1\n")
        self.assertOneLine(self.run_plain("\\users delete dash_owner --confirm dash_plain"),
                           "dash_owner owns the database")
        self.assertOneLine(self.run_plain("\\users delete nobody_here --confirm dash_plain"),
                           "there is no user nobody_here")
        # what the user owned goes to the owner, also when the owner only may create roles
        r = self.run_plain("\\users delete plain_victim --confirm dash_plain")
        self.assertEqual((r.rc, r.out, r.err), (0, "User plain_victim deleted.\n", ""), r)
        self.assertEqual(psql(self.url(), "SELECT tableowner FROM pg_tables WHERE tablename = 'victim_owned'"
                              ).stdout, "dash_owner\n")
        self.assertEqual(harness.server().sql("SELECT 1 FROM pg_roles WHERE rolname = 'plain_victim'"), "")
        self.assertEqual(harness.server().sql("SELECT count(*) FROM pg_auth_members m JOIN pg_roles r "
                                              "ON r.oid = m.member WHERE r.rolname = 'dash_owner'"), "0\n")
        # as the superuser too
        r = self.run_plain("\\users create plain_victim2", args=["--csv", "-q"])
        self.addCleanup(self.drop_role, "plain_victim2")
        psql(self.url("plain_victim2", self.made_password(r.out)), "CREATE TABLE victim2_owned (x int)")
        r = self.run_plain("\\users delete plain_victim2 --confirm dash_plain",
                           url=harness.server().url(db="dash_plain"))
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(psql(self.url(), "SELECT tableowner FROM pg_tables WHERE tablename = 'victim2_owned'"
                              ).stdout, "dash_owner\n")

    def test_inside_a_transaction_nothing_is_done(self):
        r = self.run_plain("BEGIN", "\\users create in_txn_user")
        self.assertIn("end the current transaction first", r.err)
        self.assertEqual(harness.server().sql("SELECT 1 FROM pg_roles WHERE rolname = 'in_txn_user'"), "")

    def test_platform_commands_say_they_need_the_app(self):
        for cmd, what in (("\\backups", "backups"), ("\\pitr", "pitr"), ("\\plan", "plan"),
                          ("\\upgrade start --confirm dash_plain", "upgrade"), ("\\backups download", "backups"),
                          ("\\pitr restore 1 hour ago --confirm x", "pitr")):
            r = self.run_plain(cmd)
            self.assertOneLine(r, "\\%s needs the Scalingo API (" % what, "open the console with --app APP")
        # what SQL can tell, it tells: the version that runs
        r = self.run_plain("\\upgrade", args=["--csv"])
        self.assertEqual((r.rc, r.err), (0, ""), r)
        version = harness.server().sql("SHOW server_version").strip()
        self.assertEqual(csv_rows(r.out)[:2], [["Version"], [version]])
        self.assertIn("The next version and \\upgrade start: open the console with --app APP.",
                      self.run_plain("\\upgrade").out)


# ---------------------------------------------------------------------------------------------------------------
# \backups

class BackupsTest(AdminCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scratch = harness.scratch("backups-")

    def setUp(self):
        super().setUp()
        self.dir = tempfile.mkdtemp(dir=self.scratch)

    def backup(self):
        """A done backup of admin-app holding known rows; its (id, name, size in bytes)."""
        psql(self.owner_url(), "CREATE TABLE IF NOT EXISTS kept (id int, label text); TRUNCATE kept; "
                               "INSERT INTO kept SELECT i, 'row ' || i FROM generate_series(1, 250) i")
        r = self.run_app("\\backups create --wait", args=["--csv"])
        self.assertEqual(r.rc, 0, r)
        rows = csv_rows(r.out)
        self.assertEqual(rows[0], ["ID", "Created", "Name", "Size", "Status", "Method"])
        self.assertEqual(rows[1][4:], ["done", "manual"], r)
        self.assertEqual(r.err, "")
        return rows[1][0], rows[1][2], int(rows[1][3])

    def test_list_and_schedule(self):
        bid, name, size = self.backup()
        r = self.run_app("\\backups")
        self.assertEqual(r.rc, 0, r)
        self.assertRegex(r.out, r"%s \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d\d \| %s \| +[\d.]+ (kB|bytes) \| done"
                         % (bid, name))
        r = self.run_app("\\backups", args=["--csv"])
        self.assertIn([bid, csv_rows(r.out)[1][1], name, str(size), "done", "manual"], csv_rows(r.out))
        before = self.counts()
        r = self.run_app("\\backups schedule 3 +02:00", "\\backups schedule 3 Asia/Tokyo", "\\backups")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Daily backup of admin-app: at 01:00 UTC.\n", r.out)
        self.assertIn("Daily backup of admin-app: at 18:00 UTC.\n", r.out)
        self.assertIn("Daily backup: at 18:00 UTC\n", r.out)
        r = self.run_app("\\backups schedule off", "\\backups")
        self.assertIn("Daily backup: off\n", r.out)
        self.assertEqual(self.posts("PATCH /api/databases/ad-admin-pg", before), 3)
        for bad, words in (("\\backups schedule 24", "an hour from 0 to 23"),
                           ("\\backups schedule 3 Mars/Base", 'unknown time zone "Mars/Base"'),
                           ("\\backups schedule 3 Asia/Kolkata", "not a whole hour in UTC")):
            self.assertOneLine(self.run_app(bad), words)
        self.assertEqual(self.posts("PATCH /api/databases/ad-admin-pg", before), 3)
        self.run_app("\\backups schedule 1")

    def test_download_restores_with_pg_restore(self):
        bid, name, size = self.backup()
        r = self.run_app("\\backups download", cwd=self.dir)
        self.assertEqual(r.rc, 0, r)
        archive = os.path.join(self.dir, name + ".tar.gz")
        self.assertEqual(sorted(os.listdir(self.dir)), [name + ".tar.gz"])
        self.assertEqual(os.path.getsize(archive), size)
        self.assertEqual(stat.S_IMODE(os.stat(archive).st_mode), 0o600)
        self.assertIn("Backup %s (%s, " % (bid, name), r.out)
        self.assertNotRegex(r.out + r.err, r"X-Amz|/download/|https://")
        self.assertNoSecrets(r.out, r.err)
        # the printed commands, run as printed, restore the rows into an empty database
        commands = [line.strip() for line in r.out.splitlines() if line.startswith("  ")]
        self.assertEqual(commands[0], "tar -xzf %s.tar.gz" % name)
        self.assertTrue(commands[1].startswith("pg_restore --no-owner "), commands)
        srv = harness.server()
        srv.sql("DROP DATABASE IF EXISTS restored_here")
        srv.sql("CREATE DATABASE restored_here")
        target = "'host=%s port=%d user=postgres dbname=restored_here'" % (srv.socket_dir, srv.port)
        env = dict(psql_env(), PATH=harness.PG_BIN + ":" + os.environ.get("PATH", ""))
        for cmd in commands:
            done = subprocess.run(["bash", "-c", cmd.replace("DATABASE_URL", target)], cwd=self.dir, env=env,
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(srv.sql("SELECT count(*), sum(id) FROM kept", db="restored_here"), "250|31375\n")

    def test_download_by_id_to_stdout(self):
        bid, name, size = self.backup()
        r = subprocess.run([harness.binary(), "--app", self.APP, "-X", "-c", "\\backups download %s -" % bid],
                           env=self.env(), capture_output=True, cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout), size)
        with tarfile.open(fileobj=io.BytesIO(r.stdout), mode="r:gz") as tar:
            self.assertEqual(tar.getnames(), [name + ".pgsql"])
        self.assertEqual(r.stderr, b"")
        self.assertEqual(os.listdir(self.dir), [])

    def test_never_overwrites(self):
        bid, name, size = self.backup()
        target = os.path.join(self.dir, "mine.tar.gz")
        harness.write_file(self.dir, "mine.tar.gz", "precious")
        r = self.run_app("\\backups download %s mine.tar.gz" % bid, cwd=self.dir)
        self.assertOneLine(r, "mine.tar.gz exists: nothing is overwritten")
        self.assertEqual(open(target).read(), "precious")
        harness.write_file(self.dir, "other.tar.gz.part", "left over")
        r = self.run_app("\\backups download other.tar.gz", cwd=self.dir)
        self.assertOneLine(r, "could not create other.tar.gz.part", "an interrupted download?")
        self.assertEqual(open(os.path.join(self.dir, "other.tar.gz.part")).read(), "left over")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "other.tar.gz")))
        # a word that is not an ID is not taken for a file name without a dot or a slash
        r = self.run_app("\\backups download bk-nosuch", cwd=self.dir)
        self.assertOneLine(r, "no backup has the ID bk-nosuch")
        self.assertEqual(sorted(os.listdir(self.dir)), ["mine.tar.gz", "other.tar.gz.part"])

    def test_short_or_cut_downloads_leave_nothing(self):
        bid, name, size = self.backup()
        self.st.fault(r"^/download/", mode="truncated")
        r = self.run_app("\\backups download %s short.tar.gz" % bid, cwd=self.dir)
        self.assertOneLine(r, "the download has %d bytes where the backup has %d" % (size // 2, size),
                           "nothing was kept (short.tar.gz.part removed)")
        self.st.fault(r"^/download/", mode="cut", count=3)
        r = self.run_app("\\backups download %s cut.tar.gz" % bid, cwd=self.dir)
        self.assertOneLine(r, "\\backups download: ", "the backup storage", "nothing was kept")
        self.assertNotRegex(r.err, r"X-Amz|/download/")
        self.st.admin("DELETE", "/faults")
        self.st.fault(r"^/download/", status=403, body="Request has expired")
        r = self.run_app("\\backups download %s refused.tar.gz" % bid, cwd=self.dir)
        self.assertOneLine(r, "the backup storage refused the download (403 to GET https://127.0.0.1:")
        self.assertNotRegex(r.err, r"X-Amz|/download/")
        self.assertEqual(os.listdir(self.dir), [])

    def test_download_to_a_full_disk_keeps_nothing_and_says_so(self):
        bid, name, size = self.backup()
        disk = harness.small_tmpfs(self)
        harness.write_file(disk, "older.tar.gz", "an earlier download")
        harness.fill_filesystem(disk)
        r = self.run_app("\\backups download %s new.tar.gz" % bid, cwd=disk)
        self.assertOneLine(r, "\\backups download: ", "could not write what the backup storage sent", "to new.tar.gz.part: No space left on device",
                           "nothing was kept (new.tar.gz.part removed)")
        self.assertEqual(sorted(os.listdir(disk)), ["filler", "older.tar.gz"])
        self.assertEqual(open(os.path.join(disk, "older.tar.gz")).read(), "an earlier download")
        self.assertNoSecrets(r.out, r.err)

    def test_progress_only_on_a_terminal(self):
        bid, name, size = self.backup()
        r = self.run_app("\\backups download %s piped.tar.gz" % bid, cwd=self.dir)
        self.assertEqual((r.rc, r.err), (0, ""), r)
        env = self.env(TERM="xterm")
        child = pexpect.spawn(harness.binary(), ["--app", self.APP, "-X", "-c",
                                                 "\\backups download %s tty.tar.gz" % bid],
                              env=env, encoding="utf-8", timeout=30, cwd=self.dir)
        self.addCleanup(child.close, True)
        child.expect(r"\[#{30}\] 100%  [\d.]+ kB of [\d.]+ kB")
        child.expect("downloaded to tty.tar.gz")
        child.expect(pexpect.EOF)
        self.assertEqual(os.path.getsize(os.path.join(self.dir, "tty.tar.gz")), size)

    def test_ctrl_c_stops_the_download_and_keeps_nothing(self):
        bid, name, size = self.backup()
        self.st.fault(r"^/download/", delay=30)
        proc = subprocess.Popen([harness.binary(), "--app", self.APP, "-X", "-c",
                                 "\\backups download %s stopped.tar.gz" % bid, "-c", "\\echo after"],
                                env=self.env(), cwd=self.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        self.addCleanup(proc.kill)
        harness.wait_until(lambda: self.st.admin("GET", "/faults") == [], 30, "the download to reach the storage")
        harness.wait_until(lambda: os.path.exists(os.path.join(self.dir, "stopped.tar.gz.part")), 30,
                           "the .part file")
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.dir, "stopped.tar.gz.part")).st_mode), 0o600)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        self.assertEqual(err.splitlines(), ["\\backups download: cancelled while waiting for the backup storage "
                                            "(GET %s); nothing was kept (stopped.tar.gz.part removed)"
                                            % re.search(r"\(GET (https://[^)]+)\)", err).group(1)], err)
        self.assertNotIn("/download/", err)
        self.assertEqual(out, "after\n")
        self.assertEqual(os.listdir(self.dir), [])

    def test_a_backup_that_is_not_done(self):
        before = self.counts()
        r = self.run_app("\\backups create")
        self.assertEqual(r.rc, 0, r)
        self.assertRegex(r.out, r"bk-\w+ \| .* \| +\| scheduled \| manual")
        self.assertEqual(self.posts("POST /api/databases/ad-admin-pg/backups", before), 1)
        # the platform's list as it is while a backup runs: nothing to download yet
        running = {"database_backups": [{"id": "bk-running", "created_at": "2026-07-18T23:00:00.000+00:00",
                                         "started_at": None, "name": "20260718230000_admin_app_12", "size": 0,
                                         "status": "running", "database_id": "ad-admin-pg", "method": "manual",
                                         "type": "postgresql"}]}
        self.st.fault(r"/backups$", method="GET", status=200, body=running, count=2)
        self.assertOneLine(self.run_app("\\backups download bk-running x.tar.gz", cwd=self.dir),
                           "backup bk-running is running, not done: there is nothing to download yet")
        self.assertOneLine(self.run_app("\\backups download", cwd=self.dir),
                           "no backup is done yet (\\backups create --wait makes one)")
        self.assertEqual(self.posts("/archive", before), 0)
        self.assertEqual(os.listdir(self.dir), [])

    def test_a_backup_that_fails(self):
        self.st.admin("POST", "/config", {"fail": ["backup"]})
        try:
            r = self.run_app("\\backups create --wait")
        finally:
            self.st.admin("POST", "/config", {"fail": []})
        self.assertOneLine(r, "\\backups create: backup bk-", "ended with status error")
        self.assertEqual(r.out, "")

    def test_sandbox_has_no_backups(self):
        r = self.run_app("\\backups create", app="sandbox-app")
        self.assertOneLine(r, "\\backups create: ", "403", "not available on the postgresql-sandbox plan")


# ---------------------------------------------------------------------------------------------------------------
# \pitr

class PitrTest(AdminCase):
    RESTORE = "POST /api/databases/ad-admin-pg/pitr/restore"

    def test_window(self):
        r = self.run_app("\\pitr", args=["--csv"])
        self.assertEqual(r.rc, 0, r)
        rows = csv_rows(r.out)
        self.assertEqual(rows[0], ["Earliest", "Latest"])
        self.assertRegex(rows[1][0], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d\d")
        r = self.run_app("\\pitr", app="sandbox-app")
        self.assertOneLine(r, "point-in-time recovery is not available for sandbox-app")

    def test_refusals_never_post(self):
        before = self.counts()
        cases = (("\\pitr restore 2099-01-01 10:00 UTC --confirm admin-app", "is in the future: nothing was done"),
                 ("\\pitr restore 30 days ago --confirm admin-app",
                  "is before the earliest time the database can be restored to"),
                 ("\\pitr restore yesterday-ish --confirm admin-app", "is not a time"),
                 ("\\pitr restore 2026-02-30 10:00 --confirm admin-app", "names no real date and time of day"),
                 ("\\pitr restore 2026-07-18 10:00 Moon/Base --confirm admin-app", "unknown time zone"),
                 ("\\pitr restore --confirm admin-app", "give the time to restore to"),
                 ("\\pitr restore 1 hour ago", "needs a confirmation: run it at a terminal, or add --confirm "
                                               "admin-app"),
                 ("\\pitr restore 1 hour ago --confirm my-app", "--confirm my-app is not the app's name"))
        for cmd, words in cases:
            self.assertOneLine(self.run_app(cmd), words)
        self.assertEqual(self.posts(self.RESTORE, before), 0)
        # the future is refused without asking the platform anything about the database
        before = self.counts()
        self.assertOneLine(self.run_app("\\pitr restore 2099-01-01T00:00:00Z --confirm admin-app"), "in the future")
        self.assertEqual(self.posts("/pitr/recovery_window", before), 0)

    def test_confirmed_restore_is_followed_to_its_end(self):
        before = self.counts()
        r = self.run_app("\\pitr restore 2 hours ago --confirm admin-app")
        self.assertEqual(r.rc, 0, r)
        self.assertRegex(r.out, r"^Restore of admin-app to \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC started \(operation "
                                r"op-\w+\): the database is stopped until it ends, and the app restarts "
                                r"afterwards\.\nThe database of admin-app is restored to .* UTC; the app is being "
                                r"restarted\.\n$")
        self.assertEqual(r.err, "")
        self.assertEqual(self.posts(self.RESTORE, before), 1)
        self.assertGreaterEqual(self.posts("/operations/" + re.search(r"(op-\w+)", r.out).group(1), before), 1)
        # progress goes to a terminal only: a pipe gets the outcome alone
        self.assertNotIn("Restore: ", r.err)

    def test_typed_confirmation_shows_utc_and_local_time(self):
        child = self.spawn(env_extra={"TZ": "Asia/Tokyo"})
        before = self.counts()
        child.sendline("\\pitr restore 2 hours ago")
        child.expect(r"Restore the database of admin-app to (\d{4}-\d\d-\d\d \d\d):(\d\d:\d\d) UTC "
                     r"\((\d{4}-\d\d-\d\d \d\d):(\d\d:\d\d) JST here\):")
        utc, local = child.match.group(1), child.match.group(3)
        self.assertEqual(child.match.group(2), child.match.group(4))
        self.assertEqual(time.mktime(time.strptime(local, "%Y-%m-%d %H")) -
                         time.mktime(time.strptime(utc, "%Y-%m-%d %H")), 9 * 3600)
        child.expect("to confirm: ")
        child.sendline("no")
        child.expect("not confirmed: nothing was done")
        child.expect(PROMPT)
        self.assertEqual(self.posts(self.RESTORE, before), 0)
        child.sendline("\\pitr restore 90 minutes ago")
        child.expect(r"Type the app's name \(admin-app\) to confirm: ")
        self.assertEqual(self.posts(self.RESTORE, before), 0)
        child.sendline("admin-app")
        child.expect("is restored to")
        child.expect(PROMPT)
        self.assertEqual(self.posts(self.RESTORE, before), 1)


class PitrFollowTest(AdminCase):
    APP = "follow-app"

    def test_ctrl_c_stops_following_never_the_restore(self):
        self.st.admin("POST", "/config", {"operation_seconds": [1, 60]})
        restored = False
        try:
            child = self.spawn()
            child.sendline("\\pitr restore 1 hour ago --confirm follow-app")
            child.expect(r"started \(operation (op-\w+)\)")
            restored = True
        finally:
            self.st.admin("POST", "/config", {"operation_seconds": [0.5, 1.0]})
        op = child.match.group(1)
        # the progress line shows the following is under way before Ctrl-C stops it
        child.expect("Restore: (pending|running)")
        child.sendintr()
        child.expect(r"\\pitr restore: stopped following operation %s \((pending|running)\) at Ctrl-C: it goes on "
                     r"on the platform" % op)
        child.expect(PROMPT)
        # the restore goes on: the platform refuses another one while it runs
        child.sendline("\\pitr restore 1 hour ago --confirm follow-app")
        child.expect(r"409 to POST .*another operation is in progress")
        child.expect(PROMPT)
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        self.assertTrue(restored)


# ---------------------------------------------------------------------------------------------------------------
# \plan and \upgrade

class PlanTest(AdminCase):
    APP = "plan-app"

    def test_plans_and_a_change(self):
        r = self.run_app("\\plan", args=["--csv"])
        self.assertEqual(r.rc, 0, r)
        self.assertIn(["Plan", "Memory", "Disk", "Highly available", "Manual backups", "PITR days"], csv_rows(r.out))
        self.assertIn(["postgresql-starter-512", str(512 * 1024 * 1024), str(10240 * 1024 * 1024), "f", "10", "7"],
                      csv_rows(r.out))
        current = [row for row in csv_rows(r.out) if row[-1] == "t"]
        self.assertEqual([row[0] for row in current], ["postgresql-starter-512"])
        before = self.counts()
        self.assertOneLine(self.run_app("\\plan change starter-1024"), "needs a confirmation",
                           "--confirm plan-app")
        self.assertOneLine(self.run_app("\\plan change nonesuch --confirm plan-app"), "there is no plan nonesuch")
        self.assertEqual(self.posts("PATCH /v1/apps/plan-app/addons/ad-plan-pg", before), 0)
        r = self.run_app("\\plan change starter-512 --confirm plan-app")
        self.assertEqual((r.rc, r.out), (0, "The database of plan-app is already on plan postgresql-starter-512: "
                                            "nothing to do.\n"), r)
        r = self.run_app("\\plan change starter-1024 --confirm plan-app")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("the database is down during the operation, about 2 minutes; the app restarts afterwards",
                      r.out)
        self.assertTrue(r.out.endswith("The database of plan-app is on plan postgresql-starter-1024.\n"), r)
        self.assertEqual(self.posts("PATCH /v1/apps/plan-app/addons/ad-plan-pg", before), 1)
        r = self.run_app("\\plan", args=["--csv"])
        self.assertEqual([row[0] for row in csv_rows(r.out) if row[-1] == "t"], ["postgresql-starter-1024"])

    def test_typed_confirmation_states_the_interruption(self):
        child = self.spawn()
        child.sendline("\\plan change business-2048")
        child.expect("a Starter plan is not highly available, so the database is down during the operation, about "
                     "2 minutes")
        child.expect("to confirm: ")
        child.sendline("")
        child.expect("not confirmed")
        child.expect(PROMPT)
        child.sendline("\\upgrade")
        child.expect(r"15\.\d+\.0-1 +\| 16\.1\.0-1 +\| a Starter plan is not highly available")
        child.expect(PROMPT)


class PlanFollowTest(AdminCase):
    APP = "replan-app"

    def test_ctrl_c_stops_following_never_the_change(self):
        self.st.admin("POST", "/config", {"operation_seconds": [1, 60]})
        try:
            child = self.spawn()
            child.sendline("\\plan change starter-1024 --confirm replan-app")
            child.expect("Plan change of replan-app to postgresql-starter-1024 started")
        finally:
            self.st.admin("POST", "/config", {"operation_seconds": [0.5, 1.0]})
        # the progress line shows the following is under way before Ctrl-C stops it
        child.expect("Database: updating")
        child.sendintr()
        child.expect(r"\\plan change: stopped following .*\(updating\) at Ctrl-C: it goes on on the platform")
        child.expect(PROMPT)
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        # the change went on: the platform has the new plan
        r = self.run_app("\\plan", args=["--csv"])
        self.assertEqual([row[0] for row in csv_rows(r.out) if row[-1] == "t"], ["postgresql-starter-1024"])


class FailedOperationTest(AdminCase):
    APP = "plan-app"

    def test_an_upgrade_that_fails_on_the_platform(self):
        self.st.admin("POST", "/config", {"fail": ["upgrade"]})
        try:
            r = self.run_app("\\upgrade start --confirm plan-app")
        finally:
            self.st.admin("POST", "/config", {"fail": []})
        self.assertEqual(r.rc, 1, r)
        self.assertRegex(r.out, r"^Upgrade of plan-app to 16\.1\.0-1 started \(operation op-\w+, ")
        self.assertIn("a Starter plan is not highly available", r.out)
        self.assertRegex(r.err, r"^\\upgrade start: operation op-\w+ ended with status error: the upgrade failed on "
                                r"the platform \(made to fail by the stand-in's config\)\n$")
        # nothing changed: the next version is still to come
        self.assertIn("16.1.0-1", self.run_app("\\upgrade").out)


class UpgradeTest(AdminCase):
    APP = "upgrade-app"

    def test_upgrade(self):
        r = self.run_app("\\upgrade", args=["--csv"])
        rows = csv_rows(r.out)
        self.assertEqual(rows[0], ["Version", "Next version", "Interruption"])
        self.assertEqual(rows[1][1:], ["15.99.0-1", "a Business plan fails over, so current connections are cut, a "
                                                    "few seconds of interruption"])
        before = self.counts()
        self.assertOneLine(self.run_app("\\upgrade start"), "needs a confirmation", "--confirm upgrade-app")
        self.assertEqual(self.posts("POST /api/databases/ad-upgrade-pg/upgrade", before), 0)
        r = self.run_app("\\upgrade start --confirm upgrade-app")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("a few seconds of interruption; no downgrade is possible, and the app restarts afterwards",
                      r.out)
        self.assertRegex(r.out, r"Upgrade of upgrade-app to 15\.99\.0-1 started \(operation op-\w+, the upgrade to "
                                r"15\.99\.0-1 has started\)")
        self.assertTrue(r.out.endswith("The database of upgrade-app runs 15.99.0-1.\n"), r)
        r = self.run_app("\\upgrade")
        self.assertIn("No upgrade available: the database runs the latest version.", r.out)
        self.assertOneLine(self.run_app("\\upgrade start --confirm upgrade-app"),
                           "no upgrade available for upgrade-app: it runs 15.99.0-1")
        self.assertEqual(self.posts("POST /api/databases/ad-upgrade-pg/upgrade", before), 1)


# ---------------------------------------------------------------------------------------------------------------
# help and the printer

class HelpAndFormatsTest(AdminCase):
    def test_help(self):
        r = harness.run(["-X", "-c", "\\?"], env=harness.server().env(PAGER="cat"))
        section = r.out.split("\nDatabase dashboard\n", 1)[1]
        for usage in ("\\users create NAME [--read-only]", "\\backups download [ID] [FILE|-]",
                      "\\pitr restore TIME [--confirm APP]", "\\plan change NAME [--confirm APP]",
                      "\\upgrade start [--confirm APP]"):
            self.assertIn("  " + usage, section)
        # \\? NAME and \\NAME help print the same lines, for every command of the section
        for name in ("dbinfo", "feature", "stats", "queries", "users", "backups", "pitr", "plan", "upgrade"):
            by_topic = harness.run(["-X", "-c", "\\? " + name])
            by_help = harness.run(["-X", "-c", "\\%s help" % name])
            self.assertEqual((by_topic.rc, by_topic.err), (0, ""), by_topic)
            self.assertTrue(by_topic.out.startswith("  \\" + name), by_topic.out)
            self.assertIn(by_topic.out, section)
            self.assertEqual(by_help.out, by_topic.out)
        r = self.run_app("\\backups help")
        self.assertEqual(r.rc, 0, r)
        usages = [re.split(r"\s{2,}", line.strip())[0] for line in r.out.splitlines() if line.startswith("  \\")]
        self.assertEqual(usages, ["\\backups", "\\backups create [--wait]", "\\backups download [ID] [FILE|-]",
                                  "\\backups schedule HOUR [ZONE]|off"], r)

    def test_results_follow_the_print_settings(self):
        r = self.run_app("\\x on", "\\users")
        self.assertIn("-[ RECORD 1 ]", r.out)
        r = self.run_app("\\pset format unaligned", "\\pset tuples_only on", "\\users")
        self.assertIn("admin_app_12|f|t|scram-sha-256\n", r.out)
        r = self.run_app("\\users", args=["-A", "-t"])
        self.assertIn("admin_app_12|f|t|scram-sha-256\n", r.out)
        r = self.run_app("\\pset format html", "\\pitr")
        self.assertIn("<th align=\"center\">Earliest</th>", r.out)

    def test_json_is_typed(self):
        """--json: sizes in bytes and counts as numbers, flags as booleans."""
        r = self.run_app("\\users", args=["--json"])
        self.assertEqual((r.rc, r.err), (0, ""), r)
        owner = [u for u in json.loads(r.out) if u["Name"] == "admin_app_12"]
        self.assertEqual([(u["Read-only"], u["Protected"]) for u in owner], [(False, True)])
        r = self.run_app("\\plan", args=["--json"])
        self.assertEqual((r.rc, r.err), (0, ""), r)
        decoder, at, docs = json.JSONDecoder(), 0, []
        while at < len(r.out.rstrip()):
            doc, at = decoder.raw_decode(r.out, at)
            docs.append(doc)
            at += len(r.out[at:]) - len(r.out[at:].lstrip())
        current = docs[0][0]
        self.assertEqual((current["Memory"], current["Highly available"]), (512 * 1024 * 1024, False))
        self.assertIsInstance(current["PITR days"], int)
        self.assertEqual(sum(1 for p in docs[1] if p["Current"] is True), 1)
