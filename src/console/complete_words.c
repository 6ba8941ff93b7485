/*
 * Building blocks of tab completion: splitting text into psql's words, matching
 * them against patterns, collecting candidates, keyword case and identifier
 * quoting.
 */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "console/complete_int.h"
#include "sql/identifier.h"
#include "util/xalloc.h"

/* ---- words ---- */

void words_push(Words *w, const char *s, size_t len)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 16;
        w->v = xrealloc(w->v, (size_t)w->cap * sizeof *w->v);
    }
    w->v[w->n++] = xstrndup(s, len);
}

void words_remove(Words *w, int at, int count)
{
    if (at < 0 || count <= 0 || at >= w->n)
        return;
    if (at + count > w->n)
        count = w->n - at;
    for (int i = at; i < at + count; i++)
        free(w->v[i]);
    memmove(w->v + at, w->v + at + count, (size_t)(w->n - at - count) * sizeof *w->v);
    w->n -= count;
}

void words_free(Words *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static bool is_break(char ch)
{
    return ch != '\0' && strchr(COMPLETE_WORD_BREAKS, ch) != NULL;
}

/* index of the ')' closing the '(' at `open`, or 0 when it is not closed */
static size_t closing_paren(const char *t, size_t open, size_t len)
{
    int depth = 0;
    char quote = 0;
    for (size_t i = open; i < len; i++) {
        char ch = t[i];
        if (quote) {
            if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
        } else if (ch == '(') {
            depth++;
        } else if (ch == ')' && --depth == 0) {
            return i;
        }
    }
    return 0;
}

/* end of a comment starting at i, or i when there is none */
static size_t skip_comment(const char *t, size_t i, size_t len)
{
    if (i + 1 < len && t[i] == '-' && t[i + 1] == '-') {
        while (i < len && t[i] != '\n')
            i++;
        return i;
    }
    if (i + 1 < len && t[i] == '/' && t[i + 1] == '*') {
        const char *end = NULL;
        for (size_t j = i + 2; j + 1 < len; j++)
            if (t[j] == '*' && t[j + 1] == '/') {
                end = t + j + 2;
                break;
            }
        return end ? (size_t)(end - t) : len;
    }
    return i;
}

static size_t plain_word_end(const char *t, size_t i, size_t len, bool split_commas)
{
    char quote = 0;
    for (; i < len; i++) {
        char ch = t[i];
        if (quote) {
            if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
        } else if (is_space(ch) || is_break(ch) || (split_commas && ch == ',')) {
            break;
        }
    }
    return i;
}

void words_split(Words *out, const char *t, size_t len, bool split_commas)
{
    size_t i = 0;
    while (i < len) {
        size_t after_comment = skip_comment(t, i, len);
        if (after_comment != i) {
            i = after_comment;
            continue;
        }
        char ch = t[i];
        if (is_space(ch)) {
            i++;
        } else if (ch == '(') {
            size_t close = closing_paren(t, i, len);
            size_t end = close ? close + 1 : i + 1;
            words_push(out, t + i, end - i);
            i = end;
        } else if (is_break(ch) || (split_commas && ch == ',')) {
            words_push(out, t + i, 1);
            i++;
        } else {
            size_t end = plain_word_end(t, i, len, split_commas);
            words_push(out, t + i, end - i);
            i = end;
        }
    }
}

/* ---- patterns ---- */

bool word_is(const char *word, const char *keyword)
{
    return strcasecmp(word, keyword) == 0;
}

bool word_ends_with(const char *word, char ch)
{
    size_t len = strlen(word);
    return len > 0 && word[len - 1] == ch;
}

static bool same(const char *a, const char *b, size_t n, bool cs)
{
    return cs ? strncmp(a, b, n) == 0 : strncasecmp(a, b, n) == 0;
}

static bool alternative_matches(const char *alt, size_t n, const char *word, bool cs)
{
    size_t wlen = strlen(word);
    const char *star = memchr(alt, '*', n);
    if (!star)
        return wlen == n && same(alt, word, n, cs);
    size_t pre = (size_t)(star - alt), post = n - pre - 1;
    return wlen >= pre + post && same(alt, word, pre, cs) && same(star + 1, word + wlen - post, post, cs);
}

bool word_matches(const char *alts, size_t len, const char *word, bool cs)
{
    if (len > 0 && alts[0] == '!')
        return !word_matches(alts + 1, len - 1, word, cs);
    const char *end = alts + len;
    while (alts <= end) {
        const char *bar = memchr(alts, '|', (size_t)(end - alts));
        const char *stop = bar ? bar : end;
        if (alternative_matches(alts, (size_t)(stop - alts), word, cs))
            return true;
        if (!bar)
            break;
        alts = bar + 1;
    }
    return false;
}

bool word_in(const char *word, const char *list)
{
    return word_matches(list, strlen(list), word, false);
}

enum { MAX_PATTERN_WORDS = 16 };

typedef struct Pattern {
    const char *start[MAX_PATTERN_WORDS];
    size_t len[MAX_PATTERN_WORDS];
    int n;
} Pattern;

static void pattern_parse(const char *p, const char *end, Pattern *out)
{
    out->n = 0;
    while (p < end && out->n < MAX_PATTERN_WORDS) {
        while (p < end && *p == ' ')
            p++;
        if (p >= end)
            break;
        const char *s = p;
        while (p < end && *p != ' ')
            p++;
        out->start[out->n] = s;
        out->len[out->n++] = (size_t)(p - s);
    }
}

static bool match_at(const Words *w, int at, const Pattern *p, bool cs)
{
    for (int i = 0; i < p->n; i++)
        if (!word_matches(p->start[i], p->len[i], w->v[at + i], cs))
            return false;
    return true;
}

typedef enum MatchMode { MATCH_HEAD, MATCH_TAIL, MATCH_EXACT } MatchMode;

static bool sequence_matches(const Words *w, int from, const Pattern *p, bool cs, MatchMode mode)
{
    int avail = w->n - from;
    if (avail < p->n || (mode == MATCH_EXACT && avail != p->n))
        return false;
    return match_at(w, mode == MATCH_TAIL ? w->n - p->n : from, p, cs);
}

/* a pattern may list whole alternative sequences separated by " | " */
static bool pattern_matches(const Words *w, int from, const char *pattern, bool cs, MatchMode mode)
{
    for (;;) {
        const char *sep = strstr(pattern, " | ");
        const char *end = sep ? sep : pattern + strlen(pattern);
        Pattern p;
        pattern_parse(pattern, end, &p);
        if (sequence_matches(w, from, &p, cs, mode))
            return true;
        if (!sep)
            return false;
        pattern = sep + 3;
    }
}

bool words_head_match(const Words *w, int from, const char *pattern, bool cs)
{
    return pattern_matches(w, from, pattern, cs, MATCH_HEAD);
}

bool words_tail_match(const Words *w, int from, const char *pattern, bool cs)
{
    return pattern_matches(w, from, pattern, cs, MATCH_TAIL);
}

bool words_exact_match(const Words *w, int from, const char *pattern, bool cs)
{
    return pattern_matches(w, from, pattern, cs, MATCH_EXACT);
}

/* ---- candidates ---- */

void cand_add_owned(CompCtx *c, char *item, bool nospace)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
        c->nospace = xrealloc(c->nospace, c->cap * sizeof *c->nospace);
    }
    if (c->keep && *c->keep) {
        char *joined = xasprintf("%s%s", c->keep, item);
        free(item);
        item = joined;
    }
    c->v[c->n] = item;
    c->nospace[c->n++] = nospace;
}

