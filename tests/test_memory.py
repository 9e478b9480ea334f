"""One FastCGI process serves many requests with flat memory, leaks nothing
(valgrind, over a shorter run), and carries nothing of one request into the
next."""
import os
import signal
import time
import unittest

from formsclient import form_posting_to, request_id_from
from harness import SANITIZERS, Portal, PortalTestCase, main, rss_kib

MIXED = [
    "/", "/handbook", "/handbook/sick-leave", "/handbook/family-and-medical-leave-act-fmla",
    "/handbook/annual-leave/print", "/glossary", "/documents", "/orientation-manual",
    "/handbook/nope", "/?q=leave", "/handbook?x=%FF", "/hr-training",
    "/search?q=sick+leave", "/api/search?q=reinstatment", "/search?q=KRS+18A.095", "/citations",
    "/glossary/class", "/search?q=%22", "/api/search?limit=0",
]


class OneProcess(PortalTestCase):
    portal_options = {"fcgi_processes": 1}

    def test_ten_thousand_mixed_requests_with_flat_memory(self):
        if SANITIZERS:
            self.skipTest("sanitizer builds keep freed memory in quarantine; RSS says nothing there")
        for i in range(1000):
            self.get(MIXED[i % len(MIXED)])
        pids = self.portal.fcgi_pids()
        self.assertEqual(len(pids), 1, "expected one portal process")
        before = rss_kib(pids[0])
        statuses = {}
        for i in range(9000):
            r = self.get(MIXED[i % len(MIXED)] + ("?n=%d" % i if i % 7 == 0 and "?" not in MIXED[i % len(MIXED)] else ""))
            statuses[r.status] = statuses.get(r.status, 0) + 1
        self.assertEqual(self.portal.fcgi_pids(), pids, "the process was replaced during the run")
        after = rss_kib(pids[0])
        self.assertEqual(set(statuses), {200, 400, 404}, statuses)
        # 9,000 more requests may not grow the process by more than 1 MiB
        # (allocator noise); a leak of even 120 bytes a request would.
        self.assertLess(after - before, 1024, "RSS grew from %d to %d KiB" % (before, after))

    def test_nothing_of_one_request_reaches_the_next(self):
        token = "LEAKCHECK7731"
        r = self.get("/?q=" + token)
        self.assertIn(token, r.text)
        r = self.get("/my", user="jdoe")   # signed in: the page names the user
        self.assertIn("jdoe", r.text)
        for path in ("/", "/handbook", "/nope"):
            r = self.get(path)
            self.assertNotIn(token, r.text)
            self.assertNotIn("Signed in as", r.text)
        r = self.get("/handbook/nope")
        self.assertNotIn("There is no such document", r.text)


VALGRIND_WRAPPER = """<Directory "@FCGIDIR@">
FcgidWrapper "/usr/bin/valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --log-file=@STATEDIR@/valgrind.%p.log @FCGIDIR@/portal" virtual
</Directory>
FcgidIOTimeout 120
FcgidProcessLifeTime 3600
"""


@unittest.skipIf(SANITIZERS, "valgrind and AddressSanitizer do not mix")
@unittest.skipUnless(os.path.exists("/usr/bin/valgrind"), "valgrind is not installed")
class UnderValgrind(unittest.TestCase):

    def test_portal_process_is_valgrind_clean(self):
        portal = Portal(fcgi_processes=1, extra_conf=VALGRIND_WRAPPER)
        try:
            portal.start()
            for i in range(300):
                r = portal.get(MIXED[i % len(MIXED)])
                self.assertIn(r.status, (200, 400, 404))
            self.assertIn(portal.get("/glossary").status, (200,))
            self.workflow(portal)
            # End the process ourselves and wait: valgrind writes its
            # summary at exit, which Apache's shutdown would cut short.
            pids = portal.fcgi_pids()
            self.assertTrue(pids)
            for pid in pids:
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 120
            while any(os.path.exists("/proc/%d" % p) for p in pids) and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            portal.stop()
        logs = [f for f in os.listdir(portal.server.statedir) if f.startswith("valgrind.")]
        try:
            self.assertTrue(logs, "valgrind wrote no log")
            for name in logs:
                with open(os.path.join(portal.server.statedir, name)) as f:
                    text = f.read()
                # The summary is written when the process exits normally
                # (SIGTERM from mod_fcgid at shutdown ends the accept loop).
                self.assertIn("ERROR SUMMARY: 0 errors", text, name + ":\n" + text[-3000:])
                self.assertNotRegex(text, r"definitely lost: [1-9]|indirectly lost: [1-9]", text[-3000:])
        finally:
            portal.cleanup()

    def workflow(self, portal):
        """The write paths under valgrind too: errors in one round, filing
        (receipt and notice), approval with a note, a second approval
        (409), a denial with its next step, the request PDF and the
        wizards' PDFs."""
        leave = {"leave_type": "annual", "start_date": "2027-06-14", "end_date": "2027-06-15", "hours": "15"}
        rids = []
        for _ in range(2):
            page = portal.get("/forms/leave/new", user="jdoe")
            self.assertEqual(page.status, 200)
            fields = form_posting_to(page.text, "/forms/leave")
            bad = dict(fields, start_date="2027-06-15", end_date="2027-06-14", hours="x", action="review")
            self.assertEqual(portal.post("/forms/leave", bad, user="jdoe").status, 422)
            r = portal.post("/forms/leave", dict(fields, action="review", **leave), user="jdoe")
            self.assertEqual(r.status, 303, r.text[:500])
            rid = request_id_from(r.header("location"))
            review = portal.get("/requests/%d/review" % rid, user="jdoe")
            sub = dict(form_posting_to(review.text, "/requests/%d/submit" % rid), signature="Jane Doe")
            self.assertEqual(portal.post("/requests/%d/submit" % rid, sub, user="jdoe").status, 303)
            rids.append(rid)
        for rid, action in zip(rids, ("approve", "deny")):
            page = portal.get("/requests/%d" % rid, user="msmith")
            fields = dict(form_posting_to(page.text, "/requests/%d/%s" % (rid, action)), note="Noted.")
            self.assertEqual(portal.post("/requests/%d/%s" % (rid, action), fields, user="msmith").status, 303)
            self.assertEqual(portal.post("/requests/%d/%s" % (rid, action), fields, user="msmith").status, 409)
            self.assertEqual(portal.get("/requests/%d/pdf" % rid, user="jdoe").status, 200)
        for path in ("/forms/wizard/return-rights/pdf?event=laid_off&had_status=1",
                     "/forms/wizard/fmla/pdf?service_months=6&hours=100",
                     "/wizards/fmla/result?service_months=6&hours=100"):
            self.assertEqual(portal.get(path, user="jdoe").status, 200, path)


if __name__ == "__main__":
    main()
