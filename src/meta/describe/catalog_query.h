/*
 * Catalog listings described as data, shared by the text search (\dF...), replication
 * (\dRp, \dRs), SQL/MED (\des, \dew, \deu, \det) and extended statistics (\dX) commands.
 * A listing is a run of SQL pieces, each kept or dropped by the server version and the +
 * modifier, then psql's name-pattern clause, then an ORDER BY: the same shape psql builds
 * by hand in every one of those commands.
 */
#ifndef PGC_DESCRIBE_CATALOG_QUERY_H
#define PGC_DESCRIBE_CATALOG_QUERY_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "meta/describe/describe.h"
#include "util/strbuf.h"

typedef enum PieceWhen {
    PIECE_ALWAYS,
    PIECE_VERBOSE,            /* only with + */
    PIECE_TERSE               /* only without + */
} PieceWhen;

typedef struct QueryPiece {
    int since;                /* the first server version that gets it; 0 for all */
    int before;               /* the first server version that no longer does; 0 for none */
    PieceWhen when;
    const char *text;         /* NULL ends a list */
} QueryPiece;

#define PIECE(text) {0, 0, PIECE_ALWAYS, text}
#define PIECE_PLUS(text) {0, 0, PIECE_VERBOSE, text}
#define PIECE_SINCE(version, text) {version, 0, PIECE_ALWAYS, text}
#define PIECE_BEFORE(version, text) {0, version, PIECE_ALWAYS, text}
#define PIECE_PLUS_SINCE(version, text) {version, 0, PIECE_VERBOSE, text}
#define PIECE_END {0, 0, PIECE_ALWAYS, NULL}

/* psql's validateSQLNamePattern arguments */
typedef struct NamePattern {
    bool have_where;          /* the pieces already end in a WHERE clause */
    const char *schemavar;
    const char *namevar;
    const char *altnamevar;
    const char *visibility;
    int maxparts;
} NamePattern;

typedef struct CatalogQuery {
    int min_server;           /* older servers only get "does not support"; 0 for any */
    const char *feature;      /* what they do not support, e.g. "publications" */
    const QueryPiece *pieces;
    NamePattern pattern;
    const char *order_by;
    const char *title;        /* for listings printed as they come */
} CatalogQuery;

typedef enum CatalogOutcome {
    CATALOG_OK,
    CATALOG_UNSUPPORTED,      /* reported; psql counts it as success */
    CATALOG_FAILED            /* reported */
} CatalogOutcome;

/* appends the pieces that apply to this server version with or without + */
void catalog_append_pieces(StrBuf *sql, const QueryPiece *pieces, int sversion, bool verbose);

/*
 * Builds and runs the query for pattern; *res gets the result when CATALOG_OK.  Reports
 * an old server, an improper pattern and query errors itself.
 */
CatalogOutcome catalog_run(Session *s, const CatalogQuery *q, const char *pattern, bool verbose, PGresult **res);

/* runs the query and prints it as a listing with q->title */
MetaResult catalog_list(DescribeCtx *d, const CatalogQuery *q);

/* prints one describe table whose "(N rows)" footer psql forces on, even under \pset footer off */
void catalog_print_with_row_count(Session *s, const PGresult *res, const char *title);

/* META_SKIP_LINE or META_ERROR, as psql turns a describe function's success into a status */
MetaResult catalog_status(bool ok);

#endif
