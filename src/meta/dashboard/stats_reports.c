/*
 * The reports of \stats in the spirit of pg-extras, written for PostgreSQL 10 and
 * later (queries differ by server_version_num where the catalogs do): cache hit
 * ratios, index use, unused and duplicate indexes, table sizes and row estimates,
 * estimated bloat, vacuum state, locks and blocking queries.  Each is a row of a
 * table: its name, the part it is of a report with several, its title and its SQL
 * (SIZE() and DURATION() follow the output format, stats.h).
 */
#include <stdlib.h>
#include <string.h>

#include "meta/dashboard/common.h"
#include "meta/dashboard/stats.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { MIN_VERSION = 100000 };

/* the schemas of user objects */
#define USER_SCHEMAS "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'"

static const char cache_sql[] =
    "SELECT 'tables' AS \"Cache hits of\",\n"
    "       pg_catalog.round(100 * pg_catalog.sum(heap_blks_hit)::numeric\n"
    "                        / NULLIF(pg_catalog.sum(heap_blks_hit) + pg_catalog.sum(heap_blks_read), 0), 2)\n"
    "         AS \"Ratio (%)\",\n"
    "       pg_catalog.sum(heap_blks_hit)::bigint AS \"From memory\",\n"
    "       pg_catalog.sum(heap_blks_read)::bigint AS \"From disk\"\n"
    "FROM pg_catalog.pg_statio_user_tables\n"
    "UNION ALL\n"
    "SELECT 'indexes', pg_catalog.round(100 * pg_catalog.sum(idx_blks_hit)::numeric\n"
    "                        / NULLIF(pg_catalog.sum(idx_blks_hit) + pg_catalog.sum(idx_blks_read), 0), 2),\n"
    "       pg_catalog.sum(idx_blks_hit)::bigint, pg_catalog.sum(idx_blks_read)::bigint\n"
    "FROM pg_catalog.pg_statio_user_indexes\n"
    "UNION ALL\n"
    "SELECT 'database', pg_catalog.round(100 * blks_hit::numeric / NULLIF(blks_hit + blks_read, 0), 2),\n"
    "       blks_hit, blks_read\n"
    "FROM pg_catalog.pg_stat_database WHERE datname = pg_catalog.current_database()";

static const char cache_tables_sql[] =
    "SELECT pg_catalog.format('%I.%I', schemaname, relname) AS \"Table\",\n"
    "       pg_catalog.round(100 * heap_blks_hit::numeric / NULLIF(heap_blks_hit + heap_blks_read, 0), 2)\n"
    "         AS \"Ratio (%)\",\n"
    "       heap_blks_hit AS \"From memory\", heap_blks_read AS \"From disk\"\n"
    "FROM pg_catalog.pg_statio_user_tables\n"
    "WHERE heap_blks_read > 0\n"
    "ORDER BY heap_blks_read DESC, 1 LIMIT 10";

static const char index_usage_sql[] =
    "SELECT pg_catalog.format('%I.%I', schemaname, relname) AS \"Table\",\n"
    "       CASE WHEN seq_scan + COALESCE(idx_scan, 0) > 0\n"
    "            THEN pg_catalog.round(100.0 * COALESCE(idx_scan, 0) / (seq_scan + COALESCE(idx_scan, 0)), 1)\n"
    "       END AS \"Index use (%)\",\n"
    "       COALESCE(idx_scan, 0) AS \"Index scans\", seq_scan AS \"Sequential scans\",\n"
    "       n_live_tup AS \"Rows\"\n"
    "FROM pg_catalog.pg_stat_user_tables\n"
    "ORDER BY n_live_tup DESC, 1";

static const char unused_indexes_sql[] =
    "SELECT pg_catalog.format('%I.%I', s.schemaname, s.relname) AS \"Table\",\n"
    "       pg_catalog.format('%I', s.indexrelname) AS \"Index\",\n"
    "       SIZE(pg_catalog.pg_relation_size(s.indexrelid)) AS \"Size\",\n"
    "       s.idx_scan AS \"Scans\"\n"
    "FROM pg_catalog.pg_stat_user_indexes s\n"
    "JOIN pg_catalog.pg_index i ON i.indexrelid = s.indexrelid\n"
    "WHERE s.idx_scan = 0 AND NOT i.indisunique\n"
    "  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = s.indexrelid)\n"
    "ORDER BY pg_catalog.pg_relation_size(s.indexrelid) DESC, 1, 2";

