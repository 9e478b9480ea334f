#!/usr/bin/python3
"""Integration test of the mail module against a real SMTP relay.

tests/mail_send_driver (the C module) talks to tests/smtpd.py (aiosmtpd) on a
free loopback port, with a throw-away self-signed certificate made here by
openssl. Run by `make check` through PY_LOG_COMPILER (/usr/bin/python3),
which finds the source and build trees in HR_SRCDIR / HR_BUILDDIR.

Every process started here is stopped by a cleanup, also when a test fails.
Nothing sleeps for a fixed time: the relay is waited for on its READY line,
delivered files are polled for with a deadline.
"""

import email
import email.policy
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("HR_SRCDIR") or os.path.dirname(HERE)
BUILDDIR = os.environ.get("HR_BUILDDIR") or SRCDIR
SMTPD = os.path.join(SRCDIR, "tests", "smtpd.py")
DRIVER = os.path.join(BUILDDIR, "tests", "mail_send_driver")
PYTHON = sys.executable  # the system python3 chosen by configure

USER = "hrportal"
PASSWORD = "correct horse battery staple"
FROM = "hrportal@personnel.ky.gov"
TO = ["dana.smith@ky.gov", "backup.supervisor@ky.gov"]
SUBJECT = "Leave request from José Álvarez — revisión ✓"
MESSAGE_ID = "<7f3a9c.1700000000@hrportal.ky.gov>"
DATE = 1700000000  # Tue, 14 Nov 2023 22:13:20 +0000

LONG_LINE = "".join(chr(ord("a") + i % 26) for i in range(2000))
TEXT = ("Hello Dana,\n\n"
        "José Álvarez asks for leave from 1 to 12 December.\n"
        ".a line that starts with a dot\n"
        ".\n"
        "..two dots\n"
        "From here on, an mbox-looking line.\n"
        + LONG_LINE + "\n"
        "Thanks,\nHR Portal\n")
HTML = ("<p>Hello Dana,</p>\n<p>José Álvarez asks for leave from "
        "<b>1</b> to <b>12 December</b>.</p>\n<p>" + LONG_LINE + "</p>\n")

READY_TIMEOUT = 20
DELIVERY_TIMEOUT = 10
DRIVER_TIMEOUT = 60


def wait_ready(proc, deadline):
    """Read stdout up to the READY line; return the port."""
    fd = proc.stdout.fileno()
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError("smtpd.py printed no READY line in time")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1)
        if not chunk:
            raise AssertionError("smtpd.py exited before READY (status %s)" % proc.wait())
        line += chunk
    text = line.decode().strip()
    if not text.startswith("READY port="):
        raise AssertionError("unexpected first line from smtpd.py: %r" % text)
    return int(text.split("=", 1)[1])


