/*
 * Access methods and what indexes are built from: \dA (access methods), \dAc
 * (operator classes), \dAf (operator families), \dAo (their operators) and \dAp
 * (their support functions).  The four lists take an access-method pattern and
 * then a type or family pattern.
 */
#include <stdlib.h>
#include <string.h>

#include "meta/describe/objects.h"

/* an operator class or family by its bare name when visible, else schema-qualified */
#define QUALIFIED_NAME(alias, namespace_alias, column, title)                                                \
    "  CASE\n"                                                                                               \
    "    WHEN pg_catalog.pg_" #alias "_is_visible(" column ".oid)\n"                                          \
    "    THEN pg_catalog.format('%I', " column "." title ")\n"                                                \
    "    ELSE pg_catalog.format('%I.%I', " namespace_alias ".nspname, " column "." title ")\n"                \
    "  END AS "

static const NamePattern method_name = {.arg = 0, .namevar = "am.amname", .maxparts = 1};

/* input types match by pg_type name or format_type's, like \dT (without its aliases) */
static const NamePattern input_type = {
    .arg = 1,
    .schemavar = "tn.nspname",
    .namevar = "t.typname",
    .altnamevar = "pg_catalog.format_type(t.oid, NULL)",
    .visibility = "pg_catalog.pg_type_is_visible(t.oid)",
    .maxparts = 3,
};

/* ---------- \dA ---------- */

static const NamePattern bare_method_name = {.namevar = "amname", .maxparts = 1};

