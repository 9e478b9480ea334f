-- Forms and their workflow: requests (drafts included) with their answers,
-- history, signatures and wizard results; the leave-sharing ledger; the
-- agencies' appointing authorities; the installation's secrets (CSRF).
--
-- Times are ISO 8601 UTC ("2027-01-05T14:00:00Z"); calendar dates are
-- YYYY-MM-DD in Eastern time (the date an employee sees). Hours are stored
-- in hundredths ("centihours", 750 = 7.5 hours) so sums are exact. No table
-- has a Social Security number: people are users rows (employee ID).

-- One secret per purpose, generated on first use (csrf.c).
CREATE TABLE app_secrets (
	name       TEXT PRIMARY KEY,
	value      BLOB NOT NULL CHECK (length(value) >= 32),
	created_at TEXT NOT NULL
);

-- The appointing authority of each agency: the last level of a grievance
-- and the approver of outside employment and leave sharing.
CREATE TABLE appointing_authorities (
	agency  TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id)
);

CREATE TABLE requests (
	id           INTEGER PRIMARY KEY,
	type         TEXT NOT NULL CHECK (type IN ('leave', 'fmla', 'sick-leave-sharing',
	               'sick-leave-donation', 'annual-leave-sharing', 'annual-leave-donation',
	               'grievance', 'outside-employment', 'board-appeal',
	               'confidentiality-agreement', 'tobacco-free')),
	owner_id     INTEGER NOT NULL REFERENCES users(id),
	-- From the form page: a resubmitted form finds its request again.
	idem_key     TEXT NOT NULL CHECK (length(idem_key) BETWEEN 16 AND 64),
	status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'pending', 'decided',
	               'approved', 'denied', 'withdrawn', 'closed', 'filed', 'acknowledged')),
	agency       TEXT NOT NULL,            -- the owner's agency when filed (HR filters)
	summary      TEXT NOT NULL DEFAULT '', -- dates/amount in a few words (lists, mail)
	assignee_id  INTEGER REFERENCES users(id), -- who must act now (pending)
	step         INTEGER NOT NULL DEFAULT 0,   -- approval step or grievance level, from 1
	step_kind    TEXT,                     -- supervisor, second_line, line, appointing_authority
	received_on  TEXT,                     -- date the current level received it
	due_on       TEXT,                     -- last day to act (grievances), inclusive
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	submitted_at TEXT,
	closed_at    TEXT,
	UNIQUE (owner_id, idem_key)
);
CREATE INDEX requests_owner ON requests(owner_id, status);
CREATE INDEX requests_assignee ON requests(assignee_id, status);
CREATE INDEX requests_due ON requests(status, due_on) WHERE due_on IS NOT NULL;
CREATE INDEX requests_filter ON requests(agency, type, status);

-- The answers, one row per field (names from the form definitions).
CREATE TABLE request_fields (
	request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	value      TEXT NOT NULL,
	PRIMARY KEY (request_id, name)
) WITHOUT ROWID;

-- Everyone who has been asked to act on a request: they keep seeing it.
CREATE TABLE request_parties (
	request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL REFERENCES users(id),
	PRIMARY KEY (request_id, user_id)
) WITHOUT ROWID;
CREATE INDEX request_parties_user ON request_parties(user_id);

