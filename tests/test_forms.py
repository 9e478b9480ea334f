"""The forms and their workflow through the real Apache + mod_fcgid portal:
every form filed as jdoe with the email rows it queues (addressed to the
right person, with a working link, carrying no private text), approvals and
denials, who may see and act on what (every role against every other's
requests), bad input of every kind, double submits, drafts, the wizard's
result carried by an FMLA request, grievance deadlines on a moving clock,
the leave-sharing ledger, and the PDF documents (read back with
pdftotext)."""
import calendar
import hashlib
import hmac
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

from formsclient import CLOCK, FormsTestCase, form_posting_to, forms_in, link_path, request_id_from
from harness import main

LEAVE = {"leave_type": "annual", "start_date": "2027-01-11", "end_date": "2027-01-12", "hours": "15"}
FMLA = {"start_date": "2027-03-01", "end_date": "2027-04-01", "schedule": "continuous", "reason": "own_health",
        "service_months": "24", "hours": "1300", "paid_leave": "concurrent"}
SICK_SHARING = {"employer": "18a", "active": "1", "condition_of": "self", "certified": "1",
                "consecutive_days": "15", "paid_leave_exhausted": "1", "complied": "1",
                "hours_requested": "40", "week_hours": "37.5", "start_date": "2027-01-04"}
ANNUAL_SHARING = {"employer": "18a", "active": "1", "loss": "fire", "event_date": "2027-01-01",
                  "consecutive_days": "12", "paid_leave_exhausted": "1", "complied": "1",
                  "hours_requested": "120", "week_hours": "40", "start_date": "2027-01-04"}
GRIEVANCE = {"job_classification": "Administrative Specialist II", "occurred_on": "2026-12-28",
             "subject_is_supervisor": "0",
             "statement": "PRIVATE-GRIEVANCE-TEXT: the overtime roster skipped me on 2026-12-28.",
             "remedy": "Put me back on the roster."}
OUTSIDE = {"job_title": "Analyst", "employer_name": "Frankfort Hardware", "employer_address": "1 Main St, Frankfort",
           "business_type": "Retail", "relationship": "None", "separation": "My agency does not regulate retail.",
           "description": "Saturdays 9 to 5", "term_from": "2027-02-01", "not_involved": "1"}
APPEAL = {"last_name": "Doe", "first_name": "Jane", "home_street": "12 Elm St", "home_city": "Frankfort",
          "home_state": "KY", "home_zip": "40601", "agency": "Personnel Cabinet", "appellant_status": "classified",
          "attorney": "0", "action_suspension": "1",
          "statement": "PRIVATE-APPEAL-TEXT: I was suspended for three days without cause.",
          "notice_date": "2026-12-30"}
CONFIDENTIALITY = {"division": "Employee Relations", "work_location": "Frankfort", "agree": "1"}
TOBACCO = {"agree": "1", "work_location": "Frankfort"}
DONATION = {"recipient_employee_id": "100101", "donate": "10", "balance": "120", "employer": "18a",
            "active": "1", "certify": "1"}


def epoch(iso):
    return calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))


