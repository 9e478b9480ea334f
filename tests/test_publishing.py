"""Publishing through the real Apache + mod_fcgid portal: HR edits a
section (draft, preview in the page layout, publish with a summary), the
history, diff and older versions show it, a future effective date takes
effect when the clock reaches it (page, search and glossary), search
follows every publish, citations stay structured, new sections are added,
moved (and stay moved after a re-import), retired and restored, a section
is rolled back; two HR editors never overwrite each other (409 with the
word diff); announcements from templates reach subscribers and agencies by
email and appear on What's new and in a valid Atom feed advertised on
every page; hostile templates and hostile Markdown are refused or made
harmless; acknowledgement campaigns count, remind and re-open on a material
change; change impact; the audit log has a row per action and refuses
edits; every non-HR user gets 403 on every admin address and POST."""
import calendar
import hashlib
import hmac
import os
import re
import shutil
import sqlite3
import subprocess
import time
import urllib.parse
import xml.etree.ElementTree as ET

import signal
import unittest

from formsclient import CLOCK, FormsTestCase, form_posting_to
from harness import SANITIZERS, SRCDIR, Portal, main
from test_memory import VALGRIND_WRAPPER

TODAY = "2027-01-05"
LATER = "2027-03-01T15:00:00Z"      # a clock on a future effective date
ATOM = "{http://www.w3.org/2005/Atom}"
GRIEVANCE = {"job_classification": "Administrative Specialist II", "occurred_on": "2026-12-28",
             "subject_is_supervisor": "0", "statement": "The overtime roster skipped me.",
             "remedy": "Put me back on the roster."}


def epoch(iso):
    return calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))


class PublishingCase(FormsTestCase):
    """Helpers: open an editor, send its form like a browser would."""

    def editor(self, path, user="hradmin", now=None):
        r = self.get(path, user=user, now=now)
        self.assertEqual(r.status, 200, r.text[:2000])
        return r, form_posting_to(r.text, path)

    def send(self, path, fields, action, user="hradmin", now=None, **changes):
        data = dict(fields)
        data.update(changes)
        data["action"] = action
        return self.post(path, data, user=user, now=now)

    def publish(self, doc, slug, body_fn, summary, date=TODAY, user="hradmin", now=None, **extra):
        path = "/admin/sections/%s/%s" % (doc, slug)
        _, f = self.editor(path, user=user, now=now)
        f["body"] = body_fn(f["body"])
        r = self.send(path, f, "publish", user=user, now=now, summary=summary, effective_date=date, **extra)
        self.assertEqual(r.status, 303, r.text[:3000])
        m = re.search(r"published=(\d+)", r.header("location"))
        self.assertIsNotNone(m, r.header("location"))
        return int(m.group(1)), r

    def section_id(self, slug, doc="handbook"):
        return self.one("SELECT s.id FROM sections s JOIN documents d ON d.id = s.document_id "
                        "WHERE d.slug = ? AND s.slug = ?", doc, slug)["id"]

    def version(self, slug, v, doc="handbook"):
        return self.one("SELECT * FROM section_versions WHERE section_id = ? AND version = ?",
                        self.section_id(slug, doc), v)

    def search_urls(self, q, now=None):
        r = self.get("/search?" + urllib.parse.urlencode({"q": q}), now=now)
        self.assertEqual(r.status, 200)
        return re.findall(r'<li class="result result-(?:section|glossary)">\s*<h2><a href="([^"]+)">', r.text)

    def token(self, user, action, now=CLOCK):
        secret = self.one("SELECT value FROM app_secrets WHERE name = 'csrf'")["value"]
        window = epoch(now) // 3600
        msg = b"hrportal-csrf-v1\0" + user.encode() + b"\0" + action.encode() + b"\0" + str(window).encode()
        return "%d.%s" % (window, hmac.new(secret, msg, hashlib.sha256).hexdigest())

    def audit_count(self):
        return self.count("audit_log")


