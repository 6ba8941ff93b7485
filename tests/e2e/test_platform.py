"""pgconsole --app APP: resolving an app's database through the (stand-in) platform and connecting."""

import os
import subprocess

import harness
from platform_fixture import PlatformCase

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True


class PlatformConnectTest(PlatformCase):
    def test_select_current_user_prints_the_apps_user(self):
        r = self.pgc("--app", "my-app", "-X", "-A", "-t", "-c", "select current_user")
        self.assertEqual((r.rc, r.out, r.err), (0, "my_app_4553\n", ""), r)

    def test_connection_is_tls_verified_with_the_platform_ca(self):
        r = self.pgc("--app", "my-app", "-X", "-A", "-t", "-c",
                     "select ssl from pg_stat_ssl where pid = pg_backend_pid()")
        self.assertEqual(r.out, "t\n", r)
        before = self.counts()
        self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(XDG_CACHE_HOME=self.cache + "2"))
        self.assertEqual(self.delta(before, self.counts()).get("db GET /api/ca_certificate"), 1)

    def test_second_run_makes_no_token_exchange_and_no_api_call(self):
        before = self.counts()
        first = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        middle = self.counts()
        second = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        after = self.counts()
        self.assertEqual((first.rc, second.rc), (0, 0), (first, second))
        self.assertEqual(self.delta(before, middle).get("auth POST /v1/tokens/exchange"), 1)
        self.assertEqual(self.delta(middle, after), {}, "the second run called the API")

    def test_cached_jwt_is_reused_when_the_url_is_resolved_again(self):
        before = self.counts()
        self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.drop_url_cache()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        d = self.delta(before, self.counts())
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(d.get("auth POST /v1/tokens/exchange"), 1, d)
        self.assertEqual(d.get("api GET /v1/apps/my-app/variables"), 2, d)
        # regions are cached for a few minutes, addon tokens for less than their hour, the CA for days
        self.assertEqual(d.get("auth GET /v1/regions"), 1, d)
        self.assertEqual(d.get("api POST /v1/apps/my-app/addons/ad-my-app-pg/token"), 1, d)
        self.assertEqual(d.get("db GET /api/ca_certificate"), 1, d)

    def test_cache_files_are_private_and_hold_no_api_token(self):
        self.pgc("--app", "my-app", "-X", "-c", "select 1")
        files = self.cache_files()
        self.assertTrue(any(os.path.basename(f).startswith("token-") for f in files), files)
        self.assertTrue(any(os.path.basename(f).startswith("app-") for f in files), files)
        self.assertPrivate(os.path.join(self.cache, "pgconsole"))
        for path in files:
            self.assertPrivate(path)
            with open(path) as f:
                self.assertNotIn(self.st.token, f.read())

    def test_requests_carry_the_documented_headers_and_auth(self):
        self.st.admin("POST", "/reset")
        self.pgc("--app", "my-app", "-X", "-c", "select 1")
        log = self.st.admin("GET", "/requests")["log"]
        self.assertTrue(log)
        for entry in log:
            self.assertTrue(entry["user_agent"].startswith("pgconsole/"), entry)
            self.assertEqual(entry["accept"], "application/json", entry)
            self.assertEqual(entry["content_type"], "application/json", entry)
            want = "Basic(empty user)" if entry["path"] == "/v1/tokens/exchange" else "Bearer"
            self.assertEqual(entry["auth"], want, entry)

    def test_children_inherit_no_api_token_and_no_core_dumps(self):
        # \! children (as pagers, editors and \copy programs) see no token, in their
        # environment or in pgconsole's; a crash would leave no core holding it
        r = self.pgc("--app", "my-app", "-X", "-c", "\\! env; tr '\\0' '\\n' < /proc/$PPID/environ; ulimit -c")
        self.assertEqual(r.rc, 0, r)
        self.assertNotIn("SCALINGO_API_TOKEN", r.out)
        self.assertNotIn(self.st.token, r.out)
        self.assertIn("PATH=", r.out)
        self.assertTrue(r.out.rstrip().endswith("\n0"), r.out[-200:])

    def test_app_region_and_addon_id_variables(self):
        r = self.pgc("--app", "my-app", "-X", input="\\echo :APP :REGION :ADDON_ID\n")
        self.assertEqual(r.out, "my-app osc-fr1 ad-my-app-pg\n", r)

    def test_conninfo_shows_the_app_and_masks_the_password(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "\\conninfo")
        self.assertEqual(r.rc, 0, r)
        self.assertIn('You are connected to database "my_app_4553" as user "my_app_4553"', r.out)
        self.assertIn('Scalingo app "my-app" in region "osc-fr1", PostgreSQL addon "ad-my-app-pg" '
                      '(sslmode=verify-full).', r.out)
        port = harness.server().port
        self.assertIn("Database URL: postgresql://my_app_4553:****@%s:%d/my_app_4553?sslmode=prefer"
                      % (self.pg_addon("my-app")["host"], port),
                      r.out)
        self.assertNoSecrets(r.out, r.err)

    def test_conninfo_after_connecting_elsewhere_drops_the_app_lines(self):
        r = self.pgc("--app", "my-app", "-X", input="\\c postgres\n\\conninfo\n")
        self.assertIn('You are connected to database "postgres" as user "my_app_4553"', r.out, r)
        self.assertNotIn("Scalingo app", r.out)

    def test_conninfo_of_a_plain_session_is_unchanged(self):
        srv = harness.server()
        r = harness.run(["-X", "-c", "\\conninfo"], env=srv.env())
        ref = harness.run(["-X", "-c", "\\conninfo"], env=srv.env(), reference=True)
        self.assertEqual(r.out, ref.out)
        self.assertNotIn("Scalingo", r.out)


