"""
The platform stand-in itself: that it checks what the real APIs check and that what
it serves is real (roles, grants, pg_dump archives, pg_hba.conf, server metrics), so
that tests of pgconsole's platform commands exercise the real wire format.
"""

import base64
import http.client
import io
import json
import os
import ssl
import subprocess
import tarfile
import tempfile
import threading
import time
import urllib.parse

import harness
from platform_fixture import PlatformCase


class Api:
    def __init__(self, st):
        self.st = st
        self.ctx = ssl.create_default_context(cafile=st.ca_file)

    def call(self, base, method, path, token=None, basic=None, body=None, headers=None):
        u = urllib.parse.urlsplit(base)
        conn = http.client.HTTPSConnection(u.hostname, u.port, context=self.ctx, timeout=30)
        h = {"Accept": "application/json", "Content-Type": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        if basic is not None:
            h["Authorization"] = "Basic " + base64.b64encode(basic.encode()).decode()
        h.update(headers or {})
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        ctype = resp.getheader("Content-Type", "")
        return resp.status, (json.loads(data) if data and "json" in ctype else data)

    def auth(self, method, path, **kw):
        return self.call(self.st.ready["auth_url"], method, path, **kw)

    def api(self, method, path, region="osc-fr1", **kw):
        return self.call(self.st.ready["regions"][region]["api"], method, path, **kw)

    def db(self, method, path, region="osc-fr1", **kw):
        return self.call(self.st.ready["regions"][region]["db"], method, path, **kw)

    def jwt(self):
        status, body = self.auth("POST", "/v1/tokens/exchange", basic=":" + self.st.token, body={})
        assert status == 200, body
        return body["token"]

    def addon_token(self, app, addon, region="osc-fr1"):
        status, body = self.api("POST", "/v1/apps/%s/addons/%s/token" % (app, addon), region=region,
                                token=self.jwt(), body={})
        assert status == 200, body
        return body["addon"]["token"]


class StandinTestCase(PlatformCase):
    def setUp(self):
        super().setUp()
        self.c = Api(self.st)
        self.token = self.c.addon_token("my-app", "ad-my-app-pg")
        self.base = "/api/databases/ad-my-app-pg"

    def db(self, method, path="", **kw):
        kw.setdefault("token", self.token)
        return self.c.db(method, self.base + path, **kw)

    def psql(self, url, sql, check=True):
        env = {k: v for k, v in harness.server().env().items() if not k.startswith("PG")}
        return subprocess.run([harness.PSQL, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                              capture_output=True, text=True, env=env, check=check, cwd=harness.workdir())

    def url_for(self, user, password, sslmode="require"):
        return "postgresql://%s:%s@127.0.0.1:%d/my_app_4553?sslmode=%s" % (user, password, harness.server().port,
                                                                           sslmode)


class StandinAuthTest(StandinTestCase):
    def test_exchange_wants_basic_auth_with_an_empty_user(self):
        self.assertEqual(self.c.auth("POST", "/v1/tokens/exchange", basic="me:" + self.st.token, body={})[0], 401)
        self.assertEqual(self.c.auth("POST", "/v1/tokens/exchange", token=self.st.token, body={})[0], 401)
        status, body = self.c.auth("POST", "/v1/tokens/exchange", basic=":" + self.st.token, body={})
        self.assertEqual(status, 200)
        payload = json.loads(base64.urlsafe_b64decode(body["token"].split(".")[1] + "=="))
        self.assertAlmostEqual(payload["exp"], time.time() + 3600, delta=60)

    def test_regional_api_wants_the_jwt(self):
        self.assertEqual(self.c.api("GET", "/v1/apps/my-app", token=self.st.token)[0], 401)
        self.assertEqual(self.c.api("GET", "/v1/apps/my-app")[0], 401)
        status, body = self.c.api("GET", "/v1/apps/my-app", token=self.c.jwt())
        self.assertEqual((status, body["app"]["name"], body["app"]["region"]), (200, "my-app", "osc-fr1"))

    def test_database_api_refuses_the_jwt_and_other_addons_tokens(self):
        self.assertEqual(self.db("GET", token=self.c.jwt())[0], 401)
        other = self.c.addon_token("two-db-app", "ad-two-first")
        self.assertEqual(self.db("GET", token=other)[0], 401)
        status, body = self.db("GET")
        self.assertEqual(status, 200)
        d = body["database"]
        self.assertEqual((d["id"], d["app_name"], d["type_name"], d["status"]), ("ad-my-app-pg", "my-app",
                                                                                 "postgresql", "running"))

    def test_regions_and_404s(self):
        status, body = self.c.auth("GET", "/v1/regions", token=self.c.jwt())
        self.assertEqual([r["name"] for r in body["regions"]], ["osc-fr1", "osc-secnum-fr1"])
        self.assertEqual([r["default"] for r in body["regions"]], [True, False])
        status, body = self.c.api("GET", "/v1/apps/secnum-app", token=self.c.jwt())
        self.assertEqual((status, body), (404, {"resource": "app", "error": "not found"}))
        status, _ = self.c.api("GET", "/v1/apps/secnum-app", region="osc-secnum-fr1", token=self.c.jwt())
        self.assertEqual(status, 200)

    def test_variables_resolve_aliases_on_request(self):
        jwt = self.c.jwt()
        _, raw = self.c.api("GET", "/v1/apps/my-app/variables", token=jwt)
        _, resolved = self.c.api("GET", "/v1/apps/my-app/variables?aliases=false", token=jwt)
        raw = {v["name"]: v["value"] for v in raw["variables"]}
        resolved = {v["name"]: v["value"] for v in resolved["variables"]}
        self.assertEqual(raw["DATABASE_URL"], "$SCALINGO_POSTGRESQL_URL")
        self.assertEqual(resolved["DATABASE_URL"], resolved["SCALINGO_POSTGRESQL_URL"])
        self.assertTrue(resolved["DATABASE_URL"].startswith("postgresql://my_app_4553:"))

    def test_ca_certificate_is_the_servers_ca(self):
        status, pem = self.c.db("GET", "/api/ca_certificate", token=self.token)
        with open(harness.server().ca, "rb") as f:
            self.assertEqual((status, pem), (200, f.read()))
        self.assertEqual(self.c.db("GET", "/api/ca_certificate", token=self.c.jwt())[0], 401)


class StandinDatabaseTest(StandinTestCase):
    def test_instances_plan_and_schedule(self):
        status, inst = self.db("GET", "/instances_status")
        self.assertEqual(status, 200)
        self.assertIsInstance(inst, list)
        self.assertEqual(inst[0]["role"], "leader")
        _, plan = self.db("GET", "/plan")
        self.assertEqual((plan["plan"]["name"], plan["plan"]["memory"], plan["plan"]["pitr_backup_days"]),
                         ("postgresql-starter-512", 512, 7))
        status, body = self.db("PATCH", body={"database": {"periodic_backups_enabled": True,
                                                           "periodic_backups_scheduled_at": 3}})
        self.assertEqual((status, body["database"]["periodic_backups_scheduled_at"]), (200, [3]))
        status, body = self.db("PATCH", body={"database": {"periodic_backups_scheduled_at": [25]}})
        self.assertEqual(status, 422)
        self.assertIn("periodic_backups_scheduled_at", body["errors"])

    def test_force_ssl_edits_pg_hba(self):
        # an app that starts without features (my-app has Internet Accessibility, so force-ssl too)
        self.token = self.c.addon_token("tls-app", "ad-tls-pg")
        self.base = "/api/databases/ad-tls-pg"
        owner_url = self.pg_addon("tls-app")["url"]
        plain = owner_url.replace("sslmode=prefer", "sslmode=disable")
        self.assertEqual(self.psql(plain, "select 1").stdout, "1\n")
        status, body = self.db("POST", "/features", body={"feature": {"name": "publicly-available"}})
        self.assertEqual(status, 400)
        try:
            status, body = self.db("POST", "/features", body={"feature": {"name": "force-ssl"}})
            self.assertEqual((status, body["status"]), (200, "ACTIVATED"))
            r = self.psql(plain, "select 1", check=False)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("no encryption", r.stderr)
            self.assertEqual(self.psql(owner_url.replace("prefer", "require"), "select 1").stdout, "1\n")
            _, d = self.db("GET")
            self.assertIn({"name": "force-ssl", "status": "ACTIVATED"}, d["database"]["features"])
        finally:
            status, _ = self.db("DELETE", "/features?feature=force-ssl")
        self.assertEqual(status, 200)
        self.assertEqual(self.psql(plain, "select 1").stdout, "1\n")

    def test_users_are_real_roles_with_the_platform_grants(self):
        owner_url = self.pg_addon("my-app")["url"]
        self.psql(owner_url, "create table if not exists items (id int); insert into items values (1)")
        status, body = self.db("POST", "/users", body={"database_user": {"database_id": "ad-my-app-pg",
                                                                         "name": "reader_one", "read_only": True}})
        self.assertEqual(status, 201, body)
        reader = body["database_user"]
        self.assertGreaterEqual(len(reader["password"]), 24)
        try:
            url = self.url_for("reader_one", reader["password"])
            self.assertEqual(self.psql(url, "select count(*) from items").stdout, "1\n")
            self.assertIn("permission denied", self.psql(url, "insert into items values (2)", check=False).stderr)
            status, body = self.db("GET", "/users")
            users = {u["name"]: u for u in body["database-users"]}
            self.assertTrue(users["my_app_4553"]["protected"])
            self.assertTrue(users["reader_one"]["read_only"])
            self.assertEqual(users["reader_one"]["dbms_attributes"]["password_encryption"], "scram-sha-256")
            status, body = self.db("POST", "/users/reader_one/reset_password", body={})
            self.assertEqual(status, 200)
            self.assertNotEqual(body["database_user"]["password"], reader["password"])
            url = self.url_for("reader_one", body["database_user"]["password"])
            self.assertEqual(self.psql(url, "select 1").stdout, "1\n")
        finally:
            status, _ = self.db("DELETE", "/users/reader_one")
        self.assertEqual(status, 204)
        self.assertEqual(harness.server().sql("select count(*) from pg_roles where rolname = 'reader_one'"), "0\n")

    def test_read_write_user_and_validation(self):
        pw = "p" * 30
        status, body = self.db("POST", "/users", body={"database_user": {"name": "writer_one", "read_only": False,
                                                                         "password": pw,
                                                                         "password_confirmation": pw}})
        self.assertEqual(status, 201, body)
        try:
            url = self.url_for("writer_one", pw)
            self.psql(url, "create table writer_t (a int); insert into writer_t values (1)")
            status, body = self.db("PATCH", "/users/writer_one", body={"database_user": {
                "password": "short", "password_confirmation": "short"}})
            self.assertEqual(status, 422)
            self.assertIn("password", body["errors"])
        finally:
            self.db("DELETE", "/users/writer_one")
        status, body = self.db("POST", "/users", body={"database_user": {"name": "abc"}})
        self.assertEqual(status, 422)
        self.assertIn("name", body["errors"])
        self.assertEqual(self.db("DELETE", "/users/my_app_4553")[0], 403)
        self.assertEqual(self.db("POST", "/users/my_app_4553/reset_password", body={})[0], 403)

    def test_backup_archive_is_a_real_pg_dump_behind_a_presigned_url(self):
        self.psql(self.pg_addon("my-app")["url"], "create table if not exists backed_up (a int)")
        status, body = self.db("POST", "/backups", body={})
        self.assertEqual((status, body["database_backup"]["status"]), (201, "scheduled"))
        bid = body["database_backup"]["id"]

        def finished():
            b = self.db("GET", "/backups/" + bid)[1]["database_backup"]
            return b if b["status"] in ("done", "error") else None
        b = harness.wait_until(finished, 60, "the backup to end", interval=0.2)
        self.assertEqual(b["status"], "done")
        self.assertGreater(b["size"], 0)
        _, short = self.c.db("GET", "/api/backups/" + bid, token=self.token)
        self.assertEqual(short["database_backup"]["id"], bid)
        _, listing = self.db("GET", "/backups")
        self.assertEqual(listing["database_backups"][0]["id"], bid)
        _, archive = self.db("GET", "/backups/%s/archive" % bid)
        url = urllib.parse.urlsplit(archive["download_url"])
        path = url.path + "?" + url.query
        base = "%s://%s" % (url.scheme, url.netloc)
        self.assertEqual(self.c.call(base, "GET", path, token=self.token)[0], 400)
        status, data = self.c.call(base, "GET", path)
        self.assertEqual(status, 200)
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            member = tar.getmembers()[0]
            self.assertEqual(member.name, b["name"] + ".pgsql")
            dump = tar.extractfile(member).read()
        with tempfile.NamedTemporaryFile(suffix=".pgsql") as f:
            f.write(dump)
            f.flush()
            listing = subprocess.run([os.path.join(harness.PG_BIN, "pg_restore"), "--list", f.name],
                                     capture_output=True, text=True, check=True).stdout
        self.assertIn("backed_up", listing)
        self.assertEqual(self.c.call(base, "GET", path.replace("Signature=", "Signature=0"))[0], 403)

    def test_pitr_window_and_operations(self):
        _, body = self.db("GET", "/pitr/recovery_window")
        window = body["recovery_window"]
        self.assertIsNotNone(window["earliest_recoverable_at"])
        status, body = self.db("POST", "/pitr/restore", body={"restore_time": "2001-01-01T00:00:00Z"})
        self.assertEqual(status, 422)
        self.assertIn("restore_time", body["errors"])
        status, body = self.db("POST", "/pitr/restore", body={"restore_time": "yesterday"})
        self.assertEqual(status, 422)
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
        status, body = self.db("POST", "/pitr/restore", body={"restore_time": when})
        self.assertEqual(status, 201, body)
        op = body["operation"]
        self.assertEqual((op["type"], op["status"]), ("pitr_restore", "pending"))
        self.assertEqual(self.db("POST", "/pitr/restore", body={"restore_time": when})[0], 409)
        seen = set()

        def finished():
            seen.add(self.db("GET", "/operations/" + op["id"])[1]["operation"]["status"])
            return "finished" in seen
        harness.wait_until(finished, 20, "the restore to finish", interval=0.1)
        self.assertEqual(seen, {"pending", "running", "finished"})

    def test_pitr_unavailable_on_sandbox(self):
        token = self.c.addon_token("sandbox-app", "ad-sandbox-pg")
        status, body = self.c.db("GET", "/api/databases/ad-sandbox-pg/pitr/recovery_window", token=token)
        self.assertEqual(body["recovery_window"], {"earliest_recoverable_at": None, "latest_recoverable_at": None})
        status, body = self.c.db("POST", "/api/databases/ad-sandbox-pg/pitr/restore", token=token,
                                 body={"restore_time": "2026-01-01T00:00:00Z"})
        self.assertEqual((status, sorted(body)), (400, ["code", "error"]))

    def test_upgrade_runs_as_an_operation(self):
        token = self.c.addon_token("secnum-app", "ad-secnum-pg", region="osc-secnum-fr1")
        base = "/api/databases/ad-secnum-pg"
        _, d = self.c.db("GET", base, region="osc-secnum-fr1", token=token)
        self.assertEqual(d["database"]["next_version_id"], "15.99.0-1")
        self.assertTrue(d["database"]["cluster"])
        status, body = self.c.db("POST", base + "/upgrade", region="osc-secnum-fr1", token=token, body={})
        self.assertEqual(status, 202, body)
        def finished():
            op = self.c.db("GET", base + "/operations/" + body["operation_id"], region="osc-secnum-fr1",
                           token=token)[1]["operation"]
            return op if op["status"] == "finished" else None
        op = harness.wait_until(finished, 20, "the upgrade to finish", interval=0.1)
        self.assertEqual(op["type"], "upgrade")
        _, d = self.c.db("GET", base, region="osc-secnum-fr1", token=token)
        self.assertEqual((d["database"]["readable_version"], d["database"]["next_version_id"]),
                         ("15.99.0-1", None))

    def test_upgrade_when_none_is_available(self):
        status, body = self.db("POST", "/upgrade", body={})
        self.assertEqual((status, sorted(body)), (400, ["code", "error"]))


class StandinMetricsAndQueriesTest(StandinTestCase):
    def test_metrics_come_from_the_server(self):
        status, m = self.db("GET", "/metrics")
        self.assertEqual(status, 200)
        stats = m["database_stats"]
        self.assertGreater(stats["data_size"], 1000000)
        self.assertEqual(stats["max_connections"], 60)
        self.assertGreaterEqual(m["cpu_usage"], 0)
        self.assertEqual(m["memory"]["memory_limit"], 512 * 1024 * 1024)
        self.assertGreater(m["real_disk_size"], 0)
        self.assertTrue(m["instances_metrics"])
        status, points = self.db("GET", "/metrics/cpu?since=1")
        self.assertEqual(status, 200)
        self.assertTrue(points)
        self.assertEqual(sorted(points[-1]), ["time", "value"])

    def test_running_queries_cancel_and_statistics(self):
        url = self.pg_addon("my-app")["url"]
        sleeper = threading.Thread(target=self.psql, args=(url, "select pg_sleep(20)"), kwargs={"check": False})
        sleeper.start()
        try:
            def sleeper_listed():
                _, body = self.db("POST", "/action", body={"action_name": "pg-list-queries", "params": {}})
                return [q for q in body["result"] if q["query"] == "select pg_sleep(20)"]
            q = harness.wait_until(sleeper_listed, 20, "pg-list-queries to list the sleeping query", interval=0.1)[0]
            self.assertEqual(q["username"], "my_app_4553")
            self.assertIsInstance(q["query_duration"], int)
            pid = q["pid"]
            _, body = self.db("POST", "/action", body={"action_name": "pg-cancel-query", "params": {"pid": pid}})
            self.assertEqual(body, {"ok": 1, "result": None})
        finally:
            sleeper.join(30)
        self.assertFalse(sleeper.is_alive())
        _, body = self.db("POST", "/action", body={"action_name": "pg-cancel-query", "params": {"pid": 1}})
        self.assertEqual(body["ok"], 0)
        _, body = self.db("POST", "/action", body={"action_name": "pg-stat-statements-enable", "params": {}})
        self.assertEqual(body["ok"], 1)
        _, body = self.db("POST", "/action", body={"action_name": "pg-stat-statements-reset", "params": {}})
        self.assertEqual(body, {"ok": 1, "result": None})
        self.psql(url, "select 42 as answer")
        _, body = self.db("POST", "/action", body={"action_name": "pg-stat-statements-list", "params": {}})
        queries = [s["query"] for s in body["result"]]
        self.assertIn("select $1 as answer", queries)
        self.assertEqual(sorted(body["result"][0]), sorted(["user_id", "query", "calls", "rows", "total_time",
                                                            "min_time", "max_time", "mean_time", "std_dev"]))
        self.assertEqual(self.db("POST", "/action", body={"action_name": "nope", "params": {}})[0], 400)


class StandinPlansTest(StandinTestCase):
    def test_plan_change(self):
        jwt = self.c.jwt()
        _, plans = self.c.api("GET", "/v1/addon_providers/postgresql/plans", token=jwt)
        ids = {p["name"]: p["id"] for p in plans["plans"]}
        status, body = self.c.api("PATCH", "/v1/apps/sandbox-app/addons/ad-sandbox-pg", token=jwt,
                                  body={"addon": {"plan_id": "nope"}})
        self.assertEqual(status, 422)
        status, body = self.c.api("PATCH", "/v1/apps/sandbox-app/addons/ad-sandbox-pg", token=jwt,
                                  body={"addon": {"plan_id": ids["postgresql-sandbox"]}})
        self.assertEqual((status, body["addon"]["status"]), (200, "updating"))
        self.assertIn("message", body)
        self.assertIn("variables", body)
        token = self.c.addon_token("sandbox-app", "ad-sandbox-pg")
        _, d = self.c.db("GET", "/api/databases/ad-sandbox-pg", token=token)
        self.assertEqual(d["database"]["status"], "updating")
        harness.wait_until(lambda: self.c.db("GET", "/api/databases/ad-sandbox-pg", token=token)[1]
                           ["database"]["status"] == "running", 20, "the plan change to end", interval=0.1)
