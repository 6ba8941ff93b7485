/*
 * The pager: PSQL_PAGER or PAGER (psql's rules: empty means none), used only when
 * both stdin and stdout are terminals and the output is taller (or, for aligned
 * tables, wider) than the screen, or always with \pset pager always.
 */
#ifndef PGC_PAGER_H
#define PGC_PAGER_H

#include <stdbool.h>
#include <stdio.h>

#include "session/session.h"
#include "print/table.h"

/* a pager for output of this many lines, or NULL to write to stdout */
FILE *pager_open(Session *s, long lines);
/* the same for output to out under the given settings (help texts, which ignore \o) */
FILE *pager_open_for(const PrintOptions *popt, FILE *out, long lines);
void pager_close(FILE *pager);
/* the width tables may use when writing to out (or to a pager): the terminal's (or COLUMNS), else 0 */
int pager_term_columns(FILE *out, bool to_pager);
/* prints a table to out, through the pager when out is the terminal and the table needs one */
void pager_print_table(Session *s, const PrintTable *t, const PrintOptions *opt, FILE *out);

#endif
