#include "util/pipes.h"

#include <errno.h>
#include <signal.h>

/* pipes open for writing; the disposition to put back when the count drops to zero */
static int open_writers;
static void (*saved_disposition)(int);

static void hold_sigpipe(void)
{
    if (open_writers++ == 0)
        saved_disposition = signal(SIGPIPE, SIG_IGN);
}

static void release_sigpipe(void)
{
    int saved_errno = errno;
    if (open_writers > 0 && --open_writers == 0)
        signal(SIGPIPE, saved_disposition == SIG_ERR ? SIG_DFL : saved_disposition);
    errno = saved_errno;
}

FILE *pipe_open_writer(const char *command)
{
    fflush(NULL);
    hold_sigpipe();
    FILE *pipe = popen(command, "w");
    if (!pipe)
        release_sigpipe();
    return pipe;
}

int pipe_close_writer(FILE *pipe)
{
    int rc = pclose(pipe);
    release_sigpipe();
    return rc;
}
