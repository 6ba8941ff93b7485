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
#include "platform/apps.h"
#include "platform/auth.h"
#include "platform/json_map.h"

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

/* "unexpected answer from the Scalingo database API to METHOD URL: PROBLEM" (problem may be e->message) */
void dbapi_shape_error(const DbApi *db, const char *method, const char *path, const char *problem,
                       PlatformError *e);

/*
 * The member of an answer (doc, from dbapi_call, freed here) mapped into out with
 * fields; false after e, an answer of the wrong shape named by its method and path.
 */
bool dbapi_map_answer(DbApi *db, json_t *doc, const char *method, const char *path, const char *member,
                      const JmField *fields, void *out, PlatformError *e);
/* GET path, then its member mapped as dbapi_map_answer does */
bool dbapi_get_object(DbApi *db, const char *path, const char *member, const JmField *fields, void *out,
                      PlatformError *e);
/* GET path, then its member, an array, mapped into *count items of size bytes (jm_map_array) */
bool dbapi_get_array(DbApi *db, const char *path, const char *member, const JmField *fields, size_t size,
                     void **items, int *count, PlatformError *e);

/* the app and the addon this API serves */
const char *dbapi_app(const DbApi *db);
const char *dbapi_addon_id(const DbApi *db);
/* the regional API about the same app, with the user's token (plans, plan changes) */
AppClient dbapi_app_client(const DbApi *db);

/*
 * Streams a pre-signed URL (a backup archive) to d->fd: a plain GET without an
 * Authorization header, never shown beyond its origin in messages.  True with the
 * bytes written in *written; false after e.
 */
bool dbapi_download(DbApi *db, const char *url, const HttpDownload *d, long long *written, PlatformError *e);

/*
 * The path of a file holding the platform CA that signs database certificates: the
 * cached one (*from_cache set), else fetched (always when refresh) and cached.
 */
char *dbapi_ca_file(DbApi *db, bool refresh, bool *from_cache, PlatformError *e);
/*
 * The database's description and (ca, unless cached and not refresh_ca) the CA certificate,
 * asked for at once, with the addon token fetched first, ahead of dbapi_call(db, "GET", "")
 * and dbapi_ca_file; false after e when the addon token cannot be had
 */
bool dbapi_prefetch(DbApi *db, bool database, bool ca, bool refresh_ca, PlatformError *e);

#endif
