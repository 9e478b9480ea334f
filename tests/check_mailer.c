/* Unit tests of the mailer's queue logic without a network: the backoff
 * schedule, claim ordering, every state transition, crash recovery, the
 * queue pause, and the composed message. The relay is a scripted fake
 * (hooks.send) and the clock is a variable (hooks.now, hooks.wait). Also
 * the store's statements behind the outbox, the people and the audit log. */
#include <stdint.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "core/errors.h"
#include "mail/mail.h"
#include "mail/mailer.h"
#include "mail/outbox.h"
#include "core/isotime.h"
#include "store/db_sqlite.h"
#include "store/outbox.h"
#include "store/people.h"
#include "people/users.h"
#include "web/audit.h"

#define T0 1798794000 /* 2027-01-01T09:00:00Z */

/* ---- fixtures ---- */

static char dir[256];
static struct db *db;

static void setup(void)
{
	char path[512];

	snprintf(dir, sizeof dir, "%s/hrportal-mailer-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &db), STATUS_OK);
}

static void teardown(void)
{
	char cmd[512];

	db_close(&db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static int64_t enqueue_at(time_t when, const char *to, const char *subject)
{
	struct outbox_message m = {
		.to_name = "Mary Smith",
		.to_addr = to,
		.subject = subject,
		.body_text = "A request is waiting for you.\n",
		.body_html = "<p>A request is waiting.</p>\n",
		.kind = "request_submitted",
		.request_id = 7,
	};
	int64_t id = 0;

	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(outbox_enqueue(db, &m, when, &id), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	return id;
}

static int64_t enqueue(const char *subject)
{
	return enqueue_at(T0, "msmith@example.gov", subject);
}

/* One column of one outbox row, as text ("" for NULL). */
static char *row_text(int64_t id, const char *column)
{
	static char buf[512];
	char sql[128];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT %s FROM outbox WHERE id = ?", column);
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return buf;
}

static int64_t count(const char *sql, int64_t id)
{
	sqlite3_stmt *st;
	int64_t n;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static char *iso(time_t t)
{
	static char buf[4][21];
	static int i;

	i = (i + 1) % 4;
	iso_time_format(t, buf[i]);
	return buf[i];
}

/* ---- the fake relay and clock ---- */

struct fake {
	time_t now;
	struct mail_result script[16]; /* outcomes of the next sends; then success */
	int n_script, calls;
	char ids[256][MAIL_MESSAGE_ID_MAX];
	char subjects[256][64];
	long waits[64];
	int n_waits;
	int stop_on_poll; /* wait(poll_interval) on an empty queue stops */
	long poll;
	struct db *lock_db;  /* held in BEGIN IMMEDIATE during a send, when set */
	int release_on_wait; /* the next wait rolls lock_db back (the other writer is done) */
};

static struct fake F;

static void script(enum mail_outcome o, bool relay, long code, const char *error)
{
	struct mail_result *r = &F.script[F.n_script++];

	memset(r, 0, sizeof *r);
	r->outcome = o;
	r->relay_problem = relay;
	r->smtp_code = code;
	snprintf(r->error, sizeof r->error, "%s", error);
}

static NEOERR *fake_send(void *ctx, const struct mail_relay *relay, const struct mail_message *msg,
			 struct mail_result *res)
{
	int i = F.calls++;

	(void)ctx;
	(void)relay;
	ck_assert_int_lt(i, 256);
	snprintf(F.ids[i], sizeof F.ids[i], "%s", msg->message_id);
	snprintf(F.subjects[i], sizeof F.subjects[i], "%s", msg->subject);
	if (F.lock_db != NULL)
		ck_assert_ptr_eq(db_begin(F.lock_db), STATUS_OK);
	if (i < F.n_script) {
		*res = F.script[i];
		if (res->outcome != MAIL_SENT)
			return nerr_raise(NERR_IO, "mail: %s", res->error);
		return STATUS_OK;
	}
	memset(res, 0, sizeof *res);
	res->outcome = MAIL_SENT;
	res->smtp_code = 250;
	return STATUS_OK;
}

static time_t fake_now(void *ctx)
{
	(void)ctx;
	return F.now;
}

static bool fake_wait(void *ctx, long seconds)
{
	(void)ctx;
	if (seconds == 0)
		return false;
	if (F.stop_on_poll && seconds == F.poll)
		return true;
	if (F.release_on_wait && F.lock_db != NULL) {
		db_rollback(F.lock_db);
		F.lock_db = NULL;
	}
	ck_assert_int_lt(F.n_waits, 64);
	F.waits[F.n_waits++] = seconds;
	F.now += seconds;
	return false;
}

static void make_mailer(struct mailer *m, bool once)
{
	struct mailer_config cfg;
	struct mailer_hooks hooks = { fake_send, fake_now, fake_wait, NULL };

	memset(&F, 0, sizeof F);
	F.now = T0;
	mailer_config_defaults(&cfg);
	cfg.relay.url = "smtp://127.0.0.1:1";
	cfg.from.name = "HR Portal";
	cfg.from.addr = "hrportal@example.gov";
	cfg.once = once;
	F.poll = cfg.poll_interval;
	mailer_init(m, db, &cfg, &hooks);
}

static enum mailer_event step(struct mailer *m)
{
	enum mailer_event ev;
	NEOERR *err = mailer_step(m, &ev);

	if (err != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		ck_abort_msg("mailer_step failed");
	}
	return ev;
}

/* ---- backoff ---- */

START_TEST(test_backoff_schedule)
{
	static const long want[] = { 60, 120, 240, 480, 960, 1920, 3600, 3600 };

	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(mailer_backoff(i + 1, 60, 3600), want[i]);
	ck_assert_int_eq(mailer_backoff(0, 60, 3600), 60);
	ck_assert_int_eq(mailer_backoff(1000000, 60, 3600), 3600);
	ck_assert_int_eq(mailer_backoff(2147483647, 60, 3600), 3600);
	ck_assert_int_eq(mailer_backoff(5, 1, 300), 16);
	ck_assert_int_eq(mailer_backoff(30, 1, 300), 300);
	ck_assert_int_eq(mailer_backoff(1, 600, 300), 300); /* cap below base */
	ck_assert_int_eq(mailer_backoff(3, 0, 300), 4);     /* base 0 means 1 */
	ck_assert_int_eq(mailer_backoff(64, 1, 0x7fffffffL), 0x7fffffffL);
}
END_TEST

START_TEST(test_time_format_and_parse)
{
	ck_assert_str_eq(iso(T0), "2027-01-01T09:00:00Z");
	ck_assert_int_eq(iso_time_parse("2027-01-01T09:00:00Z"), T0);
	ck_assert_int_eq(iso_time_parse("2027-01-01T09:00:00"), -1);
	ck_assert_int_eq(iso_time_parse("2027-01-01T09:00:00Z "), -1);
	ck_assert_int_eq(iso_time_parse("2027-01-01"), -1);
	ck_assert_int_eq(iso_time_parse(""), -1);
	ck_assert_int_eq(iso_time_parse(NULL), -1);
	ck_assert_int_eq(iso_time_parse("garbage-garbage-garb"), -1);
}
END_TEST

/* ---- claim ---- */

START_TEST(test_claim_order_and_due)
{
	struct outbox_item it;
	int found;
	int64_t a = enqueue_at(T0 + 10, "a@example.gov", "a");
	int64_t b = enqueue_at(T0, "b@example.gov", "b");
	int64_t c = enqueue_at(T0, "c@example.gov", "c");
	int64_t d = enqueue_at(T0 + 3600, "d@example.gov", "d");

	/* nothing is due before the first message was queued */
	ck_assert_ptr_eq(outbox_claim(db, T0 - 1, &it, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_null(it.message_id);

	/* oldest due first, ties by id */
	ck_assert_ptr_eq(outbox_claim(db, T0 + 60, &it, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(it.id, b);
	ck_assert_int_eq(it.attempts, 1);
	ck_assert_int_eq(it.created_at, T0);
	ck_assert_int_eq(it.next_attempt_at, T0);
	ck_assert_str_eq(it.to_addr, "b@example.gov");
	ck_assert_str_eq(it.to_name, "Mary Smith");
	ck_assert_str_eq(it.kind, "request_submitted");
	ck_assert_int_eq(it.request_id, 7);
	ck_assert_str_eq(it.body_html, "<p>A request is waiting.</p>\n");
	ck_assert_str_eq(it.message_id, row_text(b, "message_id"));
	ck_assert_str_eq(row_text(b, "attempts"), "1");
	ck_assert_ptr_eq(outbox_mark_sent(db, it.id, T0 + 60, 250), STATUS_OK);
	outbox_item_clear(&it);

	ck_assert_ptr_eq(outbox_claim(db, T0 + 60, &it, &found), STATUS_OK);
	ck_assert_int_eq(it.id, c);
	/* a retry scheduled later goes behind what is due earlier */
	ck_assert_ptr_eq(outbox_mark_retry(db, c, T0 + 60, OUTBOX_OUTCOME_TEMPORARY, 451, "busy", T0 + 120), STATUS_OK);
	outbox_item_clear(&it);
	ck_assert_ptr_eq(outbox_claim(db, T0 + 200, &it, &found), STATUS_OK);
	ck_assert_int_eq(it.id, a);
	ck_assert_ptr_eq(outbox_mark_failed(db, a, T0 + 200, OUTBOX_OUTCOME_PERMANENT, 550, "no such user"), STATUS_OK);
	outbox_item_clear(&it);
	ck_assert_ptr_eq(outbox_claim(db, T0 + 200, &it, &found), STATUS_OK);
	ck_assert_int_eq(it.id, c);
	ck_assert_int_eq(it.attempts, 2);
	ck_assert_int_eq(it.next_attempt_at, T0 + 120);
	ck_assert_ptr_eq(outbox_mark_sent(db, c, T0 + 200, 250), STATUS_OK);
	outbox_item_clear(&it);

	/* sent and failed rows are never claimed; d is not due yet */
	ck_assert_ptr_eq(outbox_claim(db, T0 + 3599, &it, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_eq(outbox_claim(db, T0 + 3600, &it, &found), STATUS_OK);
	ck_assert_int_eq(it.id, d);
	outbox_item_clear(&it);
}
END_TEST

START_TEST(test_marks_need_a_pending_row)
{
	struct outbox_item it;
	int found;
	int64_t id = enqueue("x");
	NEOERR *err;

	ck_assert_ptr_eq(outbox_claim(db, T0, &it, &found), STATUS_OK);
	ck_assert_ptr_eq(outbox_mark_sent(db, id, T0, 250), STATUS_OK);
	/* a second outcome for a finished message is refused and writes nothing */
	err = outbox_mark_failed(db, id, T0, OUTBOX_OUTCOME_PERMANENT, 550, "late");
	ck_assert_ptr_ne(err, STATUS_OK);
	nerr_ignore(&err);
	err = outbox_mark_sent(db, 999, T0, 250);
	ck_assert_ptr_ne(err, STATUS_OK);
	nerr_ignore(&err);
	ck_assert_str_eq(row_text(id, "state"), "sent");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?", id), 1);
	outbox_item_clear(&it);
}
END_TEST

START_TEST(test_unsendable_row_does_not_block_the_queue)
{
	struct outbox_item it;
	int found;
	int64_t bad = enqueue("bad"), good = enqueue("good");
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db),
					    "UPDATE outbox SET created_at = '5 Jan 2027' WHERE id = ?", -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(st, 1, bad);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	ck_assert_ptr_eq(outbox_claim(db, T0, &it, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(it.id, good);
	outbox_item_clear(&it);
	ck_assert_str_eq(row_text(bad, "state"), "failed");
	ck_assert_ptr_nonnull(strstr(row_text(bad, "last_error"), "unsendable row"));
	ck_assert_int_eq(
		count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'permanent'", bad), 1);
	/* nothing else due: found 0 and a clean item */
	ck_assert_ptr_eq(outbox_mark_sent(db, good, T0, 250), STATUS_OK);
	ck_assert_ptr_eq(outbox_claim(db, T0, &it, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(it.id, 0);
}
END_TEST

/* ---- state transitions through mailer_step ---- */

START_TEST(test_sent)
{
	struct mailer m;
	int64_t id = enqueue("hello");

	make_mailer(&m, true);
	F.now = T0 + 5;
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_int_eq(F.calls, 1);
	ck_assert_str_eq(F.ids[0], row_text(id, "message_id"));
	ck_assert_str_eq(row_text(id, "state"), "sent");
	ck_assert_str_eq(row_text(id, "sent_at"), "2027-01-01T09:00:05Z");
	ck_assert_str_eq(row_text(id, "attempts"), "1");
	ck_assert_str_eq(row_text(id, "last_error"), "");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'sent' "
			       "AND smtp_code = 250 AND error IS NULL AND attempted_at = '2027-01-01T09:00:05Z'",
			       id),
			 1);
	ck_assert_int_eq(step(&m), MAILER_IDLE);
	ck_assert_int_eq(F.calls, 1);
	ck_assert_int_eq(m.sent, 1);
}
END_TEST

START_TEST(test_temporary_failure_backs_off_then_sends)
{
	struct mailer m;
	int64_t id = enqueue("retry me");

	make_mailer(&m, true);
	script(MAIL_TEMPORARY, false, 451, "relay replied 451: try later");
	script(MAIL_TEMPORARY, false, 452, "relay replied 452: full");
	ck_assert_int_eq(step(&m), MAILER_RETRY);
	ck_assert_str_eq(row_text(id, "state"), "pending");
	ck_assert_str_eq(row_text(id, "next_attempt_at"), iso(T0 + 60));
	ck_assert_str_eq(row_text(id, "last_error"), "relay replied 451: try later");
	ck_assert_int_eq(mailer_paused_for(&m, F.now), 0); /* one message's trouble pauses nothing */

	/* not due again before its time */
	F.now = T0 + 59;
	ck_assert_int_eq(step(&m), MAILER_IDLE);
	F.now = T0 + 60;
	ck_assert_int_eq(step(&m), MAILER_RETRY);
	ck_assert_str_eq(row_text(id, "next_attempt_at"), iso(T0 + 60 + 120));
	F.now = T0 + 180;
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_int_eq(F.calls, 3);
	ck_assert_str_eq(F.ids[0], F.ids[2]); /* same Message-ID every time */
	ck_assert_str_eq(row_text(id, "state"), "sent");
	ck_assert_str_eq(row_text(id, "attempts"), "3");
	ck_assert_str_eq(row_text(id, "last_error"), "");
	ck_assert_int_eq(
		count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'temporary'", id), 2);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND smtp_code = 452", id), 1);
	ck_assert_int_eq(m.retried, 2);
}
END_TEST

START_TEST(test_temporary_failure_does_not_block_others)
{
	struct mailer m;
	int64_t a = enqueue("a"), b = enqueue("b");

	make_mailer(&m, true);
	script(MAIL_TEMPORARY, false, 451, "relay replied 451: greylisted");
	ck_assert_int_eq(step(&m), MAILER_RETRY);
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_int_eq(step(&m), MAILER_IDLE);
	ck_assert_str_eq(row_text(a, "state"), "pending");
	ck_assert_str_eq(row_text(b, "state"), "sent");
}
END_TEST

START_TEST(test_permanent_failure_is_dead_letter)
{
	struct mailer m;
	int64_t id = enqueue("bounce"), other = enqueue("fine");

	make_mailer(&m, true);
	script(MAIL_PERMANENT, false, 550, "relay replied 550: 5.1.1 no such user");
	ck_assert_int_eq(step(&m), MAILER_FAILED);
	ck_assert_str_eq(row_text(id, "state"), "failed");
	ck_assert_str_eq(row_text(id, "last_error"), "relay replied 550: 5.1.1 no such user");
	ck_assert_str_eq(row_text(id, "sent_at"), "");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'permanent' "
			       "AND smtp_code = 550",
			       id),
			 1);
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_str_eq(row_text(other, "state"), "sent");
	/* never tried again */
	F.now += 365 * 24 * 3600;
	ck_assert_int_eq(step(&m), MAILER_IDLE);
	ck_assert_int_eq(F.calls, 2);
	ck_assert_int_eq(m.failed, 1);
}
END_TEST

START_TEST(test_gives_up_on_old_message)
{
	struct mailer m;
	int64_t id = enqueue("old");

	make_mailer(&m, true);
	F.now = T0 + MAILER_GIVE_UP_AFTER;
	script(MAIL_TEMPORARY, false, 451, "relay replied 451: still busy");
	ck_assert_int_eq(step(&m), MAILER_FAILED);
	ck_assert_str_eq(row_text(id, "state"), "failed");
	ck_assert_str_eq(row_text(id, "last_error"), "gave up after 1 attempts: relay replied 451: still busy");
	ck_assert_int_eq(
		count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'temporary'", id), 1);
}
END_TEST

START_TEST(test_relay_down_pauses_queue_without_penalty)
{
	struct mailer m;
	int64_t a = enqueue("a"), b = enqueue("b");

	make_mailer(&m, true);
	F.now = T0 + 100;
	script(MAIL_TEMPORARY, true, 0, "Couldn't connect to server");
	ck_assert_int_eq(step(&m), MAILER_RELAY_DOWN);
	ck_assert_str_eq(row_text(a, "state"), "pending");
	/* the message keeps its place and is not pushed back */
	ck_assert_str_eq(row_text(a, "next_attempt_at"), iso(T0));
	ck_assert_str_eq(row_text(a, "last_error"), "relay problem, will retry: Couldn't connect to server");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'temporary' "
			       "AND smtp_code IS NULL",
			       a),
			 1);
	/* the others were not tried at all */
	ck_assert_str_eq(row_text(b, "attempts"), "0");
	ck_assert_int_eq(mailer_paused_for(&m, F.now), 60);
	ck_assert_int_eq(m.relay_failures, 1);
}
END_TEST

START_TEST(test_auth_refused_waits_instead_of_failing_everything)
{
	struct mailer m;
	int64_t a = enqueue("a");

	make_mailer(&m, true);
	script(MAIL_PERMANENT, true, 535, "relay replied 535: authentication failed");
	ck_assert_int_eq(step(&m), MAILER_RELAY_DOWN);
	ck_assert_str_eq(row_text(a, "state"), "pending");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'permanent' "
			       "AND smtp_code = 535",
			       a),
			 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state = 'failed'", 0), 0);
}
END_TEST

START_TEST(test_invalid_message_fails_without_connecting)
{
	struct mailer_config cfg;
	struct mailer m;
	int64_t id;
	sqlite3_stmt *st;

	/* a row that outbox_enqueue would not write: header injection in the
	 * subject. The real mail_send refuses it before any connection. The
	 * real clock runs here, so the row was queued in the past. */
	id = enqueue_at(1700000000, "msmith@example.gov", "fine");
	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db),
					    "UPDATE outbox SET subject = 'x\r\nBcc: evil@example.com' "
					    "WHERE id = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	mailer_config_defaults(&cfg);
	cfg.relay.url = "smtp://127.0.0.1:1";
	cfg.from.addr = "hrportal@example.gov";
	cfg.once = true;
	mailer_init(&m, db, &cfg, NULL);
	{
		enum mailer_event ev;

		ck_assert_ptr_eq(mailer_step(&m, &ev), STATUS_OK);
		ck_assert_int_eq(ev, MAILER_FAILED);
	}
	ck_assert_str_eq(row_text(id, "state"), "failed");
	ck_assert_ptr_nonnull(strstr(row_text(id, "last_error"), "invalid message"));
	ck_assert_int_eq(m.relay_failures, 0);
}
END_TEST

/* ---- crash recovery ---- */

START_TEST(test_recover_interrupted_attempt)
{
	struct outbox_item it;
	struct mailer m;
	int found, n;
	int64_t a = enqueue("a"), b = enqueue("b");
	char id_a[MAIL_MESSAGE_ID_MAX];

	snprintf(id_a, sizeof id_a, "%s", row_text(a, "message_id"));
	/* a mailer claimed a and died before recording anything */
	ck_assert_ptr_eq(outbox_claim(db, T0, &it, &found), STATUS_OK);
	ck_assert_int_eq(it.id, a);
	outbox_item_clear(&it);

	make_mailer(&m, true);
	ck_assert_ptr_eq(mailer_recover(&m, &n), STATUS_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ? AND outcome = 'temporary' "
			       "AND error LIKE 'interrupted:%'",
			       a),
			 1);
	ck_assert_str_eq(row_text(a, "state"), "pending");
	ck_assert_str_eq(row_text(a, "next_attempt_at"), iso(T0)); /* due at once */
	/* recovering again finds nothing more */
	ck_assert_ptr_eq(mailer_recover(&m, &n), STATUS_OK);
	ck_assert_int_eq(n, 0);

	/* the resend carries the same Message-ID, and goes first */
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_str_eq(F.ids[0], id_a);
	ck_assert_str_eq(row_text(a, "attempts"), "2");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?", a), 2);
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_str_eq(F.ids[1], row_text(b, "message_id"));
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?", b), 1);
}
END_TEST

START_TEST(test_unrecorded_outcome_is_kept_not_resent)
{
	struct mailer m;
	struct db *other = NULL;
	char path[512];
	enum mailer_event ev;
	NEOERR *err;
	int64_t id = enqueue("busy db");

	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_READ_WRITE, &other), STATUS_OK);
	make_mailer(&m, true);
	F.lock_db = other; /* another writer holds the database during the send */
	err = mailer_step(&m, &ev);
	ck_assert_ptr_ne(err, STATUS_OK); /* busy after the busy timeout */
	nerr_ignore(&err);
	F.lock_db = NULL;
	ck_assert_int_eq(F.calls, 1);
	ck_assert_str_eq(row_text(id, "state"), "pending");
	db_rollback(other);
	db_close(&other);

	/* the next step writes the kept outcome instead of sending again */
	ck_assert_int_eq(step(&m), MAILER_SENT);
	ck_assert_int_eq(F.calls, 1);
	ck_assert_str_eq(row_text(id, "state"), "sent");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?", id), 1);
	ck_assert_int_eq(step(&m), MAILER_IDLE);
}
END_TEST

/* ---- the loop ---- */

/* --once used to return at the first database error even when the relay had
 * just accepted the message: the outcome was dropped, the next run found the
 * attempt interrupted and sent the message again (a duplicate). */
START_TEST(test_run_once_waits_to_record_what_the_relay_accepted)
{
	struct mailer m;
	struct db *other = NULL;
	enum mailer_exit how;
	char path[512];
	int64_t a = enqueue("accepted while the database was busy"), b = enqueue("next");

	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_READ_WRITE, &other), STATUS_OK);
	make_mailer(&m, true);
	F.lock_db = other;     /* another writer holds the database during the send... */
	F.release_on_wait = 1; /* ...and is done by the time the mailer has waited */
	ck_assert_ptr_eq(mailer_run(&m, &how), STATUS_OK);
	ck_assert_int_eq(how, MAILER_EXIT_DONE);
	ck_assert_int_eq(F.calls, 2);
	ck_assert_str_eq(F.ids[0], row_text(a, "message_id"));
	ck_assert_str_eq(F.ids[1], row_text(b, "message_id"));
	ck_assert_int_eq(F.n_waits, 1);
	ck_assert_int_eq(F.waits[0], F.poll);
	ck_assert_str_eq(row_text(a, "state"), "sent");
	ck_assert_str_eq(row_text(b, "state"), "sent");
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts WHERE outbox_id = ?", a), 1);
	ck_assert_int_eq(count("SELECT attempts FROM outbox WHERE id = ?", a), 1);
	db_close(&other);

	/* a later run (as after a restart) has nothing to recover or resend */
	{
		struct mailer again;
		int recovered = -1;

		make_mailer(&again, true);
		ck_assert_ptr_eq(mailer_recover(&again, &recovered), STATUS_OK);
		ck_assert_int_eq(recovered, 0);
		ck_assert_ptr_eq(mailer_run(&again, &how), STATUS_OK);
		ck_assert_int_eq(F.calls, 0);
	}
}
END_TEST

/* A database error with nothing unwritten still ends a --once run. */
START_TEST(test_run_once_returns_a_database_error_before_sending)
{
	struct mailer m;
	struct db *other = NULL;
	enum mailer_exit how;
	char path[512];
	NEOERR *err;

	enqueue("queued");
	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_READ_WRITE, &other), STATUS_OK);
	ck_assert_ptr_eq(db_begin(other), STATUS_OK);
	make_mailer(&m, true);
	err = mailer_run(&m, &how);
	ck_assert_ptr_ne(err, STATUS_OK);
	nerr_ignore(&err);
	ck_assert_int_eq(F.calls, 0);
	ck_assert_int_eq(F.n_waits, 0);
	db_rollback(other);
	db_close(&other);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state = 'pending' AND attempts = 0", 0), 1);
}
END_TEST

