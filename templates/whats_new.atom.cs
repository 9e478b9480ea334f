<?cs # The What's new feed, Atom 1.0 (RFC 4287). Every value is escaped
     (XML needs the same escaping as HTML); entry content is the
     announcement's HTML, escaped, as type="html" requires. ?>
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>tag:hrportal.personnel.ky.gov,2027:whats-new</id>
  <title>What's new: Kentucky Employee HR Portal</title>
  <subtitle>Changes to the Employee Handbook, new forms and reminders from the Personnel Cabinet</subtitle>
  <updated><?cs var:Feed.Updated ?></updated>
  <link rel="self" type="application/atom+xml" href="<?cs var:Feed.Self ?>"/>
  <link rel="alternate" type="text/html" href="<?cs var:Feed.Alternate ?>"/>
  <author><name>Personnel Cabinet</name></author>
<?cs each:e = Entries ?>  <entry>
    <id>tag:hrportal.personnel.ky.gov,2027:announcement-<?cs var:e.Id ?></id>
    <title><?cs var:e.Title ?></title>
    <updated><?cs var:e.Published ?></updated>
    <published><?cs var:e.Published ?></published>
    <link rel="alternate" type="text/html" href="<?cs var:Feed.Alternate ?>#announcement-<?cs var:e.Id ?>"/>
    <author><name><?cs var:e.By ?></name></author>
    <content type="html"><?cs var:e.BodyHtml ?></content>
  </entry>
<?cs /each ?></feed>
