/*
 * \users: the database's users.  With --app through the database API; on a plain
 * connection with SQL, creating roles with exactly the grants the platform gives
 * (read-write or read-only, default privileges included).  A password is typed twice
 * without echo, or made (by the platform, or here) and shown once: never to the -L log,
 * never in the history, never sent in clear to the server (SQL gets its SCRAM verifier).
 */
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/query.h"
#include "meta/dashboard/admin.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/table.h"
#include "meta/listing.h"
#include "platform/dbusers.h"
#include "session/frontend.h"
#include "util/log.h"
#include "util/xalloc.h"

enum {
    PLATFORM_PASSWORD_MIN = 24,     /* the platform's rules for a password */
    PLATFORM_PASSWORD_MAX = 64,
    MADE_PASSWORD_LENGTH = 32,
};

static void wipe(char *secret)
{
    if (secret)
        explicit_bzero(secret, strlen(secret));
    free(secret);
}

/* letters and digits from the OpenSSL generator, without bias; NULL when it fails */
static char *make_password(void)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    char *pw = xcalloc(MADE_PASSWORD_LENGTH + 1, 1);
    size_t n = 0;
    while (n < MADE_PASSWORD_LENGTH) {
        unsigned char bytes[64];
        if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
            wipe(pw);
            return NULL;
        }
        /* 248 = 4 * 62: bytes above it would favour the first letters */
        for (size_t i = 0; i < sizeof(bytes) && n < MADE_PASSWORD_LENGTH; i++)
            if (bytes[i] < 248)
                pw[n++] = alphabet[bytes[i] % 62];
        explicit_bzero(bytes, sizeof(bytes));
    }
    return pw;
}

/* ---- typing a password ---- */

/* the platform's rules, checked before a call that would be refused; false after one line */
static bool platform_accepts(const char *command, const char *password)
{
    size_t len = strlen(password);
    if (len < PLATFORM_PASSWORD_MIN || len > PLATFORM_PASSWORD_MAX) {
        log_error("\\%s: the platform takes passwords of %d to %d characters (this one has %zu)", command,
                  PLATFORM_PASSWORD_MIN, PLATFORM_PASSWORD_MAX, len);
        return false;
    }
    if (strpbrk(password, "'\"")) {
        log_error("\\%s: the platform takes no quotes in passwords", command);
        return false;
    }
    return true;
}

/*
 * Asks for a new password twice, without echo.  *made set (and NULL returned) when
 * made_ok and nothing was typed; NULL after one line when the two differ.
 */
static char *ask_password(Session *s, const char *command, const char *user, bool made_ok, bool *made)
{
    *made = false;
    char *prompt = xasprintf("New password for %s%s: ", user, made_ok ? " (empty: make one)" : "");
    char *first = s->frontend->ask(prompt, false);
    free(prompt);
    if (!*first) {
        wipe(first);
        if (made_ok)
            *made = true;
        else
            log_error("\\%s: no password typed: nothing was done", command);
        return NULL;
    }
    char *again = s->frontend->ask("Enter it again: ", false);
    bool same = strcmp(first, again) == 0;
    wipe(again);
    if (!same) {
        log_error("\\%s: the passwords didn't match: nothing was done", command);
        wipe(first);
        return NULL;
    }
    return first;
}

/* the table that shows a made password, once, kept out of the -L log */
static void show_password_once(Session *s, const char *user, const char *password)
{
    static const char *const names[] = {"User", "Password"};
    DashTable t;
    dash_table_init(&t, 2, names);
    dash_table_add_copy(&t, user);
    dash_table_add_copy(&t, password);
    dash_table_footer(&t, xstrdup("Shown once: it is kept nowhere else. Store it now."));
    ListingPrint spec = {.title = "New password", .not_logged = true};
    dash_table_print(s, &t, &spec);
    /* the table's copy of the password goes with it */
    explicit_bzero(t.cells[1], strlen(t.cells[1]));
    dash_table_free(&t);
}

