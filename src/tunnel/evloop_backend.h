/*
 * What an event-loop backend provides (see evloop.h): register, change and drop
 * interest in a file descriptor, and wait for readiness.  Only evloop.c calls these.
 */
#ifndef PGC_TUNNEL_EVLOOP_BACKEND_H
#define PGC_TUNNEL_EVLOOP_BACKEND_H

#include <stdbool.h>

typedef struct EvReady {
    int fd;
    unsigned events;
} EvReady;

enum { EV_NOT_WATCHED = -1 };

typedef struct EvBackend {
    const char *name;
    void *(*open)(void);
    void (*close)(void *impl);
    /* old or new may be EV_NOT_WATCHED (adding, removing); false with errno */
    bool (*change)(void *impl, int fd, int old_events, int new_events);
    /* fills ready[] with at most max entries; 0 on timeout or EINTR, -1 on failure */
    int (*wait)(void *impl, EvReady *ready, int max, int timeout_ms);
} EvBackend;

extern const EvBackend evloop_poll_backend;
#ifdef __linux__
extern const EvBackend evloop_epoll_backend;
#endif

#endif
