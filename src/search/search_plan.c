/* search_plan: a question's plan and the ranking of what it finds. The plan
 * groups the query's phrases (each word with its other forms, an everyday
 * phrase with the handbook's words the thesaurus adds for it, neighbouring
 * words as a bonus) and is written as the FTS5 expression and search_rank's
 * plan argument; rank_matches decides whether to rank every row at once or
 * in tiers. Apart because this is what the evaluation's numbers depend on
 * (tests/test_search_eval.py), and nothing else in search/ needs to know
 * how (see search_internal.h). */
#include "search/search_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* search_rank's plan: a group per phrase, the pairs "|999:999,...", the
 * counts "|99999999999,..." */
#define PLAN_RANK_SIZE (PLAN_MAX_PHRASES * 22 + PLAN_MAX_BIGRAMS * 8 + 4)
#define PLAN_MAX_WORDS 64
/* Enough sections with every word of a question that those with only some
 * of them need not be ranked (two pages of results). */
#define FULL_MATCHES_ENOUGH 20
/* At most this many rows to visit (the phrases' counts added up): rank
 * them all at once, without tiers (see rank_matches). */
#define RANK_ALL_ROWS 2000

static int plan_find(const struct plan *pl, const char *text, int prefix, int group)
{
	for (int i = 0; i < pl->n; i++)
		if (pl->p[i].prefix == prefix && pl->p[i].group == group && strcmp(pl->p[i].text, text) == 0)
			return i;
	return -1;
}

static void plan_add(struct plan *pl, const char *text, int prefix, int group, int thesaurus)
{
	if (plan_find(pl, text, prefix, group) >= 0 || pl->n == PLAN_MAX_PHRASES || text[0] == '\0')
		return;
	pl->p[pl->n].text = text;
	pl->p[pl->n].prefix = prefix;
	pl->p[pl->n].group = group;
	pl->p[pl->n].thesaurus = thesaurus;
	pl->n++;
}

/* plan_build's work: the query's words stemmed, and a label for each clause
 * and each thesaurus match, numbered as groups once all are known. */
struct plan_words {
	char stem[PLAN_MAX_WORDS][SEARCH_MAX_WORD + 1];
	int clause[PLAN_MAX_WORDS]; /* the clause of each word */
	int n;
	/* Labels: the clauses (0 to q->n - 1), then the thesaurus matches;
	 * -1: no group of its own. */
	int label[SEARCH_MAX_CLAUSES + PLAN_MAX_WORDS], nlabel;
	int group[SEARCH_MAX_CLAUSES + PLAN_MAX_WORDS]; /* by label */
	const struct thesaurus_entry *match[PLAN_MAX_WORDS];
	int match_at[PLAN_MAX_WORDS], match_len[PLAN_MAX_WORDS], nmatch;
};

/* The group of whatever has label index i, or -1. */
static int plan_group(const struct plan_words *w, int i)
{
	return w->label[i] >= 0 ? w->group[w->label[i]] : -1;
}

/* Each clause its own label (none for a common word, unless the query is
 * only those), and the stems of the words not quoted and not prefixes. */
static void plan_stem_words(const struct search_query *q, struct plan_words *w)
{
	int only_stop = 1;

	for (int i = 0; i < q->n; i++)
		only_stop &= q->clauses[i].stop;
	w->nlabel = q->n;
	for (int i = 0; i < q->n; i++) {
		const struct search_clause *c = &q->clauses[i];

		w->label[i] = c->stop && !only_stop ? -1 : i;
		if (c->quoted || c->kind == SEARCH_PREFIX)
			continue;
		for (const char *p = c->text; *p && w->n < PLAN_MAX_WORDS;) {
			size_t len = strcspn(p, " ");

			stem_word(p, len, w->stem[w->n]);
			if (w->stem[w->n][0] != '\0')
				w->clause[w->n++] = i;
			p += len;
			while (*p == ' ')
				p++;
		}
	}
}

/* The longest everyday phrase at each word, left to right. The clauses it
 * spans are covered (never "corrected"); it takes the label of the first
 * of them that has one. */
