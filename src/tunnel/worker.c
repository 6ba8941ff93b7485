/*
 * Workers: each is a thread with its own event loop, serving the connections the
 * main thread hands it (round robin) from accept to close.  A few loops rather than one
 * let the relay use every core; each connection still lives in exactly one loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tunnel/tunnel_int.h"
#include "util/xalloc.h"

/* one accepted connection on its way to a worker; fd -1 tells it to stop */
typedef struct Handoff {
    int fd;
    char peer[60];
} Handoff;

static void on_handoff(void *ctx, unsigned events)
{
    Worker *w = ctx;
    (void)events;
    Handoff h;
    /* each Handoff is written whole (smaller than PIPE_BUF), so it is read whole */
    while (read(w->handoff[0], &h, sizeof(h)) == (ssize_t)sizeof(h)) {
        if (h.fd < 0)
            w->stopping = true;
        else
            conn_accept(w, h.fd, h.peer);
    }
}

static void *worker_main(void *arg)
{
    Worker *w = arg;
    while (!w->stopping) {
        if (!evloop_run_once(w->loop, -1)) {
            tlog("the event loop failed: %s", strerror(errno));
            break;
        }
    }
    conn_close_all(w);
    return NULL;
}

bool worker_start(Worker *w, Tunnel *t, char **err)
{
    memset(w, 0, sizeof(*w));
    w->tunnel = t;
    w->handoff[0] = w->handoff[1] = -1;
    w->loop = evloop_create(NULL, err);
    if (!w->loop)
        return false;
    w->inbox = dial_inbox_open(w->loop, err);
    if (!w->inbox)
        return false;
    if (pipe(w->handoff) != 0) {
        *err = xasprintf("could not create a pipe: %s", strerror(errno));
        return false;
    }
    fcntl(w->handoff[0], F_SETFL, fcntl(w->handoff[0], F_GETFL) | O_NONBLOCK);
    for (int i = 0; i < 2; i++)
        fcntl(w->handoff[i], F_SETFD, FD_CLOEXEC);
    if (!evloop_watch(w->loop, w->handoff[0], EV_READ, on_handoff, w)) {
        *err = xasprintf("could not watch a pipe: %s", strerror(errno));
        return false;
    }
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);     /* signals are the main thread's business */
    int rc = pthread_create(&w->thread, NULL, worker_main, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        *err = xasprintf("could not start a worker thread: %s", strerror(rc));
        return false;
    }
    w->started = true;
    return true;
}

void worker_hand_off(Worker *w, int fd, const char *peer)
{
    Handoff h = {fd, ""};
    snprintf(h.peer, sizeof(h.peer), "%s", peer);
    if (write(w->handoff[1], &h, sizeof(h)) != (ssize_t)sizeof(h))
        close(fd);
}

void worker_stop(Worker *w)
{
    if (!w->started)
        return;
    worker_hand_off(w, -1, "");
    pthread_join(w->thread, NULL);
    w->started = false;
}

/* after worker_stop and once no dial thread can answer any more */
void worker_free(Worker *w)
{
    dial_inbox_close(w->inbox);
    w->inbox = NULL;
    if (w->loop) {
        if (w->handoff[0] >= 0)
            evloop_forget(w->loop, w->handoff[0]);
        evloop_destroy(w->loop);
        w->loop = NULL;
    }
    for (int i = 0; i < 2; i++)
        if (w->handoff[i] >= 0)
            close(w->handoff[i]);
    w->handoff[0] = w->handoff[1] = -1;
}
