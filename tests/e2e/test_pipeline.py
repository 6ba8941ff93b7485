"""Scripts sent ahead (exec/pipeline.c): psql and pgconsole run the same script on the same fresh
database, and print the same thing, exit with the same code and leave the same database behind,
in every error mode (ON_ERROR_STOP off and on, -1) and across the points where the pipeline
must drain.  A proxy between pgconsole and the server (pipeline_proxy.py) shows that statements
were in fact sent ahead where it is safe, and not where it is not."""

import os
import pty
import select
import subprocess
import time
import unittest

import harness
from pipeline_proxy import PipelineProxy

DB = "pipeline_case"
PID = [(r"server process with PID \d+", "server process with PID N")]
TIMING = [(r"^Time: \d+\.\d{3} ms.*$", "Time: T ms")]

MODES = {
    "default": [],
    "stop": ["-v", "ON_ERROR_STOP=1"],
    "single": ["-1"],
    "single-stop": ["-1", "-v", "ON_ERROR_STOP=1"],
}


_created = False


def fresh_database(setup):
    """The test database with an empty public schema (quicker than a new database), then setup."""
    global _created
    srv = harness.server()
    if not _created:
        srv.sql("DROP DATABASE IF EXISTS " + DB)
        srv.sql("CREATE DATABASE " + DB)
        _created = True
    srv.sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public", db=DB)
    if setup:
        srv.sql(setup, db=DB)


def database_state():
    """The public schema's relations and every table's rows, in a stable order."""
    srv = harness.server()
    relations = srv.sql("select relname || ' ' || relkind::text from pg_class "
                        "where relnamespace = 'public'::regnamespace order by 1", db=DB)
    state = [relations]
    for line in relations.split("\n"):
        if line.endswith(" r"):
            table = line[:-2]
            state.append(table + ":\n" + srv.sql("select t::text from public.%s t order by 1" % table, db=DB))
    return "\n".join(state)


def proxy_env(proxy, **extra):
    srv = harness.server()
    return srv.env(PGHOST="127.0.0.1", PGPORT=str(proxy.port), PGPASSWORD=srv.password, PGSSLMODE="disable",
                   PGGSSENCMODE="disable", **extra)


class PipelineCase(harness.CompareCase):
    """Runs a script with psql, then with pgconsole, each on a fresh copy of the database."""

    def run_script(self, script, args=(), setup=None, subs=None, env_for=None, files=None):
        d = harness.scratch("pipeline-")
        path = harness.write_file(d, "script.sql", script)
        for name, text in (files or {}).items():
            harness.write_file(d, name, text)
        outcome = {}
        for reference in (True, False):
            fresh_database(setup)
            env = env_for(reference) if env_for else None
            result = harness.run_ex(["-X", "-d", DB] + list(args) + ["-f", path], reference=reference, merge=True,
                                    cwd=d, env=env)
            outcome[reference] = (result, database_state())
        (ref, ref_state), (got, got_state) = outcome[True], outcome[False]
        self.assertSameResult(ref, got, args, script, subs=(subs or []) + PID + TIMING, check_err=False)
        self.assertEqual(ref_state, got_state, "the database differs after the script")
        return ref, got

    def each_mode(self, script, extra=(), modes=MODES, **kw):
        for name, args in modes.items():
            with self.subTest(mode=name, extra=list(extra)):
                self.run_script(script, list(args) + list(extra), **kw)


MIXED = r"""create table items(id int primary key, name text, qty int default 0);
create table log(id serial primary key, msg text);
create function note() returns trigger language plpgsql as $f$
begin raise notice 'row %', new.id; return new; end $f$;
create trigger items_note after insert on items for each row execute function note();
insert into items values (1, 'one');
insert into items values (2, 'two'), (3, 'three');
update items set qty = qty + 1 where id < 3;
select id, name, qty from items order by id;
select 1 as a_name_long_enough_to_be_truncated_by_the_parser_with_a_notice_of_its_own;
insert into log(msg) values ('first') returning id, msg;
delete from items where id = 3 returning *;
create index items_name on items(name);
alter table items add column note text;
vacuum items;
create index concurrently items_qty on items(qty);
do $$ begin raise warning 'from a do block'; end $$;
insert into log(msg) values ('second');
begin;
insert into log(msg) values ('in block');
savepoint s1;
insert into items values (4, 'four');
rollback to s1;
insert into items values (5, 'five');
commit;
select count(*) from log;
"""

