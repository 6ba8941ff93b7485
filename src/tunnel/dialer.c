#include "tunnel/dialer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "tunnel/tls.h"
#include "util/xalloc.h"

typedef enum JobKind { JOB_RESOLVE, JOB_REPORT } JobKind;

typedef struct Job {
    struct Job *next;
    JobKind kind;
    DialDone done;
    void *ctx;
    bool abandoned;
    /* JOB_REPORT */
    TunnelTarget reported;
    bool ok;
    char *why;
    /* JOB_RESOLVE's outcome */
    DialPlan *plan;
    char *err;
} Job;

typedef struct JobQueue {
    Job *head, *tail;
} JobQueue;

/* one loaded CA file (or the system store), reused while the file is unchanged */
typedef struct TlsCacheEntry {
    char *ca_file;
    time_t mtime;
    off_t size;
    SSL_CTX *ctx;
} TlsCacheEntry;

struct Dialer {
    TunnelProvider provider;
    EvLoop *loop;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    JobQueue todo, finished;
    Job *running;           /* the job the thread is on, outside both queues */
    bool stopping;
    int wake_loop[2];       /* the thread writes a byte to [1] when something finished */
    TlsCacheEntry tls;      /* touched by the dial thread only */
};

static void queue_push(JobQueue *q, Job *j)
{
    j->next = NULL;
    if (q->tail)
        q->tail->next = j;
    else
        q->head = j;
    q->tail = j;
}

static Job *queue_pop(JobQueue *q)
{
    Job *j = q->head;
    if (j) {
        q->head = j->next;
        if (!q->head)
            q->tail = NULL;
    }
    return j;
}

static void job_free(Job *j)
{
    tunnel_target_free(&j->reported);
    free(j->why);
    free(j->err);
    if (j->plan)
        dial_plan_free(j->plan);
    free(j);
}

void dial_plan_free(DialPlan *plan)
{
    tunnel_target_free(&plan->target);
    if (plan->tls)
        SSL_CTX_free(plan->tls);
    free(plan->addrs);
    free(plan);
}

DialPlan *dial_plan_for_address(const DialPlan *plan, const DialAddr *addr)
{
    DialPlan *copy = xcalloc(1, sizeof(*copy));
    tunnel_target_copy(&copy->target, &plan->target);
    SSL_CTX_up_ref(plan->tls);
    copy->tls = plan->tls;
    copy->addrs = xmalloc(sizeof(DialAddr));
    copy->addrs[0] = *addr;
    copy->naddrs = 1;
    return copy;
}

void dial_addr_text(const DialAddr *a, char *out, size_t outsize)
{
    char host[INET6_ADDRSTRLEN] = "?";
    const struct sockaddr *sa = (const struct sockaddr *)&a->sa;
    if (sa->sa_family == AF_UNIX) {
        snprintf(out, outsize, "%s", ((const struct sockaddr_un *)sa)->sun_path);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
        snprintf(out, outsize, "[%s]:%u", host, ntohs(in6->sin6_port));
    } else {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
        snprintf(out, outsize, "%s:%u", host, ntohs(in->sin_port));
    }
}

/* ---- on the dial thread ---- */

static SSL_CTX *tls_context_for(Dialer *d, const char *ca_file, char **err)
{
    struct stat st = {0};
    if (ca_file && stat(ca_file, &st) != 0) {
        *err = xasprintf("could not read the CA file \"%s\": %s", ca_file, strerror(errno));
        return NULL;
    }
    TlsCacheEntry *c = &d->tls;
    bool same_file = c->ctx && ((!ca_file && !c->ca_file) || (ca_file && c->ca_file && strcmp(ca_file, c->ca_file) == 0));
    if (!same_file || (ca_file && (st.st_mtime != c->mtime || st.st_size != c->size))) {
        SSL_CTX *ctx = tls_context_new(ca_file, err);
        if (!ctx)
            return NULL;
        if (c->ctx)
            SSL_CTX_free(c->ctx);
        free(c->ca_file);
        *c = (TlsCacheEntry){ca_file ? xstrdup(ca_file) : NULL, st.st_mtime, st.st_size, ctx};
    }
    SSL_CTX_up_ref(c->ctx);
    return c->ctx;
}

static bool unix_address(const char *path, DialPlan *plan, char **err)
{
    struct sockaddr_un un = {0};
    if (strlen(path) >= sizeof(un.sun_path)) {
        *err = xasprintf("the socket path \"%s\" is too long", path);
        return false;
    }
    un.sun_family = AF_UNIX;
    strcpy(un.sun_path, path);
    plan->addrs = xcalloc(1, sizeof(DialAddr));
    memcpy(&plan->addrs[0].sa, &un, sizeof(un));
    plan->addrs[0].len = sizeof(un);
    plan->naddrs = 1;
    return true;
}

static bool tcp_addresses(const TunnelTarget *t, DialPlan *plan, char **err)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    int rc = getaddrinfo(t->dial_host, t->dial_port, &hints, &res);
    if (rc != 0) {
        *err = xasprintf("could not resolve host \"%s\": %s", t->dial_host,
                         rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
        return false;
    }
    for (struct addrinfo *a = res; a; a = a->ai_next)
        plan->naddrs++;
    plan->addrs = xcalloc(plan->naddrs, sizeof(DialAddr));
    size_t i = 0;
    for (struct addrinfo *a = res; a; a = a->ai_next, i++) {
        memcpy(&plan->addrs[i].sa, a->ai_addr, a->ai_addrlen);
        plan->addrs[i].len = a->ai_addrlen;
    }
    freeaddrinfo(res);
    return true;
}

