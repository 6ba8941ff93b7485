/*
 * Internals shared by the tab-completion modules.  Completion follows psql 15's
 * model: the words before the cursor (from the start of the statement being
 * typed, over every line of it) are matched against an ordered chain of rules;
 * the first rule whose condition holds decides what is offered.
 *
 *   complete.c            the entry point: reads the request, finds the words, sorts the answer
 *   complete_words.c      psql's words, rule conditions, candidates, keyword case, identifiers
 *   complete_sql.c        the rule engine, its actions, and the object types after CREATE/DROP/ALTER
 *   complete_rules_*.c    the rules, in psql's order (ALTER; BEGIN to FETCH; FOREIGN to JOIN)
 *   complete_meta.c       backslash commands: their names, rules for their arguments, variables, files
 *   complete_queries.c    what each kind of catalog object is (tables, roles, enum labels, ...)
 *   complete_catalog.c    catalog look-ups: building the query, a deadline, a cache, quoting the answer
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
    char **v;           /* in reading order: v[n - 1] is the word just before the cursor */
    int n;
    int cap;
} Words;

void words_push(Words *w, const char *s, size_t len);
void words_free(Words *w);
/*
 * psql's words before `point` in `text`: word-break characters end words (and,
 * but for whitespace, are words of their own), double-quoted text stays in one
 * word, and a parenthesised group is one word when it is closed ("(a, b)"),
 * while an unclosed "(" is a word of its own.
 */
void words_before(Words *out, const char *text, size_t point);
/* the n-th word before the cursor (1: the last one), or "" */
const char *word_back(const Words *w, int n);

/*
 * A pattern word lists alternatives separated by '|'; an alternative may hold
 * one '*' standing for any text (so "*" alone is any word), and a leading '!'
 * negates the whole pattern word.
 */
bool word_matches(const char *alternatives, size_t len, const char *word, bool case_sensitive);
bool word_is(const char *word, const char *keyword); /* case-insensitive equality */
bool word_ends_with(const char *word, char ch);

/*
 * Rule conditions.  A condition is terms joined by " && ", and such groups
 * joined by " || ".  A term is one of
 *   "= P"   the words before the cursor are exactly the pattern words P
 *   "^ P"   they start with P
 *   "$ P"   they end with P
 *   "=c P", "^c P", "$c P"   the same, case-sensitively
 *   "~XY"   the word before the cursor ends with one of the characters X, Y
 *   "#N"    the server's version is N or later (0 when unknown counts as recent)
 * and may be negated with a leading '!'.
 */
bool condition_holds(const char *condition, const Words *w, int server_version);

/* ---- the request being answered ---- */

typedef struct CompCtx {
    Session *s;
    const char *text;   /* what was typed of the word being completed */
    const char *line;   /* the current line, and where the word starts in it */
    int start;
    char *keep;         /* typed text kept verbatim in front of every candidate, or NULL */
    char **v;           /* candidates, with `keep` in front */
    bool *nospace;      /* per candidate: no space should follow it */
    size_t n;
    size_t cap;
    bool keep_typed;    /* see CompletionHints */
} CompCtx;

/* adds keep + item */
void cand_add(CompCtx *c, const char *item, bool nospace);
void cand_add_owned(CompCtx *c, char *item, bool nospace);
/* '|'-separated words matching the text ignoring case, in COMP_KEYWORD_CASE */
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

