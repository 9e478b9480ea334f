/* The Employee Handbook parser.
 *
 * The handbook's table of contents lists seven parts and their sections; the
 * body repeats each part as an ALL-CAPS heading followed by a short list of
 * its sections, then the sections, each under a heading line. The parser
 * reads the table of contents, finds every entry's heading in the body in
 * order, and turns the lines between two headings into Markdown: paragraphs,
 * (nested, numbered) lists, sub-headings, tables from tab-separated rows,
 * and the LEGAL REFERENCES block into structured citations. The glossary
 * section also yields one record per term.
 *
 * The conversion lost two things that the parser cannot infer and takes
 * from small tables below: where a body heading is worded differently from
 * its table-of-contents entry, and which entries the "Insurance" and "Leave"
 * groups contain (the printed indentation is gone). */
#include "corpus/corpus.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "content/markdown.h"
#include "core/textclean.h"

#define MAX_CITATIONS 64

/* Table-of-contents title -> the heading the body prints for it. */
static const struct {
	const char *toc;
	const char *body;
} heading_aliases[] = {
	{ "Organizational Structure/Chart", "Organizational Structure for State Government" },
	{ "Glossary", "Glossary of Terms Relating to Employment" },
	{ "Compensation Plan", "Compensation (Pay) Plan" },
	{ "Pay-Understanding State Payroll and your Pay", "Pay- Understanding the State Payroll System and Your Pay" },
	{ "Annual Leave", "Annual (Vacation) Leave" },
	{ "Blood Donation Leave", "Blood Donation" },
	{ "Compensatory Time and Overtime Pay", "Compensatory Leave Time & Overtime Pay" },
	{ "Court Leave", "Court" },
	{ "Family and Medical Leave Act (FMLA)", "Family and Medical (FMLA)" },
	{ "Funeral and Bereavement Leave", "Funeral and Bereavement" },
	{ "Military Leave", "Military" },
	{ "Military Spousal Leave", "Military, Spousal" },
	{ "Sick Leave", "Sick" },
	{ "Voting Leave", "Voting" },
	{ "Transferring Months of Service/Leave Balances",
	  "Leave-Transferring Months of Service/Leave Balances with No Break in Service" },
	{ "Unemployment Insurance", "Unemployment" },
	{ "Travel Regulations", "Travel Regulations: Employees" },
	{ "Kentucky Human Resource Information System (KHRIS) Employee Self-Service (ESS) and Manager Self-Service (MSS)",
	  "Kentucky Human Resource Information System (KHRIS) Self-Service Center" },
	{ "Ridesharing", "Ridesharing (Office of Transportation Delivery)" },
	{ "Training and Development", "Training and Development Services" },
	{ "Grievances", "Grievance Process" },
	{ "Safety Program", "Safety- Kentucky Safety Program" },
};

/* Groups of the table of contents and the last entry each contains. */
static const struct {
	const char *group;
	const char *last;
} group_extents[] = {
	{ "Insurance", "Premium Conversion (Pre-Tax Benefit)" },
	{ "Leave", "Leave Sharing Programs" },
};

/* Tables printed without a header row: the header the page shows. */
static const struct {
	const char *first_cell;
	const char *header[2];
} headerless_tables[] = {
	{ "New Year's Day*", { "Holiday", "Date" } },
};

struct toc_entry {
	char *title;
	int page;
	enum corpus_kind kind;
	int section; /* index in doc->sections */
	size_t line; /* heading line in the body (parts and sections) */
};

/* Letters and digits only, lowercased: headings compare on their words. */
static char *normalize(const char *s)
{
	char *out = xcalloc(strlen(s) + 1, 1);
	size_t o = 0;

	for (; *s; s++)
		if (isalnum((unsigned char)*s))
			out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
	return out;
}

