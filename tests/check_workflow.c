/* Unit tests of the approval workflow on a real (temporary) database and a
 * fixed clock: submit and its routing, approve and deny by the person the
 * request awaits (and refusals for everyone else), withdraw, a grievance's
 * deny, appeal, accept and deadlines (workflow_catch_up), leave sharing
 * (an application's hours certified, donations transferred in order of
 * receipt, the return to work giving unused hours back newest first), and
 * the actions each person is offered at each state. The state is read back
 * through the modules: requests_load for the row, reqview_fill for the
 * history and the sharing figures, and the outbox's own claim for the
 * emails queued; the leave ledger's rows are read as written. */
#include <inttypes.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "core/errors.h"
#include "core/isotime.h"
#include "core/settings.h"
#include "forms/formdef.h"
#include "forms/requests.h"
#include "forms/reqview.h"
#include "forms/workflow.h"
#include "mail/outbox.h"
#include "people/users.h"
#include "web/render.h"
#include "store/db_sqlite.h"
#include "store/ledger.h"
#include "store/requests.h"

#ifndef HR_TEST_SRCDIR
#define HR_TEST_SRCDIR "."
#endif

/* err is STATUS_OK (else the test fails with its traceback). */
static void ok(NEOERR *err)
{
	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_traceback(err, &s);
		nerr_ignore(&err);
		ck_abort_msg("unexpected error: %s", s.buf ? s.buf : "");
	}
}

/* ---- fixtures ---------------------------------------------------------------- */

static char dir[256];
static char templates[4096];
static struct db *db;
static struct settings settings;
static struct user jdoe, msmith, dlee, kbrown, hradmin, stranger;

static time_t at(const char *iso)
{
	time_t t = iso_time_parse(iso);

	ck_assert_msg(t != (time_t)-1, "bad test time %s", iso);
	return t;
}

static void fill(struct user *u, const char *login, const char *eid, const char *name, enum user_role role)
{
	memset(u, 0, sizeof *u);
	snprintf(u->login, sizeof u->login, "%s", login);
	snprintf(u->employee_id, sizeof u->employee_id, "%s", eid);
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->email, sizeof u->email, "%s@example.ky.gov", login);
	snprintf(u->agency, sizeof u->agency, "Personnel Cabinet");
	u->role = role;
}

static void load_user(const char *login, struct user *u)
{
	int found = 0;

	ok(users_by_login(db, login, u, &found));
	ck_assert_msg(found, "no user %s", login);
}

/* The reporting line of hrportal-admin seed-demo: jdoe -> msmith -> dlee
 * -> kbrown (the appointing authority); hradmin is HR; sjones reports to
 * dlee and has nothing to do with jdoe's requests. */
static void setup(void)
{
	static const struct {
		const char *login, *eid, *name, *supervisor;
		enum user_role role;
	} people[] = {
		{ "kbrown", "100010", "Karen Brown", NULL, USER_SUPERVISOR },
		{ "dlee", "100020", "David Lee", "kbrown", USER_SUPERVISOR },
		{ "msmith", "100101", "Mark Smith", "dlee", USER_SUPERVISOR },
		{ "jdoe", "100234", "Jane Doe", "msmith", USER_EMPLOYEE },
		{ "sjones", "100345", "Sam Jones", "dlee", USER_EMPLOYEE },
		{ "hradmin", "100500", "Pat Rivera", NULL, USER_HR },
	};
	const char *src = getenv("HR_SRCDIR");
	char path[512];
	int64_t id = 0, authority = 0;

	ok(errors_init());
	snprintf(templates, sizeof templates, "%s/templates", src ? src : HR_TEST_SRCDIR);
	memset(&settings, 0, sizeof settings);
	settings.template_dir = templates;
	settings.base_url = "https://hr.example.ky.gov";
	settings.static_version = "test";
	settings.max_body = 1 << 20;
	snprintf(dir, sizeof dir, "%s/hrportal-workflow-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	ok(db_open(path, DB_CREATE_MIGRATE, &db));
	ok(db_begin(db));
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		struct user u;

		fill(&u, people[i].login, people[i].eid, people[i].name, people[i].role);
		ok(users_save(db, &u, people[i].supervisor, &id));
		if (i == 0)
			authority = id;
	}
	ok(users_set_appointing_authority(db, "Personnel Cabinet", authority));
	ok(db_commit(db));
	load_user("jdoe", &jdoe);
	load_user("msmith", &msmith);
	load_user("dlee", &dlee);
	load_user("kbrown", &kbrown);
	load_user("hradmin", &hradmin);
	load_user("sjones", &stranger);
}

static void teardown(void)
{
	char cmd[512];

	db_close(&db);
	render_cache_clear();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static struct workflow_ctx ctx(const struct user *actor, time_t now)
{
	struct workflow_ctx w = { db, &settings, now, actor };

	return w;
}

/* ---- helpers ------------------------------------------------------------------- */

/* A new draft of type with the answers kv (name, value, ..., NULL). */
static int64_t draft(const struct user *owner, const char *type, const char *const *kv, time_t now)
{
	static int n;
	const struct form_def *def = formdef_find(type);
	struct form_values v;
	char key[65];
	int64_t id = 0;

	ck_assert_ptr_nonnull(def);
	memset(&v, 0, sizeof v);
	for (size_t i = 0; kv[i]; i += 2)
		ck_assert_int_eq(form_set(&v, kv[i], kv[i + 1]), 0);
	snprintf(key, sizeof key, "test-idempotency-key-%08d", ++n);
	ok(db_begin(db));
	ok(requests_create(db, type, owner, key, now, &id));
	ok(requests_save_answers(db, id, def, &v));
	ok(db_commit(db));
	return id;
}

static const char *const leave_ok[] = {
	"leave_type", "annual", "start_date", "2027-01-11", "end_date", "2027-01-12", "hours", "15", NULL,
};
static const char *const leave_no_hours[] = {
	"leave_type", "annual", "start_date", "2027-01-11", "end_date", "2027-01-12", NULL,
};
static const char *const outside_ok[] = {
	"job_title",
	"Analyst",
	"employer_name",
	"Frankfort Books",
	"employer_address",
	"1 Main St, Frankfort",
	"business_type",
	"Bookshop",
	"relationship",
	"None",
	"separation",
	"My agency does not regulate bookshops.",
	"description",
	"Saturdays 9 to 1",
	"term_from",
	"2027-02-01",
	"not_involved",
	"1",
	NULL,
};
static const char *const grievance_ok[] = {
	"job_classification",
	"Analyst",
	"occurred_on",
	"2027-01-04",
	"subject_is_supervisor",
	"0",
	"statement",
	"The schedule changed without notice.",
	"remedy",
	"Restore the schedule.",
	NULL,
};

static struct request_row load(int64_t id)
{
	struct request_row r;
	int found = 0;

	ok(requests_load(db, id, &r, &found));
	ck_assert(found);
	return r;
}

/* The request's history as "kind/step/who" rows joined by "; ". */
static const char *history(int64_t id, time_t now)
{
	static char out[2048];
	struct request_row r = load(id);
	HDF *hdf = NULL;
	size_t n = 0;

	out[0] = '\0';
	ok(hdf_init(&hdf));
	ok(reqview_fill(db, &r, now, hdf, "R"));
	for (int i = 0;; i++) {
		char name[64];
		const char *kind, *step, *who;

		snprintf(name, sizeof name, "R.History.%d.Kind", i);
		if ((kind = hdf_get_value(hdf, name, NULL)) == NULL)
			break;
		snprintf(name, sizeof name, "R.History.%d.Step", i);
		step = hdf_get_value(hdf, name, "");
		snprintf(name, sizeof name, "R.History.%d.Who", i);
		who = hdf_get_value(hdf, name, "");
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s/%s/%s", i ? "; " : "", kind, step, who);
		ck_assert_uint_lt(n, sizeof out);
	}
	hdf_destroy(&hdf);
	return out;
}

/* The note of history row i (0 first). */
static void history_note(int64_t id, time_t now, int i, char *out, size_t size)
{
	struct request_row r = load(id);
	HDF *hdf = NULL;
	char name[64];

	ok(hdf_init(&hdf));
	ok(reqview_fill(db, &r, now, hdf, "R"));
	snprintf(name, sizeof name, "R.History.%d.Note", i);
	snprintf(out, size, "%s", hdf_get_value(hdf, name, ""));
	hdf_destroy(&hdf);
}

/* Every email queued since the last call, in queue order, as
 * "kind>login request" words; they are then marked sent (the mailer's own
 * calls), so the next call sees only what came after. */
static const char *outbox_drain(void)
{
	static char out[2048];
	size_t n = 0;
	time_t later = at("2040-01-01T00:00:00Z");

	out[0] = '\0';
	for (;;) {
		struct outbox_item item;
		int found = 0;
		char login[USER_LOGIN_MAX + 1];
		const char *a;

		ok(outbox_claim(db, later, &item, &found));
		if (!found)
			break;
		a = strchr(item.to_addr, '@');
		ck_assert_ptr_nonnull(a);
		snprintf(login, sizeof login, "%.*s", (int)(a - item.to_addr), item.to_addr);
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s>%s#%" PRId64, n ? " " : "", item.kind, login,
				      item.request_id);
		ck_assert_uint_lt(n, sizeof out);
		ok(outbox_mark_sent(db, item.id, later, 250));
		outbox_item_clear(&item);
	}
	return out;
}

static int64_t outbox_pending(void)
{
	int64_t n = -1;

	ok(outbox_pending_count(db, &n));
	return n;
}

/* What "nothing changed" compares: the row, its history, the outbox. */
struct snapshot {
	struct request_row row;
	char history[2048];
	int64_t outbox;
};

static void snap(int64_t id, time_t now, struct snapshot *s)
{
	s->row = load(id);
	snprintf(s->history, sizeof s->history, "%s", history(id, now));
	s->outbox = outbox_pending();
}

