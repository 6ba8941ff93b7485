/*
 * Statements sent ahead, their results read back in order (see pipeline.h for when).
 *
 * What goes on the wire for each statement, and why:
 *  - Parse/Bind/Describe/Execute (PQsendQueryParams without parameters): pipeline mode
 *    has no simple Query message, hence the statements it refuses (pipeline.h).
 *  - then, when it must commit on its own or ends a block: two Syncs.  The first ends
 *    its implicit transaction, as the end of psql's Query message does: what happens
 *    at that commit (a deferred trigger's notice or error) belongs to the statement,
 *    and an error there replaces its result, as psql would only have seen the error.
 *    The second one separates it from the next statement: libpq handles notices as
 *    soon as it parses them, and without a message between the first ReadyForQuery
 *    and the next statement, that statement's notices of parsing (an identifier
 *    truncated) would come out before its echo.
 *  - otherwise (inside a block, under ON_ERROR_STOP): a Describe of the unnamed
 *    statement, the same kind of separator without ending the segment, and a Flush so
 *    that the server sends the results without waiting for a Sync.
 * Each separator is read when the next statement is taken, after that statement's
 * echo.  Notices libpq parses while we look for notifications after a statement
 * (PQnotifies parses input) are held until then too.
 *
 * Once its separator is read, a statement's results are the next libpq returns: only
 * then can rows one at a time be asked for, and they are received, held and streamed
 * past the bound as SendQuery's are (exec/result_stream.h), printed by the same code.
 * Its commit is read before its last result is printed; when the commit fails, a result
 * held whole is not printed, and one that had begun to stream ends as a failed one.
 */
#include "exec/pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "exec/cancel.h"
#include "exec/query.h"
#include "exec/result_stream.h"
#include "exec/statement_kind.h"
#include "sql/scanner.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* how far ahead: enough to fill a 40 ms link with cheap statements, bounded memory for results */
enum { MAX_STATEMENTS_AHEAD = 1000, MAX_BYTES_AHEAD = 4 << 20 };

typedef enum Separator { SEP_SYNCS, SEP_DESCRIBE } Separator;

/* what is still to be read of the separator after the last statement taken */
typedef enum Owed { OWED_NONE, OWED_SYNC, OWED_DESCRIBE, OWED_DESCRIBE_END } Owed;

/* how far the head statement has been taken: its results are next to come once it is separated */
typedef enum Stage { STAGE_NEW, STAGE_ECHOED, STAGE_SEPARATED } Stage;

typedef struct Entry {
    struct Entry *next;
    char *text;             /* the statement, or a line to echo */
    bool is_statement;
    Separator after;
    unsigned long lineno;   /* for the psql:FILE:LINE: prefix of its messages */
    double sent_at;
} Entry;

struct Pipeline {
    Session *s;
    bool allowed;
    bool active;            /* libpq in pipeline mode, our notice processor and log gate installed */
    Entry *head, *tail;
    int statements;
    size_t bytes;
    bool in_block;          /* ON_ERROR_STOP: inside a transaction block once what was sent has run */
    bool segment_open;      /* statements sent since the last Sync */
    int syncs_in_flight;
    Owed owed;
    Stage stage;
    ResultStream *stream;   /* the head statement's results, once separated */
    const Entry *finishing; /* the statement whose results are being printed */
    PGresult **commit_errors;   /* what its commit reported */
    int ncommit_errors, commit_errors_cap;
    double last_done_at;
    PQnoticeProcessor saved_processor;
    bool defer_notices;
    StrBuf deferred;        /* held notices, each ended by a NUL */
    bool processing;
    bool failed;            /* a statement failed since the last report */
    bool stopped;
};

/*
 * Set for good once a statement mentions what can switch the client encoding: text with
 * bytes above ASCII is then lexed only after what was sent has run.  A transaction's end
 * can undo a SET LOCAL of an earlier batch, hence for good.
 */