static int same_words(const char *a, const char *b)
{
	char *na = normalize(a), *nb = normalize(b);
	int same = *na && strcmp(na, nb) == 0;

	free(na);
	free(nb);
	return same;
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* "Title\t12" or "Title\t_" -> title and page (0 when none). */
static char *toc_split(const char *line, int *page)
{
	char *joined = textclean_join_split_words(line);
	char *tab = strrchr(joined, '\t');

	*page = 0;
	if (tab != NULL) {
		char *end;
		long p = strtol(tab + 1, &end, 10);

		if (tab[1] != '\0' && (*end == '\0' || is_blank(end)) && p > 0)
			*page = (int)p;
		if (*page > 0 || tab[1] == '_' || is_blank(tab + 1))
			*tab = '\0';
	}
	text_squeeze_spaces(joined);
	return joined;
}

static int is_part_heading(char **lines, size_t nlines, const char *title, size_t from, size_t *at)
{
	for (size_t i = from; i < nlines; i++) {
		if (text_is_upper(lines[i]) && same_words(lines[i], title)) {
			*at = i;
			return 1;
		}
	}
	return 0;
}

static const char *body_heading_for(const char *toc_title)
{
	for (size_t i = 0; i < sizeof heading_aliases / sizeof heading_aliases[0]; i++)
		if (strcmp(heading_aliases[i].toc, toc_title) == 0)
			return heading_aliases[i].body;
	return toc_title;
}

/* Read the table of contents: entries between "TABLE OF CONTENTS" and the
 * disclaimer that follows it. Parts are recognised by their ALL-CAPS
 * heading in the body; entries without a page number that are not parts
 * are groups. Returns the line after the table of contents. */
static size_t read_toc(char **lines, size_t nlines, size_t start, struct toc_entry **out, size_t *nout)
{
	struct toc_entry *entries = NULL;
	size_t n = 0, i;
	char *carry = NULL; /* an entry printed over two lines ("(KHRIS)-") */

	for (i = start; i < nlines; i++) {
		char *title;
		int page;
		size_t at;

		if (strncmp(lines[i], "This handbook is not a contract", 31) == 0)
			break;
		if (is_blank(lines[i]))
			continue;
		title = toc_split(lines[i], &page);
		if (carry != NULL) {
			char *both = xcalloc(strlen(carry) + strlen(title) + 2, 1);

			strcpy(both, carry);
			strcat(both, " ");
			strcat(both, title);
			free(carry);
			free(title);
			carry = NULL;
			title = both;
		}
		if (page == 0 && title[0] && title[strlen(title) - 1] == '-') {
			title[strlen(title) - 1] = '\0';
			text_squeeze_spaces(title);
			carry = title;
			continue;
		}
		entries = xrealloc(entries, (n + 1) * sizeof *entries);
		memset(&entries[n], 0, sizeof entries[n]);
		entries[n].title = title;
		entries[n].page = page;
		if (page > 0)
			entries[n].kind = CORPUS_SECTION;
		else if (is_part_heading(lines, nlines, title, i + 1, &at))
			entries[n].kind = CORPUS_PART;
		else
			entries[n].kind = CORPUS_GROUP;
		n++;
	}
	free(carry);
	*out = entries;
	*nout = n;
	return i;
}

/* --- Section bodies ------------------------------------------------------ */

enum block_type { B_PARA, B_HEADING, B_ITEM, B_TABLE };

struct block {
	enum block_type type;
	int depth;  /* list items */
	int number; /* ordered list items: the printed number */
	char *text;
	char **cells; /* tables: nrows * ncols */
	size_t nrows, ncols;
};

struct body {
	struct block *blocks;
	size_t n;
	struct citation citations[MAX_CITATIONS];
	size_t n_citations;
};

static struct block *add_block(struct body *b, enum block_type type, const char *text)
{
	struct block *blk;

	b->blocks = xrealloc(b->blocks, (b->n + 1) * sizeof *b->blocks);
	blk = &b->blocks[b->n++];
	memset(blk, 0, sizeof *blk);
	blk->type = type;
	blk->text = xstrdup(text ? text : "");
	return blk;
}

static void append_text(struct block *blk, const char *more)
{
	size_t len = strlen(blk->text);

	blk->text = xrealloc(blk->text, len + strlen(more) + 2);
	strcat(blk->text, " ");
	strcat(blk->text, more);
	text_squeeze_spaces(blk->text);
}

static void free_body(struct body *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->blocks[i].text);
		if (b->blocks[i].cells) {
			for (size_t k = 0; k < b->blocks[i].nrows * b->blocks[i].ncols; k++)
				free(b->blocks[i].cells[k]);
			free(b->blocks[i].cells);
		}
	}
	free(b->blocks);
	memset(b, 0, sizeof *b);
}

