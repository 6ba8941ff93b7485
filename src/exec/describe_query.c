#include "exec/describe_query.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec/query.h"
#include "print/printer.h"
#include "util/log.h"
#include "util/strbuf.h"

static double now_msec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* SELECT name, format_type(...) FROM (VALUES ...) for the described columns */
static bool build_columns_query(Session *s, const PGresult *desc, StrBuf *sql)
{
    sb_append(sql, "SELECT name AS \"Column\", pg_catalog.format_type(tp, tpm) AS \"Type\"\nFROM (VALUES ");
    for (int i = 0; i < PQnfields(desc); i++) {
        const char *name = PQfname(desc, i);
        char *escaped = PQescapeLiteral(s->db, name, strlen(name));
        if (!escaped) {
            log_info("%s", PQerrorMessage(s->db));
            return false;
        }
        sb_printf(sql, "%s(%s, '%u'::pg_catalog.oid, %d)", i > 0 ? "," : "", escaped, PQftype(desc, i),
                  PQfmod(desc, i));
        PQfreemem(escaped);
    }
    sb_append(sql, ") s(name, tp, tpm)");
    return true;
}

bool describe_query(Session *s, const char *query, double *elapsed_msec)
{
    double start = s->timing ? now_msec() : 0;
    *elapsed_msec = 0;
    /* preparing the unnamed statement parses the query without running it */
    PGresult *res = PQprepare(s->db, "", query, 0, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        log_info("%s", PQerrorMessage(s->db));
        exec_set_result_variables(s, res, false);
        exec_clear_or_save(s, res);
        return false;
    }
    PQclear(res);
    res = PQdescribePrepared(s->db, "");
    bool ok = exec_accept_result(s, res, true) && PQresultStatus(res) == PGRES_COMMAND_OK;
    if (ok && PQnfields(res) > 0) {
        StrBuf sql = STRBUF_INIT;
        bool built = build_columns_query(s, res, &sql);
        PQclear(res);
        res = NULL;
        if (!built) {
            sb_free(&sql);
            return false;
        }
        res = PQexec(s->db, sql.data);
        sb_free(&sql);
        ok = exec_accept_result(s, res, true);
        if (s->timing)
            *elapsed_msec += now_msec() - start;
        if (ok)
            ok = exec_print_tuples(s, res, s->query_out);
    } else if (ok) {
        fprintf(s->query_out, "The command has no result, or the result has no columns.\n");
    }
    exec_set_result_variables(s, res, ok);
    exec_clear_or_save(s, res);
    return ok;
}
