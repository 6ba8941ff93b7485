/*
 * Tab completion: reads the request (the statement so far, the line, the word
 * under the cursor), decides which context the word is in -- a backslash command
 * name, a :variable, an argument of a backslash command, or SQL -- hands it to
 * the module for that context, then sorts and trims the candidates for the line
 * editor.
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

/*
 * Where the last backslash command before `end` starts, or -1.  *sql_from is
 * where SQL text resumes on the line (after a "\\" separator), else 0.
 */
static int meta_start(const char *line, int end, int *sql_from)
{
    int meta = -1;
    char quote = 0;
    *sql_from = 0;
    for (int i = 0; i < end; i++) {
        char ch = line[i];
        if (quote) {
            if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"' || (ch == '`' && meta >= 0)) {
            quote = ch;
        } else if (ch == '\\' && i + 1 < end && line[i + 1] == '\\') {
            meta = -1;
            *sql_from = i + 2;
            i++;
        } else if (ch == '\\') {
            meta = i;
        }
    }
    return meta;
}

/* drops the words up to and including the last ";": they belong to earlier statements */
static void keep_last_statement(Words *w)
{
    for (int i = w->n - 1; i >= 0; i--)
        if (strcmp(w->v[i], ";") == 0) {
            words_remove(w, 0, i + 1);
            return;
        }
}

/* the rest of the statement after the cursor, for the tables it names */
static void append_rest_of_statement(Words *stmt, const char *after)
{
    while (*after && !is_word_break(*after))
        after++;                    /* the remainder of the word under the cursor */
    Words rest = {0};
    words_split(&rest, after, strlen(after), true);
    for (int i = 0; i < rest.n && strcmp(rest.v[i], ";") != 0; i++)
        words_push(stmt, rest.v[i], strlen(rest.v[i]));
    words_free(&rest);
}

static void sql_context(CompCtx *c, const CompletionRequest *req, int ws, int sql_from)
{
    StrBuf before = STRBUF_INIT;
    if (req->buffer && *req->buffer && sql_from == 0) {
        sb_append(&before, req->buffer);
        sb_append_char(&before, '\n');
    }
    sb_append_n(&before, req->line + sql_from, (size_t)(ws - sql_from));
    Words prev = {0}, stmt = {0};
    words_split(&prev, sb_str(&before), before.len, false);
    keep_last_statement(&prev);
    words_split(&stmt, sb_str(&before), before.len, true);
    keep_last_statement(&stmt);
    append_rest_of_statement(&stmt, req->line + req->end);
    complete_sql(c, &prev, &stmt);
    words_free(&prev);
    words_free(&stmt);
    sb_free(&before);
}

static void dispatch(CompCtx *c, const CompletionRequest *req, int ws)
{
    int sql_from;
    if (c->text[0] == '\\') {
        complete_backslash_names(c);
        return;
    }
    if (c->text[0] == ':' && c->text[1] != ':') {
        complete_variable_ref(c);
        return;
    }
    int meta = meta_start(req->line, ws, &sql_from);
    if (meta < 0) {
        sql_context(c, req, ws, sql_from);
        return;
    }
    Words args = {0};
    words_split(&args, req->line + meta, (size_t)(ws - meta), false);
    if (args.n > 0)
        complete_meta_args(c, &args);
    words_free(&args);
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

char **complete_candidates(Session *s, const CompletionRequest *req, bool *append_space)
{
    bool ignored;
    if (!append_space)
        append_space = &ignored;
    *append_space = true;
    if (!s || !req || !req->line)
        return NULL;
    int len = (int)strlen(req->line);
    if (req->start < 0 || req->end < req->start || req->end > len)
        return NULL;
    int ws = word_start(req->line, req->start);
    char *word = xstrndup(req->line + ws, (size_t)(req->end - ws));
    CompCtx c = {.s = s, .text = word};
    dispatch(&c, req, ws);
    char **out = finish(&c, req->line + ws, (size_t)(req->start - ws), append_space);
    free(c.v);
    free(c.nospace);
    free(c.keep);
    free(word);
    return out;
}
