/* search_fts5: the search index in SQLite FTS5 (see search_backend.h and
 * db/migrations/003_search.sql): its reads and writes. Its ranking
 * function is search_fts5_rank.c.
 *
 * search_docs holds one row per indexed version, with two external-content
 * FTS5 tables over it: search_fts (stemmed words, what queries match and
 * rank) and search_words (the words as written, whose fts5vocab table
 * search_vocab is the vocabulary; reading it reads the whole index, so the
 * writer keeps a copy in search_vocabulary). */
#include "store/search_fts5.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX 48 /* bytes of a word the stemmer gives back (SEARCH_MAX_WORD) */

static int date_number(const char *d)
{
	int y = 0, m = 0, day = 0;

	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3)
		return 0;
	return y * 10000 + m * 100 + day;
}

int store_search_current(const struct store_search *s, int64_t id, int as_of)
{
	const struct rowinfo *r = row_info(s, id);

	return r != NULL && r->from <= as_of && as_of < r->to;
}

/* --- The index's state, and reading it as one -------------------------- */

NEOERR *store_search_version(struct db *db, int64_t *version, int *vocabulary_current)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT CAST(value AS INTEGER), value IS (SELECT value FROM meta WHERE "
			      "key = 'search.vocabulary') FROM meta WHERE key = 'search.version'",
			      &st);

	*version = 0;
	*vocabulary_current = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*version = db_int64(st, 0);
		*vocabulary_current = db_int(st, 1);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_read(struct db *db, db_tx_fn fn, void *ctx)
{
	NEOERR *err;

	if (db_in_transaction(db))
		return nerr_pass(fn(db, ctx));
	/* A deferred transaction: a reader takes no write lock. */
	err = db_exec(db, "BEGIN");
	if (err == STATUS_OK)
		err = fn(db, ctx);
	if (err == STATUS_OK)
		err = db_exec(db, "COMMIT");
	if (err != STATUS_OK)
		db_rollback(db);
	return nerr_pass(err);
}

static NEOERR *load_rows(struct db *db, struct store_search *s)
{
	struct db_stmt *st;
	int64_t lo = 0, hi = -1;
	double total = 0;
	size_t n = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT min(id), max(id) FROM search_docs", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_step(db, st, &row);
	if (err == STATUS_OK && row && !db_is_null(st, 0)) {
		lo = db_int64(st, 0);
		hi = db_int64(st, 1);
	}
	db_done(st);
	if (err != STATUS_OK || hi < lo)
		return nerr_pass(err);
	s->base = lo;
	s->nrows = (size_t)(hi - lo + 1);
	s->rows = malloc(s->nrows * sizeof *s->rows);
	if (s->rows == NULL)
		return nerr_raise(NERR_NOMEM, "search rows");
	for (size_t i = 0; i < s->nrows; i++)
		s->rows[i].size = -1;
	/* Read from the covering index search_docs_rank, not the text. */
	err = db_stmt(db, "SELECT id, weight, valid_from, valid_to, size FROM search_docs INDEXED BY search_docs_rank",
		      &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		int64_t id = db_int64(st, 0);
		struct rowinfo *r;

		if (id < lo || id > hi)
			continue;
		r = &s->rows[id - lo];
		r->weight = (float)db_double(st, 1);
		r->from = date_number(db_text(st, 2));
		r->to = date_number(db_text(st, 3));
		r->size = db_int(st, 4);
		total += r->size;
		n++;
	}
	db_done(st);
	s->avgsize = n ? total / (double)n : 1;
	if (s->avgsize <= 0)
		s->avgsize = 1;
	return nerr_pass(err);
}

/* --- Opening: the rows in memory, the ranking function, the stemmer -------- */

/* Register search_rank on the connection, and create the index's tokenizer
 * for s, to stem words as the index does. */
