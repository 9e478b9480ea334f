/* mailer: empty the outbox through an SMTP relay (tools/hrportal-mailer).
 *
 * One message at a time, oldest due first (outbox_claim), one commit per
 * message right after the relay answered (outbox_mark_*). Per message:
 *
 *   relay said 250                         -> 'sent'
 *   temporary failure of this message      -> stays 'pending', due again after
 *     (4xx to RCPT/DATA, out of memory)       mailer_backoff(attempts); 'failed'
 *                                             once older than give_up_after
 *   permanent failure of this message      -> 'failed' (dead letter for HR)
 *     (5xx to RCPT/DATA, invalid message)
 *   the relay itself is down or refuses us -> stays 'pending', not due later
 *     (mail_result.relay_problem: connect,    than before; the whole queue
 *     timeout, TLS, AUTH, 421/454/530/535)    pauses for mailer_backoff(n
 *                                             consecutive relay failures,
 *                                             capped at pause_max), logged once
 *
 * attempts counts every try of the message, including the ones that found
 * the relay down (only the head of the queue is tried then), so a message
 * that was the probe through a long outage starts its own backoff high;
 * the cap keeps that at retry_max.
 *
 * A relay problem never dead-letters anything, even when it is "permanent"
 * (a wrong password or an untrusted certificate would otherwise fail every
 * queued message): mail waits, the log says why once, and it goes out when
 * the relay or the configuration is fixed.
 *
 * Every attempt is recorded (outbox_attempts). Crash safety and the one
 * duplicate window are described in outbox.h.
 *
 * The network, the clock and sleeping are hooks, so the queue logic is unit
 * tested without a relay or real time. */
#ifndef HR_MAILER_H
#define HR_MAILER_H

#include <stdint.h>
#include <limits.h>
#include <stdbool.h>
#include <time.h>

#include <ClearSilver.h>

#include "store/db.h"
#include "mail/mail.h"
#include "mail/outbox.h"

struct mailer_config {
	struct mail_relay relay;
	struct mail_address from; /* From: and envelope sender */
	long poll_interval;       /* seconds between looks at an empty queue */
	long retry_base;          /* first retry delay of a message, seconds */
	long retry_max;           /* cap on a message's retry delay */
	long pause_max;           /* cap on the queue's pause while the relay is down */
	long give_up_after;       /* a message older than this that fails again fails for good */
	bool once;                /* send what is due, then return */
};

/* Defaults (seconds). */
#define MAILER_POLL_INTERVAL 5
#define MAILER_RETRY_BASE 60
#define MAILER_RETRY_MAX 3600
#define MAILER_PAUSE_MAX 300
#define MAILER_GIVE_UP_AFTER (5 * 24 * 3600)
#define MAILER_NEVER_GIVE_UP LONG_MAX /* give_up_after meaning "never" */

/* Fill the defaults above (relay and from left empty). */
void mailer_config_defaults(struct mailer_config *cfg);

struct mailer_hooks {
	/* Submit one message; mail_send when NULL. */
	NEOERR *(*send)(void *ctx, const struct mail_relay *relay, const struct mail_message *msg,
			struct mail_result *result);
	/* The current time; time(NULL) when NULL. */
	time_t (*now)(void *ctx);
	/* Sleep up to seconds (0: just look) unless asked to stop; return true
	 * when the mailer should stop (SIGTERM). When NULL, never sleeps and
	 * never stops (mailer_run then needs cfg.once). */
	bool (*wait)(void *ctx, long seconds);
	void *ctx;
};

/* What one mailer_step did. */
enum mailer_event {
	MAILER_IDLE, /* nothing due */
	MAILER_SENT,
	MAILER_RETRY,      /* temporary failure of the message: due again later */
	MAILER_FAILED,     /* dead letter */
	MAILER_RELAY_DOWN, /* relay problem: the queue is paused */
};

struct mailer {
	struct db *db;
	struct mailer_config cfg;
	struct mailer_hooks hooks;
	/* queue pause while the relay is unusable */
	int relay_failures; /* consecutive relay problems */
	time_t paused_until;
	char relay_error[256]; /* why, as last reported */
	/* An outcome the relay gave that could not be written yet (database
	 * busy or full): written before anything else is claimed, so a
	 * transient database error never causes a resend. */
	struct {
		bool open;
		int64_t id;
		const char *state; /* "sent", "pending" or "failed" */
		enum outbox_outcome outcome;
		long smtp_code;
		time_t at, next;
		char error[320];
		enum mailer_event event;
	} unrecorded;
	/* totals, for the log and tests */
	long sent, retried, failed, relay_down;
};

/* Delay before the next try of something that failed `failures` times in a
 * row (>= 1): base, 2 base, 4 base, ... capped at max. Pure. */
long mailer_backoff(int failures, long base, long max);

/* Set up (does not touch the database). cfg and hooks are copied. */
void mailer_init(struct mailer *m, struct db *db, const struct mailer_config *cfg, const struct mailer_hooks *hooks);

/* Record attempts left open by a crash (outbox_recover), logging each
 * Message-ID that may arrive twice. Call once before the first step. */
NEOERR *mailer_recover(struct mailer *m, int *count);

/* Build the message for an outbox row: From from the configuration, the
 * stored Message-ID, Date = created_at, and "Auto-Submitted:
 * auto-generated" (plus "X-Auto-Response-Suppress: All") so that
 * out-of-office robots do not answer. headers must have room for
 * MAILER_HEADERS entries and live as long as msg. */
#define MAILER_HEADERS 2
void mailer_message(const struct mailer *m, const struct outbox_item *item, struct mail_address *to,
		    struct mail_header *headers, struct mail_message *msg);

/* Claim the next due message (if any), try it once, record the outcome.
 * Does not look at the pause (mailer_run does). Database errors are
 * returned; when the outcome could not be recorded it is kept and the next
 * mailer_step records it first (and reports it as its event). */
NEOERR *mailer_step(struct mailer *m, enum mailer_event *event);

/* Seconds the queue stays paused from now (0 when not paused). */
long mailer_paused_for(const struct mailer *m, time_t now);

/* How mailer_run ended. */
enum mailer_exit {
	MAILER_EXIT_DONE,       /* --once: nothing due any more; or stopped */
	MAILER_EXIT_RELAY_DOWN, /* --once: stopped at a relay problem, mail waits */
};

/* The loop: step until stopped (hooks.wait says so) or, with cfg.once,
 * until nothing is due or the relay is down. Sleeps poll_interval on an
 * empty queue and through a pause. A database error (busy for longer than
 * the busy timeout, disk full) is logged and retried after poll_interval;
 * with cfg.once it is returned, except while an outcome the relay gave is
 * still unwritten: that is retried (up to MAILER_RECORD_TRIES times, or
 * until stopped) so that a sent message is not sent again by the next run. */
#define MAILER_RECORD_TRIES 30
NEOERR *mailer_run(struct mailer *m, enum mailer_exit *how);

#endif
