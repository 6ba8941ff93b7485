"""
The console on an app's database: the prompt with app and region (coloured for
production-looking apps), startup file order, psqlrc.d, and the trusted app .psqlrc.
"""

import os
import shutil
import subprocess
import tempfile

import pexpect

import harness
from platform_fixture import PlatformCase, sanitized

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py)
SECRETS_SCAN = True


class AppConsoleTest(PlatformCase):
    def spawn(self, app, env_extra=None, args=()):
        env = self.env(TERM="xterm", PAGER="cat", **(env_extra or {}))
        child = pexpect.spawn(harness.binary(), ["--app", app] + list(args), env=env, encoding="utf-8",
                              timeout=30, dimensions=(40, 200), cwd=self.home)
        self.addCleanup(child.close, True)
        return child

    def test_prompt_shows_app_and_region(self):
        child = self.spawn("my-app")
        child.expect(r"my-app \(osc-fr1\) my_app_4553=> ")
        self.assertNotIn("\x1b[1;31m", child.before + child.after)
        child.sendline("\\echo :APP :REGION")
        child.expect("my-app osc-fr1")
        child.sendline("\\q")
        child.expect(pexpect.EOF)

    def test_production_app_in_warning_colour(self):
        child = self.spawn("shop-prod")
        child.expect(r"\x1b\[1;31m\x02?shop-prod\x01?\x1b\[0m\x02? \(osc-fr1\) shop_prod_31=> ")
        child.sendline("\\q")
        child.expect(pexpect.EOF)

    def test_no_color_respected(self):
        child = self.spawn("shop-prod", env_extra={"NO_COLOR": "1"})
        child.expect(r"shop-prod \(osc-fr1\) shop_prod_31=> ")
        self.assertNotIn("\x1b[1;31m", child.before + child.after)

    def test_own_prompt_wins(self):
        with open(os.path.join(self.home, ".psqlrc"), "w") as f:
            f.write("\\set PROMPT1 'mine%R '\n")
        child = self.spawn("my-app")
        child.expect(r"(mine|my-app \(osc-fr1\) my_app_4553)=>? ")
        prompt = child.match.group(1)
        # the console's answer, which the echo of the typed line cannot match
        child.sendline("\\echo app prompt set: :{?APP_PROMPT}")
        child.expect(r"app prompt set: (TRUE|FALSE)\r\n")
        self.assertEqual(child.match.group(1), "FALSE", "APP_PROMPT is left unset when PROMPT1 is the user's")
        self.assertEqual(prompt, "mine")


