/*
 * \stats: the dashboard's container stats (CPU; memory and swap: current, highest,
 * free) and database stats (connections, data size, on-disk size) from the database
 * API's metrics, with a chart of the last hours of CPU and memory when the output is
 * a terminal; on a plain connection, the database stats SQL can give.  The
 * sub-commands (reports, outliers, diagnose) live in the other stats_*.c files.
 */
#include "meta/dashboard/stats.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "exec/query.h"
#include "meta/commands.h"
#include "meta/dashboard/common.h"
#include "meta/dashboard/figures.h"
#include "meta/dashboard/table.h"
#include "print/sparkline.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { HISTORY_HOURS = 3, CHART_MAX_WIDTH = 60, CHART_MIN_WIDTH = 10 };

/* ---- SQL shared by the reports ---- */

static void replace_all(StrBuf *out, const char *text, const char *from, const char *to)
{
    size_t from_len = strlen(from);
    for (const char *hit; (hit = strstr(text, from)) != NULL; text = hit + from_len) {
        sb_append_n(out, text, (size_t)(hit - text));
        sb_append(out, to);
    }
    sb_append(out, text);
}

char *stats_sql(const Session *s, const char *template)
{
    bool plain = dash_plain_numbers(s);
    StrBuf sized = STRBUF_INIT, done = STRBUF_INIT;
    replace_all(&sized, template, "SIZE(", plain ? "pg_catalog.int8(" : "pg_catalog.pg_size_pretty(");
    replace_all(&done, sb_str(&sized), "DURATION(",
                plain ? "pg_catalog.date_part('epoch', " : "pg_catalog.date_trunc('second', ");
    sb_free(&sized);
    return sb_steal(&done);
}

bool stats_print_query(Session *s, const char *template, const char *title, const char *footer)
{
    char *sql = stats_sql(s, template);
    bool ok = dash_print_sql(s, sql, title, footer);
    free(sql);
    return ok;
}

/* ---- metrics from the database API ---- */

typedef struct Metrics {
    double cpu;
    double memory, memory_max, memory_limit;
    double swap, swap_max, swap_limit;
    double disk;
    double data_size, connections, max_connections;
    bool has_cpu, has_memory, has_swap, has_disk, has_database;
} Metrics;

/* a figure under either of the names the documentation gives it */
static bool either(const json_t *obj, const char *name, const char *other, double *out)
{
    return dash_json_number(obj, name, out) || (other && dash_json_number(obj, other, out));
}

static void read_metrics(const json_t *doc, Metrics *m)
{
    memset(m, 0, sizeof *m);
    m->has_cpu = either(doc, "cpu_usage", NULL, &m->cpu);
    json_t *mem = json_object_get(doc, "memory");
    const json_t *from = json_is_object(mem) ? mem : doc;
    m->has_memory = either(from, "memory", "memory_usage", &m->memory) &&
                    either(from, "memory_limit", NULL, &m->memory_limit);
    if (!either(from, "memory_max", "max_memory_usage", &m->memory_max))
        m->memory_max = m->memory;
    m->has_swap = either(from, "swap", "swap_usage", &m->swap) && either(from, "swap_limit", NULL, &m->swap_limit);
    if (!either(from, "swap_max", "max_swap_usage", &m->swap_max))
        m->swap_max = m->swap;
    m->has_disk = either(doc, "real_disk_size", NULL, &m->disk);
    json_t *db = json_object_get(doc, "database_stats");
    m->has_database = either(db, "data_size", NULL, &m->data_size) &&
                      either(db, "current_connections", NULL, &m->connections) &&
                      either(db, "max_connections", NULL, &m->max_connections);
}

static char *number_text(double v)
{
    return xasprintf("%.0f", v);
}

static void add_usage_row(DashTable *t, const Session *s, const char *name, double current, double highest,
                          double limit)
{
    dash_table_add_copy(t, name);
    dash_table_add(t, dash_bytes(s, current));
    dash_table_add(t, dash_bytes(s, highest));
    dash_table_add(t, dash_bytes(s, limit > current ? limit - current : 0));
    dash_table_add(t, dash_bytes(s, limit));
}

