/*
 * Database URLs as the platform writes them (postgres://, postgresql:// and
 * postgis://USER:PASSWORD@HOST:PORT/DBNAME?PARAMS) parsed into libpq's keywords, and
 * shown with the password masked.  Messages about a URL never quote its password.
 */
#ifndef PGC_PLATFORM_URL_H
#define PGC_PLATFORM_URL_H

#include <stdbool.h>

#include "platform/error.h"

enum { PGURL_MAX_PARAMS = 16 };

typedef struct PgUrl {
    char *user;
    char *password;
    char *host;
    char *port;
    char *dbname;
    int nparams;
    char *keys[PGURL_MAX_PARAMS];   /* the query string's parameters, decoded */
    char *values[PGURL_MAX_PARAMS];
    char *masked;                   /* the URL as given, its password replaced by "****" */
} PgUrl;

/* false after e (which quotes nothing of the URL) when text is not such a URL */
bool pgurl_parse(const char *text, PgUrl *out, PlatformError *e);
/* frees the fields, wiping the password first */
void pgurl_free(PgUrl *u);
/* the value of a query parameter, or NULL */
const char *pgurl_param(const PgUrl *u, const char *key);
/*
 * Whether the URL points at address, the database API's "hostname": "host:port" (a
 * URL without a port means 5432), or a bare host name, which matches any port.
 */
bool pgurl_at_address(const PgUrl *u, const char *address);
/* any URL-like text with the password of its user-info part masked, for messages */
char *pgurl_mask(const char *text);

#endif
