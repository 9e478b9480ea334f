"""sqlmap against every form and API parameter of a running portal.

A real portal (Apache + mod_fcgid, tests/harness.py) and sqlmap (Debian
package sqlmap) in batch mode, on loopback only, its output in a temporary
directory:

- GET: the search box (q, page), the search API (q, limit), the glossary
  filter, as_of on a section, diff from/to, every wizard's and
  calculator's parameters on their pages and on the JSON API;
- POST: the leave request form as jdoe (Basic auth), each request with a
  fresh CSRF token read from the form page (--csrf-token/--csrf-url).

It asserts that sqlmap tested each of those parameters, found none
injectable, and that nothing it sent got a 5xx (sqlmap's own count of HTTP
error codes, the access log) or troubled a portal process (the error log,
checked by the harness).

The default run is bounded (about 2-3 minutes): level 1, risk 1, SQLite
payloads, boolean-based, error-based and UNION techniques. The long run
(HR_SQLMAP_LONG=1: level 5, risk 3, every technique and database; cookies,
User-Agent and Referer too) takes hours; see tests/fuzz/README.md."""
import base64
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

from formsclient import form_posting_to
from harness import DEMO_PASSWORD, PortalTestCase, main

SQLMAP = shutil.which("sqlmap")
LONG = os.environ.get("HR_SQLMAP_LONG") == "1"
# Each sqlmap run stops here (a hung run must not hang make check).
RUN_TIMEOUT = 6 * 3600 if LONG else 300
# Boolean-based, error-based, UNION, stacked queries, time-based (a
# time-based payload that is not injected costs no waiting).
TECHNIQUES = os.environ.get("HR_SQLMAP_TECHNIQUES", "BEUST")

FMLA = ("service_months=24&hours=1300&paid_leave_hours=40&reason=family_care&relation=child"
        "&child_incapable=0&child_age=12&weeks_used=2&spouse_state_employee=0")
RECIPIENT = ("role=recipient&program=sick&employer=18a&active=1&condition_of=parent"
             "&lived_with_30_days=1&legally_responsible=0&certified=1&consecutive_days=12"
             "&paid_leave_exhausted=1&complied=1&workers_comp=0&hours_requested=150")
DONOR = "role=donor&program=annual&employer=aoc&active=1&balance=400&donate=16&week_hours=40"
RETURN = "event=separated_unclassified&had_status=1&service_months=200&for_cause=0"

# Every GET parameter a reader can send, each on a page that reads it.
GET_TARGETS = [
    "/search?q=sick+leave&page=1",
    "/api/search?q=fmla&limit=5",
    "/glossary?q=leave",
    "/handbook/sick-leave?as_of=2020-01-01",
    "/handbook/court-leave/diff?from=1&to=1",
    "/wizards/fmla/result?" + FMLA,
    "/api/wizards/fmla?" + FMLA,
    "/wizards/leave-sharing/result?" + RECIPIENT,
    "/api/wizards/leave-sharing?" + DONOR,
    "/wizards/return-rights/result?" + RETURN,
    "/api/wizards/return-rights?" + RETURN,
    "/calculators/annual-leave?service_months=130&week_hours=37.5",
    "/api/calculators/sick-leave?service_months=120&week_hours=40",
    "/calculators/holidays?year=2024&format=html",
    "/api/calculators/holidays?year=2024",
]

# Every field of the leave form (the selects and the checkbox too, which
# the form reader does not return), saved as a draft.
LEAVE = {"leave_type": "annual", "start_date": "2027-01-11", "end_date": "2027-01-12", "hours": "15",
         "relationship": "", "extra_days_requested": "", "absence_date": "", "reason": "",
         "action": "save"}


def params_of(target):
    return [k for k, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(target).query)]


@unittest.skipIf(SQLMAP is None, "sqlmap is not installed (Debian package sqlmap, "
                 "installed by scripts/install-deps); the SQL injection scan did not run")
