/* rules_int.h: helpers shared by the rules_*.c files (not public API). */
#ifndef HR_RULES_INT_H
#define HR_RULES_INT_H

#include "rules/rules.h"

/* Indexes into the citation table (rules_common.c); the order there must
 * match. Each pair is printed in that section's LEGAL REFERENCES block. */
enum rules_cite_id {
	CITE_FMLA_2_102_S3,
	CITE_FMLA_3_015_S3,
	CITE_SICK_2_102_S2,
	CITE_SICK_3_015_S2,
	CITE_LS_2_105,
	CITE_LS_2_106,
	CITE_LS_18A_196,
	CITE_LS_18A_197,
	CITE_LS_18A_203,
	CITE_RR_18A_005,
	CITE_RR_18A_113,
	CITE_RR_18A_115,
	CITE_RR_18A_130,
	CITE_RR_18A_135,
	CITE_RR_2_076_S2,
	CITE_CAREER_18A_005_S4,
	CITE_GLOSSARY_18A_005,
	CITE_GLOSSARY_18A_095,
	CITE_ANNUAL_2_102_S1,
	CITE_ANNUAL_3_015_S1,
	CITE_HOLIDAYS_18A_190,
	CITE_VOTING_2_102_S7,
	CITE_VOTING_3_015_S7,
	CITE_VOTING_18A_190,
	CITE_FUNERAL_2_102_S8,
	CITE_FUNERAL_3_015_S8,
	CITE_BLOOD_2_102_S12,
	CITE_BLOOD_3_015_S12,
	CITE__COUNT
};

const rules_citation *rules_cite(enum rules_cite_id id);

void rx_init(rules_explain *e);
/* Adds one reason sentence; sets e->overflow if it does not fit. */
void rx_reason(rules_explain *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a citation once (duplicates are ignored). */
void rx_cite(rules_explain *e, enum rules_cite_id id);

/* Formats into a fixed buffer; returns false if it was truncated. */
bool rx_format(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A number for prose: "1,249.5", "75", "9.375" (locale independent). */
typedef struct rx_num {
	char s[48];
} rx_num;
rx_num rx_n(double v);

/* Plural suffix helper: "" when v == 1, else "s". */
const char *rx_s(double v);

#endif
