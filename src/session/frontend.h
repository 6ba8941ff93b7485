/*
 * What the layers below the console need from it, as functions the console sets
 * once at start-up (console/frontend.c): questions asked at the terminal
 * (passwords, \prompt, the quit confirmation), lines read from a script, the
 * prompt shown for COPY data, running a file through the main loop (\i), the
 * history (\s) and the usage text (\? options).  exec/ and meta/ reach the front
 * end only through s->frontend, so that nothing below console/ includes it.
 */
#ifndef PGC_FRONTEND_H
#define PGC_FRONTEND_H

#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"
#include "sql/scanner.h"

struct FrontEnd {
    /* asks on the terminal (or stdin/stderr without one), echo off for secrets; "" at end of input */
    char *(*ask)(const char *prompt, bool echo);
    /* the next line of source without its newline (malloc'd), NULL at its end or on error */
    char *(*read_line)(FILE *source);
    /* the prompt for an input state (PROMPT3 for COPY data), as a new string */
    char *(*expand_prompt)(Session *s, PromptStatus status);
    /* reads a file ("-" for stdin) through the main loop, relative to the current script if asked; an exit code */
    int (*run_file)(Session *s, const char *filename, bool relative);
    /* the number of history entries, -1 when there is no line editing (and so no history) */
    int (*history_length)(void);
    /* writes every history entry, one after the other */
    void (*history_write)(FILE *out);
    /* the command-line usage (\? options) */
    void (*print_usage)(FILE *out);
};

#endif
