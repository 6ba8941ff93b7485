/*
 * \queries [all], \queries cancel PID, \queries terminate PID: the dashboard's
 * running queries.  With --app through the database API's actions (pg-list-queries,
 * pg-cancel-query, pg-terminate-query), else through pg_stat_activity,
 * pg_cancel_backend and pg_terminate_backend.  Both ways give the same table.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/query.h"
#include "meta/commands.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/figures.h"
#include "meta/dashboard/table.h"
#include "util/log.h"
#include "util/xalloc.h"

static const char *const query_headers[] = {"PID", "User", "State", "Started", "Duration", "Query"};

enum { COL_PID, COL_USER, COL_STATE, COL_STARTED, COL_DURATION, COL_QUERY, NCOLS };

/* the dashboard hides idle connections unless asked: they run nothing */
static bool shown(const char *state, bool all)
{
    return all || !state || strcmp(state, "idle") != 0;
}

static void add_query_row(DashTable *t, const Session *s, long long pid, const char *user, const char *state,
                          const char *started, double seconds)
{
    dash_table_add(t, xasprintf("%lld", pid));
    dash_table_add_copy(t, user);
    dash_table_add_copy(t, state);
    dash_table_add_copy(t, started);
    dash_table_add(t, seconds >= 0 ? dash_seconds(s, seconds) : NULL);
}

static void init_query_table(DashTable *t)
{
    dash_table_init(t, NCOLS, query_headers);
    dash_table_numeric(t, COL_PID);
    dash_table_numeric(t, COL_DURATION);
}

static void print_query_table(Session *s, const DashTable *t, bool all)
{
    ListingPrint spec = {.title = all ? "Queries, idle ones too" : "Running queries"};
    dash_table_print(s, t, &spec);
}

/* when a query started, as both ways show it: local time for people, RFC 3339 in UTC for programs */
static char *start_text(const Session *s, time_t when)
{
    struct tm tm;
    char text[64];
    if (dash_plain_numbers(s)) {
        gmtime_r(&when, &tm);
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    } else {
        localtime_r(&when, &tm);
        strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
    }
    return xstrdup(text);
}

static char *started_text(const Session *s, const char *iso)
{
    time_t when;
    if (!iso || !dash_parse_time(iso, &when))
        return iso ? xstrdup(iso) : NULL;
    return start_text(s, when);
}

static bool list_from_api(Session *s, DbApi *db, bool all)
{
    json_t *result = dash_action(db, "queries", "pg-list-queries", NULL);
    if (!result)
        return false;
    if (!json_is_array(result)) {
        log_error("\\queries: unexpected answer from the Scalingo database API: the result is not a list");
        json_decref(result);
        return false;
    }
    DashTable t;
    init_query_table(&t);
    size_t i;
    json_t *q;
    json_array_foreach(result, i, q) {
        const char *state = dash_json_string(q, "state");
        double pid, nanoseconds;
        /* like pg_stat_activity's list: the others' connections, not this one */
        if (!shown(state, all) || !dash_json_number(q, "pid", &pid) || (s->db && pid == PQbackendPID(s->db)))
            continue;
        char *started = started_text(s, dash_json_string(q, "query_start"));
        bool timed = dash_json_number(q, "query_duration", &nanoseconds);
        add_query_row(&t, s, (long long)pid, dash_json_string(q, "username"), state, started,
                      timed ? nanoseconds / 1e9 : -1);
        free(started);
        dash_table_add_copy(&t, dash_json_string(q, "query"));
    }
    print_query_table(s, &t, all);
    dash_table_free(&t);
    json_decref(result);
    return true;
}

/* the same rows as the platform's action: the database's client connections but this one */
static const char list_sql[] =
    "SELECT pid, usename, state, pg_catalog.date_part('epoch', query_start),\n"
    "       pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() - query_start), query\n"
    "FROM pg_catalog.pg_stat_activity\n"
    "WHERE datname = pg_catalog.current_database() AND pid <> pg_catalog.pg_backend_pid()\n"
    "  AND backend_type = 'client backend'\n"
    "ORDER BY query_start NULLS LAST, pid";

