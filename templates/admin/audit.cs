<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Audit log</h1>
<p class="lead">Every publishing action: who, what, when and from where. The log can only grow: nobody can
change or remove an entry.</p>
<table class="data audit">
<caption><?cs var:Audit.Total ?> entries, newest first (page <?cs var:Audit.Page ?> of <?cs var:Audit.Pages ?>)</caption>
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">From</th><th scope="col">Action</th><th scope="col">On</th><th scope="col">Detail</th></tr></thead>
<tbody>
<?cs each:r = Audit.Rows ?><tr><td><?cs var:r.At ?></td><td><?cs var:r.Name ?> (<?cs var:r.Login ?>)</td><td><?cs var:r.RemoteAddr ?></td>
<td><?cs var:r.Action ?></td><td><?cs var:r.Target ?></td><td><?cs var:r.Detail ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<nav class="pager" aria-label="Pages of the audit log">
<?cs if:Audit.Page > 1 ?><a rel="prev" href="/admin/audit?page=<?cs var:Audit.Page - 1 ?>">Newer entries</a><?cs /if ?>
<?cs if:#Audit.Page < #Audit.Pages ?><a rel="next" href="/admin/audit?page=<?cs var:#Audit.Page + 1 ?>">Older entries</a><?cs /if ?>
</nav>
<?cs /def ?>
<?cs include:"layout.cs" ?>
