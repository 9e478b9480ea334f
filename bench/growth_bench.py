#!/usr/bin/python3
"""Growth benchmark (not a test): what years of requests do to the portal.

Through the real Apache + mod_fcgid portal and its SQLite database, it
loads generated requests in steps (10k, 100k, 1M by default: a state of
35,000 employees files a few hundred thousand a year), each with the rows
real use makes for it: the answers, the history (created, submitted,
decided), the signatures, the parties, two outbox messages with their
delivery attempts, and one audit-log row in ten. The directory holds
35,000 generated employees in 20 agencies, one supervisor for every ten,
and an acknowledgement campaign that 60 % of them have signed.

At each size it measures, with wrk (one page at a time):

  - a supervisor's inbox (msmith: every 500th request is theirs to decide,
    one in ten of those still pending);
  - an employee's "my requests" (a long career: every 2,000th request);
  - HR's request list: the first page, a page 500 pages deep, and one
    agency filtered;
  - the acknowledgement campaign's report;
  - durable form filings per second (bench/forms_load.lua, as
    bench/forms_bench.py --client wrk).

Run from a built tree (HR_SRCDIR/HR_BUILDDIR default to it):

    /usr/bin/python3 bench/growth_bench.py [--sizes 10000,100000,1000000] [--seconds 5]
        [--connections 4] [--filing-seconds 10] [--processes 8]

Prints one JSON object with the figures."""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
sys.path.insert(0, HERE)

import benchlib  # noqa: E402
import forms_bench  # noqa: E402
import harness  # noqa: E402
from formsclient import CLOCK  # noqa: E402

EMPLOYEES = 35000
AGENCIES = 20
TEAM = 10                 # employees per generated supervisor
HEAVY_EVERY = 2000        # the long-career employee's share of requests
MSMITH_EVERY = 500        # the demo supervisor's share
ACK_SHARE = 0.6

# One statement per table, each over the generated range ?1..?2 (request
# numbers). Request n belongs to employee owner(n), decided by that
# employee's supervisor; its id is ?3 + n. The shares above are written
# into the SQL as numbers so that every statement agrees on them.
OWNER = ("CASE WHEN n %% %d = 1 THEN (SELECT id FROM users WHERE login = 'emp00001') "
         "WHEN n %% %d = 0 THEN (SELECT id FROM users WHERE login = 'jdoe') "
         "ELSE (SELECT id FROM users WHERE login = printf('emp%%05d', 2 + (n * 7919) %% %d)) END"
         % (HEAVY_EVERY, MSMITH_EVERY, EMPLOYEES - 1))
SERIES = "WITH RECURSIVE g(n) AS (SELECT ?1 UNION ALL SELECT n + 1 FROM g WHERE n < ?2) "
# Spread over seven years before the test clock, oldest first.
AT = "strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-01', '+' || (n * 220000000 / ?4) || ' seconds')"
STATUS = ("CASE WHEN n %% %d = 0 THEN CASE WHEN n %% %d = 0 THEN 'pending' ELSE 'approved' END "
          "WHEN n %% 20 = 0 THEN 'pending' WHEN n %% 20 = 1 THEN 'denied' WHEN n %% 20 = 2 THEN 'withdrawn' "
          "ELSE 'approved' END" % (MSMITH_EVERY, 10 * MSMITH_EVERY))
TYPE = ("CASE n % 20 WHEN 3 THEN 'fmla' WHEN 4 THEN 'grievance' WHEN 5 THEN 'outside-employment' "
        "WHEN 6 THEN 'tobacco-free' ELSE 'leave' END")

