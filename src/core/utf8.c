#include "core/utf8.h"

#include <string.h>

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c;
	size_t len;
	uint32_t v, min;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

int utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);

	while (left > 0) {
		uint32_t cp;
		size_t n = utf8_decode(p, left, &cp);

		if (n == 0)
			return 0;
		p += n;
		left -= n;
	}
	return 1;
}

int utf8_is_clean(const char *s, size_t len, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n == 0)
			return 0;
		if (cp < 0x20 && !(multiline && (cp == '\t' || cp == '\n' || cp == '\r')))
			return 0;
		/* DEL and the C1 controls are as unwelcome as C0 ones. */
		if (cp >= 0x7f && cp <= 0x9f)
			return 0;
		i += n;
	}
	return 1;
}

void utf8_sanitize(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	size_t left = strlen(s);

	while (left > 0) {
		uint32_t cp;
		size_t n = utf8_decode(r, left, &cp);

		if (n == 0) {
			*w++ = '?';
			n = 1;
		} else if (n == 1) {
			*w++ = (cp < 0x20 || cp == 0x7f) ? ' ' : (unsigned char)cp;
		} else {
			memmove(w, r, n);
			w += n;
		}
		r += n;
		left -= n;
	}
	*w = '\0';
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}
