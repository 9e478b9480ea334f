/* fuzz_citation: citation_parse on fuzzed text (LEGAL REFERENCES blocks and
 * what people type into the search box).
 *
 * Properties: every field of every citation is a terminated string within
 * its array; a normalized citation parses back, completely, into exactly
 * itself (so the same law cited two ways is one citation); citation_anchor
 * makes a slug of lower-case letters, digits and hyphens. */
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"
#include "fuzz.h"

#define MAX_CITES 64

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

#define TERMINATED(field) (memchr((field), '\0', sizeof(field)) != NULL)

static void check_one(const struct citation *c)
{
	struct citation again[2];
	char anchor[128];
	int complete = 0;
	size_t n;

	if (!TERMINATED(c->cite) || !TERMINATED(c->code) || !TERMINATED(c->title) || !TERMINATED(c->chapter) ||
	    !TERMINATED(c->number) || !TERMINATED(c->subsection) || !TERMINATED(c->raw))
		fuzz_fail("a citation field is not terminated");
	if (c->cite[0] == '\0')
		fuzz_fail("empty normalized citation (raw \"%s\")", c->raw);
	n = citation_parse(c->cite, again, 2, &complete);
	if (n != 1 || !complete || strcmp(again[0].cite, c->cite) != 0)
		fuzz_fail("\"%s\" (from \"%s\") parses back as %zu citation(s)%s: \"%s\"", c->cite, c->raw, n,
			  complete ? "" : ", incompletely", n ? again[0].cite : "");
	citation_anchor(c->cite, anchor, sizeof anchor);
	if (anchor[0] == '\0')
		fuzz_fail("empty anchor for \"%s\"", c->cite);
	for (const char *p = anchor; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			fuzz_fail("anchor \"%s\" for \"%s\" has '%c'", anchor, c->cite, *p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct citation out[MAX_CITES];
	char *text;
	int complete = 0;
	size_t n;

	if (size > 16 * 1024)
		return 0;
	text = fuzz_cstring(data, size);
	n = citation_parse(text, out, MAX_CITES, &complete);
	if (n > MAX_CITES)
		fuzz_fail("citation_parse returned %zu for room for %d", n, MAX_CITES);
	for (size_t i = 0; i < n; i++)
		check_one(&out[i]);
	free(text);
	return 0;
}