LOAD = [
    # The owners and their supervisors are fixed per n: materialise them once.
    "CREATE TEMP TABLE gen AS " + SERIES + "SELECT n, ?3 + n AS id, " + OWNER + " AS owner, "
    + AT + " AS at, " + STATUS + " AS status, " + TYPE + " AS type FROM g",
    "INSERT INTO requests(id, type, owner_id, idem_key, status, agency, summary, assignee_id, step, step_kind, "
    "received_on, due_on, created_at, updated_at, submitted_at, closed_at) "
    "SELECT g.id, g.type, g.owner, printf('gen-%016d', g.n), g.status, o.agency, "
    "'Annual leave, 2 days', CASE WHEN g.status = 'pending' THEN o.supervisor_id END, 1, 'supervisor', "
    "substr(g.at, 1, 10), CASE WHEN g.type = 'grievance' AND g.status = 'pending' "
    "THEN date(substr(g.at, 1, 10), '+5 days') END, g.at, g.at, g.at, "
    "CASE WHEN g.status <> 'pending' THEN g.at END FROM gen g JOIN users o ON o.id = g.owner",
    "INSERT INTO request_fields(request_id, name, value) "
    "SELECT g.id, f.name, f.value FROM gen g, (SELECT 'start_date' AS name, '2027-02-01' AS value "
    "UNION ALL SELECT 'end_date', '2027-02-02' UNION ALL SELECT 'hours', '15' "
    "UNION ALL SELECT 'leave_type', 'annual') f",
    "INSERT INTO request_parties(request_id, user_id) SELECT g.id, o.supervisor_id FROM gen g "
    "JOIN users o ON o.id = g.owner WHERE o.supervisor_id IS NOT NULL",
    "INSERT INTO request_events(request_id, at, actor_id, action, step) "
    "SELECT g.id, g.at, g.owner, 'created', 0 FROM gen g UNION ALL "
    "SELECT g.id, g.at, g.owner, 'submitted', 1 FROM gen g UNION ALL "
    "SELECT g.id, g.at, CASE WHEN g.status = 'withdrawn' THEN g.owner ELSE o.supervisor_id END, "
    "CASE g.status WHEN 'denied' THEN 'denied' WHEN 'withdrawn' THEN 'withdrawn' ELSE 'approved' END, 1 "
    "FROM gen g JOIN users o ON o.id = g.owner WHERE g.status <> 'pending' ORDER BY 1",
    "INSERT INTO signatures(request_id, user_id, role, typed_name, signed_at) "
    "SELECT g.id, g.owner, 'employee', o.name, g.at FROM gen g JOIN users o ON o.id = g.owner UNION ALL "
    "SELECT g.id, o.supervisor_id, 'approver', s.name, g.at FROM gen g JOIN users o ON o.id = g.owner "
    "JOIN users s ON s.id = o.supervisor_id WHERE g.status IN ('approved', 'denied') ORDER BY 1",
    "INSERT INTO outbox(message_id, created_at, to_name, to_addr, subject, body_text, kind, request_id, state, "
    "attempts, next_attempt_at, sent_at) "
    "SELECT printf('<gen-%d-%d@hrportal>', g.n, k.k), g.at, u.name, u.email, "
    "CASE k.k WHEN 1 THEN 'A request awaits your decision' ELSE 'Your request was received' END, "
    "'See the portal.', CASE k.k WHEN 1 THEN 'request_submitted' ELSE 'request_receipt' END, g.id, 'sent', 1, "
    "g.at, g.at FROM gen g JOIN users o ON o.id = g.owner, (SELECT 1 AS k UNION ALL SELECT 2) k "
    "JOIN users u ON u.id = CASE k.k WHEN 1 THEN coalesce(o.supervisor_id, o.id) ELSE o.id END ORDER BY g.n, k.k",
    # outbox has no index on request_id (nothing reads it so): new rows are
    # those past the generated requests' first message.
    "INSERT INTO outbox_attempts(outbox_id, attempted_at, outcome, smtp_code) "
    "SELECT o.id, o.created_at, 'sent', 250 FROM outbox o "
    "WHERE o.id >= (SELECT min(id) FROM outbox WHERE message_id = printf('<gen-%d-1@hrportal>', "
    "(SELECT min(n) FROM gen)))",
    "INSERT INTO audit_log(at, user_id, login, remote_addr, action, target, detail) "
    "SELECT g.at, NULL, 'hradmin', '127.0.0.1', 'section.publish', '/handbook/generated', '' "
    "FROM gen g WHERE g.n % 10 = 0",
    "DROP TABLE gen",
]


def one(con, sql, params=()):
    """The first column of the first row; fetchall() finishes the statement,
    so that no read snapshot stays open behind the next write."""
    return con.execute(sql, params).fetchall()[0][0]


def add_people(con):
    """35,000 employees in 20 agencies, a supervisor per ten (themselves
    reporting to msmith's manager dlee), and a campaign 60 % have signed."""
    dlee = one(con, "SELECT id FROM users WHERE login = 'dlee'")
    rows = []
    for i in range(1, EMPLOYEES + 1):
        agency = "Agency %02d" % (i % AGENCIES)
        rows.append(("emp%05d" % i, "G%07d" % i, "Employee %05d" % i, "emp%05d@example.test" % i, agency,
                     "supervisor" if i % TEAM == 0 else "employee"))
    con.executemany("INSERT INTO users(login, employee_id, name, email, agency, role) VALUES (?, ?, ?, ?, ?, ?)",
                    rows)
    con.execute("UPDATE users SET supervisor_id = (SELECT s.id FROM users s WHERE s.login = "
                "printf('emp%05d', ((CAST(substr(users.login, 4) AS INTEGER) + 9) / 10) * 10)) "
                "WHERE login LIKE 'emp%' AND role = 'employee'")
    con.execute("UPDATE users SET supervisor_id = ? WHERE login LIKE 'emp%' AND role = 'supervisor'", (dlee,))
    section = one(con, "SELECT s.id FROM sections s JOIN section_versions v ON v.section_id = s.id "
                  "ORDER BY s.id LIMIT 1")
    version = one(con, "SELECT max(version) FROM section_versions WHERE section_id = ?", (section,))
    cur = con.execute("INSERT INTO ack_campaigns(section_id, version, title, due_on, all_agencies, created_at, "
                      "created_by) VALUES (?, ?, 'Growth bench campaign', '2027-03-01', 1, "
                      "'2026-12-01T00:00:00Z', 'hradmin')", (section, version))
    campaign = cur.lastrowid
    con.execute("INSERT INTO acknowledgements(campaign_id, user_id, version, typed_name, signed_at) "
                "SELECT ?, id, ?, name, '2026-12-02T10:00:00Z' FROM users WHERE login LIKE 'emp%' "
                "AND CAST(substr(login, 4) AS INTEGER) % 100 < ?", (campaign, version, round(100 * ACK_SHARE)))
    con.commit()
    return campaign


