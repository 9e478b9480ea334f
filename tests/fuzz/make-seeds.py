#!/usr/bin/python3
"""Write the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<target>/)
from the real documents under db/corpus and typical requests. Run from the
source tree after changing the corpus or the request format; the output is
committed (small files). The markdown seeds from real sections are taken
from a database made by hrportal-import, when one is given:

    tests/fuzz/make-seeds.py [path/to/hrportal.db]
"""
import os
import sqlite3
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(TOP, "tests", "fuzz", "corpus")


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def lines_of(name):
    with open(os.path.join(TOP, "db", "corpus", name), encoding="utf-8") as f:
        return f.read().split("\n")


def find(lines, text, start=0):
    for i in range(start, len(lines)):
        if lines[i].strip() == text:
            return i
    raise SystemExit("not found: " + text)


def import_seeds():
    hb = lines_of("employee-handbook.txt")
    toc = find(hb, "TABLE OF CONTENTS")
    general = find(hb, "GENERAL INFORMATION", toc + 1)
    employment = find(hb, "EMPLOYMENT/POSITION INFORMATION", general + 1)
    # Front matter, the first part of the table of contents, its body.
    first_part_toc = toc + 8
    write("import", "handbook-general", "\n".join(hb[:first_part_toc] + hb[general - 4:employment]) + "\n")
    # A group ("Leave") with two sections, one with a table and references.
    benefits = find(hb, "BENEFITS OF EMPLOYMENT", employment + 1)
    annual = next(i for i in range(benefits + 20, len(hb)) if hb[i].strip() == "Annual (Vacation) Leave")
    comp = next(i for i in range(annual + 1, len(hb)) if hb[i].strip().startswith("Compensatory Leave Time"))
    toc_lines = hb[:toc + 2] + ["Benefi\tits of Employment\t", "\tLeave\t", "\tAnnual Leave\t40",
                                "\tBlood Donation Leave\t41", ""]
    write("import", "handbook-leave", "\n".join(toc_lines + hb[benefits:benefits + 3] + hb[annual:comp]) + "\n")
    write("import", "handbook-toc-only", "\n".join(hb[:general]) + "\n")
    tr = lines_of("hr-training-page.txt")
    write("import", "training-page", "\n".join(tr))
    om = lines_of("orientation-manual.txt")
    write("import", "orientation-start", "\n".join(om[:160]) + "\n")
    mid = len(om) // 2
    write("import", "orientation-middle", "\n".join(om[:12] + om[mid:mid + 150]) + "\n")


def request(method="GET", path="/", query="", ctype="", clen="", cookie="", user="", now="",
            origin="", referer="", lang="", host="127.0.0.1", body=""):
    return "\n".join([method, path, query, ctype, clen, cookie, user, now, origin, referer, lang,
                      host]) + "\n" + body


