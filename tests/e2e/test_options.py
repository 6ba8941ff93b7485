"""psql 15's command-line options, short and long forms, compared with real psql."""

import os
import re
import stat
import subprocess

import harness
from harness import CompareCase

# getopt's messages start with argv[0], which is a full path for psql and for the symlink
ARGV0 = [(r"^\S*/psql: ", "psql: ")]


class FileOutputCase(CompareCase):
    def assertSameOutputs(self, contents):
        """contents: [(rc, out, err, file text) for psql, for pgconsole]"""
        (rc1, out1, err1, f1), (rc2, out2, err2, f2) = contents
        problems = []
        if rc1 != rc2:
            problems.append("exit code: psql %r, pgconsole %r" % (rc1, rc2))
        for what, a, b in (("stdout", out1, out2), ("stderr", err1, err2), ("file written", f1, f2)):
            if a != b:
                problems.append("%s differs:\n%s" % (what, harness.unified(a, b)))
        if problems:
            self.fail("\n".join(problems))


class TestCommandAndFile(CompareCase):
    def test_c_repeated(self):
        self.compare(["-c", "select 1 as a", "-c", "select 2 as b", "--command=select 3 as c"])

    def test_c_and_f_in_order(self):
        d = harness.scratch()
        f1 = harness.write_file(d, "one.sql", "select 'file one' as f;\n\\echo in file one\n")
        f2 = harness.write_file(d, "two.sql", "select 'file two' as f;\n")
        self.compare(["-c", "select 'c one'", "-f", f1, "-c", "\\echo c two", "--file=" + f2, "-c", "select 'c three'"])

    def test_c_backslash_and_sql_mixed(self):
        # a -c string is either all SQL or all backslash commands; \\ separates
        self.compare(["-c", "\\echo a \\\\ select 1 as x", "-c", "select 2 \\gx"])

    def test_c_multiple_statements_one_string(self):
        self.compare(["-c", "select 1; select 2; select 'three'"])

    def test_f_file_error_prefix(self):
        d = harness.scratch()
        f = harness.write_file(d, "err.sql", "select 1;\n\nselect nosuchcolumn;\nselect 2;\n")
        self.compare(["-f", f])

    def test_f_dash_reads_stdin(self):
        self.compare(["-f", "-"], input="select 1 as one;\nselect bad;\n\\echo done\n")

    def test_stdin_not_a_terminal(self):
        self.compare([], input="select 1 as one;\nselect 'x' as\n  two;\nselect bad;\n")

    def test_f_missing_file(self):
        self.compare(["-f", "/nonexistent/dir/file.sql"])

    def test_c_then_missing_file(self):
        self.compare(["-c", "select 1", "-f", "/nonexistent.sql", "-c", "select 2"])

    def test_f_directory(self):
        d = harness.scratch()
        self.compare(["-f", d])

    def test_c_and_stdin_ignored(self):
        # with -c, stdin is not read
        self.compare(["-c", "select 1"], input="select 2;\n")


