#include "platform/apps.h"

#include <curl/curl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/json_map.h"
#include "util/xalloc.h"

static const JmField variable_fields[] = {
    {"name", JM_STRING, true, offsetof(AppVariable, name)},
    {"value", JM_STRING, true, offsetof(AppVariable, value)},
    JM_END,
};

static const JmField addon_fields[] = {
    {"id", JM_STRING, true, offsetof(Addon, id)},
    {"resource_id", JM_STRING, false, offsetof(Addon, resource_id)},
    {"status", JM_STRING, false, offsetof(Addon, status)},
    {"plan.name", JM_STRING, false, offsetof(Addon, plan_name)},
    {"addon_provider.id", JM_STRING, true, offsetof(Addon, provider_id)},
    {"addon_provider.name", JM_STRING, false, offsetof(Addon, provider_name)},
    JM_END,
};

/* the app's name escaped for a URL path */
static char *app_url(const AppClient *c, const char *app, const char *rest)
{
    char *escaped = curl_easy_escape(NULL, app, 0);
    char *url = xasprintf("%s/v1/apps/%s%s", c->api_base, escaped ? escaped : "", rest);
    curl_free(escaped);
    return url;
}

/* maps every element of the array under key into items of the given size; false after filling e */
static bool map_list(json_t *doc, const char *key, const JmField *fields, size_t size, void **items, int *count,
                     const ApiCall *call, PlatformError *e)
{
    json_t *arr = jm_get(doc, key, JSON_ARRAY, NULL, e);
    *items = NULL;
    *count = 0;
    if (!arr) {
        api_shape_error(e, call, e->message);
        return false;
    }
    char *base = xcalloc(json_array_size(arr) + 1, size);
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        char where[48];
        snprintf(where, sizeof(where), "%s[%zu]", key, i);
        if (!jm_map(item, fields, base + i * size, where, e)) {
            for (size_t j = 0; j < i; j++)
                jm_free(fields, base + j * size);
            free(base);
            api_shape_error(e, call, e->message);
            return false;
        }
    }
    *items = base;
    *count = (int)json_array_size(arr);
    return true;
}

bool apps_prefetch(AppClient *c, const char *app, PlatformError *e)
{
    char *urls[] = {app_url(c, app, "/addons"), app_url(c, app, "/variables?aliases=false")};
    TokenSource src = auth_source(c->auth);
    bool ok = api_prefetch(c->http, &src, "the Scalingo API", (const char *const *)urls, 2, e);
    free(urls[0]);
    free(urls[1]);
    return ok;
}

bool apps_variables(AppClient *c, const char *app, AppVariable **vars, int *count, PlatformError *e)
{
    char *url = app_url(c, app, "/variables?aliases=false");
    ApiCall call = {"the Scalingo API", "GET", url, NULL, true};
    TokenSource src = auth_source(c->auth);
    json_t *doc = api_json(c->http, &src, &call, e);
    bool ok = doc && map_list(doc, "variables", variable_fields, sizeof(AppVariable), (void **)vars, count, &call,
                              e);
    /* the values are secrets: wipe them from the parsed document before it goes */
    json_t *arr = json_object_get(doc, "variables");
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        json_t *v = json_object_get(item, "value");
        if (json_is_string(v))
            explicit_bzero((char *)json_string_value(v), json_string_length(v));
    }
    json_decref(doc);
    free(url);
    return ok;
}

void apps_variables_free(AppVariable *vars, int count)
{
    for (int i = 0; vars && i < count; i++) {
        if (vars[i].value)
            explicit_bzero(vars[i].value, strlen(vars[i].value));
        jm_free(variable_fields, &vars[i]);
    }
    free(vars);
}

bool apps_addons(AppClient *c, const char *app, Addon **addons, int *count, PlatformError *e)
{
    char *url = app_url(c, app, "/addons");
    ApiCall call = {"the Scalingo API", "GET", url, NULL, true};
    TokenSource src = auth_source(c->auth);
    json_t *doc = api_json(c->http, &src, &call, e);
    bool ok = doc && map_list(doc, "addons", addon_fields, sizeof(Addon), (void **)addons, count, &call, e);
    json_decref(doc);
    free(url);
    return ok;
}

void apps_addons_free(Addon *addons, int count)
{
    for (int i = 0; addons && i < count; i++)
        jm_free(addon_fields, &addons[i]);
    free(addons);
}

char *apps_addon_token(AppClient *c, const char *app, const char *addon_id, PlatformError *e)
{
    char *escaped = curl_easy_escape(NULL, addon_id, 0);
    char *rest = xasprintf("/addons/%s/token", escaped ? escaped : "");
    curl_free(escaped);
    char *url = app_url(c, app, rest);
    free(rest);
    /* issuing a token changes nothing on the platform: safe to repeat */
    ApiCall call = {"the Scalingo API", "POST", url, "{}", true};
    TokenSource src = auth_source(c->auth);
    json_t *doc = api_json(c->http, &src, &call, e);
    char *token = NULL;
    json_t *t = doc ? jm_get(doc, "addon.token", JSON_STRING, NULL, e) : NULL;
    /* the token goes into the Authorization header of the database API: a CR or LF in it would add headers */
    if (t && http_token_fits_header(json_string_value(t)))
        token = xstrdup(json_string_value(t));
    else if (doc)
        api_shape_error(e, &call, !t ? e->message : *json_string_value(t) ? "field \"addon.token\" holds "
                        "characters no token has" : "field \"addon.token\" is empty");
    if (t)
        explicit_bzero((char *)json_string_value(t), json_string_length(t));
    json_decref(doc);
    free(url);
    return token;
}

bool addon_is_postgresql(const Addon *a)
{
    static const char *const names[] = {"postgresql", "postgres", "psql", "pgsql"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if ((a->provider_id && strcasecmp(a->provider_id, names[i]) == 0) ||
            (a->provider_name && strcasecmp(a->provider_name, names[i]) == 0))
            return true;
    return false;
}
