/* check_pdf: the PDF module, judged by what pdftotext reads back. */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pdf/pdf.h"
#include "pdf/pdf_int.h"

#define NO_ERR(expr)                                      \
	do {                                              \
		NEOERR *e_ = (expr);                      \
		if (e_) {                                 \
			nerr_log_error(e_);               \
			ck_abort_msg("%s failed", #expr); \
		}                                         \
	} while (0)
#define IS_ERR(expr)                                                     \
	do {                                                             \
		NEOERR *e_ = (expr);                                     \
		ck_assert_msg(e_ != STATUS_OK, "%s should fail", #expr); \
		nerr_ignore(&e_);                                        \
	} while (0)

/* ---- helpers ------------------------------------------------------------ */

static char *slurp(FILE *f)
{
	size_t n = 0, cap = 65536;
	char *buf = malloc(cap);
	size_t r;

	ck_assert_ptr_nonnull(buf);
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
	}
	buf[n] = '\0';
	return buf;
}

static void tmp_path(char *out, size_t n, const char *stem)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	snprintf(out, n, "%s/%s-XXXXXX", dir && *dir ? dir : P_tmpdir, stem);
	fd = mkstemp(out);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

/* Run pdftotext -layout on the document; fail the test on any complaint
 * (a malformed PDF makes poppler print syntax errors). */
static char *pdf_to_text(const unsigned char *pdf, size_t len)
{
	char path[512], errpath[512], cmd[1200];
	FILE *f, *p;
	char *txt, *errs;
	int st;

	tmp_path(path, sizeof path, "check_pdf");
	tmp_path(errpath, sizeof errpath, "check_pdf_err");
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(pdf, 1, len, f), len);
	fclose(f);
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>'%s'", path, errpath);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	txt = slurp(p);
	st = pclose(p);
	f = fopen(errpath, "rb");
	ck_assert_ptr_nonnull(f);
	errs = slurp(f);
	fclose(f);
	unlink(path);
	unlink(errpath);
	ck_assert_msg(st == 0, "pdftotext exit status %d", st);
	ck_assert_msg(errs[0] == '\0', "pdftotext complained: %s", errs);
	free(errs);
	return txt;
}

static char *finish_text(pdf_doc *d, size_t *npdf)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	char *txt;

	NO_ERR(pdf_finish(d, &pdf, &len));
	ck_assert_ptr_nonnull(pdf);
	ck_assert_uint_gt(len, 100);
	ck_assert(memcmp(pdf, "%PDF-1.", 7) == 0);
	txt = pdf_to_text(pdf, len);
	if (npdf)
		*npdf = len;
	free(pdf);
	return txt;
}

/* pdftotext ends every page with a form feed. */
static size_t count_pages(const char *t)
{
	size_t n = 0;

	for (; *t; t++)
		n += *t == '\f';
	return n;
}

