/* orientation_prose: the generic reading of the orientation manual's
 * text: hard-wrapped lines joined into paragraphs, (nested) lists, headings,
 * the two-column tables inside prose and the marks for omitted pages.
 * The rules are described at the top of corpus_orientation.c. */
#include "corpus/orientation_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textclean.h"

/* ------------------------------------------------------------------------
 * Prose: paragraphs, lists, headings
 * ------------------------------------------------------------------------ */

enum mtype {
	M_NONE,
	M_BULLET,
	M_O,
	M_DASH,
	M_GLYPH,
	M_NUM,
	M_PNUM,
	M_PALPHA,
	M_LALPHA,
	M_LROMAN,
	M_UALPHA,
	M_UROMAN,
};

struct marker {
	enum mtype type;
	int number;       /* M_NUM, M_PNUM */
	char label[8];    /* "a", "iv", "B" */
	const char *rest; /* the item's text */
	int star;         /* "*5." */
};

struct prose {
	struct om_out *o;
	const struct om_line *L;
	int width;   /* right margin of the text, in bytes */
	int kind;    /* 0 none, 1 paragraph, 2 item */
	STRING seg;  /* the text being gathered */
	char **segs; /* a paragraph's finished lines */
	size_t nsegs;
	int depth, number;
	enum mtype itype;
	const struct om_line *last; /* last line of the open block */
	const struct om_line *prev; /* last text line seen */
	int after_heading;
	struct {
		enum mtype type;
		char label[8];
	} stack[OM_MAX_DEPTH];
	int nstack;
	char last_upper, last_lower; /* last A./a. label, for I./i. */
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
	if (strncmp(p, "\xe2\x80\xa2", 3) == 0) { /* • */
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
	int room = prev->indent + prev->len + 1 + (int)om_first_word_len(l->t);
	unsigned char c = (unsigned char)l->t[0];

	if (!(isupper(c) || isdigit(c) || c == '(' || c == '"' || c >= 0x80))
		return 0;
	if (om_ends_terminal(prev->t) && room <= ps->width - 3)
		return 1;
	return room <= ps->width * 3 / 4;
}

static int is_heading_text(const char *t)
{
	size_t n = strlen(t);
	char c = om_last_char(t);

	if (n < 2 || n > 80 || om_count_words(t) > 10)
		return 0;
	if (!om_starts_upper(t) || strchr(".,;-", c))
		return 0;
	if (strstr(t, "http") || strstr(t, "www.") || strchr(t, '@') || om_ends_small_word(t))
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
	if (j < 0 || (adjacent && om_starts_lower(ps->L[j].t)))
		return 0;
	if (text_is_upper(l->norm) || om_is_title_case(l->norm))
		return 1;
	return om_count_words(l->norm) <= 3 && adjacent;
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
		if (n >= 2 && om_last_char(ps->segs[0]) == ':') {
			err = om_out_para(ps->o, ps->segs[0]);
			first = 1;
		}
		if (n - first >= 2 && (first || (n >= 3 && all_short))) {
			for (i = first; i < n && err == STATUS_OK; i++)
				err = om_out_item(ps->o, 0, 0, ps->segs[i]);
			ps->nstack = 0;
		} else {
			for (i = first; i < n && err == STATUS_OK; i++)
				err = om_out_para(ps->o, ps->segs[i]);
			ps->nstack = 0;
		}
		for (i = 0; i < n; i++)
			free(ps->segs[i]);
		free(ps->segs);
		ps->segs = NULL;
		ps->nsegs = 0;
	} else if (ps->kind == 2) {
		if (ps->seg.len > 0)
			err = om_out_item(ps->o, ps->depth, ps->number, ps->seg.buf);
		string_clear(&ps->seg);
	}
	ps->kind = 0;
	ps->last = NULL;
	return nerr_pass(err);
}

/* Headings that the manual prints under another heading ("Eligibility" /
 * "Full-time employees", "Special Programs" / "Wellness Initiatives"). */
static const char *const om_minor_headings[] = {
	"Full-time employees",
	"Retirees",
	"Dependents",
	"Disease Management Programs",
	"Wellness Initiatives",
	"Personal Health Assessment (PHA)",
	NULL,
};

