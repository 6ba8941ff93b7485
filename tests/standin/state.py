"""
What the stand-in platform knows: accounts (API tokens), regions, apps and their
variables, PostgreSQL addons (each a real database on the local server), plans,
backups, operations; the tokens it issues (HS256 JWTs, like the platform's: a user
JWT for the regional APIs, addon tokens for the database API); request counts and
injected faults.  Everything sits behind one lock.
"""

import base64
import datetime
import hashlib
import hmac
import itertools
import json
import os
import re
import secrets
import threading
import time

# the plans as the platform names them; sizes in MB as the database API reports them
PLANS = {
    "postgresql-sandbox": dict(display_name="Sandbox", memory=128, disk=256, backup=False, manual=0, daily=0,
                               weekly=0, monthly=0, pitr=0, gateway=0, cluster=False, price=0),
    "postgresql-starter-512": dict(display_name="Starter 512M", memory=512, disk=10240, backup=True, manual=10,
                                   daily=7, weekly=4, monthly=0, pitr=7, gateway=0, cluster=False, price=14.4),
    "postgresql-starter-1024": dict(display_name="Starter 1G", memory=1024, disk=20480, backup=True, manual=10,
                                    daily=7, weekly=4, monthly=0, pitr=7, gateway=0, cluster=False, price=28.8),
    "postgresql-business-1024": dict(display_name="Business 1G", memory=1024, disk=20480, backup=True, manual=50,
                                     daily=7, weekly=4, monthly=12, pitr=7, gateway=2, cluster=True, price=86.4),
    "postgresql-business-2048": dict(display_name="Business 2G", memory=2048, disk=40960, backup=True, manual=50,
                                     daily=7, weekly=4, monthly=12, pitr=7, gateway=2, cluster=True, price=172.8),
}

DEFAULT_REGIONS = [("osc-fr1", "Paris - Outscale"), ("osc-secnum-fr1", "Paris - SecNumCloud - Outscale")]


def iso(t=None):
    """RFC 3339 with milliseconds and an offset, as the platform writes dates."""
    t = time.time() if t is None else t
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).isoformat(timespec="milliseconds")


def parse_iso(text):
    """Seconds since the epoch from an RFC 3339 date, or None."""
    if not isinstance(text, str):
        return None
    try:
        d = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is None:
        return None
    return d.timestamp()


def record_secret(kind, value):
    """Appends a secret this stand-in hands out to the file named by STANDIN_SECRETS_LOG (the e2e
    harness's secrets scan, tests/e2e/secrets_scan.py, then looks for it in everything the tests
    produced; not a PG... name, which client environments drop); returns value.  Without the
    variable, nothing is written."""
    path = os.environ.get("STANDIN_SECRETS_LOG")
    if path and value:
        with open(path, "a") as f:
            f.write(json.dumps({"kind": kind, "value": value}) + "\n")
    return value


def plan_id(name):
    return "pl-" + hashlib.sha1(name.encode()).hexdigest()[:20]


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Tokens:
    """HS256 JWTs signed with a secret of this run."""

    def __init__(self):
        self.secret = secrets.token_bytes(32)

    def issue(self, claims):
        head = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        body = _b64url(json.dumps(claims).encode())
        sig = hmac.new(self.secret, (head + "." + body).encode(), hashlib.sha256).digest()
        return head + "." + body + "." + _b64url(sig)

    def verify(self, token, kind):
        """The claims of a token of this kind that this run issued and that has not expired, else None."""
        try:
            head, body, sig = token.split(".")
            want = hmac.new(self.secret, (head + "." + body).encode(), hashlib.sha256).digest()
            if not hmac.compare_digest(_unb64url(sig), want):
                return None
            claims = json.loads(_unb64url(body))
        except (ValueError, TypeError):
            return None
        if claims.get("kind") != kind or claims.get("exp", 0) <= time.time():
            return None
        return claims


