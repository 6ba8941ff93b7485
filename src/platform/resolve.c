#include "platform/resolve.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/apps.h"
#include "platform/cachefile.h"
#include "platform/credentials.h"
#include "platform/dbapi.h"
#include "platform/json_map.h"
#include "platform/regions.h"
#include "platform/url.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { TARGET_CACHE_SECONDS = 600 };

#define DEFAULT_AUTH_URL "https://auth.scalingo.com"

/* a base URL from the environment, without trailing slashes nor the version suffix the client adds */
static char *env_base(const char *name, const char *fallback, const char *suffix)
{
    const char *v = getenv(name);
    if (!v || !*v)
        v = fallback;
    if (!v)
        return NULL;
    char *base = xstrdup(v);
    size_t len = strlen(base);
    while (len > 0 && base[len - 1] == '/')
        base[--len] = '\0';
    size_t slen = strlen(suffix);
    if (len > slen && strcmp(base + len - slen, suffix) == 0)
        base[len - slen] = '\0';
    return base;
}

/* the bases from the environment: https only, as the token and database credentials travel to them */
static bool bases_are_https(const Resolver *r, PlatformError *e)
{
    const char *names[] = {"SCALINGO_AUTH_URL", "SCALINGO_API_URL", "SCALINGO_DB_URL"};
    const char *bases[] = {r->auth_base, r->api_override, r->db_override};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (bases[i] && !http_is_https(bases[i])) {
            char *shown = http_display_origin(bases[i]);
            platform_error_set(e, xasprintf("%s (%s) is not an https:// URL: pgconsole sends credentials to the "
                                            "platform over https only", names[i], shown));
            free(shown);
            return false;
        }
    }
    return true;
}

bool resolver_init(Resolver *r, const char *app, const char *addon, const char *env_var, const char *region,
                   bool want_features, PlatformError *e)
{
    memset(r, 0, sizeof(*r));
    jm_wipe_freed_memory();
    r->app = app;
    r->addon = addon;
    r->env_var = env_var;
    r->region = region;
    r->want_features = want_features;
    r->auth_base = env_base("SCALINGO_AUTH_URL", DEFAULT_AUTH_URL, "/v1");
    r->api_override = env_base("SCALINGO_API_URL", NULL, "/v1");
    r->db_override = env_base("SCALINGO_DB_URL", NULL, "/api");
    if (!bases_are_https(r, e))
        return false;
    ApiToken token;
    if (!credentials_find(r->auth_base, &token, e))
        return false;
    r->http = http_client_create();
    if (!r->http) {
        credentials_free(&token);
        platform_error_set(e, xstrdup("could not initialize libcurl"));
        return false;
    }
    r->auth = auth_create(r->http, r->auth_base, &token);
    return true;
}

void resolver_free(Resolver *r)
{
    dbapi_destroy(r->db);
    free(r->db_key);
    auth_destroy(r->auth);
    http_client_destroy(r->http);
    free(r->auth_base);
    free(r->api_override);
    free(r->db_override);
    memset(r, 0, sizeof(*r));
}

void target_free(Target *t)
{
    if (t->url) {
        explicit_bzero(t->url, strlen(t->url));
        free(t->url);
    }
    free(t->addon_id);
    free(t->region);
    free(t->api_base);
    free(t->db_base);
    free(t->gateway);
    memset(t, 0, sizeof(*t));
}

/* ---- the cached target ---- */

static char *target_cache_path(const Resolver *r)
{
    const char *parts[] = {"target", auth_token_key(r->auth), r->auth_base, r->api_override, r->db_override,
                           r->region, r->app, r->addon, r->env_var};
    char *key = cache_key(parts, 9);
    char *name = xasprintf("app-%s.json", key);
    char *path = cache_path(name);
    free(key);
    free(name);
    return path;
}

static const JmField target_fields[] = {
    {"url", JM_STRING, true, offsetof(Target, url)},
    {"addon_id", JM_STRING, true, offsetof(Target, addon_id)},
    {"region", JM_STRING, true, offsetof(Target, region)},
    {"api", JM_STRING, true, offsetof(Target, api_base)},
    {"db_api", JM_STRING, true, offsetof(Target, db_base)},
    {"gateway", JM_STRING, false, offsetof(Target, gateway)},
    {"features_known", JM_BOOL, true, offsetof(Target, features_known)},
    {"internet_accessible", JM_BOOL, true, offsetof(Target, internet_accessible)},
    JM_END,
};

