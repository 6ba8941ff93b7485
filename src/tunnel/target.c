#include "tunnel/target.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void tunnel_target_free(TunnelTarget *t)
{
    if (t->password)
        explicit_bzero(t->password, strlen(t->password));
    free(t->dial_host);
    free(t->dial_port);
    free(t->dial_unix);
    free(t->tls_host);
    free(t->ca_file);
    free(t->label);
    free(t->user);
    free(t->password);
    free(t->dbname);
    memset(t, 0, sizeof(*t));
}

void tunnel_target_copy(TunnelTarget *dst, const TunnelTarget *src)
{
    dst->dial_host = dup_or_null(src->dial_host);
    dst->dial_port = dup_or_null(src->dial_port);
    dst->dial_unix = dup_or_null(src->dial_unix);
    dst->tls_host = dup_or_null(src->tls_host);
    dst->ca_file = dup_or_null(src->ca_file);
    dst->connect_timeout_s = src->connect_timeout_s;
    dst->label = dup_or_null(src->label);
    dst->user = dup_or_null(src->user);
    dst->password = dup_or_null(src->password);
    dst->dbname = dup_or_null(src->dbname);
}
