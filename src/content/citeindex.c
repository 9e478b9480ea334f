/* citeindex: the laws the documents cite (see citeindex.h). */
#include "content/citeindex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"
#include "store/content.h"

static const struct {
	const char *code, *name;
} codes[] = {
	{ "KRS", "Kentucky Revised Statutes (KRS)" },
	{ "KAR", "Kentucky Administrative Regulations (KAR)" },
	{ "USC", "United States Code" },
	{ "CFR", "Code of Federal Regulations" },
	{ "EO", "Executive Orders" },
};

static int code_rank(const char *code)
{
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strcmp(codes[i].code, code) == 0)
			return (int)i;
	return (int)(sizeof codes / sizeof codes[0]);
}

int citeindex_natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *ea = a, *eb = b;

			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (ea = a; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = b; isdigit((unsigned char)*eb); eb++)
				;
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			continue;
		}
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return tolower((unsigned char)*a) < tolower((unsigned char)*b) ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

struct cited {
	char *cite, *code, *title, *chapter, *number, *subsection;
	char *url, *section, *document, *status;
	size_t order; /* document order of the citing section */
};

static int cited_cmp(const void *x, const void *y)
{
	const struct cited *a = x, *b = y;
	int c;

	if ((c = code_rank(a->code) - code_rank(b->code)) != 0)
		return c;
	if ((c = citeindex_natural_cmp(a->title, b->title)) != 0)
		return c;
	if ((c = citeindex_natural_cmp(a->chapter, b->chapter)) != 0)
		return c;
	if ((c = citeindex_natural_cmp(a->number, b->number)) != 0)
		return c;
	if ((c = citeindex_natural_cmp(a->subsection, b->subsection)) != 0)
		return c;
	if ((c = strcmp(a->cite, b->cite)) != 0)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void cited_free(struct cited *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].cite);
		free(v[i].code);
		free(v[i].title);
		free(v[i].chapter);
		free(v[i].number);
		free(v[i].subsection);
		free(v[i].url);
		free(v[i].section);
		free(v[i].document);
		free(v[i].status);
	}
	free(v);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static NEOERR *set(HDF *hdf, const char *path, const char *name, const char *value)
{
	char key[200];

	snprintf(key, sizeof key, "%s.%s", path, name);
	return nerr_pass(hdf_set_value(hdf, key, value));
}

/* The citations read so far, in document order. */
struct cited_list {
	struct cited *v;
	size_t n, cap;
};

static char *dup(const char *s, int *nomem)
{
	char *d = strdup(s);

	*nomem |= d == NULL;
	return d;
}

static NEOERR *add_cited(void *ctx, const struct store_cited *row)
{
	struct cited_list *l = ctx;
	const struct store_citation *s = &row->citation;
	struct cited *c;
	int nomem = 0;

	if (l->n == l->cap) {
		struct cited *bigger = realloc(l->v, (l->cap ? l->cap * 2 : 128) * sizeof *bigger);

		if (bigger == NULL)
			return nerr_raise(NERR_NOMEM, "citations");
		l->v = bigger;
		l->cap = l->cap ? l->cap * 2 : 128;
	}
	c = &l->v[l->n];
	c->cite = dup(s->cite, &nomem);
	c->code = dup(s->code, &nomem);
	c->title = dup(s->title, &nomem);
	c->chapter = dup(s->chapter, &nomem);
	c->number = dup(s->number, &nomem);
	c->subsection = dup(s->subsection, &nomem);
	c->url = dup(row->url, &nomem);
	c->section = dup(row->section, &nomem);
	c->document = dup(row->document, &nomem);
	c->status = dup(row->status, &nomem);
	c->order = l->n++;
	return nomem ? nerr_raise(NERR_NOMEM, "citations") : STATUS_OK;
}

NEOERR *citeindex_list(struct db *db, const char *as_of, HDF *hdf, const char *prefix)
{
	struct cited_list list = { NULL, 0, 0 };
	struct cited *v;
	size_t n;
	int group = -1, law = -1, sec = 0, laws = 0, citing = 0;
	char path[160], key[160];
	NEOERR *err = store_content_cited(db, as_of, add_cited, &list);

	v = list.v;
	n = list.n;
	if (err == STATUS_OK)
		if (n > 1)
			qsort(v, n, sizeof *v, cited_cmp);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		int new_group = i == 0 || strcmp(v[i].code, v[i - 1].code) != 0;
		int new_law = new_group || strcmp(v[i].cite, v[i - 1].cite) != 0;

		if (new_group) {
			int r = code_rank(v[i].code);

			group++;
			law = -1;
			snprintf(path, sizeof path, "%s.Groups.%d", prefix, group);
			err = set(hdf, path, "Code", v[i].code);
			if (err == STATUS_OK)
				err = set(hdf, path, "Name",
					  r < (int)(sizeof codes / sizeof codes[0]) ? codes[r].name : v[i].code);
		}
		if (new_law && err == STATUS_OK) {
			char anchor[96];

			law++;
			laws++;
			sec = 0;
			citation_anchor(v[i].cite, anchor, sizeof anchor);
			snprintf(path, sizeof path, "%s.Groups.%d.Laws.%d", prefix, group, law);
			err = set(hdf, path, "Cite", v[i].cite);
			if (err == STATUS_OK)
				err = set(hdf, path, "Anchor", anchor);
		}
		/* A section citing one law twice (two subsections written the
		 * same way) is listed once. */
		if (err == STATUS_OK && !new_law && strcmp(v[i].url, v[i - 1].url) == 0)
			continue;
		snprintf(path, sizeof path, "%s.Groups.%d.Laws.%d.Sections.%d", prefix, group, law, sec++);
		if (err == STATUS_OK)
			err = set(hdf, path, "Url", v[i].url);
		if (err == STATUS_OK)
			err = set(hdf, path, "Title", v[i].section);
		if (err == STATUS_OK)
			err = set(hdf, path, "Document", v[i].document);
		if (err == STATUS_OK)
			err = set(hdf, path, "Status", v[i].status);
	}
	/* Sections citing anything: distinct URLs. */
	if (err == STATUS_OK && n > 0) {
		const char **urls = malloc(n * sizeof *urls);

		if (urls == NULL) {
			err = nerr_raise(NERR_NOMEM, "citations");
		} else {
			for (size_t i = 0; i < n; i++)
				urls[i] = v[i].url;
			qsort(urls, n, sizeof *urls, str_cmp);
			for (size_t i = 0; i < n; i++)
				citing += i == 0 || strcmp(urls[i], urls[i - 1]) != 0;
			free(urls);
		}
	}
	cited_free(v, n);
	if (err == STATUS_OK) {
		snprintf(key, sizeof key, "%s.Count", prefix);
		err = hdf_set_int_value(hdf, key, laws);
	}
	if (err == STATUS_OK) {
		snprintf(key, sizeof key, "%s.Citing", prefix);
		err = hdf_set_int_value(hdf, key, citing);
	}
	return nerr_pass(err);
}
