"""The portal's content pages over HTTP, through Apache and mod_fcgid:
home, tables of contents, every section, print views, the glossary, error
pages for unknown and malformed requests, escaping and headers."""
import os
import re
import shutil
import subprocess

from harness import BUILDDIR, PortalTestCase, main


def escaped(text):
    """HTML escaping as ClearSilver does it."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


class ContentPages(PortalTestCase):

    def sections(self, document="handbook"):
        with self.portal.db() as con:
            return con.execute(
                "SELECT s.slug, s.kind, v.title FROM sections s JOIN documents d ON d.id = s.document_id "
                "JOIN section_versions v ON v.section_id = s.id AND v.version = 1 "
                "WHERE d.slug = ? ORDER BY s.sort", (document,)).fetchall()

    def test_home_offers_handbook_parts_search_and_documents(self):
        r = self.get("/")
        self.assertPage(r, 200, "<h1>Your Employee Handbook", 'action="/search"', 'name="q"',
                        "Benefits of Employment", "Employee Relations", 'href="/handbook/sick-leave"',
                        'href="/orientation-manual"', 'href="/hr-training"')
        self.assertTrue(r.text.startswith("<!DOCTYPE html>"))
        self.assertIn('<html lang="en">', r.text)
        self.assertIn('href="#main"', r.text)   # skip link

    def test_sections_link_the_tools_that_answer_their_rules(self):
        def tools(slug):
            r = self.get("/handbook/" + slug)
            self.assertEqual(r.status, 200, slug)
            box = r.text.split('<aside class="related-tools"', 1)
            return re.findall(r'<li><a href="([^"]+)">', box[1].split("</aside>", 1)[0]) if len(box) == 2 else []
        self.assertIn("/calculators/holidays", tools("holidays"))
        self.assertEqual({"/calculators/sick-leave", "/forms/leave/new"} - set(tools("sick-leave")), set())
        self.assertIn("/calculators/annual-leave", tools("annual-leave"))
        self.assertEqual(tools("court-leave"), [])
        # Every linked tool answers (the form after sign-in).
        for url in set(tools("holidays") + tools("sick-leave") + tools("annual-leave")):
            self.assertEqual(self.get(url, user="jdoe").status, 200, url)
        # The print view carries no tool links.
        self.assertNotIn('class="related-tools"', self.get("/handbook/holidays/print").text)

    def test_table_of_contents_lists_every_section_once(self):
        r = self.get("/handbook")
        self.assertEqual(r.status, 200)
        rows = self.sections()
        self.assertEqual(len([x for x in rows if x["kind"] == "section"]), 68)
        for row in rows:
            link = 'href="/handbook/%s"' % row["slug"]
            self.assertEqual(r.text.count(link), 1, row["slug"])

    def test_every_section_answers_with_its_own_heading(self):
        rows = self.sections()
        self.assertGreater(len(rows), 70)
        for row in rows:
            r = self.get("/handbook/" + row["slug"])
            self.assertEqual(r.status, 200, row["slug"])
            self.assertIn('<h1 id="section-title">%s</h1>' % escaped(row["title"]), r.text)
            self.assertNotIn("^{", r.text)
            self.assertNotIn("<u>", r.text)
            self.assertNotIn("\\$", r.text)

    def test_other_documents_are_browsable(self):
        for doc in ("orientation-manual", "hr-training"):
            r = self.get("/" + doc)
            self.assertEqual(r.status, 200, doc)
            rows = self.sections(doc)
            self.assertGreater(len(rows), 0, doc)
            for row in rows:
                page = self.get("/%s/%s" % (doc, row["slug"]))
                self.assertEqual(page.status, 200, (doc, row["slug"]))
                self.assertIn(escaped(row["title"]), page.text)
        self.assertIn("Employee Handbook</a>, the handbook states current policy",
                      self.get("/orientation-manual").text)

    def test_section_has_breadcrumbs_prev_next_references_and_tables(self):
        r = self.get("/handbook/annual-leave")
        self.assertPage(r, 200, 'aria-label="Breadcrumb"', 'href="/handbook/benefits-of-employment"',
                        'href="/handbook/leave"', 'rel="prev" href="/handbook/holidays"',
                        'rel="next" href="/handbook/blood-donation-leave"',
                        '<a href="/citations#101-kar-2-102-section-1">101 KAR 2:102, Section 1</a>',
                        "<table>", "<th>Months of Service</th>", "<td>277.50 hrs.</td>")
        fmla = self.get("/handbook/family-and-medical-leave-act-fmla")
        self.assertPage(fmla, 200, "<li>Completed at least twelve (12) months of state service; and</li>",
                        "101 KAR 2:102, Section 3")

    def test_print_view_uses_print_stylesheet(self):
        r = self.get("/handbook/sick-leave/print")
        self.assertPage(r, 200, 'class="print-view"', "<h1 id=\"section-title\">Sick Leave</h1>")
        self.assertRegex(r.text, r'<link rel="stylesheet" href="/static/print.css\?v=[^"]+">')
        self.assertNotIn('rel="next"', r.text)

    def test_glossary_lists_all_terms_with_anchors(self):
        r = self.get("/glossary")
        self.assertEqual(r.status, 200)
        with self.portal.db() as con:
            terms = con.execute("SELECT slug FROM glossary_terms").fetchall()
        self.assertEqual(len(terms), 62)
        for t in terms:
            self.assertIn('<dt id="%s">' % t["slug"], r.text)
        self.assertIn('<dt id="appointing-authority">APPOINTING AUTHORITY</dt>', r.text)
        self.assertIn('<dt id="unclassified-position">UNCLASSIFIED POSITION</dt>', r.text)
        self.assertIn('href="#letter-A"', r.text)

    def test_static_files_are_served_by_apache_with_caching(self):
        r = self.get("/static/style.css")
        self.assertEqual(r.status, 200)
        self.assertIn("max-age=86400", r.header("Cache-Control"))
        self.assertIn(".skip-link", r.text)
        self.assertEqual(self.get("/static/print.css").status, 200)


class ValidHtml(PortalTestCase):
    """Pages are valid HTML5 (HTML Tidy finds no errors, and no warnings but
    its outdated one about aria-current)."""

    def test_pages_are_valid_html(self):
        if shutil.which("tidy") is None:
            self.skipTest("tidy is not installed (Debian package tidy)")
        for path in ("/", "/handbook", "/handbook/annual-leave", "/handbook/leave", "/glossary", "/documents",
                     "/orientation-manual", "/hr-training", "/nope", "/handbook/sick-leave/print"):
            r = self.get(path)
            out = subprocess.run(["tidy", "-q", "-e", "-utf8"], input=r.raw, capture_output=True)
            problems = [line for line in out.stderr.decode().splitlines()
                        if line.strip() and "aria-current" not in line]
            self.assertLess(out.returncode, 2, path)
            self.assertEqual(problems, [], path)


class PlainCgi(PortalTestCase):
    """The same program answers one request as plain CGI."""

    def test_portal_runs_as_cgi(self):
        env = dict(os.environ, REQUEST_METHOD="GET", PATH_INFO="/handbook/sick-leave",
                   GATEWAY_INTERFACE="CGI/1.1", QUERY_STRING="", HRPORTAL_DB=self.portal.db_path,
                   HRPORTAL_TEMPLATES=os.path.join(self.portal.server.datadir, "templates"))
        out = subprocess.run([os.path.join(BUILDDIR, "cgi-bin", "portal")], env=env, capture_output=True,
                             stdin=subprocess.DEVNULL, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        head, _, body = out.stdout.partition(b"\r\n\r\n")
        self.assertIn(b"Status: 200 OK", head)
        self.assertIn(b'<h1 id="section-title">Sick Leave</h1>', body)
        env["PATH_INFO"] = "/no/such/page"
        out = subprocess.run([os.path.join(BUILDDIR, "cgi-bin", "portal")], env=env, capture_output=True,
                             stdin=subprocess.DEVNULL, timeout=30)
        self.assertIn(b"Status: 404 Not Found", out.stdout)


class BadRequests(PortalTestCase):

    def test_unknown_page_is_404_with_layout(self):
        for path in ("/nope", "/handbook/no-such-section", "/handbook/sick-leave/nope",
                     "/orientation-manual/nothing-here", "/handbook/sick-leave/print/extra"):
            r = self.get(path)
            self.assertPage(r, 404, "Page not found", 'href="/"', "<!DOCTYPE html>")

    def test_wrong_method_is_405(self):
        r = self.post("/handbook", {"a": "b"})
        self.assertPage(r, 405, "does not accept POST")
        self.assertIn("GET", r.header("Allow"))

    def test_malformed_query_is_400(self):
        r = self.get("/?q=%FF%FE")
        self.assertPage(r, 400, "could not be understood")
        r = self.get("/handbook?x=%00")
        self.assertEqual(r.status, 400)

    def test_oversized_and_odd_bodies_are_refused(self):
        big = "q=" + "x" * (70 * 1024)
        r = self.portal.request("POST", "/handbook", body=big, content_type="application/x-www-form-urlencoded")
        self.assertPage(r, 413, "larger than the portal accepts")
        huge = "q=" + "x" * (1100 * 1024)
        r = self.portal.request("POST", "/handbook", body=huge, content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 413)
        r = self.portal.request("POST", "/handbook", body="--x\r\n", content_type="multipart/form-data; boundary=x")
        self.assertEqual(r.status, 415)
        r = self.portal.request("PUT", "/handbook", body="x", content_type="text/plain")
        self.assertIn(r.status, (405, 501))

    def test_hostile_strings_are_escaped(self):
        r = self.get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27")
        self.assertEqual(r.status, 200)
        self.assertNotIn("<script>alert(1)", r.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;", r.text)
        r = self.get("/handbook/%3Cscript%3E")
        self.assertEqual(r.status, 404)
        self.assertNotIn("<script>", r.text)

    def test_long_and_odd_paths(self):
        self.assertEqual(self.get("/handbook/" + "a" * 3000).status, 404)
        # Apache merges repeated slashes before the portal sees the path.
        self.assertEqual(self.get("/handbook//sick-leave").status, 200)
        self.assertEqual(self.get("/handbook/sick-leave/").status, 200)

    def test_security_headers_on_every_page(self):
        for path in ("/", "/handbook/sick-leave", "/nope"):
            r = self.get(path)
            csp = r.header("Content-Security-Policy")
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
            self.assertEqual(r.header("Referrer-Policy"), "same-origin")

    def test_sign_in_is_required_where_configured(self):
        # A protected page asked for without credentials goes to /signin,
        # the one place that challenges (so that browsers then send the
        # credentials on every page, not only under /my/).
        r = self.get("/my")
        self.assertEqual((r.status, r.header("location").replace(self.portal.url, "")), (303, "/signin?return=/my"))
        r = self.get("/signin?return=/my")
        self.assertEqual(r.status, 401)
        self.assertIn("Basic", r.header("WWW-Authenticate"))
        # The JSON API answers 401 itself.
        self.assertEqual(self.get("/api/forms/leave").status, 401)


class SignIn(PortalTestCase):
    """The same signed-in state on every page, and a way in and out."""

    def test_public_pages_know_who_is_signed_in(self):
        for path in ("/", "/handbook/sick-leave", "/wizards/fmla", "/glossary", "/search?q=leave"):
            r = self.get(path, user="jdoe")
            self.assertPage(r, 200, "Signed in as jdoe", 'href="/signout">Sign out</a>', 'href="/forms"')
            self.assertNotIn(">Sign in</a>", r.text)
            anon = self.get(path)
            self.assertPage(anon, 200, 'class="sign-in" href="/signin?return=', ">Sign in</a>", 'href="/forms"')
            self.assertNotIn("Signed in as", anon.text)
        self.assertIn('href="/signin?return=%2Fhandbook%2Fsick-leave"', self.get("/handbook/sick-leave").text)
        # Wrong credentials on a public page are refused, not ignored.
        self.assertEqual(self.get("/", headers={"Authorization": "Basic amRvZTp3cm9uZw=="}).status, 401)

    def test_signin_returns_to_a_local_page_only(self):
        for target, expected in (("/handbook/sick-leave", "/handbook/sick-leave"), ("/forms", "/forms"),
                                 ("//evil.example/x", "/"), ("https://evil.example/", "/"),
                                 ("/\\evil.example", "/"), ("", "/"), ("/a%0d%0aSet-Cookie:x", "/")):
            r = self.get("/signin?return=" + target, user="jdoe")
            self.assertEqual((r.status, r.header("location").replace(self.portal.url, "")), (303, expected), target)

    def test_signout_makes_the_browser_forget_the_credentials(self):
        r = self.get("/signout", user="jdoe")
        self.assertPage(r, 401, "You are signed out", 'href="/signin"')
        self.assertIn("Basic", r.header("WWW-Authenticate"))


class Escaping(PortalTestCase):
    """Titles and definitions are data: a <script> in them is shown as text."""

    def test_script_in_section_title_and_glossary_definition_is_escaped(self):
        with self.portal.db() as con:
            con.execute("UPDATE section_versions SET title = '<script>alert(\"t\")</script> Dress Code' "
                        "WHERE section_id = (SELECT id FROM sections WHERE slug = 'dress-code')")
            con.execute("UPDATE glossary_versions SET term = 'BOARD <script>x</script>' "
                        "WHERE term_id = (SELECT id FROM glossary_terms WHERE slug = 'board')")
        page = self.get("/handbook/dress-code")
        self.assertEqual(page.status, 200)
        self.assertIn("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Dress Code", page.text)
        self.assertNotIn("<script>", page.text)
        toc = self.get("/handbook")
        self.assertNotIn("<script>", toc.text)
        glossary = self.get("/glossary")
        self.assertIn("BOARD &lt;script&gt;x&lt;/script&gt;", glossary.text)
        self.assertNotIn("<script>", glossary.text)


if __name__ == "__main__":
    main()
