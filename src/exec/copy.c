/*
 * COPY data transfer (both COPY ... FROM STDIN / TO STDOUT in SQL and psql's \copy,
 * which rewrites itself into those with a local file, program or stream).
 */
#include "exec/copy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec/cancel.h"
#include "exec/query.h"
#include "session/frontend.h"
#include "util/atomicfile.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/pipes.h"
#include "util/strbuf.h"
#include "util/tokenize.h"
#include "util/xalloc.h"

static bool copy_out(Session *s, FILE *stream, PGresult **res)
{
    bool ok = true;
    char *buf;
    int n;
    while ((n = PQgetCopyData(s->db, &buf, 0)) > 0) {
        if (ok && stream && fwrite(buf, 1, (size_t)n, stream) != (size_t)n) {
            log_error("could not write COPY data: %s", strerror(errno));
            ok = false;   /* keep draining so the connection stays usable */
        }
        PQfreemem(buf);
    }
    if (ok && stream && fflush(stream)) {
        log_error("could not write COPY data: %s", strerror(errno));
        ok = false;
    }
    if (n == -2) {
        log_info("%s", PQerrorMessage(s->db));
        ok = false;
    }
    *res = PQgetResult(s->db);
    if (PQresultStatus(*res) != PGRES_COMMAND_OK) {
        log_info("%s", PQerrorMessage(s->db));
        ok = false;
    }
    return ok;
}

static bool copy_in_binary(Session *s, FILE *stream)
{
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), stream)) > 0) {
        if (PQputCopyData(s->db, buf, (int)n) <= 0)
            return false;
        if (cancel_was_pressed())
            return false;
    }
    return true;
}

/* one line at a time, stopping at "\." so that a script's later commands stay unread */
static bool copy_in_text(Session *s, FILE *stream, bool show_prompt)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool ok = true;
    for (;;) {
        if (show_prompt) {
            char *prompt = s->frontend->expand_prompt(s, PROMPT_COPY);
            fputs(prompt, stdout);
            fflush(stdout);
            free(prompt);
        }
        if ((len = getline(&line, &cap, stream)) <= 0)
            break;
        bool complete = line[len - 1] == '\n';
        if (complete && stream == s->cur_source) {
            s->lineno++;
            s->stmt_lineno++;
        }
        if (strcmp(line, "\\.\n") == 0 || strcmp(line, "\\.\r\n") == 0)
            break;
        if (PQputCopyData(s->db, line, (int)len) <= 0 || cancel_was_pressed()) {
            ok = false;
            break;
        }
    }
    free(line);
    return ok;
}

static bool copy_in(Session *s, FILE *stream, bool binary, PGresult **res)
{
    bool show_prompt = isatty(fileno(stream));
    if (show_prompt && !s->quiet)
        puts("Enter data to be copied followed by a newline.\n"
             "End with a backslash and a period on a line by itself, or an EOF signal.");
    bool ok = binary ? copy_in_binary(s, stream) : copy_in_text(s, stream, show_prompt);
    if (ferror(stream))
        ok = false;
    const char *why = cancel_was_pressed() ? "canceled by user" : ok ? NULL : "aborted because of read failure";
    if (PQputCopyEnd(s->db, why) <= 0)
        ok = false;
    clearerr(stream);
    while (*res = PQgetResult(s->db), PQresultStatus(*res) == PGRES_COPY_IN) {
        ok = false;
        PQclear(*res);
        PQputCopyEnd(s->db, "trying to exit copy mode");
    }
    if (PQresultStatus(*res) != PGRES_COMMAND_OK) {
        log_info("%s", PQerrorMessage(s->db));
        ok = false;
    }
    return ok;
}

bool copy_handle_result(Session *s, PGresult **resp, FILE *out_stream)
{
    PGresult *copy_result = NULL;
    bool ok;
    cancel_set_conn(s->db);
    if (PQresultStatus(*resp) == PGRES_COPY_OUT) {
        ok = copy_out(s, out_stream, &copy_result) && out_stream != NULL;
        /* the status line would land in the middle of the data */
        if (out_stream == s->query_out) {
            PQclear(copy_result);
            copy_result = NULL;
        }
    } else {
        FILE *in = s->copy_stream ? s->copy_stream : s->cur_source ? s->cur_source : stdin;
        ok = copy_in(s, in, PQbinaryTuples(*resp), &copy_result);
    }
    cancel_reset_conn();
    PQclear(*resp);
    *resp = copy_result;
    return ok;
}

