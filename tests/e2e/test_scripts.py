"""Scripts through psql and pgconsole, compared byte for byte: the SQL scanner, variables and
interpolation, conditionals, backslash commands, error reporting and the special variables."""

import os
import re

import harness
from harness import CompareCase

# volatile bits of output: backend PIDs, OIDs, times
PID = [(r'server process with PID \d+', 'server process with PID N')]
TIMING = [(r'^Time: \d+\.\d{3} ms( \(\d+[:.\d]*( d)?\))?$', 'Time: T ms')]


class ScriptCase(CompareCase):
    """Runs a script through -f (or stdin) and compares the merged stream (stdout+stderr as a
    terminal would show them); with separate=True, also stdout and stderr on their own."""

    def script(self, text, args=(), name="script.sql", stdin=False, merged=True, separate=False, subs=None,
               cwd=None, env=None, input=None, parallel=None):
        d = harness.scratch()
        path = harness.write_file(d, name, text)
        results = None
        if stdin:
            if separate:
                results = self.compare(list(args), input=text, subs=subs, cwd=cwd or d, env=env, parallel=parallel)
            if merged:
                results = self.compare(list(args), input=text, merge=True, subs=subs, cwd=cwd or d, env=env,
                                       parallel=parallel)
        else:
            if separate:
                results = self.compare(list(args) + ["-f", path], input=input, subs=subs, cwd=cwd or d, env=env,
                                       parallel=parallel)
            if merged:
                results = self.compare(list(args) + ["-f", path], input=input, merge=True, subs=subs, cwd=cwd or d,
                                       env=env, parallel=parallel)
        return results


class TestScannerQuotes(ScriptCase):
    def test_string_literals(self):
        self.script(r"""select 'simple' as a, 'it''s' as b, '' as empty;
select 'semi;colon' as s, 'back\slash' as bs;
select E'tab\there' as e, E'quote\'inside' as q, e'new\nline' as n;
select E'\\' as backslash, E'a\\' as trailing;
select 'multi
line;
string' as m;
select 'con' 'tinued'
  'across' as cont;
select U&'d\0061t\+000061' as u, B'1010' as b, X'1F' as x, N'national' as n;
select $$dollar 'quoted'; text$$ as d;
select $tag$ has $$ inside and ; $tag$ as t;
select $a$ nested $b$ inner $b$ outer $a$ as n2;
select $_x1$ body
with ; and 'quote
$_x1$ as multi;
select 1 as "quoted ident", 2 as "has ""dq"" x", 3 as "semi;colon";
select 'a'::text as cast, 1::int8 + 2 as sum, $1$ not a param $1$ is null as dollar_digit;
""", separate=True)

    def test_string_errors(self):
        self.script("select 'unterminated;\nselect 1;\n", merged=True)

    def test_std_strings_off(self):
        self.script(r"""set standard_conforming_strings = off;
select 'a\'b; still string' as s, 'c\\d' as t;
select E'x\'y' as e;
reset standard_conforming_strings;
select 'a\' as plain;
""")

    def test_unicode_escape_identifiers(self):
        self.script("""select U&"\\0061bc" from (select 1 as abc) s;
select 1 as U&"d!0061t!+000061" UESCAPE '!';
""")


class TestScannerComments(ScriptCase):
    def test_comments(self):
        self.script("""-- leading comment
select 1 as one; -- trailing comment
-- comment; with semicolon
select /* inline; comment */ 2 as two;
/* block
   comment; spanning lines */
select 3 as three;
select /* outer /* nested; */ still comment */ 4 as four;
select 5 -- comment in statement;
  as five;
/* comment before */ select 6 as six;
select 7 as seven /* comment at end */;
select '--not a comment' as s, '/* nor this */' as t;
select 8 as eight; /* unterminated at end of line
continues */ select 9 as nine;
--
""", args=["-e"], separate=True)

    def test_comment_only_input(self):
        self.script("-- nothing here\n/* nor here */\n")

    def test_unterminated_comment_at_eof(self):
        self.script("select 1 as a;\n/* never closed\nselect 2;\n")


