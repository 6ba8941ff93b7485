#include "meta/dashboard/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "exec/cancel.h"
#include "meta/help.h"
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

MetaResult dash_print_help(MetaContext *ctx, const char *command)
{
    help_print_command(ctx->s, ctx->s->query_out, command);
    fflush(ctx->s->query_out);
    return META_SKIP_LINE;
}

bool dash_unknown_subcommand(const char *command, const char *sub)
{
    log_error("\\%s: unknown sub-command \"%s\" (\\%s help lists them)", command, sub, command);
    return false;
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

static bool same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

bool dash_on_addon_database(const Session *s)
{
    const PlatformContext *p = s->platform;
    return p && s->db && same_text(PQhost(s->db), p->host) && same_text(PQport(s->db), p->port) &&
           same_text(PQdb(s->db), p->dbname);
}

void dash_report(const char *command, PlatformError *e)
{
    log_error("\\%s: %s", command, e->message ? e->message : "the Scalingo API call failed");
    /* Ctrl-C ended the wait: it must not also end what comes next */
    if (e->cancelled)
        cancel_clear();
    platform_error_free(e);
}

json_t *dash_call(DbApi *db, const char *command, const char *method, const char *path, const char *body,
                  bool retry_safe)
{
    PlatformError e = {0};
    json_t *doc = dbapi_call(db, method, path, body, retry_safe, &e);
    if (!doc)
        dash_report(command, &e);
    return doc;
}

json_t *dash_action(DbApi *db, const char *command, const char *action, json_t *params)
{
    json_t *request = json_pack("{s:s, s:O}", "action_name", action, "params", params ? params : json_object());
    if (!params)
        json_decref(json_object_get(request, "params"));
    char *body = json_dumps(request, JSON_COMPACT);
    json_decref(request);
    /* actions change things (a cancel, a terminate): never sent twice */
    json_t *doc = dash_call(db, command, "POST", "/action", body, false);
    free(body);
    if (!doc)
        return NULL;
    json_t *ok = json_object_get(doc, "ok");
    json_t *result = NULL;
    if (json_is_integer(ok) && json_integer_value(ok) == 1) {
        result = json_object_get(doc, "result");
        result = result ? json_incref(result) : json_null();
    } else {
        json_t *error = json_object_get(doc, "error");
        log_error("\\%s: the Scalingo database API could not run %s: %s", command, action,
                  json_is_string(error) ? json_string_value(error) : "no reason given");
    }
    json_decref(doc);
    return result;
}

const char *dash_json_string(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

bool dash_json_number(const json_t *obj, const char *key, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v))
        return false;
    *out = json_number_value(v);
    return true;
}

/* ---- output ---- */

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
    /* back to the start of the line, and clear what a longer text left */
    fputs("\r\033[K", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
    p->shown = true;
}

void dash_progress_end(DashProgress *p)
{
    if (p->on && p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = false;
}

/* ---- questions ---- */

bool dash_ask_yes(Session *s, const char *question)
{
    if (!s->stdin_is_tty || !s->frontend || !s->frontend->ask)
        return false;
    char *answer = s->frontend->ask(question, true);
    bool yes = answer && (strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0);
    free(answer);
    /* Ctrl-C at the question is a no */
    cancel_clear();
    return yes;
}

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

/* ---- SQL ---- */

int dash_server_version(const Session *s)
{
    return s->db && PQstatus(s->db) == CONNECTION_OK ? PQserverVersion(s->db) : 0;
}

bool dash_require_sql(Session *s, const char *command, int min_version)
{
    int version = dash_server_version(s);
    if (version == 0) {
        log_error("\\%s: you are currently not connected to a database", command);
        return false;
    }
    if (version < min_version) {
        char *running = version >= 100000 ? xasprintf("%d", version / 10000)
                                          : xasprintf("%d.%d", version / 10000, version % 10000 / 100);
        log_error("\\%s needs PostgreSQL %d or later (the server runs %s)", command, min_version / 10000, running);
        free(running);
        return false;
    }
    return true;
}
