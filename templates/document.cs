<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li aria-current="page"><?cs var:Document.Title ?></li></ol></nav>
<h1><?cs var:Document.Title ?></h1>
<?cs if:Document.Status == "historical" ?>
<p class="notice">This is an older document kept for reference. Where it differs from the
<a href="/handbook">Employee Handbook</a>, the handbook states current policy.</p>
<?cs /if ?>
<p class="lead"><?cs var:Document.Description ?></p>
<?cs if:Document.Revised ?><p class="meta">Revised: <?cs var:Document.Revised ?></p><?cs /if ?>
<?cs if:Page.AsOf ?><p class="notice">You are reading this document as it stood on <?cs var:Page.AsOf ?>.
<a href="/<?cs var:Document.Slug ?>">Read the current text</a>.</p><?cs /if ?>
<form class="as-of" action="/<?cs var:Document.Slug ?>" method="get">
  <label for="as-of-date">Read it as of a date</label>
  <input id="as-of-date" name="as_of" type="date" value="<?cs var:Page.AsOf ?>">
  <button type="submit">Show</button>
  <a href="/<?cs var:Document.Slug ?>.pdf<?cs var:Page.AsOfQuery ?>">Download the whole document (PDF)</a>
</form>
<h2>Contents</h2>
<?cs call:toc_list(Document.Slug, Toc) ?>
<?cs if:Document.IntroHtml ?>
<section class="intro" aria-labelledby="intro-heading">
<h2 id="intro-heading">Introduction</h2>
<?cs uvar:Document.IntroHtml ?>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs set:Page.Section = "handbook" ?>
<?cs include:"layout.cs" ?>
