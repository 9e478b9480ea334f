<?cs def:content() ?>
<h1>Glossary of Terms Relating to Employment</h1>
<?cs if:Page.Preview ?><p class="notice preview" role="status">Preview of your draft of this term: nothing is published yet.
<a href="<?cs var:Page.PreviewEditUrl ?>">Back to the editor</a>.</p>
<?cs if:Page.PreviewProblem ?><p class="notice field-message"><?cs var:Page.PreviewProblem ?></p><?cs /if ?><?cs /if ?>
<p class="lead">The <?cs var:Glossary.Count ?> terms the handbook uses in limited and technical ways.
See the law or regulation for the precise meaning.</p>
<nav class="letters" aria-label="Letters">
<ul><?cs each:l = Glossary.Letters ?><li><a href="#letter-<?cs var:l.Letter ?>"><?cs var:l.Letter ?></a></li><?cs /each ?></ul>
</nav>
<?cs each:l = Glossary.Letters ?>
<section aria-labelledby="letter-<?cs var:l.Letter ?>">
<h2 id="letter-<?cs var:l.Letter ?>"><?cs var:l.Letter ?></h2>
<dl class="glossary">
<?cs each:t = l.Terms ?>
  <dt id="<?cs var:t.Slug ?>"><?cs var:t.Term ?></dt>
  <dd><?cs uvar:t.DefinitionHtml ?></dd>
<?cs /each ?>
</dl>
</section>
<?cs /each ?>
<?cs /def ?>
<?cs set:Page.Section = "glossary" ?>
<?cs include:"layout.cs" ?>
