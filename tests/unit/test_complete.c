/*
 * Tab completion without a connection: keywords by context and COMP_KEYWORD_CASE,
 * backslash commands and their arguments, :variables, file names, identifier
 * quoting, and the word and pattern machinery underneath.  The expected lists
 * follow what psql 15 offers for the same input (catalog-backed completion is
 * exercised end to end against a server).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "console/complete.h"
#include "console/complete_int.h"
#include "session/session.h"
#include "unit.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static Session *sess;

/*
 * Completes the word before '^' in `line` (or at the end), the word starting
 * where the line editor would start it; answers the candidates joined by '|',
 * with " +nospace" appended when no space should follow.
 */
static char *complete_in(const char *buffer, const char *line_with_caret)
{
    char *line = xstrdup(line_with_caret);
    char *caret = strchr(line, '^');
    int end = caret ? (int)(caret - line) : (int)strlen(line);
    if (caret)
        memmove(caret, caret + 1, strlen(caret));
    int start = end;
    while (start > 0 && !strchr(COMPLETE_WORD_BREAKS, line[start - 1]))
        start--;
    CompletionRequest req = {buffer, line, start, end};
    bool space = false;
    char **c = complete_candidates(sess, &req, &space);
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; c && c[i]; i++) {
        sb_printf(&sb, "%s%s", i ? "|" : "", c[i]);
        free(c[i]);
    }
    if (c && !space)
        sb_append(&sb, " +nospace");
    free(c);
    free(line);
    return sb_steal(&sb);
}

static char *last;

static const char *comp(const char *line)
{
    free(last);
    last = complete_in("", line);
    return last;
}

static const char *comp_buf(const char *buffer, const char *line)
{
    free(last);
    last = complete_in(buffer, line);
    return last;
}

static void test_statement_start(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("sel"), "SELECT");
    CHECK_STR(comp("DEL"), "DELETE FROM");
    CHECK_STR(comp("ins"), "INSERT INTO");
    CHECK_STR(comp("ro"), "ROLLBACK");
    CHECK_STR(comp("st"), "START");
    CHECK_STR(comp("c"), "CALL|CHECKPOINT|CLOSE|CLUSTER|COMMENT|COMMIT|COPY|CREATE");
    CHECK_STR(comp("xyz"), "");
    /* a completed statement on the same line or in the buffer does not count */
    CHECK_STR(comp("select 1; up"), "UPDATE");
    CHECK_STR(comp_buf("select 1;", "tr"), "TRUNCATE");
    CHECK_STR(comp("  ex"), "EXECUTE|EXPLAIN");
}

static void test_keyword_case(void)
{
    sess->comp_case = COMP_LOWER;
    CHECK_STR(comp("SEL"), "select");
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("sel"), "SELECT");
    sess->comp_case = COMP_PRESERVE_UPPER;
    CHECK_STR(comp("sel"), "select");
    CHECK_STR(comp("Sel"), "SELECT");
    CHECK_STR(comp("begin "), "DEFERRABLE|ISOLATION LEVEL|NOT DEFERRABLE|READ|TRANSACTION|WORK");
    sess->comp_case = COMP_PRESERVE_LOWER;
    CHECK_STR(comp("SEL"), "SELECT");
    CHECK_STR(comp("sEL"), "select");
    CHECK_STR(comp("BEGIN "), "deferrable|isolation level|not deferrable|read|transaction|work");
    /* through the variable, as \set does it */
    CHECK(vars_set(sess->vars, "COMP_KEYWORD_CASE", "upper"));
    CHECK_INT(sess->comp_case, COMP_UPPER);
    CHECK_STR(comp("drop mat"), "MATERIALIZED VIEW");

    char *kw = keyword_case(COMP_PRESERVE_LOWER, "Order By", "");
    CHECK_STR(kw, "order by");
    free(kw);
    kw = keyword_case(COMP_PRESERVE_UPPER, "order by", "\"");
    CHECK_STR(kw, "ORDER BY");
    free(kw);
}