/* Copy of page i (1-based). */
static char *page_of(const char *t, size_t i)
{
	const char *end;
	char *out;

	while (--i > 0) {
		t = strchr(t, '\f');
		ck_assert_ptr_nonnull(t);
		t++;
	}
	end = strchr(t, '\f');
	if (!end)
		end = t + strlen(t);
	out = strndup(t, (size_t)(end - t));
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Is there a line holding all the needles, in this order? */
static int line_has(const char *t, const char *const *needles, size_t n)
{
	while (*t) {
		const char *eol = strpbrk(t, "\n\f");
		size_t len = eol ? (size_t)(eol - t) : strlen(t);
		char *line = strndup(t, len);
		const char *at = line;
		size_t k;

		for (k = 0; k < n && at; k++) {
			at = strstr(at, needles[k]);
			if (at)
				at += strlen(needles[k]);
		}
		free(line);
		if (at)
			return 1;
		if (!eol)
			break;
		t = eol + 1;
	}
	return 0;
}

/* ---- conversion --------------------------------------------------------- */

static void expect_cp(const char *in, const char *want)
{
	char *out = NULL;

	NO_ERR(pdf_cp1252_dup(in, 1000, &out));
	ck_assert_msg(strcmp(out, want) == 0, "converting \"%s\"", in);
	free(out);
}

START_TEST(cp1252_conversion)
{
	expect_cp("plain", "plain");
	expect_cp("caf\xc3\xa9 \xc2\xa7 8103 \xc2\xbd", "caf\xe9 \xa7 8103 \xbd");
	expect_cp("\xe2\x80\x9cq\xe2\x80\x9d \xe2\x80\x98s\xe2\x80\x99", "\x93q\x94 \x91s\x92");
	expect_cp("a\xe2\x80\x93"
		  "b\xe2\x80\x94"
		  "c\xe2\x80\xa2\xe2\x82\xac\xe2\x80\xa6",
		  "a\x96"
		  "b\x97"
		  "c\x95\x80\x85");
	expect_cp("\xe6\x97\xa5\xf0\x9f\x98\x80", "??"); /* CJK, emoji */
	expect_cp("\xff", "?");
	expect_cp("x\xe2\x82", "x?");       /* truncated */
	expect_cp("\xed\xa0\x80", "?");     /* surrogate */
	expect_cp("\xc0\xaf", "??");        /* overlong */
	expect_cp("\xf4\x90\x80\x80", "?"); /* > U+10FFFF */
	expect_cp("a\x01"
		  "b\x7f"
		  "c\xc2\x85",
		  "a?b?c?"); /* controls */
	expect_cp("a\nb\tc", "a b c");
	expect_cp("\xef\xbb\xbfzero\xe2\x80\x8bwidth", "zerowidth");
	expect_cp("", "");
	expect_cp(NULL, "");
}
END_TEST

START_TEST(wrap_lines)
{
	pdf_rt rt = { 0 };
	pdf_lines ls = { 0 };
	float cw[PDF_NSTYLES][256];
	int s, c;

	/* every character 500/1000 em: 10 pt text is 5 pt per character */
	for (s = 0; s < PDF_NSTYLES; s++)
		for (c = 0; c < 256; c++)
			cw[s][c] = 500;
	NO_ERR(pdf_rt_append(&rt, "aaaa bbbb cccc\nd", 16, 0, PDF_TX_KEEP_NL));
	NO_ERR(pdf_wrap(&rt, 0, rt.n, (const float(*)[256])cw, 10, 47, &ls));
	ck_assert_uint_eq(ls.n, 3);
	ck_assert_uint_eq(ls.v[0].b - ls.v[0].a, 9); /* "aaaa bbbb" */
	ck_assert_uint_eq(ls.v[1].a, 10);            /* "cccc" */
	ck_assert(ls.v[0].w > 44.9 && ls.v[0].w < 45.1);
	ck_assert_uint_eq(ls.v[2].b - ls.v[2].a, 1); /* "d" */
	/* a word longer than the line breaks between characters */
	pdf_rt_reset(&rt);
	NO_ERR(pdf_rt_append(&rt, "abcdefghij", 10, 0, 0));
	NO_ERR(pdf_wrap(&rt, 0, rt.n, (const float(*)[256])cw, 10, 20, &ls));
	ck_assert_uint_eq(ls.n, 3);
	/* ... or after a hyphen */
	pdf_rt_reset(&rt);
	NO_ERR(pdf_rt_append(&rt, "ab-cdefgh", 9, 0, 0));
	NO_ERR(pdf_wrap(&rt, 0, rt.n, (const float(*)[256])cw, 10, 30, &ls));
	ck_assert_uint_eq(ls.v[0].b, 3);
	/* narrower than one character still makes progress */
	NO_ERR(pdf_wrap(&rt, 0, rt.n, (const float(*)[256])cw, 10, 0.5, &ls));
	ck_assert_uint_eq(ls.n, 9);
	pdf_rt_reset(&rt);
	NO_ERR(pdf_wrap(&rt, 0, 0, (const float(*)[256])cw, 10, 100, &ls));
	ck_assert_uint_eq(ls.n, 0);
	free(ls.v);
	pdf_rt_free(&rt);
}
END_TEST

/* ---- forms -------------------------------------------------------------- */

#define HOSTILE                                            \
	"<script>alert('x')</script> %PDF-1.7 (a) \\ ) ( " \
	"\xe2\x80\x9c"                                     \
	"curly"                                            \
	"\xe2\x80\x9d \xc2\xa7 8103"
#define HOSTILE_OUT                                        \
	"<script>alert('x')</script> %PDF-1.7 (a) \\ ) ( " \
	"\xe2\x80\x9c"                                     \
	"curly"                                            \
	"\xe2\x80\x9d \xc2\xa7 8103"
#define NFIELDS 30
#define NROWS 60
#define BIG_FIELD 5
#define HOSTILE_FIELD 7

static char *big_value(void)
{
	size_t n = 0, cap = 20 * 1024 + 16, i;
	char *v = malloc(cap);

	ck_assert_ptr_nonnull(v);
	for (i = 0; n + 7 < 20 * 1024; i++)
		n += (size_t)sprintf(v + n, "w%04zu ", i);
	v[n] = '\0';
	return v;
}

static pdf_doc *full_form(void)
{
	pdf_doc *d = NULL;
	char label[64], value[64];
	char *big = big_value();
	int i;

	NO_ERR(pdf_form_new(&d, "Sick Leave Donation Form", "Request #42 \xc2\xb7 filed 2026-11-23"));
	NO_ERR(pdf_form_section(d, "Donor"));
	for (i = 0; i < NFIELDS; i++) {
		if (i == 15)
			NO_ERR(pdf_form_section(d, "Recipient"));
		snprintf(label, sizeof label, "Field %02d label", i);
		snprintf(value, sizeof value, "value-%02d-ok", i);
		NO_ERR(pdf_form_field(d, label, i == BIG_FIELD ? big : i == HOSTILE_FIELD ? HOSTILE : value));
	}
	NO_ERR(pdf_form_paragraph(d, "I certify that the information above is "
				     "true and complete to the best of my knowledge."));
	NO_ERR(pdf_form_section(d, "History"));
	NO_ERR(pdf_form_history_begin(d));
	for (i = 0; i < NROWS; i++) {
		char when[32], who[32], act[32], note[32];

		snprintf(when, sizeof when, "2026-11-%02d 09:%02d", i % 28 + 1, i);
		snprintf(who, sizeof who, "user%02d", i);
		snprintf(act, sizeof act, "Action %02d", i);
		snprintf(note, sizeof note, "Note %02d", i);
		NO_ERR(pdf_form_history_row(d, when, who, act, note));
	}
	NO_ERR(pdf_form_table_end(d));
	NO_ERR(pdf_form_signature(d, "Employee signature", "Jane Doe", "2026-11-23 09:14"));
	NO_ERR(pdf_form_signature(d, "Supervisor signature", NULL, NULL));
	free(big);
	return d;
}

START_TEST(form_content)
{
	pdf_doc *d = full_form();
	char *txt = finish_text(d, NULL);
	size_t n = count_pages(txt), i;
	char buf[128];
	const char *at;

	ck_assert_uint_eq(n, pdf_page_count(d));
	pdf_free(d);
	ck_assert_msg(n >= 4, "20 KB value and 60 rows fit on %zu pages?", n);
	/* every page: the Commonwealth header and its own "Page i of N" */
	for (i = 1; i <= n; i++) {
		char *pg = page_of(txt, i);

		ck_assert_msg(strstr(pg, "Commonwealth of Kentucky"), "header, page %zu", i);
		ck_assert(strstr(pg, "Personnel Cabinet"));
		ck_assert(strstr(pg, "Sick Leave Donation Form"));
		ck_assert(strstr(pg, "Request #42 \xc2\xb7 filed 2026-11-23"));
		snprintf(buf, sizeof buf, "Page %zu of %zu", i, n);
		ck_assert_msg(strstr(pg, buf), "no \"%s\" on its page", buf);
		free(pg);
	}
	snprintf(buf, sizeof buf, "Page %zu of %zu", n + 1, n);
	ck_assert(!strstr(txt, buf));
	for (i = 0; i < NFIELDS; i++) {
		snprintf(buf, sizeof buf, "Field %02zu label", i);
		ck_assert_msg(strstr(txt, buf), "label %zu missing", i);
		if (i == BIG_FIELD || i == HOSTILE_FIELD)
			continue;
		snprintf(buf, sizeof buf, "value-%02zu-ok", i);
		ck_assert_msg(strstr(txt, buf), "value %zu missing", i);
	}
	/* the long value: every word, in order, across the page breaks */
	at = txt;
	for (i = 0; i < (20 * 1024 - 7) / 6; i++) {
		snprintf(buf, sizeof buf, "w%04zu", i);
		at = strstr(at, buf);
		ck_assert_msg(at != NULL, "word %s of the long value missing", buf);
	}
	ck_assert_msg(strstr(txt, HOSTILE_OUT), "hostile text not printed verbatim");
	ck_assert(strstr(txt, "(continued)"));
	ck_assert(strstr(txt, "Donor") && strstr(txt, "Recipient"));
	ck_assert(strstr(txt, "I certify that the information above is"));
	{
		const char *sig[] = { "Employee signature:", "_____", "Date:", "_____" };
		const char *sup[] = { "Supervisor signature:", "_____", "Date:", "_____" };
		const char *typed[] = { "Jane Doe", "2026-11-23 09:14" };

		ck_assert(line_has(txt, sig, 4));
		ck_assert(line_has(txt, sup, 4));
		ck_assert(line_has(txt, typed, 2));
	}
	for (i = 0; i < NROWS; i++) {
		char when[32], who[32], act[32], note[32];
		const char *row[] = { when, who, act, note };

		snprintf(when, sizeof when, "2026-11-%02zu 09:%02zu", i % 28 + 1, i);
		snprintf(who, sizeof who, "user%02zu", i);
		snprintf(act, sizeof act, "Action %02zu", i);
		snprintf(note, sizeof note, "Note %02zu", i);
		ck_assert_msg(line_has(txt, row, 4), "history row %zu missing", i);
	}
	free(txt);
}
END_TEST

/* The history header row is repeated on each page the table reaches. */
START_TEST(form_table_header_repeats)
{
	pdf_doc *d = NULL;
	const char *head[] = { "When", "Who", "Action", "Note" };
	char *txt;
	size_t n, i, with_rows = 0;
	int r;

	NO_ERR(pdf_form_new(&d, "Grievance Form", NULL));
	NO_ERR(pdf_form_history_begin(d));
	for (r = 0; r < 150; r++) {
		char act[32];
		snprintf(act, sizeof act, "Step %03d", r);
		NO_ERR(pdf_form_history_row(d, "2026-11-23", "hr", act, r == 70 ? "a note\nwith\nseveral\nlines" : ""));
	}
	txt = finish_text(d, NULL);
	pdf_free(d);
	n = count_pages(txt);
	ck_assert_uint_ge(n, 3);
	for (i = 1; i <= n; i++) {
		char *pg = page_of(txt, i);

		if (strstr(pg, "Step ")) {
			with_rows++;
			ck_assert_msg(line_has(pg, head, 4), "no header row on page %zu", i);
		}
		free(pg);
	}
	ck_assert_uint_eq(with_rows, n);
	for (r = 0; r < 150; r++) {
		char act[32];
		snprintf(act, sizeof act, "Step %03d", r);
		ck_assert(strstr(txt, act));
	}
	ck_assert(strstr(txt, "several"));
	free(txt);
}
END_TEST

/* A single cell taller than a page is split across pages. */
START_TEST(form_table_tall_cell)
{
	pdf_doc *d = NULL;
	const char *head[] = { "Key", "Text" };
	const double weights[] = { 1, 3 };
	char *big = malloc(30000), *txt;
	const char *row[2];
	size_t i, n = 0;

	ck_assert_ptr_nonnull(big);
	for (i = 0; n + 8 < 30000; i++)
		n += (size_t)sprintf(big + n, "t%05zu ", i);
	NO_ERR(pdf_form_new(&d, "Tall", NULL));
	NO_ERR(pdf_form_table_begin(d, 2, head, weights));
	row[0] = "k1";
	row[1] = big;
	NO_ERR(pdf_form_table_row(d, row));
	row[0] = "k2";
	row[1] = "after";
	NO_ERR(pdf_form_table_row(d, row));
	txt = finish_text(d, NULL);
	ck_assert_uint_ge(count_pages(txt), 3);
	ck_assert(strstr(txt, "t00000") && strstr(txt, "after"));
	snprintf(big, 32, "t%05zu", i - 1);
	ck_assert(strstr(txt, big));
	pdf_free(d);
	free(big);
	free(txt);
}
END_TEST

START_TEST(form_deterministic)
{
	pdf_doc *a = full_form(), *b = full_form();
	unsigned char *pa, *pb;
	size_t la, lb;

	NO_ERR(pdf_finish(a, &pa, &la));
	NO_ERR(pdf_finish(b, &pb, &lb));
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(pa, pb, la) == 0);
	free(pa);
	free(pb);
	pdf_free(a);
	pdf_free(b);
}
END_TEST

