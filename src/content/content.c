#include "content/content.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/citation.h"
#include "core/errors.h"
#include "forms/reqview.h"
#include "rules/calendar.h"

/* The newest version of section s.id in effect on ?2 (the date). */
#define CURRENT_VERSION_ID \
	"(SELECT v.id FROM section_versions v WHERE v.section_id = s.id AND v.effective_date <= ?2 " \
	"ORDER BY v.effective_date DESC, v.version DESC LIMIT 1)"

/* Section s has a version in effect on ?2 (a section HR added with a
 * future effective date is not listed before that date). */
#define IN_EFFECT "EXISTS (SELECT 1 FROM section_versions e WHERE e.section_id = s.id AND e.effective_date <= ?2)"

void content_today(time_t now, char out[11])
{
	struct tm tm;
	time_t local = now;

	/* Eastern time without depending on the host's TZ: UTC-5, or UTC-4
	 * from the second Sunday of March to the first Sunday of November. */
	gmtime_r(&local, &tm);
	{
		int year = tm.tm_year + 1900;
		struct tm m = { .tm_year = year - 1900, .tm_mon = 2, .tm_mday = 1, .tm_hour = 7 };
		struct tm n = { .tm_year = year - 1900, .tm_mon = 10, .tm_mday = 1, .tm_hour = 6 };
		time_t start, end;

		start = timegm(&m);
		gmtime_r(&start, &m);
		start += (time_t)(((7 - m.tm_wday) % 7) + 7) * 86400;
		end = timegm(&n);
		gmtime_r(&end, &n);
		end += (time_t)((7 - n.tm_wday) % 7) * 86400;
		local = now - (now >= start && now < end ? 4 : 5) * 3600;
	}
	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static NEOERR *set(HDF *hdf, const char *prefix, const char *name, const char *value)
{
	char key[160];

	snprintf(key, sizeof key, "%s.%s", prefix, name);
	return nerr_pass(hdf_set_value(hdf, key, value));
}

/* A stored UTC time as people read it: the portal's time zone. */
static NEOERR *set_time(HDF *hdf, const char *prefix, const char *name, const char *iso)
{
	char when[32];

	reqview_local_time(iso, when);
	return nerr_pass(set(hdf, prefix, name, when));
}

NEOERR *content_documents(struct db *db, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "SELECT slug, title, description, status, revised FROM documents ORDER BY sort", &st);
	int row = 0, n = 0;

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[64];

		snprintf(p, sizeof p, "%s.%d", prefix, n++);
		err = set(hdf, p, "Slug", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, p, "Title", db_text(st, 1));
		if (err == STATUS_OK) err = set(hdf, p, "Description", db_text(st, 2));
		if (err == STATUS_OK) err = set(hdf, p, "Status", db_text(st, 3));
		if (err == STATUS_OK) err = set(hdf, p, "Revised", db_text(st, 4));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *content_document(struct db *db, const char *doc_slug, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "SELECT slug, title, description, status, revised, intro_html "
				  "FROM documents WHERE slug = ?1", &st);
	int row = 0;

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such document.");
	if (err == STATUS_OK) err = set(hdf, prefix, "Slug", db_text(st, 0));
	if (err == STATUS_OK) err = set(hdf, prefix, "Title", db_text(st, 1));
	if (err == STATUS_OK) err = set(hdf, prefix, "Description", db_text(st, 2));
	if (err == STATUS_OK) err = set(hdf, prefix, "Status", db_text(st, 3));
	if (err == STATUS_OK) err = set(hdf, prefix, "Revised", db_text(st, 4));
	if (err == STATUS_OK) err = set(hdf, prefix, "IntroHtml", db_text(st, 5));
	db_done(st);
	return nerr_pass(err);
}

/* Where each section's node lives in the HDF tree, by section id. */
struct toc_node {
	int64_t id;
	char path[96];
	int children;
};

