"""The wizards and calculators over HTTP, through Apache and mod_fcgid: each
web wizard walked step by step like a browser without JavaScript (submitting
its GET forms, following the 303s, going back and changing answers), the
result pages (outcome, figures, reasons, citation links that resolve to the
handbook section listing that citation, the state/federal comparison,
"start a request" links, print view), the calculators and the iCalendar
download, the JSON API at every boundary the rules name, and bad input of
every kind: a clear message or a 400, never a 500."""
import html
import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import time
import unittest
import urllib.parse

import test_memory
from harness import SANITIZERS, Portal, PortalTestCase, main


class FormParser(html.parser.HTMLParser):
    """The first form with a given class: its action and its inputs."""

    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.action = None
        self.inputs = []       # (type, name, value, checked)
        self.errors = []       # (field name, message) from <p class="field-error" id="e-NAME">
        self._in_form = False
        self._done = False
        self._error_for = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self._done and self.form_class in (a.get("class") or "").split():
            self._in_form = True
            self.action = a.get("action")
        elif tag == "input" and self._in_form:
            self.inputs.append((a.get("type", "text"), a.get("name"), a.get("value", ""), "checked" in a))
        elif tag == "p" and self._in_form and a.get("class") == "field-error":
            self._error_for = a["id"][2:]
            self.errors.append([self._error_for, ""])

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
            self._done = True
        elif tag == "p":
            self._error_for = None

    def handle_data(self, data):
        if self._error_for is not None:
            self.errors[-1][1] += data


def parse_form(text, form_class="wizard-step"):
    p = FormParser(form_class)
    p.feed(text)
    return p


def links(text):
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', text)]


def pdf_words(raw):
    """A PDF's text as words (pdftotext), whatever the layout's line breaks."""
    out = subprocess.run(["pdftotext", "-", "-"], input=raw, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8", "replace").split())


def query_of(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)


class WizardTestCase(PortalTestCase):

    def follow(self, path, limit=5):
        """GET path, following 303s like a browser; returns (response, final path)."""
        for _ in range(limit):
            r = self.get(path)
            self.assertNotEqual(r.status, 500, path)
            if r.status != 303:
                return r, path
            path = r.header("Location")
            self.assertTrue(path.startswith("/wizards/"), path)
        self.fail("too many redirects from " + path)

    def submit(self, page, answers, form_class="wizard-step"):
        """Fill the step's form like a browser (hidden fields as they are,
        text boxes and radio buttons from answers or as prefilled) and send it."""
        form = parse_form(page.text, form_class)
        self.assertIsNotNone(form.action, page.text[:3000])
        fields, asked = [], set()
        for kind, name, value, checked in form.inputs:
            if kind == "hidden":
                fields.append((name, value))
            elif kind == "radio":
                asked.add(name)
                if name in answers:
                    if value == answers[name] and (name, value) not in fields:
                        fields.append((name, value))
                elif checked:
                    fields.append((name, value))
            elif kind == "text":
                asked.add(name)
                fields.append((name, answers.get(name, value)))
        unknown = set(answers) - asked
        self.assertFalse(unknown, "the step %s does not ask %s" % (form.action, unknown))
        return self.follow(form.action + "?" + urllib.parse.urlencode(fields))

    def step_title(self, page):
        m = re.search(r"<h2>Step (\d+): ([^<]+)</h2>", page.text)
        return m and (int(m.group(1)), html.unescape(m.group(2)))

    def assertStep(self, page, path, slug, title):
        self.assertEqual(page.status, 200, page.text[:3000])
        segments = urllib.parse.urlsplit(path).path.split("/")
        # The first step also answers at /wizards/<wizard>.
        self.assertTrue(segments[-1] == slug or (len(segments) == 3 and self.step_title(page)[0] == 1), path)
        self.assertEqual(self.step_title(page)[1], title)

    def result_parts(self, page):
        """Outcome, figures {label: value}, reasons, citations [(cite, url, section)], next links."""
        t = page.text
        outcome = html.unescape(re.search(r'<p class="outcome-text">(.*?)</p>', t).group(1))
        figures = {html.unescape(k): html.unescape(v)
                   for k, v in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>",
                                          (t.split('<dl class="figures"') + [""])[1].split("</dl>")[0])}
        reasons = [html.unescape(x) for x in re.findall(r"<li>(.*?)</li>",
                                                        t.split('<ol class="reasons">')[1].split("</ol>")[0])]
        cites = [(html.unescape(c), html.unescape(u), html.unescape(s)) for c, u, s in re.findall(
            r'<li><span class="cite">(.*?)</span>, in the handbook section\s*<a href="([^"]+)">(.*?)</a></li>', t)]
        nxt = [(html.unescape(u), html.unescape(x)) for u, x in re.findall(
            r'<li><a href="([^"]+)">(.*?)</a>', t.split('class="next-steps"')[1].split("</section>")[0])] \
            if 'class="next-steps"' in t else []
        return outcome, figures, reasons, cites, nxt

    def assertCitationsResolve(self, cites):
        """Each citation link is a 200 section page listing that citation
        under its legal references."""
        self.assertTrue(cites)
        for cite, url, section in cites:
            self.assertTrue(url.startswith("/handbook/"), url)
            page = self.get(url)
            self.assertEqual(page.status, 200, url)
            self.assertIn('<h1 id="section-title">%s</h1>' % html.escape(section, quote=True)
                          .replace("&#x27;", "&#39;"), page.text)
            refs = page.text.split('class="legal-references"', 1)
            self.assertEqual(len(refs), 2, "%s has no legal references" % url)
            self.assertIn(">%s</a>" % html.escape(cite, quote=False), refs[1].split("</section>")[0],
                          "%s does not list %s" % (url, cite))


