/* Finding and running subcommands, and listing them in --help. */
#include "console/subcommands.h"

#include <string.h>

#include "console/options.h"
#include "session/session.h"
#include "tunnel/tunnel.h"
#include "util/log.h"

/* Add a subcommand here: a row naming its function (in its own folder under src/). */
const Subcommand subcommands[] = {
    {"tunnel", tunnel_main, 0, "[URL|CONNINFO] [OPTION]... [-- COMMAND [ARG]...]",
     "a local endpoint that forwards other tools' connections to the database"},
    {NULL, NULL, 0, NULL, NULL},
};

static const Subcommand *find(const Subcommand *table, const char *name)
{
    for (const Subcommand *c = table; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static bool any_listed(const Subcommand *table)
{
    for (const Subcommand *c = table; c->name; c++)
        if (!(c->flags & SUBCMD_HIDDEN))
            return true;
    return false;
}

/* `help` alone prints --help; `help NAME` asks NAME for its own */
static int run_help(const Subcommand *table, int argc, char **argv)
{
    if (argc < 2) {
        options_print_usage(stdout);
        return EXIT_OK;
    }
    const Subcommand *cmd = find(table, argv[1]);
    if (!cmd) {
        log_error("no command named \"%s\"", argv[1]);
        return options_unknown();
    }
    char *help_argv[] = {(char *)cmd->name, (char *)"--help", NULL};
    return cmd->run(2, help_argv);
}

bool subcommand_dispatch(const Subcommand *table, int argc, char **argv, int *exit_code)
{
    if (argc < 2)
        return false;
    const Subcommand *cmd = find(table, argv[1]);
    if (cmd)
        *exit_code = cmd->run(argc - 1, argv + 1);
    else if (strcmp(argv[1], "help") == 0 && any_listed(table))
        *exit_code = run_help(table, argc - 1, argv + 1);
    else
        return false;
    return true;
}

void subcommands_print_usage(const Subcommand *table, FILE *out)
{
    if (any_listed(table))
        fputs("  pgconsole COMMAND [ARGUMENT]...\n", out);
}

static void print_entry(FILE *out, const char *name, const char *args, const char *help)
{
    int width = fprintf(out, "  %s%s%s", name, args ? " " : "", args ? args : "");
    /* the column of the options' help, or a line of its own after a long usage */
    if (width > 25)
        fprintf(out, "\n%27s%s\n", "", help);
    else
        fprintf(out, "%*s%s\n", 27 - width, "", help);
}

void subcommands_print_list(const Subcommand *table, FILE *out)
{
    if (!any_listed(table))
        return;
    fputs("Commands:\n", out);
    for (const Subcommand *c = table; c->name; c++)
        if (!(c->flags & SUBCMD_HIDDEN))
            print_entry(out, c->name, c->args, c->help);
    print_entry(out, "help", "[COMMAND]", "show this help, or a command's own");
    fputs("  A database named like a command is opened with -d NAME.\n\n", out);
}
