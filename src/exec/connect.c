#include "exec/connect.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec/cancel.h"
#include "session/frontend.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void connect_params_add(ConnectParams *p, const char *keyword, const char *value)
{
    if (p->count < (int)(sizeof(p->keywords) / sizeof(p->keywords[0])) - 1) {
        p->keywords[p->count] = keyword;
        p->values[p->count] = value;
        p->count++;
        p->keywords[p->count] = NULL;
        p->values[p->count] = NULL;
    }
}

static void notice_processor(void *arg, const char *message)
{
    (void)arg;
    log_info("%s", message);
}

char *connect_read_secret(Session *s, const char *prompt)
{
    return s->frontend->ask(prompt, false);
}

static char *password_prompt_for(const char *user)
{
    return user && *user ? xasprintf("Password for user %s: ", user) : xstrdup("Password: ");
}

static void wipe(char *secret)
{
    if (secret) {
        explicit_bzero(secret, strlen(secret));
        free(secret);
    }
}

static void adopt_connection(Session *s, PGconn *conn)
{
    PQsetNoticeProcessor(conn, notice_processor, NULL);
    s->db = conn;
    session_sync_variables(s);
}

bool connect_initial(Session *s, ConnectParams *p)
{
    char *password = NULL;
    int password_slot = p->count;
    connect_params_add(p, "password", NULL);
    /* before connecting the user name is not known for sure, so the prompt names none */
    if (p->password_mode == PASSWORD_ALWAYS)
        password = connect_read_secret(s, "Password: ");
    PGconn *conn;
    for (;;) {
        p->values[password_slot] = password;
        conn = PQconnectdbParams(p->keywords, p->values, p->expand_dbname);
        if (PQstatus(conn) != CONNECTION_BAD || !PQconnectionNeedsPassword(conn) || password ||
            p->password_mode == PASSWORD_NEVER)
            break;
        char *prompt = password_prompt_for(PQuser(conn));
        PQfinish(conn);
        password = connect_read_secret(s, prompt);
        free(prompt);
    }
    p->values[password_slot] = NULL;
    wipe(password);
    if (PQstatus(conn) == CONNECTION_BAD) {
        if (p->failure)
            *p->failure = xstrdup(PQerrorMessage(conn));
        else
            log_error("%s", PQerrorMessage(conn));
        PQfinish(conn);
        return false;
    }
    adopt_connection(s, conn);
    return true;
}

bool connect_again_at(Session *s, const char *hostaddr, const char *port)
{
    PQconninfoOption *opts = s->db ? PQconninfo(s->db) : NULL;
    if (!opts)
        return false;
    size_t n = 0;
    while (opts[n].keyword)
        n++;
    const char **keywords = xcalloc(n + 1, sizeof(char *));
    const char **values = xcalloc(n + 1, sizeof(char *));
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        const char *k = opts[i].keyword;
        const char *v = strcmp(k, "hostaddr") == 0 ? hostaddr : strcmp(k, "port") == 0 ? port : opts[i].val;
        if (v) {
            keywords[used] = k;
            values[used++] = v;
        }
    }
    PGconn *conn = PQconnectdbParams(keywords, values, false);
    free(keywords);
    free(values);
    PQconninfoFree(opts);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return false;
    }
    PQfinish(s->db);
    adopt_connection(s, conn);
    return true;
}

/* ---- \connect ---- */

static bool is_connection_string(const char *s)
{
    return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0 || strchr(s, '=') != NULL;
}

typedef struct NewParams {
    const char *dbname, *user, *host, *port;
    bool keep_password;
    bool same_host;
} NewParams;

