/*
 * Short-lived bearer tokens (the JWT of the auth API, the addon tokens of the
 * database API) kept in memory and in private cache files until shortly before they
 * expire, their expiry read from the JWT's exp claim.
 */
#ifndef PGC_PLATFORM_TOKEN_CACHE_H
#define PGC_PLATFORM_TOKEN_CACHE_H

#include <stdbool.h>

/* the latest expiry believed (9999-12-31T23:59:59Z): later claims are taken as this */
#define JWT_EXPIRY_MAX 253402300799LL

/*
 * The exp claim of a JWT (seconds since the epoch, at most JWT_EXPIRY_MAX), or 0 when it
 * has none, does not decode or lies before the epoch.
 */
long long jwt_expiry(const char *jwt);

/*
 * A bearer token kept in memory and in a private cache file, named by a cache_key: the
 * file is read back while the token has more than min_left seconds to live, by its exp
 * claim or, for an opaque token, by the file's age against assumed_life (0: an opaque
 * token is kept for this run only).  Memory is wiped whenever a token goes.
 */
typedef struct CachedToken {
    char *value;
    char *name;
    long min_left;
    long assumed_life;
} CachedToken;

/* takes name */
void cached_token_init(CachedToken *t, char *name, long min_left, long assumed_life);
/* the token in memory, else the cached one; NULL when there is none (always, after dropping both, when refresh) */
const char *cached_token_get(CachedToken *t, bool refresh);
/* keeps a token fresh from the API (taken; NULL keeps nothing) and caches it while it lives long enough */
const char *cached_token_set(CachedToken *t, char *token);
void cached_token_free(CachedToken *t);

#endif
