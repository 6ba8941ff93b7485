/*
 * The JWT that the regional APIs take: exchanged for the API token at the auth API
 * (Basic auth, empty user name), cached until 5 minutes before it expires, and
 * exchanged anew when the API refuses it.
 */
#ifndef PGC_PLATFORM_AUTH_H
#define PGC_PLATFORM_AUTH_H

#include "platform/api.h"
#include "platform/credentials.h"
#include "platform/http.h"

typedef struct Auth Auth;

/* takes over token */
Auth *auth_create(HttpClient *http, const char *auth_base, ApiToken *token);
void auth_destroy(Auth *a);
const char *auth_base(const Auth *a);
/* a digest of the API token, to key caches by who is asking without writing the token down */
const char *auth_token_key(const Auth *a);
/* a TokenFn: the JWT from memory or the cache, or a new one (always a new one when refresh) */
const char *auth_jwt(void *auth, bool refresh, PlatformError *e);
/* a token source for the regional and auth APIs */
TokenSource auth_source(Auth *a);

#endif
