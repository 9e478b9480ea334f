#include "forms/status.h"

#include <stddef.h>
#include <string.h>

/* Indexed by the enum, so a status has its word and its label on one line. */
static const struct {
	const char *name, *label;
} statuses[REQUEST_STATUS_COUNT] = {
	[REQUEST_STATUS_NONE] = { "", "" },
	[REQUEST_DRAFT] = { "draft", "Draft (not submitted)" },
	[REQUEST_PENDING] = { "pending", "Awaiting a decision" },
	[REQUEST_DECIDED] = { "decided", "Decided: you may appeal or accept" },
	[REQUEST_APPROVED] = { "approved", "Approved" },
	[REQUEST_DENIED] = { "denied", "Denied" },
	[REQUEST_WITHDRAWN] = { "withdrawn", "Withdrawn" },
	[REQUEST_CLOSED] = { "closed", "Closed" },
	[REQUEST_FILED] = { "filed", "Filed" },
	[REQUEST_ACKNOWLEDGED] = { "acknowledged", "Acknowledged" },
};

enum request_status request_status_parse(const char *word)
{
	if (word == NULL || *word == '\0')
		return REQUEST_STATUS_NONE;
	for (int s = REQUEST_STATUS_NONE + 1; s < REQUEST_STATUS_COUNT; s++)
		if (strcmp(statuses[s].name, word) == 0)
			return (enum request_status)s;
	return REQUEST_STATUS_NONE;
}

const char *request_status_name(enum request_status s)
{
	return (unsigned)s < REQUEST_STATUS_COUNT ? statuses[s].name : "";
}

const char *request_status_label(enum request_status s)
{
	return (unsigned)s < REQUEST_STATUS_COUNT ? statuses[s].label : "";
}
