#include "publish/ackcamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "forms/formcheck.h"
#include "mail/outbox.h"
#include "web/render.h"
#include "forms/requests.h"
#include "forms/reqview.h"
#include "core/isotime.h"

/* User u must acknowledge campaign c / has acknowledged it. */
#define AUDIENCE "u.active = 1 AND (c.all_agencies = 1 OR EXISTS (SELECT 1 FROM ack_campaign_agencies g " \
	"WHERE g.campaign_id = c.id AND g.agency = u.agency))"
#define DONE "EXISTS (SELECT 1 FROM acknowledgements a WHERE a.campaign_id = c.id AND a.user_id = u.id " \
	"AND a.version >= c.version)"

NEOERR *ackcamp_create(struct db *db, int64_t section_id, const char *title, const char *due_on, int all_agencies,
		       const char *const *agencies, size_t n_agencies, const char *by, time_t now, int64_t *id)
{
	struct db_stmt *st = NULL;
	char at[21];
	int row = 0, version = 0;
	NEOERR *err = db_stmt(db, "SELECT max(version) FROM section_versions WHERE section_id = ?1", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		version = db_int(st, 0);
	db_done(st);
	if (err == STATUS_OK && version < 1)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "This section has no published version to acknowledge.");
	iso_time_format(now, at);
	if (err == STATUS_OK)
		err = db_stmt(db, "INSERT INTO ack_campaigns(section_id, version, title, due_on, all_agencies, created_at, "
			      "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, version);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, title);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, due_on);
	if (err == STATUS_OK) err = db_bind_int(db, st, 5, all_agencies ? 1 : 0);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, at);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, by);
	if (err == STATUS_OK)
		err = db_insert(db, st, id);
	else
		db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; !all_agencies && i < n_agencies && err == STATUS_OK; i++) {
		err = db_stmt(db, "INSERT OR IGNORE INTO ack_campaign_agencies(campaign_id, agency) VALUES (?1, ?2)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, *id);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, agencies[i]);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	return nerr_pass(err);
}

#define CAMPAIGN_COLUMNS \
	"c.id, c.title, '/' || d.slug || '/' || s.slug, COALESCE((SELECT v.title FROM section_versions v " \
	"WHERE v.section_id = s.id AND v.version = c.version), s.toc_title), c.version, c.due_on, " \
	"(SELECT count(*) FROM users u WHERE " AUDIENCE "), " \
	"(SELECT count(*) FROM users u WHERE " AUDIENCE " AND " DONE "), " \
	"CASE WHEN c.all_agencies THEN 'All agencies' ELSE COALESCE((SELECT group_concat(agency, ', ') " \
	"FROM (SELECT agency FROM ack_campaign_agencies g WHERE g.campaign_id = c.id ORDER BY agency)), '') END, " \
	"COALESCE(c.reopened_at, '') " \
	"FROM ack_campaigns c JOIN sections s ON s.id = c.section_id JOIN documents d ON d.id = s.document_id "

static NEOERR *campaign_row(struct db_stmt *st, const char *today, HDF *hdf, const char *p)
{
	int required = db_int(st, 6), done = db_int(st, 7);
	char url[300];
	NEOERR *err;

	snprintf(url, sizeof url, "%s/history/%d", db_text(st, 2), db_int(st, 4));
	err = reqview_set(hdf, db_text(st, 0), "%s.Id", p);
	if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.Title", p);
	if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.SectionUrl", p);
	if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 3), "%s.SectionTitle", p);
	if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 4), "%s.Version", p);
	if (err == STATUS_OK) err = reqview_set(hdf, url, "%s.VersionUrl", p);
	if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 5), "%s.Due", p);
	if (err == STATUS_OK && strcmp(db_text(st, 5), today) < 0) err = reqview_set(hdf, "1", "%s.Overdue", p);
	if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.Required=%d", p, required);
	if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.Done=%d", p, done);
	if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.Pending=%d", p, required - done);
	if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 8), "%s.Agencies", p);
	if (err == STATUS_OK && *db_text(st, 9)) {
		char when[32];

		reqview_local_time(db_text(st, 9), when);
		err = reqview_set(hdf, when, "%s.ReopenedAt", p);
	}
	return nerr_pass(err);
}

