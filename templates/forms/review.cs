<?cs def:content() ?>
<h1>Review your answers</h1>
<p class="lead"><?cs var:Request.Heading ?> (draft). Check every answer;
<a href="/requests/<?cs var:Request.Id ?>/edit">change answers</a> if something is wrong.</p>
<?cs if:subcount(Form.Errors) > 0 ?>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">This form cannot be submitted yet</h2>
<ul>
<?cs each:e = Form.Errors ?><li><?cs if:e.Label ?><?cs var:e.Label ?>: <?cs /if ?><?cs var:e.Message ?></li><?cs /each ?>
</ul>
<p><a href="/requests/<?cs var:Request.Id ?>/edit">Change your answers</a></p>
</div>
<?cs /if ?>
<?cs if:subcount(Form.Warnings) > 0 ?>
<div class="notice" role="status"><ul><?cs each:w = Form.Warnings ?><li><?cs var:w ?></li><?cs /each ?></ul></div>
<?cs /if ?>
<?cs if:subcount(Form.Rules.Reasons) > 0 ?>
<section class="rules" aria-labelledby="rules-title">
<h2 id="rules-title">What the handbook's rules say</h2>
<p><strong><?cs if:Form.Rules.Eligible == "1" ?>Eligible<?cs else ?>Not eligible<?cs /if ?></strong></p>
<ul><?cs each:r = Form.Rules.Reasons ?><li><?cs var:r ?></li><?cs /each ?></ul>
<p class="meta">Sources: <?cs each:c = Form.Rules.Citations ?><a href="<?cs var:c.Url ?>"><?cs var:c.Cite ?></a><?cs if:!last(c) ?>; <?cs /if ?><?cs /each ?></p>
</section>
<?cs /if ?>
<?cs each:s = Request.Sections ?>
<h2><?cs var:s.Heading ?></h2>
<dl class="answers">
<?cs each:f = s.Fields ?><dt><?cs var:f.Label ?></dt><dd><?cs if:f.Value ?><?cs var:f.Value ?><?cs else ?><span class="meta">(no answer)</span><?cs /if ?></dd>
<?cs /each ?>
</dl>
<?cs /each ?>
<?cs if:subcount(Form.Errors) == 0 ?>
<form class="sign-form" method="post" action="<?cs var:Review.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:Review.Csrf ?>">
<h2>Sign and submit</h2>
<p class="declaration"><?cs var:Request.Declaration ?></p>
<div class="field<?cs if:Review.SignatureError ?> field-error<?cs /if ?>">
<label for="f-signature">Type your full name to sign: <strong><?cs var:Review.SignAs ?></strong></label>
<?cs if:Review.SignatureError ?><p class="field-message" id="f-signature-error"><?cs var:Review.SignatureError ?></p><?cs /if ?>
<input id="f-signature" name="signature" type="text" maxlength="200" autocomplete="off"<?cs if:Review.SignatureError ?> aria-invalid="true" aria-describedby="f-signature-error"<?cs /if ?>>
</div>
<p class="meta">Your typed name and the time are recorded as your signature.</p>
<div class="form-buttons"><button type="submit">Sign and submit</button>
<a href="/requests/<?cs var:Request.Id ?>/edit">Change answers</a></div>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
