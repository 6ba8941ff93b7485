#include "meta/listing.h"

#include <stdlib.h>

#include "exec/query.h"
#include "print/pager.h"
#include "util/xalloc.h"

static void listing_options(Session *s, const ListingPrint *spec, PrintOptions *opt)
{
    popt_copy(opt, &s->popt);
    free(opt->title);
    opt->title = spec->title ? xstrdup(spec->title) : NULL;
    if (!spec->keep_null_display) {
        free(opt->null_print);
        opt->null_print = xstrdup("");
    }
    if (spec->no_default_footer)
        opt->default_footer = false;
    if (spec->never_expanded)
        opt->expanded = EXPANDED_OFF;
}

void listing_print_table(Session *s, const PrintTable *t, const ListingPrint *spec)
{
    PrintOptions opt;
    listing_options(s, spec, &opt);
    pager_print_table(t, &opt, s->query_out);
    if (!spec->not_logged)
        exec_log_table(s, t, &opt);
    popt_free(&opt);
}

void listing_print_result(Session *s, const PGresult *res, const ListingPrint *spec)
{
    PrintTable t;
    ptable_from_result(&t, res);
    if (spec->title)
        ptable_set_title(&t, spec->title);
    listing_print_table(s, &t, spec);
    ptable_free(&t);
}