/* merges a connection string into the base options; false after reporting a parse error */
static bool merge_connection_string(PQconninfoOption *base, const char *connstr, bool reuse, NewParams *np)
{
    char *errmsg = NULL;
    PQconninfoOption *repl = PQconninfoParse(connstr, &errmsg);
    if (!repl) {
        log_error("%s", errmsg ? errmsg : "out of memory");
        PQfreemem(errmsg);
        return false;
    }
    bool has_password = false;
    for (PQconninfoOption *b = base, *r = repl; b->keyword && r->keyword; b++, r++) {
        if (r->val) {
            char *swap = r->val;
            r->val = b->val;
            b->val = swap;
            bool changed = !r->val || strcmp(b->val, r->val) != 0;
            if (changed && (strcmp(b->keyword, "user") == 0 || strcmp(b->keyword, "host") == 0 ||
                            strcmp(b->keyword, "hostaddr") == 0 || strcmp(b->keyword, "port") == 0))
                np->keep_password = false;
            if (strcmp(b->keyword, "password") == 0)
                has_password = true;
        } else if (!reuse) {
            /* don't let environment defaults override a service named in the string */
            r->val = b->val;
            b->val = NULL;
        }
    }
    PQconninfoFree(repl);
    if (has_password)
        np->keep_password = true;
    np->dbname = NULL;
    return true;
}

static void check_changed_params(PQconninfoOption *base, NewParams *np)
{
    for (PQconninfoOption *o = base; o->keyword; o++) {
        if (np->user && strcmp(o->keyword, "user") == 0) {
            if (!(o->val && strcmp(np->user, o->val) == 0))
                np->keep_password = false;
        } else if (np->host && strcmp(o->keyword, "host") == 0) {
            if (o->val && strcmp(np->host, o->val) == 0)
                np->same_host = true;
            else
                np->keep_password = false;
        } else if (np->port && strcmp(o->keyword, "port") == 0) {
            if (!(o->val && strcmp(np->port, o->val) == 0))
                np->keep_password = false;
        }
    }
}

static const char *param_value(const PQconninfoOption *o, const NewParams *np, const char *password,
                               const char *client_encoding)
{
    const char *k = o->keyword;
    if (np->dbname && strcmp(k, "dbname") == 0)
        return np->dbname;
    if (np->user && strcmp(k, "user") == 0)
        return np->user;
    if (np->host && strcmp(k, "host") == 0)
        return np->host;
    if (np->host && !np->same_host && strcmp(k, "hostaddr") == 0)
        return NULL;
    if (np->port && strcmp(k, "port") == 0)
        return np->port;
    if ((password || !np->keep_password) && strcmp(k, "password") == 0)
        return password;
    if (strcmp(k, "fallback_application_name") == 0)
        return log_progname();
    if (client_encoding && strcmp(k, "client_encoding") == 0)
        return client_encoding;
    return o->val;
}

static PGconn *attempt_connect(Session *s, PQconninfoOption *base, const NewParams *np, char **password)
{
    const char *client_encoding = (s->notty || getenv("PGCLIENTENCODING")) ? NULL : "auto";
    for (;;) {
        size_t n = 0;
        while (base[n].keyword)
            n++;
        const char **keywords = xcalloc(n + 1, sizeof(char *));
        const char **values = xcalloc(n + 1, sizeof(char *));
        size_t used = 0;
        for (size_t i = 0; i < n; i++) {
            const char *v = param_value(&base[i], np, *password, client_encoding);
            if (v) {
                keywords[used] = base[i].keyword;
                values[used++] = v;
            }
        }
        PGconn *conn = PQconnectdbParams(keywords, values, false);
        free(keywords);
        free(values);
        if (PQstatus(conn) == CONNECTION_OK)
            return conn;
        if (*password || !PQconnectionNeedsPassword(conn) || s->password_mode == PASSWORD_NEVER)
            return conn;
        char *prompt = password_prompt_for(PQuser(conn));
        PQfinish(conn);
        *password = connect_read_secret(s, prompt);
        free(prompt);
    }
}

static bool is_socket(const char *host)
{
    return !host || !*host || host[0] == '/';
}

static void describe_connection(Session *s, const char *verb, bool with_host)
{
    const char *db = PQdb(s->db), *user = PQuser(s->db);
    if (!with_host) {
        printf("You are %s to database \"%s\" as user \"%s\".\n", verb, db, user);
        return;
    }
    const char *host = PQhost(s->db), *addr = PQhostaddr(s->db), *port = PQport(s->db);
    if (is_socket(host)) {
        if (addr && *addr)
            printf("You are %s to database \"%s\" as user \"%s\" on address \"%s\" at port \"%s\".\n", verb, db,
                   user, addr, port);
        else
            printf("You are %s to database \"%s\" as user \"%s\" via socket in \"%s\" at port \"%s\".\n", verb,
                   db, user, host, port);
    } else if (addr && *addr && strcmp(host, addr) != 0) {
        printf("You are %s to database \"%s\" as user \"%s\" on host \"%s\" (address \"%s\") at port \"%s\".\n",
               verb, db, user, host, addr, port);
    } else {
        printf("You are %s to database \"%s\" as user \"%s\" on host \"%s\" at port \"%s\".\n", verb, db, user,
               host, port);
    }
}

