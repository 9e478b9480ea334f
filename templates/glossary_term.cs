<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/glossary">Glossary</a></li><li aria-current="page"><?cs var:Term.Term ?></li></ol></nav>
<?cs if:Page.Preview ?><p class="notice preview" role="status">Preview of your draft of this term: nothing is published yet.
<a href="<?cs var:Page.PreviewEditUrl ?>">Back to the editor</a>.</p>
<?cs if:Page.PreviewProblem ?><p class="notice field-message"><?cs var:Page.PreviewProblem ?></p><?cs /if ?><?cs /if ?>
<article class="term-page" aria-labelledby="term-title">
<h1 id="term-title"><?cs var:Term.Term ?></h1>
<div class="definition">
<?cs uvar:Term.DefinitionHtml ?>
</div>
<?cs if:subcount(Term.SeeAlso) > 0 ?>
<section aria-labelledby="see-also">
<h2 id="see-also">See also</h2>
<ul class="see-also"><?cs each:t = Term.SeeAlso ?><li><a href="/glossary/<?cs var:t.Slug ?>"><?cs var:t.Term ?></a></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<?cs if:subcount(Term.ReferredBy) > 0 ?>
<section aria-labelledby="referred-by">
<h2 id="referred-by">Terms that refer to it</h2>
<ul class="see-also"><?cs each:t = Term.ReferredBy ?><li><a href="/glossary/<?cs var:t.Slug ?>"><?cs var:t.Term ?></a></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<section aria-labelledby="used-in">
<h2 id="used-in">Sections that use it</h2>
<?cs if:subcount(Term.Sections) > 0 ?>
<ul class="used-in"><?cs each:s = Term.Sections ?><li><a href="<?cs var:s.Url ?>"><?cs var:s.Title ?></a><?cs
  if:s.Status != "current" ?> <span class="meta">(<?cs var:s.Document ?>)</span><?cs /if ?></li><?cs /each ?></ul>
<?cs else ?>
<p>No section uses this term.</p>
<?cs /if ?>
</section>
<p><a href="/glossary#<?cs var:Term.Slug ?>">Back to the glossary</a></p>
</article>
<?cs /def ?>
<?cs set:Page.Section = "glossary" ?>
<?cs include:"layout.cs" ?>
