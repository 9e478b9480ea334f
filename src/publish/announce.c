#include "publish/announce.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "content/markdown.h"
#include "mail/outbox.h"
#include "web/render.h"
#include "forms/requests.h"
#include "forms/reqview.h"
#include "publish/usertmpl.h"
#include "core/isotime.h"

/* ---- Templates ------------------------------------------------------------------ */

static int field_name_ok(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 32 || !(islower((unsigned char)s[0])))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

static void trim(char *s)
{
	size_t len = strlen(s), start = 0;

	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	while (s[start] && isspace((unsigned char)s[start]))
		start++;
	memmove(s, s + start, len - start + 1);
}

int announce_parse_fields(const char *spec, struct announce_field *out, size_t max, size_t *n, char *msg,
			  size_t msgsz)
{
	const char *p = spec ? spec : "";
	int line_no = 0;

	*n = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char line[256], *bar1, *bar2;

		line_no++;
		if (len >= sizeof line) {
			snprintf(msg, msgsz, "Field line %d is too long.", line_no);
			return -1;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p = eol ? eol + 1 : p + len;
		trim(line);
		if (line[0] == '\0')
			continue;
		bar1 = strchr(line, '|');
		bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
		if (bar1 == NULL) {
			snprintf(msg, msgsz, "Field line %d: write name|Label|text (or textarea).", line_no);
			return -1;
		}
		*bar1 = '\0';
		if (bar2)
			*bar2 = '\0';
		trim(line);
		trim(bar1 + 1);
		if (bar2)
			trim(bar2 + 1);
		if (!field_name_ok(line)) {
			snprintf(msg, msgsz, "Field line %d: a field name is 1 to 32 lower-case letters, digits or _, "
				 "starting with a letter.", line_no);
			return -1;
		}
		if (bar1[1] == '\0' || strlen(bar1 + 1) > 120) {
			snprintf(msg, msgsz, "Field line %d: give the field a label (at most 120 characters).", line_no);
			return -1;
		}
		if (bar2 && strcmp(bar2 + 1, "text") != 0 && strcmp(bar2 + 1, "textarea") != 0) {
			snprintf(msg, msgsz, "Field line %d: the kind is text or textarea.", line_no);
			return -1;
		}
		for (size_t i = 0; i < *n; i++)
			if (strcmp(out[i].name, line) == 0) {
				snprintf(msg, msgsz, "Field line %d: %s is named twice.", line_no, line);
				return -1;
			}
		if (*n == max) {
			snprintf(msg, msgsz, "A template has at most %zu fields.", max);
			return -1;
		}
		/* field_name_ok and the label check above bound both lengths. */
		memcpy(out[*n].name, line, strlen(line) + 1);
		memcpy(out[*n].label, bar1 + 1, strlen(bar1 + 1) + 1);
		out[*n].textarea = bar2 && strcmp(bar2 + 1, "textarea") == 0;
		(*n)++;
	}
	return 0;
}

NEOERR *announce_template_load(struct db *db, const char *slug, struct announce_template *t)
{
	struct db_stmt *st = NULL;
	int row = 0;
	char msg[200];
	NEOERR *err;

	memset(t, 0, sizeof *t);
	err = db_stmt(db, "SELECT id, slug, name, fields, body_cs FROM announcement_templates WHERE slug = ?1", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, slug ? slug : "");
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such announcement template.");
	if (err == STATUS_OK) {
		t->id = db_int64(st, 0);
		snprintf(t->slug, sizeof t->slug, "%s", db_text(st, 1));
		snprintf(t->name, sizeof t->name, "%s", db_text(st, 2));
		if (announce_parse_fields(db_text(st, 3), t->fields, ANNOUNCE_MAX_FIELDS, &t->n_fields, msg, sizeof msg) != 0)
			err = nerr_raise(NERR_ASSERT, "stored template %s has bad fields: %s", t->slug, msg);
		if (err == STATUS_OK && (t->body_cs = strdup(db_text(st, 4))) == NULL)
			err = nerr_raise(NERR_NOMEM, "template body");
	}
	db_done(st);
	if (err != STATUS_OK)
		announce_template_free(t);
	return nerr_pass(err);
}

