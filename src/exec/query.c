/*
 * SendQuery and its helpers: one statement string goes to the server, each result
 * that comes back is printed (or stored by \gset, executed by \gexec, pivoted by
 * \crosstabview), COPY data flows, and the result variables are set.
 */
#include "exec/query.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/cancel.h"
#include "exec/copy.h"
#include "exec/cursor.h"
#include "exec/describe_query.h"
#include "exec/result_stream.h"
#include "print/crosstab.h"
#include "print/pager.h"
#include "print/printer.h"
#include "util/log.h"
#include "util/pipes.h"
#include "util/xalloc.h"

static double now_msec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

bool exec_accept_result(Session *s, const PGresult *res, bool show_error)
{
    bool ok = false;
    if (res) {
        switch (PQresultStatus(res)) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_EMPTY_QUERY:
        case PGRES_COPY_IN:
        case PGRES_COPY_OUT:
            ok = true;
            break;
        case PGRES_BAD_RESPONSE:
        case PGRES_NONFATAL_ERROR:
        case PGRES_FATAL_ERROR:
            break;
        default:
            log_error("unexpected PQresultStatus: %d", PQresultStatus(res));
            break;
        }
    }
    if (!ok && show_error) {
        const char *error = PQerrorMessage(s->db);
        if (*error)
            log_info("%s", error);
        exec_check_connection(s);
    }
    return ok;
}

void exec_clear_or_save(Session *s, PGresult *res)
{
    if (!res)
        return;
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_NONFATAL_ERROR || st == PGRES_FATAL_ERROR) {
        PQclear(s->last_error_result);
        s->last_error_result = res;
    } else {
        PQclear(res);
    }
}

void exec_set_result_variables(Session *s, const PGresult *res, bool success)
{
    if (success) {
        const char *ntuples = res ? PQcmdTuples((PGresult *)res) : "";
        vars_set(s->vars, "ERROR", "false");
        vars_set(s->vars, "SQLSTATE", "00000");
        vars_set(s->vars, "ROW_COUNT", *ntuples ? ntuples : "0");
        return;
    }
    const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    vars_set(s->vars, "ERROR", "true");
    vars_set(s->vars, "SQLSTATE", code ? code : "");
    vars_set(s->vars, "ROW_COUNT", "0");
    vars_set(s->vars, "LAST_ERROR_SQLSTATE", code ? code : "");
    vars_set(s->vars, "LAST_ERROR_MESSAGE", msg ? msg : "");
}

bool exec_check_connection(Session *s)
{
    /* a connection already given up counts as lost, as in psql: a statement that lost it
     * reports the failed reset again on its way out (psql prints that line twice) */
    if (s->db && PQstatus(s->db) != CONNECTION_BAD)
        return true;
    if (!s->interactive) {
        log_error("connection to server was lost");
        exit(EXIT_BADCONN);
    }
    fflush(stdout);
    fputs("The connection to the server was lost. Attempting reset: ", stderr);
    char *why = NULL;
    bool reset = false;
    if (s->db && s->reset_connection) {
        reset = s->reset_connection(s, &why);
    } else if (s->db) {
        PQreset(s->db);
        reset = PQstatus(s->db) != CONNECTION_BAD;
    }
    if (!reset) {
        fputs("Failed.\n", stderr);
        if (why)
            log_info("%s", why);
        free(why);
        PQfinish(s->db);
        s->db = NULL;
        cancel_reset_conn();
        session_unsync_variables(s);
        return false;
    }
    fputs("Succeeded.\n", stderr);
    session_sync_variables(s);
    return true;
}

void exec_print_notifications(Session *s)
{
    PGnotify *n;
    PQconsumeInput(s->db);
    while ((n = PQnotifies(s->db)) != NULL) {
        if (n->extra[0])
            fprintf(s->query_out,
                    "Asynchronous notification \"%s\" with payload \"%s\" received from server process with PID %d.\n",
                    n->relname, n->extra, n->be_pid);
        else
            fprintf(s->query_out, "Asynchronous notification \"%s\" received from server process with PID %d.\n",
                    n->relname, n->be_pid);
        fflush(s->query_out);
        PQfreemem(n);
        PQconsumeInput(s->db);
    }
}

