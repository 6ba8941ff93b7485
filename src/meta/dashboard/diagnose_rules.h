/*
 * The rules of \stats diagnose, apart from where the facts come from so that their
 * thresholds can be tested: each check turns facts about the database (from SQL,
 * from a previous sample, from the platform's metrics) into red, yellow or green
 * with a line that says why, or n/a when a fact is missing.
 */
#ifndef PGC_META_DASHBOARD_DIAGNOSE_RULES_H
#define PGC_META_DASHBOARD_DIAGNOSE_RULES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum DiagLevel { DIAG_NA, DIAG_GREEN, DIAG_YELLOW, DIAG_RED } DiagLevel;

typedef struct DiagFacts {
    /* from the server */
    double connections, max_connections;
    double table_hits, table_reads, index_hits, index_reads;   /* blocks, since the statistics were reset */
    double db_hits, db_reads;
    double index_bytes;                 /* every index of the user's schemas */
    long unused_indexes;
    double unused_index_bytes;
    long duplicate_indexes;             /* groups of indexes that repeat one another */
    double longest_query_s;             /* the longest running (active) query */
    double longest_idle_transaction_s;
    long blocked_queries;
    double longest_blocked_s;
    double xid_age, freeze_max_age;
    /* the previous sample of db_hits and db_reads (\stats diagnose keeps one), for the trend */
    bool has_previous;
    double previous_hits, previous_reads;
    double previous_age_s;
    /* from the platform (--app) */
    bool has_plan;
    double plan_memory;                 /* bytes */
    double plan_disk;                   /* bytes, 0 when unknown */
    bool has_metrics;
    double memory, memory_limit, disk;
    size_t memory_samples, memory_pinned_samples;   /* the last hours; pinned: at 98 % or more */
} DiagFacts;

typedef struct DiagFinding {
    const char *check;
    DiagLevel level;
    char *detail;                       /* owned */
} DiagFinding;

enum { DIAG_MAX_FINDINGS = 16 };

/* the findings, worst first (checks of a level in their fixed order); returns how many */
size_t diag_evaluate(const DiagFacts *f, DiagFinding out[DIAG_MAX_FINDINGS]);
void diag_findings_free(DiagFinding *findings, size_t n);
/* "red", "yellow", "green", "n/a" */
const char *diag_level_name(DiagLevel level);
/* at this share of the plan's memory or more, memory counts as pinned at 100 % */
#define DIAG_PINNED_SHARE 0.98

#endif
