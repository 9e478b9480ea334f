<?cs def:content() ?>
<h1>What's new</h1>
<p class="lead">Changes to the handbook, new forms and reminders from the Personnel Cabinet.
Follow them in a feed reader (<a href="/whats-new.atom">Atom feed</a>), or by email:
<a href="/my/subscriptions">choose the parts of the handbook you follow</a>.</p>
<?cs if:subcount(Announcements) == 0 ?><p>Nothing has been announced yet.</p><?cs /if ?>
<?cs each:a = Announcements ?>
<article class="announcement" id="announcement-<?cs var:a.Id ?>" aria-labelledby="announcement-<?cs var:a.Id ?>-title">
<h2 id="announcement-<?cs var:a.Id ?>-title"><?cs var:a.Title ?></h2>
<p class="meta">Published <?cs var:a.PublishedLocal ?> by <?cs var:a.By ?><?cs if:a.SectionUrl ?> ·
about <a href="<?cs var:a.SectionUrl ?>"><?cs var:a.SectionTitle ?></a><?cs /if ?></p>
<?cs uvar:a.BodyHtml ?>
</article>
<?cs /each ?>
<?cs /def ?>
<?cs set:Page.Section = "whats-new" ?>
<?cs include:"layout.cs" ?>
