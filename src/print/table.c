#include "print/table.h"

#include <stdlib.h>
#include <string.h>

#include "print/rowstore.h"
#include "util/xalloc.h"

/* more type OIDs from pg_type.dat, for alignment only */
enum {
    OID_XID = 28,
    OID_CID = 29,
    OID_MONEY = 790,
    OID_XID8 = 5069,
};

bool ptable_type_is_numeric(Oid type)
{
    switch (type) {
    case PTYPE_INT2:
    case PTYPE_INT4:
    case PTYPE_INT8:
    case PTYPE_FLOAT4:
    case PTYPE_FLOAT8:
    case PTYPE_NUMERIC:
    case PTYPE_OID:
    case OID_XID:
    case OID_XID8:
    case OID_CID:
    case OID_MONEY:
        return true;
    default:
        return false;
    }
}

static void table_alloc(PrintTable *t, int ncolumns, long nrows)
{
    memset(t, 0, sizeof *t);
    t->ncolumns = ncolumns;
    t->nrows = nrows;
    t->headers = xcalloc((size_t)ncolumns + 1, sizeof *t->headers);
    t->aligns = xcalloc((size_t)ncolumns + 1, 1);
}

void ptable_from_result(PrintTable *t, const PGresult *res)
{
    int ncolumns = PQnfields(res);

    table_alloc(t, ncolumns, PQntuples(res));
    t->res = res;
    for (int i = 0; i < ncolumns; i++) {
        t->headers[i] = xstrdup(PQfname(res, i));
        t->aligns[i] = ptable_type_is_numeric(PQftype(res, i)) ? 'r' : 'l';
    }
}

void ptable_from_result_rows(PrintTable *t, const PGresult *res, const RowStore *rows)
{
    ptable_from_result(t, res);
    /* the cells come from the row store, but the typed formats (json) still need the column types */
    for (int col = 0; col < t->ncolumns; col++)
        ptable_set_type(t, col, PQftype(res, col));
    t->res = NULL;
    t->rows = rows;
    t->nrows = rowstore_rows(rows);
}

void ptable_init(PrintTable *t, int ncolumns, long nrows, const char *const *headers,
                 const char *aligns, const char **cells)
{
    table_alloc(t, ncolumns, nrows);
    t->cells = cells;
    for (int i = 0; i < ncolumns; i++) {
        t->headers[i] = xstrdup(headers && headers[i] ? headers[i] : "");
        t->aligns[i] = aligns && aligns[i] ? aligns[i] : 'l';
    }
}

void ptable_set_title(PrintTable *t, const char *title)
{
    free(t->title);
    t->title = title ? xstrdup(title) : NULL;
}

void ptable_set_type(PrintTable *t, int column, Oid type)
{
    if (column < 0 || column >= t->ncolumns)
        return;
    if (!t->types) {
        t->types = xcalloc((size_t)t->ncolumns + 1, sizeof *t->types);
        for (int i = 0; i < t->ncolumns; i++)
            t->types[i] = PTYPE_TEXT;
    }
    t->types[column] = type;
}

Oid ptable_type(const PrintTable *t, int column)
{
    if (t->types)
        return t->types[column];
    if (t->res)
        return PQftype(t->res, column);
    return PTYPE_TEXT;
}

void ptable_add_footer(PrintTable *t, const char *line)
{
    t->footers = xrealloc(t->footers, ((size_t)t->nfooters + 1) * sizeof *t->footers);
    t->footers[t->nfooters++] = xstrdup(line);
}

void ptable_free(PrintTable *t)
{
    if (t->headers)
        for (int i = 0; i < t->ncolumns; i++)
            free(t->headers[i]);
    free(t->headers);
    free(t->aligns);
    free(t->types);
    free(t->title);
    for (int i = 0; i < t->nfooters; i++)
        free(t->footers[i]);
    free(t->footers);
    memset(t, 0, sizeof *t);
}
