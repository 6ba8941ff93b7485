#include "meta/dashboard/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec/query.h"
#include "print/table.h"
#include "util/xalloc.h"

void dash_table_init(DashTable *t, int ncolumns, const char *const *headers)
{
    memset(t, 0, sizeof *t);
    t->ncolumns = ncolumns;
    t->headers = headers;
    t->types = xcalloc((size_t)ncolumns, sizeof *t->types);
    t->aligns = xcalloc((size_t)ncolumns + 1, 1);
    for (int i = 0; i < ncolumns; i++) {
        t->types[i] = PTYPE_TEXT;
        t->aligns[i] = 'l';
    }
}

void dash_table_numeric(DashTable *t, int column)
{
    dash_table_type(t, column, PTYPE_NUMERIC);
}

void dash_table_type(DashTable *t, int column, Oid type)
{
    t->types[column] = type;
    t->aligns[column] = ptable_type_is_numeric(type) ? 'r' : 'l';
}

void dash_table_add(DashTable *t, char *cell)
{
    if (t->ncells == t->cap) {
        t->cap = t->cap ? t->cap * 2 : (size_t)t->ncolumns * 8;
        t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
    }
    t->cells[t->ncells++] = cell;
    t->nrows = (long)(t->ncells / (size_t)t->ncolumns);
}

void dash_table_add_copy(DashTable *t, const char *cell)
{
    dash_table_add(t, cell ? xstrdup(cell) : NULL);
}

void dash_table_footer(DashTable *t, char *line)
{
    t->footers = xrealloc(t->footers, ((size_t)t->nfooters + 1) * sizeof *t->footers);
    t->footers[t->nfooters++] = line;
}

void dash_table_print(Session *s, const DashTable *t, const ListingPrint *spec)
{
    PrintTable pt;
    ptable_init(&pt, t->ncolumns, t->nrows, t->headers, t->aligns, (const char **)t->cells);
    for (int i = 0; i < t->ncolumns; i++)
        ptable_set_type(&pt, i, t->types[i]);
    if (spec->title)
        ptable_set_title(&pt, spec->title);
    for (int i = 0; i < t->nfooters; i++)
        ptable_add_footer(&pt, t->footers[i]);
    listing_print_table(s, &pt, spec);
    ptable_free(&pt);
    /* before any progress or question on stderr */
    fflush(s->query_out);
}

void dash_table_free(DashTable *t)
{
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->types);
    free(t->aligns);
    for (int i = 0; i < t->nfooters; i++)
        free(t->footers[i]);
    free(t->footers);
    memset(t, 0, sizeof *t);
}


bool dash_print_sql(Session *s, const char *sql, const char *title, const char *footer)
{
    PGresult *res = exec_internal(s, sql);
    if (!res)
        return false;
    PrintTable t;
    ptable_from_result(&t, res);
    ptable_set_title(&t, title);
    if (footer)
        ptable_add_footer(&t, footer);
    ListingPrint spec = {.title = title};
    listing_print_table(s, &t, &spec);
    ptable_free(&t);
    PQclear(res);
    return true;
}
