#include "platform/dbapi.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "platform/apps.h"
#include "platform/cachefile.h"
#include "platform/json_map.h"
#include "platform/token_cache.h"
#include "util/xalloc.h"

enum {
    ADDON_TOKEN_MIN_LEFT = 600,         /* renew addon tokens 10 minutes before they expire */
    ADDON_TOKEN_ASSUMED_LIFE = 3600,    /* when the token does not say */
    CA_CACHE_SECONDS = 7 * 24 * 3600,
};

struct DbApi {
    HttpClient *http;
    Auth *auth;
    char *api_base;
    char *base;
    char *app;
    char *addon_id;
    CachedToken token;
};

DbApi *dbapi_create(HttpClient *http, Auth *auth, const char *api_base, const char *db_base, const char *app,
                    const char *addon_id)
{
    DbApi *db = xcalloc(1, sizeof(*db));
    db->http = http;
    db->auth = auth;
    db->api_base = xstrdup(api_base);
    db->base = xstrdup(db_base);
    db->app = xstrdup(app);
    db->addon_id = xstrdup(addon_id);
    const char *parts[] = {"addon-token", auth_token_key(auth), api_base, app, addon_id};
    cached_token_init(&db->token, cache_key(parts, 5), ADDON_TOKEN_MIN_LEFT, ADDON_TOKEN_ASSUMED_LIFE);
    return db;
}

void dbapi_destroy(DbApi *db)
{
    if (!db)
        return;
    cached_token_free(&db->token);
    free(db->api_base);
    free(db->base);
    free(db->app);
    free(db->addon_id);
    free(db);
}

static const char *addon_token(void *ctx, bool refresh, PlatformError *e)
{
    DbApi *db = ctx;
    const char *token = cached_token_get(&db->token, refresh);
    if (token)
        return token;
    AppClient apps = {db->http, db->auth, db->api_base};
    return cached_token_set(&db->token, apps_addon_token(&apps, db->app, db->addon_id, e));
}

static char *database_url(const DbApi *db, const char *path)
{
    char *escaped = curl_easy_escape(NULL, db->addon_id, 0);
    char *url = xasprintf("%s/api/databases/%s%s", db->base, escaped ? escaped : "", path);
    curl_free(escaped);
    return url;
}

json_t *dbapi_call(DbApi *db, const char *method, const char *path, const char *body, bool retry_safe,
                   PlatformError *e)
{
    char *url = database_url(db, path);
    ApiCall call = {"the Scalingo database API", method, url, body, retry_safe};
    TokenSource src = {addon_token, db};
    json_t *doc = api_json(db->http, &src, &call, e);
    free(url);
    return doc;
}

void dbapi_shape_error(const DbApi *db, const char *method, const char *path, const char *problem,
                       PlatformError *e)
{
    char *escaped = curl_easy_escape(NULL, db->addon_id, 0);
    char *url = xasprintf("%s/api/databases/%s%s", db->base, escaped ? escaped : "", path);
    curl_free(escaped);
    ApiCall call = {"the Scalingo database API", method, url, NULL, false};
    api_shape_error(e, &call, problem);
    free(url);
}

bool dbapi_map_answer(DbApi *db, json_t *doc, const char *method, const char *path, const char *member,
                      const JmField *fields, void *out, PlatformError *e)
{
    bool ok = doc && jm_map(json_object_get(doc, member), fields, out, member, e);
    if (doc && !ok)
        dbapi_shape_error(db, method, path, e->message, e);
    json_decref(doc);
    return ok;
}

bool dbapi_get_object(DbApi *db, const char *path, const char *member, const JmField *fields, void *out,
                      PlatformError *e)
{
    return dbapi_map_answer(db, dbapi_call(db, "GET", path, NULL, true, e), "GET", path, member, fields, out, e);
}

bool dbapi_get_array(DbApi *db, const char *path, const char *member, const JmField *fields, size_t size,
                     void **items, int *count, PlatformError *e)
{
    *items = NULL;
    *count = 0;
    json_t *doc = dbapi_call(db, "GET", path, NULL, true, e);
    bool ok = doc && jm_map_array(doc, member, fields, size, items, count, e);
    if (doc && !ok)
        dbapi_shape_error(db, "GET", path, e->message, e);
    json_decref(doc);
    return ok;
}

const char *dbapi_app(const DbApi *db)
{
    return db->app;
}

const char *dbapi_addon_id(const DbApi *db)
{
    return db->addon_id;
}

AppClient dbapi_app_client(const DbApi *db)
{
    return (AppClient){db->http, db->auth, db->api_base};
}

