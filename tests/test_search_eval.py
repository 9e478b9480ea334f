"""How well search answers employees' questions in their own words.

tests/search_questions.tsv holds questions written as employees type them
(not from the section titles), each with the handbook sections that answer
it. Every question goes to /api/search through the real Apache + mod_fcgid
portal; the test reports top-1 and top-3 hit rates and the mean reciprocal
rank (MRR), overall and per kind of question, and writes them as JSON next
to the log (tests/search-eval.json in the build tree) so that a change can be compared with the
last one.

It fails when the figures fall below the floors below: they are the
figures measured when the set was written, so search can only get better.
Raise them as it does (the aim is top-3 >= 90 %)."""
import collections
import json
import os
import urllib.parse

from harness import BUILDDIR, PortalTestCase, main

HERE = os.path.dirname(os.path.abspath(__file__))
QUESTIONS = os.path.join(HERE, "search_questions.tsv")
HELDOUT = os.path.join(HERE, "search_questions_heldout.tsv")

# Before issue 12: top-1 46.5 %, top-3 56.3 %, MRR 0.530 on the 71 questions.
# After its first part: top-1 77.5 %, top-3 94.4 %, MRR 0.869 (the thesaurus
# was written with these questions in view). After an everyday phrase of
# several words stood for each of its words instead of merging them into one
# group ("health insurance" no longer matched "insurance" alone as a whole
# question): top-1 84.5 %, top-3 98.6 %, MRR 0.917. A change may not fall
# below today's figures.
FLOOR = {"top1": 0.845, "top3": 0.985, "mrr": 0.916}
# The held-out questions (26), never tuned for: 61.5 %, 80.8 %, MRR 0.729
# when issue 12's first part was done; 65.4 %, 84.6 %, 0.767 after the
# grouping change above (made for speed and correctness, not for them).
HELDOUT_FLOOR = {"top1": 0.653, "top3": 0.846, "mrr": 0.766}


def load_questions(path=QUESTIONS):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            kind, question, sections = line.split("\t")
            out.append((kind, question, sections.split(",")))
    return out


def rank_of(result_urls, sections):
    """1-based rank of the first result that is one of the sections, or None."""
    wanted = {"/handbook/" + s for s in sections}
    for i, url in enumerate(result_urls):
        if url.split("#")[0] in wanted:
            return i + 1
    return None


def figures(ranks):
    n = len(ranks)
    return {"questions": n,
            "top1": sum(1 for r in ranks if r == 1) / n,
            "top3": sum(1 for r in ranks if r and r <= 3) / n,
            "mrr": sum(1.0 / r for r in ranks if r) / n}


class QuestionsInTheirOwnWords(PortalTestCase):

    def test_the_set_is_well_formed(self):
        qs = load_questions()
        self.assertGreaterEqual(len(qs), 60)
        self.assertEqual(len({q for _, q, _ in qs}), len(qs), "a question appears twice")
        sections = {row["slug"] for row in self.portal.db().execute(
            "SELECT s.slug FROM sections s JOIN documents d ON d.id = s.document_id "
            "WHERE d.slug = 'handbook' AND s.kind = 'section' AND NOT s.retired")}
        for kind, q, want in qs:
            self.assertTrue(want and set(want) <= sections, (q, set(want) - sections))

    def test_the_held_out_set_is_well_formed(self):
        qs = load_questions(HELDOUT)
        self.assertGreaterEqual(len(qs), 20)
        tuned = {q for _, q, _ in load_questions()}
        self.assertFalse(tuned & {q for _, q, _ in qs}, "a held-out question is in the tuned set")

    def evaluate(self, path, name, floor, report_file):
        ranks, by_kind, misses = [], collections.defaultdict(list), []
        for kind, q, want in load_questions(path):
            r = self.get("/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}))
            self.assertEqual(r.status, 200, (q, r.text[:300]))
            answer = json.loads(r.text)
            self.assertEqual(answer["query"], q)
            got = rank_of([x["url"] for x in answer["results"]], want)
            ranks.append(got)
            by_kind[kind].append(got)
            if got is None or got > 3:
                misses.append("%s -> %s (wanted %s)" % (
                    q, [x["url"] for x in answer["results"][:3]], ",".join(want)))
        overall = figures(ranks)
        report = {"overall": overall, "by_kind": {k: figures(v) for k, v in sorted(by_kind.items())},
                  "not_in_top3": misses}
        print("\n%s: %d questions, top-1 %.1f %%, top-3 %.1f %%, MRR %.3f"
              % (name, overall["questions"], 100 * overall["top1"], 100 * overall["top3"], overall["mrr"]))
        for kind, f in report["by_kind"].items():
            print("  %-11s %2d questions  top-1 %5.1f %%  top-3 %5.1f %%  MRR %.3f"
                  % (kind, f["questions"], 100 * f["top1"], 100 * f["top3"], f["mrr"]))
        for m in misses:
            print("  not in the first three:", m)
        with open(os.path.join(BUILDDIR, "tests", report_file), "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
        for key, value in floor.items():
            self.assertGreaterEqual(round(overall[key], 3), value, "%s fell below %.3f" % (key, value))

    def test_hit_rates_and_mrr(self):
        self.evaluate(QUESTIONS, "search evaluation", FLOOR, "search-eval.json")

    def test_held_out_hit_rates_and_mrr(self):
        self.evaluate(HELDOUT, "search evaluation, held-out questions", HELDOUT_FLOOR,
                      "search-eval-heldout.json")

if __name__ == "__main__":
    main()
