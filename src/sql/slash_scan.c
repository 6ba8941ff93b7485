/*
 * The backslash-command half of the scanner: the command name and its arguments,
 * with psql's quoting ('...' with escapes, "..." kept verbatim, `command` output),
 * :variable references and the rules that end an argument.
 */
#include <ctype.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql/scanner_int.h"
#include "util/log.h"
#include "util/xalloc.h"

typedef enum ArgState { ARG_START, ARG_PLAIN, ARG_SQUOTE, ARG_BACKQUOTE, ARG_DQUOTE, ARG_WHOLE_LINE } ArgState;

typedef struct ArgScan {
    Scanner *sc;
    SlashOptType type;
    ArgState state;
    StrBuf out;
    char quote;
    int unquoted_chars;       /* trailing characters not subject to quoting */
    size_t backtick_start;
} ArgScan;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_var_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 || (c >= '0' && c <= '9');
}

/* the text being read, after dropping exhausted variable expansions; NULL at the end */
static InputText *current(Scanner *sc)
{
    while (sc->input && sc->input->pos >= sc->input->len && sc->input->below)
        scan_pop_text(sc);
    if (!sc->input || sc->input->pos >= sc->input->len)
        return NULL;
    return sc->input;
}

static char peek(const InputText *in, size_t ahead)
{
    return in->pos + ahead < in->len ? in->text[in->pos + ahead] : '\0';
}

char *scanner_slash_command(Scanner *sc)
{
    StrBuf name = STRBUF_INIT;
    InputText *in;
    while ((in = current(sc)) != NULL) {
        char c = in->text[in->pos];
        if (is_space(c) || c == '\\')
            break;
        size_t n = scan_char_len(sc, in);
        sb_append_n(&name, in->text + in->pos, n);
        in->pos += n;
    }
    sc->state = LX_INITIAL;
    return sb_steal(&name);
}

void scanner_slash_command_end(Scanner *sc)
{
    InputText *in = current(sc);
    if (in && peek(in, 0) == '\\' && peek(in, 1) == '\\')
        in->pos += 2;
    sc->state = LX_INITIAL;
}

static char *get_var(Scanner *sc, const char *name, VarQuoting quoting)
{
    return sc->cb.get_variable ? sc->cb.get_variable(sc->cb.ctx, name, quoting) : NULL;
}

static void run_backtick(ArgScan *a)
{
    const char *cmd = a->out.data + a->backtick_start;
    StrBuf result = STRBUF_INIT;
    bool ok = true;
    FILE *fp = popen(cmd, "r");
    if (!fp) {
        log_error("%s: %s", cmd, strerror(errno));
        ok = false;
    } else {
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
            sb_append_n(&result, buf, n);
        if (ferror(fp)) {
            log_error("%s: %s", cmd, strerror(errno));
            ok = false;
        }
        if (pclose(fp) == -1) {
            log_error("%s: %s", cmd, strerror(errno));
            ok = false;
        }
    }
    sb_truncate(&a->out, a->backtick_start);
    if (ok) {
        if (result.len > 0 && result.data[result.len - 1] == '\n')
            result.len--;
        sb_append_n(&a->out, sb_str(&result), result.len);
    }
    sb_free(&result);
}

