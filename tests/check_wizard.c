/* check_wizard: the step engine (wizard.c) and the wizards' tables
 * (wizards.c): which steps are asked for which answers, validation next to
 * the field, stale answers ignored, and that the web wizard hands the rules
 * exactly what the JSON API would get for the same answers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "wizard/wizard.h"
#include "wizard/wizards.h"

/* A query as "name=value" pairs; a name given twice reads as bad. */
struct query {
	const char *pairs[24][2];
};

static const char *q_get(void *ctx, const char *name, int *bad)
{
	struct query *q = ctx;
	const char *found = NULL;
	int n = 0;

	for (int i = 0; i < 24 && q->pairs[i][0]; i++)
		if (strcmp(q->pairs[i][0], name) == 0) {
			found = q->pairs[i][1];
			n++;
		}
	*bad = n > 1;
	return n > 1 ? NULL : found;
}

static const char *q_rules_get(void *ctx, const char *name)
{
	int bad;

	return q_get(ctx, name, &bad);
}

/* Load q into a and walk everything: returns the first bad step or -1. */
static int walk_all(struct wz_answers *a, const struct wizard_def *def, struct query *q)
{
	ck_assert_int_eq(wz_load(a, def, q_get, q), 0);
	return wz_walk(a, a->n_steps);
}

static const char *err_of(const struct wz_answers *a, const char *name)
{
	for (size_t i = 0; i < a->n_fields; i++)
		if (strcmp(a->field[i]->name, name) == 0 && a->error[i])
			return a->error[i];
	return NULL;
}

/* The steps asked, as "slug,slug,...". */
static const char *asked(const struct wz_answers *a, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t s = 0; s < a->n_steps; s++)
		if (a->step_state[s] == WZ_ASKED)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", a->def->steps[s].slug);
	return buf;
}

START_TEST(tables_are_consistent)
{
	size_t n;
	const struct wizard_def *const *all = wizards_all(&n);

	ck_assert_int_eq((int)n, 3);
	for (size_t w = 0; w < n; w++) {
		struct query q = { { { NULL, NULL } } };
		struct wz_answers a;

		ck_assert_ptr_eq(wizards_find(all[w]->slug), all[w]);
		ck_assert_int_eq(wz_load(&a, all[w], q_get, &q), 0);
		for (size_t i = 0; i < a.n_fields; i++) {
			const struct wz_field *f = a.field[i];

			ck_assert_msg(f->label && f->help, "%s.%s needs a question and an explanation", all[w]->slug,
				      f->name);
			if (f->kind == WZ_CHOICE)
				ck_assert_ptr_nonnull(f->options);
			for (size_t j = i + 1; j < a.n_fields; j++)
				ck_assert_msg(strcmp(f->name, a.field[j]->name) != 0, "%s asks %s twice", all[w]->slug,
					      f->name);
		}
		for (size_t s = 0; s < a.n_steps; s++) {
			ck_assert_str_ne(all[w]->steps[s].slug, "result");
			ck_assert_int_eq(wz_step_index(all[w], all[w]->steps[s].slug), (int)s);
		}
	}
	ck_assert_ptr_null(wizards_find("nope"));
}
END_TEST

