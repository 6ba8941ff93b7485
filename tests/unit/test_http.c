/*
 * Streaming a download (platform/http.c) against a tiny HTTP server on a loopback port
 * in a thread of this test: the body reaches the descriptor whole, a refusal writes
 * nothing and names no secret, a write error names the destination, Ctrl-C (the cancel
 * check) ends a transfer that stalls, and no Authorization or JSON header is sent.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "platform/http.h"
#include "unit.h"
#include "util/xalloc.h"

enum { BIG = 300000 };

typedef struct Server {
    int listener;
    int port;
    const char *head;       /* status line and headers, without the blank line */
    long body_len;
    bool stall;             /* send a little of the body, then nothing until the client leaves */
    char request[4096];     /* what the client sent, up to the blank line */
} Server;

static void serve_body(int fd, const Server *sv)
{
    char chunk[8192];
    for (size_t i = 0; i < sizeof(chunk); i++)
        chunk[i] = (char)('a' + i % 26);
    long left = sv->stall ? 1000 : sv->body_len;
    while (left > 0) {
        size_t n = left < (long)sizeof(chunk) ? (size_t)left : sizeof(chunk);
        /* the client may leave before the end (a body over its limit): no SIGPIPE for the test */
        if (send(fd, chunk, n, MSG_NOSIGNAL) != (ssize_t)n)
            return;
        left -= (long)n;
    }
    if (sv->stall) {
        char ignored;
        while (read(fd, &ignored, 1) > 0)
            ;
    }
}