static NEOERR *emit_heading(struct prose *ps, int level, const char *text)
{
	for (int i = 0; om_minor_headings[i]; i++)
		if (level == 2 && strcmp(text, om_minor_headings[i]) == 0)
			level = 3;
	char *t = text_is_upper(text) ? om_decapitalise(text) : xstrdup(text);
	NEOERR *err = om_out_heading(ps->o, level, t);

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
		err = om_out_table(ps->o, cells, rows, 2);
		om_free_cells(cells, rows * 2);
		*pi = i;
		*done = 1;
		return nerr_pass(err);
	}
	if (two_columns(L[i].t, &a, &b) && j >= 0 && adjacent && two_columns(L[j].t, &a, &b)) {
		for (;;) {
			char *item;

			two_columns(L[i].t, &a, &b);
			item = om_asprintf("%.*s: %s", (int)a, L[i].t, L[i].t + b);
			err = om_out_item(ps->o, 0, 0, item);
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
char *om_omitted_note(const struct om_entry *e)
{
	return om_asprintf("The printed manual includes the %s here; its content is not part of this text.",
			   e->heading);
}

static NEOERR *emit_mark(struct prose *ps, const struct om_line *l)
{
	const struct om_entry *e = &om_outline[l->mark - 1];
	NEOERR *err;

	if (e->kind == OM_SUBHEAD) {
		err = emit_heading(ps, 2, e->heading);
	} else {
		char *note = om_omitted_note(e);

		err = om_out_para(ps->o, note);
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

/* A list item, or a heading numbered "I." or "A.". */
static NEOERR *prose_item(struct prose *ps, const struct om_line *l, const struct marker *m, size_t i, size_t to)
{
	NEOERR *err;
	int adjacent;
	long j = next_text(ps, i, to, &adjacent);
	size_t rn = strlen(m->rest);

	if ((m->type == M_UROMAN || m->type == M_UALPHA) && rn <= 60 && !strchr(".,;", om_last_char(m->rest)) &&
	    om_is_title_case(m->rest) && j >= 0 && !adjacent) {
		char *h = om_asprintf("%s. %s", m->label, m->rest);

		note_label(ps, m);
		err = flush(ps);
		if (err == STATUS_OK)
			err = emit_heading(ps, m->type == M_UROMAN ? 2 : 3, h);
		free(h);
		ps->prev = l;
		return nerr_pass(err);
	}
	err = flush(ps);
	if (err != STATUS_OK)
		return nerr_pass(err);
	note_label(ps, m);
	ps->kind = 2;
	ps->itype = m->type;
	ps->depth = list_depth(ps, m);
	ps->number = m->type == M_NUM ? m->number : 0;
	if (m->type == M_LALPHA || m->type == M_LROMAN || m->type == M_UALPHA || m->type == M_UROMAN)
		err = string_appendf(&ps->seg, "%s. %s", m->label, m->rest);
	else if (m->type == M_PALPHA)
		err = string_appendf(&ps->seg, "(%s) %s", m->label, m->rest);
	else if (m->type == M_PNUM)
		err = string_appendf(&ps->seg, "(%d) %s", m->number, m->rest);
	else
		err = string_appendf(&ps->seg, "%s%s", m->star ? "*" : "", m->rest);
	ps->last = ps->prev = l;
	ps->after_heading = 0;
	return nerr_pass(err);
}

/* A heading, joined with the next line when it is printed on two. */
static NEOERR *prose_heading(struct prose *ps, size_t *pi, size_t to)
{
	const struct om_line *L = ps->L;
	NEOERR *err;
	char *h = xstrdup(L[*pi].norm);
	int adjacent;
	long j = next_text(ps, *pi, to, &adjacent);

	/* A heading printed on two lines, like "Commonwealth of Kentucky" /
	 * "Employee Educational Assistance Program". */
	if (j >= 0 && adjacent && is_heading_text(L[j].norm) && om_starts_upper(L[j].norm) &&
	    (om_is_title_case(L[j].norm) || text_is_upper(L[j].norm)) && L[j].len <= 60) {
		int adj2;
		long k = next_text(ps, (size_t)j, to, &adj2);

		if (k < 0 || !adj2 || !om_starts_upper(L[k].norm) ||
		    !(om_is_title_case(L[k].norm) && is_heading_text(L[k].norm))) {
			char *joined = om_asprintf("%s %s", h, L[j].norm);

			free(h);
			h = joined;
			*pi = (size_t)j;
		}
	}
	err = emit_heading(ps, 2, h);
	free(h);
	ps->prev = &L[*pi];
	return nerr_pass(err);
}

NEOERR *om_prose_range(struct om_out *o, const struct om_line *L, size_t from, size_t to)
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
		if (!item && l->indent == 1 && om_starts_upper(l->t) && ps.kind == 2 &&
		    ((ps.seg.len > 0 && ps.seg.buf[ps.seg.len - 1] == ':') || ps.itype == M_GLYPH)) {
			m.type = M_GLYPH; /* a Wingdings bullet lost in the conversion */
			m.rest = l->t;
			item = 1;
		}
		soft = !item && (l->pbreak || l->indent == 1);
		if (soft && b == 0 && ps.prev && om_ends_terminal(ps.prev->t) && !om_starts_lower(l->t))
			b = 1; /* a page break between paragraphs */

		if (item) {
			err = prose_item(&ps, l, &m, i, to);
			continue;
		}

		if (ps.kind != 0 && ps.last != NULL) {
			int cont;

			if (b == 0)
				cont = 1;
			else if (om_ends_terminal(ps.last->t))
				cont = 0;
			else
				cont = om_starts_lower(l->t) || l->t[0] == '(' || isdigit((unsigned char)l->t[0]) ||
				       om_ends_small_word(ps.last->t);
			if (cont) {
				if (ps.kind == 1 && b == 0 && !soft && real_break(&ps, ps.last, l)) {
					if (om_ends_terminal(ps.last->t) && !ps.after_heading &&
					    heading_here(&ps, i, to) && om_is_title_case(l->norm)) {
						err = flush(&ps);
						if (err == STATUS_OK)
							err = emit_heading(&ps, 2, l->norm);
						ps.prev = l;
						continue;
					}
					push_segment(&ps);
				}
				err = om_append_line(&ps.seg, l->t);
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
			err = prose_heading(&ps, &i, to);
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
		err = om_out_end_list(o);
	string_clear(&ps.seg);
	for (size_t i = 0; i < ps.nsegs; i++)
		free(ps.segs[i]);
	free(ps.segs);
	return nerr_pass(err);
}
