<?cs # Shared pieces of markup. ?>
<?cs def:breadcrumbs(doc, parents, title) ?>
<nav class="breadcrumbs" aria-label="Breadcrumb">
  <ol>
    <li><a href="/">Home</a></li>
    <li><a href="/<?cs var:doc.Slug ?>"><?cs var:doc.Title ?></a></li>
    <?cs each:p = parents ?><li><a href="/<?cs var:doc.Slug ?>/<?cs var:p.Slug ?>"><?cs var:p.Title ?></a></li><?cs /each ?>
    <li aria-current="page"><?cs var:title ?></li>
  </ol>
</nav>
<?cs /def ?>
<?cs def:toc_list(doc, items) ?>
<ul class="toc">
<?cs each:item = items ?>
  <li class="toc-<?cs var:item.Kind ?>"><a href="/<?cs var:doc ?>/<?cs var:item.Slug ?><?cs var:Page.AsOfQuery ?>"><?cs var:item.Title ?></a>
  <?cs if:subcount(item.Children) > 0 ?>
    <ul>
    <?cs each:child = item.Children ?>
      <li class="toc-<?cs var:child.Kind ?>"><a href="/<?cs var:doc ?>/<?cs var:child.Slug ?><?cs var:Page.AsOfQuery ?>"><?cs var:child.Title ?></a>
      <?cs if:subcount(child.Children) > 0 ?>
        <ul>
        <?cs each:grand = child.Children ?><li><a href="/<?cs var:doc ?>/<?cs var:grand.Slug ?><?cs var:Page.AsOfQuery ?>"><?cs var:grand.Title ?></a></li><?cs /each ?>
        </ul>
      <?cs /if ?></li>
    <?cs /each ?>
    </ul>
  <?cs /if ?></li>
<?cs /each ?>
</ul>
<?cs /def ?>
