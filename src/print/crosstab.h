/*
 * \crosstabview: pivots a query result (row header column, column header column,
 * data column, optional sort column for the column headers) into a grid and prints
 * it with the current print settings, exactly as psql does.
 */
#ifndef PGC_CROSSTAB_H
#define PGC_CROSSTAB_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "print/options.h"

/* args: the up to four \crosstabview arguments (NULL when not given); false after reporting an error */
bool crosstab_print(const PGresult *res, char *const args[4], const PrintOptions *opt, FILE *out, int encoding);

#endif
