/*
 * The platform's regions, from the auth API (cached for a few minutes): which one to
 * use (--region, SCALINGO_REGION, else the one marked default), its API hosts and its
 * SSH gateway.
 */
#ifndef PGC_PLATFORM_REGIONS_H
#define PGC_PLATFORM_REGIONS_H

#include <stdbool.h>

#include "platform/api.h"
#include "platform/auth.h"

typedef struct Region {
    char *name;
    char *display_name;
    char *api;              /* base URL of the regional API, without /v1 */
    char *database_api;     /* base URL of the database API, without /api */
    char *ssh;              /* the SSH gateway, "host:port"; NULL when the answer has none */
    bool is_default;
} Region;

typedef struct RegionList {
    Region *items;
    int count;
} RegionList;

bool regions_load(HttpClient *http, Auth *auth, RegionList *out, PlatformError *e);
void regions_free(RegionList *list);
/* the region named wanted, or the default one when wanted is NULL; NULL after e listing the known ones */
const Region *regions_pick(const RegionList *list, const char *wanted, PlatformError *e);
/* the known names, comma-separated, for messages */
char *regions_names(const RegionList *list, const char *except);

#endif
