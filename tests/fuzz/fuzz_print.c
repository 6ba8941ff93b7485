/*
 * Text width and the printers (src/print/): a result table built from the input,
 * printed in the format and with the print options the input chooses, in the client
 * encoding it names; when it asks, the log's layout, the pager's line estimates, and
 * the same cells as a query result (a PGresult made without a server) through
 * print_result and \crosstabview; and the width functions on every cell.  One format
 * per run rather than all ten: ten times the runs, and the fuzzer reaches every
 * combination of format and options by itself.  Cells may hold invalid UTF-8, control characters, wide and combining
 * characters, and be huge.
 *
 * Input: eight option bytes (columns and encoding; border, expanded, tuples only,
 * footer, numeric locale; line style and unicode lines; \pset columns; the terminal's
 * width; the csv separator; the title, table attributes, footers and chunking; the
 * format, and which of the log, the estimates and the PGresult paths also run), then
 * fields separated by 0x1f: field separator, record separator, null display, title,
 * table attributes, the footers, the headers, then the cells row by row.  A field that
 * is exactly 0x1e is SQL NULL; a field "\x1d" + N + TEXT is TEXT repeated 16 * (N + 1)
 * times.
 *
 * Calls: ptable_init, ptable_set_title, ptable_add_footer, ptable_free, popt_init,
 * popt_free, print_table, print_table_log, print_estimate_lines,
 * print_estimate_lines_width, print_result, crosstab_print, print_format_numeric_locale,
 * text_measure, text_format, text_width, text_prefix_for_width, text_validate_utf8,
 * text_is_printable_ascii, text_is_ascii.
 *
 * Bounds that keep one run short, as the server's would: headers are cut to 63 bytes (the
 * longest column name), and \crosstabview, whose headers are data, only runs when every
 * cell is under 1 kB.  A header W columns wide beside a value wrapped into a narrow
 * column prints W columns per character of the value; psql 15 prints the same bytes (see
 * tests/fuzz/README.md, findings), so without these bounds a 500-byte input can make
 * gigabytes of output.
 */
#include "fuzz_common.h"

#include <locale.h>

#include "print/crosstab.h"
#include "print/options.h"
#include "print/printer.h"
#include "print/table.h"
#include "print/width.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { MAX_FIELDS = 4096, MAX_TOTAL = 1 << 16, MAX_HEADER = 63, MAX_CROSSTAB_CELL = 1024, OID_INT4 = 23, OID_TEXT = 25, OID_NUMERIC = 1700 };

static FILE *sink;

typedef struct Fields {
    char *v[MAX_FIELDS];
    bool null[MAX_FIELDS];
    int n;
} Fields;

static void split_fields(FuzzIn *in, Fields *f)
{
    size_t total = 0;
    f->n = 0;
    while (in->n > 0 && f->n < MAX_FIELDS) {
        char *field = fuzz_until(in, 0x1f);
        int i = f->n++;
        f->null[i] = strcmp(field, "\x1e") == 0;
        if (field[0] == '\x1d' && field[1]) {
            size_t times = 16 * ((size_t)(unsigned char)field[1] + 1), len = strlen(field + 2);
            if (len && total + times * len < MAX_TOTAL) {
                StrBuf sb = STRBUF_INIT;
                for (size_t k = 0; k < times; k++)
                    sb_append_n(&sb, field + 2, len);
                total += sb.len;
                free(field);
                field = sb_steal(&sb);
            }
        }
        f->v[i] = field;
    }
}

static const char *field(const Fields *f, int *next)
{
    int i = (*next)++;
    return i < f->n && !f->null[i] ? f->v[i] : NULL;
}

static void measure_cell(const char *s, int encoding, uint8_t width)
{
    size_t len = strlen(s);
    TextSize size;
    text_measure(s, len, encoding, &size);
    char *buf = xmalloc((size_t)size.format_size + 1);
    TextLine *lines = xcalloc((size_t)size.height + 1, sizeof(TextLine));
    text_format(s, len, encoding, encoding == text_utf8_id(), buf, lines);
    free(lines);
    free(buf);
    (void)text_width(s, len, encoding);
    int target = width;
    (void)text_prefix_for_width(s, &target, encoding);
    (void)text_is_printable_ascii(s, len);
    (void)text_is_ascii(s, len);
    StrBuf scratch = STRBUF_INIT;
    size_t vlen = len;
    (void)text_validate_utf8(s, &vlen, &scratch);
    sb_free(&scratch);
    free(print_format_numeric_locale(s));
}

/* the same cells as a query result, as libpq would hand them over */
static PGresult *as_result(int ncols, long nrows, const char *const *headers, const char **cells)
{
    PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    PGresAttDesc *attrs = xcalloc((size_t)ncols + 1, sizeof(PGresAttDesc));
    static const Oid types[] = {OID_TEXT, OID_INT4, OID_NUMERIC};
    for (int c = 0; c < ncols; c++) {
        attrs[c].name = (char *)(headers[c] ? headers[c] : "");
        attrs[c].typid = types[(headers[c] ? strlen(headers[c]) : 0) % 3];
        attrs[c].typlen = -1;
        attrs[c].atttypmod = -1;
    }
    bool ok = res && PQsetResultAttrs(res, ncols, attrs);
    for (long r = 0; ok && r < nrows; r++)
        for (int c = 0; ok && c < ncols; c++) {
            const char *v = cells[r * ncols + c];
            ok = PQsetvalue(res, (int)r, c, (char *)v, v ? (int)strlen(v) : -1);
        }
    free(attrs);
    if (!ok && res) {
        PQclear(res);
        res = NULL;
    }
    return res;
}

