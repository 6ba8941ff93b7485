/*
 * Point-in-time recovery of one database: the window it can be restored within, and
 * a restore (an operation to follow with follow_operation).
 */
#ifndef PGC_PLATFORM_PITR_H
#define PGC_PLATFORM_PITR_H

#include <stdbool.h>

#include "platform/dbapi.h"

typedef struct RecoveryWindow {
    char *earliest;             /* RFC 3339; NULL when point-in-time recovery is not available */
    char *latest;
} RecoveryWindow;

bool pitr_window(DbApi *db, RecoveryWindow *out, PlatformError *e);
void pitr_window_free(RecoveryWindow *w);

/* POST a restore to restore_time (RFC 3339, UTC); the operation's id, or NULL after e */
char *pitr_restore(DbApi *db, const char *restore_time, PlatformError *e);

#endif
