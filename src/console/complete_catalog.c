/*
 * Catalog look-ups for tab completion.  Each kind of object is a row of a table
 * (what to select, from where, which rows are visible, where the schema is), from
 * which the query is assembled.  Queries are sent asynchronously and given a short
 * deadline: past it they are cancelled so that typing never waits on a slow or
 * blocked server; answers are kept for a few seconds so that repeated TABs are
 * instant.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console/complete_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum {
    Q_VERBATIM = 1,         /* names are not identifiers: neither parsed nor quoted */
    Q_CI = 2,               /* matched ignoring case */
    Q_DISTINCT = 4,
    Q_HIDE_SYSTEM = 8,      /* pg_catalog's relations only when "pg_" is typed, as psql */
    Q_HIDE_INTERNAL = 16,   /* toast and temporary schemas only when "pg_" is typed */
};

typedef struct CatQuery {
    CatKind kind;
    int min_version;        /* first entry of a kind the server is new enough for wins */
    const char *result;     /* the name */
    const char *from;
    const char *where;      /* NULL or a restriction */
    const char *visible;    /* for unqualified names; NULL when the kind has no schema */
    const char *nsp;        /* the schema's oid */
    unsigned flags;
} CatQuery;

#define RELATIONS(kinds) \
    "c.relname", "pg_catalog.pg_class c", "c.relkind IN (" kinds ")", \
    "pg_catalog.pg_table_is_visible(c.oid)", "c.relnamespace", Q_HIDE_SYSTEM
#define ROUTINES(cond) \
    "p.proname", "pg_catalog.pg_proc p", cond, "pg_catalog.pg_function_is_visible(p.oid)", \
    "p.pronamespace", Q_DISTINCT
#define GLOBAL(result, from, where, flags) result, from, where, NULL, NULL, flags

