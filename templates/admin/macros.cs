<?cs # Shared pieces of the publishing pages. ?>
<?cs def:admin_links() ?>
<nav class="admin-links" aria-label="Publishing">
<ul>
<li><a href="/admin">Publishing</a></li>
<li><a href="/admin/documents/handbook">Handbook</a></li>
<li><a href="/admin/glossary">Glossary</a></li>
<li><a href="/admin/announcements/new">Announce</a></li>
<li><a href="/admin/templates">Templates</a></li>
<li><a href="/admin/acknowledgements">Acknowledgements</a></li>
<li><a href="/admin/audit">Audit log</a></li>
</ul>
</nav>
<?cs /def ?>
<?cs # The editor's form (Edit.*): used by the edit page and the conflict page.
     Works without JavaScript; admin.js saves the draft as one types. ?>
<?cs def:edit_form() ?>
<form class="edit-form" method="post" action="<?cs var:Edit.Action ?>" data-autosave="1" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Edit.Csrf ?>">
<input type="hidden" name="base" value="<?cs var:Edit.Base ?>">
<input type="hidden" name="seen" value="<?cs var:Edit.Seen ?>">
<div class="field<?cs if:Edit.Errors.Title ?> field-error<?cs /if ?>">
<label for="e-title"><?cs if:Edit.Kind == "term" ?>Term<?cs else ?>Title<?cs /if ?></label>
<?cs if:Edit.Errors.Title ?><p class="field-message" id="e-title-error"><?cs var:Edit.Errors.Title ?></p><?cs /if ?>
<input id="e-title" name="title" type="text" maxlength="200" value="<?cs var:Edit.Title ?>"<?cs if:Edit.Errors.Title ?> aria-invalid="true" aria-describedby="e-title-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Edit.Errors.Body ?> field-error<?cs /if ?>">
<label for="e-body"><?cs if:Edit.Kind == "term" ?>Definition<?cs else ?>Text<?cs /if ?> (Markdown)</label>
<p class="help" id="e-body-help">Blank lines between paragraphs; lists with - or 1.; **bold**; links as [text](/handbook/sick-leave);
tables with | between cells. HTML is not shown: write Markdown.</p>
<?cs if:Edit.Errors.Body ?><p class="field-message" id="e-body-error"><?cs var:Edit.Errors.Body ?></p><?cs /if ?>
<textarea id="e-body" name="body" rows="24" class="markdown" aria-describedby="e-body-help<?cs if:Edit.Errors.Body ?> e-body-error<?cs /if ?>"<?cs if:Edit.Errors.Body ?> aria-invalid="true"<?cs /if ?>><?cs var:Edit.Body ?></textarea>
</div>
<?cs if:Edit.Kind == "section" ?>
<div class="field<?cs if:Edit.Errors.Citations ?> field-error<?cs /if ?>">
<label for="e-citations">Legal references</label>
<p class="help" id="e-citations-help">One per line, for example KRS 18A.095, 101 KAR 2:102, Section 3, 29 U.S.C. § 2601 or EO 2014-747.</p>
<?cs if:Edit.Errors.Citations ?><p class="field-message" id="e-citations-error"><?cs var:Edit.Errors.Citations ?></p><?cs /if ?>
<textarea id="e-citations" name="citations" rows="5" aria-describedby="e-citations-help<?cs if:Edit.Errors.Citations ?> e-citations-error<?cs /if ?>"<?cs if:Edit.Errors.Citations ?> aria-invalid="true"<?cs /if ?>><?cs var:Edit.Citations ?></textarea>
</div>
<?cs /if ?>
<fieldset class="publish-fields">
<legend>When you publish</legend>
<div class="field<?cs if:Edit.Errors.Summary ?> field-error<?cs /if ?>">
<label for="e-summary">Summary of the change</label>
<p class="help" id="e-summary-help">Readers see it in the history and on the page until the change takes effect.</p>
<?cs if:Edit.Errors.Summary ?><p class="field-message" id="e-summary-error"><?cs var:Edit.Errors.Summary ?></p><?cs /if ?>
<input id="e-summary" name="summary" type="text" maxlength="300" value="<?cs var:Edit.Summary ?>" aria-describedby="e-summary-help<?cs if:Edit.Errors.Summary ?> e-summary-error<?cs /if ?>"<?cs if:Edit.Errors.Summary ?> aria-invalid="true"<?cs /if ?>>
</div>
<div class="field<?cs if:Edit.Errors.EffectiveDate ?> field-error<?cs /if ?>">
<label for="e-date">Effective date</label>
<p class="help" id="e-date-help">YYYY-MM-DD. A later date shows "changes on" that date until then; the change takes effect by itself.</p>
<?cs if:Edit.Errors.EffectiveDate ?><p class="field-message" id="e-date-error"><?cs var:Edit.Errors.EffectiveDate ?></p><?cs /if ?>
<input id="e-date" name="effective_date" type="date" value="<?cs var:Edit.EffectiveDate ?>" aria-describedby="e-date-help<?cs if:Edit.Errors.EffectiveDate ?> e-date-error<?cs /if ?>"<?cs if:Edit.Errors.EffectiveDate ?> aria-invalid="true"<?cs /if ?>>
</div>
<?cs if:Edit.Kind == "section" ?>
<div class="field">
<label class="choice" for="e-material"><input type="checkbox" id="e-material" name="material" value="1"<?cs if:Edit.Material ?> checked<?cs /if ?>>
This is a material change: employees must acknowledge this section again</label>
</div>
<div class="field">
<label class="choice" for="e-announce"><input type="checkbox" id="e-announce" name="announce" value="1">
Announce it on What's new and email the employees who follow this part of the handbook</label>
<label for="e-announce-action">What employees need to do (for the announcement; optional)</label>
<input id="e-announce-action" name="announce_action" type="text" maxlength="300">
</div>
<?cs /if ?>
</fieldset>
<div class="form-buttons">
<button type="submit" name="action" value="save" class="secondary">Save draft</button>
<button type="submit" name="action" value="preview" class="secondary">Preview</button>
<button type="submit" name="action" value="publish">Publish</button>
<span class="meta autosave-status" data-autosave-status="1" role="status" aria-live="polite">Save draft keeps your text for later.</span>
</div>
</form>
<?cs /def ?>
