/* import: store the source documents in the database.
 *
 * Each document is parsed (corpus_parse_*) and written as version 1 of its
 * sections and glossary terms, with their rendered HTML, plain text and
 * citations. Importing is deterministic and idempotent: a record is only
 * written when it differs from what is stored, so importing the same corpus
 * twice leaves the database exactly as it was; versions that HR published
 * later are never touched. Everything runs in one transaction. */
#ifndef HR_IMPORT_H
#define HR_IMPORT_H

#include <ClearSilver.h>

#include "corpus/corpus.h"
#include "store/db.h"

struct import_stats {
	int documents;
	int sections;         /* sections, groups and parts seen */
	int sections_written; /* new or changed */
	int citations;
	int terms;
	int terms_written;
};

/* Store one parsed document (inside the caller's transaction). */
NEOERR *import_document(struct db *db, const struct corpus_document *doc, int sort, struct import_stats *stats);

/* Read, parse and store the three source documents found in corpus_dir
 * (employee-handbook.txt, orientation-manual.txt, hr-training-page.txt). */
NEOERR *import_corpus_dir(struct db *db, const char *corpus_dir, struct import_stats *stats);

/* Load the search thesaurus (db/search-thesaurus.tsv) into search_thesaurus,
 * in its own transaction: each line "everyday words<TAB>handbook words;
 * more handbook words", '#' starts a comment line. A malformed line or a
 * repeated entry fails with its line number and changes nothing; an
 * unchanged file writes nothing. *entries: the entries in the file. */
NEOERR *import_thesaurus_file(struct db *db, const char *path, int *entries);

/* Read a whole file into memory (newly allocated, NUL-terminated). */
NEOERR *import_read_file(const char *path, char **data, size_t *len);

#endif
