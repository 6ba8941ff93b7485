#include "gateway/ssh_failure.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "gateway/ssh_command.h"
#include "util/xalloc.h"

/* the line of log that contains needle (without its end of line), or NULL */
static char *line_with(const char *log, const char *needle)
{
    const char *hit = log ? strstr(log, needle) : NULL;
    if (!hit)
        return NULL;
    const char *start = hit;
    while (start > log && start[-1] != '\n')
        start--;
    size_t len = strcspn(start, "\r\n");
    return xstrndup(start, len);
}

/* the text after needle up to the end of its line, without a final '.', or NULL */
static char *rest_of_line(const char *log, const char *needle)
{
    const char *hit = log ? strstr(log, needle) : NULL;
    if (!hit)
        return NULL;
    hit += strlen(needle);
    size_t len = strcspn(hit, "\r\n");
    while (len > 0 && (hit[len - 1] == '.' || hit[len - 1] == ' '))
        len--;
    return xstrndup(hit, len);
}

/* the last line that is not empty and not debug output: what ssh said last */
static char *last_line(const char *log)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (const char *p = log; p && *p;) {
        size_t len = strcspn(p, "\r\n");
        if (len > 0 && strncmp(p, "debug", 5) != 0) {
            best = p;
            best_len = len;
        }
        p += len;
        p += strspn(p, "\r\n");
    }
    return best ? xstrndup(best, best_len) : NULL;
}

/* "Connection refused" from "ssh: connect to host H port P: Connection refused" */
static char *after_last_colon(const char *line)
{
    const char *colon = strrchr(line, ':');
    const char *reason = colon ? colon + 1 : line;
    reason += strspn(reason, " ");
    return xstrdup(reason);
}

static bool unreachable(const char *log, SshFailure *f)
{
    static const char *const markers[] = {"ssh: connect to host ", "Could not resolve hostname",
                                          "Connection timed out during banner exchange",
                                          "kex_exchange_identification: ", "Connection closed by ",
                                          "Connection reset by "};
    for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
        char *line = line_with(log, markers[i]);
        if (!line)
            continue;
        if (i == 0 || i == 1 || i == 3)
            f->detail = after_last_colon(line);
        else if (i == 2)
            f->detail = xstrdup("timed out waiting for its SSH banner");
        else
            f->detail = xstrdup("the connection was closed before any SSH exchange");
        free(line);
        f->kind = SSH_FAILURE_UNREACHABLE;
        return true;
    }
    return false;
}

/* "ED25519 key SHA256:..." from a key type as the protocol names it and a fingerprint */
static char *describe_key(const char *type, const char *fingerprint)
{
    static const char *const names[][2] = {{"ssh-ed25519", "ED25519"}, {"ecdsa-sha2-", "ECDSA"},
                                           {"rsa-sha2-", "RSA"},        {"ssh-rsa", "RSA"},
                                           {"sk-ssh-ed25519", "ED25519-SK"}, {"sk-ecdsa-sha2-", "ECDSA-SK"}};
    const char *shown = type;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strncmp(type, names[i][0], strlen(names[i][0])) == 0)
            shown = names[i][1];
    return xasprintf("%s key %s", shown, fingerprint);
}

char *ssh_failure_server_key(const char *debug_log)
{
    char *rest = rest_of_line(debug_log, "Server host key: ");
    if (!rest)
        return NULL;
    char *space = strchr(rest, ' ');
    char *key = NULL;
    if (space && strncmp(space + 1, "SHA256:", 7) == 0) {
        *space = '\0';
        key = describe_key(rest, space + 1);
    }
    free(rest);
    return key;
}

static void changed_key(const char *log, SshFailure *f)
{
    f->kind = SSH_FAILURE_HOST_KEY_CHANGED;
    /* "The fingerprint for the ED25519 key sent by the remote host is\nSHA256:...." */
    char *type = rest_of_line(log, "The fingerprint for the ");
    const char *fp = strstr(log, "sent by the remote host is");
    if (type && fp) {
        char *cut = strstr(type, " key sent by");
        if (cut)
            *cut = '\0';
        fp += strcspn(fp, "\r\n");
        fp += strspn(fp, "\r\n");
        size_t len = strcspn(fp, "\r\n");
        while (len > 0 && fp[len - 1] == '.')
            len--;
        char *fingerprint = xstrndup(fp, len);
        f->key = xasprintf("%s key %s", type, fingerprint);
        free(fingerprint);
    }
    free(type);
    /* "Offending ED25519 key in /path/known_hosts:3" */
    char *offending = rest_of_line(log, "Offending ");
    const char *in = offending ? strstr(offending, " in ") : NULL;
    if (in)
        f->old_key_at = xstrdup(in + 4);
    free(offending);
}

