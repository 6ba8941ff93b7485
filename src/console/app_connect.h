/*
 * --app in the console: checks the platform options against psql's connection options,
 * connects through the platform resolver with libpq, and adopts what was resolved into
 * the session (the PlatformContext, :APP, :REGION and :ADDON_ID).
 */
#ifndef PGC_CONSOLE_APP_CONNECT_H
#define PGC_CONSOLE_APP_CONNECT_H

#include <stdbool.h>

#include "console/options.h"
#include "session/session.h"

/* -1 when the platform options make sense together, else the exit code after one error line */
int app_connect_check_options(const Options *o);
/* resolves o->platform.app and connects with connect_initial(); false after one error line */
bool app_connect(Session *s, const Options *o);

#endif
