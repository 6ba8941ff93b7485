/*
 * The aligned and wrapped formats, in their normal and expanded layouts.
 *
 * The layout rules (column widths, centering, continuation marks, record
 * headers) follow psql's print.c to the byte.  Speed comes from a fast path:
 * a row whose cells are all one-line printable ASCII that fits its column is
 * written directly, without formatting any cell into lines.
 */
#include <limits.h>
#include <stdlib.h>

#include "print/printer.h"
#include "print/width.h"
#include "util/xalloc.h"

enum { RULE_TOP, RULE_MIDDLE, RULE_BOTTOM, RULE_DATA };
enum { WRAP_NONE, WRAP_WRAP, WRAP_NEWLINE };

typedef struct Rule {
    const char *hrule, *leftvrule, *midvrule, *rightvrule;
} Rule;

typedef struct LineStyle {
    Rule rule[4];
    const char *midvrule_nl, *midvrule_wrap, *midvrule_blank;
    const char *header_nl_left, *header_nl_right;
    const char *nl_left, *nl_right;
    const char *wrap_left, *wrap_right;
    bool wrap_right_border;     /* marks take a column even with border 0 */
    bool old_ascii;
} LineStyle;

static const LineStyle ascii_style = {
    {{"-", "+", "+", "+"}, {"-", "+", "+", "+"}, {"-", "+", "+", "+"}, {"", "|", "|", "|"}},
    "|", "|", "|", " ", "+", " ", "+", ".", ".", true, false,
};

static const LineStyle old_ascii_style = {
    {{"-", "+", "+", "+"}, {"-", "+", "+", "+"}, {"-", "+", "+", "+"}, {"", "|", "|", "|"}},
    ":", ";", " ", "+", " ", " ", " ", " ", " ", false, true,
};

/* box drawing characters, [single, double] */
static const char *const u_horizontal[2] = {"\xe2\x94\x80", "\xe2\x95\x90"};       /* ─ ═ */
static const char *const u_vertical[2] = {"\xe2\x94\x82", "\xe2\x95\x91"};         /* │ ║ */
static const char *const u_down_right[2] = {"\xe2\x94\x8c", "\xe2\x95\x94"};       /* ┌ ╔ */
static const char *const u_down_left[2] = {"\xe2\x94\x90", "\xe2\x95\x97"};        /* ┐ ╗ */
static const char *const u_up_right[2] = {"\xe2\x94\x94", "\xe2\x95\x9a"};         /* └ ╚ */
static const char *const u_up_left[2] = {"\xe2\x94\x98", "\xe2\x95\x9d"};          /* ┘ ╝ */
/* junctions indexed [this line's style][the crossing line's style] */
static const char *const u_row_vright[2][2] = {
    {"\xe2\x94\x9c", "\xe2\x95\x9f"}, {"\xe2\x95\x9e", "\xe2\x95\xa0"}};           /* ├ ╟ / ╞ ╠ */
static const char *const u_row_vleft[2][2] = {
    {"\xe2\x94\xa4", "\xe2\x95\xa2"}, {"\xe2\x95\xa1", "\xe2\x95\xa3"}};           /* ┤ ╢ / ╡ ╣ */
static const char *const u_col_cross[2][2] = {
    {"\xe2\x94\xbc", "\xe2\x95\xaa"}, {"\xe2\x95\xab", "\xe2\x95\xac"}};           /* ┼ ╪ / ╫ ╬ */
static const char *const u_col_up[2][2] = {
    {"\xe2\x94\xb4", "\xe2\x95\xa7"}, {"\xe2\x95\xa8", "\xe2\x95\xa9"}};           /* ┴ ╧ / ╨ ╩ */
static const char *const u_col_down[2][2] = {
    {"\xe2\x94\xac", "\xe2\x95\xa4"}, {"\xe2\x95\xa5", "\xe2\x95\xa6"}};           /* ┬ ╤ / ╥ ╦ */

static void unicode_style(const PrintOptions *opt, LineStyle *s)
{
    int b = opt->unicode_border == UNICODE_DOUBLE;
    int h = opt->unicode_header == UNICODE_DOUBLE;
    int col = opt->unicode_column == UNICODE_DOUBLE;

    s->rule[RULE_TOP] = (Rule){u_horizontal[b], u_down_right[b], u_col_down[col][b], u_down_left[b]};
    s->rule[RULE_MIDDLE] = (Rule){u_horizontal[h], u_row_vright[h][b], u_col_cross[col][h],
                                  u_row_vleft[h][b]};
    s->rule[RULE_BOTTOM] = (Rule){u_horizontal[b], u_up_right[b], u_col_up[col][b], u_up_left[b]};
    s->rule[RULE_DATA] = (Rule){"", u_vertical[b], u_vertical[col], u_vertical[b]};
    s->midvrule_nl = s->midvrule_wrap = s->midvrule_blank = u_vertical[col];
    s->header_nl_left = " ";
    s->header_nl_right = "\xe2\x86\xb5";    /* ↵ */
    s->nl_left = " ";
    s->nl_right = "\xe2\x86\xb5";
    s->wrap_left = "\xe2\x80\xa6";          /* … */
    s->wrap_right = "\xe2\x80\xa6";
    s->wrap_right_border = true;
    s->old_ascii = false;
}

