#include "platform/pitr.h"

#include <stddef.h>
#include <stdlib.h>

#include "platform/json_map.h"
#include "util/xalloc.h"

static const JmField window_fields[] = {
    {"earliest_recoverable_at", JM_STRING, false, offsetof(RecoveryWindow, earliest)},
    {"latest_recoverable_at", JM_STRING, false, offsetof(RecoveryWindow, latest)},
    JM_END,
};

bool pitr_window(DbApi *db, RecoveryWindow *out, PlatformError *e)
{
    return dbapi_get_object(db, "/pitr/recovery_window", "recovery_window", window_fields, out, e);
}

void pitr_window_free(RecoveryWindow *w)
{
    jm_free(window_fields, w);
}

char *pitr_restore(DbApi *db, const char *restore_time, PlatformError *e)
{
    json_t *body = json_pack("{s:s}", "restore_time", restore_time);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    /* never repeated: a restore must not be asked twice */
    json_t *doc = dbapi_call(db, "POST", "/pitr/restore", text, false, e);
    free(text);
    /* {"operation": {"id": ...}}, or {"operation_id": ...} in older documentation */
    json_t *id = json_object_get(json_object_get(doc, "operation"), "id");
    if (!json_is_string(id))
        id = json_object_get(doc, "operation_id");
    char *op = json_is_string(id) && *json_string_value(id) ? xstrdup(json_string_value(id)) : NULL;
    if (doc && !op)
        dbapi_shape_error(db, "POST", "/pitr/restore", "no operation id (\"operation.id\" or \"operation_id\")", e);
    json_decref(doc);
    return op;
}