static void assert_unchanged(int64_t id, time_t now, const struct snapshot *before)
{
	struct snapshot after;

	snap(id, now, &after);
	ck_assert_int_eq(after.row.status, before->row.status);
	ck_assert_int_eq(after.row.assignee_id, before->row.assignee_id);
	ck_assert_int_eq(after.row.step, before->row.step);
	ck_assert_str_eq(after.row.step_kind, before->row.step_kind);
	ck_assert_str_eq(after.row.due_on, before->row.due_on);
	ck_assert_str_eq(after.row.updated_at, before->row.updated_at);
	ck_assert_str_eq(after.row.closed_at, before->row.closed_at);
	ck_assert_str_eq(after.history, before->history);
	ck_assert_int_eq(after.outbox, before->outbox);
}

/* err is of kind (and is freed). */
static void assert_kind(NEOERR *err, NERR_TYPE kind, const char *fragment)
{
	STRING s;

	ck_assert_msg(err != STATUS_OK, "expected an error");
	string_init(&s);
	nerr_error_string(err, &s);
	ck_assert_msg(nerr_match(err, kind), "unexpected error kind: %s", s.buf ? s.buf : "");
	if (fragment)
		ck_assert_msg(s.buf && strstr(s.buf, fragment), "error \"%s\" lacks \"%s\"", s.buf ? s.buf : "",
			      fragment);
	string_clear(&s);
	nerr_ignore(&err);
}

static void submit(const struct user *owner, int64_t id, time_t now)
{
	struct workflow_ctx w = ctx(owner, now);
	struct form_result result;
	int already = -1;

	ok(workflow_submit(&w, id, owner->name, &result, &already));
	ck_assert_int_eq(already, 0);
	ck_assert_uint_eq(result.n_errors, 0);
}

static unsigned actions(int64_t id, const struct user *u, time_t now)
{
	struct request_row r = load(id);
	unsigned a = 0xffffu;

	ok(workflow_actions(db, &r, u, now, &a));
	return a;
}

#define T0 "2027-01-05T14:00:00Z" /* a Tuesday, 09:00 in Frankfort */

/* ---- submit ----------------------------------------------------------------------- */

START_TEST(test_submit_routes_to_supervisor)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_ok, now);
	struct workflow_ctx w = ctx(&jdoe, now);
	struct form_result result;
	struct request_row r;
	struct snapshot before;
	char want[256];
	int already = -1;

	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_DRAFT);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(history(id, now), "created/0/Jane Doe");
	ok(workflow_submit(&w, id, "jane  DOE", &result, &already));
	ck_assert_int_eq(already, 0);
	ck_assert_uint_eq(result.n_errors, 0);
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, msmith.id);
	ck_assert_int_eq(r.step, 1);
	ck_assert_str_eq(r.step_kind, "supervisor");
	ck_assert_str_eq(r.submitted_at, T0);
	ck_assert_str_eq(r.summary, "2027-01-11 to 2027-01-12, 15 hours");
	ck_assert_str_eq(history(id, now), "created/0/Jane Doe; submitted/1/Jane Doe");
	snprintf(want, sizeof want, "request_submitted>msmith#%" PRId64 " request_received>jdoe#%" PRId64, id, id);
	ck_assert_str_eq(outbox_drain(), want);

	/* A second click: already, and nothing changes. */
	snap(id, now + 60, &before);
	w.now = now + 60;
	ok(workflow_submit(&w, id, "Jane Doe", &result, &already));
	ck_assert_int_eq(already, 1);
	assert_unchanged(id, now + 60, &before);
	ck_assert_str_eq(outbox_drain(), "");
}
END_TEST

START_TEST(test_submit_incomplete_refused)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_no_hours, now);
	struct workflow_ctx w = ctx(&jdoe, now + 60);
	struct form_result result;
	struct snapshot before;
	int already = -1;

	snap(id, now + 60, &before);
	ok(workflow_submit(&w, id, "Jane Doe", &result, &already));
	ck_assert_int_eq(already, 0);
	ck_assert_uint_gt(result.n_errors, 0);
	ck_assert_ptr_nonnull(formcheck_error_for(&result, "hours"));
	assert_unchanged(id, now + 60, &before);
	ck_assert_int_eq(load(id).status, REQUEST_DRAFT);
	ck_assert_str_eq(load(id).submitted_at, "");
	ck_assert_str_eq(outbox_drain(), "");

	/* A wrong signature is refused too, and changes nothing. */
	id = draft(&jdoe, "leave", leave_ok, now);
	snap(id, now + 60, &before);
	assert_kind(workflow_submit(&w, id, "Jane Smith", &result, &already), HR_ERR_BAD_REQUEST, "Sign");
	assert_unchanged(id, now + 60, &before);
	/* Someone else cannot submit (or even see) the owner's draft. */
	w.actor = &msmith;
	assert_kind(workflow_submit(&w, id, "Mark Smith", &result, &already), HR_ERR_FORBIDDEN, NULL);
	assert_unchanged(id, now + 60, &before);
	ck_assert_str_eq(outbox_drain(), "");
}
END_TEST

/* ---- approve and deny -------------------------------------------------------------- */

START_TEST(test_approve_final_by_supervisor)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_ok, now);
	struct workflow_ctx w = ctx(&msmith, now + 3600);
	struct request_row r;
	char want[256];

	submit(&jdoe, id, now);
	outbox_drain();
	ok(workflow_approve(&w, id, "Enjoy the days off.", NULL));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_APPROVED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.closed_at, "2027-01-05T15:00:00Z");
	ck_assert_str_eq(history(id, now + 3600), "created/0/Jane Doe; submitted/1/Jane Doe; approved/1/Mark Smith");
	snprintf(want, sizeof want, "request_approved>jdoe#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);

	/* Deciding again: a conflict that says who decided, nothing changes. */
	{
		struct snapshot before;

		snap(id, now + 7200, &before);
		w.now = now + 7200;
		assert_kind(workflow_approve(&w, id, NULL, NULL), HR_ERR_CONFLICT, "already approved");
		assert_kind(workflow_deny(&w, id, "No"), HR_ERR_CONFLICT, "already approved");
		assert_unchanged(id, now + 7200, &before);
	}
}
END_TEST

START_TEST(test_approve_two_steps_to_authority)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "outside-employment", outside_ok, now);
	struct workflow_ctx w = ctx(&msmith, now + 3600);
	struct request_answers ans;
	struct request_row r;
	struct snapshot before;
	char want[256];

	submit(&jdoe, id, now);
	r = load(id);
	ck_assert_int_eq(r.assignee_id, msmith.id);
	ck_assert_str_eq(r.step_kind, "supervisor");
	outbox_drain();
	ok(workflow_approve(&w, id, NULL, NULL));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, kbrown.id);
	ck_assert_int_eq(r.step, 2);
	ck_assert_str_eq(r.step_kind, "appointing_authority");
	ck_assert_str_eq(r.closed_at, "");
	snprintf(want, sizeof want, "request_submitted>kbrown#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* The supervisor has done their part: a second approval says so. */
	snap(id, now + 3700, &before);
	w.now = now + 3700;
	assert_kind(workflow_approve(&w, id, NULL, NULL), HR_ERR_CONFLICT, "next approver");
	/* The supervisor's own supervisor is not in this chain. */
	w.actor = &dlee;
	assert_kind(workflow_approve(&w, id, NULL, NULL), HR_ERR_FORBIDDEN, NULL);
	assert_unchanged(id, now + 3700, &before);

	w.actor = &kbrown;
	w.now = now + 7200;
	ok(workflow_approve(&w, id, "Approved for a year.", NULL));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_APPROVED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(history(id, now + 7200), "created/0/Jane Doe; submitted/1/Jane Doe; approved/1/Mark Smith; "
						  "approved/2/Karen Brown");
	snprintf(want, sizeof want, "request_approved>jdoe#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* Outside employment is reviewed a year after approval. */
	ok(requests_load_answers(db, id, &ans));
	ck_assert_str_eq(form_get(&ans.values, "_review_on"), "2028-01-05");
	requests_answers_free(&ans);
}
END_TEST

START_TEST(test_others_forbidden)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_ok, now);
	const struct user *others[] = { &stranger, &hradmin, &dlee, &kbrown, &jdoe };
	struct snapshot before;

	submit(&jdoe, id, now);
	outbox_drain();
	snap(id, now + 60, &before);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		struct workflow_ctx w = ctx(others[i], now + 60);

		assert_kind(workflow_approve(&w, id, "ok", NULL), HR_ERR_FORBIDDEN, NULL);
		assert_kind(workflow_deny(&w, id, "no"), HR_ERR_FORBIDDEN, NULL);
	}
	assert_unchanged(id, now + 60, &before);
	ck_assert_str_eq(outbox_drain(), "");
	ck_assert_int_eq(load(id).assignee_id, msmith.id);
}
END_TEST

