"""Replay every fuzz harness over its seed corpus and its regression inputs
(tests/fuzz/corpus/<target>, tests/fuzz/regressions/<target>): the inputs
that once broke a harness keep being run in every build, with or without
libFuzzer (see tests/fuzz/README.md)."""
import os
import subprocess
import unittest

SRCDIR = os.environ.get("HR_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDDIR = os.environ.get("HR_BUILDDIR", SRCDIR)
TARGETS = ("request", "import", "markdown", "citation", "wizard", "search")


def inputs(target):
    files = []
    for kind in ("corpus", "regressions"):
        d = os.path.join(SRCDIR, "tests", "fuzz", kind, target)
        if os.path.isdir(d):
            files += [os.path.join(d, f) for f in sorted(os.listdir(d)) if not f.startswith(".")]
    return files


class Replay(unittest.TestCase):

    def replay(self, target):
        files = inputs(target)
        self.assertGreater(len(files), 3, "no seed corpus for " + target)
        prog = os.path.join(BUILDDIR, "tests", "fuzz", "fuzz_" + target)
        env = dict(os.environ, HR_SRCDIR=SRCDIR)
        # libFuzzer runs named files once; the replay driver does the same.
        out = subprocess.run([prog] + files, env=env, capture_output=True, text=True, timeout=600)
        self.assertEqual(out.returncode, 0, "fuzz_%s failed on an input:\n%s" % (target, out.stderr[-6000:]))
        self.assertNotIn("fuzz property violated", out.stderr)
        self.assertNotIn("ERROR: AddressSanitizer", out.stderr)

    def test_request(self):
        self.replay("request")

    def test_import(self):
        self.replay("import")

    def test_markdown(self):
        self.replay("markdown")

    def test_citation(self):
        self.replay("citation")

    def test_wizard(self):
        self.replay("wizard")

    def test_search(self):
        self.replay("search")


if __name__ == "__main__":
    unittest.main(verbosity=2)
