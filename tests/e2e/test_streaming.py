"""
Large results received row by row (exec/result_stream.c), compared with psql 15.

A result is held (compactly) up to a bound, PGCONSOLE_STREAM_THRESHOLD bytes, and printed
whole, as psql prints it; past the bound, the formats that need no column widths (csv,
unaligned) are printed while their rows arrive.  The tests set the bound low (0: stream
from the first row; a few kB: a first chunk of held rows, then streaming) so that small
results take the streaming path, and check that everything prints as psql prints it: every
streamed format and its options, NULLs, multi-line values, wide characters, a row larger
than a block of the row store, several results per statement, \\g to a file and to a pipe,
\\o, -L, \\timing, FETCH_COUNT, \\gset, \\gexec, \\crosstabview, \\watch, the result
variables, ON_ERROR_ROLLBACK.  A result that fails before streaming began prints exactly
what psql prints (only the error); one that fails after keeps the rows printed so far and
ends as a failed FETCH_COUNT result does (no footer; in unaligned, no newline after the
last row), then the error and psql's exit code, as README.md documents.
"""

import hashlib
import os
import re
import subprocess
import unittest

import pexpect

import harness
from harness import CompareCase
from test_interactive import PROMPT, ansi_free

# NULLs, empty strings, multi-line values, wide and combining characters, a timestamp
ROWS_SQL = ("select g as id, case when g %% 5 = 0 then null else md5(g::text) end as name, "
            "case when g %% 7 = 0 then E'two\\nlines' when g %% 7 = 1 then '日本語 ' || g "
            "when g %% 7 = 2 then 'e\u0301 ' || g else '' end as note, "
            "timestamptz '2024-01-15 10:30:00+00' + g * interval '1 second' as ts "
            "from generate_series(1, %d) g")

# the streamed formats, with the options that change their output
STREAMED = [
    ["-A"],
    ["-A", "-t"],
    ["--csv"],
    ["--csv", "-t"],
    ["-A", "-x"],
    ["--csv", "-x"],
    ["-A", "-t", "-x"],
    ["-A", "-F", "|<FS>|", "-R", "<RS>\n"],
    ["-A", "-z", "-0"],
    ["-A", "-P", "null=(null)", "-P", "title=The title"],
    ["-A", "-P", "footer=off"],
    ["--csv", "-P", "csv_fieldsep=;", "-P", "null=NULL"],
]
# formats that hold every row first: the row store must print them as psql does too
HELD = [[], ["-x"], ["-P", "format=wrapped", "-P", "columns=60"], ["-H"], ["-P", "format=asciidoc"],
        ["-P", "border=2", "-P", "linestyle=unicode"]]

TZ_UTC = {"PGTZ": "UTC"}


def env_with(threshold=None, **extra):
    values = dict(TZ_UTC)
    if threshold is not None:
        values["PGCONSOLE_STREAM_THRESHOLD"] = str(threshold)
    values.update(extra)
    return harness.server().env(**values)


def failed_stream_output(fmt_args, sql, threshold):
    """What a stream that failed prints, from psql's output of the rows that came before the
    failure (sql): no footer, and in unaligned format nothing after the last row (psql ends a
    table with a newline, or a zero byte with -0)."""
    ref = harness.run_ex(["-X"] + fmt_args + ["-P", "footer=off", "-c", sql], env=env_with(threshold), reference=True)
    assert ref.rc == 0, ref
    out = ref.out
    if "-A" in fmt_args and "--csv" not in fmt_args:
        assert out[-1:] in ("\n", "\0"), repr(out[-20:])
        out = out[:-1]
    return out


