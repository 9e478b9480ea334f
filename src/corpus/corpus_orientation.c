/* corpus_orientation: the Personnel Cabinet's older Employee Orientation
 * Manual (db/corpus/orientation-manual.txt), a PDF converted to text.
 *
 * The manual has no table of contents and no numbered headings, so the
 * parser carries its outline (om_outline below): the printed line that
 * starts each section, in document order. Everything inside a section is
 * read by generic rules:
 *
 * - a line that begins a PDF page starts with one space; a page footer is a
 *   lone page number after two or more blank lines. Footers are dropped and
 *   the text on both sides of the page break joined again, and so are the
 *   file sizes of former links ("KRS 18A.140 (PDF - 6.08 KB)");
 * - hard-wrapped lines are joined into paragraphs ("payroll-\ndeducted"
 *   keeps its hyphen); a line that ends well before the right margin ends
 *   its line, and a run of such short lines is a list (addresses, "Single -
 *   covers the employee only.");
 * - "•", "o", "1.", "(1)", "a.", "i.", "A.", "I." items make (nested) lists;
 *   an item that wraps over several lines, even across a blank line, is one
 *   item; a Wingdings bullet lost in the conversion leaves a line indented by
 *   one space under an item that ends with ":";
 * - a short title-case or capitalised line after a blank line is a heading;
 * - the sick leave credit table, the benefits schedule, the holidays and the
 *   salary schedule become GFM tables;
 * - the blank paper forms become a description of their fields: blanks
 *   ("_____") and check boxes are dropped, labels broken over lines ("NAM" /
 *   "E:") are joined, captions under a blank ("(Last) (First)") are attached
 *   to their field, and any Social Security number field is left out: the
 *   portal identifies people by employee ID and never collects an SSN.
 *
 * The manual is undated. The latest date its own text mentions is January
 * 1, 2006 (the health plan became self-insured; Executive Order 2006-402),
 * so it is imported as "undated" with the fixed date 2006-01-01.
 *
 * This file holds the outline, the line model, the citations and the entry
 * point; the builders are in orientation_prose.c, orientation_tables.c and
 * orientation_forms.c, their shared helpers and output in
 * orientation_text.c, and what they share in orientation_internal.h. */
#include "corpus/corpus.h"
#include "corpus/orientation_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/citation.h"
#include "content/markdown.h"
#include "core/textclean.h"
#include "core/utf8.h"

#define OM_MAX_INPUT (4u * 1024 * 1024) /* the manual is about 170 KB */
#define OM_FIXED_DATE "2006-01-01"

/* ------------------------------------------------------------------------
 * The outline
 * ------------------------------------------------------------------------ */

#define SEC(lvl, line, toc)                                                          \
	{                                                                            \
		OM_SECTION, lvl, { line, NULL, NULL }, 0, toc, NULL, BLD_PROSE, NULL \
	}

