/*
 * \pitr: the point-in-time recovery window, and a restore.  The time is read and
 * checked here (not in the future, inside the window) before the platform is asked to
 * restore; the resolved moment and what a restore does are shown, the app's name
 * confirms, then the operation is followed to its end.  Ctrl-C stops the following,
 * never the restore.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "meta/dashboard/admin.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/pitr_time.h"
#include "meta/dashboard/table.h"
#include "platform/follow.h"
#include "platform/pitr.h"
#include "util/log.h"
#include "util/xalloc.h"

static long long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* the window's bounds in milliseconds; false after one line when there is no window */
static bool window_bounds(const RecoveryWindow *w, const char *app, long long *earliest, long long *latest)
{
    char *why = NULL;
    if (!w->earliest || !w->latest) {
        log_error("\\pitr: point-in-time recovery is not available for %s (not on its plan, or not yet)", app);
        return false;
    }
    if ((why = pitr_parse_time(w->earliest, 0, earliest)) || (why = pitr_parse_time(w->latest, 0, latest))) {
        log_error("\\pitr: unexpected answer from the Scalingo database API: the recovery window: %s", why);
        free(why);
        return false;
    }
    return true;
}

static bool show_window(Session *s, DbApi *db)
{
    PlatformError e = {0};
    RecoveryWindow w;
    if (!pitr_window(db, &w, &e)) {
        dash_report("pitr", &e);
        return false;
    }
    long long earliest, latest;
    bool ok = window_bounds(&w, dbapi_app(db), &earliest, &latest);
    if (ok) {
        static const char *const names[] = {"Earliest", "Latest"};
        DashTable t;
        dash_table_init(&t, 2, names);
        char first[64], last[64];
        pitr_format_timestamptz(earliest, first, sizeof(first));
        pitr_format_timestamptz(latest, last, sizeof(last));
        dash_table_add_copy(&t, first);
        dash_table_add_copy(&t, last);
        char *title = xasprintf("Point-in-time recovery window of %s", dbapi_app(db));
        ListingPrint spec = {.title = title};
        dash_table_print(s, &t, &spec);
        free(title);
        dash_table_free(&t);
    }
    pitr_window_free(&w);
    return ok;
}

/* false after one line when when_ms cannot be restored to: in the future, or outside the window */
static bool restorable(DbApi *db, long long when_ms, long long now)
{
    const char *command = "pitr restore";
    char when[48], bound[48];
    pitr_format_utc(when_ms, when, sizeof(when));
    if (pitr_check_window(when_ms, now, when_ms, when_ms) == PITR_IN_FUTURE) {
        log_error("\\%s: %s is in the future: nothing was done", command, when);
        return false;
    }
    PlatformError e = {0};
    RecoveryWindow w;
    if (!pitr_window(db, &w, &e)) {
        dash_report(command, &e);
        return false;
    }
    long long earliest, latest;
    bool ok = window_bounds(&w, dbapi_app(db), &earliest, &latest);
    pitr_window_free(&w);
    PitrCheck check = ok ? pitr_check_window(when_ms, now, earliest, latest) : PITR_IN_WINDOW;
    if (check == PITR_TOO_OLD) {
        pitr_format_utc(earliest, bound, sizeof(bound));
        log_error("\\%s: %s is before the earliest time the database can be restored to, %s: nothing was done",
                  command, when, bound);
    } else if (check == PITR_TOO_RECENT) {
        pitr_format_utc(latest, bound, sizeof(bound));
        log_error("\\%s: %s is after the latest time the database can be restored to yet, %s: nothing was done",
                  command, when, bound);
    }
    return ok && check == PITR_IN_WINDOW;
}

static void on_restore_status(void *ctx, const char *status)
{
    dash_progress_show(ctx, "Restore: %s", status);
}

/* asks for the restore and follows it to its end; false after one line */
static bool run_restore(Session *s, DbApi *db, long long when_ms)
{
    char rfc3339[32], utc[48];
    pitr_format_rfc3339(when_ms, rfc3339, sizeof(rfc3339));
    pitr_format_utc(when_ms, utc, sizeof(utc));
    PlatformError e = {0};
    char *op = pitr_restore(db, rfc3339, &e);
    if (!op) {
        dash_report("pitr restore", &e);
        return false;
    }
    dash_say(s, "Restore of %s to %s started (operation %s): the database is stopped until it ends, and the app "
                "restarts afterwards.", dbapi_app(db), utc, op);
    DashProgress p;
    dash_progress_begin(&p);
    FollowOptions o = {.on_status = on_restore_status, .status_ctx = &p};
    bool ok = follow_operation(db, op, &o, &e);
    dash_progress_end(&p);
    if (ok)
        dash_say(s, "The database of %s is restored to %s; the app is being restarted.", dbapi_app(db), utc);
    else
        dash_report("pitr restore", &e);
    free(op);
    return ok;
}

static bool restore(Session *s, DbApi *db, const DashArgs *a)
{
    char *text = dash_args_join(a, 1);
    if (!text) {
        log_error("\\pitr restore: give the time to restore to (2026-07-18 23:00 [ZONE], RFC 3339, 2 hours ago)");
        return false;
    }
    long long now = now_ms(), when_ms;
    char *why = pitr_parse_time(text, now, &when_ms);
    free(text);
    if (why) {
        log_error("\\pitr restore: %s", why);
        free(why);
        return false;
    }
    if (!restorable(db, when_ms, now))
        return false;
    char utc[48], local[48];
    pitr_format_utc(when_ms, utc, sizeof(utc));
    pitr_format_local(when_ms, local, sizeof(local));
    /* the local time, unless it is UTC already */
    char *here = strcmp(local + strlen(local) - 4, " UTC") == 0 ? xstrdup("") : xasprintf(" (%s here)", local);
    char *what = xasprintf("Restore the database of %s to %s%s:\n"
                           "  - the database is stopped during the restore: the app cannot use it;\n"
                           "  - everything written after that time is lost, and this cannot be undone;\n"
                           "  - the app is restarted afterwards.",
                           dbapi_app(db), utc, here);
    free(here);
    bool confirmed = dash_confirm(s, "pitr restore", a->confirm, what);
    free(what);
    return confirmed && run_restore(s, db, when_ms);
}

MetaResult dash_cmd_pitr(MetaContext *ctx)
{
    DashArgs a;
    if (!dash_args_read(ctx, "pitr", NULL, -1, &a))
        return META_ERROR;
    const char *sub = a.nwords ? a.words[0] : "window";
    if (strcmp(sub, "help") == 0) {
        dash_args_free(&a);
        return dash_print_help(ctx, "pitr");
    }
    DbApi *db = dash_require_api(ctx->s, "pitr", "the platform keeps what a restore replays");
    bool ok = db != NULL;
    if (ok && strcmp(sub, "restore") == 0) {
        ok = restore(ctx->s, db, &a);
    } else if (ok && a.confirm) {
        log_error("\\pitr: --confirm goes with \\pitr restore");
        ok = false;
    } else if (ok && strcmp(sub, "window") == 0 && a.nwords <= 1) {
        ok = show_window(ctx->s, db);
    } else if (ok) {
        ok = dash_unknown_subcommand("pitr", sub);
    }
    dash_args_free(&a);
    return ok ? META_SKIP_LINE : META_ERROR;
}
