/*
 * Prompt expansion.  Each escape is one small function of the session; the
 * invisible-text markers %[ and %] become the \001/\002 bytes that libedit and
 * readline understand.
 */
#include "console/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "sql/conditional.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define PROMPT_IGNORE_START '\001'
#define PROMPT_IGNORE_END '\002'

static bool is_socket_path(const char *host)
{
    return !host || !host[0] || host[0] == '/';
}

static void append_host(Session *s, StrBuf *out, bool full)
{
    const char *host = PQhost(s->db);
    if (!is_socket_path(host)) {
        size_t len = full ? strlen(host) : strcspn(host, ".");
        sb_append_n(out, host, len);
    } else if (!host || !host[0] || strcmp(host, "/var/run/postgresql") == 0 || !full) {
        sb_append(out, "[local]");
    } else {
        sb_printf(out, "[local:%s]", host);
    }
}

static char status_char(Session *s, PromptStatus status)
{
    switch (status) {
    case PROMPT_READY:
        if (s->cond && !cond_active(s->cond))
            return '@';
        if (!s->db)
            return '!';
        return s->singleline ? '^' : '=';
    case PROMPT_CONTINUE: return '-';
    case PROMPT_SINGLEQUOTE: return '\'';
    case PROMPT_DOUBLEQUOTE: return '"';
    case PROMPT_DOLLARQUOTE: return '$';
    case PROMPT_COMMENT: return '*';
    case PROMPT_PAREN: return '(';
    default: return '\0';
    }
}

static char transaction_char(Session *s)
{
    if (!s->db)
        return '?';
    switch (PQtransactionStatus(s->db)) {
    case PQTRANS_IDLE: return '\0';
    case PQTRANS_ACTIVE:
    case PQTRANS_INTRANS: return '*';
    case PQTRANS_INERROR: return '!';
    default: return '?';
    }
}

static const char *session_user(Session *s)
{
    const char *v = PQparameterStatus(s->db, "session_authorization");
    return v ? v : PQuser(s->db);
}

static void append_database(Session *s, StrBuf *out, bool tilde)
{
    const char *db = PQdb(s->db);
    const char *env = getenv("PGDATABASE");
    if (tilde && (strcmp(db, PQuser(s->db)) == 0 || (env && strcmp(env, db) == 0)))
        sb_append_char(out, '~');
    else
        sb_append(out, db);
}

/* %`command`: its first line of output */
static const char *append_command_output(StrBuf *out, const char *p)
{
    size_t len = strcspn(p + 1, "`");
    char *cmd = xstrndup(p + 1, len);
    fflush(NULL);
    FILE *fp = popen(cmd, "r");
    if (fp) {
        char buf[256];
        if (fgets(buf, sizeof(buf), fp)) {
            buf[strcspn(buf, "\r\n")] = '\0';
            sb_append(out, buf);
        }
        pclose(fp);
    }
    free(cmd);
    return p + len + (p[len + 1] ? 1 : 0);
}

static const char *append_variable(Session *s, StrBuf *out, const char *p)
{
    size_t len = strcspn(p + 1, ":");
    char *name = xstrndup(p + 1, len);
    const char *value = vars_get(s->vars, name);
    if (value)
        sb_append(out, value);
    free(name);
    return p + len + (p[len + 1] ? 1 : 0);
}

static const char *append_octal(StrBuf *out, const char *p)
{
    int v = 0, n = 0;
    while (n < 3 && p[n] >= '0' && p[n] <= '7')
        v = v * 8 + (p[n++] - '0');
    if (v)
        sb_append_char(out, (char)v);
    return p + n - 1;
}

/* one escape; returns the last character it consumed */
static const char *expand_escape(Session *s, PromptStatus status, StrBuf *out, const char *p)
{
    char c;
    bool connected = s->db != NULL;
    switch (*p) {
    case '/': if (connected) append_database(s, out, false); break;
    case '~': if (connected) append_database(s, out, true); break;
    case 'M': case 'm': if (connected) append_host(s, out, *p == 'M'); break;
    case '>': if (connected && PQport(s->db)) sb_append(out, PQport(s->db)); break;
    case 'n': if (connected) sb_append(out, session_user(s)); break;
    case 'p': if (connected && PQbackendPID(s->db)) sb_printf(out, "%d", PQbackendPID(s->db)); break;
    case 'R': if ((c = status_char(s, status))) sb_append_char(out, c); break;
    case 'x': if ((c = transaction_char(s))) sb_append_char(out, c); break;
    case 'l': sb_printf(out, "%lu", s->stmt_lineno); break;
    case '#': {
        const char *su = connected ? PQparameterStatus(s->db, "is_superuser") : NULL;
        sb_append_char(out, su && strcmp(su, "on") == 0 ? '#' : '>');
        break;
    }
    case 'w':
        for (size_t i = 0; i < s->last_prompt1_width; i++)
            sb_append_char(out, ' ');
        break;
    case '[': sb_append_char(out, PROMPT_IGNORE_START); break;
    case ']': sb_append_char(out, PROMPT_IGNORE_END); break;
    case '`': return append_command_output(out, p);
    case ':': return append_variable(s, out, p);
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        return append_octal(out, p);
    case '?': break;
    default: sb_append_char(out, *p); break;
    }
    return p;
}

char *prompt_expand(Session *s, PromptStatus status)
{
    const char *tmpl = status == PROMPT_READY  ? s->prompt1
                       : status == PROMPT_COPY ? s->prompt3
                                               : s->prompt2;
    StrBuf out = STRBUF_INIT;
    for (const char *p = tmpl ? tmpl : ""; *p; p++) {
        if (*p == '%' && p[1]) {
            p = expand_escape(s, status, &out, p + 1);
        } else if (*p != '%') {
            sb_append_char(&out, *p);
        }
    }
    char *result = sb_steal(&out);
    if (status == PROMPT_READY)
        s->last_prompt1_width = prompt_visible_width(result, s->encoding);
    return result;
}

size_t prompt_visible_width(const char *prompt, int encoding)
{
    size_t width = 0;
    bool visible = true;
    for (const char *p = prompt; *p;) {
        if (*p == PROMPT_IGNORE_START) {
            visible = false;
            p++;
        } else if (*p == PROMPT_IGNORE_END) {
            visible = true;
            p++;
        } else if (*p == '\n' || *p == '\r') {
            width = 0;
            p++;
        } else {
            int len = PQmblen(p, encoding);
            if (visible) {
                int w = PQdsplen(p, encoding);
                width += w > 0 ? (size_t)w : 0;
            }
            size_t left = strlen(p);
            p += len < 1 ? 1 : ((size_t)len > left ? left : (size_t)len);
        }
    }
    return width;
}