static char *random_bytes(size_t n, unsigned seed)
{
	char *s = malloc(n + 1);
	size_t i;

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		s[i] = (char)((seed >> 16) % 255 + 1); /* any byte but NUL */
	}
	s[n] = '\0';
	return s;
}

START_TEST(form_hostile_input)
{
	static const char *const bad[] = {
		"",
		"\xff\xfe",
		"\xc3",
		"\xe2\x82",
		"\xed\xa0\x80",
		"\xc0\xaf",
		"\xf4\x90\x80\x80",
		"\x01\x02\x1b[31m red",
		"\r\n\r\n",
		"\t\t",
		"\x7f",
		"(((((",
		")))))",
		"\\\\\\",
		"%%EOF\nendobj\nstream",
	};
	const char *cells[4] = { NULL, "", "\xff", NULL };
	pdf_doc *d = NULL;
	char *noise = random_bytes(100 * 1024, 7);
	char *parens = malloc(100 * 1024 + 1);
	char *word = malloc(100 * 1024 + 1);
	char *txt;
	size_t i;

	ck_assert_ptr_nonnull(parens);
	ck_assert_ptr_nonnull(word);
	memset(parens, '(', 100 * 1024);
	parens[100 * 1024] = '\0';
	memset(word, 'x', 100 * 1024);
	word[100 * 1024] = '\0';
	NO_ERR(pdf_form_new(&d, NULL, NULL));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		NO_ERR(pdf_form_section(d, bad[i]));
		NO_ERR(pdf_form_field(d, bad[i], bad[i]));
		NO_ERR(pdf_form_paragraph(d, bad[i]));
	}
	NO_ERR(pdf_form_field(d, NULL, NULL));
	NO_ERR(pdf_form_section(d, NULL));
	NO_ERR(pdf_form_paragraph(d, NULL));
	NO_ERR(pdf_form_field(d, "noise", noise));
	NO_ERR(pdf_form_field(d, noise, "label is noise"));
	NO_ERR(pdf_form_field(d, "parens", parens));
	NO_ERR(pdf_form_paragraph(d, word));
	NO_ERR(pdf_form_table_begin(d, 4, NULL, NULL));
	NO_ERR(pdf_form_table_row(d, cells));
	NO_ERR(pdf_form_table_row(d, NULL));
	NO_ERR(pdf_form_signature(d, NULL, NULL, NULL));
	NO_ERR(pdf_form_signature(d, "", "", ""));
	NO_ERR(pdf_form_signature(d, noise, noise, noise));
	NO_ERR(pdf_form_markdown(d, noise));
	txt = finish_text(d, NULL);
	ck_assert(strstr(txt, "Page 1 of"));
	ck_assert(strstr(txt, "Commonwealth of Kentucky"));
	ck_assert(strstr(txt, "label is noise"));
	pdf_free(d);
	free(txt);

	/* nothing at all */
	NO_ERR(pdf_form_new(&d, "", ""));
	txt = finish_text(d, NULL);
	ck_assert(strstr(txt, "Page 1 of 1"));
	pdf_free(d);
	free(txt);
	free(noise);
	free(parens);
	free(word);
}
END_TEST

