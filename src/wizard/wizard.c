/* wizard.c: the step engine behind /wizards (see wizard.h). */
#include "wizard/wizard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char msg_choose[] = "Choose one of the answers.";
static const char msg_yesno[] = "Choose yes or no.";
static const char msg_enter[] = "Enter a number.";
static const char msg_twice[] = "This question was answered twice. Give one answer.";
static const char msg_long[] = "This answer is too long.";

int wz_load(struct wz_answers *a, const struct wizard_def *def, wz_query_get get, void *ctx)
{
	memset(a, 0, sizeof *a);
	a->def = def;
	for (size_t s = 0; def->steps[s].slug; s++) {
		if (s >= WZ_MAX_STEPS)
			return -1;
		a->n_steps = s + 1;
		for (const struct wz_field *f = def->steps[s].fields; f && f->name; f++) {
			size_t i = a->n_fields;

			if (i >= WZ_MAX_FIELDS)
				return -1;
			a->field[i] = f;
			a->step_of[i] = (int)s;
			a->raw[i] = get(ctx, f->name, &a->bad[i]);
			if (a->raw[i] != NULL && a->raw[i][0] == '\0')
				a->raw[i] = NULL;
			a->n_fields++;
		}
	}
	return 0;
}

const char *wz_field_check(const struct wz_field *f, const char *value, int bad)
{
	double d;

	if (bad)
		return msg_twice;
	if (value == NULL || *value == '\0') {
		if (!f->required)
			return NULL;
		return f->kind == WZ_CHOICE  ? msg_choose
		       : f->kind == WZ_YESNO ? msg_yesno
		       : f->invalid          ? f->invalid
					     : msg_enter;
	}
	if (strnlen(value, RULES_PARAM_MAX_LEN + 1) > RULES_PARAM_MAX_LEN)
		return msg_long;
	switch (f->kind) {
	case WZ_WHOLE:
	case WZ_NUMBER:
		/* The rules' own number reader: the form accepts what the API does. */
		if (!rules_param_decimal(value, f->kind == WZ_NUMBER, &d) || d < f->min || d > f->max)
			return f->invalid ? f->invalid : msg_enter;
		return NULL;
	case WZ_YESNO:
		return strcmp(value, "0") == 0 || strcmp(value, "1") == 0 ? NULL : msg_yesno;
	case WZ_CHOICE:
		for (const struct wz_option *o = f->options; o && o->value; o++)
			if (strcmp(o->value, value) == 0)
				return NULL;
		return msg_choose;
	}
	return msg_choose;
}

bool wz_step_applies(const struct wz_answers *a, size_t i)
{
	const struct wz_step *s = &a->def->steps[i];

	return s->applies == NULL || s->applies(a);
}

int wz_walk(struct wz_answers *a, size_t upto)
{
	if (upto > a->n_steps)
		upto = a->n_steps;
	for (size_t s = 0; s < upto; s++) {
		int failed = 0;

		if (!wz_step_applies(a, s)) {
			a->step_state[s] = WZ_SKIPPED;
			for (size_t i = 0; i < a->n_fields; i++)
				if (a->step_of[i] == (int)s)
					a->state[i] = WZ_SKIPPED;
			continue;
		}
		a->step_state[s] = WZ_ASKED;
		/* Predicates of this step's fields read earlier steps only, so
		 * filling values as we go is safe. */
		for (size_t i = 0; i < a->n_fields; i++) {
			const struct wz_field *f = a->field[i];

			if (a->step_of[i] != (int)s)
				continue;
			if (f->applies && !f->applies(a)) {
				a->state[i] = WZ_SKIPPED;
				continue;
			}
			a->state[i] = WZ_ASKED;
			a->error[i] = wz_field_check(f, a->raw[i], a->bad[i]);
			if (a->error[i])
				failed = 1;
			else
				a->value[i] = a->raw[i];
		}
		if (failed)
			return (int)s;
	}
	return -1;
}

void wz_open_step(struct wz_answers *a, size_t step)
{
	a->step_state[step] = WZ_ASKED;
	for (size_t i = 0; i < a->n_fields; i++) {
		const struct wz_field *f = a->field[i];

		if (a->step_of[i] == (int)step && a->state[i] == WZ_NOT_REACHED)
			a->state[i] = f->applies && !f->applies(a) ? WZ_SKIPPED : WZ_ASKED;
	}
}

static int field_index(const struct wz_answers *a, const char *name)
{
	for (size_t i = 0; i < a->n_fields; i++)
		if (strcmp(a->field[i]->name, name) == 0)
			return (int)i;
	return -1;
}

const char *wz_value(const struct wz_answers *a, const char *name)
{
	int i = field_index(a, name);

	return i < 0 ? NULL : a->value[i];
}

bool wz_is(const struct wz_answers *a, const char *name, const char *s)
{
	const char *v = wz_value(a, name);

	return v != NULL && strcmp(v, s) == 0;
}

