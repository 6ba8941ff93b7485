/* The tunnel's pure parts: the PostgreSQL packets it reads and writes, the startup filter
   (cancel keys, channel binding), secrets in connection strings, the static provider, exec
   mode's environment, and the event loop on each backend. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tunnel/connstr_secret.h"
#include "tunnel/evloop.h"
#include "tunnel/exec_child.h"
#include "tunnel/pgproto.h"
#include "tunnel/target.h"
#include "unit.h"
#include "util/strbuf.h"

static size_t put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return 4;
}

/* a startup packet with user/database parameters */
static size_t startup_packet(uint8_t *out, const char *user, const char *db)
{
    size_t n = 8;
    put32(out + 4, 196608);
    const char *kv[] = {"user", user, "database", db, "application_name", "psql"};
    for (size_t i = 0; i < 6; i++) {
        memcpy(out + n, kv[i], strlen(kv[i]) + 1);
        n += strlen(kv[i]) + 1;
    }
    out[n++] = '\0';
    put32(out, (uint32_t)n);
    return n;
}

static void test_first_packets(void)
{
    uint8_t buf[512];
    PgFirstPacket p;
    pgproto_ssl_request(buf);
    CHECK_INT(pgproto_first_packet(buf, 8, &p), PGF_SSL_REQUEST);
    CHECK_INT(p.length, 8);
    CHECK_INT(pgproto_first_packet(buf, 7, &p), PGF_NEED_MORE);
    put32(buf + 4, PG_GSSENC_REQUEST_CODE);
    CHECK_INT(pgproto_first_packet(buf, 8, &p), PGF_GSSENC_REQUEST);

    size_t n = startup_packet(buf, "alice", "shop");
    CHECK_INT(pgproto_first_packet(buf, n, &p), PGF_STARTUP);
    CHECK_INT(p.length, n);
    CHECK_INT(pgproto_first_packet(buf, n - 1, &p), PGF_NEED_MORE);
    char value[16];
    CHECK(pgproto_startup_param(buf, n, "user", value, sizeof(value)));
    CHECK_STR(value, "alice");
    CHECK(pgproto_startup_param(buf, n, "database", value, sizeof(value)));
    CHECK_STR(value, "shop");
    CHECK(!pgproto_startup_param(buf, n, "options", value, sizeof(value)));
    CHECK(pgproto_startup_param(buf, n, "application_name", value, 3));
    CHECK_STR(value, "ps");
    /* a packet cut short in the middle of a value */
    CHECK(!pgproto_startup_param(buf, 20, "database", value, sizeof(value)));

    /* cancel requests: protocol 3.0's 4-byte key and a longer 3.2 one */
    PgCancelKey key = {.pid = 4242, .keylen = 4, .key = {1, 2, 3, 4}};
    n = pgproto_cancel_request(&key, buf);
    CHECK_INT(n, 16);
    CHECK_INT(pgproto_first_packet(buf, n, &p), PGF_CANCEL);
    CHECK_INT(p.cancel.pid, 4242);
    CHECK_INT(p.cancel.keylen, 4);
    CHECK(memcmp(p.cancel.key, key.key, 4) == 0);
    key.keylen = 32;
    memset(key.key, 7, 32);
    n = pgproto_cancel_request(&key, buf);
    CHECK_INT(pgproto_first_packet(buf, n, &p), PGF_CANCEL);
    CHECK_INT(p.cancel.keylen, 32);

    /* what is not a PostgreSQL client */
    memcpy(buf, "\x16\x03\x01\x02\x00\x01\x00\x01", 8);
    CHECK_INT(pgproto_first_packet(buf, 8, &p), PGF_INVALID);
    CHECK(strstr(p.invalid, "TLS") != NULL);
    memcpy(buf, "GET / HTTP/1.1\r\n", 16);
    CHECK_INT(pgproto_first_packet(buf, 16, &p), PGF_INVALID);
    put32(buf, 8);
    put32(buf + 4, 65536);  /* protocol 1.0 */
    CHECK_INT(pgproto_first_packet(buf, 8, &p), PGF_INVALID);
    put32(buf, 12);
    put32(buf + 4, PG_CANCEL_REQUEST_CODE);
    CHECK_INT(pgproto_first_packet(buf, 12, &p), PGF_INVALID);
}

