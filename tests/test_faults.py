"""Load and faults, bounded in time and count, over loopback (bench/load.py
has the client; `bench/load.py --start --seconds 60 --clients 64` runs the
long version). Writes are real form submissions by signed-in employees
(CSRF token from the form, POST, 303), and after each run the database is
checked against what the clients were told: every submission answered 303
is there with its history row, signature and notification in the outbox
(zero lost), and no request is half-saved. For each fault, what a user
sees: no error at all, or a clean 503 "try again" page; never half a page,
never half a write, never a form's data silently lost.

- the mix (pages, wizard API, submissions) under concurrent clients, with
  every notification delivered once;
- FastCGI processes killed (SIGKILL) at random during the load, and one
  killed while it waits to write a submission;
- a long read transaction held by another process (WAL: submissions go
  on), and the write lock held past the busy timeout (reads go on, a
  submission is a 503 with nothing saved, and sending it again works);
- the disk full for the database (a small tmpfs on the state directory:
  needs root): a submission is refused whole, reads go on;
- the SMTP relay down and back during the load: submissions are accepted
  and queued, the mailer waits and retries, and every message arrives
  exactly once."""
import base64
import errno
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import unittest
import urllib.parse

from formsclient import CLOCK, form_posting_to
from harness import BAD_LOG, DEMO_PASSWORD, SRCDIR, Portal, PortalTestCase, Response, main

sys.path.insert(0, os.path.join(SRCDIR, "bench"))
import load  # noqa: E402

# What killing a FastCGI process leaves in Apache's error log (expected here).
KILL_TRACES = re.compile(r"signal 9|End of script output before headers|FastCGI server closed connection|"
                         r"exit\(communication error\)|error reading data|Connection reset by peer", re.I)
LEAVE = {"leave_type": "annual", "start_date": "2027-02-01", "end_date": "2027-02-02", "hours": "15"}


def report(what, r):
    print("\n%s: %d requests, %d errors, %d clean 503s, %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms; "
          "%d submissions accepted, %d form POSTs resent after a 503"
          % (what, r["requests"], r["errors"], r["unavailable_503"], r["rps"], r["p50_ms"], r["p99_ms"],
             r["max_ms"], r["submissions"], r["resent_after_503"]))


def poll(what, test, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        value = test()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("%s: not within %ss" % (what, timeout))
        time.sleep(0.05)


class Browser:
    """jdoe's browser: the form pages' own fields (CSRF token, form key),
    the test clock, and the exact bodies it sent (to send them again)."""

    def __init__(self, portal, user="jdoe", name="Jane Doe"):
        self.portal, self.user, self.name = portal, user, name

    def request(self, method, path, body=None):
        # A connection per request: tests send from several threads at once.
        token = base64.b64encode(("%s:%s" % (self.user, DEMO_PASSWORD)).encode()).decode()
        headers = {"Authorization": "Basic " + token, "X-Hrportal-Now": CLOCK}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.portal.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, urllib.parse.urlencode(fields))

    def new_form(self, key="leave", answers=LEAVE):
        """The blank form filled in: (path, fields) ready to POST."""
        r = self.get("/forms/%s/new" % key)
        assert r.status == 200, r.text[:500]
        fields = form_posting_to(r.text, "/forms/" + key)
        fields.update(answers)
        fields["action"] = "review"
        return "/forms/" + key, fields

    def draft(self):
        """A draft saved for review: (request id, submit path, signed fields)."""
        path, fields = self.new_form()
        r = self.post(path, fields)
        assert r.status == 303, r.text[:500]
        rid = int(r.header("location").split("/")[2])
        page = self.get("/requests/%d/review" % rid)
        assert page.status == 200, page.text[:500]
        sub = form_posting_to(page.text, "/requests/%d/submit" % rid)
        sub["signature"] = self.name
        return rid, "/requests/%d/submit" % rid, sub


def wchan(pid):
    """Where in the kernel a process waits ("" once it is gone)."""
    try:
        with open("/proc/%d/wchan" % pid) as f:
            return f.read()
    except OSError:
        return ""


def counts(portal):
    with portal.db() as con:
        return {t: con.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
                for t in ("requests", "request_fields", "request_events", "signatures", "outbox")}


