#include "tunnel/evloop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tunnel/evloop_backend.h"
#include "util/xalloc.h"

enum { MAX_READY = 256 };

typedef struct Watch {
    int events;             /* EV_NOT_WATCHED when the fd is not watched */
    unsigned generation;    /* bumped whenever the fd changes hands, to drop stale events */
    EvHandler handler;
    void *ctx;
} Watch;

struct EvLoop {
    const EvBackend *backend;
    void *impl;
    Watch *watches;         /* indexed by fd */
    int nwatches;
    EvTimer **heap;         /* a binary min-heap on due_ms */
    size_t nheap, capheap;
};

long long evloop_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const EvBackend *backend_named(const char *name)
{
#ifdef __linux__
    if (!name || !*name || strcmp(name, "epoll") == 0)
        return &evloop_epoll_backend;
#else
    if (!name || !*name)
        return &evloop_poll_backend;
#endif
    if (strcmp(name, "poll") == 0)
        return &evloop_poll_backend;
    return NULL;
}

EvLoop *evloop_create(const char *backend, char **err)
{
    if (!backend)
        backend = getenv("PGCONSOLE_TUNNEL_POLLER");
    const EvBackend *b = backend_named(backend);
    if (!b) {
        *err = xasprintf("unknown event loop backend \"%s\" (PGCONSOLE_TUNNEL_POLLER: poll%s)", backend,
#ifdef __linux__
                         " or epoll"
#else
                         ""
#endif
        );
        return NULL;
    }
    void *impl = b->open();
    if (!impl) {
        *err = xasprintf("could not create the event loop (%s): %s", b->name, strerror(errno));
        return NULL;
    }
    EvLoop *loop = xcalloc(1, sizeof(*loop));
    loop->backend = b;
    loop->impl = impl;
    return loop;
}

void evloop_destroy(EvLoop *loop)
{
    if (!loop)
        return;
    loop->backend->close(loop->impl);
    free(loop->watches);
    free(loop->heap);
    free(loop);
}

const char *evloop_backend_name(const EvLoop *loop)
{
    return loop->backend->name;
}

static Watch *watch_slot(EvLoop *loop, int fd)
{
    if (fd >= loop->nwatches) {
        int n = loop->nwatches ? loop->nwatches : 64;
        while (n <= fd)
            n *= 2;
        loop->watches = xrealloc(loop->watches, (size_t)n * sizeof(Watch));
        for (int i = loop->nwatches; i < n; i++)
            loop->watches[i] = (Watch){EV_NOT_WATCHED, 0, NULL, NULL};
        loop->nwatches = n;
    }
    return &loop->watches[fd];
}

bool evloop_watch(EvLoop *loop, int fd, unsigned events, EvHandler handler, void *ctx)
{
    Watch *w = watch_slot(loop, fd);
    if (w->events != (int)events && !loop->backend->change(loop->impl, fd, w->events, (int)events))
        return false;
    if (w->handler != handler || w->ctx != ctx)
        w->generation++;
    w->events = (int)events;
    w->handler = handler;
    w->ctx = ctx;
    return true;
}

void evloop_interest(EvLoop *loop, int fd, unsigned events)
{
    if (fd < 0 || fd >= loop->nwatches || loop->watches[fd].events == EV_NOT_WATCHED)
        return;
    Watch *w = &loop->watches[fd];
    if (w->events == (int)events)
        return;
    /* a failure here means the fd is broken; its next read or write reports it */
    if (loop->backend->change(loop->impl, fd, w->events, (int)events))
        w->events = (int)events;
}

void evloop_forget(EvLoop *loop, int fd)
{
    if (fd < 0 || fd >= loop->nwatches || loop->watches[fd].events == EV_NOT_WATCHED)
        return;
    Watch *w = &loop->watches[fd];
    loop->backend->change(loop->impl, fd, w->events, EV_NOT_WATCHED);
    w->events = EV_NOT_WATCHED;
    w->generation++;
    w->handler = NULL;
    w->ctx = NULL;
}

