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
 * so it is imported as "undated" with the fixed date 2006-01-01. */
#include "corpus/corpus.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/citation.h"
#include "content/markdown.h"
#include "core/textclean.h"
#include "core/utf8.h"

#define OM_MAX_INPUT (4u * 1024 * 1024)   /* the manual is about 170 KB */
#define OM_MAX_DEPTH 4                    /* list nesting kept */
#define OM_FIXED_DATE "2006-01-01"

/* ------------------------------------------------------------------------
 * The outline
 * ------------------------------------------------------------------------ */

enum om_kind {
	OM_SECTION,
	OM_PART,
	OM_GROUP,
	OM_FORM,
	OM_SUBHEAD,   /* not a section: a level-2 heading inside the current one */
	OM_OMITTED,   /* a page whose content the text copy lacks (an image) */
};

enum om_builder { BLD_PROSE, BLD_SICK_TABLE, BLD_BENEFITS, BLD_SALARY, BLD_FORM };

struct om_entry {
	enum om_kind kind;
	int level;               /* 0 top; n: inside the last part/group of level n-1 */
	const char *match[3];    /* consecutive lines that start it; NULL: a group
				  * that only gathers the entries after it */
	int keep;                /* leading matched lines that stay in the body */
	const char *toc_title;
	const char *title;       /* NULL: toc_title */
	enum om_builder builder;
	const char *heading;     /* heading at the start of the body, or the
				  * heading (SUBHEAD) / page name (OMITTED) */
};

#define SEC(lvl, line, toc) { OM_SECTION, lvl, { line, NULL, NULL }, 0, toc, NULL, BLD_PROSE, NULL }

