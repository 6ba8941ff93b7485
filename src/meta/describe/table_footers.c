/*
 * The lines under \d's column table: partitioning, index properties, indexes,
 * constraints, policies, statistics, rules, publications, view definition,
 * triggers, inheritance, tablespace, options.  Each is a section: when it applies
 * (relation kind, server version, +), its catalog query and how its rows read.
 * The sections run in psql's order; if one query fails nothing is printed.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "meta/describe/describe.h"
#include "meta/describe/relations.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

typedef struct Footers {
    Session *s;
    const RelInfo *r;
    PrintTable *t;
} Footers;

typedef struct FooterSection {
    bool (*applies)(const Footers *f);
    bool (*add)(Footers *f);  /* false when its query failed */
} FooterSection;

static void add_line(Footers *f, const char *line)
{
    ptable_add_footer(f->t, line);
}

static void add_linef(Footers *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_linef(Footers *f, const char *fmt, ...)
{
    StrBuf b = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    add_line(f, b.data);
    sb_free(&b);
}

/* runs the section's query and frees its text; NULL after an error */
static PGresult *run(Footers *f, StrBuf *sql)
{
    PGresult *res = describe_exec(f->s, sql->data);
    sb_free(sql);
    return res;
}

static const char *val(const PGresult *res, int row, int col)
{
    return PQgetvalue(res, row, col);
}

static bool is_t(const PGresult *res, int row, int col)
{
    return strcmp(PQgetvalue(res, row, col), "t") == 0;
}

/* the footer line for one row of a section's query */
typedef void (*LineFn)(StrBuf *line, const PGresult *res, int row);

static void add_rows(Footers *f, const PGresult *res, LineFn format)
{
    for (int i = 0; i < PQntuples(res); i++) {
        StrBuf line = STRBUF_INIT;
        format(&line, res, i);
        add_line(f, line.data);
        sb_free(&line);
    }
}

/* one line per row, under a heading printed only when there are rows */
static bool add_list(Footers *f, StrBuf *sql, const char *heading, LineFn format)
{
    PGresult *res = run(f, sql);
    if (!res)
        return false;
    if (PQntuples(res) > 0 && heading)
        add_line(f, heading);
    add_rows(f, res, format);
    PQclear(res);
    return true;
}

/*
 * Rules and triggers come in categories (enabled, disabled, always, replica), each
 * listed under its own heading.
 */
typedef struct Category {
    const char *heading;
    bool (*member)(const PGresult *res, int row);
} Category;

static void add_categorized(Footers *f, const PGresult *res, const Category *cats, int ncats, LineFn format)
{
    for (int c = 0; c < ncats; c++) {
        bool heading_done = false;
        for (int i = 0; i < PQntuples(res); i++) {
            if (!cats[c].member(res, i))
                continue;
            if (!heading_done) {
                add_line(f, cats[c].heading);
                heading_done = true;
            }
            StrBuf line = STRBUF_INIT;
            format(&line, res, i);
            add_line(f, line.data);
            sb_free(&line);
        }
    }
}

/* the tablespace's name (malloc'd), or NULL for the database's default or after an error */
static char *tablespace_name(Session *s, unsigned long spcoid)
{
    if (spcoid == 0)
        return NULL;
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT spcname FROM pg_catalog.pg_tablespace\nWHERE oid = '%lu';", spcoid);
    PGresult *res = describe_exec(s, sql.data);
    sb_free(&sql);
    if (!res)
        return NULL;
    char *name = PQntuples(res) > 0 ? xstrdup(PQgetvalue(res, 0, 0)) : NULL;
    PQclear(res);
    return name;
}

/* the kinds that can live in a tablespace of their own */
static bool add_tablespace_line(Footers *f, char kind, unsigned long spcoid)
{
    if (!relkind_in(kind, "rmipIt"))
        return true;
    /* a failed look-up only loses the line, as in psql */
    char *name = tablespace_name(f->s, spcoid);
    if (name)
        add_linef(f, "Tablespace: \"%s\"", name);
    free(name);
    return true;
}

/* ---- partitioning, TOAST ---- */

static bool is_partition(const Footers *f)
{
    return f->r->ispartition;
}

static bool add_partition_of(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT inhparent::pg_catalog.regclass,\n  pg_catalog.pg_get_expr(c.relpartbound, c.oid),\n  ");
    sb_append(&sql, f->s->sversion >= 140000 ? "inhdetachpending" : "false as inhdetachpending");
    if (f->r->verbose)
        sb_append(&sql, ",\n  pg_catalog.pg_get_partition_constraintdef(c.oid)");
    sb_printf(&sql, "\nFROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = inhrelid\n"
                    "WHERE c.oid = '%s';",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    if (PQntuples(res) > 0) {
        add_linef(f, "Partition of: %s %s%s", val(res, 0, 0), val(res, 0, 1),
                  is_t(res, 0, 2) ? " DETACH PENDING" : "");
        if (f->r->verbose) {
            const char *def = PQgetisnull(res, 0, 3) ? "" : val(res, 0, 3);
            if (!*def)
                add_line(f, "No partition constraint");
            else
                add_linef(f, "Partition constraint: %s", def);
        }
    }
    PQclear(res);
    return true;
}

static bool is_partitioned_table(const Footers *f)
{
    return f->r->kind == 'p';
}

static bool add_partition_key(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT pg_catalog.pg_get_partkeydef('%s'::pg_catalog.oid);", f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    if (PQntuples(res) == 1)
        add_linef(f, "Partition key: %s", val(res, 0, 0));
    PQclear(res);
    return true;
}

static bool is_toast(const Footers *f)
{
    return f->r->kind == 't';
}

static bool add_owning_table(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT n.nspname, c.relname\nFROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON "
                    "n.oid = c.relnamespace\nWHERE reltoastrelid = '%s';",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    if (PQntuples(res) == 1)
        add_linef(f, "Owning table: \"%s.%s\"", val(res, 0, 0), val(res, 0, 1));
    PQclear(res);
    return true;
}

/* ---- an index's own properties ---- */

static bool is_index(const Footers *f)
{
    return relkind_in(f->r->kind, "iI");
}

static void build_index_info_query(StrBuf *sql, const Footers *f)
{
    static const char constraint_flag[] =
        "  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid "
        "AND conindid = i.indexrelid AND contype IN ('p','u','x') AND %s) AS %s,\n";
    sb_append(sql, "SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,\n");
    sb_printf(sql, constraint_flag, "condeferrable", "condeferrable");
    sb_printf(sql, constraint_flag, "condeferred", "condeferred");
    sb_append(sql, f->s->sversion >= 90400 ? "i.indisreplident,\n" : "false AS indisreplident,\n");
    sb_append(sql, f->s->sversion >= 150000 ? "i.indnullsnotdistinct,\n" : "false AS indnullsnotdistinct,\n");
    sb_printf(sql, "  a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)\n"
                   "FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a\n"
                   "WHERE i.indexrelid = c.oid AND c.oid = '%s' AND c.relam = a.oid\nAND i.indrelid = c2.oid;",
              f->r->oid);
}

static bool add_index_info(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    build_index_info_query(&sql, f);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return false;
    }
    StrBuf b = STRBUF_INIT;
    if (is_t(res, 0, 1))
        sb_append(&b, "primary key, ");
    else if (is_t(res, 0, 0))
        sb_printf(&b, "unique%s, ", is_t(res, 0, 7) ? " nulls not distinct" : "");
    /* the index and its table are in the same schema */
    sb_printf(&b, "%s, for table \"%s.%s\"", val(res, 0, 8), f->r->schema, val(res, 0, 9));
    if (*val(res, 0, 10))
        sb_printf(&b, ", predicate (%s)", val(res, 0, 10));
    static const struct { int col; bool when; const char *text; } flags[] = {
        {2, true, ", clustered"}, {3, false, ", invalid"}, {4, true, ", deferrable"},
        {5, true, ", initially deferred"}, {6, true, ", replica identity"},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (is_t(res, 0, flags[i].col) == flags[i].when)
            sb_append(&b, flags[i].text);
    add_line(f, b.data);
    sb_free(&b);
    PQclear(res);
    /* a partitioned index gets its tablespace with the other closing lines */
    return f->r->kind == 'i' ? add_tablespace_line(f, 'i', f->r->tablespace) : true;
}

/* ---- what a table has: indexes, constraints, policies, statistics, rules, publications ---- */

/* tables, materialized views, foreign tables, partitioned tables and TOAST tables */
static bool is_table(const Footers *f)
{
    return relkind_in(f->r->kind, "rmfpt");
}

static bool has_indexes(const Footers *f)
{
    return is_table(f) && f->r->hasindex;
}

static void index_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, "    \"%s\"", val(res, i, 0));
    if (strcmp(val(res, i, 7), "x") == 0) {
        sb_printf(b, " %s", val(res, i, 6));
    } else {
        if (is_t(res, i, 1))
            sb_append(b, " PRIMARY KEY,");
        else if (is_t(res, i, 2))
            sb_append(b, strcmp(val(res, i, 7), "u") == 0 ? " UNIQUE CONSTRAINT," : " UNIQUE,");
        /* the definition from its access method on, as CREATE INDEX spells it */
        const char *def = val(res, i, 5);
        const char *using = strstr(def, " USING ");
        sb_printf(b, " %s", using ? using + 7 : def);
        if (is_t(res, i, 8))
            sb_append(b, " DEFERRABLE");
        if (is_t(res, i, 9))
            sb_append(b, " INITIALLY DEFERRED");
    }
    if (is_t(res, i, 3))
        sb_append(b, " CLUSTER");
    if (!is_t(res, i, 4))
        sb_append(b, " INVALID");
    if (is_t(res, i, 10))
        sb_append(b, " REPLICA IDENTITY");
}

