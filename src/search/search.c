/* search: running searches against the index (see search.h). search_run()
 * answers a citation from the citations table, anything else as a text
 * search through a plan (search_plan.c), and shapes the page of results.
 *
 * Matching, ranking and stemming are the engine's (store/search_backend.h);
 * the files beside this one build what it matches and ranks and keep what
 * it costs to compute once per index version (search_internal.h). */
#include "search/search.h"
#include "search/search_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"

static int date_number(const char *d)
{
	int y = 0, m = 0, day = 0;

	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3)
		return 0;
	return y * 10000 + m * 100 + day;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

#define SNIPPET_WORDS 30

struct hit_details {
	struct highlight *hl;
	const struct hit *h;
	struct search_result *r;
};

static NEOERR *hit_fill(void *ctx, const struct store_search_doc *d)
{
	struct hit_details *x = ctx;
	struct search_result *r = x->r;
	char url[512];
	NEOERR *err = STATUS_OK;

	r->kind = d->glossary ? SEARCH_KIND_GLOSSARY : SEARCH_KIND_SECTION;
	if (r->kind == SEARCH_KIND_GLOSSARY)
		snprintf(url, sizeof url, "/glossary/%s", d->term_slug);
	else
		snprintf(url, sizeof url, "/%s/%s", d->document_slug, d->section_slug);
	r->title = dup_or_empty(d->title);
	r->url = strdup(url);
	r->document = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? d->document_title : "");
	r->status = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? d->document_status : "");
	r->cites = dup_or_empty(x->h->cites);
	if (!r->title || !r->url || !r->document || !r->status || !r->cites)
		err = nerr_raise(NERR_NOMEM, "search result");
	if (err == STATUS_OK)
		err = highlight_html(d->title, 0, x->hl, &r->title_html);
	if (err == STATUS_OK)
		err = highlight_html(d->body, SNIPPET_WORDS, x->hl, &r->snippet_html);
	return nerr_pass(err);
}

/* Title, URL and a highlighted snippet of one indexed row. */
static NEOERR *hit_details(struct db *db, struct highlight *hl, const struct hit *h, struct search_result *r)
{
	struct hit_details x = { hl, h, r };
	int found = 0;
	NEOERR *err = store_search_doc(db, h->id, hit_fill, &x, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(NERR_ASSERT, "search row %" PRId64 " vanished", (int64_t)h->id);
	return nerr_pass(err);
}

static NEOERR *fill_page(struct db *db, struct highlight *hl, struct hits *h, struct search_results *out)
{
	size_t first = (size_t)(out->page - 1) * (size_t)out->per_page;
	NEOERR *err = STATUS_OK;

	out->total = (int)h->n;
	if (first >= h->n)
		return STATUS_OK;
	out->n = h->n - first < (size_t)out->per_page ? h->n - first : (size_t)out->per_page;
	out->items = calloc(out->n, sizeof *out->items);
	if (out->items == NULL) {
		out->n = 0;
		return nerr_raise(NERR_NOMEM, "search results");
	}
	for (size_t i = 0; i < out->n && err == STATUS_OK; i++)
		err = hit_details(db, hl, &h->v[first + i], &out->items[i]);
	return nerr_pass(err);
}

#define MAX_CITES 8

struct citing {
	struct hits *h;
	const int64_t *ids; /* found under the citations before, sorted */
	size_t nids;
};

static NEOERR *citing_add(void *ctx, int64_t id, const char *cites)
{
	struct citing *c = ctx;

	/* Cited under two of the citations asked for: listed once. */
	if (c->nids && bsearch(&id, c->ids, c->nids, sizeof *c->ids, id_cmp))
		return STATUS_OK;
	return nerr_pass(hits_add(c->h, id, 0, cites));
}

/* "KRS 18A.095", "101 KAR 2:102": the sections whose current version cites
 * the law (any subsection, unless one was asked for), in document order,
 * then the other rows that mention it in their text, by rank. */
static NEOERR *citation_search(struct db *db, const struct citation *cits, size_t ncits, const char *as_of,
			       struct search_results *out)
{
	struct hits h = { 0 }, text = { 0 };
	int64_t *ids = NULL;
	size_t nids = 0;
	STRING expr;
	NEOERR *err = STATUS_OK;

	string_init(&expr);
	out->citation = 1;
	snprintf(out->cite, sizeof out->cite, "%s", cits[0].cite);
	citation_anchor(cits[0].cite, out->cite_anchor, sizeof out->cite_anchor);
	for (size_t i = 0; i < ncits && err == STATUS_OK; i++) {
		const struct citation *c = &cits[i];
		const struct store_search_cite law = { c->code, c->title, c->chapter, c->number,
						       c->subsection[0] ? c->cite : "" };
		struct citing citing = { &h, ids, nids };

		err = store_search_citing(db, &law, as_of, citing_add, &citing);
		/* The ids found so far, sorted, to skip further on. */
		if (err == STATUS_OK && h.n > nids) {
			int64_t *bigger = realloc(ids, h.n * sizeof *ids);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "citation search");
			} else {
				ids = bigger;
				for (size_t k = 0; k < h.n; k++)
					ids[k] = h.v[k].id;
				nids = h.n;
				qsort(ids, nids, sizeof *ids, id_cmp);
			}
		}
		if (err == STATUS_OK && i > 0)
			err = string_append(&expr, " OR ");
		if (err == STATUS_OK)
			err = append_phrase(&expr, c->raw);
	}
	if (err == STATUS_OK)
		err = hits_collect(db, expr.buf, NULL, date_number(as_of), &text, ids, nids);
	if (err == STATUS_OK) {
		/* Only what the page can reach after the citing sections. */
		size_t need = (size_t)out->page * (size_t)out->per_page;

		best_first(text.v, text.n, need > h.n ? need - h.n : 0);
		for (size_t i = 0; i < text.n && err == STATUS_OK; i++)
			err = hits_add(&h, text.v[i].id, text.v[i].score, NULL);
	}
	if (err == STATUS_OK) {
		struct highlight hl = { .n = 0 };

		for (size_t i = 0; i < ncits; i++)
			highlight_add_words(&hl, cits[i].raw);
		err = fill_page(db, &hl, &h, out);
	}
	hits_free(&h);
	hits_free(&text);
	free(ids);
	string_clear(&expr);
	return nerr_pass(err);
}