START_TEST(test_deny_with_reason)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_ok, now);
	struct workflow_ctx w = ctx(&msmith, now + 3600);
	struct snapshot before;
	struct request_row r;
	struct request_decision d;
	char want[256], note[256];
	int found = 0;

	submit(&jdoe, id, now);
	outbox_drain();
	/* A denial needs its reason. */
	snap(id, now + 3600, &before);
	assert_kind(workflow_deny(&w, id, ""), HR_ERR_BAD_REQUEST, "reason");
	assert_kind(workflow_deny(&w, id, NULL), HR_ERR_BAD_REQUEST, "reason");
	assert_unchanged(id, now + 3600, &before);

	ok(workflow_deny(&w, id, "Short-staffed that week."));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_DENIED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.closed_at, "2027-01-05T15:00:00Z");
	ck_assert_str_eq(history(id, now + 3600), "created/0/Jane Doe; submitted/1/Jane Doe; denied/1/Mark Smith");
	history_note(id, now + 3600, 2, note, sizeof note);
	ck_assert_str_eq(note, "Short-staffed that week.");
	ok(requests_last_decision(db, id, 0, &d, &found));
	ck_assert(found);
	ck_assert_str_eq(d.action, "denied");
	ck_assert_int_eq(d.actor_id, msmith.id);
	snprintf(want, sizeof want, "request_denied>jdoe#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);

	/* A second decision, by the same person or HR, is a conflict. */
	snap(id, now + 7200, &before);
	w.now = now + 7200;
	assert_kind(workflow_approve(&w, id, NULL, NULL), HR_ERR_CONFLICT, "already denied");
	assert_kind(workflow_deny(&w, id, "Again"), HR_ERR_CONFLICT, "already denied");
	w.actor = &hradmin;
	assert_kind(workflow_approve(&w, id, NULL, NULL), HR_ERR_CONFLICT, "Mark Smith already denied");
	/* Nor can the owner withdraw a decided request. */
	w.actor = &jdoe;
	assert_kind(workflow_withdraw(&w, id), HR_ERR_CONFLICT, NULL);
	assert_unchanged(id, now + 7200, &before);
	ck_assert_str_eq(outbox_drain(), "");
}
END_TEST

/* ---- withdraw ---------------------------------------------------------------------- */

START_TEST(test_withdraw)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_ok, now);
	int64_t other = draft(&jdoe, "leave", leave_ok, now);
	struct workflow_ctx w = ctx(&msmith, now + 60);
	struct snapshot before;
	struct request_row r;
	char want[256];

	submit(&jdoe, id, now);
	outbox_drain();
	/* Not the owner: the supervisor, HR, a stranger. */
	snap(id, now + 60, &before);
	assert_kind(workflow_withdraw(&w, id), HR_ERR_FORBIDDEN, "Only the person who filed");
	w.actor = &hradmin;
	assert_kind(workflow_withdraw(&w, id), HR_ERR_FORBIDDEN, "Only the person who filed");
	w.actor = &stranger;
	assert_kind(workflow_withdraw(&w, id), HR_ERR_FORBIDDEN, NULL);
	assert_unchanged(id, now + 60, &before);
	ck_assert_str_eq(outbox_drain(), "");

	w.actor = &jdoe;
	w.now = now + 120;
	ok(workflow_withdraw(&w, id));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_WITHDRAWN);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.closed_at, "2027-01-05T14:02:00Z");
	ck_assert_str_eq(history(id, now + 120), "created/0/Jane Doe; submitted/1/Jane Doe; withdrawn/1/Jane Doe");
	snprintf(want, sizeof want, "request_withdrawn>msmith#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* Withdrawn is final: the supervisor cannot decide it any more. */
	snap(id, now + 180, &before);
	w.now = now + 180;
	assert_kind(workflow_withdraw(&w, id), HR_ERR_CONFLICT, NULL);
	w.actor = &msmith;
	assert_kind(workflow_approve(&w, id, NULL, NULL), HR_ERR_CONFLICT, NULL);
	assert_unchanged(id, now + 180, &before);

	/* A draft may be withdrawn too; nobody is told. */
	w.actor = &jdoe;
	ok(workflow_withdraw(&w, other));
	ck_assert_int_eq(load(other).status, REQUEST_WITHDRAWN);
	ck_assert_str_eq(history(other, now + 180), "created/0/Jane Doe; withdrawn/0/Jane Doe");
	ck_assert_str_eq(outbox_drain(), "");
}
END_TEST

/* ---- grievances -------------------------------------------------------------------- */

START_TEST(test_grievance_deny_appeal_accept)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "grievance", grievance_ok, now);
	struct workflow_ctx w;
	struct snapshot before;
	struct request_row r;
	char want[512];

	submit(&jdoe, id, now);
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, msmith.id);
	ck_assert_int_eq(r.step, 1);
	ck_assert_str_eq(r.step_kind, "line");
	ck_assert_str_eq(r.received_on, "2027-01-05");
	ck_assert_str_eq(r.due_on, "2027-01-20"); /* 10 workdays, MLK day skipped */
	snprintf(want, sizeof want,
		 "grievance_filed>msmith#%" PRId64 " request_received>jdoe#%" PRId64 " hr_notice>hradmin#%" PRId64, id,
		 id, id);
	ck_assert_str_eq(outbox_drain(), want);

	/* Level 1 denies on Thursday: the employee has 5 workdays. */
	w = ctx(&msmith, at("2027-01-07T15:00:00Z"));
	assert_kind(workflow_deny(&w, id, ""), HR_ERR_BAD_REQUEST, "findings");
	ok(workflow_deny(&w, id, "The schedule change followed policy."));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_DECIDED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_int_eq(r.step, 1);
	ck_assert_str_eq(r.due_on, "2027-01-14");
	ck_assert_str_eq(r.closed_at, "");
	snprintf(want, sizeof want, "grievance_decided>jdoe#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* Only the employee may appeal or accept. */
	snap(id, w.now, &before);
	assert_kind(workflow_appeal(&w, id), HR_ERR_FORBIDDEN, NULL);
	assert_kind(workflow_accept(&w, id), HR_ERR_FORBIDDEN, NULL);
	assert_kind(workflow_deny(&w, id, "Again"), HR_ERR_CONFLICT, NULL);
	assert_unchanged(id, w.now, &before);

	/* Appeal on the last day: level 2 (David Lee), 5 workdays. */
	w = ctx(&jdoe, at("2027-01-14T20:00:00Z"));
	ok(workflow_appeal(&w, id));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, dlee.id);
	ck_assert_int_eq(r.step, 2);
	ck_assert_str_eq(r.step_kind, "line");
	ck_assert_str_eq(r.received_on, "2027-01-14");
	ck_assert_str_eq(r.due_on, "2027-01-22");
	snprintf(want, sizeof want, "grievance_escalated>dlee#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* The first level has no say any more. */
	w.actor = &msmith;
	assert_kind(workflow_deny(&w, id, "No"), HR_ERR_CONFLICT, NULL);

	/* Level 2 decides; the employee accepts: closed. */
	w = ctx(&dlee, at("2027-01-18T15:00:00Z"));
	ok(workflow_deny(&w, id, "Upheld."));
	ck_assert_int_eq(load(id).status, REQUEST_DECIDED);
	outbox_drain();
	w.actor = &jdoe;
	ok(workflow_accept(&w, id));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_CLOSED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.due_on, "");
	ck_assert_str_eq(history(id, w.now), "created/0/Jane Doe; submitted/1/Jane Doe; decided/1/Mark Smith; "
					     "escalated/2/Jane Doe; decided/2/David Lee; accepted/2/Jane Doe");
	ck_assert_str_eq(outbox_drain(), "");
	/* Closed: no second acceptance, no appeal. */
	snap(id, w.now, &before);
	assert_kind(workflow_accept(&w, id), HR_ERR_CONFLICT, NULL);
	assert_kind(workflow_appeal(&w, id), HR_ERR_CONFLICT, NULL);
	assert_unchanged(id, w.now, &before);
}
END_TEST

START_TEST(test_grievance_appeal_too_late)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "grievance", grievance_ok, now);
	struct workflow_ctx w;
	struct snapshot before;
	int changes = -1;

	submit(&jdoe, id, now);
	w = ctx(&msmith, at("2027-01-07T15:00:00Z"));
	ok(workflow_deny(&w, id, "Followed policy."));
	outbox_drain();
	/* The day after the employee's deadline, before any catch-up. */
	w = ctx(&jdoe, at("2027-01-15T15:00:00Z"));
	snap(id, w.now, &before);
	assert_kind(workflow_appeal(&w, id), HR_ERR_CONFLICT, "passed");
	assert_unchanged(id, w.now, &before);
	/* Catch-up closes it: the decision stands. */
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 1);
	ck_assert_int_eq(load(id).status, REQUEST_CLOSED);
	ck_assert_str_eq(history(id, w.now), "created/0/Jane Doe; submitted/1/Jane Doe; decided/1/Mark Smith; "
					     "closed/1/HR portal (deadline)");
	ck_assert_str_eq(outbox_drain(), "");
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 0);
}
END_TEST

START_TEST(test_grievance_catch_up)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "grievance", grievance_ok, now);
	int64_t leave = draft(&jdoe, "leave", leave_ok, now);
	struct workflow_ctx w;
	struct request_row r;
	char want[512], note[300];
	int changes = -1;

	submit(&jdoe, id, now);
	submit(&jdoe, leave, now);
	outbox_drain();
	/* On the deadline itself nothing is due. */
	w = ctx(NULL, at("2027-01-20T22:00:00Z"));
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 0);
	ck_assert_int_eq(load(id).assignee_id, msmith.id);
	ck_assert_str_eq(outbox_drain(), "");
	/* The day after: level 2 has it, from that day, 5 workdays. */
	w.now = at("2027-01-21T14:00:00Z");
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 1);
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, dlee.id);
	ck_assert_int_eq(r.step, 2);
	ck_assert_str_eq(r.received_on, "2027-01-21");
	ck_assert_str_eq(r.due_on, "2027-01-28");
	ck_assert_str_eq(history(id, w.now), "created/0/Jane Doe; submitted/1/Jane Doe; "
					     "escalated/2/HR portal (deadline)");
	history_note(id, w.now, 2, note, sizeof note);
	ck_assert_msg(strstr(note, "2027-01-20") && strstr(note, "review level 2"), "%s", note);
	snprintf(want, sizeof want, "grievance_escalated>dlee#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* The leave request has no deadline: untouched. */
	ck_assert_int_eq(load(leave).assignee_id, msmith.id);
	ck_assert_int_eq(load(leave).status, REQUEST_PENDING);
	/* Again the same day: nothing more. */
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 0);
	/* Months of silence: level 3 (the appointing authority), then
	 * overdue there (HR told), in one call. */
	w.now = at("2027-06-01T14:00:00Z");
	ok(workflow_catch_up(&w, id, &changes));
	ck_assert_int_eq(changes, 2);
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, kbrown.id);
	ck_assert_int_eq(r.step, 3);
	ck_assert_str_eq(r.step_kind, "appointing_authority");
	ck_assert_str_eq(r.due_on, "");
	snprintf(want, sizeof want, "grievance_escalated>kbrown#%" PRId64 " grievance_overdue>hradmin#%" PRId64, id,
		 id);
	ck_assert_str_eq(outbox_drain(), want);
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 0);
	/* The authority can still decide: final. */
	w.actor = &kbrown;
	ok(workflow_deny(&w, id, "Final determination: upheld."));
	ck_assert_int_eq(load(id).status, REQUEST_DENIED);
	ck_assert_str_eq(load(id).closed_at, "2027-06-01T14:00:00Z");
	/* The last level's decision is final: no appeal in the portal. */
	ck_assert_uint_eq(actions(id, &jdoe, w.now), 0);
	w.actor = &jdoe;
	assert_kind(workflow_appeal(&w, id), HR_ERR_CONFLICT, NULL);
	ok(workflow_catch_up(&w, 0, &changes));
	ck_assert_int_eq(changes, 0);
	snprintf(want, sizeof want, "request_denied>jdoe#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
}
END_TEST

