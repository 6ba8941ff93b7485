/*
 * Parsing the command line with getopt, from the option table: the short options
 * string and the long options array are built from the rows, and each option found
 * runs its row's handler.  Then come psql's positional DBNAME and USERNAME.
 */
#include "console/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "console/options_table.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/*
 * What getopt returns for a long option without a letter: this plus its row's index.
 * So does --help, since getopt's '?' also means "unknown option".
 */
enum { LONG_ONLY_BASE = 256 };

static bool is_option(const OptionSpec *opt)
{
    return opt->name && opt->apply;
}

static int getopt_value(size_t row)
{
    const OptionSpec *opt = &option_table[row];
    return opt->letter && opt->letter != '?' ? opt->letter : LONG_ONLY_BASE + (int)row;
}

/* the short options in getopt's syntax; an optional argument is for the long form only */
static char *short_options(void)
{
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; i < option_count; i++) {
        const OptionSpec *opt = &option_table[i];
        if (!is_option(opt) || !opt->letter)
            continue;
        sb_append_char(&sb, opt->letter);
        if (opt->arg && !opt->optional_arg)
            sb_append_char(&sb, ':');
    }
    return sb_steal(&sb);
}

static struct option *long_options(void)
{
    struct option *longs = xcalloc(2 * option_count + 1, sizeof(*longs));
    size_t n = 0;
    for (size_t i = 0; i < option_count; i++) {
        const OptionSpec *opt = &option_table[i];
        if (!is_option(opt))
            continue;
        int has_arg = !opt->arg ? no_argument : opt->optional_arg ? optional_argument : required_argument;
        longs[n++] = (struct option){opt->name, has_arg, NULL, getopt_value(i)};
        if (opt->alias)
            longs[n++] = (struct option){opt->alias, has_arg, NULL, getopt_value(i)};
    }
    return longs;
}

static const OptionSpec *row_for(int value)
{
    if (value >= LONG_ONLY_BASE)
        return &option_table[value - LONG_ONLY_BASE];
    for (size_t i = 0; i < option_count; i++)
        if (is_option(&option_table[i]) && getopt_value(i) == value)
            return &option_table[i];
    return NULL;
}

int options_unknown(void)
{
    log_hint("Try \"%s --help\" for more information.", log_progname());
    return EXIT_FAIL;
}

void options_add_action(Options *opts, ActionKind kind, const char *text)
{
    opts->actions = xrealloc(opts->actions, (size_t)(opts->nactions + 1) * sizeof(Action));
    opts->actions[opts->nactions].kind = kind;
    opts->actions[opts->nactions].text = text;
    opts->nactions++;
}

/* runs the handler of every option in argv; -1 to go on, else the exit code */
static int apply_options(int argc, char **argv, Options *opts, Session *s)
{
    char *shorts = short_options();
    struct option *longs = long_options();
    int c, result = OPTION_GO_ON;
    optind = 1;
    while (result == OPTION_GO_ON && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const OptionSpec *opt = row_for(c);
        const char *arg = optarg;
        /* getopt answers '?' for an unknown option too: only a real "-?" asks for help */
        if (c == '?') {
            opt = optind <= argc && strcmp(argv[optind - 1], "-?") == 0 ? option_help_row() : NULL;
            arg = NULL;
        }
        result = opt ? opt->apply(opt, arg, opts, s) : options_unknown();
    }
    free(shorts);
    free(longs);
    return result;
}

int options_parse(int argc, char **argv, Options *opts, Session *s)
{
    memset(opts, 0, sizeof(*opts));
    /* as in psql, --help or --version first wins over anything after it */
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0)) {
        options_print_usage(stdout);
        return EXIT_OK;
    }
    if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        options_print_version(stdout);
        return EXIT_OK;
    }
    int result = apply_options(argc, argv, opts, s);
    if (result != OPTION_GO_ON)
        return result;
    for (; optind < argc; optind++) {
        if (!opts->dbname)
            opts->dbname = argv[optind];
        else if (!opts->username)
            opts->username = argv[optind];
        else if (!s->quiet)
            log_warning("extra command-line argument \"%s\" ignored", argv[optind]);
    }
    return -1;
}

void options_free(Options *opts)
{
    free(opts->actions);
    opts->actions = NULL;
    opts->nactions = 0;
}
