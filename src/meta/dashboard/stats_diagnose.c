/*
 * \stats diagnose: the facts the rules of diagnose_rules.c judge, gathered in one
 * query, from the platform's plan and metrics with --app, and from the previous
 * sample of the database's cache counters (a private cache file per database, so
 * that a falling hit ratio shows); then one table, worst first.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/query.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/table.h"
#include "meta/dashboard/diagnose_rules.h"
#include "meta/dashboard/stats.h"
#include "platform/cachefile.h"
#include "platform/plans.h"
#include "util/xalloc.h"

enum { MIN_VERSION = 100000, HISTORY_HOURS = 3, SAMPLE_MAX_AGE = 7 * 24 * 3600 };

#define IN_THIS_DATABASE "datname = pg_catalog.current_database()"
#define USER_INDEXES                                                                          \
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " \
    "WHERE c.relkind = 'i' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'"
#define UNUSED_INDEXES                                                                                         \
    "FROM pg_catalog.pg_stat_user_indexes s JOIN pg_catalog.pg_index i ON i.indexrelid = s.indexrelid "      \
    "WHERE s.idx_scan = 0 AND NOT i.indisunique "                                                            \
    "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = s.indexrelid)"
#define SECONDS_SINCE(column) "pg_catalog.date_part('epoch', pg_catalog.now() - " column ")"

/* one row of numbers (in DiagFacts' order below) and the time the statistics were reset */
static const char facts_sql[] =
    "SELECT (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity WHERE " IN_THIS_DATABASE "),\n"
    "  pg_catalog.current_setting('max_connections'),\n"
    "  (SELECT COALESCE(pg_catalog.sum(heap_blks_hit), 0) FROM pg_catalog.pg_statio_user_tables),\n"
    "  (SELECT COALESCE(pg_catalog.sum(heap_blks_read), 0) FROM pg_catalog.pg_statio_user_tables),\n"
    "  (SELECT COALESCE(pg_catalog.sum(idx_blks_hit), 0) FROM pg_catalog.pg_statio_user_indexes),\n"
    "  (SELECT COALESCE(pg_catalog.sum(idx_blks_read), 0) FROM pg_catalog.pg_statio_user_indexes),\n"
    "  (SELECT blks_hit FROM pg_catalog.pg_stat_database WHERE " IN_THIS_DATABASE "),\n"
    "  (SELECT blks_read FROM pg_catalog.pg_stat_database WHERE " IN_THIS_DATABASE "),\n"
    "  (SELECT COALESCE(pg_catalog.sum(pg_catalog.pg_relation_size(c.oid)), 0) " USER_INDEXES "),\n"
    "  (SELECT pg_catalog.count(*) " UNUSED_INDEXES "),\n"
    "  (SELECT COALESCE(pg_catalog.sum(pg_catalog.pg_relation_size(s.indexrelid)), 0) " UNUSED_INDEXES "),\n"
    "  (SELECT pg_catalog.count(*) FROM (SELECT 1 FROM pg_catalog.pg_index i\n"
    "     JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'\n"
    "     GROUP BY i.indrelid, c.relam, i.indkey::text, i.indclass::text, i.indcollation::text,\n"
    "              COALESCE(pg_catalog.pg_get_expr(i.indexprs, i.indrelid), ''),\n"
    "              COALESCE(pg_catalog.pg_get_expr(i.indpred, i.indrelid), '')\n"
    "     HAVING pg_catalog.count(*) > 1) d),\n"
    "  (SELECT COALESCE(pg_catalog.max(" SECONDS_SINCE("query_start") "), 0) FROM pg_catalog.pg_stat_activity\n"
    "     WHERE " IN_THIS_DATABASE " AND state = 'active' AND pid <> pg_catalog.pg_backend_pid()),\n"
    "  (SELECT COALESCE(pg_catalog.max(" SECONDS_SINCE("state_change") "), 0) FROM pg_catalog.pg_stat_activity\n"
    "     WHERE " IN_THIS_DATABASE " AND state LIKE 'idle in transaction%'),\n"
    "  (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity\n"
    "     WHERE " IN_THIS_DATABASE " AND pg_catalog.cardinality(pg_catalog.pg_blocking_pids(pid)) > 0),\n"
    "  (SELECT COALESCE(pg_catalog.max(" SECONDS_SINCE("query_start") "), 0) FROM pg_catalog.pg_stat_activity\n"
    "     WHERE " IN_THIS_DATABASE " AND pg_catalog.cardinality(pg_catalog.pg_blocking_pids(pid)) > 0),\n"
    "  (SELECT pg_catalog.age(datfrozenxid) FROM pg_catalog.pg_database WHERE " IN_THIS_DATABASE "),\n"
    "  pg_catalog.current_setting('autovacuum_freeze_max_age'),\n"
    "  (SELECT COALESCE(stats_reset::text, '') FROM pg_catalog.pg_stat_database WHERE " IN_THIS_DATABASE ")";

static double number_at(const PGresult *res, int column)
{
    return PQgetisnull(res, 0, column) ? 0 : strtod(PQgetvalue(res, 0, column), NULL);
}

static bool facts_from_sql(Session *s, DiagFacts *f, char **stats_reset)
{
    PGresult *res = exec_internal(s, facts_sql);
    if (!res)
        return false;
    double *targets[] = {&f->connections,  &f->max_connections,  &f->table_hits,   &f->table_reads,
                         &f->index_hits,   &f->index_reads,      &f->db_hits,      &f->db_reads,
                         &f->index_bytes,  NULL,                 &f->unused_index_bytes, NULL,
                         &f->longest_query_s, &f->longest_idle_transaction_s, NULL, &f->longest_blocked_s,
                         &f->xid_age,      &f->freeze_max_age};
    for (int i = 0; i < (int)(sizeof targets / sizeof targets[0]); i++)
        if (targets[i])
            *targets[i] = number_at(res, i);
    f->unused_indexes = (long)number_at(res, 9);
    f->duplicate_indexes = (long)number_at(res, 11);
    f->blocked_queries = (long)number_at(res, 14);
    *stats_reset = xstrdup(PQgetvalue(res, 0, 18));
    PQclear(res);
    return true;
}

