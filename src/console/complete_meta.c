/*
 * Completion of backslash commands: their names, the rules for their arguments
 * (the last part of the chain, see complete_sql.c), :variable references and
 * psql variables, and file names quoted as the command reading them wants.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "console/complete_int.h"
#include "meta/commands.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- command names ---- */

/* psql 15's list: the short spellings (\q, \r, \o, ...) are not offered, as in psql */
static const char *const psql_commands[] = {
    "a", "connect", "conninfo", "C", "cd", "copy", "copyright", "crosstabview",
    "d", "da", "dA", "dAc", "dAf", "dAo", "dAp", "db", "dc", "dconfig", "dC", "dd", "ddp", "dD",
    "des", "det", "deu", "dew", "dE", "df", "dF", "dFd", "dFp", "dFt", "dg", "di", "dl", "dL",
    "dm", "dn", "do", "dO", "dp", "dP", "dPi", "dPt", "drds", "dRs", "dRp", "ds", "dt", "dT",
    "dv", "du", "dx", "dX", "dy", "echo", "edit", "ef", "elif", "else", "encoding", "endif",
    "errverbose", "ev", "f", "g", "gdesc", "getenv", "gexec", "gset", "gx", "help", "html", "if",
    "include", "include_relative", "ir", "list", "lo_import", "lo_export", "lo_list", "lo_unlink",
    "out", "password", "print", "prompt", "pset", "qecho", "quit", "reset", "restrict", "s", "set",
    "setenv", "sf", "sv", "t", "T", "timing", "unrestrict", "unset", "x", "warn", "watch", "write",
    "z", "!", "?",
};

/* pgconsole's own: the database dashboard */
static const char *const dashboard_commands[] = {
    "backups", "dbinfo", "feature", "pitr", "plan", "queries", "stats", "upgrade", "users",
};

#define N_PSQL (sizeof psql_commands / sizeof psql_commands[0])
#define N_DASHBOARD (sizeof dashboard_commands / sizeof dashboard_commands[0])

void complete_backslash_names(CompCtx *c)
{
    const char *names[N_PSQL + N_DASHBOARD];
    size_t n = 0;
    for (size_t i = 0; i < N_PSQL + N_DASHBOARD; i++) {
        const char *name = i < N_PSQL ? psql_commands[i] : dashboard_commands[i - N_PSQL];
        if (meta_lookup(name))
            names[n++] = name;
    }
    ctx_keep_prefix(c, 1);      /* the backslash */
    cand_names(c, names, n, NULL);
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

void complete_variables(CompCtx *c, bool with_value_only)
{
    variable_names(c, with_value_only, NULL);
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

/* ---- file names ---- */

/* the file name an argument stands for: a leading quote opens a literal ('' and escapes inside) */
static char *dequote_file(const char *text, char escape)
{
    if (text[0] != '\'')
        return xstrdup(text);
    StrBuf sb = STRBUF_INIT;
    for (const char *p = text + 1; *p; p++) {
        if (escape && *p == escape && p[1]) {
            p++;
        } else if (*p == '\'' && p[1] == '\'') {
            p++;
        } else if (*p == '\'') {
            break;
        }
        sb_append_char(&sb, *p);
    }
    return sb_steal(&sb);
}

/*
 * psql's rule: quoted with ' when asked, or when the name holds a quote, the
 * escape character, whitespace, '"' or '`'.  A directory stays open ('dir/) so
 * that completing inside it goes on.
 */
static char *quote_file(const char *path, bool is_dir, char escape, bool force, bool *nospace)
{
    bool need = force;
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, '\'');
    for (const char *p = path; *p; p++) {
        if (*p == '\'' || (escape && *p == escape)) {
            need = true;
            sb_append_char(&sb, *p);
        } else if (strchr(" \t\r\n\"`", *p)) {
            need = true;
        }
        sb_append_char(&sb, *p);
    }
    *nospace = is_dir;
    if (!need) {
        sb_free(&sb);
        return is_dir ? xasprintf("%s/", path) : xstrdup(path);
    }
    sb_append_char(&sb, is_dir ? '/' : '\'');
    return sb_steal(&sb);
}

static bool skipped_entry(const char *name, const char *base)
{
    /* "." and ".." only when asked for by name; other hidden files are offered, as readline does */
    bool dots = strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
    return (dots && !*base) || strncmp(name, base, strlen(base)) != 0;
}

/* how many leading bytes two names share */
static size_t common_length(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && a[n] == b[n])
        n++;
    return n;
}

static void add_directory_entries(CompCtx *c, const char *shown_dir, const char *base, char escape,
                                  bool force_quote)
{
    char *first = NULL;
    size_t common = 0, found = 0;
    char *dir = path_expand_tilde(*shown_dir ? shown_dir : ".");
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (skipped_entry(e->d_name, base))
            continue;
        char *full = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        bool is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
        free(full);
        char *shown = xasprintf("%s%s", shown_dir, e->d_name);
        bool nospace;
        char *quoted = quote_file(shown, is_dir, escape, force_quote, &nospace);
        cand_add_owned(c, quoted, nospace);
        if (found++ == 0) {
            first = xstrdup(shown);
            common = strlen(shown);
        } else if (common_length(first, shown) < common) {
            common = common_length(first, shown);
        }
        free(shown);
    }
    closedir(d);
    free(dir);
    free(first);
    /*
     * Readline inserts what the names have in common, quoted: when that is
     * nothing, psql inserts nothing, not a lone opening quote.
     */
    if (found > 1 && common == 0)
        c->keep_typed = true;
}

