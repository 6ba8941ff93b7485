/* FETCH_COUNT: a SELECT run through a cursor and printed in chunks. */
#ifndef PGC_CURSOR_H
#define PGC_CURSOR_H

#include <stdbool.h>

#include "session/session.h"

bool cursor_run_query(Session *s, const PendingQuery *pq, const char *query, double *elapsed_msec);

#endif