static bool encoding_may_change;

/*
 * Rules: a rule's SELECT added to an INSERT, UPDATE or DELETE prints rows only through
 * psql's Query message (the extended protocol discards them).  Statements that may fire
 * rules go ahead only in a database known to have none besides views', and none created
 * since: a statement that mentions rules turns this on for good.
 */
static bool rules_mentioned;
static struct {
    PGconn *conn;
    int pid;
    bool has_rules;
} rules_checked;

static double now_msec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

Pipeline *pipeline_create(Session *s, bool allowed)
{
    Pipeline *p = xcalloc(1, sizeof(Pipeline));
    p->s = s;
    p->allowed = allowed;
    return p;
}

bool pipeline_busy(const Pipeline *p)
{
    return p->head != NULL;
}

bool pipeline_stopped(const Pipeline *p)
{
    return p->stopped;
}

static bool take_failure(Pipeline *p)
{
    bool failed = p->failed;
    p->failed = false;
    return failed;
}

/* ---- notices and the log gate ---- */

static void flush_deferred_notices(Pipeline *p)
{
    for (size_t at = 0; at < p->deferred.len; at += strlen(p->deferred.data + at) + 1)
        p->saved_processor(NULL, p->deferred.data + at);
    sb_reset(&p->deferred);
}

static void on_notice(void *arg, const char *message)
{
    Pipeline *p = arg;
    if (p->defer_notices)
        sb_append_n(&p->deferred, message, strlen(message) + 1);
    else
        p->saved_processor(NULL, message);
}

static void take_all(Pipeline *p);

/* a message to stderr while statements are in flight: their output comes first */
static bool log_gate(void *ctx)
{
    Pipeline *p = ctx;
    if (p->processing || !p->active)
        return true;
    take_all(p);
    return !p->stopped;
}

/* ---- entering and leaving pipeline mode ---- */

static bool database_has_rules(Pipeline *p);

static bool enter(Pipeline *p)
{
    PGconn *db = p->s->db;
    /* outside a transaction block the question costs nothing later: ask it now rather than
     * wait, in the middle of a batch, for the answers to what was sent */
    if (PQtransactionStatus(db) == PQTRANS_IDLE)
        database_has_rules(p);
    if (!PQenterPipelineMode(db))
        return false;
    /* connect.c's processor, the only one the console installs, takes no argument */
    p->saved_processor = PQsetNoticeProcessor(db, on_notice, p);
    log_set_gate(log_gate, p);
    cancel_set_conn(db);
    p->active = true;
    return true;
}

static void leave(Pipeline *p)
{
    PGconn *db = p->s->db;
    if (!p->active)
        return;
    p->active = false;
    log_set_gate(NULL, NULL);
    cancel_reset_conn();
    if (db) {
        PQsetNoticeProcessor(db, p->saved_processor, NULL);
        if (PQpipelineStatus(db) != PQ_PIPELINE_OFF && !PQexitPipelineMode(db))
            log_error("%s", PQerrorMessage(db));
    }
    flush_deferred_notices(p);
    rstream_close(p->stream);
    p->stream = NULL;
    p->in_block = false;
}

/* reads, ignoring them, the results up to the last Sync sent (skipped statements, separators) */
static void read_to_last_sync(Pipeline *p)
{
    PGconn *db = p->s->db;
    if (p->segment_open && PQpipelineSync(db))
        p->syncs_in_flight++;
    p->segment_open = false;
    int nulls = 0;
    while (p->syncs_in_flight > 0 && PQstatus(db) != CONNECTION_BAD) {
        PGresult *r = PQgetResult(db);
        if (!r) {
            /* a NULL ends each statement's results; two in a row: nothing more is coming */
            if (++nulls > 1)
                break;
            continue;
        }
        nulls = 0;
        if (PQresultStatus(r) == PGRES_PIPELINE_SYNC)
            p->syncs_in_flight--;
        PQclear(r);
    }
    p->syncs_in_flight = 0;
    p->owed = OWED_NONE;
}

