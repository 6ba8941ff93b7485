/*
 * \da (aggregates), \df (functions, by kind: a n p t w) and \do (operators).
 * After their name pattern, \df and \do take patterns for the argument types,
 * "-" meaning no argument in that place.
 */
#include <stdlib.h>
#include <string.h>

#include "meta/describe/objects.h"
#include "util/log.h"

/* psql keeps at most this many argument-type patterns (the server's FUNC_MAX_ARGS) */
#define MAX_TYPE_PATTERNS 100

#define HIDE_SYSTEM_SCHEMAS                                                                                  \
    "      AND n.nspname <> 'pg_catalog'\n"                                                                  \
    "      AND n.nspname <> 'information_schema'\n"

/* ---------- \da ---------- */

static const NamePattern routine_name = {
    .schemavar = "n.nspname",
    .namevar = "p.proname",
    .visibility = "pg_catalog.pg_function_is_visible(p.oid)",
    .maxparts = 3,
};

static const QueryStep aggregate_steps[] = {
    Q_TEXT("SELECT n.nspname as \"Schema\",\n"
           "  p.proname AS \"Name\",\n"
           "  pg_catalog.format_type(p.prorettype, NULL) AS \"Result data type\",\n"
           "  CASE WHEN p.pronargs = 0\n"
           "    THEN CAST('*' AS pg_catalog.text)\n"
           "    ELSE pg_catalog.pg_get_function_arguments(p.oid)\n"
           "  END AS \"Argument data types\",\n"
           "  pg_catalog.obj_description(p.oid, 'pg_proc') as \"Description\"\n"
           "FROM pg_catalog.pg_proc p\n"
           "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n"),
    Q_OPEN_SINCE(110000, "WHERE p.prokind = 'a'\n"),
    Q_OPEN_BEFORE(110000, "WHERE p.proisagg\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, routine_name),
    Q_TEXT("ORDER BY 1, 2, 4;"),
    Q_END,
};

static const QuerySpec aggregate_list = {.steps = aggregate_steps, .title = "List of aggregate functions"};

MetaResult describe_aggregates_cmd(DescribeCtx *d)
{
    return query_spec_list(d, &aggregate_list, NULL);
}

/* ---------- argument-type patterns, shared by \df and \do ---------- */

/* reads the patterns after the name pattern; psql reads them only when there is one */
static int read_type_patterns(DescribeCtx *d, char **patterns)
{
    int n = 0;
    if (!d->pattern)
        return 0;
    while (n < MAX_TYPE_PATTERNS && (patterns[n] = meta_arg(d->meta, OT_NORMAL, NULL, true)) != NULL)
        n++;
    return n;
}

static void free_type_patterns(char **patterns, int n)
{
    for (int i = 0; i < n; i++)
        free(patterns[i]);
}

/* one join per pattern: type i is operands[i], or element i of the array column */
static void append_type_joins(StrBuf *sql, int n, const char *const *operands, const char *array_column)
{
    for (int i = 0; i < n; i++) {
        sb_printf(sql, "     LEFT JOIN pg_catalog.pg_type t%d ON t%d.oid = ", i, i);
        if (array_column)
            sb_printf(sql, "%s[%d]", array_column, i);
        else
            sb_append(sql, operands[i]);
        sb_printf(sql, "\n     LEFT JOIN pg_catalog.pg_namespace nt%d ON nt%d.oid = t%d.typnamespace\n", i, i, i);
    }
}

/* a type matches by its pg_type name or by format_type's, like \dT; arrays and row types included */
static bool append_type_clauses(Session *s, StrBuf *sql, char **patterns, int n)
{
    for (int i = 0; i < n; i++) {
        if (strcmp(patterns[i], "-") == 0) {
            sb_printf(sql, "  AND t%d.typname IS NULL\n", i);
            continue;
        }
        char schemavar[32], namevar[32], altnamevar[64], visibility[64];
        snprintf(schemavar, sizeof schemavar, "nt%d.nspname", i);
        snprintf(namevar, sizeof namevar, "t%d.typname", i);
        snprintf(altnamevar, sizeof altnamevar, "pg_catalog.format_type(t%d.oid, NULL)", i);
        snprintf(visibility, sizeof visibility, "pg_catalog.pg_type_is_visible(t%d.oid)", i);
        if (!describe_validate_pattern(s, sql, query_spec_map_type_name(patterns[i]), true, false, schemavar, namevar,
                                       altnamevar, visibility, NULL, 3))
            return false;
    }
    return true;
}

/* ---------- \df ---------- */

typedef struct FunctionKinds {
    bool agg, normal, proc, trigger, window;
} FunctionKinds;

static const QueryStep function_head_steps[] = {
    Q_TEXT("SELECT n.nspname as \"Schema\",\n"
           "  p.proname as \"Name\",\n"
           "  pg_catalog.pg_get_function_result(p.oid) as \"Result data type\",\n"
           "  pg_catalog.pg_get_function_arguments(p.oid) as \"Argument data types\",\n"),
    Q_SINCE(110000, 0, " CASE p.prokind\n"
                       "  WHEN 'a' THEN 'agg'\n"
                       "  WHEN 'w' THEN 'window'\n"
                       "  WHEN 'p' THEN 'proc'\n"
                       "  ELSE 'func'\n"
                       " END as \"Type\""),
    Q_BEFORE(110000, 0, " CASE\n"
                        "  WHEN p.proisagg THEN 'agg'\n"
                        "  WHEN p.proiswindow THEN 'window'\n"
                        "  WHEN p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype THEN 'trigger'\n"
                        "  ELSE 'func'\n"
                        " END as \"Type\""),
    Q_IF(QS_VERBOSE, ",\n CASE\n"
                     "  WHEN p.provolatile = 'i' THEN 'immutable'\n"
                     "  WHEN p.provolatile = 's' THEN 'stable'\n"
                     "  WHEN p.provolatile = 'v' THEN 'volatile'\n"
                     " END as \"Volatility\""
                     ",\n CASE\n"
                     "  WHEN p.proparallel = 'r' THEN 'restricted'\n"
                     "  WHEN p.proparallel = 's' THEN 'safe'\n"
                     "  WHEN p.proparallel = 'u' THEN 'unsafe'\n"
                     " END as \"Parallel\""
                     ",\n pg_catalog.pg_get_userbyid(p.proowner) as \"Owner\""
                     ",\n CASE WHEN prosecdef THEN 'definer' ELSE 'invoker' END AS \"Security\""
                     ",\n pg_catalog.array_to_string(p.proacl, E'\\n') AS \"Access privileges\""
                     ",\n l.lanname as \"Language\""),
    Q_SINCE(140000, QS_VERBOSE, ",\n COALESCE(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc) as "
                                "\"Source code\""),
    Q_BEFORE(140000, QS_VERBOSE, ",\n p.prosrc as \"Source code\""),
    Q_IF(QS_VERBOSE, ",\n pg_catalog.obj_description(p.oid, 'pg_proc') as \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_proc p\n"
           "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n"),
    Q_END,
};

static void where_or_and(StrBuf *sql, bool *have_where)
{
    sb_append(sql, *have_where ? "      AND " : "WHERE ");
    *have_where = true;
}

/* the kind filter: "normal" lists what is not excluded, the others what is included */
static bool append_kind_filter(StrBuf *sql, const FunctionKinds *k, int sversion)
{
    bool modern = sversion >= 110000, have_where = false;
    if (k->agg && k->normal && k->proc && k->trigger && k->window)
        return false;
    if (k->normal) {
        const struct {
            bool shown;
            const char *excluded;
        } rules[] = {
            {k->agg, modern ? "p.prokind <> 'a'" : "NOT p.proisagg"},
            {k->proc || !modern, "p.prokind <> 'p'"},
            {k->trigger, "p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype"},
            {k->window, modern ? "p.prokind <> 'w'" : "NOT p.proiswindow"},
        };
        for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
            if (!rules[i].shown) {
                where_or_and(sql, &have_where);
                sb_printf(sql, "%s\n", rules[i].excluded);
            }
        }
        return have_where;
    }
    const struct {
        bool shown;
        const char *included;
    } rules[] = {
        {k->agg, modern ? "p.prokind = 'a'" : "p.proisagg"},
        {k->trigger, "p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype"},
        {k->proc, "p.prokind = 'p'"},
        {k->window, modern ? "p.prokind = 'w'" : "p.proiswindow"},
    };
    sb_append(sql, "WHERE (\n       ");
    bool needs_or = false;
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        if (rules[i].shown) {
            sb_printf(sql, "%s%s\n", needs_or ? "       OR " : "", rules[i].included);
            needs_or = true;
        }
    }
    sb_append(sql, "      )\n");
    return true;
}