class PlatformWithPsqlOptionsTest(PlatformCase):
    def test_csv(self):
        r = self.pgc("--app", "my-app", "-X", "--csv", "-c", "select 1 as a, 'x,y' as b")
        self.assertEqual(r.out, 'a,b\n1,"x,y"\n', r)

    def test_file(self):
        path = os.path.join(self.home, "script.sql")
        with open(path, "w") as f:
            f.write("select current_user;\n\\echo :APP\n")
        r = self.pgc("--app", "my-app", "-X", "-A", "-t", "-f", path)
        self.assertEqual(r.out, "my_app_4553\nmy-app\n", r)

    def test_without_x_reads_psqlrc_which_sees_the_app(self):
        with open(os.path.join(self.home, ".psqlrc"), "w") as f:
            f.write("\\set from_psqlrc :APP\n")
        r = self.pgc("--app", "my-app", input="\\echo :from_psqlrc\n")
        self.assertIn("my-app\n", r.out, r)
        r = self.pgc("--app", "my-app", "-X", input="\\echo :from_psqlrc\n")
        self.assertIn(":from_psqlrc\n", r.out, r)

    def test_tuples_only_unaligned_and_variables(self):
        r = self.pgc("--app", "my-app", "-X", "-At", "-v", "n=3", input="select :n * 2;\n")
        self.assertEqual(r.out, "6\n", r)

    def test_single_transaction_and_on_error_stop(self):
        r = self.pgc("--app", "my-app", "-X", "-1", "-v", "ON_ERROR_STOP=1", "-c", "create temp table t (a int)",
                     "-c", "select nope")
        self.assertEqual(r.rc, 1, r)
        self.assertIn('column "nope" does not exist', r.err)

    def test_list_databases(self):
        r = self.pgc("--app", "my-app", "-X", "-l")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("my_app_4553", r.out)


class PlatformRegionsAndAddonsTest(PlatformCase):
    def test_region_flag(self):
        r = self.pgc("--app", "secnum-app", "--region", "osc-secnum-fr1", "-X", "-At",
                     input="select current_user;\n\\echo :REGION\n")
        self.assertEqual((r.rc, r.out), (0, "secnum_app_77\nosc-secnum-fr1\n"), r)

    def test_region_from_environment(self):
        r = self.pgc("--app", "secnum-app", "-X", "-At", "-c", "select current_user",
                     env=self.env(SCALINGO_REGION="osc-secnum-fr1"))
        self.assertEqual((r.rc, r.out), (0, "secnum_app_77\n"), r)

    def test_region_flag_wins_over_environment(self):
        r = self.pgc("--app", "my-app", "--region", "osc-fr1", "-X", "-At", "-c", "select current_user",
                     env=self.env(SCALINGO_REGION="osc-secnum-fr1"))
        self.assertEqual((r.rc, r.out), (0, "my_app_4553\n"), r)

    def test_both_overrides_skip_the_regions_call(self):
        urls = self.st.ready["regions"]["osc-fr1"]
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-At", input="select current_user;\n\\echo :REGION\n",
                     env=self.env(SCALINGO_API_URL=urls["api"], SCALINGO_DB_URL=urls["db"] + "/"))
        self.assertEqual((r.rc, r.out), (0, "my_app_4553\ncustom\n"), r)
        self.assertNotIn("auth GET /v1/regions", self.delta(before, self.counts()))

    def test_api_override_alone_still_reads_the_database_api_from_the_region(self):
        urls = self.st.ready["regions"]["osc-secnum-fr1"]
        r = self.pgc("--app", "secnum-app", "--region", "osc-secnum-fr1", "-X", "-At", "-c", "select 1",
                     env=self.env(SCALINGO_API_URL=urls["api"] + "/v1"))
        self.assertEqual((r.rc, r.out), (0, "1\n"), r)

    def test_addon_flag_chooses_either_of_two_databases_on_their_own_hosts(self):
        # the database API gives each addon's "host:port": the variable whose URL points there is the addon's
        first, second = self.pg_addon("two-db-app", 0), self.pg_addon("two-db-app", 1)
        self.assertNotEqual(first["host"], second["host"])
        query = "select current_user, inet_server_addr();\n\\echo :ADDON_ID\n"
        for addon, db, chosen_by in ((second, "two_db_second", second["id"]), (first, "two_db_first", "two-db-app-1")):
            for run in ("resolved", "cached"):
                r = self.pgc("--app", "two-db-app", "--addon", chosen_by, "-X", "-At", input=query)
                self.assertEqual((r.rc, r.out, r.err), (0, "%s|%s\n%s\n" % (db, addon["host"], addon["id"]), ""),
                                 (run, r))

    def test_env_var_flag(self):
        r = self.pgc("--app", "my-app", "--env-var", "DATABASE_URL", "-X", "-At", "-c", "select current_user")
        self.assertEqual((r.rc, r.out), (0, "my_app_4553\n"), r)
        second = self.pg_addon("two-db-app", 1)
        r = self.pgc("--app", "two-db-app", "--addon", second["id"], "--env-var", "SCALINGO_POSTGRESQL_URL", "-X",
                     "-At", "-c", "select current_user")
        self.assertEqual((r.rc, r.out), (0, "two_db_first\n"), r)

    def test_sslmode_require_skips_the_ca(self):
        before = self.counts()
        r = self.pgc("--app", "my-app", "--sslmode", "require", "-X", "-c", "\\conninfo")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("(sslmode=require)", r.out)
        self.assertNotIn("db GET /api/ca_certificate", self.delta(before, self.counts()))

    def test_credentials_from_the_scalingo_cli_auth_file(self):
        os.makedirs(os.path.join(self.home, ".config", "scalingo"))
        with open(os.path.join(self.home, ".config", "scalingo", "auth"), "w") as f:
            f.write('{"auth_data_version": "2.1", "last_update": "2026-01-01T00:00:00Z", "auth_config_data": {'
                    '"auth.scalingo.com": {"tokens": {"token": "tk-us-other"}, "user": {"id": "us-2"}},'
                    '"127.0.0.1": {"tokens": {"token": "%s"}, "user": {"id": "us-demo", "username": "demo"}}}}'
                    % self.st.token)
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select current_user", env=self.env(token=False))
        self.assertEqual((r.rc, r.out), (0, "my_app_4553\n"), r)

    def test_environment_token_wins_over_the_auth_file(self):
        os.makedirs(os.path.join(self.home, ".config", "scalingo"))
        with open(os.path.join(self.home, ".config", "scalingo", "auth"), "w") as f:
            f.write('{"auth_config_data": {"127.0.0.1": {"tokens": {"token": "tk-us-wrong"}, "user": {}}}}')
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1")
        self.assertEqual(r.rc, 0, r)