START_TEST(api_misuse)
{
	pdf_doc *f = NULL, *b = NULL;
	unsigned char *out = (unsigned char *)"x";
	size_t len = 1;
	const char *h[] = { "a" };

	IS_ERR(pdf_form_field(NULL, "a", "b"));
	IS_ERR(pdf_finish(NULL, &out, &len));
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	IS_ERR(pdf_form_new(NULL, "t", NULL));
	NO_ERR(pdf_form_new(&f, "t", NULL));
	NO_ERR(pdf_book_new(&b, "b", NULL));
	IS_ERR(pdf_book_chapter(f, PDF_SECTION, "x", "y"));
	IS_ERR(pdf_form_field(b, "x", "y"));
	IS_ERR(pdf_book_chapter(b, 7, "x", "y"));
	IS_ERR(pdf_book_chapter(b, -1, "x", "y"));
	IS_ERR(pdf_form_table_row(f, h));
	IS_ERR(pdf_form_history_row(f, "a", "b", "c", "d"));
	NO_ERR(pdf_form_table_begin(f, 1, h, NULL));
	IS_ERR(pdf_form_history_row(f, "a", "b", "c", "d"));
	NO_ERR(pdf_form_table_end(f));
	IS_ERR(pdf_form_table_begin(f, 0, h, NULL));
	IS_ERR(pdf_form_table_begin(f, PDF_MAX_COLUMNS + 1, NULL, NULL));
	{
		const double w[] = { -1 };
		IS_ERR(pdf_form_table_begin(f, 1, h, w));
	}
	/* none of that broke the documents */
	NO_ERR(pdf_form_field(f, "still", "fine"));
	NO_ERR(pdf_book_chapter(b, PDF_SECTION, "still", "fine"));
	IS_ERR(pdf_finish(f, NULL, &len));
	NO_ERR(pdf_finish(f, &out, &len));
	free(out);
	IS_ERR(pdf_finish(f, &out, &len));
	IS_ERR(pdf_form_field(f, "too", "late"));
	pdf_free(f);
	pdf_free(b);
	pdf_free(NULL);
}
END_TEST

