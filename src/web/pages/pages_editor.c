/* The section and glossary term editors: drafts, preview, publish,
 * conflicts, rollback, move, retire. See pages_editor.h for the
 * addresses. */
#include "web/pages/pages_editor.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/announce.h"
#include "web/app.h"
#include "web/audit.h"
#include "content/content.h"
#include "core/diff.h"
#include "core/errors.h"
#include "content/glossary.h"
#include "publish/impact.h"
#include "content/markdown.h"
#include "web/pages/pages.h"
#include "web/pages/pagekit.h"
#include "publish/publish.h"
#include "web/render.h"
#include "forms/reqview.h"
#include "core/isotime.h"

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

static NEOERR *set_errors(struct request *req, const struct publish_errors *e)
{
	NEOERR *err = STATUS_OK;

	if (e->title)
		err = hdf_set_value(req->hdf, "Edit.Errors.Title", e->title);
	if (err == STATUS_OK && e->body)
		err = hdf_set_value(req->hdf, "Edit.Errors.Body", e->body);
	if (err == STATUS_OK && e->citations)
		err = hdf_set_value(req->hdf, "Edit.Errors.Citations", e->citations);
	if (err == STATUS_OK && e->summary)
		err = hdf_set_value(req->hdf, "Edit.Errors.Summary", e->summary);
	if (err == STATUS_OK && e->effective_date)
		err = hdf_set_value(req->hdf, "Edit.Errors.EffectiveDate", e->effective_date);
	if (err == STATUS_OK && e->count)
		err = hdf_set_int_value(req->hdf, "Edit.Errors.Count", e->count);
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

/* ---- The editor ------------------------------------------------------------------ */

/* The submitted text, as the edit and conflict pages show it again. */
static NEOERR *edit_form_hdf(struct request *req, const struct publish_form *f)
{
	NEOERR *err = hdf_set_value(req->hdf, "Edit.Title", f->title ? f->title : "");

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Body", f->body ? f->body : "");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Citations", f->citations ? f->citations : "");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Summary", f->summary ? f->summary : "");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.EffectiveDate", f->effective_date ? f->effective_date : "");
	if (err == STATUS_OK && f->material)
		err = hdf_set_value(req->hdf, "Edit.Material", "1");
	return nerr_pass(err);
}

/* The text in the editor: f, the submitted form shown again, or (f NULL)
 * the editor's draft or the newest version; then the effective date a new
 * version would take, unless one was chosen. */
static NEOERR *edit_text_hdf(struct request *req, const struct publish_item *it, const struct publish_form *f,
			     const char *today)
{
	struct db *db = req->app->db;
	int64_t seen = 0;
	int has_draft = 0;
	NEOERR *err = publish_draft_seq(db, &seen);

	if (err == STATUS_OK && f == NULL) {
		err = publish_load_for_edit(db, it, req->user.id, req->hdf, "Edit", &has_draft);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Edit.Seen=%" PRId64, seen);
		if (err == STATUS_OK && has_draft)
			err = hdf_set_value(req->hdf, "Edit.HasDraft", "1");
		/* A new section starts from the title it was created with. */
		if (err == STATUS_OK && !has_draft && it->latest == 0)
			err = hdf_set_value(req->hdf, "Edit.Title", it->title);
	} else if (err == STATUS_OK) {
		err = edit_form_hdf(req, f);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Edit.Base=%d", f->base);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Edit.Seen=%" PRId64, f->seen);
	}
	if (err == STATUS_OK && *hdf_get_value(req->hdf, "Edit.EffectiveDate", "") == '\0')
		err = hdf_set_value(req->hdf, "Edit.EffectiveDate",
				    strcmp(it->latest_date, today) > 0 ? it->latest_date : today);
	return nerr_pass(err);
}

/* The messages, the edit form's address and the item edited. */
static NEOERR *edit_item_hdf(struct request *req, const struct publish_item *it, const struct publish_errors *e,
			     const char *action, const char *today)
{
	char path[300], url[400];
	NEOERR *err = e ? set_errors(req, e) : STATUS_OK;

	publish_item_path(it, path, sizeof path);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Action", action);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, action, "Edit.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Kind", publish_kind_name(it->kind));
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Today", today);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.Title", it->title);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.Slug", it->slug);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.Path", path);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.SectionKind", it->section_kind);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Item.Latest", it->latest);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.LatestDate", it->latest_date);
	if (err == STATUS_OK && it->retired)
		err = hdf_set_value(req->hdf, "Item.Retired", "1");
	snprintf(url, sizeof url, "%s/preview", action);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.PreviewUrl", url);
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION) {
		snprintf(url, sizeof url, "/%s/%s/history", it->doc_slug, it->slug);
		err = hdf_set_value(req->hdf, "Item.HistoryUrl", url);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Item.Document", it->doc_slug);
	}
	return nerr_pass(err);
}

