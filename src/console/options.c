#include "console/options.h"

#include <getopt.h>
#include <libpq-fe.h>
#include <pg_config.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "meta/help.h"
#include "util/log.h"
#include "util/xalloc.h"

/* ids of long options without a short form */
enum {
    OPT_HELP = 1,
    OPT_CSV,
    OPT_APP,
    OPT_REGION,
    OPT_ADDON,
    OPT_ENV_VAR,
    OPT_APP_PSQLRC,
    OPT_TRUST_PSQLRC,
    OPT_SSLMODE,
};

static const struct option long_options[] = {
    {"echo-all", no_argument, NULL, 'a'},
    {"no-align", no_argument, NULL, 'A'},
    {"command", required_argument, NULL, 'c'},
    {"dbname", required_argument, NULL, 'd'},
    {"echo-queries", no_argument, NULL, 'e'},
    {"echo-errors", no_argument, NULL, 'b'},
    {"echo-hidden", no_argument, NULL, 'E'},
    {"file", required_argument, NULL, 'f'},
    {"field-separator", required_argument, NULL, 'F'},
    {"field-separator-zero", no_argument, NULL, 'z'},
    {"host", required_argument, NULL, 'h'},
    {"html", no_argument, NULL, 'H'},
    {"list", no_argument, NULL, 'l'},
    {"log-file", required_argument, NULL, 'L'},
    {"no-readline", no_argument, NULL, 'n'},
    {"single-transaction", no_argument, NULL, '1'},
    {"output", required_argument, NULL, 'o'},
    {"port", required_argument, NULL, 'p'},
    {"pset", required_argument, NULL, 'P'},
    {"quiet", no_argument, NULL, 'q'},
    {"record-separator", required_argument, NULL, 'R'},
    {"record-separator-zero", no_argument, NULL, '0'},
    {"single-step", no_argument, NULL, 's'},
    {"single-line", no_argument, NULL, 'S'},
    {"tuples-only", no_argument, NULL, 't'},
    {"table-attr", required_argument, NULL, 'T'},
    {"username", required_argument, NULL, 'U'},
    {"set", required_argument, NULL, 'v'},
    {"variable", required_argument, NULL, 'v'},
    {"version", no_argument, NULL, 'V'},
    {"no-password", no_argument, NULL, 'w'},
    {"password", no_argument, NULL, 'W'},
    {"expanded", no_argument, NULL, 'x'},
    {"no-psqlrc", no_argument, NULL, 'X'},
    {"help", optional_argument, NULL, OPT_HELP},
    {"csv", no_argument, NULL, OPT_CSV},
    {"app", required_argument, NULL, OPT_APP},
    {"region", required_argument, NULL, OPT_REGION},
    {"addon", required_argument, NULL, OPT_ADDON},
    {"env-var", required_argument, NULL, OPT_ENV_VAR},
    {"app-psqlrc", required_argument, NULL, OPT_APP_PSQLRC},
    {"trust-psqlrc", no_argument, NULL, OPT_TRUST_PSQLRC},
    {"sslmode", required_argument, NULL, OPT_SSLMODE},
    {NULL, 0, NULL, 0},
};

void options_print_version(FILE *out)
{
    int v = PQlibVersion();
    fprintf(out, "pgconsole %s (psql 15 compatible, libpq %d.%d)\n", PGCONSOLE_VERSION, v / 10000, v % 10000);
}

/* the defaults psql's --help shows: libpq's environment, else the OS user and the compiled port */
static void connection_defaults(const char **user, const char **dbname, const char **host, const char **port)
{
    *user = getenv("PGUSER");
    if (!*user) {
        struct passwd *pw = getpwuid(geteuid());
        *user = pw ? pw->pw_name : "";
    }
    *dbname = getenv("PGDATABASE");
    if (!*dbname)
        *dbname = *user;
    *host = getenv("PGHOST");
    if (!*host)
        *host = "local socket";
    *port = getenv("PGPORT");
    if (!*port)
        *port = DEF_PGPORT_STR;
}

