/*
 * The command lines of the SSH leg: the user's own ssh (PGCONSOLE_SSH_COMMAND split
 * into words as a shell splits them, like git's GIT_SSH_COMMAND, else "ssh") followed
 * by what the leg needs.  Nothing here runs anything: the words are built and checked
 * so that they can be tested, and so that no gateway name can pass for an option.
 */
#ifndef PGC_GATEWAY_SSH_COMMAND_H
#define PGC_GATEWAY_SSH_COMMAND_H

#include <stdbool.h>

/* the account every Scalingo SSH gateway expects */
#define SSH_GATEWAY_USER "git"

/* a NULL-terminated argument vector that grows */
typedef struct SshArgs {
    char **argv;
    int argc;
    int cap;
} SshArgs;

void ssh_args_add(SshArgs *a, const char *word);
void ssh_args_free(SshArgs *a);

/*
 * Splits text into words as a POSIX shell does: blanks separate, '...' keeps
 * everything, "..." keeps everything but \ before $ ` " \ and newline, \ outside quotes
 * keeps the next character.  No expansion ($VAR, ~, globs): the words go to exec as
 * they are.  false with *err (malloc'd) on an unfinished quote or escape.
 */
bool ssh_split_words(const char *text, SshArgs *out, char **err);

/* the user's ssh command: PGCONSOLE_SSH_COMMAND's words, or "ssh"; false with *err */
bool ssh_user_command(SshArgs *out, char **err);
/* whether the ssh command comes from PGCONSOLE_SSH_COMMAND (for messages) */
bool ssh_command_from_env(void);

/*
 * A gateway address: "host:port", "host" (port 22) or "[v6 address]:port", as the
 * regions answer and SCALINGO_SSH_HOST give it.  false for anything else, including a
 * host that starts with '-' (it could pass for an ssh option).
 */
bool ssh_parse_gateway(const char *gateway, char **host, char **port);

/* a local forward 127.0.0.1:local_port to host:port, in -L's syntax (v6 hosts bracketed) */
char *ssh_forward_spec(int local_port, const char *host, const char *port);

/*
 * The SSH connection: no command (-N), a control socket so that forwards can be added
 * while it runs and so that its readiness shows (it appears once authenticated and
 * listening), keepalives, and forward failures fatal.  BatchMode when !interactive.
 * forwards: -L specs.  Appends to a (which starts with ssh_user_command's words).
 */
void ssh_master_args(SshArgs *a, const char *host, const char *port, const char *control_path, bool interactive,
                     char *const *forwards, int nforwards);
/* one more forward on the running connection, through its control socket */
void ssh_add_forward_args(SshArgs *a, const char *host, const char *port, const char *control_path,
                          const char *forward);
/* a connection that only shows the server's host key (in its debug output) and stops there */
void ssh_host_key_args(SshArgs *a, const char *host, const char *port);

#endif
