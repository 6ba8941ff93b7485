/* Input and output commands: \i, \o, the \g family, \p, \r, \w, \copy, \crosstabview. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exec/copy.h"
#include "meta/commands.h"
#include "session/frontend.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/pipes.h"
#include "util/xalloc.h"

static MetaResult cmd_include(MetaContext *ctx)
{
    char *name = meta_arg(ctx, OT_NORMAL, NULL, true);
    if (!name) {
        log_error("\\%s: missing required argument", ctx->cmd);
        return META_ERROR;
    }
    bool relative = strcmp(ctx->cmd, "ir") == 0 || strcmp(ctx->cmd, "include_relative") == 0;
    char *path = path_expand_tilde(name);
    bool ok = ctx->s->frontend->run_file(ctx->s, path, relative) == EXIT_OK;
    free(path);
    free(name);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static MetaResult cmd_out(MetaContext *ctx)
{
    char *target = meta_arg(ctx, OT_FILEPIPE, NULL, true);
    char *path = target ? path_expand_tilde(target) : NULL;
    bool ok = session_set_output(ctx->s, path);
    free(path);
    free(target);
    return ok ? META_SKIP_LINE : META_ERROR;
}

static void save_print_options(Session *s)
{
    if (!s->pending.saved_popt) {
        s->pending.saved_popt = xmalloc(sizeof(PrintOptions));
        popt_copy(s->pending.saved_popt, &s->popt);
    }
}

static void restore_print_options(Session *s)
{
    if (s->pending.saved_popt) {
        popt_free(&s->popt);
        s->popt = *s->pending.saved_popt;
        free(s->pending.saved_popt);
        s->pending.saved_popt = NULL;
    }
}

/* \g (name=value ...): print settings for this one query */
static bool g_options(MetaContext *ctx, char *first)
{
    bool ok = true, found_paren = false;
    char *option = first;
    do {
        if (!option && !(option = meta_arg(ctx, OT_NORMAL, NULL, false))) {
            if (ctx->active) {
                log_error("\\%s: missing right parenthesis", ctx->cmd);
                ok = false;
            }
            break;
        }
        size_t len = strlen(option);
        if (len > 0 && option[len - 1] == ')') {
            option[--len] = '\0';
            found_paren = true;
        }
        if (len > 0 && ctx->active) {
            char *value = strchr(option, '=');
            if (value)
                *value++ = '\0';
            save_print_options(ctx->s);
            ok &= popt_pset(&ctx->s->popt, option, value, true);
        }
        if (option != first)
            free(option);
        option = NULL;
    } while (!found_paren);
    if (!ok && ctx->active)
        restore_print_options(ctx->s);
    return ok;
}

static MetaResult cmd_g(MetaContext *ctx)
{
    char *target = meta_arg(ctx, OT_FILEPIPE, NULL, false);
    bool ok = true;
    if (target && target[0] == '(') {
        ok = g_options(ctx, target + 1);
        free(target);
        target = meta_arg(ctx, OT_FILEPIPE, NULL, false);
    }
    MetaResult r = ok ? META_SKIP_LINE : META_ERROR;
    if (ok && ctx->active) {
        Session *s = ctx->s;
        free(s->pending.output_target);
        s->pending.output_target = target ? path_expand_tilde(target) : NULL;
        if (strcmp(ctx->cmd, "gx") == 0) {
            save_print_options(s);
            s->popt.expanded = EXPANDED_ON;
        }
        r = META_SEND;
    }
    free(target);
    return r;
}

static MetaResult cmd_gset(MetaContext *ctx)
{
    char *prefix = meta_arg(ctx, OT_NORMAL, NULL, false);
    free(ctx->s->pending.gset_prefix);
    ctx->s->pending.gset_prefix = prefix ? prefix : xstrdup("");
    return META_SEND;
}

static MetaResult cmd_gexec(MetaContext *ctx)
{
    ctx->s->pending.exec_results = true;
    return META_SEND;
}

static MetaResult cmd_gdesc(MetaContext *ctx)
{
    ctx->s->pending.describe_only = true;
    return META_SEND;
}

static MetaResult cmd_crosstabview(MetaContext *ctx)
{
    PendingQuery *pq = &ctx->s->pending;
    for (int i = 0; i < 4; i++) {
        free(pq->crosstab_args[i]);
        pq->crosstab_args[i] = meta_arg(ctx, OT_NORMAL, NULL, true);
    }
    pq->crosstab = true;
    return META_SEND;
}

static MetaResult cmd_print(MetaContext *ctx)
{
    if (ctx->query_buf && ctx->query_buf->len > 0)
        puts(ctx->query_buf->data);
    else if (ctx->previous_buf && ctx->previous_buf->len > 0)
        puts(ctx->previous_buf->data);
    else if (!ctx->s->quiet)
        puts("Query buffer is empty.");
    fflush(stdout);
    return META_SKIP_LINE;
}

