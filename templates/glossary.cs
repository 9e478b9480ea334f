<?cs def:content() ?>
<h1>Glossary of Terms Relating to Employment</h1>
<p class="lead">The <?cs var:Glossary.Total ?> terms the handbook uses in limited and technical ways.
See the law or regulation for the precise meaning.</p>
<form class="filter" role="search" action="/glossary" method="get">
  <label for="glossary-q">Show only terms containing</label>
  <input id="glossary-q" name="q" type="search" maxlength="200" value="<?cs var:Glossary.Filter ?>">
  <button type="submit">Filter</button>
  <?cs if:Glossary.Filter ?><a href="/glossary">Show all terms</a><?cs /if ?>
</form>
<?cs if:Glossary.Filter ?>
<p class="search-status" role="status"><?cs if:Glossary.Count == 0 ?>No term<?cs elif:Glossary.Count == 1 ?>1 term<?cs else ?><?cs
  var:Glossary.Count ?> terms<?cs /if ?> of <?cs var:Glossary.Total ?> contain &ldquo;<?cs var:Glossary.Filter ?>&rdquo;<?cs
  if:Glossary.Count == 0 ?>. You can also <a href="/search?q=<?cs var:url_escape(Glossary.Filter) ?>">search the handbook</a> for it<?cs /if ?>.</p>
<?cs /if ?>
<?cs if:subcount(Glossary.Letters) > 0 ?>
<nav class="letters" aria-label="Letters">
<ul><?cs each:l = Glossary.Letters ?><li><a href="#letter-<?cs var:l.Letter ?>"><?cs var:l.Letter ?></a></li><?cs /each ?></ul>
</nav>
<?cs /if ?>
<?cs each:l = Glossary.Letters ?>
<section aria-labelledby="letter-<?cs var:l.Letter ?>">
<h2 id="letter-<?cs var:l.Letter ?>"><?cs var:l.Letter ?></h2>
<dl class="glossary">
<?cs each:t = l.Terms ?>
  <dt id="<?cs var:t.Slug ?>"><?cs var:t.Term ?></dt>
  <dd><?cs uvar:t.DefinitionHtml ?>
  <p class="term-more"><a href="/glossary/<?cs var:t.Slug ?>">More on <?cs var:t.Term ?></a></p></dd>
<?cs /each ?>
</dl>
</section>
<?cs /each ?>
<?cs /def ?>
<?cs set:Page.Section = "glossary" ?>
<?cs include:"layout.cs" ?>
