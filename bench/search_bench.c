/* search_bench: search latency in process, the way a portal process answers
 * /search (search_run: matching, ranking, snippets and suggestions), for a
 * fixed list of queries, on the real corpus and on a synthetic corpus that
 * this program builds 100 times larger (every section and glossary term
 * copied SCALE-1 times with text drawn at random from the real sentences,
 * and with the same citations, so rare and common words keep their shape).
 *
 *   bench/search_bench --db REAL.db [--synthetic BIG.db] [--scale 100] [--rounds 50]
 *
 * REAL.db is a database made by hrportal-import (only read). BIG.db is
 * built when it does not exist yet (a few minutes), then reused. Prints
 * p50, p99 and max per corpus and per query, as wall-clock time and as the
 * CPU time of the searching thread (the portal's own cost, without the
 * waiting a busy machine adds). Not part of the tests. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "content/content.h"
#include "store/db.h"
#include "core/errors.h"
#include "search/search.h"
#include "store/db_sqlite.h"

static const char *const queries[] = {
	"fmla eligibility",
	"bereavement",
	"donate sick leave",
	"reinstatement",
	"KRS 18A.095",
	"101 KAR 2:102",
	"sick leave",
	"\"sick leave\"",
	"reinstat*",
	"reinstatment",
	"sik leave",
	"annual leave carry forward",
	"grievance appeal personnel board",
	"military leave",
	"how do I report violence in the workplace",
	"overtime compensatory time",
	"health insurance",
	"retirement",
	"AND",
	"NEAR(",
};
#define NQUERIES (sizeof queries / sizeof queries[0])

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static double clock_ms(clockid_t id)
{
	struct timespec t;

	clock_gettime(id, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void die(NEOERR *err, const char *what)
{
	if (err == STATUS_OK)
		return;
	fprintf(stderr, "search_bench: %s\n", what);
	nerr_log_error(err);
	exit(1);
}

static void sql_or_die(sqlite3 *h, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, msg);
		exit(1);
	}
}

static sqlite3_stmt *prepare_or_die(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "search_bench: %s: %s\n", sql, sqlite3_errmsg(h));
		exit(1);
	}
	return st;
}

static void step_done(sqlite3 *h, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "search_bench: %s\n", sqlite3_errmsg(h));
		exit(1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Sentences of the real text, to draw synthetic text from. */
struct pool {
	char **s;
	size_t n, cap;
};

static void pool_add(struct pool *p, const char *s, size_t len)
{
	if (len < 20)
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->s = realloc(p->s, p->cap * sizeof *p->s);
		if (p->s == NULL)
			abort();
	}
	p->s[p->n] = strndup(s, len);
	if (p->s[p->n] == NULL)
		abort();
	p->n++;
}

static void pool_fill(sqlite3 *h, const char *sql, struct pool *p)
{
	sqlite3_stmt *st = prepare_or_die(h, sql);

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		while (t && *t) {
			size_t len = strcspn(t, ".\n");

			pool_add(p, t, len + (t[len] == '.'));
			t += len;
			while (*t == '.' || *t == '\n' || *t == ' ')
				t++;
		}
	}
	sqlite3_finalize(st);
}

static void pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->s[i]);
	free(p->s);
}

/* Random sentences from the pool, about len bytes. */
static char *random_text(const struct pool *p, size_t len)
{
	size_t cap = len + 512, o = 0;
	char *out = malloc(cap);

	if (out == NULL)
		abort();
	out[0] = '\0';
	while (o < len) {
		const char *s = p->s[next_random() % p->n];
		size_t n = strlen(s);

		if (o + n + 2 >= cap) {
			cap = (o + n + 2) * 2;
			out = realloc(out, cap);
			if (out == NULL)
				abort();
		}
		if (o)
			out[o++] = ' ';
		memcpy(out + o, s, n + 1);
		o += n;
	}
	return out;
}

