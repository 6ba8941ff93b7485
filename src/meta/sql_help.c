/*
 * \h [COMMAND]: the SQL commands PostgreSQL 15 knows, what each does, and where
 * its full syntax is documented.  Without an argument it lists the commands in
 * columns; with one it shows every command whose name starts with the words given.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console/pager.h"
#include "meta/commands.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

typedef struct SqlCommand {
    const char *name;
    const char *purpose;      /* NULL: derived from the verb and the object */
    const char *page;         /* NULL: "sql-" + the name without spaces, in lower case */
} SqlCommand;

/* the objects CREATE, ALTER and DROP work on, in alphabetical order of the full command names */
static const char *const objects[] = {
    "ACCESS METHOD", "AGGREGATE", "CAST", "COLLATION", "CONVERSION", "DATABASE", "DEFAULT PRIVILEGES", "DOMAIN",
    "EVENT TRIGGER", "EXTENSION", "FOREIGN DATA WRAPPER", "FOREIGN TABLE", "FUNCTION", "GROUP", "INDEX",
    "LANGUAGE", "LARGE OBJECT", "MATERIALIZED VIEW", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY", "OWNED",
    "POLICY", "PROCEDURE", "PUBLICATION", "ROLE", "ROUTINE", "RULE", "SCHEMA", "SEQUENCE", "SERVER",
    "STATISTICS", "SUBSCRIPTION", "SYSTEM", "TABLE", "TABLE AS", "TABLESPACE", "TEXT SEARCH CONFIGURATION",
    "TEXT SEARCH DICTIONARY", "TEXT SEARCH PARSER", "TEXT SEARCH TEMPLATE", "TRANSFORM", "TRIGGER", "TYPE",
    "USER", "USER MAPPING", "VIEW", NULL,
};

/* which verbs each object takes (C create, A alter, D drop) */
static const char *verbs_of(const char *object)
{
    static const struct {
        const char *object;
        const char *verbs;
    } table[] = {
        {"ACCESS METHOD", "CD"}, {"CAST", "CD"}, {"DEFAULT PRIVILEGES", "A"}, {"LARGE OBJECT", "A"},
        {"OWNED", "D"}, {"ROUTINE", "AD"}, {"SYSTEM", "A"}, {"TABLE AS", "C"}, {"TRANSFORM", "CD"},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i].object, object) == 0)
            return table[i].verbs;
    return "CAD";
}