def add_requests(con, first, last):
    """Requests first..last (numbers, not ids) with their rows, in one
    transaction."""
    base = one(con, "SELECT coalesce(max(id), 0) FROM requests") + 1 - first
    con.execute("BEGIN")
    for i, sql in enumerate(LOAD):
        con.execute(sql, (first, last, base, 1000000) if i == 0 else ())
    con.execute("COMMIT")


def measure_pages(portal, con, campaign, seconds, connections):
    """wrk on each page in turn: {page: {rps, p50_ms, p99_ms, ...}}."""
    deep = one(con, "SELECT coalesce(min(id), 1) FROM (SELECT id FROM requests WHERE status <> 'draft' "
               "ORDER BY id DESC LIMIT 49901)")
    pages = {
        "inbox (msmith)": ("msmith", "/inbox"),
        "my requests (long career)": ("emp00001", "/my/requests"),
        "HR list, page 1": ("hradmin", "/requests"),
        # 500 pages deep: by id (before=) here, by offset (page=) in builds
        # before issue 14's growth step, so that one address serves both.
        "HR list, page 500": ("hradmin", "/requests?page=500&before=%d" % deep),
        "HR list, one agency": ("hradmin", "/requests?agency=Agency%2007"),
        "acknowledgement report": ("hradmin", "/admin/acknowledgements/%d" % campaign),
    }
    out = {}
    for name, (user, path) in pages.items():
        st, _, body = forms_bench.Client(portal.port, user).call("GET", path)
        if st != 200:
            raise RuntimeError("%s answered %d: %s" % (path, st, body[:300]))
        headers = {"Authorization": forms_bench.basic_auth(user), "X-Hrportal-Now": CLOCK}
        # A first second unmeasured: every process started and warm.
        benchlib.wrk(portal.url + path, 1, connections, headers=headers)
        r = benchlib.wrk(portal.url + path, seconds, connections, headers=headers)
        r["bytes"] = len(body)
        out[name] = {k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}
    return out


def run(sizes, seconds=5, connections=4, filing_seconds=10, processes=8):
    portal = harness.Portal(fcgi_processes=processes)
    portal.start()
    results = {"employees": EMPLOYEES, "connections": connections, "fcgi_processes": processes, "sizes": []}
    try:
        logins = ("msmith", "hradmin", "emp00001", "emp00002")
        htpasswd = os.path.join(portal.server.rundir, "htpasswd")
        for login in logins:
            subprocess.run(["htpasswd", "-b", "-s", htpasswd, login, harness.DEMO_PASSWORD], check=True,
                           capture_output=True)
        con = portal.db()
        con.isolation_level = None
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("BEGIN")
        campaign = add_people(con)  # commits
        loaded = 0
        for size in sizes:
            t0 = time.perf_counter()
            add_requests(con, loaded + 1, size)
            load_s = time.perf_counter() - t0
            loaded = size
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            con.execute("ANALYZE")
            counts = {t: one(con, "SELECT count(*) FROM %s" % t)
                      for t in ("requests", "request_events", "outbox", "audit_log")}
            pages = measure_pages(portal, con, campaign, seconds, connections)
            state = {"latencies": [], "errors": []}
            # As an employee whose supervisor nobody measures: the filings
            # stay pending, and would otherwise pile up in msmith's inbox.
            elapsed = forms_bench.wrk_filings(portal, 8, filing_seconds, state, "emp00002", "Employee 00002")
            lat = sorted(state["latencies"])
            step = {"requests": size, "load_seconds": round(load_s, 1), "rows": counts,
                    "db_mib": round(forms_bench.db_bytes(portal) / 1048576, 1), "pages": pages,
                    "filings_per_second": round(len(lat) / elapsed, 1), "filing_errors": len(state["errors"]),
                    "filing_p95_ms": round(1000 * forms_bench.percentile(lat, 0.95), 1) if lat else None}
            results["sizes"].append(step)
            print(json.dumps(step), file=sys.stderr, flush=True)
        con.close()
    finally:
        portal.stop()
        log = portal.error_log()
        portal.cleanup()
    results["portal_problems"] = [line for line in log.splitlines() if harness.BAD_LOG.search(line)][:20]
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seconds", type=int, default=5, help="wrk seconds per page and size")
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--filing-seconds", type=int, default=10)
    ap.add_argument("--processes", type=int, default=8)
    a = ap.parse_args()
    sizes = sorted(int(s) for s in a.sizes.split(","))
    print(json.dumps(run(sizes, a.seconds, a.connections, a.filing_seconds, a.processes), indent=2))


if __name__ == "__main__":
    main()
