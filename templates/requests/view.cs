<?cs def:content() ?>
<h1><?cs var:Request.Heading ?></h1>
<p class="status status-<?cs var:Request.Status ?>"><strong><?cs var:Request.StatusLabel ?></strong><?cs
 if:Request.Assignee.Name && (Request.Status == "pending") ?>: with <?cs var:Request.Assignee.Name ?> (<?cs var:Request.StepKindLabel ?>)<?cs /if ?><?cs
 if:Request.DueOn ?>, <?cs if:Request.Status == "decided" ?>you may appeal until<?cs else ?>due by<?cs /if ?> <?cs var:Request.DueOn ?><?cs /if ?></p>
<?cs if:!Page.Print ?><p class="print-link"><a href="/requests/<?cs var:Request.Id ?>/pdf">Download the document (PDF)</a> ·
<a href="/requests/<?cs var:Request.Id ?>/print">Print view</a></p><?cs /if ?>
<?cs if:Request.Status == "draft" && Actions.Edit.Path ?><p class="notice">This is a draft: nobody else can see it
yet. <a href="<?cs var:Actions.Edit.Path ?>">Change answers</a> or <a href="<?cs var:Actions.Review.Path ?>">review and sign it</a>.</p><?cs /if ?>
<table class="summary">
<tr><th scope="row">Filed by</th><td><?cs var:Request.Owner.Name ?> (employee ID <?cs var:Request.Owner.EmployeeId ?>), <?cs var:Request.Owner.Agency ?></td></tr>
<?cs if:Request.Summary ?><tr><th scope="row">Dates</th><td><?cs var:Request.Summary ?></td></tr><?cs /if ?>
<?cs if:Request.SubmittedAt ?><tr><th scope="row">Submitted</th><td><?cs var:Request.SubmittedAt ?></td></tr><?cs /if ?>
<?cs if:Request.ClosedAt ?><tr><th scope="row">Completed</th><td><?cs var:Request.ClosedAt ?></td></tr><?cs /if ?>
<?cs if:Request.ReviewOn ?><tr><th scope="row">Annual review due</th><td><?cs var:Request.ReviewOn ?></td></tr><?cs /if ?>
</table>

<?cs if:subcount(Request.Levels) > 0 ?>
<h2 id="levels">Review levels</h2>
<?cs if:Request.FiledWithSecondLine ?><p>Filed with the second-line supervisor (101 KAR 1:375, Section 3).</p><?cs /if ?>
<table class="data"><thead><tr><th scope="col">Level</th><th scope="col">Reviewer</th><th scope="col">Role</th></tr></thead><tbody>
<?cs each:l = Request.Levels ?><tr<?cs if:l.Current ?> class="current"<?cs /if ?>><td><?cs var:l.Level ?></td><td><?cs var:l.Name ?><?cs if:l.Current ?> (now)<?cs /if ?></td><td><?cs var:l.Kind ?></td></tr>
<?cs /each ?></tbody></table>
<?cs /if ?>

<?cs if:Request.Wizard.EvaluatedOn ?>
<h2 id="wizard">The wizard's result</h2>
<p>Run on <?cs var:Request.Wizard.EvaluatedOn ?>: <strong><?cs if:Request.Wizard.Eligible == "1" ?>eligible<?cs else ?>not eligible<?cs /if ?></strong>. <?cs var:Request.Wizard.Figures ?>.</p>
<ul><?cs each:r = Request.Wizard.Reasons ?><li><?cs var:r ?></li><?cs /each ?></ul>
<p class="meta">Sources: <?cs each:c = Request.Wizard.Citations ?><a href="<?cs var:c.Url ?>"><?cs var:c.Cite ?></a><?cs if:!last(c) ?>; <?cs /if ?><?cs /each ?></p>
<?cs /if ?>
<?cs if:Request.Check.Figures ?>
<h2 id="check">The handbook's rules, checked again today</h2>
<p>On this request's answers: <strong><?cs if:Request.Check.Eligible == "1" ?>eligible<?cs else ?>not eligible<?cs /if ?></strong>. <?cs var:Request.Check.Figures ?>.</p>
<?cs if:Request.Wizard.EvaluatedOn ?><?cs if:Request.Check.Changed == "1" ?>
<div class="notice" role="status"><p><strong>Changed since the wizard was run:</strong></p><ul><?cs each:c = Request.Check.Changes ?><li><?cs var:c ?></li><?cs /each ?></ul></div>
<?cs else ?><p>No change since the wizard was run.</p><?cs /if ?><?cs /if ?>
<?cs if:!Request.Wizard.EvaluatedOn || Request.Check.Changed == "1" ?>
<ul><?cs each:r = Request.Check.Reasons ?><li><?cs var:r ?></li><?cs /each ?></ul>
<p class="meta">Sources: <?cs each:c = Request.Check.Citations ?><a href="<?cs var:c.Url ?>"><?cs var:c.Cite ?></a><?cs if:!last(c) ?>; <?cs /if ?><?cs /each ?></p>
<?cs /if ?>
<?cs /if ?>

