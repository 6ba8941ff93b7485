/*
 * \d NAME for one relation: what pg_class says about it, then either the sequence
 * table or the column table (which columns depend on the relation kind, the server
 * version and +), with the footers table_footers.c adds.
 */
#include <stdlib.h>
#include <string.h>

#include "meta/describe/describe.h"
#include "meta/describe/relations.h"
#include "sql/identifier.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- general information ---- */

/* how pg_class is read on servers of each age */
typedef struct GeneralQuery {
    int since;
    const char *security;     /* the row security columns */
    const char *oids;         /* relhasoids and relispartition */
    const char *tail;         /* what follows the typed-table column */
    bool am;                  /* joins pg_am */
} GeneralQuery;

static const GeneralQuery general_queries[] = {
    {120000, "c.relrowsecurity, c.relforcerowsecurity, ", "false AS relhasoids, c.relispartition, ",
     ", c.relpersistence, c.relreplident, am.amname", true},
    {100000, "c.relrowsecurity, c.relforcerowsecurity, ", "c.relhasoids, c.relispartition, ",
     ", c.relpersistence, c.relreplident", false},
    {90500, "c.relrowsecurity, c.relforcerowsecurity, ", "c.relhasoids, false as relispartition, ",
     ", c.relpersistence, c.relreplident", false},
    {90400, "false, false, ", "c.relhasoids, false as relispartition, ", ", c.relpersistence, c.relreplident",
     false},
    {0, "false, false, ", "c.relhasoids, false as relispartition, ", ", c.relpersistence", false},
};

static void build_general_query(StrBuf *sql, const Session *s, const char *oid, bool verbose)
{
    const GeneralQuery *q = general_queries;
    while (s->sversion < q->since)
        q++;
    sb_printf(sql, "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, %s%s",
              q->security, q->oids);
    /* the toast table's options are shown too, prefixed as ALTER TABLE takes them */
    sb_append(sql, verbose ? "pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from "
                             "pg_catalog.unnest(tc.reloptions) x), ', ')\n"
                           : "''");
    sb_printf(sql, ", c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE "
                   "c.reloftype::pg_catalog.regtype::pg_catalog.text END%s\n"
                   "FROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\n",
              q->tail);
    if (q->am)
        sb_append(sql, "LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\n");
    sb_printf(sql, "WHERE c.oid = '%s';", oid);
}

static bool is_true(const PGresult *res, int row, int col)
{
    return strcmp(PQgetvalue(res, row, col), "t") == 0;
}

static bool load_relinfo(Session *s, RelInfo *r)
{
    StrBuf sql = STRBUF_INIT;
    build_general_query(&sql, s, r->oid, r->verbose);
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;
    if (PQntuples(res) == 0) {
        if (!s->quiet)
            log_error("Did not find any relation with OID %s.", r->oid);
        PQclear(res);
        return false;
    }
    r->checks = atoi(PQgetvalue(res, 0, 0));
    r->kind = PQgetvalue(res, 0, 1)[0];
    r->hasindex = is_true(res, 0, 2);
    r->hasrules = is_true(res, 0, 3);
    r->hastriggers = is_true(res, 0, 4);
    r->rowsecurity = is_true(res, 0, 5);
    r->forcerowsecurity = is_true(res, 0, 6);
    r->hasoids = is_true(res, 0, 7);
    r->ispartition = is_true(res, 0, 8);
    r->reloptions = xstrdup(PQgetvalue(res, 0, 9));
    r->tablespace = strtoul(PQgetvalue(res, 0, 10), NULL, 10);
    r->oftype = PQgetvalue(res, 0, 11)[0] ? xstrdup(PQgetvalue(res, 0, 11)) : NULL;
    r->persistence = PQgetvalue(res, 0, 12)[0];
    r->replident = s->sversion >= 90400 ? PQgetvalue(res, 0, 13)[0] : 'd';
    r->am = s->sversion >= 120000 && !PQgetisnull(res, 0, 14) ? xstrdup(PQgetvalue(res, 0, 14)) : NULL;
    PQclear(res);
    return true;
}

/* ---- sequences ---- */

