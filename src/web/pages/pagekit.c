/* pagekit: what several page handlers share (see pagekit.h). */
#include "web/pages/pagekit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/log.h"
#include "core/utf8.h"
#include "forms/reqview.h"
#include "forms/requests.h"
#include "people/users.h"
#include "publish/ackcamp.h"
#include "store/publishing.h"
#include "web/app.h"
#include "web/audit.h"
#include "web/csrf.h"

NEOERR *pagekit_nav(struct request *req)
{
	NEOERR *err = hdf_set_value(req->hdf, "Nav.0.Url", "/forms");

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Nav.0.Title", "Forms");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Nav.1.Url", "/my/requests");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Nav.1.Title", "My requests");
	if (err == STATUS_OK && (req->user.role == USER_SUPERVISOR || req->user.role == USER_HR)) {
		err = hdf_set_value(req->hdf, "Nav.2.Url", "/inbox");
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Nav.2.Title", "Inbox");
	}
	if (err == STATUS_OK && req->user.role == USER_HR) {
		err = hdf_set_value(req->hdf, "Nav.3.Url", "/requests");
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Nav.3.Title", "All requests");
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Nav.4.Url", "/admin");
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Nav.4.Title", "Publishing");
	}
	return nerr_pass(err);
}

NEOERR *pagekit_visible_request(struct request *req, struct request_row *row)
{
	int64_t id = requests_parse_id(req->args[0]);
	int found = 0, may = 0;
	NEOERR *err;

	if (id == 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no request at this address.");
	err = requests_load(req->app->db, id, row, &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no request number %" PRId64 ".", id);
	err = requests_may_view(req->app->db, row, &req->user, &may);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!may)
		return nerr_raise(HR_ERR_FORBIDDEN, "This request belongs to someone else, and you are not among "
						    "the people it was sent to.");
	return STATUS_OK;
}

NEOERR *pagekit_admin_nav(struct request *req)
{
	NEOERR *err = pagekit_nav(req);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Admin", "1");
	return nerr_pass(err);
}

NEOERR *pagekit_form_token(struct request *req, const char *action, const char *name)
{
	char token[CSRF_TOKEN_MAX];
	NEOERR *err = csrf_token(req, action, token);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, name, token);
	return nerr_pass(err);
}

int pagekit_param_list(struct request *req, const char *name, const char **out, size_t max, size_t *n)
{
	HDF *node = hdf_get_obj(req->hdf, "Query");
	HDF *child;

	*n = 0;
	node = node ? hdf_get_obj(node, name) : NULL;
	if (node == NULL)
		return 0;
	child = hdf_obj_child(node);
	if (child == NULL) {
		const char *v = hdf_obj_value(node);

		if (v == NULL || !utf8_is_clean(v, strlen(v), 0) || max == 0)
			return -1;
		out[(*n)++] = v;
		return 0;
	}
	/* ClearSilver keeps a repeated parameter as name.0, name.1, ... */
	for (; child != NULL; child = hdf_obj_next(child)) {
		const char *v = hdf_obj_value(child);

		if (v == NULL || !utf8_is_clean(v, strlen(v), 0) || *n == max)
			return -1;
		out[(*n)++] = v;
	}
	return 0;
}

void pagekit_signed_in_notice(struct request *req)
{
	int pending = 0;
	NEOERR *err;

	if (req->user.id == 0)
		return;
	err = ackcamp_pending_count(req->app->db, &req->user, &pending);
	if (err == STATUS_OK && pending > 0)
		err = hdf_set_int_value(req->hdf, "Notice.Acknowledgements", pending);
	if (err != STATUS_OK)
		log_neoerr(&err, "acknowledgement notice");
}

/* ---- For the publishing pages ---------------------------------------------------- */

int pagekit_parse_int(const char *s, int64_t max, int64_t *out)
{
	char *end;
	int64_t v;

	if (s == NULL || *s < '0' || *s > '9' || strlen(s) > 18)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* ---- A document's structure (the document page, the move form) ---------------------- */

/* The rows read so far, each with its depth below the top. */
struct structure {
	struct pagekit_toc_row *rows;
	size_t n, cap;
};

static NEOERR *structure_add(void *ctx, const struct store_publishing_section_row *row)
{
	struct structure *t = ctx;
	struct pagekit_toc_row *r;

	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 128;
		struct pagekit_toc_row *nr = realloc(t->rows, ncap * sizeof *t->rows);

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

NEOERR *pagekit_load_structure(struct db *db, int64_t document_id, struct pagekit_toc_row **rows, size_t *n)
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

NEOERR *pagekit_place_options(struct request *req, const struct pagekit_toc_row *rows, size_t n, int64_t moving,
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
		snprintf(value, sizeof value, "%" PRId64 ":0", (int64_t)pid);
		snprintf(label, sizeof label, "At the start of %s", ptitle);
		err = reqview_set(req->hdf, value, "%s.%d.Value", prefix, k);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, label, "%s.%d.Label", prefix, k);
		if (err == STATUS_OK && moving && cur_parent == pid && cur_after == 0)
			err = reqview_set(req->hdf, "1", "%s.%d.Selected", prefix, k);
		k++;
		for (size_t c = 0; c < n && err == STATUS_OK; c++) {
			if (rows[c].parent != pid || rows[c].retired || rows[c].id == moving)
				continue;
			snprintf(value, sizeof value, "%" PRId64 ":%" PRId64, (int64_t)pid, (int64_t)rows[c].id);
			if (p < 0)
				snprintf(label, sizeof label, "Top level, after %s", rows[c].title);
			else
				snprintf(label, sizeof label, "In %s, after %s", ptitle, rows[c].title);
			err = reqview_set(req->hdf, value, "%s.%d.Value", prefix, k);
			if (err == STATUS_OK)
				err = reqview_set(req->hdf, label, "%s.%d.Label", prefix, k);
			if (err == STATUS_OK && moving && cur_parent == pid && cur_after == rows[c].id)
				err = reqview_set(req->hdf, "1", "%s.%d.Selected", prefix, k);
			k++;
		}
	}
	return nerr_pass(err);
}

int pagekit_parse_place(const char *s, int64_t *parent, int64_t *after)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	char a[24];
	int64_t p = 0, q = 0;

	if (colon == NULL || (size_t)(colon - s) >= sizeof a)
		return -1;
	snprintf(a, sizeof a, "%.*s", (int)(colon - s), s);
	if (pagekit_parse_int(a, (1LL << 53), &p) != 0 || pagekit_parse_int(colon + 1, (1LL << 53), &q) != 0)
		return -1;
	*parent = p;
	*after = q;
	return 0;
}

NEOERR *pagekit_audit_then(struct db *db, void *ctx)
{
	struct pagekit_audit *a = ctx;

	(void)db;
	return nerr_pass(audit_record(a->req, a->action, a->target, a->detail));
}
