"""Online backup and restore (tools/hrportal-backup): a backup taken while
clients read pages over HTTP and another process writes passes
integrity_check, holds a consistent state, and serves as the database of a
second portal; --restore puts a backup back into a running portal."""
import http.client
import os
import pwd
import shutil
import sqlite3
import subprocess
import threading
import time

from harness import Portal, PortalTestCase, main

PAGES = ["/", "/handbook", "/handbook/sick-leave", "/handbook/annual-leave", "/glossary",
         "/documents", "/orientation-manual", "/hr-training", "/handbook/annual-leave/print"]
# The tool runs as the portal's user, from the portal's staged programs:
# that user may not be able to enter the build tree (a clone in root's
# home, or any 0700 folder).
BACKUP = None


def use_staged_tool(portal):
    global BACKUP
    BACKUP = os.path.join(portal.server.bindir, "hrportal-backup")


def as_portal_user():
    """Run a tool as the user the portal's processes run as (root's tests
    run Apache's workers as www-data), like the documented procedure."""
    if os.geteuid() != 0:
        return None
    user = pwd.getpwnam("www-data")

    def demote():
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
    return demote


def run_tool(*args):
    return subprocess.run([BACKUP] + list(args), capture_output=True, text=True, timeout=300,
                          preexec_fn=as_portal_user())


class Hammer(threading.Thread):
    """One client reading pages, a bounded number of times."""

    def __init__(self, port, count, offset):
        super().__init__(daemon=True)
        self.port, self.count, self.offset = port, count, offset
        self.statuses = {}
        self.failures = []

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for i in range(self.count):
            path = PAGES[(i + self.offset) % len(PAGES)]
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                body = r.read()
                self.statuses[r.status] = self.statuses.get(r.status, 0) + 1
                if r.status != 200 or not body.rstrip().endswith(b"</html>"):
                    self.failures.append((path, r.status, body[-200:]))
            except (OSError, http.client.HTTPException) as e:
                self.failures.append((path, "exception", repr(e)))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.close()


class Writer(threading.Thread):
    """Another process's writes during the backup: one committed row at a
    time, a bounded number."""

    def __init__(self, db_path, count):
        super().__init__(daemon=True)
        self.db_path, self.count = db_path, count
        self.committed = 0
        self.error = None

    def run(self):
        try:
            con = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
            for i in range(self.count):
                con.execute("BEGIN IMMEDIATE")
                con.execute("INSERT INTO users (login, employee_id, name, email, agency, role) "
                            "VALUES (?, ?, 'Load Test', 'load@example.invalid', 'Test', 'employee')",
                            ("backup-writer-%d" % i, "BW%06d" % i))
                con.execute("COMMIT")
                self.committed = i + 1
            con.close()
        except Exception as e:  # reported by the test
            self.error = e


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.01)
    raise AssertionError("timed out waiting for " + what)


def page_title(portal, path):
    r = portal.get(path)
    start = r.text.index('<h1 id="section-title">') + len('<h1 id="section-title">')
    return r.status, r.text[start:r.text.index("</h1>", start)]


class BackupDuringLoad(PortalTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_staged_tool(cls.portal)

    def test_backup_under_load_restores_into_a_working_portal(self):
        statedir = self.portal.server.statedir
        dest = os.path.join(statedir, "backup.db")
        hammers = [Hammer(self.portal.port, 150, k) for k in range(4)]
        writer = Writer(self.portal.db_path, 400)
        for t in hammers:
            t.start()
        writer.start()
        wait_for(lambda: writer.committed >= 20 or writer.error, 60, "the writer to start")
        before = writer.committed
        # Small steps, so the copy is taken while pages are read and rows
        # written (and starts over when a write lands in between).
        out = run_tool("--db", self.portal.db_path, "--pages", "8", dest)
        after = writer.committed
        print("\n" + out.stdout.strip(), "(writer had committed %d rows before, %d after)" % (before, after))
        for t in hammers + [writer]:
            t.join(timeout=300)
            self.assertFalse(t.is_alive())
        self.assertIsNone(writer.error)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("integrity ok", out.stdout)
        for t in hammers:
            self.assertEqual(t.failures, [], "a reader saw an error during the backup")
            self.assertEqual(t.statuses, {200: 150})
        self.assertFalse([f for f in os.listdir(statedir) if ".tmp-" in f], "temporary file left behind")

        # The copy is whole and consistent: a state some time during the backup.
        con = sqlite3.connect(dest)
        self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        copied = con.execute("SELECT count(*) FROM users WHERE login LIKE 'backup-writer-%'").fetchone()[0]
        sections = con.execute("SELECT count(*) FROM sections").fetchone()[0]
        con.close()
        self.assertGreaterEqual(copied, before)
        self.assertLessEqual(copied, after)
        with self.portal.db() as live:
            self.assertEqual(live.execute("SELECT count(*) FROM sections").fetchone()[0], sections)
        check = run_tool("--check", dest)
        self.assertEqual(check.returncode, 0, check.stderr)

        # Restore procedure: a second portal started on a copy of the backup.
        second = Portal()
        second.server.import_corpus = lambda: shutil.copy(dest, second.server.db_path)
        try:
            second.start()
            for path in PAGES:
                r = second.get(path)
                self.assertEqual(r.status, 200, path)
            self.assertEqual(page_title(second, "/handbook/sick-leave"), (200, "Sick Leave"))
            with second.db() as con:
                self.assertEqual(con.execute(
                    "SELECT count(*) FROM users WHERE login LIKE 'backup-writer-%'").fetchone()[0], copied)

            # --restore into the running second portal undoes a change.
            with second.db() as con:
                con.execute("UPDATE section_versions SET title = 'Changed by mistake' WHERE section_id = "
                            "(SELECT id FROM sections WHERE slug = 'sick-leave')")
            self.assertEqual(page_title(second, "/handbook/sick-leave"), (200, "Changed by mistake"))
            restored = run_tool("--db", second.db_path, "--restore", dest)
            self.assertEqual(restored.returncode, 0, restored.stderr)
            self.assertIn("integrity ok", restored.stdout)
            self.assertEqual(page_title(second, "/handbook/sick-leave"), (200, "Sick Leave"))
            with second.db() as con:
                self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            second.assert_clean_log(self)
        finally:
            second.stop()
            second.cleanup()

    def test_bad_backups_are_refused(self):
        statedir = self.portal.server.statedir
        junk = os.path.join(statedir, "junk.db")
        with open(junk, "wb") as f:
            f.write(b"SQLite format 3\x00" + b"\x00" * 100)
        os.chmod(junk, 0o644)
        r = run_tool("--db", self.portal.db_path, "--restore", junk)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(self.get("/handbook/sick-leave").status, 200)
        r = run_tool("--db", os.path.join(statedir, "missing.db"), os.path.join(statedir, "x.db"))
        self.assertNotEqual(r.returncode, 0)
        self.assertFalse(os.path.exists(os.path.join(statedir, "x.db")))
        self.assertEqual(run_tool("--pages", "0", "x").returncode, 2)
        # The database is named as the portal names it: sqlite:/path copies,
        # another engine's URL is refused by name and writes nothing.
        dest = os.path.join(statedir, "by-url.db")
        r = run_tool("--db", "sqlite:" + self.portal.db_path, dest)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("integrity ok", r.stdout)
        r = run_tool("--db", "postgresql://db.example.gov/hrportal", os.path.join(statedir, "pg.db"))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("SQLite", r.stderr + r.stdout)
        self.assertFalse(os.path.exists(os.path.join(statedir, "pg.db")))


if __name__ == "__main__":
    main()
