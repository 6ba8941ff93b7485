#include "sql/conditional.h"

#include <stdlib.h>

#include "util/xalloc.h"

typedef struct CondLevel {
    IfState state;
    size_t query_len;
    int paren_depth;
} CondLevel;

struct CondStack {
    CondLevel *levels;
    size_t depth;
    size_t cap;
};

CondStack *cond_create(void)
{
    return xcalloc(1, sizeof(CondStack));
}

void cond_destroy(CondStack *cs)
{
    if (cs) {
        free(cs->levels);
        free(cs);
    }
}

void cond_push(CondStack *cs, IfState state)
{
    if (cs->depth == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 8;
        cs->levels = xrealloc(cs->levels, cs->cap * sizeof(CondLevel));
    }
    CondLevel *level = &cs->levels[cs->depth++];
    level->state = state;
    level->query_len = 0;
    level->paren_depth = 0;
}

bool cond_pop(CondStack *cs)
{
    if (cs->depth == 0)
        return false;
    cs->depth--;
    return true;
}

IfState cond_state(const CondStack *cs)
{
    return cs->depth ? cs->levels[cs->depth - 1].state : IFSTATE_NONE;
}

bool cond_set_state(CondStack *cs, IfState state)
{
    if (cs->depth == 0)
        return false;
    cs->levels[cs->depth - 1].state = state;
    return true;
}

bool cond_empty(const CondStack *cs)
{
    return cs->depth == 0;
}

bool cond_active(const CondStack *cs)
{
    IfState s = cond_state(cs);
    return s == IFSTATE_NONE || s == IFSTATE_TRUE || s == IFSTATE_ELSE_TRUE;
}

void cond_set_query_len(CondStack *cs, size_t len)
{
    if (cs->depth)
        cs->levels[cs->depth - 1].query_len = len;
}

size_t cond_query_len(const CondStack *cs)
{
    return cs->depth ? cs->levels[cs->depth - 1].query_len : 0;
}

void cond_set_paren_depth(CondStack *cs, int depth)
{
    if (cs->depth)
        cs->levels[cs->depth - 1].paren_depth = depth;
}

int cond_paren_depth(const CondStack *cs)
{
    return cs->depth ? cs->levels[cs->depth - 1].paren_depth : 0;
}
