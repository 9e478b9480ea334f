<?cs def:content() ?>
<h1>Policies to acknowledge</h1>
<?cs if:Acks.JustDone ?><p class="notice" role="status">Thank you: your acknowledgement is recorded with your typed name and the time.</p><?cs /if ?>
<?cs if:subcount(Acks.Pending) == 0 ?><p class="lead">Nothing to acknowledge right now.</p>
<?cs else ?><p class="lead">HR asks you to read these policies and acknowledge each one by typing your name.</p><?cs /if ?>
<?cs each:a = Acks.Pending ?>
<section class="ack" aria-labelledby="ack-<?cs var:a.Id ?>-title">
<h2 id="ack-<?cs var:a.Id ?>-title"><?cs var:a.Title ?></h2>
<p>Read <a href="<?cs var:a.VersionUrl ?>"><?cs var:a.SectionTitle ?> (version <?cs var:a.Version ?>)</a>.
Due <?cs var:a.Due ?><?cs if:a.Overdue ?> <strong>(past due)</strong><?cs /if ?>.</p>
<form class="sign-form" method="post" action="<?cs var:a.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:a.Csrf ?>">
<p class="declaration">I have read <?cs var:a.SectionTitle ?> (version <?cs var:a.Version ?>) and will comply with it.</p>
<div class="field<?cs if:a.Error ?> field-error<?cs /if ?>">
<label for="sig-<?cs var:a.Id ?>">Type your full name to sign: <strong><?cs var:Acks.SignAs ?></strong></label>
<?cs if:a.Error ?><p class="field-message" id="sig-<?cs var:a.Id ?>-error"><?cs var:a.Error ?></p><?cs /if ?>
<input id="sig-<?cs var:a.Id ?>" name="signature" type="text" maxlength="200" autocomplete="off"<?cs if:a.Error ?> aria-invalid="true" aria-describedby="sig-<?cs var:a.Id ?>-error"<?cs /if ?>>
</div>
<p class="meta">Your typed name and the time are recorded as your signature.</p>
<div class="form-buttons"><button type="submit">Acknowledge</button></div>
</form>
</section>
<?cs /each ?>
<?cs if:subcount(Acks.Done) > 0 ?>
<h2>What you acknowledged</h2>
<ul><?cs each:d = Acks.Done ?><li><?cs var:d.Title ?> (version <?cs var:d.Version ?>), signed "<?cs var:d.TypedName ?>" on <?cs var:d.SignedAt ?></li><?cs /each ?></ul>
<?cs /if ?>
<p><a href="/my/subscriptions">Choose what you follow</a> · <a href="/whats-new">What's new</a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