FAILING = r"""create table t(a int primary key, b text);
insert into t values (1, 'one');
insert into t values (1, 'duplicate');
insert into t values (2, 'two');
select 1/0;
update t set b = b || '!';
begin;
insert into t values (3, 'three');
insert into t values (3, 'again');
insert into t values (4, 'four');
commit;
insert into t values (5, 'five');
select * from t order by a;
"""


class TestSameOutputAndEffects(PipelineCase):
    def test_mixed_script(self):
        self.each_mode(MIXED)

    def test_mixed_script_echoed(self):
        for echo in (["-a"], ["-e"], ["-b"], ["-q"]):
            self.each_mode(MIXED, echo, modes={"default": [], "single-stop": MODES["single-stop"]})

    def test_failures(self):
        self.each_mode(FAILING)
        self.each_mode(FAILING, ["-a"])
        self.each_mode(FAILING, ["-e"])

    def test_stop_inside_a_block_skips_what_was_sent_after(self):
        # under ON_ERROR_STOP, a ROLLBACK TO sent ahead of a failure must not run, nor what follows
        script = """begin;
insert into t values (10);
savepoint a;
insert into t values (11);
select 1/0;
rollback to a;
insert into t values (12);
commit;
insert into t values (13);
"""
        self.each_mode(script, setup="create table t(a int)")

    def test_stop_at_commit(self):
        script = """begin;
insert into d values (1);
insert into d values (-1);
commit;
insert into d values (2);
begin;
insert into d values (3);
commit;
"""
        self.each_mode(script, setup=DEFERRED)

    def test_failure_at_the_end_of_a_long_block(self):
        body = "".join("insert into t values (%d);\n" % i for i in range(300))
        self.each_mode("begin;\n" + body + "insert into t values (7);\ncommit;\nselect count(*) from t;\n",
                       setup="create table t(a int primary key)")
        self.each_mode(body + "select count(*) from t;\ninsert into t values (299);\nselect 'after';\n",
                       setup="create table t(a int primary key)")

    def test_deferred_constraint_fails_at_commit(self):
        # the error comes at the implicit commit, after the INSERT itself completed: psql's Query
        # message shows only the error, and a notice of the deferred trigger before it
        script = """insert into d values (1);
insert into d values (-1);
insert into d values (2);
select * from d order by a;
"""
        self.each_mode(script, setup=DEFERRED)
        self.each_mode(script, ["-e"], setup=DEFERRED)

    def test_notifications(self):
        script = """listen chan;
notify chan, 'one';
select 1 as after_one;
notify chan;
begin;
notify chan, 'in block';
select 2 as in_block;
commit;
select 3 as after_commit;
"""
        self.each_mode(script)

    def test_timing_and_row_count(self):
        script = r"""\timing on
create table t(a int);
insert into t select generate_series(1, 5);
update t set a = a + 1 where a > 2;
select :ROW_COUNT as seen_by_next_statement;
delete from t where a = 1;
\echo deleted :ROW_COUNT
select count(*) from t;
\timing off
"""
        self.each_mode(script)

    def test_log_file(self):
        d = harness.scratch("pipeline-log-")
        logs = {}
        for reference in (True, False):
            fresh_database(None)
            log = os.path.join(d, "log-%s.txt" % reference)
            path = harness.write_file(d, "s.sql", MIXED)
            harness.run_ex(["-X", "-d", DB, "-L", log, "-f", path], reference=reference, merge=True, cwd=d)
            with open(log) as f:
                logs[reference] = f.read()
        self.assertEqual(logs[True], logs[False])


DEFERRED = """create table d(a int);
create function d_check() returns trigger language plpgsql as $f$
begin raise notice 'checking %', new.a; if new.a < 0 then raise exception 'negative: %', new.a; end if;
return null; end $f$;
create constraint trigger d_check after insert on d deferrable initially deferred
  for each row execute function d_check();
"""


