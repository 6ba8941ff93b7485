/* The loop that reads input, sends statements and runs backslash commands. */
#ifndef PGC_MAINLOOP_H
#define PGC_MAINLOOP_H

#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"

/* reads source to its end (or \q); returns an exit code */
int mainloop_run(Session *s, FILE *source);
/* \i, \ir and -f: a file ("-" for stdin), relative to the current script for \ir */
int mainloop_process_file(Session *s, const char *filename, bool relative);

#endif