/* A section's move form (the places it can go) and the change impact of
 * the text being edited. */
static NEOERR *edit_section_hdf(struct request *req, const struct publish_item *it, const char *action,
				const char *today)
{
	struct db *db = req->app->db;
	struct pagekit_toc_row *rows = NULL;
	size_t n = 0;
	char url[400], *html = NULL, *text = NULL;
	const char *body = hdf_get_value(req->hdf, "Edit.Body", "");
	NEOERR *err, *merr;

	snprintf(url, sizeof url, "%s/move", action);
	err = hdf_set_value(req->hdf, "Move.Action", url);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, url, "Move.Csrf");
	if (err == STATUS_OK)
		err = pagekit_load_structure(db, it->document_id, &rows, &n);
	if (err == STATUS_OK)
		err = pagekit_place_options(req, rows, n, it->id, it->section_kind, "Move.Places");
	free(rows);
	merr = markdown_render(body, strlen(body), &html, &text);
	if (merr != STATUS_OK)
		nerr_ignore(&merr);
	if (err == STATUS_OK)
		err = impact_section(db, it->doc_slug, it->slug, it->id, html ? html : "", today, req->hdf, "Impact");
	free(html);
	free(text);
	return nerr_pass(err);
}

/* The other editors' drafts, the versions, and the rollback, retire and
 * (for a section) move forms. */
static NEOERR *edit_forms_hdf(struct request *req, const struct publish_item *it, const char *action, const char *today)
{
	struct db *db = req->app->db;
	char url[400];
	NEOERR *err = publish_other_drafts(db, it, req->user.id, req->hdf, "Edit.OtherDrafts");

	if (err == STATUS_OK)
		err = publish_versions(db, it, req->hdf, "Versions");
	snprintf(url, sizeof url, "%s/rollback", action);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Rollback.Action", url);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, url, "Rollback.Csrf");
	snprintf(url, sizeof url, "%s/retire", action);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Retire.Action", url);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, url, "Retire.Csrf");
	if (err == STATUS_OK && it->kind == PUBLISH_SECTION)
		err = edit_section_hdf(req, it, action, today);
	return nerr_pass(err);
}

/* What the action that redirected here did (its query flags). */
static NEOERR *edit_done_hdf(struct request *req, const struct publish_item *it, const char *today)
{
	int64_t v = 0;
	NEOERR *err = STATUS_OK;

	if (request_param(req, "saved"))
		err = hdf_set_value(req->hdf, "Edit.Saved", "1");
	if (err == STATUS_OK && request_param(req, "created"))
		err = hdf_set_value(req->hdf, "Edit.Created", "1");
	if (err == STATUS_OK && request_param(req, "moved"))
		err = hdf_set_value(req->hdf, "Edit.Moved", "1");
	if (err == STATUS_OK && request_param(req, "retired"))
		err = hdf_set_value(req->hdf, "Edit.RetiredNow", "1");
	if (err == STATUS_OK && request_param(req, "restored"))
		err = hdf_set_value(req->hdf, "Edit.Restored", "1");
	if (err != STATUS_OK || request_param(req, "published") == NULL)
		return nerr_pass(err);
	if (pagekit_parse_int(request_param(req, "published"), 99999, &v) == 0)
		err = hdf_set_valuef(req->hdf, "Edit.Published=%" PRId64, v);
	/* Say what the publish did, including what it did not do: an
	 * announcement nobody was subscribed to, a material change with no
	 * campaign to re-open, a date still to come. */
	if (err == STATUS_OK && pagekit_parse_int(request_param_or_empty(req, "announced"), 10000000, &v) == 0)
		err = hdf_set_valuef(req->hdf, "Edit.Announced.Count=%" PRId64, v);
	if (err == STATUS_OK && request_param(req, "material"))
		err = hdf_set_value(req->hdf, "Edit.PublishedMaterial", "1");
	if (err == STATUS_OK && strcmp(it->latest_date, today) > 0)
		err = hdf_set_value(req->hdf, "Edit.TakesEffect", it->latest_date);
	return nerr_pass(err);
}