static bool newly_set(const char *old, const char *new)
{
    return new && (!old || strcmp(old, new) != 0);
}

static void report_failure(Session *s, PGconn *conn)
{
    if (s->interactive) {
        if (conn)
            log_info("%s", PQerrorMessage(conn));
        if (s->db)
            log_info("Previous connection kept");
        return;
    }
    if (conn)
        log_error("\\connect: %s", PQerrorMessage(conn));
    if (s->db) {
        /* a script must not go on with parameters it did not ask for */
        PQfinish(s->db);
        s->db = NULL;
        cancel_reset_conn();
        session_unsync_variables(s);
    }
}

static PQconninfoOption *base_options(Session *s, bool reuse)
{
    if (!reuse)
        return PQconndefaults();
    if (s->db)
        return PQconninfo(s->db);
    log_error("No database connection exists to re-use parameters from");
    return NULL;
}

bool connect_reconnect(Session *s, int reuse_previous, const char *dbname, const char *user, const char *host,
                       const char *port)
{
    bool connstr = dbname && is_connection_string(dbname);
    if (connstr && (user || host || port)) {
        log_error("Do not give user, host, or port separately when using a connection string");
        return false;
    }
    bool reuse = reuse_previous < 0 ? !connstr : reuse_previous > 0;
    PQconninfoOption *base = base_options(s, reuse);
    if (!base)
        return false;
    NewParams np = {dbname, user, host, port, true, false};
    bool ok = connstr ? merge_connection_string(base, dbname, reuse, &np) : (check_changed_params(base, &np), true);
    char *password = NULL;
    if (ok && s->password_mode == PASSWORD_ALWAYS) {
        char *prompt = password_prompt_for(connstr ? NULL : user);
        password = connect_read_secret(s, prompt);
        free(prompt);
    }
    PGconn *conn = ok ? attempt_connect(s, base, &np, &password) : NULL;
    wipe(password);
    PQconninfoFree(base);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        report_failure(s, conn);
        if (conn)
            PQfinish(conn);
        return false;
    }
    PGconn *old = s->db;
    adopt_connection(s, conn);
    connect_print_warnings(s, false);
    if (!s->quiet)
        describe_connection(s, "now connected", !old || newly_set(PQhost(old), PQhost(conn)) ||
                                                    newly_set(PQport(old), PQport(conn)));
    if (old)
        PQfinish(old);
    return true;
}

void connect_print_ssl(Session *s)
{
    if (!PQsslInUse(s->db))
        return;
    const char *protocol = PQsslAttribute(s->db, "protocol");
    const char *cipher = PQsslAttribute(s->db, "cipher");
    const char *compression = PQsslAttribute(s->db, "compression");
    printf("SSL connection (protocol: %s, cipher: %s, compression: %s)\n", protocol ? protocol : "unknown",
           cipher ? cipher : "unknown", compression && strcmp(compression, "off") != 0 ? "on" : "off");
}

void connect_print_warnings(Session *s, bool in_startup)
{
    if (s->quiet || s->notty)
        return;
    int client = PQlibVersion();
    const char *server = PQparameterStatus(s->db, "server_version");
    /* psql names its version and the server's; pgconsole's version never matches the server's */
    (void)in_startup;
    printf("%s (%s, server %s)\n", log_progname(), PGCONSOLE_VERSION, server ? server : "unknown");
    if (s->sversion / 10000 > client / 10000 || s->sversion < 90200)
        printf("WARNING: %s major version %d, server major version %d.\n"
               "         Some psql features might not work.\n",
               log_progname(), client / 10000, s->sversion / 10000);
    connect_print_ssl(s);
}

void connect_print_info(Session *s)
{
    if (!s->db || !PQdb(s->db)) {
        printf("You are currently not connected to a database.\n");
        return;
    }
    describe_connection(s, "connected", true);
    connect_print_ssl(s);
}
