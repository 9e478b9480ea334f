/* search_suggest: what the vocabulary adds to the words typed. Completions
 * (a prefix, or a word the index lacks, also matches the known words it
 * begins) and other forms of known words, before the search; "Did you
 * mean" corrections by edit distance, after it. Apart from the plan because
 * both work word by word on the vocabulary and know nothing of ranking
 * (see search_internal.h). */
#include "search/search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DERIVED 4

void suggest_completions(struct search_query *q)
{
	/* Words the index does not have, and prefixes: also match the known
	 * words they begin ("reinstat" -> reinstatement, reinstated). Known
	 * words: also their other forms. */
	for (int i = 0; i < q->n; i++) {
		struct search_clause *c = &q->clauses[i];

		if (c->kind == SEARCH_PREFIX ||
		    (c->kind == SEARCH_WORD && !c->stop && strlen(c->text) >= 3 && !vocab_known(c->text)))
			c->nalts = vocab_complete(c->text, c->alts, SEARCH_MAX_ALTS);
		else if (c->kind == SEARCH_WORD && !c->stop && !c->quoted)
			c->nalts = vocab_derived_forms(c->text, c->alts, MAX_DERIVED);
	}
}

/* The words of clause c, split (phrases have several). */
static int clause_words(const struct search_clause *c, char words[][SEARCH_MAX_WORD + 1], int max)
{
	int n = 0;
	const char *p = c->text;

	while (*p && n < max) {
		size_t len = strcspn(p, " ");

		snprintf(words[n++], SEARCH_MAX_WORD + 1, "%.*s", (int)len, p);
		p += len;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* Counting stops here: enough to tell a real pair of words from a chance one. */
#define SUGGEST_COUNT_CAP 200

/* How well a corrected query does: rows with its words as one phrase (real
 * word pairs win), then rows with all of them (each count capped). */
static NEOERR *suggestion_score(struct db *db, const struct search_query *q, const char *const *replace, int as_of,
				int cap, long *score)
{
	struct search_query *fixed = malloc(sizeof *fixed);
	STRING expr;
	NEOERR *err = STATUS_OK;
	int phrase = 0, all = 0, words = 0;

	if (fixed == NULL)
		return nerr_raise(NERR_NOMEM, "search suggestion");
	*fixed = *q;
	string_init(&expr);
	for (int i = 0; i < fixed->n; i++) {
		if (replace[i])
			snprintf(fixed->clauses[i].text, sizeof fixed->clauses[i].text, "%s", replace[i]);
		fixed->clauses[i].nalts = 0;
		words += !fixed->clauses[i].stop;
	}
	if (words > 1) {
		STRING text;

		string_init(&text);
		for (int i = 0; i < fixed->n && err == STATUS_OK; i++)
			if (!fixed->clauses[i].stop)
				err = string_appendf(&text, "%s ", fixed->clauses[i].text);
		if (err == STATUS_OK && text.buf)
			err = append_phrase(&expr, text.buf);
		string_clear(&text);
		if (err == STATUS_OK)
			err = count_matches(db, expr.buf, as_of, cap, &phrase);
		string_clear(&expr);
	}
	if (err == STATUS_OK)
		err = search_expression(fixed, 0, &expr);
	if (err == STATUS_OK && expr.buf)
		err = count_matches(db, expr.buf, as_of, cap, &all);
	string_clear(&expr);
	free(fixed);
	*score = (long)phrase * 100000L + all;
	return nerr_pass(err);
}

/* Whether word alone (as the index stems it) matches a current row. */
static NEOERR *words_match(struct db *db, const char *word, int as_of, int *count)
{
	STRING expr;
	NEOERR *err;

	string_init(&expr);
	err = search_quote(&expr, word);
	if (err == STATUS_OK)
		err = count_matches(db, expr.buf, as_of, 1, count);
	string_clear(&expr);
	return nerr_pass(err);
}

/* The known words close to word, a word the vocabulary lacks, into cand
 * (MAX_CANDIDATES long). */
static NEOERR *correction_candidates(struct db *db, const char *word, int as_of, const char **cand, int *nc)
{
	int found = 0;
	NEOERR *err = words_match(db, word, as_of, &found);

	*nc = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	*nc = vocab_candidates(word, cand, MAX_CANDIDATES);
	if (found) {
		/* Its stem is indexed, so the query already finds what the
		 * spelling fix would; offer only a misspelling of that same
		 * word ("reinstatment"), never another form of it
		 * ("harassed") or another word ("resigning": "assigning"). */
		char ws[SEARCH_MAX_WORD + 1], cs[SEARCH_MAX_WORD + 1];
		int kept = 0;

		stem_word(word, strlen(word), ws);
		for (int k = 0; k < *nc; k++) {
			stem_word(cand[k], strlen(cand[k]), cs);
			if (strcmp(ws, cs) == 0 && !search_same_word_forms(word, cand[k]))
				cand[kept++] = cand[k];
		}
		*nc = kept;
	}
	return STATUS_OK;
}

/* The corrected query's text into *suggestion, when it finds something. */
static NEOERR *offer_correction(struct db *db, const struct search_query *q, const char *const *replace, int as_of,
				char **suggestion)
{
	long score = 0;
	NEOERR *err = suggestion_score(db, q, replace, as_of, 1, &score);

	if (err == STATUS_OK && score > 0) {
		STRING s;

		string_init(&s);
		err = search_query_text(q, replace, &s);
		if (err == STATUS_OK)
			*suggestion = s.buf;
		else
			string_clear(&s);
	}
	return nerr_pass(err);
}

/* "Did you mean": each word the index does not know (and that does not
 * start a word it knows) replaced by the closest known word; where several
 * are equally close, the one giving the best query. Only offered when the
 * corrected query finds something. */
NEOERR *suggest_correction(struct db *db, const struct search_query *q, const int *covered, int as_of,
			   char **suggestion)
{
	char fixed[SEARCH_MAX_CLAUSES][sizeof q->clauses[0].text];
	const char *replace[SEARCH_MAX_CLAUSES] = { 0 };
	int changed = 0;
	NEOERR *err = STATUS_OK;

	*suggestion = NULL;
	for (int i = 0; i < q->n && err == STATUS_OK; i++) {
		const struct search_clause *c = &q->clauses[i];
		char words[SEARCH_MAX_PHRASE_WORDS][SEARCH_MAX_WORD + 1];
		int nw, clause_changed = 0;

		if (c->kind == SEARCH_PREFIX || c->stop || covered[i])
			continue;
		nw = clause_words(c, words, SEARCH_MAX_PHRASE_WORDS);
		for (int w = 0; w < nw && err == STATUS_OK; w++) {
			const char *cand[MAX_CANDIDATES];
			const char *alts[1];
			int nc;
			long best_score = -1;
			int best = -1;

			if (vocab_known(words[w]) || vocab_complete(words[w], alts, 1) > 0)
				continue;
			err = correction_candidates(db, words[w], as_of, cand, &nc);
			if (err != STATUS_OK)
				continue;
			for (int k = 0; k < nc && err == STATUS_OK; k++) {
				char trial[sizeof fixed[0]];
				const char *rep[SEARCH_MAX_CLAUSES];
				long score = 0;

				/* The clause with this word replaced. */
				join_words(trial, sizeof trial, words, nw, w, cand[k]);
				memcpy(rep, replace, sizeof rep);
				rep[i] = trial;
				/* One word: the more used; several: the better query. */
				if (nc > 1 && q->n == 1 && q->clauses[0].nwords == 1)
					score = vocab_docs(cand[k]);
				else if (nc > 1)
					err = suggestion_score(db, q, rep, as_of, SUGGEST_COUNT_CAP, &score);
				if (err == STATUS_OK && score > best_score) {
					best_score = score;
					best = k;
				}
			}
			if (best >= 0) {
				snprintf(words[w], sizeof words[w], "%s", cand[best]);
				clause_changed = 1;
			}
		}
		if (clause_changed) {
			join_words(fixed[i], sizeof fixed[i], words, nw, -1, NULL);
			replace[i] = fixed[i];
			changed = 1;
		}
	}
	if (err == STATUS_OK && changed)
		err = offer_correction(db, q, replace, as_of, suggestion);
	return nerr_pass(err);
}