class TestSingleTransaction(CompareCase):
    parallel = False
    def test_single_transaction_commit(self):
        self.compare(["-1", "-c", "create temp table st1(a int)", "-c", "insert into st1 values (1),(2)",
                      "-c", "select count(*) from st1", "-c", "begin"])

    def test_single_transaction_long_form_with_file(self):
        d = harness.scratch()
        f = harness.write_file(d, "t.sql", "select 1;\ncommit;\nselect 2;\n")
        self.compare(["--single-transaction", "-f", f])

    def test_single_transaction_echo(self):
        self.compare(["-1", "-e", "-c", "select 1", "-c", "select 2"])

    def test_single_transaction_is_atomic(self):
        srv = harness.server()
        for reference in (True, False):
            who = "psql" if reference else "pgconsole"
            r = harness.run_ex(["-X", "-1", "-c", "create table opt_single_tx(a int)", "-c", "insert into opt_single_tx values (1)"],
                               reference=reference)
            self.assertEqual(r.rc, 0, who + repr(r))
            self.assertEqual(srv.sql("select count(*) from opt_single_tx").strip(), "1", who)
            srv.sql("drop table opt_single_tx")

    def test_single_transaction_rollback_on_error_stop(self):
        srv = harness.server()
        results = []
        for reference in (True, False):
            r = harness.run_ex(["-X", "-1", "-v", "ON_ERROR_STOP=1", "-c", "create table opt_rb(a int)",
                                "-c", "select 1/0", "-c", "select 'not reached'"], reference=reference)
            exists = srv.sql("select to_regclass('opt_rb') is not null").strip()
            if exists == "t":
                srv.sql("drop table opt_rb")
            results.append((r.rc, r.out, r.err, exists))
        self.assertEqual(results[0][3], "f")
        self.assertEqual(results[0], results[1])

    def test_single_transaction_error_without_stop(self):
        self.compare(["-1", "-c", "select 1/0", "-c", "select 2"])

    def test_single_transaction_quirks(self):
        d = harness.scratch()
        err = harness.write_file(d, "e.sql", "select 1/0;\n")
        conn = harness.write_file(d, "c.sql", "select 1;\n\\c postgres\nselect 2;\n")
        # \c inside -1 ends the transaction: the final COMMIT warns
        self.compare(["-1", "-f", err, "-f", conn])
        self.compare(["-1", "-v", "ON_ERROR_STOP=1", "-f", conn, "-f", err])
        self.compare(["-1", "-c", "\\q", "-c", "select 1"])
        self.compare(["-1", "-c", "vacuum"])

    def test_single_transaction_file_error_stop(self):
        d = harness.scratch()
        f = harness.write_file(d, "t.sql", "create temp table x(a int);\nselect 1/0;\nselect 3;\n")
        self.compare(["-1", "-v", "ON_ERROR_STOP=on", "-f", f])


class TestVariables(CompareCase):
    def test_set_forms(self):
        self.compare(["-v", "a=1", "--set=b=two", "--variable", "c=3", "--set", "d=", "-v", "e==x",
                      "-c", "\\echo :a :b :c [:d] :e"])

    def test_unset(self):
        self.compare(["-v", "foo=1", "-v", "foo", "-c", "\\echo :foo"])

    def test_invalid_special_value(self):
        self.compare(["-v", "ON_ERROR_STOP=maybe", "-c", "select 1"])

    def test_invalid_name(self):
        self.compare(["-v", "bad name=1", "-c", "select 1"])

    def test_special_variables_from_options(self):
        self.compare(["-v", "ECHO=queries", "-v", "VERBOSITY=terse", "-c", "select 1", "-c", "select nope"])

    def test_unset_special_variable(self):
        self.compare(["-v", "ECHO", "-c", "\\echo :ECHO :VERBOSITY", "-c", "select 1"])

    def test_variables_in_stdin(self):
        self.compare(["-v", "tbl=pg_class", "-v", "n=2"],
                     input="select relname from :tbl order by oid limit :n;\n\\echo :'tbl' :\"tbl\"\n")


