"""
The platform stand-in for the end-to-end tests of --app: started once per run
against the harness's PostgreSQL server, with apps shaped for each case, and a
TestCase base whose every test has a HOME and cache of its own.
"""

import atexit
import os
import secrets
import shutil
import stat
import sys
import tempfile
import types
import unittest

import harness

sys.path.insert(0, os.path.join(harness.ROOT, "tests", "standin"))
import launch  # noqa: E402

# a secret of the app that pgconsole receives with the variables and never needs: it must not outlive the answer
APP_SECRET = "skb-" + secrets.token_hex(24)

# Internet Accessibility (which needs force-ssl): the apps of the tests written before the SSH path are reached
# directly, as they always were
INTERNET = ["force-ssl", "publicly-available"]

APPS = [
    {"name": "my-app", "region": "osc-fr1", "variables": {"RAILS_ENV": "production", "NOT_A_URL": "hello",
                                                     "SECRET_KEY_BASE": APP_SECRET,
                                                     # an answer of some size, as real apps have
                                                     "ASSETS_MANIFEST": "x" * 12000,
                                                     # URLs that would bypass verify-full or weaken TLS
                                                     "SOCKET_URL": "postgresql://u:p@%2Ftmp%2Fsock:5432/db",
                                                     "WEAK_TLS_URL": "postgresql://u:p@127.0.0.2:5432/db?"
                                                                     "ssl_min_protocol_version=TLSv1"},
     "addons": [{"id": "ad-my-app-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "my_app_4553", "features": INTERNET},
                {"id": "ad-my-app-redis", "provider": "redis", "plan": "redis-starter-256"}]},
    {"name": "secnum-app", "region": "osc-secnum-fr1",
     "addons": [{"id": "ad-secnum-pg", "provider": "postgresql", "plan": "postgresql-business-1024",
                 "db": "secnum_app_77", "features": INTERNET, "next_version": "15.99.0-1"}]},
    {"name": "no-db-app", "region": "osc-fr1",
     "addons": [{"id": "ad-no-db-redis", "provider": "redis", "plan": "redis-starter-256"}]},
    # two databases, each on a host of its own (as every database of the stand-in), as on the platform
    {"name": "two-db-app", "region": "osc-fr1",
     "addons": [{"id": "ad-two-first", "resource_id": "two-db-app-1", "provider": "postgresql",
                 "plan": "postgresql-starter-512", "db": "two_db_first", "features": INTERNET},
                {"id": "ad-two-second", "resource_id": "two-db-app-2", "provider": "postgresql",
                 "plan": "postgresql-starter-512", "db": "two_db_second", "features": INTERNET}]},
    # a name that looks like production, for the prompt's warning colour
    {"name": "shop-prod", "region": "osc-fr1",
     "addons": [{"id": "ad-shop-prod-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "shop_prod_31", "features": INTERNET}]},
    {"name": "sandbox-app", "region": "osc-fr1",
     "addons": [{"id": "ad-sandbox-pg", "provider": "postgresql", "plan": "postgresql-sandbox",
                 "db": "sandbox_app_1", "features": INTERNET}]},
    # only the Ctrl-C tests call its API: its request counts are theirs alone
    {"name": "slow-app", "region": "osc-fr1",
     "addons": [{"id": "ad-slow-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "slow_app_9", "features": INTERNET}]},
    # the dashboard's monitoring commands (test_dashboard_monitor.py): features, stats, queries; no feature at the
    # start (the tests switch them), so its tests connect with --via direct
    {"name": "monitor-app", "region": "osc-fr1",
     "addons": [{"id": "ad-monitor-pg", "provider": "postgresql", "plan": "postgresql-business-1024",
                 "db": "monitor_app_21"}]},
    # the dashboard's administration commands (test_dashboard_admin.py), each app's state changed by its tests alone
    {"name": "admin-app", "region": "osc-fr1",
     "addons": [{"id": "ad-admin-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "admin_app_12", "features": INTERNET}]},
    {"name": "plan-app", "region": "osc-fr1",
     "addons": [{"id": "ad-plan-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "plan_app_13", "next_version": "16.1.0-1", "features": INTERNET}]},
    {"name": "upgrade-app", "region": "osc-fr1",
     "addons": [{"id": "ad-upgrade-pg", "provider": "postgresql", "plan": "postgresql-business-1024",
                 "db": "upgrade_app_14", "next_version": "15.99.0-1", "features": INTERNET}]},
    {"name": "follow-app", "region": "osc-fr1",
     "addons": [{"id": "ad-follow-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "follow_app_15", "features": INTERNET}]},
    {"name": "replan-app", "region": "osc-fr1",
     "addons": [{"id": "ad-replan-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "replan_app_16", "features": INTERNET}]},
    # the stand-in's own force-ssl test: no feature to start with
    {"name": "tls-app", "region": "osc-fr1",
     "addons": [{"id": "ad-tls-pg", "provider": "postgresql", "plan": "postgresql-starter-512", "db": "tls_app_3"}]},
    # the SSH gateway's tests: a database without Internet Accessibility, on an address only the gateway leads
    # to, and one with it
    {"name": "private-app", "region": "osc-fr1",
     "addons": [{"id": "ad-private-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "private_app_7", "private": True}]},
    # an address the gateway does not forward to (not in its PermitOpen)
    {"name": "lost-app", "region": "osc-fr1",
     "addons": [{"id": "ad-lost-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "lost_app_5", "host": "127.0.0.30"}]},
    # the tunnel's re-resolution tests move its database (POST /move) as a failover does
    {"name": "moving-app", "region": "osc-fr1",
     "addons": [{"id": "ad-moving-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "moving_app_2", "features": INTERNET}]},
    {"name": "public-app", "region": "osc-fr1",
     "addons": [{"id": "ad-public-pg", "provider": "postgresql", "plan": "postgresql-starter-512",
                 "db": "public_app_8", "features": INTERNET}]},
]

_standin = None


def standin():
    """The shared stand-in, started on first use, stopped (pg_hba.conf restored) before the server."""
    global _standin
    if _standin is None:
        srv = harness.server()
        pg = types.SimpleNamespace(socket_dir=srv.socket_dir, port=srv.port, superuser="postgres", ca=srv.ca,
                                   hosts=srv.hosts, private_hosts=harness.PRIVATE_DATABASE_HOSTS)
        _standin = launch.StandIn(pg, APPS, operation_seconds=[0.5, 1.0]).start()
        atexit.register(_standin.cleanup)
    return _standin


_gateway = None


def gateway():
    """The regions' SSH gateway (tests/lib/sshgateway.py), started on first use and named in the
    stand-in's regions from then on; it leads to every database address, public or private.  Call
    sshgateway.available() first: None means it can run here."""
    global _gateway
    if _gateway is None:
        import sshgateway
        port = harness.server().port
        routes = {"%s:%d" % (h, port): (h, port) for h in harness.DATABASE_HOSTS}
        routes.update({"%s:%d" % (h, port): ("127.0.0.1", port) for h in harness.PRIVATE_DATABASE_HOSTS})
        gw = sshgateway.Gateway(routes).start()
        atexit.register(gw.cleanup)
        standin().admin("POST", "/config", {"ssh_gateway": gw.address})
        _gateway = gw
    return _gateway


def sanitized():
    return bool(os.environ.get("PGCONSOLE_SANITIZED"))


class PlatformCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.st = standin()
        self.home = tempfile.mkdtemp(prefix="pgconsole-platform-home-")
        self.cache = os.path.join(self.home, ".cache")

    def tearDown(self):
        self.st.admin("DELETE", "/faults")
        shutil.rmtree(self.home, ignore_errors=True)

    def env(self, token=True, **extra):
        base = {k: v for k, v in harness.server().env().items() if not k.startswith("PG") or k.startswith("PGCONSOLE_")}
        base.update({"HOME": self.home, "XDG_CACHE_HOME": self.cache})
        for k in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            base.pop(k, None)
        env = self.st.env(base, token=token)
        for k, v in extra.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env

    def pgc(self, *args, env=None, input=None, timeout=90):
        return harness.run(list(args), input=input, env=env or self.env(), timeout=timeout)

    def app(self, name):
        return self.st.apps()[name]

    def pg_addon(self, app, index=0):
        return [a for a in self.app(app)["addons"] if a["provider"] == "postgresql"][index]

    def counts(self):
        return dict(self.st.counts())

    @staticmethod
    def delta(before, after):
        return {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}

    def cache_files(self, prefix=""):
        d = os.path.join(self.cache, "pgconsole")
        return sorted(os.path.join(d, f) for f in os.listdir(d) if f.startswith(prefix)) if os.path.isdir(d) else []

    def drop_url_cache(self):
        for path in self.cache_files("app-"):
            os.unlink(path)

    def secrets(self):
        """Every secret pgconsole handles: the API token, the databases' passwords, the tokens it cached."""
        found = [self.st.token]
        for app in self.st.apps().values():
            for a in app["addons"]:
                if a["provider"] == "postgresql":
                    found.append(a["url"].split(":")[2].split("@")[0])
        for path in self.cache_files("token-"):
            with open(path) as f:
                found.append(f.read().strip())
        return [s for s in found if s]

    def assertNoSecrets(self, *texts):
        for secret in self.secrets():
            for text in texts:
                self.assertNotIn(secret, text or "")

    def assertOneError(self, r, *fragments, rc=2):
        self.assertEqual(r.rc, rc, r)
        self.assertEqual(r.out, "", r)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertTrue(lines[0].startswith("pgconsole: error: "), r)
        for frag in fragments:
            self.assertIn(frag, lines[0], r)
        self.assertLessEqual(lines[0].count("scalingo login"), 1, "a hint said twice: %r" % (r,))
        self.assertNoSecrets(r.out, r.err)

    def assertPrivate(self, path):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        self.assertEqual(mode & 0o077, 0, "%s is mode %o" % (path, mode))
