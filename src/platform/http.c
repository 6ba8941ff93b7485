#include "platform/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "platform/backoff.h"
#include "platform/trust.h"
#include "util/strbuf.h"
#include "util/wipe.h"
#include "util/xalloc.h"

enum {
    MAX_ATTEMPTS = 3,               /* for 5xx, timeouts and dropped connections */
    MAX_BODY = 32 * 1024 * 1024,
    MAX_ERROR_BODY = 64 * 1024,     /* what is kept of a failed download's answer */
    WAIT_SLICE_MS = 100,            /* a signal landing just before a sleep delays the check by this much */
};

/* the first attempt of a request made ahead (http_prefetch), waiting for its http_send */
typedef struct Prefetched {
    struct Prefetched *next;
    char *url;
    HttpAuth auth;
    char *secret;
    char *peer;
    CURLcode rc;
    long status;
    StrBuf body;
    char *content_type;
    long retry_after;
    bool too_large;
    char errbuf[CURL_ERROR_SIZE];
} Prefetched;

struct HttpClient {
    CURL *curl;                     /* kept for the whole run, so its connections are reused */
    CURLSH *share;                  /* connections, TLS sessions and DNS, for it and parallel requests */
    long timeout_ms;
    long connect_timeout_ms;
    bool plain_http_allowed;        /* unit tests only */
    X509_STORE *trust;              /* the CA certificates, read once for every connection */
    bool trust_tried;
    char errbuf[CURL_ERROR_SIZE];
    Prefetched *prefetched;
};

/* one attempt: what came back, and for a download where its body goes */
typedef struct Exchange {
    CURL *curl;
    StrBuf body;
    char *content_type;
    long retry_after;               /* seconds, -1 when absent */
    bool too_large;
    const HttpDownload *download;   /* NULL for an answer kept in memory */
    long long written;
    int write_errno;
} Exchange;

static bool (*cancel_check)(void);

void http_set_cancel_check(bool (*check)(void))
{
    cancel_check = check;
}

static bool cancel_pressed(void)
{
    return cancel_check && cancel_check();
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool http_wait_ms(long ms)
{
    long long deadline = now_ms() + ms;
    for (;;) {
        if (cancel_pressed())
            return false;
        long long left = deadline - now_ms();
        if (left <= 0)
            return true;
        long slice = left < WAIT_SLICE_MS ? (long)left : WAIT_SLICE_MS;
        struct timespec ts = {slice / 1000, (slice % 1000) * 1000000L};
        /* EINTR (the SIGINT handler ran) loops back to the check */
        nanosleep(&ts, NULL);
    }
}

static long timeout_from_env(void)
{
    return backoff_timeout_ms(getenv("PGCONSOLE_HTTP_TIMEOUT"), 30000);
}

HttpClient *http_client_create(void)
{
    /* every block libcurl frees (its receive buffer, the headers it built) is wiped first */
    if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, wipe_free, wipe_realloc, wipe_strdup, calloc) != CURLE_OK)
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
    /* one thread: the share needs no locks */
    c->share = curl_share_init();
    if (c->share) {
        curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
        curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
        curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }
    return c;
}

static void prefetched_free(Prefetched *p)
{
    free(p->url);
    wipe_and_free(p->secret, p->secret ? strlen(p->secret) : 0);
    free(p->peer);
    sb_wipe_free(&p->body);
    free(p->content_type);
    free(p);
}

void http_client_allow_plain_http_for_unit_tests(HttpClient *c)
{
    c->plain_http_allowed = true;
}

bool http_is_https(const char *url)
{
    return url && strncasecmp(url, "https://", 8) == 0;
}

bool http_token_fits_header(const char *token)
{
    if (!token || !*token)
        return false;
    for (const unsigned char *p = (const unsigned char *)token; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            return false;
    return true;
}

static bool scheme_allowed(const HttpClient *c, const char *url)
{
    return http_is_https(url) || (c->plain_http_allowed && url && strncasecmp(url, "http://", 7) == 0);
}

void http_client_destroy(HttpClient *c)
{
    if (!c)
        return;
    while (c->prefetched) {
        Prefetched *p = c->prefetched;
        c->prefetched = p->next;
        prefetched_free(p);
    }
    curl_easy_cleanup(c->curl);
    if (c->share)
        curl_share_cleanup(c->share);
    X509_STORE_free(c->trust);
    free(c);
    curl_global_cleanup();
}

void http_response_free(HttpResponse *resp)
{
    /* answers hold variables and tokens */
    wipe_and_free(resp->body, resp->body ? resp->len + 1 : 0);
    free(resp->content_type);
    memset(resp, 0, sizeof(*resp));
}

/* ---- one attempt ---- */

static bool answer_is_success(Exchange *x)
{
    long status = 0;
    curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &status);
    return status >= 200 && status < 300;
}