class FmlaWizard(WizardTestCase):

    def test_walk_back_and_change_answers(self):
        page, path = self.follow("/wizards/fmla")
        self.assertStep(page, "/wizards/fmla/service", "service", "Your service")
        self.assertIn("Nothing is saved or sent", page.text)
        # Each question is explained.
        self.assertIn("the months do not have to be in a row", page.text)
        self.assertIn('<label for="f-service_months">How many months of state service do you have?</label>',
                      page.text)

        page, path = self.submit(page, {"service_months": "30", "hours": "1400"})
        self.assertStep(page, path, "reason", "The reason for leave")
        self.assertEqual(query_of(path), {"service_months": ["30"], "hours": ["1400"]})
        self.assertIn("Your answers so far", page.text)

        page, path = self.submit(page, {"reason": "family_care"})
        self.assertStep(page, path, "family", "Who the leave is for")
        self.assertIn("Who needs your care?", page.text)

        page, path = self.submit(page, {"relation": "child"})
        self.assertStep(page, path, "child", "Your son or daughter")

        page, path = self.submit(page, {"child_age": "20"})
        self.assertStep(page, path, "child-care", "Care your son or daughter needs")

        page, path = self.submit(page, {"child_incapable": "0"})
        self.assertStep(page, path, "household", "Your relationship")
        self.assertIn("lived with you for at least 30 days", page.text)

        # Back link: the previous step with its answer still chosen.
        back = re.search(r'<a class="back-link" href="([^"]+)">', page.text).group(1)
        prev = self.get(html.unescape(back))
        self.assertStep(prev, html.unescape(back), "child-care", "Care your son or daughter needs")
        self.assertRegex(prev.text, r'name="child_incapable" value="0" checked')

        # Neither lived with nor legally responsible: no side covers this,
        # so the wizard stops (weeks already used would change nothing).
        result, path = self.submit(page, {"lived_with_30_days": "0", "legally_responsible": "0"})
        self.assertTrue(path.startswith("/wizards/fmla/result?"), path)
        self.assertNotIn("weeks_used", query_of(path))
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "No: you are not eligible for family and medical leave for this request.")
        self.assertEqual(figures["Leave you are entitled to"], "None")
        self.assertIn("A son or daughter aged 18 or older is covered only if incapable of self-care", " ".join(reasons))
        # Reload gives the same page.
        self.assertEqual(self.get(path).text, result.text)

        # Change the household answer from the result page: the form comes
        # back prefilled, and everything after it is kept.
        change = [u for u in links(result.text) if u.startswith("/wizards/fmla/household?")][0]
        page = self.get(change)
        self.assertStep(page, change, "household", "Your relationship")
        self.assertRegex(page.text, r'name="lived_with_30_days" value="0" checked')
        page, path = self.submit(page, {"lived_with_30_days": "1"})
        self.assertStep(page, path, "usage", "Leave already used")
        asked = {name for kind, name, _, _ in parse_form(page.text).inputs if kind != "hidden"}
        self.assertEqual(asked, {"weeks_used"})    # the spouse question is for birth or placement
        result, path = self.submit(page, {"weeks_used": "2"})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "Yes: you are eligible for family and medical leave for this reason.")
        self.assertEqual(figures["Weeks remaining"], "10 weeks")
        self.assertEqual(figures["Who covers this reason"], "The state rules only (the federal FMLA alone would not)")
        self.assertIn("but the state rules cover a person of similarly close relationship who lived with you "
                      "for at least 30 days before you applied, which the federal FMLA does not.", " ".join(reasons))
        # Side by side with the federal FMLA.
        self.assertIn("The state's rules beside the federal FMLA", result.text)
        self.assertRegex(result.text, r'<tr class="differs"><th scope="row">Eligible for this leave '
                                      r'<strong class="badge">different</strong></th><td>Yes</td><td>No</td></tr>')
        self.assertIn("<td>10 weeks</td><td>0 weeks</td>", result.text)
        self.assertEqual([c[0] for c in cites], ["101 KAR 2:102, Section 3", "101 KAR 3:015, Section 3"])
        self.assertCitationsResolve(cites)
        # Start a request with the API's parameters.
        form_link = [u for u, _ in nxt if u.startswith("/forms/fmla/new?")][0]
        self.assertEqual(query_of(form_link), {
            "service_months": ["30"], "hours": ["1400"], "reason": ["family_care"], "relation": ["child"],
            "child_age": ["20"], "child_incapable": ["0"], "lived_with_30_days": ["1"],
            "legally_responsible": ["0"], "weeks_used": ["2"]})
        # The request form (forms branch) starts from these answers for a
        # signed-in employee; the answer is also a PDF document.
        form = self.get(form_link, user="jdoe")
        self.assertPage(form, 200, "starts from your answers in the wizard", 'name="service_months" value="30"')
        pdf_link = [u for u, _ in nxt if u.startswith("/forms/wizard/fmla/pdf?")][0]
        self.assertEqual(urllib.parse.urlsplit(pdf_link).query, urllib.parse.urlsplit(form_link).query)
        pdf = self.get(pdf_link, user="jdoe")
        self.assertEqual((pdf.status, pdf.header("Content-Type")), (200, "application/pdf"))
        # Without credentials: sent to sign in first, nothing shown.
        anon = self.get(pdf_link)
        self.assertEqual(anon.status, 303)
        self.assertTrue(anon.header("location").replace(self.portal.url, "").startswith("/signin?return=/forms/wizard/"),
                        anon.header("location"))
        api = json.loads(self.get("/api/wizards/fmla?" + urllib.parse.urlsplit(form_link).query).text)
        self.assertTrue(api["eligible"])
        self.assertEqual(api["remaining_weeks"], 10)
        self.assertEqual(api["reasons"], reasons)

        # Change the reason to the employee's own health: the family steps
        # are skipped and their stale answers never reach the rules.
        change = [u for u in links(result.text) if u.startswith("/wizards/fmla/reason?")][0]
        page = self.get(change)
        self.assertRegex(page.text, r'name="reason" value="family_care" checked')
        page, path = self.submit(page, {"reason": "own_health"})
        self.assertStep(page, path, "usage", "Leave already used")
        self.assertIn("relation=child", path)              # carried, in case it changes back
        result, path = self.submit(page, {})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertTrue(outcome.startswith("Yes"))
        self.assertEqual(figures["Who covers this reason"], "The state rules and the federal FMLA")
        form_link = [u for u, _ in nxt if u.startswith("/forms/fmla/new?")][0]
        self.assertNotIn("relation", query_of(form_link))
        self.assertNotIn("Who needs your care?", result.text)

    def test_servicemember_and_bonding_and_federal_hours(self):
        r, _ = self.follow("/wizards/fmla/result?service_months=12&hours=1250&reason=servicemember_care"
                           "&relation=next_of_kin&weeks_used=6")
        outcome, figures, reasons, cites, nxt = self.result_parts(r)
        self.assertEqual(figures["Leave you are entitled to"], "26 workweeks in a single 12-month period")
        self.assertEqual(figures["Weeks remaining"], "20 weeks")
        r, _ = self.follow("/wizards/fmla/result?service_months=40&hours=1300&paid_leave_hours=100"
                           "&reason=birth&spouse_state_employee=1")
        outcome, figures, reasons, cites, nxt = self.result_parts(r)
        self.assertTrue(outcome.startswith("Yes"))
        self.assertIn("<td>1,300 hours</td><td>1,200 hours</td>", r.text)
        self.assertIn("<td>12 weeks each</td><td>12 weeks for the two of you together</td>", r.text)
        self.assertIn("each of you is entitled to 12 weeks of leave for bonding time", " ".join(reasons))
        self.assertIn("101 KAR 2:102, Section 2", [c[0] for c in cites])   # sick leave for bonding
        self.assertCitationsResolve(cites)
        self.assertIn("/handbook/sick-leave", [u for u, _ in nxt])

    def test_stops_when_the_service_decides(self):
        # 11 months: no reason can qualify on either side, so the wizard
        # goes from the first step straight to the answer, and says why.
        page, path = self.follow("/wizards/fmla")
        result, path = self.submit(page, {"service_months": "11", "hours": "2000"})
        self.assertTrue(path.startswith("/wizards/fmla/result?"), path)
        self.assertEqual(query_of(path), {"service_months": ["11"], "hours": ["2000"]})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "No: you are not eligible for family and medical leave for this request.")
        self.assertIn("Your answers already decide this under both the state rules and the federal FMLA",
                      result.text)
        text = " ".join(reasons)
        self.assertIn("The reason for leave did not need to be asked", text)
        self.assertIn("because the service requirements are not met", text)
        self.assertIn("You may still take sick leave without pay", text)
        self.assertIn("101 KAR 2:102, Section 2", [c[0] for c in cites])
        self.assertCitationsResolve(cites)
        self.assertIn("<td>Not asked: the service decides</td>", result.text)
        # The JSON API answers the same without a reason; with 12 months it still needs one.
        api = self.get("/api/wizards/fmla?service_months=11&hours=2000")
        self.assertEqual(api.status, 200)
        self.assertFalse(json.loads(api.text)["eligible"])
        self.assertEqual(self.get("/api/wizards/fmla?service_months=12&hours=2000").status, 400)

    def test_boundaries_on_the_web(self):
        for months, hours, yes in (("11", "1250", False), ("12", "1250", True), ("12", "1249.5", False)):
            r, _ = self.follow("/wizards/fmla/result?service_months=%s&hours=%s&reason=own_health" % (months, hours))
            outcome = self.result_parts(r)[0]
            self.assertEqual(outcome.startswith("Yes"), yes, (months, hours))

    def test_print_view(self):
        q = "service_months=24&hours=1300&reason=own_health"
        r, _ = self.follow("/wizards/fmla/result?" + q)
        printurl = html.unescape(re.search(r'<a class="print-link" href="([^"]+)"', r.text).group(1))
        self.assertEqual(printurl, "/wizards/fmla/result?%s&print=1" % q)
        p = self.get(printurl)
        self.assertPage(p, 200, 'class="print-view"', "Yes: you are eligible")
        self.assertRegex(p.text, r'<link rel="stylesheet" href="/static/print.css\?v=[^"]+">')
        self.assertNotIn("Change<span", p.text)
        self.assertNotIn('class="print-link"', p.text)

    def test_bad_input_on_the_web(self):
        # Refused values: 400, the form again, the message next to the field.
        for query, field, message in (
                ("service_months=-3&hours=1300", "service_months", "whole number from 0 to 1200"),
                ("service_months=24&hours=abc", "hours", "at most two decimals"),
                ("service_months=24&hours=1300&paid_leave_hours=2000", "paid_leave_hours",
                 "Paid leave hours cannot be more than the total hours."),
                ("service_months=24&hours=1300&hours=1400", "hours", "answered twice"),
                ("service_months=24&hours=" + "9" * 7000, "hours", "too long")):
            r = self.get("/wizards/fmla/service?%s&go=1" % query)
            self.assertEqual(r.status, 400, query[:80])
            form = parse_form(r.text)
            self.assertEqual(form.errors[0][0], field, query[:80])
            self.assertIn(message, form.errors[0][1])
            self.assertIn("Please correct the answer marked below.", r.text)
            self.assertIn('aria-invalid="true"', r.text)
            self.assertNotIn("9" * 100, r.text)        # an oversized value is not echoed
        # A 10 KB answer is longer than Apache lets a request line be (8190
        # bytes, a hardening choice): Apache's own 414, never the portal's 500.
        r = self.get("/wizards/fmla/service?service_months=24&go=1&hours=" + "9" * 10240)
        self.assertEqual(r.status, 414)
        self.assertIn("Request-URI Too Long", r.text)
        # An unknown reason.
        r = self.get("/wizards/fmla/reason?service_months=24&hours=1300&reason=vacation&go=1")
        self.assertEqual(r.status, 400)
        self.assertEqual(parse_form(r.text).errors, [["reason", "Error: Choose one of the answers."]])
        # Missing steps in the middle: a later step, or the result, without
        # the answers it depends on shows the first unanswered question.
        for path, slug, field in (
                ("/wizards/fmla/usage?service_months=24&hours=1300", "reason", "reason"),
                ("/wizards/fmla/result?service_months=24", "service", "hours"),
                ("/wizards/fmla/result", "service", "service_months"),
                ("/wizards/fmla/household?service_months=24&hours=1300&reason=family_care", "family", "relation"),
                ("/wizards/fmla/result?service_months=24&hours=1300&reason=family_care&relation=child",
                 "child", "child_age")):
            r = self.get(path)
            self.assertEqual(r.status, 400, path)
            self.assertIn("An earlier answer is missing or needs correcting", r.text)
            form = parse_form(r.text)
            self.assertEqual(form.action, "/wizards/fmla/" + slug, path)
            self.assertEqual(form.errors[0][0], field, path)
        # A step that does not apply to these answers moves on to one that does.
        r = self.get("/wizards/fmla/family?service_months=24&hours=1300&reason=birth")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/wizards/fmla/usage?service_months=24&hours=1300&reason=birth")
        # Unknown wizards and steps; hostile values are escaped.
        self.assertPage(self.get("/wizards/nope"), 404, "There is no such wizard.")
        self.assertPage(self.get("/wizards/fmla/nope"), 404, "This wizard has no such step.")
        self.assertPage(self.get("/wizards/fmla/service/extra"), 404)
        r = self.get("/wizards/fmla/service?service_months=%3Cscript%3Ex%3C%2Fscript%3E&go=1")
        self.assertEqual(r.status, 400)
        self.assertNotIn("<script>x", r.text)
        self.assertIn('value="&lt;script&gt;x&lt;/script&gt;"', r.text)


