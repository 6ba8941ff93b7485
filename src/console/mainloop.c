/*
 * The main loop: reads lines from one input source, feeds them to the scanner,
 * sends statements when they end and runs backslash commands when they start.
 * It is re-entered for \i, each source with its own \if stack and line count.
 */
#include "console/mainloop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console/input.h"
#include "console/lineedit.h"
#include "exec/cancel.h"
#include "exec/query.h"
#include "meta/commands.h"
#include "sql/conditional.h"
#include "sql/scanner.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/xalloc.h"

typedef struct LoopState {
    Session *s;
    Scanner *scan;
    CondStack *cond;
    StrBuf query;
    StrBuf previous;
    PromptStatus prompt;
    MetaResult last_meta;
    bool die_on_error;
    int result;
} LoopState;

static char *scan_get_variable(void *ctx, const char *name, VarQuoting quoting)
{
    LoopState *ls = ctx;
    return session_variable_for_scanner(ls->s, ls->cond, name, quoting);
}

static bool scan_may_run_backticks(void *ctx)
{
    LoopState *ls = ctx;
    return cond_active(ls->cond);
}

static bool std_strings(Session *s)
{
    const char *v = s->db ? PQparameterStatus(s->db, "standard_conforming_strings") : NULL;
    return v && strcmp(v, "on") == 0;
}

static void swap_to_previous(LoopState *ls)
{
    StrBuf tmp = ls->previous;
    ls->previous = ls->query;
    ls->query = tmp;
    sb_reset(&ls->query);
}

static bool send_buffer(LoopState *ls)
{
    ls->s->stmt_lineno = 1;
    if (!cond_active(ls->cond)) {
        /* the text stays in the buffer: \endif drops what the skipped branch added */
        if (ls->s->interactive)
            log_error("query ignored; use \\endif or Ctrl-C to exit current \\if block");
        ls->last_meta = META_SEND;
        return true;
    }
    bool ok = exec_send_query(ls->s, sb_str(&ls->query));
    ls->last_meta = ok ? META_SEND : META_ERROR;
    swap_to_previous(ls);
    return ok;
}

/* a backslash command in the middle of the line */
static bool run_backslash(LoopState *ls, size_t added_newline_at, const char *line, bool *saved_history)
{
    /*
     * A line holding only a backslash command leaves the buffer as it was, and the
     * statement typed before it becomes a history entry of its own.
     */
    if (added_newline_at != (size_t)-1 && ls->query.len == added_newline_at) {
        sb_truncate(&ls->query, ls->query.len - 1);
        lineedit_history_flush(ls->s);
    }
    if (ls->s->interactive && !*saved_history) {
        lineedit_history_add_line(ls->s, line);
        lineedit_history_flush(ls->s);
        *saved_history = true;
    }
    ls->last_meta = meta_run(ls->s, ls->scan, ls->cond, &ls->query, &ls->previous);
    bool ok = ls->last_meta != META_ERROR;
    ls->s->stmt_lineno = 1;
    if (ls->last_meta == META_SEND) {
        ok = exec_send_query(ls->s, sb_str(&ls->query));
        swap_to_previous(ls);
        scanner_reset(ls->scan);
    } else if (ls->last_meta == META_NEWEDIT) {
        ls->prompt = PROMPT_READY;
    }
    return ok;
}