/* same table, access method, columns, operator classes, collations, expressions and predicate */
static const char duplicate_indexes_sql[] =
    "SELECT pg_catalog.format('%I.%I', n.nspname, t.relname) AS \"Table\",\n"
    "       pg_catalog.string_agg(pg_catalog.format('%I', ic.relname), ', ' ORDER BY ic.relname) AS \"Indexes\",\n"
    "       SIZE(pg_catalog.sum(pg_catalog.pg_relation_size(i.indexrelid))::bigint) AS \"Total size\"\n"
    "FROM pg_catalog.pg_index i\n"
    "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid\n"
    "JOIN pg_catalog.pg_class t ON t.oid = i.indrelid\n"
    "JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace\n"
    "WHERE " USER_SCHEMAS "\n"
    "GROUP BY n.nspname, t.relname, i.indrelid, ic.relam, i.indkey::text, i.indclass::text,\n"
    "         i.indcollation::text, COALESCE(pg_catalog.pg_get_expr(i.indexprs, i.indrelid), ''),\n"
    "         COALESCE(pg_catalog.pg_get_expr(i.indpred, i.indrelid), '')\n"
    "HAVING pg_catalog.count(*) > 1\n"
    "ORDER BY pg_catalog.sum(pg_catalog.pg_relation_size(i.indexrelid)) DESC, 1";

/* reltuples is -1 for a table never analyzed since PostgreSQL 14, 0 before */
static const char tables_sql_14[] =
    "SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS \"Table\",\n"
    "       CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END AS \"Rows (estimate)\",\n"
    "       SIZE(pg_catalog.pg_table_size(c.oid)) AS \"Table size\",\n"
    "       SIZE(pg_catalog.pg_indexes_size(c.oid)) AS \"Index size\",\n"
    "       SIZE(pg_catalog.pg_total_relation_size(c.oid)) AS \"Total size\"\n"
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "WHERE c.relkind IN ('r', 'm') AND " USER_SCHEMAS "\n"
    "ORDER BY pg_catalog.pg_total_relation_size(c.oid) DESC, 1";

static const char tables_sql_10[] =
    "SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS \"Table\",\n"
    "       c.reltuples::bigint AS \"Rows (estimate)\",\n"
    "       SIZE(pg_catalog.pg_table_size(c.oid)) AS \"Table size\",\n"
    "       SIZE(pg_catalog.pg_indexes_size(c.oid)) AS \"Index size\",\n"
    "       SIZE(pg_catalog.pg_total_relation_size(c.oid)) AS \"Total size\"\n"
    "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "WHERE c.relkind IN ('r', 'm') AND " USER_SCHEMAS "\n"
    "ORDER BY pg_catalog.pg_total_relation_size(c.oid) DESC, 1";

/*
 * Estimated bloat, from the planner's statistics (pg_stats): the pages the live rows
 * need (a 24-byte heap tuple header, the average widths, 4 bytes of line pointer,
 * 8-byte alignment, the page header and fillfactor; for B-tree indexes an 8-byte
 * index tuple header, 90% fill and the meta page) against the pages there are.
 */
