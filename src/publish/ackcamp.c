#include "publish/ackcamp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/isotime.h"
#include "forms/reqview.h"
#include "mail/outbox.h"
#include "publish/announce.h"
#include "store/campaigns.h"
#include "web/render.h"

/* The campaign and what the caller records with it, in one transaction. */
struct create_tx {
	int64_t section_id;
	const char *title, *due_on;
	int all_agencies;
	const char *const *agencies;
	size_t n_agencies;
	const char *by;
	time_t now;
	int64_t *id;
	db_tx_fn then;
	void *then_ctx;
};

static NEOERR *create_in_tx(struct db *db, void *ctx)
{
	struct create_tx *c = ctx;
	char at[21];
	NEOERR *err;

	iso_time_format(c->now, at);
	err = store_campaigns_add(db, c->section_id, c->title, c->due_on, c->all_agencies, c->agencies, c->n_agencies,
				  at, c->by, c->id);
	if (err == STATUS_OK && *c->id == 0)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "This section has no published version to acknowledge.");
	if (err == STATUS_OK && c->then)
		err = c->then(db, c->then_ctx);
	return nerr_pass(err);
}

NEOERR *ackcamp_create(struct db *db, int64_t section_id, const char *title, const char *due_on, int all_agencies,
		       const char *const *agencies, size_t n_agencies, const char *by, time_t now, int64_t *id,
		       db_tx_fn then, void *then_ctx)
{
	struct create_tx c = { section_id, title, due_on, all_agencies, agencies, n_agencies,
			       by,         now,   id,     then,         then_ctx };

	*id = 0;
	return nerr_pass(db_tx(db, create_in_tx, &c));
}

/* Where campaign rows go: the HDF node <prefix> (one campaign) or
 * <prefix>.N (a list). */
struct campaign_out {
	const char *today;
	HDF *hdf;
	const char *prefix;
	int list, n;
};

static NEOERR *campaign_row(void *ctx, const struct store_campaign *c)
{
	struct campaign_out *o = ctx;
	char url[300], p[96];
	NEOERR *err;

	if (o->list)
		snprintf(p, sizeof p, "%s.%d", o->prefix, o->n++);
	else
		snprintf(p, sizeof p, "%s", o->prefix);
	snprintf(url, sizeof url, "%s/history/%d", c->section_url, c->version);
	err = hdf_set_valuef(o->hdf, "%s.Id=%" PRId64, p, (int64_t)c->id);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, c->title, "%s.Title", p);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, c->section_url, "%s.SectionUrl", p);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, c->section_title, "%s.SectionTitle", p);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.Version=%d", p, c->version);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, url, "%s.VersionUrl", p);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, c->due_on, "%s.Due", p);
	if (err == STATUS_OK && strcmp(c->due_on, o->today) < 0)
		err = reqview_set(o->hdf, "1", "%s.Overdue", p);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.Required=%d", p, c->required);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.Done=%d", p, c->done);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.Pending=%d", p, c->required - c->done);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, c->agencies, "%s.Agencies", p);
	if (err == STATUS_OK && *c->reopened_at) {
		char when[32];

		reqview_local_time(c->reopened_at, when);
		err = reqview_set(o->hdf, when, "%s.ReopenedAt", p);
	}
	return nerr_pass(err);
}

NEOERR *ackcamp_list(struct db *db, const char *today, HDF *hdf, const char *prefix)
{
	struct campaign_out o = { today, hdf, prefix, 1, 0 };

	return nerr_pass(store_campaigns_list(db, campaign_row, &o));
}

/* The rows of the report and of a user's page: <prefix>.<part>.N. */
struct rows_out {
	HDF *hdf;
	const char *prefix;
	int n;
	int required, done; /* the sums of the agencies' rows */
};