static NEOERR *register_rank(struct db *db, struct store_search *s)
{
	sqlite3_stmt *st;
	fts5_api *api = NULL;
	NEOERR *err;
	int rc = sqlite3_prepare_v2(db_sqlite_handle(db), "SELECT fts5(?1)", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (api == NULL || api->iVersion < 2)
		return nerr_raise(NERR_DB, "FTS5 is not available");
	err = search_rank_register(db, api);
	if (err != STATUS_OK)
		return nerr_pass(err);
	{
		/* The same tokenizer as search_fts, to stem words for highlighting. */
		static const char *const args[] = { "remove_diacritics", "2" };
		void *user = NULL;

		rc = api->xFindTokenizer(api, "hrstem", &user, &s->stemmer_api);
		if (rc == SQLITE_OK)
			rc = s->stemmer_api.xCreate(user, (const char **)args, 2, &s->stemmer);
		if (rc != SQLITE_OK)
			return db_error(db, rc, "creating the hrstem tokenizer");
	}
	return STATUS_OK;
}

NEOERR *store_search_open(struct db *db, struct store_search **out)
{
	struct store_search *s = calloc(1, sizeof *s);
	NEOERR *err;

	*out = NULL;
	if (s == NULL)
		return nerr_raise(NERR_NOMEM, "search state");
	s->avgsize = 1;
	err = load_rows(db, s);
	if (err == STATUS_OK)
		err = register_rank(db, s);
	if (err != STATUS_OK) {
		store_search_close(&s);
		return nerr_pass(err);
	}
	*out = s;
	return STATUS_OK;
}

void store_search_close(struct store_search **s)
{
	if (*s == NULL)
		return;
	search_rank_release(*s);
	if ((*s)->stemmer != NULL)
		(*s)->stemmer_api.xDelete((*s)->stemmer);
	free((*s)->rows);
	free(*s);
	*s = NULL;
}

struct first_token {
	char *out;
	size_t size;
};

static int stem_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct first_token *t = ctx;

	(void)flags;
	(void)start;
	(void)end;
	if (t->out[0] == '\0' && n > 0 && n <= WORD_MAX && (size_t)n < t->size) {
		memcpy(t->out, token, (size_t)n);
		t->out[n] = '\0';
	}
	return SQLITE_OK;
}

void store_search_stem(const struct store_search *s, const char *word, size_t len, char *out, size_t size)
{
	struct first_token t = { out, size };

	out[0] = '\0';
	if (s != NULL && s->stemmer != NULL)
		s->stemmer_api.xTokenize(s->stemmer, &t, FTS5_TOKENIZE_DOCUMENT, word, (int)len, stem_token);
}

struct stems {
	char *out;
	size_t size, len;
	int n, max;
};

static int stems_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct stems *s = ctx;

	(void)flags;
	(void)start;
	(void)end;
	if (s->n >= s->max || n <= 0 || s->len + (size_t)n + 2 > s->size)
		return SQLITE_OK;
	if (s->n++)
		s->out[s->len++] = ' ';
	memcpy(s->out + s->len, token, (size_t)n);
	s->len += (size_t)n;
	s->out[s->len] = '\0';
	return SQLITE_OK;
}

int store_search_stem_words(const struct store_search *s, const char *text, char *out, size_t size, int max)
{
	struct stems st = { out, size, 0, 0, max };

	out[0] = '\0';
	if (s != NULL && s->stemmer != NULL)
		s->stemmer_api.xTokenize(s->stemmer, &st, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), stems_token);
	return st.n;
}

/* --- Queries ------------------------------------------------------------- */