/* identifier quoting rules: sql_ident_needs_quotes and sql_ident_is_plain */
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
    /* objects that live in a schema */
    CAT_AGGREGATES, CAT_FUNCTIONS, CAT_PROCEDURES, CAT_ROUTINES, CAT_DATATYPES, CAT_COMPOSITE_TYPES,
    CAT_DOMAINS, CAT_SEQUENCES, CAT_FOREIGN_TABLES, CAT_TABLES, CAT_PARTITIONED_TABLES, CAT_VIEWS,
    CAT_MATVIEWS, CAT_INDEXES, CAT_PARTITIONED_INDEXES, CAT_RELATIONS, CAT_PARTITIONED_RELATIONS,
    CAT_OPERATOR_FAMILIES, CAT_UPDATABLES, CAT_MERGE_TARGETS, CAT_SELECTABLES, CAT_TRUNCATABLES,
    CAT_ANALYZABLES, CAT_INDEXABLES, CAT_CLUSTERABLES, CAT_CONSTRAINTS_WITH_SCHEMA, CAT_STATISTICS,
    CAT_COLLATIONS, CAT_TS_CONFIGURATIONS, CAT_TS_DICTIONARIES, CAT_TS_PARSERS, CAT_TS_TEMPLATES,
    /* objects of, or the tables of, a reference object named earlier in the statement */
    CAT_CONSTRAINTS_OF_TABLE, CAT_UNVALIDATED_CONSTRAINTS_OF_TABLE, CAT_CONSTRAINTS_OF_TYPE,
    CAT_INDEXES_OF_TABLE, CAT_UNIQUE_INDEXES_OF_TABLE, CAT_ATTRIBUTES, CAT_ATTRIBUTE_NUMBERS,
    CAT_ENUM_VALUES_QUOTED, CAT_ENUM_VALUES, CAT_FUNCTION_ARGUMENTS, CAT_TABLES_FOR_CONSTRAINT,
    CAT_TABLES_FOR_POLICY, CAT_TABLES_FOR_RULE, CAT_TABLES_FOR_TRIGGER, CAT_PARTITIONS_OF_TABLE,
    CAT_RULES_OF_TABLE, CAT_TRIGGERS_OF_TABLE,
    /* names without a schema */
    CAT_TEMPLATE_DATABASES, CAT_DATABASES, CAT_TABLESPACES, CAT_ENCODINGS, CAT_LANGUAGES, CAT_SCHEMAS,
    CAT_USER_SCHEMAS, CAT_SEARCH_PATH_SCHEMAS, CAT_SYSTEM_VARS, CAT_SET_VARS, CAT_SHOW_VARS, CAT_ROLES,
    CAT_ALL_TABLE_CONSTRAINTS, CAT_FDWS, CAT_SERVERS, CAT_USER_MAPPINGS, CAT_ACCESS_METHODS,
    CAT_INDEX_METHODS, CAT_TABLE_METHODS, CAT_EXTENSIONS, CAT_AVAILABLE_EXTENSIONS, CAT_EXTENSION_VERSIONS,
    CAT_PREPARED, CAT_EVENT_TRIGGERS, CAT_TABLESAMPLE_METHODS, CAT_POLICIES, CAT_GUC_ENUM_VALUES,
    CAT_CHANNELS, CAT_CURSORS, CAT_TIMEZONES, CAT_TIMEZONES_QUOTED, CAT_TIMEZONES_QUOTED_IN,
    CAT_PUBLICATIONS, CAT_SUBSCRIPTIONS, CAT_CONVERSIONS, CAT_RULES, CAT_TRIGGERS,
    CAT_COUNT
} CatKind;

/* how a kind of object is looked up (complete_queries.c) */
typedef struct CatQuery {
    CatKind kind;
    int min_version;        /* the first entry of a kind that the server is new enough for wins */
    const char *from;       /* the catalogs, with aliases */
    const char *where;      /* which rows are candidates (joins included), or NULL */
    const char *visible;    /* which rows are visible without a schema, or NULL */
    const char *nsp;        /* the column holding the schema's oid; NULL: names are not qualified */
    const char *result;     /* the name offered */
    const char *match;      /* what the typed text is compared with, if not the result */
    const char *ref_name;   /* the column equal to the reference object's name */
    const char *ref_visible;/* the reference object's visibility when it is not qualified */
    const char *ref_nsp;    /* the column holding the reference object's schema oid */
    const char *keywords;   /* '|'-separated words offered beside the names */
    unsigned flags;
} CatQuery;

enum {
    Q_VERBATIM = 1,         /* names are offered and matched as they are, not as identifiers */
    Q_CI = 2,               /* matched ignoring case */
    Q_UPPER = 4,            /* matched against the typed text in upper case */
    Q_DISTINCT = 8,
    Q_HIDE_CATALOG = 16,    /* pg_catalog's relations only when "pg_" is typed */
    Q_REF_CI = 32,          /* the reference is compared as typed, ignoring case */
};

