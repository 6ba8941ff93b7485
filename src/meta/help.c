/*
 * Help texts: \? and --help=commands print psql 15's list in psql's order, with
 * the current settings where psql shows them; \? variables and --help=variables
 * print psql's list followed by what only pgconsole reads.  Both go through the
 * pager when they are taller than the terminal, as in psql.
 */
#include "meta/help.h"

#include <string.h>

#include "print/options.h"
#include "print/pager.h"
#include "session/frontend.h"

/* a setting shown as "(currently ...)" after a help line */
typedef enum HelpState { HS_NONE, HS_HTML, HS_TUPLES, HS_EXPANDED, HS_TIMING, HS_DATABASE } HelpState;

typedef struct HelpLine {
    const char *text;
    HelpState state;
} HelpLine;

static const HelpLine command_help[] = {
    {.text = "General"},
    {.text = "  \\copyright             show PostgreSQL usage and distribution terms"},
    {.text = "  \\crosstabview [COLUMNS] execute query and display result in crosstab"},
    {.text = "  \\errverbose            show most recent error message at maximum verbosity"},
    {.text = "  \\g [(OPTIONS)] [FILE]  execute query (and send result to file or |pipe);"},
    {.text = "                         \\g with no arguments is equivalent to a semicolon"},
    {.text = "  \\gdesc                 describe result of query, without executing it"},
    {.text = "  \\gexec                 execute query, then execute each value in its result"},
    {.text = "  \\gset [PREFIX]         execute query and store result in psql variables"},
    {.text = "  \\gx [(OPTIONS)] [FILE] as \\g, but forces expanded output mode"},
    {.text = "  \\q                     quit pgconsole"},
    {.text = "  \\restrict RESTRICT_KEY"},
    {.text = "                         enter restricted mode with provided key"},
    {.text = "  \\unrestrict RESTRICT_KEY"},
    {.text = "                         exit restricted mode if key matches"},
    {.text = "  \\watch [SEC]           execute query every SEC seconds"},
    {.text = ""},
    {.text = "Help"},
    {.text = "  \\? [commands]          show help on backslash commands"},
    {.text = "  \\? options             show help on pgconsole command-line options"},
    {.text = "  \\? variables           show help on special variables"},
    {.text = "  \\h [NAME]              help on syntax of SQL commands, * for all commands"},
    {.text = ""},
    {.text = "Query Buffer"},
    {.text = "  \\e [FILE] [LINE]       edit the query buffer (or file) with external editor"},
    {.text = "  \\ef [FUNCNAME [LINE]]  edit function definition with external editor"},
    {.text = "  \\ev [VIEWNAME [LINE]]  edit view definition with external editor"},
    {.text = "  \\p                     show the contents of the query buffer"},
    {.text = "  \\r                     reset (clear) the query buffer"},
    {.text = "  \\s [FILE]              display history or save it to file"},
    {.text = "  \\w FILE                write query buffer to file"},
    {.text = ""},
    {.text = "Input/Output"},
    {.text = "  \\copy ...              perform SQL COPY with data stream to the client host"},
    {.text = "  \\echo [-n] [STRING]    write string to standard output (-n for no newline)"},
    {.text = "  \\i FILE                execute commands from file"},
    {.text = "  \\ir FILE               as \\i, but relative to location of current script"},
    {.text = "  \\o [FILE]              send all query results to file or |pipe"},
    {.text = "  \\qecho [-n] [STRING]   write string to \\o output stream (-n for no newline)"},
    {.text = "  \\warn [-n] [STRING]    write string to standard error (-n for no newline)"},
    {.text = ""},
    {.text = "Conditional"},
    {.text = "  \\if EXPR               begin conditional block"},
    {.text = "  \\elif EXPR             alternative within current conditional block"},
    {.text = "  \\else                  final alternative within current conditional block"},
    {.text = "  \\endif                 end conditional block"},
    {.text = ""},
    {.text = "Informational"},
    {.text = "  (options: S = show system objects, + = additional detail)"},
    {.text = "  \\d[S+]                 list tables, views, and sequences"},
    {.text = "  \\d[S+]  NAME           describe table, view, sequence, or index"},
    {.text = "  \\da[S]  [PATTERN]      list aggregates"},
    {.text = "  \\dA[+]  [PATTERN]      list access methods"},
    {.text = "  \\dAc[+] [AMPTRN [TYPEPTRN]]  list operator classes"},
    {.text = "  \\dAf[+] [AMPTRN [TYPEPTRN]]  list operator families"},
    {.text = "  \\dAo[+] [AMPTRN [OPFPTRN]]   list operators of operator families"},
    {.text = "  \\dAp[+] [AMPTRN [OPFPTRN]]   list support functions of operator families"},
    {.text = "  \\db[+]  [PATTERN]      list tablespaces"},
    {.text = "  \\dc[S+] [PATTERN]      list conversions"},
    {.text = "  \\dconfig[+] [PATTERN]  list configuration parameters"},
    {.text = "  \\dC[+]  [PATTERN]      list casts"},
    {.text = "  \\dd[S]  [PATTERN]      show object descriptions not displayed elsewhere"},
    {.text = "  \\dD[S+] [PATTERN]      list domains"},
    {.text = "  \\ddp    [PATTERN]      list default privileges"},
    {.text = "  \\dE[S+] [PATTERN]      list foreign tables"},
    {.text = "  \\des[+] [PATTERN]      list foreign servers"},
    {.text = "  \\det[+] [PATTERN]      list foreign tables"},
    {.text = "  \\deu[+] [PATTERN]      list user mappings"},
    {.text = "  \\dew[+] [PATTERN]      list foreign-data wrappers"},
    {.text = "  \\df[anptw][S+] [FUNCPTRN [TYPEPTRN ...]]"},
    {.text = "                         list [only agg/normal/procedure/trigger/window] functions"},
    {.text = "  \\dF[+]  [PATTERN]      list text search configurations"},
    {.text = "  \\dFd[+] [PATTERN]      list text search dictionaries"},
    {.text = "  \\dFp[+] [PATTERN]      list text search parsers"},
    {.text = "  \\dFt[+] [PATTERN]      list text search templates"},
    {.text = "  \\dg[S+] [PATTERN]      list roles"},
    {.text = "  \\di[S+] [PATTERN]      list indexes"},
    {.text = "  \\dl[+]                 list large objects, same as \\lo_list"},
    {.text = "  \\dL[S+] [PATTERN]      list procedural languages"},
    {.text = "  \\dm[S+] [PATTERN]      list materialized views"},
    {.text = "  \\dn[S+] [PATTERN]      list schemas"},
    {.text = "  \\do[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]"},
    {.text = "                         list operators"},
    {.text = "  \\dO[S+] [PATTERN]      list collations"},
    {.text = "  \\dp     [PATTERN]      list table, view, and sequence access privileges"},
    {.text = "  \\dP[itn+] [PATTERN]    list [only index/table] partitioned relations [n=nested]"},
    {.text = "  \\drds [ROLEPTRN [DBPTRN]] list per-database role settings"},
    {.text = "  \\dRp[+] [PATTERN]      list replication publications"},
    {.text = "  \\dRs[+] [PATTERN]      list replication subscriptions"},
    {.text = "  \\ds[S+] [PATTERN]      list sequences"},
    {.text = "  \\dt[S+] [PATTERN]      list tables"},
    {.text = "  \\dT[S+] [PATTERN]      list data types"},
    {.text = "  \\du[S+] [PATTERN]      list roles"},
    {.text = "  \\dv[S+] [PATTERN]      list views"},
    {.text = "  \\dx[+]  [PATTERN]      list extensions"},
    {.text = "  \\dX     [PATTERN]      list extended statistics"},
    {.text = "  \\dy[+]  [PATTERN]      list event triggers"},
    {.text = "  \\l[+]   [PATTERN]      list databases"},
    {.text = "  \\sf[+]  FUNCNAME       show a function's definition"},
    {.text = "  \\sv[+]  VIEWNAME       show a view's definition"},
    {.text = "  \\z      [PATTERN]      same as \\dp"},
    {.text = ""},
    {.text = "Large Objects"},
    {.text = "  \\lo_export LOBOID FILE write large object to file"},
    {.text = "  \\lo_import FILE [COMMENT]"},
    {.text = "                         read large object from file"},
    {.text = "  \\lo_list[+]            list large objects"},
    {.text = "  \\lo_unlink LOBOID      delete a large object"},
    {.text = ""},
    {.text = "Formatting"},
    {.text = "  \\a                     toggle between unaligned and aligned output mode"},
    {.text = "  \\C [STRING]            set table title, or unset if none"},
    {.text = "  \\f [STRING]            show or set field separator for unaligned query output"},
    {"  \\H                     toggle HTML output mode", HS_HTML},
    {.text = "  \\pset [NAME [VALUE]]   set table output option"},
    {.text = "                         (border|columns|csv_fieldsep|expanded|fieldsep|"},
    {.text = "                         fieldsep_zero|footer|format|linestyle|null|"},
    {.text = "                         numericlocale|pager|pager_min_lines|recordsep|"},
    {.text = "                         recordsep_zero|tableattr|title|tuples_only|"},
    {.text = "                         unicode_border_linestyle|unicode_column_linestyle|"},
    {.text = "                         unicode_header_linestyle)"},
    {"  \\t [on|off]            show only rows", HS_TUPLES},
    {.text = "  \\T [STRING]            set HTML <table> tag attributes, or unset if none"},
    {"  \\x [on|off|auto]       toggle expanded output", HS_EXPANDED},
    {.text = ""},
    {.text = "Connection"},
    {.text = "  \\c[onnect] {[DBNAME|- USER|- HOST|- PORT|-] | conninfo}"},
    {"                         connect to new database", HS_DATABASE},
    {.text = "  \\conninfo              display information about current connection"},
    {.text = "  \\encoding [ENCODING]   show or set client encoding"},
    {.text = "  \\password [USERNAME]   securely change the password for a user"},
    {.text = ""},
    {.text = "Operating System"},
    {.text = "  \\cd [DIR]              change the current working directory"},
    {.text = "  \\getenv PSQLVAR ENVVAR fetch environment variable"},
    {.text = "  \\setenv NAME [VALUE]   set or unset environment variable"},
    {"  \\timing [on|off]       toggle timing of commands", HS_TIMING},
    {.text = "  \\! [COMMAND]           execute command in shell or start interactive shell"},
    {.text = ""},
    {.text = "Variables"},
    {.text = "  \\prompt [TEXT] NAME    prompt user to set internal variable"},
    {.text = "  \\set [NAME [VALUE]]    set internal variable, or list all if no parameters"},
    {.text = "  \\unset NAME            unset (delete) internal variable"},
};

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
    "Set or read by pgconsole only:",
    "  APP, REGION, ADDON_ID",
    "    the Scalingo app, its region and its PostgreSQL addon (with --app)",
    "  QUIT_CONFIRM",
    "    if off, \\q in an open transaction quits without asking, as psql does",
    "",
    "Display settings:",
    "Usage:",
    "  pgconsole --pset=NAME[=VALUE]",
    "  or \\pset NAME [VALUE] inside pgconsole",
    "",
    "  border",
    "    border style (number)",
    "  columns",
    "    target width for the wrapped format",
    "  csv_fieldsep",
    "    field separator for CSV output format (default \",\")",
    "  expanded (or x)",
    "    expanded output [on, off, auto]",
    "  fieldsep",
    "    field separator for unaligned output (default \"|\")",
    "  fieldsep_zero",
    "    set field separator for unaligned output to a zero byte",
    "  footer",
    "    enable or disable display of the table footer [on, off]",
    "  format",
    "    set output format [unaligned, aligned, wrapped, html, asciidoc, ...]",
    "  linestyle",
    "    set the border line drawing style [ascii, old-ascii, unicode]",
    "  null",
    "    set the string to be printed in place of a null value",
    "  numericlocale",
    "    enable display of a locale-specific character to separate groups of digits",
    "  pager",
    "    control when an external pager is used [yes, no, always]",
    "  recordsep",
    "    record (line) separator for unaligned output",
    "  recordsep_zero",
    "    set record separator for unaligned output to a zero byte",
    "  tableattr (or T)",
    "    specify attributes for table tag in html format, or proportional",
    "    column widths for left-aligned data types in latex-longtable format",
    "  title",
    "    set the table title for subsequently printed tables",
    "  tuples_only",
    "    if set, only actual table data is shown",
    "  unicode_border_linestyle",
    "  unicode_column_linestyle",
    "  unicode_header_linestyle",
    "    set the style of Unicode line drawing [single, double]",
    "",
    "Environment variables:",
    "Usage:",
    "  NAME=VALUE [NAME=VALUE] pgconsole ...",
    "  or \\setenv NAME [VALUE] inside pgconsole",
    "",
    "  COLUMNS",
    "    number of columns for wrapped format",
    "  PGAPPNAME",
    "    same as the application_name connection parameter",
    "  PGDATABASE",
    "    same as the dbname connection parameter",
    "  PGHOST",
    "    same as the host connection parameter",
    "  PGPASSFILE",
    "    password file name",
    "  PGPASSWORD",
    "    connection password (not recommended)",
    "  PGPORT",
    "    same as the port connection parameter",
    "  PGUSER",
    "    same as the user connection parameter",
    "  PSQL_EDITOR, EDITOR, VISUAL",
    "    editor used by the \\e, \\ef, and \\ev commands",
    "  PSQL_EDITOR_LINENUMBER_ARG",
    "    how to specify a line number when invoking the editor",
    "  PSQL_HISTORY",
    "    alternative location for the command history file",
    "  PSQL_PAGER, PAGER",
    "    name of external pager program",
    "  PSQL_WATCH_PAGER",
    "    name of external pager program used for \\watch",
    "  PSQLRC",
    "    alternative location for the user's .psqlrc file",
    "  SHELL",
    "    shell used by the \\! command",
    "  TMPDIR",
    "    directory for temporary files",
    "",
    "Read by pgconsole only:",
    "  DATABASE_URL",
    "    database to connect to when none is named (as inside an app container)",
    "  NO_COLOR",
    "    if set, the prompt shows the app without colour",
    "  PGCONSOLE_HTTP_TIMEOUT",
    "    seconds allowed for each platform API request",
    "  PGCONSOLE_PSQLRC_DIR",
    "    directory of the shipped psqlrc.d files (empty: none)",
    "  SCALINGO_API_TOKEN",
    "    platform API token (else the one stored by \"scalingo login\")",
    "  SCALINGO_REGION",
    "    region of the app given with --app (same as --region)",
    "  SCALINGO_AUTH_URL, SCALINGO_API_URL, SCALINGO_DB_URL",
    "    platform API endpoints, as the scalingo CLI reads them",
    "  SSL_CERT_FILE",
    "    CA certificates trusted for the platform API",
    NULL,
};