class LeaveSharingWizard(WizardTestCase):

    def test_sick_leave_recipient_for_a_sibling(self):
        page, path = self.follow("/wizards/leave-sharing")
        self.assertStep(page, path, "role", "What you want to do")
        page, path = self.submit(page, {"role": "recipient", "program": "sick"})
        self.assertStep(page, path, "employer", "Your employer and status")
        page, path = self.submit(page, {"employer": "18a", "active": "1"})
        self.assertStep(page, path, "condition", "The medical condition")
        page, path = self.submit(page, {"condition_of": "sibling"})
        self.assertStep(page, path, "household", "Your relationship")
        page, path = self.submit(page, {"lived_with_30_days": "0", "legally_responsible": "1"})
        self.assertStep(page, path, "leave", "Your leave")
        self.assertIn("Has a licensed physician or Advanced Practice Registered Nurse (APRN) certified", page.text)
        self.assertIn("How many working days in a row has the condition kept you", page.text)
        # Nine days first: not eligible.
        answers = {"certified": "1", "consecutive_days": "9", "paid_leave_exhausted": "1", "complied": "1",
                   "workers_comp": "0"}
        result, path = self.submit(page, answers)
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "No: you cannot receive donated sick leave now.")
        self.assertIn("at least 10 consecutive working days of leave, and 9 days do not meet that", " ".join(reasons))
        # Back to the last question, ten days: eligible.
        back = html.unescape(re.search(r'<a href="([^"]+)">Back to the last question</a>', result.text).group(1))
        page = self.get(back)
        self.assertIn('value="9"', page.text)
        result, path = self.submit(page, {"consecutive_days": "10"})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "Yes: you can apply to receive donated sick leave.")
        self.assertIn("No fixed maximum", figures["Most you can receive"])
        self.assertIn("(101 KAR 2:105)", figures["Most you can receive"])
        self.assertEqual([c[0] for c in cites], ["101 KAR 2:105", "KRS 18A.196", "KRS 18A.197"])
        self.assertCitationsResolve(cites)
        form_link = [u for u, _ in nxt if u.startswith("/forms/")][0]
        self.assertTrue(form_link.startswith("/forms/sick-leave-sharing/new?"), form_link)
        q = query_of(form_link)
        self.assertEqual(q["role"], ["recipient"])
        self.assertEqual(q["condition_of"], ["sibling"])
        self.assertEqual(q["consecutive_days"], ["10"])
        self.assertNotIn("loss", q)
        self.assertPage(self.get(form_link, user="jdoe"), 200, "starts from your answers in the wizard")
        pdf_link = [u for u, _ in nxt if u.startswith("/forms/wizard/leave-sharing/pdf?")][0]
        pdf = self.get(pdf_link, user="jdoe")
        self.assertEqual((pdf.status, pdf.header("Content-Type")), (200, "application/pdf"))

    def test_annual_recipient_and_donors(self):
        r, _ = self.follow("/wizards/leave-sharing/result?role=recipient&program=annual&employer=18a&active=1"
                           "&loss=fire&consecutive_days=12&paid_leave_exhausted=1&complied=1&hours_requested=300")
        outcome, figures, reasons, cites, nxt = self.result_parts(r)
        self.assertEqual(outcome, "Yes: you can apply to receive donated annual leave.")
        # The rule's limit with its citation, beside what was asked for (not an echo of it).
        self.assertEqual(figures["Most you can receive"], "200 hours for each qualifying event (101 KAR 2:106)")
        self.assertEqual(figures["You asked for"], "300 hours")
        self.assertEqual(figures["So at most, for this request"], "200 hours")
        r, _ = self.follow("/wizards/leave-sharing/result?role=recipient&program=annual&employer=18a&active=1"
                           "&loss=fire&consecutive_days=12&paid_leave_exhausted=1&complied=1&hours_requested=150")
        figures = self.result_parts(r)[1]
        self.assertEqual(figures["Most you can receive"], "200 hours for each qualifying event (101 KAR 2:106)")
        self.assertEqual(figures["You asked for"], "150 hours")
        self.assertNotIn("So at most, for this request", figures)
        self.assertTrue([u for u, _ in nxt if u.startswith("/forms/annual-leave-sharing/new?")])
        self.assertCitationsResolve(cites)
        # Donor: 75 vs 75.5 hours, and the largest donation.
        page, path = self.follow("/wizards/leave-sharing/employer?role=donor&program=sick")
        page, path = self.submit(page, {"employer": "18a", "active": "1"})
        self.assertStep(page, path, "donor", "Your leave balance")
        self.assertIn("What is your sick leave balance, in hours?", page.text)
        for balance, yes, most, why in (
                ("75", False, "None now", "not more than 75 hours"),
                ("75.5", False, "None now", "Even the minimum donation of 7.5 hours"),
                ("82.5", True, "7.5 hours", "You can donate at most 7.5 hours"),
                ("300", True, "225 hours", "You can donate at most 225 hours")):
            result, _ = self.submit(page, {"balance": balance, "week_hours": "37.5"})
            outcome, figures, reasons, cites, nxt = self.result_parts(result)
            self.assertEqual(outcome.startswith("Yes"), yes, balance)
            self.assertEqual(figures["Most you can give"], most, balance)
            self.assertIn(why, " ".join(reasons))
            donation = [u for u, _ in nxt if u.startswith("/forms/sick-leave-donation/new?")][0]
            self.assertEqual(self.get(donation, user="jdoe").status, 200)
        r, _ = self.follow("/wizards/leave-sharing/result?role=donor&program=annual&employer=18a&active=1"
                           "&balance=100&week_hours=40&donate=8")
        self.assertTrue(self.result_parts(r)[0].startswith("Yes: you can give annual leave"))
        self.assertTrue([u for u, _ in self.result_parts(r)[4] if u.startswith("/forms/annual-leave-donation/new?")])


