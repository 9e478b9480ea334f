#include "publish/announce.h"

#include <inttypes.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/markdown.h"
#include "core/errors.h"
#include "core/isotime.h"
#include "forms/reqview.h"
#include "publish/usertmpl.h"
#include "web/render.h"

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

int announce_parse_fields(const char *spec, struct announce_field *out, size_t max, size_t *n, char *msg, size_t msgsz)
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
			snprintf(msg, msgsz,
				 "Field line %d: a field name is 1 to 32 lower-case letters, digits or _, "
				 "starting with a letter.",
				 line_no);
			return -1;
		}
		if (bar1[1] == '\0' || strlen(bar1 + 1) > 120) {
			snprintf(msg, msgsz, "Field line %d: give the field a label (at most 120 characters).",
				 line_no);
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

static NEOERR *template_loaded(void *ctx, const struct store_announcement_template *row)
{
	struct announce_template *t = ctx;
	char msg[200];

	t->id = row->id;
	snprintf(t->slug, sizeof t->slug, "%s", row->slug);
	snprintf(t->name, sizeof t->name, "%s", row->name);
	if (announce_parse_fields(row->fields, t->fields, ANNOUNCE_MAX_FIELDS, &t->n_fields, msg, sizeof msg) != 0)
		return nerr_raise(NERR_ASSERT, "stored template %s has bad fields: %s", t->slug, msg);
	if ((t->body_cs = strdup(row->body_cs)) == NULL)
		return nerr_raise(NERR_NOMEM, "template body");
	return STATUS_OK;
}

NEOERR *announce_template_load(struct db *db, const char *slug, struct announce_template *t)
{
	int found = 0;
	NEOERR *err;

	memset(t, 0, sizeof *t);
	err = store_announcements_template(db, slug, template_loaded, t, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such announcement template.");
	if (err != STATUS_OK)
		announce_template_free(t);
	return nerr_pass(err);
}

void announce_template_free(struct announce_template *t)
{
	free(t->body_cs);
	t->body_cs = NULL;
}

/* Rows of a list into <prefix>.N. */
struct list_out {
	HDF *hdf;
	const char *prefix;
	int n;
};

static NEOERR *template_row(void *ctx, const struct store_announcement_template *row)
{
	struct list_out *o = ctx;
	const char *prefix = o->prefix;
	HDF *hdf = o->hdf;
	int n = o->n++;
	struct announce_field fields[ANNOUNCE_MAX_FIELDS];
	size_t nf = 0;
	char msg[200], when[32];
	NEOERR *err;

	reqview_local_time(row->created_at, when);
	err = reqview_set(hdf, row->slug, "%s.%d.Slug", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->name, "%s.%d.Name", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->description, "%s.%d.Description", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->body_cs, "%s.%d.Body", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->created_by, "%s.%d.CreatedBy", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, when, "%s.%d.CreatedAt", prefix, n);
	if (announce_parse_fields(row->fields, fields, ANNOUNCE_MAX_FIELDS, &nf, msg, sizeof msg) != 0)
		nf = 0;
	for (size_t i = 0; i < nf && err == STATUS_OK; i++) {
		err = reqview_set(hdf, fields[i].name, "%s.%d.Fields.%zu.Name", prefix, n, i);
		if (err == STATUS_OK)
			err = reqview_set(hdf, fields[i].label, "%s.%d.Fields.%zu.Label", prefix, n, i);
		if (err == STATUS_OK)
			err = reqview_set(hdf, fields[i].textarea ? "textarea" : "text", "%s.%d.Fields.%zu.Kind",
					  prefix, n, i);
	}
	return nerr_pass(err);
}

NEOERR *announce_templates(struct db *db, HDF *hdf, const char *prefix)
{
	struct list_out o = { hdf, prefix, 0 };

	return nerr_pass(store_announcements_templates(db, template_row, &o));
}

struct template_add_tx {
	const struct store_announcement_template *t;
	db_tx_fn then;
	void *then_ctx;
};

static NEOERR *template_add_in_tx(struct db *db, void *ctx)
{
	struct template_add_tx *a = ctx;
	int added = 0;
	NEOERR *err = store_announcements_template_add(db, a->t, &added);

	if (err == STATUS_OK && !added)
		err = nerr_raise(HR_ERR_CONFLICT, "There is already a template at that address: choose another name.");
	if (err == STATUS_OK && a->then)
		err = a->then(db, a->then_ctx);
	return nerr_pass(err);
}

NEOERR *announce_template_add(struct db *db, const char *slug, const char *name, const char *description,
			      const char *fields, const char *body_cs, const char *by, time_t now, db_tx_fn then,
			      void *then_ctx)
{
	char at[21];
	struct store_announcement_template t = { 0, slug, name, description, fields, body_cs, by, at };
	struct template_add_tx a = { &t, then, then_ctx };

	iso_time_format(now, at);
	return nerr_pass(db_tx(db, template_add_in_tx, &a));
}

/* ---- Rendering -------------------------------------------------------------------- */

NEOERR *announce_find_section(struct db *db, const char *ref, int64_t *id)
{
	char doc[64];
	const char *slash;
	NEOERR *err;

	*id = 0;
	if (ref == NULL || *ref == '\0')
		return STATUS_OK;
	slash = strchr(ref, '/');
	if (slash == NULL || (size_t)(slash - ref) >= sizeof doc)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose a section from the list.");
	snprintf(doc, sizeof doc, "%.*s", (int)(slash - ref), ref);
	err = store_announcements_section_id(db, doc, slash + 1, id);
	if (err == STATUS_OK && *id == 0)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose a section from the list.");
	return nerr_pass(err);
}

/* The section's values for the template: its newest version (a change
 * being announced may take effect later). */
struct section_out {
	const struct settings *settings;
	HDF *hdf;
};

static NEOERR *section_row(void *ctx, const struct store_announcement_section *row)
{
	struct section_out *o = ctx;
	char url[512];
	NEOERR *err;

	snprintf(url, sizeof url, "%s/%s/%s", o->settings->base_url, row->document_slug, row->slug);
	err = hdf_set_value(o->hdf, "Section.Title", row->title);
	if (err == STATUS_OK)
		err = hdf_set_value(o->hdf, "Section.Document", row->document);
	if (err == STATUS_OK)
		err = hdf_set_value(o->hdf, "Section.Url", url);
	if (err == STATUS_OK)
		err = hdf_set_value(o->hdf, "Section.EffectiveDate", row->effective_date);
	if (err == STATUS_OK)
		err = hdf_set_value(o->hdf, "Section.Summary", row->summary);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "Section.Version=%d", row->version);
	return nerr_pass(err);
}

static NEOERR *section_values(struct db *db, const struct settings *settings, int64_t section_id, HDF *hdf)
{
	struct section_out o = { settings, hdf };

	return nerr_pass(store_announcements_section(db, section_id, section_row, &o));
}

NEOERR *announce_render(struct db *db, const struct settings *settings, const struct announce_input *in, char **md,
			char **html, char **text)
{
	HDF *data = NULL;
	STRING out;
	NEOERR *err = hdf_init(&data);

	*md = *html = *text = NULL;
	string_init(&out);
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Site.Name", "Kentucky Employee HR Portal");
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Site.BaseUrl", settings->base_url);
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Announcement.Title", in->title ? in->title : "");
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

/* The email's two parts, around the rendered announcement. */
static NEOERR *render_mail(const struct settings *settings, const char *title, const char *html, const char *text,
			   int64_t id, STRING *out_text, STRING *out_html)
{
	HDF *hdf = NULL;
	char link[512], subs[512];
	NEOERR *err = hdf_init(&hdf);

	snprintf(link, sizeof link, "%s/whats-new#announcement-%" PRId64, settings->base_url, (int64_t)id);
	snprintf(subs, sizeof subs, "%s/my/subscriptions", settings->base_url);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", settings->template_dir);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Title", title);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.BodyHtml", html);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Text", text);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Link", link);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Subscriptions", subs);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.VarEscapeMode", "none");
	if (err == STATUS_OK)
		err = render_template(hdf, "mail/announcement.txt.cs", out_text);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = render_template(hdf, "mail/announcement.html.cs", out_html);
	hdf_destroy(&hdf);
	return nerr_pass(err);
}

