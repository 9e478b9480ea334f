"""Helpers for the forms' integration tests: read the forms a page carries,
fill them in and send them like a browser would (hidden CSRF token and
form key included), follow a request through its workflow, and look at the
outbox. Used by tests/test_forms.py and bench/forms_bench.py."""
import html.parser
import os
import pwd
import re
import subprocess
import urllib.parse

from harness import PortalTestCase

# A Tuesday, 10:00 in Kentucky (Eastern time).
CLOCK = "2027-01-05T15:00:00Z"


class _FormParser(html.parser.HTMLParser):
    """Every <form>: its action and its named inputs' current values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get"), "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in a:
                return
            self._form["fields"][a["name"]] = a.get("value", "")
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None


def forms_in(page):
    p = _FormParser()
    p.feed(page)
    return p.forms


def form_posting_to(page, action):
    for f in forms_in(page):
        if f["action"] == action:
            return f["fields"]
    raise AssertionError("no form posting to %s in the page" % action)


def request_id_from(location):
    m = re.match(r"^/requests/(\d+)", location or "")
    if not m:
        raise AssertionError("not a request address: %r" % location)
    return int(m.group(1))


class FormsTestCase(PortalTestCase):
    """A portal with the demo users, and helpers to file and act on requests."""

    clock = CLOCK

    def headers(self, now=None, extra=None):
        h = {"X-Hrportal-Now": now or self.clock}
        h.update(extra or {})
        return h

    def get(self, path, user=None, now=None, headers=None, **kw):
        return self.portal.get(path, user=user, headers=self.headers(now, headers), **kw)

    def post(self, path, fields, user=None, now=None, headers=None, **kw):
        return self.portal.post(path, fields, user=user, headers=self.headers(now, headers), **kw)

    # -- forms
    def blank_form(self, key, user, query="", now=None):
        r = self.get("/forms/%s/new%s" % (key, ("?" + query) if query else ""), user=user, now=now)
        self.assertEqual(r.status, 200, r.text[:500])
        return r, form_posting_to(r.text, "/forms/" + key)

    def send_form(self, key, fields, user, action="review", now=None, query=""):
        """The blank form's hidden fields plus `fields`, sent with `action`."""
        _, prefilled = self.blank_form(key, user, query=query, now=now)
        # Like a browser: everything the page filled in, then our answers.
        data = dict(prefilled)
        data.update(fields)
        data["action"] = action
        return self.post("/forms/" + key, data, user=user, now=now), data

    def submit_draft(self, rid, user, name, now=None):
        r = self.get("/requests/%d/review" % rid, user=user, now=now)
        self.assertEqual(r.status, 200, r.text[:3000])
        fields = form_posting_to(r.text, "/requests/%d/submit" % rid)
        fields["signature"] = name
        return self.post("/requests/%d/submit" % rid, fields, user=user, now=now)

    def file(self, key, fields, user="jdoe", name=None, now=None, query=""):
        """Fill, review, sign and submit a form; returns the request id."""
        name = name or self.user_name(user)
        r, _ = self.send_form(key, fields, user, now=now, query=query)
        self.assertEqual(r.status, 303, r.text[:3000])
        rid = request_id_from(r.header("location"))
        self.assertEqual(r.header("location"), "/requests/%d/review" % rid)
        s = self.submit_draft(rid, user, name, now=now)
        self.assertEqual(s.status, 303, s.text[:3000])
        self.assertEqual(s.header("location"), "/requests/%d" % rid)
        return rid

    def act(self, rid, action, user, now=None, expect=303, **fields):
        """Use one of the action forms on the request page."""
        page = self.get("/requests/%d" % rid, user=user, now=now)
        self.assertEqual(page.status, 200, page.text[:500])
        path = "/requests/%d/%s" % (rid, action)
        data = form_posting_to(page.text, path)
        data.update(fields)
        r = self.post(path, data, user=user, now=now)
        if expect is not None:
            self.assertEqual(r.status, expect, r.text[:3000])
        return r

    # -- database
    def query(self, sql, *args):
        with self.portal.db() as con:
            return con.execute(sql, args).fetchall()

    def one(self, sql, *args):
        rows = self.query(sql, *args)
        self.assertEqual(len(rows), 1, (sql, args, [tuple(r) for r in rows]))
        return rows[0]

    def user_name(self, login):
        return self.one("SELECT name FROM users WHERE login = ?", login)["name"]

    def outbox(self, rid=None, to=None, kind=None):
        sql = "SELECT o.*, o.id AS oid FROM outbox o WHERE 1"
        args = []
        if rid is not None:
            sql += " AND request_id = ?"
            args.append(rid)
        if to is not None:
            sql += " AND to_addr = (SELECT email FROM users WHERE login = ?)"
            args.append(to)
        if kind is not None:
            sql += " AND kind = ?"
            args.append(kind)
        return self.query(sql + " ORDER BY o.id", *args)

    def count(self, table):
        return self.one("SELECT count(*) AS n FROM %s" % table)["n"]

    def status(self, rid):
        return self.one("SELECT status FROM requests WHERE id = ?", rid)["status"]

    # -- people
    def admin(self, *args, check=True):
        """Run hrportal-admin on the portal's database (as the portal's user)."""
        server = self.portal.server
        env = dict(os.environ, HRPORTAL_TEMPLATES=os.path.join(server.datadir, "templates"),
                   HRPORTAL_BASE_URL=server.url)
        kw = {}
        if os.geteuid() == 0:
            user = server._run_user()
            kw = {"user": user.pw_uid, "group": user.pw_gid}
        out = subprocess.run([os.path.join(server.bindir, "hrportal-admin"), "--db", server.db_path] + list(args),
                             env=env, capture_output=True, text=True, **kw)
        if check:
            self.assertEqual(out.returncode, 0, out.stderr)
        return out

    def add_user(self, login, employee_id, name, role="employee", supervisor="msmith", password="demo"):
        self.admin("add-user", "--login", login, "--employee-id", employee_id, "--name", name,
                   "--email", "%s@example.ky.gov" % login, "--agency", "Personnel Cabinet", "--role", role,
                   *(["--supervisor", supervisor] if supervisor else []))
        self.add_login(login, password)

    def add_login(self, login, password="demo"):
        """A login Apache accepts (whether or not the portal knows it)."""
        path = os.path.join(self.portal.server.rundir, "htpasswd")
        subprocess.run(["htpasswd", "-b", "-B", "-C", "5", path, login, password], check=True,
                       capture_output=True)


def link_path(body, base_url):
    """The request link an email carries, as a local path."""
    m = re.search(re.escape(base_url) + r"(/requests/\d+)", body)
    if not m:
        raise AssertionError("no request link in %r" % body[:500])
    return m.group(1)


def urlencode(d):
    return urllib.parse.urlencode(d)


__all__ = ["FormsTestCase", "forms_in", "form_posting_to", "request_id_from", "link_path", "CLOCK", "pwd"]
