#!/usr/bin/env python3
"""
Starting the stand-in (as a child process) against a PostgreSQL server, and the
environment that points pgconsole at it.  Used by the end-to-end tests, by
`make demo` and by bench/platform:

    launch.py demo -- COMMAND...    a throwaway server with TLS, the stand-in with demo-app,
                                    COMMAND run in the terminal with the right environment;
                                    everything stopped and removed however it ends (the
                                    command exits, a hang-up, SIGTERM, a failed start)
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DEMO_TOKEN = "tk-us-demo-0123456789abcdefghijklmnopqrstuvwxyz"


class StandIn:
    """
    The stand-in process serving apps whose databases live on pg (socket_dir, port, superuser, ca,
    and the addresses it listens on besides 127.0.0.1: hosts, one per database in turn).
    """

    def __init__(self, pg, apps, directory=None, tokens=None, **config):
        self.dir = directory or tempfile.mkdtemp(prefix="pgconsole-standin-")
        os.makedirs(self.dir, exist_ok=True)
        self.token = DEMO_TOKEN
        self.config = dict(config)
        self.config.update({
            "state_dir": self.dir,
            "postgres": {"socket_dir": pg.socket_dir, "port": pg.port, "superuser": pg.superuser,
                         "ca_file": pg.ca, "hosts": list(getattr(pg, "hosts", ())),
                         "private_hosts": list(getattr(pg, "private_hosts", ()))},
            "tokens": tokens or {self.token: {"id": "us-demo", "username": "demo"}},
            "apps": apps,
        })
        self.proc = None
        self.ready = None

    def start(self, timeout=240):     # its databases and roles are made first: slow on a busy machine
        config = os.path.join(self.dir, "config.json")
        ready = os.path.join(self.dir, "ready.json")
        with open(config, "w") as f:
            json.dump(self.config, f)
        log = open(os.path.join(self.dir, "standin.log"), "w")
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "standin.py"), "--config", config,
                                      "--ready", ready], stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        log.close()
        deadline = time.time() + timeout
        while not os.path.exists(ready):
            if self.proc.poll() is not None or time.time() > deadline:
                with open(os.path.join(self.dir, "standin.log")) as f:
                    raise RuntimeError("the stand-in did not start:\n" + f.read())
            time.sleep(0.05)
        with open(ready) as f:
            self.ready = json.load(f)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def ca_file(self):
        return self.ready["ca_file"]

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.ready["admin_url"] + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read() or b"null")

    def counts(self):
        return self.admin("GET", "/requests")["counts"]

    def connections(self):
        """{listener: {"opened": connections that carried a request, "resumed": TLS sessions resumed}}"""
        return self.admin("GET", "/requests")["connections"]

    def fault(self, match, **kw):
        kw["match"] = match
        self.admin("POST", "/faults", kw)

    def apps(self):
        return self.admin("GET", "/apps")

    def env(self, base=None, token=True, cache_dir=None):
        """pgconsole's environment: the stand-in's auth URL and CA, an API token, a cache of its own."""
        env = dict(base if base is not None else os.environ)
        for k in list(env):
            if k.startswith("SCALINGO_"):
                del env[k]
        env["SCALINGO_AUTH_URL"] = self.ready["auth_url"]
        env["SSL_CERT_FILE"] = self.ca_file
        if token:
            env["SCALINGO_API_TOKEN"] = self.token
        if cache_dir:
            env["XDG_CACHE_HOME"] = cache_dir
        return env


# Internet Accessibility on: the demo has no SSH gateway
DEMO_APPS = [{"name": "demo-app", "region": "osc-fr1", "variables": {"RAILS_ENV": "production"},
              "addons": [{"id": "ad-demo-postgresql", "provider": "postgresql", "plan": "postgresql-business-1024",
                          "next_version": "15.99.0-1", "features": ["force-ssl", "publicly-available"]},
                         {"id": "ad-demo-redis", "provider": "redis", "plan": "redis-starter-256"}]}]

DEMO_SQL = """
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, created_at timestamptz
    DEFAULT now());
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers, amount numeric(10,2),
    status text CHECK (status IN ('pending', 'paid', 'shipped')), ordered_at timestamptz DEFAULT now());
INSERT INTO customers (name, email)
    SELECT 'Customer ' || i, 'customer' || i || '@example.com' FROM generate_series(1, 50) i;
INSERT INTO orders (customer_id, amount, status, ordered_at)
    SELECT 1 + i % 50, round((random() * 200)::numeric, 2), (ARRAY['pending','paid','shipped'])[1 + i % 3],
           now() - i * interval '3 hours' FROM generate_series(1, 500) i;
CREATE VIEW revenue_by_status AS SELECT status, count(*) AS orders, sum(amount) AS revenue FROM orders
    GROUP BY status;
