#include "publish/publish.h"
#include "publish/publish_internal.h"

#include <stdint.h>
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
#include "store/publishing.h"

/* ---- Finding items ------------------------------------------------------------- */

enum store_item publish_store_kind(enum publish_kind kind)
{
	return kind == PUBLISH_SECTION ? STORE_ITEM_SECTION : STORE_ITEM_TERM;
}

static void item_from_store(enum publish_kind kind, const struct store_publishing_item *s, struct publish_item *out)
{
	memset(out, 0, sizeof *out);
	out->kind = kind;
	out->id = s->id;
	out->document_id = s->document_id;
	snprintf(out->doc_slug, sizeof out->doc_slug, "%s", s->doc_slug);
	snprintf(out->slug, sizeof out->slug, "%s", s->slug);
	snprintf(out->section_kind, sizeof out->section_kind, "%s", s->section_kind);
	snprintf(out->title, sizeof out->title, "%s", s->title);
	out->latest = s->latest;
	snprintf(out->latest_date, sizeof out->latest_date, "%s", s->latest_date);
	out->retired = s->retired;
}

NEOERR *publish_find_section(struct db *db, const char *doc_slug, const char *slug, struct publish_item *out)
{
	struct store_publishing_item s;
	int found = 0;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	out->kind = PUBLISH_SECTION;
	if (doc_slug == NULL || slug == NULL || strlen(slug) > PUBLISH_MAX_SLUG + 40)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	err = store_publishing_section_find(db, doc_slug, slug, &s, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no section at this address.");
	if (err == STATUS_OK)
		item_from_store(PUBLISH_SECTION, &s, out);
	return nerr_pass(err);
}

NEOERR *publish_find_term(struct db *db, const char *slug, struct publish_item *out)
{
	struct store_publishing_item s;
	int found = 0;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	out->kind = PUBLISH_TERM;
	if (slug == NULL || strlen(slug) > PUBLISH_MAX_SLUG + 40)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no glossary term at this address.");
	err = store_publishing_term_find(db, slug, &s, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no glossary term at this address.");
	if (err == STATUS_OK)
		item_from_store(PUBLISH_TERM, &s, out);
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
			snprintf(msg, msgsz,
				 "Line %d of the legal references is too long: write one reference per line.", line_no);
			return -1;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p = eol ? eol + 1 : p + strlen(p);
		if (len == 0)
			continue;
		got = citation_parse(line, found, sizeof found / sizeof found[0], &complete);
		if (got == 0 || !complete) {
			snprintf(msg, msgsz,
				 "Line %d (\"%.60s\") is not a legal reference the portal understands. Write "
				 "one per line, for example KRS 18A.095, 101 KAR 2:102, Section 3, 29 U.S.C. § 2601 or "
				 "EO 2014-747.",
				 line_no, line);
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

int publish_check(const struct publish_form *f, enum publish_kind kind, enum publish_check_mode mode, const char *today,
		  const char *latest_date, struct publish_errors *e, struct publish_text *out)
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
			snprintf(e->date_buf, sizeof e->date_buf,
				 "The effective date cannot be in the past (today is %s): "
				 "the handbook as of an earlier date stays as it was.",
				 today);
			e->effective_date = e->date_buf;
		} else if (e->effective_date == NULL && latest_date && *latest_date && strcmp(date, latest_date) < 0) {
			snprintf(e->date_buf, sizeof e->date_buf,
				 "The newest version takes effect on %s; a newer "
				 "version cannot take effect before it.",
				 latest_date);
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

/* Is saving f by user_id refused? (Inside the write transaction.) */
static NEOERR *conflict_check(struct db *db, const struct publish_item *it, int64_t user_id,
			      const struct publish_form *f, struct publish_conflict *c)
{
	struct store_publishing_text other, base;
	int latest = 0, found = 0;
	NEOERR *err;

	memset(c, 0, sizeof *c);
	err = store_publishing_latest(db, publish_store_kind(it->kind), it->id, &latest, NULL);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (f->base < 0 || f->base > latest)
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "This form names a version that does not exist. Open the editor again.");
	if (latest > f->base) {
		c->kind = CONFLICT_VERSION;
		c->latest = latest;
		err = store_publishing_version_get(db, publish_store_kind(it->kind), it->id, latest, &other, &found);
		if (err == STATUS_OK && found) {
			c->other_title = other.title;
			c->other_body = other.body;
			snprintf(c->who, sizeof c->who, "%s", other.who);
			snprintf(c->when, sizeof c->when, "%s", other.when);
		}
		if (err == STATUS_OK && f->base > 0) {
			err = store_publishing_version_get(db, publish_store_kind(it->kind), it->id, f->base, &base,
							   &found);
			free(base.title);
			c->base_body = base.body;
		}
		if (err == STATUS_OK && c->base_body == NULL)
			c->base_body = strdup("");
		if (err == STATUS_OK && c->base_body == NULL)
			err = nerr_raise(NERR_NOMEM, "conflict");
		return nerr_pass(err);
	}
	err = store_publishing_draft_newer(db, publish_store_kind(it->kind), it->id, user_id, f->seen, &other, &found);
	if (err == STATUS_OK && found) {
		c->kind = CONFLICT_DRAFT;
		c->latest = latest;
		c->other_title = other.title;
		c->other_body = other.body;
		snprintf(c->who, sizeof c->who, "%s", other.who);
		snprintf(c->when, sizeof c->when, "%s", other.when);
	}
	return nerr_pass(err);
}

/* ---- Drafts ------------------------------------------------------------------------ */

NEOERR *publish_draft_seq(struct db *db, int64_t *seq)
{
	int64_t v = 0;
	NEOERR *err = store_publishing_draft_seq(db, &v);

	*seq = v;
	return nerr_pass(err);
}

/* Save user_id's draft of the item (inside the caller's transaction); *seq
 * gets the save's counter value. */
NEOERR *publish_save_draft(struct db *db, const struct publish_item *it, int64_t user_id, const struct publish_form *f,
			   time_t now, int64_t *seq)
{
	char at[21];
	int64_t next = 0;
	NEOERR *err = store_publishing_draft_seq_next(db, &next);
	struct store_publishing_draft d = {
		.base_version = f->base,
		.title = f->title ? f->title : "",
		.body_md = f->body ? f->body : "",
		.citations = f->citations ? f->citations : "",
		.summary = f->summary ? f->summary : "",
		.effective_date = f->effective_date ? f->effective_date : "",
		.material = f->material,
		.updated_at = at,
	};

	*seq = next;
	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, at);
	d.seq = next;
	return nerr_pass(store_publishing_draft_put(db, publish_store_kind(it->kind), it->id, user_id, &d));
}

static NEOERR *hdf_setf(HDF *hdf, const char *prefix, const char *name, const char *value)
{
	char key[160];

	snprintf(key, sizeof key, "%s.%s", prefix, name);
	return nerr_pass(hdf_set_value(hdf, key, value ? value : ""));
}

static NEOERR *hdf_set_int(HDF *hdf, const char *prefix, const char *name, int value)
{
	char v[16];

	snprintf(v, sizeof v, "%d", value);
	return nerr_pass(hdf_setf(hdf, prefix, name, v));
}

/* A stored UTC time as people read it everywhere: the portal's time zone. */
static NEOERR *hdf_set_time(HDF *hdf, const char *prefix, const char *name, const char *iso)
{
	char when[32];

	reqview_local_time(iso, when);
	return nerr_pass(hdf_setf(hdf, prefix, name, when));
}

struct to_hdf {
	HDF *hdf;
	const char *prefix;
	int n;
	int *found;
};

static NEOERR *draft_to_hdf(void *ctx, const struct store_publishing_draft *d)
{
	struct to_hdf *h = ctx;
	NEOERR *err = hdf_set_int(h->hdf, h->prefix, "Base", d->base_version);

	*h->found = 1;
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, h->prefix, "Title", d->title);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, h->prefix, "Body", d->body_md);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, h->prefix, "Citations", d->citations);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, h->prefix, "Summary", d->summary);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, h->prefix, "EffectiveDate", d->effective_date);
	if (err == STATUS_OK && d->material)
		err = hdf_setf(h->hdf, h->prefix, "Material", "1");
	if (err == STATUS_OK)
		err = hdf_set_time(h->hdf, h->prefix, "Updated", d->updated_at);
	return nerr_pass(err);
}

