/* Unit tests of acknowledgement campaigns (ackcamp), announcements and
 * subscriptions (announce), and reading sections as of a date (content),
 * on a temporary database migrated by db_open and filled by the fixture
 * below: one handbook with a part, its sections and a new version that
 * takes effect later, and employees in three agencies (one inactive). The
 * clock is fixed (T0). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/ackcamp.h"
#include "publish/announce.h"
#include "content/content.h"
#include "core/errors.h"
#include "core/settings.h"
#include "store/db.h"
#include "store/secrets.h"
#include "web/render.h"
#include "store/db_sqlite.h"

#define T0 1798794000 /* 2027-01-01T09:00:00Z */

/* ---- fixtures ---- */

static char dir[256];
static char template_dir[512];
static struct db *db;
static struct settings settings;

/* Section ids of the fixture. */
enum {
	S_LEAVE = 1,    /* part "leave" (top level) */
	S_SICK = 2,     /* section "sick-leave" in leave: v1 2026-01-01, v2 2027-03-01 */
	S_VACATION = 3, /* section "vacation" in leave: v1 2026-01-01 */
	S_HOLIDAYS = 4, /* section "holidays" (top level): v1 2026-01-01 */
	S_NEW = 5,      /* section "remote-work" (top level): only v1 2027-06-01 */
	S_EMPTY = 6,    /* section "draft-only" (top level): no version at all */
};

/* User ids of the fixture. */
enum { U_ALICE = 1, U_BOB, U_CAROL, U_DAVE, U_ERIN };

static const char fixture_sql[] =
	"INSERT INTO documents(id, slug, title, description, status, revised, source_file, intro_md, intro_html, sort) "
	"VALUES (1, 'handbook', 'Employee Handbook', 'The handbook.', 'current', 'January 2026', 'handbook.md', '', '', 1);"
	"INSERT INTO sections(id, document_id, parent_id, kind, slug, sort, toc_title, toc_page) VALUES "
	"(1, 1, NULL, 'part', 'leave', 1, 'Leave', 10),"
	"(2, 1, 1, 'section', 'sick-leave', 2, 'Sick Leave', 11),"
	"(3, 1, 1, 'section', 'vacation', 3, 'Vacation', 12),"
	"(4, 1, NULL, 'section', 'holidays', 4, 'Holidays', 20),"
	"(5, 1, NULL, 'section', 'remote-work', 5, 'Remote Work', NULL),"
	"(6, 1, NULL, 'section', 'draft-only', 6, 'Draft Only', NULL);"
	"INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
	"published_at, published_by, summary) VALUES "
	"(1, 1, 'Leave', 'Leave.', '<p>Leave.</p>', 'Leave.', '2026-01-01', '2026-01-01T00:00:00Z', 'importer', 'Imported'),"
	"(2, 1, 'Sick Leave', 'Old sick leave.', '<p>Old sick leave.</p>', 'Old sick leave.', '2026-01-01', "
	"'2026-01-01T00:00:00Z', 'importer', 'Imported'),"
	"(2, 2, 'Sick Leave and Wellness', 'New sick leave.', '<p>New sick leave.</p>', 'New sick leave.', '2027-03-01', "
	"'2026-12-20T15:00:00Z', 'hradmin', 'Accrual clarified'),"
	"(3, 1, 'Vacation', 'Vacation.', '<p>Vacation.</p>', 'Vacation.', '2026-01-01', '2026-01-01T00:00:00Z', "
	"'importer', 'Imported'),"
	"(4, 1, 'Holidays', 'Holidays.', '<p>Holidays.</p>', 'Holidays.', '2026-01-01', '2026-01-01T00:00:00Z', "
	"'importer', 'Imported'),"
	"(5, 1, 'Remote Work', 'Remote.', '<p>Remote.</p>', 'Remote.', '2027-06-01', '2026-12-20T15:00:00Z', "
	"'hradmin', 'New policy');"
	"INSERT INTO users(id, login, employee_id, name, email, agency, role, active) VALUES "
	"(1, 'alice', 'E1', 'Alice Adams', 'alice@example.gov', 'Agency A', 'employee', 1),"
	"(2, 'bob', 'E2', 'Bob Brown', 'bob@example.gov', 'Agency A', 'employee', 1),"
	"(3, 'carol', 'E3', 'Carol Clark', 'carol@example.gov', 'Agency B', 'employee', 1),"
	"(4, 'dave', 'E4', 'Dave Davis', 'dave@example.gov', 'Agency B', 'employee', 0),"
	"(5, 'erin', 'E5', 'Erin Evans', 'erin@example.gov', 'Agency C', 'hr', 1);";