class TestScannerStructure(ScriptCase):
    def test_parentheses_and_lines(self):
        self.script("""select (1
  + 2) as three;
select (
  select max(x) from (values (1), (2)) v(x)
) as m;
select count(*) from (values (1),
  (2);
  ) v;
select
  1
  as
  spread
;
select 1 as a; select 2 as b; select 3 as c;
select 1 as x;select 2 as y
;
""", args=["-e"])

    def test_unbalanced_parentheses(self):
        # a semicolon inside parentheses does not end the statement
        self.script("select (1;\n) as a;\nselect 2 as b;\n")
        self.script("select 1) as a;\nselect 2 as b;\n")

    def test_backslash_mid_line(self):
        self.script("""select 1 as a \\g
select 2 as b \\gx
select 3 as c \\echo after-c
select 4 as d\\g
select 'x' \\\\ \\echo separated
\\echo one \\\\ \\echo two
select 5 \\p \\r
select 6 as e;
select ':x' \\; select 7 as f;
select 8 as g \\; select 9 as h \\g
""", args=["-e"])

    def test_escaped_colon(self):
        self.script("""\\set x 10
select 1 as a \\:x, 2;
select 'lit' \\:x;
""")

    def test_semicolon_escape_in_file(self):
        self.script("select 1 as a \\; select 2 as b \\; select 3 as c;\n\\set SHOW_ALL_RESULTS off\n"
                    "select 1 as a \\; select 2 as b \\; select 3 as c;\n", args=["-e"])

    def test_begin_atomic(self):
        self.script("""create function pg_temp.f_atomic(a int) returns int language sql
begin atomic
  select a + 1;
  select a + 2;
end;
select pg_temp.f_atomic(1);
create procedure pg_temp.p_atomic() language sql
BEGIN ATOMIC
  select 1; select 2;
  select case when true then 1 else 0 end;
END;
call pg_temp.p_atomic();
create function pg_temp.f_plain(int) returns int as 'select $1' language sql;
select pg_temp.f_plain(3);
create table pg_temp.tt (begin int, atomic int);
select begin, atomic from pg_temp.tt;
""", args=["-e"])

    def test_begin_atomic_case_end(self):
        self.script("""create function pg_temp.f_case(a int) returns text language sql
begin atomic
  select case when a > 0 then 'pos' else 'neg' end;
end;
select pg_temp.f_case(1), pg_temp.f_case(-1);
""", args=["-a"])

    def test_empty_statements(self):
        self.script(";\n;;\nselect 1 as a;;\n  ;\n", args=["-e"])

    def test_multiple_results_c(self):
        self.compare(["-c", "select 1 as a; select 2 as b"])
        self.compare(["-c", "select 1 as a; select 1/0; select 3"])
        self.compare(["-c", "create temp table m(a int); insert into m values (1),(2); select * from m; "
                      "update m set a = a + 1; delete from m"])
        self.compare(["-c", ""])
        self.compare(["-c", ";"])
        self.compare(["-c", "-- only a comment"])

    def test_returning_tags(self):
        self.script("""create temp table r(a int, b text);
insert into r values (1, 'x') returning *;
insert into r select g, 'y' from generate_series(2, 3) g returning a;
update r set b = 'z' where a > 1 returning a, b;
delete from r where a = 1 returning *;
insert into r values (9, 'q');
merge into r using (select 2 as a) s on r.a = s.a when matched then update set b = 'm';
select * from r order by a;
copy (select 1) to stdout;
values (1, 2), (3, 4);
table r;
create temp view v as select 1;
prepare p as select $1::int + 1 as r;
execute p(41);
deallocate p;
begin; savepoint s; release s; rollback;
declare c cursor for select 1;
do $$ begin null; end $$;
explain (costs off) select 1;
show standard_conforming_strings;
set search_path = public;
""", args=["-e"])


class TestInterpolation(ScriptCase):
    def test_interpolation_forms(self):
        self.script("""\\set v 'val ue'
\\set n 42
\\set q 'it''s'
\\set id 'My Col'
select :n as n, :'v' as v, :'q' as q, 1 as :"id";
\\echo :v :'v' :"v" :n :{?v} :{?nope} :nope
select :{?n} as defined, :{?nope} as undefined;
select ':n' as in_quote, ":n" as in_ident, $$:n$$ as in_dollar; -- :n in comment
select /* :n */ 1::int as cast, 'x'::text, :n::text as castvar;
select :n:n as twice, :'n':'n' as lits;
\\echo :n:n -:n- ':n' ":n" `echo :n`
select ::n;
""", args=["-e"])

    def test_undefined_variables(self):
        self.script("""select :undefined;
select :'undefined';
select :"undefined";
\\echo :undefined :'undefined' :"undefined"
""")

    def test_quoting_special_chars(self):
        self.script("""\\set s 'a''b\\\\c"d'
\\echo :s
select :'s' as lit;
select 1 as :"s";
\\set bs 'back\\\\slash'
select :'bs' as e_lit;
\\set nl 'x\\ny'
select :'nl' as newline_lit;
""", args=["-e"])

    def test_recursive_expansion(self):
        self.script("""\\set a ':b'
\\set b ':a'
select :a;
\\set self 'x :self y'
select :'self' as s;
\\echo :self
""")

    def test_set_concatenation(self):
        self.script("""\\set a one two three
\\echo :a
\\set b 'one' 'two' `echo three` 4
\\echo :b
\\set c
\\echo [:c]
\\set d 'quoted '"double"' and \\t tab'
\\echo :d
\\set e 'unterminated
\\echo :e
\\set 'bad name' 1
\\set 1x 2
\\echo :1x
\\unset a
\\echo :a
\\unset nosuch
\\unset
\\set Ω unicode
\\echo :Ω
""")

    def test_variable_in_meta_arguments(self):
        self.script("""\\set fmt unaligned
\\pset format :fmt
select 1 as a, 2 as b;
\\set cmd 'echo from-var'
\\echo :cmd
\\set file nofile.sql
\\i :file
\\echo :'fmt' :"fmt" `echo :fmt` "`echo literal`" ':fmt'
""")

    def test_interpolation_in_dollar_and_comments_multiline(self):
        self.script("""\\set v 5
select $f$
:v inside dollar
$f$ as d, /* :v
:v in comment */ :v as real;
select 'line1
:v in string' as s;
select "col:v" from (select 1 as "col:v") x;
""")

    def test_colon_edge_cases(self):
        self.script("""\\set x 1
select array[1,2,3][1:2] as slice, array[1,2,3][:x] as slice2;
select 1 as a, :x as b, ':' as colon, ':=' as assign;
select :x:x;
select 'a' :: text;
\\set : nothing
\\echo :x:
\\echo x: :
""")