<?cs if:Request.Sharing.Program ?>
<h2 id="ledger">Donated leave</h2>
<table class="summary">
<tr><th scope="row">Hours requested</th><td><?cs var:Request.Sharing.Requested ?></td></tr>
<?cs if:Request.Sharing.Certified ?><tr><th scope="row">Hours certified as needed</th><td><?cs var:Request.Sharing.Certified ?></td></tr>
<tr><th scope="row">Still needed</th><td><?cs var:Request.Sharing.Remaining ?></td></tr><?cs /if ?>
<tr><th scope="row">Hours received</th><td><?cs var:Request.Sharing.Received ?></td></tr>
<tr><th scope="row">Hours returned to donors</th><td><?cs var:Request.Sharing.Returned ?></td></tr>
<?cs if:Request.Sharing.Used ?><tr><th scope="row">Donated hours used</th><td><?cs var:Request.Sharing.Used ?> (back at work <?cs var:Request.Sharing.ReturnedOn ?>)</td></tr><?cs /if ?>
</table>
<?cs if:subcount(Request.Sharing.Donations) > 0 ?>
<table class="data"><caption>Donations, in the order received</caption><thead><tr><th scope="col">Received</th><th scope="col">Donor</th><th scope="col">Offered</th><th scope="col">Transferred</th><th scope="col">Returned</th><th scope="col">Status</th></tr></thead><tbody>
<?cs each:d = Request.Sharing.Donations ?><tr><td><?cs var:d.ReceivedAt ?></td><td><?cs var:d.Donor ?> (<?cs var:d.EmployeeId ?>)</td><td><?cs var:d.Offered ?></td><td><?cs var:d.Transferred ?></td><td><?cs var:d.Restored ?></td><td><?cs var:d.Status ?></td></tr>
<?cs /each ?></tbody></table>
<?cs /if ?>
<?cs /if ?>
<?cs if:Request.Donation.Recipient ?>
<h2 id="donation">The donation</h2>
<p>To <?cs var:Request.Donation.Recipient ?> (employee ID <?cs var:Request.Donation.RecipientId ?>).
<?cs if:Request.Donation.Transferred ?>Transferred: <?cs var:Request.Donation.Transferred ?> hours; returned: <?cs var:Request.Donation.Restored ?> hours.<?cs else ?>Not transferred yet.<?cs /if ?></p>
<?cs /if ?>

<?cs each:s = Request.Sections ?>
<h2><?cs var:s.Heading ?></h2>
<dl class="answers">
<?cs each:f = s.Fields ?><?cs if:f.Value ?><dt><?cs var:f.Label ?></dt><dd class="answer"><?cs var:f.Value ?></dd>
<?cs /if ?><?cs /each ?>
</dl>
<?cs /each ?>

<?cs if:subcount(Request.Signatures) > 0 ?>
<h2 id="signatures">Signatures</h2>
<p class="declaration"><?cs var:Request.Declaration ?></p>
<ul><?cs each:g = Request.Signatures ?><li><?cs if:g.Role == "employee" ?>Signed by typing "<?cs var:g.TypedName ?>"<?cs else ?>Approved by <?cs var:g.Name ?><?cs /if ?>, <?cs var:g.SignedAt ?></li><?cs /each ?></ul>
<?cs /if ?>

<h2 id="history">History</h2>
<table class="data"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Note</th></tr></thead><tbody>
<?cs each:h = Request.History ?><tr class="event-<?cs var:h.Kind ?>"><td><?cs var:h.At ?></td><td><?cs var:h.Who ?></td><td><?cs var:h.Action ?></td><td class="note"><?cs var:h.Note ?></td></tr>
<?cs /each ?></tbody></table>

