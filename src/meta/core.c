/* General backslash commands: variables, environment, shell, connection, quitting. */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "exec/connect.h"
#include "exec/query.h"
#include "meta/commands.h"
#include "meta/help.h"
#include "platform/platform.h"
#include "session/frontend.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static MetaResult missing_argument(MetaContext *ctx)
{
    log_error("\\%s: missing required argument", ctx->cmd);
    return META_ERROR;
}

static MetaResult cmd_set(MetaContext *ctx)
{
    char *name = meta_arg(ctx, OT_NORMAL, NULL, false);
    if (!name) {
        vars_print(ctx->s->vars, stdout);
        return META_SKIP_LINE;
    }
    StrBuf value = STRBUF_INIT;
    sb_append(&value, "");
    char *part;
    while ((part = meta_arg(ctx, OT_NORMAL, NULL, false)) != NULL) {
        sb_append(&value, part);
        free(part);
    }
    bool ok = vars_set(ctx->s->vars, name, sb_str(&value));
    sb_free(&value);
    free(name);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_unset(MetaContext *ctx)
{
    char *name = meta_arg(ctx, OT_NORMAL, NULL, false);
    if (!name)
        return missing_argument(ctx);
    bool ok = vars_set(ctx->s->vars, name, NULL);
    free(name);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_echo(MetaContext *ctx)
{
    FILE *out = strcmp(ctx->cmd, "qecho") == 0  ? ctx->s->query_out
                : strcmp(ctx->cmd, "warn") == 0 ? stderr
                                                : stdout;
    bool first = true, no_newline = false;
    char quote;
    char *value;
    if (out == stderr)
        fflush(stdout);
    while ((value = meta_arg(ctx, OT_NORMAL, &quote, false)) != NULL) {
        if (first && !no_newline && !quote && strcmp(value, "-n") == 0) {
            no_newline = true;
        } else {
            if (!first)
                fputc(' ', out);
            first = false;
            fputs(value, out);
        }
        free(value);
    }
    if (!no_newline)
        fputc('\n', out);
    return META_SKIP_LINE;
}

static MetaResult cmd_getenv(MetaContext *ctx)
{
    char *var = meta_arg(ctx, OT_NORMAL, NULL, false);
    char *env = meta_arg(ctx, OT_NORMAL, NULL, false);
    MetaResult r = META_SKIP_LINE;
    if (!var || !env) {
        r = missing_argument(ctx);
    } else {
        const char *value = getenv(env);
        if (value && !vars_set(ctx->s->vars, var, value))
            r = META_ERROR;
    }
    free(var);
    free(env);
    return r;
}

static MetaResult cmd_setenv(MetaContext *ctx)
{
    char *name = meta_arg(ctx, OT_NORMAL, NULL, false);
    char *value = meta_arg(ctx, OT_NORMAL, NULL, false);
    MetaResult r = META_SKIP_LINE;
    if (!name) {
        r = missing_argument(ctx);
    } else if (strchr(name, '=')) {
        log_error("\\%s: environment variable name must not contain \"=\"", ctx->cmd);
        r = META_ERROR;
    } else if (!value) {
        unsetenv(name);
    } else {
        setenv(name, value, 1);
    }
    free(name);
    free(value);
    return r;
}

static MetaResult cmd_timing(MetaContext *ctx)
{
    char *opt = meta_arg(ctx, OT_NORMAL, NULL, false);
    bool ok = true;
    if (opt)
        ok = parse_bool_value(opt, "\\timing", &ctx->s->timing);
    else
        ctx->s->timing = !ctx->s->timing;
    if (!ctx->s->quiet)
        puts(ctx->s->timing ? "Timing is on." : "Timing is off.");
    free(opt);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_encoding(MetaContext *ctx)
{
    Session *s = ctx->s;
    char *name = meta_arg(ctx, OT_NORMAL, NULL, false);
    if (!name) {
        puts(pg_encoding_to_char(s->encoding));
        return META_SKIP_LINE;
    }
    if (!s->db || PQsetClientEncoding(s->db, name) == -1) {
        log_error("%s: invalid encoding name or conversion procedure not found", name);
    } else {
        s->encoding = PQclientEncoding(s->db);
        s->popt.encoding = s->encoding;
        vars_set(s->vars, "ENCODING", pg_encoding_to_char(s->encoding));
    }
    free(name);
    return META_SKIP_LINE;
}

static MetaResult cmd_errverbose(MetaContext *ctx)
{
    Session *s = ctx->s;
    if (!s->last_error_result) {
        puts("There is no previous error.");
        return META_SKIP_LINE;
    }
    char *msg = PQresultVerboseErrorMessage(s->last_error_result, PQERRORS_VERBOSE, PQSHOW_CONTEXT_ALWAYS);
    if (msg) {
        log_error("%s", msg);
        PQfreemem(msg);
    } else {
        puts("out of memory");
    }
    return META_SKIP_LINE;
}

static MetaResult cmd_prompt(MetaContext *ctx)
{
    char *arg1 = meta_arg(ctx, OT_NORMAL, NULL, false);
    char *arg2 = meta_arg(ctx, OT_NORMAL, NULL, false);
    if (!arg1)
        return missing_argument(ctx);
    char *text = arg2 ? arg1 : NULL;
    char *name = arg2 ? arg2 : arg1;
    char *value;
    bool ok = true;
    if (!ctx->s->inputfile) {
        value = ctx->s->frontend->ask(text ? text : "", true);
    } else {
        if (text) {
            fputs(text, stdout);
            fflush(stdout);
        }
        value = ctx->s->frontend->read_line(stdin);
        if (!value) {
            log_error("\\%s: could not read value for variable", ctx->cmd);
            ok = false;
        }
    }
    if (value && !vars_set(ctx->s->vars, name, value))
        ok = false;
    free(value);
    free(arg1);
    free(arg2);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_password(MetaContext *ctx)
{
    Session *s = ctx->s;
    char *user = meta_arg(ctx, OT_SQLID, NULL, true);
    if (!user) {
        PGresult *res = exec_internal(s, "SELECT CURRENT_USER");
        if (!res)
            return META_ERROR;
        user = xstrdup(PQgetvalue(res, 0, 0));
        PQclear(res);
    }
    char *prompt = xasprintf("Enter new password for user \"%s\": ", user);
    char *pw1 = connect_read_secret(s, prompt);
    char *pw2 = pw1 ? connect_read_secret(s, "Enter it again: ") : NULL;
    free(prompt);
    bool ok = false;
    if (!pw1 || !pw2) {
        ok = false;
    } else if (strcmp(pw1, pw2) != 0) {
        log_error("Passwords didn't match.");
    } else {
        char *encrypted = PQencryptPasswordConn(s->db, pw1, user, NULL);
        if (!encrypted) {
            log_info("%s", PQerrorMessage(s->db));
        } else {
            char *ident = PQescapeIdentifier(s->db, user, strlen(user));
            char *literal = PQescapeLiteral(s->db, encrypted, strlen(encrypted));
            char *sql = xasprintf("ALTER USER %s PASSWORD %s", ident, literal);
            PGresult *res = exec_internal(s, sql);
            ok = res != NULL;
            PQclear(res);
            free(sql);
            PQfreemem(ident);
            PQfreemem(literal);
            PQfreemem(encrypted);
        }
    }
    if (pw1)
        explicit_bzero(pw1, strlen(pw1));
    if (pw2)
        explicit_bzero(pw2, strlen(pw2));
    free(pw1);
    free(pw2);
    free(user);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_cd(MetaContext *ctx)
{
    char *opt = meta_arg(ctx, OT_NORMAL, NULL, true);
    const char *dir = opt ? opt : getenv("HOME");
    if (!dir || !*dir) {
        errno = 0;
        struct passwd *pw = getpwuid(geteuid());
        if (!pw) {
            log_error("could not get home directory for user ID %ld: %s", (long)geteuid(),
                      errno ? strerror(errno) : "user does not exist");
            return META_ERROR;
        }
        dir = pw->pw_dir;
    }
    /* like psql, \cd takes its argument literally: no ~ expansion */
    bool ok = chdir(dir) == 0;
    if (!ok)
        log_error("\\%s: could not change directory to \"%s\": %s", ctx->cmd, dir, strerror(errno));
    free(opt);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_shell(MetaContext *ctx)
{
    char *command = meta_arg(ctx, OT_WHOLE_LINE, NULL, false);
    fflush(NULL);
    int rc;
    if (!command) {
        const char *shell = getenv("SHELL");
        char *sys = xasprintf("exec %s", shell ? shell : "/bin/sh");
        rc = system(sys);
        free(sys);
    } else {
        rc = system(command);
    }
    free(command);
    if (rc == 127 || rc == -1) {
        log_error("\\!: failed");
        return META_ERROR;
    }
    return META_SKIP_LINE;
}

/*
 * At a terminal, quitting inside a transaction asks first: the server would
 * silently roll it back.  \set QUIT_CONFIRM off restores psql's plain exit.
 */
static MetaResult cmd_quit(MetaContext *ctx)
{
    Session *s = ctx->s;
    const char *confirm = vars_get(s->vars, "QUIT_CONFIRM");
    bool ask = true;
    if (confirm && !parse_bool_value(confirm, NULL, &ask))
        ask = true;
    PGTransactionStatusType ts = s->db ? PQtransactionStatus(s->db) : PQTRANS_IDLE;
    if (!s->interactive || !ask || (ts != PQTRANS_INTRANS && ts != PQTRANS_INERROR))
        return META_TERMINATE;
    char *answer = s->frontend->ask(ts == PQTRANS_INERROR
                                         ? "The current transaction has failed. Roll it back and quit, or stay? [r/S] "
                                         : "A transaction is open. Commit, roll back, or stay? [c/r/S] ",
                                     true);
    char choice = answer ? (char)tolower((unsigned char)answer[0]) : 's';
    free(answer);
    const char *sql = choice == 'c' && ts == PQTRANS_INTRANS ? "COMMIT" : choice == 'r' ? "ROLLBACK" : NULL;
    if (!sql) {
        puts("Staying in the transaction.");
        return META_SKIP_LINE;
    }
    PGresult *res = exec_internal(s, sql);
    if (!res)
        return META_SKIP_LINE;
    if (!s->quiet)
        puts(PQcmdStatus(res));
    PQclear(res);
    return META_TERMINATE;
}

/* an argument of \connect: unquoted "-" or "" means "as before" */
static char *connect_arg(MetaContext *ctx)
{
    char quote;
    char *arg = meta_arg(ctx, OT_SQLIDHACK, &quote, true);
    if (!arg || quote)
        return arg;
    if (*arg == '\0' || strcmp(arg, "-") == 0) {
        free(arg);
        return NULL;
    }
    return arg;
}

static MetaResult cmd_connect(MetaContext *ctx)
{
    static const char prefix[] = "-reuse-previous=";
    int reuse = -1;
    bool ok = true;
    char *opt1 = connect_arg(ctx);
    if (opt1 && strncmp(opt1, prefix, sizeof(prefix) - 1) == 0) {
        bool on;
        ok = parse_bool_value(opt1 + sizeof(prefix) - 1, "-reuse-previous", &on);
        if (ok) {
            reuse = on ? 1 : 0;
            free(opt1);
            opt1 = connect_arg(ctx);
        }
    }
    if (ok) {
        char *user = connect_arg(ctx), *host = connect_arg(ctx), *port = connect_arg(ctx);
        ok = connect_reconnect(ctx->s, reuse, opt1, user, host, port);
        free(user);
        free(host);
        free(port);
    }
    free(opt1);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static char *required_argument(MetaContext *ctx)
{
    char *arg = meta_arg(ctx, OT_NORMAL, NULL, true);
    if (!arg || !arg[0]) {
        log_error("\\%s: missing required argument", ctx->cmd);
        free(arg);
        return NULL;
    }
    return arg;
}

static MetaResult cmd_restrict(MetaContext *ctx)
{
    char *key = required_argument(ctx);
    if (!key)
        return META_ERROR;
    free(ctx->s->restrict_key);
    ctx->s->restrict_key = key;
    return META_SKIP_LINE;
}

static MetaResult cmd_unrestrict(MetaContext *ctx)
{
    char *key = required_argument(ctx);
    if (!key)
        return META_ERROR;
    MetaResult r = META_SKIP_LINE;
    if (!ctx->s->restrict_key) {
        log_error("\\%s: not currently in restricted mode", ctx->cmd);
        r = META_ERROR;
    } else if (strcmp(key, ctx->s->restrict_key) == 0) {
        free(ctx->s->restrict_key);
        ctx->s->restrict_key = NULL;
    } else {
        log_error("\\%s: wrong key", ctx->cmd);
        r = META_ERROR;
    }
    free(key);
    return r;
}

static bool same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* the lines an --app session adds: which app, region and addon, and the URL with its password masked */
static void print_platform_conninfo(Session *s)
{
    const PlatformContext *p = s->platform;
    /* after \connect to another server or database, the app's lines would describe the wrong connection */
    if (!same_text(PQhost(s->db), p->host) || !same_text(PQport(s->db), p->dial_port ? p->dial_port : p->port) ||
        !same_text(PQdb(s->db), p->dbname))
        return;
    printf("Scalingo app \"%s\" in region \"%s\", PostgreSQL addon \"%s\" (sslmode=%s).\n", p->app, p->region,
           p->addon_id, p->sslmode);
    printf("Database URL: %s\n", p->masked_url);
    char *path = platform_path_text(p);
    if (p->dial_port)
        printf("Connected %s, forwarded from 127.0.0.1:%s.\n", path, p->dial_port);
    else
        printf("Connected %s.\n", path);
    free(path);
}

static MetaResult cmd_conninfo(MetaContext *ctx)
{
    connect_print_info(ctx->s);
    if (ctx->s->platform && ctx->s->db)
        print_platform_conninfo(ctx->s);
    return META_SKIP_LINE;
}

static MetaResult cmd_help(MetaContext *ctx)
{
    char *opt = meta_arg(ctx, OT_NORMAL, NULL, false);
    help_print_commands(ctx->s, opt);
    free(opt);
    return META_SKIP_LINE;
}

static MetaResult cmd_copyright(MetaContext *ctx)
{
    (void)ctx;
    help_print_copyright();
    return META_SKIP_LINE;
}


const MetaCommand meta_core_commands[] = {
    {"set", cmd_set, SKIP_OPTIONS,
     .help = META_HELP({HELP_VARIABLES, 2, .usage = "\\set [NAME [VALUE]]",
                        .text = "set internal variable, or list all if no parameters"})},
    {"unset", cmd_unset, SKIP_OPTIONS,
     .help = META_HELP({HELP_VARIABLES, 3, .usage = "\\unset NAME", .text = "unset (delete) internal variable"})},
    {"echo", cmd_echo, SKIP_OPTIONS,
     .help = META_HELP({HELP_INPUT_OUTPUT, 2, .usage = "\\echo [-n] [STRING]",
                        .text = "write string to standard output (-n for no newline)"})},
    {"qecho", cmd_echo, SKIP_OPTIONS,
     .help = META_HELP({HELP_INPUT_OUTPUT, 6, .usage = "\\qecho [-n] [STRING]",
                        .text = "write string to \\o output stream (-n for no newline)"})},
    {"warn", cmd_echo, SKIP_OPTIONS,
     .help = META_HELP({HELP_INPUT_OUTPUT, 7, .usage = "\\warn [-n] [STRING]",
                        .text = "write string to standard error (-n for no newline)"})},
    {"getenv", cmd_getenv, SKIP_OPTIONS,
     .help = META_HELP({HELP_OPERATING_SYSTEM, 2, .usage = "\\getenv PSQLVAR ENVVAR",
                        .text = "fetch environment variable"})},
    {"setenv", cmd_setenv, SKIP_OPTIONS,
     .help = META_HELP({HELP_OPERATING_SYSTEM, 3, .usage = "\\setenv NAME [VALUE]",
                        .text = "set or unset environment variable"})},
    {"timing", cmd_timing, SKIP_OPTIONS,
     .help = META_HELP({HELP_OPERATING_SYSTEM, 4, .usage = "\\timing [on|off]",
                        .text = "toggle timing of commands", .shows = SHOWS_TIMING})},
    {"encoding", cmd_encoding, SKIP_OPTIONS,
     .help = META_HELP({HELP_CONNECTION, 3, .usage = "\\encoding [ENCODING]",
                        .text = "show or set client encoding"})},
    {"errverbose", cmd_errverbose, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 3, .usage = "\\errverbose",
                        .text = "show most recent error message at maximum verbosity"})},
    {"prompt", cmd_prompt, SKIP_OPTIONS,
     .help = META_HELP({HELP_VARIABLES, 1, .usage = "\\prompt [TEXT] NAME",
                        .text = "prompt user to set internal variable"})},
    {"password", cmd_password, SKIP_OPTIONS,
     .help = META_HELP({HELP_CONNECTION, 4, .usage = "\\password [USERNAME]",
                        .text = "securely change the password for a user"})},
    {"cd", cmd_cd, SKIP_OPTIONS,
     .help = META_HELP({HELP_OPERATING_SYSTEM, 1, .usage = "\\cd [DIR]",
                        .text = "change the current working directory"})},
    {"!", cmd_shell, SKIP_WHOLE_LINE,
     .help = META_HELP({HELP_OPERATING_SYSTEM, 5, .usage = "\\! [COMMAND]",
                        .text = "execute command in shell or start interactive shell"})},
    {"q", cmd_quit, SKIP_OPTIONS, .aliases = {"quit"},
     .help = META_HELP({HELP_GENERAL, 9, .usage = "\\q", .text = "quit pgconsole"})},
    {"c", cmd_connect, SKIP_OPTIONS, .aliases = {"connect"},
     .help = META_HELP({HELP_CONNECTION, 1, .usage = "\\c[onnect] {[DBNAME|- USER|- HOST|- PORT|-] | conninfo}",
                        .text = "connect to new database", .below = true, .shows = SHOWS_DATABASE})},
    {"conninfo", cmd_conninfo, SKIP_OPTIONS,
     .help = META_HELP({HELP_CONNECTION, 2, .usage = "\\conninfo",
                        .text = "display information about current connection"})},
    {"?", cmd_help, SKIP_OPTIONS,
     .help = META_HELP({HELP_HELP, 1, .usage = "\\? [commands]", .text = "show help on backslash commands"},
                       {HELP_HELP, 2, .usage = "\\? options",
                        .text = "show help on pgconsole command-line options"},
                       {HELP_HELP, 3, .usage = "\\? variables", .text = "show help on special variables"})},
    {"restrict", cmd_restrict, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 10, .usage = "\\restrict RESTRICT_KEY",
                        .text = "enter restricted mode with provided key",
                        .below = true})},
    {"unrestrict", cmd_unrestrict, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 11, .usage = "\\unrestrict RESTRICT_KEY",
                        .text = "exit restricted mode if key matches",
                        .below = true})},
    {"copyright", cmd_copyright, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 1, .usage = "\\copyright",
                        .text = "show PostgreSQL usage and distribution terms"})},
    {.name = NULL},
};