static void print_container_stats(Session *s, const Metrics *m)
{
    static const char *const headers[] = {"Resource", "Current", "Highest", "Free", "Limit"};
    DashTable t;
    dash_table_init(&t, 5, headers);
    for (int col = 1; col < 5; col++)
        dash_table_numeric(&t, col);
    if (m->has_cpu) {
        dash_table_add_copy(&t, "CPU");
        dash_table_add(&t, dash_percent(s, m->cpu));
        for (int col = 2; col < 5; col++)
            dash_table_add(&t, NULL);
    }
    if (m->has_memory)
        add_usage_row(&t, s, "Memory", m->memory, m->memory_max, m->memory_limit);
    if (m->has_swap)
        add_usage_row(&t, s, "Swap", m->swap, m->swap_max, m->swap_limit);
    dash_table_footer(&t, xstrdup("Highest: since the database started."));
    ListingPrint spec = {.title = "Container stats", .no_default_footer = true};
    dash_table_print(s, &t, &spec);
    dash_table_free(&t);
}

static void print_database_stats(Session *s, const Metrics *m)
{
    static const char *const headers[] = {"Connections", "Max connections", "Data size", "On-disk size"};
    DashTable t;
    dash_table_init(&t, 4, headers);
    for (int col = 0; col < 4; col++)
        dash_table_numeric(&t, col);
    dash_table_add(&t, m->has_database ? number_text(m->connections) : NULL);
    dash_table_add(&t, m->has_database ? number_text(m->max_connections) : NULL);
    dash_table_add(&t, m->has_database ? dash_bytes(s, m->data_size) : NULL);
    dash_table_add(&t, m->has_disk ? dash_bytes(s, m->disk) : NULL);
    ListingPrint spec = {.title = "Database stats", .no_default_footer = true};
    dash_table_print(s, &t, &spec);
    dash_table_free(&t);
}

/* ---- charts ---- */

/* the values of a history answer: a list of {time, value} (or an object holding one) */
static size_t history_values(const json_t *doc, double **values)
{
    const json_t *points = doc;
    if (json_is_object(doc)) {
        const char *key;
        json_t *v;
        points = NULL;
        json_object_foreach((json_t *)doc, key, v) {
            if (!points && json_is_array(v))
                points = v;
        }
    }
    size_t n = 0, i;
    json_t *point;
    *values = xcalloc(json_array_size(points) + 1, sizeof **values);
    json_array_foreach(points, i, point) {
        double v;
        if (dash_json_number(point, "value", &v) || (json_is_number(point) && (v = json_number_value(point), 1)))
            (*values)[n++] = v;
    }
    return n;
}

/* the values of a history; false (after one line) when the API failed */
static bool fetch_history(DbApi *db, const char *kind, double **values, size_t *n)
{
    char *path = xasprintf("/metrics/%s?since=%d", kind, HISTORY_HOURS);
    json_t *doc = dash_call(db, "stats", "GET", path, NULL, true);
    free(path);
    *n = doc ? history_values(doc, values) : 0;
    if (!doc)
        *values = NULL;
    json_decref(doc);
    return doc != NULL;
}

