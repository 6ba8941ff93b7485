/*
 * The database API of one PostgreSQL addon ({database_api}/api/databases/{addon id}),
 * with the addon's own bearer token (fetched from the regional API, cached for less
 * than its hour of life, renewed on a 401).  Console commands that show or change the
 * database (stats, users, backups, PITR, running queries) go through dbapi_call.
 */
#ifndef PGC_PLATFORM_DBAPI_H
#define PGC_PLATFORM_DBAPI_H

#include <jansson.h>
#include <stdbool.h>

#include "platform/api.h"
#include "platform/auth.h"

typedef struct DbApi DbApi;

/* api_base: the regional API (for the addon token); db_base: the database API, without /api */
DbApi *dbapi_create(HttpClient *http, Auth *auth, const char *api_base, const char *db_base, const char *app,
                    const char *addon_id);
void dbapi_destroy(DbApi *db);

/*
 * method on {db_base}/api/databases/{addon id}{path} (path "" for the database itself,
 * else starting with '/', with its query string); the JSON of a 2xx answer, or NULL
 * after filling e.  retry_safe for calls that may be repeated after a 5xx or a timeout.
 */
json_t *dbapi_call(DbApi *db, const char *method, const char *path, const char *body, bool retry_safe,
                   PlatformError *e);

/*
 * The path of a file holding the platform CA that signs database certificates: the
 * cached one (*from_cache set), else fetched (always when refresh) and cached.
 */
char *dbapi_ca_file(DbApi *db, bool refresh, bool *from_cache, PlatformError *e);

#endif
