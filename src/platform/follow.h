/*
 * Following what the platform does at its own pace until it ends: an operation (a PITR
 * restore, an upgrade), the database's status, a feature being switched on or off.
 * Looks at it at growing intervals (0.5 s up to 10 s), reports each new status, and
 * stops following at Ctrl-C (the http cancel check), which never stops the operation.
 */
#ifndef PGC_PLATFORM_FOLLOW_H
#define PGC_PLATFORM_FOLLOW_H

#include <stdbool.h>

#include "platform/dbapi.h"
#include "platform/error.h"

typedef enum FollowState { FOLLOW_GOING, FOLLOW_SUCCEEDED, FOLLOW_FAILED } FollowState;

/* one look: the state and the status word (allocated) of what is followed; false after e when the look failed */
typedef bool (*FollowLookFn)(void *ctx, FollowState *state, char **status, PlatformError *e);

typedef struct FollowOptions {
    void (*on_status)(void *ctx, const char *status);  /* each new status word; NULL for none */
    void *status_ctx;
    long first_ms;          /* the first interval between looks; 0: 500 ms */
    long max_ms;            /* the longest; 0: 10 s */
    long limit_s;           /* stop following after this long; 0: no limit */
} FollowOptions;

/*
 * Looks until what is followed ends.  True when it succeeded; false after e when it
 * failed (e says how), a look failed, the limit passed, or Ctrl-C stopped following
 * (e->cancelled).  what names it in messages ("operation op-12 (pitr_restore)").
 */
bool follow_until_done(FollowLookFn look, void *ctx, const char *what, const FollowOptions *o, PlatformError *e);

/* GET /api/databases/{db}/operations/{id} until finished (error, user-error or cancelled: failed) */
bool follow_operation(DbApi *db, const char *operation_id, const FollowOptions *o, PlatformError *e);
/* GET /api/databases/{db} until its status is running again */
bool follow_database_running(DbApi *db, const FollowOptions *o, PlatformError *e);
/* GET /api/databases/{db} until the feature is ACTIVATED (activate) or gone (else); FAILED fails */
bool follow_feature(DbApi *db, const char *feature, bool activate, const FollowOptions *o, PlatformError *e);

/* what the platform's status words mean; NULL means the status is missing */
FollowState follow_operation_state(const char *status);
FollowState follow_database_state(const char *status);
FollowState follow_feature_state(const char *status, bool activate);

#endif
