/*
 * The json format (print/json.c): values typed from the column types, exact numbers,
 * escaping of control characters and of invalid UTF-8, streaming in FETCH_COUNT
 * chunks, JSON Lines with tuples only; and \pset format's rules with json among them.
 */
#include <libpq-fe.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print/printer.h"
#include "unit.h"

static void json_options(PrintOptions *opt)
{
    popt_init(opt);
    opt->encoding = pg_char_to_encoding("UTF8");
    opt->format = PRINT_JSON;
}

static char *print_to_string(const PrintTable *t, const PrintOptions *opt)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    print_table(t, opt, f, 0);
    fclose(f);
    return buf;
}

/* a one-column, one-row table of the given type and cell, printed as json */
static char *one_value(Oid type, const char *cell)
{
    static const char *const headers[] = {"v"};
    const char *cells[] = {cell};
    PrintOptions opt;
    PrintTable t;
    json_options(&opt);
    ptable_init(&t, 1, 1, headers, "l", cells);
    ptable_set_type(&t, 0, type);
    char *out = print_to_string(&t, &opt);
    ptable_free(&t);
    popt_free(&opt);
    return out;
}

#define CHECK_VALUE(type, cell, want)                                                  \
    do {                                                                               \
        char *got_ = one_value(type, cell);                                            \
        CHECK_STR(got_, "[\n  {\"v\": " want "}\n]\n");                               \
        free(got_);                                                                    \
    } while (0)

static void test_numbers_are_exact(void)
{
    CHECK_VALUE(PTYPE_INT4, "42", "42");
    CHECK_VALUE(PTYPE_INT8, "-9223372036854775808", "-9223372036854775808");
    CHECK_VALUE(PTYPE_INT2, "0", "0");
    CHECK_VALUE(PTYPE_OID, "16384", "16384");
    /* numeric keeps every digit, trailing zeros included */
    CHECK_VALUE(PTYPE_NUMERIC, "123456789012345678901234567890.1200", "123456789012345678901234567890.1200");
    CHECK_VALUE(PTYPE_FLOAT8, "1e+300", "1e+300");
    CHECK_VALUE(PTYPE_FLOAT4, "-1.5e-05", "-1.5e-05");
    CHECK_VALUE(PTYPE_FLOAT8, "-0", "-0");
    /* what JSON has no number for stays a string */
    CHECK_VALUE(PTYPE_FLOAT8, "NaN", "\"NaN\"");
    CHECK_VALUE(PTYPE_FLOAT8, "Infinity", "\"Infinity\"");
    CHECK_VALUE(PTYPE_NUMERIC, "-Infinity", "\"-Infinity\"");
    CHECK_VALUE(PTYPE_NUMERIC, "01", "\"01\"");
    CHECK_VALUE(PTYPE_NUMERIC, "1.", "\"1.\"");
    CHECK_VALUE(PTYPE_NUMERIC, ".5", "\".5\"");
    CHECK_VALUE(PTYPE_NUMERIC, "1e", "\"1e\"");
    CHECK_VALUE(PTYPE_NUMERIC, "+1", "\"+1\"");
    CHECK_VALUE(PTYPE_NUMERIC, "", "\"\"");
}

static void test_booleans_json_and_strings(void)
{
    CHECK_VALUE(PTYPE_BOOL, "t", "true");
    CHECK_VALUE(PTYPE_BOOL, "f", "false");
    CHECK_VALUE(PTYPE_JSONB, "{\"a\": [1, null, \"x\"]}", "{\"a\": [1, null, \"x\"]}");
    CHECK_VALUE(PTYPE_JSON, "[1,2]", "[1,2]");
    /* json that is not UTF-8 cannot be embedded: a string, with the bad byte replaced */
    CHECK_VALUE(PTYPE_JSON, "\"\377\"", "\"\\\"\\ufffd\\\"\"");
    CHECK_VALUE(PTYPE_TEXT, "42", "\"42\"");
    CHECK_VALUE(1184 /* timestamptz */, "2024-01-02 03:04:05+00", "\"2024-01-02 03:04:05+00\"");
    CHECK_VALUE(PTYPE_INT4, NULL, "null");
    CHECK_VALUE(PTYPE_TEXT, NULL, "null");
}