/* ---- the queue ---- */

static void push(Pipeline *p, char *text, bool is_statement, Separator after)
{
    Entry *e = xcalloc(1, sizeof(Entry));
    e->text = text;
    e->is_statement = is_statement;
    e->after = after;
    e->lineno = p->s->lineno;
    e->sent_at = now_msec();
    if (p->tail)
        p->tail->next = e;
    else
        p->head = e;
    p->tail = e;
    p->statements += is_statement;
    p->bytes += strlen(text) + sizeof(Entry);
}

static Entry *pop(Pipeline *p)
{
    Entry *e = p->head;
    p->head = e->next;
    if (!p->head)
        p->tail = NULL;
    p->statements -= e->is_statement;
    p->bytes -= strlen(e->text) + sizeof(Entry);
    p->stage = STAGE_NEW;
    return e;
}

static void free_entry(Entry *e)
{
    free(e->text);
    free(e);
}

/* ON_ERROR_STOP after a failure: what was sent after it was skipped by the server, and
 * what waited to be printed after it is dropped, as psql would not have got there */
static void stop(Pipeline *p)
{
    p->stopped = true;
    while (p->head)
        free_entry(pop(p));
    read_to_last_sync(p);
    leave(p);
}

/* ---- taking the head statement's results ---- */

/* whether PQgetResult would return at once (always, when we may wait) */
static bool result_ready(Pipeline *p, bool wait)
{
    PGconn *db = p->s->db;
    if (wait || !PQconsumeInput(db))
        return true;
    return !PQisBusy(db);
}

/* the separator sent after the statement before the head: its answers, which carry nothing */
static bool read_owed(Pipeline *p, bool wait)
{
    PGconn *db = p->s->db;
    int nulls = 0;
    while (p->owed != OWED_NONE) {
        if (!result_ready(p, wait))
            return false;
        PGresult *r = PQgetResult(db);
        bool sync = r && PQresultStatus(r) == PGRES_PIPELINE_SYNC;
        PQclear(r);
        nulls = r ? 0 : nulls + 1;
        if (nulls > 1 || (!r && PQstatus(db) == CONNECTION_BAD)) {
            p->owed = OWED_NONE;
        } else if (p->owed == OWED_SYNC) {
            if (sync) {
                p->syncs_in_flight--;
                p->owed = OWED_NONE;
            }
        } else if (p->owed == OWED_DESCRIBE) {
            if (r)
                p->owed = OWED_DESCRIBE_END;
        } else if (!r) {
            p->owed = OWED_NONE;
        }
    }
    return true;
}

static void keep_commit_error(Pipeline *p, PGresult *r)
{
    if (p->ncommit_errors == p->commit_errors_cap) {
        p->commit_errors_cap = p->commit_errors_cap ? 2 * p->commit_errors_cap : 4;
        p->commit_errors = xrealloc(p->commit_errors, (size_t)p->commit_errors_cap * sizeof(PGresult *));
    }
    p->commit_errors[p->ncommit_errors++] = r;
}

/*
 * After the statement's own results: up to the first Sync after it, what its commit
 * reported (SentQuery's commit); psql's Query message would have got such an error
 * instead of the statement's result.  Inside a block there is no Sync to wait for.
 */
static PGresult **read_commit(void *ctx, int *count)
{
    Pipeline *p = ctx;
    PGconn *db = p->s->db;
    p->ncommit_errors = 0;
    bool waiting = p->finishing->after == SEP_SYNCS;
    int nulls = 0;
    while (waiting) {
        PGresult *r = PQgetResult(db);
        nulls = r ? 0 : nulls + 1;
        if (!r) {
            /* an error is followed by one NULL; more means that no Sync is coming */
            if (nulls > 1 || PQstatus(db) == CONNECTION_BAD)
                waiting = false;
        } else if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            p->syncs_in_flight--;
            waiting = false;
        } else {
            keep_commit_error(p, r);
        }
    }
    p->owed = p->finishing->after == SEP_SYNCS ? OWED_SYNC : OWED_DESCRIBE;
    /* from here on, what libpq parses (PQnotifies does) belongs to the next statement */
    p->defer_notices = true;
    *count = p->ncommit_errors;
    return p->commit_errors;
}

