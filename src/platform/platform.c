#include "platform/platform.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "exec/connect.h"
#include "platform/resolve.h"
#include "platform/url.h"
#include "util/log.h"
#include "util/xalloc.h"

static const char *const ssl_modes[] = {"verify-full", "verify-ca", "require", "prefer", "allow", "disable"};

static bool valid_sslmode(const char *mode)
{
    for (size_t i = 0; i < sizeof(ssl_modes) / sizeof(ssl_modes[0]); i++)
        if (strcmp(mode, ssl_modes[i]) == 0)
            return true;
    return false;
}

int platform_check_options(const Options *o)
{
    const char *lone = o->region ? "--region" : o->addon ? "--addon" : o->env_var ? "--env-var"
                                                 : o->sslmode ? "--sslmode" : NULL;
    if (!o->app) {
        if (!lone)
            return -1;
        log_error("%s can only be used with --app", lone);
        return EXIT_FAIL;
    }
    if (!*o->app) {
        log_error("--app needs the name of an app");
        return EXIT_FAIL;
    }
    if (o->host || o->port || o->username || o->dbname) {
        log_error("--app cannot be combined with -h, -p, -U, -d or a database name: the app's database URL gives "
                  "them");
        return EXIT_FAIL;
    }
    if (o->sslmode && !valid_sslmode(o->sslmode)) {
        log_error("invalid --sslmode \"%s\" (use verify-full, verify-ca, require, prefer, allow or disable)",
                  o->sslmode);
        return EXIT_FAIL;
    }
    return -1;
}

static bool needs_ca(const char *sslmode)
{
    return strncmp(sslmode, "verify-", 7) == 0;
}

/* libpq options the URL may carry besides those the platform connection sets itself */
static bool passes_through(const char *key)
{
    static const char *const own[] = {"host", "hostaddr", "port", "user", "password", "dbname", "sslmode",
                                      "sslrootcert", "service", "passfile", "fallback_application_name"};
    for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
        if (strcmp(key, own[i]) == 0)
            return false;
    PQconninfoOption *defaults = PQconndefaults();
    bool known = false;
    for (PQconninfoOption *d = defaults; d && d->keyword && !known; d++)
        known = strcmp(d->keyword, key) == 0;
    PQconninfoFree(defaults);
    return known;
}

static bool connect_url(Session *s, const Options *o, const PgUrl *u, const char *sslmode, const char *ca_file)
{
    ConnectParams p;
    memset(&p, 0, sizeof(p));
    p.password_mode = o->password;
    p.expand_dbname = false;    /* a database name holding '=' must stay a name */
    connect_params_add(&p, "host", u->host);
    connect_params_add(&p, "port", u->port);
    connect_params_add(&p, "user", u->user);
    connect_params_add(&p, "password", u->password);
    connect_params_add(&p, "dbname", u->dbname);
    connect_params_add(&p, "sslmode", sslmode);
    connect_params_add(&p, "sslrootcert", needs_ca(sslmode) ? ca_file : NULL);
    for (int i = 0; i < u->nparams; i++)
        if (passes_through(u->keys[i]))
            connect_params_add(&p, u->keys[i], u->values[i]);
    connect_params_add(&p, "fallback_application_name", log_progname());
    connect_params_add(&p, "client_encoding", (s->notty || getenv("PGCLIENTENCODING")) ? NULL : "auto");
    return connect_initial(s, &p);
}

/* what a connection attempt needs: the target, its parsed URL, the addon's database API and the CA file */
typedef struct Resolved {
    Target target;
    PgUrl url;
    DbApi *db;
    char *ca_file;
    bool ca_cached;
} Resolved;

static void resolved_free(Resolved *x)
{
    target_free(&x->target);
    pgurl_free(&x->url);
    dbapi_free(x->db);
    free(x->ca_file);
    memset(x, 0, sizeof(*x));
}