/* all of data to the download's descriptor; false with write_errno set */
static bool write_through(Exchange *x, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(x->download->fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            x->write_errno = n < 0 ? errno : EIO;
            return false;
        }
        data += n;
        len -= (size_t)n;
        x->written += n;
    }
    return true;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
    Exchange *x = arg;
    size_t len = size * n;
    if (x->download && answer_is_success(x))
        return write_through(x, data, len) ? len : 0;
    size_t cap = x->download ? MAX_ERROR_BODY : MAX_BODY;
    if (x->body.len + len > cap) {
        x->too_large = !x->download;
        /* a failed download's answer is only read for its status: the rest can go */
        return x->download ? len : 0;
    }
    sb_append_n_wiping(&x->body, data, len);
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
        x->retry_after = backoff_retry_after_s(v, time(NULL));
        free(v);
    }
    return len;
}

/* libcurl calls it often while it waits or transfers (also when a signal wakes it): Ctrl-C ends the transfer */
static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)ultotal;
    (void)ulnow;
    Exchange *x = arg;
    if (cancel_pressed())
        return 1;
    if (x->download && x->download->progress && x->written > 0)
        x->download->progress(x->download->progress_ctx, (long long)dlnow, dltotal > 0 ? (long long)dltotal : -1);
    return 0;
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

static struct curl_slist *build_headers(const HttpRequest *req, bool json)
{
    struct curl_slist *h = NULL;
    if (json) {
        h = curl_slist_append(h, "Accept: application/json");
        h = curl_slist_append(h, "Content-Type: application/json");
    }
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

/* a setting from the environment, else libcurl's default (the CA bundle or folder it was built with) */
static const char *trust_source(CURL *h, const char *env, CURLINFO builtin)
{
    const char *value = getenv(env);
    if (value && *value)
        return value;
    value = NULL;
    curl_easy_getinfo(h, builtin, &value);
    return value && *value ? value : NULL;
}

/*
 * The CA certificates libcurl would read (SSL_CERT_FILE, else its bundle; SSL_CERT_DIR, else its
 * folder), in one store for the whole run: libcurl reads and decodes its bundle again for every
 * new connection, 15 ms and more for a system bundle in OpenSSL 3, five times in a cold --app.
 * NULL when they cannot be read: libcurl then reads them itself and says what is wrong, as before.
 */
static X509_STORE *trust_store(HttpClient *c)
{
    if (!c->trust_tried) {
        c->trust_tried = true;
        c->trust = trust_store_new(trust_source(c->curl, "SSL_CERT_FILE", CURLINFO_CAINFO),
                                   trust_source(c->curl, "SSL_CERT_DIR", CURLINFO_CAPATH));
    }
    return c->trust;
}

/* each new TLS connection: the run's trust store, and OpenSSL wiping its record buffers of the decrypted answers */
static CURLcode prepare_tls(CURL *h, void *ssl_ctx, void *arg)
{
    (void)h;
    HttpClient *c = arg;
    SSL_CTX_set_options((SSL_CTX *)ssl_ctx, SSL_OP_CLEANSE_PLAINTEXT);
    /* without the reference the connection keeps an empty store, and verifies nothing: it fails */
    if (c->trust && X509_STORE_up_ref(c->trust))
        SSL_CTX_set_cert_store((SSL_CTX *)ssl_ctx, c->trust);
    return CURLE_OK;
}

static void set_common_options(HttpClient *c, CURL *h, Exchange *x)
{
    if (c->share)
        curl_easy_setopt(h, CURLOPT_SHARE, c->share);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "pgconsole/" PGCONSOLE_VERSION);
    if (x->download) {
        /* an archive takes as long as it takes: only a stall ends it */
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (c->timeout_ms + 999) / 1000);
    } else {
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
        /* an answer announcing more than we keep is refused before its body comes */
        curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)MAX_BODY);
    }
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
    /* a redirect is an answer for the caller to judge: following one could carry the token to another host */
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    const char *protocols = c->plain_http_allowed ? "http,https" : "https";
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, protocols);
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, x->download ? NULL : "");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, prepare_tls);
    curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, c);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
    if (trust_store(c)) {
        /* prepare_tls gives every connection the store read once: libcurl has nothing to read */
        curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
        curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
        return;
    }
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
    x->curl = h;
    set_common_options(c, h, x);
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    if (strcmp(req->method, "GET") == 0)
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    else
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req->method);
    if (has_body(req->method))
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body ? req->body : "{}");
    struct curl_slist *headers = build_headers(req, x->download == NULL);
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

