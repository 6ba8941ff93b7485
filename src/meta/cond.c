/*
 * \if, \elif, \else, \endif.  A skipped branch still feeds the scanner (so quotes
 * and statement ends are tracked) but whatever it added to the query buffer is
 * thrown away when the branch ends.
 */
#include <stdlib.h>

#include "meta/commands.h"
#include "util/log.h"
#include "util/strbuf.h"

static void save_query_state(MetaContext *ctx)
{
    if (ctx->query_buf)
        cond_set_query_len(ctx->cond, ctx->query_buf->len);
    cond_set_paren_depth(ctx->cond, scanner_paren_depth(ctx->scan));
}

static void discard_query_text(MetaContext *ctx)
{
    if (ctx->query_buf)
        sb_truncate(ctx->query_buf, cond_query_len(ctx->cond));
    scanner_set_paren_depth(ctx->scan, cond_paren_depth(ctx->cond));
}

/* the arguments joined by spaces, read as a boolean */
static bool true_expression(MetaContext *ctx, const char *what)
{
    StrBuf expr = STRBUF_INIT;
    char *arg;
    int n = 0;
    while ((arg = meta_arg(ctx, OT_NORMAL, NULL, false)) != NULL) {
        if (n++ > 0)
            sb_append_char(&expr, ' ');
        sb_append(&expr, arg);
        free(arg);
    }
    bool value = false;
    bool ok = parse_bool_value(sb_str(&expr), what, &value);
    sb_free(&expr);
    return ok && value;
}

static void ignore_expression(MetaContext *ctx)
{
    meta_skip_args(ctx, SKIP_OPTIONS);
}

static MetaResult cmd_if(MetaContext *ctx)
{
    if (cond_active(ctx->cond)) {
        /* push first, so that the expression's variables and backticks are evaluated */
        cond_push(ctx->cond, IFSTATE_TRUE);
        save_query_state(ctx);
        if (!true_expression(ctx, "\\if expression"))
            cond_set_state(ctx->cond, IFSTATE_FALSE);
    } else {
        cond_push(ctx->cond, IFSTATE_IGNORED);
        save_query_state(ctx);
        ignore_expression(ctx);
    }
    return META_SKIP_LINE;
}

static MetaResult cmd_elif(MetaContext *ctx)
{
    switch (cond_state(ctx->cond)) {
    case IFSTATE_TRUE:
        save_query_state(ctx);
        cond_set_state(ctx->cond, IFSTATE_IGNORED);
        ignore_expression(ctx);
        break;
    case IFSTATE_FALSE:
        discard_query_text(ctx);
        cond_set_state(ctx->cond, IFSTATE_TRUE);
        if (!true_expression(ctx, "\\elif expression"))
            cond_set_state(ctx->cond, IFSTATE_FALSE);
        break;
    case IFSTATE_IGNORED:
        discard_query_text(ctx);
        ignore_expression(ctx);
        break;
    case IFSTATE_ELSE_TRUE:
    case IFSTATE_ELSE_FALSE:
        log_error("\\elif: cannot occur after \\else");
        return META_ERROR;
    case IFSTATE_NONE:
        log_error("\\elif: no matching \\if");
        return META_ERROR;
    }
    return META_SKIP_LINE;
}

static MetaResult cmd_else(MetaContext *ctx)
{
    switch (cond_state(ctx->cond)) {
    case IFSTATE_TRUE:
        save_query_state(ctx);
        cond_set_state(ctx->cond, IFSTATE_ELSE_FALSE);
        break;
    case IFSTATE_FALSE:
        discard_query_text(ctx);
        cond_set_state(ctx->cond, IFSTATE_ELSE_TRUE);
        break;
    case IFSTATE_IGNORED:
        discard_query_text(ctx);
        cond_set_state(ctx->cond, IFSTATE_ELSE_FALSE);
        break;
    case IFSTATE_ELSE_TRUE:
    case IFSTATE_ELSE_FALSE:
        log_error("\\else: cannot occur after \\else");
        return META_ERROR;
    case IFSTATE_NONE:
        log_error("\\else: no matching \\if");
        return META_ERROR;
    }
    return META_SKIP_LINE;
}

static MetaResult cmd_endif(MetaContext *ctx)
{
    switch (cond_state(ctx->cond)) {
    case IFSTATE_TRUE:
    case IFSTATE_ELSE_TRUE:
        cond_pop(ctx->cond);
        break;
    case IFSTATE_FALSE:
    case IFSTATE_IGNORED:
    case IFSTATE_ELSE_FALSE:
        discard_query_text(ctx);
        cond_pop(ctx->cond);
        break;
    case IFSTATE_NONE:
        log_error("\\endif: no matching \\if");
        return META_ERROR;
    }
    return META_SKIP_LINE;
}


const MetaCommand meta_cond_commands[] = {
    {"if", cmd_if, SKIP_OWN,
     .help = META_HELP({HELP_CONDITIONAL, 1, .usage = "\\if EXPR", .text = "begin conditional block"})},
    {"elif", cmd_elif, SKIP_OWN,
     .help = META_HELP({HELP_CONDITIONAL, 2, .usage = "\\elif EXPR",
                        .text = "alternative within current conditional block"})},
    {"else", cmd_else, SKIP_OWN,
     .help = META_HELP({HELP_CONDITIONAL, 3, .usage = "\\else",
                        .text = "final alternative within current conditional block"})},
    {"endif", cmd_endif, SKIP_OWN,
     .help = META_HELP({HELP_CONDITIONAL, 4, .usage = "\\endif", .text = "end conditional block"})},
    {.name = NULL},
};
