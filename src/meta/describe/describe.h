/*
 * The \d family of describe commands.  Each command is a catalog query plus a
 * printing spec (title, footers); families of them live in their own files and
 * contribute a table of DescribeCommand rows that describe.c dispatches on.
 */
#ifndef PGC_DESCRIBE_H
#define PGC_DESCRIBE_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "meta/commands.h"
#include "meta/listing.h"
#include "print/table.h"
#include "util/strbuf.h"

typedef struct DescribeCtx {
    MetaContext *meta;        /* to read further arguments (\df type patterns, \do operand types) */
    Session *s;
    const char *cmd;          /* the whole command name, e.g. "dtS+" */
    const char *rest;         /* what follows the entry's letters, e.g. "S+" for "dt" in "dtS+" */
    const char *pattern;      /* the first argument, or NULL */
    bool verbose;             /* + anywhere in the name */
    bool system;              /* S anywhere in the name */
} DescribeCtx;

/* META_UNKNOWN when rest holds letters the command does not take */
typedef MetaResult (*DescribeHandler)(DescribeCtx *ctx);

typedef struct DescribeCommand {
    const char *letters;      /* what follows "d": "", "t", "f", "Rp", "config"...; the longest match wins */
    DescribeHandler handler;
    const MetaHelp *help;     /* its lines in \? (META_HELP) */
} DescribeCommand;

/* the families' tables, each ending with a NULL letters entry */
extern const DescribeCommand describe_database_commands[];
extern const DescribeCommand describe_objects_commands[];
extern const DescribeCommand describe_relation_commands[];
extern const DescribeCommand describe_text_search_commands[];
extern const DescribeCommand describe_replication_commands[];
extern const DescribeCommand describe_foreign_commands[];
extern const DescribeCommand describe_statistics_commands[];

/*
 * psql's processSQLNamePattern: appends WHERE/AND clauses matching a shell-style
 * pattern (*, ?, "quoted", schema.name) against schemavar/namevar (or altnamevar),
 * or the visibility rule when there is no schema part.  Returns whether it added a
 * clause; *dotcnt gets the number of dots.
 */
bool describe_pattern_clause(Session *s, StrBuf *sql, const char *pattern, bool have_where, bool force_escape,
                             const char *schemavar, const char *namevar, const char *altnamevar,
                             const char *visibilityrule, StrBuf *dbname, int *dotcnt);
/*
 * The same, with psql's checks of the qualification (maxparts: 1 name, 2 schema.name,
 * 3 db.schema.name): false after "improper qualified name" or "cross-database references".
 */
bool describe_validate_pattern(Session *s, StrBuf *sql, const char *pattern, bool have_where, bool force_escape,
                               const char *schemavar, const char *namevar, const char *altnamevar,
                               const char *visibilityrule, bool *added_clause, int maxparts);

/* runs an internal query (shown under ECHO_HIDDEN); NULL after reporting an error */
PGresult *describe_exec(Session *s, const char *sql);

/* runs sql and prints it with the spec (meta/listing.h); false after an error */
bool describe_list(Session *s, const char *sql, const ListingPrint *spec);

#endif
