/* Tests for the parsers of the Employee Orientation Manual and the HR
 * training page (src/corpus/corpus_orientation.c, src/corpus/corpus_training.c), run on
 * the real files under $HR_SRCDIR/db/corpus. */
#include <check.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "corpus/corpus.h"
#include "content/markdown.h"

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static char *slurp(const char *name, size_t *len)
{
	const char *dir = getenv("HR_SRCDIR");
	char path[4096];
	FILE *f;
	long n;
	char *buf;

	snprintf(path, sizeof path, "%s/db/corpus/%s", dir && *dir ? dir : ".", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (is HR_SRCDIR set?)", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void parse_manual(struct corpus_document *doc)
{
	size_t len;
	char *text = slurp("orientation-manual.txt", &len);
	NEOERR *err;

	memset(doc, 0, sizeof *doc);
	err = corpus_parse_orientation(text, len, doc);
	free(text);
	if (err != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		ck_abort_msg("corpus_parse_orientation failed on the real manual");
	}
}

static void parse_training(struct corpus_document *doc)
{
	size_t len;
	char *text = slurp("hr-training-page.txt", &len);
	NEOERR *err;

	memset(doc, 0, sizeof *doc);
	err = corpus_parse_training(text, len, doc);
	free(text);
	if (err != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		ck_abort_msg("corpus_parse_training failed on the real page");
	}
}

static const struct corpus_section *find(const struct corpus_document *doc, const char *slug)
{
	for (size_t i = 0; i < doc->n_sections; i++)
		if (strcmp(doc->sections[i].slug, slug) == 0)
			return &doc->sections[i];
	ck_abort_msg("no section %s", slug);
	return NULL;
}

static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return 1;
	return 0;
}

/* Render Markdown; the HTML is returned, the plain text too if asked. */
static char *render(const char *md, char **text)
{
	char *html = NULL, *plain = NULL;
	NEOERR *err = markdown_render(md, strlen(md), &html, &plain);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		ck_abort_msg("markdown_render failed");
	}
	if (text)
		*text = plain;
	else
		free(plain);
	return html;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* A top-level list item with exactly this text. */
static int has_item(const char *md, const char *text)
{
	size_t n = strlen(text);

	for (const char *p = md; (p = strstr(p, text)) != NULL; p++) {
		if (p >= md + 2 && p[-2] == '-' && p[-1] == ' ' && (p - 2 == md || p[-3] == '\n') &&
		    (p[n] == '\n' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

static void assert_same_document(const struct corpus_document *a, const struct corpus_document *b)
{
	ck_assert_str_eq(a->slug, b->slug);
	ck_assert_str_eq(a->title, b->title);
	ck_assert_str_eq(a->description, b->description);
	ck_assert_str_eq(a->status, b->status);
	ck_assert_str_eq(a->revised, b->revised);
	ck_assert_str_eq(a->effective_date, b->effective_date);
	ck_assert_str_eq(a->source_file, b->source_file);
	ck_assert_str_eq(a->intro_md, b->intro_md);
	ck_assert_uint_eq(a->n_sections, b->n_sections);
	ck_assert_uint_eq(a->n_terms, b->n_terms);
	for (size_t i = 0; i < a->n_sections; i++) {
		const struct corpus_section *x = &a->sections[i], *y = &b->sections[i];

		ck_assert_int_eq(x->kind, y->kind);
		ck_assert_int_eq(x->parent, y->parent);
		ck_assert_str_eq(x->slug, y->slug);
		ck_assert_str_eq(x->toc_title, y->toc_title);
		ck_assert_int_eq(x->toc_page, y->toc_page);
		ck_assert_str_eq(x->title, y->title);
		ck_assert_str_eq(x->body_md, y->body_md);
		ck_assert_uint_eq(x->n_citations, y->n_citations);
		ck_assert(x->n_citations == 0 ||
			  memcmp(x->citations, y->citations, x->n_citations * sizeof *x->citations) == 0);
	}
}

/* The document is well formed: unique slugs, parents before children,
 * clean titles, every body non-empty Markdown that renders. */
static void assert_well_formed(const struct corpus_document *doc)
{
	for (size_t i = 0; i < doc->n_sections; i++) {
		const struct corpus_section *s = &doc->sections[i];
		size_t tl = strlen(s->title);
		char *html;

		ck_assert_msg(*s->slug != '\0', "section %zu has no slug", i);
		for (size_t k = 0; k < i; k++)
			ck_assert_str_ne(doc->sections[k].slug, s->slug);
		ck_assert_msg(s->parent >= -1 && s->parent < (int)i, "%s: parent %d", s->slug, s->parent);
		if (s->parent >= 0)
			ck_assert_int_ne(doc->sections[s->parent].kind, CORPUS_SECTION);
		ck_assert_msg(tl > 0 && s->title[0] != ' ' && s->title[tl - 1] != ' ' && !strchr(s->title, '\n'),
			      "title \"%s\" is not clean", s->title);
		ck_assert_msg(strstr(s->title, "  ") == NULL, "title \"%s\" has double spaces", s->title);
		ck_assert_msg(*s->body_md != '\0', "section %s has no text", s->slug);
		ck_assert_msg(strlen(s->body_md) <= MARKDOWN_MAX_SOURCE, "section %s too long", s->slug);
		html = render(s->body_md, NULL);
		ck_assert_msg(strlen(html) > 0, "section %s renders empty", s->slug);
		free(html);
	}
	if (doc->intro_md && *doc->intro_md)
		free(render(doc->intro_md, NULL));
}

/* ------------------------------------------------------------------------
 * Orientation manual
 * ------------------------------------------------------------------------ */

struct expect {
	enum corpus_kind kind;
	const char *parent; /* slug, NULL at the top */
	const char *slug;
	const char *title;
};

static const struct expect manual_sections[] = {
	{ CORPUS_SECTION, NULL, "kentucky-retirement", "Kentucky Retirement" },
	{ CORPUS_SECTION, NULL, "sick-leave-requirements-by-hours-and-days-worked",
	  "Sick Leave Requirements by Hours and Days Worked" },
	{ CORPUS_SECTION, NULL, "group-life-insurance-plan", "Group Life Insurance Plan" },
	{ CORPUS_SECTION, NULL, "health-insurance-information", "Health Insurance Information" },
	{ CORPUS_SECTION, NULL, "flexible-spending-account-fsa-programs", "Flexible Spending Account (FSA) Programs" },
	{ CORPUS_SECTION, NULL, "how-the-pay-system-works", "How The Pay System Works" },
	{ CORPUS_GROUP, NULL, "department-for-local-government", "Department for Local Government" },
	{ CORPUS_SECTION, "department-for-local-government", "welcome-to-dlg", "Welcome to DLG" },
	{ CORPUS_SECTION, "department-for-local-government", "duties-and-responsibilities",
	  "Duties and Responsibilities" },
	{ CORPUS_SECTION, "department-for-local-government", "dlg-time-and-attendance-guidelines",
	  "DLG Time and Attendance Guidelines" },
	{ CORPUS_SECTION, "department-for-local-government", "dlg-vehicle-guidelines", "DLG Vehicle Guidelines" },
	{ CORPUS_PART, NULL, "section-three-policies-procedures", "Section Three: Policies & Procedures" },
	{ CORPUS_GROUP, "section-three-policies-procedures", "time-and-attendance", "Time and Attendance" },
	{ CORPUS_SECTION, "time-and-attendance", "annual-leave", "Annual Leave" },
	{ CORPUS_SECTION, "time-and-attendance", "sick-leave", "Sick Leave" },
	{ CORPUS_SECTION, "time-and-attendance", "sick-leave-donation-form", "Sick Leave Donation Form" },
	{ CORPUS_SECTION, "time-and-attendance", "compensatory-time-and-leave", "Compensatory Time and Leave" },
	{ CORPUS_SECTION, "time-and-attendance", "blood-donation-leave", "Blood Donation Leave" },
	{ CORPUS_SECTION, "time-and-attendance", "court-leave", "Court Leave" },
	{ CORPUS_SECTION, "time-and-attendance", "special-leave-of-absence", "Special Leave of Absence" },
	{ CORPUS_SECTION, "time-and-attendance", "family-and-medical-leave-fmla", "Family and Medical Leave (FMLA)" },
	{ CORPUS_SECTION, "time-and-attendance", "military-leave", "Military Leave" },
	{ CORPUS_SECTION, "time-and-attendance", "voting-leave", "Voting Leave" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "issuance-of-paychecks-to-state-employees",
	  "Issuance of Paychecks to State Employees" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "travel-voucher-and-regulations",
	  "Travel Voucher and Regulations" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "use-of-information-technology-resources",
	  "Use of Information Technology Resources" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "use-of-state-materials-and-equipment",
	  "Use of State Materials and Equipment" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "telephone-usage", "Telephone Usage" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "firearm-restrictions", "Firearm Restrictions" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "drug-free-workplace", "Drug-Free Workplace" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "inclement-weather-policy", "Inclement Weather Policy" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "discrimination-and-political-activities",
	  "Discrimination and Political Activities" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "ethics", "Ethics" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "equal-employment-opportunity",
	  "Equal Employment Opportunity" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "sexual-harassment-policy", "Sexual Harassment Policy" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "americans-with-disabilities-act-ada-policy-statement",
	  "Americans with Disabilities Act (ADA) Policy Statement" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "employee-grievances-and-complaints",
	  "Employee Grievances and Complaints" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "appeals-to-the-personnel-board",
	  "Appeals to the Personnel Board" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "employee-benefits-schedule",
	  "Employee Benefits Schedule" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "salary-schedule", "Salary Schedule" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "credit-unions", "Credit Unions" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "social-security", "Social Security" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "unemployment-insurance", "Unemployment Insurance" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "workers-compensation-program",
	  "Worker\xe2\x80\x99s Compensation Program" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-safety-program", "Kentucky Safety Program" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-return-to-work-program",
	  "Kentucky Return to Work Program" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "other-insurance", "Other Insurance" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "deferred-compensation", "Deferred Compensation" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-employee-retirement-system",
	  "Kentucky Employee Retirement System" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "educational-assistance", "Educational Assistance" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "educational-achievement-award",
	  "Educational Achievement Award" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "employee-and-development-training-services",
	  "Employee and Development Training Services" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-employee-suggestion-system",
	  "Kentucky Employee Suggestion System" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-employee-assistance-program-keap",
	  "Kentucky Employee Assistance Program (KEAP)" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-employee-mediation-program",
	  "Kentucky Employee Mediation Program" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "kentucky-employee-handbook",
	  "Kentucky Employee Handbook" },
	{ CORPUS_SECTION, "section-three-policies-procedures", "employee-performance-evaluation",
	  "Employee Performance Evaluation" },
	{ CORPUS_GROUP, NULL, "forms", "Forms" },
	{ CORPUS_SECTION, "forms", "orientation-manual-acknowledgment", "Orientation Manual Acknowledgment" },
	{ CORPUS_SECTION, "forms", "confidentiality-security-and-acceptable-use-agreement",
	  "Employee Confidentiality/Security, Internet and Electronic Mail Acceptable Use Agreement" },
	{ CORPUS_SECTION, "forms", "request-and-application-for-approval-of-outside-employment",
	  "Request and Application for Approval of Outside Employment" },
	{ CORPUS_SECTION, "forms", "grievance-form", "Grievance Form" },
	{ CORPUS_SECTION, "forms", "kentucky-personnel-board-appeal-form", "Kentucky Personnel Board Appeal Form" },
};

#define N_MANUAL (sizeof manual_sections / sizeof manual_sections[0])

/* The blank paper forms (the portal replaces them). */
static const char *const form_slugs[] = {
	"sick-leave-donation-form",
	"orientation-manual-acknowledgment",
	"confidentiality-security-and-acceptable-use-agreement",
	"request-and-application-for-approval-of-outside-employment",
	"grievance-form",
	"kentucky-personnel-board-appeal-form",
	NULL,
};

START_TEST(test_manual_metadata)
{
	struct corpus_document doc;

	parse_manual(&doc);
	ck_assert_str_eq(doc.slug, "orientation-manual");
	ck_assert_str_eq(doc.title, "Employee Orientation Manual");
	ck_assert_str_eq(doc.status, "historical");
	ck_assert_str_eq(doc.revised, "undated");
	ck_assert_str_eq(doc.effective_date, "2006-01-01");
	ck_assert_str_eq(doc.source_file, "orientation-manual.txt");
	ck_assert(strstr(doc.description, "older") != NULL);
	ck_assert(strstr(doc.description, "kept for reference") != NULL);
	ck_assert(strstr(doc.description, "Employee Handbook states current policy") != NULL);
	ck_assert(strstr(doc.intro_md, "Employee Handbook") != NULL);
	ck_assert_uint_eq(doc.n_terms, 0);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_sections_in_order)
{
	struct corpus_document doc;

	parse_manual(&doc);
	ck_assert_uint_eq(doc.n_sections, N_MANUAL);
	for (size_t i = 0; i < N_MANUAL; i++) {
		const struct expect *e = &manual_sections[i];
		const struct corpus_section *s = &doc.sections[i];

		ck_assert_str_eq(s->title, e->title);
		ck_assert_str_eq(s->slug, e->slug);
		ck_assert_int_eq(s->kind, e->kind);
		if (e->parent)
			ck_assert_str_eq(doc.sections[s->parent].slug, e->parent);
		else
			ck_assert_int_eq(s->parent, -1);
	}
	/* A form's short name for the table of contents. */
	ck_assert_str_eq(find(&doc, "confidentiality-security-and-acceptable-use-agreement")->toc_title,
			 "Confidentiality/Security and Acceptable Use Agreement");
	assert_well_formed(&doc);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_sick_leave_table)
{
	struct corpus_document doc;
	const struct corpus_section *s;
	char *html;

	parse_manual(&doc);
	s = find(&doc, "sick-leave-requirements-by-hours-and-days-worked");
	html = render(s->body_md, NULL);
	ck_assert(strstr(html, "<table>") != NULL);
	ck_assert(strstr(html, "<th>7\xc2\xbd hr. day</th>") != NULL);
	ck_assert(strstr(html, "<th>8 hr. day</th>") != NULL);
	ck_assert(strstr(html, "<th>Months of Service Credit</th>") != NULL);
	ck_assert(strstr(html, "<th>Number of Days</th>") != NULL);
	/* "82.5 – 157.5 88 – 168 1 11 – 21" is one row of four cells. */
	ck_assert(strstr(html, "<tr>\n<td>82.5 \xe2\x80\x93 157.5</td>\n<td>88 \xe2\x80\x93 168</td>\n"
			       "<td>1</td>\n<td>11 \xe2\x80\x93 21</td>\n</tr>") != NULL);
	ck_assert(strstr(html, "<td>3075.0 \xe2\x80\x93 3150.0</td>") != NULL);
	ck_assert_uint_eq(count(html, "<tr>"), 21); /* the header and 20 months */
	free(html);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_other_tables)
{
	struct corpus_document doc;
	char *html;

	parse_manual(&doc);
	/* Annual leave: accrual and carry-forward by months of service. */
	html = render(find(&doc, "annual-leave")->body_md, NULL);
	ck_assert_uint_eq(count(html, "<table>"), 2);
	ck_assert(strstr(html, "<td>60-119 months</td>\n<td>1 1/4 leave days per month; 15 per year</td>") != NULL);
	ck_assert(strstr(html, "<td>240 months &amp; over</td>\n<td>Sixty (60) work days</td>") != NULL);
	free(html);

	/* The benefits schedule: two-character check columns. */
	html = render(find(&doc, "employee-benefits-schedule")->body_md, NULL);
	ck_assert_uint_eq(count(html, "<table>"), 2);
	ck_assert(strstr(html, "<th>Part-Time (Less Than 100 Hours Per Mo)</th>") != NULL);
	ck_assert(strstr(html, "<td>Sick Leave</td>\n<td>X</td>\n<td></td>\n<td>X</td>\n<td></td>") != NULL);
	ck_assert(strstr(html, "<td>Social Security</td>\n<td>X</td>\n<td>X</td>\n<td>X</td>\n<td>X</td>") != NULL);
	ck_assert(strstr(html, "<td>Compensatory Leave</td>") != NULL);
	ck_assert(strstr(html, "<td>Retirement (KERS)</td>") != NULL);
	ck_assert(strstr(html, "<td>Labor Day</td>\n<td>First Monday in September</td>") != NULL);
	ck_assert(strstr(html, "<td>Good Friday</td>\n<td>One-half day</td>") != NULL);
	free(html);

	/* The salary schedule: 18 grades, hourly, monthly and annual. */
	html = render(find(&doc, "salary-schedule")->body_md, NULL);
	ck_assert_uint_eq(count(html, "<table>"), 1);
	ck_assert_uint_eq(count(html, "<tr>"), 1 + 18 * 3);
	ck_assert(strstr(html, "<td>5</td>\n<td>Monthly</td>\n<td>$1,175.54</td>\n<td>$1,557.24</td>\n"
			       "<td>$1,253.90</td>\n<td>$1,661.06</td>") != NULL);
	ck_assert(strstr(html, "<td>22*</td>\n<td>Annual</td>\n<td>$71,278.56</td>\n<td>$94,432.80</td>\n"
			       "<td>$76,030.32</td>\n<td>$100,728.24</td>") != NULL);
	free(html);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_text_flow)
{
	struct corpus_document doc;
	const char *md;

	parse_manual(&doc);
	md = find(&doc, "kentucky-retirement")->body_md;
	ck_assert(strstr(md, "## Facts about KRS\n") != NULL);
	ck_assert(has_item(md, "The Board appoints the Executive Director to oversee administration."));
	/* A wrapped item is one item. */
	ck_assert(has_item(md, "The Kentucky Retirement Systems administers the Kentucky Employees Retirement "
			       "System (KERS), County Employees Retirement System (CERS) and State Police "
			       "Retirement System (SPRS)."));

	md = find(&doc, "health-insurance-information")->body_md;
	ck_assert(strstr(md, "\n    - County Employees Retirement System (CERS);\n") != NULL); /* "o" */
	ck_assert(strstr(md, "### Retirees\n") != NULL);
	ck_assert(has_item(md, "Single \xe2\x80\x93 covers the employee only."));
	ck_assert(has_item(md, "The employer\xe2\x80\x99s commencement of a bankruptcy proceeding under Title 11 "
			       "of the United States Code; and"));

	md = find(&doc, "sick-leave")->body_md;
	/* Items whose bullet glyph the conversion lost, nested. */
	ck_assert(strstr(md, "\n    - Are unable to work due to medical, dental or optical examination or "
			     "treatment\n") != NULL);
	ck_assert(strstr(md, "1. You won't be paid your salary.\n") != NULL);
	/* Across the page footer "36". */
	ck_assert(strstr(md, "To do so, you must complete the appropriate leave request form") != NULL);

	md = find(&doc, "military-leave")->body_md;
	ck_assert(strstr(md, "per federal fiscal year (October-September), provided") != NULL);
	md = find(&doc, "educational-assistance")->body_md;
	ck_assert(strstr(md, "Executive Order 2004-728 abolished") != NULL);
	ck_assert(strstr(md, "## I. Authority\n") != NULL);
	ck_assert(strstr(md, "### I. Obligation of the Employee\n") != NULL); /* after "H." */
	md = find(&doc, "use-of-information-technology-resources")->body_md;
	ck_assert(strstr(md, "## Employee Responsibility\n") != NULL); /* after the footer "45" */
	ck_assert(strstr(md, "to use their access to the Internet and E-mail in") != NULL);

	/* The file size of a former link is not text. */
	md = find(&doc, "discrimination-and-political-activities")->body_md;
	ck_assert(strstr(md, "KRS 18A.140 lists the political activities") != NULL);
	ck_assert(strstr(find(&doc, "equal-employment-opportunity")->body_md, "PDF") == NULL);

	/* Hyphens at line ends. */
	ck_assert(strstr(find(&doc, "group-life-insurance-plan")->body_md, "1-800-267-8352") != NULL);
	ck_assert(strstr(find(&doc, "sick-leave")->body_md, "normally payroll-deducted loans") != NULL);

	/* The DLG outline: I. / a. / i. */
	md = find(&doc, "welcome-to-dlg")->body_md;
	ck_assert(strstr(md, "- I. Office of the Commissioner\n    - a. Financial Management") != NULL);
	ck_assert(strstr(md, "\n        - xii. Recreational Trails Program\n") != NULL);

	/* Pages whose content the text copy lacks are named, not dropped. */
	ck_assert(strstr(find(&doc, "how-the-pay-system-works")->body_md, "Direct Deposit Form") != NULL);
	corpus_document_free(&doc);
}
END_TEST

static void assert_no_artifacts(const struct corpus_document *doc)
{
	for (size_t i = 0; i < doc->n_sections; i++) {
		const struct corpus_section *s = &doc->sections[i];
		const char *md = s->body_md;
		char *text, *html = render(md, &text);

		ck_assert_msg(strstr(md, "\\_\\_") == NULL && strstr(text, "__") == NULL, "%s: a form blank", s->slug);
		ck_assert_msg(strstr(md, "\\$") == NULL && strstr(text, "\\$") == NULL, "%s: an escaped dollar",
			      s->slug);
		ck_assert_msg(strstr(text, "^{") == NULL, "%s: a superscript", s->slug);
		ck_assert_msg(strstr(text, "<u>") == NULL && strstr(md, "\\<u\\>") == NULL, "%s: <u>", s->slug);
		ck_assert_msg(strstr(text, "**") == NULL && strstr(md, "\\*\\*") == NULL, "%s: bold markers", s->slug);
		ck_assert_msg(strstr(md, "\xe2\x80\xa2") == NULL, "%s: a bullet glyph left in the text", s->slug);
		ck_assert_msg(strchr(md, '\t') == NULL && strchr(md, '\r') == NULL, "%s: a tab or CR", s->slug);
		/* Cyrillic and Greek letters (look-alikes of X, Y, ...). */
		for (const unsigned char *p = (const unsigned char *)md; *p; p++)
			ck_assert_msg(*p < 0xcd || *p > 0xd3, "%s: a Cyrillic or Greek letter", s->slug);
		/* No page footer (a line that is a lone page number). */
		for (const char *p = text; *p;) {
			const char *e = strchr(p, '\n');
			size_t n = e ? (size_t)(e - p) : strlen(p), d = 0;

			while (d < n && isdigit((unsigned char)p[d]))
				d++;
			ck_assert_msg(!(n > 0 && d == n), "%s: a page number \"%.*s\"", s->slug, (int)n, p);
			p += n + (e != NULL);
		}
		free(html);
		free(text);
	}
}

START_TEST(test_manual_no_artifacts)
{
	struct corpus_document doc;

	parse_manual(&doc);
	assert_no_artifacts(&doc);
	/* Page footers: the numbers 36, 43, 45 and 69 ended paragraphs. */
	ck_assert(strstr(find(&doc, "sick-leave")->body_md, "To do\n") == NULL);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_forms)
{
	struct corpus_document doc;
	const char *md;

	parse_manual(&doc);
	/* No form asks for a Social Security number, in any spelling. */
	for (int i = 0; form_slugs[i]; i++) {
		const struct corpus_section *s = find(&doc, form_slugs[i]);
		char *text, *html = render(s->body_md, &text);

		ck_assert_msg(!contains_ci(s->body_md, "social security") && !contains_ci(text, "social security") &&
				      !contains_ci(text, "soc. sec") && !contains_ci(text, "ssn"),
			      "%s mentions a Social Security number", s->slug);
		ck_assert_msg(strstr(text, "_") == NULL, "%s keeps a blank", s->slug);
		free(html);
		free(text);
	}

	md = find(&doc, "sick-leave-donation-form")->body_md;
	ck_assert(has_item(md, "Name of Donor"));
	ck_assert(has_item(md, "Department"));
	ck_assert(has_item(md, "Name of Recipient"));
	ck_assert(has_item(md, "Amount of Donation to be credited to Recipient (Employee must have 75 hours "
			       "remaining after donation. Minimum amount employee may donate is 7.5 hours.)"));
	ck_assert(has_item(md, "Signature of Donor"));
	ck_assert(has_item(md, "Signature of Appointing Authority"));
	ck_assert(has_item(md, "Date"));
	ck_assert(strstr(md, "## To Be Completed by Recipient\xe2\x80\x99s Payroll Officer\n") != NULL);
	ck_assert(has_item(md, "Recipient\xe2\x80\x99s current sick leave balance"));
	ck_assert(has_item(md, "Donation"));
	ck_assert(has_item(md, "Recipient\xe2\x80\x99s New Sick Leave Balance"));
	ck_assert(strstr(md, "authorized by KRS 18A.197.") != NULL);

	md = find(&doc, "orientation-manual-acknowledgment")->body_md;
	ck_assert(strstr(md, "I have read this orientation manual") != NULL);
	ck_assert(has_item(md, "Name") && has_item(md, "Division") && has_item(md, "Work Location") &&
		  has_item(md, "Date"));

	md = find(&doc, "confidentiality-security-and-acceptable-use-agreement")->body_md;
	ck_assert(strstr(md, "I understand all UserID and Passwords") != NULL);
	ck_assert(has_item(md, "Policy Number CIO-060 - Office of the Chief Information Officer Enterprise Policy"));
	ck_assert(has_item(md, "e-CFR Title 45: Public Welfare, Part 164 \xe2\x80\x93 Security and Privacy"));
	ck_assert(has_item(md, "Printed Employee Name"));
	ck_assert(has_item(md, "Printed Supervisor Name"));
	ck_assert(has_item(md, "Employee Signature"));
	ck_assert(has_item(md, "Supervisor Signature"));

	md = find(&doc, "request-and-application-for-approval-of-outside-employment")->body_md;
	ck_assert(strstr(md, "## Request for Approval of Outside Employment\n") != NULL);
	ck_assert(strstr(md, "## Application for Approval of Outside Employment\n") != NULL);
	ck_assert(strstr(md, "### Statement by Appointing Authority\n") != NULL);
	ck_assert(has_item(md, "Name of Outside Employer"));
	ck_assert(has_item(md, "Address of Outside Employer"));
	ck_assert(has_item(md, "My Commission expires"));
	ck_assert(has_item(md, "Name of Employee"));
	ck_assert(has_item(md, "Name of Immediate Supervisor"));
	ck_assert(has_item(md, "Type of Business"));
	ck_assert(has_item(md, "Description of outside employment (include days and hours to be worked)"));

	md = find(&doc, "grievance-form")->body_md;
	ck_assert(strstr(md, "Printed form: Form \\#21, revised 12-01-92.") != NULL ||
		  strstr(md, "Printed form: Form #21, revised 12-01-92.") != NULL);
	ck_assert(has_item(md, "Name (Last, First)"));
	ck_assert(has_item(md, "Job Classification"));
	ck_assert(has_item(md, "Work Location"));
	ck_assert(has_item(md, "What Specific Solution Do You Recommend to Resolve Your Grievance?"));
	ck_assert(has_item(md, "I appeal this decision to the next level. (Must be requested within two (2) "
			       "work days of receipt of supervisor's decision.)"));
	/* The review levels, in order. */
	{
		const char *a = strstr(md, "Findings and Decision of Supervisor");
		const char *b = strstr(md, "## Second Level Review\n");
		const char *c = strstr(md, "## Third Level Review\n");
		const char *d = strstr(md, "## Final Supervisory Review\n");

		ck_assert(a && b && c && d && a < b && b < c && c < d);
		ck_assert(strstr(d, "- I concur with this decision.\n") != NULL);
	}

	md = find(&doc, "kentucky-personnel-board-appeal-form")->body_md;
	ck_assert(has_item(md, "Name (Last, First, Middle, Maiden)"));
	ck_assert(has_item(md, "Home Address (Street, City, State, Zip Code)"));
	ck_assert(has_item(md, "Work Station Phone No"));
	ck_assert(has_item(md, "Name of Appointing Authority"));
	ck_assert(has_item(md, "Dismissal"));
	ck_assert(has_item(md, "Involuntary Transfer"));
	ck_assert(has_item(md, "Removal from Register"));
	ck_assert(has_item(md, "Other Penalization (Specify)"));
	ck_assert(strstr(md, "## Unclassified Employee, Prepare This Section\n") != NULL);
	ck_assert(has_item(md, "Date of Receipt of Notice of Appealed Action (Attach a copy of any written notice "
			       "which you received relating to this Appeal.)"));
	ck_assert(strstr(md, "For Official Use Only") == NULL);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_citations)
{
	struct corpus_document doc;
	const struct {
		const char *slug, *cite;
	} want[] = {
		{ "kentucky-retirement", "KRS 61.565" },
		{ "sick-leave-donation-form", "KRS 18A.197" },
		{ "grievance-form", "KRS 18A.095" },
		{ "grievance-form", "101 KAR 1:375, Section 3" },
		{ "dlg-time-and-attendance-guidelines", "101 KAR 2:102, Section 10" },
		{ "voting-leave", "101 KAR 3:015" },
		{ "use-of-state-materials-and-equipment", "KRS 11A.005" },
		{ "use-of-state-materials-and-equipment", "KRS 11A.040" },
		{ "use-of-information-technology-resources", "KRS 434.840" },
		{ "equal-employment-opportunity", "EO 2006-402" },
		{ "educational-assistance", "KRS Chapter 18A" },
		{ "kentucky-personnel-board-appeal-form", "KRS Chapter 18A" },
	};

	parse_manual(&doc);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct corpus_section *s = find(&doc, want[i].slug);
		int found = 0;

		for (size_t k = 0; k < s->n_citations; k++)
			found |= strcmp(s->citations[k].cite, want[i].cite) == 0;
		ck_assert_msg(found, "%s does not cite %s", want[i].slug, want[i].cite);
	}
	/* Nothing invented: every citation is printed in its section. */
	for (size_t i = 0; i < doc.n_sections; i++) {
		const struct corpus_section *s = &doc.sections[i];

		for (size_t k = 0; k < s->n_citations; k++)
			ck_assert_msg(strstr(s->body_md, s->citations[k].raw) != NULL, "%s: \"%s\" not in its text",
				      s->slug, s->citations[k].raw);
	}
	/* "KRS" alone is Kentucky Retirement Systems, not a statute. */
	ck_assert_uint_eq(find(&doc, "health-insurance-information")->n_citations, 0);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_manual_deterministic)
{
	struct corpus_document a, b, c;
	size_t len;
	char *text;
	NEOERR *err;

	parse_manual(&a);
	parse_manual(&b);
	assert_same_document(&a, &b);

	/* The same text without its final newline, and with CRLF lines. */
	text = slurp("orientation-manual.txt", &len);
	while (len > 0 && text[len - 1] == '\n')
		len--;
	memset(&c, 0, sizeof c);
	err = corpus_parse_orientation(text, len, &c);
	ck_assert(err == STATUS_OK);
	assert_same_document(&a, &c);
	corpus_document_free(&c);
	{
		char *crlf = malloc(len * 2 + 1);
		size_t o = 0;

		ck_assert_ptr_nonnull(crlf);
		for (size_t i = 0; i < len; i++) {
			if (text[i] == '\n')
				crlf[o++] = '\r';
			crlf[o++] = text[i];
		}
		memset(&c, 0, sizeof c);
		err = corpus_parse_orientation(crlf, o, &c);
		ck_assert(err == STATUS_OK);
		assert_same_document(&a, &c);
		corpus_document_free(&c);
		free(crlf);
	}
	free(text);
	corpus_document_free(&a);
	corpus_document_free(&b);
}
END_TEST

/* ------------------------------------------------------------------------
 * Hostile input
 * ------------------------------------------------------------------------ */

typedef NEOERR *(*parser_fn)(const char *, size_t, struct corpus_document *);

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Whatever the input, the parser returns an error and an empty document,
 * or a well-formed document. */
static void parse_any(parser_fn parse, const char *text, size_t len)
{
	struct corpus_document doc;
	NEOERR *err;

	memset(&doc, 0, sizeof doc);
	err = parse(text, len, &doc);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		ck_assert_uint_eq(doc.n_sections, 0);
		ck_assert_ptr_null(doc.slug);
		return;
	}
	ck_assert_ptr_nonnull(doc.slug);
	assert_well_formed(&doc);
	corpus_document_free(&doc);
}

static void hostile(parser_fn parse)
{
	struct corpus_document doc;
	NEOERR *err;
	size_t big = 1024 * 1024;
	char *buf = malloc(big + 1);
	const char *const fills[] = { "a", "$", "^{", "_", "\xe2\x80\xa2 ", "\n", " ", "(", "1. ", "\\$", NULL };

	ck_assert_ptr_nonnull(buf);
	/* Empty input: an error and an empty document. */
	memset(&doc, 0, sizeof doc);
	err = parse("", 0, &doc);
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);
	ck_assert_uint_eq(doc.n_sections, 0);
	memset(&doc, 0, sizeof doc);
	err = parse(NULL, 0, &doc);
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);

	/* 1 MB of one line, of each troublesome pattern. */
	for (int f = 0; fills[f]; f++) {
		size_t n = strlen(fills[f]);

		for (size_t i = 0; i < big; i++)
			buf[i] = fills[f][i % n];
		buf[big] = '\0';
		parse_any(parse, buf, big);
	}
	/* Stray bold markers: smaller, because AddressSanitizer's strstr()
	 * makes textclean_line's count of "**" quadratic (it is linear in a
	 * normal build). */
	memset(buf, '*', 64 * 1024);
	parse_any(parse, buf, 64 * 1024);
	/* Random bytes, including NULs. */
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int round = 0; round < 8; round++) {
		size_t n = (size_t)(rng() % 20000) + 1;

		for (size_t i = 0; i < n; i++)
			buf[i] = (char)(rng() & 0xff);
		parse_any(parse, buf, n);
	}
	free(buf);
}