NEOERR *announce_people_add(void *ctx, const struct store_recipient *row)
{
	struct announce_people *p = ctx;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct outbox_recipient *grown = realloc(p->list, cap * sizeof *grown);

		if (grown == NULL)
			return nerr_raise(NERR_NOMEM, "collecting mail recipients");
		p->list = grown;
		p->cap = cap;
	}
	snprintf(p->list[p->n].name, sizeof p->list[p->n].name, "%s", row->name);
	snprintf(p->list[p->n].email, sizeof p->list[p->n].email, "%s", row->email);
	p->n++;
	return STATUS_OK;
}

NEOERR *announce_publish(struct db *db, const struct settings *settings, const struct announce_input *in,
			 const char *md, const char *html, const char *text, const char *by, time_t now, int64_t *id,
			 int *recipients)
{
	char at[21];
	const char *names[ANNOUNCE_MAX_FIELDS], *values[ANNOUNCE_MAX_FIELDS];
	int to_agencies = strcmp(in->audience, "agencies") == 0;
	struct store_announcement_new a = {
		.template_id = in->tmpl->id,
		.title = in->title,
		.section_id = in->section_id,
		.body_md = md,
		.body_html = html,
		.body_text = text,
		.audience = in->audience,
		.published_at = at,
		.published_by = by,
		.field_names = names,
		.field_values = values,
		.n_fields = in->tmpl->n_fields,
		.agencies = in->agencies,
		.n_agencies = to_agencies ? in->n_agencies : 0,
	};
	struct announce_people people = { NULL, 0, 0 };
	STRING mail_text, mail_html;
	NEOERR *err;

	*id = 0;
	*recipients = 0;
	/* Refused before anything is written, whoever owns the transaction. */
	if (strcmp(in->audience, "subscribers") == 0 && in->section_id == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose the section this is about to reach its followers.");
	iso_time_format(now, at);
	for (size_t i = 0; i < in->tmpl->n_fields; i++) {
		names[i] = in->tmpl->fields[i].name;
		values[i] = in->values[i] ? in->values[i] : "";
	}
	err = store_announcements_add(db, &a, id);
	if (err != STATUS_OK || strcmp(in->audience, "none") == 0)
		return nerr_pass(err);

	/* Who is told: followers of the part the section is in, or everyone
	 * in the chosen agencies. One message each, rendered once. */
	if (strcmp(in->audience, "subscribers") == 0) {
		int64_t top = 0;

		err = store_announcements_section_top(db, in->section_id, &top);
		if (err == STATUS_OK)
			err = store_announcements_followers(db, top, announce_people_add, &people);
	} else {
		err = store_announcements_agency_recipients(db, *id, announce_people_add, &people);
	}
	string_init(&mail_text);
	string_init(&mail_html);
	if (err == STATUS_OK)
		err = render_mail(settings, in->title, html, text, *id, &mail_text, &mail_html);
	for (size_t i = 0; i < people.n && err == STATUS_OK; i++) {
		struct outbox_message msg;

		memset(&msg, 0, sizeof msg);
		msg.to_name = people.list[i].name;
		msg.to_addr = people.list[i].email;
		msg.subject = in->title;
		msg.body_text = mail_text.buf ? mail_text.buf : "";
		msg.body_html = mail_html.buf;
		msg.kind = "announcement";
		err = outbox_enqueue(db, &msg, now, NULL);
		if (err == STATUS_OK)
			(*recipients)++;
	}
	free(people.list);
	string_clear(&mail_text);
	string_clear(&mail_html);
	if (err == STATUS_OK)
		err = store_announcements_set_recipients(db, *id, *recipients);
	return nerr_pass(err);
}

struct post_tx {
	const struct settings *settings;
	const struct announce_input *in;
	const char *md, *html, *text, *by;
	time_t now;
	int64_t *id;
	int *recipients;
	db_tx_fn then;
	void *then_ctx;
};

static NEOERR *post_in_tx(struct db *db, void *ctx)
{
	struct post_tx *p = ctx;
	NEOERR *err = announce_publish(db, p->settings, p->in, p->md, p->html, p->text, p->by, p->now, p->id,
				       p->recipients);

	if (err == STATUS_OK && p->then)
		err = p->then(db, p->then_ctx);
	return nerr_pass(err);
}

NEOERR *announce_post(struct db *db, const struct settings *settings, const struct announce_input *in, const char *md,
		      const char *html, const char *text, const char *by, time_t now, int64_t *id, int *recipients,
		      db_tx_fn then, void *then_ctx)
{
	struct post_tx p = { settings, in, md, html, text, by, now, id, recipients, then, then_ctx };

	*id = 0;
	*recipients = 0;
	return nerr_pass(db_tx(db, post_in_tx, &p));
}

/* ---- Reading -------------------------------------------------------------------- */

static NEOERR *announcement_row(void *ctx, const struct store_announcement *row)
{
	struct list_out *o = ctx;
	const char *prefix = o->prefix;
	HDF *hdf = o->hdf;
	int n = o->n++;
	char when[32];
	NEOERR *err;

	reqview_local_time(row->published_at, when);
	err = hdf_set_valuef(hdf, "%s.%d.Id=%" PRId64, prefix, n, (int64_t)row->id);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->title, "%s.%d.Title", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->body_html, "%s.%d.BodyHtml", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->published_at, "%s.%d.Published", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, when, "%s.%d.PublishedLocal", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->published_by, "%s.%d.By", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->section_url, "%s.%d.SectionUrl", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->section_title, "%s.%d.SectionTitle", prefix, n);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.%d.Recipients=%d", prefix, n, row->recipients);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->audience, "%s.%d.Audience", prefix, n);
	return nerr_pass(err);
}

