/*
 * What the administration commands read of a database (GET /api/databases/{db}): its
 * status, plan, version and the next one, whether it is a cluster (Business plans),
 * and the daily backup schedule.
 */
#ifndef PGC_PLATFORM_DBSTATE_H
#define PGC_PLATFORM_DBSTATE_H

#include <stdbool.h>

#include "platform/dbapi.h"

typedef struct DbState {
    char *status;               /* running, updating, upgrading, ... */
    char *plan;                 /* postgresql-starter-512, ...; NULL when not said */
    char *version;              /* readable_version, "15.4.0-1" */
    char *next_version;         /* next_version_id; NULL when no upgrade is available */
    bool cluster;               /* several nodes: a Business plan */
    bool backups_enabled;       /* periodic_backups_enabled */
    int backup_hour;            /* the first of periodic_backups_scheduled_at (UTC), -1 when none */
} DbState;

bool dbstate_get(DbApi *db, DbState *out, PlatformError *e);
void dbstate_free(DbState *st);

#endif
