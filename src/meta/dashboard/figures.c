#include "meta/dashboard/figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta/dashboard/pitr_time.h"
#include "util/xalloc.h"

bool dash_parse_time(const char *text, time_t *out)
{
    struct tm tm = {0};
    int used = 0;
    if (!text || sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                        &tm.tm_min, &tm.tm_sec, &used) != 6)
        return false;
    const char *rest = text + used;
    if (*rest == '.')
        rest += 1 + strspn(rest + 1, "0123456789");
    long offset = 0;
    int hours, minutes;
    if (*rest == 'Z' || *rest == 'z')
        offset = 0;
    else if ((*rest == '+' || *rest == '-') && sscanf(rest + 1, "%2d:%2d", &hours, &minutes) == 2)
        offset = (*rest == '-' ? -1 : 1) * (hours * 3600L + minutes * 60L);
    else
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm) - offset;
    return true;
}

char *dash_utc_text(time_t t)
{
    struct tm tm;
    char text[64];
    gmtime_r(&t, &tm);
    strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return xstrdup(text);
}

char *dash_api_time(const char *rfc3339)
{
    time_t t;
    if (!dash_parse_time(rfc3339, &t))
        return NULL;
    char text[64];
    pitr_format_timestamptz((long long)t * 1000, text, sizeof text);
    return xstrdup(text);
}

bool dash_plain_numbers(const Session *s)
{
    return s->popt.format == PRINT_JSON || s->popt.format == PRINT_CSV;
}

/* a number without trailing zeros: 12, 12.5, 0.125 */
static char *plain_number(double v)
{
    if (!isfinite(v))
        return xstrdup("0");
    if (v == floor(v) && fabs(v) < 1e15)
        return xasprintf("%.0f", v);
    char *text = xasprintf("%.3f", v);
    size_t len = strlen(text);
    while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
    if (len > 0 && text[len - 1] == '.')
        text[--len] = '\0';
    return text;
}

char *dash_pretty_bytes(double bytes)
{
    static const char *const units[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    int unit = 0;
    double v = bytes;
    while (fabs(v) >= 1024 && unit < 5) {
        v /= 1024;
        unit++;
    }
    if (unit == 0)
        return xasprintf("%.0f bytes", v);
    return xasprintf(fabs(v) < 10 ? "%.1f %s" : "%.0f %s", v, units[unit]);
}

char *dash_bytes(const Session *s, double bytes)
{
    return dash_plain_numbers(s) ? plain_number(bytes) : dash_pretty_bytes(bytes);
}

char *dash_percent(const Session *s, double percent)
{
    if (dash_plain_numbers(s))
        return plain_number(round(percent * 100) / 100);
    return xasprintf("%.1f %%", percent);
}

char *dash_seconds(const Session *s, double seconds)
{
    if (dash_plain_numbers(s))
        return plain_number(seconds);
    if (seconds < 60)
        return xasprintf("%.1f s", seconds);
    long total = (long)seconds;
    if (total < 3600)
        return xasprintf("%ld min %02ld s", total / 60, total % 60);
    if (total < 86400)
        return xasprintf("%ld h %02ld min", total / 3600, total % 3600 / 60);
    return xasprintf("%ld d %02ld h", total / 86400, total % 86400 / 3600);
}

