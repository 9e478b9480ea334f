#include "forms/formdef.h"

#include <string.h>

#define F(name, label, type, flags, max, options, help, section)                    \
	{                                                                           \
		name, label, type, flags, max, options, help, section, PREFILL_NONE \
	}
#define FP(name, label, type, flags, max, help, section, prefill)           \
	{                                                                   \
		name, label, type, flags, max, NULL, help, section, prefill \
	}
#define REQ FIELD_REQUIRED
#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* ---- Shared option lists ------------------------------------------------ */

const struct form_option formdef_employers[] = {
	{ "18a", "Executive Branch agency covered by KRS Chapter 18A" },
	{ "aoc", "Administrative Office of the Courts" },
	{ "lrc", "Legislative Research Commission" },
	{ "ksp_sworn", "Kentucky State Police, sworn personnel (KRS Chapter 16)" },
	{ "kentucky_retirement_systems", "Kentucky Retirement Systems" },
	{ "ktrs", "Kentucky Teachers' Retirement System" },
	{ "other", "Another employer" },
	{ NULL, NULL },
};

const struct form_option formdef_week_hours[] = {
	{ "37.5", "37.5 hours a week" },
	{ "40", "40 hours a week" },
	{ NULL, NULL },
};

static const struct form_option relations[] = {
	{ "spouse", "Spouse" },
	{ "child", "Son or daughter" },
	{ "parent", "Parent" },
	{ "grandparent", "Grandparent" },
	{ "parent_in_law", "Parent-in-law" },
	{ "sibling", "Brother or sister" },
	{ "next_of_kin", "Next of kin (servicemember care)" },
	{ "other", "Another person" },
	{ NULL, NULL },
};

static const struct form_option conditions[] = {
	{ "self", "Myself" },
	{ "spouse", "My spouse" },
	{ "child", "My son or daughter" },
	{ "parent", "My parent" },
	{ "grandparent", "My grandparent" },
	{ "parent_in_law", "My parent-in-law" },
	{ "sibling", "My brother or sister" },
	{ "other", "Another person" },
	{ NULL, NULL },
};

/* ---- Leave request -------------------------------------------------------- */

static const struct form_option leave_types[] = {
	{ "annual", "Annual (vacation) leave" },
	{ "sick", "Sick leave" },
	{ "compensatory", "Compensatory leave" },
	{ "court", "Court leave (jury duty or subpoena)" },
	{ "military", "Military leave" },
	{ "military_spousal", "Military spousal leave" },
	{ "voting", "Voting leave" },
	{ "blood_donation", "Blood donation leave" },
	{ "bereavement", "Funeral and bereavement leave" },
	{ "adverse_weather", "Adverse weather make-up time" },
	{ "lwop", "Leave without pay" },
	{ NULL, NULL },
};

static const struct form_option bereavement_relations[] = {
	{ "spouse", "Spouse" },
	{ "parent", "Parent" },
	{ "grandparent", "Grandparent" },
	{ "child", "Child" },
	{ "brother", "Brother" },
	{ "sister", "Sister" },
	{ "spouse_of_family", "Spouse of one of those relatives" },
	{ "other_relative", "Another relative of close association" },
	{ NULL, NULL },
};

