/*
 * pgconsole's prompt addition for platform sessions: APP_PROMPT holds the app
 * (and region) to show in front of psql's prompt, in a warning colour when the
 * app looks like production.  psqlrc.d/10-prompt.psqlrc puts it in PROMPT1/2.
 */
#ifndef PGC_APP_PROMPT_H
#define PGC_APP_PROMPT_H

#include <stdbool.h>

#include "session/session.h"

/* sets APP_PROMPT from APP and REGION, unless the user already chose a prompt of their own */
void app_prompt_setup(Session *s);
/* production-looking names: prod, production, prd or live as a dash/underscore-separated word */
bool app_looks_like_production(const char *app);
/* colour is off for NO_COLOR, TERM=dumb and output that is not a terminal */
bool app_prompt_use_colour(void);

#endif
