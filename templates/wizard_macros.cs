<?cs # Pieces shared by the wizard and calculator pages. ?>
<?cs # One question: radio buttons for choices and yes/no, a text box for
     numbers, with its explanation and, after a refused answer, the message
     next to it (linked with aria-describedby). ?>
<?cs def:wz_field(f) ?>
<?cs if:f.Kind == "choice" || f.Kind == "yesno" ?>
<fieldset class="field<?cs if:f.Error ?> field-invalid<?cs /if ?>" aria-describedby="<?cs if:f.Help ?>h-<?cs var:f.Name ?><?cs /if ?><?cs if:f.Error ?> e-<?cs var:f.Name ?><?cs /if ?>">
<legend><?cs var:f.Label ?></legend>
<?cs if:f.Help ?><p class="help" id="h-<?cs var:f.Name ?>"><?cs var:f.Help ?></p><?cs /if ?>
<?cs if:f.Error ?><p class="field-error" id="e-<?cs var:f.Name ?>"><strong>Error:</strong> <?cs var:f.Error ?></p><?cs /if ?>
<div class="options<?cs if:f.Kind == "yesno" ?> options-inline<?cs /if ?>">
<?cs each:o = f.Options ?><div class="option">
<input type="radio" id="f-<?cs var:f.Name ?>-<?cs name:o ?>" name="<?cs var:f.Name ?>" value="<?cs var:o.Value ?>"<?cs if:o.Checked ?> checked<?cs /if ?><?cs if:o.Help ?> aria-describedby="oh-<?cs var:f.Name ?>-<?cs name:o ?>"<?cs /if ?>>
<label for="f-<?cs var:f.Name ?>-<?cs name:o ?>"><?cs var:o.Label ?></label>
<?cs if:o.Help ?><p class="option-help" id="oh-<?cs var:f.Name ?>-<?cs name:o ?>"><?cs var:o.Help ?></p><?cs /if ?>
</div>
<?cs /each ?></div>
</fieldset>
<?cs else ?>
<div class="field<?cs if:f.Error ?> field-invalid<?cs /if ?>">
<label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?></label>
<?cs if:f.Help ?><p class="help" id="h-<?cs var:f.Name ?>"><?cs var:f.Help ?></p><?cs /if ?>
<?cs if:f.Error ?><p class="field-error" id="e-<?cs var:f.Name ?>"><strong>Error:</strong> <?cs var:f.Error ?></p><?cs /if ?>
<input type="text" inputmode="<?cs if:f.Kind == "whole" ?>numeric<?cs else ?>decimal<?cs /if ?>" id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" value="<?cs var:f.Value ?>" size="10" maxlength="64" autocomplete="off"<?cs if:f.Required ?> aria-required="true"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?> aria-describedby="<?cs if:f.Help ?>h-<?cs var:f.Name ?><?cs /if ?><?cs if:f.Error ?> e-<?cs var:f.Name ?><?cs /if ?>"><?cs if:f.Unit ?> <span class="unit"><?cs var:f.Unit ?></span><?cs /if ?>
</div>
<?cs /if ?>
<?cs /def ?>

<?cs # Outcome, figures, reasons, citations and next steps of a result. ?>
<?cs def:wz_outcome(r) ?>
<div class="outcome <?cs if:r.Eligible == "1" ?>outcome-yes<?cs else ?>outcome-no<?cs /if ?>" role="status">
<p class="outcome-text"><?cs var:r.Outcome ?></p>
<?cs if:r.Decided ?><p class="outcome-decided"><?cs var:r.Decided ?></p><?cs /if ?>
</div>
<?cs if:subcount(r.Figures) > 0 ?>
<h2 id="figures-heading">The figures</h2>
<dl class="figures" aria-labelledby="figures-heading">
<?cs each:fig = r.Figures ?><dt><?cs var:fig.Label ?></dt><dd><?cs var:fig.Value ?></dd>
<?cs /each ?></dl>
<?cs /if ?>
<?cs /def ?>

<?cs def:wz_explain(r) ?>
<section aria-labelledby="reasons-heading">
<h2 id="reasons-heading">Why</h2>
<ol class="reasons">
<?cs each:reason = r.Reasons ?><li><?cs var:reason ?></li>
<?cs /each ?></ol>
</section>
<section class="rule-citations" aria-labelledby="citations-heading">
<h2 id="citations-heading">Where the rules are</h2>
<ul>
<?cs each:c = r.Citations ?><li><span class="cite"><?cs var:c.Cite ?></span>, in the handbook section
<a href="<?cs var:c.Url ?>"><?cs var:c.Section ?></a></li>
<?cs /each ?></ul>
</section>
<?cs if:subcount(r.Requests) > 0 ?>
<section class="next-steps" aria-labelledby="next-heading">
<h2 id="next-heading">What you can do next</h2>
<ul>
<?cs each:l = r.Requests ?><li><a href="<?cs var:l.Url ?>"><?cs var:l.Title ?></a><?cs if:l.Description ?>
<span class="next-help"><?cs var:l.Description ?></span><?cs /if ?></li>
<?cs /each ?></ul>
</section>
<?cs /if ?>
<?cs /def ?>
