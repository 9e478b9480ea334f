"""Search, citations and the glossary over HTTP, through Apache and mod_fcgid:
real questions and their top results, typos, phrases, prefixes, hostile and
oversized queries, paging; the citations page; the glossary filter, term
pages and the glossary links in every section page (each one resolves, none
inside a link, heading or table, first use only); the JSON API and its
errors."""
import html.parser
import json
import re
import shutil
import subprocess
import urllib.parse

from harness import PortalTestCase, main

RESULT = re.compile(r'<li class="result result-(section|glossary)">\s*<h2><a href="([^"]+)">')


def results(page):
    """(kind, url) of each result on a search page, in order."""
    return RESULT.findall(page.text)


def urls(page):
    return [u for _, u in results(page)]


def search(testcase, q, **params):
    params["q"] = q
    return testcase.get("/search?" + urllib.parse.urlencode(params))


class TermLinkChecker(html.parser.HTMLParser):
    """Collects the glossary links of a page and where each one sits."""

    FORBIDDEN = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "code"}
    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "area", "base", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.links = []       # (href, title, describedby, text)
        self.ids = set()
        self.bad = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("class") == "term":
            inside = [t for t in self.stack if t in self.FORBIDDEN]
            if inside:
                self.bad.append((a.get("href"), inside))
            self.current = [a.get("href"), a.get("title"), a.get("aria-describedby"), ""]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop() == tag:
                break
        if tag == "a" and self.current is not None:
            self.links.append(tuple(self.current))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current[3] += data


