<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1>Your Employee Handbook, answers and requests in one place</h1>
<p class="lead">Read the Kentucky Executive Branch Employee Handbook section by section, look up HR terms,
find out what you are entitled to, and file the requests your supervisor and HR act on.</p>

<form class="big-search" role="search" aria-label="Search the documents" action="/search" method="get">
  <label for="home-search-q">Search the handbook, the orientation manual and the glossary</label>
  <input id="home-search-q" name="q" type="search" maxlength="200" placeholder="e.g. sick leave, KRS 18A.095" value="<?cs var:Query.q ?>">
  <button type="submit">Search</button>
</form>

<?cs if:subcount(Tools) > 0 ?>
<section aria-labelledby="tools-heading">
<h2 id="tools-heading">Find out and ask</h2>
<ul class="tools">
<?cs each:tool = Tools ?><li><a href="<?cs var:tool.Url ?>"><?cs var:tool.Title ?></a> <span><?cs var:tool.Description ?></span></li><?cs /each ?>
</ul>
</section>
<?cs /if ?>

<section aria-labelledby="handbook-heading">
<h2 id="handbook-heading">The Employee Handbook</h2>
<?cs call:toc_list("handbook", Toc) ?>
</section>

<section aria-labelledby="documents-heading">
<h2 id="documents-heading">Documents</h2>
<ul class="documents">
<?cs each:doc = Documents ?>
  <li><a href="/<?cs var:doc.Slug ?>"><?cs var:doc.Title ?></a><?cs if:doc.Status == "historical" ?> <span class="badge">historical</span><?cs /if ?>
  <p><?cs var:doc.Description ?></p></li>
<?cs /each ?>
</ul>
</section>
<?cs /def ?>
<?cs # The page has its own big search box: the header leaves its own out. ?>
<?cs set:Page.Home = 1 ?>
<?cs include:"layout.cs" ?>