static void get_line_style(const PrintOptions *opt, LineStyle *s)
{
    if (opt->line_style == LINESTYLE_UNICODE)
        unicode_style(opt, s);
    else
        *s = opt->line_style == LINESTYLE_OLD_ASCII ? old_ascii_style : ascii_style;
}

static int clamp_border(int border)
{
    return border > 2 ? 2 : border < 0 ? 0 : border;
}

/* ---------------------------------------------------------------- layout */

typedef struct Layout {
    int ncols;
    int border;
    unsigned *width_header;
    unsigned *max_width;
    unsigned *width_wrap;
    unsigned *width_sum;        /* psql's average is an unsigned sum divided by rows */
    int *max_lines;
    int *max_bytes;
    int header_lines;           /* height of the tallest header */
    unsigned width_total;
    unsigned total_header_width;
    int output_columns;
} Layout;

static void layout_alloc(Layout *L, int ncols)
{
    size_t n = (size_t)ncols + 1;
    memset(L, 0, sizeof *L);
    L->ncols = ncols;
    L->width_header = xcalloc(n, sizeof(unsigned));
    L->max_width = xcalloc(n, sizeof(unsigned));
    L->width_wrap = xcalloc(n, sizeof(unsigned));
    L->width_sum = xcalloc(n, sizeof(unsigned));
    L->max_lines = xcalloc(n, sizeof(int));
    L->max_bytes = xcalloc(n, sizeof(int));
}

static void layout_free(Layout *L)
{
    free(L->width_header);
    free(L->max_width);
    free(L->width_wrap);
    free(L->width_sum);
    free(L->max_lines);
    free(L->max_bytes);
}

static void layout_note(Layout *L, int col, const TextSize *sz)
{
    if ((unsigned)sz->width > L->max_width[col])
        L->max_width[col] = (unsigned)sz->width;
    if (sz->height > L->max_lines[col])
        L->max_lines[col] = sz->height;
    if (sz->format_size > L->max_bytes[col])
        L->max_bytes[col] = sz->format_size;
}

static void layout_measure(PrintCtx *c, Layout *L)
{
    TextSize sz;

    for (int i = 0; i < c->ncols; i++) {
        text_measure(c->headers[i], strlen(c->headers[i]), c->encoding, &sz);
        layout_note(L, i, &sz);
        L->width_header[i] = (unsigned)sz.width;
        if (sz.height > L->header_lines)
            L->header_lines = sz.height;
    }
    for (long r = 0; r < c->nrows; r++) {
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            if (text_is_printable_ascii(s, len)) {
                sz.width = (int)len;
                sz.height = 1;
                sz.format_size = (int)len + 1;
            } else
                text_measure(s, len, c->encoding, &sz);
            layout_note(L, i, &sz);
            L->width_sum[i] += (unsigned)sz.width;
        }
    }
    if (c->nrows > 0)
        for (int i = 0; i < c->ncols; i++)
            L->width_sum[i] /= (unsigned)c->nrows;
}

/* shrinks the columns whose widest value is furthest above their average */
static void layout_wrap(Layout *L)
{
    const unsigned *avg = L->width_sum;

    if (L->output_columns <= 0 || (unsigned)L->output_columns < L->total_header_width)
        return;
    while (L->width_total > (unsigned)L->output_columns) {
        double max_ratio = 0;
        int worst = -1;
        for (int i = 0; i < L->ncols; i++) {
            if (avg[i] == 0 || L->width_wrap[i] <= L->width_header[i])
                continue;
            /* the 1% penalty on wide columns is psql's tie breaker */
            double ratio = (double)L->width_wrap[i] / avg[i] + L->max_width[i] * 0.01;
            if (ratio > max_ratio) {
                max_ratio = ratio;
                worst = i;
            }
        }
        if (worst < 0)
            break;
        L->width_wrap[worst]--;
        L->width_total--;
    }
}

