/*
 * Completion of backslash commands: their names, their arguments (a table of
 * command patterns and what each argument is), :variable references and file
 * names.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "console/complete_int.h"
#include "meta/commands.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- command names ---- */

/*
 * psql 15's commands.  Those the command tables know only as members of a family
 * (an entry like "d" or "lo_" with prefix set) are offered from this list, and
 * only when meta_lookup() accepts them.
 */
static const char *const psql_commands[] = {
    "a", "C", "cd", "connect", "conninfo", "copy", "copyright", "crosstabview",
    "d", "da", "dA", "dAc", "dAf", "dAo", "dAp", "db", "dc", "dconfig", "dC", "dd", "ddp", "dD",
    "des", "det", "deu", "dew", "dE", "df", "dF", "dFd", "dFp", "dFt", "dg", "di", "dl", "dL",
    "dm", "dn", "do", "dO", "dp", "dP", "dPi", "dPt", "drds", "dRs", "dRp", "ds", "dt", "dT",
    "dv", "du", "dx", "dX", "dy", "echo", "edit", "ef", "elif", "else", "encoding", "endif",
    "errverbose", "ev", "f", "g", "gdesc", "getenv", "gexec", "gset", "gx", "help", "html", "if",
    "include", "include_relative", "ir", "list", "lo_export", "lo_import", "lo_list", "lo_unlink",
    "out", "password", "print", "prompt", "pset", "qecho", "quit", "reset", "s", "set", "setenv",
    "sf", "sv", "t", "T", "timing", "unset", "x", "warn", "watch", "write", "z", "!", "?",
};

static void collect_command(const MetaCommand *cmd, void *arg)
{
    /* "sf+" and the like are spellings of "sf", which psql does not list apart */
    if (!cmd->prefix && !word_ends_with(cmd->name, '+'))
        words_push(arg, cmd->name, strlen(cmd->name));
}

static bool listed(const Words *w, const char *name)
{
    for (int i = 0; i < w->n; i++)
        if (strcmp(w->v[i], name) == 0)
            return true;
    return false;
}

void complete_backslash_names(CompCtx *c)
{
    Words names = {0};
    meta_for_each(collect_command, &names);
    for (size_t i = 0; i < sizeof psql_commands / sizeof psql_commands[0]; i++) {
        const MetaCommand *mc = meta_lookup(psql_commands[i]);
        if (mc && mc->prefix && !listed(&names, psql_commands[i]))
            words_push(&names, psql_commands[i], strlen(psql_commands[i]));
    }
    ctx_keep_prefix(c, 1);      /* the backslash */
    cand_names(c, (const char *const *)names.v, (size_t)names.n, NULL);
    words_free(&names);
}

/* ---- variables ---- */

static void variable_names(CompCtx *c, bool with_value_only, const char *suffix)
{
    Words names = {0};
    const char *name, *value;
    for (size_t i = 0; (name = vars_name_at(c->s->vars, i, &value)) != NULL; i++)
        /* special variables count even when unset: \set offers them */
        if (value || (!with_value_only && vars_has_hooks(c->s->vars, name)))
            words_push(&names, name, strlen(name));
    cand_names(c, (const char *const *)names.v, (size_t)names.n, suffix);
    words_free(&names);
}

void complete_variable_ref(CompCtx *c)
{
    static const struct { const char *open, *close; } forms[] = {
        {":'", "'"}, {":\"", "\""}, {":{?", "}"}, {":", ""},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        size_t n = strlen(forms[i].open);
        if (strncmp(c->text, forms[i].open, n) == 0) {
            ctx_keep_prefix(c, n);
            variable_names(c, true, forms[i].close);
            return;
        }
    }
}

/* ---- values of \set and \pset ---- */

typedef struct NamedValues {
    const char *names;      /* '|'-separated */
    const char *values;
} NamedValues;

static const NamedValues variable_values[] = {
    {"AUTOCOMMIT|ON_ERROR_STOP|QUIET|SHOW_ALL_RESULTS|SINGLELINE|SINGLESTEP|HIDE_TABLEAM|"
     "HIDE_TOAST_COMPRESSION", "on|off"},
    {"COMP_KEYWORD_CASE", "lower|upper|preserve-lower|preserve-upper"},
    {"ECHO", "errors|queries|all|none"},
    {"ECHO_HIDDEN", "noexec|off|on"},
    {"HISTCONTROL", "ignorespace|ignoredups|ignoreboth|none"},
    {"ON_ERROR_ROLLBACK", "on|off|interactive"},
    {"SHOW_CONTEXT", "never|errors|always"},
    {"VERBOSITY", "default|verbose|terse|sqlstate"},
};

static const char pset_options[] =
    "border|columns|csv_fieldsep|expanded|fieldsep|fieldsep_zero|footer|format|linestyle|null|"
    "numericlocale|pager|pager_min_lines|recordsep|recordsep_zero|tableattr|title|tuples_only|"
    "unicode_border_linestyle|unicode_column_linestyle|unicode_header_linestyle";

