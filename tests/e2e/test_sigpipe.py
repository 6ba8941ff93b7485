"""
SIGPIPE with \\o piped to a program that has quit: like psql, pgconsole reports
"could not print result table: Broken pipe" and lives on, even after a pager (which
ignores SIGPIPE only while it is open) has come and gone.  Through a pseudo-terminal,
since the pager is only used at a terminal; psql runs the same steps as the reference.
"""

import os
import re
import shutil
import tempfile
import unittest

import pexpect

import harness

PROMPT = r"postgres=[#>] "
BIG_SELECT = "select g, repeat('x', 100) from generate_series(1, 50000) g;"


def clean(text):
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", text)


class SigpipeTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="pgconsole-sigpipe-")
        self.addCleanup(shutil.rmtree, self.home, True)

    def session(self, binary, **env_extra):
        env = harness.server().env(HOME=self.home, TERM="xterm", PAGER="cat", COLUMNS="200", LINES="40",
                                   **env_extra)
        child = pexpect.spawn(binary, ["-X"], env=env, encoding="utf-8", timeout=20, dimensions=(40, 200))
        self.addCleanup(child.close, True)
        child.expect(PROMPT)
        return child

    def run_steps(self, child, steps):
        """Sends each line and waits for the next prompt; the output after the last echo, or None at EOF."""
        outputs = []
        for line in steps:
            child.sendline(line)
            if child.expect([PROMPT, pexpect.EOF]) == 1:
                child.close()
                self.fail("%s died at %r (signal %s)" % (os.path.basename(child.command), line,
                                                          child.signalstatus))
            outputs.append(clean(child.before))
        return outputs

    def check_survives(self, pager_steps, **env_extra):
        for binary in (harness.PSQL, harness.binary()):
            with self.subTest(binary=os.path.basename(binary)):
                child = self.session(binary, **env_extra)
                out = self.run_steps(child, ["\\o | head -c 1"] + pager_steps +
                                     [BIG_SELECT, "\\o", "select 2 as after;"])
                self.assertIn("could not print result table: Broken pipe\n", out[-3])
                self.assertIn("-------\n     2\n(1 row)\n", out[-1])

    def test_help_through_the_pager_then_a_broken_output_pipe(self):
        self.check_survives(["\\pset pager always", "\\?"])

    def test_watch_pager_then_a_broken_output_pipe(self):
        pager = os.path.join(self.home, "watch-pager.sh")
        with open(pager, "w") as f:
            f.write("#!/bin/sh\nhead -n 8 > /dev/null\n")
        os.chmod(pager, 0o755)
        self.check_survives(["select 'tick' as w \\watch 0.1"], PSQL_WATCH_PAGER=pager)


if __name__ == "__main__":
    unittest.main()