/* The edit page. f: the submitted form to show again (NULL: load the
 * editor's draft or the newest version); e: its messages. */
static NEOERR *edit_page(struct request *req, const struct publish_item *it, const struct publish_form *f,
			 const struct publish_errors *e, int status)
{
	char today[11], action[300];
	NEOERR *err;

	page_today(req, today);
	item_admin_path(it, action, sizeof action);
	err = edit_text_hdf(req, it, f, today);
	if (err == STATUS_OK)
		err = edit_item_hdf(req, it, e, action, today);
	if (err == STATUS_OK)
		err = edit_forms_hdf(req, it, action, today);
	if (err == STATUS_OK)
		err = edit_done_hdf(req, it, today);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Edit: %s", *it->title ? it->title : it->slug);
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/edit.cs");
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
	int64_t seen = 0;
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
	if (err == STATUS_OK)
		err = diff_html(c->other_body, f->body ? f->body : "", &mine, &s2);
	if (err == STATUS_OK)
		err = publish_draft_seq(req->app->db, &seen);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.Kind", c->kind == CONFLICT_VERSION ? "version" : "draft");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.Who", c->who);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.When", when);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Conflict.Latest", c->latest);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Conflict.Base", f->base);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.TheirTitle", c->other_title);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.TheirsHtml", theirs.buf ? theirs.buf : "");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.MineHtml", mine.buf ? mine.buf : "");
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Conflict.TheirsAdded", (int)s1.words_added);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Conflict.TheirsRemoved", (int)s1.words_removed);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Conflict.TheirBody", c->other_body);
	/* The form again, with this editor's text, now based on what exists. */
	if (err == STATUS_OK)
		err = edit_form_hdf(req, f);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Edit.Base", c->latest);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Edit.Seen=%" PRId64, seen);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Action", action);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, action, "Edit.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Edit.Kind", publish_kind_name(it->kind));
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Item.Title", it->title);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Someone else changed %s", *it->title ? it->title : it->slug);
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/conflict.cs");
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
		err = announce_publish(req->app->db, req->settings, &in, md, html, text, req->remote_user, req->now,
				       &id, announced);
	if (err == STATUS_OK) {
		char target[64], detail[400];

		snprintf(target, sizeof target, "/whats-new#announcement-%" PRId64, (int64_t)id);
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
	if (*h->version == 0) /* a draft */
		return nerr_pass(
			audit_record(h->req, h->autosave ? "draft.autosave" : "draft.save", h->target, f->title));
	snprintf(detail, sizeof detail, "version %d, in effect from %s%s: %s", *h->version, f->effective_date,
		 f->material ? " (material)" : "", f->summary);
	err = audit_record(h->req, section ? "section.publish" : "term.publish", h->target, detail);
	if (err == STATUS_OK && section)
		err = announce_change(h->req, h->it, f->title, f->summary, h->announced);
	return nerr_pass(err);
}

/* A POST to the editor, read: what to do and the submitted form. */
struct editor_post {
	enum publish_check_mode mode;
	int autosave;
	struct publish_form f;
};

/* The action, what the form was based on, and the text (textarea lines
 * with LF only); 400 when one is missing or wrong. */
