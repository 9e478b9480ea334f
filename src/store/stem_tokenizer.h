/* stem_tokenizer: the FTS5 tokenizer "hrstem" that the search index uses.
 *
 * It is unicode61 (its arguments are passed on: tokenize = 'hrstem
 * remove_diacritics 2') with every word reduced to its English Snowball stem
 * (libstemmer's "english", Porter's second algorithm), so that "disciplined",
 * "disciplines" and "discipline" meet and "harassed" meets "harassment".
 * Tokens with a digit ("18a", "095", "2024") are left exact, so citations
 * and numbers only ever match themselves. Built without libstemmer, "hrstem"
 * is FTS5's own porter tokenizer over unicode61: the same schema, older
 * stems.
 *
 * The tokenizer has to exist on every connection that reads or writes the
 * index; db_open() registers it. */
#ifndef HR_STEM_TOKENIZER_H
#define HR_STEM_TOKENIZER_H

#include <sqlite3.h>

/* Register "hrstem" on a connection: SQLITE_OK or an SQLite error code. */
int stem_tokenizer_register(sqlite3 *handle);

/* Which stemmer "hrstem" uses: "snowball-english" or "porter". */
const char *stem_tokenizer_algorithm(void);

#endif
