/*
 * The tunnel's one event loop: file descriptors watched for reading and writing
 * (level-triggered) and one-shot timers, all handled on one thread.  How the loop
 * waits is a backend behind a small table of functions: epoll on Linux, poll(2)
 * everywhere (what macOS laptops get).  PGCONSOLE_TUNNEL_POLLER=poll|epoll picks one,
 * which is how the tests run both.
 */
#ifndef PGC_TUNNEL_EVLOOP_H
#define PGC_TUNNEL_EVLOOP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct EvLoop EvLoop;

enum {
    EV_READ = 1u,
    EV_WRITE = 2u,
    EV_HANGUP = 4u      /* error or hang-up: reported whatever the interest */
};

typedef void (*EvHandler)(void *ctx, unsigned events);

/* embedded in its owner, zero-initialised; one-shot */
typedef struct EvTimer {
    long long due_ms;
    size_t heap_slot;   /* 1-based position in the loop's heap, 0 when not armed */
    void (*fire)(void *ctx);
    void *ctx;
} EvTimer;

/* backend NULL: $PGCONSOLE_TUNNEL_POLLER, else the platform's best; NULL with *err */
EvLoop *evloop_create(const char *backend, char **err);
void evloop_destroy(EvLoop *loop);
const char *evloop_backend_name(const EvLoop *loop);

/* watches fd with this interest and handler (replacing any earlier handler); false with errno */
bool evloop_watch(EvLoop *loop, int fd, unsigned events, EvHandler handler, void *ctx);
/* changes the interest of a watched fd; no system call when it is unchanged */
void evloop_interest(EvLoop *loop, int fd, unsigned events);
/* stops watching fd: call before closing it.  Events already gathered for it are dropped. */
void evloop_forget(EvLoop *loop, int fd);

void evloop_timer_start(EvLoop *loop, EvTimer *timer, int after_ms, void (*fire)(void *ctx), void *ctx);
void evloop_timer_stop(EvLoop *loop, EvTimer *timer);

/* waits for the next events or timer (at most max_wait_ms, -1: no limit) and runs their
   handlers; false only when waiting itself failed */
bool evloop_run_once(EvLoop *loop, int max_wait_ms);

/* a monotonic clock in milliseconds */
long long evloop_now_ms(void);

#endif