/* ---- \copy ---- */

typedef struct SlashCopy {
    StrBuf before;      /* table and column list, or (query) */
    char *file;         /* NULL for stdin/stdout */
    char *after;        /* COPY options */
    bool from;
    bool program;
    bool psql_inout;    /* pstdin/pstdout */
    AtomicFile out;     /* the file of \copy ... to FILE */
} SlashCopy;

static void slash_copy_free(SlashCopy *c)
{
    sb_free(&c->before);
    free(c->file);
    free(c->after);
}

static bool parse_error(const char *token)
{
    if (token)
        log_error("\\copy: parse error at \"%s\"", token);
    else
        log_error("\\copy: parse error at end of line");
    return false;
}

static void add_token(SlashCopy *c, const char *token, bool space)
{
    if (space)
        sb_append_char(&c->before, ' ');
    sb_append(&c->before, token);
}

/* the part before FROM/TO: [binary] table [.name] [(columns)] or (query) */
static const char *parse_target(SlashCopy *c, Tokenizer *t, bool std_strings)
{
    const char *ws = " \t\n\r";
    const char *tok = tok_next(t, ws, ".,()", "\"", 0, false, false);
    if (tok && strcasecmp(tok, "binary") == 0) {
        add_token(c, tok, false);
        tok = tok_next(t, ws, ".,()", "\"", 0, false, false);
    }
    if (tok && tok[0] == '(') {
        int parens = 1;
        while (tok && parens > 0) {
            add_token(c, tok, true);
            tok = tok_next(t, ws, "()", "\"'", std_strings ? 0 : '\\', true, false);
            if (tok && tok[0] == '(')
                parens++;
            else if (tok && tok[0] == ')')
                parens--;
        }
    }
    if (!tok)
        return NULL;
    add_token(c, tok, true);
    tok = tok_next(t, ws, ".,()", "\"", 0, false, false);
    if (tok && tok[0] == '.') {
        add_token(c, tok, false);
        if (!(tok = tok_next(t, ws, ".,()", "\"", 0, false, false)))
            return NULL;
        add_token(c, tok, false);
        tok = tok_next(t, ws, ".,()", "\"", 0, false, false);
    }
    if (tok && tok[0] == '(') {
        while (tok && tok[0] != ')') {
            add_token(c, tok, true);
            tok = tok_next(t, ws, "()", "\"", 0, false, false);
        }
        if (!tok)
            return NULL;
        add_token(c, tok, true);
        tok = tok_next(t, ws, ".,()", "\"", 0, false, false);
    }
    return tok;
}

static bool parse_source(SlashCopy *c, Tokenizer *t, int encoding)
{
    const char *ws = " \t\n\r";
    const char *tok = tok_next(t, ws, ";", "'", 0, false, false);
    if (!tok)
        return parse_error(NULL);
    if (strcasecmp(tok, "program") == 0) {
        tok = tok_next(t, ws, ";", "'", 0, false, false);
        if (!tok)
            return parse_error(NULL);
        size_t len = strlen(tok);
        if (tok[0] != '\'' || len < 2 || tok[len - 1] != '\'')
            return parse_error(tok);
        c->file = xstrdup(tok);
        tok_strip_quotes(c->file, '\'', 0, encoding);
        c->program = true;
    } else if (strcasecmp(tok, "stdin") == 0 || strcasecmp(tok, "stdout") == 0) {
        c->file = NULL;
    } else if (strcasecmp(tok, "pstdin") == 0 || strcasecmp(tok, "pstdout") == 0) {
        c->psql_inout = true;
    } else {
        c->file = xstrdup(tok);
        tok_strip_quotes(c->file, '\'', 0, encoding);
        char *expanded = path_expand_tilde(c->file);
        free(c->file);
        c->file = expanded;
    }
    tok = tok_next(t, "", NULL, NULL, 0, false, false);
    if (tok)
        c->after = xstrdup(tok);
    return true;
}