static bool add_indexes(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, "
                    "pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  "
                    "pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred");
    sb_append(&sql, f->s->sversion >= 90400 ? ", i.indisreplident" : ", false AS indisreplident");
    sb_printf(&sql, ", c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n"
                    "  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = "
                    "i.indexrelid AND contype IN ('p','u','x'))\n"
                    "WHERE c.oid = '%s' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\n"
                    "ORDER BY i.indisprimary DESC, c2.relname;",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    if (PQntuples(res) > 0)
        add_line(f, "Indexes:");
    for (int i = 0; i < PQntuples(res); i++) {
        StrBuf line = STRBUF_INIT;
        index_line(&line, res, i);
        char *spc = tablespace_name(f->s, strtoul(val(res, i, 11), NULL, 10));
        if (spc)
            sb_printf(&line, ", tablespace \"%s\"", spc);
        free(spc);
        add_line(f, line.data);
        sb_free(&line);
    }
    PQclear(res);
    return true;
}

static bool has_checks(const Footers *f)
{
    return is_table(f) && f->r->checks > 0;
}

static void name_def_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, "    \"%s\" %s", val(res, i, 0), val(res, i, 1));
}

static bool add_checks(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\n"
                    "FROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '%s' AND r.contype = 'c'\nORDER BY 1;",
              f->r->oid);
    return add_list(f, &sql, "Check constraints:", name_def_line);
}