const struct om_entry om_outline[] = {
	SEC(0, "Kentucky Retirement", "Kentucky Retirement"),
	{ OM_SECTION,
	  0,
	  { "Sick Leave Requirements by Hours and Days Worked" },
	  0,
	  "Sick Leave Requirements by Hours and Days Worked",
	  NULL,
	  BLD_SICK_TABLE,
	  NULL },
	SEC(0, "Group Life Insurance Plan", "Group Life Insurance Plan"),
	SEC(0, "Health Insurance Information", "Health Insurance Information"),
	SEC(0, "Flexible Spending Account (FSA) Programs", "Flexible Spending Account (FSA) Programs"),
	{ OM_OMITTED,
	  0,
	  { "Flexible Spending Account Claim Form" },
	  0,
	  NULL,
	  NULL,
	  BLD_PROSE,
	  "Flexible Spending Account Claim Form" },
	SEC(0, "How The Pay System Works", "How The Pay System Works"),
	{ OM_OMITTED, 0, { "Direct Deposit Form" }, 0, NULL, NULL, BLD_PROSE, "Direct Deposit Form" },
	{ OM_OMITTED, 0, { "Timesheet" }, 0, NULL, NULL, BLD_PROSE, "timesheet form" },
	{ OM_GROUP, 0, { NULL }, 0, "Department for Local Government", NULL, BLD_PROSE, NULL },
	SEC(1, "Welcome to DLG", "Welcome to DLG"),
	SEC(1, "Duties and Responsibilities:", "Duties and Responsibilities"),
	SEC(1, "DLG Time and Attendance Guidelines", "DLG Time and Attendance Guidelines"),
	SEC(1, "DLG Vehicle Guidelines", "DLG Vehicle Guidelines"),
	{ OM_PART,
	  0,
	  { "Section Three: Policies & Procedures", "SECTION THREE", "Policies & Procedures" },
	  0,
	  "Section Three: Policies & Procedures",
	  NULL,
	  BLD_PROSE,
	  NULL },
	{ OM_GROUP, 1, { "Time and Attendance" }, 0, "Time and Attendance", NULL, BLD_PROSE, NULL },
	SEC(2, "Annual Leave", "Annual Leave"),
	SEC(2, "Sick Leave", "Sick Leave"),
	{ OM_FORM, 2, { "Sick Leave Donation Form" }, 0, "Sick Leave Donation Form", NULL, BLD_FORM, NULL },
	SEC(2, "Compensatory Time and Leave", "Compensatory Time and Leave"),
	SEC(2, "Blood Donation Leave", "Blood Donation Leave"),
	SEC(2, "Court Leave", "Court Leave"),
	SEC(2, "Special Leave of Absence", "Special Leave of Absence"),
	SEC(2, "Family and Medical Leave (FMLA)", "Family and Medical Leave (FMLA)"),
	SEC(2, "Military Leave", "Military Leave"),
	SEC(2, "Voting Leave", "Voting Leave"),
	SEC(1, "Issuance of Paychecks to State Employees", "Issuance of Paychecks to State Employees"),
	SEC(1, "Travel Voucher and Regulations", "Travel Voucher and Regulations"),
	SEC(1, "Use of Information Technology Resources", "Use of Information Technology Resources"),
	SEC(1, "Use of State Materials and Equipment", "Use of State Materials and Equipment"),
	SEC(1, "Telephone Usage", "Telephone Usage"),
	SEC(1, "Firearm Restrictions", "Firearm Restrictions"),
	SEC(1, "Drug-Free Workplace", "Drug-Free Workplace"),
	SEC(1, "Inclement Weather Policy", "Inclement Weather Policy"),
	SEC(1, "KRS 18A.140 Discrimination and Political Activities", "Discrimination and Political Activities"),
	SEC(1, "Ethics", "Ethics"),
	SEC(1, "Equal Employment Opportunity", "Equal Employment Opportunity"),
	SEC(1, "Sexual Harassment Policy", "Sexual Harassment Policy"),
	SEC(1, "Americans with Disabilities Act (ADA) Policy Statement",
	    "Americans with Disabilities Act (ADA) Policy Statement"),
	SEC(1, "Employee Grievances and Complaints", "Employee Grievances and Complaints"),
	SEC(1, "Appeals to the Personnel Board", "Appeals to the Personnel Board"),
	{ OM_SECTION, 1, { "Employee Benefits Schedule" }, 0, "Employee Benefits Schedule", NULL, BLD_BENEFITS, NULL },
	{ OM_SECTION, 1, { "Salary Schedule" }, 0, "Salary Schedule", NULL, BLD_SALARY, NULL },
	SEC(1, "Credit Unions", "Credit Unions"),
	SEC(1, "Social Security", "Social Security"),
	SEC(1, "Unemployment Insurance", "Unemployment Insurance"),
	{ OM_SECTION,
	  1,
	  { "Worker\u2019s Compensation Program" },
	  0,
	  "Worker's Compensation Program",
	  "Worker\u2019s Compensation Program",
	  BLD_PROSE,
	  NULL },
	SEC(1, "Kentucky Safety Program", "Kentucky Safety Program"),
	SEC(1, "Kentucky Return to Work Program", "Kentucky Return to Work Program"),
	{ OM_OMITTED,
	  1,
	  { "Managed Health Care Plan Employee Notification" },
	  0,
	  NULL,
	  NULL,
	  BLD_PROSE,
	  "Managed Health Care Plan Employee Notification" },
	SEC(1, "Other Insurance", "Other Insurance"),
	SEC(1, "Deferred Compensation", "Deferred Compensation"),
	SEC(1, "Kentucky Employee Retirement System", "Kentucky Employee Retirement System"),
	SEC(1, "Educational Assistance", "Educational Assistance"),
	SEC(1, "Educational Achievement Award", "Educational Achievement Award"),
	SEC(1, "Employee and Development Training Services", "Employee and Development Training Services"),
	SEC(1, "Kentucky Employee Suggestion System", "Kentucky Employee Suggestion System"),
	SEC(1, "Kentucky Employee Assistance Program (KEAP)", "Kentucky Employee Assistance Program (KEAP)"),
	SEC(1, "Kentucky Employee Mediation Program", "Kentucky Employee Mediation Program"),
	SEC(1, "Kentucky Employee Handbook", "Kentucky Employee Handbook"),
	SEC(1, "Employee Performance Evaluation", "Employee Performance Evaluation"),
	{ OM_GROUP, 0, { NULL }, 0, "Forms", NULL, BLD_PROSE, NULL },
	{ OM_FORM,
	  1,
	  { "Kentucky Personnel Cabinet Employee Orientation Manual" },
	  0,
	  "Orientation Manual Acknowledgment",
	  NULL,
	  BLD_FORM,
	  NULL },
	{ OM_FORM,
	  1,
	  { "Personnel Cabinet Employee Confidentiality/Security Internet",
	    "And Electronic Mail Acceptable Use Agreement" },
	  0,
	  "Confidentiality/Security and Acceptable Use Agreement",
	  "Employee Confidentiality/Security, Internet and Electronic Mail Acceptable Use Agreement",
	  BLD_FORM,
	  NULL },
	{ OM_FORM,
	  1,
	  { "Personnel Cabinet", "Request For Approval Of Outside Employment" },
	  0,
	  "Request and Application for Approval of Outside Employment",
	  NULL,
	  BLD_FORM,
	  "Request for Approval of Outside Employment" },
	{ OM_SUBHEAD,
	  1,
	  { "Application For Approval Of Outside Employment" },
	  0,
	  NULL,
	  NULL,
	  BLD_FORM,
	  "Application for Approval of Outside Employment" },
	{ OM_FORM, 1, { "Revised 12-01-92 FORM #21", "Grievance Form" }, 1, "Grievance Form", NULL, BLD_FORM, NULL },
	{ OM_FORM,
	  1,
	  { "Revised 12-15-94 KENTUCKY PERSONNEL BOARD FORM #18", "Appeal Form" },
	  1,
	  "Kentucky Personnel Board Appeal Form",
	  NULL,
	  BLD_FORM,
	  NULL },
};

