/*
 * Relaying a client and its server: bytes move through two bounded queues; a full
 * queue stops reading the side that fills it (back-pressure), an end of stream on one
 * side is passed on once its queue is empty (shutdown(SHUT_WR) to the client, TLS
 * close_notify then a TCP FIN to the server), and the pair closes when both ends have
 * finished.  The server's first messages are watched for its BackendKeyData, so that
 * a cancel request can find this server later.
 */
#include <errno.h>
#include <openssl/err.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tunnel/tunnel_int.h"

enum { PUMP_ROUNDS = 4 };

typedef enum Progress { STUCK, MOVED, FAILED } Progress;

static void pump(Conn *c);

static bool would_block(void)
{
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

static Progress client_to_queue(Conn *c)
{
    if (c->c_eof || !c->c_readable)
        return STUCK;
    if (c->server_gone)
        c->c2u.start = c->c2u.end = 0;      /* nowhere to send it: read only to see the client's end */
    size_t room = bq_room(&c->c2u);
    if (room == 0)
        return STUCK;
    ssize_t n = recv(c->cfd, c->c2u.data + c->c2u.end, room, 0);
    if (n > 0) {
        c->c2u.end += (size_t)n;
        /* a short read emptied the socket: wait for the loop to say there is more */
        if ((size_t)n < room)
            c->c_readable = false;
        return MOVED;
    }
    if (n == 0) {
        c->c_eof = true;
        return MOVED;
    }
    if (would_block()) {
        c->c_readable = false;
        return STUCK;
    }
    c->failure = errno;
    return FAILED;
}

/* the server's side broke: nothing more can be sent to it nor read from it, but what it
   sent before (an ErrorResponse, often) still goes to the client */
static void server_broke(Conn *c, int ssl_error)
{
    if (!c->u_eof && !c->c_eof && c->tunnel->verbose)
        tlog("#%lu the server's connection broke (%s)", c->id,
             ssl_error == SSL_ERROR_SYSCALL && errno ? strerror(errno) : "TLS error");
    ERR_clear_error();
    c->server_gone = true;
    c->u_eof = c->u_shut = true;
    c->c2u.start = c->c2u.end = 0;
    c->read_block = c->write_block = SSL_BLOCK_NONE;
}

static Progress queue_to_server(Conn *c)
{
    size_t len = bq_len(&c->c2u);
    if (len == 0 || c->write_block != SSL_BLOCK_NONE || c->u_shut)
        return STUCK;
    ERR_clear_error();
    errno = 0;
    int n = SSL_write(c->up.ssl, c->c2u.data + c->c2u.start, len > (size_t)1 << 30 ? 1 << 30 : (int)len);
    if (n > 0) {
        bq_consume(&c->c2u, (size_t)n);
        c->bytes_up += (uint64_t)n;
        return MOVED;
    }
    int e = SSL_get_error(c->up.ssl, n);
    if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
        c->write_block = e == SSL_ERROR_WANT_WRITE ? SSL_BLOCK_WRITE : SSL_BLOCK_READ;
        return STUCK;
    }
    server_broke(c, e);
    return MOVED;
}

/* how much may be read from the server now: what the filter holds back will need room too */
static size_t server_read_room(Conn *c)
{
    size_t room = bq_room(&c->u2c), held = pgfilter_held(&c->startup);
    return room > held ? room - held : 0;
}

/* reads from the server into the queue, through the startup filter until it is done;
   -2 when all it read is held back */
static int read_server(Conn *c, size_t room)
{
    PgStartupFilter *f = &c->startup;
    uint8_t *tail = c->u2c.data + c->u2c.end;
    if (f->done)
        return SSL_read(c->up.ssl, tail, room > (size_t)1 << 30 ? 1 << 30 : (int)room);
    uint8_t scratch[16384];
    size_t want = room < sizeof(scratch) ? room : sizeof(scratch);
    int n = SSL_read(c->up.ssl, scratch, (int)want);
    if (n <= 0)
        return n;
    size_t out = pgfilter_feed(f, scratch, (size_t)n, tail);
    return out == 0 ? -2 : (int)out;
}

static Progress server_to_queue(Conn *c)
{
    Progress p = STUCK;
    while (!c->u_eof && c->read_block == SSL_BLOCK_NONE && (c->u_readable || SSL_has_pending(c->up.ssl))) {
        size_t room = server_read_room(c);
        if (room == 0)
            break;
        ERR_clear_error();
        errno = 0;
        int n = read_server(c, room);
        if (n == -2) {
            p = MOVED;      /* part of a message the filter holds back */
            continue;
        }
        if (n > 0) {
            c->u2c.end += (size_t)n;
            p = MOVED;
            /* nothing left inside TLS: the socket is most likely empty too, and if it is not,
               the loop (level-triggered) says so; this saves a read that would fail */
            if (!SSL_has_pending(c->up.ssl))
                c->u_readable = false;
            continue;
        }
        int e = SSL_get_error(c->up.ssl, n);
        if (e == SSL_ERROR_WANT_READ) {
            c->u_readable = false;
        } else if (e == SSL_ERROR_WANT_WRITE) {
            c->read_block = SSL_BLOCK_WRITE;
        } else if (e == SSL_ERROR_ZERO_RETURN) {
            c->u_eof = true;    /* close_notify, or the end of the TCP stream */
            p = MOVED;
        } else {
            server_broke(c, e);
            p = MOVED;
        }
        break;
    }
    return p;
}

