"""Load and faults, bounded in time and count, over loopback (bench/load.py
has the client; `bench/load.py --start --seconds 60 --clients 64` runs the
long version). For each fault, what the reader sees: no error at all, or a
clean 503 "try again" page; never half a page, never half a write.

- a mix of pages under concurrent clients: zero errors, p50/p99 reported;
- FastCGI processes killed (SIGKILL) at random during the load;
- a long read transaction held by another process (WAL: nothing waits), and
  the write lock held past the busy timeout (reads go on, a write is a 503
  with nothing saved);
- the disk full for the database: a small tmpfs under the state directory
  when running as root, else SQLite's PRAGMA max_page_count (the same
  SQLITE_FULL error): reads go on, a write is refused whole.

Writes go through tests/db_write_probe (the portal's db layer: db_begin,
prepared inserts, db_commit/db_rollback) until the portal has pages that
write; the forms and search features add their requests to the load mix
with bench/load.py's add_action()."""
import errno
import os
import re
import sqlite3
import subprocess
import sys
import unittest

from harness import BAD_LOG, BUILDDIR, SRCDIR, Portal, PortalTestCase, main

sys.path.insert(0, os.path.join(SRCDIR, "bench"))
import load  # noqa: E402

PROBE = os.path.join(BUILDDIR, "tests", "db_write_probe")
# What killing a FastCGI process leaves in Apache's error log (expected here).
KILL_TRACES = re.compile(r"signal 9|End of script output before headers|FastCGI server closed connection|"
                         r"exit\(communication error\)|error reading data|Connection reset by peer", re.I)


def probe(db_path, *args):
    return subprocess.run([PROBE, db_path] + list(args), capture_output=True, text=True, timeout=120)


def count_probe_rows(portal):
    with portal.db() as con:
        return con.execute("SELECT count(*) FROM users WHERE agency = 'Probe'").fetchone()[0]


def report(what, r):
    print("\n%s: %d requests, %d errors, %d clean 503s, %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms"
          % (what, r["requests"], r["errors"], r["unavailable_503"], r["rps"], r["p50_ms"], r["p99_ms"],
             r["max_ms"]))


class Load(PortalTestCase):
    portal_options = {"fcgi_processes": 4}

    def test_mixed_pages_under_concurrent_clients(self):
        r = load.run_load(self.portal.url, clients=8, seconds=6, max_requests=6000)
        report("load", r)
        self.assertEqual(r["first_errors"], [])
        self.assertEqual(r["unavailable_503"], 0)
        self.assertGreater(r["requests"], 300)
        self.assertEqual(set(r["by_action"]), {a.name for a in load.ACTIONS})


class KilledProcesses(unittest.TestCase):

    def test_killed_processes_give_clean_503s_at_worst(self):
        portal = Portal(fcgi_processes=4)
        try:
            portal.start()
            # Bounded: a kill every 0.15-0.5 s, at most 12 (far faster kills
            # make mod_fcgid throttle spawning; see bench/load.py --kill-every).
            killer = load.ProcessKiller(portal.fcgi_pids, interval=(0.15, 0.5), max_kills=12)
            killer.start()
            r = load.run_load(portal.url, clients=8, seconds=6, max_requests=6000, allow_503=True)
            killer.stop.set()
            killer.join()
            report("%d processes killed" % len(killer.killed), r)
            self.assertGreaterEqual(len(killer.killed), 5)
            self.assertEqual(r["first_errors"], [], "a reader saw an error or half a page")
            if r["sample_503"]:
                headers, body = r["sample_503"]
                self.assertEqual(headers.get("retry-after"), "5")
                self.assertIn(b"could not finish answering", body)
                self.assertIn("content-security-policy", headers)
            # New processes took over.
            self.assertEqual(portal.get("/handbook/sick-leave").status, 200)
            self.assertEqual(portal.get("/error/unavailable").status, 404)   # not a page of its own
            bad = [line for line in portal.error_log().splitlines()
                   if BAD_LOG.search(line) and not KILL_TRACES.search(line)]
            self.assertEqual(bad, [])
        finally:
            portal.stop()
            portal.cleanup()