static DialPlan *resolve_plan(Dialer *d, char **err)
{
    DialPlan *plan = xcalloc(1, sizeof(*plan));
    bool ok = d->provider.resolve(d->provider.ctx, &plan->target, err);
    if (ok && !plan->target.tls_host) {
        *err = xstrdup("the target names no TLS host");
        ok = false;
    }
    if (ok)
        ok = plan->target.dial_unix ? unix_address(plan->target.dial_unix, plan, err)
                                    : tcp_addresses(&plan->target, plan, err);
    if (ok)
        plan->tls = tls_context_for(d, plan->target.ca_file, err);
    if (!ok || !plan->tls) {
        dial_plan_free(plan);
        return NULL;
    }
    return plan;
}

static void run_job(Dialer *d, Job *j)
{
    if (j->kind == JOB_REPORT) {
        if (d->provider.report)
            d->provider.report(d->provider.ctx, &j->reported, j->ok, j->why);
        return;
    }
    j->plan = resolve_plan(d, &j->err);
    if (!j->plan && !j->err)
        j->err = xstrdup("the database could not be resolved");
}

static void *dial_thread(void *arg)
{
    Dialer *d = arg;
    pthread_mutex_lock(&d->lock);
    for (;;) {
        while (!d->stopping && !d->todo.head)
            pthread_cond_wait(&d->wake, &d->lock);
        if (d->stopping)
            break;
        Job *j = queue_pop(&d->todo);
        bool skip = j->abandoned;
        d->running = j;
        pthread_mutex_unlock(&d->lock);
        if (!skip)
            run_job(d, j);
        pthread_mutex_lock(&d->lock);
        d->running = NULL;
        if (j->kind == JOB_REPORT || j->abandoned) {
            job_free(j);
            continue;
        }
        queue_push(&d->finished, j);
        char byte = 1;
        ssize_t ignored = write(d->wake_loop[1], &byte, 1);    /* a full pipe already wakes the loop */
        (void)ignored;
    }
    pthread_mutex_unlock(&d->lock);
    return NULL;
}

/* ---- on the loop's thread ---- */

static void on_finished(void *ctx, unsigned events)
{
    Dialer *d = ctx;
    (void)events;
    char drain[64];
    while (read(d->wake_loop[0], drain, sizeof(drain)) > 0) {
    }
    for (;;) {
        pthread_mutex_lock(&d->lock);
        Job *j = queue_pop(&d->finished);
        pthread_mutex_unlock(&d->lock);
        if (!j)
            return;
        if (!j->abandoned) {
            DialPlan *plan = j->plan;
            j->plan = NULL;
            j->done(j->ctx, plan, j->err);
        }
        job_free(j);
    }
}

static bool make_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    return true;
}

Dialer *dialer_start(const TunnelProvider *provider, EvLoop *loop, char **err)
{
    Dialer *d = xcalloc(1, sizeof(*d));
    d->provider = *provider;
    d->loop = loop;
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->wake, NULL);
    if (!make_pipe(d->wake_loop) || !evloop_watch(loop, d->wake_loop[0], EV_READ, on_finished, d)) {
        *err = xasprintf("could not start the dial thread: %s", strerror(errno));
        free(d);
        return NULL;
    }
    /* signals are the main thread's business */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&d->thread, NULL, dial_thread, d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        *err = xasprintf("could not start the dial thread: %s", strerror(rc));
        evloop_forget(loop, d->wake_loop[0]);
        close(d->wake_loop[0]);
        close(d->wake_loop[1]);
        free(d);
        return NULL;
    }
    return d;
}

static void submit(Dialer *d, Job *j)
{
    pthread_mutex_lock(&d->lock);
    queue_push(&d->todo, j);
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->lock);
}

void dialer_request(Dialer *d, DialDone done, void *ctx)
{
    Job *j = xcalloc(1, sizeof(*j));
    j->kind = JOB_RESOLVE;
    j->done = done;
    j->ctx = ctx;
    submit(d, j);
}

void dialer_report(Dialer *d, const TunnelTarget *target, bool ok, const char *why)
{
    if (!d->provider.report)
        return;
    Job *j = xcalloc(1, sizeof(*j));
    j->kind = JOB_REPORT;
    tunnel_target_copy(&j->reported, target);
    j->ok = ok;
    j->why = why ? xstrdup(why) : NULL;
    submit(d, j);
}

void dialer_forget(Dialer *d, void *ctx)
{
    pthread_mutex_lock(&d->lock);
    for (Job *j = d->todo.head; j; j = j->next)
        if (j->ctx == ctx)
            j->abandoned = true;
    for (Job *j = d->finished.head; j; j = j->next)
        if (j->ctx == ctx)
            j->abandoned = true;
    if (d->running && d->running->ctx == ctx)
        d->running->abandoned = true;
    pthread_mutex_unlock(&d->lock);
}

static void free_queue(JobQueue *q)
{
    Job *j;
    while ((j = queue_pop(q)) != NULL)
        job_free(j);
}

void dialer_stop(Dialer *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    d->stopping = true;
    pthread_cond_signal(&d->wake);
    pthread_mutex_unlock(&d->lock);
    pthread_join(d->thread, NULL);
    free_queue(&d->todo);
    free_queue(&d->finished);
    evloop_forget(d->loop, d->wake_loop[0]);
    close(d->wake_loop[0]);
    close(d->wake_loop[1]);
    if (d->tls.ctx)
        SSL_CTX_free(d->tls.ctx);
    free(d->tls.ca_file);
    if (d->provider.destroy)
        d->provider.destroy(d->provider.ctx);
    pthread_mutex_destroy(&d->lock);
    pthread_cond_destroy(&d->wake);
    free(d);
}
