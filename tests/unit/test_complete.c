/*
 * Tab completion without a connection: keywords by context and COMP_KEYWORD_CASE,
 * statements spread over several lines, backslash commands and their arguments,
 * :variables, file names, identifier quoting, and psql's words and the rule
 * conditions underneath.  The expected lists follow what psql 15 offers for the
 * same input (catalog-backed completion, whose keywords come only with an
 * answer from the server, is tested end to end in tests/e2e/test_completion.py).
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
    CompletionHints hints;
    char **c = complete_candidates(sess, &req, &hints);
    StrBuf sb = STRBUF_INIT;
    for (size_t i = 0; c && c[i]; i++) {
        sb_printf(&sb, "%s%s", i ? "|" : "", c[i]);
        free(c[i]);
    }
    if (c && !hints.append_space)
        sb_append(&sb, " +nospace");
    if (c && hints.keep_typed)
        sb_append(&sb, " +keep");
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
    CHECK_STR(comp("c"), "CALL|CHECKPOINT|CLOSE|CLUSTER|COMMENT|COMMIT|COPY|CREATE");
    CHECK_STR(comp("  ex"), "EXECUTE|EXPLAIN");
    CHECK_STR(comp("xyz"), "");
    /* as in psql, a statement ended on the same line still counts: "1;" is a word before the cursor */
    CHECK_STR(comp("select 1; up"), "");
    /* what is not recognised offers nothing (psql offers no file names there either) */
    CHECK_STR(comp("blarg "), "");
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
    /* psql applies the case to every word of a keyword list, lower-case option names included */
    sess->comp_case = COMP_PRESERVE_UPPER;
    CHECK_STR(comp("alter index i set ("), "AUTOSUMMARIZE =|BUFFERING =|DEDUPLICATE_ITEMS =|FASTUPDATE =|"
                                           "FILLFACTOR =|GIN_PENDING_LIST_LIMIT =|PAGES_PER_RANGE =");
    CHECK_STR(comp("alter index i set (f"), "fastupdate =|fillfactor =");
    /* except for the case-sensitive lists, offered as they are */
    CHECK_STR(comp("alter sequence s as "), "bigint|integer|smallint");
    CHECK_STR(comp("alter sequence s as I"), "integer");
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
    CHECK_STR(comp("create ta"), "TABLE|TABLESPACE");
    CHECK_STR(comp("drop ma"), "MATERIALIZED VIEW");
    CHECK_STR(comp("drop materialized "), "VIEW");
    CHECK_STR(comp("drop fo"), "FOREIGN DATA WRAPPER|FOREIGN TABLE");
    CHECK_STR(comp("drop te"), "TEXT SEARCH");         /* TEMP is for CREATE only */
    CHECK_STR(comp("create te"), "TEMP|TEMPORARY|TEXT SEARCH");
    CHECK_STR(comp("create u"), "UNIQUE|UNLOGGED|USER|USER MAPPING FOR");
    CHECK_STR(comp("alter sy"), "SYSTEM");
    CHECK_STR(comp("drop sy"), "");
    CHECK_STR(comp("create co"), "COLLATION|CONVERSION");  /* CONFIGURATION only after TEXT SEARCH */
    CHECK_STR(comp("create or replace "), "AGGREGATE|FUNCTION|LANGUAGE|PROCEDURE|RULE|TRANSFORM|TRIGGER|VIEW");
    CHECK_STR(comp("create unique "), "INDEX");
    CHECK_STR(comp("create temp "), "SEQUENCE|TABLE|VIEW");
    CHECK_STR(comp("create unlogged "), "MATERIALIZED VIEW|TABLE");
    CHECK_STR(comp("drop table orders "), "CASCADE|RESTRICT");
    CHECK_STR(comp("drop function f "), "(");
    CHECK_STR(comp("drop function f (int) "), "CASCADE|RESTRICT");
    CHECK_STR(comp("drop owned "), "BY");
    CHECK_STR(comp("drop database d "), "WITH (");
    CHECK_STR(comp("drop database d with ("), "FORCE");
    CHECK_STR(comp("comment on table t "), "IS");
    CHECK_STR(comp("comment on co"), "COLLATION|COLUMN|CONSTRAINT|CONVERSION");
    CHECK_STR(comp("comment on constraint c "), "ON");
    CHECK_STR(comp("alter schema s "), "OWNER TO|RENAME TO");
    CHECK_STR(comp("alter table t "),
              "ADD|ALTER|ATTACH PARTITION|CLUSTER ON|DETACH PARTITION|DISABLE|DROP|ENABLE|"
              "FORCE ROW LEVEL SECURITY|INHERIT|NO|OWNER TO|RENAME|REPLICA IDENTITY|RESET|SET|VALIDATE CONSTRAINT");
    CHECK_STR(comp("alter table t add "), "CHECK|COLUMN|CONSTRAINT|EXCLUDE|FOREIGN KEY|PRIMARY KEY|UNIQUE");
    CHECK_STR(comp("alter table t add unique "), "(|USING INDEX");
    CHECK_STR(comp("alter table t alter column c "), "ADD|DROP|RESET|RESTART|SET|TYPE");
    CHECK_STR(comp("alter table t alter c set "), "(|COMPRESSION|DEFAULT|NOT NULL|STATISTICS|STORAGE");
    CHECK_STR(comp("alter table t alter c set statistics "), "");
    CHECK_STR(comp("alter table t rename c "), "TO");
    CHECK_STR(comp("alter table t rename to "), "");
    CHECK_STR(comp("alter role r nol"), "NOLOGIN");
    CHECK_STR(comp("alter user mapping "), "FOR");
    CHECK_STR(comp("create index i "), "ON");
    CHECK_STR(comp("create unique index i on t "), "(|USING");
    CHECK_STR(comp("create table t (a int) "), "INHERITS (|PARTITION BY|TABLESPACE|USING|WITH (");
    CHECK_STR(comp("create temp table t (a int) on commit "), "DELETE ROWS|DROP|PRESERVE ROWS");
    CHECK_STR(comp("create trigger t before insert on t "),
              "DEFERRABLE|EXECUTE FUNCTION|FOR|INITIALLY|NOT DEFERRABLE|REFERENCING|WHEN (");
    sess->sversion = 100000;    /* before version 11, EXECUTE PROCEDURE */
    CHECK_STR(comp("create trigger t before insert on t for each row "), "EXECUTE PROCEDURE|WHEN (");
    sess->sversion = 0;
    CHECK_STR(comp("create type t ("), "ALIGNMENT|ANALYZE|CATEGORY|COLLATABLE|DEFAULT|DELIMITER|ELEMENT|"
                                       "INPUT|INTERNALLENGTH|LIKE|OUTPUT|PASSEDBYVALUE|PREFERRED|RECEIVE|"
                                       "SEND|STORAGE|SUBSCRIPT|TYPMOD_IN|TYPMOD_OUT");
    CHECK_STR(comp("create type t (input "), "=");
    CHECK_STR(comp("create type t (input = f "), ")|,");
}

