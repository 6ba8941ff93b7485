#include "platform/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *const schemes[] = {"postgresql://", "postgres://", "postgis://"};

static size_t scheme_length(const char *text)
{
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
        if (strncasecmp(text, schemes[i], strlen(schemes[i])) == 0)
            return strlen(schemes[i]);
    return 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* the percent-decoded copy of [s, s+n), or NULL when an escape is invalid or decodes to NUL */
static char *decode(const char *s, size_t n)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            sb_append_char(&sb, s[i]);
            continue;
        }
        int hi = i + 1 < n ? hex_value(s[i + 1]) : -1;
        int lo = i + 2 < n ? hex_value(s[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
            explicit_bzero(sb.data, sb.len);
            sb_free(&sb);
            return NULL;
        }
        sb_append_char(&sb, (char)(hi * 16 + lo));
        i += 2;
    }
    return sb_steal(&sb);
}

static void set_error(PlatformError *e, const char *what)
{
    platform_error_set(e, xasprintf("the database URL %s", what));
}

/* user[:password]@ before host; *end is where the host begins */
static bool parse_userinfo(const char *auth, size_t len, PgUrl *u, PlatformError *e)
{
    const char *at = NULL;
    for (size_t i = 0; i < len; i++)
        if (auth[i] == '@')
            at = auth + i;      /* the last '@': an unencoded one may sit in the password */
    if (!at)
        return true;
    const char *colon = memchr(auth, ':', (size_t)(at - auth));
    const char *user_end = colon ? colon : at;
    u->user = decode(auth, (size_t)(user_end - auth));
    if (colon)
        u->password = decode(colon + 1, (size_t)(at - colon - 1));
    if (!u->user || (colon && !u->password)) {
        set_error(e, "has an invalid percent-encoding in its user name or password");
        return false;
    }
    return true;
}

/*
 * A host name or an IP address, nothing else: libpq would read a host starting with '/'
 * (or '@') as a Unix socket and one with ',' as a list, either of which bypasses the
 * verify-full that a platform connection relies on.
 */
static bool plain_host(const char *host, bool bracketed)
{
    const char *allowed = bracketed ? "0123456789abcdefABCDEF:." : "-.";
    for (const unsigned char *p = (const unsigned char *)host; *p; p++)
        if (!(bracketed ? strchr(allowed, *p) != NULL : (isalnum(*p) || strchr(allowed, *p) != NULL)))
            return false;
    return true;
}

static bool parse_hostport(const char *hp, size_t len, PgUrl *u, PlatformError *e)
{
    const char *port = NULL;
    size_t hostlen = len;
    if (len > 0 && hp[0] == '[') {
        const char *close = memchr(hp, ']', len);
        if (!close) {
            set_error(e, "has an unterminated IPv6 address");
            return false;
        }
        u->host = xstrndup(hp + 1, (size_t)(close - hp - 1));
        if (close + 1 < hp + len && close[1] == ':')
            port = close + 2;
    } else {
        const char *colon = memchr(hp, ':', len);
        if (colon) {
            hostlen = (size_t)(colon - hp);
            port = colon + 1;
        }
        u->host = decode(hp, hostlen);
    }
    if (!u->host || !*u->host) {
        set_error(e, "names no host");
        return false;
    }
    if (!plain_host(u->host, hp[0] == '[')) {
        set_error(e, "has a host that is not a host name or an IP address");
        return false;
    }
    if (port) {
        size_t plen = (size_t)(hp + len - port);
        if (plen == 0 || plen > 5 || strspn(port, "0123456789") < plen || atol(port) < 1 || atol(port) > 65535) {
            set_error(e, "has an invalid port");
            return false;
        }
        u->port = xstrndup(port, plen);
    }
    return true;
}

/* TLS protocol versions below 1.2, as libpq spells them */
static bool below_tls12(const char *version)
{
    return strcasecmp(version, "TLSv1") == 0 || strcasecmp(version, "TLSv1.1") == 0;
}

/* parameters by which a URL from the platform could weaken the TLS the connection relies on */
static const char *weakens_tls(const char *key, const char *value)
{
    static const char *const refused[] = {"sslcert", "sslkey", "sslpassword", "sslcrl", "sslcrldir",
                                          "gssencmode", "requiressl", "sslcompression"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        if (strcmp(key, refused[i]) == 0)
            return key;
    if ((strcmp(key, "ssl_min_protocol_version") == 0 || strcmp(key, "ssl_max_protocol_version") == 0) &&
        below_tls12(value))
        return key;
    if (strcmp(key, "sslsni") == 0 && strcmp(value, "1") != 0)
        return key;
    return NULL;
}

static bool parse_query(const char *q, PgUrl *u, PlatformError *e)
{
    while (*q) {
        size_t len = strcspn(q, "&");
        const char *eq = memchr(q, '=', len);
        if (len > 0) {
            if (!eq || u->nparams == PGURL_MAX_PARAMS) {
                set_error(e, eq ? "has too many parameters" : "has a parameter without a value");
                return false;
            }
            char *k = decode(q, (size_t)(eq - q)), *v = decode(eq + 1, (size_t)(q + len - eq - 1));
            if (!k || !v) {
                free(k);
                free(v);
                set_error(e, "has an invalid percent-encoding in its parameters");
                return false;
            }
            const char *weak = weakens_tls(k, v);
            if (weak) {
                platform_error_set(e, xasprintf("the database URL sets %s, which a platform connection refuses: "
                                                "it would weaken TLS", weak));
                free(k);
                free(v);
                return false;
            }
            u->keys[u->nparams] = k;
            u->values[u->nparams++] = v;
        }
        q += len + (q[len] == '&');
    }
    return true;
}

static char *mask_span(const char *text, size_t from, size_t to)
{
    return xasprintf("%.*s****%s", (int)from, text, text + to);
}

static bool parse_parts(const char *text, size_t skip, PgUrl *u, PlatformError *e)
{
    const char *auth = text + skip;
    size_t auth_len = strcspn(auth, "/?");
    if (!parse_userinfo(auth, auth_len, u, e))
        return false;
    const char *at = NULL;
    for (size_t i = 0; i < auth_len; i++)
        if (auth[i] == '@')
            at = auth + i;
    const char *hp = at ? at + 1 : auth;
    if (!parse_hostport(hp, (size_t)(auth + auth_len - hp), u, e))
        return false;
    const char *rest = auth + auth_len;
    if (*rest == '/') {
        size_t dlen = strcspn(rest + 1, "?");
        u->dbname = dlen ? decode(rest + 1, dlen) : NULL;
        if (dlen && !u->dbname) {
            set_error(e, "has an invalid percent-encoding in its database name");
            return false;
        }
        rest += 1 + dlen;
    }
    return *rest != '?' || parse_query(rest + 1, u, e);
}

static void append_encoded(StrBuf *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p))
            sb_append_char(sb, (char)*p);
        else
            sb_printf(sb, "%%%02X", *p);
    }
}

