/*
 * Inside the tunnel: the state shared by its modules (conn.c: a client connection
 * from accept to close; relay.c: moving bytes between a client and its server;
 * cancel.c: forwarding cancel requests; tlog.c: what the tunnel logs).
 */
#ifndef PGC_TUNNEL_TUNNEL_INT_H
#define PGC_TUNNEL_TUNNEL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tunnel/dialer.h"
#include "tunnel/evloop.h"
#include "tunnel/pgproto.h"
#include "tunnel/upstream.h"

enum {
    RELAY_BUFFER_SIZE = 64 * 1024,      /* per direction: a full buffer stops reading that side */
    FIRST_PACKET_TIMEOUT_MS = 60000,    /* a client that connects and says nothing */
    REFUSAL_TIMEOUT_MS = 10000,         /* a client that does not read our ErrorResponse */
    CANCEL_TIMEOUT_MS = 10000
};

/* a bounded byte queue: [start, end) holds the bytes not sent yet */
typedef struct ByteQueue {
    uint8_t *data;
    size_t start, end, cap;
} ByteQueue;

typedef enum UpstreamHealth { HEALTH_UNKNOWN, HEALTH_UP, HEALTH_DOWN } UpstreamHealth;

typedef struct Tunnel {
    EvLoop *loop;
    Dialer *dialer;
    struct Conn *conns;         /* every open client connection */
    size_t nconns;
    unsigned long next_id;
    bool verbose;               /* -v: one line per connection */
    bool quiet;                 /* exec mode without -v: only failures at startup */
    UpstreamHealth health;
    char *health_why;           /* the last failure logged */
} Tunnel;

typedef enum ConnState {
    CONN_FIRST_PACKET,          /* reading SSLRequest/GSSENCRequest/StartupMessage/CancelRequest */
    CONN_DIALING,               /* asking the provider, then connecting upstream */
    CONN_RELAY,
    CONN_REFUSING,              /* sending the client an ErrorResponse, then closing */
    CONN_CANCELLING             /* forwarding the client's cancel request */
} ConnState;

typedef enum SslBlock { SSL_BLOCK_NONE, SSL_BLOCK_READ, SSL_BLOCK_WRITE } SslBlock;

struct CancelJob;

typedef struct Conn {
    struct Conn *prev, *next;
    Tunnel *tunnel;
    unsigned long id;
    ConnState state;
    long long opened_ms;
    char peer[64];
    char user[64], database[64];

    int cfd;                    /* the local client */
    unsigned cfd_events;        /* what the loop watches cfd for (0: not watched) */
    bool c_readable, c_eof, c_shut;

    Upstream up;                /* up.fd and up.ssl once ready */
    DialPlan *plan;
    bool dial_pending;
    unsigned ufd_events;
    bool u_readable, u_eof, u_shut;
    SslBlock write_block, read_block;
    bool server_gone;           /* its connection broke: only what it sent before still goes out */
    int failure;                /* errno of a failed client read or write */

    ByteQueue c2u, u2c;         /* client to server, server to client */
    uint64_t bytes_up, bytes_down;
    PgStartupFilter startup;    /* the server's first messages (its key, for cancel requests) */

    EvTimer timer;              /* first packet, refusal, linger */
    EvTimer again;              /* more to move after a pump's share of rounds */
    struct CancelJob *cancel;
} Conn;

/* conn.c */
void conn_accept(Tunnel *t, int fd, const char *peer);
void conn_close(Conn *c, const char *why);
void conn_close_all(Tunnel *t);

/* relay.c */
void relay_start(Conn *c);
void relay_on_client(void *ctx, unsigned events);
void relay_on_upstream(void *ctx, unsigned events);
void relay_graceful_close(Conn *c);

/* cancel.c: forwards key's cancel to the server that issued it; the conn is closed when done */
void cancel_forward(Conn *c, const PgCancelKey *key);
void cancel_abort(struct CancelJob *job);

/* the byte queues */
void bq_init(ByteQueue *q, size_t cap);
void bq_free(ByteQueue *q);
static inline size_t bq_len(const ByteQueue *q) { return q->end - q->start; }
/* room at the end, moving the pending bytes to the front when that makes room */
size_t bq_room(ByteQueue *q);
void bq_consume(ByteQueue *q, size_t n);

/* tlog.c: log lines ("pgconsole tunnel: HH:MM:SS ...") */
void tlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tlog_health(Tunnel *t, bool ok, const char *label, const char *why);

#endif
