/* portal: the FastCGI program that serves every page of the portal. */
#include "web/app.h"
#include "core/errors.h"
#include "core/log.h"
#include "web/pagecache.h"
#include "web/render.h"
#include "web/router.h"
#include "search/search.h"
#include "web/server.h"
#include "core/settings.h"

/* Without a database the process still answers, with 503 pages. */
static void unavailable(struct request *req, NEOERR *begin_err, void *ctx)
{
	(void)ctx;
	nerr_ignore(&begin_err);
	router_error_page(
		req, nerr_raise(HR_ERR_UNAVAILABLE, "The portal's database is not available. Please try again later."));
}

static const struct server_cache cache = { pagecache_answer, pagecache_offer };

int main(void)
{
	struct app app;
	NEOERR *err;
	int rc;

	settings_private_files();
	log_set_program("hrportal-portal");
	err = app_open(&app);
	if (err != STATUS_OK) {
		log_neoerr(&err, "opening the portal");
		return server_run(&app.settings, &app, unavailable, NULL, 0, NULL);
	}
	rc = server_run(&app.settings, &app, router_handle, NULL, 0, &cache);
	pagecache_clear();
	render_cache_clear();
	search_cache_clear();
	app_close(&app);
	return rc;
}