class TestPsqlrc(CompareCase):
    def _home(self):
        home = harness.scratch("home-")
        harness.write_file(home, ".psqlrc", "\\set rcvar 'from psqlrc'\n\\pset null '(null)'\n")
        return home

    def test_psqlrc_read(self):
        env = harness.server().env(HOME=self._home())
        self.compare([], input="\\echo :rcvar\nselect null as n;\n", env=env, args_only=True)
        self.compare(["-c", "select null as n"], env=env, args_only=True)

    def test_psqlrc_skipped_with_X(self):
        env = harness.server().env(HOME=self._home())
        self.compare(["-X"], input="\\echo :rcvar\nselect null as n;\n", env=env, args_only=True)
        self.compare(["--no-psqlrc", "-c", "select null as n"], env=env, args_only=True)

    def test_psqlrc_env(self):
        d = harness.scratch()
        rc = harness.write_file(d, "myrc", "\\set fromenv yes\nselect 'rc query' as q;\n")
        env = harness.server().env(PSQLRC=rc)
        self.compare([], input="\\echo :fromenv\n", env=env, args_only=True)

    def test_psqlrc_version_specific(self):
        home = harness.scratch("home-")
        harness.write_file(home, ".psqlrc-15", "\\set which versioned\n")
        harness.write_file(home, ".psqlrc", "\\set which plain\n")
        env = harness.server().env(HOME=home)
        self.compare([], input="\\echo :which\n", env=env, args_only=True)


class TestEchoOptions(CompareCase):
    SCRIPT = "-- a comment\nselect 1 as one;\n\\echo hi\nselect nosuch;\nselect 'a'\n  || 'b' as ab;\n"

    def test_echo_all(self):
        self.compare(["-a"], input=self.SCRIPT, merge=True)
        self.compare(["--echo-all"], input=self.SCRIPT)

    def test_echo_queries(self):
        self.compare(["-e"], input=self.SCRIPT, merge=True)
        self.compare(["--echo-queries", "-c", "select 1", "-c", "select 2"])

    def test_echo_errors(self):
        self.compare(["-b"], input=self.SCRIPT, merge=True)
        self.compare(["--echo-errors", "-c", "select bad"])

    def test_echo_hidden(self):
        self.compare(["-E", "-c", "\\lo_list"])
        self.compare(["--echo-hidden"], input="\\lo_list\n", merge=True)

    def test_echo_all_with_c(self):
        # psql echoes a -c backslash command without its backslash
        self.compare(["-a", "-c", "select 1 as a", "-c", "\\echo x", "-c", "\\pset null N"])

    def test_echo_all_with_file(self):
        d = harness.scratch()
        f = harness.write_file(d, "a.sql", self.SCRIPT)
        self.compare(["-a", "-f", f], merge=True)

    def test_quiet(self):
        self.compare(["-q"], input="create temp table q(a int);\ninsert into q values (1);\nselect * from q;\n\\echo :QUIET\n")
        self.compare(["--quiet", "-c", "create temp table q2(a int)"])

    def test_not_quiet(self):
        self.compare([], input="create temp table q(a int);\ninsert into q values (1);\nselect * from q;\n\\echo :QUIET\n")


class TestSingleStepAndLine(CompareCase):
    def test_single_step(self):
        d = harness.scratch()
        f = harness.write_file(d, "s.sql", "select 1 as first;\nselect 2 as second;\nselect 3 as third;\n")
        self.compare(["-s", "-f", f], input="\nx\n\n")

    def test_single_step_long(self):
        d = harness.scratch()
        f = harness.write_file(d, "s.sql", "select 1 as first;\nselect 2 as second;\n")
        self.compare(["--single-step", "-f", f], input="", merge=True)

    def test_single_line(self):
        self.compare(["-S"], input="select 1\nselect 2 as two\nselect 'a' as x \\\\ select 3\n")
        self.compare(["--single-line"], input="select 'multi\nline' as v\nselect 1; select 2\n")

    def test_no_readline_accepted(self):
        self.compare(["-n", "-c", "select 1"])
        self.compare(["--no-readline"], input="select 2;\n")


