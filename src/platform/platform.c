#include "platform/platform.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/resolve.h"
#include "util/log.h"
#include "util/xalloc.h"

struct PlatformClient {
    char *app;
    char *region;
    char *addon;
    char *env_var;
    char *sslmode;
    PlatformVia via;
    bool refresh;
    bool refresh_once;          /* platform_client_forget: the next resolution ignores the cache */
    char *ssh_override;         /* SCALINGO_SSH_HOST */
    Resolver resolver;
};

static const char *const ssl_modes[] = {"verify-full", "verify-ca", "require", "prefer", "allow", "disable"};

static bool valid_sslmode(const char *mode)
{
    for (size_t i = 0; i < sizeof(ssl_modes) / sizeof(ssl_modes[0]); i++)
        if (strcmp(mode, ssl_modes[i]) == 0)
            return true;
    return false;
}

bool platform_args_check(const PlatformArgs *a, PlatformError *e)
{
    const char *lone = a->region ? "--region" : a->addon ? "--addon" : a->env_var ? "--env-var"
                     : a->sslmode ? "--sslmode" : a->via != PLATFORM_VIA_AUTO ? "--via" : NULL;
    if (!a->app && lone)
        platform_error_set(e, xasprintf("%s can only be used with --app", lone));
    else if (a->app && !*a->app)
        platform_error_set(e, xstrdup("--app needs the name of an app"));
    else if (a->sslmode && !valid_sslmode(a->sslmode))
        platform_error_set(e, xasprintf("invalid --sslmode \"%s\" (use verify-full, verify-ca, require, prefer, allow "
                                        "or disable)", a->sslmode));
    return e->message == NULL;
}

