/* orientation_tables: the orientation manual's tables, rebuilt as GFM
 * tables from their printed layout: the sick leave service credit table,
 * the benefits schedule with the holidays, and the salary schedule. */
#include "corpus/orientation_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textclean.h"

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
	int ok = n == 10 && is_number(w[0]) && is_dash(w[1]) && is_number(w[2]) && is_number(w[3]) && is_dash(w[4]) &&
		 is_number(w[5]) && is_number(w[6]) && is_number(w[7]) && is_dash(w[8]) && is_number(w[9]);

	if (ok) {
		cells[0] = om_asprintf("%s \xe2\x80\x93 %s", w[0], w[2]);
		cells[1] = om_asprintf("%s \xe2\x80\x93 %s", w[3], w[5]);
		cells[2] = xstrdup(w[6]);
		cells[3] = om_asprintf("%s \xe2\x80\x93 %s", w[7], w[9]);
	}
	free(copy);
	return ok;
}

NEOERR *om_build_sick_table(struct om_out *o, struct om_line *L, size_t from, size_t to, int *done)
{
	static const char *const header[] = {
		"7\xc2\xbd hr. day",
		"8 hr. day",
		"Months of Service Credit",
		"Number of Days",
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
			err = om_append_line(&head, L[i].norm);
		}
	}
	/* The header printed over two lines: "7 ½ hr. day 8 hr. day Months of" /
	 * "Service Credit Number of Days". */
	if (err == STATUS_OK && rows > 1 && head.buf &&
	    strcmp(head.buf, "7 \xc2\xbd hr. day 8 hr. day Months of Service Credit Number of Days") == 0) {
		for (int c = 0; c < 4; c++)
			cells[c] = xstrdup(header[c]);
		err = om_out_table(o, cells, rows, 4);
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
			err = om_out_para(o, L[i].norm);
		}
		*done = 1;
	}
	om_free_cells(cells, rows * 4);
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
	"January", "February",  "March",   "April",    "May",      "June", "July",
	"August",  "September", "October", "November", "December", NULL,
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

/* The rows of the schedule between its header and the holidays: a row's
 * name may start on the line above it, its comment go on below it. */
static NEOERR *benefit_rows(const struct om_line *L, size_t hend, size_t hol_start, struct brow **prows, size_t *pnrows)
{
	struct brow *rows = NULL;
	size_t nrows = 0;
	STRING pending;
	NEOERR *err = STATUS_OK;

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
				err = om_append_line(&r->name, pending.buf);
			if (err == STATUS_OK)
				err = om_append_line(&r->name, nm);
			if (err == STATUS_OK && L[i].t[cstart])
				err = om_append_line(&r->comment, L[i].t + cstart);
			free(nm);
			string_clear(&pending);
			continue;
		}
		/* A short line right above a row starts its name ("Compensatory" /
		 * "Leave X X X ..."); any other line continues a comment. */
		for (j = i + 1; j < hol_start && L[j].skip; j++)
			;
		if (j < hol_start && !L[j].blank && benefit_row(L[j].t, &name_end, marks, &cstart) &&
		    om_count_words(L[i].norm) <= 2 && !om_ends_terminal(L[i].norm))
			err = om_append_line(&pending, L[i].norm);
		else if (nrows > 0)
			err = om_append_line(&rows[nrows - 1].comment, L[i].norm);
	}
	string_clear(&pending);
	*prows = rows;
	*pnrows = nrows;
	return nerr_pass(err);
}