#define OM_NENTRIES (sizeof om_outline / sizeof om_outline[0])

/* ------------------------------------------------------------------------
 * Lines
 * ------------------------------------------------------------------------ */

/* Replace invalid UTF-8 by '?' and control characters by spaces, in place:
 * the records go to SQLite and to cmark, whatever the input was. */
void om_rtrim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

/* " (PDF - 6.08 KB)": the size of a file the web version linked to. */
static void strip_link_sizes(char *s)
{
	char *w = s;

	for (char *r = s; *r;) {
		if (strncmp(r, " (PDF - ", 8) == 0) {
			char *q = r + 8;

			while (isdigit((unsigned char)*q) || *q == '.')
				q++;
			if (q > r + 8 && strncmp(q, " KB)", 4) == 0) {
				r = q + 4;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

static struct om_line *om_read_lines(const char *text, size_t len, size_t *nlines)
{
	size_t n = 0;
	char **raw = corpus_split_lines(text, len, &n);
	struct om_line *L = xcalloc(n ? n : 1, sizeof *L);

	for (size_t i = 0; i < n; i++) {
		char *s = raw[i];
		int indent = 0;

		utf8_sanitize(s);
		strip_link_sizes(s);
		om_rtrim(s);
		while (s[indent] == ' ')
			indent++;
		L[i].t = xstrdup(s + indent);
		L[i].norm = xstrdup(L[i].t);
		text_squeeze_spaces(L[i].norm);
		L[i].indent = indent;
		L[i].len = (int)strlen(L[i].t);
		L[i].blank = L[i].len == 0;
	}
	corpus_free_lines(raw, n);
	*nlines = n;
	return L;
}

static void om_free_lines(struct om_line *L, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(L[i].t);
		free(L[i].norm);
	}
	free(L);
}

static int is_page_number(const char *t)
{
	size_t n = strlen(t);

	if (n == 0 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)t[i]))
			return 0;
	return 1;
}

/* A page footer is a lone page number after two or more blank lines. */
static void om_mark_footers(struct om_line *L, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k, before = 0;

		if (!is_page_number(L[i].t))
			continue;
		for (k = i; k > 0 && L[k - 1].blank; k--)
			before++;
		if (before < 2 || (i + 1 < n && !L[i + 1].blank))
			continue;
		for (k = i; k > 0 && L[k - 1].blank; k--)
			L[k - 1].skip = 1;
		L[i].skip = 1;
		for (k = i + 1; k < n && L[k].blank; k++)
			L[k].skip = 1;
		if (k < n)
			L[k].pbreak = 1;
	}
}

