/*
 * HTTPS requests to the Scalingo APIs with libcurl: JSON headers, the User-Agent,
 * timeouts (30 s, as the official client), retries with backoff for calls that are
 * safe to repeat and for rate limiting (429), within bounds.  The system CA store is
 * trusted, or the bundle named by SSL_CERT_FILE / SSL_CERT_DIR; proxies come from
 * the usual environment variables, which libcurl reads itself.
 *
 * Long operations: a cancel check (Ctrl-C) ends a request, a wait for an answer and a
 * back-off between retries at once; a response can be streamed to a file descriptor
 * (a backup archive, larger than any body kept in memory), with progress.
 */
#ifndef PGC_PLATFORM_HTTP_H
#define PGC_PLATFORM_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "platform/error.h"

typedef struct HttpClient HttpClient;

typedef enum HttpAuth {
    HTTP_AUTH_NONE,         /* also what a pre-signed URL takes: its query string is the credential */
    HTTP_AUTH_BEARER,       /* Authorization: Bearer <secret> */
    HTTP_AUTH_BASIC_TOKEN,  /* Basic auth with an empty user name and <secret> as password */
} HttpAuth;

typedef struct HttpRequest {
    const char *method;     /* GET, POST, PATCH, PUT, DELETE */
    const char *url;
    const char *body;       /* JSON; POST, PATCH and PUT send "{}" when NULL */
    HttpAuth auth;
    const char *secret;
    bool retry_safe;        /* may be sent again after a 5xx, a timeout or a dropped connection */
    const char *peer;       /* how messages name the other end, e.g. "the Scalingo API" */
    bool secret_url;        /* a pre-signed URL: messages show its scheme, host and port only */
} HttpRequest;

typedef struct HttpResponse {
    long status;
    char *body;             /* NUL-terminated; NULL after a download */
    size_t len;             /* of the body, or the bytes a download wrote */
    char *content_type;     /* NULL when absent */
    int attempts;
} HttpResponse;

/* NULL when libcurl cannot be initialised */
HttpClient *http_client_create(void);
void http_client_destroy(HttpClient *c);

/*
 * Requests go over https only (the token, the JWT and the platform's CA travel on them):
 * a URL of another scheme is refused before anything is sent, and libcurl itself is
 * limited to https, redirects included (none is followed anyway).  The unit tests' HTTP
 * server on loopback is the one exception, through this call: nothing outside a test
 * program can reach it.
 */
void http_client_allow_plain_http_for_unit_tests(HttpClient *c);
/*
 * Whether a token can go into an HTTP header as it is: visible ASCII only (no space, no
 * CR or LF that would end the header and start another).  Every token is checked before
 * it is sent, wherever it came from: the user, the API or the cache.
 */
bool http_token_fits_header(const char *token);
/* whether url starts with https:// (in any case) */
bool http_is_https(const char *url);

/*
 * The check that says Ctrl-C was pressed (the SIGINT handler's flag), for every client
 * of the process; NULL (the default) for none.  Set it where a SIGINT handler is in place.
 */
void http_set_cancel_check(bool (*check)(void));
/* waits ms milliseconds; false, at once, when the cancel check fires */
bool http_wait_ms(long ms);

/*
 * Sends the request, retrying as allowed.  True when an answer other than 429 or 5xx
 * arrived (the caller judges 4xx); false after e, one line naming the request, when
 * there was none, or only 429 or 5xx answers, or Ctrl-C (e->cancelled).  resp->status
 * is 0 when nothing arrived.
 */
bool http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, PlatformError *e);
void http_response_free(HttpResponse *resp);

/*
 * Sends GET requests that do not depend on each other at the same time (libcurl multi),
 * and keeps the outcome of each (an answer, a transport error, Ctrl-C) as the first
 * attempt of the http_send of the same URL with the same credentials, which goes on from
 * there as if it had made that attempt itself (retries, errors).  Nothing is reported here.
 */
void http_prefetch(HttpClient *c, const HttpRequest *reqs, int n);

/* called as a download goes; total is -1 while unknown */
typedef void (*HttpProgressFn)(void *ctx, long long received, long long total);

typedef struct HttpDownload {
    int fd;                 /* where a 2xx body goes, written through */
    const char *dest;       /* how messages name it (a file name) */
    HttpProgressFn progress;    /* NULL for none */
    void *progress_ctx;
} HttpDownload;

/*
 * GETs req->url (no JSON headers) and streams a 2xx body to d->fd, with no size cap: a
 * stall of the timeout without data ends it instead of a total time limit.  Retried
 * like http_send while nothing has been written.  True with resp->status and resp->len
 * (the bytes written); false after e for another status, a transport or write error,
 * or Ctrl-C.  Nothing but a 2xx body ever reaches fd.
 */
bool http_download(HttpClient *c, const HttpRequest *req, const HttpDownload *d, HttpResponse *resp,
                   PlatformError *e);

/* the URL fit for messages: scheme, host, port and path, without credentials or query string */
char *http_display_url(const char *url);
/* scheme, host and port only, for a URL whose path may be a secret too */
char *http_display_origin(const char *url);
/* the host name of a URL, without port; NULL when it does not parse */
char *http_url_host(const char *url);

#endif
