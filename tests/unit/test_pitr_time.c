/*
 * The times of \pitr restore and \backups schedule: every accepted form, the zones
 * (offsets, names, the local one, a time that does not exist), what is refused and why,
 * the recovery window, and the formats shown.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meta/dashboard/pitr_time.h"
#include "unit.h"

/* 2026-07-18T23:00:00Z */
static const long long JULY_18_23H = 1784415600000LL;
static const long long NOW = 1784415600000LL + 3 * 3600 * 1000LL;   /* 2026-07-19T02:00:00Z */

static void use_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

/* the moment text names, or -1 with the reason printed when it does not read */
static long long when(const char *text)
{
    long long ms = -1;
    char *why = pitr_parse_time(text, NOW, &ms);
    if (why) {
        fprintf(stderr, "  (%s: %s)\n", text, why);
        free(why);
        return -1;
    }
    return ms;
}

/* the reason text is refused, or "" when it reads */
static char *why_not(const char *text)
{
    long long ms;
    char *why = pitr_parse_time(text, NOW, &ms);
    return why ? why : strdup("");
}

static void test_rfc3339(void)
{
    use_tz("Europe/Paris");
    CHECK_INT(when("2026-07-18T23:00:00Z"), JULY_18_23H);
    CHECK_INT(when("2026-07-18t23:00:00z"), JULY_18_23H);
    CHECK_INT(when("2026-07-19T01:00:00+02:00"), JULY_18_23H);
    CHECK_INT(when("2026-07-18T18:30:00-04:30"), JULY_18_23H);
    CHECK_INT(when("2026-07-18T23:00:00.250Z"), JULY_18_23H + 250);
    CHECK_INT(when("2026-07-18T23:00:00.5+00:00"), JULY_18_23H + 500);
    CHECK_INT(when("  2026-07-18T23:00:00Z  "), JULY_18_23H);
}

