/*
 * A table of strings built row by row by a dashboard command, and printed as every
 * listing is (meta/listing.h), with its columns typed for the json format.
 */
#ifndef PGC_META_DASHBOARD_TABLE_H
#define PGC_META_DASHBOARD_TABLE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "meta/listing.h"
#include "session/session.h"

/* a table of strings, filled row by row */
typedef struct DashTable {
    int ncolumns;
    const char *const *headers;
    char **cells;               /* owned, row-major; NULL cells are SQL NULL */
    size_t ncells;
    size_t cap;
    long nrows;                 /* complete rows */
    Oid *types;                 /* per column, for the typed formats */
    char *aligns;
    char **footers;
    int nfooters;
} DashTable;

void dash_table_init(DashTable *t, int ncolumns, const char *const *headers);
/* a column of numbers: right-aligned and, for json, numeric */
void dash_table_numeric(DashTable *t, int column);
/* a column of another type (PTYPE_BOOL: cells "t" / "f"); numbers are right-aligned */
void dash_table_type(DashTable *t, int column, Oid type);
/* appends the next cell (taking it; NULL for SQL NULL); a row is ncolumns cells */
void dash_table_add(DashTable *t, char *cell);
void dash_table_add_copy(DashTable *t, const char *cell);
void dash_table_footer(DashTable *t, char *line);
void dash_table_print(Session *s, const DashTable *t, const ListingPrint *spec);
void dash_table_free(DashTable *t);

/* runs a query of the command's own and prints its result as a listing, titled, with a footer (or NULL) */
bool dash_print_sql(Session *s, const char *sql, const char *title, const char *footer);

#endif
