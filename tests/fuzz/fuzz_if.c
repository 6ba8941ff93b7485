/*
 * \if, \elif, \else, \endif: the conditional stack (src/sql/conditional.c), the
 * boolean expressions (parse_bool_value), the skipping of inactive branches and the
 * query-buffer and parenthesis state they restore, through the real command
 * dispatcher (meta_run) on a session without a connection, as the main loop drives it.
 *
 * Input: one flag byte (client encoding, standard strings, -S), then lines separated
 * by '\n', scanned like a script.  Only backslash commands that stay inside the
 * process run for real: \if \elif \else \endif \set \unset \echo \qecho \warn \pset
 * and the print toggles.  Any other one (\! \o \w \cd \i \copy \q ...) is read and
 * dropped without running.  Backticks never run.
 *
 * Calls: session_create, session_destroy, session_variable_for_scanner, cond_create,
 * cond_active, cond_empty, cond_destroy, meta_run, parse_bool_value, parse_int_value,
 * scanner_* (as fuzz_scanner); peeks at the scanner's input (sql/scanner_int.h) to
 * read a command's name before deciding to run it.
 */
#include "fuzz_common.h"
#include "fuzz_session_scan.h"

#include "meta/commands.h"
#include "session/session.h"
#include "sql/conditional.h"
#include "sql/scanner_int.h"
#include "util/strbuf.h"

static const char *const allowed[] = {"if", "elif", "else", "endif", "set", "unset", "echo", "qecho", "warn",
                                      "pset", "a", "t", "x", "f", "C", "H", "T"};

typedef struct IfFuzz {
    Session *s;
    CondStack *cond;
    Scanner *sc;
    StrBuf query;
    StrBuf previous;
    PromptStatus prompt;
} IfFuzz;

/* the name scanner_slash_command is about to read, looked at without moving */
static bool next_command_allowed(const Scanner *sc)
{
    char name[16];
    size_t n = 0;
    for (const InputText *in = sc->input; in && n < sizeof(name); in = in->below) {
        size_t pos = in->pos;
        while (pos < in->len && n < sizeof(name)) {
            char c = in->text[pos++];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\\')
                goto done;
            name[n++] = c;
        }
    }
done:
    if (n == sizeof(name))
        return false;
    name[n] = '\0';
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
        if (strcmp(name, allowed[i]) == 0)
            return true;
    return false;
}

static void drop_command(Scanner *sc)
{
    free(scanner_slash_command(sc));
    char *arg;
    while ((arg = scanner_slash_option(sc, OT_WHOLE_LINE, NULL, false)) != NULL)
        free(arg);
    scanner_slash_command_end(sc);
}

/* what the main loop does with a finished statement: nothing is sent without a connection */
static void statement_end(IfFuzz *f)
{
    if (!cond_active(f->cond))
        return;
    StrBuf tmp = f->previous;
    f->previous = f->query;
    f->query = tmp;
    sb_reset(&f->query);
}

static void run_line(IfFuzz *f, const char *line, bool std_strings)
{
    size_t added_newline_at = (size_t)-1;
    if (f->query.len > 0) {
        sb_append_char(&f->query, '\n');
        added_newline_at = f->query.len;
    }
    scanner_setup(f->sc, line, strlen(line), f->s->encoding, std_strings);
    for (;;) {
        ScanResult r = scanner_scan(f->sc, &f->query, &f->prompt);
        if (r == SCAN_SEMICOLON || (r == SCAN_EOL && f->s->singleline)) {
            statement_end(f);
        } else if (r == SCAN_BACKSLASH) {
            if (added_newline_at != (size_t)-1 && f->query.len == added_newline_at)
                sb_truncate(&f->query, f->query.len - 1);
            added_newline_at = (size_t)-1;
            if (!next_command_allowed(f->sc)) {
                drop_command(f->sc);
                continue;
            }
            MetaResult m = meta_run(f->s, f->sc, f->cond, &f->query, &f->previous);
            if (m == META_SEND) {
                statement_end(f);
                scanner_reset(f->sc);
            }
        }
        if (r == SCAN_INCOMPLETE || r == SCAN_EOL)
            break;
    }
    scanner_finish(f->sc);
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
    IfFuzz f = {session_create(), cond_create(), NULL, STRBUF_INIT, STRBUF_INIT, PROMPT_READY};
    f.s->encoding = fuzz_encoding(flags & 15);
    f.s->popt.encoding = f.s->encoding;
    f.s->singleline = flags & 0x20;
    f.s->cond = f.cond;
    f.s->current_query = &f.query;
    FuzzSessionScan vars = {f.s, f.cond};
    ScanCallbacks cb = {fuzz_session_variable, fuzz_never_run_backticks, &vars};
    f.sc = scanner_create(&cb);
    while (in.n > 0) {
        char *line = fuzz_until(&in, '\n');
        bool value;
        int number;
        /* the value parsers on their own, for the lines that are not commands */
        if (line[0] != '\\') {
            (void)parse_bool_value(line, "\\if expression", &value);
            (void)parse_int_value(line, "FETCH_COUNT", &number);
        }
        run_line(&f, line, flags & 0x10);
        free(line);
    }
    (void)cond_empty(f.cond);
    scanner_destroy(f.sc);
    f.s->cond = NULL;
    f.s->current_query = NULL;
    cond_destroy(f.cond);
    sb_free(&f.query);
    sb_free(&f.previous);
    session_destroy(f.s);
    return 0;
}
