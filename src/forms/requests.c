#include "forms/requests.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/isotime.h"

/* The store's columns hold what a user may have. */
_Static_assert(STORE_REQUESTS_NAME_MAX == USER_NAME_MAX, "user names fit the request store");
_Static_assert(STORE_REQUESTS_AGENCY_MAX == USER_AGENCY_MAX, "agencies fit the request store");

struct row_out {
	struct request_row *row;
	int *found;
};

static void copy_text(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* The one place a stored row becomes a request_row: its status word
 * becomes the enum here (the database's CHECK allows only known words). */
static NEOERR *keep_row(void *ctx, const struct store_requests_row *s)
{
	const struct row_out *o = ctx;
	struct request_row *r = o->row;

	r->id = s->id;
	copy_text(r->type, sizeof r->type, s->type);
	r->owner_id = s->owner_id;
	copy_text(r->idem_key, sizeof r->idem_key, s->idem_key);
	r->status = request_status_parse(s->status);
	copy_text(r->agency, sizeof r->agency, s->agency);
	copy_text(r->summary, sizeof r->summary, s->summary);
	r->assignee_id = s->assignee_id;
	r->step = s->step;
	copy_text(r->step_kind, sizeof r->step_kind, s->step_kind);
	copy_text(r->received_on, sizeof r->received_on, s->received_on);
	copy_text(r->due_on, sizeof r->due_on, s->due_on);
	copy_text(r->created_at, sizeof r->created_at, s->created_at);
	copy_text(r->updated_at, sizeof r->updated_at, s->updated_at);
	copy_text(r->submitted_at, sizeof r->submitted_at, s->submitted_at);
	copy_text(r->closed_at, sizeof r->closed_at, s->closed_at);
	*o->found = 1;
	if (r->status == REQUEST_STATUS_NONE)
		return nerr_raise(NERR_ASSERT, "request %" PRId64 " has an unknown status %s", r->id, s->status);
	return STATUS_OK;
}

NEOERR *requests_load(struct db *db, int64_t id, struct request_row *out, int *found)
{
	struct row_out o = { out, found };

	*found = 0;
	memset(out, 0, sizeof *out);
	return nerr_pass(store_requests_load(db, id, keep_row, &o));
}

NEOERR *requests_find_idem(struct db *db, int64_t owner_id, const char *idem_key, struct request_row *out, int *found)
{
	struct row_out o = { out, found };

	*found = 0;
	memset(out, 0, sizeof *out);
	return nerr_pass(store_requests_by_idem(db, owner_id, idem_key, keep_row, &o));
}

int64_t requests_parse_id(const char *s)
{
	int64_t v = 0;

	if (s == NULL || *s == '\0' || *s == '0' || strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

NEOERR *requests_create(struct db *db, const char *type, const struct user *owner, const char *idem_key, time_t now,
			int64_t *id)
{
	char when[21];
	int64_t new_id = 0;
	NEOERR *err;

	iso_time_format(now, when);
	err = store_requests_insert(db, type, owner->id, idem_key, owner->agency, when, &new_id);
	if (err == STATUS_OK)
		*id = new_id;
	if (err == STATUS_OK)
		err = requests_event(db, *id, now, owner->id, "created", 0, "");
	return nerr_pass(err);
}

NEOERR *requests_set_value(struct db *db, int64_t id, const char *name, const char *value)
{
	return nerr_pass(store_requests_set_field(db, id, name, value));
}

NEOERR *requests_save_answers(struct db *db, int64_t id, const struct form_def *def, const struct form_values *v)
{
	NEOERR *err = store_requests_clear_answers(db, id);

	for (size_t i = 0; i < def->n_fields && err == STATUS_OK; i++) {
		const char *value = form_get(v, def->fields[i].name);

		if (value != NULL)
			err = store_requests_set_field(db, id, def->fields[i].name, value);
	}
	return nerr_pass(err);
}

static NEOERR *keep_answer(void *ctx, const char *name, const char *value)
{
	struct request_answers *out = ctx;
	char *n, *v;

	if (out->values.n == FORM_MAX_FIELDS)
		return STATUS_OK; /* more than any form has: ignore the rest */
	n = strdup(name);
	v = strdup(value);
	if (n == NULL || v == NULL) {
		free(n);
		free(v);
		return nerr_raise(NERR_NOMEM, "request answers");
	}
	out->storage[out->n_storage++] = n;
	out->storage[out->n_storage++] = v;
	form_set(&out->values, n, v);
	return STATUS_OK;
}

NEOERR *requests_load_answers(struct db *db, int64_t id, struct request_answers *out)
{
	NEOERR *err;

	memset(out, 0, sizeof *out);
	err = store_requests_fields(db, id, keep_answer, out);
	if (err != STATUS_OK)
		requests_answers_free(out);
	return nerr_pass(err);
}

void requests_answers_free(struct request_answers *a)
{
	for (size_t i = 0; i < a->n_storage; i++)
		free(a->storage[i]);
	memset(a, 0, sizeof *a);
}

NEOERR *requests_update(struct db *db, const struct request_row *row, time_t now)
{
	char when[21];
	/* Only the state columns: store_requests_update reads no others. */
	const struct store_requests_row s = {
		.id = row->id,
		.status = request_status_name(row->status),
		.summary = row->summary,
		.assignee_id = row->assignee_id,
		.step = row->step,
		.step_kind = row->step_kind,
		.received_on = row->received_on,
		.due_on = row->due_on,
		.submitted_at = row->submitted_at,
		.closed_at = row->closed_at,
	};

	if (row->status == REQUEST_STATUS_NONE)
		return nerr_raise(NERR_ASSERT, "request %" PRId64 ": no status to store", row->id);
	iso_time_format(now, when);
	return nerr_pass(store_requests_update(db, &s, when));
}

NEOERR *requests_event(struct db *db, int64_t id, time_t now, int64_t actor_id, const char *action, int step,
		       const char *note)
{
	char when[21];

	iso_time_format(now, when);
	return nerr_pass(store_requests_add_event(db, id, when, actor_id, action, step, note));
}

NEOERR *requests_last_decision(struct db *db, int64_t id, int64_t actor_id, struct request_decision *out, int *found)
{
	return nerr_pass(store_requests_last_decision(db, id, actor_id, out, found));
}

NEOERR *requests_add_party(struct db *db, int64_t id, int64_t user_id)
{
	return nerr_pass(store_requests_add_party(db, id, user_id));
}

NEOERR *requests_sign(struct db *db, int64_t id, int64_t user_id, const char *role, const char *typed_name, time_t now)
{
	char when[21];

	iso_time_format(now, when);
	return nerr_pass(store_requests_add_signature(db, id, user_id, role, typed_name, when));
}

NEOERR *requests_may_view(struct db *db, const struct request_row *row, const struct user *u, int *may)
{
	*may = 0;
	if (u->id == 0)
		return STATUS_OK;
	if (row->owner_id == u->id) {
		*may = 1;
		return STATUS_OK;
	}
	/* A draft is its author's work in progress, not yet a request. */
	if (row->status == REQUEST_DRAFT)
		return STATUS_OK;
	if (u->role == USER_HR || row->assignee_id == u->id) {
		*may = 1;
		return STATUS_OK;
	}
	return nerr_pass(store_requests_is_party(db, row->id, u->id, may));
}

const char *requests_status_label(const char *word)
{
	enum request_status s = request_status_parse(word);

	return s == REQUEST_STATUS_NONE ? word : request_status_label(s);
}