class TestLogFile(FileOutputCase):
    def test_log_file(self):
        contents = []
        for reference in (True, False):
            d = harness.scratch()
            log = os.path.join(d, "session.log")
            r = harness.run_ex(["-X", "-L", log, "-c", "select 1 as one", "-c", "\\echo echoed",
                                "-c", "select bad"], reference=reference)
            with open(log) as f:
                contents.append((r.rc, r.out, r.err, f.read()))
        self.assertSameOutputs(contents)

    def test_log_file_long_appends(self):
        contents = []
        for reference in (True, False):
            d = harness.scratch()
            log = harness.write_file(d, "session.log", "previous line\n")
            r = harness.run_ex(["-X", "--log-file=" + log], input="select 1 as a;\n\\qecho qechoed\nselect 'x' as b\\gx\n",
                               reference=reference)
            with open(log) as f:
                contents.append((r.rc, r.out, r.err, f.read()))
        self.assertSameOutputs(contents)

    def test_log_file_uses_aligned_format(self):
        # psql writes every result to the log aligned and not expanded, whatever the output format
        contents = []
        script = ("\\pset format csv\nselect 1 as a, 'x' as b;\n\\x on\n\\pset format unaligned\nselect 2 as b;\n"
                  "\\pset border 2\n\\pset format aligned\n\\pset title T\nselect 3 as c;\n\\t on\nselect 4;\n"
                  "\\t off\n\\x off\nselect 5 as e \\gx\nselect 6 as f \\g (format=html)\n")
        for reference in (True, False):
            d = harness.scratch()
            log = os.path.join(d, "session.log")
            r = harness.run_ex(["-X", "-q", "-L", log], input=script, reference=reference)
            with open(log) as f:
                contents.append((r.rc, r.out, r.err, f.read()))
        self.assertSameOutputs(contents)

    def test_log_file_unwritable(self):
        self.compare(["-L", "/nonexistent/dir/log", "-c", "select 1"])


class TestOutputOption(FileOutputCase):
    def test_output_file(self):
        contents = []
        for reference in (True, False):
            d = harness.scratch()
            out = os.path.join(d, "out.txt")
            r = harness.run_ex(["-X", "-o", out, "-c", "select 1 as a", "-c", "\\echo to stdout",
                                "-c", "\\qecho to output", "-c", "select bad"], reference=reference)
            with open(out) as f:
                contents.append((r.rc, r.out, r.err, f.read()))
        self.assertSameOutputs(contents)

    def test_output_pipe(self):
        contents = []
        for reference in (True, False):
            d = harness.scratch()
            out = os.path.join(d, "out.txt")
            r = harness.run_ex(["-X", "--output=|tr a-z A-Z > " + out], input="select 'abc' as col;\n\\qecho hello\n",
                               reference=reference)
            with open(out) as f:
                contents.append((r.rc, r.out, r.err, f.read()))
        self.assertSameOutputs(contents)

    def test_output_unwritable(self):
        self.compare(["-o", "/nonexistent/dir/out", "-c", "select 1"])


class TestFormatOptions(CompareCase):
    Q = "select 1 as a, 'x y' as b, null as c union all select 2, 'p,q\"r', 'z' order by 1"

    def test_unaligned_separators(self):
        self.compare(["-A", "-F", ";", "-R", "#", "-c", self.Q])
        self.compare(["--no-align", "--field-separator=::", "--record-separator=<>", "-c", self.Q])

    def test_zero_separators(self):
        self.compare(["-A", "-z", "-0", "-c", self.Q])
        self.compare(["--no-align", "--field-separator-zero", "--record-separator-zero", "--tuples-only", "-c", self.Q])

    def test_csv(self):
        self.compare(["--csv", "-c", self.Q])
        self.compare(["--csv", "-t", "-F", ";", "-c", self.Q])

    def test_html(self):
        self.compare(["-H", "-T", "border=1 class=\"x\"", "-c", self.Q])
        self.compare(["--html", "--table-attr=width=100", "-x", "-c", self.Q])

    def test_pset(self):
        self.compare(["-P", "border=2", "-P", "null=<NULL>", "--pset=title=My title", "-P", "linestyle=unicode",
                      "-c", self.Q])
        self.compare(["-P", "format=unaligned", "-P", "fieldsep=,", "-P", "footer=off", "-P", "expanded", "-c", self.Q])

    def test_pset_invalid(self):
        self.compare(["-P", "nonsense=1", "-c", "select 1"])
        self.compare(["-P", "format=bogus", "-P", "border=x", "-c", "select 1"])

    def test_tuples_only_and_expanded(self):
        self.compare(["-t", "-x", "-c", self.Q])
        self.compare(["--tuples-only", "--expanded", "-A", "-c", self.Q])
        self.compare(["-A", "-t", "-F", " ", "-c", "select 1, 2", "-c", "select 3, 4"])


