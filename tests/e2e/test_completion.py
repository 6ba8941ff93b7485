"""
Tab completion through a pseudo-terminal, side by side with psql 15: each check sends
the same keystrokes to psql and to pgconsole, each in a pty of its own against the test
server, and waits for the same text to come back -- text that only the completion can
produce (what is inserted after the typed word, or the list of choices), never the
echo of what was typed.  Covers a statement spread over several lines, enum labels,
time zones and setting values, file names and their quoting, several choices,
case folding and COMP_KEYWORD_CASE, schema-qualified and quoted names, and the
argument positions of SQL and backslash commands.

psql on Debian is linked with readline, pgconsole with libedit: the two show a list
of choices after a different number of TABs and libedit lists what it would insert
(quotes, directories), so patterns leave room for both, as psql's own tab-completion
test does.
"""

import os
import shutil
import tempfile
import unittest

import pexpect

import harness

DB = "compl"
PROMPT = DB + r"[=\-*!]*[#>] "
TIMEOUT = 15

FIXTURE = """
CREATE TABLE tab1 (c1 int PRIMARY KEY, c2 text);
CREATE TABLE mytab123 (f1 int, f2 text);
CREATE TABLE mytab246 (f1 int, f2 text);
CREATE TABLE "mixedName" (f1 int, f2 text);
CREATE TYPE enum1 AS ENUM ('foo', 'bar', 'baz', 'BLACK');
CREATE SCHEMA sch1;
CREATE TABLE sch1.orders (order_id int PRIMARY KEY, customer text);
CREATE PUBLICATION some_publication;
"""


def setUpModule():
    srv = harness.server()
    srv.sql("DROP DATABASE IF EXISTS %s" % DB)
    srv.sql("CREATE DATABASE %s" % DB)
    srv.sql(FIXTURE, db=DB)


class Terminal:
    """psql or pgconsole in a pseudo-terminal of its own."""

    def __init__(self, name, exe, env, cwd):
        self.name = name
        self.child = pexpect.spawn(exe, ["-X", "-d", DB], env=env, cwd=cwd, encoding="utf-8",
                                   timeout=TIMEOUT, dimensions=(40, 200))
        self.child.expect(PROMPT)

    def close(self):
        self.child.sendline("\\q")
        try:
            self.child.expect(pexpect.EOF)
        except pexpect.TIMEOUT:
            pass
        self.child.close(True)


