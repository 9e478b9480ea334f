<?cs def:content() ?>
<h1>What I follow</h1>
<p class="lead">When HR announces a change to a part of the handbook you follow, you get an email.
Every announcement is also on <a href="/whats-new">What's new</a>.</p>
<?cs if:Subs.Saved ?><p class="notice" role="status">Saved.</p><?cs /if ?>
<form class="request-form" method="post" action="<?cs var:Subs.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:Subs.Csrf ?>">
<fieldset>
<legend>Parts of the Employee Handbook</legend>
<ul class="checks">
<?cs each:p = Parts ?><li><label class="choice" for="part-<?cs var:p.Id ?>"><input type="checkbox" id="part-<?cs var:p.Id ?>" name="part" value="<?cs var:p.Id ?>"<?cs if:p.Subscribed ?> checked<?cs /if ?>> <?cs var:p.Title ?></label></li>
<?cs /each ?>
</ul>
</fieldset>
<div class="form-buttons"><button type="submit">Save</button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