class TestDrainPoints(PipelineCase):
    def test_backslash_commands_and_variables(self):
        script = r"""create table g(a int);
insert into g values (1), (2);
select count(*) as n from g \gset
\echo n is :n
insert into g values (3);
insert into g select :n + 10;
select :'n' as quoted, :ROW_COUNT as rc, :{?n} as defined;
select 1/0;
\if :ERROR
\echo error seen: :SQLSTATE
\endif
select :'LAST_ERROR_MESSAGE' as last_error;
select a from g order by a \gdesc
select 'select 42 as from_gexec' \gexec
select a, a * 2 as b, 'x' as c from g order by a \crosstabview a c b
insert into g values (20);
\g
select 'end';
"""
        self.each_mode(script)

    def test_statements_only_the_query_message_runs_alike(self):
        script = r"""create table g(a int);
select 1 as a \; select 2 as b \; insert into g values (9);
prepare p(int) as select $1 + 1 as next;
execute p(1);
select $1;
copy g from stdin;
7
8
\.
copy (select a from g order by a) to stdout;
\set FETCH_COUNT 2
select a from g order by a;
insert into g values (30);
\unset FETCH_COUNT
begin;
select 1/0;
;
rollback;
begin;
declare c cursor for select 1;
select name from pg_cursors order by 1;
commit;
select count(*) from g;
"""
        self.each_mode(script)

    def test_rules(self):
        # a rule's SELECT prints rows only through psql's Query message
        script = """create rule r1 as on update to rb do also select 'rule fired' as note, new.b;
update rb set b = b + 1;
insert into rb values (2, 2);
update rb set b = b + 1 where a = 2;
"""
        self.each_mode(script, setup="create table rb(a int, b int); insert into rb values (1, 1)")

    def test_rules_already_in_the_database(self):
        setup = """create table rb(a int, b int); insert into rb values (1, 1), (2, 2);
create rule r1 as on update to rb do also select 'fired' as note, new.b"""
        script = "update rb set b = b + 1;\nupdate rb set b = b * 10 where a = 2;\ninsert into rb values (3, 3);\n"
        self.each_mode(script, setup=setup)

    def test_lexing_settings_changed_by_statements_in_flight(self):
        script = r"""set standard_conforming_strings = off;
select 'a\'b; still the string' as s;
reset standard_conforming_strings;
select 'c\' as plain;
select E'tab\there' as e;
\set v 'x\\y'
select :'v' as v;
set client_encoding = 'LATIN1';
select 'caf\xe9' as latin1;
reset client_encoding;
"""
        self.each_mode(script.replace("\\xe9", "\u00e9"))

    def test_included_files_and_connect(self):
        files = {"inner.sql": "insert into t values (2);\nselect 1/0;\ninsert into t values (3);\n"}
        script = "create table t(a int);\ninsert into t values (1);\n\\i inner.sql\ninsert into t values (4);\n" \
                 "\\c " + DB + "\ninsert into t values (5);\nselect count(*) from t;\n"
        self.each_mode(script, files=files)

    def test_script_without_final_semicolon(self):
        self.each_mode("create table t(a int);\ninsert into t values (1);\nselect count(*) from t")

    def test_pipeline_off(self):
        self.each_mode(MIXED, ["-v", "PIPELINE=off"])


# about 150 kB of values at 3000 rows: past a low bound, well under the default one
LARGE = ("select g, md5(g::text) as h, case when g %% 9 = 0 then null when g %% 7 = 0 then 'two' || chr(10) || 'lines' "
         "else 'v' || g end as v from generate_series(1, %d) g")
# fails at row 1500, after the first rows came
FAILING = "select g, 100 / (1500 - g) as q, md5(g::text) as name from generate_series(1, 3000) g"


def stream_env(threshold):
    return lambda reference: harness.server().env(PGCONSOLE_STREAM_THRESHOLD=str(threshold), PGTZ="UTC") \
        if threshold is not None else harness.server().env(PGTZ="UTC")