START_TEST(test_manual_hostile)
{
	hostile(corpus_parse_orientation);
}
END_TEST

/* A section title, then a huge line or many lines of one pattern: every
 * builder (prose, tables, forms) meets hostile text. */
START_TEST(test_manual_hostile_sections)
{
	const char *const titles[] = {
		"Kentucky Retirement",
		"Sick Leave Requirements by Hours and Days Worked",
		"Employee Benefits Schedule\nBENEFITS Full-Time Part-Time (Less Than 100 Hours Per Mo) "
		"Interim Per Diem COMMENTS\nLabor Day First Monday in September",
		"Salary Schedule\n37.5 Hour Schedule 40 Hour Schedule",
		"Sick Leave Donation Form",
		"Section Three: Policies & Procedures\nSECTION THREE\nPolicies & Procedures\nTime and Attendance",
		NULL,
	};
	const char *const fills[] = {
		"*** ",
		"a ",
		"( ",
		") ",
		"_",
		"   ",
		"X ",
		"HR $1 ",
		": (",
		"\xe2\x80\xa2 ",
		"1. ",
		"i. ",
		"\n",
		" o\n",
		"A.\n\n",
		"x\n\n\n\n1\n\n",
		"NAM\nE:\n",
		"(LAST) (FIRST (\n",
		"Months of Service ",
		"82.5 \xe2\x80\x93 157.5 88 \xe2\x80\x93 168 1 11 \xe2\x80\x93 21\n",
		"Plan 1    $5\n",
		"KRS 18A.0",
		"101 KAR 1:",
		" + ___ = ",
		"Revised 1 FORM #",
		NULL,
	};
	size_t big = 64 * 1024; /* enough for a quadratic step to show */
	char *buf = malloc(big + 512);

	ck_assert_ptr_nonnull(buf);
	for (int t = 0; titles[t]; t++) {
		size_t tl = strlen(titles[t]);

		for (int f = 0; fills[f]; f++) {
			size_t n = strlen(fills[f]);

			memcpy(buf, titles[t], tl);
			buf[tl] = '\n';
			for (size_t i = 0; i < big; i++)
				buf[tl + 1 + i] = fills[f][i % n];
			parse_any(corpus_parse_orientation, buf, tl + 1 + big);
		}
	}
	free(buf);
}
END_TEST

