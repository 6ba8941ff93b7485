/*
 * The SSH leg: one SSH connection from this process to a region's gateway (user
 * "git"), made by the user's own OpenSSH client as git does (their ~/.ssh/config,
 * agent, keys and known_hosts apply; PGCONSOLE_SSH_COMMAND replaces "ssh"), carrying
 * every database connection of the process through local forwards on 127.0.0.1.
 * TLS stays end to end: what goes through a forward is libpq's (or the tunnel's) TLS.
 *
 * Design: one "ssh -N -L 127.0.0.1:PORT:DBHOST:DBPORT" child per leg that is also a
 * ControlMaster on a private socket.  The socket appears only once ssh has
 * authenticated and its forwards listen, which tells readiness without touching the
 * database; a forward to another database (a failover, a \connect elsewhere, a
 * tunnel's next target) is added to the same connection through it ("-O forward").
 * The child ends with the process: SIGTERM from PR_SET_PDEATHSIG when the thread that
 * started it ends (even on SIGKILL), and at exit.  What ssh writes on its standard
 * error goes to an unlinked file, read to explain failures in one line.
 *
 * One thread at a time per leg (the console's, or the tunnel's dial thread).
 */
#ifndef PGC_GATEWAY_SSH_LEG_H
#define PGC_GATEWAY_SSH_LEG_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct SshLeg SshLeg;

typedef struct SshLegError {
    char *message;      /* one line saying what to do, without "pgconsole: error: " */
    bool cancelled;     /* the cancel check said stop */
} SshLegError;

void ssh_leg_error_free(SshLegError *e);

typedef struct SshLegOptions {
    const char *gateway;        /* "host:port", "host" or "[v6]:port" */
    bool interactive;           /* ssh may ask at the terminal (passphrase, a new host key); else BatchMode */
    bool (*cancelled)(void);    /* polled while waiting for ssh; NULL: never */
    int ready_timeout_s;        /* how long a non-interactive start may take (0: 45 s); at a terminal, no limit */
} SshLegOptions;

/* a leg to the gateway (not started yet); NULL with e when the gateway address or PGCONSOLE_SSH_COMMAND is unusable */
SshLeg *ssh_leg_create(const SshLegOptions *o, SshLegError *e);
/* ends the SSH connection and frees the leg */
void ssh_leg_destroy(SshLeg *leg);

/*
 * The local port of a forward to host:port through the gateway: starts the SSH
 * connection when it does not run (first use, or it died), adds the forward when it
 * is new.  false with e (one line that says what to do).
 */
bool ssh_leg_forward(SshLeg *leg, const char *host, const char *port, int *local_port, SshLegError *e);

/* whether the SSH connection's process still runs */
bool ssh_leg_alive(SshLeg *leg);

/*
 * Ends the SSH connection if it still runs and starts a fresh one with the same
 * forwards, on the same local ports while they are free (else on new ones: ask
 * ssh_leg_forward again).  false with e.
 */
bool ssh_leg_restart(SshLeg *leg, SshLegError *e);

/*
 * After a connection through the leg to host:port failed: why, as far as ssh said
 * since the last call (the gateway refused or could not open the connection, or the
 * SSH connection itself ended), as one line (malloc'd), or NULL when ssh said nothing.
 */
char *ssh_leg_explain(SshLeg *leg, const char *host, const char *port);

/* "host:port" of the gateway */
const char *ssh_leg_gateway(const SshLeg *leg);
/* whether the leg goes to this gateway ("host", "host:port"...) */
bool ssh_leg_is_for(const SshLeg *leg, const char *gateway);
/* the ssh process, 0 when none runs */
pid_t ssh_leg_pid(const SshLeg *leg);
/* whether ssh may ask at the terminal from now on (a tunnel's restarts in the background may not) */
void ssh_leg_set_interactive(SshLeg *leg, bool interactive);

#endif