class TestSpecialVariables(ScriptCase):
    def test_validation_errors(self):
        self.script("""\\set AUTOCOMMIT maybe
\\set ECHO loud
\\set ECHO_HIDDEN sometimes
\\set ON_ERROR_ROLLBACK perhaps
\\set ON_ERROR_STOP yesno
\\set FETCH_COUNT many
\\set FETCH_COUNT 10x
\\set VERBOSITY chatty
\\set SHOW_CONTEXT sometimes
\\set COMP_KEYWORD_CASE weird
\\set HISTCONTROL bogus
\\set HISTSIZE lots
\\set IGNOREEOF lots
\\set QUIET q
\\set SINGLELINE s
\\set SINGLESTEP s
\\set SHOW_ALL_RESULTS s
\\set HIDE_TABLEAM x
\\set HIDE_TOAST_COMPRESSION x
\\echo :AUTOCOMMIT :ECHO :ECHO_HIDDEN :ON_ERROR_ROLLBACK :ON_ERROR_STOP :FETCH_COUNT :VERBOSITY
\\echo :SHOW_CONTEXT :COMP_KEYWORD_CASE :HISTCONTROL :HISTSIZE :IGNOREEOF :QUIET :SINGLELINE
""", separate=True)

    def test_valid_values_and_unset(self):
        self.script("""\\set AUTOCOMMIT OFF
\\echo :AUTOCOMMIT
\\set AUTOCOMMIT
\\echo [:AUTOCOMMIT]
\\set ON_ERROR_STOP 0
\\echo :ON_ERROR_STOP
\\set ECHO none
\\set ECHO_HIDDEN noexec
\\set ON_ERROR_ROLLBACK interactive
\\set FETCH_COUNT -5
\\set HISTSIZE -1
\\set IGNOREEOF 3
\\set IGNOREEOF xyz
\\set COMP_KEYWORD_CASE preserve-lower
\\set HISTCONTROL ignoreboth
\\set VERBOSITY sqlstate
\\set SHOW_CONTEXT always
\\echo :ECHO :ECHO_HIDDEN :ON_ERROR_ROLLBACK :FETCH_COUNT :HISTSIZE :IGNOREEOF :COMP_KEYWORD_CASE :HISTCONTROL
\\unset AUTOCOMMIT
\\unset ECHO
\\unset ECHO_HIDDEN
\\unset ON_ERROR_ROLLBACK
\\unset FETCH_COUNT
\\unset HISTSIZE
\\unset IGNOREEOF
\\unset COMP_KEYWORD_CASE
\\unset HISTCONTROL
\\unset VERBOSITY
\\unset SHOW_CONTEXT
\\unset QUIET
\\echo [:AUTOCOMMIT] [:ECHO] [:ECHO_HIDDEN] [:ON_ERROR_ROLLBACK] [:FETCH_COUNT] [:HISTSIZE] [:IGNOREEOF]
\\echo [:COMP_KEYWORD_CASE] [:HISTCONTROL] [:VERBOSITY] [:SHOW_CONTEXT] [:QUIET]
\\set ON_ERROR_STOP on
\\set ON_ERROR_STOP
\\echo [:ON_ERROR_STOP]
\\set ON_ERROR_STOP t
\\set ON_ERROR_STOP FALSE
\\set ON_ERROR_STOP of
\\set ON_ERROR_STOP o
\\echo :ON_ERROR_STOP
""")

    def test_set_list(self):
        version_lines = [(r"^(VERSION|VERSION_NAME|VERSION_NUM|SERVER_VERSION_NAME|SERVER_VERSION_NUM) = .*\n", "")]
        self.script("\\set zeta last\n\\set alpha first\n\\set\n", subs=version_lines)
        self.compare(["-v", "X=1", "-c", "\\set"], subs=version_lines)
        # the version variables themselves: present and consistent with psql's
        self.script("\\echo :SERVER_VERSION_NAME :SERVER_VERSION_NUM\n")

    def test_connection_variables(self):
        self.script("\\echo :DBNAME :USER :PORT :ENCODING\n\\echo :HOST\n")
        self.script("\\echo :LASTOID :LAST_ERROR_MESSAGE :LAST_ERROR_SQLSTATE :ERROR :SQLSTATE :ROW_COUNT\n")

    def test_result_variables(self):
        self.script("""select 1 union select 2;
\\echo :ROW_COUNT :ERROR :SQLSTATE
select 1/0;
\\echo :ROW_COUNT :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE :'LAST_ERROR_MESSAGE'
create temp table rv(a int);
\\echo :ROW_COUNT :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE
insert into rv select generate_series(1, 5);
\\echo :ROW_COUNT :ERROR :SQLSTATE
select nosuchcol from rv;
\\echo :ROW_COUNT :ERROR :SQLSTATE :LAST_ERROR_MESSAGE
update rv set a = a where a < 3;
\\echo :ROW_COUNT
\\bogus
\\echo :ERROR :SQLSTATE
select 'x' \\gset pre_
\\echo :ERROR :ROW_COUNT
;
\\echo :ROW_COUNT :ERROR
select 1 \\; select 2 \\; select 3 union select 4;
\\echo :ROW_COUNT
copy rv to stdout;
\\echo :ROW_COUNT
""", separate=True)

    def test_quiet_variable(self):
        self.script("""\\set QUIET on
create temp table qq(a int);
insert into qq values (1);
\\set QUIET off
insert into qq values (2);
\\set QUIET
insert into qq values (3);
\\pset null x
\\unset QUIET
\\pset null y
""")