static NEOERR *editor_post_read(struct request *req, struct editor_post *p)
{
	const char *action = request_param_or_empty(req, "action");
	int64_t base = 0, seen = 0;

	p->autosave = strcmp(action, "autosave") == 0;
	if (strcmp(action, "save") != 0 && !p->autosave && strcmp(action, "preview") != 0 &&
	    strcmp(action, "publish") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Save draft, Preview or Publish.");
	if (pagekit_parse_int(request_param(req, "base"), 99999, &base) != 0 ||
	    pagekit_parse_int(request_param(req, "seen"), (1LL << 53), &seen) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "This form is missing what it was based on. Open the editor again.");
	normalise_newlines(req, "body");
	normalise_newlines(req, "citations");
	memset(&p->f, 0, sizeof p->f);
	p->f.title = request_param_or_empty(req, "title");
	p->f.body = request_param(req, "body");
	p->f.citations = request_param_or_empty(req, "citations");
	p->f.summary = request_param_or_empty(req, "summary");
	p->f.effective_date = request_param_or_empty(req, "effective_date");
	p->f.material = request_param(req, "material") && strcmp(request_param(req, "material"), "1") == 0;
	p->f.base = (int)base;
	p->f.seen = seen;
	if (p->f.body == NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The text is missing or is not plain text (UTF-8 without control "
						      "characters).");
	p->mode = strcmp(action, "publish") == 0   ? PUBLISH_CHECK_PUBLISH
		  : strcmp(action, "preview") == 0 ? PUBLISH_CHECK_PREVIEW
						   : PUBLISH_CHECK_DRAFT;
	return STATUS_OK;
}

/* The form failed publish_check: an autosave answers 400 with the first
 * message, anything else the form again with its messages (422). */
static NEOERR *editor_post_refused(struct request *req, const struct publish_item *it, const struct editor_post *p,
				   const struct publish_errors *e)
{
	if (p->autosave)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Not saved: %s",
				  e->title       ? e->title
				  : e->body      ? e->body
				  : e->citations ? e->citations
				  : e->summary   ? e->summary
						 : e->effective_date);
	return nerr_pass(edit_page(req, it, &p->f, e, 422));
}

/* Saves the draft or publishes the version t (with its audit row and any
 * announcement, item_saved). When someone else changed the item first,
 * *answered: the 409 page, or for an autosave an error. */
static NEOERR *editor_post_save(struct request *req, const struct publish_item *it, const struct editor_post *p,
				struct publish_text *t, int *version, int *announced, int *answered)
{
	struct publish_conflict c;
	char target[300];
	int64_t seq = 0;
	struct item_then then_ctx = { req, it, &p->f, p->autosave, target, version, announced };
	NEOERR *err;

	publish_item_path(it, target, sizeof target);
	err = publish_save(req->app->db, it, req->user.id, req->user.name, &p->f,
			   p->mode == PUBLISH_CHECK_PUBLISH ? t : NULL, req->now, item_saved, &then_ctx, &c, version,
			   &seq);
	publish_text_free(t);
	if (err == STATUS_OK && c.kind != CONFLICT_NONE) {
		*answered = 1;
		if (p->autosave)
			err = nerr_raise(HR_ERR_CONFLICT,
					 "Not saved: %s changed this first. Save to see the differences.", c.who);
		else
			err = conflict_page(req, it, &p->f, &c);
	}
	publish_conflict_free(&c);
	return nerr_pass(err);
}

/* After the save: an autosave answers a line of text; the others go to
 * the preview, or back to the editor saying what was done. */
static NEOERR *editor_post_answer(struct request *req, const struct publish_item *it, const struct editor_post *p,
				  int version, int announced)
{
	char path[300];

	item_admin_path(it, path, sizeof path);
	if (p->autosave) {
		char msg[80], when[21], local[32];

		iso_time_format(req->now, when);
		reqview_local_time(when, local);
		snprintf(msg, sizeof msg, "Draft saved %s.", local);
		return nerr_pass(request_set_body(req, 200, "text/plain; charset=utf-8", msg, strlen(msg)));
	}
	if (p->mode == PUBLISH_CHECK_PREVIEW)
		strncat(path, "/preview", sizeof path - strlen(path) - 1);
	else if (p->mode == PUBLISH_CHECK_PUBLISH) {
		char q[64];

		if (announced >= 0)
			snprintf(q, sizeof q, "?published=%d&announced=%d", version, announced);
		else
			snprintf(q, sizeof q, "?published=%d", version);
		if (p->f.material && it->kind == PUBLISH_SECTION)
			strncat(q, "&material=1", sizeof q - strlen(q) - 1);
		strncat(path, q, sizeof path - strlen(path) - 1);
	} else
		strncat(path, "?saved=1", sizeof path - strlen(path) - 1);
	return nerr_pass(request_redirect(req, path));
}

static NEOERR *item_post(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	struct editor_post p;
	struct publish_errors e;
	struct publish_text t;
	char today[11];
	int version = 0, announced = -1, answered = 0;
	NEOERR *err = find_item(req, kind, &it);

	if (err == STATUS_OK)
		err = editor_post_read(req, &p);
	if (err != STATUS_OK)
		return nerr_pass(err);
	page_today(req, today);
	if (publish_check(&p.f, kind, p.mode, today, it.latest_date, &e, &t) > 0)
		return nerr_pass(editor_post_refused(req, &it, &p, &e));
	err = editor_post_save(req, &it, &p, &t, &version, &announced, &answered);
	if (err != STATUS_OK || answered)
		return nerr_pass(err);
	return nerr_pass(editor_post_answer(req, &it, &p, version, announced));
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

/* The draft's body as HTML; a body that cannot be rendered is said on
 * the page rather than failing it. */
static NEOERR *preview_body(struct request *req, char **html, char **text)
{
	const char *body = hdf_get_value(req->hdf, "Draft.Body", "");
	NEOERR *err = STATUS_OK, *rerr = markdown_render(body, strlen(body), html, text);

	if (rerr != STATUS_OK) {
		const char *m = errors_public_message(rerr);

		err = hdf_set_value(req->hdf, "Page.PreviewProblem", m ? m : "The text cannot be shown.");
		nerr_ignore(&rerr);
	}
	return nerr_pass(err);
}

/* The page around the draft: breadcrumbs and neighbours of the current
 * version, when there is one in effect (read aside and copied:
 * ClearSilver's hdf_remove_tree leaves stale pointers). */
static NEOERR *preview_section_around(struct request *req, const struct publish_item *it, const char *today)
{
	NEOERR *err = STATUS_OK;

	if (it->latest > 0 && !it->retired) {
		err = content_section(req->app->db, it->doc_slug, it->slug, today, 0, req->hdf, "Around");
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
	return nerr_pass(err);
}

/* The draft's own fields as the section page reads them. */
static NEOERR *preview_section_draft(struct request *req, const struct publish_item *it, const char *today,
				     const char *html)
{
	NEOERR *err = hdf_set_value(req->hdf, "Section.Slug", it->slug);

	if (err == STATUS_OK && *hdf_get_value(req->hdf, "Section.Kind", "") == '\0')
		err = hdf_set_value(req->hdf, "Section.Kind", it->section_kind);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Section.Title", hdf_get_value(req->hdf, "Draft.Title", ""));
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Section.BodyHtml", html ? html : "");
	/* Glossary links as the published page will have them. */
	if (err == STATUS_OK)
		err = glossary_link_section(req->app->db, today, it->doc_slug, req->hdf, "Section");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Section.Version", "draft");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Section.EffectiveDate",
				    hdf_get_value(req->hdf, "Draft.EffectiveDate", ""));
	return nerr_pass(err);
}

/* The draft's citations with their anchors; ones that do not parse are
 * said on the page and none are shown. */
static NEOERR *preview_section_citations(struct request *req)
{
	struct citation cites[PUBLISH_MAX_CITATIONS];
	size_t n = 0;
	char msg[300];
	NEOERR *err = STATUS_OK;

	if (publish_parse_citations(hdf_get_value(req->hdf, "Draft.Citations", ""), cites, PUBLISH_MAX_CITATIONS, &n,
				    msg, sizeof msg) != 0) {
		err = hdf_set_value(req->hdf, "Page.PreviewProblem", msg);
		n = 0;
	}
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		char anchor[96];

		citation_anchor(cites[i].cite, anchor, sizeof anchor);
		err = reqview_set(req->hdf, cites[i].cite, "Section.Citations.%zu.Cite", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, anchor, "Section.Citations.%zu.Anchor", i);
	}
	return nerr_pass(err);
}

static NEOERR *preview_render(struct request *req, const char *cs)
{
	NEOERR *err = hdf_set_valuef(req->hdf, "Page.Title=Preview: %s", hdf_get_value(req->hdf, "Draft.Title", ""));

	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, cs);
	return nerr_pass(err);
}

