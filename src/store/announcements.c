#include "store/announcements.h"

NEOERR *store_recipient_rows(struct db *db, struct db_stmt *st, NEOERR *bound, store_recipient_fn each, void *ctx)
{
	int row = 0;
	NEOERR *err = bound;

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_recipient r = { db_text(st, 0), db_text(st, 1) };

		if ((err = each(ctx, &r)) != STATUS_OK)
			break;
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Templates ---- */

static NEOERR *template_rows(struct db *db, struct db_stmt *st, NEOERR *bound, store_template_fn each, void *ctx,
			     int *n)
{
	int row = 0;
	NEOERR *err = bound;

	*n = 0;
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_announcement_template t = {
			.id = db_int64(st, 0),
			.slug = db_text(st, 1),
			.name = db_text(st, 2),
			.description = db_text(st, 3),
			.fields = db_text(st, 4),
			.body_cs = db_text(st, 5),
			.created_by = db_text(st, 6),
			.created_at = db_text(st, 7),
		};

		(*n)++;
		if ((err = each(ctx, &t)) != STATUS_OK)
			break;
	}
	db_done(st);
	return nerr_pass(err);
}

#define TEMPLATE_COLUMNS                                                               \
	"SELECT id, slug, name, description, fields, body_cs, created_by, created_at " \
	"FROM announcement_templates "

NEOERR *store_announcements_template(struct db *db, const char *slug, store_template_fn each, void *ctx, int *found)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db, TEMPLATE_COLUMNS "WHERE slug = ?1", &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(template_rows(db, st, db_bind(db, st, DB_TEXT(slug ? slug : "")), each, ctx, found));
}

NEOERR *store_announcements_templates(struct db *db, store_template_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	int n = 0;
	NEOERR *err = db_stmt(db, TEMPLATE_COLUMNS "ORDER BY id", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(template_rows(db, st, STATUS_OK, each, ctx, &n));
}

NEOERR *store_announcements_template_add(struct db *db, const struct store_announcement_template *t, int *added)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(
		db,
		"INSERT INTO announcement_templates(slug, name, description, fields, body_cs, "
		"created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (slug) DO NOTHING",
		&st);

	*added = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(t->slug), DB_TEXT(t->name), DB_TEXT(t->description), DB_TEXT(t->fields),
		      DB_TEXT(t->body_cs), DB_TEXT(t->created_by), DB_TEXT(t->created_at));
	if (err != STATUS_OK) {
		db_done(st);
		return nerr_pass(err);
	}
	err = db_run(db, st);
	if (err == STATUS_OK)
		*added = db_changes(db) > 0;
	return nerr_pass(err);
}

/* ---- Announcements ---- */

NEOERR *store_announcements_add(struct db *db, const struct store_announcement_new *a, int64_t *id)
{
	struct db_stmt *st = NULL;
	int row = 0, version = 0;
	NEOERR *err = STATUS_OK;

	*id = 0;
	if (a->section_id) {
		err = db_stmt(db, "SELECT max(version) FROM section_versions WHERE section_id = ?1", &st);
		if (err != STATUS_OK)
			return nerr_pass(err);
		err = db_bind(db, st, DB_INT(a->section_id));
		if (err == STATUS_OK)
			err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			version = db_int(st, 0);
		db_done(st);
	}
	if (err == STATUS_OK)
		err = db_stmt(db,
			      "INSERT INTO announcements(template_id, title, section_id, section_version, body_md, "
			      "body_html, body_text, audience, published_at, published_by) "
			      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
			      &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(a->template_id), DB_TEXT(a->title),
		      a->section_id ? DB_INT(a->section_id) : DB_NULL, a->section_id ? DB_INT(version) : DB_NULL,
		      DB_TEXT(a->body_md), DB_TEXT(a->body_html), DB_TEXT(a->body_text), DB_TEXT(a->audience),
		      DB_TEXT(a->published_at), DB_TEXT(a->published_by));
	if (err == STATUS_OK)
		err = db_insert(db, st, id);
	else
		db_done(st);
	for (size_t i = 0; i < a->n_fields && err == STATUS_OK; i++) {
		err = db_stmt(db, "INSERT INTO announcement_fields(announcement_id, name, value) VALUES (?1, ?2, ?3)",
			      &st);
		if (err == STATUS_OK) {
			err = db_bind(db, st, DB_INT(*id), DB_TEXT(a->field_names[i]), DB_TEXT(a->field_values[i]));
			if (err == STATUS_OK)
				err = db_run(db, st);
			else
				db_done(st);
		}
	}
	for (size_t i = 0; i < a->n_agencies && err == STATUS_OK; i++) {
		err = db_stmt(db,
			      "INSERT INTO announcement_agencies(announcement_id, agency) VALUES (?1, ?2) "
			      "ON CONFLICT (announcement_id, agency) DO NOTHING",
			      &st);
		if (err == STATUS_OK) {
			err = db_bind(db, st, DB_INT(*id), DB_TEXT(a->agencies[i]));
			if (err == STATUS_OK)
				err = db_run(db, st);
			else
				db_done(st);
		}
	}
	return nerr_pass(err);
}