/* foreign keys live in triggers, except on partitioned tables, whose partitions hold them */
static bool may_have_foreign_keys(const Footers *f)
{
    return is_table(f) && (f->r->hastriggers || f->r->kind == 'p');
}

/* sametable, conname, condef, ontable */
static void foreign_key_line(StrBuf *b, const PGresult *res, int i)
{
    if (strcmp(val(res, i, 0), "f") == 0)
        sb_printf(b, "    TABLE \"%s\" CONSTRAINT \"%s\" %s", val(res, i, 3), val(res, i, 1), val(res, i, 2));
    else
        sb_printf(b, "    \"%s\" %s", val(res, i, 1), val(res, i, 2));
}

static bool add_foreign_keys(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    const char *oid = f->r->oid;
    if (f->s->sversion >= 120000 && (f->r->ispartition || f->r->kind == 'p')) {
        /* the table's own first, then those inherited from its partitioned ancestors */
        sb_printf(&sql, "SELECT conrelid = '%s'::pg_catalog.regclass AS sametable,\n       conname,\n"
                        "       pg_catalog.pg_get_constraintdef(oid, true) AS condef,\n"
                        "       conrelid::pg_catalog.regclass AS ontable\n  FROM pg_catalog.pg_constraint,\n"
                        "       pg_catalog.pg_partition_ancestors('%s')\n"
                        " WHERE conrelid = relid AND contype = 'f' AND conparentid = 0\n"
                        "ORDER BY sametable DESC, conname;",
                  oid, oid);
    } else {
        sb_printf(&sql, "SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n"
                        "  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\n"
                        "WHERE r.conrelid = '%s' AND r.contype = 'f'\n",
                  oid);
        if (f->s->sversion >= 120000)
            sb_append(&sql, "     AND conparentid = 0\n");
        sb_append(&sql, "ORDER BY conname");
    }
    return add_list(f, &sql, "Foreign-key constraints:", foreign_key_line);
}

