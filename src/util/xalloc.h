/* Allocation that never returns NULL: running out of memory ends the program with psql's message and exit code. */
#ifndef PGC_XALLOC_H
#define PGC_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* a newly allocated, formatted string */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
