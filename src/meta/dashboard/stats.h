/*
 * The parts of \stats, one file each: the container and database figures with their
 * charts (stats.c), the reports in the spirit of pg-extras (stats_reports.c),
 * pg_stat_statements (stats_outliers.c) and the red/yellow/green summary
 * (stats_diagnose.c, its rules in diagnose_rules.c).
 */
#ifndef PGC_META_DASHBOARD_STATS_H
#define PGC_META_DASHBOARD_STATS_H

#include <stdbool.h>

#include "session/session.h"

/* \stats NAME [PART]: one of the SQL reports (cache, indexes, tables, bloat, vacuum, locks, blocking) */
bool stats_report(Session *s, const char *name, const char *part, bool *known);
/* the names stats_report knows, for messages: "cache, indexes, ..." */
const char *stats_report_names(void);
/* \stats outliers [enable|reset] */
bool stats_outliers(Session *s, const char *action);
/* \stats diagnose */
bool stats_diagnose(Session *s);

/*
 * A report's SQL for the session's format: SIZE(bytes) becomes pg_size_pretty's text,
 * or the plain number in the formats for programs (json, csv); DURATION(interval) an
 * interval to the second, or seconds.  A new string.
 */
char *stats_sql(const Session *s, const char *template);
/* runs a report's SQL (ECHO_HIDDEN applies) and prints it titled; false after the server's error */
bool stats_print_query(Session *s, const char *template, const char *title, const char *footer);

#endif
