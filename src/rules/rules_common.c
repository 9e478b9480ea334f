/* rules_common.c: citation table, reason helpers, fixed-amount leaves. */
#include "rules/rules_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define S_FMLA "family-and-medical-leave-act-fmla"
#define S_SICK "sick-leave"
#define S_LS "leave-sharing-programs"
#define S_RR "reversion-reemployment-and-reinstatement"
#define S_CAREER "career-status"
#define S_GLOSSARY "glossary"
#define S_ANNUAL "annual-leave"
#define S_HOLIDAYS "holidays"
#define S_VOTING "voting-leave"
#define S_FUNERAL "funeral-and-bereavement-leave"
#define S_BLOOD "blood-donation-leave"

/* Cites are copied character for character from each section's LEGAL
 * REFERENCES block (the body text sometimes spells them differently, e.g.
 * "101 KAR 2:076(2)"; the block is what the importer indexes). The
 * "Transferring Months of Service/Leave Balances" section has no such
 * block, so nothing is cited there. */
static const rules_citation cite_table[CITE__COUNT] = {
	[CITE_FMLA_2_102_S3] = { "101 KAR 2:102, Section 3", S_FMLA },
	[CITE_FMLA_3_015_S3] = { "101 KAR 3:015, Section 3", S_FMLA },
	[CITE_SICK_2_102_S2] = { "101 KAR 2:102, Section 2", S_SICK },
	[CITE_SICK_3_015_S2] = { "101 KAR 3:015, Section 2", S_SICK },
	[CITE_LS_2_105] = { "101 KAR 2:105", S_LS },
	[CITE_LS_2_106] = { "101 KAR 2:106", S_LS },
	[CITE_LS_18A_196] = { "KRS 18A.196", S_LS },
	[CITE_LS_18A_197] = { "KRS 18A.197", S_LS },
	[CITE_LS_18A_203] = { "KRS 18A.203", S_LS },
	[CITE_RR_18A_005] = { "KRS 18A.005", S_RR },
	[CITE_RR_18A_113] = { "KRS 18A.113", S_RR },
	[CITE_RR_18A_115] = { "KRS 18A.115", S_RR },
	[CITE_RR_18A_130] = { "KRS 18A.130", S_RR },
	[CITE_RR_18A_135] = { "KRS 18A.135", S_RR },
	[CITE_RR_2_076_S2] = { "101 KAR 2:076, Section 2", S_RR },
	[CITE_CAREER_18A_005_S4] = { "KRS 18A.005, Section 4", S_CAREER },
	[CITE_GLOSSARY_18A_005] = { "KRS 18A.005", S_GLOSSARY },
	[CITE_GLOSSARY_18A_095] = { "KRS 18A.095", S_GLOSSARY },
	[CITE_ANNUAL_2_102_S1] = { "101 KAR 2:102, Section 1", S_ANNUAL },
	[CITE_ANNUAL_3_015_S1] = { "101 KAR 3:015, Section 1", S_ANNUAL },
	[CITE_HOLIDAYS_18A_190] = { "KRS 18A.190", S_HOLIDAYS },
	[CITE_VOTING_2_102_S7] = { "101 KAR 2:102, Section 7", S_VOTING },
	[CITE_VOTING_3_015_S7] = { "101 KAR 3:015, Section 7", S_VOTING },
	[CITE_VOTING_18A_190] = { "KRS 18A.190", S_VOTING },
	[CITE_FUNERAL_2_102_S8] = { "101 KAR 2:102, Section 8", S_FUNERAL },
	[CITE_FUNERAL_3_015_S8] = { "101 KAR 3:015, Section 8", S_FUNERAL },
	[CITE_BLOOD_2_102_S12] = { "101 KAR 2:102, Section 12", S_BLOOD },
	[CITE_BLOOD_3_015_S12] = { "101 KAR 3:015, Section 12", S_BLOOD },
};

