#include "gateway/ssh_leg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gateway/child.h"
#include "gateway/ssh_command.h"
#include "gateway/ssh_failure.h"
#include "util/safefile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum {
    DEFAULT_READY_TIMEOUT_S = 45,
    HOST_KEY_TIMEOUT_MS = 20000,
    ADD_FORWARD_TIMEOUT_MS = 15000,
    STOP_GRACE_MS = 2000,
    PORT_ATTEMPTS = 3,
    LOG_READ_MAX = 1 << 16,
};

typedef struct Forward {
    char *host;
    char *port;
    int local_port;     /* 0 until one is chosen */
} Forward;

struct SshLeg {
    char *gateway;          /* "host:port", for messages */
    char *host;
    char *port;
    bool interactive;
    bool (*cancelled)(void);
    int ready_timeout_s;
    SshArgs command;        /* the user's ssh command */
    pid_t pid;              /* the running ssh, 0 when none */
    int exit_status;        /* of the last one that ended */
    char *control_path;
    int log_fd;             /* ssh's standard error: a file already unlinked */
    off_t explained;        /* how far ssh_leg_explain has read the log */
    Forward *forwards;
    int nforwards;
    SshLeg *next_live;
};

void ssh_leg_error_free(SshLegError *e)
{
    free(e->message);
    memset(e, 0, sizeof(*e));
}

static void set_error(SshLegError *e, char *message)
{
    free(e->message);
    e->message = message;
}

/* ---- the legs that run, ended at exit ---- */

static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static SshLeg *live_legs;

static void stop_master(SshLeg *leg);

static void stop_all_at_exit(void)
{
    pthread_mutex_lock(&live_lock);
    for (SshLeg *l = live_legs; l; l = l->next_live)
        stop_master(l);
    pthread_mutex_unlock(&live_lock);
}

static void track(SshLeg *leg)
{
    static bool registered;
    pthread_mutex_lock(&live_lock);
    if (!registered)
        registered = atexit(stop_all_at_exit) == 0;
    leg->next_live = live_legs;
    live_legs = leg;
    pthread_mutex_unlock(&live_lock);
}

static void untrack(SshLeg *leg)
{
    pthread_mutex_lock(&live_lock);
    for (SshLeg **p = &live_legs; *p; p = &(*p)->next_live)
        if (*p == leg) {
            *p = leg->next_live;
            break;
        }
    pthread_mutex_unlock(&live_lock);
}

/* ---- private files: the control socket and ssh's standard error ---- */

/* sun_path holds 108 bytes, and ssh binds a temporary name 17 characters longer first */
#define CONTROL_PATH_MAX 88

/* a folder the private rules accept (util/safefile.h); *why says why /tmp's was refused */
static char *private_dir(char **why)
{
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    if (xdg && xdg[0] == '/' && strlen(xdg) < 48) {
        char *dir = xasprintf("%s/pgconsole", xdg);
        /* only the user can have put a refused folder in their runtime folder: /tmp's will do as well */
        if (safefile_private_dir(dir, NULL))
            return dir;
        free(dir);
    }
    /* in a shared /tmp, where anyone may have made the name first, the rules matter most */
    char *dir = xasprintf("/tmp/pgconsole-%u", (unsigned)geteuid());
    if (safefile_private_dir(dir, why))
        return dir;
    free(dir);
    return NULL;
}

/* a name ssh will not expand: it reads % sequences in ControlPath */
static char *control_path_for(const char *dir)
{
    static unsigned counter;
    if (strchr(dir, '%'))
        return NULL;
    char *path = xasprintf("%s/ssh-%ld-%u", dir, (long)getpid(), ++counter);
    if (strlen(path) > CONTROL_PATH_MAX) {
        free(path);
        return NULL;
    }
    return path;
}

/* a private file for a child's standard error, unlinked at once: nothing is left behind whatever happens */
static int unlinked_log(void)
{
    char *why;
    char *dir = private_dir(&why);
    free(why);
    if (!dir)
        return -1;
    char *path = xasprintf("%s/ssh-log-XXXXXX", dir);
    /* close-on-exec: other children (a pager, a tunnel's command) must not hold ssh's messages */
    int fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0)
        unlink(path);
    free(path);
    free(dir);
    return fd;
}

/* what was written to fd from offset on (at most the last LOG_READ_MAX bytes), and where it ends */
static char *read_log(int fd, off_t from, off_t *end)
{
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "");
    struct stat st;
    off_t size = fd >= 0 && fstat(fd, &st) == 0 ? st.st_size : from;
    if (size - from > LOG_READ_MAX)
        from = size - LOG_READ_MAX;
    char buf[4096];
    while (fd >= 0 && from < size) {
        ssize_t n = pread(fd, buf, sizeof(buf), from);
        if (n <= 0)
            break;
        sb_append_n(&sb, buf, (size_t)n);
        from += n;
    }
    if (end)
        *end = from;
    return sb_steal(&sb);
}

