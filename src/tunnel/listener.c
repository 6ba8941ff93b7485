#include "tunnel/listener.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/xalloc.h"

enum { LISTEN_BACKLOG = 512 };

static bool is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_LOOPBACK(a))
            return true;
        return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
    }
    return false;
}

/* how a client on this machine writes the address: a wildcard becomes the loopback */
static void client_host(const struct sockaddr *sa, char *out, size_t outsize)
{
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        if (IN6_IS_ADDR_UNSPECIFIED(a))
            snprintf(out, outsize, "::1");
        else
            inet_ntop(AF_INET6, a, out, (socklen_t)outsize);
    } else {
        const struct in_addr *a = &((const struct sockaddr_in *)sa)->sin_addr;
        if (a->s_addr == htonl(INADDR_ANY))
            snprintf(out, outsize, "127.0.0.1");
        else
            inet_ntop(AF_INET, a, out, (socklen_t)outsize);
    }
}

static void set_port(struct sockaddr *sa, int port)
{
    if (sa->sa_family == AF_INET6)
        ((struct sockaddr_in6 *)sa)->sin6_port = htons((unsigned short)port);
    else
        ((struct sockaddr_in *)sa)->sin_port = htons((unsigned short)port);
}

static int bound_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
        return -1;
    return ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port)
                                    : ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* one bind attempt: the fd, or -1 with errno */
static int try_bind(struct sockaddr *sa, socklen_t len)
{
    int fd = socket(sa->sa_family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int on = 1;
    /* a port whose last connections are in TIME_WAIT is free; one with a listener is not */
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (bind(fd, sa, len) != 0 || listen(fd, LISTEN_BACKLOG) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

bool listener_open(Listener *l, const char *bind_addr, int port, int extra_tries, char **err)
{
    memset(l, 0, sizeof(*l));
    l->fd = -1;
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int rc = getaddrinfo(bind_addr, NULL, &hints, &res);
    if (rc != 0) {
        *err = xasprintf("cannot listen on \"%s\": %s", bind_addr, gai_strerror(rc));
        return false;
    }
    struct sockaddr_storage ss;
    socklen_t len = res->ai_addrlen;
    memcpy(&ss, res->ai_addr, len);
    freeaddrinfo(res);
    struct sockaddr *sa = (struct sockaddr *)&ss;
    l->loopback = is_loopback(sa);
    client_host(sa, l->host, sizeof(l->host));
    int last_errno = 0;
    for (int i = 0; i <= extra_tries && port + i <= 65535; i++) {
        set_port(sa, port == 0 ? 0 : port + i);
        int fd = try_bind(sa, len);
        if (fd >= 0) {
            l->fd = fd;
            l->port = bound_port(fd);
            return true;
        }
        last_errno = errno;
        if (errno != EADDRINUSE || port == 0)
            break;
    }
    const char *shown = strchr(bind_addr, ':') ? "[%s]:%d" : "%s:%d";
    char where[96];
    snprintf(where, sizeof(where), shown, bind_addr, port);
    if (last_errno == EADDRINUSE && extra_tries > 0)
        *err = xasprintf("cannot listen on %s: ports %d to %d are all in use (choose one with --port)", bind_addr,
                         port, port + extra_tries);
    else if (last_errno == EADDRINUSE)
        *err = xasprintf("cannot listen on %s: the port is already in use (choose another with --port)", where);
    else
        *err = xasprintf("cannot listen on %s: %s", where, strerror(last_errno));
    return false;
}

void listener_close(Listener *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
}