/* A few random words from the pool of titles. */
static char *random_title(const struct pool *titles)
{
	char buf[256];
	int words = 2 + (int)(next_random() % 3);

	buf[0] = '\0';
	for (int i = 0; i < words; i++) {
		const char *w = titles->s[next_random() % titles->n];
		int skip = (int)(next_random() % 3);

		while (skip-- > 0 && strchr(w, ' '))
			w = strchr(w, ' ') + 1;
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%.*s", i ? " " : "", (int)strcspn(w, " "), w);
	}
	return strdup(buf);
}

static void build_synthetic(const char *real, const char *path, int scale)
{
	sqlite3 *from, *to, *h;
	sqlite3_backup *b;
	struct db *db = NULL;
	struct pool sentences = { 0 }, titles = { 0 };
	sqlite3_stmt *src, *ins_section, *ins_version, *ins_cites, *ins_term, *ins_term_version;
	double t0 = clock_ms(CLOCK_MONOTONIC);
	int n = 0;

	if (sqlite3_open(real, &from) != SQLITE_OK || sqlite3_open(path, &to) != SQLITE_OK)
		abort();
	b = sqlite3_backup_init(to, "main", from, "main");
	if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE)
		abort();
	sqlite3_backup_finish(b);
	sqlite3_close(from);
	sqlite3_close(to);
	die(db_open(path, DB_READ_WRITE, &db), "opening the synthetic database");
	h = db_sqlite_handle(db);
	sql_or_die(h, "PRAGMA synchronous = OFF");
	pool_fill(h, "SELECT body_text FROM section_versions UNION ALL SELECT definition_text FROM glossary_versions",
		  &sentences);
	pool_fill(h, "SELECT title FROM section_versions UNION ALL SELECT term FROM glossary_versions", &titles);
	die(db_begin(db), "begin");

	/* Sections: the bound on ids keeps the copies out of the rows copied. */
	src = prepare_or_die(h, "SELECT s.id, s.document_id, s.parent_id, s.slug, s.sort, v.id, length(v.body_text), "
				"v.effective_date FROM sections s JOIN section_versions v ON v.section_id = s.id "
				"WHERE s.kind = 'section' AND v.version = 1 AND s.id <= (SELECT max(id) FROM sections) "
				"ORDER BY s.id");
	ins_section = prepare_or_die(h, "INSERT INTO sections(document_id, parent_id, kind, slug, sort, toc_title) "
					"VALUES (?1, ?2, 'section', ?3, ?4, ?5)");
	ins_version = prepare_or_die(
		h, "INSERT INTO section_versions(section_id, version, title, body_md, body_html, "
		   "body_text, effective_date, published_at, published_by, summary) VALUES (?1, 1, ?2, ?3, "
		   "'', ?3, ?4, ?4 || 'T00:00:00Z', 'bench', 'synthetic')");
	ins_cites = prepare_or_die(
		h, "INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, "
		   "subsection, raw) SELECT ?1, ord, cite, code, title, chapter, number, subsection, raw "
		   "FROM citations WHERE section_version_id = ?2");
	while (sqlite3_step(src) == SQLITE_ROW) {
		for (int k = 1; k < scale; k++) {
			char slug[256];
			char *title = random_title(&titles);
			char *text = random_text(&sentences, (size_t)sqlite3_column_int(src, 6));

			snprintf(slug, sizeof slug, "%s-syn-%d", sqlite3_column_text(src, 3), k);
			sqlite3_bind_int64(ins_section, 1, sqlite3_column_int64(src, 1));
			if (sqlite3_column_type(src, 2) != SQLITE_NULL)
				sqlite3_bind_int64(ins_section, 2, sqlite3_column_int64(src, 2));
			sqlite3_bind_text(ins_section, 3, slug, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ins_section, 4, sqlite3_column_int(src, 4) * 1000 + k);
			sqlite3_bind_text(ins_section, 5, title, -1, SQLITE_TRANSIENT);
			step_done(h, ins_section);
			sqlite3_bind_int64(ins_version, 1, sqlite3_last_insert_rowid(h));
			sqlite3_bind_text(ins_version, 2, title, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_version, 3, text, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_version, 4, (const char *)sqlite3_column_text(src, 7), -1,
					  SQLITE_TRANSIENT);
			step_done(h, ins_version);
			sqlite3_bind_int64(ins_cites, 1, sqlite3_last_insert_rowid(h));
			sqlite3_bind_int64(ins_cites, 2, sqlite3_column_int64(src, 5));
			step_done(h, ins_cites);
			free(title);
			free(text);
			n++;
		}
	}
	sqlite3_finalize(src);
	sqlite3_finalize(ins_section);
	sqlite3_finalize(ins_version);
	sqlite3_finalize(ins_cites);

	/* Glossary terms. */
	src = prepare_or_die(h, "SELECT t.id, t.slug, t.sort, length(v.definition_text), v.effective_date "
				"FROM glossary_terms t JOIN glossary_versions v ON v.term_id = t.id AND v.version = 1 "
				"WHERE t.id <= (SELECT max(id) FROM glossary_terms) ORDER BY t.id");
	ins_term = prepare_or_die(h, "INSERT INTO glossary_terms(slug, sort) VALUES (?1, ?2)");
	ins_term_version = prepare_or_die(
		h, "INSERT INTO glossary_versions(term_id, version, term, definition_md, "
		   "definition_html, definition_text, effective_date, published_at, published_by, "
		   "summary) VALUES (?1, 1, ?2, ?3, '', ?3, ?4, ?4 || 'T00:00:00Z', 'bench', 'synthetic')");
	while (sqlite3_step(src) == SQLITE_ROW) {
		for (int k = 1; k < scale; k++) {
			char slug[256];
			char *term = random_title(&titles);
			char *text = random_text(&sentences, (size_t)sqlite3_column_int(src, 3));

			snprintf(slug, sizeof slug, "%s-syn-%d", sqlite3_column_text(src, 1), k);
			sqlite3_bind_text(ins_term, 1, slug, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(ins_term, 2, sqlite3_column_int(src, 2) * 1000 + k);
			step_done(h, ins_term);
			sqlite3_bind_int64(ins_term_version, 1, sqlite3_last_insert_rowid(h));
			sqlite3_bind_text(ins_term_version, 2, term, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_term_version, 3, text, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_term_version, 4, (const char *)sqlite3_column_text(src, 4), -1,
					  SQLITE_TRANSIENT);
			step_done(h, ins_term_version);
			free(term);
			free(text);
			n++;
		}
	}
	sqlite3_finalize(src);
	sqlite3_finalize(ins_term);
	sqlite3_finalize(ins_term_version);
	fprintf(stderr, "search_bench: %d synthetic sections and terms written in %.1f s; indexing...\n", n,
		(clock_ms(CLOCK_MONOTONIC) - t0) / 1e3);
	die(search_reindex(db), "indexing the synthetic corpus");
	die(db_commit(db), "commit");
	sql_or_die(h, "INSERT INTO search_fts(search_fts) VALUES ('optimize')");
	sql_or_die(h, "INSERT INTO search_words(search_words) VALUES ('optimize')");
	sql_or_die(h, "PRAGMA wal_checkpoint(TRUNCATE)");
	fprintf(stderr, "search_bench: built %s in %.1f s\n", path, (clock_ms(CLOCK_MONOTONIC) - t0) / 1e3);
	pool_free(&sentences);
	pool_free(&titles);
	db_close(&db);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(const double *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);

	return v[i < n ? i : n - 1];
}