void ssh_failure_parse(const char *log, SshFailure *f)
{
    memset(f, 0, sizeof(*f));
    log = log ? log : "";
    if (strstr(log, "REMOTE HOST IDENTIFICATION HAS CHANGED") || strstr(log, "has changed and you have requested")) {
        changed_key(log, f);
    } else if (strstr(log, "Host key verification failed") || strstr(log, "host key is known for")) {
        f->kind = SSH_FAILURE_HOST_KEY_UNKNOWN;
    } else if (strstr(log, "Permission denied (")) {
        f->kind = SSH_FAILURE_NO_KEY;
    } else if (strstr(log, "Could not request local forwarding") || strstr(log, "cannot listen to port")) {
        f->kind = SSH_FAILURE_LOCAL_PORT;
    } else if (!unreachable(log, f)) {
        f->kind = SSH_FAILURE_OTHER;
        f->detail = last_line(log);
    }
}

void ssh_failure_free(SshFailure *f)
{
    free(f->detail);
    free(f->key);
    free(f->old_key_at);
    memset(f, 0, sizeof(*f));
}

/* how known_hosts names the gateway: "host", or "[host]:port" off port 22 */
static char *known_hosts_name(const char *host, const char *port)
{
    return strcmp(port, "22") == 0 ? xstrdup(host) : xasprintf("[%s]:%s", host, port);
}

static char *changed_message(const SshFailure *f, const char *host, const char *port)
{
    char *name = known_hosts_name(host, port);
    char *m = xasprintf("the host key of the SSH gateway %s:%s has changed (it now shows %s%s%s): this can be an "
                        "attack; only if Scalingo announced a new key, remove the old one with \"ssh-keygen -R "
                        "'%s'\" and try again", host, port, f->key ? f->key : "another key",
                        f->old_key_at ? "; the old one is in " : "", f->old_key_at ? f->old_key_at : "", name);
    free(name);
    return m;
}

char *ssh_failure_message(const SshFailure *f, const char *host, const char *port, int exit_status)
{
    switch (f->kind) {
    case SSH_FAILURE_HOST_KEY_UNKNOWN:
        return xasprintf("the SSH gateway %s:%s is not in your known hosts (%s%s): if that is the fingerprint "
                         "Scalingo publishes for it, accept it once with \"ssh -p %s %s@%s\", then try again",
                         host, port, f->key ? "it shows " : "its key could not be read", f->key ? f->key : "", port,
                         SSH_GATEWAY_USER, host);
    case SSH_FAILURE_HOST_KEY_CHANGED:
        return changed_message(f, host, port);
    case SSH_FAILURE_NO_KEY:
        return xasprintf("the SSH gateway %s:%s accepted none of your SSH keys (as user %s): add your public key to "
                         "your Scalingo account with \"scalingo keys-add NAME ~/.ssh/id_ed25519.pub\", or load the "
                         "right key in ssh-agent", host, port, SSH_GATEWAY_USER);
    case SSH_FAILURE_UNREACHABLE:
        return xasprintf("could not reach the SSH gateway %s:%s (%s): check your network connection%s", host, port,
                         f->detail, getenv("SCALINGO_SSH_HOST") ? " and SCALINGO_SSH_HOST" : "");
    case SSH_FAILURE_LOCAL_PORT:
        return xasprintf("the SSH connection to the gateway %s:%s could not listen on a local port", host, port);
    case SSH_FAILURE_OTHER:
        break;
    }
    if (f->detail)
        return xasprintf("the SSH connection to the gateway %s:%s failed: %s", host, port, f->detail);
    return xasprintf("the SSH connection to the gateway %s:%s failed (ssh exited with status %d and said nothing)",
                     host, port, exit_status);
}

char *ssh_failure_channel(const char *log, const char *host, const char *port, const char *db_host,
                          const char *db_port)
{
    /* "channel 2: open failed: administratively prohibited: open failed" */
    char *reason = rest_of_line(log, ": open failed: ");
    if (!reason)
        return NULL;
    char *m = xasprintf("the SSH gateway %s:%s could not open a connection to the database at %s:%s (%s)", host,
                        port, db_host, db_port, reason);
    free(reason);
    return m;
}