NEOERR *store_search_vocabulary(struct db *db, int stored, NEOERR *(*each)(void *ctx, const char *word, int docs),
				void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	/* The stored copy, unless a writer has not refreshed it yet. */
	NEOERR *err = db_stmt(
		db, stored ? "SELECT term, docs FROM search_vocabulary" : "SELECT term, doc FROM search_vocab", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row &&
	       (err = each(ctx, db_text(st, 0), db_int(st, 1))) == STATUS_OK)
		;
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_thesaurus(struct db *db, NEOERR *(*each)(void *ctx, const char *words, const char *searched),
			       void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT words, searched FROM search_thesaurus", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row &&
	       (err = each(ctx, db_text(st, 0), db_text(st, 1))) == STATUS_OK)
		;
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_ranked(struct db *db, struct store_search *s, const char *expr, const char *plan, int as_of,
			    NEOERR *(*each)(void *ctx, int64_t id, double score), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT rowid, search_rank(search_fts, ?2, ?3) FROM search_fts "
			      "WHERE search_fts MATCH ?1",
			      &st);

	search_rank_use(s);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(expr), DB_INT(as_of), DB_TEXT(plan));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		if (!db_is_null(st, 1)) /* NULL: not current on that date */
			err = each(ctx, db_int64(st, 0), db_double(st, 1));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_count(struct db *db, const char *expr, int64_t *count)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1", &st);

	*count = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(expr));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*count = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_count_current(struct db *db, const struct store_search *s, const char *expr, int as_of, int limit,
				   int *count)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1", &st);

	*count = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(expr));
	while (err == STATUS_OK && *count < limit && (err = db_step(db, st, &row)) == STATUS_OK && row)
		*count += store_search_current(s, db_int64(st, 0), as_of);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_row_matches(struct db *db, const char *expr, int64_t id, int *yes)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 AND rowid = ?2", &st);

	*yes = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(expr), DB_INT(id));
	if (err == STATUS_OK)
		err = db_step(db, st, yes);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_doc(struct db *db, int64_t id, NEOERR *(*fn)(void *ctx, const struct store_search_doc *d),
			 void *ctx, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT d.kind, d.title, doc.slug, s.slug, doc.title, doc.status, t.slug, d.body FROM search_docs d "
		"LEFT JOIN sections s ON d.kind = 'section' AND s.id = d.owner_id "
		"LEFT JOIN documents doc ON doc.id = s.document_id "
		"LEFT JOIN glossary_terms t ON d.kind = 'glossary' AND t.id = d.owner_id WHERE d.id = ?1",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_search_doc d = {
			.glossary = strcmp(db_text(st, 0), "glossary") == 0,
			.title = db_text(st, 1),
			.document_slug = db_text(st, 2),
			.section_slug = db_text(st, 3),
			.document_title = db_text(st, 4),
			.document_status = db_text(st, 5),
			.term_slug = db_text(st, 6),
			.body = db_text(st, 7),
		};

		*found = 1;
		err = fn(ctx, &d);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_citing(struct db *db, const struct store_search_cite *c, const char *as_of,
			    NEOERR *(*each)(void *ctx, int64_t id, const char *cites), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT d.id, group_concat(c.cite, '; ') FROM citations c "
		"JOIN search_docs d ON d.kind = 'section' AND d.version_id = c.section_version_id "
		"JOIN sections s ON s.id = d.owner_id JOIN documents doc ON doc.id = s.document_id "
		"WHERE d.valid_from <= ?1 AND ?1 < d.valid_to AND c.code = ?2 AND c.title = ?3 AND c.chapter = ?4 "
		"AND (?5 = '' OR c.number = ?5) AND (?6 = '' OR c.cite = ?6) "
		"GROUP BY d.id ORDER BY doc.sort, s.sort",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(as_of), DB_TEXT(c->code), DB_TEXT(c->title), DB_TEXT(c->chapter),
		      DB_TEXT(c->number), DB_TEXT(c->subsection_cite));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = each(ctx, db_int64(st, 0), db_text(st, 1));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_search_sections(struct db *db, const char *expr, const char *as_of, store_search_section_fn fn, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT '/' || doc.slug || '/' || s.slug, d.title, doc.title, doc.status "
		"FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
		"JOIN sections s ON s.id = d.owner_id JOIN documents doc ON doc.id = s.document_id "
		"WHERE search_fts MATCH ?1 AND d.kind = 'section' AND d.valid_from <= ?2 AND ?2 < d.valid_to "
		"ORDER BY doc.sort, s.sort",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(expr), DB_TEXT(as_of));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		if (fn(ctx, db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3)))
			break;
	db_done(st);
	return nerr_pass(err);
}

/* --- Writing ------------------------------------------------------------- */

/* The rows an owner should have. Keep these in step with the migration. */
static const char section_rows_sql[] =
	"SELECT v.id, CASE d.status WHEN 'current' THEN 1.0 WHEN 'reference' THEN 0.6 ELSE 0.5 END, "
	"v.effective_date, "
	"COALESCE((SELECT min(w.effective_date) FROM section_versions w WHERE w.section_id = v.section_id "
	"AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'), "
	"replace(replace(v.title, char(1), ' '), char(2), ' '), "
	"replace(replace(v.body_text, char(1), ' '), char(2), ' ') "
	"FROM section_versions v JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
	"WHERE v.section_id = ?1 AND s.retired = 0 AND s.kind = 'section' ORDER BY v.id";

static const char term_rows_sql[] =
	"SELECT v.id, 1.0, v.effective_date, "
	"COALESCE((SELECT min(w.effective_date) FROM glossary_versions w WHERE w.term_id = v.term_id "
	"AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'), "
	"replace(replace(v.term, char(1), ' '), char(2), ' '), "
	"replace(replace(v.definition_text, char(1), ' '), char(2), ' ') "
	"FROM glossary_versions v JOIN glossary_terms t ON t.id = v.term_id "
	"WHERE v.term_id = ?1 AND t.retired = 0 ORDER BY v.id";

static const char *kind_name(enum store_search_kind kind)
{
	return kind == STORE_SEARCH_GLOSSARY ? "glossary" : "section";
}

void store_search_rows_free(struct store_search_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].valid_from);
		free(rows[i].valid_to);
		free(rows[i].title);
		free(rows[i].body);
	}
	free(rows);
}

