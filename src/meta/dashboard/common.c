#include "meta/dashboard/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec/cancel.h"
#include "meta/dashboard/pitr_time.h"
#include "meta/listing.h"
#include "platform/platform.h"
#include "session/frontend.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- arguments ---- */

static bool take_option(DashArgs *out, const char *command, const char *const *flags, char *arg, MetaContext *ctx)
{
    if (strncmp(arg, "--confirm", 9) == 0 && (arg[9] == '\0' || arg[9] == '=')) {
        char *word = arg[9] == '=' ? xstrdup(arg + 10) : meta_arg(ctx, OT_NORMAL, NULL, false);
        free(arg);
        if (!word || !*word) {
            log_error("\\%s: --confirm needs a word: the app's name (the database's name without --app)", command);
            free(word);
            return false;
        }
        free(out->confirm);
        out->confirm = word;
        return true;
    }
    for (int i = 0; flags && flags[i]; i++) {
        if (strcmp(arg, flags[i]) == 0) {
            out->flags |= 1u << i;
            free(arg);
            return true;
        }
    }
    log_error("\\%s: unknown option \"%s\"", command, arg);
    free(arg);
    return false;
}

bool dash_args_read(MetaContext *ctx, const char *command, const char *const *flags, int sqlid_word,
                    DashArgs *out)
{
    memset(out, 0, sizeof(*out));
    bool ok = true;
    char *arg;
    while ((arg = meta_arg(ctx, out->nwords == sqlid_word ? OT_SQLID : OT_NORMAL, NULL, false)) != NULL) {
        if (!ok) {
            free(arg);
        } else if (strncmp(arg, "--", 2) == 0 && arg[2]) {
            ok = take_option(out, command, flags, arg, ctx);
        } else {
            out->words = xrealloc(out->words, (size_t)(out->nwords + 1) * sizeof(*out->words));
            out->words[out->nwords++] = arg;
        }
    }
    if (!ok)
        dash_args_free(out);
    return ok;
}

bool dash_args_flag(const DashArgs *a, int index)
{
    return (a->flags >> index) & 1u;
}

char *dash_args_join(const DashArgs *a, int first)
{
    if (first >= a->nwords)
        return NULL;
    StrBuf sb = STRBUF_INIT;
    for (int i = first; i < a->nwords; i++) {
        if (i > first)
            sb_append_char(&sb, ' ');
        sb_append(&sb, a->words[i]);
    }
    return sb_steal(&sb);
}

void dash_args_free(DashArgs *a)
{
    for (int i = 0; i < a->nwords; i++)
        free(a->words[i]);
    free(a->words);
    free(a->confirm);
    memset(a, 0, sizeof(*a));
}

/* ---- the platform ---- */

DbApi *dash_api(const Session *s)
{
    return s->platform ? s->platform->db : NULL;
}

DbApi *dash_require_api(const Session *s, const char *command, const char *what)
{
    DbApi *db = dash_api(s);
    if (!db)
        log_error("\\%s needs the Scalingo API (%s): open the console with --app APP", command, what);
    return db;
}

void dash_report(const char *command, PlatformError *e)
{
    log_error("\\%s: %s", command, e->message ? e->message : "the platform call failed");
    if (e->cancelled)
        cancel_clear();
    platform_error_free(e);
}

/* ---- results ---- */

PGresult *dash_result(int ncolumns, const char *const *names, const Oid *types)
{
    PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    PGresAttDesc *attrs = xcalloc((size_t)ncolumns, sizeof(*attrs));
    for (int i = 0; i < ncolumns; i++) {
        attrs[i].name = (char *)names[i];
        attrs[i].typid = types[i];
        attrs[i].typlen = -1;
        attrs[i].atttypmod = -1;
    }
    PQsetResultAttrs(res, ncolumns, attrs);
    free(attrs);
    return res;
}

