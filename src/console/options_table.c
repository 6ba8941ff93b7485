/*
 * Every command-line option, in --help's order: psql 15's, then pgconsole's platform
 * options.  Options that change variables or print settings apply to the session at
 * once, in the order given, as in psql; the others fill Options for startup.
 */
#include "console/options_table.h"

#include <stdlib.h>
#include <string.h>

#include "meta/help.h"
#include "util/log.h"
#include "util/xalloc.h"

#define FIELD(member) offsetof(Options, member)

/* ---- handlers shared by several rows ---- */

static int store_arg(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    *(const char **)((char *)o + opt->field) = arg;
    return OPTION_GO_ON;
}

static int set_flag(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    *(bool *)((char *)o + opt->field) = true;
    return OPTION_GO_ON;
}

static int set_variable(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    vars_set(s->vars, opt->variable, opt->value);
    return OPTION_GO_ON;
}

/* --via direct|ssh */
static int set_via(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    if (strcmp(arg, "direct") == 0) {
        o->platform.via = PLATFORM_VIA_DIRECT;
    } else if (strcmp(arg, "ssh") == 0) {
        o->platform.via = PLATFORM_VIA_SSH;
    } else {
        log_error("invalid --via \"%s\" (use direct or ssh)", arg);
        return EXIT_FAIL;
    }
    return OPTION_GO_ON;
}

/* ---- general ---- */

static int add_command(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    /* a -c string is either SQL or backslash commands, never both */
    if (arg[0] == '\\')
        options_add_action(o, ACT_SLASH, arg + 1);
    else
        options_add_action(o, ACT_SQL, arg);
    return OPTION_GO_ON;
}

static int add_file(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    options_add_action(o, ACT_FILE, arg);
    return OPTION_GO_ON;
}

/* -v NAME=VALUE sets, -v NAME unsets */
static int assign_variable(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    char *copy = xstrdup(arg);
    char *eq = strchr(copy, '=');
    bool ok;
    if (eq) {
        *eq = '\0';
        ok = vars_set(s->vars, copy, eq + 1);
    } else {
        ok = vars_delete(s->vars, copy);
    }
    free(copy);
    return ok ? OPTION_GO_ON : EXIT_FAIL;
}

static int version(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    options_print_version(stdout);
    return EXIT_OK;
}

/* --help[=TOPIC]; "man" (not listed) prints the man page's option list */
static int help(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    if (!arg || strcmp(arg, "options") == 0)
        options_print_usage(stdout);
    else if (strcmp(arg, "commands") == 0)
        help_print_command_list();
    else if (strcmp(arg, "variables") == 0)
        help_print_variables();
    else if (strcmp(arg, "man") == 0)
        options_print_man(stdout);
    else
        return options_unknown();
    return EXIT_OK;
}

/* ---- output format ---- */

static int unaligned(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.format = PRINT_UNALIGNED;
    return OPTION_GO_ON;
}

static int csv(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.format = PRINT_CSV;
    return OPTION_GO_ON;
}

static int json(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.format = PRINT_JSON;
    return OPTION_GO_ON;
}

static int html(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.format = PRINT_HTML;
    return OPTION_GO_ON;
}

static void set_separator(char **field, bool *zero, const char *value)
{
    free(*field);
    *field = xstrdup(value);
    *zero = false;
}

static int field_separator(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    set_separator(&s->popt.field_sep, &s->popt.field_sep_zero, arg);
    return OPTION_GO_ON;
}

static int record_separator(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    set_separator(&s->popt.record_sep, &s->popt.record_sep_zero, arg);
    return OPTION_GO_ON;
}

static int field_separator_zero(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.field_sep_zero = true;
    return OPTION_GO_ON;
}

static int record_separator_zero(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.record_sep_zero = true;
    return OPTION_GO_ON;
}

/* -P NAME[=VALUE], as \pset NAME [VALUE] */
static int pset(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    char *copy = xstrdup(arg);
    char *eq = strchr(copy, '=');
    if (eq)
        *eq = '\0';
    bool ok = popt_pset(&s->popt, copy, eq ? eq + 1 : NULL, true);
    if (!ok)
        log_error("could not set printing parameter \"%s\"", copy);
    free(copy);
    return ok ? OPTION_GO_ON : EXIT_FAIL;
}

static int tuples_only(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.tuples_only = true;
    return OPTION_GO_ON;
}

static int table_attr(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    free(s->popt.table_attr);
    s->popt.table_attr = xstrdup(arg);
    return OPTION_GO_ON;
}