static NEOERR *preview_section(struct request *req, const struct publish_item *it, const char *today, const char *html)
{
	NEOERR *err = content_document(req->app->db, it->doc_slug, req->hdf, "Document");

	if (err == STATUS_OK)
		err = preview_section_around(req, it, today);
	if (err == STATUS_OK)
		err = preview_section_draft(req, it, today, html);
	if (err == STATUS_OK)
		err = preview_section_citations(req);
	if (err == STATUS_OK)
		err = preview_render(req, "section.cs");
	return nerr_pass(err);
}

static NEOERR *preview_term(struct request *req, const struct publish_item *it, const char *today, const char *html)
{
	NEOERR *err = STATUS_OK;

	/* The term's page as it will read: its links to and from other
	 * terms and the sections using it, when it is published. */
	if (it->latest > 0 && !it->retired) {
		err = glossary_term_page(req->app->db, today, it->slug, req->hdf, "Term");
		if (err != STATUS_OK && nerr_handle(&err, HR_ERR_NOT_FOUND))
			err = STATUS_OK;
	}
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Term.Slug", it->slug);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Term.Term", hdf_get_value(req->hdf, "Draft.Title", ""));
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Term.DefinitionHtml", html ? html : "");
	if (err == STATUS_OK)
		err = preview_render(req, "glossary_term.cs");
	return nerr_pass(err);
}

