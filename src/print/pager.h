/*
 * The pager: PSQL_PAGER or PAGER (psql's rules: empty means none, unset means
 * "more"), used only when the output goes to stdout and both stdin and stdout are
 * terminals, and the output is taller (or, for aligned tables, wider) than the
 * screen, or always with \pset pager always.  Nothing here knows the session: the
 * caller gives the print settings and where the output would go.
 */
#ifndef PGC_PAGER_H
#define PGC_PAGER_H

#include <stdbool.h>
#include <stdio.h>

#include "print/options.h"
#include "print/table.h"

/* whether output of this many lines needs the pager on a screen of screen_rows (-1: unknown) */
bool pager_needed(const PrintOptions *popt, long lines, int screen_rows);
/* whether a table printed to out may go through the pager at all: out is the terminal and the pager is not off */
bool pager_applies(const PrintOptions *popt, FILE *out);
/* whether output of this many lines to out needs the pager (more lines never need it less) */
bool pager_wanted(const PrintOptions *popt, FILE *out, long lines);
/* a pager for output of this many lines that would go to out, or NULL to write to out itself */
FILE *pager_open(const PrintOptions *popt, FILE *out, long lines);
void pager_close(FILE *pager);
/* the width tables may use when writing to out (or to a pager): the terminal's (or COLUMNS), else 0 */
int pager_term_columns(FILE *out, bool to_pager);
/* prints a table to out, through the pager when out is the terminal and the table needs one */
void pager_print_table(const PrintTable *t, const PrintOptions *opt, FILE *out);

#endif