/* Rows (id?, version_id, weight, valid_from, valid_to, title, body) of a
 * statement whose parameters are bound, the first column the index row's
 * id when has_id. */
static NEOERR *read_rows(struct db *db, struct db_stmt *st, int has_id, struct store_search_row **out, size_t *n)
{
	size_t cap = 0;
	int row = 0;
	NEOERR *err;

	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_search_row *r;
		int c = has_id ? 1 : 0;

		if (*n == cap) {
			struct store_search_row *bigger = realloc(*out, (cap = cap ? cap * 2 : 4) * sizeof **out);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search index rows");
				break;
			}
			*out = bigger;
		}
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = has_id ? db_int64(st, 0) : 0;
		r->version_id = db_int64(st, c);
		r->weight = db_double(st, c + 1);
		r->valid_from = strdup(db_text(st, c + 2));
		r->valid_to = strdup(db_text(st, c + 3));
		r->title = strdup(db_text(st, c + 4));
		r->body = strdup(db_text(st, c + 5));
		if (!r->valid_from || !r->valid_to || !r->title || !r->body) {
			err = nerr_raise(NERR_NOMEM, "search index rows");
			break;
		}
	}
	return nerr_pass(err);
}

/* A statement, its parameters (bind: NULL for none) and its rows. */
static NEOERR *query_rows(struct db *db, const char *sql, const struct db_value *values, size_t nvalues, int has_id,
			  struct store_search_row **out, size_t *n)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, sql, &st);

	*out = NULL;
	*n = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = nvalues ? db_bind_values(db, st, 1, values, nvalues) : STATUS_OK;
	if (err == STATUS_OK)
		err = read_rows(db, st, has_id, out, n);
	db_done(st);
	if (err != STATUS_OK) {
		store_search_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return nerr_pass(err);
}

NEOERR *store_search_rows_wanted(struct db *db, enum store_search_kind kind, int64_t owner,
				 struct store_search_row **rows, size_t *n)
{
	const struct db_value v[] = { DB_INT(owner) };

	return nerr_pass(
		query_rows(db, kind == STORE_SEARCH_GLOSSARY ? term_rows_sql : section_rows_sql, v, 1, 0, rows, n));
}

NEOERR *store_search_rows_indexed(struct db *db, enum store_search_kind kind, int64_t owner,
				  struct store_search_row **rows, size_t *n)
{
	const struct db_value v[] = { DB_INT(owner), DB_TEXT(kind_name(kind)) };

	return nerr_pass(query_rows(db,
				    "SELECT id, version_id, weight, valid_from, valid_to, title, body "
				    "FROM search_docs WHERE owner_id = ?1 AND kind = ?2 ORDER BY version_id",
				    v, 2, 1, rows, n));
}

NEOERR *store_search_rows_orphaned(struct db *db, struct store_search_row **rows, size_t *n)
{
	return nerr_pass(
		query_rows(db,
			   "SELECT d.id, d.version_id, d.weight, d.valid_from, d.valid_to, d.title, "
			   "d.body FROM search_docs d WHERE "
			   "(d.kind = 'section' AND NOT EXISTS (SELECT 1 FROM sections s WHERE s.id = d.owner_id)) OR "
			   "(d.kind = 'glossary' AND NOT EXISTS (SELECT 1 FROM glossary_terms t "
			   "WHERE t.id = d.owner_id))",
			   NULL, 0, 1, rows, n));
}

NEOERR *store_search_owners(struct db *db, enum store_search_kind kind, int64_t **ids, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      kind == STORE_SEARCH_GLOSSARY ? "SELECT id FROM glossary_terms ORDER BY id"
							    : "SELECT id FROM sections ORDER BY id",
			      &st);

	*ids = NULL;
	*n = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		if (*n == cap) {
			int64_t *bigger = realloc(*ids, (cap = cap ? cap * 2 : 256) * sizeof **ids);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search reindex");
				break;
			}
			*ids = bigger;
		}
		(*ids)[(*n)++] = db_int64(st, 0);
	}
	db_done(st);
	if (err != STATUS_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return nerr_pass(err);
}

/* Add (or, with del, remove) one row's text in both FTS5 indexes: external
 * content, so FTS5 must be told the old text to forget it. */
