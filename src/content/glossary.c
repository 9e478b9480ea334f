/* glossary: term pages and terms linked in sections (see glossary.h). */
#include "content/glossary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "content/glossary_link.h"
#include "search/search.h"
#include "store/content.h"

#define SHORT_DEF_MAX 256

/* The glossary as of a date, in glossary order. */
struct terms {
	struct glossary_term *v;
	char **text, **html; /* definitions */
	char (*shorts)[SHORT_DEF_MAX];
	size_t n;
};

static void terms_free(struct terms *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free((char *)t->v[i].slug);
		free((char *)t->v[i].term);
		free(t->text[i]);
		free(t->html[i]);
	}
	free(t->v);
	free(t->text);
	free(t->html);
	free(t->shorts);
	memset(t, 0, sizeof *t);
}

struct terms_load {
	struct terms *t;
	size_t cap;
};

static NEOERR *add_term(void *ctx, const struct store_glossary_term *row)
{
	struct terms_load *l = ctx;
	struct terms *t = l->t;

	if (t->n == l->cap) {
		size_t c = l->cap ? l->cap * 2 : 64;
		struct glossary_term *v = realloc(t->v, c * sizeof *v);
		char **text = v ? realloc(t->text, c * sizeof *text) : NULL;
		char **html = text ? realloc(t->html, c * sizeof *html) : NULL;
		char(*shorts)[SHORT_DEF_MAX] = html ? realloc(t->shorts, c * sizeof *shorts) : NULL;

		if (v)
			t->v = v;
		if (text)
			t->text = text;
		if (html)
			t->html = html;
		if (shorts)
			t->shorts = shorts;
		if (shorts == NULL)
			return nerr_raise(NERR_NOMEM, "glossary terms");
		l->cap = c;
	}
	t->v[t->n].slug = strdup(row->slug);
	t->v[t->n].term = strdup(row->term);
	t->text[t->n] = strdup(row->definition_text);
	t->html[t->n] = strdup(row->definition_html);
	glossary_short_definition(row->definition_text, t->shorts[t->n], SHORT_DEF_MAX);
	t->n++;
	if (!t->v[t->n - 1].slug || !t->v[t->n - 1].term || !t->text[t->n - 1] || !t->html[t->n - 1])
		return nerr_raise(NERR_NOMEM, "glossary terms");
	return STATUS_OK;
}

/* The glossary as of as_of, or only the term slug when it is not NULL. */
static NEOERR *terms_load(struct db *db, const char *as_of, const char *slug, struct terms *t)
{
	struct terms_load l = { t, 0 };
	NEOERR *err;

	memset(t, 0, sizeof *t);
	err = store_content_glossary_terms(db, as_of, slug, add_term, &l);
	/* The short definitions moved with realloc: point at them now. */
	for (size_t i = 0; i < t->n; i++)
		t->v[i].short_def = t->shorts[i];
	if (err != STATUS_OK)
		terms_free(t);
	return nerr_pass(err);
}

static NEOERR *set(HDF *hdf, const char *prefix, const char *list, int i, const char *name, const char *value)
{
	char key[160];

	if (list)
		snprintf(key, sizeof key, "%s.%s.%d.%s", prefix, list, i, name);
	else
		snprintf(key, sizeof key, "%s.%s", prefix, name);
	return nerr_pass(hdf_set_value(hdf, key, value));
}

NEOERR *glossary_link_section(struct db *db, const char *as_of, const char *doc_slug, HDF *hdf, const char *prefix)
{
	struct terms t;
	struct glossary_matcher *m = NULL;
	size_t *order = NULL, nused = 0;
	char key[128];
	const char *body;
	STRING out;
	NEOERR *err;

	snprintf(key, sizeof key, "%s.Slug", prefix);
	if (strcmp(doc_slug, GLOSSARY_SECTION_DOC) == 0 &&
	    strcmp(hdf_get_value(hdf, key, ""), GLOSSARY_SECTION_SLUG) == 0)
		return STATUS_OK;
	snprintf(key, sizeof key, "%s.BodyHtml", prefix);
	body = hdf_get_value(hdf, key, "");
	if (*body == '\0')
		return STATUS_OK;
	string_init(&out);
	err = terms_load(db, as_of, NULL, &t);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = glossary_matcher_new(t.v, t.n, &m);
	if (err == STATUS_OK && (order = calloc(t.n + 1, sizeof *order)) == NULL)
		err = nerr_raise(NERR_NOMEM, "glossary links");
	if (err == STATUS_OK)
		err = glossary_mark_html(m, body, &out, order, &nused);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, key, out.buf ? out.buf : "");
	for (size_t i = 0; i < nused && err == STATUS_OK; i++) {
		const struct glossary_term *g = &t.v[order[i]];

		err = set(hdf, prefix, "Terms", (int)i, "Slug", g->slug);
		if (err == STATUS_OK)
			err = set(hdf, prefix, "Terms", (int)i, "Term", g->term);
		if (err == STATUS_OK)
			err = set(hdf, prefix, "Terms", (int)i, "Short", g->short_def);
	}
	free(order);
	glossary_matcher_free(&m);
	terms_free(&t);
	string_clear(&out);
	return nerr_pass(err);
}

struct section_list {
	HDF *hdf;
	const char *prefix;
	int n;
	NEOERR *err;
};