class TestStreamedFormats(CompareCase):
    """Every streamed format, under the bound (held, printed whole) and past it."""

    def check_formats(self, formats, rows, thresholds):
        for threshold in thresholds:
            for fmt in formats:
                with self.subTest(format=fmt, threshold=threshold):
                    self.compare(fmt + ["-c", ROWS_SQL % rows], env=env_with(threshold),
                                 label="threshold %s" % threshold)

    def test_streamed_formats_match_psql(self):
        # 0: every row streams; 3000: a first chunk of held rows, then rows as they come; default: all held
        self.check_formats(STREAMED, 3000, [0, 3000, None])

    def test_default_bound(self):
        # about 12 MB of values: past the default bound of 8 MiB, so they stream without any setting
        sql = "select g, md5(g::text) as h, null as n from generate_series(1, 300000) g"
        for fmt in (["-A"], ["-A", "-t"], ["--csv"]):
            with self.subTest(format=fmt):
                self.compare(fmt + ["-c", sql], env=env_with(None))
        # a failure past the default bound: the rows before it were printed already (psql prints none)
        failing = "select g, md5(g::text) as h, 1 / (290000 - g) as q from generate_series(1, 300000) g"
        got = harness.run_ex(["-X", "--csv", "-c", failing], env=env_with(None))
        ref = harness.run_ex(["-X", "--csv", "-c", failing], env=env_with(None), reference=True)
        self.assertEqual((got.rc, got.err), (ref.rc, ref.err))
        self.assertEqual(ref.out, "")
        self.assertTrue(got.out.startswith("g,h,q\n1,c4ca4238a0b923820dcc509a6f75849b,0\n"), got.out[:100])
        self.assertTrue(got.out.endswith("\n289999,%s,1\n" % hashlib.md5(b"289999").hexdigest()), got.out[-100:])

    def test_held_formats_match_psql(self):
        self.check_formats(HELD, 500, [0, None])

    def test_empty_and_one_row_results(self):
        for fmt in (["-A"], ["-A", "-t"], ["--csv"], ["-A", "-x"], []):
            for sql in ("select 1 as a where false", "select 'only' as a", "select",
                        "select from generate_series(1, 3)"):
                with self.subTest(format=fmt, sql=sql):
                    self.compare(fmt + ["-c", sql], env=env_with(0))

    def test_rows_larger_than_a_block(self):
        # 1.5 MB values: rows bigger than the row store's 1 MiB blocks, streamed and held
        sql = "select g, repeat(chr(64 + g), 1500000) as big, g * 2 as after from generate_series(1, 4) g"
        for fmt in (["-A"], ["--csv"], []):
            for threshold in (0, 100000, None):
                with self.subTest(format=fmt, threshold=threshold):
                    self.compare(fmt + ["-c", sql], env=env_with(threshold))

    def test_many_columns(self):
        cols = ", ".join("case when g %% %d = 0 then null else g * %d end as c%d" % (i + 2, i, i)
                         for i in range(40))
        for fmt in (["-A"], ["--csv"], []):
            with self.subTest(format=fmt):
                self.compare(fmt + ["-c", "select %s from generate_series(1, 300) g" % cols], env=env_with(0))