void announce_template_free(struct announce_template *t)
{
	free(t->body_cs);
	t->body_cs = NULL;
}

NEOERR *announce_templates(struct db *db, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, "SELECT slug, name, description, fields, body_cs, created_by, created_at "
				  "FROM announcement_templates ORDER BY id", &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct announce_field fields[ANNOUNCE_MAX_FIELDS];
		size_t nf = 0;
		char msg[200], when[32];

		reqview_local_time(db_text(st, 6), when);
		err = reqview_set(hdf, db_text(st, 0), "%s.%d.Slug", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.%d.Name", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.%d.Description", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 4), "%s.%d.Body", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 5), "%s.%d.CreatedBy", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, when, "%s.%d.CreatedAt", prefix, n);
		if (announce_parse_fields(db_text(st, 3), fields, ANNOUNCE_MAX_FIELDS, &nf, msg, sizeof msg) != 0)
			nf = 0;
		for (size_t i = 0; i < nf && err == STATUS_OK; i++) {
			err = reqview_set(hdf, fields[i].name, "%s.%d.Fields.%zu.Name", prefix, n, i);
			if (err == STATUS_OK) err = reqview_set(hdf, fields[i].label, "%s.%d.Fields.%zu.Label", prefix, n, i);
			if (err == STATUS_OK)
				err = reqview_set(hdf, fields[i].textarea ? "textarea" : "text", "%s.%d.Fields.%zu.Kind",
						  prefix, n, i);
		}
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *announce_template_add(struct db *db, const char *slug, const char *name, const char *description,
			      const char *fields, const char *body_cs, const char *by, time_t now)
{
	struct db_stmt *st = NULL;
	char at[21];
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT 1 FROM announcement_templates WHERE slug = ?1", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	db_done(st);
	if (err == STATUS_OK && row)
		return nerr_raise(HR_ERR_CONFLICT, "There is already a template at that address: choose another name.");
	iso_time_format(now, at);
	if (err == STATUS_OK)
		err = db_stmt(db, "INSERT INTO announcement_templates(slug, name, description, fields, body_cs, created_by, "
			      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, name);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, description);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, fields);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, body_cs);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, by);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, at);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

/* ---- Rendering -------------------------------------------------------------------- */

NEOERR *announce_find_section(struct db *db, const char *ref, int64_t *id)
{
	char doc[64];
	const char *slash;
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err;

	*id = 0;
	if (ref == NULL || *ref == '\0')
		return STATUS_OK;
	slash = strchr(ref, '/');
	if (slash == NULL || (size_t)(slash - ref) >= sizeof doc)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose a section from the list.");
	snprintf(doc, sizeof doc, "%.*s", (int)(slash - ref), ref);
	err = db_stmt(db, "SELECT s.id FROM sections s JOIN documents d ON d.id = s.document_id "
			  "WHERE d.slug = ?1 AND s.slug = ?2 AND s.retired = 0", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, slash + 1);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*id = db_int64(st, 0);
	db_done(st);
	if (err == STATUS_OK && !row)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose a section from the list.");
	return nerr_pass(err);
}

/* The section's values for the template: its newest version (a change
 * being announced may take effect later). */