class TestList(CompareCase):
    def test_list(self):
        self.compare(["-l"])
        self.compare(["--list"])

    def test_list_formats(self):
        self.compare(["-l", "-A", "-t"])
        self.compare(["-l", "-x"])

    def test_list_with_dbname(self):
        self.compare(["-l", "tester"])


class TestConnectionOptions(CompareCase):
    def test_dbname_forms(self):
        q = "select current_database(), current_user"
        self.compare(["-d", "tester", "-c", q])
        self.compare(["--dbname=tester", "-c", q])
        self.compare(["tester", "-c", q])
        self.compare(["-c", q, "tester", "tester"])

    def test_host_port_user(self):
        srv = harness.server()
        q = "select current_database(), current_user"
        self.compare(["-h", srv.socket_dir, "-p", str(srv.port), "-U", "tester", "-d", "tester", "-c", q])
        self.compare(["--host=" + srv.socket_dir, "--port=" + str(srv.port), "--username=tester", "-c", q])

    def test_extra_argument_warning(self):
        self.compare(["-c", "select current_user", "postgres", "postgres", "extra1", "extra2"])

    def test_conninfo_string(self):
        srv = harness.server()
        self.compare(["-d", "dbname=tester user=tester host=%s port=%d" % (srv.socket_dir, srv.port),
                      "-c", "select current_database(), current_user"])
        self.compare(["dbname=tester application_name=myapp", "-c", "select current_setting('application_name')"])

    def test_uri(self):
        srv = harness.server()
        q = "select current_database(), current_user, ssl from pg_stat_ssl where pid = pg_backend_pid()"
        self.compare(["-d", srv.url(user="tester", password="tester-pass", db="tester"), "-c", q])
        self.compare([srv.url(), "-c", q])
        self.compare(["postgresql:///tester?host=%s&port=%d" % (srv.socket_dir, srv.port), "-c", q])

    def test_application_name_default(self):
        # psql reports itself as "psql" unless told otherwise
        self.compare(["-c", "select current_setting('application_name')"])
        env = harness.server().env(PGAPPNAME="from_env")
        self.compare(["-c", "select current_setting('application_name')"], env=env)

    def test_pg_environment(self):
        srv = harness.server()
        env = srv.env(PGDATABASE="tester", PGUSER="tester", PGOPTIONS="-c search_path=foo,bar")
        self.compare(["-c", "select current_database(), current_user, current_setting('search_path')"], env=env)

    def test_pg_environment_tcp(self):
        srv = harness.server()
        env = srv.env(PGHOST="127.0.0.1", PGUSER="tester", PGPASSWORD="tester-pass", PGDATABASE="tester",
                      PGSSLMODE="disable")
        self.compare(["-c", "select current_user, ssl from pg_stat_ssl where pid = pg_backend_pid()"], env=env)

    def test_bad_port(self):
        self.compare(["-p", "1", "-c", "select 1"])

    def test_bad_database(self):
        self.compare(["-d", "no_such_db", "-c", "select 1"])

    def test_bad_host(self):
        self.compare(["-h", "/nonexistent-dir", "-c", "select 1"])

    def test_bad_conninfo(self):
        self.compare(["-d", "host=x badkeyword=1", "-c", "select 1"])
        self.compare(["-d", "postgresql://[bad", "-c", "select 1"])

    def test_wrong_password(self):
        srv = harness.server()
        env = srv.env(PGPASSWORD="wrong")
        self.compare(["-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select 1"], env=env)


