/*
 * A database's plan and engine version: the plan it is on (database API), the plans
 * of the PostgreSQL provider and a plan change (regional API, on the app's addon),
 * and an engine upgrade (an operation to follow).
 */
#ifndef PGC_PLATFORM_PLANS_H
#define PGC_PLATFORM_PLANS_H

#include <stdbool.h>

#include "platform/dbapi.h"

/* GET /api/databases/{db}/plan; sizes in MB */
typedef struct DbPlan {
    char *name;
    long long memory_mb;
    long long disk_mb;
    bool backup;
    long long manual_backups;
    long long pitr_days;
} DbPlan;

/* one of GET /v1/addon_providers/postgresql/plans */
typedef struct AddonPlan {
    char *id;
    char *name;
    char *display_name;
    char *description;
    double price;
    bool has_price;
} AddonPlan;

bool plans_current(DbApi *db, DbPlan *out, PlatformError *e);
void plans_current_free(DbPlan *p);
bool plans_available(DbApi *db, AddonPlan **plans, int *count, PlatformError *e);
void plans_available_free(AddonPlan *plans, int count);
/* the plan named name, or "postgresql-" + name; NULL when none is */
const AddonPlan *plans_find(const AddonPlan *plans, int count, const char *name);

/* PATCH the app's addon to plan_id; *message gets the platform's message (or NULL) */
bool plans_change(DbApi *db, const char *plan_id, char **message, PlatformError *e);

/* POST /upgrade: the operation's id (and the platform's message), or NULL after e */
char *upgrade_start(DbApi *db, char **message, PlatformError *e);

#endif
