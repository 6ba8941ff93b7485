"""A cold --app sends the platform API calls that do not depend on each other at the same time
(libcurl multi): the stand-in holds one of them until the other has arrived, and answers 409
when it waits alone, which a client that asks one after the other always does.  It keeps its
connections for the calls that follow, and reads the CA bundle once."""

import os
import shutil
import subprocess
import unittest

import harness
from platform_fixture import PlatformCase, sanitized


class ParallelRequestsTest(PlatformCase):
    def cold(self):
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1", env=self.env(XDG_CACHE_HOME=self.cache + "-cold"))
        return r, self.delta(before, self.counts())

    def test_addons_and_variables_are_asked_for_at_once(self):
        self.st.fault("^/v1/apps/my-app/addons$", until="^GET /v1/apps/my-app/variables$")
        r, made = self.cold()
        self.assertEqual((r.rc, r.out, r.err), (0, "1\n", ""), r)
        # still one request each: the answers fetched ahead are the ones used
        self.assertEqual(made.get("api GET /v1/apps/my-app/addons"), 1, made)
        self.assertEqual(made.get("api GET /v1/apps/my-app/variables"), 1, made)

    def test_database_and_ca_certificate_are_asked_for_at_once(self):
        # the one a client asking in turn would send first waits for the other
        self.st.fault("^/api/databases/ad-my-app-pg$", until="^GET /api/ca_certificate$")
        r, made = self.cold()
        self.assertEqual((r.rc, r.out, r.err), (0, "1\n", ""), r)
        self.assertEqual(made.get("db GET /api/ca_certificate"), 1, made)
        self.assertEqual(made.get("db GET /api/databases/ad-my-app-pg"), 1, made)
        self.assertEqual(made.get("api POST /v1/apps/my-app/addons/ad-my-app-pg/token"), 1, made)

    def test_a_cold_run_makes_each_call_once(self):
        r, made = self.cold()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(sorted(made.items()), sorted({
            "auth POST /v1/tokens/exchange": 1, "auth GET /v1/regions": 1, "api GET /v1/apps/my-app/addons": 1,
            "api GET /v1/apps/my-app/variables": 1, "api POST /v1/apps/my-app/addons/ad-my-app-pg/token": 1,
            "db GET /api/databases/ad-my-app-pg": 1, "db GET /api/ca_certificate": 1}.items()), made)

    def opened(self, before, after):
        return {k: after.get(k, {}).get("opened", 0) - before.get(k, {}).get("opened", 0)
                for k in ("auth", "api", "db")}

    def test_a_cold_run_keeps_its_connections_for_the_calls_that_follow(self):
        before = self.st.connections()
        r, made = self.cold()
        self.assertEqual((r.rc, r.out, r.err), (0, "1\n", ""), r)
        self.assertEqual(sum(made.values()), 7, made)
        # 7 calls on 5 connections: the regions after the token exchange on its connection, the addon
        # token on one of the two that carried the addons and the variables at once, and the database
        # and the CA at once on two
        self.assertEqual(self.opened(before, self.st.connections()), {"auth": 1, "api": 2, "db": 2})

    def test_a_retry_after_a_dropped_connection_opens_a_new_one(self):
        # the stand-in drops the connection instead of answering the regions: libcurl must not try to
        # send again on a connection that is gone, and the call is retried on a new one
        self.st.fault("^/v1/regions$", mode="close")
        before = self.st.connections()
        r, made = self.cold()
        self.assertEqual((r.rc, r.out, r.err), (0, "1\n", ""), r)
        self.assertEqual(made.get("auth GET /v1/regions"), 2, made)
        after = self.st.connections()
        self.assertEqual(self.opened(before, after)["auth"], 2)
        # the new connection resumes the TLS session of the first (the share keeps the session tickets)
        self.assertEqual(after["auth"]["resumed"] - before.get("auth", {}).get("resumed", 0), 1, after)

    @unittest.skipUnless(shutil.which("strace"), "needs strace")
    def test_the_ca_bundle_is_read_once_for_all_connections(self):
        # libcurl would read it again for every new connection (the system's bundle: 150 certificates,
        # milliseconds each time); a bundle beside the stand-in's CA, as SSL_CERT_FILE gives one
        bundle = os.path.join(self.home, "bundle.pem")
        with open(self.st.ca_file) as f, open(bundle, "w") as out:
            out.write(f.read())
        trace = os.path.join(self.home, "opens.trace")
        env = self.env(XDG_CACHE_HOME=self.cache + "-cold", SSL_CERT_FILE=bundle)
        if sanitized():
            # LeakSanitizer stops the process's threads with ptrace, which strace already holds
            env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        before = self.st.connections()
        r = subprocess.run(["strace", "-f", "-e", "trace=openat,open", "-o", trace, harness.binary(),
                            "--app", "my-app", "-X", "-At", "-c", "select 1"], env=env,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual((r.returncode, r.stdout), (0, "1\n"), r)
        self.assertEqual(sum(self.opened(before, self.st.connections()).values()), 5)
        with open(trace) as f:
            opens = [line for line in f if bundle in line and "ENOENT" not in line]
        self.assertEqual(len(opens), 1, "".join(opens))

    def test_a_ca_bundle_that_cannot_be_read_is_named(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1",
                     env=self.env(XDG_CACHE_HOME=self.cache + "-cold", SSL_CERT_FILE=self.home + "/missing.pem"))
        self.assertEqual(r.rc, 2, r)
        self.assertIn("could not verify the TLS certificate of the Scalingo auth API", r.err)
        self.assertIn("missing.pem", r.err)

    def test_a_failure_of_a_call_made_ahead_is_retried_and_reported_as_before(self):
        self.st.fault("^/v1/apps/my-app/variables$", status=503, count=3)
        r, made = self.cold()
        self.assertEqual(r.rc, 2, r)
        self.assertIn("/v1/apps/my-app/variables", r.err)
        self.assertIn("after 3 attempts", r.err)
        self.assertEqual(made.get("api GET /v1/apps/my-app/variables"), 3, made)
