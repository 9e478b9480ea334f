<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs call:breadcrumbs(Document, Section.Parents, Section.Title) ?>
<h1>History of <?cs var:Section.Title ?></h1>
<p class="lead">Every published version of this section: who published it, when it takes effect and why it changed.</p>
<table class="history">
<caption>Versions, newest first</caption>
<thead><tr><th scope="col">Version</th><th scope="col">In effect from</th><th scope="col">Published</th><th scope="col">By</th><th scope="col">Summary</th><th scope="col">Compare</th></tr></thead>
<tbody>
<?cs each:v = History.Versions ?>
<tr<?cs if:v.State == "current" ?> class="current"<?cs /if ?>>
  <td><a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/history/<?cs var:v.Version ?>">Version <?cs var:v.Version ?></a>
  <?cs if:v.State == "current" ?><span class="badge">current</span><?cs elif:v.State == "upcoming" ?><span class="badge">upcoming</span><?cs /if ?></td>
  <td><?cs var:v.EffectiveDate ?></td>
  <td><?cs var:v.PublishedAt ?></td>
  <td><?cs var:v.PublishedBy ?></td>
  <td><?cs var:v.Summary ?></td>
  <td><?cs if:v.Version > 1 ?><a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/diff?from=<?cs var:v.Version - 1 ?>&amp;to=<?cs var:v.Version ?>">changes from version <?cs var:v.Version - 1 ?></a><?cs /if ?></td>
</tr>
<?cs /each ?>
</tbody>
</table>
<?cs if:subcount(History.Versions) > 1 ?>
<form class="compare" action="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/diff" method="get">
  <fieldset><legend>Compare two versions</legend>
  <label for="diff-from">From version</label>
  <select id="diff-from" name="from"><?cs each:v = History.Versions ?><option value="<?cs var:v.Version ?>"><?cs var:v.Version ?></option><?cs /each ?></select>
  <label for="diff-to">to version</label>
  <select id="diff-to" name="to"><?cs each:v = History.Versions ?><option value="<?cs var:v.Version ?>"><?cs var:v.Version ?></option><?cs /each ?></select>
  <button type="submit">Compare</button>
  </fieldset>
</form>
<?cs /if ?>
<p><a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>">Back to the current text</a></p>
<?cs /def ?>
<?cs set:Page.Section = "handbook" ?>
<?cs include:"layout.cs" ?>
