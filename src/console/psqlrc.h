/*
 * Startup files, in psql's order: the system psqlrc, then $PSQLRC or ~/.psqlrc
 * (each preferring a -15.N or -15 suffixed variant).
 */
#ifndef PGC_PSQLRC_H
#define PGC_PSQLRC_H

#include "console/options.h"
#include "session/session.h"

void psqlrc_load_all(Session *s, const Options *opts);

#endif
