/* SIGPIPE is ignored while a pipe to a program is open, and put back as it was after the last one closes. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "unit.h"
#include "util/pipes.h"

static bool sigpipe_ignored(void)
{
    struct sigaction sa;
    sigaction(SIGPIPE, NULL, &sa);
    return sa.sa_handler == SIG_IGN;
}

static void test_counted_while_open(void)
{
    signal(SIGPIPE, SIG_DFL);
    FILE *output = pipe_open_writer("cat > /dev/null");   /* as \o |cmd */
    CHECK(output != NULL);
    CHECK(sigpipe_ignored());
    FILE *pager = pipe_open_writer("cat > /dev/null");    /* a pager while \o is a pipe */
    CHECK(pager != NULL);
    CHECK_INT(pipe_close_writer(pager), 0);
    CHECK(sigpipe_ignored());                             /* \o's pipe is still open */
    CHECK_INT(pipe_close_writer(output), 0);
    CHECK(!sigpipe_ignored());
}

static void test_restores_what_was_there(void)
{
    signal(SIGPIPE, SIG_IGN);
    FILE *p = pipe_open_writer("true");
    CHECK(p != NULL);
    pipe_close_writer(p);
    CHECK(sigpipe_ignored());
    signal(SIGPIPE, SIG_DFL);
}

static void test_writing_to_a_program_that_quit(void)
{
    FILE *p = pipe_open_writer("head -c 1 > /dev/null");
    CHECK(p != NULL);
    char block[65536] = {0};
    bool failed = false;
    /* without SIGPIPE ignored, this would end the test program */
    for (int i = 0; i < 64 && !failed; i++)
        failed = fwrite(block, 1, sizeof block, p) < sizeof block || fflush(p) != 0;
    CHECK(failed);
    pipe_close_writer(p);
    CHECK(!sigpipe_ignored());
}

int main(void)
{
    RUN(test_counted_while_open);
    RUN(test_restores_what_was_there);
    RUN(test_writing_to_a_program_that_quit);
    UNIT_DONE();
}