/* Strip bullet glyphs the conversion kept inside list items. */
static const char *strip_bullet_glyph(const char *s)
{
	if (strncmp(s, "o ", 2) == 0)
		return s + 2;
	if (strncmp(s, "\xe2\x9e\xa4", 3) == 0) /* heavy arrowhead */
		s += 3;
	else if (strncmp(s, "> ", 2) == 0)
		s += 1;
	while (*s == ' ')
		s++;
	return s;
}

/* "12. text" -> 12 and the text after the number; 0 when not numbered. */
static int leading_number(const char *s, const char **rest)
{
	char *end;
	long n;

	if (!isdigit((unsigned char)*s))
		return 0;
	n = strtol(s, &end, 10);
	if (*end != '.' || end[1] != ' ' || n <= 0 || n > 99)
		return 0;
	*rest = end + 2;
	while (**rest == ' ')
		(*rest)++;
	return (int)n;
}

static int count_tabs(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\t';
	return n;
}

static int looks_like_heading(char **lines, size_t i, size_t end)
{
	const char *s = lines[i];
	size_t len = strlen(s);
	char last;

	if (len == 0 || len > 90 || strchr(s, '\t') != NULL)
		return 0;
	if (!isupper((unsigned char)s[0]))
		return 0;
	last = s[len - 1];
	if (last == '.' || last == ',' || last == ';' || last == '!' || last == '?')
		return 0;
	/* Contact lines and links are text ("Phone: (502) ...", a URL). */
	if (strstr(s, "http") != NULL || strstr(s, "www.") != NULL || strstr(s, ": ") != NULL)
		return 0;
	/* A heading stands alone between blank lines. */
	if (i > 0 && !is_blank(lines[i - 1]))
		return 0;
	if (i + 1 < end && !is_blank(lines[i + 1]))
		return 0;
	/* A lead-in to a list ("... you have 35 days from your date of hire
	 * to:") is a sentence, not a heading. */
	if (last == ':') {
		int words = 1;

		for (const char *p = s; *p; p++)
			words += *p == ' ';
		if (words > 7)
			return 0;
	}
	/* At least one word: a bare code like "WH1420 REV 04/16" is a paragraph. */
	return strchr(s, ' ') != NULL;
}

static void parse_table(struct body *b, char **lines, size_t *i, size_t end)
{
	struct block *blk = add_block(b, B_TABLE, NULL);
	size_t ncols = 0, nrows = 0, cap = 0;
	char ***rows = NULL;
	size_t *widths = NULL;

	/* Collect rows of tab-separated cells. */
	while (*i < end && !is_blank(lines[*i]) && count_tabs(lines[*i]) > 0) {
		char *copy = xstrdup(lines[*i]);
		char **cells = NULL;
		size_t n = 0;
		char *p = copy, *tab;

		do {
			tab = strchr(p, '\t');
			if (tab)
				*tab = '\0';
			cells = xrealloc(cells, (n + 1) * sizeof *cells);
			cells[n] = xstrdup(p);
			text_squeeze_spaces(cells[n]);
			n++;
			p = tab ? tab + 1 : NULL;
		} while (p != NULL);
		/* Trailing empty cells are tab noise. */
		while (n > 1 && cells[n - 1][0] == '\0')
			free(cells[--n]);
		if (nrows == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xrealloc(rows, cap * sizeof *rows);
			widths = xrealloc(widths, cap * sizeof *widths);
		}
		rows[nrows] = cells;
		widths[nrows] = n;
		nrows++;
		if (n > ncols)
			ncols = n;
		free(copy);
		(*i)++;
	}

	/* A row that fills only some cells and does not start a new key
	 * continues the row above it ("Legislative Research" / "Commission"). */
	size_t kept = 0;
	for (size_t r = 0; r < nrows; r++) {
		size_t empty = ncols - widths[r];

		for (size_t c = 0; c < widths[r]; c++)
			empty += rows[r][c][0] == '\0';
		if (kept > 0 && empty >= 2 && rows[r][0][0] != '\0' && !isdigit((unsigned char)rows[r][0][0]) &&
		    widths[kept - 1] == ncols) {
			for (size_t c = 0; c < widths[r]; c++) {
				if (rows[r][c][0] == '\0')
					continue;
				size_t len = strlen(rows[kept - 1][c]);
				rows[kept - 1][c] = xrealloc(rows[kept - 1][c], len + strlen(rows[r][c]) + 2);
				if (len)
					strcat(rows[kept - 1][c], " ");
				strcat(rows[kept - 1][c], rows[r][c]);
			}
			for (size_t c = 0; c < widths[r]; c++)
				free(rows[r][c]);
			free(rows[r]);
			continue;
		}
		rows[kept] = rows[r];
		widths[kept] = widths[r];
		kept++;
	}
	nrows = kept;

	/* Header row: printed, or known for tables printed without one. */
	const char *const *header = NULL;
	for (size_t k = 0; k < sizeof headerless_tables / sizeof headerless_tables[0]; k++)
		if (nrows > 0 && strcmp(rows[0][0], headerless_tables[k].first_cell) == 0 && ncols == 2)
			header = headerless_tables[k].header;
	blk->ncols = ncols;
	blk->nrows = nrows + (header ? 1 : 0);
	blk->cells = xcalloc(blk->nrows * ncols, sizeof *blk->cells);
	size_t out = 0;
	if (header) {
		for (size_t c = 0; c < ncols; c++)
			blk->cells[out++] = xstrdup(header[c]);
	}
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++)
			blk->cells[out++] = c < widths[r] ? rows[r][c] : xstrdup("");
		free(rows[r]);
	}
	free(rows);
	free(widths);
}

