#include "mail/mailer.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/isotime.h"

void mailer_config_defaults(struct mailer_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->poll_interval = MAILER_POLL_INTERVAL;
	cfg->retry_base = MAILER_RETRY_BASE;
	cfg->retry_max = MAILER_RETRY_MAX;
	cfg->pause_max = MAILER_PAUSE_MAX;
	cfg->give_up_after = MAILER_GIVE_UP_AFTER;
}

long mailer_backoff(int failures, long base, long max)
{
	long delay = base > 0 ? base : 1;

	if (max < delay)
		return max > 0 ? max : delay;
	/* doubling stops at the cap, so no overflow for any failure count */
	for (int i = 1; i < failures && delay < max; i++)
		delay = delay > max / 2 ? max : delay * 2;
	return delay < max ? delay : max;
}

void mailer_init(struct mailer *m, struct db *db, const struct mailer_config *cfg, const struct mailer_hooks *hooks)
{
	memset(m, 0, sizeof *m);
	m->db = db;
	m->cfg = *cfg;
	if (hooks != NULL)
		m->hooks = *hooks;
}

static time_t now(struct mailer *m)
{
	return m->hooks.now ? m->hooks.now(m->hooks.ctx) : time(NULL);
}

static void log_interrupted(const char *message_id, void *ctx)
{
	(void)ctx;
	log_warn("message %s was being sent when the mailer stopped: sending it again with the same "
		 "Message-ID (the recipient may get it twice if the relay had already accepted it)",
		 message_id);
}

NEOERR *mailer_recover(struct mailer *m, int *count)
{
	return nerr_pass(outbox_recover(m->db, now(m), count, log_interrupted, NULL));
}

void mailer_message(const struct mailer *m, const struct outbox_item *item, struct mail_address *to,
		    struct mail_header *headers, struct mail_message *msg)
{
	to->name = item->to_name;
	to->addr = item->to_addr;
	/* RFC 3834: a machine wrote this; out-of-office robots should not
	 * answer (Exchange reads its own header for the same). */
	headers[0] = (struct mail_header){ "Auto-Submitted", "auto-generated" };
	headers[1] = (struct mail_header){ "X-Auto-Response-Suppress", "All" };
	memset(msg, 0, sizeof *msg);
	msg->from = m->cfg.from;
	msg->to = to;
	msg->n_to = 1;
	msg->subject = item->subject;
	msg->text = item->body_text;
	msg->html = item->body_html;
	msg->message_id = item->message_id;
	msg->date = item->created_at;
	msg->headers = headers;
	msg->n_headers = MAILER_HEADERS;
}

long mailer_paused_for(const struct mailer *m, time_t t)
{
	return m->paused_until > t ? (long)(m->paused_until - t) : 0;
}

/* Write the kept outcome; on success the slot is free again. */
static NEOERR *record(struct mailer *m)
{
	NEOERR *err;

	if (strcmp(m->unrecorded.state, "sent") == 0)
		err = outbox_mark_sent(m->db, m->unrecorded.id, m->unrecorded.at, m->unrecorded.smtp_code);
	else if (strcmp(m->unrecorded.state, "failed") == 0)
		err = outbox_mark_failed(m->db, m->unrecorded.id, m->unrecorded.at, m->unrecorded.outcome,
					 m->unrecorded.smtp_code, m->unrecorded.error);
	else
		err = outbox_mark_retry(m->db, m->unrecorded.id, m->unrecorded.at, m->unrecorded.outcome,
					m->unrecorded.smtp_code, m->unrecorded.error, m->unrecorded.next);
	if (err == STATUS_OK)
		m->unrecorded.open = false;
	return nerr_pass(err);
}