/* The supervisor is the subject: the second line hears it first. */
START_TEST(test_grievance_second_line)
{
	static const char *const about_supervisor[] = {
		"job_classification",
		"Analyst",
		"occurred_on",
		"2027-01-04",
		"subject_is_supervisor",
		"1",
		"statement",
		"My supervisor changed my schedule.",
		"remedy",
		"Restore it.",
		NULL,
	};
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "grievance", about_supervisor, now);
	struct workflow_ctx w = ctx(&msmith, now + 60);
	struct form_context fc;
	struct form_values none;
	struct request_row r;
	char want[512];

	memset(&none, 0, sizeof none);
	ok(workflow_form_context(db, "grievance", &jdoe, &none, now, &fc));
	ck_assert(fc.has_second_line);
	submit(&jdoe, id, now);
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, dlee.id);
	ck_assert_int_eq(r.step, 1);
	ck_assert_str_eq(r.step_kind, "second_line");
	snprintf(want, sizeof want,
		 "grievance_filed>dlee#%" PRId64 " request_received>jdoe#%" PRId64 " hr_notice>hradmin#%" PRId64, id,
		 id, id);
	ck_assert_str_eq(outbox_drain(), want);
	/* The subject may not see or decide it. */
	assert_kind(workflow_deny(&w, id, "No"), HR_ERR_FORBIDDEN, NULL);
	ck_assert_uint_eq(actions(id, &msmith, now), 0);
	ck_assert_uint_eq(actions(id, &dlee, now), WF_APPROVE | WF_DENY);
	/* Granted at the first level: approved, final. */
	w.actor = &dlee;
	assert_kind(workflow_approve(&w, id, "", NULL), HR_ERR_BAD_REQUEST, "findings");
	ok(workflow_approve(&w, id, "Schedule restored.", NULL));
	ck_assert_int_eq(load(id).status, REQUEST_APPROVED);
	snprintf(want, sizeof want, "request_approved>jdoe#%" PRId64, id);
	ck_assert_str_eq(outbox_drain(), want);
}
END_TEST

/* The employee's last day is a day in Frankfort: late on the 14th in
 * Eastern time (already the 15th in UTC) the appeal is still in time. */
START_TEST(test_grievance_appeal_eastern_day)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "grievance", grievance_ok, now);
	struct workflow_ctx w;
	struct request_row r;

	submit(&jdoe, id, now);
	w = ctx(&msmith, at("2027-01-07T15:00:00Z"));
	ok(workflow_deny(&w, id, "Followed policy."));
	ck_assert_str_eq(load(id).due_on, "2027-01-14");
	ck_assert_uint_eq(actions(id, &jdoe, at("2027-01-15T04:30:00Z")), WF_ACCEPT | WF_APPEAL);
	ck_assert_uint_eq(actions(id, &jdoe, at("2027-01-15T05:30:00Z")), WF_ACCEPT);
	w = ctx(&jdoe, at("2027-01-15T04:30:00Z"));
	ok(workflow_appeal(&w, id));
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, dlee.id);
	ck_assert_str_eq(r.received_on, "2027-01-14");
	outbox_drain();
}
END_TEST

/* An acknowledgement has no chain: recorded at once, no receipt email. */
START_TEST(test_acknowledgement_recorded_at_once)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "tobacco-free", (const char *[]){ "agree", "1", NULL }, now);
	struct request_row r;

	submit(&jdoe, id, now);
	r = load(id);
	ck_assert_int_eq(r.status, REQUEST_ACKNOWLEDGED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.closed_at, T0);
	ck_assert_str_eq(history(id, now), "created/0/Jane Doe; submitted/0/Jane Doe; acknowledged/0/Jane Doe");
	ck_assert_str_eq(outbox_drain(), "");
	ck_assert_uint_eq(actions(id, &jdoe, now), 0);
	ck_assert_uint_eq(actions(id, &msmith, now), 0);
}
END_TEST

START_TEST(test_unknown_request)
{
	struct workflow_ctx w = ctx(&jdoe, at(T0));
	struct form_result result;
	int already = -1, changes = -1;

	assert_kind(workflow_submit(&w, 999, "Jane Doe", &result, &already), HR_ERR_NOT_FOUND, "999");
	assert_kind(workflow_withdraw(&w, 999), HR_ERR_NOT_FOUND, NULL);
	w.actor = &msmith;
	assert_kind(workflow_approve(&w, 999, NULL, NULL), HR_ERR_NOT_FOUND, NULL);
	assert_kind(workflow_deny(&w, 999, "No"), HR_ERR_NOT_FOUND, NULL);
	w.actor = NULL;
	ok(workflow_catch_up(&w, 999, &changes));
	ck_assert_int_eq(changes, 0);
	ck_assert_int_eq(outbox_pending(), 0);
}
END_TEST

/* ---- actions ------------------------------------------------------------------------ */

START_TEST(test_actions_by_state)
{
	time_t now = at(T0);
	int64_t id = draft(&jdoe, "leave", leave_ok, now);
	int64_t g = draft(&jdoe, "grievance", grievance_ok, now);
	struct workflow_ctx w;

	/* Draft: the owner's alone. */
	ck_assert_uint_eq(actions(id, &jdoe, now), WF_EDIT | WF_SUBMIT | WF_WITHDRAW);
	ck_assert_uint_eq(actions(id, &msmith, now), 0);
	ck_assert_uint_eq(actions(id, &stranger, now), 0);
	ck_assert_uint_eq(actions(id, &hradmin, now), 0);
	/* Pending: the owner may withdraw, the awaited supervisor decide. */
	submit(&jdoe, id, now);
	ck_assert_uint_eq(actions(id, &jdoe, now), WF_WITHDRAW);
	ck_assert_uint_eq(actions(id, &msmith, now), WF_APPROVE | WF_DENY);
	ck_assert_uint_eq(actions(id, &stranger, now), 0);
	ck_assert_uint_eq(actions(id, &dlee, now), 0);
	ck_assert_uint_eq(actions(id, &hradmin, now), 0);
	/* Approved: nothing for anyone. */
	w = ctx(&msmith, now + 60);
	ok(workflow_approve(&w, id, NULL, NULL));
	ck_assert_uint_eq(actions(id, &jdoe, now), 0);
	ck_assert_uint_eq(actions(id, &msmith, now), 0);
	ck_assert_uint_eq(actions(id, &stranger, now), 0);

	/* A grievance decided at level 1: accept, or appeal until the
	 * deadline; only accept after it. */
	submit(&jdoe, g, now);
	ck_assert_uint_eq(actions(g, &msmith, now), WF_APPROVE | WF_DENY);
	w = ctx(&msmith, at("2027-01-07T15:00:00Z"));
	ok(workflow_deny(&w, g, "Followed policy."));
	ck_assert_uint_eq(actions(g, &jdoe, at("2027-01-14T20:00:00Z")), WF_ACCEPT | WF_APPEAL);
	ck_assert_uint_eq(actions(g, &jdoe, at("2027-01-15T15:00:00Z")), WF_ACCEPT);
	ck_assert_uint_eq(actions(g, &msmith, at("2027-01-14T20:00:00Z")), 0);
	ck_assert_uint_eq(actions(g, &stranger, at("2027-01-14T20:00:00Z")), 0);
	/* Appealed: level 2 decides, the owner may withdraw. */
	w = ctx(&jdoe, at("2027-01-08T15:00:00Z"));
	ok(workflow_appeal(&w, g));
	ck_assert_uint_eq(actions(g, &jdoe, w.now), WF_WITHDRAW);
	ck_assert_uint_eq(actions(g, &dlee, w.now), WF_APPROVE | WF_DENY);
	ck_assert_uint_eq(actions(g, &msmith, w.now), 0);
	ck_assert_uint_eq(actions(g, &stranger, w.now), 0);
	outbox_drain();
}
END_TEST

/* ---- leave sharing ------------------------------------------------------------------ */

static const char *const sick_sharing_ok[] = {
	"employer",
	"18a",
	"active",
	"1",
	"condition_of",
	"self",
	"certified",
	"1",
	"consecutive_days",
	"15",
	"paid_leave_exhausted",
	"1",
	"complied",
	"1",
	"hours_requested",
	"40",
	"week_hours",
	"37.5",
	"start_date",
	"2027-01-04",
	NULL,
};

