#include "web/app.h"

#include <string.h>

#include "core/errors.h"

NEOERR *app_open(struct app *app)
{
	NEOERR *err;

	memset(app, 0, sizeof *app);
	settings_load(&app->settings);
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(app->settings.db_path, DB_READ_WRITE, &app->db);
	return nerr_pass(err);
}

void app_close(struct app *app)
{
	db_close(&app->db);
}
