/*
 * The SQL scanner, the backslash-argument scanner, the \copy tokenizer and the variable
 * store, against psql 15's documented and observed behaviour.  The expected values were
 * checked by running the same input through /usr/lib/postgresql/15/bin/psql (with -e
 * to see the query text it sends, and \echo to see how arguments are split).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "session/variables.h"
#include "sql/scanner.h"
#include "unit.h"
#include "util/strbuf.h"
#include "util/tokenize.h"
#include "util/xalloc.h"

/* libpq exports pg_char_to_encoding without declaring it in libpq-fe.h */
extern int pg_char_to_encoding(const char *name);
#define UTF8_ENC pg_char_to_encoding("UTF8")

/* ---- a variable space for the scanner's callback ---- */

typedef struct TestVars {
    const char *names[16];
    const char *values[16];
    int n;
    bool allow_backticks;
    int lookups;
} TestVars;

static TestVars tv;

static void vars_reset(void)
{
    memset(&tv, 0, sizeof(tv));
    tv.allow_backticks = true;
}

static void setvar(const char *name, const char *value)
{
    tv.names[tv.n] = name;
    tv.values[tv.n] = value;
    tv.n++;
}

/* the quoting asked for is made visible in the result, so tests can check it */
static char *get_variable(void *ctx, const char *name, VarQuoting quoting)
{
    (void)ctx;
    tv.lookups++;
    for (int i = 0; i < tv.n; i++) {
        if (strcmp(tv.names[i], name) == 0) {
            StrBuf b = STRBUF_INIT;
            switch (quoting) {
            case QUOTE_PLAIN: sb_append(&b, tv.values[i]); break;
            case QUOTE_SQL_LITERAL: sb_printf(&b, "L<%s>", tv.values[i]); break;
            case QUOTE_SQL_IDENT: sb_printf(&b, "I<%s>", tv.values[i]); break;
            case QUOTE_SHELL_ARG: sb_printf(&b, "'%s'", tv.values[i]); break;
            }
            return sb_steal(&b);
        }
    }
    return NULL;
}

static bool may_run_backticks(void *ctx)
{
    (void)ctx;
    return tv.allow_backticks;
}

static const ScanCallbacks callbacks = {get_variable, may_run_backticks, NULL};

/* silences stderr around a call (warnings the scanner logs) and returns what was written */
typedef struct Capture {
    FILE *f;
    int saved;
} Capture;

static void capture_start(Capture *c)
{
    fflush(stderr);
    c->f = tmpfile();
    c->saved = dup(2);
    dup2(fileno(c->f), 2);
}

static char *capture_end(Capture *c)
{
    fflush(stderr);
    dup2(c->saved, 2);
    close(c->saved);
    long size = ftell(c->f);
    rewind(c->f);
    char *text = xcalloc((size_t)(size > 0 ? size : 0) + 1, 1);
    if (size > 0 && fread(text, 1, (size_t)size, c->f) != (size_t)size)
        text[0] = '\0';
    fclose(c->f);
    return text;
}

/* ---- a miniature main loop ---- */

static const char *prompt_name(PromptStatus p)
{
    switch (p) {
    case PROMPT_READY: return "ready";
    case PROMPT_CONTINUE: return "continue";
    case PROMPT_COMMENT: return "comment";
    case PROMPT_SINGLEQUOTE: return "singlequote";
    case PROMPT_DOUBLEQUOTE: return "doublequote";
    case PROMPT_DOLLARQUOTE: return "dollarquote";
    case PROMPT_PAREN: return "paren";
    case PROMPT_COPY: return "copy";
    }
    return "?";
}

typedef struct Transcript {
    char *log;         /* Q[query] for each statement, B[cmd|arg|...] for each backslash command */
    char *pending;     /* what is left in the query buffer */
    char *last_result; /* of the last scan of the last line: semicolon/backslash/incomplete/eol */
    const char *prompt;
    char *err;
} Transcript;

static const char *result_name(ScanResult r)
{
    switch (r) {
    case SCAN_SEMICOLON: return "semicolon";
    case SCAN_BACKSLASH: return "backslash";
    case SCAN_INCOMPLETE: return "incomplete";
    case SCAN_EOL: return "eol";
    }
    return "?";
}

/* feeds text line by line, as psql's MainLoop does: a newline joins lines in the buffer */
static Transcript scan_script(const char *text, bool std_strings)
{
    Transcript t = {0};
    StrBuf log = STRBUF_INIT, query = STRBUF_INIT;
    Scanner *sc = scanner_create(&callbacks);
    PromptStatus prompt = PROMPT_READY;
    ScanResult r = SCAN_INCOMPLETE;
    Capture cap;
    char *copy = xstrdup(text);
    char *line = copy;
    size_t added_nl = (size_t)-1;
    capture_start(&cap);
    sb_append(&log, "");
    sb_append(&query, "");
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        added_nl = (size_t)-1;
        if (query.len > 0) {
            sb_append_char(&query, '\n');
            added_nl = query.len;
        }
        scanner_setup(sc, line, strlen(line), UTF8_ENC, std_strings);
        for (;;) {
            r = scanner_scan(sc, &query, &prompt);
            if (r == SCAN_SEMICOLON) {
                sb_printf(&log, "Q[%s]", sb_str(&query));
                sb_reset(&query);
            } else if (r == SCAN_BACKSLASH) {
                /* psql's MainLoop takes back the newline it added when a line holds only a backslash command */
                if (query.len == added_nl)
                    sb_truncate(&query, query.len - 1);
                added_nl = (size_t)-1;
                char *cmd = scanner_slash_command(sc);
                char *arg;
                sb_printf(&log, "B[%s", cmd);
                while ((arg = scanner_slash_option(sc, OT_NORMAL, NULL, false)) != NULL) {
                    sb_printf(&log, "|%s", arg);
                    free(arg);
                }
                sb_append(&log, "]");
                scanner_slash_command_end(sc);
                free(cmd);
            } else {
                break;
            }
        }
        scanner_finish(sc);
        line = nl ? nl + 1 : NULL;
    }
    t.err = capture_end(&cap);
    t.log = sb_steal(&log);
    t.pending = sb_steal(&query);
    t.last_result = xstrdup(result_name(r));
    t.prompt = prompt_name(prompt);
    scanner_destroy(sc);
    free(copy);
    return t;
}

