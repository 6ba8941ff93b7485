/*
 * Memory that is wiped when it is freed, for the libraries that hold what the platform
 * sends (jansson's parsed answers, libcurl's buffers): a token or a database password
 * in a freed block would otherwise stay readable in the heap for the rest of the run.
 * The functions have the C library's signatures, to be handed to those libraries.
 */
#ifndef PGC_UTIL_WIPE_H
#define PGC_UTIL_WIPE_H

#include <stddef.h>

/* frees p after overwriting all of its block with zeros */
void wipe_free(void *p);
/* as realloc(3), but a block that moves is wiped before it is freed */
void *wipe_realloc(void *p, size_t size);
/* as strdup(3), its copy to be freed with wipe_free */
char *wipe_strdup(const char *s);
/* overwrites len bytes at p with zeros, then frees p (NULL is fine) */
void wipe_and_free(void *p, size_t len);

#endif
