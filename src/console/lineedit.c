/*
 * Line editing with libedit's readline interface.  Multi-line statements are one
 * history entry; in the history file their newlines are stored as \001 (as psql
 * does), the file is private (0600) and its folder is created when missing.
 * Entries that carry a password are never stored.
 */
#include "console/lineedit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <editline/readline.h>

#include "console/complete.h"
#include "console/history_file.h"
#include "console/history_filter.h"
#include "console/input.h"
#include "console/prompt.h"
#include "exec/cancel.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define HISTORY_NEWLINE '\001'
#define WORD_BREAKS " \t\n@$><=;|&{()"

/* libedit keeps one history and one completion hook per process, so this state is per process too */
static bool editor_enabled;
static char *history_path;
static int lines_added;
static StrBuf pending = STRBUF_INIT;
static char *last_entry;
static Session *completion_session;

/*
 * Waits for input with SIGINT blocked except inside ppoll, so that a Ctrl-C pressed
 * after the main loop cleared the flag but before the wait began is not lost: the
 * flag is checked with the signal blocked, and ppoll unblocks it atomically.
 */
static bool wait_for_input(int fd)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    for (;;) {
        sigprocmask(SIG_BLOCK, &block, &old);
        if (cancel_was_pressed()) {
            sigprocmask(SIG_SETMASK, &old, NULL);
            return false;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = ppoll(&p, 1, NULL, &old);
        int saved = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (ready > 0)
            return true;
        if (ready < 0 && saved != EINTR)
            return true;    /* let read() report the problem */
    }
}

/* a read that gives up when Ctrl-C is pressed, so that readline returns */
static int interruptible_getc(FILE *in)
{
    unsigned char c;
    for (;;) {
        if (!wait_for_input(fileno(in)))
            return EOF;
        ssize_t n = read(fileno(in), &c, 1);
        if (n == 1)
            return c;
        if (n == 0)
            return EOF;
        if (errno != EINTR && errno != EAGAIN)
            return EOF;
    }
}

static char **attempt_completion(const char *text, int start, int end)
{
    (void)text;
    rl_attempted_completion_over = 1;
    if (!completion_session)
        return NULL;
    Session *s = completion_session;
    CompletionRequest req = {s->current_query ? sb_str(s->current_query) : "", rl_line_buffer, start, end};
    CompletionHints hints;
    char **matches = complete_candidates(s, &req, &hints);
    rl_completion_append_character = hints.append_space ? ' ' : '\0';
    if (!matches || !matches[0]) {
        free(matches);
        return NULL;
    }
    /* readline wants the common prefix first, then the candidates */
    size_t n = 0, common = strlen(matches[0]);
    while (matches[n]) {
        size_t k = 0;
        while (k < common && matches[n][k] == matches[0][k])
            k++;
        common = k;
        n++;
    }
    char **out = xcalloc(n + 2, sizeof(char *));
    if (n > 1 && hints.keep_typed)
        out[0] = xstrndup(rl_line_buffer + start, (size_t)(end - start));
    else
        out[0] = n == 1 ? xstrdup(matches[0]) : xstrndup(matches[0], common);
    if (n == 1) {
        free(matches[0]);
    } else {
        for (size_t i = 0; i < n; i++)
            out[i + 1] = matches[i];
    }
    free(matches);
    return out;
}

static void decode_history(void)
{
    for (int i = history_base; i < history_base + history_length; i++) {
        HIST_ENTRY *e = history_get(i);
        if (!e || !strchr(e->line, HISTORY_NEWLINE))
            continue;
        for (char *p = (char *)e->line; *p; p++)
            if (*p == HISTORY_NEWLINE)
                *p = '\n';
    }
}

static void encode_history(void)
{
    for (int i = history_base; i < history_base + history_length; i++) {
        HIST_ENTRY *e = history_get(i);
        if (!e)
            continue;
        for (char *p = (char *)e->line; *p; p++)
            if (*p == '\n')
                *p = HISTORY_NEWLINE;
    }
}

/* HISTFILE (already interpolated when it was set), else $PSQL_HISTORY, else ~/.psql_history */
static char *history_file_name(Session *s)
{
    const char *file = vars_get(s->vars, "HISTFILE");
    if (!file) {
        const char *env = getenv("PSQL_HISTORY");
        if (env && *env)
            file = env;
    }
    if (file)
        return path_expand_tilde(file);
    const char *home = path_home();
    return home ? xasprintf("%s/.psql_history", home) : NULL;
}

