/*
 * Building blocks of tab completion: finding psql's words before the cursor,
 * testing rule conditions on them, collecting candidates, keyword case and
 * identifier quoting.
 */
#include <ctype.h>
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

void words_free(Words *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    w->v = NULL;
    w->n = w->cap = 0;
}

const char *word_back(const Words *w, int n)
{
    return n >= 1 && n <= w->n ? w->v[w->n - n] : "";
}

static bool is_break(char ch)
{
    return ch != '\0' && strchr(COMPLETE_WORD_BREAKS, ch) != NULL;
}

/*
 * Where the word ending at `end` starts, scanning backwards as psql does: a
 * closing parenthesis takes the whole group with it, an opening one that is not
 * closed stands alone, and double quotes hide both.
 */
static size_t word_start_back(const char *t, size_t end)
{
    bool in_quotes = false;
    int depth = 0;
    size_t i;
    for (i = end; i > 0; i--) {
        if (t[i] == '"')
            in_quotes = !in_quotes;
        if (in_quotes)
            continue;
        if (t[i] == ')') {
            depth++;
        } else if (t[i] == '(') {
            if (--depth <= 0)
                break;
        } else if (depth == 0 && is_break(t[i - 1])) {
            break;
        }
    }
    return i;
}

void words_before(Words *out, const char *t, size_t point)
{
    Words rev = {0};
    /* the part of the word under the cursor that is before it does not count */
    long pos = (long)point - 1;
    while (pos >= 0 && !is_break(t[pos]))
        pos--;
    while (pos >= 0) {
        while (pos >= 0 && isspace((unsigned char)t[pos]))
            pos--;
        if (pos < 0)
            break;
        size_t begin = word_start_back(t, (size_t)pos);
        words_push(&rev, t + begin, (size_t)pos - begin + 1);
        pos = (long)begin - 1;
    }
    for (int i = rev.n - 1; i >= 0; i--) {
        words_push(out, rev.v[i], strlen(rev.v[i]));
    }
    words_free(&rev);
}

/* ---- patterns and conditions ---- */

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
    for (;;) {
        const char *bar = memchr(alts, '|', (size_t)(end - alts));
        const char *stop = bar ? bar : end;
        if (alternative_matches(alts, (size_t)(stop - alts), word, cs))
            return true;
        if (!bar)
            return false;
        alts = bar + 1;
    }
}

typedef enum MatchMode { MATCH_ALL, MATCH_HEAD, MATCH_TAIL } MatchMode;

/* the pattern words in [p, end) against the words, as the mode says */
static bool pattern_holds(const char *p, const char *end, const Words *w, MatchMode mode, bool cs)
{
    int count = 0;
    for (const char *q = p; q < end; q++)
        count += *q != ' ' && (q == p || q[-1] == ' ');
    if (w->n < count || (mode == MATCH_ALL && w->n != count))
        return false;
    int at = mode == MATCH_TAIL ? w->n - count : 0;
    for (;;) {
        while (p < end && *p == ' ')
            p++;
        if (p >= end)
            return true;
        const char *stop = p;
        while (stop < end && *stop != ' ')
            stop++;
        if (!word_matches(p, (size_t)(stop - p), w->v[at++], cs))
            return false;
        p = stop;
    }
}

static bool term_holds(const char *t, const char *end, const Words *w, int version)
{
    if (t < end && *t == '!')
        return !term_holds(t + 1, end, w, version);
    if (t < end && *t == '#')
        return version == 0 || version >= atoi(t + 1);
    if (t < end && *t == '~') {
        const char *last = word_back(w, 1);
        size_t len = strlen(last);
        return w->n > 0 && len > 0 && memchr(t + 1, last[len - 1], (size_t)(end - t - 1)) != NULL;
    }
    MatchMode mode = *t == '=' ? MATCH_ALL : *t == '^' ? MATCH_HEAD : MATCH_TAIL;
    bool cs = t + 1 < end && t[1] == 'c';
    const char *p = t + (cs ? 2 : 1);
    while (p < end && *p == ' ')
        p++;
    return pattern_holds(p, end, w, mode, cs);
}

/* The next " || " or " && " in the condition from p on, or NULL.  strpbrk jumps
 * between the rare '|' and '&': this runs over every rule at each Tab. */
static const char *next_separator(const char *cond, const char *p)
{
    for (p = strpbrk(p, "|&"); p; p = strpbrk(p + 1, "|&"))
        if (p > cond && p[-1] == ' ' && p[1] == p[0] && p[1] && p[2] == ' ')
            return p - 1;
    return NULL;
}

/* One pass over the condition, each term checked as its end is found. */
bool condition_holds(const char *cond, const Words *w, int version)
{
    const char *term = cond;
    bool all = true;
    for (;;) {
        const char *sep = next_separator(cond, term);
        const char *term_end = sep ? sep : term + strlen(term);
        if (all)
            all = term_holds(term, term_end, w, version);
        if (!sep || sep[1] == '|') {
            if (all)
                return true;
            if (!sep)
                return false;
            all = true;
        }
        term = sep + 4;
    }
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
