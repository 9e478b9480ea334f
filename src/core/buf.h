/* buf: the portal's one growable byte buffer, for text built outside
 * ClearSilver's STRING (the JSON and iCalendar writers, mail composition).
 *
 * Always NUL-terminated once anything was added. A failed append (out of
 * memory, or a size that would overflow) marks the buffer failed and every
 * later append does nothing, so composing code checks once, at the end. A
 * zeroed struct is an empty buffer. */
#ifndef HR_BUF_H
#define HR_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Empty it, keeping its memory (and forgetting a failure). */
void buf_reset(struct buf *b);
/* Append n bytes; 0, or -1 when the buffer has failed. */
int buf_append(struct buf *b, const char *s, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);

#endif