static void ensure_parent_directory(const char *path)
{
    char *dir = path_dirname(path);
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0700) != 0 && errno != EEXIST)
        log_error("could not create directory \"%s\": %s", dir, strerror(errno));
    free(dir);
}

void lineedit_init(Session *s, bool use_editor)
{
    editor_enabled = use_editor;
    if (!use_editor)
        return;
    completion_session = s;
    rl_readline_name = "psql";
    rl_catch_signals = 0;
    rl_getc_function = interruptible_getc;
    rl_basic_word_break_characters = WORD_BREAKS;
    rl_attempted_completion_function = attempt_completion;
    using_history();
    history_path = history_file_name(s);
    if (history_path && strcmp(history_path, "/dev/null") != 0) {
        ensure_parent_directory(history_path);
        /* a file that cannot be saved to is not read either: the refusal is said when saving */
        if (history_file_usable(history_path))
            read_history(history_path);
        decode_history();
    }
}

char *lineedit_read(Session *s, PromptStatus status)
{
    char *prompt = prompt_expand(s, status);
    char *line;
    if (editor_enabled) {
        line = readline(prompt);
    } else {
        fputs(prompt, stdout);
        fflush(stdout);
        line = input_read_line(stdin);
    }
    free(prompt);
    return line;
}

void lineedit_history_add_line(Session *s, const char *line)
{
    (void)s;
    if (!editor_enabled || !line)
        return;
    sb_append(&pending, line);
    if (!line[0] || line[strlen(line) - 1] != '\n')
        sb_append_char(&pending, '\n');
}

static bool should_skip(Session *s, const char *entry)
{
    bool ignore_space = s->histcontrol == HISTCTL_IGNORESPACE || s->histcontrol == HISTCTL_IGNOREBOTH;
    bool ignore_dups = s->histcontrol == HISTCTL_IGNOREDUPS || s->histcontrol == HISTCTL_IGNOREBOTH;
    if (ignore_space && entry[0] == ' ')
        return true;
    if (ignore_dups && last_entry && strcmp(last_entry, entry) == 0)
        return true;
    return history_entry_has_secret(entry);
}

void lineedit_history_flush(Session *s)
{
    if (!editor_enabled)
        return;
    while (pending.len > 0 && pending.data[pending.len - 1] == '\n')
        sb_truncate(&pending, pending.len - 1);
    if (pending.len > 0 && !should_skip(s, pending.data)) {
        free(last_entry);
        last_entry = xstrdup(pending.data);
        add_history(pending.data);
        lines_added++;
    }
    sb_reset(&pending);
}

void lineedit_history_discard(Session *s)
{
    (void)s;
    sb_reset(&pending);
}

/* psql's way: the file's entries trimmed to HISTSIZE, then this session's; the file is
 * replaced whole (history_file.c), so that a full disk cannot leave half of it */
static void save_history(Session *s)
{
    if (!history_path || strcmp(history_path, "/dev/null") == 0 || lines_added == 0)
        return;
    encode_history();
    int n = lines_added < history_length ? lines_added : history_length;
    const char **entries = xcalloc((size_t)n + 1, sizeof(char *));
    int got = 0;
    for (int i = history_base + history_length - n; i < history_base + history_length; i++) {
        HIST_ENTRY *e = history_get(i);
        if (e)
            entries[got++] = e->line;
    }
    char *why;
    if (!history_file_save(history_path, entries, got, s->histsize, &why))
        log_error("could not save history to file \"%s\": %s", history_path, why ? why : strerror(errno));
    free(why);
    free(entries);
}

void lineedit_finish(Session *s)
{
    if (editor_enabled) {
        lineedit_history_flush(s);
        save_history(s);
    }
    sb_free(&pending);
    free(last_entry);
    last_entry = NULL;
    free(history_path);
    history_path = NULL;
    completion_session = NULL;
}

bool lineedit_enabled(void)
{
    return editor_enabled;
}

void lineedit_print_history(FILE *out)
{
    for (int i = history_base; i < history_base + history_length; i++) {
        HIST_ENTRY *e = history_get(i);
        if (e)
            fprintf(out, "%s\n", e->line);
    }
}

int lineedit_history_count(void)
{
    return editor_enabled ? history_length : 0;
}
