/* \gdesc: the result columns of a statement, without running it. */
#ifndef PGC_DESCRIBE_QUERY_H
#define PGC_DESCRIBE_QUERY_H

#include <stdbool.h>

#include "session/session.h"

bool describe_query(Session *s, const char *query, double *elapsed_msec);

#endif