/* ---- URLs and messages ---- */

static char *display(const char *url, bool with_path)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    char *shown = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK && curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ==
        CURLUE_OK && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
        curl_url_get(u, CURLUPART_PORT, &port, 0);
        if (with_path)
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

char *http_display_url(const char *url)
{
    return display(url, true);
}

char *http_display_origin(const char *url)
{
    return display(url, false);
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

static char *shown_url(const HttpRequest *req)
{
    return req->secret_url ? http_display_origin(req->url) : http_display_url(req->url);
}

static char *write_error(const HttpRequest *req, const Exchange *x, const char *peer, const char *url)
{
    if (x->write_errno)
        return xasprintf("could not write what %s sent (%s %s) to %s: %s", peer, req->method, url,
                         x->download->dest, strerror(x->write_errno));
    return xasprintf("the answer of %s to %s %s is %s", peer, req->method, url,
                     x->too_large ? "too large" : "unreadable");
}

static char *transport_error(HttpClient *c, const HttpRequest *req, CURLcode rc, const Exchange *x, int attempts)
{
    const char *peer = req->peer ? req->peer : "the server";
    char *url = shown_url(req);
    const char *detail = c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc);
    char *tries = attempts > 1 ? xasprintf(", after %d attempts", attempts) : xstrdup("");
    char *msg;
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        msg = x->download ? xasprintf("no data from %s for %g s (%s %s%s)", peer, c->timeout_ms / 1000.0,
                                      req->method, url, tries)
                          : xasprintf("no answer from %s within %g s (%s %s%s)", peer, c->timeout_ms / 1000.0,
                                      req->method, url, tries);
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
        msg = write_error(req, x, peer, url);
        break;
    case CURLE_FILESIZE_EXCEEDED:
        msg = xasprintf("the answer of %s to %s %s is too large", peer, req->method, url);
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
    char *url = shown_url(req);
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

static void set_cancelled(PlatformError *e, const HttpRequest *req)
{
    char *url = shown_url(req);
    e->status = 0;
    e->cancelled = true;
    platform_error_set(e, xasprintf("cancelled while waiting for %s (%s %s)", req->peer ? req->peer : "the server",
                                    req->method, url));
    free(url);
}

/* ---- the attempts ---- */

static void exchange_reset(Exchange *x)
{
    sb_wipe_free(&x->body);
    free(x->content_type);
    x->content_type = NULL;
    x->retry_after = -1;
    x->too_large = false;
}

/* what to do after one attempt */
typedef enum Next { NEXT_DONE, NEXT_RETRY, NEXT_FAIL } Next;

typedef struct Attempts {
    int attempts;
    int rate_retries;
    long waited_ms;
    long wait_ms;       /* before the retry */
} Attempts;

/* decides after an attempt that got an answer or a transport error; fills e on NEXT_FAIL */
static Next judge(HttpClient *c, const HttpRequest *req, CURLcode rc, long status, Exchange *x, Attempts *a,
                  PlatformError *e)
{
    /* once a download has written something, starting over would write it twice */
    bool repeatable = req->retry_safe && x->written == 0;
    if (rc != CURLE_OK) {
        if (repeatable && transient(rc) && a->attempts < MAX_ATTEMPTS) {
            a->wait_ms = backoff_retry_ms(a->attempts);
            return NEXT_RETRY;
        }
        if (rc == CURLE_ABORTED_BY_CALLBACK) {
            set_cancelled(e, req);
            return NEXT_FAIL;
        }
        e->status = 0;
        platform_error_set(e, transport_error(c, req, rc, x, a->attempts));
        return NEXT_FAIL;
    }
    if (status == 429) {
        a->wait_ms = backoff_rate_limit_ms(x->retry_after, a->rate_retries, a->waited_ms);
        if (a->wait_ms >= 0) {
            a->rate_retries++;
            a->attempts--;     /* a 429 means the request was not processed: it costs no attempt */
            a->waited_ms += a->wait_ms;
            return NEXT_RETRY;
        }
    } else if (status >= 500 && repeatable && a->attempts < MAX_ATTEMPTS) {
        a->wait_ms = backoff_retry_ms(a->attempts);
        return NEXT_RETRY;
    }
    if (status == 429 || status >= 500) {
        e->status = status;
        platform_error_set(e, status_error(req, status, status == 429 ? x->retry_after : -1, a->attempts));
        return NEXT_FAIL;
    }
    return NEXT_DONE;
}

static bool same_secret(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* the first attempt made ahead for this very request (same URL and credentials), once */
static Prefetched *take_prefetched(HttpClient *c, const HttpRequest *req)
{
    if (strcmp(req->method, "GET") != 0)
        return NULL;
    for (Prefetched **at = &c->prefetched; *at; at = &(*at)->next) {
        Prefetched *p = *at;
        if (strcmp(p->url, req->url) == 0 && p->auth == req->auth && same_secret(p->secret, req->secret)) {
            *at = p->next;
            return p;
        }
    }
    return NULL;
}

/* the outcome of an attempt made ahead, as perform_once would have given it */
static CURLcode replay(HttpClient *c, Prefetched *p, Exchange *x, long *status)
{
    x->body = p->body;
    p->body = (StrBuf)STRBUF_INIT;
    x->content_type = p->content_type;
    p->content_type = NULL;
    x->retry_after = p->retry_after;
    x->too_large = p->too_large;
    memcpy(c->errbuf, p->errbuf, sizeof(c->errbuf));
    *status = p->status;
    CURLcode rc = p->rc;
    prefetched_free(p);
    return rc;
}

/* Ctrl-C while requests made ahead waited: the error names the one that was not answered */
static bool report_cancelled_prefetch(HttpClient *c, PlatformError *e)
{
    for (Prefetched *p = c->prefetched; p; p = p->next) {
        if (p->rc == CURLE_ABORTED_BY_CALLBACK) {
            HttpRequest named = {.method = "GET", .url = p->url, .peer = p->peer};
            set_cancelled(e, &named);
            return true;
        }
    }
    return false;
}

/* the reason this request may not be sent at all, or NULL */
static const char *refusal(const HttpClient *c, const HttpRequest *req)
{
    if (!scheme_allowed(c, req->url))
        return "not an https:// URL";
    if (req->auth != HTTP_AUTH_NONE && req->secret && !http_token_fits_header(req->secret))
        return "its token holds characters no token has";
    return NULL;
}

/* true after e when the request may not be sent at all */
static bool refused(const HttpClient *c, const HttpRequest *req, PlatformError *e)
{
    const char *why = refusal(c, req);
    if (!why)
        return false;
    char *url = shown_url(req);
    e->status = 0;
    platform_error_set(e, xasprintf("refusing to send %s %s to %s: %s", req->method, url,
                                    req->peer ? req->peer : "the server", why));
    free(url);
    return true;
}

/*
 * runs the attempts of one request into x, the first one from first when it was made ahead;
 * true with resp->status when an answer is to be judged by the caller
 */
static bool run(HttpClient *c, const HttpRequest *req, Exchange *x, HttpResponse *resp, Prefetched *first,
                PlatformError *e)
{
    memset(resp, 0, sizeof(*resp));
    if (refused(c, req, e)) {
        if (first)
            prefetched_free(first);
        return false;
    }
    Attempts a = {0, 0, 0, 0};
    for (;;) {
        exchange_reset(x);
        if (cancel_pressed()) {
            if (first)
                prefetched_free(first);
            set_cancelled(e, req);
            return false;
        }
        a.attempts++;
        long status = 0;
        CURLcode rc = first ? replay(c, first, x, &status) : perform_once(c, req, x, &status);
        first = NULL;
        resp->attempts = a.attempts;
        Next next = judge(c, req, rc, status, x, &a, e);
        if (next == NEXT_FAIL) {
            resp->status = e->status;
            return false;
        }
        if (next == NEXT_DONE) {
            resp->status = status;
            return true;
        }
        if (!http_wait_ms(a.wait_ms)) {
            set_cancelled(e, req);
            return false;
        }
    }
}

bool http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, PlatformError *e)
{
    if (cancel_pressed() && report_cancelled_prefetch(c, e)) {
        memset(resp, 0, sizeof(*resp));
        return false;
    }
    Exchange x = {.body = STRBUF_INIT, .retry_after = -1};
    bool ok = run(c, req, &x, resp, take_prefetched(c, req), e);
    if (ok) {
        resp->len = x.body.len;
        resp->body = x.body.data ? sb_steal(&x.body) : xstrdup("");
        resp->content_type = x.content_type;
        x.content_type = NULL;
    }
    exchange_reset(&x);
    return ok;
}

bool http_download(HttpClient *c, const HttpRequest *req, const HttpDownload *d, HttpResponse *resp,
                   PlatformError *e)
{
    Exchange x = {.body = STRBUF_INIT, .retry_after = -1, .download = d};
    bool ok = run(c, req, &x, resp, NULL, e);
    if (ok && (resp->status < 200 || resp->status >= 300)) {
        char *url = shown_url(req);
        e->status = resp->status;
        platform_error_set(e, xasprintf("%s refused the download (%ld to %s %s)", req->peer ? req->peer : "the server",
                                        resp->status, req->method, url));
        free(url);
        ok = false;
    }
    if (ok) {
        resp->len = (size_t)x.written;
        resp->content_type = x.content_type;
        x.content_type = NULL;
    }
    exchange_reset(&x);
    return ok;
}

/* ---- requests in parallel ---- */

static Prefetched *new_prefetched(const HttpRequest *req)
{
    Prefetched *p = xcalloc(1, sizeof(*p));
    p->url = xstrdup(req->url);
    p->auth = req->auth;
    p->secret = req->secret ? xstrdup(req->secret) : NULL;
    p->peer = req->peer ? xstrdup(req->peer) : NULL;
    p->rc = CURLE_ABORTED_BY_CALLBACK;
    return p;
}

/* keeps what the attempt gave, for the http_send of the same request */
static void keep_outcome(HttpClient *c, Prefetched *p, Exchange *x, CURLcode rc)
{
    p->rc = rc;
    if (rc == CURLE_OK)
        curl_easy_getinfo(x->curl, CURLINFO_RESPONSE_CODE, &p->status);
    p->body = x->body;
    x->body = (StrBuf)STRBUF_INIT;
    p->content_type = x->content_type;
    x->content_type = NULL;
    p->retry_after = x->retry_after;
    p->too_large = x->too_large;
    p->next = c->prefetched;
    c->prefetched = p;
}

static void wait_all(CURLM *m)
{
    int running = 1;
    while (running) {
        if (curl_multi_perform(m, &running) != CURLM_OK)
            break;
        if (running && curl_multi_poll(m, NULL, 0, WAIT_SLICE_MS, NULL) != CURLM_OK)
            break;
    }
}

static CURL *start_request(HttpClient *c, CURLM *m, const HttpRequest *req, Exchange *x, Prefetched *p,
                           struct curl_slist **headers)
{
    CURL *h = curl_easy_init();
    if (!h)
        return NULL;
    *x = (Exchange){.curl = h, .body = STRBUF_INIT, .retry_after = -1};
    set_common_options(c, h, x);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, p->errbuf);
    curl_easy_setopt(h, CURLOPT_URL, req->url);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    *headers = build_headers(req, true);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, *headers);
    curl_multi_add_handle(m, h);
    return h;
}

