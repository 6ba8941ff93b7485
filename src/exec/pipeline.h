/*
 * Scripts over a slow link: statements sent ahead of the results of those before
 * them (libpq's pipeline mode), with psql's output, effects and exit code.
 *
 * The main loop hands every statement of a script to pipeline_send().  When sending
 * it ahead is safe, it goes to the server at once and its results are printed later,
 * in order; otherwise everything sent is first waited for and the statement runs as
 * psql runs it (exec_send_query).  Whatever must come after the output of statements
 * in flight waits for them: the main loop's echo of a line goes through
 * pipeline_echo(), a message to stderr is held by a log gate until they are printed,
 * and the main loop drains the pipeline before a backslash command, before reading a
 * variable a statement sets, before lexing text whose lexing a statement may change,
 * and before waiting for input.
 *
 * When sending ahead is safe:
 *  - ON_ERROR_STOP off: every statement runs anyway.  Each is followed by a Sync, so
 *    that it runs in a transaction of its own exactly as psql's Query message does.
 *  - ON_ERROR_STOP on, inside a transaction block (BEGIN, or -1): the statements up to
 *    the end of the block share one pipeline segment, and after an error the server
 *    skips the rest of the segment, as psql would not have sent it.
 *  - ON_ERROR_STOP on outside a block: never ahead, each statement waits for the one
 *    before (only a BEGIN may start a segment).
 * Never: at a terminal, with PIPELINE off, AUTOCOMMIT off, ON_ERROR_ROLLBACK on,
 * single-step, for COPY, for several statements joined with \;, for a statement with
 * a $n parameter, and for a SELECT when FETCH_COUNT is set.
 */
#ifndef PGC_PIPELINE_H
#define PGC_PIPELINE_H

#include <stdbool.h>

#include "session/session.h"

typedef struct Pipeline Pipeline;

/* for one input source; allowed is false for one that may be a person typing */
Pipeline *pipeline_create(Session *s, bool allowed);
/* drains first */
void pipeline_destroy(Pipeline *p);

/* a statement of the script, with the scanner's SCAN_STMT_* traits; false when it failed, or
 * when an earlier one sent ahead turned out to have failed */
bool pipeline_send(Pipeline *p, const char *query, unsigned traits);
/* waits for everything sent and prints it; false when a statement failed since the last report */
bool pipeline_drain(Pipeline *p);
/* ON_ERROR_STOP: a statement failed; nothing after it ran, and the script must stop */
bool pipeline_stopped(const Pipeline *p);
/* statements sent whose results are not printed yet */
bool pipeline_busy(const Pipeline *p);

/* the -a echo of a line: printed now, or after the results of what is in flight */
void pipeline_echo(Pipeline *p, const char *line);
/* before lexing text: drains when its lexing, or the server's warnings about it, could depend on
 * what a statement in flight changes or on the separator still owed after the last one */
void pipeline_before_text(Pipeline *p, const char *text);
/* before the scanner reads a variable: drains for the ones a statement sets, and for values
 * whose lexing could change */
void pipeline_before_variable(Pipeline *p, const char *name, const char *value);

#endif
