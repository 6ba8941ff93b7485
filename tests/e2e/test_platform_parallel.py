"""A cold --app sends the platform API calls that do not depend on each other at the same time
(libcurl multi): the stand-in holds one of them until the other has arrived, and answers 409
when it waits alone, which a client that asks one after the other always does."""

from platform_fixture import PlatformCase


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

    def test_a_failure_of_a_call_made_ahead_is_retried_and_reported_as_before(self):
        self.st.fault("^/v1/apps/my-app/variables$", status=503, count=3)
        r, made = self.cold()
        self.assertEqual(r.rc, 2, r)
        self.assertIn("/v1/apps/my-app/variables", r.err)
        self.assertIn("after 3 attempts", r.err)
        self.assertEqual(made.get("api GET /v1/apps/my-app/variables"), 3, made)