/* ---- the previous sample of the cache counters ---- */

static char *sample_path(const Session *s)
{
    const char *parts[] = {"cache-hit-sample", PQhost(s->db), PQport(s->db), PQdb(s->db)};
    char *key = cache_key(parts, 4);
    char *name = xasprintf("stats-%s.json", key);
    char *path = cache_path(name);
    free(key);
    free(name);
    return path;
}

/* reads the previous sample into f; a sample from before the last reset of the statistics does not count */
static void read_sample(const char *path, const char *stats_reset, DiagFacts *f)
{
    char *text = path ? cache_read(path, SAMPLE_MAX_AGE, 4096, NULL) : NULL;
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    double when;
    const char *reset = dash_json_string(doc, "stats_reset");
    f->has_previous = doc && reset && strcmp(reset, stats_reset) == 0 && dash_json_number(doc, "time", &when) &&
                      dash_json_number(doc, "hits", &f->previous_hits) &&
                      dash_json_number(doc, "reads", &f->previous_reads);
    if (f->has_previous)
        f->previous_age_s = difftime(time(NULL), (time_t)when);
    json_decref(doc);
    free(text);
}

/* keeps this sample, unless the previous one is still waiting for enough activity to compare with */
static void write_sample(const char *path, const char *stats_reset, const DiagFacts *f, bool compared)
{
    if (!path || (f->has_previous && !compared))
        return;
    json_t *doc = json_pack("{s:I, s:f, s:f, s:s}", "time", (json_int_t)time(NULL), "hits", f->db_hits, "reads",
                            f->db_reads, "stats_reset", stats_reset);
    char *text = json_dumps(doc, JSON_COMPACT);
    /* a sample that cannot be kept is not worth a message */
    char *why = NULL;
    if (text)
        cache_write(path, text, strlen(text), &why);
    free(why);
    free(text);
    json_decref(doc);
}

/* ---- the platform's plan and metrics ---- */

static void facts_from_api(DbApi *db, DiagFacts *f)
{
    PlatformError e = {0};
    DbPlan plan;
    if (plans_current(db, &plan, &e)) {
        f->has_plan = plan.memory_mb > 0;
        f->plan_memory = (double)plan.memory_mb * 1024 * 1024;
        f->plan_disk = (double)plan.disk_mb * 1024 * 1024;
        plans_current_free(&plan);
    } else {
        dash_report("stats", &e);
    }
    json_t *metrics = dash_call(db, "stats", "GET", "/metrics", NULL, true);
    json_t *memory = json_object_get(metrics, "memory");
    const json_t *from = json_is_object(memory) ? memory : metrics;
    f->has_metrics = (dash_json_number(from, "memory", &f->memory) ||
                      dash_json_number(from, "memory_usage", &f->memory)) &&
                     dash_json_number(from, "memory_limit", &f->memory_limit) &&
                     dash_json_number(metrics, "real_disk_size", &f->disk);
    json_decref(metrics);
    char *path = xasprintf("/metrics/memory?since=%d", HISTORY_HOURS);
    json_t *history = f->has_metrics ? dash_call(db, "stats", "GET", path, NULL, true) : NULL;
    free(path);
    size_t i;
    json_t *point;
    double v;
    json_array_foreach(history, i, point) {
        if (!dash_json_number(point, "value", &v))
            continue;
        f->memory_samples++;
        f->memory_pinned_samples += v >= DIAG_PINNED_SHARE * f->memory_limit;
    }
    json_decref(history);
}

static void print_findings(Session *s, DiagFinding *findings, size_t n)
{
    static const char *const headers[] = {"Status", "Check", "Detail"};
    DashTable t;
    dash_table_init(&t, 3, headers);
    for (size_t i = 0; i < n; i++) {
        dash_table_add_copy(&t, diag_level_name(findings[i].level));
        dash_table_add_copy(&t, findings[i].check);
        dash_table_add(&t, findings[i].detail);
        findings[i].detail = NULL;
    }
    ListingPrint spec = {.title = "Diagnosis", .no_default_footer = true};
    dash_table_print(s, &t, &spec);
    dash_table_free(&t);
}

bool stats_diagnose(Session *s)
{
    if (!dash_require_sql(s, "stats", MIN_VERSION))
        return false;
    DiagFacts f = {0};
    char *stats_reset = NULL;
    if (!facts_from_sql(s, &f, &stats_reset))
        return false;
    char *path = sample_path(s);
    read_sample(path, stats_reset, &f);
    DashProgress progress;
    dash_progress_begin(&progress);
    if (dash_on_addon_database(s)) {
        dash_progress_show(&progress, "waiting for the Scalingo API (plan and metrics)...");
        facts_from_api(dash_api(s), &f);
    }
    dash_progress_end(&progress);
    DiagFinding findings[DIAG_MAX_FINDINGS];
    size_t n = diag_evaluate(&f, findings);
    bool compared = false;
    for (size_t i = 0; i < n; i++)
        compared |= strcmp(findings[i].check, "Cache hit ratio trend") == 0 && findings[i].level != DIAG_NA;
    write_sample(path, stats_reset, &f, compared);
    print_findings(s, findings, n);
    diag_findings_free(findings, n);
    free(path);
    free(stats_reset);
    return true;
}
