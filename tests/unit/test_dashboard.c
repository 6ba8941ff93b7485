/*
 * The pure parts of the dashboard commands: the rules of \stats diagnose and their
 * thresholds, the sparkline of \stats's charts, and how figures and API dates read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta/dashboard/figures.h"
#include "meta/dashboard/diagnose_rules.h"
#include "print/sparkline.h"
#include "unit.h"

#define MB (1024.0 * 1024.0)

/* a healthy database with the platform's figures */
static DiagFacts healthy(void)
{
    DiagFacts f = {0};
    f.connections = 5;
    f.max_connections = 100;
    f.table_hits = f.index_hits = f.db_hits = 1e6;
    f.table_reads = f.index_reads = f.db_reads = 100;
    f.index_bytes = 100 * MB;
    f.xid_age = 1000;
    f.freeze_max_age = 2e8;
    f.has_plan = true;
    f.plan_memory = 1024 * MB;
    f.plan_disk = 20480 * MB;
    f.has_metrics = true;
    f.memory = 300 * MB;
    f.memory_limit = 1024 * MB;
    f.disk = 1000 * MB;
    f.memory_samples = 10;
    return f;
}

static const DiagFinding *find(const DiagFinding *v, size_t n, const char *check)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].check, check) == 0)
            return &v[i];
    return NULL;
}

/* the level and detail of one check for these facts */
static DiagLevel level_of(const DiagFacts *f, const char *check, char **detail)
{
    DiagFinding v[DIAG_MAX_FINDINGS];
    size_t n = diag_evaluate(f, v);
    const DiagFinding *found = find(v, n, check);
    DiagLevel level = found ? found->level : (DiagLevel)-1;
    if (detail)
        *detail = found ? strdup(found->detail) : NULL;
    diag_findings_free(v, n);
    return level;
}

static void test_healthy_is_green_and_ordered(void)
{
    DiagFacts f = healthy();
    DiagFinding v[DIAG_MAX_FINDINGS];
    size_t n = diag_evaluate(&f, v);
    CHECK_INT(n, 13);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].check, "Cache hit ratio trend") != 0)
            CHECK_STR(diag_level_name(v[i].level), "green");
    /* worst first: the trend without a previous sample is n/a, last */
    CHECK_STR(v[n - 1].check, "Cache hit ratio trend");
    CHECK_STR(diag_level_name(v[n - 1].level), "n/a");
    diag_findings_free(v, n);
    f.connections = 95;
    n = diag_evaluate(&f, v);
    CHECK_STR(v[0].check, "Connections");
    CHECK_STR(diag_level_name(v[0].level), "red");
    diag_findings_free(v, n);
}

static void test_indexes_that_no_longer_fit_in_memory(void)
{
    DiagFacts f = healthy();
    char *detail;
    f.index_bytes = 600 * MB;
    CHECK_INT(level_of(&f, "Indexes in memory", NULL), DIAG_GREEN);
    f.index_bytes = 800 * MB;
    CHECK_INT(level_of(&f, "Indexes in memory", &detail), DIAG_YELLOW);
    CHECK_STR(detail, "800 MB of indexes for 1.0 GB of memory: they will soon no longer fit in memory");
    free(detail);
    f.index_bytes = 1200 * MB;
    CHECK_INT(level_of(&f, "Indexes in memory", &detail), DIAG_RED);
    CHECK(strstr(detail, "they no longer fit, queries read them from disk") != NULL);
    free(detail);
    f.has_plan = false;
    CHECK_INT(level_of(&f, "Indexes in memory", &detail), DIAG_NA);
    CHECK_STR(detail, "needs --app (the plan's memory)");
    free(detail);
}

static void test_memory_pinned_at_100_percent(void)
{
    DiagFacts f = healthy();
    char *detail;
    f.memory_pinned_samples = 8;      /* 8 of 10: not most of the time */
    f.memory = 1020 * MB;
    CHECK_INT(level_of(&f, "Memory", NULL), DIAG_YELLOW);
    f.memory_pinned_samples = 9;
    CHECK_INT(level_of(&f, "Memory", &detail), DIAG_RED);
    CHECK_STR(detail, "at 100 % for 9 of the last 10 samples: indexes may no longer fit in memory");
    free(detail);
    f.memory_samples = f.memory_pinned_samples = 2;     /* too short a history to say */
    CHECK_INT(level_of(&f, "Memory", NULL), DIAG_YELLOW);
    f.memory = 100 * MB;
    CHECK_INT(level_of(&f, "Memory", NULL), DIAG_GREEN);
    f.has_metrics = false;
    CHECK_INT(level_of(&f, "Memory", NULL), DIAG_NA);
    CHECK_INT(level_of(&f, "Disk", NULL), DIAG_NA);
}

static void test_falling_cache_hit_ratio(void)
{
    DiagFacts f = healthy();
    char *detail;
    f.has_previous = true;
    f.previous_age_s = 600;
    /* since the previous sample: 99.5 % against 99.99 % overall, less than a point lower */
    f.previous_hits = f.db_hits - 9950;
    f.previous_reads = f.db_reads - 50;
    CHECK_INT(level_of(&f, "Cache hit ratio trend", NULL), DIAG_GREEN);
    f.previous_reads = f.db_reads - 110;    /* 98.9 %: more than a point lower */
    f.previous_hits = f.db_hits - 9890;
    CHECK_INT(level_of(&f, "Cache hit ratio trend", &detail), DIAG_YELLOW);
    CHECK_STR(detail, "98.90 % over the last 10 min against 99.99 % overall: falling, more and more reads come "
                      "from disk");
    free(detail);
    f.previous_reads = f.db_reads - 600;    /* 94 % */
    f.previous_hits = f.db_hits - 9400;
    CHECK_INT(level_of(&f, "Cache hit ratio trend", NULL), DIAG_RED);
    f.previous_hits = f.db_hits - 10;       /* too little activity to judge */
    f.previous_reads = f.db_reads - 10;
    CHECK_INT(level_of(&f, "Cache hit ratio trend", NULL), DIAG_NA);
    f.previous_hits = f.db_hits + 10;       /* counters that went back: a reset in between */
    CHECK_INT(level_of(&f, "Cache hit ratio trend", NULL), DIAG_NA);
}