static void add_citations(struct body *b, const struct citation *c, size_t n)
{
	for (size_t k = 0; k < n && b->n_citations < MAX_CITATIONS; k++) {
		int dup = 0;

		for (size_t j = 0; j < b->n_citations; j++)
			dup |= strcmp(b->citations[j].cite, c[k].cite) == 0;
		if (!dup)
			b->citations[b->n_citations++] = c[k];
	}
}

/* LEGAL REFERENCES: the rest of the line and the following lines that are
 * nothing but citations. Returns the first line after the block. */
static size_t parse_legal_references(struct body *b, char **lines, size_t i, size_t end)
{
	const char *rest = lines[i] + strlen("LEGAL REFERENCES:");
	int complete;
	size_t n;

	struct citation first[MAX_CITATIONS];

	n = citation_parse(rest, first, MAX_CITATIONS, &complete);
	add_citations(b, first, n);
	for (i++; i < end; i++) {
		struct citation tmp[MAX_CITATIONS];

		if (is_blank(lines[i]))
			continue;
		n = citation_parse(lines[i], tmp, MAX_CITATIONS, &complete);
		if (!complete || n == 0) {
			/* A link label printed among the references ("Tobacco-Free
			 * Website") stays as text when citations follow it. */
			size_t next = i + 1;
			struct citation probe[4];

			while (next < end && is_blank(lines[next]))
				next++;
			if (n == 0 && strlen(lines[i]) < 60 && next < end &&
			    citation_parse(lines[next], probe, 4, &complete) > 0 && complete) {
				add_block(b, B_PARA, lines[i]);
				continue;
			}
			break;
		}
		add_citations(b, tmp, n);
	}
	return i;
}

static int is_group_leftover(const char *line)
{
	/* "Insurance-": a group's name stranded in the body by the conversion. */
	for (size_t g = 0; g < sizeof group_extents / sizeof group_extents[0]; g++) {
		size_t len = strlen(group_extents[g].group);

		if (strncmp(line, group_extents[g].group, len) == 0 && strcmp(line + len, "-") == 0)
			return 1;
	}
	return 0;
}

