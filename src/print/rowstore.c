#include "print/rowstore.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/*
 * Large enough that the allocator's work and the slack at each block's end vanish
 * beside the rows; a row larger than this gets a block of its own size.
 */
#define ROWSTORE_BLOCK_SIZE ((size_t)1 << 20)

/* the header byte of a row */
enum { ROW_NO_NULLS = 0, ROW_NULL_BITMAP = 1 };

typedef struct RowBlock {
    long first_row;         /* number of the block's first row in the store */
    long nrows;
    size_t used;
    size_t size;
    char data[];
} RowBlock;

struct RowStore {
    int ncolumns;
    size_t bitmap_bytes;
    long nrows;
    size_t bytes;
    RowBlock **blocks;
    size_t nblocks;
    size_t blocks_cap;
};

RowStore *rowstore_create(int ncolumns)
{
    RowStore *st = xcalloc(1, sizeof *st);
    st->ncolumns = ncolumns;
    st->bitmap_bytes = ((size_t)ncolumns + 7) / 8;
    return st;
}

void rowstore_destroy(RowStore *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nblocks; i++)
        free(st->blocks[i]);
    free(st->blocks);
    free(st);
}

void rowstore_clear(RowStore *st)
{
    /* keep the first block when it is an ordinary one: streaming refills it again and again */
    size_t keep = st->nblocks > 0 && st->blocks[0]->size == ROWSTORE_BLOCK_SIZE ? 1 : 0;
    for (size_t i = keep; i < st->nblocks; i++)
        free(st->blocks[i]);
    st->nblocks = keep;
    if (keep) {
        st->blocks[0]->used = 0;
        st->blocks[0]->nrows = 0;
    }
    st->nrows = 0;
    st->bytes = 0;
}

int rowstore_columns(const RowStore *st)
{
    return st->ncolumns;
}

long rowstore_rows(const RowStore *st)
{
    return st->nrows;
}

size_t rowstore_bytes(const RowStore *st)
{
    return st->bytes;
}

/* room for a row of size bytes at the end of the last block, in a new block when needed */
static char *reserve(RowStore *st, size_t size)
{
    RowBlock *last = st->nblocks ? st->blocks[st->nblocks - 1] : NULL;
    if (!last || last->size - last->used < size) {
        size_t block_size = size > ROWSTORE_BLOCK_SIZE ? size : ROWSTORE_BLOCK_SIZE;
        if (st->nblocks == st->blocks_cap) {
            st->blocks_cap = st->blocks_cap ? 2 * st->blocks_cap : 16;
            st->blocks = xrealloc(st->blocks, st->blocks_cap * sizeof *st->blocks);
        }
        last = xmalloc(sizeof *last + block_size);
        last->first_row = st->nrows;
        last->nrows = 0;
        last->used = 0;
        last->size = block_size;
        st->blocks[st->nblocks++] = last;
    }
    char *p = last->data + last->used;
    last->used += size;
    last->nrows++;
    st->nrows++;
    st->bytes += size;
    return p;
}

static size_t row_size(const RowStore *st, const char *const *values, const size_t *lengths, bool *has_null)
{
    size_t size = 1;
    *has_null = false;
    for (int i = 0; i < st->ncolumns; i++) {
        if (values[i])
            size += lengths[i] + 1;
        else
            *has_null = true;
    }
    return *has_null ? size + st->bitmap_bytes : size;
}

void rowstore_append_row(RowStore *st, const char *const *values, const size_t *lengths)
{
    bool has_null;
    char *p = reserve(st, row_size(st, values, lengths, &has_null));
    *p++ = has_null ? ROW_NULL_BITMAP : ROW_NO_NULLS;
    if (has_null) {
        memset(p, 0, st->bitmap_bytes);
        for (int i = 0; i < st->ncolumns; i++)
            if (!values[i])
                p[i / 8] |= (char)(1 << (i % 8));
        p += st->bitmap_bytes;
    }
    for (int i = 0; i < st->ncolumns; i++) {
        if (!values[i])
            continue;
        memcpy(p, values[i], lengths[i]);
        p += lengths[i];
        *p++ = '\0';
    }
}

void rowstore_append_result(RowStore *st, const PGresult *res)
{
    int ncols = st->ncolumns;
    const char *small_values[16];
    size_t small_lengths[16];
    const char **values = ncols <= 16 ? small_values : xmalloc((size_t)ncols * sizeof *values);
    size_t *lengths = ncols <= 16 ? small_lengths : xmalloc((size_t)ncols * sizeof *lengths);

    for (int r = 0; r < PQntuples(res); r++) {
        for (int i = 0; i < ncols; i++) {
            values[i] = PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i);
            lengths[i] = values[i] ? (size_t)PQgetlength(res, r, i) : 0;
        }
        rowstore_append_row(st, values, lengths);
    }
    if (values != small_values) {
        free(values);
        free(lengths);
    }
}

void rowcursor_init(RowCursor *cur, const RowStore *st)
{
    memset(cur, 0, sizeof *cur);
    cur->store = st;
    cur->row = -1;
    cur->values = xcalloc((size_t)st->ncolumns + 1, sizeof *cur->values);
    cur->lengths = xcalloc((size_t)st->ncolumns + 1, sizeof *cur->lengths);
}

void rowcursor_free(RowCursor *cur)
{
    free(cur->values);
    free(cur->lengths);
    memset(cur, 0, sizeof *cur);
    cur->row = -1;
}

/* decodes the row that starts at p; returns where the next one starts */
static const char *decode_row(RowCursor *cur, const char *p)
{
    const RowStore *st = cur->store;
    const unsigned char *bitmap = NULL;
    if (*p++ == ROW_NULL_BITMAP) {
        bitmap = (const unsigned char *)p;
        p += st->bitmap_bytes;
    }
    for (int i = 0; i < st->ncolumns; i++) {
        if (bitmap && (bitmap[i / 8] & (1u << (i % 8)))) {
            cur->values[i] = NULL;
            cur->lengths[i] = 0;
            continue;
        }
        size_t len = strlen(p);
        cur->values[i] = p;
        cur->lengths[i] = len;
        p += len + 1;
    }
    return p;
}

/* the block that holds row: the last one whose first row is not after it */
static size_t find_block(const RowStore *st, long row)
{
    size_t lo = 0, hi = st->nblocks;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->blocks[mid]->first_row <= row)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void rowcursor_seek(RowCursor *cur, long row)
{
    const RowStore *st = cur->store;
    if (row < 0 || row >= st->nrows)
        return;
    if (cur->row >= 0 && row == cur->row + 1) {
        const RowBlock *b = st->blocks[cur->block];
        if (row >= b->first_row + b->nrows) {
            b = st->blocks[++cur->block];
            cur->next = b->data;
        }
        cur->next = decode_row(cur, cur->next);
        cur->row = row;
        return;
    }
    cur->block = find_block(st, row);
    const RowBlock *b = st->blocks[cur->block];
    const char *p = b->data;
    for (long r = b->first_row; r <= row; r++)
        p = decode_row(cur, p);
    cur->next = p;
    cur->row = row;
}