/* A libharu failure surfaces as a NEOERR and retires the document. */
START_TEST(hpdf_error_becomes_neoerr)
{
	pdf_doc *d = NULL;
	unsigned char *out = NULL;
	size_t len = 0;
	NEOERR *err;
	STRING msg;

	NO_ERR(pdf_form_new(&d, "Broken", NULL));
	NO_ERR(pdf_form_field(d, "a", "b"));
	/* an out-of-range line width makes libharu call the error handler */
	HPDF_Page_SetLineWidth(d->page, -5);
	err = pdf_form_field(d, "c", "d");
	ck_assert_ptr_nonnull(err);
	ck_assert(nerr_match(err, NERR_SYSTEM));
	string_init(&msg);
	nerr_error_string(err, &msg);
	ck_assert_msg(strstr(msg.buf, "libharu error"), "message: %s", msg.buf);
	string_clear(&msg);
	nerr_ignore(&err);
	IS_ERR(pdf_form_field(d, "e", "f"));
	IS_ERR(pdf_finish(d, &out, &len));
	ck_assert_ptr_null(out);
	pdf_free(d);
}
END_TEST

/* Text past PDF_MAX_TEXT is refused rather than drawn. */
START_TEST(oversized_text)
{
	pdf_doc *d = NULL;
	size_t n = PDF_MAX_TEXT + 1;
	char *big = malloc(n + 1);
	NEOERR *err;

	ck_assert_ptr_nonnull(big);
	memset(big, 'a', n);
	big[n] = '\0';
	NO_ERR(pdf_form_new(&d, "Big", NULL));
	err = pdf_form_field(d, "big", big);
	ck_assert(nerr_match(err, NERR_OUTOFRANGE));
	nerr_ignore(&err);
	pdf_free(d);
	NO_ERR(pdf_book_new(&d, "Big", NULL));
	err = pdf_book_chapter(d, PDF_SECTION, "big", big);
	ck_assert(nerr_match(err, NERR_OUTOFRANGE));
	nerr_ignore(&err);
	pdf_free(d);
	free(big);
}
END_TEST

/* ---- books -------------------------------------------------------------- */