/* where a statement sent ahead prints its rows: the \g family is never sent ahead */
static FILE *query_output(void *ctx)
{
    Session *s = ctx;
    return s->query_out;
}

/* prints the head statement's outcome as psql would have right after running it, receiving
 * its results as SendQuery does (rows one at a time, streamed past the bound) */
static void finish(Pipeline *p, Entry *e)
{
    SentQuery q = {.text = e->text, .results = p->stream, .commit = read_commit, .commit_ctx = p,
                   .started_msec = e->sent_at > p->last_done_at ? e->sent_at : p->last_done_at};
    p->finishing = e;
    bool ok = exec_finish_sent_query(p->s, &q);
    p->defer_notices = false;
    p->finishing = NULL;
    rstream_close(p->stream);
    p->stream = NULL;
    p->last_done_at = q.done_msec;
    free_entry(e);
    if (!ok) {
        p->failed = true;
        if (p->s->on_error_stop)
            stop(p);
    }
}

/* takes the head entry as far as its results have come; true when it was taken whole */
static bool take_head(Pipeline *p, bool wait)
{
    Entry *e = p->head;
    if (!e->is_statement) {
        puts(e->text);
        fflush(stdout);
        free_entry(pop(p));
        return true;
    }
    Session *s = p->s;
    unsigned long lineno = s->lineno;
    s->lineno = e->lineno;
    p->processing = true;
    bool taken = false;
    if (p->stage == STAGE_NEW) {
        exec_echo_query(s, e->text);
        flush_deferred_notices(p);
        p->stage = STAGE_ECHOED;
    }
    if (p->stage == STAGE_ECHOED && read_owed(p, wait)) {
        p->stage = STAGE_SEPARATED;
        /* its results are next: rows one at a time can be asked for only now, before any is read */
        p->stream = rstream_open(s, false, query_output, s);
    }
    if (p->stage == STAGE_SEPARATED && result_ready(p, wait)) {
        finish(p, pop(p));
        taken = true;
    }
    p->processing = false;
    s->lineno = lineno;
    return taken;
}

static void take_all(Pipeline *p)
{
    while (p->head)
        take_head(p, true);
}

/* ---- sending ---- */

static bool send_message(Pipeline *p, const char *query, Separator after)
{
    PGconn *db = p->s->db;
    if (!PQsendQueryParams(db, query, 0, NULL, NULL, NULL, NULL, 0))
        return false;
    if (after == SEP_SYNCS) {
        if (!PQpipelineSync(db) || !PQpipelineSync(db))
            return false;
        p->syncs_in_flight += 2;
        p->segment_open = false;
        return true;
    }
    p->segment_open = true;
    return PQsendDescribePrepared(db, "") && PQsendFlushRequest(db) && PQflush(db) >= 0;
}

static bool mentions_encoding(const char *query)
{
    return strcasestr(query, "encoding") || strcasestr(query, "names") || strcasestr(query, "set_config");
}

static bool send_ahead(Pipeline *p, const char *query, Separator after)
{
    while (p->statements >= MAX_STATEMENTS_AHEAD || p->bytes >= MAX_BYTES_AHEAD)
        take_head(p, true);
    if (p->stopped)
        return false;
    if (!p->active && !enter(p))
        return exec_send_query(p->s, query);
    if (mentions_encoding(query))
        encoding_may_change = true;
    if (!send_message(p, query, after)) {
        /* the connection failed: what was sent before reports it first */
        take_all(p);
        log_info("%s", PQerrorMessage(p->s->db));
        exec_check_connection(p->s);
        read_to_last_sync(p);
        leave(p);
        return false;
    }
    push(p, xstrdup(query), true, after);
    /* print what has come back already, so that output keeps up with the script */
    while (p->head && take_head(p, false))
        ;
    return !p->stopped;
}

