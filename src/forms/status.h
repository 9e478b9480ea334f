/* status: where a request stands, as one enum with one table of the
 * database's words (requests.status, checked by migration 004) and one of
 * the words people read. Its own small file, not requests.h: it needs
 * nothing (no database, no users), so the views, the pages and the unit
 * tests take it without the store.
 *
 * The history's actions (request_events.action) are another vocabulary:
 * some of its words are a status's ("approved"), most are not
 * ("submitted", "escalated", "transferred"), so they stay text. */
#ifndef HR_FORMS_STATUS_H
#define HR_FORMS_STATUS_H

/* Draft is the first status: HR's list offers every one after it, in this order
 * (pages_requests.c). */
enum request_status {
	REQUEST_STATUS_NONE = 0, /* not a status: parse's answer to a word it does not know */
	REQUEST_DRAFT,           /* its author's work in progress */
	REQUEST_PENDING,         /* submitted; someone must act */
	REQUEST_DECIDED,         /* a grievance decided: the employee appeals or accepts */
	REQUEST_APPROVED,
	REQUEST_DENIED,
	REQUEST_WITHDRAWN,
	REQUEST_CLOSED,
	REQUEST_FILED,        /* recorded at once (board appeal) */
	REQUEST_ACKNOWLEDGED, /* recorded at once (agreements) */
};
#define REQUEST_STATUS_COUNT (REQUEST_ACKNOWLEDGED + 1)

/* The database's word ("pending"); REQUEST_STATUS_NONE for any other
 * text, NULL included. */
enum request_status request_status_parse(const char *word);
/* The database's word; "" for REQUEST_STATUS_NONE or out of range. */
const char *request_status_name(enum request_status s);
/* The words people read ("Awaiting a decision"); "" as for the name. */
const char *request_status_label(enum request_status s);

#endif