/* The citations of a stored version, one per line, as printed. */
static NEOERR *cite_line(void *ctx, const struct store_citation *c)
{
	return nerr_pass(string_appendf(ctx, "%s\n", c->cite));
}

NEOERR *publish_load_for_edit(struct db *db, const struct publish_item *it, int64_t user_id, HDF *hdf,
			      const char *prefix, int *has_draft)
{
	struct to_hdf h = { hdf, prefix, 0, has_draft };
	struct store_publishing_text v;
	int found = 0;
	NEOERR *err;

	*has_draft = 0;
	err = store_publishing_draft_get(db, publish_store_kind(it->kind), it->id, user_id, draft_to_hdf, &h);
	if (err != STATUS_OK || *has_draft)
		return nerr_pass(err);

	/* No draft: the newest version (nothing for a new item). */
	err = hdf_set_valuef(hdf, "%s.Base=%d", prefix, it->latest);
	if (err != STATUS_OK || it->latest == 0)
		return nerr_pass(err);
	err = store_publishing_version_get(db, publish_store_kind(it->kind), it->id, it->latest, &v, &found);
	if (err != STATUS_OK || !found)
		return nerr_pass(err);
	err = hdf_setf(hdf, prefix, "Title", v.title);
	if (err == STATUS_OK)
		err = hdf_setf(hdf, prefix, "Body", v.body);
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
		STRING s;

		string_init(&s);
		err = store_publishing_citations(db, v.id, cite_line, &s);
		if (err == STATUS_OK)
			err = hdf_setf(hdf, prefix, "Citations", s.buf ? s.buf : "");
		string_clear(&s);
	}
	store_publishing_text_free(&v);
	return nerr_pass(err);
}

