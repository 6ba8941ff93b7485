/*
 * Internals shared by the tab-completion modules:
 *   complete.c          the entry point: reads the request and picks a context
 *   complete_words.c    words, patterns, candidates, keyword case, identifier quoting
 *   complete_sql.c      SQL contexts, as a table of previous-word patterns
 *   complete_meta.c     backslash commands, their arguments, :variables, file names
 *   complete_catalog.c  catalog look-ups with a deadline, and their cache
 */
#ifndef PGC_COMPLETE_INT_H
#define PGC_COMPLETE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "console/complete.h"

/* psql's WORD_BREAKS: the line editor splits the word under the cursor at these */
#define COMPLETE_WORD_BREAKS " \t\n@$><=;|&{()"

/* psql's completion_max_records */
#define COMPLETE_MAX_RECORDS 1000

/* ---- words ---- */

typedef struct Words {
    char **v;
    int n;
    int cap;
} Words;

void words_push(Words *w, const char *s, size_t len);
void words_remove(Words *w, int at, int count);
void words_free(Words *w);
/*
 * psql's notion of words: whitespace separates them, each other word-break
 * character is a word of its own, quoted text and balanced parentheses stay in
 * one word ("(a, b)"), an unbalanced "(" is a word, comments are skipped.  With
 * split_commas, commas are words of their own too.
 */
void words_split(Words *out, const char *text, size_t len, bool split_commas);

/*
 * Patterns are words separated by spaces; each pattern word lists alternatives
 * separated by '|', an alternative may hold one '*' standing for any text, and
 * a leading '!' negates the whole pattern word.  Alternative sequences of words
 * are separated by " | " (a bar between spaces).
 */
bool word_matches(const char *alternatives, size_t len, const char *word, bool case_sensitive);
/* the words from index `from` on start with the pattern */
bool words_head_match(const Words *w, int from, const char *pattern, bool case_sensitive);
/* the last words match the pattern (and lie at or after `from`) */
bool words_tail_match(const Words *w, int from, const char *pattern, bool case_sensitive);
/* the words from index `from` on are exactly the pattern */
bool words_exact_match(const Words *w, int from, const char *pattern, bool case_sensitive);
bool word_is(const char *word, const char *keyword); /* case-insensitive equality */
bool word_in(const char *word, const char *list);    /* word_matches, case-insensitive */
bool word_ends_with(const char *word, char ch);

/* ---- the request being answered ---- */

typedef struct CompCtx {
    Session *s;
    const char *text;   /* what was typed of the part being completed */
    char *keep;         /* typed text kept verbatim in front of every candidate, or NULL */
    char **v;           /* candidates, without `keep` */
    bool *nospace;      /* per candidate: no space should follow it */
    size_t n;
    size_t cap;
} CompCtx;

/* adds keep + item */
void cand_add(CompCtx *c, const char *item, bool nospace);
void cand_add_owned(CompCtx *c, char *item, bool nospace);
/* '|'-separated SQL keywords matching the text case-insensitively, in COMP_KEYWORD_CASE */
void cand_keywords(CompCtx *c, const char *list);
/* names offered as they are: exact-case matches, or if there are none, any-case matches */
void cand_names(CompCtx *c, const char *const *names, size_t count, const char *suffix);
/* the same for a '|'-separated list */
void cand_literals(CompCtx *c, const char *list);
/* replaces c->text and c->keep: the first `split` bytes of the text are kept verbatim */
void ctx_keep_prefix(CompCtx *c, size_t split);

/* psql's pg_strdup_keyword_case */
char *keyword_case(CompCase mode, const char *keyword, const char *typed);

/* ---- identifiers ---- */

/* identifier quoting rules: sql_ident_needs_quotes and sql_ident_is_plain (function names may be keywords) */
#include "sql/identifier.h"
/* "schema." when object is NULL; parts are quoted when asked or needed */
char *ident_requote(const char *schema, const char *object, bool quote_schema, bool quote_object);
/*
 * Splits a possibly qualified, possibly partly quoted name into its parts,
 * folding unquoted letters to lower case as the server does.  *schema is NULL
 * when there is no '.' (or split_schema is false).
 */
void ident_parse(const char *text, int encoding, bool split_schema, char **schema, char **object,
                 bool *schema_quoted, bool *object_quoted);

/* ---- catalog look-ups ---- */

typedef enum CatKind {
    CAT_NONE,
    /* schema-qualified objects */
    CAT_TABLES, CAT_SELECTABLES, CAT_UPDATABLES, CAT_VIEWS, CAT_MATVIEWS, CAT_INDEXES,
    CAT_SEQUENCES, CAT_FOREIGN_TABLES, CAT_RELATIONS, CAT_GRANTABLES, CAT_VACUUMABLES,
    CAT_ANALYZABLES, CAT_TRUNCATABLES, CAT_FUNCTIONS, CAT_PROCEDURES, CAT_ROUTINES,
    CAT_AGGREGATES, CAT_TYPES, CAT_DOMAINS, CAT_COLLATIONS, CAT_STATISTICS,
    /* global or unqualified names */
    CAT_SCHEMAS, CAT_ROLES, CAT_DATABASES, CAT_TABLESPACES, CAT_EXTENSIONS,
    CAT_AVAILABLE_EXTENSIONS, CAT_LANGUAGES, CAT_TRIGGERS, CAT_EVENT_TRIGGERS, CAT_SERVERS,
    CAT_FDWS, CAT_ACCESS_METHODS, CAT_INDEX_METHODS, CAT_PUBLICATIONS, CAT_SUBSCRIPTIONS,
    CAT_RULES, CAT_POLICIES, CAT_CONVERSIONS, CAT_CURSORS, CAT_PREPARED, CAT_CHANNELS,
    CAT_ENCODINGS, CAT_SET_VARS, CAT_SHOW_VARS, CAT_SYSTEM_VARS,
    CAT_COUNT
} CatKind;

/* objects of a kind whose names start with c->text */
void catalog_names(CompCtx *c, CatKind kind);
/* the columns of the given tables (names as typed; none: of every visible table), maybe with functions */
void catalog_columns(CompCtx *c, const Words *tables, bool with_functions);
/* the values a GUC accepts (enum values, or the boolean spellings) */
void catalog_guc_values(CompCtx *c, const char *guc);
/* the constraints of a table */
void catalog_constraints(CompCtx *c, const char *table);
/* for tests: how long a look-up may take before it is cancelled (300 ms by default) */
void complete_set_timeout(Session *s, int ms);

/* ---- modules ---- */

typedef enum FileMode {
    FILES_META,     /* argument of a backslash command: quoted with ' only when needed */
    FILES_DIRS,     /* the same, directories only */
    FILES_SQL       /* a string literal of SQL COPY: always quoted */
} FileMode;

void complete_files(CompCtx *c, FileMode mode);
void complete_backslash_names(CompCtx *c);
void complete_variable_ref(CompCtx *c);
/* args->v[0] is the command as typed ("\dt+"), the rest its completed arguments */
void complete_meta_args(CompCtx *c, const Words *args);
/* prev: the statement's words before the cursor; stmt: all its words, commas split */
void complete_sql(CompCtx *c, Words *prev, const Words *stmt);

/* the keywords that start SQL statements, '|'-separated */
extern const char complete_sql_commands[];

#endif