static void plan_match_thesaurus(struct plan_words *w, struct plan *pl)
{
	for (int k = 0; k < w->n;) {
		int used = 1;

		for (int len = w->n - k < THESAURUS_MAX_WORDS ? w->n - k : THESAURUS_MAX_WORDS; len >= 1; len--) {
			char key[THESAURUS_KEY_SIZE];
			const struct thesaurus_entry *e;
			int target = -1;

			join_words(key, sizeof key, w->stem + k, len, -1, NULL);
			if ((e = thesaurus_find(key)) == NULL)
				continue;
			for (int x = k; x < k + len && target < 0; x++)
				target = w->label[w->clause[x]];
			for (int x = k; x < k + len; x++)
				pl->covered[w->clause[x]] = 1;
			/* Only common words: a group of its own. */
			w->label[w->nlabel] = target < 0 ? w->nlabel : -1;
			w->nlabel++;
			w->match_at[w->nmatch] = k;
			w->match_len[w->nmatch] = len;
			w->match[w->nmatch++] = e;
			used = len;
			break;
		}
		k += used;
	}
}

/* Labels to groups 0, 1, ... in order of first use. */
static void plan_number_groups(struct plan_words *w, struct plan *pl)
{
	for (int i = 0; i < w->nlabel; i++)
		w->group[i] = -1;
	for (int i = 0; i < w->nlabel; i++)
		if (w->label[i] >= 0 && w->group[w->label[i]] < 0)
			w->group[w->label[i]] = pl->ngroups++;
}

/* Each clause that has a group, with its other forms (alts), in it. */
static void plan_add_clauses(const struct search_query *q, const struct plan_words *w, struct plan *pl)
{
	for (int i = 0; i < q->n; i++) {
		const struct search_clause *c = &q->clauses[i];
		int g = plan_group(w, i);

		if (g < 0)
			continue;
		/* Short prefixes would scan most of the index: they only
		 * match through their completions. */
		plan_add(pl, c->text, c->kind == SEARCH_PREFIX && strlen(c->text) >= 3, g, 0);
		for (int k = 0; k < c->nalts; k++)
			plan_add(pl, c->alts[k], 0, g, 0);
	}
}

/* The handbook's words of thesaurus match m stand for each word of the
 * everyday phrase, in that word's group: a section needs the phrase or all
 * its words to match them all. They are "also searched" unless typed. */
static void plan_add_thesaurus(const struct search_query *q, const struct plan_words *w, int m, struct plan *pl)
{
	const struct thesaurus_entry *e = w->match[m];
	int spanned[THESAURUS_MAX_WORDS], nspanned = 0, own = plan_group(w, q->n + m);

	if (own >= 0)
		spanned[nspanned++] = own;
	for (int x = w->match_at[m]; x < w->match_at[m] + w->match_len[m]; x++) {
		int g = plan_group(w, w->clause[x]), dup = g < 0;

		for (int y = 0; y < nspanned; y++)
			dup |= spanned[y] == g;
		if (!dup && nspanned < THESAURUS_MAX_WORDS)
			spanned[nspanned++] = g;
	}
	for (int k = 0; k < e->nsearched; k++) {
		int seen = 0;

		for (int y = 0; y < nspanned; y++)
			plan_add(pl, e->searched[k], 0, spanned[y], 1);
		for (int a = 0; a < pl->nalso; a++)
			seen |= strcmp(pl->also[a], e->searched[k]) == 0;
		for (int i = 0; i < q->n; i++)
			seen |= strcmp(q->clauses[i].text, e->searched[k]) == 0;
		if (!seen && pl->nalso < SEARCH_MAX_ALSO)
			pl->also[pl->nalso++] = e->searched[k];
	}
}

/* Neighbouring meaningful words as typed: a bonus when they are side by
 * side in a section. */
static void plan_add_bigrams(const struct search_query *q, const struct plan_words *w, struct plan *pl)
{
	for (int i = 0; i + 1 < q->n && pl->nbigrams < PLAN_MAX_BIGRAMS; i++) {
		const struct search_clause *a = &q->clauses[i], *b = &q->clauses[i + 1];
		int first, second;

		if (a->kind != SEARCH_WORD || b->kind != SEARCH_WORD || a->stop || b->stop || a->quoted || b->quoted ||
		    w->label[i] < 0 || w->label[i + 1] < 0)
			continue;
		first = plan_find(pl, a->text, 0, plan_group(w, i));
		second = plan_find(pl, b->text, 0, plan_group(w, i + 1));
		if (first < 0 || second < 0)
			continue;
		pl->bigram[pl->nbigrams].first = first;
		pl->bigram[pl->nbigrams].second = second;
		pl->nbigrams++;
	}
}

/* Group the query: each meaningful clause is a group with its other forms
 * (alts); an everyday phrase the thesaurus knows merges the clauses it spans
 * into one group and adds the handbook's words to it; neighbouring words are
 * also searched as a phrase, as a bonus. Quoted phrases are searched as
 * they are. */