NEOERR *content_toc(struct db *db, const char *doc_slug, const char *as_of, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	struct toc_node *nodes = NULL;
	size_t n = 0, cap = 0;
	int top = 0, row = 0;
	NEOERR *err = db_stmt(db,
		"SELECT s.id, s.parent_id, s.kind, s.slug, s.toc_page, "
		"COALESCE((SELECT v.title FROM section_versions v WHERE v.id = " CURRENT_VERSION_ID "), s.toc_title) "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"WHERE d.slug = ?1 AND s.retired = 0 AND " IN_EFFECT " ORDER BY s.sort", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		int64_t parent = db_int64(st, 1);
		struct toc_node *node;
		const char *base = prefix;
		int index = 0;

		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			nodes = realloc(nodes, cap * sizeof *nodes);
			if (nodes == NULL) {
				err = nerr_raise(NERR_NOMEM, "content_toc");
				break;
			}
		}
		index = top;
		for (size_t k = 0; parent && k < n; k++) {
			if (nodes[k].id == parent) {
				index = nodes[k].children++;
				base = nodes[k].path;
				break;
			}
		}
		node = &nodes[n];
		node->id = db_int64(st, 0);
		node->children = 0;
		if (base == prefix) {
			if (snprintf(node->path, sizeof node->path, "%s.%d", prefix, index) >= (int)sizeof node->path)
				err = nerr_raise(NERR_ASSERT, "table of contents nested too deeply");
			top++;
		} else if (snprintf(node->path, sizeof node->path, "%s.Children.%d", base, index) >=
			   (int)sizeof node->path) {
			err = nerr_raise(NERR_ASSERT, "table of contents nested too deeply");
		}
		n++;
		if (err != STATUS_OK)
			break;
		err = set(hdf, node->path, "Kind", db_text(st, 2));
		if (err == STATUS_OK) err = set(hdf, node->path, "Slug", db_text(st, 3));
		if (err == STATUS_OK && !db_is_null(st, 4))
			err = set(hdf, node->path, "Page", db_text(st, 4));
		if (err == STATUS_OK) err = set(hdf, node->path, "Title", db_text(st, 5));
	}
	db_done(st);
	free(nodes);
	return nerr_pass(err);
}

