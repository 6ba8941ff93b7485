/*
 * SQL/MED: \dew (foreign-data wrappers), \des (foreign servers), \deu (user mappings)
 * and \det (foreign tables).  With + they add privileges, options and comments.
 */
#include "meta/describe/describe.h"
#include "meta/describe/query_spec.h"

/* an object's generic options as psql shows them: (name 'value', ...), or empty */
#define FDW_OPTIONS(column)                                                                                  \
    "CASE WHEN " column " IS NULL THEN '' ELSE   '(' || pg_catalog.array_to_string(ARRAY(SELECT   "          \
    "pg_catalog.quote_ident(option_name) ||  ' ' ||   pg_catalog.quote_literal(option_value)  FROM   "       \
    "pg_catalog.pg_options_to_table(" column ")),  ', ') || ')'   END AS \"FDW options\""

static const NamePattern wrapper_name = {.namevar = "fdwname", .maxparts = 1};

static const QueryStep wrapper_steps[] = {
    Q_TEXT("SELECT fdw.fdwname AS \"Name\",\n"
           "  pg_catalog.pg_get_userbyid(fdw.fdwowner) AS \"Owner\",\n"
           "  fdw.fdwhandler::pg_catalog.regproc AS \"Handler\",\n"
           "  fdw.fdwvalidator::pg_catalog.regproc AS \"Validator\""),
    Q_IF(QS_VERBOSE, ",\n  " ACL_COLUMN("fdwacl") ",\n " FDW_OPTIONS("fdwoptions") ",\n"
                     "  d.description AS \"Description\" "),
    Q_TEXT("\nFROM pg_catalog.pg_foreign_data_wrapper fdw\n"),
    Q_IF(QS_VERBOSE, "LEFT JOIN pg_catalog.pg_description d\n"
                     "       ON d.classoid = fdw.tableoid AND d.objoid = fdw.oid AND d.objsubid = 0\n"),
    Q_PATTERN(0, wrapper_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec wrapper_list = {.steps = wrapper_steps, .title = "List of foreign-data wrappers"};

static const NamePattern server_name = {.namevar = "s.srvname", .maxparts = 1};

static const QueryStep server_steps[] = {
    Q_TEXT("SELECT s.srvname AS \"Name\",\n"
           "  pg_catalog.pg_get_userbyid(s.srvowner) AS \"Owner\",\n"
           "  f.fdwname AS \"Foreign-data wrapper\""),
    Q_IF(QS_VERBOSE, ",\n  " ACL_COLUMN("s.srvacl") ",\n"
                     "  s.srvtype AS \"Type\",\n"
                     "  s.srvversion AS \"Version\",\n"
                     "  " FDW_OPTIONS("srvoptions") ",\n"
                     "  d.description AS \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_foreign_server s\n"
           "     JOIN pg_catalog.pg_foreign_data_wrapper f ON f.oid=s.srvfdw\n"),
    Q_IF(QS_VERBOSE, "LEFT JOIN pg_catalog.pg_description d\n"
                     "       ON d.classoid = s.tableoid AND d.objoid = s.oid AND d.objsubid = 0\n"),
    Q_PATTERN(0, server_name),
    Q_TEXT("ORDER BY 1;"),
    Q_END,
};

static const QuerySpec server_list = {.steps = server_steps, .title = "List of foreign servers"};

/* a pattern matches either the server or the user */
static const NamePattern user_mapping_name = {.namevar = "um.srvname", .altnamevar = "um.usename", .maxparts = 1};

static const QueryStep user_mapping_steps[] = {
    Q_TEXT("SELECT um.srvname AS \"Server\",\n"
           "  um.usename AS \"User name\""),
    Q_IF(QS_VERBOSE, ",\n " FDW_OPTIONS("umoptions")),
    Q_TEXT("\nFROM pg_catalog.pg_user_mappings um\n"),
    Q_PATTERN(0, user_mapping_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec user_mapping_list = {.steps = user_mapping_steps, .title = "List of user mappings"};

static const NamePattern foreign_table_name = {
    .schemavar = "n.nspname",
    .namevar = "c.relname",
    .visibility = "pg_catalog.pg_table_is_visible(c.oid)",
    .maxparts = 3,
};

static const QueryStep foreign_table_steps[] = {
    Q_TEXT("SELECT n.nspname AS \"Schema\",\n"
           "  c.relname AS \"Table\",\n"
           "  s.srvname AS \"Server\""),
    Q_IF(QS_VERBOSE, ",\n " FDW_OPTIONS("ftoptions") ",\n"
                     "  d.description AS \"Description\""),
    Q_TEXT("\nFROM pg_catalog.pg_foreign_table ft\n"
           "  INNER JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid\n"
           "  INNER JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
           "  INNER JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver\n"),
    Q_IF(QS_VERBOSE, "   LEFT JOIN pg_catalog.pg_description d\n"
                     "          ON d.classoid = c.tableoid AND d.objoid = c.oid AND d.objsubid = 0\n"),
    Q_PATTERN(0, foreign_table_name),
    Q_TEXT("ORDER BY 1, 2;"),
    Q_END,
};

static const QuerySpec foreign_table_list = {.steps = foreign_table_steps, .title = "List of foreign tables"};

static MetaResult cmd_servers(DescribeCtx *d)
{
    return query_spec_list(d, &server_list, NULL);
}

static MetaResult cmd_user_mappings(DescribeCtx *d)
{
    return query_spec_list(d, &user_mapping_list, NULL);
}

static MetaResult cmd_wrappers(DescribeCtx *d)
{
    return query_spec_list(d, &wrapper_list, NULL);
}

static MetaResult cmd_foreign_tables(DescribeCtx *d)
{
    return query_spec_list(d, &foreign_table_list, NULL);
}

/* psql needs the second letter (\de alone is unknown) and ignores any after it (\desx) */
const DescribeCommand describe_foreign_commands[] = {
    {"es", cmd_servers,
     META_HELP({HELP_INFORMATIONAL, 17, .usage = "\\des[+] [PATTERN]", .text = "list foreign servers"})},
    {"eu", cmd_user_mappings,
     META_HELP({HELP_INFORMATIONAL, 19, .usage = "\\deu[+] [PATTERN]", .text = "list user mappings"})},
    {"ew", cmd_wrappers,
     META_HELP({HELP_INFORMATIONAL, 20, .usage = "\\dew[+] [PATTERN]", .text = "list foreign-data wrappers"})},
    {"et", cmd_foreign_tables,
     META_HELP({HELP_INFORMATIONAL, 18, .usage = "\\det[+] [PATTERN]", .text = "list foreign tables"})},
    {.letters = NULL},
};