static const CatQuery queries[] = {
    {CAT_TABLES, 0, RELATIONS("'r', 'p'")},
    {CAT_SELECTABLES, 0, RELATIONS("'r', 'S', 'v', 'm', 'f', 'p'")},
    {CAT_UPDATABLES, 0, RELATIONS("'r', 'f', 'v', 'p'")},
    {CAT_VIEWS, 0, RELATIONS("'v'")},
    {CAT_MATVIEWS, 0, RELATIONS("'m'")},
    {CAT_INDEXES, 0, RELATIONS("'i', 'I'")},
    {CAT_SEQUENCES, 0, RELATIONS("'S'")},
    {CAT_FOREIGN_TABLES, 0, RELATIONS("'f'")},
    {CAT_RELATIONS, 0, RELATIONS("'r', 'p', 'v', 'm', 'S', 'f', 'i', 'I', 'c'")},
    {CAT_GRANTABLES, 0, RELATIONS("'r', 'p', 'v', 'm', 'S', 'f'")},
    {CAT_VACUUMABLES, 0, RELATIONS("'r', 'p', 'm'")},
    {CAT_ANALYZABLES, 0, RELATIONS("'r', 'p', 'm', 'f'")},
    {CAT_TRUNCATABLES, 0, RELATIONS("'r', 'p', 'f'")},
    {CAT_FUNCTIONS, 110000, ROUTINES("p.prokind IN ('f', 'w')")},
    {CAT_FUNCTIONS, 0, ROUTINES("NOT p.proisagg")},
    {CAT_PROCEDURES, 110000, ROUTINES("p.prokind = 'p'")},
    {CAT_ROUTINES, 110000, ROUTINES("p.prokind <> 'a'")},
    {CAT_ROUTINES, 0, ROUTINES("NOT p.proisagg")},
    {CAT_AGGREGATES, 110000, ROUTINES("p.prokind = 'a'")},
    {CAT_AGGREGATES, 0, ROUTINES("p.proisagg")},
    {CAT_TYPES, 0, "t.typname", "pg_catalog.pg_type t",
     "(t.typrelid = 0 OR (SELECT r.relkind = 'c' FROM pg_catalog.pg_class r WHERE r.oid = t.typrelid))"
     " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)",
     "pg_catalog.pg_type_is_visible(t.oid)", "t.typnamespace", 0},
    {CAT_DOMAINS, 0, "t.typname", "pg_catalog.pg_type t", "t.typtype = 'd'",
     "pg_catalog.pg_type_is_visible(t.oid)", "t.typnamespace", 0},
    {CAT_COLLATIONS, 0, "l.collname", "pg_catalog.pg_collation l",
     "l.collencoding IN (-1, pg_catalog.pg_char_to_encoding(pg_catalog.getdatabaseencoding()))",
     "pg_catalog.pg_collation_is_visible(l.oid)", "l.collnamespace", 0},
    {CAT_STATISTICS, 100000, "x.stxname", "pg_catalog.pg_statistic_ext x", NULL,
     "pg_catalog.pg_statistics_obj_is_visible(x.oid)", "x.stxnamespace", 0},

    {CAT_SCHEMAS, 0, GLOBAL("n.nspname", "pg_catalog.pg_namespace n", NULL, Q_HIDE_INTERNAL)},
    {CAT_ROLES, 0, GLOBAL("r.rolname", "pg_catalog.pg_roles r", NULL, 0)},
    {CAT_DATABASES, 0, GLOBAL("d.datname", "pg_catalog.pg_database d", NULL, 0)},
    {CAT_TABLESPACES, 0, GLOBAL("t.spcname", "pg_catalog.pg_tablespace t", NULL, 0)},
    {CAT_EXTENSIONS, 0, GLOBAL("e.extname", "pg_catalog.pg_extension e", NULL, 0)},
    {CAT_AVAILABLE_EXTENSIONS, 0, GLOBAL("a.name", "pg_catalog.pg_available_extensions a",
                                         "a.installed_version IS NULL", 0)},
    {CAT_LANGUAGES, 0, GLOBAL("l.lanname", "pg_catalog.pg_language l", "l.lanname <> 'internal'", 0)},
    {CAT_TRIGGERS, 0, GLOBAL("t.tgname", "pg_catalog.pg_trigger t", "NOT t.tgisinternal", Q_DISTINCT)},
    {CAT_EVENT_TRIGGERS, 0, GLOBAL("e.evtname", "pg_catalog.pg_event_trigger e", NULL, 0)},
    {CAT_SERVERS, 0, GLOBAL("s.srvname", "pg_catalog.pg_foreign_server s", NULL, 0)},
    {CAT_FDWS, 0, GLOBAL("w.fdwname", "pg_catalog.pg_foreign_data_wrapper w", NULL, 0)},
    {CAT_ACCESS_METHODS, 0, GLOBAL("a.amname", "pg_catalog.pg_am a", NULL, 0)},
    {CAT_INDEX_METHODS, 90600, GLOBAL("a.amname", "pg_catalog.pg_am a", "a.amtype = 'i'", 0)},
    {CAT_PUBLICATIONS, 100000, GLOBAL("p.pubname", "pg_catalog.pg_publication p", NULL, 0)},
    {CAT_SUBSCRIPTIONS, 100000, GLOBAL("s.subname", "pg_catalog.pg_subscription s",
                                       "s.subdbid = (SELECT d.oid FROM pg_catalog.pg_database d"
                                       " WHERE d.datname = pg_catalog.current_database())", 0)},
    {CAT_RULES, 0, GLOBAL("r.rulename", "pg_catalog.pg_rules r", NULL, Q_DISTINCT)},
    {CAT_POLICIES, 0, GLOBAL("p.polname", "pg_catalog.pg_policy p", NULL, Q_DISTINCT)},
    {CAT_CONVERSIONS, 0, GLOBAL("v.conname", "pg_catalog.pg_conversion v", NULL, 0)},
    {CAT_CURSORS, 0, GLOBAL("u.name", "pg_catalog.pg_cursors u", NULL, Q_VERBATIM)},
    {CAT_PREPARED, 0, GLOBAL("p.name", "pg_catalog.pg_prepared_statements p", NULL, Q_VERBATIM)},
    {CAT_CHANNELS, 0, GLOBAL("l.ch", "pg_catalog.pg_listening_channels() AS l(ch)", NULL, Q_VERBATIM)},
    {CAT_ENCODINGS, 0, GLOBAL("e.enc", "(SELECT DISTINCT pg_catalog.pg_encoding_to_char(v.conforencoding)"
                                       " AS enc FROM pg_catalog.pg_conversion v) e", NULL,
                              Q_VERBATIM | Q_CI)},
    {CAT_SET_VARS, 0, GLOBAL("pg_catalog.lower(s.name)", "pg_catalog.pg_settings s",
                             "s.context IN ('user', 'superuser')", Q_VERBATIM | Q_CI)},
    {CAT_SHOW_VARS, 0, GLOBAL("pg_catalog.lower(s.name)", "pg_catalog.pg_settings s", NULL,
                              Q_VERBATIM | Q_CI)},
    {CAT_SYSTEM_VARS, 0, GLOBAL("pg_catalog.lower(s.name)", "pg_catalog.pg_settings s",
                                "s.context <> 'internal'", Q_VERBATIM | Q_CI)},
};

