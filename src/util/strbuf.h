/* A growable, always NUL-terminated byte string. */
#ifndef PGC_STRBUF_H
#define PGC_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data;
    size_t len;
    size_t cap;
} StrBuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_init(StrBuf *sb);
void sb_free(StrBuf *sb);
void sb_reset(StrBuf *sb);
void sb_reserve(StrBuf *sb, size_t extra);
void sb_append(StrBuf *sb, const char *s);
void sb_append_n(StrBuf *sb, const char *s, size_t n);
void sb_append_char(StrBuf *sb, char c);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *sb, const char *fmt, va_list ap);
void sb_truncate(StrBuf *sb, size_t len);
/*
 * For a buffer that holds a secret (an API answer): appends as sb_append_n, but a block
 * outgrown is wiped before it is freed; sb_wipe_free wipes the whole buffer, then frees it.
 */
void sb_append_n_wiping(StrBuf *sb, const char *s, size_t n);
void sb_wipe_free(StrBuf *sb);
/* the text, never NULL ("" for an empty buffer) */
const char *sb_str(const StrBuf *sb);
/* hands the allocated text to the caller and leaves the buffer empty */
char *sb_steal(StrBuf *sb);

#endif