class TestPasswords(CompareCase):
    def _pgpass_home(self, line, mode=0o600):
        home = harness.scratch("home-")
        harness.write_file(home, ".pgpass", line + "\n", mode=mode)
        return home

    def test_pgpass(self):
        srv = harness.server()
        home = self._pgpass_home("127.0.0.1:%d:tester:tester:tester-pass" % srv.port)
        env = srv.env(HOME=home)
        ref, got = self.compare(["-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-w", "-c", "select current_user"],
                                env=env)
        self.assertEqual(ref.rc, 0, ref)

    def test_pgpass_wildcards(self):
        srv = harness.server()
        home = self._pgpass_home("*:*:*:tester:tester-pass")
        env = srv.env(HOME=home)
        self.compare(["-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select current_user"], env=env)

    def test_pgpass_bad_permissions(self):
        srv = harness.server()
        home = self._pgpass_home("*:*:*:tester:tester-pass", mode=0o644)
        env = srv.env(HOME=home)
        self.compare(["-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-w", "-c", "select current_user"], env=env)

    def test_pgpassfile_env(self):
        srv = harness.server()
        d = harness.scratch()
        pf = harness.write_file(d, "pw", "127.0.0.1:*:*:tester:tester-pass\n", mode=0o600)
        env = srv.env(PGPASSFILE=pf)
        self.compare(["-h", "127.0.0.1", "-U", "tester", "tester", "-c", "select current_user"], env=env)

    def test_no_password_prompt(self):
        srv = harness.server()
        self.compare(["-w", "-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select 1"])
        self.compare(["--no-password", "-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select 1"])

    def test_password_prompt_from_stdin(self):
        # without a terminal, the prompt is written to stderr and the password read from stdin
        self.compare(["-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select current_user"],
                     input="tester-pass\n")

    def test_forced_password_prompt(self):
        self.compare(["-W", "-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select current_user"],
                     input="tester-pass\n")
        self.compare(["--password", "-U", "tester", "-d", "tester", "-c", "select current_user"],
                     input="whatever\n")

    def test_password_prompt_wrong(self):
        self.compare(["-h", "127.0.0.1", "-U", "tester", "-d", "tester", "-c", "select current_user"],
                     input="nope\n")


