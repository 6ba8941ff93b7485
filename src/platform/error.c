#include "platform/error.h"

#include <stdlib.h>
#include <string.h>

void platform_error_set(PlatformError *e, char *message)
{
    free(e->message);
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
