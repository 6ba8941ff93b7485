/* What the tunnel logs: one line per state change of the upstream, and with -v one per connection. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tunnel/tunnel_int.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void tlog(const char *fmt, ...)
{
    char stamp[16];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s tunnel: %s ", log_progname(), stamp);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    sb_append_char(&sb, '\n');
    fwrite(sb.data, 1, sb.len, stderr);
    fflush(stderr);
    sb_free(&sb);
}

void tlog_health(Tunnel *t, bool ok, const char *label, const char *why)
{
    if (ok) {
        if (t->health != HEALTH_UP && !t->quiet)
            tlog(t->health == HEALTH_DOWN ? "the database is reachable again: %s" : "connected to the database: %s",
                 label);
        t->health = HEALTH_UP;
        free(t->health_why);
        t->health_why = NULL;
        return;
    }
    if (t->health == HEALTH_DOWN && t->health_why && strcmp(t->health_why, why) == 0)
        return;
    if (!t->quiet)
        tlog("cannot reach the database%s%s: %s", label ? " " : "", label ? label : "", why);
    t->health = HEALTH_DOWN;
    free(t->health_why);
    t->health_why = xstrdup(why);
}