static void test_escaping(void)
{
    CHECK_VALUE(PTYPE_TEXT, "a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
    CHECK_VALUE(PTYPE_TEXT, "\b\f\n\r\t\001\037\177", "\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"");
    /* valid UTF-8 passes as it is; U+2028 and U+2029 are escaped for JavaScript's sake */
    CHECK_VALUE(PTYPE_TEXT, "d\303\251j\303\240 \360\237\230\200", "\"d\303\251j\303\240 \360\237\230\200\"");
    CHECK_VALUE(PTYPE_TEXT, "a\342\200\250b\342\200\251c", "\"a\\u2028b\\u2029c\"");
    /* invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form, a surrogate */
    CHECK_VALUE(PTYPE_TEXT, "a\200b", "\"a\\ufffdb\"");
    CHECK_VALUE(PTYPE_TEXT, "a\303", "\"a\\ufffd\"");
    CHECK_VALUE(PTYPE_TEXT, "\300\257", "\"\\ufffd\\ufffd\"");
    CHECK_VALUE(PTYPE_TEXT, "\355\240\200x", "\"\\ufffd\\ufffd\\ufffdx\"");
    CHECK_VALUE(PTYPE_TEXT, "\364\220\200\200", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static const char *const headers3[] = {"id", "na\"me", "ok"};
static const char *cells3[] = {"1", "one", "t", "2", NULL, "f", "3", "three", NULL};

static void table3(PrintTable *t)
{
    ptable_init(t, 3, 3, headers3, "rll", cells3);
    ptable_set_type(t, 0, PTYPE_INT4);
    ptable_set_type(t, 2, PTYPE_BOOL);
}

static void test_rows_and_settings_that_do_not_apply(void)
{
    PrintOptions opt;
    PrintTable t;
    json_options(&opt);
    table3(&t);
    /* null display, numeric locale, expanded, title and footers are for reading, not for data */
    popt_pset(&opt, "null", "(null)", true);
    opt.numeric_locale = true;
    opt.expanded = EXPANDED_ON;
    ptable_set_title(&t, "a title");
    ptable_add_footer(&t, "a footer");
    char *out = print_to_string(&t, &opt);
    CHECK_STR(out, "[\n"
                   "  {\"id\": 1, \"na\\\"me\": \"one\", \"ok\": true},\n"
                   "  {\"id\": 2, \"na\\\"me\": null, \"ok\": false},\n"
                   "  {\"id\": 3, \"na\\\"me\": \"three\", \"ok\": null}\n"
                   "]\n");
    free(out);
    /* tuples only: the rows alone, one a line (JSON Lines) */
    opt.tuples_only = true;
    out = print_to_string(&t, &opt);
    CHECK_STR(out, "{\"id\": 1, \"na\\\"me\": \"one\", \"ok\": true}\n"
                   "{\"id\": 2, \"na\\\"me\": null, \"ok\": false}\n"
                   "{\"id\": 3, \"na\\\"me\": \"three\", \"ok\": null}\n");
    free(out);
    ptable_free(&t);
    popt_free(&opt);
}

static void test_empty_and_columnless(void)
{
    PrintOptions opt;
    PrintTable t;
    json_options(&opt);
    ptable_init(&t, 3, 0, headers3, "rll", NULL);
    char *out = print_to_string(&t, &opt);
    CHECK_STR(out, "[]\n");
    free(out);
    ptable_free(&t);
    /* SELECT FROM generate_series(1, 2): rows without columns */
    ptable_init(&t, 0, 2, NULL, "", NULL);
    out = print_to_string(&t, &opt);
    CHECK_STR(out, "[\n  {},\n  {}\n]\n");
    free(out);
    ptable_free(&t);
    popt_free(&opt);
}

/* FETCH_COUNT: chunks of one array, the first opening it and the last closing it */
static void test_chunks_stream_one_array(void)
{
    PrintOptions opt;
    PrintTable first, second, last;
    json_options(&opt);
    ptable_init(&first, 3, 2, headers3, "rll", cells3);
    ptable_init(&second, 3, 1, headers3, "rll", cells3 + 6);
    ptable_init(&last, 3, 0, headers3, "rll", NULL);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    opt.start_table = true;
    opt.stop_table = false;
    opt.prior_records = 0;
    print_table(&first, &opt, f, 0);
    fflush(f);
    /* each row is out as soon as its chunk is printed */
    CHECK(strstr(buf, "\"three\"") == NULL && strstr(buf, "\"one\"") != NULL);
    opt.start_table = false;
    opt.prior_records = 2;
    print_table(&second, &opt, f, 0);
    opt.stop_table = true;
    opt.prior_records = 3;
    print_table(&last, &opt, f, 0);
    fclose(f);
    CHECK_STR(buf, "[\n"
                   "  {\"id\": \"1\", \"na\\\"me\": \"one\", \"ok\": \"t\"},\n"
                   "  {\"id\": \"2\", \"na\\\"me\": null, \"ok\": \"f\"},\n"
                   "  {\"id\": \"3\", \"na\\\"me\": \"three\", \"ok\": null}\n"
                   "]\n");
    free(buf);
    ptable_free(&first);
    ptable_free(&second);
    ptable_free(&last);
    popt_free(&opt);
}

static void test_pset_format_json(void)
{
    PrintOptions opt;
    popt_init(&opt);
    CHECK(popt_pset(&opt, "format", "json", true) && opt.format == PRINT_JSON);
    char *v = popt_value_string(&opt, "format");
    CHECK_STR(v, "json");
    free(v);
    CHECK(popt_pset(&opt, "format", "j", true) && opt.format == PRINT_JSON);
    CHECK(popt_pset(&opt, "format", "JSON", true) && opt.format == PRINT_JSON);
    /* psql's abbreviations are unchanged */
    CHECK(popt_pset(&opt, "format", "l", true) && opt.format == PRINT_LATEX);
    CHECK(popt_pset(&opt, "format", "latex-l", true) && opt.format == PRINT_LATEX_LONGTABLE);
    CHECK(popt_pset(&opt, "format", "u", true) && opt.format == PRINT_UNALIGNED);
    CHECK(popt_pset(&opt, "format", "c", true) && opt.format == PRINT_CSV);
    CHECK(!popt_pset(&opt, "format", "jsonl", true));
    CHECK(opt.format == PRINT_CSV);
    popt_free(&opt);
}

int main(void)
{
    setlocale(LC_ALL, "C");
    RUN(test_numbers_are_exact);
    RUN(test_booleans_json_and_strings);
    RUN(test_escaping);
    RUN(test_rows_and_settings_that_do_not_apply);
    RUN(test_empty_and_columnless);
    RUN(test_chunks_stream_one_array);
    RUN(test_pset_format_json);
    UNIT_DONE();
}