/* ---- the cache ---- */

enum {
    CACHE_SLOTS = 32,
    CACHE_TTL_MS = 5000,        /* long enough for a burst of TABs, short enough to see new objects */
    SUSPEND_MS = 3000,          /* after a timeout, no look-ups for a while: the server is busy */
    DEFAULT_TIMEOUT_MS = 300,
};

typedef struct Rows {
    char **cells;               /* name, schema; NULL for SQL NULL */
    int n;
} Rows;

typedef struct CacheEntry {
    char *sql;
    Rows rows;
    double when;
} CacheEntry;

struct CompletionCache {
    PGconn *conn;               /* the answers belong to this connection... */
    int backend_pid;            /* ...and this backend, as a PGconn may be reused */
    CacheEntry slots[CACHE_SLOTS];
    double suspended_until;
    int timeout_ms;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void rows_free(Rows *r)
{
    for (int i = 0; i < 2 * r->n; i++)
        free(r->cells[i]);
    free(r->cells);
    r->cells = NULL;
    r->n = 0;
}

static void slots_clear(struct CompletionCache *cache)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        free(cache->slots[i].sql);
        cache->slots[i].sql = NULL;
        rows_free(&cache->slots[i].rows);
    }
    cache->suspended_until = 0;
}

void complete_reset_cache(Session *s)
{
    if (!s || !s->completion_cache)
        return;
    slots_clear(s->completion_cache);
    free(s->completion_cache);
    s->completion_cache = NULL;
}

static struct CompletionCache *cache_for(Session *s)
{
    struct CompletionCache *cache = s->completion_cache;
    if (!cache) {
        cache = s->completion_cache = xcalloc(1, sizeof *cache);
        cache->timeout_ms = DEFAULT_TIMEOUT_MS;
    }
    int pid = s->db ? PQbackendPID(s->db) : 0;
    if (cache->conn != s->db || cache->backend_pid != pid) {
        slots_clear(cache);
        cache->conn = s->db;
        cache->backend_pid = pid;
    }
    return cache;
}

void complete_set_timeout(Session *s, int ms)
{
    struct CompletionCache *cache = cache_for(s);
    cache->timeout_ms = ms;
    cache->suspended_until = 0;
}

