-- People and mail: who uses the portal (identity comes from Apache's
-- REMOTE_USER, matched to login), their role and reporting line; and the
-- outbox, written in the same transaction as the change that causes a
-- message, and emptied by the mailer program (tools/hrportal-mailer).

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,          -- REMOTE_USER
	employee_id   TEXT NOT NULL UNIQUE,          -- never a Social Security number
	name          TEXT NOT NULL,
	email         TEXT NOT NULL,
	agency        TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('employee', 'supervisor', 'hr')),
	supervisor_id INTEGER REFERENCES users(id),
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX users_supervisor ON users(supervisor_id);

CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	message_id      TEXT NOT NULL UNIQUE,        -- stable: a resend reuses it
	created_at      TEXT NOT NULL,               -- ISO 8601 UTC
	to_name         TEXT NOT NULL,
	to_addr         TEXT NOT NULL,
	subject         TEXT NOT NULL,
	body_text       TEXT NOT NULL,
	body_html       TEXT,
	kind            TEXT NOT NULL,               -- e.g. request_submitted
	request_id      INTEGER,                     -- what it is about, if a request
	state           TEXT NOT NULL DEFAULT 'pending'
	                CHECK (state IN ('pending', 'sent', 'failed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	sent_at         TEXT,
	last_error      TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

CREATE TABLE outbox_attempts (
	id           INTEGER PRIMARY KEY,
	outbox_id    INTEGER NOT NULL REFERENCES outbox(id),
	attempted_at TEXT NOT NULL,
	outcome      TEXT NOT NULL CHECK (outcome IN ('sent', 'temporary', 'permanent')),
	smtp_code    INTEGER,
	error        TEXT
);
CREATE INDEX outbox_attempts_message ON outbox_attempts(outbox_id);
