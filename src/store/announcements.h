/* announcements: announcement templates, published announcements (their
 * fields and agencies), employees' subscriptions to parts of the handbook,
 * and who an announcement reaches; with the few reads of sections and
 * users that writing one needs.
 *
 * Text in a row lives only as long as the callback that receives it. */
#ifndef HR_STORE_ANNOUNCEMENTS_H
#define HR_STORE_ANNOUNCEMENTS_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Someone a message goes to. */
struct store_recipient {
	const char *name, *email;
};
typedef NEOERR *(*store_recipient_fn)(void *ctx, const struct store_recipient *row);
/* For the store's own files: step a prepared statement of (name, email)
 * rows, each to each, and finish it. bound is how binding it went: on an
 * error the statement is finished and the error returned. */
NEOERR *store_recipient_rows(struct db *db, struct db_stmt *st, NEOERR *bound, store_recipient_fn each, void *ctx);

/* ---- Templates ---- */

struct store_announcement_template {
	int64_t id;
	const char *slug, *name, *description;
	const char *fields; /* "name|Label|kind" lines */
	const char *body_cs;
	const char *created_by, *created_at;
};
typedef NEOERR *(*store_template_fn)(void *ctx, const struct store_announcement_template *row);

/* The template at slug; *found = 0 (each not called) when there is none. */
NEOERR *store_announcements_template(struct db *db, const char *slug, store_template_fn each, void *ctx, int *found);
/* Every template, oldest first. */
NEOERR *store_announcements_templates(struct db *db, store_template_fn each, void *ctx);
/* Add a template (id, slug ... created_at of t; id ignored); *added = 0
 * and nothing written when the slug is taken. Inside the caller's
 * transaction. */
NEOERR *store_announcements_template_add(struct db *db, const struct store_announcement_template *t, int *added);

/* ---- Announcements ---- */

struct store_announcement_new {
	int64_t template_id;
	const char *title;
	int64_t section_id; /* 0: about no section */
	const char *body_md, *body_html, *body_text;
	const char *audience; /* subscribers, agencies, none */
	const char *published_at, *published_by;
	const char *const *field_names, *const *field_values;
	size_t n_fields;
	const char *const *agencies; /* its audience when "agencies" */
	size_t n_agencies;
};
/* Add an announcement, at its section's newest version, with its fields
 * and agencies. Inside the caller's transaction. */
NEOERR *store_announcements_add(struct db *db, const struct store_announcement_new *a, int64_t *id);
/* Record how many it reached, once queued (same transaction). */
NEOERR *store_announcements_set_recipients(struct db *db, int64_t id, int recipients);

/* Active users who follow the part of the handbook whose top entry is
 * top_section_id / of announcement id's agencies, by user id. */
NEOERR *store_announcements_followers(struct db *db, int64_t top_section_id, store_recipient_fn each, void *ctx);
NEOERR *store_announcements_agency_recipients(struct db *db, int64_t id, store_recipient_fn each, void *ctx);

struct store_announcement {
	int64_t id;
	const char *title, *body_html;
	const char *published_at; /* ISO 8601 UTC */
	const char *published_by; /* the name, else the login */
	const char *section_url;  /* "/document/section"; "" when about none */
	const char *section_title;
	int recipients;
	const char *audience;
};
/* Newest first, at most limit. */
NEOERR *store_announcements_list(struct db *db, int limit,
				 NEOERR *(*each)(void *ctx, const struct store_announcement *row), void *ctx);

/* ---- Users and sections, as announcements see them ---- */

/* Agencies of active users, A to Z; whether one has any. */
NEOERR *store_announcements_agencies(struct db *db, NEOERR *(*each)(void *ctx, const char *agency), void *ctx);
NEOERR *store_announcements_agency_known(struct db *db, const char *agency, int *known);

/* The section "document/section" names, not retired; *id 0 when none. */
NEOERR *store_announcements_section_id(struct db *db, const char *document, const char *section, int64_t *id);
/* The top-level entry of the table of contents a section is in. */
NEOERR *store_announcements_section_top(struct db *db, int64_t section_id, int64_t *top);

/* A section at its newest version (what an announcement says of it). */
struct store_announcement_section {
	const char *title, *document;
	const char *document_slug, *slug;
	const char *effective_date, *summary;
	int version;
};
/* each is not called for an unknown section or one without a version. */
NEOERR *store_announcements_section(struct db *db, int64_t section_id,
				    NEOERR *(*each)(void *ctx, const struct store_announcement_section *row),
				    void *ctx);

/* Sections one may choose (current documents, not retired) in reading
 * order: ref "document/section", the title in effect on today. */
struct store_section_choice {
	const char *ref, *title, *document;
};
NEOERR *store_announcements_section_choices(struct db *db, const char *today,
					    NEOERR *(*each)(void *ctx, const struct store_section_choice *row),
					    void *ctx);

/* ---- Subscriptions ---- */

/* The parts one may follow (the handbook's top-level entries), in order,
 * and whether user_id does. */
struct store_followable {
	int64_t id;
	const char *title;
	int subscribed;
};
NEOERR *store_announcements_followable(struct db *db, int64_t user_id,
				       NEOERR *(*each)(void *ctx, const struct store_followable *row), void *ctx);
NEOERR *store_announcements_is_followable(struct db *db, int64_t section_id, int *followable);
/* Replace what user_id follows by section_ids. Inside the caller's
 * transaction. */
NEOERR *store_announcements_subscribe(struct db *db, int64_t user_id, const int64_t *section_ids, size_t n,
				      const char *created_at);

#endif
