#!/usr/bin/python3
"""Load and fault test of a running portal, over loopback only.

N clients (threads, each with its own keep-alive connection and, for the
signed-in pages, its own employee) send a weighted mix for T seconds or until
M requests in all, whichever comes first, and check every answer: the right
status, a whole body (Content-Length honoured, HTML pages end with </html>),
and the page's own text. The mix:

  - content pages (handbook, glossary, search, print, history, 404s, CSS);
  - the wizards' JSON API (/api/wizards/..., /api/calculators/...), each
    answer checked against its known result;
  - real form submissions by signed-in employees (Basic auth), as a browser
    sends them: the blank form (its CSRF token and form key), POST with
    "Review answers" (303 to the review page), the review page (its own
    CSRF token), POST signed (303 to /requests/<id>), and the request page
    it redirected to; and each employee's "My requests" page.

Every submission that got its 303 is recorded (request id, the address it
redirected to, who filed it). After the run the database is checked: "zero
lost submissions" (each recorded one is submitted, with its history row,
signature and notification in the outbox), nothing half-saved (every
request has its history, signature and outbox row, or none of them), and,
with mail, every notification delivered to the SMTP catcher exactly once
(counted by Message-ID). Reported: requests, submissions, errors, clean
503s, p50/p90/p99/max latency overall and per kind of request.

    bench/load.py --start [--clients 64] [--seconds 60]      the full run
    bench/load.py --start --fault kill    FastCGI processes killed at random
    bench/load.py --start --fault reader  a long read transaction held in
                                          another process during the load
    bench/load.py --url http://127.0.0.1:8080 [...]  an existing portal:
                                          pages and the wizard API only
                                          (submissions need --start: it adds
                                          the employees and checks the
                                          database)

--start runs the portal built in HR_BUILDDIR (default build/) with its own
database, one employee per client (hrportal-admin add-user, supervisor
msmith), the test clock (forms are dated 2027-01-05), and unless --no-mail
the SMTP catcher and hrportal-mailer. tests/test_faults.py runs short,
bounded versions of all of this in `make check`.
"""
import argparse
import base64
import collections
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests"))
# The test harness (imported below) reads these once: a tree built in build/
# unless `make check` says otherwise.
os.environ.setdefault("HR_SRCDIR", TOP)
os.environ.setdefault("HR_BUILDDIR", os.path.join(TOP, "build"))

from formsclient import CLOCK, form_posting_to  # noqa: E402

PASSWORD = "demo"


class Action:
    """One kind of request in the mix.

    make(rng) -> (method, path, body or None, headers dict)
    check(status, headers, body) -> None or a string saying what is wrong
    """

    def __init__(self, name, weight, make, check=None, statuses=(200,)):
        self.name, self.weight, self.make, self.check, self.statuses = name, weight, make, check, statuses
        self.flow = None


class Step:
    """One request of a Flow. fields (a dict) are sent form-encoded."""

    def __init__(self, name, method, path, fields=None, statuses=(200,), check=None, resend_on_503=False):
        self.name, self.method, self.path, self.fields = name, method, path, fields
        self.statuses, self.check, self.resend_on_503 = statuses, check, resend_on_503


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("Location")


class Flow:
    """Several requests by a signed-in user, like a person clicking through:
    flow(ctx) is a generator that yields Steps and is sent each Reply. A step
    that fails ends the flow. ctx: rng, user (login, name), accept(...)."""

    def __init__(self, name, weight, flow):
        self.name, self.weight, self.flow = name, weight, flow


def html_page(*must_contain):
    def check(status, headers, body):
        if not body.rstrip().endswith(b"</html>"):
            return "page cut short"
        for text in must_contain:
            if text.encode() not in body:
                return "page lacks %r" % text
        return None
    return check


def json_answer(test):
    def check(status, headers, body):
        if not (headers.get("Content-Type") or "").startswith("application/json"):
            return "not JSON: %s" % headers.get("Content-Type")
        try:
            d = json.loads(body)
        except ValueError:
            return "JSON cut short or malformed"
        return None if test(d) else "wrong answer: %r" % body[:200]
    return check


def redirect_to(pattern):
    def check(status, headers, body):
        loc = headers.get("Location") or ""
        return None if re.fullmatch(pattern, loc) else "redirected to %r" % loc
    return check


