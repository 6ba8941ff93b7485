/*
 * \? is generated from the command tables, so every command appears with the help
 * line its table row gives it, grouped by section in a fixed order.
 */
#include "meta/help.h"

#include <string.h>

#include "console/options.h"
#include "meta/commands.h"

static const char *const section_order[] = {
    "General", "Help", "Query Buffer", "Input/Output", "Conditional", "Informational", "Formatting",
    "Connection", "Operating System", "Variables", "Large Objects", "Platform (Scalingo)", NULL,
};

typedef struct SectionPrint {
    const char *section;
    FILE *out;
} SectionPrint;

static void print_entry(const MetaCommand *c, void *arg)
{
    SectionPrint *sp = arg;
    if (!c->help_section || strcmp(c->help_section, sp->section) != 0)
        return;
    size_t width = strlen(c->help_usage);
    fprintf(sp->out, "  %s", c->help_usage);
    if (width < 23)
        fprintf(sp->out, "%*s", (int)(23 - width), "");
    else
        fputc(' ', sp->out);
    for (const char *p = c->help_text; *p; p++) {
        fputc(*p, sp->out);
        if (*p == '\n')
            fprintf(sp->out, "%*s", 26, "");
    }
    fputc('\n', sp->out);
}

void help_print_command_list(FILE *out)
{
    for (int i = 0; section_order[i]; i++) {
        SectionPrint sp = {section_order[i], out};
        fprintf(out, "%s%s\n", i > 0 ? "\n" : "", section_order[i]);
        meta_for_each(print_entry, &sp);
    }
}

static const char *const variable_help[] = {
    "List of specially treated variables",
    "",
    "psql variables:",
    "Usage:",
    "  pgconsole --set=NAME=VALUE",
    "  or \\set NAME VALUE inside pgconsole",
    "",
    "  AUTOCOMMIT",
    "    if set, successful SQL commands are automatically committed",
    "  COMP_KEYWORD_CASE",
    "    determines the case used to complete SQL key words",
    "    [lower, upper, preserve-lower, preserve-upper]",
    "  DBNAME",
    "    the currently connected database name",
    "  ECHO",
    "    controls what input is written to standard output",
    "    [all, errors, none, queries]",
    "  ECHO_HIDDEN",
    "    if set, display internal queries executed by backslash commands;",
    "    if set to \"noexec\", just show them without execution",
    "  ENCODING",
    "    current client character set encoding",
    "  ERROR",
    "    true if last query failed, else false",
    "  FETCH_COUNT",
    "    the number of result rows to fetch and display at a time (0 = unlimited)",
    "  HIDE_TABLEAM",
    "    if set, table access methods are not displayed",
    "  HIDE_TOAST_COMPRESSION",
    "    if set, compression methods are not displayed",
    "  HISTCONTROL",
    "    controls command history [ignorespace, ignoredups, ignoreboth]",
    "  HISTFILE",
    "    file name used to store the command history",
    "  HISTSIZE",
    "    maximum number of commands to store in the command history",
    "  HOST",
    "    the currently connected database server host",
    "  IGNOREEOF",
    "    number of EOFs needed to terminate an interactive session",
    "  LASTOID",
    "    value of the last affected OID",
    "  LAST_ERROR_MESSAGE",
    "  LAST_ERROR_SQLSTATE",
    "    message and SQLSTATE of last error, or empty string and \"00000\" if none",
    "  ON_ERROR_ROLLBACK",
    "    if set, an error doesn't stop a transaction (uses implicit savepoints)",
    "  ON_ERROR_STOP",
    "    stop batch execution after error",
    "  PORT",
    "    server port of the current connection",
    "  PROMPT1",
    "    specifies the standard pgconsole prompt",
    "  PROMPT2",
    "    specifies the prompt used when a statement continues from a previous line",
    "  PROMPT3",
    "    specifies the prompt used during COPY ... FROM STDIN",
    "  QUIET",
    "    run quietly (same as -q option)",
    "  ROW_COUNT",
    "    number of rows returned or affected by last query, or 0",
    "  SERVER_VERSION_NAME",
    "  SERVER_VERSION_NUM",
    "    server's version (in short string or numeric format)",
    "  SHOW_ALL_RESULTS",
    "    show all results of a combined query (\\;) instead of only the last",
    "  SHOW_CONTEXT",
    "    controls display of message context fields [never, errors, always]",
    "  SINGLELINE",
    "    if set, end of line terminates SQL commands (same as -S option)",
    "  SINGLESTEP",
    "    single-step mode (same as -s option)",
    "  SQLSTATE",
    "    SQLSTATE of last query, or \"00000\" if no error",
    "  USER",
    "    the currently connected database user",
    "  VERBOSITY",
    "    controls verbosity of error reports [default, verbose, terse, sqlstate]",
    "  VERSION",
    "  VERSION_NAME",
    "  VERSION_NUM",
    "    pgconsole's version (in verbose string, short string, or numeric format)",
    "",
    "Set by pgconsole when connected through the platform (--app):",
    "  APP, REGION, ADDON_ID",
    "    the Scalingo app, its region and its PostgreSQL addon",
    "",
    "Display settings:",
    "Usage:",
    "  pgconsole --pset=NAME[=VALUE]",
    "  or \\pset NAME [VALUE] inside pgconsole",
    "",
    "  border, columns, csv_fieldsep, expanded (or x), fieldsep, fieldsep_zero, footer,",
    "  format, linestyle, null, numericlocale, pager, pager_min_lines, recordsep,",
    "  recordsep_zero, tableattr (or T), title (or C), tuples_only (or t),",
    "  unicode_border_linestyle, unicode_column_linestyle, unicode_header_linestyle",
    "",
    "Environment variables:",
    "  COLUMNS, PAGER, PSQL_PAGER, PSQL_EDITOR, EDITOR, VISUAL, PSQL_HISTORY, PSQLRC,",
    "  PGDATABASE, PGHOST, PGPORT, PGUSER, PGPASSFILE, DATABASE_URL,",
    "  SCALINGO_API_TOKEN, SCALINGO_REGION, SCALINGO_AUTH_URL, SCALINGO_API_URL,",
    "  SCALINGO_DB_URL, SSL_CERT_FILE",
    NULL,
};

void help_print_variables(FILE *out)
{
    for (int i = 0; variable_help[i]; i++)
        fprintf(out, "%s\n", variable_help[i]);
}

void help_print_commands(Session *s, const char *topic)
{
    (void)s;
    if (topic && strncmp(topic, "variables", strlen(topic)) == 0 && *topic)
        help_print_variables(stdout);
    else if (topic && strncmp(topic, "options", strlen(topic)) == 0 && *topic)
        options_print_usage(stdout);
    else
        help_print_command_list(stdout);
}

void help_print_copyright(void)
{
    puts("pgconsole is free software, distributed under the MIT license.\n"
         "It uses libpq, the PostgreSQL client library:\n\n"
         "PostgreSQL Database Management System\n"
         "(formerly known as Postgres, then as Postgres95)\n\n"
         "Portions Copyright (c) 1996-2022, PostgreSQL Global Development Group\n"
         "Portions Copyright (c) 1994, The Regents of the University of California\n\n"
         "Permission to use, copy, modify, and distribute this software and its\n"
         "documentation for any purpose, without fee, and without a written agreement\n"
         "is hereby granted, provided that the above copyright notice and this\n"
         "paragraph and the following two paragraphs appear in all copies.");
}