def request_state(portal, rid):
    with portal.db() as con:
        return (con.execute("SELECT status FROM requests WHERE id = ?", (rid,)).fetchone()[0],
                con.execute("SELECT count(*) FROM request_events WHERE request_id = ? AND action = 'submitted'",
                            (rid,)).fetchone()[0],
                # The approver's notice and the employee's receipt.
                con.execute("SELECT count(*) FROM outbox WHERE request_id = ?", (rid,)).fetchone()[0])


def requests_with_key(portal, idem):
    with portal.db() as con:
        return [r[0] for r in con.execute("SELECT id FROM requests WHERE idem_key = ?", (idem,))]


class FaultCase(unittest.TestCase):
    def assertNoneLost(self, portal, r):
        v = load.verify_submissions(portal.db_path, r["accepted"])
        self.assertEqual(v["lost"], [], "submissions answered 303 but not (wholly) in the database")
        self.assertEqual(v["half_saved"], [], "requests saved in part")
        return v

    def assertMailOnce(self, portal, timeout=60):
        pending, waited = load.wait_for_outbox(portal.db_path, timeout)
        m = load.verify_mail(portal.db_path, portal.relay.maildir)
        self.assertEqual(pending, 0, m)
        self.assertEqual(set(m["states"]), {"sent"}, m)
        self.assertEqual(m["undelivered"], [])
        self.assertEqual(m["duplicates"], [], "a message arrived twice")
        self.assertEqual(m["strays"], [], "a message arrived that the outbox does not have")
        self.assertEqual(m["notice_twice"], [], "a notification was queued twice")
        self.assertEqual(m["attempts_unrecorded"], [])
        self.assertEqual(m["delivered"], m["outbox"])
        print("mail: %d messages delivered once each, %d attempts, drained %.1f s after the load"
              % (m["delivered"], m["attempts"], waited))
        return m

    def assertLogClean(self, portal, allow=None):
        bad = [line for line in portal.error_log().splitlines()
               if BAD_LOG.search(line) and not (allow and allow.search(line))]
        self.assertEqual(bad, [])