def get(path):
    return lambda rng: ("GET", path, None, {})


# The content pages, weighted roughly as people read them.
PAGE_ACTIONS = [
    Action("home", 10, get("/"), html_page("Your Employee Handbook")),
    Action("contents", 8, get("/handbook"), html_page("Sick Leave")),
    Action("section", 30, lambda rng: ("GET", "/handbook/" + rng.choice(
        ["sick-leave", "annual-leave", "family-and-medical-leave-act-fmla", "holidays", "grievances",
         "leave-sharing-programs", "court-leave", "dress-code"]), None, {}), html_page('<h1 id="section-title">')),
    Action("print", 4, get("/handbook/annual-leave/print"), html_page('class="print-view"')),
    Action("history", 2, get("/handbook/court-leave/history"), html_page("</main>")),
    Action("as-of", 2, get("/handbook/sick-leave?as_of=2019-06-01"), html_page('<h1 id="section-title">')),
    Action("glossary", 6, get("/glossary"), html_page("APPOINTING AUTHORITY")),
    Action("documents", 3, get("/documents"), html_page("Orientation")),
    Action("orientation", 3, get("/orientation-manual"), html_page("</main>")),
    Action("query", 5, lambda rng: ("GET", "/?q=" + urllib.parse.quote(rng.choice(
        ["sick leave", "KRS 18A.095", "fmla", "holiday pay"])), None, {}), html_page("</main>")),
    Action("search", 8, lambda rng: ("GET", "/search?q=" + urllib.parse.quote_plus(rng.choice(
        ["sick leave", "fmla eligibility", "KRS 18A.095", "holiday", "annual leave carry forward",
         "grievance", "\"leave sharing\"", "overtime"])), None, {}), html_page('class="search-status"')),
    Action("api-search", 3, lambda rng: ("GET", "/api/search?q=" + urllib.parse.quote_plus(rng.choice(
        ["fmla", "sick leave", "retirement"])) + "&limit=5", None, {}),
        lambda s, h, b: None if b.startswith(b"{") and b'"results"' in b else "not a search answer"),
    Action("not-found", 2, get("/handbook/no-such-section"), html_page("Page not found"), statuses=(404,)),
    Action("static", 4, get("/static/style.css"), lambda s, h, b: None if b".skip-link" in b else "css lacks .skip-link"),
]

# The wizards' JSON API: real questions with known answers (computed per
# request, never page-cached), and a bad one (400 naming the field).
WIZARD_ACTIONS = [
    Action("api-fmla", 4, get("/api/wizards/fmla?service_months=30&hours=1400&reason=family_care&relation=child"
                              "&child_age=20&child_incapable=0&lived_with_30_days=1&weeks_used=2"),
           json_answer(lambda d: d["eligible"] and d["remaining_weeks"] == 10)),
    Action("api-leave-sharing", 2, get("/api/wizards/leave-sharing?role=donor&program=sick&employer=18a&active=1"
                                       "&balance=300&week_hours=37.5"),
           json_answer(lambda d: d["eligible"] and d["max_donation"] == 225)),
    Action("api-return-rights", 2, get("/api/wizards/return-rights?event=separated_unclassified&had_status=1"
                                       "&service_months=192&for_cause=0"),
           json_answer(lambda d: d["reversion"] and d["reemployment"])),
    Action("api-annual-leave", 2, get("/api/calculators/annual-leave?service_months=130&week_hours=37.5"),
           json_answer(lambda d: d["days_per_year"] == 18)),
    Action("api-holidays", 2, get("/api/calculators/holidays?year=2024"),
           json_answer(lambda d: d["total_days"] == 12.5)),
    Action("api-bad-input", 1, get("/api/wizards/fmla?service_months=12&hours=abc&reason=birth"),
           json_answer(lambda d: d["error"] == "invalid_parameter" and d["field"] == "hours"),
           statuses=(400,)),
]

ACTIONS = PAGE_ACTIONS + WIZARD_ACTIONS

