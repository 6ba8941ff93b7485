/*
 * Receiving the results of a statement string, with rows one at a time.
 *
 * After PQsendQuery, libpq is asked for rows one at a time (single-row mode; a
 * libpq with chunked mode sends a few hundred at a time).  Each row result goes
 * into a compact row store (print/rowstore.h) instead of a PGresult that grows, so
 * a result is held in far less memory than psql holds it, and printed from there
 * once its last row has come: formats that need every row first (aligned, and the
 * settings below) get the whole table, exactly as psql prints it.
 *
 * Formats that need no column widths (print_format_streams()) are streamed once
 * the rows held pass a bound (PGCONSOLE_STREAM_THRESHOLD bytes, 8 MiB by default):
 * the rows so far are printed as a first chunk and later rows as they arrive, with
 * memory flat in the row count.  A result that fits under the bound, or that fails
 * before it, prints exactly as psql prints it (nothing of a failed result's rows).
 * A result that fails after streaming began keeps the rows already printed and ends
 * as a FETCH_COUNT result does when a fetch fails: no footer, and in unaligned
 * format no newline after the last row; then the error, as for any failure.
 *
 * Nothing streams when the result must be seen whole: with a -L log (which gets the
 * aligned table), with SHOW_ALL_RESULTS off (only the last result is printed), or
 * while the pager decision for the terminal is still open (few but long rows).
 * \gset, \gexec and \crosstabview get whole PGresults, as before.
 */
#ifndef PGC_RESULT_STREAM_H
#define PGC_RESULT_STREAM_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"

/* the held bytes past which a result streams, unless PGCONSOLE_STREAM_THRESHOLD says otherwise */
#define RSTREAM_DEFAULT_THRESHOLD ((size_t)8 << 20)

/* where this statement's rows are printed: the \g target or the query output; NULL (reported) when it cannot be opened */
typedef FILE *(*RStreamOutput)(void *ctx);

typedef struct ResultStream ResultStream;

/*
 * Call right after PQsendQuery, or in pipeline mode once the statement's results are the
 * next PQgetResult returns (nothing of them read yet).  With whole_results (\gset, \gexec, \crosstabview),
 * results come as libpq builds them.  output is asked for the FILE when streaming
 * begins, and only then.
 */
ResultStream *rstream_open(Session *s, bool whole_results, RStreamOutput output, void *output_ctx);
/* ends a stream still open (its pager too) and frees everything */
void rstream_close(ResultStream *rs);

/*
 * The next result, as PQgetResult gives it, or NULL after the last.  A result
 * received row by row comes back as its final PGRES_TUPLES_OK (no rows of its own,
 * with the command tag) or as the error that ended it; its rows stay in the stream
 * until the next call, for rstream_print_tuples.
 */
PGresult *rstream_next(ResultStream *rs);
/* whether no result follows the one rstream_next returned (reads one result ahead) */
bool rstream_is_last(ResultStream *rs);
/* reads and drops every remaining result (after Ctrl-C) */
void rstream_discard(ResultStream *rs);
/*
 * The result rstream_next returned failed after all (a statement sent in pipeline mode
 * whose commit, at the Sync after it, reported an error): what streaming printed of it
 * stays, ended as a result that fails part way; nothing more of it is printed.
 */
void rstream_fail_result(ResultStream *rs);

/*
 * Prints a PGRES_TUPLES_OK result that rstream_next returned, with the session's
 * settings, to out (and to the -L log): from its held rows, or by finishing the
 * stream already begun.  False (after reporting) when the output failed.
 */
bool rstream_print_tuples(ResultStream *rs, const PGresult *res, FILE *out);

/* the streaming bound: PGCONSOLE_STREAM_THRESHOLD (bytes, for tests and tuning) or the default */
size_t rstream_threshold(void);

#endif