/* The page a TOC line names for title (0 if none). */
static size_t toc_page_of(const char *toc, const char *title)
{
	const char *at = toc;
	size_t tl = strlen(title);

	while ((at = strstr(at, title)) != NULL) {
		const char *eol = strchr(at, '\n');
		const char *p;

		if (!eol)
			eol = at + strlen(at);
		/* the whole title, followed by leaders and a number */
		if (at[tl] == ' ' || at[tl] == '.') {
			p = eol;
			while (p > at && isspace((unsigned char)p[-1]))
				p--;
			while (p > at && isdigit((unsigned char)p[-1]))
				p--;
			if (isdigit((unsigned char)*p))
				return (size_t)strtoul(p, NULL, 10);
		}
		at += tl;
	}
	return 0;
}

/* First page after the contents with a line starting with title. */
static size_t heading_page(const char *txt, size_t npages, size_t first, const char *title)
{
	size_t i;

	for (i = first; i <= npages; i++) {
		char *pg = page_of(txt, i);
		const char *line = pg;
		int found = 0;

		while (line && *line && !found) {
			while (*line == ' ')
				line++;
			if (strncmp(line, title, strlen(title)) == 0 &&
			    (line[strlen(title)] == '\n' || line[strlen(title)] == '\0'))
				found = 1;
			line = strchr(line, '\n');
			if (line)
				line++;
		}
		free(pg);
		if (found)
			return i;
	}
	return 0;
}

static const char *const long_md = "Leave is accrued each month.\n\n"
				   "## Accrual\n\n"
				   "| Years of service | Hours per month | Carry forward |\n"
				   "|---|:---:|---:|\n"
				   "| 0 through 5 | 7.5 | 240 |\n"
				   "| 5 through 10 | 9 | 285 |\n"
				   "| 10 through 15 | 10.5 | 330 |\n"
				   "| over 20 | 15 | 450 hours, the most anyone may carry into a new year |\n\n"
				   "- bullet one\n"
				   "- bullet two\n"
				   "  - nested alpha\n"
				   "  - nested beta\n"
				   "    1. deep first\n"
				   "    2. deep second\n"
				   "- bullet three\n\n"
				   "3. third item\n"
				   "4. fourth item\n\n"
				   "Text with **bold words**, *italic words*, `code words` and "
				   "[a link](https://personnel.ky.gov/secret-url).\n\n"
				   "> Quoted policy text.\n\n"
				   "```\nliteral  code\n```\n\n"
				   "---\n\n";

static char *filler(int paragraphs)
{
	size_t cap = (size_t)paragraphs * 700 + 1, n = 0;
	char *s = malloc(cap);
	int i;

	ck_assert_ptr_nonnull(s);
	s[0] = '\0';
	for (i = 0; i < paragraphs; i++)
		n += (size_t)snprintf(s + n, cap - n,
				      "Paragraph %d. State employees accrue leave according to "
				      "their months of service, and the agency records it in "
				      "the time and attendance system. Questions go to the "
				      "agency's human resource administrator, who will explain "
				      "how the rule applies in each case and what forms must be "
				      "filed.\n\n",
				      i);
	return s;
}

