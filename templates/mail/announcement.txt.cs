<?cs # Plain-text part of an announcement (rendered without escaping). ?><?cs var:Mail.Title ?>

<?cs var:Mail.Text ?>

Read it on What's new:
<?cs var:Mail.Link ?>

You receive this because you follow this part of the handbook in the HR portal,
or because HR sent it to your agency. Choose what you follow:
<?cs var:Mail.Subscriptions ?>

This message was sent by the Kentucky Employee HR Portal. Please do not reply.
