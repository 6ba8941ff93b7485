/*
 * The platform's JSON (src/platform/json_map.c and its users): the strict mapping of a
 * document to C structs, the error bodies of the APIs, and the whole resolution of
 * `--app` (regions, addons, variables, the addon token, the database's host name, the
 * database URL) fed with answers from the fuzz input instead of the network.
 *
 * The program is linked with -Wl,--wrap for http_send, http_client_create,
 * http_client_destroy, http_wait_ms and http_prefetch: every HTTP request the platform
 * code makes lands in __wrap_http_send below, which answers with the next response of the
 * input; no request leaves the process, no libcurl handle is made for nothing, calls that
 * would go ahead in parallel are each answered when their http_send comes, and following
 * an operation never sleeps between looks.  The caches are disabled (their directory
 * cannot be created) so that runs do not depend on each other.
 *
 * Input: one flag byte (which of --addon, --env-var, --region, SCALINGO_API_URL and
 * SCALINGO_DB_URL are given, whether the path is chosen from the database's features,
 * and whether an operation, the database's status or a feature is then followed), then
 * responses separated by NUL bytes; a response's first byte picks its HTTP status, the
 * rest is its body.  Once the responses run out, requests fail as if the network were
 * down.
 *
 * Calls: jm_parse, jm_map, jm_get, jm_free, jm_printable, api_status_error,
 * platform_error_free, platform_client_create, platform_resolve, platform_target_free,
 * platform_client_dbapi, follow_operation, follow_database_running, follow_feature,
 * platform_client_destroy; and through them apps_addons, apps_variables,
 * apps_addon_token, regions_load, regions_pick, dbapi_call, dbapi_ca_file, auth_jwt,
 * jwt_expiry, pgurl_parse, api_prefetch.  The wrapped functions are http_send,
 * http_client_create, http_client_destroy, http_wait_ms and http_prefetch
 * (src/platform/http.h).
 */
#include "fuzz_common.h"

#include <curl/curl.h>
#include <stddef.h>

#include "platform/api.h"
#include "platform/follow.h"
#include "platform/http.h"
#include "platform/json_map.h"
#include "platform/platform.h"
#include "util/xalloc.h"

bool __wrap_http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, PlatformError *e);
HttpClient *__wrap_http_client_create(void);
void __wrap_http_client_destroy(HttpClient *c);
bool __wrap_http_wait_ms(long ms);
void __wrap_http_prefetch(HttpClient *c, const HttpRequest *reqs, int n);

/* never looked inside: only the wrapped http_send receives it */
static char no_client;

HttpClient *__wrap_http_client_create(void)
{
    return (HttpClient *)&no_client;
}

void __wrap_http_client_destroy(HttpClient *c)
{
    (void)c;
}

/* the waits between looks at an operation: none, and never cancelled */
bool __wrap_http_wait_ms(long ms)
{
    (void)ms;
    return true;
}

/* nothing goes ahead: each of these requests reaches __wrap_http_send when it is made */
void __wrap_http_prefetch(HttpClient *c, const HttpRequest *reqs, int n)
{
    (void)c;
    (void)reqs;
    (void)n;
}

static const long statuses[] = {200, 200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 503};

static FuzzIn answers;

