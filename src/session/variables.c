#include "session/variables.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/log.h"
#include "util/xalloc.h"

typedef struct Variable {
    char *name;
    char *value;
    VarSubstituteHook substitute;
    VarAssignHook assign;
} Variable;

struct VarStore {
    Variable *items;      /* sorted by name */
    size_t count;
    size_t cap;
    void *hook_ctx;
};

VarStore *vars_create(void *hook_ctx)
{
    VarStore *vars = xcalloc(1, sizeof(VarStore));
    vars->hook_ctx = hook_ctx;
    return vars;
}

void vars_destroy(VarStore *vars)
{
    if (!vars)
        return;
    for (size_t i = 0; i < vars->count; i++) {
        free(vars->items[i].name);
        free(vars->items[i].value);
    }
    free(vars->items);
    free(vars);
}

bool vars_valid_name(const char *name)
{
    if (!name || !*name)
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p >= 0x80 || *p == '_' || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
            (*p >= 'A' && *p <= 'Z'))
            continue;
        return false;
    }
    return true;
}

/* index of name, or of where it would be inserted (found tells which) */
static size_t find_slot(const VarStore *vars, const char *name, bool *found)
{
    size_t lo = 0, hi = vars->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(vars->items[mid].name, name);
        if (cmp == 0) {
            *found = true;
            return mid;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

static Variable *insert_at(VarStore *vars, size_t slot, const char *name)
{
    if (vars->count == vars->cap) {
        vars->cap = vars->cap ? vars->cap * 2 : 64;
        vars->items = xrealloc(vars->items, vars->cap * sizeof(Variable));
    }
    memmove(&vars->items[slot + 1], &vars->items[slot], (vars->count - slot) * sizeof(Variable));
    vars->count++;
    Variable *v = &vars->items[slot];
    memset(v, 0, sizeof(*v));
    v->name = xstrdup(name);
    return v;
}

static void remove_at(VarStore *vars, size_t slot)
{
    free(vars->items[slot].name);
    free(vars->items[slot].value);
    memmove(&vars->items[slot], &vars->items[slot + 1], (vars->count - slot - 1) * sizeof(Variable));
    vars->count--;
}

const char *vars_get(const VarStore *vars, const char *name)
{
    bool found;
    size_t slot = find_slot(vars, name, &found);
    return found ? vars->items[slot].value : NULL;
}

bool vars_set(VarStore *vars, const char *name, const char *value)
{
    if (!vars_valid_name(name)) {
        if (!value)
            return true;
        log_error("invalid variable name: \"%s\"", name);
        return false;
    }
    bool found;
    size_t slot = find_slot(vars, name, &found);
    if (!found) {
        if (value)
            insert_at(vars, slot, name)->value = xstrdup(value);
        return true;
    }
    Variable *v = &vars->items[slot];
    char *newval = value ? xstrdup(value) : NULL;
    if (v->substitute)
        newval = v->substitute(newval);
    if (v->assign && !v->assign(vars->hook_ctx, v->name, newval)) {
        free(newval);
        return false;
    }
    free(v->value);
    v->value = newval;
    if (!newval && !v->substitute && !v->assign)
        remove_at(vars, slot);
    return true;
}

bool vars_set_bool(VarStore *vars, const char *name, bool value)
{
    return vars_set(vars, name, value ? "on" : "off");
}

bool vars_delete(VarStore *vars, const char *name)
{
    return vars_set(vars, name, NULL);
}

void vars_set_hooks(VarStore *vars, const char *name, VarSubstituteHook subst, VarAssignHook assign)
{
    bool found;
    size_t slot = find_slot(vars, name, &found);
    Variable *v = found ? &vars->items[slot] : insert_at(vars, slot, name);
    v->substitute = subst;
    v->assign = assign;
    if (subst)
        v->value = subst(v->value);
    if (assign)
        assign(vars->hook_ctx, v->name, v->value);
}

bool vars_has_hooks(const VarStore *vars, const char *name)
{
    bool found;
    size_t slot = find_slot(vars, name, &found);
    return found && (vars->items[slot].substitute || vars->items[slot].assign);
}

void vars_print(const VarStore *vars, FILE *out)
{
    for (size_t i = 0; i < vars->count; i++)
        if (vars->items[i].value)
            fprintf(out, "%s = '%s'\n", vars->items[i].name, vars->items[i].value);
}

const char *vars_name_at(const VarStore *vars, size_t index, const char **value)
{
    if (index >= vars->count)
        return NULL;
    if (value)
        *value = vars->items[index].value;
    return vars->items[index].name;
}

bool parse_bool_value(const char *value, const char *name, bool *result)
{
    if (!value)
        value = "";
    size_t len = strlen(value);
    bool ok = true, b = false;
    if (len > 0 && strncasecmp(value, "true", len) == 0)
        b = true;
    else if (len > 0 && strncasecmp(value, "false", len) == 0)
        b = false;
    else if (len > 0 && strncasecmp(value, "yes", len) == 0)
        b = true;
    else if (len > 0 && strncasecmp(value, "no", len) == 0)
        b = false;
    /* "o" alone is ambiguous between on and off */
    else if (strncasecmp(value, "on", len > 2 ? len : 2) == 0)
        b = true;
    else if (strncasecmp(value, "off", len > 2 ? len : 2) == 0)
        b = false;
    else if (strcasecmp(value, "1") == 0)
        b = true;
    else if (strcasecmp(value, "0") == 0)
        b = false;
    else
        ok = false;
    if (ok) {
        if (result)
            *result = b;
    } else if (name) {
        log_error("unrecognized value \"%s\" for \"%s\": Boolean expected", value, name);
    }
    return ok;
}

bool parse_int_value(const char *value, const char *name, int *result)
{
    const char *s = value ? value : "";
    char *end;
    errno = 0;
    long n = strtol(s, &end, 0);
    if (end != s && *end == '\0' && errno == 0 && n >= INT_MIN && n <= INT_MAX) {
        if (result)
            *result = (int)n;
        return true;
    }
    if (name)
        log_error("invalid value \"%s\" for \"%s\": integer expected", s, name);
    return false;
}

void report_enum_error(const char *name, const char *value, const char *suggestions)
{
    log_error("unrecognized value \"%s\" for \"%s\"\nAvailable values are: %s.", value ? value : "", name,
              suggestions);
}
