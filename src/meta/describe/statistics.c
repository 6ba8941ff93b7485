/*
 * \dX: extended statistics objects, with the kinds each one was created for.  psql 15
 * has no verbose form: \dX+ lists the same columns.
 */
#include "meta/describe/catalog_query.h"
#include "meta/describe/describe.h"

/* the schema as text, so that patterns and sorting see the name rather than the OID */
#define STATS_SCHEMA "es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text"

static const QueryPiece extended_stats_sql[] = {
    PIECE("SELECT \n" STATS_SCHEMA " AS \"Schema\", \nes.stxname AS \"Name\", \n"),
    /* expressions in statistics came with 14, and with them the function that prints them */
    PIECE_SINCE(140000, "pg_catalog.format('%s FROM %s', \n"
                        "  pg_catalog.pg_get_statisticsobjdef_columns(es.oid), \n"
                        "  es.stxrelid::pg_catalog.regclass) AS \"Definition\""),
    PIECE_BEFORE(140000, "pg_catalog.format('%s FROM %s', \n"
                         "  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname),', ') \n"
                         "   FROM pg_catalog.unnest(es.stxkeys) s(attnum) \n"
                         "   JOIN pg_catalog.pg_attribute a \n"
                         "   ON (es.stxrelid = a.attrelid \n"
                         "   AND a.attnum = s.attnum \n"
                         "   AND NOT a.attisdropped)), \n"
                         "es.stxrelid::pg_catalog.regclass) AS \"Definition\""),
    PIECE(",\nCASE WHEN 'd' = any(es.stxkind) THEN 'defined' \n"
          "END AS \"Ndistinct\", \n"
          "CASE WHEN 'f' = any(es.stxkind) THEN 'defined' \n"
          "END AS \"Dependencies\""),
    PIECE_SINCE(120000, ",\nCASE WHEN 'm' = any(es.stxkind) THEN 'defined' \nEND AS \"MCV\" "),
    PIECE(" \nFROM pg_catalog.pg_statistic_ext es \n"),
    PIECE_END,
};

static const CatalogQuery extended_stats_list = {
    .min_server = 100000,
    .feature = "extended statistics",
    .pieces = extended_stats_sql,
    .pattern = {false, STATS_SCHEMA, "es.stxname", NULL, "pg_catalog.pg_statistics_obj_is_visible(es.oid)", 3},
    .order_by = "ORDER BY 1, 2;",
    .title = "List of extended statistics",
};

static MetaResult cmd_extended_stats(DescribeCtx *d)
{
    return catalog_list(d, &extended_stats_list);
}

/* like psql, whatever follows X (\dX+, \dXS) is ignored */
const DescribeCommand describe_statistics_commands[] = {
    {"X", cmd_extended_stats},
    {NULL, NULL},
};
