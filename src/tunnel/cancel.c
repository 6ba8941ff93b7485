/*
 * Cancel requests through the tunnel.  A client's CancelRequest carries the
 * BackendKeyData its server sent it; the tunnel finds the relayed connection whose
 * server issued that key and sends the request to that same server address, over
 * TLS as libpq does, on a connection of its own.  The client's connection closes once
 * the server has closed the cancel connection (processed it), which is what libpq
 * waits for.  An unknown key is dropped silently, as a server would.
 */
#include <errno.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

#include "tunnel/tunnel_int.h"
#include "util/xalloc.h"

typedef struct CancelJob {
    Conn *client;
    DialPlan *plan;
    Upstream up;
    uint8_t packet[12 + PG_MAX_CANCEL_KEY];
    size_t length, sent;
    EvTimer timer;
} CancelJob;

static void job_end(CancelJob *job, const char *outcome)
{
    Conn *c = job->client;
    if (c->tunnel->verbose)
        tlog("#%lu cancel request %s", c->id, outcome);
    cancel_abort(job);
    c->cancel = NULL;
    conn_close(c, NULL);
}

static void on_cancel_event(void *ctx, unsigned events)
{
    CancelJob *job = ctx;
    (void)events;
    SSL *ssl = job->up.ssl;
    while (job->sent < job->length) {
        ERR_clear_error();
        int n = SSL_write(ssl, job->packet + job->sent, (int)(job->length - job->sent));
        if (n > 0) {
            job->sent += (size_t)n;
            continue;
        }
        int e = SSL_get_error(ssl, n);
        if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
            evloop_interest(job->client->tunnel->loop, job->up.fd, e == SSL_ERROR_WANT_WRITE ? EV_WRITE : EV_READ);
            return;
        }
        job_end(job, "could not be sent");
        return;
    }
    /* the server answers nothing: it closes the connection once it has acted */
    char scratch[256];
    ERR_clear_error();
    int n = SSL_read(ssl, scratch, sizeof(scratch));
    int e = n > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl, n);
    if (n > 0 || e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        evloop_interest(job->client->tunnel->loop, job->up.fd, e == SSL_ERROR_WANT_WRITE ? EV_WRITE : EV_READ);
        return;
    }
    job_end(job, "delivered");
}

static void on_cancel_connected(void *ctx, bool ok, const char *why)
{
    CancelJob *job = ctx;
    if (!ok) {
        char *outcome = xasprintf("could not be delivered: %s", why);
        job_end(job, outcome);
        free(outcome);
        return;
    }
    evloop_watch(job->client->tunnel->loop, job->up.fd, EV_WRITE, on_cancel_event, job);
    on_cancel_event(job, EV_WRITE);
}

static void on_cancel_timeout(void *ctx)
{
    job_end(ctx, "timed out");
}

static Conn *issuer_of(Tunnel *t, const PgCancelKey *key)
{
    for (Conn *c = t->conns; c; c = c->next)
        if (c->state == CONN_RELAY && c->startup.found_key && c->startup.key.pid == key->pid &&
            c->startup.key.keylen == key->keylen && memcmp(c->startup.key.key, key->key, key->keylen) == 0)
            return c;
    return NULL;
}

void cancel_forward(Conn *c, const PgCancelKey *key)
{
    Tunnel *t = c->tunnel;
    Conn *issuer = issuer_of(t, key);
    if (!issuer) {
        if (t->verbose)
            tlog("#%lu cancel request for an unknown backend (pid %u) ignored", c->id, (unsigned)key->pid);
        conn_close(c, NULL);
        return;
    }
    if (t->verbose)
        tlog("#%lu cancel request for #%lu (backend pid %u)", c->id, issuer->id, (unsigned)key->pid);
    CancelJob *job = xcalloc(1, sizeof(*job));
    job->client = c;
    job->length = pgproto_cancel_request(key, job->packet);
    job->plan = dial_plan_for_address(issuer->plan, &issuer->up.used);
    c->cancel = job;
    evloop_timer_start(t->loop, &job->timer, CANCEL_TIMEOUT_MS, on_cancel_timeout, job);
    upstream_connect(&job->up, t->loop, job->plan, on_cancel_connected, job);
}

void cancel_abort(CancelJob *job)
{
    EvLoop *loop = job->client->tunnel->loop;
    evloop_timer_stop(loop, &job->timer);
    upstream_close(&job->up);
    dial_plan_free(job->plan);
    job->client->cancel = NULL;
    free(job);
}