static NEOERR *text_search(struct db *db, struct search_query *q, int as_of, struct search_results *out)
{
	struct hits h = { 0 };
	struct plan *pl = malloc(sizeof *pl);
	NEOERR *err = STATUS_OK;
	int nonstop = 0;

	if (pl == NULL)
		return nerr_raise(NERR_NOMEM, "search plan");
	for (int i = 0; i < q->n; i++)
		nonstop += !q->clauses[i].stop;
	suggest_completions(q);
	plan_build(q, pl);
	err = plan_search(db, pl, as_of, &h, &out->any, &out->also_unused);
	if (err == STATUS_OK)
		best_first(h.v, h.n, (size_t)out->page * (size_t)out->per_page);
	if (err == STATUS_OK) {
		struct highlight hl = { .n = 0 };
		int only_stop = nonstop == 0;

		/* Highlight what was searched for: the words (not the common
		 * ones, unless they are all there is), prefixes, completions
		 * and what the thesaurus added. */
		for (int i = 0; i < q->n; i++) {
			const struct search_clause *c = &q->clauses[i];

			if (c->stop && !only_stop)
				continue;
			if (c->kind == SEARCH_PREFIX)
				highlight_add(&hl, c->text, strlen(c->text), 1);
			else
				highlight_add_words(&hl, c->text);
			for (int k = 0; k < c->nalts; k++)
				highlight_add(&hl, c->alts[k], strlen(c->alts[k]), 0);
		}
		for (int a = 0; a < pl->nalso && !out->also_unused; a++)
			highlight_add_words(&hl, pl->also[a]);
		err = fill_page(db, &hl, &h, out);
	}
	for (int a = 0; a < pl->nalso && err == STATUS_OK; a++) {
		if ((out->also_searched[a] = strdup(pl->also[a])) == NULL)
			err = nerr_raise(NERR_NOMEM, "search");
		else
			out->nalso = a + 1;
	}
	/* "Did you mean": suggest_correction() looks only at words the index lacks. */
	if (err == STATUS_OK)
		err = suggest_correction(db, q, pl->covered, as_of, &out->suggestion);
	hits_free(&h);
	free(pl);
	return nerr_pass(err);
}

struct run {
	const char *text, *as_of;
	struct search_query *q;
	struct search_results *out;
};

static NEOERR *run_in_tx(struct db *db, void *ctx)
{
	struct run *r = ctx;
	struct citation cits[MAX_CITES];
	size_t ncits;
	int complete = 0;
	NEOERR *err = cache_load(db);

	ncits = citation_parse(r->text, cits, MAX_CITES, &complete);
	if (err == STATUS_OK && complete && ncits > 0)
		err = citation_search(db, cits, ncits, r->as_of, r->out);
	else if (err == STATUS_OK)
		err = text_search(db, r->q, date_number(r->as_of), r->out);
	return nerr_pass(err);
}

NEOERR *search_run(struct db *db, const char *text, const char *as_of, int page, int per_page,
		   struct search_results *out)
{
	struct search_query *q;
	struct run r;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	out->page = page < 1 ? 1 : page;
	out->per_page = per_page < 1 ? 10 : per_page;
	q = calloc(1, sizeof *q);
	if (q == NULL)
		return nerr_raise(NERR_NOMEM, "search query");
	search_parse(text, q);
	out->truncated = q->truncated;
	if (q->n == 0) {
		out->empty = 1;
		free(q);
		return STATUS_OK;
	}
	/* One read transaction: the cache, the matches and the details all
	 * see the same state of the index. */
	r = (struct run){ text, as_of, q, out };
	err = store_search_read(db, run_in_tx, &r);
	free(q);
	if (err != STATUS_OK)
		search_results_free(out);
	return nerr_pass(err);
}

void search_results_free(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct search_result *x = &r->items[i];

		free(x->title);
		free(x->title_html);
		free(x->url);
		free(x->document);
		free(x->status);
		free(x->snippet_html);
		free(x->cites);
	}
	free(r->items);
	free(r->suggestion);
	for (int a = 0; a < r->nalso; a++)
		free(r->also_searched[a]);
	r->nalso = 0;
	r->items = NULL;
	r->suggestion = NULL;
	r->n = 0;
}

NEOERR *search_sections_matching(struct db *db, const char *expression, const char *as_of, search_section_fn fn,
				 void *ctx)
{
	return nerr_pass(store_search_sections(db, expression, as_of, fn, ctx));
}
