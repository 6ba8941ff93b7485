#include "print/printer.h"

#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>

#include "print/width.h"
#include "util/xalloc.h"

/*
 * psql reads the locale's number punctuation once at startup; reading it per
 * table keeps this module free of global state and follows later setlocale().
 */
static void numeric_locale_load(NumericLocale *nl)
{
    const struct lconv *lc = localeconv();

    /* an empty decimal point or separator is replaced, as psql does */
    nl->decimal_point = xstrdup(*lc->decimal_point ? lc->decimal_point : ".");
    nl->group_digits = *lc->grouping;
    if (nl->group_digits <= 0 || nl->group_digits > 6)
        nl->group_digits = 3;
    if (*lc->thousands_sep)
        nl->thousands_sep = xstrdup(lc->thousands_sep);
    else
        nl->thousands_sep = xstrdup(strcmp(nl->decimal_point, ",") != 0 ? "," : ".");
}

static void numeric_locale_free(NumericLocale *nl)
{
    free(nl->decimal_point);
    free(nl->thousands_sep);
}

static void numeric_locale_format(const NumericLocale *nl, const char *s, StrBuf *out)
{
    size_t len = strlen(s);

    sb_reset(out);
    /* only plain numbers: money and friends are already localized */
    if (strspn(s, "0123456789+-.eE") != len) {
        sb_append_n(out, s, len);
        return;
    }
    if (*s == '-' || *s == '+')
        sb_append_char(out, *s++);
    size_t int_len = strspn(s, "0123456789");
    int until_sep = (int)(int_len % (size_t)nl->group_digits);
    if (until_sep == 0)
        until_sep = nl->group_digits;
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && --until_sep == 0) {
            sb_append(out, nl->thousands_sep);
            until_sep = nl->group_digits;
        }
        sb_append_char(out, s[i]);
    }
    s += int_len;
    if (*s == '.') {
        sb_append(out, nl->decimal_point);
        s++;
    }
    sb_append(out, s);
}

char *print_format_numeric_locale(const char *number)
{
    NumericLocale nl;
    StrBuf sb = STRBUF_INIT;

    numeric_locale_load(&nl);
    numeric_locale_format(&nl, number, &sb);
    numeric_locale_free(&nl);
    return sb_steal(&sb);
}

void pctx_init(PrintCtx *c, const PrintTable *t, const PrintOptions *opt, FILE *out,
               int term_columns)
{
    memset(c, 0, sizeof *c);
    c->t = t;
    c->opt = opt;
    c->out = out;
    c->ncols = t->ncolumns;
    c->nrows = t->ncolumns > 0 ? t->nrows : 0;
    c->encoding = opt->encoding;
    c->utf8 = opt->encoding == text_utf8_id();
    c->term_columns = term_columns;
    c->numeric_locale = opt->numeric_locale;
    if (c->numeric_locale)
        numeric_locale_load(&c->numloc);
    c->cellbuf = xcalloc((size_t)c->ncols + 1, sizeof *c->cellbuf);
    c->validbuf = xcalloc((size_t)c->ncols + 1, sizeof *c->validbuf);
    c->headers = xcalloc((size_t)c->ncols + 1, sizeof *c->headers);
    for (int i = 0; i < c->ncols; i++) {
        const char *h = t->headers[i] ? t->headers[i] : "";
        size_t len = strlen(h);
        if (c->utf8)
            h = text_validate_utf8(h, &len, &c->validbuf[i]);
        c->headers[i] = xstrdup(h);
    }
    if (t->rows)
        rowcursor_init(&c->rows, t->rows);
    c->obuf = xmalloc(PRINT_OUTBUF_SIZE);
}

void pctx_done(PrintCtx *c)
{
    pctx_flush(c);
    for (int i = 0; i < c->ncols; i++) {
        sb_free(&c->cellbuf[i]);
        sb_free(&c->validbuf[i]);
        free((char *)c->headers[i]);
    }
    free(c->cellbuf);
    free(c->validbuf);
    free(c->headers);
    free(c->obuf);
    if (c->t->rows)
        rowcursor_free(&c->rows);
    if (c->numeric_locale)
        numeric_locale_free(&c->numloc);
}

