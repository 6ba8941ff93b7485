/*
 * \dbinfo: the dashboard's overview of the database (engine and version, plan,
 * status, instances, Force TLS and Internet Accessibility, backup schedule,
 * maintenance window, PITR window, next upgrade) from the database API; on a plain
 * connection, what SQL can tell, and what needs --app.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/query.h"
#include "meta/commands.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/figures.h"
#include "meta/dashboard/table.h"
#include "meta/dashboard/features.h"
#include "platform/pitr.h"
#include "platform/plans.h"
#include "platform/platform.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *const property_headers[] = {"Property", "Value"};

static void add_property(DashTable *t, const char *name, char *value)
{
    dash_table_add_copy(t, name);
    dash_table_add(t, value);
}

static char *engine_text(const json_t *database)
{
    const char *type = dash_json_string(database, "type_name");
    const char *version = dash_json_string(database, "readable_version");
    bool postgresql = !type || strcmp(type, "postgresql") == 0;
    return xasprintf("%s %s", postgresql ? "PostgreSQL" : type, version ? version : "(version unknown)");
}

static char *plan_text(const json_t *database, const DbPlan *plan)
{
    const char *name = plan ? plan->name : dash_json_string(database, "plan");
    if (!plan || plan->memory_mb <= 0 || plan->disk_mb <= 0)
        return xstrdup(name ? name : "unknown");
    char *m = dash_pretty_bytes((double)plan->memory_mb * 1024 * 1024);
    char *d = dash_pretty_bytes((double)plan->disk_mb * 1024 * 1024);
    char *text = xasprintf("%s (%s memory, %s disk)", name, m, d);
    free(m);
    free(d);
    return text;
}

static char *schedule_text(const json_t *database)
{
    json_t *enabled = json_object_get(database, "periodic_backups_enabled");
    json_t *hours = json_object_get(database, "periodic_backups_scheduled_at");
    if (json_is_false(enabled))
        return xstrdup("off");
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "daily at ");
    size_t n = 0;
    size_t i;
    json_t *h;
    /* the platform sends a list of hours, some clients a single one */
    if (json_is_integer(hours))
        sb_printf(&sb, "%02d:00", (int)json_integer_value(hours)), n++;
    json_array_foreach(hours, i, h) {
        if (json_is_integer(h))
            sb_printf(&sb, "%s%02d:00", n++ ? ", " : "", (int)json_integer_value(h));
    }
    if (n == 0) {
        sb_free(&sb);
        return xstrdup(json_is_true(enabled) ? "on" : "unknown");
    }
    sb_append(&sb, " UTC");
    return sb_steal(&sb);
}

static char *maintenance_text(const json_t *database)
{
    static const char *const days[] = {"Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays",
                                       "Saturdays"};
    json_t *window = json_object_get(database, "maintenance_window");
    double day, hour, duration;
    if (!json_is_object(window) || !dash_json_number(window, "weekday_utc", &day) ||
        !dash_json_number(window, "starting_hour_utc", &hour) || day < 0 || day > 6)
        return xstrdup("none");
    if (!dash_json_number(window, "duration_in_hour", &duration))
        duration = 0;
    return xasprintf("%s from %02d:00 UTC, for %g h", days[(int)day], (int)hour, duration);
}

static char *pitr_text(DbApi *db, const DbPlan *plan, bool *failed)
{
    if (plan && plan->pitr_days <= 0)
        return xstrdup("not available on this plan");
    PlatformError e = {0};
    RecoveryWindow w;
    if (!pitr_window(db, &w, &e)) {
        dash_report("dbinfo", &e);
        *failed = true;
        return xstrdup("unknown");
    }
    time_t earliest, latest;
    char *text;
    if (dash_parse_time(w.earliest, &earliest) && dash_parse_time(w.latest, &latest)) {
        char *from = dash_utc_text(earliest), *to = dash_utc_text(latest);
        text = xasprintf("from %s to %s", from, to);
        free(from);
        free(to);
    } else {
        text = xstrdup("none yet");
    }
    pitr_window_free(&w);
    return text;
}

static char *upgrade_text(const json_t *database)
{
    json_t *next = json_object_get(database, "next_version_id");
    if (json_is_string(next) && *json_string_value(next))
        return xasprintf("available (%s)", json_string_value(next));
    return xstrdup("none: the latest version runs");
}

static void add_overview(DashTable *t, DbApi *db, const json_t *database, const DbPlan *plan, bool *failed)
{
    const char *status = dash_json_string(database, "status");
    const char *operation = dash_json_string(database, "current_operation_id");
    add_property(t, "Engine", engine_text(database));
    add_property(t, "Plan", plan_text(database, plan));
    add_property(t, "Status", operation ? xasprintf("%s (operation %s)", status ? status : "unknown", operation)
                                        : xstrdup(status ? status : "unknown"));
    add_property(t, "Address", xstrdup(dash_json_string(database, "hostname") ? dash_json_string(database, "hostname")
                                                                             : "unknown"));
    add_property(t, "Force TLS", feature_state_text(database, FEATURE_FORCE_TLS));
    add_property(t, "Internet Accessibility", feature_state_text(database, FEATURE_INTERNET));
    add_property(t, "Encryption at rest", xstrdup(json_is_true(json_object_get(database, "encryption_at_rest"))
                                                      ? "on" : "off"));
    add_property(t, "Backups", schedule_text(database));
    add_property(t, "Maintenance window", maintenance_text(database));
    add_property(t, "PITR window", pitr_text(db, plan, failed));
    add_property(t, "Next upgrade", upgrade_text(database));
}