/* scans one line; returns false when the loop must stop (\q) */
static bool process_line(LoopState *ls, char *line)
{
    Session *s = ls->s;
    size_t added_newline_at = (size_t)-1;
    if (ls->query.len > 0) {
        sb_append_char(&ls->query, '\n');
        added_newline_at = ls->query.len;
    }
    ls->die_on_error = s->on_error_stop;
    scanner_setup(ls->scan, line, strlen(line), s->encoding, std_strings(s));
    bool success = true, saved_history = false;
    char *edited = NULL;
    while (success || !ls->die_on_error) {
        ScanResult r = scanner_scan(ls->scan, &ls->query, &ls->prompt);
        if (r == SCAN_SEMICOLON || (r == SCAN_EOL && s->singleline)) {
            if (s->interactive && !saved_history) {
                lineedit_history_add_line(s, line);
                lineedit_history_flush(s);
                saved_history = true;
            }
            success = send_buffer(ls);
            added_newline_at = (size_t)-1;
        } else if (r == SCAN_BACKSLASH) {
            success = run_backslash(ls, added_newline_at, line, &saved_history);
            added_newline_at = (size_t)-1;
            if (ls->last_meta == META_TERMINATE)
                break;
            if (ls->last_meta == META_NEWEDIT) {
                /* scan the edited buffer again as if it had been typed */
                if (ls->query.len > 0 && ls->query.data[ls->query.len - 1] != '\n')
                    sb_append_char(&ls->query, '\n');
                free(edited);
                edited = sb_steal(&ls->query);
                scanner_reset(ls->scan);
                scanner_setup(ls->scan, edited, strlen(edited), s->encoding, std_strings(s));
                saved_history = false;
                continue;
            }
        }
        if (r == SCAN_INCOMPLETE || r == SCAN_EOL)
            break;
    }
    if (s->interactive && !saved_history)
        lineedit_history_add_line(s, line);
    scanner_finish(ls->scan);
    /* after \e, show what is left in the buffer, as psql does */
    if (edited && ls->query.len > 0) {
        fputs(ls->query.data, stdout);
        fputc('\n', stdout);
        fflush(stdout);
    }
    free(edited);
    if (ls->last_meta == META_TERMINATE)
        return false;
    if (!s->interactive) {
        if (!success && ls->die_on_error) {
            ls->result = EXIT_USER;
            return false;
        }
        if (!s->db) {
            ls->result = EXIT_BADCONN;
            return false;
        }
    }
    return true;
}

/* the next line, or NULL to stop */
static char *next_line(LoopState *ls, FILE *source, int *eof_count)
{
    Session *s = ls->s;
    for (;;) {
        char *line;
        fflush(stdout);
        if (s->interactive) {
            if (ls->query.len == 0)
                ls->prompt = PROMPT_READY;
            line = lineedit_read(s, ls->prompt);
        } else {
            line = input_read_line(source);
            if (!line && ferror(source))
                ls->result = EXIT_FAIL;
        }
        if (line || !s->interactive || cancel_was_pressed())
            return line;
        /* Ctrl-D: like bash's IGNOREEOF */
        if (++*eof_count < s->ignoreeof) {
            if (!s->quiet)
                printf("Use \"\\q\" to leave %s.\n", log_progname());
            continue;
        }
        puts(s->quiet ? "" : "\\q");
        return NULL;
    }
}

static bool is_help_request(const char *line)
{
    return strncasecmp(line, "help", 4) == 0 && (line[4] == '\0' || line[4] == ';' || line[4] == ' ' ||
                                                 line[4] == '\t' || line[4] == '\n' || line[4] == '\r');
}

static void print_help_hint(void)
{
    printf("You are using %s, a psql-compatible command-line interface to PostgreSQL.\n", log_progname());
    puts("Type:  \\copyright for distribution terms\n"
         "       \\h for help with SQL commands\n"
         "       \\? for help with pgconsole commands\n"
         "       \\g or terminate with semicolon to execute query\n"
         "       \\q to quit");
    fflush(stdout);
}

/* after Ctrl-C at the prompt: drop the statement being typed */
static bool handle_cancel(LoopState *ls)
{
    if (!cancel_was_pressed())
        return true;
    if (!ls->s->interactive) {
        ls->result = EXIT_USER;
        return false;
    }
    cancel_clear();
    scanner_finish(ls->scan);
    scanner_reset(ls->scan);
    sb_reset(&ls->query);
    lineedit_history_discard(ls->s);
    ls->prompt = PROMPT_READY;
    return true;
}

static void loop_lines(LoopState *ls, FILE *source)
{
    Session *s = ls->s;
    int eof_count = 0;
    while (ls->result == EXIT_OK) {
        if (!handle_cancel(ls))
            break;
        char *line = next_line(ls, source, &eof_count);
        if (!line) {
            if (cancel_was_pressed() && s->interactive) {
                /* Ctrl-C at the prompt drops what was typed; the loop's top clears the buffer */
                fputc('\n', stdout);
                continue;
            }
            if (cancel_was_pressed())
                ls->result = EXIT_USER;
            break;
        }
        eof_count = 0;
        s->lineno++;
        if (s->lineno == 1 && s->encoding == pg_char_to_encoding("UTF8") && strncmp(line, "\xef\xbb\xbf", 3) == 0)
            memmove(line, line + 3, strlen(line + 3) + 1);
        if (line[0] == '\0' && !scanner_in_quote(ls->scan)) {
            free(line);
            continue;
        }
        if (s->interactive && ls->query.len == 0 && is_help_request(line)) {
            free(line);
            print_help_hint();
            continue;
        }
        if (s->echo == ECHO_ALL && !s->interactive)
            puts(line);
        fflush(stdout);
        bool go_on = process_line(ls, line);
        free(line);
        if (!go_on)
            break;
    }
}

