#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "core/isotime.h"

static const char *program_name = "hrportal";

void log_set_program(const char *name)
{
	program_name = name;
}

static void log_vmsg(const char *level, const char *fmt, va_list ap)
{
	char when[ISO_TIME_SIZE];

	iso_time_format(time(NULL), when);
	fprintf(stderr, "%s %s[%ld] %s: ", when, program_name, (long)getpid(), level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

void log_msg(const char *level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

void log_neoerr(NEOERR **err, const char *context)
{
	STRING msg;

	if (err == NULL || *err == STATUS_OK)
		return;
	string_init(&msg);
	nerr_error_traceback(*err, &msg);
	/* The traceback spans lines; keep the log one event per line. */
	for (int i = 0; i < msg.len; i++)
		if (msg.buf[i] == '\n')
			msg.buf[i] = ' ';
	log_msg("error", "%s: %s", context, msg.buf ? msg.buf : "(no detail)");
	string_clear(&msg);
	nerr_ignore(err);
}