void plan_build(const struct search_query *q, struct plan *pl)
{
	struct plan_words w = { .n = 0 };

	memset(pl, 0, sizeof *pl);
	plan_stem_words(q, &w);
	plan_match_thesaurus(&w, pl);
	plan_number_groups(&w, pl);
	plan_add_clauses(q, &w, pl);
	for (int m = 0; m < w.nmatch; m++)
		plan_add_thesaurus(q, &w, m, pl);
	plan_add_bigrams(q, &w, pl);
}

static NEOERR *plan_phrase_text(const struct plan_phrase *p, STRING *out)
{
	NEOERR *err = search_quote(out, p->text);

	if (err == STATUS_OK && p->prefix)
		err = string_append_char(out, '*');
	return nerr_pass(err);
}

/* What a plan's expression asks for. */
enum plan_match {
	PLAN_ANY,      /* any phrase */
	PLAN_ALL,      /* a phrase of every group */
	PLAN_ALL_TYPED /* a typed phrase of every group that has one */
};

/* The FTS5 expression of the plan, and rank: search_rank's plan argument
 * for it as written (see rank_query_parse). */
static NEOERR *plan_expression(const struct plan *pl, enum plan_match match, const int64_t *docs, STRING *out,
			       char rank[PLAN_RANK_SIZE])
{
	NEOERR *err = STATUS_OK;
	int written = 0, at[PLAN_MAX_PHRASES], all = match != PLAN_ANY, nwritten_groups = 0;
	size_t len;

	for (int i = 0; i < pl->n; i++)
		at[i] = -1;
	for (int g = 0; g < (all ? pl->ngroups : 1) && err == STATUS_OK; g++) {
		int in_group = 0;

		for (int i = 0; i < pl->n && err == STATUS_OK; i++) {
			if (all && pl->p[i].group != g)
				continue;
			if (match == PLAN_ALL_TYPED && pl->p[i].thesaurus)
				continue;
			if (all && in_group == 0)
				err = string_append(out, nwritten_groups++ ? " AND (" : "(");
			if (err == STATUS_OK && in_group++)
				err = string_append(out, " OR ");
			if (err == STATUS_OK)
				err = plan_phrase_text(&pl->p[i], out);
			at[i] = written;
			rank[written++] = (char)('a' + pl->p[i].group % 64);
		}
		if (err == STATUS_OK && all && in_group)
			err = string_append_char(out, ')');
	}
	rank[written] = '\0';
	len = (size_t)written;
	for (int k = 0, npairs = 0; k < pl->nbigrams; k++)
		if (at[pl->bigram[k].first] >= 0 && at[pl->bigram[k].second] >= 0)
			len += (size_t)snprintf(rank + len, PLAN_RANK_SIZE - len, "%c%d:%d", npairs++ ? ',' : '|',
						at[pl->bigram[k].first], at[pl->bigram[k].second]);
	if (docs != NULL) {
		int by_written[PLAN_MAX_PHRASES];

		for (int i = 0; i < pl->n; i++)
			if (at[i] >= 0)
				by_written[at[i]] = i;
		if (strchr(rank, '|') == NULL)
			rank[len++] = '|';
		for (int w = 0; w < written; w++)
			len += (size_t)snprintf(rank + len, PLAN_RANK_SIZE - len, "%c%" PRId64, w ? ',' : '|',
						(int64_t)docs[by_written[w]]);
	}
	rank[len] = '\0';
	return nerr_pass(err);
}

/* How many rows each phrase of the plan matches (for its idf). */
static NEOERR *plan_counts(struct db *db, const struct plan *pl, int64_t docs[PLAN_MAX_PHRASES])
{
	STRING text;
	NEOERR *err = STATUS_OK;

	string_init(&text);
	for (int i = 0; i < pl->n && err == STATUS_OK; i++) {
		string_clear(&text);
		err = plan_phrase_text(&pl->p[i], &text);
		if (err == STATUS_OK)
			err = phrase_docs(db, text.buf, &docs[i]);
	}
	string_clear(&text);
	return nerr_pass(err);
}

/* The rows of the plan's expression for match, ranked, appended to h. */
static NEOERR *collect_plan(struct db *db, const struct plan *pl, enum plan_match match, const int64_t *docs, int as_of,
			    struct hits *h)
{
	STRING expr;
	char rank[PLAN_RANK_SIZE];
	NEOERR *err;

