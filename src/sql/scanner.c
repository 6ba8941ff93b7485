/*
 * The SQL half of the scanner.  It follows the server's lexical rules only as far
 * as they decide where a statement ends: quotes of every kind, nested comments,
 * dollar quoting, parentheses, and the BEGIN ... END of SQL-standard function
 * bodies.  Everything it reads is copied to the query buffer, except leading
 * whitespace and comments, which psql drops too.
 */
#include "sql/scanner_int.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/log.h"
#include "util/xalloc.h"

enum { STEP_CONTINUE = -1, STEP_SEMICOLON = -2, STEP_BACKSLASH = -3 };

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool is_ident_cont(unsigned char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static bool is_var_char(unsigned char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* ---- the input stack ---- */

Scanner *scanner_create(const ScanCallbacks *callbacks)
{
    Scanner *sc = xcalloc(1, sizeof(Scanner));
    if (callbacks)
        sc->cb = *callbacks;
    return sc;
}

void scanner_destroy(Scanner *sc)
{
    if (!sc)
        return;
    scanner_finish(sc);
    scanner_reset(sc);
    free(sc);
}

/* the client-only encodings whose multibyte characters may contain ASCII bytes */
static bool encoding_is_safe(int encoding)
{
    static const char *const unsafe[] = {"SJIS", "BIG5", "GBK", "UHC", "GB18030", "JOHAB"};
    const char *name = pg_encoding_to_char(encoding);
    for (size_t i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++)
        if (strcmp(name, unsafe[i]) == 0)
            return false;
    return true;
}

void scanner_setup(Scanner *sc, const char *line, size_t len, int encoding, bool std_strings)
{
    scanner_finish(sc);
    InputText *in = xcalloc(1, sizeof(InputText));
    in->text = line;
    in->len = len;
    sc->input = in;
    sc->encoding = encoding;
    sc->safe_encoding = encoding_is_safe(encoding);
    sc->std_strings = std_strings;
}

void scan_push_text(Scanner *sc, const char *text, const char *varname)
{
    InputText *in = xcalloc(1, sizeof(InputText));
    in->owned = xstrdup(text);
    in->text = in->owned;
    in->len = strlen(text);
    in->varname = varname ? xstrdup(varname) : NULL;
    in->below = sc->input;
    sc->input = in;
}

void scan_pop_text(Scanner *sc)
{
    InputText *in = sc->input;
    if (!in)
        return;
    sc->input = in->below;
    free(in->owned);
    free(in->varname);
    free(in);
}

void scanner_finish(Scanner *sc)
{
    while (sc->input)
        scan_pop_text(sc);
}

void scanner_reset(Scanner *sc)
{
    sc->state = LX_INITIAL;
    sc->paren_depth = 0;
    sc->comment_depth = 0;
    free(sc->dollar_tag);
    sc->dollar_tag = NULL;
    sc->identifier_count = 0;
    sc->begin_depth = 0;
    sc->traits = 0;
}

unsigned scanner_statement_traits(const Scanner *sc)
{
    return sc->traits;
}

bool scanner_in_quote(const Scanner *sc)
{
    return sc->state != LX_INITIAL && sc->state != LX_QUOTESTOP;
}

int scanner_paren_depth(const Scanner *sc)
{
    return sc->paren_depth;
}

void scanner_set_paren_depth(Scanner *sc, int depth)
{
    sc->paren_depth = depth;
}

bool scan_var_is_expanding(const Scanner *sc, const char *name)
{
    for (const InputText *in = sc->input; in; in = in->below)
        if (in->varname && strcmp(in->varname, name) == 0)
            return true;
    return false;
}

size_t scan_char_len(const Scanner *sc, const InputText *in)
{
    unsigned char c = (unsigned char)in->text[in->pos];
    if (c < 0x80 || sc->safe_encoding)
        return 1;
    size_t n = (size_t)PQmblen(in->text + in->pos, sc->encoding);
    size_t left = in->len - in->pos;
    return n < 1 ? 1 : (n > left ? left : n);
}

/* ---- emitting ---- */

static void emit(Scanner *sc, InputText *in, size_t n)
{
    sb_append_n(sc->out, in->text + in->pos, n);
    in->pos += n;
}

/* copies a run of characters that have no meaning in the current state */
static void emit_until(Scanner *sc, InputText *in, const char *stops)
{
    size_t start = in->pos;
    while (in->pos < in->len && !strchr(stops, in->text[in->pos]))
        in->pos += scan_char_len(sc, in);
    if (in->pos == start)
        in->pos += scan_char_len(sc, in);
    sb_append_n(sc->out, in->text + start, in->pos - start);
}

static char peek(const InputText *in, size_t ahead)
{
    return in->pos + ahead < in->len ? in->text[in->pos + ahead] : '\0';
}

/* ---- variables ---- */

static char *lookup_variable(Scanner *sc, const char *name, VarQuoting quoting)
{
    return sc->cb.get_variable ? sc->cb.get_variable(sc->cb.ctx, name, quoting) : NULL;
}

static size_t var_name_len(const InputText *in, size_t from)
{
    size_t n = 0;
    while (in->pos + from + n < in->len && is_var_char((unsigned char)in->text[in->pos + from + n]))
        n++;
    return n;
}

/* :name, re-scanned as if typed in place */
static void substitute_plain(Scanner *sc, InputText *in, size_t namelen)
{
    char *name = xstrndup(in->text + in->pos + 1, namelen);
    char *value = lookup_variable(sc, name, QUOTE_PLAIN);
    if (value && scan_var_is_expanding(sc, name)) {
        log_warning("skipping recursive expansion of variable \"%s\"", name);
        emit(sc, in, namelen + 1);
    } else if (value) {
        in->pos += namelen + 1;
        scan_push_text(sc, value, name);
    } else {
        emit(sc, in, namelen + 1);
    }
    free(value);
    free(name);
}

/* :'name', :"name" and :{?name}: the quoted result is never re-scanned */
static void substitute_quoted(Scanner *sc, InputText *in, size_t prefix, size_t namelen, size_t total,
                              VarQuoting quoting, bool test_only)
{
    char *name = xstrndup(in->text + in->pos + prefix, namelen);
    char *value = lookup_variable(sc, name, test_only ? QUOTE_PLAIN : quoting);
    if (test_only) {
        sb_append(sc->out, value ? "TRUE" : "FALSE");
        in->pos += total;
    } else if (value) {
        sb_append(sc->out, value);
        in->pos += total;
    } else {
        emit(sc, in, total);
    }
    free(value);
    free(name);
}

static void scan_colon(Scanner *sc, InputText *in)
{
    char next = peek(in, 1);
    if (next == ':' || next == '=') {
        emit(sc, in, 2);
        return;
    }
    if (is_var_char((unsigned char)next)) {
        substitute_plain(sc, in, var_name_len(in, 1));
        return;
    }
    if (next == '\'' || next == '"') {
        size_t n = var_name_len(in, 2);
        if (n > 0 && peek(in, 2 + n) == next) {
            substitute_quoted(sc, in, 2, n, n + 3, next == '\'' ? QUOTE_SQL_LITERAL : QUOTE_SQL_IDENT, false);
            return;
        }
    } else if (next == '{' && peek(in, 2) == '?') {
        size_t n = var_name_len(in, 3);
        if (n > 0 && peek(in, 3 + n) == '}') {
            substitute_quoted(sc, in, 3, n, n + 4, QUOTE_PLAIN, true);
            return;
        }
    }
    emit(sc, in, 1);
}

/* ---- tokens of the initial state ---- */

/* psql's heuristic for CREATE FUNCTION/PROCEDURE ... BEGIN ATOMIC ... END bodies */
static void track_identifier(Scanner *sc, const char *word, size_t len)
{
    static const char *const leaders[] = {"create", "function", "procedure", "or", "replace"};
    if (sc->identifier_count == 0)
        memset(sc->identifiers, 0, sizeof(sc->identifiers));
    for (size_t i = 0; i < sizeof(leaders) / sizeof(leaders[0]); i++) {
        if (strlen(leaders[i]) == len && strncasecmp(word, leaders[i], len) == 0) {
            if (sc->identifier_count < (int)sizeof(sc->identifiers))
                sc->identifiers[sc->identifier_count] = (char)tolower((unsigned char)word[0]);
            break;
        }
    }
    sc->identifier_count++;
    const char *id = sc->identifiers;
    bool routine = id[0] == 'c' && (id[1] == 'f' || id[1] == 'p' ||
                                    (id[1] == 'o' && id[2] == 'r' && (id[3] == 'f' || id[3] == 'p')));
    if (!routine || sc->paren_depth != 0)
        return;
    if (len == 5 && strncasecmp(word, "begin", 5) == 0)
        sc->begin_depth++;
    else if (len == 4 && strncasecmp(word, "case", 4) == 0) {
        if (sc->begin_depth >= 1)
            sc->begin_depth++;
    } else if (len == 3 && strncasecmp(word, "end", 3) == 0) {
        if (sc->begin_depth > 0)
            sc->begin_depth--;
    }
}

static void scan_identifier(Scanner *sc, InputText *in)
{
    size_t start = in->pos;
    while (in->pos < in->len && is_ident_cont((unsigned char)in->text[in->pos]))
        in->pos += scan_char_len(sc, in);
    track_identifier(sc, in->text + start, in->pos - start);
    sb_append_n(sc->out, in->text + start, in->pos - start);
}

static void scan_number(Scanner *sc, InputText *in)
{
    size_t n = 0;
    while (is_digit((unsigned char)peek(in, n)))
        n++;
    if (peek(in, n) == '.' && peek(in, n + 1) != '.') {
        n++;
        while (is_digit((unsigned char)peek(in, n)))
            n++;
    }
    char e = peek(in, n);
    if (e == 'e' || e == 'E') {
        size_t m = n + 1;
        if (peek(in, m) == '+' || peek(in, m) == '-')
            m++;
        if (is_digit((unsigned char)peek(in, m))) {
            while (is_digit((unsigned char)peek(in, m)))
                m++;
            n = m;
        }
    }
    emit(sc, in, n);
}

/* $tag$ at the current position: its length, or 0; *failed_len gets the length of "$tag" with no closing $ */
static size_t dollar_delimiter_len(const InputText *in, size_t *failed_len)
{
    size_t n = 1;
    *failed_len = 0;
    unsigned char c = (unsigned char)peek(in, n);
    if (c && is_ident_start(c)) {
        n++;
        while ((c = (unsigned char)peek(in, n)) && is_var_char(c))
            n++;
    }
    if (peek(in, n) == '$')
        return n + 1;
    if (n > 1)
        *failed_len = n;
    return 0;
}

static void scan_dollar(Scanner *sc, InputText *in)
{
    size_t failed;
    size_t n = dollar_delimiter_len(in, &failed);
    if (n > 0) {
        free(sc->dollar_tag);
        sc->dollar_tag = xstrndup(in->text + in->pos, n);
        sc->state = LX_DOLLAR;
        emit(sc, in, n);
    } else if (failed == 0 && is_digit((unsigned char)peek(in, 1))) {
        sc->traits |= SCAN_STMT_PARAMETER;
        size_t m = 1;
        while (is_digit((unsigned char)peek(in, m)))
            m++;
        emit(sc, in, m);
    } else {
        emit(sc, in, 1);
    }
}

/* a prefixed string start such as E'...', or 0 */
static size_t string_prefix(Scanner *sc, InputText *in, LexState *state)
{
    char c = (char)tolower((unsigned char)peek(in, 0));
    char c1 = peek(in, 1);
    if (c1 == '\'') {
        switch (c) {
        case 'b': *state = LX_BITSTR; return 2;
        case 'x': *state = LX_HEXSTR; return 2;
        case 'e': *state = LX_ESTRING; return 2;
        default: break;
        }
    }
    if (c == 'u' && c1 == '&') {
        char c2 = peek(in, 2);
        if (c2 == '\'') {
            *state = LX_USTRING;
            return 3;
        }
        if (c2 == '"') {
            *state = LX_UIDENT;
            return 3;
        }
    }
    return 0;
}

static int scan_punctuation(Scanner *sc, InputText *in, char c)
{
    switch (c) {
    case '(':
        sc->paren_depth++;
        emit(sc, in, 1);
        return STEP_CONTINUE;
    case ')':
        if (sc->paren_depth > 0)
            sc->paren_depth--;
        emit(sc, in, 1);
        return STEP_CONTINUE;
    case ';':
        emit(sc, in, 1);
        if (sc->paren_depth == 0 && sc->begin_depth == 0) {
            sc->identifier_count = 0;
            return STEP_SEMICOLON;
        }
        return STEP_CONTINUE;
    case '\\': {
        char next = peek(in, 1);
        if (next == ';' || next == ':') {
            /* \; and \: put the character itself into the query */
            in->pos++;
            emit(sc, in, 1);
            if (next == ';') {
                sc->identifier_count = 0;
                sc->traits |= SCAN_STMT_SEVERAL;
            }
            return STEP_CONTINUE;
        }
        in->pos++;
        return STEP_BACKSLASH;
    }
    default:
        return 0;
    }
}

static void scan_whitespace_or_comment(Scanner *sc, InputText *in, bool comment)
{
    size_t start = in->pos;
    if (comment) {
        while (in->pos < in->len && in->text[in->pos] != '\n' && in->text[in->pos] != '\r')
            in->pos++;
    } else {
        while (in->pos < in->len && is_space((unsigned char)in->text[in->pos]))
            in->pos++;
    }
    /* nothing before the first real token of a statement is kept */
    if (sc->out->len > 0)
        sb_append_n(sc->out, in->text + start, in->pos - start);
}

static int step_initial(Scanner *sc, InputText *in)
{
    unsigned char c = (unsigned char)peek(in, 0);
    char c1 = peek(in, 1);
    LexState string_state;
    size_t n;

    if (is_space(c)) {
        scan_whitespace_or_comment(sc, in, false);
    } else if (c == '-' && c1 == '-') {
        scan_whitespace_or_comment(sc, in, true);
    } else if (c == '/' && c1 == '*') {
        sc->comment_depth = 0;
        sc->state = LX_COMMENT;
        emit(sc, in, 2);
    } else if (c == '\'') {
        sc->state = sc->std_strings ? LX_QUOTE : LX_ESTRING;
        emit(sc, in, 1);
    } else if (c == '"') {
        sc->state = LX_DQUOTE;
        emit(sc, in, 1);
    } else if ((n = string_prefix(sc, in, &string_state)) > 0) {
        sc->state = string_state;
        emit(sc, in, n);
    } else if ((c == 'n' || c == 'N') && c1 == '\'') {
        emit(sc, in, 1);    /* N'...' is an ordinary string after the N */
    } else if ((c == 'u' || c == 'U') && c1 == '&') {
        emit(sc, in, 1);
    } else if (c == '$') {
        scan_dollar(sc, in);
    } else if (c == ':') {
        scan_colon(sc, in);
    } else if (is_ident_start(c)) {
        scan_identifier(sc, in);
    } else if (is_digit(c) || (c == '.' && is_digit((unsigned char)c1))) {
        scan_number(sc, in);
    } else {
        int r = scan_punctuation(sc, in, (char)c);
        if (r != 0)
            return r;
        emit(sc, in, scan_char_len(sc, in));
    }
    return STEP_CONTINUE;
}

/* ---- inside quotes and comments ---- */

static void close_string(Scanner *sc, InputText *in)
{
    sc->state_before_stop = sc->state;
    sc->state = LX_QUOTESTOP;
    emit(sc, in, 1);
}

/* after a closing quote: whitespace with a newline and another quote continue the string */
static void step_quote_stop(Scanner *sc, InputText *in)
{
    size_t p = in->pos;
    bool newline = false;
    for (;;) {
        char c = p < in->len ? in->text[p] : '\0';
        if (c == ' ' || c == '\t' || c == '\f') {
            p++;
        } else if (c == '\n' || c == '\r') {
            newline = true;
            p++;
        } else if (c == '-' && p + 1 < in->len && in->text[p + 1] == '-') {
            while (p < in->len && in->text[p] != '\n' && in->text[p] != '\r')
                p++;
            if (p >= in->len)
                break;
        } else {
            break;
        }
    }
    if (newline && p < in->len && in->text[p] == '\'') {
        sc->state = sc->state_before_stop;
        emit(sc, in, p + 1 - in->pos);
    } else {
        sc->state = LX_INITIAL;
    }
}

static void step_in_string(Scanner *sc, InputText *in)
{
    char c = peek(in, 0);
    bool doubled_quote_ok = sc->state == LX_QUOTE || sc->state == LX_ESTRING || sc->state == LX_USTRING;
    if (c == '\'') {
        if (doubled_quote_ok && peek(in, 1) == '\'')
            emit(sc, in, 2);
        else
            close_string(sc, in);
    } else if (c == '\\' && sc->state == LX_ESTRING) {
        emit(sc, in, in->pos + 1 < in->len ? 2 : 1);
    } else {
        emit_until(sc, in, sc->state == LX_ESTRING ? "'\\" : "'");
    }
}

static void step_in_identifier(Scanner *sc, InputText *in)
{
    if (peek(in, 0) == '"') {
        if (peek(in, 1) == '"') {
            emit(sc, in, 2);
        } else {
            sc->state = LX_INITIAL;
            emit(sc, in, 1);
        }
    } else {
        emit_until(sc, in, "\"");
    }
}

static void step_in_comment(Scanner *sc, InputText *in)
{
    char c = peek(in, 0), c1 = peek(in, 1);
    if (c == '/' && c1 == '*') {
        sc->comment_depth++;
        emit(sc, in, 2);
    } else if (c == '*' && c1 == '/') {
        if (sc->comment_depth <= 0)
            sc->state = LX_INITIAL;
        else
            sc->comment_depth--;
        emit(sc, in, 2);
    } else if (c == '*' || c == '/') {
        emit(sc, in, 1);
    } else {
        emit_until(sc, in, "*/");
    }
}

static void step_in_dollar(Scanner *sc, InputText *in)
{
    if (peek(in, 0) != '$') {
        emit_until(sc, in, "$");
        return;
    }
    size_t failed;
    size_t n = dollar_delimiter_len(in, &failed);
    if (n > 0) {
        if (strlen(sc->dollar_tag) == n && memcmp(sc->dollar_tag, in->text + in->pos, n) == 0) {
            free(sc->dollar_tag);
            sc->dollar_tag = NULL;
            sc->state = LX_INITIAL;
            emit(sc, in, n);
        } else {
            /* the last $ may open the real closing tag: $a$...$junk$a$ */
            emit(sc, in, n - 1);
        }
    } else {
        emit(sc, in, failed > 0 ? failed : 1);
    }
}

static int lex_step(Scanner *sc, InputText *in)
{
    switch (sc->state) {
    case LX_INITIAL:
        return step_initial(sc, in);
    case LX_QUOTESTOP:
        step_quote_stop(sc, in);
        break;
    case LX_QUOTE:
    case LX_ESTRING:
    case LX_USTRING:
    case LX_BITSTR:
    case LX_HEXSTR:
        step_in_string(sc, in);
        break;
    case LX_DQUOTE:
    case LX_UIDENT:
        step_in_identifier(sc, in);
        break;
    case LX_COMMENT:
        step_in_comment(sc, in);
        break;
    case LX_DOLLAR:
        step_in_dollar(sc, in);
        break;
    }
    return STEP_CONTINUE;
}

static ScanResult end_of_line(Scanner *sc, PromptStatus *prompt)
{
    switch (sc->state) {
    case LX_INITIAL:
    case LX_QUOTESTOP: {
        /* open parentheses, then an open BEGIN block, keep the statement going */
        if (sc->paren_depth > 0) {
            *prompt = PROMPT_PAREN;
            return SCAN_INCOMPLETE;
        }
        if (sc->begin_depth > 0) {
            *prompt = PROMPT_CONTINUE;
            return SCAN_INCOMPLETE;
        }
        *prompt = sc->out->len > 0 ? PROMPT_CONTINUE : PROMPT_READY;
        return sc->out->len > 0 ? SCAN_EOL : SCAN_INCOMPLETE;
    }
    case LX_COMMENT:
        *prompt = PROMPT_COMMENT;
        break;
    case LX_DQUOTE:
    case LX_UIDENT:
        *prompt = PROMPT_DOUBLEQUOTE;
        break;
    case LX_DOLLAR:
        *prompt = PROMPT_DOLLARQUOTE;
        break;
    default:
        *prompt = PROMPT_SINGLEQUOTE;
        break;
    }
    return SCAN_INCOMPLETE;
}

ScanResult scanner_scan(Scanner *sc, StrBuf *query, PromptStatus *prompt)
{
    sc->out = query;
    /* nothing is kept before a statement's first token: an empty buffer is a new statement */
    if (query->len == 0)
        sc->traits = 0;
    for (;;) {
        InputText *in = sc->input;
        if (!in)
            return end_of_line(sc, prompt);
        if (in->pos >= in->len) {
            if (!in->below)
                return end_of_line(sc, prompt);
            scan_pop_text(sc);
            continue;
        }
        int step = lex_step(sc, in);
        if (step == STEP_SEMICOLON) {
            *prompt = PROMPT_READY;
            return SCAN_SEMICOLON;
        }
        if (step == STEP_BACKSLASH) {
            *prompt = PROMPT_READY;
            return SCAN_BACKSLASH;
        }
    }
}
