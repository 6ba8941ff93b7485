/*
 * Unit tests of the compact row store (print/rowstore.h) and of what streaming a
 * result relies on: a table over the store prints as the same table over strings,
 * and every format that print_format_streams() lists prints a table in chunks
 * (start_table, stop_table, prior_records) exactly as it prints it whole.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/printer.h"
#include "print/rowstore.h"
#include "unit.h"
#include "util/xalloc.h"

/* a small table with what makes printers differ: NULLs, empty strings, several lines, wide characters */
static const char *const sample_headers[] = {"id", "text", "note"};
static const char *const sample_cells[] = {
    "1", "plain", NULL,
    "22", "two\nlines", "",
    "333", "\346\227\245\346\234\254\350\252\236", "a|b,c\"d",
    "4", "", "trailing newline\n",
    "5", "tab\there", NULL,
    "66", "e\314\201", "last",
};
enum { SAMPLE_COLS = 3, SAMPLE_ROWS = 6 };

static RowStore *store_of(const char *const *cells, int ncols, long nrows)
{
    RowStore *st = rowstore_create(ncols);
    size_t *lengths = xcalloc((size_t)ncols + 1, sizeof *lengths);
    for (long r = 0; r < nrows; r++) {
        const char *const *row = cells + r * ncols;
        for (int i = 0; i < ncols; i++)
            lengths[i] = row[i] ? strlen(row[i]) : 0;
        rowstore_append_row(st, row, lengths);
    }
    free(lengths);
    return st;
}

static void check_row(RowCursor *cur, long r, const char *const *cells, int ncols)
{
    for (int i = 0; i < ncols; i++) {
        size_t len = 99;
        const char *got = rowcursor_cell(cur, r, i, &len);
        const char *want = cells[r * ncols + i];
        CHECK_STR(got, want);
        CHECK_INT(len, want ? strlen(want) : 0);
    }
}

static void test_store_gives_back_every_cell(void)
{
    RowStore *st = store_of(sample_cells, SAMPLE_COLS, SAMPLE_ROWS);
    CHECK_INT(rowstore_rows(st), SAMPLE_ROWS);
    CHECK_INT(rowstore_columns(st), SAMPLE_COLS);
    RowCursor cur;
    rowcursor_init(&cur, st);
    for (long r = 0; r < SAMPLE_ROWS; r++)
        check_row(&cur, r, sample_cells, SAMPLE_COLS);
    /* backwards and jumps, as a second printing pass would */
    check_row(&cur, 0, sample_cells, SAMPLE_COLS);
    check_row(&cur, 4, sample_cells, SAMPLE_COLS);
    check_row(&cur, 2, sample_cells, SAMPLE_COLS);
    check_row(&cur, 5, sample_cells, SAMPLE_COLS);
    rowcursor_free(&cur);
    rowstore_destroy(st);
}

static void test_store_is_compact(void)
{
    /* a row: one header byte, then each value and its zero byte; a NULL bitmap only when needed */
    RowStore *st = rowstore_create(3);
    const char *no_null[] = {"12", "abc", ""};
    const size_t no_null_len[] = {2, 3, 0};
    rowstore_append_row(st, no_null, no_null_len);
    CHECK_INT(rowstore_bytes(st), 1 + 3 + 4 + 1);
    const char *with_null[] = {"12", NULL, NULL};
    const size_t with_null_len[] = {2, 0, 0};
    rowstore_append_row(st, with_null, with_null_len);
    CHECK_INT(rowstore_bytes(st), 9 + 1 + 1 + 3);
    rowstore_destroy(st);
}