	string_init(&expr);
	err = plan_expression(pl, match, docs, &expr, rank);
	if (err == STATUS_OK)
		err = hits_collect(db, expr.buf, rank, as_of, h, NULL, 0);
	string_clear(&expr);
	return nerr_pass(err);
}

/* Whether row id has a phrase of every group of the plan. */
static NEOERR *row_has_all(struct db *db, const struct plan *pl, int64_t id, int *yes)
{
	STRING all;
	char rank[PLAN_RANK_SIZE];
	NEOERR *err;

	*yes = 0;
	string_init(&all);
	err = plan_expression(pl, PLAN_ALL, NULL, &all, rank);
	if (err == STATUS_OK)
		err = store_search_row_matches(db, all.buf, id, yes);
	string_clear(&all);
	return nerr_pass(err);
}

/* The rows the plan finds, ranked, into h. On the handbook's few hundred
 * sections the rows to rank are few (at most RANK_ALL_ROWS, counted from
 * docs, each phrase's count) and all of them are ranked at once (expr, the
 * OR of every phrase; groups, its plan for search_rank). A large index has
 * many sections with all of a question's words, and ranking every row with
 * any of them would cost a lot for nothing, so there the rows are found in
 * tiers, each ranked only when the one before has fewer than
 * FULL_MATCHES_ENOUGH rows: sections with every word as typed (or another
 * form of it); then with every group (a word or what the thesaurus adds
 * for it); then, ranked together with those, sections with some of the
 * words, so that a section lacking a common word can still come first.
 * *any: the best row lacks a group (nothing has them all); *typed: the rows
 * have every typed word, and what the thesaurus adds was not needed. */
static NEOERR *rank_matches(struct db *db, const struct plan *pl, const int64_t *docs, const char *expr,
			    const char *groups, int as_of, struct hits *h, int *any, int *typed)
{
	int thesaurus = 0, has_all = 0;
	int64_t visits = 0, *full = NULL;
	size_t nfull;
	NEOERR *err = STATUS_OK;

	*any = *typed = 0;
	for (int i = 0; i < pl->n; i++) {
		thesaurus |= pl->p[i].thesaurus;
		visits += docs[i];
	}
	if (visits <= RANK_ALL_ROWS || (pl->ngroups < 2 && !thesaurus)) {
		err = hits_collect(db, expr, groups, as_of, h, NULL, 0);
		if (err == STATUS_OK && h->n > 0 && pl->ngroups > 1) {
			err = row_has_all(db, pl, h->v[best_hit(h)].id, &has_all);
			*any = !has_all;
		}
		return nerr_pass(err);
	}
	if (thesaurus) {
		err = collect_plan(db, pl, PLAN_ALL_TYPED, docs, as_of, h);
		if (err != STATUS_OK || h->n >= FULL_MATCHES_ENOUGH) {
			*typed = err == STATUS_OK;
			return nerr_pass(err);
		}
		hits_free(h);
	}
	err = collect_plan(db, pl, PLAN_ALL, docs, as_of, h);
	nfull = h->n;
	if (err != STATUS_OK || nfull >= FULL_MATCHES_ENOUGH || pl->ngroups < 2)
		return nerr_pass(err);
	if (nfull > 0 && (full = malloc(nfull * sizeof *full)) == NULL)
		return nerr_raise(NERR_NOMEM, "search hits");
	for (size_t i = 0; i < nfull; i++)
		full[i] = h->v[i].id;
	if (nfull > 1)
		qsort(full, nfull, sizeof *full, id_cmp);
	err = hits_collect(db, expr, groups, as_of, h, full, nfull);
	if (err == STATUS_OK && h->n > 0)
		*any = nfull == 0 || bsearch(&h->v[best_hit(h)].id, full, nfull, sizeof *full, id_cmp) == NULL;
	free(full);
	return nerr_pass(err);
}

NEOERR *plan_search(struct db *db, const struct plan *pl, int as_of, struct hits *h, int *any, int *typed)
{
	STRING expr;
	char groups[PLAN_RANK_SIZE];
	int64_t docs[PLAN_MAX_PHRASES];
	NEOERR *err;

	string_init(&expr);
	err = plan_counts(db, pl, docs);
	if (err == STATUS_OK)
		err = plan_expression(pl, PLAN_ANY, docs, &expr, groups);
	if (err == STATUS_OK)
		err = rank_matches(db, pl, docs, expr.buf, groups, as_of, h, any, typed);
	string_clear(&expr);
	return nerr_pass(err);
}