static void transcript_free(Transcript *t)
{
    free(t->log);
    free(t->pending);
    free(t->last_result);
    free(t->err);
}

/* the whole text scanned: statements, what is pending, and the prompt */
static void expect_scan(const char *text, const char *want_log, const char *want_pending, const char *want_prompt)
{
    Transcript t = scan_script(text, true);
    CHECK_STR(t.log, want_log);
    CHECK_STR(t.pending, want_pending);
    CHECK_STR(t.prompt, want_prompt);
    if (strcmp(t.log, want_log) != 0 || strcmp(t.pending, want_pending) != 0 || strcmp(t.prompt, want_prompt) != 0)
        fprintf(stderr, "    (input was [%s])\n", text);
    transcript_free(&t);
}

/* one line scanned to its end: the result of that last scan and the prompt */
static void expect_line_end(const char *line, const char *want_result, const char *want_prompt)
{
    Transcript t = scan_script(line, true);
    CHECK_STR(t.last_result, want_result);
    CHECK_STR(t.prompt, want_prompt);
    if (strcmp(t.last_result, want_result) != 0 || strcmp(t.prompt, want_prompt) != 0)
        fprintf(stderr, "    (input was [%s])\n", line);
    transcript_free(&t);
}

/* ---- statement boundaries ---- */

static void test_simple_statements(void)
{
    vars_reset();
    expect_scan("select 1;", "Q[select 1;]", "", "ready");
    expect_scan("select 1; select 2;", "Q[select 1;]Q[select 2;]", "", "ready");
    expect_scan("select 1;select 2", "Q[select 1;]", "select 2", "continue");
    expect_scan("select\n  1\n  ;", "Q[select\n  1\n  ;]", "", "ready");
    expect_scan(";", "Q[;]", "", "ready");
    expect_scan("   ;  ;", "Q[;]Q[;]", "", "ready");
    expect_scan("", "", "", "ready");
}

static void test_leading_whitespace_and_comments_dropped(void)
{
    vars_reset();
    expect_scan("   select 1;", "Q[select 1;]", "", "ready");
    expect_scan("-- a comment\nselect 1;", "Q[select 1;]", "", "ready");
    expect_scan("-- c1\n   -- c2\n\tselect 1;", "Q[select 1;]", "", "ready");
    /* once the statement has started, comments and whitespace are kept */
    expect_scan("select 1 -- trailing\n;", "Q[select 1 -- trailing\n;]", "", "ready");
    expect_scan("select 1; -- after", "Q[select 1;]", "", "ready");
    /* block comments are kept even at the start */
    expect_scan("/* c */ select 1;", "Q[/* c */ select 1;]", "", "ready");
    expect_scan("-- only a comment", "", "", "ready");
}

static void test_quotes_hide_semicolons(void)
{
    vars_reset();
    expect_scan("select 'a;b';", "Q[select 'a;b';]", "", "ready");
    expect_scan("select 'it''s;';", "Q[select 'it''s;';]", "", "ready");
    expect_scan("select \"a;b\" from t;", "Q[select \"a;b\" from t;]", "", "ready");
    expect_scan("select \"a\"\";b\";", "Q[select \"a\"\";b\";]", "", "ready");
    expect_scan("select E'\\';';", "Q[select E'\\';';]", "", "ready");
    expect_scan("select e'\\\\';", "Q[select e'\\\\';]", "", "ready");
    expect_scan("select B'10;';", "Q[select B'10;';]", "", "ready");
    expect_scan("select X'1F;';", "Q[select X'1F;';]", "", "ready");
    expect_scan("select N'x;';", "Q[select N'x;';]", "", "ready");
    expect_scan("select U&'d\\0061;';", "Q[select U&'d\\0061;';]", "", "ready");
    expect_scan("select U&\"a;\";", "Q[select U&\"a;\";]", "", "ready");
    /* a backslash ends nothing in a standard string */
    expect_scan("select 'a\\';", "Q[select 'a\\';]", "", "ready");
}

static void test_non_standard_strings(void)
{
    vars_reset();
    Transcript t = scan_script("select 'a\\';';", false);
    CHECK_STR(t.log, "Q[select 'a\\';';]");
    CHECK_STR(t.prompt, "ready");
    transcript_free(&t);
    t = scan_script("select 'a\\';", false);
    CHECK_STR(t.log, "");
    CHECK_STR(t.prompt, "singlequote");
    transcript_free(&t);
}

static void test_string_continuation(void)
{
    vars_reset();
    /* 'a' <newline> 'b' is one string: the semicolon-free line ends at a place a statement can end */
    expect_scan("select 'a'\n'b';", "Q[select 'a'\n'b';]", "", "ready");
    expect_scan("select 'a' -- c\n  'b';", "Q[select 'a' -- c\n  'b';]", "", "ready");
    expect_line_end("select 'a'", "eol", "continue");
}

