#include "store/secrets.h"

#include <string.h>

NEOERR *store_secret_read(struct db *db, const char *name, unsigned char *out, size_t len, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT value FROM app_secrets WHERE name = ?1", &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_text(db, st, 1, name);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		size_t size = 0;
		const void *value = db_blob(st, 0, &size);

		if (value == NULL || size < len)
			err = nerr_raise(NERR_DB, "the %s secret is short", name);
		else {
			memcpy(out, value, len);
			*found = 1;
		}
	}
	db_done(st);
	return nerr_pass(err);
}

struct secret_add {
	const char *name, *created_at;
	const unsigned char *value;
	size_t len;
};

static NEOERR *secret_add_in_tx(struct db *db, void *ctx)
{
	const struct secret_add *a = ctx;
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO app_secrets(name, value, created_at) VALUES (?1, ?2, ?3) "
			      "ON CONFLICT (name) DO NOTHING",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(a->name), DB_BLOB(a->value, a->len), DB_TEXT(a->created_at));
	if (err == STATUS_OK)
		return nerr_pass(db_run(db, st));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_secret_add(struct db *db, const char *name, const unsigned char *value, size_t len,
			 const char *created_at)
{
	struct secret_add a = { name, created_at, value, len };

	return nerr_pass(db_tx(db, secret_add_in_tx, &a));
}
