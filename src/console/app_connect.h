/*
 * --app in the console: checks the platform options against psql's connection options,
 * connects through the platform resolver with libpq (over the SSH gateway's leg when
 * the path says so), and adopts what was resolved into the session (the
 * PlatformContext, the leg and its reset hook, :APP, :REGION and :ADDON_ID).
 */
#ifndef PGC_CONSOLE_APP_CONNECT_H
#define PGC_CONSOLE_APP_CONNECT_H

#include <stdbool.h>

#include "console/options.h"
#include "session/session.h"

/* -1 when the platform options make sense together, else the exit code after one error line */
int app_connect_check_options(const Options *o);
/*
 * resolves o->platform.app and connects with connect_initial(), directly or through the
 * region's SSH gateway (the session keeps the SSH leg); false after one error line
 */
bool app_connect(Session *s, const Options *o);
/* the banner's line for the path: "Connected through the SSH gateway ..." */
void app_connect_print_path(Session *s);

#endif
