#include "meta/dashboard/pitr_time.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "util/xalloc.h"

/* ---- zones ---- */

typedef enum ZoneKind { ZONE_LOCAL, ZONE_FIXED, ZONE_NAMED } ZoneKind;

typedef struct Zone {
    ZoneKind kind;
    long offset_s;          /* ZONE_FIXED: east of UTC */
    char name[128];         /* ZONE_NAMED */
} Zone;

/* +HH, +HHMM, +HH:MM (and -); false when text is not one */
static bool parse_offset(const char *text, long *offset_s)
{
    if (text[0] != '+' && text[0] != '-')
        return false;
    const char *p = text + 1;
    int digits = 0, hours = 0, minutes = 0;
    while (isdigit((unsigned char)p[digits]))
        digits++;
    if (digits == 1 || digits == 2) {
        hours = atoi(p);
        p += digits;
        if (*p == ':') {
            if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3])
                return false;
            minutes = atoi(p + 1);
        } else if (*p) {
            return false;
        }
    } else if (digits == 4 && !p[4]) {
        hours = (p[0] - '0') * 10 + (p[1] - '0');
        minutes = (p[2] - '0') * 10 + (p[3] - '0');
    } else {
        return false;
    }
    if (hours > 15 || minutes > 59)
        return false;
    *offset_s = (text[0] == '-' ? -1 : 1) * (hours * 3600L + minutes * 60L);
    return true;
}

/* whether the zone database has this name (a file under TZDIR or /usr/share/zoneinfo) */
static bool zone_name_exists(const char *name)
{
    if (!*name || name[0] == '/' || strstr(name, "..") || strlen(name) > 100)
        return false;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p))
            return false;
    const char *dir = getenv("TZDIR");
    char *path = xasprintf("%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    struct stat st;
    bool found = stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    return found;
}

static bool parse_zone(const char *text, Zone *z)
{
    memset(z, 0, sizeof(*z));
    if (strcasecmp(text, "Z") == 0 || strcasecmp(text, "UTC") == 0 || strcasecmp(text, "GMT") == 0) {
        z->kind = ZONE_FIXED;
        return true;
    }
    if (parse_offset(text, &z->offset_s)) {
        z->kind = ZONE_FIXED;
        return true;
    }
    if (strcasecmp(text, "local") == 0) {
        z->kind = ZONE_LOCAL;
        return true;
    }
    if (!zone_name_exists(text))
        return false;
    z->kind = ZONE_NAMED;
    snprintf(z->name, sizeof(z->name), "%s", text);
    return true;
}

/* runs the C library's local-time functions in a named zone, then puts the process's zone back */
typedef struct SavedTz {
    char *value;
    bool was_set;
} SavedTz;

static SavedTz enter_zone(const Zone *z)
{
    SavedTz saved = {NULL, false};
    if (z->kind != ZONE_NAMED)
        return saved;
    const char *old = getenv("TZ");
    saved.was_set = old != NULL;
    saved.value = old ? xstrdup(old) : NULL;
    setenv("TZ", z->name, 1);
    tzset();
    return saved;
}

static void leave_zone(const Zone *z, SavedTz saved)
{
    if (z->kind != ZONE_NAMED)
        return;
    if (saved.was_set)
        setenv("TZ", saved.value, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved.value);
}

static bool same_wall_clock(const struct tm *a, const struct tm *b)
{
    return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon && a->tm_mday == b->tm_mday &&
           a->tm_hour == b->tm_hour && a->tm_min == b->tm_min && a->tm_sec == b->tm_sec;
}

/* the moment a wall-clock time names in a zone; NULL, else why not */
static char *wall_clock_to_epoch(const struct tm *wall, const Zone *z, const char *zone_text, long long *secs)
{
    struct tm fields = *wall;
    if (z->kind == ZONE_FIXED) {
        *secs = (long long)timegm(&fields) - z->offset_s;
        return NULL;
    }
    SavedTz saved = enter_zone(z);
    fields.tm_isdst = -1;
    time_t t = mktime(&fields);
    struct tm back;
    bool exists = t != (time_t)-1 && localtime_r(&t, &back) && same_wall_clock(&back, wall);
    leave_zone(z, saved);
    if (!exists)
        return xasprintf("%04d-%02d-%02d %02d:%02d does not exist in %s (the clocks moved forward then)",
                         wall->tm_year + 1900, wall->tm_mon + 1, wall->tm_mday, wall->tm_hour, wall->tm_min,
                         zone_text ? zone_text : "the local time zone");
    *secs = (long long)t;
    return NULL;
}

