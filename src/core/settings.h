/* settings: where a program finds its database and templates, and the few
 * settings that differ between development, tests and production.
 *
 * Read once at start-up from the environment (Apache passes it to FastCGI
 * programs with FcgidInitialEnv); each has a built-in default from
 * ./configure. Nothing here changes while the process runs. */
#ifndef HR_SETTINGS_H
#define HR_SETTINGS_H

#include <stddef.h>

struct settings {
	const char *db_path;        /* HRPORTAL_DB */
	const char *template_dir;   /* HRPORTAL_TEMPLATES */
	const char *base_url;       /* HRPORTAL_BASE_URL: absolute links in email */
	const char *static_version; /* cache-busting suffix for /static URLs */
	int allow_clock_header;     /* HRPORTAL_TEST_CLOCK=1: X-Hrportal-Now honoured (tests only) */
	size_t max_body;            /* HRPORTAL_MAX_BODY: largest accepted request body */
};

/* Fill from the environment and defaults. Strings point into the environment
 * or static storage and live as long as the process. */
void settings_load(struct settings *cfg);

/* Every program that writes the portal's state calls this first: the
 * database (and the -wal and -shm files SQLite gives the database's mode),
 * backups and anything else it creates are readable by their owner only.
 * They hold HR records and the CSRF secret. */
void settings_private_files(void);

#endif
