"""pgconsole --app APP when something goes wrong: one clear line, a non-zero exit, no hang, no secret."""

import os
import signal
import subprocess
import time

import harness
from platform_fixture import PlatformCase, sanitized

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True


class PlatformCredentialErrorsTest(PlatformCase):
    def test_no_token(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(token=False))
        self.assertOneError(r, "no Scalingo API token", "scalingo login", "SCALINGO_API_TOKEN")

    def test_auth_file_entry_without_user_is_ignored(self):
        os.makedirs(os.path.join(self.home, ".config", "scalingo"))
        with open(os.path.join(self.home, ".config", "scalingo", "auth"), "w") as f:
            f.write('{"auth_config_data": {"127.0.0.1": {"tokens": {"token": "%s"}}}}' % self.st.token)
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(token=False))
        self.assertOneError(r, "no Scalingo API token for 127.0.0.1", "scalingo login")

    def test_auth_file_is_keyed_by_host_without_port(self):
        os.makedirs(os.path.join(self.home, ".config", "scalingo"))
        port = self.st.ready["auth_url"].rsplit(":", 1)[1]
        with open(os.path.join(self.home, ".config", "scalingo", "auth"), "w") as f:
            f.write('{"auth_config_data": {"127.0.0.1:%s": {"tokens": {"token": "%s"}, "user": {}}}}'
                    % (port, self.st.token))
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(token=False))
        self.assertOneError(r, "no Scalingo API token")

    def test_malformed_auth_file(self):
        os.makedirs(os.path.join(self.home, ".config", "scalingo"))
        with open(os.path.join(self.home, ".config", "scalingo", "auth"), "w") as f:
            f.write('{"auth_config_data": {')
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(token=False))
        self.assertOneError(r, ".config/scalingo/auth is not valid JSON", "scalingo login")

    def test_bad_token(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(SCALINGO_API_TOKEN="tk-us-wrong"))
        self.assertOneError(r, "token from SCALINGO_API_TOKEN was refused (401 to POST ", "/v1/tokens/exchange",
                            "scalingo login")

    def test_token_with_a_newline_is_refused_before_any_request(self):
        before = self.counts()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(SCALINGO_API_TOKEN="tk\r\nX-Evil: 1"))
        self.assertOneError(r, "SCALINGO_API_TOKEN")
        self.assertEqual(self.delta(before, self.counts()), {})

    def test_jwt_refused_twice(self):
        self.st.fault("^/v1/apps/my-app/addons$", status=401, count=2, body={"error": "token revoked"})
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the Scalingo API refused the credentials (401 to GET ", "token revoked",
                            "scalingo login")


class PlatformResolutionErrorsTest(PlatformCase):
    def test_app_not_found_suggests_region(self):
        r = self.pgc("--app", "secnum-app", "-X", "-c", "select 1")
        self.assertOneError(r, 'app "secnum-app" not found in region osc-fr1', "--region",
                            "other regions: osc-secnum-fr1")

    def test_unknown_region(self):
        r = self.pgc("--app", "my-app", "--region", "mars-1", "-X", "-c", "select 1")
        self.assertOneError(r, 'unknown region "mars-1"', "osc-fr1, osc-secnum-fr1")

    def test_no_postgresql_addon(self):
        r = self.pgc("--app", "no-db-app", "-X", "-c", "select 1")
        self.assertOneError(r, 'app "no-db-app" has no PostgreSQL addon')

    def test_several_addons_without_addon_flag(self):
        r = self.pgc("--app", "two-db-app", "-X", "-c", "select 1")
        self.assertOneError(r, 'app "two-db-app" has 2 PostgreSQL addons (ad-two-first, ad-two-second)',
                            "--addon")

    def test_unknown_addon(self):
        r = self.pgc("--app", "my-app", "--addon", "ad-nope", "-X", "-c", "select 1")
        self.assertOneError(r, 'no PostgreSQL addon "ad-nope"', "ad-my-app-pg")

    def test_addon_that_is_not_postgresql(self):
        r = self.pgc("--app", "my-app", "--addon", "ad-my-app-redis", "-X", "-c", "select 1")
        self.assertOneError(r, '"ad-my-app-redis" of app "my-app" is not a PostgreSQL addon')

    def test_missing_variable(self):
        r = self.pgc("--app", "my-app", "--env-var", "scalingo_postgresql_url", "-X", "-c", "select 1")
        self.assertOneError(r, "has no variable scalingo_postgresql_url", "--env-var")

    def test_variable_that_is_not_a_database_url(self):
        r = self.pgc("--app", "my-app", "--env-var", "NOT_A_URL", "-X", "-c", "select 1")
        self.assertOneError(r, "variable NOT_A_URL of app \"my-app\" does not hold a PostgreSQL URL")

    def test_url_whose_host_is_a_socket_is_refused(self):
        r = self.pgc("--app", "my-app", "--env-var", "SOCKET_URL", "-X", "-c", "select 1")
        self.assertOneError(r, "has a host that is not a host name or an IP address")

    def test_url_that_weakens_tls_is_refused(self):
        r = self.pgc("--app", "my-app", "--env-var", "WEAK_TLS_URL", "-X", "-c", "select 1")
        self.assertOneError(r, "ssl_min_protocol_version", "weaken TLS")

    def test_another_scheme_is_not_taken_for_postgresql(self):
        r = self.pgc("--app", "my-app", "--env-var", "SCALINGO_REDIS_URL", "-X", "-c", "select 1")
        self.assertOneError(r, "does not hold a PostgreSQL URL")


