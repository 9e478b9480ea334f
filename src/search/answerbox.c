/* answerbox: the tools that answer questions typed into search (see answerbox.h). */
#include "search/answerbox.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "forms/formdef.h"
#include "search/search.h"
#include "wizard/wizards.h"

#define MAX_WORDS 48
#define WORD_LEN 32

/* A trigger: words one space apart, each a '|' list of beginnings. */
struct answer_rule {
	enum answerbox_kind kind;
	const char *target;  /* wizard slug, calculator URL or form key */
	const char *section; /* handbook section (forms: their own) */
	const char *triggers[10];
};

/* The amount words that turn a question about a leave into one for its calculator. */
#define AMOUNT "much|many|earn|accru|accumul|rate|calculat|carr|maximum|balance|bonus"

/* Order matters only between triggers of the same length: forms to file
 * before the wizard that explains the same subject. */
static const struct answer_rule rules[] = {
	{ ANSWER_FORM, "fmla", NULL, { "fmla request|apply|file|form|submit", NULL } },
	{ ANSWER_FORM,
	  "outside-employment",
	  NULL,
	  { "outside employ|work|job", "second|another|side|part|other job|jobs", "moonlight", "secondary employ",
	    NULL } },
	{ ANSWER_FORM, "grievance", NULL, { "griev", NULL } },
	{ ANSWER_FORM, "board-appeal", NULL, { "appeal personnel|board|dismiss|demot|suspen|fire|penal", NULL } },
	{ ANSWER_CALCULATOR, "/calculators/annual-leave", "annual-leave", { "annual leave " AMOUNT, NULL } },
	{ ANSWER_CALCULATOR, "/calculators/sick-leave", "sick-leave", { "sick leave " AMOUNT, NULL } },
	{ ANSWER_CALCULATOR, "/calculators/holidays", "holidays", { "holiday", NULL } },
	{ ANSWER_WIZARD,
	  "leave-sharing",
	  "leave-sharing-programs",
	  { "leave shar", "shar leave", "donat leave", "leave donat", "leave pool", "give|gift leave",
	    "catastroph|prolonged leave", NULL } },
	{ ANSWER_WIZARD,
	  "fmla",
	  "family-and-medical-leave-act-fmla",
	  { "fmla", "family medical", "maternit", "paternit", "parental leave", "serious health",
	    "newborn|baby|adopt leave", NULL } },
	{ ANSWER_WIZARD,
	  "return-rights",
	  "reversion-reemployment-and-reinstatement",
	  { "reversion|revert", "reemploy", "reinstat", "rehire", "return|back|come state service|government|employ",
	    NULL } },
};

/* Lowercase words of text (letters and digits; apostrophes dropped, so
 * "doctor's" is "doctors"), appended to words[*n]. */
static void split_words(const char *text, char words[][WORD_LEN], int *n)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p && *n < MAX_WORDS) {
		size_t len = 0;

		while (*p && !isalnum(*p))
			p++;
		while (*p && (isalnum(*p) || *p == '\'')) {
			if (*p != '\'' && len + 1 < WORD_LEN)
				words[*n][len++] = (char)tolower(*p);
			p++;
		}
		if (len > 0) {
			words[*n][len] = '\0';
			(*n)++;
		}
	}
}

/* Whether some word begins with one of the '|' separated beginnings in alts[0, len). */
static int has_word(char words[][WORD_LEN], int n, const char *alts, size_t len)
{
	const char *end = alts + len;

	while (alts < end) {
		size_t a = strcspn(alts, "| ");

		if (a > (size_t)(end - alts))
			a = (size_t)(end - alts);
		for (int i = 0; i < n; i++)
			if (strncmp(words[i], alts, a) == 0)
				return 1;
		alts += a;
		if (alts < end && *alts == '|')
			alts++;
	}
	return 0;
}