static bool parse_slash_copy(SlashCopy *c, const char *args, int encoding, bool std_strings)
{
    if (!args) {
        log_error("\\copy: arguments required");
        return false;
    }
    Tokenizer *t = tok_start(args, encoding);
    bool ok = false;
    const char *tok = parse_target(c, t, std_strings);
    if (!tok)
        parse_error(NULL);
    else if (strcasecmp(tok, "from") == 0 || strcasecmp(tok, "to") == 0) {
        c->from = strcasecmp(tok, "from") == 0;
        ok = parse_source(c, t, encoding);
    } else {
        parse_error(tok);
    }
    tok_end(t);
    return ok;
}

static FILE *open_copy_stream(Session *s, SlashCopy *c)
{
    if (!c->file)
        return c->from ? (c->psql_inout ? stdin : s->cur_source ? s->cur_source : stdin)
                       : (c->psql_inout ? stdout : s->query_out);
    FILE *fp;
    errno = 0;
    if (c->program && c->from) {
        fflush(NULL);
        fp = popen(c->file, "r");
    } else if (c->program) {
        fp = pipe_open_writer(c->file);
    } else {
        path_canonicalize(c->file);
        /* a COPY that fails half-way must not leave a file that looks like the whole table */
        fp = c->from ? fopen(c->file, "r") : atomic_open(&c->out, c->file);
    }
    if (!fp) {
        if (c->program)
            log_error("could not execute command \"%s\": %s", c->file, strerror(errno));
        else
            log_error("%s: %s", c->file, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (!c->program && (fstat(fileno(fp), &st) < 0 || S_ISDIR(st.st_mode))) {
        if (S_ISDIR(st.st_mode))
            log_error("%s: cannot copy from/to a directory", c->file);
        else
            log_error("could not stat file \"%s\": %s", c->file, strerror(errno));
        if (c->from)
            fclose(fp);
        else
            atomic_abort(&c->out);
        return NULL;
    }
    return fp;
}

/* copied: whether the COPY itself succeeded (an output file is kept only then) */
static bool close_copy_stream(SlashCopy *c, FILE *fp, bool copied)
{
    if (!c->file)
        return true;
    if (!c->program && !c->from && !copied) {
        atomic_abort(&c->out);
        return true;
    }
    if (!c->program) {
        if (c->from ? fclose(fp) != 0 : !atomic_commit(&c->out)) {
            log_error("%s: %s", c->file, strerror(errno));
            return false;
        }
        return true;
    }
    int rc = c->from ? pclose(fp) : pipe_close_writer(fp);
    if (rc == 0)
        return true;
    if (rc < 0)
        log_error("could not close pipe to external command: %s", strerror(errno));
    else if (WIFEXITED(rc))
        log_error("%s: child process exited with exit code %d", c->file, WEXITSTATUS(rc));
    else if (WIFSIGNALED(rc))
        log_error("%s: child process was terminated by signal %d: %s", c->file, WTERMSIG(rc),
                  strsignal(WTERMSIG(rc)));
    else
        log_error("%s: child process exited with unrecognized status %d", c->file, rc);
    return false;
}

bool copy_slash_command(Session *s, const char *args)
{
    SlashCopy c;
    memset(&c, 0, sizeof(c));
    const char *std = s->db ? PQparameterStatus(s->db, "standard_conforming_strings") : NULL;
    if (!parse_slash_copy(&c, args, s->encoding, std && strcmp(std, "off") != 0)) {
        slash_copy_free(&c);
        return false;
    }
    FILE *stream = open_copy_stream(s, &c);
    if (!stream) {
        slash_copy_free(&c);
        return false;
    }
    StrBuf query = STRBUF_INIT;
    sb_printf(&query, "COPY %s%s%s", sb_str(&c.before), c.from ? " FROM STDIN " : " TO STDOUT ",
              c.after ? c.after : "");
    s->copy_stream = stream;
    bool ok = exec_send_query(s, query.data);
    s->copy_stream = NULL;
    sb_free(&query);
    ok &= close_copy_stream(&c, stream, ok);
    slash_copy_free(&c);
    return ok;
}
