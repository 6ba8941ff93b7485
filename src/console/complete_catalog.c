/*
 * Catalog look-ups for tab completion.  A kind of object (complete_queries.c)
 * becomes a query the way psql builds them: names starting with what was typed,
 * qualified by a schema when one was typed, with the schemas themselves offered
 * beside unqualified names, and restricted to the objects of a reference object
 * when the kind has one.  Queries are sent asynchronously and given a deadline:
 * past it they are cancelled so that typing never hangs on a blocked server;
 * answers are kept for a few seconds so that repeated TABs are instant.
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

/* ---- the cache ---- */

enum {
    CACHE_SLOTS = 32,
    CACHE_TTL_MS = 5000,        /* long enough for a burst of TABs, short enough to see new objects */
    SUSPEND_MS = 3000,          /* after a timeout, no look-ups for a while: the server is busy */
    /*
     * psql waits as long as the server takes; a remote server's first answers
     * (cold caches, TLS round trips) can take a good part of a second, and a
     * look-up given up on leaves the user without completion for SUSPEND_MS.
     */
    DEFAULT_TIMEOUT_MS = 3000,
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

/* "expr starts with the typed text", as a condition */
static void append_prefix(StrBuf *sb, const char *expr, const char *lit, unsigned flags)
{
    const char *head = "pg_catalog.substring((%s)::pg_catalog.text, 1, pg_catalog.char_length(%s))";
    if (flags & Q_CI) {
        sb_append(sb, "pg_catalog.lower(");
        sb_printf(sb, head, expr, lit);
        sb_printf(sb, ") = pg_catalog.lower(%s)", lit);
    } else {
        sb_printf(sb, head, expr, lit);
        sb_printf(sb, (flags & Q_UPPER) ? " = pg_catalog.upper(%s)" : " = %s", lit);
    }
}

static bool typed_pg(const char *object)
{
    return strncmp(object, "pg_", 3) == 0;
}

/* what was typed, or the reference word: split into schema and object */
typedef struct Name {
    char *schema;
    char *object;
    bool schema_quoted;
    bool object_quoted;
} Name;

static void name_parse(Name *n, const char *text, int encoding, bool verbatim)
{
    memset(n, 0, sizeof *n);
    if (verbatim)
        n->object = xstrdup(text);
    else
        ident_parse(text, encoding, true, &n->schema, &n->object, &n->schema_quoted, &n->object_quoted);
}

static void name_free(Name *n)
{
    free(n->schema);
    free(n->object);
}

/* the conditions tying the rows to the reference object */
static bool append_reference(StrBuf *sb, Session *s, const CatQuery *q, const char *ref)
{
    if (!q->ref_name)
        return true;
    if (!ref)
        return false;
    Name r;
    name_parse(&r, ref, s->encoding, (q->flags & Q_REF_CI) != 0);
    char *lit = literal(s->db, r.object), *schema_lit = r.schema ? literal(s->db, r.schema) : NULL;
    bool ok = lit && (!r.schema || schema_lit);
    if (ok && (q->flags & Q_REF_CI))
        sb_printf(sb, " AND %s = pg_catalog.lower(%s)", q->ref_name, lit);
    else if (ok)
        sb_printf(sb, " AND %s = %s", q->ref_name, lit);
    if (ok && q->ref_nsp && schema_lit)
        sb_printf(sb, " AND %s = (SELECT nr.oid FROM pg_catalog.pg_namespace nr WHERE nr.nspname = %s)",
                  q->ref_nsp, schema_lit);
    else if (ok && q->ref_visible)
        sb_printf(sb, " AND %s", q->ref_visible);
    free(lit);
    free(schema_lit);
    name_free(&r);
    return ok;
}

static bool append_unqualified(StrBuf *sb, Session *s, const CatQuery *q, const Name *typed, const char *lit,
                               const char *ref)
{
    sb_printf(sb, "SELECT %s(%s)::pg_catalog.text, NULL::pg_catalog.text FROM %s WHERE ",
              (q->flags & Q_DISTINCT) ? "DISTINCT " : "", q->result, q->from);
    if (q->where)
        sb_printf(sb, "%s AND ", q->where);
    append_prefix(sb, q->match ? q->match : q->result, lit, q->flags);
    if (q->visible)
        sb_printf(sb, " AND %s", q->visible);
    if (!append_reference(sb, s, q, ref))
        return false;
    if ((q->flags & Q_HIDE_CATALOG) && !typed_pg(typed->object))
        sb_append(sb, " AND c.relnamespace <> (SELECT o.oid FROM pg_catalog.pg_namespace o"
                      " WHERE o.nspname = 'pg_catalog')");
    if (!q->nsp)
        return true;
    /* schemas too, so that a qualified name can be completed in steps */
    sb_append(sb, " UNION ALL SELECT NULL::pg_catalog.text, n.nspname::pg_catalog.text"
                  " FROM pg_catalog.pg_namespace n WHERE ");
    append_prefix(sb, "n.nspname", lit, 0);
    if (!typed_pg(typed->object))
        sb_append(sb, " AND n.nspname !~ '^pg_'");
    return true;
}

static bool append_qualified(StrBuf *sb, Session *s, const CatQuery *q, const char *lit, const char *schema_lit,
                             const char *ref)
{
    sb_printf(sb, "SELECT %s(%s)::pg_catalog.text, n.nspname::pg_catalog.text FROM %s,"
                  " pg_catalog.pg_namespace n WHERE %s = n.oid AND ",
              (q->flags & Q_DISTINCT) ? "DISTINCT " : "", q->result, q->from, q->nsp);
    if (q->where)
        sb_printf(sb, "%s AND ", q->where);
    append_prefix(sb, q->match ? q->match : q->result, lit, q->flags);
    sb_printf(sb, " AND n.nspname = %s", schema_lit);
    return append_reference(sb, s, q, ref);
}

/* the query for names of a kind starting with what was typed, or NULL */
static char *names_sql(Session *s, const CatQuery *q, const Name *typed, const char *ref)
{
    bool qualified = typed->schema && q->nsp;
    char *lit = literal(s->db, typed->object);
    char *schema_lit = qualified ? literal(s->db, typed->schema) : NULL;
    StrBuf sb = STRBUF_INIT;
    bool ok = lit && (!qualified || schema_lit);
    if (ok)
        ok = qualified ? append_qualified(&sb, s, q, lit, schema_lit, ref)
                       : append_unqualified(&sb, s, q, typed, lit, ref);
    sb_printf(&sb, " LIMIT %d", COMPLETE_MAX_RECORDS);
    free(lit);
    free(schema_lit);
    if (!ok) {
        sb_free(&sb);
        return NULL;
    }
    return sb_steal(&sb);
}

/* ---- turning rows into candidates ---- */

/*
 * psql's way with identifiers: a name needing quotes is offered only when
 * nothing or a quote was typed (no surprise quote appears), parts typed quoted
 * stay quoted, and a schema offered alone ends with '.' and no space.
 */
static void add_identifier_rows(CompCtx *c, const Rows *rows, const Name *typed, bool schemas_matched_object)
{
    bool typed_something = typed->object[0] != '\0';
    bool object_quoted = typed->object_quoted;
    bool schema_quoted = schemas_matched_object ? object_quoted : typed->schema_quoted;
    for (int i = 0; i < rows->n; i++) {
        const char *name = rows->cells[2 * i], *nsp = rows->cells[2 * i + 1];
        if (!name && !nsp)
            continue;
        if (typed_something && ((name && !object_quoted && sql_ident_needs_quotes(name)) ||
                                (nsp && !schema_quoted && sql_ident_needs_quotes(nsp))))
            continue;
        cand_add_owned(c, ident_requote(nsp, name, schema_quoted, object_quoted), !name);
    }
}

void catalog_names(CompCtx *c, CatKind kind, const char *ref, const char *keywords)
{
    Session *s = c->s;
    const CatQuery *q = cat_query_for(kind, server_version(s));
    if (!q || !s->db)
        return;
    bool verbatim = (q->flags & Q_VERBATIM) != 0;
    Name typed;
    name_parse(&typed, c->text, s->encoding, verbatim);
    char *sql = names_sql(s, q, &typed, ref);
    const Rows *rows = sql ? query_rows(s, sql) : NULL;
    /* as in psql, the words come with the names: not when the look-up failed */
    if (rows) {
        for (int i = 0; verbatim && i < rows->n; i++)
            if (rows->cells[2 * i])
                cand_add(c, rows->cells[2 * i], false);
        if (!verbatim)
            add_identifier_rows(c, rows, &typed, q->nsp && !typed.schema);
        if (q->keywords)
            cand_keywords(c, q->keywords);
        if (keywords)
            cand_keywords(c, keywords);
    }
    free(sql);
    name_free(&typed);
}

char *catalog_guc_type(Session *s, const char *name)
{
    if (!s->db || !name)
        return NULL;
    char *lit = literal(s->db, name);
    if (!lit)
        return NULL;
    char *sql = xasprintf("SELECT s.vartype FROM pg_catalog.pg_settings s"
                          " WHERE pg_catalog.lower(s.name) = pg_catalog.lower(%s)", lit);
    const Rows *rows = query_rows(s, sql);
    char *type = rows && rows->n > 0 && rows->cells[0] ? xstrdup(rows->cells[0]) : NULL;
    free(sql);
    free(lit);
    return type;
}
