/* answerbox: which wizard, calculator or form answers a question typed
 * into search, and whether a question asks what a glossary term means.
 *
 * A question matches a tool when it contains every word of one of the
 * tool's triggers (each trigger word is a set of beginnings: "donat"
 * meets "donate", "donated" and "donation"), in the words typed or in the
 * handbook's words the thesaurus added ("vacation" searches "annual
 * leave"). The most specific trigger wins, then table order. Triggers
 * speak of subjects (annual leave and an amount; a second job), never of
 * one question. Pure: no I/O. */
#ifndef HR_ANSWERBOX_H
#define HR_ANSWERBOX_H

enum answerbox_kind { ANSWER_WIZARD, ANSWER_CALCULATOR, ANSWER_FORM };

struct answerbox_tool {
	enum answerbox_kind kind;
	const char *title;
	char url[64];         /* starts it */
	const char *question; /* its first question (wizards, calculators) */
	const char *summary;
	const char *section; /* the handbook section it follows (slug) */
};

/* The tool answering text into *out: 1, or 0 if none does. also: the
 * thesaurus's additions. */
int answerbox_match(const char *text, const char *const *also, int nalso, struct answerbox_tool *out);

/* Whether text asks what term means: its words, less question words
 * ("what is", "what does ... mean", "define"), are the term's words (word
 * forms allowed: "demotions", "demotion"). */
int answerbox_asks_definition(const char *text, const char *term);

const char *answerbox_kind_name(enum answerbox_kind kind);

#endif
