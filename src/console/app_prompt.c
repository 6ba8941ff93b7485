#include "console/app_prompt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/strbuf.h"

#define DEFAULT_PROMPT "%/%R%x%# "

bool app_looks_like_production(const char *app)
{
    static const char *const words[] = {"prod", "production", "prd", "live"};
    const char *p = app;
    while (*p) {
        size_t len = strcspn(p, "-_.");
        for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
            if (len == strlen(words[i]) && strncasecmp(p, words[i], len) == 0)
                return true;
        p += len;
        if (*p)
            p++;
    }
    return false;
}

bool app_prompt_use_colour(void)
{
    const char *no_colour = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (no_colour && *no_colour)
        return false;
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(stdout)) != 0;
}

void app_prompt_setup(Session *s)
{
    const char *app = vars_get(s->vars, "APP");
    const char *p1 = vars_get(s->vars, "PROMPT1");
    if (!app || !p1 || strcmp(p1, DEFAULT_PROMPT) != 0) {
        vars_set(s->vars, "APP_PROMPT", NULL);
        return;
    }
    const char *region = vars_get(s->vars, "REGION");
    StrBuf text = STRBUF_INIT;
    bool warn = app_looks_like_production(app) && app_prompt_use_colour();
    /* \001 and \002 tell the line editor that the colour codes take no room */
    if (warn)
        sb_append(&text, "\001\033[1;31m\002");
    sb_append(&text, app);
    if (warn)
        sb_append(&text, "\001\033[0m\002");
    if (region && *region)
        sb_printf(&text, " (%s)", region);
    sb_append_char(&text, ' ');
    vars_set(s->vars, "APP_PROMPT", sb_str(&text));
    sb_free(&text);
}
