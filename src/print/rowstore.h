/*
 * The rows of a query result, held compactly: every row's values one after the
 * other in large blocks, each value ended by a zero byte (text results never
 * contain one), with a one-byte header per row and a NULL bitmap only for rows
 * that have a NULL.  No per-row or per-cell allocation: a million rows of three
 * short columns take about a third of what libpq's PGresult takes for them.
 *
 * Rows are read through a RowCursor, which decodes one row at a time: reading the
 * rows in order, or one row's cells again and again (as the printers do), costs
 * nothing more than the decoding; jumping to another row walks from the start of
 * its block.  Pointers to values stay valid until the store is cleared.
 */
#ifndef PGC_PRINT_ROWSTORE_H
#define PGC_PRINT_ROWSTORE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct RowStore RowStore;

RowStore *rowstore_create(int ncolumns);
void rowstore_destroy(RowStore *st);
/* forgets every row; the first block is kept for the next ones */
void rowstore_clear(RowStore *st);

/* appends one row: values[i] NULL for SQL NULL, else lengths[i] bytes without a zero byte */
void rowstore_append_row(RowStore *st, const char *const *values, const size_t *lengths);
/* appends every row of a text-format result with the store's number of columns */
void rowstore_append_result(RowStore *st, const PGresult *res);

int rowstore_columns(const RowStore *st);
long rowstore_rows(const RowStore *st);
/* the bytes the rows take in their blocks (what the streaming bound counts) */
size_t rowstore_bytes(const RowStore *st);

typedef struct RowCursor {
    const RowStore *store;
    long row;               /* the row decoded into values/lengths; -1 for none */
    size_t block;           /* the block that holds it */
    const char *next;       /* where the row after it starts in that block */
    const char **values;    /* per column; NULL for SQL NULL */
    size_t *lengths;
} RowCursor;

void rowcursor_init(RowCursor *cur, const RowStore *st);
void rowcursor_free(RowCursor *cur);
/* decodes row (0 <= row < rowstore_rows()) into cur->values and cur->lengths */
void rowcursor_seek(RowCursor *cur, long row);

/* one cell: NULL for SQL NULL, else its text (zero-terminated) and *len */
static inline const char *rowcursor_cell(RowCursor *cur, long row, int col, size_t *len)
{
    if (row != cur->row)
        rowcursor_seek(cur, row);
    *len = cur->lengths[col];
    return cur->values[col];
}

#endif