/* :name, :'name', :"name", :{?name} inside an argument; returns false if not a reference */
static bool arg_variable(ArgScan *a, InputText *in, bool in_backticks)
{
    char next = peek(in, 1);
    size_t n = 0;
    if (is_var_char((unsigned char)next)) {
        while (is_var_char((unsigned char)peek(in, 1 + n)))
            n++;
        char *name = xstrndup(in->text + in->pos + 1, n);
        char *value = get_var(a->sc, name, QUOTE_PLAIN);
        sb_append_n(&a->out, value ? value : in->text + in->pos, value ? strlen(value) : n + 1);
        in->pos += n + 1;
        free(value);
        free(name);
        if (!in_backticks) {
            a->quote = ':';
            a->unquoted_chars = 0;
        }
        return true;
    }
    bool braces = !in_backticks && next == '{' && peek(in, 2) == '?';
    bool quoted = next == '\'' || (!in_backticks && next == '"');
    if (!braces && !quoted)
        return false;
    size_t prefix = braces ? 3 : 2;
    while (is_var_char((unsigned char)peek(in, prefix + n)))
        n++;
    char closer = braces ? '}' : next;
    if (n == 0 || peek(in, prefix + n) != closer)
        return false;
    char *name = xstrndup(in->text + in->pos + prefix, n);
    VarQuoting quoting = in_backticks ? QUOTE_SHELL_ARG : next == '\'' ? QUOTE_SQL_LITERAL : QUOTE_SQL_IDENT;
    char *value = get_var(a->sc, name, braces ? QUOTE_PLAIN : quoting);
    if (braces)
        sb_append(&a->out, value ? "TRUE" : "FALSE");
    else if (value)
        sb_append(&a->out, value);
    else
        sb_append_n(&a->out, in->text + in->pos, prefix + n + 1);
    in->pos += prefix + n + 1;
    free(value);
    free(name);
    if (!braces && !in_backticks) {
        a->quote = ':';
        a->unquoted_chars = 0;
    }
    return true;
}

/* returns false when the argument ends here */
static bool step_plain(ArgScan *a, InputText *in)
{
    char c = peek(in, 0);
    if (is_space(c) || c == '\\')
        return false;
    if (c == '\'') {
        a->quote = '\'';
        a->unquoted_chars = 0;
        a->state = ARG_SQUOTE;
        in->pos++;
    } else if (c == '`') {
        a->backtick_start = a->out.len;
        a->quote = '`';
        a->unquoted_chars = 0;
        a->state = ARG_BACKQUOTE;
        in->pos++;
    } else if (c == '"') {
        sb_append_char(&a->out, c);
        a->quote = '"';
        a->unquoted_chars = 0;
        a->state = ARG_DQUOTE;
        in->pos++;
    } else if (c == ':' && arg_variable(a, in, false)) {
        /* substituted */
    } else {
        size_t n = scan_char_len(a->sc, in);
        sb_append_n(&a->out, in->text + in->pos, n);
        in->pos += n;
        a->unquoted_chars++;
    }
    return true;
}

static bool is_octal(char c)
{
    return c >= '0' && c <= '7';
}

/* a backslash escape inside '...' */
static void squote_escape(ArgScan *a, InputText *in)
{
    char c = peek(in, 1);
    const char *simple = c ? strchr("ntbrf", c) : NULL;
    if (simple) {
        static const char map[] = "\n\t\b\r\f";
        sb_append_char(&a->out, map[simple - "ntbrf"]);
        in->pos += 2;
    } else if (is_octal(c)) {
        int v = 0, n = 0;
        while (n < 3 && is_octal(peek(in, 1 + (size_t)n)))
            v = v * 8 + (peek(in, 1 + (size_t)n++) - '0');
        sb_append_char(&a->out, (char)v);
        in->pos += 1 + (size_t)n;
    } else if (c == 'x' && isxdigit((unsigned char)peek(in, 2))) {
        int v = 0, n = 0;
        while (n < 2 && isxdigit((unsigned char)peek(in, 2 + (size_t)n))) {
            char h = peek(in, 2 + (size_t)n++);
            v = v * 16 + (isdigit((unsigned char)h) ? h - '0' : tolower((unsigned char)h) - 'a' + 10);
        }
        sb_append_char(&a->out, (char)v);
        in->pos += 2 + (size_t)n;
    } else if (c) {
        in->pos++;
        size_t n = scan_char_len(a->sc, in);
        sb_append_n(&a->out, in->text + in->pos, n);
        in->pos += n;
    } else {
        sb_append_char(&a->out, '\\');
        in->pos++;
    }
}

static void step_squote(ArgScan *a, InputText *in)
{
    char c = peek(in, 0);
    if (c == '\'') {
        if (peek(in, 1) == '\'') {
            sb_append_char(&a->out, '\'');
            in->pos += 2;
        } else {
            a->state = ARG_PLAIN;
            in->pos++;
        }
    } else if (c == '\\') {
        squote_escape(a, in);
    } else {
        size_t n = scan_char_len(a->sc, in);
        sb_append_n(&a->out, in->text + in->pos, n);
        in->pos += n;
    }
}