/* ------------------------------------------------------------------------
 * Citations named in a section's text
 * ------------------------------------------------------------------------ */

static void add_cite(struct corpus_section *s, const char *norm, const char *raw, size_t rawlen)
{
	struct citation c;
	int complete;

	if (citation_parse(norm, &c, 1, &complete) == 1 && complete) {
		while (rawlen > 0 && (raw[rawlen - 1] == ' ' || raw[rawlen - 1] == ','))
			rawlen--;
		snprintf(c.raw, sizeof c.raw, "%.*s", (int)(rawlen < 95 ? rawlen : 95), raw);
		corpus_add_citations(s, &c, 1);
	}
}

static size_t digits(const char *p, size_t max)
{
	size_t n = 0;

	while (n <= max && isdigit((unsigned char)p[n]))
		n++;
	return n > max ? 0 : n;
}

/* "18A.095", "11A.040", "61.565" at p: length, or 0. */
static size_t krs_section(const char *p, char *out, size_t outsz)
{
	size_t c = digits(p, 3), k;

	if (c == 0)
		return 0;
	k = c;
	if (isupper((unsigned char)p[k]) && !isalpha((unsigned char)p[k + 1]))
		k++;
	if (p[k] != '.' || !isdigit((unsigned char)p[k + 1]))
		return 0;
	k++;
	{
		size_t d = digits(p + k, 4);

		if (d == 0)
			return 0;
		k += d;
	}
	snprintf(out, outsz, "KRS %.*s", (int)k, p);
	return k;
}

