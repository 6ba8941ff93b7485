#include "print/width.h"

#include <libpq-fe.h>
#include <stdint.h>
#include <string.h>

int text_utf8_id(void)
{
    return pg_char_to_encoding("UTF8");
}

/*
 * Word-at-a-time tests: the hot loops of the printers call these for every
 * cell, and most cells are short plain ASCII.
 */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t load_word(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* nonzero when some byte of w is below n (n <= 0x80) or has its high bit set */
static inline uint64_t word_has_below_or_high(uint64_t w, unsigned n)
{
    return ((w - ONES * n) | w) & HIGHS;
}

static inline uint64_t word_has_byte(uint64_t w, unsigned char b)
{
    uint64_t x = w ^ (ONES * b);
    return (x - ONES) & ~x & HIGHS;
}

bool text_is_printable_ascii(const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w = load_word(s + i);
        if (word_has_below_or_high(w, 0x20) || word_has_byte(w, 0x7f))
            return false;
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f)
            return false;
    }
    return true;
}

bool text_is_ascii(const char *s, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8)
        if (load_word(s + i) & HIGHS)
            return false;
    for (; i < len; i++)
        if ((unsigned char)s[i] & 0x80)
            return false;
    return true;
}

void text_measure(const char *s, size_t len, int encoding, TextSize *size)
{
    int width = 0, height = 1, fsize = 0, linewidth = 0;

    if (text_is_printable_ascii(s, len)) {
        size->width = (int)len;
        size->height = 1;
        size->format_size = (int)len + 1;
        return;
    }
    while (len > 0 && *s) {
        int chlen = PQmblen(s, encoding);
        if (len < (size_t)chlen)
            break;              /* a truncated character ends the text, as in psql */
        int w = PQdsplen(s, encoding);
        if (chlen == 1) {
            if (*s == '\n') {
                if (linewidth > width)
                    width = linewidth;
                linewidth = 0;
                height++;
                fsize++;
            } else if (*s == '\r') {
                linewidth += 2;
                fsize += 2;
            } else if (*s == '\t') {
                int spaces = 8 - linewidth % 8;
                linewidth += spaces;
                fsize += spaces;
            } else if (w < 0) {
                linewidth += 4;
                fsize += 4;
            } else {
                linewidth += w;
                fsize++;
            }
        } else if (w < 0) {
            linewidth += 6;
            fsize += 6;
        } else {
            linewidth += w;
            fsize += chlen;
        }
        s += chlen;
        len -= (size_t)chlen;
    }
    if (linewidth > width)
        width = linewidth;
    size->width = width;
    size->height = height;
    size->format_size = fsize + 1;
}

int text_width(const char *s, size_t len, int encoding)
{
    int width = 0;

    if (text_is_printable_ascii(s, len))
        return (int)len;
    while (len > 0) {
        int chlen = PQmblen(s, encoding);
        if (len < (size_t)chlen)
            break;
        int w = PQdsplen(s, encoding);
        if (w > 0)
            width += w;
        s += chlen;
        len -= (size_t)chlen;
    }
    return width;
}

static unsigned utf8_code_point(const unsigned char *c)
{
    if ((c[0] & 0x80) == 0)
        return c[0];
    if ((c[0] & 0xe0) == 0xc0)
        return ((c[0] & 0x1fu) << 6) | (c[1] & 0x3fu);
    if ((c[0] & 0xf0) == 0xe0)
        return ((c[0] & 0x0fu) << 12) | ((c[1] & 0x3fu) << 6) | (c[2] & 0x3fu);
    if ((c[0] & 0xf8) == 0xf0)
        return ((c[0] & 0x07u) << 18) | ((c[1] & 0x3fu) << 12) | ((c[2] & 0x3fu) << 6) |
               (c[3] & 0x3fu);
    return 0xffffffffu;
}

static const char hexdigits[] = "0123456789ABCDEF";

/* writes the escape psql shows for an unprintable character; returns bytes written */
static int write_escape(char *p, const unsigned char *c, int chlen, bool utf8)
{
    if (chlen == 1) {
        p[0] = '\\';
        p[1] = 'x';
        p[2] = hexdigits[c[0] >> 4];
        p[3] = hexdigits[c[0] & 15];
        return 4;
    }
    if (!utf8) {
        memcpy(p, "\\u????", 6);
        return 6;
    }
    /* only C1 controls get here, so four digits always suffice */
    unsigned cp = utf8_code_point(c) & 0xffff;
    p[0] = '\\';
    p[1] = 'u';
    for (int i = 0; i < 4; i++)
        p[2 + i] = hexdigits[(cp >> (12 - 4 * i)) & 15];
    return 6;
}