static NEOERR *benefit_table(struct om_out *o, const struct brow *rows, size_t nrows)
{
	static const char *const header[] = {
		"Benefits", "Full-Time", "Part-Time (Less Than 100 Hours Per Mo)", "Interim", "Per Diem", "Comments",
	};
	size_t n = (nrows + 1) * 6;
	char **cells = xcalloc(n, sizeof *cells);
	NEOERR *err;

	for (int c = 0; c < 6; c++)
		cells[c] = xstrdup(header[c]);
	for (size_t r = 0; r < nrows; r++) {
		char **row = cells + (r + 1) * 6;

		row[0] = om_tidy(rows[r].name.buf ? rows[r].name.buf : "");
		for (int k = 0; k < 4; k++)
			row[1 + k] = xstrdup(rows[r].marks[k] ? "X" : "");
		row[5] = om_tidy(rows[r].comment.buf ? rows[r].comment.buf : "");
	}
	err = om_out_table(o, cells, nrows + 1, 6);
	om_free_cells(cells, n);
	return nerr_pass(err);
}

static NEOERR *holiday_table(struct om_out *o, const struct om_line *L, size_t hol_start, size_t hol_end)
{
	char **hol = xcalloc((hol_end - hol_start + 1) * 2, sizeof *hol);
	size_t hrows = 1;
	NEOERR *err;

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
	err = om_out_table(o, hol, hrows, 2);
	om_free_cells(hol, hrows * 2);
	return nerr_pass(err);
}

NEOERR *om_build_benefits(struct om_out *o, struct om_line *L, size_t from, size_t to, int *done)
{
	size_t hstart = to, hend = to, hol_start = to, hol_end = to, nrows = 0;
	struct brow *rows = NULL;
	STRING head;
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
			err = om_append_line(&head, L[i].norm);
	match = err == STATUS_OK && head.buf &&
		strcmp(head.buf, "BENEFITS Full-Time Part-Time (Less Than 100 Hours Per Mo) "
				 "Interim Per Diem COMMENTS") == 0;
	string_clear(&head);
	if (!match)
		return nerr_pass(err);

	err = benefit_rows(L, hend, hol_start, &rows, &nrows);
	if (err == STATUS_OK && nrows > 0) {
		err = benefit_table(o, rows, nrows);
		/* The text before the schedule is about the holidays. */
		if (err == STATUS_OK)
			err = om_prose_range(o, L, from, hstart);
		if (err == STATUS_OK)
			err = holiday_table(o, L, hol_start, hol_end);
		if (err == STATUS_OK)
			err = om_prose_range(o, L, hol_end, to);
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
	char v[3][4][16]; /* HR/MO/AN x (37.5 entry, 37.5 midpoint, 40 entry, 40 midpoint) */
	int filled[3];    /* values seen per rate */
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

/* "$76,030.32$100,728.24" printed without a space. */
static char *space_money(const char *norm)
{
	char *copy = xcalloc(strlen(norm) * 2 + 1, 1);
	char *q = copy;

	for (const char *p = norm; *p; p++) {
		if (*p == '$' && p > norm && p[-1] != ' ')
			*q++ = ' ';
		*q++ = *p;
	}
	return copy;
}

static NEOERR *salary_table(struct om_out *o, const struct grade *g, size_t ng)
{
	static const char *const header[] = {
		"Grade",
		"Rate",
		"37.5 Hour Schedule: Entry Level Wage",
		"37.5 Hour Schedule: Midpoint Wage",
		"40 Hour Schedule: Entry Level Wage",
		"40 Hour Schedule: Midpoint Wage",
	};
	static const char *const rate_names[] = { "Hourly", "Monthly", "Annual" };
	size_t nrows = 1 + ng * 3;
	char **cells = xcalloc(nrows * 6, sizeof *cells);
	NEOERR *err;

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
	err = om_out_table(o, cells, nrows, 6);
	om_free_cells(cells, nrows * 6);
	return nerr_pass(err);
}

NEOERR *om_build_salary(struct om_out *o, struct om_line *L, size_t from, size_t to, int *done)
{
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
		copy = space_money(L[i].norm);
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
			if (!any) { /* the footnote after the table */
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
		err = salary_table(o, g, ng);
		if (err == STATUS_OK && after < to)
			err = om_prose_range(o, L, after, to);
		*done = 1;
	}
	free(g);
	return nerr_pass(err);
}