class Editing(PublishingCase):

    def test_edit_preview_publish_then_history_diff_and_old_version(self):
        path = "/admin/sections/handbook/court-leave"
        page, f = self.editor(path)
        self.assertIn("Change impact", page.text)
        self.assertEqual(f["base"], "1")
        added = "Jurors keep their full pay while they serve, xylophone clause."
        f["body"] = f["body"] + "\n\n" + added + "\n"
        # Save a draft: kept, private, the public page unchanged.
        r = self.send(path, f, "save")
        self.assertEqual((r.status, r.header("location")), (303, path + "?saved=1"))
        self.assertIn("Your draft is saved", self.get(r.header("location"), user="hradmin").text)
        page, again = self.editor(path)
        self.assertIn("You are editing your saved draft", page.text)
        self.assertIn(added, again["body"])
        self.assertNotIn("xylophone", self.get("/handbook/court-leave").text)
        # Preview: the real page layout with the draft's text.
        r = self.send(path, again, "preview")
        self.assertEqual((r.status, r.header("location")), (303, path + "/preview"))
        preview = self.get(path + "/preview", user="hradmin")
        self.assertPage(preview, 200, "Preview of your draft", added, '<h1 id="section-title">Court Leave</h1>',
                        'aria-label="Breadcrumb"', "Legal references", 'href="%s"' % path)
        # The banner says it is a draft (no "in effect since ." with an empty date).
        self.assertRegex(preview.text, r"Draft, not yet published(; to take effect on \d{4}-\d\d-\d\d)?\.")
        self.assertNotIn("in effect since .", preview.text)
        self.assertNotIn("Version draft", preview.text)
        # Publishing needs a summary; the form comes back with the text.
        r = self.send(path, again, "publish", summary="")
        self.assertPage(r, 422, "Say in a sentence what changed", "xylophone clause")
        self.assertEqual(self.one("SELECT max(version) AS v FROM section_versions WHERE section_id = ?",
                                  self.section_id("court-leave"))["v"], 1)
        r = self.send(path, again, "publish", summary="Jurors keep their pay")
        self.assertEqual((r.status, r.header("location")), (303, path + "?published=2"))
        self.assertIn("Published version 2", self.get(r.header("location"), user="hradmin").text)
        v2 = self.version("court-leave", 2)
        self.assertEqual((v2["published_by"], v2["summary"], v2["effective_date"]),
                         ("Pat Rivera", "Jurors keep their pay", TODAY))
        self.assertIn("<p>Jurors keep their full pay", v2["body_html"])
        self.assertIn("xylophone clause", v2["body_text"])
        self.assertEqual(self.one("SELECT count(*) AS n FROM drafts WHERE owner_id = ?",
                                  self.section_id("court-leave"))["n"], 0)
        cites = lambda v: [r["cite"] for r in self.query("SELECT cite FROM citations WHERE section_version_id = ? "
                                                         "ORDER BY ord", v["id"])]
        self.assertEqual(cites(v2), cites(self.version("court-leave", 1)))
        # Readers: the page, its history, the word diff, the old version.
        self.assertPage(self.get("/handbook/court-leave"), 200, added, "Version 2, in effect since 2027-01-05")
        self.assertPage(self.get("/handbook/court-leave/history"), 200, "Jurors keep their pay", "Pat Rivera",
                        'href="/handbook/court-leave/diff?from=1&amp;to=2"')
        diff = self.get("/handbook/court-leave/diff?from=1&to=2")
        self.assertPage(diff, 200, "<ins>Jurors keep their full pay while they serve, xylophone clause.</ins>",
                        "0 words removed")
        old = self.get("/handbook/court-leave/history/1")
        self.assertPage(old, 200, "You are reading version 1")
        self.assertNotIn("xylophone", old.text)
        self.assertNotIn("xylophone", self.get("/handbook/court-leave?as_of=2027-01-04").text)

    def test_future_effective_date_takes_effect_on_its_date(self):
        n, _ = self.publish("handbook", "voting-leave", lambda b: b + "\n\nPolling places open at six, quetzal rule.\n",
                            "Polling hours", date="2027-03-01")
        page = self.get("/handbook/voting-leave")
        self.assertPage(page, 200, "This section changes on 2027-03-01: Polling hours.")
        self.assertNotIn("quetzal", page.text)
        self.assertEqual(self.search_urls("quetzal"), [])
        # The day comes: the page, search and the PDF follow by themselves.
        page = self.get("/handbook/voting-leave", now=LATER)
        self.assertPage(page, 200, "quetzal rule", "Version %d, in effect since 2027-03-01" % n)
        self.assertNotIn("This section changes on", page.text)
        self.assertIn("/handbook/voting-leave", self.search_urls("quetzal", now=LATER))
        # A newer version may not take effect before it.
        path = "/admin/sections/handbook/voting-leave"
        _, f = self.editor(path)
        r = self.send(path, f, "publish", summary="Earlier", effective_date="2027-02-01")
        self.assertPage(r, 422, "takes effect on 2027-03-01")
        r = self.send(path, f, "publish", summary="Yesterday", effective_date="2027-01-04")
        self.assertPage(r, 422, "cannot be in the past")

    def test_glossary_term_edit_follows_search_links_and_date(self):
        path = "/admin/glossary/appointing-authority"
        _, f = self.editor(path)
        self.assertEqual(f["title"], "APPOINTING AUTHORITY")
        f["body"] = f["body"] + " Also called the wombat officer."
        r = self.send(path, f, "preview")
        self.assertEqual(r.status, 303)
        self.assertPage(self.get(path + "/preview", user="hradmin"), 200, "Preview of your draft of this term",
                        "wombat officer", '<h1 id="term-title">APPOINTING AUTHORITY</h1>')
        r = self.send(path, f, "publish", summary="Another name", effective_date="2027-03-01")
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertNotIn("wombat", self.get("/glossary/appointing-authority").text)
        self.assertIn("wombat officer", self.get("/glossary/appointing-authority", now=LATER).text)
        self.assertNotIn("/glossary/appointing-authority", self.search_urls("wombat"))
        self.assertIn("/glossary/appointing-authority", self.search_urls("wombat", now=LATER))
        # The A to Z list shows the definition in effect.
        self.assertNotIn("wombat", self.get("/glossary").text)
        self.assertIn("wombat officer", self.get("/glossary", now=LATER).text)

    def test_search_finds_the_added_word_and_not_the_removed_one(self):
        self.assertIn("/handbook/court-leave", self.search_urls("crosses"))
        self.publish("handbook", "court-leave", lambda b: b.replace("crosses", "spans") + "\n\nSee the quokka memo.\n",
                     "Reword")
        self.assertIn("/handbook/court-leave", self.search_urls("quokka"))
        self.assertNotIn("/handbook/court-leave", self.search_urls("crosses"))
        # As of an earlier date, the old text is what was in effect.
        self.assertIn("crosses", self.get("/handbook/court-leave?as_of=2027-01-04").text)

    def test_citations_are_structured_and_checked(self):
        path = "/admin/sections/handbook/military-leave"
        _, f = self.editor(path)
        bad = self.send(path, f, "publish", summary="x", citations=f["citations"] + "\nthe tobacco policy\n")
        self.assertPage(bad, 422, "is not a legal reference the portal understands", "the tobacco policy")
        n, _ = self.publish("handbook", "military-leave", lambda b: b, "Cite the order",
                            citations=f["citations"] + "\nEO 2014-747\n")
        rows = self.query("SELECT code, chapter, number FROM citations WHERE section_version_id = ? AND cite = ?",
                          self.version("military-leave", n)["id"], "EO 2014-747")
        self.assertEqual([tuple(r) for r in rows], [("EO", "2014", "747")])
        self.assertIn("/handbook/military-leave", self.get("/citations").text.split("EO 2014-747", 1)[1][:3000])

    def test_hostile_markdown_is_made_harmless_or_refused(self):
        path = "/admin/sections/handbook/blood-donation-leave"
        n, _ = self.publish("handbook", "blood-donation-leave",
                            lambda b: b + "\n\n<script>alert('owned')</script>\n\n[click me](javascript:alert(1)) "
                                          "<img src=x onerror=alert(2)>\n", "Hostile text")
        page = self.get("/handbook/blood-donation-leave")
        self.assertEqual(page.status, 200)
        for bad in ("<script>alert", "javascript:", "onerror", "<img src=x"):
            self.assertNotIn(bad, page.text)
        self.assertIn("click me", page.text)
        _, f = self.editor(path)
        # Lists nested 100 deep: refused with a message, the text kept.
        deep = "".join("  " * d + "- level %d\n" % d for d in range(100))
        r = self.send(path, f, "preview", body=deep)
        self.assertPage(r, 422, "nests lists or quotes more than 16 levels deep", "- level 99")
        # Saving it as a draft loses nothing; its preview says why it is not shown.
        self.assertEqual(self.send(path, f, "save", body=deep).status, 303)
        self.assertPage(self.get(path + "/preview", user="hradmin"), 200, "more than 16 levels deep")
        # Too long for the editor (60 KB): the form again, nothing saved.
        draft = "SELECT body_md FROM drafts WHERE owner_id = %d" % self.section_id("blood-donation-leave")
        self.assertEqual(self.one(draft)["body_md"], deep)
        r = self.send(path, f, "save", body="w" * 60000)
        self.assertPage(r, 422, "The text is too long (58 KB; at most 48 KB)")
        self.assertEqual(self.one(draft)["body_md"], deep)
        # A megabyte: refused before the portal with a clear message.
        r = self.send(path, f, "save", body="w" * (1024 * 1024))
        self.assertEqual(r.status, 413)
        self.assertIn("too large", r.text)
        self.assertEqual(self.one("SELECT max(version) AS v FROM section_versions WHERE section_id = ?",
                                  self.section_id("blood-donation-leave"))["v"], n)

    def test_new_section_placed_moved_kept_by_reimport_retired_restored(self):
        leave = self.section_id("leave")
        sick = self.section_id("sick-leave")
        create = "/admin/documents/handbook/sections"
        f = form_posting_to(self.get("/admin/documents/handbook", user="hradmin").text, create)
        r = self.post(create, dict(f, title="Paid Parental Leave", slug="", place="%d:%d" % (leave, sick)),
                      user="hradmin")
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(r.header("location"), "/admin/sections/handbook/paid-parental-leave?created=1")
        # Hidden until published.
        self.assertEqual(self.get("/handbook/paid-parental-leave").status, 404)
        self.assertNotIn("paid-parental-leave", self.get("/handbook").text)
        dup = self.post(create, dict(f, title="Paid Parental Leave", slug="", place="%d:%d" % (leave, sick)),
                        user="hradmin")
        self.assertPage(dup, 422, "already has a section at that address")
        self.publish("handbook", "paid-parental-leave", lambda b: "Six weeks of paid leave after a birth or adoption.",
                     "New policy", citations="KRS 18A.025\n")
        page = self.get("/handbook/paid-parental-leave")
        self.assertPage(page, 200, "Six weeks of paid leave", "Leave")
        toc = self.get("/handbook").text
        self.assertLess(toc.index("/handbook/sick-leave\""), toc.index("/handbook/paid-parental-leave\""))
        self.assertIn('rel="next" href="/handbook/paid-parental-leave"', self.get("/handbook/sick-leave").text)
        # Move it to the start of the "Employee Relations" part.
        part = self.section_id("employee-relations")
        mvf = form_posting_to(self.get("/admin/sections/handbook/paid-parental-leave", user="hradmin").text,
                              "/admin/sections/handbook/paid-parental-leave/move")
        r = self.post("/admin/sections/handbook/paid-parental-leave/move", dict(mvf, place="%d:0" % part),
                      user="hradmin")
        self.assertEqual(r.status, 303, r.text[:2000])
        toc = self.get("/handbook").text
        self.assertLess(toc.index("/handbook/employee-relations\""), toc.index("/handbook/paid-parental-leave\""))
        self.assertLess(toc.index("/handbook/paid-parental-leave\""), toc.index("/handbook/grievances\""))
        bad = self.post("/admin/sections/handbook/paid-parental-leave/move", dict(mvf, place="%d:0" % sick),
                        user="hradmin")
        self.assertPage(bad, 400, "not in another section")
        # Importing the corpus again leaves HR's structure alone.
        self.admin_import()
        toc = self.get("/handbook").text
        self.assertLess(toc.index("/handbook/employee-relations\""), toc.index("/handbook/paid-parental-leave\""))
        self.assertLess(toc.index("/handbook/paid-parental-leave\""), toc.index("/handbook/grievances\""))
        # Retire, then restore.
        rt = form_posting_to(self.get("/admin/sections/handbook/paid-parental-leave", user="hradmin").text,
                             "/admin/sections/handbook/paid-parental-leave/retire")
        self.assertEqual(self.post("/admin/sections/handbook/paid-parental-leave/retire", rt, user="hradmin").status, 303)
        self.assertEqual(self.get("/handbook/paid-parental-leave").status, 404)
        self.assertNotIn("paid-parental-leave", self.get("/handbook").text)
        self.assertNotIn("/handbook/paid-parental-leave", self.search_urls("adoption"))
        rt = form_posting_to(self.get("/admin/sections/handbook/paid-parental-leave", user="hradmin").text,
                             "/admin/sections/handbook/paid-parental-leave/retire")
        self.assertEqual(rt["action"], "restore")
        self.assertEqual(self.post("/admin/sections/handbook/paid-parental-leave/retire", rt, user="hradmin").status, 303)
        self.assertEqual(self.get("/handbook/paid-parental-leave").status, 200)
        # A part with sections under it cannot be retired.
        rt = form_posting_to(self.get("/admin/sections/handbook/employee-relations", user="hradmin").text,
                             "/admin/sections/handbook/employee-relations/retire")
        self.assertPage(self.post("/admin/sections/handbook/employee-relations/retire", rt, user="hradmin"), 409,
                        "move or retire them first")

    def admin_import(self):
        # The staged copy of the corpus: the portal's user may not be able
        # to enter the source tree (a clone in root's home is 0700).
        server = self.portal.server
        out = subprocess.run([os.path.join(server.bindir, "hrportal-import"), "--db", server.db_path,
                              "--corpus", os.path.join(server.datadir, "corpus")], capture_output=True, text=True,
                             **self.run_as())
        self.assertEqual(out.returncode, 0, out.stderr)

    def run_as(self):
        if os.geteuid() != 0:
            return {}
        user = self.portal.server._run_user()
        return {"user": user.pw_uid, "group": user.pw_gid}

    def test_rollback_is_a_new_version(self):
        n, _ = self.publish("handbook", "funeral-and-bereavement-leave", lambda b: b + "\n\nNarwhal note.\n", "Add note")
        path = "/admin/sections/handbook/funeral-and-bereavement-leave"
        rb = form_posting_to(self.get(path, user="hradmin").text, path + "/rollback")
        r = self.post(path + "/rollback", dict(rb, version=str(n - 1), summary="The note was wrong"), user="hradmin")
        self.assertEqual((r.status, r.header("location")), (303, path + "?published=%d" % (n + 1)))
        back = self.version("funeral-and-bereavement-leave", n + 1)
        self.assertEqual(back["body_md"], self.version("funeral-and-bereavement-leave", n - 1)["body_md"])
        self.assertEqual(back["summary"], "Rolled back to version %d: The note was wrong" % (n - 1))
        self.assertNotIn("Narwhal", self.get("/handbook/funeral-and-bereavement-leave").text)
        self.assertIn("Narwhal", self.get("/handbook/funeral-and-bereavement-leave/history/%d" % n).text)
        # A stale rollback form (someone published since) is refused.
        r = self.post(path + "/rollback", dict(rb, version="1", summary="again"), user="hradmin")
        self.assertPage(r, 409, "newer version was published")

    def test_change_impact(self):
        rid = self.file("grievance", GRIEVANCE)
        page = self.get("/admin/sections/handbook/family-and-medical-leave-act-fmla", user="hradmin")
        self.assertPage(page, 200, "Family and medical leave (FMLA) wizard", 'href="/wizards/fmla"',
                        "101 KAR 2:102, Section 3", "Family and medical leave (FMLA) request")
        impact = page.text.split('id="impact-title"', 1)[1].split("</aside>", 1)[0]
        self.assertRegex(impact, r'href="/admin/glossary/[a-z-]+"')
        page = self.get("/admin/sections/handbook/grievances", user="hradmin")
        self.assertPage(page, 200, "1 open under these forms", 'href="/requests/%d"' % rid, "Grievance")
        self.assertIn("No wizard", page.text)
        page = self.get("/admin/sections/handbook/leave-sharing-programs", user="hradmin")
        self.assertPage(page, 200, "Leave sharing wizard", "KRS 18A.197", "Sick leave donation")

    def test_audit_log_has_a_row_per_action_and_refuses_edits(self):
        before = self.audit_count()
        self.publish("handbook", "holidays", lambda b: b + "\n\nAudited.\n", "Audit me")
        path = "/admin/sections/handbook/holidays"
        _, f = self.editor(path)
        self.assertEqual(self.send(path, f, "save").status, 303)
        rows = self.query("SELECT * FROM audit_log WHERE id > (SELECT max(id) FROM audit_log) - 2 ORDER BY id")
        self.assertEqual(self.audit_count(), before + 2)
        self.assertEqual([r["action"] for r in rows], ["section.publish", "draft.save"])
        self.assertEqual({(r["login"], r["target"], r["remote_addr"]) for r in rows},
                         {("hradmin", "/handbook/holidays", "127.0.0.1")})
        self.assertIn("Audit me", rows[0]["detail"])
        page = self.get("/admin/audit", user="hradmin")
        self.assertPage(page, 200, "section.publish", "/handbook/holidays", "Pat Rivera (hradmin)", "127.0.0.1")
        with sqlite3.connect(self.portal.db_path) as con:
            for sql in ("UPDATE audit_log SET login = 'someone'", "DELETE FROM audit_log"):
                with self.assertRaises(sqlite3.IntegrityError) as e:
                    con.execute(sql)
                self.assertIn("append-only", str(e.exception))
        self.assertEqual(self.audit_count(), before + 2)
        self.assertEqual(self.get("/admin/audit?page=abc", user="hradmin").status, 400)

    def test_autosave_script_is_a_static_file_and_the_form_works_without_it(self):
        page = self.get("/admin/sections/handbook/annual-leave", user="hradmin")
        self.assertIn('<script src="/static/admin.js?v=', page.text)
        self.assertEqual(len(re.findall(r"<script", page.text)), 1)
        self.assertIn("script-src 'self'", page.header("content-security-policy"))
        js = self.get("/static/admin.js")
        self.assertEqual(js.status, 200)
        self.assertIn('data.set("action", "autosave")', js.text)
        # Without the script, the buttons post the same form.
        self.assertRegex(page.text, r'<button type="submit" name="action" value="save"')

    def test_admin_pages_are_valid_html5(self):
        if shutil.which("tidy") is None:
            self.skipTest("tidy is not installed (Debian package tidy)")
        path = "/admin/sections/handbook/annual-leave"
        _, f = self.editor(path)
        self.send(path, f, "save")
        pages = ["/admin", "/admin/documents/handbook", path, path + "/preview", "/admin/glossary",
                 "/admin/glossary/appointing-authority", "/admin/audit", "/admin/templates",
                 "/admin/announcements/new", "/admin/acknowledgements", "/my/subscriptions", "/my/acknowledgements",
                 "/whats-new"]
        for p in pages:
            body = self.get(p, user="hradmin").raw
            out = subprocess.run(["tidy", "-q", "-e", "-utf8"], input=body, capture_output=True)
            problems = [line for line in out.stderr.decode().splitlines()
                        if line.strip() and "aria-current" not in line]
            self.assertLess(out.returncode, 2, p)
            self.assertEqual(problems, [], p)


