/*
 * The table of every object command, and the listings with a single query:
 * tablespaces, types, domains, casts, conversions, configuration parameters,
 * collations, languages, schemas, extensions, event triggers and object
 * comments, each a list of query steps and a title (see query_spec.h).
 */
#include "meta/describe/objects.h"

#include "exec/cancel.h"
#include "util/log.h"

/* ---------- pieces several queries share ---------- */

#define HIDE_SYSTEM_SCHEMAS                                                                                  \
    "      AND n.nspname <> 'pg_catalog'\n"                                                                  \
    "      AND n.nspname <> 'information_schema'\n"
#define WHERE_HIDE_SYSTEM_SCHEMAS                                                                            \
    "WHERE n.nspname <> 'pg_catalog'\n"                                                                      \
    "      AND n.nspname <> 'information_schema'\n"

/* a pattern that names one object by itself (no schema) */
#define PLAIN_NAME(column, parts) {.namevar = (column), .maxparts = (parts)}

/* ---------- \db ---------- */

static const NamePattern tablespace_name = PLAIN_NAME("spcname", 1);

static const QueryStep tablespace_steps[] = {
    Q_TEXT("SELECT spcname AS \"Name\",\n"
           "  pg_catalog.pg_get_userbyid(spcowner) AS \"Owner\",\n"
           "  pg_catalog.pg_tablespace_location(oid) AS \"Location\""),
    Q_IF(QS_VERBOSE, ",\n  " ACL_COLUMN("spcacl") ",\n  spcoptions AS \"Options\""
                     ",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_tablespace_size(oid)) AS \"Size\""
                     ",\n  pg_catalog.shobj_description(oid, 'pg_tablespace') AS \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_tablespace\n"),
    Q_PATTERN(0, tablespace_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec tablespace_list = {.steps = tablespace_steps, .title = "List of tablespaces"};

/* ---------- \dT ---------- */

static const NamePattern type_name = {
    .map_type = true,
    .schemavar = "n.nspname",
    .namevar = "t.typname",
    .altnamevar = "pg_catalog.format_type(t.oid, NULL)",
    .visibility = "pg_catalog.pg_type_is_visible(t.oid)",
    .maxparts = 3,
};

static const QueryStep type_steps[] = {
    Q_TEXT("SELECT n.nspname as \"Schema\",\n"
           "  pg_catalog.format_type(t.oid, NULL) AS \"Name\",\n"),
    Q_IF(QS_VERBOSE, "  t.typname AS \"Internal name\",\n"
                     "  CASE WHEN t.typrelid != 0\n"
                     "      THEN CAST('tuple' AS pg_catalog.text)\n"
                     "    WHEN t.typlen < 0\n"
                     "      THEN CAST('var' AS pg_catalog.text)\n"
                     "    ELSE CAST(t.typlen AS pg_catalog.text)\n"
                     "  END AS \"Size\",\n"
                     "  pg_catalog.array_to_string(\n"
                     "      ARRAY(\n"
                     "          SELECT e.enumlabel\n"
                     "          FROM pg_catalog.pg_enum e\n"
                     "          WHERE e.enumtypid = t.oid\n"
                     "          ORDER BY e.enumsortorder\n"
                     "      ),\n"
                     "      E'\\n'\n"
                     "  ) AS \"Elements\",\n"
                     "  pg_catalog.pg_get_userbyid(t.typowner) AS \"Owner\",\n" ACL_COLUMN("t.typacl") ",\n  "),
    Q_TEXT("  pg_catalog.obj_description(t.oid, 'pg_type') as \"Description\"\n"
           "FROM pg_catalog.pg_type t\n"
           "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"),
    /* row types only for standalone composite types */
    Q_OPEN(0, "WHERE (t.typrelid = 0 OR (SELECT c.relkind = 'c' FROM pg_catalog.pg_class c "
              "WHERE c.oid = t.typrelid))\n"),
    Q_IF(QS_NO_ARRAY, "  AND NOT EXISTS(SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem "
                      "AND el.typarray = t.oid)\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, type_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec type_list = {.steps = type_steps, .title = "List of data types"};

/* ---------- \dD ---------- */

static const NamePattern domain_name = {
    .schemavar = "n.nspname",
    .namevar = "t.typname",
    .visibility = "pg_catalog.pg_type_is_visible(t.oid)",
    .maxparts = 3,
};

static const QueryStep domain_steps[] = {
    Q_TEXT("SELECT n.nspname as \"Schema\",\n"
           "       t.typname as \"Name\",\n"
           "       pg_catalog.format_type(t.typbasetype, t.typtypmod) as \"Type\",\n"
           "       (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type bt\n"
           "        WHERE c.oid = t.typcollation AND bt.oid = t.typbasetype AND t.typcollation <> "
           "bt.typcollation) as \"Collation\",\n"
           "       CASE WHEN t.typnotnull THEN 'not null' END as \"Nullable\",\n"
           "       t.typdefault as \"Default\",\n"
           "       pg_catalog.array_to_string(ARRAY(\n"
           "         SELECT pg_catalog.pg_get_constraintdef(r.oid, true) FROM pg_catalog.pg_constraint r "
           "WHERE t.oid = r.contypid\n"
           "       ), ' ') as \"Check\""),
    Q_IF(QS_VERBOSE, ",\n  " ACL_COLUMN("t.typacl") ",\n       d.description as \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_type t\n"
           "     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n"),
    Q_IF(QS_VERBOSE, "     LEFT JOIN pg_catalog.pg_description d ON d.classoid = t.tableoid AND d.objoid = t.oid "
                     "AND d.objsubid = 0\n"),
    Q_OPEN(0, "WHERE t.typtype = 'd'\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, domain_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec domain_list = {.steps = domain_steps, .title = "List of domains"};

/* ---------- \dC: a pattern matches the source or the target type ---------- */

static const NamePattern cast_source = {
    .schemavar = "ns.nspname",
    .namevar = "ts.typname",
    .altnamevar = "pg_catalog.format_type(ts.oid, NULL)",
    .visibility = "pg_catalog.pg_type_is_visible(ts.oid)",
    .maxparts = 3,
};

static const NamePattern cast_target = {
    .schemavar = "nt.nspname",
    .namevar = "tt.typname",
    .altnamevar = "pg_catalog.format_type(tt.oid, NULL)",
    .visibility = "pg_catalog.pg_type_is_visible(tt.oid)",
    .maxparts = 3,
};

static const QueryStep cast_steps[] = {
    Q_TEXT("SELECT pg_catalog.format_type(castsource, NULL) AS \"Source type\",\n"
           "       pg_catalog.format_type(casttarget, NULL) AS \"Target type\",\n"
           "       CASE WHEN c.castmethod = 'b' THEN '(binary coercible)'\n"
           "            WHEN c.castmethod = 'i' THEN '(with inout)'\n"
           "            ELSE p.proname\n"
           "       END AS \"Function\",\n"
           "       CASE WHEN c.castcontext = 'e' THEN 'no'\n"
           "            WHEN c.castcontext = 'a' THEN 'in assignment'\n"
           "            ELSE 'yes'\n"
           "       END AS \"Implicit?\""),
    Q_IF(QS_VERBOSE, ",\n       d.description AS \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_cast c LEFT JOIN pg_catalog.pg_proc p\n"
           "     ON c.castfunc = p.oid\n"
           "     LEFT JOIN pg_catalog.pg_type ts\n"
           "     ON c.castsource = ts.oid\n"
           "     LEFT JOIN pg_catalog.pg_namespace ns\n"
           "     ON ns.oid = ts.typnamespace\n"
           "     LEFT JOIN pg_catalog.pg_type tt\n"
           "     ON c.casttarget = tt.oid\n"
           "     LEFT JOIN pg_catalog.pg_namespace nt\n"
           "     ON nt.oid = tt.typnamespace\n"),
    Q_IF(QS_VERBOSE, "     LEFT JOIN pg_catalog.pg_description d\n"
                     "     ON d.classoid = c.tableoid AND d.objoid = c.oid AND d.objsubid = 0\n"),
    Q_OPEN(0, "WHERE ( (true"),
    Q_PATTERN(0, cast_source),
    Q_TEXT(") OR (true"),
    Q_PATTERN(0, cast_target),
    Q_TEXT(") )\nORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec cast_list = {.steps = cast_steps, .title = "List of casts"};

/* ---------- \dc ---------- */

static const NamePattern conversion_name = {
    .schemavar = "n.nspname",
    .namevar = "c.conname",
    .visibility = "pg_catalog.pg_conversion_is_visible(c.oid)",
    .maxparts = 3,
};

static const QueryStep conversion_steps[] = {
    Q_TEXT("SELECT n.nspname AS \"Schema\",\n"
           "       c.conname AS \"Name\",\n"
           "       pg_catalog.pg_encoding_to_char(c.conforencoding) AS \"Source\",\n"
           "       pg_catalog.pg_encoding_to_char(c.contoencoding) AS \"Destination\",\n"
           "       CASE WHEN c.condefault THEN 'yes'\n"
           "       ELSE 'no' END AS \"Default?\""),
    Q_IF(QS_VERBOSE, ",\n       d.description AS \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_conversion c\n"
           "     JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace\n"),
    Q_IF(QS_VERBOSE, "LEFT JOIN pg_catalog.pg_description d ON d.classoid = c.tableoid\n"
                     "          AND d.objoid = c.oid AND d.objsubid = 0\n"),
    Q_OPEN(0, "WHERE true\n"),
    Q_IF(QS_HIDE_SYSTEM, "  AND n.nspname <> 'pg_catalog'\n"
                         "  AND n.nspname <> 'information_schema'\n"),
    Q_PATTERN(0, conversion_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec conversion_list = {.steps = conversion_steps, .title = "List of conversions"};

/* ---------- \dconfig: without a pattern, only what differs from the built-in default ---------- */

/* psql matches the lower-cased name and does not check the qualification here */
static const NamePattern parameter_name = {.namevar = "pg_catalog.lower(s.name)"};

static const QueryStep parameter_steps[] = {
    Q_TEXT("SELECT s.name AS \"Parameter\", pg_catalog.current_setting(s.name) AS \"Value\""),
    Q_IF(QS_VERBOSE, ", s.vartype AS \"Type\", s.context AS \"Context\", "),
    Q_SINCE(150000, QS_VERBOSE, ACL_COLUMN("p.paracl")),
    Q_BEFORE(150000, QS_VERBOSE, "NULL AS \"Access privileges\""),
    Q_TEXT("\nFROM pg_catalog.pg_settings s\n"),
    Q_SINCE(150000, QS_VERBOSE, "  LEFT JOIN pg_catalog.pg_parameter_acl p\n"
                                "  ON pg_catalog.lower(s.name) = p.parname\n"),
    Q_PATTERN(QS_PATTERN, parameter_name),
    Q_IF(QS_NO_PATTERN, "WHERE s.source <> 'default' AND\n"
                        "      s.setting IS DISTINCT FROM s.boot_val\n"),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec parameter_list = {
    .steps = parameter_steps,
    .title = "List of non-default configuration parameters",
    .title_for_pattern = "List of configuration parameters",
};

/* ---------- \dO ---------- */

static const NamePattern collation_name = {
    .schemavar = "n.nspname",
    .namevar = "c.collname",
    .visibility = "pg_catalog.pg_collation_is_visible(c.oid)",
    .maxparts = 3,
};

static const QueryStep collation_steps[] = {
    Q_TEXT("SELECT n.nspname AS \"Schema\",\n"
           "       c.collname AS \"Name\",\n"
           "       c.collcollate AS \"Collate\",\n"
           "       c.collctype AS \"Ctype\""),
    Q_SINCE(150000, 0, ",\n       c.colliculocale AS \"ICU Locale\""),
    Q_BEFORE(150000, 0, ",\n       c.collcollate AS \"ICU Locale\""),
    Q_TEXT(",\n       CASE c.collprovider WHEN 'd' THEN 'default' WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END "
           "AS \"Provider\""),
    Q_SINCE(120000, 0, ",\n       CASE WHEN c.collisdeterministic THEN 'yes' ELSE 'no' END AS \"Deterministic?\""),
    Q_BEFORE(120000, 0, ",\n       'yes' AS \"Deterministic?\""),
    Q_IF(QS_VERBOSE, ",\n       pg_catalog.obj_description(c.oid, 'pg_collation') AS \"Description\""),
    Q_OPEN(0, "\nFROM pg_catalog.pg_collation c, pg_catalog.pg_namespace n\n"
              "WHERE n.oid = c.collnamespace\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    /* collations unusable in the database's encoding are hidden (pg_collation_is_visible rejects them) */
    Q_TEXT("      AND c.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))\n"),
    Q_PATTERN(0, collation_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec collation_list = {.steps = collation_steps, .title = "List of collations"};

/* ---------- \dL ---------- */

static const NamePattern language_name = PLAIN_NAME("l.lanname", 2);

static const QueryStep language_steps[] = {
    Q_TEXT("SELECT l.lanname AS \"Name\",\n"
           "       pg_catalog.pg_get_userbyid(l.lanowner) as \"Owner\",\n"
           "       l.lanpltrusted AS \"Trusted\""),
    Q_IF(QS_VERBOSE, ",\n       NOT l.lanispl AS \"Internal language\",\n"
                     "       l.lanplcallfoid::pg_catalog.regprocedure AS \"Call handler\",\n"
                     "       l.lanvalidator::pg_catalog.regprocedure AS \"Validator\",\n"
                     "       l.laninline::pg_catalog.regprocedure AS \"Inline handler\",\n"
                     "       " ACL_COLUMN("l.lanacl")),
    Q_TEXT(",\n       d.description AS \"Description\""
           "\nFROM pg_catalog.pg_language l\n"
           "LEFT JOIN pg_catalog.pg_description d\n"
           "  ON d.classoid = l.tableoid AND d.objoid = l.oid\n"
           "  AND d.objsubid = 0\n"),
    Q_PATTERN(0, language_name),
    /* the built-in languages (internal, c, sql) have no call handler */
    Q_IF(QS_HIDE_SYSTEM, "WHERE l.lanplcallfoid != 0\n"),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec language_list = {.steps = language_steps, .title = "List of languages"};

/* ---------- \dn (its footer lists the publications of a named schema) ---------- */

static const NamePattern schema_name = PLAIN_NAME("n.nspname", 2);

static const QueryStep schema_steps[] = {
    Q_TEXT("SELECT n.nspname AS \"Name\",\n"
           "  pg_catalog.pg_get_userbyid(n.nspowner) AS \"Owner\""),
    Q_IF(QS_VERBOSE, ",\n  " ACL_COLUMN("n.nspacl") ",\n  pg_catalog.obj_description(n.oid, 'pg_namespace') AS "
                     "\"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_namespace n\n"),
    Q_OPEN(QS_HIDE_SYSTEM, "WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\n"),
    Q_PATTERN(0, schema_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

/* adds "Publications:" footers; false after a query error */
static bool add_schema_publications(Session *s, const char *pattern, PrintTable *t)
{
    StrBuf sql = STRBUF_INIT;
    /* like psql, the pattern is taken as the schema's exact name, as typed */
    sb_printf(&sql,
              "SELECT pubname \n"
              "FROM pg_catalog.pg_publication p\n"
              "     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n"
              "     JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid \n"
              "WHERE n.nspname = '%s'\n"
              "ORDER BY 1",
              pattern);
    PGresult *res = describe_exec(s, sb_str(&sql));
    sb_free(&sql);
    if (!res)
        return false;
    int n = PQntuples(res);
    if (n > 0)
        ptable_add_footer(t, "Publications:");
    for (int i = 0; i < n; i++) {
        StrBuf line = STRBUF_INIT;
        sb_printf(&line, "    \"%s\"", PQgetvalue(res, i, 0));
        ptable_add_footer(t, sb_str(&line));
        sb_free(&line);
    }
    PQclear(res);
    return true;
}

static MetaResult cmd_schemas(DescribeCtx *d)
{
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    PGresult *res = query_spec_exec(d->s, schema_steps, &a);
    if (!res)
        return META_ERROR;
    PrintTable t;
    ptable_from_result(&t, res);
    ptable_set_title(&t, "List of schemas");
    bool ok = !d->pattern || d->s->sversion < 150000 || add_schema_publications(d->s, d->pattern, &t);
    if (ok) {
        ListingPrint spec = {.title = "List of schemas"};
        listing_print_table(d->s, &t, &spec);
    }
    ptable_free(&t);
    PQclear(res);
    return query_spec_status(ok);
}

/* ---------- \dx and \dx+ ---------- */

static const NamePattern extension_name = PLAIN_NAME("e.extname", 1);

static const QueryStep extension_steps[] = {
    Q_TEXT("SELECT e.extname AS \"Name\", e.extversion AS \"Version\", n.nspname AS \"Schema\", "
           "c.description AS \"Description\"\n"
           "FROM pg_catalog.pg_extension e LEFT JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
           "LEFT JOIN pg_catalog.pg_description c ON c.objoid = e.oid "
           "AND c.classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass\n"),
    Q_PATTERN(0, extension_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec extension_list = {.steps = extension_steps, .title = "List of installed extensions"};

static const QueryStep extension_oid_steps[] = {
    Q_TEXT("SELECT e.extname, e.oid\n"
           "FROM pg_catalog.pg_extension e\n"),
    Q_PATTERN(0, extension_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static bool list_extension_members(Session *s, const char *name, const char *oid)
{
    StrBuf sql = STRBUF_INIT, title = STRBUF_INIT;
    sb_printf(&sql,
              "SELECT pg_catalog.pg_describe_object(classid, objid, 0) AS \"Object description\"\n"
              "FROM pg_catalog.pg_depend\n"
              "WHERE refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND refobjid = '%s' AND "
              "deptype = 'e'\n"
              "ORDER BY 1;",
              oid);
    sb_printf(&title, "Objects in extension \"%s\"", name);
    ListingPrint spec = {.title = sb_str(&title)};
    bool ok = describe_list(s, sb_str(&sql), &spec);
    sb_free(&sql);
    sb_free(&title);
    return ok;
}

static MetaResult cmd_extension_members(DescribeCtx *d)
{
    QueryArgs a;
    query_spec_args(d, NULL, &a);
    PGresult *res = query_spec_exec(d->s, extension_oid_steps, &a);
    if (!res)
        return META_ERROR;
    int n = PQntuples(res);
    bool ok = n > 0;
    if (!ok && !d->s->quiet) {
        if (d->pattern)
            log_error("Did not find any extension named \"%s\".", d->pattern);
        else
            log_error("Did not find any extensions.");
    }
    /* Ctrl-C stops the listing between two extensions, as in psql */
    for (int i = 0; ok && i < n; i++)
        ok = list_extension_members(d->s, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1)) && !cancel_was_pressed();
    PQclear(res);
    return query_spec_status(ok);
}

static MetaResult cmd_extensions(DescribeCtx *d)
{
    return d->verbose ? cmd_extension_members(d) : query_spec_list(d, &extension_list, NULL);
}

/* ---------- \dy ---------- */

static const NamePattern event_trigger_name = PLAIN_NAME("evtname", 1);

static const QueryStep event_trigger_steps[] = {
    Q_TEXT("SELECT evtname as \"Name\", evtevent as \"Event\", pg_catalog.pg_get_userbyid(e.evtowner) as "
           "\"Owner\",\n"
           " case evtenabled when 'O' then 'enabled'  when 'R' then 'replica'  when 'A' then 'always'  "
           "when 'D' then 'disabled' end as \"Enabled\",\n"
           " e.evtfoid::pg_catalog.regproc as \"Function\", pg_catalog.array_to_string(array(select x from "
           "pg_catalog.unnest(evttags) as t(x)), ', ') as \"Tags\""),
    Q_IF(QS_VERBOSE, ",\npg_catalog.obj_description(e.oid, 'pg_event_trigger') as \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_event_trigger e "),
    Q_PATTERN(0, event_trigger_name),
    Q_TEXT("ORDER BY 1"),
    Q_END,
};

static const QuerySpec event_trigger_list = {.steps = event_trigger_steps, .title = "List of event triggers"};

/* ---------- \dd: comments on the objects that have no \d command of their own ---------- */

#define COMMENTED(schema, name, vis) {.schemavar = (schema), .namevar = (name), .visibility = (vis), .maxparts = 3}

static const NamePattern table_constraint_name =
    COMMENTED("n.nspname", "pgc.conname", "pg_catalog.pg_table_is_visible(c.oid)");
static const NamePattern domain_constraint_name =
    COMMENTED("n.nspname", "pgc.conname", "pg_catalog.pg_type_is_visible(t.oid)");
static const NamePattern opclass_name = COMMENTED("n.nspname", "o.opcname", "pg_catalog.pg_opclass_is_visible(o.oid)");
static const NamePattern opfamily_name =
    COMMENTED("n.nspname", "opf.opfname", "pg_catalog.pg_opfamily_is_visible(opf.oid)");
static const NamePattern rule_name = COMMENTED("n.nspname", "r.rulename", "pg_catalog.pg_table_is_visible(c.oid)");
static const NamePattern trigger_name = COMMENTED("n.nspname", "t.tgname", "pg_catalog.pg_table_is_visible(c.oid)");

static const QueryStep comment_steps[] = {
    Q_TEXT("SELECT DISTINCT tt.nspname AS \"Schema\", tt.name AS \"Name\", tt.object AS \"Object\", "
           "d.description AS \"Description\"\n"
           "FROM (\n"),
    Q_RESET("  SELECT pgc.oid as oid, pgc.tableoid AS tableoid,\n"
            "  n.nspname as nspname,\n"
            "  CAST(pgc.conname AS pg_catalog.text) as name,  CAST('table constraint' AS pg_catalog.text) as "
            "object\n"
            "  FROM pg_catalog.pg_constraint pgc\n"
            "    JOIN pg_catalog.pg_class c ON c.oid = pgc.conrelid\n"
            "    LEFT JOIN pg_catalog.pg_namespace n     ON n.oid = c.relnamespace\n"),
    Q_OPEN(QS_HIDE_SYSTEM, WHERE_HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, table_constraint_name),
    Q_RESET("UNION ALL\n"
            "  SELECT pgc.oid as oid, pgc.tableoid AS tableoid,\n"
            "  n.nspname as nspname,\n"
            "  CAST(pgc.conname AS pg_catalog.text) as name,  CAST('domain constraint' AS pg_catalog.text) as "
            "object\n"
            "  FROM pg_catalog.pg_constraint pgc\n"
            "    JOIN pg_catalog.pg_type t ON t.oid = pgc.contypid\n"
            "    LEFT JOIN pg_catalog.pg_namespace n     ON n.oid = t.typnamespace\n"),
    Q_OPEN(QS_HIDE_SYSTEM, WHERE_HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, domain_constraint_name),
    /* the join condition stands for the WHERE: psql goes on with AND */
    Q_OPEN(0, "UNION ALL\n"
              "  SELECT o.oid as oid, o.tableoid as tableoid,\n"
              "  n.nspname as nspname,\n"
              "  CAST(o.opcname AS pg_catalog.text) as name,\n"
              "  CAST('operator class' AS pg_catalog.text) as object\n"
              "  FROM pg_catalog.pg_opclass o\n"
              "    JOIN pg_catalog.pg_am am ON o.opcmethod = am.oid\n"
              "    JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, opclass_name),
    Q_OPEN(0, "UNION ALL\n"
              "  SELECT opf.oid as oid, opf.tableoid as tableoid,\n"
              "  n.nspname as nspname,\n"
              "  CAST(opf.opfname AS pg_catalog.text) AS name,\n"
              "  CAST('operator family' AS pg_catalog.text) as object\n"
              "  FROM pg_catalog.pg_opfamily opf\n"
              "    JOIN pg_catalog.pg_am am ON opf.opfmethod = am.oid\n"
              "    JOIN pg_catalog.pg_namespace n ON opf.opfnamespace = n.oid\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, opfamily_name),
    /* the rules of views are how views work, not objects anyone commented */
    Q_OPEN(0, "UNION ALL\n"
              "  SELECT r.oid as oid, r.tableoid as tableoid,\n"
              "  n.nspname as nspname,\n"
              "  CAST(r.rulename AS pg_catalog.text) as name,  CAST('rule' AS pg_catalog.text) as object\n"
              "  FROM pg_catalog.pg_rewrite r\n"
              "       JOIN pg_catalog.pg_class c ON c.oid = r.ev_class\n"
              "       LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
              "  WHERE r.rulename != '_RETURN'\n"),
    Q_IF(QS_HIDE_SYSTEM, HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, rule_name),
    Q_RESET("UNION ALL\n"
            "  SELECT t.oid as oid, t.tableoid as tableoid,\n"
            "  n.nspname as nspname,\n"
            "  CAST(t.tgname AS pg_catalog.text) as name,  CAST('trigger' AS pg_catalog.text) as object\n"
            "  FROM pg_catalog.pg_trigger t\n"
            "       JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid\n"
            "       LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"),
    Q_OPEN(QS_HIDE_SYSTEM, WHERE_HIDE_SYSTEM_SCHEMAS),
    Q_PATTERN(0, trigger_name),
    Q_TEXT(") AS tt\n"
           "  JOIN pg_catalog.pg_description d ON (tt.oid = d.objoid AND tt.tableoid = d.classoid AND "
           "d.objsubid = 0)\n"
           "ORDER BY 1, 2, 3;"),
    Q_END,
};

static const QuerySpec comment_list = {.steps = comment_steps, .title = "Object descriptions"};

/* ---------- the commands ---------- */

static MetaResult cmd_tablespaces(DescribeCtx *d) { return query_spec_list(d, &tablespace_list, NULL); }
static MetaResult cmd_types(DescribeCtx *d) { return query_spec_list(d, &type_list, NULL); }
static MetaResult cmd_domains(DescribeCtx *d) { return query_spec_list(d, &domain_list, NULL); }
static MetaResult cmd_casts(DescribeCtx *d) { return query_spec_list(d, &cast_list, NULL); }
static MetaResult cmd_conversions(DescribeCtx *d) { return query_spec_list(d, &conversion_list, NULL); }
static MetaResult cmd_parameters(DescribeCtx *d) { return query_spec_list(d, &parameter_list, NULL); }
static MetaResult cmd_collations(DescribeCtx *d) { return query_spec_list(d, &collation_list, NULL); }
static MetaResult cmd_languages(DescribeCtx *d) { return query_spec_list(d, &language_list, NULL); }
static MetaResult cmd_event_triggers(DescribeCtx *d) { return query_spec_list(d, &event_trigger_list, NULL); }
static MetaResult cmd_comments(DescribeCtx *d) { return query_spec_list(d, &comment_list, NULL); }

/*
 * psql 15 ignores whatever letters follow most of these commands (\dTx is \dT);
 * the handlers that care (\df, \dA, \z) look at rest themselves.
 */
const DescribeCommand describe_objects_commands[] = {
    {"a", describe_aggregates_cmd,
     META_HELP({HELP_INFORMATIONAL, 3, .usage = "\\da[S]  [PATTERN]", .text = "list aggregates"})},
    {"A", describe_access_methods_cmd,
     META_HELP({HELP_INFORMATIONAL, 4, .usage = "\\dA[+]  [PATTERN]", .text = "list access methods"})},
    {"Ac", describe_opclasses_cmd,
     META_HELP({HELP_INFORMATIONAL, 5, .usage = "\\dAc[+] [AMPTRN [TYPEPTRN]]",
                .text = "list operator classes", .column = 31})},
    {"Af", describe_opfamilies_cmd,
     META_HELP({HELP_INFORMATIONAL, 6, .usage = "\\dAf[+] [AMPTRN [TYPEPTRN]]",
                .text = "list operator families", .column = 31})},
    {"Ao", describe_opfamily_operators_cmd,
     META_HELP({HELP_INFORMATIONAL, 7, .usage = "\\dAo[+] [AMPTRN [OPFPTRN]]",
                .text = "list operators of operator families", .column = 31})},
    {"Ap", describe_opfamily_functions_cmd,
     META_HELP({HELP_INFORMATIONAL, 8, .usage = "\\dAp[+] [AMPTRN [OPFPTRN]]",
                .text = "list support functions of operator families", .column = 31})},
    {"b", cmd_tablespaces,
     META_HELP({HELP_INFORMATIONAL, 9, .usage = "\\db[+]  [PATTERN]", .text = "list tablespaces"})},
    {"c", cmd_conversions,
     META_HELP({HELP_INFORMATIONAL, 10, .usage = "\\dc[S+] [PATTERN]", .text = "list conversions"})},
    {"config", cmd_parameters,
     META_HELP({HELP_INFORMATIONAL, 11, .usage = "\\dconfig[+] [PATTERN]",
                .text = "list configuration parameters"})},
    {"C", cmd_casts,
     META_HELP({HELP_INFORMATIONAL, 12, .usage = "\\dC[+]  [PATTERN]", .text = "list casts"})},
    {"d", cmd_comments,
     META_HELP({HELP_INFORMATIONAL, 13, .usage = "\\dd[S]  [PATTERN]",
                .text = "show object descriptions not displayed elsewhere"})},
    {"dp", describe_default_acls_cmd,
     META_HELP({HELP_INFORMATIONAL, 15, .usage = "\\ddp    [PATTERN]", .text = "list default privileges"})},
    {"D", cmd_domains,
     META_HELP({HELP_INFORMATIONAL, 14, .usage = "\\dD[S+] [PATTERN]", .text = "list domains"})},
    {"f", describe_functions_cmd,
     META_HELP({HELP_INFORMATIONAL, 21, .usage = "\\df[anptw][S+] [FUNCPTRN [TYPEPTRN ...]]",
                .text = "list [only agg/normal/procedure/trigger/window] functions", .below = true})},
    {"g", describe_roles_cmd,
     META_HELP({HELP_INFORMATIONAL, 26, .usage = "\\dg[S+] [PATTERN]", .text = "list roles"})},
    {"L", cmd_languages,
     META_HELP({HELP_INFORMATIONAL, 29, .usage = "\\dL[S+] [PATTERN]", .text = "list procedural languages"})},
    {"n", cmd_schemas,
     META_HELP({HELP_INFORMATIONAL, 31, .usage = "\\dn[S+] [PATTERN]", .text = "list schemas"})},
    {"o", describe_operators_cmd,
     META_HELP({HELP_INFORMATIONAL, 32, .usage = "\\do[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]",
                .text = "list operators", .below = true})},
    {"O", cmd_collations,
     META_HELP({HELP_INFORMATIONAL, 33, .usage = "\\dO[S+] [PATTERN]", .text = "list collations"})},
    {"p", describe_privileges_cmd,
     META_HELP({HELP_INFORMATIONAL, 34, .usage = "\\dp     [PATTERN]",
                .text = "list table, view, and sequence access privileges"})},
    {"rds", describe_role_settings_cmd,
     META_HELP({HELP_INFORMATIONAL, 36, .usage = "\\drds [ROLEPTRN [DBPTRN]]",
                .text = "list per-database role settings"})},
    {"T", cmd_types,
     META_HELP({HELP_INFORMATIONAL, 41, .usage = "\\dT[S+] [PATTERN]", .text = "list data types"})},
    {"u", describe_roles_cmd,
     META_HELP({HELP_INFORMATIONAL, 42, .usage = "\\du[S+] [PATTERN]", .text = "list roles"})},
    {"x", cmd_extensions,
     META_HELP({HELP_INFORMATIONAL, 44, .usage = "\\dx[+]  [PATTERN]", .text = "list extensions"})},
    {"y", cmd_event_triggers,
     META_HELP({HELP_INFORMATIONAL, 46, .usage = "\\dy[+]  [PATTERN]", .text = "list event triggers"})},
    {.letters = NULL},
};
