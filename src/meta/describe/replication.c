/*
 * Logical replication: \dRp lists publications, \dRp+ describes each one with the
 * tables and schemas it publishes, \dRs[+] lists the subscriptions of the current
 * database.
 */
#include <stdlib.h>
#include <string.h>

#include "meta/describe/describe.h"
#include "meta/describe/query_spec.h"
#include "print/table.h"
#include "util/log.h"
#include "util/strbuf.h"

/* publications and subscriptions came with PostgreSQL 10 */
#define LOGICAL_REPLICATION_SINCE 100000

static const NamePattern publication_name = {.namevar = "pubname", .maxparts = 1};

static const QueryStep publication_list_steps[] = {
    Q_TEXT("SELECT pubname AS \"Name\",\n"
           "  pg_catalog.pg_get_userbyid(pubowner) AS \"Owner\",\n"
           "  puballtables AS \"All tables\",\n"
           "  pubinsert AS \"Inserts\",\n"
           "  pubupdate AS \"Updates\",\n"
           "  pubdelete AS \"Deletes\""),
    Q_SINCE(110000, 0, ",\n  pubtruncate AS \"Truncates\""),
    Q_SINCE(130000, 0, ",\n  pubviaroot AS \"Via root\""),
    Q_TEXT("\nFROM pg_catalog.pg_publication\n"),
    Q_PATTERN(0, publication_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec publication_list = {
    .steps = publication_list_steps,
    .title = "List of publications",
    .min_server = LOGICAL_REPLICATION_SINCE,
    .feature = "publications",
};

/* \dRp+: the publications to describe; older servers get constant columns in their place */
static const QueryStep publication_find_steps[] = {
    Q_TEXT("SELECT oid, pubname,\n"
           "  pg_catalog.pg_get_userbyid(pubowner) AS owner,\n"
           "  puballtables, pubinsert, pubupdate, pubdelete"),
    Q_SINCE(110000, 0, ", pubtruncate"),
    Q_BEFORE(110000, 0, ", false AS pubtruncate"),
    Q_SINCE(130000, 0, ", pubviaroot"),
    Q_BEFORE(130000, 0, ", false AS pubviaroot"),
    Q_TEXT("\nFROM pg_catalog.pg_publication\n"),
    Q_PATTERN(0, publication_name),
    Q_TEXT("ORDER BY 2;"),
    Q_END,
};

/* the columns of a publication's table: header, column in the find query, first server */
static const struct {
    const char *header;
    int column;
    int since;
} publication_columns[] = {
    {"Owner", 2, 0},
    {"All tables", 3, 0},
    {"Inserts", 4, 0},
    {"Updates", 5, 0},
    {"Deletes", 6, 0},
    {"Truncates", 7, 110000},
    {"Via root", 8, 130000},
};
#define N_PUBLICATION_COLUMNS (sizeof publication_columns / sizeof publication_columns[0])

static const NamePattern subscription_name = {.namevar = "subname", .maxparts = 1};

static const QueryStep subscription_steps[] = {
    Q_TEXT("SELECT subname AS \"Name\"\n"
           ",  pg_catalog.pg_get_userbyid(subowner) AS \"Owner\"\n"
           ",  subenabled AS \"Enabled\"\n"
           ",  subpublications AS \"Publication\"\n"),
    Q_SINCE(140000, QS_VERBOSE, ", subbinary AS \"Binary\"\n"
                                ", substream AS \"Streaming\"\n"),
    Q_SINCE(150000, QS_VERBOSE, ", subtwophasestate AS \"Two-phase commit\"\n"
                                ", subdisableonerr AS \"Disable on error\"\n"),
    Q_IF(QS_VERBOSE, ",  subsynccommit AS \"Synchronous commit\"\n"
                     ",  subconninfo AS \"Conninfo\"\n"),
    Q_SINCE(150000, QS_VERBOSE, ", subskiplsn AS \"Skip LSN\"\n"),
    /* subscriptions are shared objects: only those of the current database are shown */
    Q_OPEN(0, "FROM pg_catalog.pg_subscription\n"
              "WHERE subdbid = (SELECT oid\n"
              "                 FROM pg_catalog.pg_database\n"
              "                 WHERE datname = pg_catalog.current_database())"),
    Q_PATTERN(0, subscription_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec subscription_list = {
    .steps = subscription_steps,
    .title = "List of subscriptions",
    .min_server = LOGICAL_REPLICATION_SINCE,
    .feature = "subscriptions",
};

/*
 * Runs a footer query and adds its rows under heading (nothing at all when it returns
 * none).  Table rows are "schema.table" (columns) WHERE filter; schema rows the name.
 */
static bool add_publication_footer(Session *s, PrintTable *t, const char *sql, const char *heading, bool schemas)
{
    PGresult *res = describe_exec(s, sql);
    if (!res)
        return false;
    if (PQntuples(res) > 0)
        ptable_add_footer(t, heading);
    StrBuf line = STRBUF_INIT;
    for (int i = 0; i < PQntuples(res); i++) {
        sb_reset(&line);
        if (schemas) {
            sb_printf(&line, "    \"%s\"", PQgetvalue(res, i, 0));
        } else {
            sb_printf(&line, "    \"%s.%s\"", PQgetvalue(res, i, 0), PQgetvalue(res, i, 1));
            if (!PQgetisnull(res, i, 3))
                sb_printf(&line, " (%s)", PQgetvalue(res, i, 3));
            if (!PQgetisnull(res, i, 2))
                sb_printf(&line, " WHERE %s", PQgetvalue(res, i, 2));
        }
        ptable_add_footer(t, sb_str(&line));
    }
    sb_free(&line);
    PQclear(res);
    return true;
}

/* the "Tables:" and "Tables from schemas:" footers of a publication that is not FOR ALL TABLES */
static bool add_publication_contents(Session *s, PrintTable *t, const char *pubid)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT n.nspname, c.relname");
    if (s->sversion >= 150000)
        sb_append(&sql, ", pg_get_expr(pr.prqual, c.oid), (CASE WHEN pr.prattrs IS NOT NULL THEN\n"
                        "     pg_catalog.array_to_string(      ARRAY(SELECT attname\n"
                        "              FROM\n"
                        "                pg_catalog.generate_series(0, "
                        "pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n"
                        "                pg_catalog.pg_attribute\n"
                        "        WHERE attrelid = c.oid AND attnum = prattrs[s]), ', ')\n"
                        "       ELSE NULL END)");
    else
        sb_append(&sql, ", NULL, NULL");
    sb_printf(&sql, "\nFROM pg_catalog.pg_class c,\n     pg_catalog.pg_namespace n,\n"
                    "     pg_catalog.pg_publication_rel pr\nWHERE c.relnamespace = n.oid\n"
                    "  AND c.oid = pr.prrelid\n  AND pr.prpubid = '%s'\nORDER BY 1,2",
              pubid);
    bool ok = add_publication_footer(s, t, sb_str(&sql), "Tables:", false);
    if (ok && s->sversion >= 150000) {
        sb_reset(&sql);
        sb_printf(&sql, "SELECT n.nspname\nFROM pg_catalog.pg_namespace n\n"
                        "     JOIN pg_catalog.pg_publication_namespace pn ON n.oid = pn.pnnspid\n"
                        "WHERE pn.pnpubid = '%s'\nORDER BY 1",
                  pubid);
        ok = add_publication_footer(s, t, sb_str(&sql), "Tables from schemas:", true);
    }
    sb_free(&sql);
    return ok;
}

/* one publication's table: a single row of its flags, titled with its name */
static bool describe_one_publication(Session *s, const PGresult *res, int row)
{
    const char *headers[N_PUBLICATION_COLUMNS];
    const char *cells[N_PUBLICATION_COLUMNS];
    int ncols = 0;
    for (size_t i = 0; i < N_PUBLICATION_COLUMNS; i++) {
        if (s->sversion < publication_columns[i].since)
            continue;
        headers[ncols] = publication_columns[i].header;
        cells[ncols++] = PQgetvalue(res, row, publication_columns[i].column);
    }
    PrintTable t;
    ptable_init(&t, ncols, 1, headers, NULL, cells);
    StrBuf title = STRBUF_INIT;
    sb_printf(&title, "Publication %s", PQgetvalue(res, row, 1));
    ptable_set_title(&t, sb_str(&title));
    sb_free(&title);
    bool ok = true;
    if (strcmp(PQgetvalue(res, row, 3), "t") != 0)
        ok = add_publication_contents(s, &t, PQgetvalue(res, row, 0));
    if (ok) {
        /* psql prints this table with the plain settings: \t and \pset footer apply */
        ListingPrint spec = {.title = NULL, .keep_null_display = true};
        listing_print_table(s, &t, &spec);
    }
    ptable_free(&t);
    return ok;
}

static MetaResult describe_publications(DescribeCtx *d)
{
    if (!query_spec_supported(d->s, LOGICAL_REPLICATION_SINCE, "publications"))
        return META_SKIP_LINE;
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    PGresult *res = query_spec_exec(d->s, publication_find_steps, &a);
    if (!res)
        return META_ERROR;
    bool ok = PQntuples(res) > 0;
    if (!ok && !d->s->quiet) {
        if (d->pattern)
            log_error("Did not find any publication named \"%s\".", d->pattern);
        else
            log_error("Did not find any publications.");
    }
    for (int i = 0; ok && i < PQntuples(res); i++)
        ok = describe_one_publication(d->s, res, i);
    PQclear(res);
    return query_spec_status(ok);
}

static MetaResult cmd_publications(DescribeCtx *d)
{
    return d->verbose ? describe_publications(d) : query_spec_list(d, &publication_list, NULL);
}

static MetaResult cmd_subscriptions(DescribeCtx *d)
{
    return query_spec_list(d, &subscription_list, NULL);
}

/* like psql, letters after the kind (\dRpx) are ignored rather than refused */
const DescribeCommand describe_replication_commands[] = {
    {"Rp", cmd_publications,
     META_HELP({HELP_INFORMATIONAL, 37, .usage = "\\dRp[+] [PATTERN]", .text = "list replication publications"})},
    {"Rs", cmd_subscriptions,
     META_HELP({HELP_INFORMATIONAL, 38, .usage = "\\dRs[+] [PATTERN]", .text = "list replication subscriptions"})},
    {.letters = NULL},
};
