/*
 * psql variables: named string values kept in name order.  A variable may carry
 * hooks, as psql's special variables do: a substitute hook rewrites the value first
 * (e.g. \unset ECHO becomes "none"), then an assign hook validates and applies it
 * and may refuse it, leaving the old value in place.
 */
#ifndef PGC_VARIABLES_H
#define PGC_VARIABLES_H

#include <stdbool.h>
#include <stdio.h>

typedef char *(*VarSubstituteHook)(char *newval);          /* takes and returns a malloc'd string or NULL */
typedef bool (*VarAssignHook)(void *ctx, const char *name, const char *newval);

typedef struct VarStore VarStore;

VarStore *vars_create(void *hook_ctx);
void vars_destroy(VarStore *vars);

bool vars_valid_name(const char *name);
const char *vars_get(const VarStore *vars, const char *name);
/* value NULL deletes; returns false (after printing psql's message) when refused */
bool vars_set(VarStore *vars, const char *name, const char *value);
bool vars_set_bool(VarStore *vars, const char *name, bool value);
bool vars_delete(VarStore *vars, const char *name);
/* installs hooks and runs them once on the current value, as psql does */
void vars_set_hooks(VarStore *vars, const char *name, VarSubstituteHook subst, VarAssignHook assign);
/* true for psql's special variables, which \gset must not overwrite */
bool vars_has_hooks(const VarStore *vars, const char *name);
/* \set with no arguments */
void vars_print(const VarStore *vars, FILE *out);
/* iteration in name order; returns NULL at the end */
const char *vars_name_at(const VarStore *vars, size_t index, const char **value);

/* psql's value parsers; a NULL name means "don't report errors" */
bool parse_bool_value(const char *value, const char *name, bool *result);
bool parse_int_value(const char *value, const char *name, int *result);
void report_enum_error(const char *name, const char *value, const char *suggestions);

#endif