void http_prefetch(HttpClient *c, const HttpRequest *reqs, int n)
{
    CURLM *m = n > 0 && !cancel_pressed() ? curl_multi_init() : NULL;
    if (!m)
        return;
    Exchange *xs = xcalloc((size_t)n, sizeof(*xs));
    Prefetched **ps = xcalloc((size_t)n, sizeof(*ps));
    struct curl_slist **headers = xcalloc((size_t)n, sizeof(*headers));
    for (int i = 0; i < n; i++) {
        /* a request that may not go is refused by its http_send, which says why */
        if (strcmp(reqs[i].method, "GET") != 0 || refusal(c, &reqs[i]))
            continue;
        ps[i] = new_prefetched(&reqs[i]);
        if (!start_request(c, m, &reqs[i], &xs[i], ps[i], &headers[i])) {
            prefetched_free(ps[i]);
            ps[i] = NULL;
        }
    }
    wait_all(m);
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(m, &left))) {
        for (int i = 0; i < n; i++) {
            if (msg->msg == CURLMSG_DONE && ps[i] && xs[i].curl == msg->easy_handle) {
                keep_outcome(c, ps[i], &xs[i], msg->data.result);
                ps[i] = NULL;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        /* the handle first: it writes to the error buffer of ps[i] */
        if (xs[i].curl) {
            curl_multi_remove_handle(m, xs[i].curl);
            curl_easy_cleanup(xs[i].curl);
        }
        if (ps[i])
            prefetched_free(ps[i]);     /* not finished: asked for again when needed */
        wipe_headers(headers[i]);
        sb_wipe_free(&xs[i].body);
        free(xs[i].content_type);
    }
    free(headers);
    free(ps);
    free(xs);
    curl_multi_cleanup(m);
}
