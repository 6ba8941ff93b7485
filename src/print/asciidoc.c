/* The asciidoc format: a |==== table with an options line. */
#include "print/printer.h"

static void put_asciidoc_escaped(PrintCtx *c, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            out_puts(c, "\\|");
        else
            out_putc(c, *s);
    }
}

static bool only_blanks(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

static void put_frame(PrintCtx *c)
{
    switch (c->opt->border) {
    case 0: out_puts(c, ",frame=\"none\",grid=\"none\""); break;
    case 1: out_puts(c, ",frame=\"none\""); break;
    case 2: out_puts(c, ",frame=\"all\",grid=\"all\""); break;
    default: break;
    }
    out_puts(c, "]\n|====\n");
}

/* a blank line first: the table must start a new paragraph */
static void put_title(PrintCtx *c)
{
    out_putc(c, '\n');
    if (!c->opt->tuples_only && c->t->title) {
        out_putc(c, '.');
        out_puts(c, c->t->title);
        out_putc(c, '\n');
    }
}

static void put_footers(PrintCtx *c, const char *const *footers, int n)
{
    if (c->opt->tuples_only || n == 0)
        return;
    out_puts(c, "\n....\n");
    for (int i = 0; i < n; i++) {
        out_puts(c, footers[i]);
        out_putc(c, '\n');
    }
    out_puts(c, "....\n");
}

static void put_header(PrintCtx *c)
{
    bool tuples_only = c->opt->tuples_only;

    put_title(c);
    out_printf(c, "[%scols=\"", tuples_only ? "" : "options=\"header\",");
    for (int i = 0; i < c->ncols; i++) {
        if (i > 0)
            out_putc(c, ',');
        out_puts(c, c->t->aligns[i] == 'r' ? ">l" : "<l");
    }
    out_putc(c, '"');
    put_frame(c);
    if (!tuples_only) {
        for (int i = 0; i < c->ncols; i++) {
            if (i > 0)
                out_putc(c, ' ');
            out_puts(c, "^l|");
            put_asciidoc_escaped(c, c->headers[i]);
        }
        out_putc(c, '\n');
    }
}

void print_asciidoc_text(PrintCtx *c)
{
    if (c->opt->start_table)
        put_header(c);
    for (long r = 0; r < c->nrows; r++) {
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            if (i > 0)
                out_putc(c, ' ');
            out_putc(c, '|');
            /* a blank cell is left empty, keeping one space between cells */
            if (!only_blanks(s))
                put_asciidoc_escaped(c, s);
            else if (i < c->ncols - 1)
                out_putc(c, ' ');
        }
        out_putc(c, '\n');
    }
    out_puts(c, "|====\n");
    if (c->opt->stop_table) {
        const char *const *footers;
        int n = pctx_footers(c, true, &footers);
        put_footers(c, footers, n);
    }
}

void print_asciidoc_vertical(PrintCtx *c)
{
    unsigned long record = c->opt->prior_records + 1;

    if (c->opt->start_table) {
        put_title(c);
        out_puts(c, "[cols=\"h,l\"");
        put_frame(c);
    }
    for (long r = 0; r < c->nrows; r++) {
        if (!c->opt->tuples_only)
            out_printf(c, "2+^|Record %lu\n", record++);
        else
            out_puts(c, "2+|\n");
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            out_puts(c, "<l|");
            put_asciidoc_escaped(c, c->headers[i]);
            out_puts(c, c->t->aligns[i] == 'r' ? " >l|" : " <l|");
            if (only_blanks(s))
                out_putc(c, ' ');
            else
                put_asciidoc_escaped(c, s);
            out_putc(c, '\n');
        }
    }
    out_puts(c, "|====\n");
    if (c->opt->stop_table)
        put_footers(c, (const char *const *)c->t->footers, c->t->nfooters);
}
