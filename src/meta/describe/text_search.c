/*
 * Text search objects: \dF (configurations), \dFd (dictionaries), \dFp (parsers) and
 * \dFt (templates).  \dF+ and \dFp+ describe each matching object in tables of its own
 * rather than listing them.
 */
#include <stdlib.h>
#include <string.h>

#include "exec/cancel.h"
#include "meta/describe/describe.h"
#include "meta/describe/query_spec.h"
#include "util/log.h"
#include "util/strbuf.h"

/* every text search object lives in a schema, joined as n */
#define TS_NAME(name, visible) {.schemavar = "n.nspname", .namevar = (name), .visibility = (visible), .maxparts = 3}

static const NamePattern config_name = TS_NAME("c.cfgname", "pg_catalog.pg_ts_config_is_visible(c.oid)");
static const NamePattern dictionary_name = TS_NAME("d.dictname", "pg_catalog.pg_ts_dict_is_visible(d.oid)");
static const NamePattern parser_name = TS_NAME("p.prsname", "pg_catalog.pg_ts_parser_is_visible(p.oid)");
static const NamePattern template_name = TS_NAME("t.tmplname", "pg_catalog.pg_ts_template_is_visible(t.oid)");

static const QueryStep config_list_steps[] = {
    Q_TEXT("SELECT\n"
           "   n.nspname as \"Schema\",\n"
           "   c.cfgname as \"Name\",\n"
           "   pg_catalog.obj_description(c.oid, 'pg_ts_config') as \"Description\"\n"
           "FROM pg_catalog.pg_ts_config c\n"
           "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace\n"),
    Q_PATTERN(0, config_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec config_list = {.steps = config_list_steps, .title = "List of text search configurations"};

/* \dF+: which configurations to describe, with their parsers for the titles */
static const QueryStep config_find_steps[] = {
    Q_OPEN(0, "SELECT c.oid, c.cfgname,\n"
              "   n.nspname,\n"
              "   p.prsname,\n"
              "   np.nspname as pnspname\n"
              "FROM pg_catalog.pg_ts_config c\n"
              "   LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace,\n"
              " pg_catalog.pg_ts_parser p\n"
              "   LEFT JOIN pg_catalog.pg_namespace np ON np.oid = p.prsnamespace\n"
              "WHERE  p.oid = c.cfgparser\n"),
    Q_PATTERN(0, config_name),
    Q_TEXT("ORDER BY 3, 2;"),
    Q_END,
};

static const QueryStep dictionary_steps[] = {
    Q_TEXT("SELECT\n"
           "  n.nspname as \"Schema\",\n"
           "  d.dictname as \"Name\",\n"),
    Q_IF(QS_VERBOSE, "  ( SELECT COALESCE(nt.nspname, '(null)')::pg_catalog.text || '.' || t.tmplname FROM\n"
                     "    pg_catalog.pg_ts_template t\n"
                     "    LEFT JOIN pg_catalog.pg_namespace nt ON nt.oid = t.tmplnamespace\n"
                     "    WHERE d.dicttemplate = t.oid ) AS  \"Template\",\n"
                     "  d.dictinitoption as \"Init options\",\n"),
    Q_TEXT("  pg_catalog.obj_description(d.oid, 'pg_ts_dict') as \"Description\"\n"
           "FROM pg_catalog.pg_ts_dict d\n"
           "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace\n"),
    Q_PATTERN(0, dictionary_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec dictionary_list = {.steps = dictionary_steps, .title = "List of text search dictionaries"};

static const QueryStep parser_list_steps[] = {
    Q_TEXT("SELECT\n"
           "  n.nspname as \"Schema\",\n"
           "  p.prsname as \"Name\",\n"
           "  pg_catalog.obj_description(p.oid, 'pg_ts_parser') as \"Description\"\n"
           "FROM pg_catalog.pg_ts_parser p\n"
           "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace\n"),
    Q_PATTERN(0, parser_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec parser_list = {.steps = parser_list_steps, .title = "List of text search parsers"};

static const QueryStep parser_find_steps[] = {
    Q_TEXT("SELECT p.oid,\n"
           "  n.nspname,\n"
           "  p.prsname\n"
           "FROM pg_catalog.pg_ts_parser p\n"
           "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace\n"),
    Q_PATTERN(0, parser_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QueryStep template_steps[] = {
    Q_TEXT("SELECT\n"
           "  n.nspname AS \"Schema\",\n"
           "  t.tmplname AS \"Name\",\n"),
    Q_IF(QS_VERBOSE, "  t.tmplinit::pg_catalog.regproc AS \"Init\",\n"
                     "  t.tmpllexize::pg_catalog.regproc AS \"Lexize\",\n"),
    Q_TEXT("  pg_catalog.obj_description(t.oid, 'pg_ts_template') AS \"Description\"\n"
           "FROM pg_catalog.pg_ts_template t\n"
           "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace\n"),
    Q_PATTERN(0, template_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec template_list = {.steps = template_steps, .title = "List of text search templates"};

/* the parser's support functions, one row each, in the order psql shows them */
static const struct {
    const char *method;
    const char *column;
} parser_methods[] = {
    {"Start parse", "prsstart"},
    {"Get next token", "prstoken"},
    {"End parse", "prsend"},
    {"Get headline", "prsheadline"},
    {"Get token types", "prslextype"},
};

/* "kind "nsp.name"" or "kind "name"" when the object's schema is unknown */
static char *qualified_title(const char *kind, const char *nspname, const char *name)
{
    StrBuf title = STRBUF_INIT;
    if (nspname)
        sb_printf(&title, "%s \"%s.%s\"", kind, nspname, name);
    else
        sb_printf(&title, "%s \"%s\"", kind, name);
    return sb_steal(&title);
}

static char *parser_methods_sql(const char *oid)
{
    StrBuf sql = STRBUF_INIT;
    size_t n = sizeof parser_methods / sizeof parser_methods[0];
    for (size_t i = 0; i < n; i++) {
        const char *col = parser_methods[i].column;
        if (i == 0)
            sb_printf(&sql, "SELECT '%s' AS \"Method\",\n   p.%s::pg_catalog.regproc AS \"Function\",\n"
                            "   pg_catalog.obj_description(p.%s, 'pg_proc') as \"Description\"\n",
                      parser_methods[i].method, col, col);
        else
            sb_printf(&sql, "\nUNION ALL\nSELECT '%s',\n   p.%s::pg_catalog.regproc,\n"
                            "   pg_catalog.obj_description(p.%s, 'pg_proc')\n",
                      parser_methods[i].method, col, col);
        sb_printf(&sql, " FROM pg_catalog.pg_ts_parser p\n WHERE p.oid = '%s'", oid);
    }
    sb_append_char(&sql, ';');
    return sb_steal(&sql);
}

static bool describe_one_parser(Session *s, const char *oid, const char *nspname, const char *prsname)
{
    char *sql = parser_methods_sql(oid);
    PGresult *res = describe_exec(s, sql);
    free(sql);
    if (!res)
        return false;
    char *title = qualified_title("Text search parser", nspname, prsname);
    ListingPrint spec = {.title = title, .no_default_footer = true};
    listing_print_result(s, res, &spec);
    PQclear(res);
    free(title);

    StrBuf tokens = STRBUF_INIT;
    sb_printf(&tokens, "SELECT t.alias as \"Token name\",\n  t.description as \"Description\"\n"
                       "FROM pg_catalog.ts_token_type( '%s'::pg_catalog.oid ) as t\nORDER BY 1;",
              oid);
    res = describe_exec(s, sb_str(&tokens));
    sb_free(&tokens);
    if (!res)
        return false;
    title = qualified_title("Token types for parser", nspname, prsname);
    query_spec_print_counted(s, res, title);
    free(title);
    PQclear(res);
    return true;
}

static bool describe_one_config(Session *s, const char *oid, const char *nspname, const char *cfgname,
                                const char *pnspname, const char *prsname)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql,
              "SELECT\n"
              "  ( SELECT t.alias FROM\n"
              "    pg_catalog.ts_token_type(c.cfgparser) AS t\n"
              "    WHERE t.tokid = m.maptokentype ) AS \"Token\",\n"
              "  pg_catalog.btrim(\n"
              "    ARRAY( SELECT mm.mapdict::pg_catalog.regdictionary\n"
              "           FROM pg_catalog.pg_ts_config_map AS mm\n"
              "           WHERE mm.mapcfg = m.mapcfg AND mm.maptokentype = m.maptokentype\n"
              "           ORDER BY mapcfg, maptokentype, mapseqno\n"
              "    ) :: pg_catalog.text,\n"
              "  '{}') AS \"Dictionaries\"\n"
              "FROM pg_catalog.pg_ts_config AS c, pg_catalog.pg_ts_config_map AS m\n"
              "WHERE c.oid = '%s' AND m.mapcfg = c.oid\n"
              "GROUP BY m.mapcfg, m.maptokentype, c.cfgparser\n"
              "ORDER BY 1;",
              oid);
    PGresult *res = describe_exec(s, sb_str(&sql));
    sb_free(&sql);
    if (!res)
        return false;
    char *config = qualified_title("Text search configuration", nspname, cfgname);
    char *parser = qualified_title("Parser:", pnspname, prsname);
    StrBuf title = STRBUF_INIT;
    sb_printf(&title, "%s\n%s", config, parser);
    ListingPrint spec = {.title = sb_str(&title), .no_default_footer = true};
    listing_print_result(s, res, &spec);
    sb_free(&title);
    free(config);
    free(parser);
    PQclear(res);
    return true;
}

/* the value of a column, or NULL for SQL NULL (psql then leaves the schema out of titles) */
static const char *value_or_null(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* psql's "Did not find any ..." after a detail query matched nothing; silent under QUIET */
static void report_none_found(Session *s, const char *pattern, const char *singular, const char *plural)
{
    if (s->quiet)
        return;
    if (pattern)
        log_error("Did not find any %s named \"%s\".", singular, pattern);
    else
        log_error("Did not find any %s.", plural);
}

static MetaResult describe_configs(DescribeCtx *d)
{
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    PGresult *res = query_spec_exec(d->s, config_find_steps, &a);
    if (!res)
        return META_ERROR;
    bool ok = PQntuples(res) > 0;
    if (!ok)
        report_none_found(d->s, d->pattern, "text search configuration", "text search configurations");
    for (int i = 0; ok && i < PQntuples(res); i++) {
        ok = describe_one_config(d->s, PQgetvalue(res, i, 0), value_or_null(res, i, 2), PQgetvalue(res, i, 1),
                                 value_or_null(res, i, 4), PQgetvalue(res, i, 3)) &&
             !cancel_was_pressed();
    }
    PQclear(res);
    return query_spec_status(ok);
}

static MetaResult describe_parsers(DescribeCtx *d)
{
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    PGresult *res = query_spec_exec(d->s, parser_find_steps, &a);
    if (!res)
        return META_ERROR;
    bool ok = PQntuples(res) > 0;
    if (!ok)
        report_none_found(d->s, d->pattern, "text search parser", "text search parsers");
    for (int i = 0; ok && i < PQntuples(res); i++) {
        ok = describe_one_parser(d->s, PQgetvalue(res, i, 0), value_or_null(res, i, 1), PQgetvalue(res, i, 2)) &&
             !cancel_was_pressed();
    }
    PQclear(res);
    return query_spec_status(ok);
}

/* \dF takes only +: psql reads the letter after F as the object kind, so \dFS is unknown */
static MetaResult cmd_configs(DescribeCtx *d)
{
    if (d->rest[0] != '\0' && d->rest[0] != '+')
        return META_UNKNOWN;
    return d->verbose ? describe_configs(d) : query_spec_list(d, &config_list, NULL);
}

static MetaResult cmd_dictionaries(DescribeCtx *d)
{
    return query_spec_list(d, &dictionary_list, NULL);
}

static MetaResult cmd_parsers(DescribeCtx *d)
{
    return d->verbose ? describe_parsers(d) : query_spec_list(d, &parser_list, NULL);
}

static MetaResult cmd_templates(DescribeCtx *d)
{
    return query_spec_list(d, &template_list, NULL);
}

/* like psql, letters after the kind (\dFdx) are ignored rather than refused */
const DescribeCommand describe_text_search_commands[] = {
    {"F", cmd_configs,
     META_HELP({HELP_INFORMATIONAL, 22, .usage = "\\dF[+]  [PATTERN]", .text = "list text search configurations"})},
    {"Fd", cmd_dictionaries,
     META_HELP({HELP_INFORMATIONAL, 23, .usage = "\\dFd[+] [PATTERN]", .text = "list text search dictionaries"})},
    {"Fp", cmd_parsers,
     META_HELP({HELP_INFORMATIONAL, 24, .usage = "\\dFp[+] [PATTERN]", .text = "list text search parsers"})},
    {"Ft", cmd_templates,
     META_HELP({HELP_INFORMATIONAL, 25, .usage = "\\dFt[+] [PATTERN]", .text = "list text search templates"})},
    {.letters = NULL},
};