# What employees file (answers valid on the test clock's 2027-01-05, as in
# bench/forms_bench.py); each notifies the supervisor (request_submitted, or
# grievance_filed for a grievance).
FORM_MIX = [
    ("leave", {"leave_type": "annual", "start_date": "2027-02-01", "end_date": "2027-02-02", "hours": "15"}),
    ("leave", {"leave_type": "sick", "start_date": "2027-01-04", "end_date": "2027-01-04", "hours": "7.5"}),
    ("leave", {"leave_type": "voting", "start_date": "2027-11-02", "end_date": "2027-11-02", "hours": "4"}),
    ("fmla", {"start_date": "2027-03-01", "end_date": "2027-04-01", "schedule": "continuous", "reason": "birth",
              "service_months": "30", "hours": "1500", "paid_leave": "concurrent"}),
    ("grievance", {"job_classification": "Analyst", "occurred_on": "2027-01-02", "subject_is_supervisor": "0",
                   "statement": "The schedule posted on 2027-01-02 gave me every weekend shift. " * 4,
                   "remedy": "Rotate weekend shifts fairly."}),
]
NOTICE_KINDS = ("request_submitted", "grievance_filed")


def submit_form(ctx):
    """Fill in, review, sign and submit one form; follow the redirect."""
    key, answers = ctx.rng.choice(FORM_MIX)
    r = yield Step("form-new", "GET", "/forms/%s/new" % key, check=html_page("</form>"))
    fields = form_posting_to(r.text, "/forms/" + key)
    fields.update(answers)
    fields["action"] = "review"
    r = yield Step("form-post", "POST", "/forms/" + key, fields, statuses=(303,),
                   check=redirect_to(r"/requests/\d+/review"), resend_on_503=True)
    review = r.location
    rid = int(review.split("/")[2])
    r = yield Step("form-review", "GET", review, check=html_page("Review your answers"))
    fields = form_posting_to(r.text, "/requests/%d/submit" % rid)
    fields["signature"] = ctx.user[1]
    r = yield Step("form-submit", "POST", "/requests/%d/submit" % rid, fields, statuses=(303,),
                   check=redirect_to(r"/requests/%d" % rid), resend_on_503=True)
    ctx.accept(key, rid, r.location)
    yield Step("request-page", "GET", r.location, check=html_page("request %d" % rid))


def my_requests(ctx):
    yield Step("my-requests", "GET", "/my/requests", check=html_page("</main>"))


FLOWS = [Flow("submission", 8, submit_form), Flow("my-requests", 3, my_requests)]


def add_action(name, weight, make, check=None, statuses=(200,)):
    """Hook for other features: more requests in the (anonymous) mix."""
    ACTIONS.append(Action(name, weight, make, check, statuses))


def mix_names(users=True):
    """Names the report's by_action uses for a full mix."""
    names = {a.name for a in ACTIONS}
    if users:
        names |= {"form-new", "form-post", "form-review", "form-submit", "request-page", "my-requests"}
    return names


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * (len(sorted_values) - 1)))))
    return sorted_values[k]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.by_name = collections.defaultdict(list)
        self.errors = []          # (action, what) for anything a user should never see
        self.unavailable = 0      # clean 503 pages (allowed only where a test says so)
        self.sample_503 = None    # (headers, body) of the first one
        self.post_503 = None      # (headers, body) of the first one answering a POST
        self.retries = 0          # requests sent again after a kept-alive connection closed
        self.resent = 0           # form POSTs sent again after a clean 503 (like a user would)
        self.accepted = []        # submissions answered 303: dicts login, form, request_id, location
        self.flows_started = 0
        self.flows_abandoned = 0  # ended by a 503 (or an error)
        self.flows_cut = 0        # stopped between steps by the deadline

    def retry(self):
        with self.lock:
            self.retries += 1

    def add(self, action, latency, error=None, unavailable=False, sample=None, post=False):
        with self.lock:
            if unavailable and self.sample_503 is None:
                self.sample_503 = sample
            if unavailable and post and self.post_503 is None:
                self.post_503 = sample
            self.latencies.append(latency)
            self.by_name[action].append(latency)
            if unavailable:
                self.unavailable += 1
            if error:
                self.errors.append((action, error))

    def report(self, seconds):
        lat = sorted(self.latencies)
        per = {}
        for name, values in sorted(self.by_name.items()):
            v = sorted(values)
            per[name] = {"n": len(v), "p50_ms": round(percentile(v, 50) * 1000, 2),
                         "p99_ms": round(percentile(v, 99) * 1000, 2)}
        return {
            "requests": len(lat), "errors": len(self.errors), "unavailable_503": self.unavailable,
            "keepalive_retries": self.retries, "resent_after_503": self.resent,
            "submissions": len(self.accepted), "flows": self.flows_started,
            "flows_abandoned": self.flows_abandoned, "flows_cut": self.flows_cut,
            "seconds": round(seconds, 2), "rps": round(len(lat) / seconds, 1) if seconds else 0,
            "submissions_per_s": round(len(self.accepted) / seconds, 1) if seconds else 0,
            "p50_ms": round(percentile(lat, 50) * 1000, 2), "p90_ms": round(percentile(lat, 90) * 1000, 2),
            "p99_ms": round(percentile(lat, 99) * 1000, 2), "max_ms": round((lat[-1] if lat else 0) * 1000, 2),
            "by_action": {k: v["n"] for k, v in per.items()},
            "latency_by_action": per,
            "first_errors": self.errors[:10],
            "sample_503": self.sample_503,
            "post_503": self.post_503,
            "accepted": list(self.accepted),
        }


