/*
 * Database URLs as app variables hold them (src/platform/url.c): parsing into libpq's
 * keywords, the query parameters, and the two ways of masking the password; also the
 * display forms of API URLs (src/platform/http.c) and the expiry claim of a JWT
 * (src/platform/token_cache.c), the other strings from the platform parsed on their own.
 *
 * Input: the text itself (up to its first NUL).
 *
 * The same text is also read as the tunnel's command line reads a URL or conninfo
 * string (src/tunnel/connstr_secret.c), whose password it blanks out in place.
 *
 * Besides the sanitizers, two properties are checked: when the user-info part holds a
 * password written without percent-escapes that appears nowhere else in the text, no
 * masked form shows it (the letters are kept to g-z so that the password cannot be
 * re-created by the %XX escapes of the rebuilt URL); and once the tunnel has masked a
 * connection string, the password libpq reads from it, if any, is all stars.
 *
 * Calls: pgurl_parse, pgurl_param, pgurl_at_address, pgurl_free, pgurl_mask, http_display_url,
 * http_url_host, jwt_expiry, connstr_secret_spans, connstr_mask_in_place; libpq's
 * PQconninfoParse as the reference.
 */
#include "fuzz_common.h"

#include "platform/http.h"
#include "platform/token_cache.h"
#include "platform/url.h"
#include "tunnel/connstr_secret.h"

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

/* the password libpq reads from a connection string, or NULL (none, or not one libpq parses) */
static char *libpq_password(const char *conninfo)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
    PQfreemem(err);
    if (!opts)
        return NULL;
    char *password = NULL;
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val)
            password = strdup(o->val);
    PQconninfoFree(opts);
    return password;
}

/* the tunnel's masking of a URL or conninfo in place: whatever libpq would read as the password is stars */
static void check_connstr_mask(const char *text)
{
    SecretSpan spans[4];
    size_t n = connstr_secret_spans(text, spans, 4);
    size_t len = strlen(text);
    for (size_t i = 0; i < n && i < 4; i++)
        if (spans[i].start > len || spans[i].length > len - spans[i].start)
            fuzz_fail("a password span outside the connection string");
    char *masked = strdup(text);
    if (!masked)
        abort();
    connstr_mask_in_place(masked);
    if (strlen(masked) != len)
        fuzz_fail("masking changed the connection string's length");
    char *password = libpq_password(masked);
    if (password && strspn(password, "*") != strlen(password))
        fuzz_fail("libpq reads a password from a masked connection string");
    free(password);
    free(masked);
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
    PlatformError err = {0};
    if (pgurl_parse(text, &u, &err)) {
        for (int i = 0; i < u.nparams; i++)
            (void)pgurl_param(&u, u.keys[i]);
        (void)pgurl_param(&u, "sslmode");
        (void)pgurl_at_address(&u, "db.example.com:5432");
        (void)pgurl_at_address(&u, u.host ? u.host : "");
        if (checkable_password(text, &u)) {
            char *masked = pgurl_mask(text);
            if (strstr(u.masked, u.password) || strstr(masked, u.password))
                fuzz_fail("a masked URL shows the password");
            free(masked);
        }
        pgurl_free(&u);
    } else {
        platform_error_free(&err);
    }
    free(pgurl_mask(text));
    free(http_display_url(text));
    free(http_url_host(text));
    (void)jwt_expiry(text);
    check_connstr_mask(text);
    free(text);
    return 0;
}
