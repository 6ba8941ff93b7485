/*
 * The platform's JSON (src/platform/json_map.c and its users): the strict mapping of a
 * document to C structs, the error bodies of the APIs, and the whole resolution of
 * `--app` (regions, addons, variables, the addon token, the database's host name, the
 * database URL) fed with answers from the fuzz input instead of the network.
 *
 * The program is linked with -Wl,--wrap for http_send, http_client_create and
 * http_client_free: every HTTP request the platform code makes lands in
 * __wrap_http_send below, which answers with the next response of the input; no
 * request leaves the process, and no libcurl handle is made for nothing.  The caches are disabled (their
 * directory cannot be created) so that runs do not depend on each other.
 *
 * Input: one flag byte (which of --addon, --env-var, --region, SCALINGO_API_URL and
 * SCALINGO_DB_URL are given), then responses separated by NUL bytes; a response's
 * first byte picks its HTTP status, the rest is its body.  Once the responses run out,
 * requests fail as if the network were down.
 *
 * Calls: jm_parse, jm_map, jm_get, jm_clear, jm_printable, api_status_error,
 * api_error_clear, resolver_init, resolve_target, target_free, resolver_free; and
 * through them apps_addons, apps_variables, apps_addon_token, regions_load,
 * regions_pick, dbapi_call, auth_jwt, jwt_expiry, pgurl_parse.  The wrapped functions
 * are http_send, http_client_create and http_client_free (src/platform/http.h).
 */
#include "fuzz_common.h"

#include <curl/curl.h>
#include <stddef.h>

#include "platform/api.h"
#include "platform/http.h"
#include "platform/json_map.h"
#include "platform/resolve.h"
#include "util/xalloc.h"

bool __wrap_http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, char **err);
HttpClient *__wrap_http_client_create(void);
void __wrap_http_client_free(HttpClient *c);

/* never looked inside: only the wrapped http_send receives it */
static char no_client;

HttpClient *__wrap_http_client_create(void)
{
    return (HttpClient *)&no_client;
}

void __wrap_http_client_free(HttpClient *c)
{
    (void)c;
}

static const long statuses[] = {200, 200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 503};

static FuzzIn answers;

bool __wrap_http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, char **err)
{
    (void)c;
    memset(resp, 0, sizeof(*resp));
    if (answers.n == 0) {
        *err = xasprintf("could not reach %s (%s: fuzz input exhausted)", req->peer ? req->peer : "the server",
                         req->method);
        return false;
    }
    long status = statuses[fuzz_byte(&answers) % (sizeof(statuses) / sizeof(statuses[0]))];
    char *body = fuzz_until(&answers, '\0');
    resp->attempts = 1;
    if (status == 429 || status >= 500) {
        /* what the real transport does once its retries are spent */
        resp->status = status;
        *err = xasprintf("%s failed (%ld to %s)", req->peer ? req->peer : "the server", status, req->method);
        free(body);
        return false;
    }
    resp->status = status;
    resp->body = body;
    resp->len = strlen(body);
    return true;
}

/* every kind of field the mapping knows, nested and not, required and not */
typedef struct Everything {
    char *id;
    char *name;
    char *nested;
    bool flag;
    long long count;
    double ratio;
    json_t *object;
    json_t *array;
    char *deep;
} Everything;

static const JmField everything_fields[] = {
    {"id", JM_STRING, true, offsetof(Everything, id)},
    {"name", JM_STRING, false, offsetof(Everything, name)},
    {"plan.name", JM_STRING, false, offsetof(Everything, nested)},
    {"default", JM_BOOL, false, offsetof(Everything, flag)},
    {"count", JM_INT, false, offsetof(Everything, count)},
    {"ratio", JM_NUMBER, false, offsetof(Everything, ratio)},
    {"database", JM_OBJECT, false, offsetof(Everything, object)},
    {"addons", JM_ARRAY, false, offsetof(Everything, array)},
    {"a.b.c.d", JM_STRING, false, offsetof(Everything, deep)},
    JM_END,
};

static void map_directly(const char *body, size_t len, long status)
{
    char *err = NULL;
    json_t *doc = jm_parse(body, len, &err);
    free(err);
    err = NULL;
    if (doc) {
        Everything e;
        if (jm_map(doc, everything_fields, &e, "fuzz", &err))
            jm_clear(everything_fields, &e);
        free(err);
        static const char *const paths[] = {"regions", "addons", "variables", "addon.token", "token",
                                            "database.hostname", "error", "errors"};
        static const json_type types[] = {JSON_ARRAY, JSON_ARRAY, JSON_ARRAY, JSON_STRING,
                                          JSON_STRING, JSON_STRING, JSON_STRING, JSON_OBJECT};
        for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
            err = NULL;
            (void)jm_get(doc, paths[i], types[i], NULL, &err);
            free(err);
        }
        json_decref(doc);
    }
    free(jm_printable(body, 1 + len % 300));
    ApiCall call = {"the fuzz API", "GET", "https://api.example.com/v1/apps/x?token=secret", NULL, true};
    HttpResponse resp = {status, (char *)body, len, NULL, 1};
    ApiError e = {0};
    api_status_error(&call, &resp, &e);
    api_error_clear(&e);
}

static void resolve(uint8_t flags)
{
    Resolver r;
    char *err = NULL;
    if (!resolver_init(&r, "my-app", (flags & 1) ? "ad-1" : NULL, (flags & 2) ? "DATABASE_URL" : NULL,
                       (flags & 4) ? "osc-fr1" : NULL, &err)) {
        free(err);
        return;
    }
    if (flags & 8)
        r.api_override = xstrdup("https://api.example.com");
    if (flags & 16)
        r.db_override = xstrdup("https://db.example.com");
    Target t;
    /* what came out, for FUZZ_VERBOSE=1 replays */
    if (resolve_target(&r, false, &t, &err)) {
        fprintf(stderr, "resolved: addon %s in region %s\n", t.addon_id, t.region);
        target_free(&t);
    } else {
        fprintf(stderr, "not resolved: %s\n", err);
    }
    free(err);
    resolver_free(&r);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    /* a token so that resolving starts; cache and config directories that cannot exist */
    setenv("SCALINGO_API_TOKEN", "tk-us-fuzz", 1);
    setenv("XDG_CACHE_HOME", "/dev/null/fuzz", 1);
    setenv("XDG_CONFIG_HOME", "/dev/null/fuzz", 1);
    setenv("HOME", "/dev/null/fuzz", 1);
    unsetenv("SCALINGO_AUTH_URL");
    unsetenv("SCALINGO_API_URL");
    unsetenv("SCALINGO_DB_URL");
    /* for curl_easy_escape, which builds the URLs */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = {data, size};
    uint8_t flags = fuzz_byte(&in);
    FuzzIn first = in;
    long status = statuses[fuzz_byte(&first) % (sizeof(statuses) / sizeof(statuses[0]))];
    char *body = fuzz_until(&first, '\0');
    map_directly(body, strlen(body), status);
    free(body);
    answers = in;
    resolve(flags);
    answers.n = 0;
    return 0;
}