/* ---- creating ---- */

SshLeg *ssh_leg_create(const SshLegOptions *o, SshLegError *e)
{
    char *host = NULL, *port = NULL;
    if (!ssh_parse_gateway(o->gateway, &host, &port)) {
        set_error(e, xasprintf("invalid SSH gateway address \"%s\" (expected HOST or HOST:PORT)",
                               o->gateway ? o->gateway : ""));
        return NULL;
    }
    SshLeg *leg = xcalloc(1, sizeof(*leg));
    leg->host = host;
    leg->port = port;
    leg->gateway = xasprintf(strchr(host, ':') ? "[%s]:%s" : "%s:%s", host, port);
    leg->interactive = o->interactive;
    leg->cancelled = o->cancelled;
    leg->ready_timeout_s = o->ready_timeout_s > 0 ? o->ready_timeout_s : DEFAULT_READY_TIMEOUT_S;
    leg->log_fd = -1;
    char *why = NULL, *refused = NULL;
    char *dir = private_dir(&refused);
    leg->control_path = dir ? control_path_for(dir) : NULL;
    free(dir);
    if (!ssh_user_command(&leg->command, &why)) {
        set_error(e, why);
    } else if (!leg->control_path && refused) {
        set_error(e, xasprintf("no private directory for the SSH connection's control socket: %s", refused));
    } else if (!leg->control_path) {
        set_error(e, xasprintf("no private directory for the SSH connection's control socket (tried "
                               "$XDG_RUNTIME_DIR/pgconsole and /tmp/pgconsole-%u)", (unsigned)geteuid()));
    } else {
        free(refused);
        track(leg);
        return leg;
    }
    free(refused);
    ssh_leg_destroy(leg);
    return NULL;
}

void ssh_leg_destroy(SshLeg *leg)
{
    if (!leg)
        return;
    untrack(leg);
    stop_master(leg);
    if (leg->log_fd >= 0)
        close(leg->log_fd);
    for (int i = 0; i < leg->nforwards; i++) {
        free(leg->forwards[i].host);
        free(leg->forwards[i].port);
    }
    free(leg->forwards);
    ssh_args_free(&leg->command);
    free(leg->control_path);
    free(leg->gateway);
    free(leg->host);
    free(leg->port);
    free(leg);
}

const char *ssh_leg_gateway(const SshLeg *leg)
{
    return leg->gateway;
}

bool ssh_leg_is_for(const SshLeg *leg, const char *gateway)
{
    char *host = NULL, *port = NULL;
    bool same = ssh_parse_gateway(gateway, &host, &port) && strcmp(host, leg->host) == 0 &&
                strcmp(port, leg->port) == 0;
    free(host);
    free(port);
    return same;
}

pid_t ssh_leg_pid(const SshLeg *leg)
{
    return leg->pid;
}

void ssh_leg_set_interactive(SshLeg *leg, bool interactive)
{
    leg->interactive = interactive;
}

bool ssh_leg_alive(SshLeg *leg)
{
    if (leg->pid > 0 && !child_running(leg->pid, &leg->exit_status))
        leg->pid = 0;
    return leg->pid > 0;
}

static void stop_master(SshLeg *leg)
{
    if (leg->pid > 0)
        child_stop(leg->pid, STOP_GRACE_MS);
    leg->pid = 0;
    if (leg->control_path)
        unlink(leg->control_path);
}

/* ---- starting ssh ---- */

static int free_local_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a;
    socklen_t len = sizeof(a);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

