/*
 * The platform's regions, from the auth API (cached for a few minutes): which one to
 * use (--region, SCALINGO_REGION, else the one marked default) and its API hosts.
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
    bool is_default;
} Region;

typedef struct RegionList {
    Region *items;
    int count;
} RegionList;

bool regions_load(HttpClient *http, Auth *auth, RegionList *out, ApiError *e);
void regions_free(RegionList *list);
/* the region named wanted, or the default one when wanted is NULL; NULL with *err listing the known ones */
const Region *regions_pick(const RegionList *list, const char *wanted, char **err);
/* the known names, comma-separated, for messages */
char *regions_names(const RegionList *list, const char *except);

#endif