class Load(PortalTestCase, FaultCase):
    portal_options = {"fcgi_processes": 4, "mail": True}

    def test_mix_with_submissions_under_concurrent_clients(self):
        users = load.add_users(self.portal, 8)
        r = load.run_load(self.portal.url, clients=8, seconds=6, max_requests=6000, users=users)
        report("load", r)
        self.assertEqual(r["first_errors"], [])
        self.assertEqual(r["unavailable_503"], 0)
        self.assertGreater(r["requests"], 300)
        self.assertGreater(r["submissions"], 20)
        self.assertEqual(set(r["by_action"]), load.mix_names())
        # Distinct employees filed (each request is checked against its
        # author below; how many each filed depends on mod_fcgid's spawning).
        self.assertGreaterEqual(len({a["login"] for a in r["accepted"]}), len(users) // 2)
        v = self.assertNoneLost(self.portal, r)
        self.assertEqual(v["accepted"], r["submissions"])
        m = self.assertMailOnce(self.portal)
        self.assertGreaterEqual(m["outbox"], r["submissions"])


class KilledProcesses(FaultCase):

    def test_killed_processes_give_clean_503s_at_worst_and_lose_no_submission(self):
        portal = Portal(fcgi_processes=4)
        try:
            portal.start()
            users = load.add_users(portal, 8)
            # Bounded: a kill every 0.15-0.5 s, at most 12 (far faster kills
            # make mod_fcgid throttle spawning; see bench/load.py --kill-every).
            killer = load.ProcessKiller(portal.fcgi_pids, interval=(0.15, 0.5), max_kills=12)
            killer.start()
            r = load.run_load(portal.url, clients=8, seconds=6, max_requests=6000, allow_503=True, users=users)
            killer.stop.set()
            killer.join()
            report("%d processes killed" % len(killer.killed), r)
            self.assertGreaterEqual(len(killer.killed), 5)
            self.assertEqual(r["first_errors"], [], "a user saw an error or half a page")
            self.assertGreater(r["submissions"], 10)
            if r["sample_503"]:
                headers, body = r["sample_503"]
                self.assertEqual(headers.get("retry-after"), "5")
                self.assertIn(b"could not finish answering", body)
                self.assertIn("content-security-policy", headers)
            if r["post_503"]:
                self.assertIn(b"may or may not have been saved", r["post_503"][1])
            # No submission that got its 303 is lost, none is half-saved,
            # and a form sent again after a 503 was not filed twice.
            self.assertNoneLost(portal, r)
            # New processes take over. mod_fcgid may still be respawning
            # the last one killed (slow under sanitizers): until one answers,
            # every answer must be the clean 503, never an error.
            def page_served():
                page = portal.get("/handbook/sick-leave")
                if page.status != 200:
                    self.assertEqual((page.status, page.header("retry-after")), (503, "5"))
                return page.status == 200
            poll("a new portal process answering", page_served, timeout=30)
            # The "try again" page is Apache's own static file (mod_asis),
            # so it does not need a live portal process.
            page = portal.get("/error-pages/unavailable.asis")
            self.assertEqual((page.status, page.header("retry-after"), page.header("cache-control")),
                             (503, "5", "no-store"))
            self.assertIn("a request form sent again is not filed twice", page.text)
            self.assertLogClean(portal, KILL_TRACES)
        finally:
            portal.stop()
            portal.cleanup()

    def test_process_killed_while_writing_a_submission(self):
        """The process serving a submission dies while it waits for the
        write lock: the user gets the 503 page saying the form may or may
        not have been saved; nothing was; sending it again files it once."""
        portal = Portal(fcgi_processes=2)
        try:
            portal.start()
            browser = Browser(portal)
            rid, path, fields = browser.draft()
            holder = sqlite3.connect(portal.db_path, isolation_level=None, timeout=10)
            holder.execute("BEGIN IMMEDIATE")
            answer = {}
            t = threading.Thread(target=lambda: answer.update(r=browser.post(path, fields)))
            try:
                t.start()
                # The portal's process waits in SQLite's busy handler (it
                # sleeps between tries: the kernel shows it in nanosleep);
                # its write is not in. Kill it.
                [waiting] = poll("a portal process waiting for the write lock", lambda: [
                    pid for pid in portal.fcgi_pids() if "nanosleep" in wchan(pid)], timeout=4)
                os.kill(waiting, signal.SIGKILL)
                t.join(60)
            finally:
                holder.execute("ROLLBACK")
                holder.close()
            r = answer["r"]
            self.assertEqual(r.status, 503, r.text[:500])
            self.assertEqual(r.header("retry-after"), "5")
            self.assertIn("may or may not have been saved", r.text)
            self.assertIn("a request form sent again is not filed twice", r.text)
            self.assertEqual(request_state(portal, rid), ("draft", 0, 0))
            for _ in range(2):   # sent again, twice: filed once
                r = browser.post(path, fields)
                self.assertEqual((r.status, r.header("location")), (303, "/requests/%d" % rid), r.text[:500])
            self.assertEqual(request_state(portal, rid), ("pending", 1, 2))
            self.assertLogClean(portal, KILL_TRACES)
        finally:
            portal.stop()
            portal.cleanup()


class Locks(PortalTestCase, FaultCase):
    portal_options = {"fcgi_processes": 4}

    def test_long_reader_blocks_no_submission(self):
        users = load.add_users(self.portal, 6, prefix="reader")
        reader = load.LongReader(self.portal.db_path)
        try:
            r = load.run_load(self.portal.url, clients=6, seconds=4, max_requests=3000, users=users)
            report("long reader", r)
            self.assertEqual(r["first_errors"], [])
            self.assertEqual(r["unavailable_503"], 0)
            self.assertGreater(r["submissions"], 10)
            # WAL: writers committed while the reader held its snapshot.
            self.assertNoneLost(self.portal, r)
        finally:
            reader.close()
        with self.portal.db() as con:
            self.assertEqual(con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0], 0)

    def test_write_lock_held_past_the_busy_timeout(self):
        browser = Browser(self.portal)
        rid, submit_path, submit_fields = browser.draft()
        form_path, form_fields = browser.new_form(answers=dict(LEAVE, hours="7.5", end_date="2027-02-01"))
        before = counts(self.portal)
        holder = sqlite3.connect(self.portal.db_path, isolation_level=None, timeout=10)
        holder.execute("BEGIN IMMEDIATE")
        answers = {}
        try:
            posts = [threading.Thread(target=lambda: answers.update(submit=browser.post(submit_path, submit_fields))),
                     threading.Thread(target=lambda: answers.update(form=browser.post(form_path, form_fields)))]
            t0 = time.monotonic()
            for t in posts:
                t.start()
            r = load.run_load(self.portal.url, clients=4, seconds=2, max_requests=2000, mix="pages")
            report("write lock held", r)
            self.assertEqual(r["first_errors"], [], "reads must not wait for the writer")
            # The draft can still be read while the writes wait.
            page = browser.get("/requests/%d/review" % rid)
            self.assertEqual(page.status, 200)
            self.assertIn("2027-02-01", page.text)
            for t in posts:
                t.join(60)
            waited = time.monotonic() - t0
            for name in ("submit", "form"):
                resp = answers[name]
                self.assertEqual(resp.status, 503, (name, resp.text[:500]))
                self.assertEqual(resp.header("retry-after"), "5")
                self.assertIn("The portal is busy right now. Please try again in a moment.", resp.text)
                self.assertTrue(resp.text.rstrip().endswith("</html>"))
            self.assertGreaterEqual(waited, 4.5, "a write gave up before the busy timeout")
            self.assertEqual(counts(self.portal), before, "a refused write left rows behind")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(request_state(self.portal, rid), ("draft", 0, 0))
        self.assertEqual(requests_with_key(self.portal, form_fields["idem"]), [])
        # The browser still has both forms: sending them again works, once.
        r = browser.post(submit_path, submit_fields)
        self.assertEqual((r.status, r.header("location")), (303, "/requests/%d" % rid), r.text[:500])
        r = browser.post(form_path, form_fields)
        self.assertEqual(r.status, 303, r.text[:500])
        [new] = requests_with_key(self.portal, form_fields["idem"])
        self.assertEqual(r.header("location"), "/requests/%d/review" % new)
        self.assertEqual(request_state(self.portal, rid), ("pending", 1, 2))
        with self.portal.db() as con:
            self.assertEqual(con.execute("SELECT value FROM request_fields WHERE request_id = ? AND name = 'hours'",
                                         (new,)).fetchone()[0], "7.5")


