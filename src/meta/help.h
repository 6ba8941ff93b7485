/* Help texts: \?, --help, --help=commands, --help=variables, \copyright. */
#ifndef PGC_HELP_H
#define PGC_HELP_H

#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"

/* \? [commands|options|variables] */
void help_print_commands(Session *s, const char *topic);
void help_print_copyright(void);
/* --help=commands */
void help_print_command_list(void);
/* the \? lines of one command (by name or alias; "dt" for \dt); false when it has none */
bool help_print_command(const Session *s, FILE *out, const char *name);
/* --help=variables */
void help_print_variables(void);

#endif
