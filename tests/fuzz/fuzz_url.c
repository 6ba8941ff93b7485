/*
 * Database URLs as app variables hold them (src/platform/url.c): parsing into libpq's
 * keywords, the query parameters, and the two ways of masking the password; also the
 * display forms of API URLs (src/platform/http.c) and the expiry claim of a JWT
 * (src/platform/token_cache.c), the other strings from the platform parsed on their own.
 *
 * Input: the text itself (up to its first NUL).
 *
 * Besides the sanitizers, one property is checked: when the user-info part holds a
 * password written without percent-escapes that appears nowhere else in the text, no
 * masked form shows it.  (The letters are kept to g-z so that the password cannot be
 * re-created by the %XX escapes of the rebuilt URL.)
 *
 * Calls: pgurl_parse, pgurl_param, pgurl_free, pgurl_mask, http_display_url,
 * http_url_host, jwt_expiry.
 */
#include "fuzz_common.h"

#include "platform/http.h"
#include "platform/token_cache.h"
#include "platform/url.h"

static bool occurs_once(const char *haystack, const char *needle)
{
    const char *first = strstr(haystack, needle);
    return first && !strstr(first + 1, needle);
}

/* a password the masks must hide, and that they cannot show by accident */
static bool checkable_password(const char *text, const PgUrl *u)
{
    const char *p = u->password;
    if (!p || strlen(p) < 4 || strspn(p, "ghijklmnopqrstuvwxyz") != strlen(p) || !occurs_once(text, p))
        return false;
    const char *others[] = {u->user, u->host, u->port, u->dbname};
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        if (others[i] && strstr(others[i], p))
            return false;
    for (int i = 0; i < u->nparams; i++)
        if (strstr(u->keys[i], p) || strstr(u->values[i], p))
            return false;
    return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = {data, size};
    char *text = fuzz_until(&in, '\0');

    PgUrl u;
    char *err = NULL;
    if (pgurl_parse(text, &u, &err)) {
        for (int i = 0; i < u.nparams; i++)
            (void)pgurl_param(&u, u.keys[i]);
        (void)pgurl_param(&u, "sslmode");
        if (checkable_password(text, &u)) {
            char *masked = pgurl_mask(text);
            if (strstr(u.masked, u.password) || strstr(masked, u.password))
                fuzz_fail("a masked URL shows the password");
            free(masked);
        }
        pgurl_free(&u);
    } else {
        free(err);
    }
    free(pgurl_mask(text));
    free(http_display_url(text));
    free(http_url_host(text));
    (void)jwt_expiry(text);
    free(text);
    return 0;
}