void options_print_usage(FILE *out)
{
    const char *user, *dbname, *host, *port;
    connection_defaults(&user, &dbname, &host, &port);
    fprintf(out,
            "pgconsole is a psql-compatible PostgreSQL console for Scalingo apps.\n\n"
            "Usage:\n"
            "  pgconsole [OPTION]... [DBNAME [USERNAME]]\n"
            "  pgconsole --app APP [OPTION]...\n\n"
            "General options:\n"
            "  -c, --command=COMMAND    run only single command (SQL or internal) and exit\n"
            "  -d, --dbname=DBNAME      database name to connect to (default: \"%s\")\n"
            "  -f, --file=FILENAME      execute commands from file, then exit\n"
            "  -l, --list               list available databases, then exit\n"
            "  -v, --set=, --variable=NAME=VALUE\n"
            "                           set psql variable NAME to VALUE\n"
            "                           (e.g., -v ON_ERROR_STOP=1)\n"
            "  -V, --version            output version information, then exit\n"
            "  -X, --no-psqlrc          do not read startup files (~/.psqlrc, psqlrc.d, the app's .psqlrc)\n"
            "  -1 (\"one\"), --single-transaction\n"
            "                           execute as a single transaction (if non-interactive)\n"
            "  -?, --help[=options]     show this help, then exit\n"
            "      --help=commands      list backslash commands, then exit\n"
            "      --help=variables     list special variables, then exit\n\n"
            "Input and output options:\n"
            "  -a, --echo-all           echo all input from script\n"
            "  -b, --echo-errors        echo failed commands\n"
            "  -e, --echo-queries       echo commands sent to server\n"
            "  -E, --echo-hidden        display queries that internal commands generate\n"
            "  -L, --log-file=FILENAME  send session log to file\n"
            "  -n, --no-readline        disable enhanced command line editing (libedit)\n"
            "  -o, --output=FILENAME    send query results to file (or |pipe)\n"
            "  -q, --quiet              run quietly (no messages, only query output)\n"
            "  -s, --single-step        single-step mode (confirm each query)\n"
            "  -S, --single-line        single-line mode (end of line terminates SQL command)\n\n"
            "Output format options:\n"
            "  -A, --no-align           unaligned table output mode\n"
            "      --csv                CSV (Comma-Separated Values) table output mode\n"
            "  -F, --field-separator=STRING\n"
            "                           field separator for unaligned output (default: \"|\")\n"
            "  -H, --html               HTML table output mode\n"
            "  -P, --pset=VAR[=ARG]     set printing option VAR to ARG (see \\pset command)\n"
            "  -R, --record-separator=STRING\n"
            "                           record separator for unaligned output (default: newline)\n"
            "  -t, --tuples-only        print rows only\n"
            "  -T, --table-attr=TEXT    set HTML table tag attributes (e.g., width, border)\n"
            "  -x, --expanded           turn on expanded table output\n"
            "  -z, --field-separator-zero\n"
            "                           set field separator for unaligned output to zero byte\n"
            "  -0, --record-separator-zero\n"
            "                           set record separator for unaligned output to zero byte\n\n"
            "Connection options:\n"
            "  -h, --host=HOSTNAME      database server host or socket directory (default: \"%s\")\n"
            "  -p, --port=PORT          database server port (default: \"%s\")\n"
            "  -U, --username=USERNAME  database user name (default: \"%s\")\n"
            "  -w, --no-password        never prompt for password\n"
            "  -W, --password           force password prompt (should happen automatically)\n"
            "  With no database named, DATABASE_URL is used when it is set.\n\n"
            "Platform options (Scalingo):\n"
            "      --app=APP            connect to the PostgreSQL database of this app\n"
            "      --region=REGION      the app's region (default: SCALINGO_REGION, then the default region)\n"
            "      --addon=ID           the PostgreSQL addon, when the app has several\n"
            "      --env-var=NAME       the app variable holding the database URL\n"
            "                           (default: SCALINGO_POSTGRESQL_URL)\n"
            "      --sslmode=MODE       TLS mode for the platform connection (default: verify-full)\n"
            "      --app-psqlrc=FILE    the app's .psqlrc (default: .psqlrc at the root of the checkout)\n"
            "      --trust-psqlrc       trust the app's .psqlrc as it is now, then go on\n\n"
            "For more information, type \"\\?\" (for internal commands) from within pgconsole,\n"
            "or see pgconsole(1).\n",
            dbname, host, port, user);
}

void options_add_action(Options *opts, ActionKind kind, const char *text)
{
    opts->actions = xrealloc(opts->actions, (size_t)(opts->nactions + 1) * sizeof(Action));
    opts->actions[opts->nactions].kind = kind;
    opts->actions[opts->nactions].text = text;
    opts->nactions++;
}

/* -v NAME=VALUE sets, -v NAME unsets */
static bool set_variable_option(Session *s, const char *arg)
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
    return ok;
}

static bool pset_option(Session *s, const char *arg)
{
    char *copy = xstrdup(arg);
    char *eq = strchr(copy, '=');
    if (eq)
        *eq = '\0';
    bool ok = popt_pset(&s->popt, copy, eq ? eq + 1 : NULL, true);
    if (!ok)
        log_error("could not set printing parameter \"%s\"", copy);
    free(copy);
    return ok;
}

static void set_separator(char **field, bool *zero, const char *value)
{
    free(*field);
    *field = xstrdup(value);
    *zero = false;
}