/* A sick leave donation draft to jdoe (employee ID 100234). */
static int64_t donation(const struct user *donor, const char *hours, const char *balance, time_t now)
{
	const char *const kv[] = {
		"recipient_employee_id",
		"100234",
		"donate",
		hours,
		"balance",
		balance,
		"employer",
		"18a",
		"active",
		"1",
		"certify",
		"1",
		NULL,
	};

	return draft(donor, "sick-leave-donation", kv, now);
}

/* One value reqview_fill gives the request ("Sharing.State" is
 * R.Sharing.State), "" when it sets none. */
static const char *view(int64_t id, time_t now, const char *name)
{
	static char out[512];
	struct request_row r = load(id);
	HDF *hdf = NULL;
	char full[128];

	ok(hdf_init(&hdf));
	ok(reqview_fill(db, &r, now, hdf, "R"));
	snprintf(full, sizeof full, "R.%s", name);
	snprintf(out, sizeof out, "%s", hdf_get_value(hdf, full, ""));
	hdf_destroy(&hdf);
	return out;
}

/* The leave ledger as "entry:login:centihours#donation" rows in the order
 * written, joined by " ". */
static const char *ledger(void)
{
	static char out[2048];
	struct db_stmt *st = NULL;
	size_t n = 0;

	out[0] = '\0';
	ok(db_stmt(db,
		   "SELECT l.entry, u.login, l.hours_ch, l.donation_id FROM leave_ledger l "
		   "JOIN users u ON u.id = l.user_id ORDER BY l.id",
		   &st));
	for (;;) {
		int row = 0;
		NEOERR *err = db_step(db, st, &row);

		if (err != STATUS_OK)
			db_done(st);
		ok(err);
		if (!row)
			break;
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s:%s:%" PRId64 "#%" PRId64, n ? " " : "",
				      db_text(st, 0), db_text(st, 1), (int64_t)db_int64(st, 2),
				      (int64_t)db_int64(st, 3));
		if (n >= sizeof out)
			db_done(st);
		ck_assert_uint_lt(n, sizeof out);
	}
	db_done(st);
	return out;
}

static const struct user *person(int64_t id)
{
	const struct user *all[] = { &jdoe, &msmith, &dlee, &kbrown, &hradmin, &stranger };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i]->id == id)
			return all[i];
	ck_abort_msg("no test user has id %" PRId64, id);
	return NULL;
}

/* Approve a pending request at every step, each by the person it awaits. */
static void approve_all(int64_t id, time_t now)
{
	for (int i = 0; i < 5 && load(id).status == REQUEST_PENDING; i++) {
		struct workflow_ctx w = ctx(person(load(id).assignee_id), now + i);

		ok(workflow_approve(&w, id, NULL, NULL));
	}
	ck_assert_int_eq(load(id).status, REQUEST_APPROVED);
}

/* jdoe's sick leave sharing application approved by msmith, then by
 * kbrown with hours certified (NULL: as requested); the outbox drained. */
static int64_t approved_sharing(const char *hours, time_t now)
{
	int64_t app = draft(&jdoe, "sick-leave-sharing", sick_sharing_ok, now);
	struct workflow_ctx w = ctx(&msmith, now + 60);

	submit(&jdoe, app, now);
	ok(workflow_approve(&w, app, NULL, NULL));
	w.actor = &kbrown;
	w.now = now + 120;
	ok(workflow_approve(&w, app, NULL, hours));
	ck_assert_int_eq(load(app).status, REQUEST_APPROVED);
	ck_assert_str_eq(view(app, w.now, "Sharing.State"), "open");
	outbox_drain();
	return app;
}

START_TEST(test_sharing_certified_hours)
{
	time_t now = at(T0);
	int64_t app = draft(&jdoe, "sick-leave-sharing", sick_sharing_ok, now);
	struct workflow_ctx w = ctx(&msmith, now + 60);
	struct form_context fc;
	struct form_values to_jdoe;
	struct snapshot before;
	struct request_row r;
	char want[512];

	memset(&to_jdoe, 0, sizeof to_jdoe);
	ck_assert_int_eq(form_set(&to_jdoe, "recipient_employee_id", "100234"), 0);
	submit(&jdoe, app, now);
	r = load(app);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, msmith.id);
	ck_assert_int_eq(r.step, 1);
	ck_assert_str_eq(r.step_kind, "supervisor");
	ck_assert_str_eq(r.summary, "from 2027-01-04, 40 hours requested");
	snprintf(want, sizeof want, "request_submitted>msmith#%" PRId64 " request_received>jdoe#%" PRId64, app, app);
	ck_assert_str_eq(outbox_drain(), want);
	ck_assert_str_eq(view(app, now, "Sharing.Program"), "sick");
	ck_assert_str_eq(view(app, now, "Sharing.State"), "applied");
	ck_assert_str_eq(view(app, now, "Sharing.Requested"), "40");
	ck_assert_str_eq(view(app, now, "Sharing.Certified"), "");
	/* Not approved yet: no donations to jdoe, no return to record. */
	ok(workflow_form_context(db, "sick-leave-donation", &stranger, &to_jdoe, now, &fc));
	ck_assert(!fc.recipient_found);
	ck_assert_uint_eq(actions(app, &hradmin, now), 0);
	ck_assert_uint_eq(actions(app, &msmith, now), WF_APPROVE | WF_DENY);

	/* The supervisor's approval moves it to the appointing authority. */
	ok(workflow_approve(&w, app, NULL, NULL));
	r = load(app);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, kbrown.id);
	ck_assert_int_eq(r.step, 2);
	ck_assert_str_eq(r.step_kind, "appointing_authority");
	ck_assert_str_eq(view(app, w.now, "Sharing.State"), "applied");
	snprintf(want, sizeof want, "request_submitted>kbrown#%" PRId64, app);
	ck_assert_str_eq(outbox_drain(), want);

	/* More than requested, zero or not a number: refused, and the
	 * approval recorded before the check is rolled back. */
	w.actor = &kbrown;
	w.now = now + 120;
	snap(app, w.now, &before);
	assert_kind(workflow_approve(&w, app, NULL, "40.25"), HR_ERR_BAD_REQUEST, "not more than the hours requested");
	assert_kind(workflow_approve(&w, app, NULL, "41"), HR_ERR_BAD_REQUEST, "not more than the hours requested");
	assert_kind(workflow_approve(&w, app, NULL, "0"), HR_ERR_BAD_REQUEST, "above zero");
	assert_kind(workflow_approve(&w, app, NULL, "thirty"), HR_ERR_BAD_REQUEST, NULL);
	assert_unchanged(app, w.now, &before);
	ck_assert_str_eq(view(app, w.now, "Sharing.State"), "applied");
	ck_assert_str_eq(view(app, w.now, "Sharing.Certified"), "");
	ck_assert_str_eq(outbox_drain(), "");

	/* Certified for less than requested. */
	ok(workflow_approve(&w, app, "Certified by the physician.", "30"));
	r = load(app);
	ck_assert_int_eq(r.status, REQUEST_APPROVED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.closed_at, "2027-01-05T14:02:00Z");
	ck_assert_str_eq(history(app, w.now), "created/0/Jane Doe; submitted/1/Jane Doe; approved/1/Mark Smith; "
					      "approved/2/Karen Brown");
	ck_assert_str_eq(view(app, w.now, "Sharing.State"), "open");
	ck_assert_str_eq(view(app, w.now, "Sharing.Requested"), "40");
	ck_assert_str_eq(view(app, w.now, "Sharing.Certified"), "30");
	ck_assert_str_eq(view(app, w.now, "Sharing.Remaining"), "30");
	ck_assert_str_eq(view(app, w.now, "Sharing.Received"), "0");
	snprintf(want, sizeof want, "request_approved>jdoe#%" PRId64, app);
	ck_assert_str_eq(outbox_drain(), want);
	ck_assert_str_eq(ledger(), "");
	/* Open: others may donate up to what is certified; not jdoe herself. */
	ok(workflow_form_context(db, "sick-leave-donation", &stranger, &to_jdoe, w.now, &fc));
	ck_assert(fc.recipient_found);
	ck_assert(!fc.recipient_is_self);
	ck_assert_str_eq(fc.recipient_week_hours, "37.5");
	ck_assert_int_eq(fc.recipient_need_ch, 3000);
	ok(workflow_form_context(db, "sick-leave-donation", &jdoe, &to_jdoe, w.now, &fc));
	ck_assert(fc.recipient_is_self);
}
END_TEST

/* No hours at the last approval: certified as requested. The return to
 * work is offered to HR and the approvers, nobody else. */
START_TEST(test_sharing_as_requested_actions)
{
	time_t now = at(T0);
	int64_t app = approved_sharing(NULL, now);

	ck_assert_str_eq(view(app, now + 120, "Sharing.Certified"), "40");
	ck_assert_str_eq(view(app, now + 120, "Sharing.Remaining"), "40");
	ck_assert_uint_eq(actions(app, &hradmin, now + 120), WF_RETURN);
	ck_assert_uint_eq(actions(app, &msmith, now + 120), WF_RETURN);
	ck_assert_uint_eq(actions(app, &kbrown, now + 120), WF_RETURN);
	ck_assert_uint_eq(actions(app, &jdoe, now + 120), 0);
	ck_assert_uint_eq(actions(app, &dlee, now + 120), 0);
	ck_assert_uint_eq(actions(app, &stranger, now + 120), 0);
}
END_TEST

