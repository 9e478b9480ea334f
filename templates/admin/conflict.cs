<?cs include:"admin/macros.cs" ?>
<?cs def:content() ?>
<?cs call:admin_links() ?>
<h1>Someone else changed this first</h1>
<div class="notice" role="alert">
<?cs if:Conflict.Kind == "version" ?><p><?cs var:Conflict.Who ?> published version <?cs var:Conflict.Latest ?> of
<?cs var:Item.Title ?> (<?cs var:Conflict.When ?>) after you started from version <?cs var:Conflict.Base ?>.</p>
<?cs else ?><p><?cs var:Conflict.Who ?> saved a draft of <?cs var:Item.Title ?> (<?cs var:Conflict.When ?>) after you opened the editor.</p><?cs /if ?>
<p>Nothing was saved and nothing was overwritten. Your text is below: merge their changes into it, then save or publish again.</p>
</div>
<section aria-labelledby="theirs-title">
<h2 id="theirs-title"><?cs if:Conflict.Kind == "version" ?>What version <?cs var:Conflict.Latest ?> changed (from version <?cs var:Conflict.Base ?>)<?cs else ?>How their draft differs from your text<?cs /if ?></h2>
<p class="meta"><?cs var:Conflict.TheirsRemoved ?> words removed, <?cs var:Conflict.TheirsAdded ?> words added.
Removed text is <del>struck through</del>; added text is <ins>underlined</ins>.</p>
<div class="diff"><?cs uvar:Conflict.TheirsHtml ?></div>
</section>
<section aria-labelledby="mine-title">
<h2 id="mine-title">Your text compared with theirs</h2>
<div class="diff"><?cs uvar:Conflict.MineHtml ?></div>
</section>
<details>
<summary>Their text (Markdown), to copy from</summary>
<pre class="source"><?cs var:Conflict.TheirBody ?></pre>
</details>
<h2>Your text</h2>
<?cs call:edit_form() ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
