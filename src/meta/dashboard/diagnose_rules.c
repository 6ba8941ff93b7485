#include "meta/dashboard/diagnose_rules.h"

#include <stdlib.h>
#include <string.h>

#include "meta/dashboard/figures.h"
#include "util/xalloc.h"

/* below this many block reads a hit ratio says nothing */
enum { MIN_BLOCKS = 1000 };

typedef struct Findings {
    DiagFinding *v;
    size_t n;
} Findings;

static void add(Findings *f, const char *check, DiagLevel level, char *detail)
{
    if (f->n < DIAG_MAX_FINDINGS)
        f->v[f->n++] = (DiagFinding){check, level, detail};
    else
        free(detail);
}

/* the level of a value against two thresholds, higher being worse */
static DiagLevel rising(double value, double yellow, double red)
{
    return value >= red ? DIAG_RED : value >= yellow ? DIAG_YELLOW : DIAG_GREEN;
}

static void check_connections(Findings *out, const DiagFacts *f)
{
    double share = f->max_connections > 0 ? f->connections / f->max_connections : 0;
    DiagLevel level = rising(share, 0.7, 0.9);
    add(out, "Connections", level,
        xasprintf("%.0f of %.0f (%.0f %%)%s", f->connections, f->max_connections, 100 * share,
                  level == DIAG_GREEN ? "" : ": close to the limit, new connections will be refused"));
}

static void check_hit_ratio(Findings *out, const char *check, double hits, double reads)
{
    if (hits + reads < MIN_BLOCKS) {
        add(out, check, DIAG_NA, xstrdup("too few reads yet to judge"));
        return;
    }
    double ratio = 100 * hits / (hits + reads);
    DiagLevel level = ratio >= 99 ? DIAG_GREEN : ratio >= 95 ? DIAG_YELLOW : DIAG_RED;
    add(out, check, level,
        xasprintf("%.2f %% from memory%s", ratio,
                  level == DIAG_GREEN ? "" : ": the working set does not fit in memory"));
}

static void check_trend(Findings *out, const DiagFacts *f)
{
    const char *check = "Cache hit ratio trend";
    if (!f->has_previous) {
        add(out, check, DIAG_NA, xstrdup("first sample kept: run \\stats diagnose again later"));
        return;
    }
    double hits = f->db_hits - f->previous_hits, reads = f->db_reads - f->previous_reads;
    if (hits < 0 || reads < 0 || hits + reads < MIN_BLOCKS || f->db_hits + f->db_reads <= 0) {
        add(out, check, DIAG_NA, xstrdup("too little activity since the previous sample"));
        return;
    }
    double recent = 100 * hits / (hits + reads);
    double overall = 100 * f->db_hits / (f->db_hits + f->db_reads);
    double drop = overall - recent;
    DiagLevel level = drop >= 5 ? DIAG_RED : drop >= 1 ? DIAG_YELLOW : DIAG_GREEN;
    add(out, check, level,
        xasprintf("%.2f %% over the last %.0f min against %.2f %% overall%s", recent, f->previous_age_s / 60, overall,
                  level == DIAG_GREEN ? "" : ": falling, more and more reads come from disk"));
}

static void check_indexes_in_memory(Findings *out, const DiagFacts *f)
{
    const char *check = "Indexes in memory";
    if (!f->has_plan || f->plan_memory <= 0) {
        add(out, check, DIAG_NA, xstrdup("needs --app (the plan's memory)"));
        return;
    }
    double share = f->index_bytes / f->plan_memory;
    DiagLevel level = rising(share, 0.7, 1.0);
    char *size = dash_pretty_bytes(f->index_bytes), *memory = dash_pretty_bytes(f->plan_memory);
    add(out, check, level,
        xasprintf("%s of indexes for %s of memory%s", size, memory,
                  level == DIAG_RED      ? ": they no longer fit, queries read them from disk (a larger plan, or "
                                           "fewer indexes)"
                  : level == DIAG_YELLOW ? ": they will soon no longer fit in memory"
                                         : ""));
    free(size);
    free(memory);
}

static void check_memory(Findings *out, const DiagFacts *f)
{
    const char *check = "Memory";
    if (!f->has_metrics || f->memory_limit <= 0) {
        add(out, check, DIAG_NA, xstrdup("needs --app (the platform's metrics)"));
        return;
    }
    double share = f->memory / f->memory_limit;
    bool pinned = f->memory_samples >= 3 && f->memory_pinned_samples * 10 >= f->memory_samples * 9;
    if (pinned)
        add(out, check, DIAG_RED,
            xasprintf("at 100 %% for %zu of the last %zu samples: indexes may no longer fit in memory",
                      f->memory_pinned_samples, f->memory_samples));
    else
        add(out, check, share >= DIAG_PINNED_SHARE ? DIAG_YELLOW : DIAG_GREEN,
            xasprintf("%.0f %% of the plan's memory in use", 100 * share));
}

