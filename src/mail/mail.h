/*
 * mail: compose one e-mail message (RFC 5322 + MIME) and send it to an SMTP
 * relay with libcurl.
 *
 * This module knows nothing about queues. The outbox decides the Message-ID
 * and the Date, stores them, and calls mail_send() once per attempt; this
 * module tells it whether a failure is worth retrying (MAIL_TEMPORARY) or
 * not (MAIL_PERMANENT).
 *
 * Errors: every function that can fail returns a ClearSilver NEOERR *
 * (STATUS_OK, i.e. NULL, on success). mail_send() and mail_send_raw()
 * additionally fill a struct mail_result that classifies the failure; the
 * NEOERR carries the same text for logging/tracebacks. The caller owns the
 * NEOERR and must nerr_log_error()/nerr_ignore() it.
 *
 * Program start-up must do, once, before any thread is started:
 *     nerr_init();                          so NERR_* error types have names
 *     curl_global_init(CURL_GLOBAL_DEFAULT); libcurl's own (not thread-safe)
 * and curl_global_cleanup() at exit.
 *
 * Example (error handling shortened):
 *
 *     struct mail_address to[] = {{ "Dana Supervisor", "dana@ky.gov" }};
 *     struct mail_message m = {
 *         .from = { "HR Portal", "hrportal@ky.gov" },
 *         .to = to, .n_to = 1,
 *         .subject = "Leave request from José Álvarez",
 *         .text = "A request is waiting for you.\n",
 *         .html = "<p>A request is waiting for you.</p>\n",
 *         .message_id = "<4f1c0a7e.42@hrportal.ky.gov>",  // from the outbox row
 *         .date = created_at,                              // from the outbox row
 *     };
 *     struct mail_relay r = {
 *         .url = "smtp://relay.ky.gov:587", .require_tls = true,
 *         .username = "hrportal", .password = secret,
 *     };
 *     struct mail_result res;
 *     NEOERR *err = mail_send(&r, &m, &res);
 *     if (err != STATUS_OK) {
 *         if (res.outcome == MAIL_TEMPORARY) retry later with backoff
 *         else dead-letter (res.error says why)
 *         nerr_ignore(&err);
 *     }
 */
#ifndef HR_MAIL_H
#define HR_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <ClearSilver.h>

/* Upper bound on recipients of one message: mail here goes to a supervisor
 * or two, a long list is a bug upstream. */
#define MAIL_MAX_RECIPIENTS 50

/* Longest accepted address (RFC 5321 path limit less the angle brackets). */
#define MAIL_ADDR_MAX 254

/* Buffer size that always fits a mail_make_message_id() result. */
#define MAIL_MESSAGE_ID_MAX 256

/* Defaults used when a struct mail_relay leaves a timeout at 0 (libcurl's own
 * default is to wait forever, which would wedge the mailer). */
#define MAIL_CONNECT_TIMEOUT_DEFAULT 10L
#define MAIL_TIMEOUT_DEFAULT 30L

/* One mailbox: "Display Name <local@domain>". */
struct mail_address {
	/* Display name, UTF-8, or NULL/"" for none. Non-ASCII becomes RFC 2047
     * encoded words. Must not contain CR, LF or other control characters. */
	const char *name;
	/* addr-spec "local@domain": printable ASCII, exactly one '@', no spaces
     * and none of < > , ; : " ( ) [ ] \  (see mail_check_address()). */
	const char *addr;
};

/* An extra header line. */
struct mail_header {
	/* Letters, digits and '-'. Headers the composer writes itself (Date,
     * From, To, Cc, Bcc, Sender, Subject, Message-ID, MIME-Version,
     * Content-*, Return-Path) are refused. */
	const char *name;
	/* Printable ASCII plus space/tab; no CR/LF/NUL. Folded at white space
     * when long; refused if it cannot be folded to lines <= 998 octets. */
	const char *value;
};

struct mail_message {
	struct mail_address from;      /* also the envelope sender (MAIL FROM) */
	const struct mail_address *to; /* n_to >= 1; also the RCPT TO list */
	size_t n_to;
	const char *subject; /* UTF-8, may be "" */
	const char *text;    /* text/plain body, UTF-8, required */
	const char *html;    /* text/html body, UTF-8, or NULL */
	/* "<left@right>" (the brackets may be omitted). Chosen and stored by the
     * caller so that a resend after a crash carries the same id. */
	const char *message_id;
	time_t date;                       /* Date: header, written in UTC */
	const struct mail_header *headers; /* extra headers, may be NULL */
	size_t n_headers;
};

