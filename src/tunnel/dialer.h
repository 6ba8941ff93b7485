/*
 * The dial thread: everything about a dial that may block — the provider's
 * resolve() (an API call, starting an SSH leg), the host name lookup, loading the CA
 * file — runs here, one dial at a time, so that the event loop never waits and the
 * connections already relayed keep flowing.  Results come back to the loop's thread
 * through a pipe the loop watches.
 */
#ifndef PGC_TUNNEL_DIALER_H
#define PGC_TUNNEL_DIALER_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "tunnel/evloop.h"
#include "tunnel/target.h"

typedef struct DialAddr {
    struct sockaddr_storage sa;
    socklen_t len;
} DialAddr;

/* how to reach the database for one connection */
typedef struct DialPlan {
    TunnelTarget target;
    SSL_CTX *tls;           /* holds a reference */
    DialAddr *addrs;        /* dial_host's addresses in the resolver's order, or the Unix socket */
    size_t naddrs;
} DialPlan;

/* a copy of plan that dials only addr (a cancel goes where its connection went) */
DialPlan *dial_plan_for_address(const DialPlan *plan, const DialAddr *addr);
void dial_plan_free(DialPlan *plan);
/* "127.0.0.1:5432", "[::1]:5432" or the socket path */
void dial_addr_text(const DialAddr *a, char *out, size_t outsize);

typedef struct Dialer Dialer;

/* done runs on the loop's thread: plan (the callee's to free) or err */
typedef void (*DialDone)(void *ctx, DialPlan *plan, const char *err);

/* takes the provider (destroyed by dialer_stop); NULL with *err */
Dialer *dialer_start(const TunnelProvider *provider, EvLoop *loop, char **err);
void dialer_request(Dialer *d, DialDone done, void *ctx);
/* drops any pending request of ctx: its done will not run */
void dialer_forget(Dialer *d, void *ctx);
/* tells the provider how a dial to target went */
void dialer_report(Dialer *d, const TunnelTarget *target, bool ok, const char *why);
/* waits for the call in progress, stops the thread, destroys the provider */
void dialer_stop(Dialer *d);

#endif