class TestConditionals(ScriptCase):
    def test_if_nesting(self):
        self.script("""\\if true
  \\echo t1
  \\if false
    \\echo no
  \\elif 1
    \\echo elif-taken
    \\if off
      \\echo no
    \\else
      \\echo nested-else
    \\endif
  \\else
    \\echo no
  \\endif
\\elif true
  \\echo no-elif-after-taken
\\else
  \\echo no-else
\\endif
\\set v yes
\\if :v
  \\echo var-true
\\endif
\\if :{?v}
  \\echo defined
\\endif
\\if :{?nope}
  \\echo no
\\else
  \\echo undefined
\\endif
\\if `echo on`
  \\echo backtick-true
\\endif
\\if false
  select 'skipped' as s;
  \\echo skipped `echo side-effect`
  \\set v changed
  \\bogus command
\\endif
\\echo :v
""")

    def test_if_errors(self):
        self.script("""\\if maybe
\\echo after-bad-if
\\endif
\\if
\\echo after-empty-if
\\endif
\\else
\\elif true
\\endif
\\if true
\\else
\\else
\\elif true
\\endif
\\if true extra
\\echo x
\\endif
\\echo done
""", separate=True)

    def test_if_query_buffer(self):
        self.script("""select 1 as a
\\if true
, 2 as b
\\else
, 3 as c
\\endif
;
select 'in'
\\if false
\\endif
\\p
;
""")

    def test_unbalanced_at_eof(self):
        self.script("\\if true\n\\echo inside\n")
        self.script("\\if false\n\\echo inside\n\\else\n")
        self.compare(["-c", "\\if true", "-c", "\\echo next"])

    def test_if_in_included_file(self):
        d = harness.scratch()
        inner = harness.write_file(d, "inner.sql", "\\if true\n\\echo inner-open\n")
        self.script("\\i %s\n\\echo outer\n\\endif\n\\echo end\n" % inner)

    def test_endif_skipping_quotes(self):
        self.script("""\\if false
select 'unterminated \\endif
'
\\endif
\\echo after
""")


class TestShellAndEnv(ScriptCase):
    def test_backticks(self):
        self.script("""\\set a `echo hello`
\\echo :a
\\set b `printf 'x\\ny\\n\\n'`
\\echo [:b]
\\set c `false`
\\echo [:c]
\\set d `exit 3`
\\echo `echo one; echo two`
\\set e `echo $HOME_TEST_VAR`
\\echo [:e]
\\set f `nonexistent_command_xyz 2>/dev/null`
\\echo [:f]
\\set g `echo 'quoted arg'` `echo second`
\\echo :g
\\set v 'it''s'
\\echo `echo :'v'` `echo :v`
""", env=harness.server().env(HOME_TEST_VAR="from env"), separate=True)

    def test_getenv_setenv(self):
        self.script("""\\getenv h TEST_GETENV
\\echo :h
\\getenv missing NO_SUCH_ENV_VAR_X
\\echo [:missing]
\\getenv onlyone
\\getenv
\\setenv NEWVAR newvalue
\\! echo $NEWVAR
\\getenv back NEWVAR
\\echo :back
\\setenv NEWVAR
\\! echo "[$NEWVAR]"
\\setenv BAD=NAME x
\\setenv
\\set shell `echo $NEWVAR`
\\echo [:shell]
""", env=harness.server().env(TEST_GETENV="env value"), separate=True)

    def test_shell(self):
        self.script("""\\! echo from shell
\\! exit 3
\\echo after
\\! echo :not_interpolated 'quotes' "dq"
select 1 as a;
\\! echo order
""", separate=True)

    def test_cd(self):
        d = harness.scratch()
        os.mkdir(os.path.join(d, "sub"))
        harness.write_file(os.path.join(d, "sub"), "f.sql", "select 'in sub' as s;\n")
        self.script("\\cd sub\n\\i f.sql\n\\! pwd | sed 's,.*/,,'\n\\cd /nonexistent\n\\cd\n\\! pwd\n",
                    cwd=d, env=harness.server().env(HOME="/tmp"))


class TestTildeExpansion(ScriptCase):
    parallel = False

    def test_tilde_in_file_arguments(self):
        home = harness.scratch("home-")
        harness.write_file(home, "inc.sql", "select 'included' as i;\n")
        harness.write_file(home, "data.txt", "a\tb\n")
        script = """\\i ~/inc.sql
\\ir ~/inc.sql
\\o ~/o.txt
select 1 as o;
\\o
\\! cat {h}/o.txt; rm -f {h}/o.txt
select 2 \\g ~/g.txt
\\! ls {h}; rm -f {h}/g.txt
select 3 \\w ~/w.txt
\\! ls {h}; rm -f {h}/w.txt
\\r
create temp table t(a text, b text);
\\copy t from ~/data.txt
\\copy t to ~/c.txt
\\! cat {h}/c.txt; rm -f {h}/c.txt
\\lo_import ~/data.txt
\\set o :LASTOID
\\lo_export :o ~/lo.txt
\\! cat {h}/lo.txt; rm -f {h}/lo.txt
\\lo_unlink :o
\\i ~nosuchuser/x.sql
\\o ~/sub/nodir.txt
\\cd ~
\\! pwd
""".format(h=home)
        self.script(script, env=harness.server().env(HOME=home), cwd="/", subs=[(r"\b\d{4,}\b", "OID")])


class TestEchoCommands(ScriptCase):
    def test_echo_variants(self):
        self.script("""\\echo plain text
\\echo -n no newline
\\echo  after
\\echo 'quoted  spaces' "dq  keeps" mixed'q'uote
\\echo 'esc\\tapes\\n' '\\101\\x41'
\\echo
\\echo -n
\\echo -n -n
\\echo x -n
\\qecho to query out
\\qecho -n qecho no newline
\\qecho
\\warn to stderr
\\warn -n warn no newline
\\warn
\\echo end
""", separate=True)

    def test_echo_with_output_redirect(self):
        d = harness.scratch()
        self.script("""\\o %s/out.txt
\\echo echo goes to stdout
\\qecho qecho goes to file
\\warn warn goes to stderr
select 1 as a;
\\o
\\! cat %s/out.txt
""" % (d, d), parallel=False, separate=True)


