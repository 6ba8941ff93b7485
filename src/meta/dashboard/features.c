/*
 * \feature [force-tls|internet [on|off]]: shows Force TLS and Internet
 * Accessibility, or switches one, then follows the platform's pending state until
 * the change is done (progress on a terminal; Ctrl-C stops the waiting, never the
 * change).  Internet Accessibility needs Force TLS: the order is checked here first,
 * so that the answer says what to do.
 */
#include "meta/dashboard/features.h"

#include <stdlib.h>
#include <string.h>

#include "meta/commands.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/table.h"
#include "platform/follow.h"
#include "util/log.h"
#include "util/xalloc.h"

typedef struct FeatureName {
    const char *word;           /* as \feature takes it */
    const char *api;            /* as the database API names it */
    const char *label;          /* as the dashboard shows it */
} FeatureName;

static const FeatureName feature_names[] = {
    [FEATURE_FORCE_TLS] = {"force-tls", "force-ssl", "Force TLS"},
    [FEATURE_INTERNET] = {"internet", "publicly-available", "Internet Accessibility"},
};

enum { FOLLOW_LIMIT_SECONDS = 900 };

/* the feature's status in the database object, NULL when it is not listed (off) */
static const char *feature_status(const json_t *database, DashFeature feature)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(database, "features"), i, f) {
        const char *name = dash_json_string(f, "name");
        if (name && strcmp(name, feature_names[feature].api) == 0)
            return dash_json_string(f, "status") ? dash_json_string(f, "status") : "";
    }
    return NULL;
}

char *feature_state_text(const json_t *database, DashFeature feature)
{
    const char *status = feature_status(database, feature);
    if (!status)
        return xstrdup("off");
    if (strcmp(status, "ACTIVATED") == 0)
        return xstrdup("on");
    if (strcmp(status, "PENDING_TO_REMOVE") == 0)
        return xasprintf("switching off (%s)", status);
    if (strncmp(status, "PENDING", 7) == 0)
        return xasprintf("switching on (%s)", status);
    if (strcmp(status, "FAILED") == 0)
        return xasprintf("failed (%s)", status);
    return xstrdup(*status ? status : "unknown");
}

static bool parse_feature(const char *word, DashFeature *feature)
{
    static const struct {
        const char *word;
        DashFeature feature;
    } words[] = {
        {"force-tls", FEATURE_FORCE_TLS}, {"tls", FEATURE_FORCE_TLS}, {"force-ssl", FEATURE_FORCE_TLS},
        {"internet", FEATURE_INTERNET},   {"publicly-available", FEATURE_INTERNET},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(word, words[i].word) == 0) {
            *feature = words[i].feature;
            return true;
        }
    return false;
}

/* GET /api/databases/{db}: the document (to free) and its database object; NULL after one line */
static json_t *get_database(DbApi *db, json_t **database)
{
    json_t *doc = dash_call(db, "feature", "GET", "", NULL, true);
    *database = doc ? json_object_get(doc, "database") : NULL;
    if (doc && !json_is_object(*database)) {
        log_error("\\feature: unexpected answer from the Scalingo database API: no \"database\" object");
        json_decref(doc);
        return NULL;
    }
    return doc;
}

static void show_features(Session *s, const json_t *database)
{
    static const char *const headers[] = {"Feature", "State"};
    DashTable t;
    dash_table_init(&t, 2, headers);
    for (int f = FEATURE_FORCE_TLS; f <= FEATURE_INTERNET; f++) {
        dash_table_add_copy(&t, feature_names[f].label);
        dash_table_add(&t, feature_state_text(database, (DashFeature)f));
    }
    ListingPrint spec = {.title = "Features", .no_default_footer = true};
    dash_table_print(s, &t, &spec);
    dash_table_free(&t);
}

/* why the switch cannot be made in this order, or NULL */
static const char *order_problem(const json_t *database, DashFeature feature, bool on)
{
    const char *tls = feature_status(database, FEATURE_FORCE_TLS);
    if (feature == FEATURE_INTERNET && on && !(tls && strcmp(tls, "ACTIVATED") == 0))
        return "Internet Accessibility needs Force TLS: run \\feature force-tls on first";
    if (feature == FEATURE_FORCE_TLS && !on && feature_status(database, FEATURE_INTERNET))
        return "Force TLS must stay on while Internet Accessibility is on: run \\feature internet off first";
    return NULL;
}

static void show_progress(void *ctx, const char *status)
{
    DashProgress *progress = ctx;
    dash_progress_show(progress, "waiting for the platform: %s (Ctrl-C stops waiting, not the change)", status);
}

