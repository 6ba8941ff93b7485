#include "tunnel/target_platform.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gateway/ssh_leg.h"
#include "platform/backoff.h"
#include "platform/platform.h"
#include "tunnel/tunnel_int.h"
#include "util/hardening.h"
#include "util/xalloc.h"

enum {
    DIAL_TIMEOUT_S = 15,
    LEG_BACKOFF_FIRST_S = 1,    /* after a failed start of the SSH leg: 1, 2, 4... */
    LEG_BACKOFF_MAX_S = 30,     /* ... up to this, between attempts */
};

typedef struct Provider {
    char *app, *region, *addon, *env_var;
    PlatformArgs args;          /* pointing at the strings above */
    char *ca_file;              /* --ca-file, or NULL for the platform's CA */
    bool quiet;
    PlatformClient *client;
    SshLeg *leg;
    bool first_done;            /* the first resolution (on the main thread, maybe at a terminal) is over */
    pid_t leg_pid;              /* the ssh process last seen running, 0 when none */
    bool leg_suspect;           /* the last dial through the leg timed out with no word from the gateway */
    int leg_failures;           /* failed starts in a row */
    double leg_retry_at;        /* no new start before this (monotonic seconds) */
    char *leg_error;            /* why the last start failed */
    char *where;                /* the last target ("host:port" and path), to log a change once */
    char *db_host, *db_port;    /* the database the leg's last forward leads to, for ssh_leg_explain */
} Provider;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void say(const Provider *p, const char *line)
{
    if (!p->quiet)
        tlog("%s", line);
}

static void set_text(char **slot, const char *value)
{
    free(*slot);
    *slot = value ? xstrdup(value) : NULL;
}

static bool has_terminal(void)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

/* one line when the database's address or the path to it changed (a failover, --via auto after a feature change) */
static void note_target(Provider *p, const PlatformTarget *pt)
{
    char *where = xasprintf("%s:%s %s", pt->host, pt->port, platform_path_name(pt->path));
    if (p->where && strcmp(p->where, where) != 0) {
        char *line = xasprintf("the database of app \"%s\" is now at %s:%s (%s path)", pt->app, pt->host, pt->port,
                               platform_path_name(pt->path));
        say(p, line);
        free(line);
    }
    free(p->where);
    p->where = where;
}

/* the leg ended since it was last seen: one line with what ssh said */
static void note_leg_end(Provider *p)
{
    if (!p->leg_pid || ssh_leg_alive(p->leg))
        return;
    char *why = ssh_leg_explain(p->leg, p->db_host ? p->db_host : "", p->db_port ? p->db_port : "");
    say(p, why ? why : "the SSH connection to the gateway ended");
    free(why);
    p->leg_pid = 0;
}

static bool leg_failed(Provider *p, SshLegError *e, char **err)
{
    p->leg_failures++;
    int wait = (int)(backoff_poll_ms(p->leg_failures, LEG_BACKOFF_FIRST_S * 1000L, LEG_BACKOFF_MAX_S * 1000L) / 1000);
    p->leg_retry_at = now_s() + wait;
    set_text(&p->leg_error, e->message);
    if (p->first_done) {
        /* at the start the error itself is the tunnel's last word: no retry to announce */
        char *line = xasprintf("%s; next attempt in %d s at the earliest", e->message, wait);
        say(p, line);
        free(line);
    }
    *err = xstrdup(e->message);
    ssh_leg_error_free(e);
    return false;
}

/* the leg for pt's gateway, started or made anew as needed; false with *err */
static bool ready_leg(Provider *p, const PlatformTarget *pt, char **err)
{
    if (p->leg && !ssh_leg_is_for(p->leg, pt->gateway)) {
        ssh_leg_destroy(p->leg);
        p->leg = NULL;
        p->leg_pid = 0;
    }
    SshLegError e = {0};
    if (!p->leg) {
        SshLegOptions lo = {.gateway = pt->gateway, .interactive = !p->first_done && has_terminal()};
        p->leg = ssh_leg_create(&lo, &e);
        if (!p->leg) {
            *err = e.message;
            return false;
        }
    }
    note_leg_end(p);
    bool restart = p->leg_suspect && ssh_leg_alive(p->leg);
    if ((restart || !ssh_leg_alive(p->leg)) && p->leg_failures && now_s() < p->leg_retry_at) {
        *err = xasprintf("%s (next attempt in %.0f s)", p->leg_error, p->leg_retry_at - now_s() + 0.5);
        return false;
    }
    p->leg_suspect = false;
    if (restart) {
        say(p, "the SSH connection to the gateway stopped answering: starting a fresh one");
        if (!ssh_leg_restart(p->leg, &e))
            return leg_failed(p, &e, err);
    }
    return true;
}