class ReturnRightsWizard(WizardTestCase):

    def test_walks(self):
        page, path = self.follow("/wizards/return-rights")
        self.assertStep(page, path, "event", "What happened")
        page, path = self.submit(page, {"event": "laid_off"})
        self.assertStep(page, path, "status", "Your status")
        self.assertIn("Did you have status in the classified position you were laid off from?", page.text)
        result, path = self.submit(page, {"had_status": "1"})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "You have reemployment rights.")
        self.assertEqual(figures, {"Reversion rights": "No", "Reemployment rights": "Yes",
                                   "Reinstatement privileges": "No"})
        self.assertIn("KRS 18A.113", [c[0] for c in cites])
        self.assertCitationsResolve(cites)
        self.assertEqual(nxt[0][0], "/handbook/reversion-reemployment-and-reinstatement")
        # Like the other wizards, the answer can be kept as a dated PDF with its citations.
        pdf_link = [u for u, _ in nxt if u.startswith("/forms/wizard/return-rights/pdf?")][0]
        self.assertEqual(query_of(pdf_link), {"event": ["laid_off"], "had_status": ["1"]})
        pdf = self.get(pdf_link, user="jdoe")
        self.assertEqual((pdf.status, pdf.header("Content-Type")), (200, "application/pdf"))
        text = pdf_words(pdf.raw)
        for want in ("Reversion, Reemployment and Reinstatement: What the Handbook's Rules Say",
                     "event laid_off", "Outcome You have reemployment rights.",
                     "Reversion rights: no; reemployment rights: yes; reinstatement privileges: no",
                     "KRS 18A.113", "contact your agency's human resource administrator"):
            self.assertIn(want, text)
        self.assertEqual(self.get("/forms/wizard/return-rights/pdf?event=nonsense", user="jdoe").status, 400)

        # Retirement asks nothing more.
        page, path = self.follow("/wizards/return-rights")
        result, path = self.submit(page, {"event": "retired"})
        self.assertTrue(path.startswith("/wizards/return-rights/result?"), path)
        self.assertEqual(self.result_parts(result)[0],
                         "You have no reversion rights, reemployment rights or reinstatement privileges after this.")

        # Separation from an unclassified position: 191 vs 192 months.
        page, path = self.follow("/wizards/return-rights/status?event=separated_unclassified")
        page, path = self.submit(page, {"had_status": "1"})
        self.assertStep(page, path, "career", "Your service")
        result, _ = self.submit(page, {"service_months": "191", "for_cause": "0"})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(figures["Career employee (192 months needed)"], "No")
        self.assertIn("not yet a career employee", " ".join(reasons))
        result, _ = self.submit(page, {"service_months": "192", "for_cause": "0"})
        outcome, figures, reasons, cites, nxt = self.result_parts(result)
        self.assertEqual(outcome, "You have reversion rights and reemployment rights.")
        self.assertEqual(figures["Career employee (192 months needed)"], "Yes")
        self.assertIn("KRS 18A.005, Section 4", [c[0] for c in cites])
        self.assertCitationsResolve(cites)
        self.assertIn("/handbook/career-status", [u for u, _ in nxt])

        # Resignation asks about good standing.
        page, path = self.follow("/wizards/return-rights/status?event=resigned")
        page, path = self.submit(page, {"had_status": "1"})
        self.assertStep(page, path, "standing", "Your resignation")
        result, _ = self.submit(page, {"good_standing": "1"})
        self.assertEqual(self.result_parts(result)[0], "You have reinstatement privileges.")