static void layout_compute(PrintCtx *c, Layout *L)
{
    int n = c->ncols;

    layout_alloc(L, n);
    L->border = clamp_border(c->opt->border);
    layout_measure(c, L);
    if (L->border == 0)
        L->width_total = (unsigned)n;
    else if (L->border == 1)
        L->width_total = (unsigned)(n * 3 - (n > 0 ? 1 : 0));
    else
        L->width_total = (unsigned)(n * 3 + 1);
    L->total_header_width = L->width_total;
    for (int i = 0; i < n; i++) {
        L->width_total += L->max_width[i];
        L->total_header_width += L->width_header[i];
        L->width_wrap[i] = L->max_width[i];
    }
    L->output_columns = c->opt->columns > 0 ? c->opt->columns : c->term_columns;
    if (c->opt->format == PRINT_WRAPPED)
        layout_wrap(L);
}

static bool layout_too_wide(const Layout *L)
{
    return L->output_columns > 0 && ((unsigned)L->output_columns < L->total_header_width ||
                                     (unsigned)L->output_columns < L->width_total);
}

/* expanded auto: switch to the expanded layout when the table is too wide */
static bool layout_wants_vertical(const PrintCtx *c, const Layout *L)
{
    return c->opt->expanded == EXPANDED_AUTO && c->ncols > 1 && layout_too_wide(L);
}

/* psql's extra lines for multi-line and wrapped cells (it counts the widest line only) */
static long layout_extra_lines(PrintCtx *c, const Layout *L)
{
    long extra = L->header_lines;
    TextSize sz;

    for (long r = 0; r < c->nrows; r++) {
        long row_extra = 0;
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            text_measure(s, len, c->encoding, &sz);
            if (sz.width > 0 && L->width_wrap[i] > 0) {
                long e = (long)((unsigned)(sz.width - 1) / L->width_wrap[i]) + sz.height - 1;
                if (e > row_extra)
                    row_extra = e;
            }
        }
        extra += row_extra;
    }
    return extra;
}

long aligned_estimate_lines(PrintCtx *c, bool *too_wide)
{
    Layout L;
    long lines;
    long footers = c->opt->tuples_only ? 0 : c->t->nfooters;

    layout_compute(c, &L);
    *too_wide = false;
    if (layout_wants_vertical(c, &L))
        lines = ((long)c->ncols + 1) * c->t->nrows + footers;
    else if (layout_too_wide(&L)) {
        *too_wide = true;
        lines = LONG_MAX;
    } else
        lines = c->t->nrows + 1 + footers + layout_extra_lines(c, &L);
    layout_free(&L);
    return lines;
}

/* ---------------------------------------------------------------- cells */

/* one column's current value split into display lines */
typedef struct ColState {
    char *buf;
    TextLine *lines;
    int cur;                    /* line being printed */
    int off;                    /* bytes of it already printed */
    int wrap;                   /* mark for the next display line */
    bool ascii;                 /* every formatted byte is one column wide */
} ColState;

static ColState *colstates_new(const Layout *L)
{
    ColState *cs = xcalloc((size_t)L->ncols + 1, sizeof *cs);
    for (int i = 0; i < L->ncols; i++) {
        cs[i].buf = xmalloc((size_t)L->max_bytes[i] + 1);
        cs[i].lines = xcalloc((size_t)L->max_lines[i] + 2, sizeof(TextLine));
    }
    return cs;
}

static void colstates_free(ColState *cs, int ncols)
{
    for (int i = 0; i < ncols; i++) {
        free(cs[i].buf);
        free(cs[i].lines);
    }
    free(cs);
}

static void colstate_load(PrintCtx *c, ColState *cs, const char *s, size_t len)
{
    cs->cur = 0;
    cs->off = 0;
    if (text_is_printable_ascii(s, len)) {
        /* plain text is its own single line: no copy */
        cs->lines[0].ptr = s;
        cs->lines[0].width = (int)len;
        cs->lines[1].ptr = NULL;
        cs->ascii = true;
        return;
    }
    text_format(s, len, c->encoding, c->utf8, cs->buf, cs->lines);
    /* escapes are ASCII but the formatted text may have several lines, each ended by a NUL; a
       line's width is not its length in bytes (a combining character has no width) */
    cs->ascii = true;
    for (int i = 0; cs->ascii && cs->lines[i].ptr; i++)
        cs->ascii = text_is_ascii(cs->lines[i].ptr, strlen(cs->lines[i].ptr));
}

/* the bytes of the current line that fit in *width columns; *width gets their width */
static size_t colstate_take(const ColState *cs, int *width, int encoding)
{
    const TextLine *line = &cs->lines[cs->cur];
    if (cs->ascii) {
        int left = line->width - cs->off;
        int take = left < *width ? left : *width;
        if (take == 0 && left > 0)
            take = 1;
        *width = take;
        return (size_t)take;
    }
    return text_prefix_for_width(line->ptr + cs->off, width, encoding);
}

