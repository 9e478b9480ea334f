<?cs # The frame of every page. A page template defines content() and then
     includes this file. Every var: is HTML-escaped by the portal's
     Config.VarEscapeMode; uvar: is only for HDF names ending in Html. ?><!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> | <?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/style.css?v=<?cs var:Site.Version ?>">
<?cs if:Page.Print ?><link rel="stylesheet" href="/static/print.css?v=<?cs var:Site.Version ?>"><?cs else ?><link rel="stylesheet" href="/static/print.css?v=<?cs var:Site.Version ?>" media="print"><?cs /if ?>
<?cs if:Page.FeedUrl ?><link rel="alternate" type="application/atom+xml" title="What's new" href="<?cs var:Page.FeedUrl ?>"><?cs /if ?>
<?cs if:Page.AdminScript ?><script src="/static/admin.js?v=<?cs var:Site.Version ?>" defer></script><?cs /if ?>
</head>
<body<?cs if:Page.Print ?> class="print-view"<?cs /if ?>>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="/"><span class="brand-state">Commonwealth of Kentucky</span>
      <span class="brand-name"><?cs var:Site.Name ?></span></a>
    <nav class="site-nav" aria-label="Main">
      <ul>
        <li><a href="/handbook"<?cs if:Page.Section == "handbook" ?> aria-current="page"<?cs /if ?>>Handbook</a></li>
        <li><a href="/glossary"<?cs if:Page.Section == "glossary" ?> aria-current="page"<?cs /if ?>>Glossary</a></li>
        <li><a href="/documents"<?cs if:Page.Section == "documents" ?> aria-current="page"<?cs /if ?>>Documents</a></li>
        <li><a href="/whats-new"<?cs if:Page.Section == "whats-new" ?> aria-current="page"<?cs /if ?>>What's new</a></li>
        <?cs each:link = Nav ?><li><a href="<?cs var:link.Url ?>"<?cs if:link.Section && link.Section == Page.Section ?> aria-current="page"<?cs /if ?>><?cs var:link.Title ?></a></li><?cs /each ?>
        <?cs if:Nav.0.Url != "/forms" ?><li><a href="/forms"<?cs if:Page.Section == "forms" ?> aria-current="page"<?cs /if ?>>Forms</a></li><?cs /if ?>
        <?cs if:User.Login ?><li class="user">Signed in as <?cs var:User.Login ?> <a class="sign-out" href="/signout">Sign out</a></li><?cs
        else ?><li class="user"><a class="sign-in" href="/signin?return=<?cs var:url_escape(Request.Path) ?>">Sign in</a></li><?cs /if ?>
      </ul>
    </nav>
    <?cs if:!Page.Home ?><form class="site-search" role="search" aria-label="Site search" action="/search" method="get">
      <label for="site-search-q">Search the handbook and glossary</label>
      <input id="site-search-q" name="q" type="search" maxlength="200" value="<?cs var:Query.q ?>">
      <button type="submit">Search</button>
    </form><?cs /if ?>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
<?cs if:Notice.Acknowledgements ?><p class="notice ack-notice">You have <?cs var:Notice.Acknowledgements ?> <?cs if:Notice.Acknowledgements == 1 ?>policy<?cs else ?>policies<?cs /if ?> to acknowledge.
<a href="/my/acknowledgements">Read and acknowledge</a>.</p><?cs /if ?>
<?cs call:content() ?>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Content from the Kentucky Executive Branch Employee Handbook and related Personnel Cabinet documents.
    The handbook is not a contract; KRS Chapter 18A and Title 101 KAR govern.</p>
    <p>Questions? Contact your agency's human resource administrator.</p>
  </div>
</footer>
</body>
</html>
