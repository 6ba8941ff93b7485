/*
 * Where the tunnel sends a connection, and who says so.
 *
 * A TunnelProvider is asked for a TunnelTarget at EVERY dial: each new client
 * connection (and nothing else) makes the tunnel call resolve() again, so a provider
 * can follow what changes while the tunnel runs — a password reset, a failover to
 * another host, a plan change, a fresh API token, an SSH leg that had to be
 * restarted.  The static provider (a URL or conninfo given on the command line,
 * target_static.c) returns the same target every time; the platform provider
 * (--app) resolves the app through the API and may route through the region's SSH
 * gateway by handing back a Unix socket (dial_unix) that leads to the database.
 *
 * Threading contract, so that a provider can be written as plain blocking code:
 *  - resolve() is called once on the main thread before the tunnel listens (the
 *    first target gives the user and database of the printed local URL and of exec
 *    mode), then only on the tunnel's dial thread, one call at a time, never
 *    concurrently with any other provider call; it may block (HTTP, starting ssh)
 *    without stalling the connections already relayed, but should bound its time;
 *  - report() (optional) is called on the dial thread after each dial with the
 *    target used and the outcome, before the next resolve(): a failure is the cue to
 *    forget cached answers or to restart an SSH leg (with capped backoff);
 *  - destroy() is called once, after the dial thread has stopped.
 *
 * Whatever the provider does, the tunnel always does the same thing with the target:
 * TCP (or the Unix socket), SSLRequest, a mandatory 'S', TLS 1.2+ with SNI and full
 * verification of tls_host against ca_file (or the system store), then the client's
 * own startup packet and authentication, relayed unchanged.
 */
#ifndef PGC_TUNNEL_TARGET_H
#define PGC_TUNNEL_TARGET_H

#include <stdbool.h>

typedef struct TunnelTarget {
    char *dial_host;        /* a host name or address to connect to over TCP ... */
    char *dial_port;        /* ... and its port ("5432") */
    char *dial_unix;        /* or, instead, a Unix socket that leads to the server (an SSH forward) */
    char *tls_host;         /* the server's name: sent as SNI (unless an address) and checked in its certificate */
    char *ca_file;          /* CA certificates to verify the server with; NULL: the system's store */
    int connect_timeout_s;  /* for TCP connect, SSLRequest and handshake together; 0: the default */
    char *label;            /* what log lines and errors call the database (no secret) */
    /* what local clients should use: the printed URL and exec mode's environment */
    char *user;
    char *password;         /* never logged nor printed unless --show-password */
    char *dbname;
} TunnelTarget;

typedef struct TunnelProvider {
    void *ctx;
    /* fills *target (zeroed by the caller); false with *err, one line without any secret */
    bool (*resolve)(void *ctx, TunnelTarget *target, char **err);
    /* after a dial to target: ok, or why not (one line); may be NULL */
    void (*report)(void *ctx, const TunnelTarget *target, bool ok, const char *why);
    void (*destroy)(void *ctx);
} TunnelProvider;

/* frees the fields (wiping the password) and zeroes the struct */
void tunnel_target_free(TunnelTarget *t);
void tunnel_target_copy(TunnelTarget *dst, const TunnelTarget *src);

/* The static provider: one URL (postgres://, postgresql://, postgis://) or conninfo
   string naming one TCP host.  ca_file (--ca-file) wins over the string's sslrootcert;
   without either, the system's store verifies the server.  Its sslmode is ignored: the
   tunnel always verifies.  false with *err (no secret quoted). */
bool target_static_provider(const char *connstr, const char *ca_file, TunnelProvider *out, char **err);

#endif