void complete_files(CompCtx *c, char escape, bool force_quote)
{
    char *path = dequote_file(c->text, escape);
    /* the user's own quote is never taken away */
    force_quote = force_quote || c->text[0] == '\'';
    if (path[0] == '~' && !strchr(path, '/')) {
        /* "~" alone: its directory; other users' homes are not listed */
        if (path[1] == '\0')
            cand_add(c, force_quote ? "'~/" : "~/", true);
        free(path);
        return;
    }
    const char *slash = strrchr(path, '/');
    char *shown_dir = slash ? xstrndup(path, (size_t)(slash - path + 1)) : xstrdup("");
    add_directory_entries(c, shown_dir, slash ? slash + 1 : path, escape, force_quote);
    free(shown_dir);
    free(path);
}

bool complete_is_connection_string(const char *word)
{
    return strncmp(word, "postgresql://", 13) == 0 || strncmp(word, "postgres://", 11) == 0 ||
           strchr(word, '=') != NULL;
}

/* ---- the rules for arguments, at the end of the chain ---- */

#define HELP2(pair, words) KW("$c \\h|\\help * * && $ " pair, words)
#define HELP3(triple, words) KW("$c \\h|\\help * * * && $ " triple, words)
#define SET_VALUES(names, values) CS("$c \\set * && $c " names, values)
#define PSET_VALUES(names, values) CS("$c \\pset * && $c " names, values)