static const struct form_field leave_fields[] = {
	F("leave_type", "Type of leave", FIELD_SELECT, REQ, 0, leave_types,
	  "Voting and blood donation leave are at most four hours on one day; funeral and bereavement "
	  "leave is five days unless the appointing authority approves more.",
	  "The leave"),
	F("start_date", "First day", FIELD_DATE, REQ, 0, NULL,
	  "For adverse weather make-up time, the first day you will make up the time.", NULL),
	F("end_date", "Last day", FIELD_DATE, REQ, 0, NULL, "The same as the first day for a single day.", NULL),
	F("hours", "Total hours", FIELD_HOURS, REQ, 2000, NULL,
	  "In quarter hours (sick leave is used in 15-minute units), e.g. 7.5 or 3.25.", NULL),
	F("relationship", "Relationship to the person who died", FIELD_SELECT, 0, 0, bereavement_relations,
	  "Funeral and bereavement leave only.", "Only for some types of leave"),
	F("extra_days_requested", "I ask the appointing authority to approve more than five days", FIELD_CHECK, 0, 0,
	  NULL, "Funeral and bereavement leave only; say why under Reason.", NULL),
	F("absence_date", "Date of the weather absence being made up", FIELD_DATE, 0, 0, NULL,
	  "Adverse weather make-up time only: time must be made up within 123 days.", NULL),
	F("reason", "Reason", FIELD_TEXTAREA, 0, 1000, NULL,
	  "Needed for court, military and leave without pay (say what the summons or orders are), for "
	  "more than five bereavement days, and for adverse weather make-up. Do not describe medical "
	  "conditions here.",
	  NULL),
};

/* ---- FMLA ------------------------------------------------------------------ */

static const struct form_option fmla_reasons[] = {
	{ "birth", "Birth of a child and bonding" },
	{ "placement", "Placement of a child for adoption or foster care" },
	{ "family_care", "Care for a family member with a serious health condition" },
	{ "own_health", "My own serious health condition" },
	{ "military_exigency", "A qualifying exigency of a family member's military service" },
	{ "servicemember_care", "Care for a covered servicemember" },
	{ NULL, NULL },
};

static const struct form_option fmla_schedules[] = {
	{ "continuous", "Continuous (one block of time)" },
	{ "intermittent", "Intermittent (separate blocks of time)" },
	{ "reduced", "Reduced schedule (fewer hours a day or week)" },
	{ NULL, NULL },
};

static const struct form_option fmla_paid[] = {
	{ "concurrent", "Use my paid leave at the same time as family and medical leave" },
	{ "consecutive", "Take family and medical leave after my paid leave" },
	{ NULL, NULL },
};

static const struct form_field fmla_fields[] = {
	F("start_date", "First day of leave", FIELD_DATE, REQ, 0, NULL,
	  "Give 30 days' notice when the leave is foreseeable.", "The leave"),
	F("end_date", "Last day of leave (expected)", FIELD_DATE, REQ, 0, NULL, NULL, NULL),
	F("schedule", "Schedule", FIELD_SELECT, REQ, 0, fmla_schedules, NULL, NULL),
	F("reason", "Reason", FIELD_SELECT, REQ, 0, fmla_reasons,
	  "Do not describe a medical condition: a health care provider's certification goes to your "
	  "human resource office.",
	  NULL),
	F("relation", "Who the leave is for", FIELD_SELECT, 0, 0, relations,
	  "For family care, a military exigency or servicemember care.", NULL),
	F("child_age", "The child's age", FIELD_NUMBER, 0, 150, NULL, "For the care of a son or daughter.", NULL),
	F("child_incapable", "The child is 18 or older and incapable of self-care", FIELD_YESNO, 0, 0, NULL, NULL,
	  NULL),
	F("lived_with_30_days", "The person has lived with me for the 30 days before I apply", FIELD_YESNO, 0, 0, NULL,
	  "For a person of similarly close relationship (the state's immediate family member).", NULL),
	F("legally_responsible", "I am legally responsible for the person", FIELD_YESNO, 0, 0, NULL, NULL, NULL),
	F("service_months", "Months of state service", FIELD_NUMBER, REQ, 1200, NULL, "At least 12 months are needed.",
	  "Eligibility"),
	F("hours", "Hours worked or on paid leave in the 12 months before the leave", FIELD_HOURS, REQ, 8784, NULL,
	  "At least 1,250 hours are needed; under state rules paid leave counts.", NULL),
	F("paid_leave_hours", "Of those, hours on paid leave", FIELD_HOURS, 0, 8784, NULL,
	  "Federal law counts only hours worked; the answer shows both.", NULL),
	F("weeks_used", "Weeks of family and medical leave already used this year", FIELD_HOURS, 0, 52, NULL, NULL,
	  NULL),
	F("spouse_state_employee", "My spouse is also employed by the Executive Branch", FIELD_YESNO, 0, 0, NULL, NULL,
	  NULL),
	F("paid_leave", "Paid leave", FIELD_SELECT, REQ, 0, fmla_paid, NULL, "Your choices"),
	F("reserve_sick_days", "Days of sick leave to keep in reserve", FIELD_NUMBER, 0, 10, NULL,
	  "You may keep up to 10 days of sick leave.", NULL),
};

