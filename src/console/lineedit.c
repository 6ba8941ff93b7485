#include "console/lineedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <editline/readline.h>

#include "console/input.h"
#include "console/prompt.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* libedit keeps one history per process, so this module's state is per process too */
static bool editor_enabled;
static StrBuf pending = STRBUF_INIT;
static char *last_entry;

void lineedit_init(Session *s, bool use_editor)
{
    (void)s;
    editor_enabled = use_editor;
    if (use_editor) {
        rl_readline_name = "pgconsole";
        using_history();
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
    if (!editor_enabled)
        return;
    if (pending.len > 0)
        sb_append_char(&pending, '\n');
    sb_append(&pending, line);
}

static bool should_skip(Session *s, const char *entry)
{
    bool ignore_space = s->histcontrol == HISTCTL_IGNORESPACE || s->histcontrol == HISTCTL_IGNOREBOTH;
    bool ignore_dups = s->histcontrol == HISTCTL_IGNOREDUPS || s->histcontrol == HISTCTL_IGNOREBOTH;
    if (ignore_space && entry[0] == ' ')
        return true;
    return ignore_dups && last_entry && strcmp(last_entry, entry) == 0;
}

void lineedit_history_flush(Session *s)
{
    if (!editor_enabled || pending.len == 0)
        return;
    const char *entry = sb_str(&pending);
    if (!should_skip(s, entry)) {
        add_history(entry);
        free(last_entry);
        last_entry = xstrdup(entry);
    }
    sb_reset(&pending);
}

void lineedit_history_discard(Session *s)
{
    (void)s;
    sb_reset(&pending);
}

void lineedit_finish(Session *s)
{
    lineedit_history_flush(s);
    sb_free(&pending);
    free(last_entry);
    last_entry = NULL;
}
