/*
 * \h [COMMAND]: the SQL commands PostgreSQL 15 knows, what each does (in the
 * manual's words, as psql shows them), and the manual's page for its full
 * syntax.  Without an argument it lists the commands in columns; with one it
 * finds commands by prefix the way psql does.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>

#include "meta/commands.h"
#include "print/pager.h"
#include "util/xalloc.h"

typedef struct SqlCommand {
    const char *name;
    const char *purpose;
    const char *page;         /* the page of the PostgreSQL 15 manual */
} SqlCommand;

/* sorted by name, as psql lists them */
static const SqlCommand sql_commands[] = {
    {"ABORT", "abort the current transaction", "sql-abort"},
    {"ALTER AGGREGATE", "change the definition of an aggregate function", "sql-alteraggregate"},
    {"ALTER COLLATION", "change the definition of a collation", "sql-altercollation"},
    {"ALTER CONVERSION", "change the definition of a conversion", "sql-alterconversion"},
    {"ALTER DATABASE", "change a database", "sql-alterdatabase"},
    {"ALTER DEFAULT PRIVILEGES", "define default access privileges", "sql-alterdefaultprivileges"},
    {"ALTER DOMAIN", "change the definition of a domain", "sql-alterdomain"},
    {"ALTER EVENT TRIGGER", "change the definition of an event trigger", "sql-altereventtrigger"},
    {"ALTER EXTENSION", "change the definition of an extension", "sql-alterextension"},
    {"ALTER FOREIGN DATA WRAPPER", "change the definition of a foreign-data wrapper", "sql-alterforeigndatawrapper"},
    {"ALTER FOREIGN TABLE", "change the definition of a foreign table", "sql-alterforeigntable"},
    {"ALTER FUNCTION", "change the definition of a function", "sql-alterfunction"},
    {"ALTER GROUP", "change role name or membership", "sql-altergroup"},
    {"ALTER INDEX", "change the definition of an index", "sql-alterindex"},
    {"ALTER LANGUAGE", "change the definition of a procedural language", "sql-alterlanguage"},
    {"ALTER LARGE OBJECT", "change the definition of a large object", "sql-alterlargeobject"},
    {"ALTER MATERIALIZED VIEW", "change the definition of a materialized view", "sql-altermaterializedview"},
    {"ALTER OPERATOR", "change the definition of an operator", "sql-alteroperator"},
    {"ALTER OPERATOR CLASS", "change the definition of an operator class", "sql-alteropclass"},
    {"ALTER OPERATOR FAMILY", "change the definition of an operator family", "sql-alteropfamily"},
    {"ALTER POLICY", "change the definition of a row-level security policy", "sql-alterpolicy"},
    {"ALTER PROCEDURE", "change the definition of a procedure", "sql-alterprocedure"},
    {"ALTER PUBLICATION", "change the definition of a publication", "sql-alterpublication"},
    {"ALTER ROLE", "change a database role", "sql-alterrole"},
    {"ALTER ROUTINE", "change the definition of a routine", "sql-alterroutine"},
    {"ALTER RULE", "change the definition of a rule", "sql-alterrule"},
    {"ALTER SCHEMA", "change the definition of a schema", "sql-alterschema"},
    {"ALTER SEQUENCE", "change the definition of a sequence generator", "sql-altersequence"},
    {"ALTER SERVER", "change the definition of a foreign server", "sql-alterserver"},
    {"ALTER STATISTICS", "change the definition of an extended statistics object", "sql-alterstatistics"},
    {"ALTER SUBSCRIPTION", "change the definition of a subscription", "sql-altersubscription"},
    {"ALTER SYSTEM", "change a server configuration parameter", "sql-altersystem"},
    {"ALTER TABLE", "change the definition of a table", "sql-altertable"},
    {"ALTER TABLESPACE", "change the definition of a tablespace", "sql-altertablespace"},
    {"ALTER TEXT SEARCH CONFIGURATION", "change the definition of a text search configuration", "sql-altertsconfig"},
    {"ALTER TEXT SEARCH DICTIONARY", "change the definition of a text search dictionary", "sql-altertsdictionary"},
    {"ALTER TEXT SEARCH PARSER", "change the definition of a text search parser", "sql-altertsparser"},
    {"ALTER TEXT SEARCH TEMPLATE", "change the definition of a text search template", "sql-altertstemplate"},
    {"ALTER TRIGGER", "change the definition of a trigger", "sql-altertrigger"},
    {"ALTER TYPE", "change the definition of a type", "sql-altertype"},
    {"ALTER USER", "change a database role", "sql-alteruser"},
    {"ALTER USER MAPPING", "change the definition of a user mapping", "sql-alterusermapping"},
    {"ALTER VIEW", "change the definition of a view", "sql-alterview"},
    {"ANALYZE", "collect statistics about a database", "sql-analyze"},
    {"BEGIN", "start a transaction block", "sql-begin"},
    {"CALL", "invoke a procedure", "sql-call"},
    {"CHECKPOINT", "force a write-ahead log checkpoint", "sql-checkpoint"},
    {"CLOSE", "close a cursor", "sql-close"},
    {"CLUSTER", "cluster a table according to an index", "sql-cluster"},
    {"COMMENT", "define or change the comment of an object", "sql-comment"},
    {"COMMIT", "commit the current transaction", "sql-commit"},
    {"COMMIT PREPARED", "commit a transaction that was earlier prepared for two-phase commit", "sql-commit-prepared"},
    {"COPY", "copy data between a file and a table", "sql-copy"},
    {"CREATE ACCESS METHOD", "define a new access method", "sql-create-access-method"},
    {"CREATE AGGREGATE", "define a new aggregate function", "sql-createaggregate"},
    {"CREATE CAST", "define a new cast", "sql-createcast"},
    {"CREATE COLLATION", "define a new collation", "sql-createcollation"},
    {"CREATE CONVERSION", "define a new encoding conversion", "sql-createconversion"},
    {"CREATE DATABASE", "create a new database", "sql-createdatabase"},
    {"CREATE DOMAIN", "define a new domain", "sql-createdomain"},
    {"CREATE EVENT TRIGGER", "define a new event trigger", "sql-createeventtrigger"},
    {"CREATE EXTENSION", "install an extension", "sql-createextension"},
    {"CREATE FOREIGN DATA WRAPPER", "define a new foreign-data wrapper", "sql-createforeigndatawrapper"},
    {"CREATE FOREIGN TABLE", "define a new foreign table", "sql-createforeigntable"},
    {"CREATE FUNCTION", "define a new function", "sql-createfunction"},
    {"CREATE GROUP", "define a new database role", "sql-creategroup"},
    {"CREATE INDEX", "define a new index", "sql-createindex"},
    {"CREATE LANGUAGE", "define a new procedural language", "sql-createlanguage"},
    {"CREATE MATERIALIZED VIEW", "define a new materialized view", "sql-creatematerializedview"},
    {"CREATE OPERATOR", "define a new operator", "sql-createoperator"},
    {"CREATE OPERATOR CLASS", "define a new operator class", "sql-createopclass"},
    {"CREATE OPERATOR FAMILY", "define a new operator family", "sql-createopfamily"},
    {"CREATE POLICY", "define a new row-level security policy for a table", "sql-createpolicy"},
    {"CREATE PROCEDURE", "define a new procedure", "sql-createprocedure"},
    {"CREATE PUBLICATION", "define a new publication", "sql-createpublication"},
    {"CREATE ROLE", "define a new database role", "sql-createrole"},
    {"CREATE RULE", "define a new rewrite rule", "sql-createrule"},
    {"CREATE SCHEMA", "define a new schema", "sql-createschema"},
    {"CREATE SEQUENCE", "define a new sequence generator", "sql-createsequence"},
    {"CREATE SERVER", "define a new foreign server", "sql-createserver"},
    {"CREATE STATISTICS", "define extended statistics", "sql-createstatistics"},
    {"CREATE SUBSCRIPTION", "define a new subscription", "sql-createsubscription"},
    {"CREATE TABLE", "define a new table", "sql-createtable"},
    {"CREATE TABLE AS", "define a new table from the results of a query", "sql-createtableas"},
    {"CREATE TABLESPACE", "define a new tablespace", "sql-createtablespace"},
    {"CREATE TEXT SEARCH CONFIGURATION", "define a new text search configuration", "sql-createtsconfig"},
    {"CREATE TEXT SEARCH DICTIONARY", "define a new text search dictionary", "sql-createtsdictionary"},
    {"CREATE TEXT SEARCH PARSER", "define a new text search parser", "sql-createtsparser"},
    {"CREATE TEXT SEARCH TEMPLATE", "define a new text search template", "sql-createtstemplate"},
    {"CREATE TRANSFORM", "define a new transform", "sql-createtransform"},
    {"CREATE TRIGGER", "define a new trigger", "sql-createtrigger"},
    {"CREATE TYPE", "define a new data type", "sql-createtype"},
    {"CREATE USER", "define a new database role", "sql-createuser"},
    {"CREATE USER MAPPING", "define a new mapping of a user to a foreign server", "sql-createusermapping"},
    {"CREATE VIEW", "define a new view", "sql-createview"},
    {"DEALLOCATE", "deallocate a prepared statement", "sql-deallocate"},
    {"DECLARE", "define a cursor", "sql-declare"},
    {"DELETE", "delete rows of a table", "sql-delete"},
    {"DISCARD", "discard session state", "sql-discard"},
    {"DO", "execute an anonymous code block", "sql-do"},
    {"DROP ACCESS METHOD", "remove an access method", "sql-drop-access-method"},
    {"DROP AGGREGATE", "remove an aggregate function", "sql-dropaggregate"},
    {"DROP CAST", "remove a cast", "sql-dropcast"},
    {"DROP COLLATION", "remove a collation", "sql-dropcollation"},
    {"DROP CONVERSION", "remove a conversion", "sql-dropconversion"},
    {"DROP DATABASE", "remove a database", "sql-dropdatabase"},
    {"DROP DOMAIN", "remove a domain", "sql-dropdomain"},
    {"DROP EVENT TRIGGER", "remove an event trigger", "sql-dropeventtrigger"},
    {"DROP EXTENSION", "remove an extension", "sql-dropextension"},
    {"DROP FOREIGN DATA WRAPPER", "remove a foreign-data wrapper", "sql-dropforeigndatawrapper"},
    {"DROP FOREIGN TABLE", "remove a foreign table", "sql-dropforeigntable"},
    {"DROP FUNCTION", "remove a function", "sql-dropfunction"},
    {"DROP GROUP", "remove a database role", "sql-dropgroup"},
    {"DROP INDEX", "remove an index", "sql-dropindex"},
    {"DROP LANGUAGE", "remove a procedural language", "sql-droplanguage"},
    {"DROP MATERIALIZED VIEW", "remove a materialized view", "sql-dropmaterializedview"},
    {"DROP OPERATOR", "remove an operator", "sql-dropoperator"},
    {"DROP OPERATOR CLASS", "remove an operator class", "sql-dropopclass"},
    {"DROP OPERATOR FAMILY", "remove an operator family", "sql-dropopfamily"},
    {"DROP OWNED", "remove database objects owned by a database role", "sql-drop-owned"},
    {"DROP POLICY", "remove a row-level security policy from a table", "sql-droppolicy"},
    {"DROP PROCEDURE", "remove a procedure", "sql-dropprocedure"},
    {"DROP PUBLICATION", "remove a publication", "sql-droppublication"},
    {"DROP ROLE", "remove a database role", "sql-droprole"},
    {"DROP ROUTINE", "remove a routine", "sql-droproutine"},
    {"DROP RULE", "remove a rewrite rule", "sql-droprule"},
    {"DROP SCHEMA", "remove a schema", "sql-dropschema"},
    {"DROP SEQUENCE", "remove a sequence", "sql-dropsequence"},
    {"DROP SERVER", "remove a foreign server descriptor", "sql-dropserver"},
    {"DROP STATISTICS", "remove extended statistics", "sql-dropstatistics"},
    {"DROP SUBSCRIPTION", "remove a subscription", "sql-dropsubscription"},
    {"DROP TABLE", "remove a table", "sql-droptable"},
    {"DROP TABLESPACE", "remove a tablespace", "sql-droptablespace"},
    {"DROP TEXT SEARCH CONFIGURATION", "remove a text search configuration", "sql-droptsconfig"},
    {"DROP TEXT SEARCH DICTIONARY", "remove a text search dictionary", "sql-droptsdictionary"},
    {"DROP TEXT SEARCH PARSER", "remove a text search parser", "sql-droptsparser"},
    {"DROP TEXT SEARCH TEMPLATE", "remove a text search template", "sql-droptstemplate"},
    {"DROP TRANSFORM", "remove a transform", "sql-droptransform"},
    {"DROP TRIGGER", "remove a trigger", "sql-droptrigger"},
    {"DROP TYPE", "remove a data type", "sql-droptype"},
    {"DROP USER", "remove a database role", "sql-dropuser"},
    {"DROP USER MAPPING", "remove a user mapping for a foreign server", "sql-dropusermapping"},
    {"DROP VIEW", "remove a view", "sql-dropview"},
    {"END", "commit the current transaction", "sql-end"},
    {"EXECUTE", "execute a prepared statement", "sql-execute"},
    {"EXPLAIN", "show the execution plan of a statement", "sql-explain"},
    {"FETCH", "retrieve rows from a query using a cursor", "sql-fetch"},
    {"GRANT", "define access privileges", "sql-grant"},
    {"IMPORT FOREIGN SCHEMA", "import table definitions from a foreign server", "sql-importforeignschema"},
    {"INSERT", "create new rows in a table", "sql-insert"},
    {"LISTEN", "listen for a notification", "sql-listen"},
    {"LOAD", "load a shared library file", "sql-load"},
    {"LOCK", "lock a table", "sql-lock"},
    {"MERGE", "conditionally insert, update, or delete rows of a table", "sql-merge"},
    {"MOVE", "position a cursor", "sql-move"},
    {"NOTIFY", "generate a notification", "sql-notify"},
    {"PREPARE", "prepare a statement for execution", "sql-prepare"},
    {"PREPARE TRANSACTION", "prepare the current transaction for two-phase commit", "sql-prepare-transaction"},
    {"REASSIGN OWNED", "change the ownership of database objects owned by a database role", "sql-reassign-owned"},
    {"REFRESH MATERIALIZED VIEW", "replace the contents of a materialized view", "sql-refreshmaterializedview"},
    {"REINDEX", "rebuild indexes", "sql-reindex"},
    {"RELEASE SAVEPOINT", "destroy a previously defined savepoint", "sql-release-savepoint"},
    {"RESET", "restore the value of a run-time parameter to the default value", "sql-reset"},
    {"REVOKE", "remove access privileges", "sql-revoke"},
    {"ROLLBACK", "abort the current transaction", "sql-rollback"},
    {"ROLLBACK PREPARED", "cancel a transaction that was earlier prepared for two-phase commit",
     "sql-rollback-prepared"},
    {"ROLLBACK TO SAVEPOINT", "roll back to a savepoint", "sql-rollback-to"},
    {"SAVEPOINT", "define a new savepoint within the current transaction", "sql-savepoint"},
    {"SECURITY LABEL", "define or change a security label applied to an object", "sql-security-label"},
    {"SELECT", "retrieve rows from a table or view", "sql-select"},
    {"SELECT INTO", "define a new table from the results of a query", "sql-selectinto"},
    {"SET", "change a run-time parameter", "sql-set"},
    {"SET CONSTRAINTS", "set constraint check timing for the current transaction", "sql-set-constraints"},
    {"SET ROLE", "set the current user identifier of the current session", "sql-set-role"},
    {"SET SESSION AUTHORIZATION", "set the session user identifier and the current user identifier of the current session",
     "sql-set-session-authorization"},
    {"SET TRANSACTION", "set the characteristics of the current transaction", "sql-set-transaction"},
    {"SHOW", "show the value of a run-time parameter", "sql-show"},
    {"START TRANSACTION", "start a transaction block", "sql-start-transaction"},
    {"TABLE", "retrieve rows from a table or view", "sql-select"},
    {"TRUNCATE", "empty a table or set of tables", "sql-truncate"},
    {"UNLISTEN", "stop listening for a notification", "sql-unlisten"},
    {"UPDATE", "update rows of a table", "sql-update"},
    {"VACUUM", "garbage-collect and optionally analyze a database", "sql-vacuum"},
    {"VALUES", "compute a set of rows", "sql-values"},
    {"WITH", "retrieve rows from a table or view", "sql-select"},
};

