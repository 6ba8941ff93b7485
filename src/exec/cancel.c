#include "exec/cancel.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static PGcancel *volatile cancel_handle;
static volatile sig_atomic_t cancel_flag;

static void write_stderr(const char *msg)
{
    ssize_t ignored = write(STDERR_FILENO, msg, strlen(msg));
    (void)ignored;
}

static void on_sigint(int signo)
{
    (void)signo;
    int saved_errno = errno;
    cancel_flag = 1;
    PGcancel *handle = cancel_handle;
    if (handle) {
        char errbuf[256];
        if (PQcancel(handle, errbuf, sizeof(errbuf)))
            write_stderr("Cancel request sent\n");
        else {
            write_stderr("Could not send cancel request: ");
            write_stderr(errbuf);
        }
    }
    errno = saved_errno;
}

void cancel_install_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

void cancel_set_conn(PGconn *conn)
{
    PGcancel *old = cancel_handle;
    cancel_handle = NULL;
    if (old)
        PQfreeCancel(old);
    if (conn)
        cancel_handle = PQgetCancel(conn);
}

void cancel_reset_conn(void)
{
    cancel_set_conn(NULL);
}

bool cancel_was_pressed(void)
{
    return cancel_flag != 0;
}

void cancel_clear(void)
{
    cancel_flag = 0;
}