class Locks(PortalTestCase):
    portal_options = {"fcgi_processes": 4}

    def test_long_reader_blocks_nobody(self):
        before = count_probe_rows(self.portal)
        reader = load.LongReader(self.portal.db_path)
        try:
            r = load.run_load(self.portal.url, clients=6, seconds=3, max_requests=3000)
            report("long reader", r)
            self.assertEqual(r["first_errors"], [])
            self.assertEqual(r["unavailable_503"], 0)
            # WAL: a writer commits while the reader holds its snapshot.
            out = probe(self.portal.db_path)
            self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        finally:
            reader.close()
        self.assertEqual(count_probe_rows(self.portal), before + 1)
        with self.portal.db() as con:
            self.assertEqual(con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0], 0)

    def test_write_lock_held_past_the_busy_timeout(self):
        before = count_probe_rows(self.portal)
        holder = sqlite3.connect(self.portal.db_path, isolation_level=None, timeout=10)
        holder.execute("BEGIN IMMEDIATE")
        try:
            r = load.run_load(self.portal.url, clients=4, seconds=2, max_requests=2000)
            report("write lock held", r)
            self.assertEqual(r["first_errors"], [], "reads must not wait for the writer")
            out = probe(self.portal.db_path, "--rows", "3")
            self.assertEqual(out.returncode, 3, out.stdout + out.stderr)
            self.assertIn("status=503", out.stdout)
            self.assertIn("busy", out.stdout)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(count_probe_rows(self.portal), before, "a refused write left rows behind")


def mount_tmpfs(path, size_mb):
    if os.geteuid() != 0:
        return False
    os.makedirs(path, exist_ok=True)
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm,mode=0755" % size_mb, "tmpfs", path],
                         capture_output=True, text=True)
    return out.returncode == 0


def fill(directory):
    """Fill the file system holding directory; returns the filler's path."""
    path = os.path.join(directory, "filler")
    chunk = b"\0" * (256 * 1024)
    with open(path, "wb") as f:
        while True:
            try:
                f.write(chunk)
                f.flush()
            except OSError as e:
                if e.errno != errno.ENOSPC:
                    raise
                break
    return path


class DiskFull(unittest.TestCase):

    def test_full_disk_refuses_writes_whole_and_keeps_serving(self):
        portal = Portal(fcgi_processes=2)
        mounted = mount_tmpfs(portal.server.statedir, 24)
        try:
            portal.start()
            before = count_probe_rows(portal)
            # A write larger than the WAL has room for, so it needs new space.
            write = ["--rows", "40", "--bytes", "30000"]
            if mounted:
                print("\nsimulation: a 24 MB tmpfs on the state directory, filled")
                filler = fill(portal.server.statedir)
                out = probe(portal.db_path, *write)
            else:
                print("\nsimulation: PRAGMA max_page_count at the database's size (not root, or no mount)")
                out = probe(portal.db_path, "--limit-pages", *write)
            self.assertEqual(out.returncode, 3, out.stdout + out.stderr)
            self.assertIn("status=503", out.stdout)
            self.assertIn("Nothing was changed", out.stdout)
            for path in ("/", "/handbook/sick-leave", "/glossary", "/handbook/annual-leave/print"):
                r = portal.get(path)
                self.assertEqual(r.status, 200, path)
                self.assertTrue(r.text.rstrip().endswith("</html>"))
            r = load.run_load(portal.url, clients=4, seconds=2, max_requests=1000)
            report("disk full", r)
            self.assertEqual(r["first_errors"], [])
            self.assertEqual(count_probe_rows(portal), before, "half a write was saved")
            with portal.db() as con:
                self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            if mounted:
                os.unlink(filler)
                out = probe(portal.db_path, *write)
                self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
                self.assertEqual(count_probe_rows(portal), before + 40)
        finally:
            portal.stop()
            if mounted:
                subprocess.run(["umount", portal.server.statedir], check=False)
            portal.cleanup()


if __name__ == "__main__":
    main()
