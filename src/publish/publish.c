#include "publish/publish.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "core/errors.h"
#include "content/markdown.h"
#include "forms/reqview.h"
#include "forms/requests.h"
#include "search/search.h"
#include "core/isotime.h"

/* ---- Finding items ------------------------------------------------------------- */

static NEOERR *copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
	return STATUS_OK;
}

NEOERR *publish_find_section(struct db *db, const char *doc_slug, const char *slug, struct publish_item *out)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	out->kind = PUBLISH_SECTION;
	if (doc_slug == NULL || slug == NULL || strlen(slug) > PUBLISH_MAX_SLUG + 40)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	err = db_stmt(db,
		"SELECT s.id, s.document_id, d.slug, s.slug, s.kind, s.retired, "
		"COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id ORDER BY v.version DESC LIMIT 1), "
		"s.toc_title), "
		"COALESCE((SELECT max(v.version) FROM section_versions v WHERE v.section_id = s.id), 0), "
		"COALESCE((SELECT max(v.effective_date) FROM section_versions v WHERE v.section_id = s.id), '') "
		"FROM sections s JOIN documents d ON d.id = s.document_id WHERE d.slug = ?1 AND s.slug = ?2", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc_slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	if (err == STATUS_OK) {
		out->id = db_int64(st, 0);
		out->document_id = db_int64(st, 1);
		copy_text(out->doc_slug, sizeof out->doc_slug, db_text(st, 2));
		copy_text(out->slug, sizeof out->slug, db_text(st, 3));
		copy_text(out->section_kind, sizeof out->section_kind, db_text(st, 4));
		out->retired = db_int(st, 5);
		copy_text(out->title, sizeof out->title, db_text(st, 6));
		out->latest = db_int(st, 7);
		copy_text(out->latest_date, sizeof out->latest_date, db_text(st, 8));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_find_term(struct db *db, const char *slug, struct publish_item *out)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	out->kind = PUBLISH_TERM;
	if (slug == NULL || strlen(slug) > PUBLISH_MAX_SLUG + 40)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no glossary term at this address.");
	err = db_stmt(db,
		"SELECT t.id, t.slug, t.retired, "
		"COALESCE((SELECT v.term FROM glossary_versions v WHERE v.term_id = t.id ORDER BY v.version DESC LIMIT 1), ''), "
		"COALESCE((SELECT max(v.version) FROM glossary_versions v WHERE v.term_id = t.id), 0), "
		"COALESCE((SELECT max(v.effective_date) FROM glossary_versions v WHERE v.term_id = t.id), '') "
		"FROM glossary_terms t WHERE t.slug = ?1", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no glossary term at this address.");
	if (err == STATUS_OK) {
		out->id = db_int64(st, 0);
		copy_text(out->slug, sizeof out->slug, db_text(st, 1));
		out->retired = db_int(st, 2);
		copy_text(out->title, sizeof out->title, db_text(st, 3));
		out->latest = db_int(st, 4);
		copy_text(out->latest_date, sizeof out->latest_date, db_text(st, 5));
	}
	db_done(st);
	return nerr_pass(err);
}

void publish_item_path(const struct publish_item *it, char *out, size_t size)
{
	if (it->kind == PUBLISH_SECTION)
		snprintf(out, size, "/%s/%s", it->doc_slug, it->slug);
	else
		snprintf(out, size, "/glossary/%s", it->slug);
}

const char *publish_kind_name(enum publish_kind kind)
{
	return kind == PUBLISH_SECTION ? "section" : "term";
}

/* ---- Checking a form (pure) --------------------------------------------------------- */

void publish_text_free(struct publish_text *t)
{
	free(t->html);
	free(t->text);
	t->html = t->text = NULL;
	t->n_citations = 0;
}

static int one_line(const char *s)
{
	return strchr(s, '\n') == NULL && strchr(s, '\r') == NULL;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int publish_parse_citations(const char *text, struct citation *out, size_t max, size_t *n, char *msg, size_t msgsz)
{
	const char *p = text ? text : "";
	int line_no = 0;

	*n = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char line[256];
		struct citation found[8];
		size_t got;
		int complete = 0;

		line_no++;
		while (len > 0 && isspace((unsigned char)*p)) {
			p++;
			len--;
		}
		while (len > 0 && isspace((unsigned char)p[len - 1]))
			len--;
		if (len >= sizeof line) {
			snprintf(msg, msgsz, "Line %d of the legal references is too long: write one reference per line.",
				 line_no);
			return -1;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p = eol ? eol + 1 : p + strlen(p);
		if (len == 0)
			continue;
		got = citation_parse(line, found, sizeof found / sizeof found[0], &complete);
		if (got == 0 || !complete) {
			snprintf(msg, msgsz, "Line %d (\"%.60s\") is not a legal reference the portal understands. Write "
				 "one per line, for example KRS 18A.095, 101 KAR 2:102, Section 3, 29 U.S.C. § 2601 or "
				 "EO 2014-747.", line_no, line);
			return -1;
		}
		for (size_t i = 0; i < got; i++) {
			int dup = 0;

			for (size_t k = 0; k < *n && !dup; k++)
				dup = strcmp(out[k].cite, found[i].cite) == 0;
			if (dup)
				continue;
			if (*n == max) {
				snprintf(msg, msgsz, "There are too many legal references (at most %zu).", max);
				return -1;
			}
			out[(*n)++] = found[i];
		}
	}
	return 0;
}

int publish_check(const struct publish_form *f, enum publish_kind kind, enum publish_check_mode mode,
		  const char *today, const char *latest_date, struct publish_errors *e, struct publish_text *out)
{
	const char *title = f->title ? f->title : "";
	const char *body = f->body ? f->body : "";
	const char *cites = f->citations ? f->citations : "";
	const char *summary = f->summary ? f->summary : "";
	const char *date = f->effective_date ? f->effective_date : "";

	memset(e, 0, sizeof *e);
	memset(out, 0, sizeof *out);
	if (blank(title))
		e->title = "Give it a title.";
	else if (strlen(title) > PUBLISH_MAX_TITLE)
		e->title = "The title is too long (at most 200 characters).";
	else if (!one_line(title))
		e->title = "The title must be one line.";
	if (strlen(body) > PUBLISH_MAX_BODY) {
		snprintf(e->body_buf, sizeof e->body_buf, "The text is too long (%zu KB; at most %d KB).",
			 strlen(body) / 1024, PUBLISH_MAX_BODY / 1024);
		e->body = e->body_buf;
	}
	if (kind == PUBLISH_SECTION && strlen(cites) > PUBLISH_MAX_CITATIONS_TEXT)
		e->citations = "The legal references are too long.";
	if (strlen(summary) > PUBLISH_MAX_SUMMARY)
		e->summary = "The summary is too long (at most 300 characters).";
	else if (!one_line(summary))
		e->summary = "The summary must be one line.";
	if (*date != '\0' && !content_valid_date(date))
		e->effective_date = "Enter the date as YYYY-MM-DD, for example 2027-03-01.";

	if (mode != PUBLISH_CHECK_DRAFT) {
		if (e->body == NULL) {
			NEOERR *err = markdown_render(body, strlen(body), &out->html, &out->text);

			if (err != STATUS_OK) {
				const char *m = errors_public_message(err);

				snprintf(e->body_buf, sizeof e->body_buf, "%s",
					 m ? m : "The text could not be rendered.");
				e->body = e->body_buf;
				nerr_ignore(&err);
			}
		}
		if (kind == PUBLISH_SECTION && e->citations == NULL &&
		    publish_parse_citations(cites, out->citations, PUBLISH_MAX_CITATIONS, &out->n_citations,
					    e->citations_buf, sizeof e->citations_buf) != 0)
			e->citations = e->citations_buf;
	}
	if (mode == PUBLISH_CHECK_PUBLISH) {
		if (e->summary == NULL && blank(summary))
			e->summary = "Say in a sentence what changed and why: readers see it in the history.";
		if (e->effective_date == NULL && *date == '\0') {
			e->effective_date = "Choose the date the change takes effect.";
		} else if (e->effective_date == NULL && strcmp(date, today) < 0) {
			snprintf(e->date_buf, sizeof e->date_buf, "The effective date cannot be in the past (today is %s): "
				 "the handbook as of an earlier date stays as it was.", today);
			e->effective_date = e->date_buf;
		} else if (e->effective_date == NULL && latest_date && *latest_date && strcmp(date, latest_date) < 0) {
			snprintf(e->date_buf, sizeof e->date_buf, "The newest version takes effect on %s; a newer "
				 "version cannot take effect before it.", latest_date);
			e->effective_date = e->date_buf;
		}
	}
	e->count = (e->title != NULL) + (e->body != NULL) + (e->citations != NULL) + (e->summary != NULL) +
		   (e->effective_date != NULL);
	if (e->count > 0)
		publish_text_free(out);
	return e->count;
}

void publish_slugify(const char *title, char *out, size_t size)
{
	size_t n = 0;
	int hyphen = 0;

	if (size == 0)
		return;
	for (const unsigned char *p = (const unsigned char *)(title ? title : ""); *p && n + 1 < size; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (hyphen && n > 0 && n + 2 < size)
				out[n++] = '-';
			hyphen = 0;
			out[n++] = (char)tolower(*p);
		} else if (*p != '\'') {
			hyphen = 1;
		}
		if (n >= PUBLISH_MAX_SLUG)
			break;
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

int publish_slug_ok(const char *s)
{
	size_t len = s ? strlen(s) : 0;

	if (len == 0 || len > PUBLISH_MAX_SLUG || s[0] == '-' || s[len - 1] == '-')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (s[i] == '-' && s[i + 1] != '-')
			continue;
		return 0;
	}
	return 1;
}

/* ---- Conflicts ------------------------------------------------------------------- */

void publish_conflict_free(struct publish_conflict *c)
{
	free(c->other_title);
	free(c->other_body);
	free(c->base_body);
	c->other_title = c->other_body = c->base_body = NULL;
}

static NEOERR *dup_column(struct db_stmt *st, int col, char **out)
{
	*out = strdup(db_text(st, col));
	return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "copying a column");
}

/* Title, Markdown, who and when of one version (found = 0 when none). */
static NEOERR *version_source(struct db *db, const struct publish_item *it, int version, char **title, char **body,
			      char *who, size_t who_size, char when[21], int *found)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "SELECT title, body_md, published_by, published_at FROM section_versions WHERE section_id = ?1 AND version = ?2"
		: "SELECT term, definition_md, published_by, published_at FROM glossary_versions WHERE term_id = ?1 AND version = ?2",
		&st);

	*found = 0;
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, version);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*found = 1;
		if (title) err = dup_column(st, 0, title);
		if (err == STATUS_OK && body) err = dup_column(st, 1, body);
		if (who) snprintf(who, who_size, "%s", db_text(st, 2));
		if (when) snprintf(when, 21, "%s", db_text(st, 3));
	}
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *latest_version(struct db *db, const struct publish_item *it, int *latest, char date[11])
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "SELECT COALESCE(max(version), 0), COALESCE(max(effective_date), '') FROM section_versions WHERE section_id = ?1"
		: "SELECT COALESCE(max(version), 0), COALESCE(max(effective_date), '') FROM glossary_versions WHERE term_id = ?1",
		&st);

	*latest = 0;
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*latest = db_int(st, 0);
		if (date)
			snprintf(date, 11, "%s", db_text(st, 1));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_conflict_check(struct db *db, const struct publish_item *it, long long user_id,
			       const struct publish_form *f, struct publish_conflict *c)
{
	struct db_stmt *st = NULL;
	int latest = 0, row = 0, found = 0;
	NEOERR *err;

	memset(c, 0, sizeof *c);
	err = latest_version(db, it, &latest, NULL);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (f->base < 0 || f->base > latest)
		return nerr_raise(HR_ERR_BAD_REQUEST, "This form names a version that does not exist. Open the editor again.");
	if (latest > f->base) {
		c->kind = CONFLICT_VERSION;
		c->latest = latest;
		err = version_source(db, it, latest, &c->other_title, &c->other_body, c->who, sizeof c->who, c->when, &found);
		if (err == STATUS_OK && f->base > 0)
			err = version_source(db, it, f->base, NULL, &c->base_body, NULL, 0, NULL, &found);
		if (err == STATUS_OK && c->base_body == NULL)
			c->base_body = strdup("");
		if (err == STATUS_OK && c->base_body == NULL)
			err = nerr_raise(NERR_NOMEM, "conflict");
		return nerr_pass(err);
	}
	err = db_stmt(db, "SELECT d.title, d.body_md, u.name, d.updated_at FROM drafts d JOIN users u ON u.id = d.user_id "
			  "WHERE d.kind = ?1 AND d.owner_id = ?2 AND d.user_id <> ?3 AND d.seq > ?4 ORDER BY d.seq DESC LIMIT 1",
		      &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, publish_kind_name(it->kind));
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, user_id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 4, f->seen);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		c->kind = CONFLICT_DRAFT;
		c->latest = latest;
		err = dup_column(st, 0, &c->other_title);
		if (err == STATUS_OK) err = dup_column(st, 1, &c->other_body);
		snprintf(c->who, sizeof c->who, "%s", db_text(st, 2));
		snprintf(c->when, sizeof c->when, "%s", db_text(st, 3));
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Drafts ------------------------------------------------------------------------ */

