/* From parsed options to a finished run: connect, read startup files, then run the actions or the console. */
#ifndef PGC_STARTUP_H
#define PGC_STARTUP_H

#include "console/options.h"
#include "session/session.h"

int startup_run(Session *s, Options *opts);

#endif