static NEOERR *other_draft_to_hdf(void *ctx, const struct store_publishing_draft_row *r)
{
	struct to_hdf *h = ctx;
	char p[96];
	NEOERR *err;

	snprintf(p, sizeof p, "%s.%d", h->prefix, h->n++);
	err = hdf_setf(h->hdf, p, "Name", r->name);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Login", r->login);
	if (err == STATUS_OK)
		err = hdf_set_time(h->hdf, p, "Updated", r->updated_at);
	if (err == STATUS_OK)
		err = hdf_set_int(h->hdf, p, "Base", r->base_version);
	return nerr_pass(err);
}

NEOERR *publish_other_drafts(struct db *db, const struct publish_item *it, int64_t user_id, HDF *hdf,
			     const char *prefix)
{
	struct to_hdf h = { hdf, prefix, 0, NULL };

	return nerr_pass(store_publishing_drafts_of_others(db, publish_store_kind(it->kind), it->id, user_id,
							   other_draft_to_hdf, &h));
}

static NEOERR *any_draft_to_hdf(void *ctx, const struct store_publishing_draft_row *r)
{
	struct to_hdf *h = ctx;
	char p[96], url[300];
	int section = r->kind == STORE_ITEM_SECTION;
	NEOERR *err;

	if (section)
		snprintf(url, sizeof url, "/admin/sections/%s/%s", r->doc_slug, r->slug);
	else
		snprintf(url, sizeof url, "/admin/glossary/%s", r->slug);
	snprintf(p, sizeof p, "%s.%d", h->prefix, h->n++);
	err = hdf_setf(h->hdf, p, "Kind", section ? "Section" : "Glossary term");
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "EditUrl", url);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Title", r->title);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Name", r->name);
	if (err == STATUS_OK)
		err = hdf_set_time(h->hdf, p, "Updated", r->updated_at);
	return nerr_pass(err);
}

NEOERR *publish_all_drafts(struct db *db, HDF *hdf, const char *prefix)
{
	struct to_hdf h = { hdf, prefix, 0, NULL };

	return nerr_pass(store_publishing_drafts_all(db, any_draft_to_hdf, &h));
}

