/* wizard: multi-step questionnaires over plain GET forms, with no session.
 *
 * What it offers:
 *   - a table format for a wizard: steps, each with its questions (fields),
 *     a plain-words explanation of each, and predicates that say whether a
 *     step or a question applies given the answers to earlier steps;
 *   - wz_walk(): reads the answers from the request's query (every answer
 *     travels in the address, so the back button, reload and bookmarks
 *     work and nothing is kept on the server), checks each step in order
 *     and stops at the first step with a missing or unacceptable answer;
 *   - wz_check_rules(): runs the rules module's own parameter parser on
 *     the answers so far, so the web wizard and the JSON API accept exactly
 *     the same things (the rules parser has the last word);
 *   - HDF for a step's form (fields, options, messages next to fields,
 *     hidden answers), for "your answers so far" with change links, and
 *     query strings for links and redirects.
 *
 * State rules: a step's form carries every other answer as hidden fields,
 * including answers to steps that no longer apply (so changing an answer
 * back restores the later ones), but only answers to questions that apply
 * are ever read: a stale answer never changes a result. Values longer than
 * RULES_PARAM_MAX_LEN bytes are never carried.
 *
 * The walk is pure (the query is read through a callback); the HDF and
 * query-string helpers use ClearSilver. */
#ifndef HR_WIZARD_H
#define HR_WIZARD_H

#include <ClearSilver.h>
#include <stdbool.h>
#include <stddef.h>

#include "rules/rules.h"

#define WZ_MAX_FIELDS 40
#define WZ_MAX_STEPS 16

struct wz_answers;

/* Whether a step or question applies, from answers to earlier steps. */
typedef bool (*wz_pred)(const struct wz_answers *a);

enum wz_kind {
	WZ_WHOLE,  /* a whole number from min to max */
	WZ_NUMBER, /* a number with at most two decimals, from min to max */
	WZ_CHOICE, /* one of options (radio buttons) */
	WZ_YESNO,  /* "1" or "0" */
};

struct wz_option {
	const char *value; /* NULL ends a list */
	const char *label;
	const char *help; /* optional */
};

struct wz_field {
	const char *name; /* the JSON API's parameter name; NULL ends a list */
	enum wz_kind kind;
	const char *label;               /* the question */
	const char *help;                /* why it is asked and how to answer, in plain words */
	const struct wz_option *options; /* WZ_CHOICE */
	bool required;
	double min, max;     /* WZ_WHOLE, WZ_NUMBER */
	const char *unit;    /* shown after a number box ("months") */
	const char *invalid; /* message for an unacceptable value */
	wz_pred applies;     /* NULL: whenever its step applies */
	const char *skipped; /* value the rules get when it does not apply */
	/* A question worded after earlier answers (NULL: use label). */
	const char *(*label_for)(const struct wz_answers *a);
};

struct wz_step {
	const char *slug; /* URL segment; NULL ends a list */
	const char *title;
	const char *intro;
	const struct wz_field *fields;
	wz_pred applies; /* NULL: always */
};

/* One rules parser (rules_params_X with a scratch input struct). */
typedef int (*wz_parse)(rules_param_get get, void *ctx, rules_param_error *err);

struct wizard_def {
	const char *slug; /* /wizards/<slug> */
	const char *title;
	const char *summary;  /* one sentence for lists */
	const char *intro;    /* shown above the first step */
	const char *api_path; /* the JSON API answering the same question */
	const struct wz_step *steps;
	wz_parse parse;
};

/* Reads one query parameter: its value or NULL when absent; *bad set when
 * it is present but unusable (given twice). */
typedef const char *(*wz_query_get)(void *ctx, const char *name, int *bad);

enum wz_state { WZ_NOT_REACHED = 0, WZ_SKIPPED, WZ_ASKED };

struct wz_answers {
	const struct wizard_def *def;
	size_t n_steps;
	size_t n_fields;
	const struct wz_field *field[WZ_MAX_FIELDS];
	int step_of[WZ_MAX_FIELDS];
	const char *raw[WZ_MAX_FIELDS]; /* from the query ("" counts as absent) */
	int bad[WZ_MAX_FIELDS];         /* given twice */
	enum wz_state state[WZ_MAX_FIELDS];
	const char *value[WZ_MAX_FIELDS]; /* accepted answers to questions that apply */
	const char *error[WZ_MAX_FIELDS]; /* message next to the field */
	enum wz_state step_state[WZ_MAX_STEPS];
};

