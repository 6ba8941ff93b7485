#include "print/pager.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "print/printer.h"
#include "util/pipes.h"

static bool terminal_session(FILE *out)
{
    return out == stdout && isatty(fileno(stdin)) && isatty(fileno(stdout));
}

/* COLUMNS as it was when we started (libedit may change it later), else the terminal's width */
static int screen_columns(void)
{
    static int env_columns = -1;
    if (env_columns < 0) {
        const char *c = getenv("COLUMNS");
        env_columns = c ? atoi(c) : 0;
    }
    if (env_columns > 0)
        return env_columns;
    struct winsize ws;
    if (ioctl(fileno(stdout), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

/* the terminal's height, or -1 when it cannot be told */
static int screen_rows(void)
{
    struct winsize ws;
    return ioctl(fileno(stdout), TIOCGWINSZ, &ws) == 0 ? ws.ws_row : -1;
}

int pager_term_columns(FILE *out, bool to_pager)
{
    return (to_pager || (out == stdout && isatty(fileno(stdout)))) ? screen_columns() : 0;
}

bool pager_needed(const PrintOptions *popt, long lines, int rows)
{
    if (popt->pager == PAGER_OFF)
        return false;
    /* without a known height, any output may be too tall; ">=" leaves room for the prompt line */
    return popt->pager == PAGER_ALWAYS || rows < 0 || (lines >= rows && lines >= popt->pager_min_lines);
}

bool pager_applies(const PrintOptions *popt, FILE *out)
{
    return popt->pager != PAGER_OFF && popt->format != PRINT_NOTHING && terminal_session(out);
}

bool pager_wanted(const PrintOptions *popt, FILE *out, long lines)
{
    return pager_applies(popt, out) && pager_needed(popt, lines, screen_rows());
}

FILE *pager_open(const PrintOptions *popt, FILE *out, long lines)
{
    if (!terminal_session(out) || !pager_needed(popt, lines, screen_rows()))
        return NULL;
    const char *program = getenv("PSQL_PAGER");
    if (!program)
        program = getenv("PAGER");
    if (!program)
        program = "more";
    else if (strspn(program, " \t\r\n") == strlen(program))
        return NULL;
    return pipe_open_writer(program);
}

void pager_close(FILE *pager)
{
    if (pager)
        pipe_close_writer(pager);
}

void pager_print_table(const PrintTable *t, const PrintOptions *opt, FILE *out)
{
    int columns = pager_term_columns(out, false);
    FILE *pager = NULL;
    if (opt->pager != PAGER_OFF && terminal_session(out) && opt->format != PRINT_NOTHING)
        pager = pager_open(opt, out, print_estimate_lines_width(t, opt, columns));
    print_table(t, opt, pager ? pager : out, columns);
    pager_close(pager);
}
