<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li aria-current="page">Wizards and calculators</li></ol></nav>
<h1>Wizards and calculators</h1>
<p class="lead">Find out what you are entitled to before you ask anyone. Each wizard asks only what it
needs, one step at a time, explains every question, and ends with an answer that states the rule it
applied and where the handbook and the law say so. Nothing you enter is saved or sent.</p>

<section aria-labelledby="wizards-heading">
<h2 id="wizards-heading">Wizards</h2>
<ul class="tool-list">
<?cs each:w = Wizards ?><li><h3><a href="<?cs var:w.Url ?>"><?cs var:w.Title ?></a></h3>
<p><?cs var:w.Summary ?></p></li>
<?cs /each ?></ul>
</section>

<section aria-labelledby="calculators-heading">
<h2 id="calculators-heading">Calculators</h2>
<ul class="tool-list">
<?cs each:c = Calculators ?><li><h3><a href="<?cs var:c.Url ?>"><?cs var:c.Title ?></a></h3>
<p><?cs var:c.Summary ?></p></li>
<?cs /each ?></ul>
</section>

<section aria-labelledby="api-heading">
<h2 id="api-heading">For other programs</h2>
<p>The same answers are available as JSON: <?cs each:w = Wizards ?><code><?cs var:w.Api ?></code>, <?cs /each ?>
<code>/api/calculators/annual-leave</code>, <code>/api/calculators/sick-leave</code> and
<code>/api/calculators/holidays</code>, with the wizards' answers as query parameters.</p>
</section>
<?cs /def ?>
<?cs set:Page.Section = "wizards" ?>
<?cs include:"layout.cs" ?>