static bool load_target(const Resolver *r, Target *t)
{
    char *path = target_cache_path(r);
    char *text = cache_read(path, TARGET_CACHE_SECONDS, 1 << 16, NULL);
    PlatformError ignored = {0};
    json_t *doc = text ? jm_parse(text, strlen(text), &ignored) : NULL;
    bool ok = doc && jm_map(doc, target_fields, t, "cache", &ignored);
    /* a target resolved without the features cannot serve a caller that needs them */
    if (ok && r->want_features && !t->features_known) {
        target_free(t);
        ok = false;
    }
    t->from_cache = ok;
    if (text)
        explicit_bzero(text, strlen(text));
    free(text);
    platform_error_free(&ignored);
    free(path);
    json_decref(doc);
    return ok;
}

static void store_target(const Resolver *r, const Target *t)
{
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "url", t->url, "addon_id", t->addon_id, "region",
                            t->region, "api", t->api_base, "db_api", t->db_base, "features_known",
                            t->features_known, "internet_accessible", t->internet_accessible);
    if (doc && t->gateway)
        json_object_set_new(doc, "gateway", json_string(t->gateway));
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    char *path = target_cache_path(r);
    /* the file holds the password: cache_store creates it 0600 in a 0700 directory */
    if (text)
        cache_store(path, text, strlen(text));
    if (text)
        explicit_bzero(text, strlen(text));
    free(text);
    free(path);
    json_decref(doc);
}

void resolve_forget(Resolver *r)
{
    char *path = target_cache_path(r);
    cache_remove(path);
    free(path);
}

/* ---- resolving through the APIs ---- */

/* adds what to do about refused credentials to the message of a 401; the token exchange's own
 * refusal already says it */
static void hint_login(PlatformError *e)
{
    if (e->status == 401 && !strstr(e->message, "scalingo login"))
        platform_error_set(e, xasprintf("%s; run \"scalingo login\" again, or set SCALINGO_API_TOKEN to a valid token",
                                        e->message));
}

static bool choose_endpoints(Resolver *r, Target *t, RegionList *regions, PlatformError *e)
{
    if (r->api_override && r->db_override) {
        /* both bases given: the regions call has nothing to add */
        t->region = xstrdup(r->region ? r->region : "custom");
        t->api_base = xstrdup(r->api_override);
        t->db_base = xstrdup(r->db_override);
        return true;
    }
    if (!regions_load(r->http, r->auth, regions, e)) {
        hint_login(e);
        return false;
    }
    const Region *region = regions_pick(regions, r->region, e);
    if (!region)
        return false;
    const char *insecure = !r->api_override && !http_is_https(region->api) ? region->api
                           : !r->db_override && !http_is_https(region->database_api) ? region->database_api : NULL;
    if (insecure) {
        char *shown = http_display_origin(insecure);
        platform_error_set(e, xasprintf("the platform's list of regions gives region %s an API that is not https "
                                        "(%s): refusing to send credentials there", region->name, shown));
        free(shown);
        return false;
    }
    t->region = xstrdup(region->name);
    t->api_base = xstrdup(r->api_override ? r->api_override : region->api);
    t->db_base = xstrdup(r->db_override ? r->db_override : region->database_api);
    t->gateway = region->ssh ? xstrdup(region->ssh) : NULL;
    return true;
}

/* the line for an API failure about the app, with the region hint of a 404 */
static void app_error(const Resolver *r, const Target *t, const RegionList *regions, PlatformError *e)
{
    if (e->status != 404 || (e->resource && strcmp(e->resource, "app") != 0)) {
        hint_login(e);
        return;
    }
    /* no search across regions: the platform's 404 is final, the user knows where the app lives */
    char *others = regions->count ? regions_names(regions, t->region) : xstrdup("");
    platform_error_set(e, xasprintf("app \"%s\" not found in region %s: check its name, or give its region with "
                                    "--region%s%s%s", r->app, t->region, *others ? " (other regions: " : "",
                                    others, *others ? ")" : ""));
    free(others);
}

static char *addon_names(const Addon *addons, int count)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (int i = 0; i < count; i++)
        if (addon_is_postgresql(&addons[i]))
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", addons[i].id);
    return sb_steal(&sb);
}

static bool addon_named(const Addon *a, const char *name)
{
    return strcmp(a->id, name) == 0 || (a->resource_id && strcmp(a->resource_id, name) == 0);
}