/* conname, ontable, condef */
static void referenced_by_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, "    TABLE \"%s\" CONSTRAINT \"%s\" %s", val(res, i, 1), val(res, i, 0), val(res, i, 2));
}

static bool add_referenced_by(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    const char *oid = f->r->oid;
    if (f->s->sversion >= 120000)
        sb_printf(&sql, "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n"
                        "       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n"
                        "  FROM pg_catalog.pg_constraint c\n"
                        " WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('%s')\n"
                        "                     UNION ALL VALUES ('%s'::pg_catalog.regclass))\n"
                        "       AND contype = 'f' AND conparentid = 0\nORDER BY conname;",
                  oid, oid);
    else
        sb_printf(&sql, "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n"
                        "       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n"
                        "  FROM pg_catalog.pg_constraint\n WHERE confrelid = %s AND contype = 'f'\n"
                        "ORDER BY conname;",
                  oid);
    return add_list(f, &sql, "Referenced by:", referenced_by_line);
}

static bool has_policies(const Footers *f)
{
    return is_table(f) && f->s->sversion >= 90500;
}

/* polname, polpermissive, roles, qual, withcheck, cmd */
static void policy_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, "    POLICY \"%s\"", val(res, i, 0));
    if (val(res, i, 1)[0] == 'f')
        sb_append(b, " AS RESTRICTIVE");
    if (!PQgetisnull(res, i, 5))
        sb_printf(b, " FOR %s", val(res, i, 5));
    if (!PQgetisnull(res, i, 2))
        sb_printf(b, "\n      TO %s", val(res, i, 2));
    if (!PQgetisnull(res, i, 3))
        sb_printf(b, "\n      USING (%s)", val(res, i, 3));
    if (!PQgetisnull(res, i, 4))
        sb_printf(b, "\n      WITH CHECK (%s)", val(res, i, 4));
}

/* the heading tells whether row security is on (and forced), even with no policy */
static const char *policy_heading(const RelInfo *r, bool any)
{
    if (!r->rowsecurity)
        return any ? "Policies (row security disabled):" : NULL;
    if (r->forcerowsecurity)
        return any ? "Policies (forced row security enabled):" : "Policies (forced row security enabled): (none)";
    return any ? "Policies:" : "Policies (row security enabled): (none)";
}

