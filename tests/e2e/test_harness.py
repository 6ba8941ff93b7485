"""The harness itself: the clients it starts run in a scratch directory, never in the checkout."""

import os
import unittest

import harness


class HarnessTest(unittest.TestCase):
    def assertScratch(self, out):
        where = os.path.realpath(out.strip())
        self.assertEqual(where, os.path.realpath(harness.workdir()))
        self.assertFalse(where.startswith(os.path.realpath(harness.ROOT) + os.sep), where)

    def test_clients_run_in_a_scratch_directory(self):
        for reference in (False, True):
            self.assertScratch(harness.run(["-X", "-c", "\\! pwd"], reference=reference).out)
        ref, got = harness.both_ex(["-X", "-c", "\\! pwd"])
        self.assertScratch(ref.out)
        self.assertScratch(got.out)
