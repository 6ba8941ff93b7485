/*
 * Where the Scalingo API token comes from: SCALINGO_API_TOKEN, else the token the
 * official CLI stored at "scalingo login" in ~/.config/scalingo/auth, under the host
 * name of the auth URL.
 */
#ifndef PGC_PLATFORM_CREDENTIALS_H
#define PGC_PLATFORM_CREDENTIALS_H

#include <stdbool.h>

#include "platform/error.h"

typedef struct ApiToken {
    char *token;
    char *source;   /* for messages: "SCALINGO_API_TOKEN" or the auth file's path */
} ApiToken;

/*
 * Moves SCALINGO_API_TOKEN out of the environment into this process's memory, so that
 * no child (pager, editor, \!, \copy ... program, ssh) inherits it; credentials_find
 * reads the captured copy.  main() calls it first; later calls do nothing.
 */
void credentials_capture_environment(void);

/* false after e, saying how to log in, when there is no usable token */
bool credentials_find(const char *auth_base, ApiToken *out, PlatformError *e);
void credentials_free(ApiToken *t);

#endif