"""


def load_demo_data(standin, app="demo-app"):
    addon = [a for a in standin.apps()[app]["addons"] if a["provider"] == "postgresql"][0]
    psql = os.path.join(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"), "psql")
    subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", addon["url"]], input=DEMO_SQL, text=True,
                   check=True, capture_output=True)


class Demo:
    """A throwaway cluster, the stand-in with demo-app and its data, a private cache and history, all in one
    temporary folder so that a start cut short still leaves nothing behind."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="pgconsole-demo-")
        os.chmod(self.root, 0o755)     # the server's user ('postgres' under root) must reach its folder
        self.home = os.path.join(self.root, "home")
        os.mkdir(self.home)
        self.cluster = None
        self.standin = None

    def start(self, between_steps=lambda: None):
        sys.path.insert(0, os.path.join(HERE, "..", "lib"))
        import pgcluster
        self.cluster = pgcluster.Cluster(os.path.join(self.root, "pg"), ca_subject="pgconsole stand-in database CA",
                                         listen=("127.0.0.1",) + pgcluster.DATABASE_HOSTS)
        between_steps()
        self.cluster.start()
        between_steps()
        self.standin = StandIn(self.cluster, DEMO_APPS, directory=os.path.join(self.root, "standin"))
        self.standin.start()
        between_steps()
        load_demo_data(self.standin)
        return self

    def env(self):
        env = self.standin.env(cache_dir=os.path.join(self.home, "cache"))
        env["PSQL_HISTORY"] = os.path.join(self.home, "history")
        return env

    def cleanup(self):
        if self.standin:
            self.standin.cleanup()
        if self.cluster:
            self.cluster.cleanup()
        shutil.rmtree(self.root, ignore_errors=True)


class Ended(Exception):
    """The demo was told to end by a signal (a closed terminal, kill)."""


class EndSignals:
    """SIGHUP and SIGTERM end the demo.  While servers start or stop, a signal only takes note (a start cut in
    the middle of a step could not be undone); the demo ends at the next step.  While the console runs, it
    ends at once.  Further signals never interrupt the cleanup."""

    def __init__(self):
        self.received = None
        self.immediate = False
        for signum in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, frame):
        if self.received is None:
            self.received = signum
            if self.immediate:
                raise Ended()

    def check(self):
        if self.received is not None:
            raise Ended()

    def interrupt_now(self, allowed):
        self.immediate = allowed
        if allowed:
            self.check()


def say(text):
    # after a hang-up the terminal is gone: writing to it fails, which must not stop the cleanup
    try:
        print(text, file=sys.stderr, flush=True)
    except OSError:
        pass


def stop_console(console, signum):
    """Passes the signal on to the console (its terminal settings are restored that way); kills it if it
    lingers."""
    if console.poll() is not None:
        return
    try:
        console.send_signal(signum)
        console.wait(5)
    except subprocess.TimeoutExpired:
        console.kill()
        console.wait()


def why_it_failed(error):
    """One line (and the failed program's own words) for a start that failed."""
    if not isinstance(error, subprocess.CalledProcessError):
        return str(error)
    program = next((a for a in error.cmd if os.sep in a), error.cmd[0])
    said = error.stderr or error.output or ""
    if isinstance(said, bytes):
        said = said.decode(errors="replace")
    return "%s failed (exit status %d)%s" % (os.path.basename(program), error.returncode,
                                              ":\n" + said.strip() if said.strip() else "")


def demo(command):
    sys.path.insert(0, HERE)
    # Ctrl-C belongs to the console; a handler (unlike SIG_IGN) is not inherited by the command
    signal.signal(signal.SIGINT, lambda *a: None)
    ending = EndSignals()
    d = console = None
    try:
        say("Starting a throwaway PostgreSQL 15 with TLS and the Scalingo stand-in...")
        d = Demo()
        d.start(between_steps=ending.check)
        ending.check()
        say("Opening: %s\n" % " ".join(command))
        console = subprocess.Popen(command, env=d.env())
        ending.interrupt_now(True)
        status = console.wait()
        ending.interrupt_now(False)
        return status if status >= 0 else 128 - status     # a console killed by signal N: 128 + N, as a shell says
    except Ended:
        ending.interrupt_now(False)
        return 128 + ending.received
    except (subprocess.CalledProcessError, RuntimeError, OSError) as e:
        say("The demo could not start: %s" % why_it_failed(e))
        return 1
    finally:
        ending.interrupt_now(False)
        if console is not None:
            stop_console(console, ending.received or signal.SIGTERM)
        say("Stopping and removing the demo server and stand-in.")
        if d is not None:
            d.cleanup()


def main(argv):
    if len(argv) >= 3 and argv[1] == "demo" and argv[2] == "--":
        return demo(argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
