/*
 * The table of command-line options: one row per option, in the order --help lists
 * them.  A row names the option (short letter, long name, argument), says what it
 * does (a handler, with the row's own parameters) and how it is documented (its
 * --help line and its man page paragraph).  options.c builds getopt's arguments
 * from it, options_help.c prints --help and the man page's option list from it.
 */
#ifndef PGC_OPTIONS_TABLE_H
#define PGC_OPTIONS_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "console/options.h"
#include "session/session.h"

/* what a handler returns to let parsing go on; anything else is the exit code */
enum { OPTION_GO_ON = -1 };

typedef struct OptionSpec OptionSpec;
typedef int (*OptionHandler)(const OptionSpec *opt, const char *arg, Options *o, Session *s);

/* the groups of --help, in their order */
typedef enum OptionSection {
    OPTSEC_GENERAL,
    OPTSEC_INPUT_OUTPUT,
    OPTSEC_FORMAT,
    OPTSEC_CONNECTION,
    OPTSEC_PLATFORM,
    OPTSEC_COUNT
} OptionSection;

/* a connection default --help shows after an option's help, as psql does */
typedef enum OptionDefault { DEFAULT_NONE, DEFAULT_DBNAME, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_USER } OptionDefault;

struct OptionSpec {
    OptionSection section;
    char letter;                /* the short option, '\0' for none */
    const char *name;           /* the long option; NULL for a note line of --help */
    const char *alias;          /* a second long name for the same option (--variable) */
    const char *arg;            /* the argument's name in help, NULL when it takes none */
    bool optional_arg;          /* --name[=ARG]; the short form then takes no argument */
    OptionHandler apply;        /* NULL: a help line only (--help=commands), not an option */
    /* the handler's parameters */
    size_t field;               /* the Options member store_arg and set_flag write */
    const char *variable;       /* the variable set_variable sets ... */
    const char *value;          /* ... and its value */
    /* documentation */
    const char *letter_gloss;   /* spoken form after a letter that reads like another: -1 ("one") */
    const char *help;           /* --help text; '\n' starts a line under the first */
    OptionDefault shows;        /* appended to the help's first line */
    const char *man;            /* the man page paragraph (troff); NULL: the next row's describes this one too */
};

extern const OptionSpec option_table[];
extern const size_t option_count;

/* "General", "Input and output"...: the man page's subsections; --help adds " options:" */
typedef struct OptionSectionTitle {
    const char *help;
    const char *man;
} OptionSectionTitle;

extern const OptionSectionTitle option_sections[OPTSEC_COUNT];

/* the --help row, run for "-?" (which getopt cannot tell from an unknown option) */
const OptionSpec *option_help_row(void);

#endif