/* ---- absolute times ---- */

/* exactly n digits at *p, moved past them; -1 when not */
static int take_digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static bool valid_fields(int y, int mo, int d, int h, int mi, int s)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
        return false;
    return d <= days[mo - 1] + (mo == 2 && is_leap(y));
}

/* what reading a piece of text gave */
typedef enum ReadResult { READ_NOT, READ_OK, READ_BAD } ReadResult;

/*
 * YYYY-MM-DD, then T or spaces, HH:MM[:SS[.fff]]: fields, milliseconds, and where the
 * rest starts; READ_BAD when it has that shape but names no real date or time of day.
 */
static ReadResult parse_date_time(const char *text, struct tm *wall, int *ms, const char **rest)
{
    const char *p = text;
    int y = take_digits(&p, 4);
    int mo = (y >= 0 && *p++ == '-') ? take_digits(&p, 2) : -1;
    int d = (mo >= 0 && *p++ == '-') ? take_digits(&p, 2) : -1;
    if (d < 0 || !(*p == 'T' || *p == 't' || *p == ' '))
        return READ_NOT;
    p += (*p == ' ') ? strspn(p, " ") : 1;
    int h = take_digits(&p, 2);
    int mi = (h >= 0 && *p++ == ':') ? take_digits(&p, 2) : -1;
    int s = 0;
    *ms = 0;
    if (mi >= 0 && *p == ':') {
        p++;
        s = take_digits(&p, 2);
        if (s >= 0 && *p == '.') {
            int scale = 100;
            for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
                *ms += (*p - '0') * scale;
        }
    }
    if (mi < 0 || s < 0)
        return READ_NOT;
    if (!valid_fields(y, mo, d, h, mi, s))
        return READ_BAD;
    memset(wall, 0, sizeof(*wall));
    wall->tm_year = y - 1900;
    wall->tm_mon = mo - 1;
    wall->tm_mday = d;
    wall->tm_hour = h;
    wall->tm_min = mi;
    wall->tm_sec = s;
    *rest = p;
    return READ_OK;
}

static ReadResult parse_absolute(const char *text, long long *when_ms, char **why)
{
    struct tm wall;
    int ms;
    const char *rest;
    ReadResult r = parse_date_time(text, &wall, &ms, &rest);
    if (r == READ_BAD)
        *why = xasprintf("\"%s\" names no real date and time of day", text);
    if (r != READ_OK)
        return r;
    rest += strspn(rest, " ");
    Zone z = {.kind = ZONE_LOCAL};
    if (*rest && !parse_zone(rest, &z)) {
        *why = xasprintf("unknown time zone \"%s\" (use Z, UTC, an offset such as +02:00, or a name such as "
                         "Europe/Paris)", rest);
        return READ_BAD;
    }
    long long secs = 0;
    *why = wall_clock_to_epoch(&wall, &z, *rest ? rest : NULL, &secs);
    if (*why)
        return READ_BAD;
    *when_ms = secs * 1000 + ms;
    return READ_OK;
}

/* ---- relative times ---- */

static long unit_seconds(const char *unit, size_t len)
{
    static const struct {
        const char *names;
        long seconds;
    } units[] = {
        {" s sec secs second seconds ", 1},
        {" m min mins minute minutes ", 60},
        {" h hr hrs hour hours ", 3600},
        {" d day days ", 86400},
        {" w week weeks ", 7 * 86400},
    };
    if (len == 0 || len > 10)
        return 0;
    char word[16];
    snprintf(word, sizeof(word), " %.*s ", (int)len, unit);
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (strcasestr(units[i].names, word))
            return units[i].seconds;
    return 0;
}

/* "N UNIT [[,|and] N UNIT]... ago"; false when text is not that */
static bool parse_relative(const char *text, long long now_ms, long long *when_ms)
{
    const char *p = text;
    long long back = 0;
    int parts = 0;
    for (;;) {
        p += strspn(p, " ,");
        if (strncasecmp(p, "and ", 4) == 0 && parts > 0)
            p += 4;
        if (strcasecmp(p, "ago") == 0)
            break;
        char *end;
        long n = isdigit((unsigned char)*p) ? strtol(p, &end, 10) : -1;
        if (n < 0 || n > 100000)
            return false;
        p = end + strspn(end, " ");
        size_t len = 0;
        while (isalpha((unsigned char)p[len]))
            len++;
        long unit = unit_seconds(p, len);
        if (!unit)
            return false;
        back += (long long)n * unit;
        p += len;
        parts++;
    }
    if (parts == 0)
        return false;
    *when_ms = now_ms - back * 1000;
    return true;
}

