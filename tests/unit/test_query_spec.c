/*
 * The query-step interpreter behind the catalog listings (which steps apply
 * for +, S, patterns and server versions, and how the WHERE clause is opened),
 * psql's type-name aliases for \dT, \df and \do patterns and its way of naming
 * a server version.  Steps here use no pattern text, so no connection is needed.
 */
#include <stdbool.h>
#include <stddef.h>

#include "meta/describe/query_spec.h"
#include "unit.h"
#include "util/strbuf.h"

static const NamePattern visible = {.namevar = "x.name", .visibility = "visible(x)", .maxparts = 1};
static const NamePattern second = {.arg = 1, .namevar = "y.name", .visibility = "visible(y)", .maxparts = 1};

static const QueryStep steps[] = {
    Q_TEXT("A"),
    Q_IF(QS_VERBOSE, "+"),
    Q_IF(QS_TERSE, "-"),
    Q_SINCE(150000, 0, "15"),
    Q_BEFORE(150000, 0, "<15"),
    Q_IF(QS_HIDE_SYSTEM, "[nosys]"),
    Q_IF(QS_NO_PATTERN, "[nopat]"),
    Q_TEXT("\n"),
    Q_PATTERN(0, visible),
    Q_AND_OR_WHERE(0),
    Q_TEXT("\n"),
    Q_PATTERN(QS_SECOND, second),
    Q_END,
};

static char *build(const QueryStep *list, bool verbose, bool system, int sversion)
{
    QueryArgs a = {.pattern = {NULL, NULL}, .verbose = verbose, .system = system, .sversion = sversion};
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "");
    CHECK(query_spec_build(NULL, list, &a, &sql));
    return sb_steal(&sql);
}

static void test_conditions(void)
{
    char *q = build(steps, false, false, 150000);
    CHECK_STR(q, "A-15[nosys][nopat]\nWHERE visible(x)\nAND\n");
    free(q);
    q = build(steps, true, true, 140000);
    CHECK_STR(q, "A+<15[nopat]\nWHERE visible(x)\nAND\n");
    free(q);
}

static const QueryStep where_steps[] = {
    Q_OPEN(QS_HIDE_SYSTEM, "WHERE sys\n"),
    Q_PATTERN(0, visible),
    Q_RESET("UNION\n"),
    Q_PATTERN(0, visible),
    Q_OPEN(0, "JOIN ON\n"),
    Q_PATTERN(0, visible),
    Q_END,
};

static void test_where_tracking(void)
{
    QueryArgs a = {.pattern = {NULL, NULL}, .sversion = 150000};
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "");
    CHECK(query_spec_build(NULL, where_steps, &a, &sql));
    CHECK_STR(sb_str(&sql), "WHERE sys\n  AND visible(x)\nUNION\nWHERE visible(x)\nJOIN ON\n  AND visible(x)\n");
    sb_free(&sql);
    a.system = true;
    sb_append(&sql, "");
    CHECK(query_spec_build(NULL, where_steps, &a, &sql));
    CHECK_STR(sb_str(&sql), "WHERE visible(x)\nUNION\nWHERE visible(x)\nJOIN ON\n  AND visible(x)\n");
    sb_free(&sql);
}

/* a step is kept from its first server version up to the first one that no longer gets it */
static const QueryStep versioned_steps[] = {
    Q_TEXT("A"),
    Q_SINCE(110000, 0, "+t"),
    Q_BEFORE(110000, 0, "+f"),
    Q_IF(QS_VERBOSE, "[v]"),
    Q_SINCE(150000, QS_VERBOSE, "[v15]"),
    Q_IF(QS_TERSE, "[terse]"),
    {.kind = QK_TEXT, .since = 120000, .before = 140000, .text = "<12-13>"},
    Q_TEXT("Z"),
    Q_END,
};

static void check_versioned(int sversion, bool verbose, const char *want)
{
    char *q = build(versioned_steps, verbose, false, sversion);
    CHECK_STR(q, want);
    free(q);
}

static void test_version_bounds(void)
{
    check_versioned(100000, false, "A+f[terse]Z");
    check_versioned(110000, false, "A+t[terse]Z");
    check_versioned(120000, false, "A+t[terse]<12-13>Z");
    check_versioned(139999, false, "A+t[terse]<12-13>Z");
    check_versioned(140000, false, "A+t[terse]Z");
}

static void test_verbose(void)
{
    check_versioned(140000, true, "A+t[v]Z");
    check_versioned(150000, true, "A+t[v][v15]Z");
    check_versioned(150000, false, "A+t[terse]Z");
}

static void test_empty_list(void)
{
    static const QueryStep none[] = {Q_END};
    QueryArgs a = {.pattern = {NULL, NULL}, .verbose = true, .sversion = 150000};
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "kept");
    CHECK(query_spec_build(NULL, none, &a, &sql));
    CHECK_STR(sb_str(&sql), "kept");
    sb_free(&sql);
}

static void test_type_names(void)
{
    CHECK_STR(query_spec_map_type_name("int"), "integer");
    CHECK_STR(query_spec_map_type_name("INT"), "integer");
    CHECK_STR(query_spec_map_type_name("float8[]"), "double precision[]");
    CHECK_STR(query_spec_map_type_name("Decimal"), "numeric");
    CHECK_STR(query_spec_map_type_name("int4"), "int4");
    CHECK_STR(query_spec_map_type_name("int4[]"), "integer[]");
    CHECK_STR(query_spec_map_type_name("varchar[]"), "character varying[]");
    CHECK(query_spec_map_type_name(NULL) == NULL);
}

/* "does not support" messages name releases as psql does: by major version from 10 on */
static void test_server_major(void)
{
    char version[32];
    query_spec_server_major(90624, version, sizeof version);
    CHECK_STR(version, "9.6");
    query_spec_server_major(100000, version, sizeof version);
    CHECK_STR(version, "10");
    query_spec_server_major(150018, version, sizeof version);
    CHECK_STR(version, "15");
}

int main(void)
{
    RUN(test_conditions);
    RUN(test_where_tracking);
    RUN(test_version_bounds);
    RUN(test_verbose);
    RUN(test_empty_list);
    RUN(test_type_names);
    RUN(test_server_major);
    UNIT_DONE();
}