class Calculators(WizardTestCase):

    def test_annual_leave(self):
        r = self.get("/calculators/annual-leave")
        self.assertPage(r, 200, "<h1>Annual leave calculator</h1>", 'name="service_months"', 'name="week_hours"')
        self.assertNotIn('class="outcome', r.text)
        r = self.get("/calculators/annual-leave?service_months=130&week_hours=37.5")
        outcome, figures, reasons, cites, nxt = self.result_parts(r)
        self.assertEqual(outcome, "You earn 18 days of annual leave a year.")
        self.assertEqual(figures["Earned each month"], "1.5 days (11.25 hours)")
        self.assertEqual(figures["Most you can carry into next year"], "45 working days (337.5 hours)")
        self.assertRegex(r.text, r'<tr class="yours"><th scope="row">120 to 179 <strong class="badge">you</strong>')
        self.assertCitationsResolve(cites)
        self.assertEqual(nxt[0][0], "/handbook/annual-leave")
        r = self.get("/calculators/annual-leave?service_months=240&week_hours=40")
        self.assertEqual(self.result_parts(r)[1]["Most you can carry into next year"], "60 working days (480 hours)")
        p = self.get("/calculators/annual-leave?service_months=240&week_hours=40&print=1")
        self.assertPage(p, 200, 'class="print-view"', "60 working days (480 hours)")
        self.assertNotIn('<form class="calc-form"', p.text)
        for q, field in (("service_months=-1&week_hours=40", "service_months"),
                         ("service_months=12&week_hours=41", "week_hours"),
                         ("service_months=12", "week_hours"),
                         ("service_months=" + "1" * 7000 + "&week_hours=40", "service_months")):
            r = self.get("/calculators/annual-leave?" + q)
            self.assertEqual(r.status, 400, q[:60])
            self.assertEqual(parse_form(r.text, "calc-form").errors[0][0], field)

    def test_sick_leave(self):
        for months, bonus, nxt_bonus in (("119", "0 days (0 hours)", "10 more days after 120 months of service"),
                                         ("120", "10 days (75 hours)", "10 more days after 240 months of service"),
                                         ("240", "20 days (150 hours)", "None: both bonuses are earned")):
            r = self.get("/calculators/sick-leave?service_months=%s&week_hours=37.5" % months)
            figures = self.result_parts(r)[1]
            self.assertEqual(figures["Bonus sick leave earned so far"], bonus, months)
            self.assertEqual(figures["Next bonus"], nxt_bonus)
            self.assertEqual(figures["Earned each year"], "90 hours")
        self.assertCitationsResolve(self.result_parts(r)[3])

    def test_holidays(self):
        r = self.get("/calculators/holidays?year=2024")
        outcome, figures, reasons, cites, nxt = self.result_parts(r)
        self.assertEqual(outcome, "2024 has 12.5 days of paid state holidays.")
        self.assertIn('<th scope="row">Good Friday</th><td><time datetime="2024-03-29">Friday, March 29, 2024</time>'
                      '</td><td><time datetime="2024-03-29">Friday, March 29, 2024</time></td><td>Half day</td>', r.text)
        self.assertIn('<th scope="row">Presidential Election Day</th><td><time datetime="2024-11-05">', r.text)
        self.assertIn('<tr class="extra"><th scope="row">Christmas Eve (extra Christmas day)</th>', r.text)
        self.assertIn('<tr class="extra"><th scope="row">Day after Thanksgiving (extra Thanksgiving day)</th>', r.text)
        self.assertIn('<tr class="extra"><th scope="row">New Year&#39;s Eve (extra New Year&#39;s day)</th>', r.text)
        self.assertIn("<td>12.5 days</td>", r.text)
        self.assertCitationsResolve(cites)
        self.assertIn("KRS 18A.190", [c[0] for c in cites])
        r = self.get("/calculators/holidays?year=2022")
        self.assertIn('<th scope="row">Christmas Day</th><td><time datetime="2022-12-25">Sunday, December 25, 2022'
                      '</time></td><td><time datetime="2022-12-26">Monday, December 26, 2022</time> '
                      '<strong class="badge">moved</strong>', r.text)
        self.assertIn("2022 has 11.5 days", r.text)
        self.assertNotIn("Presidential Election Day</th>", r.text)
        # No year: this year in Frankfort (the request's clock).
        r = self.portal.get("/calculators/holidays", headers={"X-Hrportal-Now": "2027-01-05T09:00:00Z"})
        self.assertPage(r, 200, "2027 has 11.5 days", 'value="2027"')
        for q in ("year=1989", "year=2101", "year=abc", "year=2024&year=2025", "year=-2024"):
            r = self.get("/calculators/holidays?" + q)
            self.assertEqual(r.status, 400, q)
            self.assertEqual(parse_form(r.text, "calc-form").errors[0][0], "year")
        self.assertEqual(self.get("/calculators/holidays?year=1990").status, 200)
        self.assertEqual(self.get("/calculators/holidays?year=2100").status, 200)

    def test_icalendar(self):
        r = self.get("/calculators/holidays?year=2024")
        ics_url = html.unescape(re.search(r'<a class="ics-link" href="([^"]+)"', r.text).group(1))
        self.assertEqual(ics_url, "/calculators/holidays/2024.ics")
        ics = self.get(ics_url)
        self.assertEqual(ics.status, 200)
        self.assertEqual(ics.header("Content-Type"), "text/calendar; charset=utf-8")
        self.assertIn('filename="kentucky-state-holidays-2024.ics"', ics.header("Content-Disposition"))
        body = ics.raw.decode("utf-8")
        self.assertTrue(body.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(body.endswith("END:VCALENDAR\r\n"))
        self.assertNotRegex(body, r"[^\r]\n")          # every line ends in CRLF
        for line in body.split("\r\n"):
            self.assertLessEqual(len(line.encode()), 75)
        self.assertEqual(body.count("BEGIN:VEVENT"), 13)
        self.assertEqual(body.count("END:VEVENT"), 13)
        self.assertIn("DTSTART;VALUE=DATE:20240329\r\nDTEND;VALUE=DATE:20240330\r\nSUMMARY:Good Friday (half day)",
                      body)
        self.assertIn("DTSTART;VALUE=DATE:20241105", body)
        same = self.get("/calculators/holidays?year=2024&format=ics")
        self.assertEqual(same.raw, ics.raw)
        self.assertIn("DTSTART;VALUE=DATE:20221226", self.get("/calculators/holidays/2022.ics").text)
        for bad in ("/calculators/holidays/1989.ics", "/calculators/holidays/2024.txt",
                    "/calculators/holidays/24.ics", "/calculators/holidays/abcd.ics"):
            self.assertEqual(self.get(bad).status, 404, bad)
        self.assertEqual(self.get("/calculators/holidays?year=2024&format=pdf").status, 400)


class Api(WizardTestCase):

    def api(self, path, status=200):
        r = self.get(path)
        self.assertEqual(r.status, status, "%s: %s" % (path[:100], r.text[:300]))
        self.assertEqual(r.header("Content-Type"), "application/json; charset=utf-8")
        return json.loads(r.text)

    def test_fmla(self):
        base = "/api/wizards/fmla?reason=own_health&"
        for q, eligible in (("service_months=11&hours=1250", False), ("service_months=12&hours=1250", True),
                            ("service_months=12&hours=1249.5", False), ("service_months=12&hours=1249.99", False)):
            d = self.api(base + q)
            self.assertEqual(d["eligible"], eligible, q)
            self.assertEqual(d["entitlement_weeks"], 12 if eligible else 0)
        d = self.api(base + "service_months=12&hours=1250&weeks_used=4.5")
        self.assertEqual(set(d), {"eligible", "entitlement_weeks", "remaining_weeks", "reasons", "citations", "federal"})
        self.assertEqual(d["remaining_weeks"], 7.5)
        self.assertEqual(d["citations"], [
            {"cite": "101 KAR 2:102, Section 3", "url": "/handbook/family-and-medical-leave-act-fmla"},
            {"cite": "101 KAR 3:015, Section 3", "url": "/handbook/family-and-medical-leave-act-fmla"}])
        # State-only relations and the federal answer beside them.
        d = self.api("/api/wizards/fmla?service_months=24&hours=2000&reason=family_care&relation=grandparent")
        self.assertTrue(d["eligible"])
        self.assertFalse(d["federal"]["eligible"])
        self.assertFalse(d["federal"]["reason_covered"])
        d = self.api("/api/wizards/fmla?service_months=24&hours=2000&reason=family_care&relation=parent_in_law")
        self.assertFalse(d["eligible"])
        d = self.api("/api/wizards/fmla?service_months=24&hours=2000&reason=family_care&relation=parent_in_law"
                     "&lived_with_30_days=1")
        self.assertTrue(d["eligible"])
        d = self.api("/api/wizards/fmla?service_months=24&hours=1300&paid_leave_hours=100&reason=birth"
                     "&spouse_state_employee=1")
        self.assertTrue(d["eligible"])
        self.assertFalse(d["federal"]["eligible"])
        self.assertEqual(d["federal"]["hours_counted"], 1200)
        self.assertTrue(d["federal"]["shared_with_spouse"])
        d = self.api("/api/wizards/fmla?service_months=24&hours=1300&reason=servicemember_care&relation=spouse")
        self.assertEqual(d["entitlement_weeks"], 26)
        d = self.api("/api/wizards/fmla?service_months=24&hours=1300&reason=family_care&relation=child&child_age=17")
        self.assertTrue(d["eligible"])
        d = self.api("/api/wizards/fmla?service_months=24&hours=1300&reason=family_care&relation=child&child_age=18")
        self.assertFalse(d["eligible"])

    def test_leave_sharing(self):
        donor = "/api/wizards/leave-sharing?role=donor&program=sick&employer=18a&active=1&week_hours=37.5&"
        for balance, eligible, most in (("75", False, 0), ("75.5", False, 0.5), ("82.5", True, 7.5)):
            d = self.api(donor + "balance=" + balance)
            self.assertEqual((d["eligible"], d["max_donation"], d["max_hours"]), (eligible, most, None), balance)
        self.assertFalse(self.api(donor + "balance=100&donate=7")["eligible"])
        self.assertTrue(self.api(donor + "balance=100&donate=7.5")["eligible"])
        rec = ("/api/wizards/leave-sharing?role=recipient&program=sick&employer=ktrs&active=1&condition_of=self"
               "&certified=1&paid_leave_exhausted=1&complied=1&consecutive_days=")
        self.assertFalse(self.api(rec + "9")["eligible"])
        d = self.api(rec + "10")
        self.assertEqual(set(d), {"eligible", "max_hours", "max_donation", "reasons", "citations"})
        self.assertTrue(d["eligible"])
        self.assertIsNone(d["max_hours"])
        d = self.api("/api/wizards/leave-sharing?role=recipient&program=annual&employer=18a&active=1&loss=fire"
                     "&consecutive_days=10&paid_leave_exhausted=1&complied=1")
        self.assertEqual(d["max_hours"], 200)
        d = self.api("/api/wizards/leave-sharing?role=recipient&program=annual&employer=aoc&active=1&loss=fire"
                     "&consecutive_days=10&paid_leave_exhausted=1&complied=1")
        self.assertFalse(d["eligible"])

    def test_return_rights_and_calculators(self):
        unc = "/api/wizards/return-rights?event=separated_unclassified&had_status=1&for_cause=0&service_months="
        d = self.api(unc + "191")
        self.assertEqual((d["reversion"], d["reemployment"], d["reinstatement"]), (False, False, False))
        d = self.api(unc + "192")
        self.assertEqual((d["reversion"], d["reemployment"], d["reinstatement"]), (True, True, False))
        d = self.api("/api/calculators/annual-leave?service_months=59&week_hours=37.5")
        self.assertEqual((d["days_per_year"], d["hours_per_month"], d["max_carry_forward_days"],
                          d["max_carry_forward_hours"]), (12, 7.5, 30, 225))
        d = self.api("/api/calculators/annual-leave?service_months=60&week_hours=40")
        self.assertEqual((d["days_per_year"], d["hours_per_month"], d["max_carry_forward_hours"]), (15, 10, 296))
        d = self.api("/api/calculators/sick-leave?service_months=120&week_hours=40")
        self.assertEqual((d["bonus_days"], d["bonus_hours"], d["next_bonus_months"]), (10, 80, 240))
        d = self.api("/api/calculators/holidays?year=2024")
        self.assertEqual((d["year"], d["total_days"]), (2024, 12.5))
        byname = {h["name"]: h for h in d["holidays"]}
        self.assertEqual(byname["Good Friday"], {"name": "Good Friday", "date": "2024-03-29",
                                                 "observed": "2024-03-29", "days": 0.5})
        self.assertEqual(byname["Presidential Election Day"]["date"], "2024-11-05")
        d = self.api("/api/calculators/holidays?year=2022")
        xmas = [h for h in d["holidays"] if h["name"] == "Christmas Day"][0]
        self.assertEqual((xmas["date"], xmas["observed"]), ("2022-12-25", "2022-12-26"))
        self.assertEqual(d["total_days"], 11.5)

    def test_bad_input_is_a_400_naming_the_field(self):
        for path, field in (
                ("/api/wizards/fmla?service_months=-1&hours=1300&reason=birth", "service_months"),
                ("/api/wizards/fmla?service_months=12&hours=abc&reason=birth", "hours"),
                ("/api/wizards/fmla?service_months=12&hours=1300&reason=vacation", "reason"),
                ("/api/wizards/fmla?service_months=12&hours=1300", "reason"),
                ("/api/wizards/fmla?service_months=12&hours=1300&reason=family_care", "relation"),
                ("/api/wizards/fmla?service_months=12&hours=" + "1" * 7000 + "&reason=birth", "hours"),
                ("/api/wizards/fmla?service_months=12&hours=1300&reason=birth&reason=own_health", "reason"),
                ("/api/wizards/fmla?service_months=12&hours=1300&reason=birth&weeks_used=1&weeks_used=2",
                 "weeks_used"),
                ("/api/wizards/leave-sharing?role=donor&program=sick&employer=18a&active=1&balance=100", "week_hours"),
                ("/api/wizards/leave-sharing?role=judge", "role"),
                ("/api/wizards/return-rights?event=resigned&had_status=1", "good_standing"),
                ("/api/calculators/annual-leave?service_months=12&week_hours=38", "week_hours"),
                ("/api/calculators/sick-leave?service_months=1e3&week_hours=40", "service_months"),
                ("/api/calculators/holidays?year=1989", "year"),
                ("/api/calculators/holidays", "year")):
            d = self.api(path, 400)
            self.assertEqual(d["error"], "invalid_parameter", path[:80])
            self.assertEqual(d["field"], field, path[:80])
            self.assertTrue(d["message"].endswith("."), d)
        # Errors the dispatcher raises under /api/ are JSON too.
        d = self.api("/api/wizards/nope", 404)
        self.assertEqual(d["error"]["status"], 404)
        r = self.post("/api/wizards/fmla", {"reason": "birth"})
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("Content-Type"), "application/json; charset=utf-8")
        self.assertEqual(json.loads(r.text)["error"]["status"], 405)
        d = self.api("/api/wizards/fmla?hours=%FF", 400)
        self.assertEqual(d["error"]["status"], 400)
        r = self.portal.request("POST", "/api/wizards/fmla", body="x=" + "y" * (70 * 1024),
                                content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 413)
        self.assertEqual(json.loads(r.text)["error"]["status"], 413)
        # A 10 KB parameter is beyond Apache's request line limit (8190
        # bytes): Apache's own 414 before the portal, still no 500.
        self.assertEqual(self.get("/api/wizards/fmla?service_months=12&reason=birth&hours=" + "1" * 10240).status, 414)
        # The portal is still answering.
        self.assertTrue(self.api("/api/wizards/fmla?service_months=12&hours=1250&reason=birth")["eligible"])

    def test_every_citation_is_in_the_imported_handbook(self):
        cites = self.api("/api/wizards/citations")["citations"]
        self.assertGreaterEqual(len(cites), 20)
        with self.portal.db() as con:
            for c in cites:
                self.assertEqual(c["url"], "/handbook/" + c["slug"])
                row = con.execute(
                    "SELECT count(*) FROM citations c JOIN section_versions v ON v.id = c.section_version_id "
                    "JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
                    "WHERE d.slug = 'handbook' AND s.slug = ? AND c.cite = ?", (c["slug"], c["cite"])).fetchone()
                self.assertEqual(row[0], 1, "%s is not cited by /handbook/%s" % (c["cite"], c["slug"]))
                section = con.execute(
                    "SELECT v.title FROM sections s JOIN section_versions v ON v.section_id = s.id "
                    "WHERE s.slug = ? ORDER BY v.version DESC LIMIT 1", (c["slug"],)).fetchone()[0]
                self.assertCitationsResolve([(c["cite"], c["url"], section)])