def mount_tmpfs(path, size_mb):
    if os.geteuid() != 0:
        return False
    os.makedirs(path, exist_ok=True)
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm,mode=0755" % size_mb, "tmpfs", path],
                         capture_output=True, text=True)
    return out.returncode == 0


def fill(directory):
    """Fill the file system holding directory to the last page; returns the
    filler's path."""
    path = os.path.join(directory, "filler")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 4096, 1):
            chunk = b"\0" * size
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
                    break
    finally:
        os.close(fd)
    return path


class DiskFull(FaultCase):

    def test_full_disk_refuses_a_submission_whole_and_keeps_serving(self):
        portal = Portal(fcgi_processes=2)
        if not mount_tmpfs(portal.server.statedir, 24):
            portal.cleanup()
            self.skipTest("needs root (mount -t tmpfs) to fill a file system for the database")
        try:
            portal.start()
            browser = Browser(portal)
            rid, submit_path, submit_fields = browser.draft()
            form_path, form_fields = browser.new_form()
            before = counts(portal)
            with portal.db() as con:
                # An empty WAL: any write now needs new space.
                self.assertEqual(tuple(con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()), (0, 0, 0))
            print("\nsimulation: a 24 MB tmpfs on the state directory, filled")
            filler = fill(portal.server.statedir)
            for path, fields in ((submit_path, submit_fields), (form_path, form_fields)):
                r = browser.post(path, fields)
                self.assertEqual(r.status, 503, r.text[:500])
                self.assertEqual(r.header("retry-after"), "5")
                self.assertIn("The portal cannot save right now (storage problem). Nothing was changed", r.text)
                self.assertTrue(r.text.rstrip().endswith("</html>"))
            for path in ("/", "/handbook/sick-leave", "/glossary", "/handbook/annual-leave/print"):
                r = portal.get(path)
                self.assertEqual(r.status, 200, path)
                self.assertTrue(r.text.rstrip().endswith("</html>"))
            page = browser.get("/requests/%d/review" % rid)   # the draft is still there to send
            self.assertEqual(page.status, 200)
            self.assertIn("2027-02-01", page.text)
            r = load.run_load(portal.url, clients=4, seconds=2, max_requests=1000, mix="pages")
            report("disk full", r)
            self.assertEqual(r["first_errors"], [])
            self.assertEqual(counts(portal), before, "half a write was saved")
            self.assertEqual(request_state(portal, rid), ("draft", 0, 0))
            with portal.db() as con:
                self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            os.unlink(filler)
            r = browser.post(submit_path, submit_fields)
            self.assertEqual((r.status, r.header("location")), (303, "/requests/%d" % rid), r.text[:500])
            self.assertEqual(request_state(portal, rid), ("pending", 1, 2))
            r = browser.post(form_path, form_fields)
            self.assertEqual(r.status, 303, r.text[:500])
            self.assertEqual(len(requests_with_key(portal, form_fields["idem"])), 1)
            self.assertLogClean(portal)
        finally:
            portal.stop()
            subprocess.run(["umount", portal.server.statedir], check=False)
            portal.cleanup()


