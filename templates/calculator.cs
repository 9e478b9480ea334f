<?cs include:"wizard_macros.cs" ?>
<?cs def:content() ?>
<?cs if:!Page.Print ?><nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/calculators">Calculators</a></li><li aria-current="page"><?cs var:Calc.Title ?></li></ol></nav><?cs /if ?>
<h1><?cs var:Calc.Title ?><?cs if:Result.Year ?> <?cs var:Result.Year ?><?cs /if ?></h1>
<?cs if:!Page.Print ?>
<p class="lead"><?cs var:Calc.Intro ?></p>
<?cs if:Calc.Notice ?><div class="notice" role="alert"><p><?cs var:Calc.Notice ?></p></div><?cs /if ?>
<form class="calc-form" method="get" action="<?cs var:Calc.Action ?>" novalidate>
<?cs each:field = Calc.Fields ?><?cs call:wz_field(field) ?><?cs /each ?>
<div class="wizard-buttons"><button type="submit">Calculate</button></div>
</form>
<?cs /if ?>
<?cs if:Result.Outcome ?>
<section class="calc-result" aria-labelledby="result-heading">
<h2 id="result-heading" class="visually-hidden">Result</h2>
<?cs call:wz_outcome(Result) ?>
<?cs if:subcount(Result.Table) > 0 ?>
<h2 id="table-heading">The annual leave table</h2>
<table class="content-table" aria-labelledby="table-heading">
<thead><tr><th scope="col">Months of service</th><th scope="col">Days a year</th><th scope="col">Days a month</th><th scope="col">Most carried forward (days)</th><th scope="col">Most carried forward (hours, <?cs var:Result.TableWeek ?>-hour week)</th></tr></thead>
<tbody>
<?cs each:row = Result.Table ?><tr<?cs if:row.Yours ?> class="yours"<?cs /if ?>><th scope="row"><?cs var:row.Months ?><?cs if:row.Yours ?> <strong class="badge">you</strong><?cs /if ?></th><td><?cs var:row.Days ?></td><td><?cs var:row.Monthly ?></td><td><?cs var:row.CarryDays ?></td><td><?cs var:row.CarryHours ?></td></tr>
<?cs /each ?></tbody>
</table>
<?cs /if ?>
<?cs if:subcount(Result.Holidays) > 0 ?>
<h2 id="holidays-heading">Holidays in <?cs var:Result.Year ?></h2>
<table class="content-table holidays" aria-labelledby="holidays-heading">
<thead><tr><th scope="col">Holiday</th><th scope="col">Falls on</th><th scope="col">Offices closed (observed)</th><th scope="col">Paid leave</th></tr></thead>
<tbody>
<?cs each:h = Result.Holidays ?><tr<?cs if:h.Extra ?> class="extra"<?cs /if ?>><th scope="row"><?cs var:h.Name ?></th><td><time datetime="<?cs var:h.Date ?>"><?cs var:h.DateLong ?></time></td><td><time datetime="<?cs var:h.Observed ?>"><?cs var:h.ObservedLong ?></time><?cs if:h.Moved ?> <strong class="badge">moved</strong><?cs /if ?></td><td><?cs var:h.Days ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th scope="row">Total</th><td colspan="2"></td><td><?cs var:Result.TotalDays ?> days</td></tr></tfoot>
</table>
<?cs if:!Page.Print ?><p><a class="ics-link" href="<?cs var:Result.IcsUrl ?>" download>Download the <?cs var:Result.Year ?> holidays as a calendar file (.ics)</a>
for Outlook, Google Calendar or Apple Calendar.</p><?cs /if ?>
<?cs /if ?>
<?cs call:wz_explain(Result) ?>
<?cs if:!Page.Print ?><p class="result-actions no-print"><a class="print-link" href="<?cs var:Result.PrintUrl ?>">Print view</a></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs set:Page.Section = "wizards" ?>
<?cs include:"layout.cs" ?>