static void print_instances(Session *s, const json_t *database)
{
    static const char *const headers[] = {"Instance", "Type", "Role", "Status"};
    static const char *const keys[] = {"id", "type", "role", "status"};
    json_t *instances = json_object_get(database, "instances");
    if (!json_is_array(instances))
        return;
    DashTable t;
    dash_table_init(&t, 4, headers);
    size_t i;
    json_t *instance;
    json_array_foreach(instances, i, instance) {
        for (int k = 0; k < 4; k++)
            dash_table_add_copy(&t, dash_json_string(instance, keys[k]));
    }
    ListingPrint spec = {.title = "Instances", .no_default_footer = true};
    dash_table_print(s, &t, &spec);
    dash_table_free(&t);
}

static bool dbinfo_from_api(Session *s, DbApi *db)
{
    json_t *doc = dash_call(db, "dbinfo", "GET", "", NULL, true);
    json_t *database = doc ? json_object_get(doc, "database") : NULL;
    if (doc && !json_is_object(database)) {
        log_error("\\dbinfo: unexpected answer from the Scalingo database API: no \"database\" object");
        json_decref(doc);
        return false;
    }
    if (!doc)
        return false;
    PlatformError e = {0};
    DbPlan plan;
    bool has_plan = plans_current(db, &plan, &e);
    bool failed = !has_plan;
    if (!has_plan)
        dash_report("dbinfo", &e);
    DashTable t;
    dash_table_init(&t, 2, property_headers);
    add_overview(&t, db, database, has_plan ? &plan : NULL, &failed);
    char *title = xasprintf("Database of app \"%s\" (addon %s)", s->platform->app, s->platform->addon_id);
    ListingPrint spec = {.title = title, .no_default_footer = true};
    dash_table_print(s, &t, &spec);
    free(title);
    dash_table_free(&t);
    print_instances(s, database);
    if (has_plan)
        plans_current_free(&plan);
    json_decref(doc);
    return !failed;
}

/* what SQL can tell on a plain connection (needs pg_stat_ssl: PostgreSQL 9.5) */
static const char dbinfo_sql[] =
    "SELECT 'Engine' AS \"Property\", 'PostgreSQL ' || pg_catalog.current_setting('server_version') AS \"Value\"\n"
    "UNION ALL SELECT 'Database', pg_catalog.current_database()\n"
    "UNION ALL SELECT 'Role', CASE WHEN pg_catalog.pg_is_in_recovery() THEN 'standby' ELSE 'primary' END\n"
    "UNION ALL SELECT 'Data size',\n"
    "                 pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(pg_catalog.current_database()))\n"
    "UNION ALL SELECT 'Connections', (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity\n"
    "                                 WHERE datname = pg_catalog.current_database())::text\n"
    "                                || ' of ' || pg_catalog.current_setting('max_connections')\n"
    "UNION ALL SELECT 'TLS (this connection)',\n"
    "                 COALESCE((SELECT CASE WHEN ssl THEN version || ', ' || cipher ELSE 'off' END\n"
    "                           FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()), 'unknown')\n"
    "UNION ALL SELECT 'Started', pg_catalog.to_char(pg_catalog.pg_postmaster_start_time() AT TIME ZONE 'UTC',\n"
    "                                               'YYYY-MM-DD HH24:MI \"UTC\"')";

static bool dbinfo_from_sql(Session *s)
{
    if (!dash_require_sql(s, "dbinfo", 90500))
        return false;
    return dash_print_sql(s, dbinfo_sql, "Database (plain connection)",
                          "Plan, status, instances, features, backups, maintenance, PITR and upgrades: open the "
                          "console with --app APP.");
}

static MetaResult cmd_dbinfo(MetaContext *ctx)
{
    char *sub = meta_arg(ctx, OT_NORMAL, NULL, true);
    if (sub) {
        bool help = strcmp(sub, "help") == 0;
        if (!help)
            dash_unknown_subcommand("dbinfo", sub);
        free(sub);
        return help ? dash_print_help(ctx, "dbinfo") : META_ERROR;
    }
    DbApi *db = dash_api(ctx->s);
    bool ok = db ? dbinfo_from_api(ctx->s, db) : dbinfo_from_sql(ctx->s);
    return ok ? META_SKIP_LINE : META_ERROR;
}

const MetaCommand meta_dbinfo_commands[] = {
    {"dbinfo", cmd_dbinfo, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 10, .usage = "\\dbinfo",
                        .text = "the database: engine and version, plan, status,\n"
                                "instances, Force TLS, Internet Accessibility, backups,\n"
                                "maintenance and PITR windows, next upgrade"})},
    {.name = NULL},
};