class RelayOutage(FaultCase):
    """The SMTP relay (tests/smtpd.py's catcher) stops in the middle of the
    load and comes back after it."""

    def test_relay_down_and_back_during_the_load(self):
        portal = Portal(fcgi_processes=4, mail=True)
        try:
            portal.start()
            users = load.add_users(portal, 6)
            result = {}
            loader = threading.Thread(target=lambda: result.update(r=load.run_load(
                portal.url, clients=6, seconds=10, max_requests=5000, users=users, mix="forms")))
            loader.start()
            maildir = portal.relay.maildir
            poll("mail delivered while the relay is up", lambda: sum(load.caught_message_ids(maildir).values()) >= 3)
            portal.stop_relay()
            down_at = sum(load.caught_message_ids(maildir).values())
            with portal.db() as con:
                poll("the mailer met the relay down", lambda: con.execute(
                    "SELECT count(*) FROM outbox_attempts WHERE outcome = 'temporary' "
                    "AND error LIKE 'relay problem, will retry:%'").fetchone()[0] >= 1, timeout=20)
            loader.join(60)
            r = result["r"]
            report("relay down", r)
            self.assertEqual(r["first_errors"], [])
            self.assertEqual(r["unavailable_503"], 0)
            # Submissions went on being accepted and queued.
            self.assertNoneLost(portal, r)
            pending = load.outbox_pending(portal.db_path)
            self.assertGreaterEqual(pending, 5)
            self.assertEqual(sum(load.caught_message_ids(maildir).values()), down_at)
            # The running mailer stops cleanly; a --once run meets the relay
            # down, exits 75 and leaves the mail queued.
            self.assertEqual(portal.stop_mailer(), 0)
            once = portal.mailer.run_once()
            self.assertEqual(once.returncode, 75, once.stderr)
            self.assertIn("relay down, mail waits", once.stderr)
            self.assertEqual(load.outbox_pending(portal.db_path), pending)
            with portal.db() as con:
                self.assertEqual(con.execute("SELECT count(*) FROM outbox WHERE state = 'failed'").fetchone()[0], 0)
            self.assertEqual(portal.mailer.log().count("the queue is paused"), 1, "the outage is logged once")
            # The mailer runs again, meets the relay down, waits; the relay
            # comes back; everything is sent, once.
            portal.start_mailer()
            poll("the mailer waits for the relay", lambda: portal.mailer.log().count("the queue is paused") == 2)
            portal.start_relay()
            m = self.assertMailOnce(portal)
            self.assertGreaterEqual(m["outbox"], r["submissions"])
            self.assertIn("the relay is back", portal.mailer.log())
            portal.assert_mailer_clean(self)
            self.assertLogClean(portal)
        finally:
            portal.stop()
            portal.cleanup()


if __name__ == "__main__":
    main()
