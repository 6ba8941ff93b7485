#include "platform/regions.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "platform/cachefile.h"
#include "platform/json_map.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { REGIONS_CACHE_SECONDS = 600 };

static const JmField region_fields[] = {
    {"name", JM_STRING, true, offsetof(Region, name)},
    {"display_name", JM_STRING, false, offsetof(Region, display_name)},
    {"api", JM_STRING, true, offsetof(Region, api)},
    {"database_api", JM_STRING, true, offsetof(Region, database_api)},
    {"ssh", JM_STRING, false, offsetof(Region, ssh)},
    {"default", JM_BOOL, false, offsetof(Region, is_default)},
    JM_END,
};

static bool map_regions(json_t *doc, RegionList *out, PlatformError *e)
{
    json_t *arr = jm_get(doc, "regions", JSON_ARRAY, NULL, e);
    if (!arr)
        return false;
    out->count = 0;
    out->items = xcalloc(json_array_size(arr) + 1, sizeof(Region));
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        char where[32];
        snprintf(where, sizeof(where), "regions[%zu]", i);
        if (!jm_map(item, region_fields, &out->items[i], where, e)) {
            regions_free(out);
            return false;
        }
        out->count++;
    }
    return true;
}

static char *cache_file(const Auth *auth)
{
    const char *parts[] = {"regions", auth_base(auth)};
    char *key = cache_key(parts, 2);
    char *name = xasprintf("regions-%s.json", key);
    char *path = cache_path(name);
    free(key);
    free(name);
    return path;
}

static bool from_cache(const char *path, RegionList *out)
{
    char *text = cache_read(path, REGIONS_CACHE_SECONDS, 1 << 20, NULL);
    PlatformError ignored = {0};
    json_t *doc = text ? jm_parse(text, strlen(text), &ignored) : NULL;
    bool ok = doc && map_regions(doc, out, &ignored);
    json_decref(doc);
    free(text);
    platform_error_free(&ignored);
    return ok;
}

bool regions_load(HttpClient *http, Auth *auth, RegionList *out, PlatformError *e)
{
    memset(out, 0, sizeof(*out));
    char *path = cache_file(auth);
    if (from_cache(path, out)) {
        free(path);
        return true;
    }
    char *url = xasprintf("%s/v1/regions", auth_base(auth));
    ApiCall call = {"the Scalingo auth API", "GET", url, NULL, true};
    TokenSource src = auth_source(auth);
    json_t *doc = api_json(http, &src, &call, e);
    bool ok = doc && map_regions(doc, out, e);
    if (doc && !ok)
        api_shape_error(e, &call, e->message);
    if (ok) {
        char *text = json_dumps(doc, JSON_COMPACT);
        cache_store(path, text, strlen(text));
        free(text);
    }
    json_decref(doc);
    free(url);
    free(path);
    return ok;
}

void regions_free(RegionList *list)
{
    for (int i = 0; list->items && i < list->count; i++)
        jm_free(region_fields, &list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

char *regions_names(const RegionList *list, const char *except)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (int i = 0; i < list->count; i++) {
        if (except && strcmp(list->items[i].name, except) == 0)
            continue;
        sb_printf(&sb, "%s%s", sb.len ? ", " : "", list->items[i].name);
    }
    return sb_steal(&sb);
}

const Region *regions_pick(const RegionList *list, const char *wanted, PlatformError *e)
{
    for (int i = 0; i < list->count; i++) {
        const Region *r = &list->items[i];
        if (wanted ? strcmp(r->name, wanted) == 0 : r->is_default)
            return r;
    }
    char *names = regions_names(list, NULL);
    if (wanted)
        platform_error_set(e, xasprintf("unknown region \"%s\" (the regions are: %s)", wanted, names));
    else
        platform_error_set(e, xasprintf("no default region in the platform's list: choose one with --region (%s)",
                                        names));
    free(names);
    return NULL;
}
