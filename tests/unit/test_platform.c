/*
 * The platform client's pure parts: database URLs, their masking and the address they
 * point at, JWT expiry, strict JSON mapping, waits and backoff, URLs fit for messages.
 */
#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "platform/backoff.h"
#include "platform/follow.h"
#include "platform/http.h"
#include "platform/json_map.h"
#include "platform/token_cache.h"
#include "platform/url.h"
#include "unit.h"
#include "util/xalloc.h"

static void test_url_parts(void)
{
    PgUrl u;
    PlatformError err = {0};
    CHECK(pgurl_parse("postgresql://my_app:s3cr%40t@my-app.postgresql.a.osc-fr1.scalingo-dbs.com:30000/my_app"
                      "?sslmode=prefer&connect_timeout=5", &u, &err));
    CHECK_STR(u.user, "my_app");
    CHECK_STR(u.password, "s3cr@t");
    CHECK_STR(u.host, "my-app.postgresql.a.osc-fr1.scalingo-dbs.com");
    CHECK_STR(u.port, "30000");
    CHECK_STR(u.dbname, "my_app");
    CHECK_INT(u.nparams, 2);
    CHECK_STR(pgurl_param(&u, "connect_timeout"), "5");
    CHECK_STR(u.masked, "postgresql://my_app:****@my-app.postgresql.a.osc-fr1.scalingo-dbs.com:30000/my_app"
                        "?sslmode=prefer&connect_timeout=5");
    pgurl_free(&u);
}

static void test_url_schemes_and_forms(void)
{
    PgUrl u;
    PlatformError err = {0};
    CHECK(pgurl_parse("postgis://u:p@[::1]:5432/geo", &u, &err));
    CHECK_STR(u.host, "::1");
    CHECK_STR(u.masked, "postgis://u:****@[::1]:5432/geo");
    pgurl_free(&u);
    CHECK(pgurl_parse("POSTGRES://host", &u, &err));
    CHECK(u.user == NULL && u.password == NULL && u.port == NULL && u.dbname == NULL);
    CHECK_STR(u.masked, "postgres://host");
    pgurl_free(&u);
    /* an unencoded '@' in the password: the last '@' ends the user-info */
    CHECK(pgurl_parse("postgres://u:p@ss@h/d", &u, &err));
    CHECK_STR(u.password, "p@ss");
    CHECK_STR(u.host, "h");
    pgurl_free(&u);
}

static void test_url_errors_quote_nothing(void)
{
    const char *bad[] = {"mysql://u:topsecret@h/d", "postgres://u:topsecret@h:99999/d",
                         "postgres://u:top%zzsecret@h/d", "postgres://u:topsecret@/d", "redis://:topsecret@h"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        PgUrl u;
        PlatformError err = {0};
        CHECK(!pgurl_parse(bad[i], &u, &err));
        CHECK(err.message && !strstr(err.message, "topsecret") && !strstr(err.message, "top"));
        platform_error_free(&err);
    }
}

/* hosts that libpq would read as a Unix socket or a list bypass verify-full: refused */
static void test_url_hosts_that_are_not_hosts(void)
{
    const char *bad[] = {"postgres://u:p@%2Ftmp%2Fsock/d", "postgres://u:p@a%2Cb:5432/d",
                         "postgres://u:p@host%0A:5432/d", "postgres://u:p@%40host/d", "postgres://u:p@[::1%2F]/d",
                         "postgres://u:p@h%1B%5B31m/d"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        PgUrl u;
        PlatformError err = {0};
        CHECK(!pgurl_parse(bad[i], &u, &err));
        CHECK(err.message && strstr(err.message, "not a host name or an IP address"));
        platform_error_free(&err);
    }
}

static void test_url_parameters_that_weaken_tls(void)
{
    const char *bad[] = {"sslcert=/tmp/c", "sslkey=/tmp/k", "gssencmode=prefer", "ssl_min_protocol_version=TLSv1",
                         "ssl_min_protocol_version=tlsv1.1", "ssl_max_protocol_version=TLSv1.1", "sslsni=0"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char *url = xasprintf("postgres://u:p@h:5432/d?%s", bad[i]);
        PgUrl u;
        PlatformError err = {0};
        CHECK(!pgurl_parse(url, &u, &err));
        CHECK(err.message && strstr(err.message, "weaken TLS"));
        platform_error_free(&err);
        free(url);
    }
    PgUrl u;
    PlatformError err = {0};
    CHECK(pgurl_parse("postgres://u:p@h/d?ssl_min_protocol_version=TLSv1.3&sslsni=1", &u, &err));
    pgurl_free(&u);
}