def check_loopback(url):
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        raise SystemExit("load.py only loads a portal on this machine (loopback), not %s" % host)


class Client:
    """One browser: a kept-alive connection; signed in as user when given."""

    def __init__(self, url, stats, rng, allow_503, user=None):
        self.parts = urllib.parse.urlsplit(url)
        self.stats, self.rng, self.allow_503, self.user = stats, rng, allow_503, user
        self.conn = None
        self.base = {"Host": self.parts.netloc, "User-Agent": "hrportal-load"}
        if user:
            token = base64.b64encode(("%s:%s" % (user[0], PASSWORD)).encode()).decode()
            self.base["Authorization"] = "Basic " + token
            self.base["X-Hrportal-Now"] = CLOCK   # honoured only by a portal with the test clock

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _new_conn(self):
        self.conn = http.client.HTTPConnection(self.parts.hostname, self.parts.port, timeout=60)

    def send(self, name, method, path, body, headers, statuses, check):
        """One request, checked and counted. Returns (Reply or None, ok)
        where ok is "ok", "503" (a clean refusal) or "error"."""
        hdrs = dict(self.base)
        hdrs.update(headers)
        t0 = time.monotonic()
        try:
            reused = self.conn is not None
            if self.conn is None:
                self._new_conn()
            try:
                self.conn.request(method, path, body=body, headers=hdrs)
                r = self.conn.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection as we reused it
                # (no response came): send it again on a new connection, as
                # browsers do. Safe for POSTs too: the portal's forms carry
                # their key, and a request already submitted is not again.
                if not reused:
                    raise
                self.stats.retry()
                self.close()
                self._new_conn()
                self.conn.request(method, path, body=body, headers=hdrs)
                r = self.conn.getresponse()
            data = r.read()          # raises IncompleteRead when cut short
            latency = time.monotonic() - t0
            length = r.getheader("Content-Length")
            if r.getheader("Connection", "").lower() == "close":
                self.close()
            reply = Reply(r.status, r.headers, data)
            if length is not None and int(length) != len(data) and method != "HEAD":
                self.stats.add(name, latency, "body of %d bytes, announced %s" % (len(data), length))
                return reply, "error"
            if r.status == 503 and self.allow_503:
                # A clean refusal: a whole page that says to try again.
                ok = data.rstrip().endswith(b"</html>") or b"Service Unavailable" in data or b"unavailable" in data
                self.stats.add(name, latency, None if ok else "503 without a page: %r" % data[:200], unavailable=ok,
                               sample=(dict((k.lower(), v) for k, v in r.getheaders()), data),
                               post=method == "POST")
                return reply, "503" if ok else "error"
            if r.status not in statuses:
                self.stats.add(name, latency, "%s %s -> %d: %r" % (method, path, r.status, data[:300]))
                return reply, "error"
            problem = check(r.status, r.headers, data) if check else None
            self.stats.add(name, latency, problem and "%s %s: %s" % (method, path, problem))
            return reply, "error" if problem else "ok"
        except (OSError, http.client.HTTPException) as e:
            self.stats.add(name, time.monotonic() - t0, "%s %s: %r" % (method, path, e))
            self.close()
            return None, "error"

    def run_flow(self, flow, budget, deadline):
        stats = self.stats
        client = self

        class Ctx:
            rng = self.rng
            user = self.user

            @staticmethod
            def accept(form, rid, location):
                with stats.lock:
                    stats.accepted.append({"login": client.user[0], "form": form, "request_id": rid,
                                           "location": location})

        with stats.lock:
            stats.flows_started += 1
        gen = flow.flow(Ctx)
        reply = None
        try:
            step = next(gen)
            while True:
                # Bounded: past the deadline a flow stops between steps (a
                # draft may stay behind, as when a person closes the page).
                if time.monotonic() > deadline or not budget():
                    with stats.lock:
                        stats.flows_cut += 1
                    return
                body = urllib.parse.urlencode(step.fields) if step.fields is not None else None
                headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
                for attempt in range(3):
                    reply, ok = self.send(step.name, step.method, step.path, body, headers, step.statuses,
                                          step.check)
                    # Like a person who reads "try again in a moment": send
                    # the same form again (it is not filed twice).
                    if ok == "503" and step.resend_on_503 and attempt < 2:
                        with stats.lock:
                            stats.resent += 1
                        continue
                    break
                if ok != "ok":
                    with stats.lock:
                        stats.flows_abandoned += 1
                    return
                step = gen.send(reply)
        except StopIteration:
            return
        finally:
            gen.close()