/* the psql options that change variables or print settings; -1 to go on, else an exit code */
static int apply_session_option(int c, const char *arg, Session *s)
{
    PrintOptions *p = &s->popt;
    switch (c) {
    case 'a': vars_set(s->vars, "ECHO", "all"); break;
    case 'A': p->format = PRINT_UNALIGNED; break;
    case 'b': vars_set(s->vars, "ECHO", "errors"); break;
    case 'e': vars_set(s->vars, "ECHO", "queries"); break;
    case 'E': vars_set_bool(s->vars, "ECHO_HIDDEN", true); break;
    case 'F': set_separator(&p->field_sep, &p->field_sep_zero, arg); break;
    case 'H': p->format = PRINT_HTML; break;
    case 'o': return session_set_output(s, arg) ? -1 : EXIT_FAIL;
    case 'P': return pset_option(s, arg) ? -1 : EXIT_FAIL;
    case 'q': vars_set_bool(s->vars, "QUIET", true); break;
    case 'R': set_separator(&p->record_sep, &p->record_sep_zero, arg); break;
    case 's': vars_set_bool(s->vars, "SINGLESTEP", true); break;
    case 'S': vars_set_bool(s->vars, "SINGLELINE", true); break;
    case 't': p->tuples_only = true; break;
    case 'T': free(p->table_attr); p->table_attr = xstrdup(arg); break;
    case 'v': return set_variable_option(s, arg) ? -1 : EXIT_FAIL;
    case 'x': p->expanded = EXPANDED_ON; break;
    case 'z': p->field_sep_zero = true; break;
    case '0': p->record_sep_zero = true; break;
    case OPT_CSV: p->format = PRINT_CSV; break;
    default: return -2;
    }
    return -1;
}

static int help_option(const char *arg)
{
    if (!arg || strcmp(arg, "options") == 0)
        options_print_usage(stdout);
    else if (strcmp(arg, "commands") == 0)
        help_print_command_list();
    else if (strcmp(arg, "variables") == 0)
        help_print_variables();
    else
        return -2;
    return EXIT_OK;
}

/* the options that only fill opts; -1 to go on, -2 when unknown, else an exit code */
static int apply_option(int c, const char *arg, Options *o)
{
    switch (c) {
    case 'c': options_add_action(o, arg[0] == '\\' ? ACT_SLASH : ACT_SQL, arg[0] == '\\' ? arg + 1 : arg); break;
    case 'd': o->dbname = arg; break;
    case 'f': options_add_action(o, ACT_FILE, arg); break;
    case 'h': o->host = arg; break;
    case 'l': o->list_dbs = true; break;
    case 'L': o->logfile = arg; break;
    case 'n': o->no_readline = true; break;
    case 'p': o->port = arg; break;
    case 'U': o->username = arg; break;
    case 'V': options_print_version(stdout); return EXIT_OK;
    case 'w': o->password = PASSWORD_NEVER; break;
    case 'W': o->password = PASSWORD_ALWAYS; break;
    case 'X': o->no_psqlrc = true; break;
    case '1': o->single_txn = true; break;
    case OPT_HELP: return help_option(arg);
    case OPT_APP: o->platform.app = arg; break;
    case OPT_REGION: o->platform.region = arg; break;
    case OPT_ADDON: o->platform.addon = arg; break;
    case OPT_ENV_VAR: o->platform.env_var = arg; break;
    case OPT_APP_PSQLRC: o->app_psqlrc = arg; break;
    case OPT_TRUST_PSQLRC: o->trust_psqlrc = true; break;
    case OPT_SSLMODE: o->platform.sslmode = arg; break;
    default: return -2;
    }
    return -1;
}

static int unknown_option(void)
{
    log_hint("Try \"%s --help\" for more information.", log_progname());
    return EXIT_FAIL;
}

int options_parse(int argc, char **argv, Options *opts, Session *s)
{
    memset(opts, 0, sizeof(*opts));
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0)) {
        options_print_usage(stdout);
        return EXIT_OK;
    }
    if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        options_print_version(stdout);
        return EXIT_OK;
    }
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01", long_options, NULL)) !=
           -1) {
        if (c == '?') {
            if (optind <= argc && strcmp(argv[optind - 1], "-?") == 0) {
                options_print_usage(stdout);
                return EXIT_OK;
            }
            return unknown_option();
        }
        int r = apply_session_option(c, optarg, s);
        if (r == -2)
            r = apply_option(c, optarg, opts);
        if (r == -2)
            return unknown_option();
        if (r != -1)
            return r;
    }
    for (; optind < argc; optind++) {
        if (!opts->dbname)
            opts->dbname = argv[optind];
        else if (!opts->username)
            opts->username = argv[optind];
        else if (!s->quiet)
            log_warning("extra command-line argument \"%s\" ignored", argv[optind]);
    }
    return -1;
}

void options_free(Options *opts)
{
    free(opts->actions);
    opts->actions = NULL;
    opts->nactions = 0;
}