static const NamedValues pset_values[] = {
    {"format", "aligned|asciidoc|csv|html|json|latex|latex-longtable|troff-ms|unaligned|wrapped"},
    {"linestyle", "ascii|old-ascii|unicode"},
    {"pager", "on|off|always"},
    {"expanded|x", "on|off|auto"},
    {"fieldsep_zero|footer|numericlocale|recordsep_zero|tuples_only|t|timing", "on|off"},
    {"unicode_border_linestyle|unicode_column_linestyle|unicode_header_linestyle", "single|double"},
};

static void named_values(CompCtx *c, const NamedValues *table, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (word_matches(table[i].names, strlen(table[i].names), name, true)) {
            cand_literals(c, table[i].values);
            return;
        }
}

/* ---- file names ---- */

/* strips the quoting a backslash command's argument may have */
static char *dequote_file(const char *text, bool *quoted)
{
    StrBuf sb = STRBUF_INIT;
    *quoted = text[0] == '\'';
    for (const char *p = text + (*quoted ? 1 : 0); *p; p++) {
        if (*quoted && p[0] == '\'' && p[1] == '\'')
            p++;
        else if (*quoted && p[0] == '\'')
            continue;
        sb_append_char(&sb, *p);
    }
    return sb_steal(&sb);
}

static char *quote_file(const char *path, bool is_dir, bool force)
{
    if (!force && !strpbrk(path, " \t\r\n\"`'"))
        return is_dir ? xasprintf("%s/", path) : xstrdup(path);
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '\'');
    for (const char *p = path; *p; p++) {
        if (*p == '\'')
            sb_append_char(&sb, '\'');
        sb_append_char(&sb, *p);
    }
    /* a directory stays open, so that completing inside it goes on */
    sb_append(&sb, is_dir ? "/" : "'");
    return sb_steal(&sb);
}

static void add_directory_entries(CompCtx *c, const char *shown_dir, const char *base, FileMode mode,
                                  bool force_quote)
{
    char *dir = path_expand_tilde(*shown_dir ? shown_dir : ".");
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return;
    }
    size_t blen = strlen(base);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (strncmp(e->d_name, base, blen) != 0 || (e->d_name[0] == '.' && base[0] != '.'))
            continue;
        char *full = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        bool is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
        free(full);
        if (mode == FILES_DIRS && !is_dir)
            continue;
        char *shown = xasprintf("%s%s", shown_dir, e->d_name);
        cand_add_owned(c, quote_file(shown, is_dir, force_quote), is_dir);
        free(shown);
    }
    closedir(d);
    free(dir);
}

void complete_files(CompCtx *c, FileMode mode)
{
    bool quoted;
    char *path = dequote_file(c->text, &quoted);
    if (path[0] == '~' && !strchr(path, '/')) {
        /* "~" alone: its directory; other users' homes are not listed */
        if (path[1] == '\0')
            cand_add(c, "~/", true);
        free(path);
        return;
    }
    const char *slash = strrchr(path, '/');
    char *shown_dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("");
    add_directory_entries(c, shown_dir, slash ? slash + 1 : path, mode, quoted || mode == FILES_SQL);
    free(shown_dir);
    free(path);
}

/* ---- arguments ---- */

enum MetaWhat {
    MW_NONE = CAT_COUNT,
    MW_VARIABLES_ALL,       /* every variable, special ones even when unset */
    MW_VARIABLES_SET,       /* variables that have a value */
    MW_VARIABLE_VALUES,     /* values of the variable named by the first argument */
    MW_PSET_VALUES,         /* values of the \pset option named by the first argument */
    MW_TOGGLE_VALUES,       /* values of the toggle command itself (\x, \t, \timing) */
    MW_FILES,
    MW_DIRS,
    MW_COPY,
    MW_DATABASES,           /* unless a connection string is being typed */
    MW_SQL_COMMANDS,
};

typedef struct MetaRule {
    const char *commands;   /* a pattern word: '|' alternatives, '*' for suffixes like S and + */
    int arg;                /* the argument being completed (0 is the first), -1 any */
    int what;               /* CatKind or MetaWhat */
    const char *words;      /* offered as they are */
} MetaRule;