/* The number of words of trigger t if every one is present, else 0. */
static int trigger_matches(const char *t, char words[][WORD_LEN], int n)
{
	int count = 0;

	while (*t) {
		size_t len = strcspn(t, " ");

		if (!has_word(words, n, t, len))
			return 0;
		count++;
		t += len;
		while (*t == ' ')
			t++;
	}
	return count;
}

static int fill_tool(const struct answer_rule *r, struct answerbox_tool *out)
{
	memset(out, 0, sizeof *out);
	out->kind = r->kind;
	out->section = r->section;
	if (r->kind == ANSWER_WIZARD) {
		const struct wizard_def *w = wizards_find(r->target);
		if (w == NULL)
			return 0;
		snprintf(out->url, sizeof out->url, "/wizards/%s", w->slug);
		out->title = w->title;
		out->summary = w->summary;
		out->question = w->steps[0].fields[0].label;
	} else if (r->kind == ANSWER_CALCULATOR) {
		const struct wizards_tool *t = wizards_tool_find(r->target);

		if (t == NULL || t->fields == NULL)
			return 0;
		snprintf(out->url, sizeof out->url, "%s", t->url);
		out->title = t->title;
		out->summary = t->description;
		out->question = t->fields[0].label;
	} else {
		const struct form_def *f = formdef_find(r->target);
		if (f == NULL)
			return 0;
		snprintf(out->url, sizeof out->url, "/forms/%s/new", f->key);
		out->title = f->title;
		out->summary = f->summary;
		out->section = f->handbook;
	}
	return 1;
}

int answerbox_match(const char *text, const char *const *also, int nalso, struct answerbox_tool *out)
{
	char words[MAX_WORDS][WORD_LEN];
	int n = 0, best = 0;
	const struct answer_rule *winner = NULL;

	split_words(text ? text : "", words, &n);
	for (int i = 0; i < nalso; i++)
		split_words(also[i], words, &n);
	for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++)
		for (int t = 0; rules[r].triggers[t] != NULL; t++) {
			int m = trigger_matches(rules[r].triggers[t], words, n);

			if (m > best) {
				best = m;
				winner = &rules[r];
			}
		}
	return winner != NULL && fill_tool(winner, out);
}

/* Words that only make a question of a term. */
static int question_word(const char *w)
{
	static const char *const words[] = { "what",       "whats",   "is",      "are",  "does",  "do",
					     "a",          "an",      "the",     "mean", "means", "meaning",
					     "definition", "define",  "defined", "of",   "by",    "term",
					     "word",       "explain", "s",       "i",    "it" };

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i]) == 0)
			return 1;
	return 0;
}

int answerbox_asks_definition(const char *text, const char *term)
{
	char q[MAX_WORDS][WORD_LEN], t[MAX_WORDS][WORD_LEN];
	int nq = 0, nt = 0, kept = 0;

	split_words(text, q, &nq);
	split_words(term, t, &nt);
	if (nt == 0 || nq >= MAX_WORDS || nt >= MAX_WORDS)
		return 0;
	for (int i = 0; i < nq; i++) {
		int found = 0;

		if (question_word(q[i]))
			continue;
		kept++;
		for (int j = 0; j < nt && !found; j++)
			found = strcmp(q[i], t[j]) == 0 || search_same_word_forms(q[i], t[j]);
		if (!found)
			return 0;
	}
	/* Every word of the term asked about (its small words aside). */
	for (int j = 0; j < nt; j++) {
		int found = question_word(t[j]);

		for (int i = 0; i < nq && !found; i++)
			found = strcmp(q[i], t[j]) == 0 || search_same_word_forms(q[i], t[j]);
		if (!found)
			return 0;
	}
	return kept > 0;
}

const char *answerbox_kind_name(enum answerbox_kind kind)
{
	switch (kind) {
	case ANSWER_WIZARD:
		return "wizard";
	case ANSWER_CALCULATOR:
		return "calculator";
	case ANSWER_FORM:
		return "form";
	}
	return "tool";
}
