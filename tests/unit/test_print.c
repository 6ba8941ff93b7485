/*
 * Unit tests of the printers and of \pset.  Every expected text is what /usr/bin/psql 15
 * printed for the same data and settings against a live server.  They live in
 * tests/unit/print-goldens/: a folder per table below (its cases, one a line: an id and
 * the settings; <id>.out: what psql printed), and pset/ for \pset's messages.
 * print-goldens/regenerate makes them again from psql (its FAMILIES hold the queries);
 * the tables here hold the same values as string cells.
 */
#include <libpq-fe.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print/printer.h"
#include "print/width.h"
#include "unit.h"
#include "util/log.h"
#include "util/xalloc.h"

/* the Makefile passes the source folder, so that the test runs from anywhere */
#ifndef UNIT_DATA_DIR
#define UNIT_DATA_DIR "tests/unit"
#endif
#define GOLDENS_DIR UNIT_DATA_DIR "/print-goldens"

typedef struct PrintCase {
    char *settings;             /* name=value lines (a bare name: no value), as psql -P takes them */
    char *expected;             /* what psql printed (NUL bytes included: fieldsep_zero) */
    size_t expected_len;
} PrintCase;

typedef struct PrintCases {
    PrintCase *items;
    size_t n;
} PrintCases;

typedef struct PsetCase {
    char *name;
    char *value;                /* NULL: the command has no value */
    char *out;                  /* psql's stdout */
    char *err;                  /* psql's stderr, without its "psql:<stdin>:N: " prefix */
} PsetCase;

typedef struct TableDef {
    int ncols;
    long nrows;
    const char *const *headers;
    const char *aligns;
    const char *const *cells;
    const char *title;          /* the table's own title and footers, as describe commands give */
    const char *const *footers; /* NULL-terminated */
} TableDef;


/* ------------------------------------------------------------------ tables */

static const char *const basic_headers[] = {"a", "bb", "c"};
static const char *const basic_cells[] = {"1", "x\nyy", NULL, "22", "hello", "z"};
static const TableDef basic_table = {3, 2, basic_headers, "rll", basic_cells, NULL, NULL};

static const char *const multiline_headers[] = {"a", "b\nb", "c", "d"};
static const char *const multiline_cells[] = {"1", "x\nyy", NULL, "a", "22", "hello", "z", "b\nc\nd"};
static const TableDef multiline_table = {4, 2, multiline_headers, "rlll", multiline_cells, NULL, NULL};

static const char *const empty_headers[] = {"a", "b"};
static const TableDef empty_table = {2, 0, empty_headers, "rl", NULL, NULL, NULL};

static const TableDef nocols_table = {0, 1, NULL, "", NULL, NULL, NULL};
static const TableDef nocols5_table = {0, 5, NULL, "", NULL, NULL, NULL};

static const char *const wide_headers[] = {"\345\220\215\345\211\215", "comb", "tab", "cr", "ctl",
                                           "c1", "emoji"};
static const char *const wide_cells[] = {"\346\227\245\346\234\254\350\252\236", "e\314\201x", "a\tb",
                                         "c\rd", "\001", "\302\200\302\237", "\360\237\230\200x"};
static const TableDef wide_table = {7, 1, wide_headers, "lllllll", wide_cells, NULL, NULL};

static const char *const wrap_headers[] = {"g", "txt", "jp"};
static const char *const wrap_cells[] = {
    "1", "abc abc abc ", "\346\227\245\346\234\254",
    "2", "abc abc abc abc abc abc ", "\346\227\245\346\234\254\346\227\245\346\234\254",
    "3", "abc abc abc abc abc abc abc abc abc ",
    "\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254",
    "4", "abc abc abc abc abc abc abc abc abc abc abc abc ",
    "\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254\346\227\245\346\234\254",
};
static const TableDef wrap_table = {3, 4, wrap_headers, "rll", wrap_cells, NULL, NULL};

static const char *const numeric_headers[] = {"n", "i", "o", "t", "m", "f"};
static const char *const numeric_cells[] = {"1234567.891", "-1234", "12", "text", "$1,234.50", "1e+20"};
static const TableDef numeric_table = {6, 1, numeric_headers, "rrrlrr", numeric_cells, NULL, NULL};

