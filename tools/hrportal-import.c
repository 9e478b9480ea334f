/* hrportal-import: create or update the portal's database from the source
 * documents. Deterministic and idempotent: importing the same corpus again
 * changes nothing.
 *
 *   hrportal-import [--db PATH] [--corpus DIR] [--thesaurus FILE]
 *
 * The search thesaurus is read from FILE, by default search-thesaurus.tsv
 * beside the corpus directory (db/ in the source tree, the package's data
 * directory when installed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "core/errors.h"
#include "corpus/import.h"
#include "core/log.h"
#include "core/settings.h"

#ifndef HR_CORPUS_DIR
#define HR_CORPUS_DIR "db/corpus"
#endif

static void usage(void)
{
	fputs("usage: hrportal-import [--db PATH] [--corpus DIR] [--thesaurus FILE]\n", stderr);
}

int main(int argc, char **argv)
{
	struct settings settings;
	const char *db_path, *corpus = getenv("HRPORTAL_CORPUS"), *thesaurus = NULL;
	char beside[4096];
	int entries = 0;
	struct db *db = NULL;
	struct import_stats stats;
	NEOERR *err;

	settings_private_files();
	log_set_program("hrportal-import");
	settings_load(&settings);
	db_path = settings.db_path;
	if (corpus == NULL || *corpus == '\0')
		corpus = HR_CORPUS_DIR;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db_path = argv[++i];
		} else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc) {
			corpus = argv[++i];
		} else if (strcmp(argv[i], "--thesaurus") == 0 && i + 1 < argc) {
			thesaurus = argv[++i];
		} else {
			usage();
			return 2;
		}
	}
	if (thesaurus == NULL) {
		/* The corpus directory's parent, trailing slashes aside. */
		size_t len = strlen(corpus);

		while (len > 1 && corpus[len - 1] == '/')
			len--;
		while (len > 0 && corpus[len - 1] != '/')
			len--;
		snprintf(beside, sizeof beside, "%.*ssearch-thesaurus.tsv", (int)len, corpus);
		thesaurus = beside;
	}
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(db_path, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK)
		err = import_corpus_dir(db, corpus, &stats);
	if (err == STATUS_OK)
		err = import_thesaurus_file(db, thesaurus, &entries);
	db_close(&db);
	if (err != STATUS_OK) {
		log_neoerr(&err, "import failed");
		return 1;
	}
	printf("imported %d documents: %d sections (%d written), %d citations, %d glossary terms (%d written), "
	       "%d thesaurus entries into %s\n",
	       stats.documents, stats.sections, stats.sections_written, stats.citations, stats.terms,
	       stats.terms_written, entries, db_path);
	return 0;
}
