#include "core/isotime.h"

#include <stdio.h>
#include <string.h>

#define ISO_TIME_FORMAT "%Y-%m-%dT%H:%M:%SZ"

void iso_time_format(time_t t, char out[ISO_TIME_SIZE])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (strftime(out, ISO_TIME_SIZE, ISO_TIME_FORMAT, &tm) == 0)
		out[0] = '\0'; /* a year past 9999: nothing the portal stores */
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

int iso_time_eastern_offset(time_t t)
{
	struct tm tm, m, n;
	time_t start, end;

	gmtime_r(&t, &tm);
	/* 2:00 local: 07:00 UTC in March, 06:00 UTC in November. */
	m = (struct tm){ .tm_year = tm.tm_year, .tm_mon = 2, .tm_mday = 1, .tm_hour = 7 };
	n = (struct tm){ .tm_year = tm.tm_year, .tm_mon = 10, .tm_mday = 1, .tm_hour = 6 };
	start = timegm(&m);
	end = timegm(&n);
	gmtime_r(&start, &m);
	start += (time_t)(((7 - m.tm_wday) % 7) + 7) * 86400;
	gmtime_r(&end, &n);
	end += (time_t)((7 - n.tm_wday) % 7) * 86400;
	return t >= start && t < end ? -4 : -5;
}

void iso_time_local(const char *iso, char out[32])
{
	struct tm tm;
	time_t t = iso_time_parse(iso);

	if (t == -1) {
		snprintf(out, 32, "%s", iso ? iso : "");
		return;
	}
	t += (time_t)iso_time_eastern_offset(t) * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M ET", &tm);
}
