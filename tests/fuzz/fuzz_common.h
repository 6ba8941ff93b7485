/*
 * What the fuzz targets share: a cursor over the input bytes, the choice of a client
 * encoding, and quiet standard streams.
 *
 * The code under test reports bad input on stderr and writes results on stdout; at
 * millions of runs that output would cost more than the code itself, so both go to
 * /dev/null.  Only the stdio streams are replaced: the sanitizers and libFuzzer keep
 * writing their reports to file descriptor 2.  Set FUZZ_VERBOSE=1 to see the output
 * when replaying one input.
 */
#ifndef PGC_FUZZ_COMMON_H
#define PGC_FUZZ_COMMON_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_quiet(void)
{
    const char *verbose = getenv("FUZZ_VERBOSE");
    if (verbose && *verbose && strcmp(verbose, "0") != 0)
        return;
    FILE *null_out = fopen("/dev/null", "w");
    FILE *null_err = fopen("/dev/null", "w");
    if (null_out)
        stdout = null_out;
    if (null_err)
        stderr = null_err;
}

/* a broken property: said on file descriptor 2 (stderr may be /dev/null), then a crash libFuzzer records */
static inline void fuzz_fail(const char *what)
{
    ssize_t ignored = write(2, what, strlen(what));
    ignored = write(2, "\n", 1);
    (void)ignored;
    abort();
}

typedef struct FuzzIn {
    const uint8_t *p;
    size_t n;
} FuzzIn;

static inline uint8_t fuzz_byte(FuzzIn *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

/* a NUL-terminated copy of the bytes up to sep (dropped) or the end; NULs inside end the string early */
static inline char *fuzz_until(FuzzIn *in, uint8_t sep)
{
    const uint8_t *end = memchr(in->p, sep, in->n);
    size_t len = end ? (size_t)(end - in->p) : in->n;
    char *s = malloc(len + 1);
    if (!s)
        abort();
    memcpy(s, in->p, len);
    s[len] = '\0';
    in->p += len + (end ? 1 : 0);
    in->n -= len + (end ? 1 : 0);
    return s;
}

/* the client encodings worth telling apart: UTF-8, single-byte ones, and those whose
 * multibyte characters may hold ASCII bytes (where psql's scanner must not split them) */
static inline int fuzz_encoding(uint8_t choice)
{
    static const char *const names[] = {"UTF8", "SQL_ASCII", "LATIN1", "SJIS", "BIG5", "GBK", "EUC_JP",
                                        "GB18030", "UHC", "WIN1251", "EUC_KR", "JOHAB"};
    return pg_char_to_encoding(names[choice % (sizeof(names) / sizeof(names[0]))]);
}

#endif
