/*
 * The result table: the one thing every printer consumes.  SQL results, the
 * listings of backslash commands (meta/listing.h) and \crosstabview's pivot all
 * build one.  Cells come from a PGresult (no copying), from the compact row store
 * that a result received row by row fills (print/rowstore.h), or from an array of
 * strings owned by the caller.
 */
#ifndef PGC_PRINT_TABLE_H
#define PGC_PRINT_TABLE_H

#include <libpq-fe.h>
#include <stdbool.h>

typedef struct PrintTable {
    int ncolumns;
    long nrows;
    char **headers;         /* owned */
    char *aligns;           /* 'l' or 'r' (or 'c') per column, owned */
    char *title;            /* owned, may be NULL */
    char **footers;         /* owned lines printed after the table */
    int nfooters;
    const PGresult *res;    /* cells from here when not NULL */
    const struct RowStore *rows;    /* else from here when not NULL */
    const char **cells;     /* otherwise row-major cells; NULL means SQL NULL */
    Oid *types;             /* owned; each column's type for typed formats (json), or NULL: all text */
} PrintTable;

/* the type OIDs of pg_type.dat that the typed formats tell apart (libpq does not export them) */
enum {
    PTYPE_BOOL = 16,
    PTYPE_INT8 = 20,
    PTYPE_INT2 = 21,
    PTYPE_INT4 = 23,
    PTYPE_TEXT = 25,
    PTYPE_OID = 26,
    PTYPE_JSON = 114,
    PTYPE_FLOAT4 = 700,
    PTYPE_FLOAT8 = 701,
    PTYPE_NUMERIC = 1700,
    PTYPE_JSONB = 3802,
};

/* a table over a query result: headers from the field names, numbers right-aligned */
void ptable_from_result(PrintTable *t, const PGresult *res);
/* the same columns, with the cells of rows (kept by reference) instead of res's own */
void ptable_from_result_rows(PrintTable *t, const PGresult *res, const struct RowStore *rows);
/* a table of caller-owned cells (nrows * ncolumns, row-major, kept by reference) */
void ptable_init(PrintTable *t, int ncolumns, long nrows, const char *const *headers,
                 const char *aligns, const char **cells);
void ptable_set_title(PrintTable *t, const char *title);
/* a column's type, for the typed formats (a table of strings is all text until told) */
void ptable_set_type(PrintTable *t, int column, Oid type);
/* the type of a column: from the result, as set, or text */
Oid ptable_type(const PrintTable *t, int column);
void ptable_add_footer(PrintTable *t, const char *line);
void ptable_free(PrintTable *t);

/* true for the type OIDs psql right-aligns (integers, floats, numeric, money, oid, xid, cid) */
bool ptable_type_is_numeric(Oid type);

#endif
