#include "tunnel/connstr_secret.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "util/xalloc.h"

static const char *const url_schemes[] = {"postgresql://", "postgres://", "postgis://"};

static size_t url_scheme_length(const char *s)
{
    for (size_t i = 0; i < sizeof(url_schemes) / sizeof(url_schemes[0]); i++)
        if (strncasecmp(s, url_schemes[i], strlen(url_schemes[i])) == 0)
            return strlen(url_schemes[i]);
    return 0;
}

static void add_span(SecretSpan *spans, size_t max, size_t *n, size_t start, size_t length)
{
    if (length > 0 && *n < max)
        spans[*n] = (SecretSpan){start, length};
    if (length > 0)
        (*n)++;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* whether the len bytes at key, %XX escapes decoded as libpq decodes them, name a secret */
static bool secret_key(const char *key, size_t len)
{
    char decoded[16];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        if (c == '%' && i + 2 < len && hex_value(key[i + 1]) >= 0 && hex_value(key[i + 2]) >= 0) {
            c = (char)(hex_value(key[i + 1]) * 16 + hex_value(key[i + 2]));
            i += 2;
        }
        if (n == sizeof(decoded) - 1)
            return false;
        decoded[n++] = c;
    }
    decoded[n] = '\0';
    return strcasecmp(decoded, "password") == 0 || strcasecmp(decoded, "sslpassword") == 0;
}

/*
 * user:PASSWORD@ and ?...password=VALUE.  libpq takes everything before an '@' that comes
 * before the first '/' as the user-info, '?' included, up to the first such '@'; the query
 * string starts at the first '?' after that, and its keys are %XX-decoded.  The user-info
 * span runs to the last such '@' (the whole password when it holds a stray '@', which
 * libpq would cut short); spans may overlap.
 */
static size_t url_spans(const char *s, size_t skip, SecretSpan *spans, size_t max)
{
    size_t n = 0;
    const char *auth = s + skip;
    size_t auth_len = strcspn(auth, "/");
    const char *first_at = memchr(auth, '@', auth_len), *at = NULL;
    for (size_t i = 0; i < auth_len; i++)
        if (auth[i] == '@')
            at = auth + i;
    if (at) {
        const char *colon = memchr(auth, ':', (size_t)(at - auth));
        if (colon)
            add_span(spans, max, &n, (size_t)(colon + 1 - s), (size_t)(at - colon - 1));
    }
    const char *q = strchr(first_at ? first_at + 1 : auth, '?');
    while (q) {
        q++;
        size_t len = strcspn(q, "&");
        const char *eq = memchr(q, '=', len);
        if (eq && secret_key(q, (size_t)(eq - q)))
            add_span(spans, max, &n, (size_t)(eq + 1 - s), len - (size_t)(eq + 1 - q));
        q = q[len] == '&' ? q + len : NULL;
    }
    return n;
}

/* a conninfo value: 'quoted with \' and \\' or a bare word; its end */
static size_t value_end(const char *s, size_t i)
{
    if (s[i] != '\'') {
        /* as in libpq, a backslash keeps the next character, a space included, in the value */
        while (s[i] && !isspace((unsigned char)s[i]))
            i += s[i] == '\\' && s[i + 1] ? 2 : 1;
        return i;
    }
    for (i++; s[i] && s[i] != '\''; i++)
        if (s[i] == '\\' && s[i + 1])
            i++;
    return s[i] ? i + 1 : i;
}

static size_t conninfo_spans(const char *s, SecretSpan *spans, size_t max)
{
    size_t n = 0, i = 0;
    for (;;) {
        while (s[i] && isspace((unsigned char)s[i]))
            i++;
        if (!s[i])
            return n;
        size_t key = i;
        while (s[i] && s[i] != '=' && !isspace((unsigned char)s[i]))
            i++;
        size_t keylen = i - key;
        while (s[i] && isspace((unsigned char)s[i]))
            i++;
        if (s[i] != '=')
            return n;       /* not a conninfo string: nothing we can tell */
        i++;
        while (s[i] && isspace((unsigned char)s[i]))
            i++;
        size_t end = value_end(s, i);
        if ((keylen == 8 && strncmp(s + key, "password", 8) == 0) ||
            (keylen == 11 && strncmp(s + key, "sslpassword", 11) == 0)) {
            /* inside the quotes only: the masked string must split into the same words as the original */
            size_t from = i, to = end;
            if (s[i] == '\'') {
                from = i + 1;
                if (to > from && s[to - 1] == '\'')
                    to--;
            }
            add_span(spans, max, &n, from, to - from);
        }
        i = end;
    }
}

size_t connstr_secret_spans(const char *s, SecretSpan *spans, size_t max)
{
    size_t skip = url_scheme_length(s);
    return skip ? url_spans(s, skip, spans, max) : conninfo_spans(s, spans, max);
}

/* stars over every span, however many (libpq keeps the last of several password=); whether a character changed */
static bool mask_spans_once(char *s)
{
    size_t n = connstr_secret_spans(s, NULL, 0);
    SecretSpan *spans = xcalloc(n ? n : 1, sizeof(*spans));
    connstr_secret_spans(s, spans, n);
    bool changed = false;
    for (size_t i = 0; i < n; i++)
        for (size_t j = spans[i].start; j < spans[i].start + spans[i].length; j++) {
            changed |= s[j] != '*';
            s[j] = '*';
        }
    free(spans);
    return changed;
}

void connstr_mask_in_place(char *s)
{
    /*
     * a user-info span that runs past its first '@' can swallow the '?' that began the query
     * string, and libpq then reads a later '?...password=' of the masked text: look again at
     * what masking made, until it shows no password but stars
     */
    while (mask_spans_once(s))
        ;
}
