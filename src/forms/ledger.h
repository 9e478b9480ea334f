/* ledger: how donated leave moves between donors and a recipient (the
 * handbook's "Leave Sharing Programs", 101 KAR 2:105 and 2:106).
 *
 *   - Donations are transferred in the order the donation forms were
 *     received, up to the amount certified as needed: a later donation
 *     waits while an earlier one is still undecided, and a donation gets
 *     only what is still needed (possibly nothing).
 *   - When the recipient returns to work, the unused donated hours go back
 *     to the donors in reverse order of donation.
 *
 * Amounts are centihours (hundredths of an hour, so 7.5 hours is 750).
 * Pure planning functions: the caller writes the planned moves as ledger
 * rows (donor debit and recipient credit, or the reverse) in one
 * transaction; balances are sums of ledger rows. */
#ifndef HR_LEDGER_H
#define HR_LEDGER_H

#include <stdint.h>
#include <stddef.h>

enum ledger_state {
	LEDGER_PENDING = 1, /* not yet approved: later donations wait */
	LEDGER_APPROVED,    /* approved, not yet transferred */
	LEDGER_TRANSFERRED, /* done (transferred_ch may be less than offered) */
	LEDGER_DECLINED,    /* denied or withdrawn: skipped */
};

struct ledger_donation {
	int64_t id;
	enum ledger_state state;
	int64_t offered_ch;     /* hours on the donation form */
	int64_t transferred_ch; /* for TRANSFERRED */
	int64_t restored_ch;    /* already given back */
};

struct ledger_move {
	size_t index;     /* into the donations array */
	int64_t hours_ch; /* >= 0; 0 means "not needed" */
};

/* Certified need minus what has been transferred and not restored. */
int64_t ledger_remaining_need(int64_t certified_ch, const struct ledger_donation *d, size_t n);

/* Plan the transfers that can happen now, donations in order of receipt.
 * Returns the number of moves written (at most n). */
size_t ledger_plan_transfers(int64_t certified_ch, const struct ledger_donation *d, size_t n,
			     struct ledger_move *moves);

/* Plan the restoration of unused_ch hours, newest donation first. Returns
 * the number of moves (only donations getting hours back). */
size_t ledger_plan_restore(const struct ledger_donation *d, size_t n, int64_t unused_ch, struct ledger_move *moves);

/* Parse "12", "7.5", "7.25" (at most two decimals, no sign) into
 * centihours; -1 when malformed or above max_ch. Format back. */
int64_t ledger_parse_hours(const char *s, int64_t max_ch);
void ledger_format_hours(int64_t ch, char out[32]);

#endif