NEOERR *publish_draft_seq(struct db *db, long long *seq)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'publishing.draft_seq'", &st);

	*seq = 0;
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*seq = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_save_draft(struct db *db, const struct publish_item *it, long long user_id,
			   const struct publish_form *f, time_t now, long long *seq)
{
	struct db_stmt *st = NULL;
	char at[21];
	NEOERR *err = db_stmt(db, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'publishing.draft_seq'",
			      &st);

	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = publish_draft_seq(db, seq);
	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, at);
	err = db_stmt(db,
		"INSERT INTO drafts(kind, owner_id, user_id, base_version, title, body_md, citations, summary, effective_date, "
		"material, seq, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
		"ON CONFLICT(kind, owner_id, user_id) DO UPDATE SET base_version = excluded.base_version, "
		"title = excluded.title, body_md = excluded.body_md, citations = excluded.citations, "
		"summary = excluded.summary, effective_date = excluded.effective_date, material = excluded.material, "
		"seq = excluded.seq, updated_at = excluded.updated_at", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, publish_kind_name(it->kind));
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, user_id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 4, f->base);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, f->title ? f->title : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, f->body ? f->body : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, f->citations ? f->citations : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 8, f->summary ? f->summary : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 9, f->effective_date ? f->effective_date : "");
	if (err == STATUS_OK) err = db_bind_int(db, st, 10, f->material ? 1 : 0);
	if (err == STATUS_OK) err = db_bind_int(db, st, 11, *seq);
	if (err == STATUS_OK) err = db_bind_text(db, st, 12, at);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

