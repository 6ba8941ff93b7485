#include "console/app_connect.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec/cancel.h"
#include "exec/connect.h"
#include "gateway/ssh_leg.h"
#include "platform/http.h"
#include "platform/platform.h"
#include "util/hardening.h"
#include "util/log.h"
#include "util/xalloc.h"

int app_connect_check_options(const Options *o)
{
    PlatformError e = {0};
    if (!platform_args_check(&o->platform, &e)) {
        log_error("%s", e.message);
        platform_error_free(&e);
        return EXIT_FAIL;
    }
    if (o->platform.app && (o->host || o->port || o->username || o->dbname)) {
        log_error("--app cannot be combined with -h, -p, -U, -d or a database name: the app's database URL gives "
                  "them");
        return EXIT_FAIL;
    }
    return -1;
}

typedef struct Dial {
    Session *s;
    const Options *o;
    PlatformClient *client;
    int forward_port;           /* the SSH forward the last successful dial went through, 0 when direct */
} Dial;

static void interrupt_like_psql(void)
{
    signal(SIGINT, SIG_DFL);
    raise(SIGINT);
}

static bool has_param(const PlatformTarget *t, const char *key)
{
    for (int i = 0; i < t->nparams; i++)
        if (strcmp(t->param_keys[i], key) == 0)
            return true;
    return false;
}

/*
 * TCP keepalives keep a quiet console's connection known to the NATs and firewalls on
 * the way (the SSH leg has its own, ServerAliveInterval); a bounded connect, so that a
 * database that does not answer on this path says so instead of hanging for minutes.
 * What the URL or PGCONNECT_TIMEOUT says wins.
 */
static void add_connection_upkeep(ConnectParams *p, const PlatformTarget *t)
{
    static const char *const settings[][2] = {{"keepalives", "1"}, {"keepalives_idle", "60"},
                                              {"keepalives_interval", "15"}, {"keepalives_count", "4"}};
    for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
        if (!has_param(t, settings[i][0]))
            connect_params_add(p, settings[i][0], settings[i][1]);
    if (!has_param(t, "connect_timeout") && !getenv("PGCONNECT_TIMEOUT"))
        connect_params_add(p, "connect_timeout", "15");
}

static bool has_terminal(void)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

static void drop_leg(Session *s)
{
    if (s->ssh_leg)
        s->free_ssh_leg(s->ssh_leg);
    s->ssh_leg = NULL;
}

/* the local port of the SSH forward to t's database: the session's leg, started or made anew as needed */
static bool forward_through_gateway(Session *s, const PlatformTarget *t, int *local_port)
{
    if (!t->gateway) {
        log_error("no SSH gateway is known for region %s: set SCALINGO_SSH_HOST, or use --via direct if the "
                  "database's Internet Accessibility is on", t->region);
        return false;
    }
    if (s->ssh_leg && !ssh_leg_is_for(s->ssh_leg, t->gateway))
        drop_leg(s);
    SshLegError e = {0};
    if (!s->ssh_leg) {
        SshLegOptions lo = {.gateway = t->gateway, .interactive = has_terminal(), .cancelled = cancel_was_pressed};
        s->ssh_leg = ssh_leg_create(&lo, &e);
        s->free_ssh_leg = ssh_leg_destroy;
    }
    bool ok = s->ssh_leg && ssh_leg_forward(s->ssh_leg, t->host, t->port, local_port, &e);
    if (!ok) {
        log_error("%s", e.message);
        if (e.cancelled)
            interrupt_like_psql();
    }
    ssh_leg_error_free(&e);
    return ok;
}

