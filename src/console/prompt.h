/* PROMPT1, PROMPT2 and PROMPT3 with psql's % escapes. */
#ifndef PGC_PROMPT_H
#define PGC_PROMPT_H

#include "session/session.h"
#include "sql/scanner.h"

/* the prompt for the given input state, as a new string */
char *prompt_expand(Session *s, PromptStatus status);
/* the visible width of a prompt, skipping %[ %] sections and counting characters */
size_t prompt_visible_width(const char *prompt, int encoding);

#endif