static void test_masked_url_hides_password_parameters(void)
{
    PgUrl u;
    PlatformError err = {0};
    CHECK(pgurl_parse("postgres://u@h/d?password=hunter2&application_name=x&PassWord=other", &u, &err));
    CHECK_STR(u.masked, "postgres://u@h/d?password=****&application_name=x&PassWord=****");
    pgurl_free(&u);
}

static void test_api_text_reaches_the_terminal_without_controls(void)
{
    PlatformError err = {0};
    platform_error_set(&err, xstrdup("region \"osc\x1b]0;owned\x07\" is unknown"));
    CHECK_STR(err.message, "region \"osc?]0;owned?\" is unknown");
    platform_error_free(&err);
    char *shown = platform_printable("ad-\x1b[2Jx\r");
    CHECK_STR(shown, "ad-?[2Jx?");
    free(shown);
}

static void test_mask_any_text(void)
{
    char *m = pgurl_mask("postgres://u:pa/ss?x@h:1/d");
    CHECK(!strstr(m, "pa/ss"));
    free(m);
    m = pgurl_mask("https://api.example.com/v1/apps");
    CHECK_STR(m, "https://api.example.com/v1/apps");
    free(m);
}

static void test_jwt_expiry(void)
{
    /* {"alg":"HS256"} . {"exp":1900000000,"sub":"us-1"} . signature */
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE5MDAwMDAwMDAsInN1YiI6InVzLTEifQ.c2ln"), 1900000000);
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1cy0xIn0.c2ln"), 0);
    CHECK_INT(jwt_expiry("not-a-jwt"), 0);
    CHECK_INT(jwt_expiry("a.!!!.b"), 0);
    /* claims out of any sensible range are clamped, never cast out of range: {"exp":1e300} and {"exp":-1e300} */
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjFlMzAwfQ.c2ln"), JWT_EXPIRY_MAX);
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOi0xZTMwMH0.c2ln"), 0);
    /* {"exp":-9223372036854775807}: already expired, and no overflow when compared with now */
    CHECK_INT(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOi05MjIzMzcyMDM2ODU0Nzc1ODA3fQ.c2ln"), 0);
}

typedef struct Thing {
    char *name;
    bool flag;
    long long n;
    char *nested;
} Thing;

static const JmField thing_fields[] = {
    {"name", JM_STRING, true, offsetof(Thing, name)},
    {"flag", JM_BOOL, false, offsetof(Thing, flag)},
    {"n", JM_INT, false, offsetof(Thing, n)},
    {"inner.value", JM_STRING, false, offsetof(Thing, nested)},
    JM_END,
};

static void test_json_map(void)
{
    PlatformError err = {0};
    const char *text = "{\"name\": \"x\", \"flag\": true, \"n\": 7, \"inner\": {\"value\": \"v\"}}";
    json_t *doc = jm_parse(text, strlen(text), &err);
    Thing t;
    CHECK(doc && jm_map(doc, thing_fields, &t, "thing", &err));
    CHECK_STR(t.name, "x");
    CHECK(t.flag);
    CHECK_INT(t.n, 7);
    CHECK_STR(t.nested, "v");
    jm_free(thing_fields, &t);
    json_decref(doc);

    doc = jm_parse("{\"name\": 5}", 11, &err);
    CHECK(!jm_map(doc, thing_fields, &t, "things[2]", &err));
    CHECK_STR(err.message, "field \"things[2].name\" is an integer, not a string");
    platform_error_free(&err);
    json_decref(doc);

    CHECK(jm_parse("{\"token\": \"secret-abc", 21, &err) == NULL);
    CHECK(strstr(err.message, "invalid JSON (") == err.message && !strstr(err.message, "secret"));
    platform_error_free(&err);
}

static bool url_at(const char *url, const char *address)
{
    PgUrl u;
    PlatformError err = {0};
    bool parsed = pgurl_parse(url, &u, &err);
    bool at = parsed && pgurl_at_address(&u, address);
    if (parsed)
        pgurl_free(&u);
    platform_error_free(&err);
    return at;
}

static void test_url_at_address(void)
{
    /* the database API's hostname is "host:port", and each addon of an app has a host of its own */
    const char *url = "postgresql://a:p@twin-1.postgresql.a.osc-fr1.scalingo-dbs.com:30000/a?sslmode=prefer";
    CHECK(url_at(url, "twin-1.postgresql.a.osc-fr1.scalingo-dbs.com:30000"));
    CHECK(url_at(url, "TWIN-1.postgresql.a.osc-fr1.scalingo-dbs.com:30000"));
    CHECK(!url_at(url, "twin-2.postgresql.a.osc-fr1.scalingo-dbs.com:30000"));
    CHECK(!url_at(url, "twin-1.postgresql.a.osc-fr1.scalingo-dbs.com:30001"));
    CHECK(!url_at(url, "twin-1.postgresql.a.osc-fr1.scalingo-dbs.com:3000"));
    /* a bare host matches any port; a URL without a port is at 5432 */
    CHECK(url_at(url, "twin-1.postgresql.a.osc-fr1.scalingo-dbs.com"));
    CHECK(url_at("postgres://a@db.example/a", "db.example:5432"));
    CHECK(!url_at("postgres://a@db.example/a", "db.example:30000"));
    CHECK(url_at("postgres://a@127.0.0.3:5433/a", "127.0.0.3:5433"));
    CHECK(!url_at("postgres://a@127.0.0.3:5433/a", "127.0.0.2:5433"));
    CHECK(url_at("postgres://a@[::1]:5433/a", "[::1]:5433"));
    CHECK(url_at("postgres://a@[::1]:5433/a", "::1"));
    CHECK(!url_at("postgres://a@[::1]:5433/a", "[::1]:5432"));
}

static void test_retry_backoff(void)
{
    CHECK_INT(backoff_retry_ms(1), 500);
    CHECK_INT(backoff_retry_ms(2), 1000);
    CHECK_INT(backoff_retry_ms(3), 2000);
    CHECK_INT(backoff_retry_ms(60), backoff_retry_ms(6));
    CHECK_INT(backoff_retry_ms(0), 500);
}

static void test_retry_after(void)
{
    time_t now = 1700000000;    /* Tue, 14 Nov 2023 22:13:20 GMT */
    CHECK_INT(backoff_retry_after_s("120", now), 120);
    CHECK_INT(backoff_retry_after_s(" 0 ", now), 0);
    CHECK_INT(backoff_retry_after_s("Tue, 14 Nov 2023 22:13:50 GMT", now), 30);
    /* a date in the past means now; absurd values are clamped rather than overflowing a wait */
    CHECK_INT(backoff_retry_after_s("Tue, 14 Nov 2023 22:00:00 GMT", now), 0);
    CHECK_INT(backoff_retry_after_s("99999999999999999999", now), BACKOFF_RETRY_AFTER_MAX_S);
    CHECK_INT(backoff_retry_after_s("Fri, 31 Dec 9999 23:59:59 GMT", now), BACKOFF_RETRY_AFTER_MAX_S);
    CHECK_INT(backoff_retry_after_s("-5", now), -1);
    CHECK_INT(backoff_retry_after_s("soon", now), -1);
    CHECK_INT(backoff_retry_after_s("12s", now), -1);
    CHECK_INT(backoff_retry_after_s("", now), -1);
    CHECK_INT(backoff_retry_after_s(NULL, now), -1);
    CHECK_INT(backoff_retry_after_s("Fri, 31 Dec 99999999999 23:59:59 GMT", now), -1);
    CHECK_INT(backoff_retry_after_s("Thu, 01 Jan 1970 00:00:00 GMT", now), 0);
}

static void test_timeout_from_text(void)
{
    CHECK_INT(backoff_timeout_ms("2.5", 30000), 2500);
    /* a tiny timeout is a short one, never none (0 tells libcurl to wait forever) */
    CHECK_INT(backoff_timeout_ms("0.0001", 30000), BACKOFF_TIMEOUT_MIN_MS);
    CHECK_INT(backoff_timeout_ms("1e-300", 30000), BACKOFF_TIMEOUT_MIN_MS);
    /* a huge one is the longest we allow, not a wait of years nor an overflow */
    CHECK_INT(backoff_timeout_ms("1e300", 30000), BACKOFF_TIMEOUT_MAX_MS);
    CHECK_INT(backoff_timeout_ms("99999999999999999999", 30000), BACKOFF_TIMEOUT_MAX_MS);
    CHECK_INT(backoff_timeout_ms("inf", 30000), BACKOFF_TIMEOUT_MAX_MS);
    CHECK_INT(backoff_timeout_ms("0", 30000), 30000);
    CHECK_INT(backoff_timeout_ms("-3", 30000), 30000);
    CHECK_INT(backoff_timeout_ms("nan", 30000), 30000);
    CHECK_INT(backoff_timeout_ms("5s", 30000), 30000);
    CHECK_INT(backoff_timeout_ms("", 30000), 30000);
    CHECK_INT(backoff_timeout_ms(NULL, 30000), 30000);
}

static void test_rate_limit_wait(void)
{
    /* as Retry-After says, else 1, 2, 4 s; three retries and 20 s at most in all */
    CHECK_INT(backoff_rate_limit_ms(3, 0, 0), 3000);
    CHECK_INT(backoff_rate_limit_ms(-1, 0, 0), 1000);
    CHECK_INT(backoff_rate_limit_ms(-1, 2, 3000), 4000);
    CHECK_INT(backoff_rate_limit_ms(0, 0, 0), 100);
    CHECK_INT(backoff_rate_limit_ms(1, 3, 0), -1);
    CHECK_INT(backoff_rate_limit_ms(120, 0, 0), -1);
    CHECK_INT(backoff_rate_limit_ms(10, 1, 15000), -1);
    CHECK_INT(backoff_rate_limit_ms(BACKOFF_RETRY_AFTER_MAX_S, 0, 0), -1);
    /* whatever the caller passes, no overflow and no negative wait */
    CHECK_INT(backoff_rate_limit_ms(LONG_MAX, 0, 0), -1);
    CHECK_INT(backoff_rate_limit_ms(LONG_MAX / 1000 + 1, 0, 0), -1);
    CHECK_INT(backoff_rate_limit_ms(LONG_MIN, 0, 0), 1000);
    CHECK_INT(backoff_rate_limit_ms(1, 0, LONG_MAX), -1);
    CHECK_INT(backoff_rate_limit_ms(-1, -5, 0), 1000);
}

static void test_poll_backoff(void)
{
    CHECK_INT(backoff_poll_ms(1, 500, 10000), 500);
    CHECK_INT(backoff_poll_ms(2, 500, 10000), 1000);
    CHECK_INT(backoff_poll_ms(5, 500, 10000), 8000);
    CHECK_INT(backoff_poll_ms(6, 500, 10000), 10000);
    CHECK_INT(backoff_poll_ms(1000000, 500, 10000), 10000);
    /* the tunnel's restarts of a dead SSH leg: 1, 2, 4, 8, 16, then 30 s at most */
    CHECK_INT(backoff_poll_ms(5, 1000, 30000), 16000);
    CHECK_INT(backoff_poll_ms(6, 1000, 30000), 30000);
    CHECK_INT(backoff_poll_ms(40, 1000, 30000), 30000);
    CHECK_INT(backoff_poll_ms(1, 20000, 10000), 10000);
    CHECK_INT(backoff_poll_ms(1, LONG_MAX / 2 + 1, LONG_MAX), LONG_MAX / 2 + 1);
    CHECK_INT(backoff_poll_ms(1000, LONG_MAX / 2 + 1, LONG_MAX), LONG_MAX);
    CHECK_INT(backoff_poll_ms(3, LONG_MAX / 2 + 1, LONG_MAX), LONG_MAX);
}

static void test_display_urls(void)
{
    char *shown = http_display_url("https://user:pw@api.example.com:8443/v1/apps/x?token=secret#frag");
    CHECK_STR(shown, "https://api.example.com:8443/v1/apps/x");
    free(shown);
    /* a pre-signed URL: its path can be a credential too */
    shown = http_display_origin("https://bucket.s3.example.com/backups/ab12cd?X-Amz-Signature=feed");
    CHECK_STR(shown, "https://bucket.s3.example.com");
    free(shown);
    shown = http_display_url("not a url");
    CHECK_STR(shown, "(an unreadable URL)");
    free(shown);
}

static bool always_pressed(void)
{
    return true;
}

static void test_wait_is_cancellable(void)
{
    CHECK(http_wait_ms(1));
    /* an hour's wait that Ctrl-C ends at once (the test would hang otherwise) */
    http_set_cancel_check(always_pressed);
    CHECK(!http_wait_ms(60 * 60 * 1000L));
    http_set_cancel_check(NULL);
}

typedef struct Script {
    const char *const *statuses;    /* what each look sees, the last one repeated */
    FollowState (*meaning)(const char *status);
    int looks;
    int fail_at;                    /* the look that fails (0: none) */
    char seen[200];                 /* the statuses reported, each followed by ';' */
} Script;

static bool scripted_look(void *ctx, FollowState *state, char **status, PlatformError *e)
{
    Script *sc = ctx;
    sc->looks++;
    if (sc->looks == sc->fail_at) {
        platform_error_set(e, xstrdup("the look failed"));
        return false;
    }
    int i = 0;
    while (i + 1 < sc->looks && sc->statuses[i + 1])
        i++;
    *status = xstrdup(sc->statuses[i]);
    *state = sc->meaning(*status);
    return true;
}

static void note_status(void *ctx, const char *status)
{
    Script *sc = ctx;
    strcat(sc->seen, status);
    strcat(sc->seen, ";");
}

static void test_follow_until_done(void)
{
    const char *const finishing[] = {"pending", "pending", "running", "running", "finished", NULL};
    Script sc = {finishing, follow_operation_state, 0, 0, ""};
    FollowOptions o = {note_status, &sc, 1, 2, 0};
    PlatformError e = {0};
    CHECK(follow_until_done(scripted_look, &sc, "operation op-1", &o, &e));
    CHECK_INT(sc.looks, 5);
    CHECK_STR(sc.seen, "pending;running;finished;");
    CHECK(e.message == NULL);

    const char *const failing[] = {"running", "error", NULL};
    Script bad = {failing, follow_operation_state, 0, 0, ""};
    CHECK(!follow_until_done(scripted_look, &bad, "operation op-2", &o, &e));
    CHECK_STR(e.message, "operation op-2 ended with status error");
    CHECK(!e.cancelled);
    platform_error_free(&e);

    Script broken = {finishing, follow_operation_state, 0, 2, ""};
    CHECK(!follow_until_done(scripted_look, &broken, "operation op-3", &o, &e));
    CHECK_STR(e.message, "the look failed");
    platform_error_free(&e);
}

static void test_follow_stops_at_ctrl_c(void)
{
    const char *const forever[] = {"running", NULL};
    Script sc = {forever, follow_operation_state, 0, 0, ""};
    FollowOptions o = {NULL, NULL, 0, 0, 0};    /* the default intervals: the first wait is half a second */
    PlatformError e = {0};
    http_set_cancel_check(always_pressed);
    CHECK(!follow_until_done(scripted_look, &sc, "operation op-4", &o, &e));
    http_set_cancel_check(NULL);
    CHECK_INT(sc.looks, 1);
    CHECK(e.cancelled);
    CHECK_STR(e.message, "stopped following operation op-4 (running) at Ctrl-C: it goes on on the platform");
    platform_error_free(&e);
}

static void test_follow_meanings(void)
{
    CHECK_INT(follow_operation_state("pending"), FOLLOW_GOING);
    CHECK_INT(follow_operation_state("cancelling"), FOLLOW_GOING);
    CHECK_INT(follow_operation_state("finished"), FOLLOW_SUCCEEDED);
    CHECK_INT(follow_operation_state("user-error"), FOLLOW_FAILED);
    CHECK_INT(follow_operation_state("cancelled"), FOLLOW_FAILED);
    CHECK_INT(follow_operation_state(NULL), FOLLOW_GOING);
    CHECK_INT(follow_database_state("stopped"), FOLLOW_GOING);
    CHECK_INT(follow_database_state("running"), FOLLOW_SUCCEEDED);
    CHECK_INT(follow_feature_state("PENDING_TO_ACTIVATE", true), FOLLOW_GOING);
    CHECK_INT(follow_feature_state(NULL, true), FOLLOW_GOING);
    CHECK_INT(follow_feature_state("ACTIVATED", true), FOLLOW_SUCCEEDED);
    CHECK_INT(follow_feature_state("FAILED", true), FOLLOW_FAILED);
    CHECK_INT(follow_feature_state("PENDING_TO_REMOVE", false), FOLLOW_GOING);
    CHECK_INT(follow_feature_state("ACTIVATED", false), FOLLOW_GOING);
    CHECK_INT(follow_feature_state(NULL, false), FOLLOW_SUCCEEDED);
}

int main(void)
{
    RUN(test_url_parts);
    RUN(test_url_schemes_and_forms);
    RUN(test_url_errors_quote_nothing);
    RUN(test_url_hosts_that_are_not_hosts);
    RUN(test_url_parameters_that_weaken_tls);
    RUN(test_masked_url_hides_password_parameters);
    RUN(test_api_text_reaches_the_terminal_without_controls);
    RUN(test_mask_any_text);
    RUN(test_jwt_expiry);
    RUN(test_json_map);
    RUN(test_url_at_address);
    RUN(test_retry_backoff);
    RUN(test_retry_after);
    RUN(test_timeout_from_text);
    RUN(test_rate_limit_wait);
    RUN(test_poll_backoff);
    RUN(test_display_urls);
    RUN(test_wait_is_cancellable);
    RUN(test_follow_until_done);
    RUN(test_follow_stops_at_ctrl_c);
    RUN(test_follow_meanings);
    UNIT_DONE();
}