static const struct om_entry om_outline[] = {
	SEC(0, "Kentucky Retirement", "Kentucky Retirement"),
	{ OM_SECTION, 0, { "Sick Leave Requirements by Hours and Days Worked" }, 0,
	  "Sick Leave Requirements by Hours and Days Worked", NULL, BLD_SICK_TABLE, NULL },
	SEC(0, "Group Life Insurance Plan", "Group Life Insurance Plan"),
	SEC(0, "Health Insurance Information", "Health Insurance Information"),
	SEC(0, "Flexible Spending Account (FSA) Programs", "Flexible Spending Account (FSA) Programs"),
	{ OM_OMITTED, 0, { "Flexible Spending Account Claim Form" }, 0, NULL, NULL, BLD_PROSE,
	  "Flexible Spending Account Claim Form" },
	SEC(0, "How The Pay System Works", "How The Pay System Works"),
	{ OM_OMITTED, 0, { "Direct Deposit Form" }, 0, NULL, NULL, BLD_PROSE, "Direct Deposit Form" },
	{ OM_OMITTED, 0, { "Timesheet" }, 0, NULL, NULL, BLD_PROSE, "timesheet form" },
	{ OM_GROUP, 0, { NULL }, 0, "Department for Local Government", NULL, BLD_PROSE, NULL },
	SEC(1, "Welcome to DLG", "Welcome to DLG"),
	SEC(1, "Duties and Responsibilities:", "Duties and Responsibilities"),
	SEC(1, "DLG Time and Attendance Guidelines", "DLG Time and Attendance Guidelines"),
	SEC(1, "DLG Vehicle Guidelines", "DLG Vehicle Guidelines"),
	{ OM_PART, 0, { "Section Three: Policies & Procedures", "SECTION THREE", "Policies & Procedures" }, 0,
	  "Section Three: Policies & Procedures", NULL, BLD_PROSE, NULL },
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
	{ OM_SECTION, 1, { "Worker\u2019s Compensation Program" }, 0, "Worker's Compensation Program",
	  "Worker\u2019s Compensation Program", BLD_PROSE, NULL },
	SEC(1, "Kentucky Safety Program", "Kentucky Safety Program"),
	SEC(1, "Kentucky Return to Work Program", "Kentucky Return to Work Program"),
	{ OM_OMITTED, 1, { "Managed Health Care Plan Employee Notification" }, 0, NULL, NULL, BLD_PROSE,
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
	{ OM_FORM, 1, { "Kentucky Personnel Cabinet Employee Orientation Manual" }, 0,
	  "Orientation Manual Acknowledgment", NULL, BLD_FORM, NULL },
	{ OM_FORM, 1, { "Personnel Cabinet Employee Confidentiality/Security Internet",
			"And Electronic Mail Acceptable Use Agreement" }, 0,
	  "Confidentiality/Security and Acceptable Use Agreement",
	  "Employee Confidentiality/Security, Internet and Electronic Mail Acceptable Use Agreement",
	  BLD_FORM, NULL },
	{ OM_FORM, 1, { "Personnel Cabinet", "Request For Approval Of Outside Employment" }, 0,
	  "Request and Application for Approval of Outside Employment", NULL, BLD_FORM,
	  "Request for Approval of Outside Employment" },
	{ OM_SUBHEAD, 1, { "Application For Approval Of Outside Employment" }, 0, NULL, NULL, BLD_FORM,
	  "Application for Approval of Outside Employment" },
	{ OM_FORM, 1, { "Revised 12-01-92 FORM #21", "Grievance Form" }, 1, "Grievance Form", NULL, BLD_FORM, NULL },
	{ OM_FORM, 1, { "Revised 12-15-94 KENTUCKY PERSONNEL BOARD FORM #18", "Appeal Form" }, 1,
	  "Kentucky Personnel Board Appeal Form", NULL, BLD_FORM, NULL },
};

#define OM_NENTRIES (sizeof om_outline / sizeof om_outline[0])

/* ------------------------------------------------------------------------
 * Lines
 * ------------------------------------------------------------------------ */

struct om_line {
	char *t;            /* text without leading and trailing white space */
	char *norm;         /* t with runs of spaces squeezed */
	int indent;         /* leading spaces in the source */
	int len;            /* strlen(t) */
	int mark;           /* 1 + index of the OM_SUBHEAD/OM_OMITTED entry here */
	unsigned blank : 1;
	unsigned skip : 1;  /* page footer, or a heading line the outline consumed */
	unsigned pbreak : 1;/* a page footer was removed just before this line */
};

/* Replace invalid UTF-8 by '?' and control characters by spaces, in place:
 * the records go to SQLite and to cmark, whatever the input was. */
static void rtrim(char *s)
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
		rtrim(s);
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
 * Small text helpers
 * ------------------------------------------------------------------------ */

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xcalloc((size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static char last_char(const char *s)
{
	size_t n = strlen(s);

	return n ? s[n - 1] : '\0';
}

static int ends_terminal(const char *s)
{
	char c = last_char(s);

	return c != '\0' && strchr(".:;!?", c) != NULL;
}

static int is_small_word(const char *w, size_t n);

static int starts_lower(const char *s)
{
	if (!islower((unsigned char)s[0]))
		return 0;
	/* "e-CFR", "iSTEP": a name, not a sentence going on */
	for (const char *p = s + 1; *p && *p != ' '; p++)
		if (isupper((unsigned char)*p))
			return 0;
	return 1;
}

/* The last word is a small word ("... under Title 11 of the"). */
static int ends_small_word(const char *s)
{
	const char *e = s + strlen(s), *b;

	while (e > s && e[-1] == ' ')
		e--;
	b = e;
	while (b > s && b[-1] != ' ')
		b--;
	return e > b && is_small_word(b, (size_t)(e - b)) && islower((unsigned char)*b);
}

static int starts_upper(const char *s)
{
	return isupper((unsigned char)s[0]);
}

static int count_words(const char *s)
{
	int n = 0, in = 0;

	for (; *s; s++) {
		if (*s == ' ') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static size_t first_word_len(const char *s)
{
	const char *e = strchr(s, ' ');

	return e ? (size_t)(e - s) : strlen(s);
}

static const char *const small_words[] = {
	"a", "about", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of",
	"on", "or", "per", "than", "the", "to", "under", "vs", "with", NULL,
};

static int is_small_word(const char *w, size_t n)
{
	char buf[16];
	size_t k = 0, i = 0;


	while (i < n && !isalpha((unsigned char)w[i]))
		i++;
	for (; i < n && isalpha((unsigned char)w[i]) && k + 1 < sizeof buf; i++)
		buf[k++] = (char)tolower((unsigned char)w[i]);
	if (i < n && isalpha((unsigned char)w[i]))
		return 0;
	buf[k] = '\0';
	if (k == 0 || k + 1 >= sizeof buf)
		return 0;
	for (int i = 0; small_words[i]; i++)
		if (strcmp(buf, small_words[i]) == 0)
			return 1;
	return 0;
}

/* Title case as headings print it: every word capitalised but the small
 * ones ("Facts about KRS", "YOUR RIGHTS under the ... Act of 1993"). */
static int is_title_case(const char *s)
{
	int caps = 0, first = 1;

	while (*s) {
		const char *w, *e;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		e = s;
		while (*e && *e != ' ')
			e++;
		w = s;
		while (w < e && !isalnum((unsigned char)*w) && (unsigned char)*w < 0x80)
			w++;
		if (w < e && (unsigned char)*w < 0x80) {
			if (isupper((unsigned char)*w)) {
				caps++;
			} else if (isdigit((unsigned char)*w)) {
				;
			} else if (first || !is_small_word(w, (size_t)(e - w))) {
				return 0;
			}
		}
		first = 0;
		s = e;
	}
	return caps > 0;
}

static const char *const acronyms[] = {
	"ADA", "CERS", "CIO", "COBRA", "DEI", "DLG", "EAP", "EEO", "FMLA", "FSA", "GED", "HIPAA",
	"HR", "ID", "KAR", "KEAP", "KIA", "KEHP", "KEMP", "KERS", "KRS", "KTRS", "KY", "OGT", "OSHA",
	"PHA", "SPRS", "SSN", "US", "USA", NULL,
};

static int is_acronym(const char *w, size_t n)
{
	for (int i = 0; acronyms[i]; i++)
		if (strlen(acronyms[i]) == n && strncmp(w, acronyms[i], n) == 0)
			return 1;
	return 0;
}

/* Words printed in capitals ("HOME ADDRESS", "SECOND LEVEL REVIEW") in
 * title case; acronyms and words with digits ("FORM #18") keep theirs. */
static char *decapitalise(const char *s)
{
	char *out = xstrdup(s);
	char *p = out;
	int first = 1;

	while (*p) {
		char *e;
		int upper = 0, lower = 0, digit = 0;
		size_t n;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ')
			e++;
		for (char *q = p; q < e; q++) {
			upper += isupper((unsigned char)*q) != 0;
			lower += islower((unsigned char)*q) != 0;
			digit += isdigit((unsigned char)*q) != 0;
		}
		n = (size_t)(e - p);
		if (upper >= 2 && lower == 0 && digit == 0) {
			const char *a = p;
			size_t an = n;

			while (an > 0 && !isalpha((unsigned char)*a)) {
				a++;
				an--;
			}
			while (an > 0 && !isalpha((unsigned char)a[an - 1]))
				an--;
			if (!is_acronym(a, an)) {
				int small = !first && is_small_word(p, n);
				int seen = 0;

				for (char *q = p; q < e; q++) {
					if (!isalpha((unsigned char)*q))
						continue;
					*q = (char)((seen || small) ? tolower((unsigned char)*q) : *q);
					seen = 1;
				}
			}
		}
		first = 0;
		p = e;
	}
	return out;
}

/* Append a source line to running text: hyphenated line ends keep the
 * hyphen and join without a space ("payroll-" "deducted", "1-" "800-..."). */
static NEOERR *append_line(STRING *buf, const char *t)
{
	if (buf->len > 0) {
		const char *b = buf->buf;
		int n = buf->len;
		int hyphen = n >= 2 && b[n - 1] == '-' && isalnum((unsigned char)b[n - 2]) &&
			     isalnum((unsigned char)t[0]);

		if (!hyphen) {
			NEOERR *err = string_append_char(buf, ' ');

			if (err != STATUS_OK)
				return nerr_pass(err);
		}
	}
	return nerr_pass(string_append(buf, t));
}

/* Replace every pat by rep (not longer) in place, in one pass. */
static void replace_all(char *s, const char *pat, const char *rep)
{
	size_t pn = strlen(pat), rn = strlen(rep);
	char *r = s, *w = s;

	while (*r) {
		if (strncmp(r, pat, pn) == 0) {
			memcpy(w, rep, rn);
			w += rn;
			r += pn;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Collapse white space and trim; newly allocated. */
static char *tidy(const char *s)
{
	char *t = xstrdup(s);

	text_squeeze_spaces(t);
	return t;
}

/* ------------------------------------------------------------------------
 * Output: Markdown and the plain text used to find citations
 * ------------------------------------------------------------------------ */

struct out {
	STRING *md;
	STRING *plain;
	int in_list;
	int last_depth;
	int ordered[OM_MAX_DEPTH + 1];   /* list type open at each depth */
};

static NEOERR *out_end_list(struct out *o)
{
	if (!o->in_list)
		return STATUS_OK;
	o->in_list = 0;
	return nerr_pass(md_end_block(o->md));
}

static NEOERR *out_plain(struct out *o, const char *text)
{
	NEOERR *err = string_append(o->plain, text);

	if (err == STATUS_OK)
		err = string_append_char(o->plain, '\n');
	return nerr_pass(err);
}

static NEOERR *out_para(struct out *o, const char *text)
{
	char *t = tidy(text);
	NEOERR *err = STATUS_OK;

	if (*t) {
		err = out_end_list(o);
		if (err == STATUS_OK)
			err = md_paragraph(o->md, t);
		if (err == STATUS_OK)
			err = out_plain(o, t);
	}
	free(t);
	return nerr_pass(err);
}

static NEOERR *out_heading(struct out *o, int level, const char *text)
{
	char *t = tidy(text);
	NEOERR *err = STATUS_OK;
	size_t n = strlen(t);

	if (n > 0 && t[n - 1] == ':')
		t[--n] = '\0';
	rtrim(t);
	if (*t) {
		err = out_end_list(o);
		if (err == STATUS_OK)
			err = md_heading(o->md, level, t);
		if (err == STATUS_OK)
			err = out_plain(o, t);
	}
	free(t);
	return nerr_pass(err);
}

static NEOERR *out_item(struct out *o, int depth, int number, const char *text)
{
	char *t = tidy(text);
	NEOERR *err = STATUS_OK;

	if (*t) {
		if (!o->in_list)
			depth = 0;
		else if (depth > o->last_depth + 1)
			depth = o->last_depth + 1;
		if (depth > OM_MAX_DEPTH)
			depth = OM_MAX_DEPTH;
		/* An ordered item not numbered 1 cannot interrupt a paragraph,
		 * so a new list of that kind starts after a blank line. */
		if (o->in_list && number > 1 && (depth > o->last_depth || !o->ordered[depth]))
			err = md_end_block(o->md);
		if (err == STATUS_OK)
			err = md_list_item(o->md, depth, number, t);
		if (err == STATUS_OK)
			err = out_plain(o, t);
		o->in_list = 1;
		o->last_depth = depth;
		o->ordered[depth] = number > 0;
	}
	free(t);
	return nerr_pass(err);
}

static NEOERR *out_table(struct out *o, char **cells, size_t nrows, size_t ncols)
{
	NEOERR *err = out_end_list(o);

	if (err == STATUS_OK)
		err = md_table(o->md, (const char *const *)cells, nrows, ncols);
	for (size_t i = 0; i < nrows * ncols && err == STATUS_OK; i++)
		err = out_plain(o, cells[i]);
	return nerr_pass(err);
}

static void free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* ------------------------------------------------------------------------
 * Prose: paragraphs, lists, headings
 * ------------------------------------------------------------------------ */

enum mtype {
	M_NONE, M_BULLET, M_O, M_DASH, M_GLYPH, M_NUM, M_PNUM, M_PALPHA,
	M_LALPHA, M_LROMAN, M_UALPHA, M_UROMAN,
};

struct marker {
	enum mtype type;
	int number;           /* M_NUM, M_PNUM */
	char label[8];        /* "a", "iv", "B" */
	const char *rest;     /* the item's text */
	int star;             /* "*5." */
};

struct prose {
	struct out *o;
	const struct om_line *L;
	int width;                        /* right margin of the text, in bytes */
	int kind;                         /* 0 none, 1 paragraph, 2 item */
	STRING seg;                       /* the text being gathered */
	char **segs;                      /* a paragraph's finished lines */
	size_t nsegs;
	int depth, number;
	enum mtype itype;
	const struct om_line *last;       /* last line of the open block */
	const struct om_line *prev;       /* last text line seen */
	int after_heading;
	struct { enum mtype type; char label[8]; } stack[OM_MAX_DEPTH];
	int nstack;
	char last_upper, last_lower;      /* last A./a. label, for I./i. */
};

static int is_roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("ivxIVX", s[i]))
			return 0;
	return n > 0;
}

static int stack_has(const struct prose *ps, enum mtype t)
{
	for (int i = 0; i < ps->nstack; i++)
		if (ps->stack[i].type == t)
			return 1;
	return 0;
}

static int parse_marker(const struct prose *ps, const char *t, struct marker *m)
{
	const char *p = t;
	size_t n;

	memset(m, 0, sizeof *m);
	if (strncmp(p, "\xe2\x80\xa2", 3) == 0) {   /* • */
		p += 3;
		while (*p == ' ')
			p++;
		m->type = M_BULLET;
		m->rest = p;
		return *p != '\0';
	}
	if (p[0] == 'o' && p[1] == ' ' && (isupper((unsigned char)p[2]) || isdigit((unsigned char)p[2]))) {
		m->type = M_O;
		m->rest = p + 2;
		return 1;
	}
	if (p[0] == '-' && p[1] == ' ' && p[2] != '\0' && p[2] != ' ') {
		m->type = M_DASH;
		m->rest = p + 2;
		return 1;
	}
	if (p[0] == '*' && isdigit((unsigned char)p[1])) {
		m->star = 1;
		p++;
	}
	for (n = 0; isdigit((unsigned char)p[n]); n++)
		;
	if (n >= 1 && n <= 3 && (p[n] == '.' || p[n] == ')') && p[n + 1] == ' ') {
		m->type = M_NUM;
		m->number = atoi(p);
		m->rest = p + n + 2;
		while (*m->rest == ' ')
			m->rest++;
		return *m->rest != '\0' && m->number > 0;
	}
	if (m->star)
		return 0;
	if (p[0] == '(') {
		for (n = 1; isdigit((unsigned char)p[n]); n++)
			;
		if (n >= 2 && n <= 3 && p[n] == ')' && p[n + 1] == ' ') {
			m->type = M_PNUM;
			m->number = atoi(p + 1);
		} else if (islower((unsigned char)p[1]) && p[2] == ')' && p[3] == ' ') {
			m->type = M_PALPHA;
			n = 2;
			m->label[0] = p[1];
		} else {
			return 0;
		}
		m->rest = p + n + 1;
		while (*m->rest == ' ')
			m->rest++;
		return *m->rest != '\0' && (m->type != M_PNUM || m->number > 0);
	}
	for (n = 0; n < 6 && isalpha((unsigned char)p[n]); n++)
		;
	if (n == 0 || n > 5 || p[n] != '.' || p[n + 1] != ' ' || !isalnum((unsigned char)p[n + 2]))
		return 0;
	{
		int upper = isupper((unsigned char)p[0]);

		for (size_t i = 1; i < n; i++)
			if ((isupper((unsigned char)p[i]) != 0) != (upper != 0))
				return 0;
		if (n > 1 && !is_roman(p, n))
			return 0;
		if (n == 1 && is_roman(p, 1)) {
			char prev = upper ? ps->last_upper : ps->last_lower;
			enum mtype roman = upper ? M_UROMAN : M_LROMAN;

			if (prev != 0 && prev + 1 == p[0])
				m->type = upper ? M_UALPHA : M_LALPHA;
			else if (p[0] == 'i' || p[0] == 'I' || stack_has(ps, roman))
				m->type = roman;
			else
				m->type = upper ? M_UALPHA : M_LALPHA;
		} else if (n > 1) {
			m->type = upper ? M_UROMAN : M_LROMAN;
		} else {
			m->type = upper ? M_UALPHA : M_LALPHA;
		}
		memcpy(m->label, p, n);
		m->label[n] = '\0';
		m->rest = p + n + 2;
		return 1;
	}
}

static int list_depth(struct prose *ps, const struct marker *m)
{
	for (int i = ps->nstack - 1; i >= 0; i--) {
		if (ps->stack[i].type == m->type) {
			ps->nstack = i + 1;
			snprintf(ps->stack[i].label, sizeof ps->stack[i].label, "%s", m->label);
			return i;
		}
	}
	if (ps->nstack == OM_MAX_DEPTH)
		ps->nstack--;
	ps->stack[ps->nstack].type = m->type;
	snprintf(ps->stack[ps->nstack].label, sizeof ps->stack[ps->nstack].label, "%s", m->label);
	return ps->nstack++;
}

static void note_label(struct prose *ps, const struct marker *m)
{
	if (m->type == M_UALPHA)
		ps->last_upper = m->label[0];
	else if (m->type == M_LALPHA)
		ps->last_lower = m->label[0];
}

/* Next line of text after i (before end), or -1; *adjacent tells whether
 * no blank line comes between (page footers do not count). */
static long next_text(const struct prose *ps, size_t i, size_t end, int *adjacent)
{
	*adjacent = 1;
	for (size_t j = i + 1; j < end; j++) {
		if (ps->L[j].skip)
			continue;
		if (ps->L[j].mark)
			return -1;
		if (ps->L[j].blank) {
			*adjacent = 0;
			continue;
		}
		return (long)j;
	}
	return -1;
}

/* Does line i end its line on purpose (ends well before the margin)? */
static int real_break(const struct prose *ps, const struct om_line *prev, const struct om_line *l)
{
	int room = prev->indent + prev->len + 1 + (int)first_word_len(l->t);
	unsigned char c = (unsigned char)l->t[0];

	if (!(isupper(c) || isdigit(c) || c == '(' || c == '"' || c >= 0x80))
		return 0;
	if (ends_terminal(prev->t) && room <= ps->width - 3)
		return 1;
	return room <= ps->width * 3 / 4;
}

static int is_heading_text(const char *t)
{
	size_t n = strlen(t);
	char c = last_char(t);

	if (n < 2 || n > 80 || count_words(t) > 10)
		return 0;
	if (!starts_upper(t) || strchr(".,;-", c))
		return 0;
	if (strstr(t, "http") || strstr(t, "www.") || strchr(t, '@') || ends_small_word(t))
		return 0;
	return 1;
}

static int heading_here(const struct prose *ps, size_t i, size_t end)
{
	const struct om_line *l = &ps->L[i];
	int adjacent;
	long j;

	if (!is_heading_text(l->norm) || strstr(l->t, "   "))
		return 0;
	j = next_text(ps, i, end, &adjacent);
	if (j < 0 || (adjacent && starts_lower(ps->L[j].t)))
		return 0;
	if (text_is_upper(l->norm) || is_title_case(l->norm))
		return 1;
	return count_words(l->norm) <= 3 && adjacent;
}

static NEOERR *push_segment(struct prose *ps)
{
	if (ps->seg.len > 0) {
		ps->segs = xrealloc(ps->segs, (ps->nsegs + 1) * sizeof *ps->segs);
		ps->segs[ps->nsegs++] = xstrdup(ps->seg.buf);
	}
	string_clear(&ps->seg);
	return STATUS_OK;
}

static NEOERR *flush(struct prose *ps)
{
	NEOERR *err = STATUS_OK;

	if (ps->kind == 1) {
		size_t n, i, first = 0;
		int all_short = 1;

		push_segment(ps);
		n = ps->nsegs;
		for (i = 0; i < n; i++)
			all_short &= strlen(ps->segs[i]) <= 60;
		if (n >= 2 && last_char(ps->segs[0]) == ':') {
			err = out_para(ps->o, ps->segs[0]);
			first = 1;
		}
		if (n - first >= 2 && (first || (n >= 3 && all_short))) {
			for (i = first; i < n && err == STATUS_OK; i++)
				err = out_item(ps->o, 0, 0, ps->segs[i]);
			ps->nstack = 0;
		} else {
			for (i = first; i < n && err == STATUS_OK; i++)
				err = out_para(ps->o, ps->segs[i]);
			ps->nstack = 0;
		}
		for (i = 0; i < n; i++)
			free(ps->segs[i]);
		free(ps->segs);
		ps->segs = NULL;
		ps->nsegs = 0;
	} else if (ps->kind == 2) {
		if (ps->seg.len > 0)
			err = out_item(ps->o, ps->depth, ps->number, ps->seg.buf);
		string_clear(&ps->seg);
	}
	ps->kind = 0;
	ps->last = NULL;
	return nerr_pass(err);
}

/* Headings that the manual prints under another heading ("Eligibility" /
 * "Full-time employees", "Special Programs" / "Wellness Initiatives"). */
static const char *const om_minor_headings[] = {
	"Full-time employees", "Retirees", "Dependents", "Disease Management Programs",
	"Wellness Initiatives", "Personal Health Assessment (PHA)", NULL,
};

static NEOERR *emit_heading(struct prose *ps, int level, const char *text)
{
	for (int i = 0; om_minor_headings[i]; i++)
		if (level == 2 && strcmp(text, om_minor_headings[i]) == 0)
			level = 3;
	char *t = text_is_upper(text) ? decapitalise(text) : xstrdup(text);
	NEOERR *err = out_heading(ps->o, level, t);

	free(t);
	ps->nstack = 0;
	ps->after_heading = 1;
	return nerr_pass(err);
}

/* "Months of Service ... / 0-59 months 1 leave day per month; 12 per year". */
static int months_row(const char *t, size_t *split)
{
	const char *p = t;

	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '-') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (strncmp(p, " months", 7) != 0)
		return 0;
	p += 7;
	if (strncmp(p, " & over", 7) == 0)
		p += 7;
	if (*p != ' ' || p[1] == '\0')
		return 0;
	*split = (size_t)(p - t);
	return 1;
}

/* "Plan 1        $5,000": a short label, three or more spaces, a value. */
static int two_columns(const char *t, size_t *left_end, size_t *right)
{
	const char *gap = strstr(t, "   ");
	const char *r;

	if (gap == NULL || gap == t || gap - t > 30 || strlen(t) > 60)
		return 0;
	r = gap;
	while (*r == ' ')
		r++;
	if (*r == '\0' || strstr(r, "   "))
		return 0;
	*left_end = (size_t)(gap - t);
	*right = (size_t)(r - t);
	return 1;
}

static NEOERR *try_table(struct prose *ps, size_t *pi, size_t end, int *done)
{
	const struct om_line *L = ps->L;
	size_t i = *pi, split, a, b;
	int adjacent;
	long j;
	NEOERR *err = STATUS_OK;

	*done = 0;
	j = next_text(ps, i, end, &adjacent);
	if (strncmp(L[i].norm, "Months of Service ", 18) == 0 && j >= 0 && months_row(L[j].norm, &split)) {
		size_t rows = 1, cap = 8;
		char **cells = xcalloc(cap * 2, sizeof *cells);

		cells[0] = xstrdup("Months of Service");
		cells[1] = xstrdup(L[i].norm + 18);
		while (j >= 0 && months_row(L[j].norm, &split)) {
			if (rows == cap) {
				cap *= 2;
				cells = xrealloc(cells, cap * 2 * sizeof *cells);
			}
			cells[rows * 2] = xstrndup(L[j].norm, split);
			cells[rows * 2 + 1] = xstrdup(L[j].norm + split + 1);
			rows++;
			i = (size_t)j;
			j = next_text(ps, i, end, &adjacent);
		}
		err = out_table(ps->o, cells, rows, 2);
		free_cells(cells, rows * 2);
		*pi = i;
		*done = 1;
		return nerr_pass(err);
	}
	if (two_columns(L[i].t, &a, &b) && j >= 0 && adjacent && two_columns(L[j].t, &a, &b)) {
		for (;;) {
			char *item;

			two_columns(L[i].t, &a, &b);
			item = xasprintf("%.*s: %s", (int)a, L[i].t, L[i].t + b);
			err = out_item(ps->o, 0, 0, item);
			free(item);
			if (err != STATUS_OK)
				break;
			j = next_text(ps, i, end, &adjacent);
			if (j < 0 || !adjacent || !two_columns(L[j].t, &a, &b))
				break;
			i = (size_t)j;
		}
		ps->nstack = 0;
		*pi = i;
		*done = 1;
	}
	return nerr_pass(err);
}

/* What stands for a page the text copy lacks (newly allocated). */
static char *omitted_note(const struct om_entry *e)
{
	return xasprintf("The printed manual includes the %s here; its content is not part of this text.",
			 e->heading);
}

static NEOERR *emit_mark(struct prose *ps, const struct om_line *l)
{
	const struct om_entry *e = &om_outline[l->mark - 1];
	NEOERR *err;

	if (e->kind == OM_SUBHEAD) {
		err = emit_heading(ps, 2, e->heading);
	} else {
		char *note = omitted_note(e);

		err = out_para(ps->o, note);
		free(note);
		ps->nstack = 0;
	}
	return nerr_pass(err);
}

/* The right margin of a range: the longest lines, ignoring the longest few
 * (a URL, a table row) that overshoot it. */
static int text_width(const struct om_line *L, size_t from, size_t to)
{
	int hist[128] = { 0 };
	int n = 0, skip, w;

	for (size_t i = from; i < to; i++) {
		int len = L[i].indent + L[i].len;

		if (L[i].skip || L[i].blank)
			continue;
		hist[len > 127 ? 127 : len]++;
		n++;
	}
	skip = n / 20;
	for (w = 127; w > 0; w--) {
		skip -= hist[w];
		if (skip < 0)
			break;
	}
	return w < 60 ? 60 : w;
}

static NEOERR *prose_range(struct out *o, const struct om_line *L, size_t from, size_t to)
{
	struct prose ps;
	size_t nblank = 0;
	NEOERR *err = STATUS_OK;

	memset(&ps, 0, sizeof ps);
	ps.o = o;
	ps.L = L;
	ps.width = text_width(L, from, to);
	string_init(&ps.seg);

	for (size_t i = from; i < to && err == STATUS_OK; i++) {
		const struct om_line *l = &L[i];
		struct marker m;
		int item, soft, b, done;

		if (l->skip)
			continue;
		if (l->mark) {
			err = flush(&ps);
			if (err == STATUS_OK)
				err = emit_mark(&ps, l);
			ps.prev = NULL;
			nblank = 0;
			continue;
		}
		if (l->blank) {
			nblank++;
			continue;
		}
		b = (int)nblank;
		nblank = 0;
		item = parse_marker(&ps, l->t, &m);
		if (!item && l->indent == 1 && starts_upper(l->t) && ps.kind == 2 &&
		    ((ps.seg.len > 0 && ps.seg.buf[ps.seg.len - 1] == ':') || ps.itype == M_GLYPH)) {
			m.type = M_GLYPH;   /* a Wingdings bullet lost in the conversion */
			m.rest = l->t;
			item = 1;
		}
		soft = !item && (l->pbreak || l->indent == 1);
		if (soft && b == 0 && ps.prev && ends_terminal(ps.prev->t) && !starts_lower(l->t))
			b = 1;   /* a page break between paragraphs */

		if (item) {
			int adjacent;
			long j = next_text(&ps, i, to, &adjacent);
			size_t rn = strlen(m.rest);

			if ((m.type == M_UROMAN || m.type == M_UALPHA) && rn <= 60 && !strchr(".,;", last_char(m.rest)) &&
			    is_title_case(m.rest) && j >= 0 && !adjacent) {
				char *h = xasprintf("%s. %s", m.label, m.rest);

				note_label(&ps, &m);
				err = flush(&ps);
				if (err == STATUS_OK)
					err = emit_heading(&ps, m.type == M_UROMAN ? 2 : 3, h);
				free(h);
				ps.prev = l;
				continue;
			}
			err = flush(&ps);
			if (err != STATUS_OK)
				break;
			note_label(&ps, &m);
			ps.kind = 2;
			ps.itype = m.type;
			ps.depth = list_depth(&ps, &m);
			ps.number = m.type == M_NUM ? m.number : 0;
			if (m.type == M_LALPHA || m.type == M_LROMAN || m.type == M_UALPHA || m.type == M_UROMAN)
				err = string_appendf(&ps.seg, "%s. %s", m.label, m.rest);
			else if (m.type == M_PALPHA)
				err = string_appendf(&ps.seg, "(%s) %s", m.label, m.rest);
			else if (m.type == M_PNUM)
				err = string_appendf(&ps.seg, "(%d) %s", m.number, m.rest);
			else
				err = string_appendf(&ps.seg, "%s%s", m.star ? "*" : "", m.rest);
			ps.last = ps.prev = l;
			ps.after_heading = 0;
			continue;
		}

		if (ps.kind != 0 && ps.last != NULL) {
			int cont;

			if (b == 0)
				cont = 1;
			else if (ends_terminal(ps.last->t))
				cont = 0;
			else
				cont = starts_lower(l->t) || l->t[0] == '(' || isdigit((unsigned char)l->t[0]) ||
				       ends_small_word(ps.last->t);
			if (cont) {
				if (ps.kind == 1 && b == 0 && !soft && real_break(&ps, ps.last, l)) {
					if (ends_terminal(ps.last->t) && !ps.after_heading && heading_here(&ps, i, to) &&
					    is_title_case(l->norm)) {
						err = flush(&ps);
						if (err == STATUS_OK)
							err = emit_heading(&ps, 2, l->norm);
						ps.prev = l;
						continue;
					}
					push_segment(&ps);
				}
				err = append_line(&ps.seg, l->t);
				ps.last = ps.prev = l;
				continue;
			}
		}
		err = flush(&ps);
		if (err != STATUS_OK)
			break;
		err = try_table(&ps, &i, to, &done);
		if (err != STATUS_OK)
			break;
		if (done) {
			ps.prev = &L[i];
			ps.after_heading = 0;
			continue;
		}
		if ((b > 0 || ps.prev == NULL) && !(b == 0 && ps.after_heading) && heading_here(&ps, i, to)) {
			char *h = xstrdup(l->norm);
			int adjacent;
			long j = next_text(&ps, i, to, &adjacent);

			/* A heading printed on two lines, like "Commonwealth of Kentucky" /
			 * "Employee Educational Assistance Program". */
			if (j >= 0 && adjacent && is_heading_text(L[j].norm) && starts_upper(L[j].norm) &&
			    (is_title_case(L[j].norm) || text_is_upper(L[j].norm)) && L[j].len <= 60) {
				int adj2;
				long k = next_text(&ps, (size_t)j, to, &adj2);

				if (k < 0 || !adj2 || !starts_upper(L[k].norm) ||
				    !(is_title_case(L[k].norm) && is_heading_text(L[k].norm))) {
					char *joined = xasprintf("%s %s", h, L[j].norm);

					free(h);
					h = joined;
					i = (size_t)j;
				}
			}
			err = emit_heading(&ps, 2, h);
			free(h);
			ps.prev = &L[i];
			continue;
		}
		ps.kind = 1;
		ps.after_heading = 0;
		err = string_set(&ps.seg, l->t);
		ps.last = ps.prev = l;
	}
	if (err == STATUS_OK)
		err = flush(&ps);
	if (err == STATUS_OK)
		err = out_end_list(o);
	string_clear(&ps.seg);
	for (size_t i = 0; i < ps.nsegs; i++)
		free(ps.segs[i]);
	free(ps.segs);
	return nerr_pass(err);
}

/* ------------------------------------------------------------------------
 * The sick leave service credit table
 * ------------------------------------------------------------------------ */

static int is_number(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (*s != '.' && *s != ',')
			return 0;
	}
	return digits > 0;
}

static int is_dash(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "\xe2\x80\x93") == 0;
}

/* Split a squeezed line into words (pointers into a copy). */
static size_t split_words(char *s, char **w, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	for (char *tok = strtok_r(s, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (n == max)
			return max + 1;
		w[n++] = tok;
	}
	return n;
}

/* "82.5 – 157.5 88 – 168 1 11 – 21" -> four cells. */
static int sick_row(const char *norm, char **cells)
{
	char *copy = xstrdup(norm);
	char *w[11];
	size_t n = split_words(copy, w, 10);
	int ok = n == 10 && is_number(w[0]) && is_dash(w[1]) && is_number(w[2]) && is_number(w[3]) &&
		 is_dash(w[4]) && is_number(w[5]) && is_number(w[6]) && is_number(w[7]) && is_dash(w[8]) &&
		 is_number(w[9]);

	if (ok) {
		cells[0] = xasprintf("%s \xe2\x80\x93 %s", w[0], w[2]);
		cells[1] = xasprintf("%s \xe2\x80\x93 %s", w[3], w[5]);
		cells[2] = xstrdup(w[6]);
		cells[3] = xasprintf("%s \xe2\x80\x93 %s", w[7], w[9]);
	}
	free(copy);
	return ok;
}

static NEOERR *build_sick_table(struct out *o, struct om_line *L, size_t from, size_t to, int *done)
{
	static const char *const header[] = {
		"7\xc2\xbd hr. day", "8 hr. day", "Months of Service Credit", "Number of Days",
	};
	STRING head;
	size_t rows = 1, cap = 32, first_row = to;
	char **cells = xcalloc(cap * 4, sizeof *cells);
	NEOERR *err = STATUS_OK;

	*done = 0;
	string_init(&head);
	for (size_t i = from; i < to && err == STATUS_OK; i++) {
		if (L[i].skip || L[i].blank || L[i].mark)
			continue;
		if (rows == cap) {
			cap *= 2;
			cells = xrealloc(cells, cap * 4 * sizeof *cells);
		}
		if (sick_row(L[i].norm, cells + rows * 4)) {
			if (first_row == to)
				first_row = i;
			rows++;
		} else if (first_row == to) {
			err = append_line(&head, L[i].norm);
		}
	}
	/* The header printed over two lines: "7 ½ hr. day 8 hr. day Months of" /
	 * "Service Credit Number of Days". */
	if (err == STATUS_OK && rows > 1 && head.buf &&
	    strcmp(head.buf, "7 \xc2\xbd hr. day 8 hr. day Months of Service Credit Number of Days") == 0) {
		for (int c = 0; c < 4; c++)
			cells[c] = xstrdup(header[c]);
		err = out_table(o, cells, rows, 4);
		/* Whatever else the range holds, after the table. */
		for (size_t i = first_row; i < to && err == STATUS_OK; i++) {
			char *tmp[4];

			if (L[i].skip || L[i].blank || L[i].mark)
				continue;
			if (sick_row(L[i].norm, tmp)) {
				for (int c = 0; c < 4; c++)
					free(tmp[c]);
				continue;
			}
			err = out_para(o, L[i].norm);
		}
		*done = 1;
	}
	free_cells(cells, rows * 4);
	string_clear(&head);
	return nerr_pass(err);
}

/* ------------------------------------------------------------------------
 * The benefits schedule and the holidays
 * ------------------------------------------------------------------------ */

/* "Court Leave X X X   Granted ...": the four columns of check marks are two
 * characters wide each ("X " or "  "). Returns 1 and fills name_end,
 * marks and comment when the line is a row. */
static int benefit_row(const char *t, size_t *name_end, int marks[4], size_t *comment)
{
	const char *x = NULL;

	for (const char *p = t; *p; p++) {
		if (*p == 'X' && (p == t || p[-1] == ' ') && (p[1] == ' ' || p[1] == '\0')) {
			x = p;
			break;
		}
	}
	if (x == NULL)
		return 0;
	{
		const char *q = x;

		for (int k = 0; k < 4; k++) {
			marks[k] = 0;
			if (q[0] == 'X' && (q[1] == ' ' || q[1] == '\0')) {
				marks[k] = 1;
				q += q[1] ? 2 : 1;
			} else if (q[0] == ' ' && q[1] == ' ') {
				q += 2;
			} else if (q[0] != '\0') {
				break;
			}
		}
		while (*q == ' ')
			q++;
		*comment = (size_t)(q - t);
	}
	*name_end = (size_t)(x - t);
	return 1;
}

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December", NULL,
};

/* Where the date of a holiday line begins ("Labor Day First Monday in
 * September", "Independence Day July 4", "Good Friday One-half day"). */
static const char *holiday_date(const char *t)
{
	static const char *const ordinals[] = { "First ", "Second ", "Third ", "Fourth ", "Last ", "One-half ", NULL };

	for (const char *p = strchr(t, ' '); p; p = strchr(p + 1, ' ')) {
		const char *w = p + 1;

		for (int i = 0; ordinals[i]; i++)
			if (strncmp(w, ordinals[i], strlen(ordinals[i])) == 0)
				return w;
		for (int i = 0; months[i]; i++) {
			size_t n = strlen(months[i]);

			if (strncmp(w, months[i], n) == 0 && w[n] == ' ' && isdigit((unsigned char)w[n + 1]))
				return w;
		}
	}
	return NULL;
}

struct brow {
	STRING name, comment;
	int marks[4];
};

static NEOERR *build_benefits(struct out *o, struct om_line *L, size_t from, size_t to, int *done)
{
	static const char *const header[] = {
		"Benefits", "Full-Time", "Part-Time (Less Than 100 Hours Per Mo)", "Interim", "Per Diem", "Comments",
	};
	size_t hstart = to, hend = to, hol_start = to, hol_end = to, nrows = 0;
	struct brow *rows = NULL;
	STRING head, pending;
	int match;
	NEOERR *err = STATUS_OK;

	*done = 0;
	for (size_t i = from; i < to; i++) {
		if (L[i].skip || L[i].blank || L[i].mark)
			continue;
		if (hstart == to) {
			if (strncmp(L[i].norm, "BENEFITS ", 9) == 0)
				hstart = i;
			else
				continue;
		}
		if (hend == to) {
			size_t n = strlen(L[i].norm);

			if (n >= 8 && strcmp(L[i].norm + n - 8, "COMMENTS") == 0)
				hend = i;
			continue;
		}
		if (holiday_date(L[i].norm)) {
			if (hol_start == to)
				hol_start = i;
			hol_end = i + 1;
		} else if (hol_start != to) {
			break;
		}
	}
	if (hend == to || hol_start == to)
		return STATUS_OK;
	/* The header, broken over eight lines by the table layout. */
	string_init(&head);
	for (size_t i = hstart; i <= hend && err == STATUS_OK; i++)
		if (!L[i].skip && !L[i].blank)
			err = append_line(&head, L[i].norm);
	match = err == STATUS_OK && head.buf &&
		strcmp(head.buf, "BENEFITS Full-Time Part-Time (Less Than 100 Hours Per Mo) "
				 "Interim Per Diem COMMENTS") == 0;
	string_clear(&head);
	if (!match)
		return nerr_pass(err);

	string_init(&pending);
	for (size_t i = hend + 1; i < hol_start && err == STATUS_OK; i++) {
		size_t name_end, cstart, j;
		int marks[4];

		if (L[i].skip || L[i].blank || L[i].mark)
			continue;
		if (benefit_row(L[i].t, &name_end, marks, &cstart)) {
			struct brow *r;
			char *nm = xstrndup(L[i].t, name_end);

			rows = xrealloc(rows, (nrows + 1) * sizeof *rows);
			r = &rows[nrows++];
			string_init(&r->name);
			string_init(&r->comment);
			memcpy(r->marks, marks, sizeof marks);
			if (pending.len)
				err = append_line(&r->name, pending.buf);
			if (err == STATUS_OK)
				err = append_line(&r->name, nm);
			if (err == STATUS_OK && L[i].t[cstart])
				err = append_line(&r->comment, L[i].t + cstart);
			free(nm);
			string_clear(&pending);
			continue;
		}
		/* A short line right above a row starts its name ("Compensatory" /
		 * "Leave X X X ..."); any other line continues a comment. */
		for (j = i + 1; j < hol_start && L[j].skip; j++)
			;
		if (j < hol_start && !L[j].blank && benefit_row(L[j].t, &name_end, marks, &cstart) &&
		    count_words(L[i].norm) <= 2 && !ends_terminal(L[i].norm))
			err = append_line(&pending, L[i].norm);
		else if (nrows > 0)
			err = append_line(&rows[nrows - 1].comment, L[i].norm);
	}
	string_clear(&pending);
	if (err == STATUS_OK && nrows > 0) {
		size_t n = (nrows + 1) * 6, hrows = 1;
		char **cells = xcalloc(n, sizeof *cells);
		char **hol;

		for (int c = 0; c < 6; c++)
			cells[c] = xstrdup(header[c]);
		for (size_t r = 0; r < nrows; r++) {
			char **row = cells + (r + 1) * 6;

			row[0] = tidy(rows[r].name.buf ? rows[r].name.buf : "");
			for (int k = 0; k < 4; k++)
				row[1 + k] = xstrdup(rows[r].marks[k] ? "X" : "");
			row[5] = tidy(rows[r].comment.buf ? rows[r].comment.buf : "");
		}
		err = out_table(o, cells, nrows + 1, 6);
		free_cells(cells, n);
		/* The text before the schedule is about the holidays. */
		if (err == STATUS_OK)
			err = prose_range(o, L, from, hstart);
		hol = xcalloc((hol_end - hol_start + 1) * 2, sizeof *hol);
		hol[0] = xstrdup("Holiday");
		hol[1] = xstrdup("Date");
		for (size_t i = hol_start; i < hol_end; i++) {
			const char *d;

			if (L[i].skip || L[i].blank || (d = holiday_date(L[i].norm)) == NULL)
				continue;
			hol[hrows * 2] = xstrndup(L[i].norm, (size_t)(d - L[i].norm - 1));
			hol[hrows * 2 + 1] = xstrdup(d);
			hrows++;
		}
		if (err == STATUS_OK)
			err = out_table(o, hol, hrows, 2);
		free_cells(hol, hrows * 2);
		if (err == STATUS_OK)
			err = prose_range(o, L, hol_end, to);
		*done = 1;
	}
	for (size_t r = 0; r < nrows; r++) {
		string_clear(&rows[r].name);
		string_clear(&rows[r].comment);
	}
	free(rows);
	return nerr_pass(err);
}

/* ------------------------------------------------------------------------
 * The salary schedule
 * ------------------------------------------------------------------------ */

struct grade {
	char grade[8];
	char v[3][4][16];   /* HR/MO/AN x (37.5 entry, 37.5 midpoint, 40 entry, 40 midpoint) */
	int filled[3];      /* values seen per rate */
};

static int rate_index(const char *w)
{
	if (strcmp(w, "HR") == 0)
		return 0;
	if (strcmp(w, "MO") == 0)
		return 1;
	if (strcmp(w, "AN") == 0)
		return 2;
	return -1;
}

static int is_money(const char *w)
{
	return w[0] == '$' && is_number(w + 1) && strlen(w) < 16;
}

static int is_grade(const char *w)
{
	size_t n = strlen(w);

	if (n > 0 && w[n - 1] == '*')
		n--;
	if (n == 0 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)w[i]))
			return 0;
	return 1;
}

static NEOERR *build_salary(struct out *o, struct om_line *L, size_t from, size_t to, int *done)
{
	static const char *const header[] = {
		"Grade", "Rate", "37.5 Hour Schedule: Entry Level Wage", "37.5 Hour Schedule: Midpoint Wage",
		"40 Hour Schedule: Entry Level Wage", "40 Hour Schedule: Midpoint Wage",
	};
	static const char *const rate_names[] = { "Hourly", "Monthly", "Annual" };
	struct grade *g = NULL;
	size_t ng = 0, i, after = to;
	int started = 0, rate = -1, slot = 0, ok = 1, saw_header = 0;
	NEOERR *err = STATUS_OK;

	*done = 0;
	for (i = from; i < to && ok; i++) {
		char *copy, *w[64];
		size_t nw;

		if (L[i].skip || L[i].blank || L[i].mark)
			continue;
		if (!started) {
			if (strstr(L[i].norm, "37.5 Hour Schedule") && strstr(L[i].norm, "40 Hour Schedule"))
				saw_header = 1;
			if (strncmp(L[i].norm, "HR ", 3) != 0)
				continue;
			started = 1;
		}
		/* "$76,030.32$100,728.24" printed without a space. */
		copy = xcalloc(strlen(L[i].norm) * 2 + 1, 1);
		{
			char *q = copy;

			for (const char *p = L[i].norm; *p; p++) {
				if (*p == '$' && p > L[i].norm && p[-1] != ' ')
					*q++ = ' ';
				*q++ = *p;
			}
		}
		nw = split_words(copy, w, 63);
		if (nw > 63) {
			ok = 0;
			free(copy);
			break;
		}
		{
			int any = 0;

			for (size_t k = 0; k < nw; k++)
				any |= rate_index(w[k]) >= 0 || is_money(w[k]) || is_grade(w[k]);
			if (!any) {   /* the footnote after the table */
				free(copy);
				after = i;
				break;
			}
		}
		for (size_t k = 0; k < nw && ok; k++) {
			int r = rate_index(w[k]);

			if (r >= 0) {
				if (r == 0 && (ng == 0 || g[ng - 1].filled[2] == 4)) {
					g = xrealloc(g, (ng + 1) * sizeof *g);
					memset(&g[ng], 0, sizeof *g);
					ng++;
				}
				if (ng == 0 || g[ng - 1].filled[r] >= 4) {
					ok = 0;
					break;
				}
				rate = r;
				slot = 0;
			} else if (is_money(w[k])) {
				struct grade *cur = ng ? &g[ng - 1] : NULL;

				if (cur == NULL || rate < 0 || slot >= 2 || cur->filled[rate] >= 4) {
					ok = 0;
					break;
				}
				snprintf(cur->v[rate][cur->filled[rate]], sizeof cur->v[rate][0], "%s", w[k]);
				cur->filled[rate]++;
				slot++;
			} else if (is_grade(w[k])) {
				struct grade *cur = ng ? &g[ng - 1] : NULL;

				if (cur == NULL) {
					ok = 0;
				} else if (cur->grade[0] == '\0') {
					snprintf(cur->grade, sizeof cur->grade, "%s", w[k]);
				} else if (strcmp(cur->grade, w[k]) != 0) {
					ok = 0;
				}
			}
		}
		free(copy);
	}
	for (size_t k = 0; k < ng && ok; k++)
		ok = g[k].grade[0] && g[k].filled[0] == 4 && g[k].filled[1] == 4 && g[k].filled[2] == 4;
	if (ok && saw_header && ng > 0) {
		size_t nrows = 1 + ng * 3;
		char **cells = xcalloc(nrows * 6, sizeof *cells);

		for (int c = 0; c < 6; c++)
			cells[c] = xstrdup(header[c]);
		for (size_t k = 0; k < ng; k++) {
			for (int r = 0; r < 3; r++) {
				char **row = cells + (1 + k * 3 + (size_t)r) * 6;

				row[0] = xstrdup(g[k].grade);
				row[1] = xstrdup(rate_names[r]);
				for (int c = 0; c < 4; c++)
					row[2 + c] = xstrdup(g[k].v[r][c]);
			}
		}
		err = out_table(o, cells, nrows, 6);
		free_cells(cells, nrows * 6);
		if (err == STATUS_OK && after < to)
			err = prose_range(o, L, after, to);
		*done = 1;
	}
	free(g);
	return nerr_pass(err);
}

/* ------------------------------------------------------------------------
 * Forms
 * ------------------------------------------------------------------------ */

#define BLANK '\x1f'   /* where the form had a blank to fill in */
#define FORM_MERGE_MAX 4096   /* longest text a note or a line is added to */

struct fline {
	char *t;            /* text; runs of '_' replaced by BLANK; NULL: a mark */
	int mark;           /* 1 + index of the OM_SUBHEAD entry at this line */
	int indent;
	int empty;          /* nothing at all */
	int blank_only;     /* only a blank to fill in */
	int len;            /* with the indentation */
};

#define FB_BLANK 1   /* a blank to fill in follows the label */
#define FB_LABEL 2   /* a label, ending with ":" or "?" */
#define FB_CAPS 4    /* a check box label printed in capitals */

struct fblock {
	int type;           /* 'H' heading of the form, 'h' heading in capitals,
			     * 'p' paragraph, 'i' item (a field or a check box) */
	char *text;
	int flags;          /* FB_* */
};

struct form {
	struct fblock *b;
	size_t n;
};

/* The portal never asks for a Social Security number: fields that do are
 * left out ("Social Security Number", "SOC. SEC. NO.", "SSN"). */
static int mentions_ssn(const char *s)
{
	char *low = xstrdup(s);
	int hit;

	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	text_squeeze_spaces(low);
	hit = strstr(low, "social security") || strstr(low, "soc. sec") || strstr(low, "soc sec");
	for (const char *p = low; !hit && (p = strstr(p, "ssn")) != NULL; p += 3)
		hit = (p == low || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[3]);
	free(low);
	return hit;
}

static void form_add(struct form *f, int type, const char *text, int flags)
{
	char *t = tidy(text);
	size_t n = strlen(t);

	while (n > 0 && ((t[n - 1] == ':' && type != 'p') || t[n - 1] == ' ' || t[n - 1] == BLANK))
		t[--n] = '\0';
	if (n == 0 || mentions_ssn(t)) {
		free(t);
		return;
	}
	replace_all(t, ": (", " (");
	if (type != 'p' && !islower((unsigned char)t[0])) {
		char *d = decapitalise(t);

		free(t);
		t = d;
	} else if (type == 'i' && starts_lower(t)) {
		t[0] = (char)toupper((unsigned char)t[0]);
	}
	f->b = xrealloc(f->b, (f->n + 1) * sizeof *f->b);
	f->b[f->n].type = type;
	f->b[f->n].text = t;
	f->b[f->n].flags = flags;
	f->n++;
}

static struct fblock *form_last_item(struct form *f)
{
	return f->n && f->b[f->n - 1].type == 'i' ? &f->b[f->n - 1] : NULL;
}

static int count_stars(const char *s)
{
	int n = 0;

	while (*s) {
		if (s[0] == '*' && s[1] == '*' && s[2] == '*') {
			n++;
			s += 3;
		} else {
			s++;
		}
	}
	return n;
}

/* Parts of a name or an address printed under one blank. */
static int is_part_caption(const char *c)
{
	static const char *const parts[] = {
		"last", "first", "middle", "maiden", "street", "city", "state", "zip code", "zip", NULL,
	};

	for (int i = 0; parts[i]; i++)
		if (strcasecmp(c, parts[i]) == 0)
			return 1;
	return 0;
}

/* "(LAST) (FIRST (MIDDLE) (MAIDEN)" -> captions; 0 if not a caption line. */
static size_t captions(const char *t, char **out, size_t max)
{
	size_t n = 0;
	const char *p = t;

	if (t[0] != '(' || last_char(t) != ')')
		return 0;
	while (*p) {
		const char *s, *e;

		while (*p == ' ' || *p == ')')
			p++;
		if (*p == '\0')
			break;
		if (*p != '(')
			goto fail;
		s = ++p;
		e = s;
		while (*e && *e != '(' && *e != ')')
			e++;
		if (n == max)
			goto fail;
		out[n] = xstrndup(s, (size_t)(e - s));
		text_squeeze_spaces(out[n]);
		n++;
		p = e;
	}
	return n;
fail:
	for (size_t i = 0; i < n; i++)
		free(out[i]);
	return 0;
}

/* Split at the blanks; returns the number of pieces (copied, tidied). */
static size_t blank_pieces(const char *t, char **out, size_t max)
{
	size_t n = 0;
	const char *p = t;

	while (*p && n < max) {
		const char *e = strchr(p, BLANK);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *piece = xstrndup(p, len);

		text_squeeze_spaces(piece);
		if (*piece)
			out[n++] = piece;
		else
			free(piece);
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

/* Columns separated by three or more spaces ("Signature of Donor   Date"). */
static size_t column_pieces(const char *t, char **out, size_t max)
{
	size_t n = 0;
	const char *p = t;

	while (*p && n < max) {
		const char *e = strstr(p, "   ");
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len > 0) {
			out[n] = xstrndup(p, len);
			text_squeeze_spaces(out[n]);
			if (*out[n])
				n++;
			else
				free(out[n]);
		}
		if (!e)
			break;
		p = e;
		while (*p == ' ')
			p++;
	}
	return n;
}

static struct fline *form_lines(const struct om_line *L, size_t from, size_t to, size_t *count, int *width)
{
	struct fline *F = xcalloc(to - from + 1, sizeof *F);
	size_t n = 0;

	*width = 60;
	for (size_t i = from; i < to; i++) {
		const char *src = L[i].t;
		char *t, *w;

		if (L[i].skip)
			continue;
		if (L[i].mark) {
			F[n].t = NULL;
			F[n].mark = L[i].mark;
			n++;
			continue;
		}
		t = xcalloc(strlen(src) + 1, 1);
		w = t;
		for (const char *p = src; *p; p++) {
			if (*p == '_') {
				if (w == t || w[-1] != BLANK)
					*w++ = BLANK;
				continue;
			}
			*w++ = *p;
		}
		*w = '\0';
		F[n].t = t;
		F[n].indent = L[i].indent;
		F[n].len = L[i].indent + L[i].len;
		F[n].empty = L[i].blank;
		F[n].blank_only = !F[n].empty && strspn(t, " \x1f") == strlen(t);
		if (F[n].len > *width && F[n].len < 120)
			*width = F[n].len;
		n++;
	}
	*count = n;
	return F;
}

static void free_form_lines(struct fline *F, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(F[i].t);
	free(F);
}

static int is_text(const struct fline *f)
{
	return f->t != NULL && !f->empty && !f->blank_only;
}

/* "E:" under "NAM", ")" or "E)" under "(MIDDL": a word broken by the layout. */
static int is_fragment(const char *t)
{
	size_t n = strlen(t);

	if (strcmp(t, ":") == 0)
		return 1;
	if (n < 2 || n > 3 || (t[n - 1] != ':' && t[n - 1] != ')'))
		return 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (!isupper((unsigned char)t[i]))
			return 0;
	return 1;
}

static char last_visible(const STRING *s)
{
	int n = s->len;

	while (n > 0 && s->buf[n - 1] == ' ')
		n--;
	return n ? s->buf[n - 1] : '\0';
}

static int has_lower(const char *s)
{
	for (; *s; s++)
		if (islower((unsigned char)*s))
			return 1;
	return 0;
}

/* A logical line of a form being gathered, with counts kept as it grows
 * (scanning it again for every line would be quadratic). */
struct fcur {
	STRING s;
	int parens;      /* '(' minus ')' */
	int stars;       /* "***" seen */
	int lower;       /* any lowercase letter */
	int upper;       /* uppercase letters */
};

static void fcur_add(struct fcur *c, const char *sep, const char *t)
{
	const char *p;

	if (sep)
		string_append(&c->s, sep);
	string_append(&c->s, t);
	for (p = t; *p; p++) {
		c->parens += (*p == '(') - (*p == ')');
		c->lower |= islower((unsigned char)*p) != 0;
		c->upper += isupper((unsigned char)*p) != 0;
		if (p[0] == '*' && p[1] == '*' && p[2] == '*') {
			c->stars++;
			p += 2;
		}
	}
}

static int fcur_caps(const struct fcur *c)
{
	return !c->lower && c->upper >= 2;
}

/* May the next line (adjacent) continue the logical line in cur? In a
 * list that a line ending with ":" introduces, a line that ends well before
 * the margin ends its item. */
static int form_joins(const struct fcur *fc, const struct fline *prev, const struct fline *next, int width,
		      int in_list)
{
	const STRING *cur = &fc->s;
	char c = last_visible(cur);

	if (next->indent == 1 || next->t[0] == '(')
		return 0;
	if (starts_lower(next->t))
		return 1;
	if (c == '+' || c == '=' || next->t[0] == BLANK)
		return 1;   /* "balance: ___ +" / "___donation = ___" */
	if (c == '\0' || strchr(".:?!)", c) || c == BLANK)
		return 0;
	if ((fc->lower && text_is_upper(next->t)) || (fcur_caps(fc) && has_lower(next->t)))
		return 0;   /* text, then a label in capitals; or a heading in capitals, then text */
	if (in_list && prev->len + 1 + (int)first_word_len(next->t) <= width - 3)
		return 0;
	return 1;
}

/* Visible end of a line, ignoring blanks and closing brackets. */
static char visible_end(const char *t)
{
	size_t n = strlen(t);

	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == BLANK || t[n - 1] == ']'))
		n--;
	return n ? t[n - 1] : '\0';
}

