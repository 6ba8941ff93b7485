/*
 * Subcommands, in git's shape: `pgconsole NAME ARGS...` runs a row of the table
 * instead of the console.  Only the first argument can name a subcommand, so a
 * database that has a subcommand's name is still reached as every database is
 * otherwise: `pgconsole -d NAME`, or after an option or "--" (`pgconsole -- NAME`).
 * While the table is empty nothing changes from psql: `pgconsole help` opens the
 * database "help" and --help mentions no commands.
 */
#ifndef PGC_SUBCOMMANDS_H
#define PGC_SUBCOMMANDS_H

#include <stdbool.h>
#include <stdio.h>

/* argv[0] is the subcommand's name, argv[1...] its arguments; returns the exit code */
typedef int (*SubcommandMain)(int argc, char **argv);

enum {
    SUBCMD_HIDDEN = 1 << 0      /* runs, but help does not list it */
};

typedef struct Subcommand {
    const char *name;
    SubcommandMain run;
    unsigned flags;
    const char *args;           /* its arguments in help, after the name: "--app APP [OPTION]..." */
    const char *help;           /* one line for --help */
} Subcommand;

/* pgconsole's subcommands, ending with a NULL name */
extern const Subcommand subcommands[];

/*
 * When argv[1] names a subcommand of table, runs it, sets *exit_code and returns true.
 * Once table lists a command, "help" is one too: `help` prints --help, `help NAME`
 * runs `NAME --help`.
 */
bool subcommand_dispatch(const Subcommand *table, int argc, char **argv, int *exit_code);

/* --help's lines: the usage line and the list of commands, or nothing without any */
void subcommands_print_usage(const Subcommand *table, FILE *out);
void subcommands_print_list(const Subcommand *table, FILE *out);

#endif
