/*
 * The query-step interpreter behind the object describe commands (which steps
 * apply for +, S, patterns and server versions, and how the WHERE clause is
 * opened) and psql's type-name aliases for \dT, \df and \do patterns.  Steps
 * here use no pattern text, so no connection is needed.
 */
#include <stdbool.h>
#include <stddef.h>

#include "meta/describe/objects.h"
#include "unit.h"

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

static char *build(bool verbose, bool system, int sversion)
{
    QueryArgs a = {.pattern = {NULL, NULL}, .verbose = verbose, .system = system, .sversion = sversion};
    StrBuf sql = STRBUF_INIT;
    sb_append(&sql, "");
    CHECK(objects_build(NULL, steps, &a, &sql));
    return sb_steal(&sql);
}

static void test_conditions(void)
{
    char *q = build(false, false, 150000);
    CHECK_STR(q, "A-15[nosys][nopat]\nWHERE visible(x)\nAND\n");
    free(q);
    q = build(true, true, 140000);
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
    CHECK(objects_build(NULL, where_steps, &a, &sql));
    CHECK_STR(sb_str(&sql), "WHERE sys\n  AND visible(x)\nUNION\nWHERE visible(x)\nJOIN ON\n  AND visible(x)\n");
    sb_free(&sql);
    a.system = true;
    sb_append(&sql, "");
    CHECK(objects_build(NULL, where_steps, &a, &sql));
    CHECK_STR(sb_str(&sql), "WHERE visible(x)\nUNION\nWHERE visible(x)\nJOIN ON\n  AND visible(x)\n");
    sb_free(&sql);
}

static void test_type_names(void)
{
    CHECK_STR(objects_map_type_name("int"), "integer");
    CHECK_STR(objects_map_type_name("INT"), "integer");
    CHECK_STR(objects_map_type_name("float8[]"), "double precision[]");
    CHECK_STR(objects_map_type_name("Decimal"), "numeric");
    CHECK_STR(objects_map_type_name("int4"), "int4");
    CHECK_STR(objects_map_type_name("int4[]"), "integer[]");
    CHECK_STR(objects_map_type_name("varchar[]"), "character varying[]");
    CHECK(objects_map_type_name(NULL) == NULL);
}

int main(void)
{
    RUN(test_conditions);
    RUN(test_where_tracking);
    RUN(test_type_names);
    UNIT_DONE();
}
