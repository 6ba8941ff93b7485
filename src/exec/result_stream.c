#include "exec/result_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cancel.h"
#include "exec/query.h"
#include "print/pager.h"
#include "print/printer.h"
#include "print/rowstore.h"
#include "util/log.h"
#include "util/xalloc.h"

/* while streaming, rows are printed in chunks of about this size, or sooner when none are waiting */
#define STREAM_CHUNK_BYTES ((size_t)256 << 10)
/* rows per result in libpq's chunked mode, where it has one */
#define CHUNKED_MODE_ROWS 256

struct ResultStream {
    Session *s;
    bool row_mode;              /* libpq sends rows one at a time (or a chunk at a time) */
    bool may_stream;            /* the settings let this statement's rows print as they come */
    size_t threshold;
    RStreamOutput output;
    void *output_ctx;
    PGresult *ahead;            /* the result read by rstream_is_last, for the next rstream_next */

    /* the row result being received or just received */
    PGresult *shape;            /* its first rows' result: the columns */
    RowStore *rows;             /* the rows not printed yet */

    /* a stream under way */
    bool streaming;
    bool discarding;            /* the output failed, its pager quit or Ctrl-C: rows are dropped */
    int write_errno;            /* why the output failed; 0 when it did not */
    FILE *target;               /* where the rows go: the output, or the pager over it */
    FILE *pager;
    PrintOptions popt;          /* the session's, with the chunk fields */
};

size_t rstream_threshold(void)
{
    const char *v = getenv("PGCONSOLE_STREAM_THRESHOLD");
    if (!v || !*v)
        return RSTREAM_DEFAULT_THRESHOLD;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || *end || v[0] == '-')
        return RSTREAM_DEFAULT_THRESHOLD;
    return (size_t)n;
}

/* asks libpq for rows as they come instead of one PGresult at the end */
static bool ask_rows_as_they_come(PGconn *db)
{
#ifdef LIBPQ_HAS_CHUNK_MODE
    return PQsetChunkedRowsMode(db, CHUNKED_MODE_ROWS) == 1;
#else
    return PQsetSingleRowMode(db) == 1;
#endif
}

ResultStream *rstream_open(Session *s, bool whole_results, RStreamOutput output, void *output_ctx)
{
    ResultStream *rs = xcalloc(1, sizeof *rs);
    rs->s = s;
    rs->output = output;
    rs->output_ctx = output_ctx;
    rs->threshold = rstream_threshold();
    rs->row_mode = !whole_results && ask_rows_as_they_come(s->db);
    /* a -L log gets the aligned table, and without SHOW_ALL_RESULTS only the last result prints */
    rs->may_stream = rs->row_mode && !s->log_file && s->show_all_results && print_format_streams(&s->popt);
    return rs;
}

static bool is_row_piece(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
#ifdef LIBPQ_HAS_CHUNK_MODE
    if (st == PGRES_TUPLES_CHUNK)
        return true;
#endif
    return st == PGRES_SINGLE_TUPLE;
}

/* ---------------------------------------------------------------- streaming */

static void end_stream(ResultStream *rs)
{
    if (!rs->streaming)
        return;
    pager_close(rs->pager);
    rs->pager = NULL;
    popt_free(&rs->popt);
    rs->streaming = false;
}

/* prints the rows held as the next chunk of the table, and forgets them */
static void print_chunk(ResultStream *rs, bool last)
{
    if (!rs->discarding) {
        PrintTable t;
        ptable_from_result_rows(&t, rs->shape, rs->rows);
        if (rs->popt.title)
            ptable_set_title(&t, rs->popt.title);
        rs->popt.stop_table = last;
        print_table(&t, &rs->popt, rs->target, pager_term_columns(rs->target, rs->pager != NULL));
        ptable_free(&t);
        if ((fflush(rs->target) != 0 || ferror(rs->target)) && !rs->write_errno)
            rs->write_errno = errno ? errno : EIO;
        /* the printer stops at Ctrl-C; so does the stream, and a pager the user quit ends it too */
        rs->discarding = rs->write_errno != 0 || cancel_was_pressed();
        rs->popt.start_table = false;
        rs->popt.prior_records += (unsigned long)rowstore_rows(rs->rows);
    }
    rowstore_clear(rs->rows);
}

/*
 * Starts printing the rows held, once the pager decision is known: a stream to the
 * terminal takes the pager when the rows so far already need it (more rows never
 * need it less); false, to keep holding, while they do not yet.
 */
