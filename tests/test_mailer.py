#!/usr/bin/python3
"""Integration tests of hrportal-mailer against a real SMTP server on
loopback (scripts/smtpd.py: STARTTLS and AUTH required, certificate and
password generated per test).

Messages are queued with tests/outbox_driver (outbox_enqueue, as the portal
does). Backoff is never waited for: --once runs with --now move the clock.
Every wait polls with a deadline. Run by `make check` with /usr/bin/python3.
"""
import calendar
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("HR_SRCDIR") or os.path.dirname(HERE)
BUILDDIR = os.environ.get("HR_BUILDDIR") or SRCDIR
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))

import devmail  # noqa: E402
import harness  # noqa: E402

MAILER = os.path.join(BUILDDIR, "tools", "hrportal-mailer")
DRIVER = os.path.join(BUILDDIR, "tests", "outbox_driver")
T0 = "2027-01-05T09:00:00Z"          # when the tests' messages are queued
DEADLINE = 60                        # seconds, for anything that should take one or two

# An exported sanitizer setting reaches the mailer; the tests check its log.
BAD = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Segmentation fault")


def iso(offset):
    """T0 + offset seconds."""
    t = time.strptime(T0, "%Y-%m-%dT%H:%M:%SZ")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(t) + offset))


def poll(what, predicate, timeout=DEADLINE, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))
        time.sleep(interval)


class MailerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for path in (MAILER, DRIVER):
            if not os.access(path, os.X_OK):
                raise AssertionError("%s missing: run `make check` (it builds it)" % path)

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="hr-mailer-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.db_path = os.path.join(self.tmp, "hrportal.db")
        self.rundir = os.path.join(self.tmp, "run")
        os.makedirs(self.rundir)

    # -- helpers ----------------------------------------------------------

    def relay(self, *options, port=0, start=True):
        r = devmail.Relay(os.path.join(self.tmp, "mail"), self.rundir, port=port or devmail.free_port(),
                          options=options)
        r.prepare()   # certificate and password exist even while it is down
        if start:
            r.start()
        self.addCleanup(r.stop)
        return r

    def mailer(self, relay, *options, name="mailer"):
        m = devmail.Mailer(MAILER, self.db_path, relay, self.rundir, options=options, name=name)
        self.addCleanup(self.check_log, m)
        self.addCleanup(m.stop)
        return m

    def check_log(self, m):
        log = m.log()
        for bad in BAD:
            self.assertNotIn(bad, log)

    def enqueue(self, to, count=1, now=T0, **fields):
        args = [DRIVER, "--db", self.db_path, "--to", to, "--count", str(count)]
        if now:
            args += ["--now", now]
        for k, v in fields.items():
            args += ["--" + k.replace("_", "-"), str(v)]
        p = subprocess.run(args, capture_output=True, text=True, timeout=DEADLINE)
        self.assertEqual(p.returncode, 0, p.stderr)
        return [line.split(" ", 1)[1] for line in p.stdout.splitlines()]   # Message-IDs

    def db(self):
        con = sqlite3.connect(self.db_path, timeout=10)
        con.row_factory = sqlite3.Row
        self.addCleanup(con.close)
        return con

    def rows(self):
        return {r["message_id"]: r for r in self.db().execute("SELECT * FROM outbox ORDER BY id")}

    def attempts(self, message_id):
        return self.db().execute(
            "SELECT a.* FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id "
            "WHERE o.message_id = ? ORDER BY a.id", (message_id,)).fetchall()

    def count(self, sql, *args):
        return self.db().execute(sql, args).fetchone()[0]

    def once(self, mailer, now, expect=0, env=None):
        p = mailer.run_once("--now", now, env=env)
        self.assertEqual(p.returncode, expect, p.stderr)
        for bad in BAD:
            self.assertNotIn(bad, p.stderr)
        return p

    # -- delivery ---------------------------------------------------------

    def test_delivers_with_headers_and_bodies_and_marks_sent(self):
        relay = self.relay()
        [html_id] = self.enqueue("msmith@example.gov", to_name="Mary Smith",
                                 subject="Leave request from Jane Doe", kind="request_submitted",
                                 text="Jane Doe asks for annual leave.\nOpen: http://127.0.0.1/requests/7\n",
                                 html="<p>Jane Doe asks for <b>annual leave</b>.</p>\n", request_id=7)
        [text_id] = self.enqueue("jdoe@example.gov", now=iso(30), subject="Your request was approved",
                                 text="Approved.\n")
        p = self.once(self.mailer(relay), iso(60))
        self.assertIn("sent 2", p.stderr)

        [m] = relay.wait_for("msmith@example.gov")
        msg = m["msg"]
        self.assertEqual(msg["Message-ID"], html_id)
        self.assertEqual(msg["Date"], "Tue, 05 Jan 2027 09:00:00 +0000")   # created_at, not sending time
        self.assertEqual(msg["From"].addresses[0].addr_spec, devmail.DEV_FROM)
        self.assertEqual(msg["From"].addresses[0].display_name, devmail.DEV_FROM_NAME)
        self.assertEqual(msg["To"].addresses[0].addr_spec, "msmith@example.gov")
        self.assertEqual(msg["To"].addresses[0].display_name, "Mary Smith")
        self.assertEqual(msg["Subject"], "Leave request from Jane Doe")
        self.assertEqual(msg["Auto-Submitted"], "auto-generated")
        self.assertEqual(msg.get_content_type(), "multipart/alternative")
        self.assertEqual(msg.get_body(("plain",)).get_content().replace("\r\n", "\n"),
                         "Jane Doe asks for annual leave.\nOpen: http://127.0.0.1/requests/7\n")
        self.assertEqual(msg.get_body(("html",)).get_content().replace("\r\n", "\n"),
                         "<p>Jane Doe asks for <b>annual leave</b>.</p>\n")
        self.assertEqual(m["meta"]["mail_from"], devmail.DEV_FROM)
        self.assertEqual(m["meta"]["rcpt_tos"], ["msmith@example.gov"])
        self.assertIs(m["meta"]["tls"], True)
        self.assertEqual(m["meta"]["auth_user"], devmail.RELAY_USER)

        [t] = relay.wait_for("jdoe@example.gov")
        self.assertEqual(t["msg"]["Message-ID"], text_id)
        self.assertEqual(t["msg"]["Date"], "Tue, 05 Jan 2027 09:00:30 +0000")
        self.assertEqual(t["msg"].get_content_type(), "text/plain")
        self.assertEqual(t["msg"].get_content().replace("\r\n", "\n"), "Approved.\n")
        self.assertEqual(len(relay.messages()), 2)

        rows = self.rows()
        for mid in (html_id, text_id):
            self.assertEqual(rows[mid]["state"], "sent")
            # the clock starts at --now and runs on in real time
            self.assertTrue(iso(60) <= rows[mid]["sent_at"] <= iso(60 + DEADLINE), rows[mid]["sent_at"])
            self.assertEqual(rows[mid]["attempts"], 1)
            self.assertIsNone(rows[mid]["last_error"])
            [a] = self.attempts(mid)
            self.assertEqual((a["outcome"], a["smtp_code"], a["error"]), ("sent", 250, None))
        self.assertNotIn(relay.password(), p.stderr)

    def test_nothing_due_nothing_sent(self):
        relay = self.relay()
        self.enqueue("msmith@example.gov")
        p = self.once(self.mailer(relay), iso(-1))   # queued a second from now
        self.assertIn("sent 0", p.stderr)
        self.assertEqual(relay.messages(), [])
        self.assertEqual(self.count("SELECT count(*) FROM outbox_attempts"), 0)

    # -- relay down -------------------------------------------------------

    def test_relay_down_then_back_on_the_same_port(self):
        relay = self.relay(start=False)          # nothing listens on its port yet
        ids = self.enqueue("msmith@example.gov", count=3)
        mailer = self.mailer(relay)
        p = self.once(mailer, iso(10), expect=75)
        self.assertEqual(p.stderr.count("relay problem with"), 1)
        rows = self.rows()
        self.assertEqual([rows[i]["state"] for i in ids], ["pending"] * 3)
        # the attempt is recorded; the message keeps its place, the rest wait untried
        [a] = self.attempts(ids[0])
        self.assertEqual(a["outcome"], "temporary")
        self.assertIn("relay problem", a["error"])
        self.assertEqual(rows[ids[0]]["next_attempt_at"], T0)
        self.assertEqual([rows[i]["attempts"] for i in ids], [1, 0, 0])
        # still down a minute later: one more probe, nothing lost
        self.once(mailer, iso(70), expect=75)
        self.assertEqual(len(self.attempts(ids[0])), 2)

        relay.start()
        self.assertEqual(relay.port, int(relay.url.rsplit(":", 1)[1]))
        p = self.once(mailer, iso(130))
        self.assertIn("sent 3", p.stderr)
        got = [m["msg"]["Message-ID"] for m in relay.wait_for("msmith@example.gov", count=3)]
        self.assertEqual(sorted(got), sorted(ids))
        self.assertEqual(len(relay.messages()), 3)
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE state = 'sent'"), 3)
        self.assertEqual([a["outcome"] for a in self.attempts(ids[0])], ["temporary", "temporary", "sent"])

    def test_running_mailer_waits_out_an_outage(self):
        relay = self.relay(start=False)
        ids = self.enqueue("msmith@example.gov", count=2, now=None)   # real clock
        mailer = self.mailer(relay, "--poll-interval", "1", "--retry-base", "1", "--pause-max", "1")
        mailer.start()
        poll("a recorded attempt", lambda: self.count("SELECT count(*) FROM outbox_attempts") >= 1)
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE state = 'pending'"), 2)
        relay.start()
        got = relay.wait_for("msmith@example.gov", count=2, timeout=DEADLINE)
        self.assertEqual(sorted(m["msg"]["Message-ID"] for m in got), sorted(ids))
        poll("both rows sent", lambda: self.count("SELECT count(*) FROM outbox WHERE state = 'sent'") == 2)
        self.assertEqual(mailer.stop(), 0)
        log = mailer.log()
        self.assertEqual(log.count("relay problem with"), 1)   # logged once per outage
        self.assertIn("the relay is back", log)
        self.assertEqual(len(relay.messages()), 2)

    # -- temporary and permanent failures -----------------------------------

    def test_fail_next_retries_with_backoff_then_delivers_once(self):
        relay = self.relay("--fail-next", "1")
        [mid] = self.enqueue("msmith@example.gov")
        mailer = self.mailer(relay)
        self.once(mailer, iso(10))
        row = self.rows()[mid]
        self.assertEqual(row["state"], "pending")
        self.assertIn("451", row["last_error"])
        [a] = self.attempts(mid)
        self.assertEqual((a["outcome"], a["smtp_code"]), ("temporary", 451))
        # first retry --retry-base (60 s) after the failed attempt
        failed_at = calendar.timegm(time.strptime(a["attempted_at"], "%Y-%m-%dT%H:%M:%SZ"))
        self.assertEqual(row["next_attempt_at"],
                         time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(failed_at + 60)))
        self.assertEqual(relay.messages(), [])

        self.once(mailer, iso(40))                  # not due yet: untouched
        self.assertEqual(len(self.attempts(mid)), 1)
        self.once(mailer, row["next_attempt_at"])
        [m] = relay.wait_for("msmith@example.gov")
        self.assertEqual(m["msg"]["Message-ID"], mid)
        row = self.rows()[mid]
        self.assertEqual((row["state"], row["attempts"], row["last_error"]), ("sent", 2, None))
        self.assertEqual([a["outcome"] for a in self.attempts(mid)], ["temporary", "sent"])
        self.once(mailer, iso(100000))
        self.assertEqual(len(relay.messages()), 1)

    def test_refused_recipient_is_a_dead_letter(self):
        relay = self.relay("--reject-rcpt", "gone@example.gov")
        [bad] = self.enqueue("gone@example.gov")
        [good] = self.enqueue("msmith@example.gov")
        mailer = self.mailer(relay)
        self.once(mailer, iso(10))
        rows = self.rows()
        self.assertEqual(rows[bad]["state"], "failed")
        self.assertIn("550", rows[bad]["last_error"])
        [a] = self.attempts(bad)
        self.assertEqual((a["outcome"], a["smtp_code"]), ("permanent", 550))
        self.assertEqual(rows[good]["state"], "sent")
        self.assertEqual([m["meta"]["rcpt_tos"] for m in relay.messages()], [["msmith@example.gov"]])
        # a dead letter is never tried again
        self.once(mailer, iso(10 ** 7))
        self.assertEqual(len(self.attempts(bad)), 1)
        self.assertEqual(relay.messages_to("gone@example.gov"), [])

    def test_auth_refused_keeps_mail_until_the_password_is_fixed(self):
        relay = self.relay()
        ids = self.enqueue("msmith@example.gov", count=2)
        wrong = os.path.join(self.tmp, "wrong-password")
        with open(wrong, "w") as f:
            f.write("not the password\n")
        mailer = self.mailer(relay, "--password-file", wrong)   # the later option wins
        p = self.once(mailer, iso(10), expect=75)
        self.assertIn("535", p.stderr)
        self.assertNotIn("not the password", p.stderr)
        self.assertEqual(relay.messages(), [])
        rows = self.rows()
        self.assertEqual([rows[i]["state"] for i in ids], ["pending", "pending"])
        [a] = self.attempts(ids[0])
        self.assertEqual((a["outcome"], a["smtp_code"]), ("permanent", 535))
        self.assertIn("relay problem", rows[ids[0]]["last_error"])
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE state = 'failed'"), 0)

        self.once(self.mailer(relay), iso(20))   # configuration fixed
        got = relay.wait_for("msmith@example.gov", count=2)
        self.assertEqual(sorted(m["msg"]["Message-ID"] for m in got), sorted(ids))

    # -- crashes and signals ------------------------------------------------

    def test_crash_after_250_resends_the_same_message(self):
        """The documented window: killed after the relay's 250, before the
        commit. The restart sends the message again, byte for byte the same,
        with the same Message-ID; nothing else is duplicated or lost."""
        relay = self.relay()
        ids = self.enqueue("msmith@example.gov", count=5)
        mailer = self.mailer(relay)
        env = dict(os.environ, HRPORTAL_MAILER_TEST_KILL_AFTER="3")
        p = mailer.run_once("--now", iso(10), env=env)
        self.assertEqual(p.returncode, -signal.SIGKILL, p.stderr)
        relay.wait_for("msmith@example.gov", count=3)
        rows = self.rows()
        self.assertEqual([rows[i]["state"] for i in ids], ["sent", "sent", "pending", "pending", "pending"])
        self.assertEqual(rows[ids[2]]["attempts"], 1)       # claimed...
        self.assertEqual(self.attempts(ids[2]), [])         # ...but never recorded

        p = self.once(mailer, iso(20))
        self.assertIn(ids[2], p.stderr)                     # the operator is told which one
        got = relay.wait_for("msmith@example.gov", count=6)
        self.assertEqual(len(relay.messages()), 6)
        mids = [m["msg"]["Message-ID"] for m in got]
        self.assertEqual(sorted(set(mids)), sorted(ids))
        self.assertEqual([i for i in ids if mids.count(i) > 1], [ids[2]])
        self.assertEqual(mids.count(ids[2]), 2)
        copies = [m["raw"] for m in got if m["msg"]["Message-ID"] == ids[2]]
        self.assertEqual(copies[0], copies[1])              # the very same message
        self.assertEqual(self.count("SELECT count(*) FROM outbox WHERE state = 'sent'"), 5)
        a = self.attempts(ids[2])
        self.assertEqual([x["outcome"] for x in a], ["temporary", "sent"])
        self.assertTrue(a[0]["error"].startswith("interrupted:"))

    def test_sigkill_mid_queue_then_restart_delivers_everything_once(self):
        relay = self.relay()
        n = 200
        ids = self.enqueue("msmith@example.gov", count=n, now=None)
        mailer = self.mailer(relay, "--poll-interval", "1")
        mailer.start()
        poll("20 messages sent", lambda: self.count("SELECT count(*) FROM outbox WHERE state = 'sent'") >= 20,
             timeout=120)
        mailer.kill()
        sent_before = self.count("SELECT count(*) FROM outbox WHERE state = 'sent'")
        self.assertLess(sent_before, n, "the mailer finished before it could be killed")

        mailer.start()
        poll("all messages sent", lambda: self.count("SELECT count(*) FROM outbox WHERE state = 'sent'") == n,
             timeout=300)
        self.assertEqual(mailer.stop(), 0)
        got = relay.messages()
        mids = [m["msg"]["Message-ID"] for m in got]
        self.assertEqual(set(mids), set(ids), "every message delivered")
        dups = sorted(i for i in set(mids) if mids.count(i) > 1)
        self.assertLessEqual(len(dups), 1, "only the message in the crash window may arrive twice")
        self.assertLessEqual(len(mids), n + 1)
        interrupted = [r[0] for r in self.db().execute(
            "SELECT o.message_id FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id "
            "WHERE a.error LIKE 'interrupted:%'")]
        for d in dups:
            self.assertIn(d, interrupted, "a duplicate is always a message whose attempt was cut off")
            self.assertEqual(mids.count(d), 2)
        # every attempt is on record
        self.assertEqual(self.count("SELECT sum(attempts) FROM outbox"),
                         self.count("SELECT count(*) FROM outbox_attempts"))

    def test_sigterm_finishes_the_current_message_and_exits_cleanly(self):
        relay = self.relay()
        n = 80
        ids = self.enqueue("msmith@example.gov", count=n, now=None)
        mailer = self.mailer(relay, "--poll-interval", "1")
        mailer.start()
        poll("some messages sent", lambda: self.count("SELECT count(*) FROM outbox WHERE state = 'sent'") >= 5,
             timeout=120)
        self.assertEqual(mailer.stop(timeout=DEADLINE), 0)
        self.assertIn("stopped by signal", mailer.log())
        sent = self.count("SELECT count(*) FROM outbox WHERE state = 'sent'")
        # nothing half-done: what the relay has is exactly what is marked sent
        self.assertEqual(len(relay.messages()), sent)
        self.assertEqual(self.count("SELECT sum(attempts) FROM outbox"),
                         self.count("SELECT count(*) FROM outbox_attempts"))
        mailer.start()
        poll("the rest sent", lambda: self.count("SELECT count(*) FROM outbox WHERE state = 'sent'") == n,
             timeout=300)
        self.assertEqual(mailer.stop(), 0)
        mids = [m["msg"]["Message-ID"] for m in relay.messages()]
        self.assertEqual(sorted(mids), sorted(ids))          # each exactly once

    def test_sigterm_when_idle(self):
        relay = self.relay()
        self.enqueue("msmith@example.gov", now="2999-01-01T00:00:00Z")   # not due for a long time
        mailer = self.mailer(relay, "--poll-interval", "60")
        mailer.start()
        poll("the mailer started", lambda: "started:" in mailer.log())
        start = time.monotonic()
        self.assertEqual(mailer.stop(timeout=DEADLINE), 0)
        self.assertLess(time.monotonic() - start, 10)        # did not sleep out its poll interval

    def test_one_mailer_per_database(self):
        relay = self.relay()
        self.enqueue("msmith@example.gov")
        first = self.mailer(relay, "--poll-interval", "1")
        first.start()
        poll("the first mailer holds the lock", lambda: "started:" in first.log())
        p = self.mailer(relay, name="second").run_once()
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertIn("another hrportal-mailer is running", p.stderr)

    # -- configuration ------------------------------------------------------

    def test_bad_configuration_is_refused_before_anything_is_sent(self):
        self.enqueue("msmith@example.gov")
        base = [MAILER, "--db", self.db_path, "--once"]
        cases = [
            ([], 78, "no relay"),
            (["--relay", "http://127.0.0.1:1", "--from", "a@example.gov"], 78, "smtp://"),
            (["--relay", "smtp://127.0.0.1:1", "--from", "not an address"], 78, "valid sender"),
            (["--relay", "smtp://u:secret@127.0.0.1:1", "--from", "a@example.gov"], 78, "no credentials"),
            (["--relay", "smtp://127.0.0.1:1", "--from", "a@example.gov", "--user", "u"], 78, "go together"),
            (["--relay", "smtp://127.0.0.1:1", "--from", "a@example.gov", "--user", "u",
              "--password-file", os.path.join(self.tmp, "missing")], 78, "password file"),
            (["--relay", "smtp://127.0.0.1:1", "--from", "a@example.gov", "--now", "tomorrow"], 64, "--now"),
            (["--relay", "smtp://127.0.0.1:1", "--from", "a@example.gov", "--timeout", "-5"], 64, "--timeout"),
            (["--relay", "smtp://127.0.0.1:1", "--from", "a@example.gov", "stray"], 64, "usage"),
        ]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HRPORTAL_SMTP", "HRPORTAL_MAIL"))}
        for extra, status, text in cases:
            p = subprocess.run(base + extra, capture_output=True, text=True, env=env, timeout=DEADLINE)
            self.assertEqual(p.returncode, status, (extra, p.stderr))
            self.assertIn(text, p.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM outbox_attempts"), 0)

    def test_configuration_from_the_environment(self):
        relay = self.relay()
        [mid] = self.enqueue("msmith@example.gov")
        env = dict(os.environ, HRPORTAL_DB=self.db_path, HRPORTAL_SMTP_URL=relay.url,
                   HRPORTAL_SMTP_REQUIRE_TLS="1", HRPORTAL_SMTP_CA_FILE=relay.cert,
                   HRPORTAL_SMTP_USER=relay.user, HRPORTAL_SMTP_PASSWORD_FILE=relay.password_file,
                   HRPORTAL_MAIL_FROM="hr@example.gov", HRPORTAL_MAIL_FROM_NAME="Personnel Cabinet")
        p = subprocess.run([MAILER, "--once", "--now", iso(5)], capture_output=True, text=True, env=env,
                           timeout=DEADLINE)
        self.assertEqual(p.returncode, 0, p.stderr)
        [m] = relay.wait_for("msmith@example.gov")
        self.assertEqual(m["msg"]["Message-ID"], mid)
        self.assertEqual(str(m["msg"]["From"]), "Personnel Cabinet <hr@example.gov>")
        self.assertEqual(m["meta"]["mail_from"], "hr@example.gov")


class PortalMailTest(harness.PortalTestCase):
    """The harness's mail option, as the forms' tests use it: a portal with a
    relay and a running mailer; rows written straight into the outbox (the
    same columns outbox_enqueue writes) arrive, through outages and crashes."""

    portal_options = {"mail": True}

    def queue(self, to, subject, text="Hello.\n"):
        mid = "<%s@hrportal.personnel.ky.gov>" % os.urandom(16).hex()
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self.portal.db() as con:
            con.execute("INSERT INTO outbox(message_id, created_at, to_name, to_addr, subject, body_text, "
                        "kind, next_attempt_at) VALUES (?, ?, '', ?, ?, ?, 'test', ?)",
                        (mid, now, to, subject, text, now))
        return mid

    def test_mail_reaches_the_relay(self):
        mid = self.queue("msmith@example.gov", "Harness check", "Link: %s/requests/1\n" % self.portal.url)
        [m] = self.wait_for_mail("msmith@example.gov", where=lambda m: m["msg"]["Message-ID"] == mid)
        self.assertEqual(m["msg"]["Subject"], "Harness check")
        self.assertEqual(self.portal.mail_text(m), "Link: %s/requests/1\n" % self.portal.url)
        self.assertIs(m["meta"]["tls"], True)
        self.assertEqual(m["meta"]["auth_user"], devmail.RELAY_USER)
        self.assertEqual(self.get("/").status, 200)

    def test_outage_and_crash(self):
        self.portal.stop_relay()
        mid = self.queue("jdoe@example.gov", "Sent after the outage")
        with self.portal.db() as con:
            poll("an attempt while the relay is down", lambda: con.execute(
                "SELECT count(*) FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id "
                "WHERE o.message_id = ?", (mid,)).fetchone()[0] >= 1)
        self.portal.kill_mailer()
        self.portal.start_relay()
        self.assertEqual(self.portal.mail_to("jdoe@example.gov"), [])
        self.portal.start_mailer()
        [m] = self.wait_for_mail("jdoe@example.gov", where=lambda m: m["msg"]["Message-ID"] == mid)
        self.assertEqual(m["msg"]["Subject"], "Sent after the outage")
        self.assertEqual(self.portal.stop_mailer(), 0)
        self.portal.start_mailer()
        self.portal.assert_mailer_clean(self)


if __name__ == "__main__":
    unittest.main(verbosity=2)