/* Does the label starting at line k (with the lines right after it) end
 * with ":"? */
static int starts_label(const struct fline *F, size_t n, size_t k)
{
	for (size_t i = k; i < n && is_text(&F[i]) && i < k + 4; i++)
		if (last_char(F[i].t) == ':')
			return 1;
	return 0;
}

static int caps_led(const char *t)
{
	size_t n = first_word_len(t);
	int upper = 0;

	for (size_t i = 0; i < n; i++) {
		if (islower((unsigned char)t[i]))
			return 0;
		upper += isupper((unsigned char)t[i]) != 0;
	}
	return upper >= 1;
}

struct fctx {
	struct form f;
	int heading_level;   /* of headings printed in capitals */
};

/* Turn one logical line of a form into blocks. */
static void form_classify(struct fctx *fc, char *t, int adjacent, int after_blank_line, int blank_follows)
{
	struct form *f = &fc->f;
	size_t n;
	int stars = count_stars(t) > 0;
	char *caps[8];
	char *pieces[8];
	size_t np;

	/* "***ALL APPEALS ... ON THIS FORM***" */
	replace_all(t, "***", "");
	/* Trim, but keep the runs of spaces between columns for now. */
	rtrim(t);
	if (*t == ' ')
		memmove(t, t + strspn(t, " "), strlen(t + strspn(t, " ")) + 1);
	n = strlen(t);
	if (n == 0 || strcasecmp(t, "For Official Use Only") == 0 || strcasecmp(t, "Please Print") == 0)
		return;   /* paper-only instructions */
	if (strncmp(t, "Revised ", 8) == 0 && strstr(t, "FORM #")) {
		const char *date = t + 8;
		const char *rest = strchr(date, ' ');

		if (rest) {
			char *what = decapitalise(rest + 1);
			char *note = xasprintf("Printed form: %s, revised %.*s.", what, (int)(rest - date), date);

			form_add(f, 'p', note, 0);
			free(what);
			free(note);
			return;
		}
	}
	np = t[0] == '(' && last_char(t) == ')' ? captions(t, caps, 8) : 0;
	if (t[0] == '(' && last_char(t) == ')' && np == 0) {
		/* "(Must be requested within two (2) work days ...)" */
		struct fblock *last = form_last_item(f);

		if (last && adjacent && strlen(last->text) < FORM_MERGE_MAX) {
			char *t2 = xasprintf("%s %s", last->text, t);

			free(last->text);
			last->text = tidy(t2);
			free(t2);
		} else {
			form_add(f, 'i', t, 0);
		}
		return;
	}
	if (np > 0) {
		struct fblock *last = form_last_item(f);
		size_t kept = 0;
		int parts = 1;
		STRING joined;

		for (size_t i = 0; i < np; i++) {
			if (mentions_ssn(caps[i])) {
				free(caps[i]);
				continue;
			}
			parts &= is_part_caption(caps[i]);
			caps[kept++] = caps[i];
		}
		string_init(&joined);
		if (kept > 0 && last && strlen(last->text) < FORM_MERGE_MAX && (parts || (kept == 1 && (strlen(caps[0]) > 40 || strchr(caps[0], '.') ||
								  ((last->flags & FB_BLANK) && adjacent))))) {
			for (size_t i = 0; i < kept; i++) {
				char *d = decapitalise(caps[i]);

				string_appendf(&joined, "%s%s", i ? ", " : " (", d);
				free(d);
			}
			string_append(&joined, ")");
			{
				char *t2 = xasprintf("%s%s", last->text, joined.buf);

				free(last->text);
				last->text = t2;
			}
		} else {
			for (size_t i = 0; i < kept; i++)
				form_add(f, 'i', caps[i], 0);
		}
		string_clear(&joined);
		for (size_t i = 0; i < kept; i++)
			free(caps[i]);
		return;
	}
	if (strchr(t, BLANK)) {
		np = blank_pieces(t, pieces, 8);
		if (strstr(t, " + ") || strstr(t, " = ")) {
			/* "balance: ___ + ___donation = ___ New Balance" */
			for (size_t i = 0; i < np; i++) {
				char *p = pieces[i];
				size_t m;

				while (*p && strchr("+=: ", *p))
					p++;
				m = strlen(p);
				while (m > 0 && strchr("+=: ", p[m - 1]))
					p[--m] = '\0';
				form_add(f, 'i', p, FB_BLANK);
			}
		} else {
			int fill_in = 0;

			for (size_t i = 1; i < np; i++)
				fill_in |= !isupper((unsigned char)pieces[i][0]);
			if (fill_in) {
				/* "... before me by ___ this the ___ day of ___ 20___." */
				STRING s;

				string_init(&s);
				for (const char *p = t; *p; p++) {
					if (*p == BLANK)
						string_append(&s, "\xe2\x80\xa6");
					else
						string_append_char(&s, *p);
				}
				form_add(f, 'i', s.buf, 0);
				string_clear(&s);
			} else {
				for (size_t i = 0; i < np; i++) {
					char *cols[8];
					size_t nc = column_pieces(pieces[i], cols, 8);

					for (size_t k = 0; k < nc; k++) {
						form_add(f, 'i', cols[k], FB_BLANK);
						free(cols[k]);
					}
				}
			}
		}
		for (size_t i = 0; i < np; i++)
			free(pieces[i]);
		return;
	}
	np = column_pieces(t, pieces, 8);
	if (np >= 2) {
		int all_short = 1;

		for (size_t i = 0; i < np; i++)
			all_short &= strlen(pieces[i]) <= 40;
		if (all_short) {
			for (size_t i = 0; i < np; i++)
				form_add(f, 'i', pieces[i], 0);
		}
		for (size_t i = 0; i < np; i++)
			free(pieces[i]);
		if (all_short)
			return;
	} else {
		for (size_t i = 0; i < np; i++)
			free(pieces[i]);
	}
	text_squeeze_spaces(t);
	n = strlen(t);
	/* "SIGNATURE DATE", "ATTORNEY'S SIGNATURE (if any) DATE" */
	if (n > 5 && strcmp(t + n - 5, " DATE") == 0 && strstr(t, "SIGNATURE")) {
		t[n - 5] = '\0';
		form_add(f, 'i', t, 0);
		form_add(f, 'i', "Date", 0);
		return;
	}
	if (stars) {
		form_add(f, 'p', t, 0);
		return;
	}
	if (text_is_upper(t) && count_words(t) >= 2 && n <= 70 && !strchr(".:?", last_char(t)) && !strchr(t, '(')) {
		form_add(f, 'h', t, 0);
		return;
	}
	{
		const char *paren = strchr(t, '(');
		char *prefix = paren ? xstrndup(t, (size_t)(paren - t)) : xstrdup(t);
		int label;

		rtrim(prefix);
		label = strchr(":?", last_char(prefix)) != NULL && last_char(prefix) != '\0';
		free(prefix);
		if (label) {
			form_add(f, n > 80 && !paren && !blank_follows ? 'p' : 'i', t, 0);
			if (f->n)
				f->b[f->n - 1].flags |= FB_LABEL;
			return;
		}
	}
	if ((last_char(t) == '.' && n > 100) || n > 200) {
		struct fblock *prev = f->n ? &f->b[f->n - 1] : NULL;

		if (prev && prev->type == 'p' && !after_blank_line && strlen(prev->text) < FORM_MERGE_MAX) {
			char *t2 = xasprintf("%s %s", prev->text, t);

			free(prev->text);
			prev->text = t2;
			return;
		}
		form_add(f, 'p', t, 0);
		return;
	}
	form_add(f, 'i', t, 0);
	if (f->n && caps_led(t))
		f->b[f->n - 1].flags |= FB_CAPS;
}

