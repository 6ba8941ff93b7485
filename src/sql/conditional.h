/* The \if ... \elif ... \else ... \endif stack of one input source. */
#ifndef PGC_CONDITIONAL_H
#define PGC_CONDITIONAL_H

#include <stdbool.h>
#include <stddef.h>

typedef enum IfState {
    IFSTATE_NONE,         /* not inside any \if */
    IFSTATE_TRUE,         /* in a true branch */
    IFSTATE_FALSE,        /* in a false branch; a later \elif or \else may still be taken */
    IFSTATE_IGNORED,      /* a branch was already taken, or the enclosing block is inactive */
    IFSTATE_ELSE_TRUE,    /* in an \else that is taken */
    IFSTATE_ELSE_FALSE    /* in an \else that is not */
} IfState;

typedef struct CondStack CondStack;

CondStack *cond_create(void);
void cond_destroy(CondStack *cs);
void cond_push(CondStack *cs, IfState state);
bool cond_pop(CondStack *cs);
IfState cond_state(const CondStack *cs);
bool cond_set_state(CondStack *cs, IfState state);
bool cond_empty(const CondStack *cs);
/* whether commands are being executed at this point */
bool cond_active(const CondStack *cs);
/* the query buffer length and scanner paren depth saved at the \if, restored when a branch is skipped */
void cond_set_query_len(CondStack *cs, size_t len);
size_t cond_query_len(const CondStack *cs);
void cond_set_paren_depth(CondStack *cs, int depth);
int cond_paren_depth(const CondStack *cs);

#endif