static char *not_runnable(const SshLeg *leg, int err)
{
    if (ssh_command_from_env())
        return xasprintf("could not run \"%s\", the command PGCONSOLE_SSH_COMMAND names (%s)", leg->command.argv[0],
                         strerror(err));
    return xasprintf("could not run the SSH client \"ssh\" (%s): install OpenSSH's client, or name another "
                     "command in PGCONSOLE_SSH_COMMAND", strerror(err));
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* starts program args (the user's command first) with its standard error into log_fd; -1 with e */
static pid_t run_ssh(const SshLeg *leg, const SshArgs *args, int log_fd, SshLegError *e)
{
    int err = 0;
    pid_t pid = child_start(args->argv, log_fd, &err);
    if (pid < 0)
        set_error(e, not_runnable(leg, err));
    return pid;
}

static void user_command_copy(const SshLeg *leg, SshArgs *a)
{
    memset(a, 0, sizeof(*a));
    for (int i = 0; i < leg->command.argc; i++)
        ssh_args_add(a, leg->command.argv[i]);
}

/* what the gateway's host key is, from a connection that stops as soon as ssh has seen it; NULL if unknown */
static char *read_host_key(const SshLeg *leg)
{
    int fd = unlinked_log();
    if (fd < 0)
        return NULL;
    SshArgs a;
    user_command_copy(leg, &a);
    ssh_host_key_args(&a, leg->host, leg->port);
    SshLegError ignored = {0};
    pid_t pid = run_ssh(leg, &a, fd, &ignored);
    ssh_leg_error_free(&ignored);
    ssh_args_free(&a);
    char *key = NULL;
    double deadline = now_s() + HOST_KEY_TIMEOUT_MS / 1000.0;
    while (pid > 0 && !key) {
        bool running = child_running(pid, NULL);
        char *text = read_log(fd, 0, NULL);
        key = ssh_failure_server_key(text);
        free(text);
        if (!running) {
            pid = 0;
        } else if (key || now_s() > deadline || (leg->cancelled && leg->cancelled())) {
            child_stop(pid, 500);
            pid = 0;
        } else {
            child_nap(20);
        }
    }
    close(fd);
    return key;
}

typedef enum StartOutcome { START_READY, START_FAILED, START_PORT_TAKEN } StartOutcome;

/* why ssh ended before it was ready, as one line in e */
static StartOutcome explain_exit(SshLeg *leg, SshLegError *e)
{
    char *text = read_log(leg->log_fd, 0, &leg->explained);
    SshFailure f;
    ssh_failure_parse(text, &f);
    free(text);
    if (f.kind == SSH_FAILURE_LOCAL_PORT) {
        ssh_failure_free(&f);
        return START_PORT_TAKEN;
    }
    if (f.kind == SSH_FAILURE_HOST_KEY_UNKNOWN)
        f.key = read_host_key(leg);
    set_error(e, ssh_failure_message(&f, leg->host, leg->port, leg->exit_status));
    ssh_failure_free(&f);
    return START_FAILED;
}

/* waits for the control socket (ssh authenticated, forwards listening) while watching ssh and the cancel check */
static StartOutcome wait_ready(SshLeg *leg, SshLegError *e)
{
    double deadline = now_s() + leg->ready_timeout_s;
    for (int nap = 2;; nap = nap < 50 ? nap * 2 : 50) {
        struct stat st;
        if (lstat(leg->control_path, &st) == 0 && S_ISSOCK(st.st_mode))
            return START_READY;
        if (!ssh_leg_alive(leg))
            return explain_exit(leg, e);
        if (leg->cancelled && leg->cancelled()) {
            stop_master(leg);
            set_error(e, xasprintf("cancelled while connecting to the SSH gateway %s", leg->gateway));
            e->cancelled = true;
            return START_FAILED;
        }
        /* interactively ssh may be waiting for a passphrase or an answer about the host key: the user decides */
        if (!leg->interactive && now_s() > deadline) {
            stop_master(leg);
            set_error(e, xasprintf("no answer from the SSH gateway %s within %d s", leg->gateway,
                                   leg->ready_timeout_s));
            return START_FAILED;
        }
        child_nap(nap);
    }
}

static StartOutcome launch(SshLeg *leg, SshLegError *e)
{
    if (leg->log_fd >= 0)
        close(leg->log_fd);
    leg->log_fd = unlinked_log();
    leg->explained = 0;
    if (leg->log_fd < 0) {
        set_error(e, xasprintf("could not create a private file for ssh's messages: %s", strerror(errno)));
        return START_FAILED;
    }
    unlink(leg->control_path);
    char **specs = xcalloc((size_t)leg->nforwards + 1, sizeof(char *));
    for (int i = 0; i < leg->nforwards; i++)
        specs[i] = ssh_forward_spec(leg->forwards[i].local_port, leg->forwards[i].host, leg->forwards[i].port);
    SshArgs a;
    user_command_copy(leg, &a);
    ssh_master_args(&a, leg->host, leg->port, leg->control_path, leg->interactive, specs, leg->nforwards);
    for (int i = 0; i < leg->nforwards; i++)
        free(specs[i]);
    free(specs);
    leg->pid = run_ssh(leg, &a, leg->log_fd, e);
    ssh_args_free(&a);
    if (leg->pid < 0) {
        leg->pid = 0;
        return START_FAILED;
    }
    return wait_ready(leg, e);
}

static bool start_master(SshLeg *leg, SshLegError *e)
{
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
        for (int i = 0; i < leg->nforwards; i++)
            if (leg->forwards[i].local_port == 0)
                leg->forwards[i].local_port = free_local_port();
        StartOutcome o = launch(leg, e);
        if (o != START_PORT_TAKEN)
            return o == START_READY;
        /* a port was taken between our look and ssh's bind: all anew */
        for (int i = 0; i < leg->nforwards; i++)
            leg->forwards[i].local_port = 0;
    }
    set_error(e, xasprintf("the SSH connection to the gateway %s could not listen on a local port", leg->gateway));
    return false;
}

/* ---- forwards ---- */

static Forward *find_forward(SshLeg *leg, const char *host, const char *port)
{
    for (int i = 0; i < leg->nforwards; i++)
        if (strcmp(leg->forwards[i].host, host) == 0 && strcmp(leg->forwards[i].port, port) == 0)
            return &leg->forwards[i];
    return NULL;
}

static Forward *new_forward(SshLeg *leg, const char *host, const char *port)
{
    leg->forwards = xrealloc(leg->forwards, (size_t)(leg->nforwards + 1) * sizeof(Forward));
    Forward *f = &leg->forwards[leg->nforwards++];
    f->host = xstrdup(host);
    f->port = xstrdup(port);
    f->local_port = 0;
    return f;
}

static void drop_last_forward(SshLeg *leg)
{
    Forward *f = &leg->forwards[--leg->nforwards];
    free(f->host);
    free(f->port);
}

/* one more forward on the running connection, through its control socket */
static bool add_live_forward(SshLeg *leg, Forward *f, SshLegError *e)
{
    char *said = NULL;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
        f->local_port = free_local_port();
        int fd = unlinked_log();
        if (fd < 0) {
            set_error(e, xasprintf("could not create a private file for ssh's messages: %s", strerror(errno)));
            free(said);
            return false;
        }
        char *spec = ssh_forward_spec(f->local_port, f->host, f->port);
        SshArgs a;
        user_command_copy(leg, &a);
        ssh_add_forward_args(&a, leg->host, leg->port, leg->control_path, spec);
        free(spec);
        pid_t pid = run_ssh(leg, &a, fd, e);
        ssh_args_free(&a);
        int status = -1;
        if (pid > 0 && !child_wait(pid, ADD_FORWARD_TIMEOUT_MS, &status))
            child_stop(pid, 500);
        char *text = read_log(fd, 0, NULL);
        close(fd);
        if (pid < 0) {
            free(text);
            return false;
        }
        if (status == 0) {
            free(text);
            return true;
        }
        SshFailure parsed;
        ssh_failure_parse(text, &parsed);
        free(said);
        said = parsed.detail ? xstrdup(parsed.detail) : NULL;
        ssh_failure_free(&parsed);
        free(text);
    }
    set_error(e, xasprintf("could not add a forward to %s:%s on the SSH connection to the gateway %s%s%s%s", f->host,
                           f->port, leg->gateway, said ? " (" : "", said ? said : "", said ? ")" : ""));
    free(said);
    return false;
}

