#include "util/wipe.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/*
 * The block's real size comes from the allocator (glibc and musl both answer
 * malloc_usable_size), so that no size needs to be stored beside each block and a
 * block from plain malloc can be freed here, and one from here by plain free.
 */
static size_t block_size(void *p)
{
    return malloc_usable_size(p);
}

void wipe_free(void *p)
{
    if (!p)
        return;
    explicit_bzero(p, block_size(p));
    free(p);
}

void *wipe_realloc(void *p, size_t size)
{
    if (!p)
        return malloc(size);
    if (size == 0) {
        wipe_free(p);
        return NULL;
    }
    size_t old = block_size(p);
    if (size <= old)
        return p;
    /* never realloc(3): a block it moves is freed as it was, secrets included */
    void *moved = malloc(size);
    if (!moved)
        return NULL;
    memcpy(moved, p, old);
    wipe_free(p);
    return moved;
}

char *wipe_strdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

void wipe_and_free(void *p, size_t len)
{
    if (!p)
        return;
    explicit_bzero(p, len);
    free(p);
}
