/*
 * SQL/MED: \dew (foreign-data wrappers), \des (foreign servers), \deu (user mappings)
 * and \det (foreign tables).  With + they add privileges, options and comments.
 */
#include "meta/describe/catalog_query.h"
#include "meta/describe/describe.h"

/* an object's generic options as psql shows them: (name 'value', ...), or empty */
#define FDW_OPTIONS(column)                                                                                  \
    "CASE WHEN " column " IS NULL THEN '' ELSE   '(' || pg_catalog.array_to_string(ARRAY(SELECT   "          \
    "pg_catalog.quote_ident(option_name) ||  ' ' ||   pg_catalog.quote_literal(option_value)  FROM   "       \
    "pg_catalog.pg_options_to_table(" column ")),  ', ') || ')'   END AS \"FDW options\""

#define ACCESS_PRIVILEGES(column) "pg_catalog.array_to_string(" column ", E'\\n') AS \"Access privileges\""

#define NAME_ONLY(namevar, altnamevar) {false, NULL, namevar, altnamevar, NULL, 1}

static const QueryPiece wrapper_sql[] = {
    PIECE("SELECT fdw.fdwname AS \"Name\",\n"
          "  pg_catalog.pg_get_userbyid(fdw.fdwowner) AS \"Owner\",\n"
          "  fdw.fdwhandler::pg_catalog.regproc AS \"Handler\",\n"
          "  fdw.fdwvalidator::pg_catalog.regproc AS \"Validator\""),
    PIECE_PLUS(",\n  " ACCESS_PRIVILEGES("fdwacl") ",\n " FDW_OPTIONS("fdwoptions") ",\n"
               "  d.description AS \"Description\" "),
    PIECE("\nFROM pg_catalog.pg_foreign_data_wrapper fdw\n"),
    PIECE_PLUS("LEFT JOIN pg_catalog.pg_description d\n"
               "       ON d.classoid = fdw.tableoid AND d.objoid = fdw.oid AND d.objsubid = 0\n"),
    PIECE_END,
};

static const CatalogQuery wrapper_list = {
    .pieces = wrapper_sql,
    .pattern = NAME_ONLY("fdwname", NULL),
    .order_by = "ORDER BY 1;",
    .title = "List of foreign-data wrappers",
};

static const QueryPiece server_sql[] = {
    PIECE("SELECT s.srvname AS \"Name\",\n"
          "  pg_catalog.pg_get_userbyid(s.srvowner) AS \"Owner\",\n"
          "  f.fdwname AS \"Foreign-data wrapper\""),
    PIECE_PLUS(",\n  " ACCESS_PRIVILEGES("s.srvacl") ",\n"
               "  s.srvtype AS \"Type\",\n"
               "  s.srvversion AS \"Version\",\n"
               "  " FDW_OPTIONS("srvoptions") ",\n"
               "  d.description AS \"Description\""),
    PIECE("\nFROM pg_catalog.pg_foreign_server s\n"
          "     JOIN pg_catalog.pg_foreign_data_wrapper f ON f.oid=s.srvfdw\n"),
    PIECE_PLUS("LEFT JOIN pg_catalog.pg_description d\n"
               "       ON d.classoid = s.tableoid AND d.objoid = s.oid AND d.objsubid = 0\n"),
    PIECE_END,
};

static const CatalogQuery server_list = {
    .pieces = server_sql,
    .pattern = NAME_ONLY("s.srvname", NULL),
    .order_by = "ORDER BY 1;",
    .title = "List of foreign servers",
};

static const QueryPiece user_mapping_sql[] = {
    PIECE("SELECT um.srvname AS \"Server\",\n"
          "  um.usename AS \"User name\""),
    PIECE_PLUS(",\n " FDW_OPTIONS("umoptions")),
    PIECE("\nFROM pg_catalog.pg_user_mappings um\n"),
    PIECE_END,
};

/* a pattern matches either the server or the user */
static const CatalogQuery user_mapping_list = {
    .pieces = user_mapping_sql,
    .pattern = NAME_ONLY("um.srvname", "um.usename"),
    .order_by = "ORDER BY 1, 2;",
    .title = "List of user mappings",
};

static const QueryPiece foreign_table_sql[] = {
    PIECE("SELECT n.nspname AS \"Schema\",\n"
          "  c.relname AS \"Table\",\n"
          "  s.srvname AS \"Server\""),
    PIECE_PLUS(",\n " FDW_OPTIONS("ftoptions") ",\n"
               "  d.description AS \"Description\""),
    PIECE("\nFROM pg_catalog.pg_foreign_table ft\n"
          "  INNER JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid\n"
          "  INNER JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
          "  INNER JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver\n"),
    PIECE_PLUS("   LEFT JOIN pg_catalog.pg_description d\n"
               "          ON d.classoid = c.tableoid AND d.objoid = c.oid AND d.objsubid = 0\n"),
    PIECE_END,
};

static const CatalogQuery foreign_table_list = {
    .pieces = foreign_table_sql,
    .pattern = {false, "n.nspname", "c.relname", NULL, "pg_catalog.pg_table_is_visible(c.oid)", 3},
    .order_by = "ORDER BY 1, 2;",
    .title = "List of foreign tables",
};

static MetaResult cmd_servers(DescribeCtx *d)
{
    return catalog_list(d, &server_list);
}

static MetaResult cmd_user_mappings(DescribeCtx *d)
{
    return catalog_list(d, &user_mapping_list);
}

static MetaResult cmd_wrappers(DescribeCtx *d)
{
    return catalog_list(d, &wrapper_list);
}

static MetaResult cmd_foreign_tables(DescribeCtx *d)
{
    return catalog_list(d, &foreign_table_list);
}

/* psql needs the second letter (\de alone is unknown) and ignores any after it (\desx) */
const DescribeCommand describe_foreign_commands[] = {
    {"es", cmd_servers},
    {"eu", cmd_user_mappings},
    {"ew", cmd_wrappers},
    {"et", cmd_foreign_tables},
    {NULL, NULL},
};