-- The history: who did what, when. actor_id NULL is the portal itself
-- (a deadline passed).
CREATE TABLE request_events (
	id         INTEGER PRIMARY KEY,
	request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
	at         TEXT NOT NULL,
	actor_id   INTEGER REFERENCES users(id),
	action     TEXT NOT NULL CHECK (action IN ('created', 'submitted', 'approved', 'denied',
	             'decided', 'withdrawn', 'escalated', 'accepted', 'closed', 'filed',
	             'acknowledged', 'returned_to_work', 'transferred', 'restored')),
	step       INTEGER NOT NULL DEFAULT 0,
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request ON request_events(request_id, id);

-- Signatures typed by the signer (the name as typed, and when).
CREATE TABLE signatures (
	id         INTEGER PRIMARY KEY,
	request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL REFERENCES users(id),
	role       TEXT NOT NULL CHECK (role IN ('employee', 'approver')),
	typed_name TEXT NOT NULL,
	signed_at  TEXT NOT NULL
);
CREATE INDEX signatures_request ON signatures(request_id);

-- A request started from a wizard keeps the wizard's result as it was:
-- the answers, the outcome, the rule's reasons and citations (the rules
-- module's JSON answer), and the date.
CREATE TABLE wizard_results (
	request_id   INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
	wizard       TEXT NOT NULL,            -- fmla, leave-sharing
	evaluated_on TEXT NOT NULL,            -- YYYY-MM-DD
	answers      TEXT NOT NULL,            -- JSON object of the parameters
	result       TEXT NOT NULL,            -- JSON answer of the rules module
	eligible     INTEGER NOT NULL CHECK (eligible IN (0, 1)),
	figures      TEXT NOT NULL,            -- the answer's numbers in words
	reasons      TEXT NOT NULL,            -- one reason per line
	citations    TEXT NOT NULL             -- "cite<TAB>url" per line
);

-- Leave sharing: a recipient's application (one qualifying event) ...
CREATE TABLE leave_sharing (
	request_id       INTEGER PRIMARY KEY REFERENCES requests(id),
	program          TEXT NOT NULL CHECK (program IN ('sick', 'annual')),
	recipient_id     INTEGER NOT NULL REFERENCES users(id),
	week_hours       TEXT NOT NULL CHECK (week_hours IN ('37.5', '40')),
	requested_ch     INTEGER NOT NULL CHECK (requested_ch > 0),
	certified_ch     INTEGER,              -- set when approved: the most it may receive
	state            TEXT NOT NULL DEFAULT 'applied' CHECK (state IN ('applied', 'open', 'closed')),
	used_ch          INTEGER,              -- donated hours used, when back at work
	returned_on      TEXT
);
CREATE INDEX leave_sharing_recipient ON leave_sharing(recipient_id, program, state);

-- ... and the donations to it, in the order the forms were received.
CREATE TABLE leave_donations (
	request_id     INTEGER PRIMARY KEY REFERENCES requests(id),
	application_id INTEGER NOT NULL REFERENCES leave_sharing(request_id),
	donor_id       INTEGER NOT NULL REFERENCES users(id),
	hours_ch       INTEGER NOT NULL CHECK (hours_ch > 0),
	received_seq   INTEGER,                -- order of receipt (set on submission)
	received_at    TEXT,
	transferred_ch INTEGER,                -- set once processed (0: not needed)
	restored_ch    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX leave_donations_application ON leave_donations(application_id, received_seq);

-- Hours move only as ledger rows: a transfer debits the donor and credits
-- the recipient; a restoration does the reverse. Balances are sums.
CREATE TABLE leave_ledger (
	id             INTEGER PRIMARY KEY,
	application_id INTEGER NOT NULL REFERENCES leave_sharing(request_id),
	donation_id    INTEGER NOT NULL REFERENCES leave_donations(request_id),
	user_id        INTEGER NOT NULL REFERENCES users(id),
	program        TEXT NOT NULL CHECK (program IN ('sick', 'annual')),
	entry          TEXT NOT NULL CHECK (entry IN ('transfer', 'restore')),
	hours_ch       INTEGER NOT NULL CHECK (hours_ch <> 0), -- + credit, - debit
	at             TEXT NOT NULL,
	actor_id       INTEGER REFERENCES users(id)
);
CREATE INDEX leave_ledger_application ON leave_ledger(application_id, id);
CREATE INDEX leave_ledger_user ON leave_ledger(user_id, program);
CREATE INDEX leave_ledger_donation ON leave_ledger(donation_id);
