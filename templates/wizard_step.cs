<?cs include:"wizard_macros.cs" ?>
<?cs def:content() ?>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/wizards">Wizards</a></li><li aria-current="page"><?cs var:Wizard.Title ?></li></ol></nav>
<h1><?cs var:Wizard.Title ?></h1>
<?cs if:Wizard.Intro ?><p class="lead"><?cs var:Wizard.Intro ?></p><?cs /if ?>
<?cs if:Step.Notice ?><div class="notice" role="alert"><p><?cs var:Step.Notice ?></p></div><?cs /if ?>
<form class="wizard-step" method="get" action="<?cs var:Step.Action ?>" novalidate>
<h2>Step <?cs var:Step.Number ?>: <?cs var:Step.Title ?></h2>
<?cs if:Step.Intro ?><p><?cs var:Step.Intro ?></p><?cs /if ?>
<?cs each:h = Step.Hidden ?><input type="hidden" name="<?cs var:h.Name ?>" value="<?cs var:h.Value ?>">
<?cs /each ?><?cs each:field = Step.Fields ?><?cs call:wz_field(field) ?><?cs /each ?>
<input type="hidden" name="go" value="1">
<div class="wizard-buttons">
<button type="submit">Continue</button>
<?cs if:Step.BackUrl ?><a class="back-link" href="<?cs var:Step.BackUrl ?>">Back to the previous question</a><?cs else ?><a class="back-link" href="/wizards">All wizards</a><?cs /if ?>
</div>
</form>
<?cs if:subcount(Wizard.Done) > 0 ?>
<section class="answers-so-far" aria-labelledby="answers-heading">
<h2 id="answers-heading">Your answers so far</h2>
<dl class="answers">
<?cs each:d = Wizard.Done ?><dt><?cs var:d.Question ?></dt><dd><?cs var:d.Answer ?> <a href="<?cs var:d.Url ?>">Change<span class="visually-hidden"> this answer</span></a></dd>
<?cs /each ?></dl>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs set:Page.Section = "wizards" ?>
<?cs include:"layout.cs" ?>
