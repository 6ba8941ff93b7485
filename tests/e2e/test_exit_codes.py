"""psql's exit codes (0 ok, 1 fatal client error, 2 connection trouble, 3 script error with
ON_ERROR_STOP) and the messages that go with them, compared with real psql."""

import harness
from harness import CompareCase


class TestExitCodes(CompareCase):
    def _file(self, text, name="s.sql"):
        return harness.write_file(harness.scratch(), name, text)

    def test_success(self):
        ref, _ = self.compare(["-c", "select 1"])
        self.assertEqual(ref.rc, 0)

    def test_sql_error_in_file_without_stop(self):
        f = self._file("select 1;\nselect 1/0;\nselect 2;\n")
        ref, _ = self.compare(["-f", f])
        self.assertEqual(ref.rc, 0)

    def test_sql_error_in_file_with_stop(self):
        f = self._file("select 1;\nselect 1/0;\nselect 2;\n")
        ref, _ = self.compare(["-v", "ON_ERROR_STOP=1", "-f", f])
        self.assertEqual(ref.rc, 3)

    def test_sql_error_stdin_with_stop(self):
        ref, _ = self.compare(["-v", "ON_ERROR_STOP=1"], input="select 1;\nselect nope;\nselect 2;\n")
        self.assertEqual(ref.rc, 3)

    def test_sql_error_stdin_without_stop(self):
        self.compare([], input="select nope;\n")

    def test_c_failing(self):
        ref, _ = self.compare(["-c", "select 1/0"])
        self.assertEqual(ref.rc, 1)

    def test_c_failing_then_succeeding(self):
        self.compare(["-c", "select 1/0", "-c", "select 1"])
        self.compare(["-c", "select 1", "-c", "select 1/0"])

    def test_c_failing_with_stop(self):
        self.compare(["-v", "ON_ERROR_STOP=1", "-c", "select 1/0", "-c", "select 1"])

    def test_c_backslash_failing(self):
        self.compare(["-c", "\\bogus"])
        self.compare(["-c", "\\i /nonexistent/file"])
        self.compare(["-c", "\\pset format nonsense"])

    def test_meta_error_in_file(self):
        f = self._file("\\bogus\nselect 1;\n\\pset format nonsense\nselect 2;\n")
        self.compare(["-f", f])
        self.compare(["-v", "ON_ERROR_STOP=1", "-f", f])

    def test_bad_connection(self):
        ref, _ = self.compare(["-p", "1", "-c", "select 1"])
        self.assertEqual(ref.rc, 2)
        self.compare(["-d", "no_such_database"], input="select 1;\n")

    def test_file_not_found(self):
        ref, _ = self.compare(["-f", "/no/such/file.sql"])
        self.assertEqual(ref.rc, 1)

    def test_connection_lost_mid_script(self):
        f = self._file("select 1;\nselect pg_terminate_backend(pg_backend_pid());\nselect 2;\nselect 3;\n")
        ref, _ = self.compare(["-f", f])
        self.assertEqual(ref.rc, 2)

    def test_connection_lost_stdin(self):
        self.compare([], input="select pg_terminate_backend(pg_backend_pid());\nselect 2;\n")

    def test_connection_lost_c(self):
        self.compare(["-c", "select pg_terminate_backend(pg_backend_pid())", "-c", "select 2"])

    def test_connection_lost_in_meta(self):
        self.compare([], input="select pg_terminate_backend(pg_backend_pid());\n\\lo_list\n\\echo after\n")

    def test_quit(self):
        f = self._file("select 1;\n\\q\nselect 2;\n")
        ref, _ = self.compare(["-f", f])
        self.assertEqual(ref.rc, 0)
        self.compare([], input="select 1;\n\\quit\nselect 2;\n")
        self.compare(["-c", "\\q"])

    def test_quit_after_error(self):
        self.compare([], input="select 1/0;\n\\q\n")
        self.compare(["-v", "ON_ERROR_STOP=1"], input="\\echo a\n\\q\nselect 1/0;\n")

    def test_errors_inside_included_file(self):
        d = harness.scratch()
        inner = harness.write_file(d, "inner.sql", "select 'inner';\nselect 1/0;\nselect 'inner after';\n")
        outer = harness.write_file(d, "outer.sql", "select 'outer';\n\\i %s\nselect 'outer after';\n" % inner)
        self.compare(["-f", outer])
        self.compare(["-v", "ON_ERROR_STOP=1", "-f", outer])
        self.compare(["-v", "ON_ERROR_STOP=1"], input="\\i %s\nselect 'not reached';\n" % inner)

    def test_quit_inside_included_file(self):
        d = harness.scratch()
        inner = harness.write_file(d, "inner.sql", "select 'inner';\n\\q\nselect 'inner after';\n")
        outer = harness.write_file(d, "outer.sql", "\\i %s\nselect 'outer after';\n" % inner)
        self.compare(["-f", outer])

    def test_include_missing_file(self):
        self.compare([], input="\\i /no/such/file\nselect 1;\n")
        self.compare(["-v", "ON_ERROR_STOP=1"], input="\\i /no/such/file\nselect 1;\n")

    def test_unterminated_if_at_eof(self):
        self.compare([], input="\\if true\nselect 1;\n")
        self.compare(["-c", "\\if true"])

    def test_copy_from_missing_file(self):
        self.compare(["-v", "ON_ERROR_STOP=1"],
                     input="create temp table t(a int);\n\\copy t from '/no/such/file'\nselect 1;\n")

    def test_error_stop_in_single_transaction_stdin(self):
        # -1 only applies to -c/-f; stdin runs normally
        self.compare(["-1", "-v", "ON_ERROR_STOP=1"], input="select 1;\nselect 1/0;\nselect 2;\n")

    def test_stdin_ends_inside_statement(self):
        self.compare([], input="select 1 as a")
        self.compare([], input="select 'unterminated\n")
        self.compare(["-v", "ON_ERROR_STOP=1"], input="select 1/0")

    def test_gset_error_exit(self):
        self.compare(["-v", "ON_ERROR_STOP=1"], input="select 1 as a where false \\gset\nselect 'after';\n")