static char *copy_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static const char *env_or_null(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

static bool needs_ca(const char *sslmode);

PlatformClient *platform_client_create(const PlatformArgs *a, PlatformError *e)
{
    PlatformClient *c = xcalloc(1, sizeof(*c));
    c->app = xstrdup(a->app);
    c->region = copy_or_null(a->region ? a->region : env_or_null("SCALINGO_REGION"));
    c->addon = copy_or_null(a->addon);
    c->env_var = copy_or_null(a->env_var);
    c->sslmode = xstrdup(a->sslmode ? a->sslmode : "verify-full");
    c->via = a->via;
    c->refresh = a->refresh;
    c->ssh_override = copy_or_null(env_or_null("SCALINGO_SSH_HOST"));
    if (!resolver_init(&c->resolver, c->app, c->addon, c->env_var, c->region, c->via == PLATFORM_VIA_AUTO, e)) {
        platform_client_destroy(c);
        return NULL;
    }
    c->resolver.want_ca = needs_ca(c->sslmode);
    return c;
}

void platform_client_destroy(PlatformClient *c)
{
    if (!c)
        return;
    resolver_free(&c->resolver);
    free(c->app);
    free(c->region);
    free(c->addon);
    free(c->env_var);
    free(c->sslmode);
    free(c->ssh_override);
    free(c);
}

void platform_client_forget(PlatformClient *c)
{
    c->refresh_once = true;
}

DbApi *platform_client_dbapi(PlatformClient *c)
{
    return c->resolver.db;
}

const char *platform_path_name(PlatformPath path)
{
    return path == PLATFORM_PATH_SSH ? "ssh" : "direct";
}

int platform_client_internet_accessible(PlatformClient *c, const PlatformTarget *t)
{
    if (t->features_known)
        return t->internet_accessible;
    return resolve_internet_accessible(&c->resolver);
}

/* ---- one resolution ---- */

static bool needs_ca(const char *sslmode)
{
    return strncmp(sslmode, "verify-", 7) == 0;
}

/* what a resolution found: the target, its parsed URL and the CA file */
typedef struct Resolution {
    Target target;
    PgUrl url;
    char *ca_file;
    bool ca_cached;
} Resolution;

static void resolution_free(Resolution *x)
{
    target_free(&x->target);
    pgurl_free(&x->url);
    free(x->ca_file);
    memset(x, 0, sizeof(*x));
}

static bool prepare(PlatformClient *c, bool use_cache, Resolution *x, PlatformError *e)
{
    memset(x, 0, sizeof(*x));
    Resolver *r = &c->resolver;
    if (!resolve_target(r, use_cache, &x->target, e))
        return false;
    if (!pgurl_parse(x->target.url, &x->url, e)) {
        resolve_forget(r);
        resolution_free(x);
        return false;
    }
    if (!needs_ca(c->sslmode))
        return true;
    x->ca_file = dbapi_ca_file(r->db, !use_cache, &x->ca_cached, e);
    if (!x->ca_file) {
        resolution_free(x);
        return false;
    }
    return true;
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

static PlatformPath choose_path(PlatformVia via, const Target *t)
{
    if (via == PLATFORM_VIA_AUTO)
        return t->internet_accessible ? PLATFORM_PATH_DIRECT : PLATFORM_PATH_SSH;
    return via == PLATFORM_VIA_SSH ? PLATFORM_PATH_SSH : PLATFORM_PATH_DIRECT;
}

static void build_target(const PlatformClient *c, const Resolution *x, PlatformTarget *t)
{
    const PgUrl *u = &x->url;
    memset(t, 0, sizeof(*t));
    t->host = xstrdup(u->host);
    t->port = xstrdup(u->port ? u->port : "5432");
    t->user = copy_or_null(u->user);
    t->password = copy_or_null(u->password);
    t->dbname = copy_or_null(u->dbname);
    t->sslmode = xstrdup(c->sslmode);
    t->ca_file = copy_or_null(x->ca_file);
    for (int i = 0; i < u->nparams; i++) {
        if (!passes_through(u->keys[i]))
            continue;
        t->param_keys[t->nparams] = xstrdup(u->keys[i]);
        t->param_values[t->nparams++] = xstrdup(u->values[i]);
    }
    t->path = choose_path(c->via, &x->target);
    t->gateway = copy_or_null(c->ssh_override ? c->ssh_override : x->target.gateway);
    t->features_known = x->target.features_known;
    t->internet_accessible = x->target.internet_accessible;
    t->app = xstrdup(c->app);
    t->region = xstrdup(x->target.region);
    t->addon_id = xstrdup(x->target.addon_id);
    t->masked_url = xstrdup(u->masked);
    t->from_cache = x->target.from_cache;
}

void platform_target_free(PlatformTarget *t)
{
    if (t->password) {
        explicit_bzero(t->password, strlen(t->password));
        free(t->password);
    }
    char **fields[] = {&t->host, &t->port, &t->user, &t->dbname, &t->sslmode, &t->ca_file, &t->gateway, &t->app,
                       &t->region, &t->addon_id, &t->masked_url};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        free(*fields[i]);
    for (int i = 0; i < t->nparams; i++) {
        free(t->param_keys[i]);
        free(t->param_values[i]);
    }
    memset(t, 0, sizeof(*t));
}

/* ---- dialling, with the stale-cache retry ---- */

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

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* whether a fresh resolution gives anything to dial that the stale one did not */
static bool changed(const PlatformClient *c, const Resolution *stale, const char *stale_ca, const Resolution *fresh)
{
    char *fresh_ca = file_text(fresh->ca_file);
    bool differs = strcmp(stale->target.url, fresh->target.url) != 0 || strcmp(stale_ca, fresh_ca) != 0 ||
                   choose_path(c->via, &stale->target) != choose_path(c->via, &fresh->target) ||
                   !same_text(stale->target.gateway, fresh->target.gateway);
    free(fresh_ca);
    return differs;
}

static bool dial_resolution(const PlatformClient *c, const Resolution *x, PlatformDialFn dial, void *ctx)
{
    PlatformTarget t;
    build_target(c, x, &t);
    bool ok = dial(ctx, &t);
    platform_target_free(&t);
    return ok;
}

/*
 * The dial with cached details failed: the password may have been reset, the database
 * moved or the CA changed.  Resolves afresh and dials again when something changed;
 * *x becomes the fresh resolution when that dial succeeds.
 */
static bool retry_fresh(PlatformClient *c, PlatformDialFn dial, void *ctx, Resolution *x)
{
    char *stale_ca = file_text(x->ca_file);
    Resolution fresh;
    PlatformError ignored = {0};
    resolve_forget(&c->resolver);
    bool connected = false;
    /* the failed dial said what went wrong: a failure to resolve again adds nothing to that */
    if (prepare(c, false, &fresh, &ignored)) {
        if (changed(c, x, stale_ca, &fresh)) {
            log_info("the cached connection details of app \"%s\" were outdated; connecting again", c->app);
            connected = dial_resolution(c, &fresh, dial, ctx);
        }
        if (connected) {
            resolution_free(x);
            *x = fresh;
        } else {
            resolution_free(&fresh);
        }
    }
    platform_error_free(&ignored);
    free(stale_ca);
    return connected;
}

PlatformOutcome platform_resolve(PlatformClient *c, PlatformDialFn dial, void *ctx, PlatformTarget *out,
                                 PlatformError *e)
{
    memset(out, 0, sizeof(*out));
    Resolution x;
    bool fresh = c->refresh || c->refresh_once;
    c->refresh_once = false;
    if (!prepare(c, !fresh, &x, e))
        return PLATFORM_UNRESOLVED;
    bool connected = !dial || dial_resolution(c, &x, dial, ctx);
    if (!connected && (x.target.from_cache || x.ca_cached))
        connected = retry_fresh(c, dial, ctx, &x);
    if (connected)
        build_target(c, &x, out);
    resolution_free(&x);
    return connected ? PLATFORM_CONNECTED : PLATFORM_DIAL_FAILED;
}

/* ---- what a console session keeps ---- */

PlatformContext *platform_context_create(PlatformClient *client, const PlatformTarget *t)
{
    PlatformContext *p = xcalloc(1, sizeof(*p));
    p->client = client;
    p->db = platform_client_dbapi(client);
    p->app = xstrdup(t->app);
    p->region = platform_printable(t->region);
    p->addon_id = platform_printable(t->addon_id);
    p->masked_url = xstrdup(t->masked_url);
    p->sslmode = xstrdup(t->sslmode);
    p->host = xstrdup(t->host);
    p->port = xstrdup(t->port);
    p->dbname = xstrdup(t->dbname ? t->dbname : t->user ? t->user : "");
    p->path = t->path;
    p->gateway = t->path == PLATFORM_PATH_SSH ? copy_or_null(t->gateway) : NULL;
    p->features_known = t->features_known;
    p->internet_accessible = t->internet_accessible;
    return p;
}

char *platform_path_text(const PlatformContext *p)
{
    const char *why = !p->features_known ? (p->path == PLATFORM_PATH_SSH ? "--via ssh" : "--via direct")
                      : p->internet_accessible ? "Internet Accessibility is on"
                                               : "Internet Accessibility is off";
    if (p->path == PLATFORM_PATH_SSH)
        return xasprintf("through the SSH gateway %s (%s)", p->gateway ? p->gateway : "(unknown)", why);
    return xasprintf("directly (%s)", why);
}

void platform_context_destroy(PlatformContext *p)
{
    if (!p)
        return;
    platform_client_destroy(p->client);
    free(p->app);
    free(p->region);
    free(p->addon_id);
    free(p->masked_url);
    free(p->sslmode);
    free(p->host);
    free(p->port);
    free(p->dbname);
    free(p->gateway);
    free(p->dial_port);
    free(p);
}
