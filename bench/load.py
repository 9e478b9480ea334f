#!/usr/bin/python3
"""Load and fault test of a running portal, over loopback only.

N clients (threads, each with its own keep-alive connection) send a weighted
mix of requests for T seconds or until M requests in all, whichever comes
first, and check every answer: the right status, a whole body (Content-Length
honoured, HTML pages end with </html>), and the page's own text. Reported:
requests, errors, clean 503s, p50/p90/p99/max latency, requests per second.

    bench/load.py --url http://127.0.0.1:8080 [--clients 16] [--seconds 30]
                  [--max-requests 100000] [--json]
    bench/load.py --start [...]          start a portal from the build tree
                                         (HR_BUILDDIR) and load it
    bench/load.py --start --fault kill   FastCGI processes killed at random
    bench/load.py --start --fault reader a long read transaction held in
                                         another process during the load

Other features add their requests with add_action() (wizard API calls, form
submissions: a submission's check can look up the database to prove nothing
accepted was lost; bench/forms_bench.py drives the forms). tests/test_faults.py runs short,
bounded versions of all of this in `make check`.
"""
import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse


class Action:
    """One kind of request in the mix.

    make(rng) -> (method, path, body or None, headers dict)
    check(status, headers, body) -> None or a string saying what is wrong
    """

    def __init__(self, name, weight, make, check=None, statuses=(200,)):
        self.name, self.weight, self.make, self.check, self.statuses = name, weight, make, check, statuses


def html_page(*must_contain):
    def check(status, headers, body):
        if not body.rstrip().endswith(b"</html>"):
            return "page cut short"
        for text in must_contain:
            if text.encode() not in body:
                return "page lacks %r" % text
        return None
    return check


def get(path):
    return lambda rng: ("GET", path, None, {})


# The content pages, weighted roughly as people read them.
ACTIONS = [
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


def add_action(name, weight, make, check=None, statuses=(200,)):
    """Hook for other features: search, wizard API, form submissions."""
    ACTIONS.append(Action(name, weight, make, check, statuses))


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * (len(sorted_values) - 1)))))
    return sorted_values[k]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []          # (action, what) for anything a user should never see
        self.unavailable = 0      # clean 503 pages (allowed only where a test says so)
        self.sample_503 = None    # (headers, body) of the first one
        self.retries = 0          # GETs sent again after a kept-alive connection closed
        self.by_action = {}

    def retry(self):
        with self.lock:
            self.retries += 1

    def add(self, action, latency, error=None, unavailable=False, sample=None):
        with self.lock:
            if unavailable and self.sample_503 is None:
                self.sample_503 = sample
            self.latencies.append(latency)
            self.by_action[action] = self.by_action.get(action, 0) + 1
            if unavailable:
                self.unavailable += 1
            if error:
                self.errors.append((action, error))

    def report(self, seconds):
        lat = sorted(self.latencies)
        return {
            "requests": len(lat), "errors": len(self.errors), "unavailable_503": self.unavailable,
            "keepalive_retries": self.retries,
            "seconds": round(seconds, 2), "rps": round(len(lat) / seconds, 1) if seconds else 0,
            "p50_ms": round(percentile(lat, 50) * 1000, 2), "p90_ms": round(percentile(lat, 90) * 1000, 2),
            "p99_ms": round(percentile(lat, 99) * 1000, 2), "max_ms": round((lat[-1] if lat else 0) * 1000, 2),
            "by_action": dict(sorted(self.by_action.items())),
            "first_errors": self.errors[:10],
            "sample_503": self.sample_503,
        }


def check_loopback(url):
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("127."):
        raise SystemExit("load.py only loads a portal on this machine (loopback), not %s" % host)