START_TEST(test_run_pauses_with_backoff_and_logs_once)
{
	struct mailer m;
	enum mailer_exit how;
	char logpath[512], line[1024];
	FILE *log;
	int problems = 0, back = 0;

	for (int i = 0; i < 5; i++)
		enqueue("queued");
	snprintf(logpath, sizeof logpath, "%s/stderr.log", dir);
	ck_assert_ptr_nonnull(freopen(logpath, "w", stderr));
	make_mailer(&m, false);
	F.stop_on_poll = 1;
	for (int i = 0; i < 6; i++)
		script(MAIL_TEMPORARY, true, 0, "Couldn't connect to server");
	ck_assert_ptr_eq(mailer_run(&m, &how), STATUS_OK);
	ck_assert_int_eq(how, MAILER_EXIT_DONE);
	fflush(stderr);

	/* paused 60, 120, 240, then capped at 300 */
	ck_assert_int_eq(F.n_waits, 6);
	ck_assert_int_eq(F.waits[0], 60);
	ck_assert_int_eq(F.waits[1], 120);
	ck_assert_int_eq(F.waits[2], 240);
	ck_assert_int_eq(F.waits[3], 300);
	ck_assert_int_eq(F.waits[5], 300);
	ck_assert_int_eq(F.calls, 6 + 5);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state = 'sent'", 0), 5);
	/* only the head of the queue was tried while the relay was down */
	ck_assert_int_eq(count("SELECT count(*) FROM outbox_attempts", 0), 6 + 5);
	ck_assert_int_eq(count("SELECT max(attempts) FROM outbox", 0), 7);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE attempts = 1", 0), 4);
	ck_assert_int_eq(m.relay_failures, 0);

	log = fopen(logpath, "r");
	ck_assert_ptr_nonnull(log);
	while (fgets(line, sizeof line, log)) {
		problems += strstr(line, "relay problem with smtp://127.0.0.1:1") != NULL;
		back += strstr(line, "the relay is back after 6 failed tries") != NULL;
	}
	fclose(log);
	ck_assert_int_eq(problems, 1);
	ck_assert_int_eq(back, 1);
}
END_TEST

