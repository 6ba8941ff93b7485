/*
 * Roles and privileges: \du and \dg (roles, their attributes and memberships),
 * \drds (per-role and per-database settings), \ddp (default privileges) and
 * \dp or \z (privileges and row security policies of tables and the like).
 */
#include <stdlib.h>
#include <string.h>

#include "meta/describe/objects.h"
#include "util/log.h"
#include "util/xalloc.h"

/* ---------- \du, \dg ---------- */

static const NamePattern role_name = {.namevar = "r.rolname", .maxparts = 1};

static const QueryStep role_steps[] = {
    Q_TEXT("SELECT r.rolname, r.rolsuper, r.rolinherit,\n"
           "  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,\n"
           "  r.rolconnlimit, r.rolvaliduntil,\n"
           "  ARRAY(SELECT b.rolname\n"
           "        FROM pg_catalog.pg_auth_members m\n"
           "        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)\n"
           "        WHERE m.member = r.oid) as memberof"),
    Q_IF(QS_VERBOSE, "\n, pg_catalog.shobj_description(r.oid, 'pg_authid') AS description"),
    Q_TEXT("\n, r.rolreplication"
           "\n, r.rolbypassrls"
           "\nFROM pg_catalog.pg_roles r\n"),
    Q_OPEN(QS_HIDE_SYSTEM, "WHERE r.rolname !~ '^pg_'\n"),
    Q_PATTERN(0, role_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

/* the result's columns */
enum { ROLE_NAME, ROLE_SUPER, ROLE_INHERIT, ROLE_CREATEROLE, ROLE_CREATEDB, ROLE_LOGIN, ROLE_CONNLIMIT,
       ROLE_VALID_UNTIL, ROLE_MEMBER_OF, ROLE_DESCRIPTION };

static void add_attribute(StrBuf *attrs, const char *text)
{
    if (attrs->len > 0)
        sb_append(attrs, ", ");
    sb_append(attrs, text);
}

/* the "Attributes" cell: the flags that differ from a plain login role, then limits */
static char *role_attributes(const PGresult *res, int row, bool verbose)
{
    /* replication and bypassrls follow the optional description */
    int replication = verbose ? ROLE_DESCRIPTION + 1 : ROLE_DESCRIPTION;
    const struct {
        int column;
        bool when_true;
        const char *text;
    } flags[] = {
        {ROLE_SUPER, true, "Superuser"},   {ROLE_INHERIT, false, "No inheritance"},
        {ROLE_CREATEROLE, true, "Create role"}, {ROLE_CREATEDB, true, "Create DB"},
        {ROLE_LOGIN, false, "Cannot login"}, {replication, true, "Replication"},
        {replication + 1, true, "Bypass RLS"},
    };
    StrBuf attrs = STRBUF_INIT;
    sb_append(&attrs, "");
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if ((strcmp(PQgetvalue(res, row, flags[i].column), "t") == 0) == flags[i].when_true)
            add_attribute(&attrs, flags[i].text);
    int conns = atoi(PQgetvalue(res, row, ROLE_CONNLIMIT));
    if (conns >= 0) {
        if (attrs.len > 0)
            sb_append_char(&attrs, '\n');
        if (conns == 0)
            sb_append(&attrs, "No connections");
        else
            sb_printf(&attrs, conns == 1 ? "%d connection" : "%d connections", conns);
    }
    const char *valid_until = PQgetvalue(res, row, ROLE_VALID_UNTIL);
    if (valid_until[0] != '\0') {
        if (attrs.len > 0)
            sb_append_char(&attrs, '\n');
        sb_printf(&attrs, "Password valid until %s", valid_until);
    }
    return sb_steal(&attrs);
}

static void print_roles(Session *s, const PGresult *res, bool verbose)
{
    static const char *const headers[] = {"Role name", "Attributes", "Member of", "Description"};
    int ncols = verbose ? 4 : 3;
    int nrows = PQntuples(res);
    const char **cells = xcalloc((size_t)nrows * (size_t)ncols + 1, sizeof *cells);
    char **attributes = xcalloc((size_t)nrows + 1, sizeof *attributes);
    for (int i = 0; i < nrows; i++) {
        const char **row = cells + (size_t)i * (size_t)ncols;
        attributes[i] = role_attributes(res, i, verbose);
        row[0] = PQgetvalue(res, i, ROLE_NAME);
        row[1] = attributes[i];
        row[2] = PQgetvalue(res, i, ROLE_MEMBER_OF);
        if (verbose)
            row[3] = PQgetvalue(res, i, ROLE_DESCRIPTION);
    }
    PrintTable t;
    ptable_init(&t, ncols, nrows, headers, "llll", cells);
    ptable_set_title(&t, "List of roles");
    /* psql prints this table itself, without printQuery's row count or null display */
    ListingPrint spec = {.title = "List of roles", .keep_null_display = true, .no_default_footer = true};
    listing_print_table(s, &t, &spec);
    ptable_free(&t);
    for (int i = 0; i < nrows; i++)
        free(attributes[i]);
    free(attributes);
    free(cells);
}

MetaResult describe_roles_cmd(DescribeCtx *d)
{
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    PGresult *res = query_spec_exec(d->s, role_steps, &a);
    if (!res)
        return META_ERROR;
    print_roles(d->s, res, d->verbose);
    PQclear(res);
    return META_SKIP_LINE;
}

/* ---------- \drds ROLEPATTERN DATABASEPATTERN ---------- */

static const NamePattern setting_role = {.arg = 0, .namevar = "r.rolname", .maxparts = 1};
static const NamePattern setting_database = {.arg = 1, .namevar = "d.datname", .maxparts = 1};

static const QueryStep role_setting_steps[] = {
    Q_TEXT("SELECT rolname AS \"Role\", datname AS \"Database\",\n"
           "pg_catalog.array_to_string(setconfig, E'\\n') AS \"Settings\"\n"
           "FROM pg_catalog.pg_db_role_setting s\n"
           "LEFT JOIN pg_catalog.pg_database d ON d.oid = setdatabase\n"
           "LEFT JOIN pg_catalog.pg_roles r ON r.oid = setrole\n"),
    Q_PATTERN(0, setting_role),
    Q_PATTERN(0, setting_database),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

/* an empty list says so, since the two patterns are easily confused (psql only warns when not quiet) */
static void report_no_settings(const char *role, const char *database)
{
    if (role && database)
        log_error("Did not find any settings for role \"%s\" and database \"%s\".", role, database);
    else if (role)
        log_error("Did not find any settings for role \"%s\".", role);
    else
        log_error("Did not find any settings.");
}

MetaResult describe_role_settings_cmd(DescribeCtx *d)
{
    char *database = d->pattern ? meta_arg(d->meta, OT_NORMAL, NULL, true) : NULL;
    QueryArgs a;
    query_spec_args(d, database, &a);
    PGresult *res = query_spec_exec(d->s, role_setting_steps, &a);
    MetaResult r = query_spec_status(res != NULL);
    if (res && PQntuples(res) == 0 && !d->s->quiet) {
        report_no_settings(d->pattern, database);
    } else if (res) {
        ListingPrint spec = {.title = "List of settings"};
        listing_print_result(d->s, res, &spec);
    }
    PQclear(res);
    free(database);
    return r;
}

/* ---------- \ddp ---------- */

/* a pattern matches the schema or the role the defaults belong to */
static const NamePattern default_acl_owner = {
    .namevar = "n.nspname",
    .altnamevar = "pg_catalog.pg_get_userbyid(d.defaclrole)",
    .maxparts = 3,
};

static const QueryStep default_acl_steps[] = {
    Q_TEXT("SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS \"Owner\",\n"
           "  n.nspname AS \"Schema\",\n"
           "  CASE d.defaclobjtype WHEN 'r' THEN 'table' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'function' "
           "WHEN 'T' THEN 'type' WHEN 'n' THEN 'schema' END AS \"Type\",\n"
           "  pg_catalog.array_to_string(d.defaclacl, E'\\n') AS \"Access privileges\"\n"
           "FROM pg_catalog.pg_default_acl d\n"
           "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace\n"),
    Q_PATTERN(0, default_acl_owner),
    Q_TEXT("ORDER BY 1, 2, 3;"),
    Q_END,
};

static const QuerySpec default_acl_list = {.steps = default_acl_steps, .title = "Default access privileges"};

MetaResult describe_default_acls_cmd(DescribeCtx *d)
{
    return query_spec_list(d, &default_acl_list, NULL);
}

/* ---------- \dp, \z ---------- */

/*
 * Without a schema in the pattern, system and other sessions' temporary tables
 * are left out: their privileges are rarely of interest (\z pg_catalog.* shows them).
 */
static const NamePattern privilege_relation = {
    .schemavar = "n.nspname",
    .namevar = "c.relname",
    .visibility = "n.nspname !~ '^pg_' AND pg_catalog.pg_table_is_visible(c.oid)",
    .maxparts = 3,
};

static const QueryStep privilege_steps[] = {
    Q_TEXT("SELECT n.nspname as \"Schema\",\n"
           "  c.relname as \"Name\",\n"
           "  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
           "WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END as "
           "\"Type\",\n"
           "  pg_catalog.array_to_string(c.relacl, E'\\n') AS \"Access privileges\",\n"
           "  pg_catalog.array_to_string(ARRAY(\n"
           "    SELECT attname || E':\\n  ' || pg_catalog.array_to_string(attacl, E'\\n  ')\n"
           "    FROM pg_catalog.pg_attribute a\n"
           "    WHERE attrelid = c.oid AND NOT attisdropped AND attacl IS NOT NULL\n"
           "  ), E'\\n') AS \"Column privileges\""),
    Q_SINCE(100000, 0, ",\n  pg_catalog.array_to_string(ARRAY(\n"
                       "    SELECT polname\n"
                       "    || CASE WHEN NOT polpermissive THEN\n"
                       "       E' (RESTRICTIVE)'\n"
                       "       ELSE '' END\n"
                       "    || CASE WHEN polcmd != '*' THEN\n"
                       "           E' (' || polcmd::pg_catalog.text || E'):'\n"
                       "       ELSE E':'\n"
                       "       END\n"
                       "    || CASE WHEN polqual IS NOT NULL THEN\n"
                       "           E'\\n  (u): ' || pg_catalog.pg_get_expr(polqual, polrelid)\n"
                       "       ELSE E''\n"
                       "       END\n"
                       "    || CASE WHEN polwithcheck IS NOT NULL THEN\n"
                       "           E'\\n  (c): ' || pg_catalog.pg_get_expr(polwithcheck, polrelid)\n"
                       "       ELSE E''\n"
                       "       END"
                       "    || CASE WHEN polroles <> '{0}' THEN\n"
                       "           E'\\n  to: ' || pg_catalog.array_to_string(\n"
                       "               ARRAY(\n"
                       "                   SELECT rolname\n"
                       "                   FROM pg_catalog.pg_roles\n"
                       "                   WHERE oid = ANY (polroles)\n"
                       "                   ORDER BY 1\n"
                       "               ), E', ')\n"
                       "       ELSE E''\n"
                       "       END\n"
                       "    FROM pg_catalog.pg_policy pol\n"
                       "    WHERE polrelid = c.oid), E'\\n')\n"
                       "    AS \"Policies\""),
    Q_OPEN(0, "\nFROM pg_catalog.pg_class c\n"
              "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
              "WHERE c.relkind IN ('r','v','m','S','f','p')\n"),
    Q_PATTERN(0, privilege_relation),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec privilege_list = {.steps = privilege_steps, .title = "Access privileges"};

MetaResult describe_privileges_cmd(DescribeCtx *d)
{
    /* \dp ignores any letters after it, but psql 15 knows \z only bare */
    if (d->cmd[0] == 'z' && d->rest[0] != '\0')
        return META_UNKNOWN;
    return query_spec_list(d, &privilege_list, NULL);
}