static const SqlCommand others[] = {
    {"ABORT", "abort the current transaction", NULL},
    {"ANALYZE", "collect statistics about a database", NULL},
    {"BEGIN", "start a transaction block", NULL},
    {"CALL", "invoke a procedure", NULL},
    {"CHECKPOINT", "force a write-ahead log checkpoint", NULL},
    {"CLOSE", "close a cursor", NULL},
    {"CLUSTER", "cluster a table according to an index", NULL},
    {"COMMENT", "define or change the comment of an object", NULL},
    {"COMMIT", "commit the current transaction", NULL},
    {"COMMIT PREPARED", "commit a transaction that was earlier prepared for two-phase commit",
     "sql-commit-prepared"},
    {"COPY", "copy data between a file and a table", NULL},
    {"DEALLOCATE", "deallocate a prepared statement", NULL},
    {"DECLARE", "define a cursor", NULL},
    {"DELETE", "delete rows of a table", NULL},
    {"DISCARD", "discard session state", NULL},
    {"DO", "execute an anonymous code block", NULL},
    {"END", "commit the current transaction", NULL},
    {"EXECUTE", "execute a prepared statement", NULL},
    {"EXPLAIN", "show the execution plan of a statement", NULL},
    {"FETCH", "retrieve rows from a query using a cursor", NULL},
    {"GRANT", "define access privileges", NULL},
    {"IMPORT FOREIGN SCHEMA", "import table definitions from a foreign server", NULL},
    {"INSERT", "create new rows in a table", NULL},
    {"LISTEN", "listen for a notification", NULL},
    {"LOAD", "load a shared library file", NULL},
    {"LOCK", "lock a table", NULL},
    {"MERGE", "conditionally insert, update, or delete rows of a table", NULL},
    {"MOVE", "position a cursor", NULL},
    {"NOTIFY", "generate a notification", NULL},
    {"PREPARE", "prepare a statement for execution", NULL},
    {"PREPARE TRANSACTION", "prepare the current transaction for two-phase commit", "sql-prepare-transaction"},
    {"REASSIGN OWNED", "change the ownership of database objects owned by a database role", "sql-reassign-owned"},
    {"REFRESH MATERIALIZED VIEW", "replace the contents of a materialized view", NULL},
    {"REINDEX", "rebuild indexes", NULL},
    {"RELEASE SAVEPOINT", "release a previously defined savepoint", "sql-release-savepoint"},
    {"RESET", "restore the value of a run-time parameter to the default value", NULL},
    {"REVOKE", "remove access privileges", NULL},
    {"ROLLBACK", "abort the current transaction", NULL},
    {"ROLLBACK PREPARED", "cancel a transaction that was earlier prepared for two-phase commit",
     "sql-rollback-prepared"},
    {"ROLLBACK TO SAVEPOINT", "roll back to a savepoint", "sql-rollback-to"},
    {"SAVEPOINT", "define a new savepoint within the current transaction", NULL},
    {"SECURITY LABEL", "define or change a security label applied to an object", "sql-security-label"},
    {"SELECT", "retrieve rows from a table or view", NULL},
    {"SELECT INTO", "define a new table from the results of a query", NULL},
    {"SET", "change a run-time parameter", NULL},
    {"SET CONSTRAINTS", "set constraint check timing for the current transaction", "sql-set-constraints"},
    {"SET ROLE", "set the current user identifier of the current session", "sql-set-role"},
    {"SET SESSION AUTHORIZATION",
     "set the session user identifier and the current user identifier of the current session",
     "sql-set-session-authorization"},
    {"SET TRANSACTION", "set the characteristics of the current transaction", "sql-set-transaction"},
    {"SHOW", "show the value of a run-time parameter", NULL},
    {"START TRANSACTION", "start a transaction block", "sql-start-transaction"},
    {"TABLE", "retrieve rows from a table or view", "sql-select"},
    {"TRUNCATE", "empty a table or set of tables", NULL},
    {"UNLISTEN", "stop listening for a notification", NULL},
    {"UPDATE", "update rows of a table", NULL},
    {"VACUUM", "garbage-collect and optionally analyze a database", NULL},
    {"VALUES", "compute a set of rows", NULL},
    {"WITH", "retrieve rows from a table or view", "sql-select"},
};

typedef struct HelpEntry {
    char *name;
    char *purpose;
    char *page;
} HelpEntry;

static char *default_page(const char *name)
{
    StrBuf page = STRBUF_INIT;
    sb_append(&page, "sql-");
    for (const char *p = name; *p; p++)
        if (*p != ' ')
            sb_append_char(&page, (char)tolower((unsigned char)*p));
    return sb_steal(&page);
}

/* the CREATE/ALTER/DROP commands whose purpose does not follow the usual wording */
static const char *special_purpose(const char *name)
{
    static const struct {
        const char *name;
        const char *purpose;
    } table[] = {
        {"ALTER DEFAULT PRIVILEGES", "define default access privileges"},
        {"ALTER SYSTEM", "change a server configuration parameter"},
        {"CREATE TABLE AS", "define a new table from the results of a query"},
        {"DROP OWNED", "remove database objects owned by a database role"},
        {"CREATE STATISTICS", "define extended statistics"},
        {"ALTER STATISTICS", "change the definition of an extended statistics object"},
        {"DROP STATISTICS", "remove extended statistics"},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i].name, name) == 0)
            return table[i].purpose;
    return NULL;
}

static char *object_purpose(char verb, const char *name, const char *object)
{
    const char *special = special_purpose(name);
    if (special)
        return xstrdup(special);
    StrBuf text = STRBUF_INIT;
    for (const char *p = object; *p; p++)
        sb_append_char(&text, (char)tolower((unsigned char)*p));
    char *lower = sb_steal(&text);
    const char *article = strchr("aeiou", lower[0]) ? "an" : "a";
    char *purpose = verb == 'C'   ? xasprintf("define a new %s", lower)
                    : verb == 'A' ? xasprintf("change the definition of %s %s", article, lower)
                                  : xasprintf("remove %s %s", article, lower);
    free(lower);
    return purpose;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const HelpEntry *)a)->name, ((const HelpEntry *)b)->name);
}

