#include "platform/backups.h"

#include <curl/curl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "platform/json_map.h"
#include "util/xalloc.h"

static const JmField backup_fields[] = {
    {"id", JM_STRING, true, offsetof(Backup, id)},
    {"name", JM_STRING, false, offsetof(Backup, name)},
    {"status", JM_STRING, true, offsetof(Backup, status)},
    {"method", JM_STRING, false, offsetof(Backup, method)},
    {"created_at", JM_STRING, false, offsetof(Backup, created_at)},
    {"started_at", JM_STRING, false, offsetof(Backup, started_at)},
    {"size", JM_INT, false, offsetof(Backup, size)},
    JM_END,
};

bool backups_list(DbApi *db, Backup **backups, int *count, PlatformError *e)
{
    return dbapi_get_array(db, "/backups", "database_backups", backup_fields, sizeof(Backup), (void **)backups,
                           count, e);
}

void backups_free(Backup *backups, int count)
{
    jm_free_array(backup_fields, backups, sizeof(Backup), count);
}

void backup_free(Backup *b)
{
    jm_free(backup_fields, b);
}

static char *backup_path(const char *id, const char *rest)
{
    char *escaped = curl_easy_escape(NULL, id, 0);
    char *path = xasprintf("/backups/%s%s", escaped ? escaped : "", rest);
    curl_free(escaped);
    return path;
}

bool backups_show(DbApi *db, const char *id, Backup *out, PlatformError *e)
{
    char *path = backup_path(id, "");
    bool ok = dbapi_get_object(db, path, "database_backup", backup_fields, out, e);
    free(path);
    return ok;
}

bool backups_create(DbApi *db, Backup *out, PlatformError *e)
{
    /* not repeated after a 5xx: a second POST would make a second backup */
    return dbapi_map_answer(db, dbapi_call(db, "POST", "/backups", "{}", false, e), "POST", "/backups",
                            "database_backup", backup_fields, out, e);
}

char *backups_archive_url(DbApi *db, const char *id, PlatformError *e)
{
    char *path = backup_path(id, "/archive");
    json_t *doc = dbapi_call(db, "GET", path, NULL, true, e);
    json_t *url = doc ? jm_get(doc, "download_url", JSON_STRING, NULL, e) : NULL;
    char *copy = NULL;
    if (url && *json_string_value(url)) {
        copy = xstrdup(json_string_value(url));
        explicit_bzero((char *)json_string_value(url), json_string_length(url));
    } else if (doc) {
        dbapi_shape_error(db, "GET", path, url ? "field \"download_url\" is empty" : e->message, e);
    }
    json_decref(doc);
    free(path);
    return copy;
}

bool backups_schedule(DbApi *db, bool enabled, int hour_utc, PlatformError *e)
{
    json_t *spec = json_object();
    json_object_set_new(spec, "periodic_backups_enabled", json_boolean(enabled));
    if (enabled)
        json_object_set_new(spec, "periodic_backups_scheduled_at", json_integer(hour_utc));
    json_t *body = json_pack("{s:o}", "database", spec);
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    /* setting the same schedule twice changes nothing: safe to repeat */
    json_t *doc = dbapi_call(db, "PATCH", "", text, true, e);
    free(text);
    json_decref(doc);
    return doc != NULL;
}

FollowState backups_state(const char *status)
{
    if (status && strcmp(status, "done") == 0)
        return FOLLOW_SUCCEEDED;
    if (status && (strcmp(status, "error") == 0 || strcmp(status, "cancelled") == 0))
        return FOLLOW_FAILED;
    return FOLLOW_GOING;
}

typedef struct BackupLook {
    DbApi *db;
    const char *id;
} BackupLook;

static bool look_backup(void *ctx, FollowState *state, char **status, PlatformError *e)
{
    const BackupLook *l = ctx;
    Backup b;
    if (!backups_show(l->db, l->id, &b, e))
        return false;
    *status = xstrdup(b.status);
    *state = backups_state(b.status);
    backup_free(&b);
    return true;
}

bool backups_follow(DbApi *db, const char *id, const FollowOptions *o, PlatformError *e)
{
    BackupLook l = {db, id};
    char *what = xasprintf("backup %s", id);
    bool ok = follow_until_done(look_backup, &l, what, o, e);
    free(what);
    return ok;
}

const Backup *backups_newest_done(const Backup *backups, int count)
{
    for (int i = 0; i < count; i++)
        if (backups_state(backups[i].status) == FOLLOW_SUCCEEDED)
            return &backups[i];
    return NULL;
}

const Backup *backups_find(const Backup *backups, int count, const char *id)
{
    for (int i = 0; i < count; i++)
        if (strcmp(backups[i].id, id) == 0)
            return &backups[i];
    return NULL;
}