def request_seeds():
    form = "application/x-www-form-urlencoded"
    seeds = {
        "home": request(),
        "handbook": request(path="/handbook"),
        "section": request(path="/handbook/sick-leave"),
        "section-slash": request(path="/handbook/family-and-medical-leave-act-fmla/"),
        "print": request(path="/handbook/annual-leave/print"),
        "glossary": request(path="/glossary", lang="en-US,en;q=0.9"),
        "documents": request(method="HEAD", path="/documents"),
        "orientation": request(path="/orientation-manual/kentucky-retirement"),
        "training": request(path="/hr-training"),
        "query": request(query="q=sick+leave&x=%C3%A9", cookie="a=b; hr_csrf=abc"),
        "signed-in": request(path="/my", user="jdoe", now="2027-01-05T09:00:00Z"),
        "post-form": request(method="POST", path="/handbook", ctype=form + "; charset=UTF-8",
                             body="a=1&b=%E2%9C%93&c=x+y", origin="http://127.0.0.1"),
        "post-cut": request(method="POST", path="/", ctype=form, clen="100", body="a=1"),
        "post-multipart": request(method="POST", path="/", ctype="multipart/form-data; boundary=x",
                                  body="--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"),
        "bad-method": request(method="PUT", path="/handbook"),
        "bad-utf8": request(path="/handbook/\xff", query="q=%FF"),
        "not-found": request(path="/handbook/no-such-section/print/extra", referer="http://127.0.0.1/"),
        "long-path": request(path="/handbook/" + "a" * 300),
        "history": request(path="/handbook/court-leave/history"),
        "version": request(path="/handbook/court-leave/history/1"),
        "diff": request(path="/handbook/court-leave/diff", query="from=1&to=1"),
        "as-of": request(path="/handbook/sick-leave", query="as_of=2019-06-01"),
        "pdf": request(path="/hr-training.pdf", query="as_of=2020-01-01"),
        "error-document": request(path="/error/unavailable"),
        "search": request(path="/search", query="q=sick+leave&page=2"),
        "search-cite": request(path="/search", query="q=KRS+18A.095%285%29"),
        "search-syntax": request(path="/search", query="q=%22annual+leave%22+-sick+fml*+OR"),
        "api-search": request(path="/api/search", query="q=fmla&limit=5"),
        "citations": request(path="/citations"),
        "glossary-term": request(path="/glossary/appointing-authority"),
        "forms": request(path="/forms", user="jdoe", now="2027-01-05T15:00:00Z"),
        "form-new": request(path="/forms/leave/new", user="jdoe", now="2027-01-05T15:00:00Z"),
        "form-post": request(method="POST", path="/forms/leave", ctype=form, user="jdoe",
                             now="2027-01-05T15:00:00Z", origin="http://127.0.0.1",
                             body="csrf=x&idem=" + "a" * 32 + "&leave_type=annual&start_date=2027-01-11"
                                  "&end_date=2027-01-12&hours=15&action=save"),
        "my-requests": request(path="/my/requests", user="jdoe"),
        "inbox": request(path="/inbox", user="msmith"),
        "hr-requests": request(path="/requests", user="hradmin"),
        "request-view": request(path="/requests/1", user="jdoe"),
        "wizard-step": request(path="/wizards/fmla/reason", query="service_months=24&hours=1300&go=1"),
        "wizard-result": request(path="/wizards/return-rights/result",
                                 query="event=resigned&had_status=1&good_standing=1&print=1"),
        "api-wizard": request(path="/api/wizards/leave-sharing",
                              query="role=donor&program=sick&employer=18a&active=1&balance=200&week_hours=40"),
        "calculator": request(path="/calculators/holidays", query="year=2024&format=ics"),
        "calculator-ics": request(path="/calculators/holidays/2028.ics"),
    }
    for name, data in seeds.items():
        write("request", name, data.encode("latin-1") if name == "bad-utf8" else data)


def markdown_seeds(db):
    # The first byte picks the md_* builder in the round trip.
    hand = {
        "table": "\x00| Months of Service | Hours |\n| --- | ---: |\n| 0-59 | 7.5 hrs. |\n| 60+ | 277.50 hrs. |\n",
        "lists": "\x011. one\n    - nested *em* and **strong**\n    - `code`\n2. two\n\n> quote\n> > deeper\n",
        "links": "\x02[local](/handbook/sick-leave) [web](https://personnel.ky.gov) [bad](javascript:alert(1)) "
                 "<https://khris.ky.gov> ![img](data:x) <mailto:hr@ky.gov>\n",
        "raw-html": "\x03<script>alert(1)</script>\n\n<div onclick=x>hi</div> <b>b</b>\n",
        "heading": "\x05## Sick Leave #\n\nSetext\n===\n\n    code block\n\n```c\nfenced\n```\n",
        "words": "\x06Employees accrue 7.5 hours (see KRS 18A.115) & more: <see> www.personnel.ky.gov #1",
        "entities": "\x07&amp; &copy; &#123; \\* 1. not a list 10) either | pipe ~tilde~ _u_\n",
    }
    for name, text in hand.items():
        write("markdown", name, text)
    if db:
        con = sqlite3.connect(db)
        rows = con.execute(
            "SELECT s.slug, v.body_md FROM section_versions v JOIN sections s ON s.id = v.section_id "
            "WHERE s.slug IN ('annual-leave', 'family-and-medical-leave-act-fmla', 'glossary', "
            "'holidays', 'kentucky-retirement') AND length(v.body_md) < 20000").fetchall()
        for slug, md in rows:
            write("markdown", "section-" + slug, "\x00" + md)


def citation_seeds():
    hb = lines_of("employee-handbook.txt")
    n = 0
    for i, line in enumerate(hb):
        if line.startswith("LEGAL REFERENCES") and n < 12:
            block = [line.split(":", 1)[1]] + [x for x in hb[i + 1:i + 6] if x.strip()][:4]
            write("citation", "references-%02d" % n, "\n".join(block))
            n += 1
    for name, text in {
        "typed-krs": "KRS 18A.115(5)",
        "typed-kar": "101 KAR 2:102, Section 3",
        "usc": "29 U.S.C. § 2601 41 U.S.C. § 8103",
        "cfr-eo": "29 CFR 825.110; EO 2014-747, KRS Chapter 156",
    }.items():
        write("citation", name, text)


