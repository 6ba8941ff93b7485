#include "platform/auth.h"

#include <stdlib.h>
#include <string.h>

#include "platform/cachefile.h"
#include "platform/json_map.h"
#include "platform/token_cache.h"
#include "util/xalloc.h"

enum { JWT_MIN_LEFT = 300 };

struct Auth {
    HttpClient *http;
    char *base;
    ApiToken token;
    char *token_key;
    CachedToken jwt;
};

Auth *auth_create(HttpClient *http, const char *base, ApiToken *token)
{
    Auth *a = xcalloc(1, sizeof(*a));
    a->http = http;
    a->base = xstrdup(base);
    a->token = *token;
    memset(token, 0, sizeof(*token));
    const char *parts[] = {"api-token", a->token.token};
    a->token_key = cache_key(parts, 2);
    const char *name_parts[] = {"jwt", a->base, a->token.token};
    /* without an exp claim there is no knowing how long a JWT lives: such a one is kept for this run only */
    cached_token_init(&a->jwt, cache_key(name_parts, 3), JWT_MIN_LEFT, 0);
    return a;
}

void auth_destroy(Auth *a)
{
    if (!a)
        return;
    cached_token_free(&a->jwt);
    credentials_free(&a->token);
    free(a->base);
    free(a->token_key);
    free(a);
}

const char *auth_base(const Auth *a)
{
    return a->base;
}

const char *auth_token_key(const Auth *a)
{
    return a->token_key;
}

static void refused(Auth *a, const ApiCall *call, PlatformError *e)
{
    char *url = http_display_url(call->url);
    e->status = 401;
    platform_error_set(e, xasprintf("the Scalingo API token from %s was refused (401 to POST %s): it is wrong or "
                                    "revoked; run \"scalingo login\" again, or set SCALINGO_API_TOKEN to a valid "
                                    "token", a->token.source, url));
    free(url);
}

static char *exchange(Auth *a, PlatformError *e)
{
    char *url = xasprintf("%s/v1/tokens/exchange", a->base);
    /* the exchange has no effect beyond issuing a token: repeating it is safe */
    ApiCall call = {"the Scalingo auth API", "POST", url, "{}", true};
    HttpRequest req = {.method = call.method, .url = url, .body = call.body, .auth = HTTP_AUTH_BASIC_TOKEN,
                       .secret = a->token.token, .retry_safe = true, .peer = call.peer};
    HttpResponse resp;
    char *jwt = NULL;
    bool answered = http_send(a->http, &req, &resp, e);
    if (answered && resp.status == 401) {
        refused(a, &call, e);
    } else if (answered && resp.status != 200 && resp.status != 201) {
        api_status_error(&call, &resp, e);
    } else if (answered) {
        json_t *doc = jm_parse(resp.body, resp.len, e);
        json_t *tok = doc ? jm_get(doc, "token", JSON_STRING, NULL, e) : NULL;
        /* the JWT goes into the Authorization header of every call: a CR or LF in it would add headers */
        if (tok && http_token_fits_header(json_string_value(tok)))
            jwt = xstrdup(json_string_value(tok));
        else
            api_shape_error(e, &call, !tok ? e->message : *json_string_value(tok) ? "field \"token\" holds "
                            "characters no token has" : "field \"token\" is empty");
        if (tok)
            explicit_bzero((char *)json_string_value(tok), json_string_length(tok));
        json_decref(doc);
    }
    http_response_free(&resp);
    free(url);
    return jwt;
}

const char *auth_jwt(void *ctx, bool refresh, PlatformError *e)
{
    Auth *a = ctx;
    const char *jwt = cached_token_get(&a->jwt, refresh);
    return jwt ? jwt : cached_token_set(&a->jwt, exchange(a, e));
}

TokenSource auth_source(Auth *a)
{
    TokenSource src = {auth_jwt, a};
    return src;
}
