"""The whole C tree is in the project's one style (.clang-format), and the
check notices a file that is not."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
CHECK = os.path.join(TOP, "scripts", "check-format")


def run(top):
    p = subprocess.run([sys.executable, CHECK, top], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


class Format(unittest.TestCase):

    def test_the_tree_is_in_style(self):
        self.assertEqual(run(TOP), (0, ""))

    def test_a_file_out_of_style_is_named(self):
        tmp = tempfile.mkdtemp()
        try:
            shutil.copy(os.path.join(TOP, ".clang-format"), tmp)
            os.makedirs(os.path.join(tmp, "src", "core"))
            with open(os.path.join(tmp, "src", "core", "ok.c"), "w") as f:
                f.write("int ok(void)\n{\n\treturn 0;\n}\n")
            self.assertEqual(run(tmp), (0, ""))
            with open(os.path.join(tmp, "src", "core", "bad.c"), "w") as f:
                f.write("int bad(void) {  return 0; }\n")
            rc, out = run(tmp)
            self.assertEqual(rc, 1)
            self.assertIn("src/core/bad.c is not in the project's style", out)
            self.assertNotIn("ok.c", out)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