class TestInformational(CompareCase):
    def test_version(self):
        for args in (["--version"], ["-V"]):
            r = harness.run(args)
            self.assertEqual(r.rc, 0, r)
            self.assertEqual(r.err, "")
            self.assertIn("pgconsole", r.out)
            libpq = subprocess.run(["pkg-config", "--modversion", "libpq"], capture_output=True, text=True).stdout.strip()
            m = re.search(r"libpq (\d+)\.(\d+)", r.out)
            self.assertIsNotNone(m, r.out)
            if libpq:
                self.assertEqual("%s.%s" % m.groups(), ".".join(libpq.split(".")[:2]), r.out)
            self.assertEqual(r.out.count("\n"), 1, r.out)

    def test_help_sanity(self):
        for args in (["--help"], ["-?"], ["--help=options"]):
            r = harness.run(args)
            self.assertEqual(r.rc, 0, r)
            for opt in ("--command", "--single-transaction", "--csv", "--field-separator-zero", "--no-password"):
                self.assertIn(opt, r.out, args)

    def test_help_shows_psqls_connection_defaults(self):
        base = {k: v for k, v in harness.server().env().items() if not k.startswith("PG")}
        for extra in ({}, {"PGHOST": "db.example", "PGUSER": "uu"}, {"PGPORT": "77", "PGDATABASE": "dd"},
                      {"PGHOST": "", "PGPORT": "", "PGUSER": ""}):
            env = dict(base, **extra)
            ref = harness.run(["--help"], env=env, reference=True)
            got = harness.run(["--help"], env=env)
            defaults = lambda out: [line for line in out.splitlines() if re.search(r'default: "[^|]', line)]
            self.assertEqual(defaults(got.out), defaults(ref.out), extra)
            self.assertEqual(len(defaults(ref.out)), 4)

    def test_help_is_the_recorded_text(self):
        """--help, printed from the option table, is exactly the recorded text (psql's plus the platform's)."""
        with open(os.path.join(harness.ROOT, "tests", "e2e", "golden", "help.txt")) as f:
            recorded = f.read()
        env = harness.server().env(PGHOST="db.example", PGPORT="6543", PGUSER="alice", PGDATABASE="shop")
        for args in (["--help"], ["-?"], ["--help=options"], ["-X", "--help"], ["-q", "-?"]):
            r = harness.run(args, env=env)
            self.assertEqual((r.rc, r.err), (0, ""), args)
            self.assertEqual(r.out, recorded, args)
        # \\? options shows the same, with the defaults of the session's environment
        usage = harness.run(["--help"]).out
        r = harness.run(["-X", "-c", "\\? options"])
        self.assertEqual((r.rc, r.out), (0, usage))

    def test_man_page_lists_the_option_table(self):
        """docs/pgconsole.1's option list is what the option table generates ("make man")."""
        with open(os.path.join(harness.ROOT, "docs", "pgconsole.1")) as f:
            page = f.read()
        m = re.search(r'^\.\\" BEGIN GENERATED OPTIONS[^\n]*\n(.*)^\.\\" END GENERATED OPTIONS$', page,
                      re.M | re.S)
        self.assertIsNotNone(m, "docs/pgconsole.1 has no generated option list")
        r = harness.run(["--help=man"])
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(m.group(1), r.out, "docs/pgconsole.1 is out of date: run make man")

    def test_help_subcommand_only_once_commands_exist(self):
        """Without subcommands, `pgconsole help` opens the database "help" as psql does."""
        usage = harness.run(["--help"]).out
        if "\nCommands:\n" in usage:
            r = harness.run(["help"])
            self.assertEqual((r.rc, r.out), (0, usage))
        else:
            self.compare(["help", "-c", "select 1"], args_only=True, subs=ARGV0)

    OWN_NAME = [(r"quit pgconsole|pgconsole command-line", lambda m: m.group(0).replace("pgconsole", "psql"))]
    # pgconsole's own sections come after psql's, which stay byte for byte
    OWN_SECTIONS = [(r"^\n(?=Database dashboard\n)(?s:.*)\Z", "")]

    def test_help_commands(self):
        """--help=commands and \\? print psql's list, with the settings psql shows, then pgconsole's sections."""
        self.compare(["--help=commands"], env=harness.server().env(PAGER="cat"), subs=self.OWN_NAME + self.OWN_SECTIONS)
        for cmds in ([], ["\\x auto", "\\timing on", "\\t on", "\\H"], ["\\x"]):
            for topic in ("", " commands", " var", " bogus"):
                args = ["-X"]
                for c in cmds + ["\\?" + topic]:
                    args += ["-c", c]
                self.compare(args, subs=self.OWN_NAME + self.OWN_SECTIONS)
        r = harness.run(["-X", "-c", "\\?"])
        self.assertIn("\nDatabase dashboard\n", r.out)
        self.assertIn("\n  \\queries cancel|terminate PID\n", r.out)
        self.assertIn("\n  \\backups create [--wait]\n", r.out)

    def test_help_variables(self):
        """psql's list of variables, then what only pgconsole reads."""
        for args in (["--help=variables"], ["-X", "-c", "\\? variables"]):
            ref = harness.run(args, reference=True)
            got = harness.run(args)
            self.assertEqual(got.rc, 0, got)
            theirs = [re.sub(r"\bpsql\b(?! variables)", "pgconsole", line) for line in ref.out.splitlines()]
            ours = got.out.splitlines()
            position = 0
            for line in theirs:
                self.assertIn(line, ours[position:], "psql's line %r missing or out of order" % line)
                position = ours.index(line, position) + 1
            for own in ("  APP, REGION, ADDON_ID", "  QUIT_CONFIRM", "  DATABASE_URL", "  SCALINGO_API_TOKEN"):
                self.assertIn(own, ours)

    def test_sql_help_list_and_unknown_topic(self):
        self.compare(["-X", "-c", "\\h"])
        self.compare(["-X", "-c", "\\h bogus;  ", "-c", "\\help nothing here"])

    def test_sql_help_names_describes_and_links_every_command(self):
        """pgconsole shows no syntax, but the same command, description and URL as psql."""
        names = [n for line in harness.run(["-X", "-c", "\\h"], reference=True).out.splitlines()[1:]
                 for n in re.split(r"\s{2,}", line.strip()) if n]
        self.assertGreater(len(names), 150)
        args = ["-X"]
        for name in names + ["*", "alter", "create table", "create tab", "alter table foo", "drop  table",
                             "select into x", "create bogus", "sel;"]:
            args += ["-c", "\\h " + name.lower()]
        keep = lambda out: [l for l in out.splitlines() if re.match(r"(Command|Description|URL): ", l)]
        ref = harness.run(args, reference=True)
        got = harness.run(args)
        self.assertEqual((got.rc, got.err), (0, ""))
        self.assertEqual(keep(got.out), keep(ref.out))

    def test_help_invalid_topic(self):
        self.compare(["--help=bogus"], subs=ARGV0)

    def test_unknown_option(self):
        self.compare(["--bogus"], subs=ARGV0)
        self.compare(["-j"], subs=ARGV0)

    def test_missing_argument(self):
        for opt in ("-c", "-v", "-P", "-U"):
            self.compare([opt], subs=ARGV0)
        self.compare(["--command"], subs=ARGV0)
        self.compare(["--file"], subs=ARGV0)