static void test_date_time_and_zone(void)
{
    use_tz("UTC");
    CHECK_INT(when("2026-07-18 23:00"), JULY_18_23H);
    CHECK_INT(when("2026-07-18 23:00:00"), JULY_18_23H);
    CHECK_INT(when("2026-07-18 23:00:07"), JULY_18_23H + 7000);
    CHECK_INT(when("2026-07-18 23:00 UTC"), JULY_18_23H);
    CHECK_INT(when("2026-07-18 23:00 gmt"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 01:00 +02:00"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 01:00 +0200"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 01:00 +2"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 01:00 Europe/Paris"), JULY_18_23H);
    CHECK_INT(when("2026-07-18 19:00 America/New_York"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 04:30 Asia/Kolkata"), JULY_18_23H);
    /* no zone: the local one; a named zone leaves the process's zone as it was */
    use_tz("Europe/Paris");
    CHECK_INT(when("2026-07-19 01:00"), JULY_18_23H);
    CHECK_INT(when("2026-07-18 19:00 America/New_York"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 01:00"), JULY_18_23H);
    CHECK_INT(when("2026-07-19 01:00 local"), JULY_18_23H);
    /* winter time in the same zone */
    CHECK_INT(when("2026-01-10 13:00"), 1768046400000LL);
}

static void test_relative(void)
{
    CHECK_INT(when("now"), NOW);
    CHECK_INT(when("NOW"), NOW);
    CHECK_INT(when("3 hours ago"), JULY_18_23H);
    CHECK_INT(when("1 hour ago"), NOW - 3600000LL);
    CHECK_INT(when("180 minutes ago"), JULY_18_23H);
    CHECK_INT(when("180 min ago"), JULY_18_23H);
    CHECK_INT(when("2 hours 60 minutes ago"), JULY_18_23H);
    CHECK_INT(when("2 hours and 60 minutes ago"), JULY_18_23H);
    CHECK_INT(when("2 hours, 3600 seconds ago"), JULY_18_23H);
    CHECK_INT(when("2h60m ago"), JULY_18_23H);
    CHECK_INT(when("1 day ago"), NOW - 86400000LL);
    CHECK_INT(when("1 week ago"), NOW - 7 * 86400000LL);
    CHECK_INT(when("0 seconds ago"), NOW);
}

static void test_refused(void)
{
    use_tz("Europe/Paris");
    char *why;
    const char *not_times[] = {"", "yesterday", "2 hours", "ago", "hours ago", "2 fortnights ago", "-2 hours ago",
                               "2026-07-18", "2026-07-18 23", "23:00", "2026/07/18 23:00", "18-07-2026 23:00",
                               "2026-07-18T23:00:00ZZ junk", NULL};
    for (int i = 0; not_times[i]; i++) {
        why = why_not(not_times[i]);
        CHECK(strstr(why, "is not a time") != NULL || strstr(why, "unknown time zone") != NULL);
        free(why);
    }
    const char *unreal[] = {"2026-02-30 10:00", "2026-13-01 10:00", "2026-07-18 24:00", "2026-07-18 23:60",
                            "2026-07-18T23:00:61Z", "2025-02-29 10:00", NULL};
    for (int i = 0; unreal[i]; i++) {
        why = why_not(unreal[i]);
        CHECK(strstr(why, "names no real date and time of day") != NULL);
        free(why);
    }
    /* a leap year has its 29th of February */
    CHECK(when("2028-02-29 10:00 UTC") > 0);
    why = why_not("2026-07-18 23:00 Mars/Olympus");
    CHECK_STR(why, "unknown time zone \"Mars/Olympus\" (use Z, UTC, an offset such as +02:00, or a name such as "
                   "Europe/Paris)");
    free(why);
    why = why_not("2026-07-18 23:00 ../../etc/passwd");
    CHECK(strstr(why, "unknown time zone") != NULL);
    free(why);
    why = why_not("2026-07-18 23:00 +25:00");
    CHECK(strstr(why, "unknown time zone") != NULL);
    free(why);
    /* spring forward: 02:30 on the last Sunday of March does not exist in Paris */
    why = why_not("2026-03-29 02:30 Europe/Paris");
    CHECK_STR(why, "2026-03-29 02:30 does not exist in Europe/Paris (the clocks moved forward then)");
    free(why);
    why = why_not("2026-03-29 02:30");
    CHECK_STR(why, "2026-03-29 02:30 does not exist in the local time zone (the clocks moved forward then)");
    free(why);
}

static void test_window(void)
{
    long long earliest = NOW - 7 * 86400000LL, latest = NOW - 60000;
    CHECK_INT(pitr_check_window(JULY_18_23H, NOW, earliest, latest), PITR_IN_WINDOW);
    CHECK_INT(pitr_check_window(earliest, NOW, earliest, latest), PITR_IN_WINDOW);
    CHECK_INT(pitr_check_window(latest, NOW, earliest, latest), PITR_IN_WINDOW);
    CHECK_INT(pitr_check_window(earliest - 1, NOW, earliest, latest), PITR_TOO_OLD);
    CHECK_INT(pitr_check_window(latest + 1, NOW, earliest, latest), PITR_TOO_RECENT);
    CHECK_INT(pitr_check_window(NOW + 1, NOW, earliest, latest), PITR_IN_FUTURE);
    CHECK_INT(pitr_check_window(NOW + 1, NOW, earliest, NOW + 3600000), PITR_IN_FUTURE);
}

static void test_formats(void)
{
    char buf[64];
    use_tz("Europe/Paris");
    pitr_format_rfc3339(JULY_18_23H + 999, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-18T23:00:00Z");
    pitr_format_utc(JULY_18_23H, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-18 23:00:00 UTC");
    pitr_format_local(JULY_18_23H, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-19 01:00:00 CEST");
    pitr_format_timestamptz(JULY_18_23H, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-19 01:00:00+02");
    use_tz("Asia/Kolkata");
    pitr_format_timestamptz(JULY_18_23H, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-19 04:30:00+05:30");
    use_tz("America/New_York");
    pitr_format_timestamptz(JULY_18_23H, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-18 19:00:00-04");
}

static void test_backup_hour(void)
{
    int h = -1;
    use_tz("Asia/Tokyo");
    CHECK(pitr_hour_in_utc(3, NULL, NOW, &h) == NULL);
    CHECK_INT(h, 3);
    CHECK(pitr_hour_in_utc(3, "UTC", NOW, &h) == NULL);
    CHECK_INT(h, 3);
    CHECK(pitr_hour_in_utc(3, "Europe/Paris", NOW, &h) == NULL);
    CHECK_INT(h, 1);
    /* in winter Paris is an hour closer to UTC */
    CHECK(pitr_hour_in_utc(3, "Europe/Paris", 1768046400000LL, &h) == NULL);
    CHECK_INT(h, 2);
    CHECK(pitr_hour_in_utc(1, "+02:00", NOW, &h) == NULL);
    CHECK_INT(h, 23);
    CHECK(pitr_hour_in_utc(22, "-05:00", NOW, &h) == NULL);
    CHECK_INT(h, 3);
    CHECK(pitr_hour_in_utc(3, "local", NOW, &h) == NULL);
    CHECK_INT(h, 18);
    char *why = pitr_hour_in_utc(3, "Asia/Kolkata", NOW, &h);
    CHECK_STR(why, "03:00 in Asia/Kolkata is not a whole hour in UTC, and the platform schedules backups on whole "
                   "hours UTC");
    free(why);
    why = pitr_hour_in_utc(3, "Nowhere/Town", NOW, &h);
    CHECK(why && strstr(why, "unknown time zone \"Nowhere/Town\""));
    free(why);
    /* the process's zone is left as it was */
    char buf[64];
    pitr_format_local(JULY_18_23H, buf, sizeof(buf));
    CHECK_STR(buf, "2026-07-19 08:00:00 JST");
}

int main(void)
{
    RUN(test_rfc3339);
    RUN(test_date_time_and_zone);
    RUN(test_relative);
    RUN(test_refused);
    RUN(test_window);
    RUN(test_formats);
    RUN(test_backup_hour);
    UNIT_DONE();
}