static CacheEntry *cache_store(struct CompletionCache *cache, const char *sql, PGresult *res)
{
    CacheEntry *slot = &cache->slots[0];
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (!cache->slots[i].sql) {
            slot = &cache->slots[i];
            break;
        }
        if (cache->slots[i].when < slot->when)
            slot = &cache->slots[i];
    }
    free(slot->sql);
    rows_free(&slot->rows);
    slot->sql = xstrdup(sql);
    slot->when = now_ms();
    slot->rows.n = PQntuples(res);
    slot->rows.cells = xcalloc((size_t)slot->rows.n * 2 + 1, sizeof(char *));
    for (int r = 0; r < slot->rows.n; r++)
        for (int f = 0; f < 2 && f < PQnfields(res); f++)
            if (!PQgetisnull(res, r, f))
                slot->rows.cells[2 * r + f] = xstrdup(PQgetvalue(res, r, f));
    return slot;
}

/* ---- running a query with a deadline ---- */

static bool conn_usable(PGconn *conn)
{
    if (!conn || PQstatus(conn) != CONNECTION_OK || PQisBusy(conn) ||
        PQpipelineStatus(conn) != PQ_PIPELINE_OFF)
        return false;
    /* ACTIVE means a COPY or another query is under way; INERROR would only fail */
    PGTransactionStatusType ts = PQtransactionStatus(conn);
    return ts == PQTRANS_IDLE || ts == PQTRANS_INTRANS;
}

static void cancel_and_drain(PGconn *conn)
{
    PGcancel *cancel = PQgetCancel(conn);
    if (cancel) {
        char errbuf[256];
        PQcancel(cancel, errbuf, (int)sizeof errbuf);
        PQfreeCancel(cancel);
    }
    /* the connection must be idle again before the user's next query */
    PGresult *res;
    while ((res = PQgetResult(conn)) != NULL)
        PQclear(res);
}

/* collects what has arrived; true once the query is complete */
static bool collect(PGconn *conn, PGresult **keep)
{
    while (!PQisBusy(conn)) {
        PGresult *res = PQgetResult(conn);
        if (!res)
            return true;
        if (!*keep && PQresultStatus(res) == PGRES_TUPLES_OK)
            *keep = res;
        else
            PQclear(res);
    }
    return false;
}

static PGresult *run_with_deadline(PGconn *conn, const char *sql, int ms, bool *timed_out)
{
    PGresult *keep = NULL;
    double deadline = now_ms() + ms;
    *timed_out = false;
    if (!PQsendQuery(conn, sql))
        return NULL;
    for (;;) {
        int unsent = PQflush(conn);
        if (unsent < 0 || !PQconsumeInput(conn))
            break;
        if (collect(conn, &keep))
            return keep;
        double left = deadline - now_ms();
        if (left <= 0) {
            *timed_out = true;
            break;
        }
        struct pollfd pfd = {PQsocket(conn), (short)(POLLIN | (unsent ? POLLOUT : 0)), 0};
        if (poll(&pfd, 1, (int)left + 1) < 0 && errno != EINTR)
            break;
    }
    PQclear(keep);
    cancel_and_drain(conn);
    return NULL;
}

/*
 * Inside the user's transaction block a failed or cancelled query would abort
 * the whole transaction, so the look-up runs under a savepoint of its own, sent
 * in the same round trip, and is rolled back to it if it does not complete.
 */
#define COMPLETION_SAVEPOINT "pgconsole_completion"

static PGresult *run_guarded(PGconn *conn, const char *sql, int ms, bool *timed_out)
{
    if (PQtransactionStatus(conn) != PQTRANS_INTRANS)
        return run_with_deadline(conn, sql, ms, timed_out);
    char *guarded = xasprintf("SAVEPOINT " COMPLETION_SAVEPOINT "; %s; RELEASE SAVEPOINT " COMPLETION_SAVEPOINT, sql);
    PGresult *res = run_with_deadline(conn, guarded, ms, timed_out);
    free(guarded);
    if (PQtransactionStatus(conn) == PQTRANS_INERROR) {
        PQclear(res);
        res = NULL;
        PQclear(PQexec(conn, "ROLLBACK TO SAVEPOINT " COMPLETION_SAVEPOINT "; RELEASE SAVEPOINT " COMPLETION_SAVEPOINT));
    }
    return res;
}

