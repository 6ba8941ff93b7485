#include "platform/dbusers.h"

#include <curl/curl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "platform/json_map.h"
#include "util/xalloc.h"

static const JmField user_fields[] = {
    {"name", JM_STRING, true, offsetof(DbUser, name)},
    {"read_only", JM_BOOL, false, offsetof(DbUser, read_only)},
    {"protected", JM_BOOL, false, offsetof(DbUser, is_protected)},
    {"dbms_attributes.password_encryption", JM_STRING, false, offsetof(DbUser, password_encryption)},
    JM_END,
};

bool dbusers_list(DbApi *db, DbUser **users, int *count, PlatformError *e)
{
    /* the key is spelt with a hyphen */
    return dbapi_get_array(db, "/users", "database-users", user_fields, sizeof(DbUser), (void **)users, count, e);
}

void dbusers_free(DbUser *users, int count)
{
    jm_free_array(user_fields, users, sizeof(DbUser), count);
}

void dbusers_wipe(char *password)
{
    if (password)
        explicit_bzero(password, strlen(password));
    free(password);
}

static void wipe_json_string(json_t *v)
{
    if (json_is_string(v))
        explicit_bzero((char *)json_string_value(v), json_string_length(v));
}

/* a JSON body whose passwords are wiped before it is freed */
static void free_secret_body(json_t *body, char *text)
{
    if (text) {
        explicit_bzero(text, strlen(text));
        free(text);
    }
    json_t *user = json_object_get(body, "database_user");
    wipe_json_string(json_object_get(user, "password"));
    wipe_json_string(json_object_get(user, "password_confirmation"));
    json_decref(body);
}

/* the password of the answer's database_user, handed over and wiped from doc; NULL when there is none */
static char *take_password(json_t *doc)
{
    json_t *pw = json_object_get(json_object_get(doc, "database_user"), "password");
    if (!json_is_string(pw) || !*json_string_value(pw))
        return NULL;
    char *copy = xstrdup(json_string_value(pw));
    wipe_json_string(pw);
    return copy;
}

static char *user_path(const char *name, const char *rest)
{
    char *escaped = curl_easy_escape(NULL, name, 0);
    char *path = xasprintf("/users/%s%s", escaped ? escaped : "", rest);
    curl_free(escaped);
    return path;
}

static json_t *user_body(DbApi *db, const char *name, bool read_only, const char *password)
{
    json_t *user = json_object();
    if (name) {
        json_object_set_new(user, "database_id", json_string(dbapi_addon_id(db)));
        json_object_set_new(user, "name", json_string(name));
        json_object_set_new(user, "read_only", json_boolean(read_only));
    }
    if (password) {
        json_object_set_new(user, "password", json_string(password));
        json_object_set_new(user, "password_confirmation", json_string(password));
    }
    return json_pack("{s:o}", "database_user", user);
}

/* sends a body holding a password; the answer's password into *password_out when asked (it must be there) */
static bool send_user(DbApi *db, const char *method, const char *path, json_t *body, char **password_out,
                      PlatformError *e)
{
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    /* creating or changing a user is not repeated after a 5xx: it may have happened */
    json_t *doc = dbapi_call(db, method, path, text ? text : "{}", false, e);
    free_secret_body(body, text);
    bool ok = doc != NULL;
    /* taken in any case, so that an echoed password is wiped from the answer */
    char *password = doc ? take_password(doc) : NULL;
    if (password_out) {
        *password_out = password;
        password = NULL;
        if (ok && !*password_out) {
            dbapi_shape_error(db, method, path, "field \"database_user.password\" is missing", e);
            ok = false;
        }
    }
    dbusers_wipe(password);
    json_decref(doc);
    return ok;
}

bool dbusers_create(DbApi *db, const char *name, bool read_only, const char *password, char **password_out,
                    PlatformError *e)
{
    *password_out = NULL;
    json_t *body = user_body(db, name, read_only, password);
    /* a password the user chose is not shown back */
    return send_user(db, "POST", "/users", body, password ? NULL : password_out, e);
}

bool dbusers_set_password(DbApi *db, const char *name, const char *password, PlatformError *e)
{
    char *path = user_path(name, "");
    bool ok = send_user(db, "PATCH", path, user_body(db, NULL, false, password), NULL, e);
    free(path);
    return ok;
}

bool dbusers_reset_password(DbApi *db, const char *name, char **password_out, PlatformError *e)
{
    char *path = user_path(name, "/reset_password");
    bool ok = send_user(db, "POST", path, NULL, password_out, e);
    free(path);
    return ok;
}

bool dbusers_delete(DbApi *db, const char *name, PlatformError *e)
{
    char *path = user_path(name, "");
    json_t *doc = dbapi_call(db, "DELETE", path, NULL, false, e);
    free(path);
    json_decref(doc);
    return doc != NULL;
}
