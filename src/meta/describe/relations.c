/*
 * \d and its relation listings: \d NAME describes each matching relation,
 * \d without a name and \dt \di \dv \dm \ds \dE (in any mix) list relations,
 * \dP lists partitioned tables and indexes.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/cancel.h"
#include "meta/describe/describe.h"
#include "meta/describe/relations.h"
#include "util/log.h"
#include "util/strbuf.h"

/* ---- \d NAME ---- */

/* with a pattern, S changes nothing: system relations match when named */
static bool describe_table_details(Session *s, const char *pattern, bool verbose)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n"
                    "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n");
    if (!describe_validate_pattern(s, &sql, pattern, false, false, "n.nspname", "c.relname", NULL,
                                   "pg_catalog.pg_table_is_visible(c.oid)", NULL, 3)) {
        sb_free(&sql);
        return false;
    }
    sb_append(&sql, "ORDER BY 2, 3;");
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;
    bool ok = PQntuples(res) > 0;
    if (!ok && !s->quiet)
        log_error("Did not find any relation named \"%s\".", pattern);
    for (int i = 0; ok && i < PQntuples(res); i++) {
        ok = relation_describe_one(s, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
                                   verbose);
        if (cancel_was_pressed())
            ok = false;
    }
    PQclear(res);
    return ok;
}

/* ---- \dt \di \dv \dm \ds \dE ---- */

/* a listable kind: its letter in the command and the relkinds it shows */
typedef struct ListedKind {
    char letter;
    const char *relkinds;
} ListedKind;

/* indexes into listed_kinds */
enum { LIST_TABLES, LIST_VIEWS, LIST_MATVIEWS, LIST_INDEXES, LIST_SEQUENCES, LIST_FOREIGN };

/* in psql's order of the relkind IN list; TOAST tables and 's' only with S or a pattern */
static const ListedKind listed_kinds[] = {
    {'t', "'r','p',"},
    {'v', "'v',"},
    {'m', "'m',"},
    {'i', "'i','I',"},
    {'s', "'S',"},
    {'E', "'f',"},
};

#define NKINDS (sizeof listed_kinds / sizeof listed_kinds[0])

static void append_relkind_list(StrBuf *sql, const bool *show, bool system_or_pattern)
{
    sb_append(sql, "\nWHERE c.relkind IN (");
    for (size_t k = 0; k < NKINDS; k++) {
        if (show[k])
            sb_append(sql, listed_kinds[k].relkinds);
        if (show[k] && k == LIST_TABLES && system_or_pattern)
            sb_append(sql, "'t',");
        /* the old "special" relkind, after sequences */
        if (k == LIST_SEQUENCES && system_or_pattern)
            sb_append(sql, "'s',");
    }
    sb_append(sql, "'')\n");
}