void cand_add(CompCtx *c, const char *item, bool nospace)
{
    cand_add_owned(c, xstrdup(item), nospace);
}

static bool ascii_lower(unsigned char ch)
{
    return ch >= 'a' && ch <= 'z';
}

static bool ascii_alpha(unsigned char ch)
{
    return ascii_lower(ch) || (ch >= 'A' && ch <= 'Z');
}

char *keyword_case(CompCase mode, const char *keyword, const char *typed)
{
    unsigned char first = (unsigned char)typed[0];
    bool preserve = mode == COMP_PRESERVE_LOWER || mode == COMP_PRESERVE_UPPER;
    /* the first letter typed decides under preserve-*; with none, the mode's own case */
    bool lower = mode == COMP_LOWER || (preserve && ascii_lower(first)) ||
                 (mode == COMP_PRESERVE_LOWER && !ascii_alpha(first));
    char *out = xstrdup(keyword);
    for (char *p = out; *p; p++) {
        if (lower && *p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
        else if (!lower && *p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    }
    return out;
}

void cand_keywords(CompCtx *c, const char *list)
{
    size_t tlen = strlen(c->text);
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n >= tlen && strncasecmp(p, c->text, tlen) == 0) {
            char *kw = xstrndup(p, n);
            cand_add_owned(c, keyword_case(c->s->comp_case, kw, c->text), false);
            free(kw);
        }
        p += n;
        if (*p == '|')
            p++;
    }
}