static const char bloat_sql[] =
    "WITH settings AS (SELECT pg_catalog.current_setting('block_size')::numeric AS bs),\n"
    "tables AS (\n"
    "  SELECT 'table'::text AS kind, pg_catalog.format('%I.%I', n.nspname, c.relname) AS name,\n"
    "         c.relpages::numeric AS pages, c.reltuples::numeric AS tuples,\n"
    "         COALESCE((SELECT pg_catalog.split_part(o, '=', 2)::numeric FROM pg_catalog.unnest(c.reloptions) o\n"
    "                   WHERE o LIKE 'fillfactor=%'), 100) AS fill,\n"
    "         24 + 4 + 8 * ceil(COALESCE(pg_catalog.sum(s.avg_width), 0) / 8.0) AS row_bytes, 24 AS page_overhead\n"
    "  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "  JOIN pg_catalog.pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname\n"
    "  WHERE c.relkind = 'r' AND " USER_SCHEMAS "\n"
    "  GROUP BY n.nspname, c.relname, c.relpages, c.reltuples, c.reloptions\n"
    "),\n"
    "indexes AS (\n"
    "  SELECT 'index'::text, pg_catalog.format('%I.%I', n.nspname, ic.relname),\n"
    "         ic.relpages::numeric, ic.reltuples::numeric, 90,\n"
    "         8 + 4 + 8 * ceil(COALESCE(pg_catalog.sum(s.avg_width), 0) / 8.0), 24 + 16\n"
    "  FROM pg_catalog.pg_index i\n"
    "  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid\n"
    "  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid\n"
    "  JOIN pg_catalog.pg_am am ON am.oid = ic.relam AND am.amname = 'btree'\n"
    "  JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace\n"
    "  JOIN pg_catalog.pg_attribute a ON a.attrelid = ic.oid AND a.attnum > 0\n"
    "  LEFT JOIN pg_catalog.pg_stats s ON s.schemaname = n.nspname AND s.attname = a.attname\n"
    "       AND s.tablename IN (t.relname, ic.relname)\n"
    "  WHERE " USER_SCHEMAS "\n"
    "  GROUP BY n.nspname, ic.relname, ic.relpages, ic.reltuples\n"
    "),\n"
    "estimates AS (\n"
    "  SELECT kind, name, pages,\n"
    "         ceil(tuples * row_bytes / ((bs - page_overhead) * fill / 100)) + (kind = 'index')::int AS needed\n"
    "  FROM (SELECT * FROM tables UNION ALL SELECT * FROM indexes) r, settings\n"
    "  WHERE tuples > 0\n"
    ")\n"
    "SELECT kind AS \"Kind\", name AS \"Name\",\n"
    "       pg_catalog.round(pages / GREATEST(needed, 1), 1) AS \"Bloat (ratio)\",\n"
    "       SIZE(((pages - needed) * (SELECT bs FROM settings))::bigint) AS \"Wasted\"\n"
    "FROM estimates\n"
    "WHERE pages > needed\n"
    "ORDER BY (pages - needed) DESC, 2 LIMIT 50";

/* the autovacuum thresholds of a table: its own storage parameters, else the server's settings */
#define RELOPTION(name, type)                                                                           \
    "COALESCE((SELECT pg_catalog.split_part(o, '=', 2)::" type " FROM pg_catalog.unnest(c.reloptions) o " \
    "WHERE o LIKE '" name "=%'), pg_catalog.current_setting('" name "')::" type ")"

static const char vacuum_head_sql[] =
    "SELECT pg_catalog.format('%I.%I', s.schemaname, s.relname) AS \"Table\",\n"
    "       GREATEST(s.last_vacuum, s.last_autovacuum) AS \"Last vacuum\",\n"
    "       GREATEST(s.last_analyze, s.last_autoanalyze) AS \"Last analyze\",\n"
    "       s.n_live_tup AS \"Rows\", s.n_dead_tup AS \"Dead rows\",\n"
    "       (" RELOPTION("autovacuum_vacuum_threshold", "bigint") " + " RELOPTION("autovacuum_vacuum_scale_factor",
                                                                                     "float8") "\n"
    "          * GREATEST(c.reltuples, 0))::bigint AS \"Autovacuum at\",\n";

static const char vacuum_inserts_sql[] =
    "       s.n_ins_since_vacuum AS \"Inserted since vacuum\",\n"
    "       (" RELOPTION("autovacuum_vacuum_insert_threshold", "bigint") " + "
    RELOPTION("autovacuum_vacuum_insert_scale_factor", "float8") "\n"
    "          * GREATEST(c.reltuples, 0))::bigint AS \"Insert autovacuum at\",\n";

static const char vacuum_tail_sql[] =
    "       pg_catalog.age(c.relfrozenxid) AS \"Transaction ID age\"\n"
    "FROM pg_catalog.pg_stat_user_tables s JOIN pg_catalog.pg_class c ON c.oid = s.relid\n"
    "ORDER BY s.n_dead_tup DESC, 1";

static const char locks_sql[] =
    "SELECT l.pid AS \"PID\", a.usename AS \"User\",\n"
    "       CASE WHEN l.relation IS NOT NULL THEN l.relation::pg_catalog.regclass::text ELSE l.locktype END\n"
    "         AS \"Object\",\n"
    "       l.mode AS \"Mode\", l.granted AS \"Granted\",\n"
    "       DURATION(pg_catalog.now() - a.query_start) AS \"Query age\", a.state AS \"State\",\n"
    "       a.query AS \"Query\"\n"
    "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid\n"
    "WHERE l.pid <> pg_catalog.pg_backend_pid() AND a.datname = pg_catalog.current_database()\n"
    "  AND l.locktype <> 'virtualxid'\n"
    "ORDER BY l.granted, a.query_start, l.pid";