static void test_object_types(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("drop ma"), "MATERIALIZED VIEW");
    CHECK_STR(comp("drop materialized "), "VIEW");
    CHECK_STR(comp("drop fo"), "FOREIGN DATA WRAPPER|FOREIGN TABLE");
    CHECK_STR(comp("drop te"), "TEXT SEARCH");         /* TEMP is for CREATE only */
    CHECK_STR(comp("create te"), "TEMP|TEMPORARY|TEXT SEARCH");
    CHECK_STR(comp("create u"), "UNIQUE|UNLOGGED|USER|USER MAPPING FOR");
    CHECK_STR(comp("alter sy"), "SYSTEM");
    CHECK_STR(comp("drop sy"), "");
    CHECK_STR(comp("drop user "), "MAPPING FOR");       /* and roles, with a connection */
    CHECK_STR(comp("create or replace "), "AGGREGATE|FUNCTION|LANGUAGE|PROCEDURE|RULE|TRANSFORM|TRIGGER|VIEW");
    CHECK_STR(comp("create unique "), "INDEX");
    CHECK_STR(comp("create temp "), "SEQUENCE|TABLE|VIEW");
    CHECK_STR(comp("drop table orders "), "CASCADE|RESTRICT");
    CHECK_STR(comp("DROP TABLE IF "), "EXISTS");
    CHECK_STR(comp("drop table if exists orders "), "CASCADE|RESTRICT");
    CHECK_STR(comp("create table if "), "NOT EXISTS");
    CHECK_STR(comp("drop function f "), "(");
    CHECK_STR(comp("drop owned "), "BY");
    CHECK_STR(comp("comment on table t "), "IS");
    CHECK_STR(comp("comment on co"), "COLLATION|COLUMN|CONSTRAINT|CONVERSION");
    CHECK_STR(comp("alter schema s "), "OWNER TO|RENAME TO");
    CHECK_STR(comp("alter table t "),
              "ADD|ALTER|ATTACH PARTITION|CLUSTER ON|DETACH PARTITION|DISABLE|DROP|ENABLE|"
              "FORCE ROW LEVEL SECURITY|INHERIT|NO FORCE ROW LEVEL SECURITY|NO INHERIT|NOT OF|OF|OWNER TO|"
              "RENAME|REPLICA IDENTITY|RESET|SET|VALIDATE CONSTRAINT");
    CHECK_STR(comp("alter table t add "), "CHECK|COLUMN|CONSTRAINT|EXCLUDE|FOREIGN KEY|PRIMARY KEY|UNIQUE");
    CHECK_STR(comp("alter table only t a"), "ADD|ALTER|ATTACH PARTITION");
    CHECK_STR(comp("alter table t alter column c "), "ADD GENERATED|DROP|OPTIONS|RESET|SET|TYPE");
    CHECK_STR(comp("alter table t rename c "), "TO");
    CHECK_STR(comp("alter table t rename to "), "");
    CHECK_STR(comp("alter role r nol"), "NOLOGIN");
    CHECK_STR(comp("create index "), "CONCURRENTLY|ON");
    CHECK_STR(comp("create unique index i on t "), "(|USING");
}