static int add_section(void *ctx, const char *url, const char *title, const char *document, const char *status)
{
	struct section_list *l = ctx;
	char skip[64];

	snprintf(skip, sizeof skip, "/%s/%s", GLOSSARY_SECTION_DOC, GLOSSARY_SECTION_SLUG);
	if (strcmp(url, skip) == 0)
		return 0;
	l->err = set(l->hdf, l->prefix, "Sections", l->n, "Url", url);
	if (l->err == STATUS_OK)
		l->err = set(l->hdf, l->prefix, "Sections", l->n, "Title", title);
	if (l->err == STATUS_OK)
		l->err = set(l->hdf, l->prefix, "Sections", l->n, "Document", document);
	if (l->err == STATUS_OK)
		l->err = set(l->hdf, l->prefix, "Sections", l->n, "Status", status);
	l->n++;
	return l->err != STATUS_OK;
}

/* The FTS5 expression finding a term's forms as phrases. */
static NEOERR *term_expression(const char *term, STRING *out)
{
	char forms[4][GLOSSARY_FORM_MAX];
	int exact[4];
	size_t n = glossary_term_forms(term, forms, exact, 4);
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		char phrase[GLOSSARY_FORM_MAX];
		size_t o = 0;
		int words = 0;

		/* Words only: punctuation separates them, as in the index. */
		for (const char *p = forms[i]; *p && o + 1 < sizeof phrase; p++) {
			unsigned char c = (unsigned char)*p;
			int word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
				   (c >= 'A' && c <= 'Z');

			phrase[o++] = word ? (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : ' ';
			words |= word;
		}
		phrase[o] = '\0';
		if (!words)
			continue; /* nothing an FTS5 phrase could hold */
		if (out->len > 0)
			err = string_append(out, " OR ");
		if (err == STATUS_OK)
			err = string_appendf(out, "\"%s\"", phrase);
	}
	return nerr_pass(err);
}

/* <prefix>.{Slug,Term,DefinitionHtml,Short} of term i. */
static NEOERR *set_definition(HDF *hdf, const char *prefix, const struct terms *t, size_t i)
{
	NEOERR *err = set(hdf, prefix, NULL, 0, "Slug", t->v[i].slug);

	if (err == STATUS_OK)
		err = set(hdf, prefix, NULL, 0, "Term", t->v[i].term);
	if (err == STATUS_OK)
		err = set(hdf, prefix, NULL, 0, "DefinitionHtml", t->html[i]);
	if (err == STATUS_OK)
		err = set(hdf, prefix, NULL, 0, "Short", t->v[i].short_def);
	return nerr_pass(err);
}

NEOERR *glossary_definition(struct db *db, const char *as_of, const char *slug, HDF *hdf, const char *prefix)
{
	struct terms t;
	NEOERR *err = terms_load(db, as_of, slug, &t);

	if (err == STATUS_OK && t.n == 0)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such term in the glossary.");
	if (err == STATUS_OK)
		err = set_definition(hdf, prefix, &t, 0);
	terms_free(&t);
	return nerr_pass(err);
}

NEOERR *glossary_term_page(struct db *db, const char *as_of, const char *slug, HDF *hdf, const char *prefix)
{
	struct terms t;
	struct glossary_matcher *m = NULL;
	size_t self = 0, *refs = NULL, nrefs;
	int found = 0, n = 0;
	NEOERR *err = terms_load(db, as_of, NULL, &t);

	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; i < t.n && !found; i++)
		if (strcmp(t.v[i].slug, slug) == 0) {
			self = i;
			found = 1;
		}
	if (!found) {
		terms_free(&t);
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such term in the glossary.");
	}
	err = set_definition(hdf, prefix, &t, self);
	if (err == STATUS_OK)
		err = glossary_matcher_new(t.v, t.n, &m);
	if (err == STATUS_OK && (refs = calloc(t.n + 1, sizeof *refs)) == NULL)
		err = nerr_raise(NERR_NOMEM, "glossary references");
	if (err == STATUS_OK) {
		nrefs = glossary_refs(m, t.text[self], self, refs, t.n);
		for (size_t i = 0; i < nrefs && err == STATUS_OK; i++) {
			err = set(hdf, prefix, "SeeAlso", (int)i, "Slug", t.v[refs[i]].slug);
			if (err == STATUS_OK)
				err = set(hdf, prefix, "SeeAlso", (int)i, "Term", t.v[refs[i]].term);
		}
	}
	for (size_t k = 0; k < t.n && err == STATUS_OK; k++) {
		if (k == self)
			continue;
		nrefs = glossary_refs(m, t.text[k], k, refs, t.n);
		for (size_t i = 0; i < nrefs && err == STATUS_OK; i++) {
			if (refs[i] != self)
				continue;
			err = set(hdf, prefix, "ReferredBy", n, "Slug", t.v[k].slug);
			if (err == STATUS_OK)
				err = set(hdf, prefix, "ReferredBy", n, "Term", t.v[k].term);
			n++;
		}
	}
	if (err == STATUS_OK) {
		STRING expr;
		struct section_list list = { hdf, prefix, 0, STATUS_OK };

		string_init(&expr);
		err = term_expression(t.v[self].term, &expr);
		if (err == STATUS_OK && expr.buf)
			err = search_sections_matching(db, expr.buf, as_of, add_section, &list);
		if (err == STATUS_OK)
			err = list.err;
		string_clear(&expr);
	}
	free(refs);
	glossary_matcher_free(&m);
	terms_free(&t);
	return nerr_pass(err);
}