static int terminal_columns(FILE *out)
{
    struct winsize ws;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

static void print_chart_line(FILE *out, const char *label, const double *values, size_t n, double high,
                             size_t width, const char *unit_note)
{
    double peak = 0;
    for (size_t i = 0; i < n; i++)
        peak = values[i] > peak ? values[i] : peak;
    bool unicode = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    char *line = sparkline(values, n, width, 0, high, unicode);
    fprintf(out, "%-7s %s  now %.1f %%, peak %.1f %%%s\n", label, line, values[n - 1], peak, unit_note);
    free(line);
}

/* the charts go to a terminal only, in the formats meant for reading */
static bool wants_charts(const Session *s)
{
    PrintFormat f = s->popt.format;
    return (f == PRINT_ALIGNED || f == PRINT_WRAPPED) && !s->popt.tuples_only && isatty(fileno(s->query_out));
}

typedef struct History {
    double *cpu, *memory;       /* memory in percent of the plan's */
    size_t ncpu, nmemory;
    bool failed;                /* already said in one line */
} History;

static void fetch_charts(DbApi *db, const Metrics *m, History *h)
{
    h->failed = !fetch_history(db, "cpu", &h->cpu, &h->ncpu);
    if (!h->failed && m->has_memory && m->memory_limit > 0)
        h->failed = !fetch_history(db, "memory", &h->memory, &h->nmemory);
    for (size_t i = 0; i < h->nmemory; i++)
        h->memory[i] = 100 * h->memory[i] / m->memory_limit;
}

static void print_charts(Session *s, const History *h)
{
    FILE *out = s->query_out;
    int width = terminal_columns(out) - 40;
    width = width > CHART_MAX_WIDTH ? CHART_MAX_WIDTH : width < CHART_MIN_WIDTH ? CHART_MIN_WIDTH : width;
    if (h->failed)
        return;
    if (h->ncpu < 2 && h->nmemory < 2) {
        fprintf(out, "No metrics history yet for a chart.\n\n");
        return;
    }
    fprintf(out, "Last %d hours:\n", HISTORY_HOURS);
    if (h->ncpu >= 2)
        print_chart_line(out, "CPU", h->cpu, h->ncpu, 100, (size_t)width, "");
    if (h->nmemory >= 2)
        print_chart_line(out, "Memory", h->memory, h->nmemory, 100, (size_t)width, " of the plan");
    fputc('\n', out);
}

static bool overview_from_api(Session *s, DbApi *db)
{
    DashProgress progress;
    dash_progress_begin(&progress);
    dash_progress_show(&progress, "waiting for the Scalingo API (metrics)...");
    json_t *doc = dash_call(db, "stats", "GET", "/metrics", NULL, true);
    Metrics m;
    if (doc)
        read_metrics(doc, &m);
    json_decref(doc);
    History h = {0};
    bool charts = doc && wants_charts(s);
    if (charts) {
        dash_progress_show(&progress, "waiting for the Scalingo API (metrics history)...");
        fetch_charts(db, &m, &h);
    }
    /* the progress line goes before anything is printed */
    dash_progress_end(&progress);
    if (!doc)
        return false;
    print_container_stats(s, &m);
    print_database_stats(s, &m);
    if (charts)
        print_charts(s, &h);
    free(h.cpu);
    free(h.memory);
    return true;
}

static const char overview_sql[] =
    "SELECT (SELECT pg_catalog.count(*) FROM pg_catalog.pg_stat_activity\n"
    "        WHERE datname = pg_catalog.current_database()) AS \"Connections\",\n"
    "       pg_catalog.current_setting('max_connections')::integer AS \"Max connections\",\n"
    "       SIZE(pg_catalog.pg_database_size(pg_catalog.current_database())) AS \"Data size\"";

static bool overview_from_sql(Session *s)
{
    if (!dash_require_sql(s, "stats", 90200))
        return false;
    return stats_print_query(s, overview_sql, "Database stats",
                             "Container stats (CPU, memory, swap), the on-disk size and the charts come from the "
                             "Scalingo API: open the console with --app APP.");
}

static MetaResult cmd_stats(MetaContext *ctx)
{
    Session *s = ctx->s;
    char *name = meta_arg(ctx, OT_NORMAL, NULL, true);
    if (name && strcmp(name, "help") == 0) {
        free(name);
        return dash_print_help(ctx, "stats");
    }
    char *part = name ? meta_arg(ctx, OT_NORMAL, NULL, true) : NULL;
    bool ok, known = true;
    if (!name)
        ok = dash_on_addon_database(s) ? overview_from_api(s, dash_api(s)) : overview_from_sql(s);
    else if (strcmp(name, "outliers") == 0)
        ok = stats_outliers(s, part);
    else if (strcmp(name, "diagnose") == 0)
        ok = stats_diagnose(s);
    else
        ok = stats_report(s, name, part, &known);
    if (!known)
        log_error("\\stats: unknown report \"%s\": %s, outliers or diagnose", name, stats_report_names());
    free(name);
    free(part);
    return ok ? META_SKIP_LINE : META_ERROR;
}

const MetaCommand meta_stats_commands[] = {
    {"stats", cmd_stats, SKIP_OPTIONS,
     .help = META_HELP({HELP_DASHBOARD, 30, .usage = "\\stats",
                        .text = "container and database stats (charts on a terminal)"},
                       {HELP_DASHBOARD, 31, .usage = "\\stats cache|tables|bloat|vacuum",
                        .text = "cache hit ratios, table sizes and rows, estimated\n"
                                "bloat, vacuum and autovacuum state",
                        .below = true},
                       {HELP_DASHBOARD, 32, .usage = "\\stats indexes [usage|unused|duplicate]",
                        .text = "index use, unused and duplicate indexes", .below = true},
                       {HELP_DASHBOARD, 33, .usage = "\\stats locks|blocking",
                        .text = "locks held and awaited, queries blocking others"},
                       {HELP_DASHBOARD, 34, .usage = "\\stats outliers [enable|reset]",
                        .text = "the statements taking the most time\n(pg_stat_statements)",
                        .below = true},
                       {HELP_DASHBOARD, 35, .usage = "\\stats diagnose",
                        .text = "a red/yellow/green check of the database"})},
    {.name = NULL},
};
