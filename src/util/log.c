#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

static const char *progname = "pgconsole";
static bool terse_mode;
static LogLocusFn locus_fn;
static void *locus_ctx;

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

void log_msg(LogLevel level, const char *fmt, ...)
{
    const char *file = NULL;
    unsigned long line = 0;
    if (locus_fn)
        locus_fn(locus_ctx, &file, &line);

    StrBuf out = STRBUF_INIT;
    if (!terse_mode || file) {
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
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&out, fmt, ap);
    va_end(ap);
    if (out.len == 0 || out.data[out.len - 1] != '\n')
        sb_append_char(&out, '\n');

    /* keep stdout and stderr in order when both go to the same file */
    fflush(stdout);
    fwrite(out.data, 1, out.len, stderr);
    fflush(stderr);
    sb_free(&out);
}
