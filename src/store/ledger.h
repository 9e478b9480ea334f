/* store/ledger: the leave-sharing tables — a recipient's application
 * (leave_sharing), the donations to it in order of receipt
 * (leave_donations) and the ledger rows that move the hours
 * (leave_ledger). What may move and when is forms/ledger.h and
 * forms/sharing.c; these functions only read and write rows. Hours are
 * centihours. Writes run inside the caller's transaction. */
#ifndef HR_STORE_LEDGER_H
#define HR_STORE_LEDGER_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* A leave-sharing application. */
struct store_sharing_row {
	int64_t request_id;
	char program[8]; /* sick, annual */
	int64_t recipient_id;
	char week_hours[8]; /* 37.5, 40 */
	int64_t requested_ch;
	int64_t certified_ch; /* -1 until approved */
	char state[8];        /* applied, open, closed */
	int64_t used_ch;      /* -1 until back at work */
	char returned_on[11]; /* "" until back at work */
};

NEOERR *store_ledger_sharing(struct db *db, int64_t request_id, struct store_sharing_row *out, int *found);
/* The recipient's newest open application in a program; *id 0: none. */
NEOERR *store_ledger_open_application(struct db *db, int64_t recipient_id, const char *program, int64_t *id);
/* Record a submitted application (state applied; a stored one is replaced). */
NEOERR *store_ledger_apply(struct db *db, int64_t request_id, const char *program, int64_t recipient_id,
			   const char *week_hours, int64_t requested_ch);
/* Approved: open for donations up to certified_ch. */
NEOERR *store_ledger_certify(struct db *db, int64_t request_id, int64_t certified_ch);
/* Denied or withdrawn before approval: an applied application closes. */
NEOERR *store_ledger_close_applied(struct db *db, int64_t request_id);
/* Back at work on returned_on (YYYY-MM-DD), having used used_ch. */
NEOERR *store_ledger_close_returned(struct db *db, int64_t request_id, int64_t used_ch, const char *returned_on);

/* A donation to an application. */
struct store_donation_row {
	int64_t request_id; /* the donation form */
	int64_t donor_id;
	const char *donor_name, *donor_employee_id;
	int64_t hours_ch;       /* offered */
	int64_t transferred_ch; /* -1 until processed (0: nothing was needed) */
	int64_t restored_ch;
	const char *status;      /* of the donation form's request */
	const char *received_at; /* ISO 8601 UTC */
};
/* The received donations to an application in order of receipt. */
NEOERR *store_ledger_donations(struct db *db, int64_t application_id,
			       NEOERR *(*each)(void *ctx, const struct store_donation_row *row), void *ctx);
/* Record a submitted donation as the application's next one received
 * (a stored one is replaced). */
NEOERR *store_ledger_add_donation(struct db *db, int64_t request_id, int64_t application_id, int64_t donor_id,
				  int64_t hours_ch, const char *received_at);
/* The application a donation form gives to; *application_id 0: none. */
NEOERR *store_ledger_donation_application(struct db *db, int64_t request_id, int64_t *application_id);
NEOERR *store_ledger_set_transferred(struct db *db, int64_t request_id, int64_t transferred_ch);
NEOERR *store_ledger_add_restored(struct db *db, int64_t request_id, int64_t restored_ch);

/* A donation as its donor sees it: to whom, and what moved. */
struct store_donation_view {
	char recipient_name[129];
	char recipient_employee_id[17];
	int64_t application_id;
	int64_t transferred_ch; /* -1 until processed */
	int64_t restored_ch;
};
NEOERR *store_ledger_donation_view(struct db *db, int64_t request_id, struct store_donation_view *out, int *found);

/* One ledger row: hours_ch > 0 credits user_id, < 0 debits; entry is
 * "transfer" or "restore"; actor_id 0 is the portal. */
NEOERR *store_ledger_entry(struct db *db, int64_t application_id, int64_t donation_id, int64_t user_id,
			   const char *program, const char *entry, int64_t hours_ch, const char *at, int64_t actor_id);
/* What a user received from an application's donations, and what went
 * back (both >= 0): sums of the ledger rows. */
NEOERR *store_ledger_balance(struct db *db, int64_t application_id, int64_t user_id, int64_t *received,
			     int64_t *returned);

#endif