class TestLargeResults(PipelineCase):
    """Results of statements sent ahead go through SendQuery's receiving and printing
    (exec/result_stream.c): held in the row store up to the bound, streamed past it."""

    SCRIPT = ("create table t(a int);\ninsert into t values (1);\n" + LARGE % 3000 + ";\n"
              "insert into t values (2);\n" + LARGE % 5 + ";\nselect count(*) from t;\n" + LARGE % 2000 + ";\n")

    def test_large_results_print_as_psql_prints_them(self):
        for fmt in (["-A"], ["--csv"], [], ["-A", "-x"]):
            for threshold in (0, 20000):
                with self.subTest(format=fmt, threshold=threshold):
                    self.each_mode(self.SCRIPT, fmt, env_for=stream_env(threshold))
        for fmt in (["--csv"], []):
            with self.subTest(format=fmt, threshold="default"):
                self.each_mode(self.SCRIPT, fmt, env_for=stream_env(None))

    def without_pipeline(self, script, args, threshold, setup=None):
        """pgconsole with the pipeline and without it: the same output, errors, exit code and database
        (standard output and error apart: how notices interleave with streamed rows depends on timing)."""
        d = harness.scratch("pipeline-large-")
        path = harness.write_file(d, "script.sql", script)
        outcome = {}
        for pipeline in ("on", "off"):
            fresh_database(setup)
            r = harness.run_ex(["-X", "-d", DB, "-v", "PIPELINE=" + pipeline] + list(args) + ["-f", path],
                               cwd=d, env=stream_env(threshold)(False))
            outcome[pipeline] = (r.rc, r.out, r.err, database_state())
        self.assertEqual(outcome["on"], outcome["off"])
        return outcome["on"]

    def test_failure_after_streaming_began_prints_as_without_pipeline(self):
        # psql prints none of the failed result's rows; pgconsole keeps those it streamed (README.md)
        script = "select 'before' as b;\n" + FAILING + ";\nselect 'after' as a;\n"
        for name, mode in MODES.items():
            for fmt in (["-A"], ["--csv"]):
                with self.subTest(mode=name, format=fmt):
                    rc, out, err, _ = self.without_pipeline(script, mode + fmt, 0)
                    self.assertIn("\n1499" + ("|" if "-A" in fmt else ","), out)
                    self.assertIn("division by zero", err)

    def test_commit_failing_after_streaming_began_prints_as_without_pipeline(self):
        # the rows come before the commit that fails: streamed, they stay; held, only the error shows
        script = ("insert into d select g from generate_series(1, 2000) g returning a, md5(a::text);\n"
                  "insert into d select g - 2000 from generate_series(1, 2000) g returning a, md5(a::text);\n"
                  "select count(*) from d;\n")
        for threshold in (0, None):
            for fmt in (["--csv"], []):
                with self.subTest(threshold=threshold, format=fmt):
                    rc, out, err, _ = self.without_pipeline(script, fmt, threshold, setup=DEFERRED)
                    self.assertIn("negative: -1999", err)
                    if threshold is None:
                        self.each_mode(script, fmt, env_for=stream_env(threshold), setup=DEFERRED,
                                       modes={"default": []})

    def test_rows_print_before_a_statement_sent_ahead_ends(self):
        fresh_database("create table t(a int)")
        srv = harness.server()
        holder = harness.advisory_lock_holder(self, 4243)
        # the SELECT goes ahead behind the INSERT; its 201st row waits for the lock
        d = harness.scratch("pipeline-stream-")
        path = harness.write_file(d, "s.sql", "insert into t values (1);\n"
                                  "select g, repeat('x', 1000) as pad, case when g = 201 then "
                                  "pg_advisory_lock(4243)::text end as l from generate_series(1, 202) g;\n"
                                  "insert into t values (2);\n")
        client = subprocess.Popen([harness.binary(), "-X", "-q", "--csv", "-d", DB, "-f", path],
                                  env=stream_env(0)(False), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=d)
        self.addCleanup(client.kill)
        seen = harness.read_lines_while_running(client, 100)
        self.assertIsNone(client.poll(), "the query must still be waiting for the lock")
        self.assertGreaterEqual(seen.count(b"\n"), 100, seen[:200])
        self.assertTrue(seen.startswith(b"g,pad,l\n1,xxx"), seen[:100])
        holder.release()
        rest, err = client.communicate(timeout=30)
        self.assertEqual(client.returncode, 0, err)
        self.assertEqual((seen + rest).decode().count("\n"), 203)
        self.assertEqual(srv.sql("select count(*) from t", db=DB).strip(), "2")