class Relay:
    """One running tests/smtpd.py. stop() is idempotent and always safe."""

    def __init__(self, workdir, *options):
        self.maildir = tempfile.mkdtemp(prefix="maildir-", dir=workdir)
        self.logpath = os.path.join(workdir, "smtpd-%d.log" % id(self))
        self._log = open(self.logpath, "wb")
        self.proc = subprocess.Popen(
            [PYTHON, SMTPD, "--host", "127.0.0.1", "--port", "0",
             "--maildir", self.maildir, *options],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log)
        try:
            self.port = wait_ready(self.proc, time.monotonic() + READY_TIMEOUT)
        except BaseException:
            self.stop()
            raise
        self.url = "smtp://127.0.0.1:%d" % self.port

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self._log.close()
        return self.proc.returncode

    def log(self):
        with open(self.logpath, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def files(self):
        return sorted(os.listdir(self.maildir))

    def messages(self):
        return [f for f in self.files() if f.endswith(".eml")]

    def wait_messages(self, n):
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while True:
            found = self.messages()
            if len(found) >= n or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


class MailSmtpTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.access(DRIVER, os.X_OK):
            raise AssertionError("%s missing: run `make check` (it builds it)" % DRIVER)
        if shutil.which("openssl") is None:
            raise AssertionError("openssl missing: apt-get install openssl")
        cls._tmp = tempfile.TemporaryDirectory(prefix="hr-mail-test-")
        cls.tmp = cls._tmp.name
        cls.cert = os.path.join(cls.tmp, "cert.pem")
        cls.key = os.path.join(cls.tmp, "key.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
             "-days", "2", "-keyout", cls.key, "-out", cls.cert],
            check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, timeout=60)
        cls.body = os.path.join(cls.tmp, "body.txt")
        cls.html = os.path.join(cls.tmp, "body.html")
        with open(cls.body, "w", encoding="utf-8") as f:
            f.write(TEXT)
        with open(cls.html, "w", encoding="utf-8") as f:
            f.write(HTML)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="case-", dir=self.tmp)

    # -- helpers ----------------------------------------------------------

    def relay(self, *options):
        r = Relay(self.work, *options)
        self.addCleanup(r.stop)
        return r

    def secure_relay(self, *options):
        return self.relay("--tls-cert", self.cert, "--tls-key", self.key, "--require-tls",
                          "--auth-user", USER, "--auth-password", PASSWORD, *options)

    def send(self, url, *options, password=None, html=True, connect_timeout=5):
        args = [DRIVER, "--url", url, "--from", FROM, "--from-name", "HR Portal",
                "--subject", SUBJECT, "--body-file", self.body,
                "--message-id", MESSAGE_ID, "--date", str(DATE),
                "--header", "X-HR-Request-ID: 42",
                "--connect-timeout", str(connect_timeout), "--timeout", "30"]
        for t in TO:
            args += ["--to", t]
        if html:
            args += ["--html-file", self.html]
        args += list(options)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAIL_RELAY_")}
        if password is not None:
            env["MAIL_RELAY_PASSWORD"] = password  # kept off the command line
        start = time.monotonic()
        proc = subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=DRIVER_TIMEOUT)
        proc.elapsed = time.monotonic() - start
        proc.err = proc.stderr.decode("utf-8", "replace")
        return proc

    def secure_send(self, relay, *options, password=PASSWORD):
        return self.send(relay.url, "--require-tls", "--ca-file", self.cert, "--user", USER,
                         *options, password=password)

    def assertNothingDelivered(self, relay):
        self.assertEqual(relay.files(), [], "relay stored something")

    # -- tests ------------------------------------------------------------

    def test_delivery_over_starttls_with_auth(self):
        relay = self.secure_relay()
        p = self.send(relay.url, "--require-tls", "--ca-file", self.cert, "--user", USER,
                      password=PASSWORD)
        self.assertEqual(p.returncode, 0, p.err)
        self.assertNotIn(PASSWORD, p.err)
        found = relay.wait_messages(1)
        self.assertEqual(len(found), 1, relay.files())
        name = found[0][:-len(".eml")]
        with open(os.path.join(relay.maildir, name + ".eml"), "rb") as f:
            raw = f.read()
        with open(os.path.join(relay.maildir, name + ".json"), encoding="utf-8") as f:
            meta = json.load(f)

        # envelope and session as the relay saw them
        self.assertEqual(meta["mail_from"], FROM)
        self.assertEqual(meta["rcpt_tos"], TO)
        self.assertIs(meta["tls"], True)
        self.assertEqual(meta["auth_user"], USER)
        self.assertNotIn(PASSWORD, relay.log())

        # wire format: CRLF only, no long lines, pure 7-bit
        self.assertTrue(raw.endswith(b"\r\n"))
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))
        self.assertNotIn(b"\r", raw.replace(b"\r\n", b""))
        self.assertLessEqual(max(len(l) for l in raw.split(b"\r\n")), 998)
        self.assertTrue(all(b < 0x80 for b in raw), "8-bit data on the wire")

        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(msg["Message-ID"], MESSAGE_ID)
        self.assertEqual(msg["Date"], "Tue, 14 Nov 2023 22:13:20 +0000")
        self.assertEqual(str(msg["Subject"]), SUBJECT)
        self.assertEqual(msg["From"].addresses[0].addr_spec, FROM)
        self.assertEqual(msg["From"].addresses[0].display_name, "HR Portal")
        self.assertEqual([a.addr_spec for a in msg["To"].addresses], TO)
        self.assertEqual(msg["X-HR-Request-ID"], "42")
        self.assertIsNone(msg["Bcc"])
        self.assertEqual(msg.get_content_type(), "multipart/alternative")
        plain = msg.get_body(("plain",))
        html = msg.get_body(("html",))
        self.assertEqual(plain.get_content_charset(), "utf-8")
        self.assertEqual(html.get_content_charset(), "utf-8")
        self.assertEqual(plain.get_content().replace("\r\n", "\n"), TEXT)
        self.assertEqual(html.get_content().replace("\r\n", "\n"), HTML)

    def test_text_only_message(self):
        relay = self.secure_relay()
        p = self.secure_send(relay, "--header", "Auto-Submitted: auto-generated")
        self.assertEqual(p.returncode, 0, p.err)
        p = self.send(relay.url, "--require-tls", "--ca-file", self.cert, "--user", USER,
                      password=PASSWORD, html=False)
        self.assertEqual(p.returncode, 0, p.err)
        found = relay.wait_messages(2)
        self.assertEqual(len(found), 2)
        msgs = []
        for f in found:
            with open(os.path.join(relay.maildir, f), "rb") as fh:
                msgs.append(email.message_from_bytes(fh.read(), policy=email.policy.default))
        plain = [m for m in msgs if m.get_content_type() == "text/plain"]
        self.assertEqual(len(plain), 1)
        self.assertEqual(plain[0].get_content().replace("\r\n", "\n"), TEXT)

    def test_wrong_password_is_permanent_and_delivers_nothing(self):
        relay = self.secure_relay()
        p = self.secure_send(relay, password="wrong password")
        self.assertEqual(p.returncode, 1, p.err)
        self.assertIn("535", p.err)
        self.assertIn("permanent", p.err)
        self.assertNotIn("wrong password", p.err)
        self.assertNothingDelivered(relay)
        self.assertIn("refused", relay.log())
        self.assertNotIn("MAIL from", relay.log())

    def test_missing_credentials_is_permanent(self):
        relay = self.secure_relay()
        p = self.send(relay.url, "--require-tls", "--ca-file", self.cert)
        self.assertEqual(p.returncode, 1, p.err)
        self.assertIn("530", p.err)
        self.assertNothingDelivered(relay)

    def test_relay_not_listening_is_temporary_and_quick(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()  # nothing listens there now: connection refused
        p = self.send("smtp://127.0.0.1:%d" % port, connect_timeout=3)
        self.assertEqual(p.returncode, 75, p.err)
        self.assertIn("temporary", p.err)
        self.assertLess(p.elapsed, 5)

    def test_connect_timeout_is_honoured(self):
        # accepts the TCP connection but never sends the 220 greeting
        s = socket.socket()
        self.addCleanup(s.close)
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        p = self.send("smtp://127.0.0.1:%d" % s.getsockname()[1], connect_timeout=1)
        self.assertEqual(p.returncode, 75, p.err)
        self.assertIn("temporary", p.err)
        # --timeout is 30: finishing in ~1 s shows the connect timeout applied
        self.assertGreaterEqual(p.elapsed, 0.9)
        self.assertLess(p.elapsed, 10)

    def test_451_is_temporary_then_retry_delivers_once(self):
        relay = self.secure_relay("--fail-next", "1")
        p = self.secure_send(relay)
        self.assertEqual(p.returncode, 75, p.err)
        self.assertIn("451", p.err)
        self.assertNothingDelivered(relay)
        # the outbox retries with the same Message-ID
        p = self.secure_send(relay)
        self.assertEqual(p.returncode, 0, p.err)
        found = relay.wait_messages(1)
        self.assertEqual(len(found), 1)
        with open(os.path.join(relay.maildir, found[0]), "rb") as f:
            msg = email.message_from_bytes(f.read(), policy=email.policy.default)
        self.assertEqual(msg["Message-ID"], MESSAGE_ID)

    def test_require_tls_without_starttls_sends_nothing_in_clear(self):
        relay = self.relay()  # plain relay: no STARTTLS offered
        p = self.send(relay.url, "--require-tls", "--ca-file", self.cert)
        self.assertNotEqual(p.returncode, 0, p.err)
        self.assertEqual(p.returncode, 1, p.err)
        self.assertNothingDelivered(relay)
        self.assertNotIn("MAIL from", relay.log())
        # credentials imply TLS, even without --require-tls
        p = self.send(relay.url, "--user", USER, password=PASSWORD)
        self.assertEqual(p.returncode, 1, p.err)
        self.assertNothingDelivered(relay)
        self.assertNotIn("MAIL from", relay.log())
        # the same relay does work without the TLS requirement (control)
        p = self.send(relay.url)
        self.assertEqual(p.returncode, 0, p.err)
        found = relay.wait_messages(1)
        self.assertEqual(len(found), 1)
        with open(os.path.join(relay.maildir, found[0][:-4] + ".json")) as f:
            self.assertIs(json.load(f)["tls"], False)

    def test_untrusted_certificate_is_refused(self):
        relay = self.secure_relay()
        # no --ca-file: the self-signed certificate must not be trusted
        p = self.send(relay.url, "--require-tls", "--user", USER, password=PASSWORD)
        self.assertEqual(p.returncode, 1, p.err)
        self.assertIn("certificate", p.err)
        self.assertNothingDelivered(relay)
        self.assertNotIn("AUTH", relay.log())
        self.assertNotIn("MAIL from", relay.log())

    def test_smtpd_stops_cleanly_on_sigterm(self):
        relay = self.relay()
        self.assertEqual(relay.stop(), 0)
        self.assertIn("stopped", relay.log())


if __name__ == "__main__":
    unittest.main(verbosity=2)