START_TEST(test_donations_in_order_of_receipt)
{
	time_t now = at(T0);
	int64_t app = approved_sharing("30", now);
	int64_t d1, d2, d3;
	struct workflow_ctx w;
	struct form_context fc;
	struct form_values to_jdoe;
	struct form_result result;
	struct request_row r;
	char want[512], note[300];
	int already = -1;

	memset(&to_jdoe, 0, sizeof to_jdoe);
	ck_assert_int_eq(form_set(&to_jdoe, "recipient_employee_id", "100234"), 0);
	/* Sam Jones offers 20 first: routed to his supervisor. */
	d1 = donation(&stranger, "20", "120", now + 600);
	submit(&stranger, d1, now + 600);
	r = load(d1);
	ck_assert_int_eq(r.status, REQUEST_PENDING);
	ck_assert_int_eq(r.assignee_id, dlee.id);
	ck_assert_str_eq(view(d1, now + 600, "Donation.Recipient"), "Jane Doe");
	ck_assert_str_eq(view(d1, now + 600, "Donation.RecipientId"), "100234");
	ck_assert_str_eq(view(d1, now + 600, "Donation.Transferred"), "");
	/* What is offered and not decided counts against the need. */
	ok(workflow_form_context(db, "sick-leave-donation", &dlee, &to_jdoe, now + 600, &fc));
	ck_assert_int_eq(fc.recipient_need_ch, 1000);
	/* David Lee offers the other 10 second; his approver is also the
	 * appointing authority, so one approval is final. */
	d2 = donation(&dlee, "10", "90", now + 1200);
	submit(&dlee, d2, now + 1200);
	ck_assert_int_eq(load(d2).assignee_id, kbrown.id);
	/* Nothing left to give: a third offer does not pass. */
	d3 = donation(&msmith, "8", "120", now + 1800);
	w = ctx(&msmith, now + 1800);
	ok(workflow_submit(&w, d3, msmith.name, &result, &already));
	ck_assert_int_eq(already, 0);
	ck_assert_ptr_nonnull(formcheck_error_for(&result, "donate"));
	ck_assert_int_eq(load(d3).status, REQUEST_DRAFT);
	outbox_drain();

	/* The later donation, approved first, waits for the earlier one. */
	w = ctx(&kbrown, now + 2400);
	ok(workflow_approve(&w, d2, NULL, NULL));
	ck_assert_int_eq(load(d2).status, REQUEST_APPROVED);
	ck_assert_str_eq(ledger(), "");
	ck_assert_str_eq(view(d2, w.now, "Donation.Transferred"), "");
	ck_assert_str_eq(view(app, w.now, "Sharing.Received"), "0");
	snprintf(want, sizeof want, "%" PRId64, d1);
	ck_assert_str_eq(view(app, w.now, "Sharing.Donations.0.Id"), want);
	ck_assert_str_eq(view(app, w.now, "Sharing.Donations.0.Transferred"), "not yet");
	ck_assert_str_eq(view(app, w.now, "Sharing.Donations.1.Donor"), "David Lee");
	ck_assert_str_eq(view(app, w.now, "Sharing.Donations.1.Transferred"), "not yet");
	snprintf(want, sizeof want, "request_approved>dlee#%" PRId64, d2);
	ck_assert_str_eq(outbox_drain(), want);

	/* The earlier one approved: both go over, in order of receipt. */
	approve_all(d1, now + 3000);
	snprintf(want, sizeof want,
		 "transfer:sjones:-2000#%" PRId64 " transfer:jdoe:2000#%" PRId64 " "
		 "transfer:dlee:-1000#%" PRId64 " transfer:jdoe:1000#%" PRId64,
		 d1, d1, d2, d2);
	ck_assert_str_eq(ledger(), want);
	ck_assert_str_eq(view(d1, now + 3000, "Donation.Transferred"), "20");
	ck_assert_str_eq(view(d2, now + 3000, "Donation.Transferred"), "10");
	ck_assert_str_eq(view(app, now + 3000, "Sharing.Received"), "30");
	ck_assert_str_eq(view(app, now + 3000, "Sharing.Remaining"), "0");
	ck_assert_str_eq(view(app, now + 3000, "Sharing.Donations.0.Donor"), "Sam Jones");
	ck_assert_str_eq(view(app, now + 3000, "Sharing.Donations.0.Transferred"), "20");
	ck_assert_str_eq(view(app, now + 3000, "Sharing.Donations.1.Transferred"), "10");
	ck_assert_str_eq(history(app, now + 3000),
			 "created/0/Jane Doe; submitted/1/Jane Doe; approved/1/Mark Smith; "
			 "approved/2/Karen Brown; transferred/0/Karen Brown; transferred/0/Karen Brown");
	history_note(app, now + 3000, 4, note, sizeof note);
	ck_assert_str_eq(note, "20 hours received from Sam Jones (employee ID 100345).");
	history_note(app, now + 3000, 5, note, sizeof note);
	ck_assert_str_eq(note, "10 hours received from David Lee (employee ID 100020).");
	ck_assert_str_eq(history(d2, now + 3000), "created/0/David Lee; submitted/1/David Lee; approved/1/Karen Brown; "
						  "transferred/0/Karen Brown");
	history_note(d2, now + 3000, 3, note, sizeof note);
	ck_assert_str_eq(note, "10 hours transferred to Jane Doe (employee ID 100234).");
	snprintf(want, sizeof want, "request_submitted>kbrown#%" PRId64 " request_approved>sjones#%" PRId64, d1, d1);
	ck_assert_str_eq(outbox_drain(), want);
	/* The need is met: nothing more can be offered. */
	ok(workflow_form_context(db, "sick-leave-donation", &msmith, &to_jdoe, now + 3000, &fc));
	ck_assert(fc.recipient_found);
	ck_assert_int_eq(fc.recipient_need_ch, 0);
}
END_TEST

/* HR records the return: 30 held, 12 used, 18 back to the donors, the
 * newest donation first. */
START_TEST(test_return_to_work_restores_newest_first)
{
	time_t now = at(T0);
	int64_t app = approved_sharing("30", now);
	int64_t d1 = donation(&stranger, "20", "120", now + 600);
	int64_t d2 = donation(&dlee, "10", "90", now + 1200);
	const struct user *others[] = { &jdoe, &stranger, &dlee };
	struct workflow_ctx w;
	struct snapshot before;
	struct request_row r;
	char want[1024], transfers[512], note[300];
	time_t back = at("2027-02-01T15:00:00Z");

	submit(&stranger, d1, now + 600);
	submit(&dlee, d2, now + 1200);
	approve_all(d1, now + 1800);
	approve_all(d2, now + 2400);
	outbox_drain();
	snprintf(transfers, sizeof transfers, "%s", ledger());

	/* The recipient herself, and the two donors (who are not parties
	 * to the application): refused, nothing changes. */
	snap(app, back, &before);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		w = ctx(others[i], back);
		assert_kind(workflow_return_to_work(&w, app, "12"), HR_ERR_FORBIDDEN, NULL);
	}
	/* More than was received, or nonsense: refused. */
	w = ctx(&hradmin, back);
	assert_kind(workflow_return_to_work(&w, app, "31"), HR_ERR_BAD_REQUEST, "a number from 0 to 30");
	assert_kind(workflow_return_to_work(&w, app, "-1"), HR_ERR_BAD_REQUEST, NULL);
	assert_kind(workflow_return_to_work(&w, app, NULL), HR_ERR_BAD_REQUEST, NULL);
	assert_unchanged(app, back, &before);
	ck_assert_str_eq(ledger(), transfers);
	ck_assert_str_eq(view(app, back, "Sharing.State"), "open");
	ck_assert_str_eq(outbox_drain(), "");

	ok(workflow_return_to_work(&w, app, "12"));
	r = load(app);
	ck_assert_int_eq(r.status, REQUEST_CLOSED);
	ck_assert_int_eq(r.assignee_id, 0);
	ck_assert_str_eq(r.closed_at, "2027-02-01T15:00:00Z");
	snprintf(want, sizeof want,
		 "%s restore:jdoe:-1000#%" PRId64 " restore:dlee:1000#%" PRId64 " "
		 "restore:jdoe:-800#%" PRId64 " restore:sjones:800#%" PRId64,
		 transfers, d2, d2, d1, d1);
	ck_assert_str_eq(ledger(), want);
	ck_assert_str_eq(view(app, back, "Sharing.State"), "closed");
	ck_assert_str_eq(view(app, back, "Sharing.Used"), "12");
	ck_assert_str_eq(view(app, back, "Sharing.Received"), "30");
	ck_assert_str_eq(view(app, back, "Sharing.Returned"), "18");
	ck_assert_str_eq(view(app, back, "Sharing.ReturnedOn"), "2027-02-01");
	ck_assert_str_eq(view(app, back, "Sharing.Donations.0.Restored"), "8");
	ck_assert_str_eq(view(app, back, "Sharing.Donations.1.Restored"), "10");
	ck_assert_str_eq(view(d1, back, "Donation.Restored"), "8");
	ck_assert_str_eq(view(d2, back, "Donation.Restored"), "10");
	ck_assert_str_eq(history(app, back),
			 "created/0/Jane Doe; submitted/1/Jane Doe; approved/1/Mark Smith; "
			 "approved/2/Karen Brown; transferred/0/Karen Brown; transferred/0/Karen Brown; "
			 "returned_to_work/0/Pat Rivera");
	history_note(app, back, 6, note, sizeof note);
	ck_assert_str_eq(note, "Back at work: 12 donated hours used, 18 returned to the donors.");
	ck_assert_str_eq(history(d2, back), "created/0/David Lee; submitted/1/David Lee; approved/1/Karen Brown; "
					    "transferred/0/Karen Brown; restored/0/Pat Rivera");
	history_note(d2, back, 4, note, sizeof note);
	ck_assert_str_eq(note, "10 hours returned to the donor: the recipient is back at work.");
	history_note(d1, back, 5, note, sizeof note);
	ck_assert_str_eq(note, "8 hours returned to the donor: the recipient is back at work.");
	snprintf(want, sizeof want, "leave_restored>dlee#%" PRId64 " leave_restored>sjones#%" PRId64, d2, d1);
	ck_assert_str_eq(outbox_drain(), want);

	/* Closed: no return to record any more, for anyone; a second return
	 * is a conflict (the state no longer allows it), whoever sends it. */
	ck_assert_uint_eq(actions(app, &hradmin, back), 0);
	ck_assert_uint_eq(actions(app, &msmith, back), 0);
	snap(app, back + 60, &before);
	snprintf(transfers, sizeof transfers, "%s", ledger());
	w.now = back + 60;
	assert_kind(workflow_return_to_work(&w, app, "0"), HR_ERR_CONFLICT, "only be recorded once");
	assert_unchanged(app, back + 60, &before);
	ck_assert_str_eq(ledger(), transfers);
}
END_TEST

