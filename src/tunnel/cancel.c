/*
 * Cancel requests through the tunnel.  A client's CancelRequest carries the
 * BackendKeyData its server sent it; every key a server issues is listed with the
 * address of that server, so that the request — which may reach any worker — goes to
 * that same server address, over TLS as libpq does, on a connection of its own.  The client's connection closes once
 * the server has closed the cancel connection (processed it), which is what libpq
 * waits for.  An unknown key is dropped silently, as a server would.
 */
#include <errno.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

#include "tunnel/tunnel_int.h"
#include "util/xalloc.h"

/* a key a server sent through the tunnel, and where that server is */
typedef struct IssuedKey {
    struct IssuedKey *next;
    const Conn *owner;          /* only compared: the connection belongs to its worker */
    unsigned long conn_id;
    PgCancelKey key;
    DialPlan *plan;             /* that server's one address */
} IssuedKey;

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
            evloop_interest(job->client->worker->loop, job->up.fd, e == SSL_ERROR_WANT_WRITE ? EV_WRITE : EV_READ);
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
        evloop_interest(job->client->worker->loop, job->up.fd, e == SSL_ERROR_WANT_WRITE ? EV_WRITE : EV_READ);
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
    evloop_watch(job->client->worker->loop, job->up.fd, EV_WRITE, on_cancel_event, job);
    on_cancel_event(job, EV_WRITE);
}

static void on_cancel_timeout(void *ctx)
{
    job_end(ctx, "timed out");
}

void cancel_key_issued(Conn *c)
{
    Tunnel *t = c->tunnel;
    IssuedKey *k = xcalloc(1, sizeof(*k));
    k->owner = c;
    k->conn_id = c->id;
    k->key = c->startup.key;
    k->plan = dial_plan_for_address(c->plan, &c->up.used);
    pthread_mutex_lock(&t->lock);
    k->next = t->keys;
    t->keys = k;
    pthread_mutex_unlock(&t->lock);
    c->key_issued = true;
}

static void issued_key_free(IssuedKey *k)
{
    dial_plan_free(k->plan);
    free(k);
}

void cancel_key_withdrawn(Conn *c)
{
    Tunnel *t = c->tunnel;
    IssuedKey *found = NULL;
    pthread_mutex_lock(&t->lock);
    for (IssuedKey **p = &t->keys; *p; p = &(*p)->next)
        if ((*p)->owner == c) {
            found = *p;
            *p = found->next;
            break;
        }
    pthread_mutex_unlock(&t->lock);
    if (found)
        issued_key_free(found);
    c->key_issued = false;
}

void cancel_keys_free(Tunnel *t)
{
    while (t->keys) {
        IssuedKey *k = t->keys;
        t->keys = k->next;
        issued_key_free(k);
    }
}

/* a copy of the plan to the server that issued key, or NULL */
static DialPlan *plan_for_key(Tunnel *t, const PgCancelKey *key, unsigned long *conn_id)
{
    DialPlan *plan = NULL;
    pthread_mutex_lock(&t->lock);
    for (IssuedKey *k = t->keys; k; k = k->next)
        if (k->key.pid == key->pid && k->key.keylen == key->keylen &&
            memcmp(k->key.key, key->key, key->keylen) == 0) {
            plan = dial_plan_for_address(k->plan, &k->plan->addrs[0]);
            *conn_id = k->conn_id;
            break;
        }
    pthread_mutex_unlock(&t->lock);
    return plan;
}

void cancel_forward(Conn *c, const PgCancelKey *key)
{
    Tunnel *t = c->tunnel;
    unsigned long issuer = 0;
    DialPlan *plan = plan_for_key(t, key, &issuer);
    if (!plan) {
        if (t->verbose)
            tlog("#%lu cancel request for an unknown backend (pid %u) ignored", c->id, (unsigned)key->pid);
        conn_close(c, NULL);
        return;
    }
    if (t->verbose)
        tlog("#%lu cancel request for #%lu (backend pid %u)", c->id, issuer, (unsigned)key->pid);
    CancelJob *job = xcalloc(1, sizeof(*job));
    job->client = c;
    job->length = pgproto_cancel_request(key, job->packet);
    job->plan = plan;
    c->cancel = job;
    evloop_timer_start(c->worker->loop, &job->timer, CANCEL_TIMEOUT_MS, on_cancel_timeout, job);
    upstream_connect(&job->up, c->worker->loop, job->plan, on_cancel_connected, job);
}

void cancel_abort(CancelJob *job)
{
    EvLoop *loop = job->client->worker->loop;
    evloop_timer_stop(loop, &job->timer);
    upstream_close(&job->up);
    dial_plan_free(job->plan);
    job->client->cancel = NULL;
    free(job);
}