/* ---- timers: a binary heap of pointers, each timer knowing its slot ---- */

static void heap_place(EvLoop *loop, size_t i, EvTimer *t)
{
    loop->heap[i] = t;
    t->heap_slot = i + 1;
}

static void heap_up(EvLoop *loop, size_t i)
{
    EvTimer *t = loop->heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (loop->heap[parent]->due_ms <= t->due_ms)
            break;
        heap_place(loop, i, loop->heap[parent]);
        i = parent;
    }
    heap_place(loop, i, t);
}

static void heap_down(EvLoop *loop, size_t i)
{
    EvTimer *t = loop->heap[i];
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= loop->nheap)
            break;
        if (child + 1 < loop->nheap && loop->heap[child + 1]->due_ms < loop->heap[child]->due_ms)
            child++;
        if (loop->heap[child]->due_ms >= t->due_ms)
            break;
        heap_place(loop, i, loop->heap[child]);
        i = child;
    }
    heap_place(loop, i, t);
}

void evloop_timer_stop(EvLoop *loop, EvTimer *timer)
{
    if (!timer->heap_slot)
        return;
    size_t i = timer->heap_slot - 1;
    timer->heap_slot = 0;
    EvTimer *last = loop->heap[--loop->nheap];
    if (i == loop->nheap)
        return;
    heap_place(loop, i, last);
    heap_up(loop, i);
    heap_down(loop, last->heap_slot - 1);
}

void evloop_timer_start(EvLoop *loop, EvTimer *timer, int after_ms, void (*fire)(void *ctx), void *ctx)
{
    evloop_timer_stop(loop, timer);
    timer->due_ms = evloop_now_ms() + after_ms;
    timer->fire = fire;
    timer->ctx = ctx;
    if (loop->nheap == loop->capheap) {
        loop->capheap = loop->capheap ? loop->capheap * 2 : 32;
        loop->heap = xrealloc(loop->heap, loop->capheap * sizeof(EvTimer *));
    }
    heap_place(loop, loop->nheap++, timer);
    heap_up(loop, loop->nheap - 1);
}

static int wait_limit(EvLoop *loop, int max_wait_ms)
{
    if (loop->nheap == 0)
        return max_wait_ms;
    long long left = loop->heap[0]->due_ms - evloop_now_ms();
    if (left < 0)
        left = 0;
    if (max_wait_ms >= 0 && left > max_wait_ms)
        left = max_wait_ms;
    return left > 1000000 ? 1000000 : (int)left;
}

static void fire_due_timers(EvLoop *loop)
{
    long long now = evloop_now_ms();
    while (loop->nheap > 0 && loop->heap[0]->due_ms <= now) {
        EvTimer *t = loop->heap[0];
        evloop_timer_stop(loop, t);
        t->fire(t->ctx);
    }
}

bool evloop_run_once(EvLoop *loop, int max_wait_ms)
{
    EvReady ready[MAX_READY];
    unsigned generation[MAX_READY];
    int n = loop->backend->wait(loop->impl, ready, MAX_READY, wait_limit(loop, max_wait_ms));
    if (n < 0)
        return false;
    /* a handler may close fds and accept new ones under the same numbers: an event
       gathered before that belongs to the old owner and is dropped */
    for (int i = 0; i < n; i++)
        generation[i] = ready[i].fd < loop->nwatches ? loop->watches[ready[i].fd].generation : 0;
    for (int i = 0; i < n; i++) {
        int fd = ready[i].fd;
        if (fd >= loop->nwatches)
            continue;
        Watch *w = &loop->watches[fd];
        if (w->events == EV_NOT_WATCHED || w->generation != generation[i])
            continue;
        unsigned ev = ready[i].events & ((unsigned)w->events | EV_HANGUP);
        if (ev)
            w->handler(w->ctx, ev);
    }
    fire_due_timers(loop);
    return true;
}