/* a PGresult as libpq makes one, without a server */
static PGresult *make_result(int ncols, long nrows, const char *(*value)(long r, int c, char *buf))
{
    PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    PGresAttDesc *attrs = xcalloc((size_t)ncols, sizeof *attrs);
    char **names = xcalloc((size_t)ncols, sizeof *names);
    for (int i = 0; i < ncols; i++) {
        names[i] = xasprintf("c%d", i);
        attrs[i].name = names[i];
        attrs[i].typid = 25;
        attrs[i].typlen = -1;
        attrs[i].atttypmod = -1;
    }
    CHECK(PQsetResultAttrs(res, ncols, attrs));
    char buf[64];
    for (long r = 0; r < nrows; r++)
        for (int i = 0; i < ncols; i++) {
            const char *v = value(r, i, buf);
            CHECK(PQsetvalue(res, (int)r, i, (char *)v, v ? (int)strlen(v) : -1));
        }
    for (int i = 0; i < ncols; i++)
        free(names[i]);
    free(names);
    free(attrs);
    return res;
}

static const char *wide_row_value(long r, int c, char *buf)
{
    if ((r + c) % 7 == 0)
        return NULL;
    snprintf(buf, 64, "r%ldc%d", r, c);
    return buf;
}

static void test_store_from_result_with_many_columns(void)
{
    /* more than 16 columns (the arrays leave the stack) and a NULL bitmap of three bytes */
    enum { NCOLS = 20, NROWS = 30 };
    PGresult *res = make_result(NCOLS, NROWS, wide_row_value);
    RowStore *st = rowstore_create(NCOLS);
    rowstore_append_result(st, res);
    CHECK_INT(rowstore_rows(st), NROWS);
    RowCursor cur;
    rowcursor_init(&cur, st);
    for (long r = NROWS - 1; r >= 0; r--)
        for (int i = 0; i < NCOLS; i++) {
            size_t len;
            const char *got = rowcursor_cell(&cur, r, i, &len);
            if (PQgetisnull(res, (int)r, i)) {
                CHECK(got == NULL);
            } else {
                CHECK_STR(got, PQgetvalue(res, (int)r, i));
                CHECK_INT(len, PQgetlength(res, (int)r, i));
            }
        }
    rowcursor_free(&cur);
    rowstore_destroy(st);
    PQclear(res);
}

static void test_store_spans_blocks(void)
{
    /* enough rows for several 1 MiB blocks, and one row larger than a block */
    enum { NROWS = 120000, BIG_ROW = 50000 };
    size_t big_len = (size_t)3 << 20;
    char *big = xmalloc(big_len + 1);
    memset(big, 'x', big_len);
    big[big_len] = '\0';
    RowStore *st = rowstore_create(2);
    for (long r = 0; r < NROWS; r++) {
        char num[32];
        snprintf(num, sizeof num, "%ld", r);
        const char *values[] = {num, r == BIG_ROW ? big : "0123456789abcdef0123456789abcdef"};
        size_t lengths[] = {strlen(num), r == BIG_ROW ? big_len : 32};
        rowstore_append_row(st, values, lengths);
    }
    CHECK_INT(rowstore_rows(st), NROWS);
    CHECK(rowstore_bytes(st) > big_len + (size_t)NROWS * 32);
    RowCursor cur;
    rowcursor_init(&cur, st);
    long bad = 0;
    for (long r = 0; r < NROWS; r++) {
        size_t len;
        char num[32];
        snprintf(num, sizeof num, "%ld", r);
        if (strcmp(rowcursor_cell(&cur, r, 0, &len), num) != 0)
            bad++;
        rowcursor_cell(&cur, r, 1, &len);
        if (len != (r == BIG_ROW ? big_len : 32))
            bad++;
    }
    CHECK_INT(bad, 0);
    /* jumps: the big row, the rows around it, the last and the first */
    size_t len;
    CHECK_STR(rowcursor_cell(&cur, BIG_ROW, 1, &len), big);
    CHECK_STR(rowcursor_cell(&cur, BIG_ROW + 1, 0, &len), "50001");
    CHECK_STR(rowcursor_cell(&cur, BIG_ROW - 1, 0, &len), "49999");
    CHECK_STR(rowcursor_cell(&cur, NROWS - 1, 0, &len), "119999");
    CHECK_STR(rowcursor_cell(&cur, 0, 0, &len), "0");
    rowcursor_free(&cur);

    /* cleared, it takes new rows from the start */
    rowstore_clear(st);
    CHECK_INT(rowstore_rows(st), 0);
    CHECK_INT(rowstore_bytes(st), 0);
    const char *again[] = {"again", NULL};
    const size_t again_len[] = {5, 0};
    rowstore_append_row(st, again, again_len);
    rowcursor_init(&cur, st);
    CHECK_STR(rowcursor_cell(&cur, 0, 0, &len), "again");
    CHECK(rowcursor_cell(&cur, 0, 1, &len) == NULL);
    rowcursor_free(&cur);
    rowstore_destroy(st);
    free(big);
}

