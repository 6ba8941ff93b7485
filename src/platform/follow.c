#include "platform/follow.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/backoff.h"
#include "platform/http.h"
#include "platform/json_map.h"
#include "util/xalloc.h"

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static void stop_following(PlatformError *e, const char *what, const char *status, const char *why)
{
    platform_error_set(e, xasprintf("stopped following %s%s%s%s %s: it goes on on the platform", what,
                                    status ? " (" : "", status ? status : "", status ? ")" : "", why));
}

/* after a look that says what is followed is still going: false after e when following must stop */
static bool wait_for_next_look(int looks, const FollowOptions *o, time_t deadline, const char *what,
                               const char *status, PlatformError *e)
{
    long first = o && o->first_ms > 0 ? o->first_ms : BACKOFF_POLL_FIRST_MS;
    long max = o && o->max_ms > 0 ? o->max_ms : BACKOFF_POLL_MAX_MS;
    if (deadline && time(NULL) >= deadline) {
        char *why = xasprintf("after %ld s", o->limit_s);
        stop_following(e, what, status, why);
        free(why);
        return false;
    }
    if (!http_wait_ms(backoff_poll_ms(looks, first, max))) {
        e->cancelled = true;
        stop_following(e, what, status, "at Ctrl-C");
        return false;
    }
    return true;
}

bool follow_until_done(FollowLookFn look, void *ctx, const char *what, const FollowOptions *o, PlatformError *e)
{
    time_t deadline = o && o->limit_s > 0 ? time(NULL) + o->limit_s : 0;
    char *last = NULL;
    bool succeeded = false;
    for (int looks = 1;; looks++) {
        FollowState state = FOLLOW_GOING;
        char *status = NULL;
        if (!look(ctx, &state, &status, e))
            break;
        if (status && !same(status, last) && o && o->on_status)
            o->on_status(o->status_ctx, status);
        free(last);
        last = status;
        if (state != FOLLOW_GOING) {
            succeeded = state == FOLLOW_SUCCEEDED;
            if (!succeeded && !e->message)
                platform_error_set(e, xasprintf("%s ended with status %s", what, last ? last : "(none)"));
            break;
        }
        if (!wait_for_next_look(looks, o, deadline, what, last, e))
            break;
    }
    free(last);
    return succeeded;
}

/* ---- what the platform's words mean ---- */

static bool one_of(const char *status, const char *const *words)
{
    for (; *words; words++)
        if (same(status, *words))
            return true;
    return false;
}

FollowState follow_operation_state(const char *status)
{
    static const char *const failed[] = {"error", "user-error", "cancelled", NULL};
    if (same(status, "finished"))
        return FOLLOW_SUCCEEDED;
    return one_of(status, failed) ? FOLLOW_FAILED : FOLLOW_GOING;
}

FollowState follow_database_state(const char *status)
{
    /* creating, migrating, updating, upgrading, restarting, and stopped while a restore runs */
    return same(status, "running") ? FOLLOW_SUCCEEDED : FOLLOW_GOING;
}

FollowState follow_feature_state(const char *status, bool activate)
{
    if (same(status, "FAILED"))
        return FOLLOW_FAILED;
    /* any PENDING* is in progress; a feature being activated may not be listed yet */
    if (activate)
        return same(status, "ACTIVATED") ? FOLLOW_SUCCEEDED : FOLLOW_GOING;
    return status ? FOLLOW_GOING : FOLLOW_SUCCEEDED;
}

/* ---- looks through the database API ---- */

typedef struct Look {
    DbApi *db;
    const char *what;
    const char *operation_id;
    const char *feature;
    bool activate;
} Look;

/* the object at key of GET path's answer; NULL after e */
static json_t *get_object(const Look *l, const char *path, const char *key, json_t **doc, PlatformError *e)
{
    *doc = dbapi_call(l->db, "GET", path, NULL, true, e);
    json_t *obj = *doc ? jm_get(*doc, key, JSON_OBJECT, NULL, e) : NULL;
    if (*doc && !obj)
        platform_error_set(e, xasprintf("unexpected answer from the Scalingo database API about %s: %s", l->what,
                                        e->message));
    return obj;
}

static char *string_or_null(json_t *v)
{
    return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static bool look_operation(void *ctx, FollowState *state, char **status, PlatformError *e)
{
    const Look *l = ctx;
    char *escaped = curl_easy_escape(NULL, l->operation_id, 0);
    char *path = xasprintf("/operations/%s", escaped ? escaped : "");
    curl_free(escaped);
    json_t *doc;
    json_t *op = get_object(l, path, "operation", &doc, e);
    free(path);
    if (op) {
        *status = string_or_null(json_object_get(op, "status"));
        *state = follow_operation_state(*status);
        json_t *error = json_object_get(op, "error");
        if (*state == FOLLOW_FAILED && json_is_string(error) && *json_string_value(error)) {
            char *reason = jm_printable(json_string_value(error), 300);
            platform_error_set(e, xasprintf("%s ended with status %s: %s", l->what, *status, reason));
            free(reason);
        }
    }
    json_decref(doc);
    return op != NULL;
}

static bool look_database(void *ctx, FollowState *state, char **status, PlatformError *e)
{
    const Look *l = ctx;
    json_t *doc;
    json_t *database = get_object(l, "", "database", &doc, e);
    if (database && !l->feature) {
        *status = string_or_null(json_object_get(database, "status"));
        *state = follow_database_state(*status);
    } else if (database) {
        size_t i;
        json_t *f;
        json_array_foreach(json_object_get(database, "features"), i, f) {
            if (!*status && same(json_string_value(json_object_get(f, "name")), l->feature))
                *status = string_or_null(json_object_get(f, "status"));
        }
        *state = follow_feature_state(*status, l->activate);
    }
    json_decref(doc);
    return database != NULL;
}

bool follow_operation(DbApi *db, const char *operation_id, const FollowOptions *o, PlatformError *e)
{
    char *what = xasprintf("operation %s", operation_id);
    Look l = {db, what, operation_id, NULL, false};
    bool ok = follow_until_done(look_operation, &l, what, o, e);
    free(what);
    return ok;
}

bool follow_database_running(DbApi *db, const FollowOptions *o, PlatformError *e)
{
    Look l = {db, "the database", NULL, NULL, false};
    return follow_until_done(look_database, &l, l.what, o, e);
}

bool follow_feature(DbApi *db, const char *feature, bool activate, const FollowOptions *o, PlatformError *e)
{
    char *what = xasprintf("feature %s", feature);
    Look l = {db, what, NULL, feature, activate};
    bool ok = follow_until_done(look_database, &l, what, o, e);
    free(what);
    return ok;
}