static void scan_citations(struct corpus_section *s, const char *text)
{
	for (const char *p = text; *p; p++) {
		char buf[96];
		const char *q;
		size_t n;

		if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '.'))
			continue;
		if (strncmp(p, "KRS ", 4) == 0 || strncmp(p, "K.R.S. ", 7) == 0) {
			q = p + (p[1] == '.' ? 7 : 4);
			if (strncmp(q, "Chapter ", 8) == 0)
				q += 8;
			if ((n = krs_section(q, buf, sizeof buf)) > 0) {
				q += n;
				add_cite(s, buf, p, (size_t)(q - p));
				/* "K.R.S. 11A.005 and 11A.040" */
				while (strncmp(q, " and ", 5) == 0 || strncmp(q, ", ", 2) == 0) {
					const char *r = q + (q[0] == ',' ? 2 : 5);

					if ((n = krs_section(r, buf, sizeof buf)) == 0)
						break;
					add_cite(s, buf, r, n);
					q = r + n;
				}
			} else if ((n = digits(q, 3)) > 0) {
				char chap[8];
				size_t k = n;

				snprintf(chap, sizeof chap, "%.*s", (int)n, q);
				/* "KRS 18A", and "KRS 18 A" with the letter set apart */
				if (isupper((unsigned char)q[k]) && !isalnum((unsigned char)q[k + 1])) {
					chap[n] = q[k];
					chap[n + 1] = '\0';
					k++;
				} else if (q[k] == ' ' && isupper((unsigned char)q[k + 1]) && q[k + 2] == ' ') {
					chap[n] = q[k + 1];
					chap[n + 1] = '\0';
					k += 2;
				} else if (isalnum((unsigned char)q[k])) {
					continue;
				}
				snprintf(buf, sizeof buf, "KRS Chapter %s", chap);
				add_cite(s, buf, p, (size_t)(q + k - p));
				q += k;
			} else {
				continue;
			}
			p = q - 1;
			continue;
		}
		if ((n = digits(p, 3)) > 0 && strncmp(p + n, " KAR ", 5) == 0) {
			size_t c, d, k = n + 5;

			c = digits(p + k, 3);
			if (c == 0 || p[k + c] != ':')
				continue;
			d = digits(p + k + c + 1, 4);
			if (d == 0)
				continue;
			k += c + 1 + d;
			if (strncmp(p + k, ", Section ", 10) == 0 && digits(p + k + 10, 3) > 0)
				k += 10 + digits(p + k + 10, 3);
			snprintf(buf, sizeof buf, "%.*s", (int)k, p);
			add_cite(s, buf, p, k);
			p += k - 1;
			continue;
		}
		if (strncmp(p, "Executive Order ", 16) == 0) {
			const char *r = p + 16;
			size_t a = digits(r, 4), b;

			if (a == 0 || r[a] != '-')
				continue;
			b = digits(r + a + 1, 4);
			if (b == 0)
				continue;
			snprintf(buf, sizeof buf, "EO %.*s", (int)(a + 1 + b), r);
			add_cite(s, buf, p, (size_t)(r + a + 1 + b - p));
			p = r + a + b;
		}
	}
}

/* ------------------------------------------------------------------------
 * The document
 * ------------------------------------------------------------------------ */

struct om_plan {
	const struct om_entry *e;
	size_t from, to;
	int parent;
	STRING md, plain;
	int alive, children, doc_index;
};

static long match_entry(const struct om_line *L, size_t n, size_t from, const struct om_entry *e, size_t *last)
{
	for (size_t j = from; j < n; j++) {
		size_t k = j;
		int m;

		if (L[j].skip || L[j].blank || strcasecmp(L[j].norm, e->match[0]) != 0)
			continue;
		for (m = 1; m < 3 && e->match[m]; m++) {
			do
				k++;
			while (k < n && (L[k].blank || L[k].skip));
			if (k >= n || strcasecmp(L[k].norm, e->match[m]) != 0)
				break;
		}
		if (m < 3 && e->match[m])
			continue;
		*last = k;
		return (long)j;
	}
	return -1;
}

static const char om_description[] = "The Personnel Cabinet's older Employee Orientation Manual, kept for reference; "
				     "the Employee Handbook states current policy.";

static NEOERR *om_intro(STRING *md)
{
	NEOERR *err = md_paragraph(
		md, "This is the Personnel Cabinet's older Employee Orientation Manual, kept for reference. "
		    "It is undated and quotes the 1999 leave regulations (101 KAR 2:102 as amended August 10, 1999). "
		    "Where it differs from the Employee Handbook, the handbook states current policy.");

	if (err == STATUS_OK)
		err = md_paragraph(md,
				   "The manual's paper forms are described here field by field. The portal identifies "
				   "employees by their employee ID and never asks for a Social Security number, so the "
				   "forms' Social Security number fields are left out.");
	return nerr_pass(err);
}

/* Find the outline's entries in the text, in order, and plan a section for
 * each (and for a group when its first member is found). */
static struct om_plan *plan_sections(struct om_line *L, size_t n, size_t *count)
{
	struct om_plan *plans = NULL;
	size_t nplans = 0, pos = 0;
	const struct om_entry *pending = NULL;
	int open[3] = { -1, -1, -1 };

