/*
 * Starting a helper program (ssh) that must not outlive pgconsole nor take its
 * signals: its standard input and output on /dev/null, its standard error into a
 * file descriptor of ours, no other descriptor inherited (not the database
 * connection), Ctrl-C and Ctrl-\ ignored (they are meant for the console, which
 * cancels a query with them), and on Linux a SIGTERM as soon as the thread that
 * started it ends (PR_SET_PDEATHSIG), even when pgconsole is killed.
 */
#ifndef PGC_GATEWAY_CHILD_H
#define PGC_GATEWAY_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Starts argv[0] (looked up in PATH unless it holds a '/') with argv; its standard
 * error goes to err_fd.  The pid, or -1 with *exec_errno set when the program could
 * not be run (ENOENT when it does not exist).
 */
pid_t child_start(char *const argv[], int err_fd, int *exec_errno);

/* whether the child still runs; when it has ended, reaps it and gives its exit status (128+N for signal N) */
bool child_running(pid_t pid, int *status);

/* SIGTERM, then SIGKILL if it has not ended grace_ms later; always reaped */
void child_stop(pid_t pid, int grace_ms);

/* waits up to timeout_ms for the child to end; true (with *status) when it did */
bool child_wait(pid_t pid, int timeout_ms, int *status);

/* a nap of ms milliseconds */
void child_nap(int ms);

#endif
