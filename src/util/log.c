#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

static const char *progname = "pgconsole";
static bool terse_mode;
static LogLocusFn locus_fn;
static void *locus_ctx;
static LogGateFn gate_fn;
static void *gate_ctx;
static bool in_gate;

void log_init(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    progname = slash ? slash + 1 : argv0;
}

const char *log_progname(void)
{
    return progname;
}

void log_set_terse(bool terse)
{
    terse_mode = terse;
}

void log_set_locus(LogLocusFn fn, void *ctx)
{
    locus_fn = fn;
    locus_ctx = ctx;
}

void log_set_gate(LogGateFn fn, void *ctx)
{
    gate_fn = fn;
    gate_ctx = ctx;
}

/* the gate may print (what it lets out first goes through here too) but is not asked again meanwhile */
static bool gate_passes(void)
{
    if (!gate_fn || in_gate)
        return true;
    in_gate = true;
    bool pass = gate_fn(gate_ctx);
    in_gate = false;
    return pass;
}

static const char *level_word(LogLevel level)
{
    switch (level) {
    case LOG_WARNING: return "warning: ";
    case LOG_ERROR: return "error: ";
    case LOG_FATAL: return "fatal: ";
    case LOG_HINT: return "hint: ";
    case LOG_DETAIL: return "detail: ";
    case LOG_INFO: break;
    }
    return "";
}

static void emit(LogLevel level, bool prefixed, const char *file, unsigned long line, const char *fmt, va_list ap)
{
    StrBuf out = STRBUF_INIT;
    if (prefixed) {
        sb_append(&out, progname);
        sb_append_char(&out, ':');
        if (file) {
            sb_printf(&out, "%s:", file);
            if (line > 0)
                sb_printf(&out, "%lu:", line);
        }
        sb_append_char(&out, ' ');
        sb_append(&out, level_word(level));
    }
    sb_vprintf(&out, fmt, ap);
    if (out.len == 0 || out.data[out.len - 1] != '\n')
        sb_append_char(&out, '\n');
    /* keep stdout and stderr in order when both go to the same file */
    fflush(stdout);
    fwrite(out.data, 1, out.len, stderr);
    fflush(stderr);
    sb_free(&out);
}

void log_msg(LogLevel level, const char *fmt, ...)
{
    if (!gate_passes())
        return;
    const char *file = NULL;
    unsigned long line = 0;
    if (locus_fn)
        locus_fn(locus_ctx, &file, &line);
    va_list ap;
    va_start(ap, fmt);
    emit(level, !terse_mode || file, file, line, fmt, ap);
    va_end(ap);
}

void log_prefixed(LogLevel level, const char *fmt, ...)
{
    if (!gate_passes())
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(level, true, NULL, 0, fmt, ap);
    va_end(ap);
}
