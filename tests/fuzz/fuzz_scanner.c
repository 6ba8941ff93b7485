/*
 * The SQL scanner (src/sql/scanner.c), fed line by line as the main loop feeds it, with
 * :variable interpolation, and the backslash commands it stops at read with every kind
 * of argument (src/sql/slash_scan.c).
 *
 * Input: one flag byte (standard_conforming_strings, client encoding, whether a line
 * end sends the statement as with -S), then lines separated by '\n'.  A line starting
 * with byte 0x01 is not scanned: "\x01name=value" defines a variable.  A few variables
 * exist from the start, among them values that open quotes and comments, that hold
 * backslash commands and that refer to themselves.
 *
 * Backticks are never run: the callback that asks whether they may run says no.
 *
 * Calls: scanner_create, scanner_setup, scanner_scan, scanner_slash_command,
 * scanner_slash_option, scanner_slash_command_end, scanner_reset, scanner_finish,
 * scanner_in_quote, scanner_paren_depth, scanner_set_paren_depth, scanner_destroy.
 */
#include "fuzz_common.h"

#include "sql/scanner.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { MAX_VARS = 16 };

typedef struct FuzzVars {
    char *names[MAX_VARS];
    char *values[MAX_VARS];
    int n;
} FuzzVars;

static const char *const preset[][2] = {
    {"foo", "bar"},         {"q", "'"},          {"dq", "\""},            {"semi", "select 1; select 2"},
    {"cmd", "\\echo hi"},   {"self", ":self"},   {"loop", "x :loop y"},  {"open", "/* ("},
    {"dollar", "$a$ body"}, {"empty", ""},       {"nested", ":foo :'q'"}, {"tick", "`echo x`"},
};

static void vars_add(FuzzVars *v, const char *name, const char *value)
{
    for (int i = 0; i < v->n; i++) {
        if (strcmp(v->names[i], name) == 0) {
            free(v->values[i]);
            v->values[i] = xstrdup(value);
            return;
        }
    }
    if (v->n == MAX_VARS)
        return;
    v->names[v->n] = xstrdup(name);
    v->values[v->n++] = xstrdup(value);
}

static void vars_clear(FuzzVars *v)
{
    for (int i = 0; i < v->n; i++) {
        free(v->names[i]);
        free(v->values[i]);
    }
    v->n = 0;
}

/* quoted the way libpq and the shell would, without a connection */
static char *quoted(const char *value, char quote, const char *doubled)
{
    StrBuf sb = STRBUF_INIT;
    sb_append_char(&sb, quote);
    for (const char *p = value; *p; p++) {
        if (*p == quote)
            sb_append(&sb, doubled);
        else
            sb_append_char(&sb, *p);
    }
    sb_append_char(&sb, quote);
    return sb_steal(&sb);
}

static char *get_variable(void *ctx, const char *name, VarQuoting quoting)
{
    FuzzVars *v = ctx;
    for (int i = 0; i < v->n; i++) {
        if (strcmp(v->names[i], name) != 0)
            continue;
        switch (quoting) {
        case QUOTE_PLAIN: return xstrdup(v->values[i]);
        case QUOTE_SQL_LITERAL: return quoted(v->values[i], '\'', "''");
        case QUOTE_SQL_IDENT: return quoted(v->values[i], '"', "\"\"");
        case QUOTE_SHELL_ARG: return quoted(v->values[i], '\'', "'\\''");
        }
    }
    return NULL;
}

static bool never_run_backticks(void *ctx)
{
    (void)ctx;
    return false;
}

/* reads a backslash command's arguments the way the command's family would */
static void read_slash_command(Scanner *sc)
{
    char *name = scanner_slash_command(sc);
    unsigned char pick = (unsigned char)(name[0] ? name[0] + strlen(name) : 0);
    SlashOptType type = (SlashOptType)(pick % 5);
    bool strip = (pick / 5) % 2;
    char quote;
    char *arg;
    int count = 0;
    while ((arg = scanner_slash_option(sc, type, &quote, strip)) != NULL) {
        free(arg);
        /* an argument may come back empty but quoted (''): never loop forever on one */
        if (++count > 10000)
            break;
        if (type == OT_WHOLE_LINE)
            type = OT_NORMAL;
    }
    scanner_slash_command_end(sc);
    free(name);
}

static void scan_line(Scanner *sc, const char *line, int encoding, bool std_strings, bool singleline, StrBuf *query,
                      PromptStatus *prompt)
{
    if (query->len > 0)
        sb_append_char(query, '\n');
    scanner_setup(sc, line, strlen(line), encoding, std_strings);
    for (;;) {
        ScanResult r = scanner_scan(sc, query, prompt);
        if (r == SCAN_SEMICOLON || (r == SCAN_EOL && singleline)) {
            sb_reset(query);
        } else if (r == SCAN_BACKSLASH) {
            int depth = scanner_paren_depth(sc);
            read_slash_command(sc);
            scanner_set_paren_depth(sc, depth);
        }
        if (r == SCAN_INCOMPLETE || r == SCAN_EOL)
            break;
    }
    scanner_finish(sc);
    (void)scanner_in_quote(sc);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzIn in = {data, size};
    uint8_t flags = fuzz_byte(&in);
    bool std_strings = flags & 1;
    int encoding = fuzz_encoding((uint8_t)(flags >> 1) & 15);
    bool singleline = flags & 0x20;
    bool reset_each_line = flags & 0x40;

    FuzzVars vars = {{0}, {0}, 0};
    for (size_t i = 0; i < sizeof(preset) / sizeof(preset[0]); i++)
        vars_add(&vars, preset[i][0], preset[i][1]);
    ScanCallbacks cb = {get_variable, never_run_backticks, &vars};
    Scanner *sc = scanner_create(&cb);
    StrBuf query = STRBUF_INIT;
    PromptStatus prompt = PROMPT_READY;
    while (in.n > 0) {
        char *line = fuzz_until(&in, '\n');
        if (line[0] == '\x01') {
            char *eq = strchr(line + 1, '=');
            if (eq) {
                *eq = '\0';
                vars_add(&vars, line + 1, eq + 1);
            }
        } else {
            scan_line(sc, line, encoding, std_strings, singleline, &query, &prompt);
            if (reset_each_line && !scanner_in_quote(sc))
                scanner_reset(sc);
        }
        free(line);
    }
    scanner_destroy(sc);
    sb_free(&query);
    vars_clear(&vars);
    return 0;
}
