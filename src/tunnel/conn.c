/*
 * A client connection from accept to close: its first packets (encryption requests
 * answered 'N', a cancel request forwarded, the startup packet kept for the server),
 * the dial, then the relay — or an ErrorResponse saying why the database cannot be
 * reached.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tunnel/tunnel_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static void on_first_packet(void *ctx, unsigned events);

void bq_init(ByteQueue *q, size_t cap)
{
    q->data = xmalloc(cap);
    q->start = q->end = 0;
    q->cap = cap;
}

void bq_free(ByteQueue *q)
{
    free(q->data);
    memset(q, 0, sizeof(*q));
}

size_t bq_room(ByteQueue *q)
{
    if (q->start == q->end)
        q->start = q->end = 0;
    else if (q->end == q->cap && q->start > 0) {
        memmove(q->data, q->data + q->start, q->end - q->start);
        q->end -= q->start;
        q->start = 0;
    }
    return q->cap - q->end;
}

void bq_consume(ByteQueue *q, size_t n)
{
    q->start += n;
    if (q->start == q->end)
        q->start = q->end = 0;
}

static double seconds_since(long long ms)
{
    return (double)(evloop_now_ms() - ms) / 1000.0;
}

void conn_close(Conn *c, const char *why)
{
    Tunnel *t = c->tunnel;
    if (t->verbose) {
        if (c->state == CONN_RELAY || c->bytes_up || c->bytes_down)
            tlog("#%lu close after %.3f s: %llu bytes to the server, %llu bytes to the client%s%s", c->id,
                 seconds_since(c->opened_ms), (unsigned long long)c->bytes_up, (unsigned long long)c->bytes_down,
                 why ? "; " : "", why ? why : "");
        else
            tlog("#%lu close after %.3f s%s%s", c->id, seconds_since(c->opened_ms), why ? ": " : "", why ? why : "");
    }
    if (c->dial_pending)
        dialer_forget(t->dialer, c);
    if (c->cancel)
        cancel_abort(c->cancel);
    evloop_timer_stop(t->loop, &c->timer);
    evloop_timer_stop(t->loop, &c->again);
    upstream_close(&c->up);
    if (c->plan)
        dial_plan_free(c->plan);
    evloop_forget(t->loop, c->cfd);
    close(c->cfd);
    bq_free(&c->c2u);
    bq_free(&c->u2c);
    pgfilter_free(&c->startup);
    if (c->prev)
        c->prev->next = c->next;
    else
        t->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    t->nconns--;
    free(c);
}

void conn_close_all(Tunnel *t)
{
    while (t->conns) {
        Conn *c = t->conns;
        if (c->state == CONN_RELAY)
            relay_graceful_close(c);
        conn_close(c, "the tunnel is stopping");
    }
}

/* ---- refusing: an ErrorResponse, then close ---- */

static void on_refusal_writable(void *ctx, unsigned events);

static void refusal_flush(Conn *c)
{
    while (bq_len(&c->u2c) > 0) {
        ssize_t n = send(c->cfd, c->u2c.data + c->u2c.start, bq_len(&c->u2c), MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            evloop_watch(c->tunnel->loop, c->cfd, EV_WRITE, on_refusal_writable, c);
            return;
        }
        if (n <= 0)
            break;
        bq_consume(&c->u2c, (size_t)n);
    }
    shutdown(c->cfd, SHUT_WR);
    conn_close(c, NULL);
}

static void on_refusal_writable(void *ctx, unsigned events)
{
    (void)events;
    refusal_flush(ctx);
}

static void on_refusal_timeout(void *ctx)
{
    conn_close(ctx, "the client did not read the error");
}

/* tells the client why (a FATAL ErrorResponse it shows to its user), then closes */
static void refuse(Conn *c, const char *sqlstate, const char *message, const char *hint)
{
    StrBuf sb = STRBUF_INIT;
    pgproto_error_response(&sb, sqlstate, message, hint);
    c->u2c.start = 0;
    c->u2c.end = sb.len < c->u2c.cap ? sb.len : c->u2c.cap;
    memcpy(c->u2c.data, sb.data, c->u2c.end);
    sb_free(&sb);
    c->state = CONN_REFUSING;
    evloop_forget(c->tunnel->loop, c->cfd);
    evloop_timer_start(c->tunnel->loop, &c->timer, REFUSAL_TIMEOUT_MS, on_refusal_timeout, c);
    refusal_flush(c);
}

/* ---- dialing ---- */

static void dial_failed(Conn *c, const char *label, const char *why)
{
    Tunnel *t = c->tunnel;
    tlog_health(t, false, label, why);
    if (t->verbose)
        tlog("#%lu cannot reach the database: %s", c->id, why);
    char *message = label ? xasprintf("pgconsole tunnel: could not reach the database %s: %s", label, why)
                          : xasprintf("pgconsole tunnel: could not reach the database: %s", why);
    refuse(c, "08001", message, NULL);
    free(message);
}

