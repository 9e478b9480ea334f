#include "pdf/formpdf.h"

#include <stdio.h>
#include <string.h>

#include "pdf/pdf.h"

static const char *val(HDF *node, const char *name)
{
	return hdf_get_value(node, name, "");
}

/* The view model's Status is the database's word (reqview writes
 * request_status_name). pdf/ sits below forms/ and may not include
 * forms/status.h (scripts/layers), so the document compares that word,
 * here only. */
static int status_is(HDF *req, const char *word)
{
	return strcmp(val(req, "Status"), word) == 0;
}

static NEOERR *field_if(pdf_doc *doc, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return STATUS_OK;
	return nerr_pass(pdf_form_field(doc, label, value));
}

static NEOERR *draw_fields(pdf_doc *doc, HDF *req)
{
	NEOERR *err = STATUS_OK;

	for (HDF *s = hdf_get_child(req, "Sections"); s && err == STATUS_OK; s = hdf_obj_next(s)) {
		int heading = 0;

		/* What was answered, as the page shows it: a field that does
		 * not apply (bereavement's relationship on annual leave) is not
		 * an empty row, and a section with no answer has no heading. */
		for (HDF *f = hdf_get_child(s, "Fields"); f && err == STATUS_OK; f = hdf_obj_next(f)) {
			if (*val(f, "Value") == '\0')
				continue;
			if (!heading++)
				err = pdf_form_section(doc, val(s, "Heading"));
			if (err == STATUS_OK)
				err = pdf_form_field(doc, val(f, "Label"), val(f, "Value"));
		}
	}
	return nerr_pass(err);
}

static NEOERR *draw_lines(pdf_doc *doc, HDF *node, const char *child)
{
	NEOERR *err = STATUS_OK;

	for (HDF *r = hdf_get_child(node, child); r && err == STATUS_OK; r = hdf_obj_next(r))
		err = pdf_form_paragraph(doc, hdf_obj_value(r) ? hdf_obj_value(r) : "");
	return nerr_pass(err);
}

static NEOERR *draw_citations(pdf_doc *doc, HDF *node)
{
	NEOERR *err = STATUS_OK;

	for (HDF *c = hdf_get_child(node, "Citations"); c && err == STATUS_OK; c = hdf_obj_next(c)) {
		char line[512];

		snprintf(line, sizeof line, "%s (handbook: %s)", val(c, "Cite"), val(c, "Url"));
		err = pdf_form_paragraph(doc, line);
	}
	return nerr_pass(err);
}

static NEOERR *draw_wizard(pdf_doc *doc, HDF *req)
{
	HDF *w = hdf_get_obj(req, "Wizard");
	HDF *c = hdf_get_obj(req, "Check");
	NEOERR *err = STATUS_OK;

	if (w != NULL) {
		err = pdf_form_section(doc, "Wizard result carried by this request");
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Date of the wizard", val(w, "EvaluatedOn"));
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Answers given", val(w, "AnswersJson"));
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Outcome",
					     strcmp(val(w, "Eligible"), "1") == 0 ? "Eligible" : "Not eligible");
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Figures", val(w, "Figures"));
		if (err == STATUS_OK)
			err = draw_lines(doc, w, "Reasons");
		if (err == STATUS_OK)
			err = draw_citations(doc, w);
	}
	if (c != NULL && err == STATUS_OK) {
		err = pdf_form_section(doc, "The handbook's rules, checked again on this request's answers");
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Outcome",
					     strcmp(val(c, "Eligible"), "1") == 0 ? "Eligible" : "Not eligible");
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Figures", val(c, "Figures"));
		if (err == STATUS_OK && w != NULL)
			err = pdf_form_field(doc, "Changes since the wizard",
					     strcmp(val(c, "Changed"), "1") == 0 ? "Yes (below)" : "None");
		if (err == STATUS_OK)
			err = draw_lines(doc, c, "Changes");
		if (err == STATUS_OK && w == NULL)
			err = draw_lines(doc, c, "Reasons");
		if (err == STATUS_OK && w == NULL)
			err = draw_citations(doc, c);
	}
	return nerr_pass(err);
}

