/* The csv format (RFC 4180 quoting, but lines end with a bare newline as in psql). */
#include "print/printer.h"

/* the bytes that force quoting: the separator, a quote, CR and LF */
typedef struct CsvQuoting {
    char sep;
    bool always;                /* separators "\" and "." quote every field */
    bool special[256];
} CsvQuoting;

static void csv_quoting_init(CsvQuoting *q, char sep)
{
    memset(q, 0, sizeof *q);
    q->sep = sep;
    /* with these separators a line could read as COPY's end-of-data marker "\." */
    q->always = sep == '\\' || sep == '.';
    q->special[(unsigned char)sep] = true;
    q->special['"'] = true;
    q->special['\n'] = true;
    q->special['\r'] = true;
}

static void put_csv_field(PrintCtx *c, const CsvQuoting *q, const char *s, size_t len)
{
    bool quote = q->always || (len == 2 && s[0] == '\\' && s[1] == '.');
    for (size_t i = 0; !quote && i < len; i++)
        quote = q->special[(unsigned char)s[i]];
    if (!quote) {
        out_write(c, s, len);
        return;
    }
    out_putc(c, '"');
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"') {
            out_write(c, s + start, i + 1 - start);     /* a quote is doubled */
            out_putc(c, '"');
            start = i + 1;
        }
    out_write(c, s + start, len - start);
    out_putc(c, '"');
}

void print_csv_text(PrintCtx *c)
{
    CsvQuoting q;

    csv_quoting_init(&q, c->opt->csv_field_sep[0]);
    /* never a title or footers; the header unless tuples only */
    if (c->opt->start_table && !c->opt->tuples_only) {
        for (int i = 0; i < c->ncols; i++) {
            if (i > 0)
                out_putc(c, q.sep);
            put_csv_field(c, &q, c->headers[i], strlen(c->headers[i]));
        }
        out_putc(c, '\n');
    }
    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            put_csv_field(c, &q, s, len);
            out_putc(c, i < c->ncols - 1 ? q.sep : '\n');
        }
}

void print_csv_vertical(PrintCtx *c)
{
    CsvQuoting q;

    csv_quoting_init(&q, c->opt->csv_field_sep[0]);
    for (long r = 0; r < c->nrows; r++)
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            put_csv_field(c, &q, c->headers[i], strlen(c->headers[i]));
            out_putc(c, q.sep);
            put_csv_field(c, &q, s, len);
            out_putc(c, '\n');
        }
}