static void *serve_once(void *arg)
{
    Server *sv = arg;
    int fd = accept(sv->listener, NULL, NULL);
    if (fd < 0)
        return NULL;
    size_t got = 0;
    while (got + 1 < sizeof(sv->request) && !strstr(sv->request, "\r\n\r\n")) {
        ssize_t n = read(fd, sv->request + got, sizeof(sv->request) - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
        sv->request[got] = '\0';
    }
    char *head = xasprintf("%s\r\nContent-Length: %ld\r\nConnection: close\r\n\r\n", sv->head, sv->body_len);
    if (send(fd, head, strlen(head), MSG_NOSIGNAL) == (ssize_t)strlen(head))
        serve_body(fd, sv);
    free(head);
    close(fd);
    return NULL;
}

static void server_start(Server *sv, pthread_t *thread)
{
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sv->listener = socket(AF_INET, SOCK_STREAM, 0);
    socklen_t len = sizeof(addr);
    if (bind(sv->listener, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(sv->listener, 1) != 0 ||
        getsockname(sv->listener, (struct sockaddr *)&addr, &len) != 0) {
        perror("test server");
        exit(1);
    }
    sv->port = ntohs(addr.sin_port);
    pthread_create(thread, NULL, serve_once, sv);
}

static void server_stop(Server *sv, pthread_t thread)
{
    pthread_join(thread, NULL);
    close(sv->listener);
}

typedef struct Progress {
    long long last;
    int calls;
} Progress;

static void count_progress(void *ctx, long long received, long long total)
{
    Progress *p = ctx;
    (void)total;
    p->last = received;
    p->calls++;
}

/* downloads from a server answering head and body_len bytes into fd */
static bool download(Server *sv, int fd, HttpProgressFn progress, void *pctx, HttpResponse *resp, PlatformError *e)
{
    pthread_t thread;
    server_start(sv, &thread);
    char *url = xasprintf("http://127.0.0.1:%d/archive/secret-token-123?X-Signature=feedface", sv->port);
    HttpRequest req = {.method = "GET", .url = url, .auth = HTTP_AUTH_NONE, .retry_safe = false,
                       .peer = "the backup store", .secret_url = true};
    HttpDownload d = {fd, "backup.tar.gz", progress, pctx};
    HttpClient *c = http_client_create();
    http_client_allow_plain_http_for_unit_tests(c);
    bool ok = http_download(c, &req, &d, resp, e);
    http_client_destroy(c);
    free(url);
    server_stop(sv, thread);
    return ok;
}

static void test_download_to_a_file(void)
{
    Server sv = {.head = "HTTP/1.1 200 OK\r\nContent-Type: application/gzip", .body_len = BIG};
    FILE *f = tmpfile();
    Progress p = {0, 0};
    HttpResponse resp;
    PlatformError e = {0};
    CHECK(download(&sv, fileno(f), count_progress, &p, &resp, &e));
    CHECK_INT(resp.status, 200);
    CHECK_INT(resp.len, BIG);
    CHECK(resp.body == NULL);
    CHECK_INT(lseek(fileno(f), 0, SEEK_END), BIG);
    CHECK(p.calls > 0);
    CHECK_INT(p.last, BIG);
    /* a pre-signed URL carries its own credential: nothing else, and no JSON headers */
    CHECK(strstr(sv.request, "GET /archive/secret-token-123?X-Signature=feedface HTTP/1.1\r\n") == sv.request);
    CHECK(!strcasestr(sv.request, "authorization:"));
    CHECK(!strstr(sv.request, "application/json"));
    http_response_free(&resp);
    fclose(f);
}

static void test_download_refused_writes_nothing(void)
{
    Server sv = {.head = "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml", .body_len = 5000};
    FILE *f = tmpfile();
    HttpResponse resp;
    PlatformError e = {0};
    CHECK(!download(&sv, fileno(f), NULL, NULL, &resp, &e));
    CHECK_INT(e.status, 403);
    CHECK_INT(lseek(fileno(f), 0, SEEK_END), 0);
    char *want = xasprintf("the backup store refused the download (403 to GET http://127.0.0.1:%d)", sv.port);
    CHECK_STR(e.message, want);
    CHECK(!strstr(e.message, "secret") && !strstr(e.message, "feedface"));
    free(want);
    platform_error_free(&e);
    fclose(f);
}

static void test_download_write_error(void)
{
    int fd = open("/dev/full", O_WRONLY);
    if (fd < 0)
        return;
    Server sv = {.head = "HTTP/1.1 200 OK", .body_len = BIG};
    HttpResponse resp;
    PlatformError e = {0};
    CHECK(!download(&sv, fd, NULL, NULL, &resp, &e));
    CHECK(e.message && strstr(e.message, "to backup.tar.gz: No space left on device"));
    CHECK(e.message && !strstr(e.message, "secret"));
    platform_error_free(&e);
    close(fd);
}

static bool pressed;

static bool ctrl_c(void)
{
    return pressed;
}

static void press_once_data_flows(void *ctx, long long received, long long total)
{
    (void)ctx;
    (void)total;
    if (received > 0)
        pressed = true;
}

static void test_ctrl_c_ends_a_stalled_download(void)
{
    /* the server sends a little, then nothing: without the cancel check this would wait for the stall timeout */
    Server sv = {.head = "HTTP/1.1 200 OK", .body_len = BIG, .stall = true};
    FILE *f = tmpfile();
    HttpResponse resp;
    PlatformError e = {0};
    pressed = false;
    http_set_cancel_check(ctrl_c);
    CHECK(!download(&sv, fileno(f), press_once_data_flows, NULL, &resp, &e));
    http_set_cancel_check(NULL);
    CHECK(e.cancelled);
    char *want = xasprintf("cancelled while waiting for the backup store (GET http://127.0.0.1:%d)", sv.port);
    CHECK_STR(e.message, want);
    free(want);
    platform_error_free(&e);
    fclose(f);
}

/* a client (outside the unit tests' exception) sends nothing to a URL that is not https */
static void test_only_https_is_spoken(void)
{
    const char *urls[] = {"http://127.0.0.1:9/v1/apps", "file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://h/",
                          "127.0.0.1:9/v1"};
    HttpClient *c = http_client_create();
    for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
        HttpRequest req = {.method = "GET", .url = urls[i], .auth = HTTP_AUTH_BEARER, .secret = "jwt-secret",
                           .retry_safe = true, .peer = "the Scalingo API"};
        HttpResponse resp;
        PlatformError e = {0};
        CHECK(!http_send(c, &req, &resp, &e));
        CHECK(e.message && strstr(e.message, "not an https:// URL"));
        CHECK_INT(resp.attempts, 0);
        platform_error_free(&e);
    }
    http_client_destroy(c);
    CHECK(http_is_https("https://api.osc-fr1.scalingo.com"));
    CHECK(http_is_https("HTTPS://api.osc-fr1.scalingo.com"));
    CHECK(!http_is_https("http://api.osc-fr1.scalingo.com"));
    CHECK(!http_is_https(" https://x"));
    CHECK(!http_is_https(NULL));
}

/* a token that would end the Authorization header and start another is never sent */
static void test_token_with_a_newline_is_not_sent(void)
{
    CHECK(http_token_fits_header("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
    CHECK(!http_token_fits_header("tok\r\nX-Injected: 1"));
    CHECK(!http_token_fits_header("tok en"));
    CHECK(!http_token_fits_header("tok\x80"));
    CHECK(!http_token_fits_header(""));
    CHECK(!http_token_fits_header(NULL));
    HttpClient *c = http_client_create();
    HttpRequest req = {.method = "GET", .url = "https://127.0.0.1:9/v1/apps", .auth = HTTP_AUTH_BEARER,
                       .secret = "tok\nX-Injected: 1", .retry_safe = true, .peer = "the Scalingo API"};
    HttpResponse resp;
    PlatformError e = {0};
    CHECK(!http_send(c, &req, &resp, &e));
    CHECK(e.message && strstr(e.message, "its token holds characters no token has"));
    CHECK(e.message && !strstr(e.message, "Injected"));
    CHECK_INT(resp.attempts, 0);
    platform_error_free(&e);
    http_client_destroy(c);
}

int main(void)
{
    setenv("PGCONSOLE_HTTP_TIMEOUT", "5", 1);
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("ALL_PROXY");
    unsetenv("all_proxy");
    RUN(test_only_https_is_spoken);
    RUN(test_token_with_a_newline_is_not_sent);
    RUN(test_download_to_a_file);
    RUN(test_download_refused_writes_nothing);
    RUN(test_download_write_error);
    RUN(test_ctrl_c_ends_a_stalled_download);
    UNIT_DONE();
}