/* Which steps are asked, for answers that take different paths. */
static const struct path_case {
	const struct wizard_def *def;
	struct query q;
	const char *steps;
} paths[] = {
	{ &wizard_fmla,
	  { { { "service_months", "24" }, { "hours", "1300" }, { "reason", "own_health" } } },
	  "service,reason,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "birth" },
	      { "spouse_state_employee", "1" } } },
	  "service,reason,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" }, { "hours", "1300" }, { "reason", "family_care" }, { "relation", "spouse" } } },
	  "service,reason,family,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "family_care" },
	      { "relation", "child" },
	      { "child_age", "17" } } },
	  "service,reason,family,child,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "family_care" },
	      { "relation", "child" },
	      { "child_age", "18" },
	      { "child_incapable", "1" } } },
	  "service,reason,family,child,child-care,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "family_care" },
	      { "relation", "child" },
	      { "child_age", "18" },
	      { "child_incapable", "0" },
	      { "lived_with_30_days", "1" },
	      { "legally_responsible", "0" } } },
	  "service,reason,family,child,child-care,household,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "servicemember_care" },
	      { "relation", "next_of_kin" } } },
	  "service,reason,family,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "military_exigency" },
	      { "relation", "next_of_kin" },
	      { "lived_with_30_days", "0" },
	      { "legally_responsible", "0" } } },
	  "service,reason,family,household" }, /* covered by neither side: stop */
	/* The service requirements fail: no reason can qualify, on either side. */
	{ &wizard_fmla, { { { "service_months", "11" }, { "hours", "2000" } } }, "service" },
	{ &wizard_fmla, { { { "service_months", "24" }, { "hours", "1249.5" } } }, "service" },
	{ &wizard_fmla,
	  { { { "service_months", "12" }, { "hours", "1250" }, { "reason", "own_health" } } },
	  "service,reason,usage" },
	{ &wizard_fmla,
	  { { { "service_months", "24" },
	      { "hours", "1300" },
	      { "reason", "family_care" },
	      { "relation", "sibling" },
	      { "lived_with_30_days", "0" },
	      { "legally_responsible", "0" } } },
	  "service,reason,family,household" },
	{ &wizard_leave_sharing,
	  { { { "role", "donor" },
	      { "program", "sick" },
	      { "employer", "18a" },
	      { "active", "1" },
	      { "balance", "100" },
	      { "week_hours", "37.5" } } },
	  "role,employer,donor" },
	{ &wizard_leave_sharing,
	  { { { "role", "recipient" },
	      { "program", "sick" },
	      { "employer", "aoc" },
	      { "active", "1" },
	      { "condition_of", "self" },
	      { "certified", "1" },
	      { "consecutive_days", "10" },
	      { "paid_leave_exhausted", "1" },
	      { "complied", "1" },
	      { "workers_comp", "0" } } },
	  "role,employer,condition,leave" },
	{ &wizard_leave_sharing,
	  { { { "role", "recipient" },
	      { "program", "sick" },
	      { "employer", "18a" },
	      { "active", "1" },
	      { "condition_of", "sibling" },
	      { "lived_with_30_days", "1" },
	      { "legally_responsible", "0" },
	      { "certified", "1" },
	      { "consecutive_days", "10" },
	      { "paid_leave_exhausted", "1" },
	      { "complied", "1" },
	      { "workers_comp", "0" } } },
	  "role,employer,condition,household,leave" },
	{ &wizard_leave_sharing,
	  { { { "role", "recipient" },
	      { "program", "annual" },
	      { "employer", "18a" },
	      { "active", "1" },
	      { "loss", "fire" },
	      { "consecutive_days", "10" },
	      { "paid_leave_exhausted", "1" },
	      { "complied", "1" } } },
	  "role,employer,loss,leave" },
	{ &wizard_return_rights, { { { "event", "retired" } } }, "event" },
	{ &wizard_return_rights, { { { "event", "laid_off" }, { "had_status", "1" } } }, "event,status" },
	{ &wizard_return_rights,
	  { { { "event", "separated_unclassified" },
	      { "had_status", "1" },
	      { "service_months", "192" },
	      { "for_cause", "0" } } },
	  "event,status,career" },
	{ &wizard_return_rights,
	  { { { "event", "resigned" }, { "had_status", "1" }, { "good_standing", "1" } } },
	  "event,status,standing" },
};

START_TEST(paths_ask_only_what_they_need)
{
	const struct path_case *c = &paths[_i];
	struct query q = c->q;
	struct wz_answers a;
	rules_param_error pe;
	char buf[256];

	ck_assert_int_eq(walk_all(&a, c->def, &q), -1);
	ck_assert_str_eq(asked(&a, buf, sizeof buf), c->steps);
	ck_assert_int_eq(wz_check_rules(&a, &pe), -1);
}
END_TEST

/* The web wizard's answers, as the rules read them (WZ_RULES), give the
 * same JSON as the API called with that query string. */
static void parse_query(const char *s, struct query *q, char *store, size_t len)
{
	int n = 0;

	snprintf(store, len, "%s", s);
	memset(q, 0, sizeof *q);
	for (char *tok = strtok(store, "&"); tok && n < 24; tok = strtok(NULL, "&")) {
		char *eq = strchr(tok, '=');

		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		/* Our test values need no decoding except '.', which is kept. */
		q->pairs[n][0] = tok;
		q->pairs[n][1] = eq + 1;
		n++;
	}
}

