#include "platform/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

enum {
    MAX_ATTEMPTS = 3,               /* for 5xx, timeouts and dropped connections */
    MAX_RATE_LIMIT_RETRIES = 3,
    MAX_RATE_LIMIT_WAIT_S = 20,     /* the most we wait in total for 429s before giving up */
    MAX_BODY = 32 * 1024 * 1024,
};

struct HttpClient {
    CURL *curl;                     /* kept for the whole run, so its connections are reused */
    long timeout_ms;
    long connect_timeout_ms;
    char errbuf[CURL_ERROR_SIZE];
};

typedef struct Exchange {
    StrBuf body;
    char *content_type;
    long retry_after;               /* seconds, -1 when absent */
    bool too_large;
} Exchange;

static long timeout_from_env(void)
{
    const char *v = getenv("PGCONSOLE_HTTP_TIMEOUT");
    if (v && *v) {
        char *end;
        double s = strtod(v, &end);
        if (*end == '\0' && s > 0 && s < 3600)
            return (long)(s * 1000);
    }
    return 30000;
}

HttpClient *http_client_create(void)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return NULL;
    HttpClient *c = xcalloc(1, sizeof(*c));
    c->curl = curl_easy_init();
    if (!c->curl) {
        free(c);
        curl_global_cleanup();
        return NULL;
    }
    c->timeout_ms = timeout_from_env();
    c->connect_timeout_ms = c->timeout_ms < 10000 ? c->timeout_ms : 10000;
    return c;
}

void http_client_free(HttpClient *c)
{
    if (!c)
        return;
    curl_easy_cleanup(c->curl);
    free(c);
    curl_global_cleanup();
}

void http_response_free(HttpResponse *resp)
{
    free(resp->body);
    free(resp->content_type);
    memset(resp, 0, sizeof(*resp));
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
    Exchange *x = arg;
    size_t len = size * n;
    if (x->body.len + len > MAX_BODY) {
        x->too_large = true;
        return 0;
    }
    sb_append_n(&x->body, data, len);
    return len;
}

/* the value of a header line named name (case-insensitively), trimmed, or NULL */
static char *header_value(const char *line, size_t len, const char *name)
{
    size_t nlen = strlen(name);
    if (len <= nlen || strncasecmp(line, name, nlen) != 0 || line[nlen] != ':')
        return NULL;
    const char *v = line + nlen + 1, *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
    Exchange *x = arg;
    size_t len = size * n;
    char *v;
    if ((v = header_value(data, len, "content-type"))) {
        free(x->content_type);
        x->content_type = v;
    } else if ((v = header_value(data, len, "retry-after"))) {
        char *end;
        long secs = strtol(v, &end, 10);
        x->retry_after = (*v && *end == '\0' && secs >= 0) ? secs : -1;
        free(v);
    }
    return len;
}

static char *basic_header(const char *password)
{
    char *userpass = xasprintf(":%s", password);
    size_t len = strlen(userpass);
    unsigned char *b64 = xmalloc(4 * ((len + 2) / 3) + 1);
    EVP_EncodeBlock(b64, (const unsigned char *)userpass, (int)len);
    char *header = xasprintf("Authorization: Basic %s", b64);
    explicit_bzero(userpass, len);
    explicit_bzero(b64, strlen((char *)b64));
    free(userpass);
    free(b64);
    return header;
}

static struct curl_slist *build_headers(const HttpRequest *req)
{
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Accept: application/json");
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "Expect:");
    char *auth = NULL;
    if (req->auth == HTTP_AUTH_BEARER && req->secret)
        auth = xasprintf("Authorization: Bearer %s", req->secret);
    else if (req->auth == HTTP_AUTH_BASIC_TOKEN && req->secret)
        auth = basic_header(req->secret);
    if (auth) {
        h = curl_slist_append(h, auth);
        explicit_bzero(auth, strlen(auth));
        free(auth);
    }
    return h;
}

static void wipe_headers(struct curl_slist *h)
{
    for (struct curl_slist *p = h; p; p = p->next)
        explicit_bzero(p->data, strlen(p->data));
    curl_slist_free_all(h);
}

static bool has_body(const char *method)
{
    return strcmp(method, "POST") == 0 || strcmp(method, "PATCH") == 0 || strcmp(method, "PUT") == 0;
}

static void set_common_options(HttpClient *c, CURL *h, Exchange *x)
{
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "pgconsole/" PGCONSOLE_VERSION);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
    /* as OpenSSL's own tools and curl do: these name another trust store than the system's */
    const char *file = getenv("SSL_CERT_FILE"), *dir = getenv("SSL_CERT_DIR");
    if (file && *file)
        curl_easy_setopt(h, CURLOPT_CAINFO, file);
    if (dir && *dir)
        curl_easy_setopt(h, CURLOPT_CAPATH, dir);
}

static CURLcode perform_once(HttpClient *c, const HttpRequest *req, Exchange *x, long *status)
{
    CURL *h = c->curl;
    curl_easy_reset(h);
    c->errbuf[0] = '\0';
    set_common_options(c, h, x);
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    if (strcmp(req->method, "GET") == 0)
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    else
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req->method);
    if (has_body(req->method))
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "{}");
    struct curl_slist *headers = build_headers(req);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(h);
    *status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    wipe_headers(headers);
    return rc;
}

