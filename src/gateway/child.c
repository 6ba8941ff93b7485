#include "gateway/child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "util/xalloc.h"

/* the program's path: argv0 itself when it holds a '/', else the first executable match in PATH; NULL if none */
static char *find_program(const char *argv0)
{
    if (strchr(argv0, '/'))
        return access(argv0, X_OK) == 0 ? xstrdup(argv0) : NULL;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t len = strcspn(path, ":");
        char *candidate = xasprintf("%.*s/%s", (int)(len ? len : 1), len ? path : ".", argv0);
        struct stat st;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0)
            return candidate;
        free(candidate);
        path += len;
        path += *path == ':';
    }
    return NULL;
}

/* fd moved (duplicated, close-on-exec) above the standard descriptors, so that setting those up cannot clobber it */
static int above_stdio(int fd)
{
    return fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

static int pipe_cloexec(int fds[2])
{
#ifdef __APPLE__
    if (pipe(fds) != 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#else
    return pipe2(fds, O_CLOEXEC);
#endif
}

static void close_others(int keep)
{
#if defined(__linux__) && defined(CLOSE_RANGE_CLOEXEC)
    if (close_range(3, (unsigned)keep - 1, 0) == 0 && close_range((unsigned)keep + 1, ~0U, 0) == 0)
        return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = 3; fd < max; fd++)
        if (fd != keep)
            close(fd);
}

/* in the child, between fork and exec: only async-signal-safe calls */
static void become_helper(pid_t parent, const char *path, char *const argv[], int null_fd, int err_fd, int report)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(127);
#else
    (void)parent;
#endif
    struct sigaction ign, dfl;
    memset(&ign, 0, sizeof(ign));
    memset(&dfl, 0, sizeof(dfl));
    ign.sa_handler = SIG_IGN;
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGINT, &ign, NULL);
    sigaction(SIGQUIT, &ign, NULL);
    sigaction(SIGPIPE, &dfl, NULL);
    sigaction(SIGCHLD, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(err_fd, 2) < 0) {
        int e = errno;
        (void)!write(report, &e, sizeof(e));
        _exit(127);
    }
    close_others(report);
    execv(path, argv);
    int e = errno;
    (void)!write(report, &e, sizeof(e));
    _exit(127);
}

pid_t child_start(char *const argv[], int err_fd, int *exec_errno)
{
    *exec_errno = 0;
    char *path = find_program(argv[0]);
    if (!path) {
        *exec_errno = ENOENT;
        return -1;
    }
    int report[2] = {-1, -1};
    int null_fd = above_stdio(open("/dev/null", O_RDWR | O_CLOEXEC));
    int err_copy = above_stdio(err_fd);
    pid_t pid = -1;
    /* every descriptor close-on-exec from its creation: another thread may fork meanwhile (the tunnel's) */
    if (null_fd >= 0 && err_copy >= 0 && pipe_cloexec(report) == 0) {
        int r = above_stdio(report[1]);
        close(report[1]);
        report[1] = r;
        pid_t parent = getpid();
        pid = report[1] >= 0 ? fork() : -1;
        if (pid == 0)
            become_helper(parent, path, argv, null_fd, err_copy, report[1]);
    }
    *exec_errno = pid < 0 ? errno : 0;
    if (report[1] >= 0)
        close(report[1]);
    if (pid > 0) {
        /* the write end is gone on a successful exec: nothing comes, read sees the end */
        int e = 0;
        ssize_t n;
        do
            n = read(report[0], &e, sizeof(e));
        while (n < 0 && errno == EINTR);
        if (n == (ssize_t)sizeof(e)) {
            *exec_errno = e;
            waitpid(pid, NULL, 0);
            pid = -1;
        }
    }
    if (report[0] >= 0)
        close(report[0]);
    if (null_fd >= 0)
        close(null_fd);
    if (err_copy >= 0)
        close(err_copy);
    free(path);
    return pid;
}

bool child_running(pid_t pid, int *status)
{
    int st = 0;
    pid_t r;
    do
        r = waitpid(pid, &st, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return true;
    if (status)
        *status = r < 0 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return false;
}

void child_nap(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

bool child_wait(pid_t pid, int timeout_ms, int *status)
{
    for (int waited = 0;; waited += 10) {
        if (!child_running(pid, status))
            return true;
        if (waited >= timeout_ms)
            return false;
        child_nap(10);
    }
}

void child_stop(pid_t pid, int grace_ms)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    if (child_wait(pid, grace_ms, NULL))
        return;
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
}
