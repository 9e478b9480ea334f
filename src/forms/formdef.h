/* formdef: the portal's forms as data. Each form names its fields (type,
 * label, help, limits, options), the handbook section it follows, the
 * statement its signer affirms, and how it is routed once submitted. The
 * form pages, validation (formcheck), the review screen, the request page
 * and the PDF document are all drawn from these tables, so a field is
 * defined once. No form has a field for a Social Security number: people
 * are identified by employee ID. Pure data and lookups. */
#ifndef HR_FORMDEF_H
#define HR_FORMDEF_H

#include <stddef.h>

#include "forms/status.h"

enum field_type {
	FIELD_TEXT = 1,    /* one line */
	FIELD_TEXTAREA,    /* several lines */
	FIELD_DATE,        /* YYYY-MM-DD */
	FIELD_HOURS,       /* a decimal with at most two places ("7.5") */
	FIELD_NUMBER,      /* a whole number from 0 to max */
	FIELD_SELECT,      /* one of options */
	FIELD_YESNO,       /* "1" yes or "0" no (radio buttons) */
	FIELD_CHECK,       /* "1" when ticked, absent otherwise */
	FIELD_EMPLOYEE_ID, /* 5 to 8 digits */
	FIELD_PHONE,
	FIELD_ZIP,
	FIELD_STATE, /* two capital letters */
};

/* flags */
#define FIELD_REQUIRED 1u

/* Values the form page fills in from the signed-in user. */
enum field_prefill {
	PREFILL_NONE = 0,
	PREFILL_AGENCY,
	PREFILL_SUPERVISOR_NAME,
	PREFILL_AUTHORITY_NAME,
	PREFILL_FIRST_NAME,
	PREFILL_LAST_NAME,
};

struct form_option {
	const char *value;
	const char *label;
};

struct form_field {
	const char *name;
	const char *label;
	enum field_type type;
	unsigned flags;
	int max;                           /* characters, whole number, or whole hours */
	const struct form_option *options; /* FIELD_SELECT, NULL-terminated */
	const char *help;                  /* shown under the label (may be NULL) */
	const char *section;               /* starts a group with this heading */
	enum field_prefill prefill;
};

/* Who acts on a submitted request. */
enum form_chain {
	CHAIN_NONE = 0,             /* recorded as final_status at once */
	CHAIN_SUPERVISOR,           /* the immediate supervisor approves */
	CHAIN_SUPERVISOR_AUTHORITY, /* supervisor, then the appointing authority */
	CHAIN_GRIEVANCE,            /* review levels with deadlines (grievance.h) */
};

struct form_def {
	const char *key;         /* URL segment and requests.type */
	const char *title;       /* as listed: "Leave request" */
	const char *official;    /* the document's title */
	const char *summary;     /* one sentence in the list of forms */
	const char *intro;       /* shown above the fields */
	const char *handbook;    /* handbook section slug */
	const char *declaration; /* what signing affirms */
	enum form_chain chain;
	enum request_status final_status; /* CHAIN_NONE: filed or acknowledged; otherwise NONE */
	int notify_hr;                    /* HR is told when it is submitted */
	const char *wizard;               /* prefill accepted from this wizard's parameters */
	const struct form_field *fields;
	size_t n_fields;
	/* Health or grievance matters: a decision's note or reason stays in
	 * the portal (the email says it is there), and email subjects say
	 * "a request" instead of the form's title. */
	int private_matter;
};

/* All forms, in the order the forms page lists them. */
const struct form_def *formdef_all(size_t *count);
/* By key; NULL when there is no such form. */
const struct form_def *formdef_find(const char *key);
const struct form_field *formdef_field(const struct form_def *def, const char *name);
/* The label of an option value, or NULL. */
const char *formdef_option_label(const struct form_field *f, const char *value);
/* A value as a person reads it: option labels, "Yes"/"No", "Ticked". */
const char *formdef_display(const struct form_field *f, const char *value);

/* Option lists shared with the rules module's parameter names. */
extern const struct form_option formdef_employers[];
extern const struct form_option formdef_week_hours[];

#endif
