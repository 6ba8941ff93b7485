/*
 * Looking at the first words of a statement: whether it may run inside the
 * transaction block AUTOCOMMIT=off opens, whether FETCH_COUNT may wrap it in a
 * cursor, and what pipelining must know of it (a COPY, the start or end of a block).
 */
#include <ctype.h>
#include <libpq-fe.h>
#include <string.h>
#include <strings.h>

#include "exec/query.h"
#include "exec/statement_kind.h"

/* skips whitespace, -- comments and nested slash-star comments */
static const char *skip_white_space(const char *q)
{
    int depth = 0;
    while (*q) {
        if (isspace((unsigned char)*q)) {
            q++;
        } else if (q[0] == '/' && q[1] == '*') {
            depth++;
            q += 2;
        } else if (depth > 0 && q[0] == '*' && q[1] == '/') {
            depth--;
            q += 2;
        } else if (depth == 0 && q[0] == '-' && q[1] == '-') {
            q += 2;
            while (*q && *q != '\n')
                q++;
        } else if (depth > 0) {
            q++;
        } else {
            break;
        }
    }
    return q;
}

typedef struct WordCursor {
    const char *pos;
    size_t len;
    int encoding;
} WordCursor;

static void next_word(WordCursor *w, bool first)
{
    if (!first)
        w->pos += w->len;
    w->pos = skip_white_space(w->pos);
    w->len = 0;
    while (isalpha((unsigned char)w->pos[w->len])) {
        int n = PQmblen(w->pos + w->len, w->encoding);
        w->len += n > 0 ? (size_t)n : 1;
    }
}

static bool word_is(const WordCursor *w, const char *word)
{
    return w->len == strlen(word) && strncasecmp(w->pos, word, w->len) == 0;
}

static bool followed_by_concurrently(WordCursor *w)
{
    next_word(w, false);
    return word_is(w, "concurrently");
}

static bool create_no_begin(WordCursor *w)
{
    next_word(w, false);
    if (word_is(w, "database") || word_is(w, "tablespace"))
        return true;
    if (word_is(w, "unique"))
        next_word(w, false);
    return word_is(w, "index") && followed_by_concurrently(w);
}

static bool drop_or_reindex_no_begin(WordCursor *w)
{
    next_word(w, false);
    if (word_is(w, "database") || word_is(w, "system") || word_is(w, "tablespace"))
        return true;
    if (word_is(w, "index") || word_is(w, "table"))
        return followed_by_concurrently(w);
    return false;
}

bool exec_command_no_begin(const char *query, int encoding)
{
    static const char *const txn_words[] = {"abort", "begin", "start", "commit", "end", "rollback", "vacuum"};
    WordCursor w = {query, 0, encoding};
    next_word(&w, true);
    for (size_t i = 0; i < sizeof(txn_words) / sizeof(txn_words[0]); i++)
        if (word_is(&w, txn_words[i]))
            return true;
    if (word_is(&w, "prepare")) {
        next_word(&w, false);
        return word_is(&w, "transaction");
    }
    if (word_is(&w, "cluster")) {
        /* CLUSTER with arguments may run in a transaction */
        const char *rest = skip_white_space(w.pos + w.len);
        return !isalpha((unsigned char)rest[0]);
    }
    if (word_is(&w, "create"))
        return create_no_begin(&w);
    if (word_is(&w, "alter")) {
        next_word(&w, false);
        return word_is(&w, "system");
    }
    if (word_is(&w, "drop") || word_is(&w, "reindex"))
        return drop_or_reindex_no_begin(&w);
    if (word_is(&w, "discard")) {
        next_word(&w, false);
        return word_is(&w, "all");
    }
    return false;
}

/* the statement's first word, past any opening parentheses */
static WordCursor first_word_in_parentheses(const char *query, int encoding)
{
    for (;;) {
        query = skip_white_space(query);
        if (*query != '(')
            break;
        query++;
    }
    WordCursor w = {query, 0, encoding};
    next_word(&w, true);
    return w;
}

bool exec_is_select_command(const char *query, int encoding)
{
    WordCursor w = first_word_in_parentheses(query, encoding);
    return word_is(&w, "select") || word_is(&w, "values");
}

/* ROLLBACK [WORK | TRANSACTION] TO ... stays in the block */
static bool rollback_to_savepoint(WordCursor *w)
{
    next_word(w, false);
    if (word_is(w, "work") || word_is(w, "transaction"))
        next_word(w, false);
    return word_is(w, "to");
}

StatementRole exec_statement_role(const char *query, int encoding)
{
    static const char *const ends[] = {"commit", "end", "abort"};
    WordCursor w = {query, 0, encoding};
    next_word(&w, true);
    if (w.len == 0 && (*w.pos == ';' || *w.pos == '\0')) {
        const char *rest = w.pos;
        while (*rest == ';' || isspace((unsigned char)*rest))
            rest = skip_white_space(rest + (*rest == ';'));
        if (*rest == '\0')
            return STMT_EMPTY;
    }
    if (word_is(&w, "copy"))
        return STMT_COPY;
    if (word_is(&w, "begin") || word_is(&w, "start"))
        return STMT_BLOCK_START;
    for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
        if (word_is(&w, ends[i]))
            return STMT_BLOCK_END;
    if (word_is(&w, "rollback"))
        return rollback_to_savepoint(&w) ? STMT_OTHER : STMT_BLOCK_END;
    if (word_is(&w, "prepare")) {
        next_word(&w, false);
        return word_is(&w, "transaction") ? STMT_BLOCK_END : STMT_OTHER;
    }
    return STMT_OTHER;
}

bool exec_statement_may_fire_rules(const char *query, int encoding)
{
    static const char *const words[] = {"insert", "update", "delete", "merge", "with", "execute"};
    WordCursor w = first_word_in_parentheses(query, encoding);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (word_is(&w, words[i]))
            return true;
    return false;
}