/* libpq's reason for a TCP connection that did not happen ("Connection refused"), or NULL */
static const char *unreached_reason(const char *failure)
{
    static const char *const reasons[] = {"Connection refused", "timeout expired", "Connection timed out",
                                          "No route to host", "Network is unreachable"};
    for (size_t i = 0; failure && i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (strstr(failure, reasons[i]))
            return reasons[i];
    return NULL;
}

/* one line for a dial that failed: what the gateway said, or why a direct connection cannot work */
static void report_dial_failure(Dial *d, const PlatformTarget *t, const char *failure)
{
    char *why = NULL;
    const char *reason = unreached_reason(failure);
    if (t->path == PLATFORM_PATH_SSH && d->s->ssh_leg)
        why = ssh_leg_explain(d->s->ssh_leg, t->host, t->port);
    else if (reason && platform_client_internet_accessible(d->client, t) == 0)
        why = xasprintf("could not connect to the database of app \"%s\" directly (%s:%s: %s): its Internet "
                        "Accessibility is off, so it answers only through the region's SSH gateway; leave out "
                        "--via direct (or use --via ssh), or turn Internet Accessibility on in the database's "
                        "dashboard", t->app, t->host, t->port, reason);
    if (why)
        log_error("%s", why);
    else
        log_error("%s", failure ? failure : "could not connect to the database");
    free(why);
}

/* a PlatformDialFn: libpq, with the options' password rule, directly or through the SSH leg */
static bool dial_libpq(void *ctx, const PlatformTarget *t)
{
    Dial *d = ctx;
    int forward_port = 0;
    char port_text[16];
    if (t->path == PLATFORM_PATH_SSH && !forward_through_gateway(d->s, t, &forward_port))
        return false;
    snprintf(port_text, sizeof(port_text), "%d", forward_port);
    ConnectParams p;
    memset(&p, 0, sizeof(p));
    p.password_mode = d->o->password;
    p.expand_dbname = false;    /* a database name holding '=' must stay a name */
    /* through the gateway libpq dials the forward, and still checks the certificate against the database's name */
    connect_params_add(&p, "host", t->host);
    connect_params_add(&p, "hostaddr", forward_port ? "127.0.0.1" : NULL);
    connect_params_add(&p, "port", forward_port ? port_text : t->port);
    connect_params_add(&p, "user", t->user);
    connect_params_add(&p, "password", t->password);
    connect_params_add(&p, "dbname", t->dbname);
    connect_params_add(&p, "sslmode", t->sslmode);
    connect_params_add(&p, "sslrootcert", t->ca_file);
    for (int i = 0; i < t->nparams; i++)
        connect_params_add(&p, t->param_keys[i], t->param_values[i]);
    add_connection_upkeep(&p, t);
    connect_params_add(&p, "fallback_application_name", log_progname());
    connect_params_add(&p, "client_encoding", (d->s->notty || getenv("PGCLIENTENCODING")) ? NULL : "auto");
    char *failure = NULL;
    p.failure = &failure;
    /* while libpq connects, Ctrl-C ends pgconsole as it ends psql; the API calls around it have their own check */
    struct sigaction dfl, saved;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGINT, &dfl, &saved);
    if (cancel_was_pressed())
        interrupt_like_psql();
    bool connected = connect_initial(d->s, &p);
    sigaction(SIGINT, &saved, NULL);
    if (connected)
        d->forward_port = forward_port;
    else
        report_dial_failure(d, t, failure);
    free(failure);
    return connected;
}

/*
 * After the connection through the gateway was lost: libpq's reset while the SSH leg
 * still runs; otherwise (or when that fails: a laptop that slept leaves a leg that
 * looks alive) a fresh leg, and a new connection if its forward moved to another port.
 */
static bool reset_through_gateway(Session *s, char **why)
{
    PlatformContext *p = s->platform;
    const char *port = PQport(s->db);
    bool ours = p && s->ssh_leg && p->dial_port && port && strcmp(port, p->dial_port) == 0;
    if (!ours || ssh_leg_alive(s->ssh_leg)) {
        PQreset(s->db);
        if (PQstatus(s->db) == CONNECTION_OK || !ours)
            return PQstatus(s->db) == CONNECTION_OK;
    }
    SshLegError e = {0};
    int forward_port = 0;
    if (!ssh_leg_restart(s->ssh_leg, &e) || !ssh_leg_forward(s->ssh_leg, p->host, p->port, &forward_port, &e)) {
        *why = e.message;
        return false;
    }
    char text[16];
    snprintf(text, sizeof(text), "%d", forward_port);
    bool ok;
    if (strcmp(text, p->dial_port) == 0) {
        PQreset(s->db);
        ok = PQstatus(s->db) == CONNECTION_OK;
    } else if ((ok = connect_again_at(s, "127.0.0.1", text))) {
        free(p->dial_port);
        p->dial_port = xstrdup(text);
    }
    if (!ok)
        *why = ssh_leg_explain(s->ssh_leg, p->host, p->port);
    return ok;
}

static void adopt(Session *s, PlatformClient *client, const PlatformTarget *t, int forward_port)
{
    platform_context_destroy(s->platform);
    s->platform = platform_context_create(client, t);
    vars_set(s->vars, "APP", t->app);
    vars_set(s->vars, "REGION", t->region);
    vars_set(s->vars, "ADDON_ID", t->addon_id);
    if (forward_port) {
        s->platform->dial_port = xasprintf("%d", forward_port);
        s->reset_connection = reset_through_gateway;
    } else {
        /* a leg started for a path the fresh details no longer take */
        drop_leg(s);
        s->reset_connection = NULL;
    }
}

void app_connect_print_path(Session *s)
{
    if (!s->platform || !s->db)
        return;
    char *text = platform_path_text(s->platform);
    printf("Connected %s.\n", text);
    free(text);
}

bool app_connect(Session *s, const Options *o)
{
    /* the API token and the database password will live in this process: keep them out of a core */
    hardening_no_core_dumps();
    /* Ctrl-C ends an API call or a wait between retries at once, with one line */
    cancel_install_handler();
    http_set_cancel_check(cancel_was_pressed);
    PlatformError e = {0};
    PlatformTarget t;
    PlatformClient *client = platform_client_create(&o->platform, &e);
    Dial d = {s, o, client, 0};
    PlatformOutcome outcome = client ? platform_resolve(client, dial_libpq, &d, &t, &e) : PLATFORM_UNRESOLVED;
    if (outcome == PLATFORM_UNRESOLVED) {
        log_error("%s", e.message);
        /* as psql ends on Ctrl-C before it has a connection: by the signal, for the shell to see */
        if (e.cancelled)
            interrupt_like_psql();
    }
    if (outcome == PLATFORM_CONNECTED) {
        adopt(s, client, &t, d.forward_port);
        client = NULL;
        platform_target_free(&t);
    }
    platform_client_destroy(client);
    platform_error_free(&e);
    return outcome == PLATFORM_CONNECTED;
}
