/* The history file as libedit reads it: one line per entry, trimmed to HISTSIZE. */
#include <stdlib.h>

#include "console/history_file.h"
#include "unit.h"

static void check_encoded(const char *entry, const char *want)
{
    char *got = history_file_encode(entry);
    CHECK_STR(got, want);
    free(got);
}

static void check_merged(const char *existing, const char *const *entries, int n, int histsize, const char *want)
{
    char *got = history_file_merge(existing, entries, n, histsize);
    CHECK_STR(got, want);
    free(got);
}

static void test_one_entry_is_one_line(void)
{
    check_encoded("select 1;", "select\\0401;");
    check_encoded("select\001from t;", "select\\001from\\040t;");
    check_encoded("\\q", "\\134q");
    check_encoded("a\tb\nc\x7f", "a\\011b\\012c\\177");
    check_encoded("select 'été';", "select\\040'été';");
    check_encoded("", "");
}

static void test_entries_follow_the_file(void)
{
    const char *entries[] = {"select 2;", "\\q"};
    check_merged(NULL, entries, 2, 500, "_HiStOrY_V2_\nselect\\0402;\n\\134q\n");
    check_merged("_HiStOrY_V2_\nold\\0401\n", entries, 2, 500, "_HiStOrY_V2_\nold\\0401\nselect\\0402;\n\\134q\n");
    /* a file without the cookie (readline's) keeps its lines; blank lines go */
    check_merged("one\n\ntwo", entries, 1, -1, "_HiStOrY_V2_\none\ntwo\nselect\\0402;\n");
    check_merged("_HiStOrY_V2_\n", entries, 0, 500, "_HiStOrY_V2_\n");
}

static void test_histsize_drops_the_oldest(void)
{
    const char *entries[] = {"n1", "n2", "n3"};
    const char *file = "_HiStOrY_V2_\no1\no2\n";
    check_merged(file, entries, 3, 4, "_HiStOrY_V2_\no2\nn1\nn2\nn3\n");
    check_merged(file, entries, 3, 2, "_HiStOrY_V2_\nn2\nn3\n");
    check_merged(file, entries, 3, 0, "_HiStOrY_V2_\n");
    check_merged(file, entries, 3, -1, "_HiStOrY_V2_\no1\no2\nn1\nn2\nn3\n");
}

int main(void)
{
    RUN(test_one_entry_is_one_line);
    RUN(test_entries_follow_the_file);
    RUN(test_histsize_drops_the_oldest);
    UNIT_DONE();
}
