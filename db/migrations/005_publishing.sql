-- Publishing: HR edits the content in the portal. Drafts of sections and
-- glossary terms (one per editor and item), the audit log of every admin
-- action (append-only), announcement templates and announcements (the
-- What's new page, its Atom feed and email), employees' subscriptions to
-- parts of the handbook, and acknowledgement campaigns.
--
-- Published text itself lives where it always did: a new row of
-- section_versions / glossary_versions (version = max + 1) with its
-- citations. Times are ISO 8601 UTC; dates YYYY-MM-DD in Eastern time.

-- Once HR moves or creates a section in a document, its order and nesting
-- are HR's: the importer no longer resets parent and sort there.
ALTER TABLE documents ADD COLUMN hr_structure INTEGER NOT NULL DEFAULT 0 CHECK (hr_structure IN (0, 1));

-- A draft is one editor's unpublished text of one section or term. It
-- remembers the newest published version it started from (base_version) so
-- that publishing over someone else's newer version is refused, and the
-- save counter (meta 'publishing.draft_seq') at its last save, so that an
-- editor who has not seen another's newer draft is told before saving.
CREATE TABLE drafts (
	id             INTEGER PRIMARY KEY,
	kind           TEXT NOT NULL CHECK (kind IN ('section', 'term')),
	owner_id       INTEGER NOT NULL,    -- sections.id or glossary_terms.id
	user_id        INTEGER NOT NULL REFERENCES users(id),
	base_version   INTEGER NOT NULL CHECK (base_version >= 0),  -- 0: nothing published yet
	title          TEXT NOT NULL,
	body_md        TEXT NOT NULL,
	citations      TEXT NOT NULL DEFAULT '',   -- one legal reference per line, as typed
	summary        TEXT NOT NULL DEFAULT '',
	effective_date TEXT NOT NULL DEFAULT '',
	material       INTEGER NOT NULL DEFAULT 0 CHECK (material IN (0, 1)),
	seq            INTEGER NOT NULL,
	updated_at     TEXT NOT NULL,
	UNIQUE (kind, owner_id, user_id)
);
INSERT INTO meta(key, value) VALUES ('publishing.draft_seq', '0');

-- Who did what, when, from where. Nothing in the portal updates or deletes
-- a row, and the triggers refuse anyone who tries.
CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	user_id     INTEGER REFERENCES users(id),
	login       TEXT NOT NULL,
	remote_addr TEXT NOT NULL,
	action      TEXT NOT NULL,          -- e.g. section.publish, template.add
	target      TEXT NOT NULL,          -- what it was done to (a path or a name)
	detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Announcement templates: ClearSilver text (checked against an allow-list
-- of commands when saved, rendered with HTML escaping, its output read as
-- Markdown in safe mode). fields: one "name|Label|text" or
-- "name|Label|textarea" per line; the template reads Field.<name>.
CREATE TABLE announcement_templates (
	id          INTEGER PRIMARY KEY,
	slug        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT NOT NULL,
	fields      TEXT NOT NULL,
	body_cs     TEXT NOT NULL,
	created_by  TEXT NOT NULL,
	created_at  TEXT NOT NULL
);

INSERT INTO announcement_templates(slug, name, description, fields, body_cs, created_by, created_at) VALUES
('policy-change', 'Policy change',
 'A section of the handbook changed: what changed, from when, and what employees need to do.',
 'what_changed|What changed|textarea
action|What employees need to do|textarea',
 '<?cs if:Section.Title ?>The **<?cs var:Section.Title ?>** section of the <?cs var:Section.Document ?> changes<?cs if:Section.EffectiveDate ?> on <?cs var:Section.EffectiveDate ?><?cs /if ?>.<?cs /if ?>

<?cs var:Field.what_changed ?>

<?cs if:Field.action ?>**What you need to do:** <?cs var:Field.action ?><?cs /if ?>

<?cs if:Section.Url ?>[Read the section](<?cs var:Section.Url ?>)<?cs /if ?>
', 'portal', '2027-01-01T00:00:00Z'),
('new-form', 'New form',
 'A form is new or changed in the portal.',
 'form_title|Form|text
purpose|What it is for|textarea
link|Where to find it (a portal address such as /forms/tobacco-free/new)|text',
 'A new form is available in the HR portal: **<?cs var:Field.form_title ?>**.

<?cs var:Field.purpose ?>

<?cs if:Field.link ?>[Open the form](<?cs var:Site.BaseUrl ?><?cs var:Field.link ?>)<?cs /if ?>
', 'portal', '2027-01-01T00:00:00Z'),
('reminder', 'Reminder',
 'A reminder of something employees must do by a date.',
 'what|What to do|textarea
deadline|By when|text',
 'Reminder: <?cs var:Field.what ?>

<?cs if:Field.deadline ?>Please do this by **<?cs var:Field.deadline ?>**.<?cs /if ?>

<?cs if:Section.Url ?>[Read the policy](<?cs var:Section.Url ?>)<?cs /if ?>
', 'portal', '2027-01-01T00:00:00Z');

-- Published announcements: the What's new page and the feed read these.
CREATE TABLE announcements (
	id              INTEGER PRIMARY KEY,
	template_id     INTEGER NOT NULL REFERENCES announcement_templates(id),
	title           TEXT NOT NULL,
	section_id      INTEGER REFERENCES sections(id),  -- what it is about, if a section
	section_version INTEGER,
	body_md         TEXT NOT NULL,      -- the template's output
	body_html       TEXT NOT NULL,      -- rendered by cmark-gfm in safe mode
	body_text       TEXT NOT NULL,
	audience        TEXT NOT NULL CHECK (audience IN ('subscribers', 'agencies', 'none')),
	recipients      INTEGER NOT NULL DEFAULT 0,
	published_at    TEXT NOT NULL,
	published_by    TEXT NOT NULL
);
CREATE INDEX announcements_published ON announcements(published_at, id);

CREATE TABLE announcement_fields (
	announcement_id INTEGER NOT NULL REFERENCES announcements(id),
	name            TEXT NOT NULL,
	value           TEXT NOT NULL,
	PRIMARY KEY (announcement_id, name)
) WITHOUT ROWID;

CREATE TABLE announcement_agencies (
	announcement_id INTEGER NOT NULL REFERENCES announcements(id),
	agency          TEXT NOT NULL,
	PRIMARY KEY (announcement_id, agency)
) WITHOUT ROWID;

-- An employee follows a part of a document (a top-level entry of its
-- table of contents): announcements about any section in it reach them.
CREATE TABLE subscriptions (
	user_id    INTEGER NOT NULL REFERENCES users(id),
	section_id INTEGER NOT NULL REFERENCES sections(id),
	created_at TEXT NOT NULL,
	PRIMARY KEY (user_id, section_id)
) WITHOUT ROWID;
CREATE INDEX subscriptions_section ON subscriptions(section_id);

-- Acknowledgement campaigns: employees (all, or those of some agencies)
-- must acknowledge a section at version >= version by due_on. A material
-- change raises version, which re-opens everyone's acknowledgement.
CREATE TABLE ack_campaigns (
	id           INTEGER PRIMARY KEY,
	section_id   INTEGER NOT NULL REFERENCES sections(id),
	version      INTEGER NOT NULL CHECK (version >= 1),
	title        TEXT NOT NULL,
	due_on       TEXT NOT NULL,
	all_agencies INTEGER NOT NULL CHECK (all_agencies IN (0, 1)),
	created_at   TEXT NOT NULL,
	created_by   TEXT NOT NULL,
	reopened_at  TEXT                   -- the last material change
);
CREATE INDEX ack_campaigns_section ON ack_campaigns(section_id);

CREATE TABLE ack_campaign_agencies (
	campaign_id INTEGER NOT NULL REFERENCES ack_campaigns(id),
	agency      TEXT NOT NULL,
	PRIMARY KEY (campaign_id, agency)
) WITHOUT ROWID;

-- The typed name and the time, as the forms' signatures.
CREATE TABLE acknowledgements (
	id          INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES ack_campaigns(id),
	user_id     INTEGER NOT NULL REFERENCES users(id),
	version     INTEGER NOT NULL,
	typed_name  TEXT NOT NULL,
	signed_at   TEXT NOT NULL,
	UNIQUE (campaign_id, user_id, version)
);
CREATE INDEX acknowledgements_user ON acknowledgements(user_id);