static const Addon *choose_addon(const Resolver *r, const Addon *addons, int count, int *npg, PlatformError *e)
{
    const Addon *chosen = NULL;
    *npg = 0;
    for (int i = 0; i < count; i++) {
        const Addon *a = &addons[i];
        bool pg = addon_is_postgresql(a);
        *npg += pg;
        if (r->addon && addon_named(a, r->addon)) {
            if (!pg) {
                platform_error_set(e, xasprintf("addon \"%s\" of app \"%s\" is not a PostgreSQL addon", r->addon,
                                                r->app));
                return NULL;
            }
            chosen = a;
        } else if (!r->addon && pg && !chosen) {
            chosen = a;
        }
    }
    if (chosen && (r->addon || *npg == 1))
        return chosen;
    char *names = addon_names(addons, count);
    if (*npg == 0)
        platform_error_set(e, xasprintf("app \"%s\" has no PostgreSQL addon", r->app));
    else if (r->addon)
        platform_error_set(e, xasprintf("app \"%s\" has no PostgreSQL addon \"%s\" (its PostgreSQL addons: %s)",
                                        r->app, r->addon, names));
    else
        platform_error_set(e, xasprintf("app \"%s\" has %d PostgreSQL addons (%s): choose one with --addon", r->app,
                                        *npg, names));
    free(names);
    return NULL;
}

/* the addons and the variables do not depend on each other: asked for at once */
static bool prefetch_app(Resolver *r, Target *t, const RegionList *regions, PlatformError *e)
{
    AppClient apps = {r->http, r->auth, t->api_base};
    if (apps_prefetch(&apps, r->app, e))
        return true;
    app_error(r, t, regions, e);
    return false;
}

static bool pick_addon(Resolver *r, Target *t, const RegionList *regions, int *npg, PlatformError *e)
{
    AppClient apps = {r->http, r->auth, t->api_base};
    Addon *addons = NULL;
    int count = 0;
    if (!apps_addons(&apps, r->app, &addons, &count, e)) {
        app_error(r, t, regions, e);
        return false;
    }
    const Addon *a = choose_addon(r, addons, count, npg, e);
    if (a)
        t->addon_id = xstrdup(a->id);
    apps_addons_free(addons, count);
    return a != NULL;
}

/* the database API of the target's addon, made again only when the addon or the endpoints change */
static DbApi *target_dbapi(Resolver *r, const Target *t)
{
    char *key = xasprintf("%s %s %s", t->api_base, t->db_base, t->addon_id);
    if (!r->db || strcmp(key, r->db_key) != 0) {
        dbapi_destroy(r->db);
        free(r->db_key);
        r->db = dbapi_create(r->http, r->auth, t->api_base, t->db_base, r->app, t->addon_id);
        r->db_key = key;
    } else {
        free(key);
    }
    return r->db;
}

static bool feature_on(json_t *features, const char *name)
{
    size_t i;
    json_t *f;
    json_array_foreach(features, i, f) {
        json_t *n = json_object_get(f, "name"), *status = json_object_get(f, "status");
        if (json_is_string(n) && strcmp(json_string_value(n), name) == 0)
            return json_is_string(status) && strcmp(json_string_value(status), "ACTIVATED") == 0;
    }
    return false;
}

/*
 * What the database API says of the addon's database: its address ("host:port", into
 * *address when wanted) and whether it is reachable from the internet.
 */
static bool read_database(Resolver *r, Target *t, char **address, PlatformError *e)
{
    json_t *doc = dbapi_call(target_dbapi(r, t), "GET", "", NULL, true, e);
    if (!doc)
        return false;
    json_t *database = jm_get(doc, "database", JSON_OBJECT, NULL, e);
    json_t *host = database ? json_object_get(database, "hostname") : NULL;
    json_t *features = database ? json_object_get(database, "features") : NULL;
    bool ok = database != NULL;
    if (ok && features && !json_is_array(features)) {
        platform_error_set(e, xstrdup("field \"database.features\" is not an array"));
        ok = false;
    }
    if (!ok) {
        platform_error_set(e, xasprintf("unexpected answer from the Scalingo database API about addon %s: %s",
                                        t->addon_id, e->message));
    } else if (address && !json_is_string(host)) {
        platform_error_set(e, xasprintf("the Scalingo database API gave no host name for addon %s", t->addon_id));
        ok = false;
    } else if (address) {
        *address = xstrdup(json_string_value(host));
    }
    if (ok && r->want_features) {
        t->features_known = true;
        t->internet_accessible = feature_on(features, "publicly-available");
    }
    json_decref(doc);
    return ok;
}