static bool (*cancel_check)(void);

void print_set_cancel_check(bool (*check)(void))
{
    cancel_check = check;
}

/*
 * Once Ctrl-C is pressed, output stops at the end of the last whole line written
 * and nothing more (footers included) is printed, as psql stops after a row.
 */
void pctx_flush(PrintCtx *c)
{
    bool stop = !c->cancelled && c->out && cancel_check && cancel_check();
    if (stop) {
        const char *last_newline = c->olen ? memrchr(c->obuf, '\n', c->olen) : NULL;
        c->olen = last_newline ? (size_t)(last_newline - c->obuf) + 1 : 0;
    }
    if (c->olen > 0 && !c->cancelled)
        fwrite(c->obuf, 1, c->olen, c->out);
    c->cancelled |= stop;
    c->olen = 0;
}

const char *pctx_raw_cell(PrintCtx *c, long row, int col, size_t *len)
{
    const PrintTable *t = c->t;
    const char *s = NULL;
    if (t->rows) {
        s = rowcursor_cell(&c->rows, row, col, len);
    } else if (t->res) {
        if (!PQgetisnull(t->res, (int)row, col)) {
            s = PQgetvalue(t->res, (int)row, col);
            *len = (size_t)PQgetlength(t->res, (int)row, col);
        }
    } else if (t->cells) {
        s = t->cells[row * t->ncolumns + col];
        if (s)
            *len = strlen(s);
    }
    return s;
}

const char *pctx_cell(PrintCtx *c, long row, int col, size_t *len)
{
    const PrintTable *t = c->t;
    const char *s = pctx_raw_cell(c, row, col, len);
    if (!s) {
        /* NULLs show the null display and are never reformatted as numbers */
        s = c->opt->null_print ? c->opt->null_print : "";
        *len = strlen(s);
    } else if (c->numeric_locale && t->aligns[col] == 'r') {
        numeric_locale_format(&c->numloc, s, &c->cellbuf[col]);
        s = sb_str(&c->cellbuf[col]);
        *len = c->cellbuf[col].len;
    }
    if (c->utf8)
        s = text_validate_utf8(s, len, &c->validbuf[col]);
    return s;
}

int pctx_footers(PrintCtx *c, bool with_default, const char *const **lines)
{
    const PrintTable *t = c->t;

    if (t->nfooters > 0) {
        *lines = (const char *const *)t->footers;
        return t->nfooters;
    }
    if (!with_default || !c->opt->default_footer) {
        *lines = NULL;
        return 0;
    }
    unsigned long total = c->opt->prior_records + (unsigned long)t->nrows;
    snprintf(c->default_footer, sizeof c->default_footer,
             total == 1 ? "(%lu row)" : "(%lu rows)", total);
    c->default_footer_list[0] = c->default_footer;
    *lines = c->default_footer_list;
    return 1;
}

void out_spaces(PrintCtx *c, long n)
{
    static const char spaces[] = "                                                                ";
    while (n > 0) {
        long chunk = n < (long)sizeof spaces - 1 ? n : (long)sizeof spaces - 1;
        out_write(c, spaces, (size_t)chunk);
        n -= chunk;
    }
}