class TestStreamedStatements(CompareCase):
    """What surrounds a streamed result: several results, \\g, \\o, -L, \\timing, variables."""

    def test_several_results_in_one_statement(self):
        script = ("select 1 as first \\; %s \\; select 3 as last;\n"
                  "\\set SHOW_ALL_RESULTS off\n"
                  "select 1 as first \\; %s \\; select 3 as last;\n"
                  "select 2 as only \\; %s;\n"
                  "\\set SHOW_ALL_RESULTS on\n"
                  "%s \\; select 1/0;\n"
                  "insert into pg_temp.t select g from generate_series(1, 2000) g returning *;\n"
                  % ((ROWS_SQL % 1000,) * 4))
        for fmt in (["-A"], ["--csv"], []):
            with self.subTest(format=fmt):
                self.compare(fmt, input="create temp table t (a int);\n" + script, env=env_with(0), merge=True)

    def test_g_to_a_file_and_a_pipe_and_o(self):
        d = harness.scratch("stream-g-")
        script = ("%s \\g %s/g-out\n"
                  "\\! cat %s/g-out\n"
                  "%s \\g | sed -e 's/^/piped: /'\n"
                  "\\o %s/o-out\n"
                  "%s;\n"
                  "\\o\n"
                  "\\! cat %s/o-out\n"
                  "%s \\g %s/missing-dir/out\n"
                  "select 'after' as still;\n"
                  % (ROWS_SQL % 500, d, d, ROWS_SQL % 400, d, ROWS_SQL % 300, d, ROWS_SQL % 200, d))
        for fmt in (["-A"], ["--csv"], []):
            with self.subTest(format=fmt):
                self.compare(fmt, input=script, env=env_with(0), merge=True, parallel=False)

    def test_log_file_gets_the_aligned_table(self):
        d = harness.scratch("stream-log-")
        for fmt in (["-A"], ["--csv"]):
            with self.subTest(format=fmt):
                logs = {}
                results = {}
                for tool in ("psql", "pgconsole"):
                    log = os.path.join(d, "%s.log" % tool)
                    args = ["-X", "-L", log] + fmt + ["-c", ROWS_SQL % 800, "-c", "select 1/0"]
                    results[tool] = harness.run_ex(args, env=env_with(0), reference=tool == "psql")
                    with open(log) as f:
                        logs[tool] = f.read()
                    os.unlink(log)
                self.assertSameResult(results["psql"], results["pgconsole"], args)
                self.assertEqual(logs["psql"], logs["pgconsole"])
                self.assertRegex(logs["pgconsole"], r"\| +name +\|")     # aligned, whatever the format

    def test_timing(self):
        subs = [(r"^Time: [0-9.]+ ms.*$", "Time: N ms")]
        script = "\\timing on\n%s;\nselect 1/0;\n%s;\n" % (ROWS_SQL % 1500, ROWS_SQL % 10)
        for fmt in (["-A"], ["--csv"]):
            with self.subTest(format=fmt):
                self.compare(fmt, input=script, env=env_with(0), merge=True, subs=subs)

    def test_result_variables(self):
        script = ("%s;\n\\echo ROW_COUNT=:ROW_COUNT ERROR=:ERROR SQLSTATE=:SQLSTATE\n"
                  "select g, 10 / (g - 1) from generate_series(1, 3) g;\n"
                  "\\echo ROW_COUNT=:ROW_COUNT ERROR=:ERROR SQLSTATE=:SQLSTATE :LAST_ERROR_MESSAGE\n"
                  "insert into pg_temp.t select g from generate_series(1, 1200) g returning a;\n"
                  "\\echo ROW_COUNT=:ROW_COUNT LASTOID=:LASTOID\n"
                  % (ROWS_SQL % 1234))
        for fmt in (["-A"], ["--csv"], []):
            with self.subTest(format=fmt):
                self.compare(fmt, input="create temp table t (a int);\n" + script, env=env_with(0), merge=True)

    def test_fetch_count(self):
        script = ("\\set FETCH_COUNT 100\n%s;\n"
                  "select g, 10 / (250 - g) from generate_series(1, 300) g;\n"
                  "insert into pg_temp.t select g from generate_series(1, 700) g returning a, 'x' as b;\n"
                  % (ROWS_SQL % 1000))
        for fmt in (["-A"], ["--csv"], [], ["-A", "-t"]):
            with self.subTest(format=fmt):
                self.compare(fmt, input="create temp table t (a int);\n" + script, env=env_with(0), merge=True)

    def test_gset_gexec_crosstabview(self):
        script = ("select 1 as one, 'two' as two \\gset v_\n\\echo :v_one :v_two\n"
                  "select g from generate_series(1, 3) g \\gset\n"
                  "select format('select %s as n', g) from generate_series(1, 5) g \\gexec\n"
                  "select g % 3 as r, g % 4 as c, count(*) from generate_series(1, 3000) g group by 1, 2 "
                  "\\crosstabview r c\n")
        for fmt in (["-A"], ["--csv"], []):
            with self.subTest(format=fmt):
                self.compare(fmt, input=script, env=env_with(0), merge=True)

    def test_on_error_rollback(self):
        script = ("\\set ON_ERROR_ROLLBACK on\nbegin;\ncreate temp table r (a int);\n"
                  "insert into r values (1);\n%s;\n"
                  "select g, 10 / (900 - g) from generate_series(1, 1000) g;\n"
                  "insert into r values (2);\nselect * from r;\ncommit;\n" % (ROWS_SQL % 800))
        # before the bound the failed result prints only its error, as in psql
        for fmt in (["-A"], ["--csv"]):
            with self.subTest(format=fmt):
                self.compare(fmt, input=script, env=env_with(None), merge=True)
        # past it, the rows so far are printed, and the transaction goes on all the same
        ref = harness.run_ex(["-X", "-A"], input=script, env=env_with(None), reference=True)
        got = harness.run_ex(["-X", "-A"], input=script, env=env_with(0))
        self.assertEqual(got.rc, ref.rc)
        self.assertEqual(got.err, ref.err)
        self.assertIn("898|5\n899|10", got.out)
        self.assertTrue(got.out.endswith(ref.out[ref.out.index("INSERT 0 1\na\n1\n2"):]), got.out[-300:])

    def test_watch(self):
        # the second round fails: \watch stops, as in psql
        script = ("create temp sequence s;\n"
                  "select g, 100 / (2 - (select nextval('s'))) as x, md5(g::text) "
                  "from generate_series(1, 1000) g \\watch 0.01\n"
                  "select 'after' as still;\n")
        subs = [(r"^.*\(every 0\.01s\)$", "TITLE")]
        for fmt in (["-A"], ["--csv"], []):
            with self.subTest(format=fmt):
                self.compare(fmt, input=script, env=env_with(0), merge=True, subs=subs)


