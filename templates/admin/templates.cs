<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Announcement templates</h1>
<p class="lead">An announcement is written from a template: its fields are filled in, and the template
turns them into the text of the What's new entry and the email.</p>
<?cs if:Add.Added ?><p class="notice" role="status">The template is added. <a href="/admin/announcements/new?template=<?cs var:Add.Added ?>">Write an announcement with it</a>.</p><?cs /if ?>
<?cs each:t = Templates ?>
<section class="template" id="template-<?cs var:t.Slug ?>" aria-labelledby="template-<?cs var:t.Slug ?>-title">
<h2 id="template-<?cs var:t.Slug ?>-title"><?cs var:t.Name ?></h2>
<p><?cs var:t.Description ?> <span class="meta">(added by <?cs var:t.CreatedBy ?>, <?cs var:t.CreatedAt ?>)</span></p>
<p>Fields: <?cs each:f = t.Fields ?><?cs var:f.Label ?> (<code>Field.<?cs var:f.Name ?></code>)<?cs if:!last(f) ?>; <?cs /if ?><?cs /each ?></p>
<details><summary>The template</summary><pre class="source"><?cs var:t.Body ?></pre></details>
<p><a href="/admin/announcements/new?template=<?cs var:t.Slug ?>">Write an announcement with it</a></p>
</section>
<?cs /each ?>
<form class="action-form wide" method="post" action="<?cs var:Add.Action ?>" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Add.Csrf ?>">
<h2 id="add">Add a template</h2>
<p class="help">A template is ClearSilver text whose output is Markdown. It may use
<code>var:</code>, <code>if:</code>/<code>elif:</code>/<code>else</code>, <code>each:</code> and <code>with:</code>,
and read <code>Field.&lt;name&gt;</code>, <code>Section.Title</code>,
<code>Section.Document</code>, <code>Section.Url</code>, <code>Section.EffectiveDate</code>, <code>Section.Summary</code>,
<code>Announcement.Title</code> and <code>Site.BaseUrl</code>. Every value is escaped; templates cannot include
files, set values or turn escaping off.</p>
<?cs if:Add.PreviewHtml ?><div class="preview-box" role="status"><h3>Filled in with examples</h3><div class="announcement"><?cs uvar:Add.PreviewHtml ?></div></div><?cs /if ?>
<div class="field<?cs if:Add.Errors.Name ?> field-error<?cs /if ?>">
<label for="t-name">Name</label>
<?cs if:Add.Errors.Name ?><p class="field-message" id="t-name-error"><?cs var:Add.Errors.Name ?></p><?cs /if ?>
<input id="t-name" name="name" type="text" maxlength="120" value="<?cs var:Add.Name ?>"<?cs if:Add.Errors.Name ?> aria-invalid="true" aria-describedby="t-name-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Add.Errors.Slug ?> field-error<?cs /if ?>">
<label for="t-slug">Address (optional: made from the name)</label>
<?cs if:Add.Errors.Slug ?><p class="field-message" id="t-slug-error"><?cs var:Add.Errors.Slug ?></p><?cs /if ?>
<input id="t-slug" name="slug" type="text" maxlength="80" value="<?cs var:Add.Slug ?>"<?cs if:Add.Errors.Slug ?> aria-invalid="true" aria-describedby="t-slug-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Add.Errors.Description ?> field-error<?cs /if ?>">
<label for="t-description">What it is for</label>
<?cs if:Add.Errors.Description ?><p class="field-message" id="t-description-error"><?cs var:Add.Errors.Description ?></p><?cs /if ?>
<input id="t-description" name="description" type="text" maxlength="300" value="<?cs var:Add.Description ?>"<?cs if:Add.Errors.Description ?> aria-invalid="true" aria-describedby="t-description-error"<?cs /if ?>>
</div>
<div class="field<?cs if:Add.Errors.Fields ?> field-error<?cs /if ?>">
<label for="t-fields">Fields</label>
<p class="help" id="t-fields-help">One per line: name|Label|text (one line) or name|Label|textarea (several lines).</p>
<?cs if:Add.Errors.Fields ?><p class="field-message" id="t-fields-error"><?cs var:Add.Errors.Fields ?></p><?cs /if ?>
<textarea id="t-fields" name="fields" rows="4" aria-describedby="t-fields-help<?cs if:Add.Errors.Fields ?> t-fields-error<?cs /if ?>"<?cs if:Add.Errors.Fields ?> aria-invalid="true"<?cs /if ?>><?cs var:Add.Fields ?></textarea>
</div>
<div class="field<?cs if:Add.Errors.Body ?> field-error<?cs /if ?>">
<label for="t-body">Template</label>
<?cs if:Add.Errors.Body ?><p class="field-message" id="t-body-error"><?cs var:Add.Errors.Body ?></p><?cs /if ?>
<textarea id="t-body" name="body" rows="12" class="markdown"<?cs if:Add.Errors.Body ?> aria-invalid="true" aria-describedby="t-body-error"<?cs /if ?>><?cs var:Add.Body ?></textarea>
</div>
<div class="form-buttons">
<button type="submit" name="action" value="check" class="secondary">Check and preview</button>
<button type="submit" name="action" value="save">Add template</button>
</div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