void exec_print_timing(double ms)
{
    if (ms < 1000.0) {
        printf("Time: %.3f ms\n", ms);
        return;
    }
    double seconds = ms / 1000.0;
    double minutes = floor(seconds / 60.0);
    seconds -= 60.0 * minutes;
    if (minutes < 60.0) {
        printf("Time: %.3f ms (%02d:%06.3f)\n", ms, (int)minutes, seconds);
        return;
    }
    double hours = floor(minutes / 60.0);
    minutes -= 60.0 * hours;
    if (hours < 24.0) {
        printf("Time: %.3f ms (%02d:%02d:%06.3f)\n", ms, (int)hours, (int)minutes, seconds);
        return;
    }
    double days = floor(hours / 24.0);
    hours -= 24.0 * days;
    printf("Time: %.3f ms (%.0f d %02d:%02d:%06.3f)\n", ms, days, (int)hours, (int)minutes, seconds);
}

static void log_query(Session *s, const char *query)
{
    if (!s->log_file)
        return;
    fprintf(s->log_file, "********* QUERY **********\n%s\n**************************\n\n", query);
    fflush(s->log_file);
}

PGresult *exec_internal(Session *s, const char *query)
{
    if (!s->db) {
        log_error("You are currently not connected to a database.");
        return NULL;
    }
    if (s->echo_hidden != HIDDEN_OFF) {
        printf("********* QUERY **********\n%s\n**************************\n\n", query);
        fflush(stdout);
        log_query(s, query);
        if (s->echo_hidden == HIDDEN_NOEXEC)
            return NULL;
    }
    cancel_set_conn(s->db);
    PGresult *res = PQexec(s->db, query);
    cancel_reset_conn();
    if (!exec_accept_result(s, res, true)) {
        exec_clear_or_save(s, res);
        return NULL;
    }
    return res;
}

void exec_log_table(Session *s, const PrintTable *t, const PrintOptions *opt)
{
    if (!s->log_file)
        return;
    print_table_log(t, opt, s->log_file);
    fflush(s->log_file);
}

bool exec_print_table(Session *s, PrintTable *t, FILE *out)
{
    if (s->popt.title)
        ptable_set_title(t, s->popt.title);
    pager_print_table(t, &s->popt, out);
    fflush(out);
    exec_log_table(s, t, &s->popt);
    if (ferror(out)) {
        if (out != s->watch_pager)
            log_error("could not print result table: %s", strerror(errno));
        return false;
    }
    return true;
}

bool exec_print_tuples(Session *s, const PGresult *res, FILE *out)
{
    PrintTable t;
    ptable_from_result(&t, res);
    bool ok = exec_print_table(s, &t, out);
    ptable_free(&t);
    return ok;
}

static void print_status(Session *s, const PGresult *res, FILE *out)
{
    if (!s->quiet) {
        if (s->popt.format == PRINT_HTML) {
            fputs("<p>", out);
            for (const char *p = PQcmdStatus((PGresult *)res); *p; p++) {
                switch (*p) {
                case '&': fputs("&amp;", out); break;
                case '<': fputs("&lt;", out); break;
                case '>': fputs("&gt;", out); break;
                case '"': fputs("&quot;", out); break;
                case '\n': fputs("<br />\n", out); break;
                default: fputc(*p, out); break;
                }
            }
            fputs("</p>\n", out);
        } else {
            fprintf(out, "%s\n", PQcmdStatus((PGresult *)res));
        }
    }
    if (s->log_file)
        fprintf(s->log_file, "%s\n", PQcmdStatus((PGresult *)res));
    char buf[16];
    snprintf(buf, sizeof(buf), "%u", (unsigned)PQoidValue(res));
    vars_set(s->vars, "LASTOID", buf);
}