class Navigation(WizardTestCase):

    def test_home_index_and_navigation(self):
        home = self.get("/")
        self.assertPage(home, 200, "Find out and ask", '<a href="/wizards/fmla">Family and medical leave (FMLA)</a>',
                        '<a href="/wizards/leave-sharing">Leave sharing</a>', '<a href="/calculators/holidays">')
        for path in ("/", "/handbook/sick-leave", "/glossary", "/nope", "/wizards/fmla"):
            r = self.get(path)
            self.assertIn('<li><a href="/wizards"', r.text, path)
        r = self.get("/wizards")
        self.assertPage(r, 200, "<h1>Wizards and calculators</h1>", '<a href="/wizards/fmla">',
                        '<a href="/wizards/leave-sharing">', '<a href="/wizards/return-rights">',
                        '<a href="/calculators/annual-leave">', '<a href="/calculators/sick-leave">',
                        '<a href="/calculators/holidays">', '<li><a href="/wizards" aria-current="page">')
        self.assertEqual(self.get("/calculators").status, 200)
        # Every wizard's first step is reachable from the index.
        for url in re.findall(r'<h3><a href="(/wizards/[^"]+)">', r.text):
            page, path = self.follow(url)
            self.assertEqual(page.status, 200, url)
            self.assertEqual(self.step_title(page)[0], 1)
        # Answers are computed per request: the same address answers for
        # different readers, signed in or not, the same way.
        q = "/api/wizards/fmla?service_months=12&hours=1250&reason=birth"
        self.assertEqual(self.get(q).text, self.get(q, user="jdoe").text)
        self.assertNotEqual(self.get(q).text,
                            self.get("/api/wizards/fmla?service_months=11&hours=1250&reason=birth").text)

    def test_pages_are_valid_html(self):
        """HTML Tidy finds no errors and no warnings but its outdated ones
        about aria-current and inputmode (both valid HTML5)."""
        if shutil.which("tidy") is None:
            self.skipTest("tidy is not installed (Debian package tidy)")
        for path in ("/wizards", "/wizards/fmla", "/wizards/fmla/family?service_months=24&hours=1300&reason=family_care",
                     "/wizards/fmla/service?service_months=-1&go=1",
                     "/wizards/fmla/result?service_months=40&hours=1300&paid_leave_hours=100&reason=birth"
                     "&spouse_state_employee=1",
                     "/wizards/fmla/result?service_months=40&hours=1300&reason=own_health&print=1",
                     "/wizards/leave-sharing/result?role=donor&program=sick&employer=18a&active=1&balance=300"
                     "&week_hours=37.5",
                     "/wizards/return-rights/result?event=laid_off&had_status=1",
                     "/calculators/annual-leave?service_months=130&week_hours=37.5", "/calculators/sick-leave",
                     "/calculators/holidays?year=2024", "/calculators/holidays?year=abc", "/"):
            r = self.get(path)
            out = subprocess.run(["tidy", "-q", "-e", "-utf8"], input=r.raw, capture_output=True)
            problems = [line for line in out.stderr.decode().splitlines()
                        if line.strip() and "aria-current" not in line and '"inputmode"' not in line]
            self.assertLess(out.returncode, 2, path)
            self.assertEqual(problems, [], path)


