<?cs # Search results. Every var: is escaped; TitleHtml and SnippetHtml are
     built by search.c from escaped text and <mark> only; an answer's
     DefinitionHtml is the glossary's rendered definition. ?>
<?cs def:content() ?>
<h1>Search</h1>
<form class="big-search" role="search" aria-label="Search the documents" action="/search" method="get">
  <label for="search-q">Search the handbook, the orientation manual and the glossary</label>
  <input id="search-q" name="q" type="search" maxlength="200" value="<?cs var:Search.Query ?>"
    aria-describedby="search-help">
  <button type="submit">Search</button>
  <p id="search-help" class="hint">Words, <kbd>"a phrase"</kbd>, a beginning of a word with <kbd>*</kbd>
  (<kbd>reinstat*</kbd>), or a citation such as <kbd>KRS 18A.095</kbd> or <kbd>101 KAR 2:102</kbd>.</p>
</form>
<?cs if:Search.Empty ?>
<?cs if:Search.Query ?><p class="search-status" role="status">There is nothing to search for in
&ldquo;<?cs var:Search.Query ?>&rdquo;: type some words.</p><?cs /if ?>
<?cs else ?>
<?cs if:Search.Suggestion ?>
<p class="suggestion">Did you mean <a href="/search?q=<?cs var:url_escape(Search.Suggestion) ?>"><?cs var:Search.Suggestion ?></a>?</p>
<?cs /if ?>
<p class="search-status" role="status"><?cs if:Search.Cite ?><?cs
  if:Search.Total == 1 ?>1 result<?cs else ?><?cs var:Search.Total ?> results<?cs /if ?> citing or mentioning
  <a href="/citations#<?cs var:Search.CiteAnchor ?>"><?cs var:Search.Cite ?></a><?cs
 else ?><?cs if:Search.Total == 0 ?>No results<?cs elif:Search.Total == 1 ?>1 result<?cs else ?><?cs
  var:Search.Total ?> results<?cs /if ?> for &ldquo;<?cs var:Search.Query ?>&rdquo;<?cs /if ?><?cs
 if:Search.First ?> (showing <?cs var:Search.First ?>&ndash;<?cs var:Search.Last ?>)<?cs /if ?>.</p>
<?cs if:subcount(Search.Also) > 0 ?><p class="also-searched">Also searched: <?cs
  each:a = Search.Also ?><?cs if:name(a) != "0" ?>, <?cs /if ?><a href="/search?q=<?cs var:url_escape(a) ?>"><?cs var:a ?></a><?cs /each ?></p><?cs /if ?>
<?cs with:x = Search.Answer ?><?cs if:x.Kind ?>
<aside class="answer answer-<?cs var:x.Kind ?>" aria-label="Answer">
<?cs if:x.Kind == "glossary" ?>
  <p class="meta">Glossary term</p>
  <h2><a href="<?cs var:x.Url ?>"><?cs var:x.Title ?></a></h2>
  <div class="definition"><?cs uvar:x.DefinitionHtml ?></div>
<?cs else ?>
  <p class="meta"><?cs if:x.Kind == "wizard" ?>Wizard<?cs elif:x.Kind == "calculator" ?>Calculator<?cs else ?>Form<?cs /if ?></p>
  <h2><a href="<?cs var:x.Url ?>"><?cs var:x.Title ?></a></h2>
  <?cs if:x.Summary ?><p><?cs var:x.Summary ?></p><?cs /if ?>
  <?cs if:x.Question ?><p class="first-question">First question: <strong><?cs var:x.Question ?></strong></p><?cs /if ?>
  <p><a class="button" href="<?cs var:x.Url ?>"><?cs if:x.Kind == "form" ?>Fill in the form<?cs else ?>Start<?cs /if ?></a></p>
<?cs /if ?>
  <?cs if:x.SectionUrl ?><p class="cites">Handbook: <a href="<?cs var:x.SectionUrl ?>"><?cs var:x.SectionTitle ?></a><?cs
    each:c = x.Citations ?>; <?cs var:c ?><?cs /each ?></p><?cs /if ?>
</aside>
<?cs /if ?><?cs /with ?>
<?cs if:Search.Any ?><p class="notice">No page has all of your words; these have some of them.</p><?cs /if ?>
<?cs if:Search.Truncated ?><p class="notice">Only the first <?cs var:Search.Truncated ?> words were searched.</p><?cs /if ?>
<?cs if:Search.PastEnd ?><p class="notice">There are only <?cs var:Search.Pages ?> pages of results.
<a href="/search?q=<?cs var:url_escape(Search.Query) ?>&amp;page=<?cs var:Search.Pages ?>">Go to the last page</a>.</p><?cs /if ?>
<?cs if:Search.Total == 0 ?>
<p>Try other or fewer words, or browse the <a href="/handbook">handbook's contents</a>, the
<a href="/glossary">glossary</a> or the <a href="/citations">laws and regulations cited</a>.</p>
<?cs /if ?>
<?cs if:subcount(Search.Results) > 0 ?>
<ol class="results" start="<?cs var:Search.First ?>">
<?cs each:r = Search.Results ?>
  <li class="result result-<?cs var:r.Kind ?>">
    <h2><a href="<?cs var:r.Url ?>"><?cs uvar:r.TitleHtml ?></a></h2>
    <p class="meta"><?cs if:r.Kind == "glossary" ?>Glossary term<?cs else ?><?cs var:r.Document ?><?cs
      if:r.Status == "historical" ?> <span class="badge">historical</span><?cs
      elif:r.Status == "reference" ?> <span class="badge">reference</span><?cs /if ?><?cs /if ?><?cs
      if:r.Cites ?> &middot; cites <?cs var:r.Cites ?><?cs /if ?></p>
    <p class="snippet"><?cs uvar:r.SnippetHtml ?></p>
  </li>
<?cs /each ?>
</ol>
<?cs /if ?>
<?cs if:Search.PrevPage || Search.NextPage ?>
<nav class="pager" aria-label="Result pages">
<?cs if:Search.PrevPage ?><a rel="prev" href="/search?q=<?cs var:url_escape(Search.Query) ?>&amp;page=<?cs var:Search.PrevPage ?>">Previous page</a><?cs /if ?>
<span>Page <?cs var:Search.Page ?> of <?cs var:Search.Pages ?></span>
<?cs if:Search.NextPage ?><a rel="next" href="/search?q=<?cs var:url_escape(Search.Query) ?>&amp;page=<?cs var:Search.NextPage ?>">Next page</a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs /if ?>
<?cs /def ?>
<?cs set:Page.Section = "search" ?>
<?cs include:"layout.cs" ?>