static void test_statements(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("explain "), "(|ANALYZE|CREATE MATERIALIZED VIEW|CREATE TABLE|DECLARE|DELETE FROM|EXECUTE|"
                                "INSERT INTO|MERGE INTO|SELECT|TABLE|UPDATE|VALUES|VERBOSE|WITH");
    CHECK_STR(comp("explain analyze s"), "SELECT");
    CHECK_STR(comp("explain (analyze, "), "ANALYZE|BUFFERS|COSTS|FORMAT|SETTINGS|SUMMARY|TIMING|VERBOSE|WAL");
    CHECK_STR(comp("start "), "TRANSACTION");
    CHECK_STR(comp("begin isolation level "), "READ COMMITTED|READ UNCOMMITTED|REPEATABLE READ|SERIALIZABLE");
    CHECK_STR(comp("set transaction isolation level read "), "COMMITTED|UNCOMMITTED");
    CHECK_STR(comp("start transaction read "), "ONLY|WRITE");
    CHECK_STR(comp("commit "), "AND|PREPARED|TRANSACTION|WORK");
    CHECK_STR(comp("rollback and "), "CHAIN|NO CHAIN");
    CHECK_STR(comp("rollback to "), "SAVEPOINT");
    CHECK_STR(comp("set constraints all "), "DEFERRED|IMMEDIATE");
    CHECK_STR(comp("set work_mem "), "=|TO");
    CHECK_STR(comp("set work_mem to "), "DEFAULT");
    CHECK_STR(comp("set datestyle to i"), "ISO");
    CHECK_STR(comp("reset a"), "ALL");
    CHECK_STR(comp("show a"), "ALL");
    CHECK_STR(comp("insert "), "INTO");
    CHECK_STR(comp("insert into t "), "(|DEFAULT VALUES|OVERRIDING|SELECT|TABLE|VALUES");
    CHECK_STR(comp("insert into t (a, b) "), "DEFAULT VALUES|OVERRIDING|SELECT|TABLE|VALUES");
    CHECK_STR(comp("insert into t values "), "(");
    CHECK_STR(comp("update t "), "SET");
    CHECK_STR(comp("update t set a "), "=");
    CHECK_STR(comp("delete "), "FROM");
    CHECK_STR(comp("delete from t "), "AS|RETURNING|USING|WHERE");
    CHECK_STR(comp("truncate t "), "CASCADE|CONTINUE IDENTITY|RESTART IDENTITY|RESTRICT");
    CHECK_STR(comp("lock table t in "), "ACCESS EXCLUSIVE MODE|ACCESS SHARE MODE|EXCLUSIVE MODE|ROW EXCLUSIVE MODE|"
                                        "ROW SHARE MODE|SHARE MODE|SHARE ROW EXCLUSIVE MODE|SHARE UPDATE EXCLUSIVE MODE");
    CHECK_STR(comp("copy t "), "FROM|TO");
    CHECK_STR(comp("with "), "RECURSIVE");
    CHECK_STR(comp("with x "), "AS");
    CHECK_STR(comp("refresh "), "MATERIALIZED VIEW");
    CHECK_STR(comp("discard "), "ALL|PLANS|SEQUENCES|TEMP");
    CHECK_STR(comp("grant select "), "ON");
    CHECK_STR(comp("grant select, insert "), "ON");
    CHECK_STR(comp("grant select on table t "), "TO");
    CHECK_STR(comp("grant select on all "), "FUNCTIONS IN SCHEMA|PROCEDURES IN SCHEMA|ROUTINES IN SCHEMA|"
                                            "SEQUENCES IN SCHEMA|TABLES IN SCHEMA");
    CHECK_STR(comp("grant select on t to "), "CURRENT_ROLE|CURRENT_USER|PUBLIC|SESSION_USER");
    CHECK_STR(comp("revoke all on t "), "FROM");
    CHECK_STR(comp("alter table t owner "), "TO");
    CHECK_STR(comp("alter table t owner to "), "CURRENT_ROLE|CURRENT_USER|SESSION_USER");
    CHECK_STR(comp("reassign "), "OWNED BY");
    CHECK_STR(comp("create table t (a int references u on delete "),
              "CASCADE|NO ACTION|RESTRICT|SET DEFAULT|SET NULL");
}