static void crosstab(const PGresult *res, const PrintOptions *opt, uint8_t how, const Fields *f)
{
    char numbers[4][12];
    char *args[4] = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < 4; i++) {
        int pick = (how >> (2 * i)) & 3;
        if (pick == 1) {
            snprintf(numbers[i], sizeof(numbers[i]), "%d", (how >> i) % 5);
            args[i] = numbers[i];
        } else if (pick == 2 && f->n > 5 + i) {
            args[i] = f->v[5 + i];
        } else if (pick == 3 && i == 3) {
            snprintf(numbers[i], sizeof(numbers[i]), "-%d", how % 3);
            args[i] = numbers[i];
        }
    }
    (void)crosstab_print(res, args, opt, sink, opt->encoding);
}

static size_t longest_cell(const char **cells, long n)
{
    size_t longest = 0;
    for (long i = 0; i < n; i++)
        if (cells[i] && strlen(cells[i]) > longest)
            longest = strlen(cells[i]);
    return longest;
}

static void set_string(char **slot, const char *value)
{
    free(*slot);
    *slot = value ? xstrdup(value) : NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    /* a locale with a thousands separator and a decimal comma, for numericlocale */
    if (!setlocale(LC_ALL, "de_DE.UTF-8"))
        setlocale(LC_ALL, "C.UTF-8");
    sink = fopen("/dev/null", "w");
    return sink ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = {data, size};
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = fuzz_byte(&in);
    int ncols = b[0] & 7;
    PrintOptions opt;
    popt_init(&opt);
    opt.encoding = fuzz_encoding(b[0] >> 3);
    opt.border = b[1] & 3;
    opt.expanded = (ExpandedMode)((b[1] >> 2) % 3);
    opt.tuples_only = b[1] & 0x10;
    opt.default_footer = !(b[1] & 0x20);
    opt.numeric_locale = b[1] & 0x40;
    opt.line_style = (LineStyleKind)(b[2] % 3);
    opt.unicode_border = (UnicodeLineKind)((b[2] >> 2) & 1);
    opt.unicode_column = (UnicodeLineKind)((b[2] >> 3) & 1);
    opt.unicode_header = (UnicodeLineKind)((b[2] >> 4) & 1);
    opt.field_sep_zero = b[2] & 0x20;
    opt.record_sep_zero = b[2] & 0x40;
    opt.columns = b[3];
    int term_columns = b[4];
    opt.csv_field_sep[0] = (char)(b[5] ? b[5] : ',');
    opt.start_table = !(b[6] & 0x10);
    opt.stop_table = !(b[6] & 0x20);
    opt.prior_records = b[6] >> 6;

    Fields f;
    split_fields(&in, &f);
    int next = 0;
    const char *fs = field(&f, &next), *rs = field(&f, &next), *null_print = field(&f, &next);
    const char *title = field(&f, &next), *attr = field(&f, &next);
    set_string(&opt.field_sep, opt.field_sep_zero ? "" : fs ? fs : "|");
    set_string(&opt.record_sep, opt.record_sep_zero ? "" : rs ? rs : "\n");
    set_string(&opt.null_print, null_print ? null_print : "");
    set_string(&opt.table_attr, (b[6] & 1) ? attr : NULL);
    int nfooters = (b[6] >> 1) & 3;
    const char *footers[3];
    for (int i = 0; i < nfooters; i++)
        footers[i] = field(&f, &next);

    const char *headers[8] = {NULL};
    char aligns[9] = {0};
    for (int c = 0; c < ncols; c++) {
        headers[c] = field(&f, &next);
        if (headers[c] && strlen(headers[c]) > MAX_HEADER)
            f.v[next - 1][MAX_HEADER] = '\0';
        aligns[c] = "lrc"[(headers[c] ? (unsigned char)headers[c][0] : 0) % 3];
    }
    int ncells = f.n > next ? f.n - next : 0;
    long nrows = ncols ? (ncells + ncols - 1) / ncols : 0;
    const char **cells = xcalloc((size_t)(nrows * ncols) + 1, sizeof(char *));
    for (long i = 0; i < nrows * ncols; i++)
        cells[i] = field(&f, &next);

    PrintTable t;
    ptable_init(&t, ncols, nrows, headers, aligns, cells);
    if (b[6] & 8)
        ptable_set_title(&t, title ? title : "");
    for (int i = 0; i < nfooters; i++)
        ptable_add_footer(&t, footers[i] ? footers[i] : "");

    opt.format = (PrintFormat)((b[7] & 15) % (PRINT_WRAPPED + 1));
    print_table(&t, &opt, sink, term_columns);
    if (b[7] & 0x10)
        print_table_log(&t, &opt, sink);
    if (b[7] & 0x20) {
        (void)print_estimate_lines(&t, &opt);
        (void)print_estimate_lines_width(&t, &opt, term_columns);
    }

    for (int i = 0; i < f.n; i++)
        if (!f.null[i])
            measure_cell(f.v[i], opt.encoding, b[4]);

    PGresult *res = (b[7] & 0x40) ? as_result(ncols, nrows, headers, cells) : NULL;
    if (res) {
        opt.format = (PrintFormat)(1 + b[5] % PRINT_WRAPPED);
        set_string(&opt.title, (b[6] & 4) ? title : NULL);
        print_result(res, &opt, sink, term_columns);
        if (longest_cell(cells, nrows * ncols) < MAX_CROSSTAB_CELL)
            crosstab(res, &opt, b[3] ^ b[4], &f);
        PQclear(res);
    }

    ptable_free(&t);
    free(cells);
    for (int i = 0; i < f.n; i++)
        free(f.v[i]);
    popt_free(&opt);
    return 0;
}
