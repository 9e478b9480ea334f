<?cs def:content() ?>
<h1>Documents</h1>
<ul class="documents">
<?cs each:doc = Documents ?>
  <li><a href="/<?cs var:doc.Slug ?>"><?cs var:doc.Title ?></a><?cs if:doc.Status == "historical" ?> <span class="badge">historical</span><?cs /if ?>
  <p><?cs var:doc.Description ?><?cs if:doc.Revised ?> Revised: <?cs var:doc.Revised ?>.<?cs /if ?></p></li>
<?cs /each ?>
</ul>
<?cs /def ?>
<?cs set:Page.Section = "documents" ?>
<?cs include:"layout.cs" ?>