static NEOERR *section_link(struct db *db, const char *sql, int64_t document_id, int sort,
			    const char *as_of, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, sql, &st);
	int row = 0;

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, sort);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		err = set(hdf, prefix, "Slug", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, prefix, "Title", db_text(st, 1));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *content_section(struct db *db, const char *doc_slug, const char *slug, const char *as_of,
			int version, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	NEOERR *err;
	int row = 0, sort = 0, n;
	int64_t section_id = 0, document_id = 0, parent_id = 0, version_id = 0;
	char path[96];

	err = db_stmt(db,
		"SELECT s.id, s.document_id, s.parent_id, s.kind, s.slug, s.sort, v.id, v.title, v.body_html, "
		"v.version, v.effective_date, v.published_at, s.toc_title, v.summary "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"LEFT JOIN section_versions v ON v.id = CASE WHEN ?4 > 0 THEN "
		"(SELECT w.id FROM section_versions w WHERE w.section_id = s.id AND w.version = ?4) "
		"ELSE " CURRENT_VERSION_ID " END "
		"WHERE d.slug = ?1 AND s.slug = ?3 AND s.retired = 0", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, slug);
	if (err == STATUS_OK) err = db_bind_int(db, st, 4, version);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && (!row || db_is_null(st, 6)))
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	if (err == STATUS_OK) {
		section_id = db_int64(st, 0);
		document_id = db_int64(st, 1);
		parent_id = db_int64(st, 2);
		sort = db_int(st, 5);
		version_id = db_int64(st, 6);
		err = set(hdf, prefix, "Kind", db_text(st, 3));
		if (err == STATUS_OK) err = set(hdf, prefix, "Slug", db_text(st, 4));
		if (err == STATUS_OK) err = set(hdf, prefix, "Title", db_text(st, 7));
		if (err == STATUS_OK) err = set(hdf, prefix, "BodyHtml", db_text(st, 8));
		if (err == STATUS_OK) err = set(hdf, prefix, "Version", db_text(st, 9));
		if (err == STATUS_OK) err = set(hdf, prefix, "EffectiveDate", db_text(st, 10));
		if (err == STATUS_OK) err = set_time(hdf, prefix, "PublishedAt", db_text(st, 11));
		if (err == STATUS_OK) err = set(hdf, prefix, "TocTitle", db_text(st, 12));
		if (err == STATUS_OK) err = set(hdf, prefix, "Summary", db_text(st, 13));
	}
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);

	/* A published change that takes effect later ("changes on <date>"). */
	err = db_stmt(db, "SELECT effective_date, version, summary FROM section_versions "
			  "WHERE section_id = ?1 AND effective_date > ?2 ORDER BY effective_date, version DESC LIMIT 1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		snprintf(path, sizeof path, "%s.Upcoming", prefix);
		err = set(hdf, path, "Date", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, path, "Version", db_text(st, 1));
		if (err == STATUS_OK) err = set(hdf, path, "Summary", db_text(st, 2));
	}
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);

	/* Breadcrumbs: the enclosing group and part, outermost first. */
	{
		char titles[4][256], slugs[4][128];
		int depth = 0;

		while (parent_id && depth < 4 && err == STATUS_OK) {
			err = db_stmt(db, "SELECT parent_id, slug, toc_title FROM sections WHERE id = ?1", &st);
			if (err == STATUS_OK) err = db_bind_int(db, st, 1, parent_id);
			if (err == STATUS_OK) err = db_step(db, st, &row);
			if (err == STATUS_OK && row) {
				parent_id = db_int64(st, 0);
				snprintf(slugs[depth], sizeof slugs[depth], "%s", db_text(st, 1));
				snprintf(titles[depth], sizeof titles[depth], "%s", db_text(st, 2));
				depth++;
			} else {
				parent_id = 0;
			}
			db_done(st);
		}
		for (int k = depth - 1, i = 0; k >= 0 && err == STATUS_OK; k--, i++) {
			snprintf(path, sizeof path, "%s.Parents.%d", prefix, i);
			err = set(hdf, path, "Slug", slugs[k]);
			if (err == STATUS_OK) err = set(hdf, path, "Title", titles[k]);
		}
	}

	/* Previous and next sections with text, in document order. */
	if (err == STATUS_OK) {
		snprintf(path, sizeof path, "%s.Prev", prefix);
		err = section_link(db, "SELECT slug, toc_title FROM sections s WHERE document_id = ?1 AND sort < ?3 "
				       "AND kind = 'section' AND retired = 0 AND " IN_EFFECT " ORDER BY sort DESC LIMIT 1",
				   document_id, sort, as_of, hdf, path);
	}
	if (err == STATUS_OK) {
		snprintf(path, sizeof path, "%s.Next", prefix);
		err = section_link(db, "SELECT slug, toc_title FROM sections s WHERE document_id = ?1 AND sort > ?3 "
				       "AND kind = 'section' AND retired = 0 AND " IN_EFFECT " ORDER BY sort LIMIT 1",
				   document_id, sort, as_of, hdf, path);
	}

	/* Children, for a part or a group. */
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT slug, toc_title, kind FROM sections s WHERE parent_id = ?1 AND retired = 0 "
				  "AND " IN_EFFECT " ORDER BY sort", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	n = 0;
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		snprintf(path, sizeof path, "%s.Children.%d", prefix, n++);
		err = set(hdf, path, "Slug", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, path, "Title", db_text(st, 1));
		if (err == STATUS_OK) err = set(hdf, path, "Kind", db_text(st, 2));
	}
	db_done(st);

	/* Citations of this version. */
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT cite, code FROM citations WHERE section_version_id = ?1 ORDER BY ord", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
	n = 0;
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char anchor[96];

		citation_anchor(db_text(st, 0), anchor, sizeof anchor);
		snprintf(path, sizeof path, "%s.Citations.%d", prefix, n++);
		err = set(hdf, path, "Cite", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, path, "Code", db_text(st, 1));
		if (err == STATUS_OK) err = set(hdf, path, "Anchor", anchor);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *content_glossary(struct db *db, const char *as_of, const char *filter, HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
		"SELECT t.slug, v.term, v.definition_html, ?2 = '' OR instr(lower(v.term), lower(?2)) > 0 "
		"OR instr(lower(v.definition_text), lower(?2)) > 0 FROM glossary_terms t "
		"JOIN glossary_versions v ON v.id = (SELECT w.id FROM glossary_versions w WHERE w.term_id = t.id "
		"AND w.effective_date <= ?1 ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"WHERE t.retired = 0 ORDER BY v.term COLLATE NOCASE", &st);
	int row = 0, letter_index = -1, term_index = 0, count = 0, total = 0;
	char letter = 0;

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, as_of);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, filter ? filter : "");
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		const char *term = db_text(st, 1);
		char first = (char)toupper((unsigned char)term[0]);
		char path[96];

		total++;
		if (!db_int(st, 3))
			continue;

		if (!isalpha((unsigned char)first))
			first = '#';
		if (first != letter) {
			letter = first;
			letter_index++;
			term_index = 0;
		{
			char lp[96], ls[2] = { letter, 0 };

			snprintf(lp, sizeof lp, "%s.Letters.%d", prefix, letter_index);
			err = set(hdf, lp, "Letter", ls);
		}
		}
		snprintf(path, sizeof path, "%s.Letters.%d.Terms.%d", prefix, letter_index, term_index++);
		if (err == STATUS_OK) err = set(hdf, path, "Slug", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, path, "Term", term);
		if (err == STATUS_OK) err = set(hdf, path, "DefinitionHtml", db_text(st, 2));
		count++;
	}
	db_done(st);
	if (err == STATUS_OK) {
		char key[96];

		snprintf(key, sizeof key, "%s.Count", prefix);
		err = hdf_set_int_value(hdf, key, count);
		snprintf(key, sizeof key, "%s.Total", prefix);
		if (err == STATUS_OK)
			err = hdf_set_int_value(hdf, key, total);
	}
	return nerr_pass(err);
}