static NEOERR *section_values(struct db *db, const struct settings *settings, int64_t section_id, HDF *hdf)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
		"SELECT v.title, d.title, d.slug, s.slug, v.effective_date, v.summary, v.version "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.id = (SELECT w.id FROM section_versions w WHERE w.section_id = s.id "
		"ORDER BY w.version DESC LIMIT 1) WHERE s.id = ?1", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		char url[512];

		snprintf(url, sizeof url, "%s/%s/%s", settings->base_url, db_text(st, 2), db_text(st, 3));
		err = hdf_set_value(hdf, "Section.Title", db_text(st, 0));
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Section.Document", db_text(st, 1));
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Section.Url", url);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Section.EffectiveDate", db_text(st, 4));
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Section.Summary", db_text(st, 5));
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Section.Version", db_text(st, 6));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *announce_render(struct db *db, const struct settings *settings, const struct announce_input *in,
			char **md, char **html, char **text)
{
	HDF *data = NULL;
	STRING out;
	NEOERR *err = hdf_init(&data);

	*md = *html = *text = NULL;
	string_init(&out);
	if (err == STATUS_OK) err = hdf_set_value(data, "Site.Name", "Kentucky Employee HR Portal");
	if (err == STATUS_OK) err = hdf_set_value(data, "Site.BaseUrl", settings->base_url);
	if (err == STATUS_OK) err = hdf_set_value(data, "Announcement.Title", in->title ? in->title : "");
	for (size_t i = 0; i < in->tmpl->n_fields && err == STATUS_OK; i++)
		err = reqview_set(data, in->values[i] ? in->values[i] : "", "Field.%s", in->tmpl->fields[i].name);
	if (err == STATUS_OK && in->section_id)
		err = section_values(db, settings, in->section_id, data);
	if (err == STATUS_OK)
		err = usertmpl_render(in->tmpl->body_cs, data, &out);
	if (err == STATUS_OK)
		err = markdown_render(out.buf ? out.buf : "", (size_t)out.len, html, text);
	if (err == STATUS_OK && (*md = strdup(out.buf ? out.buf : "")) == NULL)
		err = nerr_raise(NERR_NOMEM, "announcement");
	if (err != STATUS_OK) {
		free(*html);
		free(*text);
		*html = *text = NULL;
	}
	string_clear(&out);
	hdf_destroy(&data);
	return nerr_pass(err);
}

/* ---- Publishing ------------------------------------------------------------------ */

/* The top-level entry of the document that contains a section. */
static NEOERR *top_of(struct db *db, int64_t section_id, int64_t *top)
{
	NEOERR *err = STATUS_OK;

	*top = section_id;
	for (int depth = 0; depth < 8 && err == STATUS_OK; depth++) {
		struct db_stmt *st = NULL;
		int row = 0;
		int64_t parent = 0;

		err = db_stmt(db, "SELECT COALESCE(parent_id, 0) FROM sections WHERE id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, *top);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			parent = db_int64(st, 0);
		db_done(st);
		if (parent == 0)
			break;
		*top = parent;
	}
	return nerr_pass(err);
}

/* The email's two parts, around the rendered announcement. */
static NEOERR *render_mail(const struct settings *settings, const char *title, const char *html, const char *text,
			   int64_t id, STRING *out_text, STRING *out_html)
{
	HDF *hdf = NULL;
	char link[512], subs[512];
	NEOERR *err = hdf_init(&hdf);

	snprintf(link, sizeof link, "%s/whats-new#announcement-%lld", settings->base_url, (long long)id);
	snprintf(subs, sizeof subs, "%s/my/subscriptions", settings->base_url);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "hdf.loadpaths.0", settings->template_dir);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Title", title);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.BodyHtml", html);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Text", text);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Link", link);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Mail.Subscriptions", subs);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Config.VarEscapeMode", "none");
	if (err == STATUS_OK) err = render_template(hdf, "mail/announcement.txt.cs", out_text);
	if (err == STATUS_OK) err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK) err = render_template(hdf, "mail/announcement.html.cs", out_html);
	hdf_destroy(&hdf);
	return nerr_pass(err);
}