static NEOERR *upcoming_to_hdf(void *ctx, const struct store_publishing_version_row *r)
{
	struct to_hdf *h = ctx;
	char p[96], url[300];
	NEOERR *err;

	snprintf(url, sizeof url, "/admin/sections/%s/%s", r->doc_slug, r->slug);
	snprintf(p, sizeof p, "%s.%d", h->prefix, h->n++);
	err = hdf_setf(h->hdf, p, "EditUrl", url);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Title", r->title);
	if (err == STATUS_OK)
		err = hdf_set_int(h->hdf, p, "Version", r->version);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "EffectiveDate", r->effective_date);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Summary", r->summary);
	return nerr_pass(err);
}

NEOERR *publish_upcoming(struct db *db, const char *today, HDF *hdf, const char *prefix)
{
	struct to_hdf h = { hdf, prefix, 0, NULL };

	return nerr_pass(store_publishing_upcoming(db, today, upcoming_to_hdf, &h));
}

static NEOERR *version_to_hdf(void *ctx, const struct store_publishing_version_row *r)
{
	struct to_hdf *h = ctx;
	char p[96];
	NEOERR *err;

	snprintf(p, sizeof p, "%s.%d", h->prefix, h->n++);
	err = hdf_set_int(h->hdf, p, "Version", r->version);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Title", r->title);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "EffectiveDate", r->effective_date);
	if (err == STATUS_OK)
		err = hdf_set_time(h->hdf, p, "PublishedAt", r->published_at);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "PublishedBy", r->published_by);
	if (err == STATUS_OK)
		err = hdf_setf(h->hdf, p, "Summary", r->summary);
	return nerr_pass(err);
}

NEOERR *publish_versions(struct db *db, const struct publish_item *it, HDF *hdf, const char *prefix)
{
	struct to_hdf h = { hdf, prefix, 0, NULL };

	return nerr_pass(store_publishing_versions(db, publish_store_kind(it->kind), it->id, version_to_hdf, &h));
}

/* ---- Publishing ------------------------------------------------------------------- */

NEOERR *publish_then_run(struct db *db, db_tx_fn then, void *then_ctx)
{
	return then ? nerr_pass(then(db, then_ctx)) : STATUS_OK;
}

/* After a version is written: a new item appears, the editor's draft goes,
 * a material change re-opens acknowledgements, search follows. */
static NEOERR *after_publish(struct db *db, const struct publish_item *it, int64_t user_id, int version,
			     const char *title, int material, time_t now)
{
	NEOERR *err = STATUS_OK;

	if (it->latest == 0 && it->retired)
		err = store_publishing_unhide(db, publish_store_kind(it->kind), it->id, title);
	if (err == STATUS_OK)
		err = store_publishing_draft_delete(db, publish_store_kind(it->kind), it->id, user_id);
	if (err == STATUS_OK && material && it->kind == PUBLISH_SECTION) {
		char at[21];

		iso_time_format(now, at);
		err = store_publishing_campaigns_reopen(db, it->id, version, at);
	}
	if (err == STATUS_OK)
		err = publish_reindex(db, it);
	return nerr_pass(err);
}

/* Write version latest+1 of the item from a checked form (inside the
 * caller's transaction, after conflict_check). */
static NEOERR *write_version(struct db *db, const struct publish_item *it, int64_t user_id, const char *by,
			     const struct publish_form *f, const struct publish_text *t, time_t now, int *version)
{
	char at[21];
	int latest = 0;
	int64_t version_id = 0;
	NEOERR *err = store_publishing_latest(db, publish_store_kind(it->kind), it->id, &latest, NULL);
	struct store_publishing_new_version v = {
		.title = f->title,
		.body_md = f->body ? f->body : "",
		.html = t->html ? t->html : "",
		.text = t->text ? t->text : "",
		.effective_date = f->effective_date,
		.published_at = at,
		.published_by = by,
		.summary = f->summary,
	};

	if (err != STATUS_OK)
		return nerr_pass(err);
	*version = v.version = latest + 1;
	iso_time_format(now, at);
	err = store_publishing_version_add(db, publish_store_kind(it->kind), it->id, &v, &version_id);
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
		struct store_citation c[PUBLISH_MAX_CITATIONS];
		size_t n = t->n_citations < PUBLISH_MAX_CITATIONS ? t->n_citations : PUBLISH_MAX_CITATIONS;

		for (size_t i = 0; i < n; i++)
			c[i] = (struct store_citation){ t->citations[i].cite,   t->citations[i].code,
							t->citations[i].title,  t->citations[i].chapter,
							t->citations[i].number, t->citations[i].subsection,
							t->citations[i].raw };
		err = store_publishing_citations_add(db, version_id, c, n);
	}
	if (err == STATUS_OK)
		err = after_publish(db, it, user_id, *version, f->title, f->material, now);
	return nerr_pass(err);
}

