/*
 * \plan and \upgrade: the database's plan and the plans available, a plan change; the
 * engine's version and the next one, an upgrade.  Both are confirmed by the app's name
 * after saying what the app will live through (Starter plans: the database is down for
 * about 2 minutes; Business plans: a failover of a few seconds), then followed to their
 * end; Ctrl-C stops the following, never the change.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta/dashboard/admin.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/figures.h"
#include "meta/dashboard/table.h"
#include "platform/dbstate.h"
#include "platform/follow.h"
#include "platform/plans.h"
#include "util/log.h"
#include "util/xalloc.h"

static const char *const STARTER_INTERRUPTION =
    "a Starter plan is not highly available, so the database is down during the operation, about 2 minutes";
static const char *const BUSINESS_FAILOVER =
    "a Business plan fails over, so current connections are cut, a few seconds of interruption";
static const char *const BUSINESS_MAJOR =
    "even on a Business plan, a major version upgrade stops the database during the operation";

/* what the app lives through, by the plan's kind (and, for an upgrade, whether the major version changes) */
static const char *interruption(bool cluster, bool major_upgrade)
{
    if (!cluster)
        return STARTER_INTERRUPTION;
    return major_upgrade ? BUSINESS_MAJOR : BUSINESS_FAILOVER;
}

static bool get_state(DbApi *db, const char *command, DbState *st)
{
    PlatformError e = {0};
    if (dbstate_get(db, st, &e))
        return true;
    dash_report(command, &e);
    return false;
}

static void on_status(void *ctx, const char *status)
{
    dash_progress_show(ctx, "Database: %s", status);
}

/* follows until the end with progress on a terminal; false after one line */
static bool follow(DbApi *db, const char *command, const char *operation_id)
{
    PlatformError e = {0};
    DashProgress p;
    dash_progress_begin(&p);
    FollowOptions o = {.on_status = on_status, .status_ctx = &p};
    bool ok = operation_id ? follow_operation(db, operation_id, &o, &e) : follow_database_running(db, &o, &e);
    dash_progress_end(&p);
    if (!ok)
        dash_report(command, &e);
    return ok;
}

/* ---- \plan ---- */

static void print_current(Session *s, DbApi *db, const DbPlan *plan, const DbState *st)
{
    static const char *const names[] = {"Plan", "Memory", "Disk", "Highly available", "Manual backups",
                                        "PITR days"};
    DashTable t;
    dash_table_init(&t, 6, names);
    dash_table_numeric(&t, 1);
    dash_table_numeric(&t, 2);
    dash_table_type(&t, 3, PTYPE_BOOL);
    dash_table_numeric(&t, 4);
    dash_table_numeric(&t, 5);
    dash_table_add_copy(&t, plan->name);
    dash_table_add(&t, dash_bytes(s, (double)plan->memory_mb * 1024 * 1024));
    dash_table_add(&t, dash_bytes(s, (double)plan->disk_mb * 1024 * 1024));
    dash_table_add_copy(&t, st->cluster ? "t" : "f");
    dash_table_add(&t, xasprintf("%lld", plan->manual_backups));
    dash_table_add(&t, xasprintf("%lld", plan->pitr_days));
    char *title = xasprintf("Plan of %s", dbapi_app(db));
    ListingPrint spec = {.title = title};
    dash_table_print(s, &t, &spec);
    free(title);
    dash_table_free(&t);
}

static void print_available(Session *s, const AddonPlan *plans, int n, const char *current)
{
    static const char *const names[] = {"Name", "Display name", "Price", "Description", "Current"};
    DashTable t;
    dash_table_init(&t, 5, names);
    dash_table_numeric(&t, 2);
    dash_table_type(&t, 4, PTYPE_BOOL);
    for (int i = 0; i < n; i++) {
        dash_table_add_copy(&t, plans[i].name);
        dash_table_add_copy(&t, plans[i].display_name);
        dash_table_add(&t, plans[i].has_price ? xasprintf("%.2f", plans[i].price) : NULL);
        dash_table_add_copy(&t, plans[i].description);
        dash_table_add_copy(&t, current && strcmp(current, plans[i].name) == 0 ? "t" : "f");
    }
    ListingPrint spec = {.title = "Plans available"};
    dash_table_print(s, &t, &spec);
    dash_table_free(&t);
}

