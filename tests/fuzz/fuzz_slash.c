/*
 * Backslash-command arguments (src/sql/slash_scan.c): quotes with escapes, backticks,
 * :variables of a real session (with psql's special-variable hooks), pipes and whole
 * lines, read with every argument type; the identifier dequoting of OT_SQLID; and the
 * word splitter of \copy (src/util/tokenize.c) with the parameters \copy uses.
 *
 * Input: one flag byte (client encoding, standard strings), then lines separated by
 * '\n'.  By its first byte a line is
 *   0x01 name=value   \set name value, through the session's hooks
 *   0x02 ...          \copy-style tokens, the splitter's parameters chosen by the next byte
 *   0x03 ...          an identifier to dequote (downcased or not by the next byte)
 *   0x04 / 0x05       enter / leave an inactive \if branch (variables then stay as typed)
 *   anything else     text with backslash commands; "TYPES\x1fTEXT" chooses, byte by
 *                     byte, the type of each argument (else the command name does)
 *
 * Backticks are never run: the callback that asks whether they may run says no.
 *
 * Calls: session_create, session_destroy, vars_set, session_variable_for_scanner,
 * cond_create, cond_push, cond_pop, cond_destroy, scanner_* (as fuzz_scanner),
 * dequote_downcase_identifier, tok_start, tok_next, tok_strip_quotes, tok_end.
 */
#include "fuzz_common.h"
#include "fuzz_session_scan.h"

#include "session/session.h"
#include "sql/conditional.h"
#include "sql/scanner.h"
#include "util/tokenize.h"
#include "util/xalloc.h"

static void read_arguments(Scanner *sc, const char *types, size_t ntypes)
{
    char *name = scanner_slash_command(sc);
    unsigned char fallback = (unsigned char)(name[0] ? name[0] + strlen(name) : 0);
    char *arg;
    char quote;
    for (size_t i = 0; i < 10000; i++) {
        unsigned char t = ntypes ? (unsigned char)types[i % ntypes] : fallback;
        arg = scanner_slash_option(sc, (SlashOptType)(t % 5), &quote, (t / 5) % 2);
        if (!arg)
            break;
        free(arg);
    }
    scanner_slash_command_end(sc);
    free(name);
}

static void slash_line(FuzzSessionScan *f, Scanner *sc, const char *line, int encoding, bool std_strings)
{
    const char *sep = strchr(line, '\x1f');
    const char *types = sep ? line : "";
    size_t ntypes = sep ? (size_t)(sep - line) : 0;
    const char *text = sep ? sep + 1 : line;
    StrBuf query = STRBUF_INIT;
    PromptStatus prompt = PROMPT_READY;
    scanner_setup(sc, text, strlen(text), encoding, std_strings);
    for (;;) {
        ScanResult r = scanner_scan(sc, &query, &prompt);
        if (r == SCAN_BACKSLASH)
            read_arguments(sc, types, ntypes);
        else if (r == SCAN_SEMICOLON)
            sb_reset(&query);
        if (r == SCAN_INCOMPLETE || r == SCAN_EOL)
            break;
    }
    scanner_finish(sc);
    scanner_reset(sc);
    sb_free(&query);
    (void)f;
}

/* the splitter as \copy calls it: its parts before FROM/TO, its file, and the rest */
static void copy_tokens(const char *text, int encoding, uint8_t how)
{
    static const struct {
        const char *whitespace, *delim, *quote;
        char escape;
        bool e_strings;
    } params[] = {
        {" \t\n\r", ".,()", "\"", 0, false},
        {" \t\n\r", "()", "\"'", '\\', true},
        {" \t\n\r", "()", "\"'", 0, true},
        {" \t\n\r", ";", "'", 0, false},
        {"", NULL, NULL, 0, false},
    };
    enum { NPARAMS = sizeof(params) / sizeof(params[0]) };
    Tokenizer *t = tok_start(text, encoding);
    const char *tok;
    unsigned i = how;
    while ((tok = tok_next(t, params[i % NPARAMS].whitespace, params[i % NPARAMS].delim, params[i % NPARAMS].quote,
                           params[i % NPARAMS].escape, params[i % NPARAMS].e_strings, (i / NPARAMS) % 2)) != NULL) {
        if (tok[0] == '\'' || tok[0] == '"') {
            char *copy = xstrdup(tok);
            tok_strip_quotes(copy, tok[0], (i % 3) ? 0 : '\\', encoding);
            free(copy);
        }
        i = i * 7 + 3;
    }
    tok_end(t);
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
    int encoding = fuzz_encoding(flags & 15);
    bool std_strings = flags & 0x10;
    FuzzSessionScan f = {session_create(), cond_create()};
    ScanCallbacks cb = {fuzz_session_variable, fuzz_never_run_backticks, &f};
    Scanner *sc = scanner_create(&cb);
    while (in.n > 0) {
        char *line = fuzz_until(&in, '\n');
        char *eq;
        switch (line[0]) {
        case '\x01':
            eq = strchr(line + 1, '=');
            if (eq)
                *eq = '\0';
            vars_set(f.s->vars, line + 1, eq ? eq + 1 : NULL);
            break;
        case '\x02':
            copy_tokens(line[1] ? line + 2 : line + 1, encoding, (uint8_t)line[1]);
            break;
        case '\x03':
            dequote_downcase_identifier(line[1] ? line + 2 : line + 1, line[1] & 1, encoding);
            break;
        case '\x04':
            cond_push(f.cond, IFSTATE_FALSE);
            break;
        case '\x05':
            cond_pop(f.cond);
            break;
        default:
            slash_line(&f, sc, line, encoding, std_strings);
            break;
        }
        free(line);
    }
    scanner_destroy(sc);
    cond_destroy(f.cond);
    session_destroy(f.s);
    return 0;
}