static NEOERR *hdf_setf(HDF *hdf, const char *prefix, const char *name, const char *value)
{
	char key[160];

	snprintf(key, sizeof key, "%s.%s", prefix, name);
	return nerr_pass(hdf_set_value(hdf, key, value ? value : ""));
}

/* A stored UTC time as people read it everywhere: the portal's time zone. */
static NEOERR *hdf_set_time(HDF *hdf, const char *prefix, const char *name, const char *iso)
{
	char when[32];

	reqview_local_time(iso, when);
	return nerr_pass(hdf_setf(hdf, prefix, name, when));
}

/* The citations of a stored version, one per line, as printed. */
static NEOERR *citations_text(struct db *db, int64_t version_id, STRING *out)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT cite FROM citations WHERE section_version_id = ?1 ORDER BY ord", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = string_appendf(out, "%s\n", db_text(st, 0));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_load_for_edit(struct db *db, const struct publish_item *it, long long user_id, HDF *hdf,
			      const char *prefix, int *has_draft)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT base_version, title, body_md, citations, summary, effective_date, material, "
				  "updated_at FROM drafts WHERE kind = ?1 AND owner_id = ?2 AND user_id = ?3", &st);

	*has_draft = 0;
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, publish_kind_name(it->kind));
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, user_id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*has_draft = 1;
		err = hdf_setf(hdf, prefix, "Base", db_text(st, 0));
		if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "Title", db_text(st, 1));
		if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "Body", db_text(st, 2));
		if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "Citations", db_text(st, 3));
		if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "Summary", db_text(st, 4));
		if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "EffectiveDate", db_text(st, 5));
		if (err == STATUS_OK && db_int(st, 6)) err = hdf_setf(hdf, prefix, "Material", "1");
		if (err == STATUS_OK) err = hdf_set_time(hdf, prefix, "Updated", db_text(st, 7));
	}
	db_done(st);
	if (err != STATUS_OK || *has_draft)
		return nerr_pass(err);

	/* No draft: the newest version (nothing for a new item). */
	err = hdf_set_valuef(hdf, "%s.Base=%d", prefix, it->latest);
	if (err != STATUS_OK || it->latest == 0)
		return nerr_pass(err);
	err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "SELECT id, title, body_md FROM section_versions WHERE section_id = ?1 AND version = ?2"
		: "SELECT id, term, definition_md FROM glossary_versions WHERE term_id = ?1 AND version = ?2", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, it->latest);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		int64_t vid = db_int64(st, 0);

		err = hdf_setf(hdf, prefix, "Title", db_text(st, 1));
		if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "Body", db_text(st, 2));
		db_done(st);
		if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
			STRING s;

			string_init(&s);
			err = citations_text(db, vid, &s);
			if (err == STATUS_OK) err = hdf_setf(hdf, prefix, "Citations", s.buf ? s.buf : "");
			string_clear(&s);
		}
		return nerr_pass(err);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_other_drafts(struct db *db, const struct publish_item *it, long long user_id, HDF *hdf,
			     const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, "SELECT u.name, u.login, d.updated_at, d.base_version FROM drafts d "
				  "JOIN users u ON u.id = d.user_id WHERE d.kind = ?1 AND d.owner_id = ?2 AND d.user_id <> ?3 "
				  "ORDER BY d.seq DESC", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, publish_kind_name(it->kind));
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, user_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[96];

		snprintf(p, sizeof p, "%s.%d", prefix, n++);
		err = hdf_setf(hdf, p, "Name", db_text(st, 0));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Login", db_text(st, 1));
		if (err == STATUS_OK) err = hdf_set_time(hdf, p, "Updated", db_text(st, 2));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Base", db_text(st, 3));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_all_drafts(struct db *db, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db,
		"SELECT d.kind, COALESCE(doc.slug, ''), COALESCE(s.slug, t.slug), d.title, u.name, d.updated_at "
		"FROM drafts d JOIN users u ON u.id = d.user_id "
		"LEFT JOIN sections s ON d.kind = 'section' AND s.id = d.owner_id "
		"LEFT JOIN documents doc ON doc.id = s.document_id "
		"LEFT JOIN glossary_terms t ON d.kind = 'term' AND t.id = d.owner_id "
		"ORDER BY d.updated_at DESC LIMIT 100", &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[96], url[300];
		int section = strcmp(db_text(st, 0), "section") == 0;

		if (section)
			snprintf(url, sizeof url, "/admin/sections/%s/%s", db_text(st, 1), db_text(st, 2));
		else
			snprintf(url, sizeof url, "/admin/glossary/%s", db_text(st, 2));
		snprintf(p, sizeof p, "%s.%d", prefix, n++);
		err = hdf_setf(hdf, p, "Kind", section ? "Section" : "Glossary term");
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "EditUrl", url);
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Title", db_text(st, 3));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Name", db_text(st, 4));
		if (err == STATUS_OK) err = hdf_set_time(hdf, p, "Updated", db_text(st, 5));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_upcoming(struct db *db, const char *today, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db,
		"SELECT d.slug, s.slug, v.title, v.version, v.effective_date, v.summary FROM section_versions v "
		"JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
		"WHERE v.effective_date > ?1 ORDER BY v.effective_date, d.slug, s.slug LIMIT 100", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, today);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[96], url[300];

		snprintf(url, sizeof url, "/admin/sections/%s/%s", db_text(st, 0), db_text(st, 1));
		snprintf(p, sizeof p, "%s.%d", prefix, n++);
		err = hdf_setf(hdf, p, "EditUrl", url);
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Title", db_text(st, 2));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Version", db_text(st, 3));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "EffectiveDate", db_text(st, 4));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Summary", db_text(st, 5));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_versions(struct db *db, const struct publish_item *it, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "SELECT version, title, effective_date, published_at, published_by, summary FROM section_versions "
		  "WHERE section_id = ?1 ORDER BY version DESC"
		: "SELECT version, term, effective_date, published_at, published_by, summary FROM glossary_versions "
		  "WHERE term_id = ?1 ORDER BY version DESC", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[96];

		snprintf(p, sizeof p, "%s.%d", prefix, n++);
		err = hdf_setf(hdf, p, "Version", db_text(st, 0));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Title", db_text(st, 1));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "EffectiveDate", db_text(st, 2));
		if (err == STATUS_OK) err = hdf_set_time(hdf, p, "PublishedAt", db_text(st, 3));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "PublishedBy", db_text(st, 4));
		if (err == STATUS_OK) err = hdf_setf(hdf, p, "Summary", db_text(st, 5));
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Publishing ------------------------------------------------------------------- */

