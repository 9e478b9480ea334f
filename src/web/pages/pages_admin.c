/* Publishing pages: the dashboard, documents, the section and glossary
 * editors (drafts, preview, publish, conflicts, rollback, move, retire) and
 * the audit log. See pages_admin.h for the addresses. */
#include "web/pages/pages_admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/ackcamp.h"
#include "publish/announce.h"
#include "web/app.h"
#include "web/audit.h"
#include "content/content.h"
#include "web/csrf.h"
#include "core/diff.h"
#include "core/errors.h"
#include "content/glossary.h"
#include "publish/impact.h"
#include "core/log.h"
#include "content/markdown.h"
#include "web/pages/pages.h"
#include "web/pages/pagekit.h"
#include "publish/publish.h"
#include "store/publishing.h"
#include "web/render.h"
#include "forms/reqview.h"
#include "core/isotime.h"
#include "core/utf8.h"





/* Browsers send textarea lines with CRLF: keep LF only, in the request's
 * own data, so what is stored and compared is what was typed. */
static void normalise_newlines(struct request *req, const char *name)
{
	const char *v = request_param(req, name);
	char key[96], *copy, *w;

	if (v == NULL || strchr(v, '\r') == NULL)
		return;
	copy = malloc(strlen(v) + 1);
	if (copy == NULL)
		return;
	w = copy;
	for (const char *p = v; *p; p++)
		if (!(*p == '\r' && p[1] == '\n'))
			*w++ = *p == '\r' ? '\n' : *p;
	*w = '\0';
	snprintf(key, sizeof key, "Query.%s", name);
	/* hdf_set_buf takes ownership of copy. */
	if (hdf_set_buf(req->hdf, key, copy) != STATUS_OK)
		free(copy);
}

static int parse_int(const char *s, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s < '0' || *s > '9' || strlen(s) > 18)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

static NEOERR *set_errors(struct request *req, const struct publish_errors *e)
{
	NEOERR *err = STATUS_OK;

	if (e->title) err = hdf_set_value(req->hdf, "Edit.Errors.Title", e->title);
	if (err == STATUS_OK && e->body) err = hdf_set_value(req->hdf, "Edit.Errors.Body", e->body);
	if (err == STATUS_OK && e->citations) err = hdf_set_value(req->hdf, "Edit.Errors.Citations", e->citations);
	if (err == STATUS_OK && e->summary) err = hdf_set_value(req->hdf, "Edit.Errors.Summary", e->summary);
	if (err == STATUS_OK && e->effective_date)
		err = hdf_set_value(req->hdf, "Edit.Errors.EffectiveDate", e->effective_date);
	if (err == STATUS_OK && e->count) err = hdf_set_int_value(req->hdf, "Edit.Errors.Count", e->count);
	return nerr_pass(err);
}

/* The item's addresses in the admin pages. */
static void item_admin_path(const struct publish_item *it, char *out, size_t size)
{
	if (it->kind == PUBLISH_SECTION)
		snprintf(out, size, "/admin/sections/%s/%s", it->doc_slug, it->slug);
	else
		snprintf(out, size, "/admin/glossary/%s", it->slug);
}

static NEOERR *find_item(struct request *req, enum publish_kind kind, struct publish_item *it)
{
	if (kind == PUBLISH_SECTION)
		return nerr_pass(publish_find_section(req->app->db, req->args[0], req->args[1], it));
	return nerr_pass(publish_find_term(req->app->db, req->args[0], it));
}

/* ---- The document's structure (for the document page and the move form) ----------- */

struct toc_row {
	int64_t id, parent;
	char kind[16];
	char slug[128];
	char title[256];
	int retired, latest, depth;
};

struct structure {
	struct toc_row *rows;
	size_t n, cap;
};

static NEOERR *structure_add(void *ctx, const struct store_publishing_section_row *row)
{
	struct structure *t = ctx;
	struct toc_row *r;

	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 128;
		struct toc_row *nr = realloc(t->rows, ncap * sizeof *t->rows);

		if (nr == NULL)
			return nerr_raise(NERR_NOMEM, "document structure");
		t->rows = nr;
		t->cap = ncap;
	}
	r = &t->rows[t->n++];
	r->id = row->id;
	r->parent = row->parent;
	snprintf(r->kind, sizeof r->kind, "%s", row->kind);
	snprintf(r->slug, sizeof r->slug, "%s", row->slug);
	snprintf(r->title, sizeof r->title, "%s", row->title);
	r->retired = row->retired;
	r->latest = row->latest;
	r->depth = 0;
	for (size_t k = 0; k + 1 < t->n; k++)
		if (t->rows[k].id == r->parent) {
			r->depth = t->rows[k].depth + 1;
			break;
		}
	return STATUS_OK;
}

static NEOERR *load_structure(struct db *db, int64_t document_id, struct toc_row **rows, size_t *n)
{
	struct structure t = { NULL, 0, 0 };
	NEOERR *err = store_publishing_sections(db, document_id, structure_add, &t);

	if (err != STATUS_OK) {
		free(t.rows);
		t.rows = NULL;
		t.n = 0;
	}
	*rows = t.rows;
	*n = t.n;
	return nerr_pass(err);
}

/* The places a section can go: "<parent>:<after>" with a label, for each
 * part and group (and the top level): its start, then after each of its
 * visible entries. moving (0: a new section) and its subtree are left out;
 * the moving section's own place is marked Selected. */