static void test_dollar_quotes(void)
{
    vars_reset();
    expect_scan("select $$a;b$$;", "Q[select $$a;b$$;]", "", "ready");
    expect_scan("select $t$ $$ ; $t$;", "Q[select $t$ $$ ; $t$;]", "", "ready");
    expect_scan("select $a$ $b$ ; $b$ $a$;", "Q[select $a$ $b$ ; $b$ $a$;]", "", "ready");
    expect_scan("select $a$x$junk$a$;", "Q[select $a$x$junk$a$;]", "", "ready");
    expect_scan("select $f$\nbody;\n$f$;", "Q[select $f$\nbody;\n$f$;]", "", "ready");
    /* $1 is a parameter, not a quote; $ inside an identifier is not one either */
    expect_scan("select $1; select a$b;", "Q[select $1;]Q[select a$b;]", "", "ready");
    /* $tag without a closing $ is no delimiter */
    expect_scan("select $abc;", "Q[select $abc;]", "", "ready");
    expect_line_end("select $x$ open", "incomplete", "dollarquote");
}

static void test_comments(void)
{
    vars_reset();
    expect_scan("select /* ; */ 1;", "Q[select /* ; */ 1;]", "", "ready");
    expect_scan("select /* a /* nested ; */ still ; */ 1;", "Q[select /* a /* nested ; */ still ; */ 1;]", "",
                "ready");
    expect_scan("select 1 /* open\n ; */;", "Q[select 1 /* open\n ; */;]", "", "ready");
    expect_scan("select '--';", "Q[select '--';]", "", "ready");
    expect_scan("select 1 - -1;", "Q[select 1 - -1;]", "", "ready");
    expect_line_end("select /* open", "incomplete", "comment");
    expect_line_end("/* open", "incomplete", "comment");
}

static void test_parentheses(void)
{
    vars_reset();
    expect_scan("select (1;\n);", "Q[select (1;\n);]", "", "ready");
    expect_scan("select ((1));", "Q[select ((1));]", "", "ready");
    /* an unbalanced ) does not go negative */
    expect_scan("select 1);", "Q[select 1);]", "", "ready");
    expect_scan("select 1); select (2;);", "Q[select 1);]Q[select (2;);]", "", "ready");
    expect_scan("select ')' ;", "Q[select ')' ;]", "", "ready");
}

static void test_begin_atomic(void)
{
    vars_reset();
    const char *fn = "create function f() returns int language sql\nbegin atomic\n  select 1;\n  select 2;\nend;";
    char want[256];
    snprintf(want, sizeof want, "Q[%s]", fn);
    expect_scan(fn, want, "", "ready");
    expect_scan("CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC select 1; END; select 3;",
                "Q[CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC select 1; END;]Q[select 3;]", "", "ready");
    /* CASE ... END inside the body does not close it */
    expect_scan("create function f() begin atomic select case when true then 1 end; select 2; end;",
                "Q[create function f() begin atomic select case when true then 1 end; select 2; end;]", "",
                "ready");
    /* outside CREATE FUNCTION/PROCEDURE, BEGIN is an ordinary word */
    expect_scan("begin; select 1; end;", "Q[begin;]Q[select 1;]Q[end;]", "", "ready");
    expect_scan("create table t (begin int); select 1;", "Q[create table t (begin int);]Q[select 1;]", "", "ready");
    /* inside an unfinished body a line end is not a place to stop */
    expect_line_end("create procedure p() begin atomic select 1;", "incomplete", "continue");
    /* \; resets the statement-start tracking like a semicolon */
    expect_scan("select 1 \\; create function f() begin atomic select 1; end;",
                "Q[select 1 ; create function f() begin atomic select 1; end;]", "", "ready");
}

static void test_line_end_prompts(void)
{
    vars_reset();
    expect_line_end("", "incomplete", "ready");
    expect_line_end("   ", "incomplete", "ready");
    expect_line_end("select 1", "eol", "continue");
    expect_line_end("select 'abc", "incomplete", "singlequote");
    expect_line_end("select E'abc\\'", "incomplete", "singlequote");
    expect_line_end("select \"abc", "incomplete", "doublequote");
    expect_line_end("select $$abc", "incomplete", "dollarquote");
    /* psql: open parentheses make the line incomplete, so SINGLELINE mode does not send it */
    expect_line_end("select (1", "incomplete", "paren");
    expect_line_end("select (1,\n  (2", "incomplete", "paren");
    /* after a statement, the rest of the line is empty */
    expect_line_end("select 1;", "incomplete", "ready");
    expect_line_end("select 1; select", "eol", "continue");
}

/* ---- backslash commands in the SQL stream ---- */

static void test_backslash_detection(void)
{
    vars_reset();
    expect_scan("\\echo hi", "B[echo|hi]", "", "ready");
    /* (the miniature loop does not run \g, so the buffer stays) */
    expect_scan("select 1 \\g", "B[g]", "select 1 ", "continue");
    expect_scan("select 1\\g", "B[g]", "select 1", "continue");
    expect_scan("\\echo a \\\\ select 1;", "B[echo|a]Q[select 1;]", "", "ready");
    expect_scan("\\echo a\\echo b", "B[echo|a]B[echo|b]", "", "ready");
    expect_scan("\\echo a \\echo b", "B[echo|a]B[echo|b]", "", "ready");
    /* no backslash command inside quotes, comments, dollar quotes or identifiers */
    expect_scan("select '\\echo';", "Q[select '\\echo';]", "", "ready");
    expect_scan("select \"\\x\";", "Q[select \"\\x\";]", "", "ready");
    expect_scan("select $$\\x$$;", "Q[select $$\\x$$;]", "", "ready");
    expect_scan("select /* \\x */ 1;", "Q[select /* \\x */ 1;]", "", "ready");
    /* \; and \: put the character itself into the buffer */
    expect_scan("select 1 \\; select 2;", "Q[select 1 ; select 2;]", "", "ready");
    expect_scan("select \\:x;", "Q[select :x;]", "", "ready");
    /* after a -- comment the rest of the line is comment, backslashes included */
    expect_scan("select 1 -- \\echo x\n;", "Q[select 1 -- \\echo x\n;]", "", "ready");
    /* an empty command name */
    expect_scan("\\", "B[]", "", "ready");
    /* the command name ends at a backslash */
    expect_scan("\\echo\\echo x", "B[echo]B[echo|x]", "", "ready");
}

