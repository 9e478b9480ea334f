<?cs def:content() ?>
<h1><?cs var:Error.Title ?></h1>
<p class="error-message"><?cs var:Error.Message ?></p>
<p>Error <?cs var:Error.Status ?>. You can go to the <a href="/">home page</a>, read the
<a href="/handbook">Employee Handbook</a>, or search it:</p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
