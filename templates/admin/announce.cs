<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>New announcement: <?cs var:Announce.TemplateName ?></h1>
<p class="lead">It appears on <a href="/whats-new">What's new</a> and in its feed, and is emailed to the
people you choose. Other templates: <?cs each:t = Templates ?><a href="/admin/announcements/new?template=<?cs var:t.Slug ?>"><?cs var:t.Name ?></a><?cs if:!last(t) ?>, <?cs /if ?><?cs /each ?>.</p>
<?cs if:Announce.Errors.Template ?><div class="error-summary" role="alert"><p><?cs var:Announce.Errors.Template ?></p></div><?cs /if ?>
<?cs if:Preview.BodyHtml ?>
<section class="preview-box" aria-labelledby="preview-title">
<h2 id="preview-title">Preview</h2>
<article class="announcement">
<h3><?cs var:Preview.Title ?></h3>
<?cs uvar:Preview.BodyHtml ?>
</article>
</section>
<?cs /if ?>
<form class="request-form" method="post" action="<?cs var:Announce.Action ?>" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Announce.Csrf ?>">
<input type="hidden" name="template" value="<?cs var:Announce.Template ?>">
<div class="field<?cs if:Announce.Errors.Title ?> field-error<?cs /if ?>">
<label for="a-title">Title</label>
<?cs if:Announce.Errors.Title ?><p class="field-message" id="a-title-error"><?cs var:Announce.Errors.Title ?></p><?cs /if ?>
<input id="a-title" name="title" type="text" maxlength="200" value="<?cs var:Announce.Title ?>"<?cs if:Announce.Errors.Title ?> aria-invalid="true" aria-describedby="a-title-error"<?cs /if ?>>
</div>
<?cs each:f = Announce.Fields ?>
<div class="field<?cs if:f.Error ?> field-error<?cs /if ?>">
<label for="a-<?cs var:f.Name ?>"><?cs var:f.Label ?></label>
<?cs if:f.Error ?><p class="field-message" id="a-<?cs var:f.Name ?>-error"><?cs var:f.Error ?></p><?cs /if ?>
<?cs if:f.Kind == "textarea" ?><textarea id="a-<?cs var:f.Name ?>" name="f_<?cs var:f.Name ?>" rows="4"<?cs if:f.Error ?> aria-invalid="true" aria-describedby="a-<?cs var:f.Name ?>-error"<?cs /if ?>><?cs var:f.Value ?></textarea>
<?cs else ?><input id="a-<?cs var:f.Name ?>" name="f_<?cs var:f.Name ?>" type="text" maxlength="4000" value="<?cs var:f.Value ?>"<?cs if:f.Error ?> aria-invalid="true" aria-describedby="a-<?cs var:f.Name ?>-error"<?cs /if ?>><?cs /if ?>
</div>
<?cs /each ?>
<div class="field<?cs if:Announce.Errors.Section ?> field-error<?cs /if ?>">
<label for="a-section">About the section</label>
<?cs if:Announce.Errors.Section ?><p class="field-message" id="a-section-error"><?cs var:Announce.Errors.Section ?></p><?cs /if ?>
<select id="a-section" name="section"<?cs if:Announce.Errors.Section ?> aria-invalid="true" aria-describedby="a-section-error"<?cs /if ?>>
<option value="">(no particular section)</option>
<?cs each:s = Sections ?><option value="<?cs var:s.Ref ?>"<?cs if:s.Ref == Announce.Section ?> selected<?cs /if ?>><?cs var:s.Document ?>: <?cs var:s.Title ?></option><?cs /each ?>
</select>
</div>
<fieldset class="field<?cs if:Announce.Errors.Audience ?> field-error<?cs /if ?>">
<legend>Email it to</legend>
<?cs if:Announce.Errors.Audience ?><p class="field-message"><?cs var:Announce.Errors.Audience ?></p><?cs /if ?>
<label class="choice"><input type="radio" name="audience" value="subscribers"<?cs if:Announce.Audience == "subscribers" ?> checked<?cs /if ?>> The employees who follow the part of the handbook the section is in</label>
<label class="choice"><input type="radio" name="audience" value="agencies"<?cs if:Announce.Audience == "agencies" ?> checked<?cs /if ?>> Everyone in these agencies:</label>
<ul class="checks"><?cs each:a = Agencies ?><li><label class="choice"><input type="checkbox" name="agency" value="<?cs var:a ?>"<?cs if:a.Chosen ?> checked<?cs /if ?>> <?cs var:a ?></label></li><?cs /each ?></ul>
<label class="choice"><input type="radio" name="audience" value="none"<?cs if:Announce.Audience == "none" ?> checked<?cs /if ?>> Nobody (What's new and the feed only)</label>
</fieldset>
<div class="form-buttons">
<button type="submit" name="action" value="preview" class="secondary">Preview</button>
<button type="submit" name="action" value="publish">Publish</button>
</div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