/* An approver records the return before anything was transferred: nothing
 * to give back; an approved donation waiting in line, and one approved
 * later, get nothing. */
START_TEST(test_return_to_work_by_approver_before_transfers)
{
	time_t now = at(T0);
	int64_t app = approved_sharing("30", now);
	int64_t d1 = donation(&stranger, "20", "120", now + 600);
	int64_t d2 = donation(&dlee, "10", "90", now + 1200);
	struct workflow_ctx w;
	struct request_row r;
	char want[512], note[300];
	time_t back = at("2027-01-06T15:00:00Z");

	submit(&stranger, d1, now + 600);
	submit(&dlee, d2, now + 1200);
	approve_all(d2, now + 1800); /* waits: d1 is still pending */
	outbox_drain();
	ck_assert_str_eq(ledger(), "");

	w = ctx(&msmith, back);
	assert_kind(workflow_return_to_work(&w, app, "1"), HR_ERR_BAD_REQUEST, "a number from 0 to 0");
	ok(workflow_return_to_work(&w, app, "0"));
	r = load(app);
	ck_assert_int_eq(r.status, REQUEST_CLOSED);
	ck_assert_str_eq(view(app, back, "Sharing.State"), "closed");
	ck_assert_str_eq(view(app, back, "Sharing.Used"), "0");
	ck_assert_str_eq(view(app, back, "Sharing.Received"), "0");
	ck_assert_str_eq(ledger(), "");
	ck_assert_str_eq(history(app, back), "created/0/Jane Doe; submitted/1/Jane Doe; approved/1/Mark Smith; "
					     "approved/2/Karen Brown; returned_to_work/0/Mark Smith");
	history_note(app, back, 4, note, sizeof note);
	ck_assert_str_eq(note, "Back at work: 0 donated hours used, 0 returned to the donors.");
	/* The approved donation in line: settled at nothing. */
	ck_assert_str_eq(view(d2, back, "Donation.Transferred"), "0");
	ck_assert_str_eq(history(d2, back), "created/0/David Lee; submitted/1/David Lee; approved/1/Karen Brown; "
					    "transferred/0/Mark Smith");
	history_note(d2, back, 3, note, sizeof note);
	ck_assert_str_eq(note, "Nothing transferred: the recipient is back at work.");
	ck_assert_str_eq(outbox_drain(), "");

	/* The earlier donation, approved after the return: nothing either. */
	approve_all(d1, back + 60);
	ck_assert_str_eq(ledger(), "");
	ck_assert_str_eq(view(d1, back + 60, "Donation.Transferred"), "0");
	history_note(d1, back + 60, 4, note, sizeof note);
	ck_assert_str_eq(note, "Nothing transferred: the recipient is back at work.");
	snprintf(want, sizeof want, "request_submitted>kbrown#%" PRId64 " request_approved>sjones#%" PRId64, d1, d1);
	ck_assert_str_eq(outbox_drain(), want);
}
END_TEST

/* ---- the store's rows ------------------------------------------------------------------ */

static NEOERR *count_row(void *ctx, const struct store_requests_list_row *row)
{
	int *n = ctx;

	(void)row;
	(*n)++;
	return STATUS_OK;
}

static NEOERR *keep_agency(void *ctx, const char *agency)
{
	char *out = ctx;

	snprintf(out + strlen(out), 256 - strlen(out), "%s;", agency);
	return STATUS_OK;
}

static NEOERR *keep_wizard_figures(void *ctx, const struct store_requests_wizard_row *row)
{
	snprintf(ctx, 64, "%s/%d/%s", row->figures, row->eligible, row->evaluated_on);
	return STATUS_OK;
}

/* Asking a party again, storing a wizard result again, and the lists'
 * filters and bounds. */
START_TEST(test_store_request_rows)
{
	time_t now = at(T0);
	int64_t a = draft(&jdoe, "leave", leave_ok, now), b = draft(&jdoe, "leave", leave_ok, now + 60);
	struct store_requests_wizard_row w1 = { "fmla", "2027-01-05", "{}", "{}", 1, "one", "", "" };
	struct store_requests_wizard_row w2 = { "fmla", "2027-01-06", "{}", "{}", 0, "two", "", "" };
	struct store_requests_filter all = { "", "", "" }, other = { "Other Cabinet", "", "" };
	struct request_row r = load(a);
	struct request_answers ans;
	char agencies[256] = "", wiz[64] = "";
	int n = 0, party = 0;
	int64_t count = -1;

	ok(db_begin(db));
	ok(store_requests_add_party(db, a, msmith.id));
	ok(store_requests_add_party(db, a, msmith.id));
	ok(store_requests_is_party(db, a, msmith.id, &party));
	ck_assert_int_eq(party, 1);
	ok(store_requests_is_party(db, b, msmith.id, &party));
	ck_assert_int_eq(party, 0);
	ok(store_requests_set_wizard(db, a, &w1));
	ok(store_requests_set_wizard(db, a, &w2));
	ok(store_requests_set_field(db, a, "_levels", "1:A"));
	ok(store_requests_clear_answers(db, a));
	ok(db_commit(db));
	ok(store_requests_wizard(db, a, keep_wizard_figures, wiz));
	ck_assert_str_eq(wiz, "two/0/2027-01-06");
	ok(requests_load_answers(db, a, &ans));
	ck_assert_int_eq((int)ans.values.n, 1);
	ck_assert_str_eq(form_get(&ans.values, "_levels"), "1:A");
	requests_answers_free(&ans);

	/* Drafts are their owner's only: not in HR's list. */
	ok(store_requests_drafts(db, jdoe.id, count_row, &n));
	ck_assert_int_eq(n, 2);
	ok(store_requests_filtered_count(db, &all, &count));
	ck_assert_int_eq((int)count, 0);
	/* A row without a status is never written (the column takes only words). */
	r.status = REQUEST_STATUS_NONE;
	assert_kind(requests_update(db, &r, now), NERR_ASSERT, "no status to store");
	r.status = REQUEST_PENDING;
	ok(db_begin(db));
	ok(requests_update(db, &r, now));
	ok(db_commit(db));
	ck_assert_int_eq(load(a).status, REQUEST_PENDING);
	ok(store_requests_filtered_count(db, &all, &count));
	ck_assert_int_eq((int)count, 1);
	ok(store_requests_filtered_count(db, &other, &count));
	ck_assert_int_eq((int)count, 0);
	n = 0;
	ok(store_requests_filtered(db, &all, 0, count_row, &n));
	ck_assert_int_eq(n, 1);
	n = 0;
	ok(store_requests_filtered(db, &all, a, count_row, &n));
	ck_assert_int_eq(n, 0);
	ok(store_requests_agencies(db, keep_agency, agencies));
	ck_assert_str_eq(agencies, "Personnel Cabinet;");
	n = 0;
	ok(store_requests_drafts(db, jdoe.id, count_row, &n));
	ck_assert_int_eq(n, 1);
}
END_TEST

/* The pages of HR's list, walked as the "Older requests" links walk them. */
struct page_walk {
	int64_t last; /* the previous row's id, 0 before the first */
	int rows, out_of_order, off_filter;
	const struct store_requests_filter *f;
};

static NEOERR *walk_row(void *ctx, const struct store_requests_list_row *row)
{
	struct page_walk *w = ctx;

	if (w->last != 0 && row->id >= w->last)
		w->out_of_order++;
	if ((*w->f->type && strcmp(row->type, w->f->type) != 0) ||
	    (*w->f->status && strcmp(row->status, w->f->status) != 0) ||
	    (*w->f->agency && strcmp(row->agency, w->f->agency) != 0))
		w->off_filter++;
	w->last = row->id;
	w->rows++;
	return STATUS_OK;
}

/* Every page by id: 100 rows newest first, each page starting below the
 * last, all of them together exactly what the count says; and each filter
 * alone and together. */
static void walk_pages(const struct store_requests_filter *f, int expected)
{
	struct page_walk w = { 0, 0, 0, 0, f };
	int64_t before = 0, count = -1;
	int pages = 0;

	ok(store_requests_filtered_count(db, f, &count));
	ck_assert_int_eq((int)count, expected);
	for (;;) {
		int seen = w.rows;

		ok(store_requests_filtered(db, f, before, walk_row, &w));
		pages++;
		ck_assert_int_le(w.rows - seen, STORE_REQUESTS_PAGE);
		if (w.rows - seen < STORE_REQUESTS_PAGE)
			break;
		before = w.last;
	}
	ck_assert_int_eq(w.rows, expected);
	ck_assert_int_eq(w.out_of_order, 0);
	ck_assert_int_eq(w.off_filter, 0);
	ck_assert_int_eq(pages, expected / STORE_REQUESTS_PAGE + 1);
}

