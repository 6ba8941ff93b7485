/* Listing commands that are also command-line options: \l (and -l). */
#ifndef PGC_DESCRIBE_DATABASES_H
#define PGC_DESCRIBE_DATABASES_H

#include <stdbool.h>

#include "session/session.h"

/* \l[+] [PATTERN] */
bool describe_list_databases(Session *s, const char *pattern, bool verbose);

/* \lo_list[+] and \dl[+] */
bool describe_large_objects(Session *s, bool verbose);

#endif