int wz_int(const struct wz_answers *a, const char *name, int dflt)
{
	const char *v = wz_value(a, name);

	return v ? atoi(v) : dflt;
}

const char *wz_rules_get(void *ctx, const char *name)
{
	const struct wz_answers *a = ctx;
	int i = field_index(a, name);

	if (i < 0)
		return NULL;
	if (a->state[i] == WZ_ASKED)
		return a->value[i];
	if (a->state[i] == WZ_SKIPPED)
		return a->field[i]->skipped;
	return NULL;
}

int wz_check_rules(struct wz_answers *a, rules_param_error *err)
{
	int i;

	if (a->def->parse(wz_rules_get, a, err) == 0)
		return -1;
	i = field_index(a, err->field);
	if (i >= 0 && a->state[i] == WZ_NOT_REACHED)
		return -1; /* a later step asks it */
	if (i < 0 || a->state[i] != WZ_ASKED)
		return -2;
	/* The rules' messages name API values; choices get ours. */
	a->error[i] = a->field[i]->kind == WZ_CHOICE  ? msg_choose
		      : a->field[i]->kind == WZ_YESNO ? msg_yesno
						      : err->message;
	a->value[i] = NULL;
	return a->step_of[i];
}

size_t wz_next_step(const struct wz_answers *a, size_t i)
{
	for (size_t s = i + 1; s < a->n_steps; s++)
		if (wz_step_applies(a, s))
			return s;
	return a->n_steps;
}

int wz_prev_step(const struct wz_answers *a, size_t i)
{
	for (size_t s = i; s-- > 0;)
		if (a->step_state[s] == WZ_ASKED)
			return (int)s;
	return -1;
}

int wz_step_index(const struct wizard_def *def, const char *slug)
{
	for (size_t s = 0; def->steps[s].slug; s++)
		if (strcmp(def->steps[s].slug, slug) == 0)
			return (int)s;
	return -1;
}

const char *wz_answer_label(const struct wz_field *f, const char *value, char *buf, size_t len)
{
	if (value == NULL)
		return "(not given)";
	switch (f->kind) {
	case WZ_YESNO:
		return strcmp(value, "1") == 0 ? "Yes" : "No";
	case WZ_CHOICE:
		for (const struct wz_option *o = f->options; o && o->value; o++)
			if (strcmp(o->value, value) == 0)
				return o->label;
		return value;
	default:
		if (f->unit)
			snprintf(buf, len, "%s %s", value, f->unit);
		else
			snprintf(buf, len, "%s", value);
		return buf;
	}
}

NEOERR *wz_query_add(STRING *out, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	NEOERR *err = STATUS_OK;

	if (out->len > 0)
		err = string_append_char(out, '&');
	if (err == STATUS_OK)
		err = string_append(out, name);
	if (err == STATUS_OK)
		err = string_append_char(out, '=');
	for (const unsigned char *p = (const unsigned char *)value; *p && err == STATUS_OK; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_' || *p == '.' || *p == '~') {
			err = string_append_char(out, (char)*p);
		} else {
			char enc[4] = { '%', hex[*p >> 4], hex[*p & 15], '\0' };

			err = string_append(out, enc);
		}
	}
	return nerr_pass(err);
}

static bool carriable(const struct wz_answers *a, size_t i)
{
	return a->raw[i] != NULL && !a->bad[i] && strnlen(a->raw[i], RULES_PARAM_MAX_LEN + 1) <= RULES_PARAM_MAX_LEN;
}

NEOERR *wz_query(const struct wz_answers *a, enum wz_query_mode mode, STRING *out)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < a->n_fields && err == STATUS_OK; i++) {
		const char *v = NULL;

		if (mode == WZ_CARRY)
			v = carriable(a, i) ? a->raw[i] : NULL;
		else
			v = wz_rules_get((void *)a, a->field[i]->name);
		if (v != NULL)
			err = wz_query_add(out, a->field[i]->name, v);
	}
	return nerr_pass(err);
}

NEOERR *wz_step_url(const struct wz_answers *a, size_t step, STRING *out)
{
	NEOERR *err = string_appendf(out, "/wizards/%s/%s", a->def->slug,
				     step < a->n_steps ? a->def->steps[step].slug : "result");
	STRING q;

	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&q);
	err = wz_query(a, WZ_CARRY, &q);
	if (err == STATUS_OK && q.len > 0)
		err = string_appendf(out, "?%s", q.buf);
	string_clear(&q);
	return nerr_pass(err);
}

static const char *kind_name(enum wz_kind k)
{
	switch (k) {
	case WZ_WHOLE:
		return "whole";
	case WZ_NUMBER:
		return "number";
	case WZ_YESNO:
		return "yesno";
	default:
		return "choice";
	}
}

static const struct wz_option yesno_options[] = {
	{ "1", "Yes", NULL },
	{ "0", "No", NULL },
	{ NULL, NULL, NULL },
};