static void test_queries(void)
{
    sess->comp_case = COMP_UPPER;
    /* columns and tables need the catalogs: nothing without a connection */
    CHECK_STR(comp("select * from "), "");
    CHECK_STR(comp("select * from t where "), "");
    CHECK_STR(comp("select * from t "), "AS|CROSS JOIN|FOR UPDATE|FULL JOIN|GROUP BY|HAVING|INNER JOIN|JOIN|"
                                        "LEFT JOIN|LIMIT|NATURAL JOIN|OFFSET|ORDER BY|RIGHT JOIN|UNION|WHERE");
    CHECK_STR(comp("select * from t x w"), "WHERE");
    CHECK_STR(comp("select * from t as x o"), "OFFSET|ORDER BY");
    CHECK_STR(comp("select * from a left "), "JOIN|OUTER JOIN");
    CHECK_STR(comp("select * from a join b "), "AS|ON|USING");
    CHECK_STR(comp("select * from a join b bb "), "ON|USING");
    CHECK_STR(comp("select a "), "FROM");
    CHECK_STR(comp("select * from t order "), "BY");
    CHECK_STR(comp("select * from t order by a "), "ASC|DESC|LIMIT|NULLS FIRST|NULLS LAST|OFFSET");
    CHECK_STR(comp("select * from t where a is "), "DISTINCT FROM|FALSE|NOT|NOT DISTINCT FROM|NULL|TRUE|UNKNOWN");
    CHECK_STR(comp("select * from t for update "), "NOWAIT|OF|SKIP LOCKED");
    /* a subquery is a statement of its own */
    CHECK_STR(comp("select * from (select * from t "), "AS|CROSS JOIN|FOR UPDATE|FULL JOIN|GROUP BY|HAVING|"
                                                       "INNER JOIN|JOIN|LEFT JOIN|LIMIT|NATURAL JOIN|OFFSET|"
                                                       "ORDER BY|RIGHT JOIN|UNION|WHERE");
    CHECK_STR(comp("with x as (select 1) up"), "");
    CHECK_STR(comp("with x as (select 1) update t "), "SET");
    /* the statement goes on over earlier lines */
    CHECK_STR(comp_buf("select *\nfrom t\n", "wh"), "WHERE");
    CHECK_STR(comp_buf("begin", "is"), "ISOLATION LEVEL");
    /* comments and quoted text are not words */
    CHECK_STR(comp("delete -- from t\n fr"), "FROM");
    CHECK_STR(comp("select ';' from t w"), "WHERE");
}

static void test_backslash_commands(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("\\se"), "\\set|\\setenv");
    CHECK_STR(comp("\\ps"), "\\pset");
    CHECK_STR(comp("\\lo_"), "\\lo_export|\\lo_import|\\lo_list|\\lo_unlink");
    CHECK_STR(comp("\\q"), "\\q|\\qecho|\\queries|\\quit");
    CHECK_STR(comp("\\gs"), "\\gset");
    CHECK_STR(comp("\\zzz"), "");
    /* case-sensitive first: \C is a command of its own */
    CHECK_STR(comp("\\C"), "\\C");
    CHECK_STR(comp("\\Se"), "\\set|\\setenv");
    /* after a statement on the same line */
    CHECK_STR(comp("select 1 \\gx"), "\\gx");
    CHECK_STR(comp("select 1 \\g^ from t"), "\\g|\\gdesc|\\getenv|\\gexec|\\gset|\\gx");
}

