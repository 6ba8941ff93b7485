/*
 * \stats outliers [enable|reset]: the statements that took the most time, from
 * pg_stat_statements (its columns were renamed in PostgreSQL 13).  When the
 * extension is missing, it is offered: through the database API's action with --app
 * (the platform has the rights), else CREATE EXTENSION when the user may.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/query.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/stats.h"
#include "meta/dashboard/table.h"
#include "util/log.h"
#include "util/xalloc.h"

enum { MIN_VERSION = 100000 };

static const char outliers_sql[] =
    "SELECT pg_catalog.round(total::numeric, 2) AS \"Total (ms)\",\n"
    "       pg_catalog.round((100 * total / NULLIF(pg_catalog.sum(total) OVER (), 0))::numeric, 1) AS \"Share (%%)\",\n"
    "       calls AS \"Calls\", pg_catalog.round(mean::numeric, 2) AS \"Mean (ms)\", rows AS \"Rows\",\n"
    "       query AS \"Query\"\n"
    "FROM (SELECT %s AS total, %s AS mean, calls, rows, query FROM %s.pg_stat_statements\n"
    "      WHERE dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())) s\n"
    "ORDER BY total DESC LIMIT 20";

/* the schema pg_stat_statements is in, quoted; NULL when it is not installed (or after an error: *failed) */
static char *extension_schema(Session *s, bool *failed)
{
    PGresult *res = exec_internal(s, "SELECT n.nspname FROM pg_catalog.pg_extension e\n"
                                     "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace\n"
                                     "WHERE e.extname = 'pg_stat_statements'");
    *failed = res == NULL;
    char *schema = NULL;
    if (res && PQntuples(res) == 1) {
        char *quoted = PQescapeIdentifier(s->db, PQgetvalue(res, 0, 0), strlen(PQgetvalue(res, 0, 0)));
        schema = quoted ? xstrdup(quoted) : NULL;
        PQfreemem(quoted);
    }
    PQclear(res);
    return schema;
}

static bool enable(Session *s)
{
    if (dash_on_addon_database(s)) {
        json_t *result = dash_action(dash_api(s), "stats", "pg-stat-statements-enable", NULL);
        json_decref(result);
        return result != NULL;
    }
    PGresult *res = exec_internal(s, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    if (!res) {
        log_hint("Enabling pg_stat_statements needs the right to create extensions; with --app APP the platform "
                 "enables it.");
        return false;
    }
    PQclear(res);
    return true;
}

static bool reset(Session *s, const char *schema)
{
    if (dash_on_addon_database(s)) {
        json_t *result = dash_action(dash_api(s), "stats", "pg-stat-statements-reset", NULL);
        json_decref(result);
        return result != NULL;
    }
    char *sql = xasprintf("SELECT %s.pg_stat_statements_reset()", schema);
    PGresult *res = exec_internal(s, sql);
    free(sql);
    PQclear(res);
    return res != NULL;
}

static bool list(Session *s, const char *schema)
{
    bool renamed = dash_server_version(s) >= 130000;
    char *sql = xasprintf(outliers_sql, renamed ? "total_exec_time" : "total_time",
                          renamed ? "mean_exec_time" : "mean_time", schema);
    bool ok = dash_print_sql(s, sql, "Statements taking the most time", NULL);
    free(sql);
    return ok;
}

/* pg_stat_statements is missing: enable it when asked to, or when the user says yes */
static bool offer(Session *s, bool asked)
{
    if (!asked && !dash_ask_yes(s, "pg_stat_statements is not enabled on this database. Enable it now? [y/N] ")) {
        log_error("\\stats outliers: pg_stat_statements is not enabled on this database: \"\\stats outliers enable\" "
                  "enables it (from then on it records every statement's time)");
        return false;
    }
    if (!enable(s))
        return false;
    dash_say(s, "pg_stat_statements is enabled: statements are recorded from now on.");
    return true;
}

/* after enabling: the extension's schema, or NULL after one line */
static char *schema_after_enabling(Session *s)
{
    bool failed;
    char *schema = extension_schema(s, &failed);
    if (!schema && !failed)
        log_error("\\stats outliers: pg_stat_statements is still not installed in this database");
    return schema;
}

static bool run(Session *s, const char *action, char **schema)
{
    bool enabling = action && strcmp(action, "enable") == 0;
    bool resetting = action && strcmp(action, "reset") == 0;
    if (!*schema) {
        if (resetting) {
            log_error("\\stats outliers: pg_stat_statements is not enabled on this database");
            return false;
        }
        if (!offer(s, enabling))
            return false;
        if (enabling)
            return true;
        *schema = schema_after_enabling(s);
        return *schema && list(s, *schema);
    }
    if (enabling) {
        dash_say(s, "pg_stat_statements is already enabled.");
        return true;
    }
    if (resetting) {
        if (!reset(s, *schema))
            return false;
        dash_say(s, "The statement statistics of this database are reset.");
        return true;
    }
    return list(s, *schema);
}

bool stats_outliers(Session *s, const char *action)
{
    if (action && strcmp(action, "enable") != 0 && strcmp(action, "reset") != 0) {
        log_error("\\stats outliers: unknown action \"%s\": enable or reset", action);
        return false;
    }
    if (!dash_require_sql(s, "stats", MIN_VERSION))
        return false;
    bool failed;
    char *schema = extension_schema(s, &failed);
    bool ok = !failed && run(s, action, &schema);
    free(schema);
    return ok;
}
