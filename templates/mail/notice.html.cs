<?cs # HTML part of every workflow email. Every value is escaped. ?><!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title><?cs var:Mail.What ?></title></head>
<body>
<p>Dear <?cs var:Mail.ToName ?>,</p>
<p><?cs if:Mail.Kind == "request_submitted" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) submitted a <?cs var:Mail.What ?> that awaits your decision.<?cs
elif:Mail.Kind == "grievance_filed" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) filed a grievance with you. Your written findings and decision are due by <strong><?cs var:Mail.Due ?></strong>.<?cs
elif:Mail.Kind == "grievance_escalated" ?>A grievance from <?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) is now at review level <?cs var:Mail.Level ?>, with you. Your written findings and decision are due by <strong><?cs var:Mail.Due ?></strong>.<?cs
elif:Mail.Kind == "grievance_overdue" ?>The appointing authority's deadline on a grievance from <?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) has passed without a determination.<?cs
elif:Mail.Kind == "grievance_decided" ?>A decision was made on your grievance<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>. You may accept it or take it to the next level by <strong><?cs var:Mail.Due ?></strong>.<?cs
elif:Mail.Kind == "hr_notice" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) filed a <?cs var:Mail.What ?>.<?cs
elif:Mail.Kind == "request_approved" ?>Your <?cs var:Mail.What ?> was approved<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>.<?cs
elif:Mail.Kind == "request_denied" ?>Your <?cs var:Mail.What ?> was denied<?cs if:Mail.Actor ?> by <?cs var:Mail.Actor ?><?cs /if ?>. The reason is on the request in the portal.<?cs
elif:Mail.Kind == "request_withdrawn" ?><?cs var:Mail.Who ?> (employee ID <?cs var:Mail.EmployeeId ?>) withdrew a <?cs var:Mail.What ?>. Nothing more is needed from you.<?cs
elif:Mail.Kind == "leave_restored" ?><?cs var:Mail.Hours ?> hours of the leave you donated were returned to you, because the recipient is back at work.<?cs
/if ?></p>
<table>
<tr><th scope="row">Request</th><td><?cs var:Mail.What ?> (number <?cs var:Mail.Id ?>)</td></tr>
<?cs if:Mail.Dates ?><tr><th scope="row">Dates</th><td><?cs var:Mail.Dates ?></td></tr><?cs /if ?>
</table>
<p><a href="<?cs var:Mail.Link ?>">Read it in the HR portal</a> (you will be asked to sign in).</p>
<p>This message was sent by the Kentucky Employee HR Portal. Please do not reply.</p>
</body>
</html>