static NEOERR *agency_row(void *ctx, const struct store_campaign_agency *a)
{
	struct rows_out *o = ctx;
	const char *p = o->prefix;
	int n = o->n++;
	NEOERR *err = reqview_set(o->hdf, a->agency, "%s.ByAgency.%d.Agency", p, n);

	o->required += a->required;
	o->done += a->done;

	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.ByAgency.%d.Required=%d", p, n, a->required);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.ByAgency.%d.Done=%d", p, n, a->done);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.ByAgency.%d.Pending=%d", p, n, a->required - a->done);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.ByAgency.%d.Percent=%d", p, n,
				     a->required ? a->done * 100 / a->required : 100);
	return nerr_pass(err);
}

static NEOERR *pending_row(void *ctx, const struct store_campaign_person *who)
{
	struct rows_out *o = ctx;
	int n = o->n++;
	NEOERR *err = reqview_set(o->hdf, who->name, "%s.People.%d.Name", o->prefix, n);

	if (err == STATUS_OK)
		err = reqview_set(o->hdf, who->agency, "%s.People.%d.Agency", o->prefix, n);
	return nerr_pass(err);
}

static NEOERR *signed_row(void *ctx, const struct store_acknowledgement *a)
{
	struct rows_out *o = ctx;
	int n = o->n++;
	char when[32];
	NEOERR *err;

	reqview_local_time(a->signed_at, when);
	err = reqview_set(o->hdf, a->name, "%s.Signed.%d.Name", o->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, a->agency, "%s.Signed.%d.Agency", o->prefix, n);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.Signed.%d.Version=%d", o->prefix, n, a->version);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, a->typed_name, "%s.Signed.%d.TypedName", o->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, when, "%s.Signed.%d.SignedAt", o->prefix, n);
	return nerr_pass(err);
}

NEOERR *ackcamp_detail(struct db *db, int64_t id, const char *today, HDF *hdf, const char *prefix)
{
	struct campaign_out c = { today, hdf, prefix, 0, 0 };
	struct rows_out agencies = { hdf, prefix, 0, 0, 0 }, pending = { hdf, prefix, 0, 0, 0 },
			signed_by = { hdf, prefix, 0, 0, 0 };
	int found = 0;
	NEOERR *err = store_campaigns_get(db, id, campaign_row, &c, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such acknowledgement campaign.");
	/* Completion per agency; who is still pending, and who acknowledged
	 * (latest first). */
	if (err == STATUS_OK)
		err = store_campaigns_by_agency(db, id, agency_row, &agencies);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Required=%d", prefix, agencies.required);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Done=%d", prefix, agencies.done);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Pending=%d", prefix, agencies.required - agencies.done);
	if (err == STATUS_OK)
		err = store_campaigns_pending_people(db, id, 200, pending_row, &pending);
	if (err == STATUS_OK)
		err = store_campaigns_signed(db, id, 200, signed_row, &signed_by);
	return nerr_pass(err);
}

static NEOERR *done_row(void *ctx, const struct store_acknowledgement *a)
{
	struct rows_out *o = ctx;
	int n = o->n++;
	char when[32];
	NEOERR *err;

	reqview_local_time(a->signed_at, when);
	err = reqview_set(o->hdf, a->title, "%s.Done.%d.Title", o->prefix, n);
	if (err == STATUS_OK)
		err = hdf_set_valuef(o->hdf, "%s.Done.%d.Version=%d", o->prefix, n, a->version);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, a->typed_name, "%s.Done.%d.TypedName", o->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(o->hdf, when, "%s.Done.%d.SignedAt", o->prefix, n);
	return nerr_pass(err);
}

NEOERR *ackcamp_for_user(struct db *db, const struct user *user, const char *today, HDF *hdf, const char *prefix)
{
	char p[96];
	struct campaign_out pending = { today, hdf, p, 1, 0 };
	struct rows_out done = { hdf, prefix, 0, 0, 0 };
	NEOERR *err;

	snprintf(p, sizeof p, "%s.Pending", prefix);
	err = store_campaigns_pending_for(db, user->id, campaign_row, &pending);
	if (err == STATUS_OK)
		err = store_campaigns_signed_by(db, user->id, 100, done_row, &done);
	return nerr_pass(err);
}