static NEOERR *place_options(struct request *req, const struct toc_row *rows, size_t n, int64_t moving,
			     const char *moving_kind, const char *prefix)
{
	int k = 0;
	NEOERR *err = STATUS_OK;
	int64_t cur_parent = 0, cur_after = 0;

	/* Where the moving section is now. */
	for (size_t i = 0; moving && i < n; i++) {
		if (rows[i].id != moving)
			continue;
		cur_parent = rows[i].parent;
		for (size_t j = 0; j < i; j++)
			if (rows[j].parent == cur_parent && rows[j].id != moving && !rows[j].retired)
				cur_after = rows[j].id;
	}
	for (long p = -1; p < (long)n && err == STATUS_OK; p++) {
		int64_t pid = p < 0 ? 0 : rows[p].id;
		const char *ptitle = p < 0 ? "the document" : rows[p].title;
		int inside = 0;
		char value[64], label[600];

		if (p >= 0) {
			if (rows[p].retired || strcmp(rows[p].kind, "section") == 0)
				continue;
			/* Not inside the moving section itself. */
			for (int64_t a = pid; a && !inside;) {
				size_t j;

				if (a == moving)
					inside = 1;
				for (j = 0; j < n && rows[j].id != a; j++)
					;
				a = j < n ? rows[j].parent : 0;
			}
			if (inside)
				continue;
			/* Parts stay at the top; groups do not go in groups. */
			if (moving_kind && strcmp(moving_kind, "part") == 0)
				continue;
			if (moving_kind && strcmp(moving_kind, "group") == 0 && strcmp(rows[p].kind, "group") == 0)
				continue;
		}
		snprintf(value, sizeof value, "%lld:0", (long long)pid);
		snprintf(label, sizeof label, "At the start of %s", ptitle);
		err = reqview_set(req->hdf, value, "%s.%d.Value", prefix, k);
		if (err == STATUS_OK) err = reqview_set(req->hdf, label, "%s.%d.Label", prefix, k);
		if (err == STATUS_OK && moving && cur_parent == pid && cur_after == 0)
			err = reqview_set(req->hdf, "1", "%s.%d.Selected", prefix, k);
		k++;
		for (size_t c = 0; c < n && err == STATUS_OK; c++) {
			if (rows[c].parent != pid || rows[c].retired || rows[c].id == moving)
				continue;
			snprintf(value, sizeof value, "%lld:%lld", (long long)pid, (long long)rows[c].id);
			if (p < 0)
				snprintf(label, sizeof label, "Top level, after %s", rows[c].title);
			else
				snprintf(label, sizeof label, "In %s, after %s", ptitle, rows[c].title);
			err = reqview_set(req->hdf, value, "%s.%d.Value", prefix, k);
			if (err == STATUS_OK) err = reqview_set(req->hdf, label, "%s.%d.Label", prefix, k);
			if (err == STATUS_OK && moving && cur_parent == pid && cur_after == rows[c].id)
				err = reqview_set(req->hdf, "1", "%s.%d.Selected", prefix, k);
			k++;
		}
	}
	return nerr_pass(err);
}

static int parse_place(const char *s, int64_t *parent, int64_t *after)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	char a[24];
	long long p = 0, q = 0;

	if (colon == NULL || (size_t)(colon - s) >= sizeof a)
		return -1;
	snprintf(a, sizeof a, "%.*s", (int)(colon - s), s);
	if (parse_int(a, (1LL << 53), &p) != 0 || parse_int(colon + 1, (1LL << 53), &q) != 0)
		return -1;
	*parent = p;
	*after = q;
	return 0;
}

/* ---- GET /admin ---------------------------------------------------------------- */

NEOERR *page_admin_home(struct request *req)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = content_documents(req->app->db, req->hdf, "Documents");
	if (err == STATUS_OK) err = publish_all_drafts(req->app->db, req->hdf, "Drafts");
	if (err == STATUS_OK) err = ackcamp_list(req->app->db, today, req->hdf, "Campaigns");
	if (err == STATUS_OK) err = announce_list(req->app->db, 5, req->hdf, "Announcements");
	if (err == STATUS_OK) err = publish_upcoming(req->app->db, today, req->hdf, "Upcoming");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "Publishing");
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/index.cs");
	return nerr_pass(err);
}

/* An audit row, written inside an action's transaction (its then). */
struct audit {
	struct request *req;
	const char *action, *target, *detail;
};

static NEOERR *audit_then(struct db *db, void *ctx)
{
	struct audit *a = ctx;

	(void)db;
	return nerr_pass(audit_record(a->req, a->action, a->target, a->detail));
}

/* ---- Documents ------------------------------------------------------------------ */

static NEOERR *document_page(struct request *req, const char *doc, int status)
{
	struct toc_row *rows = NULL;
	size_t n = 0;
	int64_t document_id = 0;
	int found = 0;
	char action[128];
	NEOERR *err = content_document(req->app->db, doc, req->hdf, "Document");

	if (err == STATUS_OK) err = store_publishing_document_id(req->app->db, doc, &document_id, &found);
	if (err == STATUS_OK)
		err = load_structure(req->app->db, document_id, &rows, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		char url[300];

		snprintf(url, sizeof url, "/admin/sections/%s/%s", doc, rows[i].slug);
		err = reqview_set(req->hdf, rows[i].title, "Rows.%zu.Title", i);
		if (err == STATUS_OK) err = reqview_set(req->hdf, rows[i].kind, "Rows.%zu.Kind", i);
		if (err == STATUS_OK) err = reqview_set(req->hdf, url, "Rows.%zu.EditUrl", i);
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Rows.%zu.Depth=%d", i, rows[i].depth);
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Rows.%zu.Latest=%d", i, rows[i].latest);
		if (err == STATUS_OK && rows[i].retired)
			err = reqview_set(req->hdf, rows[i].latest ? "retired" : "not yet published", "Rows.%zu.State", i);
	}
	if (err == STATUS_OK)
		err = place_options(req, rows, n, 0, NULL, "Places");
	snprintf(action, sizeof action, "/admin/documents/%s/sections", doc);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Create.Action", action);
	if (err == STATUS_OK) err = pagekit_form_token(req, action, "Create.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Edit: %s", hdf_get_value(req->hdf, "Document.Title", ""));
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/document.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	free(rows);
	return nerr_pass(err);
}

