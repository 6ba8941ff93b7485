/*
 * The scanner callbacks of the targets that scan with a real session (if, slash):
 * variables as the console interpolates them, backticks never run (no target runs a
 * shell).  Pass a FuzzSessionScan as the callbacks' context.
 */
#ifndef PGC_FUZZ_SESSION_SCAN_H
#define PGC_FUZZ_SESSION_SCAN_H

#include <stdbool.h>

#include "session/session.h"
#include "sql/conditional.h"
#include "sql/scanner.h"

typedef struct FuzzSessionScan {
    Session *s;
    CondStack *cond;
} FuzzSessionScan;

static inline char *fuzz_session_variable(void *ctx, const char *name, VarQuoting quoting)
{
    FuzzSessionScan *f = ctx;
    return session_variable_for_scanner(f->s, f->cond, name, (int)quoting);
}

static inline bool fuzz_never_run_backticks(void *ctx)
{
    (void)ctx;
    return false;
}

#endif