<?cs if:!Page.Print ?>
<?cs if:Actions.Approve.Path || Actions.Deny.Path || Actions.Withdraw.Path || Actions.Appeal.Path || Actions.Accept.Path || Actions.Return.Path ?>
<section class="actions" aria-labelledby="actions-title">
<h2 id="actions-title">What you can do</h2>
<?cs if:Actions.Approve.Path ?>
<form method="post" action="<?cs var:Actions.Approve.Path ?>" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Actions.Approve.Csrf ?>">
<h3><?cs if:Request.Type == "grievance" ?>Grant the grievance<?cs else ?>Approve<?cs /if ?></h3>
<?cs if:Actions.Approve.Error ?><p class="field-message" id="approve-error"><?cs var:Actions.Approve.Error ?></p><?cs /if ?>
<label for="approve-note"><?cs if:Request.Type == "grievance" ?>Findings and decision (required)<?cs else ?>Note (optional)<?cs /if ?></label>
<p class="hint" id="approve-note-hint"><?cs if:Request.PrivateMatter ?>Stays in the portal: the email tells <?cs var:Request.Owner.Name ?> only that the request was decided.<?cs else ?>The email to <?cs var:Request.Owner.Name ?> includes this note.<?cs /if ?></p>
<textarea id="approve-note" name="note" rows="3" maxlength="2000" aria-describedby="approve-note-hint"></textarea>
<?cs if:Request.Sharing.Program ?><label for="approve-hours">Hours certified as needed (at most <?cs var:Request.Sharing.Requested ?>; blank: as requested)</label>
<input id="approve-hours" name="hours" type="text" inputmode="decimal" size="10"><?cs /if ?>
<button type="submit"><?cs if:Request.Type == "grievance" ?>Grant<?cs else ?>Approve<?cs /if ?></button>
</form>
<?cs /if ?>
<?cs if:Actions.Deny.Path ?>
<form method="post" action="<?cs var:Actions.Deny.Path ?>" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Actions.Deny.Csrf ?>">
<h3><?cs if:Request.Type == "grievance" ?>Deny, with findings<?cs else ?>Deny<?cs /if ?></h3>
<?cs if:Actions.Deny.Error ?><p class="field-message" id="deny-error"><?cs var:Actions.Deny.Error ?></p><?cs /if ?>
<label for="deny-note"><?cs if:Request.Type == "grievance" ?>Findings and decision<?cs else ?>Reason<?cs /if ?> (required)</label>
<p class="hint" id="deny-note-hint"><?cs if:Request.PrivateMatter ?>Stays in the portal: the email tells <?cs var:Request.Owner.Name ?> only that the request was decided and what they can do next.<?cs else ?>The email to <?cs var:Request.Owner.Name ?> includes this reason and the next step they can take.<?cs /if ?></p>
<textarea id="deny-note" name="note" rows="3" maxlength="2000"<?cs if:Actions.Deny.Error ?> aria-invalid="true" aria-describedby="deny-error deny-note-hint"<?cs else ?> aria-describedby="deny-note-hint"<?cs /if ?>></textarea>
<button type="submit">Deny</button>
</form>
<?cs /if ?>
<?cs if:Actions.Appeal.Path ?>
<form method="post" action="<?cs var:Actions.Appeal.Path ?>" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Actions.Appeal.Csrf ?>">
<h3>Take it to the next level</h3>
<p>You may appeal this decision to the next review level until <?cs var:Request.DueOn ?>.</p>
<button type="submit">Appeal to the next level</button>
</form>
<?cs /if ?>
<?cs if:Actions.Accept.Path ?>
<form method="post" action="<?cs var:Actions.Accept.Path ?>" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Actions.Accept.Csrf ?>">
<button type="submit">I accept this decision</button>
</form>
<?cs /if ?>
<?cs if:Actions.Return.Path ?>
<form method="post" action="<?cs var:Actions.Return.Path ?>" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Actions.Return.Csrf ?>">
<h3>The recipient is back at work</h3>
<?cs if:Actions.Return.Error ?><p class="field-message" id="return-error"><?cs var:Actions.Return.Error ?></p><?cs /if ?>
<label for="used-hours">Donated hours the recipient used (the rest go back to the donors, newest donation first)</label>
<input id="used-hours" name="used_hours" type="text" inputmode="decimal" size="10"<?cs if:Actions.Return.Error ?> aria-invalid="true" aria-describedby="return-error"<?cs /if ?>>
<button type="submit">Record the return to work</button>
</form>
<?cs /if ?>
<?cs if:Actions.Withdraw.Path ?>
<form method="post" action="<?cs var:Actions.Withdraw.Path ?>" class="action-form">
<input type="hidden" name="csrf" value="<?cs var:Actions.Withdraw.Csrf ?>">
<button type="submit" class="secondary"><?cs if:Request.Status == "draft" ?>Discard this draft<?cs else ?>Withdraw this request<?cs /if ?></button>
</form>
<?cs /if ?>
</section>
<?cs /if ?>
<?cs /if ?>
<p class="meta"><a href="/handbook/<?cs var:Request.Handbook ?>">What the Employee Handbook says</a></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
