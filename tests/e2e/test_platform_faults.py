"""
The platform failing at every step of pgconsole --app: each call of the resolution (the token exchange, the
regions, the addons, the variables, the addon token, the database API, the CA) answers with each fault the
stand-in can inject, and pgconsole says so in one line and exits 2, with no secret and no hang.  One test per
step and fault, generated below, so that -k picks one (e.g. -k 'faults.*variables.*huge').
"""

import os
import tempfile

from platform_fixture import PlatformCase

# (name, listener, path regex): every call a --app session makes before it connects, in order
STEPS = [
    ("exchange", "auth", r"^/v1/tokens/exchange$"),
    ("regions", "auth", r"^/v1/regions$"),
    ("addons", "api", r"^/v1/apps/my-app/addons$"),
    ("database", "db", r"^/api/databases/ad-my-app-pg$"),
    ("variables", "api", r"^/v1/apps/my-app/variables$"),
    ("addon_token", "api", r"^/v1/apps/my-app/addons/ad-my-app-pg/token$"),
    ("ca", "db", r"^/api/ca_certificate$"),
]

# every fault is injected more times than pgconsole may try (a 401 gets one fresh token, a 5xx three attempts)
MANY = 8

# (name, fault, what the line must say); {peer} is the API the step belongs to
FAULTS = [
    ("401", {"status": 401, "body": {"error": "invalid token"}}, "401 to "),
    ("403", {"status": 403, "body": {"error": "forbidden", "code": "forbidden"}}, "refused the request (403 to "),
    ("404", {"status": 404, "body": {"resource": "thing", "error": "not found"}}, "(404 to "),
    ("429", {"status": 429, "retry_after": 3600}, "rate limiting this account (429 to "),
    ("500", {"status": 500, "body": ""}, "failed (500 to "),
    ("503", {"status": 503, "body": "<html>busy</html>", "content_type": "text/html"}, "failed (503 to "),
    ("timeout", {"mode": "delay", "delay": 3}, "no answer from {peer} within 0.5 s"),
    ("truncated", {"mode": "truncated"}, "{peer}"),
    ("malformed", {"mode": "malformed"}, "{peer}"),
    ("cut", {"mode": "cut"}, "was cut short"),
    ("array", {"status": 200, "body": [1, 2]}, "unexpected answer from {peer}"),
    ("string", {"status": 200, "body": "just text", "content_type": "application/json"},
     "unexpected answer from {peer}"),
    ("wrong_types", {"status": 200, "body": {"token": 7, "regions": {}, "addons": {}, "variables": "x",
                                             "addon": [], "database": [], "certificate": 1}},
     "unexpected answer from {peer}"),
    ("empty", {"status": 200, "body": ""}, "{peer}"),
    ("huge", {"mode": "huge"}, "is too large"),
    ("redirect", {"status": 302, "headers": {"Location": "https://127.0.0.1:9/elsewhere"}, "body": ""},
     "answered with a redirect (302 to "),
]

PEERS = {"auth": "the Scalingo auth API", "api": "the Scalingo API", "db": "the Scalingo database API"}


class PlatformFaultMatrixTest(PlatformCase):
    def run_with_fault(self, step, fault, expected):
        name, listener, match = step
        spec = dict(fault)
        spec.update({"match": match, "listener": listener, "count": MANY})
        if spec.get("mode") == "delay":
            spec["count"] = 3
        self.st.admin("POST", "/faults", spec)
        # a cache of its own: nothing resolved by an earlier run can skip the step
        cache = tempfile.mkdtemp(prefix="cache-", dir=self.home)
        env = self.env(PGCONSOLE_HTTP_TIMEOUT="0.5", XDG_CACHE_HOME=cache)
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=env, timeout=60)
        self.assertOneError(r, expected.format(peer=PEERS[listener]))
        # the step was reached: the fault was taken at least once
        left = [f for f in self.st.admin("GET", "/faults") if f["match"] == match]
        self.assertTrue(not left or left[0]["count"] < spec["count"], "the %s step was never reached" % name)
        if name != "ca":
            # the target is kept only once resolved (the CA comes after, on its own)
            d = os.path.join(cache, "pgconsole")
            cached = [f for f in os.listdir(d) if f.startswith("app-")] if os.path.isdir(d) else []
            self.assertEqual(cached, [], "a failed resolution cached its target")


def _make(step, fault):
    def test(self):
        self.run_with_fault(step, fault[1], fault[2])
    return test


for _step in STEPS:
    for _fault in FAULTS:
        setattr(PlatformFaultMatrixTest, "test_%s_%s" % (_step[0], _fault[0]), _make(_step, _fault))
