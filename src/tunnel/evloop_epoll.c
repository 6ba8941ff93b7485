/* The epoll backend (Linux), level-triggered like the poll one. */
#ifdef __linux__

#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "tunnel/evloop.h"
#include "tunnel/evloop_backend.h"
#include "util/xalloc.h"

typedef struct EpollSet {
    int epfd;
} EpollSet;

static void *epoll_open(void)
{
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0)
        return NULL;
    EpollSet *e = xcalloc(1, sizeof(*e));
    e->epfd = fd;
    return e;
}

static void epoll_close_set(void *impl)
{
    EpollSet *e = impl;
    close(e->epfd);
    free(e);
}

static bool epoll_change(void *impl, int fd, int old_events, int new_events)
{
    EpollSet *e = impl;
    if (new_events == EV_NOT_WATCHED)
        return epoll_ctl(e->epfd, EPOLL_CTL_DEL, fd, NULL) == 0 || errno == EBADF || errno == ENOENT;
    struct epoll_event ev = {0};
    if (new_events & EV_READ)
        ev.events |= EPOLLIN;
    if (new_events & EV_WRITE)
        ev.events |= EPOLLOUT;
    ev.data.fd = fd;
    int op = old_events == EV_NOT_WATCHED ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    return epoll_ctl(e->epfd, op, fd, &ev) == 0;
}

static int epoll_wait_ready(void *impl, EvReady *ready, int max, int timeout_ms)
{
    EpollSet *e = impl;
    struct epoll_event events[256];
    if (max > 256)
        max = 256;
    int n = epoll_wait(e->epfd, events, max, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : -1;
    for (int i = 0; i < n; i++) {
        unsigned ev = 0;
        if (events[i].events & EPOLLIN)
            ev |= EV_READ;
        if (events[i].events & EPOLLOUT)
            ev |= EV_WRITE;
        if (events[i].events & (EPOLLERR | EPOLLHUP))
            ev |= EV_HANGUP;
        ready[i] = (EvReady){events[i].data.fd, ev};
    }
    return n;
}

const EvBackend evloop_epoll_backend = {"epoll", epoll_open, epoll_close_set, epoll_change, epoll_wait_ready};

#else
/* ISO C forbids an empty translation unit */
typedef int evloop_epoll_unavailable;
#endif