static NEOERR *build_form(struct out *o, const struct om_entry *e, struct om_line *L, size_t from, size_t to)
{
	struct fctx fc;
	size_t n, i = 0;
	int width;
	struct fline *F = form_lines(L, from, to, &n, &width);
	int gap = 0, in_list = 0;
	NEOERR *err = STATUS_OK;

	memset(&fc, 0, sizeof fc);
	fc.heading_level = 2;
	if (e->heading) {
		form_add(&fc.f, 'H', e->heading, 0);
		fc.heading_level = 3;
	}
	for (size_t k = 0; k < n; k++)
		if (F[k].t == NULL)
			fc.heading_level = 3;

	while (i < n) {
		struct fcur cur;
		size_t last = i;
		int adjacent = !gap, indent = F[i].indent;

		if (F[i].t == NULL) {
			const struct om_entry *sub = &om_outline[F[i].mark - 1];

			if (sub->kind == OM_SUBHEAD) {
				form_add(&fc.f, 'H', sub->heading, 0);
			} else {
				char *note = omitted_note(sub);

				form_add(&fc.f, 'p', note, 0);
				free(note);
			}
			gap = 0;
			i++;
			continue;
		}
		if (F[i].empty) {
			gap = 1;
			in_list = 0;
			i++;
			continue;
		}
		if (F[i].blank_only) {
			struct fblock *b = form_last_item(&fc.f);

			if (b)
				b->flags |= FB_BLANK;
			i++;
			continue;
		}
		memset(&cur, 0, sizeof cur);
		string_init(&cur.s);
		fcur_add(&cur, NULL, F[i].t);
		for (;;) {
			size_t j = last + 1, k;

			if (j >= n)
				break;
			if (is_text(&F[j]) && is_fragment(F[j].t)) {
				fcur_add(&cur, NULL, F[j].t);
				last = j;
				continue;
			}
			/* Captions "(LAST) (FIRST (MIDDL" / "E)" / "(MAIDEN) (SOC. SEC." /
			 * "NO.)" and a "***" notice continue on the next text. */
			for (k = j; k < n && k < j + 4 && F[k].t && F[k].empty; k++)
				;
			if (k < n && is_text(&F[k]) &&
			    ((cur.parens > 0 && (F[k].t[0] == '(' || visible_end(F[k].t) == ')')) || cur.stars % 2 == 1)) {
				fcur_add(&cur, " ", F[k].t);
				last = k;
				continue;
			}
			if (is_text(&F[j]) && form_joins(&cur, &F[last], &F[j], width, in_list)) {
				fcur_add(&cur, " ", F[j].t);
				last = j;
				continue;
			}
			/* Across empty lines: a sentence going on in lower case, or a
			 * check box label ("INVOLUNTARY" / "TRANSFER"). */
			for (k = j; k < n && k < j + 4 && F[k].t && F[k].empty; k++)
				;
			if (k > j && k < n && is_text(&F[k]) && !strchr(".:?!)", last_visible(&cur.s))) {
				int lower = starts_lower(F[k].t);
				int label_cont = indent == 1 && F[k].indent == 0 && fcur_caps(&cur) &&
						 text_is_upper(F[k].t) && !starts_label(F, n, k);

				if (lower || label_cont) {
					fcur_add(&cur, " ", F[k].t);
					last = k;
					continue;
				}
			}
			break;
		}
		{
			size_t k = last + 1;
			int blank_follows;

			while (k < n && F[k].t && F[k].empty)
				k++;
			blank_follows = k < n && F[k].t && F[k].blank_only;
			form_classify(&fc, cur.s.buf, adjacent, gap, blank_follows);
		}
		/* Lines after one that ends with ":" are items of a list. */
		if (last_visible(&cur.s) == ':')
			in_list = 1;
		string_clear(&cur.s);
		gap = 0;
		i = last + 1;
	}

	/* A heading printed in capitals stays one only if what follows is not
	 * just another line in capitals (a list of check boxes). */
	for (size_t k = 0; k < fc.f.n; k++) {
		struct fblock *b = &fc.f.b[k], *next = k + 1 < fc.f.n ? &fc.f.b[k + 1] : NULL;

		if (b->type != 'h')
			continue;
		if (next == NULL || next->type == 'h' || next->type == 'H' ||
		    (next->type == 'i' && (next->flags & FB_CAPS) && !(next->flags & FB_LABEL)))
			b->type = 'i';
	}
	for (size_t k = 0; k < fc.f.n && err == STATUS_OK; k++) {
		struct fblock *b = &fc.f.b[k];

		if (b->type == 'H')
			err = out_heading(o, 2, b->text);
		else if (b->type == 'h')
			err = out_heading(o, fc.heading_level, b->text);
		else if (b->type == 'p')
			err = out_para(o, b->text);
		else
			err = out_item(o, 0, 0, b->text);
	}
	if (err == STATUS_OK)
		err = out_end_list(o);
	for (size_t k = 0; k < fc.f.n; k++)
		free(fc.f.b[k].text);
	free(fc.f.b);
	free_form_lines(F, n);
	return nerr_pass(err);
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

static const char om_description[] =
	"The Personnel Cabinet's older Employee Orientation Manual, kept for reference; "
	"the Employee Handbook states current policy.";

static NEOERR *om_intro(STRING *md)
{
	NEOERR *err = md_paragraph(md,
		"This is the Personnel Cabinet's older Employee Orientation Manual, kept for reference. "
		"It is undated and quotes the 1999 leave regulations (101 KAR 2:102 as amended August 10, 1999). "
		"Where it differs from the Employee Handbook, the handbook states current policy.");

	if (err == STATUS_OK)
		err = md_paragraph(md,
			"The manual's paper forms are described here field by field. The portal identifies "
			"employees by their employee ID and never asks for a Social Security number, so the "
			"forms' Social Security number fields are left out.");
	return nerr_pass(err);
}

NEOERR *corpus_parse_orientation(const char *text, size_t len, struct corpus_document *doc)
{
	struct om_line *L;
	struct om_plan *plans = NULL;
	size_t n, nplans = 0, pos = 0;
	const struct om_entry *pending = NULL;
	int open[3] = { -1, -1, -1 };
	NEOERR *err = STATUS_OK;
	STRING intro;

	if (text == NULL && len > 0)
		return nerr_raise(NERR_ASSERT, "no text");
	if (len > OM_MAX_INPUT)
		return nerr_raise(NERR_PARSE, "The orientation manual text is too long (%zu bytes).", len);
	L = om_read_lines(text ? text : "", len, &n);
	om_mark_footers(L, n);

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

	for (size_t k = 0; k < nplans && err == STATUS_OK; k++) {
		struct om_plan *p = &plans[k];
		struct out o;
		int done = 0;

		string_init(&p->md);
		string_init(&p->plain);
		memset(&o, 0, sizeof o);
		o.md = &p->md;
		o.plain = &p->plain;
		switch (p->e->builder) {
		case BLD_SICK_TABLE:
			err = build_sick_table(&o, L, p->from, p->to, &done);
			break;
		case BLD_BENEFITS:
			err = build_benefits(&o, L, p->from, p->to, &done);
			break;
		case BLD_SALARY:
			err = build_salary(&o, L, p->from, p->to, &done);
			break;
		case BLD_FORM:
			err = build_form(&o, p->e, L, p->from, p->to);
			done = 1;
			break;
		case BLD_PROSE:
			break;
		}
		if (err == STATUS_OK && !done)
			err = prose_range(&o, L, p->from, p->to);
		if (err == STATUS_OK && p->md.len > MARKDOWN_MAX_SOURCE)
			err = nerr_raise(NERR_PARSE, "The section \"%s\" is too long to show (%d bytes).",
					 p->e->toc_title, p->md.len);
	}

	/* Keep sections with text, and parts and groups with such sections. */
	for (size_t k = nplans; k-- > 0;) {
		struct om_plan *p = &plans[k];

		p->alive = p->md.len > 0 || p->children > 0;
		if (p->alive && p->parent >= 0)
			plans[p->parent].children++;
	}
	if (err == STATUS_OK) {
		size_t alive = 0;

		for (size_t k = 0; k < nplans; k++)
			alive += plans[k].alive;
		if (alive == 0)
			err = nerr_raise(NERR_PARSE, "This text is not the Employee Orientation Manual: "
					 "none of its sections was found.");
	}
	for (size_t k = 0; k < nplans && err == STATUS_OK; k++) {
		struct om_plan *p = &plans[k];
		const struct om_entry *e = p->e;
		enum corpus_kind kind = e->kind == OM_PART ? CORPUS_PART :
					e->kind == OM_GROUP ? CORPUS_GROUP : CORPUS_SECTION;
		int parent = p->parent;
		struct corpus_section *s;

		if (!p->alive)
			continue;
		while (parent >= 0 && !plans[parent].alive)
			parent = plans[parent].parent;
		p->doc_index = corpus_add_section(doc, kind, parent >= 0 ? plans[parent].doc_index : -1,
						  e->toc_title, 0, e->title ? e->title : e->toc_title);
		s = &doc->sections[p->doc_index];
		free(s->body_md);
		s->body_md = xstrdup(p->md.buf ? p->md.buf : "");
		if (p->plain.buf)
			scan_citations(s, p->plain.buf);
	}
	/* A part or group without text of its own lists what it contains. */
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

	string_init(&intro);
	if (err == STATUS_OK)
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
