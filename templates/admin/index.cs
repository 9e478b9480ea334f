<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Publishing</h1>
<p class="lead">Edit the handbook and the other documents, publish changes with an effective date,
announce them and ask employees to acknowledge policies. Every action is recorded in the
<a href="/admin/audit">audit log</a>.</p>
<h2>Documents</h2>
<ul>
<?cs each:d = Documents ?><li><a href="/admin/documents/<?cs var:d.Slug ?>"><?cs var:d.Title ?></a> <span class="meta">(<?cs var:d.Status ?>)</span></li><?cs /each ?>
<li><a href="/admin/glossary">Glossary of terms</a></li>
</ul>
<h2>Drafts in progress</h2>
<?cs if:subcount(Drafts) > 0 ?>
<table class="data">
<thead><tr><th scope="col">What</th><th scope="col">Draft</th><th scope="col">By</th><th scope="col">Saved</th></tr></thead>
<tbody>
<?cs each:d = Drafts ?><tr><td><?cs var:d.Kind ?></td><td><a href="<?cs var:d.EditUrl ?>"><?cs var:d.Title ?></a></td><td><?cs var:d.Name ?></td><td><?cs var:d.Updated ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs else ?><p class="meta">No unpublished drafts.</p><?cs /if ?>
<h2>Changes waiting for their effective date</h2>
<?cs if:subcount(Upcoming) > 0 ?>
<p class="meta">Published, but readers see the version in effect today until the date comes.</p>
<ul><?cs each:u = Upcoming ?><li><a href="<?cs var:u.EditUrl ?>"><?cs var:u.Title ?></a>: version <?cs var:u.Version ?> takes effect on <?cs var:u.EffectiveDate ?><?cs if:u.Summary ?> (<?cs var:u.Summary ?>)<?cs /if ?></li><?cs /each ?></ul>
<?cs else ?><p class="meta">None: every published change is in effect.</p><?cs /if ?>
<h2>Acknowledgement campaigns</h2>
<?cs if:subcount(Campaigns) > 0 ?>
<ul><?cs each:c = Campaigns ?><li><a href="/admin/acknowledgements/<?cs var:c.Id ?>"><?cs var:c.Title ?></a>:
<?cs var:c.Done ?> of <?cs var:c.Required ?> acknowledged, due <?cs var:c.Due ?></li><?cs /each ?></ul>
<?cs else ?><p class="meta">None yet. <a href="/admin/acknowledgements">Start one</a>.</p><?cs /if ?>
<h2>Latest announcements</h2>
<?cs if:subcount(Announcements) > 0 ?>
<ul><?cs each:a = Announcements ?><li><a href="/whats-new#announcement-<?cs var:a.Id ?>"><?cs var:a.Title ?></a> <span class="meta">(<?cs var:a.PublishedLocal ?>; <?cs if:a.Recipients > 0 ?>emailed to <?cs var:a.Recipients ?> <?cs if:a.Recipients == 1 ?>person<?cs else ?>people<?cs /if ?><?cs elif:a.Audience == "subscribers" ?>no email: nobody subscribes to its section<?cs else ?>no email<?cs /if ?>)</span></li><?cs /each ?></ul>
<?cs else ?><p class="meta">None yet.</p><?cs /if ?>
<p><a href="/admin/announcements/new">Write an announcement</a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
