/*
 * How backslash commands print the tables they build (the \d family's listings,
 * and any other result that is not a query the user typed): the session's print
 * settings with psql's describe tweaks, through the pager, and to the -L log
 * unless the table holds something that must not be written down.
 */
#ifndef PGC_LISTING_H
#define PGC_LISTING_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "print/table.h"
#include "session/session.h"

typedef struct ListingPrint {
    const char *title;
    bool keep_null_display;   /* listings normally show NULL as empty, whatever \pset null says */
    bool no_default_footer;   /* no "(N rows)" */
    bool never_expanded;      /* \d NAME: psql never shows it in expanded form, it reads badly */
    bool not_logged;          /* kept out of the -L log: the table shows a secret once (a password, a token) */
} ListingPrint;

/* prints a prepared table (title and footers already set) with the spec, through the pager and to the -L log */
void listing_print_table(Session *s, const PrintTable *t, const ListingPrint *spec);
/* the same for a query result, titled spec->title */
void listing_print_result(Session *s, const PGresult *res, const ListingPrint *spec);

#endif