/* Load the answers of wizard def from the query; returns 0, or -1 if the
 * definition is too large for the fixed arrays (a programming error). */
int wz_load(struct wz_answers *a, const struct wizard_def *def, wz_query_get get, void *ctx);

/* Check steps [0, upto) in order; returns the index of the first step with
 * a missing or unacceptable answer (its fields carry the messages), or -1. */
int wz_walk(struct wz_answers *a, size_t upto);

/* Run the rules parser on the answers walked so far. Returns -1 when it
 * accepts them or objects only to a question not reached yet; the index of
 * the step whose question it refuses (with the message set); or -2 when it
 * refuses something the wizard never asks (*err says what). */
int wz_check_rules(struct wz_answers *a, rules_param_error *err);

/* Mark step's questions as asked (those that apply) without checking
 * them, to show its form for the first time. */
void wz_open_step(struct wz_answers *a, size_t step);

/* Does step i apply given the answers walked so far? */
bool wz_step_applies(const struct wz_answers *a, size_t i);

/* The first step after i that applies given the answers walked so far, or
 * n_steps (the result). */
size_t wz_next_step(const struct wz_answers *a, size_t i);

/* The previous step before i that was asked, or -1. */
int wz_prev_step(const struct wz_answers *a, size_t i);

/* Index of a step by its slug, or -1. */
int wz_step_index(const struct wizard_def *def, const char *slug);

/* An accepted answer to a question that applies, or NULL. */
const char *wz_value(const struct wz_answers *a, const char *name);
/* wz_value compared with s; false when there is no answer. */
bool wz_is(const struct wz_answers *a, const char *name, const char *s);
/* A whole-number answer, or dflt when there is none. */
int wz_int(const struct wz_answers *a, const char *name, int dflt);

/* What the rules module reads: accepted answers, the "skipped" value of
 * questions that do not apply, NULL otherwise (a rules_param_get). */
const char *wz_rules_get(void *ctx, const char *name);

/* The label shown for an answer ("Yes", an option's label, "14 months"). */
const char *wz_answer_label(const struct wz_field *f, const char *value, char *buf, size_t len);

/* Query strings (without '?'), percent-encoded, appended to out:
 *   WZ_CARRY: every usable answer in the query, to move between steps;
 *   WZ_RULES: exactly what the rules module reads (the API's parameters). */
enum wz_query_mode { WZ_CARRY, WZ_RULES };
NEOERR *wz_query(const struct wz_answers *a, enum wz_query_mode mode, STRING *out);
/* Append "&name=value" (or "name=value" on an empty string), encoded. */
NEOERR *wz_query_add(STRING *out, const char *name, const char *value);

/* The step's form: <prefix>.{Slug,Title,Intro,Number,Action,
 * Fields.N.{Name,Kind,Label,Help,Value,Error,Unit,Required,
 * Options.M.{Value,Label,Help,Checked}},Hidden.N.{Name,Value}}. */
NEOERR *wz_step_hdf(const struct wz_answers *a, size_t step, HDF *hdf, const char *prefix);

/* Answers to questions asked in steps before upto, each with a link to
 * change it: <prefix>.N.{Question,Answer,Url}. */
NEOERR *wz_answers_hdf(const struct wz_answers *a, size_t upto, HDF *hdf, const char *prefix);

/* "/wizards/<slug>/<step>?<carried answers>" (step n_steps is "result"). */
NEOERR *wz_step_url(const struct wz_answers *a, size_t step, STRING *out);

/* One question's HDF (the Fields.N part of wz_step_hdf): label NULL means
 * f->label; value is what to show in the box or which option to check. */
NEOERR *wz_field_hdf(const struct wz_field *f, const char *label, const char *value, const char *error, HDF *hdf,
		     const char *prefix);

/* Validate one value for a field as the walk does; returns NULL or the
 * message (calculators use this for their single form). */
const char *wz_field_check(const struct wz_field *f, const char *value, int bad);

#endif