static const char *const special_headers[] = {"h|&_\\\\", "blank", "lead", "q", "eod", "cr"};
static const char *const special_cells[] = {"a&b<c>d\"e|f#g$h%i^j_k{l}m~n\\o\np", "  ", "  lead",
                                            "q,\"uote", "\\.", "r\rn"};
static const TableDef special_table = {6, 1, special_headers, "llllll", special_cells, NULL, NULL};

static const char *const separator_headers[] = {"n", "t"};
static const char *const separator_cells[] = {"1", "a", "2", NULL};
static const TableDef separator_table = {2, 2, separator_headers, "rl", separator_cells, NULL, NULL};

static const char *const chunk_headers[] = {"g", "r"};
static const char *const chunk_cells[] = {"1", "x", "2", "xx", "3", "xxx", "4", "xxxx", "5", "xxxxx"};
static const TableDef chunk_table = {2, 5, chunk_headers, "rl", chunk_cells, NULL, NULL};
static const TableDef chunk4_table = {2, 4, chunk_headers, "rl", chunk_cells, NULL, NULL};

/* what \\dRp+ builds: a title and footers of its own */
static const char *const footer_headers[] = {"Owner", "All tables", "Inserts", "Updates", "Deletes",
                                             "Truncates", "Via root"};
static const char *const footer_cells[] = {"root", "f", "t", "t", "t", "t", "f"};
static const char *const footer_footers[] = {"Tables:", "    \"public.pgc_print_t\"", NULL};
static const TableDef footer_table = {7, 1, footer_headers, "lllllll", footer_cells,
                                      "Publication pgc_print_pub", footer_footers};

/* ------------------------------------------------------------------ goldens */

/* the whole file, NUL-terminated (it may hold NUL bytes of its own); NULL when unreadable */
static char *read_golden(const char *name, size_t *len)
{
    char *path = xasprintf("%s/%s", GOLDENS_DIR, name);
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t size = 0;
    if (f) {
        FILE *mem = open_memstream(&data, &size);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            fwrite(chunk, 1, n, mem);
        fclose(mem);
        fclose(f);
    } else {
        fprintf(stderr, "%s: cannot read %s\n", __FILE__, path);
    }
    free(path);
    if (len)
        *len = size;
    return data;
}

/* the next line of *text (its newline replaced by NUL), or NULL at the end; skips comment lines */
static char *next_line(char **text)
{
    while (*text && **text) {
        char *line = *text;
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        *text = nl ? nl + 1 : NULL;
        if (line[0] && line[0] != '#')
            return line;
    }
    return NULL;
}

/* <family>/cases: an id and its settings, tab-separated; <family>/<id>.out: psql's output */
static PrintCases load_print_cases(const char *family)
{
    PrintCases list = {NULL, 0};
    char *name = xasprintf("%s/cases", family);
    char *text = read_golden(name, NULL);
    free(name);
    char *cursor = text;
    for (char *line; (line = next_line(&cursor));) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        PrintCase pc;
        pc.settings = xasprintf("%s\n", tab + 1);
        for (char *p = pc.settings; *p; p++)
            if (*p == '\t')
                *p = '\n';
        char *out = xasprintf("%s/%s.out", family, line);
        pc.expected = read_golden(out, &pc.expected_len);
        free(out);
        if (!pc.expected)
            pc.expected = xstrdup("(missing golden)");
        list.items = xrealloc(list.items, (list.n + 1) * sizeof *list.items);
        list.items[list.n++] = pc;
    }
    free(text);
    /* a missing or empty folder must fail, not pass with nothing checked */
    CHECK(list.n > 0);
    return list;
}

static void free_print_cases(PrintCases *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].settings);
        free(list->items[i].expected);
    }
    free(list->items);
}

