/*
 * How long to wait, as pure functions: between retries of a failed request, before
 * retrying a rate-limited one (Retry-After, within bounds), and between looks at a
 * platform operation that is being followed.
 */
#ifndef PGC_PLATFORM_BACKOFF_H
#define PGC_PLATFORM_BACKOFF_H

#include <time.h>

enum {
    BACKOFF_RETRY_AFTER_MAX_S = 24 * 3600,  /* what a Retry-After header may ask at most */
    BACKOFF_RATE_LIMIT_RETRIES = 3,
    BACKOFF_RATE_LIMIT_TOTAL_S = 20,        /* the most we wait in total for 429s before giving up */
    BACKOFF_POLL_FIRST_MS = 500,
    BACKOFF_POLL_MAX_MS = 10000,
    BACKOFF_TIMEOUT_MIN_MS = 100,           /* a request timeout is never shorter (0 would mean none at all) */
    BACKOFF_TIMEOUT_MAX_MS = 3600 * 1000,   /* nor longer */
};

/* before attempt number attempt + 1 of a request that failed (attempt counts from 1): 0.5 s, 1 s, 2 s... */
long backoff_retry_ms(int attempt);
/*
 * The seconds a Retry-After header value asks for: delay-seconds or an HTTP date (read
 * against now), clamped to [0, BACKOFF_RETRY_AFTER_MAX_S]; -1 when it says neither.
 */
long backoff_retry_after_s(const char *value, time_t now);
/*
 * How long to wait before retrying a 429, given what Retry-After said (-1: nothing),
 * the retries made so far and the time waited so far; -1 to give up now.
 */
long backoff_rate_limit_ms(long retry_after_s, int retries, long waited_ms);
/*
 * A request timeout given in seconds as text (PGCONSOLE_HTTP_TIMEOUT), in milliseconds
 * and clamped to [BACKOFF_TIMEOUT_MIN_MS, BACKOFF_TIMEOUT_MAX_MS]; fallback_ms when the
 * text is absent, not a number, or not above zero.
 */
long backoff_timeout_ms(const char *text, long fallback_ms);
/* before look number look + 1 at an operation being followed (look counts from 1), within the first and max */
long backoff_poll_ms(int look, long first_ms, long max_ms);

#endif