#define SQL_COMMAND_COUNT (sizeof(sql_commands) / sizeof(sql_commands[0]))

/* psql drops trailing blanks and semicolons from the topic, nothing else */
static char *trim_topic(const char *arg)
{
    char *topic = xstrdup(arg ? arg : "");
    size_t len = strlen(topic);
    while (len > 0 && (isspace((unsigned char)topic[len - 1]) || topic[len - 1] == ';'))
        topic[--len] = '\0';
    return topic;
}

/*
 * When the whole topic matches nothing, psql tries again with a prefix made of
 * the first word (third try) or of the first word and the second without its
 * first character (second try): "alter table foo" becomes "alter tab", which
 * shows ALTER TABLE and ALTER TABLESPACE.  0 when there is no such prefix.
 */
static size_t retry_prefix_length(const char *topic, int attempt)
{
    size_t len = strlen(topic), j = 1, prefix = 1;
    while (j < len && topic[j++] != ' ')
        prefix++;
    if (attempt == 2) {
        j++;
        while (j < len && topic[j++] != ' ')
            prefix++;
    }
    return prefix < len ? prefix : 0;
}

static void show_entry(FILE *out, const SqlCommand *e)
{
    fprintf(out, "Command:     %s\nDescription: %s\nSyntax:      see the URL below\n\n"
                 "URL: https://www.postgresql.org/docs/15/%s.html\n\n",
            e->name, e->purpose, e->page);
}

