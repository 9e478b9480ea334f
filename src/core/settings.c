#include "core/settings.h"

#include <stdlib.h>
#include <sys/stat.h>

#ifndef HR_TEMPLATE_DIR
#define HR_TEMPLATE_DIR "templates"
#endif
#ifndef HR_STATE_DIR
#define HR_STATE_DIR "var"
#endif

#define DEFAULT_MAX_BODY (64 * 1024)

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

void settings_load(struct settings *cfg)
{
	const char *max_body = getenv("HRPORTAL_MAX_BODY");

	cfg->db_path = env_or("HRPORTAL_DB", HR_STATE_DIR "/hrportal.db");
	cfg->template_dir = env_or("HRPORTAL_TEMPLATES", HR_TEMPLATE_DIR);
	cfg->base_url = env_or("HRPORTAL_BASE_URL", "http://127.0.0.1:8080");
	cfg->static_version = HR_VERSION;
	cfg->allow_clock_header = env_or("HRPORTAL_TEST_CLOCK", "0")[0] == '1';
	cfg->max_body = DEFAULT_MAX_BODY;
	if (max_body != NULL) {
		long v = strtol(max_body, NULL, 10);

		if (v > 0 && v <= 16 * 1024 * 1024)
			cfg->max_body = (size_t)v;
	}
}

void settings_private_files(void)
{
	umask(077);
}