class TestIncludes(ScriptCase):
    def test_i_and_ir(self):
        d = harness.scratch()
        os.makedirs(os.path.join(d, "lib", "deep"))
        harness.write_file(os.path.join(d, "lib"), "a.sql", "select 'a' as f;\n\\ir deep/b.sql\n\\i c.sql\n")
        harness.write_file(os.path.join(d, "lib", "deep"), "b.sql", "select 'b' as f;\nselect bad;\n")
        harness.write_file(d, "c.sql", "select 'c (cwd)' as f;\n")
        main = harness.write_file(d, "main.sql", "\\i lib/a.sql\n\\include_relative lib/deep/b.sql\n"
                                  "\\include c.sql\n\\i\n\\ir /nonexistent.sql\n")
        self.compare(["-f", main], cwd=d)
        self.compare(["-f", main], cwd=d, merge=True)
        self.compare([], input="\\ir lib/a.sql\n", cwd=d)

    def test_include_stdin_dash(self):
        d = harness.scratch()
        main = harness.write_file(d, "main.sql", "select 'main';\n\\i -\nselect 'back';\n")
        self.compare(["-f", main], input="select 'from stdin' as s;\n")

    def test_include_unterminated_statement(self):
        d = harness.scratch()
        harness.write_file(d, "part.sql", "select 'part' as p,\n")
        self.script("\\i %s/part.sql\n 2 as q;\n" % d)
        harness.write_file(d, "str.sql", "select 'open\n")
        self.script("\\i %s/str.sql\nclose' as s;\n" % d)


class TestOutputRedirection(ScriptCase):
    def test_o_file_and_pipe(self):
        d = harness.scratch()
        self.script("""select 'before' as x;
\\o {d}/o1.txt
select 'to file' as x;
\\echo echo not redirected
\\qecho qecho redirected
select bad;
\\o | tr a-z A-Z
select 'piped' as x;
\\o
select 'after' as x;
\\! cat {d}/o1.txt
\\o {d}/nodir/x.txt
\\out {d}/o2.txt
\\gx
\\o
\\! cat {d}/o2.txt
""".format(d=d), parallel=False, separate=True)

    def test_g_variants(self):
        d = harness.scratch()
        self.script("""select 1 as a \\g {d}/g1.txt
\\! cat {d}/g1.txt
select 'p' as b \\g | tr a-z A-Z
select 1 as a, 2 as b \\g (format=unaligned fieldsep=;)
select 1 as a, 2 as b \\g (expanded border=2)
select 1 as a \\g (format=csv tuples_only) {d}/g2.txt
\\! cat {d}/g2.txt
select 1 as a \\g (nonsense=1)
select 1 as a \\g (format=bogus)
\\g
select 2 as repeat \\g
\\g
\\gx
select 'x' \\gx (format=unaligned)
select 'y' as v \\gx {d}/g3.txt
\\! cat {d}/g3.txt
select 1 as a \\g (footer=off null=N
select 'still formats' \\g
""".format(d=d), parallel=False, separate=True)

    def test_broken_pipes(self):
        # a reader that stops early must not kill psql (it ignores SIGPIPE while writing to pipes)
        self.script("select g from generate_series(1, 100000) g \\g | head -2\nselect 'after g';\n"
                    "\\copy (select g from generate_series(1, 100000) g) to program 'head -1'\nselect 'after copy';\n"
                    "\\set FETCH_COUNT 100\nselect g from generate_series(1, 100000) g \\g | head -2\n"
                    "select 'after fetch';\n\\unset FETCH_COUNT\n"
                    "\\o | head -1\nselect g from generate_series(1, 100000) g;\n\\o\nselect 'after o';\n", separate=True)

    def test_g_empty_buffer_and_previous(self):
        self.script("\\g\nselect 1 as a;\n\\g\n\\gx\n\\p\nselect 2 as b\n\\p\n\\g\n\\p\n\\r\n\\p\n\\g\n")


class TestGset(ScriptCase):
    def test_gset(self):
        self.script("""select 1 as a, 'two' as b, null as c \\gset
\\echo :a :b [:c]
select 3 as a \\gset pre_
\\echo :pre_a
select 1 as x where false \\gset
\\echo after-no-rows
select generate_series(1, 2) as y \\gset
\\echo [:y]
select 'x' as "AUTOCOMMIT" \\gset
select 'on' as "QUIET" \\gset
select 'bad' as "ON_ERROR_STOP" \\gset
select 1 as "bad name" \\gset
\\echo :'bad name'
select 5 as v \\gset "pre fix"
select bad \\gset
create temp table gs(a int) \\gset
select 1 as a, 2 as a \\gset dup_
\\echo :dup_a
select 1 as "1x" \\gset
\\echo :1x
""", separate=True)

    def test_gexec(self):
        self.script("""select 'select ' || g || ' as n' from generate_series(1, 3) g \\gexec
select 'select 1 as a', 'select 2 as b' \\gexec
select 'create temp table ge' || g || '(a int)' from generate_series(1, 2) g \\gexec
select null, 'select 3 as c' \\gexec
select 'select bad' \\gexec
select 'select 1/0', 'select 4 as d' \\gexec
select '\\echo not a meta' \\gexec
select 'select 5' where false \\gexec
select bad \\gexec
""", args=["-e"], separate=True)

    def test_gexec_with_stop(self):
        self.script("select 'select 1/0', 'select 4 as d' \\gexec\nselect 'after';\n", args=["-v", "ON_ERROR_STOP=1"])

    def test_gdesc(self):
        self.script("""select 1 as a, 'x'::text as b, now() as c, null as d, 1.5::numeric(10,2) as e, array[1] as f \\gdesc
select \\gdesc
select bad \\gdesc
create temp table gd(a int) \\gdesc
select $1::int as p \\gdesc
\\gdesc
values (1, 'a') \\gdesc
select 1 as "Col" \\gdesc
""")


class TestQueryBuffer(ScriptCase):
    def test_p_r_w(self):
        d = harness.scratch()
        self.script("""select 1 as a,
\\p
2 as b
\\w {d}/w1.sql
\\r
\\p
select 3 as c;
\\p
\\w {d}/w2.sql
\\! cat {d}/w1.sql {d}/w2.sql
\\w | cat
\\w
\\w {d}/nodir/x
\\print
\\reset
\\r extra
""".format(d=d), parallel=False)

    def test_query_buffer_state_after_meta(self):
        self.script("""select 'a' as x
\\echo in the middle
, 'b' as y;
select 1
\\set v 2
+ :v as s;
""")


