/*
 * The interactive line editor (libedit): reading a line with the prompt, and the
 * history, where a multi-line statement is kept as one entry.
 */
#ifndef PGC_LINEEDIT_H
#define PGC_LINEEDIT_H

#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"
#include "sql/scanner.h"

/* sets up line editing for a terminal session (use_editor false: plain reads, as -n asks) */
void lineedit_init(Session *s, bool use_editor);
/* the next line typed at the prompt for this state; NULL at end of input */
char *lineedit_read(Session *s, PromptStatus status);
/* history: lines of the statement being typed are gathered, then stored as one entry */
void lineedit_history_add_line(Session *s, const char *line);
void lineedit_history_flush(Session *s);
void lineedit_history_discard(Session *s);
/* writes the history file, if one is in use */
void lineedit_finish(Session *s);
bool lineedit_enabled(void);
/* \s: every history entry, one after the other */
void lineedit_print_history(FILE *out);
int lineedit_history_count(void);

#endif
