<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1><?cs var:Campaign.Title ?></h1>
<p class="lead">Employees of <?cs var:Campaign.Agencies ?> acknowledge
<a href="<?cs var:Campaign.VersionUrl ?>"><?cs var:Campaign.SectionTitle ?>, version <?cs var:Campaign.Version ?></a>
by <?cs var:Campaign.Due ?><?cs if:Campaign.Overdue ?> (past due)<?cs /if ?>.</p>
<?cs if:Campaign.ReopenedAt ?><p class="notice">Re-opened by a material change on <?cs var:Campaign.ReopenedAt ?>: earlier acknowledgements no longer count.</p><?cs /if ?>
<?cs if:Remind.Sent ?><p class="notice" role="status">Reminders sent: <?cs var:Remind.Sent ?>.</p><?cs /if ?>
<p class="completion"><strong><?cs var:Campaign.Done ?> of <?cs var:Campaign.Required ?></strong> acknowledged; <?cs var:Campaign.Pending ?> pending.</p>
<table class="data">
<caption>Completion by agency</caption>
<thead><tr><th scope="col">Agency</th><th scope="col">Must acknowledge</th><th scope="col">Acknowledged</th><th scope="col">Pending</th><th scope="col">Done</th></tr></thead>
<tbody>
<?cs each:a = Campaign.ByAgency ?><tr><td><?cs var:a.Agency ?></td><td><?cs var:a.Required ?></td><td><?cs var:a.Done ?></td><td><?cs var:a.Pending ?></td><td><?cs var:a.Percent ?>%</td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs if:Campaign.Pending > 0 ?>
<form class="action-form" method="post" action="<?cs var:Remind.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:Remind.Csrf ?>">
<div class="form-buttons"><button type="submit">Email a reminder to the <?cs var:Campaign.Pending ?> still pending</button></div>
</form>
<h2>Still pending</h2>
<ul><?cs each:p = Campaign.People ?><li><?cs var:p.Name ?> <span class="meta">(<?cs var:p.Agency ?>)</span></li><?cs /each ?></ul>
<?cs /if ?>
<?cs if:subcount(Campaign.Signed) > 0 ?>
<h2>Acknowledgements</h2>
<table class="data">
<thead><tr><th scope="col">Employee</th><th scope="col">Agency</th><th scope="col">Version</th><th scope="col">Signed as</th><th scope="col">When</th></tr></thead>
<tbody>
<?cs each:s = Campaign.Signed ?><tr><td><?cs var:s.Name ?></td><td><?cs var:s.Agency ?></td><td><?cs var:s.Version ?></td><td><?cs var:s.TypedName ?></td><td><?cs var:s.SignedAt ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