static bool begin_stream(ResultStream *rs)
{
    Session *s = rs->s;
    FILE *out = rs->output(rs->output_ctx);
    if (out && pager_applies(&s->popt, out)) {
        long lines = print_estimate_lines_streamed(&s->popt, PQnfields(rs->shape), rowstore_rows(rs->rows));
        if (!pager_wanted(&s->popt, out, lines))
            return false;
        rs->pager = pager_open(&s->popt, out, lines);
    }
    popt_copy(&rs->popt, &s->popt);
    rs->popt.start_table = true;
    rs->popt.stop_table = false;
    rs->popt.prior_records = 0;
    rs->streaming = true;
    rs->discarding = out == NULL;   /* a \g target that failed to open: reported, nothing printed */
    rs->target = rs->pager ? rs->pager : out;
    print_chunk(rs, false);
    return true;
}

/*
 * Whether PQgetResult can return the next piece without waiting.  PQisBusy parses
 * only what libpq has already read, so when it says busy, whatever the socket holds
 * is read (without blocking) before deciding: the rows held are printed only when
 * the server has really paused, not at each end of libpq's buffer.
 */
static bool next_row_is_here(PGconn *db)
{
    if (!PQisBusy(db))
        return true;
    return PQconsumeInput(db) == 1 && !PQisBusy(db);
}

/* after each row received: start streaming past the bound, then print when a chunk is full or the rows pause */
static void stream_rows(ResultStream *rs)
{
    if (!rs->streaming) {
        /* rows without columns print nothing, but their chunks would print record separators */
        if (rowstore_bytes(rs->rows) >= rs->threshold && PQnfields(rs->shape) > 0)
            begin_stream(rs);
        return;
    }
    if (rowstore_rows(rs->rows) == 0)
        return;
    if (rowstore_bytes(rs->rows) >= STREAM_CHUNK_BYTES || !next_row_is_here(rs->s->db))
        print_chunk(rs, false);
}

/* ---------------------------------------------------------------- receiving */

static void forget_rows(ResultStream *rs)
{
    end_stream(rs);
    rs->discarding = false;
    rs->write_errno = 0;
    PQclear(rs->shape);
    rs->shape = NULL;
    rowstore_destroy(rs->rows);
    rs->rows = NULL;
}

static PGresult *take_result(ResultStream *rs)
{
    PGresult *res = rs->ahead;
    rs->ahead = NULL;
    return res ? res : PQgetResult(rs->s->db);
}

/* receives the rest of a row result whose first rows are in first; returns how it ended */
static PGresult *receive_rows(ResultStream *rs, PGresult *first)
{
    rs->shape = first;
    rs->rows = rowstore_create(PQnfields(first));
    rowstore_append_result(rs->rows, first);
    PGresult *res;
    for (;;) {
        if (rs->may_stream)
            stream_rows(rs);
        res = PQgetResult(rs->s->db);
        if (!res || !is_row_piece(res))
            break;
        rowstore_append_result(rs->rows, res);
        PQclear(res);
    }
    if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
        return res;
    rstream_fail_result(rs);
    return res;
}

void rstream_fail_result(ResultStream *rs)
{
    /* what was printed stays, ended as a failed FETCH_COUNT result is; the rest is dropped */
    if (rs->streaming && rs->rows && rowstore_rows(rs->rows) > 0)
        print_chunk(rs, false);
    forget_rows(rs);
}

PGresult *rstream_next(ResultStream *rs)
{
    forget_rows(rs);
    PGresult *res = take_result(rs);
    if (res && is_row_piece(res))
        res = receive_rows(rs, res);
    return res;
}

bool rstream_is_last(ResultStream *rs)
{
    if (!rs->ahead)
        rs->ahead = PQgetResult(rs->s->db);
    return rs->ahead == NULL;
}

void rstream_discard(ResultStream *rs)
{
    forget_rows(rs);
    PGresult *res;
    while ((res = take_result(rs)) != NULL)
        exec_clear_or_save(rs->s, res);
}

void rstream_close(ResultStream *rs)
{
    if (!rs)
        return;
    forget_rows(rs);
    PQclear(rs->ahead);
    free(rs);
}

/* ---------------------------------------------------------------- printing */

static bool finish_stream(ResultStream *rs, FILE *out)
{
    if (rs->rows)
        print_chunk(rs, true);
    bool to_pager = rs->pager != NULL;
    int err = rs->write_errno;
    end_stream(rs);
    /* as for a whole table, a pager that quits is no failure */
    if (!err || to_pager)
        return true;
    if (out != rs->s->watch_pager)
        log_error("could not print result table: %s", strerror(err));
    return false;
}

bool rstream_print_tuples(ResultStream *rs, const PGresult *res, FILE *out)
{
    if (rs->streaming)
        return finish_stream(rs, out);
    if (!rs->rows)
        return exec_print_tuples(rs->s, res, out);
    PrintTable t;
    ptable_from_result_rows(&t, res, rs->rows);
    bool ok = exec_print_table(rs->s, &t, out);
    ptable_free(&t);
    return ok;
}