/* ---------------------------------------------------------------- rules */

/* n copies of a rule character (one byte in ascii, three in unicode) */
static void out_repeat(PrintCtx *c, const char *s, long n)
{
    size_t len = strlen(s);
    char block[256];
    long per_block = (long)(sizeof block / (len ? len : 1));

    if (n <= 0 || len == 0)
        return;
    if (n < per_block)
        per_block = n;
    for (long i = 0; i < per_block; i++)
        memcpy(block + (size_t)i * len, s, len);
    while (n > 0) {
        long k = n < per_block ? n : per_block;
        out_write(c, block, (size_t)k * len);
        n -= k;
    }
}

static void print_hline(PrintCtx *c, const Layout *L, const LineStyle *st, int pos)
{
    const Rule *r = &st->rule[pos];

    if (L->border == 1)
        out_puts(c, r->hrule);
    else if (L->border == 2) {
        out_puts(c, r->leftvrule);
        out_puts(c, r->hrule);
    }
    for (int i = 0; i < L->ncols; i++) {
        out_repeat(c, r->hrule, (long)L->width_wrap[i]);
        if (i < L->ncols - 1) {
            if (L->border == 0)
                out_putc(c, ' ');
            else {
                out_puts(c, r->hrule);
                out_puts(c, r->midvrule);
                out_puts(c, r->hrule);
            }
        }
    }
    if (L->border == 2) {
        out_puts(c, r->hrule);
        out_puts(c, r->rightvrule);
    } else if (L->border == 1)
        out_puts(c, r->hrule);
    out_putc(c, '\n');
}

static void print_title(PrintCtx *c, const Layout *L)
{
    const char *title = c->t->title;
    TextSize sz;

    text_measure(title, strlen(title), c->encoding, &sz);
    if ((unsigned)sz.width < L->width_total)
        out_spaces(c, (long)((L->width_total - (unsigned)sz.width) / 2));
    out_puts(c, title);
    out_putc(c, '\n');
}

static void print_header_line(PrintCtx *c, const Layout *L, const LineStyle *st, ColState *cs,
                              int line, bool *done, int *remaining)
{
    const Rule *data = &st->rule[RULE_DATA];

    if (L->border == 2)
        out_puts(c, data->leftvrule);
    for (int i = 0; i < L->ncols; i++) {
        if (L->border != 0 || (!st->wrap_right_border && i > 0))
            out_puts(c, line ? st->header_nl_left : " ");
        if (!done[i]) {
            const TextLine *tl = &cs[i].lines[line];
            long spare = (long)L->width_wrap[i] - tl->width;
            out_spaces(c, spare / 2);
            out_puts(c, tl->ptr);
            out_spaces(c, (spare + 1) / 2);
            if (!cs[i].lines[line + 1].ptr) {
                done[i] = true;
                (*remaining)--;
            }
            if (L->border != 0 || st->wrap_right_border)
                out_puts(c, done[i] ? " " : st->header_nl_right);
        } else {
            out_spaces(c, (long)L->width_wrap[i]);
            if (L->border != 0 || st->wrap_right_border)
                out_putc(c, ' ');
        }
        if (L->border != 0 && i < L->ncols - 1)
            out_puts(c, data->midvrule);
    }
    if (L->border == 2)
        out_puts(c, data->rightvrule);
    out_putc(c, '\n');
}

static void print_headers(PrintCtx *c, const Layout *L, const LineStyle *st, ColState *cs)
{
    bool *done = xcalloc((size_t)L->ncols + 1, sizeof *done);
    int remaining = L->ncols;

    if (L->border == 2)
        print_hline(c, L, st, RULE_TOP);
    for (int i = 0; i < L->ncols; i++)
        colstate_load(c, &cs[i], c->headers[i], strlen(c->headers[i]));
    for (int line = 0; remaining > 0; line++)
        print_header_line(c, L, st, cs, line, done, &remaining);
    print_hline(c, L, st, RULE_MIDDLE);
    free(done);
}

/* ---------------------------------------------------------------- rows */

