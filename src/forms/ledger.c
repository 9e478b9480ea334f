#include "forms/ledger.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int64_t ledger_remaining_need(int64_t certified_ch, const struct ledger_donation *d, size_t n)
{
	int64_t held = 0;

	for (size_t i = 0; i < n; i++)
		if (d[i].state == LEDGER_TRANSFERRED)
			held += d[i].transferred_ch - d[i].restored_ch;
	return certified_ch > held ? certified_ch - held : 0;
}

size_t ledger_plan_transfers(int64_t certified_ch, const struct ledger_donation *d, size_t n, struct ledger_move *moves)
{
	int64_t remaining = ledger_remaining_need(certified_ch, d, n);
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		int64_t give;

		if (d[i].state == LEDGER_PENDING)
			break; /* received earlier: it goes first */
		if (d[i].state != LEDGER_APPROVED)
			continue;
		give = d[i].offered_ch < remaining ? d[i].offered_ch : remaining;
		if (give < 0)
			give = 0;
		moves[m].index = i;
		moves[m].hours_ch = give;
		m++;
		remaining -= give;
	}
	return m;
}

size_t ledger_plan_restore(const struct ledger_donation *d, size_t n, int64_t unused_ch, struct ledger_move *moves)
{
	size_t m = 0;

	for (size_t k = n; k > 0 && unused_ch > 0; k--) {
		size_t i = k - 1;
		int64_t held, back;

		if (d[i].state != LEDGER_TRANSFERRED)
			continue;
		held = d[i].transferred_ch - d[i].restored_ch;
		if (held <= 0)
			continue;
		back = held < unused_ch ? held : unused_ch;
		moves[m].index = i;
		moves[m].hours_ch = back;
		m++;
		unused_ch -= back;
	}
	return m;
}

int64_t ledger_parse_hours(const char *s, int64_t max_ch)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, fdigits = 0;
	const char *p = s;

	if (s == NULL)
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 7)
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	if (digits == 0)
		return -1;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++fdigits > 2)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
		if (fdigits == 0)
			return -1;
		if (fdigits == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return -1;
	whole = whole * 100 + frac;
	return whole > max_ch ? -1 : whole;
}

void ledger_format_hours(int64_t ch, char out[32])
{
	int64_t a = ch < 0 ? -ch : ch;
	const char *sign = ch < 0 ? "-" : "";

	if (a % 100 == 0)
		snprintf(out, 32, "%s%" PRId64, sign, a / 100);
	else if (a % 10 == 0)
		snprintf(out, 32, "%s%" PRId64 ".%" PRId64, sign, a / 100, (a % 100) / 10);
	else
		snprintf(out, 32, "%s%" PRId64 ".%02" PRId64, sign, a / 100, a % 100);
}
