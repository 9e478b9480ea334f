/* campaigns: acknowledgement campaigns (ack_campaigns, ack_campaign_agencies)
 * and the acknowledgements employees sign, with the counts HR's report
 * shows.
 *
 * Who must acknowledge a campaign is worked out when asked: the active
 * users of its agencies (or all). An acknowledgement counts when its
 * version is at least the campaign's. Text in a row lives only as long as
 * the callback that receives it. */
#ifndef HR_STORE_CAMPAIGNS_H
#define HR_STORE_CAMPAIGNS_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/announcements.h"

/* A campaign with its totals. */
struct store_campaign {
	int64_t id;
	const char *title;
	const char *section_url;   /* "/document/section" */
	const char *section_title; /* at the campaign's version, else the TOC's */
	int version;
	const char *due_on;      /* YYYY-MM-DD */
	int required, done;      /* who must acknowledge; who has */
	const char *agencies;    /* "All agencies", or "A, B" (A to Z) */
	const char *reopened_at; /* ISO 8601 UTC; "" when never */
};
typedef NEOERR *(*store_campaign_fn)(void *ctx, const struct store_campaign *row);

/* Add a campaign on the newest version of a section, and its agencies
 * (ignored when all_agencies). *id = 0 and nothing written when the
 * section has no version. Inside the caller's transaction. */
NEOERR *store_campaigns_add(struct db *db, int64_t section_id, const char *title, const char *due_on, int all_agencies,
			    const char *const *agencies, size_t n_agencies, const char *created_at,
			    const char *created_by, int64_t *id);

/* Every campaign, newest first. */
NEOERR *store_campaigns_list(struct db *db, store_campaign_fn each, void *ctx);
/* One campaign, without its counts (required and done are 0: the report
 * sums store_campaigns_by_agency's); *found = 0 (each not called) when
 * there is none. */
NEOERR *store_campaigns_get(struct db *db, int64_t id, store_campaign_fn each, void *ctx, int *found);
/* The campaigns a user still has to acknowledge, by due date. */
NEOERR *store_campaigns_pending_for(struct db *db, int64_t user_id, store_campaign_fn each, void *ctx);
NEOERR *store_campaigns_pending_count(struct db *db, int64_t user_id, int *count);

/* Completion of one agency (A to Z). */
struct store_campaign_agency {
	const char *agency;
	int required, done;
};
NEOERR *store_campaigns_by_agency(struct db *db, int64_t id,
				  NEOERR *(*each)(void *ctx, const struct store_campaign_agency *row), void *ctx);

/* Someone who still has to acknowledge: by agency then name, at most
 * limit (the report); the recipients of a reminder: every one, by user id. */
struct store_campaign_person {
	const char *name, *agency;
};
NEOERR *store_campaigns_pending_people(struct db *db, int64_t id, int limit,
				       NEOERR *(*each)(void *ctx, const struct store_campaign_person *row), void *ctx);
NEOERR *store_campaigns_pending_recipients(struct db *db, int64_t id, store_recipient_fn each, void *ctx);

/* An acknowledgement, latest first: of a campaign (title "") or by a user
 * (name and agency ""). */
struct store_acknowledgement {
	const char *name, *agency, *title;
	int version;
	const char *typed_name;
	const char *signed_at; /* ISO 8601 UTC */
};
typedef NEOERR *(*store_acknowledgement_fn)(void *ctx, const struct store_acknowledgement *row);
NEOERR *store_campaigns_signed(struct db *db, int64_t id, int limit, store_acknowledgement_fn each, void *ctx);
NEOERR *store_campaigns_signed_by(struct db *db, int64_t user_id, int limit, store_acknowledgement_fn each, void *ctx);

/* Whether campaign id asks user_id to acknowledge (*asked), at which
 * *version, and whether they have (*done). */
NEOERR *store_campaigns_asked_of(struct db *db, int64_t id, int64_t user_id, int *asked, int *version, int *done);
/* Record an acknowledgement (one per campaign, user and version: a second
 * one changes nothing). Inside the caller's transaction. */
NEOERR *store_campaigns_acknowledge(struct db *db, int64_t id, int64_t user_id, int version, const char *typed_name,
				    const char *signed_at);

/* What a reminder says about a campaign. */
struct store_campaign_reminder {
	char title[256];
	char section_title[256]; /* at the campaign's version; "" if none */
	char due_on[16];
	int version;
};
/* *found = 0 when there is no such campaign. */
NEOERR *store_campaigns_reminder(struct db *db, int64_t id, struct store_campaign_reminder *out, int *found);

#endif
