#include "console/history_filter.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* the next word (letters, digits, _), after skipping anything else */
static const char *next_word(const char *p, size_t *len)
{
    while (*p && !(isalnum((unsigned char)*p) || *p == '_' || *p == '\\'))
        p++;
    const char *start = p;
    if (*p == '\\')
        p++;
    while (*p && (isalnum((unsigned char)*p) || *p == '_'))
        p++;
    *len = (size_t)(p - start);
    return start;
}

static bool word_is(const char *w, size_t len, const char *word)
{
    return len == strlen(word) && strncasecmp(w, word, len) == 0;
}

static bool role_statement_with_password(const char *entry)
{
    size_t len;
    const char *w = next_word(entry, &len);
    if (!word_is(w, len, "create") && !word_is(w, len, "alter"))
        return false;
    w = next_word(w + len, &len);
    if (!word_is(w, len, "role") && !word_is(w, len, "user") && !word_is(w, len, "group"))
        return false;
    for (w = next_word(w + len, &len); len > 0; w = next_word(w + len, &len))
        if (word_is(w, len, "password"))
            return true;
    return false;
}

/* scheme://user:password@host */
static bool url_with_password(const char *entry)
{
    for (const char *p = strstr(entry, "://"); p; p = strstr(p + 3, "://")) {
        const char *auth = p + 3;
        size_t span = strcspn(auth, "/@ \t\n'\"");
        if (auth[span] == '@' && memchr(auth, ':', span))
            return true;
    }
    return false;
}

static bool conninfo_password(const char *entry)
{
    for (const char *p = entry; (p = strcasestr(p, "password")) != NULL; p += 8) {
        const char *q = p + 8;
        while (*q == ' ' || *q == '\t')
            q++;
        bool word_start = p == entry || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        if (word_start && *q == '=')
            return true;
    }
    return false;
}

bool history_entry_has_secret(const char *entry)
{
    const char *p = entry;
    while (isspace((unsigned char)*p))
        p++;
    if (strncmp(p, "\\password", 9) == 0 || strstr(entry, "\n\\password") != NULL)
        return true;
    return role_statement_with_password(entry) || url_with_password(entry) || conninfo_password(entry);
}