static int expanded(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    s->popt.expanded = EXPANDED_ON;
    return OPTION_GO_ON;
}

/* ---- input and output, connection ---- */

static int output(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    return session_set_output(s, arg) ? OPTION_GO_ON : EXIT_FAIL;
}

static int never_prompt(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    o->password = PASSWORD_NEVER;
    return OPTION_GO_ON;
}

static int always_prompt(const OptionSpec *opt, const char *arg, Options *o, Session *s)
{
    o->password = PASSWORD_ALWAYS;
    return OPTION_GO_ON;
}

const OptionSectionTitle option_sections[OPTSEC_COUNT] = {
    [OPTSEC_GENERAL] = {"General options:", "General"},
    [OPTSEC_INPUT_OUTPUT] = {"Input and output options:", "Input and output"},
    [OPTSEC_FORMAT] = {"Output format options:", "Output format"},
    [OPTSEC_CONNECTION] = {"Connection options:", "Connection"},
    [OPTSEC_PLATFORM] = {"Platform options (Scalingo):", "Platform (Scalingo)"},
};

const OptionSpec option_table[] = {
    /* ---- General ---- */
    {OPTSEC_GENERAL, 'c', "command", .arg = "COMMAND", .apply = add_command,
     .help = "run only single command (SQL or internal) and exit",
     .man = "Run one command (SQL, or one backslash command when it starts with a backslash); may be repeated\n"
            "and mixed with \\fB\\-f\\fR."},
    {OPTSEC_GENERAL, 'd', "dbname", .arg = "DBNAME", .apply = store_arg, .field = FIELD(dbname),
     .help = "database name to connect to", .shows = DEFAULT_DBNAME,
     .man = "Database name, connection string or URI. With no database named (and no PGDATABASE or PGSERVICE),\n"
            "\\fBDATABASE_URL\\fR is used when it is set."},
    {OPTSEC_GENERAL, 'f', "file", .arg = "FILENAME", .apply = add_file,
     .help = "execute commands from file, then exit",
     .man = "Run the commands of a file (\\fB\\-\\fR for standard input); may be repeated."},
    {OPTSEC_GENERAL, 'l', "list", .apply = set_flag, .field = FIELD(list_dbs),
     .help = "list available databases, then exit",
     .man = "List the databases and exit."},
    {OPTSEC_GENERAL, 'v', "set", .alias = "variable", .arg = "NAME=VALUE", .apply = assign_variable,
     .help = "set psql variable NAME to VALUE\n(e.g., -v ON_ERROR_STOP=1)",
     .man = "Set a variable (\\fINAME\\fR alone unsets it)."},
    {OPTSEC_GENERAL, 'V', "version", .apply = version,
     .help = "output version information, then exit",
     .man = "Print pgconsole's version and the libpq version, then exit."},
    {OPTSEC_GENERAL, 'X', "no-psqlrc", .apply = set_flag, .field = FIELD(no_psqlrc),
     .help = "do not read startup files (~/.psqlrc, psqlrc.d, the app's .psqlrc)",
     .man = "Read no startup file."},
    {OPTSEC_GENERAL, '1', "single-transaction", .apply = set_flag, .field = FIELD(single_txn),
     .letter_gloss = "(\"one\")",
     .help = "execute as a single transaction (if non-interactive)",
     .man = "Run all the \\fB\\-c\\fR and \\fB\\-f\\fR actions (or standard input) in one transaction."},
    {OPTSEC_GENERAL, '?', "help", .arg = "options", .optional_arg = true, .apply = help,
     .help = "show this help, then exit"},
    {OPTSEC_GENERAL, 0, "help", .arg = "commands",
     .help = "list backslash commands, then exit"},
    {OPTSEC_GENERAL, 0, "help", .arg = "variables",
     .help = "list special variables, then exit",
     .man = "Show help and exit: the options, the backslash commands or the special variables."},

    /* ---- Input and output ---- */
    {OPTSEC_INPUT_OUTPUT, 'a', "echo-all", .apply = set_variable, .variable = "ECHO", .value = "all",
     .help = "echo all input from script",
     .man = "Echo all input lines (ECHO=all)."},
    {OPTSEC_INPUT_OUTPUT, 'b', "echo-errors", .apply = set_variable, .variable = "ECHO", .value = "errors",
     .help = "echo failed commands",
     .man = "Echo failed statements (ECHO=errors)."},
    {OPTSEC_INPUT_OUTPUT, 'e', "echo-queries", .apply = set_variable, .variable = "ECHO", .value = "queries",
     .help = "echo commands sent to server",
     .man = "Echo statements sent to the server (ECHO=queries)."},
    {OPTSEC_INPUT_OUTPUT, 'E', "echo-hidden", .apply = set_variable, .variable = "ECHO_HIDDEN", .value = "on",
     .help = "display queries that internal commands generate",
     .man = "Show the queries backslash commands run (ECHO_HIDDEN=on)."},
    {OPTSEC_INPUT_OUTPUT, 'L', "log-file", .arg = "FILENAME", .apply = store_arg, .field = FIELD(logfile),
     .help = "send session log to file",
     .man = "Append every statement and result to \\fIFILENAME\\fR."},
    {OPTSEC_INPUT_OUTPUT, 'n', "no-readline", .apply = set_flag, .field = FIELD(no_readline),
     .help = "disable enhanced command line editing (libedit)",
     .man = "Read terminal input without line editing."},
    {OPTSEC_INPUT_OUTPUT, 'o', "output", .arg = "FILENAME", .apply = output,
     .help = "send query results to file (or |pipe)",
     .man = "Send query results to \\fIFILENAME\\fR, or to a command with \\fB|\\fIcommand\\fR."},
    {OPTSEC_INPUT_OUTPUT, 'q', "quiet", .apply = set_variable, .variable = "QUIET", .value = "on",
     .help = "run quietly (no messages, only query output)",
     .man = "No informational messages."},
    {OPTSEC_INPUT_OUTPUT, 's', "single-step", .apply = set_variable, .variable = "SINGLESTEP", .value = "on",
     .help = "single-step mode (confirm each query)",
     .man = "Confirm each statement."},
    {OPTSEC_INPUT_OUTPUT, 'S', "single-line", .apply = set_variable, .variable = "SINGLELINE", .value = "on",
     .help = "single-line mode (end of line terminates SQL command)",
     .man = "End of line ends a statement."},

    /* ---- Output format ---- */
    {OPTSEC_FORMAT, 'A', "no-align", .apply = unaligned,
     .help = "unaligned table output mode",
     .man = "Unaligned output."},
    {OPTSEC_FORMAT, 0, "csv", .apply = csv,
     .help = "CSV (Comma-Separated Values) table output mode",
     .man = "CSV output."},
    {OPTSEC_FORMAT, 0, "json", .apply = json,
     .help = "JSON output mode (an array of objects, one per row)",
     .man = "JSON output, for scripts: an array of objects, one per row, keyed by column name, with numbers,\n"
            "booleans, \\fBnull\\fR and json values typed from the column types (as \\fB\\\\pset format json\\fR);\n"
            "with \\fB\\-t\\fR, one object a line (JSON Lines)."},
    {OPTSEC_FORMAT, 'F', "field-separator", .arg = "STRING", .apply = field_separator,
     .help = "field separator for unaligned output (default: \"|\")",
     .man = "Field separator of unaligned output."},
    {OPTSEC_FORMAT, 'H', "html", .apply = html,
     .help = "HTML table output mode",
     .man = "HTML output."},
    {OPTSEC_FORMAT, 'P', "pset", .arg = "VAR[=ARG]", .apply = pset,
     .help = "set printing option VAR to ARG (see \\pset command)",
     .man = "Any \\fB\\\\pset\\fR option."},
    {OPTSEC_FORMAT, 'R', "record-separator", .arg = "STRING", .apply = record_separator,
     .help = "record separator for unaligned output (default: newline)",
     .man = "Record separator of unaligned output."},
    {OPTSEC_FORMAT, 't', "tuples-only", .apply = tuples_only,
     .help = "print rows only",
     .man = "Rows only: no headers or footers."},
    {OPTSEC_FORMAT, 'T', "table-attr", .arg = "TEXT", .apply = table_attr,
     .help = "set HTML table tag attributes (e.g., width, border)",
     .man = "HTML table attributes."},
    {OPTSEC_FORMAT, 'x', "expanded", .apply = expanded,
     .help = "turn on expanded table output",
     .man = "Expanded output."},
    {OPTSEC_FORMAT, 'z', "field-separator-zero", .apply = field_separator_zero,
     .help = "set field separator for unaligned output to zero byte",
     .man = "Zero byte as field separator."},
    {OPTSEC_FORMAT, '0', "record-separator-zero", .apply = record_separator_zero,
     .help = "set record separator for unaligned output to zero byte",
     .man = "Zero byte as record separator."},

    /* ---- Connection ---- */
    {OPTSEC_CONNECTION, 'h', "host", .arg = "HOSTNAME", .apply = store_arg, .field = FIELD(host),
     .help = "database server host or socket directory", .shows = DEFAULT_HOST},
    {OPTSEC_CONNECTION, 'p', "port", .arg = "PORT", .apply = store_arg, .field = FIELD(port),
     .help = "database server port", .shows = DEFAULT_PORT},
    {OPTSEC_CONNECTION, 'U', "username", .arg = "USERNAME", .apply = store_arg, .field = FIELD(username),
     .help = "database user name", .shows = DEFAULT_USER,
     .man = "Server, port and user, as in libpq."},
    {OPTSEC_CONNECTION, 'w', "no-password", .apply = never_prompt,
     .help = "never prompt for password",
     .man = "Never ask for a password."},
    {OPTSEC_CONNECTION, 'W', "password", .apply = always_prompt,
     .help = "force password prompt (should happen automatically)",
     .man = "Ask for a password before connecting."},
    {OPTSEC_CONNECTION, .help = "With no database named, DATABASE_URL is used when it is set."},

    /* ---- Platform (Scalingo) ---- */
    {OPTSEC_PLATFORM, 0, "app", .arg = "APP", .apply = store_arg, .field = FIELD(platform.app),
     .help = "connect to the PostgreSQL database of this app",
     .man = "Connect to the PostgreSQL database of \\fIAPP\\fR. Every other option still applies."},
    {OPTSEC_PLATFORM, 0, "region", .arg = "REGION", .apply = store_arg, .field = FIELD(platform.region),
     .help = "the app's region (default: SCALINGO_REGION, then the default region)",
     .man = "The app's region (default: \\fBSCALINGO_REGION\\fR, then the platform's default region)."},
    {OPTSEC_PLATFORM, 0, "addon", .arg = "ID", .apply = store_arg, .field = FIELD(platform.addon),
     .help = "the PostgreSQL addon, when the app has several",
     .man = "The PostgreSQL addon to use when the app has several."},
    {OPTSEC_PLATFORM, 0, "env-var", .arg = "NAME", .apply = store_arg, .field = FIELD(platform.env_var),
     .help = "the app variable holding the database URL\n(default: SCALINGO_POSTGRESQL_URL)",
     .man = "The app variable that holds the database URL (default: \\fBSCALINGO_POSTGRESQL_URL\\fR)."},
    {OPTSEC_PLATFORM, 0, "sslmode", .arg = "MODE", .apply = store_arg, .field = FIELD(platform.sslmode),
     .help = "TLS mode for the platform connection (default: verify-full)",
     .man = "TLS mode of the database connection: \\fBverify-full\\fR (default, against the platform's CA)\n"
            "or \\fBrequire\\fR."},
    {OPTSEC_PLATFORM, 0, "via", .arg = "PATH", .apply = set_via,
     .help = "reach the database \"direct\" or through the region's \"ssh\" gateway\n(default: from its "
             "Internet Accessibility)",
     .man = "How to reach the database: \\fBdirect\\fR (TLS over the internet, or inside the platform's network) or\n"
            "\\fBssh\\fR (through the region's SSH gateway, with your own \\fBssh\\fR and SSH key). Without it,\n"
            "\\fBdirect\\fR when the database's Internet Accessibility is on, else \\fBssh\\fR. See\n"
            "\\fBPGCONSOLE_SSH_COMMAND\\fR and \\fBSCALINGO_SSH_HOST\\fR."},
    {OPTSEC_PLATFORM, 0, "app-psqlrc", .arg = "FILE", .apply = store_arg, .field = FIELD(app_psqlrc),
     .help = "the app's .psqlrc (default: .psqlrc at the root of the checkout)",
     .man = "The app's startup file (default: \\fB.psqlrc\\fR in the current directory or at the top of its git\n"
            "work tree)."},
    {OPTSEC_PLATFORM, 0, "trust-psqlrc", .apply = set_flag, .field = FIELD(trust_psqlrc),
     .help = "trust the app's .psqlrc as it is now, then go on",
     .man = "Trust the app's \\fB.psqlrc\\fR as it is now (record its SHA-256, and those of the files it "
            "includes by name with \\fB\\\\i\\fR or \\fB\\\\ir\\fR), then go on. While it runs, the app's "
            "\\fB.psqlrc\\fR may include only files trusted that way."},
};

const size_t option_count = sizeof(option_table) / sizeof(option_table[0]);

const OptionSpec *option_help_row(void)
{
    for (size_t i = 0; i < option_count; i++)
        if (option_table[i].apply == help)
            return &option_table[i];
    return NULL;
}