static void finish_input(LoopState *ls)
{
    Session *s = ls->s;
    /* a statement left without a semicolon at the end of a script still runs */
    if (ls->query.len > 0 && !s->interactive && ls->result == EXIT_OK) {
        bool ok = cond_active(ls->cond) ? exec_send_query(s, sb_str(&ls->query)) : true;
        if (!ok && ls->die_on_error)
            ls->result = EXIT_USER;
        else if (!s->db)
            ls->result = EXIT_BADCONN;
    }
    if (ls->last_meta != META_TERMINATE && ls->result != EXIT_USER && !cond_empty(ls->cond)) {
        log_error("reached EOF without finding closing \\endif(s)");
        if (ls->die_on_error && !s->interactive)
            ls->result = EXIT_USER;
    }
}

int mainloop_run(Session *s, FILE *source)
{
    FILE *prev_source = s->cur_source;
    bool prev_interactive = s->interactive;
    unsigned long prev_lineno = s->lineno, prev_stmt = s->stmt_lineno;
    struct CondStack *prev_cond = s->cond;

    LoopState ls;
    memset(&ls, 0, sizeof(ls));
    ls.s = s;
    ls.cond = cond_create();
    ls.last_meta = META_UNKNOWN;
    ls.result = EXIT_OK;
    ls.prompt = PROMPT_READY;
    ScanCallbacks cb = {scan_get_variable, scan_may_run_backticks, &ls};
    ls.scan = scanner_create(&cb);

    s->cur_source = source;
    s->interactive = source == stdin && !s->notty;
    s->lineno = 0;
    s->stmt_lineno = 1;
    s->cond = ls.cond;
    const struct StrBuf *prev_query = s->current_query;
    s->current_query = &ls.query;

    loop_lines(&ls, source);
    finish_input(&ls);

    scanner_destroy(ls.scan);
    cond_destroy(ls.cond);
    sb_free(&ls.query);
    sb_free(&ls.previous);
    s->cur_source = prev_source;
    s->interactive = prev_interactive;
    s->lineno = prev_lineno;
    s->stmt_lineno = prev_stmt;
    s->cond = prev_cond;
    s->current_query = prev_query;
    return ls.result;
}

static char *resolve_relative(Session *s, const char *filename)
{
    if (!s->inputfile || filename[0] == '/')
        return xstrdup(filename);
    char *dir = path_dirname(s->inputfile);
    char *path = path_join(dir, filename);
    free(dir);
    return path;
}

char *mainloop_include_path(Session *s, const char *filename, bool relative)
{
    char *canonical = xstrdup(filename);
    path_canonicalize(canonical);
    char *path = relative ? resolve_relative(s, canonical) : xstrdup(canonical);
    free(canonical);
    return path;
}

/* runs fp as the input named path (taken; NULL for no prefix in messages) */
static int run_source(Session *s, FILE *fp, char *path)
{
    char *prev_file = s->inputfile;
    s->inputfile = path;
    log_set_terse(path == NULL);
    int result = mainloop_run(s, fp);
    s->inputfile = prev_file;
    /* as psql: once a file has run, messages outside files are bare */
    log_set_terse(prev_file == NULL);
    free(path);
    return result;
}

int mainloop_process_file(Session *s, const char *filename, bool relative)
{
    if (!filename || strcmp(filename, "-") == 0)
        return run_source(s, stdin, filename ? xstrdup("<stdin>") : NULL);
    char *path = mainloop_include_path(s, filename, relative);
    FILE *fp = fopen(path, "r");
    if (!fp) {
        log_error("%s: %s", path, strerror(errno));
        free(path);
        return EXIT_FAIL;
    }
    int result = run_source(s, fp, path);
    fclose(fp);
    return result;
}

int mainloop_process_bytes(Session *s, const char *path, const char *data, size_t len)
{
    if (len == 0)
        return EXIT_OK;
    FILE *fp = fmemopen((void *)data, len, "r");
    if (!fp) {
        log_error("%s: %s", path, strerror(errno));
        return EXIT_FAIL;
    }
    int result = run_source(s, fp, xstrdup(path));
    fclose(fp);
    return result;
}
