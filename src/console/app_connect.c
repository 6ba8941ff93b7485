#include "console/app_connect.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cancel.h"
#include "exec/connect.h"
#include "platform/credentials.h"
#include "platform/http.h"
#include "platform/platform.h"
#include "util/hardening.h"
#include "util/log.h"

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
} Dial;

static void interrupt_like_psql(void)
{
    signal(SIGINT, SIG_DFL);
    raise(SIGINT);
}

/* a PlatformDialFn: libpq, with the options' password rule */
static bool dial_libpq(void *ctx, const PlatformTarget *t)
{
    Dial *d = ctx;
    ConnectParams p;
    memset(&p, 0, sizeof(p));
    p.password_mode = d->o->password;
    p.expand_dbname = false;    /* a database name holding '=' must stay a name */
    connect_params_add(&p, "host", t->host);
    connect_params_add(&p, "port", t->port);
    connect_params_add(&p, "user", t->user);
    connect_params_add(&p, "password", t->password);
    connect_params_add(&p, "dbname", t->dbname);
    connect_params_add(&p, "sslmode", t->sslmode);
    connect_params_add(&p, "sslrootcert", t->ca_file);
    for (int i = 0; i < t->nparams; i++)
        connect_params_add(&p, t->param_keys[i], t->param_values[i]);
    connect_params_add(&p, "fallback_application_name", log_progname());
    connect_params_add(&p, "client_encoding", (d->s->notty || getenv("PGCLIENTENCODING")) ? NULL : "auto");
    /* while libpq connects, Ctrl-C ends pgconsole as it ends psql; the API calls around it have their own check */
    struct sigaction dfl, saved;
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGINT, &dfl, &saved);
    if (cancel_was_pressed())
        interrupt_like_psql();
    bool connected = connect_initial(d->s, &p);
    sigaction(SIGINT, &saved, NULL);
    return connected;
}

static void adopt(Session *s, PlatformClient *client, const PlatformTarget *t)
{
    platform_context_destroy(s->platform);
    s->platform = platform_context_create(client, t);
    vars_set(s->vars, "APP", t->app);
    vars_set(s->vars, "REGION", t->region);
    vars_set(s->vars, "ADDON_ID", t->addon_id);
}

bool app_connect(Session *s, const Options *o)
{
    /* the API token and the database password will live in this process: keep them in it */
    credentials_capture_environment();
    hardening_no_core_dumps();
    /* Ctrl-C ends an API call or a wait between retries at once, with one line */
    cancel_install_handler();
    http_set_cancel_check(cancel_was_pressed);
    PlatformError e = {0};
    PlatformTarget t;
    Dial d = {s, o};
    PlatformClient *client = platform_client_create(&o->platform, &e);
    PlatformOutcome outcome = client ? platform_resolve(client, dial_libpq, &d, &t, &e) : PLATFORM_UNRESOLVED;
    if (outcome == PLATFORM_UNRESOLVED) {
        log_error("%s", e.message);
        /* as psql ends on Ctrl-C before it has a connection: by the signal, for the shell to see */
        if (e.cancelled)
            interrupt_like_psql();
    }
    if (outcome == PLATFORM_CONNECTED) {
        adopt(s, client, &t);
        client = NULL;
        platform_target_free(&t);
    }
    platform_client_destroy(client);
    platform_error_free(&e);
    return outcome == PLATFORM_CONNECTED;
}
