#include "web/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "web/app.h"
#include "core/isotime.h"
#include "store/audit.h"

NEOERR *audit_log_action(struct db *db, const struct audit_actor *who, time_t at, const char *action,
			 const char *target, const char *detail)
{
	char when[ISO_TIME_SIZE];
	struct store_audit_entry e = {
		.at = when,
		.user_id = who->user_id,
		.login = who->login,
		.remote_addr = who->remote_addr,
		.action = action,
		.target = target,
		.detail = detail,
	};

	iso_time_format(at, when);
	return nerr_pass(store_audit_append(db, &e));
}

NEOERR *audit_record(struct request *req, const char *action, const char *target, const char *detail)
{
	struct audit_actor who = {
		.user_id = req->user.id,
		.login = req->remote_user,
		.remote_addr = request_env(req, "REMOTE_ADDR"),
	};

	return nerr_pass(audit_log_action(req->app->db, &who, req->now, action, target, detail));
}

struct audit_fill {
	HDF *hdf;
	const char *prefix;
	int n;
};

static NEOERR *set_field(const struct audit_fill *f, const char *name, const char *value)
{
	char key[256];

	snprintf(key, sizeof key, "%s.Rows.%d.%s", f->prefix, f->n, name);
	return nerr_pass(hdf_set_value(f->hdf, key, value));
}

static NEOERR *fill_row(void *ctx, const struct store_audit_row *r)
{
	struct audit_fill *f = ctx;
	char id[24], when[32];
	NEOERR *err;

	snprintf(id, sizeof id, "%" PRId64, (int64_t)r->id);
	iso_time_local(r->at, when);
	err = set_field(f, "Id", id);
	if (err == STATUS_OK)
		err = set_field(f, "At", when);
	if (err == STATUS_OK)
		err = set_field(f, "Login", r->login);
	if (err == STATUS_OK)
		err = set_field(f, "Name", r->name);
	if (err == STATUS_OK)
		err = set_field(f, "RemoteAddr", r->remote_addr);
	if (err == STATUS_OK)
		err = set_field(f, "Action", r->action);
	if (err == STATUS_OK)
		err = set_field(f, "Target", r->target);
	if (err == STATUS_OK)
		err = set_field(f, "Detail", r->detail);
	f->n++;
	return nerr_pass(err);
}

NEOERR *audit_list(struct db *db, int page, HDF *hdf, const char *prefix)
{
	struct audit_fill f = { hdf, prefix, 0 };
	int64_t count = 0;
	int total, pages;
	NEOERR *err = store_audit_count(db, &count);

	if (err != STATUS_OK)
		return nerr_pass(err);
	total = (int)count;
	pages = total ? (total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE : 1;
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	err = store_audit_page(db, AUDIT_PAGE_SIZE, (int64_t)(page - 1) * AUDIT_PAGE_SIZE, fill_row, &f);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Total=%d", prefix, total);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Page=%d", prefix, page);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Pages=%d", prefix, pages);
	return nerr_pass(err);
}