static void test_backslash_in_statement_keeps_buffer(void)
{
    vars_reset();
    expect_scan("select 1,\n\\echo mid\n2;", "B[echo|mid]Q[select 1,\n2;]", "", "ready");
}

/* ---- variables in SQL ---- */

static void test_interpolation(void)
{
    vars_reset();
    setvar("v", "42");
    setvar("s", "it's");
    setvar("semi", "1; select 2");
    setvar("open", "'abc");
    setvar("self", "x :self y");
    expect_scan("select :v;", "Q[select 42;]", "", "ready");
    expect_scan("select :'s';", "Q[select L<it's>;]", "", "ready");
    expect_scan("select :\"s\";", "Q[select I<it's>;]", "", "ready");
    expect_scan("select :{?v}, :{?nope};", "Q[select TRUE, FALSE;]", "", "ready");
    expect_scan("select :nope, :'nope', :\"nope\";", "Q[select :nope, :'nope', :\"nope\";]", "", "ready");
    expect_scan("select :v:v;", "Q[select 4242;]", "", "ready");
    /* where interpolation does not happen */
    expect_scan("select ':v', \":v\", $$:v$$, 1::int, a:=1 /* :v */;",
                "Q[select ':v', \":v\", $$:v$$, 1::int, a:=1 /* :v */;]", "", "ready");
    expect_scan("select 1 -- :v\n;", "Q[select 1 -- :v\n;]", "", "ready");
    /* psql substitutes in array slices too: a space is needed there */
    expect_scan("select arr[1:v];", "Q[select arr[142];]", "", "ready");
    expect_scan("select arr[1: v];", "Q[select arr[1: v];]", "", "ready");
    /* an unfinished quoted reference is left as typed */
    expect_scan("select :'v;", "", "select :'v;", "singlequote");
    /* a plain value is scanned again as if typed: its semicolon ends the statement */
    expect_scan("select :semi;", "Q[select 1;]Q[select 2;]", "", "ready");
    /* ... and its quote opens a string */
    expect_scan("select :open';", "Q[select 'abc';]", "", "ready");
}

static void test_recursive_variable(void)
{
    vars_reset();
    setvar("self", "x :self y");
    Transcript t = scan_script("select :self;", true);
    CHECK_STR(t.log, "Q[select x :self y;]");
    CHECK(strstr(t.err, "skipping recursive expansion of variable \"self\"") != NULL);
    transcript_free(&t);
}

static void test_no_callback(void)
{
    /* without get_variable, nothing is substituted */
    ScanCallbacks none = {NULL, NULL, NULL};
    Scanner *sc = scanner_create(&none);
    StrBuf q = STRBUF_INIT;
    PromptStatus p;
    const char *line = "select :v, :'v';";
    sb_append(&q, "");
    scanner_setup(sc, line, strlen(line), UTF8_ENC, true);
    CHECK_INT(scanner_scan(sc, &q, &p), SCAN_SEMICOLON);
    CHECK_STR(sb_str(&q), "select :v, :'v';");
    scanner_finish(sc);
    scanner_destroy(sc);
    sb_free(&q);
}

static void test_reset_and_state(void)
{
    vars_reset();
    Scanner *sc = scanner_create(&callbacks);
    StrBuf q = STRBUF_INIT;
    PromptStatus p;
    const char *l1 = "select 'open";
    sb_append(&q, "");
    scanner_setup(sc, l1, strlen(l1), UTF8_ENC, true);
    CHECK_INT(scanner_scan(sc, &q, &p), SCAN_INCOMPLETE);
    CHECK(scanner_in_quote(sc));
    scanner_finish(sc);
    scanner_reset(sc);
    CHECK(!scanner_in_quote(sc));
    sb_reset(&q);
    const char *l2 = "select (1";
    scanner_setup(sc, l2, strlen(l2), UTF8_ENC, true);
    scanner_scan(sc, &q, &p);
    CHECK_INT(scanner_paren_depth(sc), 1);
    scanner_finish(sc);
    scanner_set_paren_depth(sc, 0);
    const char *l3 = ";";
    sb_append(&q, "\n");
    scanner_setup(sc, l3, strlen(l3), UTF8_ENC, true);
    CHECK_INT(scanner_scan(sc, &q, &p), SCAN_SEMICOLON);
    CHECK_STR(sb_str(&q), "select (1\n;");
    scanner_finish(sc);
    scanner_destroy(sc);
    sb_free(&q);
}

/* ---- backslash arguments ---- */

typedef struct Args {
    char *items[12];
    char quotes[12];
    int n;
    char *err;
} Args;

/* scans "\cmd args..." and reads every argument with the given type */
static Args slash_args(const char *line, SlashOptType type, bool strip)
{
    Args a;
    memset(&a, 0, sizeof a);
    Scanner *sc = scanner_create(&callbacks);
    StrBuf q = STRBUF_INIT;
    PromptStatus p;
    Capture cap;
    sb_append(&q, "");
    capture_start(&cap);
    scanner_setup(sc, line, strlen(line), UTF8_ENC, true);
    if (scanner_scan(sc, &q, &p) == SCAN_BACKSLASH) {
        free(scanner_slash_command(sc));
        char *arg;
        char quote = 0;
        while (a.n < 12 && (arg = scanner_slash_option(sc, type, &quote, strip)) != NULL) {
            a.quotes[a.n] = quote;
            a.items[a.n++] = arg;
            quote = 0;
            if (type == OT_WHOLE_LINE)
                break;
        }
    }
    a.err = capture_end(&cap);
    scanner_finish(sc);
    scanner_destroy(sc);
    sb_free(&q);
    return a;
}