/* password, sslpassword, or any parameter named like them */
static bool names_password(const char *key)
{
    return strcasestr(key, "password") != NULL;
}

/* the URL rebuilt from its parsed parts, so that no way of writing it can leave the password in */
static char *rebuild_masked(const char *text, size_t scheme_len, const PgUrl *u)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < scheme_len; i++)
        sb_append_char(&sb, (char)tolower((unsigned char)text[i]));
    if (u->user) {
        append_encoded(&sb, u->user);
        sb_append(&sb, u->password ? ":****@" : "@");
    }
    sb_printf(&sb, strchr(u->host, ':') ? "[%s]" : "%s", u->host);     /* plain_host: nothing to escape */
    if (u->port)
        sb_printf(&sb, ":%s", u->port);
    if (u->dbname) {
        sb_append_char(&sb, '/');
        append_encoded(&sb, u->dbname);
    }
    for (int i = 0; i < u->nparams; i++) {
        sb_append_char(&sb, i == 0 ? '?' : '&');
        append_encoded(&sb, u->keys[i]);
        sb_append_char(&sb, '=');
        if (names_password(u->keys[i]))
            sb_append(&sb, "****");
        else
            append_encoded(&sb, u->values[i]);
    }
    return sb_steal(&sb);
}

bool pgurl_parse(const char *text, PgUrl *out, PlatformError *e)
{
    memset(out, 0, sizeof(*out));
    size_t skip = text ? scheme_length(text) : 0;
    if (skip == 0) {
        set_error(e, "does not start with postgres://, postgresql:// or postgis://");
        return false;
    }
    if (!parse_parts(text, skip, out, e)) {
        pgurl_free(out);
        return false;
    }
    out->masked = rebuild_masked(text, skip, out);
    return true;
}

void pgurl_free(PgUrl *u)
{
    if (u->password) {
        explicit_bzero(u->password, strlen(u->password));
        free(u->password);
    }
    free(u->user);
    free(u->host);
    free(u->port);
    free(u->dbname);
    free(u->masked);
    for (int i = 0; i < u->nparams; i++) {
        free(u->keys[i]);
        free(u->values[i]);
    }
    memset(u, 0, sizeof(*u));
}

const char *pgurl_param(const PgUrl *u, const char *key)
{
    for (int i = 0; i < u->nparams; i++)
        if (strcmp(u->keys[i], key) == 0)
            return u->values[i];
    return NULL;
}

char *pgurl_mask(const char *text)
{
    if (!text)
        return xstrdup("");
    const char *sep = strstr(text, "://");
    const char *start = sep ? sep + 3 : NULL;
    const char *at = start ? strrchr(start, '@') : NULL;
    const char *colon = at ? memchr(start, ':', (size_t)(at - start)) : NULL;
    /* the last '@' and the first ':': masking too much is better than showing part of a password */
    if (!colon)
        return xstrdup(text);
    return mask_span(text, (size_t)(colon - text) + 1, (size_t)(at - text));
}

/* host and port of "host:port", "[v6]:port" or a bare host; the port is NULL when absent */
static void split_address(const char *address, char **host, char **port)
{
    const char *end = NULL, *colon = NULL;
    if (address[0] == '[' && (end = strchr(address, ']'))) {
        *host = xstrndup(address + 1, (size_t)(end - address - 1));
        colon = end[1] == ':' ? end + 1 : NULL;
    } else {
        colon = strrchr(address, ':');
        /* two colons or more without brackets: an IPv6 address without a port */
        if (colon && memchr(address, ':', (size_t)(colon - address)))
            colon = NULL;
        *host = colon ? xstrndup(address, (size_t)(colon - address)) : xstrdup(address);
    }
    *port = colon && colon[1] ? xstrdup(colon + 1) : NULL;
}

bool pgurl_at_address(const PgUrl *u, const char *address)
{
    char *host, *port;
    split_address(address, &host, &port);
    const char *url_port = u->port ? u->port : "5432";
    bool same = strcasecmp(u->host, host) == 0 && (!port || strcmp(url_port, port) == 0);
    free(host);
    free(port);
    return same;
}
