/* The pager decision: psql's rule, from the print settings, the line count and the screen height. */
#include <stdbool.h>

#include "print/options.h"
#include "print/pager.h"
#include "unit.h"

static void test_pager_decision(void)
{
    PrintOptions opt;
    popt_init(&opt);
    opt.pager = PAGER_ON;
    CHECK(!pager_needed(&opt, 23, 24));
    CHECK(pager_needed(&opt, 24, 24));         /* the prompt line needs room too */
    CHECK(pager_needed(&opt, 1, -1));          /* unknown height: any output may be too tall */
    opt.pager_min_lines = 100;
    CHECK(!pager_needed(&opt, 50, 24));
    CHECK(pager_needed(&opt, 100, 24));
    opt.pager = PAGER_ALWAYS;
    CHECK(pager_needed(&opt, 1, 24));
    opt.pager = PAGER_OFF;
    CHECK(!pager_needed(&opt, 1000, 24));
    CHECK(!pager_needed(&opt, 1000, -1));
    popt_free(&opt);
}

static void test_no_pager_off_the_terminal(void)
{
    PrintOptions opt;
    popt_init(&opt);
    opt.pager = PAGER_ALWAYS;
    /* only stdout at a terminal gets a pager, whatever the settings say */
    CHECK(pager_open(&opt, stderr, 1000) == NULL);
    popt_free(&opt);
}

int main(void)
{
    RUN(test_pager_decision);
    RUN(test_no_pager_off_the_terminal);
    UNIT_DONE();
}