/* the entries whose names start with the first len characters of topic, up to an exact match */
static bool show_prefix_matches(FILE *out, const SqlCommand *e, size_t n, const char *topic, size_t len)
{
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        if (strncasecmp(e[i].name, topic, len) != 0)
            continue;
        show_entry(out, &e[i]);
        found = true;
        if (strcasecmp(e[i].name, topic) == 0)
            break;
    }
    return found;
}

static bool show_matches(FILE *out, const SqlCommand *e, size_t n, const char *topic)
{
    if (strcmp(topic, "*") == 0) {
        for (size_t i = 0; i < n; i++)
            show_entry(out, &e[i]);
        return true;
    }
    if (show_prefix_matches(out, e, n, topic, strlen(topic)))
        return true;
    for (int attempt = 2; attempt <= 3; attempt++) {
        size_t len = retry_prefix_length(topic, attempt);
        if (len == 0)
            return false;
        if (show_prefix_matches(out, e, n, topic, len))
            return true;
    }
    return false;
}

/* psql lays the list out for the terminal's width (80 when stdout is not one), ignoring COLUMNS */
static size_t screen_width(void)
{
    struct winsize ws;
    if (ioctl(fileno(stdout), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

typedef struct ListLayout {
    size_t width;   /* of every column but the last: the longest name and a space */
    size_t ncols;
    size_t rows;
} ListLayout;

static ListLayout list_layout(const SqlCommand *e, size_t n)
{
    ListLayout l = {0, 1, n};
    for (size_t i = 0; i < n; i++)
        l.width = strlen(e[i].name) > l.width ? strlen(e[i].name) : l.width;
    l.width++;
    size_t screen = screen_width();
    if (screen > 3 && (screen - 3) / l.width > 1)
        l.ncols = (screen - 3) / l.width;
    l.rows = (n + l.ncols - 1) / l.ncols;
    return l;
}

static void list_commands(FILE *out, const SqlCommand *e, size_t n, const ListLayout *l)
{
    fputs("Available help:\n", out);
    for (size_t r = 0; r < l->rows; r++) {
        fputs("  ", out);
        for (size_t c = 0; c < l->ncols; c++) {
            size_t i = c * l->rows + r;
            if (i >= n)
                continue;
            if (c + 1 < l->ncols)
                fprintf(out, "%-*s", (int)l->width, e[i].name);
            else
                fputs(e[i].name, out);
        }
        fputc('\n', out);
    }
}

static MetaResult cmd_sql_help(MetaContext *ctx)
{
    char *arg = meta_arg(ctx, OT_WHOLE_LINE, NULL, true);
    char *topic = trim_topic(arg);
    const SqlCommand *e = sql_commands;
    size_t n = SQL_COMMAND_COUNT;
    bool list = !topic[0];
    ListLayout layout = list_layout(e, n);
    long lines = list ? (long)layout.rows + 1 : strcmp(topic, "*") == 0 ? (long)n * 6 : 8;
    FILE *pager = pager_open(&ctx->s->popt, ctx->s->query_out, lines);
    FILE *out = pager ? pager : stdout;
    if (list)
        list_commands(out, e, n, &layout);
    else if (!show_matches(out, e, n, topic))
        fprintf(out, "No help available for \"%s\".\nTry \\h with no arguments to see available help.\n", topic);
    pager_close(pager);
    free(topic);
    free(arg);
    return META_SKIP_LINE;
}

const MetaCommand meta_sql_help_commands[] = {
    {"h", cmd_sql_help, SKIP_WHOLE_LINE, .aliases = {"help"},
     .help = META_HELP({HELP_HELP, 4, .usage = "\\h [NAME]",
                        .text = "help on syntax of SQL commands, * for all commands"})},
    {.name = NULL},
};