static bool through_gateway(Provider *p, const PlatformTarget *pt, TunnelTarget *t, char **err)
{
    if (!pt->gateway) {
        *err = xasprintf("no SSH gateway is known for region %s: set SCALINGO_SSH_HOST, or use --via direct if the "
                         "database's Internet Accessibility is on", pt->region);
        return false;
    }
    if (!ready_leg(p, pt, err))
        return false;
    int local_port = 0;
    SshLegError e = {0};
    if (!ssh_leg_forward(p->leg, pt->host, pt->port, &local_port, &e))
        return leg_failed(p, &e, err);
    p->leg_failures = 0;
    if (ssh_leg_pid(p->leg) != p->leg_pid) {
        p->leg_pid = ssh_leg_pid(p->leg);
        char *line = xasprintf("SSH connection to the gateway %s ready (forwarding 127.0.0.1:%d to %s:%s)",
                               ssh_leg_gateway(p->leg), local_port, pt->host, pt->port);
        say(p, line);
        free(line);
    }
    set_text(&p->db_host, pt->host);
    set_text(&p->db_port, pt->port);
    t->dial_host = xstrdup("127.0.0.1");
    t->dial_port = xasprintf("%d", local_port);
    t->label = xasprintf("%s:%s (app %s, through the SSH gateway %s)", pt->host, pt->port, pt->app,
                         ssh_leg_gateway(p->leg));
    return true;
}

static bool resolve(void *ctx, TunnelTarget *t, char **err)
{
    Provider *p = ctx;
    PlatformTarget pt;
    PlatformError e = {0};
    if (platform_resolve(p->client, NULL, NULL, &pt, &e) != PLATFORM_CONNECTED) {
        *err = platform_error_take(&e);
        return false;
    }
    note_target(p, &pt);
    bool ok = true;
    if (pt.path == PLATFORM_PATH_SSH) {
        ok = through_gateway(p, &pt, t, err);
    } else {
        t->dial_host = xstrdup(pt.host);
        t->dial_port = xstrdup(pt.port);
        t->label = xasprintf("%s:%s (app %s, direct)", pt.host, pt.port, pt.app);
    }
    if (ok) {
        /* TLS is verified against the database's own name, whichever address the tunnel dials */
        t->tls_host = xstrdup(pt.host);
        t->ca_file = p->ca_file ? xstrdup(p->ca_file) : pt.ca_file ? xstrdup(pt.ca_file) : NULL;
        t->connect_timeout_s = DIAL_TIMEOUT_S;
        t->user = pt.user ? xstrdup(pt.user) : NULL;
        t->password = pt.password ? xstrdup(pt.password) : NULL;
        t->dbname = xstrdup(pt.dbname ? pt.dbname : pt.user ? pt.user : "");
    }
    platform_target_free(&pt);
    if (!p->first_done && p->leg)
        ssh_leg_set_interactive(p->leg, false);     /* later starts happen in the background */
    p->first_done = true;
    return ok;
}

static void report(void *ctx, const TunnelTarget *t, bool ok, const char *why)
{
    Provider *p = ctx;
    if (ok)
        return;
    /* a password reset, a failover, a moved CA: the next dial asks the platform again */
    platform_client_forget(p->client);
    if (!p->leg || !t->dial_host || strcmp(t->dial_host, "127.0.0.1") != 0)
        return;
    if (!ssh_leg_alive(p->leg)) {
        note_leg_end(p);
        return;
    }
    char *said = ssh_leg_explain(p->leg, p->db_host ? p->db_host : "", p->db_port ? p->db_port : "");
    if (said)
        say(p, said);
    else if (why && strstr(why, "time"))
        p->leg_suspect = true;      /* after a sleep the connection may look alive and carry nothing */
    free(said);
}

static void destroy(void *ctx)
{
    Provider *p = ctx;
    ssh_leg_destroy(p->leg);
    platform_client_destroy(p->client);
    char **texts[] = {&p->app, &p->region, &p->addon, &p->env_var, &p->ca_file, &p->leg_error, &p->where,
                      &p->db_host, &p->db_port};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        free(*texts[i]);
    free(p);
}

static char *copy_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

bool target_platform_provider(const PlatformArgs *args, const char *ca_file, bool quiet, TunnelProvider *out,
                              char **err)
{
    /* the API token and the database password will live in this process: keep them out of a core */
    hardening_no_core_dumps();
    Provider *p = xcalloc(1, sizeof(*p));
    p->app = copy_or_null(args->app);
    p->region = copy_or_null(args->region);
    p->addon = copy_or_null(args->addon);
    p->env_var = copy_or_null(args->env_var);
    p->args = (PlatformArgs){.app = p->app, .region = p->region, .addon = p->addon, .env_var = p->env_var,
                             .sslmode = "verify-full", .via = args->via, .refresh = args->refresh};
    p->ca_file = copy_or_null(ca_file);
    p->quiet = quiet;
    PlatformError e = {0};
    if (!platform_args_check(&p->args, &e) || !(p->client = platform_client_create(&p->args, &e))) {
        *err = platform_error_take(&e);
        destroy(p);
        return false;
    }
    *out = (TunnelProvider){.ctx = p, .resolve = resolve, .report = report, .destroy = destroy};
    return true;
}
