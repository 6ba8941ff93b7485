#include "gateway/ssh_command.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* seconds between keepalives on the SSH connection, and how many may go unanswered */
#define KEEPALIVE_INTERVAL "15"
#define KEEPALIVE_COUNT "3"
#define CONNECT_TIMEOUT "15"

void ssh_args_add(SshArgs *a, const char *word)
{
    if (a->argc + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->argv = xrealloc(a->argv, (size_t)a->cap * sizeof(char *));
    }
    a->argv[a->argc++] = xstrdup(word);
    a->argv[a->argc] = NULL;
}

static void add_option(SshArgs *a, const char *name_value)
{
    ssh_args_add(a, "-o");
    ssh_args_add(a, name_value);
}

void ssh_args_free(SshArgs *a)
{
    for (int i = 0; i < a->argc; i++)
        free(a->argv[i]);
    free(a->argv);
    memset(a, 0, sizeof(*a));
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* one "..." run starting after the quote; the position after the closing quote, or NULL */
static const char *double_quoted(const char *p, StrBuf *word)
{
    for (; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1] && strchr("$`\"\\\n", p[1]))
            p++;
        sb_append_char(word, *p);
    }
    return *p ? p + 1 : NULL;
}

bool ssh_split_words(const char *text, SshArgs *out, char **err)
{
    StrBuf word = STRBUF_INIT;
    bool in_word = false;
    const char *p = text;
    while (p && *p) {
        if (is_blank(*p)) {
            if (in_word)
                ssh_args_add(out, sb_str(&word));
            sb_reset(&word);
            in_word = false;
            p++;
            continue;
        }
        in_word = true;
        if (*p == '\'') {
            const char *end = strchr(p + 1, '\'');
            if (!end) {
                p = NULL;
                break;
            }
            sb_append_n(&word, p + 1, (size_t)(end - p - 1));
            p = end + 1;
        } else if (*p == '"') {
            p = double_quoted(p + 1, &word);
        } else if (*p == '\\') {
            if (!p[1]) {
                p = NULL;
                break;
            }
            sb_append_char(&word, p[1]);
            p += 2;
        } else {
            sb_append_char(&word, *p++);
        }
    }
    if (p && in_word)
        ssh_args_add(out, sb_str(&word));
    sb_free(&word);
    if (!p) {
        *err = xstrdup("an unfinished quote or escape");
        return false;
    }
    return true;
}

bool ssh_command_from_env(void)
{
    const char *v = getenv("PGCONSOLE_SSH_COMMAND");
    return v && *v;
}

bool ssh_user_command(SshArgs *out, char **err)
{
    memset(out, 0, sizeof(*out));
    if (!ssh_command_from_env()) {
        ssh_args_add(out, "ssh");
        return true;
    }
    char *why = NULL;
    if (!ssh_split_words(getenv("PGCONSOLE_SSH_COMMAND"), out, &why) || out->argc == 0) {
        *err = xasprintf("PGCONSOLE_SSH_COMMAND cannot be used: %s", why ? why : "it names no command");
        free(why);
        ssh_args_free(out);
        return false;
    }
    return true;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

bool ssh_parse_gateway(const char *gateway, char **host, char **port)
{
    *host = *port = NULL;
    if (!gateway || !*gateway || gateway[0] == '-' || strpbrk(gateway, " \t\n@/"))
        return false;
    const char *colon;
    char *h;
    if (gateway[0] == '[') {
        const char *close = strchr(gateway, ']');
        if (!close || close == gateway + 1 || (close[1] && close[1] != ':'))
            return false;
        h = xstrndup(gateway + 1, (size_t)(close - gateway - 1));
        colon = close[1] ? close + 1 : NULL;
    } else {
        colon = strrchr(gateway, ':');
        if (colon && strchr(gateway, ':') != colon)
            return false;   /* a bare v6 address needs brackets to carry a port */
        h = colon ? xstrndup(gateway, (size_t)(colon - gateway)) : xstrdup(gateway);
    }
    const char *p = colon ? colon + 1 : "22";
    if (!*h || h[0] == '-' || !all_digits(p) || atoi(p) < 1 || atoi(p) > 65535) {
        free(h);
        return false;
    }
    *host = h;
    *port = xstrdup(p);
    return true;
}

char *ssh_forward_spec(int local_port, const char *host, const char *port)
{
    bool v6 = strchr(host, ':') != NULL;
    return xasprintf("127.0.0.1:%d:%s%s%s:%s", local_port, v6 ? "[" : "", host, v6 ? "]" : "", port);
}

/* the user, the port and the host, last, after "--" so that nothing can read as an option */
static void add_destination(SshArgs *a, const char *host, const char *port)
{
    ssh_args_add(a, "-p");
    ssh_args_add(a, port);
    ssh_args_add(a, "-l");
    ssh_args_add(a, SSH_GATEWAY_USER);
    ssh_args_add(a, "--");
    ssh_args_add(a, host);
}

void ssh_master_args(SshArgs *a, const char *host, const char *port, const char *control_path, bool interactive,
                     char *const *forwards, int nforwards)
{
    ssh_args_add(a, "-N");
    if (!interactive)
        add_option(a, "BatchMode=yes");
    add_option(a, "ExitOnForwardFailure=yes");
    add_option(a, "ServerAliveInterval=" KEEPALIVE_INTERVAL);
    add_option(a, "ServerAliveCountMax=" KEEPALIVE_COUNT);
    add_option(a, "ConnectTimeout=" CONNECT_TIMEOUT);
    /* errors and "open failed" notices are what the messages are made from, whatever LogLevel the config sets */
    add_option(a, "LogLevel=INFO");
    /* ours, whatever the config says: a ControlPersist master would leave for the background and outlive us */
    add_option(a, "ControlMaster=yes");
    add_option(a, "ControlPersist=no");
    char *path = xasprintf("ControlPath=%s", control_path);
    add_option(a, path);
    free(path);
    for (int i = 0; i < nforwards; i++) {
        ssh_args_add(a, "-L");
        ssh_args_add(a, forwards[i]);
    }
    add_destination(a, host, port);
}

void ssh_add_forward_args(SshArgs *a, const char *host, const char *port, const char *control_path,
                          const char *forward)
{
    char *path = xasprintf("ControlPath=%s", control_path);
    add_option(a, path);
    free(path);
    add_option(a, "BatchMode=yes");
    ssh_args_add(a, "-O");
    ssh_args_add(a, "forward");
    ssh_args_add(a, "-L");
    ssh_args_add(a, forward);
    add_destination(a, host, port);
}

void ssh_host_key_args(SshArgs *a, const char *host, const char *port)
{
    ssh_args_add(a, "-N");
    add_option(a, "BatchMode=yes");
    /* stricter than the default, never looser: the point is to stop right after the key is shown */
    add_option(a, "StrictHostKeyChecking=yes");
    add_option(a, "LogLevel=DEBUG1");
    add_option(a, "ConnectTimeout=" CONNECT_TIMEOUT);
    add_option(a, "ControlMaster=no");
    add_option(a, "ControlPath=none");
    add_destination(a, host, port);
}