class PlatformOptionErrorsTest(PlatformCase):
    def test_platform_options_need_app(self):
        for args, name in ((["--addon", "ad-1"], "--addon"), (["--region", "osc-fr1"], "--region"),
                           (["--env-var", "X"], "--env-var"), (["--sslmode", "require"], "--sslmode")):
            r = self.pgc(*args, "-X", "-c", "select 1")
            self.assertOneError(r, "%s can only be used with --app" % name, rc=1)

    def test_app_with_connection_options(self):
        for extra in (["-h", "db.example.com"], ["-p", "5433"], ["-U", "bob"], ["-d", "other"], ["otherdb"]):
            r = self.pgc("--app", "my-app", *extra, "-X", "-c", "select 1")
            self.assertOneError(r, "--app cannot be combined with -h, -p, -U, -d", rc=1)

    def test_bad_sslmode(self):
        r = self.pgc("--app", "my-app", "--sslmode", "verify-most", "-X", "-c", "select 1")
        self.assertOneError(r, 'invalid --sslmode "verify-most"', rc=1)


class PlatformHttpFaultsTest(PlatformCase):
    def test_rate_limit_then_success(self):
        self.st.fault("^/v1/apps/my-app/variables$", status=429, retry_after=1)
        before, start = self.counts(), time.time()
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1")
        self.assertEqual((r.rc, r.out, r.err), (0, "1\n", ""), r)
        self.assertGreaterEqual(time.time() - start, 1.0)
        self.assertEqual(self.delta(before, self.counts()).get("api GET /v1/apps/my-app/variables"), 2)

    def test_rate_limit_beyond_the_bound_fails_at_once(self):
        self.st.fault("^/v1/apps/my-app/addons$", status=429, retry_after=120)
        start = time.time()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "rate limiting", "429", "try again in 120 s")
        self.assertLess(time.time() - start, 10)

    def test_server_errors_are_retried(self):
        self.st.fault("^/v1/apps/my-app/addons$", status=503, count=2)
        r = self.pgc("--app", "my-app", "-X", "-At", "-c", "select 1")
        self.assertEqual((r.rc, r.out), (0, "1\n"), r)

    def test_server_errors_then_failure(self):
        self.st.fault("^/v1/apps/my-app/addons$", status=500, count=3)
        before, start = self.counts(), time.time()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the Scalingo API failed (500 to GET ", "/v1/apps/my-app/addons",
                            "after 3 attempts")
        self.assertEqual(self.delta(before, self.counts()).get("api GET /v1/apps/my-app/addons"), 3)
        self.assertLess(time.time() - start, 15)

    def test_token_exchange_server_error(self):
        self.st.fault("^/v1/tokens/exchange$", status=502, count=3)
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the Scalingo auth API failed (502 to POST ", "after 3 attempts")

    def test_timeout(self):
        self.st.fault("^/v1/apps/my-app/variables$", mode="delay", delay=3, count=3)
        start = time.time()
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(PGCONSOLE_HTTP_TIMEOUT="0.5"))
        self.assertOneError(r, "no answer from the Scalingo API within 0.5 s", "after 3 attempts")
        self.assertLess(time.time() - start, 20)

    def test_malformed_json(self):
        self.st.fault("^/v1/apps/my-app/addons$", mode="malformed")
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "unexpected answer from the Scalingo API to GET ", "invalid JSON")

    def test_truncated_json(self):
        self.st.fault("^/v1/apps/my-app/variables$", mode="truncated")
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "invalid JSON (premature end of input")

    def test_connection_cut_mid_answer(self):
        self.st.fault("^/v1/apps/my-app/variables$", mode="cut", count=3)
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "the answer of the Scalingo API to GET ", "was cut short")

    def test_answer_of_the_wrong_shape(self):
        self.st.fault("^/v1/apps/my-app/addons$", status=200, body={"addons": [{"id": 7}]})
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, 'field "addons[0].id" is an integer, not a string')

    def test_empty_token_answer(self):
        self.st.fault("^/v1/tokens/exchange$", status=200, body={"token": ""})
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "unexpected answer from the Scalingo auth API", '"token" is empty')

    def test_proxy_environment_is_honoured(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1",
                     env=self.env(HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY=""))
        self.assertOneError(r, "could not reach the Scalingo auth API")