void dash_result_add(PGresult *res, const char *const *values)
{
    int row = PQntuples(res);
    for (int i = 0; i < PQnfields(res); i++)
        PQsetvalue(res, row, i, (char *)(values[i] ? values[i] : NULL), values[i] ? (int)strlen(values[i]) : -1);
}

void dash_print(Session *s, const PGresult *res, const char *title, const char *const *footers, bool not_logged)
{
    PrintTable t;
    ptable_from_result(&t, res);
    if (title)
        ptable_set_title(&t, title);
    for (int i = 0; footers && footers[i]; i++)
        ptable_add_footer(&t, footers[i]);
    ListingPrint spec = {.title = title, .not_logged = not_logged};
    listing_print_table(s, &t, &spec);
    ptable_free(&t);
    fflush(s->query_out);
}

char *dash_pretty_bytes(long long bytes)
{
    static const char *const units[] = {"kB", "MB", "GB", "TB"};
    if (bytes < 1024)
        return xasprintf("%lld bytes", bytes);
    double v = (double)bytes / 1024;
    int u = 0;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        u++;
    }
    return v < 10 ? xasprintf("%.1f %s", v, units[u]) : xasprintf("%.0f %s", v, units[u]);
}

char *dash_size_cell(const Session *s, long long bytes, Oid *type)
{
    PrintFormat f = s->popt.format;
    bool for_programs = f == PRINT_CSV || f == PRINT_UNALIGNED;
    *type = for_programs ? DASH_INT8 : DASH_TEXT;
    return for_programs ? xasprintf("%lld", bytes) : dash_pretty_bytes(bytes);
}

char *dash_api_time(const char *rfc3339)
{
    long long ms;
    char *why = rfc3339 ? pitr_parse_time(rfc3339, 0, &ms) : xstrdup("");
    if (why) {
        free(why);
        return NULL;
    }
    char buf[64];
    pitr_format_timestamptz(ms, buf, sizeof(buf));
    return xstrdup(buf);
}

void dash_say(Session *s, const char *fmt, ...)
{
    if (s->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(s->query_out, fmt, ap);
    va_end(ap);
    fputc('\n', s->query_out);
    fflush(s->query_out);
}

/* ---- waiting ---- */

void dash_progress_begin(DashProgress *p)
{
    p->on = isatty(STDERR_FILENO);
    p->shown = false;
}

void dash_progress_show(DashProgress *p, const char *fmt, ...)
{
    if (!p->on)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("\r\033[K", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
    p->shown = true;
}

void dash_progress_end(DashProgress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = false;
}

/* ---- confirmation ---- */

const char *dash_confirm_word(const Session *s)
{
    if (s->platform && s->platform->app)
        return s->platform->app;
    return s->db ? PQdb(s->db) : "";
}

static const char *word_kind(const Session *s)
{
    return s->platform && s->platform->app ? "the app's name" : "the database's name";
}

bool dash_confirm(Session *s, const char *command, const char *given, const char *what_happens)
{
    const char *word = dash_confirm_word(s);
    if (given) {
        /* a script that confirms knows what happens: the commands say it again as they start */
        if (strcmp(given, word) == 0)
            return true;
        log_error("\\%s: --confirm %s is not %s (%s): nothing was done", command, given, word_kind(s), word);
        return false;
    }
    if (!s->stdin_is_tty || !s->frontend) {
        log_error("\\%s needs a confirmation: run it at a terminal, or add --confirm %s", command, word);
        return false;
    }
    fflush(s->query_out);
    fprintf(stderr, "%s\n", what_happens);
    char *prompt = xasprintf("Type %s (%s) to confirm: ", word_kind(s), word);
    char *typed = s->frontend->ask(prompt, true);
    free(prompt);
    size_t len = strlen(typed);
    while (len > 0 && (typed[len - 1] == ' ' || typed[len - 1] == '\t'))
        typed[--len] = '\0';
    bool confirmed = strcmp(typed + strspn(typed, " \t"), word) == 0;
    free(typed);
    if (!confirmed)
        log_error("\\%s: not confirmed: nothing was done", command);
    return confirmed;
}
