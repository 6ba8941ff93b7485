/*
 * HTTPS requests to the Scalingo APIs with libcurl: JSON headers, the User-Agent,
 * timeouts (30 s, as the official client), retries with backoff for calls that are
 * safe to repeat and for rate limiting (429), within bounds.  The system CA store is
 * trusted, or the bundle named by SSL_CERT_FILE / SSL_CERT_DIR; proxies come from
 * the usual environment variables, which libcurl reads itself.
 */
#ifndef PGC_PLATFORM_HTTP_H
#define PGC_PLATFORM_HTTP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct HttpClient HttpClient;

typedef enum HttpAuth {
    HTTP_AUTH_NONE,
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
} HttpRequest;

typedef struct HttpResponse {
    long status;
    char *body;             /* NUL-terminated */
    size_t len;
    char *content_type;     /* NULL when absent */
    int attempts;
} HttpResponse;

HttpClient *http_client_create(void);
void http_client_free(HttpClient *c);

/*
 * Sends the request, retrying as allowed.  True when an answer other than 429 or 5xx
 * arrived (the caller judges 4xx); false with *err, one line naming the request, when
 * there was none, or only 429 or 5xx answers.  resp->status is 0 when nothing arrived.
 */
bool http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, char **err);
void http_response_free(HttpResponse *resp);

/* the URL fit for messages: scheme, host, port and path, without credentials or query string */
char *http_display_url(const char *url);
/* the host name of a URL, without port; NULL when it does not parse */
char *http_url_host(const char *url);

#endif