void cand_names(CompCtx *c, const char *const *names, size_t count, const char *suffix)
{
    size_t tlen = strlen(c->text);
    for (int pass = 0; pass < 2; pass++) {
        size_t found = 0;
        for (size_t i = 0; i < count; i++) {
            bool ok = pass == 0 ? strncmp(names[i], c->text, tlen) == 0
                                : strncasecmp(names[i], c->text, tlen) == 0;
            if (!ok)
                continue;
            found++;
            cand_add_owned(c, xasprintf("%s%s", names[i], suffix ? suffix : ""), false);
        }
        if (found)
            return;
    }
}

void cand_literals(CompCtx *c, const char *list)
{
    Words w = {0};
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        words_push(&w, p, n);
        p += n;
        if (*p == '|')
            p++;
    }
    cand_names(c, (const char *const *)w.v, (size_t)w.n, NULL);
    words_free(&w);
}

void ctx_keep_prefix(CompCtx *c, size_t split)
{
    char *kept = xasprintf("%s%.*s", c->keep ? c->keep : "", (int)split, c->text);
    free(c->keep);
    c->keep = kept;
    c->text += split;
}

/* ---- identifiers ---- */

static void append_part(char **out, const char *part, bool quote)
{
    if (quote)
        *(*out)++ = '"';
    for (const char *p = part; *p; p++) {
        *(*out)++ = *p;
        if (*p == '"' && quote)
            *(*out)++ = '"';
    }
    if (quote)
        *(*out)++ = '"';
}

char *ident_requote(const char *schema, const char *object, bool quote_schema, bool quote_object)
{
    size_t size = 2 * ((schema ? strlen(schema) : 0) + (object ? strlen(object) : 0)) + 8;
    char *result = xmalloc(size), *out = result;
    if (schema) {
        append_part(&out, schema, quote_schema || sql_ident_needs_quotes(schema));
        *out++ = '.';
    }
    if (object)
        append_part(&out, object, quote_object || sql_ident_needs_quotes(object));
    *out = '\0';
    return result;
}

void ident_parse(const char *text, int encoding, bool split_schema, char **schema, char **object,
                 bool *schema_quoted, bool *object_quoted)
{
    size_t size = strlen(text) + 1;
    char *part = xmalloc(size), *out = part;
    bool in_quotes = false;
    *schema = NULL;
    *schema_quoted = *object_quoted = false;
    for (const char *p = text; *p;) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"') {
            if (in_quotes && p[1] == '"') {
                *out++ = '"';
                p += 2;
                continue;
            }
            in_quotes = !in_quotes;
            *object_quoted = true;
            p++;
        } else if (ch == '.' && !in_quotes && split_schema) {
            *out = '\0';
            free(*schema);          /* a database name in front is ignored */
            *schema = part;
            *schema_quoted = *object_quoted;
            *object_quoted = false;
            part = out = xmalloc(size);
            p++;
        } else if (ch >= 0x80) {
            /* multibyte characters are copied whole: their trailing bytes may look like ASCII */
            int n = PQmblenBounded(p, encoding);
            for (int i = 0; i < n && *p; i++)
                *out++ = *p++;
        } else {
            *out++ = (!in_quotes && ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : (char)ch;
            p++;
        }
    }
    *out = '\0';
    *object = part;
}
