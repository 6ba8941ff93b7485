/*
 * \crosstabview against psql 15: each input is built client-side with libpq's
 * PQmakeEmptyPGresult/PQsetvalue, and the expected text was captured once from
 * /usr/bin/psql running the same data as a VALUES query with the same column
 * types (see the query above each case).
 */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print/crosstab.h"
#include "print/options.h"
#include "print/width.h"
#include "unit.h"
#include "util/log.h"
#include "util/xalloc.h"

/* type OIDs from pg_type.dat */
enum { T_INT8 = 20, T_INT4 = 23, T_TEXT = 25, T_NUMERIC = 1700 };

static PGresult *make_result(int ncols, const char *const *names, const Oid *types, int nrows,
                             const char *const *cells)
{
    PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    PGresAttDesc *attrs = xcalloc((size_t)ncols, sizeof *attrs);

    for (int i = 0; i < ncols; i++) {
        attrs[i].name = (char *)names[i];
        attrs[i].typid = types[i];
        attrs[i].typlen = -1;
        attrs[i].atttypmod = -1;
    }
    PQsetResultAttrs(res, ncols, attrs);
    free(attrs);
    for (int r = 0; r < nrows; r++) {
        for (int c = 0; c < ncols; c++) {
            const char *v = cells[r * ncols + c];
            PQsetvalue(res, r, c, (char *)v, v ? (int)strlen(v) : -1);
        }
    }
    return res;
}

typedef struct Outcome {
    bool ok;
    char *out;              /* what was printed */
    char *err;              /* what was logged */
} Outcome;

static char *read_all(FILE *f)
{
    long size;

    fflush(f);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    char *text = xcalloc((size_t)size + 1, 1);
    if (size > 0 && fread(text, 1, (size_t)size, f) != (size_t)size)
        text[0] = '\0';
    return text;
}

/* runs \crosstabview with the given arguments (NULL-terminated, up to four) */
static Outcome run_ctv(const PGresult *res, const PrintOptions *opt, const char *a0,
                       const char *a1, const char *a2, const char *a3)
{
    const char *given[4] = {a0, a1, a2, a3};
    char *args[4];
    Outcome o;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    FILE *err = tmpfile();
    int saved_stderr = dup(2);

    for (int i = 0; i < 4; i++)
        args[i] = given[i] ? xstrdup(given[i]) : NULL;
    fflush(stderr);
    dup2(fileno(err), 2);
    o.ok = crosstab_print(res, args, opt, out, text_utf8_id());
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    fclose(out);
    o.out = buf;
    o.err = read_all(err);
    fclose(err);
    /* the caller's arguments are reused by psql's \crosstabview bookkeeping: left alone */
    for (int i = 0; i < 4; i++) {
        if (given[i])
            CHECK_STR(args[i], given[i]);
        free(args[i]);
    }
    return o;
}

static void outcome_free(Outcome *o)
{
    free(o->out);
    free(o->err);
}

static void default_options(PrintOptions *opt)
{
    popt_init(opt);
    opt->encoding = text_utf8_id();
}

/* expects success and exactly this output, nothing logged */
static void expect_table(const PGresult *res, const PrintOptions *opt, const char *a0,
                         const char *a1, const char *a2, const char *a3, const char *want)
{
    Outcome o = run_ctv(res, opt, a0, a1, a2, a3);
    CHECK(o.ok);
    CHECK_STR(o.out, want);
    CHECK_STR(o.err, "");
    outcome_free(&o);
}

/* expects failure with this message and no output */
static void expect_error(const PGresult *res, const PrintOptions *opt, const char *a0,
                         const char *a1, const char *a2, const char *a3, const char *want)
{
    Outcome o = run_ctv(res, opt, a0, a1, a2, a3);
    CHECK(!o.ok);
    CHECK_STR(o.out, "");
    CHECK_STR(o.err, want);
    outcome_free(&o);
}

/* select * from (values ('v0',2014::numeric,C0::bigint),('v0',2015,C1),('v1',2015,C2),('v2',2015,C3)) t(v,extract,count) */
static PGresult *years_result(const char *c0, const char *c1, const char *c2, const char *c3)
{
    static const char *const names[] = {"v", "extract", "count"};
    static const Oid types[] = {T_TEXT, T_NUMERIC, T_INT8};
    const char *cells[] = {"v0", "2014", c0, "v0", "2015", c1, "v1", "2015", c2, "v2", "2015", c3};
    return make_result(3, names, types, 4, cells);
}