static bool add_policies(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT pol.polname,");
    sb_append(&sql, f->s->sversion >= 100000 ? " pol.polpermissive,\n" : " 't' as polpermissive,\n");
    sb_printf(&sql, "  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select "
                    "rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n"
                    "  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n"
                    "  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n"
                    "  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n"
                    "    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\n"
                    "FROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '%s' ORDER BY 1;",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    const char *heading = policy_heading(f->r, PQntuples(res) > 0);
    if (heading)
        add_line(f, heading);
    add_rows(f, res, policy_line);
    PQclear(res);
    return true;
}

static bool has_statistics(const Footers *f)
{
    return is_table(f) && f->s->sversion >= 100000;
}

/*
 * oid, table, schema, name, columns, ndistinct, dependencies, mcv, target.  From 14 on
 * the kinds are left out when all are on (CREATE STATISTICS's default) or none is (an
 * expression's own statistics); older servers always list them.
 */
static void statistics_line(StrBuf *b, const PGresult *res, int i, bool always_kinds)
{
    static const char *const kinds[] = {"ndistinct", "dependencies", "mcv"};
    int on = 0;
    for (int k = 0; k < 3; k++)
        on += is_t(res, i, 5 + k);
    sb_printf(b, "    \"%s.%s\"", val(res, i, 2), val(res, i, 3));
    if (always_kinds || (on > 0 && on < 3)) {
        const char *sep = "";
        sb_append(b, " (");
        for (int k = 0; k < 3; k++)
            if (is_t(res, i, 5 + k)) {
                sb_printf(b, "%s%s", sep, kinds[k]);
                sep = ", ";
            }
        sb_append_char(b, ')');
    }
    sb_printf(b, " ON %s FROM %s", val(res, i, 4), val(res, i, 1));
    if (!PQgetisnull(res, i, 8) && strcmp(val(res, i, 8), "-1") != 0)
        sb_printf(b, "; STATISTICS %s", val(res, i, 8));
}

static void statistics_line_14(StrBuf *b, const PGresult *res, int i)
{
    statistics_line(b, res, i, false);
}

static void statistics_line_10(StrBuf *b, const PGresult *res, int i)
{
    statistics_line(b, res, i, true);
}

static bool add_statistics(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    bool modern = f->s->sversion >= 140000;
    sb_append(&sql, "SELECT oid, stxrelid::pg_catalog.regclass, ");
    if (modern)
        sb_append(&sql, "stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\n"
                        "pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n");
    else
        sb_append(&sql, "stxnamespace::pg_catalog.regnamespace AS nsp, stxname,\n"
                        "  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(attname),', ')\n"
                        "   FROM pg_catalog.unnest(stxkeys) s(attnum)\n"
                        "   JOIN pg_catalog.pg_attribute a ON (stxrelid = a.attrelid AND\n"
                        "        a.attnum = s.attnum AND NOT attisdropped)) AS columns,\n");
    sb_append(&sql, "  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n"
                    "  'm' = any(stxkind) AS mcv_enabled,\n");
    if (modern)
        sb_append(&sql, "stxstattarget\n");
    else
        sb_append(&sql, f->s->sversion >= 130000 ? "  stxstattarget\n" : "  -1 AS stxstattarget\n");
    sb_printf(&sql, "FROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '%s'\nORDER BY %s;", f->r->oid,
              modern ? "nsp, stxname" : "1");
    return add_list(f, &sql, "Statistics objects:", modern ? statistics_line_14 : statistics_line_10);
}

/* a materialized view's only rule is the one that makes it */
static bool has_table_rules(const Footers *f)
{
    return is_table(f) && f->r->hasrules && f->r->kind != 'm';
}

/* the definition after "CREATE RULE " */
static const char *rule_body(const char *ruledef)
{
    return strlen(ruledef) >= 12 ? ruledef + 12 : "";
}

static void rule_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, "    %s", rule_body(val(res, i, 1)));
}

static bool rule_enabled(const PGresult *res, int i)
{
    return val(res, i, 2)[0] == 'O';
}

static bool rule_disabled(const PGresult *res, int i)
{
    return val(res, i, 2)[0] == 'D';
}

static bool rule_always(const PGresult *res, int i)
{
    return val(res, i, 2)[0] == 'A';
}

static bool rule_replica(const PGresult *res, int i)
{
    return val(res, i, 2)[0] == 'R';
}

static const Category rule_categories[] = {
    {"Rules:", rule_enabled},
    {"Disabled rules:", rule_disabled},
    {"Rules firing always:", rule_always},
    {"Rules firing on replica only:", rule_replica},
};

static bool add_table_rules(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), "
                    "ev_enabled\nFROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '%s' ORDER BY 1;",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    add_categorized(f, res, rule_categories, 4, rule_line);
    PQclear(res);
    return true;
}

static bool has_publications(const Footers *f)
{
    return is_table(f) && f->s->sversion >= 100000;
}

