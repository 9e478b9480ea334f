/* request_bench: serve the same request N times in one process, the way a
 * FastCGI process does, without Apache: for profiling the portal's own
 * share of a request (callgrind, perf). Output goes to stdout.
 *
 *   HRPORTAL_DB=... HRPORTAL_TEMPLATES=... bench/request_bench PATH [N] > /dev/null
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "web/app.h"
#include "web/render.h"
#include "web/router.h"

extern char **environ;

int main(int argc, char **argv)
{
	struct app app;
	NEOERR *err;
	long n = argc > 2 ? atol(argv[2]) : 1000;
	struct timespec t0, t1;
	char *args0[] = { "request_bench", NULL };

	if (argc < 2) {
		fputs("usage: request_bench PATH [N]\n", stderr);
		return 2;
	}
	setenv("REQUEST_METHOD", "GET", 1);
	setenv("PATH_INFO", argv[1], 1);
	setenv("GATEWAY_INTERFACE", "CGI/1.1", 1);
	err = app_open(&app);
	if (err != STATUS_OK) {
		nerr_log_error(err);
		return 1;
	}
	cgiwrap_init_std(1, args0, environ);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		struct request req;

		err = request_begin(&req, &app.settings, &app);
		router_handle(&req, err, NULL);
		err = request_write(&req);
		if (err != STATUS_OK)
			nerr_log_error(err);
		request_end(&req);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "%ld requests, %.1f us per request\n", n,
		((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 / (double)n);
	render_cache_clear();
	app_close(&app);
	return 0;
}
