/* The static provider: one URL or conninfo string, the same target at every dial. */
#include <arpa/inet.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/url.h"
#include "tunnel/connstr_secret.h"
#include "tunnel/target.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* the settings the tunnel uses, whichever way they were written */
typedef struct ConnSettings {
    char *host, *hostaddr, *port, *user, *password, *dbname, *sslrootcert, *connect_timeout;
} ConnSettings;

static void settings_free(ConnSettings *c)
{
    if (c->password)
        explicit_bzero(c->password, strlen(c->password));
    char **fields[] = {&c->host, &c->hostaddr, &c->port, &c->user, &c->password, &c->dbname,
                       &c->sslrootcert, &c->connect_timeout};
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        free(*fields[i]);
        *fields[i] = NULL;
    }
}

static char *dup_nonempty(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

static bool from_url(const char *text, ConnSettings *c, char **err)
{
    PgUrl u;
    PlatformError why = {0};
    if (!pgurl_parse(text, &u, &why)) {
        *err = platform_error_take(&why);
        return false;
    }
    c->host = dup_nonempty(u.host);
    c->port = dup_nonempty(u.port);
    c->user = dup_nonempty(u.user);
    c->password = dup_nonempty(u.password);
    c->dbname = dup_nonempty(u.dbname);
    c->hostaddr = dup_nonempty(pgurl_param(&u, "hostaddr"));
    c->sslrootcert = dup_nonempty(pgurl_param(&u, "sslrootcert"));
    c->connect_timeout = dup_nonempty(pgurl_param(&u, "connect_timeout"));
    if (!c->password)
        c->password = dup_nonempty(pgurl_param(&u, "password"));
    if (!c->user)
        c->user = dup_nonempty(pgurl_param(&u, "user"));
    pgurl_free(&u);
    return true;
}

/* libpq's message with any password text of the string blanked out */
static char *masked_message(const char *text, const char *message)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, message);
    size_t n = connstr_secret_spans(text, NULL, 0);
    SecretSpan *spans = xcalloc(n ? n : 1, sizeof(*spans));
    connstr_secret_spans(text, spans, n);
    for (size_t i = 0; i < n; i++) {
        char *secret = xstrndup(text + spans[i].start, spans[i].length);
        char *hit;
        while (*secret && (hit = strstr(sb.data, secret)) != NULL)
            memset(hit, '*', strlen(secret));
        explicit_bzero(secret, strlen(secret));
        free(secret);
    }
    free(spans);
    while (sb.len > 0 && sb.data[sb.len - 1] == '\n')
        sb_truncate(&sb, sb.len - 1);
    return sb_steal(&sb);
}

static bool from_conninfo(const char *text, ConnSettings *c, char **err)
{
    char *errmsg = NULL;
    PQconninfoOption *opts = PQconninfoParse(text, &errmsg);
    if (!opts) {
        char *m = masked_message(text, errmsg ? errmsg : "out of memory");
        *err = xasprintf("invalid connection string: %s", m);
        free(m);
        PQfreemem(errmsg);
        return false;
    }
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        const char *k = o->keyword;
        char **slot = strcmp(k, "host") == 0 ? &c->host : strcmp(k, "hostaddr") == 0 ? &c->hostaddr
                    : strcmp(k, "port") == 0 ? &c->port : strcmp(k, "user") == 0 ? &c->user
                    : strcmp(k, "password") == 0 ? &c->password : strcmp(k, "dbname") == 0 ? &c->dbname
                    : strcmp(k, "sslrootcert") == 0 ? &c->sslrootcert
                    : strcmp(k, "connect_timeout") == 0 ? &c->connect_timeout : NULL;
        if (slot)
            *slot = dup_nonempty(o->val);
        if (o->val && strcmp(k, "password") == 0)
            explicit_bzero(o->val, strlen(o->val));
    }
    PQconninfoFree(opts);
    return true;
}

static bool is_address(const char *s)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

static bool check_settings(const ConnSettings *c, char **err)
{
    if (!c->host && !c->hostaddr) {
        *err = xstrdup("the connection string names no host: the tunnel forwards to a TCP host (host=...)");
        return false;
    }
    if ((c->host && strchr(c->host, ',')) || (c->hostaddr && strchr(c->hostaddr, ',')) ||
        (c->port && strchr(c->port, ','))) {
        *err = xstrdup("the tunnel forwards to one host; the connection string lists several");
        return false;
    }
    if (c->host && c->host[0] == '/') {
        *err = xasprintf("host \"%s\" is a Unix socket directory: the tunnel forwards to a TCP host with TLS",
                         c->host);
        return false;
    }
    if (c->hostaddr && !is_address(c->hostaddr)) {
        *err = xasprintf("hostaddr \"%s\" is not a numeric IP address", c->hostaddr);
        return false;
    }
    if (c->port && (strspn(c->port, "0123456789") != strlen(c->port) || atol(c->port) < 1 ||
                    atol(c->port) > 65535)) {
        *err = xasprintf("invalid port \"%s\"", c->port);
        return false;
    }
    return true;
}

static void build_target(ConnSettings *c, const char *ca_file, TunnelTarget *t)
{
    t->dial_host = xstrdup(c->hostaddr ? c->hostaddr : c->host);
    t->dial_port = xstrdup(c->port ? c->port : "5432");
    t->tls_host = xstrdup(c->host ? c->host : c->hostaddr);
    if (ca_file)
        t->ca_file = xstrdup(ca_file);
    else if (c->sslrootcert && strcmp(c->sslrootcert, "system") != 0)
        t->ca_file = xstrdup(c->sslrootcert);
    t->connect_timeout_s = c->connect_timeout ? atoi(c->connect_timeout) : 0;
    if (t->connect_timeout_s < 0)
        t->connect_timeout_s = 0;
    t->label = c->hostaddr && c->host ? xasprintf("%s:%s (%s)", c->host, t->dial_port, c->hostaddr)
                                      : xasprintf(strchr(t->tls_host, ':') ? "[%s]:%s" : "%s:%s", t->tls_host,
                                                  t->dial_port);
    t->user = c->user ? xstrdup(c->user) : NULL;
    t->password = c->password ? xstrdup(c->password) : NULL;
    t->dbname = c->dbname ? xstrdup(c->dbname) : NULL;
}

static bool static_resolve(void *ctx, TunnelTarget *target, char **err)
{
    (void)err;
    tunnel_target_copy(target, ctx);
    return true;
}

static void static_destroy(void *ctx)
{
    tunnel_target_free(ctx);
    free(ctx);
}

static bool is_url(const char *s)
{
    return strncasecmp(s, "postgresql://", 13) == 0 || strncasecmp(s, "postgres://", 11) == 0 ||
           strncasecmp(s, "postgis://", 10) == 0;
}

bool target_static_provider(const char *connstr, const char *ca_file, TunnelProvider *out, char **err)
{
    ConnSettings c = {0};
    bool ok = is_url(connstr) ? from_url(connstr, &c, err) : from_conninfo(connstr, &c, err);
    if (ok)
        ok = check_settings(&c, err);
    if (ok) {
        TunnelTarget *t = xcalloc(1, sizeof(*t));
        build_target(&c, ca_file, t);
        *out = (TunnelProvider){t, static_resolve, NULL, static_destroy};
    }
    settings_free(&c);
    return ok;
}
