/* announce: announcements made from templates, the What's new page, its
 * Atom feed, the email they cause, and employees' subscriptions.
 *
 * A template (announcement_templates) is ClearSilver text written by HR and
 * a list of fields ("name|Label|text" or "name|Label|textarea", one per
 * line). An announcement fills the fields; the template is rendered by
 * usertmpl (allow-listed commands, HTML escaping) with only these values:
 *   Field.<name>                       what HR typed
 *   Section.{Title,Document,Url,EffectiveDate,Summary,Version}
 *                                      the section it is about, if any
 *   Announcement.Title, Site.{Name,BaseUrl}
 * and its output, Markdown, by markdown_render in safe mode. Publishing
 * stores the result and queues one email per recipient in the same
 * transaction: the employees who follow the part of the handbook the
 * section is in (subscriptions), or everyone in the chosen agencies.
 *
 * The actions that take then(db, then_ctx) run in their own transaction
 * and run then in it, when not NULL, once the action has succeeded (the
 * caller's audit entry): the action's out-parameters are already set, and
 * its failure undoes the action. */
#ifndef HR_ANNOUNCE_H
#define HR_ANNOUNCE_H

#include <stdint.h>
#include <ClearSilver.h>
#include <stddef.h>
#include <time.h>

#include "core/settings.h"
#include "mail/outbox.h"
#include "store/announcements.h"
#include "store/db.h"

#define ANNOUNCE_MAX_FIELDS 12
#define ANNOUNCE_MAX_VALUE 4000
#define ANNOUNCE_MAX_TITLE 200
#define ANNOUNCE_MAX_AGENCIES 32
#define ANNOUNCE_FEED_ENTRIES 30

struct announce_field {
	char name[33];
	char label[121];
	int textarea;
};

/* Pure: parse a template's field list. Returns 0, or -1 with a message. */
int announce_parse_fields(const char *spec, struct announce_field *out, size_t max, size_t *n, char *msg, size_t msgsz);

struct announce_template {
	int64_t id;
	char slug[81];
	char name[121];
	char *body_cs; /* owned: announce_template_free */
	struct announce_field fields[ANNOUNCE_MAX_FIELDS];
	size_t n_fields;
};

NEOERR *announce_template_load(struct db *db, const char *slug, struct announce_template *t);
void announce_template_free(struct announce_template *t);

/* Every template: <prefix>.N.{Slug,Name,Description,Body,CreatedBy,CreatedAt,
 * Fields.M.{Name,Label,Kind}}. */
NEOERR *announce_templates(struct db *db, HDF *hdf, const char *prefix);

/* Add a template; HR_ERR_CONFLICT when the slug is taken. The caller has
 * checked the body (usertmpl) and the fields. */
NEOERR *announce_template_add(struct db *db, const char *slug, const char *name, const char *description,
			      const char *fields, const char *body_cs, const char *by, time_t now, db_tx_fn then,
			      void *then_ctx);

/* What an announcement is made of. */
struct announce_input {
	const struct announce_template *tmpl;
	const char *title;
	const char *values[ANNOUNCE_MAX_FIELDS]; /* per tmpl->fields, "" when empty */
	int64_t section_id;                      /* 0: about no section */
	const char *audience;                    /* subscribers, agencies, none */
	const char *agencies[ANNOUNCE_MAX_AGENCIES];
	size_t n_agencies;
};

/* The section an announcement is about, by "doc/slug" (as the form sends
 * it): *id 0 for "" ; HR_ERR_BAD_REQUEST for an unknown one. */
NEOERR *announce_find_section(struct db *db, const char *ref, int64_t *id);

/* Render an announcement: Markdown (the template's output), HTML and text
 * (newly allocated, free()). HR_ERR_BAD_REQUEST for a template that is
 * refused or fails, with HR's message. */
NEOERR *announce_render(struct db *db, const struct settings *settings, const struct announce_input *in, char **md,
			char **html, char **text);

/* Store a rendered announcement and queue its email, inside the caller's
 * transaction (publishing a section announces it in the same one); *id
 * and *recipients for the caller. HR_ERR_BAD_REQUEST, with nothing
 * written, for audience "subscribers" without a section. */
NEOERR *announce_publish(struct db *db, const struct settings *settings, const struct announce_input *in,
			 const char *md, const char *html, const char *text, const char *by, time_t now, int64_t *id,
			 int *recipients);
/* The same in its own transaction (the announcements page). */
NEOERR *announce_post(struct db *db, const struct settings *settings, const struct announce_input *in, const char *md,
		      const char *html, const char *text, const char *by, time_t now, int64_t *id, int *recipients,
		      db_tx_fn then, void *then_ctx);

/* The people a message goes to, gathered (a store_recipient_fn, ctx a
 * struct announce_people starting empty; free(list)) before any is queued:
 * the outbox writes on the same connection. */
struct announce_people {
	struct outbox_recipient *list;
	size_t n, cap;
};
NEOERR *announce_people_add(void *ctx, const struct store_recipient *row);

/* Published announcements, newest first, at most limit:
 * <prefix>.N.{Id,Title,BodyHtml,Published,PublishedLocal,By,SectionUrl,SectionTitle,Recipients,Audience}
 * (Published is ISO 8601 UTC, for the feed). */
NEOERR *announce_list(struct db *db, int limit, HDF *hdf, const char *prefix);

/* Agencies of active users, A to Z: <prefix>.N. */
NEOERR *announce_agencies(struct db *db, HDF *hdf, const char *prefix);
/* Whether an active user is of this agency (one an announcement can reach). */
NEOERR *announce_agency_known(struct db *db, const char *agency, int *known);

/* Sections an announcement can be about (for a select): <prefix>.N.{Ref,Title,Document}. */
NEOERR *announce_section_choices(struct db *db, const char *today, HDF *hdf, const char *prefix);

/* The parts of the handbook one may follow, with the user's choice:
 * <prefix>.N.{Id,Title,Subscribed}. */
NEOERR *announce_subscriptions(struct db *db, int64_t user_id, HDF *hdf, const char *prefix);

/* Replace the parts a user follows (ids not offered are refused with
 * HR_ERR_BAD_REQUEST), in its own transaction. */
NEOERR *announce_subscribe(struct db *db, int64_t user_id, const int64_t *ids, size_t n, time_t now);

#endif