class CompletionTest(unittest.TestCase):
    """Each test drives one psql and one pgconsole session with the same keystrokes."""

    def setUp(self):
        srv = harness.server()
        self.home = tempfile.mkdtemp(prefix="pgconsole-compl-")
        self.addCleanup(shutil.rmtree, self.home, True)
        self.files = os.path.join(self.home, "files")
        os.makedirs(os.path.join(self.files, "tmp_check"))
        for name, text in (("tmp_check/somefile", "some stuff\n"), ("tmp_check/afile123", "more stuff\n"),
                           ("tmp_check/afile456", "other stuff\n"), ("my file.sql", "select 1;\n"),
                           ("it's.sql", "select 2;\n")):
            with open(os.path.join(self.files, name), "w") as f:
                f.write(text)
        # no TERM (fewer escape sequences), no inputrc, no history: as psql's own test runs it.
        # Readline lists the choices on the TAB after one that inserted nothing, libedit on the
        # next one: checks send enough TABs for both.
        env = srv.env(HOME=self.home, TERM=None, LS_COLORS=None, INPUTRC="/dev/null",
                      PSQL_HISTORY="/dev/null", PAGER="cat")
        self.terminals = [Terminal("psql", harness.PSQL, env, self.files),
                          Terminal("pgconsole", harness.binary(), env, self.files)]
        for t in self.terminals:
            self.addCleanup(t.close)

    def check(self, keys, pattern, what):
        """Both programs, given the same keys, answer with text matching pattern."""
        for t in self.terminals:
            t.child.send(keys)
            try:
                t.child.expect(pattern)
            except pexpect.TIMEOUT:
                self.fail("%s: %s: %r did not come after the keys %r; the terminal showed %r"
                          % (t.name, what, pattern, keys, t.child.before))

    def clear_query(self):
        self.check("\\r\n", PROMPT, "\\r clears the query buffer")

    def clear_line(self):
        """Ctrl-U then Enter: works inside an unclosed quote too."""
        self.check("\x15\n", PROMPT, "Ctrl-U clears the line")

    # ---- the statement being typed spans several lines ----

    def test_completion_reads_the_earlier_lines_of_the_statement(self):
        self.check("comment on constraint tab1_pkey \n on public.\t", r"public\.tab1 ",
                   "the table of a constraint named on the line before")
        self.check("\t", r"IS ", "what follows, from words on both lines")
        self.clear_query()
        self.check("alter table tab1\n alter column\n \t\t\t", r"c1 +c2",
                   "the columns of a table named two lines before")
        self.clear_query()
        self.check("analyze (\n\t\t", r"SKIP_LOCKED +VERBOSE", "an option list opened on the line before")
        self.clear_query()

    def test_completion_goes_on_answering_after_a_statement_without_matches(self):
        self.check("comment on constraint tab1_pkey \n on public.\t", r"public\.tab1 ", "multi-line")
        self.clear_query()
        self.check("select * from nosuch\t\x15\n", PROMPT, "TAB where nothing matches, then the line cleared")
        self.check("select * from TAB\t", r"tab1 ", "a table after that")
        self.clear_query()
        self.check("begin;\n", PROMPT, "a transaction block")
        self.check("select * from my\t", r"my\x07?tab", "inside a transaction")
        self.check("\t\t", r"mytab123 +mytab246", "the choices inside a transaction")
        self.clear_query()
        self.check("rollback;\n", PROMPT, "the end of the block")
        self.check("alter table tab1 drop constraint \t", r"tab1_pkey ", "after the block")
        self.clear_query()

    # ---- values ----

    def test_enum_labels_are_offered_quoted_and_case_sensitively(self):
        self.check("ALTER TYPE enum1 RENAME VALUE 'ba\t\t", r"'?bar'? +'?baz'?", "several labels")
        self.clear_line()
        self.check("ALTER TYPE enum1 RENAME VALUE 'B\t", r"BLACK' ", "a label only the case tells apart")
        self.clear_line()
        self.check("ALTER TYPE public.enum1 RENAME VALUE 'f\t", r"foo' ", "a schema-qualified type")
        self.clear_line()

    def test_time_zone_names(self):
        self.check("SET timezone TO am\t", r"'America/", "the part time zones have in common, quoted")
        self.check("new_\t", r"New_York' ", "the rest, whatever the case typed")
        self.clear_line()
        self.check("set TimeZone = 'europe/par\t", r"Paris' ", "after =, inside a quote")
        self.clear_line()

    def test_setting_names_and_values(self):
        self.check("set interval\t\t", r"intervalstyle TO", "a setting, then TO")
        self.check(" iso\t", r"iso_8601 ", "one of an enum setting's values")
        self.clear_query()
        self.check("set enable_seqscan to \t\t", r"0 +1 +DEFAULT +FALSE +NO +OFF +ON +TRUE +YES",
                   "a boolean setting's spellings, in keyword case")
        self.clear_query()
        self.check("set search_path to pg_ca\t", r"pg_catalog ", "schemas for search_path")
        self.clear_query()
        self.check("show time\t\t\t", r"timezone +timezone_abbreviations", "SHOW")
        self.clear_query()

    # ---- file names ----

    def test_file_names_after_backslash_commands(self):
        self.check("\\lo_import tmp_check/some\t", r"tmp_check/somefile ", "\\lo_import, one file")
        self.clear_line()
        self.check("\\lo_import tmp_check/af\t", r"tmp_check/af\x07?ile", "\\lo_import, two files")
        self.check("\t\t", r"afile123 +(tmp_check/)?afile456", "the two files")
        self.clear_line()
        for command in ("\\i", "\\ir", "\\o", "\\w"):
            self.check(command + " tmp_check/so\t", r"tmp_check/somefile ", command)
            self.clear_line()
        self.check("\\i tmp\t", r"tmp_check/", "a directory goes on with a slash")
        self.check("some\t", r"somefile ", "a file inside it")
        self.clear_line()
        self.check("\\i my\t", r"'my file\.sql' ", "a name with a space is quoted")
        self.clear_line()
        self.check("\\i it\t", r"'it''s\.sql' ", "a quote in a name is doubled")
        self.clear_line()
        self.check("\\copy tab1 from tmp_check/some\t", r"tmp_check/somefile ", "\\copy ... from")
        self.clear_line()
        self.check("\\copy tab1 to my\t", r"'my file\.sql' ", "\\copy ... to, quoted when needed")
        self.clear_line()

    def test_file_names_after_copy_are_string_literals(self):
        self.check("COPY tab1 FROM tmp_check/some\t", r"'tmp_check/somefile' ", "always quoted")
        self.clear_line()
        self.check("COPY tab1 FROM tmp_check/af\t", r"'tmp_check/afile", "what two files have in common")
        self.check("\t\t", r"afile123'? +'?(tmp_check/)?afile456", "the two files")
        self.clear_line()
        self.check("copy tab1 to tmp\t", r"'tmp_check/", "a directory stays open")
        self.check("some\t", r"somefile' ", "then a file in it")
        self.clear_line()
        self.check("copy tab1 from 'tmp_check/some\t", r"somefile' ", "after the user's own quote")
        self.clear_line()
        self.check("copy tab1 to it\t", r"'it''s\.sql' ", "a quote in a name")
        self.clear_line()

    # ---- names ----

    def test_several_choices_quoted_and_qualified_names(self):
        self.check("select * from my\t", r"my\x07?tab", "what two tables have in common")
        self.check("\t\t", r"mytab123 +mytab246", "the two tables")
        self.check("2\t", r"246 ", "the one chosen")
        self.clear_query()
        self.check("select * from \"my\t", r"\"my\x07?tab", "a quoted name")
        self.check("\t\t", r"\"mytab123\" +\"mytab246\"", "quoted choices")
        self.check("2\t", r"246\" ", "the one chosen, closed")
        self.clear_line()
        self.check("select * from \"mi\t", r"\"mixedName\" ", "a mixed-case name")
        self.clear_line()
        self.check("select * from TAB\t", r"tab1 ", "unquoted names are folded to lower case")
        self.clear_query()
        self.check("select * from pub\t", r"public\.", "a schema, without a space")
        self.check("tab\t", r"tab1 ", "then a table in it")
        self.clear_query()
        self.check("select * from PUBLIC.t\t", r"public\.tab1 ", "a schema typed in upper case")
        self.clear_query()
        self.check("select * from sch1.\t", r"sch1\.orders ", "the only table of a schema")
        self.clear_query()
        self.check("alter table TAB1 drop constraint \t", r"tab1_pkey ", "a constraint of a table")
        self.clear_query()
        self.check("alter table public.\"tab1\" drop constraint \t", r"tab1_pkey ",
                   "a constraint of a qualified, quoted table")
        self.clear_query()

    def test_keyword_case_of_keywords_beside_names(self):
        for case, typed, offered in (("lower", "CO", "column"), ("upper", "co", "COLUMN"),
                                     ("preserve-lower", "co", "column"), ("preserve-upper", "CO", "COLUMN")):
            self.check("\\set COMP_KEYWORD_CASE %s\n" % case, PROMPT, "COMP_KEYWORD_CASE " + case)
            self.check("alter table tab1 rename %s\t\t\t" % typed, offered, "%s with %s" % (typed, case))
            self.clear_query()
        self.check("DROP TYPE big\t", r"DROP TYPE bigint ", "a type name offered as a keyword")
        self.clear_query()

    # ---- the arguments of commands ----

    def test_argument_positions_of_commands(self):
        self.check("CREATE TY\t", r"CREATE TYPE ", "an object type after CREATE")
        self.clear_query()
        self.check("CREATE TABLE mytab\t\t", r"mytab123 +mytab246", "names after a type of object")
        self.clear_query()
        self.check("DROP PUBLIC\t \t\t", r"DROP PUBLICATION\s+some_publication ", "a kind of object and its names")
        self.clear_query()
        self.check("insert into tab1 (\t\t\t", r"c1 +c2", "INSERT's column list")
        self.clear_query()
        self.check("update tab1 set \t\t\t", r"c1 +c2", "UPDATE ... SET")
        self.clear_query()
        self.check("select * from tab1 where \t\t\t", r"c1 +c2", "WHERE")
        self.clear_query()
        self.check("grant select on tab1 to tes\t", r"tester ", "GRANT ... TO")
        self.clear_query()
        self.check("\\set VERB\t", r"VERBOSITY ", "a psql variable")
        self.check("def\t", r"default ", "one of its values")
        self.clear_query()
        self.check("\\set HISTF\t", r"HISTFILE ", "a special variable that has no value yet")
        self.clear_query()
        self.check("\\echo :VERB\t", r":VERBOSITY ", "an interpolated variable")
        self.clear_query()
        self.check("\\DRD\t", r"drds ", "a backslash command, whatever the case")
        self.clear_line()
        self.check("\\dt my\t\t\t", r"mytab123 +mytab246", "\\dt")
        self.clear_query()


if __name__ == "__main__":
    unittest.main()
