#include "platform/plans.h"

#include <curl/curl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "platform/json_map.h"
#include "util/xalloc.h"

static const JmField plan_fields[] = {
    {"name", JM_STRING, true, offsetof(DbPlan, name)},
    {"memory", JM_INT, false, offsetof(DbPlan, memory_mb)},
    {"disk", JM_INT, false, offsetof(DbPlan, disk_mb)},
    {"backup", JM_BOOL, false, offsetof(DbPlan, backup)},
    {"manual_backups_count", JM_INT, false, offsetof(DbPlan, manual_backups)},
    {"pitr_backup_days", JM_INT, false, offsetof(DbPlan, pitr_days)},
    JM_END,
};

static const JmField addon_plan_fields[] = {
    {"id", JM_STRING, true, offsetof(AddonPlan, id)},
    {"name", JM_STRING, true, offsetof(AddonPlan, name)},
    {"display_name", JM_STRING, false, offsetof(AddonPlan, display_name)},
    {"description", JM_STRING, false, offsetof(AddonPlan, description)},
    JM_END,
};

bool plans_current(DbApi *db, DbPlan *out, PlatformError *e)
{
    return dbapi_get_object(db, "/plan", "plan", plan_fields, out, e);
}

void plans_current_free(DbPlan *p)
{
    jm_free(plan_fields, p);
}

/* a call on the regional API with the user's token; url is taken */
static json_t *regional(DbApi *db, const char *method, char *url, const char *body, bool retry_safe,
                        PlatformError *e)
{
    AppClient apps = dbapi_app_client(db);
    ApiCall call = {"the Scalingo API", method, url, body, retry_safe};
    TokenSource src = auth_source(apps.auth);
    json_t *doc = api_json(apps.http, &src, &call, e);
    free(url);
    return doc;
}

bool plans_available(DbApi *db, AddonPlan **plans, int *count, PlatformError *e)
{
    *plans = NULL;
    *count = 0;
    AppClient apps = dbapi_app_client(db);
    char *url = xasprintf("%s/v1/addon_providers/postgresql/plans", apps.api_base);
    char *shown = xstrdup(url);
    json_t *doc = regional(db, "GET", url, NULL, true, e);
    bool ok = doc && jm_map_array(doc, "plans", addon_plan_fields, sizeof(AddonPlan), (void **)plans, count, e);
    if (doc && !ok) {
        ApiCall call = {"the Scalingo API", "GET", shown, NULL, true};
        api_shape_error(e, &call, e->message);
    }
    /* the price is a number in some answers and absent in others: read it apart */
    json_t *arr = ok ? json_object_get(doc, "plans") : NULL;
    for (int i = 0; arr && i < *count; i++) {
        json_t *price = json_object_get(json_array_get(arr, (size_t)i), "price");
        (*plans)[i].has_price = json_is_number(price);
        (*plans)[i].price = json_is_number(price) ? json_number_value(price) : 0;
    }
    json_decref(doc);
    free(shown);
    return ok;
}

void plans_available_free(AddonPlan *plans, int count)
{
    jm_free_array(addon_plan_fields, plans, sizeof(AddonPlan), count);
}

const AddonPlan *plans_find(const AddonPlan *plans, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(plans[i].name, name) == 0)
            return &plans[i];
    static const char prefix[] = "postgresql-";
    for (int i = 0; i < count; i++)
        if (strncmp(plans[i].name, prefix, sizeof(prefix) - 1) == 0 &&
            strcmp(plans[i].name + sizeof(prefix) - 1, name) == 0)
            return &plans[i];
    return NULL;
}

static char *message_of(json_t *doc)
{
    json_t *m = json_object_get(doc, "message");
    return json_is_string(m) && *json_string_value(m) ? jm_printable(json_string_value(m), 300) : NULL;
}

bool plans_change(DbApi *db, const char *plan_id, char **message, PlatformError *e)
{
    AppClient apps = dbapi_app_client(db);
    char *app = curl_easy_escape(NULL, dbapi_app(db), 0);
    char *addon = curl_easy_escape(NULL, dbapi_addon_id(db), 0);
    char *url = xasprintf("%s/v1/apps/%s/addons/%s", apps.api_base, app ? app : "", addon ? addon : "");
    curl_free(app);
    curl_free(addon);
    json_t *body = json_pack("{s:{s:s}}", "addon", "plan_id", plan_id);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    /* the same plan asked twice is the same change: safe to repeat */
    json_t *doc = regional(db, "PATCH", url, text, true, e);
    free(text);
    *message = doc ? message_of(doc) : NULL;
    json_decref(doc);
    return doc != NULL;
}

char *upgrade_start(DbApi *db, char **message, PlatformError *e)
{
    /* never repeated: one upgrade at a time */
    json_t *doc = dbapi_call(db, "POST", "/upgrade", "{}", false, e);
    json_t *id = json_object_get(doc, "operation_id");
    if (!json_is_string(id))
        id = json_object_get(json_object_get(doc, "operation"), "id");
    char *op = json_is_string(id) && *json_string_value(id) ? xstrdup(json_string_value(id)) : NULL;
    if (doc && !op)
        dbapi_shape_error(db, "POST", "/upgrade", "no operation id (\"operation_id\")", e);
    *message = op ? message_of(doc) : NULL;
    json_decref(doc);
    return op;
}
