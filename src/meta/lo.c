/*
 * Large objects: \lo_import, \lo_export, \lo_unlink and \lo_list.  Each runs in
 * the current transaction, or in one of its own that it commits (only when
 * AUTOCOMMIT is on, as psql does).
 */
#include <libpq/libpq-fs.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "exec/cancel.h"
#include "exec/query.h"
#include "meta/commands.h"
#include "meta/describe/databases.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static bool start_transaction(Session *s, const char *operation, bool *own)
{
    *own = false;
    if (!s->db) {
        log_error("%s: not connected to a database", operation);
        return false;
    }
    switch (PQtransactionStatus(s->db)) {
    case PQTRANS_IDLE: {
        PGresult *res = exec_internal(s, "BEGIN");
        if (!res)
            return false;
        PQclear(res);
        *own = true;
        return true;
    }
    case PQTRANS_INTRANS:
        return true;
    case PQTRANS_INERROR:
        log_error("%s: current transaction is aborted", operation);
        return false;
    default:
        log_error("%s: unknown transaction status", operation);
        return false;
    }
}

static bool finish_transaction(Session *s, bool own)
{
    if (!own || !s->autocommit)
        return true;
    PGresult *res = exec_internal(s, "COMMIT");
    if (!res) {
        PQclear(exec_internal(s, "ROLLBACK"));
        return false;
    }
    PQclear(res);
    return true;
}

static bool fail_transaction(Session *s, bool own)
{
    if (own && s->autocommit)
        PQclear(exec_internal(s, "ROLLBACK"));
    return false;
}

static void print_lo_result(Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void print_lo_result(Session *s, const char *fmt, ...)
{
    va_list ap;
    if (!s->quiet) {
        bool html = s->popt.format == PRINT_HTML;
        if (html)
            fputs("<p>", s->query_out);
        va_start(ap, fmt);
        vfprintf(s->query_out, fmt, ap);
        va_end(ap);
        fputs(html ? "</p>\n" : "\n", s->query_out);
    }
    if (s->log_file) {
        va_start(ap, fmt);
        vfprintf(s->log_file, fmt, ap);
        va_end(ap);
        fputc('\n', s->log_file);
    }
}

static Oid parse_oid(const char *text)
{
    return (Oid)strtoul(text ? text : "0", NULL, 10);
}

static bool lo_export_file(Session *s, const char *loid, const char *file)
{
    bool own;
    if (!start_transaction(s, "\\lo_export", &own))
        return false;
    cancel_reset_conn();
    if (lo_export(s->db, parse_oid(loid), file) != 1) {
        log_info("%s", PQerrorMessage(s->db));
        return fail_transaction(s, own);
    }
    if (!finish_transaction(s, own))
        return false;
    print_lo_result(s, "lo_export");
    return true;
}

static bool set_comment(Session *s, Oid loid, const char *comment)
{
    char *literal = PQescapeLiteral(s->db, comment, strlen(comment));
    if (!literal) {
        log_info("%s", PQerrorMessage(s->db));
        return false;
    }
    char *sql = xasprintf("COMMENT ON LARGE OBJECT %u IS %s", loid, literal);
    PQfreemem(literal);
    PGresult *res = exec_internal(s, sql);
    free(sql);
    PQclear(res);
    return res != NULL;
}

static bool lo_import_file(Session *s, const char *file, const char *comment)
{
    bool own;
    if (!start_transaction(s, "\\lo_import", &own))
        return false;
    cancel_reset_conn();
    Oid loid = lo_import(s->db, file);
    if (loid == InvalidOid) {
        log_info("%s", PQerrorMessage(s->db));
        return fail_transaction(s, own);
    }
    if (comment && !set_comment(s, loid, comment))
        return fail_transaction(s, own);
    if (!finish_transaction(s, own))
        return false;
    print_lo_result(s, "lo_import %u", loid);
    char buf[32];
    snprintf(buf, sizeof(buf), "%u", loid);
    vars_set(s->vars, "LASTOID", buf);
    return true;
}

static bool lo_unlink_object(Session *s, const char *arg)
{
    bool own;
    Oid loid = parse_oid(arg);
    if (!start_transaction(s, "\\lo_unlink", &own))
        return false;
    cancel_reset_conn();
    if (lo_unlink(s->db, loid) == -1) {
        log_info("%s", PQerrorMessage(s->db));
        return fail_transaction(s, own);
    }
    if (!finish_transaction(s, own))
        return false;
    print_lo_result(s, "lo_unlink %u", loid);
    return true;
}

static bool missing(const MetaContext *ctx)
{
    log_error("\\%s: missing required argument", ctx->cmd);
    return false;
}

static MetaResult cmd_lo(MetaContext *ctx)
{
    Session *s = ctx->s;
    char *opt1 = meta_arg(ctx, OT_NORMAL, NULL, true);
    char *opt2 = meta_arg(ctx, OT_NORMAL, NULL, true);
    const char *sub = ctx->cmd + 3;
    MetaResult r = META_SKIP_LINE;
    bool ok = true;
    if (strcmp(sub, "export") == 0) {
        char *file = opt2 ? path_expand_tilde(opt2) : NULL;
        ok = file ? lo_export_file(s, opt1, file) : missing(ctx);
        free(file);
    } else if (strcmp(sub, "import") == 0) {
        char *file = opt1 ? path_expand_tilde(opt1) : NULL;
        ok = file ? lo_import_file(s, file, opt2) : missing(ctx);
        free(file);
    } else if (strcmp(sub, "list") == 0 || strcmp(sub, "list+") == 0) {
        ok = describe_large_objects(s, sub[4] == '+');
    } else if (strcmp(sub, "unlink") == 0) {
        ok = opt1 ? lo_unlink_object(s, opt1) : missing(ctx);
    } else {
        r = META_UNKNOWN;
    }
    free(opt1);
    free(opt2);
    return ok ? r : META_ERROR;
}


const MetaCommand meta_lo_commands[] = {
    {"lo_", cmd_lo, SKIP_OPTIONS, .prefix = true},
    {"lo_export", cmd_lo, SKIP_OPTIONS,
     .help = META_HELP({HELP_LARGE_OBJECTS, 1, .usage = "\\lo_export LOBOID FILE",
                        .text = "write large object to file"})},
    {"lo_import", cmd_lo, SKIP_OPTIONS,
     .help = META_HELP({HELP_LARGE_OBJECTS, 2, .usage = "\\lo_import FILE [COMMENT]",
                        .text = "read large object from file", .below = true})},
    {"lo_list", cmd_lo, SKIP_OPTIONS,
     .help = META_HELP({HELP_LARGE_OBJECTS, 3, .usage = "\\lo_list[+]", .text = "list large objects"})},
    {"lo_unlink", cmd_lo, SKIP_OPTIONS,
     .help = META_HELP({HELP_LARGE_OBJECTS, 4, .usage = "\\lo_unlink LOBOID", .text = "delete a large object"})},
    {.name = NULL},
};