def client_loop(url, deadline, budget, stats, rng, allow_503, stop, user, actions):
    client = Client(url, stats, rng, allow_503, user)
    weights = [a.weight for a in actions]

    def take():
        with budget["lock"]:
            if budget["left"] <= 0:
                return False
            budget["left"] -= 1
            return True

    try:
        while time.monotonic() < deadline and not stop.is_set():
            action = rng.choices(actions, weights)[0]
            if isinstance(action, Flow):
                client.run_flow(action, take, deadline)
                continue
            if not take():
                return
            method, path, body, headers = action.make(rng)
            client.send(action.name, method, path, body, headers, action.statuses, action.check)
    finally:
        client.close()


def run_load(url, clients=16, seconds=10.0, max_requests=100000, allow_503=False, seed=1, users=None,
             mix="all"):
    """Load url; returns the report dict. users: [(login, name), ...] for
    the signed-in flows (client i is users[i % len(users)]); mix "all"
    (pages, wizard API and, with users, submissions), "pages" (pages and
    the wizard API) or "forms" (submissions and My requests only)."""
    check_loopback(url)
    stats = Stats()
    stop = threading.Event()
    budget = {"left": max_requests, "lock": threading.Lock()}
    actions = []
    if mix in ("all", "pages"):
        actions += ACTIONS
    if mix in ("all", "forms") and users:
        actions += FLOWS
    if not actions:
        raise ValueError("nothing to send: mix %r without users" % mix)
    t0 = time.monotonic()
    deadline = t0 + seconds
    threads = [threading.Thread(target=client_loop,
                                args=(url, deadline, budget, stats, random.Random(seed + i), allow_503, stop,
                                      users[i % len(users)] if users else None, actions),
                                daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    stop.set()
    return stats.report(time.monotonic() - t0)


# --- Employees and the database -------------------------------------------------

def add_users(portal, count, prefix="load", auth="md5"):
    """count employees (supervisor msmith, the demo agency) added with
    hrportal-admin, and their Basic-auth logins; returns [(login, name)].
    auth "md5" keeps Apache's password check cheap (the development
    server's bcrypt costs milliseconds per request, more than the portal);
    "bcrypt" measures with it."""
    server = portal.server
    env = dict(os.environ, HRPORTAL_TEMPLATES=os.path.join(server.datadir, "templates"),
               HRPORTAL_BASE_URL=server.url)
    kw = {}
    if os.geteuid() == 0:
        user = server._run_user()
        kw = {"user": user.pw_uid, "group": user.pw_gid}
    htpasswd = os.path.join(server.rundir, "htpasswd")
    users = []
    for i in range(count):
        login = "%s%03d" % (prefix, i)
        name = "Load Tester %03d" % i
        out = subprocess.run([os.path.join(server.bindir, "hrportal-admin"), "--db", server.db_path, "add-user",
                              "--login", login, "--employee-id", "%07d" % (9000000 + i), "--name", name,
                              "--email", "%s@example.ky.gov" % login, "--agency", "Personnel Cabinet",
                              "--role", "employee", "--supervisor", "msmith"],
                             env=env, capture_output=True, text=True, **kw)
        if out.returncode != 0:
            raise RuntimeError("hrportal-admin add-user %s: %s" % (login, out.stderr))
        subprocess.run(["htpasswd", "-b"] + (["-m"] if auth == "md5" else ["-B", "-C", "5"]) +
                       [htpasswd, login, PASSWORD], check=True, capture_output=True)
        users.append((login, name))
    return users


def connect(db_path):
    con = sqlite3.connect(db_path, timeout=30)
    con.row_factory = sqlite3.Row
    return con


def verify_submissions(db_path, accepted):
    """The database against what the clients were told.

    lost: submissions answered 303 that are not in the database as
    submitted by their author with exactly one 'submitted' history row, one
    employee signature and one notification in the outbox.
    half_saved: any request with only part of that (a draft with a history
    row, signature or mail of a submission; a submitted one without them).
    """
    with connect(db_path) as con:
        rows = {r["id"]: r for r in con.execute(
            "SELECT r.id, r.status, r.type, u.login, "
            " (SELECT count(*) FROM request_events e WHERE e.request_id = r.id AND e.action = 'submitted') AS events,"
            " (SELECT count(*) FROM signatures s WHERE s.request_id = r.id AND s.role = 'employee') AS signatures,"
            " (SELECT count(*) FROM outbox o WHERE o.request_id = r.id AND o.kind IN (?, ?)) AS notices "
            "FROM requests r JOIN users u ON u.id = r.owner_id", NOTICE_KINDS)}
    lost, half, seen = [], [], set()
    for a in accepted:
        r = rows.get(a["request_id"])
        if a["request_id"] in seen:
            half.append((a["request_id"], "answered 303 to two different submissions"))
        seen.add(a["request_id"])
        if (r is None or r["status"] == "draft" or r["login"] != a["login"] or r["events"] != 1
                or r["signatures"] != 1 or r["notices"] != 1 or a["location"] != "/requests/%d" % a["request_id"]):
            lost.append((a, dict(r) if r is not None else None))
    for r in rows.values():
        parts = (r["events"], r["signatures"], r["notices"])
        if r["status"] == "draft" and parts != (0, 0, 0):
            half.append((r["id"], "draft with %r (events, signatures, notices)" % (parts,)))
        elif r["status"] != "draft" and parts != (1, 1, 1):
            half.append((r["id"], "%s with %r (events, signatures, notices)" % (r["status"], parts)))
    return {"accepted": len(accepted), "lost": lost, "half_saved": half,
            "requests": len(rows), "drafts": sum(1 for r in rows.values() if r["status"] == "draft")}


def outbox_pending(db_path):
    with connect(db_path) as con:
        return con.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


def wait_for_outbox(db_path, timeout, done=lambda pending: pending == 0):
    """Poll until done(pending) holds or the deadline passes; returns
    (pending, seconds waited)."""
    t0 = time.monotonic()
    while True:
        pending = outbox_pending(db_path)
        if done(pending) or time.monotonic() - t0 > timeout:
            return pending, time.monotonic() - t0
        time.sleep(0.1)


MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]+>)", re.I | re.M)