NEOERR *page_admin_document(struct request *req)
{
	return nerr_pass(document_page(req, req->args[0], 0));
}

NEOERR *page_admin_section_create(struct request *req)
{
	const char *doc = req->args[0];
	const char *title = request_param_or_empty(req, "title");
	const char *slug_in = request_param_or_empty(req, "slug");
	const char *place = request_param(req, "place");
	char slug[PUBLISH_MAX_SLUG + 1], path[256];
	int64_t parent = 0, after = 0, id = 0, document_id = 0;
	struct db *db = req->app->db;
	int found = 0;
	const char *problem = NULL, *field = NULL;
	NEOERR *err;

	err = store_publishing_document_id(db, doc, &document_id, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such document.");
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (*slug_in)
		snprintf(slug, sizeof slug, "%.80s", slug_in);
	else
		publish_slugify(title, slug, sizeof slug);
	if (*title == '\0' || strlen(title) > PUBLISH_MAX_TITLE || strchr(title, '\n')) {
		problem = "Give the new section a title (one line, at most 200 characters).";
		field = "Title";
	} else if (strlen(slug_in) > PUBLISH_MAX_SLUG || !publish_slug_ok(slug)) {
		problem = "The address may use lower-case letters, digits and single hyphens (at most 80).";
		field = "Slug";
	} else if (parse_place(place, &parent, &after) != 0) {
		problem = "Choose where the section goes.";
		field = "Place";
	}
	if (problem == NULL) {
		struct audit a = { req, "section.create", path, title };

		snprintf(path, sizeof path, "/%s/%s", doc, slug);
		err = publish_create_section(db, document_id, parent, after, slug, title, audit_then, &a, &id);
		if (err != STATUS_OK) {
			if (nerr_handle(&err, HR_ERR_CONFLICT)) {
				problem = "This document already has a section at that address: choose another.";
				field = "Slug";
			} else if (nerr_handle(&err, HR_ERR_BAD_REQUEST)) {
				problem = "A section cannot be placed there: choose another place.";
				field = "Place";
			} else {
				return nerr_pass(err);
			}
		}
	}
	if (problem != NULL) {
		char key[64];

		snprintf(key, sizeof key, "Create.Errors.%s", field);
		err = hdf_set_value(req->hdf, key, problem);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Create.Title", title);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Create.Slug", slug_in);
		if (err == STATUS_OK) err = document_page(req, doc, 422);
		return nerr_pass(err);
	}
	snprintf(path, sizeof path, "/admin/sections/%s/%s?created=1", doc, slug);
	return nerr_pass(request_redirect(req, path));
}

/* ---- The editor ------------------------------------------------------------------ */

/* The edit page. f: the submitted form to show again (NULL: load the
 * editor's draft or the newest version); e: its messages. */
