/*
 * An app on the regional API: its variables (aliases resolved), its addons, and the
 * token of an addon for the database API.
 */
#ifndef PGC_PLATFORM_APPS_H
#define PGC_PLATFORM_APPS_H

#include <stdbool.h>

#include "platform/api.h"
#include "platform/auth.h"

typedef struct AppVariable {
    char *name;
    char *value;
} AppVariable;

typedef struct Addon {
    char *id;               /* ad-..., the database id of the database API */
    char *resource_id;
    char *status;
    char *plan_name;
    char *provider_id;
    char *provider_name;
} Addon;

typedef struct AppClient {
    HttpClient *http;
    Auth *auth;
    const char *api_base;   /* the regional API, without /v1 */
} AppClient;

bool apps_variables(AppClient *c, const char *app, AppVariable **vars, int *count, PlatformError *e);
void apps_variables_free(AppVariable *vars, int count);
bool apps_addons(AppClient *c, const char *app, Addon **addons, int *count, PlatformError *e);
void apps_addons_free(Addon *addons, int count);
/* a bearer token for the database API, for this addon only; NULL after filling e */
char *apps_addon_token(AppClient *c, const char *app, const char *addon_id, PlatformError *e);
/* whether the addon is a PostgreSQL one (provider postgresql / PostgreSQL, or an accepted alias) */
bool addon_is_postgresql(const Addon *a);

#endif