static void test_backslash_arguments(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("\\pset "), "border|columns|csv_fieldsep|expanded|fieldsep|fieldsep_zero|footer|format|"
                                "linestyle|null|numericlocale|pager|pager_min_lines|recordsep|recordsep_zero|"
                                "tableattr|title|tuples_only|unicode_border_linestyle|unicode_column_linestyle|"
                                "unicode_header_linestyle");
    CHECK_STR(comp("\\pset f"), "fieldsep|fieldsep_zero|footer|format");
    CHECK_STR(comp("\\pset format "),
              "aligned|asciidoc|csv|html|json|latex|latex-longtable|troff-ms|unaligned|wrapped");
    CHECK_STR(comp("\\pset format l"), "latex|latex-longtable");
    CHECK_STR(comp("\\pset linestyle "), "ascii|old-ascii|unicode");
    CHECK_STR(comp("\\pset pager "), "always|off|on");
    CHECK_STR(comp("\\pset expanded "), "auto|off|on");
    CHECK_STR(comp("\\pset tuples_only "), "off|on");
    CHECK_STR(comp("\\pset unicode_header_linestyle "), "double|single");
    CHECK_STR(comp("\\pset null "), "");
    CHECK_STR(comp("\\pset format csv "), "");
    CHECK_STR(comp("\\x "), "auto|off|on");
    CHECK_STR(comp("\\timing o"), "off|on");
    CHECK_STR(comp("\\t "), "off|on");
    CHECK_STR(comp("\\? "), "commands|options|variables");
    CHECK_STR(comp("\\h ins"), "INSERT INTO");
    CHECK_STR(comp("\\set ECHO "), "all|errors|none|queries");
    CHECK_STR(comp("\\set ECHO_HIDDEN "), "noexec|off|on");
    CHECK_STR(comp("\\set AUTOCOMMIT "), "off|on");
    CHECK_STR(comp("\\set COMP_KEYWORD_CASE pre"), "preserve-lower|preserve-upper");
    CHECK_STR(comp("\\set VERBOSITY "), "default|sqlstate|terse|verbose");
    CHECK_STR(comp("\\set SHOW_CONTEXT "), "always|errors|never");
    CHECK_STR(comp("\\set ON_ERROR_ROLLBACK "), "interactive|off|on");
    CHECK_STR(comp("\\set HISTCONTROL ignore"), "ignoreboth|ignoredups|ignorespace");
    CHECK_STR(comp("\\set myvar "), "");
    /* catalog-backed arguments are quiet without a connection */
    CHECK_STR(comp("\\c "), "");
    CHECK_STR(comp("\\copy t "), "FROM|TO");
    CHECK_STR(comp("\\copy t (a, b) "), "FROM|TO");
    CHECK_STR(comp("\\g |"), "");
}

static void test_variables(void)
{
    CHECK(vars_set(sess->vars, "myvar", "1"));
    CHECK(vars_set(sess->vars, "my_other", "x"));
    CHECK_STR(comp("select :my"), ":my_other|:myvar");
    CHECK_STR(comp("select :'my"), ":'my_other'|:'myvar'");
    CHECK_STR(comp("select :\"myv"), ":\"myvar\"");
    CHECK_STR(comp("select x=:myv"), ":myvar");
    /* the editor starts the word after the "{" */
    CHECK_STR(comp("\\if :{?my"), "?my_other}|?myvar}");
    CHECK_STR(comp("select a::"), "");                     /* a cast, not a variable */
    CHECK_STR(comp("\\set my"), "my_other|myvar");
    CHECK_STR(comp("\\unset my_"), "my_other");
    CHECK_STR(comp("\\set AUTOC"), "AUTOCOMMIT");
    CHECK_STR(comp("select :AUTOC"), ":AUTOCOMMIT");
    CHECK(vars_set(sess->vars, "myvar", NULL));
    CHECK(vars_set(sess->vars, "my_other", NULL));
    CHECK_STR(comp("select :my"), "");
    CHECK_STR(comp("\\unset my"), "");
}

static char *make_tree(void)
{
    char tmpl[] = "/tmp/pgc_complete_XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    dir = xstrdup(dir);
    const char *files[] = {"a.sql", "ab.sql", "my file.sql", ".hidden", "sub/inner.txt", "it's.txt"};
    char *sub = xasprintf("%s/sub", dir);
    mkdir(sub, 0700);
    free(sub);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        FILE *f = fopen(path, "w");
        if (f)
            fclose(f);
        free(path);
    }
    return dir;
}

