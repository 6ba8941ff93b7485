/* The printer of backslash commands' tables: the describe tweaks, and the -L log left out when asked. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "meta/listing.h"
#include "session/session.h"
#include "unit.h"
#include "util/xalloc.h"

static char *contents(FILE *f)
{
    fflush(f);
    long len = ftell(f);
    char *text = xcalloc((size_t)len + 1, 1);
    rewind(f);
    size_t got = fread(text, 1, (size_t)len, f);
    text[got] = '\0';
    return text;
}

/* prints a one-row table with a NULL (a secret shown once) in it; what reached the output and the log */
static void print_listing(Session *s, const ListingPrint *spec, char **out, char **log)
{
    s->query_out = tmpfile();
    s->log_file = tmpfile();
    static const char *const headers[] = {"name", "password"};
    const char *cells[] = {"alice", NULL};
    PrintTable t;
    ptable_init(&t, 2, 1, headers, "ll", cells);
    if (spec->title)
        ptable_set_title(&t, spec->title);
    listing_print_table(s, &t, spec);
    ptable_free(&t);
    *out = contents(s->query_out);
    *log = contents(s->log_file);
}

static void test_logged_by_default(void)
{
    Session *s = session_create();
    ListingPrint spec = {.title = "Credentials"};
    char *out, *log;
    print_listing(s, &spec, &out, &log);
    CHECK_STR(out, "   Credentials\n"
                   " name  | password \n"
                   "-------+----------\n"
                   " alice | \n"
                   "(1 row)\n\n");
    CHECK_STR(log, out);
    free(out);
    free(log);
    session_destroy(s);
}

static void test_kept_out_of_the_log(void)
{
    Session *s = session_create();
    ListingPrint spec = {.title = "Credentials", .not_logged = true};
    char *out, *log;
    print_listing(s, &spec, &out, &log);
    CHECK_STR(out, "   Credentials\n"
                   " name  | password \n"
                   "-------+----------\n"
                   " alice | \n"
                   "(1 row)\n\n");
    CHECK_STR(log, "");
    free(out);
    free(log);
    session_destroy(s);
}

static void test_describe_tweaks(void)
{
    Session *s = session_create();
    popt_pset(&s->popt, "null", "(null)", true);
    popt_pset(&s->popt, "expanded", "on", true);
    char *out, *log;
    /* listings show NULL as empty, whatever \pset null says; \pset expanded still applies */
    ListingPrint plain = {.title = NULL};
    print_listing(s, &plain, &out, &log);
    CHECK_STR(out, "-[ RECORD 1 ]---\nname     | alice\npassword | \n\n");
    free(out);
    free(log);
    session_set_output(s, NULL);
    fclose(s->log_file);
    /* \d NAME: \pset null kept, never expanded, no "(N rows)" */
    ListingPrint relation = {.keep_null_display = true, .no_default_footer = true, .never_expanded = true};
    print_listing(s, &relation, &out, &log);
    CHECK_STR(out, " name  | password \n-------+----------\n alice | (null)\n\n");
    free(out);
    free(log);
    session_destroy(s);
}

int main(void)
{
    RUN(test_logged_by_default);
    RUN(test_kept_out_of_the_log);
    RUN(test_describe_tweaks);
    UNIT_DONE();
}
