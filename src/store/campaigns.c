#include "store/campaigns.h"

#include <stdio.h>

/* User u must acknowledge campaign c / has acknowledged it. */
#define AUDIENCE                                                                                 \
	"u.active = 1 AND (c.all_agencies = 1 OR EXISTS (SELECT 1 FROM ack_campaign_agencies g " \
	"WHERE g.campaign_id = c.id AND g.agency = u.agency))"
#define DONE                                                                                        \
	"EXISTS (SELECT 1 FROM acknowledgements a WHERE a.campaign_id = c.id AND a.user_id = u.id " \
	"AND a.version >= c.version)"

NEOERR *store_campaigns_add(struct db *db, int64_t section_id, const char *title, const char *due_on, int all_agencies,
			    const char *const *agencies, size_t n_agencies, const char *created_at,
			    const char *created_by, int64_t *id)
{
	struct db_stmt *st = NULL;
	int row = 0, version = 0;
	NEOERR *err = db_stmt(db, "SELECT max(version) FROM section_versions WHERE section_id = ?1", &st);

	*id = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		version = db_int(st, 0);
	db_done(st);
	if (err != STATUS_OK || version < 1)
		return nerr_pass(err);
	err = db_stmt(db,
		      "INSERT INTO ack_campaigns(section_id, version, title, due_on, all_agencies, created_at, "
		      "created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
		      &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id), DB_INT(version), DB_TEXT(title), DB_TEXT(due_on),
		      DB_INT(all_agencies ? 1 : 0), DB_TEXT(created_at), DB_TEXT(created_by));
	if (err == STATUS_OK)
		err = db_insert(db, st, id);
	else
		db_done(st);
	for (size_t i = 0; !all_agencies && i < n_agencies && err == STATUS_OK; i++) {
		err = db_stmt(db,
			      "INSERT INTO ack_campaign_agencies(campaign_id, agency) VALUES (?1, ?2) "
			      "ON CONFLICT (campaign_id, agency) DO NOTHING",
			      &st);
		if (err == STATUS_OK) {
			err = db_bind(db, st, DB_INT(*id), DB_TEXT(agencies[i]));
			if (err == STATUS_OK)
				err = db_run(db, st);
			else
				db_done(st);
		}
	}
	return nerr_pass(err);
}

/* A campaign's columns, the two counts between HEAD and TAIL. */
#define CAMPAIGN_HEAD                                                                                      \
	"c.id, c.title, '/' || d.slug || '/' || s.slug, COALESCE((SELECT v.title FROM section_versions v " \
	"WHERE v.section_id = s.id AND v.version = c.version), s.toc_title), c.version, c.due_on, "
#define CAMPAIGN_TAIL                                                                                              \
	"CASE WHEN c.all_agencies = 1 THEN 'All agencies' ELSE COALESCE((SELECT group_concat(agency, ', ') "       \
	"FROM (SELECT agency FROM ack_campaign_agencies g WHERE g.campaign_id = c.id ORDER BY agency)), '') END, " \
	"COALESCE(c.reopened_at, '') "                                                                             \
	"FROM ack_campaigns c JOIN sections s ON s.id = c.section_id JOIN documents d ON d.id = s.document_id "
#define CAMPAIGN_COLUMNS                                                    \
	CAMPAIGN_HEAD "(SELECT count(*) FROM users u WHERE " AUDIENCE "), " \
		      "(SELECT count(*) FROM users u WHERE " AUDIENCE " AND " DONE "), " CAMPAIGN_TAIL

/* Run a statement of CAMPAIGN_COLUMNS (bound: how binding it went), each
 * row to each; *n rows. */