/* ---- Leave sharing ---------------------------------------------------------- */

static const struct form_option losses[] = {
	{ "natural_disaster", "A natural disaster" },
	{ "fire", "A fire" },
	{ "other", "Something else" },
	{ NULL, NULL },
};

static const struct form_field sick_sharing_fields[] = {
	F("employer", "Employer", FIELD_SELECT, REQ, 0, formdef_employers, NULL, "Eligibility"),
	F("active", "I am in active, paid status", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("condition_of", "Whose condition causes the leave", FIELD_SELECT, REQ, 0, conditions,
	  "Do not describe the condition: the medical certificate goes to your human resource office.", NULL),
	F("lived_with_30_days", "The person has lived with me for the 30 days before I apply", FIELD_YESNO, 0, 0, NULL,
	  "For a person of similarly close relationship.", NULL),
	F("legally_responsible", "I am legally responsible for the person", FIELD_YESNO, 0, 0, NULL, NULL, NULL),
	F("certified", "The need is certified by a licensed physician or APRN", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("consecutive_days", "Consecutive working days of leave it has caused or is likely to cause", FIELD_NUMBER,
	  REQ, 366, NULL, "At least 10 are needed.", NULL),
	F("paid_leave_exhausted", "I have used all my paid leave", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("complied", "I have followed the rules on using sick leave", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("workers_comp", "I receive workers' compensation benefits", FIELD_YESNO, 0, 0, NULL, NULL, NULL),
	F("hours_requested", "Hours of donated sick leave requested", FIELD_HOURS, REQ, 5000, NULL,
	  "Donations never exceed what you request and what is certified.", "The request"),
	F("week_hours", "My regular work week", FIELD_SELECT, REQ, 0, formdef_week_hours, NULL, NULL),
	F("start_date", "First day of the leave", FIELD_DATE, REQ, 0, NULL, NULL, NULL),
	F("expected_return", "Expected return to work", FIELD_DATE, 0, 0, NULL, NULL, NULL),
};

static const struct form_field annual_sharing_fields[] = {
	F("employer", "Employer", FIELD_SELECT, REQ, 0, formdef_employers,
	  "Only employees covered by KRS Chapter 18A take part in annual leave sharing.", "Eligibility"),
	F("active", "I am in active, paid status", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("loss", "Cause of the catastrophic loss to my personal property", FIELD_SELECT, REQ, 0, losses, NULL, NULL),
	F("event_date", "Date of the loss", FIELD_DATE, REQ, 0, NULL, NULL, NULL),
	F("consecutive_days", "Consecutive working days of leave it has caused or is likely to cause", FIELD_NUMBER,
	  REQ, 366, NULL, "At least 10 are needed.", NULL),
	F("paid_leave_exhausted", "I have used all my annual and compensatory leave", FIELD_YESNO, REQ, 0, NULL, NULL,
	  NULL),
	F("complied", "I have followed the rules on using annual leave", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("hours_requested", "Hours of donated annual leave requested", FIELD_HOURS, REQ, 200, NULL,
	  "At most 200 hours for each qualifying event.", "The request"),
	F("week_hours", "My regular work week", FIELD_SELECT, REQ, 0, formdef_week_hours, NULL, NULL),
	F("start_date", "First day of the leave", FIELD_DATE, REQ, 0, NULL, NULL, NULL),
	F("expected_return", "Expected return to work", FIELD_DATE, 0, 0, NULL, NULL, NULL),
};

static const struct form_field donation_fields[] = {
	F("recipient_employee_id", "Recipient's employee ID", FIELD_EMPLOYEE_ID, REQ, 0, NULL,
	  "The recipient must have an approved leave sharing application. Never enter a Social Security number.",
	  "The donation"),
	F("donate", "Hours to donate", FIELD_HOURS, REQ, 5000, NULL,
	  "At least 7.5 hours (8 when the recipient works 40 hours a week); never more than the recipient still needs.",
	  NULL),
	F("balance", "My current balance of this leave, in hours", FIELD_HOURS, REQ, 100000, NULL,
	  "You must have more than 75 hours, and keep at least 75 after donating.", "The donor"),
	F("employer", "Employer", FIELD_SELECT, REQ, 0, formdef_employers, NULL, NULL),
	F("active", "I am in active, paid status", FIELD_YESNO, REQ, 0, NULL, NULL, NULL),
	F("certify",
	  "This donation is given without expectation or promise for any purpose other than "
	  "that authorized by law",
	  FIELD_CHECK, REQ, 0, NULL, "KRS 18A.197 (sick leave) or KRS 18A.203 (annual leave).", NULL),
};

/* ---- Grievance ------------------------------------------------------------------ */

static const struct form_field grievance_fields[] = {
	F("job_classification", "Job classification", FIELD_TEXT, REQ, 120, NULL, NULL, "About you"),
	F("department", "Department", FIELD_TEXT, 0, 120, NULL, NULL, NULL),
	F("division", "Division", FIELD_TEXT, 0, 120, NULL, NULL, NULL),
	F("branch", "Branch", FIELD_TEXT, 0, 120, NULL, NULL, NULL),
	F("work_location", "Work location", FIELD_TEXT, 0, 120, NULL, NULL, NULL),
	F("work_phone", "Work phone", FIELD_PHONE, 0, 0, NULL, NULL, NULL),
	F("occurred_on", "Date the event happened or you became aware of it", FIELD_DATE, REQ, 0, NULL,
	  "A grievance is filed within 30 days of the event.", "The grievance"),
	F("subject_is_supervisor", "My immediate supervisor's action or conduct is the subject of this grievance",
	  FIELD_YESNO, REQ, 0, NULL,
	  "If yes, the grievance is filed with your second-line supervisor (101 KAR 1:375, Section 3).", NULL),
	F("statement", "What is your grievance?", FIELD_TEXTAREA, REQ, 8000, NULL,
	  "State the facts and be specific about the date, place and people involved.", NULL),
	F("remedy", "What specific solution do you recommend?", FIELD_TEXTAREA, REQ, 4000, NULL, NULL, NULL),
	F("discrimination", "The grievance alleges discrimination", FIELD_YESNO, 0, 0, NULL,
	  "If yes, the agency's EEO coordinator is told at once.", NULL),
	F("representative", "Representative (if any)", FIELD_TEXT, 0, 200, NULL,
	  "You may have a representative at each step.", NULL),
};

/* ---- Outside employment ----------------------------------------------------------- */

static const struct form_field outside_fields[] = {
	F("job_title", "My job title", FIELD_TEXT, REQ, 120, NULL, NULL, "About you"),
	F("division", "Division or branch", FIELD_TEXT, 0, 120, NULL, NULL, NULL),
	F("employer_name", "Name of the outside employer", FIELD_TEXT, REQ, 200, NULL, NULL, "The outside employer"),
	F("employer_address", "Business address", FIELD_TEXTAREA, REQ, 500, NULL, NULL, NULL),
	F("business_type", "Type of business", FIELD_TEXT, REQ, 200, NULL, NULL, NULL),
	F("owner_name", "Name of the owner", FIELD_TEXT, 0, 200, NULL, NULL, NULL),
	F("relationship", "Business or regulatory relationship between the employer and my agency", FIELD_TEXTAREA, REQ,
	  2000, NULL, "Write \"None\" if there is none.", "The work"),
	F("separation", "What separates my state job from my agency's decisions about this employer", FIELD_TEXTAREA,
	  REQ, 2000, NULL, NULL, NULL),
	F("description", "Description of the outside work (days and hours)", FIELD_TEXTAREA, REQ, 2000, NULL, NULL,
	  NULL),
	F("term_from", "From", FIELD_DATE, REQ, 0, NULL, "Approval is reviewed every year.", NULL),
	F("term_to", "To (if it ends)", FIELD_DATE, 0, 0, NULL, NULL, NULL),
	F("not_involved",
	  "I am not involved in my agency's decisions concerning this employer; if that changes "
	  "I will tell the ethics officer at once and avoid any conflict of interest",
	  FIELD_CHECK, REQ, 0, NULL, NULL, NULL),
};

/* ---- Personnel Board appeal -------------------------------------------------------- */

static const struct form_option appellant_status[] = {
	{ "classified", "Classified employee" },
	{ "unclassified", "Unclassified employee" },
	{ "applicant", "Applicant for employment" },
	{ "eligible", "Eligible on register" },
	{ NULL, NULL },
};

static const struct form_field appeal_fields[] = {
	FP("last_name", "Last name", FIELD_TEXT, REQ, 80, NULL, "Name", PREFILL_LAST_NAME),
	FP("first_name", "First name", FIELD_TEXT, REQ, 80, NULL, NULL, PREFILL_FIRST_NAME),
	F("middle_name", "Middle name", FIELD_TEXT, 0, 80, NULL, NULL, NULL),
	F("maiden_name", "Maiden name", FIELD_TEXT, 0, 80, NULL, NULL, NULL),
	F("home_street", "Street", FIELD_TEXT, REQ, 200, NULL, NULL, "Home address"),
	F("home_city", "City", FIELD_TEXT, REQ, 80, NULL, NULL, NULL),
	F("home_state", "State", FIELD_STATE, REQ, 0, NULL, "Two letters, e.g. KY.", NULL),
	F("home_zip", "ZIP code", FIELD_ZIP, REQ, 0, NULL, NULL, NULL),
	F("home_phone", "Home phone", FIELD_PHONE, 0, 0, NULL, NULL, NULL),
	F("work_street", "Street", FIELD_TEXT, 0, 200, NULL, NULL, "Work station"),
	F("work_city", "City", FIELD_TEXT, 0, 80, NULL, NULL, NULL),
	F("work_state", "State", FIELD_STATE, 0, 0, NULL, NULL, NULL),
	F("work_zip", "ZIP code", FIELD_ZIP, 0, 0, NULL, NULL, NULL),
	F("work_phone", "Work station phone", FIELD_PHONE, 0, 0, NULL, NULL, NULL),
	FP("agency", "Cabinet or agency", FIELD_TEXT, REQ, 200, NULL, "Employment", PREFILL_AGENCY),
	FP("appointing_authority", "Name of appointing authority", FIELD_TEXT, 0, 200, NULL, NULL,
	   PREFILL_AUTHORITY_NAME),
	F("appellant_status", "I am a", FIELD_SELECT, REQ, 0, appellant_status, NULL, NULL),
	F("attorney", "Represented by an attorney", FIELD_YESNO, REQ, 0, NULL, NULL, "Representation"),
	F("attorney_details", "Attorney's name, address and phone", FIELD_TEXTAREA, 0, 600, NULL, NULL, NULL),
	F("action_dismissal", "Dismissal", FIELD_CHECK, 0, 0, NULL, NULL, "I am appealing the following actions"),
	F("action_demotion", "Demotion", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_suspension", "Suspension", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_fine", "Disciplinary fine", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_transfer", "Involuntary transfer", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_layoff", "Layoff", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_evaluation", "Employee evaluation", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_reallocation", "Reallocation", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_reclassification", "Reclassification", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_rejection", "Applicant rejection", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_removal", "Removal from register", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("action_records", "Denied, abridged or impeded right to inspect or copy records", FIELD_CHECK, 0, 0, NULL,
	  NULL, NULL),
	F("action_discrimination", "Discrimination", FIELD_CHECK, 0, 0, NULL, "Tick the grounds below.", NULL),
	F("disc_race", "Race", FIELD_CHECK, 0, 0, NULL, NULL, "Grounds of discrimination"),
	F("disc_color", "Color", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("disc_religion", "Religion", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("disc_ethnic_origin", "Ethnic origin", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("disc_sex", "Sex", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("disc_disability", "Disability", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("disc_political", "Political", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("disc_age", "Age (over 40)", FIELD_CHECK, 0, 0, NULL, NULL, NULL),
	F("other_penalization", "Other penalization (specify)", FIELD_TEXT, 0, 300, NULL, NULL, NULL),
	F("statement", "Statement", FIELD_TEXTAREA, REQ, 8000, NULL,
	  "Classified employees, eligibles and applicants: a short, plain and concise statement of the facts "
	  "of the action you appeal. Unclassified employees: the reason or cause given for the dismissal or "
	  "other penalization.",
	  "Statement"),
	F("notice_date", "Date you received notice of the action", FIELD_DATE, REQ, 0, NULL,
	  "Attach a copy of any written notice when you file the form with the Board.", NULL),
};

/* ---- Policy acknowledgements ---------------------------------------------------------- */

static const struct form_field confidentiality_fields[] = {
	F("division", "Division", FIELD_TEXT, REQ, 120, NULL, NULL, "About you"),
	F("work_location", "Work location", FIELD_TEXT, REQ, 120, NULL, NULL, NULL),
	FP("supervisor_name", "Supervisor", FIELD_TEXT, 0, 128, NULL, NULL, PREFILL_SUPERVISOR_NAME),
	F("agree",
	  "I have read and understand this agreement and the policies it incorporates, and I agree to "
	  "abide by them",
	  FIELD_CHECK, REQ, 0, NULL, NULL, "Agreement"),
};

static const struct form_field tobacco_fields[] = {
	F("work_location", "Work location", FIELD_TEXT, 0, 120, NULL, NULL, "About you"),
	F("agree", "I acknowledge the Executive Branch tobacco-free policy (Executive Order 2014-747)", FIELD_CHECK,
	  REQ, 0, NULL, NULL, "Acknowledgement"),
};

/* ---- The forms -------------------------------------------------------------------------- */

static const struct form_def forms[] = {
	{ "leave", "Leave request", "Request for Leave",
	  "Annual, sick, compensatory, court, military, voting, blood donation, bereavement, adverse weather "
	  "make-up and leave without pay.",
	  "Ask your supervisor's approval for leave. The portal checks the limits the handbook sets for each "
	  "type of leave.",
	  "leave", "I request the leave described above and certify that the information is true.", CHAIN_SUPERVISOR,
	  REQUEST_STATUS_NONE, 0, NULL, leave_fields, COUNT(leave_fields), 0 },
	{ "fmla", "Family and medical leave (FMLA) request", "Request for Family and Medical Leave",
	  "Job-protected leave for your own or a family member's serious health condition, a new child, or "
	  "military family needs.",
	  "The portal checks your eligibility with the handbook's rules (12 months of service and 1,250 hours) "
	  "and keeps the answer with the request. Started from the FMLA wizard, the form carries the wizard's answers.",
	  "family-and-medical-leave-act-fmla",
	  "I request family and medical leave as described above and certify that the information is true.",
	  CHAIN_SUPERVISOR, REQUEST_STATUS_NONE, 0, "fmla", fmla_fields, COUNT(fmla_fields), 1 },
	{ "sick-leave-sharing", "Sick leave sharing application", "Application for Sick Leave Sharing",
	  "Ask to receive sick leave donated by other employees during a prolonged illness or injury.",
	  "For a medically certified condition of yours or an immediate family member that keeps you from work "
	  "for at least 10 consecutive working days, after all your paid leave is used.",
	  "leave-sharing-programs",
	  "I apply to receive donated sick leave under KRS 18A.197 and 101 KAR 2:105 and certify that the "
	  "information is true.",
	  CHAIN_SUPERVISOR_AUTHORITY, REQUEST_STATUS_NONE, 0, "leave-sharing", sick_sharing_fields,
	  COUNT(sick_sharing_fields), 1 },
	{ "sick-leave-donation", "Sick leave donation", "Sick Leave Donation Form",
	  "Donate some of your sick leave to an employee whose application was approved.",
	  "You must have more than 75 hours of sick leave and keep at least 75 after donating; the least you may "
	  "give is 7.5 hours (8 when the recipient works 40 hours a week).",
	  "leave-sharing-programs",
	  "I hereby certify that this donation is given without expectation or promise for any purpose other "
	  "than that authorized by KRS 18A.197.",
	  CHAIN_SUPERVISOR_AUTHORITY, REQUEST_STATUS_NONE, 0, NULL, donation_fields, COUNT(donation_fields), 0 },
	{ "annual-leave-sharing", "Annual leave sharing application", "Application for Annual Leave Sharing",
	  "Ask to receive annual leave donated by other employees after a catastrophic loss by disaster or fire.",
	  "For a catastrophic loss to your personal property by a natural disaster or fire that keeps you from "
	  "work for at least 10 consecutive working days; at most 200 hours for each event.",
	  "leave-sharing-programs",
	  "I apply to receive donated annual leave under KRS 18A.203 and 101 KAR 2:106 and certify that the "
	  "information is true.",
	  CHAIN_SUPERVISOR_AUTHORITY, REQUEST_STATUS_NONE, 0, "leave-sharing", annual_sharing_fields,
	  COUNT(annual_sharing_fields), 0 },
	{ "annual-leave-donation", "Annual leave donation", "Annual Leave Donation Form",
	  "Donate some of your annual leave to an employee whose application was approved.",
	  "You must have more than 75 hours of annual leave and keep at least 75 after donating.",
	  "leave-sharing-programs",
	  "I hereby certify that this donation is given without expectation or promise for any purpose other "
	  "than that authorized by KRS 18A.203.",
	  CHAIN_SUPERVISOR_AUTHORITY, REQUEST_STATUS_NONE, 0, NULL, donation_fields, COUNT(donation_fields), 0 },
	{ "grievance", "Grievance", "Grievance Form",
	  "A complaint about a term or condition of employment your agency controls (101 KAR 1:375).",
	  "A grievance must be filed within thirty (30) days of the occurrence or discovery of the event. "
	  "Filing a grievance does not extend the time to appeal to the Personnel Board. What you write here "
	  "is read in the portal only; email never carries it.",
	  "grievances", "I file this grievance under 101 KAR 1:375 and certify that the information is true.",
	  CHAIN_GRIEVANCE, REQUEST_STATUS_NONE, 1, NULL, grievance_fields, COUNT(grievance_fields), 1 },
	{ "outside-employment", "Outside employment request", "Application for Approval of Outside Employment",
	  "Ask your appointing authority to approve off-duty employment.",
	  "Your supervisor coordinates the request and your appointing authority decides. An approval is "
	  "reviewed every year.",
	  "ethics-code-for-the-executive-branch",
	  "I request approval of the off-duty employment described above and certify that the information is true.",
	  CHAIN_SUPERVISOR_AUTHORITY, REQUEST_STATUS_NONE, 0, NULL, outside_fields, COUNT(outside_fields), 0 },
	{ "board-appeal", "Kentucky Personnel Board appeal", "Kentucky Personnel Board Appeal Form",
	  "Prepare the Board's appeal form for a dismissal, suspension, demotion or other penalization.",
	  "The portal records your appeal and produces the official form as a document: print it, sign it, "
	  "and mail or deliver it to the Kentucky Personnel Board, 28 Fountain Place, Frankfort, Kentucky 40601. "
	  "Time limits vary from 30 days to one year (KRS 18A.095).",
	  "appeals-to-the-personnel-board",
	  "This appeal to the Kentucky Personnel Board is hereby filed pursuant to the provisions of KRS Chapter 18A.",
	  CHAIN_NONE, REQUEST_FILED, 1, NULL, appeal_fields, COUNT(appeal_fields), 0 },
	{ "confidentiality-agreement", "Confidentiality and acceptable use agreement",
	  "Employee Confidentiality/Security Internet and Electronic Mail Acceptable Use Agreement",
	  "Acknowledge the confidentiality, security and acceptable use agreement.",
	  "You will have access to confidential information to do your job. You agree not to disclose it "
	  "without consent, never to let anyone use your user ID and password, not to install equipment or "
	  "software without permission, to use and disclose health information only as HIPAA allows, and to "
	  "follow policies CIO-060 and CIO-072, KRS 434.840 and 45 CFR Part 164. Misuse can lead to "
	  "disciplinary action up to and including dismissal (KRS 18A, 101 KAR 1:345).",
	  "use-of-information-technology-resources",
	  "With my signature I acknowledge it is my responsibility to comply with this agreement and to keep "
	  "confidential all information entrusted to me during and after my employment.",
	  CHAIN_NONE, REQUEST_ACKNOWLEDGED, 0, NULL, confidentiality_fields, COUNT(confidentiality_fields), 0 },
	{ "tobacco-free", "Tobacco-free policy acknowledgement", "Tobacco-Free Policy Acknowledgement",
	  "Acknowledge the Executive Branch tobacco-free policy.",
	  "Since November 20, 2014 (Executive Order 2014-747) the use of tobacco, any tobacco product and any "
	  "electronic cigarette or vaping device is prohibited on all properties owned, leased or contracted for "
	  "use by the Executive Branch, including buildings, land and vehicles. All employees sign an "
	  "acknowledgement of this policy.",
	  "tobacco-free-policy", "I acknowledge that I have read the tobacco-free policy and will comply with it.",
	  CHAIN_NONE, REQUEST_ACKNOWLEDGED, 0, NULL, tobacco_fields, COUNT(tobacco_fields), 0 },
};

const struct form_def *formdef_all(size_t *count)
{
	*count = COUNT(forms);
	return forms;
}

const struct form_def *formdef_find(const char *key)
{
	if (key == NULL)
		return NULL;
	for (size_t i = 0; i < COUNT(forms); i++)
		if (strcmp(forms[i].key, key) == 0)
			return &forms[i];
	return NULL;
}

const struct form_field *formdef_field(const struct form_def *def, const char *name)
{
	for (size_t i = 0; i < def->n_fields; i++)
		if (strcmp(def->fields[i].name, name) == 0)
			return &def->fields[i];
	return NULL;
}

const char *formdef_option_label(const struct form_field *f, const char *value)
{
	if (f->options == NULL || value == NULL)
		return NULL;
	for (const struct form_option *o = f->options; o->value; o++)
		if (strcmp(o->value, value) == 0)
			return o->label;
	return NULL;
}

const char *formdef_display(const struct form_field *f, const char *value)
{
	const char *label;

	if (value == NULL)
		return "";
	switch (f->type) {
	case FIELD_SELECT:
		label = formdef_option_label(f, value);
		return label ? label : value;
	case FIELD_YESNO:
		return strcmp(value, "1") == 0 ? "Yes" : strcmp(value, "0") == 0 ? "No" : value;
	case FIELD_CHECK:
		return strcmp(value, "1") == 0 ? "Yes" : "";
	default:
		return value;
	}
}