void out_printf(PrintCtx *c, const char *fmt, ...)
{
    char small[256];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        out_write(c, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    out_write(c, big, (size_t)n);
    free(big);
}

static bool wants_vertical(const PrintOptions *opt)
{
    return opt->expanded == EXPANDED_ON;
}

static void dispatch(PrintCtx *c)
{
    const PrintOptions *opt = c->opt;
    bool vertical = wants_vertical(opt);

    switch (opt->format) {
    case PRINT_NOTHING:
        break;
    case PRINT_UNALIGNED:
        vertical ? print_unaligned_vertical(c) : print_unaligned_text(c);
        break;
    case PRINT_ALIGNED:
    case PRINT_WRAPPED:
        /* with a pager already open, expanded auto cannot know the screen: psql goes vertical */
        if (vertical || (opt->expanded == EXPANDED_AUTO && opt->is_pager))
            print_aligned_vertical(c);
        else
            print_aligned_text(c);
        break;
    case PRINT_CSV:
        vertical ? print_csv_vertical(c) : print_csv_text(c);
        break;
    case PRINT_HTML:
        vertical ? print_html_vertical(c) : print_html_text(c);
        break;
    case PRINT_ASCIIDOC:
        vertical ? print_asciidoc_vertical(c) : print_asciidoc_text(c);
        break;
    case PRINT_LATEX:
        vertical ? print_latex_vertical(c) : print_latex_text(c);
        break;
    case PRINT_LATEX_LONGTABLE:
        vertical ? print_latex_vertical(c) : print_latex_longtable_text(c);
        break;
    case PRINT_TROFF_MS:
        vertical ? print_troff_ms_vertical(c) : print_troff_ms_text(c);
        break;
    case PRINT_JSON:
        /* records are objects already: expanded changes nothing */
        print_json_text(c);
        break;
    }
}

void print_table(const PrintTable *t, const PrintOptions *opt, FILE *out, int term_columns)
{
    PrintCtx c;

    if (opt->format == PRINT_NOTHING)
        return;
    pctx_init(&c, t, opt, out, term_columns);
    dispatch(&c);
    pctx_done(&c);
}

void print_result(const PGresult *res, const PrintOptions *opt, FILE *out, int term_columns)
{
    PrintTable t;

    ptable_from_result(&t, res);
    if (opt->title)
        ptable_set_title(&t, opt->title);
    print_table(&t, opt, out, term_columns);
    ptable_free(&t);
}

void print_table_log(const PrintTable *t, const PrintOptions *opt, FILE *log)
{
    PrintCtx c;

    if (opt->format == PRINT_NOTHING)
        return;
    pctx_init(&c, t, opt, log, 0);
    print_aligned_text(&c);
    pctx_done(&c);
}

static long count_footers(const PrintTable *t, const PrintOptions *opt)
{
    /* psql counts footer entries, not their lines, and never the default one */
    return opt->tuples_only ? 0 : t->nfooters;
}

/* the lines psql counts for any layout but aligned and wrapped horizontal: a line per row
 * plus the header, or one per field and separator line in the expanded layouts */
static long unaligned_line_count(const PrintOptions *opt, int ncolumns, long nrows)
{
    bool aligned = opt->format == PRINT_ALIGNED || opt->format == PRINT_WRAPPED;
    if (opt->expanded == EXPANDED_ON || (aligned && opt->expanded == EXPANDED_AUTO))
        return ((long)ncolumns + 1) * nrows;
    return nrows + 1;
}

long print_estimate_lines_streamed(const PrintOptions *opt, int ncolumns, long nrows)
{
    return opt->format == PRINT_NOTHING ? 0 : unaligned_line_count(opt, ncolumns, nrows);
}

bool print_format_streams(const PrintOptions *opt)
{
    switch (opt->format) {
    case PRINT_NOTHING:
    case PRINT_UNALIGNED:
    case PRINT_CSV:
    case PRINT_JSON:
        return true;
    default:
        return false;
    }
}

long print_estimate_lines_width(const PrintTable *t, const PrintOptions *opt, int term_columns)
{
    bool aligned = opt->format == PRINT_ALIGNED || opt->format == PRINT_WRAPPED;
    bool vertical = opt->expanded == EXPANDED_ON;
    long lines;

    if (opt->format == PRINT_NOTHING)
        return 0;
    if (aligned && !vertical && !(opt->expanded == EXPANDED_AUTO && opt->is_pager)) {
        PrintCtx c;
        bool too_wide = false;
        pctx_init(&c, t, opt, NULL, term_columns);
        lines = aligned_estimate_lines(&c, &too_wide);
        pctx_done(&c);
        if (too_wide)
            return LONG_MAX;
        return lines;
    }
    lines = unaligned_line_count(opt, t->ncolumns, t->nrows);
    return lines + count_footers(t, opt);
}

long print_estimate_lines(const PrintTable *t, const PrintOptions *opt)
{
    return print_estimate_lines_width(t, opt, 0);
}
