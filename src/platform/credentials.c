#include "platform/credentials.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "platform/http.h"
#include "util/paths.h"
#include "util/xalloc.h"

#define LOGIN_HINT "run \"scalingo login\" once, or set SCALINGO_API_TOKEN"

/* a token goes into an HTTP header: anything but visible ASCII would corrupt it */
static bool plausible_token(const char *t)
{
    return http_token_fits_header(t);
}

/* the CLI's entry for host: ignored, as the CLI does, when it has no user object */
static const char *token_of_entry(json_t *root, const char *host)
{
    json_t *entry = json_object_get(json_object_get(root, "auth_config_data"), host);
    if (!json_is_object(entry) || !json_is_object(json_object_get(entry, "user")))
        return NULL;
    json_t *token = json_object_get(json_object_get(entry, "tokens"), "token");
    return json_is_string(token) ? json_string_value(token) : NULL;
}

/* 1 found, 0 nothing there, -1 error (after e) */
static int from_auth_file(const char *auth_base, ApiToken *out, PlatformError *e)
{
    const char *home = path_home();
    char *path = home ? path_join(home, ".config/scalingo/auth") : NULL;
    json_error_t jerr;
    json_t *root = path ? json_load_file(path, 0, &jerr) : NULL;
    int found = 0;
    if (!root) {
        /* jansson gives no line for a file it could not open: that is "not logged in", not an error */
        if (path && jerr.line != -1) {
            platform_error_set(e, xasprintf("%s is not valid JSON: %s", path, LOGIN_HINT));
            found = -1;
        }
        free(path);
        return found;
    }
    char *host = http_url_host(auth_base);
    const char *token = host ? token_of_entry(root, host) : NULL;
    if (token && plausible_token(token)) {
        out->token = xstrdup(token);
        out->source = path;
        path = NULL;
        found = 1;
    }
    free(host);
    json_decref(root);
    free(path);
    return found;
}

/* the environment is per process, so the token taken out of it is too */
static char *captured_token;
static bool captured;

void credentials_capture_environment(void)
{
    if (captured)
        return;
    captured = true;
    static const char name[] = "SCALINGO_API_TOKEN";
    char *value = getenv(name);
    if (!value)
        return;
    captured_token = xstrdup(value);
    /*
     * unsetenv drops the pointer, not the bytes, which /proc/PID/environ still shows:
     * wipe the whole "NAME=value" entry that getenv's answer points into
     */
    char *entry = value - (sizeof(name) - 1) - 1;
    explicit_bzero(entry, sizeof(name) + strlen(value));
    unsetenv(name);
}

bool credentials_find(const char *auth_base, ApiToken *out, PlatformError *e)
{
    memset(out, 0, sizeof(*out));
    const char *env = captured ? captured_token : getenv("SCALINGO_API_TOKEN");
    if (env && *env) {
        if (!plausible_token(env)) {
            platform_error_set(e, xstrdup("SCALINGO_API_TOKEN holds characters no API token has: set it to the "
                                          "token only"));
            return false;
        }
        out->token = xstrdup(env);
        out->source = xstrdup("SCALINGO_API_TOKEN");
        return true;
    }
    int found = from_auth_file(auth_base, out, e);
    if (found != 0)
        return found > 0;
    char *host = http_url_host(auth_base);
    platform_error_set(e, xasprintf("no Scalingo API token for %s: %s", host ? host : auth_base, LOGIN_HINT));
    free(host);
    return false;
}

void credentials_free(ApiToken *t)
{
    if (t->token) {
        explicit_bzero(t->token, strlen(t->token));
        free(t->token);
    }
    free(t->source);
    memset(t, 0, sizeof(*t));
}
