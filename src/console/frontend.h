/* The console's side of session/frontend.h: what it lends the layers below it. */
#ifndef PGC_CONSOLE_FRONTEND_H
#define PGC_CONSOLE_FRONTEND_H

#include "session/session.h"

/* gives the session the console's callbacks and the destructors of what the console hangs on it */
void frontend_attach(Session *s);

#endif