static void on_upstream_done(void *ctx, bool ok, const char *why)
{
    Conn *c = ctx;
    Tunnel *t = c->tunnel;
    dialer_report(t->dialer, &c->plan->target, ok, why);
    if (!ok) {
        char *copy = xstrdup(why);
        upstream_close(&c->up);
        dial_failed(c, c->plan->target.label, copy);
        free(copy);
        return;
    }
    char *label = xasprintf("%s (%s, certificate verified)", c->plan->target.label, SSL_get_version(c->up.ssl));
    tlog_health(t, true, label, NULL);
    free(label);
    relay_start(c);
}

static void on_dial_plan(void *ctx, DialPlan *plan, const char *err)
{
    Conn *c = ctx;
    c->dial_pending = false;
    if (!plan) {
        dial_failed(c, NULL, err);
        return;
    }
    c->plan = plan;
    upstream_connect(&c->up, c->tunnel->loop, plan, on_upstream_done, c);
}

/* ---- the client's first packets ---- */

static void first_packet_timeout(void *ctx)
{
    conn_close(ctx, "no startup packet from the client");
}

static void got_startup(Conn *c, const PgFirstPacket *p)
{
    Tunnel *t = c->tunnel;
    const uint8_t *pkt = c->c2u.data + c->c2u.start;
    pgproto_startup_param(pkt, p->length, "user", c->user, sizeof(c->user));
    if (!pgproto_startup_param(pkt, p->length, "database", c->database, sizeof(c->database)))
        strcpy(c->database, c->user);
    if (t->verbose)
        tlog("#%lu open from %s: user %s, database %s", c->id, c->peer, c->user[0] ? c->user : "?",
             c->database[0] ? c->database : "?");
    evloop_timer_stop(t->loop, &c->timer);
    c->state = CONN_DIALING;
    /* nothing more comes from a client before the server asks for its password */
    evloop_forget(t->loop, c->cfd);
    c->cfd_events = 0;
    c->dial_pending = true;
    dialer_request(t->dialer, on_dial_plan, c);
}

/* answers what the client has sent so far; false when the connection is gone or handed on */
static bool first_packet_step(Conn *c)
{
    PgFirstPacket p;
    switch (pgproto_first_packet(c->c2u.data + c->c2u.start, bq_len(&c->c2u), &p)) {
    case PGF_NEED_MORE:
        return false;
    case PGF_SSL_REQUEST:
    case PGF_GSSENC_REQUEST:
        /* loopback stays plain: the tunnel does the TLS upstream */
        bq_consume(&c->c2u, p.length);
        if (send(c->cfd, "N", 1, MSG_NOSIGNAL) != 1) {
            conn_close(c, "the client went away");
            return false;
        }
        return true;
    case PGF_CANCEL:
        evloop_timer_stop(c->tunnel->loop, &c->timer);
        evloop_forget(c->tunnel->loop, c->cfd);
        c->state = CONN_CANCELLING;
        cancel_forward(c, &p.cancel);
        return false;
    case PGF_STARTUP:
        got_startup(c, &p);
        return false;
    case PGF_INVALID:
        if (c->tunnel->verbose)
            tlog("#%lu from %s sent %s", c->id, c->peer, p.invalid);
        refuse(c, "08P01", "pgconsole tunnel: invalid startup packet", NULL);
        return false;
    }
    return false;
}

static void on_first_packet(void *ctx, unsigned events)
{
    Conn *c = ctx;
    (void)events;
    if (c->state != CONN_FIRST_PACKET)
        return;
    size_t room = bq_room(&c->c2u);
    ssize_t n = recv(c->cfd, c->c2u.data + c->c2u.end, room, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {
        conn_close(c, n == 0 ? "the client closed the connection" : strerror(errno));
        return;
    }
    c->c2u.end += (size_t)n;
    while (first_packet_step(c)) {
    }
}

static void set_nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void conn_accept(Tunnel *t, int fd, const char *peer)
{
    set_nonblocking(fd);
    int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
#ifdef SO_NOSIGPIPE
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof(on));
#endif
    Conn *c = xcalloc(1, sizeof(*c));
    c->tunnel = t;
    c->id = ++t->next_id;
    c->opened_ms = evloop_now_ms();
    c->cfd = fd;
    c->up.fd = -1;
    snprintf(c->peer, sizeof(c->peer), "%s", peer);
    bq_init(&c->c2u, RELAY_BUFFER_SIZE);
    bq_init(&c->u2c, RELAY_BUFFER_SIZE);
    c->next = t->conns;
    if (t->conns)
        t->conns->prev = c;
    t->conns = c;
    t->nconns++;
    if (!evloop_watch(t->loop, fd, EV_READ, on_first_packet, c)) {
        conn_close(c, strerror(errno));
        return;
    }
    c->cfd_events = EV_READ;
    evloop_timer_start(t->loop, &c->timer, FIRST_PACKET_TIMEOUT_MS, first_packet_timeout, c);
}
