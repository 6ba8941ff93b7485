/* The trust store's lines: a path can hold any byte but NUL, and must come back whole. */
#include <stdbool.h>
#include <stdlib.h>

#include "console/psqlrc_trust.h"
#include "unit.h"

static void round_trip(const char *path, const char *want_line)
{
    char *line = psqlrc_trust_format_line("abc123", path);
    CHECK_STR(line, want_line);
    char *hash = NULL, *back = NULL;
    CHECK(psqlrc_trust_parse_line(line, strlen(line) - 1, &hash, &back));
    CHECK_STR(hash, "abc123");
    CHECK_STR(back, path);
    free(hash);
    free(back);
    free(line);
}

static void test_paths_round_trip(void)
{
    round_trip("/home/me/app/.psqlrc", "abc123\t/home/me/app/.psqlrc\n");
    round_trip("/tmp/a b/.psqlrc", "abc123\t/tmp/a b/.psqlrc\n");
    round_trip("/tmp/x\nfff /etc/.psqlrc", "abc123\t/tmp/x%0Afff /etc/.psqlrc\n");
    round_trip("/tmp/100%/\t\r\x7f", "abc123\t/tmp/100%25/%09%0D%7F\n");
}

static void test_malformed_lines_are_refused(void)
{
    char *hash = NULL, *path = NULL;
    CHECK(!psqlrc_trust_parse_line("abc123 /old/format", 18, &hash, &path));
    CHECK(!psqlrc_trust_parse_line("\t/no/hash", 9, &hash, &path));
    CHECK(!psqlrc_trust_parse_line("abc\t/bad%zz", 11, &hash, &path));
    CHECK(!psqlrc_trust_parse_line("abc\t/cut%4", 10, &hash, &path));
    CHECK(!psqlrc_trust_parse_line("abc\t/nul%00", 11, &hash, &path));
    CHECK(hash == NULL && path == NULL);
}

int main(void)
{
    RUN(test_paths_round_trip);
    RUN(test_malformed_lines_are_refused);
    UNIT_DONE();
}