class Addon:
    def __init__(self, app, spec, pg_port, index, host):
        self.app = app
        self.id = spec.get("id") or "ad-" + secrets.token_hex(12)
        self.resource_id = spec.get("resource_id") or "%s-%d" % (app.name, 4553 + index)
        self.provider = spec.get("provider", "postgresql")
        self.plan = spec.get("plan", "postgresql-starter-512")
        self.created_at = time.time() - spec.get("age_days", 30) * 86400
        self.status = "running"
        self.is_pg = self.provider == "postgresql"
        default_db = (app.name.replace("-", "_") + "_%d" % (4553 + index))[:30]
        self.db = spec.get("db", default_db)
        self.host = spec.get("host") or host
        self.port = pg_port
        self.password = record_secret("db-password" if self.is_pg else "addon-password",
                                      spec.get("password") or secrets.token_urlsafe(24))
        self.variable = spec.get("variable") or ("SCALINGO_POSTGRESQL_URL" if index == 0 else
                                                 "SCALINGO_POSTGRESQL_%d_URL" % (index + 1))
        # name -> status; "publicly-available" (Internet Accessibility) decides whether the database is reachable
        # directly or only through the region's SSH gateway (a private address: spec "private")
        self.features = {name: "ACTIVATED" for name in spec.get("features", ())}
        self.private = bool(spec.get("private"))
        self.backups = []           # newest first
        self.schedule = {"enabled": True, "hours": [1]}
        self.version = spec.get("version")
        self.next_version = spec.get("next_version")
        self.current_operation = None
        self.users = {}             # name -> {"read_only": bool, "protected": bool}

    def url(self):
        return "postgresql://%s:%s@%s:%d/%s?sslmode=prefer" % (self.db, self.password, self.host, self.port, self.db)

    def plan_info(self):
        return PLANS.get(self.plan, PLANS["postgresql-starter-512"])


class App:
    def __init__(self, spec, pg_port, next_host, next_private_host):
        self.name = spec["name"]
        self.id = spec.get("id") or secrets.token_hex(12)
        self.region = spec.get("region", "osc-fr1")
        self.created_at = time.time() - 90 * 86400
        self.extra_variables = dict(spec.get("variables", {}))
        self.addons = [Addon(self, a, pg_port, i, None if a.get("provider", "postgresql") != "postgresql" else
                             next_private_host() if a.get("private") else next_host())
                       for i, a in enumerate(spec.get("addons", []))]

    def pg_addons(self):
        return [a for a in self.addons if a.is_pg]

    def variables(self, resolve_aliases):
        """[(name, value)]: each PostgreSQL addon's URL, DATABASE_URL aliasing the first, then the app's own."""
        out = []
        pgs = self.pg_addons()
        for a in pgs:
            out.append((a.variable, a.url()))
        if pgs:
            out.append(("DATABASE_URL", pgs[0].url() if resolve_aliases else "$" + pgs[0].variable))
        for a in self.addons:
            if not a.is_pg:
                out.append(("SCALINGO_%s_URL" % a.provider.upper(),
                            "%s://:%s@%s.example.invalid:6379" % (a.provider, a.password, a.resource_id)))
        out.extend(sorted(self.extra_variables.items()))
        return out


class Operation:
    def __init__(self, kind, addon, durations, on_finish=None, error=None):
        self.id = "op-" + secrets.token_hex(10)
        self.type = kind
        self.addon = addon
        self.created_at = time.time()
        self.durations = durations      # seconds pending, seconds running
        self.on_finish = on_finish
        self.error = error              # the reason it fails, for an operation made to fail
        self.finished = False

    def status(self):
        """pending, then running, then finished (or error, without on_finish), as time passes; runs on_finish once."""
        elapsed = time.time() - self.created_at
        if elapsed < self.durations[0]:
            return "pending"
        if elapsed < self.durations[0] + self.durations[1]:
            return "running"
        if self.error:
            return "error"
        if not self.finished:
            self.finished = True
            if self.on_finish:
                self.on_finish()
        return "finished"

    def json(self):
        status = self.status()
        end = self.created_at + sum(self.durations)
        return {"id": self.id, "type": self.type, "status": status, "database_id": self.addon.id,
                "created_at": iso(self.created_at),
                "finished_at": iso(end) if status in ("finished", "error") else None,
                "error": self.error if status == "error" else None}