class TestDatabaseUrl(CompareCase):
    """DATABASE_URL is a pgconsole feature: used when no database is named."""

    def test_database_url_used(self):
        srv = harness.server()
        env = srv.env(DATABASE_URL=srv.url(user="tester", password="tester-pass", db="tester"),
                      PGDATABASE=None, PGUSER=None)
        r = harness.run(["-X", "-A", "-t", "-c", "select current_database(), current_user"], env=env)
        self.assertEqual((r.rc, r.out, r.err), (0, "tester|tester\n", ""))

    def test_dbname_overrides_database_url(self):
        srv = harness.server()
        env = srv.env(DATABASE_URL=srv.url(user="tester", password="tester-pass", db="tester"), PGDATABASE=None)
        r = harness.run(["-X", "-A", "-t", "-d", "postgres", "-c", "select current_database(), current_user"], env=env)
        self.assertEqual((r.rc, r.out, r.err), (0, "postgres|postgres\n", ""))
        r = harness.run(["-X", "-A", "-t", "-c", "select current_database()", "postgres"], env=env)
        self.assertEqual((r.rc, r.out, r.err), (0, "postgres\n", ""))

    def test_database_url_ssl(self):
        srv = harness.server()
        env = srv.env(DATABASE_URL=srv.url(), PGHOST=None, PGPORT=None, PGDATABASE=None, PGUSER=None)
        r = harness.run(["-X", "-A", "-t", "-c", "select ssl from pg_stat_ssl where pid = pg_backend_pid()"], env=env)
        self.assertEqual((r.rc, r.out, r.err), (0, "t\n", ""))

    def test_database_url_bad(self):
        srv = harness.server()
        env = srv.env(DATABASE_URL="postgresql://tester:wrong@127.0.0.1:%d/tester" % srv.port, PGDATABASE=None)
        r = harness.run(["-X", "-c", "select 1"], env=env)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("password authentication failed", r.err)