/* one display line of one column of a multi-line or wrapped row */
static bool print_cell_part(PrintCtx *c, const Layout *L, const LineStyle *st, ColState *cs,
                            int j)
{
    ColState *col = &cs[j];
    int avail = (int)L->width_wrap[j];
    int chars = avail;
    bool right = c->t->aligns[j] == 'r';
    bool last = j == L->ncols - 1;
    bool finalspaces = L->border == 2 || !last;
    bool more = false;

    if (L->border != 0)
        out_puts(c, col->wrap == WRAP_WRAP ? st->wrap_left
                    : col->wrap == WRAP_NEWLINE ? st->nl_left : " ");
    if (!col->lines[col->cur].ptr) {
        if (finalspaces)
            out_spaces(c, chars);
    } else {
        size_t bytes = colstate_take(col, &chars, c->encoding);
        if (chars > avail)
            chars = avail;
        if (right)
            out_spaces(c, avail - chars);
        out_write(c, col->lines[col->cur].ptr + col->off, bytes);
        col->off += (int)bytes;
        if (col->lines[col->cur].ptr[col->off] != '\0')
            more = true;
        else {
            col->cur++;
            col->off = 0;
            more = col->lines[col->cur].ptr != NULL;
        }
    }
    col->wrap = WRAP_NONE;
    if (col->lines[col->cur].ptr)
        col->wrap = col->off != 0 ? WRAP_WRAP : col->cur != 0 ? WRAP_NEWLINE : WRAP_NONE;
    if (!right && (finalspaces || col->wrap != WRAP_NONE))
        out_spaces(c, avail - chars);
    if (col->wrap == WRAP_WRAP)
        out_puts(c, st->wrap_right);
    else if (col->wrap == WRAP_NEWLINE)
        out_puts(c, st->nl_right);
    else if (finalspaces)
        out_putc(c, ' ');
    return more;
}

static void print_column_divider(PrintCtx *c, const LineStyle *st, const ColState *next)
{
    if (next->wrap == WRAP_WRAP)
        out_puts(c, st->midvrule_wrap);
    else if (next->wrap == WRAP_NEWLINE)
        out_puts(c, st->midvrule_nl);
    else if (!next->lines[next->cur].ptr)
        out_puts(c, st->midvrule_blank);
    else
        out_puts(c, st->rule[RULE_DATA].midvrule);
}

static void print_row_general(PrintCtx *c, const Layout *L, const LineStyle *st, ColState *cs)
{
    const Rule *data = &st->rule[RULE_DATA];
    bool more;

    for (int j = 0; j < L->ncols; j++)
        cs[j].wrap = WRAP_NONE;
    do {
        more = false;
        if (L->border == 2)
            out_puts(c, data->leftvrule);
        for (int j = 0; j < L->ncols; j++) {
            if (print_cell_part(c, L, st, cs, j))
                more = true;
            if (L->border != 0 && j < L->ncols - 1)
                print_column_divider(c, st, &cs[j + 1]);
        }
        if (L->border == 2)
            out_puts(c, data->rightvrule);
        out_putc(c, '\n');
    } while (more);
}

typedef struct RowCells {
    const char **text;
    size_t *len;
} RowCells;

/* the common case: every cell one line of plain ASCII that fits its column */
static void print_row_fast(PrintCtx *c, const Layout *L, const LineStyle *st, const RowCells *rc)
{
    const Rule *data = &st->rule[RULE_DATA];
    const char *aligns = c->t->aligns;
    int n = L->ncols;

    if (L->border == 2)
        out_puts(c, data->leftvrule);
    for (int j = 0; j < n; j++) {
        bool last = j == n - 1;
        long pad = (long)L->width_wrap[j] - (long)rc->len[j];
        if (L->border != 0)
            out_putc(c, ' ');
        if (aligns[j] == 'r')
            out_spaces(c, pad);
        out_write(c, rc->text[j], rc->len[j]);
        if (aligns[j] != 'r' && (L->border == 2 || !last))
            out_spaces(c, pad);
        if (L->border == 2 || !last)
            out_putc(c, ' ');
        if (L->border != 0 && !last)
            out_puts(c, data->midvrule);
    }
    if (L->border == 2)
        out_puts(c, data->rightvrule);
    out_putc(c, '\n');
}

static void print_rows(PrintCtx *c, const Layout *L, const LineStyle *st, ColState *cs)
{
    RowCells rc;
    rc.text = xcalloc((size_t)L->ncols + 1, sizeof *rc.text);
    rc.len = xcalloc((size_t)L->ncols + 1, sizeof *rc.len);

    for (long r = 0; r < c->nrows; r++) {
        bool fast = true;
        for (int j = 0; j < L->ncols; j++) {
            rc.text[j] = pctx_cell(c, r, j, &rc.len[j]);
            if (fast && (rc.len[j] > L->width_wrap[j] ||
                         !text_is_printable_ascii(rc.text[j], rc.len[j])))
                fast = false;
        }
        if (fast) {
            print_row_fast(c, L, st, &rc);
            continue;
        }
        for (int j = 0; j < L->ncols; j++)
            colstate_load(c, &cs[j], rc.text[j], rc.len[j]);
        print_row_general(c, L, st, cs);
    }
    free(rc.text);
    free(rc.len);
}