/* a field of pset/cases: \N is no value; \\, \n, \t, \r and \xHH are escapes */
static char *unescape_field(const char *field)
{
    if (strcmp(field, "\\N") == 0)
        return NULL;
    char *out = xmalloc(strlen(field) + 1), *o = out;
    for (const char *p = field; *p; p++) {
        if (*p != '\\' || !p[1]) {
            *o++ = *p;
            continue;
        }
        p++;
        if (*p == 'n')
            *o++ = '\n';
        else if (*p == 't')
            *o++ = '\t';
        else if (*p == 'r')
            *o++ = '\r';
        else if (*p == 'x' && p[1] && p[2]) {
            char hex[3] = {p[1], p[2], '\0'};
            *o++ = (char)strtol(hex, NULL, 16);
            p += 2;
        } else
            *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* pset/cases: name, value, stdout, stderr, tab-separated, escaped */
static PsetCase *load_pset_cases(size_t *n)
{
    PsetCase *cases = NULL;
    *n = 0;
    char *text = read_golden("pset/cases", NULL);
    char *cursor = text;
    for (char *line; (line = next_line(&cursor));) {
        char *fields[4];
        int k = 0;
        for (char *p = line; k < 4; k++) {
            fields[k] = p;
            p = p ? strchr(p, '\t') : NULL;
            if (p)
                *p++ = '\0';
        }
        if (!fields[3])
            continue;
        cases = xrealloc(cases, (*n + 1) * sizeof *cases);
        cases[*n].name = unescape_field(fields[0]);
        cases[*n].value = unescape_field(fields[1]);
        cases[*n].out = unescape_field(fields[2]);
        cases[*n].err = unescape_field(fields[3]);
        ++*n;
    }
    free(text);
    CHECK(*n > 0);
    return cases;
}

static void free_pset_cases(PsetCase *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cases[i].name);
        free(cases[i].value);
        free(cases[i].out);
        free(cases[i].err);
    }
    free(cases);
}


/* ------------------------------------------------------------------ helpers */

static void utf8_options(PrintOptions *opt)
{
    popt_init(opt);
    opt->encoding = pg_char_to_encoding("UTF8");
}

static void apply_settings(PrintOptions *opt, const char *settings)
{
    char *copy = strdup(settings);
    for (char *item = strtok(copy, "\n"); item; item = strtok(NULL, "\n")) {
        char *eq = strchr(item, '=');
        if (eq)
            *eq++ = '\0';
        CHECK(popt_pset(opt, item, eq, true));
    }
    free(copy);
}

/* prints rows [first, first + n) as print_result would: \pset title is the table's */
static void print_rows_of(const TableDef *td, long first, long n, const PrintOptions *opt, FILE *f)
{
    PrintTable t;
    ptable_init(&t, td->ncols, n, td->headers, td->aligns,
                td->cells ? (const char **)td->cells + first * td->ncols : NULL);
    if (td->title)
        ptable_set_title(&t, td->title);
    else if (opt->title)
        ptable_set_title(&t, opt->title);
    for (int i = 0; td->footers && td->footers[i]; i++)
        ptable_add_footer(&t, td->footers[i]);
    print_table(&t, opt, f, 0);
    ptable_free(&t);
}

/* psql's FETCH_COUNT loop: chunks until one comes back short, the pager flag set by a full one */
static void print_chunked(const TableDef *td, const PrintOptions *base, long chunk, FILE *f)
{
    PrintOptions opt;
    popt_copy(&opt, base);
    opt.start_table = true;
    opt.stop_table = false;
    opt.prior_records = 0;
    for (long first = 0;; first += chunk) {
        long n = td->nrows - first < chunk ? td->nrows - first : chunk;
        if (n < chunk)
            opt.stop_table = true;
        else
            opt.is_pager = true;
        print_rows_of(td, first, n, &opt, f);
        opt.start_table = false;
        opt.prior_records += (unsigned long)n;
        if (n < chunk)
            break;
    }
    popt_free(&opt);
}

static void print_log_of(const TableDef *td, const PrintOptions *opt, FILE *f)
{
    PrintTable t;
    ptable_init(&t, td->ncols, td->nrows, td->headers, td->aligns, (const char **)td->cells);
    if (opt->title)
        ptable_set_title(&t, opt->title);
    print_table_log(&t, opt, f);
    ptable_free(&t);
}

/* chunk: 0 prints the table at once, > 0 in FETCH_COUNT chunks, < 0 as the log file gets it */
static char *render(const TableDef *td, const char *settings, long chunk, size_t *len)
{
    PrintOptions opt;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    apply_settings(&opt, settings);
    if (chunk < 0)
        print_log_of(td, &opt, f);
    else if (chunk > 0)
        print_chunked(td, &opt, chunk, f);
    else
        print_rows_of(td, 0, td->nrows, &opt, f);
    popt_free(&opt);
    fclose(f);
    *len = size;
    return buf;
}

