#include "platform/auth.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    char *cache_name;
    char *jwt;
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
    a->cache_name = cache_key(name_parts, 3);
    return a;
}

static void drop_jwt(Auth *a)
{
    if (a->jwt) {
        explicit_bzero(a->jwt, strlen(a->jwt));
        free(a->jwt);
        a->jwt = NULL;
    }
}

void auth_free(Auth *a)
{
    if (!a)
        return;
    drop_jwt(a);
    credentials_free(&a->token);
    free(a->base);
    free(a->token_key);
    free(a->cache_name);
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

static void refused(Auth *a, const ApiCall *call, ApiError *e)
{
    char *url = http_display_url(call->url);
    api_error_set(e, 401, xasprintf("the Scalingo API token from %s was refused (401 to POST %s): it is wrong or "
                                    "revoked; run \"scalingo login\" again, or set SCALINGO_API_TOKEN to a valid "
                                    "token", a->token.source, url));
    free(url);
}

static char *exchange(Auth *a, ApiError *e)
{
    char *url = xasprintf("%s/v1/tokens/exchange", a->base);
    /* the exchange has no effect beyond issuing a token: repeating it is safe */
    ApiCall call = {"the Scalingo auth API", "POST", url, "{}", true};
    HttpRequest req = {call.method, url, call.body, HTTP_AUTH_BASIC_TOKEN, a->token.token, true, call.peer};
    HttpResponse resp;
    char *err = NULL, *jwt = NULL;
    if (!http_send(a->http, &req, &resp, &err)) {
        api_error_set(e, resp.status, err);
        err = NULL;
    } else if (resp.status == 401) {
        refused(a, &call, e);
    } else if (resp.status != 200 && resp.status != 201) {
        api_status_error(&call, &resp, e);
    } else {
        json_t *doc = jm_parse(resp.body, resp.len, &err);
        json_t *tok = doc ? jm_get(doc, "token", JSON_STRING, NULL, &err) : NULL;
        if (tok && *json_string_value(tok))
            jwt = xstrdup(json_string_value(tok));
        else
            api_error_shape(e, &call, err ? err : "field \"token\" is empty");
        json_decref(doc);
    }
    free(err);
    http_response_free(&resp);
    free(url);
    return jwt;
}

const char *auth_jwt(void *ctx, bool refresh, ApiError *e)
{
    Auth *a = ctx;
    if (refresh) {
        drop_jwt(a);
        token_cache_drop(a->cache_name);
    }
    if (a->jwt)
        return a->jwt;
    if (!refresh && (a->jwt = token_cache_load(a->cache_name, JWT_MIN_LEFT, 0)))
        return a->jwt;
    a->jwt = exchange(a, e);
    /* without an exp claim there is no knowing how long it lives: keep it for this run only */
    if (a->jwt && jwt_expiry(a->jwt) > time(NULL) + JWT_MIN_LEFT)
        token_cache_store(a->cache_name, a->jwt);
    return a->jwt;
}

TokenSource auth_source(Auth *a)
{
    TokenSource src = {auth_jwt, a};
    return src;
}
