/*
 * Short-lived bearer tokens (the JWT of the auth API, the addon tokens of the
 * database API) kept in private cache files until shortly before they expire, their
 * expiry read from the JWT's exp claim.
 */
#ifndef PGC_PLATFORM_TOKEN_CACHE_H
#define PGC_PLATFORM_TOKEN_CACHE_H

#include <stdbool.h>

/* the exp claim of a JWT (seconds since the epoch), or 0 when it has none or does not decode */
long long jwt_expiry(const char *jwt);

/*
 * The token cached under name (a cache_key), when the file is private and the token
 * has more than min_left seconds to live: by its exp claim, or, for an opaque token,
 * by the file's age against assumed_life; else NULL.
 */
char *token_cache_load(const char *name, long min_left, long assumed_life);
/* caches token under name; quietly does nothing when the cache directory is unusable */
void token_cache_store(const char *name, const char *token);
void token_cache_drop(const char *name);

#endif
