/* isotime: the one way the portal writes and reads a moment: ISO 8601 in
 * UTC, "2027-01-05T14:00:00Z", as the database, the logs, the outbox and the
 * test clock header all hold it (it sorts as text). */
#ifndef HR_ISOTIME_H
#define HR_ISOTIME_H

#include <time.h>

#define ISO_TIME_SIZE 21   /* 20 characters and the NUL */

void iso_time_format(time_t t, char out[ISO_TIME_SIZE]);
/* The time, or -1 for anything but exactly that form. */
time_t iso_time_parse(const char *iso);

#endif