static const Rule rules[] = {
    CS("$c \\?", "commands|options|variables"),
    DO("$c \\connect|\\c", ACT_CONNECT_DATABASE, 0),
    DO("$c \\connect|\\c *", ACT_CONNECT_USER, 0),
    OBJ("$c \\da*", CAT_AGGREGATES, NULL),
    OBJ("$c \\dAc* * || $c \\dAf* *", CAT_DATATYPES, NULL),
    OBJ("$c \\dAo* * || $c \\dAp* *", CAT_OPERATOR_FAMILIES, NULL),
    OBJ("$c \\dA*", CAT_ACCESS_METHODS, NULL),
    OBJ("$c \\db*", CAT_TABLESPACES, NULL),
    OBJ("$c \\dconfig*", CAT_SHOW_VARS, NULL),
    OBJ("$c \\dD*", CAT_DOMAINS, NULL),
    OBJ("$c \\des*", CAT_SERVERS, NULL),
    OBJ("$c \\deu*", CAT_USER_MAPPINGS, NULL),
    OBJ("$c \\dew*", CAT_FDWS, NULL),
    OBJ("$c \\df*", CAT_FUNCTIONS, NULL),
    OBJ("^c \\df*", CAT_DATATYPES, NULL),
    OBJ("$c \\dFd*", CAT_TS_DICTIONARIES, NULL),
    OBJ("$c \\dFp*", CAT_TS_PARSERS, NULL),
    OBJ("$c \\dFt*", CAT_TS_TEMPLATES, NULL),
    OBJ("$c \\dF*", CAT_TS_CONFIGURATIONS, NULL),
    OBJ("$c \\di*", CAT_INDEXES, NULL),
    OBJ("$c \\dL*", CAT_LANGUAGES, NULL),
    OBJ("$c \\dn*", CAT_SCHEMAS, NULL),
    OBJ("^c \\do* *", CAT_DATATYPES, NULL),     /* operators are not completed, their types are */
    OBJ("$c \\dp || $c \\z", CAT_SELECTABLES, NULL),
    OBJ("$c \\dPi*", CAT_PARTITIONED_INDEXES, NULL),
    OBJ("$c \\dPt*", CAT_PARTITIONED_TABLES, NULL),
    OBJ("$c \\dP*", CAT_PARTITIONED_RELATIONS, NULL),
    OBJ("$c \\ds*", CAT_SEQUENCES, NULL),
    OBJ("$c \\dt*", CAT_TABLES, NULL),
    OBJ("$c \\dT*", CAT_DATATYPES, NULL),
    OBJ("$c \\du* || $c \\dg*", CAT_ROLES, NULL),
    OBJ("$c \\dv*", CAT_VIEWS, NULL),
    OBJ("$c \\dx*", CAT_EXTENSIONS, NULL),
    OBJ("$c \\dX*", CAT_STATISTICS, NULL),
    OBJ("$c \\dm*", CAT_MATVIEWS, NULL),
    OBJ("$c \\dE*", CAT_FOREIGN_TABLES, NULL),
    OBJ("$c \\dy*", CAT_EVENT_TRIGGERS, NULL),
    OBJ("$c \\d*", CAT_RELATIONS, NULL),
    OBJ("$c \\ef", CAT_ROUTINES, NULL),
    OBJ("$c \\ev", CAT_VIEWS, NULL),
    OBJ("$c \\encoding", CAT_ENCODINGS, NULL),

    /* \help: CREATE ... is found at the start of the chain */
    DO("$c \\h|\\help", ACT_SQL_COMMANDS, 0),
    DO("$c \\h|\\help * && $ DROP", ACT_DROPPABLE, 0),
    DO("$c \\h|\\help * && $ ALTER", ACT_ALTERABLE, 0),
    NOTHING("$c \\h|\\help *"),
    HELP2("CREATE|DROP ACCESS", "METHOD"),
    HELP2("ALTER DEFAULT", "PRIVILEGES"),
    HELP2("CREATE|ALTER|DROP EVENT", "TRIGGER"),
    HELP2("CREATE|ALTER|DROP FOREIGN", "DATA WRAPPER|TABLE"),
    HELP2("ALTER LARGE", "OBJECT"),
    HELP2("CREATE|ALTER|DROP MATERIALIZED", "VIEW"),
    HELP2("CREATE|ALTER|DROP TEXT", "SEARCH"),
    HELP2("CREATE|ALTER|DROP USER", "MAPPING FOR"),
    NOTHING("$c \\h|\\help * *"),
    HELP3("CREATE|ALTER|DROP FOREIGN DATA", "WRAPPER"),
    HELP3("CREATE|ALTER|DROP TEXT SEARCH", "CONFIGURATION|DICTIONARY|PARSER|TEMPLATE"),
    HELP3("CREATE|ALTER|DROP USER MAPPING", "FOR"),
    NOTHING("$c \\h|\\help * * *"),

    OBJ("$c \\l* && !$c \\lo*", CAT_DATABASES, NULL),
    OBJ("$c \\password", CAT_ROLES, NULL),
    CS("$c \\pset",
       "border|columns|csv_fieldsep|expanded|fieldsep|fieldsep_zero|footer|format|linestyle|null|"
       "numericlocale|pager|pager_min_lines|recordsep|recordsep_zero|tableattr|title|tuples_only|"
       "unicode_border_linestyle|unicode_column_linestyle|unicode_header_linestyle"),
    PSET_VALUES("format", "aligned|asciidoc|csv|html|json|latex|latex-longtable|troff-ms|unaligned|wrapped"),
    PSET_VALUES("linestyle", "ascii|old-ascii|unicode"),
    PSET_VALUES("pager", "on|off|always"),
    PSET_VALUES("unicode_border_linestyle|unicode_column_linestyle|unicode_header_linestyle", "single|double"),
    NOTHING("$c \\pset *"),
    DO("$c \\unset", ACT_SET_VARIABLES, 0),
    DO("$c \\set", ACT_VARIABLES, 0),
    SET_VALUES("AUTOCOMMIT|ON_ERROR_STOP|QUIET|SHOW_ALL_RESULTS|SINGLELINE|SINGLESTEP", "on|off"),
    SET_VALUES("COMP_KEYWORD_CASE", "lower|upper|preserve-lower|preserve-upper"),
    SET_VALUES("ECHO", "errors|queries|all|none"),
    SET_VALUES("ECHO_HIDDEN", "noexec|off|on"),
    SET_VALUES("HISTCONTROL", "ignorespace|ignoredups|ignoreboth|none"),
    SET_VALUES("ON_ERROR_ROLLBACK", "on|off|interactive"),
    SET_VALUES("SHOW_CONTEXT", "never|errors|always"),
    SET_VALUES("VERBOSITY", "default|verbose|terse|sqlstate"),
    NOTHING("$c \\set *"),
    OBJ("$c \\sf*", CAT_ROUTINES, NULL),
    OBJ("$c \\sv*", CAT_VIEWS, NULL),
    DO("$c \\cd|\\e|\\edit|\\g|\\gx|\\i|\\include|\\ir|\\include_relative|\\o|\\out|\\s|\\w|\\write|"
       "\\lo_import", ACT_FILES, 0),
    /* the database dashboard's sub-commands */
    CS("$c \\dbinfo", "help"),
    CS("$c \\feature", "force-tls|help|internet"),
    CS("$c \\feature force-tls|internet", "off|on"),
    CS("$c \\stats", "bloat|blocking|cache|diagnose|help|indexes|locks|outliers|tables|vacuum"),
    CS("$c \\stats indexes", "duplicate|unused|usage"),
    CS("$c \\stats outliers", "enable|reset"),
    CS("$c \\queries", "all|cancel|help|terminate"),
    CS("$c \\users", "create|delete|help|password|reset"),
    OBJ("$c \\users password|reset|delete", CAT_ROLES, NULL),
    CS("$c \\backups", "create|download|help|schedule"),
    CS("$c \\pitr", "help|restore"),
    CS("$c \\plan", "change|help"),
    CS("$c \\upgrade", "help|start"),
};

const RuleTable complete_rules_meta = {rules, sizeof rules / sizeof rules[0]};