/* every case of a golden folder: td printed with its settings is what psql printed */
static void run_cases(const TableDef *td, const char *family, long chunk)
{
    const char *test = unit_current;
    PrintCases cases = load_print_cases(family);
    for (size_t i = 0; i < cases.n; i++) {
        const PrintCase *pc = &cases.items[i];
        size_t len;
        char *got = render(td, pc->settings, chunk, &len);
        unit_current = pc->settings;    /* a failure names the settings */
        if (len != pc->expected_len || memcmp(got, pc->expected, len) != 0)
            fprintf(stderr, "----\n%s/%s\n", GOLDENS_DIR, family);
        CHECK_MEM(got, len, pc->expected, pc->expected_len);
        unit_current = test;
        free(got);
    }
    free_print_cases(&cases);
}

/* ------------------------------------------------------------------ printers */

static void test_basic(void) { run_cases(&basic_table, "basic", 0); }
static void test_multiline(void) { run_cases(&multiline_table, "multiline", 0); }
static void test_empty(void) { run_cases(&empty_table, "empty", 0); }
static void test_no_columns(void) { run_cases(&nocols_table, "nocols", 0); }
static void test_wide_and_control(void) { run_cases(&wide_table, "wide", 0); }
static void test_wrapped(void) { run_cases(&wrap_table, "wrap", 0); }
static void test_numeric_locale(void) { run_cases(&numeric_table, "numeric", 0); }
static void test_escaping(void) { run_cases(&special_table, "special", 0); }
static void test_separators(void) { run_cases(&separator_table, "separator", 0); }
static void test_fetch_count_chunks(void)
{
    run_cases(&chunk_table, "chunk", 2);
    run_cases(&chunk4_table, "chunk4", 2);
    /* the last chunk's closing rule is as wide as a record header for its one row */
    run_cases(&nocols5_table, "nocols_chunk", 2);
}

/* what psql writes to its --log-file: the aligned layout whatever the format */
static void test_log_file_layout(void) { run_cases(&basic_table, "log", -1); }
static void test_own_title_and_footers(void) { run_cases(&footer_table, "footer", 0); }

static const char *find_case(const PrintCases *cases, const char *settings)
{
    for (size_t i = 0; i < cases->n; i++)
        if (strcmp(cases->items[i].settings, settings) == 0)
            return cases->items[i].expected;
    return NULL;
}

static void test_expanded_auto_uses_terminal_width(void)
{
    PrintOptions opt;
    PrintTable t;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    opt.expanded = EXPANDED_AUTO;
    ptable_init(&t, 3, 4, wrap_headers, "rll", (const char **)wrap_cells);
    print_table(&t, &opt, f, 200);     /* fits: normal layout */
    print_table(&t, &opt, f, 30);      /* too wide: expanded, as with \pset columns 30 */
    fclose(f);
    PrintCases wrap_cases = load_print_cases("wrap");
    const char *wide = find_case(&wrap_cases, "expanded=auto\ncolumns=200\n");
    const char *narrow = find_case(&wrap_cases, "expanded=auto\ncolumns=30\n");
    CHECK(wide && narrow);
    if (!wide || !narrow) {
        free_print_cases(&wrap_cases);
        return;
    }
    char *want = NULL;
    size_t wsize = 0;
    FILE *w = open_memstream(&want, &wsize);
    fputs(wide, w);
    fputs(narrow, w);
    fclose(w);
    CHECK_STR(buf, want);
    free(want);
    free(buf);
    free_print_cases(&wrap_cases);
    ptable_free(&t);
    popt_free(&opt);
}

static void test_result_alignment_types(void)
{
    /* int2 int4 int8 float4 float8 numeric oid xid xid8 cid money */
    static const Oid right[] = {21, 23, 20, 700, 701, 1700, 26, 28, 5069, 29, 790};
    static const Oid left[] = {25, 1043, 16, 1082, 1114, 114, 3802, 17, 1005, 2950};
    for (size_t i = 0; i < sizeof right / sizeof right[0]; i++)
        CHECK(ptable_type_is_numeric(right[i]));
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++)
        CHECK(!ptable_type_is_numeric(left[i]));
}

static void test_nothing_format_prints_nothing(void)
{
    PrintOptions opt;
    PrintTable t;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    opt.format = PRINT_NOTHING;
    ptable_init(&t, 3, 2, basic_headers, "rll", (const char **)basic_cells);
    print_table(&t, &opt, f, 0);
    fclose(f);
    CHECK_STR(buf, "");
    free(buf);
    ptable_free(&t);
    popt_free(&opt);
}

