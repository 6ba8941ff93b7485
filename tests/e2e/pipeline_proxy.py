"""A TCP proxy between a client and the test server that shows whether the client sends statements
ahead of their results (tests/e2e/test_pipeline.py).

It reads the PostgreSQL protocol the client sends (no TLS: the client must use sslmode=disable)
and counts its messages by type.  From the client's first Parse message on, it holds back what
the server answers until the client has sent `release_after` Parse messages, or `patience`
seconds have passed, and records how many Parse messages it had received when it let the first
answer through.  A client that waits for each answer before sending the next statement can
therefore never reach more than 1, whatever the timing; one that sends ahead reaches
`release_after` at once.  Psql's simple Query messages are counted but never held.
"""

import socket
import struct
import threading
import time


class PipelineProxy:
    def __init__(self, target_port, release_after=5, patience=5.0, target_host="127.0.0.1"):
        self.target = (target_host, target_port)
        self.release_after = release_after
        self.patience = patience
        self.lock = threading.Condition()
        self.counts = {}                 # message type (a one-letter str) -> how many the client sent
        self.parses_at_release = None    # Parse messages received when the first held answer went out
        self.armed_at = None
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self):
        self.closed = True
        self.listener.close()

    def count(self, kind):
        with self.lock:
            return self.counts.get(kind, 0)

    # ---- plumbing ----

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._client_to_server, args=(client, server), daemon=True).start()
            threading.Thread(target=self._server_to_client, args=(server, client), daemon=True).start()

    def _client_to_server(self, client, server):
        pending = b""
        started = False
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                # noted before they reach the server: its answer must not find the proxy unarmed
                pending += data
                pending, started = self._note_messages(pending, started)
                server.sendall(data)
        except OSError:
            pass
        finally:
            _shut(server)

    def _note_messages(self, pending, started):
        while True:
            if not started:
                # the startup packet: a length, no type byte
                if len(pending) < 4:
                    return pending, started
                length = struct.unpack("!I", pending[:4])[0]
                if len(pending) < length:
                    return pending, started
                pending, started = pending[length:], True
                continue
            if len(pending) < 5:
                return pending, started
            kind = chr(pending[0])
            length = struct.unpack("!I", pending[1:5])[0]
            if len(pending) < 1 + length:
                return pending, started
            pending = pending[1 + length:]
            with self.lock:
                self.counts[kind] = self.counts.get(kind, 0) + 1
                if kind == "P" and self.armed_at is None:
                    self.armed_at = time.monotonic()
                self.lock.notify_all()

    def _server_to_client(self, server, client):
        try:
            while True:
                data = server.recv(65536)
                if not data:
                    break
                self._hold_back()
                client.sendall(data)
        except OSError:
            pass
        finally:
            _shut(client)

    def _hold_back(self):
        with self.lock:
            if self.armed_at is None or self.parses_at_release is not None:
                return
            deadline = self.armed_at + self.patience
            while self.counts.get("P", 0) < self.release_after and time.monotonic() < deadline:
                self.lock.wait(max(0.0, deadline - time.monotonic()))
            self.parses_at_release = self.counts.get("P", 0)


def _shut(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
