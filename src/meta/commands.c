/* Finding and running backslash commands. */
#include "meta/commands.h"

#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "util/xalloc.h"

static const MetaCommand *const families[] = {
    meta_core_commands,
    meta_cond_commands,
    meta_io_commands,
    meta_print_commands,
    meta_lo_commands,
    meta_edit_commands,
    meta_watch_commands,
    meta_describe_commands,
    meta_database_commands,
    meta_sql_help_commands,
    meta_dbinfo_commands,
    meta_feature_commands,
    meta_stats_commands,
    meta_queries_commands,
    meta_dashboard_admin_commands,
};

static bool answers_to(const MetaCommand *c, const char *name)
{
    if (strcmp(c->name, name) == 0)
        return true;
    for (int i = 0; i < META_MAX_ALIASES && c->aliases[i]; i++)
        if (strcmp(c->aliases[i], name) == 0)
            return true;
    return false;
}

const MetaCommand *meta_lookup(const char *name)
{
    const MetaCommand *by_prefix = NULL;
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        for (const MetaCommand *c = families[f]; c->name; c++) {
            if (answers_to(c, name))
                return c;
            if (c->prefix && !by_prefix && strncmp(c->name, name, strlen(c->name)) == 0)
                by_prefix = c;
        }
    }
    return by_prefix;
}

void meta_for_each(void (*fn)(const MetaCommand *cmd, void *arg), void *arg)
{
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        for (const MetaCommand *c = families[f]; c->name; c++) {
            fn(c, arg);
            for (int i = 0; i < META_MAX_ALIASES && c->aliases[i]; i++) {
                MetaCommand alias = *c;
                alias.name = c->aliases[i];
                fn(&alias, arg);
            }
        }
    }
}

void meta_for_each_help(MetaHelpVisitor fn, void *arg)
{
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        for (const MetaCommand *c = families[f]; c->name; c++) {
            for (const MetaHelp *h = c->help; h && h->usage; h++)
                fn(h, c->name, arg);
            if (c->family_help)
                c->family_help(fn, arg);
        }
    }
}

char *meta_arg(MetaContext *ctx, SlashOptType type, char *quote, bool strip_semicolon)
{
    return scanner_slash_option(ctx->scan, type, quote, strip_semicolon);
}

void meta_skip_args(MetaContext *ctx, ArgSkip skip)
{
    char *arg;
    switch (skip) {
    case SKIP_WHOLE_LINE:
        free(meta_arg(ctx, OT_WHOLE_LINE, NULL, false));
        break;
    case SKIP_FILEPIPE:
        free(meta_arg(ctx, OT_FILEPIPE, NULL, false));
        break;
    case SKIP_OPTIONS:
    case SKIP_OWN:
        while ((arg = meta_arg(ctx, OT_NORMAL, NULL, false)) != NULL)
            free(arg);
        break;
    }
}

void meta_copy_previous(MetaContext *ctx)
{
    if (ctx->query_buf && ctx->query_buf->len == 0 && ctx->previous_buf)
        sb_append(ctx->query_buf, sb_str(ctx->previous_buf));
}

static bool is_branching(const char *cmd)
{
    return strcmp(cmd, "if") == 0 || strcmp(cmd, "elif") == 0 || strcmp(cmd, "else") == 0 ||
           strcmp(cmd, "endif") == 0;
}

static MetaResult execute(MetaContext *ctx)
{
    /* \restrict (used by pg_dump scripts) shuts every other command out */
    if (ctx->s->restrict_key && strcmp(ctx->cmd, "unrestrict") != 0) {
        log_error("backslash commands are restricted; only \\unrestrict is allowed");
        return META_ERROR;
    }
    if (ctx->s->interactive && !ctx->active && !is_branching(ctx->cmd))
        log_warning("\\%s command ignored; use \\endif or Ctrl-C to exit current \\if block", ctx->cmd);
    const MetaCommand *mc = meta_lookup(ctx->cmd);
    if (!mc)
        return META_UNKNOWN;
    if (!ctx->active && mc->skip != SKIP_OWN) {
        meta_skip_args(ctx, mc->skip);
        return META_SKIP_LINE;
    }
    MetaResult status = mc->handler(ctx);
    if (status == META_SEND)
        meta_copy_previous(ctx);
    return status;
}

MetaResult meta_run(Session *s, Scanner *scan, CondStack *cond, StrBuf *query_buf, StrBuf *previous_buf)
{
    char *cmd = scanner_slash_command(scan);
    MetaContext ctx = {s, scan, cond, query_buf, previous_buf, cmd, cond_active(cond)};
    MetaResult status = execute(&ctx);
    if (status == META_UNKNOWN) {
        log_error("invalid command \\%s", cmd);
        if (s->interactive)
            log_hint("Try \\? for help.");
        status = META_ERROR;
    }
    char *arg;
    if (status != META_ERROR) {
        /* left-over arguments are reported, but their backticks must not run */
        bool active = cond_active(cond);
        cond_push(cond, IFSTATE_IGNORED);
        while ((arg = scanner_slash_option(scan, OT_NORMAL, NULL, false)) != NULL) {
            if (active)
                log_warning("\\%s: extra argument \"%s\" ignored", cmd, arg);
            free(arg);
        }
        cond_pop(cond);
    } else {
        while ((arg = scanner_slash_option(scan, OT_WHOLE_LINE, NULL, false)) != NULL)
            free(arg);
    }
    scanner_slash_command_end(scan);
    free(cmd);
    fflush(s->query_out);
    return status;
}