/* ------------------------------------------------------------------ width */

static void check_size(const char *s, int encoding, int width, int height, int fsize)
{
    TextSize sz;
    text_measure(s, strlen(s), encoding, &sz);
    CHECK_INT(sz.width, width);
    CHECK_INT(sz.height, height);
    CHECK_INT(sz.format_size, fsize);
}

static void test_width_rules(void)
{
    int utf8 = pg_char_to_encoding("UTF8");
    int latin1 = pg_char_to_encoding("LATIN1");

    check_size("hello", utf8, 5, 1, 6);
    check_size("", utf8, 0, 1, 1);
    check_size("\346\227\245\346\234\254", utf8, 4, 1, 7);        /* two double-width */
    check_size("e\314\201x", utf8, 2, 1, 5);                      /* combining acute: zero width */
    check_size("a\tb", utf8, 9, 1, 10);                           /* tab to column 8 */
    check_size("c\rd", utf8, 4, 1, 5);                            /* \r shows as two characters */
    check_size("\001", utf8, 4, 1, 5);                            /* \x01 */
    check_size("\302\200", utf8, 6, 1, 7);                        /* \u0080 */
    check_size("ab\ncde\n", utf8, 3, 3, 8);
    check_size("caf\351", latin1, 4, 1, 5);
    CHECK_INT(text_width("\346\227\245x", 4, utf8), 3);
    CHECK(text_is_printable_ascii("plain text, 0123456789 ~!", 25));
    CHECK(!text_is_printable_ascii("0123456789abcdef\x7f", 17));
    CHECK(!text_is_printable_ascii("0123456789abcdef\t", 17));
    CHECK(!text_is_printable_ascii("0123456\3510123456789", 17));
    CHECK(text_is_ascii("tab\tand\nnewline, still ascii", 28));
    CHECK(!text_is_ascii("0123456789\303\251", 12));
}

static void test_width_format_lines(void)
{
    int utf8 = pg_char_to_encoding("UTF8");
    char buf[64];
    TextLine lines[4];
    const char *s = "a\tb\n\001\302\237\nz\r";

    CHECK_INT(text_format(s, strlen(s), utf8, true, buf, lines), 3);
    CHECK_STR(lines[0].ptr, "a       b");
    CHECK_INT(lines[0].width, 9);
    CHECK_STR(lines[1].ptr, "\\x01\\u009F");
    CHECK_INT(lines[1].width, 10);
    CHECK_STR(lines[2].ptr, "z\\r");
    CHECK(lines[3].ptr == NULL);

    int target = 3;
    CHECK_INT(text_prefix_for_width("\346\227\245\346\234\254x", &target, utf8), 3);
    CHECK_INT(target, 2);
    target = 1;     /* a character wider than the target is still taken alone */
    CHECK_INT(text_prefix_for_width("\346\227\245\346\234\254", &target, utf8), 3);
    CHECK_INT(target, 2);
}

static void test_utf8_validation(void)
{
    StrBuf sb = STRBUF_INIT;
    /* what psql printed for \pset null 'a\377b\303\251c\355\240\200d\360\220\200\200e\341\200f' */
    const char *bad = "a\377b\303\251c\355\240\200d\360\220\200\200e\341\200f";
    size_t len = strlen(bad);
    const char *good = text_validate_utf8(bad, &len, &sb);
    CHECK_STR(good, "ab\303\251cd\360\220\200\200ef");
    CHECK_INT(len, strlen("ab\303\251cd\360\220\200\200ef"));
    const char *fine = "d\303\251j\303\240 vu";
    len = strlen(fine);
    CHECK(text_validate_utf8(fine, &len, &sb) == fine);
    sb_free(&sb);
}

static void test_invalid_utf8_null_display(void)
{
    /* psql -P format=unaligned, \pset null with invalid bytes, select null as x, 1 as y */
    PrintOptions opt;
    PrintTable t;
    static const char *const headers[] = {"x", "y"};
    const char *cells[] = {NULL, "1"};
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);

    utf8_options(&opt);
    popt_pset(&opt, "null", "a\377b\303\251c\355\240\200d\360\220\200\200e\341\200f", true);
    opt.format = PRINT_CSV;
    ptable_init(&t, 2, 1, headers, "lr", cells);
    print_table(&t, &opt, f, 0);
    fclose(f);
    CHECK_STR(buf, "x,y\nab\303\251cd\360\220\200\200ef,1\n");
    free(buf);
    ptable_free(&t);
    popt_free(&opt);
}