	for (size_t k = 0; k < OM_NENTRIES; k++) {
		const struct om_entry *e = &om_outline[k];
		size_t last;
		long j;
		int parent;

		if (e->match[0] == NULL) {
			pending = e;
			continue;
		}
		j = match_entry(L, n, pos, e, &last);
		if (j < 0)
			continue;
		pos = last + 1;
		if (e->kind == OM_SUBHEAD || e->kind == OM_OMITTED) {
			L[j].mark = (int)k + 1;
			continue;
		}
		{
			int m = 0;

			for (size_t q = (size_t)j; q <= last; q++) {
				if (L[q].blank || L[q].skip)
					continue;
				if (m++ >= e->keep)
					L[q].skip = 1;
			}
		}
		if (pending && e->level > pending->level) {
			int pp = pending->level > 0 ? open[pending->level - 1] : -1;

			plans = xrealloc(plans, (nplans + 1) * sizeof *plans);
			memset(&plans[nplans], 0, sizeof *plans);
			plans[nplans].e = pending;
			plans[nplans].from = (size_t)j;
			plans[nplans].parent = pp;
			open[pending->level] = (int)nplans;
			for (int l = pending->level + 1; l < 3; l++)
				open[l] = -1;
			nplans++;
		}
		pending = NULL;
		parent = -1;
		for (int l = e->level - 1; l >= 0 && parent < 0; l--)
			parent = open[l];
		plans = xrealloc(plans, (nplans + 1) * sizeof *plans);
		memset(&plans[nplans], 0, sizeof *plans);
		plans[nplans].e = e;
		plans[nplans].from = (size_t)j;
		plans[nplans].parent = parent;
		if (e->kind == OM_PART || e->kind == OM_GROUP) {
			open[e->level] = (int)nplans;
			for (int l = e->level + 1; l < 3; l++)
				open[l] = -1;
		} else {
			for (int l = e->level; l < 3; l++)
				open[l] = -1;
		}
		nplans++;
	}
	for (size_t k = 0; k < nplans; k++)
		plans[k].to = k + 1 < nplans ? plans[k + 1].from : n;
	*count = nplans;
	return plans;
}

/* Write one planned section's Markdown and plain text with its builder. */
static NEOERR *build_plan(struct om_plan *p, struct om_line *L)
{
	NEOERR *err = STATUS_OK;
	struct om_out o;
	int done = 0;

	string_init(&p->md);
	string_init(&p->plain);
	memset(&o, 0, sizeof o);
	o.md = &p->md;
	o.plain = &p->plain;
	switch (p->e->builder) {
	case BLD_SICK_TABLE:
		err = om_build_sick_table(&o, L, p->from, p->to, &done);
		break;
	case BLD_BENEFITS:
		err = om_build_benefits(&o, L, p->from, p->to, &done);
		break;
	case BLD_SALARY:
		err = om_build_salary(&o, L, p->from, p->to, &done);
		break;
	case BLD_FORM:
		err = om_build_form(&o, p->e, L, p->from, p->to);
		done = 1;
		break;
	case BLD_PROSE:
		break;
	}
	if (err == STATUS_OK && !done)
		err = om_prose_range(&o, L, p->from, p->to);
	if (err == STATUS_OK && p->md.len > MARKDOWN_MAX_SOURCE)
		err = nerr_raise(NERR_PARSE, "The section \"%s\" is too long to show (%d bytes).", p->e->toc_title,
				 p->md.len);
	return nerr_pass(err);
}

/* Keep sections with text, and parts and groups with such sections. */
static void keep_alive(struct om_plan *plans, size_t nplans)
{
	for (size_t k = nplans; k-- > 0;) {
		struct om_plan *p = &plans[k];

		p->alive = p->md.len > 0 || p->children > 0;
		if (p->alive && p->parent >= 0)
			plans[p->parent].children++;
	}
}

