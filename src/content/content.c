#include "content/content.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/citation.h"
#include "core/errors.h"
#include "core/isotime.h"
#include "rules/calendar.h"
#include "store/content.h"

void content_today(time_t now, char out[11])
{
	struct tm tm;
	time_t local = now + (time_t)iso_time_eastern_offset(now) * 3600;

	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static NEOERR *set(HDF *hdf, const char *prefix, const char *name, const char *value)
{
	char key[160];

	snprintf(key, sizeof key, "%s.%s", prefix, name);
	return nerr_pass(hdf_set_value(hdf, key, value));
}

static NEOERR *set_int(HDF *hdf, const char *prefix, const char *name, int value)
{
	char text[16];

	snprintf(text, sizeof text, "%d", value);
	return nerr_pass(set(hdf, prefix, name, text));
}

/* A stored UTC time as people read it: the portal's time zone. */
static NEOERR *set_time(HDF *hdf, const char *prefix, const char *name, const char *iso)
{
	char when[32];

	iso_time_local(iso, when);
	return nerr_pass(set(hdf, prefix, name, when));
}

/* Where the rows of a list go: <prefix>.<n>. */
struct hdf_list {
	HDF *hdf;
	const char *prefix;
	int n;
};

static NEOERR *set_document(HDF *hdf, const char *p, const struct store_document *d, int with_intro)
{
	NEOERR *err = set(hdf, p, "Slug", d->slug);

	if (err == STATUS_OK)
		err = set(hdf, p, "Title", d->title);
	if (err == STATUS_OK)
		err = set(hdf, p, "Description", d->description);
	if (err == STATUS_OK)
		err = set(hdf, p, "Status", d->status);
	if (err == STATUS_OK)
		err = set(hdf, p, "Revised", d->revised);
	if (err == STATUS_OK && with_intro)
		err = set(hdf, p, "IntroHtml", d->intro_html);
	return nerr_pass(err);
}

static NEOERR *add_document(void *ctx, const struct store_document *d)
{
	struct hdf_list *l = ctx;
	char p[64];

	snprintf(p, sizeof p, "%s.%d", l->prefix, l->n++);
	return nerr_pass(set_document(l->hdf, p, d, 0));
}

NEOERR *content_documents(struct db *db, HDF *hdf, const char *prefix)
{
	struct hdf_list l = { hdf, prefix, 0 };

	return nerr_pass(store_content_documents(db, add_document, &l));
}

static NEOERR *put_document(void *ctx, const struct store_document *d)
{
	struct hdf_list *l = ctx;

	return nerr_pass(set_document(l->hdf, l->prefix, d, 1));
}

NEOERR *content_document(struct db *db, const char *doc_slug, HDF *hdf, const char *prefix)
{
	struct hdf_list l = { hdf, prefix, 0 };
	int found = 0;
	NEOERR *err = store_content_document(db, doc_slug, put_document, &l, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such document.");
	return nerr_pass(err);
}

/* Where each section's node lives in the HDF tree, by section id. */
struct toc_node {
	int64_t id;
	char path[96];
	int children;
};

struct toc {
	HDF *hdf;
	const char *prefix;
	struct toc_node *nodes;
	size_t n, cap;
	int top;
};

static NEOERR *add_toc_entry(void *ctx, const struct store_toc_entry *e)
{
	struct toc *t = ctx;
	struct toc_node *node;
	const char *base = t->prefix;
	int index;
	NEOERR *err = STATUS_OK;

	if (t->n == t->cap) {
		struct toc_node *bigger = realloc(t->nodes, (t->cap ? t->cap * 2 : 64) * sizeof *bigger);

		if (bigger == NULL)
			return nerr_raise(NERR_NOMEM, "content_toc");
		t->nodes = bigger;
		t->cap = t->cap ? t->cap * 2 : 64;
	}
	/* Parents come first: a child goes under its parent's node. */
	index = t->top;
	for (size_t k = 0; e->parent_id && k < t->n; k++) {
		if (t->nodes[k].id == e->parent_id) {
			index = t->nodes[k].children++;
			base = t->nodes[k].path;
			break;
		}
	}
	node = &t->nodes[t->n++];
	node->id = e->id;
	node->children = 0;
	if (base == t->prefix) {
		if (snprintf(node->path, sizeof node->path, "%s.%d", t->prefix, index) >= (int)sizeof node->path)
			return nerr_raise(NERR_ASSERT, "table of contents nested too deeply");
		t->top++;
	} else if (snprintf(node->path, sizeof node->path, "%s.Children.%d", base, index) >= (int)sizeof node->path) {
		return nerr_raise(NERR_ASSERT, "table of contents nested too deeply");
	}
	err = set(t->hdf, node->path, "Kind", e->kind);
	if (err == STATUS_OK)
		err = set(t->hdf, node->path, "Slug", e->slug);
	if (err == STATUS_OK && e->page != NULL)
		err = set(t->hdf, node->path, "Page", e->page);
	if (err == STATUS_OK)
		err = set(t->hdf, node->path, "Title", e->title);
	return nerr_pass(err);
}

NEOERR *content_toc(struct db *db, const char *doc_slug, const char *as_of, HDF *hdf, const char *prefix)
{
	struct toc t = { .hdf = hdf, .prefix = prefix };
	NEOERR *err = store_content_toc(db, doc_slug, as_of, add_toc_entry, &t);

	free(t.nodes);
	return nerr_pass(err);
}

/* What content_section keeps of the section row for its other reads. */
struct section_read {
	HDF *hdf;
	const char *prefix;
	int64_t id, document_id, parent_id, version_id;
	int sort;
};

static NEOERR *put_section(void *ctx, const struct store_section *s)
{
	struct section_read *r = ctx;
	const char *prefix = r->prefix;
	NEOERR *err;

	r->id = s->id;
	r->document_id = s->document_id;
	r->parent_id = s->parent_id;
	r->sort = s->sort;
	r->version_id = s->version_id;
	err = set(r->hdf, prefix, "Kind", s->kind);
	if (err == STATUS_OK)
		err = set(r->hdf, prefix, "Slug", s->slug);
	if (err == STATUS_OK)
		err = set(r->hdf, prefix, "Title", s->title);
	if (err == STATUS_OK)
		err = set(r->hdf, prefix, "BodyHtml", s->body_html);
	if (err == STATUS_OK)
		err = set_int(r->hdf, prefix, "Version", s->version);
	if (err == STATUS_OK)
		err = set(r->hdf, prefix, "EffectiveDate", s->effective_date);
	if (err == STATUS_OK)
		err = set_time(r->hdf, prefix, "PublishedAt", s->published_at);
	if (err == STATUS_OK)
		err = set(r->hdf, prefix, "TocTitle", s->toc_title);
	if (err == STATUS_OK)
		err = set(r->hdf, prefix, "Summary", s->summary);
	return nerr_pass(err);
}

static NEOERR *put_upcoming(void *ctx, const struct store_section_version *v)
{
	struct hdf_list *l = ctx;
	NEOERR *err = set(l->hdf, l->prefix, "Date", v->effective_date);

	if (err == STATUS_OK)
		err = set_int(l->hdf, l->prefix, "Version", v->version);
	if (err == STATUS_OK)
		err = set(l->hdf, l->prefix, "Summary", v->summary);
	return nerr_pass(err);
}

/* One link (Prev, Next) at l->prefix. */
static NEOERR *put_link(void *ctx, const struct store_section_link *s)
{
	struct hdf_list *l = ctx;
	NEOERR *err = set(l->hdf, l->prefix, "Slug", s->slug);

	if (err == STATUS_OK)
		err = set(l->hdf, l->prefix, "Title", s->title);
	return nerr_pass(err);
}

/* One child at <l->prefix>.Children.N. */
static NEOERR *add_child(void *ctx, const struct store_section_link *s)
{
	struct hdf_list *l = ctx;
	char path[96];
	NEOERR *err;

	snprintf(path, sizeof path, "%s.Children.%d", l->prefix, l->n++);
	err = set(l->hdf, path, "Slug", s->slug);
	if (err == STATUS_OK)
		err = set(l->hdf, path, "Title", s->title);
	if (err == STATUS_OK)
		err = set(l->hdf, path, "Kind", s->kind);
	return nerr_pass(err);
}

/* One citation at <l->prefix>.Citations.N. */
static NEOERR *add_citation(void *ctx, const struct store_citation *c)
{
	struct hdf_list *l = ctx;
	char path[96], anchor[96];
	NEOERR *err;

	citation_anchor(c->cite, anchor, sizeof anchor);
	snprintf(path, sizeof path, "%s.Citations.%d", l->prefix, l->n++);
	err = set(l->hdf, path, "Cite", c->cite);
	if (err == STATUS_OK)
		err = set(l->hdf, path, "Code", c->code);
	if (err == STATUS_OK)
		err = set(l->hdf, path, "Anchor", anchor);
	return nerr_pass(err);
}

NEOERR *content_section(struct db *db, const char *doc_slug, const char *slug, const char *as_of, int version, HDF *hdf,
			const char *prefix)
{
	struct section_read r = { .hdf = hdf, .prefix = prefix };
	int found = 0;
	char path[96];
	NEOERR *err = store_content_section(db, doc_slug, slug, as_of, version, put_section, &r, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	if (err != STATUS_OK)
		return nerr_pass(err);

	/* A published change that takes effect later ("changes on <date>"). */
	snprintf(path, sizeof path, "%s.Upcoming", prefix);
	{
		struct hdf_list l = { hdf, path, 0 };

		err = store_content_section_upcoming(db, r.id, as_of, put_upcoming, &l, &found);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);

	/* Breadcrumbs: the enclosing group and part, outermost first. */
	{
		struct store_section_parent parents[4];
		int64_t parent_id = r.parent_id;
		int depth = 0;

		while (parent_id && depth < 4 && err == STATUS_OK) {
			err = store_content_section_parent(db, parent_id, &parents[depth], &found);
			parent_id = found ? parents[depth].parent_id : 0;
			depth += found;
		}
		for (int k = depth - 1, i = 0; k >= 0 && err == STATUS_OK; k--, i++) {
			snprintf(path, sizeof path, "%s.Parents.%d", prefix, i);
			err = set(hdf, path, "Slug", parents[k].slug);
			if (err == STATUS_OK)
				err = set(hdf, path, "Title", parents[k].title);
		}
	}

	/* Previous and next sections with text, in document order. */
	if (err == STATUS_OK) {
		struct hdf_list l = { hdf, path, 0 };

		snprintf(path, sizeof path, "%s.Prev", prefix);
		err = store_content_section_neighbour(db, r.document_id, r.sort, -1, as_of, put_link, &l, &found);
		snprintf(path, sizeof path, "%s.Next", prefix);
		if (err == STATUS_OK)
			err = store_content_section_neighbour(db, r.document_id, r.sort, 1, as_of, put_link, &l,
							      &found);
	}

	/* Children, for a part or a group. */
	if (err == STATUS_OK) {
		struct hdf_list l = { hdf, prefix, 0 };

		err = store_content_section_children(db, r.id, as_of, add_child, &l);
	}

	/* Citations of this version. */
	if (err == STATUS_OK) {
		struct hdf_list l = { hdf, prefix, 0 };

		err = store_content_citations(db, r.version_id, add_citation, &l);
	}
	return nerr_pass(err);
}

/* The A-Z glossary being filled. */
struct glossary_az {
	HDF *hdf;
	const char *prefix;
	int letter_index, term_index, count, total;
	char letter;
};

static NEOERR *add_glossary_term(void *ctx, const struct store_glossary_term *t)
{
	struct glossary_az *g = ctx;
	char first = (char)toupper((unsigned char)t->term[0]);
	char path[96];
	NEOERR *err = STATUS_OK;

	g->total++;
	if (!t->matches)
		return STATUS_OK;
	if (!isalpha((unsigned char)first))
		first = '#';
	if (first != g->letter) {
		char ls[2] = { first, 0 };

		g->letter = first;
		g->letter_index++;
		g->term_index = 0;
		snprintf(path, sizeof path, "%s.Letters.%d", g->prefix, g->letter_index);
		err = set(g->hdf, path, "Letter", ls);
	}
	snprintf(path, sizeof path, "%s.Letters.%d.Terms.%d", g->prefix, g->letter_index, g->term_index++);
	if (err == STATUS_OK)
		err = set(g->hdf, path, "Slug", t->slug);
	if (err == STATUS_OK)
		err = set(g->hdf, path, "Term", t->term);
	if (err == STATUS_OK)
		err = set(g->hdf, path, "DefinitionHtml", t->definition_html);
	g->count++;
	return nerr_pass(err);
}

NEOERR *content_glossary(struct db *db, const char *as_of, const char *filter, HDF *hdf, const char *prefix)
{
	struct glossary_az g = { .hdf = hdf, .prefix = prefix, .letter_index = -1 };
	NEOERR *err = store_content_glossary_az(db, as_of, filter, add_glossary_term, &g);

	if (err == STATUS_OK)
		err = set_int(hdf, prefix, "Count", g.count);
	if (err == STATUS_OK)
		err = set_int(hdf, prefix, "Total", g.total);
	return nerr_pass(err);
}

int content_valid_date(const char *s)
{
	rules_date d;

	return calendar_parse(s, &d) == 0;
}

struct history {
	HDF *hdf;
	const char *prefix, *today;
	int n;
};

static NEOERR *add_version(void *ctx, const struct store_section_version *v)
{
	struct history *h = ctx;
	char path[96];
	const char *state;
	NEOERR *err;

	if (v->version == v->current)
		state = "current";
	else if (strcmp(v->effective_date, h->today) > 0)
		state = "upcoming";
	else
		state = "past";
	snprintf(path, sizeof path, "%s.Versions.%d", h->prefix, h->n++);
	err = set_int(h->hdf, path, "Version", v->version);
	if (err == STATUS_OK)
		err = set(h->hdf, path, "Title", v->title);
	if (err == STATUS_OK)
		err = set(h->hdf, path, "EffectiveDate", v->effective_date);
	if (err == STATUS_OK)
		err = set_time(h->hdf, path, "PublishedAt", v->published_at);
	if (err == STATUS_OK)
		err = set(h->hdf, path, "PublishedBy", v->published_by);
	if (err == STATUS_OK)
		err = set(h->hdf, path, "Summary", v->summary);
	if (err == STATUS_OK)
		err = set(h->hdf, path, "State", state);
	return nerr_pass(err);
}

NEOERR *content_section_history(struct db *db, const char *doc_slug, const char *slug, const char *today, HDF *hdf,
				const char *prefix)
{
	struct history h = { hdf, prefix, today, 0 };
	NEOERR *err = store_content_section_history(db, doc_slug, slug, today, add_version, &h);

	if (err == STATUS_OK && h.n == 0)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	return nerr_pass(err);
}

struct version_html {
	char *title, *html;
};

static NEOERR *copy_version(void *ctx, const struct store_section_version *v)
{
	struct version_html *out = ctx;

	out->title = strdup(v->title);
	out->html = strdup(v->body_html);
	if (out->title == NULL || out->html == NULL)
		return nerr_raise(NERR_NOMEM, "content_version_html");
	return STATUS_OK;
}

NEOERR *content_version_html(struct db *db, const char *doc_slug, const char *slug, int version, char **title,
			     char **text)
{
	struct version_html v = { NULL, NULL };
	int found = 0;
	NEOERR *err = store_content_section_version(db, doc_slug, slug, version, copy_version, &v, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "This section has no version %d.", version);
	if (err != STATUS_OK) {
		free(v.title);
		free(v.html);
		v.title = v.html = NULL;
	}
	*title = v.title;
	*text = v.html;
	return nerr_pass(err);
}

NEOERR *content_each_section(struct db *db, const char *doc_slug, const char *as_of, content_section_fn fn, void *ctx)
{
	return nerr_pass(store_content_section_texts(db, doc_slug, as_of, fn, ctx));
}

NEOERR *content_section_title(struct db *db, const char *doc_slug, const char *slug, const char *as_of, char *buf,
			      size_t len)
{
	int found = 0;
	NEOERR *err = store_content_section_title(db, doc_slug, slug, as_of, buf, len, &found);

	if (!found)
		snprintf(buf, len, "%s", slug);
	return nerr_pass(err);
}