class TestCopy(ScriptCase):
    def test_copy_inline_stdin(self):
        self.script("""create temp table c (a int, b text);
copy c from stdin;
1\tone
2\ttwo
\\.
copy c from stdin with (format csv);
3,"three, with comma"
4,
\\.
copy c (a) from stdin;
5
\\.
select * from c order by a;
copy c to stdout;
copy c to stdout with (format csv, header);
copy (select a from c where a < 3) to stdout;
copy c from stdin;
bad\tdata
\\.
select count(*) from c;
""", separate=True)

    def test_copy_inline_stdin_from_stdin_stream(self):
        self.script("""create temp table c (a int, b text);
copy c from stdin;
1\tone
\\.
select * from c;
copy c from stdin;
2\ttwo
""", stdin=True)

    def test_copy_c_with_stdin(self):
        self.compare(["-c", "create temp table c(a int); copy c from stdin; select 1"], input="1\n2\n\\.\n")
        self.compare(["-c", "copy (select 1) to stdout"])
        self.compare(["-c", "create temp table c(a int)", "-c", "copy c from stdin", "-c", "select * from c"],
                     input="7\n8\n")
        self.compare(["-c", "create temp table c(a int)", "-c", "copy c from stdin", "-c", "select * from c"],
                     input="7\nx\n")

    def test_backslash_copy(self):
        d = harness.scratch()
        harness.write_file(d, "in.txt", "1\tfrom file\n2\t\\N\n")
        harness.write_file(d, "in.csv", "a,b\n3,csv row\n")
        self.script("""create temp table bc (a int, b text);
\\copy bc from '{d}/in.txt'
\\copy bc from {d}/in.csv with (format csv, header true)
\\copy bc (a, b) from program 'printf "4\\tprog\\n"'
\\copy bc to '{d}/out.txt'
\\! cat {d}/out.txt
\\copy bc to stdout with csv
\\copy (select a, b from bc where a > 2 order by a) to stdout
\\copy bc to program 'sort -r'
\\copy bc from '{d}/missing.txt'
\\copy bc from program 'exit 1'
\\copy nosuchtable from '{d}/in.txt'
\\copy bc from
\\copy
\\copy bc to '{d}/nodir/out'
\\copy bc from stdin
\\copy bc from pstdin
\\copy bc to pstdout
\\copy bc from stdin with (format csv)
select * from bc order by a;
""".format(d=d), parallel=False, input="10\tpstdin row\n\\.\n", separate=True)

    def test_copy_pstdin_from_file(self):
        d = harness.scratch()
        path = harness.write_file(d, "s.sql", "create temp table p (a int);\n\\copy p from pstdin\n"
                                  "\\copy p from stdin\n20\n\\.\nselect * from p order by a;\n")
        self.compare(["-f", path], input="10\n11\n\\.\n")
        self.compare(["-f", path], input="10\n11\n")

    def test_copy_binary_and_errors(self):
        self.script("""create temp table cb (a int);
copy cb from stdin;
1
2
\\.
copy cb to stdout (format binary);
copy nosuch from stdin;
copy cb from stdin (format csv, bogus_option 1);
""", merged=False)


class TestConnections(ScriptCase):
    def test_connect(self):
        srv = harness.server()
        self.script("""select current_database(), current_user;
\\c tester
select current_database(), current_user;
\\c - tester
select current_database(), current_user;
\\connect postgres postgres
\\c -
\\c dbname=tester
select current_database();
\\c "dbname=postgres application_name=custom"
select current_setting('application_name');
\\c postgresql:///tester?host={sock}&port={port}
select current_database();
\\c no_such_database
select current_database() as still;
\\c - - - {port}
\\conninfo
""".format(sock=srv.socket_dir, port=srv.port), subs=[(srv.socket_dir, "SOCKDIR")], separate=True)

    def test_connect_failure_stops_script(self):
        self.script("\\c no_such_db\nselect 'not reached?';\n", args=["-v", "ON_ERROR_STOP=1"])

    def test_conninfo_tcp_ssl(self):
        srv = harness.server()
        self.compare(["-d", srv.url(), "-c", "\\conninfo"])
        self.compare(["-d", srv.url(sslmode="disable"), "-c", "\\conninfo"])

    def test_connect_keeps_password(self):
        srv = harness.server()
        self.compare(["-d", srv.url(user="tester", password="tester-pass", db="tester"), "-c", "\\c postgres",
                      "-c", "select current_user, current_database()"])


class TestPasswordPrompts(ScriptCase):
    parallel = False

    def test_connect_prompts_for_password(self):
        # without a terminal, psql prompts on stderr and reads the password from stdin
        self.compare([], input="\\c tester tester 127.0.0.1\ntester-pass\nselect current_user;\n"
                               "\\c tester tester 127.0.0.1\nwrong-pass\nselect current_user;\n")
        self.compare([], input="\\c tester tester 127.0.0.1\ntester-pass\nselect current_user;\n", merge=True)

    def test_password_command(self):
        srv = harness.server()
        srv.sql("do $$ begin if not exists (select from pg_roles where rolname = 'pwtest') then "
                "create role pwtest login; end if; end $$")
        script = ("\\password pwtest\nsecret1\nsecret1\n\\echo done\n\\password pwtest\na\nb\n\\echo done2\n"
                  "\\password \"PwTest\"\nx\nx\n")
        self.compare([], input=script)
        self.compare([], input=script, merge=True)