static Progress queue_to_client(Conn *c)
{
    size_t len = bq_len(&c->u2c);
    if (len == 0 || c->c_shut)
        return STUCK;
    ssize_t n = send(c->cfd, c->u2c.data + c->u2c.start, len, MSG_NOSIGNAL);
    if (n > 0) {
        bq_consume(&c->u2c, (size_t)n);
        c->bytes_down += (uint64_t)n;
        return MOVED;
    }
    if (n < 0 && would_block())
        return STUCK;
    c->failure = n < 0 ? errno : EPIPE;
    return FAILED;
}

/* an end of stream passes on once everything before it has */
static void pass_on_ends(Conn *c)
{
    if (c->c_eof && bq_len(&c->c2u) == 0 && !c->u_shut && c->write_block == SSL_BLOCK_NONE) {
        ERR_clear_error();
        int rc = SSL_shutdown(c->up.ssl);
        int e = rc < 0 ? SSL_get_error(c->up.ssl, rc) : SSL_ERROR_NONE;
        if (e == SSL_ERROR_WANT_WRITE) {
            c->write_block = SSL_BLOCK_WRITE;
        } else {
            shutdown(c->up.fd, SHUT_WR);
            c->u_shut = true;
        }
    }
    if (c->u_eof && bq_len(&c->u2c) == 0 && !c->c_shut) {
        shutdown(c->cfd, SHUT_WR);
        c->c_shut = true;
    }
}

/* a side's fd is watched only while there is something to wait for: an fd with no
   interest would still report hang-ups, again and again */
static void watch_side(Conn *c, int fd, unsigned *current, unsigned wanted, EvHandler handler)
{
    if (wanted == *current)
        return;
    if (wanted == 0)
        evloop_forget(c->tunnel->loop, fd);
    else if (*current == 0)
        evloop_watch(c->tunnel->loop, fd, wanted, handler, c);
    else
        evloop_interest(c->tunnel->loop, fd, wanted);
    *current = wanted;
}

static void update_interest(Conn *c)
{
    unsigned cev = 0, uev = 0;
    if (!c->c_eof && bq_room(&c->c2u) > 0)
        cev |= EV_READ;
    if (bq_len(&c->u2c) > 0 && !c->c_shut)
        cev |= EV_WRITE;
    if ((!c->u_eof && server_read_room(c) > 0 && c->read_block == SSL_BLOCK_NONE) || c->write_block == SSL_BLOCK_READ)
        uev |= EV_READ;
    if (c->write_block == SSL_BLOCK_WRITE || c->read_block == SSL_BLOCK_WRITE)
        uev |= EV_WRITE;
    watch_side(c, c->cfd, &c->cfd_events, cev, relay_on_client);
    watch_side(c, c->up.fd, &c->ufd_events, uev, relay_on_upstream);
}

static void on_linger_timeout(void *ctx)
{
    conn_close(ctx, "the client did not close after the server did");
}

static void on_pump_again(void *ctx)
{
    pump(ctx);
}

static void pump(Conn *c)
{
    bool moved = false;
    for (int round = 0; round < PUMP_ROUNDS; round++) {
        Progress steps[4];
        steps[0] = client_to_queue(c);
        steps[1] = queue_to_server(c);
        steps[2] = server_to_queue(c);
        steps[3] = queue_to_client(c);
        moved = false;
        for (int i = 0; i < 4; i++) {
            if (steps[i] == FAILED) {
                /* the client is gone: nobody is left to receive anything */
                conn_close(c, c->c_eof ? NULL : strerror(c->failure));
                return;
            }
            moved |= steps[i] == MOVED;
        }
        pass_on_ends(c);
        if (!moved)
            break;
    }
    if (c->c_eof && c->u_eof && c->c_shut && c->u_shut) {
        conn_close(c, NULL);
        return;
    }
    /* the server has finished and the client has had everything: it should close now */
    if (c->u_eof && c->c_shut && !c->timer.heap_slot)
        evloop_timer_start(c->tunnel->loop, &c->timer, REFUSAL_TIMEOUT_MS, on_linger_timeout, c);
    /* still moving after its share of rounds: let the other connections have theirs, then carry
       on without waiting for an event (bytes inside TLS or a queue may never bring one) */
    if (moved)
        evloop_timer_start(c->tunnel->loop, &c->again, 0, on_pump_again, c);
    update_interest(c);
}

void relay_on_client(void *ctx, unsigned events)
{
    Conn *c = ctx;
    if (events & (EV_READ | EV_HANGUP))
        c->c_readable = true;
    pump(c);
}

void relay_on_upstream(void *ctx, unsigned events)
{
    Conn *c = ctx;
    if (events & (EV_READ | EV_HANGUP))
        c->u_readable = true;
    /* whatever TLS was waiting for may have come: retry both directions */
    c->write_block = SSL_BLOCK_NONE;
    c->read_block = SSL_BLOCK_NONE;
    pump(c);
}

void relay_start(Conn *c)
{
    c->state = CONN_RELAY;
    pgfilter_init(&c->startup);
    c->cfd_events = 0;
    c->ufd_events = 0;
    evloop_forget(c->tunnel->loop, c->up.fd);  /* it was the dial's */
    c->c_readable = true;
    c->u_readable = true;
    pump(c);
}

void relay_graceful_close(Conn *c)
{
    /* one non-blocking attempt: the server then logs a clean end rather than a reset */
    if (c->up.ssl && !c->u_shut) {
        ERR_clear_error();
        SSL_shutdown(c->up.ssl);
        ERR_clear_error();
    }
}
