/* routing: who a request goes to. The people in its chain (even those
 * who have left), the step it is at, a grievance's review levels up the
 * reporting line and the deadline clock kept on its row; and the small
 * questions about request kinds every workflow file asks. Apart from
 * workflow.c because submit, approve, appeal and the deadlines all route,
 * and the routing does not change when a transition does. */
#include "forms/workflow_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "core/isotime.h"
#include "store/requests.h"

void workflow_today(time_t now, char out[11])
{
	content_today(now, out);
}

rules_date wf_today_date(time_t now)
{
	char s[11];
	rules_date d = { 1970, 1, 1 };

	workflow_today(now, s);
	calendar_parse(s, &d);
	return d;
}

int64_t wf_actor_id(const struct workflow_ctx *w)
{
	return w->actor ? w->actor->id : 0;
}

int wf_is_sharing_application(const char *type)
{
	return strcmp(type, "sick-leave-sharing") == 0 || strcmp(type, "annual-leave-sharing") == 0;
}

int wf_is_donation(const char *type)
{
	return strcmp(type, "sick-leave-donation") == 0 || strcmp(type, "annual-leave-donation") == 0;
}

NEOERR *wf_user(struct db *db, int64_t id, struct user *u)
{
	int found = 0;
	NEOERR *err = users_by_id(db, id, u, &found);

	if (err == STATUS_OK && !found) {
		/* Someone in the chain has left: the portal must still say who
		 * the request was for. Read the row even if inactive. */
		struct store_requests_person p;

		err = store_requests_person(db, id, &p, &found);
		if (err == STATUS_OK && found) {
			memset(u, 0, sizeof *u);
			u->id = id;
			snprintf(u->login, sizeof u->login, "%s", p.login);
			snprintf(u->employee_id, sizeof u->employee_id, "%s", p.employee_id);
			snprintf(u->name, sizeof u->name, "%s", p.name);
			snprintf(u->email, sizeof u->email, "%s", p.email);
			snprintf(u->agency, sizeof u->agency, "%s", p.agency);
		} else if (err == STATUS_OK) {
			err = nerr_raise(NERR_ASSERT, "user %" PRId64 " is missing", id);
		}
	}
	return nerr_pass(err);
}

NEOERR *wf_authority_for(struct db *db, const struct user *owner, struct user *out, int *found)
{
	NEOERR *err = users_appointing_authority(db, owner->agency, out, found);
	int n = 0;

	if (err != STATUS_OK || (*found && out->id != owner->id))
		return nerr_pass(err);
	err = users_hr(db, owner->agency, out, 1, &n);
	*found = n > 0 && out->id != owner->id;
	return nerr_pass(err);
}

NEOERR *wf_assign(const struct workflow_ctx *w, struct request_row *row, const struct user *to, int step,
		  const char *kind)
{
	row->assignee_id = to->id;
	row->step = step;
	snprintf(row->step_kind, sizeof row->step_kind, "%s", kind);
	return nerr_pass(requests_add_party(w->db, row->id, to->id));
}

void wf_finish(const struct workflow_ctx *w, struct request_row *row, enum request_status status)
{
	row->status = status;
	row->assignee_id = 0;
	row->due_on[0] = '\0';
	iso_time_format(w->now, row->closed_at);
}

/* ---- Grievance levels --------------------------------------------------------- */

/* Up the reporting line from the immediate supervisor (or the second line
 * when the first-line supervisor is the subject) to the appointing
 * authority, who is always the last level. */