def wizard_seeds():
    # The first line is the page or API path, the rest the query string.
    fmla = ("service_months=24&hours=1300&paid_leave_hours=40&reason=family_care&relation=child"
            "&child_incapable=0&child_age=12&weeks_used=2.5&spouse_state_employee=0")
    recipient = ("role=recipient&program=sick&employer=18a&active=1&condition_of=parent"
                 "&lived_with_30_days=1&legally_responsible=0&certified=1&consecutive_days=12"
                 "&paid_leave_exhausted=1&complied=1&workers_comp=0&hours_requested=150")
    seeds = {
        "fmla-result": ("/wizards/fmla/result", fmla),
        "fmla-step-go": ("/wizards/fmla/family", fmla.split("&relation")[0] + "&go=1&relation=spouse"),
        "fmla-birth": ("/wizards/fmla/result", "service_months=6&hours=600&reason=birth"
                                               "&spouse_state_employee=1&weeks_used=12"),
        "fmla-household": ("/wizards/fmla/household", "service_months=13&hours=1250&reason=family_care"
                                                      "&relation=other&lived_with_30_days=1&legally_responsible=1&go=1"),
        "fmla-api": ("/api/wizards/fmla", fmla + "&print=1"),
        "fmla-api-bad": ("/api/wizards/fmla", "service_months=-1&hours=1e3&reason=birth&reason=placement"),
        "fmla-long": ("/wizards/fmla/service", "service_months=" + "9" * 70 + "&hours=0000000001250.00"),
        "ls-recipient": ("/wizards/leave-sharing/result", recipient),
        "ls-annual": ("/wizards/leave-sharing/leave", recipient.replace("program=sick", "program=annual")
                      + "&loss=fire&go=1"),
        "ls-donor": ("/wizards/leave-sharing/result", "role=donor&program=annual&employer=aoc&active=1"
                                                      "&balance=400.25&donate=16&week_hours=37.5"),
        "ls-api": ("/api/wizards/leave-sharing", recipient),
        "ls-api-donor": ("/api/wizards/leave-sharing", "role=donor&program=sick&employer=18a&active=1"
                                                       "&balance=80&donate=&week_hours=40"),
        "rr-result": ("/wizards/return-rights/result", "event=separated_unclassified&had_status=1"
                                                       "&service_months=200&for_cause=0"),
        "rr-resigned": ("/wizards/return-rights", "event=resigned&had_status=1&good_standing=1&go=1"),
        "rr-api": ("/api/wizards/return-rights", "event=laid_off&had_status=1"),
        "annual": ("/calculators/annual-leave", "service_months=130&week_hours=37.5&print=1"),
        "sick": ("/calculators/sick-leave", "service_months=250&week_hours=40"),
        "sick-bad": ("/calculators/sick-leave", "service_months=1201&week_hours=38"),
        "holidays": ("/calculators/holidays", "year=2024"),
        "holidays-ics": ("/calculators/holidays", "year=2100&format=ics"),
        "annual-api": ("/api/calculators/annual-leave", "service_months=0&week_hours=40"),
        "sick-api": ("/api/calculators/sick-leave", "service_months=120&week_hours=37.5"),
        "holidays-api": ("/api/calculators/holidays", "year=1990"),
        "hostile": ("/api/wizards/fmla", "service_months=1%27%20OR%20%271%27=%271&hours=%00&reason=%FF"
                                         "&relation.x=1&relation=child&child_age=1;DROP%20TABLE%20users"),
        "index": ("/wizards", ""),
    }
    for name, (path, query) in seeds.items():
        write("wizard", name, path + "\n" + query)


def search_seeds():
    for name, text in {
        "words": "sick leave",
        "phrase": '"annual leave" carry forward',
        "prefix": "reinstat* fml*",
        "operators": 'leave AND NOT sick OR NEAR(a b, 2) "x" ^title:y -z',
        "syntax": 'col:"unbalanced (paren* * "" \' ; -- /* */',
        "citation": "KRS 18A.095(5)",
        "kar": "101 KAR 2:102, Section 3",
        "typo": "anual leeve sharring",
        "stop-words": "the and of what is",
        "unicode": "caf\u00e9 \u00c9mploy\u00e9 \u2014 \u201cleave\u201d na\u00efve",
        "long": " ".join("word%d" % i for i in range(40)),
        "punctuation": "sick-leave 7.5 hrs. 1,250 (a)(b) 18A.095",
        "marks": "\x01mark\x02 <script>alert(1)</script> & 'quote'",
    }.items():
        write("search", name, text)


if __name__ == "__main__":
    import_seeds()
    request_seeds()
    markdown_seeds(sys.argv[1] if len(sys.argv) > 1 else None)
    citation_seeds()
    wizard_seeds()
    search_seeds()
