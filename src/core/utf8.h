/* utf8: the one place that decides what well-formed UTF-8 is (no overlong
 * forms, no surrogates, nothing past U+10FFFF), for checking user input,
 * cleaning corpus text, escaping JSON and checking mail headers. */
#ifndef HR_UTF8_H
#define HR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1-4) of the well-formed sequence at s, n bytes available, with
 * its code point in *cp; 0 when it is not one. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* True when the NUL-terminated s is well-formed UTF-8. */
int utf8_valid(const char *s);

/* True when len bytes of s are well-formed UTF-8 without NUL or control
 * characters, C0 or C1 (tab, CR and LF allowed when multiline). */
int utf8_is_clean(const char *s, size_t len, int multiline);

/* In place: each byte that starts no well-formed sequence becomes '?',
 * each ASCII control character a space. */
void utf8_sanitize(char *s);

/* Characters (code points) in well-formed s. */
size_t utf8_chars(const char *s);

#endif
