/* The csv format (RFC 4180 quoting, but lines end with a bare newline as in psql). */
#include "print/printer.h"

static void put_csv_field(PrintCtx *c, const char *s, size_t len, char sep)
{
    /*
     * Quote when the text holds the separator, a quote or a line break, and
     * also for "\." and the separators "\" and "." so that no line can read as
     * COPY's end-of-data marker.
     */
    bool quote = sep == '\\' || sep == '.' || (len == 2 && s[0] == '\\' && s[1] == '.');
    for (size_t i = 0; !quote && i < len; i++)
        quote = s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        out_write(c, s, len);
        return;
    }
    out_putc(c, '"');
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"') {
            out_write(c, s + start, i + 1 - start);
            out_putc(c, '"');
            start = i + 1;
        }
    out_write(c, s + start, len - start);
    out_putc(c, '"');
}

void print_csv_text(PrintCtx *c)
{
    char sep = c->opt->csv_field_sep[0];

    /* never a title or footers; the header unless tuples only */
    if (c->opt->start_table && !c->opt->tuples_only) {
        for (int i = 0; i < c->ncols; i++) {
            if (i > 0)
                out_putc(c, sep);
            put_csv_field(c, c->headers[i], strlen(c->headers[i]), sep);
        }
        out_putc(c, '\n');
    }
    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            put_csv_field(c, s, len, sep);
            out_putc(c, i < c->ncols - 1 ? sep : '\n');
        }
}

void print_csv_vertical(PrintCtx *c)
{
    char sep = c->opt->csv_field_sep[0];

    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            put_csv_field(c, c->headers[i], strlen(c->headers[i]), sep);
            out_putc(c, sep);
            put_csv_field(c, s, len, sep);
            out_putc(c, '\n');
        }
}
