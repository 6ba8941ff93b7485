/*
 * Establishing one upstream connection without blocking: TCP to each address of the
 * plan in turn (or its Unix socket), keepalives, SSLRequest, a mandatory 'S' (never
 * plaintext), then the TLS handshake with full verification.  The owner is called
 * back once, on success (fd and ssl ready for the relay) or with the reason.
 */
#ifndef PGC_TUNNEL_UPSTREAM_H
#define PGC_TUNNEL_UPSTREAM_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stdint.h>

#include "tunnel/dialer.h"
#include "tunnel/evloop.h"

typedef enum UpstreamState {
    UP_IDLE,
    UP_CONNECTING,
    UP_SSL_REQUEST,         /* sending the SSLRequest */
    UP_SSL_ANSWER,          /* waiting for 'S' */
    UP_HANDSHAKE,
    UP_READY,
    UP_FAILED
} UpstreamState;

/* ok: u->fd and u->ssl are ready; else why says what failed (one line) */
typedef void (*UpstreamDone)(void *ctx, bool ok, const char *why);

typedef struct Upstream {
    EvLoop *loop;
    const DialPlan *plan;   /* borrowed: outlives the attempt */
    UpstreamState state;
    int fd;
    SSL *ssl;
    size_t next_addr;
    DialAddr used;          /* the address that answered */
    uint8_t request[8];
    size_t request_sent;
    EvTimer timer;
    int deferred_errno;     /* a failure found synchronously, reported from the loop */
    char *why;              /* the last address's failure */
    UpstreamDone done;
    void *ctx;
} Upstream;

/* starts; done runs later on the loop (never from inside this call) */
void upstream_connect(Upstream *u, EvLoop *loop, const DialPlan *plan, UpstreamDone done, void *ctx);
/* forgets the fd, frees the TLS session and closes the socket, in any state */
void upstream_close(Upstream *u);

#endif