/* pubname, row filter, column list */
static void publication_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, "    \"%s\"", val(res, i, 0));
    if (!PQgetisnull(res, i, 2))
        sb_printf(b, " (%s)", val(res, i, 2));
    if (!PQgetisnull(res, i, 1))
        sb_printf(b, " WHERE %s", val(res, i, 1));
}

static bool add_publications(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    const char *oid = f->r->oid;
    static const char all_tables[] = "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n"
                                     "WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('%s')\n"
                                     "ORDER BY 1;";
    if (f->s->sversion >= 150000) {
        /* through its schema, by name (with a row filter and a column list), or as all tables */
        sb_printf(&sql, "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n"
                        "     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n"
                        "     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\n"
                        "WHERE pc.oid ='%s' and pg_catalog.pg_relation_is_publishable('%s')\nUNION\n",
                  oid, oid);
        sb_printf(&sql, "SELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n"
                        "     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n"
                        "         (SELECT string_agg(attname, ', ')\n"
                        "           FROM pg_catalog.generate_series(0, "
                        "pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n"
                        "                pg_catalog.pg_attribute\n"
                        "          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n"
                        "        ELSE NULL END) FROM pg_catalog.pg_publication p\n"
                        "     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n"
                        "     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '%s'\nUNION\n",
                  oid);
    } else {
        sb_printf(&sql, "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n"
                        "JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n"
                        "WHERE pr.prrelid = '%s'\nUNION ALL\n",
                  oid);
    }
    sb_printf(&sql, all_tables, oid);
    return add_list(f, &sql, "Publications:", publication_line);
}

/* ---- views ---- */

static bool is_view_verbose(const Footers *f)
{
    return relkind_in(f->r->kind, "vm") && f->r->verbose;
}

static void view_rule_line(StrBuf *b, const PGresult *res, int i)
{
    sb_printf(b, " %s", rule_body(val(res, i, 1)));
}

static bool add_view_definition(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT pg_catalog.pg_get_viewdef('%s'::pg_catalog.oid, true);", f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    bool have_def = PQntuples(res) > 0;
    if (have_def) {
        add_line(f, "View definition:");
        add_line(f, val(res, 0, 0));
    }
    PQclear(res);
    if (!have_def || !f->r->hasrules)
        return true;
    sb_printf(&sql, "SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))\n"
                    "FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '%s' AND r.rulename != '_RETURN' ORDER BY 1;",
              f->r->oid);
    return add_list(f, &sql, "Rules:", view_rule_line);
}

/* ---- triggers ---- */

static bool has_triggers(const Footers *f)
{
    return f->r->hastriggers;
}

/* tgname, definition, tgenabled, tgisinternal, topmost parent table (NULL unless inherited) */
static void trigger_line(StrBuf *b, const PGresult *res, int i)
{
    const char *def = val(res, i, 1);
    const char *after = strstr(def, " TRIGGER ");
    sb_printf(b, "    %s", after ? after + 9 : def);
    if (!PQgetisnull(res, i, 4))
        sb_printf(b, ", ON TABLE %s", val(res, i, 4));
}

static bool trigger_enabled(const PGresult *res, int i)
{
    return strchr("Ot", val(res, i, 2)[0]) != NULL && val(res, i, 2)[0];
}

static bool trigger_disabled_user(const PGresult *res, int i)
{
    return val(res, i, 2)[0] && strchr("Df", val(res, i, 2)[0]) && val(res, i, 3)[0] == 'f';
}

static bool trigger_disabled_internal(const PGresult *res, int i)
{
    return val(res, i, 2)[0] && strchr("Df", val(res, i, 2)[0]) && val(res, i, 3)[0] == 't';
}

static bool trigger_always(const PGresult *res, int i)
{
    return val(res, i, 2)[0] == 'A';
}

static bool trigger_replica(const PGresult *res, int i)
{
    return val(res, i, 2)[0] == 'R';
}

static const Category trigger_categories[] = {
    {"Triggers:", trigger_enabled},
    {"Disabled user triggers:", trigger_disabled_user},
    {"Disabled internal triggers:", trigger_disabled_internal},
    {"Triggers firing always:", trigger_always},
    {"Triggers firing on replica only:", trigger_replica},
};