static void build_sequence_query(StrBuf *sql, const Session *s, const RelInfo *r)
{
    if (s->sversion >= 100000) {
        sb_printf(sql, "SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\",\n"
                       "       seqstart AS \"Start\",\n       seqmin AS \"Minimum\",\n"
                       "       seqmax AS \"Maximum\",\n       seqincrement AS \"Increment\",\n"
                       "       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n"
                       "       seqcache AS \"Cache\"\nFROM pg_catalog.pg_sequence\nWHERE seqrelid = '%s';",
                  r->oid);
        return;
    }
    char *nsp = sql_quote_ident(r->schema), *rel = sql_quote_ident(r->name);
    sb_printf(sql, "SELECT 'bigint' AS \"Type\",\n       start_value AS \"Start\",\n"
                   "       min_value AS \"Minimum\",\n       max_value AS \"Maximum\",\n"
                   "       increment_by AS \"Increment\",\n"
                   "       CASE WHEN is_cycled THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n"
                   "       cache_value AS \"Cache\"\nFROM %s.%s;",
              nsp, rel);
    free(nsp);
    free(rel);
}

/* "Owned by: ..." or "Sequence for identity column: ...", or NULL; *ok false after an error */
static char *sequence_owner_footer(Session *s, const RelInfo *r, bool *ok)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT pg_catalog.quote_ident(nspname) || '.' ||\n   pg_catalog.quote_ident(relname) || '.' ||\n"
                    "   pg_catalog.quote_ident(attname),\n   d.deptype\nFROM pg_catalog.pg_class c\n"
                    "INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid\n"
                    "INNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace\n"
                    "INNER JOIN pg_catalog.pg_attribute a ON (\n a.attrelid=c.oid AND\n a.attnum=d.refobjsubid)\n"
                    "WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass\n"
                    " AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.objid='%s'\n"
                    " AND d.deptype IN ('a', 'i')",
              r->oid);
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    *ok = res != NULL;
    if (!res)
        return NULL;
    StrBuf line = STRBUF_INIT;
    /* more than one owner cannot happen; psql then shows none */
    if (PQntuples(res) == 1) {
        char deptype = PQgetvalue(res, 0, 1)[0];
        if (deptype == 'a')
            sb_printf(&line, "Owned by: %s", PQgetvalue(res, 0, 0));
        else if (deptype == 'i')
            sb_printf(&line, "Sequence for identity column: %s", PQgetvalue(res, 0, 0));
    }
    PQclear(res);
    return line.len ? sb_steal(&line) : NULL;
}

static bool describe_sequence(Session *s, const RelInfo *r)
{
    StrBuf sql = STRBUF_INIT;
    build_sequence_query(&sql, s, r);
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;
    bool ok;
    char *footer = sequence_owner_footer(s, r, &ok);
    if (ok) {
        StrBuf title = STRBUF_INIT;
        sb_printf(&title, "%s \"%s.%s\"", r->persistence == 'u' ? "Unlogged sequence" : "Sequence", r->schema,
                  r->name);
        PrintTable t;
        ptable_from_result(&t, res);
        ptable_set_title(&t, title.data);
        if (footer)
            ptable_add_footer(&t, footer);
        ListingPrint spec = {.title = title.data, .keep_null_display = true, .no_default_footer = true};
        listing_print_table(s, &t, &spec);
        ptable_free(&t);
        sb_free(&title);
    }
    free(footer);
    PQclear(res);
    return ok;
}

/* ---- the column table ---- */

typedef enum AttrField {
    F_NAME,
    F_TYPE,
    F_DEFAULT,
    F_NOTNULL,
    F_COLLATION,
    F_IDENTITY,
    F_GENERATED,
    F_ISKEY,
    F_INDEXDEF,
    F_FDWOPTS,
    F_STORAGE,
    F_COMPRESSION,
    F_STATTARGET,
    F_DESCRIPTION,
    F_COUNT
} AttrField;

/* the kinds whose columns have a collation, a nullability and a default (and a comment) */
#define DETAIL_KINDS "rvmfcp"

/* one output column of the pg_attribute query, in psql's order */
typedef struct AttrQueryColumn {
    AttrField field;
    const char *kinds;        /* NULL: every kind */
    bool verbose_only;
    int since;                /* older servers get old_expr, or nothing when it is NULL */
    const char *expr;         /* "%s" stands for the relation's OID */
    const char *old_expr;
} AttrQueryColumn;