class AppPsqlrcTest(PlatformCase):
    def setUp(self):
        super().setUp()
        self.checkout = tempfile.mkdtemp(prefix="pgconsole-checkout-")
        self.addCleanup(shutil.rmtree, self.checkout, True)
        os.makedirs(os.path.join(self.checkout, ".git"))
        os.makedirs(os.path.join(self.checkout, "app", "models"))
        self.rc = os.path.join(self.checkout, ".psqlrc")
        with open(self.rc, "w") as f:
            f.write("\\set FROM_CHECKOUT yes\n")

    def run_in(self, cwd, *args):
        return harness.run(["--app", "my-app"] + list(args), env=self.env(), cwd=cwd)

    def test_untrusted_file_is_skipped_with_one_line(self):
        r = self.run_in(self.checkout, "-c", "\\echo :FROM_CHECKOUT")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.out, ":FROM_CHECKOUT\n")
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertIn(os.path.realpath(self.rc), lines[0])
        self.assertIn("--trust-psqlrc", lines[0])

    def test_trusted_file_loads_from_the_top_of_the_work_tree(self):
        r = self.run_in(self.checkout, "--trust-psqlrc", "-c", "\\echo :FROM_CHECKOUT")
        self.assertEqual(r.rc, 0, r)
        self.assertIn("Trusted %s" % os.path.realpath(self.rc), r.out)
        self.assertTrue(r.out.endswith("yes\n"), r)
        store = os.path.join(self.home, ".config", "pgconsole", "trusted-psqlrc")
        self.assertPrivate(store)
        deeper = os.path.join(self.checkout, "app", "models")
        r = self.run_in(deeper, "-c", "\\echo :FROM_CHECKOUT")
        self.assertEqual((r.rc, r.out, r.err), (0, "yes\n", ""), r)
        with open(self.rc, "a") as f:
            f.write("\\! echo pwned\n")
        r = self.run_in(self.checkout, "-c", "\\echo :FROM_CHECKOUT")
        self.assertEqual(r.out, ":FROM_CHECKOUT\n", r)
        self.assertIn("has changed", r.err)

    def test_no_psqlrc_skips_everything(self):
        self.run_in(self.checkout, "--trust-psqlrc", "-c", "select 1")
        r = self.run_in(self.checkout, "-X", "-c", "\\echo :FROM_CHECKOUT")
        self.assertEqual(r.out, ":FROM_CHECKOUT\n", r)

    def test_order_and_broken_lines(self):
        rcdir = os.path.join(self.home, "psqlrc.d")
        os.makedirs(rcdir)
        with open(os.path.join(self.home, ".psqlrc"), "w") as f:
            f.write("\\set ORDER user\n\\bogus_one\n\\set USER_DONE yes\n")
        with open(os.path.join(rcdir, "50-test.psqlrc"), "w") as f:
            f.write("\\echo :ORDER\n\\set ORDER shipped\nselect syntax error here;\n\\set SHIPPED_DONE yes\n")
        with open(self.rc, "w") as f:
            f.write("\\echo :ORDER\n\\set ORDER app\n")
        env = self.env(PGCONSOLE_PSQLRC_DIR=rcdir)
        harness.run(["--app", "my-app", "--trust-psqlrc", "-c", "select 1"], env=env, cwd=self.checkout)
        r = harness.run(["--app", "my-app", "-c", "\\echo :ORDER :USER_DONE :SHIPPED_DONE"], env=env,
                        cwd=self.checkout)
        self.assertEqual(r.out, "user\nshipped\napp yes yes\n", r)
        self.assertIn("pgconsole:%s/.psqlrc:2: error: invalid command \\bogus_one" % self.home, r.err)
        self.assertIn("pgconsole:%s/50-test.psqlrc:3: ERROR:  syntax error" % rcdir, r.err)

    def test_explicit_app_psqlrc(self):
        other = os.path.join(self.home, "team.psqlrc")
        with open(other, "w") as f:
            f.write("\\set TEAM yes\n")
        r = harness.run(["--app", "my-app", "--app-psqlrc", other, "-c", "\\echo :TEAM"], env=self.env())
        self.assertEqual((r.rc, r.out), (0, "yes\n"), r)

    # ---- trust covers exactly what runs ----

    def test_includes_run_only_when_trusted_with_the_file(self):
        helpers = os.path.join(self.checkout, "helpers.sql")
        with open(helpers, "w") as f:
            f.write("\\set FROM_HELPERS yes\n")
        with open(self.rc, "w") as f:
            f.write("\\ir helpers.sql\n\\set NAME helpers.sql\n\\ir :NAME\n\\set FROM_CHECKOUT yes\n")
        r = self.run_in(self.checkout, "--trust-psqlrc", "-c", "\\echo :FROM_CHECKOUT :FROM_HELPERS")
        self.assertIn("Trusted %s" % os.path.realpath(helpers), r.out, r)
        self.assertTrue(r.out.endswith("yes yes\n"), r)
        with open(helpers, "w") as f:
            f.write("\\set FROM_HELPERS changed\n\\! echo pwned\n")
        r = self.run_in(self.checkout, "-c", "\\echo :FROM_CHECKOUT :FROM_HELPERS")
        self.assertEqual(r.out, "yes :FROM_HELPERS\n", r)
        self.assertNotIn("pwned", r.out + r.err)
        self.assertIn("helpers.sql: not run", r.err)
        self.assertIn("--trust-psqlrc", r.err)

    def test_includes_by_variable_are_refused(self):
        other = os.path.join(self.home, "elsewhere.sql")
        with open(other, "w") as f:
            f.write("\\set FROM_ELSEWHERE yes\n")
        with open(self.rc, "w") as f:
            f.write("\\set NAME %s\n\\i :NAME\n\\set FROM_CHECKOUT yes\n" % other)
        r = self.run_in(self.checkout, "--trust-psqlrc", "-c", "\\echo :FROM_CHECKOUT :FROM_ELSEWHERE")
        self.assertTrue(r.out.endswith("yes :FROM_ELSEWHERE\n"), r)
        self.assertIn("elsewhere.sql: not run", r.err)

    def test_a_path_with_a_newline_cannot_add_a_line_to_the_store(self):
        import hashlib
        base = tempfile.mkdtemp(prefix="pgconsole-trust-")
        self.addCleanup(shutil.rmtree, base, True)
        evil = os.path.join(base, "evil")
        os.makedirs(os.path.join(evil, ".git"))
        content = b"\\set EVIL yes\n"
        with open(os.path.join(evil, ".psqlrc"), "wb") as f:
            f.write(content)
        line = "%s %s/.psqlrc" % (hashlib.sha256(content).hexdigest(), os.path.realpath(evil))
        # a checkout whose path holds "\n<hash> <evil path>": written unescaped, it would trust evil
        crafted = os.path.join(base, "x\n" + line.split(" ")[0] + " ") + os.path.realpath(evil)
        os.makedirs(os.path.join(crafted, ".git"))
        with open(os.path.join(crafted, ".psqlrc"), "w") as f:
            f.write("\\set FROM_CHECKOUT yes\n")
        r = self.run_in(crafted, "--trust-psqlrc", "-c", "\\echo :FROM_CHECKOUT")
        self.assertTrue(r.out.endswith("yes\n"), r)
        r = self.run_in(evil, "-c", "\\echo :EVIL")
        self.assertEqual(r.out, ":EVIL\n", r)
        self.assertIn("has changed since it was trusted", r.err)
        r = self.run_in(crafted, "-c", "\\echo :FROM_CHECKOUT")
        self.assertEqual(r.out, "yes\n", r)

    def test_the_bytes_that_run_are_the_bytes_that_were_hashed(self):
        # hashing one read and running a second would let the file change in between: the
        # app's .psqlrc must be opened once, and run from the bytes that were hashed
        self.run_in(self.checkout, "--trust-psqlrc", "-c", "select 1")
        trace = os.path.join(self.home, "opens.trace")
        env = self.env()
        if sanitized():
            # LeakSanitizer stops the process's threads with ptrace, which strace already holds
            env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":detect_leaks=0"
        r = subprocess.run(["strace", "-f", "-e", "trace=openat,open", "-o", trace, harness.binary(),
                            "--app", "my-app", "-c", "\\echo :FROM_CHECKOUT"], env=env, cwd=self.checkout,
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.stdout, "yes\n", r)
        with open(trace) as f:
            opens = [line for line in f if os.path.realpath(self.rc) in line and "ENOENT" not in line]
        self.assertEqual(len(opens), 1, "".join(opens))