static void step_backquote(ArgScan *a, InputText *in)
{
    char c = peek(in, 0);
    if (c == '`') {
        in->pos++;
        bool may_run = !a->sc->cb.may_run_backticks || a->sc->cb.may_run_backticks(a->sc->cb.ctx);
        if (may_run)
            run_backtick(a);
        a->state = ARG_PLAIN;
    } else if (c == ':' && arg_variable(a, in, true)) {
        /* substituted */
    } else {
        sb_append_char(&a->out, c);
        in->pos++;
    }
}

static bool step_arg(ArgScan *a, InputText *in)
{
    char c = peek(in, 0);
    switch (a->state) {
    case ARG_START:
        if (is_space(c)) {
            in->pos++;
        } else if (c == '|' && a->type == OT_FILEPIPE) {
            sb_append_char(&a->out, c);
            in->pos++;
            a->state = ARG_WHOLE_LINE;
        } else {
            a->state = ARG_PLAIN;
        }
        return true;
    case ARG_PLAIN:
        return step_plain(a, in);
    case ARG_SQUOTE:
        step_squote(a, in);
        return true;
    case ARG_BACKQUOTE:
        step_backquote(a, in);
        return true;
    case ARG_DQUOTE:
        sb_append_char(&a->out, c);
        in->pos++;
        if (c == '"')
            a->state = ARG_PLAIN;
        return true;
    case ARG_WHOLE_LINE:
        if (!is_space(c) || a->out.len > 0)
            sb_append_char(&a->out, c);
        in->pos++;
        return true;
    }
    return false;
}

static char *finish_arg(ArgScan *a, bool strip_semicolon)
{
    switch (a->state) {
    case ARG_PLAIN:
        if (strip_semicolon) {
            while (a->unquoted_chars-- > 0 && a->out.len > 0 && a->out.data[a->out.len - 1] == ';')
                sb_truncate(&a->out, a->out.len - 1);
        }
        if ((a->type == OT_SQLID || a->type == OT_SQLIDHACK) && a->out.data) {
            dequote_downcase_identifier(a->out.data, a->type == OT_SQLID, a->sc->encoding);
            a->out.len = strlen(a->out.data);
        }
        break;
    case ARG_SQUOTE:
    case ARG_BACKQUOTE:
    case ARG_DQUOTE:
        log_error("unterminated quoted string");
        sb_free(&a->out);
        return NULL;
    default:
        break;
    }
    if (a->out.len == 0 && a->quote == 0) {
        sb_free(&a->out);
        return NULL;
    }
    return sb_steal(&a->out);
}

char *scanner_slash_option(Scanner *sc, SlashOptType type, char *quote, bool strip_semicolon)
{
    ArgScan a = {.sc = sc, .type = type, .state = type == OT_WHOLE_LINE ? ARG_WHOLE_LINE : ARG_START};
    sb_init(&a.out);
    InputText *in;
    while ((in = current(sc)) != NULL) {
        if (!step_arg(&a, in))
            break;
    }
    sc->state = LX_INITIAL;
    char *result = finish_arg(&a, strip_semicolon);
    if (quote)
        *quote = a.quote;
    return result;
}

void dequote_downcase_identifier(char *str, bool downcase, int encoding)
{
    bool inquotes = false;
    char *cp = str;
    while (*cp) {
        if (*cp == '"') {
            if (inquotes && cp[1] == '"')
                cp++;   /* a doubled quote stands for one */
            else
                inquotes = !inquotes;
            memmove(cp, cp + 1, strlen(cp));
        } else {
            if (downcase && !inquotes)
                *cp = (char)tolower((unsigned char)*cp);
            int len = PQmblen(cp, encoding);
            size_t left = strlen(cp);
            cp += (len < 1 ? 1 : ((size_t)len > left ? left : (size_t)len));
        }
    }
}