class TestPromptCommand(ScriptCase):
    def test_prompt_from_stdin_with_file(self):
        self.script("""\\prompt 'Your name? ' name
\\echo hello :name
\\prompt second
\\echo [:second]
\\prompt 'x' 'bad name'
\\prompt
\\prompt 'eof? ' third
\\echo [:third]
""", input="Alice\nBob\n", separate=True)

    def test_prompt_stdin_script(self):
        # with the script on stdin, \prompt reads the next line of the script
        self.compare([], input="\\prompt 'p: ' v\nline value\n\\echo [:v]\n")


class TestTransactions(ScriptCase):
    def test_autocommit_off(self):
        self.script("""\\set AUTOCOMMIT off
create temp table ac (a int);
insert into ac values (1);
rollback;
select * from ac;
rollback;
create temp table ac (a int);
commit;
insert into ac values (2);
select * from ac;
commit;
\\set AUTOCOMMIT on
insert into ac values (3);
select count(*) from ac;
\\set AUTOCOMMIT off
/* no BEGIN before these: they cannot run in a transaction block */ vacuum ac;
drop database if exists no_such_db_autocommit;
-- comment first
discard all;
drop index concurrently if exists no_such_index_x;
select 1 as in_transaction;
\\set AUTOCOMMIT on
commit;
begin;
\\set AUTOCOMMIT off
select 2;
commit;
\\set AUTOCOMMIT on
""", args=["-e"])

    def test_on_error_rollback(self):
        self.script("""\\set ON_ERROR_ROLLBACK on
create temp table er (a int);
begin;
insert into er values (1);
select 1/0;
insert into er values (2);
commit;
select * from er order by a;
\\set ON_ERROR_ROLLBACK interactive
begin;
select 1/0;
insert into er values (3);
commit;
select * from er order by a;
\\set ON_ERROR_ROLLBACK off
begin;
select 1/0;
insert into er values (4);
commit;
select * from er order by a;
""", args=["-e"])

    def test_on_error_stop(self):
        self.script("select 1;\nselect 1/0;\nselect 2;\n", args=["-v", "ON_ERROR_STOP=1"])
        self.script("\\set ON_ERROR_STOP on\nselect 1/0;\n\\echo not reached\n")
        self.script("\\set ON_ERROR_STOP on\nbegin;\nselect 1/0;\ncommit;\n", stdin=True)

    def test_transaction_status_warnings(self):
        self.script("begin;\nbegin;\ncommit;\ncommit;\nrollback;\nsavepoint x;\n")


class TestFetchCount(ScriptCase):
    def test_fetch_count(self):
        self.script("""\\set FETCH_COUNT 2
select g from generate_series(1, 5) g;
select g, 'x' as b from generate_series(1, 3) g \\gx
\\pset format unaligned
select g from generate_series(1, 3) g;
\\pset format aligned
select 1 where false;
select 10 / (3 - g) from generate_series(1, 5) g;
\\echo :ROW_COUNT :ERROR
create temp table fc(a int);
insert into fc values (1) returning a;
select g from generate_series(1, 4) g \\gset
\\set FETCH_COUNT 0
select 1 as a;
""", separate=True)

    def test_fetch_count_error_midway_aligned(self):
        self.script("\\set FETCH_COUNT 3\nselect 10 / (5 - g) as q, repeat('x', g) as w from generate_series(1, 7) g;\n"
                    "\\echo :ROW_COUNT :SQLSTATE\n")

    def test_fetch_count_in_transaction(self):
        self.script("\\set FETCH_COUNT 1\nbegin;\nselect g from generate_series(1, 2) g;\nselect 1/0;\n"
                    "select 1;\nrollback;\n")


class TestEchoModes(ScriptCase):
    SCRIPT = """-- header comment
select 1 as a;
\\echo meta
select bad;
select 'multi'
  as line;
"""

    def test_echo_all_variable(self):
        self.script("\\set ECHO all\n" + self.SCRIPT)

    def test_echo_queries_variable(self):
        self.script("\\set ECHO queries\n" + self.SCRIPT, separate=True)

    def test_echo_errors_variable(self):
        self.script("\\set ECHO errors\n" + self.SCRIPT, separate=True)

    def test_echo_hidden(self):
        self.script("\\set ECHO_HIDDEN on\n\\lo_list\n\\set ECHO_HIDDEN noexec\n\\lo_list\n\\echo after\n",
                    parallel=False, separate=True)

    def test_singleline(self):
        self.script("\\set SINGLELINE on\nselect 1 as a\nselect 'b'\n  as b\n\\set SINGLELINE off\nselect 3\n;\n")

    def test_singleline_open_parenthesis(self):
        # an open parenthesis (or BEGIN ATOMIC body) keeps the statement going in single-line mode
        self.script("\\set SINGLELINE on\nselect (1\n+ 2) as x\nselect 3 as y\n"
                    "create function pg_temp.sl() returns int language sql\nbegin atomic select 1; end\nselect pg_temp.sl()\n")
        self.compare(["-S"], input="select (1,\n 2) as x\n")

    def test_singlestep_variable(self):
        self.script("\\set SINGLESTEP on\nselect 1 as a;\nselect 2 as b;\n", input="\nx\n")