/* \gset: one row into variables named prefix + column */
bool exec_store_gset(Session *s, const PGresult *res, const char *prefix)
{
    if (PQntuples(res) < 1) {
        log_error("no rows returned for \\gset");
        return false;
    }
    if (PQntuples(res) > 1) {
        log_error("more than one row returned for \\gset");
        return false;
    }
    for (int i = 0; i < PQnfields(res); i++) {
        char *name = xasprintf("%s%s", prefix, PQfname(res, i));
        if (vars_has_hooks(s->vars, name)) {
            log_warning("attempt to \\gset into specially treated variable \"%s\" ignored", name);
            free(name);
            continue;
        }
        bool ok = vars_set(s->vars, name, PQgetisnull(res, 0, i) ? NULL : PQgetvalue(res, 0, i));
        free(name);
        if (!ok)
            return false;
    }
    return true;
}

/* \gexec: every non-null cell is a statement to run */
static bool exec_query_tuples(Session *s, const PGresult *res)
{
    bool success = true;
    for (int r = 0; r < PQntuples(res); r++) {
        for (int c = 0; c < PQnfields(res); c++) {
            if (PQgetisnull(res, r, c))
                continue;
            if (cancel_was_pressed())
                return success;
            const char *query = PQgetvalue(res, r, c);
            if (s->echo == ECHO_ALL && !s->singlestep) {
                puts(query);
                fflush(stdout);
            }
            if (!exec_send_query(s, query)) {
                success = false;
                if (s->on_error_stop)
                    return false;
            }
        }
    }
    return success;
}

static bool print_query_result(Session *s, const PendingQuery *pq, ResultStream *rs, PGresult *res, bool last,
                               FILE *tuples_out)
{
    bool success = true;
    FILE *out = tuples_out ? tuples_out : s->query_out;
    switch (PQresultStatus(res)) {
    case PGRES_TUPLES_OK: {
        if (last && pq->gset_prefix)
            success = exec_store_gset(s, res, pq->gset_prefix);
        else if (last && pq->exec_results)
            success = exec_query_tuples(s, res);
        else if (last && pq->crosstab)
            success = crosstab_print(res, pq->crosstab_args, &s->popt, out, s->encoding);
        else if (last || s->show_all_results)
            success = rstream_print_tuples(rs, res, out);
        const char *tag = PQcmdStatus(res);
        if ((last || s->show_all_results) &&
            (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 || strncmp(tag, "DELETE", 6) == 0 ||
             strncmp(tag, "MERGE", 5) == 0))
            print_status(s, res, s->query_out);
        break;
    }
    case PGRES_COMMAND_OK:
        if (last || s->show_all_results)
            print_status(s, res, s->query_out);
        break;
    case PGRES_EMPTY_QUERY:
    case PGRES_COPY_OUT:
    case PGRES_COPY_IN:
        break;
    default:
        success = false;
        break;
    }
    fflush(out);
    return success;
}

typedef struct GOutput {
    FILE *fp;
    bool is_pipe;
    bool failed;
} GOutput;

/* the \g target, opened on first use */
static FILE *g_output(const PendingQuery *pq, GOutput *g)
{
    if (g->fp || g->failed)
        return g->fp;
    const char *target = pq->output_target;
    if (target[0] == '|') {
        g->fp = pipe_open_writer(target + 1);
        g->is_pipe = true;
    } else {
        g->fp = fopen(target, "w");
    }
    if (!g->fp) {
        log_error("%s: %s", target, strerror(errno));
        g->failed = true;
    }
    return g->fp;
}

static void g_close(GOutput *g)
{
    if (!g->fp)
        return;
    if (g->is_pipe)
        pipe_close_writer(g->fp);
    else
        fclose(g->fp);
}