START_TEST(web_answers_equal_api_answers)
{
	const struct path_case *c = &paths[_i];
	struct query q = c->q, api_q;
	struct wz_answers a;
	STRING qs;
	char store[1024];
	json_writer w1, w2;
	rules_api_status (*api)(rules_param_get, void *, json_writer *) = c->def == &wizard_fmla ? rules_api_fmla
									  : c->def == &wizard_leave_sharing
										  ? rules_api_leave_sharing
										  : rules_api_return_rights;

	ck_assert_int_eq(walk_all(&a, c->def, &q), -1);
	string_init(&qs);
	ck_assert_ptr_null(wz_query(&a, WZ_RULES, &qs));
	parse_query(qs.buf ? qs.buf : "", &api_q, store, sizeof store);
	json_init(&w1);
	json_init(&w2);
	ck_assert_int_eq(api(wz_rules_get, &a, &w1), RULES_API_OK);
	ck_assert_int_eq(api(q_rules_get, &api_q, &w2), RULES_API_OK);
	ck_assert_str_eq(json_data(&w1), json_data(&w2));
	json_free(&w1);
	json_free(&w2);
	string_clear(&qs);
}
END_TEST

START_TEST(stale_answers_are_carried_but_never_read)
{
	/* Reason changed from family care to birth: the relation and child
	 * answers stay in the address but do not reach the rules. */
	struct query q = { { { "service_months", "24" },
			     { "hours", "1300" },
			     { "reason", "birth" },
			     { "relation", "child" },
			     { "child_age", "20" },
			     { "spouse_state_employee", "0" } } };
	struct wz_answers a;
	STRING carry, rules;

	ck_assert_int_eq(walk_all(&a, &wizard_fmla, &q), -1);
	ck_assert_ptr_null(wz_value(&a, "relation"));
	ck_assert_ptr_null(wz_rules_get(&a, "child_age"));
	string_init(&carry);
	string_init(&rules);
	ck_assert_ptr_null(wz_query(&a, WZ_CARRY, &carry));
	ck_assert_ptr_null(wz_query(&a, WZ_RULES, &rules));
	ck_assert_str_eq(carry.buf, "service_months=24&hours=1300&reason=birth&relation=child&child_age=20"
				    "&spouse_state_employee=0");
	ck_assert_str_eq(rules.buf, "service_months=24&hours=1300&reason=birth&spouse_state_employee=0");
	string_clear(&carry);
	string_clear(&rules);
}
END_TEST

START_TEST(skipped_questions_give_the_rules_their_value)
{
	/* A retiree is not asked about status; the rules still need it. */
	struct query q = { { { "event", "retired" }, { "had_status", "1" } } };
	struct wz_answers a;
	STRING rules;

	ck_assert_int_eq(walk_all(&a, &wizard_return_rights, &q), -1);
	ck_assert_str_eq(wz_rules_get(&a, "had_status"), "0");
	string_init(&rules);
	ck_assert_ptr_null(wz_query(&a, WZ_RULES, &rules));
	ck_assert_str_eq(rules.buf, "event=retired&had_status=0");
	string_clear(&rules);
}
END_TEST

/* Values the web refuses, with the message next to the field. */
static const struct bad_case {
	const char *name, *value, *message_part;
} bad_values[] = {
	{ "service_months", "-1", "whole number from 0 to 1200" },
	{ "service_months", "abc", "whole number from 0 to 1200" },
	{ "service_months", "12.5", "whole number" },
	{ "service_months", "1201", "0 to 1200" },
	{ "service_months", "1e3", "whole number" },
	{ "service_months", " 12", "whole number" },
	{ "hours", "abc", "at most two decimals" },
	{ "hours", "1249.555", "at most two decimals" },
	{ "hours", "8784.01", "0 to 8784" },
	{ "hours", "-5", "0 to 8784" },
	{ "hours", "0x10", "0 to 8784" },
	{ "hours", "12345678901234567890123456789012345678901234567890123456789012345", "too long" },
};