class TestErrorReporting(ScriptCase):
    def test_verbosity(self):
        body = "select 1/0;\nselect nosuch from pg_class;\nselect 'abc'::int;\nselect\n  1 +\n  'x';\n\\errverbose\n"
        self.script("".join("\\set VERBOSITY %s\n%s" % (v, body) for v in ("default", "terse", "verbose", "sqlstate")),
                    separate=True)

    def test_errverbose(self):
        self.script("\\errverbose\nselect 1;\n\\errverbose\nselect nosuch;\n\\errverbose\n\\errverbose\n")

    def test_show_context(self):
        body = """do $$ begin raise notice 'note %', 1; end $$;
do $$ begin raise warning 'warn'; end $$;
do $$ begin raise exception 'boom' using detail = 'the detail', hint = 'the hint'; end $$;
create function pg_temp.inner_f() returns int language plpgsql as $f$ begin raise exception 'deep'; end $f$;
create function pg_temp.outer_f() returns int language plpgsql as $f$ begin return pg_temp.inner_f(); end $f$;
select pg_temp.outer_f();
"""
        temp = [(r"pg_temp_\d+", "pg_temp_N")]
        body2 = body.replace("create function", "create or replace function")
        self.script("".join("\\set SHOW_CONTEXT %s\n%s" % (v, body2) for v in ("never", "errors", "always"))
                    + "\\set VERBOSITY terse\n" + body2, subs=temp, separate=True)

    def test_notices(self):
        self.script("""do $$ begin raise notice 'one'; raise notice 'two'; end $$;
select 1 as a;
do $$ begin raise info 'info msg'; raise log 'log msg'; raise debug 'dbg'; end $$;
set client_min_messages = debug1;
do $$ begin raise debug 'now visible'; end $$;
reset client_min_messages;
drop table if exists no_such_table_xyz;
create temp table n (a int primary key);
""", separate=True)

    def test_error_positions(self):
        self.script("""select 1,
  2,
  nosuch,
  4;
select 'a' + 1;
    select    bad_at_indent;
select 1 from pg_class where relname = 'x' and nosuch_col = 1 and relkind = 'r';
select 'ελληνικά', nosuch;
select 'a very long line ' || 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' || nosuch || 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
select\tnosuch;
selec 1;
select 1 +;
select (1;
""")

    def test_file_line_prefixes(self):
        d = harness.scratch()
        inner = harness.write_file(d, "inner.sql", "\n\nselect bad_inner;\n\\bogus\n")
        self.script("""select 1;

select bad_one;
select
  bad_two;
\\i {inner}
\\echo :LAST_ERROR_MESSAGE
\\warn warned
\\pset format bogus
select 'end';
""".format(inner=inner), separate=True)

    def test_errors_on_stdin(self):
        self.script("select bad;\n\\bogus\n\\pset format bogus\n", stdin=True, separate=True)


class TestShowAllResults(ScriptCase):
    def test_show_all_results(self):
        self.script("""select 1 as a \\; select 2 as b;
\\set SHOW_ALL_RESULTS off
select 1 as a \\; select 2 as b;
select 1 as a \\; select 1/0 \\; select 3;
\\set SHOW_ALL_RESULTS on
select 1 as a \\; select 1/0 \\; select 3;
select 1 as a \\; create temp table sar(a int) \\; insert into sar values (1);
""", separate=True)
        self.compare(["-c", "select 1 as a; select 2 as b", "-v", "SHOW_ALL_RESULTS=off"])


class TestTimingAndEncoding(ScriptCase):
    def test_timing(self):
        self.script("""\\timing
select 1 as a;
\\timing off
select 2 as b;
\\timing on
\\echo :ROW_COUNT
select bad;
\\timing bogus
\\timing
""", subs=TIMING, separate=True)
        # the time line itself
        r = harness.run_ex(["-X", "-c", "\\timing on", "-c", "select 1"])
        self.assertRegex(r.out, r"\nTime: \d+\.\d{3} ms\n$")

    def test_encoding(self):
        self.script("""\\encoding
\\encoding LATIN1
\\encoding
\\echo :ENCODING
select convert_to('é', 'LATIN1') as bytes;
\\encoding bogus
\\encoding UTF8
show client_encoding;
set client_encoding = 'SQL_ASCII';
\\echo :ENCODING
""")


class TestLargeObjects(ScriptCase):
    parallel = False

    def test_lo_cycle(self):
        d = harness.scratch()
        harness.write_file(d, "blob.txt", "large object contents\n")
        oid_subs = [(r"\b\d{4,}\b", "OID")]
        self.script("""\\lo_import {d}/blob.txt
\\set oid :LASTOID
\\lo_list
\\lo_export :oid {d}/exported.txt
\\! cat {d}/exported.txt
\\lo_import {d}/blob.txt 'with a comment'
\\set oid2 :LASTOID
\\lo_list
\\lo_list+
\\lo_unlink :oid
\\lo_unlink :oid2
\\lo_list
\\lo_import {d}/missing.txt
\\lo_export 999999 {d}/x.txt
\\lo_unlink 999999
\\lo_unlink
\\lo_export
\\lo_bogus
""".format(d=d), subs=oid_subs, separate=True)


class TestNotifications(ScriptCase):
    parallel = False

    def test_listen_notify(self):
        self.script("""listen chan_a;
notify chan_a;
notify chan_a, 'payload';
select pg_notify('chan_a', 'via function');
select 1 as a;
unlisten chan_a;
notify chan_a;
listen "Chan B";
notify "Chan B", 'x';
""", subs=PID)


class TestCrosstab(ScriptCase):
    def test_crosstabview(self):
        self.script("""select * from (values ('a', 'x', 1), ('a', 'y', 2), ('b', 'x', 3)) v(r, c, n) \\crosstabview
select * from (values ('a', 'x', 1), ('a', 'y', 2), ('b', 'x', 3)) v(r, c, n) \\crosstabview c r n
select * from (values ('a', 'x', 1, 2), ('b', 'y', 3, 1)) v(r, c, n, s) \\crosstabview r c n s
select 1 \\crosstabview
select 1, 2 \\crosstabview
select * from (values ('a', 'x', 1), ('a', 'x', 2)) v(r, c, n) \\crosstabview
select * from (values ('a', 'x', 1)) v(r, c, n) \\crosstabview r nosuch
select * from (values ('a', 'x', 1)) v(r, c, n) \\crosstabview 1 2 3 4 5
""")