static void test_hit_ratios_and_activity(void)
{
    DiagFacts f = healthy();
    f.table_hits = 96;
    f.table_reads = 4;
    CHECK_INT(level_of(&f, "Cache hit ratio (tables)", NULL), DIAG_NA);   /* too few reads */
    f.table_hits = 9600;
    f.table_reads = 400;
    CHECK_INT(level_of(&f, "Cache hit ratio (tables)", NULL), DIAG_YELLOW);
    f.table_reads = 600;
    CHECK_INT(level_of(&f, "Cache hit ratio (tables)", NULL), DIAG_RED);
    f.longest_query_s = 299;
    CHECK_INT(level_of(&f, "Long-running queries", NULL), DIAG_GREEN);
    f.longest_query_s = 300;
    CHECK_INT(level_of(&f, "Long-running queries", NULL), DIAG_YELLOW);
    f.longest_query_s = 3600;
    CHECK_INT(level_of(&f, "Long-running queries", NULL), DIAG_RED);
    f.blocked_queries = 2;
    f.longest_blocked_s = 10;
    CHECK_INT(level_of(&f, "Blocked queries", NULL), DIAG_YELLOW);
    f.longest_blocked_s = 400;
    CHECK_INT(level_of(&f, "Blocked queries", NULL), DIAG_RED);
    f.longest_idle_transaction_s = 61;
    CHECK_INT(level_of(&f, "Idle transactions", NULL), DIAG_YELLOW);
    f.xid_age = 2.5e8;
    CHECK_INT(level_of(&f, "Transaction ID age", NULL), DIAG_YELLOW);
    f.xid_age = 1.3e9;
    CHECK_INT(level_of(&f, "Transaction ID age", NULL), DIAG_RED);
    f.unused_indexes = 3;
    f.duplicate_indexes = 1;
    CHECK_INT(level_of(&f, "Unused indexes", NULL), DIAG_YELLOW);
    CHECK_INT(level_of(&f, "Duplicate indexes", NULL), DIAG_YELLOW);
    f.disk = 0.85 * f.plan_disk;
    CHECK_INT(level_of(&f, "Disk", NULL), DIAG_YELLOW);
    f.disk = 0.95 * f.plan_disk;
    CHECK_INT(level_of(&f, "Disk", NULL), DIAG_RED);
}

static void test_sparkline(void)
{
    const double up[] = {0, 1, 2, 3, 4, 5, 6, 7};
    char *s = sparkline(up, 8, 60, 0, 7, true);
    CHECK_STR(s, "\342\226\201\342\226\202\342\226\203\342\226\204\342\226\205\342\226\206\342\226\207\342\226\210");
    free(s);
    s = sparkline(up, 8, 60, 0, 7, false);
    CHECK_STR(s, "_.-:=+*#");
    free(s);
    /* more values than characters: each shows the highest it covers, so a lone peak stays */
    const double spike[] = {0, 0, 0, 0, 0, 100, 0, 0};
    s = sparkline(spike, 8, 4, 0, 100, false);
    CHECK_STR(s, "__#_");
    free(s);
    /* out of range and flat series */
    const double wild[] = {-5, 500};
    s = sparkline(wild, 2, 10, 0, 100, false);
    CHECK_STR(s, "_#");
    free(s);
    s = sparkline(wild, 2, 10, 3, 3, false);
    CHECK_STR(s, "__");
    free(s);
    s = sparkline(up, 0, 10, 0, 7, true);
    CHECK_STR(s, "");
    free(s);
}

static void test_figures_and_dates(void)
{
    char *s;
    CHECK_STR(s = dash_pretty_bytes(0), "0 bytes"); free(s);
    CHECK_STR(s = dash_pretty_bytes(1023), "1023 bytes"); free(s);
    CHECK_STR(s = dash_pretty_bytes(1536), "1.5 kB"); free(s);
    CHECK_STR(s = dash_pretty_bytes(512 * MB), "512 MB"); free(s);
    CHECK_STR(s = dash_pretty_bytes(1024 * MB), "1.0 GB"); free(s);
    time_t t;
    CHECK(dash_parse_time("2026-07-18T23:00:00Z", &t) && t == 1784415600);
    CHECK(dash_parse_time("2026-07-18T23:00:00.123+02:00", &t) && t == 1784408400);
    CHECK(dash_parse_time("2026-07-18T23:00:00-01:30", &t) && t == 1784421000);
    CHECK(!dash_parse_time("2026-07-18 23:00:00", &t));
    CHECK(!dash_parse_time("yesterday", &t));
    CHECK_STR(s = dash_utc_text(1784415600), "2026-07-18 23:00 UTC"); free(s);
}

int main(void)
{
    RUN(test_healthy_is_green_and_ordered);
    RUN(test_indexes_that_no_longer_fit_in_memory);
    RUN(test_memory_pinned_at_100_percent);
    RUN(test_falling_cache_hit_ratio);
    RUN(test_hit_ratios_and_activity);
    RUN(test_sparkline);
    RUN(test_figures_and_dates);
    UNIT_DONE();
}