def caught_message_ids(maildir):
    """Message-ID -> how many times the SMTP catcher received it."""
    counts = collections.Counter()
    try:
        names = os.listdir(maildir)
    except FileNotFoundError:
        return counts
    for n in names:
        if not n.endswith(".eml") or n.startswith("."):
            continue
        with open(os.path.join(maildir, n), "rb") as f:
            head = f.read().split(b"\r\n\r\n", 1)[0]
        m = MESSAGE_ID.search(head)
        counts[m.group(1).decode() if m else "(none)"] += 1
    return counts


def verify_mail(db_path, maildir):
    """Every outbox message sent, each delivered exactly once (by Message-ID;
    and, for the notices, once per recipient and request)."""
    with connect(db_path) as con:
        rows = con.execute("SELECT id, message_id, state, to_addr, kind, request_id, attempts, "
                           " (SELECT count(*) FROM outbox_attempts a WHERE a.outbox_id = o.id) AS recorded "
                           "FROM outbox o").fetchall()
    caught = caught_message_ids(maildir)
    ours = {r["message_id"] for r in rows}
    per_notice = collections.Counter((r["to_addr"], r["kind"], r["request_id"]) for r in rows
                                     if r["kind"] in NOTICE_KINDS)
    return {
        "outbox": len(rows),
        "states": dict(collections.Counter(r["state"] for r in rows)),
        "delivered": sum(1 for r in rows if caught.get(r["message_id"], 0) >= 1),
        "undelivered": [r["message_id"] for r in rows if caught.get(r["message_id"], 0) == 0][:10],
        "duplicates": sorted(mid for mid, n in caught.items() if n > 1),
        "strays": sorted(mid for mid in caught if mid not in ours),
        "notice_twice": sorted(k for k, n in per_notice.items() if n > 1),
        "attempts_unrecorded": [r["id"] for r in rows if r["attempts"] != r["recorded"]],
        "attempts": sum(r["recorded"] for r in rows),
    }


