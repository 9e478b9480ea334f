<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Acknowledgement campaigns</h1>
<p class="lead">Ask employees to read a policy and acknowledge it by typing their name.</p>
<?cs if:subcount(Campaigns) > 0 ?>
<table class="data">
<thead><tr><th scope="col">Campaign</th><th scope="col">Section</th><th scope="col">Who</th><th scope="col">Due</th><th scope="col">Acknowledged</th></tr></thead>
<tbody>
<?cs each:c = Campaigns ?><tr<?cs if:c.Overdue && c.Pending > 0 ?> class="overdue"<?cs /if ?>><td><a href="/admin/acknowledgements/<?cs var:c.Id ?>"><?cs var:c.Title ?></a></td>
<td><a href="<?cs var:c.VersionUrl ?>"><?cs var:c.SectionTitle ?></a> (version <?cs var:c.Version ?>)</td><td><?cs var:c.Agencies ?></td>
<td><?cs var:c.Due ?></td><td><?cs var:c.Done ?> of <?cs var:c.Required ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?><p class="meta">No campaign yet.</p><?cs /if ?>
<form class="action-form" method="post" action="<?cs var:Create.Action ?>" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Create.Csrf ?>">
<h2>New campaign</h2>
<div class="field<?cs if:Create.Errors.Section ?> field-error<?cs /if ?>">
<label for="k-section">Section to acknowledge (its newest version)</label>
<?cs if:Create.Errors.Section ?><p class="field-message" id="k-section-error"><?cs var:Create.Errors.Section ?></p><?cs /if ?>
<select id="k-section" name="section"<?cs if:Create.Errors.Section ?> aria-invalid="true" aria-describedby="k-section-error"<?cs /if ?>>
<option value="">Choose...</option>
<?cs each:s = Sections ?><option value="<?cs var:s.Ref ?>"<?cs if:s.Ref == Create.Section ?> selected<?cs /if ?>><?cs var:s.Document ?>: <?cs var:s.Title ?></option><?cs /each ?>
</select>
</div>
<div class="field<?cs if:Create.Errors.Title ?> field-error<?cs /if ?>">
<label for="k-title">Name of the campaign</label>
<?cs if:Create.Errors.Title ?><p class="field-message" id="k-title-error"><?cs var:Create.Errors.Title ?></p><?cs /if ?>
<input id="k-title" name="title" type="text" maxlength="200" value="<?cs var:Create.Title ?>"<?cs if:Create.Errors.Title ?> aria-invalid="true" aria-describedby="k-title-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Create.Errors.Due ?> field-error<?cs /if ?>">
<label for="k-due">Due date</label>
<?cs if:Create.Errors.Due ?><p class="field-message" id="k-due-error"><?cs var:Create.Errors.Due ?></p><?cs /if ?>
<input id="k-due" name="due_on" type="date" value="<?cs var:Create.Due ?>"<?cs if:Create.Errors.Due ?> aria-invalid="true" aria-describedby="k-due-error"<?cs /if ?>>
</div>
<fieldset class="field<?cs if:Create.Errors.Scope ?> field-error<?cs /if ?>">
<legend>Who must acknowledge</legend>
<?cs if:Create.Errors.Scope ?><p class="field-message"><?cs var:Create.Errors.Scope ?></p><?cs /if ?>
<label class="choice"><input type="radio" name="scope" value="all"<?cs if:Create.Scope != "agencies" ?> checked<?cs /if ?>> Every employee</label>
<label class="choice"><input type="radio" name="scope" value="agencies"<?cs if:Create.Scope == "agencies" ?> checked<?cs /if ?>> The employees of these agencies:</label>
<ul class="checks"><?cs each:a = Agencies ?><li><label class="choice"><input type="checkbox" name="agency" value="<?cs var:a ?>"> <?cs var:a ?></label></li><?cs /each ?></ul>
</fieldset>
<div class="form-buttons"><button type="submit">Start the campaign</button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