/* false after reporting letters the server cannot honour; psql counts that as success */
static bool function_kinds(DescribeCtx *d, FunctionKinds *k)
{
    const char *letters = d->rest;
    k->agg = strchr(letters, 'a') != NULL;
    k->normal = strchr(letters, 'n') != NULL;
    k->proc = strchr(letters, 'p') != NULL;
    k->trigger = strchr(letters, 't') != NULL;
    k->window = strchr(letters, 'w') != NULL;
    if (strspn(letters, "anptwS+") != strlen(letters)) {
        log_error("\\df only takes [anptwS+] as options");
        return false;
    }
    if (k->proc && d->s->sversion < 110000) {
        char version[32];
        query_spec_server_major(d->s->sversion, version, sizeof version);
        log_error("\\df does not take a \"%c\" option with server version %s", 'p', version);
        return false;
    }
    if (!k->agg && !k->normal && !k->proc && !k->trigger && !k->window) {
        k->agg = k->normal = k->trigger = k->window = true;
        k->proc = d->s->sversion >= 110000;
    }
    return true;
}

static bool build_function_query(DescribeCtx *d, const FunctionKinds *k, char **types, int ntypes, StrBuf *sql)
{
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    query_spec_build(d->s, function_head_steps, &a, sql);
    append_type_joins(sql, ntypes, NULL, "p.proargtypes");
    if (d->verbose)
        sb_append(sql, "     LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang\n");
    bool have_where = append_kind_filter(sql, k, d->s->sversion);
    if (!describe_validate_pattern(d->s, sql, d->pattern, have_where, false, routine_name.schemavar,
                                   routine_name.namevar, NULL, routine_name.visibility, NULL, 3))
        return false;
    if (!append_type_clauses(d->s, sql, types, ntypes))
        return false;
    if (!d->system && !d->pattern)
        sb_append(sql, HIDE_SYSTEM_SCHEMAS);
    sb_append(sql, "ORDER BY 1, 2, 4;");
    return true;
}

