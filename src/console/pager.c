#include "console/pager.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "print/printer.h"

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

int pager_term_columns(FILE *out, bool to_pager)
{
    return (to_pager || (out == stdout && isatty(fileno(stdout)))) ? screen_columns() : 0;
}

FILE *pager_open(Session *s, long lines)
{
    return pager_open_for(&s->popt, s->query_out, lines);
}

FILE *pager_open_for(const PrintOptions *popt, FILE *out, long lines)
{
    if (popt->pager == PAGER_OFF || !terminal_session(out))
        return NULL;
    struct winsize ws;
    bool sized = ioctl(fileno(stdout), TIOCGWINSZ, &ws) == 0;
    /* ">=" leaves room for the prompt line */
    if (sized && popt->pager != PAGER_ALWAYS && !(lines >= ws.ws_row && lines >= popt->pager_min_lines))
        return NULL;
    const char *program = getenv("PSQL_PAGER");
    if (!program)
        program = getenv("PAGER");
    if (!program)
        program = "more";
    else if (strspn(program, " \t\r\n") == strlen(program))
        return NULL;
    fflush(NULL);
    signal(SIGPIPE, SIG_IGN);
    FILE *pager = popen(program, "w");
    if (!pager)
        signal(SIGPIPE, SIG_DFL);
    return pager;
}

void pager_close(FILE *pager)
{
    if (!pager)
        return;
    pclose(pager);
    signal(SIGPIPE, SIG_DFL);
}

void pager_print_table(Session *s, const PrintTable *t, const PrintOptions *opt, FILE *out)
{
    int columns = pager_term_columns(out, false);
    FILE *pager = NULL;
    if (opt->pager != PAGER_OFF && terminal_session(out) && opt->format != PRINT_NOTHING)
        pager = pager_open(s, print_estimate_lines_width(t, opt, columns));
    print_table(t, opt, pager ? pager : out, columns);
    pager_close(pager);
}
