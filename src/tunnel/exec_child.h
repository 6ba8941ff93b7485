/*
 * Exec mode (`pgconsole tunnel URL -- COMMAND ARGS...`): the command runs with the
 * libpq variables and DATABASE_URL pointing at the tunnel.  The password travels only
 * in the child's environment, never on a command line.
 */
#ifndef PGC_TUNNEL_EXEC_CHILD_H
#define PGC_TUNNEL_EXEC_CHILD_H

#include <sys/types.h>

#include "tunnel/target.h"

/* the local URL for clients: postgresql://[user[:password]@]host:port[/dbname]?sslmode=disable */
char *exec_local_url(const char *host, int port, const TunnelTarget *t, int with_password);

/* current (an environ-style array) with PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD,
   DATABASE_URL and PGSSLMODE=disable set for the tunnel, and the variables that would
   send libpq elsewhere (PGHOSTADDR, PGSERVICE) removed; free with exec_environment_free */
char **exec_environment(char *const *current, const char *host, int port, const TunnelTarget *t);
void exec_environment_free(char **env);

/* starts argv[0] (searched in PATH) with env and default signal handling; -1 with *err */
pid_t exec_spawn(char *const *argv, char *const *env, char **err);
/* a wait status as a shell reports it: the exit code, or 128 + the signal */
int exec_exit_code(int status);

#endif
