/* Reading input lines: from scripts and pipes, and prompted answers from the terminal. */
#ifndef PGC_INPUT_H
#define PGC_INPUT_H

#include <stdbool.h>
#include <stdio.h>

/* the next line without its newline (malloc'd), or NULL at end of input or on error */
char *input_read_line(FILE *source);
/* whether reading the next line could wait for a writer (a pipe with no whole line in it yet) */
bool input_would_block(FILE *source);
/* asks on the terminal (or stdin/stderr without one); echo off for secrets */
char *input_prompt_line(const char *prompt, bool echo);

#endif
