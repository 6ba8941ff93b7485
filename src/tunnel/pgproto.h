/*
 * The few pieces of the PostgreSQL wire protocol the tunnel reads and writes, as pure
 * functions over byte buffers: a client's first packets (SSLRequest, GSSENCRequest,
 * CancelRequest, StartupMessage), the server's BackendKeyData among its first
 * messages, and the packets the tunnel writes itself (SSLRequest, CancelRequest,
 * ErrorResponse).
 */
#ifndef PGC_TUNNEL_PGPROTO_H
#define PGC_TUNNEL_PGPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

enum {
    PG_CANCEL_REQUEST_CODE = 80877102,
    PG_SSL_REQUEST_CODE = 80877103,
    PG_GSSENC_REQUEST_CODE = 80877104,
    PG_MAX_STARTUP_PACKET = 10000,      /* what the server accepts */
    PG_MAX_CANCEL_KEY = 256             /* protocol 3.2 allows keys up to 256 bytes; 3.0 has 4 */
};

typedef struct PgCancelKey {
    uint32_t pid;
    size_t keylen;
    uint8_t key[PG_MAX_CANCEL_KEY];
} PgCancelKey;

typedef enum PgFirstKind {
    PGF_NEED_MORE,          /* the packet is not complete yet */
    PGF_SSL_REQUEST,
    PGF_GSSENC_REQUEST,
    PGF_CANCEL,
    PGF_STARTUP,
    PGF_INVALID
} PgFirstKind;

typedef struct PgFirstPacket {
    PgFirstKind kind;
    size_t length;          /* bytes of the packet (when complete) */
    PgCancelKey cancel;     /* PGF_CANCEL */
    const char *invalid;    /* PGF_INVALID: why, for the log */
} PgFirstPacket;

/* what the len bytes at buf (the start of a client's packet before authentication) hold */
PgFirstKind pgproto_first_packet(const uint8_t *buf, size_t len, PgFirstPacket *out);

/* a parameter ("user", "database") of a complete StartupMessage, copied into out (truncated
   to outsize); false when absent */
bool pgproto_startup_param(const uint8_t *pkt, size_t len, const char *name, char *out, size_t outsize);

/* the 8-byte SSLRequest */
void pgproto_ssl_request(uint8_t out[8]);
/* a CancelRequest for key into out (at least 12 + PG_MAX_CANCEL_KEY bytes); its length */
size_t pgproto_cancel_request(const PgCancelKey *key, uint8_t *out);
/* appends an ErrorResponse of severity FATAL (hint may be NULL) */
void pgproto_error_response(StrBuf *out, const char *sqlstate, const char *message, const char *hint);

/* The server's messages from the start of a session until ReadyForQuery (or an
   ErrorResponse), taken message by message:
   - BackendKeyData is noted, so that a cancel request can find its server later;
   - AuthenticationSASL loses its channel-binding mechanisms (SCRAM-SHA-256-PLUS): the
     client's connection is not the server's TLS, so binding to it cannot work, and
     libpq rightly refuses a -PLUS offer on a connection without TLS as a downgrade.
   Everything else, and everything after, passes unchanged. */
typedef struct PgStartupFilter {
    bool done;
    bool found_key;
    PgCancelKey key;
    uint8_t *msg;           /* the message being gathered */
    size_t have, cap;
    uint32_t length;        /* of that message, type byte excluded (0: header incomplete) */
} PgStartupFilter;

enum { PG_FILTER_MAX_MESSAGE = 32 * 1024 };    /* longer: not a startup message, pass through */

void pgfilter_init(PgStartupFilter *f);
void pgfilter_free(PgStartupFilter *f);
/* bytes held back (an incomplete message) */
size_t pgfilter_held(const PgStartupFilter *f);
/* feeds n bytes; writes what may go to the client to out and returns its length, which
   is at most pgfilter_held() before the call + n (so outcap of that much is enough) */
size_t pgfilter_feed(PgStartupFilter *f, const uint8_t *in, size_t n, uint8_t *out);

#endif