static bool follow_change(DbApi *db, DashFeature feature, bool on)
{
    DashProgress progress;
    dash_progress_begin(&progress);
    FollowOptions o = {.on_status = show_progress, .status_ctx = &progress, .limit_s = FOLLOW_LIMIT_SECONDS};
    PlatformError e = {0};
    bool done = follow_feature(db, feature_names[feature].api, on, &o, &e);
    dash_progress_end(&progress);
    if (!done)
        dash_report("feature", &e);
    return done;
}

/* asks for the change; *pending when the platform takes its time, false after one line */
static bool request_change(DbApi *db, DashFeature feature, bool on, bool *pending)
{
    const char *api = feature_names[feature].api;
    json_t *answer;
    if (on) {
        json_t *body = json_pack("{s:{s:s}}", "feature", "name", api);
        char *text = json_dumps(body, JSON_COMPACT);
        answer = dash_call(db, "feature", "POST", "/features", text, false);
        free(text);
        json_decref(body);
    } else {
        char *path = xasprintf("/features?feature=%s", api);
        answer = dash_call(db, "feature", "DELETE", path, NULL, false);
        free(path);
    }
    if (!answer)
        return false;
    const char *status = dash_json_string(answer, "status");
    bool ok = true;
    if (status && strcmp(status, "FAILED") == 0) {
        const char *message = dash_json_string(answer, "message");
        log_error("\\feature: the platform could not switch %s %s%s%s", feature_names[feature].label,
                  on ? "on" : "off", message ? ": " : "", message ? message : "");
        ok = false;
    }
    /* a removal says nothing of its state: look until the feature is gone */
    *pending = !on || !status || strcmp(status, "ACTIVATED") != 0;
    json_decref(answer);
    return ok;
}

static bool switch_feature(Session *s, DbApi *db, DashFeature feature, bool on)
{
    json_t *database;
    json_t *doc = get_database(db, &database);
    if (!doc)
        return false;
    const char *label = feature_names[feature].label;
    const char *status = feature_status(database, feature);
    const char *problem = order_problem(database, feature, on);
    bool already = on ? status && strcmp(status, "ACTIVATED") == 0 : status == NULL;
    bool under_way = status && strncmp(status, "PENDING", 7) == 0 &&
                     (strcmp(status, "PENDING_TO_REMOVE") == 0) == !on;
    json_decref(doc);
    if (problem) {
        log_error("\\feature: %s", problem);
        return false;
    }
    if (already) {
        dash_say(s, "%s is already %s.", label, on ? "on" : "off");
        return true;
    }
    bool pending = true;
    if (!under_way && !request_change(db, feature, on, &pending))
        return false;
    if (pending && !follow_change(db, feature, on))
        return false;
    dash_say(s, "%s is %s.", label, on ? "on" : "off");
    return true;
}

static bool feature_command(Session *s, const char *name, const char *state)
{
    DashFeature feature = FEATURE_FORCE_TLS;
    if (name && !parse_feature(name, &feature)) {
        log_error("\\feature: unknown feature \"%s\": force-tls or internet", name);
        return false;
    }
    if (state && strcmp(state, "on") != 0 && strcmp(state, "off") != 0) {
        log_error("\\feature: \"%s\" is neither on nor off", state);
        return false;
    }
    DbApi *db = dash_require_api(s, "feature", "Force TLS and Internet Accessibility are platform settings");
    if (!db)
        return false;
    if (state)
        return switch_feature(s, db, feature, strcmp(state, "on") == 0);
    json_t *database;
    json_t *doc = get_database(db, &database);
    if (doc)
        show_features(s, database);
    json_decref(doc);
    return doc != NULL;
}

static MetaResult cmd_feature(MetaContext *ctx)
{
    char *name = meta_arg(ctx, OT_NORMAL, NULL, true);
    if (name && strcmp(name, "help") == 0) {
        free(name);
        return dash_print_help(ctx, "feature");
    }
    char *state = name ? meta_arg(ctx, OT_NORMAL, NULL, true) : NULL;
    bool ok = feature_command(ctx->s, name, state);
    free(name);
    free(state);
    return ok ? META_SKIP_LINE : META_ERROR;
}

const MetaCommand meta_feature_commands[] = {
    {"feature", cmd_feature, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 20, .usage = "\\feature [force-tls|internet [on|off]]",
                        .text = "show or switch Force TLS, Internet Accessibility\n"
                                "(internet needs force-tls first), waiting until done",
                        .below = true})},
    {.name = NULL},
};