static NEOERR *delete_draft(struct db *db, const struct publish_item *it, long long user_id)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db, "DELETE FROM drafts WHERE kind = ?1 AND owner_id = ?2 AND user_id = ?3", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, publish_kind_name(it->kind));
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, user_id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

static NEOERR *write_citations(struct db *db, int64_t version_id, const struct citation *c, size_t n)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		struct db_stmt *st = NULL;

		err = db_stmt(db,
			"INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, subsection, raw) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, (int64_t)i + 1);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, c[i].cite);
		if (err == STATUS_OK) err = db_bind_text(db, st, 4, c[i].code);
		if (err == STATUS_OK) err = db_bind_text(db, st, 5, c[i].title);
		if (err == STATUS_OK) err = db_bind_text(db, st, 6, c[i].chapter);
		if (err == STATUS_OK) err = db_bind_text(db, st, 7, c[i].number);
		if (err == STATUS_OK) err = db_bind_text(db, st, 8, c[i].subsection);
		if (err == STATUS_OK) err = db_bind_text(db, st, 9, c[i].raw);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	return nerr_pass(err);
}

/* After a version is written: a new item appears, the editor's draft goes,
 * a material change re-opens acknowledgements, search follows. */
static NEOERR *after_publish(struct db *db, const struct publish_item *it, long long user_id, int version,
			     const char *title, int material, time_t now)
{
	struct db_stmt *st = NULL;
	NEOERR *err = STATUS_OK;

	if (it->latest == 0 && it->retired) {
		err = db_stmt(db, it->kind == PUBLISH_SECTION
			? "UPDATE sections SET retired = 0, toc_title = ?2 WHERE id = ?1"
			: "UPDATE glossary_terms SET retired = 0 WHERE id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
		if (err == STATUS_OK && it->kind == PUBLISH_SECTION) err = db_bind_text(db, st, 2, title);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	if (err == STATUS_OK)
		err = delete_draft(db, it, user_id);
	if (err == STATUS_OK && material && it->kind == PUBLISH_SECTION) {
		char at[21];

		iso_time_format(now, at);
		err = db_stmt(db, "UPDATE ack_campaigns SET version = ?2, reopened_at = ?3 WHERE section_id = ?1 "
				  "AND version < ?2", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, version);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, at);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	if (err == STATUS_OK)
		err = publish_reindex(db, it);
	return nerr_pass(err);
}

NEOERR *publish_version(struct db *db, const struct publish_item *it, long long user_id, const char *by,
			const struct publish_form *f, const struct publish_text *t, time_t now, int *version)
{
	struct db_stmt *st = NULL;
	char at[21];
	int latest = 0;
	int64_t version_id = 0;
	NEOERR *err = latest_version(db, it, &latest, NULL);

	if (err != STATUS_OK)
		return nerr_pass(err);
	*version = latest + 1;
	iso_time_format(now, at);
	err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
		  "published_at, published_by, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id"
		: "INSERT INTO glossary_versions(term_id, version, term, definition_md, definition_html, definition_text, "
		  "effective_date, published_at, published_by, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
		  "RETURNING id", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, *version);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, f->title);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, f->body ? f->body : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, t->html ? t->html : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, t->text ? t->text : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, f->effective_date);
	if (err == STATUS_OK) err = db_bind_text(db, st, 8, at);
	if (err == STATUS_OK) err = db_bind_text(db, st, 9, by);
	if (err == STATUS_OK) err = db_bind_text(db, st, 10, f->summary);
	if (err == STATUS_OK)
		err = db_insert(db, st, &version_id);
	else
		db_done(st);
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION)
		err = write_citations(db, version_id, t->citations, t->n_citations);
	if (err == STATUS_OK)
		err = after_publish(db, it, user_id, *version, f->title, f->material, now);
	return nerr_pass(err);
}