NEOERR *store_announcements_set_recipients(struct db *db, int64_t id, int recipients)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db, "UPDATE announcements SET recipients = ?2 WHERE id = ?1", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id), DB_INT(recipients));
	if (err == STATUS_OK)
		return nerr_pass(db_run(db, st));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_followers(struct db *db, int64_t top_section_id, store_recipient_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db,
			      "SELECT u.name, u.email FROM subscriptions s JOIN users u ON u.id = s.user_id "
			      "WHERE s.section_id = ?1 AND u.active = 1 ORDER BY u.id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(store_recipient_rows(db, st, db_bind(db, st, DB_INT(top_section_id)), each, ctx));
}

NEOERR *store_announcements_agency_recipients(struct db *db, int64_t id, store_recipient_fn each, void *ctx)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db,
			      "SELECT u.name, u.email FROM users u JOIN announcement_agencies a ON a.agency = u.agency "
			      "WHERE a.announcement_id = ?1 AND u.active = 1 ORDER BY u.id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(store_recipient_rows(db, st, db_bind(db, st, DB_INT(id)), each, ctx));
}

NEOERR *store_announcements_list(struct db *db, int limit,
				 NEOERR *(*each)(void *ctx, const struct store_announcement *row), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT a.id, a.title, a.body_html, a.published_at, COALESCE(u.name, a.published_by), "
		"COALESCE('/' || d.slug || '/' || s.slug, ''), COALESCE(s.toc_title, ''), a.recipients, a.audience "
		"FROM announcements a LEFT JOIN users u ON u.login = a.published_by "
		"LEFT JOIN sections s ON s.id = a.section_id LEFT JOIN documents d ON d.id = s.document_id "
		"ORDER BY a.published_at DESC, a.id DESC LIMIT ?1",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(limit));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_announcement a = {
			.id = db_int64(st, 0),
			.title = db_text(st, 1),
			.body_html = db_text(st, 2),
			.published_at = db_text(st, 3),
			.published_by = db_text(st, 4),
			.section_url = db_text(st, 5),
			.section_title = db_text(st, 6),
			.recipients = db_int(st, 7),
			.audience = db_text(st, 8),
		};

		err = each(ctx, &a);
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Users and sections ---- */

NEOERR *store_announcements_agencies(struct db *db, NEOERR *(*each)(void *ctx, const char *agency), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT DISTINCT agency FROM users WHERE active = 1 ORDER BY agency", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row)
		if ((err = each(ctx, db_text(st, 0))) != STATUS_OK)
			break;
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_agency_known(struct db *db, const char *agency, int *known)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db, "SELECT 1 FROM users WHERE agency = ?1 AND active = 1 LIMIT 1", &st);

	*known = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(agency));
	if (err == STATUS_OK)
		err = db_step(db, st, known);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_section_id(struct db *db, const char *document, const char *section, int64_t *id)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT s.id FROM sections s JOIN documents d ON d.id = s.document_id "
			      "WHERE d.slug = ?1 AND s.slug = ?2 AND s.retired = 0",
			      &st);

	*id = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(document), DB_TEXT(section));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*id = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_section_top(struct db *db, int64_t section_id, int64_t *top)
{
	NEOERR *err = STATUS_OK;

	*top = section_id;
	/* A table of contents is a few levels deep; the bound stops a loop. */
	for (int depth = 0; depth < 8 && err == STATUS_OK; depth++) {
		struct db_stmt *st = NULL;
		int row = 0;
		int64_t parent = 0;

		err = db_stmt(db, "SELECT COALESCE(parent_id, 0) FROM sections WHERE id = ?1", &st);
		if (err != STATUS_OK)
			break;
		err = db_bind(db, st, DB_INT(*top));
		if (err == STATUS_OK)
			err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			parent = db_int64(st, 0);
		db_done(st);
		if (parent == 0)
			break;
		*top = parent;
	}
	return nerr_pass(err);
}

