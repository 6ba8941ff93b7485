/*
 * Times as people and the platform write them, for \pitr and \backups: pure
 * functions of the text, the current time and the time zone database (no I/O besides
 * looking a zone name up), unit-tested.  Times are milliseconds since the epoch.
 *
 * Accepted by pitr_parse_time:
 *   RFC 3339                      2026-07-18T23:00:00Z, 2026-07-18T23:00:00.250+02:00
 *   date, time and a zone         2026-07-18 23:00[:SS] [ZONE]   (no zone: the local one)
 *   relative                      now, 2 hours ago, 1 day 3 hours ago, 90 min ago, 2h30m ago
 * A zone is Z, UTC, GMT, an offset (+02:00, -0530, +2) or a name of the zone database
 * (Europe/Paris).
 */
#ifndef PGC_META_DASHBOARD_PITR_TIME_H
#define PGC_META_DASHBOARD_PITR_TIME_H

#include <stdbool.h>
#include <stddef.h>

/* *when_ms from text, read at now_ms; NULL when it reads, else why not (allocated, one phrase) */
char *pitr_parse_time(const char *text, long long now_ms, long long *when_ms);

typedef enum PitrCheck {
    PITR_IN_WINDOW,
    PITR_IN_FUTURE,         /* after now */
    PITR_TOO_OLD,           /* before the earliest recoverable time */
    PITR_TOO_RECENT,        /* after the latest recoverable time, not in the future */
} PitrCheck;

/* where when falls against now and the recovery window */
PitrCheck pitr_check_window(long long when_ms, long long now_ms, long long earliest_ms, long long latest_ms);

/* "2026-07-18T23:00:00Z" (what the API takes; seconds, rounded down) */
void pitr_format_rfc3339(long long ms, char *buf, size_t len);
/* "2026-07-18 23:00:00 UTC" */
void pitr_format_utc(long long ms, char *buf, size_t len);
/* "2026-07-19 01:00:00 CEST", in the local time zone */
void pitr_format_local(long long ms, char *buf, size_t len);
/* "2026-07-19 01:00:00+02", as PostgreSQL shows a timestamptz, in the local time zone */
void pitr_format_timestamptz(long long ms, char *buf, size_t len);

/*
 * The hour UTC of hour (0-23) o'clock in zone (NULL for UTC) on the day of now_ms, for
 * the daily backup: NULL when it is a whole hour, else why not (an unknown zone, a
 * zone whose offset is not whole hours).
 */
char *pitr_hour_in_utc(int hour, const char *zone, long long now_ms, int *utc_hour);

#endif