/* ------------------------------------------------------------------ printing */

/* the settings each format is tried with, \pset name=value pairs separated by ';' */
static const char *const setting_sets[] = {
    "",
    "tuples_only=on",
    "expanded=on",
    "expanded=on;tuples_only=on",
    "title=A title;footer=off",
    "null=(null);fieldsep=|;recordsep=<RS>",
    "fieldsep_zero;recordsep_zero",
    "csv_fieldsep=;;border=2",
    "numericlocale=on;border=0",
};

static void apply(PrintOptions *opt, PrintFormat format, const char *settings)
{
    popt_init(opt);
    opt->encoding = pg_char_to_encoding("UTF8");
    opt->format = format;
    char *copy = xstrdup(settings);
    char *save = NULL;
    for (char *item = strtok_r(copy, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(item, '=');
        if (eq)
            *eq++ = '\0';
        if (strcmp(item, "csv_fieldsep") == 0 && eq && !*eq)
            eq = ";";   /* the separator itself, lost to the splitting */
        CHECK(popt_pset(opt, item, eq, true));
    }
    free(copy);
}

/* rows [first, first + n) of the sample, over strings or over a store of just those rows */
static void print_part(long first, long n, const PrintOptions *opt, bool from_store, FILE *f)
{
    PrintTable t;
    const char **cells = (const char **)sample_cells + first * SAMPLE_COLS;
    RowStore *st = NULL;
    ptable_init(&t, SAMPLE_COLS, n, sample_headers, "rll", from_store ? NULL : cells);
    if (from_store) {
        st = store_of(cells, SAMPLE_COLS, n);
        t.rows = st;
    }
    if (opt->title)
        ptable_set_title(&t, opt->title);
    print_table(&t, opt, f, 0);
    ptable_free(&t);
    rowstore_destroy(st);
}

static char *print_whole(const PrintOptions *opt, bool from_store, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    print_part(0, SAMPLE_ROWS, opt, from_store, f);
    fclose(f);
    return buf;
}

/* as a streamed result prints: chunks of the rows as they came, the last one possibly empty */
static char *print_streamed(const PrintOptions *base, const long *chunk_sizes, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    PrintOptions opt;
    popt_copy(&opt, base);
    opt.start_table = true;
    opt.prior_records = 0;
    long first = 0;
    for (int i = 0; first < SAMPLE_ROWS || i == 0; i++) {
        long n = chunk_sizes[i] < SAMPLE_ROWS - first ? chunk_sizes[i] : SAMPLE_ROWS - first;
        opt.stop_table = false;
        print_part(first, n, &opt, true, f);
        opt.start_table = false;
        opt.prior_records += (unsigned long)n;
        first += n;
    }
    opt.stop_table = true;
    print_part(first, 0, &opt, true, f);
    popt_free(&opt);
    fclose(f);
    return buf;
}

static const char *format_label(PrintFormat f)
{
    return f == PRINT_NOTHING ? "nothing" : popt_format_name(f);
}

static void test_table_over_store_prints_as_over_strings(void)
{
    for (PrintFormat f = PRINT_NOTHING; f <= PRINT_WRAPPED; f++)
        for (size_t s = 0; s < sizeof setting_sets / sizeof setting_sets[0]; s++) {
            PrintOptions opt;
            apply(&opt, f, setting_sets[s]);
            size_t want_len, got_len;
            char *want = print_whole(&opt, false, &want_len);
            char *got = print_whole(&opt, true, &got_len);
            if (got_len != want_len || memcmp(got, want, got_len) != 0)
                fprintf(stderr, "---- format %s, settings %s\n", format_label(f), setting_sets[s]);
            CHECK_MEM(got, got_len, want, want_len);
            free(want);
            free(got);
            popt_free(&opt);
        }
}

static void test_streaming_formats_print_in_chunks_as_whole(void)
{
    static const long chunkings[][SAMPLE_ROWS + 1] = {
        {1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 2, 2, 2, 2}, {1, 4, 1, 1, 1, 1, 1}, {5, 1, 1, 1, 1, 1, 1},
        {SAMPLE_ROWS, 1, 1, 1, 1, 1, 1},
    };
    int streaming = 0;
    for (PrintFormat f = PRINT_NOTHING; f <= PRINT_WRAPPED; f++) {
        PrintOptions probe;
        apply(&probe, f, "");
        bool streams = print_format_streams(&probe);
        popt_free(&probe);
        if (!streams)
            continue;
        streaming++;
        for (size_t s = 0; s < sizeof setting_sets / sizeof setting_sets[0]; s++)
            for (size_t k = 0; k < sizeof chunkings / sizeof chunkings[0]; k++) {
                PrintOptions opt;
                apply(&opt, f, setting_sets[s]);
                size_t want_len, got_len;
                char *want = print_whole(&opt, false, &want_len);
                char *got = print_streamed(&opt, chunkings[k], &got_len);
                if (got_len != want_len || memcmp(got, want, got_len) != 0)
                    fprintf(stderr, "---- format %s, settings %s, chunking %zu\n", format_label(f),
                            setting_sets[s], k);
                CHECK_MEM(got, got_len, want, want_len);
                free(want);
                free(got);
                popt_free(&opt);
            }
    }
    CHECK(streaming >= 3);
}

static void test_which_formats_stream(void)
{
    static const struct {
        PrintFormat format;
        const char *expanded;
        bool streams;
    } cases[] = {
        {PRINT_CSV, "off", true},       {PRINT_CSV, "on", true},          {PRINT_UNALIGNED, "off", true},
        {PRINT_UNALIGNED, "on", true},  {PRINT_UNALIGNED, "auto", true},  {PRINT_NOTHING, "off", true},
        {PRINT_ALIGNED, "off", false},  {PRINT_ALIGNED, "on", false},     {PRINT_WRAPPED, "off", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PrintOptions opt;
        apply(&opt, cases[i].format, "");
        CHECK(popt_pset(&opt, "expanded", cases[i].expanded, true));
        CHECK(print_format_streams(&opt) == cases[i].streams);
        popt_free(&opt);
    }
}

static void test_pager_lines_of_a_stream_grow_with_rows(void)
{
    /* what the pager decision of a stream counts: as psql counts for the whole table */
    PrintOptions opt;
    apply(&opt, PRINT_CSV, "");
    PrintTable t;
    ptable_init(&t, SAMPLE_COLS, SAMPLE_ROWS, sample_headers, "rll", (const char **)sample_cells);
    CHECK_INT(print_estimate_lines_streamed(&opt, SAMPLE_COLS, SAMPLE_ROWS), print_estimate_lines(&t, &opt));
    CHECK(popt_pset(&opt, "expanded", "on", true));
    CHECK_INT(print_estimate_lines_streamed(&opt, SAMPLE_COLS, SAMPLE_ROWS), print_estimate_lines(&t, &opt));
    CHECK(print_estimate_lines_streamed(&opt, SAMPLE_COLS, 10) < print_estimate_lines_streamed(&opt, SAMPLE_COLS, 11));
    ptable_free(&t);
    popt_free(&opt);
}

int main(void)
{
    RUN(test_store_gives_back_every_cell);
    RUN(test_store_is_compact);
    RUN(test_store_from_result_with_many_columns);
    RUN(test_store_spans_blocks);
    RUN(test_table_over_store_prints_as_over_strings);
    RUN(test_streaming_formats_print_in_chunks_as_whole);
    RUN(test_which_formats_stream);
    RUN(test_pager_lines_of_a_stream_grow_with_rows);
    UNIT_DONE();
}
