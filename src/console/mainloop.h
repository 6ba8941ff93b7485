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
/* runs bytes already read (and checked) as the file path, which names them in messages */
int mainloop_process_bytes(Session *s, const char *path, const char *data, size_t len);
/* the path \i (or \ir when relative) would read for filename (malloc'd) */
char *mainloop_include_path(Session *s, const char *filename, bool relative);

#endif
