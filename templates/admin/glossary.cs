<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Edit the glossary</h1>
<p class="lead"><a href="/glossary">Read the glossary</a>.</p>
<form class="action-form" method="post" action="<?cs var:Create.Action ?>" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Create.Csrf ?>">
<h2>Add a term</h2>
<div class="field<?cs if:Create.Errors.Term ?> field-error<?cs /if ?>">
<label for="c-term">Term</label>
<?cs if:Create.Errors.Term ?><p class="field-message" id="c-term-error"><?cs var:Create.Errors.Term ?></p><?cs /if ?>
<input id="c-term" name="term" type="text" maxlength="200" value="<?cs var:Create.Term ?>"<?cs if:Create.Errors.Term ?> aria-invalid="true" aria-describedby="c-term-error"<?cs /if ?>>
</div>
<div class="form-buttons"><button type="submit">Add the term</button></div>
</form>
<table class="data">
<caption>Terms, A to Z</caption>
<thead><tr><th scope="col">Term</th><th scope="col">Versions</th><th scope="col">State</th></tr></thead>
<tbody>
<?cs each:t = Terms ?><tr><td><a href="<?cs var:t.EditUrl ?>"><?cs var:t.Term ?></a></td><td><?cs var:t.Latest ?></td><td><?cs var:t.State ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs /def ?>
<?cs include:"layout.cs" ?>
