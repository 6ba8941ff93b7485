#include "platform/error.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/*
 * Messages quote what the API answered (region names, addon ids, error texts): a
 * control character in them could drive the user's terminal, so each becomes '?'.
 */
static void neutralize_controls(char *text)
{
    for (unsigned char *p = (unsigned char *)text; p && *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = '?';
}

char *platform_printable(const char *text)
{
    char *copy = xstrdup(text ? text : "");
    neutralize_controls(copy);
    return copy;
}

void platform_error_set(PlatformError *e, char *message)
{
    free(e->message);
    neutralize_controls(message);
    e->message = message;
}

char *platform_error_take(PlatformError *e)
{
    char *message = e->message;
    e->message = NULL;
    platform_error_free(e);
    return message;
}

void platform_error_free(PlatformError *e)
{
    free(e->message);
    free(e->resource);
    memset(e, 0, sizeof(*e));
}
