/* orientation_forms: the orientation manual's blank paper forms, turned
 * into a description of their fields. Blanks and check boxes are dropped,
 * labels broken over lines joined, captions attached to their field, and
 * Social Security number fields left out (see corpus_orientation.c). */
#include "corpus/orientation_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/textclean.h"

/* ------------------------------------------------------------------------
 * Forms
 * ------------------------------------------------------------------------ */

#define BLANK '\x1f'        /* where the form had a blank to fill in */
#define FORM_MERGE_MAX 4096 /* longest text a note or a line is added to */

struct fline {
	char *t;  /* text; runs of '_' replaced by BLANK; NULL: a mark */
	int mark; /* 1 + index of the OM_SUBHEAD entry at this line */
	int indent;
	int empty;      /* nothing at all */
	int blank_only; /* only a blank to fill in */
	int len;        /* with the indentation */
};

#define FB_BLANK 1 /* a blank to fill in follows the label */
#define FB_LABEL 2 /* a label, ending with ":" or "?" */
#define FB_CAPS 4  /* a check box label printed in capitals */

struct fblock {
	int type; /* 'H' heading of the form, 'h' heading in capitals,
			     * 'p' paragraph, 'i' item (a field or a check box) */
	char *text;
	int flags; /* FB_* */
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
	char *t = om_tidy(text);
	size_t n = strlen(t);

