/*
 * \dX: extended statistics objects, with the kinds each one was created for.  psql 15
 * has no verbose form: \dX+ lists the same columns.
 */
#include "meta/describe/describe.h"
#include "meta/describe/query_spec.h"

/* the schema as text, so that patterns and sorting see the name rather than the OID */
#define STATS_SCHEMA "es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text"

static const NamePattern extended_stats_name = {
    .schemavar = STATS_SCHEMA,
    .namevar = "es.stxname",
    .visibility = "pg_catalog.pg_statistics_obj_is_visible(es.oid)",
    .maxparts = 3,
};

static const QueryStep extended_stats_steps[] = {
    Q_TEXT("SELECT \n" STATS_SCHEMA " AS \"Schema\", \nes.stxname AS \"Name\", \n"),
    /* expressions in statistics came with 14, and with them the function that prints them */
    Q_SINCE(140000, 0, "pg_catalog.format('%s FROM %s', \n"
                       "  pg_catalog.pg_get_statisticsobjdef_columns(es.oid), \n"
                       "  es.stxrelid::pg_catalog.regclass) AS \"Definition\""),
    Q_BEFORE(140000, 0, "pg_catalog.format('%s FROM %s', \n"
                        "  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname),', ') \n"
                        "   FROM pg_catalog.unnest(es.stxkeys) s(attnum) \n"
                        "   JOIN pg_catalog.pg_attribute a \n"
                        "   ON (es.stxrelid = a.attrelid \n"
                        "   AND a.attnum = s.attnum \n"
                        "   AND NOT a.attisdropped)), \n"
                        "es.stxrelid::pg_catalog.regclass) AS \"Definition\""),
    Q_TEXT(",\nCASE WHEN 'd' = any(es.stxkind) THEN 'defined' \n"
           "END AS \"Ndistinct\", \n"
           "CASE WHEN 'f' = any(es.stxkind) THEN 'defined' \n"
           "END AS \"Dependencies\""),
    Q_SINCE(120000, 0, ",\nCASE WHEN 'm' = any(es.stxkind) THEN 'defined' \nEND AS \"MCV\" "),
    Q_TEXT(" \nFROM pg_catalog.pg_statistic_ext es \n"),
    Q_PATTERN(0, extended_stats_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec extended_stats_list = {
    .steps = extended_stats_steps,
    .title = "List of extended statistics",
    .min_server = 100000,
    .feature = "extended statistics",
};

static MetaResult cmd_extended_stats(DescribeCtx *d)
{
    return query_spec_list(d, &extended_stats_list, NULL);
}

/* like psql, whatever follows X (\dX+, \dXS) is ignored */
const DescribeCommand describe_statistics_commands[] = {
    {"X", cmd_extended_stats,
     META_HELP({HELP_INFORMATIONAL, 45, .usage = "\\dX     [PATTERN]", .text = "list extended statistics"})},
    {.letters = NULL},
};