static NEOERR *draw_sharing(pdf_doc *doc, HDF *req)
{
	HDF *s = hdf_get_obj(req, "Sharing");
	HDF *d = hdf_get_obj(req, "Donation");
	NEOERR *err = STATUS_OK;

	if (s != NULL) {
		static const char *const headers[] = { "Received",    "Donor",    "Employee ID", "Offered",
						       "Transferred", "Returned", "Status" };
		static const double weights[] = { 2.2, 2.2, 1.4, 1, 1.2, 1, 1.6 };

		err = pdf_form_section(doc, "Donated leave (from the ledger)");
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Hours requested", val(s, "Requested"));
		if (err == STATUS_OK)
			err = field_if(doc, "Hours certified as needed", val(s, "Certified"));
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Hours received", val(s, "Received"));
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Hours returned to donors", val(s, "Returned"));
		if (err == STATUS_OK)
			err = field_if(doc, "Still needed", val(s, "Remaining"));
		if (err == STATUS_OK)
			err = field_if(doc, "Donated hours used", val(s, "Used"));
		if (err == STATUS_OK)
			err = field_if(doc, "Back at work on", val(s, "ReturnedOn"));
		if (err == STATUS_OK && hdf_get_child(s, "Donations") != NULL) {
			err = pdf_form_table_begin(doc, 7, headers, weights);
			for (HDF *r = hdf_get_child(s, "Donations"); r && err == STATUS_OK; r = hdf_obj_next(r)) {
				const char *cells[7] = { val(r, "ReceivedAt"),  val(r, "Donor"),
							 val(r, "EmployeeId"),  val(r, "Offered"),
							 val(r, "Transferred"), val(r, "Restored"),
							 val(r, "Status") };

				err = pdf_form_table_row(doc, cells);
			}
			if (err == STATUS_OK)
				err = pdf_form_table_end(doc);
		}
	}
	if (d != NULL && err == STATUS_OK) {
		err = pdf_form_section(doc, "To be completed by the payroll officers");
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Recipient", val(d, "Recipient"));
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "Recipient's employee ID", val(d, "RecipientId"));
		if (err == STATUS_OK)
			err = field_if(doc, "Hours transferred", val(d, "Transferred"));
		if (err == STATUS_OK)
			err = field_if(doc, "Hours returned", val(d, "Restored"));
	}
	return nerr_pass(err);
}

static NEOERR *draw_levels(pdf_doc *doc, HDF *req)
{
	static const char *const headers[] = { "Level", "Reviewer", "Role" };
	static const double weights[] = { 0.6, 3, 2 };
	NEOERR *err;

	if (hdf_get_child(req, "Levels") == NULL)
		return STATUS_OK;
	err = pdf_form_section(doc, "Review levels (101 KAR 1:375)");
	if (err == STATUS_OK && strcmp(val(req, "FiledWithSecondLine"), "1") == 0)
		err = pdf_form_paragraph(doc, "In accordance with 101 KAR 1:375, Section 3, the employee chose to file "
					      "this grievance with the second line supervisor.");
	if (err == STATUS_OK && *val(req, "DueOn"))
		err = pdf_form_field(
			doc, status_is(req, "decided") ? "Appeal to the next level by" : "Findings and decision due by",
			val(req, "DueOn"));
	if (err == STATUS_OK)
		err = pdf_form_table_begin(doc, 3, headers, weights);
	for (HDF *l = hdf_get_child(req, "Levels"); l && err == STATUS_OK; l = hdf_obj_next(l)) {
		const char *cells[3] = { val(l, "Level"), val(l, "Name"), val(l, "Kind") };

		err = pdf_form_table_row(doc, cells);
	}
	if (err == STATUS_OK)
		err = pdf_form_table_end(doc);
	return nerr_pass(err);
}