static const char blocking_sql[] =
    "SELECT blocked.pid AS \"Blocked PID\", blocked.usename AS \"Blocked user\",\n"
    "       DURATION(pg_catalog.now() - blocked.query_start) AS \"Waiting\",\n"
    "       blocked.query AS \"Blocked query\",\n"
    "       blocker.pid AS \"Blocking PID\", blocker.usename AS \"Blocking user\",\n"
    "       blocker.state AS \"Blocking state\", blocker.query AS \"Blocking query\"\n"
    "FROM pg_catalog.pg_stat_activity blocked\n"
    "CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.pg_blocking_pids(blocked.pid)) AS b(pid)\n"
    "JOIN pg_catalog.pg_stat_activity blocker ON blocker.pid = b.pid\n"
    "WHERE blocked.datname = pg_catalog.current_database()\n"
    "ORDER BY blocked.query_start, 1, 5";

typedef struct Report {
    const char *name;
    const char *part;           /* for reports of several parts, NULL otherwise */
    const char *title;
    char *(*sql)(int version);  /* for SQL that depends on the version */
    const char *fixed_sql;
    const char *footer;
} Report;

static char *tables_sql(int version)
{
    return xstrdup(version >= 140000 ? tables_sql_14 : tables_sql_10);
}

/* PostgreSQL 13 added autovacuum on inserts */
static char *vacuum_sql(int version)
{
    return xasprintf("%s%s%s", vacuum_head_sql, version >= 130000 ? vacuum_inserts_sql : "", vacuum_tail_sql);
}

static const Report reports[] = {
    {"cache", "ratios", "Cache hit ratios", NULL, cache_sql, "Since the statistics were last reset."},
    {"cache", "tables", "Tables read most from disk", NULL, cache_tables_sql, NULL},
    {"indexes", "usage", "Index use by table", NULL, index_usage_sql, NULL},
    {"indexes", "unused", "Unused indexes", NULL, unused_indexes_sql,
     "Never scanned since the statistics were last reset (unique and constraint indexes left out)."},
    {"indexes", "duplicate", "Duplicate indexes", NULL, duplicate_indexes_sql, NULL},
    {"tables", NULL, "Tables", tables_sql, NULL, NULL},
    {"bloat", NULL, "Estimated bloat", NULL, bloat_sql,
     "Estimated from the planner's statistics: run ANALYZE for better figures."},
    {"vacuum", NULL, "Vacuum", vacuum_sql, NULL, NULL},
    {"locks", NULL, "Locks", NULL, locks_sql, NULL},
    {"blocking", NULL, "Blocking queries", NULL, blocking_sql, NULL},
};

const char *stats_report_names(void)
{
    return "cache, indexes, tables, bloat, vacuum, locks, blocking";
}

static bool run_report(Session *s, const Report *r)
{
    char *sql = r->sql ? r->sql(dash_server_version(s)) : xstrdup(r->fixed_sql);
    bool ok = stats_print_query(s, sql, r->title, r->footer);
    free(sql);
    return ok;
}

/* the parts of a report, for messages: "usage, unused, duplicate" */
static char *parts_of(const char *name)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++)
        if (strcmp(reports[i].name, name) == 0 && reports[i].part)
            sb_printf(&sb, "%s%s", sb.len ? ", " : "", reports[i].part);
    return sb_steal(&sb);
}

bool stats_report(Session *s, const char *name, const char *part, bool *known)
{
    bool found = false, ok = true;
    for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++)
        found |= strcmp(reports[i].name, name) == 0;
    *known = found;
    if (!found)
        return false;
    if (!dash_require_sql(s, "stats", MIN_VERSION))
        return false;
    bool ran = false;
    for (size_t i = 0; i < sizeof reports / sizeof reports[0] && ok; i++) {
        const Report *r = &reports[i];
        if (strcmp(r->name, name) != 0 || (part && (!r->part || strcmp(r->part, part) != 0)))
            continue;
        ok = run_report(s, r);
        ran = true;
    }
    if (!ran) {
        char *parts = parts_of(name);
        if (*parts)
            log_error("\\stats %s: unknown part \"%s\": %s", name, part, parts);
        else
            log_error("\\stats %s takes no argument", name);
        free(parts);
        return false;
    }
    return ok;
}