class PlatformTlsErrorsTest(PlatformCase):
    def test_api_certificate_not_trusted(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(SSL_CERT_FILE=harness.server().ca))
        self.assertOneError(r, "could not verify the TLS certificate of the Scalingo auth API", "SSL_CERT_FILE")

    def test_api_certificate_against_the_system_store(self):
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1", env=self.env(SSL_CERT_FILE=None))
        self.assertOneError(r, "could not verify the TLS certificate")

    def test_database_certificate_not_signed_by_the_platform_ca(self):
        with open(self.st.ca_file) as f:
            wrong_ca = f.read()
        self.st.fault("^/api/ca_certificate$", status=200, body=wrong_ca, content_type="application/x-pem-file",
                      count=2)
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertEqual((r.rc, r.out), (2, ""), r)
        self.assertIn("certificate verify failed", r.err)
        self.assertNoSecrets(r.out, r.err)

    def test_garbage_instead_of_a_certificate(self):
        self.st.fault("^/api/ca_certificate$", status=200, body="not a certificate")
        r = self.pgc("--app", "my-app", "-X", "-c", "select 1")
        self.assertOneError(r, "unexpected answer from the Scalingo database API", "no PEM certificate")

    def test_require_connects_whatever_the_ca(self):
        self.st.fault("^/api/ca_certificate$", status=500, count=5)
        r = self.pgc("--app", "my-app", "--sslmode", "require", "-X", "-At", "-c", "select 1")
        self.assertEqual((r.rc, r.out), (0, "1\n"), r)



class PlatformInterruptTest(PlatformCase):
    """Ctrl-C while pgconsole waits on the platform's APIs: it ends at once, with one line, as psql would."""

    def start(self):
        env = self.env(PGCONSOLE_HTTP_TIMEOUT="600")
        proc = subprocess.Popen([harness.binary(), "--app", "slow-app", "-X", "-c", "select 1"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(self.stop, proc)
        return proc

    @staticmethod
    def stop(proc):
        if proc.poll() is None:
            proc.kill()
        proc.communicate()

    def wait_for(self, condition, proc):
        deadline = time.time() + 60
        while not condition():
            self.assertIsNone(proc.poll(), "pgconsole ended before the stand-in saw its request")
            self.assertLess(time.time(), deadline, "the stand-in never saw the request")
            time.sleep(0.05)

    def assertInterrupted(self, proc, *fragments, within=60, method="GET"):
        out, err = proc.communicate(timeout=within)
        self.assertEqual((proc.returncode, out), (-signal.SIGINT, ""), err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("pgconsole: error: cancelled while waiting for the Scalingo API (%s "
                                            % method), err)
        for frag in fragments:
            self.assertIn(frag, lines[0])
        self.assertNoSecrets(out, err)

    def test_ctrl_c_ends_an_api_call_that_does_not_answer(self):
        # the answer is held for ten minutes, and pgconsole would wait as long
        self.st.fault("^/v1/apps/slow-app/variables$", mode="delay", delay=600)
        proc = self.start()
        self.wait_for(lambda: not self.st.admin("GET", "/faults"), proc)
        proc.send_signal(signal.SIGINT)
        self.assertInterrupted(proc, "/v1/apps/slow-app/variables)")

    def test_ctrl_c_ends_the_wait_before_a_retry(self):
        # on a call that nothing goes with (calls made ahead together wait in their own loop):
        # once its 429 is in, pgconsole can only be waiting to send it again
        key = "api POST /v1/apps/slow-app/addons/ad-slow-pg/token"
        self.st.fault("^/v1/apps/slow-app/addons/ad-slow-pg/token$", status=429, retry_after=19)
        before = self.counts()
        proc = self.start()
        self.wait_for(lambda: not self.st.admin("GET", "/faults"), proc)
        proc.send_signal(signal.SIGINT)
        # gone well before the 19 s the 429 asked for: a wait that ignored Ctrl-C would still be waiting
        self.assertInterrupted(proc, "/v1/apps/slow-app/addons/ad-slow-pg/token)", within=10, method="POST")
        # the retry that the 429 asked for never went
        self.assertEqual(self.delta(before, self.counts()).get(key), 1)
