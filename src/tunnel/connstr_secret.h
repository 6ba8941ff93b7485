/*
 * Where the password sits in a connection URL or conninfo string as typed, so that
 * the tunnel can blank it out of its own command line (what `ps` and /proc/PID/cmdline
 * show) as soon as it has read it, and out of any message that would quote it.
 */
#ifndef PGC_TUNNEL_CONNSTR_SECRET_H
#define PGC_TUNNEL_CONNSTR_SECRET_H

#include <stddef.h>

typedef struct SecretSpan {
    size_t start;
    size_t length;
} SecretSpan;

/* the spans of s that hold a password (URL user-info, password= parameters); their count, which may
   exceed max (only max are written; spans may be NULL when max is 0) */
size_t connstr_secret_spans(const char *s, SecretSpan *spans, size_t max);
/* overwrites every password character of s with '*', keeping its length */
void connstr_mask_in_place(char *s);

#endif