static const char *on_off(bool on)
{
    return on ? "on" : "off";
}

/* the session's print settings, or the defaults for --help before there is a session */
static const PrintOptions *settings_of(const Session *s)
{
    static PrintOptions defaults;
    static bool defaults_set;
    if (s)
        return &s->popt;
    if (!defaults_set) {
        popt_init(&defaults);
        defaults_set = true;
    }
    return &defaults;
}

static void print_state(FILE *out, const Session *s, HelpState state)
{
    const PrintOptions *popt = settings_of(s);
    switch (state) {
    case HS_NONE: return;
    case HS_HTML: fprintf(out, " (currently %s)", on_off(popt->format == PRINT_HTML)); return;
    case HS_TUPLES: fprintf(out, " (currently %s)", on_off(popt->tuples_only)); return;
    case HS_EXPANDED:
        fprintf(out, " (currently %s)",
                popt->expanded == EXPANDED_AUTO ? "auto" : on_off(popt->expanded == EXPANDED_ON));
        return;
    case HS_TIMING: fprintf(out, " (currently %s)", on_off(s && s->timing)); return;
    case HS_DATABASE:
        if (s && s->db)
            fprintf(out, " (currently \"%s\")", PQdb(s->db));
        else
            fputs(" (currently no connection)", out);
        return;
    }
}