static NEOERR *edit_page(struct request *req, const struct publish_item *it, const struct publish_form *f,
			 const struct publish_errors *e, int status)
{
	struct db *db = req->app->db;
	char today[11], action[300], path[300], url[400];
	long long seen = 0;
	int has_draft = 0;
	NEOERR *err;

	page_today(req, today);
	item_admin_path(it, action, sizeof action);
	publish_item_path(it, path, sizeof path);
	err = publish_draft_seq(db, &seen);
	if (err == STATUS_OK && f == NULL) {
		err = publish_load_for_edit(db, it, req->user.id, req->hdf, "Edit", &has_draft);
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Edit.Seen=%lld", seen);
		if (err == STATUS_OK && has_draft) err = hdf_set_value(req->hdf, "Edit.HasDraft", "1");
		/* A new section starts from the title it was created with. */
		if (err == STATUS_OK && !has_draft && it->latest == 0)
			err = hdf_set_value(req->hdf, "Edit.Title", it->title);
	} else if (err == STATUS_OK) {
		err = hdf_set_value(req->hdf, "Edit.Title", f->title ? f->title : "");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Body", f->body ? f->body : "");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Citations", f->citations ? f->citations : "");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Summary", f->summary ? f->summary : "");
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Edit.EffectiveDate", f->effective_date ? f->effective_date : "");
		if (err == STATUS_OK && f->material) err = hdf_set_value(req->hdf, "Edit.Material", "1");
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Edit.Base=%d", f->base);
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Edit.Seen=%lld", f->seen);
	}
	/* The date a new version would take effect, unless one was chosen. */
	if (err == STATUS_OK && *hdf_get_value(req->hdf, "Edit.EffectiveDate", "") == '\0')
		err = hdf_set_value(req->hdf, "Edit.EffectiveDate",
				    strcmp(it->latest_date, today) > 0 ? it->latest_date : today);
	if (err == STATUS_OK && e) err = set_errors(req, e);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Action", action);
	if (err == STATUS_OK) err = pagekit_form_token(req, action, "Edit.Csrf");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Kind", publish_kind_name(it->kind));
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Today", today);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.Title", it->title);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.Slug", it->slug);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.Path", path);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.SectionKind", it->section_kind);
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "Item.Latest", it->latest);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.LatestDate", it->latest_date);
	if (err == STATUS_OK && it->retired) err = hdf_set_value(req->hdf, "Item.Retired", "1");
	snprintf(url, sizeof url, "%s/preview", action);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.PreviewUrl", url);
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
		snprintf(url, sizeof url, "/%s/%s/history", it->doc_slug, it->slug);
		err = hdf_set_value(req->hdf, "Item.HistoryUrl", url);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.Document", it->doc_slug);
	}
	if (err == STATUS_OK) err = publish_other_drafts(db, it, req->user.id, req->hdf, "Edit.OtherDrafts");
	if (err == STATUS_OK) err = publish_versions(db, it, req->hdf, "Versions");
	/* Rollback and retire forms. */
	snprintf(url, sizeof url, "%s/rollback", action);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Rollback.Action", url);
	if (err == STATUS_OK) err = pagekit_form_token(req, url, "Rollback.Csrf");
	snprintf(url, sizeof url, "%s/retire", action);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Retire.Action", url);
	if (err == STATUS_OK) err = pagekit_form_token(req, url, "Retire.Csrf");
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
		struct toc_row *rows = NULL;
		size_t n = 0;
		char *html = NULL, *text = NULL;
		const char *body = hdf_get_value(req->hdf, "Edit.Body", "");
		NEOERR *merr;

		snprintf(url, sizeof url, "%s/move", action);
		err = hdf_set_value(req->hdf, "Move.Action", url);
		if (err == STATUS_OK) err = pagekit_form_token(req, url, "Move.Csrf");
		if (err == STATUS_OK) err = load_structure(db, it->document_id, &rows, &n);
		if (err == STATUS_OK) err = place_options(req, rows, n, it->id, it->section_kind, "Move.Places");
		free(rows);
		/* Change impact, on the text being edited. */
		merr = markdown_render(body, strlen(body), &html, &text);
		if (merr != STATUS_OK)
			nerr_ignore(&merr);
		if (err == STATUS_OK)
			err = impact_section(db, it->doc_slug, it->slug, it->id, html ? html : "", today, req->hdf, "Impact");
		free(html);
		free(text);
	}
	if (err == STATUS_OK && request_param(req, "saved")) err = hdf_set_value(req->hdf, "Edit.Saved", "1");
	if (err == STATUS_OK && request_param(req, "created")) err = hdf_set_value(req->hdf, "Edit.Created", "1");
	if (err == STATUS_OK && request_param(req, "moved")) err = hdf_set_value(req->hdf, "Edit.Moved", "1");
	if (err == STATUS_OK && request_param(req, "retired")) err = hdf_set_value(req->hdf, "Edit.RetiredNow", "1");
	if (err == STATUS_OK && request_param(req, "restored")) err = hdf_set_value(req->hdf, "Edit.Restored", "1");
	if (err == STATUS_OK && request_param(req, "published")) {
		long long v = 0;

		if (parse_int(request_param(req, "published"), 99999, &v) == 0)
			err = hdf_set_valuef(req->hdf, "Edit.Published=%lld", v);
		/* Say what the publish did, including what it did not do: an
		 * announcement nobody was subscribed to, a material change with
		 * no campaign to re-open, a date still to come. */
		if (err == STATUS_OK && parse_int(request_param_or_empty(req, "announced"), 10000000, &v) == 0)
			err = hdf_set_valuef(req->hdf, "Edit.Announced.Count=%lld", v);
		if (err == STATUS_OK && request_param(req, "material"))
			err = hdf_set_value(req->hdf, "Edit.PublishedMaterial", "1");
		if (err == STATUS_OK && strcmp(it->latest_date, today) > 0)
			err = hdf_set_value(req->hdf, "Edit.TakesEffect", it->latest_date);
	}
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Edit: %s", *it->title ? it->title : it->slug);
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/edit.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_admin_section_edit(struct request *req)
{
	struct publish_item it;
	NEOERR *err = find_item(req, PUBLISH_SECTION, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(edit_page(req, &it, NULL, NULL, 0));
}

NEOERR *page_admin_term_edit(struct request *req)
{
	struct publish_item it;
	NEOERR *err = find_item(req, PUBLISH_TERM, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(edit_page(req, &it, NULL, NULL, 0));
}

/* The 409 page: what the other editor did, compared with what this one
 * wrote, and this editor's text in a form based on the newest state. */
static NEOERR *conflict_page(struct request *req, const struct publish_item *it, const struct publish_form *f,
			     const struct publish_conflict *c)
{
	STRING theirs, mine;
	struct diff_stats s1, s2;
	char when[32], action[300];
	long long seen = 0;
	NEOERR *err;

	string_init(&theirs);
	string_init(&mine);
	reqview_local_time(c->when, when);
	item_admin_path(it, action, sizeof action);
	/* Version conflict: what changed from the edit's starting point to
	 * the newest version. Draft conflict: their draft against this text. */
	if (c->kind == CONFLICT_VERSION)
		err = diff_html(c->base_body ? c->base_body : "", c->other_body, &theirs, &s1);
	else
		err = diff_html(f->body ? f->body : "", c->other_body, &theirs, &s1);
	if (err == STATUS_OK) err = diff_html(c->other_body, f->body ? f->body : "", &mine, &s2);
	if (err == STATUS_OK) err = publish_draft_seq(req->app->db, &seen);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.Kind", c->kind == CONFLICT_VERSION ? "version" : "draft");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.Who", c->who);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.When", when);
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "Conflict.Latest", c->latest);
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "Conflict.Base", f->base);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.TheirTitle", c->other_title);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.TheirsHtml", theirs.buf ? theirs.buf : "");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.MineHtml", mine.buf ? mine.buf : "");
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "Conflict.TheirsAdded", (int)s1.words_added);
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "Conflict.TheirsRemoved", (int)s1.words_removed);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Conflict.TheirBody", c->other_body);
	/* The form again, with this editor's text, now based on what exists. */
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Title", f->title ? f->title : "");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Body", f->body ? f->body : "");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Citations", f->citations ? f->citations : "");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Summary", f->summary ? f->summary : "");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.EffectiveDate", f->effective_date ? f->effective_date : "");
	if (err == STATUS_OK && f->material) err = hdf_set_value(req->hdf, "Edit.Material", "1");
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "Edit.Base", c->latest);
	if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Edit.Seen=%lld", seen);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Action", action);
	if (err == STATUS_OK) err = pagekit_form_token(req, action, "Edit.Csrf");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Edit.Kind", publish_kind_name(it->kind));
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Item.Title", it->title);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Someone else changed %s", *it->title ? it->title : it->slug);
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/conflict.cs");
	if (err == STATUS_OK)
		req->status = 409;
	string_clear(&theirs);
	string_clear(&mine);
	return nerr_pass(err);
}