START_TEST(book_toc_matches_pages)
{
	static const struct {
		int level;
		const char *title;
		int paras;
	} ch[] = {
		{ PDF_PART, "Part One General Information", 0 }, { PDF_SECTION, "Chapter Alpha Leave", 12 },
		{ PDF_SECTION, "Chapter Bravo Benefits", 3 },    { PDF_SUBSECTION, "Chapter Bravo Subsection", 1 },
		{ PDF_PART, "Part Two Workplace", 1 },           { PDF_SECTION, "Chapter Charlie Conduct", 20 },
		{ PDF_SECTION, "Chapter Delta Safety", 2 },
	};
	pdf_doc *d = NULL;
	char *txt, *toc, *first;
	size_t n, i, body;
	unsigned char *pdf;
	size_t len;

	NO_ERR(pdf_book_new(&d, "Employee Handbook", "Current as of 2026-11-23"));
	for (i = 0; i < sizeof ch / sizeof ch[0]; i++) {
		char *md = filler(ch[i].paras);
		size_t ml = strlen(md);
		char *all = malloc(ml + strlen(long_md) + 1);

		ck_assert_ptr_nonnull(all);
		memcpy(all, i == 1 ? long_md : "", i == 1 ? strlen(long_md) + 1 : 1);
		strcat(all, md);
		NO_ERR(pdf_book_chapter(d, ch[i].level, ch[i].title, all));
		free(md);
		free(all);
	}
	NO_ERR(pdf_finish(d, &pdf, &len));
	/* bookmarks: the contents plus one per chapter */
	{
		size_t outlines = 0;
		const unsigned char *p = pdf;
		while ((p = memmem(p, len - (size_t)(p - pdf), "/Parent", 7)) != NULL) {
			outlines++;
			p += 7;
		}
		ck_assert_uint_ge(outlines, sizeof ch / sizeof ch[0] + 1);
	}
	txt = pdf_to_text(pdf, len);
	free(pdf);
	n = count_pages(txt);
	ck_assert_uint_eq(n, pdf_page_count(d));
	pdf_free(d);
	ck_assert_uint_ge(n, 6);

	first = page_of(txt, 1);
	ck_assert(strstr(first, "Employee Handbook"));
	ck_assert(strstr(first, "Current as of 2026-11-23"));
	ck_assert(strstr(first, "Commonwealth of Kentucky"));
	ck_assert(!strstr(first, "Page 1 of"));
	free(first);
	toc = page_of(txt, 2);
	ck_assert(strstr(toc, "Table of Contents"));
	body = 3;
	for (i = 0; i < sizeof ch / sizeof ch[0]; i++) {
		size_t want = toc_page_of(toc, ch[i].title);
		size_t got = heading_page(txt, n, body, ch[i].title);

		ck_assert_msg(want > 0, "\"%s\" not in the contents", ch[i].title);
		ck_assert_msg(got == want, "\"%s\": contents say page %zu, found on %zu", ch[i].title, want, got);
	}
	for (i = 2; i <= n; i++) {
		char *pg = page_of(txt, i), buf[64];

		snprintf(buf, sizeof buf, "Page %zu of %zu", i, n);
		ck_assert_msg(strstr(pg, buf), "no \"%s\"", buf);
		free(pg);
	}
	/* Markdown came through */
	{
		const char *row[] = { "10 through 15", "10.5", "330" };
		const char *head[] = { "Years of service", "Hours per month", "Carry forward" };
		const char *b1[] = { "\xe2\x80\xa2", "bullet one" };
		const char *n1[] = { "\xe2\x80\x93", "nested alpha" };
		const char *o1[] = { "1.", "deep first" };
		const char *o3[] = { "3.", "third item" };

		ck_assert(line_has(txt, head, 3));
		ck_assert(line_has(txt, row, 3));
		ck_assert(strstr(txt, "the most anyone may carry"));
		ck_assert(line_has(txt, b1, 2));
		ck_assert(line_has(txt, n1, 2));
		ck_assert(line_has(txt, o1, 2));
		ck_assert(line_has(txt, o3, 2));
		ck_assert(strstr(txt, "Accrual"));
		ck_assert(strstr(txt, "bold words, italic words, code words and a link."));
		ck_assert(!strstr(txt, "secret-url"));
		ck_assert(strstr(txt, "Quoted policy text."));
		{
			/* two spaces kept: layout mode shows at least two */
			const char *code[] = { "literal  ", "code" };
			ck_assert(line_has(txt, code, 2));
		}
		ck_assert(strstr(txt, "Paragraph 19."));
	}
	free(toc);
	free(txt);
}
END_TEST

/* Seventy sections: the contents span pages and every number still holds. */
START_TEST(book_long_toc)
{
	pdf_doc *d = NULL;
	char *txt, *toc = NULL, title[64];
	size_t n, i, ntoc = 0, body;
	int s;

	NO_ERR(pdf_book_new(&d, "Employee Handbook", "Current as of 2026-11-23"));
	for (s = 0; s < 70; s++) {
		char *md = filler(s % 4);
		if (s % 10 == 0) {
			snprintf(title, sizeof title, "Part %02d Heading", s / 10);
			NO_ERR(pdf_book_chapter(d, PDF_PART, title, NULL));
		}
		snprintf(title, sizeof title, "Section %02d Title", s);
		NO_ERR(pdf_book_chapter(d, PDF_SECTION, title, md));
		free(md);
	}
	txt = finish_text(d, NULL);
	pdf_free(d);
	n = count_pages(txt);
	/* the contents pages: from page 2 until the first without entries */
	for (i = 2; i <= n; i++) {
		char *pg = page_of(txt, i);
		int is_toc = strstr(pg, "....") != NULL;
		if (is_toc) {
			size_t old = toc ? strlen(toc) : 0;
			toc = realloc(toc, old + strlen(pg) + 1);
			ck_assert_ptr_nonnull(toc);
			strcpy(toc + old, pg);
			ntoc++;
		}
		free(pg);
		if (!is_toc)
			break;
	}
	ck_assert_uint_ge(ntoc, 2);
	body = 2 + ntoc;
	for (s = 0; s < 70; s++) {
		size_t want, got;

		snprintf(title, sizeof title, "Section %02d Title", s);
		want = toc_page_of(toc, title);
		got = heading_page(txt, n, body, title);
		ck_assert_msg(want > 0 && want == got, "%s: contents say %zu, found on %zu", title, want, got);
	}
	free(toc);
	free(txt);
}
END_TEST