static void test_numeric_locale_function(void)
{
    char *s;
    CHECK_STR(s = print_format_numeric_locale("1234567.891"), "1,234,567.891"); free(s);
    CHECK_STR(s = print_format_numeric_locale("-1234"), "-1,234"); free(s);
    CHECK_STR(s = print_format_numeric_locale("123"), "123"); free(s);
    CHECK_STR(s = print_format_numeric_locale("1e+20"), "1e+20"); free(s);
    CHECK_STR(s = print_format_numeric_locale("12345e+20"), "12,345e+20"); free(s);
    CHECK_STR(s = print_format_numeric_locale("$1,234.50"), "$1,234.50"); free(s);
    CHECK_STR(s = print_format_numeric_locale("NaN"), "NaN"); free(s);
}

static void test_estimate_lines(void)
{
    PrintOptions opt;
    PrintTable t;

    utf8_options(&opt);
    ptable_init(&t, 3, 2, basic_headers, "rll", (const char **)basic_cells);
    /* rows + 1, plus the header's height and one extra line for "x\nyy" */
    CHECK_INT(print_estimate_lines(&t, &opt), 5);
    opt.expanded = EXPANDED_ON;
    CHECK_INT(print_estimate_lines(&t, &opt), 8);       /* (columns + 1) * rows */
    opt.expanded = EXPANDED_OFF;
    opt.format = PRINT_UNALIGNED;
    CHECK_INT(print_estimate_lines(&t, &opt), 3);
    ptable_add_footer(&t, "f");
    CHECK_INT(print_estimate_lines(&t, &opt), 4);
    opt.format = PRINT_ALIGNED;
    CHECK_INT(print_estimate_lines_width(&t, &opt, 80), 6);
    CHECK(print_estimate_lines_width(&t, &opt, 10) == LONG_MAX);   /* wider than the screen */
    ptable_free(&t);
    popt_free(&opt);
}

/* ------------------------------------------------------------------ \pset */

/* runs f with stderr going to a temporary file and returns what it wrote */
static char *capture_stderr(bool (*fn)(void *), void *arg, bool *result)
{
    FILE *tmp = tmpfile();
    int saved = dup(2);
    fflush(stderr);
    dup2(fileno(tmp), 2);
    *result = fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    long n = ftell(tmp);
    (void)n;
    fseek(tmp, 0, SEEK_END);
    long size = ftell(tmp);
    char *text = calloc(1, (size_t)size + 1);
    rewind(tmp);
    if (size > 0 && fread(text, 1, (size_t)size, tmp) != (size_t)size)
        text[0] = '\0';
    fclose(tmp);
    return text;
}

typedef struct PsetCall {
    PrintOptions *opt;
    const PsetCase *pc;
    FILE *out;
} PsetCall;

static bool call_pset(void *arg)
{
    PsetCall *call = arg;
    return popt_pset_to(call->opt, call->pc->name, call->pc->value, false, call->out);
}

static void test_pset_messages(void)
{
    PrintOptions opt;
    char *buf = NULL;
    size_t size = 0;
    size_t ncases;
    PsetCase *cases = load_pset_cases(&ncases);
    char *show_all_initial = read_golden("pset/show-initial.out", NULL);
    char *show_all_final = read_golden("pset/show-final.out", NULL);

    log_init("psql");
    log_set_terse(false);
    utf8_options(&opt);
    FILE *f = open_memstream(&buf, &size);
    popt_show_all(&opt, f);
    fclose(f);
    CHECK_STR(buf, show_all_initial);
    free(buf);

    for (size_t i = 0; i < ncases; i++) {
        const PsetCase *pc = &cases[i];
        bool ok;
        buf = NULL;
        f = open_memstream(&buf, &size);
        PsetCall call = {&opt, pc, f};
        char *err = capture_stderr(call_pset, &call, &ok);
        fclose(f);
        char want_err[512] = "";
        if (*pc->err)
            snprintf(want_err, sizeof want_err, "psql: %s", pc->err);
        unit_current = pc->name;
        CHECK_STR(buf, pc->out);
        CHECK_STR(err, want_err);
        CHECK(ok == (*pc->err == '\0'));
        unit_current = "test_pset_messages";
        free(buf);
        free(err);
    }
    buf = NULL;
    f = open_memstream(&buf, &size);
    popt_show_all(&opt, f);
    fclose(f);
    CHECK_STR(buf, show_all_final);
    free(buf);
    popt_free(&opt);
    free(show_all_initial);
    free(show_all_final);
    free_pset_cases(cases, ncases);
}