static void print_table_footers(PrintCtx *c, const Layout *L, const LineStyle *st)
{
    const char *const *footers;
    int n = pctx_footers(c, true, &footers);

    if (L->border == 2)
        print_hline(c, L, st, RULE_BOTTOM);
    if (!c->opt->tuples_only)
        for (int i = 0; i < n; i++) {
            out_puts(c, footers[i]);
            out_putc(c, '\n');
        }
    out_putc(c, '\n');
}

void print_aligned_text(PrintCtx *c)
{
    Layout L;
    LineStyle st;

    layout_compute(c, &L);
    if (layout_wants_vertical(c, &L)) {
        layout_free(&L);
        print_aligned_vertical(c);
        return;
    }
    get_line_style(c->opt, &st);
    ColState *cs = colstates_new(&L);
    if (c->opt->start_table && !c->opt->tuples_only) {
        if (c->t->title)
            print_title(c, &L);
        print_headers(c, &L, &st, cs);
    }
    print_rows(c, &L, &st, cs);
    if (c->opt->stop_table)
        print_table_footers(c, &L, &st);
    colstates_free(cs, L.ncols);
    layout_free(&L);
}

/* ---------------------------------------------------------------- expanded */

typedef struct VLayout {
    int border;
    unsigned hwidth, dwidth;
    int hheight, dheight;
    int hformat, dformat;       /* formatted sizes */
    bool hmultiline, dmultiline;
} VLayout;

static void vlayout_measure(PrintCtx *c, VLayout *V)
{
    TextSize sz;

    V->hheight = V->dheight = 1;
    for (int i = 0; i < c->ncols; i++) {
        text_measure(c->headers[i], strlen(c->headers[i]), c->encoding, &sz);
        if ((unsigned)sz.width > V->hwidth)
            V->hwidth = (unsigned)sz.width;
        if (sz.height > V->hheight) {
            V->hheight = sz.height;
            V->hmultiline = true;
        }
        if (sz.format_size > V->hformat)
            V->hformat = sz.format_size;
    }
    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            text_measure(s, len, c->encoding, &sz);
            if ((unsigned)sz.width > V->dwidth)
                V->dwidth = (unsigned)sz.width;
            if (sz.height > V->dheight) {
                V->dheight = sz.height;
                V->dmultiline = true;
            }
            if (sz.format_size > V->dformat)
                V->dformat = sz.format_size;
        }
}

