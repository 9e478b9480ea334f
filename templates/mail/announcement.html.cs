<?cs # HTML part of an announcement: the announcement's own HTML (rendered
     from Markdown in safe mode by the portal), everything else escaped. ?><!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title><?cs var:Mail.Title ?></title></head>
<body>
<h1><?cs var:Mail.Title ?></h1>
<?cs uvar:Mail.BodyHtml ?>
<p><a href="<?cs var:Mail.Link ?>">Read it on What's new</a></p>
<p>You receive this because you follow this part of the handbook in the HR portal, or because HR sent
it to your agency. <a href="<?cs var:Mail.Subscriptions ?>">Choose what you follow</a>.</p>
<p>This message was sent by the Kentucky Employee HR Portal. Please do not reply.</p>
</body>
</html>