/* the rows of a query, from the cache or the server; NULL when not available now */
static const Rows *query_rows(Session *s, const char *sql)
{
    struct CompletionCache *cache = cache_for(s);
    double now = now_ms();
    for (int i = 0; i < CACHE_SLOTS; i++) {
        CacheEntry *e = &cache->slots[i];
        if (e->sql && strcmp(e->sql, sql) == 0 && now - e->when < CACHE_TTL_MS)
            return &e->rows;
    }
    if (now < cache->suspended_until || !conn_usable(s->db))
        return NULL;
    bool timed_out;
    PGresult *res = run_guarded(s->db, sql, cache->timeout_ms, &timed_out);
    if (timed_out)
        cache->suspended_until = now_ms() + SUSPEND_MS;
    if (!res)
        return NULL;
    CacheEntry *e = cache_store(cache, sql, res);
    PQclear(res);
    return &e->rows;
}

/* ---- assembling queries ---- */

static int server_version(Session *s)
{
    if (s->sversion > 0)
        return s->sversion;
    return s->db ? PQserverVersion(s->db) : 0;
}

static const CatQuery *query_for(Session *s, CatKind kind)
{
    int version = server_version(s);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        if (queries[i].kind == kind && (version == 0 || version >= queries[i].min_version))
            return &queries[i];
    return NULL;
}

/* a string literal, or NULL (e.g. for text that is not valid in the client encoding) */
static char *literal(PGconn *conn, const char *text)
{
    char *lit = PQescapeLiteral(conn, text, strlen(text));
    if (!lit)
        return NULL;
    char *copy = xstrdup(lit);
    PQfreemem(lit);
    return copy;
}

/* "expr starts with lit", as a condition */
static void append_prefix_match(StrBuf *sb, const char *expr, const char *lit, bool ci)
{
    if (ci)
        sb_printf(sb, "pg_catalog.lower(pg_catalog.substring((%s)::pg_catalog.text, 1, "
                      "pg_catalog.char_length(%s))) = pg_catalog.lower(%s)", expr, lit, lit);
    else
        sb_printf(sb, "pg_catalog.substring((%s)::pg_catalog.text, 1, pg_catalog.char_length(%s)) = %s",
                  expr, lit, lit);
}

static bool typed_pg(const char *object)
{
    return strncmp(object, "pg_", 3) == 0;
}

static void append_unqualified(StrBuf *sb, const CatQuery *q, const char *object, const char *lit)
{
    sb_printf(sb, "SELECT %s(%s)::pg_catalog.text, NULL::pg_catalog.text FROM %s WHERE ",
              (q->flags & Q_DISTINCT) ? "DISTINCT " : "", q->result, q->from);
    if (q->where)
        sb_printf(sb, "%s AND ", q->where);
    append_prefix_match(sb, q->result, lit, q->flags & Q_CI);
    if (q->visible)
        sb_printf(sb, " AND %s", q->visible);
    if ((q->flags & Q_HIDE_SYSTEM) && !typed_pg(object))
        sb_append(sb, " AND c.relnamespace <> (SELECT o.oid FROM pg_catalog.pg_namespace o"
                      " WHERE o.nspname = 'pg_catalog')");
    if ((q->flags & Q_HIDE_INTERNAL) && !typed_pg(object))
        sb_append(sb, " AND n.nspname !~ '^pg_(toast|temp)'");
    if (!q->nsp)
        return;
    /* schemas too, so that a qualified name can be completed in steps */
    sb_append(sb, " UNION ALL SELECT NULL::pg_catalog.text, n.nspname::pg_catalog.text"
                  " FROM pg_catalog.pg_namespace n WHERE ");
    append_prefix_match(sb, "n.nspname", lit, false);
    if (!typed_pg(object))
        sb_append(sb, " AND n.nspname !~ '^pg_'");
}

