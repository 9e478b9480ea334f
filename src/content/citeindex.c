/* citeindex: the laws the documents cite (see citeindex.h). */
#include "content/citeindex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"

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
	size_t order;         /* document order of the citing section */
};

static int cited_cmp(const void *x, const void *y)
{
	const struct cited *a = x, *b = y;
	int c;

	if ((c = code_rank(a->code) - code_rank(b->code)) != 0) return c;
	if ((c = citeindex_natural_cmp(a->title, b->title)) != 0) return c;
	if ((c = citeindex_natural_cmp(a->chapter, b->chapter)) != 0) return c;
	if ((c = citeindex_natural_cmp(a->number, b->number)) != 0) return c;
	if ((c = citeindex_natural_cmp(a->subsection, b->subsection)) != 0) return c;
	if ((c = strcmp(a->cite, b->cite)) != 0) return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void cited_free(struct cited *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].cite); free(v[i].code); free(v[i].title); free(v[i].chapter);
		free(v[i].number); free(v[i].subsection); free(v[i].url); free(v[i].section);
		free(v[i].document); free(v[i].status);
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

NEOERR *citeindex_list(struct db *db, const char *as_of, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	struct cited *v = NULL;
	size_t n = 0, cap = 0;
	int row = 0, group = -1, law = -1, sec = 0, laws = 0, citing = 0;
	char path[160], key[160];
	NEOERR *err = db_stmt(db,
		"SELECT c.cite, c.code, c.title, c.chapter, c.number, c.subsection, '/' || doc.slug || '/' || s.slug, "
		"v.title, doc.title, doc.status FROM citations c JOIN section_versions v ON v.id = c.section_version_id "
		"JOIN sections s ON s.id = v.section_id JOIN documents doc ON doc.id = s.document_id "
		"WHERE s.retired = 0 AND v.id = (SELECT w.id FROM section_versions w WHERE w.section_id = s.id "
		"AND w.effective_date <= ?1 ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"ORDER BY doc.sort, s.sort, c.ord", &st);

	if (err == STATUS_OK)
		err = db_bind_text(db, st, 1, as_of);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct cited *c;

		if (n == cap) {
			struct cited *bigger = realloc(v, (cap = cap ? cap * 2 : 128) * sizeof *v);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "citations");
				break;
			}
			v = bigger;
		}
		c = &v[n];
		c->cite = strdup(db_text(st, 0));
		c->code = strdup(db_text(st, 1));
		c->title = strdup(db_text(st, 2));
		c->chapter = strdup(db_text(st, 3));
		c->number = strdup(db_text(st, 4));
		c->subsection = strdup(db_text(st, 5));
		c->url = strdup(db_text(st, 6));
		c->section = strdup(db_text(st, 7));
		c->document = strdup(db_text(st, 8));
		c->status = strdup(db_text(st, 9));
		c->order = n++;
		if (!c->cite || !c->code || !c->title || !c->chapter || !c->number || !c->subsection || !c->url ||
		    !c->section || !c->document || !c->status)
			err = nerr_raise(NERR_NOMEM, "citations");
	}
	db_done(st);
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
				err = set(hdf, path, "Name", r < (int)(sizeof codes / sizeof codes[0]) ? codes[r].name : v[i].code);
		}
		if (new_law && err == STATUS_OK) {
			char anchor[96];

			law++;
			laws++;
			sec = 0;
			citation_anchor(v[i].cite, anchor, sizeof anchor);
			snprintf(path, sizeof path, "%s.Groups.%d.Laws.%d", prefix, group, law);
			err = set(hdf, path, "Cite", v[i].cite);
			if (err == STATUS_OK) err = set(hdf, path, "Anchor", anchor);
		}
		/* A section citing one law twice (two subsections written the
		 * same way) is listed once. */
		if (err == STATUS_OK && !new_law && strcmp(v[i].url, v[i - 1].url) == 0)
			continue;
		snprintf(path, sizeof path, "%s.Groups.%d.Laws.%d.Sections.%d", prefix, group, law, sec++);
		if (err == STATUS_OK) err = set(hdf, path, "Url", v[i].url);
		if (err == STATUS_OK) err = set(hdf, path, "Title", v[i].section);
		if (err == STATUS_OK) err = set(hdf, path, "Document", v[i].document);
		if (err == STATUS_OK) err = set(hdf, path, "Status", v[i].status);
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
