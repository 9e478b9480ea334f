-- Search: one full-text index over everything a reader looks things up in:
-- the sections of every document and the glossary terms with their
-- definitions.
--
-- search_docs holds one row per indexed version (of a section or of a
-- glossary term) with the text that is indexed and the dates between which
-- that version is the current one, so a search "as of today" filters with
-- two column comparisons and a future-dated version takes effect without a
-- rebuild. Two FTS5 indexes are built over it (external content):
--   search_fts    porter-stemmed words: what queries match and rank;
--   search_words  the words as written: the vocabulary (search_vocab) from
--                 which prefixes are completed and typos corrected.
-- FTS5 tables cannot be written from triggers here (trusted_schema is off),
-- so src/search_index.c keeps both in step with search_docs; content writers
-- call search_reindex_section() / search_reindex_term() in their
-- transaction. The SELECTs below populate an existing database and must
-- produce the same rows as search_index.c (tests/check_search.c checks).

CREATE TABLE search_docs (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('section', 'glossary')),
	owner_id   INTEGER NOT NULL,   -- sections.id or glossary_terms.id
	version_id INTEGER NOT NULL,   -- section_versions.id or glossary_versions.id
	weight     REAL NOT NULL,      -- rank multiplier: 1 current, less for historical/reference documents
	valid_from TEXT NOT NULL,      -- this version is current from this date ...
	valid_to   TEXT NOT NULL,      -- ... until the day before this one ('9999-12-31': open)
	title      TEXT NOT NULL,
	body       TEXT NOT NULL,
	UNIQUE (kind, version_id)
);
CREATE INDEX search_docs_owner ON search_docs(kind, owner_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, content = 'search_docs', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_words USING fts5(
	title, body, content = 'search_docs', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2', detail = 'none');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_words, 'row');

INSERT INTO search_docs(kind, owner_id, version_id, weight, valid_from, valid_to, title, body)
SELECT 'section', v.section_id, v.id,
	CASE d.status WHEN 'current' THEN 1.0 WHEN 'reference' THEN 0.6 ELSE 0.5 END,
	v.effective_date,
	COALESCE((SELECT min(w.effective_date) FROM section_versions w WHERE w.section_id = v.section_id
		  AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'),
	replace(replace(v.title, char(1), ' '), char(2), ' '),
	replace(replace(v.body_text, char(1), ' '), char(2), ' ')
FROM section_versions v JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id
WHERE s.retired = 0 AND s.kind = 'section'
ORDER BY v.section_id, v.id;

INSERT INTO search_docs(kind, owner_id, version_id, weight, valid_from, valid_to, title, body)
SELECT 'glossary', v.term_id, v.id, 1.0, v.effective_date,
	COALESCE((SELECT min(w.effective_date) FROM glossary_versions w WHERE w.term_id = v.term_id
		  AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'),
	replace(replace(v.term, char(1), ' '), char(2), ' '),
	replace(replace(v.definition_text, char(1), ' '), char(2), ' ')
FROM glossary_versions v JOIN glossary_terms t ON t.id = v.term_id
WHERE t.retired = 0
ORDER BY v.term_id, v.id;

INSERT INTO search_fts(search_fts) VALUES ('rebuild');
INSERT INTO search_words(search_words) VALUES ('rebuild');