/* a result that reports an error: its message, the connection check and the error variables */
static void report_error_result(Session *s, PGresult *res, bool is_watch, bool check_connection)
{
    const char *error = PQresultErrorMessage(res);
    if (*error)
        log_info("%s", error);
    if (check_connection)
        exec_check_connection(s);
    if (!is_watch)
        exec_set_result_variables(s, res, false);
    exec_clear_or_save(s, res);
}

/* a result that reports an error: report it and move on to the next one */
static PGresult *handle_error_result(Session *s, ResultStream *rs, PGresult *res, bool is_watch)
{
    ExecStatusType st = PQresultStatus(res);
    report_error_result(s, res, is_watch, true);
    /* after a failed COPY, libpq keeps returning an empty result rather than NULL */
    if (st == PGRES_COPY_BOTH || st == PGRES_COPY_OUT || st == PGRES_COPY_IN)
        return NULL;
    return rstream_next(rs);
}

static bool savepoint_is_gone(const PGresult *res)
{
    const char *cmd = PQcmdStatus((PGresult *)res);
    return strcmp(cmd, "COMMIT") == 0 || strcmp(cmd, "SAVEPOINT") == 0 || strcmp(cmd, "RELEASE") == 0 ||
           strcmp(cmd, "ROLLBACK") == 0;
}

static bool run_copy(Session *s, const PendingQuery *pq, PGresult **res, GOutput *g)
{
    FILE *stream = NULL;
    bool success = true;
    if (PQresultStatus(*res) == PGRES_COPY_OUT) {
        if (s->copy_stream)
            stream = s->copy_stream;
        else if (pq->output_target)
            success = (stream = g_output(pq, g)) != NULL;
        else
            stream = s->query_out;
    }
    return copy_handle_result(s, res, stream) && success;
}

/* where a statement's rows go: the \g target, opened on first use, or the query output */
typedef struct TuplesOutput {
    Session *s;
    const PendingQuery *pq;
    GOutput *g;
} TuplesOutput;

static FILE *tuples_output(void *ctx)
{
    TuplesOutput *o = ctx;
    return o->pq->output_target ? g_output(o->pq, o->g) : o->s->query_out;
}

/* psql's ExecQueryAndProcessResults: >0 success, 0 cancelled, <0 failure */
static int run_and_print(Session *s, const PendingQuery *pq, const char *query, double *elapsed, bool *svpt_gone,
                         bool is_watch)
{
    double start = s->timing ? now_msec() : 0;
    if (!PQsendQuery(s->db, query)) {
        const char *error = PQerrorMessage(s->db);
        if (*error)
            log_info("%s", error);
        exec_check_connection(s);
        return -1;
    }
    bool success = true;
    GOutput g = {NULL, false, false};
    TuplesOutput to = {s, pq, &g};
    /* \gset, \gexec and \crosstabview take a whole PGresult */
    ResultStream *rs = rstream_open(s, pq->gset_prefix || pq->exec_results || pq->crosstab, tuples_output, &to);
    if (is_watch && cancel_was_pressed()) {
        rstream_discard(rs);
        rstream_close(rs);
        return 0;
    }
    PGresult *res = rstream_next(rs);
    while (res) {
        if (!exec_accept_result(s, res, false)) {
            res = handle_error_result(s, rs, res, is_watch);
            success = false;
            if (s->timing)
                *elapsed = now_msec() - start;
            continue;
        }
        if (svpt_gone && !*svpt_gone)
            *svpt_gone = savepoint_is_gone(res);
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT)
            success &= run_copy(s, pq, &res, &g);
        bool last = rstream_is_last(rs);
        if (s->timing)
            *elapsed = now_msec() - start;
        if (res) {
            FILE *tuples_out = NULL;
            bool do_print = true;
            if (PQresultStatus(res) == PGRES_TUPLES_OK && pq->output_target) {
                tuples_out = g_output(pq, &g);
                if (!tuples_out)
                    success = do_print = false;
            }
            if (do_print)
                success &= print_query_result(s, pq, rs, res, last, tuples_out);
        }
        if (last && success && !is_watch)
            exec_set_result_variables(s, res, true);
        exec_clear_or_save(s, res);
        if (cancel_was_pressed()) {
            rstream_discard(rs);
            break;
        }
        res = rstream_next(rs);
    }
    rstream_close(rs);
    g_close(&g);
    if (!exec_check_connection(s))
        return -1;
    return cancel_was_pressed() ? 0 : success ? 1 : -1;
}

