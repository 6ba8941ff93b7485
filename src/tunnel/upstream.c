#include "tunnel/upstream.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tunnel/pgproto.h"
#include "tunnel/tls.h"
#include "util/xalloc.h"

enum { DEFAULT_CONNECT_TIMEOUT_S = 15, KEEPALIVE_IDLE_S = 30, KEEPALIVE_INTERVAL_S = 10, KEEPALIVE_COUNT = 3 };

static void on_event(void *ctx, unsigned events);
static void try_next_address(Upstream *u);

/* the platform's proxies drop idle connections: probe before they do, notice a dead peer */
static void set_keepalive(int fd)
{
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
    int idle = KEEPALIVE_IDLE_S, interval = KEEPALIVE_INTERVAL_S, count = KEEPALIVE_COUNT;
#ifdef TCP_KEEPIDLE
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
#elif defined(TCP_KEEPALIVE)
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &idle, sizeof(idle));
#endif
#ifdef TCP_KEEPINTVL
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof(interval));
#endif
#ifdef TCP_KEEPCNT
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof(count));
#endif
    (void)idle;
    (void)interval;
    (void)count;
}

static void finish(Upstream *u, bool ok)
{
    evloop_timer_stop(u->loop, &u->timer);
    u->state = ok ? UP_READY : UP_FAILED;
    if (ok)
        evloop_interest(u->loop, u->fd, 0);
    u->done(u->ctx, ok, ok ? NULL : u->why);
}

/* this address failed (why is taken); the next one, or the end */
static void address_failed(Upstream *u, char *why, bool final)
{
    char where[128];
    dial_addr_text(&u->plan->addrs[u->next_addr - 1], where, sizeof(where));
    free(u->why);
    u->why = u->plan->naddrs > 1 ? xasprintf("%s (%s)", why, where) : xstrdup(why);
    free(why);
    if (u->ssl) {
        SSL_free(u->ssl);
        u->ssl = NULL;
    }
    if (u->fd >= 0) {
        evloop_forget(u->loop, u->fd);
        close(u->fd);
        u->fd = -1;
    }
    if (final || u->next_addr >= u->plan->naddrs)
        finish(u, false);
    else
        try_next_address(u);
}

static void on_timeout(void *ctx)
{
    Upstream *u = ctx;
    int s = u->plan->target.connect_timeout_s ? u->plan->target.connect_timeout_s : DEFAULT_CONNECT_TIMEOUT_S;
    const char *step = u->state == UP_CONNECTING ? "connecting" : u->state == UP_HANDSHAKE ? "in the TLS handshake"
                                                                                             : "waiting for the server";
    address_failed(u, xasprintf("timed out after %d s %s", s, step), false);
}

static void send_ssl_request(Upstream *u)
{
    while (u->request_sent < sizeof(u->request)) {
        ssize_t n = send(u->fd, u->request + u->request_sent, sizeof(u->request) - u->request_sent, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            evloop_interest(u->loop, u->fd, EV_WRITE);
            return;
        }
        if (n <= 0) {
            address_failed(u, xasprintf("could not send the SSL request: %s", strerror(errno)), false);
            return;
        }
        u->request_sent += (size_t)n;
    }
    u->state = UP_SSL_ANSWER;
    evloop_interest(u->loop, u->fd, EV_READ);
}

static void handshake(Upstream *u)
{
    ERR_clear_error();
    int rc = SSL_do_handshake(u->ssl);
    if (rc == 1) {
        finish(u, true);
        return;
    }
    int saved = errno;
    int e = SSL_get_error(u->ssl, rc);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        evloop_interest(u->loop, u->fd, e == SSL_ERROR_WANT_READ ? EV_READ : EV_WRITE);
        return;
    }
    bool verify_failed = SSL_get_verify_result(u->ssl) != X509_V_OK;
    address_failed(u, tls_handshake_failure(u->ssl, e, saved, u->plan->target.tls_host, u->plan->target.ca_file),
                   verify_failed);
}

