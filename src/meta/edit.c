/*
 * The editor commands (\e, \ef, \ev) and the definition viewers (\sf, \sv) that
 * share their catalog look-ups, plus \s (history).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "exec/query.h"
#include "meta/commands.h"
#include "print/pager.h"
#include "session/frontend.h"
#include "sql/identifier.h"
#include "util/log.h"
#include "util/paths.h"
#include "util/safefile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

typedef enum ObjectKind { OBJ_FUNCTION, OBJ_VIEW } ObjectKind;

/* ---- running the editor ---- */

static bool run_editor(const char *file, int lineno)
{
    const char *editor = getenv("PSQL_EDITOR");
    if (!editor)
        editor = getenv("EDITOR");
    if (!editor)
        editor = getenv("VISUAL");
    if (!editor)
        editor = "vi";
    const char *line_arg = NULL;
    if (lineno > 0) {
        line_arg = getenv("PSQL_EDITOR_LINENUMBER_ARG");
        if (!line_arg)
            line_arg = "+";
    }
    /* EDITOR may carry switches ("pico -t"), so it is given to the shell unquoted, as psql does */
    char *cmd = lineno > 0 ? xasprintf("exec %s %s%d '%s'", editor, line_arg, lineno, file)
                           : xasprintf("exec %s '%s'", editor, file);
    fflush(NULL);
    int rc = system(cmd);
    free(cmd);
    if (rc == -1)
        log_error("could not start editor \"%s\"", editor);
    else if (rc == 127)
        log_error("could not start /bin/sh");
    return rc == 0;
}

static bool write_temp_file(StrBuf *buf, char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!fp) {
        log_error("could not open temporary file \"%s\": %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    if (buf->len > 0 && buf->data[buf->len - 1] != '\n')
        sb_append_char(buf, '\n');
    bool ok = fwrite(sb_str(buf), 1, buf->len, fp) == buf->len;
    ok = fclose(fp) == 0 && ok;
    if (!ok) {
        log_error("%s: %s", path, strerror(errno));
        remove(path);
        return false;
    }
    /* a modification within the same second must still be seen as one */
    struct utimbuf past = {time(NULL) - 2, time(NULL) - 2};
    utime(path, &past);
    return true;
}

static bool read_back(const char *path, StrBuf *buf)
{
    size_t len;
    char *data = safefile_read(path, &len);
    if (!data) {
        log_error("%s: %s", path, strerror(errno));
        sb_reset(buf);
        return false;
    }
    sb_reset(buf);
    sb_append_n(buf, data, len);
    free(data);
    return true;
}

/* psql's do_edit: edits file (or buf through a temporary file); *edited tells whether anything changed */
static bool edit_buffer(const char *file, StrBuf *buf, int lineno, bool discard_on_quit, bool *edited)
{
    char temp[4096];
    const char *path = file;
    if (!file) {
        const char *tmpdir = getenv("TMPDIR");
        snprintf(temp, sizeof(temp), "%s/psql.edit.%d.sql", tmpdir ? tmpdir : "/tmp", (int)getpid());
        path = temp;
        if (!write_temp_file(buf, temp))
            return false;
    }
    struct stat before, after;
    bool ok = stat(path, &before) == 0;
    if (!ok)
        log_error("%s: %s", path, strerror(errno));
    ok = ok && run_editor(path, lineno);
    if (ok && stat(path, &after) != 0) {
        log_error("%s: %s", path, strerror(errno));
        ok = false;
    }
    if (ok && (before.st_size != after.st_size || before.st_mtime != after.st_mtime)) {
        ok = read_back(path, buf);
        if (ok && edited)
            *edited = true;
    } else if (ok && discard_on_quit) {
        sb_reset(buf);
    }
    if (!file && remove(path) != 0) {
        log_error("%s: %s", path, strerror(errno));
        ok = false;
    }
    return ok;
}

static MetaResult cmd_edit(MetaContext *ctx)
{
    if (!ctx->query_buf) {
        log_error("no query buffer");
        return META_ERROR;
    }
    char *file = meta_arg(ctx, OT_NORMAL, NULL, true);
    char *ln = file ? meta_arg(ctx, OT_NORMAL, NULL, true) : NULL;
    if (file && !ln && file[0] && strspn(file, "0123456789") == strlen(file)) {
        ln = file;      /* a lone number is a line number */
        file = NULL;
    }
    int lineno = -1;
    MetaResult r = META_NEWEDIT;
    if (ln && (lineno = atoi(ln)) < 1) {
        log_error("invalid line number: %s", ln);
        r = META_ERROR;
    }
    if (r != META_ERROR) {
        char *path = file ? path_expand_tilde(file) : NULL;
        bool discard = true;
        if (path)
            path_canonicalize(path);
        else if (ctx->query_buf->len == 0 && ctx->previous_buf && ctx->previous_buf->len > 0)
            sb_append(ctx->query_buf, sb_str(ctx->previous_buf));
        else
            discard = false;
        if (!edit_buffer(path, ctx->query_buf, lineno, discard, NULL))
            r = META_ERROR;
        free(path);
    }
    free(file);
    free(ln);
    return r;
}

/* ---- functions and views ---- */

static void minimal_error(const PGresult *res)
{
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    log_error("%s:  %s\n", sev ? sev : "ERROR", msg ? msg : "(not available)");
}

/* shows an internal query when ECHO_HIDDEN asks; false when it must not run (noexec) */
static bool echo_hidden(Session *s, const char *sql)
{
    if (s->echo_hidden == HIDDEN_OFF)
        return true;
    printf("********* QUERY **********\n%s\n**************************\n\n", sql);
    fflush(stdout);
    if (s->log_file)
        fprintf(s->log_file, "********* QUERY **********\n%s\n**************************\n\n", sql);
    return s->echo_hidden != HIDDEN_NOEXEC;
}

/* runs a one-row catalog query; NULL after reporting */
static PGresult *one_row(Session *s, const char *sql)
{
    if (!echo_hidden(s, sql))
        return NULL;
    PGresult *res = PQexec(s->db, sql);
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
        return res;
    minimal_error(res);
    PQclear(res);
    return NULL;
}

static bool lookup_oid(Session *s, ObjectKind kind, const char *desc, Oid *oid)
{
    char *lit = PQescapeLiteral(s->db, desc, strlen(desc));
    if (!lit) {
        log_info("%s", PQerrorMessage(s->db));
        return false;
    }
    const char *cast = kind == OBJ_VIEW ? "regclass" : strchr(desc, '(') ? "regprocedure" : "regproc";
    char *sql = xasprintf("SELECT %s::pg_catalog.%s::pg_catalog.oid", lit, cast);
    PQfreemem(lit);
    PGresult *res = one_row(s, sql);
    free(sql);
    if (!res)
        return false;
    *oid = (Oid)strtoul(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return true;
}

/* one element of a text[] literal such as {a=1,"b=x y"}; returns where the next one starts */
static const char *array_element(const char *p, StrBuf *out)
{
    sb_reset(out);
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1])
                p++;
            sb_append_char(out, *p);
        }
        if (*p == '"')
            p++;
    } else {
        while (*p && *p != ',' && *p != '}')
            sb_append_char(out, *p++);
    }
    return *p == ',' ? p + 1 : p;
}

