/* The latex and latex-longtable formats, and their shared expanded layout. */
#include "print/printer.h"

static void put_latex_escaped(PrintCtx *c, const char *s)
{
    /* the ASCII conversions of "The Comprehensive LaTeX Symbol List", as psql does */
    for (; *s; s++) {
        switch (*s) {
        case '#': out_puts(c, "\\#"); break;
        case '$': out_puts(c, "\\$"); break;
        case '%': out_puts(c, "\\%"); break;
        case '&': out_puts(c, "\\&"); break;
        case '<': out_puts(c, "\\textless{}"); break;
        case '>': out_puts(c, "\\textgreater{}"); break;
        case '\\': out_puts(c, "\\textbackslash{}"); break;
        case '^': out_puts(c, "\\^{}"); break;
        case '_': out_puts(c, "\\_"); break;
        case '{': out_puts(c, "\\{"); break;
        case '|': out_puts(c, "\\textbar{}"); break;
        case '}': out_puts(c, "\\}"); break;
        case '~': out_puts(c, "\\~{}"); break;
        case '\n': out_puts(c, "\\\\"); break;
        default: out_putc(c, *s); break;
        }
    }
}

static void put_centered_title(PrintCtx *c)
{
    if (c->opt->tuples_only || !c->t->title)
        return;
    out_puts(c, "\\begin{center}\n");
    put_latex_escaped(c, c->t->title);
    out_puts(c, "\n\\end{center}\n\n");
}

static void put_tabular_footer(PrintCtx *c, const char *const *footers, int n)
{
    out_puts(c, "\\end{tabular}\n\n\\noindent ");
    if (!c->opt->tuples_only)
        for (int i = 0; i < n; i++) {
            put_latex_escaped(c, footers[i]);
            out_puts(c, " \\\\\n");
        }
    out_putc(c, '\n');
}

static void put_column_spec(PrintCtx *c, int border)
{
    if (border >= 2)
        out_puts(c, "| ");
    for (int i = 0; i < c->ncols; i++) {
        out_putc(c, c->t->aligns[i]);
        if (border != 0 && i < c->ncols - 1)
            out_puts(c, " | ");
    }
    if (border >= 2)
        out_puts(c, " |");
    out_puts(c, "}\n");
}

static void put_latex_header_row(PrintCtx *c, const char *before, const char *after)
{
    for (int i = 0; i < c->ncols; i++) {
        if (i > 0)
            out_puts(c, " & ");
        out_puts(c, before);
        put_latex_escaped(c, c->headers[i]);
        out_puts(c, after);
    }
    out_puts(c, " \\\\\n");
}

void print_latex_text(PrintCtx *c)
{
    int border = c->opt->border > 3 ? 3 : c->opt->border;

    if (c->opt->start_table) {
        put_centered_title(c);
        out_puts(c, "\\begin{tabular}{");
        put_column_spec(c, border);
        if (!c->opt->tuples_only && border >= 2)
            out_puts(c, "\\hline\n");
        if (!c->opt->tuples_only) {
            put_latex_header_row(c, "\\textit{", "}");
            out_puts(c, "\\hline\n");
        }
    }
    for (long r = 0; r < c->nrows; r++) {
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            put_latex_escaped(c, pctx_cell(c, r, i, &len));
            out_puts(c, i < c->ncols - 1 ? " & " : " \\\\\n");
        }
        if (border == 3)
            out_puts(c, "\\hline\n");
    }
    if (c->opt->stop_table) {
        const char *const *footers;
        int n = pctx_footers(c, true, &footers);
        if (border == 2)
            out_puts(c, "\\hline\n");
        put_tabular_footer(c, footers, n);
    }
}

/*
 * \pset tableattr gives longtable the widths of the left-aligned columns, as
 * fractions of \textwidth separated by blanks; the last one is reused.
 */