NEOERR *announce_list(struct db *db, int limit, HDF *hdf, const char *prefix)
{
	struct list_out o = { hdf, prefix, 0 };

	return nerr_pass(store_announcements_list(db, limit, announcement_row, &o));
}

static NEOERR *agency_row(void *ctx, const char *agency)
{
	struct list_out *o = ctx;

	return nerr_pass(reqview_set(o->hdf, agency, "%s.%d", o->prefix, o->n++));
}

NEOERR *announce_agencies(struct db *db, HDF *hdf, const char *prefix)
{
	struct list_out o = { hdf, prefix, 0 };

	return nerr_pass(store_announcements_agencies(db, agency_row, &o));
}

NEOERR *announce_agency_known(struct db *db, const char *agency, int *known)
{
	return nerr_pass(store_announcements_agency_known(db, agency, known));
}

static NEOERR *choice_row(void *ctx, const struct store_section_choice *row)
{
	struct list_out *o = ctx;
	int n = o->n++;
	NEOERR *err = reqview_set(o->hdf, row->ref, "%s.%d.Ref", o->prefix, n);

	if (err == STATUS_OK)
		err = reqview_set(o->hdf, row->title, "%s.%d.Title", o->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, row->document, "%s.%d.Document", o->prefix, n);
	return nerr_pass(err);
}