NEOERR *wf_levels_compute(struct db *db, const struct user *owner, int skip_first, struct wf_levels *lv)
{
	struct user cur, aa;
	int found = 0, have_aa = 0;
	int64_t next = owner->supervisor_id;
	NEOERR *err = users_appointing_authority(db, owner->agency, &aa, &have_aa);

	memset(lv, 0, sizeof *lv);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (have_aa && aa.id == owner->id)
		have_aa = 0;
	if (skip_first && next) {
		err = users_by_id(db, next, &cur, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		next = found ? cur.supervisor_id : 0;
		/* The subject may not hear the grievance, even as the authority. */
		if (have_aa && aa.id == owner->supervisor_id)
			have_aa = 0;
	}
	while (next && lv->n < GRIEVANCE_MAX_LEVELS - 1) {
		err = users_by_id(db, next, &cur, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (!found || cur.id == owner->id || (have_aa && cur.id == aa.id))
			break;
		lv->ids[lv->n] = cur.id;
		lv->kinds[lv->n] = GRIEVANCE_LINE;
		lv->n++;
		next = cur.supervisor_id;
	}
	if (!have_aa) {
		int n = 0;

		/* No authority named for the agency: HR hears it last. */
		err = users_hr(db, owner->agency, &aa, 1, &n);
		if (err != STATUS_OK)
			return nerr_pass(err);
		have_aa = n > 0 && aa.id != owner->id;
	}
	if (have_aa) {
		lv->ids[lv->n] = aa.id;
		lv->kinds[lv->n] = GRIEVANCE_AUTHORITY;
		lv->n++;
	}
	return STATUS_OK;
}

void wf_levels_encode(const struct wf_levels *lv, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < lv->n && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%" PRId64 ":%c", i ? "," : "", lv->ids[i],
				      lv->kinds[i] == GRIEVANCE_AUTHORITY ? 'A' : 'L');
}

static int levels_decode(const char *s, struct wf_levels *lv)
{
	memset(lv, 0, sizeof *lv);
	while (s && *s && lv->n < GRIEVANCE_MAX_LEVELS) {
		char *end;
		int64_t id = strtoll(s, &end, 10);

		if (id <= 0 || end[0] != ':' || (end[1] != 'A' && end[1] != 'L'))
			return -1;
		lv->ids[lv->n] = id;
		lv->kinds[lv->n] = end[1] == 'A' ? GRIEVANCE_AUTHORITY : GRIEVANCE_LINE;
		lv->n++;
		s = end + 2;
		if (*s == ',')
			s++;
	}
	return lv->n > 0 ? 0 : -1;
}

NEOERR *wf_levels_load(struct db *db, int64_t id, struct wf_levels *lv)
{
	struct request_answers a;
	NEOERR *err = requests_load_answers(db, id, &a);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (levels_decode(form_get(&a.values, "_levels"), lv) != 0)
		err = nerr_raise(NERR_ASSERT, "grievance %" PRId64 " has no review levels", id);
	requests_answers_free(&a);
	return nerr_pass(err);
}

const char *wf_level_kind_name(const struct wf_levels *lv, int level)
{
	if (level < 1 || level > lv->n)
		return "";
	return lv->kinds[level - 1] == GRIEVANCE_AUTHORITY ? "appointing_authority" : "line";
}

void wf_clock_from_row(const struct request_row *row, const struct wf_levels *lv, struct grievance_clock *g)
{
	memset(g, 0, sizeof *g);
	g->status = row->status == REQUEST_PENDING   ? GRIEVANCE_AWAITING_RESPONSE
		    : row->status == REQUEST_DECIDED ? GRIEVANCE_AWAITING_EMPLOYEE
						     : GRIEVANCE_RESOLVED;
	g->level = row->step;
	g->n_levels = lv->n;
	for (int i = 0; i < lv->n; i++)
		g->kinds[i] = lv->kinds[i];
	calendar_parse(row->received_on, &g->received_on);
	g->has_due = calendar_parse(row->due_on, &g->due_on) == 0;
}

void wf_clock_to_row(const struct grievance_clock *g, struct request_row *row)
{
	rules_date_iso(g->received_on, row->received_on);
	if (g->has_due)
		rules_date_iso(g->due_on, row->due_on);
	else
		row->due_on[0] = '\0';
}