/* reloptions as "name=value, ..." with values quoted unless they are plain identifiers */
static void append_reloptions(Session *s, StrBuf *buf, const char *array)
{
    StrBuf item = STRBUF_INIT;
    bool first = true;
    for (const char *p = array + 1; *p && *p != '}';) {
        p = array_element(p, &item);
        char *eq = strchr(item.data ? item.data : "", '=');
        if (!eq)
            continue;
        *eq = '\0';
        char *name = sql_quote_ident(item.data), *value = sql_quote_ident(eq + 1);
        sb_printf(buf, "%s%s=", first ? "" : ", ", name);
        if (strcmp(value, eq + 1) == 0) {
            sb_append(buf, value);
        } else {
            char *lit = PQescapeLiteral(s->db, eq + 1, strlen(eq + 1));
            sb_append(buf, lit ? lit : "''");
            PQfreemem(lit);
        }
        first = false;
        free(name);
        free(value);
    }
    sb_free(&item);
}

static bool view_definition(Session *s, Oid oid, StrBuf *buf)
{
    char *sql = xasprintf(
        "SELECT nspname, relname, relkind, pg_catalog.pg_get_viewdef(c.oid, true), "
        "pg_catalog.array_remove(pg_catalog.array_remove(c.reloptions,'check_option=local'),"
        "'check_option=cascaded') AS reloptions, "
        "CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'::text "
        "WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'::text ELSE NULL END AS checkoption "
        "FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid "
        "WHERE c.oid = %u",
        oid);
    PGresult *res = one_row(s, sql);
    free(sql);
    if (!res)
        return false;
    bool ok = PQgetvalue(res, 0, 2)[0] == 'v';
    if (!ok)
        log_error("\"%s.%s\" is not a view", PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
    char *nsp = sql_quote_ident(PQgetvalue(res, 0, 0)), *rel = sql_quote_ident(PQgetvalue(res, 0, 1));
    sb_reset(buf);
    sb_printf(buf, "CREATE OR REPLACE VIEW %s.%s", nsp, rel);
    const char *relopts = PQgetvalue(res, 0, 4);
    if (strlen(relopts) > 2) {
        sb_append(buf, "\n WITH (");
        append_reloptions(s, buf, relopts);
        sb_append_char(buf, ')');
    }
    sb_printf(buf, " AS\n%s", PQgetvalue(res, 0, 3));
    if (buf->len > 0 && buf->data[buf->len - 1] == ';')
        sb_truncate(buf, buf->len - 1);
    if (!PQgetisnull(res, 0, 5))
        sb_printf(buf, "\n WITH %s CHECK OPTION", PQgetvalue(res, 0, 5));
    free(nsp);
    free(rel);
    PQclear(res);
    return ok;
}

static bool object_definition(Session *s, ObjectKind kind, Oid oid, StrBuf *buf)
{
    bool ok;
    if (kind == OBJ_VIEW) {
        ok = view_definition(s, oid, buf);
    } else {
        char *sql = xasprintf("SELECT pg_catalog.pg_get_functiondef(%u)", oid);
        PGresult *res = one_row(s, sql);
        free(sql);
        ok = res != NULL;
        if (ok) {
            sb_reset(buf);
            sb_append(buf, PQgetvalue(res, 0, 0));
        }
        PQclear(res);
    }
    if (ok && buf->len > 0 && buf->data[buf->len - 1] != '\n')
        sb_append_char(buf, '\n');
    return ok;
}

/* "name 12" → 12 (and name cut), -1 without a line number, 0 after an error */
static int strip_line_number(char *desc)
{
    if (!desc || !*desc)
        return -1;
    char *c = desc + strlen(desc) - 1;
    while (c > desc && isascii((unsigned char)*c) && isspace((unsigned char)*c))
        c--;
    if (c == desc || !isascii((unsigned char)*c) || !isdigit((unsigned char)*c))
        return -1;
    while (c > desc && isascii((unsigned char)*c) && isdigit((unsigned char)*c))
        c--;
    if (c == desc || !isascii((unsigned char)*c) || !(isspace((unsigned char)*c) || *c == ')'))
        return -1;
    c++;
    int lineno = atoi(c);
    if (lineno < 1) {
        log_error("invalid line number: %s", c);
        return 0;
    }
    *c = '\0';
    return lineno;
}

static bool is_body_start(const char *line)
{
    return strncmp(line, "AS ", 3) == 0 || strncmp(line, "BEGIN ", 6) == 0 || strncmp(line, "RETURN ", 7) == 0;
}

/* line 1 of \ef is the first line of the function body */
static int body_relative_line(const char *def, int lineno)
{
    for (const char *p = def; *p && !is_body_start(p); lineno++) {
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return lineno;
}

static MetaResult edit_object(MetaContext *ctx, ObjectKind kind)
{
    char *desc = meta_arg(ctx, OT_WHOLE_LINE, NULL, true);
    MetaResult r = META_SKIP_LINE;
    int lineno = strip_line_number(desc);
    Oid oid;
    if (!ctx->query_buf) {
        log_error("no query buffer");
        r = META_ERROR;
    } else if (lineno == 0) {
        r = META_ERROR;
    } else if (!desc) {
        sb_reset(ctx->query_buf);
        sb_append(ctx->query_buf, kind == OBJ_FUNCTION
                                      ? "CREATE FUNCTION ( )\n RETURNS \n LANGUAGE \n"
                                        " -- common options:  IMMUTABLE  STABLE  STRICT  SECURITY DEFINER\n"
                                        "AS $function$\n\n$function$\n"
                                      : "CREATE VIEW  AS\n SELECT \n  -- something...\n");
    } else if (!lookup_oid(ctx->s, kind, desc, &oid) || !object_definition(ctx->s, kind, oid, ctx->query_buf)) {
        r = META_ERROR;
    } else if (kind == OBJ_FUNCTION && lineno > 0) {
        lineno = body_relative_line(sb_str(ctx->query_buf), lineno);
    }
    if (r != META_ERROR) {
        bool edited = false;
        if (!edit_buffer(NULL, ctx->query_buf, lineno, true, &edited))
            r = META_ERROR;
        else if (!edited)
            puts("No changes");
        else
            r = META_NEWEDIT;
    }
    free(desc);
    return r;
}

static MetaResult cmd_edit_function(MetaContext *ctx)
{
    return edit_object(ctx, OBJ_FUNCTION);
}

static MetaResult cmd_edit_view(MetaContext *ctx)
{
    return edit_object(ctx, OBJ_VIEW);
}

static void print_numbered(FILE *out, const char *text, bool is_function)
{
    bool in_header = is_function;
    int lineno = 0;
    while (*text) {
        if (in_header && is_body_start(text))
            in_header = false;
        if (!in_header)
            lineno++;
        size_t n = strcspn(text, "\n");
        if (in_header)
            fprintf(out, "        %.*s\n", (int)n, text);
        else
            fprintf(out, "%-7d %.*s\n", lineno, (int)n, text);
        text += n;
        if (*text)
            text++;
    }
}

static MetaResult show_object(MetaContext *ctx, ObjectKind kind)
{
    char *desc = meta_arg(ctx, OT_WHOLE_LINE, NULL, true);
    StrBuf def = STRBUF_INIT;
    MetaResult r = META_SKIP_LINE;
    Oid oid;
    if (!desc) {
        log_error(kind == OBJ_FUNCTION ? "function name is required" : "view name is required");
        r = META_ERROR;
    } else if (!lookup_oid(ctx->s, kind, desc, &oid) || !object_definition(ctx->s, kind, oid, &def)) {
        r = META_ERROR;
    } else {
        long lines = 0;
        for (const char *p = sb_str(&def); *p; p++)
            lines += *p == '\n';
        FILE *pager = ctx->s->query_out == stdout ? pager_open(&ctx->s->popt, ctx->s->query_out, lines) : NULL;
        FILE *out = pager ? pager : ctx->s->query_out;
        if (strchr(ctx->cmd, '+'))
            print_numbered(out, sb_str(&def), kind == OBJ_FUNCTION);
        else
            fputs(sb_str(&def), out);
        pager_close(pager);
    }
    sb_free(&def);
    free(desc);
    return r;
}

static MetaResult cmd_show_function(MetaContext *ctx)
{
    return show_object(ctx, OBJ_FUNCTION);
}

static MetaResult cmd_show_view(MetaContext *ctx)
{
    return show_object(ctx, OBJ_VIEW);
}

static MetaResult cmd_history(MetaContext *ctx)
{
    char *file = meta_arg(ctx, OT_NORMAL, NULL, true);
    char *path = file ? path_expand_tilde(file) : NULL;
    bool ok = true;
    const FrontEnd *fe = ctx->s->frontend;
    if (fe->history_length() < 0) {
        log_error("history is not supported by this installation");
        ok = false;
    } else if (path) {
        FILE *fp = fopen(path, "w");
        if (!fp) {
            log_error("could not save history to file \"%s\": %s", path, strerror(errno));
            ok = false;
        } else {
            fe->history_write(fp);
            fclose(fp);
            chmod(path, 0600);
            if (!ctx->s->quiet)
                printf("Wrote history to file \"%s\".\n", path);
        }
    } else {
        FILE *pager = pager_open(&ctx->s->popt, ctx->s->query_out, fe->history_length());
        fe->history_write(pager ? pager : stdout);
        pager_close(pager);
        putchar('\n');
    }
    free(path);
    free(file);
    return ok ? META_SKIP_LINE : META_ERROR;
}


const MetaCommand meta_edit_commands[] = {
    {"e", cmd_edit, SKIP_OPTIONS, .aliases = {"edit"},
     .help = META_HELP({HELP_QUERY_BUFFER, 1, .usage = "\\e [FILE] [LINE]",
                        .text = "edit the query buffer (or file) with external editor"})},
    {"ef", cmd_edit_function, SKIP_WHOLE_LINE,
     .help = META_HELP({HELP_QUERY_BUFFER, 2, .usage = "\\ef [FUNCNAME [LINE]]",
                        .text = "edit function definition with external editor"})},
    {"ev", cmd_edit_view, SKIP_WHOLE_LINE,
     .help = META_HELP({HELP_QUERY_BUFFER, 3, .usage = "\\ev [VIEWNAME [LINE]]",
                        .text = "edit view definition with external editor"})},
    {"sf", cmd_show_function, SKIP_WHOLE_LINE, .aliases = {"sf+"},
     .help = META_HELP({HELP_INFORMATIONAL, 48, .usage = "\\sf[+]  FUNCNAME",
                        .text = "show a function's definition"})},
    {"sv", cmd_show_view, SKIP_WHOLE_LINE, .aliases = {"sv+"},
     .help = META_HELP({HELP_INFORMATIONAL, 49, .usage = "\\sv[+]  VIEWNAME", .text = "show a view's definition"})},
    {"s", cmd_history, SKIP_OPTIONS,
     .help = META_HELP({HELP_QUERY_BUFFER, 6, .usage = "\\s [FILE]",
                        .text = "display history or save it to file"})},
    {.name = NULL},
};