static char *names_sql(PGconn *conn, const CatQuery *q, const char *schema, const char *object)
{
    char *lit = literal(conn, object);
    char *schema_lit = schema && q->nsp ? literal(conn, schema) : NULL;
    if (!lit || (schema && q->nsp && !schema_lit)) {
        free(lit);
        free(schema_lit);
        return NULL;
    }
    StrBuf sb = STRBUF_INIT;
    if (schema_lit) {
        sb_printf(&sb, "SELECT %s(%s)::pg_catalog.text, n.nspname::pg_catalog.text FROM %s,"
                       " pg_catalog.pg_namespace n WHERE %s = n.oid AND ",
                  (q->flags & Q_DISTINCT) ? "DISTINCT " : "", q->result, q->from, q->nsp);
        if (q->where)
            sb_printf(&sb, "%s AND ", q->where);
        append_prefix_match(&sb, q->result, lit, q->flags & Q_CI);
        sb_printf(&sb, " AND n.nspname = %s", schema_lit);
    } else {
        append_unqualified(&sb, q, object, lit);
    }
    sb_printf(&sb, " LIMIT %d", COMPLETE_MAX_RECORDS);
    free(lit);
    free(schema_lit);
    return sb_steal(&sb);
}

/* ---- turning rows into candidates ---- */

typedef struct Typed {
    char *schema;
    char *object;
    bool schema_quoted;
    bool object_quoted;
} Typed;

static void typed_free(Typed *t)
{
    free(t->schema);
    free(t->object);
}

/* function rows of a select list carry "" as their schema: see append_functions */
static bool add_function_row(CompCtx *c, const char *name, const Typed *t)
{
    if (!t->object_quoted && sql_ident_is_plain(name))
        cand_add(c, name, false);
    else if (t->object_quoted || t->object[0] == '\0')
        cand_add_owned(c, ident_requote(NULL, name, false, true), false);
    return true;
}

static void add_identifier_rows(CompCtx *c, const Rows *rows, const Typed *t)
{
    bool typed_something = t->object[0] != '\0';
    for (int i = 0; i < rows->n; i++) {
        const char *name = rows->cells[2 * i], *nsp = rows->cells[2 * i + 1];
        if (name && nsp && !*nsp && add_function_row(c, name, t))
            continue;
        bool schema_only = !name && nsp;
        /* a schema offered on its own was matched against the object part */
        bool nsp_quoted = schema_only ? t->object_quoted : t->schema_quoted;
        if (!name && !nsp)
            continue;
        /* psql offers names needing quotes only when nothing, or a quote, was typed */
        if (typed_something && ((name && !t->object_quoted && sql_ident_needs_quotes(name)) ||
                                (nsp && !nsp_quoted && sql_ident_needs_quotes(nsp))))
            continue;
        cand_add_owned(c, ident_requote(nsp, name, nsp_quoted, t->object_quoted), schema_only);
    }
}

static void add_verbatim_rows(CompCtx *c, const Rows *rows)
{
    for (int i = 0; i < rows->n; i++)
        if (rows->cells[2 * i])
            cand_add(c, rows->cells[2 * i], false);
}

void catalog_names(CompCtx *c, CatKind kind)
{
    const CatQuery *q = query_for(c->s, kind);
    if (!q || !c->s->db)
        return;
    Typed t = {0};
    if (q->flags & Q_VERBATIM)
        t.object = xstrdup(c->text);
    else
        ident_parse(c->text, c->s->encoding, q->nsp != NULL, &t.schema, &t.object, &t.schema_quoted,
                    &t.object_quoted);
    char *sql = names_sql(c->s->db, q, t.schema, t.object);
    const Rows *rows = sql ? query_rows(c->s, sql) : NULL;
    if (rows && (q->flags & Q_VERBATIM))
        add_verbatim_rows(c, rows);
    else if (rows)
        add_identifier_rows(c, rows, &t);
    free(sql);
    typed_free(&t);
}