bool __wrap_http_send(HttpClient *c, const HttpRequest *req, HttpResponse *resp, PlatformError *e)
{
    (void)c;
    memset(resp, 0, sizeof(*resp));
    fprintf(stderr, "request: %s %s\n", req->method, req->url);
    if (answers.n == 0) {
        platform_error_set(e, xasprintf("could not reach %s (%s: fuzz input exhausted)",
                                        req->peer ? req->peer : "the server", req->method));
        return false;
    }
    long status = statuses[fuzz_byte(&answers) % (sizeof(statuses) / sizeof(statuses[0]))];
    char *body = fuzz_until(&answers, '\0');
    resp->attempts = 1;
    if (status == 429 || status >= 500) {
        /* what the real transport does once its retries are spent */
        resp->status = status;
        e->status = status;
        platform_error_set(e, xasprintf("%s failed (%ld to %s)", req->peer ? req->peer : "the server", status,
                                        req->method));
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
    PlatformError e = {0};
    json_t *doc = jm_parse(body, len, &e);
    platform_error_free(&e);
    if (doc) {
        Everything out;
        if (jm_map(doc, everything_fields, &out, "fuzz", &e))
            jm_free(everything_fields, &out);
        platform_error_free(&e);
        static const char *const paths[] = {"regions", "addons", "variables", "addon.token", "token",
                                            "database.hostname", "error", "errors", "operation.status",
                                            "database.features", "backups"};
        static const json_type types[] = {JSON_ARRAY, JSON_ARRAY, JSON_ARRAY, JSON_STRING, JSON_STRING, JSON_STRING,
                                          JSON_STRING, JSON_OBJECT, JSON_STRING, JSON_ARRAY, JSON_ARRAY};
        for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
            (void)jm_get(doc, paths[i], types[i], "fuzz", &e);
            platform_error_free(&e);
        }
        json_decref(doc);
    }
    free(jm_printable(body, 1 + len % 300));
    free(platform_printable(body));
    ApiCall call = {"the fuzz API", "GET", "https://api.example.com/v1/apps/x?token=secret", NULL, true};
    HttpResponse resp = {status, (char *)body, len, NULL, 1};
    api_status_error(&call, &resp, &e);
    platform_error_free(&e);
}

static void follow(DbApi *db, uint8_t flags)
{
    FollowOptions o = {NULL, NULL, 1, 1, 0};
    PlatformError e = {0};
    switch (flags >> 6) {
    case 1: (void)follow_operation(db, "op-1", &o, &e); break;
    case 2: (void)follow_database_running(db, &o, &e); break;
    case 3: (void)follow_feature(db, "force-ssl", flags & 1, &o, &e); break;
    default: json_decref(dbapi_call(db, "GET", "/backups", NULL, true, &e)); break;
    }
    fprintf(stderr, "followed: %s\n", e.message ? e.message : "ok");
    platform_error_free(&e);
}

static void resolve(uint8_t flags)
{
    setenv("SCALINGO_API_TOKEN", "tk-us-fuzz", 1);
    if (flags & 8)
        setenv("SCALINGO_API_URL", "https://api.example.com", 1);
    else
        unsetenv("SCALINGO_API_URL");
    if (flags & 16)
        setenv("SCALINGO_DB_URL", "https://db.example.com", 1);
    else
        unsetenv("SCALINGO_DB_URL");
    /* sslmode require: no CA to fetch and store, which would need a cache directory */
    PlatformArgs a = {"my-app", (flags & 4) ? "osc-fr1" : NULL, (flags & 1) ? "ad-1" : NULL,
                      (flags & 2) ? "DATABASE_URL" : NULL, "require", (flags & 32) ? PLATFORM_VIA_AUTO : PLATFORM_VIA_DIRECT,
                      true};
    PlatformError e = {0};
    PlatformClient *c = platform_client_create(&a, &e);
    if (!c) {
        platform_error_free(&e);
        return;
    }
    PlatformTarget t;
    /* what came out, for FUZZ_VERBOSE=1 replays */
    if (platform_resolve(c, NULL, NULL, &t, &e) == PLATFORM_CONNECTED) {
        fprintf(stderr, "resolved: addon %s in region %s, %s\n", t.addon_id, t.region, t.masked_url);
        platform_target_free(&t);
        DbApi *db = platform_client_dbapi(c);
        if (db)
            follow(db, flags);
    } else {
        fprintf(stderr, "not resolved: %s\n", e.message ? e.message : "(no message)");
    }
    platform_error_free(&e);
    platform_client_destroy(c);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    /* cache and config directories that cannot exist (the token is set at each run) */
    setenv("XDG_CACHE_HOME", "/dev/null/fuzz", 1);
    setenv("XDG_CONFIG_HOME", "/dev/null/fuzz", 1);
    setenv("HOME", "/dev/null/fuzz", 1);
    unsetenv("SCALINGO_AUTH_URL");
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