static void setup(void)
{
	char path[512];
	const char *src = getenv("HR_SRCDIR");

	snprintf(dir, sizeof dir, "%s/hrportal-campaigns-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &db), STATUS_OK);
	ck_assert_ptr_eq(db_exec(db, fixture_sql), STATUS_OK);
	snprintf(template_dir, sizeof template_dir, "%s/templates", src ? src : ".");
	memset(&settings, 0, sizeof settings);
	settings.template_dir = template_dir;
	settings.base_url = "https://hr.example.gov";
}

static void teardown(void)
{
	char cmd[512];

	db_close(&db);
	render_cache_clear();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* A user of the fixture by id (the struct the API takes). */
static struct user user(int64_t id)
{
	struct user u;
	int found = 0;

	ck_assert_ptr_eq(users_by_id(db, id, &u, &found), STATUS_OK);
	if (!found) { /* inactive users are nobody to users_by_id */
		memset(&u, 0, sizeof u);
		u.id = id;
	}
	return u;
}

static int64_t count(const char *sql)
{
	sqlite3_stmt *st;
	int64_t n;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* An HDF value ("" when unset). */
static const char *val(HDF *hdf, const char *name)
{
	return hdf_get_value(hdf, name, "");
}

/* The error is of this kind; clears it. */
static void expect_error(NEOERR *err, NERR_TYPE kind)
{
	ck_assert_ptr_ne(err, STATUS_OK);
	ck_assert_msg(nerr_match(err, kind), "unexpected error kind (status %d)", errors_http_status(err));
	nerr_ignore(&err);
}

static int64_t create_campaign(int64_t section, const char *title, const char *due, int all,
			       const char *const *agencies, size_t n)
{
	int64_t id = 0;

	ck_assert_ptr_eq(ackcamp_create(db, section, title, due, all, agencies, n, "erin", T0, &id, NULL, NULL),
			 STATUS_OK);
	ck_assert(id > 0);
	return id;
}

static int acknowledge(int64_t id, int64_t user_id, const char *typed)
{
	struct user u = user(user_id);
	int already = -1;

	ck_assert_ptr_eq(ackcamp_acknowledge(db, id, &u, typed, T0 + 3600, &already), STATUS_OK);
	return already;
}

static int pending_count(int64_t user_id)
{
	struct user u = user(user_id);
	int n = -1;

	ck_assert_ptr_eq(ackcamp_pending_count(db, &u, &n), STATUS_OK);
	return n;
}

/* ---- ackcamp ---- */

START_TEST(test_campaign_by_agency)
{
	static const char *const agencies[] = { "Agency B", "Agency A", "Agency A" };
	int64_t id = create_campaign(S_SICK, "Read the new sick leave policy", "2027-02-01", 0, agencies, 3);
	HDF *hdf = NULL;
	struct user erin = user(U_ERIN);
	int already = -1;

	/* The newest version, even before it takes effect; the duplicate
	 * agency once. */
	ck_assert_int_eq(count("SELECT version FROM ack_campaigns"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM ack_campaign_agencies"), 2);

	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(ackcamp_detail(db, id, "2027-01-01", hdf, "C"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "C.Title"), "Read the new sick leave policy");
	ck_assert_str_eq(val(hdf, "C.SectionUrl"), "/handbook/sick-leave");
	ck_assert_str_eq(val(hdf, "C.SectionTitle"), "Sick Leave and Wellness");
	ck_assert_str_eq(val(hdf, "C.Version"), "2");
	ck_assert_str_eq(val(hdf, "C.VersionUrl"), "/handbook/sick-leave/history/2");
	ck_assert_str_eq(val(hdf, "C.Agencies"), "Agency A, Agency B");
	/* Alice, Bob (A), Carol (B); not Dave (inactive), not Erin (C). */
	ck_assert_str_eq(val(hdf, "C.Required"), "3");
	ck_assert_str_eq(val(hdf, "C.Done"), "0");
	ck_assert_str_eq(val(hdf, "C.Pending"), "3");
	ck_assert_str_eq(val(hdf, "C.Overdue"), "");
	hdf_destroy(&hdf);

	ck_assert_int_eq(pending_count(U_ALICE), 1);
	ck_assert_int_eq(pending_count(U_CAROL), 1);
	ck_assert_int_eq(pending_count(U_ERIN), 0);
	/* Not Erin's campaign: not found, nothing written. */
	expect_error(ackcamp_acknowledge(db, id, &erin, "Erin Evans", T0, &already), HR_ERR_NOT_FOUND);
	ck_assert_int_eq(count("SELECT count(*) FROM acknowledgements"), 0);

	/* Alice acknowledges once; the second time is a no-op. */
	ck_assert_int_eq(acknowledge(id, U_ALICE, "Alice Adams"), 0);
	ck_assert_int_eq(acknowledge(id, U_ALICE, "Alice A."), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM acknowledgements"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM acknowledgements WHERE user_id = 1 AND version = 2 "
			       "AND typed_name = 'Alice Adams' AND signed_at = '2027-01-01T10:00:00Z'"),
			 1);
	ck_assert_int_eq(pending_count(U_ALICE), 0);

	/* Completion per agency, who is pending, who signed; overdue after the
	 * due date. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(ackcamp_detail(db, id, "2027-02-02", hdf, "C"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "C.Required"), "3");
	ck_assert_str_eq(val(hdf, "C.Done"), "1");
	ck_assert_str_eq(val(hdf, "C.Pending"), "2");
	ck_assert_str_eq(val(hdf, "C.Overdue"), "1");
	ck_assert_str_eq(val(hdf, "C.ByAgency.0.Agency"), "Agency A");
	ck_assert_str_eq(val(hdf, "C.ByAgency.0.Required"), "2");
	ck_assert_str_eq(val(hdf, "C.ByAgency.0.Done"), "1");
	ck_assert_str_eq(val(hdf, "C.ByAgency.0.Pending"), "1");
	ck_assert_str_eq(val(hdf, "C.ByAgency.0.Percent"), "50");
	ck_assert_str_eq(val(hdf, "C.ByAgency.1.Agency"), "Agency B");
	ck_assert_str_eq(val(hdf, "C.ByAgency.1.Required"), "1");
	ck_assert_str_eq(val(hdf, "C.ByAgency.1.Done"), "0");
	ck_assert_str_eq(val(hdf, "C.ByAgency.1.Percent"), "0");
	ck_assert_str_eq(val(hdf, "C.ByAgency.2.Agency"), "");
	ck_assert_str_eq(val(hdf, "C.People.0.Name"), "Bob Brown");
	ck_assert_str_eq(val(hdf, "C.People.1.Name"), "Carol Clark");
	ck_assert_str_eq(val(hdf, "C.People.1.Agency"), "Agency B");
	ck_assert_str_eq(val(hdf, "C.People.2.Name"), "");
	ck_assert_str_eq(val(hdf, "C.Signed.0.Name"), "Alice Adams");
	ck_assert_str_eq(val(hdf, "C.Signed.0.TypedName"), "Alice Adams");
	ck_assert_str_eq(val(hdf, "C.Signed.0.Version"), "2");
	ck_assert_str_eq(val(hdf, "C.Signed.1.Name"), "");
	hdf_destroy(&hdf);

	/* The list has the same totals. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(ackcamp_list(db, "2027-01-01", hdf, "L"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "L.0.Title"), "Read the new sick leave policy");
	ck_assert_str_eq(val(hdf, "L.0.Required"), "3");
	ck_assert_str_eq(val(hdf, "L.0.Done"), "1");
	ck_assert_str_eq(val(hdf, "L.1.Title"), "");
	hdf_destroy(&hdf);
}
END_TEST

START_TEST(test_campaign_everyone)
{
	static const char *const agencies[] = { "Agency A" };
	int64_t id = create_campaign(S_HOLIDAYS, "Holidays", "2027-03-01", 1, agencies, 1), none = 0;
	HDF *hdf = NULL;

	/* Everyone active, whatever agencies were passed. */
	ck_assert_int_eq(count("SELECT count(*) FROM ack_campaign_agencies"), 0);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(ackcamp_detail(db, id, "2027-01-01", hdf, "C"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "C.Agencies"), "All agencies");
	ck_assert_str_eq(val(hdf, "C.Required"), "4");
	ck_assert_str_eq(val(hdf, "C.Version"), "1");
	ck_assert_str_eq(val(hdf, "C.ByAgency.2.Agency"), "Agency C");
	ck_assert_str_eq(val(hdf, "C.ByAgency.2.Required"), "1");
	hdf_destroy(&hdf);
	ck_assert_int_eq(pending_count(U_ERIN), 1);
	ck_assert_int_eq(pending_count(U_DAVE), 0);

	/* A user who joins later is asked too. */
	ck_assert_ptr_eq(db_exec(db, "INSERT INTO users(id, login, employee_id, name, email, agency, role) VALUES "
				     "(6, 'frank', 'E6', 'Frank Ford', 'frank@example.gov', 'Agency D', 'employee')"),
			 STATUS_OK);
	ck_assert_int_eq(pending_count(6), 1);

	/* A section with no published version; an unknown campaign. */
	expect_error(ackcamp_create(db, S_EMPTY, "x", "2027-03-01", 1, NULL, 0, "erin", T0, &none, NULL, NULL),
		     HR_ERR_BAD_REQUEST);
	ck_assert_int_eq(count("SELECT count(*) FROM ack_campaigns"), 1);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	expect_error(ackcamp_detail(db, id + 100, "2027-01-01", hdf, "C"), HR_ERR_NOT_FOUND);
	hdf_destroy(&hdf);
}
END_TEST

START_TEST(test_campaign_for_user_and_reopen)
{
	static const char *const agencies[] = { "Agency A" };
	int64_t id = create_campaign(S_SICK, "Sick leave", "2027-01-10", 0, agencies, 1);
	struct user alice = user(U_ALICE);
	HDF *hdf = NULL;

	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(ackcamp_for_user(db, &alice, "2027-01-11", hdf, "A"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "A.Pending.0.Title"), "Sick leave");
	ck_assert_str_eq(val(hdf, "A.Pending.0.Overdue"), "1");
	ck_assert_str_eq(val(hdf, "A.Pending.0.VersionUrl"), "/handbook/sick-leave/history/2");
	ck_assert_str_eq(val(hdf, "A.Done.0.Title"), "");
	hdf_destroy(&hdf);

	ck_assert_int_eq(acknowledge(id, U_ALICE, "Alice Adams"), 0);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(ackcamp_for_user(db, &alice, "2027-01-11", hdf, "A"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "A.Pending.0.Title"), "");
	ck_assert_str_eq(val(hdf, "A.Done.0.Title"), "Sick leave");
	ck_assert_str_eq(val(hdf, "A.Done.0.Version"), "2");
	ck_assert_str_eq(val(hdf, "A.Done.0.TypedName"), "Alice Adams");
	hdf_destroy(&hdf);

	/* A material change raises the campaign's version: the old
	 * acknowledgement no longer counts, and a new one is recorded. */
	ck_assert_ptr_eq(db_exec(db, "UPDATE ack_campaigns SET version = 3, reopened_at = '2027-01-05T12:00:00Z'"),
			 STATUS_OK);
	ck_assert_int_eq(pending_count(U_ALICE), 1);
	ck_assert_int_eq(acknowledge(id, U_ALICE, "Alice Adams"), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM acknowledgements WHERE user_id = 1"), 2);
	ck_assert_int_eq(pending_count(U_ALICE), 0);
}
END_TEST

START_TEST(test_campaign_reminders)
{
	static const char *const agencies[] = { "Agency A", "Agency B" };
	int64_t id = create_campaign(S_SICK, "Sick leave", "2027-02-01", 0, agencies, 2);
	int sent = -1;

	ck_assert_int_eq(acknowledge(id, U_ALICE, "Alice Adams"), 0);
	ck_assert_ptr_eq(ackcamp_remind(db, &settings, id, T0 + 7200, &sent, NULL, NULL), STATUS_OK);

	/* Bob and Carol, not Alice (done), Dave (inactive) or Erin (other
	 * agency). */
	ck_assert_int_eq(sent, 2);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE kind = 'ack_reminder' AND state = 'pending' AND "
			       "subject = 'Reminder: please acknowledge Sick leave by 2027-02-01'"),
			 2);
	ck_assert_int_eq(
		count("SELECT count(*) FROM outbox WHERE to_addr = 'bob@example.gov' AND to_name = 'Bob Brown'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE to_addr = 'carol@example.gov'"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE instr(body_text, 'Dear Carol Clark,') > 0 AND "
			       "instr(body_text, 'Sick Leave and Wellness (version 2) by 2027-02-01') > 0 AND "
			       "instr(body_text, 'https://hr.example.gov/my/acknowledgements') > 0"),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE body_html IS NOT NULL AND body_html != ''"), 2);

	/* Once everyone has acknowledged, nobody is reminded. */
	ck_assert_int_eq(acknowledge(id, U_BOB, "Bob Brown"), 0);
	ck_assert_int_eq(acknowledge(id, U_CAROL, "Carol Clark"), 0);
	ck_assert_ptr_eq(ackcamp_remind(db, &settings, id, T0 + 9000, &sent, NULL, NULL), STATUS_OK);
	ck_assert_int_eq(sent, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 2);

	expect_error(ackcamp_remind(db, &settings, id + 100, T0, &sent, NULL, NULL), HR_ERR_NOT_FOUND);
}
END_TEST

/* ---- announce: fields and templates ---- */

static int parse(const char *spec, size_t max, size_t *n, char *msg, size_t msgsz)
{
	struct announce_field f[ANNOUNCE_MAX_FIELDS + 2];

	msg[0] = '\0';
	return announce_parse_fields(spec, f, max, n, msg, msgsz);
}

START_TEST(test_field_errors)
{
	char msg[200], spec[600];
	size_t n = 99;

	ck_assert_int_eq(parse("", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(parse(NULL, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, 0);

	/* A line of 256 characters or more. */
	memset(spec, 0, sizeof spec);
	strcpy(spec, "ok|Fine\n");
	memset(spec + strlen(spec), 'a', 300);
	ck_assert_int_eq(parse(spec, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "Field line 2 is too long.");

	ck_assert_int_eq(parse("\n\nBad|Label", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(
		msg, "Field line 3: a field name is 1 to 32 lower-case letters, digits or _, starting with a letter.");
	ck_assert_int_eq(parse("1st|Label", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert(strstr(msg, "Field line 1: a field name") != NULL);
	ck_assert_int_eq(parse("a-b|Label", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert(strstr(msg, "Field line 1: a field name") != NULL);
	ck_assert_int_eq(parse("abcdefghijklmnopqrstuvwxyz0123456|Label", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg),
			 -1);
	ck_assert(strstr(msg, "a field name") != NULL);
	ck_assert_int_eq(parse("abcdefghijklmnopqrstuvwxyz012345|Label", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), 0);

	ck_assert_int_eq(parse("what|What\nwhen|When\n what |Again", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "Field line 3: what is named twice.");

	ck_assert_int_eq(parse("what", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "Field line 1: write name|Label|text (or textarea).");
	ck_assert_int_eq(parse("what| ", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "Field line 1: give the field a label (at most 120 characters).");
	ck_assert_int_eq(parse("what|What|select", ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "Field line 1: the kind is text or textarea.");

	/* At most ANNOUNCE_MAX_FIELDS fields: 12 pass, 13 do not. */
	spec[0] = '\0';
	for (int i = 0; i < ANNOUNCE_MAX_FIELDS; i++)
		snprintf(spec + strlen(spec), sizeof spec - strlen(spec), "f%d|Field %d|text\n", i, i);
	ck_assert_int_eq(parse(spec, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, ANNOUNCE_MAX_FIELDS);
	strcat(spec, "extra|Extra");
	ck_assert_int_eq(parse(spec, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_str_eq(msg, "A template has at most 12 fields.");
}
END_TEST

START_TEST(test_templates_add_load)
{
	struct announce_template t;
	HDF *hdf = NULL;

	/* The migration's three, then one of HR's. */
	ck_assert_ptr_eq(announce_template_add(db, "closure", "Office closure", "An office closes.",
					       "office|Office|text\nwhen|When|text\nwhy|Why|textarea",
					       "The <?cs var:Field.office ?> office is closed <?cs var:Field.when ?>.",
					       "erin", T0, NULL, NULL),
			 STATUS_OK);
	expect_error(announce_template_add(db, "reminder", "Again", "", "a|A", "x", "erin", T0, NULL, NULL),
		     HR_ERR_CONFLICT);
	ck_assert_int_eq(count("SELECT count(*) FROM announcement_templates"), 4);
	ck_assert_int_eq(
		count("SELECT count(*) FROM announcement_templates WHERE slug = 'closure' AND created_by = 'erin' "
		      "AND created_at = '2027-01-01T09:00:00Z'"),
		1);

	ck_assert_ptr_eq(announce_template_load(db, "closure", &t), STATUS_OK);
	ck_assert_str_eq(t.name, "Office closure");
	ck_assert_uint_eq(t.n_fields, 3);
	ck_assert_str_eq(t.fields[0].name, "office");
	ck_assert_str_eq(t.fields[2].label, "Why");
	ck_assert(!t.fields[1].textarea && t.fields[2].textarea);
	ck_assert(strstr(t.body_cs, "Field.office") != NULL);
	announce_template_free(&t);
	expect_error(announce_template_load(db, "nope", &t), HR_ERR_NOT_FOUND);
	ck_assert_ptr_eq(t.body_cs, NULL);

	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_templates(db, hdf, "T"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "T.0.Slug"), "policy-change");
	ck_assert_str_eq(val(hdf, "T.0.Fields.1.Name"), "action");
	ck_assert_str_eq(val(hdf, "T.0.Fields.1.Kind"), "textarea");
	ck_assert_str_eq(val(hdf, "T.3.Slug"), "closure");
	ck_assert_str_eq(val(hdf, "T.3.Fields.0.Kind"), "text");
	ck_assert_str_eq(val(hdf, "T.3.CreatedBy"), "erin");
	ck_assert_str_eq(val(hdf, "T.4.Slug"), "");
	hdf_destroy(&hdf);
}
END_TEST

START_TEST(test_find_section)
{
	int64_t id = 99;

	ck_assert_ptr_eq(announce_find_section(db, "", &id), STATUS_OK);
	ck_assert_int_eq(id, 0);
	ck_assert_ptr_eq(announce_find_section(db, "handbook/sick-leave", &id), STATUS_OK);
	ck_assert_int_eq(id, S_SICK);
	expect_error(announce_find_section(db, "handbook/nope", &id), HR_ERR_BAD_REQUEST);
	expect_error(announce_find_section(db, "sick-leave", &id), HR_ERR_BAD_REQUEST);
	expect_error(announce_find_section(db, "other/sick-leave", &id), HR_ERR_BAD_REQUEST);
	ck_assert_ptr_eq(db_exec(db, "UPDATE sections SET retired = 1 WHERE slug = 'vacation'"), STATUS_OK);
	expect_error(announce_find_section(db, "handbook/vacation", &id), HR_ERR_BAD_REQUEST);
}
END_TEST

/* ---- announce: rendering ---- */

static void input_for(struct announce_input *in, const struct announce_template *t, const char *title)
{
	memset(in, 0, sizeof *in);
	in->tmpl = t;
	in->title = title;
	in->audience = "none";
	for (size_t i = 0; i < ANNOUNCE_MAX_FIELDS; i++)
		in->values[i] = "";
}

START_TEST(test_render)
{
	struct announce_template t;
	struct announce_input in;
	char *md = NULL, *html = NULL, *text = NULL;
	static char refused[] = "<?cs include:\"/etc/passwd\" ?>";

	ck_assert_ptr_eq(announce_template_load(db, "policy-change", &t), STATUS_OK);
	input_for(&in, &t, "Sick leave changes");
	in.values[0] = "Accrual is <b>clearer</b> & simpler.";
	in.values[1] = "Read it";
	in.section_id = S_SICK;
	ck_assert_ptr_eq(announce_render(db, &settings, &in, &md, &html, &text), STATUS_OK);
	/* The section's newest version, even before its effective date. */
	ck_assert_msg(strstr(md, "The **Sick Leave and Wellness** section of the Employee Handbook changes on "
				 "2027-03-01.") != NULL,
		      "%s", md);
	ck_assert_msg(strstr(md, "(https://hr.example.gov/handbook/sick-leave)") != NULL, "%s", md);
	ck_assert_msg(strstr(html, "<strong>Sick Leave and Wellness</strong>") != NULL, "%s", html);
	ck_assert_msg(strstr(html, "<strong>What you need to do:</strong> Read it") != NULL, "%s", html);
	ck_assert_msg(strstr(html, "href=\"https://hr.example.gov/handbook/sick-leave\"") != NULL, "%s", html);
	/* What HR typed is escaped, never markup. */
	ck_assert_msg(strstr(html, "<b>") == NULL && strstr(html, "&lt;b&gt;clearer") != NULL, "%s", html);
	ck_assert_msg(strstr(text, "Sick Leave and Wellness") != NULL && strstr(text, "<strong>") == NULL, "%s", text);
	free(md);
	free(html);
	free(text);

	/* About no section: the section's parts are left out. */
	in.section_id = 0;
	ck_assert_ptr_eq(announce_render(db, &settings, &in, &md, &html, &text), STATUS_OK);
	ck_assert_msg(strstr(md, "section of") == NULL && strstr(md, "Read the section") == NULL, "%s", md);
	ck_assert(strstr(md, "Accrual is") != NULL);
	free(md);
	free(html);
	free(text);
	announce_template_free(&t);

	/* A template the allow-list refuses: a bad request, nothing returned. */
	memset(&t, 0, sizeof t);
	t.body_cs = refused;
	input_for(&in, &t, "Bad");
	md = html = text = (char *)"unset";
	expect_error(announce_render(db, &settings, &in, &md, &html, &text), HR_ERR_BAD_REQUEST);
	ck_assert_ptr_eq(html, NULL);
	ck_assert_ptr_eq(text, NULL);
	ck_assert_ptr_eq(md, NULL);
}
END_TEST

/* ---- announce: subscriptions and who is told ---- */

static void subscribe(int64_t user_id, const int64_t *ids, size_t n)
{
	ck_assert_ptr_eq(announce_subscribe(db, user_id, ids, n, T0), STATUS_OK);
}

static int publish(const struct announce_input *in, int64_t *id)
{
	char *md = NULL, *html = NULL, *text = NULL;
	int recipients = -1;

	ck_assert_ptr_eq(announce_render(db, &settings, in, &md, &html, &text), STATUS_OK);
	ck_assert_ptr_eq(announce_post(db, &settings, in, md, html, text, "erin", T0 + 60, id, &recipients, NULL, NULL),
			 STATUS_OK);
	free(md);
	free(html);
	free(text);
	return recipients;
}

START_TEST(test_subscriptions)
{
	int64_t leave = S_LEAVE, holidays = S_HOLIDAYS, both[] = { S_LEAVE, S_HOLIDAYS, S_LEAVE };
	int64_t bad[] = { S_HOLIDAYS, S_SICK };
	HDF *hdf = NULL;

	/* The handbook's top-level entries, none followed yet. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_subscriptions(db, U_ALICE, hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.0.Title"), "Leave");
	ck_assert_str_eq(val(hdf, "S.1.Title"), "Holidays");
	ck_assert_str_eq(val(hdf, "S.2.Title"), "Remote Work");
	ck_assert_str_eq(val(hdf, "S.3.Title"), "Draft Only");
	ck_assert_str_eq(val(hdf, "S.4.Title"), "");
	ck_assert_str_eq(val(hdf, "S.0.Subscribed"), "");
	hdf_destroy(&hdf);

	subscribe(U_ALICE, both, 3);
	ck_assert_int_eq(count("SELECT count(*) FROM subscriptions WHERE user_id = 1"), 2);
	/* Replaces, not adds. */
	subscribe(U_ALICE, &leave, 1);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_subscriptions(db, U_ALICE, hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.0.Subscribed"), "1");
	ck_assert_str_eq(val(hdf, "S.1.Subscribed"), "");
	hdf_destroy(&hdf);

	/* A section that is not a top-level entry is refused, and nothing
	 * changes. */
	expect_error(announce_subscribe(db, U_ALICE, bad, 2, T0), HR_ERR_BAD_REQUEST);
	ck_assert_int_eq(count("SELECT count(*) FROM subscriptions WHERE user_id = 1 AND section_id = 1"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM subscriptions"), 1);

	/* None: unsubscribes from everything. */
	subscribe(U_ALICE, NULL, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM subscriptions"), 0);
	subscribe(U_BOB, &holidays, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM subscriptions WHERE user_id = 2 AND section_id = 4"), 1);
}
END_TEST

START_TEST(test_publish_audiences)
{
	int64_t leave = S_LEAVE, holidays = S_HOLIDAYS, id1 = 0, id2 = 0, id3 = 0, none = 0;
	struct announce_template t;
	struct announce_input in;
	HDF *hdf = NULL;
	int recipients = -1;

	/* Alice and Dave (inactive) follow Leave, Bob follows Holidays. */
	subscribe(U_ALICE, &leave, 1);
	subscribe(U_DAVE, &leave, 1);
	subscribe(U_BOB, &holidays, 1);
	ck_assert_ptr_eq(announce_template_load(db, "reminder", &t), STATUS_OK);

	/* About a section inside Leave: its followers who are active. */
	input_for(&in, &t, "Sick leave reminder");
	in.values[0] = "Record your sick leave.";
	in.values[1] = "2027-02-01";
	in.section_id = S_SICK;
	in.audience = "subscribers";
	ck_assert_int_eq(publish(&in, &id1), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 1);
	ck_assert_int_eq(
		count("SELECT count(*) FROM outbox WHERE to_addr = 'alice@example.gov' AND kind = 'announcement' "
		      "AND subject = 'Sick leave reminder' AND instr(body_text, 'Record your sick leave.') > 0"),
		1);
	ck_assert_int_eq(count("SELECT count(*) FROM announcements WHERE audience = 'subscribers' AND recipients = 1 "
			       "AND section_id = 2 AND section_version = 2 AND published_by = 'erin'"),
			 1);
	ck_assert_int_eq(
		count("SELECT count(*) FROM announcement_fields WHERE value = '2027-02-01' AND name = 'deadline'"), 1);

	/* To agencies: everyone active in them, subscribed or not. */
	input_for(&in, &t, "Agency B reminder");
	in.values[0] = "Badges.";
	in.audience = "agencies";
	in.agencies[0] = "Agency B";
	in.agencies[1] = "Agency C";
	in.n_agencies = 2;
	ck_assert_int_eq(publish(&in, &id2), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE subject = 'Agency B reminder' AND "
			       "to_addr IN ('carol@example.gov', 'erin@example.gov')"),
			 2);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE to_addr = 'dave@example.gov'"), 0);

	/* To nobody: stored, no mail. */
	input_for(&in, &t, "Quiet note");
	in.values[0] = "Nothing to send.";
	ck_assert_int_eq(publish(&in, &id3), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 3);

	/* Subscribers of nothing: refused. */
	input_for(&in, &t, "No section");
	in.audience = "subscribers";
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	expect_error(announce_publish(db, &settings, &in, "x", "<p>x</p>", "x", "erin", T0, &none, &recipients),
		     HR_ERR_BAD_REQUEST);
	db_rollback(db);
	ck_assert_int_eq(count("SELECT count(*) FROM announcements"), 3);
	/* Refused before anything is written: no transaction to roll back
	 * leaves nothing either. */
	expect_error(announce_publish(db, &settings, &in, "x", "<p>x</p>", "x", "erin", T0, &none, &recipients),
		     HR_ERR_BAD_REQUEST);
	ck_assert_int_eq(count("SELECT count(*) FROM announcements"), 3);
	ck_assert_int_eq(count("SELECT count(*) FROM announcement_fields WHERE value = 'x'"), 0);
	announce_template_free(&t);

	/* What's new: newest first (same time: by id). */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_list(db, 2, hdf, "N"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "N.0.Title"), "Quiet note");
	ck_assert_str_eq(val(hdf, "N.0.Published"), "2027-01-01T09:01:00Z");
	ck_assert_str_eq(val(hdf, "N.1.Title"), "Agency B reminder");
	ck_assert_str_eq(val(hdf, "N.1.Recipients"), "2");
	ck_assert_str_eq(val(hdf, "N.2.Title"), "");
	hdf_destroy(&hdf);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_list(db, 10, hdf, "N"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "N.2.Title"), "Sick leave reminder");
	ck_assert_str_eq(val(hdf, "N.2.SectionUrl"), "/handbook/sick-leave");
	ck_assert(strstr(val(hdf, "N.2.BodyHtml"), "<strong>2027-02-01</strong>") != NULL);
	hdf_destroy(&hdf);

	/* Agencies of active users, A to Z. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_agencies(db, hdf, "A"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "A.0"), "Agency A");
	ck_assert_str_eq(val(hdf, "A.2"), "Agency C");
	ck_assert_str_eq(val(hdf, "A.3"), "");
	hdf_destroy(&hdf);
}
END_TEST

/* The audit hook of an action: it runs in the action's transaction, sees
 * its results, and its failure undoes the action. */
struct hook {
	int calls;
	int64_t seen_id;
	const int64_t *id;
	int fail;
};

static NEOERR *hook(struct db *d, void *ctx)
{
	struct hook *h = ctx;

	h->calls++;
	ck_assert(db_in_transaction(d));
	if (h->id)
		h->seen_id = *h->id;
	if (h->fail)
		return nerr_raise(HR_ERR_UNAVAILABLE, "the audit log is unavailable");
	return STATUS_OK;
}

START_TEST(test_actions_own_their_transaction)
{
	int64_t id = 0, none = 0;
	struct hook ok = { 0, 0, &id, 0 }, bad = { 0, 0, &none, 1 };
	int sent = -1;

	ck_assert_ptr_eq(ackcamp_create(db, S_SICK, "Sick leave", "2027-02-01", 1, NULL, 0, "erin", T0, &id, hook, &ok),
			 STATUS_OK);
	ck_assert_int_eq(ok.calls, 1);
	ck_assert(id > 0 && ok.seen_id == id);
	ck_assert(!db_in_transaction(db));
	expect_error(ackcamp_create(db, S_SICK, "Again", "2027-02-01", 1, NULL, 0, "erin", T0, &none, hook, &bad),
		     HR_ERR_UNAVAILABLE);
	ck_assert_int_eq(bad.calls, 1);
	ck_assert(bad.seen_id > 0);
	ck_assert_int_eq(count("SELECT count(*) FROM ack_campaigns"), 1);
	ck_assert(!db_in_transaction(db));

	/* A reminder whose audit entry fails queues nothing. */
	bad.calls = 0;
	expect_error(ackcamp_remind(db, &settings, id, T0, &sent, hook, &bad), HR_ERR_UNAVAILABLE);
	ck_assert_int_eq(bad.calls, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 0);
	ck_assert_ptr_eq(ackcamp_remind(db, &settings, id, T0, &sent, NULL, NULL), STATUS_OK);
	ck_assert_int_eq(sent, 4); /* Alice, Bob, Carol, Erin */
	ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 4);

	/* An announcement whose audit entry fails: no announcement, no mail. */
	{
		struct announce_template t;
		struct announce_input in;
		int64_t aid = 0;
		int recipients = -1;

		ck_assert_ptr_eq(announce_template_load(db, "reminder", &t), STATUS_OK);
		memset(&in, 0, sizeof in);
		in.tmpl = &t;
		in.title = "To Agency A";
		for (size_t i = 0; i < t.n_fields; i++)
			in.values[i] = "";
		in.audience = "agencies";
		in.agencies[0] = "Agency A";
		in.n_agencies = 1;
		bad.calls = 0;
		bad.id = &aid;
		expect_error(announce_post(db, &settings, &in, "x", "<p>x</p>", "x", "erin", T0, &aid, &recipients,
					   hook, &bad),
			     HR_ERR_UNAVAILABLE);
		ck_assert_int_eq(bad.calls, 1);
		ck_assert(bad.seen_id > 0);
		ck_assert_int_eq(count("SELECT count(*) FROM announcements"), 0);
		ck_assert_int_eq(count("SELECT count(*) FROM announcement_agencies"), 0);
		ck_assert_int_eq(count("SELECT count(*) FROM outbox"), 4);
		announce_template_free(&t);
	}

	/* A template whose audit entry fails is not added. */
	bad.calls = 0;
	bad.id = NULL;
	expect_error(announce_template_add(db, "closure", "Office closure", "", "a|A", "x", "erin", T0, hook, &bad),
		     HR_ERR_UNAVAILABLE);
	ck_assert_int_eq(count("SELECT count(*) FROM announcement_templates WHERE slug = 'closure'"), 0);
}
END_TEST

START_TEST(test_agencies_and_section_choices)
{
	HDF *hdf = NULL;
	int known = -1;

	/* Agency B has an active user (Carol) besides inactive Dave; nobody
	 * works in Agency Z. */
	ck_assert_ptr_eq(announce_agency_known(db, "Agency B", &known), STATUS_OK);
	ck_assert_int_eq(known, 1);
	ck_assert_ptr_eq(db_exec(db, "UPDATE users SET active = 0 WHERE agency = 'Agency B'"), STATUS_OK);
	ck_assert_ptr_eq(announce_agency_known(db, "Agency B", &known), STATUS_OK);
	ck_assert_int_eq(known, 0);
	ck_assert_ptr_eq(announce_agency_known(db, "Agency Z", &known), STATUS_OK);
	ck_assert_int_eq(known, 0);

	/* Sections in reading order, titled as in effect today; retired ones
	 * left out. */
	ck_assert_ptr_eq(db_exec(db, "UPDATE sections SET retired = 1 WHERE slug = 'vacation'"), STATUS_OK);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_section_choices(db, "2027-01-01", hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.0.Ref"), "handbook/leave");
	ck_assert_str_eq(val(hdf, "S.1.Ref"), "handbook/sick-leave");
	ck_assert_str_eq(val(hdf, "S.1.Title"), "Sick Leave");
	ck_assert_str_eq(val(hdf, "S.1.Document"), "Employee Handbook");
	ck_assert_str_eq(val(hdf, "S.2.Ref"), "handbook/holidays");
	ck_assert_str_eq(val(hdf, "S.4.Ref"), "handbook/draft-only");
	ck_assert_str_eq(val(hdf, "S.4.Title"), "Draft Only");
	ck_assert_str_eq(val(hdf, "S.5.Ref"), "");
	hdf_destroy(&hdf);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(announce_section_choices(db, "2027-03-01", hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.1.Title"), "Sick Leave and Wellness");
	hdf_destroy(&hdf);
}
END_TEST

/* ---- content ---- */

START_TEST(test_section_as_of)
{
	HDF *hdf = NULL;

	/* Before the new version's effective date: version 1, with the
	 * change announced. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_section(db, "handbook", "sick-leave", "2027-02-28", 0, hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.Title"), "Sick Leave");
	ck_assert_str_eq(val(hdf, "S.Version"), "1");
	ck_assert_str_eq(val(hdf, "S.BodyHtml"), "<p>Old sick leave.</p>");
	ck_assert_str_eq(val(hdf, "S.EffectiveDate"), "2026-01-01");
	ck_assert_str_eq(val(hdf, "S.Upcoming.Date"), "2027-03-01");
	ck_assert_str_eq(val(hdf, "S.Upcoming.Version"), "2");
	ck_assert_str_eq(val(hdf, "S.Upcoming.Summary"), "Accrual clarified");
	ck_assert_str_eq(val(hdf, "S.Parents.0.Slug"), "leave");
	ck_assert_str_eq(val(hdf, "S.Parents.1.Slug"), "");
	ck_assert_str_eq(val(hdf, "S.Prev.Slug"), "");
	ck_assert_str_eq(val(hdf, "S.Next.Slug"), "vacation");
	hdf_destroy(&hdf);

	/* On and after it: version 2, nothing upcoming. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_section(db, "handbook", "sick-leave", "2027-03-01", 0, hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.Title"), "Sick Leave and Wellness");
	ck_assert_str_eq(val(hdf, "S.Version"), "2");
	ck_assert_str_eq(val(hdf, "S.BodyHtml"), "<p>New sick leave.</p>");
	ck_assert_str_eq(val(hdf, "S.Summary"), "Accrual clarified");
	ck_assert_str_eq(val(hdf, "S.Upcoming.Date"), "");
	hdf_destroy(&hdf);

	/* A version asked for by number, whatever the date. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_section(db, "handbook", "sick-leave", "2030-01-01", 1, hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.Version"), "1");
	ck_assert_str_eq(val(hdf, "S.Title"), "Sick Leave");
	hdf_destroy(&hdf);

	/* A part lists its children. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_section(db, "handbook", "leave", "2027-01-01", 0, hdf, "S"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "S.Kind"), "part");
	ck_assert_str_eq(val(hdf, "S.Children.0.Slug"), "sick-leave");
	ck_assert_str_eq(val(hdf, "S.Children.1.Slug"), "vacation");
	ck_assert_str_eq(val(hdf, "S.Children.2.Slug"), "");

	/* Not found: unknown slug or document, a version that does not exist,
	 * a section before its first version takes effect, a retired one. */
	expect_error(content_section(db, "handbook", "no-such-section", "2027-01-01", 0, hdf, "X"), HR_ERR_NOT_FOUND);
	expect_error(content_section(db, "nope", "sick-leave", "2027-01-01", 0, hdf, "X"), HR_ERR_NOT_FOUND);
	expect_error(content_section(db, "handbook", "sick-leave", "2027-01-01", 9, hdf, "X"), HR_ERR_NOT_FOUND);
	expect_error(content_section(db, "handbook", "remote-work", "2027-05-31", 0, hdf, "X"), HR_ERR_NOT_FOUND);
	expect_error(content_section(db, "handbook", "draft-only", "2030-01-01", 0, hdf, "X"), HR_ERR_NOT_FOUND);
	expect_error(content_document(db, "nope", hdf, "X"), HR_ERR_NOT_FOUND);
	ck_assert_ptr_eq(content_section(db, "handbook", "remote-work", "2027-06-01", 0, hdf, "R"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "R.Title"), "Remote Work");
	ck_assert_ptr_eq(db_exec(db, "UPDATE sections SET retired = 1 WHERE slug = 'vacation'"), STATUS_OK);
	expect_error(content_section(db, "handbook", "vacation", "2027-01-01", 0, hdf, "X"), HR_ERR_NOT_FOUND);
	hdf_destroy(&hdf);
}
END_TEST

START_TEST(test_toc)
{
	HDF *hdf = NULL;
	char title[64];

	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_toc(db, "handbook", "2027-01-01", hdf, "Toc"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "Toc.0.Slug"), "leave");
	ck_assert_str_eq(val(hdf, "Toc.0.Kind"), "part");
	ck_assert_str_eq(val(hdf, "Toc.0.Page"), "10");
	ck_assert_str_eq(val(hdf, "Toc.0.Children.0.Slug"), "sick-leave");
	ck_assert_str_eq(val(hdf, "Toc.0.Children.0.Title"), "Sick Leave");
	ck_assert_str_eq(val(hdf, "Toc.0.Children.1.Slug"), "vacation");
	ck_assert_str_eq(val(hdf, "Toc.0.Children.2.Slug"), "");
	ck_assert_str_eq(val(hdf, "Toc.1.Slug"), "holidays");
	/* Remote work has no version in effect yet; draft-only has none. */
	ck_assert_str_eq(val(hdf, "Toc.2.Slug"), "");
	hdf_destroy(&hdf);

	/* Later: the new title, and the new section. */
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_toc(db, "handbook", "2027-06-01", hdf, "Toc"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "Toc.0.Children.0.Title"), "Sick Leave and Wellness");
	ck_assert_str_eq(val(hdf, "Toc.2.Slug"), "remote-work");
	ck_assert_str_eq(val(hdf, "Toc.2.Page"), "");
	ck_assert_str_eq(val(hdf, "Toc.3.Slug"), "");
	hdf_destroy(&hdf);

	ck_assert_ptr_eq(content_section_title(db, "handbook", "sick-leave", "2027-03-01", title, sizeof title),
			 STATUS_OK);
	ck_assert_str_eq(title, "Sick Leave and Wellness");
	ck_assert_ptr_eq(content_section_title(db, "handbook", "gone", "2027-03-01", title, sizeof title), STATUS_OK);
	ck_assert_str_eq(title, "gone");
}
END_TEST

START_TEST(test_history_and_dates)
{
	HDF *hdf = NULL;
	char today[11];

	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_section_history(db, "handbook", "sick-leave", "2027-01-01", hdf, "H"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "H.Versions.0.Version"), "2");
	ck_assert_str_eq(val(hdf, "H.Versions.0.State"), "upcoming");
	ck_assert_str_eq(val(hdf, "H.Versions.1.Version"), "1");
	ck_assert_str_eq(val(hdf, "H.Versions.1.State"), "current");
	ck_assert_str_eq(val(hdf, "H.Versions.2.Version"), "");
	hdf_destroy(&hdf);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(content_section_history(db, "handbook", "sick-leave", "2027-03-01", hdf, "H"), STATUS_OK);
	ck_assert_str_eq(val(hdf, "H.Versions.0.State"), "current");
	ck_assert_str_eq(val(hdf, "H.Versions.1.State"), "past");
	expect_error(content_section_history(db, "handbook", "nope", "2027-03-01", hdf, "X"), HR_ERR_NOT_FOUND);
	hdf_destroy(&hdf);

	ck_assert(content_valid_date("2028-02-29"));
	ck_assert(!content_valid_date("2027-02-29"));
	ck_assert(!content_valid_date("2027-1-01"));
	ck_assert(!content_valid_date(""));
	/* T0 is 04:00 in Frankfort; 03:00 UTC the next day is still the day
	 * before there (EST), and 03:30 UTC in July too (EDT). */
	content_today(T0, today);
	ck_assert_str_eq(today, "2027-01-01");
	content_today(T0 + 18 * 3600, today); /* 2027-01-02T03:00Z */
	ck_assert_str_eq(today, "2027-01-01");
	content_today(1814412600, today); /* 2027-07-01T03:30Z */
	ck_assert_str_eq(today, "2027-06-30");
}
END_TEST

/* db_tx: what fn wrote is committed when it succeeds and rolled back,
 * with the error passed on, when it fails; the connection is usable after. */
static NEOERR *write_secret(struct db *d, void *ctx)
{
	const char *name = ctx;
	char sql[160];

	snprintf(sql, sizeof sql, "INSERT INTO app_secrets(name, value, created_at) VALUES ('%s', zeroblob(32), 'now')",
		 name);
	return nerr_pass(db_exec(d, sql));
}

static NEOERR *write_then_fail(struct db *d, void *ctx)
{
	NEOERR *err = write_secret(d, ctx);

	if (err == STATUS_OK)
		err = nerr_raise(HR_ERR_CONFLICT, "changed meanwhile");
	return err;
}

START_TEST(test_db_tx)
{
	ck_assert_ptr_eq(db_tx(db, write_secret, "kept"), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM app_secrets WHERE name = 'kept'"), 1);
	expect_error(db_tx(db, write_then_fail, "dropped"), HR_ERR_CONFLICT);
	ck_assert_int_eq(count("SELECT count(*) FROM app_secrets WHERE name = 'dropped'"), 0);
	/* A statement that fails (the same name again): the error is the engine's. */
	expect_error(db_tx(db, write_secret, "kept"), NERR_DB);
	ck_assert_int_eq(count("SELECT count(*) FROM app_secrets WHERE name = 'kept'"), 1);
	/* No transaction is left open. */
	ck_assert_int_eq(sqlite3_get_autocommit(db_sqlite_handle(db)), 1);
	ck_assert_ptr_eq(db_tx(db, write_secret, "again"), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM app_secrets"), 2);
}
END_TEST

START_TEST(test_secrets_first_writer_wins)
{
	unsigned char a[32], b[32], out[32];
	int found = 1;

	memset(a, 'a', sizeof a);
	memset(b, 'b', sizeof b);
	ck_assert_ptr_eq(store_secret_read(db, "csrf", out, sizeof out, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_eq(store_secret_add(db, "csrf", a, sizeof a, "2027-01-01T09:00:00Z"), STATUS_OK);
	/* A second process that made its own key keeps the first one. */
	ck_assert_ptr_eq(store_secret_add(db, "csrf", b, sizeof b, "2027-01-01T09:00:01Z"), STATUS_OK);
	ck_assert_ptr_eq(store_secret_read(db, "csrf", out, sizeof out, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(memcmp(out, a, sizeof a), 0);
	ck_assert_int_eq(count("SELECT count(*) FROM app_secrets"), 1);
	/* Asking for more bytes than are stored is an error, not a short key. */
	{
		unsigned char big[64];

		expect_error(store_secret_read(db, "csrf", big, sizeof big, &found), NERR_DB);
	}
}
END_TEST

/* A database is named by a URL: "sqlite:" or a plain path is the embedded
 * database; another engine is refused by name, and nothing is opened. */
START_TEST(test_db_urls)
{
	char url[600], path[600];
	struct db *other = NULL;
	int64_t generation = 0;
	NEOERR *err;
	STRING msg;

	err = db_open("postgresql://db.example.gov/hrportal", DB_READ_WRITE, &other);
	ck_assert_ptr_ne(err, STATUS_OK);
	ck_assert_ptr_null(other);
	string_init(&msg);
	nerr_error_string(err, &msg);
	ck_assert_msg(strstr(msg.buf, "this build knows only SQLite") != NULL, "message: %s", msg.buf);
	string_clear(&msg);
	expect_error(err, NERR_DB);
	expect_error(db_open("sqlite:", DB_READ_WRITE, &other), NERR_DB);
	ck_assert_ptr_null(other);
	snprintf(url, sizeof url, "sqlite:%s/t.db", dir);
	ck_assert_ptr_eq(db_open(url, DB_READ_WRITE, &other), STATUS_OK);
	ck_assert_ptr_eq(db_generation(other, &generation), STATUS_OK);
	db_close(&other);
	/* A colon after the first slash is part of a path, not a scheme. */
	snprintf(path, sizeof path, "%s/a:b.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &other), STATUS_OK);
	db_close(&other);
}
END_TEST

/* Values bound in one call come back through the typed getters, and an
 * insert gives its id by RETURNING. */
START_TEST(test_db_bind_and_getters)
{
	static const unsigned char bytes[4] = { 0, 1, 2, 255 };
	struct db_stmt *st;
	int64_t id = 0, big = INT64_C(1) << 40;
	size_t size = 0;
	const unsigned char *blob;
	int row = 0;

	ck_assert_ptr_eq(db_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, i, d, s, b, n)"), STATUS_OK);
	ck_assert_ptr_eq(db_stmt(db, "INSERT INTO t(i, d, s, b, n) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id", &st),
			 STATUS_OK);
	ck_assert_ptr_eq(
		db_bind(db, st, DB_INT(big), DB_DOUBLE(2.5), DB_TEXT("caf\xc3\xa9"), DB_BLOB(bytes, 4), DB_NULL),
		STATUS_OK);
	ck_assert_ptr_eq(db_insert(db, st, &id), STATUS_OK);
	ck_assert_int_eq(id, 1);
	ck_assert_ptr_eq(db_stmt(db, "INSERT INTO t(i, s) VALUES (?1, ?2) RETURNING id", &st), STATUS_OK);
	ck_assert_ptr_eq(db_bind(db, st, DB_INT(7), DB_TEXT(NULL)), STATUS_OK);
	ck_assert_ptr_eq(db_insert(db, st, &id), STATUS_OK);
	ck_assert_int_eq(id, 2);
	ck_assert_ptr_eq(db_stmt(db, "SELECT i, d, s, b, n FROM t ORDER BY id", &st), STATUS_OK);
	ck_assert_ptr_eq(db_step(db, st, &row), STATUS_OK);
	ck_assert_int_eq(row, 1);
	ck_assert(db_int64(st, 0) == big);
	ck_assert(db_double(st, 1) == 2.5);
	ck_assert_str_eq(db_text(st, 2), "caf\xc3\xa9");
	blob = db_blob(st, 3, &size);
	ck_assert_uint_eq(size, 4);
	ck_assert_int_eq(memcmp(blob, bytes, 4), 0);
	ck_assert(db_is_null(st, 4));
	ck_assert_str_eq(db_text(st, 4), "");
	ck_assert_ptr_eq(db_step(db, st, &row), STATUS_OK);
	ck_assert_int_eq(row, 1);
	ck_assert_int_eq(db_int(st, 0), 7);
	ck_assert(db_is_null(st, 2));
	ck_assert_ptr_eq(db_step(db, st, &row), STATUS_OK);
	ck_assert_int_eq(row, 0);
	db_done(st);
	ck_assert_ptr_eq(db_stmt(db, "UPDATE t SET n = 1", &st), STATUS_OK);
	ck_assert_ptr_eq(db_run(db, st), STATUS_OK);
	ck_assert_int_eq(db_changes(db), 2);
	ck_assert_int_eq(db_in_transaction(db), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("campaigns");
	TCase *ack = tcase_create("ackcamp"), *ann = tcase_create("announce"), *con = tcase_create("content");
	SRunner *sr;
	int failed;

	errors_init();
	tcase_add_checked_fixture(ack, setup, teardown);
	tcase_add_test(ack, test_campaign_by_agency);
	tcase_add_test(ack, test_campaign_everyone);
	tcase_add_test(ack, test_campaign_for_user_and_reopen);
	tcase_add_test(ack, test_campaign_reminders);
	tcase_set_timeout(ack, 60);
	suite_add_tcase(s, ack);
	tcase_add_checked_fixture(ann, setup, teardown);
	tcase_add_test(ann, test_field_errors);
	tcase_add_test(ann, test_templates_add_load);
	tcase_add_test(ann, test_find_section);
	tcase_add_test(ann, test_render);
	tcase_add_test(ann, test_subscriptions);
	tcase_add_test(ann, test_publish_audiences);
	tcase_add_test(ann, test_actions_own_their_transaction);
	tcase_add_test(ann, test_agencies_and_section_choices);
	tcase_set_timeout(ann, 60);
	suite_add_tcase(s, ann);
	tcase_add_checked_fixture(con, setup, teardown);
	tcase_add_test(con, test_section_as_of);
	tcase_add_test(con, test_toc);
	tcase_add_test(con, test_history_and_dates);
	tcase_add_test(con, test_db_tx);
	tcase_add_test(con, test_secrets_first_writer_wins);
	tcase_add_test(con, test_db_urls);
	tcase_add_test(con, test_db_bind_and_getters);
	tcase_set_timeout(con, 60);
	suite_add_tcase(s, con);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