static const MetaRule meta_rules[] = {
    {"set", 0, MW_VARIABLES_ALL, NULL},
    {"set", 1, MW_VARIABLE_VALUES, NULL},
    {"unset", 0, MW_VARIABLES_SET, NULL},
    {"pset", 0, MW_NONE, pset_options},
    {"pset", 1, MW_PSET_VALUES, NULL},
    {"x|t|timing", 0, MW_TOGGLE_VALUES, NULL},
    {"c|connect", 0, MW_DATABASES, NULL},
    {"c|connect", 1, CAT_ROLES, NULL},
    {"cd", 0, MW_DIRS, NULL},
    {"i|include|ir|include_relative|o|out|w|write|e|edit|g|gx|s|lo_import", 0, MW_FILES, NULL},
    {"lo_export", 1, MW_FILES, NULL},
    {"copy", -1, MW_COPY, NULL},
    {"ef|sf*", 0, CAT_ROUTINES, NULL},
    {"ev|sv*", 0, CAT_VIEWS, NULL},
    {"password", 0, CAT_ROLES, NULL},
    {"encoding", 0, CAT_ENCODINGS, NULL},
    {"h|help", 0, MW_SQL_COMMANDS, NULL},
    {"?", 0, MW_NONE, "commands|options|variables"},
    {"lo_*", -1, MW_NONE, NULL},
    {"dconfig*", 0, CAT_SHOW_VARS, NULL},
    {"da*", 0, CAT_AGGREGATES, NULL},
    {"dA*", 0, CAT_ACCESS_METHODS, NULL},
    {"db*", 0, CAT_TABLESPACES, NULL},
    {"dD*", 0, CAT_DOMAINS, NULL},
    {"des*", 0, CAT_SERVERS, NULL},
    {"dew*", 0, CAT_FDWS, NULL},
    {"df*", 0, CAT_FUNCTIONS, NULL},
    {"df*", -1, CAT_TYPES, NULL},
    {"di*", 0, CAT_INDEXES, NULL},
    {"dL*", 0, CAT_LANGUAGES, NULL},
    {"dn*", 0, CAT_SCHEMAS, NULL},
    {"dp*|z*", 0, CAT_GRANTABLES, NULL},
    {"ds*", 0, CAT_SEQUENCES, NULL},
    {"dt*", 0, CAT_TABLES, NULL},
    {"dT*", 0, CAT_TYPES, NULL},
    {"du*|dg*|drg*", 0, CAT_ROLES, NULL},
    {"dv*", 0, CAT_VIEWS, NULL},
    {"dx*", 0, CAT_EXTENSIONS, NULL},
    {"dX*", 0, CAT_STATISTICS, NULL},
    {"dm*", 0, CAT_MATVIEWS, NULL},
    {"dE*", 0, CAT_FOREIGN_TABLES, NULL},
    {"dy*", 0, CAT_EVENT_TRIGGERS, NULL},
    {"d|d+|dS|dS+|d+S", 0, CAT_RELATIONS, NULL},
    {"l*|list*", 0, CAT_DATABASES, NULL},
};

static bool connection_string(const Words *args)
{
    for (int i = 1; i < args->n; i++)
        if (strcmp(args->v[i], "=") == 0 || strncmp(args->v[i], "postgres://", 11) == 0 ||
            strncmp(args->v[i], "postgresql://", 13) == 0)
            return true;
    return false;
}

/* \copy table [(columns)] from|to file [options] */
static void copy_args(CompCtx *c, const Words *args)
{
    int done = args->n - 1;
    const char *prev = done > 0 ? args->v[args->n - 1] : "";
    if (done == 0) {
        catalog_names(c, CAT_SELECTABLES);
    } else if (word_is(prev, "from") || word_is(prev, "to")) {
        complete_files(c, FILES_META);
        cand_keywords(c, word_is(prev, "from") ? "stdin|pstdin|program" : "stdout|pstdout|program");
    } else if (done == 1 || (done == 2 && args->v[2][0] == '(')) {
        cand_keywords(c, "from|to");
    }
}

static void meta_what(CompCtx *c, int what, const Words *args)
{
    const char *cmd = args->v[0] + 1;
    const char *first = args->n > 1 ? args->v[1] : "";
    switch (what) {
    case MW_NONE: break;
    case MW_VARIABLES_ALL: variable_names(c, false, NULL); break;
    case MW_VARIABLES_SET: variable_names(c, true, NULL); break;
    case MW_VARIABLE_VALUES:
        named_values(c, variable_values, sizeof variable_values / sizeof variable_values[0], first);
        break;
    case MW_PSET_VALUES: named_values(c, pset_values, sizeof pset_values / sizeof pset_values[0], first); break;
    case MW_TOGGLE_VALUES: named_values(c, pset_values, sizeof pset_values / sizeof pset_values[0], cmd); break;
    case MW_FILES: complete_files(c, FILES_META); break;
    case MW_DIRS: complete_files(c, FILES_DIRS); break;
    case MW_COPY: copy_args(c, args); break;
    case MW_DATABASES:
        if (!connection_string(args))
            catalog_names(c, CAT_DATABASES);
        break;
    case MW_SQL_COMMANDS: cand_keywords(c, complete_sql_commands); break;
    default: catalog_names(c, (CatKind)what); break;
    }
}

void complete_meta_args(CompCtx *c, const Words *args)
{
    const char *cmd = args->v[0] + 1;
    int arg = args->n - 1;
    /* after a pipe, \g and \o take a shell command, which is not ours to complete */
    if (arg > 0 && strcmp(args->v[args->n - 1], "|") == 0)
        return;
    for (size_t i = 0; i < sizeof meta_rules / sizeof meta_rules[0]; i++) {
        const MetaRule *r = &meta_rules[i];
        if (!word_matches(r->commands, strlen(r->commands), cmd, true) || (r->arg >= 0 && r->arg != arg))
            continue;
        if (r->words)
            cand_literals(c, r->words);
        meta_what(c, r->what, args);
        return;
    }
}
