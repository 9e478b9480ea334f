/* citation: statutes and regulations as the handbook cites them.
 *
 * Parses the text of a LEGAL REFERENCES block ("KRS 18A.115 KRS Chapter 156
 * 101 KAR 2:102, Section 3 41 U.S.C. § 8103 EO 2014-747") into structured
 * citations with a normalized form ("KRS 18A.115", "KRS Chapter 156",
 * "101 KAR 2:102, Section 3", "41 U.S.C. § 8103", "EO 2014-747"), so that
 * the same law cited two ways is one citation. Also used to recognise a
 * citation typed into the search box. */
#ifndef HR_CITATION_H
#define HR_CITATION_H

#include <stddef.h>

struct citation {
	char cite[96];       /* normalized */
	char code[4];        /* KRS, KAR, USC, CFR, EO */
	char title[8];       /* KAR/USC/CFR title: "101"; "" for KRS, EO */
	char chapter[16];    /* "18A", "2" (KAR chapter), "2014" (EO year) */
	char number[16];     /* "095", "102", "8103", "747"; "" for a whole chapter */
	char subsection[24]; /* "Section 3", "(5)", "-275"; "" if none */
	char raw[96];        /* the text as printed */
};

/* Parse as many citations as possible from text, up to max. Returns the
 * number parsed; *complete is set to 1 when all of the text (apart from
 * spaces and punctuation between citations) was citations. */
size_t citation_parse(const char *text, struct citation *out, size_t max, int *complete);

/* URL slug of a normalized citation, for /citations#<slug>. */
void citation_anchor(const char *cite, char *out, size_t outsz);

#endif
