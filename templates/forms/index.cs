<?cs def:content() ?>
<h1>Forms</h1>
<p class="lead">File your HR requests here. Each form keeps a draft while you fill it in, shows you
every answer before you sign it by typing your name, and goes straight to the person who decides.
No form asks for your Social Security number: the portal knows you by your employee ID.</p>
<?cs if:subcount(Drafts) > 0 ?>
<h2 id="drafts">Your drafts</h2>
<ul class="drafts">
<?cs each:d = Drafts ?><li><a href="/requests/<?cs var:d.Id ?>/edit"><?cs var:d.Title ?></a>
<span class="meta">(request <?cs var:d.Id ?>, saved <?cs var:d.Updated ?>)</span></li><?cs /each ?>
</ul>
<?cs /if ?>
<h2 id="all-forms">Start a form</h2>
<ul class="form-list">
<?cs each:f = Forms ?><li><a href="/forms/<?cs var:f.Key ?>/new"><?cs var:f.Title ?></a>
<span class="meta"><?cs var:f.Summary ?></span></li><?cs /each ?>
</ul>
<p><a href="/my/requests">See the requests you have filed</a>.</p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
