/*
 * Ctrl-C: while a query runs, SIGINT sends a cancel request to the server; at any
 * time it raises a flag that loops check.  The signal handler only touches state
 * prepared here in advance, so it stays async-signal-safe.
 */
#ifndef PGC_CANCEL_H
#define PGC_CANCEL_H

#include <libpq-fe.h>
#include <stdbool.h>

void cancel_install_handler(void);
/* the connection a Ctrl-C should cancel from now on; NULL for none */
void cancel_set_conn(PGconn *conn);
void cancel_reset_conn(void);
bool cancel_was_pressed(void);
void cancel_clear(void);

#endif
