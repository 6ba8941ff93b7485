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
    const long budget_ms = BACKOFF_RATE_LIMIT_TOTAL_S * 1000L;
    if (retries < 0)
        retries = 0;
    if (retries >= BACKOFF_RATE_LIMIT_RETRIES || waited_ms < 0 || waited_ms > budget_ms)
        return -1;
    /* compared in seconds before any multiplication, so no value can overflow */
    if (retry_after_s > BACKOFF_RATE_LIMIT_TOTAL_S)
        return -1;
    long wait_ms = retry_after_s >= 0 ? retry_after_s * 1000 : 1000L << retries;
    if (wait_ms == 0)
        wait_ms = 100;
    return wait_ms <= budget_ms - waited_ms ? wait_ms : -1;
}

long backoff_poll_ms(int look, long first_ms, long max_ms)
{
    long wait = first_ms > 0 ? first_ms : 1;
    /* doubling stops before it could pass max_ms, so it never overflows */
    for (int i = 1; i < look && wait < max_ms; i++)
        wait = wait > max_ms / 2 ? max_ms : wait * 2;
    return wait < max_ms ? wait : max_ms;
}

long backoff_timeout_ms(const char *text, long fallback_ms)
{
    if (!text || !*text)
        return fallback_ms;
    char *end;
    double s = strtod(text, &end);
    /* NaN fails the comparison too */
    if (*end != '\0' || !(s > 0))
        return fallback_ms;
    if (s >= BACKOFF_TIMEOUT_MAX_MS / 1000.0)
        return BACKOFF_TIMEOUT_MAX_MS;
    long ms = (long)(s * 1000);
    return ms < BACKOFF_TIMEOUT_MIN_MS ? BACKOFF_TIMEOUT_MIN_MS : ms;
}
