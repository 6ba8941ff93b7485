/*
 * The order of a run, as psql's: connect (prompting for a password when needed),
 * open the -L log, read the startup files, then either run the -c/-f actions in
 * order (inside one transaction with -1) or read statements from stdin.
 */
#include "console/startup.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console/app_connect.h"
#include "console/lineedit.h"
#include "console/mainloop.h"
#include "console/psqlrc.h"
#include "exec/cancel.h"
#include "exec/connect.h"
#include "exec/query.h"
#include "meta/commands.h"
#include "meta/describe/databases.h"
#include "print/printer.h"
#include "sql/conditional.h"
#include "sql/scanner.h"
#include "util/log.h"
#include "util/xalloc.h"

static void log_locus(void *ctx, const char **file, unsigned long *line)
{
    Session *s = ctx;
    *file = s->inputfile;
    *line = s->lineno;
}

static void set_version_variables(Session *s)
{
    char buf[128];
    int v = PQlibVersion();
    snprintf(buf, sizeof(buf), "pgconsole %s (psql 15 compatible, libpq %d.%d)", PGCONSOLE_VERSION, v / 10000,
             v % 10000);
    vars_set(s->vars, "VERSION", buf);
    snprintf(buf, sizeof(buf), "%d.%d", v / 10000, v % 10000);
    vars_set(s->vars, "VERSION_NAME", buf);
    snprintf(buf, sizeof(buf), "%d", v);
    vars_set(s->vars, "VERSION_NUM", buf);
}

/* the database named on the command line, else $DATABASE_URL when nothing else names one */
static const char *database_name(const Options *o)
{
    if (o->dbname)
        return o->dbname;
    if (!getenv("PGDATABASE") && !getenv("PGSERVICE")) {
        const char *url = getenv("DATABASE_URL");
        if (url && *url)
            return url;
    }
    return (o->list_dbs) ? "postgres" : NULL;
}

static bool connect_from_options(Session *s, const Options *o)
{
    ConnectParams p;
    memset(&p, 0, sizeof(p));
    p.password_mode = o->password;
    p.expand_dbname = true;
    connect_params_add(&p, "host", o->host);
    connect_params_add(&p, "port", o->port);
    connect_params_add(&p, "user", o->username);
    connect_params_add(&p, "dbname", database_name(o));
    connect_params_add(&p, "fallback_application_name", log_progname());
    connect_params_add(&p, "client_encoding", (s->notty || getenv("PGCLIENTENCODING")) ? NULL : "auto");
    return connect_initial(s, &p);
}

typedef struct SlashActionCtx {
    Session *s;
    CondStack *cond;
} SlashActionCtx;

static char *action_get_variable(void *ctx, const char *name, VarQuoting quoting)
{
    SlashActionCtx *a = ctx;
    return session_variable_for_scanner(a->s, a->cond, name, quoting);
}

static bool action_may_run_backticks(void *ctx)
{
    return cond_active(((SlashActionCtx *)ctx)->cond);
}

/* -c '\cmd ...': one backslash command, with psql's variable substitution */
static int run_slash_action(Session *s, const char *text)
{
    CondStack *cond = cond_create();
    SlashActionCtx ctx = {s, cond};
    ScanCallbacks cb = {action_get_variable, action_may_run_backticks, &ctx};
    Scanner *scan = scanner_create(&cb);
    const char *std = PQparameterStatus(s->db, "standard_conforming_strings");
    scanner_setup(scan, text, strlen(text), s->encoding, std && strcmp(std, "on") == 0);
    struct CondStack *prev = s->cond;
    s->cond = cond;
    MetaResult r = meta_run(s, scan, cond, NULL, NULL);
    s->cond = prev;
    scanner_destroy(scan);
    cond_destroy(cond);
    return r != META_ERROR ? EXIT_OK : EXIT_FAIL;
}

static int run_action(Session *s, const Action *a)
{
    switch (a->kind) {
    case ACT_SQL:
        log_set_terse(true);
        if (s->echo == ECHO_ALL)
            puts(a->text);
        return exec_send_query(s, a->text) ? EXIT_OK : EXIT_FAIL;
    case ACT_SLASH:
        log_set_terse(true);
        /* psql echoes the command without its backslash */
        if (s->echo == ECHO_ALL)
            puts(a->text);
        return run_slash_action(s, a->text);
    case ACT_FILE:
        return mainloop_process_file(s, a->text, false);
    }
    return EXIT_FAIL;
}

static int run_actions(Session *s, const Options *o)
{
    int result = EXIT_OK;
    if (o->single_txn) {
        PGresult *res = exec_internal(s, "BEGIN");
        if (!res && s->on_error_stop)
            return EXIT_USER;
        PQclear(res);
    }
    for (int i = 0; i < o->nactions; i++) {
        result = run_action(s, &o->actions[i]);
        if (result != EXIT_OK && s->on_error_stop)
            break;
    }
    if (o->single_txn) {
        PGresult *res = exec_internal(s, result != EXIT_OK && s->on_error_stop ? "ROLLBACK" : "COMMIT");
        if (!res && s->on_error_stop)
            return EXIT_USER;
        PQclear(res);
    }
    return result;
}

static int run_interactive(Session *s, const Options *o)
{
    log_set_terse(true);
    connect_print_warnings(s, true);
    if (!s->quiet && !s->notty)
        app_connect_print_path(s);
    if (!s->quiet)
        printf("Type \"help\" for help.\n\n");
    lineedit_init(s, !o->no_readline && !s->notty);
    int result = mainloop_run(s, stdin);
    lineedit_finish(s);
    return result;
}

static int connect_and_prepare(Session *s, Options *o)
{
    int bad_options = app_connect_check_options(o);
    if (bad_options >= 0)
        return bad_options;
    bool connected = o->platform.app ? app_connect(s, o) : connect_from_options(s, o);
    if (!connected)
        return EXIT_BADCONN;
    cancel_install_handler();
    print_set_cancel_check(cancel_was_pressed);
    if (o->list_dbs) {
        if (!o->no_psqlrc)
            psqlrc_load_all(s, o);
        return describe_list_databases(s, NULL, false) ? EXIT_OK : EXIT_FAIL;
    }
    if (o->logfile) {
        s->log_file = fopen(o->logfile, "a");
        if (!s->log_file) {
            log_error("could not open log file \"%s\": %s", o->logfile, strerror(errno));
            return EXIT_FAIL;
        }
    }
    return -1;
}

int startup_run(Session *s, Options *opts)
{
    log_set_locus(log_locus, s);
    set_version_variables(s);
    s->stdin_is_tty = isatty(fileno(stdin));
    s->notty = !s->stdin_is_tty || !isatty(fileno(stdout));
    if (opts->single_txn && opts->nactions == 0 && !s->notty) {
        log_error("-1 can only be used in non-interactive mode");
        return EXIT_FAIL;
    }
    s->password_mode = opts->password;
    int early = connect_and_prepare(s, opts);
    if (early != -1)
        return early;
    /* piped input is a script, as if given with -f, so that -1 applies to it too */
    if (opts->nactions == 0 && s->notty)
        options_add_action(opts, ACT_FILE, NULL);
    if (!opts->no_psqlrc)
        psqlrc_load_all(s, opts);
    return opts->nactions > 0 ? run_actions(s, opts) : run_interactive(s, opts);
}