START_TEST(book_hostile_markdown)
{
	pdf_doc *d = NULL;
	char *noise = random_bytes(64 * 1024, 11), *deep, *txt;
	size_t i, n;

	NO_ERR(pdf_book_new(&d, NULL, NULL));
	NO_ERR(pdf_book_chapter(d, PDF_PART, NULL, NULL));
	NO_ERR(pdf_book_chapter(d, PDF_SECTION, "", ""));
	NO_ERR(pdf_book_chapter(d, PDF_SECTION, noise, noise));
	/* deep block quotes */
	deep = malloc(40001);
	ck_assert_ptr_nonnull(deep);
	memset(deep, '>', 40000);
	deep[40000] = '\0';
	NO_ERR(pdf_book_chapter(d, PDF_SECTION, "Deep quotes", deep));
	/* deep lists */
	n = 0;
	for (i = 0; i < 150 && n + 400 < 40000; i++) {
		memset(deep + n, ' ', i * 2);
		n += i * 2;
		n += (size_t)sprintf(deep + n, "- level %zu\n", i);
	}
	deep[n] = '\0';
	NO_ERR(pdf_book_chapter(d, PDF_SECTION, "Deep lists", deep));
	/* nested emphasis and brackets */
	for (i = 0; i < 20000; i++)
		deep[i] = "*_[("[i % 4];
	deep[20000] = '\0';
	NO_ERR(pdf_book_chapter(d, PDF_SECTION, "Stars", deep));
	/* a table of 40 columns and a one-column table */
	n = 0;
	for (i = 0; i < 40; i++)
		n += (size_t)sprintf(deep + n, "|h%zu", i);
	n += (size_t)sprintf(deep + n, "|\n");
	for (i = 0; i < 40; i++)
		n += (size_t)sprintf(deep + n, "|---");
	n += (size_t)sprintf(deep + n, "|\n");
	for (i = 0; i < 40; i++)
		n += (size_t)sprintf(deep + n, "|c%zu", i);
	sprintf(deep + n, "|\n\n|only|\n|-|\n||\n|x|\n");
	NO_ERR(pdf_book_chapter(d, PDF_SUBSECTION, "Wide table", deep));
	NO_ERR(pdf_book_chapter(d, PDF_SECTION, "Html",
				"<div>\n<b>raw</b>\n</div>\n\nInline <u>html</u> ![alt text](x.png)"));
	txt = finish_text(d, NULL);
	ck_assert(strstr(txt, "Table of Contents"));
	ck_assert(strstr(txt, "level 0"));
	ck_assert(strstr(txt, "alt text"));
	ck_assert(strstr(txt, "only"));
	pdf_free(d);
	free(txt);
	free(deep);
	free(noise);

	/* a book with no chapters */
	NO_ERR(pdf_book_new(&d, "Empty", NULL));
	txt = finish_text(d, NULL);
	ck_assert_uint_eq(count_pages(txt), 2);
	ck_assert(strstr(txt, "Table of Contents"));
	ck_assert(strstr(txt, "Page 2 of 2"));
	pdf_free(d);
	free(txt);
}
END_TEST

START_TEST(form_markdown)
{
	pdf_doc *d = NULL;
	char *txt;

	NO_ERR(pdf_form_new(&d, "Wizard Result", "Leave wizard \xc2\xb7 2026-11-23"));
	NO_ERR(pdf_form_field(d, "Answer", "You are eligible."));
	NO_ERR(pdf_form_markdown(d, "Per **101 KAR 2:102 \xc2\xa7 8**:\n\n"
				    "1. Submit the form\n2. Wait\n"));
	txt = finish_text(d, NULL);
	ck_assert(strstr(txt, "Per 101 KAR 2:102 \xc2\xa7 8:"));
	ck_assert(strstr(txt, "Submit the form"));
	ck_assert(strstr(txt, "Page 1 of 1"));
	pdf_free(d);
	free(txt);
}
END_TEST

static Suite *pdf_suite(void)
{
	Suite *s = suite_create("pdf");
	TCase *t = tcase_create("text");
	TCase *f = tcase_create("forms");
	TCase *b = tcase_create("books");

	tcase_add_test(t, cp1252_conversion);
	tcase_add_test(t, wrap_lines);
	suite_add_tcase(s, t);
	tcase_set_timeout(f, 120);
	tcase_add_test(f, form_content);
	tcase_add_test(f, form_table_header_repeats);
	tcase_add_test(f, form_table_tall_cell);
	tcase_add_test(f, form_deterministic);
	tcase_add_test(f, form_hostile_input);
	tcase_add_test(f, form_markdown);
	tcase_add_test(f, api_misuse);
	tcase_add_test(f, hpdf_error_becomes_neoerr);
	tcase_add_test(f, oversized_text);
	suite_add_tcase(s, f);
	tcase_set_timeout(b, 120);
	tcase_add_test(b, book_toc_matches_pages);
	tcase_add_test(b, book_long_toc);
	tcase_add_test(b, book_hostile_markdown);
	suite_add_tcase(s, b);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pdf_suite());
	int failed;
	NEOERR *err = nerr_init();

	nerr_ignore(&err);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
