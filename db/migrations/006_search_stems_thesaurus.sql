-- Search in employees' own words (issue 12).
--
-- search_fts is rebuilt with the "hrstem" tokenizer (src/stem_tokenizer.c:
-- unicode61 with Snowball English stems, numbers exact), registered by
-- db_open() on every connection. Same columns and content as before.
--
-- search_thesaurus maps everyday words to the handbook's words ("vacation"
-- -> "annual leave"). HR keeps it in db/search-thesaurus.tsv, versioned with
-- the content and loaded by hrportal-import, which replaces the table's
-- rows; queries add the handbook's words of every entry whose words they
-- contain and say so ("also searched: annual leave").
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, content = 'search_docs', content_rowid = 'id',
	tokenize = 'hrstem remove_diacritics 2');
INSERT INTO search_fts(search_fts) VALUES ('rebuild');

CREATE TABLE search_thesaurus (
	words    TEXT PRIMARY KEY,     -- everyday words, lowercase, one space apart ("doctor's note" -> "doctor s note")
	searched TEXT NOT NULL         -- the handbook's words searched too, '; ' between phrases
) WITHOUT ROWID;

-- Readers' caches reload.
UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key IN ('search.version', 'search.vocabulary');
