/*
 * What exec/pipeline.c must know of a statement before sending it ahead: its role (COPY,
 * empty, the start or end of a transaction block), whether a rule could add results to it,
 * and the scanner's traits of statements that only psql's Query message runs as psql does
 * (several joined with \;, a $n parameter).
 */
#include <stdbool.h>
#include <string.h>

#include <libpq-fe.h>

#include "exec/statement_kind.h"
#include "sql/scanner.h"
#include "unit.h"
#include "util/strbuf.h"

#define UTF8_ENC pg_char_to_encoding("UTF8")

static void test_roles(void)
{
    CHECK_INT(exec_statement_role("insert into t values (1);", UTF8_ENC), STMT_OTHER);
    CHECK_INT(exec_statement_role("  -- a comment\n/* and /* nested */ one */ COPY t FROM stdin;", UTF8_ENC),
              STMT_COPY);
    CHECK_INT(exec_statement_role(";", UTF8_ENC), STMT_EMPTY);
    CHECK_INT(exec_statement_role(" ; ;", UTF8_ENC), STMT_EMPTY);
    CHECK_INT(exec_statement_role("begin;", UTF8_ENC), STMT_BLOCK_START);
    CHECK_INT(exec_statement_role("START TRANSACTION ISOLATION LEVEL SERIALIZABLE;", UTF8_ENC), STMT_BLOCK_START);
    CHECK_INT(exec_statement_role("commit;", UTF8_ENC), STMT_BLOCK_END);
    CHECK_INT(exec_statement_role("END;", UTF8_ENC), STMT_BLOCK_END);
    CHECK_INT(exec_statement_role("abort;", UTF8_ENC), STMT_BLOCK_END);
    CHECK_INT(exec_statement_role("rollback;", UTF8_ENC), STMT_BLOCK_END);
    CHECK_INT(exec_statement_role("rollback work;", UTF8_ENC), STMT_BLOCK_END);
    CHECK_INT(exec_statement_role("prepare transaction 'x';", UTF8_ENC), STMT_BLOCK_END);
    /* these stay inside the block */
    CHECK_INT(exec_statement_role("rollback to s1;", UTF8_ENC), STMT_OTHER);
    CHECK_INT(exec_statement_role("ROLLBACK TRANSACTION TO SAVEPOINT s1;", UTF8_ENC), STMT_OTHER);
    CHECK_INT(exec_statement_role("prepare p(int) as select $1;", UTF8_ENC), STMT_OTHER);
    CHECK_INT(exec_statement_role("committed_rows;", UTF8_ENC), STMT_OTHER);
}

static void test_rules(void)
{
    CHECK(exec_statement_may_fire_rules("insert into t values (1);", UTF8_ENC));
    CHECK(exec_statement_may_fire_rules("UPDATE t SET a = 1;", UTF8_ENC));
    CHECK(exec_statement_may_fire_rules("(with x as (select 1) delete from t);", UTF8_ENC));
    CHECK(exec_statement_may_fire_rules("execute p(1);", UTF8_ENC));
    CHECK(!exec_statement_may_fire_rules("select 1;", UTF8_ENC));
    CHECK(!exec_statement_may_fire_rules("create table t(a int);", UTF8_ENC));
}

/* the traits of the statement the scanner ends at the first semicolon of text */
static unsigned traits_of(const char *text)
{
    ScanCallbacks none = {NULL, NULL, NULL};
    Scanner *sc = scanner_create(&none);
    StrBuf q = STRBUF_INIT;
    PromptStatus p;
    sb_append(&q, "");
    scanner_setup(sc, text, strlen(text), UTF8_ENC, true);
    unsigned traits = scanner_scan(sc, &q, &p) == SCAN_SEMICOLON ? scanner_statement_traits(sc) : 99;
    scanner_finish(sc);
    scanner_destroy(sc);
    sb_free(&q);
    return traits;
}

static void test_scanner_traits(void)
{
    CHECK_INT(traits_of("select 1;"), 0);
    CHECK_INT(traits_of("select 1 \\; select 2;"), SCAN_STMT_SEVERAL);
    CHECK_INT(traits_of("select $1;"), SCAN_STMT_PARAMETER);
    CHECK_INT(traits_of("select $1 \\; select 2;"), SCAN_STMT_SEVERAL | SCAN_STMT_PARAMETER);
    /* quoted, or a dollar quote: no parameter */
    CHECK_INT(traits_of("select '$1', \"$1\", $$ $1 $$, $q$ \\; $q$;"), 0);
    CHECK_INT(traits_of("select a$1 from t;"), 0);
}

int main(void)
{
    RUN(test_roles);
    RUN(test_rules);
    RUN(test_scanner_traits);
    UNIT_DONE();
}
