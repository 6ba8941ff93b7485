#include "exec/cursor.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/cancel.h"
#include "exec/query.h"
#include "print/pager.h"
#include "print/printer.h"
#include "util/log.h"
#include "util/pipes.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static double now_msec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static bool exec_ok(Session *s, const char *sql)
{
    PGresult *res = PQexec(s->db, sql);
    bool ok = exec_accept_result(s, res, true) && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok && strncmp(sql, "DECLARE", 7) == 0)
        exec_set_result_variables(s, res, false);
    exec_clear_or_save(s, res);
    return ok;
}

typedef struct ChunkOutput {
    FILE *fp;
    bool is_pipe;
    bool opened;
} ChunkOutput;

static bool open_output(Session *s, const PendingQuery *pq, ChunkOutput *o)
{
    o->fp = s->query_out;
    if (!pq->output_target)
        return true;
    const char *t = pq->output_target;
    o->is_pipe = t[0] == '|';
    o->fp = o->is_pipe ? pipe_open_writer(t + 1) : fopen(t, "w");
    if (!o->fp) {
        log_error("%s: %s", t, strerror(errno));
        return false;
    }
    o->opened = true;
    return true;
}

static void close_output(ChunkOutput *o)
{
    if (!o->opened)
        return;
    if (o->is_pipe)
        pipe_close_writer(o->fp);
    else
        fclose(o->fp);
}

/*
 * one chunk: to the pager psql opens for the whole output once a first full chunk shows it is long.
 * psql treats the output as paged from then on even when no pager could be started (stdout is
 * not a terminal): expanded auto goes vertical and wrapped takes $COLUMNS, for every chunk alike.
 */
static void print_chunk(Session *s, PGresult *res, PrintOptions *popt, FILE **out, FILE **pager, bool last)
{
    if (!last && *out == stdout && !popt->is_pager) {
        *pager = pager_open(&s->popt, s->query_out, LONG_MAX);
        if (*pager)
            *out = *pager;
        popt->is_pager = true;
    }
    PrintTable t;
    ptable_from_result(&t, res);
    if (popt->title)
        ptable_set_title(&t, popt->title);
    print_table(&t, popt, *out, pager_term_columns(*out, popt->is_pager));
    exec_log_table(s, &t, popt);
    ptable_free(&t);
}

/* fetches and prints chunk after chunk; returns false on error */
static bool fetch_loop(Session *s, const PendingQuery *pq, FILE *out, double *elapsed, long long *total)
{
    char fetch_cmd[64];
    int count = pq->gset_prefix ? 2 : s->fetch_count;   /* 2 rows are enough to refuse \gset */
    snprintf(fetch_cmd, sizeof(fetch_cmd), "FETCH FORWARD %d FROM _psql_cursor", count);
    PrintOptions popt;
    popt_copy(&popt, &s->popt);
    popt.start_table = true;
    popt.stop_table = false;
    popt.prior_records = 0;
    FILE *pager = NULL;
    bool ok = true;
    clearerr(out);
    for (;;) {
        double start = s->timing ? now_msec() : 0;
        PGresult *res = PQexec(s->db, fetch_cmd);
        if (s->timing)
            *elapsed += now_msec() - start;
        if (PQresultStatus(res) != PGRES_TUPLES_OK) {
            pager_close(pager);
            pager = NULL;
            exec_accept_result(s, res, true);
            exec_set_result_variables(s, res, false);
            exec_clear_or_save(s, res);
            ok = false;
            break;
        }
        if (pq->gset_prefix) {
            ok = exec_store_gset(s, res, pq->gset_prefix);
            PQclear(res);
            break;
        }
        int n = PQntuples(res);
        *total += n;
        if (n < count)
            popt.stop_table = true;
        print_chunk(s, res, &popt, &out, &pager, n < count);
        PQclear(res);
        popt.start_table = false;
        popt.prior_records += (unsigned long)n;
        int flush_error = fflush(out);
        if (n < count || cancel_was_pressed() || flush_error || ferror(out))
            break;
    }
    pager_close(pager);
    popt_free(&popt);
    return ok;
}

bool cursor_run_query(Session *s, const PendingQuery *pq, const char *query, double *elapsed_msec)
{
    bool started_txn = false, ok;
    long long total = 0;
    double start = s->timing ? now_msec() : 0;
    *elapsed_msec = 0;
    if (PQtransactionStatus(s->db) == PQTRANS_IDLE) {
        if (!exec_ok(s, "BEGIN"))
            return false;
        started_txn = true;
    }
    StrBuf declare = STRBUF_INIT;
    sb_printf(&declare, "DECLARE _psql_cursor NO SCROLL CURSOR FOR\n%s", query);
    ok = exec_ok(s, declare.data);
    sb_free(&declare);
    if (s->timing)
        *elapsed_msec += now_msec() - start;
    if (ok) {
        ChunkOutput out = {NULL, false, false};
        ok = open_output(s, pq, &out) && fetch_loop(s, pq, out.fp, elapsed_msec, &total);
        close_output(&out);
        if (ok) {
            char buf[32];
            vars_set(s->vars, "ERROR", "false");
            vars_set(s->vars, "SQLSTATE", "00000");
            snprintf(buf, sizeof(buf), "%lld", total);
            vars_set(s->vars, "ROW_COUNT", buf);
        }
    }
    start = s->timing ? now_msec() : 0;
    PGresult *res = PQexec(s->db, "CLOSE _psql_cursor");
    if (ok) {
        ok = exec_accept_result(s, res, true) && PQresultStatus(res) == PGRES_COMMAND_OK;
        exec_clear_or_save(s, res);
    } else {
        PQclear(res);
    }
    if (started_txn) {
        res = PQexec(s->db, ok ? "COMMIT" : "ROLLBACK");
        ok &= exec_accept_result(s, res, true) && PQresultStatus(res) == PGRES_COMMAND_OK;
        exec_clear_or_save(s, res);
    }
    if (s->timing)
        *elapsed_msec += now_msec() - start;
    return ok;
}
