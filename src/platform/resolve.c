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

bool resolver_init(Resolver *r, const char *app, const char *addon, const char *env_var, const char *region,
                   char **err)
{
    memset(r, 0, sizeof(*r));
    r->app = app;
    r->addon = addon;
    r->env_var = env_var;
    r->region = region;
    r->auth_base = env_base("SCALINGO_AUTH_URL", DEFAULT_AUTH_URL, "/v1");
    r->api_override = env_base("SCALINGO_API_URL", NULL, "/v1");
    r->db_override = env_base("SCALINGO_DB_URL", NULL, "/api");
    ApiToken token;
    if (!credentials_find(r->auth_base, &token, err))
        return false;
    r->http = http_client_create();
    if (!r->http) {
        credentials_free(&token);
        *err = xstrdup("could not initialize libcurl");
        return false;
    }
    r->auth = auth_create(r->http, r->auth_base, &token);
    return true;
}

void resolver_free(Resolver *r)
{
    auth_free(r->auth);
    http_client_free(r->http);
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
    JM_END,
};

static bool load_target(const Resolver *r, Target *t)
{
    char *path = target_cache_path(r);
    char *text = cache_read(path, TARGET_CACHE_SECONDS, 1 << 16, NULL);
    char *err = NULL;
    json_t *doc = text ? jm_parse(text, strlen(text), &err) : NULL;
    bool ok = doc && jm_map(doc, target_fields, t, "cache", &err);
    t->from_cache = ok;
    if (text)
        explicit_bzero(text, strlen(text));
    free(text);
    free(err);
    free(path);
    json_decref(doc);
    return ok;
}

static void store_target(const Resolver *r, const Target *t)
{
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:s}", "url", t->url, "addon_id", t->addon_id, "region",
                            t->region, "api", t->api_base, "db_api", t->db_base);
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    char *path = target_cache_path(r);
    /* the file holds the password: cache_write creates it 0600 in a 0700 directory */
    if (text)
        cache_write(path, text, strlen(text));
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

/* the error's message, with what to do about refused credentials; clears e */
static char *take_message(ApiError *e)
{
    char *msg;
    if (e->status == 401) {
        msg = xasprintf("%s; run \"scalingo login\" again, or set SCALINGO_API_TOKEN to a valid token", e->message);
    } else {
        msg = e->message;
        e->message = NULL;
    }
    api_error_clear(e);
    return msg;
}

static bool choose_endpoints(Resolver *r, Target *t, RegionList *regions, char **err)
{
    if (r->api_override && r->db_override) {
        /* both bases given: the regions call has nothing to add */
        t->region = xstrdup(r->region ? r->region : "custom");
        t->api_base = xstrdup(r->api_override);
        t->db_base = xstrdup(r->db_override);
        return true;
    }
    ApiError e = {0};
    if (!regions_load(r->http, r->auth, regions, &e)) {
        *err = take_message(&e);
        return false;
    }
    const Region *region = regions_pick(regions, r->region, err);
    if (!region)
        return false;
    t->region = xstrdup(region->name);
    t->api_base = xstrdup(r->api_override ? r->api_override : region->api);
    t->db_base = xstrdup(r->db_override ? r->db_override : region->database_api);
    return true;
}

