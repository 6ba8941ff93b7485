/*
 * From an app's name to its database: the API endpoints (region), the PostgreSQL
 * addon, the variable holding the database URL.  The outcome is cached for a few
 * minutes in a private file, so that a console opens without any API call.
 */
#ifndef PGC_PLATFORM_RESOLVE_H
#define PGC_PLATFORM_RESOLVE_H

#include <stdbool.h>

#include "platform/auth.h"
#include "platform/http.h"

typedef struct Resolver {
    const char *app;
    const char *addon;          /* --addon, or NULL */
    const char *env_var;        /* the variable holding the URL */
    const char *region;         /* --region or SCALINGO_REGION, or NULL for the default one */
    char *auth_base;
    char *api_override;         /* SCALINGO_API_URL, without /v1 */
    char *db_override;          /* SCALINGO_DB_URL, without /api */
    HttpClient *http;
    Auth *auth;
} Resolver;

typedef struct Target {
    char *url;                  /* with the password: never printed */
    char *addon_id;
    char *region;
    char *api_base;
    char *db_base;
    bool from_cache;
} Target;

/* the endpoints from the environment and the API token; false with *err */
bool resolver_init(Resolver *r, const char *app, const char *addon, const char *env_var, const char *region,
                   char **err);
/* frees what resolver_init made, except the http client and auth when taken (set to NULL) */
void resolver_free(Resolver *r);

/* the target, from the cache when use_cache and it is fresh; false with *err (one line) */
bool resolve_target(Resolver *r, bool use_cache, Target *t, char **err);
/* forgets the cached target (its URL stopped working) */
void resolve_forget(Resolver *r);
void target_free(Target *t);

#endif
