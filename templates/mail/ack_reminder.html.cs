<?cs # HTML reminder to acknowledge a policy. Every value is escaped. ?><!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title><?cs var:Mail.Title ?></title></head>
<body>
<p>Dear <?cs var:Mail.ToName ?>,</p>
<p>Please read and acknowledge <strong><?cs var:Mail.Section ?></strong> (version <?cs var:Mail.Version ?>)
by <strong><?cs var:Mail.Due ?></strong>: <?cs var:Mail.Title ?>.</p>
<p><a href="<?cs var:Mail.Link ?>">Acknowledge it in the HR portal</a> (you will be asked to sign in).</p>
<p>This message was sent by the Kentucky Employee HR Portal. Please do not reply.</p>
</body>
</html>