bool dbapi_download(DbApi *db, const char *url, const HttpDownload *d, long long *written, PlatformError *e)
{
    /* the URL's query string is the credential: no header of ours goes with it, and messages show its origin */
    HttpRequest req = {.method = "GET", .url = url, .auth = HTTP_AUTH_NONE, .retry_safe = true,
                       .peer = "the backup storage", .secret_url = true};
    HttpResponse resp;
    bool ok = http_download(db->http, &req, d, &resp, e);
    *written = ok ? (long long)resp.len : 0;
    http_response_free(&resp);
    return ok;
}

/* whether text holds at least one PEM certificate that OpenSSL can read */
static bool valid_pem(const char *text)
{
    BIO *bio = BIO_new_mem_buf(text, -1);
    X509 *cert = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
    bool ok = cert != NULL;
    X509_free(cert);
    BIO_free(bio);
    return ok;
}

/* the PEM text of the answer: the body itself, or a string member of a JSON object that holds one */
static char *pem_of(const HttpResponse *resp)
{
    if (strstr(resp->body, "-----BEGIN CERTIFICATE-----") == resp->body + strspn(resp->body, " \t\r\n"))
        return xstrdup(resp->body);
    PlatformError ignored = {0};
    json_t *doc = jm_parse(resp->body, resp->len, &ignored);
    platform_error_free(&ignored);
    char *pem = NULL;
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) {
        json_t *inner = json_is_object(v) ? json_object_get(v, "certificate") : v;
        if (!pem && json_is_string(inner) && strstr(json_string_value(inner), "-----BEGIN CERTIFICATE-----"))
            pem = xstrdup(json_string_value(inner));
    }
    json_decref(doc);
    return pem;
}

static char *fetch_ca(DbApi *db, PlatformError *e)
{
    char *url = xasprintf("%s/api/ca_certificate", db->base);
    ApiCall call = {"the Scalingo database API", "GET", url, NULL, true};
    TokenSource src = {addon_token, db};
    HttpResponse resp;
    char *pem = NULL;
    if (api_send(db->http, &src, &call, &resp, e)) {
        pem = pem_of(&resp);
        if (!pem || !valid_pem(pem)) {
            api_shape_error(e, &call, "no PEM certificate in the answer");
            free(pem);
            pem = NULL;
        }
        http_response_free(&resp);
    }
    free(url);
    return pem;
}

static char *ca_cache_path(const DbApi *db)
{
    const char *parts[] = {"ca", db->base};
    char *key = cache_key(parts, 2);
    char *name = xasprintf("ca-%s.pem", key);
    char *path = cache_path(name);
    free(key);
    free(name);
    return path;
}

/* whether the CA file at path is there, fresh and valid (never when refresh) */
static bool ca_cached(const char *path, bool refresh)
{
    char *cached = path && !refresh ? cache_read(path, CA_CACHE_SECONDS, 1 << 20, NULL) : NULL;
    bool ok = cached && valid_pem(cached);
    free(cached);
    return ok;
}

bool dbapi_prefetch(DbApi *db, bool database, bool ca, bool refresh_ca, PlatformError *e)
{
    bool ok = true;
    char *urls[2];
    int n = 0;
    if (database)
        urls[n++] = database_url(db, "");
    if (ca) {
        char *path = ca_cache_path(db);
        if (path && !ca_cached(path, refresh_ca))
            urls[n++] = xasprintf("%s/api/ca_certificate", db->base);
        free(path);
    }
    /* one request alone gains nothing from going ahead */
    if (n > 1) {
        TokenSource src = {addon_token, db};
        ok = api_prefetch(db->http, &src, "the Scalingo database API", (const char *const *)urls, n, e);
    }
    for (int i = 0; i < n; i++)
        free(urls[i]);
    return ok;
}

char *dbapi_ca_file(DbApi *db, bool refresh, bool *from_cache, PlatformError *e)
{
    char *path = ca_cache_path(db);
    *from_cache = ca_cached(path, refresh);
    if (*from_cache)
        return path;
    /* libpq reads the CA from a file: without the cache folder there is nowhere to put it */
    if (!path && cache_refusal()) {
        platform_error_set(e, xasprintf("no place for the platform's CA certificate: %s", cache_refusal()));
        return NULL;
    }
    if (!path) {
        platform_error_set(e, xstrdup("no usable cache directory for the platform's CA certificate: set "
                                      "XDG_CACHE_HOME or HOME to a directory of yours"));
        return NULL;
    }
    char *pem = fetch_ca(db, e);
    char *why = NULL;
    bool stored = pem && cache_write(path, pem, strlen(pem), &why);
    if (pem && !stored)
        platform_error_set(e, why ? xasprintf("could not write the platform's CA certificate: %s", why)
                                  : xasprintf("could not write the platform's CA certificate to %s: %s", path,
                                              strerror(errno)));
    free(why);
    free(pem);
    if (!stored) {
        free(path);
        return NULL;
    }
    return path;
}