NEOERR *store_announcements_section(struct db *db, int64_t section_id,
				    NEOERR *(*each)(void *ctx, const struct store_announcement_section *row), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT v.title, d.title, d.slug, s.slug, v.effective_date, v.summary, v.version "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.id = (SELECT w.id FROM section_versions w WHERE w.section_id = s.id "
		"ORDER BY w.version DESC LIMIT 1) WHERE s.id = ?1",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_announcement_section s = {
			.title = db_text(st, 0),
			.document = db_text(st, 1),
			.document_slug = db_text(st, 2),
			.slug = db_text(st, 3),
			.effective_date = db_text(st, 4),
			.summary = db_text(st, 5),
			.version = db_int(st, 6),
		};

		err = each(ctx, &s);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_section_choices(struct db *db, const char *today,
					    NEOERR *(*each)(void *ctx, const struct store_section_choice *row),
					    void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT d.slug || '/' || s.slug, COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id "
		"AND v.effective_date <= ?1 ORDER BY v.effective_date DESC, v.version DESC LIMIT 1), s.toc_title), d.title "
		"FROM sections s JOIN documents d ON d.id = s.document_id WHERE s.retired = 0 AND d.status = 'current' "
		"ORDER BY d.sort, s.sort",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(today));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_section_choice c = { db_text(st, 0), db_text(st, 1), db_text(st, 2) };

		err = each(ctx, &c);
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Subscriptions ---- */

/* The parts one may follow: the handbook's top-level entries. */
#define FOLLOWABLE                                                              \
	"SELECT s.id FROM sections s JOIN documents d ON d.id = s.document_id " \
	"WHERE d.slug = 'handbook' AND s.parent_id IS NULL AND s.retired = 0"

NEOERR *store_announcements_followable(struct db *db, int64_t user_id,
				       NEOERR *(*each)(void *ctx, const struct store_followable *row), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT s.id, s.toc_title, CASE WHEN EXISTS (SELECT 1 FROM subscriptions x WHERE x.user_id = ?1 "
		"AND x.section_id = s.id) THEN 1 ELSE 0 END "
		"FROM sections s WHERE s.id IN (" FOLLOWABLE ") ORDER BY s.sort",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(user_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_followable f = { db_int64(st, 0), db_text(st, 1), db_int(st, 2) };

		err = each(ctx, &f);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_is_followable(struct db *db, int64_t section_id, int *followable)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db, "SELECT 1 FROM sections s WHERE s.id = ?1 AND s.id IN (" FOLLOWABLE ")", &st);

	*followable = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id));
	if (err == STATUS_OK)
		err = db_step(db, st, followable);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_announcements_subscribe(struct db *db, int64_t user_id, const int64_t *section_ids, size_t n,
				      const char *created_at)
{
	struct db_stmt *st = NULL;
	NEOERR *err = db_stmt(db, "DELETE FROM subscriptions WHERE user_id = ?1", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(user_id));
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		err = db_stmt(db,
			      "INSERT INTO subscriptions(user_id, section_id, created_at) VALUES (?1, ?2, ?3) "
			      "ON CONFLICT (user_id, section_id) DO NOTHING",
			      &st);
		if (err == STATUS_OK) {
			err = db_bind(db, st, DB_INT(user_id), DB_INT(section_ids[i]), DB_TEXT(created_at));
			if (err == STATUS_OK)
				err = db_run(db, st);
			else
				db_done(st);
		}
	}
	return nerr_pass(err);
}