static bool add_triggers(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n");
    /*
     * An inherited trigger names the topmost table it comes from: the first ancestor
     * (in partition order) with a same-named trigger of its own.
     */
    if (f->s->sversion >= 130000)
        sb_append(&sql, "  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n"
                        "     FROM pg_catalog.pg_trigger AS u,\n"
                        "          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n"
                        "     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n"
                        "           AND u.tgparentid = 0\n     ORDER BY a.depth LIMIT 1)\n  END AS parent\n");
    else
        sb_append(&sql, "  NULL AS parent\n");
    sb_printf(&sql, "FROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = '%s' AND ", f->r->oid);
    /* 11 to 14 mark partitions' inherited triggers internal: they depend on the parent's */
    if (f->s->sversion >= 110000 && f->s->sversion < 150000)
        sb_append(&sql, "(NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D') \n"
                        "    OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend WHERE objid = t.oid \n"
                        "        AND refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass))");
    else
        sb_append(&sql, "(NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))");
    sb_append(&sql, "\nORDER BY 1;");
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    add_categorized(f, res, trigger_categories, 5, trigger_line);
    PQclear(res);
    return true;
}

/* ---- closing lines of tables and partitioned indexes ---- */

static bool is_closing_kind(const Footers *f)
{
    return relkind_in(f->r->kind, "rmfpIt");
}

static bool is_foreign(const Footers *f)
{
    return f->r->kind == 'f';
}