/* "alias.oid is the relation named ident", as a condition */
static bool append_relation_match(StrBuf *sb, PGconn *conn, int encoding, const char *alias, const char *ident)
{
    char *schema, *object;
    bool sq, oq;
    ident_parse(ident, encoding, true, &schema, &object, &sq, &oq);
    char *lit = literal(conn, object), *schema_lit = schema ? literal(conn, schema) : NULL;
    bool ok = lit && (!schema || schema_lit);
    if (ok && schema_lit)
        sb_printf(sb, "(%s.relname = %s AND %s.relnamespace = (SELECT o.oid FROM pg_catalog.pg_namespace o"
                      " WHERE o.nspname = %s))", alias, lit, alias, schema_lit);
    else if (ok)
        sb_printf(sb, "(%s.relname = %s AND pg_catalog.pg_table_is_visible(%s.oid))", alias, lit, alias);
    free(schema);
    free(object);
    free(lit);
    free(schema_lit);
    return ok;
}

static bool append_relations_match(StrBuf *sb, PGconn *conn, int encoding, const Words *tables)
{
    if (tables->n == 0) {
        sb_append(sb, "c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_catalog.pg_table_is_visible(c.oid)"
                      " AND c.relnamespace NOT IN (SELECT o.oid FROM pg_catalog.pg_namespace o"
                      " WHERE o.nspname IN ('pg_catalog', 'information_schema'))");
        return true;
    }
    sb_append_char(sb, '(');
    for (int i = 0; i < tables->n; i++) {
        if (i > 0)
            sb_append(sb, " OR ");
        if (!append_relation_match(sb, conn, encoding, "c", tables->v[i]))
            return false;
    }
    sb_append_char(sb, ')');
    return true;
}

static void append_functions(StrBuf *sb, Session *s, const char *object, const char *lit)
{
    /*
     * The schemas of the search path, as pg_function_is_visible is slow over all
     * functions; '' as the schema marks the rows as functions (see add_function_row).
     */
    sb_append(sb, " UNION ALL (SELECT DISTINCT p.proname::pg_catalog.text, ''::pg_catalog.text"
                  " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace s ON s.oid = p.pronamespace"
                  " WHERE s.nspname = ANY (pg_catalog.current_schemas(true)) AND ");
    if (server_version(s) >= 110000)
        sb_append(sb, "p.prokind <> 'p' AND ");
    /* type input/output, operator, trigger and handler functions are never called by name in a query */
    sb_append(sb, "(SELECT r.typtype <> 'p' OR r.typname IN ('record', 'void') OR r.typname ~ '^any'"
                  " FROM pg_catalog.pg_type r WHERE r.oid = p.prorettype) AND NOT EXISTS (SELECT 1"
                  " FROM pg_catalog.pg_type a WHERE a.oid = ANY (p.proargtypes)"
                  " AND a.typname IN ('internal', 'cstring')) AND p.oid NOT IN (SELECT o.oprcode::pg_catalog.oid"
                  " FROM pg_catalog.pg_operator o) AND p.oid NOT IN (SELECT t.typsend::pg_catalog.oid"
                  " FROM pg_catalog.pg_type t) AND ");
    if (!typed_pg(object))
        sb_append(sb, "p.proname !~ '^pg_' AND ");
    append_prefix_match(sb, "p.proname", lit, false);
    sb_append_char(sb, ')');
}