/* ---- when to send ahead ---- */

static bool session_allows(const Pipeline *p)
{
    const Session *s = p->s;
    const PendingQuery *pq = &s->pending;
    if (!p->allowed || s->interactive || !s->db || PQstatus(s->db) != CONNECTION_OK)
        return false;
    if (s->singlestep || !s->autocommit || s->on_error_rollback == ROLLBACK_ON || s->copy_stream)
        return false;
    if (pq->output_target || pq->saved_popt || pq->gset_prefix || pq->describe_only || pq->exec_results ||
        pq->crosstab)
        return false;
    const char *setting = vars_get(s->vars, "PIPELINE");
    bool on = true;
    if (setting && !parse_bool_value(setting, NULL, &on))
        on = true;
    return on;
}

/* asked once per connection, outside pipeline mode, and only before a statement that needs it:
 * a query before SET TRANSACTION ISOLATION would make it fail */
static bool database_has_rules(Pipeline *p)
{
    PGconn *db = p->s->db;
    if (rules_checked.conn == db && rules_checked.pid == PQbackendPID(db))
        return rules_checked.has_rules;
    if (p->active)
        pipeline_drain(p);
    if (p->stopped)
        return true;
    /* the system's own rules (pg_settings') have oids below 16384; statements naming it are held */
    PGresult *r = PQexec(db, "SELECT pg_catalog.count(*) FROM pg_catalog.pg_rewrite "
                             "WHERE rulename OPERATOR(pg_catalog.<>) '_RETURN' "
                             "AND ev_class OPERATOR(pg_catalog.>=) '16384'::pg_catalog.oid");
    bool known = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    bool has_rules = !known || strcmp(PQgetvalue(r, 0, 0), "0") != 0;
    PQclear(r);
    /* a failed query (in a failed transaction) is asked again later */
    if (known) {
        rules_checked.conn = db;
        rules_checked.pid = PQbackendPID(db);
        rules_checked.has_rules = has_rules;
    }
    return has_rules;
}

/* what the extended protocol or pipeline mode would run differently from psql's Query message */
static bool statement_allows(Pipeline *p, const char *query, unsigned traits, StatementRole role)
{
    Session *s = p->s;
    if (traits & (SCAN_STMT_SEVERAL | SCAN_STMT_PARAMETER))
        return false;
    /* an empty statement fails in a failed transaction only when sent with the extended protocol */
    if (role == STMT_COPY || role == STMT_EMPTY)
        return false;
    if (s->fetch_count > 0 && exec_is_select_command(query, s->encoding))
        return false;
    /* the extended protocol's unnamed portal shows in pg_cursors, the Query message's does not */
    if (strcasestr(query, "pg_cursor") || strcasestr(query, "pg_settings"))
        return false;
    /* nor through a prepared statement, whose text is not here to look at */
    if (strcasestr(query, "execute"))
        return false;
    /* a backend that signals itself to end still runs what was sent after it, which psql never sends */
    if (strcasestr(query, "pg_terminate_backend") || strcasestr(query, "pg_cancel_backend"))
        return false;
    if (exec_statement_may_fire_rules(query, s->encoding) && (rules_mentioned || database_has_rules(p)))
        return false;
    return true;
}

static bool in_transaction_block(const Pipeline *p)
{
    PGTransactionStatusType ts = PQtransactionStatus(p->s->db);
    return ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR;
}