static const AttrQueryColumn attr_query_columns[] = {
    {F_NAME, NULL, false, 0, "a.attname", NULL},
    {F_TYPE, NULL, false, 0, "pg_catalog.format_type(a.atttypid, a.atttypmod)", NULL},
    /* pretty-printed, for fewer parentheses */
    {F_DEFAULT, DETAIL_KINDS, false, 0,
     "(SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n"
     "   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef)",
     NULL},
    {F_NOTNULL, DETAIL_KINDS, false, 0, "a.attnotnull", NULL},
    {F_COLLATION, DETAIL_KINDS, false, 0,
     "(SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n"
     "   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation",
     NULL},
    {F_IDENTITY, DETAIL_KINDS, false, 100000, "a.attidentity", "''::pg_catalog.char AS attidentity"},
    {F_GENERATED, DETAIL_KINDS, false, 120000, "a.attgenerated", "''::pg_catalog.char AS attgenerated"},
    {F_ISKEY, "iI", false, 110000,
     "CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = '%s') "
     "THEN 'yes' ELSE 'no' END AS is_key",
     NULL},
    {F_INDEXDEF, "iI", false, 0, "pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef", NULL},
    {F_FDWOPTS, "f", false, 0,
     "CASE WHEN attfdwoptions IS NULL THEN '' ELSE   '(' || pg_catalog.array_to_string(ARRAY(SELECT "
     "pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)  FROM   "
     "pg_catalog.pg_options_to_table(attfdwoptions)), ', ') || ')' END AS attfdwoptions",
     NULL},
    {F_STORAGE, NULL, true, 0, "a.attstorage", NULL},
    {F_COMPRESSION, "rpm", true, 140000, "a.attcompression AS attcompression", NULL},
    {F_STATTARGET, "riImfp", true, 0,
     "CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget", NULL},
    {F_DESCRIPTION, DETAIL_KINDS, true, 0, "pg_catalog.col_description(a.attrelid, a.attnum)", NULL},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* the expression the query gets for this column, or NULL when it is left out */
static const char *attr_expr(const AttrQueryColumn *c, const Session *s, const RelInfo *r)
{
    if (c->kinds && !relkind_in(r->kind, c->kinds))
        return NULL;
    if (c->verbose_only && !r->verbose)
        return NULL;
    if (c->field == F_COMPRESSION && s->hide_compression)
        return NULL;
    return s->sversion >= c->since ? c->expr : c->old_expr;
}

static void append_with_oid(StrBuf *sql, const char *expr, const char *oid)
{
    const char *at;
    while ((at = strstr(expr, "%s")) != NULL) {
        sb_append_n(sql, expr, (size_t)(at - expr));
        sb_append(sql, oid);
        expr = at + 2;
    }
    sb_append(sql, expr);
}

/* builds the pg_attribute query; col[field] gets the field's result column, or -1 */
static void build_attr_query(StrBuf *sql, const Session *s, const RelInfo *r, int *col)
{
    int n = 0;
    for (int f = 0; f < F_COUNT; f++)
        col[f] = -1;
    sb_append(sql, "SELECT ");
    for (size_t i = 0; i < NELEM(attr_query_columns); i++) {
        const char *expr = attr_expr(&attr_query_columns[i], s, r);
        if (!expr)
            continue;
        if (n > 0)
            sb_append(sql, ",\n  ");
        append_with_oid(sql, expr, r->oid);
        col[attr_query_columns[i].field] = n++;
    }
    sb_printf(sql, "\nFROM pg_catalog.pg_attribute a\n"
                   "WHERE a.attrelid = '%s' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
              r->oid);
}

/* a cell's text (malloc'd) from the row of the pg_attribute query */
typedef char *(*CellFn)(const PGresult *res, int row, const int *col, AttrField field);

static char *cell_plain(const PGresult *res, int row, const int *col, AttrField field)
{
    return xstrdup(PQgetvalue(res, row, col[field]));
}

static char *cell_notnull(const PGresult *res, int row, const int *col, AttrField field)
{
    return xstrdup(strcmp(PQgetvalue(res, row, col[field]), "t") == 0 ? "not null" : "");
}

static char *cell_default(const PGresult *res, int row, const int *col, AttrField field)
{
    const char *def = PQgetvalue(res, row, col[field]);
    char identity = PQgetvalue(res, row, col[F_IDENTITY])[0];
    char generated = PQgetvalue(res, row, col[F_GENERATED])[0];
    if (identity == 'a')
        return xstrdup("generated always as identity");
    if (identity == 'd')
        return xstrdup("generated by default as identity");
    if (generated == 's') {
        StrBuf b = STRBUF_INIT;
        sb_printf(&b, "generated always as (%s) stored", def);
        return sb_steal(&b);
    }
    return xstrdup(def);
}

/* names as the SQL syntax spells them, so never translated */
static char *cell_storage(const PGresult *res, int row, const int *col, AttrField field)
{
    switch (PQgetvalue(res, row, col[field])[0]) {
    case 'p': return xstrdup("plain");
    case 'm': return xstrdup("main");
    case 'x': return xstrdup("extended");
    case 'e': return xstrdup("external");
    default: return xstrdup("???");
    }
}

static char *cell_compression(const PGresult *res, int row, const int *col, AttrField field)
{
    switch (PQgetvalue(res, row, col[field])[0]) {
    case 'p': return xstrdup("pglz");
    case 'l': return xstrdup("lz4");
    case '\0': return xstrdup("");
    default: return xstrdup("???");
    }
}

typedef struct DisplayColumn {
    const char *header;
    AttrField field;          /* shown when the query fetched it */
    CellFn cell;
} DisplayColumn;

static const DisplayColumn display_columns[] = {
    {"Column", F_NAME, cell_plain},
    {"Type", F_TYPE, cell_plain},
    {"Collation", F_COLLATION, cell_plain},
    {"Nullable", F_NOTNULL, cell_notnull},
    {"Default", F_DEFAULT, cell_default},
    {"Key?", F_ISKEY, cell_plain},
    {"Definition", F_INDEXDEF, cell_plain},
    {"FDW options", F_FDWOPTS, cell_plain},
    {"Storage", F_STORAGE, cell_storage},
    {"Compression", F_COMPRESSION, cell_compression},
    {"Stats target", F_STATTARGET, cell_plain},
    {"Description", F_DESCRIPTION, cell_plain},
};

typedef struct KindTitle {
    char kind;
    const char *title;
    const char *unlogged;     /* NULL: the same */
} KindTitle;

static const KindTitle kind_titles[] = {
    {'r', "Table", "Unlogged table"},
    {'v', "View", NULL},
    {'m', "Materialized view", NULL},
    {'i', "Index", "Unlogged index"},
    {'I', "Partitioned index", "Unlogged partitioned index"},
    {'t', "TOAST table", NULL},
    {'c', "Composite type", NULL},
    {'f', "Foreign table", NULL},
    {'p', "Partitioned table", "Unlogged partitioned table"},
};

static void relation_title(StrBuf *title, const RelInfo *r)
{
    for (size_t i = 0; i < NELEM(kind_titles); i++) {
        const KindTitle *k = &kind_titles[i];
        if (k->kind == r->kind) {
            const char *word = r->persistence == 'u' && k->unlogged ? k->unlogged : k->title;
            sb_printf(title, "%s \"%s.%s\"", word, r->schema, r->name);
            return;
        }
    }
    sb_printf(title, "?%c? \"%s.%s\"", r->kind, r->schema, r->name);
}

static void print_relation_table(Session *s, const PrintTable *t)
{
    ListingPrint spec = {.keep_null_display = true, .no_default_footer = true, .never_expanded = true};
    listing_print_table(s, t, &spec);
}

static bool describe_columns(Session *s, const RelInfo *r)
{
    int col[F_COUNT];
    StrBuf sql = STRBUF_INIT;
    build_attr_query(&sql, s, r, col);
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;

    const DisplayColumn *shown[NELEM(display_columns)];
    const char *headers[NELEM(display_columns)];
    int ncols = 0;
    for (size_t i = 0; i < NELEM(display_columns); i++)
        if (col[display_columns[i].field] >= 0) {
            shown[ncols] = &display_columns[i];
            headers[ncols++] = display_columns[i].header;
        }
    int nrows = PQntuples(res);
    size_t ncells = (size_t)nrows * (size_t)ncols;
    char **cells = xcalloc(ncells + 1, sizeof *cells);
    for (int row = 0; row < nrows; row++)
        for (int c = 0; c < ncols; c++)
            cells[(size_t)row * (size_t)ncols + (size_t)c] = shown[c]->cell(res, row, col, shown[c]->field);

    PrintTable t;
    ptable_init(&t, ncols, nrows, headers, NULL, (const char **)cells);
    StrBuf title = STRBUF_INIT;
    relation_title(&title, r);
    ptable_set_title(&t, title.data);
    sb_free(&title);
    bool ok = relation_add_footers(s, r, &t);
    if (ok)
        print_relation_table(s, &t);
    ptable_free(&t);
    for (size_t i = 0; i < ncells; i++)
        free(cells[i]);
    free(cells);
    PQclear(res);
    return ok;
}

bool relation_describe_one(Session *s, const char *oid, const char *schema, const char *name, bool verbose)
{
    RelInfo r = {.oid = oid, .schema = schema, .name = name, .verbose = verbose};
    if (!load_relinfo(s, &r))
        return false;
    bool ok = r.kind == 'S' ? describe_sequence(s, &r) : describe_columns(s, &r);
    free(r.reloptions);
    free(r.oftype);
    free(r.am);
    return ok;
}