static void parse_body(struct body *b, char **lines, size_t start, size_t end)
{
	struct block *last = NULL; /* where a continuation line goes */
	size_t i = start;

	while (i < end) {
		const char *line = lines[i];
		const char *text;
		int number;

		if (is_blank(line)) {
			i++;
			continue;
		}
		if (strncmp(line, "LEGAL REFERENCES:", 17) == 0) {
			i = parse_legal_references(b, lines, i, end);
			last = NULL;
			continue;
		}
		/* A paragraph of nothing but citations is a reference list
		 * printed without its "LEGAL REFERENCES:" label. */
		{
			struct citation tmp[MAX_CITATIONS];
			int complete;
			size_t n = citation_parse(line, tmp, MAX_CITATIONS, &complete);

			if (n > 0 && complete && strchr(line, '\t') == NULL) {
				add_citations(b, tmp, n);
				last = NULL;
				i++;
				continue;
			}
		}
		if (is_group_leftover(line)) {
			i++;
			continue;
		}
		if (count_tabs(line) > 0 && strncmp(line, "- ", 2) != 0) {
			parse_table(b, lines, &i, end);
			last = NULL;
			continue;
		}
		/* List items: "- text", " - nested", with numbers or glyphs. */
		{
			size_t indent = 0;

			while (line[indent] == ' ')
				indent++;
			if (line[indent] == '-' && line[indent + 1] == ' ') {
				text = strip_bullet_glyph(line + indent + 2);
				number = leading_number(text, &text);
				last = add_block(b, B_ITEM, text);
				last->depth = indent > 0 ? 1 : 0;
				last->number = number;
				i++;
				continue;
			}
			/* A wrapped list item continues on an indented line. */
			if (indent > 0 && last != NULL && last->type == B_ITEM) {
				append_text(last, line + indent);
				i++;
				continue;
			}
		}
		if ((number = leading_number(line, &text)) > 0) {
			last = add_block(b, B_ITEM, text);
			last->number = number;
			i++;
			continue;
		}
		/* A paragraph that starts in lower case continues the block that a
		 * page break interrupted. */
		if (islower((unsigned char)line[0]) && last != NULL && (last->type == B_ITEM || last->type == B_PARA)) {
			append_text(last, line);
			i++;
			continue;
		}
		if (looks_like_heading(lines, i, end)) {
			char *h = xstrdup(line);
			size_t len = strlen(h);

			while (len > 0 && (h[len - 1] == ':' || h[len - 1] == '-' || h[len - 1] == ' '))
				h[--len] = '\0';
			add_block(b, B_HEADING, h);
			free(h);
			last = NULL;
			i++;
			continue;
		}
		last = add_block(b, B_PARA, line);
		text_squeeze_spaces(last->text);
		i++;
	}
}

static NEOERR *body_to_markdown(const struct body *b, STRING *md)
{
	NEOERR *err = STATUS_OK;

	for (size_t k = 0; k < b->n && err == STATUS_OK; k++) {
		const struct block *blk = &b->blocks[k];
		int next_is_item = k + 1 < b->n && b->blocks[k + 1].type == B_ITEM;

		switch (blk->type) {
		case B_PARA:
			err = md_paragraph(md, blk->text);
			break;
		case B_HEADING:
			err = md_heading(md, 2, blk->text);
			break;
		case B_ITEM: {
			/* Nested items under a numbered item need the numbered item's
			 * own list; a numbered item after bullets starts a new list. */
			int number = blk->number;

			if (k > 0 && b->blocks[k - 1].type == B_ITEM && b->blocks[k - 1].depth == blk->depth &&
			    (b->blocks[k - 1].number > 0) != (number > 0))
				err = md_end_block(md);
			if (err == STATUS_OK)
				err = md_list_item(md, blk->depth, number, blk->text);
			if (err == STATUS_OK && !next_is_item)
				err = md_end_block(md);
			break;
		}
		case B_TABLE:
			err = md_table(md, (const char *const *)blk->cells, blk->nrows, blk->ncols);
			break;
		}
	}
	return nerr_pass(err);
}

/* --- Glossary ------------------------------------------------------------ */

/* "TERM (qualifier): definition" with an ALL-CAPS term; the term ends at
 * the first ": " whose preceding text (without parentheses) is all caps. */
static int glossary_entry(const char *line, char **term, const char **definition)
{
	const char *colon = strstr(line, ": ");
	char *head, *bare;
	size_t o = 0;
	int depth = 0, upper;

	if (colon == NULL || colon == line || colon - line > 90)
		return 0;
	head = xstrndup(line, (size_t)(colon - line));
	bare = xcalloc(strlen(head) + 1, 1);
	for (const char *p = head; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (depth == 0)
			bare[o++] = *p;
	}
	upper = text_is_upper(bare) && isupper((unsigned char)line[0]);
	free(bare);
	if (!upper || strncmp(head, "LEGAL REFERENCES", 16) == 0) {
		free(head);
		return 0;
	}
	*term = head;
	*definition = colon + 2;
	return 1;
}