/*
 * Compose msg into a complete RFC 5322 message in memory.
 *
 * Output: CRLF line endings only, no line over 998 octets (headers are
 * folded at 78 where possible), bodies UTF-8 quoted-printable, a
 * multipart/alternative (text, then html) when msg->html is set, otherwise
 * a single text/plain part. No line begins with "." so SMTP dot-stuffing
 * never alters it. Output is a pure function of msg (the MIME boundary is
 * derived from the Message-ID), so recomposing on retry is byte-identical.
 *
 * On success *out is a NUL-terminated malloc'd buffer (free() it) and
 * *out_len its length without the NUL. On error nothing is allocated and
 * the NEOERR (NERR_ASSERT for an invalid message, NERR_NOMEM) says which
 * field was refused: header injection (CR/LF/NUL), invalid address,
 * invalid UTF-8, forbidden extra header, and so on.
 */
NEOERR *mail_compose(const struct mail_message *msg, char **out, size_t *out_len);

/* True if addr is an acceptable addr-spec (rules at struct mail_address). */
bool mail_check_address(const char *addr);

/*
 * Write a fresh random Message-ID "<32 hex digits@domain>" into buf (size
 * >= MAIL_MESSAGE_ID_MAX is always enough). For the outbox to call once when
 * it enqueues a message, and store.
 */
NEOERR *mail_make_message_id(const char *domain, char *buf, size_t size);

/* Where and how to submit mail. Zero-initialise, then fill in. */
struct mail_relay {
	/* "smtp://host:port" (STARTTLS) or "smtps://host:port" (implicit TLS).
     * A path sets the EHLO name: "smtp://relay:587/hrportal.ky.gov".
     * Other schemes are refused. */
	const char *url;
	/* Refuse to send anything unless the session is TLS-protected
     * (CURLUSESSL_ALL: a relay that does not offer STARTTLS fails, there is
     * no fallback to clear text). When false, STARTTLS is still used if the
     * relay offers it (CURLUSESSL_TRY), and its certificate is still
     * verified. Setting username implies require_tls: credentials are
     * never sent in clear. */
	bool require_tls;
	/* PEM file of CA certificates to trust instead of the system store,
     * e.g. a dev/test relay's self-signed certificate. NULL = system. */
	const char *ca_file;
	/* Do not verify the relay's certificate or host name. For throw-away
     * dev setups only; named so that a zeroed struct is the safe one. */
	bool skip_verify;
	/* SMTP AUTH credentials, or NULL for none. */
	const char *username;
	const char *password;
	/* Seconds; 0 = MAIL_CONNECT_TIMEOUT_DEFAULT / MAIL_TIMEOUT_DEFAULT.
     * connect_timeout covers TCP connect, greeting, EHLO, STARTTLS and
     * AUTH; timeout bounds the whole transaction. */
	long connect_timeout;
	long timeout;
};

enum mail_outcome {
	MAIL_SENT = 0,  /* the relay answered 250 to the end of DATA */
	MAIL_TEMPORARY, /* retry later: connect refused/timeout, 4xx, I/O, OOM */
	MAIL_PERMANENT, /* do not retry as is: 5xx, invalid message/address,
                        AUTH refused, TLS required but unavailable/unverified */
};

struct mail_result {
	enum mail_outcome outcome;
	/* Last SMTP reply code received (250, 451, 535, ...), 0 if none (no
     * connection, or the message was refused before connecting). */
	long smtp_code;
	/* libcurl's CURLcode, 0 if curl was not reached or succeeded. */
	int curl_code;
	/* The failure is about the relay or our configuration of it
     * (connect/timeout/TLS/AUTH/URL), not about this message: every other
     * message would fail the same way now. A mailer may pause the whole
     * queue rather than count an attempt against this message. */
	bool relay_problem;
	/* Short human-readable reason, "" on success. Never contains the
     * password. */
	char error[256];
};

/*
 * Compose msg and submit it to relay: MAIL FROM msg->from.addr, one RCPT TO
 * per msg->to (all or nothing: if the relay refuses any recipient, nothing
 * is sent). Returns STATUS_OK once the relay accepted the message
 * (result->outcome == MAIL_SENT), otherwise a NEOERR (NERR_ASSERT for an
 * invalid message or relay config, NERR_NOMEM, NERR_IO for delivery) with
 * result->outcome telling whether to retry. result may be NULL.
 *
 * Delivery is at-least-once: if the connection drops after the relay got
 * the whole message but before its reply, the outcome is MAIL_TEMPORARY and
 * a retry delivers a second copy with the same Message-ID.
 *
 * Blocks for up to relay->timeout seconds. Thread-safe if the program did
 * the global initialisation above. Signals are not used (CURLOPT_NOSIGNAL).
 */
NEOERR *mail_send(const struct mail_relay *relay, const struct mail_message *msg, struct mail_result *result);

/*
 * Submit an already composed message (e.g. mail_compose() output kept by the
 * outbox) with the given envelope. data must use CRLF line endings only, with
 * lines of at most 998 octets; it is refused (MAIL_PERMANENT) otherwise.
 * Same result semantics as mail_send().
 */
NEOERR *mail_send_raw(const struct mail_relay *relay, const char *envelope_from, const char *const *rcpt, size_t n_rcpt,
		      const char *data, size_t len, struct mail_result *result);

#endif /* HR_MAIL_H */