/* The real manual cut short, mangled or padded still parses cleanly. */
START_TEST(test_manual_damaged)
{
	size_t len;
	char *text = slurp("orientation-manual.txt", &len);
	char *copy = malloc(len + 2 * 1024 * 1024);
	struct corpus_document doc;
	NEOERR *err;

	ck_assert_ptr_nonnull(copy);
	/* Truncated anywhere. */
	for (size_t cut = 0; cut < len; cut += 7919)
		parse_any(corpus_parse_orientation, text, cut);
	/* Bytes flipped at random. */
	rng_state = 42;
	for (int round = 0; round < 4; round++) {
		memcpy(copy, text, len);
		for (int k = 0; k < 400; k++)
			copy[rng() % len] = (char)(rng() & 0xff);
		parse_any(corpus_parse_orientation, copy, len);
	}
	/* A 1 MB line in the middle of a section. */
	{
		size_t at = len / 2, big = 1024 * 1024;

		while (at < len && text[at] != '\n')
			at++;
		memcpy(copy, text, at + 1);
		memset(copy + at + 1, 'x', big);
		copy[at + 1 + big] = '\n';
		memcpy(copy + at + 2 + big, text + at + 1, len - at - 1);
		parse_any(corpus_parse_orientation, copy, len + big + 1);
	}
	/* Too long altogether: refused (the length is checked before the
	 * text is read). */
	memset(&doc, 0, sizeof doc);
	err = corpus_parse_orientation(text, 64u * 1024 * 1024, &doc);
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);
	ck_assert_uint_eq(doc.n_sections, 0);
	free(copy);
	free(text);
}
END_TEST