/* ---- SQL, on a plain connection ---- */

/* runs one statement string (as one implicit transaction); false after one line with the server's message */
static bool sql_do(Session *s, const char *command, const char *sql)
{
    PGresult *res = PQexec(s->db, sql);
    ExecStatusType st = PQresultStatus(res);
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok) {
        const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        log_error("\\%s: %s", command, msg ? msg : PQerrorMessage(s->db));
    }
    PQclear(res);
    return ok;
}

/* the database's owner (the platform's protected user), or NULL after one line */
static char *database_owner(Session *s, const char *command)
{
    PGresult *res = PQexec(s->db, "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database "
                                  "WHERE datname = pg_catalog.current_database()");
    char *owner = NULL;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        owner = xstrdup(PQgetvalue(res, 0, 0));
    else
        log_error("\\%s: %s", command, PQerrorMessage(s->db));
    PQclear(res);
    return owner;
}

static bool role_exists(Session *s, const char *name)
{
    const char *params[] = {name};
    PGresult *res = PQexecParams(s->db, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", 1, NULL, params,
                                 NULL, NULL, 0);
    bool found = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    PQclear(res);
    return found;
}

/* a connection to run on, outside any transaction of the user's; false after one line */
static bool sql_ready(Session *s, const char *command)
{
    if (!s->db) {
        log_error("\\%s: you are currently not connected to a database", command);
        return false;
    }
    if (PQtransactionStatus(s->db) != PQTRANS_IDLE) {
        log_error("\\%s: end the current transaction first (the command runs in a transaction of its own)",
                  command);
        return false;
    }
    return true;
}

/* the platform's grants, in its order: {u} the user, {d} the database, {o} its owner */
static const char *const read_write_grants[] = {
    "GRANT CREATE ON SCHEMA public TO {u}",
    "GRANT ALL PRIVILEGES ON DATABASE {d} TO {u}",
    "GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO {u}",
    "GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {o} IN SCHEMA public GRANT ALL ON TABLES TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {o} IN SCHEMA public GRANT ALL ON SEQUENCES TO {u}",
    NULL,
};
static const char *const read_only_grants[] = {
    "GRANT USAGE ON SCHEMA public TO {u}",
    "GRANT CONNECT ON DATABASE {d} TO {u}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {u}",
    "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {o} IN SCHEMA public GRANT SELECT ON TABLES TO {u}",
    "ALTER DEFAULT PRIVILEGES FOR USER {o} IN SCHEMA public GRANT SELECT ON SEQUENCES TO {u}",
    NULL,
};

/* each of the statements with {u}, {d} and {o} replaced by quoted identifiers, after a ';' */
static void append_grants(StrBuf *sql, const char *const *grants, const char *user, const char *db,
                          const char *owner)
{
    for (size_t i = 0; grants[i]; i++) {
        sb_append(sql, ";\n");
        for (const char *p = grants[i]; *p; p++) {
            if (p[0] == '{' && p[1] && p[2] == '}') {
                sb_append(sql, p[1] == 'u' ? user : p[1] == 'd' ? db : owner);
                p += 2;
            } else {
                sb_append_char(sql, *p);
            }
        }
    }
}

/* "ROLE PASSWORD 'verifier'" for CREATE or ALTER: the server never sees the password itself */
static char *role_with_password(Session *s, const char *command, const char *verb, const char *name,
                                const char *password, const char *rest)
{
    char *verifier = PQencryptPasswordConn(s->db, password, name, NULL);
    if (!verifier) {
        log_error("\\%s: %s", command, PQerrorMessage(s->db));
        return NULL;
    }
    char *ident = PQescapeIdentifier(s->db, name, strlen(name));
    char *literal = PQescapeLiteral(s->db, verifier, strlen(verifier));
    char *sql = xasprintf("%s ROLE %s%s PASSWORD %s", verb, ident, rest, literal);
    PQfreemem(ident);
    PQfreemem(literal);
    PQfreemem(verifier);
    return sql;
}