NEOERR *announce_publish(struct db *db, const struct settings *settings, const struct announce_input *in,
			 const char *md, const char *html, const char *text, const char *by, time_t now,
			 int64_t *id, int *recipients)
{
	struct db_stmt *st = NULL;
	char at[21];
	STRING mail_text, mail_html;
	int row = 0, version = 0;
	NEOERR *err = STATUS_OK;

	*recipients = 0;
	iso_time_format(now, at);
	if (in->section_id) {
		err = db_stmt(db, "SELECT max(version) FROM section_versions WHERE section_id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, in->section_id);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			version = db_int(st, 0);
		db_done(st);
	}
	if (err == STATUS_OK)
		err = db_stmt(db, "INSERT INTO announcements(template_id, title, section_id, section_version, body_md, body_html, "
			      "body_text, audience, published_at, published_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, in->tmpl->id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, in->title);
	if (err == STATUS_OK && in->section_id) err = db_bind_int(db, st, 3, in->section_id);
	if (err == STATUS_OK && in->section_id) err = db_bind_int(db, st, 4, version);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, md);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, html);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, text);
	if (err == STATUS_OK) err = db_bind_text(db, st, 8, in->audience);
	if (err == STATUS_OK) err = db_bind_text(db, st, 9, at);
	if (err == STATUS_OK) err = db_bind_text(db, st, 10, by);
	if (err == STATUS_OK)
		err = db_insert(db, st, id);
	else
		db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; i < in->tmpl->n_fields && err == STATUS_OK; i++) {
		err = db_stmt(db, "INSERT INTO announcement_fields(announcement_id, name, value) VALUES (?1, ?2, ?3)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, *id);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, in->tmpl->fields[i].name);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, in->values[i] ? in->values[i] : "");
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	for (size_t i = 0; strcmp(in->audience, "agencies") == 0 && i < in->n_agencies && err == STATUS_OK; i++) {
		err = db_stmt(db, "INSERT OR IGNORE INTO announcement_agencies(announcement_id, agency) VALUES (?1, ?2)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, *id);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, in->agencies[i]);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	if (err != STATUS_OK || strcmp(in->audience, "none") == 0)
		return nerr_pass(err);

	/* Who is told: followers of the part the section is in, or everyone
	 * in the chosen agencies. One message each, rendered once. */
	string_init(&mail_text);
	string_init(&mail_html);
	err = render_mail(settings, in->title, html, text, *id, &mail_text, &mail_html);
	if (err == STATUS_OK && strcmp(in->audience, "subscribers") == 0) {
		int64_t top = 0;

		if (in->section_id == 0)
			err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose the section this is about to reach its followers.");
		if (err == STATUS_OK)
			err = top_of(db, in->section_id, &top);
		if (err == STATUS_OK)
			err = db_stmt(db, "SELECT u.name, u.email FROM subscriptions s JOIN users u ON u.id = s.user_id "
				      "WHERE s.section_id = ?1 AND u.active = 1 ORDER BY u.id", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, top);
	} else if (err == STATUS_OK) {
		err = db_stmt(db, "SELECT u.name, u.email FROM users u JOIN announcement_agencies a ON a.agency = u.agency "
			      "WHERE a.announcement_id = ?1 AND u.active = 1 ORDER BY u.id", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, *id);
	}
	if (err == STATUS_OK) {
		struct outbox_recipient *people = NULL;
		size_t n = 0;

		err = outbox_collect_recipients(db, st, &people, &n);
		for (size_t i = 0; i < n && err == STATUS_OK; i++) {
			struct outbox_message msg;

			memset(&msg, 0, sizeof msg);
			msg.to_name = people[i].name;
			msg.to_addr = people[i].email;
			msg.subject = in->title;
			msg.body_text = mail_text.buf ? mail_text.buf : "";
			msg.body_html = mail_html.buf;
			msg.kind = "announcement";
			err = outbox_enqueue(db, &msg, now, NULL);
			if (err == STATUS_OK)
				(*recipients)++;
		}
		free(people);
	}
	string_clear(&mail_text);
	string_clear(&mail_html);
	if (err == STATUS_OK) {
		err = db_stmt(db, "UPDATE announcements SET recipients = ?2 WHERE id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, *id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, *recipients);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	return nerr_pass(err);
}

/* ---- Reading -------------------------------------------------------------------- */

NEOERR *announce_list(struct db *db, int limit, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db,
		"SELECT a.id, a.title, a.body_html, a.published_at, COALESCE(u.name, a.published_by), "
		"COALESCE('/' || d.slug || '/' || s.slug, ''), COALESCE(s.toc_title, ''), a.recipients, a.audience "
		"FROM announcements a LEFT JOIN users u ON u.login = a.published_by "
		"LEFT JOIN sections s ON s.id = a.section_id LEFT JOIN documents d ON d.id = s.document_id "
		"ORDER BY a.published_at DESC, a.id DESC LIMIT ?1", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, limit);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char when[32];

		reqview_local_time(db_text(st, 3), when);
		err = reqview_set(hdf, db_text(st, 0), "%s.%d.Id", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.%d.Title", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.%d.BodyHtml", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 3), "%s.%d.Published", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, when, "%s.%d.PublishedLocal", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 4), "%s.%d.By", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 5), "%s.%d.SectionUrl", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 6), "%s.%d.SectionTitle", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 7), "%s.%d.Recipients", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 8), "%s.%d.Audience", prefix, n);
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *announce_agencies(struct db *db, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db, "SELECT DISTINCT agency FROM users WHERE active = 1 ORDER BY agency", &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = reqview_set(hdf, db_text(st, 0), "%s.%d", prefix, n++);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *announce_section_choices(struct db *db, const char *today, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db,
		"SELECT d.slug || '/' || s.slug, COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id "
		"AND v.effective_date <= ?1 ORDER BY v.effective_date DESC, v.version DESC LIMIT 1), s.toc_title), d.title "
		"FROM sections s JOIN documents d ON d.id = s.document_id WHERE s.retired = 0 AND d.status = 'current' "
		"ORDER BY d.sort, s.sort", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, today);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		err = reqview_set(hdf, db_text(st, 0), "%s.%d.Ref", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.%d.Title", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 2), "%s.%d.Document", prefix, n);
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

/* The parts one may follow: the handbook's top-level entries. */
#define FOLLOWABLE "SELECT s.id FROM sections s JOIN documents d ON d.id = s.document_id " \
	"WHERE d.slug = 'handbook' AND s.parent_id IS NULL AND s.retired = 0"

NEOERR *announce_subscriptions(struct db *db, long long user_id, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db,
		"SELECT s.id, s.toc_title, EXISTS (SELECT 1 FROM subscriptions x WHERE x.user_id = ?1 AND x.section_id = s.id) "
		"FROM sections s WHERE s.id IN (" FOLLOWABLE ") ORDER BY s.sort", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, user_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		err = reqview_set(hdf, db_text(st, 0), "%s.%d.Id", prefix, n);
		if (err == STATUS_OK) err = reqview_set(hdf, db_text(st, 1), "%s.%d.Title", prefix, n);
		if (err == STATUS_OK && db_int(st, 2))
			err = reqview_set(hdf, "1", "%s.%d.Subscribed", prefix, n);
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *announce_subscribe(struct db *db, long long user_id, const int64_t *ids, size_t n, time_t now)
{
	struct db_stmt *st = NULL;
	char at[21];
	NEOERR *err = STATUS_OK;

	iso_time_format(now, at);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		int row = 0;

		err = db_stmt(db, "SELECT 1 FROM sections s WHERE s.id = ?1 AND s.id IN (" FOLLOWABLE ")", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, ids[i]);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		db_done(st);
		if (err == STATUS_OK && !row)
			err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose parts of the handbook from the list.");
	}
	if (err == STATUS_OK) err = db_stmt(db, "DELETE FROM subscriptions WHERE user_id = ?1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, user_id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		err = db_stmt(db, "INSERT OR IGNORE INTO subscriptions(user_id, section_id, created_at) VALUES (?1, ?2, ?3)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, user_id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, ids[i]);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, at);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	return nerr_pass(err);
}
