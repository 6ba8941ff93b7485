#include "console/frontend.h"

#include "console/complete.h"
#include "console/input.h"
#include "console/lineedit.h"
#include "console/mainloop.h"
#include "console/options.h"
#include "console/prompt.h"
#include "console/psqlrc_trust.h"
#include "platform/platform.h"
#include "session/frontend.h"

static int history_length(void)
{
    return lineedit_enabled() ? lineedit_history_count() : -1;
}

static const FrontEnd console_frontend = {
    .ask = input_prompt_line,
    .read_line = input_read_line,
    .expand_prompt = prompt_expand,
    .run_file = psqlrc_trust_run_include,
    .history_length = history_length,
    .history_write = lineedit_print_history,
    .print_usage = options_print_usage,
};

void frontend_attach(Session *s)
{
    s->frontend = &console_frontend;
    s->free_completion_cache = complete_reset_cache;
    s->free_platform = platform_context_destroy;
}