MetaResult describe_functions_cmd(DescribeCtx *d)
{
    /* psql 15 sends \df followed by anything else than these letters (or nothing) to the unknown commands */
    if (d->rest[0] != '\0' && !strchr("+Sanptw", d->rest[0]))
        return META_UNKNOWN;
    char *types[MAX_TYPE_PATTERNS];
    int ntypes = read_type_patterns(d, types);
    FunctionKinds k;
    MetaResult r = META_SKIP_LINE;
    if (function_kinds(d, &k)) {
        StrBuf sql = STRBUF_INIT;
        ListingPrint spec = {.title = "List of functions"};
        if (!build_function_query(d, &k, types, ntypes, &sql) || !describe_list(d->s, sb_str(&sql), &spec))
            r = META_ERROR;
        sb_free(&sql);
    }
    free_type_patterns(types, ntypes);
    return r;
}

/* ---------- \do ---------- */

static const NamePattern operator_name = {
    .force_escape = true,
    .schemavar = "n.nspname",
    .namevar = "o.oprname",
    .visibility = "pg_catalog.pg_operator_is_visible(o.oid)",
    .maxparts = 3,
};

static const QueryStep operator_head_steps[] = {
    Q_TEXT("SELECT n.nspname as \"Schema\",\n"
           "  o.oprname AS \"Name\",\n"
           "  CASE WHEN o.oprkind='l' THEN NULL ELSE pg_catalog.format_type(o.oprleft, NULL) END AS \"Left arg "
           "type\",\n"
           "  CASE WHEN o.oprkind='r' THEN NULL ELSE pg_catalog.format_type(o.oprright, NULL) END AS \"Right arg "
           "type\",\n"
           "  pg_catalog.format_type(o.oprresult, NULL) AS \"Result type\",\n"),
    Q_IF(QS_VERBOSE, "  o.oprcode AS \"Function\",\n"),
    Q_TEXT("  coalesce(pg_catalog.obj_description(o.oid, 'pg_operator'),\n"
           "           pg_catalog.obj_description(o.oprcode, 'pg_proc')) AS \"Description\"\n"
           "FROM pg_catalog.pg_operator o\n"
           "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace\n"),
    Q_END,
};

static const QueryStep operator_filter_steps[] = {
    Q_OPEN(QS_HIDE_SYSTEM, "WHERE n.nspname <> 'pg_catalog'\n"
                           "      AND n.nspname <> 'information_schema'\n"),
    Q_PATTERN(0, operator_name),
    Q_END,
};

static bool build_operator_query(DescribeCtx *d, char **types, int ntypes, StrBuf *sql)
{
    /* one type pattern is the right operand of a prefix operator; a third one is ignored */
    static const char *const prefix_columns[] = {"o.oprright"};
    static const char *const infix_columns[] = {"o.oprleft", "o.oprright"};
    if (ntypes > 2)
        ntypes = 2;
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    query_spec_build(d->s, operator_head_steps, &a, sql);
    append_type_joins(sql, ntypes, ntypes == 1 ? prefix_columns : infix_columns, NULL);
    if (!query_spec_build(d->s, operator_filter_steps, &a, sql))
        return false;
    if (ntypes == 1)
        sb_append(sql, "  AND o.oprleft = 0\n");
    if (!append_type_clauses(d->s, sql, types, ntypes))
        return false;
    sb_append(sql, "ORDER BY 1, 2, 3, 4;");
    return true;
}

MetaResult describe_operators_cmd(DescribeCtx *d)
{
    char *types[MAX_TYPE_PATTERNS];
    int ntypes = read_type_patterns(d, types);
    StrBuf sql = STRBUF_INIT;
    ListingPrint spec = {.title = "List of operators"};
    bool ok = build_operator_query(d, types, ntypes, &sql) && describe_list(d->s, sb_str(&sql), &spec);
    sb_free(&sql);
    free_type_patterns(types, ntypes);
    return query_spec_status(ok);
}
