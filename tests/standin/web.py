"""
HTTP plumbing of the stand-in: a route table filled by the route modules, one
handler class for every listener (auth, regional API, database API: each on its
own TLS port, as they are separate hosts on the platform), request counting, and
the injected faults (status, delay, malformed or truncated bodies, cut connections).
"""

import base64
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = []  # (listener kind, method, compiled regex, handler)


class HttpError(Exception):
    def __init__(self, status, body=None, headers=None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def route(kind, method, pattern):
    def register(fn):
        ROUTES.append((kind, method, re.compile("^" + pattern + "$"), fn))
        return fn
    return register


class Context:
    """What a route handler sees of its request."""

    def __init__(self, handler, match, query, body):
        self.handler = handler
        self.state = handler.server.app_state
        self.backend = handler.server.backend
        self.server_urls = handler.server.server_urls
        self.region = handler.server.region
        self.headers = handler.headers
        self.match = match
        self.query = query
        self.body = body

    def later(self, when, fn):
        t = threading.Timer(max(0.0, when - time.time()), fn)
        t.daemon = True
        t.start()


def _encode(body):
    if body is None:
        return b"", None
    if isinstance(body, (bytes, bytearray)):
        return bytes(body), "application/octet-stream"
    if isinstance(body, str):
        return body.encode(), "text/plain; charset=utf-8"
    return json.dumps(body).encode(), "application/json; charset=utf-8"


def _auth_kind(headers):
    """The scheme of the Authorization header, and for Basic whether the user name is empty: never the secret."""
    auth = headers.get("Authorization", "")
    scheme = auth.split(" ", 1)[0] if auth else ""
    if scheme == "Basic":
        try:
            user = base64.b64decode(auth[6:].strip()).decode().partition(":")[0]
            return "Basic(empty user)" if user == "" else "Basic(user)"
        except (ValueError, UnicodeDecodeError):
            return "Basic(invalid)"
    return scheme


def _seen_headers(headers):
    return {"user_agent": headers.get("User-Agent", ""), "accept": headers.get("Accept", ""),
            "content_type": headers.get("Content-Type", "")}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "standin/1"
    # as the platform's servers (Go's net/http, nginx) do: without it, Nagle's algorithm holds an
    # answer's body until the client's delayed ACK of its headers, 40 ms on every request
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def parse_body(self, raw):
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise HttpError(400, {"error": "the body is not valid JSON", "code": "invalid_json"})

    def route(self, method, path, query, raw):
        kind = self.server.kind
        found_path = False
        for k, m, rx, fn in ROUTES:
            if k != kind:
                continue
            match = rx.match(path)
            if not match:
                continue
            found_path = True
            if m == method:
                ctx = Context(self, match.groupdict(), query, self.parse_body(raw))
                result = fn(ctx)
                return result if len(result) == 3 else (result[0], result[1], {})
        if found_path:
            raise HttpError(405, {"error": "method not allowed"})
        raise HttpError(404, {"resource": "route", "error": "not found"})

    def dispatch(self, method):
        if not getattr(self, "counted", False):
            # counted at its first request: the handshake is done, and a connection a client opens
            # and leaves unused is not one it made for a call
            self.counted = True
            self.server.app_state.connected(self.server.kind, getattr(self.request, "session_reused", False))
        parsed = urllib.parse.urlsplit(self.path)
        path = parsed.path
        query = dict(urllib.parse.parse_qsl(parsed.query))
        shown = "/download/***" if path.startswith("/download/") else path
        # read the whole body first: what is left unread would be taken for the next request
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.server.app_state.arrive(method, shown)
        fault = self.server.app_state.take_fault(self.server.kind, method, shown)
        if fault and fault.get("delay"):
            time.sleep(fault["delay"])
        if fault and fault.get("until") and not self.server.app_state.wait_arrival(
                fault["until"], fault.get("since", 0), fault.get("patience", 10)):
            fault = {"status": 409, "body": {"error": "asked alone: no request for %s came meanwhile"
                                             % fault["until"]}}
        if fault and fault.get("mode") == "close":
            self.server.app_state.count(self.server.kind, method, shown, 0, _auth_kind(self.headers),
                                        _seen_headers(self.headers))
            self.close_connection = True
            return
        try:
            if fault and fault.get("mode", "status") == "status" and "status" in fault:
                status, body, headers = self.fault_answer(fault)
            else:
                status, body, headers = self.route(method, path, query, raw)
        except HttpError as e:
            status, body, headers = e.status, e.body, e.headers
        except Exception as e:  # a fixture: say what broke instead of hanging the client
            status, body, headers = 500, {"error": "stand-in failure: %s" % e}, {}
        self.server.app_state.count(self.server.kind, method, shown, status, _auth_kind(self.headers),
                                    _seen_headers(self.headers))
        self.answer(status, body, headers, fault)

    @staticmethod
    def fault_answer(fault):
        status = fault["status"]
        body = fault.get("body")
        headers = dict(fault.get("headers") or {})
        if status == 429:
            headers.setdefault("Retry-After", str(fault.get("retry_after", 1)))
            if body is None:
                body = {"error": "rate limit exceeded: 60 requests per minute", "code": "rate_limited"}
        return status, body, headers

    def answer_huge(self, size):
        """A 200 larger than any answer a client should keep, streamed rather than built."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b" " * 65536
        while size > 0:
            self.wfile.write(chunk[:size])
            size -= len(chunk)

    def answer(self, status, body, headers, fault=None):
        data, ctype = _encode(body)
        mode = fault.get("mode") if fault else None
        if mode == "huge":
            self.close_connection = True
            return self.answer_huge(fault.get("size", 40 << 20))
        if mode == "malformed":
            status, data, ctype = 200, (fault.get("body") or '{"oops": <html>').encode(), "application/json"
        elif mode == "truncated":
            data = data[:max(1, len(data) // 2)]
        if fault and fault.get("content_type"):
            ctype = fault["content_type"]
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode == "cut":
            # the declared length is never reached: the connection drops mid-body
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)


class Listener(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, kind, region, tls, app_state, backend, server_urls):
        super().__init__(("127.0.0.1", 0), Handler)
        self.kind = kind
        self.region = region
        self.app_state = app_state
        self.backend = backend
        self.server_urls = server_urls
        # the handshake happens in the handler thread, so one slow client cannot stall accept()
        self.socket = tls.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    @property
    def url(self):
        return "https://127.0.0.1:%d" % self.server_address[1]

    def handle_error(self, request, client_address):
        pass
