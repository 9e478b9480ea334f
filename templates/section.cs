<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs call:breadcrumbs(Document, Section.Parents, Section.Title) ?>
<article class="section" aria-labelledby="section-title">
<h1 id="section-title"><?cs var:Section.Title ?></h1>
<p class="meta"><?cs var:Document.Title ?><?cs if:Document.Status == "historical" ?> (historical; the
<a href="/handbook">Employee Handbook</a> states current policy)<?cs /if ?>.
<?cs if:Page.Preview ?>Draft, not yet published<?cs if:Section.EffectiveDate ?>; to take effect on <?cs var:Section.EffectiveDate ?><?cs /if ?>.<?cs
else ?>Version <?cs var:Section.Version ?>, in effect since <?cs var:Section.EffectiveDate ?>.<?cs /if ?>
<?cs if:!Page.Print ?><a class="print-link" href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/print">Print view</a>
<a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/history">History</a><?cs /if ?></p>
<?cs if:Page.Preview ?><p class="notice preview" role="status">Preview of your draft: this is how the section will read once published<?cs if:Section.EffectiveDate ?> (in effect from <?cs var:Section.EffectiveDate ?>)<?cs /if ?>. Nothing is published yet.
<a href="<?cs var:Page.PreviewEditUrl ?>">Back to the editor</a>.</p>
<?cs if:Page.PreviewProblem ?><p class="notice field-message"><?cs var:Page.PreviewProblem ?></p><?cs /if ?><?cs /if ?>
<?cs if:Page.AsOf ?><p class="notice">You are reading this section as it stood on <?cs var:Page.AsOf ?>.
<a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>">Read the current text</a>.</p><?cs /if ?>
<?cs if:Page.VersionView ?><p class="notice">You are reading version <?cs var:Section.Version ?> of this section<?cs if:Section.Summary ?> (<?cs var:Section.Summary ?>)<?cs /if ?>.
<?cs if:Section.Version != Current.Version ?>The version in effect today is <a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>">version <?cs var:Current.Version ?></a>.<?cs /if ?></p><?cs /if ?>
<?cs if:Section.Upcoming.Date && !Page.VersionView ?><p class="notice upcoming">This section changes on <?cs var:Section.Upcoming.Date ?><?cs if:Section.Upcoming.Summary ?>: <?cs var:Section.Upcoming.Summary ?><?cs /if ?>.
<a href="/<?cs var:Document.Slug ?>/<?cs var:Section.Slug ?>/history/<?cs var:Section.Upcoming.Version ?>">Read the new version</a>.</p><?cs /if ?>
<?cs if:subcount(Section.Children) > 0 ?>
<h2>In this <?cs if:Section.Kind == "part" ?>part<?cs else ?>group<?cs /if ?></h2>
<ul class="toc">
<?cs each:child = Section.Children ?><li><a href="/<?cs var:Document.Slug ?>/<?cs var:child.Slug ?><?cs var:Page.AsOfQuery ?>"><?cs var:child.Title ?></a></li><?cs /each ?>
</ul>
<?cs /if ?>
<div class="section-body">
<?cs uvar:Section.BodyHtml ?>
</div>
<?cs if:subcount(Section.Tools) > 0 && !Page.Print ?>
<aside class="related-tools" aria-labelledby="tools-heading">
<h2 id="tools-heading">Related tools</h2>
<ul>
<?cs each:t = Section.Tools ?><li><a href="<?cs var:t.Url ?>"><?cs var:t.Name ?></a></li><?cs /each ?>
</ul>
</aside>
<?cs /if ?>
<?cs if:subcount(Section.Citations) > 0 ?>
<section class="legal-references" aria-labelledby="legal-heading">
<h2 id="legal-heading">Legal references</h2>
<ul>
<?cs each:c = Section.Citations ?><li><a href="/citations#<?cs var:c.Anchor ?>"><?cs var:c.Cite ?></a></li><?cs /each ?>
</ul>
</section>
<?cs /if ?>
<?cs if:subcount(Section.Terms) > 0 ?>
<section class="term-definitions" aria-labelledby="terms-heading">
<h2 id="terms-heading">Terms used in this section</h2>
<dl>
<?cs each:t = Section.Terms ?><dt><a href="/glossary/<?cs var:t.Slug ?>"><?cs var:t.Term ?></a></dt>
<dd id="term-<?cs var:t.Slug ?>"><?cs var:t.Short ?></dd>
<?cs /each ?></dl>
</section>
<?cs /if ?>
</article>
<?cs if:!Page.Print ?>
<nav class="prev-next" aria-label="Previous and next sections">
<?cs if:Section.Prev.Slug ?><a rel="prev" href="/<?cs var:Document.Slug ?>/<?cs var:Section.Prev.Slug ?><?cs var:Page.AsOfQuery ?>">Previous: <?cs var:Section.Prev.Title ?></a><?cs /if ?>
<?cs if:Section.Next.Slug ?><a rel="next" href="/<?cs var:Document.Slug ?>/<?cs var:Section.Next.Slug ?><?cs var:Page.AsOfQuery ?>">Next: <?cs var:Section.Next.Title ?></a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /def ?>
<?cs set:Page.Section = "handbook" ?>
<?cs include:"layout.cs" ?>
