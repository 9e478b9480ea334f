#include "web/server.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "core/log.h"

extern char **environ;

/* The request being served: cgiwrap's callbacks have no other context. One
 * process serves one request at a time (mod_fcgid never multiplexes). */
static FCGX_Request *current;
static volatile sig_atomic_t stop_requested;

static int read_cb(void *data, char *buf, int len)
{
	(void)data;
	return FCGX_GetStr(buf, len, current->in);
}

static int writef_cb(void *data, const char *fmt, va_list ap)
{
	(void)data;
	return FCGX_VFPrintF(current->out, fmt, ap) < 0 ? -1 : 0;
}

static int write_cb(void *data, const char *buf, int len)
{
	(void)data;
	/* cgiwrap treats anything but the full length as an error. */
	return FCGX_PutStr(buf, len, current->out);
}

static char *getenv_cb(void *data, const char *name)
{
	const char *v;

	(void)data;
	v = FCGX_GetParam(name, current->envp);
	return v ? strdup(v) : NULL; /* ClearSilver frees what it gets */
}

static int putenv_cb(void *data, const char *name, const char *value)
{
	(void)data;
	(void)name;
	(void)value;
	return 1; /* the request environment is read-only */
}

static int iterenv_cb(void *data, int n, char **key, char **value)
{
	const char *entry, *eq;

	(void)data;
	*key = *value = NULL;
	for (int i = 0; i <= n; i++)
		if (current->envp[i] == NULL)
			return 0;
	entry = current->envp[n];
	eq = strchr(entry, '=');
	if (eq == NULL)
		return 0;
	*key = strndup(entry, (size_t)(eq - entry));
	*value = strdup(eq + 1);
	if (*key == NULL || *value == NULL) {
		free(*key);
		free(*value);
		*key = *value = NULL;
		return 1;
	}
	return 0;
}

const char *server_param(const char *name)
{
	return current != NULL ? FCGX_GetParam(name, current->envp) : getenv(name);
}

static void on_term(int sig)
{
	(void)sig;
	stop_requested = 1;
}

void server_serve_one(const struct settings *settings, struct app *app, server_handler handler, void *ctx,
		      const struct server_cache *cache)
{
	struct request req;
	NEOERR *err;

	if (cache != NULL && cache->answer(app))
		return;
	err = request_begin(&req, settings, app);
	handler(&req, err, ctx);
	err = request_write(&req);
	if (err != STATUS_OK)
		log_neoerr(&err, "writing response"); /* client went away */
	else if (cache != NULL)
		cache->offer(app, &req);
	request_end(&req);
}

int server_run(const struct settings *settings, struct app *app, server_handler handler, void *ctx,
	       unsigned long max_requests, const struct server_cache *cache)
{
	FCGX_Request fcgi;
	unsigned long served = 0;
	struct sigaction sa;

	if (FCGX_IsCGI()) {
		char *argv0[] = { "hrportal", NULL };

		cgiwrap_init_std(1, argv0, environ);
		server_serve_one(settings, app, handler, ctx, cache);
		fflush(stdout);
		return 0;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fcgi, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("cannot initialise FastCGI");
		return 1;
	}
	/* Finish the current request on SIGTERM, then leave (mod_fcgid sends
	 * SIGTERM to idle or surplus processes). */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	cgiwrap_init_emu(NULL, read_cb, writef_cb, write_cb, getenv_cb, putenv_cb, iterenv_cb);
	while (!stop_requested && FCGX_Accept_r(&fcgi) >= 0) {
		current = &fcgi;
		server_serve_one(settings, app, handler, ctx, cache);
		FCGX_Finish_r(&fcgi);
		current = NULL;
		if (max_requests && ++served >= max_requests)
			break;
	}
	FCGX_Free(&fcgi, 1);
	return 0;
}