static NEOERR *campaign_rows(struct db *db, struct db_stmt *st, NEOERR *bound, store_campaign_fn each, void *ctx,
			     int *n)
{
	int row = 0;
	NEOERR *err = bound;

	*n = 0;
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_campaign c = {
			.id = db_int64(st, 0),
			.title = db_text(st, 1),
			.section_url = db_text(st, 2),
			.section_title = db_text(st, 3),
			.version = db_int(st, 4),
			.due_on = db_text(st, 5),
			.required = db_int(st, 6),
			.done = db_int(st, 7),
			.agencies = db_text(st, 8),
			.reopened_at = db_text(st, 9),
		};

		(*n)++;
		if ((err = each(ctx, &c)) != STATUS_OK)
			break;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_list(struct db *db, store_campaign_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	int n = 0;
	NEOERR *err = db_stmt(db, "SELECT " CAMPAIGN_COLUMNS "ORDER BY c.id DESC", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(campaign_rows(db, st, STATUS_OK, each, ctx, &n));
}

NEOERR *store_campaigns_get(struct db *db, int64_t id, store_campaign_fn each, void *ctx, int *found)
{
	struct db_stmt *st = NULL;
	/* Without the counts: each is a pass over every employee, and the
	 * report sums them from store_campaigns_by_agency's one pass. */
	NEOERR *err = db_stmt(db, "SELECT " CAMPAIGN_HEAD "0, 0, " CAMPAIGN_TAIL "WHERE c.id = ?1", &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(campaign_rows(db, st, db_bind(db, st, DB_INT(id)), each, ctx, found));
}

NEOERR *store_campaigns_pending_for(struct db *db, int64_t user_id, store_campaign_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	int n = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT " CAMPAIGN_COLUMNS ", users u WHERE u.id = ?1 AND " AUDIENCE " AND NOT " DONE " "
			      "ORDER BY c.due_on, c.id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(campaign_rows(db, st, db_bind(db, st, DB_INT(user_id)), each, ctx, &n));
}

NEOERR *store_campaigns_pending_count(struct db *db, int64_t user_id, int *count)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(
		db, "SELECT count(*) FROM ack_campaigns c, users u WHERE u.id = ?1 AND " AUDIENCE " AND NOT " DONE,
		&st);

	*count = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(user_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*count = db_int(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_by_agency(struct db *db, int64_t id,
				  NEOERR *(*each)(void *ctx, const struct store_campaign_agency *row), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT u.agency, count(*), sum(CASE WHEN " DONE " THEN 1 ELSE 0 END) "
			      "FROM ack_campaigns c JOIN users u ON " AUDIENCE " "
			      "WHERE c.id = ?1 GROUP BY u.agency ORDER BY u.agency",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_campaign_agency a = { db_text(st, 0), db_int(st, 1), db_int(st, 2) };

		err = each(ctx, &a);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_pending_people(struct db *db, int64_t id, int limit,
				       NEOERR *(*each)(void *ctx, const struct store_campaign_person *row), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT u.name, u.agency FROM ack_campaigns c JOIN users u ON " AUDIENCE " "
			      "WHERE c.id = ?1 AND NOT " DONE " ORDER BY u.agency, u.name LIMIT ?2",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id), DB_INT(limit));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_campaign_person p = { db_text(st, 0), db_text(st, 1) };

		err = each(ctx, &p);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_pending_recipients(struct db *db, int64_t id, store_recipient_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db,
			      "SELECT u.name, u.email FROM ack_campaigns c JOIN users u ON " AUDIENCE " "
			      "WHERE c.id = ?1 AND NOT " DONE " ORDER BY u.id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(store_recipient_rows(db, st, db_bind(db, st, DB_INT(id)), each, ctx));
}

/* Run a statement of acknowledgements (name, agency, title, version,
 * typed_name, signed_at; bound: how binding it went), each row to each. */
static NEOERR *acknowledgement_rows(struct db *db, struct db_stmt *st, NEOERR *bound, store_acknowledgement_fn each,
				    void *ctx)
{
	int row = 0;
	NEOERR *err = bound;

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_acknowledgement a = {
			.name = db_text(st, 0),
			.agency = db_text(st, 1),
			.title = db_text(st, 2),
			.version = db_int(st, 3),
			.typed_name = db_text(st, 4),
			.signed_at = db_text(st, 5),
		};

		if ((err = each(ctx, &a)) != STATUS_OK)
			break;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_signed(struct db *db, int64_t id, int limit, store_acknowledgement_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db,
			      "SELECT u.name, u.agency, '', a.version, a.typed_name, a.signed_at "
			      "FROM acknowledgements a JOIN users u ON u.id = a.user_id WHERE a.campaign_id = ?1 "
			      "ORDER BY a.id DESC LIMIT ?2",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(acknowledgement_rows(db, st, db_bind(db, st, DB_INT(id), DB_INT(limit)), each, ctx));
}

NEOERR *store_campaigns_signed_by(struct db *db, int64_t user_id, int limit, store_acknowledgement_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db,
			      "SELECT '', '', c.title, a.version, a.typed_name, a.signed_at "
			      "FROM acknowledgements a JOIN ack_campaigns c ON c.id = a.campaign_id "
			      "WHERE a.user_id = ?1 ORDER BY a.id DESC LIMIT ?2",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(acknowledgement_rows(db, st, db_bind(db, st, DB_INT(user_id), DB_INT(limit)), each, ctx));
}

NEOERR *store_campaigns_asked_of(struct db *db, int64_t id, int64_t user_id, int *asked, int *version, int *done)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT c.version, CASE WHEN " DONE " THEN 1 ELSE 0 END FROM ack_campaigns c, users u "
			      "WHERE c.id = ?1 AND u.id = ?2 AND " AUDIENCE,
			      &st);

	*asked = *version = *done = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id), DB_INT(user_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*asked = 1;
		*version = db_int(st, 0);
		*done = db_int(st, 1);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_acknowledge(struct db *db, int64_t id, int64_t user_id, int version, const char *typed_name,
				    const char *signed_at)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO acknowledgements(campaign_id, user_id, version, typed_name, signed_at) "
			      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (campaign_id, user_id, version) DO NOTHING",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id), DB_INT(user_id), DB_INT(version), DB_TEXT(typed_name), DB_TEXT(signed_at));
	if (err == STATUS_OK)
		return nerr_pass(db_run(db, st));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_campaigns_reminder(struct db *db, int64_t id, struct store_campaign_reminder *out, int *found)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT c.title, COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = "
			      "c.section_id AND v.version = c.version), ''), c.due_on, c.version FROM ack_campaigns c "
			      "WHERE c.id = ?1",
			      &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*found = 1;
		snprintf(out->title, sizeof out->title, "%s", db_text(st, 0));
		snprintf(out->section_title, sizeof out->section_title, "%s", db_text(st, 1));
		snprintf(out->due_on, sizeof out->due_on, "%s", db_text(st, 2));
		out->version = db_int(st, 3);
	}
	db_done(st);
	return nerr_pass(err);
}