/* ------------------------------------------------------------------------
 * HR training page
 * ------------------------------------------------------------------------ */

static const struct expect training_sections[] = {
	{ CORPUS_SECTION, NULL, "agency-security-contact-asc", "Agency Security Contact (ASC)" },
	{ CORPUS_SECTION, NULL, "benefits-administration", "Benefits Administration" },
	{ CORPUS_GROUP, NULL, "hr-courses", "HR Courses" },
	{ CORPUS_SECTION, "hr-courses", "accurate-time-reporting", "Accurate Time Reporting" },
	{ CORPUS_SECTION, "hr-courses", "odet-executive-branch-ethics", "ODET Executive Branch Ethics" },
	{ CORPUS_SECTION, "hr-courses", "family-and-medical-leave-act-fmla", "Family and Medical Leave Act (FMLA)" },
	{ CORPUS_SECTION, "hr-courses", "fundamentals-of-payroll", "Fundamentals of Payroll" },
	{ CORPUS_SECTION, "hr-courses", "understanding-the-fair-labor-standards-act-flsa",
	  "Understanding the Fair Labor Standards Act (FLSA)" },
	{ CORPUS_GROUP, NULL, "system-courses", "System Courses" },
	{ CORPUS_SECTION, "system-courses", "security-awareness", "Security Awareness" },
	{ CORPUS_SECTION, "system-courses", "hipaa-rules-compliance", "HIPAA Rules & Compliance" },
	{ CORPUS_SECTION, NULL, "kentucky-human-resource-information-system-khris",
	  "Kentucky Human Resource Information System (KHRIS)" },
};

