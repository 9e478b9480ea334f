<?cs def:rows(list) ?>
<table class="data requests">
<thead><tr><th scope="col">Request</th><th scope="col">Type</th><th scope="col">Employee</th><th scope="col">Dates</th><th scope="col">Status</th><th scope="col">With / due</th><th scope="col">Updated</th></tr></thead>
<tbody>
<?cs each:r = list ?><tr class="status-<?cs var:r.Status ?><?cs if:r.Overdue ?> overdue<?cs /if ?>">
<td><a href="/requests/<?cs var:r.Id ?><?cs if:r.Status == "draft" ?>/edit<?cs /if ?>">Request <?cs var:r.Id ?></a></td>
<td><?cs var:r.Title ?></td>
<td><?cs var:r.Owner ?> (<?cs var:r.OwnerId ?>)<?cs if:List.Mode == "hr" ?><br><span class="meta"><?cs var:r.Agency ?></span><?cs /if ?></td>
<td><?cs var:r.Summary ?></td>
<td><?cs var:r.StatusLabel ?></td>
<td><?cs var:r.Assignee ?><?cs if:r.DueOn ?> <span class="meta">by <?cs var:r.DueOn ?><?cs if:r.Overdue ?> (overdue)<?cs /if ?></span><?cs /if ?></td>
<td><?cs var:r.Updated ?></td></tr>
<?cs /each ?>
</tbody></table>
<?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Page.Title ?></h1>
<?cs if:List.Mode == "hr" ?>
<form class="filters" method="get" action="/requests">
<div><label for="filter-agency">Agency</label>
<select id="filter-agency" name="agency"><option value="">All agencies</option>
<?cs each:a = Filter.Agencies ?><option value="<?cs var:a ?>"<?cs if:a == Filter.Agency ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?></select></div>
<div><label for="filter-type">Type</label>
<select id="filter-type" name="type"><option value="">All types</option>
<?cs each:t = Filter.Types ?><option value="<?cs var:t.Value ?>"<?cs if:t.Value == Filter.Type ?> selected<?cs /if ?>><?cs var:t.Label ?></option><?cs /each ?></select></div>
<div><label for="filter-status">Status</label>
<select id="filter-status" name="status"><option value="">All statuses</option>
<?cs each:s = Filter.Statuses ?><option value="<?cs var:s.Value ?>"<?cs if:s.Value == Filter.Status ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?></select></div>
<button type="submit">Filter</button>
</form>
<p class="meta"><?cs if:List.More ?>More than <?cs var:List.More ?> requests match.<?cs else ?><?cs var:List.Total ?> request(s) match.<?cs /if ?></p>
<?cs /if ?>
<?cs if:subcount(Requests) > 0 ?><?cs call:rows(Requests) ?><?cs else ?>
<p><?cs if:List.Mode == "inbox" ?>Nothing awaits your decision.<?cs elif:List.Mode == "mine" ?>You have not filed any request yet. <a href="/forms">Start a form</a>.<?cs else ?>No request matches.<?cs /if ?></p>
<?cs /if ?>
<?cs if:List.Before || List.Later ?><p><?cs if:List.Later ?><a rel="first" href="/requests?agency=<?cs var:url_escape(Filter.Agency) ?>&amp;type=<?cs var:url_escape(Filter.Type) ?>&amp;status=<?cs var:url_escape(Filter.Status) ?>">Newest requests</a><?cs /if ?>
<?cs if:List.Before ?><a rel="next" href="/requests?agency=<?cs var:url_escape(Filter.Agency) ?>&amp;type=<?cs var:url_escape(Filter.Type) ?>&amp;status=<?cs var:url_escape(Filter.Status) ?>&amp;before=<?cs var:List.Before ?>">Older requests</a><?cs /if ?></p><?cs /if ?>
<?cs if:List.Mode == "inbox" && subcount(Decided) > 0 ?>
<h2>Decided by you</h2>
<?cs call:rows(Decided) ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