class Concurrency(PublishingCase):
    """Two HR editors on the same section."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr2_added = False

    def setUp(self):
        if not Concurrency.hr2_added:
            self.admin("add-user", "--login", "hrtwo", "--employee-id", "100501", "--name", "Lee Park",
                       "--email", "hrtwo@example.ky.gov", "--agency", "Personnel Cabinet", "--role", "hr")
            self.add_login("hrtwo")
            Concurrency.hr2_added = True

    def test_second_publish_refused_with_the_diff_then_merged(self):
        path = "/admin/sections/handbook/annual-leave"
        _, a = self.editor(path, user="hradmin")
        _, b = self.editor(path, user="hrtwo")
        a["body"] += "\n\nPat adds the pelican paragraph.\n"
        r = self.send(path, a, "publish", user="hradmin", summary="Pelican")
        self.assertEqual(r.status, 303)
        b["body"] += "\n\nLee adds the heron paragraph.\n"
        r = self.send(path, b, "publish", user="hrtwo", summary="Heron")
        self.assertPage(r, 409, "Someone else changed this first", "Pat Rivera published version 2",
                        "<ins>Pat adds the pelican paragraph.</ins>", "Nothing was saved and nothing was overwritten")
        merge = form_posting_to(r.text, path)
        self.assertIn("heron paragraph", merge["body"])
        self.assertEqual(merge["base"], "2")
        v = self.one("SELECT max(version) AS v FROM section_versions WHERE section_id = ?",
                     self.section_id("annual-leave"))["v"]
        self.assertEqual(v, 2)
        self.assertNotIn("heron", self.version("annual-leave", 2)["body_md"])
        self.assertEqual(self.query("SELECT * FROM drafts WHERE owner_id = ?", self.section_id("annual-leave")), [])
        # Saving a draft from the stale form is refused the same way.
        self.assertEqual(self.send(path, b, "save", user="hrtwo").status, 409)
        # Lee merges (both paragraphs) from the conflict page and publishes.
        merge["body"] = self.version("annual-leave", 2)["body_md"] + "\n\nLee adds the heron paragraph.\n"
        r = self.send(path, merge, "publish", user="hrtwo", summary="Heron too")
        self.assertEqual(r.status, 303, r.text[:2000])
        v3 = self.version("annual-leave", 3)["body_md"]
        self.assertIn("pelican", v3)
        self.assertIn("heron", v3)

    def test_newer_draft_by_someone_else_is_not_overwritten(self):
        path = "/admin/sections/handbook/sick-leave"
        _, a = self.editor(path, user="hradmin")
        _, b = self.editor(path, user="hrtwo")
        self.assertEqual(self.send(path, a, "save", user="hradmin", body=a["body"] + "\nPat's ibis.\n").status, 303)
        page = self.get(path, user="hrtwo")
        self.assertIn("Pat Rivera has a draft", page.text)
        r = self.send(path, b, "save", user="hrtwo", body=b["body"] + "\nLee's egret.\n")
        self.assertPage(r, 409, "Pat Rivera saved a draft", "<del>Lee&#39;s egret.</del>")
        self.assertEqual([d["user_id"] for d in self.query("SELECT user_id FROM drafts WHERE owner_id = ?",
                                                           self.section_id("sick-leave"))],
                         [self.one("SELECT id FROM users WHERE login = 'hradmin'")["id"]])
        # Autosave gets the same answer, as a plain refusal.
        r = self.send(path, b, "autosave", user="hrtwo")
        self.assertEqual(r.status, 409)
        # From the conflict page (it has seen Pat's draft), Lee can save.
        merge = form_posting_to(self.send(path, b, "save", user="hrtwo").text, path)
        self.assertEqual(self.send(path, merge, "save", user="hrtwo").status, 303)
        # Now Pat's older form is the stale one.
        self.assertEqual(self.send(path, a, "save", user="hradmin").status, 409)
        r = self.send(path, merge, "autosave", user="hrtwo")
        self.assertEqual((r.status, r.header("content-type")), (200, "text/plain; charset=utf-8"))
        self.assertIn("Draft saved", r.text)


class Announcements(PublishingCase):
    """Templates, What's new, the feed and the email, through the real mailer."""

    portal_options = {"mail": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ready = False

    def setUp(self):
        if Announcements.ready:
            return
        self.admin("add-user", "--login", "ecarter", "--employee-id", "200777", "--name", "Eve Carter",
                   "--email", "ecarter@example.ky.gov", "--agency", "Department of Revenue", "--role", "employee")
        self.add_login("ecarter")
        # jdoe follows the part with the leave sections; msmith follows nothing.
        part = self.section_id("benefits-of-employment")
        page = self.get("/my/subscriptions", user="jdoe")
        self.assertPage(page, 200, "Benefits of Employment")
        f = form_posting_to(page.text, "/my/subscriptions")
        r = self.post("/my/subscriptions", dict(f, part=str(part)), user="jdoe")
        self.assertEqual((r.status, r.header("location")), (303, "/my/subscriptions?saved=1"))
        self.assertIn('value="%d" checked' % part, self.get("/my/subscriptions", user="jdoe").text)
        Announcements.ready = True

    def announce(self, template, fields, expect=303, **form):
        page = self.get("/admin/announcements/new?template=" + template, user="hradmin")
        self.assertEqual(page.status, 200, page.text[:1000])
        data = form_posting_to(page.text, "/admin/announcements")
        data.update(form)
        data.update({"f_" + k: v for k, v in fields.items()})
        r = self.post("/admin/announcements", data, user="hradmin")
        self.assertEqual(r.status, expect, r.text[:3000])
        return r

    def test_policy_change_reaches_subscribers_only(self):
        r = self.announce("policy-change", {"what_changed": "Sick leave now accrues from the first day.",
                                            "action": "Nothing: it is automatic."},
                          title="Sick leave from day one", section="handbook/sick-leave", audience="subscribers",
                          action="publish")
        aid = int(r.header("location").rsplit("-", 1)[1])
        rows = self.query("SELECT to_addr, subject, kind FROM outbox WHERE kind = 'announcement' AND subject = ?",
                          "Sick leave from day one")
        self.assertEqual([tuple(x) for x in rows], [("jdoe@example.ky.gov", "Sick leave from day one", "announcement")])
        mail = self.wait_for_mail("jdoe@example.ky.gov", where=lambda m: m["msg"]["Subject"] == "Sick leave from day one")[0]
        text = self.portal.mail_text(mail)
        self.assertIn("Sick leave now accrues from the first day.", text)
        self.assertIn("%s/whats-new#announcement-%d" % (self.portal.url, aid), text)
        self.assertIn("%s/my/subscriptions" % self.portal.url, text)
        self.assertIn('href="%s/handbook/sick-leave"' % self.portal.url, mail["msg"].get_body(("html",)).get_content())
        page = self.get("/whats-new")
        self.assertPage(page, 200, 'id="announcement-%d"' % aid, "Sick leave from day one",
                        "Sick leave now accrues from the first day.", "<strong>Sick Leave</strong>")
        self.assertEqual(self.query("SELECT * FROM outbox WHERE to_addr = 'msmith@example.ky.gov' AND kind = "
                                    "'announcement'"), [])

    def test_agency_announcement_and_escaping(self):
        r = self.announce("reminder", {"what": "Submit <script>alert(1)</script> timesheets", "deadline": "Friday"},
                          title="Timesheets <b>due</b>", section="", audience="agencies", agency="Department of Revenue",
                          action="publish")
        rows = self.query("SELECT to_addr FROM outbox WHERE kind = 'announcement' AND subject = ?",
                          "Timesheets <b>due</b>")
        self.assertEqual([x["to_addr"] for x in rows], ["ecarter@example.ky.gov"])
        self.wait_for_mail("ecarter@example.ky.gov")
        page = self.get("/whats-new")
        self.assertIn("Timesheets &lt;b&gt;due&lt;/b&gt;", page.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page.text)
        self.assertNotIn("<script>alert", page.text)
        # Bad choices: the form again with the message.
        r = self.announce("reminder", {"what": "x"}, expect=422, title="T", section="", audience="agencies",
                          action="publish")
        self.assertIn("Choose one or more agencies", r.text)
        r = self.announce("reminder", {"what": "x"}, expect=422, title="T", section="", audience="agencies",
                          agency="No Such Agency", action="publish")
        self.assertIn("Choose agencies from the list", r.text)
        r = self.announce("policy-change", {"what_changed": "x"}, expect=422, title="T", section="",
                          audience="subscribers", action="publish")
        self.assertIn("choose the section it is about", r.text)

    def test_preview_before_publishing(self):
        before = self.count("announcements")
        r = self.announce("new-form", {"form_title": "Telework agreement", "purpose": "Ask to work from home.",
                                       "link": "/forms/telework/new"},
                          expect=200, title="New: telework agreement", section="", audience="none", action="preview")
        self.assertIn("Preview", r.text)
        self.assertIn("<strong>Telework agreement</strong>", r.text)
        self.assertIn('href="%s/forms/telework/new"' % self.portal.url, r.text)
        self.assertEqual(self.count("announcements"), before)

    def test_atom_feed_is_valid_and_advertised_on_every_page(self):
        self.announce("reminder", {"what": "Read the ethics code & sign", "deadline": "2027-02-01"},
                      title="Ethics & you", section="", audience="none", action="publish")
        r = self.get("/whats-new.atom")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "application/atom+xml; charset=utf-8")
        self.assertTrue(r.raw.startswith(b'<?xml version="1.0" encoding="utf-8"?>'))
        feed = ET.fromstring(r.raw)
        self.assertEqual(feed.tag, ATOM + "feed")
        for name in ("id", "title", "updated", "author"):
            self.assertIsNotNone(feed.find(ATOM + name), name)
        self.assertRegex(feed.find(ATOM + "updated").text, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        links = {l.get("rel"): l.get("href") for l in feed.findall(ATOM + "link")}
        self.assertEqual(links["self"], self.portal.url + "/whats-new.atom")
        entries = feed.findall(ATOM + "entry")
        self.assertTrue(entries)
        ids = [e.find(ATOM + "id").text for e in entries]
        self.assertEqual(len(ids), len(set(ids)))
        titles = {}
        for e in entries:
            for name in ("id", "title", "updated", "link", "content"):
                self.assertIsNotNone(e.find(ATOM + name), name)
            self.assertEqual(e.find(ATOM + "content").get("type"), "html")
            titles[e.find(ATOM + "title").text] = e.find(ATOM + "content").text
        self.assertIn("Read the ethics code &amp; sign", titles["Ethics & you"])
        for path, user in (("/", None), ("/handbook/sick-leave", None), ("/glossary", None), ("/search?q=leave", None),
                           ("/nope", None), ("/forms", "jdoe"), ("/admin", "hradmin"), ("/whats-new", None)):
            page = self.get(path, user=user)
            self.assertIn('<link rel="alternate" type="application/atom+xml" title="What\'s new" '
                          'href="/whats-new.atom">', page.text, path)

    def test_publishing_a_section_with_an_announcement_is_one_transaction(self):
        n, r = self.publish("handbook", "annual-leave", lambda b: b + "\n\nCarry-over rises to 300 hours.\n",
                            "Carry-over rises", announce="1", announce_action="Check your balance.")
        self.assertIn("announced=1", r.header("location"))
        ann = self.one("SELECT * FROM announcements WHERE section_id = ? ORDER BY id DESC LIMIT 1",
                       self.section_id("annual-leave"))
        self.assertEqual((ann["section_version"], ann["title"], ann["recipients"]),
                         (n, "Policy change: Annual Leave", 1))
        self.assertIn("Carry-over rises", ann["body_text"])
        self.assertIn("Check your balance.", ann["body_text"])
        self.assertEqual(len(self.outbox(to="jdoe", kind="announcement")) >= 1, True)
        actions = [r["action"] for r in self.query("SELECT action FROM audit_log ORDER BY id DESC LIMIT 2")]
        self.assertEqual(actions, ["announcement.publish", "section.publish"])

    def test_publish_confirmation_says_what_was_and_was_not_done(self):
        # A section nobody subscribes to and no campaign covers: announcing
        # it sends no email and marking it material asks nobody; the
        # confirmation says so instead of staying silent.
        slug = None
        for row in self.query("SELECT s.id, s.slug FROM sections s JOIN documents d ON d.id = s.document_id "
                              "WHERE d.slug = 'handbook' ORDER BY s.id DESC"):
            if (self.one("SELECT count(*) AS n FROM subscriptions WHERE section_id = ?", row["id"])["n"] == 0
                    and self.one("SELECT count(*) AS n FROM ack_campaigns WHERE section_id = ?",
                                 row["id"])["n"] == 0):
                slug = row["slug"]
                break
        self.assertIsNotNone(slug)
        n, r = self.publish("handbook", slug, lambda b: b + "\n\nA material change.\n", "Material change",
                            date="2027-06-01", announce="1", material="1")
        self.assertIn("announced=0", r.header("location"))
        self.assertIn("material=1", r.header("location"))
        page = self.get(r.header("location"), user="hradmin")
        self.assertPage(page, 200, "Published version %d." % n,
                        "It takes effect on 2027-06-01: until then readers see the version in effect today.",
                        "Announced on What's new. No email went out: nobody subscribes to this section yet.",
                        "Marked material, but no acknowledgement campaign covers this section, "
                        "so nobody is asked to acknowledge it.", 'href="/admin/acknowledgements">Start a campaign')
        # The dashboard lists the change still to come and the announcement that mailed nobody.
        home = self.get("/admin", user="hradmin")
        self.assertPage(home, 200, "Changes waiting for their effective date",
                        "version %d takes effect on 2027-06-01 (Material change)" % n,
                        "no email: nobody subscribes to its section)")

    def test_employees_diff_shows_rendered_text_and_tables_as_tables(self):
        n, _ = self.publish("handbook", "military-leave",
                            lambda b: b + "\n\n| Kind | Days |\n| --- | --- |\n| Training | **15** |\n",
                            "Add a table")
        page = self.get("/handbook/military-leave/diff?from=%d&to=%d" % (n - 1, n))
        self.assertPage(page, 200, '<div class="diff-block diff-added"><p class="diff-label">Added:</p>',
                        "<table>", "<td>Training</td>", "<strong>15</strong>")
        body = page.text.split('<div class="diff">', 1)[1].split("All versions", 1)[0]
        self.assertNotIn("| --- |", body)
        self.assertNotIn("**15**", body)

    def test_history_times_are_in_the_portals_time_zone(self):
        self.publish("handbook", "holidays", lambda b: b + "\n\nOne more holiday note.\n", "Holiday note")
        page = self.get("/handbook/holidays/history")
        self.assertEqual(page.status, 200, page.text[:2000])
        self.assertNotRegex(page.text, r"<td>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ</td>")
        self.assertRegex(page.text, r"<td>\d{4}-\d\d-\d\d \d\d:\d\d ET</td>")
        editor = self.get("/admin/sections/handbook/holidays", user="hradmin")
        self.assertNotRegex(editor.text, r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

    def test_templates_hr_adds_and_hostile_ones_refused(self):
        page = self.get("/admin/templates", user="hradmin")
        f = form_posting_to(page.text, "/admin/templates")
        good = dict(f, name="Office closure", slug="", description="A building closes.",
                    fields="building|Building|text\nwhen|When|text",
                    body="The **<?cs var:Field.building ?>** building is closed <?cs var:Field.when ?>."
                         "<?cs if:Section.Title ?> See <?cs var:Section.Title ?>.<?cs /if ?>")
        r = self.post("/admin/templates", dict(good, action="check"), user="hradmin")
        self.assertPage(r, 200, "Filled in with examples", "<strong>(Building)</strong>")
        r = self.post("/admin/templates", dict(good, action="save"), user="hradmin")
        self.assertEqual((r.status, r.header("location")), (303, "/admin/templates?added=office-closure"))
        r = self.announce("office-closure", {"building": "Capitol Annex", "when": "on Monday"}, expect=200,
                          title="Closure", section="", audience="none", action="preview")
        self.assertIn("The <strong>Capitol Annex</strong> building is closed on Monday.", r.text)
        before = self.count("announcement_templates")
        hostile = {
            'include': '<?cs include:"/etc/passwd" ?>',
            'linclude': '<?cs linclude:"layout.cs" ?>',
            'evar': '<?cs evar:Field.building ?>',
            'lvar': '<?cs lvar:Field.building ?>',
            'uvar': '<?cs uvar:Field.building ?>',
            'escape': '<?cs escape:"none" ?><?cs var:Field.building ?><?cs /escape ?>',
            'set': '<?cs set:Config.VarEscapeMode = "none" ?><?cs var:Field.building ?>',
            'loop': '<?cs loop:i = 1, 1000000000 ?>x<?cs /loop ?>',
            'def': '<?cs def:boom() ?><?cs call:boom() ?><?cs /def ?>',
            'alt': '<?cs alt:Field.building ?>x<?cs /alt ?>',
            'name': '<?cs each:f = Field ?><?cs name:f ?><?cs /each ?>',
            'INCLUDE': '<?CS INCLUDE:"/etc/passwd" ?>',
        }
        for command, body in hostile.items():
            r = self.post("/admin/templates", dict(good, name="Bad " + command, body=body, action="save"),
                          user="hradmin")
            self.assertPage(r, 422, "The command &quot;%s&quot; is not allowed" % command)
        r = self.post("/admin/templates", dict(good, name="Broken", body="<?cs if:Field.x ?>never closed",
                                               action="save"), user="hradmin")
        self.assertPage(r, 422, "The if opened on line 1 is never closed with /if.")
        r = self.post("/admin/templates", dict(good, name="Broken", body="<?cs var:Field.x + ?>", action="save"),
                      user="hradmin")
        self.assertPage(r, 422, "does not parse")
        r = self.post("/admin/templates", dict(good, name="Bad fields", fields="Not A Name|x", action="save"),
                      user="hradmin")
        self.assertPage(r, 422, "a field name is")
        self.assertEqual(self.count("announcement_templates"), before)
        self.assertNotIn("root:", r.text)


class Acknowledgements(PublishingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ready = False

    def setUp(self):
        if Acknowledgements.ready:
            return
        self.admin("add-user", "--login", "ecarter", "--employee-id", "200777", "--name", "Eve Carter",
                   "--email", "ecarter@example.ky.gov", "--agency", "Department of Revenue", "--role", "employee")
        self.add_login("ecarter")
        Acknowledgements.ready = True

    def campaign(self, section, title, due="2027-02-01", scope="all", expect=303, **extra):
        page = self.get("/admin/acknowledgements", user="hradmin")
        f = form_posting_to(page.text, "/admin/acknowledgements")
        r = self.post("/admin/acknowledgements", dict(f, section=section, title=title, due_on=due, scope=scope, **extra),
                      user="hradmin")
        self.assertEqual(r.status, expect, r.text[:2000])
        return int(r.header("location").rsplit("/", 1)[1]) if expect == 303 else r

    def completion(self, cid):
        page = self.get("/admin/acknowledgements/%d" % cid, user="hradmin")
        self.assertEqual(page.status, 200)
        m = re.search(r"<strong>(\d+) of (\d+)</strong> acknowledged", page.text)
        return int(m.group(1)), int(m.group(2)), page

    def acknowledge(self, cid, user, name, expect=303):
        page = self.get("/my/acknowledgements", user=user)
        f = form_posting_to(page.text, "/my/acknowledgements/%d" % cid)
        r = self.post("/my/acknowledgements/%d" % cid, dict(f, signature=name), user=user)
        self.assertEqual(r.status, expect, r.text[:2000])
        return r

    def test_campaign_counts_reminders_and_material_change(self):
        people = self.one("SELECT count(*) AS n FROM users WHERE active = 1")["n"]
        cid = self.campaign("handbook/tobacco-free-policy", "Tobacco-free policy 2027")
        done, required, page = self.completion(cid)
        self.assertEqual((done, required), (0, people))
        self.assertIn("Department of Revenue", page.text)
        # Employees are told on their pages, and see what to sign.
        self.assertPage(self.get("/forms", user="jdoe"), 200, "You have 1 policy to acknowledge")
        mine = self.get("/my/acknowledgements", user="jdoe")
        self.assertPage(mine, 200, "Tobacco-free policy 2027", 'href="/handbook/tobacco-free-policy/history/1"',
                        "Type your full name to sign: <strong>Jane Doe</strong>")
        r = self.acknowledge(cid, "jdoe", "Someone Else", expect=422)
        self.assertIn("does not match the name on your account", r.text)
        self.assertEqual(self.completion(cid)[0], 0)
        self.acknowledge(cid, "jdoe", "jane doe")
        self.acknowledge(cid, "ecarter", "Eve Carter")
        done, _, page = self.completion(cid)
        self.assertEqual(done, 2)
        self.assertRegex(page.text, r"<td>Department of Revenue</td><td>1</td><td>1</td><td>0</td><td>100%</td>")
        self.assertNotIn("policy to acknowledge", self.get("/forms", user="jdoe").text)
        signed = self.one("SELECT * FROM acknowledgements WHERE user_id = (SELECT id FROM users WHERE login = 'jdoe')")
        self.assertEqual((signed["typed_name"], signed["version"], signed["signed_at"]), ("jane doe", 1, CLOCK))
        # Signing twice records nothing new.
        self.post("/my/acknowledgements/%d" % cid, {"csrf": self.token("jdoe", "/my/acknowledgements/%d" % cid),
                                                    "signature": "Jane Doe"}, user="jdoe")
        self.assertEqual(self.count("acknowledgements"), 2)
        # Reminders go to those still pending, through the outbox.
        rem = form_posting_to(page.text, "/admin/acknowledgements/%d/remind" % cid)
        r = self.post("/admin/acknowledgements/%d/remind" % cid, rem, user="hradmin")
        self.assertEqual(r.header("location"), "/admin/acknowledgements/%d?reminded=%d" % (cid, people - 2))
        to = sorted(x["to_addr"] for x in self.query("SELECT to_addr FROM outbox WHERE kind = 'ack_reminder'"))
        self.assertEqual(len(to), people - 2)
        self.assertNotIn("jdoe@example.ky.gov", to)
        self.assertIn("msmith@example.ky.gov", to)
        body = self.one("SELECT body_text FROM outbox WHERE kind = 'ack_reminder' AND to_addr = 'msmith@example.ky.gov'")
        self.assertIn("Tobacco-Free Policy (version 1) by 2027-02-01", body["body_text"])
        self.assertIn(self.portal.url + "/my/acknowledgements", body["body_text"])
        # A change that is not material keeps the acknowledgements ...
        self.publish("handbook", "tobacco-free-policy", lambda b: b + "\n\nTypo fixed.\n", "Typo")
        self.assertEqual(self.completion(cid)[0], 2)
        # ... a material one asks everyone again.
        n, _ = self.publish("handbook", "tobacco-free-policy", lambda b: b + "\n\nNo smoking in parked cars.\n",
                            "Cars too", material="1")
        done, _, page = self.completion(cid)
        self.assertEqual(done, 0)
        self.assertIn("Re-opened by a material change", page.text)
        mine = self.get("/my/acknowledgements", user="jdoe")
        self.assertIn("/handbook/tobacco-free-policy/history/%d" % n, mine.text)
        self.assertIn("You have 1 policy to acknowledge", mine.text)
        self.acknowledge(cid, "jdoe", "Jane Doe")
        self.assertEqual(self.completion(cid)[0], 1)

    def test_campaign_for_chosen_agencies(self):
        cid = self.campaign("handbook/ethics-code-for-the-executive-branch", "Ethics for Revenue", scope="agencies",
                            agency="Department of Revenue")
        self.assertEqual(self.completion(cid)[:2], (0, 1))
        self.assertIn("Ethics for Revenue", self.get("/my/acknowledgements", user="ecarter").text)
        self.assertNotIn("Ethics for Revenue", self.get("/my/acknowledgements", user="jdoe").text)
        self.assertEqual(self.post("/my/acknowledgements/%d" % cid,
                                   {"csrf": self.token("jdoe", "/my/acknowledgements/%d" % cid), "signature": "Jane Doe"},
                                   user="jdoe").status, 404)
        r = self.campaign("handbook/ethics-code-for-the-executive-branch", "x", scope="agencies", expect=422)
        self.assertIn("Choose all agencies, or one or more agencies", r.text)
        r = self.campaign("", "x", expect=422)
        self.assertIn("Choose the section employees must acknowledge", r.text)
        r = self.campaign("handbook/ethics-code-for-the-executive-branch", "x", due="2026-12-01", expect=422)
        self.assertIn("today or later", r.text)


class AccessControl(PublishingCase):
    """Every admin address and POST, for every role but HR: 403, nothing changes."""

    def admin_routes(self):
        with open(os.path.join(SRCDIR, "src", "web", "pages", "routes.c")) as f:
            routes = re.findall(r'\{ "(GET|POST)", "(/admin[^"]*)", \w+, (ACCESS_\w+) \}', f.read())
        self.assertGreater(len(routes), 20)
        out = []
        for method, pattern, access in routes:
            self.assertEqual(access, "ACCESS_HR", pattern)
            values = iter(["handbook", "sick-leave"] if pattern.startswith("/admin/sections/") else
                          ["appointing-authority"] if pattern.startswith("/admin/glossary/") else
                          ["1"] if pattern.startswith("/admin/acknowledgements/") else ["handbook"])
            out.append((method, re.sub(r"\*", lambda m: next(values), pattern)))
        return out

    def test_non_hr_users_get_403_everywhere_under_admin(self):
        state = lambda: (self.count("audit_log"), self.count("section_versions"), self.count("drafts"),
                         self.count("announcements"), self.count("ack_campaigns"), self.count("announcement_templates"),
                         self.count("sections"), self.count("outbox"))
        self.get("/admin", user="hradmin")     # the installation's CSRF key exists
        before = state()
        routes = self.admin_routes()
        for user in ("jdoe", "msmith", "dlee", "kbrown"):
            for method, path in routes:
                if method == "GET":
                    r = self.get(path, user=user)
                else:
                    # A valid token for this user and action: access itself refuses.
                    r = self.post(path, {"csrf": self.token(user, path), "action": "publish", "title": "x",
                                         "body": "x", "summary": "x", "effective_date": TODAY, "base": "1",
                                         "seen": "0", "version": "1", "place": "0:0", "section": "handbook/sick-leave",
                                         "due_on": "2027-02-01", "scope": "all", "template": "reminder",
                                         "audience": "none", "name": "x", "fields": "a|A"}, user=user)
                self.assertEqual(r.status, 403, (user, method, path))
                self.assertIn("This page is for HR staff.", r.text, (user, method, path))
            # Without credentials: sent to /signin (the one place that challenges).
            self.assertEqual(self.get(routes[0][1]).status, 303)
        self.assertEqual(state(), before)
        # HR itself still needs its token.
        r = self.post("/admin/sections/handbook/sick-leave", {"action": "save", "title": "x", "body": "x",
                                                              "base": "1", "seen": "0"}, user="hradmin")
        self.assertEqual(r.status, 403)
        self.assertEqual(state(), before)
        # Employees' own publishing pages are theirs, and HR-only links are not shown to them.
        self.assertEqual(self.get("/my/subscriptions", user="jdoe").status, 200)
        self.assertNotIn('href="/admin"', self.get("/forms", user="jdoe").text)
        self.assertIn('href="/admin"', self.get("/forms", user="hradmin").text)

    def test_bad_input_to_admin_pages(self):
        self.assertEqual(self.get("/admin/sections/handbook/no-such-section", user="hradmin").status, 404)
        self.assertEqual(self.get("/admin/sections/nodoc/sick-leave", user="hradmin").status, 404)
        self.assertEqual(self.get("/admin/glossary/no-such-term", user="hradmin").status, 404)
        self.assertEqual(self.get("/admin/acknowledgements/abc", user="hradmin").status, 404)
        self.assertEqual(self.get("/admin/acknowledgements/999", user="hradmin").status, 404)
        self.assertEqual(self.get("/admin/announcements/new?template=nope", user="hradmin").status, 404)
        self.assertEqual(self.get("/admin/documents/nodoc", user="hradmin").status, 404)
        path = "/admin/sections/handbook/sick-leave"
        _, f = self.editor(path)
        for changes, status in (({"action": "nonsense"}, 400), ({"action": "save", "base": "x"}, 400),
                                ({"action": "save", "base": "99"}, 400), ({"action": "save", "seen": ""}, 400)):
            data = dict(f)
            data.update(changes)
            r = self.post(path, data, user="hradmin")
            self.assertEqual(r.status, status, changes)
        self.assertEqual(self.count("drafts"), 0)


@unittest.skipIf(SANITIZERS, "valgrind and AddressSanitizer do not mix")
@unittest.skipUnless(os.path.exists("/usr/bin/valgrind"), "valgrind is not installed")
class UnderValgrind(unittest.TestCase):
    """The publishing pages and POSTs in one portal process under valgrind:
    no memory errors, no leaks."""

    def test_publishing_is_valgrind_clean(self):
        portal = Portal(fcgi_processes=1, extra_conf=VALGRIND_WRAPPER)
        h = {"X-Hrportal-Now": CLOCK}

        def get(path, user="hradmin"):
            r = portal.get(path, user=user, headers=h)
            self.assertIn(r.status, (200, 303, 404), (path, r.text[:500]))
            return r

        def post(path, fields, user="hradmin", expect=(303,)):
            r = portal.post(path, fields, user=user, headers=h)
            self.assertIn(r.status, expect, (path, r.text[:1000]))
            return r

        try:
            portal.start()
            path = "/admin/sections/handbook/sick-leave"
            f = form_posting_to(get(path).text, path)
            post(path, dict(f, action="save", body=f["body"] + "\n\nValgrind note.\n"))
            post(path, dict(f, action="preview"))
            get(path + "/preview")
            post(path, dict(f, action="publish", summary=""), expect=(422,))
            post(path, dict(f, action="preview", body="  " * 40 + "- x\n" + "".join("  " * d + "- y\n" for d in range(40))),
                 expect=(422,))
            post(path, dict(f, action="publish", summary="Valgrind", announce="1"))
            post(path, dict(f, action="save"), expect=(409,))
            rb = form_posting_to(get(path).text, path + "/rollback")
            post(path + "/rollback", dict(rb, version="1", summary="Back"))
            term = "/admin/glossary/appointing-authority"
            t = form_posting_to(get(term).text, term)
            post(term, dict(t, action="preview"))
            get(term + "/preview")
            post(term, dict(t, action="publish", summary="Same", effective_date="2027-02-01"))
            c = form_posting_to(get("/admin/documents/handbook").text, "/admin/documents/handbook/sections")
            post("/admin/documents/handbook/sections", dict(c, title="Valgrind Leave", place="0:0"))
            tp = form_posting_to(get("/admin/templates").text, "/admin/templates")
            post("/admin/templates", dict(tp, name="V", fields="a|A", body="<?cs var:Field.a ?>", action="check"),
                 expect=(200,))
            post("/admin/templates", dict(tp, name="V", fields="a|A", body="<?cs include:\"x\" ?>", action="save"),
                 expect=(422,))
            post("/admin/templates", dict(tp, name="V", fields="a|A", body="<?cs if:x ?>", action="save"),
                 expect=(422,))
            an = form_posting_to(get("/admin/announcements/new?template=reminder").text, "/admin/announcements")
            post("/admin/announcements", dict(an, title="V", f_what="<b>x</b>", audience="none", action="preview"),
                 expect=(200,))
            post("/admin/announcements", dict(an, title="V", f_what="x", audience="agencies",
                                              agency="Personnel Cabinet", action="publish"))
            k = form_posting_to(get("/admin/acknowledgements").text, "/admin/acknowledgements")
            r = post("/admin/acknowledgements", dict(k, section="handbook/sick-leave", title="V", due_on="2027-02-01",
                                                     scope="all"))
            cid = r.header("location").rsplit("/", 1)[1]
            mine = form_posting_to(get("/my/acknowledgements", user="jdoe").text, "/my/acknowledgements/" + cid)
            post("/my/acknowledgements/" + cid, dict(mine, signature="Jane Doe"), user="jdoe")
            rem = form_posting_to(get("/admin/acknowledgements/" + cid).text,
                                  "/admin/acknowledgements/%s/remind" % cid)
            post("/admin/acknowledgements/%s/remind" % cid, rem)
            for p in ("/admin", "/admin/audit", "/admin/glossary", "/whats-new", "/whats-new.atom",
                      "/my/subscriptions", "/handbook/sick-leave"):
                get(p)
            self.assertEqual(portal.get("/admin", user="jdoe", headers=h).status, 403)
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
