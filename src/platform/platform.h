/*
 * An app's database by the app's name, without a console: the platform arguments
 * (--app and its companions) in; out, what a connection needs (host, port, user,
 * password, database, libpq parameters, the platform's CA) and the path to it, direct
 * or through the region's SSH gateway.  The caller dials; when details that came from
 * the cache fail, they are resolved afresh and dialled once more if anything changed.
 * The console (console/app_connect.c) and the tunnel both connect through
 * platform_resolve.  What a console session keeps afterwards is a PlatformContext.
 */
#ifndef PGC_PLATFORM_PLATFORM_H
#define PGC_PLATFORM_PLATFORM_H

#include <stdbool.h>

#include "platform/args.h"
#include "platform/dbapi.h"
#include "platform/error.h"
#include "platform/url.h"

typedef enum PlatformPath { PLATFORM_PATH_DIRECT, PLATFORM_PATH_SSH } PlatformPath;

typedef struct PlatformTarget {
    /* libpq's keywords, from the app's database URL */
    char *host;
    char *port;
    char *user;
    char *password;
    char *dbname;
    char *sslmode;
    char *ca_file;              /* the platform's CA (sslrootcert) for verify-ca and verify-full, else NULL */
    int nparams;                /* the URL's other parameters that libpq knows, to pass on */
    char *param_keys[PGURL_MAX_PARAMS];
    char *param_values[PGURL_MAX_PARAMS];
    /* the path: chosen from PlatformArgs.via and the database's features */
    PlatformPath path;
    char *gateway;              /* the region's SSH gateway, "host:port" (SCALINGO_SSH_HOST wins); NULL if unknown */
    bool features_known;        /* whether the database API was asked (not when via forces the path) */
    bool internet_accessible;   /* the database's publicly-available feature is activated */
    /* what it is, for messages, banners and \conninfo */
    char *app;
    char *region;
    char *addon_id;
    char *masked_url;           /* the database URL with its password masked */
    bool from_cache;
} PlatformTarget;

/* connects to t however the caller does (libpq, the tunnel's dialer); false after saying why */
typedef bool (*PlatformDialFn)(void *ctx, const PlatformTarget *t);

typedef enum PlatformOutcome {
    PLATFORM_CONNECTED,         /* resolved, and dialled when there was a dial function */
    PLATFORM_DIAL_FAILED,       /* resolved, but the dial failed (it said why) */
    PLATFORM_UNRESOLVED,        /* the APIs did not give a target: e says why */
} PlatformOutcome;

typedef struct PlatformClient PlatformClient;

/* whether the arguments make sense together (companions without --app, an empty app, --sslmode); false after e */
bool platform_args_check(const PlatformArgs *a, PlatformError *e);

/* the API token and endpoints for the arguments (copied); no API call yet; NULL after e */
PlatformClient *platform_client_create(const PlatformArgs *a, PlatformError *e);
void platform_client_destroy(PlatformClient *c);

/*
 * Resolves the arguments to a target (from the cache unless refresh) and, when dial is
 * not NULL, dials it; when a dial with cached details fails, resolves afresh and dials
 * once more if the URL, the CA or the path changed.  On PLATFORM_CONNECTED *out holds
 * the target (free it with platform_target_free); else *out is empty.  Call it at
 * every dial: the caches keep it free of API calls while the details are fresh.
 */
PlatformOutcome platform_resolve(PlatformClient *c, PlatformDialFn dial, void *ctx, PlatformTarget *out,
                                 PlatformError *e);
/* frees the fields, wiping the password first */
void platform_target_free(PlatformTarget *t);

/*
 * The next platform_resolve ignores the cached details and CA (and caches what it
 * finds): for a caller that dials by itself and saw a dial fail (the tunnel).
 */
void platform_client_forget(PlatformClient *c);

/* the database API of the addon last resolved (owned by c, valid until the next platform_resolve), or NULL */
DbApi *platform_client_dbapi(PlatformClient *c);

/* "direct" or "ssh" */
const char *platform_path_name(PlatformPath path);

/*
 * Whether the database of t is reachable from the internet (publicly-available): from
 * t when the resolution read its features, else asked of the database API now (for a
 * message after --via direct failed).  1, 0, or -1 when it cannot be told.
 */
int platform_client_internet_accessible(PlatformClient *c, const PlatformTarget *t);

/*
 * What a console session keeps of its platform connection: the client, whose HTTP
 * connections and tokens serve later API calls, and what it connected to, without the
 * password.
 */
typedef struct PlatformContext {
    PlatformClient *client;
    DbApi *db;                  /* the addon's database API, owned by client */
    char *app;
    char *region;
    char *addon_id;
    char *masked_url;
    char *sslmode;
    char *host;                 /* where the URL points, to tell whether \connect went elsewhere since */
    char *port;
    char *dbname;
    PlatformPath path;
    char *gateway;              /* the SSH gateway ("host:port") of the ssh path, else NULL */
    bool features_known;        /* the path was chosen from the database's features, not forced by --via */
    bool internet_accessible;
    char *dial_port;            /* the port libpq dialled: the forward's on 127.0.0.1 for the ssh path (the
                                   console sets it), else NULL (the URL's port) */
} PlatformContext;

/* takes client */
PlatformContext *platform_context_create(PlatformClient *client, const PlatformTarget *t);
void platform_context_destroy(PlatformContext *p);
/*
 * The path, for the banner and \conninfo, to follow "Connected ": "through the SSH gateway
 * HOST:PORT (Internet Accessibility is off)", "directly (--via direct)"... (malloc'd)
 */
char *platform_path_text(const PlatformContext *p);

#endif