static void test_pset_value_strings(void)
{
    PrintOptions opt;
    char *v;

    utf8_options(&opt);
    CHECK_STR(v = popt_value_string(&opt, "recordsep"), "'\\n'"); free(v);
    CHECK_STR(v = popt_value_string(&opt, "format"), "aligned"); free(v);
    CHECK(popt_value_string(&opt, "bogus") == NULL);
    CHECK_STR(popt_format_name(PRINT_LATEX_LONGTABLE), "latex-longtable");
    CHECK_STR(popt_format_name(PRINT_TROFF_MS), "troff-ms");

    /* copies are deep: changing one leaves the other alone */
    PrintOptions copy;
    popt_pset(&opt, "null", "N", true);
    popt_copy(&copy, &opt);
    popt_pset(&opt, "null", "other", true);
    CHECK_STR(copy.null_print, "N");
    popt_free(&copy);
    popt_free(&opt);
}

/* ------------------------------------------------------------------ Ctrl-C */

static int cancel_checks;

/* Ctrl-C pressed while the first block of output was being written */
static bool pressed_after_first_block(void)
{
    return ++cancel_checks > 1;
}

static void test_ctrl_c_stops_at_a_line_end(void)
{
    enum { ROWS = 20000 };
    char **cells = calloc(ROWS * 2, sizeof *cells);
    for (int i = 0; i < ROWS; i++) {
        cells[2 * i] = malloc(16);
        snprintf(cells[2 * i], 16, "%d", i + 1);
        cells[2 * i + 1] = strdup("some text to fill the line");
    }
    const char *headers[] = {"n", "t"};
    for (const char *const *settings = (const char *const[]){"format=aligned", "format=unaligned", "format=csv",
                                                             "expanded=on", NULL};
         *settings; settings++) {
        PrintOptions opt;
        utf8_options(&opt);
        apply_settings(&opt, *settings);
        PrintTable t;
        ptable_init(&t, 2, ROWS, headers, "rl", (const char **)cells);
        char *buf = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&buf, &size);
        cancel_checks = 0;
        print_set_cancel_check(pressed_after_first_block);
        print_table(&t, &opt, f, 0);
        print_set_cancel_check(NULL);
        fclose(f);
        unit_current = *settings;
        CHECK(size > PRINT_OUTBUF_SIZE && size < 2 * PRINT_OUTBUF_SIZE);
        CHECK(size > 0 && buf[size - 1] == '\n');
        CHECK(strstr(buf, "rows)") == NULL);
        CHECK(strstr(buf, "some text to fill the line") != NULL);
        free(buf);
        ptable_free(&t);
        popt_free(&opt);
    }
    for (int i = 0; i < ROWS * 2; i++)
        free(cells[i]);
    free(cells);
}

int main(void)
{
    /* psql formats numbers with the locale's punctuation; the tests expect C's */
    setlocale(LC_ALL, "C");
    RUN(test_basic);
    RUN(test_multiline);
    RUN(test_empty);
    RUN(test_no_columns);
    RUN(test_wide_and_control);
    RUN(test_wrapped);
    RUN(test_numeric_locale);
    RUN(test_escaping);
    RUN(test_separators);
    RUN(test_fetch_count_chunks);
    RUN(test_own_title_and_footers);
    RUN(test_log_file_layout);
    RUN(test_expanded_auto_uses_terminal_width);
    RUN(test_result_alignment_types);
    RUN(test_nothing_format_prints_nothing);
    RUN(test_width_rules);
    RUN(test_width_format_lines);
    RUN(test_utf8_validation);
    RUN(test_invalid_utf8_null_display);
    RUN(test_numeric_locale_function);
    RUN(test_estimate_lines);
    RUN(test_pset_messages);
    RUN(test_pset_value_strings);
    RUN(test_ctrl_c_stops_at_a_line_end);
    UNIT_DONE();
}
