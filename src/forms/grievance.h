/* grievance: the review levels of a grievance and their deadlines
 * (101 KAR 1:375, as the handbook's "Grievance Process" states them).
 *
 *   - Filed with the immediate supervisor, or with the second-line
 *     supervisor when the first-line supervisor's conduct is the subject.
 *   - The level it is filed with answers within 10 workdays; each next line
 *     supervisor within 5; the appointing authority (the last level) within
 *     20. The employee has 5 workdays after each decision to take it to the
 *     next level (after the appointing authority's, nothing: it is final).
 *   - A level that misses its deadline advances the grievance to the next
 *     level automatically; the appointing authority missing its deadline is
 *     reported (the grievance has nowhere further to go). An employee who
 *     lets the 5 days pass has accepted the decision.
 *   - A grievance is filed within 30 days of the event (a warning, not a
 *     refusal: the employee may have learned of it later).
 *
 * Pure functions over a small struct the caller stores; "today" is the
 * Eastern-time date. A deadline day is inclusive: the grievance moves on the
 * day after it. */
#ifndef HR_GRIEVANCE_H
#define HR_GRIEVANCE_H

#include <stdbool.h>

#include "rules/rules.h"

#define GRIEVANCE_MAX_LEVELS 8
#define GRIEVANCE_FIRST_DAYS 10
#define GRIEVANCE_NEXT_DAYS 5
#define GRIEVANCE_APPEAL_DAYS 5
#define GRIEVANCE_AUTHORITY_DAYS 20
#define GRIEVANCE_FILING_DAYS 30

enum grievance_kind {
	GRIEVANCE_LINE = 1,      /* a line supervisor */
	GRIEVANCE_AUTHORITY = 2, /* the appointing authority: final */
};

enum grievance_status {
	GRIEVANCE_AWAITING_RESPONSE = 1, /* the level must answer by due_on */
	GRIEVANCE_AWAITING_EMPLOYEE,     /* decided; the employee may appeal by due_on */
	GRIEVANCE_RESOLVED,              /* granted, accepted, final or lapsed */
};

struct grievance_clock {
	enum grievance_status status;
	int level; /* 1..n_levels */
	int n_levels;
	enum grievance_kind kinds[GRIEVANCE_MAX_LEVELS];
	rules_date received_on; /* when the level got it */
	bool has_due;
	rules_date due_on;
};

enum grievance_tick {
	GRIEVANCE_TICK_NONE = 0, /* nothing is due */
	GRIEVANCE_TICK_ADVANCED, /* a level missed its deadline: next level */
	GRIEVANCE_TICK_OVERDUE,  /* the last level missed its deadline */
	GRIEVANCE_TICK_LAPSED,   /* the employee did not appeal in time */
};

/* Workdays the given level (1-based) has to answer. */
int grievance_response_days(const struct grievance_clock *g, int level);

/* Start the clock: level 1 received it today. Returns -1 when the levels
 * are not usable (none, too many, or an authority before the end). */
int grievance_file(struct grievance_clock *g, rules_date today);

/* One step of catching up with the clock: what happens because today has
 * come. Callers apply it (history, mail) and call again until NONE, so a
 * grievance untouched for weeks passes every missed deadline in order. */
enum grievance_tick grievance_tick(const struct grievance_clock *in, rules_date today, struct grievance_clock *out);

/* The level denies (findings written): the employee may appeal within 5
 * workdays, unless this was the last level (then it is resolved). */
int grievance_decide(const struct grievance_clock *in, rules_date today, struct grievance_clock *out);

/* The employee takes a decision to the next level: -1 unless the grievance
 * awaits the employee, the window is open and there is a next level. */
int grievance_appeal(const struct grievance_clock *in, rules_date today, struct grievance_clock *out);

/* More than 30 days between the event and filing. */
bool grievance_filed_late(rules_date occurred, rules_date filed);

/* The last day to file a grievance about an event of that day (30
 * calendar days later, the day itself not counted). */
rules_date grievance_filing_deadline(rules_date event);

#endif
