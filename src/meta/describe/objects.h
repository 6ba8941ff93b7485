/*
 * The describe commands for database objects other than relations: functions,
 * operators, types, roles, privileges, access methods, extensions and the rest.
 * Most of them are one catalog query written as a list of steps (fixed text,
 * text kept for + or for servers of some version, name-pattern clauses), which
 * objects.c turns into SQL; the few that print more than one query result
 * (\du, \dx+, \dn, \drds) post-process the result themselves.
 */
#ifndef PGC_DESCRIBE_OBJECTS_H
#define PGC_DESCRIBE_OBJECTS_H

#include <stdbool.h>

#include "meta/describe/describe.h"

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

/* the command's arguments as the steps see them */
typedef struct QueryArgs {
    const char *pattern[2];
    bool verbose;
    bool system;
    int sversion;
} QueryArgs;

/* a listing: its query and its title */
typedef struct ObjectList {
    const QueryStep *steps;
    const char *title;
    const char *title_for_pattern; /* used instead of title when a pattern is given */
} ObjectList;

void objects_args(const DescribeCtx *d, const char *second, QueryArgs *a);
/* appends the steps that apply; false after a pattern error (reported) */
bool objects_build(Session *s, const QueryStep *steps, const QueryArgs *a, StrBuf *sql);
/* psql's map_typename_pattern: the name psql matches for a type spelling */
const char *objects_map_type_name(const char *pattern);
/* builds, runs and prints a listing */
MetaResult objects_list(DescribeCtx *d, const ObjectList *list, const char *second);

/* handlers in functions.c, roles.c and access_methods.c */
MetaResult describe_functions_cmd(DescribeCtx *d);
MetaResult describe_operators_cmd(DescribeCtx *d);
MetaResult describe_aggregates_cmd(DescribeCtx *d);
MetaResult describe_roles_cmd(DescribeCtx *d);
MetaResult describe_role_settings_cmd(DescribeCtx *d);
MetaResult describe_default_acls_cmd(DescribeCtx *d);
MetaResult describe_privileges_cmd(DescribeCtx *d);
MetaResult describe_access_methods_cmd(DescribeCtx *d);
MetaResult describe_opclasses_cmd(DescribeCtx *d);
MetaResult describe_opfamilies_cmd(DescribeCtx *d);
MetaResult describe_opfamily_operators_cmd(DescribeCtx *d);
MetaResult describe_opfamily_functions_cmd(DescribeCtx *d);

#endif
