#include "print/sparkline.h"

#include <math.h>
#include <string.h>

#include "util/strbuf.h"

/* eight heights each way: U+2581..U+2588 in UTF-8, and an ASCII ramp */
static const char *const blocks[8] = {"\342\226\201", "\342\226\202", "\342\226\203", "\342\226\204",
                                      "\342\226\205", "\342\226\206", "\342\226\207", "\342\226\210"};
static const char ascii_ramp[8] = {'_', '.', '-', ':', '=', '+', '*', '#'};

static int level_of(double v, double low, double high)
{
    if (!(high > low) || isnan(v))
        return 0;
    double share = (v - low) / (high - low);
    if (share <= 0)
        return 0;
    if (share >= 1)
        return 7;
    return (int)lround(share * 7);
}

char *sparkline(const double *values, size_t n, size_t width, double low, double high, bool unicode)
{
    StrBuf sb = STRBUF_INIT;
    size_t steps = n < width ? n : width;
    for (size_t i = 0; i < steps; i++) {
        size_t from = i * n / steps, to = (i + 1) * n / steps;
        double peak = values[from];
        for (size_t k = from + 1; k < to; k++)
            if (values[k] > peak || isnan(peak))
                peak = values[k];
        int level = level_of(peak, low, high);
        if (unicode)
            sb_append(&sb, blocks[level]);
        else
            sb_append_char(&sb, ascii_ramp[level]);
    }
    return sb_steal(&sb);
}