/* the one line for an API failure about the app, with the region hint of a 404 */
static char *app_error(const Resolver *r, const Target *t, const RegionList *regions, ApiError *e)
{
    if (e->status != 404 || (e->resource && strcmp(e->resource, "app") != 0))
        return take_message(e);
    /* no search across regions: the platform's 404 is final, the user knows where the app lives */
    char *others = regions->count ? regions_names(regions, t->region) : xstrdup("");
    char *msg = xasprintf("app \"%s\" not found in region %s: check its name, or give its region with --region%s%s%s",
                          r->app, t->region, *others ? " (other regions: " : "", others, *others ? ")" : "");
    free(others);
    api_error_clear(e);
    return msg;
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

static const Addon *choose_addon(const Resolver *r, const Addon *addons, int count, int *npg, char **err)
{
    const Addon *chosen = NULL;
    *npg = 0;
    for (int i = 0; i < count; i++) {
        const Addon *a = &addons[i];
        bool pg = addon_is_postgresql(a);
        *npg += pg;
        if (r->addon && addon_named(a, r->addon)) {
            if (!pg) {
                *err = xasprintf("addon \"%s\" of app \"%s\" is not a PostgreSQL addon", r->addon, r->app);
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
        *err = xasprintf("app \"%s\" has no PostgreSQL addon", r->app);
    else if (r->addon)
        *err = xasprintf("app \"%s\" has no PostgreSQL addon \"%s\" (its PostgreSQL addons: %s)", r->app, r->addon,
                         names);
    else
        *err = xasprintf("app \"%s\" has %d PostgreSQL addons (%s): choose one with --addon", r->app, *npg, names);
    free(names);
    return NULL;
}

static bool pick_addon(Resolver *r, Target *t, const RegionList *regions, int *npg, char **err)
{
    AppClient apps = {r->http, r->auth, t->api_base};
    Addon *addons = NULL;
    int count = 0;
    ApiError e = {0};
    if (!apps_addons(&apps, r->app, &addons, &count, &e)) {
        *err = app_error(r, t, regions, &e);
        return false;
    }
    const Addon *a = choose_addon(r, addons, count, npg, err);
    if (a)
        t->addon_id = xstrdup(a->id);
    apps_addons_free(addons, count);
    return a != NULL;
}

#define DEFAULT_URL_VARIABLE "SCALINGO_POSTGRESQL_URL"

static const AppVariable *find_variable(const AppVariable *vars, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(vars[i].name, name) == 0)
            return &vars[i];
    return NULL;
}

/* the host name of the addon's database, from the database API; NULL after *err */
static char *database_host(Resolver *r, const Target *t, char **err)
{
    DbApi *db = dbapi_create(r->http, r->auth, t->api_base, t->db_base, r->app, t->addon_id);
    ApiError e = {0};
    json_t *doc = dbapi_call(db, "GET", "", NULL, true, &e);
    json_t *host = doc ? json_object_get(json_object_get(doc, "database"), "hostname") : NULL;
    char *name = json_is_string(host) ? xstrdup(json_string_value(host)) : NULL;
    if (!name)
        *err = doc ? xasprintf("the Scalingo database API gave no host name for addon %s", t->addon_id) : e.message;
    else
        free(e.message);
    e.message = NULL;
    api_error_clear(&e);
    json_decref(doc);
    dbapi_free(db);
    return name;
}

/*
 * With several PostgreSQL addons, each has its own variable: the one whose URL points
 * at the chosen addon's host, preferring the default name when several do.
 */
static const AppVariable *variable_for_addon(Resolver *r, const Target *t, const AppVariable *vars, int count,
                                             char **err)
{
    char *host = database_host(r, t, err);
    if (!host)
        return NULL;
    const AppVariable *found = NULL;
    int matches = 0;
    for (int i = 0; i < count; i++) {
        PgUrl u;
        char *ignored = NULL;
        if (!pgurl_parse(vars[i].value, &u, &ignored)) {
            free(ignored);
            continue;
        }
        if (strcasecmp(u.host, host) == 0) {
            matches++;
            if (!found || strcmp(vars[i].name, DEFAULT_URL_VARIABLE) == 0)
                found = &vars[i];
        }
        pgurl_free(&u);
    }
    if (!found || (matches > 1 && strcmp(found->name, DEFAULT_URL_VARIABLE) != 0)) {
        *err = xasprintf("app \"%s\" has no single variable holding the URL of addon %s (host %s): name it with "
                         "--env-var", r->app, t->addon_id, host);
        found = NULL;
    }
    free(host);
    return found;
}

static bool pick_url(Resolver *r, Target *t, const RegionList *regions, int npg, char **err)
{
    AppClient apps = {r->http, r->auth, t->api_base};
    AppVariable *vars = NULL;
    int count = 0;
    ApiError e = {0};
    if (!apps_variables(&apps, r->app, &vars, &count, &e)) {
        *err = app_error(r, t, regions, &e);
        return false;
    }
    const char *name = r->env_var ? r->env_var : DEFAULT_URL_VARIABLE;
    const AppVariable *v = (r->env_var || npg <= 1) ? find_variable(vars, count, name)
                                                    : variable_for_addon(r, t, vars, count, err);
    if (!v && !*err)
        *err = xasprintf("app \"%s\" has no variable %s: name the one holding the database URL with --env-var",
                         r->app, name);
    PgUrl u;
    char *why = NULL;
    if (v && !pgurl_parse(v->value, &u, &why)) {
        *err = xasprintf("variable %s of app \"%s\" does not hold a PostgreSQL URL: %s", v->name, r->app, why);
        free(why);
        v = NULL;
    } else if (v) {
        pgurl_free(&u);
        t->url = xstrdup(v->value);
    }
    apps_variables_free(vars, count);
    return v != NULL;
}

bool resolve_target(Resolver *r, bool use_cache, Target *t, char **err)
{
    memset(t, 0, sizeof(*t));
    *err = NULL;
    if (use_cache && load_target(r, t))
        return true;
    RegionList regions = {NULL, 0};
    int npg = 0;
    bool ok = choose_endpoints(r, t, &regions, err) && pick_addon(r, t, &regions, &npg, err) &&
              pick_url(r, t, &regions, npg, err);
    regions_free(&regions);
    if (!ok) {
        target_free(t);
        return false;
    }
    store_target(r, t);
    return true;
}
