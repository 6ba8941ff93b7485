#include "platform/api.h"

#include <stdlib.h>
#include <string.h>

#include "platform/json_map.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void api_shape_error(PlatformError *e, const ApiCall *call, const char *problem)
{
    char *url = http_display_url(call->url);
    /* formatted before it replaces the message, which problem may be */
    char *msg = xasprintf("unexpected answer from %s to %s %s: %s", call->peer, call->method, url, problem);
    platform_error_set(e, msg);
    free(url);
}

/* "field: message; ..." from a 422 body's {"errors": {field: [messages]}} */
static void append_field_errors(StrBuf *sb, json_t *errors)
{
    const char *field;
    json_t *msgs;
    json_object_foreach(errors, field, msgs) {
        if (sb->len)
            sb_append(sb, "; ");
        sb_printf(sb, "%s", field);
        if (json_is_array(msgs)) {
            size_t i;
            json_t *m;
            json_array_foreach(msgs, i, m) {
                if (json_is_string(m))
                    sb_printf(sb, "%s %s", i ? "," : "", json_string_value(m));
            }
        } else if (json_is_string(msgs)) {
            sb_printf(sb, " %s", json_string_value(msgs));
        }
    }
}

/* what the server said, from the documented error bodies, made printable; "" when nothing */
static char *server_reason(const HttpResponse *resp, char **resource)
{
    PlatformError ignored = {0};
    json_t *doc = resp->len ? jm_parse(resp->body, resp->len, &ignored) : NULL;
    platform_error_free(&ignored);
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    if (json_is_object(doc)) {
        json_t *err = json_object_get(doc, "error"), *errors = json_object_get(doc, "errors");
        json_t *res = json_object_get(doc, "resource");
        if (json_is_string(err))
            sb_append(&sb, json_string_value(err));
        else if (json_is_object(errors))
            append_field_errors(&sb, errors);
        if (json_is_string(res))
            *resource = xstrdup(json_string_value(res));
    }
    json_decref(doc);
    char *line = jm_printable(sb.data, 300);
    sb_free(&sb);
    return line;
}

void api_status_error(const ApiCall *call, const HttpResponse *resp, PlatformError *e)
{
    char *resource = NULL;
    char *reason = server_reason(resp, &resource);
    char *url = http_display_url(call->url);
    const char *what = resp->status == 401 ? "refused the credentials" : "refused the request";
    e->status = resp->status;
    if (resp->status >= 300 && resp->status < 400)
        /* never followed: the token would go wherever the answer points */
        platform_error_set(e, xasprintf("%s answered with a redirect (%ld to %s %s), which pgconsole does not "
                                        "follow", call->peer, resp->status, call->method, url));
    else
        platform_error_set(e, xasprintf("%s %s (%ld to %s %s)%s%s", call->peer, what, resp->status, call->method,
                                        url, *reason ? ": " : "", reason));
    free(e->resource);
    e->resource = resource;
    free(url);
    free(reason);
}

static bool send_with(HttpClient *http, const char *token, const ApiCall *call, HttpResponse *resp,
                      PlatformError *e)
{
    HttpRequest req = {.method = call->method, .url = call->url, .body = call->body,
                       .auth = token ? HTTP_AUTH_BEARER : HTTP_AUTH_NONE, .secret = token,
                       .retry_safe = call->retry_safe, .peer = call->peer};
    return http_send(http, &req, resp, e);
}

bool api_send(HttpClient *http, const TokenSource *src, const ApiCall *call, HttpResponse *resp, PlatformError *e)
{
    const char *token = src ? src->get(src->ctx, false, e) : NULL;
    if (src && !token)
        return false;
    if (!send_with(http, token, call, resp, e))
        return false;
    if (resp->status == 401 && src) {
        /* a cached token may have been revoked or expired early: get a new one, once */
        http_response_free(resp);
        token = src->get(src->ctx, true, e);
        if (!token || !send_with(http, token, call, resp, e))
            return false;
    }
    if (resp->status >= 200 && resp->status < 300)
        return true;
    api_status_error(call, resp, e);
    http_response_free(resp);
    return false;
}

bool api_prefetch(HttpClient *http, const TokenSource *src, const char *peer, const char *const *urls, int n,
                  PlatformError *e)
{
    const char *token = src ? src->get(src->ctx, false, e) : NULL;
    if (src && !token)
        return false;
    HttpRequest reqs[8];
    int count = 0;
    for (int i = 0; i < n && count < 8; i++)
        reqs[count++] = (HttpRequest){.method = "GET", .url = urls[i], .auth = token ? HTTP_AUTH_BEARER : HTTP_AUTH_NONE,
                                      .secret = token, .retry_safe = true, .peer = peer};
    http_prefetch(http, reqs, count);
    return true;
}

json_t *api_json(HttpClient *http, const TokenSource *src, const ApiCall *call, PlatformError *e)
{
    HttpResponse resp;
    if (!api_send(http, src, call, &resp, e))
        return NULL;
    json_t *doc = resp.len == 0 ? json_object() : jm_parse(resp.body, resp.len, e);
    e->status = resp.status;
    http_response_free(&resp);
    if (!doc)
        api_shape_error(e, call, e->message);
    return doc;
}