static void test_statements(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("explain "), "ANALYZE|DECLARE|DELETE FROM|EXECUTE|INSERT INTO|MERGE INTO|SELECT|UPDATE|VERBOSE");
    CHECK_STR(comp("explain analyze s"), "SELECT");
    CHECK_STR(comp("explain (analyze, "), "ANALYZE|BUFFERS|COSTS|FORMAT|SETTINGS|SUMMARY|TIMING|VERBOSE|WAL");
    CHECK_STR(comp("explain (analyze "), "OFF|ON");
    CHECK_STR(comp("explain (format "), "JSON|TEXT|XML|YAML");
    CHECK_STR(comp("explain (analyze) "), "DECLARE|DELETE FROM|EXECUTE|INSERT INTO|MERGE INTO|SELECT|UPDATE");
    CHECK_STR(comp("vacuum (index_cleanup "), "AUTO|OFF|ON");
    CHECK_STR(comp("start "), "TRANSACTION");
    CHECK_STR(comp("begin isolation level "), "READ|REPEATABLE READ|SERIALIZABLE");
    CHECK_STR(comp("set transaction isolation level read "), "COMMITTED|UNCOMMITTED");
    CHECK_STR(comp("start transaction read "), "ONLY|WRITE");
    CHECK_STR(comp("commit "), "AND|PREPARED|TRANSACTION|WORK");
    CHECK_STR(comp("rollback and "), "CHAIN");
    CHECK_STR(comp("set constraints all "), "DEFERRED|IMMEDIATE");
    CHECK_STR(comp("set work_mem "), "TO");
    CHECK_STR(comp("set datestyle to "), "DEFAULT|DMY|EUROPEAN|GERMAN|ISO|MDY|NONEUROPEAN|POSTGRES|SQL|US|YMD");
    CHECK_STR(comp("set datestyle = i"), "ISO");
    CHECK_STR(comp("update t set a = "), "");               /* a value, not a setting's */
    CHECK_STR(comp("alter role r set work_mem "), "FROM CURRENT|TO");
    CHECK_STR(comp("insert "), "INTO");
    CHECK_STR(comp("insert into t "), "(|DEFAULT VALUES|OVERRIDING|SELECT|TABLE|VALUES");
    CHECK_STR(comp("insert into t (a, b) "), "OVERRIDING|SELECT|TABLE|VALUES");
    CHECK_STR(comp("insert into t values "), "(");
    CHECK_STR(comp("insert into t default values "), "");
    CHECK_STR(comp("update t "), "SET");
    CHECK_STR(comp("update t set a "), "=");
    CHECK_STR(comp("delete "), "FROM");
    CHECK_STR(comp("delete from t "), "USING|WHERE");
    CHECK_STR(comp("truncate t "), "CASCADE|CONTINUE IDENTITY|RESTART IDENTITY|RESTRICT");
    CHECK_STR(comp("lock table t in "), "ACCESS EXCLUSIVE MODE|ACCESS SHARE MODE|EXCLUSIVE MODE|ROW EXCLUSIVE MODE|"
                                        "ROW SHARE MODE|SHARE MODE|SHARE ROW EXCLUSIVE MODE|SHARE UPDATE EXCLUSIVE MODE");
    CHECK_STR(comp("copy t "), "FROM|TO");
    CHECK_STR(comp("copy t from 'f' with ("), "DELIMITER|ENCODING|ESCAPE|FORCE_NOT_NULL|FORCE_NULL|FORMAT|FREEZE|"
                                              "HEADER|NULL|QUOTE");
    CHECK_STR(comp("copy t to 'f' with ( format "), "BINARY|CSV|TEXT");
    CHECK_STR(comp("with "), "RECURSIVE");
    CHECK_STR(comp("refresh "), "MATERIALIZED VIEW");
    CHECK_STR(comp("discard "), "ALL|PLANS|SEQUENCES|TEMP");
    CHECK_STR(comp("grant select "), "ON");
    CHECK_STR(comp("grant r "), "TO");
    CHECK_STR(comp("revoke r "), "FROM");
    CHECK_STR(comp("grant select on table t "), "TO");
    CHECK_STR(comp("grant select on all "), "FUNCTIONS IN SCHEMA|PROCEDURES IN SCHEMA|ROUTINES IN SCHEMA|"
                                            "SEQUENCES IN SCHEMA|TABLES IN SCHEMA");
    CHECK_STR(comp("grant select on t to r "), "GRANTED BY|WITH ADMIN OPTION|WITH GRANT OPTION");
    CHECK_STR(comp("revoke all on t "), "FROM");
    /* as in psql, REVOKE GRANT reads as REVOKE <role or privilege>: roles (none here) and privileges */
    CHECK_STR(comp("revoke grant "), "");
    CHECK_STR(comp("revoke grant option "), "FOR");
    CHECK_STR(comp("alter default privileges grant "),
              "ALL|DELETE|EXECUTE|INSERT|REFERENCES|SELECT|TRIGGER|TRUNCATE|UPDATE|USAGE");
    CHECK_STR(comp("alter table t owner "), "");
    CHECK_STR(comp("reassign "), "OWNED BY");
    CHECK_STR(comp("merge into t using s on a = b when matched then "), "DELETE|DO NOTHING|UPDATE SET");
    CHECK_STR(comp("prepare p as "), "DELETE FROM|INSERT INTO|SELECT|UPDATE");
}

