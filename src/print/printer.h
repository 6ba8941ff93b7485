/*
 * Printing a result table in the format the options choose.  Each format lives in
 * its own file behind this one entry point; text width rules live in width.c.
 */
#ifndef PGC_PRINT_PRINTER_H
#define PGC_PRINT_PRINTER_H

#include <stdio.h>
#include <string.h>

#include "print/options.h"
#include "print/rowstore.h"
#include "print/table.h"
#include "util/strbuf.h"

/*
 * Prints the table.  When the table has no footers of its own and opt->default_footer
 * is set, the formats that show one add psql's "(N rows)" (counting prior_records).
 * term_columns is the width of the terminal when out is one (used by wrapped and
 * expanded auto), else 0; psql takes it from $COLUMNS, else from the terminal,
 * when out is stdout on a terminal or a pager (\pset columns overrides it).
 * NULL cells print as opt->null_print; with \pset numericlocale the cells of
 * right-aligned columns get the locale's separators.  The title is t->title
 * (print_result sets it from \pset title).
 *
 * FETCH_COUNT: call once per chunk with start_table set for the first,
 * stop_table for the last (the first chunk shorter than FETCH_COUNT, possibly
 * empty) and prior_records counting the rows already printed.  Like psql, set
 * opt->is_pager from the first full chunk on when out is stdout.
 */
void print_table(const PrintTable *t, const PrintOptions *opt, FILE *out, int term_columns);

/*
 * The console's Ctrl-C flag: when check() says it was pressed, printing stops
 * after the last whole line already written (psql's cancel_pressed).
 */
void print_set_cancel_check(bool (*check)(void));

/* Prints a query result as psql's printQuery does (title from \pset title). */
void print_result(const PGresult *res, const PrintOptions *opt, FILE *out, int term_columns);

/*
 * What psql writes to its --log-file for a table: always the aligned layout,
 * whatever \pset format and expanded say (expanded auto may still switch when
 * \pset columns is set; nothing is written with format "nothing").
 */
void print_table_log(const PrintTable *t, const PrintOptions *opt, FILE *log);

/*
 * The number of lines psql counts to decide on a pager: compare it with the
 * terminal's height (use the pager when lines >= rows and lines >=
 * pager_min_lines, or always with \pset pager always).  Like psql it counts
 * rows, header and explicit footers, plus the extra lines of multi-line and
 * wrapped cells in the aligned formats.
 */
long print_estimate_lines(const PrintTable *t, const PrintOptions *opt);
/*
 * The same, knowing the terminal's width: returns LONG_MAX when aligned output
 * would be wider than term_columns, because psql then always uses the pager.
 */
long print_estimate_lines_width(const PrintTable *t, const PrintOptions *opt, int term_columns);

/*
 * Whether the format can print a result while its rows arrive: it needs no column
 * widths, and printing the rows in chunks (start_table on the first, stop_table on
 * the last, prior_records counting the rows of earlier chunks, as for FETCH_COUNT)
 * gives exactly the bytes of printing them all at once.  A format that meets this
 * (it reads cells only through pctx_cell, in row order, and keeps nothing between
 * chunks beyond what those three fields say) adds itself in printer.c; the unit test
 * of chunked printing then checks it on every format listed.
 */
bool print_format_streams(const PrintOptions *opt);
/* print_estimate_lines of such a format, from the counts alone (result tables have no footers) */
long print_estimate_lines_streamed(const PrintOptions *opt, int ncolumns, long nrows);

/*
 * psql's locale-aware rendering of a number (\pset numericlocale), using the
 * current LC_NUMERIC: thousands separators and the locale's decimal point.
 * Text that does not look like a number is returned unchanged.  Caller frees.
 */
char *print_format_numeric_locale(const char *number);

/* ---- shared by the format files of src/print only ---- */

#define PRINT_OUTBUF_SIZE 65536

typedef struct NumericLocale {
    char *decimal_point;
    char *thousands_sep;
    int group_digits;
} NumericLocale;

typedef struct PrintCtx {
    const PrintTable *t;
    const PrintOptions *opt;
    FILE *out;
    int ncols;
    long nrows;                 /* rows that have cells: 0 when there are no columns */
    int encoding;
    bool utf8;
    int term_columns;
    const char **headers;       /* validated copies of the headers */
    StrBuf *cellbuf;            /* per column: numeric-locale text */
    StrBuf *validbuf;           /* per column: text with invalid UTF-8 dropped */
    bool numeric_locale;
    NumericLocale numloc;
    char default_footer[64];
    const char *default_footer_list[1];
    RowCursor rows;             /* reads t->rows */
    char *obuf;                 /* output is gathered here and written in large blocks */
    size_t olen;
    bool cancelled;             /* Ctrl-C: nothing more is written */
} PrintCtx;

void pctx_init(PrintCtx *c, const PrintTable *t, const PrintOptions *opt, FILE *out,
               int term_columns);
void pctx_done(PrintCtx *c);
/* the text to print for a cell (null display, numeric locale, UTF-8 cleanup applied);
 * valid until the next call for the same column */
const char *pctx_cell(PrintCtx *c, long row, int col, size_t *len);
/* the cell as stored, NULL for SQL NULL (json prints null whatever \pset null says) */
const char *pctx_raw_cell(PrintCtx *c, long row, int col, size_t *len);
/* the footers to print: the table's own, or psql's "(N rows)" when with_default allows */
int pctx_footers(PrintCtx *c, bool with_default, const char *const **lines);
void pctx_flush(PrintCtx *c);

static inline void out_write(PrintCtx *c, const char *s, size_t n)
{
    if (c->olen + n > PRINT_OUTBUF_SIZE) {
        pctx_flush(c);
        if (n > PRINT_OUTBUF_SIZE) {
            if (!c->cancelled)
                fwrite(s, 1, n, c->out);
            return;
        }
    }
    memcpy(c->obuf + c->olen, s, n);
    c->olen += n;
}

static inline void out_puts(PrintCtx *c, const char *s)
{
    out_write(c, s, strlen(s));
}

static inline void out_putc(PrintCtx *c, char ch)
{
    if (c->olen + 1 > PRINT_OUTBUF_SIZE)
        pctx_flush(c);
    c->obuf[c->olen++] = ch;
}

void out_spaces(PrintCtx *c, long n);
void out_printf(PrintCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void print_aligned_text(PrintCtx *c);
void print_aligned_vertical(PrintCtx *c);
long aligned_estimate_lines(PrintCtx *c, bool *too_wide);
void print_unaligned_text(PrintCtx *c);
void print_unaligned_vertical(PrintCtx *c);
void print_csv_text(PrintCtx *c);
void print_csv_vertical(PrintCtx *c);
void print_html_text(PrintCtx *c);
void print_html_vertical(PrintCtx *c);
void print_asciidoc_text(PrintCtx *c);
void print_asciidoc_vertical(PrintCtx *c);
void print_latex_text(PrintCtx *c);
void print_latex_longtable_text(PrintCtx *c);
void print_latex_vertical(PrintCtx *c);
void print_troff_ms_text(PrintCtx *c);
void print_troff_ms_vertical(PrintCtx *c);
void print_json_text(PrintCtx *c);

#endif
