"""
The private rules of the files that hold secrets (util/safefile.h, docs/platform.md
"Private files"): the cache folder, the cache files, the trust store and the history file
are refused, with one line naming the path, the reason and the fix, when a folder is
writable by others, is a symbolic link or is another user's, or a file is a symbolic link
or another user's; the session then goes on without them (the cache), trusts nothing (the
trust store) or keeps no history, and what was there is left exactly as it was.

Ownership cases give a file or folder to nobody (uid 65534), which needs root; they skip
without it.  Every home, cache and config folder is the test's own (HOME and the XDG
variables are set), never the real user's.
"""

import os
import shutil
import stat
import tempfile
import unittest

import pexpect

import harness
from platform_fixture import PlatformCase

# what these tests make pgconsole produce is searched for every secret of the run (secrets_scan.py): nothing
# refused may receive one
SECRETS_SCAN = True

NOBODY = 65534


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def snapshot(directory):
    """Every entry under directory: its kind, mode, owner and content, to prove nothing changed."""
    found = {}
    for path, dirs, names in os.walk(directory):
        for name in dirs + names:
            full = os.path.join(path, name)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                content = "-> " + os.readlink(full)
            elif stat.S_ISREG(st.st_mode):
                with open(full, "rb") as f:
                    content = f.read()
            else:
                content = None
            found[os.path.relpath(full, directory)] = (stat.S_IFMT(st.st_mode), mode_of(full), st.st_uid, content)
    return found


def needs_root(test):
    if os.geteuid() != 0:
        test.skipTest("giving a file to another user needs root")


class PrivateCase(PlatformCase):
    def setUp(self):
        super().setUp()
        self.config = os.path.join(self.home, ".config")

    def env(self, token=True, **extra):
        extra.setdefault("XDG_CONFIG_HOME", self.config)
        return super().env(token=token, **extra)

    def assertWarnedOnce(self, r, path, reason):
        lines = r.err.splitlines()
        self.assertEqual(lines, ["pgconsole: warning: refusing to use %s: %s" % (path, reason)], r)


class CacheTest(PrivateCase):
    def setUp(self):
        super().setUp()
        self.folder = os.path.join(self.cache, "pgconsole")

    def connect(self, *args):
        return self.pgc("--app", "my-app", *args, "-X", "-At", "-c", "select 'connected'")

    def check_refused_folder(self, reason):
        before = snapshot(self.cache)
        mode = mode_of(self.folder)
        # without the CA to keep, the session goes on without the cache
        r = self.connect("--sslmode", "require")
        self.assertEqual((r.rc, r.out), (0, "connected\n"), r)
        self.assertWarnedOnce(r, self.folder, reason)
        self.assertNoSecrets(r.out, r.err)
        self.assertEqual(snapshot(self.cache), before)
        self.assertEqual(mode_of(self.folder), mode)
        # libpq reads the CA from a file, which has no place: the warning, then one error
        r = self.connect()
        self.assertEqual((r.rc, r.out), (2, ""), r)
        self.assertEqual(r.err.splitlines()[1:],
                         ["pgconsole: error: no place for the platform's CA certificate: refusing to use %s: %s"
                          % (self.folder, reason)], r)
        self.assertEqual(snapshot(self.cache), before)

    def test_group_writable_cache_folder(self):
        os.makedirs(self.folder)
        harness.write_file(self.folder, "notes", "mine\n", mode=0o600)
        os.chmod(self.folder, 0o770)
        self.check_refused_folder("it is writable by others (chmod 700 it)")

    def test_cache_folder_that_is_a_symbolic_link(self):
        elsewhere = os.path.join(self.home, "elsewhere")
        os.makedirs(elsewhere, mode=0o700)
        os.makedirs(self.cache)
        os.symlink(elsewhere, self.folder)
        self.check_refused_folder("it is a symbolic link (remove it: pgconsole makes the folder itself)")
        self.assertEqual(os.listdir(elsewhere), [])

    def test_cache_folder_of_another_user(self):
        needs_root(self)
        os.makedirs(self.folder, mode=0o700)
        os.chown(self.folder, NOBODY, NOBODY)
        self.check_refused_folder("it belongs to another user (it must be yours)")

    def test_token_cache_file_that_is_a_symbolic_link(self):
        r = self.connect()
        self.assertEqual(r.rc, 0, r)
        self.drop_url_cache()
        decoy = harness.write_file(self.home, "decoy", "not a token\n", mode=0o600)
        tokens = self.cache_files("token-")
        self.assertTrue(tokens)
        for path in tokens:
            os.unlink(path)
            os.symlink(decoy, path)
        before = snapshot(self.cache)
        r = self.connect()
        self.assertEqual((r.rc, r.out), (0, "connected\n"), r)
        lines = r.err.splitlines()
        self.assertEqual(len(lines), 1, r)
        self.assertRegex(lines[0], r"^pgconsole: warning: refusing to use %s/token-[0-9a-f]+: it is a symbolic link "
                                   r"\(remove it\)$" % self.folder)
        self.assertNoSecrets(r.out, r.err)
        after = snapshot(self.cache)
        # the database's details are cached again; the links stay links, to the same file
        self.assertEqual({k: v for k, v in after.items() if "/app-" not in "/" + k}, before)
        with open(decoy) as f:
            self.assertEqual(f.read(), "not a token\n")