static void check_disk(Findings *out, const DiagFacts *f)
{
    const char *check = "Disk";
    if (!f->has_metrics || f->plan_disk <= 0) {
        add(out, check, DIAG_NA, xstrdup("needs --app (the platform's metrics)"));
        return;
    }
    double share = f->disk / f->plan_disk;
    DiagLevel level = rising(share, 0.8, 0.9);
    char *used = dash_pretty_bytes(f->disk), *plan = dash_pretty_bytes(f->plan_disk);
    add(out, check, level,
        xasprintf("%s of %s (%.0f %%)%s", used, plan, 100 * share, level == DIAG_GREEN ? "" : ": the disk fills up"));
    free(used);
    free(plan);
}

static void check_indexes(Findings *out, const DiagFacts *f)
{
    if (f->unused_indexes > 0) {
        char *size = dash_pretty_bytes(f->unused_index_bytes);
        add(out, "Unused indexes", DIAG_YELLOW,
            xasprintf("%ld never scanned (%s): see \\stats indexes unused", f->unused_indexes, size));
        free(size);
    } else {
        add(out, "Unused indexes", DIAG_GREEN, xstrdup("none"));
    }
    add(out, "Duplicate indexes", f->duplicate_indexes > 0 ? DIAG_YELLOW : DIAG_GREEN,
        f->duplicate_indexes > 0 ? xasprintf("%ld set(s): see \\stats indexes duplicate", f->duplicate_indexes)
                                 : xstrdup("none"));
}

static char *duration_text(double seconds)
{
    if (seconds < 120)
        return xasprintf("%.0f s", seconds);
    if (seconds < 7200)
        return xasprintf("%.0f min", seconds / 60);
    return xasprintf("%.1f h", seconds / 3600);
}

static void check_activity(Findings *out, const DiagFacts *f)
{
    char *longest = duration_text(f->longest_query_s);
    add(out, "Long-running queries", rising(f->longest_query_s, 300, 3600),
        xasprintf("the longest has run for %s", longest));
    free(longest);
    char *idle = duration_text(f->longest_idle_transaction_s);
    DiagLevel level = rising(f->longest_idle_transaction_s, 60, 3600);
    add(out, "Idle transactions", level,
        level == DIAG_GREEN ? xstrdup("none open for long")
                            : xasprintf("one idle in its transaction for %s: it holds locks and holds vacuum back",
                                        idle));
    free(idle);
    if (f->blocked_queries > 0) {
        char *waiting = duration_text(f->longest_blocked_s);
        add(out, "Blocked queries", f->longest_blocked_s >= 300 ? DIAG_RED : DIAG_YELLOW,
            xasprintf("%ld waiting on locks, for up to %s: see \\stats blocking", f->blocked_queries, waiting));
        free(waiting);
    } else {
        add(out, "Blocked queries", DIAG_GREEN, xstrdup("none"));
    }
}

static void check_wraparound(Findings *out, const DiagFacts *f)
{
    DiagLevel level = f->xid_age >= 1.2e9 ? DIAG_RED : f->xid_age > f->freeze_max_age ? DIAG_YELLOW : DIAG_GREEN;
    add(out, "Transaction ID age", level,
        xasprintf("%.0f (autovacuum freezes from %.0f)%s", f->xid_age, f->freeze_max_age,
                  level == DIAG_GREEN ? "" : ": vacuum is behind, wraparound comes closer"));
}

static int by_level(const void *a, const void *b)
{
    const DiagFinding *x = a, *y = b;
    return (int)y->level - (int)x->level;
}

size_t diag_evaluate(const DiagFacts *f, DiagFinding out[DIAG_MAX_FINDINGS])
{
    Findings found = {out, 0};
    check_connections(&found, f);
    check_hit_ratio(&found, "Cache hit ratio (tables)", f->table_hits, f->table_reads);
    check_hit_ratio(&found, "Cache hit ratio (indexes)", f->index_hits, f->index_reads);
    check_trend(&found, f);
    check_indexes_in_memory(&found, f);
    check_memory(&found, f);
    check_disk(&found, f);
    check_indexes(&found, f);
    check_activity(&found, f);
    check_wraparound(&found, f);
    /* worst first; a stable order among equals comes from insertion sort */
    for (size_t i = 1; i < found.n; i++)
        for (size_t k = i; k > 0 && by_level(&out[k - 1], &out[k]) > 0; k--) {
            DiagFinding swap = out[k];
            out[k] = out[k - 1];
            out[k - 1] = swap;
        }
    return found.n;
}

void diag_findings_free(DiagFinding *findings, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(findings[i].detail);
}

const char *diag_level_name(DiagLevel level)
{
    switch (level) {
    case DIAG_RED: return "red";
    case DIAG_YELLOW: return "yellow";
    case DIAG_GREEN: return "green";
    case DIAG_NA: return "n/a";
    }
    return "n/a";
}