class SearchPages(PortalTestCase):

    def citing(self, cite_like):
        with self.portal.db() as con:
            return sorted({"/%s/%s" % (r["d"], r["s"]) for r in con.execute(
                "SELECT d.slug AS d, s.slug AS s FROM citations c "
                "JOIN section_versions v ON v.id = c.section_version_id "
                "JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
                "WHERE c.cite = ? OR c.cite LIKE ? || '(%' OR c.cite LIKE ? || ',%'",
                (cite_like, cite_like, cite_like))})

    def test_answer_box_and_also_searched(self):
        r = search(self, "is Monday a state holiday")
        self.assertEqual(r.status, 200)
        box = r.text[r.text.index('<aside class="answer'):r.text.index("</aside>")]
        self.assertIn('<a href="/calculators/holidays">State holidays</a>', box)
        self.assertIn("First question: <strong>Which year?</strong>", box)
        self.assertIn('Handbook: <a href="/handbook/holidays">Holidays</a>; KRS 18A.190', box)
        self.assertIn('Also searched: <a href="/search?q=holidays">holidays</a>', r.text)
        r = search(self, "what does demotion mean")
        self.assertIn('<aside class="answer answer-glossary"', r.text)
        self.assertIn("lower minimum salary range", r.text)
        # Page 2 of results repeats no answer; a hostile query is text.
        self.assertNotIn('<aside class="answer', self.get("/search?q=holiday&page=2").text)
        r = search(self, 'holiday <img src=x onerror=alert(1)>')
        self.assertEqual(r.status, 200)
        self.assertNotIn("<img src=x", r.text)
        self.assertIn('<aside class="answer answer-calculator"', r.text)

    def test_fmla_eligibility(self):
        r = search(self, "fmla eligibility")
        self.assertEqual(r.status, 200)
        self.assertEqual(urls(r)[0], "/handbook/family-and-medical-leave-act-fmla")
        self.assertIn("<mark>", r.text)
        self.assertRegex(r.text, r"\d+ results? for &ldquo;fmla eligibility&rdquo;")

    def test_bereavement_finds_funeral_leave(self):
        r = search(self, "bereavement")
        self.assertEqual(urls(r)[0], "/handbook/funeral-and-bereavement-leave")
        self.assertIn("<mark>bereavement</mark>", r.text)

    def test_donate_sick_leave(self):
        r = search(self, "donate sick leave")
        self.assertEqual(urls(r)[0], "/handbook/leave-sharing-programs")
        self.assertNotIn("No page has all of your words", r.text)

    def test_reinstatement_section_and_glossary_term(self):
        r = search(self, "reinstatement")
        top = results(r)[:2]
        self.assertIn(("glossary", "/glossary/reinstatement"), top)
        self.assertIn(("section", "/handbook/reversion-reemployment-and-reinstatement"), top)
        self.assertIn("Glossary term", r.text)

    def test_citation_finds_every_section_citing_it(self):
        r = search(self, "KRS 18A.095")
        self.assertEqual(r.status, 200)
        self.assertIn('citing or mentioning\n  <a href="/citations#krs-18a-095">KRS 18A.095</a>', r.text)
        found = urls(r)
        expected = self.citing("KRS 18A.095")
        self.assertGreater(len(expected), 1)
        for url in expected:
            self.assertIn(url, found)
        # They come first, each saying what it cites.
        self.assertEqual(sorted(found[:len(expected)]), expected)
        self.assertIn("cites KRS 18A.095", r.text)
        r = search(self, "101 KAR 2:102")
        self.assertIn("/handbook/annual-leave", urls(r))
        self.assertIn('<a href="/citations#101-kar-2-102">101 KAR 2:102</a>', r.text)

    def test_typos_offer_did_you_mean(self):
        r = search(self, "reinstatment")
        self.assertIn('Did you mean <a href="/search?q=reinstatement">reinstatement</a>?', r.text)
        r = search(self, "sik leave")
        self.assertIn('Did you mean <a href="/search?q=sick+leave">sick leave</a>?', r.text)
        self.assertEqual(urls(search(self, "sick leave"))[0], "/handbook/sick-leave")
        self.assertNotIn("Did you mean", search(self, "annual leave").text)

    def test_phrase(self):
        r = search(self, '"sick leave"')
        self.assertEqual(urls(r)[0], "/handbook/sick-leave")
        self.assertIn("<mark>sick leave</mark>", r.text)
        loose = re.search(r"(\d+) results", search(self, "sick leave").text).group(1)
        exact = re.search(r"(\d+) results", r.text).group(1)
        self.assertLessEqual(int(exact), int(loose))

    def test_prefix(self):
        for q in ("reinstat*", "reinstat"):
            r = search(self, q)
            self.assertIn("/handbook/reversion-reemployment-and-reinstatement", urls(r)[:3], q)
            self.assertIn("<mark>Reinstatement</mark>", r.text)
            self.assertNotIn("Did you mean", r.text)

    def test_empty_query(self):
        for path in ("/search", "/search?q=", "/search?q=+++", '/search?q=%22'):
            r = self.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertIn('<form class="big-search"', r.text)
            self.assertEqual(results(r), [])
        self.assertIn("nothing to search for", self.get("/search?q=%22").text)

    def test_2kb_query(self):
        q = ("sick leave donate annual " * 100)[:2048]
        r = search(self, q)
        self.assertEqual(r.status, 200)
        self.assertEqual(urls(r)[0], "/handbook/leave-sharing-programs")
        q = " ".join("leave%d" % i for i in range(400))[:2048]
        r = search(self, q)
        self.assertEqual(r.status, 200)
        self.assertIn("Only the first 16 words were searched.", r.text)
        q = "x" * 2048
        r = search(self, q)
        self.assertEqual(r.status, 200)
        self.assertIn("No results", r.text)

    def test_fts5_syntax_is_searched_as_text(self):
        for q in ('"', "*", "AND", "NEAR(", "OR OR", '"sick', "leave*)", "title:leave", "NOT", "a NEAR/2 b",
                  "(", "^", "'; DROP TABLE search_docs; --"):
            r = search(self, q)
            self.assertEqual(r.status, 200, q)
            self.assertNotIn("went wrong", r.text, q)
        self.assertGreater(len(results(search(self, "AND"))), 0)
        with self.portal.db() as con:
            self.assertGreater(con.execute("SELECT count(*) FROM search_docs").fetchone()[0], 100)

    def test_script_is_shown_as_text(self):
        r = search(self, "<script>alert(1)</script>")
        self.assertEqual(r.status, 200)
        self.assertNotIn("<script>", r.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", r.text)
        # Query words in the results are marked inside escaped text.
        r = search(self, "<bereavement>")
        self.assertIn("<mark>bereavement</mark>", r.text)
        self.assertNotIn("<bereavement>", r.text)

    def test_paging(self):
        first = search(self, "leave")
        total = int(re.search(r"(\d+) results", first.text).group(1))
        self.assertGreater(total, 20)
        self.assertIn("(showing 1&ndash;10)", first.text)
        self.assertIn('rel="next" href="/search?q=leave&amp;page=2"', first.text)
        second = search(self, "leave", page=2)
        self.assertIn("(showing 11&ndash;20)", second.text)
        self.assertIn('rel="prev" href="/search?q=leave&amp;page=1"', second.text)
        self.assertEqual(set(urls(first)) & set(urls(second)), set())
        past = search(self, "leave", page=999)
        self.assertEqual(past.status, 200)
        self.assertIn("There are only", past.text)
        for bad in ("0", "-1", "abc", "1001", "1.5", ""):
            r = self.get("/search?q=leave&page=" + bad)
            self.assertEqual(r.status, 400, bad)
            self.assertIn("page number must be a whole number", r.text)
        self.assertEqual(self.get("/search?q=leave&page=1&page=2").status, 400)


class ValidHtml(PortalTestCase):

    def test_pages_are_valid_html5(self):
        if shutil.which("tidy") is None:
            self.skipTest("tidy is not installed (Debian package tidy)")
        for path in ("/search", "/search?q=sick+leave", "/search?q=leave&page=2", "/search?q=KRS+18A.095",
                     "/search?q=sik+leave", "/search?q=%3Cscript%3E", "/search?q=leave&page=999", "/citations",
                     "/glossary/class", "/glossary/reinstatement", "/glossary?q=reinstat", "/glossary?q=zzz",
                     "/handbook/reversion-reemployment-and-reinstatement", "/handbook/family-and-medical-leave-act-fmla"):
            r = self.get(path)
            out = subprocess.run(["tidy", "-q", "-e", "-utf8"], input=r.raw, capture_output=True)
            problems = [line for line in out.stderr.decode().splitlines()
                        if line.strip() and "aria-current" not in line]
            self.assertLess(out.returncode, 2, path)
            self.assertEqual(problems, [], path)


class CitationsPage(PortalTestCase):

    def test_lists_krs_18a_095_with_the_sections_citing_it(self):
        r = self.get("/citations")
        self.assertEqual(r.status, 200)
        m = re.search(r'<dt id="krs-18a-095">KRS 18A.095</dt>\s*<dd><ul>(.*?)</ul></dd>', r.text, re.S)
        self.assertIsNotNone(m)
        listed = set(re.findall(r'href="([^"]+)"', m.group(1)))
        with self.portal.db() as con:
            expected = {"/%s/%s" % (x[0], x[1]) for x in con.execute(
                "SELECT d.slug, s.slug FROM citations c JOIN section_versions v ON v.id = c.section_version_id "
                "JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
                "WHERE c.cite = 'KRS 18A.095'")}
        self.assertEqual(listed, expected)
        self.assertIn('<h2 id="code-KRS">Kentucky Revised Statutes (KRS)</h2>', r.text)
        self.assertLess(r.text.index('id="krs-18a-005"'), r.text.index('id="krs-18a-095"'))
        self.assertLess(r.text.index('id="krs-18a-095"'), r.text.index('id="krs-18a-110"'))

    def test_every_citation_link_on_section_pages_resolves(self):
        ids = set(re.findall(r'<dt id="([^"]+)"', self.get("/citations").text))
        with self.portal.db() as con:
            pages = ["/%s/%s" % (r[0], r[1]) for r in con.execute(
                "SELECT d.slug, s.slug FROM sections s JOIN documents d ON d.id = s.document_id")]
        seen = 0
        for page in pages:
            for anchor in re.findall(r'href="/citations#([^"]+)"', self.get(page).text):
                self.assertIn(anchor, ids, page)
                seen += 1
        self.assertGreater(seen, 100)


class Glossary(PortalTestCase):

    def test_filter_box(self):
        r = self.get("/glossary")
        self.assertIn('<form class="filter" role="search" action="/glossary" method="get">', r.text)
        self.assertIn('<label for="glossary-q">', r.text)
        r = self.get("/glossary?q=reinstat")
        self.assertEqual(r.status, 200)
        self.assertIn('<dt id="reinstatement">REINSTATEMENT</dt>', r.text)
        self.assertNotIn('<dt id="agency">', r.text)
        self.assertIn("of 62 contain &ldquo;reinstat&rdquo;", r.text)
        self.assertIn('value="reinstat"', r.text)
        r = self.get("/glossary?q=KHRIS")
        self.assertEqual(re.findall(r'<dt id="([^"]+)"', r.text),
                         ["khris-kentucky-human-resource-information-system", "khris-employee-self-service-ess",
                          "khris-manager-self-service-mss", "khris-portal"])
        r = self.get("/glossary?q=%3Cscript%3E")
        self.assertIn("No term of 62 contain &ldquo;&lt;script&gt;&rdquo;", r.text)
        self.assertNotIn("<script>", r.text)
        self.assertEqual(self.get("/glossary?q=" + "x" * 300).status, 400)

    def test_term_pages_with_see_also_and_sections(self):
        r = self.get("/glossary/class")
        self.assertEqual(r.status, 200)
        self.assertIn('<h1 id="term-title">CLASS</h1>', r.text)
        see_also = re.search(r'<ul class="see-also">(.*?)</ul>', r.text, re.S).group(1)
        self.assertIn('<a href="/glossary/job">JOB</a>', see_also)
        r = self.get("/glossary/class-specification")
        see_also = re.search(r'<ul class="see-also">(.*?)</ul>', r.text, re.S).group(1)
        self.assertIn('<a href="/glossary/job-class-specification">JOB CLASS SPECIFICATION</a>', see_also)
        r = self.get("/glossary/reinstatement")
        used = re.search(r'<ul class="used-in">(.*?)</ul>', r.text, re.S).group(1)
        self.assertIn('href="/handbook/reversion-reemployment-and-reinstatement"', used)
        self.assertNotIn('href="/handbook/glossary"', used)
        self.assertIn('<a href="/glossary/appointing-authority">APPOINTING AUTHORITY</a>', r.text)
        self.assertIn('href="/glossary/reinstatement"', self.get("/glossary").text)
        for bad in ("/glossary/nope", "/glossary/%3Cscript%3E", "/glossary/" + "a" * 3000):
            r = self.get(bad)
            self.assertEqual(r.status, 404, bad[:40])
            self.assertNotIn("<script>", r.text)

    def test_glossary_links_in_every_section_resolve(self):
        with self.portal.db() as con:
            pages = ["/%s/%s" % (r[0], r[1]) for r in con.execute(
                "SELECT d.slug, s.slug FROM sections s JOIN documents d ON d.id = s.document_id ORDER BY d.sort, s.sort")]
        targets, linked_pages = set(), 0
        for page in pages:
            r = self.get(page)
            self.assertEqual(r.status, 200, page)
            checker = TermLinkChecker()
            checker.feed(r.text)
            self.assertEqual(checker.bad, [], page)
            hrefs = [link[0] for link in checker.links]
            self.assertEqual(len(hrefs), len(set(hrefs)), "a term linked twice in " + page)
            for href, title, described, text in checker.links:
                self.assertTrue(href.startswith("/glossary/"), href)
                self.assertTrue(title, href)
                self.assertIn(described, checker.ids, page)
                self.assertEqual(described, "term-" + href[len("/glossary/"):])
                targets.add(href)
            # Whole words: never a letter right before or after a link.
            for m in re.finditer(r'(.)<a class="term"[^>]*>[^<]*</a>(.)', r.text):
                self.assertFalse(m.group(1).isalnum(), (page, m.group(0)[:80]))
                self.assertFalse(m.group(2).isalnum(), (page, m.group(0)[:80]))
            linked_pages += bool(checker.links)
        self.assertGreater(linked_pages, 40)
        self.assertGreater(len(targets), 25)
        for href in sorted(targets):
            r = self.get(href)
            self.assertEqual(r.status, 200, href)
            self.assertIn('<h1 id="term-title">', r.text)
        # Everyday words are not linked; the handbook's own glossary is not marked.
        self.assertNotIn("/glossary/employee", targets)
        self.assertNotIn("/glossary/position", targets)
        self.assertNotIn('class="term"', self.get("/handbook/glossary").text)

    def test_odd_terms_and_definitions_stay_text(self):
        with self.portal.db() as con:
            con.execute("UPDATE glossary_versions SET term = '<script>x</script> (\"*\")', "
                        "definition_text = 'A <b>bold</b> \"claim\". NEAR( AND' "
                        "WHERE term_id = (SELECT id FROM glossary_terms WHERE slug = 'board')")
            con.execute("UPDATE glossary_versions SET term = '***' "
                        "WHERE term_id = (SELECT id FROM glossary_terms WHERE slug = 'cabinet')")
        for path in ("/glossary/board", "/glossary/cabinet", "/handbook/grievances", "/glossary?q=%3Cscript",
                     "/glossary/agency"):
            r = self.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertNotIn("<script>", r.text, path)
            self.assertNotIn("<b>bold", r.text, path)
        self.assertIn("&lt;script&gt;x&lt;/script&gt;", self.get("/glossary/board").text)

    def test_section_links_follow_an_edited_definition(self):
        page = "/handbook/reversion-reemployment-and-reinstatement"
        self.assertIn('href="/glossary/appointing-authority" title="The agency head', self.get(page).text)
        with self.portal.db() as con:
            con.execute("UPDATE glossary_versions SET definition_text = 'Whoever may appoint. More.' "
                        "WHERE term_id = (SELECT id FROM glossary_terms WHERE slug = 'appointing-authority')")
        text = self.get(page).text
        self.assertIn('href="/glossary/appointing-authority" title="Whoever may appoint."', text)
        self.assertIn('<dd id="term-appointing-authority">Whoever may appoint.</dd>', text)


class Api(PortalTestCase):

    def api(self, query, status=200):
        r = self.get("/api/search?" + query)
        self.assertEqual(r.status, status, r.text[:300])
        self.assertTrue(r.header("Content-Type").startswith("application/json"))
        return json.loads(r.text)

    def test_answers(self):
        d = self.api("q=fmla+eligibility&limit=3")
        self.assertEqual(set(d), {"query", "total", "suggestion", "also_searched", "answer", "results"})
        self.assertEqual(d["query"], "fmla eligibility")
        self.assertIsNone(d["suggestion"])
        self.assertGreaterEqual(d["total"], 1)
        self.assertLessEqual(len(d["results"]), 3)
        for res in d["results"]:
            self.assertEqual(set(res), {"kind", "title", "url", "snippet"})
            self.assertIn(res["kind"], ("section", "glossary"))
        self.assertEqual(d["results"][0]["url"], "/handbook/family-and-medical-leave-act-fmla")
        self.assertEqual(d["results"][0]["kind"], "section")
        d = self.api("q=reinstatement")
        self.assertIn({"kind": "glossary", "url": "/glossary/reinstatement"},
                      [{"kind": x["kind"], "url": x["url"]} for x in d["results"]])
        self.assertEqual(len(self.api("q=leave")["results"]), 10)
        self.assertEqual(len(self.api("q=leave&limit=50")["results"]), 50)
        d = self.api("q=reinstatment")
        self.assertEqual(d["suggestion"], "reinstatement")
        d = self.api("q=KRS+18A.095&limit=1")
        self.assertGreater(d["total"], 1)
        self.assertEqual(len(d["results"]), 1)
        d = self.api("q=" + urllib.parse.quote('<script>"\\ \u2028'))
        self.assertEqual(d["query"], '<script>"\\ \u2028')
        self.assertEqual(self.api("q=%22")["total"], 0)
        d = self.api("q=bereavement")
        self.assertIn("<mark>bereavement</mark>", d["results"][0]["snippet"])

    def test_direct_answers(self):
        """Questions a wizard, calculator, form or glossary term answers get it first."""
        cases = [
            ("am I eligible for FMLA", "wizard", "/wizards/fmla",
             "How many months of state service do you have?", "101 KAR 2:102, Section 3"),
            ("how much annual leave will I have in March", "calculator", "/calculators/annual-leave",
             "How many months of service do you have?", "101 KAR 2:102, Section 1"),
            ("is Monday a state holiday", "calculator", "/calculators/holidays", "Which year?",
             "KRS 18A.190"),
            ("can I donate my sick leave to a coworker", "wizard", "/wizards/leave-sharing", None,
             "KRS 18A.196"),
            ("can I work a second job on weekends", "form", "/forms/outside-employment/new", None, None),
            ("how do I file a grievance against my supervisor", "form", "/forms/grievance/new", None, None),
        ]
        for q, kind, url, question, cite in cases:
            d = self.api("q=" + urllib.parse.quote(q))
            a = d["answer"]
            self.assertIsNotNone(a, q)
            self.assertEqual((a["kind"], a["url"]), (kind, url), q)
            self.assertTrue(a["title"] and a["section_url"].startswith("/handbook/"), q)
            if question:
                self.assertEqual(a["question"], question, q)
            if cite:
                self.assertIn(cite, a["citations"], q)
            # The link starts it: the wizard's first question, or a form the forms page offers.
            if kind == "form":
                page = self.get(url, user="jdoe")
                self.assertEqual(page.status, 200, url)
                self.assertIn(html.escape(a["title"], quote=False), page.text, url)
            else:
                page = self.get(url)
                self.assertEqual(page.status, 200, url)
                self.assertIn(html.escape(a["question"], quote=True), page.text, url)
        d = self.api("q=what+does+demotion+mean")
        self.assertEqual(d["answer"]["kind"], "glossary")
        self.assertEqual(d["answer"]["url"], "/glossary/demotion")
        self.assertIn("lower minimum salary range", d["answer"]["definition"])
        # Plain searches and citations get no answer box.
        for q in ("sick leave", "KRS 18A.095", "dress code", '<script>alert(1)</script>'):
            self.assertIsNone(self.api("q=" + urllib.parse.quote(q))["answer"], q)

    def test_also_searched(self):
        d = self.api("q=how+much+vacation+do+I+get")
        self.assertIn("annual leave", d["also_searched"])
        self.assertEqual(d["results"][0]["url"], "/handbook/annual-leave")
        d = self.api("q=telework")
        self.assertIsNone(d["suggestion"])
        self.assertIn("work schedules", d["also_searched"])
        self.assertEqual(self.api("q=reinstatement")["also_searched"], [])

    def test_errors_are_json(self):
        for query in ("", "q=", "q=+++", "limit=5", "q=a&q=b"):
            d = self.api(query, 400)
            self.assertEqual(d["error"]["status"], 400)
            self.assertIn("parameter q", d["error"]["message"])
        for limit in ("0", "-1", "51", "abc", "", "1e3", "10&limit=20"):
            d = self.api("q=leave&limit=" + limit, 400)
            self.assertIn("limit must be a whole number from 1 to 50", d["error"]["message"])
        r = self.post("/api/search", {"q": "leave"})
        self.assertEqual(r.status, 405)
        self.assertEqual(json.loads(r.text)["error"]["status"], 405)
        r = self.get("/api/nothing-here")
        self.assertEqual(r.status, 404)
        self.assertEqual(json.loads(r.text)["error"]["status"], 404)


if __name__ == "__main__":
    main()