static void put_longtable_spec(PrintCtx *c, int border)
{
    static const char blanks[] = " \t\n";
    const char *attr = c->opt->table_attr, *next = attr, *last = NULL;

    out_puts(c, "\\begin{longtable}{");
    if (border >= 2)
        out_puts(c, "| ");
    for (int i = 0; i < c->ncols; i++) {
        if (c->t->aligns[i] == 'l' && attr) {
            next += strspn(next, blanks);
            if (*next) {
                last = next;
                next += strcspn(next, blanks);
            }
            if (last) {
                out_puts(c, "p{");
                out_write(c, last, strcspn(last, blanks));
                out_puts(c, "\\textwidth}");
            } else
                out_putc(c, 'l');
        } else
            out_putc(c, c->t->aligns[i]);
        if (border != 0 && i < c->ncols - 1)
            out_puts(c, " | ");
    }
    if (border >= 2)
        out_puts(c, " |");
    out_puts(c, "}\n");
}

static void put_longtable_caption(PrintCtx *c, int border, const char *suffix, const char *end)
{
    if (border == 2)
        out_puts(c, "\\bottomrule\n");
    out_puts(c, "\\caption[");
    put_latex_escaped(c, c->t->title);
    out_puts(c, suffix);
    out_puts(c, "]{");
    put_latex_escaped(c, c->t->title);
    out_puts(c, end);
}

static void put_longtable_heads(PrintCtx *c, int border)
{
    /* the head of the first page, then the one repeated on the next pages */
    if (border >= 2)
        out_puts(c, "\\toprule\n");
    put_latex_header_row(c, "\\small\\textbf{\\textit{", "}}");
    out_puts(c, "\\midrule\n\\endfirsthead\n");
    if (border >= 2)
        out_puts(c, "\\toprule\n");
    put_latex_header_row(c, "\\small\\textbf{\\textit{", "}}");
    if (border != 3)
        out_puts(c, "\\midrule\n");
    out_puts(c, "\\endhead\n");
    if (c->t->title) {
        put_longtable_caption(c, border, " (Continued)", "}\n\\endfoot\n");
        put_longtable_caption(c, border, "", "}\n\\endlastfoot\n");
    } else if (border >= 2)
        out_puts(c, "\\bottomrule\n\\endfoot\n\\bottomrule\n\\endlastfoot\n");
}

void print_latex_longtable_text(PrintCtx *c)
{
    int border = c->opt->border > 3 ? 3 : c->opt->border;

    if (c->opt->start_table) {
        put_longtable_spec(c, border);
        if (!c->opt->tuples_only)
            put_longtable_heads(c, border);
    }
    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            if (i > 0)
                out_puts(c, "\n&\n");
            out_puts(c, "\\raggedright{");
            put_latex_escaped(c, s);
            out_putc(c, '}');
            if (i == c->ncols - 1) {
                out_puts(c, " \\tabularnewline\n");
                if (border == 3)
                    out_puts(c, " \\hline\n");
            }
        }
    if (c->opt->stop_table)
        out_puts(c, "\\end{longtable}\n");
}

void print_latex_vertical(PrintCtx *c)
{
    int border = c->opt->border > 2 ? 2 : c->opt->border;
    unsigned long record = c->opt->prior_records + 1;

    if (c->opt->start_table) {
        put_centered_title(c);
        out_puts(c, "\\begin{tabular}{");
        out_puts(c, border == 0 ? "cl" : border == 1 ? "c|l" : "|c|l|");
        out_puts(c, "}\n");
    }
    for (long r = 0; r < c->nrows; r++) {
        if (!c->opt->tuples_only) {
            if (border == 2)
                out_printf(c, "\\hline\n\\multicolumn{2}{|c|}{\\textit{Record %lu}} \\\\\n",
                           record++);
            else
                out_printf(c, "\\multicolumn{2}{c}{\\textit{Record %lu}} \\\\\n", record++);
        }
        if (border >= 1)
            out_puts(c, "\\hline\n");
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            put_latex_escaped(c, c->headers[i]);
            out_puts(c, " & ");
            put_latex_escaped(c, s);
            out_puts(c, " \\\\\n");
        }
    }
    if (c->opt->stop_table) {
        if (border == 2)
            out_puts(c, "\\hline\n");
        put_tabular_footer(c, (const char *const *)c->t->footers, c->t->nfooters);
    }
}
