/*
 * One authenticated call to a Scalingo API and what its answer means: a 2xx body as
 * JSON, or one line saying what failed, from the status and the documented error
 * bodies (401 {error}, 404 {resource, error}, 422 {errors}, ...).  The bearer comes
 * from a token source, asked once more for a fresh token after a 401.
 */
#ifndef PGC_PLATFORM_API_H
#define PGC_PLATFORM_API_H

#include <jansson.h>
#include <stdbool.h>

#include "platform/error.h"
#include "platform/http.h"

/* gives a bearer token (a fresh one when refresh), or NULL after filling e */
typedef const char *(*TokenFn)(void *ctx, bool refresh, PlatformError *e);

typedef struct TokenSource {
    TokenFn get;
    void *ctx;
} TokenSource;

typedef struct ApiCall {
    const char *peer;       /* "the Scalingo API", ... */
    const char *method;
    const char *url;
    const char *body;
    bool retry_safe;
} ApiCall;

/* sends the call (no Authorization when src is NULL); true with resp for a 2xx answer */
bool api_send(HttpClient *http, const TokenSource *src, const ApiCall *call, HttpResponse *resp, PlatformError *e);
/* api_send, then the body as JSON (an empty 2xx body gives an empty object) */
json_t *api_json(HttpClient *http, const TokenSource *src, const ApiCall *call, PlatformError *e);

/* the message for a non-2xx answer, from its status and documented error body */
void api_status_error(const ApiCall *call, const HttpResponse *resp, PlatformError *e);
/* the message for an answer that does not have the documented shape (problem may be e->message) */
void api_shape_error(PlatformError *e, const ApiCall *call, const char *problem);

#endif