static void test_error_response(void)
{
    StrBuf sb = STRBUF_INIT;
    pgproto_error_response(&sb, "08001", "no route", "try again");
    static const char want[] = "E\0\0\0\x2f" "SFATAL\0VFATAL\0C08001\0Mno route\0Htry again\0";
    CHECK_INT(sb.len, sizeof(want));
    CHECK(memcmp(sb.data, want, sizeof(want)) == 0);
    sb_reset(&sb);
    pgproto_error_response(&sb, "08P01", "bad", NULL);
    CHECK_INT(sb.len, 1 + 4 + 7 + 7 + 7 + 5 + 1);
    CHECK_INT(sb.data[1 + 4 - 1], (char)(sb.len - 1));
    sb_free(&sb);
}

/* a message: type, body */
static size_t message(uint8_t *out, char type, const void *body, size_t len)
{
    out[0] = (uint8_t)type;
    put32(out + 1, (uint32_t)(len + 4));
    memcpy(out + 5, body, len);
    return len + 5;
}

/* what a server sends at startup over TLS, and what the client must get instead */
static void startup_streams(uint8_t *server, size_t *slen, uint8_t *client, size_t *clen)
{
    static const char sasl[] = "\0\0\0\x0aSCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0";
    static const char sasl_plain[] = "\0\0\0\x0aSCRAM-SHA-256\0\0";
    static const char final[] = "\0\0\0\x0c" "v=abc";
    static const char ok[] = "\0\0\0\0";
    static const char param[] = "server_version\0" "15.4\0";
    static const char key[] = "\0\0\x10\x92\xde\xad\xbe\xef";
    static const char ready[] = "I";
    static const char row[] = "\0\x01\0\0\0\x01x";
    size_t s = 0, c = 0;
    s += message(server + s, 'R', sasl, sizeof(sasl) - 1);
    c += message(client + c, 'R', sasl_plain, sizeof(sasl_plain) - 1);
    const struct { char type; const char *body; size_t len; } same[] = {
        {'R', final, sizeof(final) - 1}, {'R', ok, 4}, {'S', param, sizeof(param) - 1},
        {'K', key, 8}, {'Z', ready, 1}, {'D', row, sizeof(row) - 1},
        /* after ReadyForQuery nothing is interpreted, not even a look-alike */
        {'R', sasl, sizeof(sasl) - 1}};
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        s += message(server + s, same[i].type, same[i].body, same[i].len);
        c += message(client + c, same[i].type, same[i].body, same[i].len);
    }
    *slen = s;
    *clen = c;
}

static void check_filtered(size_t piece)
{
    uint8_t server[512], want[512], got[1024];
    size_t slen, wlen, glen = 0;
    startup_streams(server, &slen, want, &wlen);
    PgStartupFilter f;
    pgfilter_init(&f);
    for (size_t i = 0; i < slen; i += piece) {
        size_t n = slen - i < piece ? slen - i : piece;
        size_t held = pgfilter_held(&f);
        size_t out = pgfilter_feed(&f, server + i, n, got + glen);
        CHECK(out <= held + n);
        glen += out;
    }
    CHECK_INT(glen, wlen);
    CHECK(memcmp(got, want, wlen) == 0);
    CHECK(f.done);
    CHECK(f.found_key);
    CHECK_INT(f.key.pid, 0x1092);
    CHECK_INT(f.key.keylen, 4);
    CHECK(memcmp(f.key.key, "\xde\xad\xbe\xef", 4) == 0);
    pgfilter_free(&f);
}