/* the first entry for kind that a server of this version can run, or NULL */
const CatQuery *cat_query_for(CatKind kind, int server_version);

/* objects of a kind whose names start with c->text; ref: the reference word, if the kind has one */
void catalog_names(CompCtx *c, CatKind kind, const char *ref, const char *keywords);
/* the type of a setting ("bool", "enum", ...), or NULL when unknown (malloc'd) */
char *catalog_guc_type(Session *s, const char *name);
/* for tests: how long a look-up may take before it is cancelled */
void complete_set_timeout(Session *s, int ms);

/* ---- rules ---- */

typedef enum Act {
    ACT_NONE,               /* the context is known and nothing fits */
    ACT_LIST,               /* the words, matched ignoring case, in COMP_KEYWORD_CASE */
    ACT_LIST_CS,            /* the words as they are, matched by case first */
    ACT_QUERY,              /* catalog names of a kind, with the words */
    ACT_ENUM,               /* the labels of the enum type named by the reference word */
    ACT_TIMEZONE,           /* time zone names, and DEFAULT */
    ACT_GUC_VALUE,          /* the values of the setting named by the reference word */
    ACT_FILES_SQL,          /* a file name as the string literal SQL's COPY wants */
    ACT_FILES_COPY,         /* a file name for \copy: quoted when needed */
    ACT_FILES,              /* a file name for other backslash commands: quoted when needed */
    ACT_CREATABLE,          /* object types after CREATE */
    ACT_DROPPABLE,          /* after DROP */
    ACT_ALTERABLE,          /* after ALTER */
    ACT_SQL_COMMANDS,       /* the words that start SQL statements */
    ACT_VARIABLES,          /* psql variables: all, special ones even when unset */
    ACT_SET_VARIABLES,      /* psql variables that have a value */
    ACT_CONNECT_DATABASE,   /* \c's database, unless a connection string is being typed */
    ACT_CONNECT_USER,       /* \c's user, unless the database was a connection string */
} Act;

typedef struct Rule {
    const char *when;       /* a condition, see condition_holds */
    unsigned char act;
    unsigned char kind;     /* CatKind, for ACT_QUERY */
    signed char ref;        /* the reference word (1: the word before the cursor) */
    const char *words;      /* '|'-separated words offered */
} Rule;

#define KW(when, words)                 {when, ACT_LIST, CAT_NONE, 0, words}
#define CS(when, words)                 {when, ACT_LIST_CS, CAT_NONE, 0, words}
#define OBJ(when, kind, words)          {when, ACT_QUERY, kind, 0, words}
#define OF(when, kind, ref, words)      {when, ACT_QUERY, kind, ref, words}
#define ATTR(when, ref, words)          {when, ACT_QUERY, CAT_ATTRIBUTES, ref, words}
#define DO(when, act, ref)              {when, act, CAT_NONE, ref, NULL}
#define NOTHING(when)                   {when, ACT_NONE, CAT_NONE, 0, NULL}

typedef struct RuleTable {
    const Rule *rules;
    size_t count;
} RuleTable;

/* the chain, in psql's order */
extern const RuleTable complete_rules_alter;     /* CREATE, DROP and ALTER heads; ALTER ...; ANALYZE */
extern const RuleTable complete_rules_commands;  /* BEGIN to FETCH, CREATE ... and DROP ... included */
extern const RuleTable complete_rules_clauses;   /* FOREIGN to JOIN: GRANT, INSERT, SET, VACUUM, ... */
extern const RuleTable complete_rules_meta;      /* backslash commands' arguments */

/* runs the chain on the words before the cursor */
void complete_sql(CompCtx *c, const Words *prev);

/* ---- backslash commands, variables, files (complete_meta.c) ---- */

void complete_backslash_names(CompCtx *c);
void complete_variable_ref(CompCtx *c);
void complete_variables(CompCtx *c, bool with_value_only);
/* escape: the character escaping a quote in the argument ('\\' for backslash commands, 0 for COPY) */
void complete_files(CompCtx *c, char escape, bool force_quote);
/* a connection string rather than a database name */
bool complete_is_connection_string(const char *word);

/* the keywords that start SQL statements, '|'-separated */
extern const char complete_sql_commands[];

#endif
