#!/usr/bin/python3
"""Forms benchmark (not a test): through the real Apache + mod_fcgid portal
with its SQLite database (every commit synced before its answer),

  1. filings per second sustained over HTTP: concurrent clients each file
     requests the way a browser does (blank form, save for review, review
     page, signed submit); every filing commits its request, history,
     signature, the supervisor's outbox row and the employee's receipt durably;
  2. PDF documents: the time to answer GET /requests/<id>/pdf, one at a time;
  3. the database's growth per 10,000 filed requests (checkpointed file).

Run from a built tree (HR_SRCDIR/HR_BUILDDIR default to it):

    /usr/bin/python3 bench/forms_bench.py [--filings 10000] [--seconds N] [--clients 8] [--processes 8] [--pdfs 200]
        [--client python|wrk] [--auth sha1|md5|bcrypt]

With --client wrk (bench/forms_load.lua) the filings run for --seconds (default 20).

Prints one JSON object with the figures."""
import argparse
import base64
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

import harness  # noqa: E402
from formsclient import CLOCK, form_posting_to  # noqa: E402

MIX = [
    ("leave", {"leave_type": "annual", "start_date": "2027-02-01", "end_date": "2027-02-02", "hours": "15"}),
    ("leave", {"leave_type": "sick", "start_date": "2027-01-04", "end_date": "2027-01-04", "hours": "7.5"}),
    ("leave", {"leave_type": "voting", "start_date": "2027-11-02", "end_date": "2027-11-02", "hours": "4"}),
    ("fmla", {"start_date": "2027-03-01", "end_date": "2027-04-01", "schedule": "continuous", "reason": "birth",
              "service_months": "30", "hours": "1500", "paid_leave": "concurrent"}),
    ("grievance", {"job_classification": "Analyst", "occurred_on": "2027-01-02", "subject_is_supervisor": "0",
                   "statement": "The schedule posted on 2027-01-02 gave me every weekend shift. " * 4,
                   "remedy": "Rotate weekend shifts fairly."}),
]


def basic_auth(user):
    """The Authorization header of a demo user."""
    return "Basic " + base64.b64encode(("%s:%s" % (user, harness.DEMO_PASSWORD)).encode()).decode()


class Client:
    """One browser: a kept-alive connection, Basic auth, the test clock."""

    def __init__(self, port, user):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": basic_auth(user), "X-Hrportal-Now": CLOCK,
                        "Host": "127.0.0.1:%d" % port}

    def call(self, method, path, fields=None):
        body = urllib.parse.urlencode(fields) if fields is not None else None
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                return r.status, r.getheader("Location"), data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise

    def file(self, key, answers, name):
        st, _, page = self.call("GET", "/forms/%s/new" % key)
        assert st == 200, st
        fields = form_posting_to(page.decode(), "/forms/" + key)
        fields.update(answers)
        fields["action"] = "review"
        st, loc, _ = self.call("POST", "/forms/" + key, fields)
        assert st == 303, (st, key)
        rid = int(loc.split("/")[2])
        st, _, page = self.call("GET", loc)
        assert st == 200, st
        sub = form_posting_to(page.decode(), "/requests/%d/submit" % rid)
        sub["signature"] = name
        st, loc, _ = self.call("POST", "/requests/%d/submit" % rid, sub)
        assert st == 303 and loc == "/requests/%d" % rid, (st, loc)
        return rid


def db_bytes(portal):
    with portal.db() as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        size = con.execute("PRAGMA page_size").fetchone()[0]
    return pages * size


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def wrk_filings(portal, clients, seconds, state, user="jdoe", name="Jane Doe"):
    """Filings by wrk (bench/forms_load.lua), one connection per thread, for
    seconds, as user (who signs as name): the same light client as the page
    benchmark, so that the ratio of the two measures the portal and not the
    client. Fills state's latencies (seconds) and errors; returns the
    elapsed time."""
    cmd = ["wrk", "-t%d" % clients, "-c%d" % clients, "-d%ds" % int(seconds), "--timeout", "30s",
           "-s", os.path.join(HERE, "forms_load.lua"), "http://127.0.0.1:%d/" % portal.port,
           "--", basic_auth(user), CLOCK, name]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError("wrk failed: " + (done.stderr or done.stdout)[-2000:])
    for line in done.stdout.splitlines():
        if line.startswith("HRFORMS "):
            _, _, errors = line.split()
            state["errors"] += ["a step of a filing did not get its expected answer"] * int(errors)
        elif line.startswith("HRLATENCY"):
            state["latencies"] = [float(v) / 1000 for v in line.split()[1:]]
    return elapsed