# Every kind of wizard request: steps, redirects, refusals, results, the
# calculators, the calendar file and the API with good and bad input.
VALGRIND_PATHS = [
    "/wizards", "/wizards/fmla", "/wizards/fmla/service?service_months=24&hours=1300&go=1",
    "/wizards/fmla/service?service_months=-1&hours=abc&go=1",
    "/wizards/fmla/family?service_months=24&hours=1300&reason=family_care",
    "/wizards/fmla/usage?service_months=24&hours=1300",
    "/wizards/fmla/result?service_months=30&hours=1400&reason=family_care&relation=child&child_age=20"
    "&child_incapable=0&lived_with_30_days=1&legally_responsible=0&weeks_used=2",
    "/wizards/fmla/result?service_months=40&hours=1300&paid_leave_hours=100&reason=birth&spouse_state_employee=1&print=1",
    "/wizards/leave-sharing/result?role=donor&program=sick&employer=18a&active=1&balance=300&week_hours=37.5",
    "/wizards/leave-sharing/result?role=recipient&program=annual&employer=18a&active=1&loss=fire"
    "&consecutive_days=12&paid_leave_exhausted=1&complied=1",
    "/wizards/return-rights/result?event=separated_unclassified&had_status=1&service_months=192&for_cause=0",
    "/wizards/return-rights/status?event=retired", "/wizards/nope",
    "/calculators/annual-leave?service_months=130&week_hours=37.5", "/calculators/sick-leave?service_months=x",
    "/calculators/holidays?year=2024", "/calculators/holidays/2022.ics", "/calculators/holidays?year=1800",
    "/api/wizards/fmla?service_months=12&hours=1250&reason=birth", "/api/wizards/fmla?hours=abc",
    "/api/wizards/fmla?reason=birth&reason=placement", "/api/wizards/citations", "/api/nope",
    "/api/calculators/holidays?year=2100", "/wizards/fmla/service?hours=" + "1" * 7000 + "&go=1",
]


@unittest.skipIf(SANITIZERS, "valgrind and AddressSanitizer do not mix")
@unittest.skipUnless(os.path.exists("/usr/bin/valgrind"), "valgrind is not installed")
class WizardsUnderValgrind(unittest.TestCase):

    def test_wizard_requests_are_valgrind_clean(self):
        portal = Portal(fcgi_processes=1, extra_conf=test_memory.VALGRIND_WRAPPER)
        try:
            portal.start()
            for i in range(3 * len(VALGRIND_PATHS)):
                r = portal.get(VALGRIND_PATHS[i % len(VALGRIND_PATHS)])
                self.assertIn(r.status, (200, 303, 400, 404), VALGRIND_PATHS[i % len(VALGRIND_PATHS)][:100])
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
                self.assertIn("ERROR SUMMARY: 0 errors", text, name + ":\n" + text[-3000:])
                self.assertNotRegex(text, r"definitely lost: [1-9]|indirectly lost: [1-9]", text[-3000:])
        finally:
            portal.cleanup()


if __name__ == "__main__":
    main()
