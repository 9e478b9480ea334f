"""Integration test harness: a real Apache httpd with mod_fcgid serving the
portal built in this tree, on a free loopback port, with its own database
and (optionally) a real SMTP server. Everything it starts is stopped at the
end, and the Apache error log is checked for crashes and sanitizer reports.

Run by `make check` through /usr/bin/python3, which exports HR_SRCDIR and
HR_BUILDDIR (absolute source and build directories)."""
import base64
import http.client
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import urllib.parse

SRCDIR = os.environ.get("HR_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDDIR = os.environ.get("HR_BUILDDIR", SRCDIR)
SANITIZERS = os.environ.get("HR_SANITIZERS", "no") == "yes"
sys.path.insert(0, os.path.join(SRCDIR, "scripts"))

import devserver  # noqa: E402

DEMO_PASSWORD = devserver.DEMO_PASSWORD

# Reports that mean a portal process misbehaved.
BAD_LOG = re.compile(r"AddressSanitizer|LeakSanitizer|runtime error:|Segmentation fault|"
                     r"exit\(communication error\)|premature end of script|signal 11|SIGSEGV|"
                     r"Aborted|core dumped|End of script output before headers", re.I)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        self.text = body.decode("utf-8", errors="replace")

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return "<Response %d %s>" % (self.status, self.text[:80])


# Mailer settings for tests: mail shows up within a second, a refused or
# failed attempt is retried within seconds, nothing is ever given up. With
# the portal's test clock (requests dated as the test says), the mailer's
# clock starts far ahead so that whatever a test queued is due.
TEST_MAILER_OPTIONS = ("--poll-interval", "1", "--retry-base", "1", "--pause-max", "2",
                       "--give-up-after", "0")
TEST_MAILER_NOW = "2100-01-01T00:00:00Z"


class Portal:
    """A running portal. Use as a context manager or call start/stop.

    mail=True also starts a real SMTP server on loopback (STARTTLS and AUTH
    required; scripts/smtpd.py) and hrportal-mailer sending the outbox to it:
    see the mail accessors below."""

    def __init__(self, test_clock=True, fcgi_processes=4, extra_env=None, extra_conf="",
                 mail=False, mailer_options=TEST_MAILER_OPTIONS, mailer_now=None):
        self.tmp = tempfile.mkdtemp(prefix="hrportal-test-")
        os.chmod(self.tmp, 0o755)
        self.prefix = os.path.join(self.tmp, "prefix")
        devserver.stage(SRCDIR, BUILDDIR, self.prefix)
        env = dict(extra_env or {})
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        if mailer_now is None and test_clock:
            mailer_now = TEST_MAILER_NOW
        options = list(mailer_options) + (["--now", mailer_now] if mailer_now else [])
        self.server = devserver.DevServer(self.prefix, os.path.join(self.tmp, "home"),
                                          test_clock=test_clock, fcgi_processes=fcgi_processes,
                                          srcdir=SRCDIR, extra_env=env, mail=mail,
                                          mailer_options=options)
        self.relay = self.server.relay      # the SMTP server (devmail.Relay)
        self.mailer = self.server.mailer    # hrportal-mailer (devmail.Mailer)
        self.extra_conf = extra_conf
        self.url = self.server.url
        self.port = self.server.port
        self.db_path = self.server.db_path
        self.conn = None

    def start(self):
        if self.extra_conf:
            original = self.server._write_conf

            def write_conf(user):
                original(user)
                with open(self.server.conf, "a") as f:
                    f.write("\n" + self.extra_conf.replace("@FCGIDIR@", self.server.fcgidir)
                            .replace("@RUNDIR@", self.server.rundir)
                            .replace("@STATEDIR@", self.server.statedir) + "\n")
            self.server._write_conf = write_conf
        self.server.start()
        return self

    def stop(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self.server.stop()

    def cleanup(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- HTTP
    def request(self, method, path, body=None, headers=None, user=None, content_type=None):
        hdrs = {"Host": "127.0.0.1:%d" % self.port, "User-Agent": "hrportal-tests"}
        if user:
            token = base64.b64encode(("%s:%s" % (user, DEMO_PASSWORD)).encode()).decode()
            hdrs["Authorization"] = "Basic " + token
        if content_type:
            hdrs["Content-Type"] = content_type
        hdrs.update(headers or {})
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=hdrs)
                r = self.conn.getresponse()
                data = r.read()
                resp = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return resp
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection that the server closed: retry once.
                self.conn.close()
                self.conn = None
                if attempt:
                    raise

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, **kw):
        body = urllib.parse.urlencode(fields)
        return self.request("POST", path, body=body,
                            content_type="application/x-www-form-urlencoded", **kw)

    # -- inspection
    def db(self):
        con = sqlite3.connect(self.db_path, timeout=10)
        con.row_factory = sqlite3.Row
        return con

    def error_log(self):
        return self.server.error_log()

    # -- mail (Portal(mail=True))
    def wait_for_mail(self, recipient, count=1, timeout=20, where=None):
        """Poll (with a deadline) until count messages to recipient were
        delivered; returns them oldest first, each a dict: msg (an
        email.message.EmailMessage: msg["Subject"], msg.get_body(("plain",))
        .get_content()), raw (bytes), meta (envelope: mail_from, rcpt_tos,
        tls, auth_user). where(m) filters."""
        return self.relay.wait_for(recipient, count=count, timeout=timeout, where=where)

    def mail_to(self, recipient):
        """Messages delivered to recipient so far (no waiting)."""
        return self.relay.messages_to(recipient)

    @staticmethod
    def mail_text(m):
        """The text/plain body of a delivered message, with LF line ends."""
        return m["msg"].get_body(("plain",)).get_content().replace("\r\n", "\n")

    def stop_relay(self):
        """The relay goes down (mail waits in the outbox)."""
        self.relay.stop()

    def start_relay(self):
        """The relay comes back on the same port."""
        self.relay.start()

    def kill_mailer(self):
        """SIGKILL the mailer, as a crash would."""
        return self.mailer.kill()

    def stop_mailer(self):
        """SIGTERM the mailer; returns its exit status."""
        return self.mailer.stop()

    def start_mailer(self, *extra):
        self.mailer.start(*extra)

    def assert_mailer_clean(self, testcase):
        bad = [line for line in self.mailer.log().splitlines() if BAD_LOG.search(line)]
        testcase.assertEqual(bad, [], "the mailer reported problems")

    def assert_clean_log(self, testcase):
        bad = [line for line in self.error_log().splitlines() if BAD_LOG.search(line)]
        testcase.assertEqual(bad, [], "portal processes reported problems in the error log")

    def fcgi_pids(self):
        """Process ids of the portal's FastCGI processes."""
        out = subprocess.run(["pgrep", "-f", os.path.join(self.server.fcgidir, "portal")],
                             capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class PortalTestCase(unittest.TestCase):
    """One portal per test class (starting Apache costs about a second).

    Set portal_options = {"mail": True} for a class whose tests read mail:
    then self.wait_for_mail("msmith@...") polls for delivered messages,
    and self.portal.stop_relay()/start_relay()/kill_mailer()/start_mailer()
    drive outages and crashes."""

    portal_options = {}

    @classmethod
    def setUpClass(cls):
        cls.portal = Portal(**cls.portal_options)
        try:
            cls.portal.start()
        except Exception:
            cls.portal.stop()
            cls.portal.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.portal.stop()
        log = cls.portal.error_log() + cls.portal.mailer.log()
        cls.portal.cleanup()
        bad = [line for line in log.splitlines() if BAD_LOG.search(line)]
        if bad:
            raise AssertionError("portal processes reported problems:\n" + "\n".join(bad[:20]))

    def get(self, path, **kw):
        return self.portal.get(path, **kw)

    def post(self, path, fields, **kw):
        return self.portal.post(path, fields, **kw)

    def wait_for_mail(self, recipient, **kw):
        return self.portal.wait_for_mail(recipient, **kw)

    def assertPage(self, resp, status, *texts):
        self.assertEqual(resp.status, status, resp.text[:2000])
        for t in texts:
            self.assertIn(t, resp.text)


def main():
    unittest.main(verbosity=2)
