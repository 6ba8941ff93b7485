#include "meta/describe/query_spec.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/log.h"

void query_spec_args(const DescribeCtx *d, const char *second, QueryArgs *a)
{
    a->pattern[0] = d->pattern;
    a->pattern[1] = second;
    a->verbose = d->verbose;
    a->system = d->system;
    a->sversion = d->s->sversion;
}

static bool step_applies(const QueryStep *st, const QueryArgs *a)
{
    unsigned w = st->when;
    const char *first = a->pattern[0];
    if (((w & QS_VERBOSE) && !a->verbose) || ((w & QS_TERSE) && a->verbose))
        return false;
    if ((w & QS_HIDE_SYSTEM) && (a->system || first))
        return false;
    if (((w & QS_PATTERN) && !first) || ((w & QS_NO_PATTERN) && first))
        return false;
    if ((w & QS_SECOND) && !a->pattern[1])
        return false;
    if ((w & QS_NO_ARRAY) && first && strstr(first, "[]"))
        return false;
    if ((st->since && a->sversion < st->since) || (st->before && a->sversion >= st->before))
        return false;
    return true;
}

/*
 * Names psql accepts for types although neither pg_type nor format_type spells
 * them that way, and array spellings whose canonical name differs.
 */
static const char *const type_name_map[][2] = {
    {"decimal", "numeric"},
    {"float", "double precision"},
    {"int", "integer"},
    {"bool[]", "boolean[]"},
    {"decimal[]", "numeric[]"},
    {"float[]", "double precision[]"},
    {"float4[]", "real[]"},
    {"float8[]", "double precision[]"},
    {"int[]", "integer[]"},
    {"int2[]", "smallint[]"},
    {"int4[]", "integer[]"},
    {"int8[]", "bigint[]"},
    {"time[]", "time without time zone[]"},
    {"timetz[]", "time with time zone[]"},
    {"timestamp[]", "timestamp without time zone[]"},
    {"timestamptz[]", "timestamp with time zone[]"},
    {"varbit[]", "bit varying[]"},
    {"varchar[]", "character varying[]"},
};

const char *query_spec_map_type_name(const char *pattern)
{
    if (!pattern)
        return NULL;
    for (size_t i = 0; i < sizeof(type_name_map) / sizeof(type_name_map[0]); i++)
        if (strcasecmp(pattern, type_name_map[i][0]) == 0)
            return type_name_map[i][1];
    return pattern;
}

static bool pattern_step(Session *s, StrBuf *sql, const NamePattern *p, const QueryArgs *a, bool *have_where)
{
    const char *pattern = a->pattern[p->arg];
    if (p->map_type)
        pattern = query_spec_map_type_name(pattern);
    bool added = false;
    if (p->maxparts == 0)
        added = describe_pattern_clause(s, sql, pattern, *have_where, p->force_escape, p->schemavar, p->namevar,
                                        p->altnamevar, p->visibility, NULL, NULL);
    else if (!describe_validate_pattern(s, sql, pattern, *have_where, p->force_escape, p->schemavar, p->namevar,
                                        p->altnamevar, p->visibility, &added, p->maxparts))
        return false;
    if (added)
        *have_where = true;
    return true;
}

bool query_spec_build(Session *s, const QueryStep *steps, const QueryArgs *a, StrBuf *sql)
{
    bool have_where = false;
    for (const QueryStep *st = steps; st->kind != QK_END; st++) {
        if (!step_applies(st, a))
            continue;
        if (st->kind == QK_PATTERN) {
            if (!pattern_step(s, sql, st->pattern, a, &have_where))
                return false;
        } else if (st->kind == QK_AND_OR_WHERE) {
            sb_append(sql, have_where ? "AND" : "WHERE");
        } else {
            sb_append(sql, st->text);
            if (st->where == QW_OPENS)
                have_where = true;
            else if (st->where == QW_RESETS)
                have_where = false;
        }
    }
    return true;
}

PGresult *query_spec_exec(Session *s, const QueryStep *steps, const QueryArgs *a)
{
    StrBuf sql = STRBUF_INIT;
    PGresult *res = query_spec_build(s, steps, a, &sql) ? describe_exec(s, sb_str(&sql)) : NULL;
    sb_free(&sql);
    return res;
}

MetaResult query_spec_list(DescribeCtx *d, const QuerySpec *spec, const char *second)
{
    /* psql counts an old server as a success: the message is all there is to say */
    if (!query_spec_supported(d->s, spec->min_server, spec->feature))
        return META_SKIP_LINE;
    QueryArgs a;
    query_spec_args(d, second, &a);
    StrBuf sql = STRBUF_INIT;
    bool ok = query_spec_build(d->s, spec->steps, &a, &sql);
    if (ok) {
        ListingPrint print = {.title = d->pattern && spec->title_for_pattern ? spec->title_for_pattern : spec->title};
        ok = describe_list(d->s, sb_str(&sql), &print);
    }
    sb_free(&sql);
    return query_spec_status(ok);
}

void query_spec_server_major(int sversion, char *buf, size_t size)
{
    if (sversion >= 100000)
        snprintf(buf, size, "%d", sversion / 10000);
    else
        snprintf(buf, size, "%d.%d", sversion / 10000, (sversion / 100) % 100);
}

bool query_spec_supported(Session *s, int min_server, const char *feature)
{
    /* without a connection the version is unknown: the query itself reports the missing connection */
    if (!min_server || !s->db || s->sversion >= min_server)
        return true;
    char version[32];
    query_spec_server_major(s->sversion, version, sizeof version);
    log_error("The server (version %s) does not support %s.", version, feature);
    return false;
}

void query_spec_print_counted(Session *s, const PGresult *res, const char *title)
{
    /* the describe options start from the session's, so the override lives there for the call */
    bool saved = s->popt.default_footer;
    s->popt.default_footer = true;
    ListingPrint print = {.title = title};
    listing_print_result(s, res, &print);
    s->popt.default_footer = saved;
}

MetaResult query_spec_status(bool ok)
{
    return ok ? META_SKIP_LINE : META_ERROR;
}