static void keep(struct mailer *m, const struct outbox_item *item, const char *state, enum outbox_outcome outcome,
		 const struct mail_result *res, time_t at, time_t next, enum mailer_event event, const char *error)
{
	m->unrecorded.open = true;
	m->unrecorded.id = item->id;
	m->unrecorded.state = state;
	m->unrecorded.outcome = outcome;
	m->unrecorded.smtp_code = res->smtp_code;
	m->unrecorded.at = at;
	m->unrecorded.next = next;
	m->unrecorded.event = event;
	snprintf(m->unrecorded.error, sizeof m->unrecorded.error, "%s", error);
}

/* Decide what the relay's answer means for this message and the queue. */
static void judge(struct mailer *m, const struct outbox_item *item, const struct mail_result *res, time_t t)
{
	enum outbox_outcome outcome = res->outcome == MAIL_PERMANENT ? OUTBOX_OUTCOME_PERMANENT
								     : OUTBOX_OUTCOME_TEMPORARY;

	if (res->outcome == MAIL_SENT) {
		if (m->relay_failures > 0)
			log_info("the relay is back after %d failed tries (%s): sending resumes", m->relay_failures,
				 m->relay_error);
		m->relay_failures = 0;
		m->paused_until = 0;
		keep(m, item, "sent", OUTBOX_OUTCOME_SENT, res, t, t, MAILER_SENT, "");
		return;
	}
	if (res->relay_problem) {
		char why[300];

		/* Not this message's fault: it keeps its place (due as before)
		 * and the whole queue waits. */
		m->relay_failures++;
		m->paused_until = t + mailer_backoff(m->relay_failures, m->cfg.retry_base, m->cfg.pause_max);
		snprintf(m->relay_error, sizeof m->relay_error, "%s", res->error);
		if (m->relay_failures == 1) {
			int64_t pending = 0;
			NEOERR *err = outbox_pending_count(m->db, &pending);

			nerr_ignore(&err);
			log_warn("relay problem with %s: %s; the queue is paused (%" PRId64 " messages waiting), "
				 "retrying with backoff up to every %ld s; logged once until the relay is back",
				 m->cfg.relay.url ? m->cfg.relay.url : "(no relay)", res->error, pending,
				 m->cfg.pause_max);
		}
		snprintf(why, sizeof why, "relay problem, will retry: %s", res->error);
		keep(m, item, "pending", outcome, res, t, item->next_attempt_at, MAILER_RELAY_DOWN, why);
		return;
	}
	if (res->outcome == MAIL_TEMPORARY && t - item->created_at < m->cfg.give_up_after) {
		time_t next = t + mailer_backoff(item->attempts, m->cfg.retry_base, m->cfg.retry_max);
		char when[21];

		iso_time_format(next, when);
		log_info("message %s (outbox %" PRId64 "): temporary failure, attempt %d, next at %s: %s",
			 item->message_id, item->id, item->attempts, when, res->error);
		keep(m, item, "pending", outcome, res, t, next, MAILER_RETRY, res->error);
		return;
	}
	if (res->outcome == MAIL_TEMPORARY) {
		char why[300];

		snprintf(why, sizeof why, "gave up after %d attempts: %s", item->attempts, res->error);
		log_warn("message %s (outbox %" PRId64 ") failed for good: %s", item->message_id, item->id, why);
		keep(m, item, "failed", outcome, res, t, t, MAILER_FAILED, why);
		return;
	}
	log_warn("message %s (outbox %" PRId64 ") failed for good: %s", item->message_id, item->id, res->error);
	keep(m, item, "failed", outcome, res, t, t, MAILER_FAILED, res->error);
}