static void remove_tree(const char *dir)
{
    const char *files[] = {"a.sql", "ab.sql", "my file.sql", ".hidden", "sub/inner.txt", "it's.txt", "sub", ""};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = xasprintf("%s/%s", dir, files[i]);
        remove(path);
        free(path);
    }
}

static void test_files(void)
{
    char *dir = make_tree();
    char *line = NULL;
    char *old = getcwd(NULL, 0);
    CHECK(chdir(dir) == 0);

    CHECK_STR(comp("\\i "), "'it''s.txt'|'my file.sql'|a.sql|ab.sql|sub/");
    CHECK_STR(comp("\\i a"), "a.sql|ab.sql");
    CHECK_STR(comp("\\ir ab"), "ab.sql");
    CHECK_STR(comp("\\o su"), "sub/ +nospace");
    CHECK_STR(comp("\\i sub/"), "sub/inner.txt");
    CHECK_STR(comp("\\i ."), ".hidden");
    CHECK_STR(comp("\\i m"), "'my file.sql'");
    /* inside a quote the editor's word starts after the space: only the rest comes back */
    CHECK_STR(comp("\\i 'my f"), "file.sql'");
    CHECK_STR(comp("\\cd "), "sub/ +nospace");
    CHECK_STR(comp("\\lo_import a"), "a.sql|ab.sql");
    CHECK_STR(comp("select 1 \\g ab"), "ab.sql");
    CHECK_STR(comp("\\w nothing"), "");
    CHECK_STR(comp("\\e ~"), "~/ +nospace");
    CHECK_STR(comp("\\copy t from a"), "a.sql|ab.sql");
    /* SQL's COPY wants a string literal */
    CHECK_STR(comp("copy t from a"), "'a.sql'|'ab.sql'");
    CHECK_STR(comp("copy t from 's"), "'sub/ +nospace");
    CHECK_STR(comp("copy t to "), "'a.sql'|'ab.sql'|'it''s.txt'|'my file.sql'|'sub/|PROGRAM|STDOUT");

    line = xasprintf("\\i %s/a", dir);
    char *want = xasprintf("%s/a.sql|%s/ab.sql", dir, dir);
    CHECK_STR(comp(line), want);
    free(want);
    free(line);

    CHECK(chdir(old) == 0);
    free(old);
    remove_tree(dir);
    free(dir);
}

static void test_quoting(void)
{
    CHECK(!sql_ident_needs_quotes("orders"));
    CHECK(!sql_ident_needs_quotes("_x1"));
    CHECK(sql_ident_needs_quotes("Orders"));
    CHECK(sql_ident_needs_quotes("1abc"));
    CHECK(sql_ident_needs_quotes("my table"));
    CHECK(sql_ident_needs_quotes("select"));        /* reserved */
    CHECK(sql_ident_needs_quotes("user"));
    CHECK(sql_ident_needs_quotes("int"));           /* column-name keyword */
    CHECK(sql_ident_needs_quotes("left"));          /* type/function-name keyword */
    CHECK(!sql_ident_needs_quotes("name"));         /* unreserved */
    CHECK(!sql_ident_needs_quotes("text"));
    CHECK(sql_ident_needs_quotes("café"));          /* anything beyond ASCII, as quote_ident */

    char *q = ident_requote("public", "My \"T\"", false, false);
    CHECK_STR(q, "public.\"My \"\"T\"\"\"");
    free(q);
    q = ident_requote("Odd Schema", NULL, false, false);
    CHECK_STR(q, "\"Odd Schema\".");
    free(q);
    q = ident_requote(NULL, "orders", false, true);
    CHECK_STR(q, "\"orders\"");
    free(q);

    char *schema, *object;
    bool sq, oq;
    ident_parse("Sales.\"MyTab", sess->encoding, true, &schema, &object, &sq, &oq);
    CHECK_STR(schema, "sales");
    CHECK_STR(object, "MyTab");
    CHECK(!sq && oq);
    free(schema);
    free(object);
    ident_parse("\"a.b\".C\"\"", sess->encoding, true, &schema, &object, &sq, &oq);
    CHECK_STR(schema, "a.b");
    CHECK_STR(object, "c");
    CHECK(sq && oq);
    free(schema);
    free(object);
    ident_parse("a.b", sess->encoding, false, &schema, &object, &sq, &oq);
    CHECK(schema == NULL);
    CHECK_STR(object, "a.b");
    free(object);
}

