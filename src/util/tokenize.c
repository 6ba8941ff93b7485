#include "util/tokenize.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct Tokenizer {
    char *storage;     /* room for a terminator after every token */
    char *next;
    int encoding;
};

static size_t char_len(const char *p, int encoding)
{
    int n = PQmblen(p, encoding);
    size_t left = strlen(p);
    if (n < 1)
        return 1;
    return (size_t)n > left ? (left ? left : 1) : (size_t)n;
}

Tokenizer *tok_start(const char *text, int encoding)
{
    Tokenizer *t = xcalloc(1, sizeof(Tokenizer));
    t->storage = xmalloc(2 * strlen(text) + 1);
    strcpy(t->storage, text);
    t->next = t->storage;
    t->encoding = encoding;
    return t;
}

void tok_end(Tokenizer *t)
{
    if (t) {
        free(t->storage);
        free(t);
    }
}

/* ends the token at p, making room when p is not a whitespace character */
static void terminate_at(Tokenizer *t, char *p, const char *whitespace)
{
    if (*p == '\0') {
        t->next = p;
        return;
    }
    if (!strchr(whitespace, *p))
        memmove(p + 1, p, strlen(p) + 1);
    *p = '\0';
    t->next = p + 1;
}

static char *quoted_token(Tokenizer *t, char *start, char *p, char escape, const char *whitespace,
                          bool del_quotes)
{
    char quote = *p++;
    while (*p) {
        if (*p == escape && p[1] != '\0')
            p += 1 + char_len(p + 1, t->encoding);
        else if (*p == quote && p[1] == quote)
            p += 2;
        else if (*p == quote) {
            p++;
            break;
        } else
            p += char_len(p, t->encoding);
    }
    terminate_at(t, p, whitespace);
    if (del_quotes)
        tok_strip_quotes(start, quote, escape, t->encoding);
    return start;
}

const char *tok_next(Tokenizer *t, const char *whitespace, const char *delim, const char *quote, char escape,
                     bool e_strings, bool del_quotes)
{
    if (!t->next)
        return NULL;
    char *start = t->next + strspn(t->next, whitespace);
    if (*start == '\0') {
        t->next = NULL;
        return NULL;
    }
    if (delim && strchr(delim, *start)) {
        terminate_at(t, start + 1, whitespace);
        return start;
    }
    char *p = start;
    if (e_strings && (*p == 'E' || *p == 'e') && p[1] == '\'') {
        quote = "'";
        escape = '\\';
        p++;
    }
    if (quote && strchr(quote, *p))
        return quoted_token(t, start, p, escape, whitespace, del_quotes);
    size_t len = strcspn(start, whitespace);
    if (delim && strcspn(start, delim) < len)
        len = strcspn(start, delim);
    if (quote && strcspn(start, quote) < len)
        len = strcspn(start, quote);
    terminate_at(t, start + len, whitespace);
    return start;
}

void tok_strip_quotes(char *source, char quote, char escape, int encoding)
{
    char *src = source, *dst = source;
    if (*src && *src == quote)
        src++;
    while (*src) {
        char c = *src;
        if (c == quote && src[1] == '\0')
            break;
        if (c == quote && src[1] == quote)
            src++;
        else if (c == escape && src[1] != '\0')
            src++;
        size_t n = char_len(src, encoding);
        memmove(dst, src, n);
        dst += n;
        src += n;
    }
    *dst = '\0';
}