class FormsAndMail(FormsTestCase):
    """Each form filed as jdoe; decisions; email rows; drafts; lists."""

    def assert_mail_to(self, rid, login, kind):
        rows = self.outbox(rid=rid, to=login, kind=kind)
        self.assertEqual(len(rows), 1, [dict(r) for r in self.outbox(rid=rid)])
        row = rows[0]
        # The link works for the addressee.
        path = link_path(row["body_text"], self.portal.url)
        self.assertEqual(path, "/requests/%d" % rid)
        self.assertIn('href="%s/requests/%d"' % (self.portal.url, rid), row["body_html"])
        page = self.get(path, user=login)
        self.assertEqual(page.status, 200, page.text[:300])
        self.assertIn("request %d" % rid, page.text)
        # The heading says the word once ("Leave request 12", not "Leave request request 12").
        self.assertNotRegex(page.text, r"(?i)request\W+request")
        self.assertRegex(page.text, r"<h1>[^<]*(request|, request) %d</h1>" % rid)
        return row

    def open_msmith_application(self, program="sick"):
        """msmith's leave sharing application, approved by dlee and kbrown."""
        key, data = ("sick-leave-sharing", SICK_SHARING) if program == "sick" else \
            ("annual-leave-sharing", ANNUAL_SHARING)
        existing = self.query("SELECT request_id FROM leave_sharing s JOIN users u ON u.id = s.recipient_id "
                              "WHERE u.login = 'msmith' AND s.program = ? AND s.state = 'open'", program)
        if existing:
            return existing[0]["request_id"]
        rid = self.file(key, data, user="msmith")
        self.act(rid, "approve", "dlee")
        self.act(rid, "approve", "kbrown", hours="")
        self.assertEqual(self.status(rid), "approved")
        return rid

    def test_leave_request_to_msmith_then_approved_for_jdoe(self):
        rid = self.file("leave", LEAVE)
        row = self.one("SELECT r.status, r.summary, a.login AS assignee FROM requests r "
                       "JOIN users a ON a.id = r.assignee_id WHERE r.id = ?", rid)
        self.assertEqual((row["status"], row["assignee"]), ("pending", "msmith"))
        self.assertEqual(row["summary"], "2027-01-11 to 2027-01-12, 15 hours")
        mail = self.assert_mail_to(rid, "msmith", "request_submitted")
        self.assertIn("Jane Doe", mail["subject"])
        self.assertIn("Jane Doe (employee ID 100234) submitted a Leave request", mail["body_text"])
        self.assertIn("Dates: 2027-01-11 to 2027-01-12, 15 hours", mail["body_text"])
        self.assertEqual(mail["state"], "pending")
        self.assertEqual(mail["to_name"], "Mark Smith")
        # msmith's inbox lists it; approving it tells jdoe.
        # jdoe has a receipt that says where the request went.
        receipt = self.assert_mail_to(rid, "jdoe", "request_received")
        self.assertEqual(receipt["subject"], "Received: your Leave request (request %d)" % rid)
        self.assertIn("The portal received your Leave request, signed and submitted. It is now with Mark Smith "
                      "for a decision.", receipt["body_text"])
        self.assertIn("It is now with Mark Smith for a decision.", receipt["body_html"])
        inbox = self.get("/inbox", user="msmith")
        self.assertPage(inbox, 200, 'href="/requests/%d"' % rid)
        # The approver is told the note goes to the employee by email.
        page = self.get("/requests/%d" % rid, user="msmith")
        self.assertPage(page, 200, "The email to Jane Doe includes this note.")
        stale = form_posting_to(page.text, "/requests/%d/approve" % rid)
        self.act(rid, "approve", "msmith", note="Enjoy the days off.")
        self.assertEqual(self.status(rid), "approved")
        decision = self.assert_mail_to(rid, "jdoe", "request_approved")
        self.assertIn("was approved by Mark Smith", decision["body_text"])
        self.assertIn("Note from Mark Smith:\nEnjoy the days off.", decision["body_text"])
        self.assertIn("<blockquote style=\"white-space: pre-wrap\">Enjoy the days off.</blockquote>",
                      decision["body_html"])
        # The same form sent again (a second click, a second tab) says what happened.
        twice = self.post("/requests/%d/approve" % rid, dict(stale, note="again"), user="msmith")
        self.assertPage(twice, 409, "Nothing was changed",
                        "You already approved this request on 2027-01-05 10:00 ET.")
        self.assertNotIn("Someone else", twice.text)
        self.assertEqual(len(self.outbox(rid=rid, kind="request_approved")), 1)
        history = self.query("SELECT e.action, u.login FROM request_events e LEFT JOIN users u ON u.id = e.actor_id "
                             "WHERE request_id = ? ORDER BY e.id", rid)
        self.assertEqual([(h["action"], h["login"]) for h in history],
                         [("created", "jdoe"), ("submitted", "jdoe"), ("approved", "msmith")])
        page = self.get("/requests/%d" % rid, user="jdoe")
        self.assertPage(page, 200, "Approved", "Enjoy the days off.", "Submitted and signed", "Mark Smith")
        # A second decision is refused and changes nothing.
        again = self.post("/requests/%d/deny" % rid, {"csrf": "x", "note": "no"}, user="msmith")
        self.assertEqual(again.status, 403)
        self.assertEqual(self.status(rid), "approved")

    def test_fmla_denied_with_reason_email_has_no_reason(self):
        rid = self.file("fmla", FMLA)
        self.assert_mail_to(rid, "msmith", "request_submitted")
        # A denial needs a reason: without one the page comes back with the message.
        r = self.act(rid, "deny", "msmith", expect=422, note="")
        self.assertIn("Give the reason for denying the request.", r.text)
        self.assertEqual(self.status(rid), "pending")
        self.act(rid, "deny", "msmith", note="SECRET-DENIAL-REASON: staffing.")
        self.assertEqual(self.status(rid), "denied")
        mail = self.assert_mail_to(rid, "jdoe", "request_denied")
        for row in self.outbox(rid=rid):
            for part in (row["subject"], row["body_text"], row["body_html"]):
                self.assertNotIn("SECRET-DENIAL-REASON", part)
                self.assertNotIn("own_health", part)
                self.assertNotIn("serious health condition", part)
        self.assertIn("The reason is on the request in the portal.", mail["body_text"])
        # The next step and its last day (30 days after 2027-01-05), with the form's link.
        self.assertIn("What you can do next: if you disagree, you may file a grievance with your immediate "
                      "supervisor within 30 days, that is by 2027-02-04 (classified service; 101 KAR 1:375;",
                      mail["body_text"])
        self.assertIn("The grievance form:\n%s/forms/grievance\n" % self.portal.url, mail["body_text"])
        self.assertIn("by <strong>2027-02-04</strong>", mail["body_html"])
        # Subjects, which show on lock screens, do not say which form it was.
        for row in self.outbox(rid=rid):
            self.assertNotRegex(row["subject"], r"(?i)medical|fmla|family|health")
        self.assertEqual(mail["subject"], "Denied: your request (request %d)" % rid)
        self.assertIn("SECRET-DENIAL-REASON", self.get("/requests/%d" % rid, user="jdoe").text)

    def test_leave_denied_mail_has_reason_and_next_step(self):
        rid = self.file("leave", dict(LEAVE, start_date="2027-02-15", end_date="2027-02-15", hours="7.5"))
        page = self.get("/requests/%d" % rid, user="msmith")
        self.assertPage(page, 200, "The email to Jane Doe includes this reason and the next step they can take.")
        self.act(rid, "deny", "msmith", note="Two others are out that week <b>sorry</b>.")
        mail = self.assert_mail_to(rid, "jdoe", "request_denied")
        self.assertIn("was denied by Mark Smith.\n\nReason given:\nTwo others are out that week <b>sorry</b>.",
                      mail["body_text"])
        self.assertIn("Two others are out that week &lt;b&gt;sorry&lt;/b&gt;.", mail["body_html"])
        self.assertNotIn("The reason is on the request", mail["body_text"])
        self.assertIn("that is by 2027-02-04", mail["body_text"])
        # Deciding again, the other way, says who decided first and when.
        again = self.post("/requests/%d/approve" % rid,
                          form_posting_to(page.text, "/requests/%d/approve" % rid), user="msmith")
        self.assertPage(again, 409, "You already denied this request on 2027-01-05 10:00 ET.")
        self.assertEqual(self.status(rid), "denied")

    def test_grievance_goes_to_msmith_and_hr_without_its_text(self):
        rid = self.file("grievance", GRIEVANCE)
        row = self.one("SELECT status, step, due_on FROM requests WHERE id = ?", rid)
        self.assertEqual((row["status"], row["step"], row["due_on"]), ("pending", 1, "2027-01-20"))
        mail = self.assert_mail_to(rid, "msmith", "grievance_filed")
        self.assertIn("due by 2027-01-20", mail["body_text"])
        self.assert_mail_to(rid, "hradmin", "hr_notice")
        receipt = self.assert_mail_to(rid, "jdoe", "request_received")
        self.assertIn("It is now with Mark Smith, who is to answer by 2027-01-20.", receipt["body_text"])
        self.assertEqual(receipt["subject"], "Received: your request (request %d)" % rid)
        for row in self.outbox(rid=rid):
            for part in (row["subject"], row["body_text"], row["body_html"]):
                self.assertNotIn("PRIVATE-GRIEVANCE-TEXT", part)
                self.assertNotIn("roster", part)
        self.assertIn("PRIVATE-GRIEVANCE-TEXT", self.get("/requests/%d" % rid, user="msmith").text)

    def test_outside_employment_supervisor_then_appointing_authority(self):
        rid = self.file("outside-employment", OUTSIDE)
        self.assert_mail_to(rid, "msmith", "request_submitted")
        page = self.get("/requests/%d" % rid, user="msmith")
        self.act(rid, "approve", "msmith", note="Coordinated.")
        row = self.one("SELECT r.status, r.step, r.step_kind, a.login FROM requests r JOIN users a ON a.id = r.assignee_id "
                       "WHERE r.id = ?", rid)
        self.assertEqual(tuple(row), ("pending", 2, "appointing_authority", "kbrown"))
        self.assert_mail_to(rid, "kbrown", "request_submitted")
        self.assertEqual([m["kind"] for m in self.outbox(rid=rid, to="jdoe")], ["request_received"])
        # msmith's second click, now that it waits for kbrown: not "forbidden", but what happened.
        twice = self.post("/requests/%d/approve" % rid, form_posting_to(page.text, "/requests/%d/approve" % rid),
                          user="msmith")
        self.assertPage(twice, 409, "You already approved this request on 2027-01-05 10:00 ET; it now awaits "
                        "the next approver.")
        self.assertEqual(self.one("SELECT step FROM requests WHERE id = ?", rid)["step"], 2)
        self.act(rid, "approve", "kbrown")
        self.assertEqual(self.status(rid), "approved")
        self.assert_mail_to(rid, "jdoe", "request_approved")
        page = self.get("/requests/%d" % rid, user="jdoe")
        self.assertPage(page, 200, "Annual review due", "2028-01-05")

    def test_sharing_applications_route_to_msmith(self):
        for key, data in (("sick-leave-sharing", SICK_SHARING), ("annual-leave-sharing", ANNUAL_SHARING)):
            rid = self.file(key, data)
            self.assert_mail_to(rid, "msmith", "request_submitted")
            self.assertEqual(self.one("SELECT state FROM leave_sharing WHERE request_id = ?", rid)["state"], "applied")

    def test_donations_route_to_msmith(self):
        app = self.open_msmith_application("sick")
        rid = self.file("sick-leave-donation", DONATION)
        self.assert_mail_to(rid, "msmith", "request_submitted")
        d = self.one("SELECT application_id, hours_ch FROM leave_donations WHERE request_id = ?", rid)
        self.assertEqual((d["application_id"], d["hours_ch"]), (app, 1000))
        self.open_msmith_application("annual")
        rid = self.file("annual-leave-donation", dict(DONATION, donate="8"))
        self.assert_mail_to(rid, "msmith", "request_submitted")

    def test_board_appeal_is_filed_and_hr_told(self):
        rid = self.file("board-appeal", APPEAL)
        self.assertEqual(self.status(rid), "filed")
        self.assert_mail_to(rid, "hradmin", "hr_notice")
        self.assertEqual(self.outbox(rid=rid, to="msmith"), [])
        receipt = self.assert_mail_to(rid, "jdoe", "request_received")
        self.assertIn("the appeal counts only when the Kentucky Personnel Board receives it: print the form from "
                      "the request page, sign it, and mail or deliver it", receipt["body_text"])
        for row in self.outbox(rid=rid):
            self.assertNotIn("PRIVATE-APPEAL-TEXT", row["body_text"] + row["body_html"])
        # msmith was never sent it: he cannot see it.
        self.assertEqual(self.get("/requests/%d" % rid, user="msmith").status, 403)
        pdf = self.pdf_text(rid, "jdoe")
        for text in ("Commonwealth of Kentucky", "Kentucky Personnel Board Appeal Form", "Suspension",
                     "KENTUCKY PERSONNEL BOARD", "28 FOUNTAIN PLACE", "PRIVATE-APPEAL-TEXT",
                     "Attorney's signature (if any)"):
            self.assertIn(text, pdf)
        self.assertNotIn("SOC. SEC", pdf.upper())
        self.assertNotIn("SOCIAL SECURITY", pdf.upper())

    def test_policy_acknowledgements_are_signed_and_timestamped(self):
        for key, data, title in (("confidentiality-agreement", CONFIDENTIALITY, "Acceptable Use Agreement"),
                                 ("tobacco-free", TOBACCO, "Tobacco-Free Policy Acknowledgement")):
            rid = self.file(key, data)
            self.assertEqual(self.status(rid), "acknowledged")
            sig = self.one("SELECT typed_name, signed_at FROM signatures WHERE request_id = ?", rid)
            self.assertEqual((sig["typed_name"], sig["signed_at"]), ("Jane Doe", CLOCK))
            self.assertEqual(self.outbox(rid=rid), [])
            pdf = self.pdf_text(rid, "jdoe")
            self.assertIn(title, pdf)
            self.assertIn("Jane Doe", pdf)
            self.assertIn("2027-01-05 10:00 ET", pdf)
            if key == "confidentiality-agreement":
                self.assertIn("Supervisor Mark Smith", pdf)   # prefilled from the reporting line

    def pdf_text(self, rid, user):
        r = self.get("/requests/%d/pdf" % rid, user=user)
        self.assertEqual(r.status, 200, r.text[:300])
        self.assertEqual(r.header("content-type"), "application/pdf")
        self.assertTrue(r.raw.startswith(b"%PDF-"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(r.raw)
            f.flush()
            out = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True, check=True)
        # Words as they read, whatever the line breaks of the layout.
        return " ".join(out.stdout.decode("utf-8", "replace").split())

    def test_pdf_mirrors_the_request(self):
        rid = self.file("leave", dict(LEAVE, start_date="2027-02-01", end_date="2027-02-01", hours="7.5"))
        self.act(rid, "approve", "msmith", note="OK")
        pdf = self.pdf_text(rid, "jdoe")
        for text in ("Commonwealth of Kentucky", "Personnel Cabinet", "Request for Leave", "Request %d" % rid,
                     "Jane Doe", "100234", "Type of leave", "Annual (vacation) leave", "First day", "2027-02-01",
                     "Total hours", "7.5", "History", "Submitted and signed", "Approved", "Mark Smith",
                     "Signature of Jane Doe (typed)", "Approved by Mark Smith", "Page 1 of"):
            self.assertIn(text, pdf)
        # Fields that do not apply to annual leave are not printed as empty rows,
        # nor the heading of their section.
        self.assertNotIn("Relationship to the person who died", pdf)
        self.assertNotIn("Only for some types of leave", pdf)
        self.assertNotIn("Date of the weather absence", pdf)
        # The print view says the same in HTML.
        pv = self.get("/requests/%d/print" % rid, user="jdoe")
        self.assertPage(pv, 200, 'class="print-view"', "Annual (vacation) leave", "Submitted and signed")
        self.assertNotIn("/approve", pv.text)

    def test_email_escaping_html_part_only(self):
        self.add_user("rtables", "100777", 'Robert "<script>alert(1)</script>" Tables')
        rid = self.file("leave", LEAVE, user="rtables", name='Robert "<script>alert(1)</script>" Tables')
        mail = self.outbox(rid=rid, to="msmith", kind="request_submitted")[0]
        self.assertIn('Robert "<script>alert(1)</script>" Tables', mail["body_text"])
        self.assertNotIn("<script>", mail["body_html"])
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", mail["body_html"])
        page = self.get("/requests/%d" % rid, user="msmith")
        self.assertNotIn("<script>alert(1)", page.text)

    def test_withdraw_tells_the_supervisor_and_stops_decisions(self):
        rid = self.file("leave", dict(LEAVE, start_date="2027-03-01", end_date="2027-03-01", hours="7.5"))
        self.act(rid, "withdraw", "jdoe")
        self.assertEqual(self.status(rid), "withdrawn")
        self.assert_mail_to(rid, "msmith", "request_withdrawn")
        page = self.get("/requests/%d" % rid, user="msmith")
        self.assertNotIn("/requests/%d/approve" % rid, page.text)

    def test_drafts_are_kept_and_private(self):
        r, data = self.send_form("grievance", {"job_classification": "Analyst",
                                               "statement": "Draft statement <b>bold</b>"}, "jdoe", action="save")
        self.assertEqual(r.status, 303)
        rid = request_id_from(r.header("location"))
        self.assertEqual(r.header("location"), "/requests/%d/edit?saved=1" % rid)
        self.assertEqual(self.status(rid), "draft")
        self.assertEqual(self.outbox(rid=rid), [])
        back = self.get("/requests/%d/edit?saved=1" % rid, user="jdoe")
        self.assertPage(back, 200, "Your draft is saved", 'value="Analyst"', "Draft statement &lt;b&gt;bold&lt;/b&gt;")
        # Saving again with the same form key changes the same draft.
        again = self.post("/forms/grievance", dict(data, job_classification="Analyst III"), user="jdoe")
        self.assertEqual(again.header("location"), "/requests/%d/edit?saved=1" % rid)
        self.assertEqual(self.one("SELECT value FROM request_fields WHERE request_id = ? AND name = "
                                  "'job_classification'", rid)["value"], "Analyst III")
        # Listed for jdoe, hidden from everyone else, HR included.
        self.assertIn("/requests/%d/edit" % rid, self.get("/forms", user="jdoe").text)
        for other in ("msmith", "hradmin", "dlee"):
            self.assertEqual(self.get("/requests/%d" % rid, user=other).status, 403, other)
        self.assertNotIn('href="/requests/%d"' % rid, self.get("/requests", user="hradmin").text)
        # An incomplete draft cannot be submitted: the review says what is missing.
        review = self.get("/requests/%d/review" % rid, user="jdoe")
        self.assertPage(review, 200, "This form cannot be submitted yet", "This field is required.")
        self.assertNotIn('action="/requests/%d/submit"' % rid, review.text)

    def test_lists_mine_inbox_hr_filters(self):
        rid = self.file("leave", dict(LEAVE, start_date="2027-04-05", end_date="2027-04-05", hours="7.5"))
        self.assertIn('href="/requests/%d"' % rid, self.get("/my/requests", user="jdoe").text)
        self.assertNotIn('href="/requests/%d"' % rid, self.get("/my/requests", user="msmith").text)
        self.assertIn('href="/requests/%d"' % rid, self.get("/inbox", user="msmith").text)
        self.assertNotIn('href="/requests/%d"' % rid, self.get("/inbox", user="dlee").text)
        hr = self.get("/requests?agency=Personnel+Cabinet&type=leave&status=pending", user="hradmin")
        self.assertPage(hr, 200, 'href="/requests/%d"' % rid, "match")
        self.assertNotIn('href="/requests/%d"' % rid,
                         self.get("/requests?type=grievance", user="hradmin").text)
        self.assertNotIn('href="/requests/%d"' % rid,
                         self.get("/requests?agency=Another+Agency", user="hradmin").text)
        self.assertEqual(self.get("/requests?type=nonsense", user="hradmin").status, 400)
        self.assertEqual(self.get("/requests?status=%3Cscript%3E", user="hradmin").status, 400)
        for bad in ("0", "-3", "abc", "1e9", "%3Cscript%3E", "99999999999999999999"):
            self.assertPage(self.get("/requests?before=" + bad, user="hradmin"), 400, "The page is not valid.")
        self.assertEqual(self.get("/requests", user="jdoe").status, 403)
        self.assertEqual(self.get("/requests", user="msmith").status, 403)
        self.assertEqual(self.get("/inbox", user="jdoe").status, 403)

    def test_hr_list_pages_older_by_id(self):
        """HR's list pages by id: "Older requests" starts below the page's
        last row, keeps the filters, and the pages never repeat a row."""
        rid = self.file("leave", dict(LEAVE, start_date="2027-04-12", end_date="2027-04-12", hours="7.5"))
        with self.portal.db() as con:
            # 150 more of the same, as years of filings leave them.
            con.executemany(
                "INSERT INTO requests(type, owner_id, idem_key, status, agency, summary, created_at, updated_at, "
                "submitted_at) SELECT type, owner_id, printf('paging-test-key-%08d', ?), status, agency, summary, "
                "created_at, updated_at, submitted_at FROM requests WHERE id = ?", [(i, rid) for i in range(150)])
        newest = self.one("SELECT max(id) AS m FROM requests")["m"]
        first = self.get("/requests?type=leave&status=pending", user="hradmin")
        self.assertPage(first, 200, "request(s) match", 'href="/requests/%d"' % newest)
        self.assertNotIn('rel="first"', first.text)
        ids = [int(i) for i in re.findall(r'href="/requests/(\d+)"', first.text)]
        self.assertEqual(len(ids), 100)
        self.assertEqual(ids, sorted(ids, reverse=True))
        link = re.search(r'rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
        self.assertIn("type=leave", link)
        self.assertIn("status=pending", link)
        self.assertIn("before=%d" % ids[-1], link)
        second = self.get(link, user="hradmin")
        self.assertPage(second, 200, 'rel="first"', "Newest requests")
        more = [int(i) for i in re.findall(r'href="/requests/(\d+)"', second.text)]
        self.assertTrue(more and max(more) < ids[-1], more[:3])
        self.assertIn(rid, ids + more)
        self.assertNotIn('rel="next"', second.text)
        total = self.one("SELECT count(*) AS n FROM requests WHERE type = 'leave' AND status = 'pending'")["n"]
        self.assertEqual(len(ids) + len(more), total)

    def test_wizard_result_travels_with_fmla_and_is_rechecked(self):
        query = "service_months=24&hours=1300&reason=own_health&weeks_used=2"
        page, hidden = self.blank_form("fmla", "jdoe", query=query)
        self.assertIn('name="service_months" value="24"', page.text)
        self.assertEqual(hidden.get("wiz_hours"), "1300")
        self.assertIn("starts from your answers in the wizard", page.text)
        # The employee then corrects hours on the form: the rule's answer changes.
        r, _ = self.send_form("fmla", dict(FMLA, hours="1000", weeks_used="2"), "jdoe", query=query)
        self.assertEqual(r.status, 303, r.text[:2000])
        rid = request_id_from(r.header("location"))
        wiz = self.one("SELECT wizard, evaluated_on, eligible, answers, result, citations FROM wizard_results "
                       "WHERE request_id = ?", rid)
        self.assertEqual((wiz["wizard"], wiz["evaluated_on"], wiz["eligible"]), ("fmla", "2027-01-05", 1))
        self.assertIn('"hours":"1300"', wiz["answers"])
        self.assertIn('"eligible":true', wiz["result"])
        self.assertIn("101 KAR 2:102", wiz["citations"])
        review = self.get("/requests/%d/review" % rid, user="jdoe")
        self.assertIn("does not qualify as family and medical leave", review.text)
        s = self.submit_draft(rid, "jdoe", "Jane Doe")
        self.assertEqual(s.status, 303)
        sup = self.get("/requests/%d" % rid, user="msmith")
        self.assertPage(sup, 200, "The wizard's result", "Run on 2027-01-05", "checked again today",
                        "Changed since the wizard was run", "eligible then, not eligible now",
                        'href="/handbook/family-and-medical-leave-act-fmla"')
        pdf = self.pdf_text(rid, "msmith")
        self.assertIn("Wizard result carried by this request", pdf)
        self.assertIn("checked again", pdf)
        # Started from the wizard and unchanged: no change shown.
        r, _ = self.send_form("fmla", dict(FMLA, weeks_used="2"), "jdoe", query=query)
        rid2 = request_id_from(r.header("location"))
        self.submit_draft(rid2, "jdoe", "Jane Doe")
        self.assertIn("No change since the wizard was run", self.get("/requests/%d" % rid2, user="msmith").text)

    def test_pages_are_valid_html5(self):
        if shutil.which("tidy") is None:
            self.skipTest("tidy is not installed (Debian package tidy)")
        rid = self.file("grievance", GRIEVANCE)
        app = self.open_msmith_application("sick")
        r, _ = self.send_form("leave", LEAVE, "jdoe", action="save")
        draft = request_id_from(r.header("location"))
        bad, _ = self.send_form("leave", dict(LEAVE, hours="abc"), "jdoe")
        pages = [("jdoe", "/forms"), ("jdoe", "/my/requests"), ("msmith", "/inbox"), ("hradmin", "/requests"),
                 ("jdoe", "/requests/%d" % rid), ("msmith", "/requests/%d" % rid), ("jdoe", "/requests/%d/print" % rid),
                 ("msmith", "/requests/%d" % app), ("jdoe", "/requests/%d/edit" % draft),
                 ("jdoe", "/requests/%d/review" % draft), ("jdoe", "/forms/fmla/new?service_months=24&hours=1300")]
        pages += [("jdoe", "/forms/%s/new" % key) for key in ("leave", "fmla", "sick-leave-sharing", "sick-leave-donation",
                  "annual-leave-sharing", "annual-leave-donation", "grievance", "outside-employment", "board-appeal",
                  "confidentiality-agreement", "tobacco-free")]
        bodies = [(user + " " + path, self.get(path, user=user).raw) for user, path in pages] + [("422 form", bad.raw)]
        for name, body in bodies:
            out = subprocess.run(["tidy", "-q", "-e", "-utf8"], input=body, capture_output=True)
            # Debian 12's tidy predates the HTML attribute inputmode.
            problems = [line for line in out.stderr.decode().splitlines()
                        if line.strip() and "aria-current" not in line and '"inputmode"' not in line]
            self.assertLess(out.returncode, 2, name)
            self.assertEqual(problems, [], name)

    def test_wizard_result_as_a_document(self):
        r = self.get("/forms/wizard/fmla/pdf?service_months=24&hours=1300&reason=own_health", user="jdoe")
        self.assertEqual((r.status, r.header("content-type")), (200, "application/pdf"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(r.raw)
            f.flush()
            text = " ".join(subprocess.run(["pdftotext", f.name, "-"], capture_output=True, check=True)
                            .stdout.decode().split())
        for want in ("Commonwealth of Kentucky", "Family and Medical Leave: What the Handbook's Rules Say",
                     "Checked 2027-01-05 for Jane Doe", "service_months 24", "Outcome Eligible",
                     "101 KAR 2:102", "/forms/fmla/new"):
            self.assertIn(want, text)
        q = "role=donor&program=sick&employer=18a&active=1&balance=80&donate=10&week_hours=37.5"
        r = self.get("/forms/wizard/leave-sharing/pdf?" + q, user="jdoe")
        self.assertEqual(r.status, 200)
        self.assertEqual(self.get("/forms/wizard/fmla/pdf?service_months=-1&hours=1&reason=birth", user="jdoe").status, 400)
        self.assertEqual(self.get("/forms/wizard/leave-sharing/pdf?role=x", user="jdoe").status, 400)
        self.assertEqual(self.get("/forms/wizard/nonsense/pdf", user="jdoe").status, 404)

    def test_wizard_parameters_with_bad_values_show_messages(self):
        page, _ = self.blank_form("fmla", "jdoe", query="service_months=-1&hours=abc&reason=unknown")
        self.assertIn("Enter a whole number from 0 to 1200.", page.text)
        self.assertIn("Enter a number from 0 to 8784", page.text)
        self.assertIn("Choose one of the options.", page.text)


class MailEndToEnd(FormsTestCase):
    """With the real mailer and a real SMTP server (STARTTLS and AUTH) on
    loopback: the supervisor's email arrives with a working link, and so
    does the employee's decision email."""

    portal_options = {"mail": True}

    def test_submission_and_decision_mails_arrive(self):
        rid = self.file("leave", LEAVE)
        msg = self.portal.wait_for_mail("msmith@example.ky.gov", where=lambda m: "Jane Doe" in m["msg"]["Subject"])[0]
        self.assertTrue(msg["meta"]["tls"])
        body = self.portal.mail_text(msg)
        path = link_path(body, self.portal.url)
        self.assertEqual(path, "/requests/%d" % rid)
        page = self.get(path, user="msmith")
        self.assertPage(page, 200, "Leave request", "Jane Doe", "/requests/%d/approve" % rid)
        self.act(rid, "approve", "msmith")
        receipt = self.portal.wait_for_mail("jdoe@example.ky.gov", where=lambda m: m["msg"]["Subject"].startswith("Received"))[0]
        self.assertIn("It is now with Mark Smith for a decision.", self.portal.mail_text(receipt))
        decision = self.portal.wait_for_mail("jdoe@example.ky.gov", where=lambda m: m["msg"]["Subject"].startswith("Approved"))[0]
        self.assertIn("Approved: your Leave request", decision["msg"]["Subject"])
        self.assertIn("/requests/%d" % rid, self.portal.mail_text(decision))
        html = decision["msg"].get_body(("html",)).get_content()
        self.assertIn('href="%s/requests/%d"' % (self.portal.url, rid), html)
        # The mailer marks each message sent after the relay's answer: poll.
        deadline = time.monotonic() + 20
        while self.one("SELECT count(*) AS n FROM outbox WHERE request_id = ? AND state = 'sent'", rid)["n"] < 3:
            self.assertLess(time.monotonic(), deadline, "the outbox rows were not marked sent")
            time.sleep(0.05)


class AccessControl(FormsTestCase):
    """Every role against every other's requests; unknown users; CSRF."""

    OWNERS = {"jdoe": "msmith", "msmith": "dlee", "dlee": "kbrown", "kbrown": "hradmin", "hradmin": "kbrown"}
    USERS = ("jdoe", "msmith", "dlee", "kbrown", "hradmin")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rids = {}

    def setUp(self):
        if not self.rids:
            for owner in self.OWNERS:
                self.rids[owner] = self.file("leave", LEAVE, user=owner)

    def token(self, user, action, now=CLOCK):
        secret = self.one("SELECT value FROM app_secrets WHERE name = 'csrf'")["value"]
        window = epoch(now) // 3600
        msg = b"hrportal-csrf-v1\0" + user.encode() + b"\0" + action.encode() + b"\0" + str(window).encode()
        return "%d.%s" % (window, hmac.new(secret, msg, hashlib.sha256).hexdigest())

    def test_routing_of_each_owner(self):
        for owner, approver in self.OWNERS.items():
            row = self.one("SELECT a.login FROM requests r JOIN users a ON a.id = r.assignee_id WHERE r.id = ?",
                           self.rids[owner])
            self.assertEqual(row["login"], approver, owner)

    def test_every_role_against_every_request(self):
        for owner, approver in self.OWNERS.items():
            rid = self.rids[owner]
            for user in self.USERS:
                allowed = user in (owner, approver, "hradmin")
                for suffix in ("", "/print", "/pdf"):
                    r = self.get("/requests/%d%s" % (rid, suffix), user=user)
                    self.assertEqual(r.status, 200 if allowed else 403, (owner, user, suffix))
                    if not allowed:
                        self.assertIn("belongs to someone else", r.text)
                        self.assertNotIn("Jane Doe", r.text if owner == "jdoe" else "")

    def test_actions_need_the_right_person_even_with_a_valid_token(self):
        for owner, approver in self.OWNERS.items():
            rid = self.rids[owner]
            for user in self.USERS:
                if user == approver:
                    continue
                for action in ("approve", "deny"):
                    path = "/requests/%d/%s" % (rid, action)
                    r = self.post(path, {"csrf": self.token(user, path), "note": "x"}, user=user)
                    self.assertEqual(r.status, 403, (owner, user, action))
                if user != owner:
                    path = "/requests/%d/withdraw" % rid
                    r = self.post(path, {"csrf": self.token(user, path)}, user=user)
                    self.assertEqual(r.status, 403, (owner, user, "withdraw"))
                    path = "/requests/%d/submit" % rid
                    r = self.post(path, {"csrf": self.token(user, path), "signature": "x"}, user=user)
                    self.assertEqual(r.status, 403, (owner, user, "submit"))
            self.assertEqual(self.status(rid), "pending")
        # Another user's draft: no edit, review or submit.
        r, _ = self.send_form("leave", LEAVE, "msmith", action="save")
        draft = request_id_from(r.header("location"))
        for user in ("jdoe", "hradmin", "dlee"):
            for suffix in ("", "/edit", "/review"):
                self.assertEqual(self.get("/requests/%d%s" % (draft, suffix), user=user).status, 403)
        path = "/requests/%d/submit" % draft
        r = self.post(path, {"csrf": self.token("jdoe", path), "signature": "Jane Doe"}, user="jdoe")
        self.assertEqual(r.status, 403)
        self.assertEqual(self.status(draft), "draft")

    def test_unknown_and_anonymous_users(self):
        self.add_login("ghost")
        for path in ("/forms", "/my/requests", "/requests/%d" % self.rids["jdoe"], "/forms/leave/new"):
            r = self.get(path, user="ghost")
            self.assertPage(r, 403, "not registered with the HR portal")
            r = self.get(path)
            # Without credentials: sent to /signin (the one place that challenges).
            self.assertEqual((r.status, r.header("location").replace(self.portal.url, "")),
                             (303, "/signin?return=" + path))
        r = self.post("/forms/leave", {"csrf": self.token("ghost", "/forms/leave"), "idem": "a" * 32,
                                       "action": "review"}, user="ghost")
        self.assertEqual(r.status, 403)
        self.assertEqual(self.get("/requests/999999", user="jdoe").status, 404)
        self.assertEqual(self.get("/requests/abc", user="jdoe").status, 404)
        self.assertEqual(self.get("/requests/0", user="jdoe").status, 404)
        self.assertEqual(self.get("/forms/nonsense/new", user="jdoe").status, 404)

    def test_csrf_missing_expired_foreign_and_cross_origin(self):
        before = self.count("requests"), self.count("outbox"), self.count("request_events")
        _, hidden = self.blank_form("leave", "jdoe")
        base = dict(LEAVE, idem=hidden["idem"], action="review")
        cases = [
            ("missing", dict(base), {}, CLOCK),
            ("garbage", dict(base, csrf="garbage"), {}, CLOCK),
            ("other user's", dict(base, csrf=self.token("msmith", "/forms/leave")), {}, CLOCK),
            ("other action's", dict(base, csrf=self.token("jdoe", "/forms/fmla")), {}, CLOCK),
            ("expired", dict(base, csrf=hidden["csrf"]), {}, "2027-01-05T23:30:00Z"),
            ("cross-origin", dict(base, csrf=hidden["csrf"]), {"Origin": "http://evil.example"}, CLOCK),
            ("cross-site fetch", dict(base, csrf=hidden["csrf"]), {"Sec-Fetch-Site": "cross-site"}, CLOCK),
        ]
        for name, fields, headers, now in cases:
            r = self.post("/forms/leave", fields, user="jdoe", now=now, headers=headers)
            self.assertEqual(r.status, 403, name)
            self.assertIn("Nothing was changed" if name in ("expired", "cross-origin", "cross-site fetch")
                          else "nothing was changed", r.text, name)
        self.assertEqual((self.count("requests"), self.count("outbox"), self.count("request_events")), before)
        # The same form from the portal itself goes through.
        ok = self.post("/forms/leave", dict(base, csrf=hidden["csrf"]), user="jdoe",
                       headers={"Origin": self.portal.url, "Sec-Fetch-Site": "same-origin"})
        self.assertEqual(ok.status, 303)
        # GET never changes anything, and a POST route does not answer GET.
        self.assertEqual(self.get("/requests/%d/approve" % self.rids["jdoe"], user="msmith").status, 405)


class BadInput(FormsTestCase):
    """Missing, oversized, mistyped, past and hostile input: a clear 4xx or the
    form again with the message next to the field, and nothing stored."""

    def snapshot(self):
        return tuple(self.count(t) for t in ("requests", "request_fields", "request_events", "outbox",
                                             "signatures", "leave_ledger"))

    def assert_form_again(self, r, field, message):
        self.assertEqual(r.status, 422, r.text[:2000])
        # The message sits next to its field, which is marked invalid.
        m = re.search(r'<p class="field-message" id="f-%s-error">([^<]*)</p>' % re.escape(field), r.text)
        self.assertIsNotNone(m, "no message next to %s" % field)
        self.assertIn(message, m.group(1))
        self.assertRegex(r.text, r'id="f-%s"[^>]*aria-invalid="true"|<fieldset id="f-%s"' % (field, field))

    def test_each_kind_of_bad_input(self):
        before = self.snapshot()
        cases = [
            ("leave", {"start_date": "2027-01-11", "end_date": "2027-01-11", "hours": "8"}, "leave_type", "Choose an answer."),
            ("leave", dict(LEAVE, hours="abc"), "hours", "Enter a number"),
            ("leave", dict(LEAVE, hours="8; DROP TABLE requests;--"), "hours", "Enter a number"),
            ("leave", dict(LEAVE, start_date="2027-02-30"), "start_date", "YYYY-MM-DD"),
            ("leave", dict(LEAVE, start_date="2026-12-01", end_date="2026-12-01"), "start_date", "in advance"),
            ("leave", dict(LEAVE, leave_type="voting", start_date="2027-11-02", end_date="2027-11-02", hours="5"),
             "hours", "four (4) hours"),
            ("leave", dict(LEAVE, leave_type="blood_donation", start_date="2027-01-12", end_date="2027-01-12", hours="4.5"),
             "hours", "four (4) hours"),
            ("leave", dict(LEAVE, leave_type="bereavement", relationship="parent", start_date="2027-01-04",
                           end_date="2027-01-12"), "end_date", "five (5) days"),
            ("leave", dict(LEAVE, leave_type="<script>"), "leave_type", "Choose one of the options."),
            ("grievance", dict(GRIEVANCE, statement="x" * 8001), "statement", "at most 8000 characters"),
            ("grievance", dict(GRIEVANCE, job_classification="a\nb"), "job_classification", "one line"),
            ("grievance", dict(GRIEVANCE, remedy="my SSN 123-45-6789"), "remedy", "Social Security"),
            ("grievance", dict(GRIEVANCE, occurred_on="2027-02-01"), "occurred_on", "future"),
            ("sick-leave-donation", dict(DONATION, recipient_employee_id="123-45-6789"), "recipient_employee_id",
             "Social Security"),
            ("sick-leave-donation", dict(DONATION, recipient_employee_id="100234"), "recipient_employee_id", "yourself"),
            ("sick-leave-donation", dict(DONATION, recipient_employee_id="999999"), "recipient_employee_id",
             "No approved sick"),
            ("board-appeal", dict(APPEAL, home_state="Kentucky"), "home_state", "two capital letters"),
            ("outside-employment", {k: v for k, v in OUTSIDE.items() if k != "not_involved"}, "not_involved",
             "Tick this box"),
            ("fmla", dict(FMLA, service_months="12.5"), "service_months", "whole number"),
            ("annual-leave-sharing", dict(ANNUAL_SHARING, hours_requested="250"), "hours_requested", "200"),
        ]
        for key, fields, field, message in cases:
            r, _ = self.send_form(key, fields, "jdoe")
            self.assert_form_again(r, field, message)
            self.assertEqual(self.snapshot(), before, (key, field))
        # Every error in one round: a missing type, a malformed number and
        # dates in the wrong order all show on the same page.
        r, _ = self.send_form("leave", {"start_date": "2027-01-12", "end_date": "2027-01-11", "hours": "abc"}, "jdoe")
        self.assert_form_again(r, "leave_type", "Choose an answer.")
        self.assert_form_again(r, "hours", "Enter a number")
        self.assert_form_again(r, "end_date", "The last day cannot be before the first day.")
        self.assertEqual(self.snapshot(), before)
        # Oversized bodies never reach the portal; a too-long field for a
        # draft is refused as well.
        r, _ = self.send_form("grievance", {"statement": "y" * 9000}, "jdoe", action="save")
        self.assert_form_again(r, "statement", "at most 8000")
        self.assertEqual(self.snapshot(), before)

    def test_malformed_requests_get_4xx(self):
        _, hidden = self.blank_form("leave", "jdoe")
        base = dict(LEAVE, csrf=hidden["csrf"], idem=hidden["idem"], action="review")
        before = self.snapshot()
        self.assertEqual(self.post("/forms/leave", dict(base, idem="short"), user="jdoe").status, 400)
        self.assertEqual(self.post("/forms/leave", dict(base, action="delete"), user="jdoe").status, 400)
        self.assertEqual(self.post("/forms/leave", dict(base, hours="\xff\xfe"), user="jdoe").status, 422)
        raw = self.portal.request("POST", "/forms/leave", body=b"hours=%ff%fe&csrf=" + hidden["csrf"].encode(),
                                  content_type="application/x-www-form-urlencoded", user="jdoe",
                                  headers=self.headers())
        self.assertEqual(raw.status, 400)
        big = self.portal.request("POST", "/forms/leave", body=b"x=" + b"a" * 70000,
                                  content_type="application/x-www-form-urlencoded", user="jdoe",
                                  headers=self.headers())
        self.assertEqual(big.status, 413)
        self.assertEqual(self.snapshot(), before)
        self.portal.assert_clean_log(self)

    def test_html_and_sql_in_every_text_field_are_kept_as_text(self):
        hostile = "<script>alert('x')</script> '; DROP TABLE requests; -- \" onmouseover=\"x"
        for key, data in (("grievance", GRIEVANCE), ("outside-employment", OUTSIDE), ("board-appeal", APPEAL),
                          ("confidentiality-agreement", CONFIDENTIALITY)):
            page, _ = self.blank_form(key, "jdoe")
            text_fields = re.findall(r'<(?:input|textarea) id="f-([a-z_]+)" name="\1"[^>]*?(?:type="text"|rows=)',
                                     page.text)
            self.assertTrue(text_fields, key)
            fields = dict(data)
            for name in text_fields:
                if name in ("home_state", "home_zip", "work_state", "work_zip"):
                    continue
                fields[name] = hostile[:120]
            rid = self.file(key, fields)
            stored = self.query("SELECT name, value FROM request_fields WHERE request_id = ? AND value = ?",
                                rid, hostile[:120])
            self.assertGreaterEqual(len(stored), 1, key)
            for user in ("jdoe", "hradmin"):
                page = self.get("/requests/%d" % rid, user=user)
                self.assertEqual(page.status, 200)
                self.assertNotIn("<script>alert", page.text)
                self.assertNotIn('" onmouseover="x', page.text)
                self.assertIn("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", page.text)
            self.assertGreater(self.count("requests"), 0)   # the table is still there

    def test_double_submit_makes_one_request(self):
        _, hidden = self.blank_form("leave", "jdoe")
        fields = dict(LEAVE, csrf=hidden["csrf"], idem=hidden["idem"], action="review", start_date="2027-05-03",
                      end_date="2027-05-03", hours="7.5")
        first = self.post("/forms/leave", fields, user="jdoe")
        second = self.post("/forms/leave", fields, user="jdoe")
        self.assertEqual(first.header("location"), second.header("location"))
        rid = request_id_from(first.header("location"))
        self.assertEqual(self.one("SELECT count(*) AS n FROM requests WHERE idem_key = ?", hidden["idem"])["n"], 1)
        review = self.get("/requests/%d/review" % rid, user="jdoe")
        sub = form_posting_to(review.text, "/requests/%d/submit" % rid)
        sub["signature"] = "Jane Doe"
        a = self.post("/requests/%d/submit" % rid, sub, user="jdoe")
        b = self.post("/requests/%d/submit" % rid, sub, user="jdoe")
        self.assertEqual((a.status, b.status), (303, 303))
        self.assertEqual(self.one("SELECT count(*) AS n FROM request_events WHERE request_id = ? AND action = "
                                  "'submitted'", rid)["n"], 1)
        self.assertEqual(sorted(m["kind"] for m in self.outbox(rid=rid)), ["request_received", "request_submitted"])
        self.assertEqual(len(self.query("SELECT id FROM signatures WHERE request_id = ?", rid)), 1)
        # The form sent yet again after submission leads to the request, not a new one.
        third = self.post("/forms/leave", fields, user="jdoe")
        self.assertEqual(third.header("location"), "/requests/%d" % rid)
        self.assertEqual(self.one("SELECT count(*) AS n FROM requests WHERE idem_key = ?", hidden["idem"])["n"], 1)

    def test_signature_must_be_the_signers_name(self):
        r, _ = self.send_form("tobacco-free", TOBACCO, "jdoe")
        rid = request_id_from(r.header("location"))
        review = self.get("/requests/%d/review" % rid, user="jdoe")
        sub = form_posting_to(review.text, "/requests/%d/submit" % rid)
        for typed, message in (("", "Sign by typing your full name."), ("Mark Smith", "does not match")):
            s = self.post("/requests/%d/submit" % rid, dict(sub, signature=typed), user="jdoe")
            self.assertEqual(s.status, 422)
            self.assertIn(message, s.text)
            self.assertEqual(self.status(rid), "draft")
        s = self.post("/requests/%d/submit" % rid, dict(sub, signature="jane doe"), user="jdoe")
        self.assertEqual(s.status, 303)
        self.assertEqual(self.status(rid), "acknowledged")


class Grievances(FormsTestCase):
    """Review levels and deadlines in workdays, on a moving clock."""

    def assignee(self, rid):
        return self.one("SELECT coalesce(a.login, '') AS login, r.step, r.status, coalesce(r.due_on, '') AS due "
                        "FROM requests r LEFT JOIN users a ON a.id = r.assignee_id WHERE r.id = ?", rid)

    def test_missed_deadlines_advance_level_by_level(self):
        rid = self.file("grievance", GRIEVANCE)
        self.assertEqual(tuple(self.assignee(rid)), ("msmith", 1, "pending", "2027-01-20"))
        # The last day (evening, Eastern time): nothing moves.
        self.assertEqual(self.get("/requests/%d" % rid, user="jdoe", now="2027-01-21T04:30:00Z").status, 200)
        self.assertEqual(tuple(self.assignee(rid)), ("msmith", 1, "pending", "2027-01-20"))
        # The next morning, opening the request moves it to dlee (5 workdays).
        page = self.get("/requests/%d" % rid, user="jdoe", now="2027-01-21T14:00:00Z")
        self.assertPage(page, 200, "advanced automatically to review level 2")
        self.assertEqual(tuple(self.assignee(rid)), ("dlee", 2, "pending", "2027-01-28"))
        mail = self.outbox(rid=rid, to="dlee", kind="grievance_escalated")
        self.assertEqual(len(mail), 1)
        self.assertIn("due by 2027-01-28", mail[0]["body_text"])
        ev = self.one("SELECT actor_id, step FROM request_events WHERE request_id = ? AND action = 'escalated'", rid)
        self.assertEqual((ev["actor_id"], ev["step"]), (None, 2))
        # msmith keeps seeing it; the command line moves it on at the next deadline.
        self.assertEqual(self.get("/requests/%d" % rid, user="msmith", now="2027-01-21T14:00:00Z").status, 200)
        out = self.admin("escalate", "--now", "2027-01-31T15:00:00Z")
        self.assertIn("1 deadline step(s) taken", out.stdout)
        self.assertEqual(tuple(self.assignee(rid)), ("kbrown", 3, "pending", "2027-02-26"))
        self.assertEqual(len(self.outbox(rid=rid, to="kbrown", kind="grievance_escalated")), 1)
        self.assertEqual(self.admin("escalate", "--now", "2027-01-31T15:00:00Z").stdout.strip(),
                         "escalate: 0 deadline step(s) taken")
        # The appointing authority's deadline passing is reported to HR, once.
        self.admin("escalate", "--now", "2027-03-01T15:00:00Z")
        self.assertEqual(len(self.outbox(rid=rid, to="hradmin", kind="grievance_overdue")), 1)
        self.admin("escalate", "--now", "2027-04-01T15:00:00Z")
        self.assertEqual(len(self.outbox(rid=rid, to="hradmin", kind="grievance_overdue")), 1)
        # kbrown still decides; the decision is final.
        self.act(rid, "deny", "kbrown", now="2027-03-02T15:00:00Z", note="Findings: the roster was correct.")
        self.assertEqual(self.status(rid), "denied")
        self.assertEqual(len(self.outbox(rid=rid, to="jdoe", kind="request_denied")), 1)
        pdf = FormsAndMail.pdf_text(self, rid, "hradmin")
        self.assertIn("Review levels (101 KAR 1:375)", pdf)
        self.assertIn("Appointing authority", pdf)

    def test_weeks_of_silence_pass_every_level_in_order(self):
        rid = self.file("grievance", dict(GRIEVANCE, occurred_on="2027-01-04"))
        self.get("/my/requests", user="jdoe", now="2027-06-01T15:00:00Z")
        row = self.assignee(rid)
        self.assertEqual((row["login"], row["step"], row["due"]), ("kbrown", 3, ""))
        notes = [r["note"] for r in self.query("SELECT note FROM request_events WHERE request_id = ? AND "
                                               "action = 'escalated' ORDER BY id", rid)]
        self.assertEqual(len(notes), 3)
        self.assertIn("deadline of 2027-01-20", notes[0])
        self.assertIn("deadline of 2027-01-28", notes[1])
        self.assertIn("appointing authority's deadline of 2027-02-26", notes[2])

    def test_second_line_when_the_supervisor_is_the_subject(self):
        rid = self.file("grievance", dict(GRIEVANCE, subject_is_supervisor="1"))
        row = self.one("SELECT a.login, r.step_kind FROM requests r JOIN users a ON a.id = r.assignee_id "
                       "WHERE r.id = ?", rid)
        self.assertEqual((row["login"], row["step_kind"]), ("dlee", "second_line"))
        self.assertEqual(len(self.outbox(rid=rid, to="dlee", kind="grievance_filed")), 1)
        self.assertEqual(self.outbox(rid=rid, to="msmith"), [])
        self.assertEqual(self.get("/requests/%d" % rid, user="msmith").status, 403)
        self.assertIn("Filed with the second-line supervisor", self.get("/requests/%d" % rid, user="dlee").text)

    def test_decision_appeal_and_grant(self):
        rid = self.file("grievance", GRIEVANCE)
        self.act(rid, "deny", "msmith", now="2027-01-07T15:00:00Z", note="Findings: roster rules were followed.")
        row = self.assignee(rid)
        self.assertEqual((row["status"], row["due"]), ("decided", "2027-01-14"))
        self.assertEqual(len(self.outbox(rid=rid, to="jdoe", kind="grievance_decided")), 1)
        self.act(rid, "appeal", "jdoe", now="2027-01-14T15:00:00Z")
        self.assertEqual(tuple(self.assignee(rid)), ("dlee", 2, "pending", "2027-01-22"))
        # Granting needs findings too.
        r = self.act(rid, "approve", "dlee", now="2027-01-15T15:00:00Z", expect=422, note="")
        self.assertIn("Write your findings", r.text)
        self.act(rid, "approve", "dlee", now="2027-01-15T15:00:00Z", note="Granted: back on the roster.")
        self.assertEqual(self.status(rid), "approved")

    def test_unappealed_decision_lapses_and_acceptance_closes(self):
        rid = self.file("grievance", GRIEVANCE)
        self.act(rid, "deny", "msmith", now="2027-01-07T15:00:00Z", note="Findings.")
        late = self.post("/requests/%d/appeal" % rid, {"csrf": "x"}, user="jdoe", now="2027-01-15T15:00:00Z")
        self.assertEqual(late.status, 403)   # the token is from another day, and the window is gone
        self.get("/requests/%d" % rid, user="jdoe", now="2027-01-15T15:00:00Z")
        self.assertEqual(self.status(rid), "closed")
        self.assertIn("the decision stands", self.one("SELECT note FROM request_events WHERE request_id = ? AND "
                                                      "action = 'closed'", rid)["note"])
        rid2 = self.file("grievance", GRIEVANCE)
        self.act(rid2, "deny", "msmith", note="Findings.")
        self.act(rid2, "accept", "jdoe")
        self.assertEqual(self.status(rid2), "closed")

    def test_thirty_day_window_warning(self):
        r, _ = self.send_form("grievance", dict(GRIEVANCE, occurred_on="2026-11-20"), "jdoe")
        rid = request_id_from(r.header("location"))
        review = self.get("/requests/%d/review" % rid, user="jdoe")
        self.assertIn("More than thirty (30) days have passed since 2026-11-20", review.text)
        self.assertIn('action="/requests/%d/submit"' % rid, review.text)   # a warning, not a refusal


class LeaveSharingLedger(FormsTestCase):
    """Donations transferred in order of receipt up to the certified need;
    unused hours restored newest first; balances from the ledger."""

    def balance(self, login, program="sick"):
        return self.one("SELECT coalesce(sum(hours_ch), 0) AS h FROM leave_ledger l JOIN users u ON u.id = l.user_id "
                        "WHERE u.login = ? AND l.program = ?", login, program)["h"]

    def test_transfers_in_order_capped_and_restored_in_reverse(self):
        self.add_user("rgreen", "100301", "Rita Green")
        self.add_user("tblue", "100302", "Tom Blue")
        app = self.file("sick-leave-sharing", SICK_SHARING, user="rgreen")
        self.act(app, "approve", "msmith")
        self.act(app, "approve", "kbrown", hours="30")
        self.assertEqual(self.one("SELECT state, certified_ch FROM leave_sharing WHERE request_id = ?", app)["certified_ch"],
                         3000)
        # More than certified cannot be asked for; 20 + 10 fills it.
        d1 = self.file("sick-leave-donation", dict(DONATION, recipient_employee_id="100301", donate="20"), user="jdoe")
        r, _ = self.send_form("sick-leave-donation", dict(DONATION, recipient_employee_id="100301", donate="12"),
                              "tblue")
        self.assertEqual(r.status, 422)
        self.assertIn("still needs 10 hours", r.text)
        d2 = self.file("sick-leave-donation", dict(DONATION, recipient_employee_id="100301", donate="10",
                                                   balance="90"), user="tblue")
        r, _ = self.send_form("sick-leave-donation", dict(DONATION, recipient_employee_id="100301", donate="8"), "dlee")
        self.assertIn("already met", r.text)
        # The later donation approved first waits for the earlier one.
        self.act(d2, "approve", "msmith")
        self.act(d2, "approve", "kbrown")
        self.assertEqual(self.status(d2), "approved")
        self.assertEqual(self.count("leave_ledger"), 0)
        self.act(d1, "approve", "msmith")
        self.act(d1, "approve", "kbrown")
        rows = self.query("SELECT u.login, l.hours_ch, l.entry, l.donation_id FROM leave_ledger l "
                          "JOIN users u ON u.id = l.user_id ORDER BY l.id")
        self.assertEqual([(r["login"], r["hours_ch"], r["donation_id"]) for r in rows],
                         [("jdoe", -2000, d1), ("rgreen", 2000, d1), ("tblue", -1000, d2), ("rgreen", 1000, d2)])
        self.assertEqual((self.balance("rgreen"), self.balance("jdoe"), self.balance("tblue")), (3000, -2000, -1000))
        page = self.get("/requests/%d" % app, user="rgreen")
        self.assertPage(page, 200, "Donations, in the order received", "Jane Doe", "Tom Blue")
        # Only HR or an approver records the return; a donor cannot.
        path = "/requests/%d/return-to-work" % app
        self.assertEqual(self.post(path, {"csrf": "x", "used_hours": "0"}, user="jdoe").status, 403)
        r = self.act(app, "return-to-work", "hradmin", expect=422, used_hours="31")
        self.assertIn("a number from 0 to 30", r.text)
        self.act(app, "return-to-work", "hradmin", used_hours="12")
        # 18 unused: the newest donation (tblue's 10) first, then 8 of jdoe's.
        self.assertEqual((self.balance("rgreen"), self.balance("jdoe"), self.balance("tblue")), (1200, -1200, 0))
        self.assertEqual(self.status(app), "closed")
        restored = self.query("SELECT d.request_id, d.restored_ch FROM leave_donations d ORDER BY d.received_seq")
        self.assertEqual([(r["request_id"], r["restored_ch"]) for r in restored], [(d1, 800), (d2, 1000)])
        for login, hours in (("tblue", "10"), ("jdoe", "8")):
            mail = self.outbox(to=login, kind="leave_restored")
            self.assertEqual(len(mail), 1, login)
            self.assertIn("%s hours of the leave you donated were returned" % hours, mail[0]["body_text"])
        pdf = FormsAndMail.pdf_text(self, app, "hradmin")
        self.assertIn("Donated leave (from the ledger)", pdf)
        # Closed: no more donations.
        r, _ = self.send_form("sick-leave-donation", dict(DONATION, recipient_employee_id="100301", donate="8"), "dlee")
        self.assertIn("No approved sick leave sharing application is open", r.text)


if __name__ == "__main__":
    main()