static char *joined_words(const char *text, bool split_commas)
{
    Words w = {0};
    words_split(&w, text, strlen(text), split_commas);
    StrBuf sb = STRBUF_INIT;
    for (int i = 0; i < w.n; i++)
        sb_printf(&sb, "%s[%s]", i ? " " : "", w.v[i]);
    words_free(&w);
    return sb_steal(&sb);
}

static void test_words(void)
{
    char *s = joined_words("select a,b from t where x>=1", false);
    CHECK_STR(s, "[select] [a,b] [from] [t] [where] [x] [>] [=] [1]");
    free(s);
    s = joined_words("insert into t (a, b) values (1, 'x y'", false);
    CHECK_STR(s, "[insert] [into] [t] [(a, b)] [values] [(] [1,] ['x y']");
    free(s);
    s = joined_words("select \"a b\", c -- d e\n/* f */ from", true);
    CHECK_STR(s, "[select] [\"a b\"] [,] [c] [from]");
    free(s);

    Words w = {0};
    words_split(&w, "ALTER TABLE t ADD", 17, false);
    CHECK(words_tail_match(&w, 0, "TABLE * add", false));
    CHECK(!words_tail_match(&w, 0, "TABLE * add", true));
    CHECK(words_exact_match(&w, 0, "alter table|view * add|drop", false));
    CHECK(!words_exact_match(&w, 0, "table * add", false));
    CHECK(words_exact_match(&w, 0, "DROP * | ALTER * * ADD", false));
    CHECK(words_head_match(&w, 0, "ALTER !VIEW", false));
    CHECK(!words_head_match(&w, 0, "ALTER !VIEW|TABLE", false));
    CHECK(words_head_match(&w, 1, "TAB*", false));
    CHECK(words_tail_match(&w, 0, "*D", false));
    words_free(&w);
    CHECK(word_matches("\\dt*", 4, "\\dt+", true));
    CHECK(word_matches("d*|l", 4, "l", true));
    CHECK(!word_matches("d*|l", 4, "lo", true));
    CHECK(word_in("Table", "view|table"));
}

static void test_requests(void)
{
    CompletionRequest bad = {"", "select", 4, 2};
    bool space = false;
    CHECK(complete_candidates(sess, &bad, &space) == NULL);
    CHECK(space);
    CompletionRequest beyond = {"", "sel", 0, 9};
    CHECK(complete_candidates(sess, &beyond, &space) == NULL);
    CompletionRequest no_buffer = {NULL, "sel", 0, 3};
    char **c = complete_candidates(sess, &no_buffer, NULL);
    CHECK(c && c[0] && !c[1]);
    if (c) {
        free(c[0]);
        free(c);
    }
    /* resetting is safe with and without a cache */
    complete_reset_cache(sess);
    complete_set_timeout(sess, 10);
    CHECK(sess->completion_cache != NULL);
    complete_reset_cache(sess);
    CHECK(sess->completion_cache == NULL);
    complete_reset_cache(NULL);
}

int main(void)
{
    sess = session_create();
    RUN(test_statement_start);
    RUN(test_keyword_case);
    RUN(test_object_types);
    RUN(test_statements);
    RUN(test_queries);
    RUN(test_backslash_commands);
    RUN(test_backslash_arguments);
    RUN(test_variables);
    RUN(test_files);
    RUN(test_quoting);
    RUN(test_words);
    RUN(test_requests);
    free(last);
    complete_reset_cache(sess);
    session_destroy(sess);
    UNIT_DONE();
}