/* the server's one-byte answer to the SSLRequest: read exactly one byte, nothing after it */
static void read_ssl_answer(Upstream *u)
{
    char answer;
    ssize_t n = recv(u->fd, &answer, 1, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {
        address_failed(u, n == 0 ? xstrdup("the server closed the connection before answering the SSL request")
                                 : xasprintf("could not read the server's answer: %s", strerror(errno)), false);
        return;
    }
    if (answer != 'S') {
        address_failed(u, answer == 'N' ? xstrdup("the server does not accept TLS connections, and the tunnel never "
                                                  "connects without TLS")
                                        : xstrdup("the server's answer to the SSL request is not PostgreSQL's"),
                       true);
        return;
    }
    u->ssl = tls_session_new(u->plan->tls, u->fd, u->plan->target.tls_host);
    if (!u->ssl) {
        address_failed(u, tls_error_text("could not start TLS"), true);
        return;
    }
    u->state = UP_HANDSHAKE;
    handshake(u);
}

static void connected(Upstream *u)
{
    int err = 0;
    socklen_t len = sizeof(err);
    if (getsockopt(u->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        err = errno;
    if (err) {
        address_failed(u, xstrdup(strerror(err)), false);
        return;
    }
    u->state = UP_SSL_REQUEST;
    send_ssl_request(u);
}

static void on_event(void *ctx, unsigned events)
{
    Upstream *u = ctx;
    (void)events;
    switch (u->state) {
    case UP_CONNECTING:
        connected(u);
        break;
    case UP_SSL_REQUEST:
        send_ssl_request(u);
        break;
    case UP_SSL_ANSWER:
        read_ssl_answer(u);
        break;
    case UP_HANDSHAKE:
        handshake(u);
        break;
    default:
        break;
    }
}

static int open_socket(int family)
{
    int fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (family != AF_UNIX) {
        int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
        set_keepalive(fd);
    }
#ifdef SO_NOSIGPIPE
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof(on));
#endif
    return fd;
}

static void on_connect_refused(void *ctx)
{
    Upstream *u = ctx;
    address_failed(u, xstrdup(strerror(u->deferred_errno)), false);
}

static void try_next_address(Upstream *u)
{
    const DialAddr *a = &u->plan->addrs[u->next_addr++];
    u->used = *a;
    u->request_sent = 0;
    u->state = UP_CONNECTING;
    int s = u->plan->target.connect_timeout_s ? u->plan->target.connect_timeout_s : DEFAULT_CONNECT_TIMEOUT_S;
    evloop_timer_start(u->loop, &u->timer, s * 1000, on_timeout, u);
    u->fd = open_socket(((const struct sockaddr *)&a->sa)->sa_family);
    /* every outcome is reported from the loop, so done never runs inside upstream_connect */
    if (u->fd < 0 || !evloop_watch(u->loop, u->fd, EV_WRITE, on_event, u)) {
        u->deferred_errno = errno;
        evloop_timer_start(u->loop, &u->timer, 0, on_connect_refused, u);
        return;
    }
    if (connect(u->fd, (const struct sockaddr *)&a->sa, a->len) != 0 && errno != EINPROGRESS && errno != EINTR) {
        /* refused at once (a local port): SO_ERROR will not hold it, so keep the reason and
           report it from the loop */
        u->deferred_errno = errno;
        evloop_timer_start(u->loop, &u->timer, 0, on_connect_refused, u);
    }
}

void upstream_connect(Upstream *u, EvLoop *loop, const DialPlan *plan, UpstreamDone done, void *ctx)
{
    memset(u, 0, sizeof(*u));
    u->loop = loop;
    u->plan = plan;
    u->fd = -1;
    u->done = done;
    u->ctx = ctx;
    pgproto_ssl_request(u->request);
    try_next_address(u);
}

void upstream_close(Upstream *u)
{
    if (u->loop)
        evloop_timer_stop(u->loop, &u->timer);
    if (u->ssl) {
        SSL_free(u->ssl);
        u->ssl = NULL;
    }
    if (u->fd >= 0) {
        evloop_forget(u->loop, u->fd);
        close(u->fd);
        u->fd = -1;
    }
    free(u->why);
    u->why = NULL;
    u->state = UP_IDLE;
}