static unsigned digits_of(long n)
{
    unsigned d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* the width of the record header lines, which the data column must not undercut */
static unsigned vlayout_record_width(const PrintCtx *c, int border)
{
    unsigned w = 0;

    if (c->opt->tuples_only)
        return 0;
    /* psql counts the rows even when there are no columns (the last FETCH_COUNT chunk's rule) */
    if (c->t->nrows > 0)
        w = digits_of(c->t->nrows);
    return w + (border == 0 ? 9 : border == 1 ? 12 : 15);
}

/* psql's data width in wrapped mode: fit the screen, but never undercut the record headers */
static void vlayout_data_width(PrintCtx *c, VLayout *V, bool old_ascii)
{
    int out_cols = c->opt->columns > 0 ? c->opt->columns : c->term_columns;
    bool wrapped = c->opt->format == PRINT_WRAPPED && out_cols > 0;
    unsigned swidth = V->border == 0 ? 1 + V->hmultiline
                      : V->border == 1 ? 3 + (V->hmultiline && old_ascii) : 7;
    unsigned rwidth = vlayout_record_width(c, V->border);
    unsigned newd;

    if (V->dmultiline && V->border < 2 && !old_ascii)
        swidth++;
    for (;;) {
        unsigned width = V->hwidth + swidth + V->dwidth;
        if (width < rwidth)
            width = rwidth;
        newd = width - V->hwidth - swidth;
        if (wrapped) {
            unsigned min_width = V->hwidth + swidth + 3;
            if (min_width < rwidth)
                min_width = rwidth;
            if ((unsigned)out_cols >= width)
                ;   /* room enough: keep the natural width */
            else if ((unsigned)out_cols < min_width)
                newd = min_width - V->hwidth - swidth;
            else
                newd = (unsigned)out_cols - V->hwidth - swidth;
        }
        /* wrapping needs a column for the marks: reserve it and compute again */
        if (newd < V->dwidth && !V->dmultiline && V->border < 2 && !old_ascii) {
            V->dmultiline = true;
            swidth++;
            continue;
        }
        break;
    }
    V->dwidth = newd;
}

/* "* Record N" (border 0) or "[ RECORD N ]"; written by hand, it is on every record */
static long format_record_label(char *buf, int border, unsigned long record)
{
    char digits[24];
    int nd = 0;
    long n = 0;

    do {
        digits[nd++] = (char)('0' + record % 10);
        record /= 10;
    } while (record);
    const char *head = border == 0 ? "* Record " : "[ RECORD ";
    memcpy(buf, head, 9);
    n = 9;
    while (nd > 0)
        buf[n++] = digits[--nd];
    if (border != 0) {
        memcpy(buf + n, " ]", 2);
        n += 2;
    }
    return n;
}

/* a record header ("-[ RECORD 1 ]---") or a plain rule when record is 0 */
static void print_record_line(PrintCtx *c, const LineStyle *st, int border, unsigned long record,
                              unsigned hwidth, unsigned dwidth, int pos)
{
    const Rule *r = &st->rule[pos];
    const char *fill = border > 0 ? r->hrule : " ";
    long reclen = 0;
    char label[64];

    if (border == 2) {
        out_puts(c, r->leftvrule);
        out_puts(c, r->hrule);
    } else if (border == 1)
        out_puts(c, r->hrule);
    if (record) {
        reclen = format_record_label(label, border, record);
        out_write(c, label, (size_t)reclen);
    }
    if (border != 2)
        reclen++;
    out_repeat(c, fill, (long)hwidth - reclen);
    reclen -= (long)hwidth;
    if (border > 0) {
        if (reclen-- <= 0)
            out_puts(c, r->hrule);
        if (reclen-- <= 0)
            out_puts(c, r->midvrule);
        if (reclen-- <= 0)
            out_puts(c, r->hrule);
    } else if (reclen-- <= 0)
        out_putc(c, ' ');
    if (reclen < 0)
        reclen = 0;
    out_repeat(c, fill, (long)dwidth - reclen);
    if (border == 2) {
        out_puts(c, r->hrule);
        out_puts(c, r->rightvrule);
    }
    out_putc(c, '\n');
}

typedef struct VState {
    const VLayout *V;
    const LineStyle *st;
    const TextLine *hl;         /* the field's header, formatted once per table */
    ColState data;              /* the field's value; off is data.off */
    int hline;
    int chars_left;             /* columns of the data line still to print */
    bool hdone, ddone;
} VState;

static void print_vertical_header_part(PrintCtx *c, VState *s)
{
    const VLayout *V = s->V;
    const LineStyle *st = s->st;
    bool old = st->old_ascii;

    if (s->hdone) {
        long pad = (long)V->hwidth + V->border;
        if (V->border < 2 && V->hmultiline && old)
            pad++;
        if (V->border == 0 && !old && V->hmultiline)
            pad++;
        out_spaces(c, pad > 0 ? pad : 1);
        return;
    }
    if (V->border == 2 || (V->hmultiline && old))
        out_puts(c, s->hline ? st->header_nl_left : " ");
    const TextLine *line = &s->hl[s->hline];
    out_puts(c, line->ptr);
    out_spaces(c, (long)V->hwidth - line->width);
    bool marks = V->border > 0 || (V->hmultiline && !old);
    if (s->hl[s->hline + 1].ptr) {
        if (marks)
            out_puts(c, st->header_nl_right);
        s->hline++;
    } else {
        if (marks)
            out_putc(c, ' ');
        s->hdone = true;
    }
}

static void print_vertical_data_part(PrintCtx *c, VState *s)
{
    const VLayout *V = s->V;
    const LineStyle *st = s->st;
    ColState *d = &s->data;
    bool marks = V->border > 1 || (V->dmultiline && !st->old_ascii);
    int target = (int)V->dwidth;

    out_puts(c, d->off == 0 ? " " : st->wrap_left);
    size_t bytes = colstate_take(d, &target, c->encoding);
    out_write(c, d->lines[d->cur].ptr + d->off, bytes);
    s->chars_left -= target;
    d->off += (int)bytes;
    long pad = (long)V->dwidth - target;
    if (s->chars_left) {
        if (marks) {
            out_spaces(c, pad);
            out_puts(c, st->wrap_right);
        }
    } else if (d->lines[d->cur + 1].ptr) {
        if (marks) {
            out_spaces(c, pad);
            out_puts(c, st->nl_right);
        }
        d->cur++;
        d->off = 0;
        s->chars_left = d->lines[d->cur].width;
    } else {
        if (V->border > 1) {
            out_spaces(c, pad);
            out_putc(c, ' ');
        }
        s->ddone = true;
    }
    if (V->border == 2)
        out_puts(c, st->rule[RULE_DATA].rightvrule);
    out_putc(c, '\n');
}

static void print_vertical_field(PrintCtx *c, VState *s)
{
    const VLayout *V = s->V;
    const Rule *data = &s->st->rule[RULE_DATA];

    s->hline = 0;
    s->hdone = s->ddone = false;
    s->chars_left = s->data.lines[0].width;
    while (!s->hdone || !s->ddone) {
        if (V->border == 2)
            out_puts(c, data->leftvrule);
        print_vertical_header_part(c, s);
        if (V->border > 0)
            out_puts(c, s->data.off ? s->st->midvrule_wrap
                        : s->data.cur == 0 ? data->midvrule : s->st->midvrule_nl);
        if (!s->ddone)
            print_vertical_data_part(c, s);
        else if (V->border < 2)
            out_putc(c, '\n');
        else {
            out_spaces(c, (long)V->dwidth + 2);
            out_puts(c, data->rightvrule);
            out_putc(c, '\n');
        }
    }
}

static void print_vertical_empty(PrintCtx *c)
{
    const char *const *footers;
    int n = pctx_footers(c, true, &footers);

    if (!c->opt->tuples_only)
        for (int i = 0; i < n; i++) {
            out_puts(c, footers[i]);
            out_putc(c, '\n');
        }
    out_putc(c, '\n');
}

/* every header split into lines once: they repeat in every record */
static ColState *format_headers(PrintCtx *c)
{
    ColState *hs = xcalloc((size_t)c->ncols + 1, sizeof *hs);
    for (int i = 0; i < c->ncols; i++) {
        const char *h = c->headers[i];
        TextSize sz;
        text_measure(h, strlen(h), c->encoding, &sz);
        hs[i].buf = xmalloc((size_t)sz.format_size + 1);
        hs[i].lines = xcalloc((size_t)sz.height + 2, sizeof(TextLine));
        colstate_load(c, &hs[i], h, strlen(h));
    }
    return hs;
}

static void print_vertical_records(PrintCtx *c, const VLayout *V, const LineStyle *st)
{
    VState s = {V, st, NULL, {NULL, NULL, 0, 0, 0, false}, 0, 0, false, false};
    ColState *hs = format_headers(c);
    unsigned long record = c->opt->prior_records + 1;
    unsigned lhwidth = V->hwidth + (V->border < 2 && V->hmultiline && st->old_ascii);

    s.data.buf = xmalloc((size_t)V->dformat + 1);
    s.data.lines = xcalloc((size_t)V->dheight + 2, sizeof(TextLine));
    for (long r = 0; r < c->nrows; r++) {
        int pos = r == 0 ? RULE_TOP : RULE_MIDDLE;
        if (!c->opt->tuples_only)
            print_record_line(c, st, V->border, record++, lhwidth, V->dwidth, pos);
        else if (r != 0 || !c->opt->start_table || V->border == 2)
            print_record_line(c, st, V->border, 0, lhwidth, V->dwidth, pos);
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *cell = pctx_cell(c, r, i, &len);
            colstate_load(c, &s.data, cell, len);
            s.hl = hs[i].lines;
            print_vertical_field(c, &s);
        }
    }
    colstates_free(hs, c->ncols);
    free(s.data.buf);
    free(s.data.lines);
}

void print_aligned_vertical(PrintCtx *c)
{
    VLayout V = {0};
    LineStyle st;

    if (c->nrows == 0 && c->opt->start_table && c->opt->stop_table) {
        print_vertical_empty(c);
        return;
    }
    get_line_style(c->opt, &st);
    V.border = clamp_border(c->opt->border);
    vlayout_measure(c, &V);
    if (c->opt->start_table && !c->opt->tuples_only && c->t->title) {
        out_puts(c, c->t->title);
        out_putc(c, '\n');
    }
    /* psql 15 adjusts the data width in wrapped mode only */
    if (c->opt->format == PRINT_WRAPPED)
        vlayout_data_width(c, &V, st.old_ascii);
    print_vertical_records(c, &V, &st);
    if (c->opt->stop_table) {
        if (V.border == 2)
            print_record_line(c, &st, V.border, 0, V.hwidth, V.dwidth, RULE_BOTTOM);
        if (!c->opt->tuples_only && c->t->nfooters > 0) {
            if (V.border < 2)
                out_putc(c, '\n');
            for (int i = 0; i < c->t->nfooters; i++) {
                out_puts(c, c->t->footers[i]);
                out_putc(c, '\n');
            }
        }
        out_putc(c, '\n');
    }
}