static void test_startup_filter(void)
{
    check_filtered(1);
    check_filtered(3);
    check_filtered(7);
    check_filtered(4096);
}

static void test_startup_filter_stops(void)
{
    uint8_t in[64], out[128];
    PgStartupFilter f;
    /* an error at startup: passed on, then nothing more is interpreted */
    pgfilter_init(&f);
    size_t n = message(in, 'E', "SFATAL\0\0", 8);
    n += message(in + n, 'K', "\0\0\0\1\0\0\0\2", 8);
    CHECK_INT(pgfilter_feed(&f, in, n, out), n);
    CHECK(memcmp(in, out, n) == 0);
    CHECK(f.done && !f.found_key);
    pgfilter_free(&f);
    /* a SASL offer whose list does not end: left as it is */
    pgfilter_init(&f);
    n = message(in, 'R', "\0\0\0\x0aSCRAM-SHA-256-PLUS\0", 23);
    CHECK_INT(pgfilter_feed(&f, in, n, out), n);
    CHECK(memcmp(in, out, n) == 0);
    pgfilter_free(&f);
    /* a length no startup message has: passed through untouched */
    pgfilter_init(&f);
    in[0] = 'R';
    put32(in + 1, 1u << 30);
    memset(in + 5, 'x', 10);
    CHECK_INT(pgfilter_feed(&f, in, 3, out), 0);
    CHECK_INT(pgfilter_held(&f), 3);
    CHECK_INT(pgfilter_feed(&f, in + 3, 12, out), 15);
    CHECK(memcmp(in, out, 15) == 0);
    CHECK(f.done);
    pgfilter_free(&f);
}

static void check_masked(const char *in, const char *want)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", in);
    connstr_mask_in_place(buf);
    CHECK_STR(buf, want);
}

static void test_secrets(void)
{
    check_masked("postgresql://app:s3cret@db.example.com:5432/app", "postgresql://app:******@db.example.com:5432/app");
    check_masked("postgres://app:p@ss@db/app?sslmode=require", "postgres://app:****@db/app?sslmode=require");
    check_masked("postgis://app@db/app?password=abc&sslmode=require", "postgis://app@db/app?password=***&sslmode=require");
    check_masked("postgresql://db/app", "postgresql://db/app");
    check_masked("host=db password=s3cret user=app", "host=db password=****** user=app");
    check_masked("host=db password = 'a b\\' c' user=app", "host=db password = '*******' user=app");
    check_masked("host=db passwordx=kept", "host=db passwordx=kept");
    check_masked("app", "app");
    /* what the fuzzer found (tests/fuzz/seeds/url): libpq reads these as passwords too */
    check_masked("postgres://u:pas?x@h:1/d", "postgres://u:*****@h:1/d");
    check_masked("postgres://u@h/d?pass%77ord=abc&x=1", "postgres://u@h/d?pass%77ord=***&x=1");
    check_masked("postgres://u@h/d?sslpassword=abc", "postgres://u@h/d?sslpassword=***");
    check_masked("postgres://u:p@h?password=s@y/d", "postgres://u:******************");
    /* masking across the first '@' took the '?' that began the query: libpq then read a later one */
    check_masked("postgres://u:p;@h?passw1ord=s@y/u:p@h?password=s@d",
                 "postgres://u:****************@y/u:p@h?password=***");
    check_masked("host=h password=a\\ b user=u", "host=h password=**** user=u");
    check_masked("host=h sslpassword=abc", "host=h sslpassword=***");
    check_masked("password=a password=b password=c password=d password=e password=f password=g password=h "
                 "password=i password=j", "password=* password=* password=* password=* password=* password=* "
                 "password=* password=* password=* password=*");
    SecretSpan spans[4];
    CHECK_INT(connstr_secret_spans("postgresql://u:pw@h/d?password=x", spans, 4), 2);
    CHECK_INT(spans[0].start, 15);
    CHECK_INT(spans[0].length, 2);
}

