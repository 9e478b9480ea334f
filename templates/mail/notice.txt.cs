<?cs # Plain-text part of every workflow email (rendered without escaping).
     Only who, what kind, dates and the link: never a request's free text. ?>Dear <?cs var:Mail.ToName ?>,

<?cs if:Mail.Kind == "request_submitted" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) submitted a <?cs var:Mail.What ?> that awaits your decision.
<?cs elif:Mail.Kind == "grievance_filed" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) filed a grievance with you. Your written findings and decision are due by <?cs var:Mail.Due ?>.
<?cs elif:Mail.Kind == "grievance_escalated" ?>A grievance from <?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) is now at review level <?cs var:Mail.Level ?>, with you. Your written findings and decision are due by <?cs var:Mail.Due ?>.
<?cs elif:Mail.Kind == "grievance_overdue" ?>The appointing authority's deadline on a grievance from <?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) has passed without a determination.
<?cs elif:Mail.Kind == "grievance_decided" ?>A decision was made on your grievance<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>. You may accept it or take it to the next level by <?cs var:Mail.Due ?>.
<?cs elif:Mail.Kind == "hr_notice" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) filed a <?cs var:Mail.What ?>.
<?cs elif:Mail.Kind == "request_approved" ?>Your <?cs var:Mail.What ?> was approved<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>.
<?cs elif:Mail.Kind == "request_denied" ?>Your <?cs var:Mail.What ?> was denied<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>. The reason is on the request in the portal.
<?cs elif:Mail.Kind == "request_withdrawn" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) withdrew a <?cs var:Mail.What ?>. Nothing more is needed from you.
<?cs elif:Mail.Kind == "leave_restored" ?><?cs var:Mail.Hours ?> hours of the leave you donated were returned to you, because the recipient is back at work.
<?cs /if ?>
Request: <?cs var:Mail.What ?> (number <?cs var:Mail.Id ?>)
<?cs if:Mail.Dates ?>Dates: <?cs var:Mail.Dates ?>
<?cs /if ?>
Read it in the HR portal (you will be asked to sign in):
<?cs var:Mail.Link ?>

This message was sent by the Kentucky Employee HR Portal. Please do not reply.
