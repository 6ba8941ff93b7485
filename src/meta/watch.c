/*
 * \watch [SECONDS]: run the query buffer again and again until Ctrl-C or an error.
 * With PSQL_WATCH_PAGER set, as in psql, every result goes to that one program
 * (a streaming pager such as pspg --stream) until it exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exec/cancel.h"
#include "exec/query.h"
#include "meta/commands.h"
#include "util/log.h"
#include "util/pipes.h"
#include "util/xalloc.h"

/* sleeps in short steps so that Ctrl-C ends the wait at once */
static void interruptible_sleep(double seconds)
{
    long left_ms = (long)(seconds * 1000);
    while (left_ms > 0 && !cancel_was_pressed()) {
        long step = left_ms < 100 ? left_ms : 100;
        struct timespec ts = {step / 1000, (step % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        left_ms -= step;
    }
}

/* the PSQL_WATCH_PAGER program, when set and both ends are a terminal */
static FILE *open_watch_pager(void)
{
    const char *program = getenv("PSQL_WATCH_PAGER");
    if (!program || strspn(program, " \t\r\n") == strlen(program))
        return NULL;
    if (!isatty(fileno(stdin)) || !isatty(fileno(stdout)))
        return NULL;
    return pipe_open_writer(program);
}

static bool watch_loop(Session *s, const char *query, double interval)
{
    char *user_title = s->popt.title ? xstrdup(s->popt.title) : NULL;
    PagerMode pager = s->popt.pager;
    /* a stream of results is no job for the ordinary pager */
    s->popt.pager = PAGER_OFF;
    FILE *watch_pager = open_watch_pager();
    FILE *query_out = s->query_out;
    if (watch_pager)
        s->query_out = s->watch_pager = watch_pager;
    int r = 0;
    for (;;) {
        char when[128];
        time_t now = time(NULL);
        strftime(when, sizeof(when), "%c", localtime(&now));
        free(s->popt.title);
        s->popt.title = user_title ? xasprintf("%s\t%s (every %gs)\n", user_title, when, interval)
                                   : xasprintf("%s (every %gs)\n", when, interval);
        r = exec_watch_query(s, query);
        if (r <= 0)
            break;
        /* the pager has quit */
        if (watch_pager && (fflush(watch_pager) != 0 || ferror(watch_pager)))
            break;
        interruptible_sleep(interval);
        if (cancel_was_pressed())
            break;
    }
    cancel_clear();
    if (watch_pager) {
        s->query_out = query_out;
        s->watch_pager = NULL;
        pipe_close_writer(watch_pager);
    } else {
        /* as psql: a newline after the last result, for a terminal that echoed ^C */
        fputs("\n", stdout);
        fflush(stdout);
    }
    free(s->popt.title);
    s->popt.title = user_title;
    s->popt.pager = pager;
    return r >= 0;
}

static MetaResult cmd_watch(MetaContext *ctx)
{
    char *opt = meta_arg(ctx, OT_NORMAL, NULL, true);
    double interval = 2;
    if (opt) {
        interval = strtod(opt, NULL);
        if (interval <= 0)
            interval = 1;
        free(opt);
    }
    meta_copy_previous(ctx);
    bool ok;
    if (!ctx->query_buf || ctx->query_buf->len == 0) {
        log_error("\\watch cannot be used with an empty query");
        ok = false;
    } else {
        ok = watch_loop(ctx->s, ctx->query_buf->data, interval);
    }
    if (ctx->query_buf)
        sb_reset(ctx->query_buf);
    scanner_reset(ctx->scan);
    return ok ? META_SKIP_LINE : META_ERROR;
}

const MetaCommand meta_watch_commands[] = {
    {"watch", cmd_watch, SKIP_OPTIONS,
     .help = META_HELP({HELP_GENERAL, 12, .usage = "\\watch [SEC]", .text = "execute query every SEC seconds"})},
    {.name = NULL},
};
