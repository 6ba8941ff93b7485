#include "console/history_filter.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/*
 * The filter errs on the side of forgetting: an entry is judged by its words
 * wherever they stand (several statements, \; separators, quoted text), because a
 * line left out of the history costs little and a password written to it costs much.
 */

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* the next word (letters, digits, _; a leading backslash kept), after skipping anything else */
static const char *next_word(const char *p, size_t *len)
{
    while (*p && !(is_word_char(*p) || *p == '\\'))
        p++;
    const char *start = p;
    if (*p == '\\')
        p++;
    while (*p && is_word_char(*p))
        p++;
    *len = (size_t)(p - start);
    return start;
}

static bool word_is(const char *w, size_t len, const char *word)
{
    return len == strlen(word) && strncasecmp(w, word, len) == 0;
}

static bool word_is_any(const char *w, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (word_is(w, len, *words))
            return true;
    return false;
}

/* a word that names a secret: ...PASSWORD, ...TOKEN, ...SECRET (PGPASSWORD, SCALINGO_API_TOKEN) */
static bool names_secret(const char *w, size_t len)
{
    static const char *const endings[] = {"password", "passwd", "token", "secret", NULL};
    for (const char *const *e = endings; *e; e++) {
        size_t n = strlen(*e);
        if (len >= n && strncasecmp(w + len - n, *e, n) == 0)
            return true;
    }
    return false;
}

/*
 * CREATE/ALTER ROLE|USER|GROUP ... PASSWORD anywhere in the entry, and OPTIONS
 * (... password ...) of servers and user mappings: the password word after either.
 */
static bool statement_with_password(const char *entry)
{
    static const char *const verbs[] = {"create", "alter", NULL};
    static const char *const role_words[] = {"role", "user", "group", NULL};
    bool armed = false, after_verb = false;
    size_t len;
    for (const char *w = next_word(entry, &len); len > 0; w = next_word(w + len, &len)) {
        if (armed && word_is(w, len, "password"))
            return true;
        if (after_verb && word_is_any(w, len, role_words))
            armed = true;
        if (word_is(w, len, "options"))
            armed = true;
        after_verb = word_is_any(w, len, verbs);
    }
    return false;
}

/* \password, and \setenv of a variable that names a secret */
static bool command_with_secret(const char *entry)
{
    size_t len;
    for (const char *w = next_word(entry, &len); len > 0; w = next_word(w + len, &len)) {
        if (word_is(w, len, "\\password"))
            return true;
        if (word_is(w, len, "\\setenv")) {
            const char *name = next_word(w + len, &len);
            if (len > 0 && names_secret(name, len))
                return true;
        }
    }
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

/* password=..., sslpassword=..., PGPASSWORD=..., SCALINGO_API_TOKEN=... */
static bool assignment_of_secret(const char *entry)
{
    size_t len;
    for (const char *w = next_word(entry, &len); len > 0; w = next_word(w + len, &len)) {
        const char *after = w + len;
        while (*after == ' ' || *after == '\t')
            after++;
        if (*after == '=' && names_secret(w, len))
            return true;
    }
    return false;
}

bool history_entry_has_secret(const char *entry)
{
    return command_with_secret(entry) || statement_with_password(entry) || url_with_password(entry) ||
           assignment_of_secret(entry);
}