/* Add the kept plans to the document, under their nearest kept parent. */
static NEOERR *add_sections(struct corpus_document *doc, struct om_plan *plans, size_t nplans)
{
	size_t alive = 0;

	for (size_t k = 0; k < nplans; k++)
		alive += plans[k].alive;
	if (alive == 0)
		return nerr_raise(NERR_PARSE, "This text is not the Employee Orientation Manual: "
					      "none of its sections was found.");
	for (size_t k = 0; k < nplans; k++) {
		struct om_plan *p = &plans[k];
		const struct om_entry *e = p->e;
		enum corpus_kind kind = e->kind == OM_PART    ? CORPUS_PART
					: e->kind == OM_GROUP ? CORPUS_GROUP
							      : CORPUS_SECTION;
		int parent = p->parent;
		struct corpus_section *s;

		if (!p->alive)
			continue;
		while (parent >= 0 && !plans[parent].alive)
			parent = plans[parent].parent;
		p->doc_index = corpus_add_section(doc, kind, parent >= 0 ? plans[parent].doc_index : -1, e->toc_title,
						  0, e->title ? e->title : e->toc_title);
		s = &doc->sections[p->doc_index];
		free(s->body_md);
		s->body_md = xstrdup(p->md.buf ? p->md.buf : "");
		if (p->plain.buf)
			scan_citations(s, p->plain.buf);
	}
	return STATUS_OK;
}

/* A part or group without text of its own lists what it contains. */
static NEOERR *list_contents(struct corpus_document *doc)
{
	NEOERR *err = STATUS_OK;

	for (size_t k = 0; k < doc->n_sections && err == STATUS_OK; k++) {
		struct corpus_section *s = &doc->sections[k];
		STRING md;

		if (s->kind == CORPUS_SECTION || *s->body_md)
			continue;
		string_init(&md);
		for (size_t c = k + 1; c < doc->n_sections && err == STATUS_OK; c++)
			if (doc->sections[c].parent == (int)k)
				err = md_list_item(&md, 0, 0, doc->sections[c].toc_title);
		if (err == STATUS_OK && md.len)
			err = md_end_block(&md);
		if (err == STATUS_OK) {
			free(s->body_md);
			s->body_md = xstrdup(md.buf ? md.buf : "");
		}
		string_clear(&md);
	}
	return nerr_pass(err);
}

/* The document's own fields and introduction. */
static NEOERR *set_document(struct corpus_document *doc)
{
	NEOERR *err;
	STRING intro;

	string_init(&intro);
	err = om_intro(&intro);
	if (err == STATUS_OK) {
		doc->slug = xstrdup("orientation-manual");
		doc->title = xstrdup("Employee Orientation Manual");
		doc->description = xstrdup(om_description);
		doc->status = "historical";
		doc->revised = xstrdup("undated");
		doc->effective_date = xstrdup(OM_FIXED_DATE);
		doc->source_file = xstrdup("orientation-manual.txt");
		doc->intro_md = xstrdup(intro.buf);
	}
	string_clear(&intro);
	return nerr_pass(err);
}

NEOERR *corpus_parse_orientation(const char *text, size_t len, struct corpus_document *doc)
{
	struct om_line *L;
	struct om_plan *plans;
	size_t n, nplans;
	NEOERR *err = STATUS_OK;

	if (text == NULL && len > 0)
		return nerr_raise(NERR_ASSERT, "no text");
	if (len > OM_MAX_INPUT)
		return nerr_raise(NERR_PARSE, "The orientation manual text is too long (%zu bytes).", len);
	L = om_read_lines(text ? text : "", len, &n);
	om_mark_footers(L, n);

	plans = plan_sections(L, n, &nplans);
	for (size_t k = 0; k < nplans && err == STATUS_OK; k++)
		err = build_plan(&plans[k], L);
	keep_alive(plans, nplans);
	if (err == STATUS_OK)
		err = add_sections(doc, plans, nplans);
	if (err == STATUS_OK)
		err = list_contents(doc);
	if (err == STATUS_OK)
		err = set_document(doc);
	for (size_t k = 0; k < nplans; k++) {
		string_clear(&plans[k].md);
		string_clear(&plans[k].plain);
	}
	free(plans);
	om_free_lines(L, n);
	if (err != STATUS_OK)
		corpus_document_free(doc);
	return nerr_pass(err);
}