NEOERR *mailer_step(struct mailer *m, enum mailer_event *event)
{
	struct outbox_item item;
	struct mail_address to;
	struct mail_header headers[MAILER_HEADERS];
	struct mail_message msg;
	struct mail_result res;
	int found;
	NEOERR *err;

	*event = MAILER_IDLE;
	if (m->unrecorded.open) {
		err = record(m);
		if (err == STATUS_OK)
			*event = m->unrecorded.event;
		return nerr_pass(err);
	}
	err = outbox_claim(m->db, now(m), &item, &found);
	if (err != STATUS_OK || !found)
		return nerr_pass(err);

	mailer_message(m, &item, &to, headers, &msg);
	memset(&res, 0, sizeof res);
	res.outcome = MAIL_TEMPORARY;
	err = m->hooks.send ? m->hooks.send(m->hooks.ctx, &m->cfg.relay, &msg, &res)
			    : mail_send(&m->cfg.relay, &msg, &res);
	if (err == STATUS_OK)
		res.outcome = MAIL_SENT;
	else if (res.outcome == MAIL_SENT)
		res.outcome = MAIL_TEMPORARY; /* an error is never a success */
	if (err != STATUS_OK && res.error[0] == '\0')
		snprintf(res.error, sizeof res.error, "mail_send failed without a reason");
	nerr_ignore(&err);

	judge(m, &item, &res, now(m));
	switch (m->unrecorded.event) {
	case MAILER_SENT:
		m->sent++;
		log_info("sent %s (outbox %" PRId64 ", %s)", item.message_id, item.id, item.kind);
		break;
	case MAILER_RETRY:
		m->retried++;
		break;
	case MAILER_FAILED:
		m->failed++;
		break;
	case MAILER_RELAY_DOWN:
		m->relay_down++;
		break;
	case MAILER_IDLE:
		break;
	}
	outbox_item_clear(&item);
	/* The commit right after the relay's answer: until it is done, a
	 * crash means this message is sent again (outbox.h). */
	err = record(m);
	if (err == STATUS_OK)
		*event = m->unrecorded.event;
	return nerr_pass(err);
}

/* Giving up on writing an outcome: say what that means for the message. */
static void log_unrecorded(const struct mailer *m)
{
	if (!m->unrecorded.open)
		return;
	log_error("outbox %" PRId64 ": the relay's answer (%s) could not be written to the database; %s",
		  m->unrecorded.id, m->unrecorded.state,
		  strcmp(m->unrecorded.state, "sent") == 0
			  ? "the next run sends the message again (same Message-ID): it may arrive twice"
			  : "the next run tries the message again");
}

static bool wait_for(struct mailer *m, long seconds)
{
	return m->hooks.wait ? m->hooks.wait(m->hooks.ctx, seconds) : false;
}

NEOERR *mailer_run(struct mailer *m, enum mailer_exit *how)
{
	enum mailer_event event;
	int record_tries = 0;
	NEOERR *err;

	*how = MAILER_EXIT_DONE;
	while (!wait_for(m, 0)) {
		long pause = mailer_paused_for(m, now(m));

		if (pause > 0 && !m->unrecorded.open) {
			if (m->cfg.once) {
				*how = MAILER_EXIT_RELAY_DOWN;
				return STATUS_OK;
			}
			if (wait_for(m, pause))
				break;
			continue;
		}
		err = mailer_step(m, &event);
		if (err != STATUS_OK) {
			/* With --once too, an outcome the relay already gave waits
			 * for the database (busy, full) rather than be dropped: a
			 * dropped one makes the next run send the message again. */
			if (m->cfg.once && (!m->unrecorded.open || ++record_tries > MAILER_RECORD_TRIES)) {
				log_unrecorded(m);
				return nerr_pass(err);
			}
			log_neoerr(&err, "mailer: database");
			if (wait_for(m, m->cfg.poll_interval))
				break;
			continue;
		}
		record_tries = 0;
		if (event == MAILER_IDLE) {
			if (m->cfg.once)
				return STATUS_OK;
			if (wait_for(m, m->cfg.poll_interval))
				break;
		} else if (event == MAILER_RELAY_DOWN && m->cfg.once) {
			*how = MAILER_EXIT_RELAY_DOWN;
			return STATUS_OK;
		}
	}
	/* Stopping: an outcome the relay already gave must not be lost. */
	if (m->unrecorded.open) {
		err = record(m);
		if (err != STATUS_OK) {
			log_unrecorded(m);
			return nerr_pass(err);
		}
	}
	return STATUS_OK;
}