static bool run_simple(Session *s, const char *command)
{
    PGresult *res = PQexec(s->db, command);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        log_info("%s", PQerrorMessage(s->db));
        exec_clear_or_save(s, res);
        return false;
    }
    exec_clear_or_save(s, res);
    return true;
}

/* after a statement that ran under our savepoint: drop or roll back to it */
static bool finish_savepoint(Session *s, bool svpt_gone)
{
    const char *cmd = NULL;
    PGTransactionStatusType ts = PQtransactionStatus(s->db);
    switch (ts) {
    case PQTRANS_INERROR:
        cmd = "ROLLBACK TO pg_psql_temporary_savepoint";
        break;
    case PQTRANS_IDLE:
        break;
    case PQTRANS_INTRANS:
        if (!svpt_gone)
            cmd = "RELEASE pg_psql_temporary_savepoint";
        break;
    default:
        if (ts != PQTRANS_UNKNOWN || PQstatus(s->db) != CONNECTION_BAD)
            log_error("unexpected transaction status (%d)", ts);
        return false;
    }
    return cmd ? run_simple(s, cmd) : true;
}

static bool single_step_confirm(const char *query)
{
    char buf[3];
    fflush(stderr);
    printf("***(Single step mode: verify command)*******************************************\n"
           "%s\n"
           "***(press return to proceed or enter x and return to cancel)********************\n",
           query);
    fflush(stdout);
    if (fgets(buf, sizeof(buf), stdin) != NULL && buf[0] == 'x')
        return false;
    return !cancel_was_pressed();
}

static void pending_release(Session *s, PendingQuery *pq)
{
    free(pq->output_target);
    if (pq->saved_popt) {
        popt_free(&s->popt);
        s->popt = *pq->saved_popt;
        free(pq->saved_popt);
    }
    free(pq->gset_prefix);
    for (int i = 0; i < 4; i++)
        free(pq->crosstab_args[i]);
    memset(pq, 0, sizeof(*pq));
}

/* opens the transaction AUTOCOMMIT=off wants, and the ON_ERROR_ROLLBACK savepoint */
static bool prepare_transaction(Session *s, const char *query, bool *savepoint)
{
    PGTransactionStatusType ts = PQtransactionStatus(s->db);
    if (ts == PQTRANS_IDLE && !s->autocommit && !exec_command_no_begin(query, s->encoding)) {
        if (!run_simple(s, "BEGIN"))
            return false;
        ts = PQtransactionStatus(s->db);
    }
    if (ts == PQTRANS_INTRANS && s->on_error_rollback != ROLLBACK_OFF &&
        (s->interactive || s->on_error_rollback == ROLLBACK_ON)) {
        if (!run_simple(s, "SAVEPOINT pg_psql_temporary_savepoint"))
            return false;
        *savepoint = true;
    }
    return true;
}

/* what follows every statement: its time, a changed client encoding, notifications */
static void after_statement(Session *s, double elapsed)
{
    if (s->timing)
        exec_print_timing(elapsed);
    int enc = PQclientEncoding(s->db);
    if (s->encoding != enc && enc >= 0) {
        s->encoding = enc;
        s->popt.encoding = enc;
        vars_set(s->vars, "ENCODING", pg_encoding_to_char(enc));
    }
    exec_print_notifications(s);
}