static bool sql_create_user(Session *s, const char *command, const char *name, bool read_only,
                            const char *password)
{
    char *owner = database_owner(s, command);
    char *create = owner ? role_with_password(s, command, "CREATE", name, password, " LOGIN") : NULL;
    if (!create) {
        free(owner);
        return false;
    }
    char *user = PQescapeIdentifier(s->db, name, strlen(name));
    char *db = PQescapeIdentifier(s->db, PQdb(s->db), strlen(PQdb(s->db)));
    char *own = PQescapeIdentifier(s->db, owner, strlen(owner));
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, create);
    append_grants(&sql, read_only ? read_only_grants : read_write_grants, user, db, own);
    /* one string: the role and its grants are one implicit transaction, all or nothing */
    bool ok = sql_do(s, command, sql.data);
    explicit_bzero(sql.data, sql.len);
    sb_free(&sql);
    free(create);
    PQfreemem(user);
    PQfreemem(db);
    PQfreemem(own);
    free(owner);
    return ok;
}

/* the user an SQL command may change: it exists and is not the database's owner; false after one line */
static bool sql_changeable(Session *s, const char *command, const char *name)
{
    char *owner = database_owner(s, command);
    if (!owner)
        return false;
    bool ok = false;
    if (strcmp(owner, name) == 0)
        log_error("\\%s: %s owns the database (it is the platform's own user): it cannot be changed or deleted "
                  "here", command, name);
    else if (!role_exists(s, name))
        log_error("\\%s: there is no user %s", command, name);
    else
        ok = true;
    free(owner);
    return ok;
}

static bool sql_set_password(Session *s, const char *command, const char *name, const char *password)
{
    char *sql = role_with_password(s, command, "ALTER", name, password, "");
    bool ok = sql && sql_do(s, command, sql);
    if (sql)
        explicit_bzero(sql, strlen(sql));
    free(sql);
    return ok;
}

/* whether we hold the privileges of the role, which REASSIGN OWNED and DROP OWNED need */
static bool has_privileges_of(Session *s, const char *name)
{
    const char *params[] = {name};
    PGresult *res = PQexecParams(s->db, "SELECT pg_catalog.pg_has_role($1, 'USAGE')", 1, NULL, params, NULL, NULL,
                                 0);
    bool has = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    return has;
}

static bool sql_delete_user(Session *s, const char *command, const char *name)
{
    char *owner = database_owner(s, command);
    if (!owner)
        return false;
    char *user = PQescapeIdentifier(s->db, name, strlen(name));
    char *own = PQescapeIdentifier(s->db, owner, strlen(owner));
    StrBuf sql = STRBUF_INIT;
    /*
     * A role that may create roles (as a database owner here would) takes the user's
     * privileges for the time of the transaction: it needs them to hand over what
     * the user owns.  The membership goes with the role.
     */
    if (!has_privileges_of(s, name))
        sb_printf(&sql, "GRANT %s TO CURRENT_USER;\n", user);
    /* what it owns here goes to the owner, its privileges go, then the role */
    sb_printf(&sql, "REASSIGN OWNED BY %s TO %s;\nDROP OWNED BY %s;\nDROP ROLE %s", user, own, user, user);
    bool ok = sql_do(s, command, sql.data);
    sb_free(&sql);
    PQfreemem(user);
    PQfreemem(own);
    free(owner);
    return ok;
}