static NEOERR *draw_signatures(pdf_doc *doc, HDF *req)
{
	const char *type = val(req, "Type");
	int employee_signed = 0;
	NEOERR *err = pdf_form_section(doc, "Signatures");

	if (err == STATUS_OK)
		err = pdf_form_paragraph(doc, val(req, "Declaration"));
	for (HDF *s = hdf_get_child(req, "Signatures"); s && err == STATUS_OK; s = hdf_obj_next(s)) {
		char label[200];
		int employee = strcmp(val(s, "Role"), "employee") == 0;

		if (employee) {
			employee_signed = 1;
			snprintf(label, sizeof label, "Signature of %s (typed)", val(s, "Name"));
		} else {
			snprintf(label, sizeof label, "Approved by %s", val(s, "Name"));
		}
		err = pdf_form_signature(doc, label, val(s, "TypedName"), val(s, "SignedAt"));
	}
	if (err == STATUS_OK && !employee_signed)
		err = pdf_form_signature(doc, "Employee signature", NULL, NULL);
	/* Lines still to be signed on paper. */
	if (err == STATUS_OK && status_is(req, "pending") && *val(req, "Assignee.Name")) {
		char label[200];

		snprintf(label, sizeof label, "%s signature (%s)", val(req, "StepKindLabel"),
			 val(req, "Assignee.Name"));
		err = pdf_form_signature(doc, label, NULL, NULL);
	}
	if (err == STATUS_OK && strcmp(type, "board-appeal") == 0) {
		err = pdf_form_signature(doc, "Attorney's signature (if any)", NULL, NULL);
		if (err == STATUS_OK)
			err = pdf_form_paragraph(
				doc, "THIS FORM IS TO BE MAILED OR DELIVERED TO: KENTUCKY PERSONNEL BOARD, "
				     "28 FOUNTAIN PLACE, FRANKFORT, KENTUCKY 40601. Attach a copy of any written "
				     "notice you received relating to this appeal.");
	}
	return nerr_pass(err);
}

NEOERR *formpdf_render(HDF *req, unsigned char **data, size_t *len)
{
	pdf_doc *doc = NULL;
	char ref[300];
	NEOERR *err;

	*data = NULL;
	*len = 0;
	if (req == NULL)
		return nerr_raise(NERR_ASSERT, "formpdf_render: no request");
	if (*val(req, "SubmittedAt"))
		snprintf(ref, sizeof ref, "Request %s \xc2\xb7 filed %s \xc2\xb7 %s", val(req, "Id"),
			 val(req, "SubmittedAt"), val(req, "StatusLabel"));
	else
		snprintf(ref, sizeof ref, "Request %s \xc2\xb7 draft, not submitted", val(req, "Id"));
	err = pdf_form_new(&doc, val(req, "Official"), ref);
	if (err == STATUS_OK)
		err = pdf_form_section(doc, "Employee");
	if (err == STATUS_OK)
		err = pdf_form_field(doc, "Name", val(req, "Owner.Name"));
	if (err == STATUS_OK)
		err = pdf_form_field(doc, "Employee ID", val(req, "Owner.EmployeeId"));
	if (err == STATUS_OK)
		err = pdf_form_field(doc, "Agency", val(req, "Owner.Agency"));
	if (err == STATUS_OK)
		err = pdf_form_field(doc, "Status", val(req, "StatusLabel"));
	if (err == STATUS_OK && *val(req, "Assignee.Name")) {
		char who[300];

		snprintf(who, sizeof who, "%s (%s)", val(req, "Assignee.Name"), val(req, "StepKindLabel"));
		err = pdf_form_field(doc, "Awaiting", who);
	}
	if (err == STATUS_OK)
		err = field_if(doc, "Annual review of this approval due", val(req, "ReviewOn"));
	if (err == STATUS_OK)
		err = draw_fields(doc, req);
	if (err == STATUS_OK)
		err = draw_wizard(doc, req);
	if (err == STATUS_OK)
		err = draw_sharing(doc, req);
	if (err == STATUS_OK)
		err = draw_levels(doc, req);
	if (err == STATUS_OK)
		err = pdf_form_section(doc, "History");
	if (err == STATUS_OK)
		err = pdf_form_history_begin(doc);
	for (HDF *h = hdf_get_child(req, "History"); h && err == STATUS_OK; h = hdf_obj_next(h))
		err = pdf_form_history_row(doc, val(h, "At"), val(h, "Who"), val(h, "Action"), val(h, "Note"));
	if (err == STATUS_OK)
		err = pdf_form_table_end(doc);
	if (err == STATUS_OK)
		err = draw_signatures(doc, req);
	if (err == STATUS_OK)
		err = pdf_finish(doc, data, len);
	pdf_free(doc);
	return nerr_pass(err);
}