static NEOERR *preview(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	char today[11], edit[300], *html = NULL, *text = NULL;
	int has_draft = 0;
	NEOERR *err = find_item(req, kind, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	page_today(req, today);
	item_admin_path(&it, edit, sizeof edit);
	err = publish_load_for_edit(req->app->db, &it, req->user.id, req->hdf, "Draft", &has_draft);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!has_draft)
		return nerr_pass(request_redirect(req, edit));
	err = preview_body(req, &html, &text);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Preview", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.PreviewEditUrl", edit);
	if (err == STATUS_OK && kind == PUBLISH_SECTION)
		err = preview_section(req, &it, today, html);
	else if (err == STATUS_OK)
		err = preview_term(req, &it, today, html);
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
	struct pagekit_audit a;
	char *detail; /* a.detail, written once the version is known */
	size_t size;
	const int *version;
	int64_t from;
	const char *date, *summary;
};

static NEOERR *rollback_audit(struct db *db, void *ctx)
{
	struct rolled_back *r = ctx;

	snprintf(r->detail, r->size, "version %d copies version %" PRId64 ", in effect from %s: %s", *r->version,
		 r->from, r->date, r->summary);
	return nerr_pass(pagekit_audit_then(db, &r->a));
}

static NEOERR *rollback(struct request *req, enum publish_kind kind)
{
	struct publish_item it;
	struct db *db = req->app->db;
	const char *summary = request_param_or_empty(req, "summary");
	const char *date = request_param_or_empty(req, "effective_date");
	int64_t from = 0, base = 0;
	int version = 0;
	char today[11], target[300], detail[600], full[400], path[320];
	struct rolled_back r;
	NEOERR *err = find_item(req, kind, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	page_today(req, today);
	if (pagekit_parse_int(request_param(req, "version"), 99999, &from) != 0 || from < 1 || from > it.latest)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose the version to go back to.");
	if (pagekit_parse_int(request_param(req, "base"), 99999, &base) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "This form is missing what it was based on. Open the editor again.");
	if (*summary == '\0' || strlen(summary) > 250 || strchr(summary, '\n'))
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "Say in a sentence why the section goes back to version %" PRId64 ".", from);
	if (!content_valid_date(date) || strcmp(date, today) < 0 || strcmp(date, it.latest_date) < 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose an effective date on or after %s.",
				  strcmp(it.latest_date, today) > 0 ? it.latest_date : today);
	snprintf(full, sizeof full, "Rolled back to version %" PRId64 ": %s", from, summary);
	publish_item_path(&it, target, sizeof target);
	r = (struct rolled_back){ { req, kind == PUBLISH_SECTION ? "section.rollback" : "term.rollback", target,
				    detail },
				  detail,
				  sizeof detail,
				  &version,
				  from,
				  date,
				  summary };
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
	struct pagekit_audit a = { req, "section.move", target, detail };
	NEOERR *err = find_item(req, PUBLISH_SECTION, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (pagekit_parse_place(request_param(req, "place"), &parent, &after) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose where the section goes.");
	publish_item_path(&it, target, sizeof target);
	snprintf(detail, sizeof detail, "under %" PRId64 " after %" PRId64, (int64_t)parent, (int64_t)after);
	err = publish_move(db, &it, parent, after, pagekit_audit_then, &a);
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
	struct pagekit_audit a = { req,
				   retired ? (kind == PUBLISH_SECTION ? "section.retire" : "term.retire")
					   : (kind == PUBLISH_SECTION ? "section.restore" : "term.restore"),
				   target, it.title };
	NEOERR *err = find_item(req, kind, &it);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!retired && strcmp(action, "restore") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Retire or Restore.");
	publish_item_path(&it, target, sizeof target);
	err = publish_set_retired(db, &it, retired, pagekit_audit_then, &a);
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
