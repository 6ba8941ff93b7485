/*
 * psql's special variables: each has a hook that checks a new value and copies it
 * into the session, and most have a default that \unset restores.
 */
#include "session/settings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

static char *replace(char *old, const char *with)
{
    free(old);
    return xstrdup(with);
}

/* \unset FOO means off, a bare \set FOO means on */
static char *bool_substitute(char *v)
{
    if (v == NULL)
        return xstrdup("off");
    if (v[0] == '\0')
        return replace(v, "on");
    return v;
}

static char *fetch_count_substitute(char *v)
{
    return v ? v : xstrdup("0");
}

static char *histsize_substitute(char *v)
{
    return v ? v : xstrdup("500");
}

static char *ignoreeof_substitute(char *v)
{
    /* like bash: unset means 0, an invalid number means 10 */
    if (v == NULL)
        return xstrdup("0");
    if (!parse_int_value(v, NULL, NULL))
        return replace(v, "10");
    return v;
}

static char *echo_substitute(char *v)
{
    return v ? v : xstrdup("none");
}

static char *comp_case_substitute(char *v)
{
    return v ? v : xstrdup("preserve-upper");
}

static char *histcontrol_substitute(char *v)
{
    return v ? v : xstrdup("none");
}

static char *verbosity_substitute(char *v)
{
    return v ? v : xstrdup("default");
}

static char *show_context_substitute(char *v)
{
    return v ? v : xstrdup("errors");
}

/* the session field that a boolean special variable sets */
static bool *bool_field(Session *s, const char *name)
{
    static const struct {
        const char *name;
        size_t offset;
    } fields[] = {
        {"AUTOCOMMIT", offsetof(Session, autocommit)},
        {"ON_ERROR_STOP", offsetof(Session, on_error_stop)},
        {"QUIET", offsetof(Session, quiet)},
        {"SINGLELINE", offsetof(Session, singleline)},
        {"SINGLESTEP", offsetof(Session, singlestep)},
        {"HIDE_TOAST_COMPRESSION", offsetof(Session, hide_compression)},
        {"HIDE_TABLEAM", offsetof(Session, hide_tableam)},
        {"SHOW_ALL_RESULTS", offsetof(Session, show_all_results)},
    };
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (strcmp(fields[i].name, name) == 0)
            return (bool *)((char *)s + fields[i].offset);
    return NULL;
}

static bool bool_hook(void *ctx, const char *name, const char *v)
{
    return parse_bool_value(v, name, bool_field(ctx, name));
}

static bool int_hook(void *ctx, const char *name, const char *v)
{
    Session *s = ctx;
    int *field = strcmp(name, "FETCH_COUNT") == 0 ? &s->fetch_count
               : strcmp(name, "HISTSIZE") == 0    ? &s->histsize
                                                  : &s->ignoreeof;
    return parse_int_value(v, name, field);
}

/* looks value up in a NULL-terminated list of names; returns its index or -1 */
static int enum_index(const char *value, const char *const *names)
{
    for (int i = 0; value && names[i]; i++)
        if (strcasecmp(value, names[i]) == 0)
            return i;
    return -1;
}

static bool enum_hook(void *ctx, const char *name, const char *v)
{
    static const char *const echo[] = {"none", "errors", "queries", "all", NULL};
    static const char *const comp[] = {"lower", "upper", "preserve-lower", "preserve-upper", NULL};
    static const char *const hist[] = {"none", "ignorespace", "ignoredups", "ignoreboth", NULL};
    static const char *const verb[] = {"default", "verbose", "terse", "sqlstate", NULL};
    static const char *const ctxv[] = {"never", "errors", "always", NULL};
    Session *s = ctx;
    int i;
    if (strcmp(name, "ECHO") == 0) {
        if ((i = enum_index(v, echo)) < 0)
            goto bad;
        s->echo = (EchoMode)i;
    } else if (strcmp(name, "COMP_KEYWORD_CASE") == 0) {
        if ((i = enum_index(v, comp)) < 0)
            goto bad;
        s->comp_case = (CompCase)i;
    } else if (strcmp(name, "HISTCONTROL") == 0) {
        if ((i = enum_index(v, hist)) < 0)
            goto bad;
        s->histcontrol = (HistControl)i;
    } else if (strcmp(name, "VERBOSITY") == 0) {
        if ((i = enum_index(v, verb)) < 0)
            goto bad;
        static const PGVerbosity map[] = {PQERRORS_DEFAULT, PQERRORS_VERBOSE, PQERRORS_TERSE, PQERRORS_SQLSTATE};
        s->verbosity = map[i];
        if (s->db)
            PQsetErrorVerbosity(s->db, s->verbosity);
    } else {
        if ((i = enum_index(v, ctxv)) < 0)
            goto bad;
        static const PGContextVisibility map[] = {PQSHOW_CONTEXT_NEVER, PQSHOW_CONTEXT_ERRORS, PQSHOW_CONTEXT_ALWAYS};
        s->show_context = map[i];
        if (s->db)
            PQsetErrorContextVisibility(s->db, s->show_context);
    }
    return true;
bad:
    report_enum_error(name, v,
                      strcmp(name, "ECHO") == 0                ? "none, errors, queries, all"
                      : strcmp(name, "COMP_KEYWORD_CASE") == 0 ? "lower, upper, preserve-lower, preserve-upper"
                      : strcmp(name, "HISTCONTROL") == 0       ? "none, ignorespace, ignoredups, ignoreboth"
                      : strcmp(name, "VERBOSITY") == 0         ? "default, verbose, terse, sqlstate"
                                                               : "never, errors, always");
    return false;
}

