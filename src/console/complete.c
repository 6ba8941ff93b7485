/*
 * Tab completion: reads the request (the statement typed so far, the line, the
 * word under the cursor), finds psql's words before the word -- over the whole
 * statement, earlier lines included -- hands them to the rule chain, then sorts
 * and trims the candidates for the line editor.
 */
#include "console/complete.h"

#include <stdlib.h>
#include <string.h>

#include "console/complete_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static bool is_word_break(char ch)
{
    return ch != '\0' && strchr(COMPLETE_WORD_BREAKS, ch) != NULL;
}

/*
 * The line editor splits words at WORD_BREAKS only, so in `"My Ta` or `'my fi`
 * the word it hands over starts after the space.  The word really starts at the
 * unclosed quote (or the start of the word holding it, as in `public."My Ta`).
 */
static int word_start(const char *line, int start)
{
    char quote = 0;
    int open = -1;
    for (int i = 0; i < start; i++) {
        if (quote) {
            if (line[i] == quote)
                quote = 0;
        } else if (line[i] == '"' || line[i] == '\'') {
            quote = line[i];
            open = i;
        }
    }
    /* '{' breaks words, but ":{?name}" is one variable reference */
    if (!quote)
        return start >= 2 && line[start - 1] == '{' && line[start - 2] == ':' ? start - 2 : start;
    while (open > 0 && !is_word_break(line[open - 1]))
        open--;
    return open;
}

/* psql's words before the word being completed: the earlier lines, a newline, then this line */
static void previous_words(Words *out, const CompletionRequest *req, int ws)
{
    StrBuf text = STRBUF_INIT;
    if (req->buffer && *req->buffer) {
        sb_append(&text, req->buffer);
        sb_append_char(&text, '\n');
    }
    sb_append_n(&text, req->line, (size_t)ws);
    words_before(out, sb_str(&text), text.len);
    sb_free(&text);
}

static void dispatch(CompCtx *c, const CompletionRequest *req, int ws)
{
    if (c->text[0] == '\\') {
        complete_backslash_names(c);
        return;
    }
    if (c->text[0] == ':' && c->text[1] != ':') {
        complete_variable_ref(c);
        return;
    }
    Words prev = {0};
    previous_words(&prev, req, ws);
    if (prev.n == 0)
        cand_keywords(c, complete_sql_commands);
    else
        complete_sql(c, &prev);
    words_free(&prev);
}

typedef struct Cand {
    char *text;
    bool nospace;
} Cand;

static int compare_cands(const void *a, const void *b)
{
    return strcmp(((const Cand *)a)->text, ((const Cand *)b)->text);
}

/*
 * Sorted, without duplicates, and without the part of the word before the
 * editor's start (see word_start), which each candidate must repeat.
 */
static char **finish(CompCtx *c, const char *word, size_t skip, bool *append_space)
{
    Cand *all = xcalloc(c->n + 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (strncmp(c->v[i], word, skip) != 0) {
            free(c->v[i]);
            continue;
        }
        memmove(c->v[i], c->v[i] + skip, strlen(c->v[i] + skip) + 1);
        all[n].text = c->v[i];
        all[n++].nospace = c->nospace[i];
    }
    qsort(all, n, sizeof *all, compare_cands);
    char **out = n ? xcalloc(n + 1, sizeof *out) : NULL;
    size_t kept = 0;
    bool all_nospace = true;
    for (size_t i = 0; i < n; i++) {
        if (kept > 0 && strcmp(all[i].text, out[kept - 1]) == 0) {
            free(all[i].text);
            continue;
        }
        out[kept++] = all[i].text;
        all_nospace = all_nospace && all[i].nospace;
    }
    *append_space = !(kept > 0 && all_nospace);
    free(all);
    return out;
}

char **complete_candidates(Session *s, const CompletionRequest *req, CompletionHints *hints)
{
    CompletionHints ignored;
    if (!hints)
        hints = &ignored;
    hints->append_space = true;
    hints->keep_typed = false;
    if (!s || !req || !req->line)
        return NULL;
    int len = (int)strlen(req->line);
    if (req->start < 0 || req->end < req->start || req->end > len)
        return NULL;
    int ws = word_start(req->line, req->start);
    char *word = xstrndup(req->line + ws, (size_t)(req->end - ws));
    CompCtx c = {.s = s, .text = word, .line = req->line, .start = ws};
    dispatch(&c, req, ws);
    char **out = finish(&c, req->line + ws, (size_t)(req->start - ws), &hints->append_space);
    hints->keep_typed = c.keep_typed;
    free(c.v);
    free(c.nospace);
    free(c.keep);
    free(word);
    return out;
}
