/* The poll(2) backend: portable (macOS), one pollfd per watched fd. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "tunnel/evloop.h"
#include "tunnel/evloop_backend.h"
#include "util/xalloc.h"

typedef struct PollSet {
    struct pollfd *fds;
    size_t n, cap;
    int *slot_of;           /* fd -> index in fds, -1 when absent */
    int nslots;
} PollSet;

static void *poll_open(void)
{
    return xcalloc(1, sizeof(PollSet));
}

static void poll_close(void *impl)
{
    PollSet *p = impl;
    free(p->fds);
    free(p->slot_of);
    free(p);
}

static short to_poll(int events)
{
    short e = 0;
    if (events & EV_READ)
        e |= POLLIN;
    if (events & EV_WRITE)
        e |= POLLOUT;
    return e;
}

static void ensure_slot_map(PollSet *p, int fd)
{
    if (fd < p->nslots)
        return;
    int n = p->nslots ? p->nslots : 64;
    while (n <= fd)
        n *= 2;
    p->slot_of = xrealloc(p->slot_of, (size_t)n * sizeof(int));
    for (int i = p->nslots; i < n; i++)
        p->slot_of[i] = -1;
    p->nslots = n;
}

static bool poll_change(void *impl, int fd, int old_events, int new_events)
{
    PollSet *p = impl;
    ensure_slot_map(p, fd);
    (void)old_events;
    int slot = p->slot_of[fd];
    if (new_events == EV_NOT_WATCHED) {
        if (slot < 0)
            return true;
        p->fds[slot] = p->fds[--p->n];
        if ((size_t)slot < p->n)
            p->slot_of[p->fds[slot].fd] = slot;
        p->slot_of[fd] = -1;
        return true;
    }
    if (slot < 0) {
        if (p->n == p->cap) {
            p->cap = p->cap ? p->cap * 2 : 64;
            p->fds = xrealloc(p->fds, p->cap * sizeof(struct pollfd));
        }
        slot = (int)p->n++;
        p->fds[slot].fd = fd;
        p->slot_of[fd] = slot;
    }
    p->fds[slot].events = to_poll(new_events);
    p->fds[slot].revents = 0;
    return true;
}

static int poll_wait(void *impl, EvReady *ready, int max, int timeout_ms)
{
    PollSet *p = impl;
    int n = poll(p->fds, (nfds_t)p->n, timeout_ms);
    if (n < 0)
        return errno == EINTR ? 0 : -1;
    int got = 0;
    for (size_t i = 0; i < p->n && got < max && n > 0; i++) {
        short re = p->fds[i].revents;
        if (!re)
            continue;
        n--;
        unsigned ev = 0;
        if (re & POLLIN)
            ev |= EV_READ;
        if (re & POLLOUT)
            ev |= EV_WRITE;
        if (re & (POLLERR | POLLHUP | POLLNVAL))
            ev |= EV_HANGUP;
        ready[got++] = (EvReady){p->fds[i].fd, ev};
    }
    return got;
}

const EvBackend evloop_poll_backend = {"poll", poll_open, poll_close, poll_change, poll_wait};