NEOERR *ackcamp_pending_count(struct db *db, const struct user *user, int *count)
{
	return nerr_pass(store_campaigns_pending_count(db, user->id, count));
}

struct acknowledge_tx {
	int64_t id;
	const struct user *user;
	const char *typed;
	time_t now;
	int *already;
};

static NEOERR *acknowledge_in_tx(struct db *db, void *ctx)
{
	struct acknowledge_tx *a = ctx;
	char at[21];
	int asked = 0, version = 0;
	NEOERR *err = store_campaigns_asked_of(db, a->id, a->user->id, &asked, &version, a->already);

	if (err == STATUS_OK && !asked)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no acknowledgement asked of you at this address.");
	if (err != STATUS_OK || *a->already)
		return nerr_pass(err);
	iso_time_format(a->now, at);
	return nerr_pass(store_campaigns_acknowledge(db, a->id, a->user->id, version, a->typed, at));
}

NEOERR *ackcamp_acknowledge(struct db *db, int64_t id, const struct user *user, const char *typed, time_t now,
			    int *already)
{
	struct acknowledge_tx a = { id, user, typed, now, already };

	*already = 0;
	return nerr_pass(db_tx(db, acknowledge_in_tx, &a));
}

struct remind_tx {
	const struct settings *settings;
	int64_t id;
	time_t now;
	int *sent;
	db_tx_fn then;
	void *then_ctx;
};

static NEOERR *remind_in_tx(struct db *db, void *ctx)
{
	struct remind_tx *r = ctx;
	const struct settings *settings = r->settings;
	struct store_campaign_reminder c = { .version = 0 };
	struct announce_people people = { NULL, 0, 0 };
	char version[16], link[512], subject[320];
	int found = 0;
	NEOERR *err = store_campaigns_reminder(db, r->id, &c, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such acknowledgement campaign.");
	if (err == STATUS_OK)
		err = store_campaigns_pending_recipients(db, r->id, announce_people_add, &people);
	snprintf(version, sizeof version, "%d", c.version);
	snprintf(link, sizeof link, "%s/my/acknowledgements", settings->base_url);
	snprintf(subject, sizeof subject, "Reminder: please acknowledge %s by %s", c.title, c.due_on);
	for (size_t i = 0; i < people.n && err == STATUS_OK; i++) {
		HDF *hdf = NULL;
		STRING text, html;
		struct outbox_message msg;

		string_init(&text);
		string_init(&html);
		err = hdf_init(&hdf);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "hdf.loadpaths.0", settings->template_dir);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Mail.ToName", people.list[i].name);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Mail.Title", c.title);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Mail.Section", c.section_title);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Mail.Version", version);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Mail.Due", c.due_on);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Mail.Link", link);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Config.VarEscapeMode", "none");
		if (err == STATUS_OK)
			err = render_template(hdf, "mail/ack_reminder.txt.cs", &text);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
		if (err == STATUS_OK)
			err = render_template(hdf, "mail/ack_reminder.html.cs", &html);
		hdf_destroy(&hdf);
		memset(&msg, 0, sizeof msg);
		msg.to_name = people.list[i].name;
		msg.to_addr = people.list[i].email;
		msg.subject = subject;
		msg.body_text = text.buf ? text.buf : "";
		msg.body_html = html.buf;
		msg.kind = "ack_reminder";
		if (err == STATUS_OK)
			err = outbox_enqueue(db, &msg, r->now, NULL);
		if (err == STATUS_OK)
			(*r->sent)++;
		string_clear(&text);
		string_clear(&html);
	}
	free(people.list);
	if (err == STATUS_OK && r->then)
		err = r->then(db, r->then_ctx);
	return nerr_pass(err);
}

NEOERR *ackcamp_remind(struct db *db, const struct settings *settings, int64_t id, time_t now, int *sent, db_tx_fn then,
		       void *then_ctx)
{
	struct remind_tx r = { settings, id, now, sent, then, then_ctx };

	*sent = 0;
	return nerr_pass(db_tx(db, remind_in_tx, &r));
}