static void test_static_provider(void)
{
    TunnelProvider p;
    TunnelTarget t = {0};
    char *err = NULL;
    CHECK(target_static_provider("postgres://app:pw@db.example.com/appdb?sslrootcert=/ca.pem&sslmode=disable",
                                 NULL, &p, &err));
    CHECK(p.resolve(p.ctx, &t, &err));
    CHECK_STR(t.dial_host, "db.example.com");
    CHECK_STR(t.dial_port, "5432");
    CHECK_STR(t.tls_host, "db.example.com");
    CHECK_STR(t.ca_file, "/ca.pem");
    CHECK_STR(t.user, "app");
    CHECK_STR(t.password, "pw");
    CHECK_STR(t.dbname, "appdb");
    CHECK_STR(t.label, "db.example.com:5432");
    CHECK(t.dial_unix == NULL);
    tunnel_target_free(&t);
    /* every dial gets its own copy */
    CHECK(p.resolve(p.ctx, &t, &err));
    CHECK_STR(t.password, "pw");
    tunnel_target_free(&t);
    p.destroy(p.ctx);

    CHECK(target_static_provider("host=db.internal hostaddr=10.0.0.5 port=6432 sslrootcert=system connect_timeout=7",
                                 "/mine.pem", &p, &err));
    CHECK(p.resolve(p.ctx, &t, &err));
    CHECK_STR(t.dial_host, "10.0.0.5");
    CHECK_STR(t.dial_port, "6432");
    CHECK_STR(t.tls_host, "db.internal");
    CHECK_STR(t.ca_file, "/mine.pem");
    CHECK_INT(t.connect_timeout_s, 7);
    CHECK_STR(t.label, "db.internal:6432 (10.0.0.5)");
    CHECK(t.user == NULL && t.password == NULL);
    tunnel_target_free(&t);
    p.destroy(p.ctx);

    const char *bad[] = {"host=a,b", "host=/var/run/postgresql", "dbname=x", "postgres://u:pw@h:99999/d",
                         "host=db hostaddr=db.example.com", "host=db password=s3cret nonsense=1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err = NULL;
        CHECK(!target_static_provider(bad[i], NULL, &p, &err));
        CHECK(err != NULL && strstr(err, "s3cret") == NULL);
        free(err);
    }
}

static void test_exec_environment(void)
{
    TunnelTarget t = {.user = "app user", .password = "p@ss/word", .dbname = "shop"};
    char *url = exec_local_url("127.0.0.1", 10001, &t, 0);
    CHECK_STR(url, "postgresql://app%20user@127.0.0.1:10001/shop?sslmode=disable");
    free(url);
    url = exec_local_url("::1", 10001, &t, 1);
    CHECK_STR(url, "postgresql://app%20user:p%40ss%2Fword@[::1]:10001/shop?sslmode=disable");
    free(url);
    char *current[] = {"PATH=/bin", "PGHOST=elsewhere", "PGHOSTADDR=10.1.1.1", "PGSERVICE=prod", "PGAPPNAME=x",
                       "DATABASE_URL=postgres://old", NULL};
    char **env = exec_environment(current, "127.0.0.1", 10001, &t);
    StrBuf all = STRBUF_INIT;
    for (char **e = env; *e; e++)
        sb_printf(&all, "%s\n", *e);
    CHECK_STR(all.data, "PATH=/bin\nPGAPPNAME=x\nPGHOST=127.0.0.1\nPGPORT=10001\nPGSSLMODE=disable\nPGUSER=app user\n"
                        "PGDATABASE=shop\nPGPASSWORD=p@ss/word\n"
                        "DATABASE_URL=postgresql://app%20user:p%40ss%2Fword@127.0.0.1:10001/shop?sslmode=disable\n");
    sb_free(&all);
    exec_environment_free(env);
    TunnelTarget bare = {0};
    env = exec_environment(NULL, "127.0.0.1", 5, &bare);
    CHECK_STR(env[3], "DATABASE_URL=postgresql://127.0.0.1:5?sslmode=disable");
    CHECK(env[4] == NULL);
    exec_environment_free(env);
}