char *pitr_parse_time(const char *text, long long now_ms, long long *when_ms)
{
    char *trimmed = xstrdup(text + strspn(text, " \t"));
    for (size_t n = strlen(trimmed); n > 0 && isspace((unsigned char)trimmed[n - 1]); n--)
        trimmed[n - 1] = '\0';
    char *why = NULL;
    if (strcasecmp(trimmed, "now") == 0)
        *when_ms = now_ms;
    else if (!parse_relative(trimmed, now_ms, when_ms) && parse_absolute(trimmed, when_ms, &why) == READ_NOT)
        why = xasprintf("\"%s\" is not a time: write it as 2026-07-18T23:00:00Z, 2026-07-18 23:00 [ZONE] or "
                        "2 hours ago", trimmed);
    free(trimmed);
    return why;
}

/* ---- the window ---- */

PitrCheck pitr_check_window(long long when_ms, long long now_ms, long long earliest_ms, long long latest_ms)
{
    if (when_ms > now_ms)
        return PITR_IN_FUTURE;
    if (when_ms < earliest_ms)
        return PITR_TOO_OLD;
    if (when_ms > latest_ms)
        return PITR_TOO_RECENT;
    return PITR_IN_WINDOW;
}

/* ---- formatting ---- */

static time_t seconds_of(long long ms)
{
    /* rounded down, also before the epoch */
    return (time_t)(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000));
}

/* ms as fmt says, in UTC or local time; the broken-down time in tm, strftime's length returned */
static size_t format_at(long long ms, bool utc, const char *fmt, char *buf, size_t len, struct tm *tm)
{
    time_t t = seconds_of(ms);
    if (utc)
        gmtime_r(&t, tm);
    else
        localtime_r(&t, tm);
    return strftime(buf, len, fmt, tm);
}

void pitr_format_rfc3339(long long ms, char *buf, size_t len)
{
    struct tm tm;
    format_at(ms, true, "%Y-%m-%dT%H:%M:%SZ", buf, len, &tm);
}

void pitr_format_utc(long long ms, char *buf, size_t len)
{
    struct tm tm;
    format_at(ms, true, "%Y-%m-%d %H:%M:%S UTC", buf, len, &tm);
}

void pitr_format_local(long long ms, char *buf, size_t len)
{
    struct tm tm;
    format_at(ms, false, "%Y-%m-%d %H:%M:%S %Z", buf, len, &tm);
}

void pitr_format_timestamptz(long long ms, char *buf, size_t len)
{
    struct tm tm;
    size_t n = format_at(ms, false, "%Y-%m-%d %H:%M:%S", buf, len, &tm);
    long off = tm.tm_gmtoff;
    long abs_off = off < 0 ? -off : off;
    if (abs_off % 3600 == 0)
        snprintf(buf + n, len - n, "%c%02ld", off < 0 ? '-' : '+', abs_off / 3600);
    else
        snprintf(buf + n, len - n, "%c%02ld:%02ld", off < 0 ? '-' : '+', abs_off / 3600, abs_off % 3600 / 60);
}

/* ---- the hour of the daily backup ---- */

char *pitr_hour_in_utc(int hour, const char *zone, long long now_ms, int *utc_hour)
{
    Zone z = {.kind = ZONE_FIXED};
    if (zone && !parse_zone(zone, &z))
        return xasprintf("unknown time zone \"%s\" (use UTC, an offset such as +02:00, or a name such as "
                         "Europe/Paris)", zone);
    time_t now = seconds_of(now_ms);
    struct tm today;
    SavedTz saved = enter_zone(&z);
    if (z.kind == ZONE_FIXED) {
        time_t shifted = now + z.offset_s;
        gmtime_r(&shifted, &today);
        today.tm_gmtoff = z.offset_s;
    } else {
        localtime_r(&now, &today);
    }
    leave_zone(&z, saved);
    long offset = today.tm_gmtoff;
    if (offset % 3600 != 0)
        return xasprintf("%02d:00 in %s is not a whole hour in UTC, and the platform schedules backups on whole "
                         "hours UTC", hour, zone ? zone : "UTC");
    *utc_hour = (int)(((hour - offset / 3600) % 24 + 24) % 24);
    return NULL;
}
