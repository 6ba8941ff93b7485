/*
 * The platform arguments of a command line (--app and its companions), as the console's
 * options and the tunnel's keep them, for platform_resolve (platform/platform.h).
 */
#ifndef PGC_PLATFORM_ARGS_H
#define PGC_PLATFORM_ARGS_H

#include <stdbool.h>

/* how to reach the database: AUTO chooses from its publicly-available feature */
typedef enum PlatformVia { PLATFORM_VIA_AUTO, PLATFORM_VIA_DIRECT, PLATFORM_VIA_SSH } PlatformVia;

/* all zero means no --app and the defaults */
typedef struct PlatformArgs {
    const char *app;
    const char *region;     /* NULL: SCALINGO_REGION, else the platform's default region */
    const char *addon;      /* an addon id or resource id; NULL when the app has one PostgreSQL addon */
    const char *env_var;    /* the variable holding the URL; NULL: SCALINGO_POSTGRESQL_URL or the addon's own */
    const char *sslmode;    /* NULL: verify-full */
    PlatformVia via;
    bool refresh;           /* ignore the cached app details and CA (the fresh ones are cached again) */
} PlatformArgs;

#endif