static bool echo_hidden_hook(void *ctx, const char *name, const char *v)
{
    Session *s = ctx;
    bool on;
    if (v && strcasecmp(v, "noexec") == 0) {
        s->echo_hidden = HIDDEN_NOEXEC;
        return true;
    }
    if (!parse_bool_value(v, NULL, &on)) {
        report_enum_error(name, v, "on, off, noexec");
        return false;
    }
    s->echo_hidden = on ? HIDDEN_ON : HIDDEN_OFF;
    return true;
}

static bool on_error_rollback_hook(void *ctx, const char *name, const char *v)
{
    Session *s = ctx;
    bool on;
    if (v && strcasecmp(v, "interactive") == 0) {
        s->on_error_rollback = ROLLBACK_INTERACTIVE;
        return true;
    }
    if (!parse_bool_value(v, NULL, &on)) {
        report_enum_error(name, v, "on, off, interactive");
        return false;
    }
    s->on_error_rollback = on ? ROLLBACK_ON : ROLLBACK_OFF;
    return true;
}

static bool prompt_hook(void *ctx, const char *name, const char *v)
{
    Session *s = ctx;
    const char *value = v ? v : "";
    if (strcmp(name, "PROMPT1") == 0)
        s->prompt1 = value;
    else if (strcmp(name, "PROMPT2") == 0)
        s->prompt2 = value;
    else
        s->prompt3 = value;
    return true;
}

/* HISTFILE takes any value; the hook makes it a known variable that \unset keeps, as psql does */
static bool accept_any_hook(void *ctx, const char *name, const char *v)
{
    (void)ctx;
    (void)name;
    (void)v;
    return true;
}

void settings_install(Session *s)
{
    static const char *const bools[] = {"AUTOCOMMIT", "ON_ERROR_STOP", "QUIET", "SINGLELINE", "SINGLESTEP",
                                        "SHOW_ALL_RESULTS", "HIDE_TOAST_COMPRESSION", "HIDE_TABLEAM"};
    VarStore *v = s->vars;
    for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
        vars_set_hooks(v, bools[i], bool_substitute, bool_hook);
    vars_set_hooks(v, "FETCH_COUNT", fetch_count_substitute, int_hook);
    vars_set_hooks(v, "HISTSIZE", histsize_substitute, int_hook);
    vars_set_hooks(v, "IGNOREEOF", ignoreeof_substitute, int_hook);
    vars_set_hooks(v, "ECHO", echo_substitute, enum_hook);
    vars_set_hooks(v, "ECHO_HIDDEN", bool_substitute, echo_hidden_hook);
    vars_set_hooks(v, "ON_ERROR_ROLLBACK", bool_substitute, on_error_rollback_hook);
    vars_set_hooks(v, "COMP_KEYWORD_CASE", comp_case_substitute, enum_hook);
    vars_set_hooks(v, "HISTCONTROL", histcontrol_substitute, enum_hook);
    vars_set_hooks(v, "HISTFILE", NULL, accept_any_hook);
    vars_set_hooks(v, "PROMPT1", NULL, prompt_hook);
    vars_set_hooks(v, "PROMPT2", NULL, prompt_hook);
    vars_set_hooks(v, "PROMPT3", NULL, prompt_hook);
    vars_set_hooks(v, "VERBOSITY", verbosity_substitute, enum_hook);
    vars_set_hooks(v, "SHOW_CONTEXT", show_context_substitute, enum_hook);

    vars_set(v, "LAST_ERROR_MESSAGE", "");
    vars_set(v, "LAST_ERROR_SQLSTATE", "00000");
    vars_set_bool(v, "AUTOCOMMIT", true);
    vars_set(v, "PROMPT1", "%/%R%x%# ");
    vars_set(v, "PROMPT2", "%/%R%x%# ");
    vars_set(v, "PROMPT3", ">> ");
    vars_set_bool(v, "SHOW_ALL_RESULTS", true);
}
