#include "session/session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "session/settings.h"
#include "sql/conditional.h"
#include "sql/scanner.h"
#include "util/log.h"
#include "util/pipes.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

Session *session_create(void)
{
    Session *s = xcalloc(1, sizeof(Session));
    s->vars = vars_create(s);
    popt_init(&s->popt);
    s->query_out = stdout;
    s->verbosity = PQERRORS_DEFAULT;
    s->show_context = PQSHOW_CONTEXT_ERRORS;
    s->encoding = pg_char_to_encoding("SQL_ASCII");
    settings_install(s);
    return s;
}

void session_destroy(Session *s)
{
    if (!s)
        return;
    session_set_output(s, NULL);
    if (s->free_completion_cache)
        s->free_completion_cache(s);
    if (s->free_platform)
        s->free_platform(s->platform);
    if (s->db)
        PQfinish(s->db);
    /* after the connection that goes through it */
    if (s->free_ssh_leg)
        s->free_ssh_leg(s->ssh_leg);
    if (s->last_error_result)
        PQclear(s->last_error_result);
    if (s->log_file)
        fclose(s->log_file);
    vars_destroy(s->vars);
    popt_free(&s->popt);
    free(s->inputfile);
    free(s->restrict_key);
    free(s);
}

/* a value that needs no quoting for the shell, or NULL after an error for newlines */
static char *shell_quote(const char *value)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:";
    if (strpbrk(value, "\n\r")) {
        log_error("shell command argument contains a newline or carriage return: \"%s\"", value);
        return NULL;
    }
    if (*value && strspn(value, safe) == strlen(value))
        return xstrdup(value);
    StrBuf out = STRBUF_INIT;
    sb_append_char(&out, '\'');
    for (const char *p = value; *p; p++) {
        if (*p == '\'')
            sb_append(&out, "'\"'\"'");
        else
            sb_append_char(&out, *p);
    }
    sb_append_char(&out, '\'');
    return sb_steal(&out);
}

char *session_quote_variable(Session *s, const char *value, int quoting)
{
    if (quoting == QUOTE_PLAIN)
        return xstrdup(value);
    if (quoting == QUOTE_SHELL_ARG)
        return shell_quote(value);
    if (!s->db) {
        log_error("cannot escape without active connection");
        return NULL;
    }
    char *escaped = quoting == QUOTE_SQL_LITERAL ? PQescapeLiteral(s->db, value, strlen(value))
                                                 : PQescapeIdentifier(s->db, value, strlen(value));
    if (!escaped) {
        log_info("%s", PQerrorMessage(s->db));
        return NULL;
    }
    char *copy = xstrdup(escaped);
    PQfreemem(escaped);
    return copy;
}

char *session_variable_for_scanner(Session *s, const struct CondStack *cond, const char *name, int quoting)
{
    if (!cond_active(cond))
        return NULL;
    const char *value = vars_get(s->vars, name);
    return value ? session_quote_variable(s, value, quoting) : NULL;
}

void session_sync_variables(Session *s)
{
    char buf[32];
    s->encoding = PQclientEncoding(s->db);
    s->popt.encoding = s->encoding;
    s->sversion = PQserverVersion(s->db);
    vars_set(s->vars, "DBNAME", PQdb(s->db));
    vars_set(s->vars, "USER", PQuser(s->db));
    vars_set(s->vars, "HOST", PQhost(s->db));
    vars_set(s->vars, "PORT", PQport(s->db));
    vars_set(s->vars, "ENCODING", pg_encoding_to_char(s->encoding));
    const char *version = PQparameterStatus(s->db, "server_version");
    if (!version) {
        snprintf(buf, sizeof(buf), "%d.%d", s->sversion / 10000, s->sversion % 10000);
        version = buf;
    }
    vars_set(s->vars, "SERVER_VERSION_NAME", version);
    snprintf(buf, sizeof(buf), "%d", s->sversion);
    vars_set(s->vars, "SERVER_VERSION_NUM", buf);
    PQsetErrorVerbosity(s->db, s->verbosity);
    PQsetErrorContextVisibility(s->db, s->show_context);
}

void session_unsync_variables(Session *s)
{
    static const char *const names[] = {"DBNAME", "USER", "HOST", "PORT", "ENCODING", "SERVER_VERSION_NAME",
                                        "SERVER_VERSION_NUM"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        vars_set(s->vars, names[i], NULL);
}

bool session_set_output(Session *s, const char *target)
{
    FILE *out = stdout;
    bool is_pipe = false;
    if (target && target[0] == '|') {
        out = pipe_open_writer(target + 1);
        is_pipe = true;
    } else if (target && target[0]) {
        out = fopen(target, "w");
    }
    if (!out) {
        log_error("%s: %s", target, strerror(errno));
        return false;
    }
    if (s->query_out && s->query_out != stdout && s->query_out != stderr) {
        if (s->query_out_is_pipe)
            pipe_close_writer(s->query_out);
        else
            fclose(s->query_out);
    }
    s->query_out = out;
    s->query_out_is_pipe = is_pipe;
    return true;
}