static bool sql_list_users(Session *s)
{
    char *title = xasprintf("Users of database %s", PQdb(s->db));
    bool ok = dash_print_sql(
        s, "SELECT r.rolname AS \"Name\",\n"
           "  NOT pg_catalog.has_schema_privilege(r.oid, n.oid, 'CREATE') AS \"Read-only\",\n"
           "  r.oid = d.datdba AS \"Protected\"\n"
           "FROM pg_catalog.pg_roles r\n"
           "JOIN pg_catalog.pg_database d ON d.datname = pg_catalog.current_database()\n"
           "LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = 'public'\n"
           "WHERE r.rolcanlogin AND NOT r.rolsuper AND r.rolname !~ '^pg_'\n"
           "  AND pg_catalog.has_database_privilege(r.oid, d.oid, 'CONNECT')\n"
           "ORDER BY 1;",
        title, NULL);
    free(title);
    return ok;
}

/* ---- the sub-commands ---- */

static bool api_list_users(Session *s, DbApi *db)
{
    PlatformError e = {0};
    DbUser *users;
    int n;
    if (!dbusers_list(db, &users, &n, &e)) {
        dash_report("users", &e);
        return false;
    }
    static const char *const names[] = {"Name", "Read-only", "Protected", "Password encryption"};
    DashTable t;
    dash_table_init(&t, 4, names);
    dash_table_type(&t, 1, PTYPE_BOOL);
    dash_table_type(&t, 2, PTYPE_BOOL);
    for (int i = 0; i < n; i++) {
        dash_table_add_copy(&t, users[i].name);
        dash_table_add_copy(&t, users[i].read_only ? "t" : "f");
        dash_table_add_copy(&t, users[i].is_protected ? "t" : "f");
        dash_table_add_copy(&t, users[i].password_encryption);
    }
    char *title = xasprintf("Database users of %s", dbapi_app(db));
    ListingPrint spec = {.title = title};
    dash_table_print(s, &t, &spec);
    free(title);
    dash_table_free(&t);
    dbusers_free(users, n);
    return true;
}

/* the one NAME a sub-command takes; NULL after one line */
static const char *user_name(const DashArgs *a, const char *command)
{
    if (a->nwords != 2 || !*a->words[1]) {
        log_error("\\%s: %s", command, a->nwords < 2 ? "which user? give its name" : "one user name, please");
        return NULL;
    }
    return a->words[1];
}

static bool users_create(Session *s, const DashArgs *a)
{
    const char *command = "users create";
    const char *name = user_name(a, command);
    DbApi *db = dash_api(s);
    if (!name || (!db && !sql_ready(s, command)))
        return false;
    bool read_only = dash_args_flag(a, 0), made = !s->stdin_is_tty;
    char *password = made ? NULL : ask_password(s, command, name, true, &made);
    if (!password && !made)
        return false;
    if (password && db && !platform_accepts(command, password)) {
        wipe(password);
        return false;
    }
    bool ok;
    char *shown = NULL;
    if (db) {
        PlatformError e = {0};
        ok = dbusers_create(db, name, read_only, password, &shown, &e);
        if (!ok)
            dash_report(command, &e);
    } else {
        shown = made ? make_password() : NULL;
        if (made && !shown)
            log_error("\\%s: could not make a password (no random numbers)", command);
        ok = (password || shown) && sql_create_user(s, command, name, read_only, password ? password : shown);
    }
    if (ok)
        dash_say(s, "User %s created (%s).", name, read_only ? "read-only" : "read-write");
    if (ok && shown)
        show_password_once(s, name, shown);
    wipe(shown);
    wipe(password);
    return ok;
}

static bool users_password(Session *s, const DashArgs *a)
{
    const char *command = "users password";
    const char *name = user_name(a, command);
    DbApi *db = dash_api(s);
    if (!name || (!db && (!sql_ready(s, command) || !sql_changeable(s, command, name))))
        return false;
    if (!s->stdin_is_tty) {
        log_error("\\%s: the new password is typed at a terminal; \\users reset %s makes one instead", command,
                  name);
        return false;
    }
    bool made;
    char *password = ask_password(s, command, name, false, &made);
    if (!password || (db && !platform_accepts(command, password))) {
        wipe(password);
        return false;
    }
    PlatformError e = {0};
    bool ok = db ? dbusers_set_password(db, name, password, &e) : sql_set_password(s, command, name, password);
    if (db && !ok)
        dash_report(command, &e);
    if (ok)
        dash_say(s, "Password of %s changed.", name);
    wipe(password);
    return ok;
}