class SqlmapTest(PortalTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.out = tempfile.mkdtemp(prefix="hrportal-sqlmap-")

    @classmethod
    def tearDownClass(cls):
        # HR_SQLMAP_KEEP=1 keeps sqlmap's output (its path is printed).
        if os.environ.get("HR_SQLMAP_KEEP") == "1":
            print("sqlmap output kept in", cls.out)
        else:
            shutil.rmtree(cls.out, ignore_errors=True)
        super().tearDownClass()

    def sqlmap(self, name, *args, threads=4):
        """Run sqlmap with the common options; returns its output."""
        if LONG:
            scope = ["--level=5", "--risk=3"]
        else:
            scope = ["--level=1", "--risk=1", "--dbms=SQLite", "--technique=" + TECHNIQUES]
        # (sqlmap refuses threads together with --csrf-url)
        scope += ["--threads=%d" % threads] if threads > 1 else []
        cmd = [SQLMAP, "--batch", "--disable-coloring", "--flush-session", "--skip-waf",
               "--timeout=30", "--retries=1", "--output-dir=" + os.path.join(self.out, name),
               "--tmp-dir=" + self.out] + scope + list(args)
        env = dict(os.environ, HOME=self.out, TERM="dumb", no_proxy="*", http_proxy="", https_proxy="")
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT, env=env,
                             stdin=subprocess.DEVNULL)
        out = run.stdout + run.stderr
        with open(os.path.join(self.out, name + ".txt"), "w") as f:
            f.write(out)
        self.assertNotRegex(out, r"\[CRITICAL\] (connection|option|unable|.*incompatible)",
                            "sqlmap could not run:\n" + out[-3000:])
        return out

    def assert_clean(self, out, place, params):
        # Anything sqlmap believes injectable (it says so in several ways).
        found = [line for line in out.splitlines()
                 if re.search(r"identified the following injection point|appears to be .* injectable|"
                              r"is vulnerable|Parameter: .* \((GET|POST)\)", line)]
        self.assertEqual(found, [], "sqlmap reports an injection:\n" + out[-6000:])
        # Each parameter was really tested.
        tested = set(re.findall(r"testing for SQL injection on %s parameter '([^']+)'" % place, out))
        missing = [p for p in params if p not in tested]
        self.assertEqual(missing, [], "sqlmap did not test these %s parameters:\n%s" % (place, out[-4000:]))
        # No 5xx answer to anything sqlmap sent.
        self.assertNotRegex(out, r"\b5\d\d \([A-Za-z ]+\) - \d+ times",
                            "sqlmap got server errors:\n" + out[-4000:])

    def assert_no_server_errors(self):
        with open(os.path.join(self.portal.server.rundir, "access.log"), errors="replace") as f:
            errors = [line for line in f if re.search(r'" 5\d\d ', line)]
        self.assertEqual(errors, [], "5xx answers in the access log")
        self.portal.assert_clean_log(self)

    def test_get_parameters(self):
        targets = os.path.join(self.out, "targets.txt")
        with open(targets, "w") as f:
            for t in GET_TARGETS:
                f.write(self.portal.url + t + "\n")
        out = self.sqlmap("get", "-m", targets)
        params = sorted({p for t in GET_TARGETS for p in params_of(t)})
        self.assert_clean(out, "GET", params)
        self.assert_no_server_errors()

    def test_leave_form_fields(self):
        form = self.get("/forms/leave/new", user="jdoe")
        self.assertEqual(form.status, 200)
        fields = form_posting_to(form.text, "/forms/leave")
        self.assertIn("csrf", fields)
        data = dict(fields, **LEAVE)
        url = self.portal.url + "/forms/leave"
        out = self.sqlmap("post", "-u", url, "--data", urllib.parse.urlencode(data),
                          "--csrf-token=csrf", "--csrf-url=" + self.portal.url + "/forms/leave/new",
                          # Credentials on every request, as a signed-in browser sends them
                          # (a protected page asked for without them redirects to /signin
                          # rather than challenging, so sqlmap's own Basic auth never starts).
                          "--headers=Authorization: Basic " +
                          base64.b64encode(("jdoe:" + DEMO_PASSWORD).encode()).decode(), threads=1)
        params = [k for k in data if k != "csrf"]
        self.assert_clean(out, "POST", params)
        self.assert_no_server_errors()
        # The token was renewed each time: the portal accepted sqlmap's
        # requests (it saved the draft), it did not just refuse them all.
        with self.portal.db() as db:
            drafts = db.execute("SELECT count(*) FROM requests r JOIN users u ON u.id = r.owner_id "
                                "WHERE u.login = 'jdoe' AND r.type = 'leave'").fetchone()[0]
        self.assertGreater(drafts, 0, out[-3000:])


if __name__ == "__main__":
    main()