static NEOERR *parse_glossary_terms(struct corpus_document *doc, char **lines, size_t start, size_t end)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = start; i < end && err == STATUS_OK; i++) {
		char *term;
		const char *definition;
		struct body def;
		STRING md;
		size_t stop;

		if (strncmp(lines[i], "LEGAL REFERENCES:", 17) == 0)
			break;
		if (!glossary_entry(lines[i], &term, &definition))
			continue;
		/* The definition runs to the next term (list items included). */
		for (stop = i + 1; stop < end; stop++) {
			char *t;
			const char *d;

			if (strncmp(lines[stop], "LEGAL REFERENCES:", 17) == 0)
				break;
			if (glossary_entry(lines[stop], &t, &d)) {
				free(t);
				break;
			}
		}
		memset(&def, 0, sizeof def);
		add_block(&def, B_PARA, definition);
		parse_body(&def, lines, i + 1, stop);
		string_init(&md);
		err = body_to_markdown(&def, &md);
		if (err == STATUS_OK)
			corpus_add_term(doc, term, md.buf ? md.buf : "");
		string_clear(&md);
		free_body(&def);
		free(term);
		i = stop - 1;
	}
	return nerr_pass(err);
}

/* --- The document -------------------------------------------------------- */

static void read_front_matter(struct corpus_document *doc, char **lines, size_t toc_line)
{
	STRING md;
	struct body b;

	memset(&b, 0, sizeof b);
	for (size_t i = 0; i < toc_line; i++) {
		const char *l = lines[i];

		/* The cover's date; a second "*Revised:" line is text. */
		if (strncmp(l, "*Revised:", 9) == 0 && doc->revised == NULL) {
			doc->revised = xstrdup(l + 9);
			text_squeeze_spaces(doc->revised);
		}
	}
	/* The welcome letter: from "Dear fellow employee," to the signature. */
	for (size_t i = 0; i < toc_line; i++) {
		if (strcmp(lines[i], "Dear fellow employee,") == 0) {
			parse_body(&b, lines, i, toc_line);
			break;
		}
	}
	/* A letter has no headings: its short lines are the signature. */
	for (size_t k = 0; k < b.n; k++)
		if (b.blocks[k].type == B_HEADING)
			b.blocks[k].type = B_PARA;
	string_init(&md);
	if (body_to_markdown(&b, &md) == STATUS_OK)
		doc->intro_md = xstrdup(md.buf ? md.buf : "");
	else
		doc->intro_md = xstrdup("");
	string_clear(&md);
	free_body(&b);
}

/* "September 30, 2016" -> "2016-09-30"; NULL if not a date. */
static char *iso_date(const char *printed)
{
	static const char *months[] = { "January", "February", "March",     "April",   "May",      "June",
					"July",    "August",   "September", "October", "November", "December" };
	char *out;

	for (int m = 0; m < 12; m++) {
		size_t len = strlen(months[m]);
		int day, year;

		if (strncmp(printed, months[m], len) == 0 && sscanf(printed + len, " %d, %d", &day, &year) == 2 &&
		    day >= 1 && day <= 31) {
			out = xcalloc(16, 1);
			snprintf(out, 16, "%04d-%02d-%02d", year, m + 1, day);
			return out;
		}
	}
	return NULL;
}