/* every command, sorted by name; *count gets their number */
static HelpEntry *all_entries(size_t *count)
{
    static const char *const verb_names[] = {"CREATE", "ALTER", "DROP"};
    HelpEntry *e = xcalloc(200, sizeof(HelpEntry));
    size_t n = 0;
    for (int i = 0; objects[i]; i++)
        for (int v = 0; v < 3; v++)
            if (strchr(verbs_of(objects[i]), "CAD"[v])) {
                e[n].name = xasprintf("%s %s", verb_names[v], objects[i]);
                e[n].purpose = object_purpose("CAD"[v], e[n].name, objects[i]);
                e[n].page = default_page(e[n].name);
                n++;
            }
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
        e[n].name = xstrdup(others[i].name);
        e[n].purpose = xstrdup(others[i].purpose);
        e[n].page = others[i].page ? xstrdup(others[i].page) : default_page(others[i].name);
        n++;
    }
    qsort(e, n, sizeof(HelpEntry), compare_entries);
    *count = n;
    return e;
}

static void free_entries(HelpEntry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].purpose);
        free(e[i].page);
    }
    free(e);
}

/* the words of the topic, upper-cased and separated by single spaces */
static char *normalise_topic(const char *topic)
{
    StrBuf out = STRBUF_INIT;
    for (const char *p = topic; *p;) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        if (out.len > 0)
            sb_append_char(&out, ' ');
        while (*p && !isspace((unsigned char)*p) && *p != ';')
            sb_append_char(&out, (char)toupper((unsigned char)*p++));
        while (*p == ';')
            p++;
    }
    return sb_steal(&out);
}

static void list_commands(FILE *out, const HelpEntry *e, size_t n)
{
    size_t width = 0;
    for (size_t i = 0; i < n; i++)
        width = strlen(e[i].name) > width ? strlen(e[i].name) : width;
    size_t ncols = 78 / (width + 2) > 0 ? 78 / (width + 2) : 1;
    size_t rows = (n + ncols - 1) / ncols;
    fputs("Available help:\n", out);
    for (size_t r = 0; r < rows; r++) {
        fputs("  ", out);
        for (size_t c = 0; c < ncols && c * rows + r < n; c++) {
            const char *name = e[c * rows + r].name;
            bool last = c + 1 == ncols || (c + 1) * rows + r >= n;
            if (last)
                fputs(name, out);
            else
                fprintf(out, "%-*s", (int)(width + 2), name);
        }
        fputc('\n', out);
    }
}

static bool show_matches(FILE *out, const HelpEntry *e, size_t n, const char *topic)
{
    size_t len = strlen(topic);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(e[i].name, topic, len) != 0 || (e[i].name[len] != '\0' && e[i].name[len] != ' '))
            continue;
        fprintf(out, "%sCommand:     %s\nDescription: %s\nSyntax:      see the URL below\n\n"
                     "URL: https://www.postgresql.org/docs/15/%s.html\n",
                found ? "\n" : "", e[i].name, e[i].purpose, e[i].page);
        found = true;
    }
    return found;
}

static MetaResult cmd_sql_help(MetaContext *ctx)
{
    char *arg = meta_arg(ctx, OT_WHOLE_LINE, NULL, true);
    char *topic = normalise_topic(arg ? arg : "");
    size_t n;
    HelpEntry *e = all_entries(&n);
    FILE *pager = pager_open(ctx->s, topic[0] ? 8 : (long)(n / 3 + 2));
    FILE *out = pager ? pager : stdout;
    if (!topic[0] || strcmp(topic, "*") == 0)
        list_commands(out, e, n);
    else if (!show_matches(out, e, n, topic))
        fprintf(out, "No help available for \"%s\".\nTry \\h with no arguments to see available help.\n", arg);
    pager_close(pager);
    free_entries(e, n);
    free(topic);
    free(arg);
    return META_SKIP_LINE;
}

const MetaCommand meta_sql_help_commands[] = {
    {"h", cmd_sql_help, SKIP_WHOLE_LINE, false},
    {"help", cmd_sql_help, SKIP_WHOLE_LINE, false},
    {NULL, NULL, SKIP_OPTIONS, false},
};