/* Publishing a section may announce it with the "policy change" template,
 * in the same transaction. *announced gets the recipients (-1: none). */
static NEOERR *announce_change(struct request *req, const struct publish_item *it, const char *new_title,
			       const char *summary, int *announced)
{
	struct announce_template t;
	struct announce_input in;
	char *md = NULL, *html = NULL, *text = NULL, title[300];
	int64_t id = 0;
	NEOERR *err;

	*announced = -1;
	if (request_param(req, "announce") == NULL || strcmp(request_param(req, "announce"), "1") != 0)
		return STATUS_OK;
	err = announce_template_load(req->app->db, "policy-change", &t);
	if (err != STATUS_OK)
		return nerr_pass(err);
	memset(&in, 0, sizeof in);
	snprintf(title, sizeof title, "Policy change: %s", new_title);
	in.tmpl = &t;
	in.title = title;
	in.section_id = it->id;
	in.audience = "subscribers";
	for (size_t i = 0; i < t.n_fields; i++) {
		if (strcmp(t.fields[i].name, "what_changed") == 0)
			in.values[i] = summary;
		else if (strcmp(t.fields[i].name, "action") == 0)
			in.values[i] = request_param_or_empty(req, "announce_action");
		else
			in.values[i] = "";
	}
	err = announce_render(req->app->db, req->settings, &in, &md, &html, &text);
	if (err == STATUS_OK)
		err = announce_publish(req->app->db, req->settings, &in, md, html, text, req->remote_user, req->now, &id,
				       announced);
	if (err == STATUS_OK) {
		char target[64], detail[400];

		snprintf(target, sizeof target, "/whats-new#announcement-%lld", (long long)id);
		snprintf(detail, sizeof detail, "%s (%d recipients)", title, *announced);
		err = audit_record(req, "announcement.publish", target, detail);
	}
	free(md);
	free(html);
	free(text);
	announce_template_free(&t);
	return nerr_pass(err);
}

/* What a save or publish adds to its transaction: the audit row and, for
 * a section published with "announce", the announcement. */
struct item_then {
	struct request *req;
	const struct publish_item *it;
	const struct publish_form *f;
	int autosave;
	const char *target;
	const int *version;
	int *announced;
};

static NEOERR *item_saved(struct db *db, void *ctx)
{
	struct item_then *h = ctx;
	const struct publish_form *f = h->f;
	int section = h->it->kind == PUBLISH_SECTION;
	char detail[600];
	NEOERR *err;

	(void)db;
	if (*h->version == 0)      /* a draft */
		return nerr_pass(audit_record(h->req, h->autosave ? "draft.autosave" : "draft.save", h->target, f->title));
	snprintf(detail, sizeof detail, "version %d, in effect from %s%s: %s", *h->version, f->effective_date,
		 f->material ? " (material)" : "", f->summary);
	err = audit_record(h->req, section ? "section.publish" : "term.publish", h->target, detail);
	if (err == STATUS_OK && section)
		err = announce_change(h->req, h->it, f->title, f->summary, h->announced);
	return nerr_pass(err);
}

