/* The unaligned format: fields joined by \pset fieldsep, records by recordsep. */
#include "print/printer.h"

typedef struct Separators {
    const char *field;
    size_t field_len;
    bool field_zero;
    const char *record;
    size_t record_len;
    bool record_zero;
} Separators;

static void separators_get(const PrintOptions *opt, Separators *s)
{
    s->field = opt->field_sep ? opt->field_sep : "";
    s->field_len = strlen(s->field);
    s->field_zero = opt->field_sep_zero;
    s->record = opt->record_sep ? opt->record_sep : "";
    s->record_len = strlen(s->record);
    s->record_zero = opt->record_sep_zero;
}

static void put_field_sep(PrintCtx *c, const Separators *s)
{
    if (s->field_zero)
        out_putc(c, '\0');
    else
        out_write(c, s->field, s->field_len);
}

static void put_record_sep(PrintCtx *c, const Separators *s)
{
    if (s->record_zero)
        out_putc(c, '\0');
    else
        out_write(c, s->record, s->record_len);
}

/* the last record ends with a newline whatever recordsep is, unless it is a zero byte */
static void put_final(PrintCtx *c, const Separators *s)
{
    if (s->record_zero)
        out_putc(c, '\0');
    else
        out_putc(c, '\n');
}

static bool print_head(PrintCtx *c, const Separators *sep)
{
    const PrintOptions *opt = c->opt;

    if (!opt->start_table)
        return true;    /* a later chunk continues the previous one's last record */
    if (opt->tuples_only)
        return false;
    if (c->t->title) {
        out_puts(c, c->t->title);
        put_record_sep(c, sep);
    }
    for (int i = 0; i < c->ncols; i++) {
        if (i > 0)
            put_field_sep(c, sep);
        out_puts(c, c->headers[i]);
    }
    return true;
}

void print_unaligned_text(PrintCtx *c)
{
    Separators sep;
    bool need_rs;

    separators_get(c->opt, &sep);
    need_rs = print_head(c, &sep);
    for (long r = 0; r < c->nrows; r++) {
        if (need_rs)
            put_record_sep(c, &sep);
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            out_write(c, s, len);
            if (i < c->ncols - 1)
                put_field_sep(c, &sep);
        }
        need_rs = true;
    }
    if (!c->opt->stop_table)
        return;
    const char *const *footers;
    int n = pctx_footers(c, true, &footers);
    if (!c->opt->tuples_only)
        for (int i = 0; i < n; i++) {
            if (need_rs)
                put_record_sep(c, &sep);
            out_puts(c, footers[i]);
            need_rs = true;
        }
    if (need_rs)
        put_final(c, &sep);
}

void print_unaligned_vertical(PrintCtx *c)
{
    Separators sep;
    bool need_rs = false;

    separators_get(c->opt, &sep);
    if (!c->opt->start_table)
        need_rs = true;
    else if (!c->opt->tuples_only && c->t->title) {
        out_puts(c, c->t->title);
        need_rs = true;
    }
    for (long r = 0; r < c->nrows; r++) {
        /* records are set apart by two record separators */
        if (need_rs) {
            put_record_sep(c, &sep);
            put_record_sep(c, &sep);
        }
        for (int i = 0; i < c->ncols; i++) {
            size_t len;
            const char *s = pctx_cell(c, r, i, &len);
            out_puts(c, c->headers[i]);
            put_field_sep(c, &sep);
            out_write(c, s, len);
            if (i < c->ncols - 1)
                put_record_sep(c, &sep);
        }
        need_rs = true;
    }
    if (!c->opt->stop_table)
        return;
    if (!c->opt->tuples_only && c->t->nfooters > 0) {
        put_record_sep(c, &sep);
        for (int i = 0; i < c->t->nfooters; i++) {
            put_record_sep(c, &sep);
            out_puts(c, c->t->footers[i]);
        }
    }
    if (need_rs)
        put_final(c, &sep);
}
