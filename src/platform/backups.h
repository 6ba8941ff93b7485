/*
 * The backups of one database on the database API: the list (newest first), one
 * backup, a new manual backup, the pre-signed URL of an archive (a secret), the daily
 * schedule, and following a backup until it is done.
 */
#ifndef PGC_PLATFORM_BACKUPS_H
#define PGC_PLATFORM_BACKUPS_H

#include <stdbool.h>

#include "platform/dbapi.h"
#include "platform/follow.h"

typedef struct Backup {
    char *id;
    char *name;
    char *status;           /* scheduled, running, done, error; also pending, cancelling, cancelled */
    char *method;           /* periodic or manual; NULL when not said */
    char *created_at;       /* RFC 3339 */
    char *started_at;       /* NULL until it starts */
    long long size;         /* bytes; 0 until done */
} Backup;

bool backups_list(DbApi *db, Backup **backups, int *count, PlatformError *e);
void backups_free(Backup *backups, int count);
bool backups_show(DbApi *db, const char *id, Backup *out, PlatformError *e);
/* POST: a manual backup, scheduled */
bool backups_create(DbApi *db, Backup *out, PlatformError *e);
void backup_free(Backup *b);

/* the pre-signed URL of a done backup's archive (a secret: never print or log it); NULL after e */
char *backups_archive_url(DbApi *db, const char *id, PlatformError *e);

/* the daily scheduled backup: on at hour_utc (0-23), or off (hour ignored) */
bool backups_schedule(DbApi *db, bool enabled, int hour_utc, PlatformError *e);

/* looks at the backup until it is done (error or cancelled: failed); Ctrl-C stops looking, never the backup */
bool backups_follow(DbApi *db, const char *id, const FollowOptions *o, PlatformError *e);
FollowState backups_state(const char *status);

/* the newest backup that is done (the list is newest first), or NULL */
const Backup *backups_newest_done(const Backup *backups, int count);
/* the backup with this id, or NULL */
const Backup *backups_find(const Backup *backups, int count, const char *id);

#endif
