#include "platform/backoff.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

long backoff_retry_ms(int attempt)
{
    if (attempt < 1)
        attempt = 1;
    if (attempt > 6)
        attempt = 6;
    return 500L << (attempt - 1);
}

/* an HTTP date (RFC 9110's preferred form, "Sun, 06 Nov 1994 08:49:37 GMT") as seconds since the epoch, or -1 */
static time_t http_date(const char *value)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    const char *end = strptime(value, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end)
        return -1;
    return timegm(&tm);
}

long backoff_retry_after_s(const char *value, time_t now)
{
    if (!value)
        return -1;
    while (*value == ' ' || *value == '\t')
        value++;
    long long secs;
    if (isdigit((unsigned char)*value)) {
        char *end;
        secs = strtoll(value, &end, 10);
        while (*end == ' ' || *end == '\t')
            end++;
        if (*end)
            return -1;
    } else {
        time_t when = http_date(value);
        if (when < 0)
            return -1;
        secs = (long long)when - (long long)now;
    }
    if (secs < 0)
        return 0;
    return secs > BACKOFF_RETRY_AFTER_MAX_S ? BACKOFF_RETRY_AFTER_MAX_S : (long)secs;
}

long backoff_rate_limit_ms(long retry_after_s, int retries, long waited_ms)
{
    if (retries >= BACKOFF_RATE_LIMIT_RETRIES)
        return -1;
    long wait_ms = retry_after_s >= 0 ? retry_after_s * 1000 : 1000L << retries;
    if (wait_ms == 0)
        wait_ms = 100;
    return waited_ms + wait_ms <= BACKOFF_RATE_LIMIT_TOTAL_S * 1000L ? wait_ms : -1;
}

long backoff_poll_ms(int look, long first_ms, long max_ms)
{
    long wait = first_ms > 0 ? first_ms : 1;
    for (int i = 1; i < look && wait < max_ms; i++)
        wait *= 2;
    return wait < max_ms ? wait : max_ms;
}
