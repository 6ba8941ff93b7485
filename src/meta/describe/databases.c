#include "meta/describe/databases.h"

#include <stdlib.h>
#include <string.h>

#include "meta/describe/describe.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

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
    if (pattern && !describe_validate_pattern(s, &sql, pattern, false, false, NULL, "d.datname", NULL, NULL, NULL,
                                              1)) {
        sb_free(&sql);
        return false;
    }
    sb_append(&sql, "ORDER BY 1;");
    ListingPrint spec = {.title = "List of databases"};
    bool ok = describe_list(s, sql.data, &spec);
    sb_free(&sql);
    return ok;
}

bool describe_large_objects(Session *s, bool verbose)
{
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "SELECT oid as \"ID\",\n  pg_catalog.pg_get_userbyid(lomowner) as \"Owner\",\n  ");
    if (verbose)
        sb_append(&sql, "pg_catalog.array_to_string(lomacl, E'\\n') AS \"Access privileges\",\n  ");
    sb_append(&sql, "pg_catalog.obj_description(oid, 'pg_largeobject') as \"Description\"\n"
                    "FROM pg_catalog.pg_largeobject_metadata\nORDER BY oid");
    ListingPrint spec = {.title = "Large objects"};
    bool ok = describe_list(s, sql.data, &spec);
    sb_free(&sql);
    return ok;
}

static MetaResult cmd_list_databases(MetaContext *ctx)
{
    char *pattern = meta_arg(ctx, OT_NORMAL, NULL, true);
    bool ok = describe_list_databases(ctx->s, pattern, strchr(ctx->cmd, '+') != NULL);
    free(pattern);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_dl(DescribeCtx *d)
{
    if (d->rest[strspn(d->rest, "+")] != '\0')
        return META_UNKNOWN;
    return describe_large_objects(d->s, d->verbose) ? META_SKIP_LINE : META_ERROR;
}

const MetaCommand meta_database_commands[] = {
    {"l", cmd_list_databases, SKIP_OPTIONS, .aliases = {"l+", "list", "list+"},
     .help = META_HELP({HELP_INFORMATIONAL, 47, .usage = "\\l[+]   [PATTERN]", .text = "list databases"})},
    {.name = NULL},
};

const DescribeCommand describe_database_commands[] = {
    {"l", cmd_dl,
     META_HELP({HELP_INFORMATIONAL, 28, .usage = "\\dl[+]", .text = "list large objects, same as \\lo_list"})},
    {.letters = NULL},
};
