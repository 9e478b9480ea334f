#include "web/audit.h"

#include <stdio.h>
#include <string.h>

#include "web/app.h"
#include "forms/requests.h"
#include "forms/reqview.h"
#include "core/isotime.h"

NEOERR *audit_record(struct request *req, const char *action, const char *target, const char *detail)
{
	struct db *db = req->app->db;
	const char *addr = request_env(req, "REMOTE_ADDR");
	char at[21];
	struct db_stmt *st = NULL;
	NEOERR *err;

	iso_time_format(req->now, at);
	err = db_stmt(db, "INSERT INTO audit_log(at, user_id, login, remote_addr, action, target, detail) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, at);
	if (err == STATUS_OK && req->user.id) err = db_bind_int(db, st, 2, req->user.id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, req->remote_user ? req->remote_user : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, addr ? addr : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, action);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, target);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, detail ? detail : "");
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *audit_list(struct db *db, int page, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0, total = 0, pages;
	NEOERR *err = db_stmt(db, "SELECT count(*) FROM audit_log", &st);

	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		total = db_int(st, 0);
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	pages = total ? (total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE : 1;
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	err = db_stmt(db, "SELECT a.id, a.at, a.login, COALESCE(u.name, ''), a.remote_addr, a.action, a.target, a.detail "
			  "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT ?1 OFFSET ?2", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, AUDIT_PAGE_SIZE);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, (int64_t)(page - 1) * AUDIT_PAGE_SIZE);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char when[32];

		reqview_local_time(db_text(st, 1), when);
		err = reqview_set(hdf, db_text(st, 0), "%s.Rows.%d.Id", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, when, "%s.Rows.%d.At", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.Rows.%d.Login", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 3), "%s.Rows.%d.Name", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 4), "%s.Rows.%d.RemoteAddr", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 5), "%s.Rows.%d.Action", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 6), "%s.Rows.%d.Target", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 7), "%s.Rows.%d.Detail", prefix, n);
		n++;
	}
	db_done(st);
	if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.Total=%d", prefix, total);
	if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.Page=%d", prefix, page);
	if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.Pages=%d", prefix, pages);
	return nerr_pass(err);
}