START_TEST(refused_values_have_messages)
{
	const struct bad_case *c = &bad_values[_i];
	struct query q = { { { "service_months", "24" }, { "hours", "1300" } } };
	struct wz_answers a;

	q.pairs[strcmp(c->name, "hours") == 0 ? 1 : 0][1] = c->value;
	ck_assert_int_eq(walk_all(&a, &wizard_fmla, &q), 0);
	ck_assert_ptr_nonnull(err_of(&a, c->name));
	ck_assert_msg(strstr(err_of(&a, c->name), c->message_part), "%s=%s: %s", c->name, c->value,
		      err_of(&a, c->name));
}
END_TEST

START_TEST(boundaries_are_accepted)
{
	static const char *const ok[][2] = {
		{ "0", "0" },
		{ "11", "1249.5" },
		{ "12", "1250" },
		{ "1200", "8784" },
		{ "007", "1250.50" },
		/* Leading zeros count for nothing, as in the API (fuzz_wizard). */
		{ "0000000000012", "00000000000001250.5" },
	};

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct query q = { { { "service_months", ok[i][0] }, { "hours", ok[i][1] } } };
		struct wz_answers a;

		ck_assert_int_eq(wz_load(&a, &wizard_fmla, q_get, &q), 0);
		ck_assert_int_eq(wz_walk(&a, 1), -1);
	}
}
END_TEST

START_TEST(repeated_answers_and_missing_steps)
{
	struct query twice = { { { "service_months", "24" }, { "hours", "1300" }, { "hours", "1400" } } };
	struct query jump = { { { "service_months", "24" } } };
	struct query cross = { { { "service_months", "24" }, { "hours", "100" }, { "paid_leave_hours", "200" } } };
	struct wz_answers a;
	rules_param_error pe;

	ck_assert_int_eq(walk_all(&a, &wizard_fmla, &twice), 0);
	ck_assert_ptr_nonnull(strstr(err_of(&a, "hours"), "answered twice"));
	/* Straight to the result with only the first answer: step 1 is shown. */
	ck_assert_int_eq(walk_all(&a, &wizard_fmla, &jump), 0);
	ck_assert_ptr_nonnull(err_of(&a, "hours"));
	ck_assert_ptr_null(err_of(&a, "service_months"));
	/* Each value fine alone; the rules parser refuses the pair. */
	ck_assert_int_eq(wz_load(&a, &wizard_fmla, q_get, &cross), 0);
	ck_assert_int_eq(wz_walk(&a, 1), -1);
	ck_assert_int_eq(wz_check_rules(&a, &pe), 0);
	ck_assert_str_eq(err_of(&a, "paid_leave_hours"), "Paid leave hours cannot be more than the total hours.");
	/* A later question the rules want is not an error of this step. */
	ck_assert_int_eq(wz_load(&a, &wizard_fmla, q_get, &jump), 0);
	ck_assert_int_eq(wz_walk(&a, 0), -1);
	ck_assert_int_eq(wz_check_rules(&a, &pe), -1);
}
END_TEST

START_TEST(next_and_previous_steps)
{
	struct query q = { { { "service_months", "24" },
			     { "hours", "1300" },
			     { "reason", "family_care" },
			     { "relation", "child" },
			     { "child_age", "20" } } };
	struct wz_answers a;

	ck_assert_int_eq(wz_load(&a, &wizard_fmla, q_get, &q), 0);
	ck_assert_int_eq(wz_walk(&a, 2), -1); /* service, reason */
	ck_assert_str_eq(wizard_fmla.steps[wz_next_step(&a, 1)].slug, "family");
	ck_assert_int_eq(wz_walk(&a, 4), -1); /* + family, child */
	ck_assert_str_eq(wizard_fmla.steps[wz_next_step(&a, 3)].slug, "child-care");
	ck_assert_int_eq(wz_prev_step(&a, 4), 3);
	/* Own health skips every family step. */
	q.pairs[2][1] = "own_health";
	ck_assert_int_eq(wz_load(&a, &wizard_fmla, q_get, &q), 0);
	ck_assert_int_eq(wz_walk(&a, 2), -1);
	ck_assert_str_eq(wizard_fmla.steps[wz_next_step(&a, 1)].slug, "usage");
	ck_assert_int_eq(wz_walk(&a, a.n_steps), -1);
	ck_assert_int_eq(wz_prev_step(&a, a.n_steps), wz_step_index(&wizard_fmla, "usage"));
	ck_assert_int_eq(wz_prev_step(&a, wz_step_index(&wizard_fmla, "usage")), 1);
}
END_TEST