/* ---- the event loop ---- */

typedef struct Seen {
    int calls;
    unsigned events;
} Seen;

static void on_ready(void *ctx, unsigned events)
{
    Seen *s = ctx;
    s->calls++;
    s->events |= events;
}

typedef struct TimerLog {
    int fired[16];
    int n;
} TimerLog;

typedef struct TimerMark {
    int index;
    TimerLog *log;
} TimerMark;

static void on_timer(void *ctx)
{
    TimerMark *m = ctx;
    m->log->fired[m->log->n++] = m->index;
}

static void check_loop(const char *backend)
{
    char *err = NULL;
    EvLoop *loop = evloop_create(backend, &err);
    CHECK(loop != NULL);
    if (!loop)
        return;
    CHECK_STR(evloop_backend_name(loop), backend);
    int fds[2];
    CHECK(pipe(fds) == 0);
    Seen r = {0}, w = {0};
    CHECK(evloop_watch(loop, fds[0], EV_READ, on_ready, &r));
    CHECK(evloop_watch(loop, fds[1], EV_WRITE, on_ready, &w));
    CHECK(evloop_run_once(loop, 1000));
    CHECK_INT(r.calls, 0);              /* nothing to read yet */
    CHECK_INT(w.calls, 1);
    evloop_interest(loop, fds[1], 0);   /* no interest: not reported any more */
    CHECK(write(fds[1], "x", 1) == 1);
    CHECK(evloop_run_once(loop, 1000));
    CHECK_INT(r.calls, 1);
    CHECK(r.events & EV_READ);
    CHECK_INT(w.calls, 1);
    /* level-triggered: still readable, reported again */
    CHECK(evloop_run_once(loop, 1000));
    CHECK_INT(r.calls, 2);
    /* forgotten: never reported; timers fire in due order, a stopped one never */
    evloop_forget(loop, fds[0]);
    static const int delays[] = {40, 5, 35, 10, 30, 15, 25, 20};
    TimerLog log = {0};
    TimerMark marks[8];
    EvTimer timers[8];
    memset(timers, 0, sizeof(timers));
    for (int i = 0; i < 8; i++) {
        marks[i] = (TimerMark){i, &log};
        evloop_timer_start(loop, &timers[i], delays[i], on_timer, &marks[i]);
    }
    evloop_timer_stop(loop, &timers[4]);                        /* the 30 ms one */
    evloop_timer_start(loop, &timers[2], 1, on_timer, &marks[2]); /* re-armed: 35 ms becomes 1 ms */
    while (log.n < 7)
        CHECK(evloop_run_once(loop, 1000));
    static const int want[] = {2, 1, 3, 5, 7, 6, 0};
    for (int i = 0; i < 7; i++)
        CHECK_INT(log.fired[i], want[i]);
    CHECK_INT(r.calls, 2);
    for (int i = 0; i < 8; i++)
        CHECK(timers[i].heap_slot == 0);
    close(fds[0]);
    close(fds[1]);
    evloop_destroy(loop);
    CHECK(evloop_create("kqueue-on-linux", &err) == NULL);
    CHECK(err && strstr(err, "PGCONSOLE_TUNNEL_POLLER"));
    free(err);
}

static void test_event_loop_poll(void)
{
    check_loop("poll");
}

static void test_event_loop_epoll(void)
{
#ifdef __linux__
    check_loop("epoll");
#endif
}

int main(void)
{
    RUN(test_first_packets);
    RUN(test_error_response);
    RUN(test_startup_filter);
    RUN(test_startup_filter_stops);
    RUN(test_secrets);
    RUN(test_static_provider);
    RUN(test_exec_environment);
    RUN(test_event_loop_poll);
    RUN(test_event_loop_epoll);
    UNIT_DONE();
}