NEOERR *publish_rollback(struct db *db, const struct publish_item *it, long long user_id, const char *by, int from,
			 const char *summary, const char *effective_date, time_t now, int *version)
{
	struct db_stmt *st = NULL;
	char at[21];
	int latest = 0, row = 0;
	int64_t old_id = 0, new_id;
	NEOERR *err = latest_version(db, it, &latest, NULL);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (from < 1 || from > latest)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no version %d to roll back to.", from);
	*version = latest + 1;
	iso_time_format(now, at);
	err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "SELECT id FROM section_versions WHERE section_id = ?1 AND version = ?2"
		: "SELECT id FROM glossary_versions WHERE term_id = ?1 AND version = ?2", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, from);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		old_id = db_int64(st, 0);
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_stmt(db, it->kind == PUBLISH_SECTION
		? "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
		  "published_at, published_by, summary) SELECT section_id, ?2, title, body_md, body_html, body_text, ?3, ?4, ?5, ?6 "
		  "FROM section_versions WHERE id = ?1 RETURNING id"
		: "INSERT INTO glossary_versions(term_id, version, term, definition_md, definition_html, definition_text, "
		  "effective_date, published_at, published_by, summary) SELECT term_id, ?2, term, definition_md, definition_html, "
		  "definition_text, ?3, ?4, ?5, ?6 FROM glossary_versions WHERE id = ?1 RETURNING id", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, old_id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, *version);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, effective_date);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, at);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, by);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, summary);
	if (err == STATUS_OK)
		err = db_insert(db, st, &new_id);
	else
		db_done(st);
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
		err = db_stmt(db, "INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, subsection, raw) "
				  "SELECT ?2, ord, cite, code, title, chapter, number, subsection, raw FROM citations "
				  "WHERE section_version_id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, old_id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, new_id);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	/* A rollback restores old text: it is never a "material" change by
	 * itself (HR can publish again and say so). */
	if (err == STATUS_OK)
		err = after_publish(db, it, user_id, *version, it->title, 0, now);
	return nerr_pass(err);
}

