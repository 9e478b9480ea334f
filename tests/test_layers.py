"""The source tree keeps its layering (scripts/layers, docs/ARCHITECTURE.md):
the tree as it is passes, and each rule fires on a copy of the tree that
breaks it, with a message that names the file and the rule."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
LAYERS = os.path.join(TOP, "scripts", "layers")


def run(src):
    p = subprocess.run([sys.executable, LAYERS, src], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


class Layers(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.src = os.path.join(self.tmp, "src")
        shutil.copytree(os.path.join(TOP, "src"), self.src)
        # make distcheck's source tree is read-only, and copies keep modes.
        for root, dirs, files in os.walk(self.src):
            for name in dirs + files:
                os.chmod(os.path.join(root, name), 0o700)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def append(self, rel, text):
        with open(os.path.join(self.src, rel), "a") as f:
            f.write(text)

    def test_the_tree_passes(self):
        self.assertEqual(run(os.path.join(TOP, "src")), (0, ""))

    def test_rules_may_not_include_the_store(self):
        self.append("rules/rules_fmla.c", '#include "store/db.h"\n')
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn('rules/rules_fmla.c -> store/db.h: rules may not include store', out)

    def test_only_the_store_names_sqlite(self):
        self.append("forms/formdef.c", "static sqlite3_stmt *leak;\n")
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("forms/formdef.c: only src/store/ sees SQLite", out)
        # A comment that mentions it is not a use.
        target = os.path.join(self.src, "forms", "formdef.c")
        os.remove(target)
        shutil.copy(os.path.join(TOP, "src", "forms", "formdef.c"), target)
        os.chmod(target, 0o600)
        self.append("forms/formdef.c", "/* not sqlite3_stmt */\n")
        self.assertEqual(run(self.src), (0, ""))

    def test_the_sqlite_side_header_is_the_store_s(self):
        self.append("forms/formdef.c", '#include "store/db_sqlite.h"\n')
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("forms/formdef.c: only src/store/ sees SQLite", out)

    def test_only_the_store_holds_sql(self):
        self.append("forms/formdef.c", 'static void f(struct db *db) { db_exec(db, "DELETE FROM users"); }\n')
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("forms/formdef.c: only src/store/ holds SQL", out)

    def test_transactions_outside_the_store_are_db_tx(self):
        self.append("publish/impact.c", 'static void g(struct db *db) { db_begin(db); }\n')
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("publish/impact.c: outside src/store/ a transaction is db_tx", out)

    def test_an_include_circle_is_reported(self):
        self.append("core/json.h", '#include "core/log.h"\n')
        self.append("core/log.h", '#include "core/json.h"\n')
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("include circle: core/json.h -> core/log.h -> core/json.h", out)

    def test_a_handler_may_not_include_another_handler(self):
        self.append("web/pages/pages_search.c", '#include "web/pages/pages_wizards.h"\n')
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("pages_search.c -> web/pages/pages_wizards.h: a page handler includes another", out)

    def test_a_file_outside_the_folders_is_refused(self):
        shutil.copyfile(os.path.join(self.src, "core", "log.h"), os.path.join(self.src, "loose.h"))
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("loose.h: every source file sits in a folder by concern", out)

    def test_a_paid_debt_must_leave_the_list(self):
        path = os.path.join(self.src, "forms", "notify.c")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(text.replace('#include "web/render.h"', ""))
        rc, out = run(self.src)
        self.assertEqual(rc, 1)
        self.assertIn("forms/notify.c -> web/render.h: listed as debt in scripts/layers but no longer there", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
