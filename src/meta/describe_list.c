#include "meta/describe_list.h"

#include <stdlib.h>
#include <string.h>

#include "console/pager.h"
#include "exec/query.h"
#include "print/printer.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* prints an internal query's result under a title, with NULLs shown empty as psql's lists do */
static void print_titled(Session *s, PGresult *res, const char *title)
{
    PrintOptions opt;
    popt_copy(&opt, &s->popt);
    free(opt.title);
    opt.title = xstrdup(title);
    free(opt.null_print);
    opt.null_print = xstrdup("");
    PrintTable t;
    ptable_from_result(&t, res);
    ptable_set_title(&t, title);
    pager_print_table(s, &t, &opt, s->query_out);
    exec_log_table(s, &t, &opt);
    ptable_free(&t);
    popt_free(&opt);
}

bool describe_list_databases(Session *s, const char *pattern, bool verbose)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT d.datname as \"Name\",\n"
                    "       pg_catalog.pg_get_userbyid(d.datdba) as \"Owner\",\n"
                    "       pg_catalog.pg_encoding_to_char(d.encoding) as \"Encoding\",\n");
    sb_append(&sql, "       d.datcollate as \"Collate\",\n       d.datctype as \"Ctype\",\n");
    if (s->sversion >= 150000)
        sb_append(&sql, "       d.daticulocale as \"ICU Locale\",\n"
                        "       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS \"Locale "
                        "Provider\",\n");
    else
        sb_append(&sql, "       NULL as \"ICU Locale\",\n       'libc' AS \"Locale Provider\",\n");
    sb_append(&sql, "       pg_catalog.array_to_string(d.datacl, E'\\n') AS \"Access privileges\"");
    if (verbose)
        sb_append(&sql, ",\n       CASE WHEN pg_catalog.has_database_privilege(d.datname, 'CONNECT')\n"
                        "            THEN pg_catalog.pg_size_pretty(pg_catalog.pg_database_size(d.datname))\n"
                        "            ELSE 'No Access'\n"
                        "       END as \"Size\",\n       t.spcname as \"Tablespace\",\n"
                        "       pg_catalog.shobj_description(d.oid, 'pg_database') as \"Description\"");
    sb_append(&sql, "\nFROM pg_catalog.pg_database d\n");
    if (verbose)
        sb_append(&sql, "  JOIN pg_catalog.pg_tablespace t on d.dattablespace = t.oid\n");
    if (pattern) {
        char *lit = PQescapeLiteral(s->db, pattern, strlen(pattern));
        sb_printf(&sql, "WHERE d.datname OPERATOR(pg_catalog.~) ('^(' || %s || ')$') COLLATE pg_catalog.default\n",
                  lit ? lit : "''");
        PQfreemem(lit);
    }
    sb_append(&sql, "ORDER BY 1;");
    PGresult *res = exec_internal(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;
    print_titled(s, res, "List of databases");
    PQclear(res);
    return true;
}

bool describe_large_objects(Session *s, bool verbose)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT oid as \"ID\",\n  pg_catalog.pg_get_userbyid(lomowner) as \"Owner\",\n  ");
    if (verbose)
        sb_append(&sql, "pg_catalog.array_to_string(lomacl, E'\\n') AS \"Access privileges\",\n  ");
    sb_append(&sql, "pg_catalog.obj_description(oid, 'pg_largeobject') as \"Description\"\n"
                    "FROM pg_catalog.pg_largeobject_metadata\nORDER BY oid");
    PGresult *res = exec_internal(s, sql.data);
    sb_free(&sql);
    if (!res)
        return false;
    bool tuples_only = s->popt.tuples_only;
    s->popt.tuples_only = false;
    print_titled(s, res, "Large objects");
    s->popt.tuples_only = tuples_only;
    PQclear(res);
    return true;
}
