"""Versions of a section: the upcoming-change notice, history, any
version, word-level diff, reading as of a date, and the whole handbook as
one PDF with a table of contents and page numbers."""
import os
import re
import shutil
import subprocess
import tempfile

from harness import PortalTestCase, main


class Versions(PortalTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Publish a version 2 of Voting Leave taking effect in 2030 and a
        # version 2 of Court Leave that took effect in 2020 (as HR will).
        with cls.portal.db() as con:
            for slug, date, old, new, summary in (
                    ("voting-leave", "2030-01-01", "4 Hours", "6 Hours", "Voting leave up to six hours"),
                    ("court-leave", "2020-03-01", "jurors", "trial jurors", "Clarify jury service")):
                sid = con.execute("SELECT s.id FROM sections s JOIN documents d ON d.id = s.document_id "
                                  "WHERE d.slug = 'handbook' AND s.slug = ?", (slug,)).fetchone()[0]
                v1 = con.execute("SELECT * FROM section_versions WHERE section_id = ? AND version = 1",
                                 (sid,)).fetchone()
                assert old in v1["body_text"], slug
                con.execute("INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, "
                            "effective_date, published_at, published_by, summary) VALUES (?,2,?,?,?,?,?,?,?,?)",
                            (sid, v1["title"], v1["body_md"].replace(old, new), v1["body_html"].replace(old, new),
                             v1["body_text"].replace(old, new), date, "2019-12-01T10:00:00Z", "hradmin", summary))

    def test_future_change_is_announced_and_takes_effect_on_its_date(self):
        r = self.get("/handbook/voting-leave", headers={"X-Hrportal-Now": "2026-11-23T12:00:00Z"})
        self.assertPage(r, 200, "This section changes on 2030-01-01: Voting leave up to six hours.",
                        "up to 4 Hours of Voting Leave")
        r = self.get("/handbook/voting-leave", headers={"X-Hrportal-Now": "2030-01-01T12:00:00Z"})
        self.assertPage(r, 200, "6 Hours", "Version 2, in effect since 2030-01-01")
        self.assertNotIn("This section changes on", r.text)

    def test_history_lists_versions_and_links_diffs(self):
        r = self.get("/handbook/court-leave/history")
        self.assertPage(r, 200, "History of Court Leave", "Clarify jury service", "hradmin",
                        'href="/handbook/court-leave/diff?from=1&amp;to=2"', ">current<")
        r = self.get("/handbook/court-leave/history/1")
        self.assertPage(r, 200, "You are reading version 1 of this section",
                        'The version in effect today is <a href="/handbook/court-leave">version 2</a>')

    def test_word_level_diff(self):
        r = self.get("/handbook/court-leave/diff?from=1&to=2")
        self.assertPage(r, 200, "From version 1 to version 2", "<ins>trial</ins> jurors", "0 words removed")
        self.assertEqual(self.get("/handbook/court-leave/diff?from=1").status, 400)
        self.assertEqual(self.get("/handbook/court-leave/diff?from=1&to=7").status, 404)
        self.assertEqual(self.get("/handbook/court-leave/history/0").status, 404)
        self.assertEqual(self.get("/handbook/court-leave/history/abc").status, 404)

    def test_handbook_as_of_a_past_date(self):
        r = self.get("/handbook/court-leave?as_of=2019-06-01")
        self.assertPage(r, 200, "as it stood on 2019-06-01", "Version 1")
        self.assertNotIn("trial jurors", r.text)
        r = self.get("/handbook?as_of=2019-06-01")
        self.assertPage(r, 200, 'href="/handbook/court-leave?as_of=2019-06-01"')
        for bad in ("2019-02-30", "yesterday", "2019-6-1", ""):
            self.assertEqual(self.get("/handbook/court-leave?as_of=" + bad).status, 400, bad)

    def test_whole_handbook_pdf(self):
        r = self.get("/handbook.pdf")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.raw.startswith(b"%PDF-"))
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext is not installed")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(r.raw)
            f.flush()
            text = subprocess.run(["pdftotext", "-layout", f.name, "-"], capture_output=True,
                                  check=True).stdout.decode()
        self.assertIn("Employee Handbook", text)
        self.assertIn("Contents", text)
        self.assertRegex(text, r"Family and Medical Leave Act \(FMLA\)[ .]+\d+")
        pages = text.count("\f")
        self.assertGreater(pages, 40)
        self.assertRegex(text, r"Page 2 of %d" % (pages - 1) + "|Page 2 of %d" % pages)
        self.assertIn("trial jurors", text)
        old = self.get("/handbook.pdf?as_of=2019-06-01")
        self.assertEqual(old.status, 200)
        self.assertNotEqual(old.raw, r.raw)


if __name__ == "__main__":
    main()