class TestFailures(CompareCase):
    """A result that fails: before streaming began, as psql; after, the rows so far, then the error."""

    FAIL_AT = 1500
    FAILING = "select g, 100 / (%d - g) as q, md5(g::text) as name from generate_series(1, 3000) g"

    def test_failure_before_streaming_prints_only_the_error(self):
        for fmt in STREAMED + [[]]:
            with self.subTest(format=fmt):
                self.compare(fmt + ["-c", self.FAILING % self.FAIL_AT], env=env_with(None))
                self.compare(fmt + ["-c", self.FAILING % self.FAIL_AT], env=env_with(10 ** 6))

    def test_failure_after_streaming_keeps_the_rows_so_far(self):
        ok_rows = self.FAILING.replace("3000", str(self.FAIL_AT - 1))
        for fmt in STREAMED:
            for threshold in (0, 20000):
                with self.subTest(format=fmt, threshold=threshold):
                    ref_fail = harness.run_ex(["-X"] + fmt + ["-c", self.FAILING % self.FAIL_AT],
                                              env=env_with(threshold), reference=True)
                    got = harness.run_ex(["-X"] + fmt + ["-c", self.FAILING % self.FAIL_AT], env=env_with(threshold))
                    self.assertEqual(ref_fail.out, "")
                    self.assertEqual((got.rc, got.err), (ref_fail.rc, ref_fail.err))
                    self.assertEqual(got.out, failed_stream_output(fmt, ok_rows % self.FAIL_AT, threshold))

    def test_failure_after_streaming_in_a_script_with_on_error_stop(self):
        script = "select 'before' as b;\n%s;\nselect 'never' as n;\n" % (self.FAILING % self.FAIL_AT)
        ok_rows = (self.FAILING % self.FAIL_AT).replace("3000", str(self.FAIL_AT - 1))
        for fmt in (["-A"], ["--csv"]):
            with self.subTest(format=fmt):
                args = ["-X", "-v", "ON_ERROR_STOP=1"] + fmt
                ref = harness.run_ex(args, input=script, env=env_with(0), reference=True)
                got = harness.run_ex(args, input=script, env=env_with(0))
                self.assertEqual(got.rc, 3)
                self.assertEqual((got.rc, got.err), (ref.rc, ref.err))
                self.assertEqual(got.out, ref.out + failed_stream_output(fmt, ok_rows, 0))

    def test_connection_lost_mid_stream(self):
        sql = ("select g, case when g = 1500 then pg_terminate_backend(pg_backend_pid()) end as t "
               "from generate_series(1, 3000) g")
        for fmt in (["-A"], ["--csv"]):
            with self.subTest(format=fmt):
                # held: only the error, and exit code 2, as psql
                self.compare(fmt + ["-c", sql], env=env_with(None))
                ref = harness.run_ex(["-X"] + fmt + ["-c", sql], env=env_with(0), reference=True)
                got = harness.run_ex(["-X"] + fmt + ["-c", sql], env=env_with(0))
                self.assertEqual((got.rc, got.err), (ref.rc, ref.err))
                self.assertEqual(got.rc, 2)
                sep = "|" if "-A" in fmt else ","
                lines = got.out.split("\n")
                self.assertEqual(lines[0], "g%st" % sep)
                self.assertEqual(lines[1:1500], ["%d%s" % (g, sep) for g in range(1, 1500)])


