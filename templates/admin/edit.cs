<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1><?cs if:Item.Latest == 0 ?>New <?cs if:Edit.Kind == "term" ?>glossary term<?cs else ?>section<?cs /if ?>: <?cs /if ?><?cs var:Edit.Title ?></h1>
<p class="meta"><?cs if:Item.Latest > 0 ?>Version <?cs var:Item.Latest ?> is the newest (in effect from <?cs var:Item.LatestDate ?>).
<a href="<?cs var:Item.Path ?>">Read it</a><?cs if:Item.HistoryUrl ?> · <a href="<?cs var:Item.HistoryUrl ?>">History</a><?cs /if ?><?cs else ?>Nothing is published yet: readers do not see it until you publish a first version.<?cs /if ?></p>
<?cs if:Edit.Published ?><p class="notice" role="status">Published version <?cs var:Edit.Published ?>.<?cs if:Item.HistoryUrl && Edit.Published > 1 ?>
<a href="/<?cs var:Item.Document ?>/<?cs var:Item.Slug ?>/diff?from=<?cs var:Edit.Published - 1 ?>&amp;to=<?cs var:Edit.Published ?>">See what changed</a>.<?cs /if ?>
<?cs if:Edit.TakesEffect ?>It takes effect on <?cs var:Edit.TakesEffect ?>: until then readers see the version in effect today.<?cs /if ?>
<?cs if:?Edit.Announced.Count ?><?cs if:Edit.Announced.Count > 0 ?>Announced on What's new and sent to <?cs var:Edit.Announced.Count ?> <?cs if:Edit.Announced.Count == 1 ?>person<?cs else ?>people<?cs /if ?>.<?cs else ?>Announced on What's new. No email went out: nobody subscribes to this section yet.<?cs /if ?><?cs /if ?>
<?cs if:Edit.PublishedMaterial ?><?cs if:subcount(Impact.Campaigns) > 0 ?>Marked material: its acknowledgement <?cs if:subcount(Impact.Campaigns) == 1 ?>campaign is<?cs else ?>campaigns are<?cs /if ?> re-opened, and everyone <?cs if:subcount(Impact.Campaigns) == 1 ?>it covers<?cs else ?>they cover<?cs /if ?> must acknowledge version <?cs var:Edit.Published ?>.<?cs else ?>Marked material, but no acknowledgement campaign covers this section, so nobody is asked to acknowledge it. <a href="/admin/acknowledgements">Start a campaign</a>.<?cs /if ?><?cs /if ?></p><?cs /if ?>
<?cs if:Edit.Saved ?><p class="notice" role="status">Your draft is saved. Nobody else sees it until you publish it.</p><?cs /if ?>
<?cs if:Edit.Created ?><p class="notice" role="status">Created. Write its text and publish it to make it visible.</p><?cs /if ?>
<?cs if:Edit.Moved ?><p class="notice" role="status">Moved. The table of contents shows it in its new place.</p><?cs /if ?>
<?cs if:Edit.RetiredNow ?><p class="notice" role="status">Retired: readers no longer see it. You can restore it below.</p><?cs /if ?>
<?cs if:Edit.Restored ?><p class="notice" role="status">Restored: readers see it again.</p><?cs /if ?>
<?cs if:Item.Retired && Item.Latest > 0 ?><p class="notice">This is retired: readers do not see it.</p><?cs /if ?>
<?cs if:Edit.HasDraft ?><p class="notice">You are editing your saved draft<?cs if:Edit.Updated ?> (saved <?cs var:Edit.Updated ?>)<?cs /if ?>. <a href="<?cs var:Item.PreviewUrl ?>">Preview it</a>.</p><?cs /if ?>
<?cs if:subcount(Edit.OtherDrafts) > 0 ?><div class="notice" role="status"><p>Others are editing this too:</p><ul>
<?cs each:d = Edit.OtherDrafts ?><li><?cs var:d.Name ?> has a draft (saved <?cs var:d.Updated ?>, from version <?cs var:d.Base ?>).</li><?cs /each ?>
</ul><p>If one of you saves after the other, the portal shows the differences instead of overwriting.</p></div><?cs /if ?>
<?cs if:Edit.Errors.Count ?>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">Nothing was saved: please correct this</h2>
<ul>
<?cs if:Edit.Errors.Title ?><li><a href="#e-title">Title</a>: <?cs var:Edit.Errors.Title ?></li><?cs /if ?>
<?cs if:Edit.Errors.Body ?><li><a href="#e-body">Text</a>: <?cs var:Edit.Errors.Body ?></li><?cs /if ?>
<?cs if:Edit.Errors.Citations ?><li><a href="#e-citations">Legal references</a>: <?cs var:Edit.Errors.Citations ?></li><?cs /if ?>
<?cs if:Edit.Errors.Summary ?><li><a href="#e-summary">Summary</a>: <?cs var:Edit.Errors.Summary ?></li><?cs /if ?>
<?cs if:Edit.Errors.EffectiveDate ?><li><a href="#e-date">Effective date</a>: <?cs var:Edit.Errors.EffectiveDate ?></li><?cs /if ?>
</ul>
</div>
<?cs /if ?>
<div class="editor">
<div class="editor-main">
<?cs call:edit_form() ?>
</div>
<?cs if:Edit.Kind == "section" ?>
<aside class="impact" aria-labelledby="impact-title">
<h2 id="impact-title">Change impact</h2>
<p class="meta">What depends on this section: check these before you publish.</p>
<h3>Wizards and calculators</h3>
<?cs if:subcount(Impact.Tools) > 0 ?><ul><?cs each:t = Impact.Tools ?><li><a href="<?cs var:t.Url ?>"><?cs var:t.Name ?></a></li><?cs /each ?></ul>
<?cs if:subcount(Impact.Cites) > 0 ?><p class="meta">Their rules cite this section for: <?cs each:c = Impact.Cites ?><?cs var:c ?><?cs if:!last(c) ?>; <?cs /if ?><?cs /each ?>.</p><?cs /if ?>
<?cs else ?><p class="meta">No wizard's rules cite this section.</p><?cs /if ?>
<h3>Forms</h3>
<?cs if:subcount(Impact.Forms) > 0 ?><ul><?cs each:f = Impact.Forms ?><li><a href="<?cs var:f.Url ?>"><?cs var:f.Title ?></a></li><?cs /each ?></ul>
<?cs else ?><p class="meta">No form follows this section.</p><?cs /if ?>
<h3>Open requests</h3>
<?cs if:Impact.Requests.Count > 0 ?><p><?cs var:Impact.Requests.Count ?> open under these forms:</p>
<ul><?cs each:r = Impact.Requests.Items ?><li><a href="/requests/<?cs var:r.Id ?>">Request <?cs var:r.Id ?></a>: <?cs var:r.Title ?> from <?cs var:r.Owner ?> (<?cs var:r.Status ?>)</li><?cs /each ?></ul>
<?cs else ?><p class="meta">None.</p><?cs /if ?>
<h3>Glossary terms used</h3>
<?cs if:subcount(Impact.Terms) > 0 ?><ul class="terms"><?cs each:t = Impact.Terms ?><li><a href="/admin/glossary/<?cs var:t.Slug ?>"><?cs var:t.Term ?></a></li><?cs /each ?></ul>
<?cs else ?><p class="meta">None.</p><?cs /if ?>
<h3>Sections linking here</h3>
<?cs if:subcount(Impact.Links) > 0 ?><ul><?cs each:l = Impact.Links ?><li><a href="<?cs var:l.Url ?>"><?cs var:l.Title ?></a></li><?cs /each ?></ul>
<?cs else ?><p class="meta">None.</p><?cs /if ?>
<h3>Acknowledgement campaigns</h3>
<?cs if:subcount(Impact.Campaigns) > 0 ?><ul><?cs each:c = Impact.Campaigns ?><li><a href="/admin/acknowledgements/<?cs var:c.Id ?>"><?cs var:c.Title ?></a> (due <?cs var:c.Due ?>)</li><?cs /each ?></ul>
<p class="meta">Tick "material change" to ask everyone again.</p>
<?cs else ?><p class="meta">None.</p><?cs /if ?>
</aside>
<?cs /if ?>
</div>
<?cs if:subcount(Versions) > 0 ?>
<section aria-labelledby="versions-title">
<h2 id="versions-title">Published versions</h2>
<table class="history">
<thead><tr><th scope="col">Version</th><th scope="col">In effect from</th><th scope="col">Published</th><th scope="col">By</th><th scope="col">Summary</th></tr></thead>
<tbody>
<?cs each:v = Versions ?><tr><td><?cs if:Edit.Kind == "section" ?><a href="/<?cs var:Item.Document ?>/<?cs var:Item.Slug ?>/history/<?cs var:v.Version ?>">Version <?cs var:v.Version ?></a><?cs else ?>Version <?cs var:v.Version ?><?cs /if ?></td>
<td><?cs var:v.EffectiveDate ?></td><td><?cs var:v.PublishedAt ?></td><td><?cs var:v.PublishedBy ?></td><td><?cs var:v.Summary ?></td></tr>
<?cs /each ?>
</tbody>
</table>
<?cs if:subcount(Versions) > 1 ?>
<form class="action-form" method="post" action="<?cs var:Rollback.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:Rollback.Csrf ?>">
<input type="hidden" name="base" value="<?cs var:Item.Latest ?>">
<h3>Roll back</h3>
<p class="meta">Publishes a new version with the text of an older one; the history keeps everything.</p>
<label for="rb-version">Go back to</label>
<select id="rb-version" name="version"><?cs each:v = Versions ?><?cs if:v.Version != Item.Latest ?><option value="<?cs var:v.Version ?>">Version <?cs var:v.Version ?></option><?cs /if ?><?cs /each ?></select>
<label for="rb-summary">Why</label>
<input id="rb-summary" name="summary" type="text" maxlength="250">
<label for="rb-date">Effective date</label>
<input id="rb-date" name="effective_date" type="date" value="<?cs var:Edit.EffectiveDate ?>">
<div class="form-buttons"><button type="submit" class="secondary">Roll back</button></div>
</form>
<?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Edit.Kind == "section" && subcount(Move.Places) > 0 ?>
<form class="action-form" method="post" action="<?cs var:Move.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:Move.Csrf ?>">
<h2>Move</h2>
<label for="mv-place">Place in the table of contents</label>
<select id="mv-place" name="place"><?cs each:p = Move.Places ?><option value="<?cs var:p.Value ?>"<?cs if:p.Selected ?> selected<?cs /if ?>><?cs var:p.Label ?></option><?cs /each ?></select>
<div class="form-buttons"><button type="submit" class="secondary">Move</button></div>
</form>
<?cs /if ?>
<?cs if:Item.Latest > 0 ?>
<form class="action-form" method="post" action="<?cs var:Retire.Action ?>">
<input type="hidden" name="csrf" value="<?cs var:Retire.Csrf ?>">
<?cs if:Item.Retired ?><h2>Restore</h2><p class="meta">Readers see it again, as its newest version.</p>
<input type="hidden" name="action" value="restore">
<div class="form-buttons"><button type="submit" class="secondary">Restore</button></div>
<?cs else ?><h2>Retire</h2><p class="meta">Readers no longer see it (its history is kept and it can be restored).</p>
<input type="hidden" name="action" value="retire">
<div class="form-buttons"><button type="submit" class="secondary">Retire</button></div><?cs /if ?>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs set:Page.AdminScript = "1" ?>
<?cs include:"layout.cs" ?>