START_TEST(test_hr_list_pages_by_id)
{
	time_t now = at(T0);
	struct store_requests_filter all = { "", "", "" }, grievances = { "", "grievance", "" },
				     pending = { "", "", "pending" },
				     pending_grievances = { "", "grievance", "pending" },
				     here = { "Personnel Cabinet", "grievance", "pending" },
				     elsewhere = { "Other Cabinet", "", "" };
	int64_t count = -1;
	char key[40];

	/* 250 submitted: a grievance in three, every other one pending. */
	ok(db_begin(db));
	for (int i = 0; i < 250; i++) {
		struct request_row r;
		int64_t id = 0;
		int found = 0;

		snprintf(key, sizeof key, "test-page-key-%08d", i);
		ok(requests_create(db, i % 3 == 0 ? "grievance" : "leave", &jdoe, key, now + i, &id));
		ok(requests_load(db, id, &r, &found));
		r.status = i % 2 ? REQUEST_PENDING : REQUEST_APPROVED;
		ok(requests_update(db, &r, now + i));
	}
	ok(db_commit(db));
	/* A draft is never listed. */
	draft(&jdoe, "leave", leave_ok, now);
	walk_pages(&all, 250);
	walk_pages(&grievances, 84);
	walk_pages(&pending, 125);
	walk_pages(&pending_grievances, 42);
	walk_pages(&here, 42);
	walk_pages(&elsewhere, 0);

	/* Above the cap the count stops: "more than 10,000". */
	ok(db_begin(db));
	for (int i = 0; i < STORE_REQUESTS_COUNT_CAP; i++) {
		struct request_row r;
		int64_t id = 0;
		int found = 0;

		snprintf(key, sizeof key, "test-cap-key-%08d", i);
		ok(requests_create(db, "leave", &stranger, key, now, &id));
		ok(requests_load(db, id, &r, &found));
		r.status = REQUEST_APPROVED;
		ok(requests_update(db, &r, now));
	}
	ok(db_commit(db));
	ok(store_requests_filtered_count(db, &all, &count));
	ck_assert_int_eq((int)count, STORE_REQUESTS_COUNT_CAP + 1);
	ok(store_requests_filtered_count(db, &grievances, &count));
	ck_assert_int_eq((int)count, 84);
}
END_TEST

static NEOERR *keep_donation(void *ctx, const struct store_donation_row *row)
{
	char *out = ctx;

	snprintf(out + strlen(out), 256 - strlen(out), "%" PRId64 ":%s:%" PRId64 ":%" PRId64 ":%" PRId64 ";",
		 (int64_t)row->request_id, row->donor_name, (int64_t)row->hours_ch, (int64_t)row->transferred_ch,
		 (int64_t)row->restored_ch);
	return STATUS_OK;
}

/* An application or a donation stored again starts over, as the row
 * INSERT OR REPLACE wrote would; the ledger's sums. */
START_TEST(test_store_ledger_rows)
{
	time_t now = at(T0);
	int64_t app = draft(&jdoe, "sick-leave-sharing", sick_sharing_ok, now);
	int64_t d1 = donation(&dlee, "8", "100", now), d2 = donation(&kbrown, "4", "100", now);
	struct store_sharing_row s;
	struct store_donation_view v;
	char rows[256] = "", want[256];
	int found = 0;
	int64_t id = 0, received = -1, returned = -1;

	ok(db_begin(db));
	ok(store_ledger_apply(db, app, "sick", jdoe.id, "37.5", 4000));
	ok(store_ledger_certify(db, app, 1200));
	ok(store_ledger_open_application(db, jdoe.id, "sick", &id));
	ck_assert_int_eq((int)id, (int)app);
	ok(store_ledger_open_application(db, jdoe.id, "annual", &id));
	ck_assert_int_eq((int)id, 0);
	ok(store_ledger_add_donation(db, d1, app, dlee.id, 800, T0));
	ok(store_ledger_add_donation(db, d2, app, kbrown.id, 400, T0));
	ok(store_ledger_set_transferred(db, d1, 800));
	ok(store_ledger_entry(db, app, d1, dlee.id, "sick", "transfer", -800, T0, msmith.id));
	ok(store_ledger_entry(db, app, d1, jdoe.id, "sick", "transfer", 800, T0, 0));
	ok(store_ledger_add_restored(db, d1, 300));
	ok(store_ledger_add_restored(db, d1, 200));
	ok(store_ledger_entry(db, app, d1, jdoe.id, "sick", "restore", -500, T0, msmith.id));
	ok(db_commit(db));

	ok(store_ledger_balance(db, app, jdoe.id, &received, &returned));
	ck_assert_int_eq((int)received, 800);
	ck_assert_int_eq((int)returned, 500);
	ok(store_ledger_balance(db, app, kbrown.id, &received, &returned));
	ck_assert_int_eq((int)received, 0);
	ck_assert_int_eq((int)returned, 0);
	ok(store_ledger_donation_application(db, d2, &id));
	ck_assert_int_eq((int)id, (int)app);
	ok(store_ledger_donation_application(db, app, &id));
	ck_assert_int_eq((int)id, 0);
	ok(store_ledger_donation_view(db, d1, &v, &found));
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(v.recipient_name, "Jane Doe");
	ck_assert_int_eq((int)v.transferred_ch, 800);
	ck_assert_int_eq((int)v.restored_ch, 500);
	ok(store_ledger_donations(db, app, keep_donation, rows));
	snprintf(want, sizeof want, "%" PRId64 ":David Lee:800:800:500;%" PRId64 ":Karen Brown:400:-1:0;", d1, d2);
	ck_assert_str_eq(rows, want);

	/* Stored again: the first donation goes to the back of the line. */
	ok(db_begin(db));
	ok(store_ledger_add_donation(db, d1, app, dlee.id, 600, "2027-01-06T14:00:00Z"));
	ok(store_ledger_apply(db, app, "sick", jdoe.id, "40", 2000));
	ok(db_commit(db));
	rows[0] = '\0';
	ok(store_ledger_donations(db, app, keep_donation, rows));
	snprintf(want, sizeof want, "%" PRId64 ":Karen Brown:400:-1:0;%" PRId64 ":David Lee:600:-1:0;", d2, d1);
	ck_assert_str_eq(rows, want);
	ok(store_ledger_sharing(db, app, &s, &found));
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(s.state, "applied");
	ck_assert_str_eq(s.week_hours, "40");
	ck_assert_int_eq((int)s.requested_ch, 2000);
	ck_assert_int_eq((int)s.certified_ch, -1);
	ck_assert_int_eq((int)s.used_ch, -1);

	ok(db_begin(db));
	ok(store_ledger_close_applied(db, app));
	ok(db_commit(db));
	ok(store_ledger_sharing(db, app, &s, &found));
	ck_assert_str_eq(s.state, "closed");
	ok(store_ledger_sharing(db, d1, &s, &found));
	ck_assert_int_eq(found, 0);
}
END_TEST

/* The same form page sent again finds its draft; its key on another form
 * is refused; once submitted, nothing changes. */
START_TEST(test_save_draft_by_key)
{
	time_t now = at(T0);
	struct workflow_ctx w = ctx(&jdoe, now);
	const struct form_def *leave = formdef_find("leave"), *outside = formdef_find("outside-employment");
	const char *key = "0123456789abcdef0123456789abcdef";
	struct form_values v, none;
	int64_t id = 0, again = 0;
	int submitted = -1;
	struct request_row r;

	memset(&v, 0, sizeof v);
	memset(&none, 0, sizeof none);
	for (size_t i = 0; leave_ok[i]; i += 2)
		form_set(&v, leave_ok[i], leave_ok[i + 1]);
	ok(workflow_save_draft(&w, leave, key, &v, &none, "first", &id, &submitted));
	ck_assert_int_eq(submitted, 0);
	w.now = now + 60;
	ok(workflow_save_draft(&w, leave, key, &v, NULL, "second", &again, &submitted));
	ck_assert_int_eq((int)again, (int)id);
	r = load(id);
	ck_assert_str_eq(r.summary, "second");
	ck_assert_int_eq(r.status, REQUEST_DRAFT);
	assert_kind(workflow_save_draft(&w, outside, key, &v, NULL, "x", &again, &submitted), HR_ERR_BAD_REQUEST,
		    "another form");
	submit(&jdoe, id, now + 120);
	r = load(id);
	ok(workflow_save_draft(&w, leave, key, &v, NULL, "third", &again, &submitted));
	ck_assert_int_eq(submitted, 1);
	ck_assert_int_eq((int)again, (int)id);
	ck_assert_str_eq(load(id).summary, r.summary);
	ck_assert_str_eq(load(id).updated_at, r.updated_at);
	outbox_drain();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("workflow");
	TCase *tc = tcase_create("db");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_submit_routes_to_supervisor);
	tcase_add_test(tc, test_submit_incomplete_refused);
	tcase_add_test(tc, test_approve_final_by_supervisor);
	tcase_add_test(tc, test_approve_two_steps_to_authority);
	tcase_add_test(tc, test_others_forbidden);
	tcase_add_test(tc, test_deny_with_reason);
	tcase_add_test(tc, test_withdraw);
	tcase_add_test(tc, test_grievance_deny_appeal_accept);
	tcase_add_test(tc, test_grievance_appeal_too_late);
	tcase_add_test(tc, test_grievance_catch_up);
	tcase_add_test(tc, test_grievance_second_line);
	tcase_add_test(tc, test_grievance_appeal_eastern_day);
	tcase_add_test(tc, test_acknowledgement_recorded_at_once);
	tcase_add_test(tc, test_unknown_request);
	tcase_add_test(tc, test_actions_by_state);
	tcase_add_test(tc, test_sharing_certified_hours);
	tcase_add_test(tc, test_sharing_as_requested_actions);
	tcase_add_test(tc, test_donations_in_order_of_receipt);
	tcase_add_test(tc, test_return_to_work_restores_newest_first);
	tcase_add_test(tc, test_return_to_work_by_approver_before_transfers);
	tcase_add_test(tc, test_store_request_rows);
	tcase_add_test(tc, test_hr_list_pages_by_id);
	tcase_add_test(tc, test_store_ledger_rows);
	tcase_add_test(tc, test_save_draft_by_key);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