static void args_free(Args *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->items[i]);
    free(a->err);
}

/* expects exactly these arguments (a NULL-terminated list) */
static void expect_args(const char *line, SlashOptType type, bool strip, const char *const *want)
{
    Args a = slash_args(line, type, strip);
    int n = 0;
    while (want[n])
        n++;
    CHECK_INT(a.n, n);
    for (int i = 0; i < n && i < a.n; i++)
        CHECK_STR(a.items[i], want[i]);
    if (a.n != n)
        fprintf(stderr, "    (input was [%s])\n", line);
    args_free(&a);
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NO_ARGS ((const char *const[]){NULL})

static void test_normal_arguments(void)
{
    vars_reset();
    expect_args("\\echo a b  c", OT_NORMAL, false, ARGS("a", "b", "c"));
    expect_args("\\echo 'a b' \"c d\"", OT_NORMAL, false, ARGS("a b", "\"c d\""));
    expect_args("\\echo 'it''s' x'y'z", OT_NORMAL, false, ARGS("it's", "xyz"));
    expect_args("\\echo 'a\\tb\\nc' '\\101\\x41\\q'", OT_NORMAL, false, ARGS("a\tb\nc", "AAq"));
    expect_args("\\echo \"a\"\"b\" \"x y\"z", OT_NORMAL, false, ARGS("\"a\"\"b\"", "\"x y\"z"));
    expect_args("\\echo", OT_NORMAL, false, NO_ARGS);
    expect_args("\\echo   ", OT_NORMAL, false, NO_ARGS);
    /* an empty quoted argument is an argument */
    expect_args("\\echo '' x", OT_NORMAL, false, ARGS("", "x"));
    /* a backslash ends the argument and the command */
    expect_args("\\echo a\\b", OT_NORMAL, false, ARGS("a"));
    expect_args("\\echo a \\\\ b", OT_NORMAL, false, ARGS("a"));
    /* | is not special for ordinary arguments */
    expect_args("\\echo |x y", OT_NORMAL, false, ARGS("|x", "y"));
}

static void test_argument_quote_char(void)
{
    vars_reset();
    setvar("v", "val");
    Args a = slash_args("\\x plain 'sq' \"dq\" :v `echo bt` mixed'q'", OT_NORMAL, false);
    CHECK_INT(a.n, 6);
    if (a.n == 6) {
        CHECK_INT(a.quotes[0], 0);
        CHECK_INT(a.quotes[1], '\'');
        CHECK_INT(a.quotes[2], '"');
        CHECK_INT(a.quotes[3], ':');
        CHECK_INT(a.quotes[4], '`');
        CHECK_INT(a.quotes[5], '\'');
        CHECK_STR(a.items[3], "val");
        CHECK_STR(a.items[4], "bt");
    }
    args_free(&a);
}

static void test_unterminated_argument(void)
{
    vars_reset();
    Args a = slash_args("\\echo ok 'open", OT_NORMAL, false);
    CHECK_INT(a.n, 1);
    CHECK(strstr(a.err, "unterminated quoted string") != NULL);
    args_free(&a);
    a = slash_args("\\echo \"open", OT_NORMAL, false);
    CHECK_INT(a.n, 0);
    CHECK(strstr(a.err, "unterminated quoted string") != NULL);
    args_free(&a);
    a = slash_args("\\echo `open", OT_NORMAL, false);
    CHECK_INT(a.n, 0);
    CHECK(strstr(a.err, "unterminated quoted string") != NULL);
    args_free(&a);
}

static void test_semicolon_stripping(void)
{
    vars_reset();
    expect_args("\\x 1;", OT_NORMAL, true, ARGS("1"));
    expect_args("\\x 1;;;", OT_NORMAL, true, ARGS("1"));
    expect_args("\\x 1;", OT_NORMAL, false, ARGS("1;"));
    /* only unquoted trailing semicolons go */
    expect_args("\\x '1;'", OT_NORMAL, true, ARGS("1;"));
    expect_args("\\x '1;';", OT_NORMAL, true, ARGS("1;"));
    expect_args("\\x \"a;\"", OT_NORMAL, true, ARGS("\"a;\""));
    expect_args("\\x a;b", OT_NORMAL, true, ARGS("a;b"));
    /* nothing left after stripping, and no quotes: no argument */
    expect_args("\\x ;", OT_NORMAL, true, NO_ARGS);
}

static void test_filepipe_arguments(void)
{
    vars_reset();
    expect_args("\\o | cat > 'x y'", OT_FILEPIPE, false, ARGS("| cat > 'x y'"));
    expect_args("\\o |cat", OT_FILEPIPE, false, ARGS("|cat"));
    expect_args("\\o 'file name'", OT_FILEPIPE, false, ARGS("file name"));
    expect_args("\\o a|b", OT_FILEPIPE, false, ARGS("a|b"));
    /* a pipe takes the rest of the line, backslashes too */
    expect_args("\\o | sed 's/a\\\\b/c/'", OT_FILEPIPE, false, ARGS("| sed 's/a\\\\b/c/'"));
    /* psql 15 strips no semicolons from a whole-line argument (\o |cat;; runs "cat;;") */
    expect_args("\\o | cat ;; ", OT_FILEPIPE, true, ARGS("| cat ;; "));
}

static void test_whole_line_arguments(void)
{
    vars_reset();
    setvar("v", "val");
    expect_args("\\! echo 'a  b' :v \\\\ x", OT_WHOLE_LINE, false, ARGS("echo 'a  b' :v \\\\ x"));
    expect_args("\\!    leading", OT_WHOLE_LINE, false, ARGS("leading"));
    expect_args("\\! trailing  ", OT_WHOLE_LINE, false, ARGS("trailing  "));
    expect_args("\\!", OT_WHOLE_LINE, false, NO_ARGS);
    /* as psql 15 does (\sf now();; fails there), strip_semicolon leaves whole lines alone */
    expect_args("\\sf foo() ; ", OT_WHOLE_LINE, true, ARGS("foo() ; "));
    expect_args("\\sf foo;;", OT_WHOLE_LINE, true, ARGS("foo;;"));
}

static void test_identifier_arguments(void)
{
    vars_reset();
    expect_args("\\x FooBar \"MiXed\"Case \"a\"\"b\"", OT_SQLID, false, ARGS("foobar", "MiXedcase", "a\"b"));
    expect_args("\\x FooBar \"MiXed\"Case", OT_SQLIDHACK, false, ARGS("FooBar", "MiXedCase"));
    expect_args("\\x 'Quoted Single'", OT_SQLID, false, ARGS("quoted single"));
}

static void test_argument_variables(void)
{
    vars_reset();
    setvar("v", "a b");
    setvar("q", "it's");
    expect_args("\\echo :v :'v' :\"v\" :{?v} :{?nope} :nope", OT_NORMAL, false,
                ARGS("a b", "L<a b>", "I<a b>", "TRUE", "FALSE", ":nope"));
    expect_args("\\echo x:v:v", OT_NORMAL, false, ARGS("xa ba b"));
    /* not inside quotes */
    expect_args("\\echo ':v' \":v\"", OT_NORMAL, false, ARGS(":v", "\":v\""));
    /* unfinished references are kept as typed */
    expect_args("\\echo :{?v x", OT_NORMAL, false, ARGS(":{?v", "x"));
    expect_args("\\echo :{ x", OT_NORMAL, false, ARGS(":{", "x"));
    /* for :'v and :"v only the colon is taken back: the quote then opens a quoted run */
    expect_args("\\echo :'v x'", OT_NORMAL, false, ARGS(":v x"));
    expect_args("\\echo :", OT_NORMAL, false, ARGS(":"));
    /* values are not re-scanned: their spaces and quotes are kept */
    setvar("w", "x 'y' \\z");
    expect_args("\\echo :w", OT_NORMAL, false, ARGS("x 'y' \\z"));
}

static void test_backticks(void)
{
    vars_reset();
    setvar("v", "a  b");
    expect_args("\\echo `echo hello`", OT_NORMAL, false, ARGS("hello"));
    expect_args("\\echo pre`echo mid`post", OT_NORMAL, false, ARGS("premidpost"));
    /* only one trailing newline is removed */
    expect_args("\\echo `printf 'a\\n\\n'`", OT_NORMAL, false, ARGS("a\n"));
    /* :'v' in backticks is quoted for the shell; :v is plain */
    expect_args("\\echo `echo :'v'`", OT_NORMAL, false, ARGS("a  b"));
    expect_args("\\echo `echo :v`", OT_NORMAL, false, ARGS("a b"));
    expect_args("\\echo `echo :{?v}`", OT_NORMAL, false, ARGS(":{?v}"));
    /* in an inactive branch, the command is not run and its text stays */
    tv.allow_backticks = false;
    expect_args("\\echo `echo hello`", OT_NORMAL, false, ARGS("echo hello"));
}

static void test_slash_command_name(void)
{
    vars_reset();
    Scanner *sc = scanner_create(&callbacks);
    StrBuf q = STRBUF_INIT;
    PromptStatus p;
    const char *line = "\\gset pre \\\\ select 1;";
    sb_append(&q, "");
    scanner_setup(sc, line, strlen(line), UTF8_ENC, true);
    CHECK_INT(scanner_scan(sc, &q, &p), SCAN_BACKSLASH);
    char *cmd = scanner_slash_command(sc);
    CHECK_STR(cmd, "gset");
    free(cmd);
    char *arg = scanner_slash_option(sc, OT_NORMAL, NULL, false);
    CHECK_STR(arg, "pre");
    free(arg);
    CHECK(scanner_slash_option(sc, OT_NORMAL, NULL, false) == NULL);
    scanner_slash_command_end(sc);
    CHECK_INT(scanner_scan(sc, &q, &p), SCAN_SEMICOLON);
    CHECK_STR(sb_str(&q), "select 1;");
    scanner_finish(sc);
    scanner_destroy(sc);
    sb_free(&q);
}

static void test_dequote_downcase(void)
{
    struct {
        const char *in;
        bool downcase;
        const char *want;
    } cases[] = {
        {"FOO", true, "foo"},
        {"FOO", false, "FOO"},
        {"\"FOO\"", true, "FOO"},
        {"\"a\"\"b\"", true, "a\"b"},
        {"Ab\"Cd\"Ef", true, "abCdef"},
        {"Ab\"Cd\"Ef", false, "AbCdEf"},
        {"\"\"", true, ""},
        {"\"unclosed", true, "unclosed"},
        {"ÄB", true, "Äb"},
        {"", true, ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *s = xstrdup(cases[i].in);
        dequote_downcase_identifier(s, cases[i].downcase, UTF8_ENC);
        CHECK_STR(s, cases[i].want);
        free(s);
    }
}

/* ---- the \copy tokenizer (psql's strtokx) ---- */

static void expect_tokens(const char *text, const char *ws, const char *delim, const char *quote, char escape,
                          bool e_strings, bool del_quotes, const char *const *want)
{
    Tokenizer *t = tok_start(text, UTF8_ENC);
    int i = 0;
    const char *tok;
    while ((tok = tok_next(t, ws, delim, quote, escape, e_strings, del_quotes)) != NULL) {
        if (want[i] == NULL) {
            CHECK_STR(tok, "(no more tokens)");
            break;
        }
        CHECK_STR(tok, want[i]);
        i++;
    }
    CHECK_STR(want[i], NULL);
    tok_end(t);
}

static void test_tokenizer(void)
{
    const char *ws = " \t\n\r";
    expect_tokens("from 'file name' with csv", ws, NULL, "'", 0, false, false,
                  ARGS("from", "'file name'", "with", "csv"));
    expect_tokens("from 'file name'", ws, NULL, "'", 0, false, true, ARGS("from", "file name"));
    expect_tokens("tbl(a,b)from", ws, "(),", NULL, 0, false, false, ARGS("tbl", "(", "a", ",", "b", ")", "from"));
    expect_tokens("'it''s' x", ws, NULL, "'", 0, false, true, ARGS("it's", "x"));
    expect_tokens("\"a\"\"b\"c d", ws, NULL, "\"", 0, false, false, ARGS("\"a\"\"b\"", "c", "d"));
    /* psql's strip_quotes starts at the E, so only the escape and the closing quote go */
    expect_tokens("E'a\\'b' c", ws, NULL, "'", 0, true, true, ARGS("E'a'b", "c"));
    expect_tokens("E'a\\'b' c", ws, NULL, "'", 0, true, false, ARGS("E'a\\'b'", "c"));
    expect_tokens("e'x\\\\' y", ws, NULL, "'", 0, true, false, ARGS("e'x\\\\'", "y"));
    expect_tokens("'esc\\'aped' z", ws, NULL, "'", '\\', false, true, ARGS("esc'aped", "z"));
    expect_tokens("abc'def'", ws, NULL, "'", 0, false, false, ARGS("abc", "'def'"));
    expect_tokens("   ", ws, NULL, "'", 0, false, false, NO_ARGS);
    expect_tokens("rest of the line", "", NULL, NULL, 0, false, false, ARGS("rest of the line"));
    expect_tokens("'unterminated x", ws, NULL, "'", 0, false, true, ARGS("unterminated x"));
    expect_tokens("日本 'ü'", ws, NULL, "'", 0, false, true, ARGS("日本", "ü"));

    char s[] = "'a''b\\'c'";
    tok_strip_quotes(s, '\'', '\\', UTF8_ENC);
    CHECK_STR(s, "a'b'c");
    char s2[] = "noquotes";
    tok_strip_quotes(s2, '\'', 0, UTF8_ENC);
    CHECK_STR(s2, "noquotes");
}

/* ---- variables ---- */

static void test_parse_bool(void)
{
    struct {
        const char *v;
        bool ok;
        bool want;
    } cases[] = {
        {"on", true, true},     {"ON", true, true},    {"off", true, false}, {"of", true, false},
        {"o", false, false},    {"t", true, true},     {"TRUE", true, true}, {"tr", true, true},
        {"f", true, false},     {"fal", true, false},  {"y", true, true},    {"yes", true, true},
        {"n", true, false},     {"NO", true, false},   {"1", true, true},    {"0", true, false},
        {"", false, false},     {"2", false, false},   {"onx", false, false}, {"yess", false, false},
        {"truex", false, false}, {"01", false, false}, {" on", false, false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool result = !cases[i].want;
        bool ok = parse_bool_value(cases[i].v, NULL, &result);
        CHECK_INT(ok, cases[i].ok);
        if (ok != cases[i].ok)
            fprintf(stderr, "    (value was [%s])\n", cases[i].v);
        if (ok)
            CHECK_INT(result, cases[i].want);
    }
    bool r = true;
    CHECK(!parse_bool_value(NULL, NULL, &r));
    CHECK(r); /* not clobbered on failure */

    Capture cap;
    capture_start(&cap);
    CHECK(!parse_bool_value("maybe", "ON_ERROR_STOP", &r));
    char *err = capture_end(&cap);
    CHECK(strstr(err, "unrecognized value \"maybe\" for \"ON_ERROR_STOP\": Boolean expected") != NULL);
    free(err);
}

static void test_parse_int(void)
{
    struct {
        const char *v;
        bool ok;
        int want;
    } cases[] = {
        {"10", true, 10},   {"-5", true, -5},           {"0x10", true, 16},   {"010", true, 8},
        {" 7", true, 7},    {"7 ", false, 0},           {"", false, 0},       {"abc", false, 0},
        {"1e3", false, 0},  {"2147483647", true, 2147483647}, {"2147483648", false, 0},
        {"-2147483648", true, -2147483647 - 1}, {"99999999999999999999", false, 0}, {"+3", true, 3},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int result = -12345;
        bool ok = parse_int_value(cases[i].v, NULL, &result);
        CHECK_INT(ok, cases[i].ok);
        if (ok != cases[i].ok)
            fprintf(stderr, "    (value was [%s])\n", cases[i].v);
        if (ok)
            CHECK_INT(result, cases[i].want);
        else
            CHECK_INT(result, -12345);
    }
    Capture cap;
    int r;
    capture_start(&cap);
    CHECK(!parse_int_value("many", "FETCH_COUNT", &r));
    char *err = capture_end(&cap);
    CHECK(strstr(err, "invalid value \"many\" for \"FETCH_COUNT\": integer expected") != NULL);
    free(err);
}

static int assign_calls;
static char last_assigned[64];

static char *subst_default(char *newval)
{
    if (newval == NULL)
        return xstrdup("default");
    return newval;
}

static bool assign_reject_bad(void *ctx, const char *name, const char *newval)
{
    (void)ctx;
    (void)name;
    assign_calls++;
    snprintf(last_assigned, sizeof last_assigned, "%s", newval ? newval : "(null)");
    return !(newval && strcmp(newval, "bad") == 0);
}

static void test_variable_store(void)
{
    VarStore *v = vars_create(NULL);
    Capture cap;

    CHECK(vars_set(v, "b", "2"));
    CHECK(vars_set(v, "a", "1"));
    CHECK(vars_set(v, "Ω", "omega"));
    CHECK(vars_set(v, "_x9", ""));
    CHECK_STR(vars_get(v, "a"), "1");
    CHECK_STR(vars_get(v, "_x9"), "");
    CHECK(vars_get(v, "nope") == NULL);
    CHECK(vars_valid_name("abc_123"));
    CHECK(vars_valid_name("Ω"));
    CHECK(!vars_valid_name(""));
    CHECK(!vars_valid_name("a b"));
    CHECK(!vars_valid_name("a-b"));
    CHECK(!vars_valid_name("a:b"));

    /* an invalid name: refused with psql's message, but deleting one is fine */
    capture_start(&cap);
    CHECK(!vars_set(v, "bad name", "x"));
    CHECK(vars_set(v, "bad name", NULL));
    char *err = capture_end(&cap);
    CHECK(strstr(err, "invalid variable name: \"bad name\"\n") != NULL);
    /* deleting an invalid name says nothing */
    CHECK(strstr(strstr(err, "invalid variable name") + 1, "invalid variable name") == NULL);
    free(err);

    /* listing is in name (byte) order, as \set prints it */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    vars_print(v, f);
    fclose(f);
    CHECK_STR(buf, "_x9 = ''\na = '1'\nb = '2'\nΩ = 'omega'\n");
    free(buf);

    /* deleting an ordinary variable removes it */
    CHECK(vars_delete(v, "a"));
    CHECK(vars_get(v, "a") == NULL);
    CHECK(vars_delete(v, "never_set"));

    /* hooks: run once when installed, then on every change */
    assign_calls = 0;
    vars_set_hooks(v, "SPECIAL", subst_default, assign_reject_bad);
    CHECK_INT(assign_calls, 1);
    CHECK_STR(vars_get(v, "SPECIAL"), "default");
    CHECK(vars_has_hooks(v, "SPECIAL"));
    CHECK(!vars_has_hooks(v, "b"));
    CHECK(vars_set(v, "SPECIAL", "good"));
    CHECK_STR(vars_get(v, "SPECIAL"), "good");
    CHECK_STR(last_assigned, "good");
    /* refused: the old value stays */
    CHECK(!vars_set(v, "SPECIAL", "bad"));
    CHECK_STR(vars_get(v, "SPECIAL"), "good");
    /* unsetting goes through the substitute hook and keeps the variable */
    CHECK(vars_delete(v, "SPECIAL"));
    CHECK_STR(vars_get(v, "SPECIAL"), "default");
    CHECK_STR(last_assigned, "default");
    CHECK(vars_has_hooks(v, "SPECIAL"));

    /* installing hooks on an existing variable applies them to its value */
    CHECK(vars_set(v, "EXISTING", "bad"));
    assign_calls = 0;
    vars_set_hooks(v, "EXISTING", NULL, assign_reject_bad);
    CHECK_INT(assign_calls, 1);
    CHECK_STR(last_assigned, "bad");
    CHECK_STR(vars_get(v, "EXISTING"), "bad");
    /* a hooked variable with no value is kept but not listed */
    vars_set_hooks(v, "NOVALUE", NULL, assign_reject_bad);
    CHECK(vars_get(v, "NOVALUE") == NULL);
    buf = NULL;
    f = open_memstream(&buf, &len);
    vars_print(v, f);
    fclose(f);
    CHECK(strstr(buf, "NOVALUE") == NULL);
    CHECK(strstr(buf, "SPECIAL = 'default'\n") != NULL);
    free(buf);

    /* iteration */
    const char *value = NULL;
    const char *name = vars_name_at(v, 0, &value);
    CHECK(name != NULL);
    size_t count = 0;
    while (vars_name_at(v, count, NULL))
        count++;
    CHECK(count >= 5);

    CHECK(vars_set_bool(v, "flag", true));
    CHECK_STR(vars_get(v, "flag"), "on");
    CHECK(vars_set_bool(v, "flag", false));
    CHECK_STR(vars_get(v, "flag"), "off");
    vars_destroy(v);
}

int main(void)
{
    RUN(test_simple_statements);
    RUN(test_leading_whitespace_and_comments_dropped);
    RUN(test_quotes_hide_semicolons);
    RUN(test_non_standard_strings);
    RUN(test_string_continuation);
    RUN(test_dollar_quotes);
    RUN(test_comments);
    RUN(test_parentheses);
    RUN(test_begin_atomic);
    RUN(test_line_end_prompts);
    RUN(test_backslash_detection);
    RUN(test_backslash_in_statement_keeps_buffer);
    RUN(test_interpolation);
    RUN(test_recursive_variable);
    RUN(test_no_callback);
    RUN(test_reset_and_state);
    RUN(test_normal_arguments);
    RUN(test_argument_quote_char);
    RUN(test_unterminated_argument);
    RUN(test_semicolon_stripping);
    RUN(test_filepipe_arguments);
    RUN(test_whole_line_arguments);
    RUN(test_identifier_arguments);
    RUN(test_argument_variables);
    RUN(test_backticks);
    RUN(test_slash_command_name);
    RUN(test_dequote_downcase);
    RUN(test_tokenizer);
    RUN(test_parse_bool);
    RUN(test_parse_int);
    RUN(test_variable_store);
    UNIT_DONE();
}
