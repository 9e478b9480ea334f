<?cs include:"forms/field.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Form.Title ?></h1>
<p class="lead"><?cs var:Form.Intro ?></p>
<p><a href="/handbook/<?cs var:Form.Handbook ?>">What the Employee Handbook says</a></p>
<?cs if:Form.Saved ?><p class="notice" role="status">Your draft is saved (request <?cs var:Form.DraftId ?>).
You can come back to it from <a href="/forms#drafts">Forms</a> at any time.</p><?cs /if ?>
<?cs if:Form.Wizard.From ?><p class="notice">This form starts from your answers in the wizard. The
wizard's result (your answers, the rule applied and its citations, and the date) is kept with the
request, and your supervisor sees the rules checked again.</p><?cs /if ?>
<?cs if:subcount(Form.Errors) > 0 ?>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">Please correct these answers</h2>
<ul>
<?cs each:e = Form.Errors ?><li><?cs if:e.Field ?><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Label ?></a>: <?cs /if ?><?cs var:e.Message ?></li><?cs /each ?>
</ul>
</div>
<?cs /if ?>
<?cs if:subcount(Form.Warnings) > 0 ?>
<div class="notice" role="status"><ul><?cs each:w = Form.Warnings ?><li><?cs var:w ?></li><?cs /each ?></ul></div>
<?cs /if ?>
<?cs if:subcount(Form.Rules.Reasons) > 0 ?>
<section class="rules" aria-labelledby="rules-title">
<h2 id="rules-title">What the handbook's rules say</h2>
<ul><?cs each:r = Form.Rules.Reasons ?><li><?cs var:r ?></li><?cs /each ?></ul>
<p class="meta">Sources: <?cs each:c = Form.Rules.Citations ?><a href="<?cs var:c.Url ?>"><?cs var:c.Cite ?></a><?cs if:!last(c) ?>; <?cs /if ?><?cs /each ?></p>
</section>
<?cs /if ?>
<form class="request-form" method="post" action="<?cs var:Form.Action ?>" novalidate>
<input type="hidden" name="csrf" value="<?cs var:Form.Csrf ?>">
<input type="hidden" name="idem" value="<?cs var:Form.Idem ?>">
<?cs each:p = Form.Wizard.Params ?><input type="hidden" name="<?cs var:p.Name ?>" value="<?cs var:p.Value ?>">
<?cs /each ?>
<?cs each:f = Form.Fields ?>
<?cs if:f.Section ?><h2 class="form-section"><?cs var:f.Section ?></h2><?cs /if ?>
<?cs call:field(f) ?>
<?cs /each ?>
<div class="form-buttons">
<button type="submit" name="action" value="review">Review answers</button>
<button type="submit" name="action" value="save" class="secondary">Save draft</button>
</div>
<p class="meta">Nothing is sent until you review your answers and sign.</p>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
