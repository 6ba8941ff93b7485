#include "tunnel/exec_child.h"

#include <ctype.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static void append_encoded(StrBuf *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p))
            sb_append_char(sb, (char)*p);
        else
            sb_printf(sb, "%%%02X", *p);
    }
}

char *exec_local_url(const char *host, int port, const TunnelTarget *t, int with_password)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "postgresql://");
    if (t->user) {
        append_encoded(&sb, t->user);
        if (with_password && t->password) {
            sb_append_char(&sb, ':');
            append_encoded(&sb, t->password);
        }
        sb_append_char(&sb, '@');
    }
    sb_printf(&sb, strchr(host, ':') ? "[%s]:%d" : "%s:%d", host, port);
    if (t->dbname) {
        sb_append_char(&sb, '/');
        append_encoded(&sb, t->dbname);
    }
    sb_append(&sb, "?sslmode=disable");
    return sb_steal(&sb);
}

static const char *const replaced[] = {"PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD",
                                       "PGSERVICE", "PGSSLMODE", "DATABASE_URL"};

static bool is_replaced(const char *entry)
{
    for (size_t i = 0; i < sizeof(replaced) / sizeof(replaced[0]); i++) {
        size_t n = strlen(replaced[i]);
        if (strncmp(entry, replaced[i], n) == 0 && entry[n] == '=')
            return true;
    }
    return false;
}

char **exec_environment(char *const *current, const char *host, int port, const TunnelTarget *t)
{
    size_t n = 0;
    while (current && current[n])
        n++;
    char **env = xcalloc(n + 9, sizeof(char *));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_replaced(current[i]))
            env[k++] = xstrdup(current[i]);
    env[k++] = xasprintf("PGHOST=%s", host);
    env[k++] = xasprintf("PGPORT=%d", port);
    env[k++] = xstrdup("PGSSLMODE=disable");
    if (t->user)
        env[k++] = xasprintf("PGUSER=%s", t->user);
    if (t->dbname)
        env[k++] = xasprintf("PGDATABASE=%s", t->dbname);
    if (t->password)
        env[k++] = xasprintf("PGPASSWORD=%s", t->password);
    char *url = exec_local_url(host, port, t, 1);
    env[k++] = xasprintf("DATABASE_URL=%s", url);
    explicit_bzero(url, strlen(url));
    free(url);
    env[k] = NULL;
    return env;
}

void exec_environment_free(char **env)
{
    if (!env)
        return;
    for (char **e = env; *e; e++) {
        explicit_bzero(*e, strlen(*e));
        free(*e);
    }
    free(env);
}

pid_t exec_spawn(char *const *argv, char *const *env, char **err)
{
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    int handled[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD};
    for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
        sigaddset(&defaults, handled[i]);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], NULL, &attr, argv, env);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        *err = xasprintf("could not run \"%s\": %s", argv[0], strerror(rc));
        return -1;
    }
    return pid;
}

int exec_exit_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 1;
}