	while (n > 0 && ((t[n - 1] == ':' && type != 'p') || t[n - 1] == ' ' || t[n - 1] == BLANK))
		t[--n] = '\0';
	if (n == 0 || mentions_ssn(t)) {
		free(t);
		return;
	}
	om_replace_all(t, ": (", " (");
	if (type != 'p' && !islower((unsigned char)t[0])) {
		char *d = om_decapitalise(t);

		free(t);
		t = d;
	} else if (type == 'i' && om_starts_lower(t)) {
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

	if (t[0] != '(' || om_last_char(t) != ')')
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
	int parens; /* '(' minus ')' */
	int stars;  /* "***" seen */
	int lower;  /* any lowercase letter */
	int upper;  /* uppercase letters */
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
static int form_joins(const struct fcur *fc, const struct fline *prev, const struct fline *next, int width, int in_list)
{
	const STRING *cur = &fc->s;
	char c = last_visible(cur);

	if (next->indent == 1 || next->t[0] == '(')
		return 0;
	if (om_starts_lower(next->t))
		return 1;
	if (c == '+' || c == '=' || next->t[0] == BLANK)
		return 1; /* "balance: ___ +" / "___donation = ___" */
	if (c == '\0' || strchr(".:?!)", c) || c == BLANK)
		return 0;
	if ((fc->lower && text_is_upper(next->t)) || (fcur_caps(fc) && has_lower(next->t)))
		return 0; /* text, then a label in capitals; or a heading in capitals, then text */
	if (in_list && prev->len + 1 + (int)om_first_word_len(next->t) <= width - 3)
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
		if (om_last_char(F[i].t) == ':')
			return 1;
	return 0;
}

static int caps_led(const char *t)
{
	size_t n = om_first_word_len(t);
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
	int heading_level; /* of headings printed in capitals */
};

/* A note in parentheses under an item: "(Must be requested within two (2)
 * work days ...)". */
static void form_paren_note(struct form *f, char *t, int adjacent)
{
	struct fblock *last = form_last_item(f);

	if (last && adjacent && strlen(last->text) < FORM_MERGE_MAX) {
		char *t2 = om_asprintf("%s %s", last->text, t);

		free(last->text);
		last->text = om_tidy(t2);
		free(t2);
	} else {
		form_add(f, 'i', t, 0);
	}
}

/* Captions under a blank ("(Last) (First)"): attached to the item above
 * or items of their own; a Social Security number caption is dropped. */
static void form_captions(struct form *f, char **caps, size_t np, int adjacent)
{
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
	if (kept > 0 && last && strlen(last->text) < FORM_MERGE_MAX &&
	    (parts ||
	     (kept == 1 && (strlen(caps[0]) > 40 || strchr(caps[0], '.') || ((last->flags & FB_BLANK) && adjacent))))) {
		for (size_t i = 0; i < kept; i++) {
			char *d = om_decapitalise(caps[i]);

			string_appendf(&joined, "%s%s", i ? ", " : " (", d);
			free(d);
		}
		string_append(&joined, ")");
		{
			char *t2 = om_asprintf("%s%s", last->text, joined.buf);

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
}

/* A line with blanks to fill in. */
static void form_blanks(struct form *f, char *t)
{
	char *pieces[8];
	size_t np;

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
}

/* Short pieces in columns are items of their own; 0 if the line is not such. */
static int form_columns(struct form *f, char *t)
{
	char *pieces[8];
	size_t np;

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
		return all_short;
	} else {
		for (size_t i = 0; i < np; i++)
			free(pieces[i]);
	}
	return 0;
}

/* Turn one logical line of a form into blocks. */
static void form_classify(struct fctx *fc, char *t, int adjacent, int after_blank_line, int blank_follows)
{
	struct form *f = &fc->f;
	size_t n;
	int stars = count_stars(t) > 0;
	char *caps[8];
	size_t np;

	/* "***ALL APPEALS ... ON THIS FORM***" */
	om_replace_all(t, "***", "");
	/* Trim, but keep the runs of spaces between columns for now. */
	om_rtrim(t);
	if (*t == ' ')
		memmove(t, t + strspn(t, " "), strlen(t + strspn(t, " ")) + 1);
	n = strlen(t);
	if (n == 0 || strcasecmp(t, "For Official Use Only") == 0 || strcasecmp(t, "Please Print") == 0)
		return; /* paper-only instructions */
	if (strncmp(t, "Revised ", 8) == 0 && strstr(t, "FORM #")) {
		const char *date = t + 8;
		const char *rest = strchr(date, ' ');

		if (rest) {
			char *what = om_decapitalise(rest + 1);
			char *note = om_asprintf("Printed form: %s, revised %.*s.", what, (int)(rest - date), date);

			form_add(f, 'p', note, 0);
			free(what);
			free(note);
			return;
		}
	}
	np = t[0] == '(' && om_last_char(t) == ')' ? captions(t, caps, 8) : 0;
	if (t[0] == '(' && om_last_char(t) == ')' && np == 0) {
		form_paren_note(f, t, adjacent);
		return;
	}
	if (np > 0) {
		form_captions(f, caps, np, adjacent);
		return;
	}
	if (strchr(t, BLANK)) {
		form_blanks(f, t);
		return;
	}
	if (form_columns(f, t))
		return;
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
	if (text_is_upper(t) && om_count_words(t) >= 2 && n <= 70 && !strchr(".:?", om_last_char(t)) &&
	    !strchr(t, '(')) {
		form_add(f, 'h', t, 0);
		return;
	}
	{
		const char *paren = strchr(t, '(');
		char *prefix = paren ? xstrndup(t, (size_t)(paren - t)) : xstrdup(t);
		int label;

		om_rtrim(prefix);
		label = strchr(":?", om_last_char(prefix)) != NULL && om_last_char(prefix) != '\0';
		free(prefix);
		if (label) {
			form_add(f, n > 80 && !paren && !blank_follows ? 'p' : 'i', t, 0);
			if (f->n)
				f->b[f->n - 1].flags |= FB_LABEL;
			return;
		}
	}
	if ((om_last_char(t) == '.' && n > 100) || n > 200) {
		struct fblock *prev = f->n ? &f->b[f->n - 1] : NULL;

		if (prev && prev->type == 'p' && !after_blank_line && strlen(prev->text) < FORM_MERGE_MAX) {
			char *t2 = om_asprintf("%s %s", prev->text, t);

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

/* Gather the lines from F[i] on that make one logical line of the form into
 * cur; the index of its last line. */
static size_t form_gather(struct fcur *cur, const struct fline *F, size_t n, size_t i, int width, int in_list)
{
	size_t last = i;
	int indent = F[i].indent;

	for (;;) {
		size_t j = last + 1, k;

		if (j >= n)
			break;
		if (is_text(&F[j]) && is_fragment(F[j].t)) {
			fcur_add(cur, NULL, F[j].t);
			last = j;
			continue;
		}
		/* Captions "(LAST) (FIRST (MIDDL" / "E)" / "(MAIDEN) (SOC. SEC." /
		 * "NO.)" and a "***" notice continue on the next text. */
		for (k = j; k < n && k < j + 4 && F[k].t && F[k].empty; k++)
			;
		if (k < n && is_text(&F[k]) &&
		    ((cur->parens > 0 && (F[k].t[0] == '(' || visible_end(F[k].t) == ')')) || cur->stars % 2 == 1)) {
			fcur_add(cur, " ", F[k].t);
			last = k;
			continue;
		}
		if (is_text(&F[j]) && form_joins(cur, &F[last], &F[j], width, in_list)) {
			fcur_add(cur, " ", F[j].t);
			last = j;
			continue;
		}
		/* Across empty lines: a sentence going on in lower case, or a
		 * check box label ("INVOLUNTARY" / "TRANSFER"). */
		for (k = j; k < n && k < j + 4 && F[k].t && F[k].empty; k++)
			;
		if (k > j && k < n && is_text(&F[k]) && !strchr(".:?!)", last_visible(&cur->s))) {
			int lower = om_starts_lower(F[k].t);
			int label_cont = indent == 1 && F[k].indent == 0 && fcur_caps(cur) && text_is_upper(F[k].t) &&
					 !starts_label(F, n, k);

			if (lower || label_cont) {
				fcur_add(cur, " ", F[k].t);
				last = k;
				continue;
			}
		}
		break;
	}
	return last;
}

/* A heading printed in capitals stays one only if what follows is not
 * just another line in capitals (a list of check boxes). */
static void form_demote_headings(struct form *f)
{
	for (size_t k = 0; k < f->n; k++) {
		struct fblock *b = &f->b[k], *next = k + 1 < f->n ? &f->b[k + 1] : NULL;

		if (b->type != 'h')
			continue;
		if (next == NULL || next->type == 'h' || next->type == 'H' ||
		    (next->type == 'i' && (next->flags & FB_CAPS) && !(next->flags & FB_LABEL)))
			b->type = 'i';
	}
}

/* Write the blocks of a form to the output. */
static NEOERR *form_write(struct om_out *o, const struct fctx *fc)
{
	NEOERR *err = STATUS_OK;

	for (size_t k = 0; k < fc->f.n && err == STATUS_OK; k++) {
		const struct fblock *b = &fc->f.b[k];

		if (b->type == 'H')
			err = om_out_heading(o, 2, b->text);
		else if (b->type == 'h')
			err = om_out_heading(o, fc->heading_level, b->text);
		else if (b->type == 'p')
			err = om_out_para(o, b->text);
		else
			err = om_out_item(o, 0, 0, b->text);
	}
	if (err == STATUS_OK)
		err = om_out_end_list(o);
	return nerr_pass(err);
}

NEOERR *om_build_form(struct om_out *o, const struct om_entry *e, struct om_line *L, size_t from, size_t to)
{
	struct fctx fc;
	size_t n, i = 0;
	int width;
	struct fline *F = form_lines(L, from, to, &n, &width);
	int gap = 0, in_list = 0;
	NEOERR *err;

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
		size_t last;
		int adjacent = !gap;

		if (F[i].t == NULL) {
			const struct om_entry *sub = &om_outline[F[i].mark - 1];

			if (sub->kind == OM_SUBHEAD) {
				form_add(&fc.f, 'H', sub->heading, 0);
			} else {
				char *note = om_omitted_note(sub);

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
		last = form_gather(&cur, F, n, i, width, in_list);
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

	form_demote_headings(&fc.f);
	err = form_write(o, &fc);
	for (size_t k = 0; k < fc.f.n; k++)
		free(fc.f.b[k].text);
	free(fc.f.b);
	free_form_lines(F, n);
	return nerr_pass(err);
}