static bool run_statement(Session *s, PendingQuery *pq, const char *query)
{
    bool savepoint = false, svpt_gone = false, ok;
    double elapsed = 0;
    if (!prepare_transaction(s, query, &savepoint))
        return false;
    if (pq->describe_only)
        ok = describe_query(s, query, &elapsed);
    else if (s->fetch_count <= 0 || pq->exec_results || pq->crosstab || !exec_is_select_command(query, s->encoding))
        ok = run_and_print(s, pq, query, &elapsed, &svpt_gone, false) > 0;
    else
        ok = cursor_run_query(s, pq, query, &elapsed);
    if (!ok && s->echo == ECHO_ERRORS)
        log_info("STATEMENT:  %s", query);
    if (savepoint && !finish_savepoint(s, svpt_gone))
        return false;
    after_statement(s, elapsed);
    return ok;
}

void exec_echo_query(Session *s, const char *query)
{
    if (!s->singlestep && s->echo == ECHO_QUERIES) {
        puts(query);
        fflush(stdout);
    }
    log_query(s, query);
}

/* the errors a sent statement's commit reported: they stand for it, as psql's Query message has only them */
static bool report_commit_errors(Session *s, PGresult **errors, int count)
{
    for (int i = 0; i < count; i++)
        report_error_result(s, errors[i], false, false);
    return count == 0;
}

bool exec_finish_sent_query(Session *s, SentQuery *q)
{
    /* as run_and_print's loop; the stream ends its results with one NULL, and what follows is another statement's */
    PendingQuery none;
    memset(&none, 0, sizeof(none));
    PGresult **late = NULL;
    int nlate = -1;
    bool ok = true, any = false;
    PGresult *res = rstream_next(q->results);
    while (res) {
        any = true;
        bool last = rstream_is_last(q->results);
        if (last) {
            late = q->commit(q->commit_ctx, &nlate);
            q->done_msec = now_msec();
        }
        if (!exec_accept_result(s, res, false)) {
            /* received one by one, the connection would have looked lost only at the last */
            report_error_result(s, res, false, false);
            ok = false;
        } else if (nlate > 0) {
            /* its commit failed: rows already streamed stay, ended as those of a failed result */
            rstream_fail_result(q->results);
            PQclear(res);
        } else {
            ok = print_query_result(s, &none, q->results, res, last, NULL) && ok;
            if (last && ok)
                exec_set_result_variables(s, res, true);
            exec_clear_or_save(s, res);
        }
        res = last ? NULL : rstream_next(q->results);
    }
    if (nlate < 0) {
        late = q->commit(q->commit_ctx, &nlate);
        q->done_msec = now_msec();
    }
    if (!any && nlate == 0) {
        exec_accept_result(s, NULL, true);
        ok = false;
    }
    ok = report_commit_errors(s, late, nlate) && ok;
    exec_check_connection(s);
    if (!ok && s->echo == ECHO_ERRORS)
        log_info("STATEMENT:  %s", q->text);
    after_statement(s, q->done_msec - q->started_msec);
    return ok;
}

bool exec_send_query(Session *s, const char *query)
{
    /* take the \g-family settings for this statement only; nested calls start clean */
    PendingQuery pq = s->pending;
    memset(&s->pending, 0, sizeof(s->pending));
    bool ok = false;
    if (!s->db) {
        log_error("You are currently not connected to a database.");
    } else if (s->singlestep && !single_step_confirm(query)) {
        ok = false;
    } else {
        exec_echo_query(s, query);
        cancel_set_conn(s->db);
        ok = run_statement(s, &pq, query);
    }
    cancel_reset_conn();
    pending_release(s, &pq);
    return ok;
}

int exec_watch_query(Session *s, const char *query)
{
    if (!s->db) {
        log_error("You are currently not connected to a database.");
        return 0;
    }
    PendingQuery none;
    memset(&none, 0, sizeof(none));
    double elapsed = 0;
    cancel_set_conn(s->db);
    int r = run_and_print(s, &none, query, &elapsed, NULL, true);
    cancel_reset_conn();
    if (s->timing)
        exec_print_timing(elapsed);
    return r;
}