class PlatformCacheTest(PlatformCase):
    def test_jwt_refreshed_once_after_a_401(self):
        self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.drop_url_cache()
        self.st.fault("^/v1/apps/my-app/addons$", status=401, body={"error": "token expired"})
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1")
        self.assertEqual((r.rc, r.out), (0, "1\n"), r)
        self.assertEqual(self.delta(before, self.counts()).get("auth POST /v1/tokens/exchange"), 1)

    def test_revoked_jwt_is_replaced(self):
        self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.drop_url_cache()
        self.st.admin("POST", "/revoke")
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1")
        self.assertEqual((r.rc, r.out), (0, "1\n"), r)

    def test_jwt_with_less_than_five_minutes_left_is_not_reused(self):
        self.st.admin("POST", "/config", {"jwt_ttl": 200})
        try:
            before = self.counts()
            self.pgc("--app", "my-app", "-X", "-c", "select 1")
            self.drop_url_cache()
            r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
            self.assertEqual(r.rc, 0, r)
            self.assertEqual(self.delta(before, self.counts()).get("auth POST /v1/tokens/exchange"), 2)
        finally:
            self.st.admin("POST", "/config", {"jwt_ttl": 3600})

    def test_a_changed_password_is_picked_up(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertEqual(r.rc, 0, r)
        self.st.admin("POST", "/rotate", {"addon": "ad-my-app-pg"})
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select current_user")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.out, "my_app_4553\n")
        self.assertIn("outdated; connecting again", r.err)
        self.assertNoSecrets(r.out, r.err)
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1")
        self.assertEqual((r.rc, r.err), (0, ""), r)

    def test_a_cache_file_readable_by_others_is_ignored(self):
        self.pgc("--app", "my-app", "-X", "-c", "select 1")
        for path in self.cache_files("app-"):
            os.chmod(path, 0o644)
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(self.delta(before, self.counts()).get("api GET /v1/apps/my-app/variables"), 1)
        for path in self.cache_files("app-"):
            self.assertPrivate(path)


class PlatformSecretsTest(PlatformCase):
    def test_no_secret_on_the_command_line_of_a_running_console(self):
        env = self.env()
        proc = subprocess.Popen([harness.binary(), "--app", "my-app", "-X", "-c", "select pg_sleep(3)"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=harness.workdir())
        try:
            app_name = harness.server().wait_for_query("select pg_sleep(3)")
            with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
                cmdline = f.read().decode(errors="replace")
        finally:
            out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn("--app", cmdline)
        self.assertEqual(app_name.strip(), "pgconsole")
        self.assertNoSecrets(cmdline, out, err)

    def test_no_secret_in_verbose_error_output(self):
        # the cut answer of the variables call holds passwords: the message must not quote it
        self.st.fault("^/v1/apps/my-app/variables$", mode="truncated")
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "invalid JSON")

