"""scripts/run-regress: the apt source entries it downloads PostgreSQL's source package through."""

import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest

import harness

RUN_REGRESS = os.path.join(harness.ROOT, "scripts", "run-regress")

DEB822 = textwrap.dedent("""\
    # the main archive
    Types: deb
    URIs: http://deb.example.org/debian
    Suites: bookworm bookworm-updates
    Components: main
    Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

    Types: deb
    URIs: http://off.example.org/debian
    Suites: bookworm
    Components: main
    Enabled: no

    types: deb
    URIs: http://inline.example.org/debian
    Suites: bookworm-security
    Components: main contrib
    Signed-By:
     -----BEGIN PGP PUBLIC KEY BLOCK-----
     .
     mDMEZ
     -----END PGP PUBLIC KEY BLOCK-----
    """)

ONE_LINE = textwrap.dedent("""\
    # deb http://commented.example.org/debian bookworm main
    deb http://line.example.org/debian bookworm main
      deb [signed-by=/usr/share/keyrings/k.gpg arch=amd64] http://opts.example.org/debian bookworm main
    """)


class RunRegressSourcesTest(unittest.TestCase):
    def sources_from(self, files):
        """What the runner would hand apt when the machine's apt configuration holds `files`."""
        tmp = tempfile.mkdtemp(prefix="pgconsole-apt-")
        self.addCleanup(shutil.rmtree, tmp, True)
        parts = os.path.join(tmp, "sources.list.d")
        os.mkdir(parts)
        main_list = os.path.join(tmp, "sources.list")
        for name, text in files.items():
            with open(main_list if name == "sources.list" else os.path.join(parts, name), "w") as f:
                f.write(text)
        conf = os.path.join(tmp, "apt.conf")
        with open(conf, "w") as f:
            f.write('Dir::Etc::sourcelist "%s";\nDir::Etc::sourceparts "%s";\n' % (main_list, parts))
        env = dict(os.environ, APT_CONFIG=conf)
        return subprocess.run([RUN_REGRESS, "--show-apt-sources"], env=env, capture_output=True, text=True,
                              timeout=60)

    def test_deb_src_twins_of_deb822_entries(self):
        out = self.sources_from({"debian.sources": DEB822, "other.sources.disabled": "Types: deb\n"})
        self.assertEqual(out.returncode, 0, out.stderr)
        stanzas = [s for s in out.stdout.split("\n\n") if s.strip()]
        self.assertEqual(len(stanzas), 2, out.stdout)      # the disabled entry and the .disabled file left out
        self.assertTrue(stanzas[0].startswith("Types: deb-src\nURIs: http://deb.example.org/debian\n"), stanzas[0])
        self.assertIn("Suites: bookworm bookworm-updates\n", stanzas[0])
        self.assertIn("Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg", stanzas[0])
        self.assertTrue(stanzas[1].startswith("Types: deb-src\nURIs: http://inline.example.org/debian\n"), stanzas[1])
        self.assertIn("Signed-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n mDMEZ\n", stanzas[1])
        self.assertNotIn("off.example.org", out.stdout)
        self.assertNotIn("Types: deb\n", out.stdout)

    def test_deb_src_twins_of_one_line_entries(self):
        out = self.sources_from({"sources.list": ONE_LINE})
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.splitlines(), [
            "deb-src http://line.example.org/debian bookworm main",
            "deb-src [signed-by=/usr/share/keyrings/k.gpg arch=amd64] http://opts.example.org/debian bookworm main",
        ])

    def test_existing_deb_src_entries_are_used_as_they_are(self):
        out = self.sources_from({"sources.list": ONE_LINE + "deb-src http://src.example.org/debian bookworm main\n",
                                 "debian.sources": DEB822})
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout.splitlines(), ["deb-src http://src.example.org/debian bookworm main"])

    def test_no_source_at_all_is_one_clear_error(self):
        out = self.sources_from({})
        self.assertEqual(out.returncode, 2)
        self.assertEqual(out.stdout, "")
        self.assertRegex(out.stderr, r"^run-regress: no apt source is configured on this machine .*\n\Z")


if __name__ == "__main__":
    unittest.main()
