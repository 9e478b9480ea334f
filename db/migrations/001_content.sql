-- Content: the documents the portal serves, their sections in document
-- order, every published version of each section (the importer writes
-- version 1; HR publishing adds more), the legal references each version
-- cites (one row per citation), and the glossary with its versions.
-- A section's current text is its newest version whose effective date has
-- arrived, so "the handbook as of a date" is the same query with that date.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	slug        TEXT NOT NULL UNIQUE,
	title       TEXT NOT NULL,
	description TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('current', 'historical', 'reference')),
	revised     TEXT NOT NULL,         -- as the document prints it
	source_file TEXT NOT NULL,
	intro_md    TEXT NOT NULL,         -- front matter shown on the document's page
	intro_html  TEXT NOT NULL,
	sort        INTEGER NOT NULL UNIQUE
);

CREATE TABLE sections (
	id          INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents(id),
	parent_id   INTEGER REFERENCES sections(id),
	kind        TEXT NOT NULL CHECK (kind IN ('part', 'group', 'section')),
	slug        TEXT NOT NULL,
	sort        INTEGER NOT NULL,      -- document order
	toc_title   TEXT NOT NULL,         -- as the table of contents prints it
	toc_page    INTEGER,               -- printed page number, if any
	retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
	UNIQUE (document_id, slug)
);
CREATE INDEX sections_order ON sections(document_id, sort);
CREATE INDEX sections_parent ON sections(parent_id, sort);

CREATE TABLE section_versions (
	id             INTEGER PRIMARY KEY,
	section_id     INTEGER NOT NULL REFERENCES sections(id),
	version        INTEGER NOT NULL CHECK (version >= 1),
	title          TEXT NOT NULL,
	body_md        TEXT NOT NULL,      -- the source, CommonMark + GFM tables
	body_html      TEXT NOT NULL,      -- rendered by cmark-gfm in safe mode
	body_text      TEXT NOT NULL,      -- plain text, for search and snippets
	effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	published_at   TEXT NOT NULL,
	published_by   TEXT NOT NULL,
	summary        TEXT NOT NULL,
	UNIQUE (section_id, version)
);
CREATE INDEX section_versions_current ON section_versions(section_id, effective_date, version);

CREATE TABLE citations (
	id                 INTEGER PRIMARY KEY,
	section_version_id INTEGER NOT NULL REFERENCES section_versions(id) ON DELETE CASCADE,
	ord                INTEGER NOT NULL,
	cite               TEXT NOT NULL,  -- normalized: "101 KAR 2:102, Section 3"
	code               TEXT NOT NULL CHECK (code IN ('KRS', 'KAR', 'USC', 'CFR', 'EO')),
	title              TEXT NOT NULL,  -- KAR title (101), USC title (41); '' otherwise
	chapter            TEXT NOT NULL,  -- KRS 18A, KAR 2, EO 2014
	number             TEXT NOT NULL,  -- KRS .095, KAR :102, USC 8103; '' for a chapter
	subsection         TEXT NOT NULL,  -- "Section 3", "(5)"; '' if none
	raw                TEXT NOT NULL,  -- as printed
	UNIQUE (section_version_id, cite)
);
CREATE INDEX citations_cite ON citations(cite);
CREATE INDEX citations_code ON citations(code, title, chapter, number);

CREATE TABLE glossary_terms (
	id      INTEGER PRIMARY KEY,
	slug    TEXT NOT NULL UNIQUE,
	sort    INTEGER NOT NULL,
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);

CREATE TABLE glossary_versions (
	id              INTEGER PRIMARY KEY,
	term_id         INTEGER NOT NULL REFERENCES glossary_terms(id),
	version         INTEGER NOT NULL CHECK (version >= 1),
	term            TEXT NOT NULL,
	definition_md   TEXT NOT NULL,
	definition_html TEXT NOT NULL,
	definition_text TEXT NOT NULL,
	effective_date  TEXT NOT NULL,
	published_at    TEXT NOT NULL,
	published_by    TEXT NOT NULL,
	summary         TEXT NOT NULL,
	UNIQUE (term_id, version)
);
CREATE INDEX glossary_versions_current ON glossary_versions(term_id, effective_date, version);
