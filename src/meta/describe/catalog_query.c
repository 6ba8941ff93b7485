#include "meta/describe/catalog_query.h"

#include <stdio.h>

#include "util/log.h"

static bool piece_applies(const QueryPiece *p, int sversion, bool verbose)
{
    if (p->since && sversion < p->since)
        return false;
    if (p->before && sversion >= p->before)
        return false;
    if (p->when == PIECE_VERBOSE)
        return verbose;
    if (p->when == PIECE_TERSE)
        return !verbose;
    return true;
}

void catalog_append_pieces(StrBuf *sql, const QueryPiece *pieces, int sversion, bool verbose)
{
    for (const QueryPiece *p = pieces; p->text; p++)
        if (piece_applies(p, sversion, verbose))
            sb_append(sql, p->text);
}

/* psql names a release by its major version alone from 10 on, and by "9.6" before */
static void report_unsupported(int sversion, const char *feature)
{
    char version[32];
    if (sversion >= 100000)
        snprintf(version, sizeof version, "%d", sversion / 10000);
    else
        snprintf(version, sizeof version, "%d.%d", sversion / 10000, (sversion / 100) % 100);
    log_error("The server (version %s) does not support %s.", version, feature);
}

CatalogOutcome catalog_run(Session *s, const CatalogQuery *q, const char *pattern, bool verbose, PGresult **res)
{
    *res = NULL;
    if (q->min_server && s->db && s->sversion < q->min_server) {
        report_unsupported(s->sversion, q->feature);
        return CATALOG_UNSUPPORTED;
    }
    StrBuf sql = STRBUF_INIT;
    catalog_append_pieces(&sql, q->pieces, s->sversion, verbose);
    const NamePattern *np = &q->pattern;
    if (!describe_validate_pattern(s, &sql, pattern, np->have_where, false, np->schemavar, np->namevar,
                                   np->altnamevar, np->visibility, NULL, np->maxparts)) {
        sb_free(&sql);
        return CATALOG_FAILED;
    }
    sb_append(&sql, q->order_by);
    *res = describe_exec(s, sb_str(&sql));
    sb_free(&sql);
    return *res ? CATALOG_OK : CATALOG_FAILED;
}

MetaResult catalog_list(DescribeCtx *d, const CatalogQuery *q)
{
    PGresult *res;
    CatalogOutcome outcome = catalog_run(d->s, q, d->pattern, d->verbose, &res);
    if (outcome != CATALOG_OK)
        return catalog_status(outcome == CATALOG_UNSUPPORTED);
    DescribePrint spec = {.title = q->title};
    describe_print_result(d->s, res, &spec);
    PQclear(res);
    return META_SKIP_LINE;
}

void catalog_print_with_row_count(Session *s, const PGresult *res, const char *title)
{
    /* the describe options start from the session's, so the override lives there for the call */
    bool saved = s->popt.default_footer;
    s->popt.default_footer = true;
    DescribePrint spec = {.title = title};
    describe_print_result(s, res, &spec);
    s->popt.default_footer = saved;
}

MetaResult catalog_status(bool ok)
{
    return ok ? META_SKIP_LINE : META_ERROR;
}
