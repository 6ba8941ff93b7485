/*
 * Running SQL: the user's statements (with psql's AUTOCOMMIT, ON_ERROR_ROLLBACK,
 * FETCH_COUNT, \g-family and COPY handling) and the console's own internal queries.
 */
#ifndef PGC_QUERY_H
#define PGC_QUERY_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "session/session.h"

/* psql's SendQuery: runs a statement string and prints its results; false on any error */
bool exec_send_query(Session *s, const char *query);

/* what SendQuery does before sending a statement: the -e echo and the -L log */
void exec_echo_query(Session *s, const char *query);

struct ResultStream;
/* a statement sent earlier (exec/pipeline.c), once its results are at the head of what comes back */
typedef struct SentQuery {
    const char *text;
    /* opened when the statement's results were next to come; ends them with one NULL */
    struct ResultStream *results;
    /*
     * Called once the statement's own results have come, before the last is printed: what
     * its commit reported (errors, taken by the caller, in an array that stays the callee's),
     * and their count in *count.
     */
    PGresult **(*commit)(void *ctx, int *count);
    void *commit_ctx;
    double started_msec;    /* when it began to run, for \timing */
    double done_msec;       /* set: when it and its commit were done */
} SentQuery;
/*
 * The end of a statement sent earlier: its results (none when the connection failed first)
 * printed and accounted as SendQuery does, streamed as SendQuery streams them, unless its
 * commit failed; then the timing, encoding and notifications; false when it failed.
 */
bool exec_finish_sent_query(Session *s, SentQuery *q);

/* one round of \watch: >0 success, 0 cancelled, <0 failure (result variables untouched) */
int exec_watch_query(Session *s, const char *query);

/* psql's PSQLexec: an internal query, shown first when ECHO_HIDDEN is set; NULL after reporting an error */
PGresult *exec_internal(Session *s, const char *query);

/* false (after reporting) when the result is an error or an unexpected status */
bool exec_accept_result(Session *s, const PGresult *res, bool show_error);
/* keeps error results for \errverbose, frees the others */
void exec_clear_or_save(Session *s, PGresult *res);
/* ERROR, SQLSTATE, ROW_COUNT and LAST_ERROR_* */
void exec_set_result_variables(Session *s, const PGresult *res, bool success);
/* false when the connection is gone (and, when not interactive, exits with code 2) */
bool exec_check_connection(Session *s);
void exec_print_notifications(Session *s);
void exec_print_timing(double elapsed_msec);
/* \gset: the one row of res into variables named prefix + column; false after reporting */
bool exec_store_gset(Session *s, const PGresult *res, const char *prefix);
/* writes a table to the -L log, as psql does (aligned, horizontal) */
struct PrintTable;
void exec_log_table(Session *s, const struct PrintTable *t, const PrintOptions *opt);
/* prints a result set as the current settings say, to out (and to the -L log) */
bool exec_print_tuples(Session *s, const PGresult *res, FILE *out);
/* the same for a result table (its title is set from \pset title); false after reporting a write error */
bool exec_print_table(Session *s, struct PrintTable *t, FILE *out);

/* psql's classification of statements (exported for tests) */
bool exec_command_no_begin(const char *query, int encoding);
bool exec_is_select_command(const char *query, int encoding);

#endif