static void test_default_three_columns(void)
{
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = years_result("2", "1", "3", "1");

    expect_table(res, &opt, NULL, NULL, NULL, NULL,
                 " v  | 2014 | 2015 \n"
                 "----+------+------\n"
                 " v0 |    2 |    1\n"
                 " v1 |      |    3\n"
                 " v2 |      |    1\n"
                 "(3 rows)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/* \pset format unaligned, \pset title T, \pset numericlocale on: psql never localizes pivoted cells */
static void test_unaligned_title_no_numeric_locale(void)
{
    PrintOptions opt;
    default_options(&opt);
    opt.format = PRINT_UNALIGNED;
    opt.title = xstrdup("T");
    opt.numeric_locale = true;
    /* as above, with counts 2000, 1, 3000000, 1 */
    PGresult *res = years_result("2000", "1", "3000000", "1");

    expect_table(res, &opt, NULL, NULL, NULL, NULL,
                 "T\n"
                 "v|2014|2015\n"
                 "v0|2000|1\n"
                 "v1||3000000\n"
                 "v2||1\n"
                 "(3 rows)\n");
    PQclear(res);
    popt_free(&opt);
}

/*
 * select * from (values ('v0','Jul',7::numeric,2::bigint),('v0','Dec',12,1),('v1','Jul',7,1),
 *   ('v1','Apr',4,2),('v2','Jan',1,1)) t(v,"month name",num,count)
 *   \crosstabview v "month name" 4 num
 */
static void test_names_and_sort_column(void)
{
    static const char *const names[] = {"v", "month name", "num", "count"};
    static const Oid types[] = {T_TEXT, T_TEXT, T_NUMERIC, T_INT8};
    static const char *const cells[] = {
        "v0", "Jul", "7", "2", "v0", "Dec", "12", "1", "v1", "Jul", "7", "1",
        "v1", "Apr", "4", "2", "v2", "Jan", "1", "1",
    };
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(4, names, types, 5, cells);

    expect_table(res, &opt, "v", "\"month name\"", "4", "num",
                 " v  | Jan | Apr | Jul | Dec \n"
                 "----+-----+-----+-----+-----\n"
                 " v0 |     |     |   2 |   1\n"
                 " v1 |     |   2 |   1 |    \n"
                 " v2 |   1 |     |     |    \n"
                 "(3 rows)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/* string_agg results of the regression test's ctv_data (i and c, by v and h) */
static PGresult *aggregates_result(void)
{
    static const char *const names[] = {"v", "h", "string_agg", "string_agg"};
    static const Oid types[] = {T_TEXT, T_TEXT, T_TEXT, T_TEXT};
    static const char *const cells[] = {
        "v1", "h0", NULL,      "baz",       "v2", "h1",  "3",   "bar",
        "v1", "h2", "3\n7",    "foo\nquux", "v0", "h4",  "4\n-3", "qux\ndbl",
        "v0", NULL, "5",       "qux",
    };
    return make_result(4, names, types, 5, cells);
}

/* ... \crosstabview 2 1 4 */
static void test_column_numbers(void)
{
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = aggregates_result();

    expect_table(res, &opt, "2", "1", "4", NULL,
                 " h  |  v1  | v2  | v0  \n"
                 "----+------+-----+-----\n"
                 " h0 | baz  |     | \n"
                 " h1 |      | bar | \n"
                 " h2 | foo +|     | \n"
                 "    | quux |     | \n"
                 " h4 |      |     | qux+\n"
                 "    |      |     | dbl\n"
                 "    |      |     | qux\n"
                 "(5 rows)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/* \pset null '#null#' then ... \crosstabview v h 3: NULL keys and NULL data show the null display */
static void test_null_display(void)
{
    PrintOptions opt;
    default_options(&opt);
    free(opt.null_print);
    opt.null_print = xstrdup("#null#");
    PGresult *res = aggregates_result();

    expect_table(res, &opt, "v", "h", "3", NULL,
                 " v  |   h0   | h1 | h2 | h4 | #null# \n"
                 "----+--------+----+----+----+--------\n"
                 " v1 | #null# |    | 3 +|    | \n"
                 "    |        |    | 7  |    | \n"
                 " v2 |        | 3  |    |    | \n"
                 " v0 |        |    |    | 4 +| 5\n"
                 "    |        |    |    | -3 | \n"
                 "(3 rows)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/* SELECT 1 as "22", 2 as b, 3 as "Foo" */
static PGresult *quoted_names_result(void)
{
    static const char *const names[] = {"22", "b", "Foo"};
    static const Oid types[] = {T_INT4, T_INT4, T_INT4};
    static const char *const cells[] = {"1", "2", "3"};
    return make_result(3, names, types, 1, cells);
}

static void test_quoted_and_downcased_names(void)
{
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = quoted_names_result();

    expect_table(res, &opt, "\"22\"", "B", "\"Foo\"", NULL,
                 " 22 | 2 \n"
                 "----+---\n"
                 "  1 | 3\n"
                 "(1 row)\n"
                 "\n");
    expect_error(res, &opt, "1", "2", "Foo", NULL,
                 "\\crosstabview: column name not found: \"foo\"\n");
    expect_error(res, &opt, "1", "\"B\"", "\"Foo\"", NULL,
                 "\\crosstabview: column name not found: \"B\"\n");
    PQclear(res);
    popt_free(&opt);
}

/*
 * select 'r' as r, h, 'x' as v, s from (values ('zz','5'),('aa','5'),(null,'5'),('mm','x'),
 *   ('bb','-'),('cc',''),('dd','-7'),('ee',null),('ff',' 3'),('gg','3.0'),('hh','-99999999999'))
 *   t(h,s) \crosstabview r h v s
 * Ties, non-integer sort values (rank 0) and an out-of-range one: psql's order is
 * that of PostgreSQL's quicksort, which is not stable.
 */
static void test_sort_column_ties(void)
{
    static const char *const names[] = {"r", "h", "v", "s"};
    static const Oid types[] = {T_TEXT, T_TEXT, T_TEXT, T_TEXT};
    static const char *const hs[][2] = {
        {"zz", "5"}, {"aa", "5"}, {NULL, "5"}, {"mm", "x"}, {"bb", "-"}, {"cc", ""},
        {"dd", "-7"}, {"ee", NULL}, {"ff", " 3"}, {"gg", "3.0"}, {"hh", "-99999999999"},
    };
    const char *cells[11 * 4];
    for (int i = 0; i < 11; i++) {
        cells[i * 4] = "r";
        cells[i * 4 + 1] = hs[i][0];
        cells[i * 4 + 2] = "x";
        cells[i * 4 + 3] = hs[i][1];
    }
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(4, names, types, 11, cells);

    expect_table(res, &opt, "r", "h", "v", "s",
                 " r | hh | dd | cc | mm | ff | gg | ee | bb |   | zz | aa \n"
                 "---+----+----+----+----+----+----+----+----+---+----+----\n"
                 " r | x  | x  | x  | x  | x  | x  | x  | x  | x | x  | x\n"
                 "(1 row)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/*
 * select 'r' as r, h, 'x' as v, s from (values ('a','2147483647'),('b','-2147483648'),('c','0'),
 *   ('d','1'),('e','-5'),('f','99999999999')) t(h,s) \crosstabview r h v s
 * psql compares ranks by subtracting them, so far-apart ranks wrap around, and
 * reads 99999999999 with atoi().
 */
static void test_sort_rank_wraparound(void)
{
    static const char *const names[] = {"r", "h", "v", "s"};
    static const Oid types[] = {T_TEXT, T_TEXT, T_TEXT, T_TEXT};
    static const char *const cells[] = {
        "r", "a", "x", "2147483647", "r", "b", "x", "-2147483648", "r", "c", "x", "0",
        "r", "d", "x", "1",          "r", "e", "x", "-5",          "r", "f", "x", "99999999999",
    };
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(4, names, types, 6, cells);

    expect_table(res, &opt, "r", "h", "v", "s",
                 " r | a | b | e | c | d | f \n"
                 "---+---+---+---+---+---+---\n"
                 " r | x | x | x | x | x | x\n"
                 "(1 row)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/* select 1 as a, 2 as b, 3 as c where false */
static void test_no_rows(void)
{
    static const char *const names[] = {"a", "b", "c"};
    static const Oid types[] = {T_INT4, T_INT4, T_INT4};
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(3, names, types, 0, NULL);

    expect_table(res, &opt, NULL, NULL, NULL, NULL,
                 " a \n"
                 "---\n"
                 "(0 rows)\n"
                 "\n");
    PQclear(res);
    popt_free(&opt);
}

/* select * from (values (1,10,'*10'),(1,10,'*')) t(x,y,v) */
static void test_duplicate_cell(void)
{
    static const char *const names[] = {"x", "y", "v"};
    static const Oid types[] = {T_INT4, T_INT4, T_TEXT};
    static const char *const cells[] = {"1", "10", "*10", "1", "10", "*"};
    static const char *const null_cells[] = {NULL, NULL, "1", NULL, NULL, "2"};
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(3, names, types, 2, cells);
    PGresult *nulls = make_result(3, names, types, 2, null_cells);

    expect_error(res, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: query result contains multiple data values for row \"1\", column \"10\"\n");
    /* a fresh psql, \pset null never set */
    expect_error(nulls, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: query result contains multiple data values for row \"(null)\", column \"(null)\"\n");
    free(opt.null_print);
    opt.null_print = xstrdup("NUL");
    expect_error(nulls, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: query result contains multiple data values for row \"NUL\", column \"NUL\"\n");
    PQclear(res);
    PQclear(nulls);
    popt_free(&opt);
}

static void test_argument_errors(void)
{
    static const char *const names[] = {"a", "b", "a", "d"};
    static const Oid types[] = {T_INT4, T_INT4, T_INT4, T_INT4};
    static const char *const cells[] = {"1", "2", "3", "4"};
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(4, names, types, 1, cells);
    PGresult *two = make_result(2, names, types, 1, cells);
    PGresult *aggs = aggregates_result();

    expect_error(two, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: query must return at least three columns\n");
    expect_error(res, &opt, "a", "b", "d", NULL, "\\crosstabview: ambiguous column name: \"a\"\n");
    expect_error(aggs, &opt, "v", "h", "string_agg", NULL,
                 "\\crosstabview: ambiguous column name: \"string_agg\"\n");
    expect_error(aggs, &opt, "v", "h", "j", NULL, "\\crosstabview: column name not found: \"j\"\n");
    expect_error(res, &opt, "2", "1", "5", NULL,
                 "\\crosstabview: column number 5 is out of range 1..4\n");
    expect_error(res, &opt, "0", NULL, NULL, NULL,
                 "\\crosstabview: column number 0 is out of range 1..4\n");
    expect_error(res, &opt, "2", "b", "4", NULL,
                 "\\crosstabview: vertical and horizontal headers must be different columns\n");
    expect_error(res, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: data column must be specified when query returns more than three columns\n");
    PQclear(res);
    PQclear(two);
    PQclear(aggs);
    popt_free(&opt);
}

/* select x as a, x as b, x as c from generate_series(1,1601) x */
static void test_too_many_columns(void)
{
    static const char *const names[] = {"a", "b", "c"};
    static const Oid types[] = {T_INT4, T_INT4, T_INT4};
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = make_result(3, names, types, 0, NULL);

    for (int r = 0; r < 1601; r++) {
        char num[16];
        int len = snprintf(num, sizeof num, "%d", r + 1);
        for (int c = 0; c < 3; c++)
            PQsetvalue(res, r, c, num, len);
    }
    expect_error(res, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: maximum number of columns (1600) exceeded\n");
    PQclear(res);
    popt_free(&opt);
}

static void test_not_a_result_set(void)
{
    PrintOptions opt;
    default_options(&opt);
    PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_COMMAND_OK);

    expect_error(res, &opt, NULL, NULL, NULL, NULL,
                 "\\crosstabview: statement did not return a result set\n");
    PQclear(res);
    popt_free(&opt);
}

int main(void)
{
    log_set_terse(true);
    RUN(test_default_three_columns);
    RUN(test_unaligned_title_no_numeric_locale);
    RUN(test_names_and_sort_column);
    RUN(test_column_numbers);
    RUN(test_null_display);
    RUN(test_quoted_and_downcased_names);
    RUN(test_sort_column_ties);
    RUN(test_sort_rank_wraparound);
    RUN(test_no_rows);
    RUN(test_duplicate_cell);
    RUN(test_argument_errors);
    RUN(test_too_many_columns);
    RUN(test_not_a_result_set);
    UNIT_DONE();
}