NEOERR *publish_reindex(struct db *db, const struct publish_item *it)
{
	/* The index rows carry each version's dates in effect, so a version
	 * published for a later date is found from that date on by itself. */
	NEOERR *err = it->kind == PUBLISH_SECTION ? search_reindex_section(db, it->id) : search_reindex_term(db, it->id);

	if (err == STATUS_OK)
		err = search_index_flush(db);
	return nerr_pass(err);
}

/* ---- Structure -------------------------------------------------------------------- */

int publish_reorder(const struct publish_node *nodes, size_t n, int64_t id, int64_t parent,
		    int64_t after, size_t *order)
{
	/* Index n is the document itself (the root). */
	size_t *first = NULL, *last = NULL, *next = NULL, *stack = NULL, *up = NULL;
	size_t moved = n, target = n, after_i = n, count = 0, top = 0;
	const size_t none = (size_t)-1;
	int rc = -1;

	first = malloc((n + 1) * sizeof *first);
	last = malloc((n + 1) * sizeof *last);
	next = malloc((n + 1) * sizeof *next);
	up = malloc((n + 1) * sizeof *up);
	stack = malloc((n + 1) * sizeof *stack);
	if (!first || !last || !next || !up || !stack)
		goto done;
	for (size_t i = 0; i <= n; i++)
		first[i] = last[i] = next[i] = up[i] = none;
	for (size_t i = 0; i < n; i++) {
		if (nodes[i].id == id)
			moved = i;
		if (parent && nodes[i].id == parent)
			target = i;
		if (after && nodes[i].id == after)
			after_i = i;
	}
	if (moved == n || (parent && target == n) || (after && after_i == n) || after == id)
		goto done;
	/* Children lists in the current order; the moved node is left out. */
	for (size_t i = 0; i < n; i++) {
		size_t p = n;

		if (i == moved)
			continue;
		for (size_t k = 0; nodes[i].parent && k < n; k++)
			if (nodes[k].id == nodes[i].parent && k != i) {
				p = k;
				break;
			}
		up[i] = p;
		if (first[p] == none)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	up[moved] = target;
	/* Not into its own subtree. */
	for (size_t a = target, guard = 0; a != n && a != none && guard <= n; a = up[a], guard++)
		if (a == moved)
			goto done;
	/* Insert it: first, or after its new sibling. */
	if (after == 0) {
		next[moved] = first[target];
		first[target] = moved;
	} else {
		if (up[after_i] != target)
			goto done;
		next[moved] = next[after_i];
		next[after_i] = moved;
	}
	/* Pre-order: each node is pushed once (as a first child or as a next
	 * sibling), so the stack never holds more than n. */
	if (first[n] != none)
		stack[top++] = first[n];
	while (top > 0) {
		size_t x = stack[--top];

		if (count >= n)
			goto done;        /* a cycle among the old parents: refuse */
		order[count++] = x;
		if (next[x] != none)
			stack[top++] = next[x];
		if (first[x] != none)
			stack[top++] = first[x];
	}
	/* Nodes orphaned by a cycle in the old data never appear: refuse. */
	rc = count == n ? 0 : -1;
done:
	free(first);
	free(last);
	free(next);
	free(up);
	free(stack);
	return rc;
}

/* Apply a move within a document and renumber its sort keys (10, 20, ...),
 * writing only what changed. The document's structure is HR's from now on. */
static NEOERR *renumber(struct db *db, int64_t document_id, int64_t id, int64_t parent,
			int64_t after)
{
	struct db_stmt *st = NULL;
	struct publish_node *nodes = NULL;
	int *sorts = NULL;
	size_t n = 0, cap = 0, *order = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT id, COALESCE(parent_id, 0), sort FROM sections WHERE document_id = ?1 "
				  "ORDER BY sort, id", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 128;
			struct publish_node *nn = realloc(nodes, ncap * sizeof *nodes);
			int *ns = nn ? realloc(sorts, ncap * sizeof *sorts) : NULL;

			if (nn) nodes = nn;
			if (ns) sorts = ns;
			if (nn == NULL || ns == NULL) {
				err = nerr_raise(NERR_NOMEM, "renumbering sections");
				break;
			}
			cap = ncap;
		}
		nodes[n].id = db_int64(st, 0);
		nodes[n].parent = db_int64(st, 1);
		sorts[n] = db_int(st, 2);
		n++;
	}
	db_done(st);
	if (err == STATUS_OK && (order = malloc((n + 1) * sizeof *order)) == NULL)
		err = nerr_raise(NERR_NOMEM, "renumbering sections");
	if (err == STATUS_OK && publish_reorder(nodes, n, id, parent, after, order) != 0)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "A section cannot be placed there (not inside itself, and only "
				 "after a section with the same parent).");
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		size_t k = order[i];
		int sort = (int)(i + 1) * 10;

		if (nodes[k].id != id && sorts[k] == sort)
			continue;
		err = db_stmt(db, nodes[k].id == id ? "UPDATE sections SET sort = ?2, parent_id = ?3 WHERE id = ?1"
						    : "UPDATE sections SET sort = ?2 WHERE id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, nodes[k].id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, sort);
		if (err == STATUS_OK && nodes[k].id == id && parent) err = db_bind_int(db, st, 3, parent);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	if (err == STATUS_OK) err = db_stmt(db, "UPDATE documents SET hr_structure = 1 WHERE id = ?1 AND hr_structure = 0", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	free(nodes);
	free(sorts);
	free(order);
	return nerr_pass(err);
}

/* The kind of a section that may hold children, in a document. */
static NEOERR *parent_kind(struct db *db, int64_t document_id, int64_t parent, char kind[16])
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err;

	kind[0] = '\0';
	if (parent == 0)
		return STATUS_OK;
	err = db_stmt(db, "SELECT kind FROM sections WHERE id = ?1 AND document_id = ?2", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, parent);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, document_id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		snprintf(kind, 16, "%s", db_text(st, 0));
	db_done(st);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose a part or group of this document to put it in.");
	if (err == STATUS_OK && strcmp(kind, "section") == 0)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "A section can only go in a part or a group, not in another section.");
	return nerr_pass(err);
}