static bool prepare(Resolver *r, bool use_cache, const char *sslmode, Resolved *x, char **err)
{
    memset(x, 0, sizeof(*x));
    if (!resolve_target(r, use_cache, &x->target, err))
        return false;
    if (!pgurl_parse(x->target.url, &x->url, err)) {
        resolve_forget(r);
        return false;
    }
    x->db = dbapi_create(r->http, r->auth, x->target.api_base, x->target.db_base, r->app, x->target.addon_id);
    if (!needs_ca(sslmode))
        return true;
    ApiError e = {0};
    x->ca_file = dbapi_ca_file(x->db, !use_cache, &x->ca_cached, &e);
    if (!x->ca_file) {
        *err = e.message;
        e.message = NULL;
    }
    api_error_clear(&e);
    return x->ca_file != NULL;
}

static char *file_text(const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    char buf[16384];
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return xstrdup(buf);
}

/*
 * The first attempt used cached values and failed: the password may have been reset or
 * the database moved.  Resolves afresh and tries again when something changed.
 */
static bool retry_fresh(Session *s, const Options *o, Resolver *r, const char *sslmode, Resolved *x)
{
    char *old_ca = file_text(x->ca_file);
    char *old_url = xstrdup(x->target.url);
    Resolved fresh;
    char *err = NULL;
    resolve_forget(r);
    bool retry = false, connected = false;
    if (prepare(r, false, sslmode, &fresh, &err)) {
        char *new_ca = file_text(fresh.ca_file);
        retry = strcmp(old_url, fresh.target.url) != 0 || strcmp(old_ca, new_ca) != 0;
        free(new_ca);
    }
    if (retry) {
        log_info("the cached connection details of app \"%s\" were outdated; connecting again", r->app);
        connected = connect_url(s, o, &fresh.url, sslmode, fresh.ca_file);
    }
    if (connected) {
        resolved_free(x);
        *x = fresh;
    } else {
        resolved_free(&fresh);
    }
    free(err);
    explicit_bzero(old_url, strlen(old_url));
    free(old_url);
    free(old_ca);
    return connected;
}

static void adopt(Session *s, Resolver *r, Resolved *x, const char *sslmode)
{
    platform_context_free(s->platform);
    PlatformContext *p = xcalloc(1, sizeof(*p));
    p->app = xstrdup(r->app);
    p->region = xstrdup(x->target.region);
    p->addon_id = xstrdup(x->target.addon_id);
    p->masked_url = xstrdup(x->url.masked);
    p->sslmode = xstrdup(sslmode);
    p->host = xstrdup(x->url.host);
    p->port = xstrdup(x->url.port ? x->url.port : "5432");
    p->dbname = xstrdup(x->url.dbname ? x->url.dbname : x->url.user ? x->url.user : "");
    p->http = r->http;
    p->auth = r->auth;
    p->db = x->db;
    r->http = NULL;
    r->auth = NULL;
    x->db = NULL;
    s->platform = p;
    vars_set(s->vars, "APP", p->app);
    vars_set(s->vars, "REGION", p->region);
    vars_set(s->vars, "ADDON_ID", p->addon_id);
}

bool platform_connect(Session *s, const Options *o)
{
    const char *sslmode = o->sslmode ? o->sslmode : "verify-full";
    const char *region = o->region;
    if (!region && getenv("SCALINGO_REGION") && *getenv("SCALINGO_REGION"))
        region = getenv("SCALINGO_REGION");
    Resolver r;
    Resolved x;
    char *err = NULL;
    bool connected = false;
    memset(&x, 0, sizeof(x));
    if (resolver_init(&r, o->app, o->addon, o->env_var, region, &err) && prepare(&r, true, sslmode, &x, &err)) {
        connected = connect_url(s, o, &x.url, sslmode, x.ca_file);
        if (!connected && (x.target.from_cache || x.ca_cached))
            connected = retry_fresh(s, o, &r, sslmode, &x);
    }
    if (err)
        log_error("%s", err);
    if (connected)
        adopt(s, &r, &x, sslmode);
    free(err);
    resolved_free(&x);
    resolver_free(&r);
    return connected;
}

void platform_context_free(PlatformContext *p)
{
    if (!p)
        return;
    dbapi_free(p->db);
    auth_free(p->auth);
    http_client_free(p->http);
    free(p->app);
    free(p->region);
    free(p->addon_id);
    free(p->masked_url);
    free(p->sslmode);
    free(p->host);
    free(p->port);
    free(p->dbname);
    free(p);
}