static bool show_plans(Session *s, DbApi *db)
{
    DbState st;
    if (!get_state(db, "plan", &st))
        return false;
    PlatformError e = {0};
    DbPlan plan;
    AddonPlan *plans = NULL;
    int n = 0;
    bool ok = plans_current(db, &plan, &e);
    if (ok) {
        print_current(s, db, &plan, &st);
        ok = plans_available(db, &plans, &n, &e);
        if (ok)
            print_available(s, plans, n, plan.name);
        plans_current_free(&plan);
    }
    if (!ok)
        dash_report("plan", &e);
    plans_available_free(plans, n);
    dbstate_free(&st);
    return ok;
}

static bool change_to(Session *s, DbApi *db, const DbState *st, const AddonPlan *to, const char *confirm)
{
    const char *command = "plan change";
    char *what = xasprintf("Move the database of %s from %s to %s:\n"
                           "  - %s;\n"
                           "  - the app is restarted afterwards.",
                           dbapi_app(db), st->plan ? st->plan : "its plan", to->name, interruption(st->cluster, false));
    bool confirmed = dash_confirm(s, command, confirm, what);
    free(what);
    if (!confirmed)
        return false;
    PlatformError e = {0};
    char *message = NULL;
    if (!plans_change(db, to->id, &message, &e)) {
        dash_report(command, &e);
        return false;
    }
    dash_say(s, "Plan change of %s to %s started%s%s%s: %s; the app restarts afterwards.", dbapi_app(db), to->name,
             message ? " (" : "", message ? message : "", message ? ")" : "", interruption(st->cluster, false));
    free(message);
    bool ok = follow(db, command, NULL);
    if (ok)
        dash_say(s, "The database of %s is on plan %s.", dbapi_app(db), to->name);
    return ok;
}

static bool change_plan(Session *s, DbApi *db, const DashArgs *a)
{
    if (a->nwords != 2) {
        log_error("\\plan change: give the name of one plan (\\plan lists them)");
        return false;
    }
    DbState st;
    if (!get_state(db, "plan change", &st))
        return false;
    PlatformError e = {0};
    AddonPlan *plans;
    int n;
    bool ok = plans_available(db, &plans, &n, &e);
    if (!ok) {
        dash_report("plan change", &e);
        dbstate_free(&st);
        return false;
    }
    const AddonPlan *to = plans_find(plans, n, a->words[1]);
    if (!to) {
        log_error("\\plan change: there is no plan %s (\\plan lists them)", a->words[1]);
        ok = false;
    } else if (st.plan && strcmp(st.plan, to->name) == 0) {
        dash_say(s, "The database of %s is already on plan %s: nothing to do.", dbapi_app(db), to->name);
    } else {
        ok = change_to(s, db, &st, to, a->confirm);
    }
    plans_available_free(plans, n);
    dbstate_free(&st);
    return ok;
}

MetaResult dash_cmd_plan(MetaContext *ctx)
{
    DashArgs a;
    if (!dash_args_read(ctx, "plan", NULL, -1, &a))
        return META_ERROR;
    const char *sub = a.nwords ? a.words[0] : "show";
    if (strcmp(sub, "help") == 0) {
        dash_args_free(&a);
        return dash_print_help(ctx, "plan");
    }
    DbApi *db = dash_require_api(ctx->s, "plan", "plans are the platform's");
    bool ok = db != NULL;
    if (ok && strcmp(sub, "change") == 0) {
        ok = change_plan(ctx->s, db, &a);
    } else if (ok && a.confirm) {
        log_error("\\plan: --confirm goes with \\plan change");
        ok = false;
    } else if (ok && strcmp(sub, "show") == 0 && a.nwords <= 1) {
        ok = show_plans(ctx->s, db);
    } else if (ok) {
        ok = dash_unknown_subcommand("plan", sub);
    }
    dash_args_free(&a);
    return ok ? META_SKIP_LINE : META_ERROR;
}

/* ---- \upgrade ---- */

/* the major version, the number before the first dot ("15" of "15.4.0-1"); -1 when there is none */
static long major_of(const char *version)
{
    if (!version || !isdigit((unsigned char)*version))
        return -1;
    return strtol(version, NULL, 10);
}

