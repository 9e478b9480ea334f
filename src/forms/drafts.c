/* drafts: saving a form's answers as its author's draft, found again by
 * the form page's key, with the wizard's result evaluated here when the
 * form came from a wizard. Apart from workflow.c because a draft is not
 * yet in the approval chain: nobody else sees it, nothing is routed or
 * sent, and its only rule is one request per form key. */
#include "forms/workflow_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/json.h"
#include "store/requests.h"
#include "wizard/wizres.h"

/* Keep the wizard's result with a new draft. Not a complete wizard
 * answer: nothing to keep. */
static NEOERR *keep_wizard(const struct workflow_ctx *w, const struct form_def *def, int64_t id,
			   const struct form_values *wv)
{
	struct form_rules_ctx rc;
	struct wizres *res;
	rules_param_error perr = { NULL, NULL };
	json_writer answers, result;
	char today[11];
	NEOERR *err = STATUS_OK;

	if (wv == NULL || wv->n == 0)
		return STATUS_OK;
	res = calloc(1, sizeof *res);
	if (res == NULL)
		return nerr_raise(NERR_NOMEM, "wizard result");
	memset(&rc, 0, sizeof rc);
	rc.values = wv;
	json_init(&result);
	json_init(&answers);
	if (wizres_evaluate(def->wizard, def->key, formcheck_rules_param, &rc, res, &result, &perr) != 0) {
		json_free(&result);
		json_free(&answers);
		free(res);
		return STATUS_OK;
	}
	json_object_begin(&answers);
	for (size_t i = 0; i < wv->n; i++) {
		json_key(&answers, wv->names[i]);
		json_string(&answers, wv->values[i]);
	}
	json_object_end(&answers);
	workflow_today(w->now, today);
	if (json_finish(&answers) != 0 || json_finish(&result) != 0)
		err = nerr_raise(NERR_NOMEM, "wizard JSON");
	if (err == STATUS_OK) {
		struct store_requests_wizard_row row = {
			def->wizard,   today,        json_data(&answers), json_data(&result),
			res->eligible, res->figures, res->reasons,        res->citations,
		};

		err = store_requests_set_wizard(w->db, id, &row);
	}
	json_free(&result);
	json_free(&answers);
	free(res);
	return nerr_pass(err);
}

struct draft_args {
	const struct workflow_ctx *w;
	const struct form_def *def;
	const char *idem_key, *summary;
	const struct form_values *v, *wizard_answers;
	int64_t *id;
	int *submitted;
};

static NEOERR *save_draft_in_tx(struct db *db, void *ctx)
{
	const struct draft_args *a = ctx;
	const struct user *owner = a->w->actor;
	struct request_row row;
	int found = 0;
	NEOERR *err = requests_find_idem(db, owner->id, a->idem_key, &row, &found);

	if (err == STATUS_OK && found && strcmp(row.type, a->def->key) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "This form's key belongs to another form. Reload the form.");
	if (err == STATUS_OK && found && row.status != REQUEST_DRAFT) {
		*a->id = row.id;
		*a->submitted = 1;
		return STATUS_OK;
	}
	if (err == STATUS_OK && !found) {
		err = requests_create(db, a->def->key, owner, a->idem_key, a->w->now, a->id);
		if (err == STATUS_OK && a->def->wizard)
			err = keep_wizard(a->w, a->def, *a->id, a->wizard_answers);
		if (err == STATUS_OK)
			err = requests_load(db, *a->id, &row, &found);
	}
	if (err == STATUS_OK) {
		*a->id = row.id;
		snprintf(row.summary, sizeof row.summary, "%s", a->summary);
		err = requests_save_answers(db, row.id, a->def, a->v);
	}
	if (err == STATUS_OK)
		err = requests_update(db, &row, a->w->now);
	return nerr_pass(err);
}

NEOERR *workflow_save_draft(const struct workflow_ctx *w, const struct form_def *def, const char *idem_key,
			    const struct form_values *v, const struct form_values *wizard_answers, const char *summary,
			    int64_t *id, int *submitted)
{
	struct draft_args a = { w, def, idem_key, summary, v, wizard_answers, id, submitted };

	*submitted = 0;
	if (w->actor == NULL)
		return nerr_raise(NERR_ASSERT, "a draft needs an owner");
	return nerr_pass(db_tx(w->db, save_draft_in_tx, &a));
}