static bool list_from_sql(Session *s, bool all)
{
    if (!dash_require_sql(s, "queries", 100000))
        return false;
    PGresult *res = exec_internal(s, list_sql);
    if (!res)
        return false;
    DashTable t;
    init_query_table(&t);
    for (int row = 0; row < PQntuples(res); row++) {
        /* the state of another user's connection is hidden from those without pg_read_all_stats */
        const char *state = PQgetisnull(res, row, 2) ? NULL : PQgetvalue(res, row, 2);
        if (!shown(state, all))
            continue;
        char *started = PQgetisnull(res, row, 3) ? NULL
                                                 : start_text(s, (time_t)strtod(PQgetvalue(res, row, 3), NULL));
        add_query_row(&t, s, atoll(PQgetvalue(res, row, 0)), PQgetisnull(res, row, 1) ? NULL : PQgetvalue(res, row, 1),
                      state, started, PQgetisnull(res, row, 4) ? -1 : strtod(PQgetvalue(res, row, 4), NULL));
        free(started);
        dash_table_add_copy(&t, PQgetisnull(res, row, 5) ? NULL : PQgetvalue(res, row, 5));
    }
    print_query_table(s, &t, all);
    dash_table_free(&t);
    PQclear(res);
    return true;
}

/* ---- cancel and terminate ---- */

static bool parse_pid(const char *action, const char *text, int *pid)
{
    char *end;
    errno = 0;
    long v = text ? strtol(text, &end, 10) : 0;
    if (!text || errno || *end || end == text || v <= 0 || v > INT_MAX) {
        if (text)
            log_error("\\queries %s: \"%s\" is not a process ID (the PID column of \\queries)", action, text);
        else
            log_error("\\queries %s: which query? Give its PID (the PID column of \\queries)", action);
        return false;
    }
    *pid = (int)v;
    return true;
}

static bool signal_by_api(DbApi *db, int pid, bool terminate)
{
    json_t *params = json_pack("{s:i}", "pid", pid);
    json_t *result = dash_action(db, "queries", terminate ? "pg-terminate-query" : "pg-cancel-query", params);
    json_decref(params);
    json_decref(result);
    return result != NULL;
}

static bool signal_by_sql(Session *s, int pid, bool terminate)
{
    if (!dash_require_sql(s, "queries", 90200))
        return false;
    char *sql = xasprintf("SELECT pg_catalog.%s(%d)", terminate ? "pg_terminate_backend" : "pg_cancel_backend", pid);
    PGresult *res = exec_internal(s, sql);
    free(sql);
    if (!res)
        return false;
    bool signalled = PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    if (!signalled)
        log_error("\\queries %s: no connection with PID %d could be signalled", terminate ? "terminate" : "cancel",
                  pid);
    return signalled;
}

static bool signal_query(Session *s, const char *action, const char *pid_text)
{
    bool terminate = strcmp(action, "terminate") == 0;
    int pid;
    if (!parse_pid(action, pid_text, &pid))
        return false;
    if (s->db && pid == PQbackendPID(s->db)) {
        log_error("\\queries %s: PID %d is this console's own connection", action, pid);
        return false;
    }
    bool ok = dash_on_addon_database(s) ? signal_by_api(dash_api(s), pid, terminate) : signal_by_sql(s, pid, terminate);
    if (ok)
        dash_say(s, terminate ? "The connection of PID %d is being terminated."
                              : "The query of PID %d is being cancelled.", pid);
    return ok;
}

static MetaResult cmd_queries(MetaContext *ctx)
{
    Session *s = ctx->s;
    char *action = meta_arg(ctx, OT_NORMAL, NULL, true);
    if (action && strcmp(action, "help") == 0) {
        free(action);
        return dash_print_help(ctx, "queries");
    }
    bool ok;
    if (!action || strcmp(action, "all") == 0) {
        bool all = action != NULL;
        ok = dash_on_addon_database(s) ? list_from_api(s, dash_api(s), all) : list_from_sql(s, all);
    } else if (strcmp(action, "cancel") == 0 || strcmp(action, "terminate") == 0) {
        char *pid = meta_arg(ctx, OT_NORMAL, NULL, true);
        ok = signal_query(s, action, pid);
        free(pid);
    } else {
        log_error("\\queries: unknown action \"%s\": all, cancel PID or terminate PID", action);
        ok = false;
    }
    free(action);
    return ok ? META_SKIP_LINE : META_ERROR;
}

const MetaCommand meta_queries_commands[] = {
    {"queries", cmd_queries, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 40, .usage = "\\queries [all]", .text = "running queries (all: idle ones too)"},
                       {HELP_DASHBOARD, 41, .usage = "\\queries cancel|terminate PID",
                        .text = "cancel a query, or end its connection", .below = true})},
    {.name = NULL},
};