class State:
    def __init__(self, config):
        self.lock = threading.RLock()
        self.config = config
        self.tokens = Tokens()
        self.jwt_ttl = config.get("jwt_ttl", 3600)
        self.addon_token_ttl = config.get("addon_token_ttl", 3600)
        self.operation_seconds = config.get("operation_seconds", [1, 2])
        self.accounts = config.get("tokens", {})
        for token in self.accounts:
            record_secret("api-token", token)
        self.revoked_before = 0
        pg_port = config["postgres"]["port"]
        # each database on a host of its own, as on the platform: the server's extra addresses in turn
        hosts = itertools.cycle(config["postgres"].get("hosts") or ["localhost"])
        # the addresses only the region's SSH gateway leads to (tests/lib/sshgateway.py)
        private_hosts = itertools.cycle(config["postgres"].get("private_hosts") or ["127.0.0.20"])
        self.apps = {a["name"]: App(a, pg_port, lambda: next(hosts), lambda: next(private_hosts))
                     for a in config.get("apps", [])}
        self.addons = {ad.id: ad for app in self.apps.values() for ad in app.addons}
        self.operations = {}
        self.counts = {}
        self.connections = {}       # listener -> {"opened": TCP connections, "resumed": TLS sessions resumed}
        self.log = []
        self.faults = []
        self.arrivals = []          # "METHOD path" of every request, as it arrives
        self.arrived = threading.Condition(self.lock)
        self.regions = [dict(name=n, display_name=d) for n, d in
                        config.get("regions", DEFAULT_REGIONS)]
        self.downloads = {}         # pre-signed download token -> backup
        self.history = []           # (time, metrics sample), the last few hours

    def sample(self, backend):
        """A metrics sample of the server, kept for the history endpoints."""
        s = backend.proc.sample()
        now = time.time()
        with self.lock:
            self.history.append((now, s))
            while self.history and self.history[0][0] < now - 24 * 3600:
                self.history.pop(0)
        return s

    def count(self, listener, method, path, status, auth, headers=None):
        with self.lock:
            key = "%s %s %s" % (listener, method, path)
            self.counts[key] = self.counts.get(key, 0) + 1
            entry = {"listener": listener, "method": method, "path": path, "status": status, "auth": auth,
                     "time": time.time()}
            entry.update(headers or {})
            self.log.append(entry)
            del self.log[:-2000]

    def connected(self, listener, resumed):
        """A connection's first request: whether its TLS handshake resumed an earlier session."""
        with self.lock:
            c = self.connections.setdefault(listener, {"opened": 0, "resumed": 0})
            c["opened"] += 1
            c["resumed"] += 1 if resumed else 0

    def arrive(self, method, path):
        with self.lock:
            self.arrivals.append("%s %s" % (method, path))
            self.arrived.notify_all()

    def wait_arrival(self, pattern, since, patience):
        """Whether a request whose "METHOD path" matches pattern arrives (or arrived after
        arrival number since) within patience seconds."""
        deadline = time.time() + patience
        with self.lock:
            while not any(re.search(pattern, a) for a in self.arrivals[since:]):
                left = deadline - time.time()
                if left <= 0:
                    return False
                self.arrived.wait(left)
            return True

    def take_fault(self, listener, method, path):
        """The first injected fault matching this request, consumed; or None."""
        with self.lock:
            for f in self.faults:
                if f.get("listener") not in (None, listener) or f.get("method") not in (None, method):
                    continue
                if not re.search(f["match"], path):
                    continue
                f["count"] -= 1
                if f["count"] <= 0:
                    self.faults.remove(f)
                return dict(f)
        return None

    def issue_user_jwt(self, account):
        now = time.time()
        return record_secret("jwt", self.tokens.issue({"kind": "user", "sub": account.get("id", "us-1"), "iat": now,
                                                       "exp": int(now + self.jwt_ttl),
                                                       "jti": secrets.token_hex(8)}))

    def issue_addon_token(self, addon):
        now = time.time()
        return record_secret("addon-token", self.tokens.issue({"kind": "addon", "addon": addon.id,
                                                               "app": addon.app.name, "iat": now,
                                                               "exp": int(now + self.addon_token_ttl),
                                                               "jti": secrets.token_hex(8)}))

    def check_user_jwt(self, token):
        claims = self.tokens.verify(token, "user")
        if claims and claims["iat"] >= self.revoked_before:
            return claims
        return None

    def check_addon_token(self, token, addon_id):
        claims = self.tokens.verify(token, "addon")
        if claims and claims["iat"] >= self.revoked_before and (addon_id is None or claims["addon"] == addon_id):
            return claims
        return None
