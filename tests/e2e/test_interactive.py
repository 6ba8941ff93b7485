"""
The interactive console, driven through a pseudo-terminal (pexpect) against the real
server: line editing, history across sessions, completion, the example .psqlrc from
Scalingo's documentation, ON_ERROR_ROLLBACK, Ctrl-C, the pager, \\watch, reconnection.
"""

import os
import re
import shutil
import stat
import tempfile
import unittest

import pexpect

import harness

PROMPT = r"postgres=[#>] "
TXN_PROMPT = r"postgres=\*[#>] "


class Console:
    """One pgconsole session in a pseudo-terminal."""

    def __init__(self, home, args=("-X",), env_extra=None, timeout=10):
        srv = harness.server()
        env = srv.env(HOME=home, TERM="xterm", PAGER="cat", COLUMNS="200", LINES="40")
        env.update(env_extra or {})
        self.child = pexpect.spawn(harness.binary(), list(args), env=env, encoding="utf-8",
                                   timeout=timeout, dimensions=(40, 200), cwd=harness.workdir())

    def expect(self, pattern, timeout=-1):
        return self.child.expect(pattern, timeout=timeout)

    def line(self, text, prompt=PROMPT):
        self.child.sendline(text)
        self.child.expect(prompt)
        return self.child.before

    def quit(self):
        self.child.sendline("\\q")
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus


def ansi_free(text):
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", text)


