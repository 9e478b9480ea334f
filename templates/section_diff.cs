<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs call:breadcrumbs(Document, Section.Parents, Section.Title) ?>
<h1>Changes to <?cs var:Section.Title ?></h1>
<p class="lead">From version <?cs var:Diff.From ?> to version <?cs var:Diff.To ?>:
<?cs var:Diff.Removed ?> words removed, <?cs var:Diff.Added ?> words added.
<span class="legend">Removed text is <del>struck through</del>; added text is <ins>underlined</ins>.</span></p>
<?cs if:Diff.TitleHtml ?><p>Title: <?cs uvar:Diff.TitleHtml ?></p><?cs /if ?>
<div class="diff"><?cs uvar:Diff.BodyHtml ?></div>
<p><a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/history">All versions</a></p>
<?cs /def ?>
<?cs set:Page.Section = "handbook" ?>
<?cs include:"layout.cs" ?>
