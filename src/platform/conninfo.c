#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "platform/platform.h"

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

void platform_print_conninfo(Session *s)
{
    const PlatformContext *p = s->platform;
    if (!p || !s->db)
        return;
    /* after \connect to another server or database, the app's lines would describe the wrong connection */
    if (!same(PQhost(s->db), p->host) || !same(PQport(s->db), p->port) || !same(PQdb(s->db), p->dbname))
        return;
    printf("Scalingo app \"%s\" in region \"%s\", PostgreSQL addon \"%s\" (sslmode=%s).\n", p->app, p->region,
           p->addon_id, p->sslmode);
    printf("Database URL: %s\n", p->masked_url);
}