int text_format(const char *s, size_t len, int encoding, bool utf8, char *buf,
                TextLine *lines)
{
    char *p = buf;
    int nlines = 0, linewidth = 0;

    lines[0].ptr = buf;
    while (len > 0 && *s) {
        int chlen = PQmblen(s, encoding);
        if (len < (size_t)chlen)
            break;
        int w = PQdsplen(s, encoding);
        const unsigned char *c = (const unsigned char *)s;
        if (chlen == 1 && *c == '\n') {
            *p++ = '\0';
            lines[nlines++].width = linewidth;
            linewidth = 0;
            lines[nlines].ptr = p;
        } else if (chlen == 1 && *c == '\r') {
            *p++ = '\\';
            *p++ = 'r';
            linewidth += 2;
        } else if (chlen == 1 && *c == '\t') {
            do {
                *p++ = ' ';
                linewidth++;
            } while (linewidth % 8 != 0);
        } else if (w < 0) {
            int n = write_escape(p, c, chlen, utf8);
            p += n;
            linewidth += n;
        } else {
            memcpy(p, s, (size_t)chlen);
            p += chlen;
            linewidth += w;
        }
        s += chlen;
        len -= (size_t)chlen;
    }
    *p = '\0';
    lines[nlines++].width = linewidth;
    lines[nlines].ptr = NULL;
    return nlines;
}

size_t text_prefix_for_width(const char *s, int *target_width, int encoding)
{
    const char *start = s, *end = s + strlen(s);
    int width = 0;

    while (s < end) {
        int w = PQdsplen(s, encoding);
        /* the first character is taken even when it alone is too wide */
        if (*target_width < width + w && width != 0)
            break;
        width += w;
        s += PQmblen(s, encoding);
        if (s > end)
            s = end;
    }
    *target_width = width;
    return (size_t)(s - start);
}

/* length of the valid UTF-8 character at c by psql's rules, or -1 */
static int utf8_char_check(const unsigned char *c)
{
    if ((c[0] & 0x80) == 0)
        return 1;
    if ((c[0] & 0xe0) == 0xc0)
        return ((c[1] & 0xc0) == 0x80 && (c[0] & 0x1f) > 0x01) ? 2 : -1;
    if ((c[0] & 0xf0) == 0xe0) {
        if ((c[1] & 0xc0) != 0x80 || ((c[0] & 0x0f) == 0 && (c[1] & 0x20) == 0) ||
            (c[2] & 0xc0) != 0x80)
            return -1;
        /* psql mixes bits of the lead byte into this test; keep its verdicts */
        int z = c[0] & 0x0f;
        int yx = ((c[1] & 0x3f) << 6) | (c[0] & 0x3f);
        int lx = yx & 0x7f;
        if ((z == 0x0f && ((yx & 0xffe) == 0xffe ||
                           ((yx & 0xf80) == 0xd80 && lx >= 0x30 && lx <= 0x4f))) ||
            (z == 0x0d && (yx & 0xb00) == 0x800))
            return -1;
        return 3;
    }
    if ((c[0] & 0xf8) == 0xf0) {
        int u = ((c[0] & 0x07) << 2) | ((c[1] & 0x30) >> 4);
        if ((c[1] & 0xc0) != 0x80 || u == 0 || u > 0x10 || (c[2] & 0xc0) != 0x80 ||
            (c[3] & 0xc0) != 0x80)
            return -1;
        if ((c[1] & 0x0f) == 0x0f && (c[2] & 0x3f) == 0x3f && (c[3] & 0x3e) == 0x3e)
            return -1;
        return 4;
    }
    return -1;
}

const char *text_validate_utf8(const char *s, size_t *len, StrBuf *scratch)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + *len;

    if (text_is_ascii(s, *len))
        return s;
    /* find the first bad byte before copying anything */
    while (p < end) {
        int n = utf8_char_check(p);
        if (n < 0)
            break;
        p += n;
    }
    if (p >= end)
        return s;

    sb_reset(scratch);
    sb_append_n(scratch, s, (size_t)((const char *)p - s));
    while (p < end) {
        int n = utf8_char_check(p);
        if (n < 0) {
            p++;
            continue;
        }
        sb_append_n(scratch, (const char *)p, (size_t)n);
        p += n;
    }
    *len = scratch->len;
    return sb_str(scratch);
}
