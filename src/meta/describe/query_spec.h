/*
 * Catalog listings described as data, shared by every describe family that psql
 * builds from one catalog query: a list of steps (fixed text, text kept only with
 * or without +, for S, for patterns or for servers of some versions, psql's
 * name-pattern clauses) that query_spec_build turns into SQL, and the title the
 * result is printed under.  Commands that print more than one result build their
 * queries from steps too and print the results themselves.
 */
#ifndef PGC_DESCRIBE_QUERY_SPEC_H
#define PGC_DESCRIBE_QUERY_SPEC_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "meta/describe/describe.h"
#include "util/strbuf.h"

/* conditions under which a step applies (all of the given ones must hold) */
enum {
    QS_VERBOSE = 1 << 0,     /* with + */
    QS_TERSE = 1 << 1,       /* without + */
    QS_HIDE_SYSTEM = 1 << 2, /* neither S nor a pattern: system objects are hidden */
    QS_PATTERN = 1 << 3,     /* a first pattern was given */
    QS_NO_PATTERN = 1 << 4,
    QS_SECOND = 1 << 5,      /* a second pattern was given */
    QS_NO_ARRAY = 1 << 6,    /* the pattern does not ask for array types with [] */
};

typedef enum QueryStepKind { QK_END, QK_TEXT, QK_PATTERN, QK_AND_OR_WHERE } QueryStepKind;

/*
 * What a text step does to the WHERE clause being built: psql tells each
 * pattern clause whether a WHERE is already open, so that it starts with WHERE
 * or AND.
 */
typedef enum QueryWhere { QW_KEEP, QW_OPENS, QW_RESETS } QueryWhere;

/* a name pattern matched against catalog columns (see describe_validate_pattern) */
typedef struct NamePattern {
    int arg;                 /* 0: the first pattern, 1: the second */
    bool force_escape;
    bool map_type;           /* spellings like "int" or "float8[]" mean the canonical type name */
    const char *schemavar;
    const char *namevar;
    const char *altnamevar;
    const char *visibility;
    int maxparts;            /* 0: no check of the qualification at all */
} NamePattern;

typedef struct QueryStep {
    QueryStepKind kind;
    unsigned when;           /* QS_... */
    int since;               /* only for servers of this version or later (0: all) */
    int before;              /* only for servers older than this (0: all) */
    QueryWhere where;
    const char *text;
    const NamePattern *pattern;
} QueryStep;

#define Q_TEXT(t) {.kind = QK_TEXT, .text = (t)}
#define Q_IF(w, t) {.kind = QK_TEXT, .when = (w), .text = (t)}
#define Q_SINCE(v, w, t) {.kind = QK_TEXT, .when = (w), .since = (v), .text = (t)}
#define Q_BEFORE(v, w, t) {.kind = QK_TEXT, .when = (w), .before = (v), .text = (t)}
#define Q_OPEN_SINCE(v, t) {.kind = QK_TEXT, .since = (v), .where = QW_OPENS, .text = (t)}
#define Q_OPEN_BEFORE(v, t) {.kind = QK_TEXT, .before = (v), .where = QW_OPENS, .text = (t)}
#define Q_OPEN(w, t) {.kind = QK_TEXT, .when = (w), .where = QW_OPENS, .text = (t)}
#define Q_RESET(t) {.kind = QK_TEXT, .where = QW_RESETS, .text = (t)}
#define Q_PATTERN(w, p) {.kind = QK_PATTERN, .when = (w), .pattern = &(p)}
#define Q_AND_OR_WHERE(w) {.kind = QK_AND_OR_WHERE, .when = (w)}
#define Q_END {.kind = QK_END}

/* psql's printACLColumn, for listings that show privileges with + */
#define ACL_COLUMN(column) "pg_catalog.array_to_string(" column ", E'\\n') AS \"Access privileges\""

/* the command's arguments as the steps see them */
typedef struct QueryArgs {
    const char *pattern[2];
    bool verbose;
    bool system;
    int sversion;
} QueryArgs;

/* a listing: its query, its title, and the first server version that has what it lists */
typedef struct QuerySpec {
    const QueryStep *steps;
    const char *title;
    const char *title_for_pattern; /* used instead of title when a pattern is given */
    int min_server;                /* older servers only get "does not support"; 0 for any */
    const char *feature;           /* what they do not support, e.g. "publications" */
} QuerySpec;

void query_spec_args(const DescribeCtx *d, const char *second, QueryArgs *a);
/* appends the steps that apply; false after a pattern error (reported) */
bool query_spec_build(Session *s, const QueryStep *steps, const QueryArgs *a, StrBuf *sql);
/* builds and runs the query; NULL after a pattern or query error (reported) */
PGresult *query_spec_exec(Session *s, const QueryStep *steps, const QueryArgs *a);
/* builds, runs and prints a listing */
MetaResult query_spec_list(DescribeCtx *d, const QuerySpec *spec, const char *second);

/* psql's map_typename_pattern: the name psql matches for a type spelling */
const char *query_spec_map_type_name(const char *pattern);
/* psql's formatPGVersionNumber without the minor version: "15", "9.6" */
void query_spec_server_major(int sversion, char *buf, size_t size);
/* false after reporting that a server older than min_server lacks feature (0: any server will do) */
bool query_spec_supported(Session *s, int min_server, const char *feature);
/* prints one describe table whose "(N rows)" footer psql forces on, even under \pset footer off */
void query_spec_print_counted(Session *s, const PGresult *res, const char *title);
/* META_SKIP_LINE or META_ERROR, as psql turns a describe function's success into a status */
MetaResult query_spec_status(bool ok);

#endif