static bool transient(CURLcode rc)
{
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static long backoff_ms(int attempt)
{
    return 500L << (attempt - 1);
}

char *http_display_url(const char *url)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    char *shown = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ==
        CURLUE_OK && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_PORT, &port, 0);
        curl_url_get(u, CURLUPART_PATH, &path, 0);
        shown = xasprintf("%s://%s%s%s%s", scheme, host, port ? ":" : "", port ? port : "", path ? path : "");
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
    return shown ? shown : xstrdup("(an unreadable URL)");
}

char *http_url_host(const char *url)
{
    CURLU *u = curl_url();
    char *host = NULL, *copy = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        /* an IPv6 literal comes back in brackets; the CLI's auth file keys it without */
        size_t len = strlen(host);
        copy = (len > 1 && host[0] == '[') ? xstrndup(host + 1, len - 2) : xstrdup(host);
    }
    curl_free(host);
    curl_url_cleanup(u);
    return copy;
}

static char *transport_error(HttpClient *c, const HttpRequest *req, CURLcode rc, const Exchange *x, int attempts)
{
    const char *peer = req->peer ? req->peer : "the server";
    char *url = http_display_url(req->url);
    const char *detail = c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc);
    char *tries = attempts > 1 ? xasprintf(", after %d attempts", attempts) : xstrdup("");
    char *msg;
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        msg = xasprintf("no answer from %s within %g s (%s %s%s)", peer, c->timeout_ms / 1000.0, req->method, url,
                        tries);
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
        msg = xasprintf("could not verify the TLS certificate of %s (%s %s: %s); if a proxy or a private CA is in "
                        "the way, set SSL_CERT_FILE to its CA bundle", peer, req->method, url, detail);
        break;
    case CURLE_PARTIAL_FILE:
        msg = xasprintf("the answer of %s to %s %s was cut short%s", peer, req->method, url, tries);
        break;
    case CURLE_WRITE_ERROR:
        msg = xasprintf("the answer of %s to %s %s is %s", peer, req->method, url,
                        x->too_large ? "too large" : "unreadable");
        break;
    default:
        msg = xasprintf("could not reach %s (%s %s: %s%s)", peer, req->method, url, detail, tries);
        break;
    }
    free(tries);
    free(url);
    return msg;
}

static char *status_error(const HttpRequest *req, long status, long retry_after, int attempts)
{
    const char *peer = req->peer ? req->peer : "the server";
    char *url = http_display_url(req->url);
    char *msg;
    if (status == 429)
        msg = xasprintf("%s is rate limiting this account (429 to %s %s): try again in %ld s", peer, req->method,
                        url, retry_after > 0 ? retry_after : 60);
    else if (attempts > 1)
        msg = xasprintf("%s failed (%ld to %s %s, after %d attempts): try again later", peer, status, req->method,
                        url, attempts);
    else
        msg = xasprintf("%s failed (%ld to %s %s): try again later", peer, status, req->method, url);
    free(url);
    return msg;
}

static void exchange_reset(Exchange *x)
{
    sb_free(&x->body);
    free(x->content_type);
    x->content_type = NULL;
    x->retry_after = -1;
    x->too_large = false;
}

/* how long to wait before retrying a 429, or -1 to give up now */
static long rate_limit_wait(const Exchange *x, int retries, long waited_ms)
{
    if (retries >= MAX_RATE_LIMIT_RETRIES)
        return -1;
    long wait_ms = x->retry_after >= 0 ? x->retry_after * 1000 : 1000L << retries;
    if (wait_ms == 0)
        wait_ms = 100;
    return waited_ms + wait_ms <= MAX_RATE_LIMIT_WAIT_S * 1000L ? wait_ms : -1;
}

bool http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, char **err)
{
    memset(resp, 0, sizeof(*resp));
    Exchange x = {STRBUF_INIT, NULL, -1, false};
    int attempts = 0, rate_retries = 0;
    long waited_ms = 0;
    for (;;) {
        exchange_reset(&x);
        attempts++;
        long status = 0;
        CURLcode rc = perform_once(c, req, &x, &status);
        resp->attempts = attempts;
        if (rc != CURLE_OK) {
            if (req->retry_safe && transient(rc) && attempts < MAX_ATTEMPTS) {
                sleep_ms(backoff_ms(attempts));
                continue;
            }
            *err = transport_error(c, req, rc, &x, attempts);
            break;
        }
        if (status == 429) {
            long wait_ms = rate_limit_wait(&x, rate_retries, waited_ms);
            if (wait_ms >= 0) {
                rate_retries++;
                attempts--;     /* a 429 means the request was not processed: it costs no attempt */
                waited_ms += wait_ms;
                sleep_ms(wait_ms);
                continue;
            }
            resp->status = status;
            *err = status_error(req, status, x.retry_after, attempts);
            break;
        }
        if (status >= 500) {
            if (req->retry_safe && attempts < MAX_ATTEMPTS) {
                sleep_ms(backoff_ms(attempts));
                continue;
            }
            resp->status = status;
            *err = status_error(req, status, -1, attempts);
            break;
        }
        resp->status = status;
        resp->len = x.body.len;
        resp->body = x.body.data ? sb_steal(&x.body) : xstrdup("");
        resp->content_type = x.content_type;
        x.content_type = NULL;
        exchange_reset(&x);
        return true;
    }
    exchange_reset(&x);
    return false;
}
