<?cs def:content() ?>
<h1>Laws and regulations cited</h1>
<p class="lead">The <?cs var:Citations.Count ?> statutes, regulations and orders that
<?cs var:Citations.Citing ?> sections cite in their legal references, with the sections citing each.
You can also <a href="/search">search</a> for a citation, such as <kbd>KRS 18A.095</kbd>.</p>
<?cs if:subcount(Citations.Groups) > 1 ?>
<nav aria-label="Codes"><ul class="letters">
<?cs each:g = Citations.Groups ?><li><a href="#code-<?cs var:g.Code ?>"><?cs var:g.Code ?></a></li><?cs /each ?>
</ul></nav>
<?cs /if ?>
<?cs each:g = Citations.Groups ?>
<section aria-labelledby="code-<?cs var:g.Code ?>">
<h2 id="code-<?cs var:g.Code ?>"><?cs var:g.Name ?></h2>
<dl class="citations">
<?cs each:law = g.Laws ?>
  <dt id="<?cs var:law.Anchor ?>"><?cs var:law.Cite ?></dt>
  <dd><ul><?cs each:s = law.Sections ?><li><a href="<?cs var:s.Url ?>"><?cs var:s.Title ?></a><?cs
    if:s.Status != "current" ?> <span class="meta">(<?cs var:s.Document ?>)</span><?cs /if ?></li><?cs /each ?></ul></dd>
<?cs /each ?>
</dl>
</section>
<?cs /each ?>
<?cs /def ?>
<?cs set:Page.Section = "handbook" ?>
<?cs include:"layout.cs" ?>