static NEOERR *fts_write(struct db *db, int del, int64_t id, const char *title, const char *body)
{
	static const char *const sql[2][2] = {
		{ "INSERT INTO search_fts(rowid, title, body) VALUES (?1, ?2, ?3)",
		  "INSERT INTO search_words(rowid, title, body) VALUES (?1, ?2, ?3)" },
		{ "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)",
		  "INSERT INTO search_words(search_words, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)" },
	};
	NEOERR *err = STATUS_OK;

	for (int t = 0; t < 2 && err == STATUS_OK; t++) {
		struct db_stmt *st;

		err = db_stmt(db, sql[del][t], &st);
		if (err != STATUS_OK)
			break;
		err = db_bind(db, st, DB_INT(id), DB_TEXT(title), DB_TEXT(body));
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	return nerr_pass(err);
}

NEOERR *store_search_row_delete(struct db *db, const struct store_search_row *r)
{
	struct db_stmt *st;
	NEOERR *err = fts_write(db, 1, r->id, r->title, r->body);

	if (err == STATUS_OK)
		err = db_stmt(db, "DELETE FROM search_docs WHERE id = ?1", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(r->id));
	if (err == STATUS_OK)
		return nerr_pass(db_run(db, st));
	db_done(st);
	return nerr_pass(err);
}

/* The size the ranking normalises by: bytes, as the migration counts. */
static int64_t row_size(const struct store_search_row *r)
{
	return (int64_t)(strlen(r->title) + strlen(r->body));
}

NEOERR *store_search_row_insert(struct db *db, enum store_search_kind kind, int64_t owner,
				const struct store_search_row *r)
{
	struct db_stmt *st;
	int64_t id = 0;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO search_docs(kind, owner_id, weight, valid_from, valid_to, title, body, "
			      "version_id, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(kind_name(kind)), DB_INT(owner), DB_DOUBLE(r->weight), DB_TEXT(r->valid_from),
		      DB_TEXT(r->valid_to), DB_TEXT(r->title), DB_TEXT(r->body), DB_INT(r->version_id),
		      DB_INT(row_size(r)));
	if (err == STATUS_OK)
		err = db_insert(db, st, &id);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = fts_write(db, 0, id, r->title, r->body);
	return nerr_pass(err);
}

NEOERR *store_search_row_update(struct db *db, const struct store_search_row *have, const struct store_search_row *want)
{
	struct db_stmt *st;
	int text_changed = strcmp(have->title, want->title) != 0 || strcmp(have->body, want->body) != 0;
	NEOERR *err = STATUS_OK;

	if (text_changed)
		err = fts_write(db, 1, have->id, have->title, have->body);
	if (err == STATUS_OK)
		err = db_stmt(db,
			      "UPDATE search_docs SET weight = ?2, valid_from = ?3, valid_to = ?4, title = ?5, "
			      "body = ?6, size = ?7 WHERE id = ?1",
			      &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(have->id), DB_DOUBLE(want->weight), DB_TEXT(want->valid_from),
		      DB_TEXT(want->valid_to), DB_TEXT(want->title), DB_TEXT(want->body), DB_INT(row_size(want)));
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	if (err == STATUS_OK && text_changed)
		err = fts_write(db, 0, have->id, want->title, want->body);
	return nerr_pass(err);
}

NEOERR *store_search_changed(struct db *db)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO meta(key, value) VALUES ('search.version', '1') "
			      "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
			      &st);

	if (err == STATUS_OK)
		err = db_run(db, st);
	return nerr_pass(err);
}

NEOERR *store_search_flush(struct db *db, int merge)
{
	struct db_stmt *st;
	int row = 0, stale = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT (SELECT value FROM meta WHERE key = 'search.version') IS NOT "
			      "(SELECT value FROM meta WHERE key = 'search.vocabulary')",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		stale = db_int(st, 0);
	db_done(st);
	if (err != STATUS_OK || !stale)
		return nerr_pass(err);
	/* Reading search_vocab reads the whole index: once per batch of changes. */
	err = db_exec(db, "DELETE FROM search_vocabulary; "
			  "INSERT INTO search_vocabulary(term, docs) SELECT term, doc FROM search_vocab; "
			  "INSERT INTO meta(key, value) SELECT 'search.vocabulary', value FROM meta "
			  "WHERE key = 'search.version' ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	/* FTS5 writes its pending terms out as a new segment whenever a
	 * statement of the transaction opens a savepoint (every INSERT ...
	 * RETURNING does), so the import left a dozen segments and every query
	 * read them all: search 20-30 % slower (bench/README.md, issue 13).
	 * 'optimize' merges them into one; HR's single publishes are left to
	 * FTS5's automerge. */
	if (err == STATUS_OK && merge)
		err = db_exec(db, "INSERT INTO search_fts(search_fts) VALUES ('optimize'); "
				  "INSERT INTO search_words(search_words) VALUES ('optimize')");
	return nerr_pass(err);
}