def client(url, deadline, budget, stats, rng, allow_503, stop):
    parts = urllib.parse.urlsplit(url)
    conn = None
    weights = [a.weight for a in ACTIONS]
    while time.monotonic() < deadline and not stop.is_set():
        with budget["lock"]:
            if budget["left"] <= 0:
                return
            budget["left"] -= 1
        action = rng.choices(ACTIONS, weights)[0]
        method, path, body, headers = action.make(rng)
        hdrs = {"Host": parts.netloc, "User-Agent": "hrportal-load"}
        hdrs.update(headers)
        t0 = time.monotonic()
        try:
            reused = conn is not None
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            try:
                conn.request(method, path, body=body, headers=hdrs)
                r = conn.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed the kept-alive connection as we reused
                # it (nothing of a response came): HTTP lets a client send an
                # idempotent request again on a new connection, as browsers do.
                if not reused or method not in ("GET", "HEAD"):
                    raise
                stats.retry()
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                conn.request(method, path, body=body, headers=hdrs)
                r = conn.getresponse()
            data = r.read()          # raises IncompleteRead when cut short
            latency = time.monotonic() - t0
            length = r.getheader("Content-Length")
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
            if length is not None and int(length) != len(data) and method != "HEAD":
                stats.add(action.name, latency, "body of %d bytes, announced %s" % (len(data), length))
            elif r.status == 503 and allow_503:
                # A clean refusal: a whole page that says to try again.
                ok = data.rstrip().endswith(b"</html>") or b"Service Unavailable" in data or b"unavailable" in data
                stats.add(action.name, latency, None if ok else "503 without a page: %r" % data[:200], unavailable=ok,
                          sample=(dict((k.lower(), v) for k, v in r.getheaders()), data))
            elif r.status not in action.statuses:
                stats.add(action.name, latency, "%s %s -> %d: %r" % (method, path, r.status, data[:200]))
            else:
                problem = action.check(r.status, r.headers, data) if action.check else None
                stats.add(action.name, latency, problem and "%s %s: %s" % (method, path, problem))
        except (OSError, http.client.HTTPException) as e:
            stats.add(action.name, time.monotonic() - t0, "%s %s: %r" % (method, path, e))
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()


def run_load(url, clients=16, seconds=10.0, max_requests=100000, allow_503=False, seed=1):
    """Load url; returns the report dict."""
    check_loopback(url)
    stats = Stats()
    stop = threading.Event()
    budget = {"left": max_requests, "lock": threading.Lock()}
    t0 = time.monotonic()
    deadline = t0 + seconds
    threads = [threading.Thread(target=client, args=(url, deadline, budget, stats, random.Random(seed + i),
                                                     allow_503, stop), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    stop.set()
    return stats.report(time.monotonic() - t0)


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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url")
    ap.add_argument("--start", action="store_true", help="start a portal from the build tree")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=1000000)
    ap.add_argument("--processes", type=int, default=8, help="FastCGI processes (with --start)")
    ap.add_argument("--fault", choices=("kill", "reader"), action="append", default=[])
    ap.add_argument("--kill-every", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                    help="seconds between kills, drawn at random (default 0.5 2.0). Much faster than "
                         "the processes can be replaced makes mod_fcgid throttle spawning (its spawn "
                         "score), and requests then wait for a process")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    portal = None
    if args.start:
        top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        sys.path.insert(0, os.path.join(top, "tests"))
        os.environ.setdefault("HR_SRCDIR", top)
        os.environ.setdefault("HR_BUILDDIR", os.path.join(top, "build"))
        from harness import Portal
        portal = Portal(fcgi_processes=args.processes, test_clock=False).start()
        url = portal.url
    elif args.url:
        url = args.url
    else:
        ap.error("--url or --start")
    killer = reader = None
    try:
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
        report = run_load(url, args.clients, args.seconds, args.max_requests, allow_503=bool(args.fault))
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
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print("%(requests)d requests in %(seconds)s s by %(clients)d clients (%(rps)s/s): %(errors)d errors, "
              "%(unavailable_503)d clean 503s, %(keepalive_retries)d resent after a closed keep-alive; latency p50 %(p50_ms)s ms, p90 %(p90_ms)s ms, p99 %(p99_ms)s ms, "
              "max %(max_ms)s ms" % report)
        if killer:
            print("%d FastCGI processes killed during the run" % len(killer.killed))
        if sample:
            print("a 503 as the client saw it: Retry-After %s, %r" % (sample[0].get("retry-after"), sample[1][-300:]))
        for e in report["first_errors"]:
            print("  error:", e)
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