void catalog_columns(CompCtx *c, const Words *tables, bool with_functions)
{
    if (!c->s->db)
        return;
    Typed t = {0};
    ident_parse(c->text, c->s->encoding, false, &t.schema, &t.object, &t.schema_quoted, &t.object_quoted);
    char *lit = literal(c->s->db, t.object);
    StrBuf sb = STRBUF_INIT;
    bool ok = lit != NULL;
    if (ok) {
        sb_append(&sb, "(SELECT DISTINCT a.attname::pg_catalog.text, NULL::pg_catalog.text"
                       " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                       " WHERE a.attnum > 0 AND NOT a.attisdropped AND ");
        append_prefix_match(&sb, "a.attname", lit, false);
        sb_append(&sb, " AND ");
        ok = append_relations_match(&sb, c->s->db, c->s->encoding, tables);
        sb_append_char(&sb, ')');
    }
    if (ok && with_functions)
        append_functions(&sb, c->s, t.object, lit);
    sb_printf(&sb, " LIMIT %d", COMPLETE_MAX_RECORDS);
    const Rows *rows = ok ? query_rows(c->s, sb_str(&sb)) : NULL;
    if (rows)
        add_identifier_rows(c, rows, &t);
    sb_free(&sb);
    free(lit);
    typed_free(&t);
}

static bool plain_value(const char *v)
{
    return *v && strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == strlen(v);
}

void catalog_guc_values(CompCtx *c, const char *guc)
{
    if (!c->s->db)
        return;
    const char *typed = c->text[0] == '\'' ? c->text + 1 : c->text;
    char *lit = literal(c->s->db, typed), *guc_lit = literal(c->s->db, guc);
    if (lit && guc_lit) {
        StrBuf sb = STRBUF_INIT;
        /* the second column tells the boolean spellings, which psql offers as keywords */
        sb_printf(&sb, "SELECT x.v, x.k FROM (SELECT pg_catalog.unnest(s.enumvals) AS v, NULL::pg_catalog.text AS k"
                       " FROM pg_catalog.pg_settings s WHERE pg_catalog.lower(s.name) = pg_catalog.lower(%s)"
                       " UNION ALL SELECT b.v, 'k' FROM pg_catalog.pg_settings s, (VALUES ('on'::pg_catalog.text),"
                       " ('off'), ('true'), ('false'), ('yes'), ('no'), ('1'), ('0')) AS b(v)"
                       " WHERE s.vartype = 'bool' AND pg_catalog.lower(s.name) = pg_catalog.lower(%s)) x WHERE ",
                  guc_lit, guc_lit);
        append_prefix_match(&sb, "x.v", lit, true);
        sb_printf(&sb, " LIMIT %d", COMPLETE_MAX_RECORDS);
        const Rows *rows = query_rows(c->s, sb_str(&sb));
        for (int i = 0; rows && i < rows->n; i++) {
            const char *v = rows->cells[2 * i];
            /* values with spaces or odd characters must be string literals */
            if (v && rows->cells[2 * i + 1])
                cand_keywords(c, v);
            else if (v && plain_value(v) && c->text[0] != '\'')
                cand_add(c, v, false);
            else if (v)
                cand_add_owned(c, xasprintf("'%s'", v), false);
        }
        sb_free(&sb);
    }
    free(lit);
    free(guc_lit);
}

void catalog_constraints(CompCtx *c, const char *table)
{
    if (!c->s->db)
        return;
    Typed t = {0};
    ident_parse(c->text, c->s->encoding, false, &t.schema, &t.object, &t.schema_quoted, &t.object_quoted);
    char *lit = literal(c->s->db, t.object);
    StrBuf sb = STRBUF_INIT;
    bool ok = lit != NULL;
    if (ok) {
        sb_append(&sb, "SELECT DISTINCT k.conname::pg_catalog.text, NULL::pg_catalog.text"
                       " FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid WHERE ");
        append_prefix_match(&sb, "k.conname", lit, false);
        sb_append(&sb, " AND ");
        ok = append_relation_match(&sb, c->s->db, c->s->encoding, "c", table);
        sb_printf(&sb, " LIMIT %d", COMPLETE_MAX_RECORDS);
    }
    const Rows *rows = ok ? query_rows(c->s, sb_str(&sb)) : NULL;
    if (rows)
        add_identifier_rows(c, rows, &t);
    sb_free(&sb);
    free(lit);
    typed_free(&t);
}