#define N_TRAINING (sizeof training_sections / sizeof training_sections[0])

START_TEST(test_training_metadata)
{
	struct corpus_document doc;

	parse_training(&doc);
	ck_assert_str_eq(doc.slug, "hr-training");
	ck_assert_str_eq(doc.title, "Training and Development \xe2\x80\x93 Human Resources Staff");
	ck_assert_str_eq(doc.status, "reference");
	ck_assert_str_eq(doc.source_file, "hr-training-page.txt");
	ck_assert_str_eq(doc.revised, "undated");
	ck_assert_str_eq(doc.effective_date, "2021-01-01");
	ck_assert(strstr(doc.intro_md, "Online courses are available in the Learning module of MyPURPOSE.") != NULL);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_training_sections)
{
	struct corpus_document doc;
	const char *md;

	parse_training(&doc);
	ck_assert_uint_eq(doc.n_sections, N_TRAINING);
	for (size_t i = 0; i < N_TRAINING; i++) {
		const struct expect *e = &training_sections[i];
		const struct corpus_section *s = &doc.sections[i];

		ck_assert_str_eq(s->title, e->title);
		ck_assert_str_eq(s->slug, e->slug);
		ck_assert_int_eq(s->kind, e->kind);
		if (e->parent)
			ck_assert_str_eq(doc.sections[s->parent].slug, e->parent);
		else
			ck_assert_int_eq(s->parent, -1);
	}
	assert_well_formed(&doc);

	/* The bracketed note is kept; "see below" is where it points. */
	md = find(&doc, "accurate-time-reporting")->body_md;
	ck_assert(strstr(md, "All employees are required to complete this course.\n") != NULL);
	ck_assert(strstr(find(&doc, "security-awareness")->body_md,
			 "All employees are required to complete this course.\n") != NULL);
	md = find(&doc, "family-and-medical-leave-act-fmla")->body_md;
	ck_assert(strstr(md, "## HR Requirements\n\nAll HR staff with the HRG Security role, with the exception "
			     "of County Fees, PVA, and UPS are required to complete this course.") != NULL);
	ck_assert(strstr(md, "equirements below") == NULL);
	ck_assert(strstr(find(&doc, "understanding-the-fair-labor-standards-act-flsa")->body_md,
			 "## HR Requirements\n") != NULL);
	ck_assert(strstr(find(&doc, "hipaa-rules-compliance")->body_md, "Additional content, from DEI") != NULL);
	ck_assert(strstr(find(&doc, "system-courses")->body_md, "(iSTEP) Portal.") != NULL);
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_training_chrome_dropped)
{
	struct corpus_document doc;
	const char *const chrome[] = {
		"Skip Content",        "Official Website", "COVID",      "vaccine", "\xc2\xa9",
		"All rights reserved", "Govenor",          "Click HERE", NULL,
	};

	parse_training(&doc);
	assert_no_artifacts(&doc);
	for (int c = 0; chrome[c]; c++) {
		ck_assert_msg(strstr(doc.intro_md, chrome[c]) == NULL, "intro keeps \"%s\"", chrome[c]);
		for (size_t i = 0; i < doc.n_sections; i++)
			ck_assert_msg(strstr(doc.sections[i].body_md, chrome[c]) == NULL, "%s keeps \"%s\"",
				      doc.sections[i].slug, chrome[c]);
	}
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_training_citations)
{
	struct corpus_document doc;
	const struct corpus_section *s;

	parse_training(&doc);
	s = find(&doc, "system-courses");
	ck_assert_uint_eq(s->n_citations, 1);
	ck_assert_str_eq(s->citations[0].cite, "KRS 61.931");
	s = find(&doc, "family-and-medical-leave-act-fmla");
	ck_assert_uint_eq(s->n_citations, 1);
	ck_assert_str_eq(s->citations[0].cite, "KRS Chapter 18A");
	corpus_document_free(&doc);
}
END_TEST