NEOERR *publish_create_section(struct db *db, int64_t document_id, int64_t parent, int64_t after,
			       const char *slug, const char *title, int64_t *id)
{
	struct db_stmt *st = NULL;
	char kind[16];
	int row = 0;
	NEOERR *err = parent_kind(db, document_id, parent, kind);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_stmt(db, "SELECT 1 FROM sections WHERE document_id = ?1 AND slug = ?2", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	db_done(st);
	if (err == STATUS_OK && row)
		err = nerr_raise(HR_ERR_CONFLICT, "This document already has a section at that address.");
	if (err == STATUS_OK)
		err = db_stmt(db, "INSERT INTO sections(document_id, parent_id, kind, slug, sort, toc_title, retired) "
			      "VALUES (?1, ?2, 'section', ?3, 0, ?4, 1) RETURNING id", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	if (err == STATUS_OK && parent) err = db_bind_int(db, st, 2, parent);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, title);
	if (err == STATUS_OK)
		err = db_insert(db, st, id);
	else
		db_done(st);
	if (err == STATUS_OK) {
		err = renumber(db, document_id, *id, parent, after);
	}
	return nerr_pass(err);
}

NEOERR *publish_create_term(struct db *db, const char *slug, int64_t *id)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT 1 FROM glossary_terms WHERE slug = ?1", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	db_done(st);
	if (err == STATUS_OK && row)
		err = nerr_raise(HR_ERR_CONFLICT, "The glossary already has a term at that address.");
	if (err == STATUS_OK)
		err = db_stmt(db, "INSERT INTO glossary_terms(slug, sort, retired) "
			      "VALUES (?1, (SELECT COALESCE(max(sort), 0) + 10 FROM glossary_terms), 1) RETURNING id", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, slug);
	if (err == STATUS_OK)
		err = db_insert(db, st, id);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *publish_move(struct db *db, const struct publish_item *it, int64_t parent, int64_t after)
{
	char kind[16];
	NEOERR *err;

	if (it->kind != PUBLISH_SECTION)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Only sections have a place in a document.");
	if (parent == it->id)
		return nerr_raise(HR_ERR_BAD_REQUEST, "A section cannot go inside itself.");
	err = parent_kind(db, it->document_id, parent, kind);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* Parts stay at the top; groups go at the top or in a part. */
	if (strcmp(it->section_kind, "part") == 0 && parent != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "A part stays at the top level of its document.");
	if (strcmp(it->section_kind, "group") == 0 && strcmp(kind, "group") == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "A group can go in a part, not in another group.");
	return nerr_pass(renumber(db, it->document_id, it->id, parent, after));
}

NEOERR *publish_set_retired(struct db *db, const struct publish_item *it, int retired)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = STATUS_OK;

	if (!retired && it->latest == 0)
		return nerr_raise(HR_ERR_CONFLICT, "Nothing of this has been published yet: publish a first version instead.");
	if (retired && it->kind == PUBLISH_SECTION) {
		err = db_stmt(db, "SELECT count(*) FROM sections WHERE parent_id = ?1 AND retired = 0", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		if (err == STATUS_OK && row && db_int(st, 0) > 0)
			err = nerr_raise(HR_ERR_CONFLICT, "Sections are still filed under this one: move or retire them first.");
		db_done(st);
	}
	if (err == STATUS_OK)
		err = db_stmt(db, it->kind == PUBLISH_SECTION ? "UPDATE sections SET retired = ?2 WHERE id = ?1"
							      : "UPDATE glossary_terms SET retired = ?2 WHERE id = ?1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, it->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, retired ? 1 : 0);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = publish_reindex(db, it);
	return nerr_pass(err);
}
