<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Edit: <?cs var:Document.Title ?></h1>
<p class="lead">Choose a section to edit, move or retire it, or add a new one.
<a href="/<?cs var:Document.Slug ?>">Read the document</a>.</p>
<table class="data admin-toc">
<caption>Sections in document order</caption>
<thead><tr><th scope="col">Section</th><th scope="col">Kind</th><th scope="col">Versions</th><th scope="col">State</th></tr></thead>
<tbody>
<?cs each:r = Rows ?><tr><td class="depth-<?cs var:r.Depth ?>"><a href="<?cs var:r.EditUrl ?>"><?cs var:r.Title ?></a></td>
<td><?cs var:r.Kind ?></td><td><?cs var:r.Latest ?></td><td><?cs var:r.State ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<form class="action-form" method="post" action="<?cs var:Create.Action ?>" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Create.Csrf ?>">
<h2>Add a section</h2>
<p class="meta">It stays hidden until you publish its first version.</p>
<div class="field<?cs if:Create.Errors.Title ?> field-error<?cs /if ?>">
<label for="c-title">Title</label>
<?cs if:Create.Errors.Title ?><p class="field-message" id="c-title-error"><?cs var:Create.Errors.Title ?></p><?cs /if ?>
<input id="c-title" name="title" type="text" maxlength="200" value="<?cs var:Create.Title ?>"<?cs if:Create.Errors.Title ?> aria-invalid="true" aria-describedby="c-title-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Create.Errors.Slug ?> field-error<?cs /if ?>">
<label for="c-slug">Address (optional: made from the title)</label>
<?cs if:Create.Errors.Slug ?><p class="field-message" id="c-slug-error"><?cs var:Create.Errors.Slug ?></p><?cs /if ?>
<input id="c-slug" name="slug" type="text" maxlength="80" value="<?cs var:Create.Slug ?>"<?cs if:Create.Errors.Slug ?> aria-invalid="true" aria-describedby="c-slug-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Create.Errors.Place ?> field-error<?cs /if ?>">
<label for="c-place">Place</label>
<?cs if:Create.Errors.Place ?><p class="field-message" id="c-place-error"><?cs var:Create.Errors.Place ?></p><?cs /if ?>
<select id="c-place" name="place"><?cs each:p = Places ?><option value="<?cs var:p.Value ?>"><?cs var:p.Label ?></option><?cs /each ?></select>
</div>
<div class="form-buttons"><button type="submit">Add the section</button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
