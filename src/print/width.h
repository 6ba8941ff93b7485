/*
 * Display width of text, measured the way psql measures it: libpq decides how
 * long each character is and how many columns it takes in the client encoding.
 * Newlines split a value into lines; carriage returns show as "\r", tabs expand
 * to the next multiple of 8, other control characters show as "\xNN" (or
 * "\uXXXX" for non-ASCII ones in UTF-8).
 */
#ifndef PGC_PRINT_WIDTH_H
#define PGC_PRINT_WIDTH_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* what psql needs to lay a value out: widest line, line count, bytes once formatted */
typedef struct TextSize {
    int width;
    int height;
    int format_size;        /* includes one NUL per line */
} TextSize;

/* one display line of a formatted value; ptr is NUL-terminated */
typedef struct TextLine {
    const char *ptr;
    int width;
} TextLine;

/* libpq's id of UTF-8, looked up by name because ids belong to the linked libpq */
int text_utf8_id(void);

/* true when every byte is printable ASCII, so width == len and there is one line */
bool text_is_printable_ascii(const char *s, size_t len);
/* true when no byte has the high bit set */
bool text_is_ascii(const char *s, size_t len);

/* width, height and formatted size of s (psql's pg_wcssize) */
void text_measure(const char *s, size_t len, int encoding, TextSize *size);

/* display width assuming a single line, ignoring control characters (pg_wcswidth) */
int text_width(const char *s, size_t len, int encoding);

/*
 * Formats s into lines (psql's pg_wcsformat).  buf must hold size.format_size
 * bytes and lines size.height + 1 entries; the entry after the last line has a
 * NULL ptr.  Returns the number of lines.
 */
int text_format(const char *s, size_t len, int encoding, bool utf8, char *buf,
                TextLine *lines);

/*
 * Bytes of s that fit in *target_width columns (at least one character), and
 * sets *target_width to the columns they take (psql's strlen_max_width).
 */
size_t text_prefix_for_width(const char *s, int *target_width, int encoding);

/*
 * psql drops the bytes of invalid UTF-8 sequences from every header and cell
 * before printing.  Returns s itself when nothing needs dropping, else the
 * cleaned copy kept in scratch; *len is updated either way.
 */
const char *text_validate_utf8(const char *s, size_t *len, StrBuf *scratch);

#endif