struct save {
	const struct publish_item *it;
	int64_t user_id;
	const char *by;
	const struct publish_form *f;
	const struct publish_text *t;
	time_t now;
	db_tx_fn then;
	void *then_ctx;
	struct publish_conflict *c;
	int *version;
	int64_t *seq;
};

static NEOERR *save_in_tx(struct db *db, void *ctx)
{
	struct save *s = ctx;
	NEOERR *err = conflict_check(db, s->it, s->user_id, s->f, s->c);

	/* A refused save writes nothing: the transaction commits empty. */
	if (err != STATUS_OK || s->c->kind != CONFLICT_NONE)
		return nerr_pass(err);
	if (s->t != NULL)
		err = write_version(db, s->it, s->user_id, s->by, s->f, s->t, s->now, s->version);
	else
		err = publish_save_draft(db, s->it, s->user_id, s->f, s->now, s->seq);
	if (err == STATUS_OK)
		err = publish_then_run(db, s->then, s->then_ctx);
	return nerr_pass(err);
}

NEOERR *publish_save(struct db *db, const struct publish_item *it, int64_t user_id, const char *by,
		     const struct publish_form *f, const struct publish_text *t, time_t now, db_tx_fn then,
		     void *then_ctx, struct publish_conflict *c, int *version, int64_t *seq)
{
	struct save s = { it, user_id, by, f, t, now, then, then_ctx, c, version, seq };

	memset(c, 0, sizeof *c);
	*version = 0;
	*seq = 0;
	return nerr_pass(db_tx(db, save_in_tx, &s));
}

struct rollback {
	const struct publish_item *it;
	int64_t user_id;
	const char *by, *summary, *effective_date;
	int from, base;
	time_t now;
	db_tx_fn then;
	void *then_ctx;
	int *version;
};

static NEOERR *rollback_in_tx(struct db *db, void *ctx)
{
	struct rollback *r = ctx;
	const struct publish_item *it = r->it;
	char at[21];
	int latest = 0;
	NEOERR *err = store_publishing_latest(db, publish_store_kind(it->kind), it->id, &latest, NULL);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (r->base != it->latest)
		return nerr_raise(HR_ERR_CONFLICT, "A newer version was published while you were looking: open the "
						   "editor again and check it before rolling back.");
	if (r->from < 1 || r->from > latest)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no version %d to roll back to.", r->from);
	*r->version = latest + 1;
	iso_time_format(r->now, at);
	err = store_publishing_version_copy(db, publish_store_kind(it->kind), it->id, r->from, *r->version,
					    r->effective_date, at, r->by, r->summary);
	/* A rollback restores old text: it is never a "material" change by
	 * itself (HR can publish again and say so). */
	if (err == STATUS_OK)
		err = after_publish(db, it, r->user_id, *r->version, it->title, 0, r->now);
	if (err == STATUS_OK)
		err = publish_then_run(db, r->then, r->then_ctx);
	return nerr_pass(err);
}

NEOERR *publish_rollback(struct db *db, const struct publish_item *it, int64_t user_id, const char *by, int from,
			 int base, const char *summary, const char *effective_date, time_t now, db_tx_fn then,
			 void *then_ctx, int *version)
{
	struct rollback r = { it, user_id, by, summary, effective_date, from, base, now, then, then_ctx, version };

	*version = 0;
	return nerr_pass(db_tx(db, rollback_in_tx, &r));
}

NEOERR *publish_reindex(struct db *db, const struct publish_item *it)
{
	/* The index rows carry each version's dates in effect, so a version
	 * published for a later date is found from that date on by itself. */
	NEOERR *err = it->kind == PUBLISH_SECTION ? search_reindex_section(db, it->id)
						  : search_reindex_term(db, it->id);

	if (err == STATUS_OK)
		err = search_index_flush(db);
	return nerr_pass(err);
}