# --- Faults -----------------------------------------------------------------

class ProcessKiller(threading.Thread):
    """Kills one of the portal's FastCGI processes (SIGKILL) at random
    intervals, a bounded number of times."""

    def __init__(self, pids, interval=(0.1, 0.5), max_kills=30, seed=7):
        super().__init__(daemon=True)
        self.pids, self.interval, self.max_kills = pids, interval, max_kills
        self.rng = random.Random(seed)
        self.killed = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set() and len(self.killed) < self.max_kills:
            if self.stop.wait(self.rng.uniform(*self.interval)):
                break
            pids = self.pids()
            if not pids:
                continue
            pid = self.rng.choice(pids)
            try:
                os.kill(pid, signal.SIGKILL)
                self.killed.append(pid)
            except ProcessLookupError:
                pass


class LongReader:
    """Another process holding a read transaction (BEGIN; SELECT ...) on the
    database until closed: in WAL mode readers and writers carry on."""

    SCRIPT = ("import sqlite3, sys\n"
              "con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)\n"
              "con.execute('BEGIN')\n"
              "n = con.execute('SELECT count(*) FROM section_versions').fetchone()[0]\n"
              "print('holding', n, flush=True)\n"
              "sys.stdin.read()\n"
              "con.execute('COMMIT')\n")

    def __init__(self, db_path):
        self.proc = subprocess.Popen([sys.executable, "-c", self.SCRIPT, db_path], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("holding"):
            raise RuntimeError("the long reader did not start: %r" % line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


def print_report(report, verified=None, mail=None):
    print("%(requests)d requests in %(seconds)s s by %(clients)d clients (%(rps)s/s): %(errors)d errors, "
          "%(unavailable_503)d clean 503s, %(keepalive_retries)d resent after a closed keep-alive; "
          "latency p50 %(p50_ms)s ms, p90 %(p90_ms)s ms, p99 %(p99_ms)s ms, max %(max_ms)s ms" % report)
    print("submissions accepted (303): %(submissions)d (%(submissions_per_s)s/s), flows %(flows)d, "
          "abandoned after a 503 %(flows_abandoned)d, cut by the deadline %(flows_cut)d, form POSTs resent after a 503 %(resent_after_503)d" % report)
    print("%-18s %8s %9s %9s" % ("request", "count", "p50 ms", "p99 ms"))
    for name, v in report["latency_by_action"].items():
        print("%-18s %8d %9.2f %9.2f" % (name, v["n"], v["p50_ms"], v["p99_ms"]))
    if verified is not None:
        print("database: %d accepted submissions, %d lost, %d half-saved requests (%d requests, %d drafts)"
              % (verified["accepted"], len(verified["lost"]), len(verified["half_saved"]), verified["requests"],
                 verified["drafts"]))
        for x in verified["lost"][:5]:
            print("  lost:", x)
        for x in verified["half_saved"][:5]:
            print("  half-saved:", x)
    if mail is not None:
        print("mail: %(outbox)d in the outbox %(states)s, %(delivered)d delivered, %(attempts)d attempts; "
              "duplicates %(dup)d, strays %(str)d, notices queued twice %(twice)d, unrecorded attempts %(unrec)d; "
              "drained %(drain_s)s s after the load"
              % dict(mail, dup=len(mail["duplicates"]), str=len(mail["strays"]), twice=len(mail["notice_twice"]),
                     unrec=len(mail["attempts_unrecorded"])))
    for e in report["first_errors"]:
        print("  error:", e)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url")
    ap.add_argument("--start", action="store_true", help="start a portal from the build tree")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--max-requests", type=int, default=10000000)
    ap.add_argument("--processes", type=int, default=8, help="FastCGI processes (with --start)")
    ap.add_argument("--users", type=int, default=0, help="employees filing forms (default: one per client)")
    ap.add_argument("--auth", choices=("md5", "bcrypt"), default="md5",
                    help="the employees' Basic-auth password hash (default md5: see add_users)")
    ap.add_argument("--mix", choices=("all", "pages", "forms"), default="all")
    ap.add_argument("--no-mail", action="store_true", help="no SMTP catcher and mailer (the outbox is checked)")
    ap.add_argument("--drain-seconds", type=float, default=300,
                    help="after the load, wait up to this long for the mailer to send the outbox")
    ap.add_argument("--fault", choices=("kill", "reader"), action="append", default=[])
    ap.add_argument("--kill-every", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                    help="seconds between kills, drawn at random (default 0.5 2.0). Much faster than "
                         "the processes can be replaced makes mod_fcgid throttle spawning (its spawn "
                         "score), and requests then wait for a process")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    portal = None
    users = None
    if args.start:
        from harness import Portal
        portal = Portal(fcgi_processes=args.processes, test_clock=True, mail=not args.no_mail)
        url = portal.url
    elif args.url:
        url = args.url
        if args.mix == "forms":
            ap.error("--mix forms needs --start")
    else:
        ap.error("--url or --start")
    killer = reader = None
    verified = mail = None
    try:
        if portal:
            portal.start()
            if args.mix != "pages":
                users = add_users(portal, args.users or args.clients, auth=args.auth)
        if "kill" in args.fault:
            if portal is None:
                ap.error("--fault kill needs --start")
            killer = ProcessKiller(portal.fcgi_pids, interval=tuple(args.kill_every),
                                   max_kills=int(args.seconds / args.kill_every[0]) + 1)
            killer.start()
        if "reader" in args.fault:
            if portal is None:
                ap.error("--fault reader needs --start")
            reader = LongReader(portal.db_path)
        report = run_load(url, args.clients, args.seconds, args.max_requests, allow_503=bool(args.fault),
                          users=users, mix=args.mix)
        if killer:
            killer.stop.set()
            killer.join()
        if reader:
            reader.close()
            reader = None
        if portal and users:
            verified = verify_submissions(portal.db_path, report["accepted"])
            if not args.no_mail:
                pending, waited = wait_for_outbox(portal.db_path, args.drain_seconds)
                mail = verify_mail(portal.db_path, portal.relay.maildir)
                mail["drain_s"] = round(waited, 1)
    finally:
        if killer:
            killer.stop.set()
            killer.join()
        if reader:
            reader.close()
        if portal:
            portal.stop()
            portal.cleanup()
    if killer:
        report["processes_killed"] = len(killer.killed)
    report["clients"] = args.clients
    sample = report.pop("sample_503")
    report.pop("post_503")
    report.pop("accepted")
    failed = bool(report["errors"])
    if verified is not None:
        report["verified"] = {k: (len(v) if isinstance(v, list) else v) for k, v in verified.items()}
        failed = failed or bool(verified["lost"] or verified["half_saved"])
    if mail is not None:
        report["mail"] = mail
        failed = failed or bool(mail["duplicates"] or mail["strays"] or mail["undelivered"] or mail["notice_twice"])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report, verified, mail)
        if killer:
            print("%d FastCGI processes killed during the run" % len(killer.killed))
        if sample:
            print("a 503 as the client saw it: Retry-After %s, %r" % (sample[0].get("retry-after"), sample[1][-300:]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
