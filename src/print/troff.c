/* The troff-ms format: a tbl table for the ms macros. */
#include "print/printer.h"

static void put_troff_escaped(PrintCtx *c, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\')
            out_puts(c, "\\(rs");
        else
            out_putc(c, *s);
    }
}

static int troff_border(const PrintOptions *opt)
{
    return opt->border > 2 ? 2 : opt->border;
}

static void put_table_start(PrintCtx *c, int border)
{
    if (!c->opt->tuples_only && c->t->title) {
        out_puts(c, ".LP\n.DS C\n");
        put_troff_escaped(c, c->t->title);
        out_puts(c, "\n.DE\n");
    }
    out_puts(c, ".LP\n.TS\n");
    out_puts(c, border == 2 ? "center box;\n" : "center;\n");
}

static void put_table_end(PrintCtx *c, const char *const *footers, int n)
{
    out_puts(c, ".TE\n.DS L\n");
    if (!c->opt->tuples_only)
        for (int i = 0; i < n; i++) {
            put_troff_escaped(c, footers[i]);
            out_putc(c, '\n');
        }
    out_puts(c, ".DE\n");
}

void print_troff_ms_text(PrintCtx *c)
{
    int border = troff_border(c->opt);

    if (c->opt->start_table) {
        put_table_start(c, border);
        for (int i = 0; i < c->ncols; i++) {
            out_putc(c, c->t->aligns[i]);
            if (border > 0 && i < c->ncols - 1)
                out_puts(c, " | ");
        }
        out_puts(c, ".\n");
        if (!c->opt->tuples_only) {
            for (int i = 0; i < c->ncols; i++) {
                if (i > 0)
                    out_putc(c, '\t');
                out_puts(c, "\\fI");
                put_troff_escaped(c, c->headers[i]);
                out_puts(c, "\\fP");
            }
            out_puts(c, "\n_\n");
        }
    }
    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            put_troff_escaped(c, pctx_cell(c, r, i, &len));
            out_putc(c, i < c->ncols - 1 ? '\t' : '\n');
        }
    if (c->opt->stop_table) {
        const char *const *footers;
        int n = pctx_footers(c, true, &footers);
        put_table_end(c, footers, n);
    }
}

enum { FMT_NONE, FMT_RECORD, FMT_BODY };

/* tbl needs a new format line (".T&") whenever the row layout changes */
static void switch_format(PrintCtx *c, int *current, int wanted, int border, bool first_record)
{
    if (*current == wanted)
        return;
    if (wanted == FMT_RECORD) {
        if (border == 2 && !first_record)
            out_puts(c, "_\n");
        if (*current != FMT_NONE)
            out_puts(c, ".T&\n");
        out_puts(c, "c s.\n");
    } else {
        if (*current != FMT_NONE)
            out_puts(c, ".T&\n");
        out_puts(c, border != 1 ? "c l.\n" : "c | l.\n");
    }
    *current = wanted;
}

void print_troff_ms_vertical(PrintCtx *c)
{
    int border = troff_border(c->opt);
    unsigned long record = c->opt->prior_records + 1;
    int current = FMT_NONE;

    if (c->opt->start_table) {
        put_table_start(c, border);
        if (c->opt->tuples_only)
            out_puts(c, "c l;\n");
    } else
        current = FMT_BODY;     /* an earlier chunk already set the body format */
    for (long r = 0; r < c->nrows; r++) {
        if (!c->opt->tuples_only) {
            switch_format(c, &current, FMT_RECORD, border, record == 1);
            out_printf(c, "\\fIRecord %lu\\fP\n", record++);
        }
        if (border >= 1)
            out_puts(c, "_\n");
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            if (!c->opt->tuples_only)
                switch_format(c, &current, FMT_BODY, border, false);
            put_troff_escaped(c, c->headers[i]);
            out_putc(c, '\t');
            put_troff_escaped(c, s);
            out_putc(c, '\n');
        }
    }
    if (c->opt->stop_table)
        put_table_end(c, (const char *const *)c->t->footers, c->t->nfooters);
}
