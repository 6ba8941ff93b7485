/* The html format: a <table>, with cells escaped for HTML. */
#include "print/printer.h"

static void put_html_escaped(PrintCtx *c, const char *s)
{
    /* leading spaces become &nbsp; so that EXPLAIN's indentation survives */
    bool leading = true;

    for (; *s; s++) {
        switch (*s) {
        case '&': out_puts(c, "&amp;"); break;
        case '<': out_puts(c, "&lt;"); break;
        case '>': out_puts(c, "&gt;"); break;
        case '\n': out_puts(c, "<br />\n"); break;
        case '"': out_puts(c, "&quot;"); break;
        case ' ': out_puts(c, leading ? "&nbsp;" : " "); break;
        default: out_putc(c, *s); break;
        }
        if (*s != ' ')
            leading = false;
    }
}

static bool only_blanks(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

static void put_html_cell(PrintCtx *c, const char *s, int col)
{
    out_printf(c, "    <td align=\"%s\">", c->t->aligns[col] == 'r' ? "right" : "left");
    if (only_blanks(s))
        out_puts(c, "&nbsp; ");
    else
        put_html_escaped(c, s);
    out_puts(c, "</td>\n");
}

static void put_table_start(PrintCtx *c)
{
    out_printf(c, "<table border=\"%d\"", c->opt->border);
    if (c->opt->table_attr)
        out_printf(c, " %s", c->opt->table_attr);
    out_puts(c, ">\n");
    if (!c->opt->tuples_only && c->t->title) {
        out_puts(c, "  <caption>");
        put_html_escaped(c, c->t->title);
        out_puts(c, "</caption>\n");
    }
}

static void put_table_end(PrintCtx *c, const char *const *footers, int nfooters)
{
    out_puts(c, "</table>\n");
    if (!c->opt->tuples_only && nfooters > 0) {
        out_puts(c, "<p>");
        for (int i = 0; i < nfooters; i++) {
            put_html_escaped(c, footers[i]);
            out_puts(c, "<br />\n");
        }
        out_puts(c, "</p>");
    }
    out_putc(c, '\n');
}

void print_html_text(PrintCtx *c)
{
    if (c->opt->start_table) {
        put_table_start(c);
        if (!c->opt->tuples_only) {
            out_puts(c, "  <tr>\n");
            for (int i = 0; i < c->ncols; i++) {
                out_puts(c, "    <th align=\"center\">");
                put_html_escaped(c, c->headers[i]);
                out_puts(c, "</th>\n");
            }
            out_puts(c, "  </tr>\n");
        }
    }
    for (long r = 0; r < c->nrows; r++) {
        out_puts(c, "  <tr valign=\"top\">\n");
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            put_html_cell(c, pctx_cell(c, r, i, &len), i);
        }
        out_puts(c, "  </tr>\n");
    }
    if (c->opt->stop_table) {
        const char *const *footers;
        int n = pctx_footers(c, true, &footers);
        put_table_end(c, footers, n);
    }
}

void print_html_vertical(PrintCtx *c)
{
    unsigned long record = c->opt->prior_records + 1;

    if (c->opt->start_table)
        put_table_start(c);
    for (long r = 0; r < c->nrows; r++) {
        if (!c->opt->tuples_only)
            out_printf(c, "\n  <tr><td colspan=\"2\" align=\"center\">Record %lu</td></tr>\n",
                       record++);
        else
            out_puts(c, "\n  <tr><td colspan=\"2\">&nbsp;</td></tr>\n");
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            out_puts(c, "  <tr valign=\"top\">\n    <th>");
            put_html_escaped(c, c->headers[i]);
            out_puts(c, "</th>\n");
            put_html_cell(c, s, i);
            out_puts(c, "  </tr>\n");
        }
    }
    if (c->opt->stop_table)
        put_table_end(c, (const char *const *)c->t->footers, c->t->nfooters);
}