bool ssh_leg_forward(SshLeg *leg, const char *host, const char *port, int *local_port, SshLegError *e)
{
    Forward *f = find_forward(leg, host, port);
    if (!ssh_leg_alive(leg)) {
        if (!f)
            f = new_forward(leg, host, port);
        if (!start_master(leg, e))
            return false;
        /* start_master may have moved the array's ports, not the array */
        *local_port = find_forward(leg, host, port)->local_port;
        return true;
    }
    if (f) {
        *local_port = f->local_port;
        return true;
    }
    f = new_forward(leg, host, port);
    if (!add_live_forward(leg, f, e)) {
        drop_last_forward(leg);
        return false;
    }
    *local_port = f->local_port;
    return true;
}

bool ssh_leg_restart(SshLeg *leg, SshLegError *e)
{
    stop_master(leg);
    return start_master(leg, e);
}

char *ssh_leg_explain(SshLeg *leg, const char *host, const char *port)
{
    bool alive = ssh_leg_alive(leg);
    char *text = read_log(leg->log_fd, leg->explained, &leg->explained);
    char *why = ssh_failure_channel(text, leg->host, leg->port, host, port);
    if (!why && !alive) {
        SshFailure f;
        ssh_failure_parse(text, &f);
        why = f.detail ? xasprintf("the SSH connection to the gateway %s ended (%s)", leg->gateway, f.detail)
                       : xasprintf("the SSH connection to the gateway %s ended", leg->gateway);
        ssh_failure_free(&f);
    }
    free(text);
    return why;
}