/* a different or unknown major version counts as major: the longer interruption is the one to announce */
static bool is_major(const DbState *st)
{
    long from = major_of(st->version), to = major_of(st->next_version);
    return from < 0 || to < 0 || from != to;
}

static bool show_upgrade(Session *s, DbApi *db)
{
    DbState st;
    if (!get_state(db, "upgrade", &st))
        return false;
    static const char *const names[] = {"Version", "Next version", "Interruption"};
    DashTable t;
    dash_table_init(&t, 3, names);
    dash_table_add_copy(&t, st.version);
    dash_table_add_copy(&t, st.next_version);
    dash_table_add_copy(&t, st.next_version ? interruption(st.cluster, is_major(&st)) : NULL);
    dash_table_footer(&t, xstrdup(st.next_version ? "\\upgrade start upgrades it; no downgrade is possible afterwards."
                                                  : "No upgrade available: the database runs the latest version."));
    char *title = xasprintf("Engine of %s", dbapi_app(db));
    ListingPrint spec = {.title = title};
    dash_table_print(s, &t, &spec);
    free(title);
    dash_table_free(&t);
    dbstate_free(&st);
    return true;
}

static bool show_version_from_sql(Session *s)
{
    return dash_print_sql(s, "SELECT pg_catalog.current_setting('server_version') AS \"Version\"", "Engine",
                          "The next version and \\upgrade start: open the console with --app APP.");
}

static bool start_upgrade(Session *s, DbApi *db, const char *confirm)
{
    const char *command = "upgrade start";
    DbState st;
    if (!get_state(db, command, &st))
        return false;
    bool ok = false;
    if (!st.next_version) {
        log_error("\\%s: no upgrade available for %s: it runs %s, the latest version", command, dbapi_app(db),
                  st.version ? st.version : "the latest version");
    } else {
        char *what = xasprintf("Upgrade the database of %s from %s to %s:\n"
                               "  - %s;\n"
                               "  - no downgrade is possible afterwards;\n"
                               "  - the app is restarted afterwards.",
                               dbapi_app(db), st.version ? st.version : "its version", st.next_version,
                               interruption(st.cluster, is_major(&st)));
        ok = dash_confirm(s, command, confirm, what);
        free(what);
    }
    PlatformError e = {0};
    char *message = NULL;
    char *op = ok ? upgrade_start(db, &message, &e) : NULL;
    if (ok && !op)
        dash_report(command, &e);
    if (op) {
        dash_say(s, "Upgrade of %s to %s started (operation %s%s%s): %s; no downgrade is possible, and the app "
                    "restarts afterwards.", dbapi_app(db), st.next_version, op, message ? ", " : "",
                 message ? message : "", interruption(st.cluster, is_major(&st)));
        ok = follow(db, command, op);
        if (ok)
            dash_say(s, "The database of %s runs %s.", dbapi_app(db), st.next_version);
    }
    free(message);
    free(op);
    dbstate_free(&st);
    return ok && op;
}

MetaResult dash_cmd_upgrade(MetaContext *ctx)
{
    DashArgs a;
    if (!dash_args_read(ctx, "upgrade", NULL, -1, &a))
        return META_ERROR;
    const char *sub = a.nwords ? a.words[0] : "show";
    if (strcmp(sub, "help") == 0) {
        dash_args_free(&a);
        return dash_print_help(ctx, "upgrade");
    }
    /* without the platform, SQL still tells the version that runs */
    if (!dash_api(ctx->s) && strcmp(sub, "show") == 0 && !a.confirm && ctx->s->db) {
        dash_args_free(&a);
        return show_version_from_sql(ctx->s) ? META_SKIP_LINE : META_ERROR;
    }
    DbApi *db = dash_require_api(ctx->s, "upgrade", "the platform upgrades the engine");
    bool ok = db != NULL;
    if (ok && strcmp(sub, "start") == 0 && a.nwords == 1) {
        ok = start_upgrade(ctx->s, db, a.confirm);
    } else if (ok && a.confirm) {
        log_error("\\upgrade: --confirm goes with \\upgrade start");
        ok = false;
    } else if (ok && strcmp(sub, "show") == 0 && a.nwords <= 1) {
        ok = show_upgrade(ctx->s, db);
    } else if (ok) {
        ok = dash_unknown_subcommand("upgrade", sub);
    }
    dash_args_free(&a);
    return ok ? META_SKIP_LINE : META_ERROR;
}