static void append_list_columns(StrBuf *sql, const bool *show, bool verbose, bool with_am)
{
    sb_append(sql, "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n"
                   "  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                   "WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN "
                   "'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "
                   "\"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"");
    if (show[LIST_INDEXES])
        sb_append(sql, ",\n  c2.relname as \"Table\"");
    if (!verbose)
        return;
    sb_append(sql, ",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' "
                   "WHEN 'u' THEN 'unlogged' END as \"Persistence\"");
    if (with_am)
        sb_append(sql, ",\n  am.amname as \"Access method\"");
    sb_append(sql, ",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as \"Size\""
                   ",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\"");
}

static bool list_tables(Session *s, const char *types, const char *pattern, bool verbose, bool system)
{
    bool show[NKINDS], any = false;
    for (size_t k = 0; k < NKINDS; k++) {
        show[k] = strchr(types, listed_kinds[k].letter) != NULL;
        any = any || show[k];
    }
    /* no kind named: all but indexes */
    if (!any)
        for (size_t k = 0; k < NKINDS; k++)
            show[k] = k != LIST_INDEXES;
    /* tables, materialized views and indexes have access methods */
    bool with_am = s->sversion >= 120000 && !s->hide_tableam && (show[LIST_TABLES] || show[LIST_MATVIEWS] || show[LIST_INDEXES]);

    StrBuf sql = STRBUF_INIT;
    append_list_columns(&sql, show, verbose, with_am);
    sb_append(&sql, "\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace");
    if (with_am)
        sb_append(&sql, "\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam");
    if (show[LIST_INDEXES])
        sb_append(&sql, "\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                        "\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid");
    append_relkind_list(&sql, show, system || pattern);
    if (!system && !pattern)
        sb_append(&sql, "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n"
                        "      AND n.nspname <> 'information_schema'\n");
    if (!describe_validate_pattern(s, &sql, pattern, true, false, "n.nspname", "c.relname", NULL,
                                   "pg_catalog.pg_table_is_visible(c.oid)", NULL, 3)) {
        sb_free(&sql);
        return false;
    }
    sb_append(&sql, "ORDER BY 1,2;");
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;
    /* unlike most listings, an empty one is a message (unless quiet) */
    if (PQntuples(res) == 0 && !s->quiet) {
        if (pattern)
            log_error("Did not find any relation named \"%s\".", pattern);
        else
            log_error("Did not find any relations.");
    } else {
        ListingPrint spec = {.title = "List of relations"};
        listing_print_result(s, res, &spec);
    }
    PQclear(res);
    return true;
}

/* ---- \dP ---- */

static void append_partition_sizes(StrBuf *sql, int sversion)
{
    if (sversion < 120000)
        sb_append(sql, ",\n     LATERAL (WITH RECURSIVE d\n"
                       "                AS (SELECT inhrelid AS oid, 1 AS level\n"
                       "                      FROM pg_catalog.pg_inherits\n"
                       "                     WHERE inhparent = c.oid\n"
                       "                    UNION ALL\n"
                       "                    SELECT inhrelid, level + 1\n"
                       "                      FROM pg_catalog.pg_inherits i\n"
                       "                           JOIN d ON i.inhparent = d.oid)\n"
                       "                SELECT pg_catalog.pg_size_pretty(sum(pg_catalog.pg_table_size(d.oid))) AS tps,\n"
                       "                       pg_catalog.pg_size_pretty(sum(\n"
                       "             CASE WHEN d.level = 1 THEN pg_catalog.pg_table_size(d.oid) ELSE 0 END)) AS dps\n"
                       "               FROM d) s");
    else
        sb_append(sql, ",\n     LATERAL (SELECT pg_catalog.pg_size_pretty(sum(\n"
                       "                 CASE WHEN ppt.isleaf AND ppt.level = 1\n"
                       "                      THEN pg_catalog.pg_table_size(ppt.relid) ELSE 0 END)) AS dps,\n"
                       "                     pg_catalog.pg_size_pretty(sum(pg_catalog.pg_table_size(ppt.relid))) AS tps\n"
                       "              FROM pg_catalog.pg_partition_tree(c.oid) ppt) s");
}

typedef struct PartitionedList {
    bool tables, indexes, nested, verbose;
    const char *pattern;
} PartitionedList;

static void append_partitioned_columns(StrBuf *sql, const PartitionedList *p)
{
    sb_append(sql, "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n"
                   "  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"");
    if (p->tables && p->indexes)
        sb_append(sql, ",\n  CASE c.relkind WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' "
                       "END as \"Type\"");
    if (p->nested || p->pattern)
        sb_append(sql, ",\n  inh.inhparent::pg_catalog.regclass as \"Parent name\"");
    if (p->indexes)
        sb_append(sql, ",\n c2.oid::pg_catalog.regclass as \"Table\"");
    if (p->verbose) {
        if (p->nested)
            sb_append(sql, ",\n  s.dps as \"Leaf partition size\"");
        sb_append(sql, ",\n  s.tps as \"Total size\""
                       ",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\"");
    }
}

static bool build_partitioned_query(Session *s, StrBuf *sql, const PartitionedList *p)
{
    append_partitioned_columns(sql, p);
    sb_append(sql, "\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace");
    if (p->indexes)
        sb_append(sql, "\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
                       "\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid");
    if (p->nested || p->pattern)
        sb_append(sql, "\n     LEFT JOIN pg_catalog.pg_inherits inh ON c.oid = inh.inhrelid");
    if (p->verbose)
        append_partition_sizes(sql, s->sversion);
    sb_printf(sql, "\nWHERE c.relkind IN (%s%s'')\n", p->tables ? "'p'," : "", p->indexes ? "'I'," : "");
    if (!p->nested && !p->pattern)
        sb_append(sql, " AND NOT c.relispartition\n");
    if (!p->pattern)
        sb_append(sql, "      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n"
                       "      AND n.nspname <> 'information_schema'\n");
    if (!describe_validate_pattern(s, sql, p->pattern, true, false, "n.nspname", "c.relname", NULL,
                                   "pg_catalog.pg_table_is_visible(c.oid)", NULL, 3))
        return false;
    sb_printf(sql, "ORDER BY \"Schema\", %s%s\"Name\";", p->tables && p->indexes ? "\"Type\" DESC, " : "",
              p->nested || p->pattern ? "\"Parent name\" NULLS FIRST, " : "");
    return true;
}

static bool list_partitioned_tables(Session *s, const char *types, const char *pattern, bool verbose)
{
    if (s->sversion < 100000) {
        log_error("The server (version %d.%d) does not support declarative table partitioning.",
                  s->sversion / 10000, (s->sversion / 100) % 100);
        return true;
    }
    PartitionedList p = {
        .tables = strchr(types, 't') != NULL,
        .indexes = strchr(types, 'i') != NULL,
        .nested = strchr(types, 'n') != NULL,
        .verbose = verbose,
        .pattern = pattern,
    };
    if (!p.tables && !p.indexes)
        p.tables = p.indexes = true;
    StrBuf sql = STRBUF_INIT;
    if (!build_partitioned_query(s, &sql, &p)) {
        sb_free(&sql);
        return false;
    }
    ListingPrint spec = {
        .title = !p.tables ? "List of partitioned indexes"
                 : !p.indexes ? "List of partitioned tables" : "List of partitioned relations",
    };
    bool ok = describe_list(s, sql.data, &spec);
    sb_free(&sql);
    return ok;
}

/* ---- dispatch ---- */

static MetaResult status(bool ok)
{
    return ok ? META_SKIP_LINE : META_ERROR;
}

/* \d, \d+, \dS, \dS+: psql looks only at the letter after "d" */
static MetaResult cmd_d(DescribeCtx *d)
{
    /* \z is \dp's old name, not \d's */
    if (d->cmd[0] != 'd' || !strchr("+S", d->rest[0]))
        return META_UNKNOWN;
    if (d->pattern)
        return status(describe_table_details(d->s, d->pattern, d->verbose));
    return status(list_tables(d->s, "tvmsE", NULL, d->verbose, d->system));
}

/* psql reads the kinds from every letter after "d" and ignores the ones it does not know */
static MetaResult cmd_list(DescribeCtx *d)
{
    return status(list_tables(d->s, d->cmd + 1, d->pattern, d->verbose, d->system));
}

static MetaResult cmd_dP(DescribeCtx *d)
{
    if (!strchr("+tin", d->rest[0]))
        return META_UNKNOWN;
    return status(list_partitioned_tables(d->s, d->rest, d->pattern, d->verbose));
}

const DescribeCommand describe_relation_commands[] = {
    {"", cmd_d,
     META_HELP({HELP_INFORMATIONAL, 1, .usage = "\\d[S+]", .text = "list tables, views, and sequences"},
               {HELP_INFORMATIONAL, 2, .usage = "\\d[S+]  NAME",
                .text = "describe table, view, sequence, or index"})},
    {"t", cmd_list,
     META_HELP({HELP_INFORMATIONAL, 40, .usage = "\\dt[S+] [PATTERN]", .text = "list tables"})},
    {"i", cmd_list,
     META_HELP({HELP_INFORMATIONAL, 27, .usage = "\\di[S+] [PATTERN]", .text = "list indexes"})},
    {"v", cmd_list,
     META_HELP({HELP_INFORMATIONAL, 43, .usage = "\\dv[S+] [PATTERN]", .text = "list views"})},
    {"m", cmd_list,
     META_HELP({HELP_INFORMATIONAL, 30, .usage = "\\dm[S+] [PATTERN]", .text = "list materialized views"})},
    {"s", cmd_list,
     META_HELP({HELP_INFORMATIONAL, 39, .usage = "\\ds[S+] [PATTERN]", .text = "list sequences"})},
    {"E", cmd_list,
     META_HELP({HELP_INFORMATIONAL, 16, .usage = "\\dE[S+] [PATTERN]", .text = "list foreign tables"})},
    {"P", cmd_dP,
     META_HELP({HELP_INFORMATIONAL, 35, .usage = "\\dP[itn+] [PATTERN]",
                .text = "list [only index/table] partitioned relations [n=nested]"})},
    {.letters = NULL},
};
