/* app: what a portal process keeps between requests — its settings and its
 * database connection (with the prepared statements cached on it). Opened
 * once when the process starts, closed when it exits. */
#ifndef HR_APP_H
#define HR_APP_H

#include <ClearSilver.h>

#include "store/db.h"
#include "core/settings.h"

struct app {
	struct settings settings;
	struct db *db;
	/* The installation's CSRF key, read from the database once (csrf.c). */
	unsigned char csrf_secret[32];
	int csrf_secret_loaded;
};

NEOERR *app_open(struct app *app);
void app_close(struct app *app);

#endif
