<?cs # Plain-text part of every workflow email (rendered without escaping).
     Only who, what kind, dates and the link: never a request's free text. ?>Dear <?cs var:Mail.ToName ?>,

<?cs if:Mail.Kind == "request_submitted" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) submitted a <?cs var:Mail.What ?> that awaits your decision.
<?cs elif:Mail.Kind == "grievance_filed" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) filed a grievance with you. Your written findings and decision are due by <?cs var:Mail.Due ?>.
<?cs elif:Mail.Kind == "grievance_escalated" ?>A grievance from <?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) is now at review level <?cs var:Mail.Level ?>, with you. Your written findings and decision are due by <?cs var:Mail.Due ?>.
<?cs elif:Mail.Kind == "grievance_overdue" ?>The appointing authority's deadline on a grievance from <?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) has passed without a determination.
<?cs elif:Mail.Kind == "grievance_decided" ?>A decision was made on your grievance<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>. You may accept it or take it to the next level by <?cs var:Mail.Due ?>.
<?cs elif:Mail.Kind == "request_received" ?>The portal received your <?cs var:Mail.What ?>, signed and submitted. <?cs if:Mail.With ?>It is now with <?cs var:Mail.With ?><?cs if:Mail.Due ?>, who is to answer by <?cs var:Mail.Due ?><?cs else ?> for a decision<?cs /if ?>. You will get an email when it is decided.<?cs elif:Mail.Type == "board-appeal" ?>The portal recorded it and human resources has been told, but the appeal counts only when the Kentucky Personnel Board receives it: print the form from the request page, sign it, and mail or deliver it to the Kentucky Personnel Board, 28 Fountain Place, Frankfort, Kentucky 40601, within the time KRS 18A.095 sets.<?cs elif:Mail.Status == "filed" ?>It is filed, and human resources has been told.<?cs else ?>It is recorded; nothing more is needed from you.<?cs /if ?> Keep this message as your receipt.
<?cs elif:Mail.Kind == "hr_notice" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) filed a <?cs var:Mail.What ?>.
<?cs elif:Mail.Kind == "request_approved" ?>Your <?cs var:Mail.What ?> was approved<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>.<?cs if:Mail.Note ?>

Note from <?cs alt:Mail.Actor ?>the approver<?cs /alt ?>:
<?cs var:Mail.Note ?><?cs elif:Mail.Private ?> Any note is on the request in the portal.<?cs /if ?>
<?cs elif:Mail.Kind == "request_denied" ?>Your <?cs var:Mail.What ?> was denied<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>.<?cs if:Mail.Note ?>

Reason given:
<?cs var:Mail.Note ?><?cs else ?> The reason is on the request in the portal.<?cs /if ?>

What you can do next: <?cs if:Mail.GrievanceBy ?>if you disagree, you may file a grievance with your immediate supervisor within 30 days, that is by <?cs var:Mail.GrievanceBy ?> (classified service; 101 KAR 1:375; Employee Handbook, "Grievances"). The grievance form:
<?cs var:Mail.GrievanceLink ?><?cs elif:Mail.BoardLink ?>this decision is final within your agency. If it penalizes you (a dismissal, demotion, suspension or other penalization), you may appeal to the Kentucky Personnel Board within the time KRS 18A.095 sets (Employee Handbook, "Appeals to the Personnel Board"). The appeal form:
<?cs var:Mail.BoardLink ?><?cs else ?>ask human resources.<?cs /if ?>
<?cs elif:Mail.Kind == "request_withdrawn" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) withdrew a <?cs var:Mail.What ?>. Nothing more is needed from you.
<?cs elif:Mail.Kind == "leave_restored" ?><?cs var:Mail.Hours ?> hours of the leave you donated were returned to you, because the recipient is back at work.
<?cs /if ?>
Request: <?cs var:Mail.What ?> (number <?cs var:Mail.Id ?>)
<?cs if:Mail.Dates ?>Dates: <?cs var:Mail.Dates ?>
<?cs /if ?>
Read it in the HR portal (you will be asked to sign in):
<?cs var:Mail.Link ?>

This message was sent by the Kentucky Employee HR Portal. Please do not reply.
