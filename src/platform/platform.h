/*
 * Connecting to an app's database by the app's name (--app): the token, the JWT, the
 * region, the app's PostgreSQL addon and database URL, the platform's CA, then libpq
 * with sslmode=verify-full.  What was resolved stays in the session's PlatformContext
 * for \conninfo, the prompt variables and the commands that use the database API.
 */
#ifndef PGC_PLATFORM_PLATFORM_H
#define PGC_PLATFORM_PLATFORM_H

#include <stdbool.h>

#include "console/options.h"
#include "session/session.h"
#include "platform/auth.h"
#include "platform/dbapi.h"
#include "platform/http.h"

struct PlatformContext {
    char *app;
    char *region;
    char *addon_id;
    char *masked_url;   /* the database URL with its password masked */
    char *sslmode;
    char *host;         /* where the URL points, to tell whether \connect went elsewhere since */
    char *port;
    char *dbname;
    HttpClient *http;   /* kept, with its open connections, for later API calls */
    Auth *auth;
    DbApi *db;          /* the addon's database API */
};

/* -1 when the platform options make sense together, else the exit code after one error line */
int platform_check_options(const Options *o);
/* resolves o->app and connects through connect_initial(); false after one error line */
bool platform_connect(Session *s, const Options *o);
void platform_context_free(PlatformContext *p);
/* the lines \conninfo adds for a platform session */
void platform_print_conninfo(Session *s);

#endif
