-- Search: one full-text index over everything a reader looks things up in:
-- the sections of every document and the glossary terms with their
-- definitions.
--
-- search_docs holds one row per indexed version (of a section or of a
-- glossary term) with the text that is indexed, the dates between which
-- that version is the current one (so a search "as of today" is a comparison
-- and a future-dated version takes effect without a rebuild), its rank
-- weight and its size (for length normalisation; ranking reads these four
-- from the covering index search_docs_rank, never the text). Two FTS5
-- indexes are built over it (external content):
--   search_fts    porter-stemmed words: what queries match and rank;
--   search_words  the words as written, whose fts5vocab table search_vocab
--                 is the vocabulary from which prefixes are completed and
--                 typos corrected. Reading all of search_vocab means reading
--                 the whole index, so its words and counts are kept in
--                 search_vocabulary, refreshed by the writer after a change.
-- meta 'search.version' counts changes to the index (readers' caches follow
-- it); 'search.vocabulary' is the version search_vocabulary was built at.
--
-- FTS5 tables cannot be written from triggers here (trusted_schema is off),
-- so src/search_index.c keeps everything in step; content writers call
-- search_reindex_section() / search_reindex_term() and search_index_flush()
-- in their transaction. The SELECTs below populate an existing database and
-- must produce the same rows as search_index.c (tests/check_search.c checks).

CREATE TABLE search_docs (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('section', 'glossary')),
	owner_id   INTEGER NOT NULL,   -- sections.id or glossary_terms.id
	version_id INTEGER NOT NULL,   -- section_versions.id or glossary_versions.id
	weight     REAL NOT NULL,      -- rank multiplier: 1 current, less for historical/reference documents
	valid_from TEXT NOT NULL,      -- this version is current from this date ...
	valid_to   TEXT NOT NULL,      -- ... until the day before this one ('9999-12-31': open)
	size       INTEGER NOT NULL,   -- bytes of title and body
	title      TEXT NOT NULL,
	body       TEXT NOT NULL,
	UNIQUE (kind, version_id)
);
CREATE INDEX search_docs_owner ON search_docs(kind, owner_id);
CREATE INDEX search_docs_rank ON search_docs(weight, valid_from, valid_to, size);

CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, content = 'search_docs', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_words USING fts5(
	title, body, content = 'search_docs', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2', detail = 'none');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_words, 'row');

CREATE TABLE search_vocabulary (
	term TEXT PRIMARY KEY,
	docs INTEGER NOT NULL          -- rows that have the word
) WITHOUT ROWID;

INSERT INTO search_docs(kind, owner_id, version_id, weight, valid_from, valid_to, size, title, body)
SELECT kind, owner_id, version_id, weight, valid_from, valid_to,
	length(CAST(title AS BLOB)) + length(CAST(body AS BLOB)), title, body
FROM (
	SELECT 'section' AS kind, v.section_id AS owner_id, v.id AS version_id,
		CASE d.status WHEN 'current' THEN 1.0 WHEN 'reference' THEN 0.6 ELSE 0.5 END AS weight,
		v.effective_date AS valid_from,
		COALESCE((SELECT min(w.effective_date) FROM section_versions w WHERE w.section_id = v.section_id
			  AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31') AS valid_to,
		replace(replace(v.title, char(1), ' '), char(2), ' ') AS title,
		replace(replace(v.body_text, char(1), ' '), char(2), ' ') AS body
	FROM section_versions v JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id
	WHERE s.retired = 0 AND s.kind = 'section'
	UNION ALL
	SELECT 'glossary', v.term_id, v.id, 1.0, v.effective_date,
		COALESCE((SELECT min(w.effective_date) FROM glossary_versions w WHERE w.term_id = v.term_id
			  AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'),
		replace(replace(v.term, char(1), ' '), char(2), ' '),
		replace(replace(v.definition_text, char(1), ' '), char(2), ' ')
	FROM glossary_versions v JOIN glossary_terms t ON t.id = v.term_id
	WHERE t.retired = 0
)
ORDER BY kind DESC, owner_id, version_id;

INSERT INTO search_fts(search_fts) VALUES ('rebuild');
INSERT INTO search_words(search_words) VALUES ('rebuild');
INSERT INTO search_vocabulary(term, docs) SELECT term, doc FROM search_vocab;
INSERT OR REPLACE INTO meta(key, value) VALUES ('search.version', '1'), ('search.vocabulary', '1');
