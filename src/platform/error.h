/*
 * The one way platform/ reports a failure: a PlatformError filled by the function that
 * failed (which returns false or NULL), holding one line ready to print that never
 * quotes a secret, and what a caller may act upon: the HTTP status, the resource of a
 * 404, whether Ctrl-C stopped it.
 */
#ifndef PGC_PLATFORM_ERROR_H
#define PGC_PLATFORM_ERROR_H

#include <stdbool.h>

typedef struct PlatformError {
    long status;        /* the HTTP status of the answer that failed, 0 when none came */
    bool cancelled;     /* Ctrl-C stopped the request or the wait */
    char *message;      /* one line; NULL while nothing failed */
    char *resource;     /* the "resource" of a 404 body */
} PlatformError;

/* replaces the message (taking message, e.g. from xasprintf), keeping the other fields */
void platform_error_set(PlatformError *e, char *message);
/* a copy of text from the API fit for a terminal: each control character becomes '?' */
char *platform_printable(const char *text);
/* the message, handed over; e is left empty */
char *platform_error_take(PlatformError *e);
/* frees what e holds and leaves it empty, ready for another call */
void platform_error_free(PlatformError *e);

#endif