class TrustStoreTest(PrivateCase):
    def setUp(self):
        super().setUp()
        self.checkout = tempfile.mkdtemp(prefix="pgconsole-checkout-")
        self.addCleanup(shutil.rmtree, self.checkout, True)
        os.makedirs(os.path.join(self.checkout, ".git"))
        self.rc = os.path.realpath(harness.write_file(self.checkout, ".psqlrc", "\\set FROM_CHECKOUT yes\n"))
        self.folder = os.path.join(self.config, "pgconsole")
        self.store = os.path.join(self.folder, "trusted-psqlrc")

    def run_in_checkout(self, *args):
        return harness.run(["--app", "my-app"] + list(args) + ["-c", "\\echo :FROM_CHECKOUT"], env=self.env(),
                           cwd=self.checkout)

    def trust(self):
        r = self.run_in_checkout("--trust-psqlrc")
        self.assertEqual(r.out.splitlines()[-1], "yes", r)

    def check_untrusted(self, refused, reason):
        before = snapshot(self.config)
        r = self.run_in_checkout()
        self.assertEqual((r.rc, r.out), (0, ":FROM_CHECKOUT\n"), r)
        self.assertEqual(r.err.splitlines(),
                         ["pgconsole: warning: skipping %s: its trust cannot be checked: refusing to use %s: %s"
                          % (self.rc, refused, reason)], r)
        self.assertEqual(snapshot(self.config), before)
        # and no trust can be recorded there either
        harness.write_file(self.checkout, ".psqlrc", "\\set FROM_CHECKOUT changed\n")
        r = self.run_in_checkout("--trust-psqlrc")
        self.assertEqual(r.out, ":FROM_CHECKOUT\n", r)
        self.assertIn("could not record trust: refusing to use %s: %s" % (refused, reason), r.err)
        self.assertEqual(snapshot(self.config), before)

    def test_world_writable_config_folder(self):
        self.trust()
        os.chmod(self.folder, 0o777)
        self.check_untrusted(self.folder, "it is writable by others (chmod 700 it)")

    def test_trust_store_that_is_a_symbolic_link(self):
        self.trust()
        elsewhere = os.path.join(self.home, "elsewhere-trusted-psqlrc")
        os.rename(self.store, elsewhere)
        os.symlink(elsewhere, self.store)
        self.check_untrusted(self.store, "it is a symbolic link (remove it)")

    def test_trust_store_writable_by_others(self):
        self.trust()
        os.chmod(self.store, 0o666)
        self.check_untrusted(self.store, "it is writable by others (check what it holds, then chmod 600 it)")

    def test_trust_store_of_another_user(self):
        needs_root(self)
        self.trust()
        os.chown(self.store, NOBODY, NOBODY)
        self.check_untrusted(self.store, "it belongs to another user (it must be yours)")


OLD_HISTORY = "_HiStOrY_V2_\nselect\\040'from\\040before';\n"


class HistoryTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="pgconsole-home-")
        self.addCleanup(shutil.rmtree, self.home, True)
        self.hist = harness.write_file(self.home, ".psql_history", OLD_HISTORY, mode=0o600)

    def session(self):
        return harness.history_session(self, self.home)

    def test_history_file_of_another_user_is_left_alone(self):
        needs_root(self)
        os.chown(self.hist, NOBODY, NOBODY)
        before = snapshot(self.home)
        tail, rc = self.session()
        self.assertEqual(rc, 0, tail)
        self.assertIn('could not save history to file "%s": refusing to use %s: it belongs to another user '
                      '(it must be yours)\n' % (self.hist, self.hist), tail)
        self.assertEqual(snapshot(self.home), before)

    def test_history_through_a_link_to_another_users_file(self):
        needs_root(self)
        theirs = os.path.join(self.home, "theirs")
        os.rename(self.hist, theirs)
        os.chown(theirs, NOBODY, NOBODY)
        os.symlink(theirs, self.hist)
        before = snapshot(self.home)
        tail, rc = self.session()
        self.assertEqual(rc, 0, tail)
        self.assertIn('could not save history to file "%s": refusing to use %s: it belongs to another user '
                      % (self.hist, theirs), tail)
        self.assertEqual(snapshot(self.home), before)

    def test_history_through_a_link_to_a_file_of_ones_own(self):
        # psql's way, kept: the link stays a link, the file it names gets the new entry
        mine = os.path.join(self.home, "mine")
        os.rename(self.hist, mine)
        os.symlink(mine, self.hist)
        tail, rc = self.session()
        self.assertEqual(rc, 0, tail)
        self.assertNotIn("could not save history", tail)
        self.assertTrue(os.path.islink(self.hist))
        with open(mine) as f:
            self.assertEqual(f.read(), OLD_HISTORY + "select\\040'new\\040entry';\n\\134q\n")
        self.assertEqual(mode_of(mine), 0o600)

    def test_history_through_a_link_to_a_file_not_yet_made(self):
        # a dotfiles link made before its file: psql creates the file the link names, and so do we
        os.makedirs(os.path.join(self.home, "dotfiles"))
        mine = os.path.join(self.home, "dotfiles", "psql_history")
        os.remove(self.hist)
        os.symlink("dotfiles/psql_history", self.hist)
        tail, rc = self.session()
        self.assertEqual(rc, 0, tail)
        self.assertNotIn("could not save history", tail)
        self.assertTrue(os.path.islink(self.hist))
        with open(mine) as f:
            self.assertEqual(f.read(), "_HiStOrY_V2_\nselect\\040'new\\040entry';\n\\134q\n")
        self.assertEqual(mode_of(mine), 0o600)


if __name__ == "__main__":
    unittest.main()
