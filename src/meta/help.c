/*
 * Help texts: \? and --help=commands put together the help entries of every
 * command's row (meta/commands.h), by section and in psql's order, with the current
 * settings where psql shows them; \? variables and --help=variables print psql's
 * list followed by what only pgconsole reads.  Both go through the pager when they
 * are taller than the terminal, as in psql.
 */
#include "meta/help.h"

#include <stdlib.h>
#include <string.h>

#include "meta/commands.h"
#include "print/options.h"
#include "print/pager.h"
#include "session/frontend.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* the headings of \?, by section; a note follows the heading */
static const struct {
    const char *heading;
    const char *note;
} sections[HELP_SECTION_COUNT] = {
    [HELP_GENERAL] = {"General", NULL},
    [HELP_HELP] = {"Help", NULL},
    [HELP_QUERY_BUFFER] = {"Query Buffer", NULL},
    [HELP_INPUT_OUTPUT] = {"Input/Output", NULL},
    [HELP_CONDITIONAL] = {"Conditional", NULL},
    [HELP_INFORMATIONAL] = {"Informational", "(options: S = show system objects, + = additional detail)"},
    [HELP_LARGE_OBJECTS] = {"Large Objects", NULL},
    [HELP_FORMATTING] = {"Formatting", NULL},
    [HELP_CONNECTION] = {"Connection", NULL},
    [HELP_OPERATING_SYSTEM] = {"Operating System", NULL},
    [HELP_VARIABLES] = {"Variables", NULL},
    [HELP_DASHBOARD] = {"Database dashboard", "(with --app through the Scalingo API; on a plain connection what SQL allows)"},
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
    "  PIPELINE",
    "    if off, a script's statements are never sent ahead of the results of those before them",
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

static void append_current(StrBuf *out, const Session *s, HelpShows shows)
{
    const PrintOptions *popt = settings_of(s);
    switch (shows) {
    case SHOWS_NOTHING: return;
    case SHOWS_HTML: sb_printf(out, " (currently %s)", on_off(popt->format == PRINT_HTML)); return;
    case SHOWS_TUPLES_ONLY: sb_printf(out, " (currently %s)", on_off(popt->tuples_only)); return;
    case SHOWS_EXPANDED:
        sb_printf(out, " (currently %s)",
                  popt->expanded == EXPANDED_AUTO ? "auto" : on_off(popt->expanded == EXPANDED_ON));
        return;
    case SHOWS_TIMING: sb_printf(out, " (currently %s)", on_off(s && s->timing)); return;
    case SHOWS_DATABASE:
        if (s && s->db)
            sb_printf(out, " (currently \"%s\")", PQdb(s->db));
        else
            sb_append(out, " (currently no connection)");
        return;
    }
}

enum { HELP_TEXT_COLUMN = 25 };

/* one entry: the usage, then the text from its column, each further line at that column */
static void append_entry(StrBuf *out, const Session *s, const MetaHelp *h)
{
    size_t column = h->column ? (size_t)h->column : HELP_TEXT_COLUMN;
    size_t start = out->len;
    sb_printf(out, "  %s", h->usage);
    if (h->below)
        sb_printf(out, "\n%*s", (int)column, "");
    else
        sb_printf(out, "%*s", out->len - start < column ? (int)(column - (out->len - start)) : 1, "");
    for (const char *text = h->text;;) {
        size_t n = strcspn(text, "\n");
        sb_append_n(out, text, n);
        text += n;
        if (!*text)
            break;
        sb_printf(out, "\n%*s", (int)column, "");
        text++;
    }
    append_current(out, s, h->shows);
    sb_append_char(out, '\n');
}

typedef struct HelpEntry {
    const MetaHelp *help;
    size_t seen;              /* keeps table order among equal places */
} HelpEntry;

typedef struct HelpEntries {
    HelpEntry *v;
    size_t n;
    const char *only;         /* keep the entries of this command only, or all */
} HelpEntries;

static void collect_entry(const MetaHelp *help, const char *command, void *arg)
{
    HelpEntries *entries = arg;
    if (entries->only && strcmp(entries->only, command) != 0)
        return;
    entries->v = xrealloc(entries->v, (entries->n + 1) * sizeof(*entries->v));
    entries->v[entries->n] = (HelpEntry){help, entries->n};
    entries->n++;
}

static int by_place(const void *a, const void *b)
{
    const HelpEntry *x = a, *y = b;
    if (x->help->section != y->help->section)
        return x->help->section < y->help->section ? -1 : 1;
    if (x->help->order != y->help->order)
        return x->help->order < y->help->order ? -1 : 1;
    return x->seen < y->seen ? -1 : x->seen > y->seen;
}

/* the entries of one command, or of all when only is NULL, in their places */
static HelpEntries sorted_entries(const char *only)
{
    HelpEntries entries = {.only = only};
    meta_for_each_help(collect_entry, &entries);
    if (entries.n > 0)
        qsort(entries.v, entries.n, sizeof(*entries.v), by_place);
    return entries;
}

/* \?'s list: the sections in order, each entry in its place, a blank line between sections */
static void append_command_list(StrBuf *out, const Session *s)
{
    HelpEntries entries = sorted_entries(NULL);
    for (size_t i = 0; i < entries.n; i++) {
        HelpSection section = entries.v[i].help->section;
        if (i == 0 || section != entries.v[i - 1].help->section) {
            sb_printf(out, "%s%s\n", i == 0 ? "" : "\n", sections[section].heading);
            if (sections[section].note)
                sb_printf(out, "  %s\n", sections[section].note);
        }
        append_entry(out, s, entries.v[i].help);
    }
    free(entries.v);
}

static long count_lines(const StrBuf *text)
{
    long lines = 0;
    for (size_t i = 0; i < text->len; i++)
        lines += text->data[i] == '\n';
    return lines;
}

static void page_text(const Session *s, const StrBuf *text)
{
    FILE *pager = pager_open(settings_of(s), stdout, count_lines(text));
    fputs(sb_str(text), pager ? pager : stdout);
    pager_close(pager);
}

static void print_command_list(Session *s)
{
    StrBuf text = STRBUF_INIT;
    append_command_list(&text, s);
    page_text(s, &text);
    sb_free(&text);
}

static void print_variables(Session *s)
{
    StrBuf text = STRBUF_INIT;
    for (size_t i = 0; variable_help[i]; i++)
        sb_printf(&text, "%s\n", variable_help[i]);
    page_text(s, &text);
    sb_free(&text);
}

void help_print_command_list(void)
{
    print_command_list(NULL);
}

void help_print_variables(void)
{
    print_variables(NULL);
}

bool help_print_command(const Session *s, FILE *out, const char *name)
{
    /* an alias stands for its command, whose name the entries carry */
    const MetaCommand *mc = meta_lookup(name);
    HelpEntries entries = sorted_entries(mc && !mc->prefix ? mc->name : name);
    StrBuf text = STRBUF_INIT;
    for (size_t i = 0; i < entries.n; i++)
        append_entry(&text, s, entries.v[i].help);
    fputs(sb_str(&text), out);
    sb_free(&text);
    free(entries.v);
    return entries.n > 0;
}

/*
 * \? NAME for a command of pgconsole's own sections: its entries.  psql's commands
 * keep psql's answer to a topic it does not know, the whole list.
 */
static bool print_own_command(Session *s, const char *topic)
{
    const MetaCommand *mc = meta_lookup(topic);
    if (!mc || mc->prefix || !mc->help || mc->help->section <= HELP_VARIABLES)
        return false;
    return help_print_command(s, stdout, topic);
}

/* as in psql, any other topic (even an abbreviation) gets the list of commands */
void help_print_commands(Session *s, const char *topic)
{
    if (topic && strcmp(topic, "variables") == 0)
        print_variables(s);
    else if (topic && strcmp(topic, "options") == 0)
        s->frontend->print_usage(stdout);
    else if (!topic || !print_own_command(s, topic))
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