class TestSentAhead(harness.CompareCase):
    """Through the proxy: how many statements pgconsole had sent when the first answer came."""

    def run_through_proxy(self, script, args=(), setup=None, env_extra=None):
        fresh_database(setup)
        proxy = PipelineProxy(harness.server().port)
        self.addCleanup(proxy.close)
        d = harness.scratch("pipeline-proxy-")
        path = harness.write_file(d, "s.sql", script)
        got = harness.run_ex(["-X", "-d", DB] + list(args) + ["-f", path], env=proxy_env(proxy, **(env_extra or {})),
                             merge=True, cwd=d)
        fresh_database(setup)
        ref = harness.run_ex(["-X", "-d", DB] + list(args) + ["-f", path], reference=True, merge=True, cwd=d)
        self.assertSameResult(ref, got, args, script, check_err=False)
        return proxy

    SELECTS = "".join("select %d as n;\n" % i for i in range(20))
    INSERTS = "".join("insert into t values (%d);\n" % i for i in range(20))

    def assertSentAhead(self, proxy):
        self.assertGreaterEqual(proxy.parses_at_release or 0, proxy.release_after,
                                "statements were not sent ahead of their results")

    def assertNotSentAhead(self, proxy):
        self.assertLessEqual(proxy.parses_at_release or 0, 1, "statements were sent ahead")

    def test_sent_ahead_without_on_error_stop(self):
        self.assertSentAhead(self.run_through_proxy(self.SELECTS))
        self.assertSentAhead(self.run_through_proxy(self.INSERTS, setup="create table t(a int)"))
        self.assertSentAhead(self.run_through_proxy(self.INSERTS, ["-1"], setup="create table t(a int)"))

    def test_sent_ahead_in_a_block_under_on_error_stop(self):
        self.assertSentAhead(self.run_through_proxy(self.INSERTS, ["-1", "-v", "ON_ERROR_STOP=1"],
                                                    setup="create table t(a int)"))
        self.assertSentAhead(self.run_through_proxy("begin;\n" + self.INSERTS + "commit;\n",
                                                    ["-v", "ON_ERROR_STOP=1"], setup="create table t(a int)"))

    def test_large_results_sent_ahead(self):
        script = "".join("%s;\n" % (LARGE % n) for n in (3000, 10, 2000, 5, 1, 7))
        for threshold in ("0", "20000"):
            with self.subTest(threshold=threshold):
                self.assertSentAhead(self.run_through_proxy(script, ["--csv"],
                                                            env_extra={"PGCONSOLE_STREAM_THRESHOLD": threshold}))

    def test_not_sent_ahead_where_a_failure_must_stop_what_follows(self):
        self.assertNotSentAhead(self.run_through_proxy(self.INSERTS, ["-v", "ON_ERROR_STOP=1"],
                                                       setup="create table t(a int)"))

    def test_nothing_sent_after_a_statement_that_ends_its_own_session(self):
        # the server may still run what came after pg_terminate_backend(pg_backend_pid()): psql never sends it
        script = ("select 1 as n;\nselect pg_terminate_backend(pg_backend_pid());\ninsert into t values (1);\n"
                  "select 2 as n;\n")
        proxy = self.run_through_proxy(script, setup="create table t(a int)")
        self.assertLessEqual(proxy.count("P"), 1, proxy.counts)

    def test_not_sent_ahead_when_turned_off(self):
        self.assertNotSentAhead(self.run_through_proxy(self.SELECTS, ["-v", "PIPELINE=off"]))
        self.assertNotSentAhead(self.run_through_proxy("\\set PIPELINE off\n" + self.SELECTS))
        self.assertNotSentAhead(self.run_through_proxy(self.SELECTS, ["-v", "AUTOCOMMIT=off"]))

    def test_not_sent_ahead_from_a_terminal(self):
        # input from a terminal, output to a pipe: not psql's interactive mode, but a person typing
        fresh_database(None)
        proxy = PipelineProxy(harness.server().port)
        self.addCleanup(proxy.close)
        master, slave = pty.openpty()
        proc = subprocess.Popen([harness.binary(), "-X", "-d", DB], stdin=slave, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=proxy_env(proxy), cwd=harness.workdir())
        os.close(slave)
        try:
            os.write(master, self.SELECTS.encode() + b"\\q\n")
            out, _ = proc.communicate(timeout=60)
        finally:
            os.close(master)
        self.assertIn(b"19", out)
        self.assertNotSentAhead(proxy)


class TestSlowWriter(unittest.TestCase):
    def test_each_result_comes_before_the_next_line(self):
        # a program that writes a statement and waits for its result before writing the next one
        fresh_database(None)
        srv = harness.server()
        proc = subprocess.Popen([harness.binary(), "-X", "-q", "-A", "-t", "-d", DB], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=srv.env(),
                                cwd=harness.workdir())
        try:
            for i in range(3):
                proc.stdin.write(b"select 'answer %d';\n" % i)
                proc.stdin.flush()
                self.assertEqual(read_line(proc.stdout, 30), b"answer %d\n" % i)
        finally:
            proc.stdin.close()
            proc.wait(30)


def read_line(stream, timeout):
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise AssertionError("no output within %ss (got %r)" % (timeout, line))
        byte = os.read(stream.fileno(), 1)
        if not byte:
            break
        line += byte
    return line


if __name__ == "__main__":
    unittest.main()