/* ON_ERROR_STOP: ahead only inside a block, where an error makes the server skip the rest */
static bool send_stopping_on_error(Pipeline *p, const char *query, StatementRole role)
{
    /* after the end of a block, what comes next waits for its commit */
    if (p->active && !p->in_block)
        pipeline_drain(p);
    if (p->stopped)
        return false;
    /* libpq tells the transaction status only outside pipeline mode; inside, we follow the block */
    if (!p->active)
        p->in_block = in_transaction_block(p);
    if (!p->in_block && role != STMT_BLOCK_START)
        return exec_send_query(p->s, query);
    p->in_block = role != STMT_BLOCK_END;
    return send_ahead(p, query, role == STMT_BLOCK_END ? SEP_SYNCS : SEP_DESCRIBE);
}

bool pipeline_send(Pipeline *p, const char *query, unsigned traits)
{
    if (p->stopped)
        return false;
    StatementRole role = exec_statement_role(query, p->s->encoding);
    if (strcasestr(query, "rule"))
        rules_mentioned = true;
    bool sent;
    if (!session_allows(p) || !statement_allows(p, query, traits, role)) {
        bool earlier_ok = pipeline_drain(p);
        if (p->stopped)
            return false;
        sent = exec_send_query(p->s, query) && earlier_ok;
    } else if (p->s->on_error_stop) {
        sent = send_stopping_on_error(p, query, role);
    } else {
        sent = send_ahead(p, query, SEP_SYNCS);
    }
    return !take_failure(p) && sent;
}

/* everything sent, printed, and a Sync answered: the server's reports of changed settings
 * (ParameterStatus) come only with its ReadyForQuery */
static void settle(Pipeline *p)
{
    if (p->active) {
        take_all(p);
        if (p->active) {
            read_owed(p, true);
            read_to_last_sync(p);
            leave(p);
        }
    }
}

bool pipeline_drain(Pipeline *p)
{
    settle(p);
    return !take_failure(p);
}

void pipeline_destroy(Pipeline *p)
{
    if (!p)
        return;
    pipeline_drain(p);
    sb_free(&p->deferred);
    free(p->commit_errors);
    free(p);
}

/* ---- what must wait for the statements in flight ---- */

void pipeline_echo(Pipeline *p, const char *line)
{
    if (!pipeline_busy(p)) {
        puts(line);
        return;
    }
    push(p, xstrdup(line), false, SEP_SYNCS);
}

/*
 * Whether text holds what a statement sent ahead may lex or report differently:
 *  - a backslash: standard_conforming_strings decides what it does in a string, and a
 *    statement in flight may change it.  Where it is off, the server also warns of it
 *    when it parses the statement, with a position, which libpq turns into psql's LINE
 *    and caret only if that statement heads libpq's queue as the warning is parsed.
 *    libpq parses a notice as soon as it is read, even while the ReadyForQuery of the
 *    separator before the statement waits to be collected: behind a separator still
 *    owed, the warning would say "at character N" instead.
 *  - bytes above ASCII once the client encoding may have changed.
 */
static bool lexing_may_change(const char *text)
{
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '\\')
            return true;
        if (*c >= 0x80 && encoding_may_change)
            return true;
    }
    return false;
}

void pipeline_before_text(Pipeline *p, const char *text)
{
    /* active without a statement in flight: the separator after the last one is still owed */
    if (p->active && lexing_may_change(text))
        settle(p);
}

void pipeline_before_variable(Pipeline *p, const char *name, const char *value)
{
    static const char *const set_by_statements[] = {"ERROR",    "SQLSTATE",           "ROW_COUNT", "LASTOID",
                                                    "ENCODING", "LAST_ERROR_MESSAGE", "LAST_ERROR_SQLSTATE"};
    for (size_t i = 0; pipeline_busy(p) && i < sizeof(set_by_statements) / sizeof(set_by_statements[0]); i++) {
        if (strcmp(name, set_by_statements[i]) == 0) {
            settle(p);
            return;
        }
    }
    if (value)
        pipeline_before_text(p, value);
}
