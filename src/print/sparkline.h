/*
 * A one-line chart of a series of numbers, for a terminal: one character per step,
 * a block from U+2581 to U+2588 (or an ASCII ramp when the terminal is not UTF-8).
 */
#ifndef PGC_PRINT_SPARKLINE_H
#define PGC_PRINT_SPARKLINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The chart of n values between low and high (values outside are clamped) in at most
 * width characters: when there are more values than characters, each character shows
 * the highest of the values it covers, so that no peak is lost.  A new string ("" for
 * no values).
 */
char *sparkline(const double *values, size_t n, size_t width, double low, double high, bool unicode);

#endif