static bool users_reset(Session *s, const DashArgs *a)
{
    const char *command = "users reset";
    const char *name = user_name(a, command);
    DbApi *db = dash_api(s);
    if (!name || (!db && (!sql_ready(s, command) || !sql_changeable(s, command, name))))
        return false;
    char *what = xasprintf("The password of %s will be replaced by a new one, shown once: what connects with the "
                           "old one will be refused.", name);
    bool confirmed = dash_confirm(s, command, a->confirm, what);
    free(what);
    if (!confirmed)
        return false;
    char *password = NULL;
    PlatformError e = {0};
    bool ok;
    if (db) {
        ok = dbusers_reset_password(db, name, &password, &e);
        if (!ok)
            dash_report(command, &e);
    } else {
        password = make_password();
        if (!password)
            log_error("\\%s: could not make a password (no random numbers)", command);
        ok = password && sql_set_password(s, command, name, password);
    }
    if (ok)
        show_password_once(s, name, password);
    wipe(password);
    return ok;
}

static bool users_delete(Session *s, const DashArgs *a)
{
    const char *command = "users delete";
    const char *name = user_name(a, command);
    DbApi *db = dash_api(s);
    if (!name || (!db && (!sql_ready(s, command) || !sql_changeable(s, command, name))))
        return false;
    char *what = xasprintf("The user %s will be deleted%s.", name,
                           db ? "" : ": what it owns in this database goes to the database's owner");
    bool confirmed = dash_confirm(s, command, a->confirm, what);
    free(what);
    if (!confirmed)
        return false;
    PlatformError e = {0};
    bool ok = db ? dbusers_delete(db, name, &e) : sql_delete_user(s, command, name);
    if (db && !ok)
        dash_report(command, &e);
    if (ok)
        dash_say(s, "User %s deleted.", name);
    return ok;
}

/* what each sub-command accepts besides its words */
static bool options_fit(const DashArgs *a, const char *sub)
{
    bool create = strcmp(sub, "create") == 0;
    bool confirms = strcmp(sub, "reset") == 0 || strcmp(sub, "delete") == 0;
    if (a->flags && !create) {
        log_error("\\users %s: --read-only goes with \\users create", sub);
        return false;
    }
    if (a->confirm && !confirms) {
        log_error("\\users %s: --confirm goes with \\users reset and \\users delete", sub);
        return false;
    }
    return true;
}

MetaResult dash_cmd_users(MetaContext *ctx)
{
    static const char *const flags[] = {"--read-only", NULL};
    DashArgs a;
    if (!dash_args_read(ctx, "users", flags, 1, &a))
        return META_ERROR;
    Session *s = ctx->s;
    const char *sub = a.nwords ? a.words[0] : "list";
    bool ok;
    if (strcmp(sub, "help") == 0) {
        dash_args_free(&a);
        return dash_print_help(ctx, "users");
    }
    if (!options_fit(&a, sub))
        ok = false;
    else if (strcmp(sub, "list") == 0 && a.nwords <= 1)
        ok = dash_api(s) ? api_list_users(s, dash_api(s)) : (sql_ready(s, "users") && sql_list_users(s));
    else if (strcmp(sub, "create") == 0)
        ok = users_create(s, &a);
    else if (strcmp(sub, "password") == 0)
        ok = users_password(s, &a);
    else if (strcmp(sub, "reset") == 0)
        ok = users_reset(s, &a);
    else if (strcmp(sub, "delete") == 0)
        ok = users_delete(s, &a);
    else
        ok = dash_unknown_subcommand("users", sub);
    dash_args_free(&a);
    return ok ? META_SKIP_LINE : META_ERROR;
}
