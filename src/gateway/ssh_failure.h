/*
 * What went wrong with the SSH leg, read from what ssh wrote on its standard error,
 * and the one line that says what to do about it.  ssh's own words reach the user
 * only when nothing here recognises them (then they are the useful part).  Pure
 * functions of text, so that every message can be tested without a gateway.
 */
#ifndef PGC_GATEWAY_SSH_FAILURE_H
#define PGC_GATEWAY_SSH_FAILURE_H

typedef enum SshFailureKind {
    SSH_FAILURE_OTHER,              /* nothing recognised: ssh's last line is shown */
    SSH_FAILURE_HOST_KEY_UNKNOWN,   /* the gateway is not in known_hosts (and ssh could not ask) */
    SSH_FAILURE_HOST_KEY_CHANGED,   /* known_hosts holds another key for the gateway */
    SSH_FAILURE_NO_KEY,             /* the gateway accepted none of the user's keys */
    SSH_FAILURE_UNREACHABLE,        /* no TCP connection, no name, no SSH banner */
    SSH_FAILURE_LOCAL_PORT,         /* a forward's local port was taken meanwhile: try another */
} SshFailureKind;

typedef struct SshFailure {
    SshFailureKind kind;
    char *detail;       /* the system's reason ("Connection refused"), or ssh's last line for OTHER */
    char *key;          /* the gateway's key as ssh showed it: "ED25519 key SHA256:...", or NULL */
    char *old_key_at;   /* for a changed key: where the old one is ("/home/me/.ssh/known_hosts:3"), or NULL */
} SshFailure;

/* classifies ssh's standard error; free with ssh_failure_free */
void ssh_failure_parse(const char *log, SshFailure *f);
void ssh_failure_free(SshFailure *f);

/* the key from the debug output of a connection that stopped at the host key ("Server host key: ..."), or NULL */
char *ssh_failure_server_key(const char *debug_log);

/*
 * The line for a leg that could not start, for the gateway host and port (without
 * "pgconsole: error: "); exit_status is ssh's (for OTHER with nothing written).
 */
char *ssh_failure_message(const SshFailure *f, const char *host, const char *port, int exit_status);

/*
 * After a connection through a running leg failed: the gateway's refusal to open the
 * channel to db_host:db_port ("channel 2: open failed: connect failed: Connection
 * refused"), as one line, or NULL when ssh said nothing of the kind in log.
 */
char *ssh_failure_channel(const char *log, const char *host, const char *port, const char *db_host,
                          const char *db_port);

#endif