static NEOERR *item_post(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	struct publish_form f;
	struct publish_errors e;
	struct publish_text t;
	struct publish_conflict c;
	struct db *db = req->app->db;
	const char *action = request_param_or_empty(req, "action");
	enum publish_check_mode mode;
	char today[11], path[300], target[300];
	long long base = 0, seen = 0, seq = 0;
	int version = 0, announced = -1, autosave = strcmp(action, "autosave") == 0;
	struct item_then then_ctx;
	NEOERR *err = find_item(req, kind, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (strcmp(action, "save") != 0 && !autosave && strcmp(action, "preview") != 0 && strcmp(action, "publish") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Save draft, Preview or Publish.");
	if (parse_int(request_param(req, "base"), 99999, &base) != 0 ||
	    parse_int(request_param(req, "seen"), (1LL << 53), &seen) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "This form is missing what it was based on. Open the editor again.");
	normalise_newlines(req, "body");
	normalise_newlines(req, "citations");
	memset(&f, 0, sizeof f);
	f.title = request_param_or_empty(req, "title");
	f.body = request_param(req, "body");
	f.citations = request_param_or_empty(req, "citations");
	f.summary = request_param_or_empty(req, "summary");
	f.effective_date = request_param_or_empty(req, "effective_date");
	f.material = request_param(req, "material") && strcmp(request_param(req, "material"), "1") == 0;
	f.base = (int)base;
	f.seen = seen;
	if (f.body == NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The text is missing or is not plain text (UTF-8 without control "
				  "characters).");
	mode = strcmp(action, "publish") == 0 ? PUBLISH_CHECK_PUBLISH
	       : strcmp(action, "preview") == 0 ? PUBLISH_CHECK_PREVIEW : PUBLISH_CHECK_DRAFT;
	page_today(req, today);
	if (publish_check(&f, kind, mode, today, it.latest_date, &e, &t) > 0) {
		if (autosave)
			return nerr_raise(HR_ERR_BAD_REQUEST, "Not saved: %s", e.title ? e.title : e.body ? e.body
					  : e.citations ? e.citations : e.summary ? e.summary : e.effective_date);
		return nerr_pass(edit_page(req, &it, &f, &e, 422));
	}
	publish_item_path(&it, target, sizeof target);
	then_ctx = (struct item_then){ req, &it, &f, autosave, target, &version, &announced };
	err = publish_save(db, &it, req->user.id, req->user.name, &f, mode == PUBLISH_CHECK_PUBLISH ? &t : NULL,
			   req->now, item_saved, &then_ctx, &c, &version, &seq);
	publish_text_free(&t);
	if (err == STATUS_OK && c.kind != CONFLICT_NONE) {
		if (autosave)
			err = nerr_raise(HR_ERR_CONFLICT, "Not saved: %s changed this first. Save to see the differences.", c.who);
		else
			err = conflict_page(req, &it, &f, &c);
		publish_conflict_free(&c);
		return nerr_pass(err);
	}
	publish_conflict_free(&c);
	if (err != STATUS_OK)
		return nerr_pass(err);
	item_admin_path(&it, path, sizeof path);
	if (autosave) {
		char msg[80], when[21], local[32];

		iso_time_format(req->now, when);
		reqview_local_time(when, local);
		snprintf(msg, sizeof msg, "Draft saved %s.", local);
		return nerr_pass(request_set_body(req, 200, "text/plain; charset=utf-8", msg, strlen(msg)));
	}
	if (mode == PUBLISH_CHECK_PREVIEW)
		strncat(path, "/preview", sizeof path - strlen(path) - 1);
	else if (mode == PUBLISH_CHECK_PUBLISH) {
		char q[64];

		if (announced >= 0)
			snprintf(q, sizeof q, "?published=%d&announced=%d", version, announced);
		else
			snprintf(q, sizeof q, "?published=%d", version);
		if (f.material && kind == PUBLISH_SECTION)
			strncat(q, "&material=1", sizeof q - strlen(q) - 1);
		strncat(path, q, sizeof path - strlen(path) - 1);
	} else
		strncat(path, "?saved=1", sizeof path - strlen(path) - 1);
	return nerr_pass(request_redirect(req, path));
}

NEOERR *page_admin_section_post(struct request *req)
{
	return nerr_pass(item_post(req, PUBLISH_SECTION));
}

NEOERR *page_admin_term_post(struct request *req)
{
	return nerr_pass(item_post(req, PUBLISH_TERM));
}

/* ---- Preview ---------------------------------------------------------------------- */

static NEOERR *preview(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	struct db *db = req->app->db;
	char today[11], edit[300], *html = NULL, *text = NULL;
	const char *body;
	int has_draft = 0;
	NEOERR *err = find_item(req, kind, &it), *rerr;

	if (err != STATUS_OK)
		return nerr_pass(err);
	page_today(req, today);
	item_admin_path(&it, edit, sizeof edit);
	err = publish_load_for_edit(db, &it, req->user.id, req->hdf, "Draft", &has_draft);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!has_draft)
		return nerr_pass(request_redirect(req, edit));
	body = hdf_get_value(req->hdf, "Draft.Body", "");
	rerr = markdown_render(body, strlen(body), &html, &text);
	if (rerr != STATUS_OK) {
		const char *m = errors_public_message(rerr);

		err = hdf_set_value(req->hdf, "Page.PreviewProblem", m ? m : "The text cannot be shown.");
		nerr_ignore(&rerr);
	}
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Preview", "1");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.PreviewEditUrl", edit);
	if (err == STATUS_OK && kind == PUBLISH_SECTION) {
		struct citation cites[PUBLISH_MAX_CITATIONS];
		size_t n = 0;
		char msg[300];

		err = content_document(db, it.doc_slug, req->hdf, "Document");
		/* The page around the draft: breadcrumbs and neighbours of the
		 * current version, when there is one in effect (read aside and
		 * copied: ClearSilver's hdf_remove_tree leaves stale pointers). */
		if (err == STATUS_OK && it.latest > 0 && !it.retired) {
			err = content_section(db, it.doc_slug, it.slug, today, 0, req->hdf, "Around");
			if (err != STATUS_OK && nerr_handle(&err, HR_ERR_NOT_FOUND))
				err = STATUS_OK;
		}
		for (const char *const *part = (const char *const[]){ "Kind", "Parents", "Prev", "Next", "Children", NULL };
		     *part && err == STATUS_OK; part++) {
			HDF *from = hdf_get_obj(hdf_get_obj(req->hdf, "Around"), *part);
			char key[32];

			snprintf(key, sizeof key, "Section.%s", *part);
			if (from != NULL && hdf_obj_child(from) != NULL)
				err = hdf_copy(req->hdf, key, from);
			else if (from != NULL)
				err = hdf_set_value(req->hdf, key, hdf_obj_value(from));
		}
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Section.Slug", it.slug);
		if (err == STATUS_OK && *hdf_get_value(req->hdf, "Section.Kind", "") == '\0')
			err = hdf_set_value(req->hdf, "Section.Kind", it.section_kind);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Section.Title", hdf_get_value(req->hdf, "Draft.Title", ""));
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Section.BodyHtml", html ? html : "");
		/* Glossary links as the published page will have them. */
		if (err == STATUS_OK) err = glossary_link_section(db, today, it.doc_slug, req->hdf, "Section");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Section.Version", "draft");
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Section.EffectiveDate", hdf_get_value(req->hdf, "Draft.EffectiveDate", ""));
		if (publish_parse_citations(hdf_get_value(req->hdf, "Draft.Citations", ""), cites, PUBLISH_MAX_CITATIONS, &n,
					    msg, sizeof msg) != 0) {
			if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.PreviewProblem", msg);
			n = 0;
		}
		for (size_t i = 0; i < n && err == STATUS_OK; i++) {
			char anchor[96];

			citation_anchor(cites[i].cite, anchor, sizeof anchor);
			err = reqview_set(req->hdf, cites[i].cite, "Section.Citations.%zu.Cite", i);
			if (err == STATUS_OK) err = reqview_set(req->hdf, anchor, "Section.Citations.%zu.Anchor", i);
		}
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Page.Title=Preview: %s", hdf_get_value(req->hdf, "Draft.Title", ""));
		if (err == STATUS_OK) err = pagekit_admin_nav(req);
		if (err == STATUS_OK) err = render_page(req, "section.cs");
	} else if (err == STATUS_OK) {
		const char *term = hdf_get_value(req->hdf, "Draft.Title", "");

		/* The term's page as it will read: its links to and from other
		 * terms and the sections using it, when it is published. */
		if (it.latest > 0 && !it.retired) {
			err = glossary_term_page(db, today, it.slug, req->hdf, "Term");
			if (err != STATUS_OK && nerr_handle(&err, HR_ERR_NOT_FOUND))
				err = STATUS_OK;
		}
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Term.Slug", it.slug);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Term.Term", term);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Term.DefinitionHtml", html ? html : "");
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Page.Title=Preview: %s", term);
		if (err == STATUS_OK) err = pagekit_admin_nav(req);
		if (err == STATUS_OK) err = render_page(req, "glossary_term.cs");
	}
	free(html);
	free(text);
	return nerr_pass(err);
}