START_TEST(query_strings_are_encoded)
{
	STRING s;

	string_init(&s);
	ck_assert_ptr_null(wz_query_add(&s, "a", "1 & 2=3/ü"));
	ck_assert_ptr_null(wz_query_add(&s, "b", "37.5"));
	ck_assert_str_eq(s.buf, "a=1%20%26%202%3D3%2F%C3%BC&b=37.5");
	string_clear(&s);
}
END_TEST

START_TEST(forms_for_leave_sharing)
{
	ck_assert_str_eq(wizards_leave_sharing_form("recipient", "sick"), "sick-leave-sharing");
	ck_assert_str_eq(wizards_leave_sharing_form("donor", "sick"), "sick-leave-donation");
	ck_assert_str_eq(wizards_leave_sharing_form("recipient", "annual"), "annual-leave-sharing");
	ck_assert_str_eq(wizards_leave_sharing_form("donor", "annual"), "annual-leave-donation");
	ck_assert_ptr_null(wizards_leave_sharing_form("donor", NULL));
	ck_assert_ptr_null(wizards_leave_sharing_form("x", "sick"));
}
END_TEST

START_TEST(calculator_fields)
{
	const struct wz_field *months = &wizards_leave_calc_fields[0];
	const struct wz_field *week = &wizards_leave_calc_fields[1];
	const struct wz_field *year = &wizards_holiday_fields[0];

	ck_assert_ptr_null(wz_field_check(months, "191", 0));
	ck_assert_ptr_nonnull(wz_field_check(months, "-1", 0));
	ck_assert_ptr_null(wz_field_check(week, "37.5", 0));
	ck_assert_ptr_nonnull(wz_field_check(week, "38", 0));
	ck_assert_ptr_nonnull(wz_field_check(week, NULL, 0));
	ck_assert_ptr_null(wz_field_check(year, "1990", 0));
	ck_assert_ptr_null(wz_field_check(year, "2100", 0));
	ck_assert_ptr_nonnull(wz_field_check(year, "1989", 0));
	ck_assert_ptr_nonnull(wz_field_check(year, "2101", 0));
	ck_assert_ptr_nonnull(wz_field_check(year, "2024", 1));
	/* The API takes these (rules_param_decimal), so the forms do too. */
	ck_assert_ptr_null(wz_field_check(months, "0000000000012", 0));
	ck_assert_ptr_null(wz_field_check(year, "00000000000002024", 0));
	ck_assert_ptr_nonnull(wz_field_check(months, "1000000000000", 0));
}
END_TEST

START_TEST(home_tools_and_nav)
{
	HDF *hdf;

	ck_assert_ptr_null(hdf_init(&hdf));
	ck_assert_ptr_null(wizards_home_tools(hdf));
	ck_assert_ptr_null(wizards_nav(hdf));
	ck_assert_str_eq(hdf_get_value(hdf, "Tools.wz_fmla.Url", ""), "/wizards/fmla");
	ck_assert_str_eq(hdf_get_value(hdf, "Tools.wz_holidays.Url", ""), "/calculators/holidays");
	ck_assert_str_eq(hdf_get_value(hdf, "Nav.wizards.Url", ""), "/wizards");
	hdf_destroy(&hdf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("wizard");
	TCase *tc = tcase_create("engine");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, tables_are_consistent);
	tcase_add_loop_test(tc, paths_ask_only_what_they_need, 0, (int)(sizeof paths / sizeof paths[0]));
	tcase_add_loop_test(tc, web_answers_equal_api_answers, 0, (int)(sizeof paths / sizeof paths[0]));
	tcase_add_test(tc, stale_answers_are_carried_but_never_read);
	tcase_add_test(tc, skipped_questions_give_the_rules_their_value);
	tcase_add_loop_test(tc, refused_values_have_messages, 0, (int)(sizeof bad_values / sizeof bad_values[0]));
	tcase_add_test(tc, boundaries_are_accepted);
	tcase_add_test(tc, repeated_answers_and_missing_steps);
	tcase_add_test(tc, next_and_previous_steps);
	tcase_add_test(tc, query_strings_are_encoded);
	tcase_add_test(tc, forms_for_leave_sharing);
	tcase_add_test(tc, calculator_fields);
	tcase_add_test(tc, home_tools_and_nav);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
