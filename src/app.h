/* app: what a portal process keeps between requests — its settings and its
 * database connection (with the prepared statements cached on it). Opened
 * once when the process starts, closed when it exits. */
#ifndef HR_APP_H
#define HR_APP_H

#include <ClearSilver.h>

#include "db.h"
#include "settings.h"

struct app {
	struct settings settings;
	struct db *db;
};

NEOERR *app_open(struct app *app);
void app_close(struct app *app);

#endif