static const QueryStep method_steps[] = {
    Q_TEXT("SELECT amname AS \"Name\",\n"
           "  CASE amtype WHEN 'i' THEN 'Index' WHEN 't' THEN 'Table' END AS \"Type\""),
    Q_IF(QS_VERBOSE, ",\n  amhandler AS \"Handler\",\n"
                     "  pg_catalog.obj_description(oid, 'pg_am') AS \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_am\n"),
    Q_PATTERN(0, bare_method_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec method_list = {.steps = method_steps, .title = "List of access methods"};

MetaResult describe_access_methods_cmd(DescribeCtx *d)
{
    /* psql 15 knows \dA and \dA+ (and the lists below), so \dAS is no command */
    if (d->rest[0] != '\0' && d->rest[0] != '+')
        return META_UNKNOWN;
    return query_spec_list(d, &method_list, NULL);
}

/* ---------- \dAc ---------- */

static const QueryStep opclass_steps[] = {
    Q_TEXT("SELECT\n"
           "  am.amname AS \"AM\",\n"
           "  pg_catalog.format_type(c.opcintype, NULL) AS \"Input type\",\n"
           "  CASE\n"
           "    WHEN c.opckeytype <> 0 AND c.opckeytype <> c.opcintype\n"
           "    THEN pg_catalog.format_type(c.opckeytype, NULL)\n"
           "    ELSE NULL\n"
           "  END AS \"Storage type\",\n" QUALIFIED_NAME(opclass, "n", "c", "opcname") "\"Operator class\",\n"
           "  (CASE WHEN c.opcdefault\n"
           "    THEN 'yes'\n"
           "    ELSE 'no'\n"
           "  END) AS \"Default?\""),
    Q_IF(QS_VERBOSE, ",\n" QUALIFIED_NAME(opfamily, "ofn", "of", "opfname") "\"Operator family\",\n"
                     " pg_catalog.pg_get_userbyid(c.opcowner) AS \"Owner\"\n"),
    Q_TEXT("\nFROM pg_catalog.pg_opclass c\n"
           "  LEFT JOIN pg_catalog.pg_am am on am.oid = c.opcmethod\n"
           "  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace\n"
           "  LEFT JOIN pg_catalog.pg_type t ON t.oid = c.opcintype\n"
           "  LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace\n"),
    Q_IF(QS_VERBOSE, "  LEFT JOIN pg_catalog.pg_opfamily of ON of.oid = c.opcfamily\n"
                     "  LEFT JOIN pg_catalog.pg_namespace ofn ON ofn.oid = of.opfnamespace\n"),
    Q_PATTERN(0, method_name),
    Q_PATTERN(QS_SECOND, input_type),
    Q_TEXT("ORDER BY 1, 2, 4;"),
    Q_END,
};

static const QuerySpec opclass_list = {.steps = opclass_steps, .title = "List of operator classes"};

/* psql reads the second pattern only after a first one */
static MetaResult list_with_second(DescribeCtx *d, const QuerySpec *list)
{
    char *second = d->pattern ? meta_arg(d->meta, OT_NORMAL, NULL, true) : NULL;
    MetaResult r = query_spec_list(d, list, second);
    free(second);
    return r;
}

MetaResult describe_opclasses_cmd(DescribeCtx *d)
{
    return list_with_second(d, &opclass_list);
}

/* ---------- \dAf: a type pattern keeps the families with a class for a matching type ---------- */

static const QueryStep opfamily_steps[] = {
    Q_TEXT("SELECT\n"
           "  am.amname AS \"AM\",\n" QUALIFIED_NAME(opfamily, "n", "f", "opfname") "\"Operator family\",\n"
           "  (SELECT\n"
           "     pg_catalog.string_agg(pg_catalog.format_type(oc.opcintype, NULL), ', ')\n"
           "   FROM pg_catalog.pg_opclass oc\n"
           "   WHERE oc.opcfamily = f.oid) \"Applicable types\""),
    Q_IF(QS_VERBOSE, ",\n  pg_catalog.pg_get_userbyid(f.opfowner) AS \"Owner\"\n"),
    Q_TEXT("\nFROM pg_catalog.pg_opfamily f\n"
           "  LEFT JOIN pg_catalog.pg_am am on am.oid = f.opfmethod\n"
           "  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace\n"),
    Q_PATTERN(0, method_name),
    Q_IF(QS_SECOND, "  "),
    Q_AND_OR_WHERE(QS_SECOND),
    Q_OPEN(QS_SECOND, " EXISTS (\n"
                      "    SELECT 1\n"
                      "    FROM pg_catalog.pg_type t\n"
                      "    JOIN pg_catalog.pg_opclass oc ON oc.opcintype = t.oid\n"
                      "    LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace\n"
                      "    WHERE oc.opcfamily = f.oid\n"),
    Q_PATTERN(QS_SECOND, input_type),
    Q_IF(QS_SECOND, "  )\n"),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec opfamily_list = {.steps = opfamily_steps, .title = "List of operator families"};

MetaResult describe_opfamilies_cmd(DescribeCtx *d)
{
    return list_with_second(d, &opfamily_list);
}

/* ---------- \dAo ---------- */

static const NamePattern operator_family = {.arg = 1, .schemavar = "nsf.nspname", .namevar = "of.opfname",
                                            .maxparts = 3};

static const QueryStep family_operator_steps[] = {
    Q_TEXT("SELECT\n"
           "  am.amname AS \"AM\",\n" QUALIFIED_NAME(opfamily, "nsf", "of", "opfname") "\"Operator family\",\n"
           "  o.amopopr::pg_catalog.regoperator AS \"Operator\"\n"
           ",  o.amopstrategy AS \"Strategy\",\n"
           "  CASE o.amoppurpose\n"
           "    WHEN 'o' THEN 'ordering'\n"
           "    WHEN 's' THEN 'search'\n"
           "  END AS \"Purpose\"\n"),
    Q_IF(QS_VERBOSE, ", ofs.opfname AS \"Sort opfamily\"\n"),
    Q_TEXT("FROM pg_catalog.pg_amop o\n"
           "  LEFT JOIN pg_catalog.pg_opfamily of ON of.oid = o.amopfamily\n"
           "  LEFT JOIN pg_catalog.pg_am am ON am.oid = of.opfmethod AND am.oid = o.amopmethod\n"
           "  LEFT JOIN pg_catalog.pg_namespace nsf ON of.opfnamespace = nsf.oid\n"),
    Q_IF(QS_VERBOSE, "  LEFT JOIN pg_catalog.pg_opfamily ofs ON ofs.oid = o.amopsortfamily\n"),
    Q_PATTERN(0, method_name),
    Q_PATTERN(QS_SECOND, operator_family),
    Q_TEXT("ORDER BY 1, 2,\n"
           "  o.amoplefttype = o.amoprighttype DESC,\n"
           "  pg_catalog.format_type(o.amoplefttype, NULL),\n"
           "  pg_catalog.format_type(o.amoprighttype, NULL),\n"
           "  o.amopstrategy;"),
    Q_END,
};

static const QuerySpec family_operator_list = {
    .steps = family_operator_steps,
    .title = "List of operators of operator families",
};

MetaResult describe_opfamily_operators_cmd(DescribeCtx *d)
{
    return list_with_second(d, &family_operator_list);
}

/* ---------- \dAp ---------- */

static const NamePattern function_family = {.arg = 1, .schemavar = "ns.nspname", .namevar = "of.opfname",
                                            .maxparts = 3};

static const QueryStep family_function_steps[] = {
    Q_TEXT("SELECT\n"
           "  am.amname AS \"AM\",\n" QUALIFIED_NAME(opfamily, "ns", "of", "opfname") "\"Operator family\",\n"
           "  pg_catalog.format_type(ap.amproclefttype, NULL) AS \"Registered left type\",\n"
           "  pg_catalog.format_type(ap.amprocrighttype, NULL) AS \"Registered right type\",\n"
           "  ap.amprocnum AS \"Number\"\n"),
    /* the full signature only with +: the name is usually enough */
    Q_IF(QS_VERBOSE, ", ap.amproc::pg_catalog.regprocedure AS \"Function\"\n"),
    Q_IF(QS_TERSE, ", p.proname AS \"Function\"\n"),
    Q_TEXT("FROM pg_catalog.pg_amproc ap\n"
           "  LEFT JOIN pg_catalog.pg_opfamily of ON of.oid = ap.amprocfamily\n"
           "  LEFT JOIN pg_catalog.pg_am am ON am.oid = of.opfmethod\n"
           "  LEFT JOIN pg_catalog.pg_namespace ns ON of.opfnamespace = ns.oid\n"
           "  LEFT JOIN pg_catalog.pg_proc p ON ap.amproc = p.oid\n"),
    Q_PATTERN(0, method_name),
    Q_PATTERN(QS_SECOND, function_family),
    Q_TEXT("ORDER BY 1, 2,\n"
           "  ap.amproclefttype = ap.amprocrighttype DESC,\n"
           "  3, 4, 5;"),
    Q_END,
};

static const QuerySpec family_function_list = {
    .steps = family_function_steps,
    .title = "List of support functions of operator families",
};

MetaResult describe_opfamily_functions_cmd(DescribeCtx *d)
{
    return list_with_second(d, &family_function_list);
}