NEOERR *ackcamp_list(struct db *db, const char *today, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, "SELECT " CAMPAIGN_COLUMNS "ORDER BY c.id DESC", &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[96];

		snprintf(p, sizeof p, "%s.%d", prefix, n++);
		err = campaign_row(st, today, hdf, p);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *ackcamp_detail(struct db *db, int64_t id, const char *today, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, "SELECT " CAMPAIGN_COLUMNS "WHERE c.id = ?1", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such acknowledgement campaign.");
	if (err == STATUS_OK)
		err = campaign_row(st, today, hdf, prefix);
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);

	/* Completion per agency. */
	err = db_stmt(db, "SELECT u.agency, count(*), sum(" DONE ") FROM ack_campaigns c JOIN users u ON " AUDIENCE " "
			  "WHERE c.id = ?1 GROUP BY u.agency ORDER BY u.agency", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		int required = db_int(st, 1), done = db_int(st, 2);

		err = reqview_set(hdf, db_text(st, 0), "%s.ByAgency.%d.Agency", prefix, n);
		if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.ByAgency.%d.Required=%d", prefix, n, required);
		if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.ByAgency.%d.Done=%d", prefix, n, done);
		if (err == STATUS_OK) err = hdf_set_valuef(hdf, "%s.ByAgency.%d.Pending=%d", prefix, n, required - done);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "%s.ByAgency.%d.Percent=%d", prefix, n, required ? done * 100 / required : 100);
		n++;
	}
	db_done(st);

	/* Who is still pending, and who acknowledged (latest first). */
	n = 0;
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT u.name, u.agency FROM ack_campaigns c JOIN users u ON " AUDIENCE " "
			      "WHERE c.id = ?1 AND NOT " DONE " ORDER BY u.agency, u.name LIMIT 200", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		err = reqview_set(hdf, db_text(st, 0), "%s.People.%d.Name", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.People.%d.Agency", prefix, n);
		n++;
	}
	db_done(st);
	n = 0;
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT u.name, u.agency, a.version, a.typed_name, a.signed_at FROM acknowledgements a "
			      "JOIN users u ON u.id = a.user_id WHERE a.campaign_id = ?1 ORDER BY a.id DESC LIMIT 200", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char when[32];

		reqview_local_time(db_text(st, 4), when);
		err = reqview_set(hdf, db_text(st, 0), "%s.Signed.%d.Name", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.Signed.%d.Agency", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.Signed.%d.Version", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 3), "%s.Signed.%d.TypedName", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, when, "%s.Signed.%d.SignedAt", prefix, n);
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *ackcamp_for_user(struct db *db, const struct user *user, const char *today, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, "SELECT " CAMPAIGN_COLUMNS ", users u WHERE u.id = ?1 AND " AUDIENCE " AND NOT " DONE " "
				  "ORDER BY c.due_on, c.id", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, user->id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char p[96];

		snprintf(p, sizeof p, "%s.Pending.%d", prefix, n++);
		err = campaign_row(st, today, hdf, p);
	}
	db_done(st);
	n = 0;
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT c.title, a.version, a.typed_name, a.signed_at FROM acknowledgements a "
			      "JOIN ack_campaigns c ON c.id = a.campaign_id WHERE a.user_id = ?1 ORDER BY a.id DESC LIMIT 100", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, user->id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char when[32];

		reqview_local_time(db_text(st, 3), when);
		err = reqview_set(hdf, db_text(st, 0), "%s.Done.%d.Title", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.Done.%d.Version", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.Done.%d.TypedName", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, when, "%s.Done.%d.SignedAt", prefix, n);
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *ackcamp_pending_count(struct db *db, const struct user *user, int *count)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT count(*) FROM ack_campaigns c, users u WHERE u.id = ?1 AND " AUDIENCE
				  " AND NOT " DONE, &st);

	*count = 0;
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, user->id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*count = db_int(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *ackcamp_acknowledge(struct db *db, int64_t id, const struct user *user, const char *typed, time_t now,
			    int *already)
{
	struct db_stmt *st = NULL;
	char at[21];
	int row = 0, version = 0;
	NEOERR *err = db_stmt(db, "SELECT c.version, " DONE " FROM ack_campaigns c, users u "
				  "WHERE c.id = ?1 AND u.id = ?2 AND " AUDIENCE, &st);

	*already = 0;
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, user->id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no acknowledgement asked of you at this address.");
	if (err == STATUS_OK) {
		version = db_int(st, 0);
		*already = db_int(st, 1);
	}
	db_done(st);
	if (err != STATUS_OK || *already)
		return nerr_pass(err);
	iso_time_format(now, at);
	err = db_stmt(db, "INSERT OR IGNORE INTO acknowledgements(campaign_id, user_id, version, typed_name, signed_at) "
			  "VALUES (?1, ?2, ?3, ?4, ?5)", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, user->id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, version);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, typed);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, at);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *ackcamp_remind(struct db *db, const struct settings *settings, int64_t id, time_t now, int *sent)
{
	struct db_stmt *st = NULL;
	int row = 0;
	struct outbox_recipient *people = NULL;
	size_t n = 0;
	char title[256] = "", section[256] = "", due[16] = "", version[16] = "", link[512], subject[320];
	NEOERR *err = db_stmt(db, "SELECT c.title, COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = "
				  "c.section_id AND v.version = c.version), ''), c.due_on, c.version FROM ack_campaigns c "
				  "WHERE c.id = ?1", &st);

	*sent = 0;
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such acknowledgement campaign.");
	if (err == STATUS_OK) {
		snprintf(title, sizeof title, "%s", db_text(st, 0));
		snprintf(section, sizeof section, "%s", db_text(st, 1));
		snprintf(due, sizeof due, "%s", db_text(st, 2));
		snprintf(version, sizeof version, "%s", db_text(st, 3));
	}
	db_done(st);
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT u.name, u.email FROM ack_campaigns c JOIN users u ON " AUDIENCE " "
			      "WHERE c.id = ?1 AND NOT " DONE " ORDER BY u.id", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK)
		err = outbox_collect_recipients(db, st, &people, &n);
	else
		db_done(st);
	snprintf(link, sizeof link, "%s/my/acknowledgements", settings->base_url);
	snprintf(subject, sizeof subject, "Reminder: please acknowledge %s by %s", title, due);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		HDF *hdf = NULL;
		STRING text, html;
		struct outbox_message msg;

		string_init(&text);
		string_init(&html);
		err = hdf_init(&hdf);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "hdf.loadpaths.0", settings->template_dir);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.ToName", people[i].name);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Title", title);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Section", section);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Version", version);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Due", due);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Link", link);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Config.VarEscapeMode", "none");
		if (err == STATUS_OK) err = render_template(hdf, "mail/ack_reminder.txt.cs", &text);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
		if (err == STATUS_OK) err = render_template(hdf, "mail/ack_reminder.html.cs", &html);
		hdf_destroy(&hdf);
		memset(&msg, 0, sizeof msg);
		msg.to_name = people[i].name;
		msg.to_addr = people[i].email;
		msg.subject = subject;
		msg.body_text = text.buf ? text.buf : "";
		msg.body_html = html.buf;
		msg.kind = "ack_reminder";
		if (err == STATUS_OK)
			err = outbox_enqueue(db, &msg, now, NULL);
		if (err == STATUS_OK)
			(*sent)++;
		string_clear(&text);
		string_clear(&html);
	}
	free(people);
	return nerr_pass(err);
}