class InteractiveTest(unittest.TestCase):
    def setUp(self):
        self.srv = harness.server()
        self.home = tempfile.mkdtemp(prefix="pgconsole-home-")
        self.addCleanup(shutil.rmtree, self.home, True)

    def start(self, *args, **kw):
        c = Console(self.home, args or ("-X",), **kw)
        self.addCleanup(c.child.close, True)
        c.expect(PROMPT)
        return c

    def test_banner_and_query(self):
        c = Console(self.home)
        self.addCleanup(c.child.close, True)
        c.expect(PROMPT)
        self.assertRegex(ansi_free(c.child.before), r"pgconsole \(\S+, server 15\.\d+.*\)\r?\n")
        self.assertIn('Type "help" for help.', c.child.before)
        out = ansi_free(c.line("select 40 + 2 as answer;"))
        self.assertIn(" answer \n--------\n     42\n(1 row)", out)
        self.assertEqual(c.quit(), 0)

    def test_ssl_line_in_banner(self):
        env = {"PGHOST": "127.0.0.1", "PGSSLMODE": "require", "PGPASSWORD": self.srv.password}
        c = Console(self.home, env_extra=env)
        self.addCleanup(c.child.close, True)
        c.expect(PROMPT)
        self.assertRegex(c.child.before, r"SSL connection \(protocol: TLSv1\.[23], cipher: \S+, compression: off\)")

    def test_line_editing(self):
        c = self.start()
        c.child.send("select 123")
        c.child.send("\x7f")                     # backspace
        c.child.send("\x01")                     # start of line
        c.child.send("\x05")                     # end of line
        c.child.sendline(" as v;")
        c.expect(PROMPT)
        self.assertIn(" 12\n(1 row)", ansi_free(c.child.before))
        c.child.send("\x1b[A")                  # up arrow recalls the statement
        c.child.sendline("")
        c.expect(PROMPT)
        self.assertIn(" 12\n(1 row)", ansi_free(c.child.before))

    def test_ctrl_c_clears_the_line(self):
        c = self.start()
        # a line being typed, then a statement begun on one line and half typed on the next:
        # Ctrl-C drops each (the echo of the text shows the line editor has it)
        c.child.send("select 'never sent'")
        c.expect("never sent'")
        c.child.sendintr()
        c.expect(PROMPT)
        c.child.sendline("select 'not sent either' as x")
        c.expect(r"postgres-[#>] ")
        c.child.send("  , 'half typed'")
        c.expect("half typed'")
        c.child.sendintr()
        c.expect(PROMPT)
        # the console's answer after the echo: this statement alone ran, one column, one row
        out = ansi_free(c.line("select 'after' as x;"))
        answer = out.split("select 'after' as x;\n", 1)[-1]
        self.assertEqual(answer, "   x   \n-------\n after\n(1 row)\n\n", out)

    def test_ctrl_c_cancels_a_running_query(self):
        c = self.start()
        c.child.sendline("select pg_sleep(60);")
        self.srv.wait_for_query("select pg_sleep(60)")
        c.child.sendintr()
        # the server's cancellation message proves the query was stopped, not finished
        c.expect(PROMPT, timeout=5)
        self.assertIn("Cancel request sent", c.child.before)
        self.assertIn("canceling statement due to user request", c.child.before)
        self.assertIn("ok", ansi_free(c.line("select 'ok' as still;")))

    def test_ctrl_c_stops_printing_a_long_result(self):
        c = self.start()
        c.line("\\pset pager off")
        c.child.searchwindowsize = 4000
        c.child.sendline("select g, repeat('x', 60) from generate_series(1, 2000000) g;")
        # the aligned table prints once its 2M rows have come, one at a time (slow under sanitizers)
        c.expect(r"\| x{60}\r?\n", timeout=240)
        c.child.sendintr()
        c.expect(PROMPT, timeout=20)
        out = ansi_free(c.child.before)
        self.assertNotIn("2000000 rows", out)
        self.assertNotIn(" 1999999 |", out)
        self.assertIn("interrupted", ansi_free(c.line("select 'still here' as interrupted;")))

    def test_history_across_sessions_one_entry_per_statement(self):
        c = self.start()
        c.child.sendline("select 'multi'")
        c.expect(r"postgres-[#>] ")
        c.child.sendline("  as line;")
        c.expect(PROMPT)
        self.srv.sql("drop role if exists history_secret; create role history_secret")
        c.line("alter role history_secret password 'do-not-keep-me';")
        c.line("select 1 as one; alter role history_secret password 'nor-me-after-another';")
        c.line("\\setenv PGPASSWORD env-secret-too")
        c.line("select 'kept' as harmless;")
        self.assertEqual(c.quit(), 0)
        hist = os.path.join(self.home, ".psql_history")
        self.assertEqual(stat.S_IMODE(os.stat(hist).st_mode), 0o600)
        with open(hist, encoding="utf-8", errors="replace") as f:
            content = f.read()
        self.assertNotIn("do-not-keep-me", content)
        self.assertNotIn("nor-me-after-another", content)
        self.assertNotIn("env-secret-too", content)
        self.assertIn("harmless", content)
        c2 = self.start()
        c2.child.send("\x1b[A")                 # \q, the last entry
        c2.child.send("\x1b[A")                 # the harmless statement (the secret ones are not kept)
        c2.child.send("\x1b[A")                 # the two-line statement, as one entry
        c2.child.sendline("")
        c2.expect(PROMPT)
        self.assertIn("multi", ansi_free(c2.child.before))

    def test_history_entries_around_backslash_commands(self):
        c = self.start()
        c.line("select 'first' as f \\g")
        c.line("select 'second' as s;")
        self.assertEqual(c.quit(), 0)
        c2 = self.start()
        for _ in range(3):
            c2.child.send("\x1b[A")
        c2.child.sendline("")
        c2.expect(PROMPT)
        out = ansi_free(c2.child.before)
        # the third entry back is the \g line alone, not merged with the next statement
        self.assertIn("   f   \n-------\n first\n(1 row)", out)
        self.assertNotIn(" second\n(1 row)", out)

    def test_scalingo_example_psqlrc(self):
        with open(os.path.join(self.home, ".psqlrc"), "w") as f:
            f.write("\\set ON_ERROR_ROLLBACK interactive\n"
                    "\\set COMP_KEYWORD_CASE upper\n"
                    "\\set HISTFILE ~/.psql/history- :DBNAME\n"
                    "\n"
                    "\\pset pager off\n"
                    "\\pset null '(null)'\n")
        c = Console(self.home, args=[], env_extra={"PGCONSOLE_PSQLRC_DIR": ""})
        self.addCleanup(c.child.close, True)
        c.expect(PROMPT)
        self.assertNotIn("error", c.child.before.lower())
        self.assertIn("interactive", ansi_free(c.line("\\echo :ON_ERROR_ROLLBACK")))
        self.assertIn("(null)", ansi_free(c.line("select null as n;")))
        self.assertIn("history-postgres", ansi_free(c.line("\\echo :HISTFILE")))
        self.assertEqual(c.quit(), 0)
        hist = os.path.join(self.home, ".psql", "history-postgres")
        self.assertTrue(os.path.exists(hist), "history file in the new folder")
        self.assertEqual(stat.S_IMODE(os.stat(hist).st_mode), 0o600)

    def test_on_error_rollback_interactive(self):
        self.srv.sql("drop table if exists oer; create table oer (i int)")
        c = self.start()
        c.line("\\set ON_ERROR_ROLLBACK interactive")
        c.line("begin;", TXN_PROMPT)
        c.line("insert into oer values (1);", TXN_PROMPT)
        out = c.line("insert into oer values ('x');", TXN_PROMPT)
        self.assertIn("invalid input syntax", out)
        c.line("insert into oer values (2);", TXN_PROMPT)
        c.line("commit;")
        self.assertEqual(self.srv.sql("select string_agg(i::text, ',' order by i) from oer").strip(), "1,2")

    def test_transaction_state_in_prompt_and_quit_question(self):
        c = self.start()
        c.line("begin;", TXN_PROMPT)
        c.line("select 1/0;", r"postgres=!# ")
        c.line("rollback;")
        c.line("begin;", TXN_PROMPT)
        c.child.sendline("\\q")
        c.expect(r"Commit, roll back, or stay\? \[c/r/S\] ")
        c.child.sendline("")
        c.expect(TXN_PROMPT)
        c.child.sendline("\\q")
        c.expect(r"\[c/r/S\] ")
        c.child.sendline("c")
        c.expect("COMMIT")
        c.expect(pexpect.EOF)

    def test_autocommit_off(self):
        self.srv.sql("drop table if exists ac; create table ac (i int)")
        c = self.start()
        c.line("\\set AUTOCOMMIT off")
        c.line("insert into ac values (1);", TXN_PROMPT)
        c.line("rollback;")
        self.assertEqual(self.srv.sql("select count(*) from ac").strip(), "0")

    def test_pager_used_for_tall_output_only(self):
        marker = os.path.join(self.home, "pager-ran")
        pager = os.path.join(self.home, "pager.sh")
        with open(pager, "w") as f:
            f.write("#!/bin/sh\ncat > /dev/null\necho ran >> %s\n" % marker)
        os.chmod(pager, 0o755)
        c = self.start(env_extra={"PAGER": pager})
        c.line("select 1;")
        self.assertFalse(os.path.exists(marker), "no pager for a short result")
        c.line("select g from generate_series(1, 200) g;")
        self.assertTrue(os.path.exists(marker), "pager for a tall result")
        os.unlink(marker)
        # FETCH_COUNT: one pager for the whole chunked output
        c.line("\\set FETCH_COUNT 10")
        c.line("select g from generate_series(1, 200) g;")
        with open(marker) as f:
            self.assertEqual(f.read(), "ran\n")
        os.unlink(marker)
        c.line("\\unset FETCH_COUNT")
        c.line("\\pset pager off")
        out = c.line("select g from generate_series(1, 200) g;")
        self.assertFalse(os.path.exists(marker))
        self.assertIn("(200 rows)", out)

    def editor(self, body):
        """An EDITOR script: logs its arguments, then runs body on the file ($f)."""
        path = os.path.join(self.home, "editor.sh")
        log = os.path.join(self.home, "editor.log")
        with open(path, "w") as f:
            f.write('#!/bin/sh\necho "$@" >> %s\nfor f; do :; done\n%s\n' % (log, body))
        os.chmod(path, 0o755)
        return path, log

    def test_edit_query_buffer(self):
        editor, log = self.editor("sed -i 's/41/42/' \"$f\"")
        c = self.start(env_extra={"EDITOR": editor})
        c.child.sendline("select 41 as edited")
        c.expect(r"postgres-[#>] ")
        c.child.sendline("\\e")
        c.expect(r"select 42 as edited")
        c.child.sendline(";")
        c.expect(PROMPT)
        self.assertIn(" 42\n(1 row)", ansi_free(c.child.before))

    def test_edit_function_at_a_line(self):
        self.srv.sql("create or replace function ef_target() returns int language sql as $$ select 1 $$")
        editor, log = self.editor("sed -i 's/select 1/select 7/' \"$f\"")
        c = self.start(env_extra={"PSQL_EDITOR": editor})
        c.child.sendline("\\ef ef_target 1")
        c.expect(r"\$function\$")
        c.child.sendline(";")
        c.expect(PROMPT)
        self.assertIn("CREATE FUNCTION", c.child.before)
        self.assertEqual(self.srv.sql("select ef_target()").strip(), "7")
        with open(log) as f:
            args = f.read().split()
        self.assertEqual(args[0], "+4", "line 1 of the body is the AS line, line 4 of the definition")

    def test_sf_with_line_numbers(self):
        self.srv.sql("create or replace function sf_target() returns int language sql as $$ select 1 $$")
        ref, got = harness.both(["-X", "-c", "\\sf+ sf_target"])
        self.assertEqual((got.rc, got.out, got.err), (ref.rc, ref.out, ref.err))

    def test_watch_repeats_until_ctrl_c(self):
        c = self.start()
        c.child.sendline("select 'tick' as w \\watch 0.3")
        c.expect(r"\(every 0\.3s\)")
        c.expect(r"\(every 0\.3s\)")
        c.child.sendintr()
        c.expect(PROMPT)
        self.assertIn("ok", ansi_free(c.line("select 'ok';")))

    def test_watch_pager_gets_every_result_until_it_quits(self):
        seen = os.path.join(self.home, "watch-pager.out")
        pager = os.path.join(self.home, "watch-pager.sh")
        with open(pager, "w") as f:
            f.write("#!/bin/sh\nhead -n 12 > %s\n" % seen)
        os.chmod(pager, 0o755)
        c = self.start(env_extra={"PSQL_WATCH_PAGER": pager})
        c.child.sendline("select 'tick' as w \\watch 0.2")
        c.expect(PROMPT, timeout=10)
        self.assertEqual(ansi_free(c.child.before).split("\n")[1:], [""], "results go to the pager, not the terminal")
        with open(seen) as f:
            text = f.read()
        self.assertEqual(text.count("(every 0.2s)"), 2, text)
        self.assertEqual(text.count(" tick\n"), 2, text)
        self.assertIn("ok", ansi_free(c.line("select 'ok';")))

    def test_reconnects_after_server_restart(self):
        c = self.start()
        c.line("select 1;")
        self.srv.restart()
        out = ansi_free(c.line("select 'back' as b;"))
        self.assertIn("The connection to the server was lost. Attempting reset: Succeeded.", out)
        out = ansi_free(c.line("select 'back' as b;"))
        self.assertIn("back", out)

    def test_quit_works_while_disconnected(self):
        c = self.start()
        self.srv.stop()
        try:
            c.child.sendline("select 1;")
            c.expect("Attempting reset: Failed.")
            c.expect(r"!\?> ")
            c.child.sendline("\\q")
            c.expect(pexpect.EOF)
        finally:
            self.srv.start()

    def test_completion_of_keywords_tables_columns_and_commands(self):
        self.srv.sql("drop table if exists compl_orders; "
                     "create table compl_orders (order_id int, customer_name text)")
        c = self.start()
        c.line("\\set COMP_KEYWORD_CASE upper")
        # each fragment is incomplete on its own: the statement only runs if TAB completed it;
        # before typing on, wait for the line editor to show what the completion added
        for fragment, added in (("sel", "ECT "), ("* from compl_or", "ders "), ("where customer_n", "ame ")):
            c.child.send(fragment + "\t")
            c.expect(added)
        c.child.sendline("is null;")
        c.expect(PROMPT)
        self.assertIn("(0 rows)", c.child.before)
        out = ansi_free(c.line("\\p"))
        self.assertIn("SELECT * from compl_orders where customer_name is null;", out)
        c.child.send("\\pse\t")
        c.expect("t ")
        c.child.send("form\t")
        c.expect("at ")
        c.child.sendline("")
        c.expect(PROMPT)
        self.assertIn("Output format is aligned.", c.child.before)
        c.child.send("\\echo :COMP_KEY\t")
        c.expect("WORD_CASE")
        c.child.sendline("")
        c.expect(PROMPT)
        self.assertIn("\nupper", ansi_free(c.child.before))

if __name__ == "__main__":
    unittest.main()
