/* SQL identifiers: when they need double quotes, and quoting them (psql's fmtId rule). */
#include "sql/identifier.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

/* the server's keywords that are not "unreserved" (PostgreSQL 15 pg_get_keywords(), catcode <> 'U') */
static const char *const reserved_words[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
    "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create",
    "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc",
    "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for",
    "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike",
    "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
    "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null",
    "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
    "overlay", "placing", "position", "precision", "primary", "real", "references", "returning",
    "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring",
    "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat",
    "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose",
    "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
    "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
};

static int compare_word(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

bool sql_ident_is_plain(const char *ident)
{
    return ((ident[0] >= 'a' && ident[0] <= 'z') || ident[0] == '_') &&
           strspn(ident, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(ident);
}

bool sql_ident_needs_quotes(const char *ident)
{
    if (!sql_ident_is_plain(ident))
        return true;
    return bsearch(ident, reserved_words, sizeof reserved_words / sizeof reserved_words[0],
                   sizeof reserved_words[0], compare_word) != NULL;
}

char *sql_quote_ident(const char *ident)
{
    StrBuf out = STRBUF_INIT;
    if (!sql_ident_needs_quotes(ident)) {
        sb_append(&out, ident);
        return sb_steal(&out);
    }
    sb_append_char(&out, '"');
    for (const char *p = ident; *p; p++) {
        if (*p == '"')
            sb_append_char(&out, '"');
        sb_append_char(&out, *p);
    }
    sb_append_char(&out, '"');
    return sb_steal(&out);
}