int content_valid_date(const char *s)
{
	rules_date d;

	return calendar_parse(s, &d) == 0;
}

NEOERR *content_section_history(struct db *db, const char *doc_slug, const char *slug, const char *today,
				HDF *hdf, const char *prefix)
{
	struct db_stmt *st;
	int row = 0, n = 0;
	char current[16] = "";
	NEOERR *err = db_stmt(db,
		"SELECT v.version, v.title, v.effective_date, v.published_at, v.published_by, v.summary, "
		"(SELECT w.version FROM section_versions w WHERE w.section_id = s.id AND w.effective_date <= ?3 "
		" ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.section_id = s.id "
		"WHERE d.slug = ?1 AND s.slug = ?2 ORDER BY v.version DESC", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, today);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char path[96];
		const char *state;

		snprintf(current, sizeof current, "%s", db_text(st, 6));
		if (strcmp(db_text(st, 0), current) == 0)
			state = "current";
		else if (strcmp(db_text(st, 2), today) > 0)
			state = "upcoming";
		else
			state = "past";
		snprintf(path, sizeof path, "%s.Versions.%d", prefix, n++);
		err = set(hdf, path, "Version", db_text(st, 0));
		if (err == STATUS_OK) err = set(hdf, path, "Title", db_text(st, 1));
		if (err == STATUS_OK) err = set(hdf, path, "EffectiveDate", db_text(st, 2));
		if (err == STATUS_OK) err = set_time(hdf, path, "PublishedAt", db_text(st, 3));
		if (err == STATUS_OK) err = set(hdf, path, "PublishedBy", db_text(st, 4));
		if (err == STATUS_OK) err = set(hdf, path, "Summary", db_text(st, 5));
		if (err == STATUS_OK) err = set(hdf, path, "State", state);
	}
	db_done(st);
	if (err == STATUS_OK && n == 0)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	return nerr_pass(err);
}

NEOERR *content_version_html(struct db *db, const char *doc_slug, const char *slug, int version,
			     char **title, char **text)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
		"SELECT v.title, v.body_html FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.section_id = s.id WHERE d.slug = ?1 AND s.slug = ?2 AND v.version = ?3",
		&st);

	*title = *text = NULL;
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, slug);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, version);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "This section has no version %d.", version);
	if (err == STATUS_OK) {
		*title = strdup(db_text(st, 0));
		*text = strdup(db_text(st, 1));
		if (*title == NULL || *text == NULL) {
			free(*title);
			free(*text);
			*title = *text = NULL;
			err = nerr_raise(NERR_NOMEM, "content_version_html");
		}
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *content_each_section(struct db *db, const char *doc_slug, const char *as_of,
			     content_section_fn fn, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
		"SELECT s.kind, CASE WHEN s.parent_id IS NULL THEN 0 WHEN p.parent_id IS NULL THEN 1 ELSE 2 END, "
		"v.title, v.body_md FROM sections s JOIN documents d ON d.id = s.document_id "
		"LEFT JOIN sections p ON p.id = s.parent_id "
		"JOIN section_versions v ON v.id = " CURRENT_VERSION_ID " "
		"WHERE d.slug = ?1 AND s.retired = 0 ORDER BY s.sort", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	/* The callback may not use the database: it gets copies of the row. */
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = fn(ctx, db_text(st, 0), db_int(st, 1), db_text(st, 2), db_text(st, 3));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *content_section_title(struct db *db, const char *doc_slug, const char *slug, const char *as_of,
			      char *buf, size_t len)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
		"SELECT COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id "
		"AND v.effective_date <= ?2 ORDER BY v.effective_date DESC, v.version DESC LIMIT 1), "
		"s.toc_title) FROM sections s JOIN documents d ON d.id = s.document_id "
		"WHERE d.slug = ?3 AND s.slug = ?1", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_text(db, st, 1, slug);
	if (err == STATUS_OK)
		err = db_bind_text(db, st, 2, as_of);
	if (err == STATUS_OK)
		err = db_bind_text(db, st, 3, doc_slug);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	snprintf(buf, len, "%s", err == STATUS_OK && row ? db_text(st, 0) : slug);
	db_done(st);
	return nerr_pass(err);
}
