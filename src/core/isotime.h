/* isotime: the one way the portal writes and reads a moment: ISO 8601 in
 * UTC, "2027-01-05T14:00:00Z", as the database, the logs, the outbox and the
 * test clock header all hold it (it sorts as text). */
#ifndef HR_ISOTIME_H
#define HR_ISOTIME_H

#include <time.h>

#define ISO_TIME_SIZE 21 /* 20 characters and the NUL */

void iso_time_format(time_t t, char out[ISO_TIME_SIZE]);
/* The time, or -1 for anything but exactly that form. */
time_t iso_time_parse(const char *iso);

/* Hours from UTC to the portal's time zone (US Eastern, where Frankfort
 * is) at instant t: -4 from the second Sunday of March to the first Sunday
 * of November, else -5. Computed, not read from the host's TZ. */
int iso_time_eastern_offset(time_t t);
/* A stored UTC time as people read it: "YYYY-MM-DD HH:MM ET" in the
 * portal's time zone; anything but an ISO time is copied as it is. */
void iso_time_local(const char *iso, char out[32]);

#endif
