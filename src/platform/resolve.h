/*
 * From an app's name to its database: the API endpoints and SSH gateway (region), the
 * PostgreSQL addon, what the database API says of it (its address and whether it is
 * reachable from the internet), the variable holding the database URL.  The outcome
 * is cached for a few minutes in a private file, so that a console opens without any
 * API call.  Used by platform.c only.
 */
#ifndef PGC_PLATFORM_RESOLVE_H
#define PGC_PLATFORM_RESOLVE_H

#include <stdbool.h>

#include "platform/auth.h"
#include "platform/dbapi.h"
#include "platform/http.h"

typedef struct Resolver {
    const char *app;
    const char *addon;          /* --addon, or NULL */
    const char *env_var;        /* the variable holding the URL, or NULL */
    const char *region;         /* --region or SCALINGO_REGION, or NULL for the default one */
    bool want_features;         /* the path is chosen from the database's features: read them */
    bool want_ca;               /* the caller will ask for the CA file next: fetch it with the database */
    bool refreshing;            /* this resolution does not use the caches */
    char *auth_base;
    char *api_override;         /* SCALINGO_API_URL, without /v1 */
    char *db_override;          /* SCALINGO_DB_URL, without /api */
    HttpClient *http;
    Auth *auth;
    DbApi *db;                  /* the database API of the addon last resolved */
    char *db_key;               /* which addon and endpoints db is for */
} Resolver;

typedef struct Target {
    char *url;                  /* with the password: never printed */
    char *addon_id;
    char *region;
    char *api_base;
    char *db_base;
    char *gateway;              /* the region's SSH gateway ("ssh" of the regions answer), or NULL */
    bool features_known;        /* the database API was asked about the database's features */
    bool internet_accessible;   /* its publicly-available feature is activated */
    bool from_cache;
} Target;

/* the endpoints from the environment and the API token; false after e */
bool resolver_init(Resolver *r, const char *app, const char *addon, const char *env_var, const char *region,
                   bool want_features, PlatformError *e);
/* frees what resolver_init made */
void resolver_free(Resolver *r);

/* the target, from the cache when use_cache and it is fresh; false after e (one line) */
bool resolve_target(Resolver *r, bool use_cache, Target *t, PlatformError *e);
/* whether the database last resolved has its publicly-available feature on, asked now: 1, 0, or -1 when unknown */
int resolve_internet_accessible(Resolver *r);
/* forgets the cached target (its URL stopped working) */
void resolve_forget(Resolver *r);
void target_free(Target *t);

#endif