static bool add_server(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    sb_printf(&sql, "SELECT s.srvname,\n  pg_catalog.array_to_string(ARRAY(\n"
                    "    SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)\n"
                    "    FROM pg_catalog.pg_options_to_table(ftoptions)),  ', ')\n"
                    "FROM pg_catalog.pg_foreign_table f,\n     pg_catalog.pg_foreign_server s\n"
                    "WHERE f.ftrelid = '%s' AND s.oid = f.ftserver;",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    bool ok = PQntuples(res) == 1;
    if (ok) {
        add_linef(f, "Server: %s", val(res, 0, 0));
        if (*val(res, 0, 1))
            add_linef(f, "FDW options: (%s)", val(res, 0, 1));
    }
    PQclear(res);
    return ok;
}

/* "Label: first," then the others aligned under the first, comma-separated */
static void aligned_item(StrBuf *b, const char *label, int i, const char *item)
{
    if (i == 0)
        sb_printf(b, "%s: %s", label, item);
    else
        sb_printf(b, "%*s  %s", (int)strlen(label), "", item);
}

static bool add_inherits(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    /* a partition's parent has its own line */
    sb_printf(&sql, "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n"
                    "WHERE c.oid = i.inhparent AND i.inhrelid = '%s'\n  AND c.relkind != 'p' AND c.relkind != 'I'\n"
                    "ORDER BY inhseqno;",
              f->r->oid);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    int n = PQntuples(res);
    for (int i = 0; i < n; i++) {
        StrBuf line = STRBUF_INIT;
        aligned_item(&line, "Inherits", i, val(res, i, 0));
        if (i < n - 1)
            sb_append_char(&line, ',');
        add_line(f, line.data);
        sb_free(&line);
    }
    PQclear(res);
    return true;
}

static void build_children_query(StrBuf *sql, const Footers *f)
{
    int v = f->s->sversion;
    sb_printf(sql, "SELECT c.oid::pg_catalog.regclass, c.relkind, %s",
              v >= 140000 ? "inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
              : v >= 100000 ? "false AS inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
                            : "false AS inhdetachpending, NULL");
    sb_printf(sql, "\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n"
                   "WHERE c.oid = i.inhrelid AND i.inhparent = '%s'\nORDER BY %s"
                   "c.oid::pg_catalog.regclass::pg_catalog.text;",
              f->r->oid, v >= 100000 ? "pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', " : "");
}

/* regclass, relkind, detach pending, bound */
static void child_line(StrBuf *b, const PGresult *res, int i, int n, bool partitions)
{
    aligned_item(b, partitions ? "Partitions" : "Child tables", i, val(res, i, 0));
    if (!PQgetisnull(res, i, 3))
        sb_printf(b, " %s", val(res, i, 3));
    char kind = val(res, i, 1)[0];
    if (kind == 'p' || kind == 'I')
        sb_append(b, ", PARTITIONED");
    if (is_t(res, i, 2))
        sb_append(b, " (DETACH PENDING)");
    if (i < n - 1)
        sb_append_char(b, ',');
}

/* without +, only how many there are; a partitioned relation says so even with none */
static bool add_children(Footers *f)
{
    StrBuf sql = STRBUF_INIT;
    build_children_query(&sql, f);
    PGresult *res = run(f, &sql);
    if (!res)
        return false;
    int n = PQntuples(res);
    bool partitioned = relkind_in(f->r->kind, "pI");
    if (partitioned && n == 0) {
        add_line(f, "Number of partitions: 0");
    } else if (!f->r->verbose) {
        if (n > 0)
            add_linef(f, "Number of %s: %d (Use \\d+ to list them.)", partitioned ? "partitions" : "child tables",
                      n);
    } else {
        for (int i = 0; i < n; i++) {
            StrBuf line = STRBUF_INIT;
            child_line(&line, res, i, n, partitioned);
            add_line(f, line.data);
            sb_free(&line);
        }
    }
    PQclear(res);
    return true;
}

static bool add_typed_table(Footers *f)
{
    if (f->r->oftype)
        add_linef(f, "Typed table of type: %s", f->r->oftype);
    return true;
}

/*
 * Shown only when not the usual one (an index's is marked on the index line); for
 * the system catalogs the usual is NOTHING.
 */
static bool add_replica_identity(Footers *f)
{
    const RelInfo *r = f->r;
    if (!r->verbose || !relkind_in(r->kind, "rm") || r->replident == 'i')
        return true;
    bool catalog = strcmp(r->schema, "pg_catalog") == 0;
    if (catalog ? r->replident == 'n' : r->replident == 'd')
        return true;
    add_linef(f, "Replica Identity: %s",
              r->replident == 'f' ? "FULL" : r->replident == 'n' ? "NOTHING" : "???");
    return true;
}

static bool add_has_oids(Footers *f)
{
    if (f->r->verbose && f->r->kind != 'm' && f->r->hasoids)
        add_line(f, "Has OIDs: yes");
    return true;
}

static bool add_own_tablespace(Footers *f)
{
    return add_tablespace_line(f, f->r->kind, f->r->tablespace);
}

static bool add_access_method(Footers *f)
{
    if (f->r->verbose && f->r->am && !f->s->hide_tableam)
        add_linef(f, "Access method: %s", f->r->am);
    return true;
}

static bool always(const Footers *f)
{
    (void)f;
    return true;
}

static bool add_options(Footers *f)
{
    if (f->r->verbose && f->r->reloptions && *f->r->reloptions)
        add_linef(f, "Options: %s", f->r->reloptions);
    return true;
}

static const FooterSection sections[] = {
    {is_partition, add_partition_of},
    {is_partitioned_table, add_partition_key},
    {is_toast, add_owning_table},
    {is_index, add_index_info},
    {has_indexes, add_indexes},
    {has_checks, add_checks},
    {may_have_foreign_keys, add_foreign_keys},
    {may_have_foreign_keys, add_referenced_by},
    {has_policies, add_policies},
    {has_statistics, add_statistics},
    {has_table_rules, add_table_rules},
    {has_publications, add_publications},
    {is_view_verbose, add_view_definition},
    {has_triggers, add_triggers},
    {is_foreign, add_server},
    {is_closing_kind, add_inherits},
    {is_closing_kind, add_children},
    {is_closing_kind, add_typed_table},
    {is_closing_kind, add_replica_identity},
    {is_closing_kind, add_has_oids},
    {is_closing_kind, add_own_tablespace},
    {is_closing_kind, add_access_method},
    {always, add_options},
};

bool relation_add_footers(Session *s, const RelInfo *r, PrintTable *t)
{
    Footers f = {.s = s, .r = r, .t = t};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (sections[i].applies(&f) && !sections[i].add(&f))
            return false;
    return true;
}
