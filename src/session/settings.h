/* psql's special variables (AUTOCOMMIT, ECHO, VERBOSITY, ...) and their defaults. */
#ifndef PGC_SETTINGS_H
#define PGC_SETTINGS_H

#include "session/session.h"

/* installs the hooks that keep the session's settings in step with its variables */
void settings_install(Session *s);

#endif
