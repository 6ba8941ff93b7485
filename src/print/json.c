/*
 * The json format, for scripts: an array of objects, one per row, keyed by column
 * name, each value typed from its column's type (integers, floats and numeric as
 * numbers written exactly as the server wrote them, bool as true/false, json and
 * jsonb embedded, NULL as null, everything else a string).  One row per line, so
 * that FETCH_COUNT chunks stream; with tuples only, the rows alone (JSON Lines).
 * \pset null, numericlocale, title, footers and expanded do not apply: the output
 * is data.  Output is UTF-8; bytes that are not (a client encoding other than
 * UTF8, broken text) become U+FFFD.
 */
#include "print/printer.h"

#include <stdlib.h>

#include "util/xalloc.h"

typedef enum JsonKind { JSON_KIND_STRING, JSON_KIND_NUMBER, JSON_KIND_BOOL, JSON_KIND_JSON } JsonKind;

static JsonKind kind_of(Oid type)
{
    switch (type) {
    case PTYPE_INT2:
    case PTYPE_INT4:
    case PTYPE_INT8:
    case PTYPE_OID:
    case PTYPE_FLOAT4:
    case PTYPE_FLOAT8:
    case PTYPE_NUMERIC:
        return JSON_KIND_NUMBER;
    case PTYPE_BOOL:
        return JSON_KIND_BOOL;
    case PTYPE_JSON:
    case PTYPE_JSONB:
        return JSON_KIND_JSON;
    default:
        return JSON_KIND_STRING;
    }
}

static size_t span_digits(const char *s, size_t i, size_t len)
{
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* JSON's number grammar: NaN, Infinity and the like are not numbers there */
static bool is_json_number(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '-')
        i++;
    if (i >= len || s[i] < '0' || s[i] > '9')
        return false;
    if (s[i] == '0')
        i++;
    else
        i = span_digits(s, i, len);
    if (i < len && s[i] == '.') {
        size_t start = ++i;
        i = span_digits(s, i, len);
        if (i == start)
            return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t start = i;
        i = span_digits(s, i, len);
        if (i == start)
            return false;
    }
    return i == len;
}

/* the length of the valid UTF-8 character at s (at most len bytes), or 0 */
static size_t utf8_length(const unsigned char *s, size_t len)
{
    size_t n;
    unsigned int cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2;
        cp = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3;
        cp = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (n > len)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    /* overlong forms, UTF-16 surrogates and what lies beyond U+10FFFF */
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

static bool is_valid_utf8(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = utf8_length((const unsigned char *)s + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

static void put_escape(PrintCtx *c, unsigned char ch)
{
    switch (ch) {
    case '"': out_write(c, "\\\"", 2); break;
    case '\\': out_write(c, "\\\\", 2); break;
    case '\b': out_write(c, "\\b", 2); break;
    case '\f': out_write(c, "\\f", 2); break;
    case '\n': out_write(c, "\\n", 2); break;
    case '\r': out_write(c, "\\r", 2); break;
    case '\t': out_write(c, "\\t", 2); break;
    default: out_printf(c, "\\u%04x", ch); break;
    }
}

static bool needs_escape(unsigned char ch)
{
    return ch < 0x20 || ch == '"' || ch == '\\' || ch == 0x7f;
}

/*
 * A JSON string: quotes, backslashes and control characters escaped; U+2028 and
 * U+2029, valid JSON but line ends to JavaScript, escaped too; invalid UTF-8 as U+FFFD.
 */
static void put_string(PrintCtx *c, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0;             /* start of the bytes not written yet */
    out_putc(c, '"');
    for (size_t i = 0; i < len;) {
        size_t n = p[i] < 0x80 ? 1 : utf8_length(p + i, len - i);
        bool line_separator = n == 3 && p[i] == 0xe2 && p[i + 1] == 0x80 && (p[i + 2] == 0xa8 || p[i + 2] == 0xa9);
        if (n == 1 && !needs_escape(p[i])) {
            i++;
            continue;
        }
        if (n > 1 && !line_separator) {
            i += n;
            continue;
        }
        out_write(c, s + run, i - run);
        if (n == 0)
            out_write(c, "\\ufffd", 6);
        else if (line_separator)
            out_printf(c, "\\u%04x", p[i + 2] == 0xa8 ? 0x2028 : 0x2029);
        else
            put_escape(c, p[i]);
        i += n ? n : 1;
        run = i;
    }
    out_write(c, s + run, len - run);
    out_putc(c, '"');
}

static void put_value(PrintCtx *c, JsonKind kind, const char *s, size_t len)
{
    if (!s) {
        out_write(c, "null", 4);
        return;
    }
    switch (kind) {
    case JSON_KIND_NUMBER:
        if (is_json_number(s, len)) {
            out_write(c, s, len);
            return;
        }
        break;
    case JSON_KIND_BOOL:
        if (len == 1 && (s[0] == 't' || s[0] == 'f')) {
            out_puts(c, s[0] == 't' ? "true" : "false");
            return;
        }
        break;
    case JSON_KIND_JSON:
        /* the server's json is JSON; only text that is not UTF-8 cannot be embedded */
        if (len > 0 && is_valid_utf8(s, len)) {
            out_write(c, s, len);
            return;
        }
        break;
    case JSON_KIND_STRING:
        break;
    }
    put_string(c, s, len);
}

static void put_row(PrintCtx *c, const JsonKind *kinds, long row)
{
    const PrintTable *t = c->t;
    out_putc(c, '{');
    for (int col = 0; col < t->ncolumns; col++) {
        const char *name = t->headers[col] ? t->headers[col] : "";
        size_t len = 0;
        const char *s = pctx_raw_cell(c, row, col, &len);
        if (col > 0)
            out_write(c, ", ", 2);
        put_string(c, name, strlen(name));
        out_write(c, ": ", 2);
        put_value(c, kinds[col], s, len);
    }
    out_putc(c, '}');
}

void print_json_text(PrintCtx *c)
{
    const PrintTable *t = c->t;
    const PrintOptions *opt = c->opt;
    bool lines_only = opt->tuples_only;
    JsonKind *kinds = xcalloc((size_t)t->ncolumns + 1, sizeof *kinds);
    for (int col = 0; col < t->ncolumns; col++)
        kinds[col] = kind_of(ptable_type(t, col));
    if (opt->start_table && !lines_only)
        out_putc(c, '[');
    for (long row = 0; row < t->nrows && !c->cancelled; row++) {
        bool first = opt->prior_records == 0 && row == 0;
        if (!lines_only)
            out_puts(c, first ? "\n  " : ",\n  ");
        put_row(c, kinds, row);
        if (lines_only)
            out_putc(c, '\n');
    }
    if (opt->stop_table && !lines_only)
        out_puts(c, opt->prior_records + (unsigned long)t->nrows > 0 ? "\n]\n" : "]\n");
    free(kinds);
}
