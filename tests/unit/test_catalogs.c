/*
 * The SQL pieces of catalog listings: each one is kept or dropped by the server
 * version (first version that has it, first that no longer does) and by the +
 * modifier, in order.
 */
#include <stdbool.h>

#include "meta/describe/catalog_query.h"
#include "unit.h"
#include "util/strbuf.h"

static const QueryPiece pieces[] = {
    PIECE("A"),
    PIECE_SINCE(110000, "+t"),
    PIECE_BEFORE(110000, "+f"),
    PIECE_PLUS("[v]"),
    PIECE_PLUS_SINCE(150000, "[v15]"),
    {0, 0, PIECE_TERSE, "[terse]"},
    {120000, 140000, PIECE_ALWAYS, "<12-13>"},
    PIECE("Z"),
    PIECE_END,
};

static void check_pieces(int sversion, bool verbose, const char *want)
{
    StrBuf sql = STRBUF_INIT;
    catalog_append_pieces(&sql, pieces, sversion, verbose);
    CHECK_STR(sb_str(&sql), want);
    sb_free(&sql);
}

static void test_version_bounds(void)
{
    check_pieces(100000, false, "A+f[terse]Z");
    check_pieces(110000, false, "A+t[terse]Z");
    check_pieces(120000, false, "A+t[terse]<12-13>Z");
    check_pieces(139999, false, "A+t[terse]<12-13>Z");
    check_pieces(140000, false, "A+t[terse]Z");
}

static void test_verbose(void)
{
    check_pieces(140000, true, "A+t[v]Z");
    check_pieces(150000, true, "A+t[v][v15]Z");
    check_pieces(150000, false, "A+t[terse]Z");
}

static void test_empty_list(void)
{
    static const QueryPiece none[] = {PIECE_END};
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "kept");
    catalog_append_pieces(&sql, none, 150000, true);
    CHECK_STR(sb_str(&sql), "kept");
    sb_free(&sql);
}

int main(void)
{
    RUN(test_version_bounds);
    RUN(test_verbose);
    RUN(test_empty_list);
    UNIT_DONE();
}