NEOERR *page_admin_section_preview(struct request *req)
{
	return nerr_pass(preview(req, PUBLISH_SECTION));
}

NEOERR *page_admin_term_preview(struct request *req)
{
	return nerr_pass(preview(req, PUBLISH_TERM));
}

/* ---- Rollback, move, retire --------------------------------------------------------- */

/* The audit row of a rollback names the new version. */
struct rolled_back {
	struct audit a;
	char *detail;              /* a.detail, written once the version is known */
	size_t size;
	const int *version;
	long long from;
	const char *date, *summary;
};

static NEOERR *rollback_audit(struct db *db, void *ctx)
{
	struct rolled_back *r = ctx;

	snprintf(r->detail, r->size, "version %d copies version %lld, in effect from %s: %s", *r->version, r->from,
		 r->date, r->summary);
	return nerr_pass(audit_then(db, &r->a));
}

static NEOERR *rollback(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	struct db *db = req->app->db;
	const char *summary = request_param_or_empty(req, "summary");
	const char *date = request_param_or_empty(req, "effective_date");
	long long from = 0, base = 0;
	int version = 0;
	char today[11], target[300], detail[600], full[400], path[320];
	struct rolled_back r;
	NEOERR *err = find_item(req, kind, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	page_today(req, today);
	if (parse_int(request_param(req, "version"), 99999, &from) != 0 || from < 1 || from > it.latest)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose the version to go back to.");
	if (parse_int(request_param(req, "base"), 99999, &base) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "This form is missing what it was based on. Open the editor again.");
	if (*summary == '\0' || strlen(summary) > 250 || strchr(summary, '\n'))
		return nerr_raise(HR_ERR_BAD_REQUEST, "Say in a sentence why the section goes back to version %lld.", from);
	if (!content_valid_date(date) || strcmp(date, today) < 0 || strcmp(date, it.latest_date) < 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose an effective date on or after %s.",
				  strcmp(it.latest_date, today) > 0 ? it.latest_date : today);
	snprintf(full, sizeof full, "Rolled back to version %lld: %s", from, summary);
	publish_item_path(&it, target, sizeof target);
	r = (struct rolled_back){ { req, kind == PUBLISH_SECTION ? "section.rollback" : "term.rollback", target, detail },
				  detail, sizeof detail, &version, from, date, summary };
	err = publish_rollback(db, &it, req->user.id, req->user.name, (int)from, (int)base, full, date, req->now,
			       rollback_audit, &r, &version);
	if (err != STATUS_OK)
		return nerr_pass(err);
	item_admin_path(&it, path, sizeof path);
	snprintf(path + strlen(path), sizeof path - strlen(path), "?published=%d", version);
	return nerr_pass(request_redirect(req, path));
}

NEOERR *page_admin_section_rollback(struct request *req)
{
	return nerr_pass(rollback(req, PUBLISH_SECTION));
}

NEOERR *page_admin_term_rollback(struct request *req)
{
	return nerr_pass(rollback(req, PUBLISH_TERM));
}

NEOERR *page_admin_section_move(struct request *req)
{
	struct publish_item it;
	struct db *db = req->app->db;
	int64_t parent = 0, after = 0;
	char target[300], path[320], detail[64];
	struct audit a = { req, "section.move", target, detail };
	NEOERR *err = find_item(req, PUBLISH_SECTION, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (parse_place(request_param(req, "place"), &parent, &after) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose where the section goes.");
	publish_item_path(&it, target, sizeof target);
	snprintf(detail, sizeof detail, "under %lld after %lld", (long long)parent, (long long)after);
	err = publish_move(db, &it, parent, after, audit_then, &a);
	if (err != STATUS_OK)
		return nerr_pass(err);
	item_admin_path(&it, path, sizeof path);
	strncat(path, "?moved=1", sizeof path - strlen(path) - 1);
	return nerr_pass(request_redirect(req, path));
}

static NEOERR *retire(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	struct db *db = req->app->db;
	const char *action = request_param_or_empty(req, "action");
	int retired = strcmp(action, "retire") == 0;
	char target[300], path[320];
	struct audit a = { req, retired ? (kind == PUBLISH_SECTION ? "section.retire" : "term.retire")
				  : (kind == PUBLISH_SECTION ? "section.restore" : "term.restore"), target, it.title };
	NEOERR *err = find_item(req, kind, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!retired && strcmp(action, "restore") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Retire or Restore.");
	publish_item_path(&it, target, sizeof target);
	err = publish_set_retired(db, &it, retired, audit_then, &a);
	if (err != STATUS_OK)
		return nerr_pass(err);
	item_admin_path(&it, path, sizeof path);
	strncat(path, retired ? "?retired=1" : "?restored=1", sizeof path - strlen(path) - 1);
	return nerr_pass(request_redirect(req, path));
}

NEOERR *page_admin_section_retire(struct request *req)
{
	return nerr_pass(retire(req, PUBLISH_SECTION));
}

NEOERR *page_admin_term_retire(struct request *req)
{
	return nerr_pass(retire(req, PUBLISH_TERM));
}

/* ---- Glossary ------------------------------------------------------------------------ */

struct term_list {
	struct request *req;
	int n;
};

static NEOERR *term_to_hdf(void *ctx, const struct store_publishing_term_row *r)
{
	struct term_list *l = ctx;
	HDF *hdf = l->req->hdf;
	char url[200], latest[16];
	NEOERR *err;

	snprintf(url, sizeof url, "/admin/glossary/%s", r->slug);
	snprintf(latest, sizeof latest, "%d", r->latest);
	err = reqview_set(hdf, r->term, "Terms.%d.Term", l->n);
	if (err == STATUS_OK) err = reqview_set(hdf, url, "Terms.%d.EditUrl", l->n);
	if (err == STATUS_OK) err = reqview_set(hdf, latest, "Terms.%d.Latest", l->n);
	if (err == STATUS_OK && r->retired)
		err = reqview_set(hdf, r->latest ? "retired" : "not yet published", "Terms.%d.State", l->n);
	l->n++;
	return nerr_pass(err);
}

static NEOERR *glossary_page(struct request *req, int status)
{
	struct term_list l = { req, 0 };
	NEOERR *err = store_publishing_terms(req->app->db, term_to_hdf, &l);

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Create.Action", "/admin/glossary");
	if (err == STATUS_OK) err = pagekit_form_token(req, "/admin/glossary", "Create.Csrf");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "Edit the glossary");
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/glossary.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_admin_glossary(struct request *req)
{
	return nerr_pass(glossary_page(req, 0));
}

NEOERR *page_admin_term_create(struct request *req)
{
	const char *term = request_param_or_empty(req, "term");
	char slug[PUBLISH_MAX_SLUG + 1], path[200];
	int64_t id = 0;
	const char *problem = NULL;
	struct db *db = req->app->db;
	NEOERR *err = STATUS_OK;

	publish_slugify(term, slug, sizeof slug);
	if (*term == '\0' || strlen(term) > PUBLISH_MAX_TITLE || strchr(term, '\n'))
		problem = "Write the term (one line, at most 200 characters).";
	else if (!publish_slug_ok(slug))
		problem = "The term needs at least one letter or digit.";
	if (problem == NULL) {
		struct audit a = { req, "term.create", path, term };

		snprintf(path, sizeof path, "/glossary/%s", slug);
		err = publish_create_term(db, slug, term, req->user.id, req->now, audit_then, &a, &id);
		if (err != STATUS_OK) {
			if (!nerr_handle(&err, HR_ERR_CONFLICT))
				return nerr_pass(err);
			problem = "The glossary already has this term: edit it instead.";
		}
	}
	if (problem != NULL) {
		err = hdf_set_value(req->hdf, "Create.Errors.Term", problem);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Create.Term", term);
		if (err == STATUS_OK) err = glossary_page(req, 422);
		return nerr_pass(err);
	}
	snprintf(path, sizeof path, "/admin/glossary/%s?created=1", slug);
	return nerr_pass(request_redirect(req, path));
}

/* ---- Audit ------------------------------------------------------------------------ */

NEOERR *page_admin_audit(struct request *req)
{
	long long page = 1;
	const char *p = request_param(req, "page");
	NEOERR *err;

	if (hdf_get_obj(req->hdf, "Query.page") != NULL && parse_int(p, 1000000, &page) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The page number must be a whole number.");
	err = audit_list(req->app->db, (int)page, req->hdf, "Audit");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "Audit log");
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/audit.cs");
	return nerr_pass(err);
}
