<?cs include:"wizard_macros.cs" ?>
<?cs def:content() ?>
<?cs if:!Page.Print ?><nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/wizards">Wizards</a></li><li aria-current="page"><?cs var:Wizard.Title ?></li></ol></nav><?cs /if ?>
<h1><?cs var:Wizard.Title ?>: your answer</h1>
<?cs call:wz_outcome(Result) ?>
<?cs if:subcount(Result.Compare.Rows) > 0 ?>
<section class="fmla-compare" aria-labelledby="compare-heading">
<h2 id="compare-heading">The state's rules beside the federal FMLA</h2>
<p>Kentucky's rules for state employees go further than the federal Family and Medical Leave Act.
Here is your case under both; rows marked <strong>different</strong> are where the state does better.</p>
<table class="content-table">
<thead><tr><th scope="col">For you</th><th scope="col">State rules (what applies to you)</th><th scope="col">Federal FMLA alone</th></tr></thead>
<tbody>
<?cs each:row = Result.Compare.Rows ?><tr<?cs if:row.Differs ?> class="differs"<?cs /if ?>><th scope="row"><?cs var:row.Label ?><?cs if:row.Differs ?> <strong class="badge">different</strong><?cs /if ?></th><td><?cs var:row.State ?></td><td><?cs var:row.Federal ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs if:subcount(Result.Compare.Differences) > 0 ?>
<ul class="differences">
<?cs each:d = Result.Compare.Differences ?><li><?cs var:d ?></li>
<?cs /each ?></ul>
<?cs /if ?>
</section>
<?cs /if ?>
<?cs call:wz_explain(Result) ?>
<section class="answers-so-far" aria-labelledby="answers-heading">
<h2 id="answers-heading">Your answers</h2>
<dl class="answers">
<?cs each:d = Wizard.Done ?><dt><?cs var:d.Question ?></dt><dd><?cs var:d.Answer ?><?cs if:!Page.Print ?> <a href="<?cs var:d.Url ?>">Change<span class="visually-hidden"> this answer</span></a><?cs /if ?></dd>
<?cs /each ?></dl>
</section>
<?cs if:!Page.Print ?>
<p class="result-actions no-print">
<?cs if:Result.BackUrl ?><a href="<?cs var:Result.BackUrl ?>">Back to the last question</a> &middot; <?cs /if ?>
<a class="print-link" href="<?cs var:Result.PrintUrl ?>">Print view</a> &middot;
<a href="<?cs var:Result.ApiUrl ?>">This answer as JSON</a> &middot;
<a href="/wizards/<?cs var:Wizard.Slug ?>">Start again</a></p>
<?cs /if ?>
<p class="meta">This is guidance from the Employee Handbook, not a decision: your agency's human
resource administrator and the Personnel Cabinet decide each request.</p>
<?cs /def ?>
<?cs set:Page.Section = "wizards" ?>
<?cs include:"layout.cs" ?>