NEOERR *corpus_parse_handbook(const char *text, size_t len, struct corpus_document *doc)
{
	size_t nlines, toc_start = 0, body_start, n_entries = 0, cursor;
	char **lines = corpus_split_lines(text, len, &nlines);
	struct toc_entry *entries = NULL;
	NEOERR *err = STATUS_OK;
	int part = -1, group = -1;
	const char *group_last = NULL;

	doc->slug = xstrdup("handbook");
	doc->title = xstrdup("Employee Handbook");
	doc->description = xstrdup("The Kentucky Executive Branch Employee Handbook, issued by the Personnel "
				   "Cabinet: the laws, regulations and policies of state employment, and "
				   "the benefits and services employees are entitled to.");
	doc->status = "current";
	doc->source_file = xstrdup("employee-handbook.txt");

	for (size_t i = 0; i < nlines; i++)
		if (strcmp(lines[i], "TABLE OF CONTENTS") == 0) {
			toc_start = i;
			break;
		}
	if (toc_start == 0) {
		corpus_free_lines(lines, nlines);
		return nerr_raise(HR_ERR_BAD_REQUEST, "handbook: no TABLE OF CONTENTS line");
	}
	read_front_matter(doc, lines, toc_start);
	if (doc->revised == NULL)
		doc->revised = xstrdup("undated");
	doc->effective_date = iso_date(doc->revised);
	if (doc->effective_date == NULL)
		doc->effective_date = xstrdup("2016-09-30");
	body_start = read_toc(lines, nlines, toc_start + 1, &entries, &n_entries);

	/* Locate every entry's heading in the body, in order. */
	cursor = body_start;
	for (size_t e = 0; e < n_entries && err == STATUS_OK; e++) {
		struct toc_entry *te = &entries[e];
		int found = 0;

		if (te->kind == CORPUS_GROUP) {
			te->line = cursor;
			continue;
		}
		if (te->kind == CORPUS_PART) {
			size_t at;

			if (is_part_heading(lines, nlines, te->title, cursor, &at)) {
				te->line = at;
				cursor = at + 1;
				found = 1;
			}
		} else {
			const char *want = body_heading_for(te->title);

			for (size_t i = cursor; i < nlines; i++) {
				/* Lines of a part's own list of sections carry a tab
				 * and page number; headings do not. */
				if (strchr(lines[i], '\t') != NULL || strlen(lines[i]) > 120)
					continue;
				if (same_words(lines[i], want)) {
					te->line = i;
					cursor = i + 1;
					found = 1;
					break;
				}
			}
		}
		if (!found)
			err = nerr_raise(HR_ERR_BAD_REQUEST, "handbook: no heading for table of contents entry \"%s\"",
					 te->title);
	}

	/* Create sections and fill their bodies. */
	for (size_t e = 0; e < n_entries && err == STATUS_OK; e++) {
		struct toc_entry *te = &entries[e];
		int parent;
		struct corpus_section *s;
		size_t end;

		if (te->kind == CORPUS_PART) {
			te->section = part = corpus_add_section(doc, CORPUS_PART, -1, te->title, te->page, te->title);
			group = -1;
			continue;
		}
		parent = group >= 0 ? group : part;
		if (te->kind == CORPUS_GROUP) {
			te->section = group = corpus_add_section(doc, CORPUS_GROUP, part, te->title, 0, te->title);
			group_last = NULL;
			for (size_t g = 0; g < sizeof group_extents / sizeof group_extents[0]; g++)
				if (strcmp(group_extents[g].group, te->title) == 0)
					group_last = group_extents[g].last;
			continue;
		}
		te->section = corpus_add_section(doc, CORPUS_SECTION, parent, te->title, te->page, NULL);
		s = &doc->sections[te->section];
		/* The body runs to the next heading found in the body. */
		end = nlines;
		for (size_t next = e + 1; next < n_entries; next++)
			if (entries[next].kind != CORPUS_GROUP) {
				end = entries[next].line;
				break;
			}
		{
			struct body b;
			STRING md;

			memset(&b, 0, sizeof b);
			parse_body(&b, lines, te->line + 1, end);
			string_init(&md);
			err = body_to_markdown(&b, &md);
			if (err == STATUS_OK) {
				free(s->body_md);
				s->body_md = xstrdup(md.buf ? md.buf : "");
				corpus_add_citations(s, b.citations, b.n_citations);
			}
			string_clear(&md);
			free_body(&b);
		}
		if (err == STATUS_OK && strcmp(te->title, "Glossary") == 0)
			err = parse_glossary_terms(doc, lines, te->line + 1, end);
		if (group_last != NULL && strcmp(te->title, group_last) == 0) {
			group = -1;
			group_last = NULL;
		}
	}

	for (size_t e = 0; e < n_entries; e++)
		free(entries[e].title);
	free(entries);
	corpus_free_lines(lines, nlines);
	return nerr_pass(err);
}
