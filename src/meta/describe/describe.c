/*
 * Dispatching \d... commands to their families, and what every describe command
 * shares: running its catalog query and printing the result with psql's describe
 * settings.
 */
#include "meta/describe/describe.h"

#include <stdlib.h>
#include <string.h>

#include "exec/query.h"

static const DescribeCommand *const families[] = {
    describe_database_commands,
    describe_objects_commands,
    describe_relation_commands,
    describe_text_search_commands,
    describe_replication_commands,
    describe_foreign_commands,
    describe_statistics_commands,
};

/* the entry with the longest letters that start what follows "d" */
static const DescribeCommand *find_command(const char *after_d)
{
    const DescribeCommand *best = NULL;
    size_t best_len = 0;
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        for (const DescribeCommand *c = families[f]; c->letters; c++) {
            size_t len = strlen(c->letters);
            if (strncmp(after_d, c->letters, len) == 0 && (!best || len > best_len)) {
                best = c;
                best_len = len;
            }
        }
    }
    return best;
}

static MetaResult cmd_describe(MetaContext *ctx)
{
    /* \z is psql's old name for \dp */
    const char *after_d = ctx->cmd[0] == 'z' ? "p" : ctx->cmd + 1;
    const DescribeCommand *c = find_command(after_d);
    if (!c)
        return META_UNKNOWN;
    char *pattern = meta_arg(ctx, OT_NORMAL, NULL, true);
    DescribeCtx d = {
        .meta = ctx,
        .s = ctx->s,
        .cmd = ctx->cmd,
        .rest = ctx->cmd[0] == 'z' ? ctx->cmd + 1 : after_d + strlen(c->letters),
        .pattern = pattern,
        .verbose = strchr(ctx->cmd, '+') != NULL,
        .system = strchr(ctx->cmd, 'S') != NULL,
    };
    MetaResult r = c->handler(&d);
    free(pattern);
    return r;
}

/* the help of every \d command, named "d" and its letters */
static void describe_each_help(MetaHelpVisitor fn, void *arg)
{
    for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
        for (const DescribeCommand *c = families[f]; c->letters; c++) {
            char name[16];
            snprintf(name, sizeof(name), "d%s", c->letters);
            for (const MetaHelp *h = c->help; h && h->usage; h++)
                fn(h, name, arg);
        }
    }
}

const MetaCommand meta_describe_commands[] = {
    {"d", cmd_describe, SKIP_OPTIONS, .prefix = true, .family_help = describe_each_help},
    {"z", cmd_describe, SKIP_OPTIONS, .prefix = true,
     .help = META_HELP({HELP_INFORMATIONAL, 50, .usage = "\\z      [PATTERN]", .text = "same as \\dp"})},
    {.name = NULL},
};

PGresult *describe_exec(Session *s, const char *sql)
{
    return exec_internal(s, sql);
}

bool describe_list(Session *s, const char *sql, const ListingPrint *spec)
{
    PGresult *res = describe_exec(s, sql);
    if (!res)
        return false;
    listing_print_result(s, res, spec);
    PQclear(res);
    return true;
}
