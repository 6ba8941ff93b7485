/*
 * Writing to another program: \o |cmd, \g |cmd, \w |cmd, \copy ... to program, the
 * pager and PSQL_WATCH_PAGER.  A program that stops reading early must not kill us
 * with SIGPIPE, so SIGPIPE is ignored while at least one such pipe is open, and put
 * back as it was when the last one closes.  Writing to our own stdout keeps the
 * default, as in psql: `pgconsole -c 'select ...' | head` ends quietly.
 */
#ifndef PGC_PIPES_H
#define PGC_PIPES_H

#include <stdio.h>

/* popen(command, "w") after flushing every stream; NULL with errno set when it fails */
FILE *pipe_open_writer(const char *command);
/* pclose's result (errno set when it is -1) */
int pipe_close_writer(FILE *pipe);

#endif