int resolve_internet_accessible(Resolver *r)
{
    if (!r->db)
        return -1;
    PlatformError ignored = {0};
    json_t *doc = dbapi_call(r->db, "GET", "", NULL, true, &ignored);
    int on = doc ? feature_on(json_object_get(json_object_get(doc, "database"), "features"), "publicly-available")
                 : -1;
    json_decref(doc);
    platform_error_free(&ignored);
    return on;
}

#define DEFAULT_URL_VARIABLE "SCALINGO_POSTGRESQL_URL"

static const AppVariable *find_variable(const AppVariable *vars, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(vars[i].name, name) == 0)
            return &vars[i];
    return NULL;
}

/*
 * With several PostgreSQL addons, each has its own variable: the one whose URL points
 * at the chosen addon's address (host and port), preferring the default name when several do.
 */
static const AppVariable *variable_for_addon(const Resolver *r, const Target *t, const char *address,
                                             const AppVariable *vars, int count, PlatformError *e)
{
    const AppVariable *found = NULL;
    int matches = 0;
    for (int i = 0; i < count; i++) {
        PgUrl u;
        PlatformError ignored = {0};
        bool parsed = pgurl_parse(vars[i].value, &u, &ignored);
        platform_error_free(&ignored);
        if (!parsed)
            continue;
        if (pgurl_at_address(&u, address)) {
            matches++;
            if (!found || strcmp(vars[i].name, DEFAULT_URL_VARIABLE) == 0)
                found = &vars[i];
        }
        pgurl_free(&u);
    }
    if (!found || (matches > 1 && strcmp(found->name, DEFAULT_URL_VARIABLE) != 0)) {
        platform_error_set(e, xasprintf("app \"%s\" has no single variable holding the URL of addon %s (host %s): "
                                        "name it with --env-var", r->app, t->addon_id, address));
        found = NULL;
    }
    return found;
}

static bool pick_url(Resolver *r, Target *t, const RegionList *regions, const char *address, PlatformError *e)
{
    AppClient apps = {r->http, r->auth, t->api_base};
    AppVariable *vars = NULL;
    int count = 0;
    if (!apps_variables(&apps, r->app, &vars, &count, e)) {
        app_error(r, t, regions, e);
        return false;
    }
    const char *name = r->env_var ? r->env_var : DEFAULT_URL_VARIABLE;
    const AppVariable *v = address ? variable_for_addon(r, t, address, vars, count, e)
                                   : find_variable(vars, count, name);
    if (!v && !e->message)
        platform_error_set(e, xasprintf("app \"%s\" has no variable %s: name the one holding the database URL "
                                        "with --env-var", r->app, name));
    PgUrl u;
    if (v && !pgurl_parse(v->value, &u, e)) {
        platform_error_set(e, xasprintf("variable %s of app \"%s\" does not hold a PostgreSQL URL: %s", v->name,
                                        r->app, e->message));
        v = NULL;
    } else if (v) {
        pgurl_free(&u);
        t->url = xstrdup(v->value);
    }
    apps_variables_free(vars, count);
    return v != NULL;
}

/* the addon's database and URL, once the addon is known */
static bool pick_database(Resolver *r, Target *t, const RegionList *regions, int npg, PlatformError *e)
{
    /* without --env-var, several addons are told apart by the address the database API gives */
    bool by_address = !r->env_var && npg > 1;
    char *address = NULL;
    bool read = by_address || r->want_features;
    /* the CA certificate comes next (platform.c): both go with the same addon token */
    bool ok = !read || (dbapi_prefetch(target_dbapi(r, t), true, r->want_ca, r->refreshing, e) &&
                        read_database(r, t, by_address ? &address : NULL, e));
    ok = ok && pick_url(r, t, regions, address, e);
    free(address);
    return ok;
}

bool resolve_target(Resolver *r, bool use_cache, Target *t, PlatformError *e)
{
    memset(t, 0, sizeof(*t));
    if (use_cache && load_target(r, t)) {
        target_dbapi(r, t);
        return true;
    }
    r->refreshing = !use_cache;
    RegionList regions = {NULL, 0};
    int npg = 0;
    bool ok = choose_endpoints(r, t, &regions, e) && prefetch_app(r, t, &regions, e) &&
              pick_addon(r, t, &regions, &npg, e) && pick_database(r, t, &regions, npg, e);
    regions_free(&regions);
    if (!ok) {
        target_free(t);
        return false;
    }
    /* the database API serves the CA and later calls even when the database itself was not asked about */
    target_dbapi(r, t);
    store_target(r, t);
    return true;
}
