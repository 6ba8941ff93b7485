/*
 * A very small unit-test harness: each test file defines test functions and a main
 * that runs them with RUN(test_name).  A failed check prints file:line and the
 * values, and the program exits 1 at the end.
 */
#ifndef PGC_UNIT_H
#define PGC_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_failures;
static int unit_checks;
static const char *unit_current;

#define CHECK(cond)                                                                    \
    do {                                                                               \
        unit_checks++;                                                                 \
        if (!(cond)) {                                                                 \
            unit_failures++;                                                           \
            fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__,      \
                    unit_current, #cond);                                              \
        }                                                                              \
    } while (0)

#define CHECK_STR(got, want)                                                           \
    do {                                                                               \
        const char *g_ = (got), *w_ = (want);                                          \
        unit_checks++;                                                                 \
        if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) {             \
            unit_failures++;                                                           \
            fprintf(stderr, "%s:%d: %s: got\n[%s]\nwanted\n[%s]\n", __FILE__, __LINE__, \
                    unit_current, g_ ? g_ : "(null)", w_ ? w_ : "(null)");             \
        }                                                                              \
    } while (0)

#define CHECK_INT(got, want)                                                           \
    do {                                                                               \
        long long g_ = (long long)(got), w_ = (long long)(want);                       \
        unit_checks++;                                                                 \
        if (g_ != w_) {                                                                \
            unit_failures++;                                                           \
            fprintf(stderr, "%s:%d: %s: got %lld, wanted %lld (%s)\n", __FILE__,       \
                    __LINE__, unit_current, g_, w_, #got);                             \
        }                                                                              \
    } while (0)

/* like CHECK_STR for data that may hold NUL bytes */
#define CHECK_MEM(got, got_len, want, want_len)                                        \
    do {                                                                               \
        const char *g_ = (got), *w_ = (want);                                          \
        size_t gl_ = (got_len), wl_ = (want_len);                                      \
        unit_checks++;                                                                 \
        if (gl_ != wl_ || memcmp(g_, w_, gl_) != 0) {                                  \
            unit_failures++;                                                           \
            fprintf(stderr, "%s:%d: %s: got\n[", __FILE__, __LINE__, unit_current);     \
            fwrite(g_, 1, gl_, stderr);                                                \
            fputs("]\nwanted\n[", stderr);                                              \
            fwrite(w_, 1, wl_, stderr);                                                \
            fputs("]\n", stderr);                                                      \
        }                                                                              \
    } while (0)

#define RUN(fn)                                                                        \
    do {                                                                               \
        unit_current = #fn;                                                            \
        fn();                                                                          \
    } while (0)

#define UNIT_DONE()                                                                    \
    do {                                                                               \
        fprintf(stderr, "%s: %d checks, %d failed\n", __FILE__, unit_checks,          \
                unit_failures);                                                        \
        return unit_failures ? 1 : 0;                                                  \
    } while (0)

#endif