static void measure(const char *label, const char *path, int rounds)
{
	struct db *db = NULL;
	char today[11];
	double *wall = malloc(sizeof *wall * NQUERIES * (size_t)rounds);
	double *cpu = malloc(sizeof *cpu * NQUERIES * (size_t)rounds);
	double *per_wall = malloc(sizeof *per_wall * (size_t)rounds),
	       *per_cpu = malloc(sizeof *per_cpu * (size_t)rounds);
	int totals[NQUERIES];
	size_t n = 0;
	sqlite3_stmt *st;
	int docs = 0;
	double cold;

	if (wall == NULL || cpu == NULL || per_wall == NULL || per_cpu == NULL)
		abort();
	content_today(time(NULL), today);
	search_cache_clear();
	/* (Migrating brings a synthetic database built by an older program up to date.) */
	die(db_open(path, DB_CREATE_MIGRATE, &db), "opening the database");
	st = prepare_or_die(db_sqlite_handle(db), "SELECT count(*) FROM search_docs");
	if (sqlite3_step(st) == SQLITE_ROW)
		docs = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/* The first search of a process loads the vocabulary and the rows'
	 * ranking data; then warm up statements and the page cache. */
	cold = clock_ms(CLOCK_MONOTONIC);
	for (size_t q = 0; q < NQUERIES; q++) {
		struct search_results r;

		die(search_run(db, queries[q], today, 1, 10, &r), queries[q]);
		totals[q] = r.total;
		search_results_free(&r);
		if (q == 0)
			cold = clock_ms(CLOCK_MONOTONIC) - cold;
	}
	printf("\n%s: %d indexed rows, %d rounds of %zu queries (first search of a process: %.1f ms)\n", label, docs,
	       rounds, NQUERIES, cold);
	printf("  %-42s %7s | %8s %8s %8s | %8s %8s\n", "query", "results", "p50 ms", "p99 ms", "max ms", "cpu p50",
	       "cpu p99");
	for (size_t q = 0; q < NQUERIES; q++) {
		for (int i = 0; i < rounds; i++) {
			struct search_results r;
			double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);

			die(search_run(db, queries[q], today, 1, 10, &r), queries[q]);
			search_results_free(&r);
			per_cpu[i] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
			per_wall[i] = clock_ms(CLOCK_MONOTONIC) - w0;
			wall[n] = per_wall[i];
			cpu[n++] = per_cpu[i];
		}
		qsort(per_wall, (size_t)rounds, sizeof *per_wall, cmp_double);
		qsort(per_cpu, (size_t)rounds, sizeof *per_cpu, cmp_double);
		printf("  %-42s %7d | %8.3f %8.3f %8.3f | %8.3f %8.3f\n", queries[q], totals[q],
		       pct(per_wall, (size_t)rounds, 0.5), pct(per_wall, (size_t)rounds, 0.99), per_wall[rounds - 1],
		       pct(per_cpu, (size_t)rounds, 0.5), pct(per_cpu, (size_t)rounds, 0.99));
	}
	qsort(wall, n, sizeof *wall, cmp_double);
	qsort(cpu, n, sizeof *cpu, cmp_double);
	printf("  %-42s %7s | %8.3f %8.3f %8.3f | %8.3f %8.3f\n", "ALL QUERIES", "", pct(wall, n, 0.5),
	       pct(wall, n, 0.99), wall[n - 1], pct(cpu, n, 0.5), pct(cpu, n, 0.99));
	free(wall);
	free(cpu);
	free(per_wall);
	free(per_cpu);
	db_close(&db);
	search_cache_clear();
}

int main(int argc, char **argv)
{
	const char *real = NULL, *big = NULL;
	int scale = 100, rounds = 50, bad = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			real = argv[++i];
		else if (strcmp(argv[i], "--synthetic") == 0 && i + 1 < argc)
			big = argv[++i];
		else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc)
			scale = atoi(argv[++i]);
		else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else
			bad = 1;
	}
	if (bad || real == NULL || scale < 2 || rounds < 1) {
		fputs("usage: search_bench --db REAL.db [--synthetic BIG.db] [--scale 100] [--rounds 50]\n", stderr);
		return 2;
	}
	die(errors_init(), "errors");
	if (big != NULL && access(big, F_OK) != 0)
		build_synthetic(real, big, scale);
	measure("real corpus", real, rounds);
	if (big != NULL)
		measure("synthetic corpus", big, rounds);
	return 0;
}
