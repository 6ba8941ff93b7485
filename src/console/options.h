/*
 * Command-line options: psql 15's, with their meanings and errors, plus pgconsole's
 * own platform options.  One table (options_table.c) drives getopt, --help and the
 * option list of the man page (--help=man, which "make man" puts in docs/pgconsole.1).
 */
#ifndef PGC_OPTIONS_H
#define PGC_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"
#include "exec/connect.h"
#include "platform/args.h"

typedef enum ActionKind { ACT_SQL, ACT_SLASH, ACT_FILE } ActionKind;

typedef struct Action {
    ActionKind kind;
    const char *text;
} Action;

typedef struct Options {
    const char *dbname;
    const char *host;
    const char *port;
    const char *username;
    const char *logfile;
    bool list_dbs;
    bool no_readline;
    bool no_psqlrc;
    bool single_txn;
    PasswordMode password;
    Action *actions;
    int nactions;
    /* platform */
    PlatformArgs platform;      /* --app, --region, --addon, --env-var, --sslmode, --via */
    const char *app_psqlrc;
    bool trust_psqlrc;
} Options;

/*
 * Parses argv into opts, applying the options that set variables and print settings
 * to the session directly (as psql does, in order).  Returns -1 to go on, or the
 * exit code when the options ask to stop (--help, --version, errors).
 */
int options_parse(int argc, char **argv, Options *opts, Session *s);
void options_free(Options *opts);
void options_add_action(Options *opts, ActionKind kind, const char *text);
/* --help: the options, and the subcommands once there are some */
void options_print_usage(FILE *out);
void options_print_version(FILE *out);
/* the man page's option list (troff), as docs/pgconsole.1 holds it */
void options_print_man(FILE *out);
/* after a bad option: psql's hint, and its exit code */
int options_unknown(void);

#endif
