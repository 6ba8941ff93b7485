#include "platform/dbstate.h"

#include <stddef.h>

#include "platform/json_map.h"

static const JmField state_fields[] = {
    {"status", JM_STRING, true, offsetof(DbState, status)},
    {"plan", JM_STRING, false, offsetof(DbState, plan)},
    {"readable_version", JM_STRING, false, offsetof(DbState, version)},
    {"next_version_id", JM_STRING, false, offsetof(DbState, next_version)},
    {"cluster", JM_BOOL, false, offsetof(DbState, cluster)},
    {"periodic_backups_enabled", JM_BOOL, false, offsetof(DbState, backups_enabled)},
    JM_END,
};

/* periodic_backups_scheduled_at: an array of hours, or one integer as some clients send */
static int first_hour(json_t *hours)
{
    json_t *h = json_is_array(hours) ? json_array_get(hours, 0) : hours;
    if (!json_is_integer(h) || json_integer_value(h) < 0 || json_integer_value(h) > 23)
        return -1;
    return (int)json_integer_value(h);
}

bool dbstate_get(DbApi *db, DbState *out, PlatformError *e)
{
    json_t *doc = dbapi_call(db, "GET", "", NULL, true, e);
    json_t *database = doc ? json_object_get(doc, "database") : NULL;
    bool ok = doc && jm_map(database, state_fields, out, "database", e);
    if (doc && !ok)
        dbapi_shape_error(db, "GET", "", e->message, e);
    if (ok)
        out->backup_hour = first_hour(json_object_get(database, "periodic_backups_scheduled_at"));
    json_decref(doc);
    return ok;
}

void dbstate_free(DbState *st)
{
    jm_free(state_fields, st);
}