static FILE *open_help_pager(const Session *s, long lines)
{
    return pager_open(settings_of(s), stdout, lines);
}

static void print_command_list(Session *s)
{
    long lines = (long)(sizeof(command_help) / sizeof(command_help[0]));
    FILE *pager = open_help_pager(s, lines);
    FILE *out = pager ? pager : stdout;
    for (size_t i = 0; i < sizeof(command_help) / sizeof(command_help[0]); i++) {
        fputs(command_help[i].text, out);
        print_state(out, s, command_help[i].state);
        fputc('\n', out);
    }
    pager_close(pager);
}

static void print_variables(Session *s)
{
    long lines = 0;
    while (variable_help[lines])
        lines++;
    FILE *pager = open_help_pager(s, lines);
    FILE *out = pager ? pager : stdout;
    for (long i = 0; i < lines; i++)
        fprintf(out, "%s\n", variable_help[i]);
    pager_close(pager);
}

void help_print_command_list(void)
{
    print_command_list(NULL);
}

void help_print_variables(void)
{
    print_variables(NULL);
}

/* as in psql, any other topic (even an abbreviation) gets the list of commands */
void help_print_commands(Session *s, const char *topic)
{
    if (topic && strcmp(topic, "variables") == 0)
        print_variables(s);
    else if (topic && strcmp(topic, "options") == 0)
        s->frontend->print_usage(stdout);
    else
        print_command_list(s);
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
