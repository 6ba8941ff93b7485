"""pgconsole --app APP and the security review's findings: https only, tokens from the API checked before they
go into a header, secrets wiped from memory once used, private files that stay private."""

import http.server
import json
import os
import re
import subprocess
import threading

import harness
from platform_fixture import APP_SECRET, PlatformCase


class CaptureServer(http.server.ThreadingHTTPServer):
    """A plain-HTTP listener on loopback that records what reaches it: a request here is a credential in cleartext."""

    daemon_threads = True

    def __init__(self):
        self.seen = []
        super().__init__(("127.0.0.1", 0), CaptureHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def stop(self):
        self.shutdown()
        self.server_close()


class CaptureHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.seen.append((self.command, self.path, self.headers.get("Authorization")))
        data = json.dumps({"token": "x", "regions": [], "addons": [], "variables": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = handle_any


class HttpsOnlyTest(PlatformCase):
    def setUp(self):
        super().setUp()
        self.capture = CaptureServer()
        self.addCleanup(self.capture.stop)

    def db_url(self):
        return self.st.ready["regions"]["osc-fr1"]["db"]

    def api_url(self):
        return self.st.ready["regions"]["osc-fr1"]["api"]

    def assertNothingSent(self):
        self.assertEqual(self.capture.seen, [])

    def test_http_auth_url_is_refused(self):
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(SCALINGO_AUTH_URL=self.capture.url))
        self.assertOneError(r, "SCALINGO_AUTH_URL (http://127.0.0.1:", "is not an https:// URL")
        self.assertNothingSent()
        self.assertEqual(self.delta(before, self.counts()), {})

    def test_http_api_url_is_refused(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1",
                     env=self.env(SCALINGO_API_URL=self.capture.url, SCALINGO_DB_URL=self.db_url()))
        self.assertOneError(r, "SCALINGO_API_URL", "is not an https:// URL")
        self.assertNothingSent()

    def test_http_db_url_is_refused(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1",
                     env=self.env(SCALINGO_API_URL=self.api_url(), SCALINGO_DB_URL=self.capture.url + "/api"))
        self.assertOneError(r, "SCALINGO_DB_URL", "is not an https:// URL")
        self.assertNothingSent()

    def test_other_schemes_are_refused(self):
        for value in ("file:///etc", "ftp://127.0.0.1:%d" % self.capture.server_address[1],
                      "127.0.0.1:%d" % self.capture.server_address[1]):
            r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(SCALINGO_AUTH_URL=value))
            self.assertOneError(r, "SCALINGO_AUTH_URL", "is not an https:// URL")
        self.assertNothingSent()

    def regions_with(self, api, db):
        return {"regions": [{"name": "osc-fr1", "display_name": "Paris", "api": api, "database_api": db,
                             "ssh": "ssh.osc-fr1.example.invalid:22", "default": True}]}

    def test_http_api_from_the_regions_answer_is_refused(self):
        self.st.fault("^/v1/regions$", status=200, body=self.regions_with(self.capture.url, self.db_url()))
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "region osc-fr1 an API that is not https (http://127.0.0.1:")
        self.assertNothingSent()

    def test_http_database_api_from_the_regions_answer_is_refused(self):
        self.st.fault("^/v1/regions$", status=200, body=self.regions_with(self.api_url(), self.capture.url))
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "region osc-fr1 an API that is not https (http://127.0.0.1:")
        self.assertNothingSent()

    def test_a_redirect_is_not_followed(self):
        for target in (self.capture.url + "/v1/apps/my-app/addons", self.db_url() + "/v1/apps/my-app/addons"):
            before = self.counts()
            self.st.fault("^/v1/apps/my-app/addons$", status=302, headers={"Location": target}, body="")
            r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
            self.assertOneError(r, "302 to GET ", "/v1/apps/my-app/addons")
            # neither the cleartext listener nor another host of the platform saw the JWT
            self.assertNothingSent()
            self.assertNotIn("db GET /v1/apps/my-app/addons", self.delta(before, self.counts()))


class TokensFromTheApiTest(PlatformCase):
    """A token the API hands out goes into the Authorization header of later calls: CR or LF in it would add headers."""

    def test_jwt_with_a_newline_is_refused(self):
        self.st.fault("^/v1/tokens/exchange$", status=200, body={"token": "eyJ.e30.sig\r\nX-Injected: 1"})
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "unexpected answer from the Scalingo auth API", '"token" holds characters no token has')
        # nothing went out with it
        self.assertEqual(self.delta(before, self.counts()), {"auth POST /v1/tokens/exchange": 1})

    def test_addon_token_with_a_newline_is_refused(self):
        self.st.fault("^/v1/apps/my-app/addons/ad-my-app-pg/token$", status=200,
                      body={"addon": {"id": "ad-my-app-pg", "token": "tok\r\nX-Injected: 1"}})
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "unexpected answer from the Scalingo API", '"addon.token" holds characters no token has')
        self.assertFalse([k for k in self.delta(before, self.counts()) if k.startswith("db ")],
                         self.delta(before, self.counts()))


def process_memory(pid):
    """The writable memory of a process, region by region (read through /proc/PID/mem)."""
    with open("/proc/%d/maps" % pid) as f:
        maps = f.read().splitlines()
    with open("/proc/%d/mem" % pid, "rb", buffering=0) as mem:
        for line in maps:
            m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
            start, end, perms = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            # the heap, the stacks and anonymous mappings; not the sanitizers' shadow (terabytes, reserved)
            if not perms.startswith("rw") or end - start > 1 << 30:
                continue
            try:
                mem.seek(start)
                yield mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue


class SecretsWipedTest(PlatformCase):
    """Once the session is connected, no answer of the API that held secrets lingers in pgconsole's memory."""

    def test_answers_are_wiped_once_used(self):
        url = self.pg_addon("my-app")["url"]
        credentials = url.split("://", 1)[1].split("@", 1)[0] + "@"    # "user:password@": only the URL has it
        needles = {"an app variable it never needed": APP_SECRET.encode(), "the database URL": credentials.encode()}
        proc = subprocess.Popen([harness.binary(), "--app", "my-app", "-X", "-At", "-f", "-"], env=self.env(),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        proc.stdin.write(b"select 1;\n")
        proc.stdin.flush()
        # connected and idle, waiting for the next line
        self.assertEqual(proc.stdout.readline(), b"1\n")
        try:
            regions = list(process_memory(proc.pid))
        except PermissionError:
            self.skipTest("this user cannot read the memory of a process that is not dumpable")
        self.assertTrue(regions)
        found = [what for what, needle in needles.items() if any(needle in r for r in regions)]
        # the scan sees the heap: the API token, which the session keeps for its dashboard calls, is there
        self.assertTrue(any(self.st.token.encode() in r for r in regions))
        proc.stdin.close()
        err = proc.stderr.read()
        self.assertEqual((proc.wait(timeout=60), err), (0, b""))
        self.assertEqual(found, [], "still in memory")