static void test_multi_line(void)
{
    sess->comp_case = COMP_UPPER;
    /* the statement goes on over earlier lines: they give the words before the cursor */
    CHECK_STR(comp_buf("comment on constraint tab1_pkey", ""), "ON");
    CHECK_STR(comp_buf("comment on constraint tab1_pkey", "on domain d "), "IS");
    CHECK_STR(comp_buf("alter table t\nalter column c", "set s"), "STATISTICS|STORAGE");
    CHECK_STR(comp_buf("begin", "is"), "ISOLATION LEVEL");
    CHECK_STR(comp_buf("explain (analyze,", "buf"), "BUFFERS");
    /* psql reads only the buffer and the line: an earlier statement left there counts too */
    CHECK_STR(comp_buf("select 1;", "tr"), "");
    /* but a fresh line with an empty buffer is the start of a statement */
    CHECK_STR(comp_buf("", "tr"), "TRUNCATE");
}

static void test_backslash_commands(void)
{
    sess->comp_case = COMP_UPPER;
    CHECK_STR(comp("\\se"), "\\set|\\setenv");
    CHECK_STR(comp("\\ps"), "\\pset");
    CHECK_STR(comp("\\lo_"), "\\lo_export|\\lo_import|\\lo_list|\\lo_unlink");
    /* psql offers the long spellings only: \q is not a candidate of its own */
    CHECK_STR(comp("\\q"), "\\qecho|\\queries|\\quit");
    CHECK_STR(comp("\\gs"), "\\gset");
    CHECK_STR(comp("\\zzz"), "");
    /* case-sensitive first, then any case */
    CHECK_STR(comp("\\C"), "\\C");
    CHECK_STR(comp("\\DRD"), "\\drds");
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
    /* the dashboard's sub-commands */
    CHECK_STR(comp("\\backups "), "create|download|help|schedule");
    CHECK_STR(comp("\\stats in"), "indexes");
    CHECK_STR(comp("\\stats indexes "), "duplicate|unused|usage");
    CHECK_STR(comp("\\feature internet o"), "off|on");
    CHECK_STR(comp("\\users re"), "reset");
    CHECK_STR(comp("\\upgrade "), "help|start");
    CHECK_STR(comp("\\pset linestyle "), "ascii|old-ascii|unicode");
    CHECK_STR(comp("\\pset pager "), "always|off|on");
    CHECK_STR(comp("\\pset unicode_header_linestyle "), "double|single");
    /* as in psql: no values for the other options, nor for the toggles */
    CHECK_STR(comp("\\pset expanded "), "");
    CHECK_STR(comp("\\pset null "), "");
    CHECK_STR(comp("\\pset format csv "), "");
    CHECK_STR(comp("\\x "), "");
    CHECK_STR(comp("\\timing o"), "");
    CHECK_STR(comp("\\? "), "commands|options|variables");
    CHECK_STR(comp("\\h ins"), "INSERT INTO");
    CHECK_STR(comp("\\h create foreign "), "DATA WRAPPER|TABLE");
    CHECK_STR(comp("\\h drop text search "), "CONFIGURATION|DICTIONARY|PARSER|TEMPLATE");
    CHECK_STR(comp("\\h alter ta"), "TABLE|TABLESPACE");
    CHECK_STR(comp("\\set ECHO "), "all|errors|none|queries");
    CHECK_STR(comp("\\set ECHO_HIDDEN "), "noexec|off|on");
    CHECK_STR(comp("\\set AUTOCOMMIT "), "off|on");
    CHECK_STR(comp("\\set COMP_KEYWORD_CASE pre"), "preserve-lower|preserve-upper");
    CHECK_STR(comp("\\set VERBOSITY "), "default|sqlstate|terse|verbose");
    CHECK_STR(comp("\\set VERBOSITY DEF"), "default");
    CHECK_STR(comp("\\set SHOW_CONTEXT "), "always|errors|never");
    CHECK_STR(comp("\\set ON_ERROR_ROLLBACK "), "interactive|off|on");
    CHECK_STR(comp("\\set HISTCONTROL ignore"), "ignoreboth|ignoredups|ignorespace");
    CHECK_STR(comp("\\set myvar "), "");
    /* catalog-backed arguments are quiet without a connection */
    CHECK_STR(comp("\\c "), "");
    CHECK_STR(comp("\\copy t "), "FROM|TO");
    CHECK_STR(comp("\\copy ("), "DELETE FROM|INSERT INTO|SELECT|TABLE|UPDATE|VALUES|WITH");
    CHECK_STR(comp("\\copy t from 'f' "), "WHERE|WITH (");
    CHECK_STR(comp("\\g |"), "");
    CHECK(complete_is_connection_string("postgres://h/db"));
    CHECK(complete_is_connection_string("host=h"));
    CHECK(!complete_is_connection_string("mydb"));
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

static const char *const tree_files[] = {"a.sql", "ab.sql", "my file.sql", ".hidden", "sub/inner.txt", "it's.txt",
                                         "back\\slash"};

static char *make_tree(void)
{
    char tmpl[] = "/tmp/pgc_complete_XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    dir = xstrdup(dir);
    char *sub = xasprintf("%s/sub", dir);
    mkdir(sub, 0700);
    free(sub);
    for (size_t i = 0; i < sizeof tree_files / sizeof tree_files[0]; i++) {
        char *path = xasprintf("%s/%s", dir, tree_files[i]);
        FILE *f = fopen(path, "w");
        if (f)
            fclose(f);
        free(path);
    }
    return dir;
}

static void remove_tree(const char *dir)
{
    for (size_t i = 0; i < sizeof tree_files / sizeof tree_files[0]; i++) {
        char *path = xasprintf("%s/%s", dir, tree_files[i]);
        remove(path);
        free(path);
    }
    char *sub = xasprintf("%s/sub", dir);
    remove(sub);
    free(sub);
    remove(dir);
}

static void test_files(void)
{
    char *dir = make_tree();
    char *line = NULL;
    char *old = getcwd(NULL, 0);
    CHECK(chdir(dir) == 0);

    /* backslash commands: quoted when needed, with '' for a quote and \\ for a backslash */
    /* nothing in common: the typed word stays (no lone quote is inserted) and the names are listed */
    CHECK_STR(comp("\\i "), "'back\\\\slash'|'it''s.txt'|'my file.sql'|.hidden|a.sql|ab.sql|sub/ +keep");
    CHECK_STR(comp("\\i a"), "a.sql|ab.sql");
    CHECK_STR(comp("\\ir ab"), "ab.sql");
    CHECK_STR(comp("\\o su"), "sub/ +nospace");
    CHECK_STR(comp("\\i sub/"), "sub/inner.txt");
    /* as readline does, "." and ".." when a dot is typed */
    CHECK_STR(comp("\\i ."), "../|./|.hidden");
    CHECK_STR(comp("\\i m"), "'my file.sql'");
    /* inside a quote the editor's word starts after the space: only the rest comes back */
    CHECK_STR(comp("\\i 'my f"), "file.sql'");
    /* the user's quote stays */
    CHECK_STR(comp("\\i 'a"), "'a.sql'|'ab.sql'");
    CHECK_STR(comp("\\cd "), "'back\\\\slash'|'it''s.txt'|'my file.sql'|.hidden|a.sql|ab.sql|sub/ +keep");
    CHECK_STR(comp("\\lo_import a"), "a.sql|ab.sql");
    CHECK_STR(comp("\\lo_export 1 a"), "");
    CHECK_STR(comp("select 1 \\g ab"), "ab.sql");
    CHECK_STR(comp("\\w nothing"), "");
    CHECK_STR(comp("\\e ~"), "~/ +nospace");
    /* \copy has no escape character */
    CHECK_STR(comp("\\copy t from a"), "a.sql|ab.sql");
    CHECK_STR(comp("\\copy t from b"), "back\\slash");
    /* SQL's COPY wants a string literal, and a directory stays open */
    CHECK_STR(comp("copy t from a"), "'a.sql'|'ab.sql'");
    CHECK_STR(comp("copy t from 's"), "'sub/ +nospace");
    CHECK_STR(comp("copy t to "), "'.hidden'|'a.sql'|'ab.sql'|'back\\slash'|'it''s.txt'|'my file.sql'|'sub/ +keep");
    /* not after a column list: psql's rule wants COPY <table> FROM */
    CHECK_STR(comp("copy t (a) from a"), "");

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

static char *joined_words(const char *text)
{
    Words w = {0};
    words_before(&w, text, strlen(text));
    StrBuf sb = STRBUF_INIT;
    for (int i = 0; i < w.n; i++)
        sb_printf(&sb, "%s[%s]", i ? " " : "", w.v[i]);
    words_free(&w);
    return sb_steal(&sb);
}

static void test_words(void)
{
    /* the word under the cursor is not one of the words before it */
    char *s = joined_words("select a,b from t where x>=1");
    CHECK_STR(s, "[select] [a,b] [from] [t] [where] [x>] [=]");
    free(s);
    s = joined_words("insert into t (a, b) values (1, 'x y'");
    CHECK_STR(s, "[insert] [into] [t] [(a, b)] [values] [(] [1,] ['x]");
    free(s);
    s = joined_words("select \"a b\", c from");
    CHECK_STR(s, "[select] [\"a b\",] [c]");
    free(s);
    s = joined_words("comment on constraint tab1_pkey\non ");
    CHECK_STR(s, "[comment] [on] [constraint] [tab1_pkey] [on]");
    free(s);
    s = joined_words("create index on f(x) ");
    CHECK_STR(s, "[create] [index] [on] [f] [(x)]");
    free(s);
    s = joined_words("");
    CHECK_STR(s, "");
    free(s);

    Words w = {0};
    words_before(&w, "ALTER TABLE t ADD ", 18);
    CHECK_STR(word_back(&w, 1), "ADD");
    CHECK_STR(word_back(&w, 3), "TABLE");
    CHECK_STR(word_back(&w, 9), "");
    CHECK(condition_holds("$ TABLE * add", &w, 0));
    CHECK(!condition_holds("$c TABLE * add", &w, 0));
    CHECK(condition_holds("= alter table|view * add|drop", &w, 0));
    CHECK(!condition_holds("= table * add", &w, 0));
    CHECK(condition_holds("= DROP * || = ALTER * * ADD", &w, 0));
    CHECK(condition_holds("^ ALTER !VIEW", &w, 0));
    CHECK(!condition_holds("^ ALTER !VIEW|TABLE", &w, 0));
    CHECK(condition_holds("^ ALTER && $ ADD && !$ DROP", &w, 0));
    CHECK(!condition_holds("^ ALTER && $ DROP || = ALTER", &w, 0));
    CHECK(condition_holds("$ *D", &w, 0));
    CHECK(condition_holds("~DX", &w, 0));
    CHECK(!condition_holds("~,(", &w, 0));
    CHECK(condition_holds("#110000 && ^ ALTER", &w, 150000));
    CHECK(!condition_holds("#110000 && ^ ALTER", &w, 100000));
    CHECK(condition_holds("#110000", &w, 0));       /* unknown counts as recent */
    words_free(&w);
    CHECK(word_matches("\\dt*", 4, "\\dt+", true));
    CHECK(word_matches("d*|l", 4, "l", true));
    CHECK(!word_matches("d*|l", 4, "lo", true));
    CHECK(word_matches("(*)", 3, "(a, b)", true));
    CHECK(!word_matches("(*)", 3, "(", true));
}

static void test_requests(void)
{
    CompletionRequest bad = {"", "select", 4, 2};
    CompletionHints hints = {false, true};
    CHECK(complete_candidates(sess, &bad, &hints) == NULL);
    CHECK(hints.append_space && !hints.keep_typed);
    CompletionRequest beyond = {"", "sel", 0, 9};
    CHECK(complete_candidates(sess, &beyond, &hints) == NULL);
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
    RUN(test_multi_line);
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