const rules_citation *rules_all_citations(size_t *count)
{
	if (count)
		*count = CITE__COUNT;
	return cite_table;
}

const rules_citation *rules_cite(enum rules_cite_id id)
{
	return &cite_table[id];
}

int rules_citation_url(const rules_citation *c, char *buf, size_t len)
{
	int n = snprintf(buf, len, "/handbook/%s", c->slug);
	return (n < 0 || (size_t)n >= len) ? -1 : n;
}

double rules_week_day_hours(rules_week week)
{
	return week == RULES_WEEK_40 ? 8.0 : 7.5;
}

void rx_init(rules_explain *e)
{
	memset(e, 0, sizeof *e);
}

void rx_reason(rules_explain *e, const char *fmt, ...)
{
	if (e->n_reasons >= RULES_MAX_REASONS) {
		e->overflow = true;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(e->reasons[e->n_reasons], RULES_REASON_LEN, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= RULES_REASON_LEN)
		e->overflow = true;
	e->n_reasons++;
}

void rx_cite(rules_explain *e, enum rules_cite_id id)
{
	const rules_citation *c = rules_cite(id);
	for (size_t i = 0; i < e->n_citations; i++)
		if (e->citations[i] == c)
			return;
	if (e->n_citations >= RULES_MAX_CITATIONS) {
		e->overflow = true;
		return;
	}
	e->citations[e->n_citations++] = c;
}

bool rx_format(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < len;
}

rx_num rx_n(double v)
{
	rx_num r;
	char raw[40];
	int len = json_format_number(v, raw, sizeof raw);
	if (len < 0) {
		strcpy(r.s, "?");
		return r;
	}
	/* Group the integer part in thousands, as the handbook does ("1,250"). */
	const char *p = raw;
	char *o = r.s;
	if (*p == '-')
		*o++ = *p++;
	size_t int_len = strspn(p, "0123456789");
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			*o++ = ',';
		*o++ = p[i];
	}
	strcpy(o, p + int_len);
	return r;
}

const char *rx_s(double v)
{
	return v == 1 ? "" : "s";
}

/* Funeral, voting and blood donation leave are fixed amounts with no
 * eligibility arithmetic, so they are a table rather than a wizard. */
static const rules_fixed_leave fixed_leaves[] = {
	{ "funeral",
	  "Funeral and bereavement leave",
	  5,
	  "days",
	  "With the appointing authority's approval, an employee who loses an immediate family member "
	  "(spouse, parent, grandparent, child, brother or sister, or the spouse of any of them) may use "
	  "five days of accrued sick, compensatory or annual leave, or leave without pay if no leave is "
	  "accrued, or a combination of these.",
	  2,
	  { &cite_table[CITE_FUNERAL_2_102_S8], &cite_table[CITE_FUNERAL_3_015_S8] } },
	{ "voting",
	  "Voting leave",
	  4,
	  "hours",
	  "An employee registered to vote in the county holding the election, scheduled to work between "
	  "6:00 a.m. and 6:00 p.m. on Election Day, who notifies the supervisor in advance and actually "
	  "votes may receive up to four hours of voting leave (state offices close on presidential "
	  "election days).",
	  3,
	  { &cite_table[CITE_VOTING_2_102_S7], &cite_table[CITE_VOTING_3_015_S7], &cite_table[CITE_VOTING_18A_190] } },
	{ "blood-donation",
	  "Blood donation leave",
	  4,
	  "hours",
	  "An employee who donates whole blood during scheduled work hours, with prior supervisory "
	  "approval and verification of the donation, may receive up to four hours of paid leave to "
	  "donate and recover.",
	  2,
	  { &cite_table[CITE_BLOOD_2_102_S12], &cite_table[CITE_BLOOD_3_015_S12] } },
};

const rules_fixed_leave *rules_fixed_leaves(size_t *count)
{
	if (count)
		*count = sizeof fixed_leaves / sizeof fixed_leaves[0];
	return fixed_leaves;
}
