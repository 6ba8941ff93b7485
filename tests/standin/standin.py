#!/usr/bin/env python3
"""
The platform stand-in: the Scalingo auth, regional and database APIs of
../../shared/platform-api.md (docs/platform.md in this repository describes what
pgconsole uses), served over HTTPS from a throwaway CA on loopback, for apps whose
PostgreSQL addons are real databases on a local server.  A test fixture.

    standin.py --config CONFIG.json --ready READY.json

CONFIG: {"state_dir", "postgres": {"socket_dir", "port", "superuser", "ca_file", "pg_bin", "hosts",
         "private_hosts"}, "tokens": {API_TOKEN: {"id", "username"}}, "apps": [{"name", "region", "variables",
         "addons": [{"id", "provider", "plan", "db", "host", "variable", "next_version", "features",
         "private"}]}], "regions": [[name, display name]], "jwt_ttl", "addon_token_ttl", "operation_seconds",
         "feature_delay", "metrics_interval", "ssh_gateway",
         "fail": [what fails: backup, pitr_restore, upgrade]}
An addon's "features" are activated from the start (["force-ssl", "publicly-available"]: Internet
Accessibility); a "private" one gets an address of "private_hosts", which only the region's SSH
gateway ("ssh_gateway", the regions' "ssh" field; settable with POST /config) leads to.
READY (written once serving): {"auth_url", "regions": {name: {"api", "db"}}, "admin_url", "ca_file"}

The admin listener (plain HTTP, loopback) takes: GET /requests (counts per listener,
method and path, the connections per listener, {"opened", "resumed"} (TLS sessions resumed), and the log), POST /reset, POST /faults (a fault or a list: {"match":
regex on the path, "listener", "method", "count", "mode": status|malformed|truncated|cut|
close|huge (a 200 of "size" bytes, 40 MiB by default), "status", "body", "headers", "retry_after", "delay",
"content_type", "until": a regex on the path of another request this one waits for (it answers 409 when that one
has not arrived "patience" seconds later, default 10: shows that a client sends them at the same time)}), GET /faults
(those not taken yet), DELETE /faults, POST /revoke (tokens issued so far are refused), POST /rotate ({"addon": id}: a
new password for the addon's user), POST /move ({"addon": id, "host": address}: the database answers at another
address from now on, as after a failover), POST /config, GET /apps.
"""

import argparse
import json
import os
import secrets
import signal
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))

import pgcluster  # noqa: E402
import routes_database  # noqa: E402,F401  (registers its routes)
import routes_regional  # noqa: E402,F401
from pgbackend import Backend  # noqa: E402
from state import State, record_secret  # noqa: E402
from web import Listener  # noqa: E402


class Admin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def do_GET(self):
        st = self.server.app_state
        with st.lock:
            if self.path == "/requests":
                return self.reply(200, {"counts": st.counts, "connections": st.connections, "log": st.log})
            if self.path == "/faults":
                # what is not taken yet: a test sees when a request reached its fault (a delay holds the answer)
                return self.reply(200, st.faults)
            if self.path == "/apps":
                return self.reply(200, {name: {"region": a.region, "addons": [
                    {"id": ad.id, "db": ad.db, "user": ad.db, "host": ad.host, "url": ad.url(),
                     "variable": ad.variable, "provider": ad.provider, "private": ad.private,
                     "features": dict(ad.features)} for ad in a.addons]}
                    for name, a in st.apps.items()})
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        st = self.server.app_state
        body = self.body()
        with st.lock:
            if self.path == "/reset":
                st.counts.clear()
                st.connections.clear()
                st.log.clear()
                st.faults.clear()
            elif self.path == "/faults":
                for f in body if isinstance(body, list) else [body]:
                    f.setdefault("count", 1)
                    f["since"] = len(st.arrivals)
                    st.faults.append(f)
            elif self.path == "/rotate":
                # the platform rotating an addon's password (its URL changes, caches go stale)
                addon = st.addons[body["addon"]]
                addon.password = record_secret("db-password", secrets.token_urlsafe(24))
                self.server.backend.set_password(addon.db, addon.password)
            elif self.path == "/move":
                st.addons[body["addon"]].host = body["host"]
            elif self.path == "/revoke":
                st.revoked_before = time.time()
            elif self.path == "/config":
                st.config.update(body or {})
                for key in ("jwt_ttl", "addon_token_ttl", "operation_seconds"):
                    if key in (body or {}):
                        setattr(st, key, body[key])
            else:
                return self.reply(404, {"error": "not found"})
        self.reply(200, {"ok": True})

    def do_DELETE(self):
        if self.path != "/faults":
            return self.reply(404, {"error": "not found"})
        with self.server.app_state.lock:
            self.server.app_state.faults.clear()
        self.reply(200, {"ok": True})


def tls_context(directory):
    ca = pgcluster.CA(directory, "api-ca", "pgconsole stand-in API CA")
    crt, key = ca.issue("api", ("localhost",), ("127.0.0.1",))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(crt, key)
    return ctx, ca.cert


def serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()


def sampler(state, backend, interval):
    while True:
        try:
            state.sample(backend)
        except Exception:
            pass
        time.sleep(interval)


def start(config):
    state = State(config)
    backend = Backend(config["postgres"])
    for addon in state.addons.values():
        if addon.is_pg:
            backend.ensure_addon(addon)
            if "force-ssl" in addon.features:
                backend.set_force_ssl(addon, True)
    tls, ca_file = tls_context(os.path.join(config["state_dir"], "tls"))
    urls = {}
    listeners = [Listener("auth", None, tls, state, backend, urls)]
    for r in state.regions:
        api = Listener("api", r["name"], tls, state, backend, urls)
        db = Listener("db", r["name"], tls, state, backend, urls)
        urls[r["name"]] = {"api": api.url, "db": db.url}
        listeners += [api, db]
    admin = ThreadingHTTPServer(("127.0.0.1", 0), Admin)
    admin.daemon_threads = True
    admin.app_state = state
    admin.backend = backend
    for server in listeners + [admin]:
        serve(server)
    threading.Thread(target=sampler, args=(state, backend, config.get("metrics_interval", 10)),
                     daemon=True).start()
    ready = {"auth_url": listeners[0].url, "regions": urls, "ca_file": ca_file,
             "admin_url": "http://127.0.0.1:%d" % admin.server_address[1]}
    return state, backend, ready


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--ready", required=True)
    args = parser.parse_args()
    with open(args.config) as f:
        config = json.load(f)
    os.makedirs(config["state_dir"], exist_ok=True)
    state, backend, ready = start(config)
    tmp = args.ready + ".tmp"
    with open(tmp, "w") as f:
        json.dump(ready, f)
    os.rename(tmp, args.ready)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    while not stop.wait(0.5):
        pass
    # leave the server's pg_hba.conf as it was found
    for addon in state.addons.values():
        if addon.is_pg and "force-ssl" in addon.features:
            try:
                backend.set_force_ssl(addon, False)
            except Exception:
                pass


if __name__ == "__main__":
    main()