static MetaResult cmd_reset(MetaContext *ctx)
{
    if (ctx->query_buf)
        sb_reset(ctx->query_buf);
    scanner_reset(ctx->scan);
    if (!ctx->s->quiet)
        puts("Query buffer reset (cleared).");
    return META_SKIP_LINE;
}

static MetaResult write_buffer(MetaContext *ctx, const char *target)
{
    bool is_pipe = target[0] == '|';
    FILE *fp;
    if (is_pipe) {
        fp = pipe_open_writer(target + 1);
    } else {
        char *path = xstrdup(target);
        path_canonicalize(path);
        fp = fopen(path, "w");
        free(path);
    }
    MetaResult r = META_SKIP_LINE;
    if (!fp) {
        log_error("%s: %s", target, strerror(errno));
        r = META_ERROR;
    } else {
        if (ctx->query_buf && ctx->query_buf->len > 0)
            fprintf(fp, "%s\n", ctx->query_buf->data);
        else if (ctx->previous_buf && ctx->previous_buf->len > 0)
            fprintf(fp, "%s\n", ctx->previous_buf->data);
        if ((is_pipe ? pipe_close_writer(fp) : fclose(fp)) == EOF) {
            log_error("%s: %s", target, strerror(errno));
            r = META_ERROR;
        }
    }
    return r;
}

static MetaResult cmd_write(MetaContext *ctx)
{
    char *target = meta_arg(ctx, OT_FILEPIPE, NULL, true);
    MetaResult r;
    if (!ctx->query_buf) {
        log_error("no query buffer");
        r = META_ERROR;
    } else if (!target) {
        log_error("\\%s: missing required argument", ctx->cmd);
        r = META_ERROR;
    } else {
        char *path = path_expand_tilde(target);
        r = write_buffer(ctx, path);
        free(path);
    }
    free(target);
    return r;
}

static MetaResult cmd_copy(MetaContext *ctx)
{
    char *args = meta_arg(ctx, OT_WHOLE_LINE, NULL, false);
    bool ok = copy_slash_command(ctx->s, args);
    free(args);
    return ok ? META_SKIP_LINE : META_ERROR;
}


const MetaCommand meta_io_commands[] = {
    {"i", cmd_include, SKIP_OPTIONS, .aliases = {"include"},
     .help = META_HELP({HELP_INPUT_OUTPUT, 3, .usage = "\\i FILE", .text = "execute commands from file"})},
    {"ir", cmd_include, SKIP_OPTIONS, .aliases = {"include_relative"},
     .help = META_HELP({HELP_INPUT_OUTPUT, 4, .usage = "\\ir FILE",
                        .text = "as \\i, but relative to location of current script"})},
    {"o", cmd_out, SKIP_FILEPIPE, .aliases = {"out"},
     .help = META_HELP({HELP_INPUT_OUTPUT, 5, .usage = "\\o [FILE]",
                        .text = "send all query results to file or |pipe"})},
    {"g", cmd_g, SKIP_OWN,
     .help = META_HELP({HELP_GENERAL, 4, .usage = "\\g [(OPTIONS)] [FILE]",
                        .text = "execute query (and send result to file or |pipe);\n"
                        "\\g with no arguments is equivalent to a semicolon"})},
    {"gx", cmd_g, SKIP_OWN,
     .help = META_HELP({HELP_GENERAL, 8, .usage = "\\gx [(OPTIONS)] [FILE]",
                        .text = "as \\g, but forces expanded output mode"})},
    {"gset", cmd_gset, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 7, .usage = "\\gset [PREFIX]",
                        .text = "execute query and store result in psql variables"})},
    {"gexec", cmd_gexec, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 6, .usage = "\\gexec",
                        .text = "execute query, then execute each value in its result"})},
    {"gdesc", cmd_gdesc, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 5, .usage = "\\gdesc",
                        .text = "describe result of query, without executing it"})},
    {"crosstabview", cmd_crosstabview, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 2, .usage = "\\crosstabview [COLUMNS]",
                        .text = "execute query and display result in crosstab"})},
    {"p", cmd_print, SKIP_OPTIONS, .aliases = {"print"},
     .help = META_HELP({HELP_QUERY_BUFFER, 4, .usage = "\\p", .text = "show the contents of the query buffer"})},
    {"r", cmd_reset, SKIP_OPTIONS, .aliases = {"reset"},
     .help = META_HELP({HELP_QUERY_BUFFER, 5, .usage = "\\r", .text = "reset (clear) the query buffer"})},
    {"w", cmd_write, SKIP_FILEPIPE, .aliases = {"write"},
     .help = META_HELP({HELP_QUERY_BUFFER, 7, .usage = "\\w FILE", .text = "write query buffer to file"})},
    {"copy", cmd_copy, SKIP_WHOLE_LINE,
     .help = META_HELP({HELP_INPUT_OUTPUT, 1, .usage = "\\copy ...",
                        .text = "perform SQL COPY with data stream to the client host"})},
    {.name = NULL},
};
