#include "forms/grievance.h"

#include "rules/calendar.h"

int grievance_response_days(const struct grievance_clock *g, int level)
{
	if (level < 1 || level > g->n_levels)
		return 0;
	if (g->kinds[level - 1] == GRIEVANCE_AUTHORITY)
		return GRIEVANCE_AUTHORITY_DAYS;
	return level == 1 ? GRIEVANCE_FIRST_DAYS : GRIEVANCE_NEXT_DAYS;
}

static void at_level(struct grievance_clock *g, int level, rules_date received)
{
	g->status = GRIEVANCE_AWAITING_RESPONSE;
	g->level = level;
	g->received_on = received;
	g->has_due = true;
	g->due_on = calendar_add_workdays(received, grievance_response_days(g, level));
}

int grievance_file(struct grievance_clock *g, rules_date today)
{
	if (g->n_levels < 1 || g->n_levels > GRIEVANCE_MAX_LEVELS)
		return -1;
	for (int i = 0; i < g->n_levels; i++) {
		if (g->kinds[i] != GRIEVANCE_LINE && g->kinds[i] != GRIEVANCE_AUTHORITY)
			return -1;
		if (g->kinds[i] == GRIEVANCE_AUTHORITY && i != g->n_levels - 1)
			return -1;
	}
	at_level(g, 1, today);
	return 0;
}

enum grievance_tick grievance_tick(const struct grievance_clock *in, rules_date today, struct grievance_clock *out)
{
	*out = *in;
	if (!in->has_due || calendar_cmp(today, in->due_on) <= 0)
		return GRIEVANCE_TICK_NONE;
	if (in->status == GRIEVANCE_AWAITING_RESPONSE) {
		if (in->level < in->n_levels) {
			/* The next level has it from the day after the missed deadline. */
			at_level(out, in->level + 1, rules_date_add_days(in->due_on, 1));
			return GRIEVANCE_TICK_ADVANCED;
		}
		out->has_due = false;
		return GRIEVANCE_TICK_OVERDUE;
	}
	if (in->status == GRIEVANCE_AWAITING_EMPLOYEE) {
		out->status = GRIEVANCE_RESOLVED;
		out->has_due = false;
		return GRIEVANCE_TICK_LAPSED;
	}
	return GRIEVANCE_TICK_NONE;
}

int grievance_decide(const struct grievance_clock *in, rules_date today, struct grievance_clock *out)
{
	*out = *in;
	if (in->status != GRIEVANCE_AWAITING_RESPONSE)
		return -1;
	if (in->level >= in->n_levels) {
		out->status = GRIEVANCE_RESOLVED;
		out->has_due = false;
		return 0;
	}
	out->status = GRIEVANCE_AWAITING_EMPLOYEE;
	out->has_due = true;
	out->due_on = calendar_add_workdays(today, GRIEVANCE_APPEAL_DAYS);
	return 0;
}

int grievance_appeal(const struct grievance_clock *in, rules_date today, struct grievance_clock *out)
{
	*out = *in;
	if (in->status != GRIEVANCE_AWAITING_EMPLOYEE || in->level >= in->n_levels ||
	    (in->has_due && calendar_cmp(today, in->due_on) > 0))
		return -1;
	at_level(out, in->level + 1, today);
	return 0;
}

bool grievance_filed_late(rules_date occurred, rules_date filed)
{
	return calendar_days_between(occurred, filed) > GRIEVANCE_FILING_DAYS;
}

rules_date grievance_filing_deadline(rules_date event)
{
	return rules_date_add_days(event, GRIEVANCE_FILING_DAYS);
}