NEOERR *wz_field_hdf(const struct wz_field *f, const char *label, const char *value, const char *error, HDF *hdf,
		     const char *p)
{
	const struct wz_option *opts = f->kind == WZ_YESNO ? yesno_options : f->options;
	NEOERR *err;

	err = hdf_set_valuef(hdf, "%s.Name=%s", p, f->name);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Kind=%s", p, kind_name(f->kind));
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Label=%s", p, label ? label : f->label);
	if (err == STATUS_OK && f->help)
		err = hdf_set_valuef(hdf, "%s.Help=%s", p, f->help);
	if (err == STATUS_OK && f->unit)
		err = hdf_set_valuef(hdf, "%s.Unit=%s", p, f->unit);
	if (err == STATUS_OK && f->required)
		err = hdf_set_valuef(hdf, "%s.Required=1", p);
	if (err == STATUS_OK && error)
		err = hdf_set_valuef(hdf, "%s.Error=%s", p, error);
	/* Show what was typed, even when refused, so it can be corrected;
	 * never a value too long to carry. */
	if (value && strnlen(value, RULES_PARAM_MAX_LEN + 1) > RULES_PARAM_MAX_LEN)
		value = NULL;
	if (err == STATUS_OK && value)
		err = hdf_set_valuef(hdf, "%s.Value=%s", p, value);
	for (size_t o = 0; (f->kind == WZ_CHOICE || f->kind == WZ_YESNO) && opts && opts[o].value && err == STATUS_OK;
	     o++) {
		err = hdf_set_valuef(hdf, "%s.Options.%zu.Value=%s", p, o, opts[o].value);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "%s.Options.%zu.Label=%s", p, o, opts[o].label);
		if (err == STATUS_OK && opts[o].help)
			err = hdf_set_valuef(hdf, "%s.Options.%zu.Help=%s", p, o, opts[o].help);
		if (err == STATUS_OK && value && strcmp(value, opts[o].value) == 0)
			err = hdf_set_valuef(hdf, "%s.Options.%zu.Checked=1", p, o);
	}
	return nerr_pass(err);
}

static NEOERR *field_hdf(const struct wz_answers *a, size_t i, HDF *hdf, const char *p)
{
	const struct wz_field *f = a->field[i];

	return nerr_pass(wz_field_hdf(f, f->label_for ? f->label_for(a) : f->label, a->bad[i] ? NULL : a->raw[i],
				      a->error[i], hdf, p));
}

NEOERR *wz_step_hdf(const struct wz_answers *a, size_t step, HDF *hdf, const char *prefix)
{
	const struct wz_step *s = &a->def->steps[step];
	NEOERR *err;
	int number = 1, nf = 0, nh = 0;
	char p[128];

	for (size_t k = 0; k < step; k++)
		if (a->step_state[k] == WZ_ASKED)
			number++;
	err = hdf_set_valuef(hdf, "%s.Slug=%s", prefix, s->slug);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Title=%s", prefix, s->title);
	if (err == STATUS_OK && s->intro)
		err = hdf_set_valuef(hdf, "%s.Intro=%s", prefix, s->intro);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Number=%d", prefix, number);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Action=/wizards/%s/%s", prefix, a->def->slug, s->slug);
	for (size_t i = 0; i < a->n_fields && err == STATUS_OK; i++) {
		/* The fields of this step that apply are the form; every other
		 * answer rides along hidden. */
		if (a->step_of[i] == (int)step && a->state[i] == WZ_ASKED) {
			snprintf(p, sizeof p, "%s.Fields.%d", prefix, nf++);
			err = field_hdf(a, i, hdf, p);
		} else if (a->step_of[i] != (int)step && carriable(a, i)) {
			err = hdf_set_valuef(hdf, "%s.Hidden.%d.Name=%s", prefix, nh, a->field[i]->name);
			if (err == STATUS_OK)
				err = hdf_set_valuef(hdf, "%s.Hidden.%d.Value=%s", prefix, nh, a->raw[i]);
			nh++;
		}
	}
	return nerr_pass(err);
}

NEOERR *wz_answers_hdf(const struct wz_answers *a, size_t upto, HDF *hdf, const char *prefix)
{
	NEOERR *err = STATUS_OK;
	int n = 0;

	for (size_t i = 0; i < a->n_fields && err == STATUS_OK; i++) {
		const struct wz_field *f = a->field[i];
		char buf[96];
		STRING url;

		if (a->step_of[i] >= (int)upto || a->state[i] != WZ_ASKED || a->error[i])
			continue;
		string_init(&url);
		err = wz_step_url(a, (size_t)a->step_of[i], &url);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "%s.%d.Question=%s", prefix, n,
					     f->label_for ? f->label_for(a) : f->label);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "%s.%d.Answer=%s", prefix, n,
					     wz_answer_label(f, a->value[i], buf, sizeof buf));
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "%s.%d.Url=%s", prefix, n, url.buf);
		string_clear(&url);
		n++;
	}
	return nerr_pass(err);
}
