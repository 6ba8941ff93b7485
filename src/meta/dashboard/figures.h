/*
 * Figures of the dashboard commands as they read: sizes, percentages and durations
 * for people, or plain numbers in the formats made for programs; API dates.
 */
#ifndef PGC_META_DASHBOARD_FIGURES_H
#define PGC_META_DASHBOARD_FIGURES_H

#include <stdbool.h>
#include <time.h>

#include "session/session.h"

/* an API date (RFC 3339, with an offset or Z) as seconds since the epoch; false when it is not one */
bool dash_parse_time(const char *text, time_t *out);
/* "2024-07-18 23:00 UTC" */
char *dash_utc_text(time_t t);
/* an API date as PostgreSQL shows a timestamptz, in the local zone ("2026-07-19 01:00:00+02"); NULL when unreadable */
char *dash_api_time(const char *rfc3339);

/*
 * The formats made for programs (json, csv) get plain numbers: sizes in bytes,
 * percentages and durations (seconds) without units.  The others get them for
 * reading: "7.4 MB", "12.5 %", "3 min 05 s".
 */
bool dash_plain_numbers(const Session *s);
char *dash_bytes(const Session *s, double bytes);
char *dash_percent(const Session *s, double percent);
char *dash_seconds(const Session *s, double seconds);
/* sizes for reading whatever the format: 1023 bytes, 1.5 kB, 12 MB, 3.2 GB */
char *dash_pretty_bytes(double bytes);

#endif