NEOERR *announce_section_choices(struct db *db, const char *today, HDF *hdf, const char *prefix)
{
	struct list_out o = { hdf, prefix, 0 };

	return nerr_pass(store_announcements_section_choices(db, today, choice_row, &o));
}

static NEOERR *followable_row(void *ctx, const struct store_followable *row)
{
	struct list_out *o = ctx;
	int n = o->n++;
	NEOERR *err = hdf_set_valuef(o->hdf, "%s.%d.Id=%" PRId64, o->prefix, n, (int64_t)row->id);

	if (err == STATUS_OK)
		err = reqview_set(o->hdf, row->title, "%s.%d.Title", o->prefix, n);
	if (err == STATUS_OK && row->subscribed)
		err = reqview_set(o->hdf, "1", "%s.%d.Subscribed", o->prefix, n);
	return nerr_pass(err);
}

NEOERR *announce_subscriptions(struct db *db, int64_t user_id, HDF *hdf, const char *prefix)
{
	struct list_out o = { hdf, prefix, 0 };

	return nerr_pass(store_announcements_followable(db, user_id, followable_row, &o));
}

struct subscribe_tx {
	int64_t user_id;
	const int64_t *ids;
	size_t n;
	time_t now;
};

static NEOERR *subscribe_in_tx(struct db *db, void *ctx)
{
	struct subscribe_tx *s = ctx;
	char at[21];
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < s->n && err == STATUS_OK; i++) {
		int followable = 0;

		err = store_announcements_is_followable(db, s->ids[i], &followable);
		if (err == STATUS_OK && !followable)
			err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose parts of the handbook from the list.");
	}
	iso_time_format(s->now, at);
	if (err == STATUS_OK)
		err = store_announcements_subscribe(db, s->user_id, s->ids, s->n, at);
	return nerr_pass(err);
}

NEOERR *announce_subscribe(struct db *db, int64_t user_id, const int64_t *ids, size_t n, time_t now)
{
	struct subscribe_tx s = { user_id, ids, n, now };

	return nerr_pass(db_tx(db, subscribe_in_tx, &s));
}
