<?cs # Plain-text reminder to acknowledge a policy (rendered without escaping). ?>Dear <?cs var:Mail.ToName ?>,

Please read and acknowledge <?cs var:Mail.Section ?> (version <?cs var:Mail.Version ?>) by <?cs var:Mail.Due ?>: <?cs var:Mail.Title ?>.

Acknowledge it in the HR portal (you will be asked to sign in):
<?cs var:Mail.Link ?>

This message was sent by the Kentucky Employee HR Portal. Please do not reply.
