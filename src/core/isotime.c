#include "core/isotime.h"

#include <string.h>

#define ISO_TIME_FORMAT "%Y-%m-%dT%H:%M:%SZ"

void iso_time_format(time_t t, char out[ISO_TIME_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (strftime(out, ISO_TIME_SIZE, ISO_TIME_FORMAT, &tm) == 0)
		out[0] = '\0';   /* a year past 9999: nothing the portal stores */
}

time_t iso_time_parse(const char *iso)
{
	struct tm tm;
	const char *end;

	if (iso == NULL || strlen(iso) != ISO_TIME_SIZE - 1)
		return -1;
	memset(&tm, 0, sizeof tm);
	end = strptime(iso, ISO_TIME_FORMAT, &tm);
	if (end == NULL || *end != '\0')
		return -1;
	return timegm(&tm);
}