class TestRowsAsTheyArrive(unittest.TestCase):
    """Past the bound, rows are printed while the query still runs, not when it ends."""

    def test_rows_print_before_the_query_ends(self):
        holder = harness.advisory_lock_holder(self, 4242)
        # 200 rows of 1 kB (enough to fill the server's send buffer), then a row that waits for the lock
        sql = ("select g, repeat('x', 1000) as pad, case when g = 201 then pg_advisory_lock(4242)::text end as l "
               "from generate_series(1, 202) g")
        client = subprocess.Popen([harness.binary(), "-X", "--csv", "-c", sql], env=env_with(0),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=harness.workdir())
        self.addCleanup(client.kill)
        seen = harness.read_lines_while_running(client, 100)
        self.assertIsNone(client.poll(), "the query must still be waiting for the lock")
        self.assertGreaterEqual(seen.count(b"\n"), 100, seen[:200])
        self.assertTrue(seen.startswith(b"g,pad,l\n1,xxx"))
        holder.release()
        rest, err = client.communicate(timeout=30)
        out = (seen + rest).decode()
        self.assertEqual(client.returncode, 0, err)
        self.assertEqual(out.count("\n"), 203)
        self.assertTrue(out.endswith("202,%s,\n" % ("x" * 1000)))


class TestStreamingAtTheTerminal(unittest.TestCase):
    """The pager decision of a streamed result, and Ctrl-C while rows stream (through a pty)."""

    def setUp(self):
        self.home = harness.scratch("stream-tty-")
        self.pager_out = os.path.join(self.home, "pager.out")
        self.pager = os.path.join(self.home, "pager.sh")
        with open(self.pager, "w") as f:
            f.write("#!/bin/sh\ncat >> %s\n" % self.pager_out)
        os.chmod(self.pager, 0o755)

    def start(self, exe, threshold):
        env = env_with(threshold, HOME=self.home, TERM="xterm", PAGER=self.pager, COLUMNS="200", LINES="40")
        child = pexpect.spawn(exe, ["-X"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 200),
                              cwd=harness.workdir())
        self.addCleanup(child.close, True)
        child.expect(PROMPT)
        return child

    def session(self, exe, threshold, lines):
        """Runs lines at the prompt; returns (what the terminal showed, what the pager got)."""
        if os.path.exists(self.pager_out):
            os.unlink(self.pager_out)
        child = self.start(exe, threshold)
        shown = []
        for line in lines:
            child.sendline(line)
            child.expect(PROMPT)
            shown.append(ansi_free(child.before).split("\n", 1)[-1])
        child.sendline("\\q")
        child.expect(pexpect.EOF)
        paged = None
        if os.path.exists(self.pager_out):
            with open(self.pager_out) as f:
                paged = f.read()
        return shown, paged

    def test_pager_decision_as_psql(self):
        cases = [
            ("tall: the pager gets the whole stream", True,
             ["select g, md5(g::text) from generate_series(1, 300) g;"]),
            ("short: no pager", False, ["select g, md5(g::text) from generate_series(1, 5) g;"]),
            # past the bound, but too few lines yet to need the pager: held until the end, no pager
            ("few long rows", False, ["select g, repeat(md5(g::text), 300) from generate_series(1, 4) g;"]),
            ("pager always", True, ["\\pset pager always", "select 'one' as a;"]),
            ("pager off", False, ["\\pset pager off", "select g from generate_series(1, 300) g;"]),
            ("expanded counts a line per field", True,
             ["\\x", "select g, md5(g::text) as h from generate_series(1, 14) g;"]),
        ]
        for label, paged, lines in cases:
            for fmt in ("csv", "unaligned"):
                with self.subTest(case=label, format=fmt):
                    script = ["\\pset format %s" % fmt] + lines
                    ref = self.session(harness.PSQL, None, script)
                    got = self.session(harness.binary(), 1000, script)
                    self.assertEqual(ref[1] is not None, paged, "psql's pager decision")
                    self.assertEqual(got[1], ref[1], "what the pager got")
                    self.assertEqual(got[0], ref[0], "what the terminal showed")

    def test_ctrl_c_stops_a_stream(self):
        child = self.start(harness.binary(), 0)
        child.sendline("\\pset pager off")
        child.expect(PROMPT)
        child.sendline("\\pset format csv")
        child.expect(PROMPT)
        child.sendline("select g, repeat('x', 500) as pad, pg_sleep(0.002) from generate_series(1, 100000) g;")
        child.expect(r"\n50,x{500},\r?\n")     # rows arrive while the query runs
        child.sendintr()
        child.expect(PROMPT)
        out = ansi_free(child.before)
        self.assertIn("canceling statement due to user request", out)
        self.assertNotIn("\n100000,", out)
        child.sendline("select 'still here' as ok;")
        child.expect(PROMPT)
        self.assertIn("still here", ansi_free(child.before))


if __name__ == "__main__":
    unittest.main()