START_TEST(test_training_deterministic)
{
	struct corpus_document a, b;

	parse_training(&a);
	parse_training(&b);
	assert_same_document(&a, &b);
	corpus_document_free(&a);
	corpus_document_free(&b);
}
END_TEST

START_TEST(test_training_hostile)
{
	size_t len;
	char *text = slurp("hr-training-page.txt", &len);
	struct corpus_document doc;
	NEOERR *err;

	hostile(corpus_parse_training);
	for (size_t cut = 0; cut < len; cut += 97)
		parse_any(corpus_parse_training, text, cut);
	/* The title alone is not a page. */
	memset(&doc, 0, sizeof doc);
	{
		const char *title_only = "Training and Development \xe2\x80\x93 Human Resources Staff\n";

		err = corpus_parse_training(title_only, strlen(title_only), &doc);
	}
	ck_assert(err != STATUS_OK);
	nerr_ignore(&err);
	free(text);
}
END_TEST

static Suite *corpus_other_suite(void)
{
	Suite *s = suite_create("corpus_other");
	TCase *manual = tcase_create("orientation_manual");
	TCase *training = tcase_create("hr_training_page");
	TCase *robust = tcase_create("robustness");

	tcase_add_test(manual, test_manual_metadata);
	tcase_add_test(manual, test_manual_sections_in_order);
	tcase_add_test(manual, test_manual_sick_leave_table);
	tcase_add_test(manual, test_manual_other_tables);
	tcase_add_test(manual, test_manual_text_flow);
	tcase_add_test(manual, test_manual_no_artifacts);
	tcase_add_test(manual, test_manual_forms);
	tcase_add_test(manual, test_manual_citations);
	tcase_add_test(manual, test_manual_deterministic);
	suite_add_tcase(s, manual);

	tcase_add_test(training, test_training_metadata);
	tcase_add_test(training, test_training_sections);
	tcase_add_test(training, test_training_chrome_dropped);
	tcase_add_test(training, test_training_citations);
	tcase_add_test(training, test_training_deterministic);
	suite_add_tcase(s, training);

	tcase_set_timeout(robust, 600);
	tcase_add_test(robust, test_manual_hostile);
	tcase_add_test(robust, test_manual_hostile_sections);
	tcase_add_test(robust, test_manual_damaged);
	tcase_add_test(robust, test_training_hostile);
	suite_add_tcase(s, robust);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(corpus_other_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