START_TEST(test_run_once_stops_at_relay_problem)
{
	struct mailer m;
	enum mailer_exit how;

	enqueue("a");
	enqueue("b");
	make_mailer(&m, true);
	script(MAIL_TEMPORARY, true, 0, "Connection timed out");
	ck_assert_ptr_eq(mailer_run(&m, &how), STATUS_OK);
	ck_assert_int_eq(how, MAILER_EXIT_RELAY_DOWN);
	ck_assert_int_eq(F.calls, 1);
	ck_assert_int_eq(F.n_waits, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state = 'pending'", 0), 2);
}
END_TEST

START_TEST(test_run_once_drains_what_is_due)
{
	struct mailer m;
	enum mailer_exit how;

	enqueue("a");
	enqueue("b");
	enqueue_at(T0 + 7200, "later@example.gov", "later");
	make_mailer(&m, true);
	script(MAIL_TEMPORARY, false, 451, "relay replied 451");
	ck_assert_ptr_eq(mailer_run(&m, &how), STATUS_OK);
	ck_assert_int_eq(how, MAILER_EXIT_DONE);
	ck_assert_int_eq(F.calls, 2); /* a failed once (due later), b sent, later not due */
	ck_assert_int_eq(F.n_waits, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state = 'sent'", 0), 1);
	/* an hour later the retry and... still not the 2-hour one */
	F.now = T0 + 3600;
	ck_assert_ptr_eq(mailer_run(&m, &how), STATUS_OK);
	ck_assert_int_eq(F.calls, 3);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE state = 'sent'", 0), 2);
}
END_TEST

static bool stop_now(void *ctx, long seconds)
{
	(void)ctx;
	(void)seconds;
	return true;
}

START_TEST(test_run_stops_when_asked)
{
	struct mailer m;
	enum mailer_exit how;

	enqueue("a");
	make_mailer(&m, false);
	m.hooks.wait = stop_now;
	ck_assert_ptr_eq(mailer_run(&m, &how), STATUS_OK);
	ck_assert_int_eq(how, MAILER_EXIT_DONE);
	ck_assert_int_eq(F.calls, 0);
}
END_TEST

/* ---- the message ---- */

START_TEST(test_composed_message)
{
	struct mailer m;
	struct outbox_item it;
	struct mail_address to;
	struct mail_header headers[MAILER_HEADERS];
	struct mail_message msg;
	char *out = NULL, want[512];
	size_t len;
	int found;
	int64_t id = enqueue_at(T0, "msmith@example.gov", "Leave request from Jane Doe");

	make_mailer(&m, true);
	ck_assert_ptr_eq(outbox_claim(db, T0 + 3600, &it, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	mailer_message(&m, &it, &to, headers, &msg);
	ck_assert_ptr_eq(mail_compose(&msg, &out, &len), STATUS_OK);
	ck_assert_ptr_nonnull(strstr(out, "\r\nAuto-Submitted: auto-generated\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "\r\nX-Auto-Response-Suppress: All\r\n"));
	/* Date is when the message was queued, not when it is sent */
	ck_assert_ptr_nonnull(strstr(out, "Date: Fri, 01 Jan 2027 09:00:00 +0000\r\n"));
	snprintf(want, sizeof want, "Message-ID: %s\r\n", row_text(id, "message_id"));
	ck_assert_ptr_nonnull(strstr(out, want));
	ck_assert_ptr_nonnull(strstr(out, "From: \"HR Portal\" <hrportal@example.gov>\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "To: \"Mary Smith\" <msmith@example.gov>\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "Subject: Leave request from Jane Doe\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "multipart/alternative"));
	ck_assert_ptr_nonnull(strstr(out, "A request is waiting for you."));
	/* byte-identical when composed again (a resend is the same message) */
	{
		char *again = NULL;
		size_t len2;

		ck_assert_ptr_eq(mail_compose(&msg, &again, &len2), STATUS_OK);
		ck_assert_uint_eq(len, len2);
		ck_assert_int_eq(memcmp(out, again, len), 0);
		free(again);
	}
	free(out);
	outbox_item_clear(&it);
}
END_TEST

/* ---- the store behind the outbox, the people and the audit log ---- */

START_TEST(test_store_outbox_get)
{
	struct outbox_message m = {
		.to_addr = "hr@example.gov", .subject = "Plain", .body_text = "Text.\n", .kind = "test"
	};
	struct store_outbox_row row;
	int64_t with = enqueue("Waiting"), plain = 0;
	int found = -1;

	ck_assert_ptr_eq(outbox_enqueue(db, &m, T0 + 60, &plain), STATUS_OK);
	ck_assert_ptr_eq(store_outbox_get(db, with, &row, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(row.id, with);
	ck_assert_str_eq(row.message_id, row_text(with, "message_id"));
	ck_assert_str_eq(row.created_at, iso(T0));
	ck_assert_str_eq(row.next_attempt_at, iso(T0));
	ck_assert_str_eq(row.to_name, "Mary Smith");
	ck_assert_str_eq(row.subject, "Waiting");
	ck_assert_str_eq(row.body_html, "<p>A request is waiting.</p>\n");
	ck_assert_str_eq(row.kind, "request_submitted");
	ck_assert_int_eq(row.request_id, 7);
	ck_assert_str_eq(row.state, "pending");
	ck_assert_int_eq(row.attempts, 0);
	store_outbox_row_clear(&row);
	/* No HTML, no name and no request are stored as such. */
	ck_assert_ptr_eq(store_outbox_get(db, plain, &row, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_ptr_null(row.body_html);
	ck_assert_str_eq(row.to_name, "");
	ck_assert_int_eq(row.request_id, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM outbox WHERE request_id IS NULL AND id = ?", plain), 1);
	store_outbox_row_clear(&row);
	ck_assert_ptr_eq(store_outbox_get(db, plain + 1, &row, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_null(row.message_id);
}
END_TEST

static void person(struct user *u, const char *login, const char *eid, const char *agency, enum user_role role)
{
	memset(u, 0, sizeof *u);
	snprintf(u->login, sizeof u->login, "%s", login);
	snprintf(u->employee_id, sizeof u->employee_id, "%s", eid);
	snprintf(u->name, sizeof u->name, "Name of %s", login);
	snprintf(u->email, sizeof u->email, "%s@example.gov", login);
	snprintf(u->agency, sizeof u->agency, "%s", agency);
	u->role = role;
}

static int64_t save(const char *login, const char *eid, const char *agency, enum user_role role, const char *supervisor)
{
	struct user u;
	int64_t id = 0;

	person(&u, login, eid, agency, role);
	ck_assert_ptr_eq(users_save(db, &u, supervisor, &id), STATUS_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

static NEOERR *list_person(void *ctx, const struct store_people_entry *e)
{
	char *out = ctx;
	size_t n = strlen(out);

	snprintf(out + n, 512 - n, "%s<%s>%s%s;", e->person.login, e->supervisor_login, e->person.active ? "" : "-",
		 e->appointing_authority ? "!" : "");
	return STATUS_OK;
}

START_TEST(test_store_people)
{
	struct user u, hr[3];
	int64_t boss = save("boss", "10001", "Parks", USER_SUPERVISOR, NULL);
	int64_t lead = save("lead", "10002", "Parks", USER_SUPERVISOR, "boss");
	int64_t worker = save("worker", "10003", "Parks", USER_EMPLOYEE, "lead");
	int64_t hr_other = save("hr1", "10004", "Roads", USER_HR, NULL);
	int64_t hr_parks = save("hr2", "10005", "Parks", USER_HR, NULL);
	char listing[512] = "";
	int found = -1, above = -1, n = -1;
	NEOERR *err;

	/* Saving by login again updates the same row. */
	ck_assert_int_eq(save("worker", "10003", "Parks", USER_SUPERVISOR, "boss"), worker);
	ck_assert_ptr_eq(users_by_login(db, "worker", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(u.role, USER_SUPERVISOR);
	ck_assert_int_eq(u.supervisor_id, boss);
	ck_assert_str_eq(u.email, "worker@example.gov");
	ck_assert_ptr_eq(users_by_employee_id(db, "10002", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(u.id, lead);
	ck_assert_ptr_eq(users_by_id(db, lead, &u, &found), STATUS_OK);
	ck_assert_str_eq(u.login, "lead");
	ck_assert_ptr_eq(users_by_login(db, "nobody", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(u.id, 0);
	/* Another login with the same employee ID is a conflict. */
	person(&u, "copy", "10001", "Parks", USER_EMPLOYEE);
	err = users_save(db, &u, NULL, NULL);
	ck_assert(nerr_match(err, HR_ERR_CONFLICT));
	nerr_ignore(&err);
	/* The reporting line, upwards only. */
	ck_assert_ptr_eq(users_is_above(db, boss, lead, &above), STATUS_OK);
	ck_assert_int_eq(above, 1);
	ck_assert_ptr_eq(users_is_above(db, lead, boss, &above), STATUS_OK);
	ck_assert_int_eq(above, 0);
	/* HR of the agency first, then by id; no more than asked for. */
	ck_assert_ptr_eq(users_hr(db, "Parks", hr, 3, &n), STATUS_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(hr[0].id, hr_parks);
	ck_assert_int_eq(hr[1].id, hr_other);
	ck_assert_ptr_eq(users_hr(db, "Roads", hr, 1, &n), STATUS_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(hr[0].id, hr_other);
	/* The appointing authority is replaced, and must be active. */
	ck_assert_ptr_eq(users_appointing_authority(db, "Parks", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_eq(users_set_appointing_authority(db, "Parks", lead), STATUS_OK);
	ck_assert_ptr_eq(users_set_appointing_authority(db, "Parks", boss), STATUS_OK);
	ck_assert_ptr_eq(users_appointing_authority(db, "Parks", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(u.id, boss);
	ck_assert_int_eq(sqlite3_exec(db_sqlite_handle(db), "UPDATE users SET active = 0 WHERE login = 'boss'", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	ck_assert_ptr_eq(users_appointing_authority(db, "Parks", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_eq(users_by_login(db, "boss", &u, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	/* The operator's list has everyone, by login. */
	ck_assert_ptr_eq(store_people_each(db, list_person, listing), STATUS_OK);
	ck_assert_str_eq(listing, "boss<>-!;hr1<>;hr2<>;lead<boss>;worker<boss>;");
}
END_TEST

START_TEST(test_audit_log_and_list)
{
	int64_t hr = save("hradmin", "10500", "Parks", USER_HR, NULL);
	struct audit_actor who = { hr, "hradmin", "192.0.2.7" }, unknown = { 0, "ghost", NULL };
	HDF *hdf = NULL;

	/* January is UTC-5 in Frankfort, July UTC-4. */
	ck_assert_ptr_eq(audit_log_action(db, &who, T0, "section.publish", "/handbook/sick-leave", "Version 2"),
			 STATUS_OK);
	ck_assert_ptr_eq(audit_log_action(db, &unknown, T0 + 181 * 86400, "term.retire", "/glossary/fmla", NULL),
			 STATUS_OK);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(audit_list(db, 7, hdf, "Audit"), STATUS_OK);
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Total", ""), "2");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Page", ""), "1");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Pages", ""), "1");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.0.Action", ""), "term.retire");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.0.At", ""), "2027-07-01 05:00 ET");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.0.Login", ""), "ghost");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.0.Name", "x"), "");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.0.RemoteAddr", "x"), "");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.0.Detail", "x"), "");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.1.Id", ""), "1");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.1.At", ""), "2027-01-01 04:00 ET");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.1.Name", ""), "Name of hradmin");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.1.RemoteAddr", ""), "192.0.2.7");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.1.Target", ""), "/handbook/sick-leave");
	ck_assert_str_eq(hdf_get_value(hdf, "Audit.Rows.1.Detail", ""), "Version 2");
	ck_assert_ptr_null(hdf_get_obj(hdf, "Audit.Rows.2"));
	ck_assert_int_eq(count("SELECT count(*) FROM audit_log WHERE user_id IS NULL", 0), 1);
	hdf_destroy(&hdf);
}
END_TEST

static Suite *mailer_suite(void)
{
	Suite *s = suite_create("mailer");
	TCase *tc = tcase_create("pure");

	tcase_add_test(tc, test_backoff_schedule);
	tcase_add_test(tc, test_time_format_and_parse);
	suite_add_tcase(s, tc);

	tc = tcase_create("outbox");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_claim_order_and_due);
	tcase_add_test(tc, test_marks_need_a_pending_row);
	tcase_add_test(tc, test_unsendable_row_does_not_block_the_queue);
	suite_add_tcase(s, tc);

	tc = tcase_create("step");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_sent);
	tcase_add_test(tc, test_temporary_failure_backs_off_then_sends);
	tcase_add_test(tc, test_temporary_failure_does_not_block_others);
	tcase_add_test(tc, test_permanent_failure_is_dead_letter);
	tcase_add_test(tc, test_gives_up_on_old_message);
	tcase_add_test(tc, test_relay_down_pauses_queue_without_penalty);
	tcase_add_test(tc, test_auth_refused_waits_instead_of_failing_everything);
	tcase_add_test(tc, test_invalid_message_fails_without_connecting);
	tcase_add_test(tc, test_recover_interrupted_attempt);
	tcase_add_test(tc, test_unrecorded_outcome_is_kept_not_resent);
	suite_add_tcase(s, tc);

	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_store_outbox_get);
	tcase_add_test(tc, test_store_people);
	tcase_add_test(tc, test_audit_log_and_list);
	suite_add_tcase(s, tc);

	tc = tcase_create("run");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_run_pauses_with_backoff_and_logs_once);
	tcase_add_test(tc, test_run_once_stops_at_relay_problem);
	tcase_add_test(tc, test_run_once_drains_what_is_due);
	tcase_add_test(tc, test_run_stops_when_asked);
	tcase_add_test(tc, test_run_once_waits_to_record_what_the_relay_accepted);
	tcase_add_test(tc, test_run_once_returns_a_database_error_before_sending);
	tcase_add_test(tc, test_composed_message);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;
	NEOERR *err = errors_init();

	if (err != STATUS_OK) {
		nerr_log_error(err);
		return EXIT_FAILURE;
	}
	sr = srunner_create(mailer_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
