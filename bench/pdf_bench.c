/* pdf_bench: how long the PDF module takes for a typical filed form and for
 * a handbook-sized book (70 sections, ~3 KB of Markdown each).
 *
 * usage: bench/pdf_bench [forms [book-runs [out.pdf]]]
 *   forms      form documents to generate (default 200)
 *   book-runs  books to generate (default 3)
 *   out.pdf    optionally write the last book there for a look */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pdf/pdf.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void check(NEOERR *err)
{
	if (err) {
		nerr_log_error(err);
		exit(EXIT_FAILURE);
	}
}

static size_t one_form(int seq)
{
	pdf_doc *d = NULL;
	unsigned char *pdf;
	size_t len;
	char ref[64], label[64], value[160];
	int i;

	snprintf(ref, sizeof ref, "Request #%d \xc2\xb7 filed 2026-11-23", seq);
	check(pdf_form_new(&d, "Sick Leave Donation Form", ref));
	check(pdf_form_section(d, "Donor"));
	for (i = 0; i < 30; i++) {
		if (i == 15)
			check(pdf_form_section(d, "Recipient"));
		snprintf(label, sizeof label, "Field %d", i);
		snprintf(value, sizeof value,
			 "Value %d \xe2\x80\x94 a typical answer "
			 "of a few words, sometimes long enough to wrap onto a "
			 "second line of the value column.",
			 i);
		check(pdf_form_field(d, label, i % 3 ? value : "Yes"));
	}
	check(pdf_form_section(d, "History"));
	check(pdf_form_history_begin(d));
	for (i = 0; i < 20; i++) {
		char when[32];
		snprintf(when, sizeof when, "2026-11-%02d 09:%02d", i + 1, i);
		check(pdf_form_history_row(d, when, "jdoe", "Reviewed", "Forwarded to the appointing authority."));
	}
	check(pdf_form_table_end(d));
	check(pdf_form_signature(d, "Employee signature", "Jane Doe", "2026-11-23 09:14"));
	check(pdf_form_signature(d, "Supervisor signature", NULL, NULL));
	check(pdf_finish(d, &pdf, &len));
	pdf_free(d);
	free(pdf);
	return len;
}

static char *section_md(int s)
{
	size_t cap = 8192, n = 0;
	char *md = malloc(cap);
	int p;

	if (!md)
		exit(EXIT_FAILURE);
	for (p = 0; p < 4; p++)
		n += (size_t)snprintf(md + n, cap - n,
				      "Paragraph %d of section %d. An employee with status who "
				      "is **separated** from service may be eligible for "
				      "*reinstatement*; see `101 KAR 2:102` and the agency's "
				      "[policy](https://personnel.ky.gov). Leave accrues monthly "
				      "and is recorded in the time and attendance system.\n\n",
				      p, s);
	n += (size_t)snprintf(md + n, cap - n,
			      "## Details\n\n- first point\n- second point\n  - nested one\n"
			      "  - nested two\n- third point\n\n1. Submit the form\n"
			      "2. Wait for approval\n\n");
	if (s % 3 == 0)
		n += (size_t)snprintf(md + n, cap - n,
				      "| Years of service | Hours per month | Carry forward |\n"
				      "|---|:---:|---:|\n| 0 through 5 | 7.5 | 240 |\n"
				      "| 5 through 10 | 9 | 285 |\n| 10 through 15 | 10.5 | 330 |\n"
				      "| over 20 | 15 | 450 |\n\n");
	snprintf(md + n, cap - n,
		 "LEGAL REFERENCES: KRS 18A.025; 101 KAR 2:102 "
		 "\xc2\xa7 %d\n",
		 s);
	return md;
}

static size_t one_book(const char *out, size_t *pages)
{
	pdf_doc *d = NULL;
	unsigned char *pdf;
	size_t len;
	char title[80];
	int s;

	check(pdf_book_new(&d, "Employee Handbook", "Current as of 2026-11-23"));
	for (s = 0; s < 70; s++) {
		char *md;

		if (s % 10 == 0) {
			snprintf(title, sizeof title, "Part %d", s / 10 + 1);
			check(pdf_book_chapter(d, PDF_PART, title, NULL));
		}
		snprintf(title, sizeof title, "Section %d: Policies and Procedures", s + 1);
		md = section_md(s);
		check(pdf_book_chapter(d, PDF_SECTION, title, md));
		free(md);
	}
	check(pdf_finish(d, &pdf, &len));
	*pages = pdf_page_count(d);
	pdf_free(d);
	if (out) {
		FILE *f = fopen(out, "wb");
		if (!f || fwrite(pdf, 1, len, f) != len || fclose(f) != 0) {
			perror(out);
			exit(EXIT_FAILURE);
		}
	}
	free(pdf);
	return len;
}

int main(int argc, char **argv)
{
	int forms = argc > 1 ? atoi(argv[1]) : 200;
	int books = argc > 2 ? atoi(argv[2]) : 3;
	const char *out = argc > 3 ? argv[3] : NULL;
	double t0, t1, best = 0;
	size_t bytes = 0, pages = 0;
	int i;
	NEOERR *err = nerr_init();

	nerr_ignore(&err);
	if (forms < 1)
		forms = 1;
	if (books < 1)
		books = 1;
	one_form(0); /* warm up */
	t0 = now_ms();
	for (i = 0; i < forms; i++)
		bytes += one_form(i);
	t1 = now_ms();
	printf("form: %d documents, %.2f ms per document, %zu bytes each\n", forms, (t1 - t0) / forms,
	       bytes / (size_t)forms);
	for (i = 0; i < books; i++) {
		double ms;

		t0 = now_ms();
		bytes = one_book(i == books - 1 ? out : NULL, &pages);
		ms = now_ms() - t0;
		if (i == 0 || ms < best)
			best = ms;
	}
	printf("book: 70 sections, %zu pages, %zu bytes, %.1f ms (best of %d)\n", pages, bytes, best, books);
	return 0;
}
