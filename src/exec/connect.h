/*
 * Connecting: the first connection (with psql's password retry), \connect with
 * psql's rules for reusing the previous connection's parameters, and \conninfo.
 */
#ifndef PGC_CONNECT_H
#define PGC_CONNECT_H

#include <stdbool.h>

#include "session/session.h"

/* keyword/value pairs for libpq, plus the password prompting rule */
typedef struct ConnectParams {
    const char *keywords[32];
    const char *values[32];
    int count;
    PasswordMode password_mode;
    bool expand_dbname;
    char **failure;             /* when set, a failure's message goes here (malloc'd) instead of to stderr */
} ConnectParams;

void connect_params_add(ConnectParams *p, const char *keyword, const char *value);

/* the first connection; on failure prints psql's error and returns false */
bool connect_initial(Session *s, ConnectParams *p);
/* \connect [-reuse-previous=on|off] [DBNAME|CONNINFO [USER [HOST [PORT]]]] */
bool connect_reconnect(Session *s, int reuse_previous, const char *dbname, const char *user, const char *host,
                       const char *port);
/*
 * After a lost connection: connects again with the lost connection's own parameters
 * but to hostaddr and port (an SSH forward that had to move); on success the new
 * connection replaces s->db.  false when it fails (s->db stays as it was).
 */
bool connect_again_at(Session *s, const char *hostaddr, const char *port);
/* \conninfo */
void connect_print_info(Session *s);
/* the client/server version line and the SSL line, as psql prints them at a terminal */
void connect_print_warnings(Session *s, bool in_startup);
void connect_print_ssl(Session *s);

/* asks for a secret at the terminal through s->frontend, without echo; "" at end of input */
char *connect_read_secret(Session *s, const char *prompt);

#endif