def run(filings=10000, clients=8, processes=8, pdfs=200, warmup=200, auth="sha1", seconds=None, client="python"):
    """Everything main() measures, as a dict. seconds, when given, stops
    filing after that long (whichever of filings and seconds comes first)."""
    portal = harness.Portal(fcgi_processes=processes)
    portal.start()
    try:
        if auth != "bcrypt":
            path = os.path.join(portal.server.rundir, "htpasswd")
            subprocess.run(["htpasswd", "-b", "-m" if auth == "md5" else "-s", path, "jdoe", harness.DEMO_PASSWORD],
                           check=True, capture_output=True)
        warm = [threading.Thread(target=lambda: [Client(portal.port, "jdoe").file(*MIX[0], "Jane Doe")
                                                 for _ in range(max(1, warmup // clients))])
                for _ in range(clients)]
        for t in warm:
            t.start()
        for t in warm:
            t.join()
        baseline = db_bytes(portal)
        warm_count = portal.db().execute("SELECT count(*) FROM requests").fetchone()[0]
        outbox_before = portal.db().execute("SELECT count(*) FROM outbox").fetchone()[0]
        lock = threading.Lock()
        state = {"next": 0, "latencies": [], "ids": [], "errors": []}
        deadline = [None]

        def worker(n):
            c = Client(portal.port, "jdoe")
            while True:
                with lock:
                    i = state["next"]
                    if i >= filings or (deadline[0] is not None and time.perf_counter() >= deadline[0]):
                        return
                    state["next"] += 1
                key, answers = MIX[i % len(MIX)]
                t0 = time.perf_counter()
                try:
                    rid = c.file(key, answers, "Jane Doe")
                except Exception as e:  # noqa: BLE001 - reported below
                    with lock:
                        state["errors"].append(repr(e))
                    continue
                dt = time.perf_counter() - t0
                with lock:
                    state["latencies"].append(dt)
                    state["ids"].append(rid)

        if client == "wrk":
            elapsed = wrk_filings(portal, clients, seconds or 20, state)
        else:
            threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
            start = time.perf_counter()
            if seconds is not None:
                deadline[0] = start + seconds
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - start
        filed = len(state["latencies"])
        if client == "wrk":
            with portal.db() as con:
                state["ids"] = [r[0] for r in con.execute(
                    "SELECT id FROM requests WHERE status <> 'draft' ORDER BY id DESC LIMIT ?", (pdfs,))]
        with portal.db() as con:
            submitted = con.execute("SELECT count(*) FROM requests WHERE status <> 'draft'").fetchone()[0] - warm_count
            outbox = con.execute("SELECT count(*) FROM outbox").fetchone()[0] - outbox_before
            journal = con.execute("PRAGMA journal_mode").fetchone()[0]
        after = db_bytes(portal)

        # PDFs, one at a time, of requests with a history.
        c = Client(portal.port, "jdoe")
        pdf_times, pdf_sizes = [], []
        for rid in state["ids"][: pdfs]:
            t0 = time.perf_counter()
            st, _, data = c.call("GET", "/requests/%d/pdf" % rid)
            pdf_times.append(time.perf_counter() - t0)
            assert st == 200 and data.startswith(b"%PDF-"), st
            pdf_sizes.append(len(data))

        lat = state["latencies"]
        result = {
            "filings": filed,
            "errors": len(state["errors"]),
            "first_error": state["errors"][0] if state["errors"] else None,
            "clients": clients,
            "client": client,
            "auth": auth,
            "fcgi_processes": processes,
            "journal_mode": journal,
            "seconds": round(elapsed, 2),
            "filings_per_second": round(filed / elapsed, 1),
            "http_requests_per_second": round(4 * filed / elapsed, 1),
            "durable_commits_per_second": round(2 * filed / elapsed, 1),
            "filing_latency_ms": {"median": round(1000 * statistics.median(lat), 1),
                                  "p95": round(1000 * percentile(lat, 0.95), 1),
                                  "max": round(1000 * max(lat), 1)} if lat else None,
            "submitted_rows": submitted,
            "outbox_rows": outbox,
            "pdf": {"documents": len(pdf_times),
                    "ms_median": round(1000 * statistics.median(pdf_times), 2) if pdf_times else None,
                    "ms_p95": round(1000 * percentile(pdf_times, 0.95), 2) if pdf_times else None,
                    "bytes_median": int(statistics.median(pdf_sizes)) if pdf_sizes else None},
            "db_bytes_before": baseline,
            "db_bytes_after": after,
            "db_bytes_per_10000_requests": int((after - baseline) * 10000 / filed) if filed else None,
        }
    finally:
        portal.stop()
        log = portal.error_log()
        portal.cleanup()
    bad = [line for line in log.splitlines() if harness.BAD_LOG.search(line)]
    result["portal_problems"] = bad[:20]
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--filings", type=int, default=10000)
    ap.add_argument("--seconds", type=float, help="stop filing after this long (default: when all are filed)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--processes", type=int, default=8)
    ap.add_argument("--pdfs", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=200, help="filings before timing (mod_fcgid spawns processes)")
    ap.add_argument("--client", choices=("python", "wrk"), default="python",
                    help="who files: Python threads (any --filings count) or wrk with bench/forms_load.lua "
                         "(for --seconds; the page benchmark's client, light enough not to be the bottleneck)")
    ap.add_argument("--auth", choices=("sha1", "md5", "bcrypt"), default="sha1",
                    help="password hash of the development Basic auth, checked by Apache on every request: "
                         "the scripts' bcrypt costs about 8 ms, md5 (1,000 rounds) about 0.3 ms, more than "
                         "the portal's own work on a page; sha1 (one round) next to nothing. The page "
                         "benchmark reads public pages without auth, and production signs in by SSO or "
                         "LDAP with a cache, so sha1 compares the portal with the portal")
    args = ap.parse_args()
    result = run(args.filings, args.clients, args.processes, args.pdfs, args.warmup, args.auth, args.seconds,
                 args.client)
    bad = result.pop("portal_problems")
    print(json.dumps(result, indent=2))
    if bad:
        print("portal problems:\n" + "\n".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
